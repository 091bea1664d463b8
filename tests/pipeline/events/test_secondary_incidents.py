"""Missed incidents of real news (issue 13, recall): changes of control told in wordings the triggers missed, lists of
liberated villages after a dated lede, background changes of control, secondary strikes told beside the main one.
Every sentence is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

import pytest

from pipeline.events.incidents import usable
from pipeline.events.triggers import separate, triggers
from tests.fixtures import article_events, make_place

PAGE = "date 2024-05-10\n\n"  # a Friday: "on Monday" is 2024-05-06


def _events(parser, body: str) -> list:
    return [e for e in article_events(parser, PAGE + body + "\n") if e.event_type != "annexation_claim"]


def _control(sentence: str) -> list[tuple[str, str]]:
    return [(t.sub, t.gains) for t in triggers(sentence) if t.control]


# -- change-of-control wordings ----------------------------------------------------------------------
@pytest.mark.parametrize(("sentence", "expected"), [
    ("Ukrainian troops are withdrawing from the hill town of Vuhledar, the army said.", [("withdrawal", "Russia")]),
    ("The brigade said it was withdrawing its units from Vuhledar.", [("withdrawal", "unknown")]),
    ("Officials said Russian forces had taken over Izium after weeks of battle.", [("capture", "Russia")]),
    ("Ukrainian units have secured their hold on Balakliia, the district centre.", [("capture", "Ukraine")]),
    ("The Russian army says it has control of the mining town of Soledar.", [("capture", "Russia")]),
    ("Ukrainian forces were advancing on the outskirts of Bakhmut.", [("advance", "Ukraine")]),
    ("Troops advanced several kilometres further into the district.", [("advance", "unknown")]),
    ("In the end it was possible to liberate Kupiansk and Izium.", [("recapture", "unknown")]),
])
def test_change_of_control_wordings(sentence, expected):
    assert _control(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "It was possible that the troops captured the town.",  # a hedge, not a liberation
    "Kyiv vowed to liberate Izium before the winter.",
    "It would be possible to capture the town in a week.",
])
def test_hedged_or_planned_changes_are_no_fact(sentence):
    assert _control(sentence) == []


def test_withdrawing_from_no_place_is_no_event(geoparser):
    assert _events(geoparser, "Russia is withdrawing from the grain deal, the Kremlin said on Monday.") == []


def test_progressive_withdrawal_from_a_town_is_an_event_at_the_town(geoparser):
    got = _events(geoparser, "Ukrainian troops are withdrawing from the front-line town of Vuhledar, officials said "
                             "on Monday.")
    assert [(e.sub_event_type, e.place.name, e.gains, e.when.date) for e in got] == [
        ("withdrawal", "Vuhledar", "Russia", "2024-05-06")]


def test_a_town_naming_a_front_sector_is_no_place():
    text = "Fighting went on in the Kharkiv direction on Monday."
    kharkiv = make_place("Kharkiv", start=text.index("Kharkiv"))
    assert not usable(kharkiv, text)
    assert usable(make_place("Kharkiv", start=11), "Shells hit Kharkiv on Monday.")


def test_villages_listed_after_a_dated_lede_take_its_day(geoparser):
    body = ("During the offensive in the Kharkiv direction on Monday, five settlements were liberated.\n\n"
            "In the end it was possible to liberate Kupiansk, Izium, Balakliia and Lozova.")
    got = _events(geoparser, body)
    assert {e.place.name for e in got} >= {"Izyum", "Balakliya", "Lozova"}
    assert "Kharkiv" not in {e.place.name for e in got}  # the direction names a sector, not the city
    assert {e.when.date for e in got} == {"2024-05-06"}
    assert {e.sub_event_type for e in got} == {"recapture"}


# -- background changes of control ------------------------------------------------------------------
def test_a_capture_since_last_may_is_a_background_event_without_the_pages_day(geoparser):
    body = ("Russian troops took the village of Pisky on Thursday. Last week, the gain marked Russia's biggest since "
            "its forces captured Bakhmut last May.")
    bakhmut = [e for e in _events(geoparser, body) if e.place is not None and e.place.name == "Bakhmut"]
    assert len(bakhmut) == 1
    assert bakhmut[0].sub_event_type == "capture" and bakhmut[0].when.date is None


def test_a_town_liberated_told_by_a_pronoun_is_the_sentences_subject(geoparser):
    body = "Izium has been shelled almost daily since Ukrainian forces liberated it in September 2022."
    got = [e for e in _events(geoparser, body) if e.sub_event_type == "recapture"]
    assert [(e.place.name, e.gains) for e in got] == [("Izyum", "Ukraine")]


# -- secondary strikes ------------------------------------------------------------------------------
def test_a_drone_named_after_the_verb_is_a_drone_strike():
    assert [t.sub for t in triggers("On Monday the army hit a repair crew's van with a drone near Chuhuiv.")] == [
        "drone_strike"]
    assert [t.sub for t in triggers("Charges were dropped twice from drones on the village hall.")] == [
        "drone_strike"]


def test_striking_an_oil_depot_is_a_strike_and_striking_oil_is_no_incident():
    assert [t.sub for t in triggers("Drones struck the Lozova oil depot on Monday.")] == ["drone_strike"]
    assert [t.sub for t in triggers("Special forces struck the Lozova oil depot on Monday.")] == ["attack"]
    assert triggers("The company struck oil off the coast last year.") == []


def test_a_building_previously_attacked_is_another_incident():
    assert separate("In addition, the regional administration building was previously attacked, no one was hurt.")
    assert not separate("The regional administration building was damaged, no one was hurt.")


def test_a_second_strike_on_another_day_in_the_same_article(geoparser):
    body = ("On Thursday, a Russian drone hit a minibus near Izium, killing four people.\n\n"
            "On Monday the Russian army hit a repair crew's van with a drone near Chuhuiv.")
    got = {(e.place.name, e.sub_event_type, e.when.date, e.killed) for e in _events(geoparser, body)}
    assert ("Chuhuyiv", "drone_strike", "2024-05-06", None) in got
    assert any(place == "Izyum" and killed == 4 for place, _s, _d, killed in got)


def test_a_town_locating_the_one_before_it_does_not_pull_its_attack_into_the_other(geoparser):
    body = ("Russian shelling killed two people in Kharkiv on Monday. Another man was injured in an attack on "
            "Chuhuiv, a town south-east of Kharkiv.")
    got = {(e.place.name, e.killed, e.injured) for e in _events(geoparser, body) if e.event_type == "casualty_report"}
    assert ("Kharkiv", 2, None) in got and ("Chuhuyiv", None, 1) in got


def test_a_town_in_a_hyphenated_adjective_is_no_place():
    text = "Moscow-installed officials said shelling killed nine people in Horlivka."
    assert not usable(make_place("Moscow", start=0, admin1_code="RU-MOW", country_code="RU", capital=True), text)


def test_an_attack_at_a_town_with_its_own_toll_is_not_folded_into_a_weekly_tally(geoparser):
    body = ("It came after a week in which Russian missile attacks on Ukrainian cities killed 20 people.\n\n"
            "Officials in Horlivka also reported that Ukrainian shelling had killed three people in the city of "
            "Horlivka.")
    got = [(e.place.name, e.sub_event_type, e.killed) for e in _events(geoparser, body) if e.place is not None]
    assert got == [("Horlivka", "shelling", 3)]  # the tally borrows no place of the attack told after it


def test_soldiers_captured_in_a_region_are_no_capture_of_the_region(geoparser):
    body = "Ukraine captured 40 Russian soldiers in the Kursk region on Wednesday, an official said."
    assert [e for e in _events(geoparser, body) if e.sub_event_type == "capture"] == []


def test_a_side_saying_it_holds_a_town_of_its_own_country_is_no_capture(geoparser):
    got = _events(geoparser, "The Ukrainian army says it has control of the town of Kupiansk, officials said on Monday.")
    assert [e for e in got if e.event_type == "frontline_incident"] == []
    got = _events(geoparser, "The Russian army says it has control of the town of Kupiansk, officials said on Monday.")
    assert [(e.sub_event_type, e.gains) for e in got] == [("capture", "Russia")]
