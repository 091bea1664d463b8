"""Events told by reference: who acted ("its troops", "they", "an attack by ..."), where ("the X district of Y",
"the capital"), and wordings of incidents and of ongoing statements.

Every text here is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

from pipeline.events.triggers import antecedent, triggers
from tests.fixtures import article_events as _events


def _actors(sentence: str) -> list[tuple[str, str]]:
    return [(t.sub, t.actor) for t in triggers(sentence)]


# -- who acted ---------------------------------------------------------------------------------------
def test_its_troops_take_the_side_of_the_party_named_before(parser):
    text = ("date 2024-06-01\nRussia said on Friday that its forces had made gains near Pokrovsk.\n\n"
            "The defence ministry said its troops \u201cliberated the village of Novohrodivka\u201d in the Donetsk "
            "region.")
    control = [e for e in _events(parser, text) if e.place.name.startswith("Novohrodivka")]
    assert [(e.sub_event_type, e.actor) for e in control] == [("capture", "Russia")]


def test_which_they_recaptured_refers_to_the_subject_of_the_sentence(parser):
    text = ("date 2022-10-05\nUkrainian forces pushed on towards Svatove, east of Kupiansk, which they recaptured "
            "at the weekend.")
    found = [(e.sub_event_type, e.actor) for e in _events(parser, text) if e.place.name.startswith("Kup")]
    assert found == [("recapture", "Ukraine")]


def test_the_ministry_said_troops_took_is_the_ministrys_side(parser):
    text = ("date 2024-09-03\nUkraine's defence ministry on Monday reported new gains in the south.\n\n"
            "The ministry said troops had taken the village of Robotyne in the Zaporizhzhia region.")
    found = [(e.place.name, e.actor) for e in _events(parser, text) if e.event_type == "frontline_incident"]
    assert found == [("Robotyne", "Ukraine")]


def test_the_antecedent_is_no_country_after_a_preposition_nor_a_holder():
    assert antecedent(["Moscow's defence ministry claimed three villages in eastern Ukraine, after its "]) == "Russia"
    assert antecedent(["Fighting in Ukraine went on. ", "The Russian-held town was calm. Kyiv said "]) == "Ukraine"
    assert antecedent(["The weather was cold. "]) == "unknown"


def test_a_country_after_a_preposition_is_not_the_subject():
    assert _actors("Russian occupation forces in Ukraine have launched missiles at the centre of Sumy.") == \
        [("missile_strike", "Russia")]
    assert _actors("The army of Ukraine liberated the town.") == [("recapture", "Ukraine")]


def test_the_agent_of_a_noun_or_of_a_passive_is_the_actor():
    assert _actors("The town was subjected to a drone attack by Russian troops.") == [("drone_strike", "Russia")]
    assert _actors("The shelling of the village by the Armed Forces of Ukraine damaged a school.") == \
        [("shelling", "Ukraine")]
    assert _actors("The depot was struck by a Russian missile on Tuesday.") == [("missile_strike", "Russia")]
    assert _actors("The withdrawal of the Ukrainian army from the town was orderly.")[0][1] == "Ukraine"
    # who reported it is not who acted
    assert _actors("A drone attack on the town, reported by Ukrainian media, set a depot on fire.") == \
        [("drone_strike", "unknown")]


# -- where -----------------------------------------------------------------------------------------
def test_a_district_tied_to_its_city_is_not_a_far_namesake(parser):
    text = ("date 2024-05-06\nA Russian drone hit a warehouse in the Suvorovskyi district of Odesa on Monday, "
            "injuring two people. The mayor said two people were hurt in the Suvorovskyi district.")
    assert {e.admin1_code for e in _events(parser, text)} == {"UA-51"}


def test_a_landmark_named_after_a_far_town_goes_to_the_region_the_text_names(parser):
    found = _events(parser, "date 2024-05-06\nA Ukrainian drone struck the Slavyansk refinery in the Krasnodar region.")
    assert [(e.admin1_code, e.geo_precision) for e in found] == [("RU-KDA", 3)]


def test_a_town_name_inside_a_churchs_name_is_no_place_of_the_strike(parser):
    text = ("date 2024-05-06\nA Russian missile hit the Cathedral of the Holy Martyrs Boris and Paul in Kharkiv, "
            "killing one person.")
    assert [(e.admin1_code, e.killed) for e in _events(parser, text)] == [("UA-63", 1)]


def test_a_capital_as_the_subject_of_a_clause_is_no_place_of_the_strike(parser):
    text = ("date 2024-05-06\nUkraine's navy reported a strike overnight. Ukrainian drones struck a fuel depot on the "
            "peninsula that Moscow annexed in 2014.")
    assert [e for e in _events(parser, text) if e.admin1_code == "RU-MOW"] == []
    text = "date 2024-05-06\nRussian drones struck a depot in Kyiv when Kyiv was preparing for the holiday."
    assert {e.admin1_code for e in _events(parser, text)} == {"UA-30"}


def test_the_capital_is_the_capital_the_article_names(parser):
    text = ("date 2024-06-10\nKyiv's mayor said air defence was at work overnight. An explosion rang out in the "
            "capital when a drone was shot down, injuring one man.")
    assert [(e.place.name, e.injured) for e in _events(parser, text)] == [("Kyiv", 1)]


def test_the_capital_beside_a_named_place_is_not_the_incidents_place(parser):
    text = ("date 2024-06-10\nKyiv's mayor spoke on television. Residents of the capital watched as Russian shelling "
            "hit Kharkiv, injuring two people.")
    assert [(e.place.name, e.injured) for e in _events(parser, text)] == [("Kharkiv", 2)]


def test_the_capital_is_nowhere_when_the_article_names_no_capital(parser):
    text = "date 2024-06-10\nAn explosion rang out in the capital overnight, injuring one man, the army said."
    assert _events(parser, text) == []


# -- wordings ------------------------------------------------------------------------------------------
def test_was_occupied_by_forces_is_a_capture_but_occupied_as_an_adjective_is_not():
    assert [t.sub for t in triggers("The town was occupied in March by Russian forces.")] == ["capture"]
    assert triggers("The occupied town lies on the river.") == []
    assert triggers("The town had been occupied for eight months.") == []


def test_a_drone_exploding_and_an_explosion_ringing_out_are_incidents():
    assert [t.sub for t in triggers("A drone exploded over the government building at night.")] == ["drone_strike"]
    assert [t.sub for t in triggers("Explosions were heard in the city after midnight.")] == ["explosion"]
    assert triggers("The company's sales exploded last year.") == []


def test_a_span_of_attacks_since_a_month_or_begun_in_a_year_is_no_incident():
    assert triggers("Russian troops have shelled the town since April.") == []
    assert triggers("Drone attacks on border regions began in 2022 and have grown since.") == []
    assert [t.sub for t in triggers("The shelling began at dawn and killed two people.")] == ["shelling"]


# -- claims --------------------------------------------------------------------------------------------
def test_a_peoples_republic_is_the_unit_of_a_place_the_article_names_in_it(parser):
    text = ("date 2022-10-01\nRussian forces shelled Sievierodonetsk and Kramatorsk again. At a ceremony the Kremlin "
            "declared the Donetsk People's Republic and the Lugansk People's Republic parts of the Russian Federation.")
    claimed = {e.admin1_code for e in _events(parser, text) if e.event_type == "annexation_claim"}
    assert claimed == {"UA-14", "UA-09"}


# -- incidents told apart ----------------------------------------------------------------------------
def test_an_oblast_only_attack_takes_no_undated_attack_at_a_town_of_another_oblast(parser):
    text = ("date 2024-03-23\nOn the night of March 23, Ukrainian forces attacked the Kursk region with drones.\n\n"
            "Earlier, a drone exploded over a factory in Yelets, officials said.")
    found = {(e.admin1_code, e.when.date) for e in _events(parser, text)}
    assert ("RU-KRS", "2024-03-23") in found and any(code == "RU-LIP" for code, _d in found)


def test_a_vague_oblast_summary_goes_when_a_town_of_it_changed_hands(parser):
    text = ("date 2023-08-16\nUkraine's army said it had retaken the village of Robotyne.\n\n"
            "In the Zaporizhzhia region, a cluster of small settlements was recaptured, officials said.")
    found = [(e.place.name, e.geo_precision) for e in _events(parser, text) if e.event_type == "frontline_incident"]
    assert [name for name, precision in found if precision == 3] == []
