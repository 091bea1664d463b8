"""Session 14 (tolls18): one outlet places the news only at its oblast, another at a settlement of that oblast.

Every text here is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

import pytest

from pipeline.events.extract import Event, merge_across_articles
from tests.fixtures import article_events as _events

SATURDAY = "date 2024-06-08\n"
THURSDAY = "date 2024-02-29\n"
OBLAST_BUS = SATURDAY + ("A Russian drone struck a minibus in the Kharkiv region on Saturday morning, killing six people and "
                         "injuring four, the regional governor said.")
TOWN_BUS = SATURDAY + "A Russian drone hit a minibus near the town of Balakliia on Saturday, killing six passengers and " \
                      "wounding five."
OBLAST_VILLAGE = THURSDAY + "Russia's defence ministry said on Thursday its forces had captured a village in the Donetsk region."
NAMED_VILLAGE = THURSDAY + "Russian troops have taken the village of Tonenke in Ukraine's Donetsk region, the defence " \
                           "ministry said on Thursday."


def _merged(parser, *texts: str) -> list[Event]:
    return merge_across_articles([_events(parser, text, f"{i}.txt") for i, text in enumerate(texts)])


def _articles(event: Event) -> set[str]:
    return {s.article for s in event.sources}


@pytest.mark.parametrize("order", [(OBLAST_BUS, TOWN_BUS), (TOWN_BUS, OBLAST_BUS)])
def test_a_toll_told_at_the_oblast_joins_the_same_toll_at_a_town_of_it(parser, order):
    merged = _merged(parser, *order)
    assert len(merged) == 1
    event = merged[0]
    assert len(_articles(event)) == 2
    assert event.place.name.startswith("Balakl") and event.place.feature_kind == "city"  # the finer place wins
    assert (event.killed, event.injured) == (6, 4)  # the most conservative of the day's reports


def test_one_killed_alike_does_not_identify_a_strike_in_an_oblast(parser):
    one_dead = OBLAST_BUS.replace("killing six people and injuring four", "killing one person")
    town = TOWN_BUS.replace("killing six passengers", "killing one passenger")
    assert len(_merged(parser, one_dead, town)) == 2


def test_another_weapon_at_a_town_of_the_oblast_is_another_strike(parser):
    assert len(_merged(parser, OBLAST_BUS, TOWN_BUS.replace("drone", "missile"))) == 2


def test_another_day_at_a_town_of_the_oblast_is_another_strike(parser):
    later = TOWN_BUS.replace("2024-06-08", "2024-06-12").replace("on Saturday", "on Wednesday")
    assert len(_merged(parser, OBLAST_BUS, later)) == 2


@pytest.mark.parametrize("order", [(OBLAST_VILLAGE, NAMED_VILLAGE), (NAMED_VILLAGE, OBLAST_VILLAGE)])
def test_a_village_of_the_oblast_captured_joins_the_named_village_captured_by_the_same_side(parser, order):
    merged = [e for e in _merged(parser, *order) if e.event_type == "frontline_incident"]
    assert len(merged) == 1
    assert merged[0].place.name == "Tonenke" and len(_articles(merged[0])) == 2


def test_the_other_side_retaking_a_village_is_not_the_oblast_capture(parser):
    retaken = THURSDAY + "Ukrainian troops have retaken the village of Tonenke in the Donetsk region, the general staff " \
                         "said on Thursday."
    assert len([e for e in _merged(parser, OBLAST_VILLAGE, retaken) if e.event_type == "frontline_incident"]) == 2
