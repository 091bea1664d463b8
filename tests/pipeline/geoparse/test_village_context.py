"""Namesakes of villages decided by the words around them (branch places13).

- "X village" / "X settlement" (the noun after the name, as translated news writes it) names a village;
- "the Y village of X", "the eastern Y settlements of A and B": Y names the admin-1 unit of the list;
- a village its listed unit leaves with one candidate is a point for the namesakes of its neighbours.

Village names come from ``geodata/settlements.parquet``; the sentences are written here.
"""

from __future__ import annotations

import pandas as pd
import pytest

import geodata
from pipeline.geoparse.recognise import find_mentions
from pipeline.text.textnorm import name_key

OBLAST = "UA-14"  # a frontline oblast whose village names recur all over Ukraine
# names with more namesakes than this are not measured against the places around (``namesake_max_candidates``)
MAX_NAMESAKES = 30


@pytest.fixture(scope="module")
def settlements() -> pd.DataFrame:
    return geodata.load_settlements()


def _unit_name(gazetteer, code: str) -> str:
    row = gazetteer.admin1_row(code)
    return gazetteer.candidate(row).name


def _villages_with_bigger_namesakes(settlements: pd.DataFrame, admin1: str, n: int) -> list[str]:
    """``n`` one-word names of villages of ``admin1`` (one there, exact point) that a settlement of known,
    larger population carries in another oblast: the population prior picks the wrong one."""
    villages = settlements[settlements["kind"].isin(["village", "settlement"])]
    here = villages[(villages["admin1_code"] == admin1) & (villages["precision"] == "exact")]
    counts = here["name"].value_counts()
    elsewhere = villages[(villages["admin1_code"] != admin1) & (villages["country_code"] == "UA")
                         & villages["population"].notna()]
    biggest = elsewhere.groupby("name")["population"].max()
    names = []
    for name, group in here.groupby("name", sort=True):
        if counts[name] != 1 or " " in name or "-" in name or "'" in name or name not in biggest.index:
            continue
        own = group["population"].iloc[0]
        if pd.isna(own) or biggest[name] > own:
            names.append(name)
    assert len(names) >= n
    return names[:n]


def test_a_name_before_a_village_noun_is_named_a_village(gazetteer):
    text = "Clashes for the control of Sumy settlement continued, the ministry said."
    m = next(m for m in find_mentions(text, gazetteer) if m.text == "Sumy")
    assert m.village and not m.settlement  # a soft hint only: no hard unit constraint
    assert any(s.kind == "village_noun_after" for s in m.signals)


def test_the_village_noun_after_a_name_lets_the_article_unit_decide(geoparser, settlements, gazetteer):
    unit = _unit_name(gazetteer, OBLAST)
    for name in _villages_with_bigger_namesakes(settlements, OBLAST, 8):
        text = (f"Russia said its troops took three settlements in the {unit} region on Wednesday.\n\n"
                f"Clashes for the control of {name} village continued, the ministry added.")
        places = {p["text"]: p for p in geoparser.parse(text)}
        assert places[name]["admin1_code"] == OBLAST, places[name]["reason"]
        assert "named a village" in places[name]["reason"]


def test_a_unit_named_before_a_settlement_noun_restricts_the_list(geoparser, settlements, gazetteer):
    unit = _unit_name(gazetteer, OBLAST)
    names = _villages_with_bigger_namesakes(settlements, OBLAST, 6)
    for a, b in zip(names[::2], names[1::2]):
        text = f"Soldiers raised flags in the southeastern {unit} settlements of {a} and {b} on Sunday."
        places = {p["text"]: p for p in geoparser.parse(text)}
        assert places[unit]["feature_kind"] == "admin1", places[unit]["reason"]
        assert "names the unit of the settlements after it" in places[unit]["reason"]
        for name in (a, b):
            assert places[name]["admin1_code"] == OBLAST, places[name]["reason"]


def test_a_name_before_and_the_village_of_is_no_unit(gazetteer):
    text = "Shelling hit Kharkiv and the village of Pishchane overnight."
    m = next(m for m in find_mentions(text, gazetteer) if m.text == "Kharkiv")
    assert not m.region


def _in_oblast(gazetteer, name: str) -> list:
    return [c for c in gazetteer.candidates_by_population(name_key(name))
            if c.admin1_code == OBLAST and c.feature_kind == "city"]


def _neighbour_pairs(settlements: pd.DataFrame, gazetteer, n: int) -> list[tuple[str, str, float, float]]:
    """``n`` (A, B, lat, lon): A the one settlement of its name in the oblast (with namesakes elsewhere), B a
    name the oblast has at least twice, and (lat, lon) the point of the B within 15 km of A, which is not the
    most populous B of the oblast and lies over 100 km from it (B with at most ``MAX_NAMESAKES`` namesakes)."""
    names = sorted({name for name in settlements.loc[settlements["admin1_code"] == OBLAST, "name"]
                    if name.isalpha() and len(name) >= 5})
    singles, multiples = [], []
    for name in names:
        here = _in_oblast(gazetteer, name)
        if len(here) == 1 and len(gazetteer.candidates_by_population(name_key(name))) >= 2:
            singles.append((name, here[0]))
        elif len(here) >= 2 and len(gazetteer.candidates_by_population(name_key(name))) <= MAX_NAMESAKES:
            multiples.append((name, here))
    pairs = []
    for name_b, cands in multiples:
        top = cands[0]
        for b in cands[1:]:
            if _km(b, top) < 100:
                continue
            a = next((name for name, c in singles if name != name_b and _km(b, c) < 15), None)
            if a is not None:
                pairs.append((a, name_b, b.lat, b.lon))
                break
        if len(pairs) >= n:
            break
    assert len(pairs) >= n
    return pairs


