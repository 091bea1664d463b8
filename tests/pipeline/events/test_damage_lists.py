"""Strikes told place by place by the damage they did (issue 13, recall on real news): after an attack on a region,
"most of the drones were shot down, but houses were damaged in A, B and C" tells a strike at each place listed. Only
when the sentence names the weapons before the damage: damage of no named cause, or feared damage, is no strike.

Every sentence is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

from tests.fixtures import article_events

WAR = "Russian troops have pressed their offensive in eastern Ukraine for months, the army said.\n\n"
ATTACK = "Russian drones attacked the Sumy region overnight, the regional administration said on Tuesday.\n\n"


def _events(parser, body: str, date: str = "2024-05-14") -> list:
    return article_events(parser, f"date {date}\n\n{WAR}{body}\n")


def _strike_places(events: list) -> list:
    return sorted(e.place.name for e in events if e.event_type == "frontline_incident" and e.place is not None
                  and e.place.feature_kind != "admin1")


def test_damage_listed_per_town_after_the_drones_is_a_strike_at_each(geoparser):
    body = ATTACK + ("Air defence shot down most of the drones, but houses were damaged in Okhtyrka, Trostianets "
                     "and Lebedyn.")
    events = _events(geoparser, body)
    assert _strike_places(events) == ["Lebedyn", "Okhtyrka", "Trostyanets"]  # (the gazetteer's spelling)
    assert {e.sub_event_type for e in events if e.place and e.place.feature_kind != "admin1"} == {"drone_strike"}


def test_damage_of_no_named_cause_is_no_strike(geoparser):
    body = ATTACK + "A gas pipeline was damaged in Okhtyrka and a small fire broke out; its cause is not known."
    assert _strike_places(_events(geoparser, body)) == []


def test_damage_feared_from_drones_is_no_strike(geoparser):
    body = ATTACK + "Officials warned that drones could damage more homes in Okhtyrka and Trostianets."
    assert _strike_places(_events(geoparser, body)) == []


def test_a_town_already_told_as_struck_gets_no_second_strike(geoparser):
    body = ("Russian drones struck Okhtyrka overnight, the regional administration said on Tuesday.\n\n"
            "Most of the drones were shot down, but houses were damaged in Okhtyrka.")
    assert _strike_places(_events(geoparser, body)) == ["Okhtyrka"]
