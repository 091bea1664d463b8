"""A change of control whose settlement is left unnamed ("captured another village near X", a headline's "Captured
Village Near X", "took control of the first village in the X region") is no change of control at the place that only
locates it: it is the oblast's, and the summary of the article's named settlement of that oblast when there is one
(one incident, one event per article).

Every sentence is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

from tests.fixtures import article_events, events_of


def _controls(parser, body: str) -> list[tuple[str, str, str]]:
    events = events_of(article_events(parser, f"date 2024-10-16\n\n{body}\n"), "frontline_incident")
    return sorted((e.sub_event_type, e.place.feature_kind if e.place else "", e.admin1_code) for e in events)


def test_a_headline_village_near_a_city_is_the_named_village_of_the_body(geoparser):
    body = ("Russia Says Captured Village Near Pokrovsk\n\n"
            "Russian troops captured the village of Selydove, south-east of Pokrovsk, the defence ministry said "
            "on Wednesday.")
    events = events_of(article_events(geoparser, f"date 2024-10-16\n\n{body}\n"), "frontline_incident")
    assert [(e.sub_event_type, e.place.name) for e in events] == [("capture", "Selydove")]


def test_another_village_in_an_advance_on_a_city_is_not_the_city(geoparser):
    body = ("Russia said on Tuesday it had captured another village in its advance on the eastern city of Pokrovsk, "
            "which its troops have tried to take for months.")
    got = _controls(geoparser, body)
    assert got == [("capture", "admin1", "UA-14")]


def test_the_first_village_in_a_region_is_the_regions_change_of_control(geoparser):
    body = ("Russian forces have taken control of the first village in the Dnipropetrovsk region, war bloggers said "
            "on Monday. The village of Dachne lies just inside the region, they said.")
    events = events_of(article_events(geoparser, f"date 2025-06-30\n\n{body}\n"), "frontline_incident")
    assert [(e.sub_event_type, e.admin1_code) for e in events] == [("capture", "UA-12")]


def test_a_named_village_near_a_city_is_still_taken(geoparser):
    # control: the village's name right after its kind, and a village named in apposition
    body = "Russian troops captured the village of Selydove near Pokrovsk on Wednesday, the ministry said."
    events = events_of(article_events(geoparser, f"date 2024-10-16\n\n{body}\n"), "frontline_incident")
    assert [e.place.name for e in events] == ["Selydove"]


def test_the_town_told_before_is_still_the_object_of_the_town(geoparser):
    # control: "the town" refers back to the place of the article
    body = ("Heavy fighting went on around Vuhledar for weeks. Russian troops captured the town on Wednesday, "
            "the ministry said.")
    events = events_of(article_events(geoparser, f"date 2024-10-16\n\n{body}\n"), "frontline_incident")
    assert [(e.sub_event_type, e.place.name) for e in events] == [("capture", "Vuhledar")]


def test_a_settlement_left_unnamed_and_named_after_a_dash_is_that_settlement(geoparser):
    body = "Russian forces captured one more settlement in the Donetsk region - Selydove, the ministry said on Monday."
    events = events_of(article_events(geoparser, f"date 2024-10-16\n\n{body}\n"), "frontline_incident")
    assert [(e.sub_event_type, e.place.name) for e in events] == [("capture", "Selydove")]
