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



def _by_place(events: list) -> dict[str, object]:
    return {e.place.name: e for e in events if e.place is not None}


def test_a_tally_announcing_its_villages_after_a_colon_gives_a_strike_at_each(geoparser):
    body = ("Russian drones attacked two villages in the Kharkiv region on Monday: Lozova in the Lozova district, "
            "where a house burned down, and Balakliia, where a power line was damaged.")
    got = _strikes(geoparser, body)
    assert _names(got) == {"Lozova", "Balakliya"}
    assert {(e.event_type, e.sub_event_type, e.actor, e.when.date) for e in got} == \
        {("frontline_incident", "drone_strike", "Russia", "2024-05-06")}


def test_a_tally_announcing_captured_villages_keeps_each_past_a_clause_locating_the_first(geoparser):
    body = ("Russian forces captured three villages in the Donetsk region: Siversk, near the border with the Luhansk "
            "region, as well as Soledar and Selydove.")
    got = [e for e in article_events(geoparser, PAGE + body + "\n") if e.sub_event_type == "capture"]
    assert _names(got) == {"Siversk", "Soledar", "Selydove"}
    assert all(e.admin1_code == "UA-14" for e in got)


def test_a_tally_whose_count_the_names_after_the_colon_do_not_reach_is_no_list(geoparser):
    from pipeline.events.incidents import _announced, _UNNAMED_TALLY, read_sentences
    from pipeline.events.ties import tie_places
    from pipeline.text.dates import EventDate

    text = "Russian drones attacked three villages in the Kharkiv region: Lozova and a farm near it.\n"
    sent = read_sentences(text, tie_places(text, geoparser.parse_places(text)), EventDate("2024-05-10", 1))[0]
    trig = sent.strikes[0]
    assert _announced(sent, _UNNAMED_TALLY.match(sent.text, trig.end + 1)) == []


def test_a_list_of_struck_towns_going_on_into_regions_gives_an_oblast_level_strike_per_region(geoparser):
    got = _strikes(geoparser, "On Monday, missiles hit Lozova, Izium and the Poltava and Sumy regions.")
    places = _by_place(got)
    assert {"Lozova", "Izyum"} <= set(places)
    regions = {e.admin1_code: e for e in got if e.geo_precision == 3}
    assert set(regions) == {"UA-53", "UA-59"}
    assert all(e.sub_event_type == "missile_strike" and e.when.date == "2024-05-06" and e.killed is None
               for e in regions.values())


def test_the_region_of_a_listed_town_is_no_second_strike(geoparser):
    got = _strikes(geoparser, "On Monday, missiles hit Lviv, Izium and the Lviv and Sumy regions.")
    assert {e.admin1_code for e in got if e.geo_precision == 3} == {"UA-59"}


def test_a_toll_told_for_one_listed_village_stays_with_that_village(geoparser):
    body = "Russian troops shelled the villages of Siversk and Soledar on Monday. Four people were injured in Soledar."
    places = _by_place(_strikes(geoparser, body))
    assert (places["Soledar"].event_type, places["Soledar"].injured) == ("casualty_report", 4)
    assert (places["Siversk"].event_type, places["Siversk"].injured) == ("frontline_incident", None)


def test_a_toll_told_for_one_town_of_a_struck_list_is_never_copied_to_the_others(geoparser):
    body = "Russian missiles struck Lozova, Izium and Chuhuiv on Monday, killing five people in Izium."
    places = _by_place(_strikes(geoparser, body))
    assert places["Izyum"].killed == 5
    assert places["Lozova"].killed is None and places["Chuhuyiv"].killed is None


def test_places_near_from_or_towards_which_troops_fired_are_not_struck(geoparser):
    body = "Russian forces shelled Lozova on Monday, near Izium, and fired from Belgorod towards Chuhuiv."
    assert _names(_strikes(geoparser, body)) == {"Lozova"}


def test_a_list_in_a_forecast_yields_nothing(geoparser):
    body = "Analysts expect Russian forces to attack Siversk, Soledar and Selydove in the coming weeks."
    assert _strikes(geoparser, body) == []


def test_a_tally_after_a_preposition_and_another_still_announces_its_list(geoparser):
    body = "Russian troops took control of another two villages in the Donetsk region on Monday: Siversk and Soledar."
    got = [e for e in article_events(geoparser, PAGE + body + "\n") if e.sub_event_type == "capture"]
    assert _names(got) == {"Siversk", "Soledar"}


def test_a_passive_strike_on_a_list_of_villages_is_a_strike_at_each(geoparser):
    got = _strikes(geoparser, "On Monday, the villages of Siversk and Soledar were shelled by Russian troops.")
    assert _names(got) == {"Siversk", "Soledar"}


def test_places_named_before_a_passive_strike_as_who_spoke_are_not_struck(geoparser):
    got = _strikes(geoparser, "Residents of Lozova and Izium said homes in Chuhuiv were shelled on Monday.")
    assert _names(got) == {"Chuhuyiv"}


def test_a_town_taken_and_the_villages_a_tally_after_it_announces_are_each_a_capture(geoparser):
    body = ("Russian forces captured the town of Siversk, as well as two villages in the Donetsk region: the villages "
            "of Soledar and Selydove, the ministry said on Monday.")
    got = [e for e in article_events(geoparser, PAGE + body + "\n") if e.sub_event_type == "capture"]
    assert _names(got) == {"Siversk", "Soledar", "Selydove"}
    assert {(e.actor, e.when.date) for e in got} == {("Russia", "2024-05-06")}


def test_regions_struck_before_the_towns_of_the_list_are_each_an_oblast_level_strike(geoparser):
    got = _strikes(geoparser, "Russian missiles hit the Poltava and Sumy regions and Lozova on Monday.")
    assert {e.admin1_code for e in got if e.geo_precision == 3} == {"UA-53", "UA-59"}
    assert "Lozova" in _names(got)


def test_the_region_of_the_town_struck_after_it_is_no_second_strike(geoparser):
    got = _strikes(geoparser, "Russian drones attacked the Kharkiv region and the city of Lozova on Monday.")
    assert [(e.place.name, e.geo_precision) for e in got] == [("Lozova", 1)]
