"""Districts of cities that GeoNames lists as towns of their own ("<adjective> district" of a big city).

The districts are found in the gazetteer by the resolver's own rule (a town named by a district adjective
next to a city twice as populous); the sentences around them are written here.
"""

from __future__ import annotations

import numpy as np

from pipeline.geoparse.gazetteer import Candidate
from pipeline.geoparse.resolve import _city_section, _great_circle_km
from pipeline.geoparse.weights import RESOLVE_WEIGHTS as W


def _sections(geoparser, country: str, limit: int):
    """(district name, its city's name, another big city's name) for up to ``limit`` districts of
    ``country`` whose name no other kind of place carries."""
    gaz = geoparser.gazetteer
    lat, lon, cc = gaz._columns()[2], gaz._columns()[3], gaz._columns()[5]
    kinds = np.asarray(gaz.kind_of)
    big = [r for r in np.flatnonzero(kinds == "city").tolist()
           if cc[r] == country and gaz.population_of[r] >= 5 * W.city_with_districts_population]
    out = []
    for r in np.flatnonzero(kinds == "city").tolist():
        if cc[r] != country:
            continue
        name = str(gaz._name[r])
        c = Candidate(r, None, name, float(lat[r]), float(lon[r]), "city", country, None,
                      int(gaz.population_of[r]), True)
        parent = _city_section(gaz, c, W)
        rows = gaz.rows_for_key(name.lower())
        if parent is None or len(rows) != 1 or " " in name:
            continue
        home = min(big, key=lambda b: _great_circle_km(lat[b], lon[b], *parent))
        other = next(b for b in big if _great_circle_km(lat[b], lon[b], *parent) > 200)
        out.append((name, str(gaz._name[home]), str(gaz._name[other])))
        if len(out) == limit:
            break
    return out


def test_a_district_of_another_city_is_placed_at_the_city_the_article_is_about(geoparser):
    sections = _sections(geoparser, "UA", 3)
    assert sections
    for district, home, other in sections:
        text = f"A missile hit {other} overnight. Debris fell in the {district} district, officials said."
        found = {p["text"]: p for p in geoparser.parse(text)}
        # (placed at the city, the mention is the district: its span takes the noun in)
        assert found[f"{district} district"]["name"] == found[other]["name"], text
        assert f"a district of {found[other]['name']}" in found[f"{district} district"]["reason"]
        # in an article about its own city, the district keeps its own point
        text = f"A missile hit {home} overnight. Debris fell in the {district} district, officials said."
        found = {p["text"]: p for p in geoparser.parse(text)}
        assert found[district]["name"] == district and found[district]["precision"] == "exact", text
