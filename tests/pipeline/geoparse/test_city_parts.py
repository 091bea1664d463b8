"""Names the text places itself, against a namesake far away (branch places18; sentences written here).

- a part of a city ("the X neighbourhood of Y", "Y's X microdistrict", "the neighbourhoods of A and B") named like
  a town elsewhere: a reading inside the city, else the city's point with a town's precision;
- a place given by distance and direction ("X, about 30 km north of Y"): a reading there, else that point;
- a facility named with its town: "X railway station", "the ... Theatre in Y", "St. ...'s Cathedral in Y";
- an adjectival name listed with the towns of one unit, read in another: the same adjective in that unit.
"""

from __future__ import annotations

import math

import pytest

from pipeline.geoparse.offsets import destination


def _places(geoparser, text: str, name: str):
    return [p for p in geoparser.parse_places(text) if p.text == name]


def _place(geoparser, text: str, name: str):
    return _places(geoparser, text, name)[0]


def _km(a, lat: float, lon: float) -> float:
    dlat = math.radians(a.lat - lat)
    dlon = math.radians(a.lon - lon) * math.cos(math.radians(lat))
    return 6371.0 * math.hypot(dlat, dlon)


# Selydove: a town of the Donetsk region (21,000), the only place of its name, ~1,000 km from Lviv
@pytest.mark.parametrize("text", [
    "Rockets hit the Selydove neighbourhood of Lviv overnight, the mayor said.",
    "Lviv's Selydove microdistrict came under fire on Sunday.",
    "Shelling hit Lviv on Monday.\n\nLater the neighbourhoods of Zalizna and Selydove were hit, the mayor said.",
])
def test_city_part_named_like_a_far_town_is_placed_at_the_city(geoparser, text):
    place = _place(geoparser, text, "Selydove")
    assert place.admin1_code == "UA-46" and place.precision == "town"
    assert "city_part" in {s.kind for s in place.signals}


def test_a_town_after_a_residential_area_keeps_its_own_reading(geoparser):
    # "a residential area in X" is the whole town's unless a city is named beside X
    text = "Shelling hit Lviv.\n\nLater, shelling hit a residential area in Selydove, the regional governor said."
    assert _place(geoparser, text, "Selydove").admin1_code == "UA-14"
    beside = "Shelling hit a residential area in Selydove, Lviv, on Monday."
    assert _place(geoparser, beside, "Selydove").admin1_code == "UA-46"


def test_a_big_city_named_as_having_neighbourhoods_stays_itself(geoparser):
    text = "Shelling hit Lviv. Later the neighbourhoods of Kharkiv were shelled."
    place = _place(geoparser, text, "Kharkiv")
    assert place.admin1_code == "UA-63" and place.precision == "exact"


def test_a_place_given_by_distance_and_direction_is_placed_there(geoparser):
    text = "Russian troops said they had taken Selydove, about 30 km north of Mariupol."
    place = _place(geoparser, text, "Selydove")
    mariupol = _place(geoparser, text, "Mariupol")
    lat, lon = destination(mariupol.lat, mariupol.lon, 30.0, 0.0)
    assert _km(place, lat, lon) < 1.0 and place.precision == "town"
    # where the phrase agrees with the reading, the reading stays
    near = "Russian troops said they had taken Selydove, about 45 km north-west of Donetsk."
    assert _place(geoparser, near, "Selydove").precision == "exact"


def test_an_unknown_village_given_by_distance_and_direction(geoparser):
    text = "Ukrainian troops shelled the village of Zzyxovo, 15 km north of Horlivka, the ministry said."
    place = _place(geoparser, text, "Zzyxovo")
    assert place.admin1_code == "UA-14" and place.lat > _place(geoparser, text, "Horlivka").lat


def test_destination_moves_along_the_bearing():
    lat, lon = destination(50.0, 30.0, 111.2, 0.0)
    assert abs(lat - 51.0) < 0.01 and abs(lon - 30.0) < 1e-9
    lat, lon = destination(50.0, 30.0, 50.0, 270.0)
    assert lon < 30.0 and abs(lat - 50.0) < 0.01


def test_railway_station_is_a_facility_at_its_town(geoparser):
    text = "The minister arrived at Lozova railway station on Tuesday."
    station = _place(geoparser, text, "Lozova railway station")
    assert station.admin1_code == "UA-63" and station.precision == "town"
    assert _places(geoparser, text, "Lozova")  # the town stays a mention of its own


def test_theatre_and_cathedral_named_with_their_town(geoparser):
    text = "A drone struck St. George's Cathedral in Lviv. The Academic Theatre in Odesa was damaged."
    assert _place(geoparser, text, "St. George's Cathedral").admin1_code == "UA-46"
    assert _place(geoparser, text, "Academic Theatre").admin1_code == "UA-51"
    # the saint the cathedral is dedicated to is no place of its own
    assert not [p for p in geoparser.parse_places(text) if p.text.startswith("St. George")
                and p.text != "St. George's Cathedral"]


def test_adjectival_name_listed_with_towns_of_one_unit(geoparser):
    # Pivdennyi: a town of the Kirovohrad region; Pivdenne: a town of the Odesa region beside Odesa
    text = "Grain ships left Chornomorsk, Pivdennyi and Odesa on Monday."
    place = _place(geoparser, text, "Pivdennyi")
    assert place.admin1_code == "UA-51" and place.name == "Pivdenne"
    alone = "The bus reached Pivdennyi on Monday."
    assert _place(geoparser, alone, "Pivdennyi").admin1_code == "UA-35"


def test_a_village_of_a_list_is_its_namesake_among_the_others(geoparser):
    # Zelenyi Hai: a name of many villages; the list's others lie within a few km of Orikhiv
    text = "Russian shelling hit Orikhiv, Mala Tokmachka, Robotyne, Novoprokopivka and Zelenyi Hai overnight."
    place = _place(geoparser, text, "Zelenyi Hai")
    orikhiv = _place(geoparser, text, "Orikhiv")
    assert _km(place, orikhiv.lat, orikhiv.lon) < 60.0
    assert "among_listed_places" in {s.kind for s in place.signals}


def test_a_big_city_of_a_list_stays_itself(geoparser):
    text = "Russian shelling hit Orikhiv, Mala Tokmachka, Robotyne, Novoprokopivka and Kharkiv overnight."
    assert _place(geoparser, text, "Kharkiv").admin1_code == "UA-63"


def test_a_g_form_the_index_lacks_reaches_the_ukrainian_h_form(geoparser):
    # "Bogorodychne": the Russian g in the Ukrainian form of Bohorodychne (Donetsk region); no index entry has it
    text = "Russian troops shelled Bogorodychne overnight, the Donetsk region governor said."
    place = _place(geoparser, text, "Bogorodychne")
    assert place.admin1_code == "UA-14" and place.name == "Bohorodychne"
    assert "hybrid_spelling" in {s.kind for s in place.signals}


def test_a_big_city_keeps_its_reading_whatever_distance_is_given(geoparser):
    text = "Russian missiles hit Dnipro, about 30 km north of Zaporizhzhia, the governor said."
    place = _place(geoparser, text, "Dnipro")
    assert place.admin1_code == "UA-12" and place.precision == "exact"
