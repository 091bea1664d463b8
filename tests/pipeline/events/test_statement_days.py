"""Session 16 (dates22): which day governs an incident — its own stated day over the day of the statement that tells
it, a relative clause's day never the main clause's, a tally's period no day at all.

Every text here is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

from pipeline.events.extract import Event
from tests.fixtures import article_events as _events

THURSDAY = "date 2024-03-21\n"  # a Thursday: Wednesday is 2024-03-20, Tuesday 2024-03-19


def _of(events: list[Event], kind: str) -> list[Event]:
    return [e for e in events if e.event_type == kind]


# -- a statement's day is a bound: the incident's own day, stated later, replaces it --------------------------------
def test_a_day_stated_for_the_attack_replaces_the_day_of_the_statement(parser):
    text = THURSDAY + (
        "Guided bombs killed 6 people and wounded 40 in Kharkiv, the regional governor reported on 21 March.\n\n"
        "On Wednesday evening, Russian bombs struck a crowded street in the centre of Kharkiv.")
    [report] = _of(_events(parser, text), "casualty_report")
    assert (report.killed, report.when.date) == (6, "2024-03-20")


def test_a_statement_day_alone_still_dates_the_incident(parser):
    text = THURSDAY + "Guided bombs killed 6 people in Kharkiv, the regional governor reported on 21 March."
    [report] = _of(_events(parser, text), "casualty_report")
    assert (report.when.date, report.when.precision) == ("2024-03-21", 1)


# -- the page's day named for the incident is its own day ---------------------------------------------------------
def test_the_page_day_named_for_a_shelling_is_not_replaced_by_another_day_told_after_it(parser):
    text = THURSDAY + (
        "Russian artillery shelled the village of Bilozerka on Thursday, injuring two residents.\n\n"
        "As a result of the shelling of a market in the same area on Tuesday, a man was injured.")
    days = {r.when.date for r in _of(_events(parser, text), "casualty_report") if r.injured == 2}
    assert days == {"2024-03-21"}


# -- a relative clause's day tells of its antecedent ------------------------------------------------------------------
def test_a_relative_clause_day_does_not_date_the_capture_it_hangs_on(parser):
    text = THURSDAY + (
        "The defence ministry said its forces had captured the village of Andriivka, west of Kurakhove, "
        "which Moscow said it took in early January.")
    days = [e.when for e in _of(_events(parser, text), "frontline_incident") if e.place and
            e.place.name.startswith("Andri")]
    assert days and all(d.precision != 3 for d in days)  # not "early January"
    assert all(d.date in (None, "2024-03-21") for d in days)


# -- a tally's period dates nothing -------------------------------------------------------------------------------
def test_a_period_between_two_days_does_not_date_an_attack_told_beside_it(parser):
    text = THURSDAY + (
        "Russian drones hit a farm in the Nedryhailiv community, setting warehouses on fire.\n\n"
        "Russian forces carried out 60 strikes on the region between the morning of March 18 and the morning of "
        "March 19, wounding four people.")
    farm = [e for e in _events(parser, text) if e.place and e.place.name.startswith("Nedryhail")]
    assert farm and all(e.when.date not in ("2024-03-18", "2024-03-19") for e in farm)
