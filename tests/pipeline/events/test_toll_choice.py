"""Session 17 (tolls23): which stated figure is an incident's toll, in one article and across outlets.

- across outlets the merged toll is one report's pair (the latest reports' most conservative), never the killed of one
  outlet with the injured of another (a pair no outlet stated);
- in one article a total told with no attack and no place, far over every total the incident's own sentences state,
  is a wider sum (of the war, of the country), not the incident's toll; it stays a claim.

Every text here is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

import pytest

from pipeline.events.extract import merge_across_articles
from pipeline.events.merge import _reported_toll
from pipeline.events.records import Event, Report
from pipeline.text.dates import EventDate
from tests.fixtures import article_events as _events
from tests.fixtures import events_of

MONDAY = "date 2024-03-11\n"
SIX_AND_FORTY = MONDAY + ("A Russian missile struck an apartment block in Sumy on Monday, killing six people and injuring "
                          "40, the regional governor said.")
EIGHT_AND_TWENTY = MONDAY + ("Eight people were killed and 24 injured when a Russian missile hit a residential building in "
                             "Sumy on Monday, officials said.")
WITH_WAR_SUM = MONDAY + ("A Russian missile hit a school in Sloviansk on Monday, killing two civilians and injuring 13, "
                         "the governor said. More than 7,400 civilians have been injured in Ukraine, the United Nations "
                         "says.")


def _event(*reports: Report) -> Event:
    return Event("casualty_report", "missile_strike", EventDate("2024-03-11", 1, ""), None, None, None, None, 3, [],
                 0.5, reports=list(reports))


def test_the_merged_toll_is_one_reports_pair_not_each_kind_from_another():
    event = _event(Report("a.txt", "2024-03-11", 6, 40), Report("b.txt", "2024-03-11", 8, 24))
    assert _reported_toll(event) == (6, 40)  # the most conservative report, whole: not (6, 24)


def test_the_latest_reports_win_over_an_earlier_lower_one():
    event = _event(Report("a.txt", "2024-03-11", 2, 20), Report("b.txt", "2024-03-12", 16, 59))
    assert _reported_toll(event) == (16, 59)


def test_a_kind_the_chosen_report_leaves_unsaid_comes_from_another():
    event = _event(Report("a.txt", "2024-03-11", 5, None), Report("b.txt", "2024-03-11", 11, 22))
    assert _reported_toll(event) == (5, 22)


@pytest.mark.parametrize("order", [(SIX_AND_FORTY, EIGHT_AND_TWENTY), (EIGHT_AND_TWENTY, SIX_AND_FORTY)])
def test_two_outlets_tolls_merge_into_one_outlets_pair(parser, order):
    merged = [e for e in merge_across_articles([_events(parser, t, f"{i}.txt") for i, t in enumerate(order)])
              if e.event_type == "casualty_report"]
    assert len(merged) == 1
    assert (merged[0].killed, merged[0].injured) == (6, 40)


def test_a_war_wide_sum_after_a_strike_is_not_its_toll(parser):
    reports = events_of(_events(parser, WITH_WAR_SUM), "casualty_report")
    assert len(reports) == 1
    assert (reports[0].killed, reports[0].injured) == (2, 13)
    assert any(c.value == 7400 for c in reports[0].casualty_claims)  # kept as a claim


def test_a_toll_that_grows_in_a_sentence_of_its_own_is_still_the_toll(parser):
    grown = MONDAY + ("A Russian missile hit a school in Sloviansk on Monday, killing two civilians, the governor said. "
                      "The death toll has since risen to 25.")
    reports = events_of(_events(parser, grown), "casualty_report")
    assert [r.killed for r in reports] == [25]


def test_more_injured_after_a_death_told_before_are_the_injured_toll(parser):
    text = MONDAY + ("Russian shelling hit a bus stop in Nikopol on Monday morning, the governor said. A 60-year-old "
                     "woman died on the spot. Four more people were injured. A wounded man was taken to hospital.")
    reports = events_of(_events(parser, text), "casualty_report")
    assert [(r.killed, r.injured) for r in reports] == [(1, 4)]


def test_a_later_toll_of_tens_told_with_no_place_is_still_the_toll(parser):
    later = MONDAY + ("A Russian missile hit a school in Sloviansk on Monday, killing two civilians, the governor said. "
                      "Officials said later that 25 people had been killed.")
    reports = events_of(_events(parser, later), "casualty_report")
    assert [r.killed for r in reports] == [25]  # over ten times two, but tens: no war's sum
