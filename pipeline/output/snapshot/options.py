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
from pipeline.output.filters import EVENT_TYPES, EventFilters, make_filters, parse_date  # noqa: F401  (re-exported)

FORMATS = ("png", "pdf", "svg")
DEFAULT_SIZE = (1920, 1080)
DEFAULT_DPI = 150
DEFAULT_TITLE = "Conflict events reported in the news"


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
    include_undated: bool = True

    @property
    def filters(self) -> EventFilters:
        """The event filter these options stand for (the one every output uses)."""
        return EventFilters(date_from=self.date_from, date_to=self.date_to,
                            event_types=() if set(self.types) == set(EVENT_TYPES) else self.types,
                            admin1_codes=self.admin1, include_undated=self.include_undated)


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
    include_undated: bool = True,
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
    filters = make_filters(types=types, date_from=date_from, date_to=date_to, admin1=admin1,
                           include_undated=include_undated)
    chosen_types = EVENT_TYPES if types is None else tuple(dict.fromkeys(str(t).strip() for t in types))
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
        fmt=fmt, title=title, size=size_px, dpi=int(dpi), types=chosen_types, date_from=filters.date_from,
        date_to=filters.date_to, admin1=filters.admin1_codes, bbox=box_deg, tiles=bool(tiles),
        tile_provider=tile_provider, n_articles=n_articles, include_undated=filters.include_undated,
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
