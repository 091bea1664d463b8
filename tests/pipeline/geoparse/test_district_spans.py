"""Districts named as such keep their noun in the span; a city's possessive owns its district (branch places20).

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


def test_a_city_possessive_owns_the_district_after_it(geoparser):
    places = _by_text(geoparser, "Two people were hurt in Kharkiv's Slobidskyi District on Tuesday.")
    district = places["Slobidskyi District"]
    assert district.admin1_code == "UA-63" and district.name == "Kharkiv"  # not a town of Kirov oblast


def test_plural_districts_are_left_alone(geoparser):
    places = _by_text(geoparser, "Strikes hit the Kholodnohirskyi and Slobidskyi districts of Kharkiv.")
    assert not any(text.endswith("districts") for text in places)
