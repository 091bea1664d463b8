"""Rural districts named after their seat: "the Chuhuiv district", "the Starodub district", "Rylsky raion".

A raion (Ukraine) or rayon (Russia) is named after the town that is its seat, and the press names it either by
the town ("the X district") or by the adjective the unit itself is called ("the Xsky district"). Such a mention
is a place with the precision of a district (``PRECISION_ADMIN2``): "the X district" is the eponymous town, found
through the admin-2 unit whose name is the adjective of X (so the town is the one in that unit's oblast, not a
namesake elsewhere: a Russian district's seat is not the Belarusian town whose alternate name it shares; no
such town near the unit: the unit's own point); "the Xsky district" is the admin-2 unit itself.

A mention resolved to a district itself (the admin-2 unit, or a district of a city placed at the city) is named
by the name and its noun together ("the Kirishsky district", "the Saltivskyi district of Kharkiv"): once resolved,
its span takes the noun in (``widen_adjective_districts``); "the X district" placed at its seat keeps the seat's
name as its span.

A city district is not this: "the X district of Y" (``Mention.district_of``), "Y's X district", and adjectives
that also name towns (GeoNames lists the districts of big cities as towns: "Podilskyi" is a part of Kyiv as
well as a raion of the Odesa region) are left to the other rules.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pipeline.model import Signal

if TYPE_CHECKING:
    from pipeline.geoparse.gazetteer import Gazetteer
    from pipeline.geoparse.recognise import Mention
    from pipeline.geoparse.resolve import Resolution

# a seat lies this near (km) to its unit's reference point at most (raions are 30–80 km across; the point of a
# raion is its centroid, the seat often off-centre): farther, a town of that name is a namesake, not the seat
DISTRICT_SEAT_KM = 60.0
SEAT_MIN_LETTERS = 4
# a town this populous has city districts named by adjectives (GeoNames counts some oblast capitals at 60,000 odd):
# in a paragraph naming one outside the raion's unit, "the Xsky district" is left to other rules
CITY_WITH_DISTRICTS_POPULATION = 50_000

# "district" / "raion" / "rayon" right after the name, singular; "district of" only before a region ("the X
# district of the Y region": ``Mention.qualifier``), else it is a district of a city
_DISTRICT_AFTER = re.compile(r"[ \t]+(?:district|raion|rayon)\b(?![-\u2010\u2011])", re.IGNORECASE)
# the characters ``_DISTRICT_AFTER`` may have second: another blank, or the nouns' first letter (re.IGNORECASE
# matches no other character to "d" or "r")
_DISTRICT_AFTER_SECOND = " \tdDrR"
_OF_AFTER = re.compile(r"[ \t]+of\b")
_DISTRICT_IN_NAME = re.compile(r"[ \t](?:district|raion|rayon)\Z", re.IGNORECASE)
# (an oblast's or region's possessive owns a rural district: "Kharkiv Oblast's Kupiansk district")
_POSSESSIVE_BEFORE = re.compile(r"(?<![Oo]blast)(?<![Rr]egion)(?<![Pp]rovince)['’]s?[ \t]+(?:[a-z]+[ \t]+)?\Z")
# the adjective endings a district's name adds to its seat's ("Chuhuiv" → "Chuhuivskyi", "Starodub" →
# "Starodubskiy", "Rylsk" → "Rylskiy")
_ADJECTIVE_SUFFIXES = ("skyi", "skiy", "sky", "skyy", "skij")
_ADJECTIVE_SUFFIXES_AFTER_SK = ("yi", "iy", "y", "yy", "ij")
# the signal of a district of a city placed at the city (``resolve``)
CITY_DISTRICT_SIGNAL = "city_district"
# how the unit was found: named by its own adjective ("the Xsky district") or by its seat ("the X district")
_BY_ADJECTIVE, _BY_TOWN = "adjective", "town"


def mark_district_seats(text: str, gaz: Gazetteer, mentions: list[Mention]) -> None:
    """Place each "X district" / "Xsky district" mention of a rural district at its seat (see the module)."""
    for m in mentions:
        if m.kind != "name" or m.district_of is not None or m.region:
            continue
        in_name = _DISTRICT_IN_NAME.search(m.text)
        after = None if in_name else _DISTRICT_AFTER.match(text, m.end)
        if not in_name and after is None:
            continue
        end = m.end if in_name else after.end()
        if _POSSESSIVE_BEFORE.search(text, max(0, m.start - 40), m.start) or \
                (m.qualifier is None and _OF_AFTER.match(text, end)):
            continue
        key = m.key[:-len(in_name.group(0))].strip() if in_name else m.key
        surface = m.text[:-len(in_name.group(0))] if in_name else m.text
        found = _seat(gaz, key, compound=not any(c.isspace() for c in surface))
        if found is None:
            continue
        if found[2] == _BY_ADJECTIVE and _city_of_another_unit(gaz, m, mentions, _admin1(gaz, found[0])):
            continue  # "in Odesa, ... in the Kyivskyi district": a district of that city
        if m.qualifier is not None and _admin1(gaz, found[0]) not in _units_named(gaz, mentions[m.qualifier].key):
            continue  # "the X district of the Y region": a district of another region is not this one
        row, unit, _how = found
        m.rows = (row,)
        m.district = True
        what = f"the seat of {gaz._name[unit]} raion" if row != unit else "the raion's point"
        m.signals.append(Signal("district_seat", 0.0, f"named as a district: {what}"))


def widen_adjective_districts(text: str, resolved: list[Resolution]) -> None:
    """Take "district" / "raion" / "rayon" after a resolved name into its span when its place is the district
    itself: the admin-2 unit ("the Kirishsky district") or a district of a city, placed at the city ("Kharkiv's
    Kyivskyi district"); the adjective alone names nothing. A rural district placed at its seat ("the Chuhuiv
    district") keeps the seat's name; the plural ("the Kyivskyi and Saltivskyi districts") is left as it is."""
    last = len(text) - 1
    for r in resolved:
        m = r.mention
        end = m.end
        # (the cheapest test first, by indexing: a blank after the name, then a blank or a noun's first letter;
        # most names are followed by another word, and no resolution's kind or signals are read for them)
        if end >= last or text[end] not in " \t" or text[end + 1] not in _DISTRICT_AFTER_SECOND:
            continue
        if m.kind not in ("name", "variant") or m.region_word:
            continue
        if r.candidate.feature_kind != "admin2" and not any(s.kind == CITY_DISTRICT_SIGNAL for s in r.signals):
            continue
        after = _DISTRICT_AFTER.match(text, end)
        if after is not None:
            m.end = after.end()
            m.text = text[m.start:m.end]


def _seat(gaz: Gazetteer, key: str, *, compound: bool = False) -> tuple[int, int, str] | None:
    """(row of the place, row of the admin-2 unit, how) for the district called ``key``, or None. ``compound``:
    the name is one hyphenated word ("Bilhorod-Dnistrovskyi"), whose key holds a space."""
    if (" " in key and not compound) or len(key) < SEAT_MIN_LETTERS:
        return None
    own = gaz.rows_for_key(key)
    kinds = gaz.kind_of
    if own and all(kinds[r] == "admin2" for r in own):  # "Rylsky": the unit's own adjective
        if len(own) != 1:
            return None  # several units of this adjective: left to the ranking and the region named
        return own[0], own[0], _BY_ADJECTIVE  # the unit itself (its point), as a district of its region
    units = [r for r in own if kinds[r] == "admin2"]
    if units:
        # a name both a unit and a town: the town that is the seat of the one unit so called, in its oblast and
        # near its point ("the Bilhorod-Dnistrovskyi district", a town whose name is already an adjective); a
        # town elsewhere (a city's district GeoNames lists as a town: "Podilskyi" of Kyiv) is left to the ranking
        town = _nearest_town(gaz, own, units[0]) if len(units) == 1 else None
        return (town, units[0], _BY_TOWN) if town is not None else None
    units = _units_of_adjective(gaz, key)
    pairs = []
    for unit in units:
        town = _nearest_town(gaz, own, unit)
        if town is not None:
            pairs.append((town, unit))
    if len(pairs) == 1:
        return pairs[0][0], pairs[0][1], _BY_TOWN
    if pairs or len(units) != 1:
        return None
    # no town of this very name in the unit: one whose name extends it (a Russian "-ov" seat called "-ovka")
    unit = units[0]
    towns = [r for k in gaz.keys.trie.keys(key) if k in gaz.keys and " " not in k for r in gaz.rows_for_key(k)]
    town = _nearest_town(gaz, towns, unit)
    return (town, unit, _BY_TOWN) if town is not None else (unit, unit, _BY_TOWN)


def _units_of_adjective(gaz: Gazetteer, key: str) -> list[int]:
    """The admin-2 units whose name is an adjective of ``key``."""
    suffixes = _ADJECTIVE_SUFFIXES_AFTER_SK if key.endswith("sk") else _ADJECTIVE_SUFFIXES
    stems = [key]
    if key[-1] in "a" and len(key) > SEAT_MIN_LETTERS:  # "-ivka" → "-ivskyi", "-ia" → "-skyi": the ending dropped
        stems.append(key[:-2] if key.endswith(("ka", "ia", "ya")) else key[:-1])
    units: list[int] = []
    for stem in stems:
        for suffix in suffixes:
            adjective = stem + suffix
            if adjective in gaz.keys:
                units += [r for r in gaz.rows_for_key(adjective) if gaz.kind_of[r] == "admin2" and r not in units]
    return units


def _nearest_town(gaz: Gazetteer, rows, unit: int) -> int | None:
    """The most populous settlement of ``rows`` in ``unit``'s admin-1 unit within ``DISTRICT_SEAT_KM`` of its
    point (ties: the nearest), or None."""
    from pipeline.geoparse.resolve import _great_circle_km

    code = _admin1(gaz, unit)
    ulat, ulon = _point(gaz, unit)
    best = None
    for r in set(rows):
        if gaz.kind_of[r] != "city" or _admin1(gaz, r) != code:
            continue
        lat, lon = _point(gaz, r)
        km = _great_circle_km(lat, lon, ulat, ulon)
        if km <= DISTRICT_SEAT_KM:
            rank = (-gaz.population_of[r], km, r)
            if best is None or rank < best[0]:
                best = (rank, r)
    return best[1] if best is not None else None


def _city_of_another_unit(gaz: Gazetteer, m: Mention, mentions: list[Mention], code: str) -> bool:
    """Whether the paragraph of ``m`` names a city with districts (``CITY_WITH_DISTRICTS_POPULATION``) that
    lies outside admin-1 unit ``code`` (read from each name's most populous place)."""
    least = CITY_WITH_DISTRICTS_POPULATION
    for other in mentions:
        if other is m or other.paragraph != m.paragraph or other.kind != "name":
            continue
        rows = [r for r in gaz.rows_for_key(other.key) if gaz.kind_of[r] == "city"]
        if rows:
            top = max(rows, key=lambda r: (gaz.population_of[r], -r))
            if gaz.population_of[top] >= least and _admin1(gaz, top) != code:
                return True
    return False


def _units_named(gaz: Gazetteer, key: str) -> set[str]:
    """The admin-1 codes of the places called ``key`` (a unit, or the unit around a town of that name)."""
    return {_admin1(gaz, r) for r in gaz.rows_for_key(key)}


def _admin1(gaz: Gazetteer, row: int) -> str:
    return str(gaz._columns()[6][row])


def _point(gaz: Gazetteer, row: int) -> tuple[float, float]:
    cols = gaz._columns()
    return float(cols[2][row]), float(cols[3][row])
