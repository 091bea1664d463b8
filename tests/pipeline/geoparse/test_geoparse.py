"""Geoparser behaviour: the traps of war news, written as general rules on synthetic sentences."""

from __future__ import annotations

import re

import pytest
from geopy.distance import great_circle

from pipeline.model import Place


def _places(geoparser, text):
    places = geoparser.parse(text)
    for p in places:
        assert text[p["start"]:p["end"]] == p["text"]
    return places


def _only(geoparser, text, surface):
    found = [p for p in _places(geoparser, text) if p["text"] == surface]
    assert found, f"{surface!r} not found in {text!r}"
    return found[0]


def test_lyman_resolves_to_donetsk_oblast_when_the_sentence_names_it(geoparser):
    p = _only(geoparser, "Fighting continued near Lyman in Ukraine's eastern Donetsk region on Monday.", "Lyman")
    assert p["admin1_code"] == "UA-14"
    assert "same sentence" in p["reason"]


def test_same_name_follows_the_region_named_in_context(geoparser):
    p = _only(geoparser, "Shelling hit the village of Lyman in the Kharkiv region overnight, officials said.", "Lyman")
    assert p["admin1_code"] == "UA-63"


@pytest.mark.parametrize("spelling", ["Zaporizhzhia", "Zaporozhzhia", "Zaporizhia", "Zaporozhye", "Zaporizhzhya"])
def test_spelling_variants_of_a_city_resolve_to_one_place(geoparser, spelling):
    p = _only(geoparser, f"Officials in {spelling} reported an explosion.", spelling)
    assert p["admin1_code"] == "UA-23"
    assert great_circle((p["lat"], p["lon"]), (47.84, 35.14)).km < 25


def test_kyiv_and_kiev_are_one_place(geoparser):
    a = _only(geoparser, "Air raid sirens sounded in Kyiv.", "Kyiv")
    b = _only(geoparser, "Air raid sirens sounded in Kiev.", "Kiev")
    assert a["geonameid"] == b["geonameid"] and a["feature_kind"] == "city"


def test_region_phrase_names_the_oblast_not_the_city(geoparser):
    text = "Troops advanced in the Donetsk region while Donetsk itself was shelled."
    places = [p for p in _places(geoparser, text) if p["text"] == "Donetsk"]
    assert [p["feature_kind"] for p in places] == ["admin1", "city"]
    assert {p["admin1_code"] for p in places} == {"UA-14"}
    # the oblast and the city are different GeoNames entries, and both carry their id
    assert places[0]["geonameid"] and places[1]["geonameid"]
    assert places[0]["geonameid"] != places[1]["geonameid"]


def test_a_list_ending_in_regions_makes_every_item_a_region(geoparser):
    text = "Votes were held in the Kherson, Luhansk and Donetsk regions last week."
    kinds = {p["text"]: p["feature_kind"] for p in _places(geoparser, text)}
    assert kinds == {"Kherson": "admin1", "Luhansk": "admin1", "Donetsk": "admin1"}


def test_landmark_resolves_to_its_city(geoparser):
    p = _only(geoparser, "Crowds gathered on Moscow's Red Square for a concert.", "Red Square")
    assert p["admin1_code"] == "RU-MOW" and p["feature_kind"] == "landmark"


def test_capital_used_for_a_government_is_the_capital_city(geoparser):
    p = _only(geoparser, "He accused Washington and its allies of escalating the conflict.", "Washington")
    assert p["admin1_code"] == "US-DC"


def test_boilerplate_lines_yield_no_places(geoparser):
    text = ("Shelling resumed in Kharkiv.\n\nRelated coverage Flooding in Texas Leaves Thousands Without Power "
            "A storm hit Houston on Sunday...\n\nThe mayor of Kharkiv said ...")
    surfaces = {p["text"] for p in _places(geoparser, text)}
    assert "Kharkiv" in surfaces
    assert not surfaces & {"Texas", "Houston"}


def test_alternate_name_of_a_bigger_city_does_not_win_over_a_main_name(geoparser):
    # GeoNames lists "Pokrovsk" as a former name of Engels (Russia), a bigger city.
    p = _only(geoparser, "Ukrainian troops held their positions around Pokrovsk.", "Pokrovsk")
    assert p["country_code"] == "UA" and p["admin1_code"] == "UA-14"


@pytest.mark.parametrize("text", [
    "Vladimir Putin met Antony Blinken.",
    "President Joe Biden spoke with Jens Stoltenberg.",
    "Dmitry Peskov told Reuters that NATO was to blame.",
])
def test_person_and_organisation_names_are_not_places(geoparser, text):
    assert _places(geoparser, text) == []


