"""One incident = one event per article, at the place it happened (issue 13, session 19): a total told at a hromada
whose parts are told village by village, a city's district told apart from the city's attack, a district that only
locates a village in a list.

Every sentence is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

import pytest

from pipeline.events.consolidate import consolidate
from pipeline.events.records import DATE_BASIS, Event, Source
from pipeline.text.dates import EventDate
from tests.fixtures import article_events, make_place

# a city, one of its districts 5 km from its centre, a rural district's seat 20 km away, a town 60 km away
CITY = dict(lat=50.45, lon=30.52, geonameid=11, admin1_code="UA-30", admin1_name="Kyiv City")
QUARTER = dict(lat=50.47, lon=30.45, geonameid=12, admin1_code="UA-30", admin1_name="Kyiv City")
SEAT = dict(lat=50.30, lon=30.40, geonameid=13, admin1_code="UA-30", admin1_name="Kyiv City", precision="admin2")
AWAY = dict(lat=50.90, lon=31.20, geonameid=14, admin1_code="UA-30", admin1_name="Kyiv City")
# a hromada's seat and two of its villages, 6 and 9 km away
HROMADA = dict(lat=48.30, lon=37.20, geonameid=21, admin1_code="UA-14", admin1_name="Donetsk")
VILLAGE_A = dict(lat=48.35, lon=37.25, geonameid=22, admin1_code="UA-14", admin1_name="Donetsk")
VILLAGE_B = dict(lat=48.25, lon=37.12, geonameid=23, admin1_code="UA-14", admin1_name="Donetsk")
DAY = "2024-06-02"


def _event(kind: str, sub: str, name: str, where: dict, quote: str, *, start: int, killed: int | None = None,
           injured: int | None = None, day: str | None = DAY) -> Event:
    where = dict(where)
    precision = where.pop("precision", "exact")
    place = make_place(name, precision=precision, **where)
    return Event(kind, sub, EventDate(day, 1 if day else None, ""), place, where["admin1_code"], where["admin1_name"],
                 "UA", 1, [Source("a.txt", quote, start, start + len(quote))], 0.6, killed=killed, injured=injured,
                 date_basis=DATE_BASIS["weekday"])


# -- a total over the villages told -----------------------------------------------------------------------------------
def test_a_hromada_total_that_sums_its_villages_tolls_is_no_event_of_its_own():
    total = _event("casualty_report", "shelling", "Sadove", HROMADA,
                   "Shelling of the Sadove hromada on Sunday killed three people.", start=0, killed=3)
    first = _event("casualty_report", "shelling", "Lypky", VILLAGE_A, "Two men died in Lypky.", start=70, killed=2)
    second = _event("casualty_report", "shelling", "Ozerne", VILLAGE_B, "A woman died in Ozerne.", start=100,
                    killed=1)
    out = consolidate([total, first, second])
    assert [(e.place.name, e.killed) for e in out] == [("Lypky", 2), ("Ozerne", 1)]
    assert any("hromada" in s.quote for s in out[0].sources)


def test_a_hromada_toll_that_is_not_the_sum_of_the_villages_stays():
    total = _event("casualty_report", "shelling", "Sadove", HROMADA,
                   "Shelling of the Sadove hromada on Sunday killed five people.", start=0, killed=5)
    first = _event("casualty_report", "shelling", "Lypky", VILLAGE_A, "Two men died in Lypky.", start=70, killed=2)
    second = _event("casualty_report", "shelling", "Ozerne", VILLAGE_B, "A woman died in Ozerne.", start=100,
                    killed=1)
    assert len(consolidate([total, first, second])) == 3


def test_a_town_toll_equal_to_two_villages_is_not_a_total_unless_told_as_a_unit():
    town = _event("casualty_report", "shelling", "Sadove", HROMADA, "Shelling killed three people in Sadove.",
                  start=0, killed=3)
    first = _event("casualty_report", "shelling", "Lypky", VILLAGE_A, "Two men died in Lypky.", start=70, killed=2)
    second = _event("casualty_report", "shelling", "Ozerne", VILLAGE_B, "A woman died in Ozerne.", start=100,
                    killed=1)
    assert len(consolidate([town, first, second])) == 3


# -- a district of the city struck ------------------------------------------------------------------------------------
CITY_ATTACK = "Overnight Russia attacked Kyiv with missiles and drones; two people were injured."


def test_debris_in_a_city_district_is_part_of_the_city_attack():
    city = _event("casualty_report", "missile_strike", "Kyiv", CITY, CITY_ATTACK, start=0, injured=2)
    quarter = _event("frontline_incident", "drone_strike", "Lisovyi", QUARTER,
                     "In the Lisovyi district, drone debris set a garage on fire.", start=90)
    out = consolidate([city, quarter])
    assert len(out) == 1 and out[0].place.name == "Kyiv" and len(out[0].sources) == 2


def test_a_district_struck_with_a_weapon_the_city_attack_never_names_stays_apart():
    city = _event("casualty_report", "missile_strike", "Kyiv", CITY, "Overnight Russia fired missiles at Kyiv.",
                  start=0, injured=2)
    quarter = _event("frontline_incident", "drone_strike", "Lisovyi", QUARTER,
                     "In the Lisovyi district, drone debris set a garage on fire.", start=60)
    assert len(consolidate([city, quarter])) == 2


@pytest.mark.parametrize(("name", "where"), [("Dubky", SEAT), ("Stavky", AWAY)])
def test_a_rural_district_or_a_far_one_is_not_a_quarter_of_the_city(name, where):
    city = _event("casualty_report", "missile_strike", "Kyiv", CITY, CITY_ATTACK, start=0, injured=2)
    other = _event("frontline_incident", "drone_strike", name, where,
                   f"In the {name} district, drone debris set a garage on fire.", start=90)
    assert len(consolidate([city, other])) == 2


def test_a_district_toll_of_its_own_is_not_folded():
    city = _event("casualty_report", "missile_strike", "Kyiv", CITY, CITY_ATTACK, start=0, injured=2)
    quarter = _event("casualty_report", "drone_strike", "Lisovyi", QUARTER,
                     "In the Lisovyi district, drone debris injured one man.", start=90, injured=1)
    assert len(consolidate([city, quarter])) == 2


# -- a district that only locates the village in a list --------------------------------------------------------------
def test_the_district_after_a_village_in_a_location_string_is_no_second_target(parser):
    text = ("date 2024-06-03\n\nRussian troops keep attacking in Kharkiv Oblast.\n\n"
            "On June 2, Russian troops fired at a shop in the village of Borova, Izium District, Kharkiv Region, "
            "killing two people, the police said.\n")
    events = article_events(parser, text)
    assert [e.place.name for e in events if e.admin1_code == "UA-63"] == ["Borova"]
