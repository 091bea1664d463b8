"""Where the text ties a place mention to another place: the part of a place, a name inside a building's name,
and "the capital".

The events layer applies these to the geoparser's places before it reads incidents (the geoparser's
own output is left as it is):

- **Part of a place.** "the X district of Y", "the X oil field in the Y region", "the palace in Y":
  X lies inside Y. Every mention of X in the article that the geoparser resolved to a place not in
  Y (a namesake far away) is moved to Y, as a point near or part of it (``approx_point``); when Y
  is only a country, such a mention is dropped: an incident is placed where the text puts it, or
  nowhere, never at a wrong namesake.
- **Inside a name, or a government.** A place name inside the proper name of a building or an
  institution ("the Cathedral of St X") is part of that name, and a capital as the subject of a
  clause ("the peninsula that Moscow annexed") is its government: no place of an incident.
- **"the capital".** In a sentence that names no other place, an explosion "in the capital" is at
  the capital of the country the article is about, when the article names that capital (by name,
  as a metonym, in a title or a dateline): the capital's place, at the words "the capital". Done
  here and not in the geoparser (resolving the bare noun there lowered its scores on public corpora).
"""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.geoparse.admin_join import lies_in_unit
from pipeline.geoparse.resolve import great_circle_km
from pipeline.model import POINT_KINDS, Place
from pipeline.text.textnorm import fold

TIE_KM = 30.0  # a mention resolved further than this from the settlement the text puts it in is another namesake
# what ties a mention to the place named right after it: a district or a landmark of it
_PART_NOUNS = (r"(?:(?:city|urban|rural|administrative)\s+)?(?:districts?|raions?|neighbou?rhoods?|microdistricts?|"
               r"quarters?|boroughs?|suburbs?)|(?:oil|gas)\s+(?:fields?|depots?|terminals?)|refiner(?:y|ies)|bridges?|"
               r"palaces?|(?:power\s+)?plants?|(?:power\s+)?stations?|airports?|airfields?|air\s+bases?|bases?|dams?|"
               r"ports?|depots?|terminals?|factor(?:y|ies)|works|shipyards?")
_TIE = re.compile(r"\s+(?:[A-Z][\w'’-]+\s+){0,2}(?:" + _PART_NOUNS + r")\s+(?:of|in|near|outside|at)\s+(?:the\s+)?"
                  r"(?:(?:city|town|village|settlement)\s+of\s+)?$")
_PART_END = re.compile(r"\s+(?:" + _PART_NOUNS + r")$", re.IGNORECASE)
# a settlement placed in a region ("X in the Y region", "X in Russia's Y Krai"): it lies in that region's admin-1 unit
_UNIT_TIE = re.compile(r"\s+in\s+(?:the\s+)?$")
_BARE_TIE = re.compile(r"\s+(?:in|of)\s+(?:the\s+)?$")  # a landmark the gazetteer knows, "the palace in the Kremlin"
# a mention inside the proper name of a building or an institution ("the Church of the Holy Apostles X and Y",
# "the Cathedral of St X"): part of that name, no place of the event (the building is where the text puts it)
_NAME_HEAD = re.compile(r"\b(?:Church|Cathedral|Basilica|Chapel|Monastery|Lavra|Temple|Mosque|Synagogue|Shrine|"
                        r"University|Academy|Institute|College|School|Museum|Theat(?:re|er)|Hospital|Palace|Order)\s+"
                        r"of\s+(?:the\s+)?(?:[A-Z][\w'’.-]*\s+)(?:(?:[A-Z][\w'’.-]*|and|of|the|&)\s+)*$")
# a capital as the subject of a clause it opens ("the peninsula that Moscow annexed", "after Kyiv launched ..."):
# the government, not where anything happened
_CLAUSE_OPENER = re.compile(r"\b(?:that|which|whom|after|before|when|while|as|since|because|until|unless|once)\s+$",
                            re.IGNORECASE)
_FINITE_VERB = re.compile(r"\s+(?:has\s+|have\s+|had\s+)?(?:\w+ly\s+)?(?!(?:was|is|has|had|does|been)\b)"
                          r"[a-z]+(?:ed|s)\b(?!\s+by\b)")
_THE_CAPITAL = re.compile(r"\bthe\s+capital\b(?!\s+(?:of|city\s+of)\b)(?!['’]s)")


def _key(place: Place) -> str:
    return fold(place.text).lower()


def _inside(place: Place, container: Place) -> bool:
    """Whether ``place`` can lie in ``container`` (an oblast, a settlement, or a country)."""
    if container.feature_kind == "country":
        return place.country_code == container.country_code
    if container.feature_kind == "admin1":
        return lies_in_unit(place.admin1_code, container.admin1_code)  # "Sevastopol in Crimea": a city-region in it
    return great_circle_km(place.lat, place.lon, container.lat, container.lon) <= TIE_KM


