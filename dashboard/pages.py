"""The map's HTML page per data and view, remembered for the life of the server process.

The page is the slowest part of a script run to build, and views repeat (every new visitor
starts on the default view), so pages are kept in a small least-recently-used cache. It lives
in this module rather than in ``st.cache_data`` so that ``dashboard.launch`` can draw the
default view before the first visitor arrives.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path
from typing import Any

from dashboard import aggregate, assets
from dashboard.aggregate import EventFrame
from pipeline.output.filters import EventFilters
from dashboard.map import build_event_map

MAX_PAGES = 32

_pages: OrderedDict[tuple, str] = OrderedDict()
_lock = threading.Lock()


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
    with _lock:
        if key in _pages:
            _pages.move_to_end(key)
            return _pages[key]
    fmap = build_event_map(outputs["events"], outputs["places"], outputs["oblasts"],
                           filters=filters, metric=metric, basemap=basemap, frame=frame,
                           point_limit=point_limit)
    page = assets.standalone_html(fmap) if static_url is None else assets.served_html(fmap, base_url=static_url)
    with _lock:
        _pages[key] = page
        while len(_pages) > MAX_PAGES:
            _pages.popitem(last=False)
    return page
