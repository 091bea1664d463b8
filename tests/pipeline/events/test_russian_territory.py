"""Incidents on Russian territory told in the style of a governor's or a ministry's report (issue 13, session 16): a
village that "came under fire", a "UAV" for a drone, a building "struck by a kamikaze drone", "no casualties", the
victim told by their role ("the driver was injured"), a count of settlements attacked with the toll of them all, the
hospital the wounded were taken to, an earlier attack told after the day's unharmed one, a background paragraph's toll.

Every sentence is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

import pytest

from pipeline.events.figures import figures
from pipeline.events.triggers import triggers
from tests.fixtures import article_events


def _subs(sentence: str) -> list[str]:
    return [t.sub for t in triggers(sentence)]


def _roles(sentence: str) -> list[tuple[str, int, str]]:
    return [(f.kind, f.value, f.role) for f in figures(sentence)]


# -- wordings of a governor's report ----------------------------------------------------------------------------
@pytest.mark.parametrize(("sentence", "sub"), [
    ("The outskirts of the village came under fire late on Tuesday, the governor said.", "attack"),
    ("A border hamlet came under attack from the other side of the border at dawn.", "attack"),
    ("A UAV crashed into the roof of a warehouse, the regional head wrote.", "drone_strike"),
    ("After the fall of an enemy unmanned aerial vehicle, a shed and a car caught fire.", "drone_strike"),
    ("The school building was struck by a kamikaze drone in the morning.", "drone_strike"),
    ("Militants attacked the town using UAVs, the governor reported.", "drone_strike"),
    ("In June, the army fired cluster munitions from a launcher at the village of Grove.", "attack"),
])
def test_governor_wordings_are_triggers(sentence, sub):
    assert sub in _subs(sentence)


@pytest.mark.parametrize("sentence", [
    "The town came under the control of the rebels in May.",
    "Both sides have largely refrained from drone attacks on the capital.",
    "The drone lab works on the design of UAVs for farmers.",
])
def test_no_attack_in_these(sentence):
    assert not {"attack", "drone_strike"} & set(_subs(sentence))


# -- figures ----------------------------------------------------------------------------------------------------
def test_no_casualties_is_a_zero():
    assert _roles("There were no casualties, the governor said.") == [("killed", 0, "zero")]
    assert ("injured", 0, "zero") in _roles("A drone hit a barn in the village, no one injured.")


def test_a_victim_told_by_their_role_is_one():
    assert _roles("A car was hit by a drone, the driver was injured.") == [("injured", 1, "individual")]
    assert _roles("The woman received a shrapnel injury to her arm.") == [("injured", 1, "individual")]


def test_the_toll_of_a_count_of_settlements_is_a_sum():
    assert _roles("Four settlements of the district were shelled, three civilians were injured.") == \
        [("injured", 3, "aggregate")]
    assert _roles("Drones attacked two villages on Monday, wounding five people.") == [("injured", 5, "aggregate")]
    assert _roles("Three people were injured in the village.") == [("injured", 3, "total")]


# -- incidents --------------------------------------------------------------------------------------------------
def test_the_hospital_named_after_a_city_is_not_where_it_happened(geoparser):
    text = ("date 2024-02-10\n\nA drone struck a farm building in Stary Oskol on Saturday, wounding two men, the "
            "governor said. The men were taken by ambulance to Belgorod City Hospital No. 1.\n")
    found = [(e.event_type, e.place.name, e.injured) for e in article_events(geoparser, text)]
    assert found == [("casualty_report", "Staryy Oskol", 2)]


def test_an_earlier_attack_with_a_toll_after_an_unharmed_one_is_its_own(geoparser):
    text = ("date 2023-09-20\n\nA drone crashed into a house in Lgov, the governor said. There were no casualties.\n\n"
            "On September 10, a drone attacked the bus station in Lgov. Three people were injured.\n")
    found = sorted((e.event_type, e.injured, e.when.date) for e in article_events(geoparser, text))
    assert found == [("casualty_report", 3, "2023-09-10"), ("frontline_incident", None, "2023-09-20")]


def test_the_toll_told_after_a_background_attack_is_that_attacks(geoparser):
    text = ("date 2023-10-03\n\nThe army shelled the town of Klintsy overnight, the governor said. There are no "
            "casualties.\n\nIn August, the army fired rockets at the town of Novozybkov. Two people were injured.\n")
    found = sorted((e.event_type, e.place.name, e.injured) for e in article_events(geoparser, text))
    assert found == [("casualty_report", "Novozybkov", 2), ("frontline_incident", "Klintsy", None)]


def test_a_figure_goes_with_the_incident_its_paragraph_told_last(geoparser):
    text = ("date 2023-05-08\n\nSix people were injured in the shelling of Valuyki, the governor said.\n\n"
            "The town of Alekseyevka also came under fire; there were no casualties.\n\n"
            "The shelling of Valuyki was first reported on Monday morning. At that time, four people were reported "
            "injured.\n")
    found = sorted((e.event_type, e.place.name, e.injured) for e in article_events(geoparser, text))
    assert found == [("casualty_report", "Valuyki", 6), ("frontline_incident", "Alexeyevka", None)]


def test_a_count_of_settlements_then_each_one_with_its_own_victim(geoparser):
    text = ("date 2024-08-30\n\nTwo settlements in the Bryansk region were attacked, two civilians were injured, the "
            "governor said.\n\nIn the town of Klintsy a car was attacked by a drone, the driver was injured. In "
            "addition, the town of Novozybkov was shelled. A woman was injured.\n")
    found = sorted((e.place.name, e.injured) for e in article_events(geoparser, text)
                   if e.event_type == "casualty_report")
    assert found == [("Klintsy", 1), ("Novozybkov", 1)]