def test_demonyms_are_country_mentions(geoparser):
    p = _only(geoparser, "Ukrainian troops crossed the river.", "Ukrainian")
    assert p["feature_kind"] == "country" and p["country_code"] == "UA"


@pytest.mark.parametrize("abbrev,code", [("U.S.", "US"), ("US", "US"), ("UK", "GB")])
def test_abbreviations_are_countries(geoparser, abbrev, code):
    p = _only(geoparser, f"The {abbrev} government announced new sanctions.", abbrev)
    assert p["country_code"] == code


def test_acronyms_and_headline_capitals_are_not_places(geoparser):
    assert _places(geoparser, "The NATO summit ended.\n\nREADING THE SIGNS") == []


def test_common_words_at_sentence_start_are_not_places(geoparser):
    assert _places(geoparser, "Reading the statement, she paused. March ended quietly.") == []


def test_river_is_not_the_city_of_the_same_name(geoparser):
    surfaces = {p["text"] for p in _places(geoparser, "Troops pushed along the Dnipro river towards Kherson.")}
    assert "Dnipro" not in surfaces and "Kherson" in surfaces


def test_every_place_has_confidence_and_a_reason(geoparser):
    for p in _places(geoparser, "Missiles struck Kharkiv and Odesa, while Moscow denied it."):
        assert 0 < p["confidence"] <= 1
        assert p["reason"] and p["name"] in p["reason"]
        assert p["admin1_code"] and p["country_code"]


def test_empty_and_whitespace_text(geoparser):
    assert geoparser.parse("") == []
    assert geoparser.parse("   \n\n ") == []


def test_offsets_survive_diacritics_and_curly_apostrophes(geoparser):
    text = "Señor López visited Kyiv’s centre, then Dnipro\u2011based units moved."
    surfaces = [p["text"] for p in _places(geoparser, text)]
    assert "Kyiv" in surfaces and "Dnipro" in surfaces


def test_parse_many_matches_parse(geoparser):
    texts = ["Kharkiv was shelled.", "", "Sirens in Lviv."]
    many = geoparser.parse_many(texts)
    assert many == [geoparser.parse_places(t) for t in texts]
    assert all(isinstance(p, Place) for places in many for p in places)
    # the dict edge helper is the places' records, signals included
    assert [[p.as_properties() for p in places] for places in many] == [geoparser.parse(t) for t in texts]
    assert [p.signals for p in many[0]] == [p.signals for p in geoparser.parse_places(texts[0])]


def test_a_big_city_beats_a_village_of_that_name_near_places_in_other_paragraphs(geoparser):
    text = ("Shelling killed two people in Bakhmut in the Donetsk region, officials said.\n\n"
            "In Mykolaiv, a missile struck an apartment building overnight.")
    p = _only(geoparser, text, "Mykolaiv")
    assert p["admin1_code"] == "UA-48" and "population" in p["reason"]


def test_a_name_before_an_organisation_noun_is_not_a_place(geoparser):
    surfaces = {p["text"] for p in _places(geoparser, "Fighters of the Wagner group said they had captured Bakhmut.")}
    assert surfaces == {"Bakhmut"}


def test_a_county_named_with_its_state_is_that_states_county(geoparser):
    # several states have a county of the same name; the state in the text says which
    text = "Deputies in Anderson County, South Carolina, arrested a man on Friday."
    county = next(p for p in _places(geoparser, text) if p["text"] == "Anderson County")
    assert (county["feature_kind"], county["admin1_code"]) == ("admin2", "US-SC")
    text = "Anderson County, Tennessee, opened a shelter after the storm."
    county = next(p for p in _places(geoparser, text) if p["text"] == "Anderson County")
    assert county["admin1_code"] == "US-TN"


def test_a_name_is_no_evidence_for_itself(geoparser):
    text = "Storms hit Georgia on Monday, the U.S. weather service said. Officials in Georgia closed roads."
    georgia = [p for p in geoparser.parse(text) if p["text"] == "Georgia"]
    assert [p["admin1_code"] for p in georgia] == ["US-GA", "US-GA"]
    for p in georgia:  # the other "Georgia" is the same name, not context
        assert not re.search(r"Georgia \([A-Z-]+\) named in", p["reason"]), p["reason"]


def test_a_region_phrase_is_evidence_for_the_city_of_its_name(geoparser):
    text = "Shelling hit the Kharkiv region overnight. Kharkiv was without power."
    city = next(p for p in geoparser.parse(text) if p["text"] == "Kharkiv" and not text.startswith(" region", p["end"]))
    assert city["feature_kind"] == "city" and city["admin1_code"] == "UA-63"
    assert "named in the same paragraph" in city["reason"]  # "the Kharkiv region" names its unit outright


