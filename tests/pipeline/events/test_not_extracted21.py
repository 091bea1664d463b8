"""Gold events never extracted (issue 13, session 21): a list of places as the subject of a strike that holds its own
auxiliary ("A, B and C were hit", "came under fire"), each place with its own district ("A of the X district, B in the
Y district"), and fighters hitting or targeting a place in the active voice. Every sentence is written for these
tests; none comes from an evaluation set.
"""

from __future__ import annotations

import pytest

from tests.fixtures import article_events

PAGE = "date 2024-03-05\nWar in Ukraine: latest\n\n"  # a Tuesday: "on Sunday" is 2024-03-03


def _strikes(parser, body: str) -> list:
    return [e for e in article_events(parser, PAGE + body + "\n") if e.event_type in ("frontline_incident",
                                                                                    "casualty_report")]


def _names(events: list) -> set[str]:
    return {e.place.name for e in events if e.place is not None}


@pytest.mark.parametrize("body", [
    "According to the governor, Vovchansk, Dvorichne and Kozacha Lopan were hit on Sunday.",
    "On Sunday, the towns of Vovchansk, Dvorichne and Kozacha Lopan were hit.",
    "On Sunday, Vovchansk, Dvorichne and Kozacha Lopan came under fire.",
    "On Sunday, Vovchansk, Dvorichne and Kozacha Lopan have also been hit, the governor said.",
])
def test_a_list_before_a_strike_holding_its_auxiliary_is_its_subject(geoparser, body):
    got = _strikes(geoparser, body)
    assert {"Vovchansk", "Dvorichne", "Kozacha Lopan"} <= _names(got)
    assert all(e.when.date == "2024-03-03" for e in got)


@pytest.mark.parametrize("body", [
    "Russian troops shelled the Kharkiv region over the past day. According to the governor, the city of Vovchansk "
    "of the Chuhuiv district and the villages of Dvorichne of the Kupiansk district and Kozacha Lopan of the Kharkiv "
    "district were hit.",
    "Russian troops shelled the Kharkiv region over the past day. The city of Vovchansk in the Chuhuiv district, "
    "Dvorichne in the Kupiansk district and Kozacha Lopan in the Kharkiv district came under fire.",
    "The enemy shelled Vovchansk of the Chuhuiv district, Dvorichne of the Kupiansk district and Kozacha Lopan of "
    "the Kharkiv district on Sunday.",
])
def test_each_place_of_a_list_with_its_own_district_is_struck_and_the_districts_are_not(geoparser, body):
    got = _strikes(geoparser, body)
    assert {"Vovchansk", "Dvorichne", "Kozacha Lopan"} <= _names(got)
    assert not _names(got) & {"Kupyansk", "Chuhuiv"}  # the districts only locate the villages


def test_several_towns_targeted_then_named_after_including_stay_the_objects(geoparser):
    got = _strikes(geoparser, "On Sunday, several towns were targeted by Russia, including Izium, Lozova and Balakliia.")
    assert {"Izyum", "Lozova", "Balakliya"} <= _names(got)


@pytest.mark.parametrize("body, place", [
    ("Russian troops hit the village of Dvorichne with artillery overnight.", "Dvorichne"),
    ("Ukrainian forces targeted the village of Tetkino in the Kursk region on Friday, the governor said.", "Tëtkino"),
    ("On Sunday the occupiers hit the villages of Dvorichne and Kindrashivka with artillery.", "Kindrashivka"),
])
def test_fighters_hitting_or_targeting_a_place_is_an_attack_there(geoparser, body, place):
    assert place in _names(_strikes(geoparser, body))


@pytest.mark.parametrize("body", [
    "The song hit the charts in Kharkiv last year, and the band's fans cheered.",
    "Russian forces hit back at critics on Sunday, the ministry said in Moscow.",
    "Ukrainian forces targeted recruitment drives at students, officials in Kyiv said.",
])
def test_hit_or_targeted_without_fighters_hitting_a_place_is_no_attack(geoparser, body):
    assert not _strikes(geoparser, body)


@pytest.mark.parametrize("body, names", [
    ("Ukrainian forces liberated 12 villages in the Kharkiv region, the general staff said on Sunday. In addition to "
     "those named earlier, these are Kurylivka, Petropavlivka and Kyslivka.", {"Kurylivka", "Petropavlivka", "Kyslivka"}),
    ("Ukrainian troops have liberated 20 settlements in the Kharkiv region this week. They include Kurylivka and "
     "Kyslivka.", {"Kurylivka", "Kyslivka"}),
    ("Russian forces said they had captured several villages in the Donetsk region. These are Krasnohorivka and "
     "Novomykhailivka.", {"Krasnohorivka", "Novomykhailivka"}),
])
def test_a_list_referring_back_to_a_tally_names_its_settlements_however_many(geoparser, body, names):
    got = [e for e in _strikes(geoparser, body) if e.sub_event_type in ("recapture", "capture")]
    assert names <= _names(got)


@pytest.mark.parametrize("body", [
    "Ukrainian forces liberated 75 settlements in the Kherson region, the governor said on Sunday. Kherson and "
    "Mykolaiv are the largest cities of the south.",
    "Ukrainian troops retook several villages in the Kharkiv region. Kharkiv and Izium remain the largest towns there.",
    "Russian forces captured two villages in the Donetsk region, the ministry said. These are Krasnohorivka, "
    "Novomykhailivka and Kurakhove.",  # more than counted: not the tally's list
])
def test_towns_named_after_a_tally_without_referring_to_it_are_not_its_settlements(geoparser, body):
    assert not [e for e in _strikes(geoparser, body) if e.sub_event_type in ("recapture", "capture")]


@pytest.mark.parametrize("body", [
    "Russia launched a missile attack on Ukraine on Monday. Multiple explosions were reported in the cities of "
    "Zhytomyr, Lviv, Dnipro and Ternopil.",
    "Explosions rocked Zhytomyr, Lviv, Dnipro and Ternopil on Monday morning as Russian missiles flew over Ukraine.",
])
def test_explosions_reported_in_towns_of_many_regions_are_a_strike_at_each(geoparser, body):
    got = _strikes(geoparser, body)
    assert {"Zhytomyr", "Lviv", "Dnipro", "Ternopil"} <= _names(got)


def test_explosions_only_heard_in_towns_of_many_regions_are_no_strike(geoparser):
    got = _strikes(geoparser, "On Monday explosions were heard in Zhytomyr, Lviv, Dnipro and Ternopil, local media "
                              "said.")
    assert not got
