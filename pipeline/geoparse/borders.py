"""The land borders of the war theatre, for "a village near the border": how far a point lies from them.

The lines are where the polygon of ``war_theatre_country`` (Ukraine) meets those of ``war_theatre_parties`` and
their ally (Russia, Belarus) in ``geodata/countries.parquet`` (Natural Earth, simplified 0.02°: a few km off,
enough to tell a border village from a namesake 100 km inland). Built on first use (most texts never ask).
"""

from __future__ import annotations

from functools import lru_cache

from pipeline.geoparse.weights import RESOLVE_WEIGHTS

# the countries whose shared land borders with the theatre's country are "the border" of war news
BORDER_NEIGHBOURS = ("RU", "BY")
# a neighbour's polygon widened by this much (degrees) meets the theatre's outline along their border (the two
# outlines are generalised separately and do not coincide)
_TOUCH_DEGREES = 0.05


@lru_cache(maxsize=1)
def _border_line():
    """The theatre country's land border with ``BORDER_NEIGHBOURS`` as one shapely geometry (x = lon, y = lat)."""
    from shapely.ops import unary_union

    import geodata

    countries = geodata.load_countries()
    by_code = {code: geom for code, geom in zip(countries["country_code"], countries.geometry)}
    home = by_code.get(RESOLVE_WEIGHTS.war_theatre_country)
    if home is None:
        return None
    parts = [home.boundary.intersection(by_code[code].buffer(_TOUCH_DEGREES))
             for code in BORDER_NEIGHBOURS if code in by_code]
    parts = [p for p in parts if not p.is_empty]
    return unary_union(parts) if parts else None


def border_km(lat: float, lon: float) -> float | None:
    """Great-circle distance (km) from (lat, lon) to the nearest point of the theatre's land border, or None when
    the border is not known."""
    from shapely.geometry import Point
    from shapely.ops import nearest_points

    from pipeline.geoparse.resolve import _great_circle_km  # (resolve imports this module lazily)

    line = _border_line()
    if line is None:
        return None
    near = nearest_points(line, Point(lon, lat))[0]  # (shapely's x is the longitude)
    return _great_circle_km(lat, lon, near.y, near.x)
