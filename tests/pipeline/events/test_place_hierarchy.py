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


def test_a_place_name_opening_an_outlets_name_is_not_where_anything_happened():
    from pipeline.events.incidents import usable

    for text in ("The Lipetsk online outlet quoted a source as saying a drone hit a warehouse.",
                 "A drone hit a warehouse, Lipetsk's Telegram channel said."):
        assert not usable(make_place("Lipetsk", start=text.index("Lipetsk")), text)
    text = "A drone hit a warehouse in Lipetsk, an online outlet said."
    assert usable(make_place("Lipetsk", start=text.index("Lipetsk")), text)
