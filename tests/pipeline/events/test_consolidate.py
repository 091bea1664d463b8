"""Article-level consolidation (issue 13): one incident told twice in one article becomes one event; separate
incidents stay apart. Every sentence is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

import pytest

from pipeline.events.consolidate import consolidate
from pipeline.events.records import DATE_BASIS, Event, Source
from pipeline.text.dates import EventDate
from tests.fixtures import article_events, make_place

# points in one oblast: a town, a village 8 km from it, a village 30 km from it
TOWN = dict(lat=48.50, lon=37.90, geonameid=1, admin1_code="UA-14", admin1_name="Donetsk")
NEAR = dict(lat=48.55, lon=37.82, geonameid=2, admin1_code="UA-14", admin1_name="Donetsk")
FAR = dict(lat=48.70, lon=38.20, geonameid=3, admin1_code="UA-14", admin1_name="Donetsk")
OBLAST = dict(lat=48.0, lon=37.8, geonameid=4, feature_kind="admin1", admin1_code="UA-14", admin1_name="Donetsk")


def _event(sub: str, name: str, where: dict, quote: str, *, start: int, day: str | None = "2024-05-06",
           basis: str = "weekday", kind: str = "frontline_incident", gains: str | None = None,
           killed: int | None = None) -> Event:
    when = EventDate(day, 1 if day else None, "")
    return Event(kind, sub, when, make_place(name, **where), where["admin1_code"], where["admin1_name"], "UA", 1,
                 [Source("a.txt", quote, start, start + len(quote))], 0.6, killed=killed, gains=gains,
                 date_basis=DATE_BASIS[basis])


def test_advance_on_a_town_joins_the_capture_of_a_village_on_its_outskirts():
    taken = _event("capture", "Dovhe", NEAR, "Russian troops took Dovhe, on the outskirts of Lesne.", start=0,
                   gains="Russia")
    moving = _event("advance", "Lesne", TOWN, "The army keeps pressing towards Lesne.", start=60, gains="Russia")
    out = consolidate([moving, taken])
    assert len(out) == 1 and out[0].place.name == "Dovhe" and len(out[0].sources) == 2


def test_event_placed_at_the_town_locating_its_village_joins_the_village_and_takes_the_firmer_day():
    lede = _event("recapture", "Lesne", TOWN, "The village of Dovhe near the town of Lesne was freed on Monday.",
                  start=0, gains="Ukraine")
    body = _event("recapture", "Dovhe", NEAR, "The brigade freed Dovhe.", start=80, day="2024-05-07", basis="page",
                  gains="Ukraine")
    out = consolidate([lede, body])
    assert [e.place.name for e in out] == ["Dovhe"]
    assert out[0].when.date == "2024-05-06" and out[0].date_basis == DATE_BASIS["weekday"]


def test_two_villages_taken_stay_apart_though_one_locates_the_other():
    first = _event("capture", "Dovhe", NEAR, "Moscow said it took Dovhe.", start=0, day="2024-05-07", basis="page",
                   gains="Russia")
    second = _event("capture", "Lesne", TOWN, "On Monday it took Lesne, 8 km south-east of Dovhe.", start=40,
                    gains="Russia")
    assert len(consolidate([first, second])) == 2


def test_villages_shelled_in_one_roundup_stay_apart():
    quote = "Russian artillery shelled Dovhe, Lesne and Sosnove on Monday."
    events = [_event("shelling", name, where, quote, start=0) for name, where in
              (("Dovhe", NEAR), ("Lesne", TOWN), ("Sosnove", FAR))]
    assert len(consolidate(events)) == 3


def test_a_village_listed_after_a_clause_locating_the_one_before_stays_apart():
    quote = "Troops took three villages: Dovhe, near the border with the Luhansk region, as well as Lesne and Sosnove."
    events = [_event("capture", name, where, quote, start=0, gains="Russia") for name, where in
              (("Dovhe", NEAR), ("Lesne", TOWN), ("Sosnove", FAR))]
    assert len(consolidate(events)) == 3


def test_a_hromada_and_its_district_from_one_sentence_are_one_strike():
    quote = "Guided bombs hit the Dovhe hromada in the Sosnove district on Monday."
    out = consolidate([_event("airstrike", "Sosnove", FAR, quote, start=0),
                       _event("airstrike", "Dovhe", NEAR, quote, start=0)])
    assert [e.place.name for e in out] == ["Dovhe"]


def test_places_listed_each_in_its_district_stay_apart():
    quote = "Drones hit the city of Lesne, in Dovhe district and in Sosnove district."
    events = [_event("drone_strike", name, where, quote, start=0) for name, where in
              (("Lesne", TOWN), ("Dovhe", NEAR), ("Sosnove", FAR))]
    assert len(consolidate(events)) == 3


def test_strikes_on_two_stated_days_stay_apart():
    lede = _event("shelling", "Lesne", TOWN, "Dovhe near Lesne was shelled on Monday.", start=0)
    body = _event("shelling", "Dovhe", NEAR, "Dovhe was shelled again on Tuesday.", start=50, day="2024-05-07")
    assert len(consolidate([lede, body])) == 2


def test_oblast_summary_joins_the_same_change_of_control_at_a_village_of_it():
    summary = _event("capture", "Donetsk", OBLAST, "Russia said it took a village in the Donetsk region.", start=0,
                     gains="Russia")
    village = _event("capture", "Dovhe", NEAR, "The ministry named the village as Dovhe.", start=60, gains="Russia")
    assert [e.place.name for e in consolidate([summary, village])] == ["Dovhe"]


def test_an_advance_into_an_oblast_stays_apart_from_a_town_taken_there():
    summary = _event("advance", "Donetsk", OBLAST, "Troops advanced further into the region.", start=0,
                     gains="Ukraine")
    town = _event("capture", "Lesne", TOWN, "They secured Lesne.", start=50, gains="Ukraine")
    assert len(consolidate([summary, town])) == 2


def test_a_strike_on_a_region_stays_apart_from_a_town_struck_otherwise_there():
    region = _event("drone_strike", "Donetsk", OBLAST, "Four drones were downed over the region on Monday.", start=0)
    town = _event("shelling", "Lesne", TOWN, "Shelling killed a man in Lesne on Monday.", start=60,
                  kind="casualty_report", killed=1)
    assert len(consolidate([region, town])) == 2


def test_a_strike_and_its_toll_told_in_one_sentence_are_one_event():
    quote = "A missile hit Lesne on Monday, and later that day officials counted three dead there."
    strike = _event("missile_strike", "Lesne", TOWN, quote, start=0)
    toll = _event("missile_strike", "Lesne", TOWN, quote, start=0, kind="casualty_report", killed=3)
    out = consolidate([strike, toll])
    assert len(out) == 1 and out[0].event_type == "casualty_report" and out[0].killed == 3


def test_an_undated_retelling_at_one_place_stays_apart():
    quote = "The depot at Lesne, first hit in the spring, burned again on Monday."
    dated = _event("drone_strike", "Lesne", TOWN, quote, start=0)
    undated = _event("drone_strike", "Lesne", TOWN, quote, start=0, day=None)
    assert len(consolidate([dated, undated])) == 2


def test_a_toll_is_never_folded_into_another_toll():
    quote = "The strike on Lesne killed four; another account put it at nine."
    a = _event("missile_strike", "Lesne", TOWN, quote, start=0, kind="casualty_report", killed=4)
    b = _event("missile_strike", "Lesne", TOWN, quote, start=0, kind="casualty_report", killed=9)
    assert len(consolidate([a, b])) == 2


# -- whole articles -----------------------------------------------------------------------------------
@pytest.mark.parametrize(("body", "place"), [
    ("date 2024-04-23\n\nRussia said on Tuesday its troops had captured the village of Ocheretyne, north-west of "
     "Avdiivka.\n\nIts forces have been closing in on Avdiivka, a town once home to 30,000 people, in recent weeks.\n",
     "Ocheretyne"),
    ("date 2023-09-15\n\nUkraine said on Friday the village of Klishchiivka near the embattled city of Bakhmut had "
     "been liberated.\n\nIn the fighting, the brigade liberated Klishchiivka in the Donetsk region, it added.\n",
     "Klishchiivka"),
])
def test_article_tells_one_change_of_control(parser, body, place):
    events = [e for e in article_events(parser, body) if e.event_type != "annexation_claim"]
    assert [e.place.name for e in events] == [place]
    assert len(events[0].sources) == 2


# -- a strike told without figures and the toll of one settlement (one settlement, one day) -----------------------
def _zero(event: Event, kind: str = "injured") -> Event:
    from pipeline.events.records import CasualtyClaim
    event.casualty_claims = [CasualtyClaim(kind, 0, "no one was injured", None, "a.txt", 0, 1, "zero")]
    return event


def test_a_strike_line_and_the_toll_told_elsewhere_of_one_town_are_one_casualty_report():
    headline = _event("drone_strike", "Lesne", TOWN, "Lesne under a drone attack", start=0)
    toll = _event("drone_strike", "Lesne", TOWN, "By evening three people had died in Lesne.", start=40,
                  kind="casualty_report", killed=3)
    out = consolidate([headline, toll])
    assert len(out) == 1 and out[0].event_type == "casualty_report" and out[0].killed == 3
    assert len(out[0].sources) == 2


def test_a_headline_dated_by_its_page_joins_the_toll_of_the_day_before():
    headline = _event("missile_strike", "Lesne", TOWN, "Missile strike on Lesne: more wounded", start=0,
                      day="2024-05-07", basis="page")
    toll = _event("missile_strike", "Lesne", TOWN, "On Monday a missile killed two in Lesne.", start=50,
                  kind="casualty_report", killed=2)
    out = consolidate([headline, toll])
    assert len(out) == 1 and out[0].when.date == "2024-05-06" and out[0].killed == 2


@pytest.mark.parametrize("why", ["no one hurt", "another weapon", "another village", "another day", "undated"])
def test_a_strike_that_is_not_the_tolls_incident_stays_apart(why):
    where, sub, day, name = TOWN, "drone_strike", "2024-05-06", "Lesne"
    if why == "another weapon":
        sub = "missile_strike"
    elif why == "another village":
        where, name = NEAR, "Dovhe"
    elif why == "another day":
        day = "2024-05-03"
    elif why == "undated":
        day = None
    strike = _event(sub, name, where, "A drone hit the administration building; no one was injured.", start=0,
                    day=day)
    if why == "no one hurt":
        strike = _zero(strike)
    toll = _event("drone_strike", "Lesne", TOWN, "A drone killed two people in Lesne on Monday.", start=80,
                  kind="casualty_report", killed=2)
    assert len(consolidate([strike, toll])) == 2
