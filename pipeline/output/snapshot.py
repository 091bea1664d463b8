"""Briefing images: a static map of the events, for slides and reports.

``render_snapshot(events, places, oblasts, ...)`` draws the same layers as the
dashboard (claimed areas, incidents by sub-type, casualty circles, key places) with
a title, a subtitle with the date range, a legend for the layers shown, a scale
bar, an inset locator map and an attribution line, and returns PNG, PDF or SVG
bytes. The same data and options give the same bytes.

Filters
-------
``types`` keeps the listed event types. ``date_from``/``date_to`` keep dated point
events in the range (undated ones are dropped once a date bound is given); a claim
is shown when it is undated or dated on or before ``date_to``, since a claimed area
stays claimed. ``admin1`` keeps events in those admin-1 units and fits the map to
them; ``bbox`` (W, S, E, N in degrees) keeps events touching it and sets the extent.

Basemap
-------
Offline vector boundaries from ``geodata`` by default, drawn in a Lambert azimuthal
equal-area projection centred on the data (the scale bar is true there). With
``tiles=True`` web tiles are fetched (Web Mercator) with a short timeout; when they
cannot be had the vector basemap is used and a ``UserWarning`` says why.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import math
import re
import threading
import urllib.request
import warnings
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import shapely  # noqa: E402
from matplotlib import patheffects  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch, Rectangle  # noqa: E402
from matplotlib.text import Text  # noqa: E402
from matplotlib.transforms import Bbox  # noqa: E402
from pyproj import CRS, Geod, Transformer  # noqa: E402
from shapely.geometry import box, shape  # noqa: E402
from shapely.geometry.base import BaseGeometry  # noqa: E402

from pipeline.errors import InputError  # noqa: E402
from pipeline.output.atomic import write_atomic  # noqa: E402

EVENT_TYPES = ("annexation_claim", "frontline_incident", "casualty_report")
FORMATS = ("png", "pdf", "svg")
DEFAULT_SIZE = (1920, 1080)
DEFAULT_DPI = 150
WGS84 = "EPSG:4326"
WEB_MERCATOR = "EPSG:3857"
ATTRIBUTION_SOURCES = "boundaries: Natural Earth · places: GeoNames"
DEFAULT_TITLE = "Conflict events reported in the news"

# Layer styles, shared with the dashboard's map so both read the same way.
CLAIM_COLOR = "#b03a2e"
CASUALTY_COLOR = "#6c2a8a"
PLACE_COLOR = "#1c2833"
SUBTYPE_STYLES: dict[str, tuple[str, str]] = {  # sub_event_type -> (marker, colour)
    "missile_strike": ("^", "#d62728"),
    "shelling": ("X", "#ff7f0e"),
    "attack": ("D", "#8c564b"),
    "encirclement": ("s", "#9467bd"),
    "recapture": ("P", "#2ca02c"),
    "withdrawal": ("v", "#1f77b4"),
}
OTHER_SUBTYPE_STYLE = ("o", "#7f7f7f")

_LAND_COLOR = "#f2efe9"
_SEA_COLOR = "#dbe7f0"
_BORDER_COLOR = "#8a8a8a"
_ADMIN_COLOR = "#c4bfb6"
_TEXT_COLOR = "#1c2833"
_MUTED_COLOR = "#5d6d7e"
_FONT = "DejaVu Sans"
_RC = {
    "font.family": _FONT,
    "font.sans-serif": [_FONT],
    "svg.hashsalt": "conflictmap-snapshot",
    "svg.fonttype": "path",
    "pdf.fonttype": 42,
    "hatch.linewidth": 0.8,
    "path.simplify": True,
}
_SAVE_METADATA = {
    "png": {"Software": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
    "svg": {"Date": None, "Creator": None},
}
_NON_PLACE_KINDS = {"admin1", "country", "continent", "region"}
_ADMIN1_CODE = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")
_MARGIN = 0.08
_MIN_SPAN_M = 60_000.0
_TILE_TIMEOUT_S = 3.0
_TILE_TOTAL_TIMEOUT_S = 20.0
_MAX_TILES = 64
_USER_AGENT = "conflictmap-snapshot/0.1"


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


@dataclass
class SnapshotFigure:
    """A drawn snapshot: the figure and the names of the layers it shows, in legend order."""

    figure: Figure
    layers: tuple[str, ...]
    legend_labels: tuple[str, ...]
    basemap: str


# --------------------------------------------------------------------------- options


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


# --------------------------------------------------------------------------- entry point


def render_snapshot(
    events: dict[str, Any],
    places: dict[str, Any],
    oblasts: dict[str, Any],
    *,
    out: Path | str | None = None,
    fmt: str | None = None,
    title: str | None = None,
    size: tuple[int, int] | str = DEFAULT_SIZE,
    dpi: int = DEFAULT_DPI,
    types: Iterable[str] | None = None,
    date_from: str | dt.date | None = None,
    date_to: str | dt.date | None = None,
    admin1: Iterable[str] | None = None,
    bbox: Sequence[float] | str | None = None,
    tiles: bool = False,
    n_articles: int | None = None,
    tile_provider: Any = None,
) -> bytes:
    """Render a briefing map and return its bytes; also write them to ``out`` when given.

    Parameters
    ----------
    events, places, oblasts
        The pipeline's FeatureCollections (``events.geojson`` etc.) as dicts.
    out
        File to write atomically; its extension (.png, .pdf, .svg) sets the format.
    fmt
        Format when ``out`` is not given (default ``png``).
    title
        Title line; a generic one by default.
    size, dpi
        Image size in pixels (``(w, h)`` or ``"WxH"``) and dots per inch (text scale).
    types, date_from, date_to, admin1, bbox
        Filters, see the module docstring.
    tiles
        Use web tiles when online, else fall back to the vector basemap with a warning.
    n_articles
        Article count for the attribution line; counted from the sources when omitted.
    tile_provider
        An ``xyzservices.TileProvider`` or a URL template with ``{x}``, ``{y}``, ``{z}``.

    Returns
    -------
    bytes
        The encoded image.
    """
    if out is not None:
        chosen_fmt = format_from_path(out)
        if fmt is not None and str(fmt).lower().lstrip(".") != chosen_fmt:
            msg = f"format {fmt!r} does not match the output file {str(out)!r}"
            raise InputError(msg)
    else:
        chosen_fmt = fmt or "png"
    options = validate_options(
        fmt=chosen_fmt, title=title, size=size, dpi=dpi, types=types, date_from=date_from,
        date_to=date_to, admin1=admin1, bbox=bbox, tiles=tiles, tile_provider=tile_provider,
        n_articles=n_articles,
    )
    snapshot = build_snapshot_figure(events, places, oblasts, options)
    data = _encode(snapshot.figure, options)
    if out is not None:
        write_atomic(Path(out), data)
    return data


def build_snapshot_figure(
    events: dict[str, Any], places: dict[str, Any], oblasts: dict[str, Any], options: SnapshotOptions
) -> SnapshotFigure:
    """Draw the snapshot figure for validated ``options`` (the pure core of ``render_snapshot``)."""
    with matplotlib.rc_context(_RC):
        return _draw(events, places, oblasts, options)


def _encode(figure: Figure, options: SnapshotOptions) -> bytes:
    buffer = io.BytesIO()
    with matplotlib.rc_context(_RC):
        figure.savefig(buffer, format=options.fmt, dpi=options.dpi, metadata=_SAVE_METADATA[options.fmt])
    return buffer.getvalue()


# --------------------------------------------------------------------------- data selection


@dataclass
class _Selection:
    points: pd.DataFrame  # one row per point event: props + lon, lat
    claims: list[tuple[dict[str, Any], BaseGeometry]]
    admin1_units: list[BaseGeometry]
    n_undated: int


def _select_events(events: dict[str, Any], oblasts: dict[str, Any], options: SnapshotOptions) -> _Selection:
    """Apply the type, date, admin-1 and bbox filters."""
    rows: list[dict[str, Any]] = []
    claims: list[tuple[dict[str, Any], BaseGeometry]] = []
    wanted = set(options.types)
    codes = set(options.admin1)
    bbox_geom = box(*options.bbox) if options.bbox else None
    start = options.date_from.isoformat() if options.date_from else None
    end = options.date_to.isoformat() if options.date_to else None
    for feature in events.get("features", []):
        props = feature.get("properties") or {}
        geometry = feature.get("geometry")
        event_type = props.get("event_type")
        if event_type not in wanted or not geometry:
            continue
        if codes and props.get("admin1_code") not in codes:
            continue
        date = props.get("date")
        if event_type == "annexation_claim":
            if end and date and date > end:
                continue
            geom = shape(geometry)
            if bbox_geom is not None and not geom.intersects(bbox_geom):
                continue
            claims.append((props, geom))
            continue
        if (start or end) and (not date or (start and date < start) or (end and date > end)):
            continue
        if geometry.get("type") != "Point":
            continue
        lon, lat = geometry["coordinates"][:2]
        if bbox_geom is not None and not (options.bbox[0] <= lon <= options.bbox[2]
                                          and options.bbox[1] <= lat <= options.bbox[3]):
            continue
        rows.append({**props, "lon": float(lon), "lat": float(lat)})
    points = pd.DataFrame(rows, columns=sorted({"id", "event_type", "sub_event_type", "date", "place_name",
                                                "killed", "injured", "lon", "lat"} | set(rows[0] if rows else ())))
    n_undated = int(points["date"].isna().sum()) if len(points) else 0
    n_undated += sum(1 for props, _ in claims if not props.get("date"))
    units = []
    if codes:
        units = [shape(f["geometry"]) for f in oblasts.get("features", [])
                 if (f.get("properties") or {}).get("admin1_code") in codes and f.get("geometry")]
        if len(units) < len(codes):
            units = _admin1_geometries(codes) or units
    return _Selection(points=points, claims=claims, admin1_units=units, n_undated=n_undated)


def _admin1_geometries(codes: set[str]) -> list[BaseGeometry]:
    admin1 = _load_admin1()
    known = set(admin1["admin1_code"])
    unknown = sorted(codes - known)
    if unknown:
        msg = f"unknown admin1 code {unknown[0]!r}: not an admin-1 unit in the bundled boundaries"
        raise InputError(msg)
    return list(admin1[admin1["admin1_code"].isin(codes)].geometry)


def _key_places(
    places: dict[str, Any], selection: _Selection, options: SnapshotOptions
) -> list[tuple[str, float, float, int]]:
    """Rank places ``(name, lon, lat, weight)``: events at the place first, then mentions."""
    weight: Counter[str] = Counter()
    position: dict[str, tuple[float, float]] = {}
    if len(selection.points):
        for name, lon, lat in zip(selection.points["place_name"], selection.points["lon"],
                                  selection.points["lat"], strict=True):
            if isinstance(name, str) and name:
                weight[name] += 10
                position.setdefault(name, (lon, lat))
    codes = set(options.admin1)
    for feature in places.get("features", []):
        props = feature.get("properties") or {}
        name = props.get("name")
        if not name or props.get("feature_kind") in _NON_PLACE_KINDS:
            continue
        if codes and props.get("admin1_code") not in codes:
            continue
        lon, lat = props.get("lon"), props.get("lat")
        if lon is None or lat is None:
            lon, lat = (feature.get("geometry") or {}).get("coordinates", (None, None))[:2]
        if lon is None or lat is None:
            continue
        weight[name] += 1
        position.setdefault(name, (float(lon), float(lat)))
    ranked = sorted(weight.items(), key=lambda item: (-item[1], item[0]))
    return [(name, *position[name], count) for name, count in ranked]


def _limit_mention_only(key_places: list[tuple[str, float, float, int]], budget: int) -> list[tuple[str, float, float, int]]:
    """Keep every place with events (weight >= 10) but at most ``budget`` places known only from mentions."""
    with_events = [place for place in key_places if place[3] >= 10]
    mention_only = [place for place in key_places if place[3] < 10][:budget]
    return with_events + mention_only


# --------------------------------------------------------------------------- geodata


@functools.lru_cache(maxsize=1)
def _load_countries() -> Any:
    import geodata

    return geodata.load_countries()


@functools.lru_cache(maxsize=1)
def _load_admin1() -> Any:
    import geodata

    return geodata.load_admin1()


# --------------------------------------------------------------------------- view


@dataclass
class _View:
    crs: CRS
    to_map: Transformer  # lon/lat -> map x/y
    to_lonlat: Transformer
    extent: tuple[float, float, float, float]  # xmin, ymin, xmax, ymax in map units


def _view_crs(lon: float, lat: float, *, tiles: bool) -> CRS:
    if tiles:
        return CRS.from_user_input(WEB_MERCATOR)
    # Rounded centre keeps the projection (and so the bytes) stable under tiny data changes.
    return CRS.from_proj4(f"+proj=laea +lat_0={round(lat, 1)} +lon_0={round(lon, 1)} +datum=WGS84 +units=m +no_defs")


def _data_bounds(selection: _Selection, events: dict[str, Any], oblasts: dict[str, Any],
                 options: SnapshotOptions) -> list[BaseGeometry]:
    """Geometries (lon/lat) the default extent must contain."""
    if options.bbox:
        return [box(*options.bbox)]
    geoms: list[BaseGeometry] = list(selection.admin1_units)
    if not geoms:
        if len(selection.points):
            geoms.append(shapely.multipoints(np.column_stack([selection.points["lon"], selection.points["lat"]])))
        geoms.extend(geom for _, geom in selection.claims)
    if not geoms:  # nothing matched the filters: keep the data's own area in view
        geoms = [shape(f["geometry"]) for f in oblasts.get("features", []) if f.get("geometry")]
        geoms += [shape(f["geometry"]) for f in events.get("features", []) if f.get("geometry")]
    if not geoms:
        geoms = [box(-170, -60, 170, 75)]
    return geoms


def _make_view(geoms: list[BaseGeometry], aspect: float, *, tiles: bool, exact: bool) -> _View:
    """Fit ``geoms`` (lon/lat) with a margin into a map extent of the given width/height ``aspect``."""
    union_bounds = shapely.total_bounds(np.array(geoms, dtype=object))
    lon0 = (union_bounds[0] + union_bounds[2]) / 2
    lat0 = (union_bounds[1] + union_bounds[3]) / 2
    crs = _view_crs(lon0, lat0, tiles=tiles)
    to_map = Transformer.from_crs(WGS84, crs, always_xy=True)
    to_lonlat = Transformer.from_crs(crs, WGS84, always_xy=True)
    xs, ys = [], []
    for geom in geoms:
        if exact:  # the requested box itself, densified so its curved projected edges are covered
            coords = np.asarray(shapely.segmentize(box(*geom.bounds), max_segment_length=0.5).exterior.coords)
        else:
            coords = shapely.get_coordinates(geom)
        x, y = to_map.transform(coords[:, 0], coords[:, 1])  # always_xy: (lon, lat) -> (x, y)
        xs.append(np.asarray(x))
        ys.append(np.asarray(y))
    x_all, y_all = np.concatenate(xs), np.concatenate(ys)
    finite = np.isfinite(x_all) & np.isfinite(y_all)
    xmin, xmax = float(x_all[finite].min()), float(x_all[finite].max())
    ymin, ymax = float(y_all[finite].min()), float(y_all[finite].max())
    width, height = max(xmax - xmin, _MIN_SPAN_M), max(ymax - ymin, _MIN_SPAN_M)
    if not exact:
        width, height = width * (1 + 2 * _MARGIN), height * (1 + 2 * _MARGIN)
    if width / height < aspect:
        width = height * aspect
    else:
        height = width / aspect
    cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
    extent = (cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)
    return _View(crs=crs, to_map=to_map, to_lonlat=to_lonlat, extent=extent)


def _lonlat_window(view: _View, extent: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """Lon/lat bounds covering a map extent (densified edges), padded a little."""
    ring = shapely.segmentize(box(*extent), max_segment_length=(extent[2] - extent[0]) / 40).exterior
    coords = np.asarray(ring.coords)
    lon, lat = view.to_lonlat.transform(coords[:, 0], coords[:, 1])
    lon, lat = np.asarray(lon), np.asarray(lat)
    ok = np.isfinite(lon) & np.isfinite(lat)
    west, east = float(lon[ok].min()) - 1, float(lon[ok].max()) + 1
    south, north = float(lat[ok].min()) - 1, float(lat[ok].max()) + 1
    return max(west, -180.0), max(south, -89.0), min(east, 180.0), min(north, 89.0)


def _project_frame(frame: Any, view: _View, extent: tuple[float, float, float, float]) -> Any:
    """Clip a lon/lat GeoDataFrame to the window around ``extent`` and project it."""
    west, south, east, north = _lonlat_window(view, extent)
    clipped = frame.clip_by_rect(west, south, east, north)
    kept = frame.loc[~clipped.is_empty].copy()
    kept["geometry"] = clipped[~clipped.is_empty]
    kept = kept.set_geometry("geometry")
    if kept.crs is None:
        kept = kept.set_crs(WGS84)
    return kept.to_crs(view.crs)


# --------------------------------------------------------------------------- drawing


@dataclass
class _Layout:
    title: tuple[float, float]
    subtitle: tuple[float, float]
    map_box: tuple[float, float, float, float]  # left, bottom, width, height (figure fraction)
    inset_box: tuple[float, float, float, float]
    legend_anchor: tuple[float, float]
    attribution: tuple[float, float]


def _layout(size: tuple[int, int], dpi: int, *, subtitle_lines: int = 1) -> _Layout:
    width_in, height_in = size[0] / dpi, size[1] / dpi
    pad_x, pad_y = 0.22 / width_in, 0.2 / height_in
    header = (0.95 + 0.2 * (subtitle_lines - 1)) / height_in
    footer = 0.38 / height_in
    sidebar = min(0.42, max(0.22, 2.9 / width_in))
    map_box = (pad_x, footer, 1 - sidebar - 2 * pad_x, 1 - header - footer)
    side_left = 1 - sidebar + 0.3 * pad_x
    side_width = sidebar - 1.3 * pad_x
    inset_height = min(0.34, side_width * width_in * 0.75 / height_in)
    inset_box = (side_left, 1 - header - inset_height, side_width, inset_height)
    return _Layout(
        title=(pad_x, 1 - pad_y),
        subtitle=(pad_x, 1 - pad_y - 0.42 / height_in),
        map_box=map_box,
        inset_box=inset_box,
        legend_anchor=(side_left, inset_box[1] - 0.12 / height_in),
        attribution=(pad_x, footer / 2.4),
    )


def _draw(events: dict[str, Any], places: dict[str, Any], oblasts: dict[str, Any],
          options: SnapshotOptions) -> SnapshotFigure:
    width_in, height_in = options.size[0] / options.dpi, options.size[1] / options.dpi
    figure = Figure(figsize=(width_in, height_in), dpi=options.dpi, facecolor="white")
    FigureCanvasAgg(figure)
    renderer = figure.canvas.get_renderer()
    selection = _select_events(events, oblasts, options)
    text_width_px = options.size[0] - 2 * 0.22 * options.dpi  # figure width less the side margins
    title = options.title or DEFAULT_TITLE
    title_size = _fitting_font_size(figure, renderer, title, 17, text_width_px, bold=True)
    subtitle_lines = _wrap_pieces(figure, renderer, _subtitle_pieces(selection, options), 10.5, text_width_px)
    layout = _layout(options.size, options.dpi, subtitle_lines=len(subtitle_lines))
    ax = figure.add_axes(layout.map_box)
    map_aspect = (layout.map_box[2] * width_in) / (layout.map_box[3] * height_in)

    bounds = _data_bounds(selection, events, oblasts, options)
    exact = options.bbox is not None
    tile_image = None
    tile_note = ""
    if options.tiles:
        view = _make_view(bounds, map_aspect, tiles=True, exact=exact)
        tile_image, tile_note = _try_tiles(view, options, layout.map_box[2] * options.size[0])
    if tile_image is None:
        view = _make_view(bounds, map_aspect, tiles=False, exact=exact)
    basemap = "tiles" if tile_image is not None else "vector"

    xmin, ymin, xmax, ymax = view.extent
    ax.set_xlim(xmin, xmax)
    ax.set_ylim(ymin, ymax)
    ax.set_aspect("equal", adjustable="box")
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_edgecolor("#4d5656")
        spine.set_linewidth(0.8)

    countries = _load_countries()
    if tile_image is not None:
        image, image_extent = tile_image
        ax.imshow(image, extent=image_extent, interpolation="bilinear", zorder=0)
    else:
        ax.set_facecolor(_SEA_COLOR)
        visible_countries = _project_frame(countries, view, view.extent)
        visible_countries.plot(ax=ax, color=_LAND_COLOR, edgecolor="none", zorder=1)
        admin1 = _project_frame(_load_admin1(), view, view.extent)
        if len(admin1):
            admin1.boundary.plot(ax=ax, color=_ADMIN_COLOR, linewidth=0.5, zorder=2)
        visible_countries.boundary.plot(ax=ax, color=_BORDER_COLOR, linewidth=0.9, zorder=3)

    handles: list[Any] = []
    layers: list[str] = []
    label_jobs: list[_LabelJob] = []
    obstacles: list[Bbox] = []

    claim_geoms: list[BaseGeometry] = []
    if selection.claims:
        claim_geoms = _project_geoms([geom for _, geom in selection.claims], view)
        _plot_claims(ax, claim_geoms)
        handles.append(Patch(facecolor=_rgba(CLAIM_COLOR, 0.16), edgecolor=_rgba(CLAIM_COLOR, 0.8),
                             hatch="////", linewidth=1.0, label=_claim_label(selection)))
        layers.append("annexation_claim")
        seen: set[str] = set()
        for (props, _), geom in zip(selection.claims, claim_geoms, strict=True):
            name = props.get("admin1_name") or props.get("place_name")
            if not name or name in seen:
                continue
            seen.add(name)
            anchor = shapely.clip_by_rect(geom, *view.extent)
            if anchor.is_empty:
                continue
            point = anchor.representative_point() if anchor.area > 0 else anchor.centroid
            label_jobs.append(_LabelJob(str(name), point.x, point.y, "claim", 100))

    points = selection.points
    if len(points):
        x, y = view.to_map.transform(points["lon"].to_numpy(), points["lat"].to_numpy())
        points = points.assign(x=np.asarray(x), y=np.asarray(y))
    casualties = points[points["event_type"] == "casualty_report"] if len(points) else points
    incidents = points[points["event_type"] == "frontline_incident"] if len(points) else points

    if len(casualties):
        totals = (casualties["killed"].fillna(0).astype(float) + casualties["injured"].fillna(0).astype(float)).to_numpy()
        scale = _CasualtyScale.for_totals(totals, figure_height_in=height_in, n_circles=len(casualties))
        order = np.argsort(-totals, kind="stable")  # big circles below small ones
        crowded = len(casualties) > 300
        ax.scatter(casualties["x"].to_numpy()[order], casualties["y"].to_numpy()[order],
                   s=scale.sizes(totals[order]), facecolor=_rgba(CASUALTY_COLOR, 0.12 if crowded else 0.28),
                   edgecolor=_rgba(CASUALTY_COLOR, 0.35 if crowded else 0.85),
                   linewidth=0.4 if crowded else 0.7, zorder=5)
        layers.append("casualty_report")
    else:
        scale = None

    if len(incidents):
        size = float(np.clip(70 * math.sqrt(150 / max(len(incidents), 1)), 10, 70))
        alpha = float(np.clip(1.2 - len(incidents) / 2500, 0.45, 0.95))
        sub_types = incidents["sub_event_type"].fillna("other").astype(str)
        counts = Counter(sub_types)
        for sub_type in sorted(counts, key=lambda s: (-counts[s], s)):
            marker, color = SUBTYPE_STYLES.get(sub_type, OTHER_SUBTYPE_STYLE)
            rows = incidents[sub_types == sub_type]
            ax.scatter(rows["x"], rows["y"], s=size, marker=marker, color=color, alpha=alpha,
                       edgecolor="white", linewidth=0.5, zorder=6)
            label = f"{_pretty(sub_type)} ({counts[sub_type]:,})"
            handles.append(Line2D([], [], linestyle="none", marker=marker, markersize=8, markerfacecolor=color,
                                  markeredgecolor="white", markeredgewidth=0.5, label=label))
        layers.append("frontline_incident")

    key_places = _key_places(places, selection, options)
    in_view = [(n, *view.to_map.transform(lon, lat), w) for n, lon, lat, w in key_places]
    in_view = [(n, px, py, w) for n, px, py, w in in_view if xmin < px < xmax and ymin < py < ymax]
    max_places = max(4, int(width_in * height_in / 6))
    shown_places = _limit_mention_only(in_view, max(2, max_places // 3))[: max_places * 2]
    if not len(points) and not selection.claims:
        shown_places = []  # no events: place dots alone would read as events
    for rank, (name, px, py, _) in enumerate(shown_places):
        label_jobs.append(_LabelJob(name, px, py, "place", 50 - rank / 1000))

    if not len(points) and not selection.claims:
        note = ax.text(0.5, 0.5, "No events match\nthe selected filters", transform=ax.transAxes, ha="center",
                       va="center", fontsize=13, color=_MUTED_COLOR, zorder=20, linespacing=1.4,
                       bbox={"boxstyle": "round,pad=0.6", "facecolor": "white", "edgecolor": "#aab7b8",
                             "alpha": 0.92})
        obstacles.append(note.get_window_extent(figure.canvas.get_renderer()).padded(12))

    if tile_image is None:
        occupied = list(claim_geoms)  # map coordinates
        if len(points):
            occupied.append(shapely.multipoints(np.column_stack([points["x"], points["y"]])))
        label_jobs.extend(_country_label_jobs(countries, view, occupied))
    if 0 < len(incidents) <= 400:  # few markers: keep labels off them
        marker_px = ax.transData.transform(np.column_stack([incidents["x"], incidents["y"]]))
        radius = math.sqrt(float(np.clip(70 * math.sqrt(150 / len(incidents)), 10, 70))) / 2 * options.dpi / 72
        obstacles.extend(Bbox.from_bounds(px - radius, py - radius, 2 * radius, 2 * radius) for px, py in marker_px)

    obstacles.append(_draw_scale_bar(ax, view, renderer))
    placed = _place_labels(ax, renderer, label_jobs, obstacles, max_places=max_places)
    if placed["place"]:
        handles.append(Line2D([], [], linestyle="none", marker="o", markersize=4.5, markerfacecolor=PLACE_COLOR,
                              markeredgecolor="white", markeredgewidth=0.8, label="Key place"))
        layers.append("places")

    ax.set_xlabel("")
    ax.set_ylabel("")
    _draw_inset(figure, layout.inset_box, countries, view)
    legend_labels = _draw_legends(figure, layout, handles, scale)
    figure.text(*layout.title, title, fontsize=title_size, fontweight="bold", color=_TEXT_COLOR,
                ha="left", va="top")
    figure.text(*layout.subtitle, "\n".join(subtitle_lines), fontsize=10.5, color=_MUTED_COLOR,
                ha="left", va="top", linespacing=1.5)
    n_articles = options.n_articles if options.n_articles is not None else _count_articles(events, places)
    attribution = f"{n_articles:,} article{'s' if n_articles != 1 else ''} · {ATTRIBUTION_SOURCES}"
    if tile_note:
        attribution += f" · {tile_note}"
    figure.text(*layout.attribution, attribution, fontsize=8, color=_MUTED_COLOR, ha="left", va="center")
    order = [layer for layer in ("annexation_claim", "frontline_incident", "casualty_report", "places")
             if layer in layers]
    return SnapshotFigure(figure=figure, layers=tuple(order), legend_labels=legend_labels, basemap=basemap)


def _project_geoms(geoms: list[BaseGeometry], view: _View) -> list[BaseGeometry]:
    def transform(coords: np.ndarray) -> np.ndarray:
        x, y = view.to_map.transform(coords[:, 0], coords[:, 1])  # (lon, lat) -> (x, y)
        return np.column_stack([x, y])

    return [shapely.transform(geom, transform) for geom in geoms]


def _plot_claims(ax: Axes, geoms: list[BaseGeometry]) -> None:
    import geopandas as gpd

    series = gpd.GeoSeries(geoms)
    series.plot(ax=ax, facecolor=_rgba(CLAIM_COLOR, 0.16), edgecolor="none", zorder=4)
    series.plot(ax=ax, facecolor="none", edgecolor=_rgba(CLAIM_COLOR, 0.55), hatch="////", linewidth=0, zorder=4)
    series.boundary.plot(ax=ax, color=_rgba(CLAIM_COLOR, 0.9), linewidth=1.3, zorder=4)


def _claim_label(selection: _Selection) -> str:
    claimants = sorted({str(p.get("claimed_by")) for p, _ in selection.claims if p.get("claimed_by")})
    n_units = len({p.get("admin1_code") or p.get("id") for p, _ in selection.claims})
    by = f" by {', '.join(claimants)}" if claimants else ""
    return f"Area claimed{by} ({n_units:,})"


@dataclass
class _CasualtyScale:
    """Circle area proportional to killed + injured."""

    points2_per_person: float
    references: tuple[int, ...]

    @classmethod
    def for_totals(cls, totals: np.ndarray, *, figure_height_in: float, n_circles: int) -> _CasualtyScale:
        largest = max(float(totals.max()) if len(totals) else 1.0, 1.0)
        # Fewer, bigger circles for a handful of reports; smaller ones when thousands crowd the map.
        crowding = min(1.0, math.sqrt(150 / max(n_circles, 1)))
        max_diameter_pt = min(38.0, figure_height_in * 72 * 0.07) * max(crowding, 0.4)
        per_person = (math.pi / 4 * max_diameter_pt**2) / largest
        top = _nice_floor(largest)
        references = tuple(sorted({v for v in (_nice_floor(top / 10), top) if v >= 1}))
        return cls(points2_per_person=per_person, references=references)

    def sizes(self, totals: np.ndarray) -> np.ndarray:
        return np.maximum(totals * self.points2_per_person, 9.0)


def _nice_floor(value: float) -> int:
    if value < 1:
        return 0
    exponent = 10 ** math.floor(math.log10(value))
    for step in (5, 2, 1):
        if step * exponent <= value:
            return int(step * exponent)
    return int(exponent)


_LEGEND_FITS = ((9.5, 10.5, 1), (8.5, 9.5, 1), (7.5, 8.5, 1), (7.5, 8.5, 2), (6.5, 7.5, 2))


def _draw_legends(figure: Figure, layout: _Layout, handles: list[Any],
                  scale: _CasualtyScale | None) -> tuple[str, ...]:
    """Draw the layer and casualty legends in the sidebar, shrinking them until they fit above the footer."""
    renderer = figure.canvas.get_renderer()
    floor = layout.map_box[1]  # legends must end above the attribution line
    for fontsize, title_size, columns in _LEGEND_FITS:
        legends, labels = _legend_pass(figure, layout, handles, scale, fontsize, title_size, columns)
        boxes = [lg.get_window_extent(renderer).transformed(figure.transFigure.inverted()) for lg in legends]
        bottom = min((b.y0 for b in boxes), default=1.0)
        right = max((b.x1 for b in boxes), default=0.0)
        fits = bottom >= floor and right <= 1 - 0.08 / figure.get_figwidth()
        if fits or (fontsize, title_size, columns) == _LEGEND_FITS[-1]:
            return labels
        for legend in legends:
            legend.remove()
    return ()


def _legend_pass(figure: Figure, layout: _Layout, handles: list[Any], scale: _CasualtyScale | None,
                 fontsize: float, title_size: float, columns: int) -> tuple[list[Any], tuple[str, ...]]:
    labels: list[str] = []
    legends: list[Any] = []
    anchor_x, anchor_y = layout.legend_anchor
    style = {"frameon": False, "fontsize": fontsize, "title_fontsize": title_size, "alignment": "left",
             "handletextpad": 0.7, "labelspacing": 0.55, "borderaxespad": 0.0, "borderpad": 0.0,
             "labelcolor": _TEXT_COLOR, "columnspacing": 1.0}
    renderer = figure.canvas.get_renderer()
    if handles:
        legend = figure.legend(handles=handles, loc="upper left", bbox_to_anchor=(anchor_x, anchor_y),
                               title="Layers", ncols=columns, **style)
        legend.get_title().set_fontweight("bold")
        labels.extend(text.get_text() for text in legend.get_texts())
        legends.append(legend)
        box_px = legend.get_window_extent(renderer)
        gap = 0.2 * fontsize / 9.5 / figure.get_figheight()  # about 0.2 inch between the two legends
        anchor_y = figure.transFigure.inverted().transform((box_px.x0, box_px.y0))[1] - gap
    if scale is not None:
        circle_handles = [
            Line2D([], [], linestyle="none", marker="o", markersize=math.sqrt(scale.sizes(np.array([ref]))[0]),
                   markerfacecolor=_rgba(CASUALTY_COLOR, 0.28), markeredgecolor=_rgba(CASUALTY_COLOR, 0.85),
                   markeredgewidth=0.7, label=f"{ref:,}")
            for ref in scale.references
        ]
        legend = figure.legend(handles=circle_handles, loc="upper left", bbox_to_anchor=(anchor_x, anchor_y),
                               title="Casualty reports\n(killed + injured)", ncols=len(circle_handles),
                               handlelength=max(2.0, max(h.get_markersize() for h in circle_handles) / fontsize),
                               handleheight=max(0.7, max(h.get_markersize() for h in circle_handles) / fontsize),
                               **{**style, "handletextpad": 0.5, "columnspacing": 1.6})
        legend.get_title().set_fontweight("bold")
        labels.extend(text.get_text() for text in legend.get_texts())
        legends.append(legend)
    return legends, tuple(labels)


def _draw_inset(figure: Figure, inset_box: tuple[float, float, float, float], countries: Any, view: _View) -> None:
    """Locator map: a wider area in the same projection with the main extent outlined."""
    inset = figure.add_axes(inset_box)
    xmin, ymin, xmax, ymax = view.extent
    cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
    box_w = inset_box[2] * figure.get_figwidth()
    box_h = inset_box[3] * figure.get_figheight()
    half_w = max(xmax - xmin, 1.5e6) * 2.2
    half_h = half_w * box_h / box_w
    if half_h < (ymax - ymin) * 2.2:
        half_h = (ymax - ymin) * 2.2
        half_w = half_h * box_w / box_h
    extent = (cx - half_w / 2, cy - half_h / 2, cx + half_w / 2, cy + half_h / 2)
    inset.set_xlim(extent[0], extent[2])
    inset.set_ylim(extent[1], extent[3])
    inset.set_aspect("equal", adjustable="box")
    inset.set_facecolor(_SEA_COLOR)
    inset.set_xticks([])
    inset.set_yticks([])
    for spine in inset.spines.values():
        spine.set_edgecolor("#7f8c8d")
        spine.set_linewidth(0.6)
    frame = _project_frame(countries, view, extent)
    frame = frame[frame.is_valid & ~frame.is_empty]
    if len(frame):
        frame.plot(ax=inset, color="#e5e1d8", edgecolor="#a6a39c", linewidth=0.4)
    inset.set_xlabel("")
    inset.set_ylabel("")
    inset.add_patch(Rectangle((xmin, ymin), xmax - xmin, ymax - ymin, facecolor=_rgba(CLAIM_COLOR, 0.12),
                              edgecolor=CLAIM_COLOR, linewidth=1.4, zorder=5))


def _draw_scale_bar(ax: Axes, view: _View, renderer: Any) -> Bbox:
    """Draw a scale bar (true at the map centre) in the lower left; return its pixel box."""
    xmin, ymin, xmax, ymax = view.extent
    cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
    probe = (xmax - xmin) / 10
    lon, lat = view.to_lonlat.transform([cx - probe / 2, cx + probe / 2], [cy, cy])
    _, _, metres = Geod(ellps="WGS84").inv(lon[0], lat[0], lon[1], lat[1])
    metres_per_unit = metres / probe
    axes_width_in = ax.get_window_extent(renderer).width / ax.figure.dpi
    target_fraction = max(0.18, min(0.4, 1.4 / max(axes_width_in, 0.1)))  # at least ~1.4 inch long
    target_km = (xmax - xmin) * target_fraction * metres_per_unit / 1000
    length_km = max(_nice_floor(target_km), 1)
    length = length_km * 1000 / metres_per_unit
    bar_in = axes_width_in * length / (xmax - xmin)
    x0 = xmin + (xmax - xmin) * 0.025
    y0 = ymin + (ymax - ymin) * 0.045
    height = (ymax - ymin) * 0.011
    artists: list[Any] = []
    background = Rectangle((x0 - (xmax - xmin) * 0.01, y0 - (ymax - ymin) * 0.02),
                           length + (xmax - xmin) * 0.02, (ymax - ymin) * 0.075,
                           facecolor=(1, 1, 1, 0.75), edgecolor="none", zorder=9)
    ax.add_patch(background)
    artists.append(background)
    for k in range(4):
        segment = Rectangle((x0 + k * length / 4, y0), length / 4, height,
                            facecolor=_TEXT_COLOR if k % 2 == 0 else "white", edgecolor=_TEXT_COLOR,
                            linewidth=0.7, zorder=10)
        ax.add_patch(segment)
    ticks = [(0.0, "0"), (1.0, f"{length_km:g} km")]
    if bar_in >= 1.3:
        ticks.insert(1, (0.5, f"{length_km / 2:g}"))
    for fraction, text in ticks:
        ax.text(x0 + fraction * length, y0 + height * 1.6, text, ha="center", va="bottom", fontsize=8,
                color=_TEXT_COLOR, zorder=10)
    return background.get_window_extent(renderer)


@dataclass
class _LabelJob:
    text: str
    x: float
    y: float
    kind: str  # "claim", "place" or "country"
    priority: float


_PLACE_OFFSETS = ((5, 4, "left", "bottom"), (5, -4, "left", "top"), (-5, 4, "right", "bottom"),
                  (-5, -4, "right", "top"), (0, 7, "center", "bottom"), (0, -7, "center", "top"),
                  (8, 0, "left", "center"), (-8, 0, "right", "center"))
_AREA_OFFSETS = ((0, 0, "center", "center"), (0, 14, "center", "center"), (0, -14, "center", "center"),
                 (24, 0, "center", "center"), (-24, 0, "center", "center"), (0, 28, "center", "center"),
                 (0, -28, "center", "center"))


def _place_labels(ax: Axes, renderer: Any, jobs: list[_LabelJob], obstacles: list[Bbox], *,
                  max_places: int) -> dict[str, int]:
    """Greedy label placement: highest priority first, first candidate position that fits."""
    placed_boxes = list(obstacles)
    label_boxes: list[Bbox] = []
    axes_box = ax.get_window_extent(renderer).padded(-3)
    placed = {"claim": 0, "place": 0, "country": 0}
    halo = [patheffects.withStroke(linewidth=2.6, foreground="white")]
    place_jobs = [job for job in jobs if job.kind == "place"]
    for job in place_jobs:  # reserve each candidate place's dot so other labels leave it visible
        px, py = ax.transData.transform((job.x, job.y))
        job_box = Bbox.from_bounds(px - 4, py - 4, 8, 8)
        job.__dict__["dot_box"] = job_box
    dots_drawn: list[Bbox] = []
    for job in sorted(jobs, key=lambda j: (-j.priority, j.text)):
        if job.kind == "place" and placed["place"] >= max_places:
            continue
        if job.kind == "place":
            style = {"fontsize": 9.5, "color": PLACE_COLOR, "fontweight": "bold"}
            offsets = _PLACE_OFFSETS
        elif job.kind == "claim":
            style = {"fontsize": 10.5, "color": "#7b241c", "fontweight": "bold", "fontstyle": "italic"}
            offsets = _AREA_OFFSETS
        else:
            style = {"fontsize": 10, "color": "#95a5a6", "fontweight": "bold"}
            offsets = _AREA_OFFSETS[:1]
        text_value = job.text.upper() if job.kind == "country" else job.text
        if job.kind == "place":
            dot = job.__dict__["dot_box"]
            if any(dot.overlaps(other) for other in label_boxes):
                continue
        for dx, dy, ha, va in offsets:
            artist = ax.annotate(text_value, (job.x, job.y), xytext=(dx, dy), textcoords="offset points",
                                 ha=ha, va=va, zorder=12, path_effects=halo, annotation_clip=True, **style)
            extent = artist.get_window_extent(renderer).padded(2)
            fits = (axes_box.x0 <= extent.x0 and extent.x1 <= axes_box.x1 and axes_box.y0 <= extent.y0
                    and extent.y1 <= axes_box.y1)
            if fits and not any(extent.overlaps(other) for other in placed_boxes):
                placed_boxes.append(extent)
                label_boxes.append(extent)
                placed[job.kind] += 1
                if job.kind == "place":
                    placed_boxes.append(job.__dict__["dot_box"])
                    dots_drawn.append(job.__dict__["dot_box"])
                    ax.scatter([job.x], [job.y], s=14, facecolor=PLACE_COLOR, edgecolor="white",
                               linewidth=0.8, zorder=5.5)
                break
            artist.remove()
    return placed


def _country_label_jobs(countries: Any, view: _View, occupied: list[BaseGeometry]) -> list[_LabelJob]:
    """Names of neighbouring countries (no event in them) with a large visible part, lowest priority."""
    frame = _project_frame(countries, view, view.extent)
    data = shapely.union_all(occupied) if occupied else None
    xmin, ymin, xmax, ymax = view.extent
    view_area = (xmax - xmin) * (ymax - ymin)
    jobs = []
    for name, geom in zip(frame["name"], frame.geometry, strict=True):
        visible = shapely.clip_by_rect(geom, xmin, ymin, xmax, ymax)
        if visible.is_empty or visible.area < 0.04 * view_area:
            continue
        if data is not None and geom.intersects(data):
            continue
        point = visible.representative_point()
        jobs.append(_LabelJob(str(name), point.x, point.y, "country", visible.area / view_area))
    return jobs


def _text_width(figure: Figure, renderer: Any, text: str, size: float, *, bold: bool = False) -> float:
    artist = Text(0, 0, text, fontsize=size, fontweight="bold" if bold else "normal", figure=figure)
    return float(artist.get_window_extent(renderer).width)


def _fitting_font_size(figure: Figure, renderer: Any, text: str, size: float, width_px: float, *,
                       bold: bool = False) -> float:
    """Largest size up to ``size`` (down to 60 % of it) at which ``text`` fits in ``width_px``."""
    width = _text_width(figure, renderer, text, size, bold=bold)
    if width <= width_px:
        return size
    return max(size * 0.6, size * width_px / width)


def _wrap_pieces(figure: Figure, renderer: Any, pieces: list[str], size: float, width_px: float) -> list[str]:
    """Join ``pieces`` with " · " into as few lines as fit in ``width_px``."""
    lines: list[str] = []
    for piece in pieces:
        candidate = f"{lines[-1]} · {piece}" if lines else piece
        if lines and _text_width(figure, renderer, candidate, size) <= width_px:
            lines[-1] = candidate
        else:
            lines.append(piece)
    return lines or [""]


def _subtitle_pieces(selection: _Selection, options: SnapshotOptions) -> list[str]:
    dates = [d for d in selection.points["date"].dropna()] if len(selection.points) else []
    dates += [p["date"] for p, _ in selection.claims if p.get("date")]
    start = options.date_from.isoformat() if options.date_from else (min(dates) if dates else None)
    end = options.date_to.isoformat() if options.date_to else (max(dates) if dates else None)
    if start and start == end:
        period = _human_date(start)
    elif start or end:
        period = f"{_human_date(start) if start else '…'} – {_human_date(end) if end else '…'}"
    else:
        period = "No dated events"
    counts = Counter(selection.points["event_type"]) if len(selection.points) else Counter()
    parts = []
    if counts.get("frontline_incident"):
        parts.append(f"{counts['frontline_incident']:,} incident{'s' if counts['frontline_incident'] != 1 else ''}")
    if counts.get("casualty_report"):
        parts.append(f"{counts['casualty_report']:,} casualty report{'s' if counts['casualty_report'] != 1 else ''}")
    if selection.claims:
        parts.append(f"{len(selection.claims):,} claim{'s' if len(selection.claims) != 1 else ''}")
    if not parts:
        return ["No events match the selected filters", *_filter_pieces(options)]
    pieces = [period, ", ".join(parts)]
    if selection.n_undated and not (options.date_from or options.date_to):
        pieces.append(f"{selection.n_undated:,} undated")
    return pieces + _filter_pieces(options, with_dates=False)


def _filter_pieces(options: SnapshotOptions, *, with_dates: bool = True) -> list[str]:
    pieces = []
    if with_dates and (options.date_from or options.date_to):
        start = _human_date(options.date_from.isoformat()) if options.date_from else "…"
        end = _human_date(options.date_to.isoformat()) if options.date_to else "…"
        pieces.append(f"{start} – {end}")
    if tuple(options.types) != EVENT_TYPES:
        pieces.append("types: " + ", ".join(_pretty(t).lower() for t in options.types))
    if options.admin1:
        pieces.append("admin-1: " + ", ".join(options.admin1))
    if options.bbox:
        pieces.append("area " + ",".join(f"{v:g}" for v in options.bbox))
    return pieces


def _human_date(iso: str) -> str:
    try:
        return dt.date.fromisoformat(iso).strftime("%-d %b %Y")
    except ValueError:
        return iso


def _count_articles(events: dict[str, Any], places: dict[str, Any]) -> int:
    names = set()
    for feature in events.get("features", []):
        for source in (feature.get("properties") or {}).get("sources") or []:
            if source.get("article"):
                names.add(source["article"])
    for feature in places.get("features", []):
        article = (feature.get("properties") or {}).get("article")
        if article:
            names.add(article)
    return len(names)


def _pretty(sub_type: str) -> str:
    return sub_type.replace("_", " ").capitalize()


def _rgba(color: str, alpha: float) -> tuple[float, float, float, float]:
    r, g, b = matplotlib.colors.to_rgb(color)
    return (r, g, b, alpha)


# --------------------------------------------------------------------------- web tiles


def _try_tiles(view: _View, options: SnapshotOptions, map_width_px: float) -> tuple[Any, str]:
    """Fetch and mosaic web tiles for the view, or warn and return ``(None, "")``."""
    provider = options.tile_provider
    if provider is None:
        import xyzservices.providers as providers

        provider = providers.OpenStreetMap.Mapnik
    if isinstance(provider, str):
        url_template, attribution = provider, "tiles: © OpenStreetMap contributors"
    else:
        url_template = provider.build_url(x="{x}", y="{y}", z="{z}")
        attribution = "tiles: " + str(provider.get("attribution", "")).replace("(C)", "©")
    result: dict[str, Any] = {}

    def worker() -> None:
        try:
            result["image"] = _fetch_mosaic(url_template, view.extent, map_width_px)
        except Exception as exc:  # any failure means: no tiles, use the offline basemap
            result["error"] = exc

    thread = threading.Thread(target=worker, name="snapshot-tiles", daemon=True)
    thread.start()
    thread.join(_TILE_TOTAL_TIMEOUT_S)
    if "image" in result:
        return result["image"], attribution
    reason = result.get("error") or f"no answer within {_TILE_TOTAL_TIMEOUT_S:g} s"
    warnings.warn(f"web tiles unavailable ({reason}); using the offline vector basemap", UserWarning, stacklevel=4)
    return None, ""


def _fetch_mosaic(url_template: str, extent: tuple[float, float, float, float],
                  map_width_px: float) -> tuple[np.ndarray, tuple[float, float, float, float]]:
    """Download the Web Mercator tiles covering ``extent`` and return ``(image, imshow extent)``."""
    from PIL import Image

    half_world = 20037508.342789244
    xmin, ymin, xmax, ymax = extent
    metres_per_px = (xmax - xmin) / max(map_width_px, 1)
    zoom = int(np.clip(math.ceil(math.log2(2 * half_world / 256 / metres_per_px)), 0, 18))

    def tile_range(z: int) -> tuple[int, int, int, int]:
        n = 2**z
        tile_size = 2 * half_world / n
        col0 = int(np.clip((xmin + half_world) // tile_size, 0, n - 1))
        col1 = int(np.clip((xmax + half_world) // tile_size, 0, n - 1))
        row0 = int(np.clip((half_world - ymax) // tile_size, 0, n - 1))
        row1 = int(np.clip((half_world - ymin) // tile_size, 0, n - 1))
        return col0, col1, row0, row1

    col0, col1, row0, row1 = tile_range(zoom)
    while zoom > 0 and (col1 - col0 + 1) * (row1 - row0 + 1) > _MAX_TILES:
        zoom -= 1
        col0, col1, row0, row1 = tile_range(zoom)
    mosaic = Image.new("RGB", ((col1 - col0 + 1) * 256, (row1 - row0 + 1) * 256), "white")
    for row in range(row0, row1 + 1):
        for col in range(col0, col1 + 1):
            url = url_template.replace("{x}", str(col)).replace("{y}", str(row)).replace("{z}", str(zoom))
            request = urllib.request.Request(url, headers={"User-Agent": _USER_AGENT})
            with urllib.request.urlopen(request, timeout=_TILE_TIMEOUT_S) as response:  # noqa: S310
                tile = Image.open(io.BytesIO(response.read())).convert("RGB")
            mosaic.paste(tile.resize((256, 256)), ((col - col0) * 256, (row - row0) * 256))
    tile_size = 2 * half_world / 2**zoom
    image_extent = (col0 * tile_size - half_world, (col1 + 1) * tile_size - half_world,
                    half_world - (row1 + 1) * tile_size, half_world - row0 * tile_size)
    return np.asarray(mosaic), image_extent
