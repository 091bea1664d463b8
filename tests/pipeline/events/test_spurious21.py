"""Spurious events of session 21 (issue 13, precision): strikes told as a state, a habit or a trend; strikes asked
for, permitted or expected; the reporter taken for the side that acted; a launch site; a later statement about the
attack split off; a community's toll told victim by victim; a settlement placed in a named region.

Every sentence is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

import pytest

from pipeline.events.triggers import triggers
from tests.fixtures import article_events

WAR = "Russian troops have pressed their offensive in eastern Ukraine for months, the army said.\n\n"


def _events(parser, body: str, date: str = "2024-05-13") -> list:
    return article_events(parser, f"date {date}\n\n{WAR}{body}\n")


def _summary(events: list) -> list[tuple]:
    return sorted((e.event_type, e.place.name if e.place else None, e.killed, e.injured, e.when.date) for e in events)


# -- a state, a habit or a trend is no incident -------------------------------------------------------------------------
@pytest.mark.parametrize("sentence", [
    "Kramatorsk has endured heavy bombardment over the past two years, with rockets and glide bombs leaving whole "
    "streets in ruins.",
    "Villages along the border in Sumy Oblast remain under heavy Russian shelling.",
    "The town of Huliaipole has faced relentless bombardment for months.",
    "Border communities of Chernihiv Oblast are under intense Russian shelling, resulting in civilian casualties.",
    "Selydove has suffered heavy shelling over the past three weeks.",
    "Toretsk has seen a sharp escalation of Russian assaults, including air strikes and artillery fire, the officer "
    "said.",
    "Russia has been pounding Kharkiv with glide bombs, the mayor said.",
    "Russian forces keep shelling Nikopol from across the reservoir.",
    "Russian troops stepped up shelling of the Vovchansk community.",
])
def test_a_strike_told_as_a_state_habit_or_trend_makes_no_event(geoparser, sentence):
    assert _events(geoparser, sentence) == []


@pytest.mark.parametrize(("sentence", "kind"), [
    ("Kherson came under the heaviest shelling for months on Monday, killing two people.", "casualty_report"),
    ("The strike on Odesa was the first attack on the port for weeks, officials said on Sunday.",
     "frontline_incident"),
    ("Nikopol came under Russian artillery fire twice on Sunday, the governor said.", "frontline_incident"),
    ("Russia launched a massive attack on Kyiv overnight, including missiles and drones, killing three people.",
     "casualty_report"),
    ("Russia has shelled Kherson for months, with a strike on Monday killing two people.", "casualty_report"),
    ("Kharkiv suffered a massive missile attack on Thursday that killed three people.", "casualty_report"),
])
def test_an_incident_told_against_a_span_or_with_an_elaboration_stays(geoparser, sentence, kind):
    assert [e.event_type for e in _events(geoparser, sentence)] == [kind]


# -- strikes asked for, permitted, expected or prepared ---------------------------------------------------------------
@pytest.mark.parametrize("sentence", [
    "Kyiv has urged its allies to permit missile strikes deeper into Russia, including on airfields near Kursk.",
    "Britain authorised Kyiv to use Storm Shadow missiles for strikes on targets in Kursk Oblast.",
    "New drone attacks on refineries in Krasnodar Krai are expected in the coming weeks, analysts said.",
    "Ukrainian officials say Russia is amassing forces for an attack on Zaporizhzhia.",
])
def test_a_strike_asked_for_permitted_or_expected_makes_no_event(geoparser, sentence):
    assert _events(geoparser, sentence) == []


def test_a_definite_strike_before_a_modal_still_happened():
    assert [t.sub for t in triggers("The attack on the city will be investigated, the prosecutor said.")] == ["attack"]
    assert [t.sub for t in triggers("Ukrainian drones struck an oil depot in Bryansk on Tuesday.")] == ["drone_strike"]


# -- who reports is not who acted -------------------------------------------------------------------------------------
def test_the_reporter_of_a_capture_told_as_a_noun_is_not_its_side():
    [trig] = triggers("The Ukrainian monitoring project DeepState wrote about the capture of Marinka.")
    assert trig.gains == "unknown"
    [trig] = triggers("Ukrainian bloggers wrote that the village had been seized.")
    assert trig.gains == "unknown"
    [trig] = triggers("Russia said it had captured the village of Ocheretyne.")
    assert trig.gains == "Russia"
    [trig] = triggers("Russia announced the capture of Avdiivka.")
    assert trig.gains == "Russia"


def test_a_withdrawal_and_the_capture_a_reporter_tells_are_one_event(geoparser):
    body = ("Ukrainian troops withdrew from the town of Marinka on Tuesday, the army said.\n\n"
            "The Ukrainian monitoring project DeepState reported the capture of Marinka on Tuesday evening.\n\n"
            "Russian military bloggers also wrote about capturing the town.")
    assert len(_events(geoparser, body)) == 1


# -- a launch site ---------------------------------------------------------------------------------------------------
def test_missiles_launched_from_an_occupied_region_strike_nothing_there(geoparser):
    body = "Russian forces launched Iskander-M ballistic missiles from occupied Crimea, the southern command said."
    assert _events(geoparser, body) == []
    body = "Iskander missiles launched from occupied Crimea struck Odesa on Friday, killing two people."
    assert [(e.place.name, e.killed) for e in _events(geoparser, body)] == [("Odesa", 2)]


# -- a later statement about the attack -------------------------------------------------------------------------------
def test_a_sentence_referring_back_with_a_later_statement_day_stays_in_the_incident(geoparser):
    body = ("Russian forces shelled Kherson on Saturday, wounding three people.\n\n"
            "The shelling damaged a school and a hospital in Kherson, the governor said on Sunday.")
    assert _summary(_events(geoparser, body)) == [("casualty_report", "Kherson", None, 3, "2024-05-11")]


def test_a_strike_on_the_next_day_is_still_its_own(geoparser):
    body = ("Russian forces shelled Kherson on Saturday, wounding three people.\n\n"
            "The shelling resumed on Sunday, damaging a school, the governor said on Sunday.")
    assert len(_events(geoparser, body)) == 2


# -- a community's toll told victim by victim -------------------------------------------------------------------------
def test_a_community_toll_told_victim_by_victim_is_a_sum_over_its_settlements(geoparser):
    body = ("Two civilians were killed by Russian shelling of the Vovchansk community on Tuesday, the governor said.\n\n"
            "A 70-year-old woman died in the town of Vovchansk.\n\n"
            "A 65-year-old man was killed in the village of Vilcha.")
    assert [(p, k) for _t, p, k, _i, _d in _summary(_events(geoparser, body))] == [("Vilcha", 1), ("Vovchansk", 1)]


def test_a_toll_told_again_at_the_same_town_is_not_split(geoparser):
    body = ("A Russian missile killed two people in Odesa on Monday.\n\n"
            "One man was killed in Odesa.\n\n"
            "A second victim, a woman, died in Odesa too.")
    assert [(p, k) for _t, p, k, _i, _d in _summary(_events(geoparser, body))] == [("Odesa", 2)]


# -- a settlement placed in a named region ----------------------------------------------------------------------------
def test_a_settlement_in_a_named_region_is_not_placed_at_a_namesake_elsewhere(geoparser):
    body = "A drone hit an oil refinery in Slavyansk in Russia's Krasnodar Krai on Saturday, the governor said."
    assert [e.place.admin1_code for e in _events(geoparser, body)] == ["RU-KDA"]
    body = "Russian shelling hit Mykolaivka in the Donetsk region on Monday, wounding two."
    assert [e.place.admin1_code for e in _events(geoparser, body)] == ["UA-14"]


# -- a tally of battle losses near a strike ----------------------------------------------------------------------------
def test_a_tally_of_battle_losses_is_no_toll_of_the_strike_told_near_it(geoparser):
    body = ("Russian troops shelled Avdiivka heavily on Monday, the brigade said.\n\n"
            "The enemy lost 120 men killed and 200 wounded near Avdiivka during the day, the brigade said.")
    assert _summary(_events(geoparser, body)) == [("frontline_incident", "Avdiyivka", None, None, "2024-05-13")]


def test_soldiers_killed_by_a_strike_are_its_toll(geoparser):
    body = "Two Ukrainian soldiers were killed when a Russian drone hit their vehicle near Kupiansk on Monday."
    assert [(e.event_type, e.killed) for e in _events(geoparser, body)] == [("casualty_report", 2)]


# -- a counterfactual, a verdict, captives ----------------------------------------------------------------------------
@pytest.mark.parametrize("sentence", [
    "The capture of Avdiivka would give Russian forces a path towards Pokrovsk, analysts say.",
    "A court in Kyiv on Monday sentenced a Russian soldier to 15 years for shelling civilians in Kharkiv Oblast.",
    "Ukrainian troops captured in the Kursk region were shown on Russian television on Monday.",
])
def test_a_counterfactual_a_verdict_or_captives_make_no_event(geoparser, sentence):
    assert _events(geoparser, sentence) == []


def test_a_dated_fall_before_a_modal_still_happened(geoparser):
    body = "The fall of Vuhledar on Tuesday could open the road to Kurakhove, analysts said."
    assert [e.event_type for e in _events(geoparser, body)] == ["frontline_incident"]


# -- a sum over days ---------------------------------------------------------------------------------------------------
def test_strikes_summed_over_several_days_make_no_event(geoparser):
    body = "Over several days, 30 guided bombs were dropped on the outskirts of Vovchansk, the governor said."
    assert _events(geoparser, body) == []


# -- a withdrawal and the capture that follows it ----------------------------------------------------------------------
def test_a_withdrawal_and_the_next_days_capture_are_one_change_of_control(geoparser):
    body = ("Ukraine's army chief said on Friday that troops had withdrawn from Avdiivka.\n\n"
            "Russia's defence minister told Putin on Saturday that his forces had captured Avdiivka.")
    assert len(_events(geoparser, body)) == 1


def test_a_capture_and_a_recapture_months_apart_stay_two(geoparser):
    body = "Russia seized the village of Robotyne in May 2023.\n\nUkrainian troops retook Robotyne in August 2023."
    assert len(_events(geoparser, body)) == 2


# -- a city-region after its surrounding region -------------------------------------------------------------------------
def test_a_city_region_told_after_the_region_around_it_is_the_incidents_place(geoparser):
    body = ("At least 5 dead after missile debris falls on beachgoers in Russian-occupied Crimea\n\n"
            "At least five people were killed and 100 injured when missile debris fell on a beach during a Ukrainian "
            "strike on the city of Sevastopol in occupied Crimea, officials said on Sunday.")
    assert [(e.place.name, e.place.admin1_code) for e in _events(geoparser, body)] == [("Sevastopol", "UA-40")]
