"""Districts named as such keep their noun in the span, and other structural readings of names (branch places20).

The sentences are written here; the names are real places of the gazetteer.
"""

from __future__ import annotations


def _by_text(geoparser, text: str) -> dict:
    return {p.text: p for p in geoparser.parse_places(text)}


def test_a_russian_district_by_its_adjective_spans_the_noun(geoparser):
    places = _by_text(geoparser, "A drone fell in the Klimovsky district overnight, the Bryansk region governor said.")
    district = places["Klimovsky district"]
    assert district.feature_kind == "admin2" and district.admin1_code == "RU-BRY"
    assert "Klimovsky" not in places


def test_a_district_placed_at_its_seat_keeps_the_seat_name(geoparser):
    places = _by_text(geoparser, "Shelling hit the Chuhuiv district of the Kharkiv region on Monday.")
    assert "Chuhuiv" in places and "Chuhuiv district" not in places
    assert places["Chuhuiv"].admin1_code == "UA-63"


def test_a_city_district_named_with_its_city_spans_the_noun(geoparser):
    places = _by_text(geoparser, "Two people were hurt in the Slobidskyi district of Kharkiv on Tuesday.")
    district = places["Slobidskyi district"]
    assert district.admin1_code == "UA-63" and district.name == "Kharkiv"


def test_plural_districts_are_left_alone(geoparser):
    places = _by_text(geoparser, "Strikes hit the Kholodnohirskyi and Slobidskyi districts of Kharkiv.")
    assert not any(text.endswith("districts") for text in places)


def test_names_called_settlements_are_not_their_oblasts(geoparser):
    places = _by_text(geoparser, "The town lies between the larger settlements of Sumy and Kharkiv.")
    assert places["Sumy"].feature_kind == "city" and places["Kharkiv"].feature_kind == "city"


def test_a_country_in_a_settlement_list_stays_the_country(geoparser):
    places = _by_text(geoparser, "A building caught fire in the city of Kurchatov, Russia's Kursk region.")
    assert places["Russia"].feature_kind == "country"


def test_an_operator_acronym_before_a_plant_keeps_the_city(geoparser):
    places = _by_text(geoparser, "A fire broke out at the Nizhny Novgorod ABCOIL plant, he said.")
    assert places["Nizhny Novgorod"].admin1_code == "RU-NIZ"


def test_a_word_of_a_name_read_as_no_place_is_not_a_village(geoparser):
    # "Nizhny Novgorod Foobar" reads as an organisation's name: its first word is no Ukrainian "Nyzhnye"
    places = _by_text(geoparser, "Officials of Nizhny Novgorod Foobar met on Monday.")
    assert "Nizhny" not in places


def test_the_first_of_two_names_sharing_their_noun(geoparser):
    places = _by_text(geoparser, "Troops retook Velyka and Mala Oleksandrivka in the Kherson region.")
    assert places["Velyka"].name == "Velyka Oleksandrivka" and places["Velyka"].admin1_code == "UA-65"
    assert places["Mala Oleksandrivka"].admin1_code == "UA-65"


def test_a_hydropower_plant_is_the_landmark_the_table_calls_a_hydroelectric_power_plant(geoparser):
    places = _by_text(geoparser, "Officials feared for the Kakhovka Hydropower Plant on Friday.")
    assert places["Kakhovka Hydropower Plant"].feature_kind == "landmark"


def test_a_plant_named_after_a_river_is_not_the_city_of_that_name(geoparser):
    places = _by_text(geoparser, "The president visited the Dnipro Hydroelectric Power Plant on Monday.")
    plant = places["Dnipro Hydroelectric Power Plant"]
    assert plant.feature_kind == "landmark" and plant.admin1_code == "UA-23"
