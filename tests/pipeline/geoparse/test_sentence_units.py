"""A namesake in the admin-1 unit of the settlements placed in its sentence ("strikes on A, B and X"), and ties
between namesakes broken by nearness. Sentences written here."""

from __future__ import annotations


def test_a_listed_village_takes_the_namesake_in_the_unit_of_the_towns_listed_with_it(geoparser):
    """Before: the most populous Malynivka (another oblast, 250 km away) although both towns of the list lie in
    one oblast."""
    text = "Russian artillery shelled Huliaipole, Kamianka-Dniprovska and Malynivka overnight, the regional governor said."
    places = {p.text: p for p in geoparser.parse_places(text)}
    assert places["Huliaipole"].admin1_code == places["Kamianka-Dniprovska"].admin1_code == "UA-23"
    village = places["Malynivka"]
    assert village.admin1_code == "UA-23"
    assert "holds the places named with it" in village.reason


def test_a_town_alone_keeps_its_most_populous_reading(geoparser):
    place = next(p for p in geoparser.parse_places("Russian artillery shelled Malynivka overnight.")
                 if p.text == "Malynivka")
    assert "holds the places named with it" not in place.reason
