"""Attacks told at the level of a region (issue 13, session 13): weapons brought down over named regions, a region's
official telling of casualties, a settlement named inside the region, and country-wide tallies.

The convention (the real-news README): one event per named region, oblast-level when no settlement is named; a
casualty report where the region's own figures are told; none for a tally with no region. Every sentence is written
for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

from pipeline.events.incidents import title_unit
from tests.fixtures import article_events, make_place

PAGE = "date 2024-06-12\n\n"


def _summary(events):
    return sorted((e.admin1_code, e.event_type, e.sub_event_type, e.killed, e.injured, e.geo_precision)
                  for e in events)


def test_drones_downed_over_a_list_of_regions_are_a_strike_on_each(geoparser):
    text = PAGE + ("Russia's defence ministry said air defences destroyed 15 Ukrainian drones over the Kaluga, Tula "
                   "and Smolensk regions overnight.\n")
    assert _summary(article_events(geoparser, text)) == [
        ("RU-KLU", "frontline_incident", "drone_strike", None, None, 3),
        ("RU-SMO", "frontline_incident", "drone_strike", None, None, 3),
        ("RU-TUL", "frontline_incident", "drone_strike", None, None, 3),
    ]


def test_each_region_keeps_its_own_toll(geoparser):
    text = PAGE + ("Russian air defences downed five Ukrainian drones over the Tula region and intercepted three "
                   "others over the Ryazan region on Wednesday, the ministry said. Two people were injured when debris "
                   "hit a warehouse, Ryazan region governor Pavel Malkov said.\n")
    assert _summary(article_events(geoparser, text)) == [
        ("RU-RYA", "casualty_report", "drone_strike", None, 2, 3),
        ("RU-TUL", "frontline_incident", "drone_strike", None, None, 3),
    ]


def test_a_toll_told_for_several_regions_is_no_regions_own(geoparser):
    text = PAGE + ("Air defences shot down twelve drones over the Tula and Kaluga regions overnight. Three people "
                   "were injured, officials said.\n")
    assert _summary(article_events(geoparser, text)) == [
        ("RU-KLU", "frontline_incident", "drone_strike", None, None, 3),
        ("RU-TUL", "frontline_incident", "drone_strike", None, None, 3),
    ]


def test_a_settlement_named_in_the_region_places_its_event(geoparser):
    text = PAGE + ("Russian air defences downed ten Ukrainian drones over the Tula and Kaluga regions overnight. A "
                   "drone hit a house in the town of Dubna in the Tula region. Two people were injured, the "
                   "governor said.\n")
    events = article_events(geoparser, text)
    assert _summary(events) == [
        ("RU-KLU", "frontline_incident", "drone_strike", None, None, 3),
        ("RU-TUL", "casualty_report", "drone_strike", None, 2, 1),
    ]
    assert next(e.place.name for e in events if e.admin1_code == "RU-TUL") == "Dubna"


def test_a_country_wide_tally_is_no_event(geoparser):
    text = PAGE + "The ministry said 40 Ukrainian drones were shot down over nine Russian regions overnight.\n"
    assert article_events(geoparser, text) == []


def test_the_region_drones_were_launched_from_is_not_struck(geoparser):
    text = PAGE + ("Air defences shot down six drones over the Tula region that had been launched from the Sumy "
                   "region, the ministry said.\n")
    assert [e.admin1_code for e in article_events(geoparser, text)] == ["RU-TUL"]


def test_a_regions_official_places_a_toll_told_with_no_place(geoparser):
    text = PAGE + "A Ukrainian drone attack injured one person on Wednesday, Lipetsk governor Igor Artamonov said.\n"
    assert _summary(article_events(geoparser, text)) == [("RU-LIP", "casualty_report", "drone_strike", None, 1, 3)]


def test_a_regions_official_does_not_join_an_attack_elsewhere(geoparser):
    text = PAGE + ("Russian shelling hit the town of Kupiansk in the Kharkiv region. A Ukrainian drone attack injured "
                   "one person, Lipetsk governor Igor Artamonov said.\n")
    assert [(e.admin1_code, e.injured) for e in article_events(geoparser, text)] == [("UA-63", None), ("RU-LIP", 1)]


def test_a_town_in_an_officials_title_stands_for_its_region_only_before_a_regional_title():
    text = "The Lipetsk governor said so, and the Lipetsk mayor agreed."
    governor = make_place("Lipetsk", start=text.index("Lipetsk"), admin1_code="RU-LIP", admin1_name="Lipetsk",
                          country_code="RU")
    unit = title_unit(governor, text)
    assert unit is not None and (unit.feature_kind, unit.admin1_code, unit.geonameid) == ("admin1", "RU-LIP", None)
    mayor = make_place("Lipetsk", start=text.rindex("Lipetsk"), admin1_code="RU-LIP", admin1_name="Lipetsk",
                       country_code="RU")
    city = title_unit(mayor, text)  # a city's own official speaks for the city, not its region (session 21)
    assert city is not None and (city.feature_kind, city.start) == (mayor.feature_kind, mayor.start)


def test_drones_downed_after_a_shelling_in_the_region_are_an_attack_of_their_own(geoparser):
    text = PAGE + ("Ukrainian shelling killed a woman in the town of Dubna in the Tula region on Wednesday, the "
                   "governor said. The defence ministry said it downed four drones over the Tula region and two over "
                   "the Kaluga region on Wednesday.\n")
    assert _summary(article_events(geoparser, text)) == [
        ("RU-KLU", "frontline_incident", "drone_strike", None, None, 3),
        ("RU-TUL", "casualty_report", "shelling", 1, None, 1),
        ("RU-TUL", "frontline_incident", "drone_strike", None, None, 3),
    ]


def test_drones_downed_over_the_region_of_a_drone_attack_are_part_of_it(geoparser):
    text = PAGE + ("A Ukrainian drone struck a house in the town of Dubna in the Tula region overnight, injuring two "
                   "people. Air defences downed drones over several regions, including six over the Tula region.\n")
    assert _summary(article_events(geoparser, text)) == [("RU-TUL", "casualty_report", "drone_strike", None, 2, 1)]


def test_attacks_told_since_a_part_of_a_month_are_ongoing():
    from pipeline.events.triggers import triggers

    assert triggers("Artillery has shelled the frontier districts since early March, officials say.") == []


def test_weapons_launched_then_brought_down_over_regions_are_the_launchers_attack_on_each(geoparser):
    text = PAGE + ("Kyiv said Russia launched 60 drones overnight, of which 50 were shot down over the Poltava and "
                   "Chernihiv regions.\n")
    events = article_events(geoparser, text)
    assert sorted((e.admin1_code, e.sub_event_type, e.actor) for e in events) == [
        ("UA-53", "drone_strike", "Russia"), ("UA-74", "drone_strike", "Russia")]


def test_drones_downed_over_a_third_countrys_region_are_no_attack_on_it(geoparser):
    text = PAGE + ("Belarus said its air defences shot down a drone over its Gomel region overnight. Russia said it "
                   "destroyed five drones over the Tula region.\n")
    assert [e.admin1_code for e in article_events(geoparser, text)] == ["RU-TUL"]


def test_drones_downed_over_a_region_and_a_foreign_town_in_one_sentence_strike_the_region(geoparser):
    text = PAGE + ("A drone was shot down over the town of Tulcea, Romania said, while Russia said it destroyed five "
                   "drones over the Tula region.\n")
    assert [e.admin1_code for e in article_events(geoparser, text)] == ["RU-TUL"]


def test_a_list_of_regions_struck_with_one_regions_toll(geoparser):
    text = PAGE + ("Ukrainian drones attacked the Tula and Kaluga regions overnight. In the Tula region, two people "
                   "were injured, the governor said.\n")
    assert _summary(article_events(geoparser, text)) == [
        ("RU-KLU", "frontline_incident", "drone_strike", None, None, 3),
        ("RU-TUL", "casualty_report", "drone_strike", None, 2, 3),
    ]


def test_a_list_of_regions_struck_with_a_toll_of_them_all_is_a_tally(geoparser):
    # a toll over several regions is a tally, no incident (``test_a_toll_over_several_oblasts_is_no_event``)
    text = PAGE + "Ukrainian drones attacked the Tula and Kaluga regions overnight, injuring two people.\n"
    assert article_events(geoparser, text) == []
