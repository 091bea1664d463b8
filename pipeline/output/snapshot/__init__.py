"""Briefing images: a static map of the events, for slides and reports.

``render_snapshot(events, places, oblasts, ...)`` draws the same layers as the
dashboard (claimed areas, incidents by sub-type, casualty circles, key places) with
a title, a subtitle with the date range, a legend for the layers shown, a scale
bar, an inset locator map and an attribution line, and returns PNG, PDF or SVG
bytes. The same data and options give the same bytes.

Filters
-------
``types``, ``date_from``/``date_to``, ``admin1`` and ``include_undated`` make the one
event filter of :mod:`pipeline.output.filters` (the same set ``conflictmap export`` and
the dashboard show; undated events are kept unless ``include_undated=False``). ``admin1``
also fits the map to those units; ``bbox`` (W, S, E, N in degrees) keeps events touching
it and sets the extent.

Basemap
-------
Offline vector boundaries from ``geodata`` by default, drawn in a Lambert azimuthal
equal-area projection centred on the data (the scale bar is true there). With
``tiles=True`` web tiles are fetched (Web Mercator) with a short timeout; when they
cannot be had the vector basemap is used and a ``UserWarning`` says why.

Modules
-------
``options`` parses and checks the options, ``selection`` picks the events and places,
``view`` fits the projection and extent, ``rendering`` draws the figure and encodes it,
``decorations`` draws what surrounds the data (legends, scale bar, inset, labels, tiles).
"""

from __future__ import annotations

from pipeline.output.snapshot.options import (
    DEFAULT_DPI,
    DEFAULT_SIZE,
    DEFAULT_TITLE,
    EVENT_TYPES,
    FORMATS,
    SnapshotOptions,
    format_from_path,
    parse_bbox,
    parse_date,
    parse_size,
    validate_options,
)
from pipeline.output.snapshot.rendering import SnapshotFigure, build_snapshot_figure, render_snapshot
from pipeline.output.snapshot.view import WEB_MERCATOR, WGS84

__all__ = [
    "DEFAULT_DPI", "DEFAULT_SIZE", "DEFAULT_TITLE", "EVENT_TYPES", "FORMATS", "WEB_MERCATOR", "WGS84",
    "SnapshotFigure", "SnapshotOptions", "build_snapshot_figure", "format_from_path", "parse_bbox", "parse_date",
    "parse_size", "render_snapshot", "validate_options",
]
