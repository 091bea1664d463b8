"""Session 17 (dates23): the day of an event — a time of day before a weekday, a morning report's "last night", a wire
dateline a day ahead of the page's stamp, "the following day" counted from the day stated before it, and two reports
of one port a week apart that share only a small figure.

Every text here is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

import itertools

import pytest

from pipeline.text.dates import EventDate, article_date, day_after, explicit_date
from tests.fixtures import article_events as _events
from tests.fixtures import event_articles as _articles
from tests.fixtures import events_of as _of
from tests.fixtures import merged_in_order as _merged

WEDNESDAY = EventDate("2025-03-12", 1, "date header")  # a Wednesday: Tuesday is 2025-03-11


# -- a time of day before a weekday ---------------------------------------------------------------------------------
@pytest.mark.parametrize("sentence", [
    "Late Tuesday, drones struck the city, injuring five people.",
    "Early Tuesday a missile hit a warehouse.",
    "Shelling resumed late Tuesday in the north of the town.",
])
def test_a_weekday_after_a_time_of_day_dates_the_event(sentence):
    assert explicit_date(sentence, WEDNESDAY).date == "2025-03-11"


def test_a_weekday_after_a_capitalised_name_still_dates_nothing():
    assert explicit_date("Crowds gathered for Good Friday in the old town.", WEDNESDAY) is None


def test_an_attack_late_on_a_weekday_is_dated_that_day(parser):
    text = "date 2025-03-12\n\nLate Tuesday, Russian drones attacked Zaporizhzhia, injuring seven people, the governor said."
    [report] = _of(_events(parser, text), "casualty_report")
    assert (report.injured, report.when.date, report.when.precision) == (7, "2025-03-11", 1)


# -- a morning report's "last night" ----------------------------------------------------------------------------------
def test_last_night_in_a_morning_report_is_the_page_day(parser):
    text = "date 2025-03-12\n\nLast night, Russian drones struck Sumy, killing one person, the regional head said."
    [report] = _of(_events(parser, text), "casualty_report")
    assert (report.killed, report.when.date) == (1, "2025-03-12")


# -- a wire dateline a day ahead of the page's stamp --------------------------------------------------------------------
def test_a_wire_dateline_the_day_after_the_page_dates_the_article():
    text = "date 2025-03-11\nHeadline\n\nMarch 11, 2025 - 09:16 pm EDT\n\nMarch 12 (Reuters) - A missile killed four."
    assert article_date(text) == EventDate("2025-03-12", 1, "wire dateline")


def test_a_wire_dateline_two_days_after_the_page_is_not_its_filing_day():
    text = "date 2025-03-11\nHeadline\n\nMarch 13 (Reuters) - A missile killed four."
    assert article_date(text).date == "2025-03-11"


def test_a_wire_dateline_over_new_year_takes_the_next_year():
    text = "date 2024-12-31\nHeadline\n\nJan 1 (Reuters) - A missile killed four."
    assert article_date(text).date == "2025-01-01"


def test_a_strike_told_under_a_dateline_ahead_of_the_page_takes_the_dateline_day(parser):
    text = ("date 2025-03-11\nMissile hits Lviv\n\nMarch 12 (Reuters) - A Russian missile attack killed at least four "
            "people in the western Ukrainian city of Lviv, the authorities said.")
    [report] = _of(_events(parser, text), "casualty_report")
    assert (report.killed, report.when.date) == (4, "2025-03-12")


# -- "the following day" --------------------------------------------------------------------------------------------------
def test_the_following_day_counts_from_the_day_stated_before():
    stated = EventDate("2025-02-05", 1, "5 February")
    assert day_after(stated, "A second drone set a tank on fire the following day.", WEDNESDAY) == \
        EventDate("2025-02-06", 1, "the following day")


def test_the_following_day_with_nothing_stated_before_dates_nothing():
    assert day_after(None, "A second drone set a tank on fire the following day.", WEDNESDAY) is None
    assert day_after(EventDate("2025-03-12", 2, "article date"), "It burned the following day.", WEDNESDAY) is None


def test_the_following_day_is_never_after_the_page():
    assert day_after(WEDNESDAY, "A second drone set a tank on fire the following day.", WEDNESDAY) is None


def test_the_next_day_of_a_statement_dates_no_strike():
    # the day the strike was confirmed, not the day it happened
    stated = EventDate("2025-02-05", 1, "5 February")
    assert day_after(stated, "The next day, the General Staff confirmed that it had struck the depot.", WEDNESDAY) is None


def test_a_sentence_without_the_following_day_is_not_counted_on():
    assert day_after(EventDate("2025-02-05", 1, "5 February"), "A drone hit a depot.", WEDNESDAY) is None


def test_a_strike_the_following_day_takes_the_day_after_the_one_told_before(parser):
    text = ("date 2025-03-12\n\nA drone attack killed three servicemen at an airfield in Engels on 5 February, the "
            "defence ministry said.\n\nAnother drone attacked an airfield in the Kursk region of Russia, setting an oil "
            "tank on fire the following day.")
    days = {e.place.admin1_code: e.when.date for e in _events(parser, text) if e.place is not None}
    assert days.get("RU-KRS") == "2025-02-06"


# -- two reports of one port a week apart ------------------------------------------------------------------------------
WEEK_BEFORE = ("before.txt", "date 2025-03-05\n\nOn the evening of March 5, Russian troops attacked the port of Odesa "
                             "with ballistic missiles, killing one person and injuring five, the regional head said.")
PAGE_DAY = ("page.txt", "date 2025-03-12\n\nA Russian ballistic missile struck the port of Odesa, killing one person "
                        "and injuring eight, the regional head said.")


@pytest.mark.parametrize("order", list(itertools.permutations(range(2))))
def test_a_small_toll_alike_a_week_apart_leaves_two_strikes_on_one_port(parser, order):
    reports = _of(_merged(parser, [WEEK_BEFORE, PAGE_DAY], order), "casualty_report")
    assert sorted((r.injured, r.when.date) for r in reports) == [(5, "2025-03-05"), (8, "2025-03-12")]
    assert all(len(_articles(r)) == 1 for r in reports)
