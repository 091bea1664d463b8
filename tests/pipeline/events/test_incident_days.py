"""Session 14 (tolls18): the day of an incident told at two times in one article, and an earlier attack told after it.

Every text here is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

from pipeline.events.extract import Event
from pipeline.events.figures import figures
from tests.fixtures import article_events as _events

TUESDAY = "date 2024-03-19\n"  # a Tuesday: Sunday is 2024-03-17


def _reports(events: list[Event]) -> list[Event]:
    return [e for e in events if e.event_type == "casualty_report"]


# -- the toll updated on the page's day is the incident of the day it happened -----------------------------------
UPDATED = TUESDAY + (
    "Poltava toll rises to 21\n\n"
    "The death toll from a missile strike on a dormitory in Poltava has risen to 21.\n\n"
    "Rescuers kept digging through the rubble of the building that was hit, the regional governor said on Tuesday.\n\n"
    "At least 48 people were wounded and 12 others are missing after Sunday's strike.")


def test_a_toll_updated_on_the_page_day_stays_one_incident_of_the_day_it_happened(parser):
    reports = _reports(_events(parser, UPDATED))
    assert len(reports) == 1
    report = reports[0]
    assert (report.killed, report.injured) == (21, 48)
    assert report.when.date == "2024-03-17"  # Sunday's strike, not the day the governor spoke


def test_a_statement_day_alone_still_dates_an_incident_told_that_day(parser):
    text = TUESDAY + "Two people were killed when a missile hit a shop in Poltava, the governor said on Tuesday."
    reports = _reports(_events(parser, text))
    assert [(r.killed, r.when.date) for r in reports] == [(2, "2024-03-19")]


# -- "Earlier on <day>": an attack before the page's news is an incident of its own ------------------------------
EARLIER = TUESDAY + (
    "Sumy shelled, nine killed\n\n"
    "Russian artillery shelled residential streets of Sumy, the regional head said.\n\n"
    "Nine people have been killed in the attacks, he said.\n\n"
    "Earlier on March 17, heavy shelling hit Sumy overnight. Three civilians and two service members died.")


def test_an_earlier_attack_told_after_the_news_neither_dates_nor_joins_it(parser):
    reports = sorted(_reports(_events(parser, EARLIER)), key=lambda e: e.killed)
    assert [(r.killed, r.when.date, r.when.precision) for r in reports] == [
        (5, "2024-03-17", 1),  # the earlier attack: three civilians and two service members
        (9, "2024-03-19", 2),  # the page's news: no day stated, the page's
    ]


def test_an_earlier_day_without_earlier_still_dates_the_news_that_states_no_day(parser):
    text = TUESDAY + ("Sumy shelled, nine killed\n\n"
                      "Russian artillery shelled residential streets of Sumy on Sunday, the regional head said.\n\n"
                      "Nine people have been killed in the attacks, he said.")
    reports = _reports(_events(parser, text))
    assert [(r.killed, r.when.date) for r in reports] == [(9, "2024-03-17")]


def test_service_members_are_counted_among_the_victims():
    assert [(f.kind, f.value) for f in figures("Four civilians and two service members died.")] == [("killed", 6)]
    assert [(f.kind, f.value) for f in figures("Two service members were wounded.")] == [("injured", 2)]



def test_a_sum_over_attacks_on_many_cities_is_no_toll():
    sentence = "It follows a week in which missile attacks on Ukrainian cities killed 31 people, including two children."
    assert [(f.kind, f.value, f.role) for f in figures(sentence)] == [("killed", 31, "aggregate")]


def test_the_village_toll_is_not_the_week_sum_told_beside_it(parser):
    text = TUESDAY + ("Three killed in strike on Russian border village: governor\n\n"
                      "It follows a week in which missile attacks on Ukrainian cities killed 31 people.\n\n"
                      "Three people were killed when a missile hit the village of Tetkino, the regional governor said.")
    assert [r.killed for r in _reports(_events(parser, text))] == [3]
