"""Merging across outlets when the outlets' days differ (issue 13): a change of control dated days apart, the day
kept of two, and a relative clause that states its own day.

Every text here is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

import itertools

import pytest

from tests.fixtures import article_events as _events
from tests.fixtures import event_articles as _articles
from tests.fixtures import events_of as _of
from tests.fixtures import merged_in_order as _merged


# a Saturday page's "on Sunday" resolves six days back; the next day's page names Saturday
CLAIM_SUNDAY = ("claim.txt", "date 2024-06-08\nRussia's defence ministry said on Sunday that its forces had captured "
                             "the town of Toretsk in the Donetsk region.")
CONFIRM_SATURDAY = ("confirm.txt", "date 2024-06-09\nRussian forces captured the town of Toretsk on Saturday, the "
                                   "defence ministry in Moscow said.")
RETAKEN_SATURDAY = ("retaken.txt", "date 2024-06-09\nUkrainian forces retook the town of Toretsk on Saturday, the "
                                   "General Staff in Kyiv said.")
CAPTURE_LATER = ("later.txt", "date 2024-06-12\nRussian forces captured the town of Toretsk on June 11, the defence "
                              "ministry in Moscow said.")


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_one_capture_dated_six_days_apart_by_two_outlets_is_one_event(parser, order):
    [capture] = _of(_merged(parser, [CLAIM_SUNDAY, CONFIRM_SATURDAY], order), "frontline_incident")
    assert _articles(capture) == {"claim.txt", "confirm.txt"}
    assert capture.gains == "Russia"


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_of_two_weekdays_the_one_reported_sooner_dates_the_capture(parser, order):
    [capture] = _of(_merged(parser, [CLAIM_SUNDAY, CONFIRM_SATURDAY], order), "frontline_incident")
    assert capture.when.date == "2024-06-08"  # not the Sunday six days before the claim's page


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_the_other_side_retaking_the_town_within_the_week_stays_another_event(parser, order):
    events = _of(_merged(parser, [CLAIM_SUNDAY, RETAKEN_SATURDAY], order), "frontline_incident")
    assert sorted(e.gains for e in events) == ["Russia", "Ukraine"]


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_a_capture_nine_days_after_another_by_one_side_stays_another_event(parser, order):
    events = _of(_merged(parser, [CLAIM_SUNDAY, CAPTURE_LATER], order), "frontline_incident")
    assert len(events) == 2


STRIKE_SUNDAY = ("strike1.txt", "date 2024-06-08\nRussian shelling hit the centre of Toretsk on Sunday, the regional "
                                "governor said.")
STRIKE_SATURDAY = ("strike2.txt", "date 2024-06-09\nRussian shelling hit the centre of Toretsk on Saturday, the "
                                  "regional governor said.")


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_two_strikes_on_one_town_six_days_apart_stay_two(parser, order):
    """A town is struck often: only a change of control to one side is told apart by its rarity."""
    events = _of(_merged(parser, [STRIKE_SUNDAY, STRIKE_SATURDAY], order), "frontline_incident")
    assert len(events) == 2


# two outlets dating one strike a day apart, each with a calendar date: the one its page tells sooner wins
LATE_PAGE = ("late.txt", "date 2024-06-12\nA Russian missile strike on Toretsk on June 7 killed 12 people and injured "
                         "30, the regional governor said.")
SAME_DAY_PAGE = ("sameday.txt", "date 2024-06-09\nA Russian missile strike on Toretsk on June 8 killed 12 people and "
                                "injured 30, the regional governor said.")


@pytest.mark.parametrize("order", list(itertools.permutations(range(2))))
def test_of_two_calendar_days_the_merge_keeps_the_one_reported_sooner_in_any_order(parser, order):
    [report] = _of(_merged(parser, [LATE_PAGE, SAME_DAY_PAGE], order), "casualty_report")
    assert _articles(report) == {"late.txt", "sameday.txt"}
    assert report.when.date == "2024-06-08"


def test_a_relative_clause_with_its_own_day_dates_its_own_change_of_control(parser):
    text = ("date 2024-06-10\nOn the morning of June 10, photos showed Ukrainian soldiers in front of Toretsk, "
            "30 kilometres south of Kostiantynivka, which was confirmed retaken on June 8.")
    days = {e.place.name: e.when.date for e in _of(_events(parser, text, "clause.txt"), "frontline_incident")
            if e.sub_event_type == "recapture"}
    assert days.get("Kostyantynivka") == "2024-06-08"


UNSAID_SIDE = ("fell.txt", "date 2024-06-09\nHis fighters captured the town of Toretsk on Saturday, the commander "
                           "said.")


def test_a_merged_capture_takes_the_side_another_outlet_names(parser):
    """The first outlet leaves the side unsaid; once the second names it, the week-old claim of that side joins."""
    [capture] = _of(_merged(parser, [UNSAID_SIDE, CONFIRM_SATURDAY, CLAIM_SUNDAY], (0, 1, 2)), "frontline_incident")
    assert capture.gains == "Russia"
    assert _articles(capture) == {"fell.txt", "confirm.txt", "claim.txt"}


# a port struck twice a week apart, each strike killing one: the page of the later one dates it only by its own day
PORT_FIRST = ("port1.txt", "date 2024-06-05\nOn the evening of June 3, a Russian missile strike on the port of "
                           "Mykolaiv killed one person and injured five, the regional governor said.")
PORT_AGAIN = ("port2.txt", "date 2024-06-10\nA Russian missile strike on the port of Mykolaiv killed one person and "
                           "injured eight, the regional governor said.")


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_one_small_figure_alike_a_week_apart_does_not_make_one_strike(parser, order):
    """"One killed" alike is what a city struck every few days reports again and again: not enough to join a strike
    to one a week before it through the page's coarse day."""
    reports = _of(_merged(parser, [PORT_FIRST, PORT_AGAIN], order), "casualty_report")
    assert sorted(r.injured for r in reports) == [5, 8]
