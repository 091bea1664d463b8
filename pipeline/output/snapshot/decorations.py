"""Everything around the data layers of a briefing image.

Title and subtitle text, legends, the scale bar, the inset locator map, label
placement and the optional web-tile basemap.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import threading
import urllib.request
import warnings
from collections import Counter
from dataclasses import dataclass
from typing import Any

import matplotlib
import numpy as np
import shapely
from matplotlib import patheffects
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from matplotlib.transforms import Bbox
from pyproj import Geod
from shapely.geometry.base import BaseGeometry

from pipeline.model import EventType
from pipeline.output import style
from pipeline.output.snapshot.options import EVENT_TYPES, SnapshotOptions
from pipeline.output.snapshot.selection import _Selection
from pipeline.output.snapshot.view import _project_frame, _View

_TEXT_COLOR = "#1c2833"
_MUTED_COLOR = "#5d6d7e"
_TILE_TIMEOUT_S = 3.0
_TILE_TOTAL_TIMEOUT_S = 20.0
_MAX_TILES = 64
_USER_AGENT = "conflictmap-snapshot/0.1"


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
    legend_style = {"frameon": False, "fontsize": fontsize, "title_fontsize": title_size, "alignment": "left",
             "handletextpad": 0.7, "labelspacing": 0.55, "borderaxespad": 0.0, "borderpad": 0.0,
             "labelcolor": _TEXT_COLOR, "columnspacing": 1.0}
    renderer = figure.canvas.get_renderer()
    if handles:
        legend = figure.legend(handles=handles, loc="upper left", bbox_to_anchor=(anchor_x, anchor_y),
                               title="Layers", ncols=columns, **legend_style)
        legend.get_title().set_fontweight("bold")
        labels.extend(text.get_text() for text in legend.get_texts())
        legends.append(legend)
        box_px = legend.get_window_extent(renderer)
        gap = 0.2 * fontsize / 9.5 / figure.get_figheight()  # about 0.2 inch between the two legends
        anchor_y = figure.transFigure.inverted().transform((box_px.x0, box_px.y0))[1] - gap
    if scale is not None:
        circle_handles = [
            Line2D([], [], linestyle="none", marker="o", markersize=math.sqrt(scale.sizes(np.array([ref]))[0]),
                   markerfacecolor=_rgba(style.CASUALTY_COLOUR, 0.28),
                   markeredgecolor=_rgba(style.CASUALTY_EDGE_COLOUR, 0.85),
                   markeredgewidth=0.7, label=f"{ref:,}")
            for ref in scale.references
        ]
        legend = figure.legend(handles=circle_handles, loc="upper left", bbox_to_anchor=(anchor_x, anchor_y),
                               title="Casualty reports\n(killed + injured)", ncols=len(circle_handles),
                               handlelength=max(2.0, max(h.get_markersize() for h in circle_handles) / fontsize),
                               handleheight=max(0.7, max(h.get_markersize() for h in circle_handles) / fontsize),
                               **{**legend_style, "handletextpad": 0.5, "columnspacing": 1.6})
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
    inset.set_facecolor(style.SEA_COLOUR)
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
    inset.add_patch(Rectangle((xmin, ymin), xmax - xmin, ymax - ymin, facecolor=_rgba(style.CLAIM_COLOUR, 0.12),
                              edgecolor=style.CLAIM_COLOUR, linewidth=1.4, zorder=5))


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
            text_style = {"fontsize": 9.5, "color": _TEXT_COLOR, "fontweight": "bold"}
            offsets = _PLACE_OFFSETS
        elif job.kind == "claim":
            text_style = {"fontsize": 10.5, "color": style.CLAIM_TEXT_COLOUR, "fontweight": "bold", "fontstyle": "italic"}
            offsets = _AREA_OFFSETS
        else:
            text_style = {"fontsize": 10, "color": "#95a5a6", "fontweight": "bold"}
            offsets = _AREA_OFFSETS[:1]
        text_value = job.text.upper() if job.kind == "country" else job.text
        if job.kind == "place":
            dot = job.__dict__["dot_box"]
            if any(dot.overlaps(other) for other in label_boxes):
                continue
        for dx, dy, ha, va in offsets:
            artist = ax.annotate(text_value, (job.x, job.y), xytext=(dx, dy), textcoords="offset points",
                                 ha=ha, va=va, zorder=12, path_effects=halo, annotation_clip=True, **text_style)
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
                    ax.scatter([job.x], [job.y], s=14, facecolor=style.PLACE_COLOUR, edgecolor="white",
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
    n_incidents, n_reports = counts.get(EventType.FRONTLINE_INCIDENT), counts.get(EventType.CASUALTY_REPORT)
    if n_incidents:
        parts.append(f"{n_incidents:,} incident{'s' if n_incidents != 1 else ''}")
    if n_reports:
        parts.append(f"{n_reports:,} casualty report{'s' if n_reports != 1 else ''}")
    if selection.claims:
        parts.append(f"{len(selection.claims):,} claim{'s' if len(selection.claims) != 1 else ''}")
    if not parts:
        return ["No events match the selected filters", *_filter_pieces(options)]
    pieces = [period, ", ".join(parts)]
    if selection.n_undated:
        pieces.append(f"{selection.n_undated:,} undated")
    return pieces + _filter_pieces(options, with_dates=False)


def _filter_pieces(options: SnapshotOptions, *, with_dates: bool = True) -> list[str]:
    pieces = []
    if with_dates and (options.date_from or options.date_to):
        start = _human_date(options.date_from.isoformat()) if options.date_from else "…"
        end = _human_date(options.date_to.isoformat()) if options.date_to else "…"
        pieces.append(f"{start} – {end}")
    if tuple(options.types) != EVENT_TYPES:
        pieces.append("types: " + ", ".join(style.EVENT_TYPE_LABELS[t].lower() for t in options.types))
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


def _rgba(color: str, alpha: float) -> tuple[float, float, float, float]:
    r, g, b = matplotlib.colors.to_rgb(color)
    return (r, g, b, alpha)


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
