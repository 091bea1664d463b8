"""Readings in the wrong country (branch places23).

- "the village of X" in an article about one Russian border region, X known to the gazetteer only as a Ukrainian
  village: a village of that region the gazetteer lacks (at the region's seat, or at the district named with it),
  not the namesake across the border; a paragraph that names Ukrainian places keeps the Ukrainian reading;
- a stray reading: in an article about the war, a town of a far country that nothing else in the article names
  (the name of an outlet or agency) is dropped; its country named, a name called a village, or an article not about
  the war keeps it.

Village and town names are drawn from the gazetteer and the settlements file; the sentences are written here.
"""

from __future__ import annotations

import pytest

import geodata
from pipeline.text.textnorm import name_key

BORDER_UNITS = ("RU-BEL", "RU-BRY", "RU-KRS")


@pytest.fixture(scope="module")
def ukrainian_villages(gazetteer):
    """Three one-word Ukrainian village names whose every gazetteer reading is a small settlement in Ukraine."""
    table = geodata.load_settlements()
    rows = table[(table["country_code"] == "UA") & (table["kind"] == "settlement")]
    counts = rows["name"].value_counts()
    found = []
    for name in sorted(counts[counts == 1].index):
        if " " in name or "-" in name or "'" in name or len(name) < 8:
            continue
        readings = gazetteer.rows_for_key(name_key(name))
        cands = [gazetteer.candidate(r) for r in readings]
        if cands and all(c.feature_kind == "city" and c.country_code == "UA" and c.population < 1000 for c in cands):
            found.append(name)
        if len(found) == 3:
            break
    assert len(found) == 3
    return found


def _unit_name(gazetteer, code: str) -> str:
    return gazetteer.candidate(gazetteer.admin1_row(code)).name


def test_a_village_of_the_articles_russian_region_is_not_its_ukrainian_namesake(geoparser, gazetteer,
                                                                                  ukrainian_villages):
    for code, village in zip(BORDER_UNITS, ukrainian_villages):
        text = (f"Drones attacked the {_unit_name(gazetteer, code)} region overnight, the governor said.\n\n"
                f"A house burned down in the village of {village}, he added.")
        got = {p["text"]: p for p in geoparser.parse(text)}
        assert village in got, text
        assert got[village]["admin1_code"] == code, got[village]["reason"]
        assert got[village]["precision"] == "admin1" and "another country" in got[village]["reason"]


def test_a_paragraph_naming_ukrainian_places_keeps_the_ukrainian_village(geoparser, gazetteer, ukrainian_villages):
    village = ukrainian_villages[0]
    text = (f"Drones attacked the {_unit_name(gazetteer, 'RU-BEL')} region overnight, the governor said.\n\n"
            f"Russian shelling hit Kupiansk and the village of {village}, officials said.")
    got = {p["text"]: p for p in geoparser.parse(text)}
    assert got[village]["admin1_code"].startswith("UA-"), got[village]["reason"]


@pytest.fixture(scope="module")
def far_town(gazetteer):
    """A one-word town of Argentina (20,000 to 60,000 people) that is the only gazetteer reading of its name."""
    for key in sorted(gazetteer.keys):
        if not key.isalpha() or len(key) < 6:
            continue
        readings = gazetteer.rows_for_key(key)
        if len(readings) != 1:
            continue
        c = gazetteer.candidate(readings[0])
        if c.feature_kind == "city" and c.country_code == "AR" and 20_000 <= c.population < 60_000 and c.primary \
                and c.name.isalpha() and name_key(c.name) == key:
            return c.name
    pytest.fail("no such town")


WAR = ("Russian drones struck Kharkiv overnight, killing two people, the regional governor said. "
       "Ukrainian air defences shot down 20 drones.\n\n")


def test_a_far_towns_name_in_a_war_article_is_dropped(geoparser, far_town):
    text = WAR + f"Another channel, {far_town}, put the number of injured at 12."
    texts = [p["text"] for p in geoparser.parse(text)]
    assert "Kharkiv" in texts
    assert far_town not in texts


def test_a_far_town_whose_country_is_named_is_kept(geoparser, far_town):
    text = WAR + f"Argentina's town of {far_town} sent aid."
    assert far_town in [p["text"] for p in geoparser.parse(text)]


def test_a_far_town_called_a_village_is_kept(geoparser, far_town):
    text = WAR + f"Drones also hit the villages of Lyptsi and {far_town}, officials said."
    assert far_town in [p["text"] for p in geoparser.parse(text)]


def test_a_far_town_outside_a_war_article_is_kept(geoparser, far_town):
    text = f"The festival in {far_town} drew 12,000 visitors on Sunday, organisers said."
    assert far_town in [p["text"] for p in geoparser.parse(text)]


@pytest.fixture(scope="module")
def village_of_two_units(gazetteer):
    """A one-word village name with exactly two gazetteer readings, small villages of two Ukrainian oblasts."""
    table = geodata.load_settlements()
    rows = table[(table["country_code"] == "UA") & (table["kind"] == "settlement")]
    for name, units in sorted(rows.groupby("name")["admin1_code"]):
        if " " in name or "-" in name or "'" in name or len(name) < 8 or len(units) != 2 or units.nunique() != 2:
            continue
        cands = [gazetteer.candidate(r) for r in gazetteer.rows_for_key(name_key(name))]
        if len(cands) == 2 and {c.admin1_code for c in cands} == set(units) and \
                all(c.feature_kind == "city" and c.population < 1000 for c in cands):
            return name, sorted(units)
    pytest.fail("no such village")


def test_the_unit_across_the_border_is_no_container(geoparser, gazetteer, village_of_two_units):
    """"X near the border with the B region": B is no constraint on X; the region the article is about decides."""
    village, (a, b) = village_of_two_units
    for home, neighbour in ((a, b), (b, a)):
        text = (f"Russian forces attacked the {_unit_name(gazetteer, home)} region, the governor said.\n\n"
                f"Shelling went on across the {_unit_name(gazetteer, home)} region overnight.\n\n"
                f"They seized the village of {village} near the border with the {_unit_name(gazetteer, neighbour)} "
                "region.")
        got = {p["text"]: p for p in geoparser.parse(text)}
        assert got[village]["admin1_code"] == home, got[village]["reason"]
