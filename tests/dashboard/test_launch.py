"""``dashboard.launch``: the server warms the default view before the first visitor."""

from __future__ import annotations

from pathlib import Path

from dashboard import launch
from dashboard import map as cm_map


def test_warm_map_cuts_the_default_basemap_window(data_dir: Path):
    cm_map._default_basemap.cache_clear()
    launch._warm_map(str(data_dir))
    assert cm_map._default_basemap.cache_info().currsize == 1


def test_warm_map_leaves_a_bad_folder_to_the_page(tmp_path: Path):
    cm_map._default_basemap.cache_clear()
    launch._warm_map(str(tmp_path / "missing"))  # no exception: the page shows the error
    launch._warm_map(None)
    assert cm_map._default_basemap.cache_info().currsize == 0