@pytest.mark.parametrize("text,name,admin1", [
    ("Cases rose, the Texas Department of State Health Services said.", "Texas", "US-TX"),
    ("The Kharkiv Regional Military Administration reported shelling overnight.", "Kharkiv", "UA-63"),
    ("Deputies of the Anderson County Sheriff's Office in South Carolina found the car.", "Anderson County", "US-SC"),
    ("Kharkiv Mayor Ihor Terekhov said the strike hit a school.", "Kharkiv", "UA-63"),
    ("A Chernihiv Police spokesman said two were hurt.", "Chernihiv", "UA-74"),
])
def test_a_region_named_by_its_institution_is_a_place(geoparser, text, name, admin1):
    found = [p for p in geoparser.parse(text) if p["text"] == name]
    assert [p["admin1_code"] for p in found] == [admin1]


@pytest.mark.parametrize("text,word", [
    ("Virginia Woolf wrote the novel in London.", "Virginia"),
    ("The Minnesota Twins won on Sunday.", "Minnesota"),
])
def test_a_region_name_inside_other_names_is_not_a_place(geoparser, text, word):
    assert word not in [p["text"] for p in geoparser.parse(text)]


@pytest.mark.parametrize("text,demonym,code", [
    ("British troops arrived on Monday.", "British", "GB"),
    ("Palestinian officials met on Monday.", "Palestinian", "PS"),
])
def test_demonyms_of_countries_listed_twice_in_the_sources(geoparser, text, demonym, code):
    found = [p for p in geoparser.parse(text) if p["text"] == demonym]
    assert [(p["feature_kind"], p["country_code"]) for p in found] == [("country", code)]


def test_continent_demonyms_and_the_eu_are_continent_mentions(geoparser):
    text = "EU ministers met European, African and North American envoys; the European Union said so."
    found = {p["text"]: (p["name"], p["feature_kind"]) for p in geoparser.parse(text)}
    assert found == {"EU": ("Europe", "continent"), "European": ("Europe", "continent"),
                     "African": ("Africa", "continent"), "North American": ("North America", "continent"),
                     "European Union": ("Europe", "continent")}


def test_a_continent_mention_does_not_dilute_the_article_country(geoparser):
    plain = geoparser.parse("Floods hit Alexandria, Romanian officials said.")
    with_eu = geoparser.parse("Floods hit Alexandria, Romanian officials said. EU envoys met European leaders.")
    assert plain[0]["confidence"] == with_eu[0]["confidence"]


def test_a_first_name_that_is_also_a_village_still_marks_a_person(geoparser):
    # "Jose" and "Bautista" are both places somewhere; after "Jose Bautista", "Bautista" is the man
    text = "The Blue Jays open without Jose Bautista. Bautista hit 40 home runs in Toronto."
    assert [p["text"] for p in geoparser.parse(text)] == ["Toronto"]


@pytest.mark.parametrize("text,kept,dropped", [
    ("The visitors lost to Real Madrid in the final.", [], ["Madrid"]),
    ("Schools across Northeast Georgia closed on Monday.", ["Georgia"], []),
    ("Reaction to Thursday's Ontario budget was mixed.", ["Ontario"], []),
    ("Shoppers crowded stores before Christmas, and sales ended on Nov. 5.", [], ["Christmas", "Nov"]),
])
def test_the_word_before_a_name_and_calendar_words(geoparser, text, kept, dropped):
    found = [p["text"] for p in geoparser.parse(text)]
    assert all(k in found for k in kept), found
    assert not any(d in found for d in dropped), found


@pytest.mark.parametrize("text,person", [
    ("Gino D. Bassett, 56, was charged. Bassett said nothing in Chicago.", "Bassett"),
    ("The team won again, said coach Ripley in Denver.", "Ripley"),
    ("Congressman Mario Diaz-Balart spoke in Miami.", "Balart"),
])
def test_people_named_with_initials_titles_or_hyphens_are_not_places(geoparser, text, person):
    found = [p["text"] for p in geoparser.parse(text)]
    assert person not in found and found, found


def test_a_dateline_after_a_headline_on_the_same_line_is_a_place(geoparser):
    text = "Club member wins chance to kiss pig. CHARLESTON, W.Va. - A club member won the contest."
    found = [p for p in geoparser.parse(text) if p["text"] == "CHARLESTON"]
    assert [p["admin1_code"] for p in found] == ["US-WV"]


def test_a_state_in_an_unpunctuated_dateline_is_a_place(geoparser):
    text = "AUSTIN, Texas A white nationalist leader spoke on Monday."
    assert "Texas" in [p["text"] for p in geoparser.parse(text)]
