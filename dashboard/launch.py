"""Start Streamlit with the dashboard's heavy modules already imported.

Streamlit runs ``app.py`` inside its server process, so whatever this module imports first is
ready for the first visitor: the first page then paints as fast as later ones. Used by
``conflictmap serve`` as ``python -m dashboard.launch run dashboard/app.py [options]``.
"""

from __future__ import annotations

import os
import sys


def _preload() -> None:
    import folium  # noqa: F401
    import geopandas  # noqa: F401
    import matplotlib.pyplot  # noqa: F401

    import geodata
    from dashboard import map  # noqa: F401

    geodata.load_admin1()
    geodata.load_countries()
    _warm_map(os.environ.get("CONFLICTMAP_DATA"))


def _warm_map(folder: str | None) -> None:
    """Draw the default view once (map page and charts): the first visitor gets the page from
    :mod:`dashboard.pages`, and the templates and fonts are loaded already."""
    from pathlib import Path

    from dashboard import assets, charts, pages
    from pipeline.output import filters
    from pipeline.errors import EXPECTED_ERRORS

    if not folder:
        return
    data_id = pages.folder_id(Path(folder))
    try:
        outputs = pages.outputs(folder, data_id)
    except EXPECTED_ERRORS:
        return  # the page itself reports the problem
    # the page every visitor starts on: all filters open, as the app builds it
    view = pages.data_view(data_id, outputs)
    pages.map_page(data_id, outputs, filters.EventFilters(), "mentions", "offline", assets.STATIC_URL,
                   frame=view["frame"])
    events = outputs["events"]["features"]
    if counts := view["per_day"]:
        charts.timeline_png(list(counts))
    if rows := filters.casualties_per_oblast(events):
        charts.casualties_png(rows)


def main() -> int:
    """Import what the app needs, then hand over to Streamlit's own command line."""
    _preload()
    from streamlit.web import cli

    sys.argv = ["streamlit", *sys.argv[1:]]
    return cli.main()


if __name__ == "__main__":
    raise SystemExit(main())
