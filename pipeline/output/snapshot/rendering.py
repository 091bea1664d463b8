"""Draw a briefing image: the figure with its data layers, and its encoding to bytes."""

from __future__ import annotations

import datetime as dt
import io
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import shapely  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402
from matplotlib.transforms import Bbox  # noqa: E402
from shapely.geometry.base import BaseGeometry  # noqa: E402

from pipeline.errors import InputError  # noqa: E402
from pipeline.model import EVENT_TYPE_ORDER, EventType  # noqa: E402
from pipeline.output import style  # noqa: E402
from pipeline.output.atomic import write_atomic  # noqa: E402
from pipeline.output.snapshot.decorations import (  # noqa: E402
    _MUTED_COLOR, _TEXT_COLOR, _CasualtyScale,
    _country_label_jobs, _draw_inset, _draw_legends, _draw_scale_bar, _fitting_font_size, _LabelJob, _layout,
    _place_labels, _rgba, _subtitle_pieces, _try_tiles, _wrap_pieces,
)
from pipeline.output.snapshot.options import (  # noqa: E402
    DEFAULT_DPI, DEFAULT_SIZE, DEFAULT_TITLE, SnapshotOptions, format_from_path, validate_options,
)
from pipeline.output.snapshot.selection import (  # noqa: E402
    _count_articles, _key_places, _limit_mention_only, _select_events, _Selection,
)
from pipeline.output.snapshot.view import (  # noqa: E402
    _data_bounds, _load_admin1, _load_countries, _make_view, _project_frame, _project_geoms,
)

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


@dataclass
class SnapshotFigure:
    """A drawn snapshot: the figure, the layers it shows (legend order) and the events chosen."""

    figure: Figure
    layers: tuple[str, ...]
    legend_labels: tuple[str, ...]
    basemap: str
    event_ids: tuple[str, ...] = ()  # the events the filter (and bbox) chose, in input order


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
    include_undated: bool = True,
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
    types, date_from, date_to, admin1, include_undated
        The event filter (:class:`pipeline.output.filters.EventFilters`, shared with
        ``conflictmap export`` and the dashboard).
    bbox
        Map area; events outside it are left out.
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
        n_articles=n_articles, include_undated=include_undated,
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
        ax.set_facecolor(style.SEA_COLOUR)
        visible_countries = _project_frame(countries, view, view.extent)
        visible_countries.plot(ax=ax, color=style.LAND_COLOUR, edgecolor="none", zorder=1)
        admin1 = _project_frame(_load_admin1(), view, view.extent)
        if len(admin1):
            admin1.boundary.plot(ax=ax, color=style.ADMIN1_LINE_COLOUR, linewidth=0.5, zorder=2)
        visible_countries.boundary.plot(ax=ax, color=style.COUNTRY_LINE_COLOUR, linewidth=0.9, zorder=3)

    handles: list[Any] = []
    layers: list[str] = []
    label_jobs: list[_LabelJob] = []
    obstacles: list[Bbox] = []

    claim_geoms: list[BaseGeometry] = []
    if selection.claims:
        claim_geoms = _project_geoms([geom for _, geom in selection.claims], view)
        _plot_claims(ax, claim_geoms)
        handles.append(Patch(facecolor=_rgba(style.CLAIM_COLOUR, 0.16), edgecolor=_rgba(style.CLAIM_COLOUR, 0.8),
                             hatch="////", linewidth=1.0, label=_claim_label(selection)))
        layers.append(EventType.ANNEXATION_CLAIM)
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
    casualties = points[points["event_type"] == EventType.CASUALTY_REPORT] if len(points) else points
    incidents = points[points["event_type"] == EventType.FRONTLINE_INCIDENT] if len(points) else points

    if len(casualties):
        totals = (casualties["killed"].fillna(0).astype(float) + casualties["injured"].fillna(0).astype(float)).to_numpy()
        scale = _CasualtyScale.for_totals(totals, figure_height_in=height_in, n_circles=len(casualties))
        order = np.argsort(-totals, kind="stable")  # big circles below small ones
        crowded = len(casualties) > 300
        ax.scatter(casualties["x"].to_numpy()[order], casualties["y"].to_numpy()[order],
                   s=scale.sizes(totals[order]), facecolor=_rgba(style.CASUALTY_COLOUR, 0.12 if crowded else 0.28),
                   edgecolor=_rgba(style.CASUALTY_EDGE_COLOUR, 0.35 if crowded else 0.85),
                   linewidth=0.4 if crowded else 0.7, zorder=5)
        layers.append(EventType.CASUALTY_REPORT)
    else:
        scale = None

    if len(incidents):
        size = float(np.clip(70 * math.sqrt(150 / max(len(incidents), 1)), 10, 70))
        alpha = float(np.clip(1.2 - len(incidents) / 2500, 0.45, 0.95))
        sub_types = incidents["sub_event_type"].fillna("other").astype(str)
        counts = Counter(sub_types)
        for sub_type in sorted(counts, key=lambda s: (-counts[s], s)):
            sub_style = style.sub_type_style(sub_type)
            marker, color = sub_style.marker, sub_style.colour
            rows = incidents[sub_types == sub_type]
            ax.scatter(rows["x"], rows["y"], s=size, marker=marker, color=color, alpha=alpha,
                       edgecolor="white", linewidth=0.5, zorder=6)
            label = f"{style.sub_type_label(sub_type)} ({counts[sub_type]:,})"
            handles.append(Line2D([], [], linestyle="none", marker=marker, markersize=8, markerfacecolor=color,
                                  markeredgecolor="white", markeredgewidth=0.5, label=label))
        layers.append(EventType.FRONTLINE_INCIDENT)

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
        handles.append(Line2D([], [], linestyle="none", marker="o", markersize=4.5, markerfacecolor=style.PLACE_COLOUR,
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
    attribution = f"{n_articles:,} article{'s' if n_articles != 1 else ''} · {style.ATTRIBUTION}"
    if tile_note:
        attribution += f" · {tile_note}"
    figure.text(*layout.attribution, attribution, fontsize=8, color=_MUTED_COLOR, ha="left", va="center")
    order = [layer for layer in (*EVENT_TYPE_ORDER, "places")
             if layer in layers]
    return SnapshotFigure(figure=figure, layers=tuple(order), legend_labels=legend_labels, basemap=basemap,
                          event_ids=selection.matched_ids)


def _plot_claims(ax: Axes, geoms: list[BaseGeometry]) -> None:
    import geopandas as gpd

    series = gpd.GeoSeries(geoms)
    series.plot(ax=ax, facecolor=_rgba(style.CLAIM_COLOUR, 0.16), edgecolor="none", zorder=4)
    series.plot(ax=ax, facecolor="none", edgecolor=_rgba(style.CLAIM_COLOUR, 0.55), hatch="////", linewidth=0, zorder=4)
    series.boundary.plot(ax=ax, color=_rgba(style.CLAIM_COLOUR, 0.9), linewidth=1.3, zorder=4)


def _claim_label(selection: _Selection) -> str:
    claimants = sorted({str(p.get("claimed_by")) for p, _ in selection.claims if p.get("claimed_by")})
    n_units = len({p.get("admin1_code") or p.get("id") for p, _ in selection.claims})
    by = f" by {', '.join(claimants)}" if claimants else ""
    return f"Area claimed{by} ({n_units:,})"
