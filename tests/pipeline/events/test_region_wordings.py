"""Where an incident is told by its region (issue 13, recall and place on real news): "the X district in Kursk" is a
district of the Kursk region, not of the city; an advance told by how far it went on from the town taken ("and
advanced several kilometres further into Russian territory") is an advance in that town's region. Each class has a
control.

Every sentence is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

from tests.fixtures import article_events

WAR = "Russian troops have pressed their offensive in eastern Ukraine for months, the army said.\n\n"


def _events(parser, body: str, date: str = "2024-08-20") -> list:
    return article_events(parser, f"date {date}\n\n{WAR}{body}\n")


def _kinds(events: list) -> list:
    return sorted((e.sub_event_type, e.admin1_code, e.place.feature_kind) for e in events
                  if e.event_type == "frontline_incident" and e.place is not None)


# -- a district located in a unit named like its centre ----------------------------------------------------------
def test_a_district_in_kursk_is_in_the_region_not_the_city(geoparser):
    body = "Ukrainian shelling hit a school in the Belovsky district in Kursk overnight, the governor said."
    assert _kinds(_events(geoparser, body)) == [("shelling", "RU-KRS", "admin1")]


def test_a_school_in_kursk_is_in_the_city(geoparser):
    body = "Ukrainian shelling hit a school in Kursk overnight, the governor said."
    assert _kinds(_events(geoparser, body)) == [("shelling", "RU-KRS", "city")]


# -- an advance on from the town taken ---------------------------------------------------------------------------
def test_an_advance_further_on_from_a_town_taken_is_an_advance_in_its_region(geoparser):
    body = ("Russian troops have taken the village of Robotyne and advanced several kilometres further into Ukrainian "
            "territory, the ministry said on Monday.")
    events = _events(geoparser, body)
    assert _kinds(events) == [("advance", "UA-23", "admin1"), ("capture", "UA-23", "city")]
    assert {e.actor for e in events if e.event_type == "frontline_incident"} == {"Russia"}


def test_an_advance_towards_a_named_town_is_no_advance_in_the_region(geoparser):
    body = ("Russian troops have taken the village of Robotyne and advanced towards Orikhiv, the ministry said on "
            "Monday.")
    assert ("advance", "UA-23", "admin1") not in _kinds(_events(geoparser, body))
