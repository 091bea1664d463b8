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


# -- damage told region by region after an attack on the whole country (session 22) ------------------------------
def _strike_regions(events: list) -> list:
    return sorted((e.admin1_code, e.sub_event_type) for e in events if e.event_type == "frontline_incident" and
                  e.place is not None and e.place.feature_kind == "admin1")


def test_regions_damaged_after_a_combined_attack_on_the_country_are_struck_each(geoparser):
    body = ("Russia launched a massive overnight attack on Ukraine's power grid with dozens of missiles and drones, "
            "officials said on Tuesday.\n\nAir defences brought down 55 of the 88 missiles and drones, the air force "
            "said.\n\nThe grid operator reported damage to power plants and substations in the Vinnytsia and "
            "Khmelnytskyi regions.")
    events = _events(geoparser, body)
    assert _strike_regions(events) == [("UA-05", "missile_strike"), ("UA-68", "missile_strike")]
    assert {e.when.date for e in events if e.place and e.place.feature_kind == "admin1"} == {"2024-05-14"}


def test_regions_damaged_after_a_drone_attack_are_struck_by_drones(geoparser):
    body = ("Overnight, Russian forces struck energy infrastructure across Ukraine with drones.\n\n"
            "Power facilities were damaged in Poltava and Cherkasy regions, the energy ministry said.")
    assert _strike_regions(_events(geoparser, body)) == [("UA-53", "drone_strike"), ("UA-71", "drone_strike")]


def test_regions_damaged_after_an_attack_of_no_weapon_are_no_strike(geoparser):
    body = ("Russian troops attacked Ukrainian positions near the front overnight.\n\n"
            "Homes were damaged in the Poltava and Cherkasy regions, officials said.")
    assert _strike_regions(_events(geoparser, body)) == []


def test_damage_expected_or_denied_in_regions_is_no_strike(geoparser):
    expected = ("Russia struck Ukraine with drones on Tuesday night. The attack lasted five hours.\n\n"
                "Damage could be expected in the Poltava and Cherkasy regions, officials warned.")
    denied = ("Russia launched 30 drones at Ukraine overnight, the air force said.\n\n"
              "Officials in the Poltava and Cherkasy regions said there was no damage.")
    assert _strike_regions(_events(geoparser, expected)) == []
    assert _strike_regions(_events(geoparser, denied)) == []


def test_damage_of_an_earlier_year_in_regions_is_no_strike(geoparser):
    body = ("Russia attacked Ukraine with missiles overnight, the air force said.\n\n"
            "Last year, damage to power plants in the Poltava and Cherkasy regions caused months of blackouts.")
    assert _strike_regions(_events(geoparser, body)) == []


def test_damage_far_after_the_attack_is_not_tied_to_it(geoparser):
    body = ("Russia attacked Ukraine with missiles overnight, the air force said.\n\n"
            "The president met his ministers. They spoke of the budget. Exports rose in March. Prices fell.\n\n"
            "Homes were damaged in the Poltava and Cherkasy regions, officials said.")
    assert _strike_regions(_events(geoparser, body)) == []
