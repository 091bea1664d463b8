"""``dashboard.launch``: the server draws the default view before the first visitor."""

from __future__ import annotations

from pathlib import Path

from dashboard import aggregate, assets, launch, pages
from dashboard import map as cm_map
from pipeline.output.filters import EventFilters


def test_warm_map_draws_the_default_view(data_dir: Path):
    cm_map._default_basemap.cache_clear()
    pages._pages.clear()
    launch._warm_map(str(data_dir))
    assert cm_map._default_basemap.cache_info().currsize == 1
    # the key the app asks with for a first visitor: every filter open, offline basemap
    (key,) = pages._pages
    assert key == (pages.folder_id(data_dir), EventFilters(), "mentions", "offline", assets.STATIC_URL,
                   aggregate.POINT_LIMIT)


def test_warm_map_leaves_a_bad_folder_to_the_page(tmp_path: Path):
    pages._pages.clear()
    launch._warm_map(str(tmp_path / "missing"))  # no exception: the page shows the error
    launch._warm_map(None)
    assert not pages._pages


def test_pages_are_reused_and_bounded(data_dir: Path):
    from dashboard import data

    pages._pages.clear()
    outputs = data.load_outputs(data_dir)
    first = pages.map_page("a", outputs, EventFilters(), "mentions", "offline", "/app/static")
    again = pages.map_page("a", outputs, EventFilters(), "mentions", "offline", "/app/static")
    assert first is again and "/app/static/vendor/leaflet/leaflet.js" in first
    for n in range(pages.MAX_PAGES + 3):
        pages.map_page(f"data-{n}", outputs, EventFilters(), "mentions", "offline", None)
    assert len(pages._pages) == pages.MAX_PAGES
