"""Gold events never extracted (issue 13, session 21): a list of settlements told after a tally it refers back to ("...
liberated 12 villages. These are A, B and C"), and explosions reported in towns of many regions. Every sentence is
written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

import pytest

from tests.fixtures import article_events

PAGE = "date 2024-03-05\nWar in Ukraine: latest\n\n"  # a Tuesday: "on Sunday" is 2024-03-03


def _strikes(parser, body: str) -> list:
    return [e for e in article_events(parser, PAGE + body + "\n") if e.event_type in ("frontline_incident",
                                                                                    "casualty_report")]


def _names(events: list) -> set[str]:
    return {e.place.name for e in events if e.place is not None}


@pytest.mark.parametrize("body, names", [
    ("Ukrainian forces liberated 12 villages in the Kharkiv region, the general staff said on Sunday. In addition to "
     "those named earlier, these are Kurylivka, Petropavlivka and Kyslivka.", {"Kurylivka", "Petropavlivka", "Kyslivka"}),
    ("Ukrainian troops have liberated 20 settlements in the Kharkiv region this week. They include Kurylivka and "
     "Kyslivka.", {"Kurylivka", "Kyslivka"}),
    ("Russian forces said they had captured several villages in the Donetsk region. These are Krasnohorivka and "
     "Novomykhailivka.", {"Krasnohorivka", "Novomykhailivka"}),
])
def test_a_list_referring_back_to_a_tally_names_its_settlements_however_many(geoparser, body, names):
    got = [e for e in _strikes(geoparser, body) if e.sub_event_type in ("recapture", "capture")]
    assert names <= _names(got)


@pytest.mark.parametrize("body", [
    "Ukrainian forces liberated 75 settlements in the Kherson region, the governor said on Sunday. Kherson and "
    "Mykolaiv are the largest cities of the south.",
    "Ukrainian troops retook several villages in the Kharkiv region. Kharkiv and Izium remain the largest towns there.",
    "Russian forces captured two villages in the Donetsk region, the ministry said. These are Krasnohorivka, "
    "Novomykhailivka and Kurakhove.",  # more than counted: not the tally's list
])
def test_towns_named_after_a_tally_without_referring_to_it_are_not_its_settlements(geoparser, body):
    assert not [e for e in _strikes(geoparser, body) if e.sub_event_type in ("recapture", "capture")]


@pytest.mark.parametrize("body", [
    "Russia launched a missile attack on Ukraine on Monday. Multiple explosions were reported in the cities of "
    "Zhytomyr, Lviv, Dnipro and Ternopil.",
    "Explosions rocked Zhytomyr, Lviv, Dnipro and Ternopil on Monday morning as Russian missiles flew over Ukraine.",
])
def test_explosions_reported_in_towns_of_many_regions_are_a_strike_at_each(geoparser, body):
    got = _strikes(geoparser, body)
    assert {"Zhytomyr", "Lviv", "Dnipro", "Ternopil"} <= _names(got)


def test_explosions_only_heard_in_towns_of_many_regions_are_no_strike(geoparser):
    got = _strikes(geoparser, "On Monday explosions were heard in Zhytomyr, Lviv, Dnipro and Ternopil, local media "
                              "said.")
    assert not got
