"""Events that real news misses or invents (issue 13, session 12): background incidents of an earlier period,
outlet names, attributive participles, interceptions, battle losses, "the first attack since", claims on a
city-unit and on "the peninsula".

Every sentence is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

import pytest

from pipeline.events.incidents import earlier_period, usable
from pipeline.events.triggers import INCIDENT_TRIGGERS, TRIGGER_NEEDS, folded, separate, triggers
from pipeline.text.dates import EventDate
from tests.fixtures import article_events, make_place

PAGE = EventDate("2024-05-10", 1)


# -- background incidents of an earlier period -----------------------------------------------------------
@pytest.mark.parametrize("sentence", [
    "The town was shelled last year, when a strike on its market killed 17 people.",
    "It has been bombed before, most notably in an April 2022 strike on the station that killed 50 people.",
    "In March, a missile strike on the port killed 21 people.",
    "Two years ago a rocket hit the same square.",
])
def test_a_sentence_of_an_earlier_period_is_background(sentence):
    assert earlier_period(sentence, PAGE)


@pytest.mark.parametrize("sentence", [
    "A missile hit the port on Friday, killing three people.",
    "Shelling has continued since 2022.",
    "In May, the attacks grew heavier.",  # the page's own month
])
def test_the_pages_period_or_a_span_is_no_background(sentence):
    assert not earlier_period(sentence, PAGE)


def test_an_earlier_years_toll_at_the_same_city_is_its_own_incident(geoparser):
    text = ("date 2024-05-10\n\nRussian missiles hit a cafe in Kramatorsk on Friday, killing four people and "
            "injuring 30, officials said.\n\nKramatorsk has been bombed before, most notably in an April 2022 "
            "strike on the railway station that killed 50 people.\n")
    tolls = sorted((e.killed, e.injured, e.when.date, e.when.precision) for e in article_events(geoparser, text)
                   if e.event_type == "casualty_report")
    # the background strike keeps its own toll and only the month its sentence gives ("an April 2022 strike")
    assert tolls == [(4, 30, "2024-05-10", 1), (50, None, "2022-04-01", 3)]


def test_earlier_this_month_opens_an_incident_of_its_own():
    assert separate("Earlier this month, an explosion damaged two aircraft at the base.")
    assert separate("Earlier in April, a blast hit the depot.")
    assert not separate("Earlier on Friday, the governor said three people were killed.")


def test_an_earlier_attack_named_as_the_last_before_the_news_is_an_event(geoparser):
    text = ("date 2022-10-10\n\nA missile strike hit Kyiv on Monday morning, killing five people. "
            "It was the first attack on Kyiv since June 26.\n")
    days = sorted(e.when.date for e in article_events(geoparser, text) if e.admin1_code == "UA-30")
    assert days == ["2022-06-26", "2022-10-10"]


def test_the_first_attack_since_the_war_began_names_no_day(geoparser):
    text = "date 2022-10-10\n\nMissiles hit Lviv on Monday. It was the first attack on Lviv since the war began.\n"
    assert [e.when.date for e in article_events(geoparser, text)] == ["2022-10-10"]


# -- places that are not where it happened -------------------------------------------------------------
def test_a_city_heading_an_outlet_name_is_no_event_place():
    text = "So far 30 people are dead and 75 injured, according to the Kyiv Independent."
    kyiv = make_place("Kyiv", start=text.index("Kyiv"), admin1_code="UA-30", admin1_name="Kyiv", capital=True)
    assert not usable(kyiv, text)
    assert usable(kyiv, "So far 30 people are dead in Kyiv.")


def test_figures_credited_to_an_outlet_stay_with_the_incident(geoparser):
    text = ("date 2023-01-16\n\nA Russian missile hit an apartment block in Dnipro on Saturday, killing 30 "
            "people.\n\nSo far 30 people have been confirmed dead and 75 injured, according to the Kyiv "
            "Independent.\n")
    events = article_events(geoparser, text)
    assert [(e.admin1_code, e.killed, e.injured) for e in events] == [("UA-12", 30, 75)]


# -- wordings that report no change of control -----------------------------------------------------------
@pytest.mark.parametrize("sentence", ["A spokesman said the retaken village lies on the border of two regions.",
                                      "Mines were cleared in the liberated territories."])
def test_an_attributive_participle_is_no_change_of_control(sentence):
    assert [t for t in triggers(sentence) if t.control] == []


def test_a_participle_naming_its_place_still_is_one():
    assert [t.sub for t in triggers("Soldiers raised the flag in the liberated village of Zoria.")] == ["recapture"]


def test_battle_losses_claimed_with_a_capture_are_no_casualty_report(geoparser):
    text = ("date 2022-10-06\n\nThe village of Opytne had been brought under Russian control, the defence "
            "ministry said on Thursday, saying more than 90 soldiers were killed on the Ukrainian side.\n")
    events = article_events(geoparser, text)
    assert [(e.event_type, e.sub_event_type) for e in events] == [("frontline_incident", "capture")]


# -- interceptions --------------------------------------------------------------------------------------
def test_an_interception_is_an_attack_by_the_weapons_side():
    found = triggers("Its air defences intercepted and destroyed 25 Ukrainian drones over the region.")
    assert [(t.sub, t.actor) for t in found] == [("drone_strike", "Ukraine")]
    found = triggers("Ukraine's air force said it shot down 30 of 35 drones overnight.")
    assert [(t.sub, t.actor) for t in found] == [("drone_strike", "Russia")]
    assert [t.sub for t in triggers("Two missiles were intercepted over the capital.")] == ["missile_strike"]


def test_a_possible_interception_is_none():
    assert triggers("Drones could be shot down over the city.") == []


@pytest.mark.parametrize("sentence", [
    "Air defences shot down eleven drones and intercepted two missiles; three rockets were downed.",
    "Four drones were destroyed and a missile was neutralised.",
])
def test_interception_matches_hold_their_gate_words(sentence):
    low = folded(sentence)
    for name, pattern in INCIDENT_TRIGGERS:
        if pattern.search(sentence):
            assert any(word in low for word in TRIGGER_NEEDS[name]), name


def test_drones_shot_down_over_a_town_with_nothing_hit_are_no_event_by_default(geoparser):
    text = ("date 2024-05-10\n\nRussian air defences shot down six Ukrainian drones over Belgorod overnight, "
            "the governor said.\n")
    assert article_events(geoparser, text) == []


def test_debris_of_a_downed_drone_that_hits_is_an_attack(geoparser):
    text = ("date 2024-05-10\n\nDebris from a downed drone struck a house in Odesa overnight, injuring three "
            "people.\n")
    assert [(e.admin1_code, e.injured) for e in article_events(geoparser, text)] == [("UA-51", 3)]


def test_drones_shot_down_with_no_place_are_no_event(geoparser):
    text = ("date 2024-05-10\n\nRussia's defence ministry said 40 Ukrainian drones were shot down overnight, "
            "the ministry said.\n")
    assert article_events(geoparser, text) == []


# -- annexation claims --------------------------------------------------------------------------------
def test_a_city_unit_listed_with_an_oblast_is_claimed_too(geoparser):
    text = ("date 2023-03-16\n\nNine years ago residents of Crimea and Sevastopol voted in a referendum to join "
            "Russia.\n")
    codes = sorted(e.admin1_code for e in article_events(geoparser, text) if e.event_type == "annexation_claim")
    assert codes == ["UA-40", "UA-43"]


def test_a_town_on_the_annexed_peninsula_claims_its_unit(geoparser):
    text = ("date 2022-10-08\n\nA blast damaged a bridge on Saturday. The lorry was headed to the port town of "
            "Kerch on the peninsula, which was annexed by Russia in 2014.\n")
    claims = [e.admin1_code for e in article_events(geoparser, text) if e.event_type == "annexation_claim"]
    assert claims == ["UA-43"]


def test_an_occupation_told_by_its_length_is_a_background_capture(geoparser):
    text = ("date 2022-09-20\n\nUkrainian troops have recaptured the village of Kupiansk-Vuzlovyi. The village, "
            "a railway hub, had been occupied since the beginning of the full-scale war.\n")
    events = sorted((e.sub_event_type, e.gains, e.when.date) for e in article_events(geoparser, text))
    assert events == [("capture", "Russia", None), ("recapture", "Ukraine", "2022-09-20")]


# -- statements, purposes and spans that report no incident ------------------------------------------
@pytest.mark.parametrize("sentence", [
    "The country needs more air defences to protect Sumy from missile strikes.",
    "The goal is the liberation of the peninsula, the president said.",
    "A counteroffensive aimed at liberating Tokmak began in the summer.",
    "Troops are massing near the border ahead of an attack on the city.",
    "Residents should go to shelters during air raids and missile attacks.",
    "Drone attacks on the port have damaged grain silos in recent weeks.",
    "The president demanded the return of all territories seized by the invaders.",
])
def test_purposes_duties_spans_and_held_areas_are_no_incident(sentence):
    assert triggers(sentence) == []


# -- lists of places changing hands ---------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Russian forces captured Ocheretyne as well as the village of Keramik, the ministry said.",
    "Russia said its troops had captured Ocheretyne in the Donetsk region and Keramik.",
    "The ministry said Russian troops had taken control of Ocheretyne (Donetsk region) and Keramik.",
    "Russian forces captured Ocheretyne, north of Avdiivka, and Keramik, the ministry said.",
    "The villages of Ocheretyne and Keramik were captured by Russian forces, the ministry said.",
    "Russian troops have occupied Ocheretyne and Keramik, the General Staff said.",
])
def test_every_place_of_a_list_changes_hands(geoparser, text):
    events = article_events(geoparser, "date 2024-05-10\n\n" + text + "\n")
    assert sorted(e.place.name for e in events if e.sub_event_type == "capture") == ["Keramik", "Ocheretyne"]


def test_the_fall_of_a_town_is_a_capture_but_the_fall_of_a_year_is_not():
    assert [t.sub for t in triggers("The ministry announced the fall of Vuhledar on Wednesday.")] == ["capture"]
    assert [t.sub for t in triggers("In the fall of 2022, Ukrainian troops liberated Izium.")] == ["recapture"]


def test_a_strike_on_a_list_of_villages_is_a_strike_on_each(geoparser):
    text = "date 2024-05-10\n\nRussian forces shelled Vovchansk and Lyptsi on Friday, the governor said.\n"
    events = article_events(geoparser, text)
    assert sorted((e.place.name, e.sub_event_type) for e in events) == [("Lyptsi", "shelling"),
                                                                        ("Vovchansk", "shelling")]


def test_a_toll_told_with_a_list_stays_one_casualty_report(geoparser):
    text = "date 2024-05-10\n\nRussian shelling of Vovchansk and Lyptsi killed two people on Friday.\n"
    events = article_events(geoparser, text)
    # the toll is the incident's, told once; the other place of the list is struck too, with no toll of its own
    # (session 15: a roundup's "an attack on the villages of A and B" is an attack on each)
    assert sorted((e.event_type, e.place.name, e.killed) for e in events) == [
        ("casualty_report", "Vovchansk", 2), ("frontline_incident", "Lyptsi", None)]


def test_drones_attacking_a_list_of_oblasts_are_a_strike_on_each(geoparser):
    text = "date 2024-05-10\n\nRussian drones attacked Kharkiv and Sumy oblasts overnight, officials said.\n"
    events = article_events(geoparser, text)
    assert sorted((e.admin1_code, e.sub_event_type, e.actor) for e in events) == [
        ("UA-59", "drone_strike", "Russia"), ("UA-63", "drone_strike", "Russia")]


def test_a_toll_over_several_oblasts_is_no_event(geoparser):
    text = "date 2024-05-10\n\nRussian shelling killed five people in Kharkiv and Donetsk oblasts, officials said.\n"
    assert article_events(geoparser, text) == []


def test_a_lede_that_dates_an_unnamed_capture_dates_the_next_lines_named_one(geoparser):
    text = ("date 2025-01-27\n\nRussia on Sunday claimed its troops had captured a strategically important town in "
            "the east. Russia's Defense Ministry announced the fall of Vuhledar after a monthslong battle.\n")
    events = article_events(geoparser, text)
    assert [(e.sub_event_type, e.place.name, e.when.date) for e in events] == [("capture", "Vuhledar", "2025-01-26")]


def test_an_attack_repeated_many_times_is_ongoing_fighting():
    assert triggers("Russian forces shelled our positions 30 times, the brigade said.") == []


def test_the_month_before_the_pages_may_still_be_its_news():
    assert not earlier_period("In April, a missile strike on the port killed 21 people.", PAGE)
    assert earlier_period("In February, a missile strike on the port killed 21 people.", PAGE)


def test_drones_of_the_attack_shot_down_elsewhere_are_part_of_it(geoparser):
    text = ("date 2024-05-10\n\nUkrainian drones attacked an oil depot in Bryansk overnight, the governor said. "
            "Russian air defences shot down ten Ukrainian drones over the Kaluga region on their way, the ministry "
            "said.\n")
    assert [e.admin1_code for e in article_events(geoparser, text)] == ["RU-BRY"]


def test_the_other_sides_drones_shot_down_over_a_named_region_are_an_attack_there(geoparser):
    # session 13: a region named where weapons were brought down is an attack on it (tests/pipeline/events/test_regions.py)
    text = ("date 2024-05-10\n\nRussian drones hit Odesa overnight, injuring two people. Russia's ministry said it "
            "had shot down 20 Ukrainian drones over the Belgorod region.\n")
    assert sorted((e.admin1_code, e.event_type) for e in article_events(geoparser, text)) == [
        ("RU-BEL", "frontline_incident"), ("UA-51", "casualty_report")]
