"""Events real news does not report (issue 13, "only what happened"): a capital standing for its state, a question,
a hedge or a prospect, a count over a period, the place a side heads for or a place that only locates what was
taken, an annexation adjective's neighbours; and the dated changes of control of an earlier period that are events.

Every sentence is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

import pytest

from pipeline.events.triggers import triggers
from tests.fixtures import article_events

WAR = "Russian troops have pressed their offensive in eastern Ukraine for months, the army said.\n\n"


def _events(parser, body: str, date: str = "2024-05-10") -> list:
    return article_events(parser, f"date {date}\n\n{WAR}{body}\n")


# -- a capital or seat of power standing for its state --------------------------------------------------------------
def test_a_seat_of_power_as_the_subject_lends_no_place_to_a_strike(geoparser):
    body = ("The Kremlin has concentrated its forces on the east of the country. Ukraine has been bombarded by "
            "nearly 500 guided bombs this week alone, the president said.")
    assert not [e for e in _events(geoparser, body) if e.country_code == "RU"]


def test_a_capital_as_the_source_of_a_provocation_is_no_place(geoparser):
    body = ("The president warned of a provocation from Moscow at the nuclear plant. "
            "Perhaps they want to simulate an attack on the plant, he said.")
    assert not [e for e in _events(geoparser, body) if e.country_code == "RU"]


def test_a_capital_that_was_hit_is_still_a_place(geoparser):
    body = "Kyiv has been hit by a missile strike on Friday, killing two people, the mayor said."
    assert [(e.admin1_code, e.killed) for e in _events(geoparser, body) if e.event_type == "casualty_report"] == \
        [("UA-30", 2)]


# -- questions, hedges, prospects, period counts ------------------------------------------------------------------
@pytest.mark.parametrize("sentence", [
    "Is there a threat of the Russian army seizing Izium or Lozova?",
    "Could the army capture Siversk this summer?",
    "Perhaps to simulate an attack on the plant.",
    "Officials spoke of the danger of the enemy taking control of the bridge.",
    "The city has been bombarded by 300 guided bombs this week alone.",
    "Russia could try to capture Lozova in the summer, analysts said.",
    "The command plans to seize Izium before the autumn.",
    "UNESCO condemned the attacks on the historic centre of the city.",
])
def test_no_trigger_in_a_question_a_hedge_a_prospect_or_a_period_count(sentence):
    assert triggers(sentence) == []


@pytest.mark.parametrize("sentence", [
    "Russian forces carried out strikes on the villages of Siversk and Soledar.",
    "The army launched two strikes on the city overnight.",
])
def test_plural_attacks_carried_out_or_counted_are_incidents(sentence):
    assert [t.sub for t in triggers(sentence)] == ["attack"]


def test_a_forecast_of_a_capture_is_no_event(geoparser):
    body = ("Intelligence officials said the army may be preparing an offensive in the north. "
            "Is there a threat of the Russian army seizing Okhtyrka or Shostka?")
    assert not [e for e in _events(geoparser, body) if e.sub_event_type == "capture"]


# -- the place a side heads for, or that only locates what was taken ---------------------------------------------------
@pytest.mark.parametrize("body", [
    "Russian forces captured a village on the approaches to Kostiantynivka on Sunday, the ministry said.",
    "Russian forces captured two villages on Sunday as they advanced towards Kostiantynivka, the ministry said.",
    "Russia said its forces had captured another village in the east near the town of Kostiantynivka.",
])
def test_the_town_a_side_heads_for_or_a_village_lies_near_is_not_captured(geoparser, body):
    assert not [e for e in _events(geoparser, body) if e.sub_event_type == "capture" and
                e.place.name.startswith("Kostiantyn")]


def test_the_district_of_a_village_the_gazetteer_lacks_is_not_what_was_captured(geoparser):
    body = ("Bloggers reported that the village of Zarvynodolske in the Myrnohrad district, which had been fought "
            "over for weeks, had been occupied by Russian troops.")
    assert not [e for e in _events(geoparser, body) if e.event_type == "frontline_incident" and
                e.place.name.startswith("Myrnohrad")]


# -- dated changes of control of an earlier period ---------------------------------------------------------------
def test_a_town_taken_and_retaken_in_earlier_months_is_two_dated_events(geoparser):
    body = ("Izium is a railway hub on the river. It was captured by Russian troops in April 2022 but recaptured "
            "by Ukraine in September 2022.")
    got = sorted((e.sub_event_type, e.when.date, e.actor) for e in _events(geoparser, body, "2024-11-14")
                 if e.place is not None and e.place.name.startswith("Izy"))
    assert got == [("capture", "2022-04-01", "Russia"), ("recapture", "2022-09-01", "Ukraine")]


def test_a_capture_told_in_a_since_clause_with_its_year_is_an_event_of_that_period(geoparser):
    body = ("The retreat marks the biggest change on the front since Russian troops captured Soledar in "
            "January 2023, analysts said.")
    got = [e for e in _events(geoparser, body, "2024-02-17") if e.sub_event_type == "capture"]
    assert [e.place.name for e in got] == ["Soledar"]
    assert got[0].when.date != "2024-02-17"  # not the page's day


def test_a_liberation_in_quotation_marks_is_a_change_of_control(geoparser):
    body = 'The Russian defence ministry announced the "liberation" of the village of Selydove on Thursday.'
    got = [(e.sub_event_type, e.actor) for e in _events(geoparser, body) if e.place is not None and
           e.place.name == "Selydove"]
    assert got == [("capture", "Russia")]  # a Russian "liberation" of a Ukrainian place is a capture


# -- an annexation adjective claims the units of its own phrase ------------------------------------------------------
def test_annexed_as_an_adjective_does_not_claim_a_region_added_after_it(geoparser):
    body = ("The defence ministry in Moscow has reported gains in the annexed Donetsk and Luhansk regions, as well "
            "as in the Kharkiv region, which Ukraine holds.")
    claims = sorted(e.admin1_code for e in _events(geoparser, body) if e.event_type == "annexation_claim")
    assert "UA-63" not in claims
    assert claims == ["UA-09", "UA-14"]


# -- an advance told by a side entering a town -------------------------------------------------------------------
@pytest.mark.parametrize("body", [
    "A military spokeswoman said on Monday that Russian forces had entered the outskirts of the frontline city of "
    "Siversk.",
    'Officials said on Thursday that Russian troops had "partially entered" the town of Lozova but had been driven '
    "back.",
])
def test_a_side_entering_a_town_is_an_advance_there(geoparser, body):
    got = [(e.sub_event_type, e.actor) for e in _events(geoparser, body) if e.event_type == "frontline_incident"]
    assert got == [("advance", "Russia")]
