"""Merging across outlets (session 20, merges20): figures an outlet stated before it settled on an update, a page with
no date in the merged toll, one identifying toll told with two wordings of the attack, and a village's name in its
Ukrainian and Russian adjectival forms.

Every text here is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

import pytest

from pipeline.events import merge as M
from pipeline.events.records import CasualtyClaim, Event, Report
from pipeline.text.dates import EventDate
from pipeline.text.translit import spelling_key
from tests.fixtures import event_articles, merged_in_order

UNDATED = "\n"  # a page with no date, whose text states no day
DATED = "date 2024-03-14\n"


def _casualties(parser, texts, order):
    return [e for e in merged_in_order(parser, texts, order) if e.event_type == "casualty_report"]


# -- a figure an outlet stated before its update is a figure alike ------------------------------------------------
_UPDATED = ("a.txt", DATED + "Russian guided bombs struck Kramatorsk on Thursday, killing four people and injuring "
                             "seven, the governor said. Later the police said nine people were injured.")


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_an_undated_page_joins_when_the_other_outlet_once_stated_its_figures(geoparser, order):
    texts = [_UPDATED, ("b.txt", UNDATED + "Guided bombs dropped on Kramatorsk killed four people and injured "
                                           "seven, the governor said.")]
    [merged] = _casualties(geoparser, texts, order)
    assert event_articles(merged) == {"a.txt", "b.txt"}
    # the page with no date is not known to be the older: its toll competes among the latest, lowest first
    assert (merged.killed, merged.injured) == (4, 7)


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_an_undated_page_whose_figures_no_outlet_shared_stays_apart(geoparser, order):
    texts = [_UPDATED, ("b.txt", UNDATED + "Guided bombs dropped on Kramatorsk killed four people and injured "
                                           "eight, the governor said.")]
    assert len(_casualties(geoparser, texts, order)) == 2


def test_stated_figures_are_totals_only():
    def event(killed, claims):
        return Event("casualty_report", "airstrike", EventDate("2024-03-14", 1, ""), None, None, None, None, 1, [],
                     0.5, killed=killed, casualty_claims=claims)

    sub = CasualtyClaim("killed", 3, "including three children", None, "a.txt", 0, 1, role="subcount")
    total = CasualtyClaim("killed", 6, "six killed", None, "a.txt", 0, 1)
    assert M._alike(event(9, [sub, total]), event(3, [])) == {}
    assert M._alike(event(9, [sub, total]), event(6, [])) == {"killed": 6}


# -- one identifying toll, the attack told two ways ---------------------------------------------------------------
@pytest.mark.parametrize(("figure", "one"), [("43", True), ("three", False)])
@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_an_undated_shelling_and_an_air_strike_with_one_distinctive_toll(geoparser, figure, one, order):
    texts = [("a.txt", UNDATED + f"Russian artillery shelled a barracks in Kramatorsk, killing {figure} soldiers, "
                                 "the governor said."),
             ("b.txt", DATED + f"A Russian air strike on a barracks in Kramatorsk on Wednesday killed {figure} "
                               "soldiers, the governor said.")]
    assert len(_casualties(geoparser, texts, order)) == (1 if one else 2)


# -- a village's name in its Ukrainian and Russian adjectival forms -----------------------------------------------
@pytest.mark.parametrize(("ukrainian", "russian"), [("Zaporizke", "Zaporozhskoe"), ("Zaporizkyi", "Zaporozhsky")])
def test_the_adjectival_zsk_is_keyed_as_ukrainian_writes_it(ukrainian, russian):
    assert spelling_key(ukrainian) == spelling_key(russian)


@pytest.mark.parametrize(("one", "other"), [("Lozove", "Lozovskoe"), ("Zaporizke", "Zaporozhe")])
def test_other_names_keep_their_keys(one, other):
    assert spelling_key(one) != spelling_key(other)


# -- the merged toll: a lower total every outlet stated, of which the latest is only a small update ----------------
def _merged_toll(*outlets: tuple[str, str, int, list[int]]) -> tuple[int | None, int | None]:
    """The merged toll of outlets (article, published, toll killed, every killed total it stated)."""
    event = Event("casualty_report", "missile_strike", EventDate("2024-03-11", 1, ""), None, None, None, None, 3, [],
                  0.5, reports=[Report(a, day, killed, None) for a, day, killed, _said in outlets],
                  casualty_claims=[CasualtyClaim("killed", v, f"{v} killed", None, a, 0, 1)
                                   for a, _day, _killed, said in outlets for v in said])
    return M._reported_toll(event)


def test_a_total_every_outlet_stated_wins_over_one_outlets_small_update():
    # one outlet said ten killed; the next day another said ten, then twelve: ten is what every source counted
    assert _merged_toll(("a.txt", "2024-03-11", 10, [10]), ("b.txt", "2024-03-12", 12, [10, 12])) == (10, None)


@pytest.mark.parametrize(("outlets", "toll"), [
    ((("a.txt", "2024-03-11", 2, [2]), ("b.txt", "2024-03-12", 16, [2, 16])), 16),  # grown further: the latest
    ((("a.txt", "2024-03-11", 10, [10]), ("b.txt", "2024-03-12", 12, [12])), 12),  # no figure all stated
    ((("a.txt", "2024-03-11", 10, [10]), ("b.txt", "2024-03-12", 9, [9, 10])), 9)])  # the latest already lower
def test_the_latest_toll_stays_when_no_lower_figure_all_stated_is_near_it(outlets, toll):
    assert _merged_toll(*outlets) == (toll, None)
