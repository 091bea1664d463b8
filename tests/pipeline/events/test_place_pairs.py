"""Places named as one of a pair are not where an incident happened (issue 13, wrong oblast chosen by the events
layer): a hyphen compound of two places ("the A-B border area") names a border between them, and two national
capitals joined by "and" ("officials in A and B blamed each other") stand for the two states. Each class has a
control that keeps its event.

Every sentence is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

from tests.fixtures import article_events

WAR = "Russian troops have pressed their offensive in eastern Ukraine for months, the army said.\n\n"


def _events(parser, body: str, date: str = "2024-05-10") -> list:
    return article_events(parser, f"date {date}\n\n{WAR}{body}\n")


def _oblasts(events: list, kind: str | None = None) -> list[str]:
    return sorted(e.admin1_code for e in events if kind is None or e.event_type == kind)


# -- a hyphen compound of two places -------------------------------------------------------------------------------
def test_a_town_in_a_hyphenated_border_area_is_placed_at_the_town_alone(geoparser):
    body = "Ukraine says its troops retook Svatove, Kharkiv-Luhansk region border, on Tuesday."
    assert _oblasts(_events(geoparser, body)) == ["UA-09"]


def test_a_town_listed_with_another_town_is_still_placed_at_each(geoparser):
    # control: two towns joined by "and" are two places
    body = "Russian shelling hit Kharkiv and Kramatorsk on Tuesday, the governors said."
    assert _oblasts(_events(geoparser, body)) == ["UA-14", "UA-63"]


# -- two states' capitals named together --------------------------------------------------------------------------
def test_officials_of_two_capitals_do_not_place_an_unnamed_strike(geoparser):
    body = "Missiles struck a market on Sunday, killing four people. Officials in Kyiv and Moscow blamed each other."
    events = _events(geoparser, body)
    assert not [e for e in events if e.admin1_code in ("UA-30", "RU-MOW")]


def test_a_strike_on_one_capital_keeps_its_place(geoparser):
    # control: a capital named alone as the place struck
    body = "Russian missiles struck a market in Kyiv on Sunday, killing four people, the city's mayor said."
    assert _oblasts(_events(geoparser, body), "casualty_report") == ["UA-30"]
