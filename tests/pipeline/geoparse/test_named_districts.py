"""Names the text calls districts, and facilities named by their town's adjective (branch places21).

The sentences are written here; the names are real places or districts of cities the gazetteer lacks.
"""

from __future__ import annotations


def _by_text(geoparser, text: str) -> dict:
    return {p.text: p for p in geoparser.parse_places(text)}


def test_an_unknown_district_named_of_a_city_is_placed_at_that_city(geoparser):
    places = _by_text(geoparser, "A drone hit a house in the Darnytskyi district of Kyiv on Sunday night.")
    district = places["Darnytskyi"]  # (a name the gazetteer lacks: its span is the name alone)
    assert district.name == "Kyiv" and district.admin1_code == "UA-30"
    assert "a district of Kyiv" in district.reason


def test_each_district_of_a_list_is_a_district_of_the_city_after_it(geoparser):
    places = _by_text(geoparser, "Fires broke out in the Darnytskyi and Dniprovskyi districts of Kyiv.")
    # (the second is also a raion of the Dnipropetrovsk region: "of Kyiv" says which)
    assert places["Darnytskyi"].admin1_code == "UA-30"
    assert places["Dniprovskyi"].admin1_code == "UA-30"


def test_a_district_of_the_city_the_paragraph_names_is_placed_at_that_city(geoparser):
    text = ("Kharkiv came under attack again on Friday.\n\n"
            "Two civilians were wounded in the Osnovianskyi district of the city, the mayor said.")
    district = _by_text(geoparser, text)["Osnovianskyi"]
    assert district.name == "Kharkiv" and district.precision == "town"


def test_a_district_adjective_read_far_away_is_the_article_citys_district(geoparser):
    # (GeoNames has towns of these names in other regions, hundreds of kilometres away)
    for city, district, code in (("Odesa", "Prymorskyi", "UA-51"), ("Dnipro", "Samarskyi", "UA-12")):
        text = f"{city} was struck overnight. A strike in the {district} district damaged a school."
        place = _by_text(geoparser, text)[district]
        assert place.admin1_code == code and place.name == _by_text(geoparser, text)[city].name, text


def test_rural_districts_named_in_a_list_stay_rural_districts(geoparser):
    places = _by_text(geoparser, "Kyiv launched an incursion, Moscow said: fighting went on in the Sudzhansky and "
                                 "Korenevsky districts, the Kursk region's governor said.")
    assert places["Sudzhansky"].admin1_code == "RU-KRS" and places["Korenevsky"].admin1_code == "RU-KRS"


def test_towns_named_as_districts_of_a_region_stay_towns(geoparser):
    places = _by_text(geoparser, "Shelling was reported in the Kupiansk and Izium districts of Kharkiv Oblast.")
    assert places["Kupiansk"].feature_kind == "city" and places["Kupiansk"].admin1_code == "UA-63"
    assert places["Izium"].feature_kind == "city" and places["Izium"].admin1_code == "UA-63"


def test_the_last_word_of_a_longer_name_is_no_district_of_its_own(geoparser):
    places = _by_text(geoparser, "A clinic in the Mukuru kwa Ngong district of Nairobi reported new cases.")
    assert "Ngong" not in places or places["Ngong"].name != "Nairobi"


def test_an_unknown_district_with_no_city_named_gets_no_place(geoparser):
    places = _by_text(geoparser, "Windows were broken in the Holosiivskyi district, officials said.")
    assert "Holosiivskyi" not in places and "Holosiivskyi district" not in places


def test_a_power_plant_named_by_its_towns_adjective_is_placed_in_the_region_named(geoparser):
    cases = (("Zmiivska TPP", "the Kharkiv region", "UA-63", "Zmiiv"),
             ("Trypilska TPP", "the Kyiv region", "UA-32", "Trypillia"),
             ("Kurakhivska TPP", "the Donetsk region", "UA-14", "Kurakhove"),
             ("Burshtynska TPP", "Ivano-Frankivsk Oblast", "UA-26", "Burshtyn"))
    for plant, region, code, town in cases:
        text = f"Russian missiles badly damaged the {plant} in {region} on Thursday, the operator said."
        place = _by_text(geoparser, text)[plant]
        assert place.admin1_code == code and place.name == town, text


def test_a_plant_adjective_spelt_like_a_town_abroad_is_read_in_the_region_named(geoparser):
    # ("Uglegorsk" is also a town on Sakhalin; the Russian form of Vuhlehirsk in the Donetsk region)
    places = _by_text(geoparser, "In 2022 Russian troops seized the Uglegorska TPP in the Donetsk region.")
    place = places["Uglegorska TPP"]
    assert place.admin1_code == "UA-14" and place.name == "Vuhlehirsk"


def test_russian_air_bases_named_like_other_places_are_the_air_bases(geoparser):
    # ("Belaya" is also a village in Ukraine; the landmark table has the base in the Irkutsk region)
    places = _by_text(geoparser, "Drones hit bombers at the Belaya air base and at Olenya airfield, officials said.")
    assert places["Belaya air base"].admin1_code == "RU-IRK"
    assert places["Olenya airfield"].admin1_code == "RU-MUR"
    places = _by_text(geoparser, "Explosions were reported at Dyagilevo, a base for long-range bombers.")
    assert places["Dyagilevo"].admin1_code == "RU-RYA"
