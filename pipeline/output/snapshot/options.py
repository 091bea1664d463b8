"""Options of a briefing image: parse and check them, one clear line per bad value."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from pipeline.errors import InputError

EVENT_TYPES = ("annexation_claim", "frontline_incident", "casualty_report")
FORMATS = ("png", "pdf", "svg")
DEFAULT_SIZE = (1920, 1080)
DEFAULT_DPI = 150
DEFAULT_TITLE = "Conflict events reported in the news"
_ADMIN1_CODE = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")


@dataclass(frozen=True)
class SnapshotOptions:
    """Validated rendering options (see ``validate_options``)."""

    fmt: str = "png"
    title: str | None = None
    size: tuple[int, int] = DEFAULT_SIZE
    dpi: int = DEFAULT_DPI
    types: tuple[str, ...] = EVENT_TYPES
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    admin1: tuple[str, ...] = ()
    bbox: tuple[float, float, float, float] | None = None
    tiles: bool = False
    tile_provider: Any = None
    n_articles: int | None = None


def parse_size(text: str) -> tuple[int, int]:
    """Parse ``"WIDTHxHEIGHT"`` in pixels, e.g. ``"1920x1080"``."""
    match = re.fullmatch(r"\s*(\d{2,5})\s*[xX×]\s*(\d{2,5})\s*", str(text))
    if not match:
        msg = f"invalid size {text!r}: expected WIDTHxHEIGHT in pixels, e.g. 1920x1080"
        raise InputError(msg)
    return _check_size((int(match.group(1)), int(match.group(2))))


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """Parse ``"W,S,E,N"`` in degrees (lon, lat) into a checked tuple."""
    parts = [part.strip() for part in str(text).split(",")]
    try:
        values = tuple(float(part) for part in parts)
    except ValueError:
        values = ()
    if len(values) != 4:
        msg = f"invalid bbox {text!r}: expected W,S,E,N in degrees, e.g. 30,46,40,52"
        raise InputError(msg)
    return _check_bbox(values)  # type: ignore[arg-type]


def parse_date(value: str | dt.date | None, *, name: str) -> dt.date | None:
    """Parse a ``YYYY-MM-DD`` date (or pass a ``date`` through); ``name`` labels errors."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        msg = f"invalid {name} date {value!r}: expected YYYY-MM-DD"
        raise InputError(msg) from None


def validate_options(
    *,
    fmt: str = "png",
    title: str | None = None,
    size: tuple[int, int] | str = DEFAULT_SIZE,
    dpi: int = DEFAULT_DPI,
    types: Iterable[str] | None = None,
    date_from: str | dt.date | None = None,
    date_to: str | dt.date | None = None,
    admin1: Iterable[str] | None = None,
    bbox: Sequence[float] | str | None = None,
    tiles: bool = False,
    tile_provider: Any = None,
    n_articles: int | None = None,
) -> SnapshotOptions:
    """Check every option and return them normalised; raise ``InputError`` on the first bad one."""
    fmt = str(fmt).lower().lstrip(".")
    if fmt not in FORMATS:
        msg = f"unsupported image format {fmt!r}: expected one of {', '.join(FORMATS)}"
        raise InputError(msg)
    size_px = parse_size(size) if isinstance(size, str) else _check_size(tuple(size))  # type: ignore[arg-type]
    if isinstance(dpi, bool) or not isinstance(dpi, (int, float)) or not 50 <= dpi <= 600:
        msg = f"invalid dpi {dpi!r}: expected a number from 50 to 600"
        raise InputError(msg)
    chosen_types = EVENT_TYPES if types is None else tuple(dict.fromkeys(types))
    for event_type in chosen_types:
        if event_type not in EVENT_TYPES:
            msg = f"unknown event type {event_type!r}: expected one of {', '.join(EVENT_TYPES)}"
            raise InputError(msg)
    if not chosen_types:
        msg = f"no event type chosen: expected one or more of {', '.join(EVENT_TYPES)}"
        raise InputError(msg)
    start = parse_date(date_from, name="from")
    end = parse_date(date_to, name="to")
    if start and end and start > end:
        msg = f"invalid date range: from {start.isoformat()} is after to {end.isoformat()}"
        raise InputError(msg)
    codes = tuple(dict.fromkeys(str(code).strip().upper() for code in (admin1 or ())))
    for code in codes:
        if not _ADMIN1_CODE.match(code):
            msg = f"invalid admin1 code {code!r}: expected an ISO 3166-2 code such as UA-14"
            raise InputError(msg)
    if bbox is None:
        box_deg = None
    elif isinstance(bbox, str):
        box_deg = parse_bbox(bbox)
    else:
        values = tuple(float(v) for v in bbox)
        if len(values) != 4:
            msg = f"invalid bbox {bbox!r}: expected W,S,E,N in degrees"
            raise InputError(msg)
        box_deg = _check_bbox(values)  # type: ignore[arg-type]
    if n_articles is not None and n_articles < 0:
        msg = f"invalid article count {n_articles!r}: expected zero or more"
        raise InputError(msg)
    return SnapshotOptions(
        fmt=fmt, title=title, size=size_px, dpi=int(dpi), types=chosen_types, date_from=start,
        date_to=end, admin1=codes, bbox=box_deg, tiles=bool(tiles), tile_provider=tile_provider,
        n_articles=n_articles,
    )


def format_from_path(path: Path | str) -> str:
    """Return ``png``, ``pdf`` or ``svg`` from a file name, or raise ``InputError``."""
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in FORMATS:
        shown = Path(path).suffix or "(none)"
        msg = f"unsupported output extension {shown!r} in {str(path)!r}: expected .png, .pdf or .svg"
        raise InputError(msg)
    return suffix


def _check_size(size: tuple[int, int]) -> tuple[int, int]:
    if len(size) != 2 or not all(isinstance(v, (int, np.integer)) and 100 <= v <= 10_000 for v in size):
        msg = f"invalid size {size!r}: expected width and height from 100 to 10000 pixels"
        raise InputError(msg)
    return int(size[0]), int(size[1])


def _check_bbox(values: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    west, south, east, north = values
    text = ",".join(f"{v:g}" for v in values)
    if not all(math.isfinite(v) for v in values):
        msg = f"invalid bbox {text!r}: coordinates must be finite numbers"
        raise InputError(msg)
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= 90 and -90 <= north <= 90):
        msg = f"invalid bbox {text!r}: longitudes must be within -180..180 and latitudes within -90..90"
        raise InputError(msg)
    if west >= east or south >= north:
        msg = f"invalid bbox {text!r}: expected W,S,E,N with W < E and S < N"
        raise InputError(msg)
    return west, south, east, north
