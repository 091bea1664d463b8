"""Session 14 (tolls19): a toll a region's official gives for "strikes in the region", with no period nor area of
many, is the region's report of the day, not a sum over many incidents.

Every sentence here is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

import pytest

from pipeline.events.figures import aggregate_scope, figures
from tests.fixtures import article_events

PAGE = "date 2024-06-12\n\n"


def _roles(sentence: str) -> set[str]:
    return {f.role for f in figures(sentence)}


@pytest.mark.parametrize("sentence", [
    "Three people were killed by Russian strikes in the Kherson region, governor Oleksandr Prokudin said.",
    "Russian attacks on the Sumy region killed two civilians on Tuesday, the regional administration said.",
    "Four residents were wounded in Ukrainian strikes on the Belgorod region, the governor said.",
])
def test_strikes_in_a_region_with_no_period_are_the_regions_toll(sentence):
    assert not aggregate_scope(sentence)
    assert _roles(sentence) == {"total"}


@pytest.mark.parametrize("sentence", [
    "Russian strikes across the Kherson region killed five people over the past day, the governor said.",
    "Over the past day, Russian attacks on the Sumy region killed three civilians.",
    "In total, Russian strikes in the region killed seven people this week.",
])
def test_strikes_in_a_region_over_a_period_stay_a_sum(sentence):
    assert aggregate_scope(sentence)
    assert _roles(sentence) == {"aggregate"}


def test_a_regions_toll_told_with_no_town_is_an_event_at_the_oblast(geoparser):
    text = PAGE + ("Russian forces said on Wednesday they had captured a village in the east.\n\n"
                   "“Two people were killed by Russian strikes in the Kherson region,” governor Oleksandr Prokudin "
                   "said on Telegram.\n")
    reports = [e for e in article_events(geoparser, text) if e.event_type == "casualty_report"]
    assert [(e.admin1_code, e.killed, e.injured, e.geo_precision) for e in reports] == [("UA-65", 2, None, 3)]


def test_a_regions_sum_over_the_day_beside_a_towns_attack_adds_no_event(geoparser):
    text = PAGE + ("A Russian missile hit an apartment block in Kherson on Wednesday, killing two people.\n\n"
                   "Over the past day, Russian strikes in the Kherson region killed six people, the governor said.\n")
    reports = [e for e in article_events(geoparser, text) if e.event_type == "casualty_report"]
    assert [(e.admin1_code, e.killed) for e in reports] == [("UA-65", 2)]


def test_a_toll_told_over_two_regions_is_not_the_toll_of_a_town_struck_in_one(parser):
    """A sentence naming only several regions tells a sum over them ("four wounded in attacks on the A and B
    regions"): the town's incident keeps no toll of it (the figure stays a claim)."""
    text = (PAGE + "Drones struck an oil depot in Bryansk overnight, starting a fire, officials said.\n\n"
            "At least four people were wounded in drone attacks on the Bryansk and Kursk regions, authorities said.")
    events = article_events(parser, text)
    at_town = [e for e in events if e.place is not None and e.place.name == "Bryansk" and
               e.place.feature_kind != "admin1"]
    assert at_town and all(e.injured is None for e in at_town)
    assert any(c.value == 4 for e in at_town for c in e.casualty_claims)
