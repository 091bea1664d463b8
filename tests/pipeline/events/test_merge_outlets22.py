"""Merging across outlets (session 22, merge22): a small toll told by a later report as grown ("the toll has risen to
five") is the earlier report's strike (``merge._toll_grown``); a report placed only at Crimea and one at Sevastopol, on
the peninsula, with the same identifying toll are one strike (``merge._LAND_HOLDS``).

Every text here is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

import pytest

from tests.fixtures import event_articles as _articles
from tests.fixtures import events_of as _of
from tests.fixtures import merged_in_order as _merged


@pytest.fixture(scope="module")
def parser(geoparser):
    return geoparser


def _casualties(parser, texts, order):
    return _of(_merged(parser, texts, order), "casualty_report")


# -- a small toll that a later report tells as grown ---------------------------------------------------------------

_FIRST = "A Russian drone hit a block of flats in Mykolaiv early on Thursday, killing one woman and injuring two " \
         "people, the regional governor said."
_GROWN = [
    "The number of people killed by Thursday's Russian drone attack on Mykolaiv has risen to six, with nine "
    "injured, the governor said.",
    "The death toll from the Russian drone strike on a block of flats in Mykolaiv on Thursday rose to six, and nine "
    "people were wounded, officials said.",
]


@pytest.mark.parametrize("later", _GROWN)
@pytest.mark.parametrize("published", ["2023-10-05", "2023-10-06"])
@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_a_small_toll_told_as_grown_joins_the_first_report(parser, later, published, order):
    texts = [("a.txt", "date 2023-10-05\n" + _FIRST), ("b.txt", f"date {published}\n" + later)]
    [merged] = _casualties(parser, texts, order)
    assert _articles(merged) == {"a.txt", "b.txt"}
    # the toll told as grown is the later count, on the same publication day too
    assert (merged.when.date, merged.killed, merged.injured) == ("2023-10-05", 6, 9)


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_two_tolls_of_one_day_not_told_as_grown_keep_the_lower(parser, order):
    # outlets disagreeing on one day, neither telling its toll as an update: the most conservative (ACLED's practice)
    texts = [("a.txt", "date 2023-10-05\nA Russian missile hit a school in Mykolaiv on Thursday, killing 12 people, "
                       "the governor said."),
             ("b.txt", "date 2023-10-05\nFourteen people were killed when a Russian missile hit a school in Mykolaiv "
                       "on Thursday, officials said.")]
    [merged] = _casualties(parser, texts, order)
    assert _articles(merged) == {"a.txt", "b.txt"}
    assert merged.killed == 12


@pytest.mark.parametrize(("later", "published", "why"), [
    # the same figures without a word of growth: as likely a second drone that day as the first one's toll
    ("Russian drones struck Mykolaiv on Thursday, killing six people and injuring nine, officials said.",
     "2023-10-05", "no word of growth"),
    ("The number of people killed by Saturday's Russian drone attack on Mykolaiv has risen to six, with nine "
     "injured, the governor said.", "2023-10-07", "two days later"),
    ("The number of people killed by Thursday's Russian missile strike on Mykolaiv has risen to six, with nine "
     "injured, the governor said.", "2023-10-05", "another weapon"),
    ("The number of people killed by Thursday's Russian drone attack on Ochakiv has risen to six, with nine "
     "injured, the governor said.", "2023-10-05", "another town of the oblast"),
])
@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_a_grown_small_toll_elsewhere_or_unworded_stays_another_strike(parser, later, published, why, order):
    texts = [("a.txt", "date 2023-10-05\n" + _FIRST), ("b.txt", f"date {published}\n" + later)]
    assert len(_casualties(parser, texts, order)) == 2, why


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_a_lower_toll_published_later_is_no_growth(parser, order):
    # the higher toll was told first: the later report's lower toll, however worded, does not update it
    texts = [("a.txt", "date 2023-10-06\n" + _FIRST),
             ("b.txt", "date 2023-10-05\n" + _GROWN[0])]
    assert len(_casualties(parser, texts, order)) == 2


# -- Crimea and Sevastopol --------------------------------------------------------------------------------------------

_SEVASTOPOL = "Ukrainian missiles struck Sevastopol on Saturday, killing five people and injuring 31, the city's " \
              "Russian-installed governor said."
_CRIMEA = "Ukraine fired missiles at Crimea on Saturday, killing five people and injuring 31, Russian officials said " \
          "on Sunday."


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_a_strike_told_at_crimea_and_at_sevastopol_with_one_toll_is_one(parser, order):
    texts = [("a.txt", "date 2023-11-04\n" + _SEVASTOPOL), ("b.txt", "date 2023-11-05\n" + _CRIMEA)]
    [merged] = _casualties(parser, texts, order)
    assert _articles(merged) == {"a.txt", "b.txt"}
    assert (merged.admin1_code, merged.place.name, merged.killed, merged.injured) == ("UA-40", "Sevastopol", 5, 31)


@pytest.mark.parametrize(("crimea", "why"), [
    ("Ukraine fired missiles at Crimea on Saturday, killing one person and injuring two, Russian officials said on "
     "Sunday.", "another toll"),
    ("Ukraine fired missiles at Crimea on Tuesday, killing five people and injuring 31, Russian officials said on "
     "Wednesday.", "another day"),
])
@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_crimea_and_sevastopol_with_another_toll_or_day_stay_two(parser, crimea, why, order):
    texts = [("a.txt", "date 2023-11-04\n" + _SEVASTOPOL), ("b.txt", "date 2023-11-08\n" + crimea)]
    assert len(_casualties(parser, texts, order)) == 2, why


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_strikes_without_figures_at_crimea_and_at_sevastopol_stay_two(parser, order):
    # which of the peninsula's towns a strike told only at Crimea hit is not known: Sevastopol is not its centre
    texts = [("a.txt", "date 2023-11-04\nUkrainian drones attacked Sevastopol on Saturday, the governor said."),
             ("b.txt", "date 2023-11-04\nUkraine attacked Crimea with drones on Saturday, Russian officials said.")]
    events = _merged(parser, texts, order)
    assert not any(_articles(e) == {"a.txt", "b.txt"} for e in events)


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_the_kyiv_region_and_kyiv_city_stay_two(parser, order):
    # a region named after its capital is not a land holding it: "the Kyiv region" is told apart from the city
    texts = [("a.txt", "date 2023-11-04\nRussian drones hit Kyiv on Saturday, killing five people and injuring 31, "
                       "the mayor said."),
             ("b.txt", "date 2023-11-04\nRussian drones hit the Kyiv region on Saturday, killing five people and "
                       "injuring 31, the governor said.")]
    assert len(_casualties(parser, texts, order)) == 2


@pytest.mark.parametrize("order", [(0, 1, 2), (1, 0, 2)])
def test_a_crimea_report_joins_two_merged_sevastopol_reports_by_a_toll_one_of_them_stated(parser, order):
    # the merged Sevastopol strike shows the lower count (28 injured); the Crimea report's 31 was stated by the other
    texts = [("a.txt", "date 2023-11-04\nUkrainian missiles struck Sevastopol on Saturday, killing three people and "
                       "injuring 28, the governor said."),
             ("b.txt", "date 2023-11-04\nThree people were killed and 31 injured when Ukrainian missiles struck "
                       "Sevastopol on Saturday, officials said."),
             ("c.txt", "date 2023-11-05\nUkraine fired missiles at Crimea on Saturday, killing three people and "
                       "injuring 31, Russian officials said on Sunday.")]
    [merged] = _casualties(parser, texts, order)
    assert _articles(merged) == {"a.txt", "b.txt", "c.txt"}
