"""Merging across outlets (session 16, merges22): one strike whose toll grew between two reports is one event,
however far the first hours' count lies from the next day's (``merge._toll_grown``).

Every text here is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

import pytest

from tests.fixtures import event_articles as _articles
from tests.fixtures import events_of as _of
from tests.fixtures import merged_in_order as _merged

# a Monday's strike told that evening, then the next day with the toll grown
_EARLY = "A Russian missile hit a shopping centre in Vinnytsia on Monday, killing two people and injuring 20, the " \
         "regional governor said."
_LATER = "A Russian missile strike on a shopping centre in Vinnytsia on Monday killed 16 people and injured 59, " \
         "officials said."


@pytest.fixture(scope="module")
def parser(geoparser):
    return geoparser


def _casualties(parser, texts, order):
    return _of(_merged(parser, texts, order), "casualty_report")


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_the_first_hours_toll_and_the_next_days_are_one_strike(parser, order):
    texts = [("a.txt", "date 2023-06-05\n" + _EARLY), ("b.txt", "date 2023-06-06\n" + _LATER)]
    [merged] = _casualties(parser, texts, order)
    assert _articles(merged) == {"a.txt", "b.txt"}
    # the latest report's toll, the day both state
    assert (merged.when.date, merged.killed, merged.injured) == ("2023-06-05", 16, 59)


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_a_toll_lower_in_the_later_report_is_no_update(parser, order):
    texts = [("a.txt", "date 2023-06-06\n" + _EARLY), ("b.txt", "date 2023-06-05\n" + _LATER)]
    assert len(_casualties(parser, texts, order)) == 2


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_small_tolls_of_one_day_far_apart_stay_two_strikes(parser, order):
    # one injured, then eight: as likely two drones on one city that day as one toll told twice
    texts = [("a.txt", "date 2023-06-05\nA Russian drone hit a house in Vinnytsia on Monday, injuring one person, the "
                       "governor said."),
             ("b.txt", "date 2023-06-06\nA Russian drone strike on Vinnytsia on Monday injured eight people, "
                       "officials said.")]
    assert len(_casualties(parser, texts, order)) == 2


@pytest.mark.parametrize(("later", "why"), [
    ("date 2023-06-08\nA Russian missile strike on a shopping centre in Vinnytsia on Wednesday killed 16 people and "
     "injured 59, officials said.", "two days apart"),
    ("date 2023-06-06\nA Russian missile strike on a shopping centre in Haisyn on Monday killed 16 people and "
     "injured 59, officials said.", "another town of the oblast"),
    ("date 2023-06-06\nRussian drones struck a shopping centre in Vinnytsia on Monday, killing 16 people and "
     "injuring 59, officials said.", "another weapon")])
@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_a_grown_toll_elsewhere_or_another_day_stays_another_strike(parser, later, why, order):
    texts = [("a.txt", "date 2023-06-05\n" + _EARLY), ("b.txt", later)]
    assert len(_casualties(parser, texts, order)) == 2, why
