"""Gold events lost before any event was made (issue 13, "not extracted"): background changes of control folded into
the news at the same place, a pronoun object, a recapture wording in the other country, list items carrying their
oblast and day, a lede's unnamed settlement named by the next sentence, a time read as a duration, a speaker telling
another incident. Every sentence is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

from pipeline.events.triggers import separate, triggers
from pipeline.text.dates import EventDate, explicit_date
from tests.fixtures import article_events

PAGE = "date 2025-06-13\n\n"  # a Friday


def _control(parser, body: str) -> list[tuple[str, str | None, str | None]]:
    """(sub-type, place name, date) of every change of control of the article."""
    return sorted(((e.sub_event_type, e.place.name if e.place else None, e.when.date)
                   for e in article_events(parser, PAGE + body + "\n") if e.sub_event_type in
                   ("capture", "recapture", "withdrawal", "advance", "encirclement")), key=str)


# -- background history apart from the news at the same place ------------------------------------------------------
def test_a_capture_in_the_towns_history_is_not_folded_into_the_news(geoparser):
    body = ("Russia's defence ministry said on Wednesday that its troops had captured half of the city of Lozova. "
            "Russian troops captured the city in the early weeks of their February 2022 invasion and Ukrainian "
            "forces took it back later that same year.")
    got = _control(geoparser, body)
    assert ("capture", "Lozova", "2025-06-11") in got
    assert ("capture", "Lozova", None) in got  # the history: no day
    assert ("recapture", "Lozova", None) in got  # "took it back": the city, in the same history


def test_an_occupation_since_a_day_is_an_event_apart_from_the_liberation(geoparser):
    body = ("Ukraine's president visited the liberated town of Balakliia after the Russian retreat. Balakliia had been "
            "occupied since March 3, and was liberated by the Armed Forces of Ukraine on June 10.")
    got = _control(geoparser, body)
    assert ("recapture", "Balakliya", "2025-06-10") in got
    assert [g for g in got if g[0] == "capture" and g[1] == "Balakliya"]


def test_the_same_capture_told_twice_in_the_news_is_one_event(geoparser):
    body = ("Russian forces captured the village of Lozova on Wednesday, the ministry said. The capture of Lozova "
            "was confirmed by Ukrainian officials.")
    assert [g[0] for g in _control(geoparser, body)] == ["capture"]


def test_the_early_weeks_of_an_invasion_are_a_time_not_a_duration():
    sentence = "Russian troops captured the city in the early weeks of the invasion."
    assert [t.sub for t in triggers(sentence)] == ["capture"]


def test_weeks_of_fighting_stays_generic():
    assert triggers("Russian troops shelled the town for weeks of fighting.") == []


# -- a recapture wording by the other country's side ---------------------------------------------------------------
def test_a_recapture_wording_by_russia_in_ukraine_is_a_capture(geoparser):
    body = "Russia's defence ministry said its forces had recaptured the village of Lozova in Ukraine's Kharkiv region."
    assert [g[:2] for g in _control(geoparser, body)] == [("capture", "Lozova")]


def test_a_recapture_wording_by_ukraine_in_ukraine_stays_a_recapture(geoparser):
    body = "Ukraine's army said on Wednesday its forces had recaptured the village of Lozova in the Kharkiv region."
    assert [g[:2] for g in _control(geoparser, body)] == [("recapture", "Lozova")]


def test_the_noun_recapture_of_is_a_recapture():
    assert [t.sub for t in triggers("The army announced the recapture of Lozova.")] == ["recapture"]


# -- lists whose items carry their oblast and day ------------------------------------------------------------------
def test_a_list_item_with_its_oblast_and_day_does_not_end_the_list(geoparser):
    body = ("In the east, the military confirmed the liberation of Lozova, Kharkiv Oblast on June 12, and Siversk, "
            "Soledar, and Selydove in Donetsk Oblast on June 11.")
    names = {g[1] for g in _control(geoparser, body)}
    assert {"Lozova", "Siversk", "Soledar", "Selydove"} <= names


# -- a lede that leaves the settlement unnamed ---------------------------------------------------------------------
def test_the_settlement_a_lede_left_unnamed_is_the_one_the_next_sentence_names(geoparser):
    body = ("Russia said on Wednesday that it had captured another village in eastern Ukraine.\n\n"
            "\"The locality of Siversk was freed thanks to the actions of the southern group,\" the ministry said.")
    assert _control(geoparser, body) == [("capture", "Siversk", "2025-06-11")]


def test_a_lede_does_not_take_a_place_told_without_its_kind(geoparser):
    body = ("Russia said on Wednesday that it had captured another village in eastern Ukraine.\n\n"
            "Officials in Kharkiv said the power supply was restored.")
    assert [g for g in _control(geoparser, body) if g[1] is not None] == []


def test_a_lede_does_not_take_a_settlement_told_with_an_incident_of_its_own(geoparser):
    body = ("Russia said on Wednesday that it had captured another village in eastern Ukraine.\n\n"
            "In the town of Lozova, a drone struck a house on Thursday.")
    assert [g for g in _control(geoparser, body) if g[1] == "Lozova"] == []


# -- a directional locator is no object ----------------------------------------------------------------------------
def test_a_town_that_only_locates_the_retaken_village_is_not_retaken(geoparser):
    body = ("Ukrainian forces have liberated the village of Soledar, the army said on Wednesday. The recapture of the "
            "village, five kilometres south of Russian-occupied Siversk, was first announced by a brigade.")
    names = {g[1] for g in _control(geoparser, body)}
    assert "Siversk" not in names
    assert "Soledar" in names


# -- a speaker telling another incident ----------------------------------------------------------------------------
def test_said_separately_announces_another_incident():
    assert separate("The governor said separately that a man had been killed in an attack on the town.")
    assert not separate("The governor said that a man had been killed in an attack on the town.")


# -- "since <day>, when ...": the day of the when-clause -----------------------------------------------------------
def test_since_a_day_when_dates_the_when_clause():
    page = EventDate("2025-06-13", 1, "page")
    got = explicit_date("It is the only village retaken since May 27, when the army announced the recapture of "
                        "another.", page)
    assert got is not None and got.date == "2025-05-27"


def test_since_a_day_alone_still_dates_nothing():
    page = EventDate("2025-06-13", 1, "page")
    assert explicit_date("It is the first strike on the city since May 27.", page) is None
