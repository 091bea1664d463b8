"""Start Streamlit with the dashboard's heavy modules already imported.

Streamlit runs ``app.py`` inside its server process, so whatever this module imports first is
ready for the first visitor: the first page then paints as fast as later ones. Used by
``conflictmap serve`` as ``python -m dashboard.launch run dashboard/app.py [options]``.
"""

from __future__ import annotations

import sys


def _preload() -> None:
    import folium  # noqa: F401
    import geopandas  # noqa: F401
    import matplotlib.pyplot  # noqa: F401

    import geodata
    from dashboard import charts, data, filters, map  # noqa: F401

    geodata.load_admin1()
    geodata.load_countries()


def main() -> int:
    """Import what the app needs, then hand over to Streamlit's own command line."""
    _preload()
    from streamlit.web import cli

    sys.argv = ["streamlit", *sys.argv[1:]]
    return cli.main()


if __name__ == "__main__":
    raise SystemExit(main())
