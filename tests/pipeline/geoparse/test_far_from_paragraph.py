"""A far namesake in a paragraph about one area of the war (issues 12 and 13, session 15).

A small settlement whose reading lies hundreds of km from every place its paragraph locates, in none of their
admin-1 units, gives way to a namesake near them or is dropped; a big city (a dateline, a seat of government) is
no such place. None of these sentences comes from an evaluation set.
"""

from __future__ import annotations

from pipeline.geoparse.resolve import _one_area


def _texts(places):
    return {p.text: p for p in places}


def test_village_far_from_the_border_region_its_paragraph_is_about_is_dropped(geoparser):
    places = _texts(geoparser.parse_places(
        "Russian shells hit Hayvoron and Shebekino in the Belgorod region overnight, the governor said. "
        "Ukraine denied an attack."))
    assert "Hayvoron" not in places  # its readings lie in central and northern Ukraine
    assert places["Shebekino"].admin1_code == "RU-BEL"


def test_dropped_name_is_dropped_in_the_paragraphs_that_name_nothing_else(geoparser):
    places = geoparser.parse_places(
        "Russian shells hit Hayvoron and Shebekino in the Belgorod region overnight, the governor said.\n\n"
        "Two people were wounded in Hayvoron, Ukraine's army was told.")
    assert all(p.text != "Hayvoron" for p in places)


def test_town_far_from_a_dateline_city_is_kept(geoparser):
    places = _texts(geoparser.parse_places(
        "Kyiv: Ukraine's army withdrew from Avdiivka after months of fighting against Russian troops."))
    assert places["Avdiivka"].admin1_code == "UA-14"


def test_paragraph_on_two_fronts_questions_nothing():
    assert _one_area([("a", 50.6, 36.6, "RU-BEL", "city"), ("b", 50.3, 36.9, "RU-BEL", "city")], 250.0)
    assert not _one_area([("a", 50.6, 36.6, "RU-BEL", "city"), ("b", 46.6, 32.6, "UA-65", "city")], 250.0)



def test_town_named_beside_one_far_town_is_kept(geoparser):
    places = _texts(geoparser.parse_places(
        "Russian troops committed crimes in Bucha and besieged the city of Mariupol, Ukraine says."))
    assert places["Bucha"].admin1_code == "UA-32"


def test_town_far_from_a_seat_of_government_named_twice_is_kept(geoparser):
    places = _texts(geoparser.parse_places(
        "Russian troops took Avdiivka, the Kremlin said. A meeting at the Kremlin hailed the capture of the "
        "Ukrainian town."))
    assert places["Avdiivka"].admin1_code == "UA-14"


def test_town_of_another_front_in_the_same_country_is_kept(geoparser):
    places = _texts(geoparser.parse_places(
        "Ukrainian forces pushed deeper into the Kherson region and advanced east of Lyman, which they took back "
        "from Russian troops."))
    assert places["Lyman"].admin1_code == "UA-14"


def test_demonym_capital_is_the_capital_city(geoparser):
    places = _texts(geoparser.parse_places("Explosions were heard in the Ukrainian capital and the Kyiv Oblast."))
    assert places["Ukrainian capital"].admin1_code == "UA-30"
    places = _texts(geoparser.parse_places("Drones attacked the Russian capital overnight, Ukraine said."))
    assert places["Russian capital"].admin1_code == "RU-MOW"


def test_demonym_capital_before_the_city_name_leaves_the_name_to_the_city(geoparser):
    places = _texts(geoparser.parse_places("He visited the Ukrainian capital Kyiv on Friday."))
    assert "Ukrainian capital" not in places and places["Kyiv"].admin1_code == "UA-30"
