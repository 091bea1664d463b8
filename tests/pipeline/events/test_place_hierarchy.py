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


def _events(text: str, named: list[tuple[str, dict]]):
    from pipeline.events.extract import extract_events
    from pipeline.text.articles import make_article

    places = [make_place(word, start=text.index(word), **kw) for word, kw in named]
    return extract_events("a.txt", text, places, make_article("a.txt", text).published)


_FAR = {"lat": 56.6, "lon": 84.9, "admin1_code": "RU-TOM", "admin1_name": "Tomsk", "country_code": "RU", "geonameid": 1}
_NEAR = {"lat": 49.7, "lon": 37.6, "geonameid": 2}
_UNIT = {"feature_kind": "admin1", "geonameid": None}


def test_a_village_read_as_a_namesake_thousands_of_km_off_places_no_event_there():
    text = ("date 2024-03-02\n\nRussian troops shelled the village of Betivka on Monday. Alphavka in the Kharkiv region "
            "was shelled on Thursday.\n")
    events = _events(text, [("Betivka", _FAR), ("Alphavka", _NEAR), ("Kharkiv", _UNIT)])
    assert events and {e.admin1_code for e in events} == {"UA-63"}


def test_a_far_town_whose_region_the_article_names_keeps_its_event():
    text = "date 2024-03-02\n\nUkrainian drones struck Betivka in the Tomsk region on Monday. Russian troops shelled Alphavka.\n"
    unit = {**_FAR, "feature_kind": "admin1", "geonameid": None}
    events = _events(text, [("Betivka", _FAR), ("Tomsk", unit), ("Alphavka", _NEAR)])
    assert "RU-TOM" in {e.admin1_code for e in events}


def test_a_place_name_opening_an_outlets_name_is_not_where_anything_happened():
    from pipeline.events.incidents import usable

    for text in ("The Lipetsk online outlet quoted a source as saying a drone hit a warehouse.",
                 "A drone hit a warehouse, Lipetsk's Telegram channel said."):
        assert not usable(make_place("Lipetsk", start=text.index("Lipetsk")), text)
    text = "A drone hit a warehouse in Lipetsk, an online outlet said."
    assert usable(make_place("Lipetsk", start=text.index("Lipetsk")), text)
