"""The war's theatre (session 10, issue 13): events of other wars are not mapped; this war's spill-over is.

Every sentence here is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

import pytest

from pipeline import settings
from pipeline.errors import InputError
from pipeline.events.scope import DropCause, collect_dropped, theatre_codes
from pipeline.events.triggers import parties_named
from tests.fixtures import article_events

SYRIAN_AIRSTRIKE = ("date 2016-03-10\nAn airstrike hit a crowded market in the Syrian town of Saraqib on Tuesday, "
                    "killing 12 people, rescuers said. Rescuers searched the rubble for hours.")
DRONE_DEBRIS_IN_ROMANIA = ("date 2023-09-05\nDebris from a Russian drone hit a house in the Romanian village of Nufaru "
                           "overnight, injuring two people, Romania's defence ministry said. The drone was part of a "
                           "Russian attack on Ukrainian ports on the Danube.")
STRIKE_IN_UKRAINE = ("date 2023-05-15\nRussian missiles struck Kharkiv on Monday, killing three people and injuring "
                     "12, the regional governor said.")
RUSSIA_IN_ANOTHER_WAR = ("date 2016-03-10\nRussian warplanes bombed a crowded market in the Syrian town of Saraqib on "
                         "Tuesday, killing 12 people, rescuers said. The offensive has displaced thousands.")


def _casualties(events):
    return [(e.place.name, e.country_code, e.killed, e.injured) for e in events if e.event_type == "casualty_report"]


def test_an_airstrike_in_another_country_is_dropped_and_the_drop_recorded(parser):
    with collect_dropped() as dropped:
        assert article_events(parser, SYRIAN_AIRSTRIKE) == []
    assert [(d.event.country_code, d.event.killed, d.cause) for d in dropped] == \
        [("SY", 12, DropCause.OUTSIDE_THEATRE)]
    assert "dropped" in dropped[0].message() and "Saraqib" in dropped[0].message()


def test_a_russian_drone_in_a_romanian_village_is_kept(parser):
    with collect_dropped() as dropped:
        events = article_events(parser, DRONE_DEBRIS_IN_ROMANIA)
    assert _casualties(events) == [("Nufăru", "RO", None, 2)]
    assert events[0].actor == "Russia" and dropped == []


def test_a_russian_strike_in_ukraine_is_kept(parser):
    with collect_dropped() as dropped:
        events = article_events(parser, STRIKE_IN_UKRAINE)
    assert _casualties(events) == [("Kharkiv", "UA", 3, 12)]
    assert dropped == []


def test_a_party_of_this_war_in_another_war_is_dropped(parser):
    """Russian warplanes in Syria, in an article that never names Ukraine: news of another war."""
    with collect_dropped() as dropped:
        assert article_events(parser, RUSSIA_IN_ANOTHER_WAR) == []
    assert [d.cause for d in dropped] == [DropCause.OTHER_WAR]


def test_the_theatre_setting_changes_what_is_kept(parser, monkeypatch):
    monkeypatch.setattr(settings, "war_theatre", ("UA", "RU", "BY", "MD", "SY"))
    assert _casualties(article_events(parser, SYRIAN_AIRSTRIKE)) == [("Saraqib", "SY", 12, None)]
    monkeypatch.setattr(settings, "war_theatre", None)  # no scope: every event is kept
    assert _casualties(article_events(parser, SYRIAN_AIRSTRIKE)) == [("Saraqib", "SY", 12, None)]
    monkeypatch.setattr(settings, "war_theatre", ("RU",))  # Ukraine outside: its events need the war's parties named
    told_by_kyiv = STRIKE_IN_UKRAINE.replace("the regional governor said", "Ukraine's emergency service said")
    assert _casualties(article_events(parser, told_by_kyiv)) == [("Kharkiv", "UA", 3, 12)]
    with collect_dropped() as dropped:
        assert article_events(parser, "date 2023-05-15\nShelling hit Kharkiv on Monday, killing three people.") == []
    assert [d.cause for d in dropped] == [DropCause.OUTSIDE_THEATRE]


def test_the_theatre_codes_are_checked():
    assert theatre_codes(("ua", "MD")) == frozenset({"UA", "MD"})
    with pytest.raises(InputError, match="XX"):
        theatre_codes(("UA", "XX"))


@pytest.mark.parametrize(("text", "parties"), [
    ("Debris from a Russian drone fell on a farm.", {"Russia"}),
    ("Kyiv said the missile was fired by its air defence.", {"Ukraine"}),
    ("Putin and Zelenskiy spoke of the war.", {"Russia", "Ukraine"}),
    ("Tamil separatists shelled the town; the occupiers withdrew.", set()),  # side words that tie only in the theatre
])
def test_parties_are_named_by_state_names_only(text, parties):
    assert parties_named(text) == parties
