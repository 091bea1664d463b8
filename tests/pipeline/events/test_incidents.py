"""Document-level incidents, tolls, claims, places, actors, dates and merging, one failure class each.

Every text here is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

import csv
import io

import pytest

from pipeline.events.extract import Event, merge_across_articles
from pipeline.events.figures import figures
from pipeline.events.triggers import triggers
from pipeline.events.incidents import _add_control, distinct_settlements
from pipeline.events.records import Source
from pipeline.text.dates import EventDate
from pipeline.events.records import DATE_BASIS
from pipeline.output.export import event_features, events_csv
from tests.fixtures import article_events as _events
from tests.fixtures import make_place

MONDAY = "date 2023-05-15\n"  # a Monday


def _of(events: list[Event], kind: str) -> list[Event]:
    return [e for e in events if e.event_type == kind]


# -- one incident, one toll ----------------------------------------------------------------------
def test_headline_lede_and_update_are_one_incident(parser):
    text = (MONDAY + "Missile strike on Sumy kills four\n\n"
            "A Russian missile hit a school in Sumy on Sunday, killing four people, the regional governor said.\n\n"
            "Later the toll rose to six, and 20 people were injured, the emergency service said.\n\n"
            "The strike destroyed the school's gym.")
    reports = _of(_events(parser, text), "casualty_report")
    assert len(reports) == 1
    assert (reports[0].killed, reports[0].injured) == (6, 20)
    assert reports[0].when.date == "2023-05-14"


def test_subcount_is_not_the_toll(parser):
    text = MONDAY + "A missile struck Sumy on Sunday. Twelve people were killed, including three children."
    reports = _of(_events(parser, text), "casualty_report")
    assert [r.killed for r in reports] == [12]
    roles = {(c.value, c.role) for c in reports[0].casualty_claims}
    assert (3, "subcount") in roles or all(c.value != 3 for c in reports[0].casualty_claims)


def test_increment_is_not_the_toll():
    figs = figures("Two more people died in hospital, bringing the death toll to 31.")
    roles = {(f.value, f.role) for f in figs}
    assert (2, "increment") in roles and (31, "total") in roles


def test_a_toll_named_with_its_incident_is_read():
    figs = figures("The death toll from Sunday's missile strike on the city centre of Sumy has risen to 45, "
                   "including six children.")
    assert [(f.value, f.role, f.update) for f in figs if f.kind == "killed"] == [(45, "total", True)]
    assert figures("The death toll from the strike on Sumy is expected to rise to 50.") == []


def test_toll_of_injured_is_not_a_death_toll():
    assert [(f.kind, f.value) for f in figures("Officials had earlier given a toll of 17 injured.")] == [("injured", 17)]


@pytest.mark.parametrize("summary", [
    "In total, Russian attacks killed 12 people across the region on Sunday, the governor said.",
    "Over the past day, Russian shelling killed 14 civilians in Sumy Oblast, the governor said.",
    "Across Ukraine, 31 civilians were killed in Russian attacks over the weekend.",
])
def test_a_total_over_many_incidents_is_not_the_toll_of_one(parser, summary):
    text = MONDAY + "A missile struck Sumy on Sunday, killing 5 people. " + summary
    [report] = _of(_events(parser, text), "casualty_report")
    assert report.killed == 5
    assert {c.role for c in report.casualty_claims if c.value != 5} == {"aggregate"}  # kept, as a claim


def test_an_aggregate_alone_is_no_incident(parser):
    text = MONDAY + "Over the past day, 9 civilians were killed across Sumy Oblast, the governor said."
    assert [e for e in _events(parser, text) if e.event_type != "annexation_claim"] == []


def test_increment_alone_stands_in_when_no_total_is_given(parser):
    text = MONDAY + "A drone struck Sumy on Sunday night. Three more people were injured, officials said."
    reports = _of(_events(parser, text), "casualty_report")
    assert [r.injured for r in reports] == [3]


def test_observation_is_a_claim_not_the_toll(parser):
    text = (MONDAY + "Missiles struck a bus station in Sumy on Sunday. A reporter for Reuters counted nine bodies. "
            "Reuters saw nine bodies at the scene. Officials said 14 people had been killed.")
    reports = _of(_events(parser, text), "casualty_report")
    assert [r.killed for r in reports] == [14]
    observed = [c for c in reports[0].casualty_claims if c.role == "observation"]
    assert observed and observed[0].value == 9 and observed[0].claimant == "Reuters saw"


def test_every_figure_carries_its_claimant(parser):
    text = MONDAY + "Shelling hit Sumy on Sunday. Five civilians were killed, the regional governor said."
    claims = _of(_events(parser, text), "casualty_report")[0].casualty_claims
    assert [(c.kind, c.value, c.claimant) for c in claims] == [("killed", 5, "regional governor")]


def test_separately_reported_strike_is_its_own_incident(parser):
    text = (MONDAY + "A missile hit Sumy on Sunday, killing 10 people and injuring 40. "
            "Separately, a drone attack hit the city later that night. One man was killed and two were injured.")
    reports = _of(_events(parser, text), "casualty_report")
    assert sorted((r.sub_event_type, r.killed, r.injured) for r in reports) == [
        ("drone_strike", 1, 2), ("missile_strike", 10, 40)]


def test_earlier_incident_on_another_day_with_another_toll_stays_apart(parser):
    text = (MONDAY + "Shelling killed 9 people in Sumy on Sunday. "
            "On May 10, in Sumy, one person was killed and three were wounded.")
    reports = _of(_events(parser, text), "casualty_report")
    assert sorted((r.killed, r.when.date) for r in reports) == [(1, "2023-05-10"), (9, "2023-05-14")]


def test_earlier_attacks_listed_on_their_own_days_are_each_an_incident(parser):
    text = (MONDAY + "Russian troops shelled a market in Sumy. At least 7 people were killed.\n\n"
            "Prosecutors listed other recent cases. On May 12, in Sumy Oblast, Russian soldiers fired at a tractor "
            "driver: one man was killed and two were wounded.\n\n"
            "On May 11, Russian soldiers opened fire on a car near Sumy: a teacher and her two sons were killed.")
    reports = _of(_events(parser, text), "casualty_report")
    assert sorted((r.when.date, r.killed, r.injured) for r in reports) == [
        ("2023-05-11", 3, None), ("2023-05-12", 1, 2), ("2023-05-15", 7, None)]
    assert {r.when.date: r.geo_precision for r in reports}["2023-05-12"] == 3  # only the oblast is named


def test_bodies_found_in_another_town_are_not_the_strikes_toll(parser):
    text = (MONDAY + "Russian artillery shelled Sumy on Sunday, damaging a school.\n\n"
            "Investigators began exhuming bodies near Poltava after finding 14 graves in a forest.")
    events = sorted((e.event_type, e.sub_event_type, e.place.name, e.killed) for e in _events(parser, text)
                    if e.event_type != "annexation_claim")
    assert events == [("casualty_report", "bodies_found", "Poltava", 14),
                      ("frontline_incident", "shelling", "Sumy", None)]


def test_a_night_told_on_two_dates_stays_one_incident(parser):
    text = (MONDAY + "Russian drones attacked Sumy late on Sunday, killing two people. "
            "On Monday, drones hit a power station in Sumy, the governor said.")
    events = [e for e in _events(parser, text) if e.event_type != "annexation_claim"]
    assert [(e.event_type, e.killed) for e in events] == [("casualty_report", 2)]


@pytest.mark.parametrize(("sentence", "killed"), [
    ("Shelling hit a car near Sumy: twin sisters and a 60-year-old man were killed.", 3),
    ("A man and his wife were killed when a shell hit their house.", 2),
    ("Two children and three adults died in the fire after the strike.", 5),
])
def test_victims_named_one_by_one_are_counted(sentence, killed):
    assert [(f.kind, f.value) for f in figures(sentence)] == [("killed", killed)]


def test_a_report_stamped_with_its_hour_is_the_latest_toll(parser):
    text = (MONDAY + "A Russian missile hit the centre of Sumy at 08:40. The information about three dead has now "
            "been confirmed, the mayor said. At 11:15 it became known about six dead people.")
    [report] = _of(_events(parser, text), "casualty_report")
    assert report.killed == 6
    six = next(c for c in report.casualty_claims if c.value == 6)
    assert not six.approximate  # "known about six dead": "about" is not "roughly" here


def test_a_stated_total_outranks_victims_named_one_by_one(parser):
    text = (MONDAY + "A missile struck Sumy on Sunday. A man and his wife were killed in their flat. "
            "In all, 9 people were killed, the governor said.")
    assert [r.killed for r in _of(_events(parser, text), "casualty_report")] == [9]


# -- only what happened ---------------------------------------------------------------------------
@pytest.mark.parametrize("sentence", [
    "Officials fear Russian troops could encircle Sumy in the coming days.",
    "A curfew was imposed in Sumy amid fears of missile strikes.",
    "Russia denied that it had shelled Sumy.",
    "Sumy has come under constant shelling since the war began.",
    "The city was preparing for an assault on Sumy.",
    "Air raid alerts sounded across Sumy overnight.",
    "Ukrainian forces may try to retake Sumy next month.",
])
def test_fears_plans_denials_and_generic_statements_give_no_event(parser, sentence):
    assert [e for e in _events(parser, MONDAY + sentence) if e.event_type != "annexation_claim"] == []


def test_feared_toll_is_not_a_figure():
    assert figures("Dozens of soldiers are feared to have been killed.") == []


# -- place -----------------------------------------------------------------------------------------
def test_oblast_in_an_officials_title_is_not_the_place(parser):
    text = MONDAY + "The Kharkiv regional governor said a missile hit Izium on Sunday, killing two people."
    reports = _of(_events(parser, text), "casualty_report")
    assert reports[0].place.name.startswith("Izium") or reports[0].place.name.startswith("Izyum")
    assert reports[0].geo_precision == 1


def test_capital_as_attacker_is_not_the_place(parser):
    text = MONDAY + "Moscow's forces struck Sumy with missiles on Sunday, killing three people."
    reports = _of(_events(parser, text), "casualty_report")
    assert [r.admin1_code for r in reports] == ["UA-59"]


def test_dateline_is_not_the_place(parser):
    text = MONDAY + "KYIV, May 15 (Reuters) - A missile struck Sumy on Sunday, killing three people."
    reports = _of(_events(parser, text), "casualty_report")
    assert [r.admin1_code for r in reports] == ["UA-59"]


def test_oblast_only_has_region_precision(parser):
    text = MONDAY + "In the Sumy region, shelling killed two farmers on Sunday."
    reports = _of(_events(parser, text), "casualty_report")
    assert [(r.admin1_code, r.geo_precision) for r in reports] == [("UA-59", 3)]


# -- changes of control and who acted -------------------------------------------------------------
def test_capture_and_recapture_record_who_acted(parser):
    captured = _of(_events(parser, MONDAY + "Russian forces captured Bakhmut on Saturday."), "frontline_incident")
    retaken = _of(_events(parser, MONDAY + "Ukrainian forces retook Bakhmut on Saturday."), "frontline_incident")
    assert [(e.sub_event_type, e.actor) for e in captured] == [("capture", "Russia")]
    assert [(e.sub_event_type, e.actor) for e in retaken] == [("recapture", "Ukraine")]


@pytest.mark.parametrize(("sentence", "place", "side"), [
    ("Russian forces have captured Soledar, the ministry said.", "Soledar", "Russia"),
    ("Moscow has captured Soledar.", "Soledar", "Russia"),
    ("Ukraine liberates Kupiansk, the army says.", "Kupyansk", "Ukraine"),
    ("Ukrainian troops have nearly encircled Lyman, an analyst said.", "Lyman", "Ukraine"),
    ("Kupiansk had been retaken by Ukrainian troops.", "Kupyansk", "Ukraine"),
])
def test_active_perfect_and_a_country_as_subject_give_the_place_and_the_actor(parser, sentence, place, side):
    [event] = _of(_events(parser, MONDAY + sentence), "frontline_incident")
    assert (event.place.name, event.actor) == (place, side)


def test_capital_named_as_captor_is_not_a_capture_in_the_capital(parser):
    events = _of(_events(parser, MONDAY + "Moscow captured Soledar on Saturday, officials said."), "frontline_incident")
    assert [e.admin1_code for e in events] == ["UA-14"]


def test_list_of_liberated_villages_gives_one_event_each(parser):
    text = MONDAY + "Ukrainian troops liberated the villages of Andriivka, Klishchiivka and Kurdiumivka in Donetsk Oblast."
    events = _of(_events(parser, text), "frontline_incident")
    assert len(events) >= 2 and all(e.sub_event_type == "recapture" for e in events)
    assert len({e.place.name for e in events}) == len(events)


def test_neighbouring_villages_in_one_list_are_each_their_own_recapture(parser):
    # the three villages lie 7-13 km apart, closer than the cross-outlet merge distance
    text = MONDAY + "Ukrainian forces liberated Klishchiivka, Kurdiumivka and Ozarianivka, the army said."
    events = _of(_events(parser, text), "frontline_incident")
    assert sorted(e.place.name for e in events) == ["Klishchiivka", "Kurdyumivka", "Ozarianivka"]
    assert {(e.sub_event_type, e.actor, e.gains) for e in events} == {("recapture", "Ukraine", "Ukraine")}


def test_neighbouring_villages_retaken_in_two_outlets_stay_two_events(parser):
    a = _events(parser, MONDAY + "Ukrainian forces retook Klishchiivka on Sunday.", "a.txt")
    b = _events(parser, MONDAY + "Ukrainian troops liberated Kurdiumivka on Sunday.", "b.txt")
    merged = _of(merge_across_articles([a, b]), "frontline_incident")
    assert sorted(e.place.name for e in merged) == ["Klishchiivka", "Kurdyumivka"]


def test_one_settlement_spelt_two_ways_is_not_two_settlements():
    a = make_place("Kharkiv", geonameid=1)
    assert not distinct_settlements(a, make_place("Kharkov", start=40, name="Kharkiv", geonameid=None, lat=a.lat + 0.1))
    assert not distinct_settlements(a, make_place("Kharkiv city", start=40, geonameid=2, lat=a.lat + 0.005))
    assert distinct_settlements(a, make_place("Zzyvrotivka", start=40, geonameid=None, lat=a.lat + 0.06))
    assert not distinct_settlements(a, make_place("Kharkiv Oblast", start=40, feature_kind="admin1", lat=a.lat + 0.06))


def test_aggregate_statement_over_several_oblasts_gives_no_event(parser):
    text = MONDAY + "Dozens of settlements have been liberated in the Kharkiv, Donetsk and Luhansk oblasts."
    assert _of(_events(parser, text), "frontline_incident") == []


def test_withdrawal_and_capture_of_one_town_are_one_change_of_control(parser):
    text = (MONDAY + "Ukrainian troops withdrew from Soledar on Sunday. "
            "Russia's defence ministry said Soledar had been captured by Russian forces.")
    events = _of(_events(parser, text), "frontline_incident")
    assert len(events) == 1


# -- dates -----------------------------------------------------------------------------------------
def test_date_of_a_statement_is_not_the_date_of_the_event(parser):
    text = MONDAY + "Two people were killed in Friday's missile strike on Sumy, the mayor said on Monday."
    reports = _of(_events(parser, text), "casualty_report")
    assert reports[0].when.date == "2023-05-12"


def test_undated_article_gives_undated_events(parser):
    reports = _of(_events(parser, "A missile struck Sumy on Friday, killing two people."), "casualty_report")
    assert reports[0].when.date is None


# -- annexation claims ------------------------------------------------------------------------------
def test_signed_documents_to_incorporate_listed_regions_are_claims(parser):
    text = ("date 2022-09-30\nPutin signed documents to incorporate four Ukrainian territories into Russia. "
            "He declared the annexations of the regions – Donetsk, Luhansk, Zaporizhzhia and Kherson.")
    claims = _of(_events(parser, text), "annexation_claim")
    assert {c.admin1_code for c in claims} == {"UA-14", "UA-09", "UA-23", "UA-65"}
    assert all(c.claimed_by == "RU" for c in claims)


def test_duma_ratification_is_a_claim_stage(parser):
    text = "date 2022-10-03\nThe State Duma ratified treaties absorbing the Donetsk and Luhansk regions on Monday."
    claims = _of(_events(parser, text), "annexation_claim")
    assert {(c.admin1_code, c.sub_event_type) for c in claims} == {("UA-14", "ratification"), ("UA-09", "ratification")}
    assert all(c.claim_stages == {"ratification": "2022-10-03"} for c in claims)


def test_claims_merge_per_oblast_keeping_each_stage_and_date(parser):
    one = _events(parser, "date 2022-09-28\nRussia held referendums in the Kherson region on Tuesday.", "a.txt")
    two = _events(parser, "date 2022-10-04\nThe Federation Council ratified the annexation of the Kherson region "
                          "by Russia on Tuesday.", "b.txt")
    merged = [e for e in merge_across_articles([one, two]) if e.event_type == "annexation_claim"]
    assert len(merged) == 1
    assert merged[0].claim_stages == {"referendum": "2022-09-27", "ratification": "2022-10-04"}


# -- merging across outlets -------------------------------------------------------------------------
def test_same_strike_from_two_outlets_with_close_tolls_merges(parser):
    a = _events(parser, "date 2023-05-15\nA missile hit Sumy on Sunday, killing 23 people.", "a.txt")
    b = _events(parser, "date 2023-05-16\nRussian missiles struck Sumy on Sunday; 25 people were killed.", "b.txt")
    merged = merge_across_articles([a, b])
    assert len(merged) == 1
    assert {s.article for s in merged[0].sources} == {"a.txt", "b.txt"}
    assert merged[0].killed == 25  # the latest report


def test_merged_incident_keeps_each_outlets_own_toll(parser):
    # an early report and a later one of the same strike: one event, the toll by the cross-outlet rule,
    # and every outlet's own toll beside it in the exports (GeoJSON nested, CSV flattened)
    a = _events(parser, "date 2023-05-15\nA missile hit Sumy on Sunday, killing 4 people.", "a.txt")
    b = _events(parser, "date 2023-05-16\nRussian missiles struck Sumy on Sunday; 11 people were killed and "
                        "22 injured.", "b.txt")
    [merged] = _of(merge_across_articles([a, b]), "casualty_report")
    assert merged.killed == 11  # the latest report
    [props] = [f["properties"] for f in event_features([merged])["features"]]
    assert props["source_tolls"] == [
        {"article": "a.txt", "published": "2023-05-15", "killed": 4, "injured": None},
        {"article": "b.txt", "published": "2023-05-16", "killed": 11, "injured": 22}]
    row = next(csv.DictReader(io.StringIO(events_csv(event_features([merged])))))
    assert row["source_tolls"] == "a.txt 2023-05-15: killed 4 | b.txt 2023-05-16: killed 11, injured 22"


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_incident_dated_only_by_its_reports_takes_the_earliest(parser, order):
    # neither text dates the strike: each event carries its article's date (week precision); the merged
    # incident cannot have happened after its first report, whichever article is folded first
    texts = [("a.txt", "date 2023-05-15\nA missile hit Sumy, killing 12 people and injuring 50."),
             ("b.txt", "date 2023-05-16\nA missile hit Sumy, killing 18 people and injuring 56.")]
    [merged] = _of(merge_across_articles([_events(parser, texts[i][1], texts[i][0]) for i in order]),
                   "casualty_report")
    assert (merged.when.date, merged.when.precision) == ("2023-05-15", 2)
    assert merged.killed == 18  # the toll still follows the latest report


# one rule for a report with no date, whichever side is dated and whichever comes first
_UNDATED_PAIRS = [("", ""), ("", "date 2023-05-16\n"), ("date 2023-05-16\n", "")]


@pytest.mark.parametrize(("head_a", "head_b"), _UNDATED_PAIRS)
@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_undated_report_merges_only_with_agreeing_figures_at_one_settlement(parser, head_a, head_b, order):
    same = [("a.txt", head_a + "A missile hit Sumy, killing 3 people and injuring 8."),
            ("b.txt", head_b + "Russian missiles struck Sumy; 3 people were killed and 8 injured.")]
    merged = _of(merge_across_articles([_events(parser, same[i][1], same[i][0]) for i in order]), "casualty_report")
    assert [sorted(s.article for s in e.sources) for e in merged] == [["a.txt", "b.txt"]]
    for other in ("killing one man", "killing 3 people"):  # with no date, 3 is not known to be the earlier toll
        texts = [("a.txt", head_a + "Shelling hit Kherson, killing 4 people and injuring one."),
                 ("b.txt", head_b + f"Shelling hit Kherson, {other}.")]
        apart = _of(merge_across_articles([_events(parser, texts[i][1], texts[i][0]) for i in order]),
                    "casualty_report")
        assert sorted((e.killed, [s.article for s in e.sources]) for e in apart)[-1] == (4, ["a.txt"])
        assert len(apart) == 2  # each report keeps its own toll


@pytest.mark.parametrize(("head_a", "head_b"), _UNDATED_PAIRS)
@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_undated_report_leaving_the_injured_unsaid_still_merges_on_the_same_death_toll(parser, head_a, head_b, order):
    # a kind of figure only one outlet gives is no conflict; the figure both give is the shared detail (distinctive:
    # with no date one small figure alike, "4 killed", cannot tell one shelling of a city from another)
    texts = [("a.txt", head_a + "Shelling hit Kherson, killing 14 people and injuring 2."),
             ("b.txt", head_b + "Shelling hit Kherson, killing 14 people.")]
    merged = _of(merge_across_articles([_events(parser, texts[i][1], texts[i][0]) for i in order]), "casualty_report")
    assert [sorted(s.article for s in e.sources) for e in merged] == [["a.txt", "b.txt"]]


@pytest.mark.parametrize(("head_a", "head_b"), _UNDATED_PAIRS)
def test_undated_strikes_without_figures_are_not_merged(parser, head_a, head_b):
    a = _events(parser, head_a + "Russian troops shelled Nikopol.", "a.txt")
    b = _events(parser, head_b + "Russian artillery shelled Nikopol.", "b.txt")
    assert len(_of(merge_across_articles([a, b]), "frontline_incident")) == 2


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_undated_capture_joins_the_dated_capture_of_the_same_village_by_the_same_side(parser, order):
    texts = [("a.txt", "Russian forces have captured the village of Soledar, the ministry said."),
             ("b.txt", MONDAY + "Russian troops captured Soledar on Sunday, the defence ministry said."),
             ("c.txt", MONDAY + "Ukrainian forces retook Soledar on Sunday, the army said.")]
    merged = _of(merge_across_articles([_events(parser, texts[i][1], texts[i][0]) for i in (*order, 2)]),
                 "frontline_incident")
    assert sorted((e.gains, sorted(s.article for s in e.sources)) for e in merged) == [
        ("Russia", ["a.txt", "b.txt"]), ("Ukraine", ["c.txt"])]


def test_strikes_told_with_different_weapons_do_not_merge(parser):
    a = _events(parser, MONDAY + "A missile hit Sumy on Sunday, killing 3 people.", "a.txt")
    b = _events(parser, MONDAY + "A guided bomb dropped by an aircraft hit Sumy in an air strike on Sunday, "
                                 "killing 3 people.", "b.txt")
    subs = sorted(e.sub_event_type for e in _of(merge_across_articles([a, b]), "casualty_report"))
    assert subs == ["airstrike", "missile_strike"]


def test_strikes_with_different_tolls_do_not_mix(parser):
    a = _events(parser, "date 2023-05-15\nA missile hit Sumy on Sunday, killing 2 people.", "a.txt")
    b = _events(parser, "date 2023-05-15\nA drone hit Sumy on Saturday, killing 40 people.", "b.txt")
    assert len(merge_across_articles([a, b])) == 2


def test_triggers_report_the_side_that_acted():
    assert [t.actor for t in triggers("Ukrainian forces retook the village.")] == ["Ukraine"]


# -- articles about something else -----------------------------------------------------------------
def test_deaths_outside_any_armed_conflict_are_no_events(parser):
    outbreak = ("date 2009-05-12\nThe cholera outbreak has killed 40 people in Harare, health officials said on "
                "Monday. Another 12 people died in Bulawayo.")
    crash = "date 2009-05-12\nTwo people were killed and three injured when a bus struck a car in Melbourne on Friday."
    assert _events(parser, outbreak) == [] and _events(parser, crash) == []


def test_the_same_toll_in_war_news_is_an_event(parser):
    text = "date 2023-05-12\nRussian shelling killed two people in Kherson on Friday, the governor said."
    assert [e.killed for e in _of(_events(parser, text), "casualty_report")] == [2]


@pytest.mark.parametrize(("sentence", "basis"), [
    ("A missile hit Sumy on May 14, killing 3 people.", "calendar"),
    ("A missile hit Sumy on Sunday, killing 3 people.", "weekday"),
    ("A missile hit Sumy yesterday, killing 3 people.", "relative"),
    ("A missile hit Sumy, killing 3 people.", "page")])
def test_date_basis_says_how_firmly_the_text_fixes_the_day(parser, sentence, basis):
    [report] = _of(_events(parser, MONDAY + sentence), "casualty_report")
    assert report.date_basis == DATE_BASIS[basis]


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_a_stated_weekday_outranks_another_outlets_yesterday_and_the_conflict_stays_visible(parser, order):
    # the first page's own date is a day late: its "yesterday" is the day before the strike
    texts = [("a.txt", "date 2023-05-16\nA missile hit Sumy yesterday, killing 12 people and injuring 33."),
             ("b.txt", "date 2023-05-17\nA missile struck Sumy on Tuesday, killing 12 and injuring 33.")]
    [merged] = _of(merge_across_articles([_events(parser, texts[i][1], texts[i][0]) for i in order]),
                   "casualty_report")
    assert merged.when.date == "2023-05-16"
    assert "2023-05-15" in merged.when.note


def test_a_town_of_another_oblast_on_another_day_is_not_the_oblast_incident_told_before(parser):
    text = ("date 2023-05-15\nOn the night of May 14, drones attacked the Belgorod region.\n\n"
            "In the evening of May 13, the village of Glushkovo in the Kursk region came under shelling.")
    events = sorted((e.admin1_code, e.when.date) for e in _of(_events(parser, text), "frontline_incident"))
    assert ("RU-KRS", "2023-05-13") in events
    assert ("RU-KRS", "2023-05-14") not in events


def _control(gains: str, date: str, start: int) -> Event:
    place = make_place("Izium", start=start)
    return Event("frontline_incident", "recapture", EventDate(date, 1, "stated"), place, "UA-63", "Kharkiv", "UA", 1,
                 [Source("a.txt", "quote", start, start + 5)], 0.7, actor=gains, gains=gains)


def test_one_change_of_control_told_twice_with_opposite_sides_is_one_event_of_unknown_side():
    events: list[Event] = []
    for event in (_control("Russia", "2023-05-14", 0), _control("Ukraine", "2023-05-14", 40)):
        _add_control(events, event)
    assert [(e.gains, e.actor, len(e.sources)) for e in events] == [("unknown", "unknown", 2)]
    apart: list[Event] = []  # the same verb on two stated days by two sides: the place changed hands twice
    for event in (_control("Russia", "2023-03-01", 0), _control("Ukraine", "2023-05-14", 40)):
        _add_control(apart, event)
    assert [e.gains for e in apart] == ["Russia", "Ukraine"]