def _km(a, b) -> float:
    from pipeline.geoparse.resolve import _great_circle_km

    return _great_circle_km(a.lat, a.lon, b.lat, b.lon)


def test_a_village_alone_in_its_listed_unit_places_its_neighbours_namesake(geoparser, settlements, gazetteer):
    """"The village of A in the Y region ... the neighbouring B village": of B's namesakes in Y, the one
    beside A, not the most populous one (A, alone in Y by its listed unit, is the point B is measured from)."""
    unit = _unit_name(gazetteer, OBLAST)
    for a, b, lat, lon in _neighbour_pairs(settlements, gazetteer, 4):
        text = (f"Ukrainian forces liberated the village of {a} in the {unit} region, the brigade said.\n\n"
                f"The same day troops retook the neighbouring {b} village.")
        places = {p["text"]: p for p in geoparser.parse(text)}
        assert places[a]["admin1_code"] == OBLAST, places[a]["reason"]
        got = places[b]
        assert abs(got["lat"] - lat) < 0.01 and abs(got["lon"] - lon) < 0.01, got["reason"]
        assert "the namesake nearest the article's other places" in got["reason"]


def _renamed_towns(settlements: pd.DataFrame, gazetteer, n: int) -> list[tuple[str, str, str]]:
    """``n`` (other name, name, admin-1 code) of Ukrainian towns whose other name (a Russian form or an old
    name among their ``names``) reads first as some other place: the population prior picks the namesake."""
    towns = settlements[(settlements["kind"] == "city") & (settlements["country_code"] == "UA")]
    out = []
    for _, town in towns.sort_values("name").iterrows():
        own = [c for c in gazetteer.candidates_by_population(name_key(town["name"]))
               if c.admin1_code == town["admin1_code"] and c.feature_kind == "city"]
        if len(own) != 1 or " " in town["name"]:
            continue
        for other in str(town["names"]).split("|"):
            if not other.isascii() or not other.isalpha() or name_key(other) == name_key(town["name"]):
                continue
            cands = gazetteer.candidates_by_population(name_key(other))
            if cands and cands[0].row != own[0].row and any(c.row == own[0].row for c in cands):
                out.append((other, town["name"], town["admin1_code"]))
                break
        if len(out) >= n:
            break
    assert len(out) >= n
    return out


@pytest.mark.parametrize("form", ["{other}, also known as {name}, was shelled overnight.",
                                  "{other} (known in Ukraine as {name}) was shelled overnight.",
                                  "{other} ({name}) was shelled overnight."])
def test_two_names_of_one_place_side_by_side_are_that_place(geoparser, settlements, gazetteer, form):
    for other, name, admin1 in _renamed_towns(settlements, gazetteer, 4):
        places = {p["text"]: p for p in geoparser.parse(form.format(other=other, name=name))}
        assert places[other]["admin1_code"] == admin1, places[other]["reason"]
        assert f'the place also called "{name}"' in places[other]["reason"]


def test_two_places_in_brackets_with_no_common_place_keep_their_readings(geoparser):
    places = {p["text"]: p for p in geoparser.parse("Springfield (Illinois) and Kyiv (Ukraine) were named.")}
    assert places["Springfield"]["admin1_code"] == "US-IL"
    assert places["Kyiv"]["feature_kind"] == "city"
    assert not any("also called" in p["reason"] for p in places.values())


def test_a_name_after_who_holds_it_is_kept(geoparser, settlements):
    """"Russian-occupied X", "Ukrainian-held X": the word before the name says who holds the place (a control
    participle after the hyphen), it is not the first name of a person called X. Other compounds are not
    ("London-based Christian, Sturgeon & Associates")."""
    towns = settlements[(settlements["kind"] == "city") & (settlements["country_code"] == "UA")]
    names = [name for name in towns.sort_values("name")["name"] if name.isalpha()][:10]
    for name in names:
        text = f"Shelling hit the outskirts of Russian-occupied {name} and Ukrainian-held {name} overnight."
        found = [p for p in geoparser.parse(text) if p["text"] == name]
        assert len(found) == 2, name


@pytest.mark.parametrize("gap", ["outside", "near", "close to"])
def test_a_village_the_gazetteer_lacks_near_a_town_is_placed_at_the_town(geoparser, gazetteer, gap):
    """"The village of X outside Y", X unknown: at Y's point with a town's precision, and the reason says so."""
    unknown = "Zzyxivka"
    assert name_key(unknown) not in gazetteer.keys
    for code in ("RU-BEL", "UA-63", "UA-59"):
        unit = gazetteer.candidate(gazetteer.admin1_row(code))
        seat = max((c for c in gazetteer.candidates_by_population(name_key(unit.name)) if c.feature_kind == "city"
                    and c.admin1_code == code), key=lambda c: c.population)
        text = f"Two houses were damaged in the village of {unknown} {gap} {seat.name}, the governor said."
        places = {p["text"]: p for p in geoparser.parse(text)}
        got = places[unknown]
        assert (got["lat"], got["lon"]) == (places[seat.name]["lat"], places[seat.name]["lon"]), got["reason"]
        assert got["precision"] == "town" and "the place it is said to be near" in got["reason"]


def test_a_name_after_another_hyphenated_word_is_no_place(gazetteer):
    text = "The audit was performed by London-based Christian, Sturgeon & Associates."
    assert "Christian" not in [m.text for m in find_mentions(text, gazetteer)]
