"""The place hierarchy an event's place is read with (issue 13, session 20): a city with the status of a region lies
in the region around it, so "X in Y" there is no namesake to move. Every sentence is written for these tests."""

from __future__ import annotations

from pipeline.geoparse.admin_join import lies_in_unit
from tests.fixtures import article_events, make_place


def test_a_city_region_lies_in_the_region_around_it_and_not_the_reverse():
    assert lies_in_unit("UA-40", "UA-43")  # Sevastopol in Crimea
    assert lies_in_unit("UA-30", "UA-32")  # Kyiv in the Kyiv region
    assert lies_in_unit("RU-MOW", "RU-MOS")
    assert not lies_in_unit("UA-43", "UA-40")
    assert not lies_in_unit("UA-63", "UA-14")  # two oblasts side by side
    assert lies_in_unit("UA-14", "UA-14") and not lies_in_unit(None, "UA-14")


def test_a_strike_on_a_city_region_told_in_its_peninsula_stays_at_the_city(geoparser):
    text = ("date 2024-03-02\n\nMissiles struck the Sevastopol shipyard in Crimea overnight, injuring five workers, "
            "the city's governor said.\n")
    events = article_events(geoparser, text)
    assert [(e.admin1_code, e.place.name, e.injured) for e in events] == [("UA-40", "Sevastopol", 5)]


def test_a_name_read_in_the_articles_region_and_far_off_is_read_in_the_region_everywhere():
    from pipeline.events.incidents import one_sense

    text = "Troops entered Alphivka in the east. Later Alphivka fell, officials of the Donetsk region said."
    first, second = (text.index("Alphivka"), text.rindex("Alphivka"))
    places = [make_place("Alphivka", start=first, lat=48.6, lon=37.9, admin1_code="UA-14", admin1_name="Donetsk"),
              make_place("Alphivka", start=second, lat=57.3, lon=61.9, admin1_code="RU-SVE", admin1_name="Sverdlovsk",
                         country_code="RU", geonameid=5),
              make_place("Donetsk", start=text.index("Donetsk"), feature_kind="admin1", admin1_code="UA-14",
                         admin1_name="Donetsk", geonameid=None)]
    read = one_sense(places, text)
    assert [(p.start, p.admin1_code) for p in read if p.text == "Alphivka"] == [(first, "UA-14"), (second, "UA-14")]


def test_a_name_read_in_two_units_the_article_never_names_stays_as_read():
    from pipeline.events.incidents import one_sense

    text = "Troops entered Alphivka in the east. Later Alphivka fell."
    places = [make_place("Alphivka", start=text.index("Alphivka"), admin1_code="UA-14"),
              make_place("Alphivka", start=text.rindex("Alphivka"), admin1_code="UA-12", geonameid=5)]
    assert [p.admin1_code for p in one_sense(places, text)] == ["UA-14", "UA-12"]


def test_the_second_part_of_a_compound_name_read_alone_is_not_where_anything_happened():
    from pipeline.events.incidents import usable

    text = "Shells hit the Novo-Alphivka community on Monday."
    assert not usable(make_place("Alphivka", start=text.index("Alphivka")), text)
    text = "Shells hit Alphivka on Monday."
    assert usable(make_place("Alphivka", start=text.index("Alphivka")), text)
