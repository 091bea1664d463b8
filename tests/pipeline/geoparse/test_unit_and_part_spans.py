"""Units, parts and facilities of the war theatre named in the press's forms (branch places19).

Hromadas by the adjective of a hyphenated or "-sk" seat and in plural lists, a capitalised "District" / "Raion" after
a raion's seat, the neighbourhoods of a small town, and palaces and parks. The
sentences are written here; the names are real places of the gazetteer.
"""

from __future__ import annotations

import math

from pipeline.geoparse.hromadas import seat_keys
from pipeline.geoparse.resolve import PRECISION_ADMIN2


def _km(a, b) -> float:
    dlat, dlon = math.radians(b.lat - a.lat), math.radians(b.lon - a.lon)
    h = math.sin(dlat / 2) ** 2 + math.cos(math.radians(a.lat)) * math.cos(math.radians(b.lat)) * math.sin(dlon / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def _by_text(geoparser, text: str) -> dict:
    return {p.text: p for p in geoparser.parse_places(text)}


def test_seat_keys_of_hyphenated_and_sk_seats():
    assert "novhorod siverskyi" in seat_keys("novhorod siverska")  # an adjectival seat: only its last word changes
    assert "seredyna buda" in seat_keys("seredyno budska")  # a first word in "-o" stands for another ending
    assert "pokrovsk" in seat_keys("pokrovska")  # a seat in "-sk" adds "-a"


def test_a_hyphenated_hromada_is_its_seat_not_a_fragment_elsewhere(geoparser):
    places = _by_text(geoparser, "Overnight the Novhorod-Siverska hromada came under mortar fire, the regional "
                                 "administration said.")
    assert "Siverska" not in places  # no part of the adjective read on its own
    hromada = places["Novhorod-Siverska"]
    assert hromada.admin1_code == "UA-74" and hromada.precision == PRECISION_ADMIN2


def test_hromadas_listed_before_a_plural_noun(geoparser):
    places = _by_text(geoparser, "Russian troops fired on the Bilopilska, Khotinska and Esmanska communities of the "
                                 "Sumy region on Tuesday.")
    for adjective in ("Bilopilska", "Khotinska", "Esmanska"):
        assert places[adjective].admin1_code == "UA-59", adjective
        assert places[adjective].precision == PRECISION_ADMIN2


def test_an_sk_seat_hromada_known_abroad_by_its_adjective_stays_in_ukraine(geoparser):
    places = _by_text(geoparser, "The Pokrovska community of the Donetsk region was shelled again on Friday.")
    assert places["Pokrovska"].admin1_code.startswith("UA-")


def test_a_capitalised_district_word_after_a_raion_seat(geoparser):
    for text in ("Two houses burned in a village in Kupiansk District.",
                 "Two houses burned in a village of the Kupiansk Raion on Monday."):
        places = _by_text(geoparser, text)
        assert places["Kupiansk"].admin1_code == "UA-63", text
        assert places["Kupiansk"].precision == PRECISION_ADMIN2, text


def test_the_neighbourhoods_of_a_small_town(geoparser):
    text = ("The army left the Kanal micro-district in the town of Chasiv Yar. Assaults on Chasiv Yar go on, while "
            "small groups try to enter the neighbourhoods of Novy and Kanal, a spokesman said.")
    places = geoparser.parse_places(text)
    town = next(p for p in places if p.text == "Chasiv Yar")
    for name in ("Kanal", "Novy"):
        parts = [p for p in places if p.text == name]
        assert parts and all(_km(p, town) < 5 for p in parts), name


def test_a_palace_and_a_park_at_the_town_the_article_names(geoparser):
    text = ("Kyiv was calm in the morning. The two leaders met at Mariinskyi Palace and walked to the Volodymyrska "
            "Hill Park later. Sirens sounded over Kyiv in the afternoon.")
    places = _by_text(geoparser, text)
    assert places["Mariinskyi Palace"].admin1_code == "UA-30"
    assert places["Volodymyrska Hill Park"].admin1_code == "UA-30"
