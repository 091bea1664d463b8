"""Incidents and claims real news tells in wordings the triggers missed (issue 13, session 15): hedged reports of a
governor's claim, munitions dropped on a place, "strikes against", attacks told by what they did, a drone's crash,
two weapons at one place on two days of a roundup, the object of a strike as its place, claims told by the
unit's adjective or as "claimed as Russian territory".

Every sentence is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.events.triggers import triggers
from tests.fixtures import article_events


def _subs(sentence: str) -> list[str]:
    return [t.sub for t in triggers(sentence)]


# -- a hedge on a fact passed on is still the fact; an allegation is not -------------------------------------
@pytest.mark.parametrize(("sentence", "sub"), [
    ("The governor said a drone allegedly exploded over the village of Oakfield, wounding a man.", "drone_strike"),
    ("He also reported the alleged shelling of the outskirts of the village of Oakfield.", "shelling"),
    ("The toll from an alleged missile attack on the port rose to nine.", "missile_strike"),
])
def test_a_hedged_report_is_an_incident(sentence, sub):
    assert sub in _subs(sentence)


@pytest.mark.parametrize("sentence", [
    "Moscow alleged that Ukrainian drones struck the village of Oakfield.",
    "State television made allegations that the army shelled the town.",
    "The ministry alleges the army shelled its own town.",
])
def test_an_allegation_is_no_incident(sentence):
    assert _subs(sentence) == []


# -- strike wordings -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(("sentence", "sub"), [
    ("Four people were hurt after the troops dropped a heavy guided bomb on an apartment block.", "airstrike"),
    ("The army launched twelve strikes against villages of the district overnight.", "attack"),
    ("A Russian artillery strike against the district wounded a woman.", "shelling"),
    ("An old man was killed in the region as a result of enemy attacks, the governor said.", "attack"),
    ("Russian attacks had damaged a school and two houses in the town, the mayor said.", "attack"),
    ("The governor claimed that a drone had crashed in the centre of the city, damaging a roof.", "drone_strike"),
    ("He said the crash of one drone on the depot started a fire.", "drone_strike"),
])
def test_strike_wordings_are_triggers(sentence, sub):
    assert sub in _subs(sentence)


@pytest.mark.parametrize("sentence", [
    "Teachers went on strike against the new pay rules.",
    "The court ruling was a strike against press freedom.",
    "The charity dropped leaflets on the town square.",
    "Critics condemned the attacks on journalists.",
])
def test_protests_and_attacks_in_general_are_no_trigger(sentence):
    assert _subs(sentence) == []


# -- a roundup: two weapons at one place, the second on a day of its own -------------------------------------
def test_a_drone_on_a_day_of_its_own_after_shelling_at_the_same_town_is_another_incident(geoparser):
    text = ("date 2024-03-04\n\nA Russian artillery strike against Nikopol injured a 51-year-old woman, the governor "
            "said.\n\nOn the evening of March 3, a Russian drone attacked Nikopol, damaging a shop and a car.\n")
    found = sorted((e.event_type, e.sub_event_type, e.injured, e.when.date) for e in article_events(geoparser, text)
                   if e.admin1_code == "UA-12")
    assert found == [("casualty_report", "shelling", 1, "2024-03-04"),
                     ("frontline_incident", "drone_strike", None, "2024-03-03")]


def test_the_same_weapon_told_again_on_its_day_stays_one_incident(geoparser):
    text = ("date 2024-03-04\n\nA Russian drone attack on Nikopol injured a 51-year-old woman, the governor said.\n\n"
            "On the evening of March 3, a Russian drone attacked Nikopol, damaging a shop and a car.\n")
    events = [e for e in article_events(geoparser, text) if e.admin1_code == "UA-12"]
    assert len(events) == 1


# -- the object of a strike is its place -----------------------------------------------------------------------
def test_the_object_of_an_airstrike_is_its_place_not_where_its_effects_were_felt(geoparser):
    text = ("date 2022-04-08\n\nOn Thursday, two trains were stuck in Sloviansk after Russian forces conducted an "
            "airstrike at a bridge near Barvinkove, the railway said.\n")
    events = [e for e in article_events(geoparser, text) if e.event_type != "annexation_claim"]
    assert [(e.place.name, e.admin1_code) for e in events] == [("Barvinkove", "UA-63")]


# -- claims ----------------------------------------------------------------------------------------------------
def _claims(geoparser, text: str) -> set[str]:
    return {e.admin1_code for e in article_events(geoparser, text) if e.event_type == "annexation_claim"}


def test_a_claim_on_a_unit_named_by_its_adjective(geoparser):
    text = ("date 2023-09-22\n\nA missile hit a naval base in Crimea on Friday.\n\nThe Crimean peninsula, which "
            "Russia annexed from Ukraine in 2014, is often targeted.\n")
    assert _claims(geoparser, text) == {"UA-43"}


def test_regions_claimed_as_russian_territory_but_not_the_one_said_to_be_outside(geoparser):
    text = ("date 2025-09-13\n\nThe Dnipropetrovsk region is not one of the regions -- Donetsk, Luhansk and "
            "Zaporizhzhia -- that Moscow has claimed as Russian territory.\n")
    assert _claims(geoparser, text) == {"UA-14", "UA-09", "UA-23"}


# -- each place a sentence's strike verbs take is a strike of its own --------------------------------------------
def test_two_verbs_with_their_own_objects_are_two_strikes(geoparser):
    text = ("date 2024-03-04\n\nIn Kharkiv Oblast, Russian troops shelled the city of Vovchansk and attacked the "
            "village of Velykyi Burluk, the governor said.\n")
    places = sorted(e.place.name for e in article_events(geoparser, text) if e.event_type == "frontline_incident")
    assert places == ["Velykyi Burluk", "Vovchansk"]


def test_a_toll_stays_with_the_first_place_of_a_listed_attack(geoparser):
    text = ("date 2024-03-04\n\nA man was wounded after a Russian attack on the villages of Kruhliakivka and "
            "Petropavlivka, the governor reported.\n")
    found = sorted((e.event_type, e.place.name, e.injured) for e in article_events(geoparser, text))
    assert found == [("casualty_report", "Kruhliakivka", 1), ("frontline_incident", "Petropavlivka", None)]


# -- changes of control ----------------------------------------------------------------------------------------
def test_troops_raising_their_flag_over_villages_retook_them(geoparser):
    text = ("date 2022-11-10\n\nVideos of Ukrainian troops raising Ukrainian flags in Pravdyne and Kalynivske, "
            "Kherson Oblast, have been published online.\n")
    found = sorted((e.sub_event_type, e.place.name, e.gains) for e in article_events(geoparser, text))
    assert found == [("recapture", "Kalynivske", "Ukraine"), ("recapture", "Pravdyne", "Ukraine")]


@pytest.mark.parametrize("sentence", [
    "Residents raised the national flag in the square on Independence Day.",
    "Fans raised their flags in the stadium.",
])
def test_a_flag_raised_by_civilians_is_no_change_of_control(sentence):
    assert _subs(sentence) == []


def test_forces_that_have_already_entered_a_town_advanced():
    assert _subs("Ukrainian forces have already entered the town, a report said.") == ["advance"]


def test_two_villages_at_one_borrowed_point_are_two_changes_of_control():
    from pipeline.events.incidents import distinct_settlements
    from tests.fixtures import make_place

    a = make_place("Stari Terny", lat=48.02, lon=37.28, geonameid=None, admin1_code="UA-14")
    b = make_place("Trudove", lat=48.02, lon=37.28, geonameid=None, admin1_code="UA-14")
    assert not distinct_settlements(a, b)  # two names at one exact point: one settlement spelt two ways
    assert distinct_settlements(replace(a, approx_point=True), b)  # a hromada's centre lent to both: two villages


def test_forces_closing_in_on_a_town_advance():
    assert _subs("Russian troops appear to be closing in on the town, officials said.") == ["advance"]


def test_the_named_one_of_an_unnamed_tally_is_what_was_entered(geoparser):
    text = ("date 2022-11-10\n\nUkrainian forces have already entered several settlements on the way to Kherson on "
            "Nov. 9, including the strategic town of Snihurivka, Mykolaiv Oblast.\n")
    found = [(e.sub_event_type, e.place.name, e.admin1_code) for e in article_events(geoparser, text)]
    assert found == [("advance", "Snihurivka", "UA-48")]  # not Kherson (the way), nor the oblast locating it


# -- another village, however near, is another incident ------------------------------------------------------
def test_another_drone_at_another_village_is_another_incident(geoparser):
    text = ("date 2024-12-28\n\nRussia's Belgorod Oblast governor said a Ukrainian drone exploded in the village of "
            "Palatovo, wounding two residents.\n\nHe said another drone struck the village of Verkhososna, damaging "
            "a power line.\n")
    found = sorted((e.event_type, e.place.name) for e in article_events(geoparser, text))
    assert found == [("casualty_report", "Palatovo"), ("frontline_incident", "Verkhososna")]
