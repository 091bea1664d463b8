"""The failure classes of real material (issue 12), each with sentences written here.

1. a town in a location string vanishing when a description follows it; 2. location strings in lower case and
all-caps datelines; 3. namesakes decided by the article's other settlements; 4. facilities known by their own
name; 5. older press forms (adjectival endings, close spellings in the article's region).
None of these sentences comes from an evaluation set.
"""

from __future__ import annotations

from geopy.distance import great_circle

import pytest

from tests.fixtures import place_in as _place


def _km(place, lat, lon):
    return great_circle((place.lat, place.lon), (lat, lon)).km


def _town(geoparser, name):
    """(lat, lon) of the most populous town called ``name``."""
    cands = [c for c in geoparser.gazetteer.candidates(name) if c.feature_kind == "city"]
    best = max(cands, key=lambda c: c.population)
    return best.lat, best.lon


# 1. location strings followed by a description


def test_location_string_head_kept_when_it_is_a_dictionary_word(geoparser):
    places = geoparser.parse_places("Kurgan, Russia. 07/03/2022 Trains loaded with armour leave the yard.")
    town = _place(places, "Kurgan")
    assert town.admin1_code == "RU-KGN"
    assert any(s.kind == "location_line" for s in town.signals)


def test_location_string_head_kept_when_the_text_writes_it_in_lower_case_later(geoparser):
    places = geoparser.parse_places("Sudzha, Kursk Oblast, Russia. 02/03/2022 a column seen in sudzha near the border.")
    assert _place(places, "Sudzha").admin1_code == "RU-KRS"


def test_word_spelt_with_modifier_letters_gives_no_surname(geoparser):
    places = geoparser.parse_places(
        "Bucha, Kyiv Oblast, Ukraine. 04/03/2022 Smoke rising near Vetro Buchansʹkyy Zavod.")
    assert _place(places, "Bucha").admin1_code == "UA-32"


def test_location_line_vouches_only_for_whole_parts(geoparser):
    # "Nova" alone is no place: the part is "Nova Pershyna", a settlement the gazetteer lacks
    places = geoparser.parse_places("Nova Pershyna, Kursk, Russia. 12/02/2022 Trucks seen.")
    assert not any(p.text == "Nova" for p in places)
    assert _place(places, "Nova Pershyna").admin1_code == "RU-KRS"


# 2. case


def test_lower_case_location_string(geoparser):
    places = geoparser.parse_places("sumy, sumy Oblast, ukraine")
    sumy = _place(places, "sumy")
    assert (sumy.feature_kind, sumy.admin1_code) == ("city", "UA-59")


def test_all_caps_dateline_with_a_day(geoparser):
    places = geoparser.parse_places("KYIV, May 5. /AGENCY/. Officials said the talks failed.")
    assert _place(places, "KYIV").admin1_code == "UA-30"


@pytest.mark.parametrize("text", ["meanwhile, sumy stayed quiet.", "Still, officials in the city said so."])
def test_lower_case_words_in_prose_are_not_places(geoparser, text):
    assert [p.text for p in geoparser.parse_places(text)] == []


# 3. namesakes


def test_namesake_near_the_town_named_beside_it(geoparser):
    # one of dozens of villages so called, with no population figure, is the one near Ladyzhyn
    places = geoparser.parse_places("Shelling hit Novoselivka, a village outside Ladyzhyn, on Sunday.")
    village = _place(places, "Novoselivka")
    assert village.admin1_code == "UA-05"
    assert _km(village, *_town(geoparser, "Ladyzhyn")) < 25
    assert "namesake" in village.reason or "km from another place" in village.reason


def test_bare_name_of_a_unit_named_after_its_seat_is_the_town(geoparser):
    odesa = _place(geoparser.parse_places("The minister flew to Odessa on Tuesday."), "Odessa")
    assert (odesa.feature_kind, odesa.admin1_code) == ("city", "UA-51")
    region = _place(geoparser.parse_places("Drones hit the Odessa region overnight."), "Odessa")
    assert region.feature_kind == "admin1"


# 4. named facilities


def test_square_placed_at_the_town_after_it(geoparser):
    places = geoparser.parse_places("Missiles struck Victory Square, central Dnipro, on Monday morning.")
    square = _place(places, "Victory Square")
    assert (square.admin1_code, square.precision) == ("UA-12", "town")
    assert "facility placed at its town" in square.reason


def test_cathedral_placed_at_the_town_before_it(geoparser):
    places = geoparser.parse_places("The blast damaged Lviv's old Dormition Cathedral and nearby homes.")
    assert _place(places, "Dormition Cathedral").admin1_code == "UA-46"


def test_institute_placed_at_the_city_in_its_name(geoparser):
    places = geoparser.parse_places("Two people died when a drone hit the Sumy Artillery Institute of Engineering.")
    assert _place(places, "Sumy Artillery Institute of Engineering").admin1_code == "UA-59"


def test_hospital_known_by_its_own_name(geoparser):
    places = geoparser.parse_places("Doctors at the Zoriana children's hospital in Chernihiv worked all night.")
    hospital = _place(places, "Zoriana")
    assert (hospital.admin1_code, hospital.precision) == ("UA-74", "town")


def test_plant_named_after_a_city_placed_at_the_town_of_the_sentence(geoparser):
    places = geoparser.parse_places("A visit to Netishyn to inspect the Khmelnytskyi Nuclear Power Plant was planned.")
    plant = _place(places, "Khmelnytskyi Nuclear Power Plant")
    assert plant.admin1_code == "UA-68"
    assert _km(plant, *_town(geoparser, "Netishyn")) < 5


@pytest.mark.parametrize("text", ["Chapman University officials said the Pine Nut Processing Plant would close.",
                                  "The International Space Station passed overhead.",
                                  "Crowds gathered in Victory Square on Monday."])
def test_facilities_with_no_town_given_are_not_places(geoparser, text):
    assert [p.text for p in geoparser.parse_places(text)] == []


# 5. older press forms


def test_adjectival_ending_of_the_press(geoparser):
    places = geoparser.parse_places("A column was filmed near Dneprorudny on Friday.")
    town = _place(places, "Dneprorudny")
    assert town.admin1_code == "UA-23"


def test_close_spelling_in_the_region_the_article_names(geoparser):
    places = geoparser.parse_places(
        "Officials in the Zaporizhzhia region said the villages of Prymortsk and Tokmak were shelled.")
    village = _place(places, "Prymortsk")
    assert village.admin1_code == "UA-23"
    assert "close spelling" in village.reason
