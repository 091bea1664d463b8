"""Merging across outlets (session 21, merge21): what keeps one article's report of an incident from lining up with
another outlet's: a night across two weekdays dated by its first day, a strike told as the support of a capture made a
second event, and a side a place was "cleared of" read as the side that took it.

Every text here is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

import pytest

from pipeline.text.dates import EventDate, explicit_date
from pipeline.events.triggers import triggers
from tests.fixtures import article_events, event_articles, merged_in_order

WEDNESDAY = EventDate("2024-03-13", 1, "date header")  # a Wednesday


def _day(sentence: str) -> str | None:
    found = explicit_date(sentence, WEDNESDAY)
    return found.date if found is not None else None


# -- a night across two weekdays is the later day -------------------------------------------------------------------
@pytest.mark.parametrize("sentence", [
    "On the night of Tuesday to Wednesday, a drone hit an office tower in the city.",
    "Overnight from Tuesday to Wednesday, three missiles struck the port.",
    "In the night from Tuesday into Wednesday, drones attacked the refinery.",
    "On the night of Tuesday-Wednesday, shelling damaged a school.",
    "On the night of Tuesday to Wednesday, from March 12 to 13, a drone hit the tower.",
])
def test_a_night_across_two_weekdays_is_the_day_it_ends(sentence):
    # as "the night of 12-13 March" already is: the day the night ends
    assert _day(sentence) == "2024-03-13"


def test_a_weekday_range_with_no_night_is_unchanged():
    # control: "on Tuesday night" is Tuesday's; a day told alone keeps its day
    assert _day("On Tuesday night drones attacked the refinery.") == "2024-03-12"
    assert _day("On Tuesday, a drone hit an office tower.") == "2024-03-12"


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_two_outlets_dating_one_night_differently_are_one_strike(geoparser, order):
    texts = [("a.txt", "date 2024-03-13\n\nOn the night of Tuesday to Wednesday, a Ukrainian drone hit an office tower "
                       "in Belgorod, the governor said. No one was hurt.\n"),
             ("b.txt", "date 2024-03-13\n\nA Ukrainian drone crashed into an office tower in Belgorod early on "
                       "Wednesday, the governor said.\n")]
    strikes = [e for e in merged_in_order(geoparser, texts, order) if e.place and e.place.name == "Belgorod"]
    assert len(strikes) == 1 and event_articles(strikes[0]) == {"a.txt", "b.txt"}
    assert strikes[0].when.date == "2024-03-13"


# -- a strike told as the support of a capture is part of it --------------------------------------------------------
@pytest.mark.parametrize("sentence", [
    "Units of the Southern group, supported by aviation and artillery fire, liberated the village of Ivanivske.",
    "With the support of artillery and drones, Russian assault units captured the village of Ivanivske.",
    "Backed by heavy artillery fire, Ukrainian troops recaptured the village of Robotyne.",
])
def test_a_strike_told_as_support_is_no_trigger(sentence):
    assert [t.sub for t in triggers(sentence) if not t.control] == []
    assert [t for t in triggers(sentence) if t.control]


def test_a_strike_verb_beside_a_support_phrase_stays():
    # control: the support phrase covers its own words only; the clause's own strike verb is still one
    found = [t.sub for t in triggers("Russian forces, supported by aviation, shelled Kupiansk on Tuesday.")]
    assert found == ["shelling"]
    assert [t.sub for t in triggers("A school was damaged by artillery fire on Monday.")] == ["shelling"]


def test_a_capture_with_support_is_one_event(geoparser):
    text = ("date 2024-03-13\n\nRussian troops, supported by aviation and artillery fire, improved their positions and "
            "took control of the village of Ivanivske in the Donetsk region, the Russian defence ministry said on "
            "Wednesday.\n")
    events = [e for e in article_events(geoparser, text) if e.event_type == "frontline_incident"]
    assert [e.sub_event_type for e in events] == ["capture"]


# -- a side a place was cleared of lost it ------------------------------------------------------------------------
def test_a_place_cleared_of_a_side_was_taken_by_the_other():
    found = triggers("Andriivka was cleared of the Russians and recaptured by the assault units, the brigade said.")
    assert [(t.sub, t.actor) for t in found if t.control] == [("recapture", "Ukraine")]
    found = triggers("Opytne was freed of Ukrainian troops and captured by the assault units, the ministry said.")
    assert [t.actor for t in found if t.control] == ["Russia"]


def test_a_side_named_as_the_agent_still_wins_over_what_was_cleared():
    # control: the passive agent names the side that acted
    found = triggers("Andriivka was cleared of mines and recaptured by Ukrainian troops.")
    assert [t.actor for t in found if t.control] == ["Ukraine"]
