"""Merging across outlets (session 23, merge23): a change of control that one outlet tells by a town's second name
(its Soviet name or its Russian spelling), which the geoparser resolved to a namesake deep inside Russia, is the
change another outlet tells at the front-line town bearing that name (``merge._displaced``, ``events.front``).

Every text here is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

import pickle

import pytest

from pipeline.events.front import far_from_front, near_front
from pipeline.events.merge import MergeView
from tests.fixtures import article_events as _events
from tests.fixtures import event_articles as _articles
from tests.fixtures import events_of as _of
from tests.fixtures import merged_in_order as _merged


@pytest.fixture(scope="module")
def parser(geoparser):
    return geoparser


def _changes(parser, texts, order):
    return _of(_merged(parser, texts, order), "frontline_incident")


_SOVIET_NAME = "date 2025-12-01\nRussian forces have liberated Krasnoarmeysk, the Defence Ministry said on Monday."
_PRESENT_NAME = [
    "date 2025-12-01\nUkraine's army withdrew from the city of Pokrovsk in Donetsk Oblast on Monday, a military "
    "spokesman said.",
    "date 2025-12-02\nRussia claimed on Monday that its forces had captured Pokrovsk, a logistics hub in Ukraine's "
    "Donetsk region.",
]


def test_a_soviet_name_alone_is_placed_far_from_the_front_with_its_front_line_bearer(parser):
    # what the rule starts from: the bare old name resolved in Russia, the front-line town it names kept aside
    [event] = _of(_events(parser, _SOVIET_NAME), "frontline_incident")
    assert far_from_front(event)
    assert event.place.country_code == "RU" and event.namesakes
    [pokrovsk] = _of(_events(parser, _PRESENT_NAME[0]), "frontline_incident")
    assert not far_from_front(pokrovsk) and pokrovsk.namesakes == ()
    assert pokrovsk.place.geonameid in event.namesakes


@pytest.mark.parametrize("other", _PRESENT_NAME)
@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_a_change_told_by_a_soviet_name_joins_the_one_at_the_town_bearing_it(parser, other, order):
    texts = [("a.txt", _SOVIET_NAME), ("b.txt", other)]
    [merged] = _changes(parser, texts, order)
    assert _articles(merged) == {"a.txt", "b.txt"}
    # the merged change lies at the front-line town; Russia "liberating" it took it from Ukraine
    assert (merged.place.name, merged.admin1_code, merged.gains) == ("Pokrovsk", "UA-14", "Russia")
    assert merged.sub_event_type in ("capture", "withdrawal")
    assert merged.namesakes == ()


@pytest.mark.parametrize(("far", "near"), [
    ("date 2025-02-10\nRussian troops have completed the liberation of Dzerzhinsk, the Defence Ministry said on "
     "Monday.",
     "date 2025-02-11\nUkrainian units pulled out of Toretsk on Monday after months of street fighting, a brigade "
     "spokesman said."),
    ("date 2025-12-11\nRussian troops have taken full control of Seversk, Russia's chief of the General Staff said on "
     "Thursday.",
     "date 2025-12-11\nRussia said on Thursday it had captured Siversk, a town in Ukraine's Donetsk region."),
    # a spelling of the Russian name the gazetteer lists in another form (Dimitrov): found by its consonant skeleton
    ("date 2025-12-27\nRussian forces completed the liberation of Dmitrov, the Defence Ministry said on Saturday.",
     "date 2025-12-27\nRussia claimed on Saturday to have captured Myrnohrad, a town in Ukraine's Donetsk region."),
])
@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_other_second_names_join_their_front_line_towns(parser, far, near, order):
    texts = [("a.txt", far), ("b.txt", near)]
    [merged] = _changes(parser, texts, order)
    assert _articles(merged) == {"a.txt", "b.txt"}
    assert merged.country_code == "UA" and merged.admin1_code == "UA-14"


@pytest.mark.parametrize(("near", "why"), [
    ("date 2025-12-01\nUkrainian troops recaptured the city of Pokrovsk in Donetsk Oblast on Monday, a military "
     "spokesman said.", "the other side gains the town"),
    ("date 2025-12-08\nUkraine's army withdrew from the city of Pokrovsk in Donetsk Oblast on Monday, a military "
     "spokesman said.", "a week later"),
    ("date 2025-12-01\nRussian forces captured the village of Novoselivka near Pokrovsk in the Donetsk region on "
     "Monday, the Defence Ministry said.", "another village"),
    ("date 2025-12-01\nRussia said on Monday it had captured Lyman, a town in Ukraine's Donetsk region.",
     "another town"),
])
@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_a_change_told_by_a_soviet_name_stays_apart_from_other_changes(parser, near, why, order):
    texts = [("a.txt", _SOVIET_NAME), ("b.txt", near)]
    assert len(_changes(parser, texts, order)) == 2, why


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_an_undated_soviet_name_is_not_joined(parser, order):
    # with no date the old name cannot be told to be this change rather than an older claim
    texts = [("a.txt", "\nRussian forces have liberated Krasnoarmeysk, the Defence Ministry said."),
             ("b.txt", _PRESENT_NAME[0])]
    assert len(_changes(parser, texts, order)) == 2


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_a_strike_in_a_russian_namesake_is_no_change_of_control(parser, order):
    # a refinery in the Russian Dzerzhinsk is struck for real: a strike there is not displaced
    texts = [("a.txt", "date 2025-02-10\nUkrainian drones struck an oil refinery in Dzerzhinsk in Russia's Nizhny "
                       "Novgorod region on Monday, the governor said."),
             ("b.txt", "date 2025-02-10\nRussia said on Monday it had captured the town of Toretsk in Ukraine's "
                       "Donetsk region.")]
    events = _merged(parser, texts, order)
    assert all(len(_articles(e)) == 1 for e in events)
    assert not any(e.namesakes for e in events)


def test_near_front_is_the_war_country_and_the_border_units():
    assert near_front("UA", "UA-14") and near_front("RU", "RU-KRS") and near_front("RU", "RU-BEL")
    assert not near_front("RU", "RU-SAR") and not near_front("RU", "RU-TOM") and not near_front("BY", "BY-MI")


def test_a_merge_view_keeps_its_namesakes_through_a_pickle(parser):
    [event] = _of(_events(parser, _SOVIET_NAME), "frontline_incident")
    view = pickle.loads(pickle.dumps(MergeView(event)))
    assert view.namesakes == event.namesakes != ()


# -- a strike told only near a city, and at a settlement beside it -------------------------------------------------

_NEAR = [
    ("date 2022-03-06\nRussian shelling killed eight civilians, including two children, as they tried to flee Irpin on "
     "Sunday, the mayor said.",
     "date 2022-03-06\nEight civilians were killed by Russian shelling near Kyiv on Sunday as they tried to flee, local "
     "officials said.", "Irpin"),
    ("date 2022-03-15\nA Russian missile hit a warehouse in Brovary on Tuesday, killing four people and injuring 11, "
     "the mayor said.",
     "date 2022-03-15\nFour people were killed and 11 injured when a Russian missile struck a warehouse just outside "
     "Kyiv on Tuesday.", "Brovary"),
]


@pytest.mark.parametrize(("at", "near", "town"), _NEAR)
@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_a_strike_told_near_a_city_joins_the_one_at_a_town_beside_it(parser, at, near, town, order):
    texts = [("a.txt", at), ("b.txt", near)]
    [merged] = _of(_merged(parser, texts, order), "casualty_report")
    assert _articles(merged) == {"a.txt", "b.txt"}
    # the merged strike lies at the town, in the region around the city (not in the city's own unit)
    assert (merged.place.name, merged.admin1_code) == (town, "UA-32")


@pytest.mark.parametrize(("at", "near", "why"), [
    ("date 2022-03-06\nRussian shelling killed three civilians in Irpin on Sunday, the mayor said.",
     "date 2022-03-06\nThree civilians were killed by Russian shelling near Kyiv on Sunday, local officials said.",
     "one small figure alike"),
    ("date 2022-03-06\nRussian shelling killed eight civilians as they tried to flee Irpin on Sunday, the mayor said.",
     "date 2022-03-06\nTwo civilians were killed by Russian shelling near Kyiv on Sunday, local officials said.",
     "other figures"),
    ("date 2022-03-15\nA Russian missile hit a warehouse in Fastiv on Tuesday, killing four people and injuring 11, the "
     "mayor said.",
     "date 2022-03-15\nFour people were killed and 11 injured when a Russian missile struck a warehouse just outside "
     "Kyiv on Tuesday.", "a town 60 km away"),
    ("date 2022-03-06\nRussian shelling killed eight civilians as they tried to flee Irpin on Sunday, the mayor said.",
     "date 2022-03-09\nEight civilians were killed by Russian shelling near Kyiv on Wednesday, local officials said.",
     "three days apart"),
    ("date 2022-03-06\nRussian shelling killed two civilians in Irpin on Sunday, the mayor said.",
     "date 2022-03-06\nA Russian missile hit a residential building in Kyiv on Sunday, killing two people, the mayor "
     "said.", "in the city, not near it"),
])
@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_a_strike_near_a_city_stays_apart_without_figures_that_identify_it(parser, at, near, why, order):
    texts = [("a.txt", at), ("b.txt", near)]
    assert len(_of(_merged(parser, texts, order), "casualty_report")) == 2, why


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_a_change_of_control_near_a_city_is_not_joined_so(parser, order):
    texts = [("a.txt", "date 2022-03-06\nRussian forces captured Hostomel on Sunday, the Defence Ministry said."),
             ("b.txt", "date 2022-03-06\nRussian forces captured a village near Kyiv on Sunday, officials said.")]
    events = _merged(parser, texts, order)
    assert all(len(_articles(e)) == 1 for e in events)
