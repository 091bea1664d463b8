"""Trigger words: capture lists, liberation wordings and their direction, fears and ongoing statements.

Every text here is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

from pipeline.events.triggers import triggers
from tests.fixtures import article_events as _events


def _subs(sentence: str) -> list[tuple[str, str]]:
    return [(t.sub, t.gains) for t in triggers(sentence)]


# -- E7: a listed set of villages taken ---------------------------------------------------------------
def test_taking_the_villages_of_is_a_capture():
    assert _subs("The ministry said Russian troops had taken the villages of Hrodivka and Novohrodivka.") == \
        [("capture", "Russia")]
    assert _subs("He took the train to the city.") == []
    assert _subs("The talks took three hours.") == []


def test_each_listed_village_taken_is_one_capture(parser):
    text = ("date 2024-09-10\nRussia's defence ministry said Russian troops had taken the villages of Krasnohorivka, "
            "Ukrainsk and Hirnyk in the Donetsk region.")
    found = sorted(e.place.name for e in _events(parser, text) if e.sub_event_type == "capture")
    assert len(found) == 3 and len(set(found)) == 3


# -- E8: control-change wordings and who gains the place ----------------------------------------------
def test_freeing_a_village_and_expelling_forces_from_a_city_are_recaptures_by_the_actor():
    assert _subs("Ukrainian soldiers had already freed the nearby village of Robotyne.") == [("recapture", "Ukraine")]
    assert _subs("Ukrainian troops expelled Russian forces from Izium in September.") == [("recapture", "Ukraine")]
    assert _subs("Russian troops freed 20 prisoners in the town.") == []


def test_a_liberation_by_the_other_country_is_a_capture():
    ukrainian, = triggers("Ukrainian troops liberated the village.")
    russian, = triggers("Russian troops liberated the village.")
    unknown, = triggers("Its troops liberated the village.")
    retook, = triggers("Russian troops retook the village.")
    assert (ukrainian.direction("UA"), russian.direction("UA"), russian.direction("RU")) == \
        ("recapture", "capture", "recapture")
    assert unknown.direction("UA") == "recapture"  # who gains is not said: as worded
    # "retook" by the other country's side is mapped as a capture too (session 17: the sets' gold maps a Russian
    # "recaptured another village in eastern Ukraine" as a capture); in its own country it stays a recapture
    assert (retook.direction("UA"), retook.direction("RU")) == ("capture", "recapture")


def test_a_russian_liberation_of_a_ukrainian_village_is_mapped_as_a_capture(parser):
    text = "date 2024-05-04\nRussian forces liberated the village of Ocheretyne, the Russian defence ministry said."
    subs = [e.sub_event_type for e in _events(parser, text) if e.event_type == "frontline_incident"]
    assert subs == ["capture"]


# -- E17 / E18: fears and generic ongoing statements --------------------------------------------------
def test_a_ban_fearing_attacks_is_no_event():
    assert triggers("The city banned public celebrations, fearing missile attacks.") == []
    assert triggers("Events were cancelled for fear of drone attacks on the city.") == []


def test_periodic_shelling_since_then_is_no_event():
    assert triggers("Since then, Russian units have periodically shelled the town.") == []
    assert triggers("Ever since, the army has shelled the villages across the river.") == []
    assert triggers("The town is occasionally shelled from the left bank.") == []
    assert [t.sub for t in triggers("Russian units shelled the town on Monday.")] == ["shelling"]


def test_a_liberation_presupposed_by_a_since_clause_is_a_fact_with_its_own_actor():
    found = triggers("The town has come under daily shelling from across the river since it was liberated by "
                     "Ukrainian forces in November.")
    assert [(t.sub, t.gains) for t in found] == [("recapture", "Ukraine")]
    found = triggers("Russian units have shelled the town daily since it was recaptured.")
    assert [(t.sub, t.actor) for t in found] == [("recapture", "unknown")]
    assert triggers("The city has been shelled daily since the war began.") == []


# -- E3 / E4: the holder of a place is not the actor; a strike told as the manner of a recapture ---------
def test_the_side_holding_a_place_is_not_the_side_that_liberated_it():
    found = triggers("The president said in a video that the Russian-occupied village of Foo has been liberated.")
    assert [(t.sub, t.gains) for t in found] == [("recapture", "unknown")]  # not Russia's liberation
    assert [t.direction("UA") for t in found] == ["recapture"]
    held = triggers("Ukrainian forces retook the Russian-held town of Foo.")
    assert [(t.sub, t.actor) for t in held] == [("recapture", "Ukraine")]


def test_shelling_told_as_the_manner_of_a_recapture_is_no_second_event():
    found = triggers("A commander said the army had retaken the village over several days, methodically shelling "
                     "it, knocking soldiers out of their shelters.")
    assert [t.sub for t in found] == ["recapture"]
    other = triggers("Russian forces captured Foo, shelling Bar on the way.")  # another place: its own event
    assert [t.sub for t in other] == ["capture", "shelling"]
