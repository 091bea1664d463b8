"""Advances told as ground gained or as an offensive opened (issue 13, session 22): a front's report of ground taken
by its extent ("regained two square kilometres of land on the southern flank of X", "advanced two kilometres near X")
or as ground ("gained ground near X", "made gains near X") is an advance at the place it is near, over the week it is
reported for; not a change of control of the settlement, not ground gained by no side of the war, not a gain hoped
for or denied, not an advance towards a place kilometres away. An offensive opened into a region ("launched a new
offensive in the X region", "crossed the border into X") is an advance there; one feared, or of words, is none.

Every sentence is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

import pytest

from pipeline.events.triggers import triggers
from tests.fixtures import article_events

WAR = "Russian troops have pressed their offensive in eastern Ukraine for months, the army said.\n\n"


def _advances(parser, body: str, date: str = "2024-06-10") -> list[tuple[str, str, str | None]]:
    events = article_events(parser, f"date {date}\n\n{WAR}{body}\n")
    return sorted((e.sub_event_type, e.place.text, e.actor) for e in events
                  if e.event_type == "frontline_incident" and e.place is not None)


@pytest.mark.parametrize(("body", "place", "actor"), [
    ("Ukrainian troops gained ground near Staromaiorske in the Donetsk region, the General Staff said on Monday.",
     "Staromaiorske", "Ukraine"),
    ("Russian forces made gains near Avdiivka over the past day, the defence ministry said.", "Avdiivka", "Russia"),
    ("Ukrainian forces have regained two square kilometres of land on the southern flank of Bakhmut over the past "
     "week, the deputy minister said.", "Bakhmut", "Ukraine"),
    ("Ukrainian troops liberated three square kilometres near Klishchiivka last week, the military said.",
     "Klishchiivka", "Ukraine"),
    ("Russian forces advanced two kilometres near Pokrovsk, analysts said on Monday.", "Pokrovsk", "Russia"),
    ("Russia has gained ground near Pokrovsk, the analysts said on Monday.", "Pokrovsk", "Russia"),
])
def test_ground_gained_near_a_place_is_an_advance_there(geoparser, body, place, actor):
    assert _advances(geoparser, body) == [("advance", place, actor)]


def test_an_area_taken_is_no_change_of_control_of_the_settlement():
    subs = [t.sub for t in triggers("Ukrainian forces recaptured five square kilometres near Robotyne.")]
    assert subs == ["advance"]
    assert [t.sub for t in triggers("Ukrainian forces recaptured Robotyne on Monday.")] == ["recapture"]
    assert [t.sub for t in triggers("Russian forces captured 300 hectares near the village.")] == ["advance"]


@pytest.mark.parametrize("body", [
    "Russian forces hope to gain ground near Pokrovsk before winter, analysts said.",
    "Ukrainian troops failed to gain ground near Robotyne despite heavy fighting, the report said.",
    "Ukrainian forces have not gained any ground near Robotyne this week, the analysts said.",
    "Ukraine's army said Russian troops were trying to gain ground near Chasiv Yar.",
    "The opposition party gained ground in Kharkiv ahead of the local vote, a poll showed.",
    "Ukrainian bonds made gains in Kharkiv trading on Monday, dealers said.",
    "Over the past two years, Ukrainian forces have liberated 50 square kilometres near Kherson, the governor said.",
    "The counteroffensive has liberated more than 100 square kilometres since June, the minister said.",
    "Ukrainian troops advanced 500 metres toward Tokmak on Sunday, a spokesman said.",
])
def test_ground_hoped_for_denied_summed_or_headed_for_is_no_advance(geoparser, body):
    assert _advances(geoparser, body) == []


# -- an offensive opened into a region or on a place: an advance there ---------------------------------------------
def _regions(parser, body: str, date: str = "2024-06-10") -> list[tuple[str, str, str | None]]:
    events = article_events(parser, f"date {date}\n\n{WAR}{body}\n")
    return sorted((e.sub_event_type, e.admin1_code, e.when.date) for e in events if e.event_type == "frontline_incident")


@pytest.mark.parametrize(("body", "found"), [
    ("Moscow launched a new offensive on May 10 in northern Kharkiv Oblast.", ("advance", "UA-63", "2024-05-10")),
    ("Ukraine launched a surprise cross-border incursion into Russia's Kursk region on Monday.",
     ("advance", "RU-KRS", "2024-06-10")),
    ("Ukrainian forces crossed the border into the Kursk region on Monday, the ministry said.",
     ("advance", "RU-KRS", "2024-06-10")),
    ("Russian troops began a ground offensive in the Kharkiv region on Friday.", ("advance", "UA-63", "2024-06-07")),
])
def test_an_offensive_opened_into_a_region_is_an_advance_there(geoparser, body, found):
    assert _regions(geoparser, body) == [found]


@pytest.mark.parametrize("body", [
    "Russia is preparing a new offensive in the Kharkiv region, Ukrainian intelligence said.",
    "Russia could launch an offensive in the Sumy region this summer, officials warned.",
    "Officials said Russia had launched a disinformation offensive in the Kharkiv region this week.",
    "Kyiv launched a diplomatic offensive in the Kherson region on Monday.",
])
def test_an_offensive_feared_or_of_words_is_no_advance(geoparser, body):
    assert _regions(geoparser, body) == []
