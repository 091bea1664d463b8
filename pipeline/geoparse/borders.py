"""The land borders of the war theatre, for "a village near the border": how far a point lies from them.

The lines are where the polygon of ``war_theatre_country`` (Ukraine) meets those of ``war_theatre_parties`` and
their ally (Russia, Belarus) in ``geodata/countries.parquet`` (Natural Earth, simplified 0.02°: a few km off,
enough to tell a border village from a namesake 100 km inland). Built on first use (most texts never ask) and kept
as WKB in the cache folder (``settings.cache_folder``), so that later processes read it instead of building it again
(building takes ~0.1 s of CPU: the country polygons, a buffer, an intersection).
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from pipeline.geoparse.weights import RESOLVE_WEIGHTS

# the countries whose shared land borders with the theatre's country are "the border" of war news
BORDER_NEIGHBOURS = ("RU", "BY")
# a neighbour's polygon widened by this much (degrees) meets the theatre's outline along their border (the two
# outlines are generalised separately and do not coincide)
_TOUCH_DEGREES = 0.05


@lru_cache(maxsize=1)
def _border_line():
    """The theatre country's land border with ``BORDER_NEIGHBOURS`` (``_build_border_line``), read from the cache
    folder when an earlier process built it from the same countries file and settings."""
    import shapely

    import geodata
    from pipeline import settings

    source = Path(geodata.__file__).resolve().parent / "countries.parquet"
    stat = source.stat()
    key = f"{stat.st_size}-{stat.st_mtime_ns}-{RESOLVE_WEIGHTS.war_theatre_country}-{'-'.join(BORDER_NEIGHBOURS)}-" \
          f"{_TOUCH_DEGREES}"
    cached = Path(settings.cache_folder) / f"border_line-{key}.wkb"
    try:
        return shapely.from_wkb(cached.read_bytes()) if cached.stat().st_size else None
    except (OSError, shapely.errors.GEOSException):
        pass  # not built yet, or unreadable: build it again
    line = _build_border_line()
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(f".tmp{os.getpid()}")
        tmp.write_bytes(shapely.to_wkb(line) if line is not None else b"")
        tmp.replace(cached)  # atomic: a reader sees the whole file or none
    except OSError:
        pass  # a read-only cache folder: build it in every process
    return line


def _build_border_line():
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
