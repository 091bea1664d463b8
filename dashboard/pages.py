"""The data and the map's HTML page per view, remembered for the life of the server process.

The page is the slowest part of a script run to build, and views repeat (every new visitor
starts on the default view), so pages are kept in a small least-recently-used cache; so are
the folder's outputs (:func:`outputs`) and what the page needs of them whatever the filters
(:func:`data_view`: the events as columns, the widget choices). They live in this module
rather than in ``st.cache_data`` so that ``dashboard.launch`` can read the data and draw the
default view before the first visitor arrives; they are shared, never copied, and only read.
"""

from __future__ import annotations

import gc
import threading
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from dashboard import aggregate, assets
from dashboard import data as cm_data
from dashboard.aggregate import EventFrame
from dashboard.map import EVENT_TYPE_LABELS, build_event_map
from pipeline.output import filters as cm_filters
from pipeline.output.filters import EventFilters

MAX_PAGES = 32
MAX_DATA = 2  # data sets kept (the folder's, and its rebuild with uploaded articles)

_pages: OrderedDict[tuple, str] = OrderedDict()
_outputs: OrderedDict[str, dict[str, Any]] = OrderedDict()
_views: OrderedDict[str, dict[str, Any]] = OrderedDict()
_lock = threading.Lock()


def _remember(cache: OrderedDict, key: Any, make: Callable[[], Any], max_entries: int) -> Any:
    with _lock:
        if key in cache:
            cache.move_to_end(key)
            return cache[key]
    value = make()
    with _lock:
        cache[key] = value
        while len(cache) > max_entries:
            cache.popitem(last=False)
    return value


def outputs(folder: Path | str, folder_id: str) -> dict[str, Any]:
    """:func:`dashboard.data.load_outputs` of ``folder``, read once while ``folder_id`` names it."""
    return _remember(_outputs, folder_id, lambda: _kept(lambda: cm_data.load_outputs(folder)), MAX_DATA)


def _kept(make: Callable[[], Any]) -> Any:
    """``make()``, made with the garbage collector paused, then every object alive moved out of its passes
    (``gc.freeze``).

    The outputs of a data set are millions of Python objects (~1.5 M at 100,000 events) held for the
    server's life and only read. While they were read, full collections walked the growing heap again
    and again; afterwards each full collection walked all of them: 0.3-4 s pauses at random script runs
    (a filter change taking 1.5 s of CPU instead of 0.1 s). They are not garbage, so they need no pass;
    a data set let go is freed by reference counting as before (outputs read from JSON hold no reference
    cycles; a cycle made while they were read would be kept, never freed: no full pass is run here to find
    one, as it would walk every object again).
    """
    paused = gc.isenabled()
    gc.disable()
    try:
        value = make()
    finally:
        if paused:
            gc.enable()
    gc.freeze()
    return value


def data_view(data_id: str, outputs: dict[str, Any]) -> dict[str, Any]:
    """What the page needs of one data set whatever the filters (one pass over every event).

    ``frame`` (the events as columns, :mod:`dashboard.aggregate`), the widget ``choices``,
    the date ``bounds``, ``oblast_names`` and ``per_day`` (the timeline's counts).
    """
    return _remember(_views, data_id, lambda: _kept(lambda: _data_view(outputs)), MAX_DATA)


def _data_view(outputs: dict[str, Any]) -> dict[str, Any]:
    events = outputs["events"]["features"]
    articles = [a.get("article") for a in outputs["articles"]]
    oblast_names = {
        f["properties"].get("admin1_code"): f["properties"].get("admin1_name")
        for f in events if f["properties"].get("admin1_code")
    }
    present = {kind for f in events if isinstance(kind := f["properties"].get("event_type"), str)}
    return {
        "frame": aggregate.event_frame(events, outputs["places"]["features"]),
        "bounds": cm_filters.date_bounds(events),
        "oblast_names": oblast_names,
        "choices": {
            "types": [t for t in EVENT_TYPE_LABELS if t in present],
            "subs": cm_filters.options(events, "sub_event_type"),
            "oblasts": sorted(oblast_names, key=lambda c: (str(oblast_names[c]), c)),
            "articles": sorted(set(articles) | set(cm_filters.article_options(events))),
        },
        "per_day": tuple(cm_filters.events_per_day(events)),
    }


def folder_id(folder: Path) -> str:
    """Name the outputs of ``folder`` as they are now (its path and newest file time)."""
    stamps = [p.stat().st_mtime for p in folder.glob("*") if p.is_file()]
    return f"{folder.resolve()}@{max(stamps, default=0.0)}"


def map_page(data_id: str, outputs: dict[str, Any], filters: EventFilters, metric: str,
             basemap: str, static_url: str | None, *, frame: EventFrame | None = None,
             point_limit: int | None = None) -> str:
    """The map's page for a view of ``outputs`` (named by ``data_id``).

    With ``static_url`` the page links the vendored assets served there; with None every
    asset is inlined. ``frame`` (the columns of ``outputs``) and ``point_limit`` go to
    :func:`dashboard.map.build_event_map`.
    """
    if point_limit is None:
        point_limit = aggregate.point_limit()
    key = (data_id, filters, metric, basemap, static_url, point_limit)

    def _page() -> str:
        fmap = build_event_map(outputs["events"], outputs["places"], outputs["oblasts"],
                               filters=filters, metric=metric, basemap=basemap, frame=frame,
                               point_limit=point_limit)
        return assets.standalone_html(fmap) if static_url is None else assets.served_html(fmap, base_url=static_url)

    return _remember(_pages, key, _page, MAX_PAGES)
