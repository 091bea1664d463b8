"""Rural districts named after their seat ("the X district", "the Xsky district"): placed at the seat, with the
precision of a district; city districts are left to their own rules. Sentences written here."""

from __future__ import annotations

import pytest

from pipeline.geoparse.resolve import PRECISION_ADMIN2


def _place(geoparser, text: str, surface: str):
    return next(p for p in geoparser.parse_places(text) if p.text == surface)


@pytest.mark.parametrize(("sentence", "surface", "seat", "admin1"), [
    # a Ukrainian raion by its seat's name
    ("Shelling hit the Chuhuiv district overnight, the regional governor said.", "Chuhuiv", "Chuhuyiv", "UA-63"),
    # a Russian rayon by its seat's name, and the same before "of the Y region"
    ("Drones struck the Starodub district on Monday.", "Starodub", "Starodub", "RU-BRY"),
    ("A drone hit a house in the Sevsk district of the Bryansk region.", "Sevsk", "Sevsk", "RU-BRY"),
])
def test_a_rural_district_is_placed_at_its_seat(geoparser, sentence, surface, seat, admin1):
    place = _place(geoparser, sentence, surface)
    assert (place.name, place.admin1_code, place.precision) == (seat, admin1, PRECISION_ADMIN2)
    assert place.feature_kind == "city" and "named as a district" in place.reason


@pytest.mark.parametrize(("sentence", "surface", "unit", "admin1"), [
    # (the unit itself: its span takes the noun in)
    ("Shells fell on the Rylsky district of the Kursk region, the governor said.", "Rylsky district", "Rylskiy",
     "RU-KRS"),
    ("Shells fell on the Korochansky district of the Belgorod region, the governor said.", "Korochansky district",
     "Korochanskiy", "RU-BEL"),
])
def test_a_rural_district_by_its_adjective_is_the_unit(geoparser, sentence, surface, unit, admin1):
    place = _place(geoparser, sentence, surface)
    assert (place.name, place.admin1_code, place.feature_kind) == (unit, admin1, "admin2")
    assert place.precision == PRECISION_ADMIN2


def test_a_district_named_like_a_foreign_town_stays_in_its_own_country(geoparser):
    """The seat is found through the admin-2 unit of the adjective: a Russian "-ov" name whose only places of
    that very name are abroad reaches the "-ovka" seat of its rayon."""
    gaz = geoparser.gazetteer
    a1, cc = gaz._columns()[6], gaz._columns()[5]
    assert gaz.rows_for_key("olkhov") and not any(str(cc[r]) == "RU" for r in gaz.rows_for_key("olkhov"))
    assert any(gaz.kind_of[r] == "admin2" for r in gaz.rows_for_key("olkhovskiy"))
    place = _place(geoparser, "A drone attacked a lorry in the Olkhov district, the governor wrote.", "Olkhov")
    assert place.precision == PRECISION_ADMIN2 and place.country_code == "RU"
    assert place.name.startswith("Ol") and place.name.endswith("khovka")
    units = {str(a1[r]) for r in gaz.rows_for_key("olkhovskiy") if gaz.kind_of[r] == "admin2"}
    assert place.admin1_code in units


@pytest.mark.parametrize("sentence", [
    "A strike hit the Kyivskyi district of Kharkiv.",  # "district of" a city
    "A strike hit Kharkiv's Kyivskyi district.",  # a city's possessive
    "In Odesa, a drone damaged houses in the Kyivskyi district.",
])
def test_a_city_district_is_not_a_rural_district(geoparser, sentence):
    place = next(p for p in geoparser.parse_places(sentence) if p.text.startswith("Kyivskyi"))
    assert place.precision != PRECISION_ADMIN2 and place.feature_kind == "city"


def test_an_adjective_district_beside_a_city_of_another_region_is_left_alone(geoparser):
    """An adjective that names a raion of one oblast (and, as such adjectives do, districts of cities
    elsewhere): beside a big city of another oblast it is that city's district, not the raion's seat."""
    text = "In Lviv, the shelling damaged houses in the Zaporizkyi district."
    place = next(p for p in geoparser.parse_places(text) if p.text.startswith("Zaporizkyi"))
    assert place.precision != PRECISION_ADMIN2
    alone = _place(geoparser, "In Ukraine, the shelling damaged houses in the Zaporizkyi district.",
                   "Zaporizkyi district")  # (the unit itself: its span takes the noun in)
    assert alone.precision == PRECISION_ADMIN2


def test_a_district_is_a_coarser_event_location(geoparser):
    from pipeline.events.incidents import _precision

    text = "Shelling hit the Chuhuiv district overnight, the regional governor said."
    place = _place(geoparser, text, "Chuhuiv")
    assert _precision(place, text) == 2
