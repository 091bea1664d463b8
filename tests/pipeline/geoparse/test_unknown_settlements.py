"""Settlements the gazetteer lacks, named as such (branch unknown16).

- "the village of X in the Y district": placed at the district's point, with a district's precision;
- "X, a village in the Y region": the apposition names X a settlement, whatever word stands before X;
- a person's apposition ("X, a village resident") names no settlement.

District names come from ``geodata/settlements.parquet``; the sentences are written here.
"""

from __future__ import annotations

import pytest

import geodata
from pipeline.text.textnorm import name_key

UNKNOWN = "Zzyxovo"  # a village name no gazetteer has
BORDER_UNITS = ("RU-KRS", "RU-BEL", "RU-BRY")


@pytest.fixture(scope="module")
def districts():
    """One raion per Russian border unit: (unit code, the raion's English name) from the settlements file."""
    table = geodata.load_settlements()
    raions = table[(table["kind"] == "raion") & table["admin1_code"].isin(BORDER_UNITS) & table["lat"].notna()]
    out = []
    for code in BORDER_UNITS:
        names = sorted(n for n in raions.loc[raions["admin1_code"] == code, "name"] if " " not in n and "-" not in n)
        out.append((code, names[0]))
    return out


def _unit_name(gazetteer, code: str) -> str:
    return gazetteer.candidate(gazetteer.admin1_row(code)).name


def test_the_unknown_name_is_unknown(gazetteer):
    assert name_key(UNKNOWN) not in gazetteer.keys


def test_a_village_in_a_named_district_is_placed_at_the_district(geoparser, gazetteer, districts):
    for code, raion in districts:
        text = (f"Shelling damaged two houses in the village of {UNKNOWN} in the {raion} district, "
                f"the {_unit_name(gazetteer, code)} region governor said.")
        places = {p["text"]: p for p in geoparser.parse(text)}
        district = next(p for t, p in places.items() if t.startswith(raion[:4]))
        got = places[UNKNOWN]
        assert got["admin1_code"] == code, got["reason"]
        assert (got["lat"], got["lon"]) == (district["lat"], district["lon"]), got["reason"]
        assert got["precision"] == "admin2" and "its district" in got["reason"]


@pytest.mark.parametrize("before", ["", "Shelling hit ", "On Monday, drones struck "])
def test_a_village_in_apposition_is_a_settlement_of_its_region(geoparser, gazetteer, before):
    for code in BORDER_UNITS:
        text = f"{before}{UNKNOWN}, a village in the {_unit_name(gazetteer, code)} region, lost power."
        got = {p["text"]: p for p in geoparser.parse(text[0].upper() + text[1:])}
        assert UNKNOWN in got, text
        assert got[UNKNOWN]["admin1_code"] == code and got[UNKNOWN]["precision"] == "admin1"


def test_a_person_in_apposition_is_no_settlement(geoparser):
    text = f"Ivan {UNKNOWN}, a village resident, told reporters in the Kursk region that the shop was shut."
    assert UNKNOWN not in [p["text"] for p in geoparser.parse(text)]
    assert f"Ivan {UNKNOWN}" not in [p["text"] for p in geoparser.parse(text)]


def _ordinal_villages(n: int) -> list[tuple[str, str]]:
    """``n`` two-word villages of the codifier whose last word is an ordinal, with their unit (from the data)."""
    from pipeline.text.translit import ordinal_forms

    table = geodata.load_settlements()
    rows = table[(table["country_code"] == "UA") & table["kind"].isin(["village", "settlement"])
                 & table["lat"].notna() & (table["name"].str.count(" ") == 1)]
    found = [(name, code) for name, code in zip(rows["name"], rows["admin1_code"]) if ordinal_forms(name)
             and (table["name"] == name).sum() == 1]
    assert len(found) >= n
    return sorted(found)[:n]


def test_ordinal_forms_in_the_other_tradition_and_order():
    from pipeline.text.translit import ordinal_forms

    assert ordinal_forms("Zzyxivka Persha")[:2] == ["Zzyxivka Pervaya", "Pervaya Zzyxivka"]
    assert "Zzyxove Vtoroye" in ordinal_forms("Zzyxove Druhe")
    assert "Druhi Zzyxy" in ordinal_forms("Zzyxy Druhi")
    assert ordinal_forms("Pershotravneve") == [] and ordinal_forms("Zzyxivka") == []


def test_a_village_with_an_ordinal_is_found_in_either_tradition_and_order(geoparser, gazetteer):
    from pipeline.text.translit import ordinal_forms

    for name, code in _ordinal_villages(6):
        unit = _unit_name(gazetteer, code)
        for form in [name, *ordinal_forms(name)[:2]]:
            text = f"Troops said they had taken the village of {form} in the {unit} region."
            got = {p["text"]: p for p in geoparser.parse(text)}
            assert form in got and got[form]["admin1_code"] == code, (form, list(got))


def test_a_village_in_an_article_about_one_region_is_placed_in_it(geoparser, gazetteer):
    """"The village of X" with no unit in its sentence: at the seat of the one region the article names."""
    for code in BORDER_UNITS:
        text = (f"The {_unit_name(gazetteer, code)} region governor reported new attacks. "
                f"A drone hit the village of {UNKNOWN}, just inside the border.")
        got = {p["text"]: p for p in geoparser.parse(text)}
        assert got[UNKNOWN]["admin1_code"] == code and got[UNKNOWN]["precision"] == "admin1"
        assert "the only region the article names" in got[UNKNOWN]["reason"]


def test_a_village_in_an_article_about_two_regions_is_not_placed(geoparser, gazetteer):
    a, b = (_unit_name(gazetteer, code) for code in BORDER_UNITS[:2])
    text = f"Officials in the {a} and {b} regions reported shelling. A drone hit the village of {UNKNOWN}."
    assert UNKNOWN not in [p["text"] for p in geoparser.parse(text)]
