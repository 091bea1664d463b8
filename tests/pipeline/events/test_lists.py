"""Lists of struck places: each named place is a strike of its own, and a toll stays with the place it is told for
(issue 13). Every sentence is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

from tests.fixtures import article_events

PAGE = "date 2024-05-10\n\n"  # a Friday: "on Monday" is 2024-05-06


def _strikes(parser, body: str) -> list:
    return [e for e in article_events(parser, PAGE + body + "\n") if e.event_type in ("frontline_incident",
                                                                                    "casualty_report")]


def _names(events: list) -> set[str]:
    return {e.place.name for e in events if e.place is not None}


def test_cities_targeted_in_a_list_with_a_sub_list_by_oblast_are_each_an_attack(geoparser):
    body = ("On Monday, several Ukrainian cities were targeted by Russia, including Izium, Lozova, and several "
            "cities in Donetsk Oblast - Siversk, Soledar and Selydove. Two people were killed as a result of "
            "these attacks.")
    got = _strikes(geoparser, body)
    assert {"Izyum", "Lozova", "Siversk", "Soledar", "Selydove"} <= _names(got)
    assert all(e.actor == "Russia" for e in got)
    # the toll is told for all the attacks together: no one place's
    assert not [e for e in got if e.killed]


def test_strikes_on_the_villages_of_a_list_are_each_a_strike(geoparser):
    got = _strikes(geoparser, "Russian forces carried out strikes on the villages of Siversk, Soledar and Selydove "
                              "on Monday.")
    assert _names(got) == {"Siversk", "Soledar", "Selydove"}
    assert {e.when.date for e in got} == {"2024-05-06"}


def test_places_the_missiles_also_hit_are_strikes_of_that_day_without_the_toll(geoparser):
    body = ("Russian missiles struck Izium on Monday, killing two people. The missiles also hit Lozova, Chuhuiv "
            "and Balakliia.")
    got = _strikes(geoparser, body)
    by_place = {e.place.name: (e.killed, e.when.date) for e in got}
    assert by_place["Izyum"] == (2, "2024-05-06")
    assert {by_place[p] for p in ("Lozova", "Chuhuyiv", "Balakliya")} == {(None, "2024-05-06")}


def test_the_district_after_a_struck_village_is_no_second_target(geoparser):
    got = _strikes(geoparser, "At around noon on Thursday, Russian forces struck a cafe in the village of Balakliia, "
                              "Izium district, Kharkiv Oblast.")
    assert _names(got) == {"Balakliya"}


def test_places_taken_in_one_sentence_each_have_their_own_event_id(geoparser):
    from pipeline.events.records import event_id
    body = "Russia's defence ministry said on Monday its forces had captured the villages of Izium and Lozova."
    got = [e for e in article_events(geoparser, PAGE + body + "\n") if e.sub_event_type == "capture"]
    assert len(got) == 2
    assert len({event_id(e) for e in got}) == 2