def _ties(text: str, ordered: list[Place]) -> dict[str, Place]:
    """Mention text (folded) -> the place the text puts it in, from "X district of Y" and the like (also when the
    geoparser's mention holds the noun: "X refinery" in "the X refinery in the Y region")."""
    out: dict[str, Place] = {}
    for i, part in enumerate(ordered):
        if part.feature_kind not in POINT_KINDS:
            continue
        container = next((p for p in ordered[i + 1:] if p.start >= part.end), None)
        if container is None or container.feature_kind not in (*POINT_KINDS, "admin1", "country"):
            continue
        between = text[part.end:container.start]
        if container.feature_kind == "country" and _UNIT_TIE.fullmatch(between):
            # "X in Russia's Y region": the unit after the country's possessive is the container
            unit = next((p for p in ordered[i + 1:] if p.start > container.end), None)
            if unit is not None and unit.feature_kind == "admin1" and \
                    re.fullmatch(r"['’]s\s+(?:the\s+)?", text[container.end:unit.start]):
                container, between = unit, text[part.end:container.start]
        if container.feature_kind == "admin1" and part.feature_kind == "city" and \
                re.fullmatch(r"\s+in\s+(?:the\s+)?(?:(?:Russia|Ukraine)['’]s\s+)?", between):
            out.setdefault(_key(part), container)
            continue
        noun = _PART_END.search(part.text)
        if len(between) > 80 or not (_TIE.fullmatch(between) or (noun or part.feature_kind == "landmark") and
                                     _BARE_TIE.fullmatch(between)):
            continue
        out.setdefault(_key(part), container)
        if noun:
            out.setdefault(fold(part.text[:noun.start()]).lower(), container)  # "X" as well as "X refinery"
    return out


def _container(ties: dict[str, Place], place: Place) -> Place | None:
    """The place the text puts a mention in (``_ties``): by its text, or by its name without a part noun ("the X
    refinery" where the text put X in a region)."""
    found = ties.get(_key(place))
    noun = _PART_END.search(place.text) if found is None else None
    return ties.get(fold(place.text[:noun.start()]).lower()) if noun else found


def _moved(place: Place, container: Place) -> Place:
    """``place`` (a mention) located at ``container``: near or part of it."""
    return replace(place, name=container.name, lat=container.lat, lon=container.lon, geonameid=container.geonameid,
                   feature_kind=container.feature_kind, admin1_code=container.admin1_code,
                   admin1_name=container.admin1_name, country_code=container.country_code, capital=False,
                   approx_point=container.feature_kind != "admin1", precision=container.precision,
                   confidence=min(place.confidence, container.confidence),
                   reason=f"{place.reason}; inside {container.name}, where the text puts it")


def tie_places(text: str, places: list[Place]) -> list[Place]:
    """The article's places as the events layer reads them (module docstring): mentions the text ties to a place
    they are not in moved there or dropped, and "the capital" resolved. Sorted by position."""
    ordered = sorted(places, key=lambda p: p.start)
    ties = _ties(text, ordered)
    out: list[Place] = []
    for place in ordered:
        if place.feature_kind in POINT_KINDS and _NAME_HEAD.search(text, max(0, place.start - 120), place.start):
            continue
        if place.capital and _CLAUSE_OPENER.search(text, max(0, place.start - 12), place.start) and \
                _FINITE_VERB.match(text, place.end):
            continue
        container = _container(ties, place) if place.feature_kind in POINT_KINDS else None
        if container is None or _inside(place, container) or place.start == container.start:
            out.append(place)
        elif container.feature_kind != "country":
            out.append(_moved(place, container))
    return sorted(out + _capital_mentions(text, ordered), key=lambda p: p.start)


def _capital_mentions(text: str, ordered: list[Place]) -> list[Place]:
    """A place for each bare "the capital" of ``text``: the capital of the article's country, if it names it."""
    capitals = [p for p in ordered if p.capital and p.feature_kind == "city"]
    if not capitals or "the capital" not in text:
        return []
    weight: dict[str | None, int] = {}
    for p in ordered:
        weight[p.country_code] = weight.get(p.country_code, 0) + 1
    out = []
    for m in _THE_CAPITAL.finditer(text):
        start, end = m.start() + len("the "), m.end()
        if any(-3 <= p.start - end <= 3 or -3 <= start - len("the ") - p.end <= 3 for p in ordered):
            continue  # "the capital, Kyiv", "Kyiv, the capital": the name is there
        left = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
        right = min((i for i in (text.find(c, end) for c in ".!?\n") if i >= 0), default=len(text))
        if any(left <= p.start < right and p.feature_kind in (*POINT_KINDS, "admin1") for p in ordered):
            continue  # the sentence names a place of its own: "the capital" there is no location told only so
        nearest = max(capitals, key=lambda p: (weight.get(p.country_code, 0), p.start < start,
                                               -abs(p.start - start)))
        out.append(replace(nearest, start=start, end=end, text=text[start:end],
                           reason=f"the capital: {nearest.name}, the capital the article names"))
    return out
