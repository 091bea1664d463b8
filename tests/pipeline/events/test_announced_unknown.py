"""Announced lists of settlements taken with names the gazetteer does not know (issue 13, session 22): "the
liberation of five settlements: A, Zzz, B, Yyy and C" counts the unknown names as items of the list (its count is
then reached), so each known settlement is a change of control of its own; the unknown names make no event. An item
of such a list far from all the others is a namesake read elsewhere: no event there. A count the names do not reach
is still no list.

Every sentence is written for these tests (the unknown names are made up); none comes from an evaluation set.
"""

from __future__ import annotations

import pytest

from tests.fixtures import article_events

WAR = "Russian troops have pressed their offensive in eastern Ukraine for months, the army said.\n\n"


def _taken(parser, body: str, date: str = "2024-09-20") -> list[tuple[str, str, str]]:
    events = article_events(parser, f"date {date}\n\n{WAR}{body}\n")
    return sorted((e.sub_event_type, e.place.text, e.admin1_code) for e in events
                  if e.event_type == "frontline_incident" and e.place is not None)


KNOWN = [("recapture", "Glushkovo", "RU-KRS"), ("recapture", "Korenevo", "RU-KRS"), ("recapture", "Tetkino", "RU-KRS")]


@pytest.mark.parametrize("body", [
    "On Monday, the defence ministry reported the liberation of five settlements: Tetkino, Zzyxovo, Glushkovo, "
    "Qwertovka and Korenevo.",
    "On Monday, the defence ministry reported the liberation of four settlements: Zzyxovo, Tetkino, Glushkovo and "
    "Korenevo.",
    "On Monday, the defence ministry reported the liberation of five settlements: Tetkino, Glushkovo, Korenevo, "
    "Zzyxovo and Qwertovka Vtoraya.",
    "The following villages were liberated on Monday: Tetkino, Zzyxovo, Glushkovo and Korenevo.",
])
def test_unknown_names_count_as_items_of_an_announced_list(geoparser, body):
    assert _taken(geoparser, body) == KNOWN


def test_a_count_the_names_do_not_reach_is_still_no_list(geoparser):
    body = ("On Monday, the defence ministry reported the liberation of six settlements: Tetkino, Zzyxovo, Glushkovo "
            "and Korenevo.")
    assert _taken(geoparser, body) == []


def test_an_item_far_from_all_the_others_of_a_front_list_is_no_event(geoparser):
    body = ("On Monday, the defence ministry reported the liberation of four settlements: Tetkino, Glushkovo, "
            "Korenevo and Izmail.")
    assert _taken(geoparser, body) == KNOWN
