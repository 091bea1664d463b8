"""Gold events lost as "not extracted" (issue 13, session 19): a list a tally announces may open with a copula
("five villages near X: they are A, B, C, D and E"); a strike over towns of three or more regions whose sentence names
its day ("Saturday's wave of strikes across A, B, C and D") is that day's strikes even when the page is undated and
the day stays unresolved. Every sentence is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

from pipeline.text.dates import names_a_day
from tests.fixtures import article_events

PAGE = "date 2025-06-13\n\n"  # a Friday


def _places(parser, text: str, sub: str) -> set[str]:
    return {e.place.text for e in article_events(parser, text + "\n") if e.sub_event_type == sub and e.place}


# -- an announced list opening with a copula ------------------------------------------------------------------------
def test_a_tally_announcing_its_list_with_they_are_names_each_village(geoparser):
    body = ("Ukrainian forces confirmed the liberation of four villages near Izium: they are Kamianka, Husarivka, "
            "Dovhenke and Hrakove, the military said.")
    assert {"Kamianka", "Husarivka", "Dovhenke", "Hrakove"} <= _places(geoparser, PAGE + body, "recapture")


def test_a_tally_announcing_its_list_with_namely_names_each_village(geoparser):
    body = ("Russian troops said they had captured three villages in the Donetsk region: namely Keramik, Ocheretyne "
            "and Novobakhmutivka.")
    assert {"Keramik", "Ocheretyne", "Novobakhmutivka"} <= _places(geoparser, PAGE + body, "capture")


def test_a_tally_whose_list_has_fewer_names_than_it_counts_stays_unnamed(geoparser):  # control
    body = ("Ukrainian forces confirmed the liberation of five villages near Izium: they are Kamianka and Husarivka, "
            "the military said.")
    assert not {"Kamianka", "Husarivka"} & _places(geoparser, PAGE + body, "recapture")


# -- a sweep with a day told on an undated page ---------------------------------------------------------------------
def test_a_possessive_weekday_names_the_day_even_after_a_speech_verb():
    assert names_a_day("Officials reported that Saturday's wave of strikes across the country hit power plants.")
    assert not names_a_day("Officials reported that strikes across the country hit power plants.")


def test_strikes_over_many_regions_on_a_named_day_of_an_undated_page_are_each_an_attack(geoparser):
    text = ("Strike on a block of flats in Dnipro kills 12\n\nA Russian missile hit a block of flats in Dnipro, killing "
            "12 people. Officials reported that Saturday's wave of bombardments by Russian forces across Odesa, "
            "Kharkiv, Lviv and Zhytomyr had caused power outages.")
    assert {"Odesa", "Kharkiv", "Lviv", "Zhytomyr"} <= _places(geoparser, text, "attack")


def test_strikes_over_many_regions_with_no_day_stay_a_sweep(geoparser):  # control
    text = ("Strike on a block of flats in Dnipro kills 12\n\nA Russian missile hit a block of flats in Dnipro, killing "
            "12 people. Officials reported that bombardments by Russian forces across Odesa, Kharkiv, Lviv and "
            "Zhytomyr had caused power outages.")
    assert not {"Odesa", "Kharkiv", "Lviv", "Zhytomyr"} & _places(geoparser, text, "attack")

