"""Session 18 (merges24): cross-outlet merges across the place hierarchy and across namesakes in one list.

- a strike one outlet places at an oblast and another at the oblast's centre (the town bearing its name) is one strike;
- two outlets listing the same villages taken tell one list: a village of one name in it is one village, even when one
  outlet's copy is undated or resolved to another namesake in the oblast.

Every text here is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

import dataclasses

import pytest

from pipeline.events.extract import Event, merge_across_articles
from pipeline.events.merge import _at_centre
from tests.fixtures import article_events as _events

TUESDAY = "date 2024-03-12\n"
REGION = TUESDAY + "Ukrainian drones attacked the Belgorod region overnight, the regional governor said on Tuesday, and " \
                   "a fire broke out at a fuel depot."
CENTRE = TUESDAY + "A Ukrainian drone struck a fuel depot in Belgorod overnight, setting it on fire, local officials said."
OTHER_TOWN = CENTRE.replace("in Belgorod", "in Shebekino")


@pytest.fixture(scope="module")
def parser(geoparser):
    return geoparser


def _strikes(parser, *texts: str) -> list[Event]:
    merged = merge_across_articles([_events(parser, text, f"{i}.txt") for i, text in enumerate(texts)])
    return [e for e in merged if e.event_type == "frontline_incident"]


@pytest.mark.parametrize("order", [(REGION, CENTRE), (CENTRE, REGION)])
def test_a_strike_on_the_region_joins_the_strike_on_its_namesake_centre(parser, order):
    [strike] = _strikes(parser, *order)
    assert {s.article for s in strike.sources} == {"0.txt", "1.txt"}
    assert strike.place.feature_kind == "city" and strike.place.name == "Belgorod"  # the finer place wins


def test_a_strike_on_the_region_does_not_join_another_town_of_it(parser):
    # which of the oblast's towns the region's report means is not known: only its centre bears its name
    assert len(_strikes(parser, REGION, OTHER_TOWN)) == 2


def test_the_centre_struck_on_another_day_or_by_another_weapon_stays_apart(parser):
    later = CENTRE.replace("2024-03-12", "2024-03-17")
    assert len(_strikes(parser, REGION, later)) == 2
    assert len(_strikes(parser, REGION, CENTRE.replace("drone", "missile"))) == 2


def test_the_centre_is_the_settlement_bearing_its_oblasts_name(parser):
    [centre] = _events(parser, CENTRE, "a.txt")
    [town] = _events(parser, OTHER_TOWN, "b.txt")
    [region] = _events(parser, REGION, "c.txt")
    assert _at_centre(centre) and not _at_centre(town) and not _at_centre(region)


# -- one list of villages taken, told by two outlets --------------------------------------------------------------
LIST_DATED = "date 2024-03-02\nRussia's defence ministry said on Saturday its forces had captured the villages of " \
             "Tonenke, Orlivka and Berdychi in the Donetsk region."
LIST_UNDATED = "\nRussian troops have taken control of Tonenke, Orlivka and Berdychi in Ukraine's Donetsk region, the " \
               "defence ministry in Moscow said."


def _with_namesake(parser, name: str, text: str, village: str) -> list[Event]:
    """The events of ``text`` with ``village`` resolved to another entry of that name in the same oblast, 0.8° away
    (what the geoparser does when an outlet's spelling points to the other namesake)."""
    from pipeline.events.extract import extract_events
    from pipeline.text.articles import make_article

    places = [dataclasses.replace(p, lat=p.lat + 0.8, geonameid=(p.geonameid or 0) + 1) if p.text == village else p
              for p in parser.parse_places(text)]
    return extract_events(name, text, places, make_article(name, text).published)


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_a_namesake_in_one_list_of_villages_taken_is_the_same_village(parser, order):
    per = [_events(parser, LIST_DATED, "a.txt"), _with_namesake(parser, "b.txt", LIST_UNDATED, "Berdychi")]
    merged = [e for e in merge_across_articles([per[i] for i in order]) if e.event_type == "frontline_incident"]
    assert len(merged) == 3
    assert all({s.article for s in e.sources} == {"a.txt", "b.txt"} for e in merged)


def test_an_undated_namesake_alone_is_not_the_same_village(parser):
    # with no other change of the list joined, an undated report at another namesake may be any time, any village
    alone = "\nRussian troops have taken control of Berdychi in Ukraine's Donetsk region, the ministry said."
    per = [_events(parser, LIST_DATED, "a.txt"), _with_namesake(parser, "b.txt", alone, "Berdychi")]
    merged = [e for e in merge_across_articles(per) if e.event_type == "frontline_incident"]
    assert len(merged) == 4


def test_the_other_side_taking_a_namesake_in_the_list_is_not_joined(parser):
    retaken = LIST_UNDATED.replace("and Berdychi", "").rstrip() + " Ukrainian forces recaptured Berdychi in the " \
                                                                   "Donetsk region, the general staff said."
    per = [_events(parser, LIST_DATED, "a.txt"), _with_namesake(parser, "b.txt", retaken, "Berdychi")]
    merged = [e for e in merge_across_articles(per) if e.event_type == "frontline_incident"]
    berdychi = [e for e in merged if e.place.name.startswith("Berdych")]
    assert len(berdychi) == 2


# -- with no date, a change told near a settlement is not that settlement's ----------------------------------------
WITHDRAWN_DATED = "date 2024-08-22\nUkrainian forces withdrew from Ukrainsk in the Donetsk region on Thursday, the " \
                  "general staff said."
WITHDRAWN_UNDATED = "\nUkrainian troops withdrew from Ukrainsk in the Donetsk region, the army said."


@pytest.mark.parametrize(("near", "one"), [(False, True), (True, False)])
def test_an_undated_change_told_near_a_settlement_does_not_join_one_at_it(parser, near, one):
    # an undated page told only "near" the town (ACLED geo precision 2 at the town's own point): positions near a
    # town are lost and won many times; the town itself passes once (the undated rule's "same settlement for sure")
    undated = _events(parser, WITHDRAWN_UNDATED, "b.txt")
    if near:
        undated = [dataclasses.replace(e, geo_precision=2) for e in undated]
    merged = merge_across_articles([_events(parser, WITHDRAWN_DATED, "a.txt"), undated])
    assert len([e for e in merged if e.event_type == "frontline_incident"]) == (1 if one else 2)


# -- one attack with two weapons, each outlet naming one ----------------------------------------------------------
COMBINED = "date 2025-04-24\nRussia launched a massive missile and drone attack on Kyiv overnight, killing nine people " \
           "and injuring 63, officials said on Thursday."
DRONES = "date 2025-04-24\nA Russian drone attack on Kyiv overnight killed 12 people and wounded 87, the mayor said."
MISSILE = "date 2025-04-24\nA Russian missile strike on Kyiv overnight killed 12 people and wounded 87, the mayor said."


def _casualties(parser, *texts: str) -> list[Event]:
    merged = merge_across_articles([_events(parser, text, f"{i}.txt") for i, text in enumerate(texts)])
    return [e for e in merged if e.event_type == "casualty_report"]


@pytest.mark.parametrize("order", [(COMBINED, DRONES), (DRONES, COMBINED)])
def test_a_drone_strike_joins_an_attack_another_outlet_tells_with_missiles_and_drones(parser, order):
    [attack] = _casualties(parser, *order)
    assert len({s.article for s in attack.sources}) == 2
    assert attack.sub_event_type == "missile_strike"  # one fixed pick of the two, in either order


def test_a_drone_strike_and_a_missile_strike_with_other_tolls_stay_two(parser):
    # neither outlet names the other's weapon: two strikes on the city that night, as before
    missile = MISSILE.replace("killed 12 people and wounded 87", "killed nine people and wounded 63")
    assert len(_casualties(parser, DRONES, missile)) == 2


# -- two days that are only their pages' own: the earlier bounds the incident --------------------------------------
SUNDAY_PAGE = "date 2023-05-21\nRussia's defence ministry said on Sunday that its forces had captured Bakhmut."
SATURDAY_PAGE = "date 2023-05-20\nWagner fighters have captured Bakhmut, the group's founder said."


@pytest.mark.parametrize("order", [(SUNDAY_PAGE, SATURDAY_PAGE), (SATURDAY_PAGE, SUNDAY_PAGE)])
def test_of_two_page_days_the_merged_day_is_the_earlier_page(parser, order):
    # "on Sunday" on a Sunday page is the page's own day (a day of the report, not of the capture): the other outlet
    # published the capture on Saturday, so it happened by then
    [capture] = _strikes(parser, *order)
    assert len({s.article for s in capture.sources}) == 2
    assert capture.when.date == "2023-05-20"


def test_a_day_the_text_states_still_wins_over_an_earlier_page(parser):
    stated = "date 2023-05-22\nRussian forces captured Bakhmut on May 19, the defence ministry said."
    [capture] = _strikes(parser, SATURDAY_PAGE, stated)
    assert capture.when.date == "2023-05-19"


def test_the_other_side_striking_the_centre_is_not_the_regions_strike(parser):
    # an occupied centre: one side strikes the region's towns, the other side strikes the centre
    region = "date 2024-03-12\nRussian drones attacked the Donetsk region on Tuesday, the governor said."
    centre = "date 2024-03-12\nUkrainian drones attacked Donetsk on Tuesday, the Russian-installed mayor said."
    assert len(_strikes(parser, region, centre)) == 2


def test_two_tolls_at_the_region_and_its_centre_still_need_a_figure_alike(parser):
    # a toll is what identifies a strike in an oblast: "three killed" in the region and in its centre may be two
    region = "date 2024-03-12\nRussian shelling of the Kharkiv region killed three civilians on Tuesday, the governor said."
    centre = "date 2024-03-12\nRussian shelling of Kharkiv killed three civilians on Tuesday, the mayor said."
    assert len(_casualties(parser, region, centre)) == 2


# -- a rural district and a settlement of it ----------------------------------------------------------------------
DISTRICT = "date 2024-06-10\nRussian artillery shelled the Nikopol district on Monday, killing two people and injuring " \
           "seven, the governor said."
TOWN_OF_IT = "date 2024-06-10\nRussian shelling of Marhanets on Monday killed two people and injured seven, the governor " \
             "said."
FAR_TOWN = TOWN_OF_IT.replace("Marhanets", "Pokrovske in the Dnipropetrovsk region")


@pytest.mark.parametrize("order", [(DISTRICT, TOWN_OF_IT), (TOWN_OF_IT, DISTRICT)])
def test_a_toll_told_at_a_district_joins_the_same_toll_at_a_town_of_it(parser, order):
    [strike] = _casualties(parser, *order)
    assert len({s.article for s in strike.sources}) == 2
    assert strike.place.name == "Marhanets"  # the finer place wins


def test_a_district_toll_does_not_join_a_town_beyond_the_district(parser):
    assert len(_casualties(parser, DISTRICT, FAR_TOWN)) == 2


def test_one_small_figure_alike_does_not_identify_a_strike_in_a_district(parser):
    one = DISTRICT.replace("killing two people and injuring seven", "killing one person")
    town = TOWN_OF_IT.replace("killed two people and injured seven", "killed one person")
    assert len(_casualties(parser, one, town)) == 2


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_a_namesake_the_partner_dates_apart_from_the_list_is_not_joined(parser, order):
    # the partner told Tonenke taken on Saturday and Berdychi weeks before: an undated list of both, Berdychi resolved
    # to another namesake, is not known to mean that Berdychi (the list's items are told together, on one day)
    partner = "date 2024-03-02\nRussia's defence ministry said on Saturday its forces had captured Tonenke in the " \
              "Donetsk region. Russian forces captured Berdychi in the Donetsk region on January 5, the ministry said."
    undated = "\nRussian troops have taken control of Tonenke and Berdychi in Ukraine's Donetsk region, the defence " \
              "ministry in Moscow said."
    per = [_events(parser, partner, "a.txt"), _with_namesake(parser, "b.txt", undated, "Berdychi")]
    merged = [e for e in merge_across_articles([per[i] for i in order]) if e.event_type == "frontline_incident"]
    assert len(merged) == 3
    assert [len({s.article for s in e.sources}) for e in merged if e.place.name.startswith("Tonenk")] == [2]
