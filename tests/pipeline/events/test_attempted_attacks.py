"""Attacks told as attempts (issue 13, session 22): an attack attempted was made, whether it failed or not ("tried to
storm X", "attempted an assault against X", "made an unsuccessful attempt to storm X", "drones attempted to attack
the airfield in X"); an attempt to take a place ("tried to capture X") is an assault on it, not its change of control.
An attempt feared, planned, expected, denied or told as a habit is none.

Every sentence is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

import pytest

from pipeline.events.triggers import triggers
from tests.fixtures import article_events

WAR = "Russian troops have pressed their offensive in eastern Ukraine for months, the army said.\n\n"


def _incidents(parser, body: str, date: str = "2024-06-10") -> list[tuple[str, str]]:
    events = article_events(parser, f"date {date}\n\n{WAR}{body}\n")
    return sorted((e.sub_event_type, e.place.text) for e in events
                  if e.event_type == "frontline_incident" and e.place is not None)


@pytest.mark.parametrize(("body", "found"), [
    ("Drones attempted to attack the airfield in Morozovsk overnight, the governor said.",
     ("drone_strike", "Morozovsk")),
    ("Russian troops tried to storm Krynky on Tuesday, but the assault failed, the army said.", ("attack", "Krynky")),
    ("Russian forces attempted an assault against Robotyne on Tuesday, which failed, the army said.",
     ("attack", "Robotyne")),
    ("Russian forces made an unsuccessful attempt to storm Robotyne on Sunday, the General Staff said.",
     ("attack", "Robotyne")),
    ("Ukrainian drones tried to attack the refinery in Tuapse overnight, the governor said; all were shot down.",
     ("drone_strike", "Tuapse")),
    ("Russian forces attempted to capture Vovchansk on Monday, the army said.", ("attack", "Vovchansk")),
])
def test_an_attack_attempted_is_an_attack(geoparser, body, found):
    assert _incidents(geoparser, body) == [found]


def test_a_capture_attempted_is_an_attack_not_a_capture():
    assert [t.sub for t in triggers("Russian forces tried to capture Vovchansk on Monday.")] == ["attack"]
    assert [t.sub for t in triggers("Ukrainian forces tried to liberate Robotyne on Monday.")] == ["attack"]
    assert [t.sub for t in triggers("Ukrainian forces managed to liberate Robotyne on Monday.")] == ["recapture"]


@pytest.mark.parametrize("body", [
    "Russia may attempt to attack Kharkiv again, officials warned.",
    "Russia plans to try to seize Pokrovsk this summer, analysts said.",
    "Russian troops are expected to attempt an assault on Chasiv Yar, analysts said.",
    "Russia has repeatedly attempted to storm Avdiivka since October, the army said.",
    "Ukraine attempted to negotiate a local ceasefire in Kharkiv, the diplomats said.",
    "Russian forces will likely try to storm Chasiv Yar in the coming weeks, analysts said.",
    "Russian forces have not tried to storm Kupiansk since the spring, the army said.",
])
def test_an_attempt_feared_planned_denied_or_habitual_is_none(geoparser, body):
    assert _incidents(geoparser, body) == []
