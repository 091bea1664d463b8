"""Places of real news that depend on their owner, their list or their facility word (issue 12, session 15).

A country of several words owning the unit after it ("the Russian Federation's X Oblast"); a village placed at
the centre of the settlements listed with it taking their unit; military airfields, air bases and depots named
after a town, numbered or not ("X-1 air base"); a town named after its river written with "the". None of these
sentences comes from an evaluation set.
"""

from __future__ import annotations

from pipeline.geoparse.resolve import PRECISION_ADMIN2, PRECISION_TOWN

from tests.fixtures import place_in as _place


def test_unit_after_a_possessive_country_of_two_words_is_kept(geoparser):
    places = geoparser.parse_places("Shells landed near Stroitel, a village in the Russian Federation's Belgorod "
                                    "Oblast.")
    assert _place(places, "Belgorod Oblast").admin1_code == "RU-BEL"
    assert _place(places, "Stroitel").admin1_code == "RU-BEL"  # not the Ukrainian village of that name


def test_one_word_possessive_still_owns_the_unit(geoparser):
    places = geoparser.parse_places("Guns fired from the village of Stroitel in Russia's Belgorod Oblast.")
    assert _place(places, "Stroitel").admin1_code == "RU-BEL"


def test_village_at_the_centre_of_its_list_takes_the_units_of_the_list(geoparser):
    places = geoparser.parse_places("Volunteers cleared rubble in Hostomel, Bucha, Irpin, Borodianka and Buzove.")
    village = _place(places, "Buzove")
    assert village.precision == PRECISION_ADMIN2
    assert village.admin1_code == "UA-32"  # the unit of the places listed, not that of the far namesake


def test_numbered_air_base_is_placed_at_its_town(geoparser):
    places = geoparser.parse_places("Satellite images showed bombers parked at the Engels-2 air base.")
    base = _place(places, "Engels-2")
    assert base.admin1_code == "RU-SAR" and base.precision == PRECISION_TOWN
    whole = _place(places, "Engels-2 air base")
    assert whole.admin1_code == "RU-SAR" and whole.precision == PRECISION_TOWN


def test_quoted_numbered_airfield_is_placed_at_its_town(geoparser):
    places = geoparser.parse_places('Two bombers were hit at the "Engels-2" airfield, the ministry said.')
    assert _place(places, "Engels-2").admin1_code == "RU-SAR"


def test_airfield_and_depot_named_after_a_town_are_placed_at_it(geoparser):
    places = geoparser.parse_places("Drones hit the Millerovo airfield and the Liski oil depot at night.")
    airfield = _place(places, "Millerovo airfield")
    assert airfield.admin1_code == "RU-ROS" and airfield.precision == PRECISION_TOWN
    depot = _place(places, "Liski oil depot")
    assert depot.admin1_code == "RU-VOR" and depot.precision == PRECISION_TOWN


def test_model_designation_is_still_no_town(geoparser):
    places = geoparser.parse_places("The army fielded Engels-2 launchers near the front.")
    assert not [p for p in places if p.text.startswith("Engels")]


def test_town_on_the_river_written_with_the_article(geoparser):
    places = geoparser.parse_places("The general flew to Rostov on the Don to meet his staff.")
    city = _place(places, "Rostov on the Don")
    assert city.admin1_code == "RU-ROS" and city.name == "Rostov-on-Don"


def test_capital_typed_in_lower_case_in_an_article_naming_its_country(geoparser):
    places = geoparser.parse_places("Ukraine's parliament met in kyiv on Friday.")
    assert _place(places, "kyiv").admin1_code == "UA-30"


def test_lower_case_capital_not_read_inside_a_web_address(geoparser):
    places = geoparser.parse_places("More on Ukraine at https://kyiv.example.org/news and #kyiv.")
    assert not [p for p in places if p.text == "kyiv"]


def test_town_typed_in_lower_case_is_the_town_the_article_names(geoparser):
    places = geoparser.parse_places("The mayor of bucha asked for help. Bucha lost power on Sunday.")
    assert _place(places, "bucha").admin1_code == "UA-32"
    assert _place(places, "Bucha").admin1_code == "UA-32"  # its lower-case use is no English word


def test_lower_case_english_word_still_drops_a_weak_name(geoparser):
    places = geoparser.parse_places("The march went on. Officials in March said nothing.")
    assert not [p for p in places if p.text.lower() == "march"]


def test_hashtag_dateline(geoparser):
    places = geoparser.parse_places("#KHARKIV Shelling damaged a school in the city overnight, officials said.")
    assert _place(places, "KHARKIV").admin1_code == "UA-63"


def test_settlement_near_a_town_is_not_a_far_namesake(geoparser):
    far = geoparser.parse_places("Fighting went on around Lozova.")
    near = geoparser.parse_places("Fighting went on around Lozova, near the town of Kupiansk.")
    kupiansk = _place(near, "Kupiansk")
    from geopy.distance import great_circle

    def km(p):
        return great_circle((p.lat, p.lon), (kupiansk.lat, kupiansk.lon)).km

    assert km(_place(far, "Lozova")) > 100  # the town of that name, far away
    assert km(_place(near, "Lozova")) < 100  # the namesake near Kupiansk, or Kupiansk itself


def test_name_used_in_lower_case_only_in_a_handle_is_still_a_person(geoparser):
    alone = geoparser.parse_places("Write to Tarves at the office.")
    assert [p for p in alone if p.text == "Tarves"]  # a village of that name, with nothing to say otherwise
    places = geoparser.parse_places("Write to Tarves at the office or https://social.example.org/@jo_tarves.")
    assert not [p for p in places if p.text == "Tarves"]  # the handle says it is a person


def test_facility_named_by_the_adjective_of_its_town(geoparser):
    places = geoparser.parse_places("Drones set fire to the Kirishskaya refinery on Sunday.")
    refinery = _place(places, "Kirishskaya refinery")
    assert refinery.name == "Kirishi" and refinery.precision == PRECISION_TOWN


def test_facility_known_by_its_own_name_before_an_airfield_noun(geoparser):
    # (a name no table has: Dyagilevo, once this test's example, is a landmark row since branch places21)
    places = geoparser.parse_places("Smoke rose over the Migalovo airfield outside Tver on Tuesday.")
    airfield = _place(places, "Migalovo")
    assert airfield.admin1_code == "RU-TVE" and airfield.precision == PRECISION_TOWN
