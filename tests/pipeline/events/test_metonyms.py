"""Spurious events at the wrong place (issue 13, precision on real news): a place standing for its state or as an
attribute ("Moscow-installed officials", "the Kyiv regime"), a capital as the seat of a visit or as a recipient
("a visit to Kyiv", "supplied to Kyiv"), air-raid alarms, people captured (not a place), a tally of settlements that
names none, and an attack referred back to on the day of something else. Each class has a control that keeps its event.

Every sentence is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

import pytest

from pipeline.events.triggers import triggers
from tests.fixtures import article_events

WAR = "Russian troops have pressed their offensive in eastern Ukraine for months, the army said.\n\n"


def _events(parser, body: str, date: str = "2024-05-10") -> list:
    return article_events(parser, f"date {date}\n\n{WAR}{body}\n")


def _where(events: list, kind: str | None = None) -> list:
    return sorted((e.event_type, e.admin1_code) for e in events if kind is None or e.event_type == kind)


# -- a place as an attribute of what it stands for ----------------------------------------------------------------
def test_a_capital_hyphenated_with_a_participle_is_no_place(geoparser):
    body = "Moscow-appointed officials said Ukrainian shelling killed three people in the city of Donetsk on Monday."
    events = _events(geoparser, body)
    assert _where(events, "casualty_report") == [("casualty_report", "UA-14")]
    assert not [e for e in events if e.admin1_code == "RU-MOW"]


def test_a_region_hyphenated_with_a_participle_is_no_place_of_the_strike(geoparser):
    body = "A drone hit a fuel depot in Kyiv-controlled Nikopol on Monday, injuring two workers, the governor said."
    assert [e.admin1_code for e in _events(geoparser, body) if e.event_type == "casualty_report"] == ["UA-12"]


# -- a capital standing for its government ------------------------------------------------------------------------
def test_the_capital_s_regime_is_no_place(geoparser):
    body = "The ministry said two drones had hit an oil depot overnight and blamed the Kyiv regime."
    assert not [e for e in _events(geoparser, body) if e.admin1_code == "UA-30"]


# -- a capital as the seat of a visit or a speaker, or as a recipient ---------------------------------------------
def test_a_visit_to_the_capital_with_an_alarm_gives_no_event(geoparser):
    body = ("The German chancellor arrived in Kyiv on Tuesday for talks with the president. During his visit to "
            "Kyiv an air raid alarm went off across the city, as it does most days.")
    assert _events(geoparser, body) == []


def test_weapons_supplied_to_the_capital_do_not_place_the_strike_there(geoparser):
    body = ("Ukrainian rockets struck a market in Donetsk on Sunday, killing four people, the city's mayor said.\n\n"
            "Investigators said the shelling was carried out with launchers supplied to Kyiv by its Western allies.")
    events = _events(geoparser, body)
    assert not [e for e in events if e.admin1_code == "UA-30"]
    assert [(e.admin1_code, e.killed) for e in events if e.event_type == "casualty_report"] == [("UA-14", 4)]


def test_a_capital_hit_is_still_a_place(geoparser):
    body = "A missile hit a residential block in Kyiv on Tuesday, killing three people, the mayor said."
    assert [(e.admin1_code, e.killed) for e in _events(geoparser, body) if e.event_type == "casualty_report"] == \
        [("UA-30", 3)]


# -- alarms ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("sentence", [
    "An air raid alarm went off across the city in the evening.",
    "Air raid alarms sounded in six regions overnight.",
    "Residents spent the night in air raid shelters in the city.",
])
def test_an_alarm_or_a_shelter_is_no_airstrike(sentence):
    assert triggers(sentence) == []


def test_an_air_raid_is_still_an_airstrike():
    assert [t.sub for t in triggers("An air raid destroyed the school on Monday.")] == ["airstrike"]


# -- people captured, not a place ---------------------------------------------------------------------------------
def test_soldiers_captured_at_a_place_are_no_capture_of_it(geoparser):
    body = ("The exchange brought home 90 men, among them marines captured during the siege, at the port of "
            "Berdiansk, the ombudsman said.")
    assert _where(_events(geoparser, body), "frontline_incident") == []


def test_soldiers_as_the_object_of_a_capture_are_no_capture_of_the_region(geoparser):
    body = "The border guard said on Monday it had captured 40 enemy soldiers in the Kharkiv region."
    assert _where(_events(geoparser, body), "frontline_incident") == []


def test_troops_capturing_a_village_still_capture_it(geoparser):
    body = "Russian troops captured the village of Krasnohorivka on Monday, the defence ministry said."
    assert [(e.event_type, e.sub_event_type) for e in _events(geoparser, body)] == [("frontline_incident", "capture")]


# -- a tally of settlements that names none ------------------------------------------------------------------------
def test_a_tally_of_unnamed_settlements_is_no_event_at_the_region(geoparser):
    body = "The regional governor said on Monday that nine settlements in the Kharkiv region had been liberated."
    assert _where(_events(geoparser, body), "frontline_incident") == []


def test_a_named_village_in_the_region_is_still_liberated(geoparser):
    body = "Ukrainian forces liberated the village of Kozacha Lopan in the Kharkiv region on Monday."
    assert [e.admin1_code for e in _events(geoparser, body) if e.event_type == "frontline_incident"] == ["UA-63"]


def test_a_tally_as_the_subject_does_not_liberate_the_sector_s_city(geoparser):
    body = "In the Kherson direction on Monday, 12 settlements were liberated, the general staff said."
    assert _where(_events(geoparser, body), "frontline_incident") == []


def test_a_named_village_before_a_tally_is_still_liberated(geoparser):
    body = "Vysokopillia, Arkhanhelske and five other villages were liberated on Monday, the general staff said."
    names = {e.place.name for e in _events(geoparser, body) if e.event_type == "frontline_incident"}
    assert "Arkhanhelske" in names


def test_the_town_told_with_a_tally_is_still_retaken(geoparser):
    body = ("Ukrainian forces retook Kupiansk on Monday, the general staff said.\n\n"
            "The town and six villages around it were retaken after a week of fighting.")
    assert [e.admin1_code for e in _events(geoparser, body) if e.event_type == "frontline_incident"] == ["UA-63"]


# -- more capitals standing for their states -----------------------------------------------------------------------
@pytest.mark.parametrize("sentence", [
    "Moscow on Tuesday said its drones had struck a fuel depot overnight.",
    "A drone struck a fuel depot overnight; pro-Moscow bloggers posted videos of the fire.",
    "Pro-Kyiv partisans blew up a railway bridge overnight, the group said.",
    "A drone struck a fuel depot at 3 a.m. Moscow time, the officials said.",
    "A drone struck a fuel depot overnight, days after talks between Moscow and Kyiv broke down.",
])
def test_a_capital_as_a_speaker_a_side_a_clock_or_a_party_to_talks_is_no_place(geoparser, sentence):
    assert not [e for e in _events(geoparser, sentence) if e.admin1_code in ("RU-MOW", "UA-30")]


# -- an attack referred back to on the day of something else ------------------------------------------------------
def test_a_day_of_mourning_for_the_strike_is_no_new_attack(geoparser):
    body = ("A missile struck a market in Horlivka on Saturday, killing seven people, the mayor said.\n\n"
            "Sunday was declared a day of mourning for the victims of the “brutal” strike on Horlivka, the mayor said.")
    assert [(e.event_type, e.killed, e.when.date) for e in _events(geoparser, body, date="2024-05-12")] == \
        [("casualty_report", 7, "2024-05-11")]


def test_a_new_strike_on_the_next_day_is_still_its_own_attack(geoparser):
    body = ("A missile struck a market in Horlivka on Saturday, killing seven people, the mayor said.\n\n"
            "On Sunday, shelling hit a school in Horlivka, the mayor said.")
    assert len(_events(geoparser, body, date="2024-05-12")) == 2
