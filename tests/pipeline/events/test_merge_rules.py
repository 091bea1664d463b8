"""Merging across outlets (session 12, merge14): what identifies one incident when a page has no date, and the
benchmark's merge diagnostic (tolls ignored).

Every text here is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

import dataclasses
import itertools

import pytest

from benchmarks.realnews_eval import (
    MERGED,
    gold_ceiling,
    gold_conflict,
    link_conflicts,
    merge_diagnosis,
    render_merges,
    uncounted_merges,
)
from pipeline.events.extract import Event, merge_across_articles
from tests.fixtures import article_events as _events

UNDATED = "\n"  # a page with no date, whose text states no day


@pytest.fixture(scope="module")
def parser(geoparser):
    return geoparser


def _casualties(parser, texts: list[tuple[str, str]], order: tuple[int, ...]) -> list[Event]:
    merged = merge_across_articles([_events(parser, texts[i][1], texts[i][0]) for i in order])
    return [e for e in merged if e.event_type == "casualty_report"]


# -- with no date, the figures alike must identify the incident --------------------------------------
@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_two_undated_pages_with_one_small_figure_alike_stay_apart(parser, order):
    # a city struck by drones most nights: "three injured" on two undated pages may be two nights
    texts = [("a.txt", UNDATED + "Russian drones struck Sumy overnight, injuring three people, the mayor said."),
             ("b.txt", UNDATED + "A Russian drone attack on Sumy injured three people, the regional governor said.")]
    assert len(_casualties(parser, texts, order)) == 2


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_an_undated_page_with_one_small_figure_alike_stays_apart_from_a_dated_one(parser, order):
    texts = [("a.txt", "date 2023-05-20\nRussian drones struck Sumy on Friday, injuring three people, the mayor "
                       "said."),
             ("b.txt", UNDATED + "A Russian drone attack on Sumy injured three people, the regional governor said.")]
    assert len(_casualties(parser, texts, order)) == 2


@pytest.mark.parametrize(("undated", "why"), [
    ("A Russian drone attack on Sumy killed two people and injured five, the governor said.", "both kinds alike"),
    ("A Russian drone attack on Sumy injured 14 people, the governor said.", "one distinctive figure alike")])
@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_an_undated_page_joins_when_its_figures_identify_the_incident(parser, undated, why, order):
    dated = undated.replace("A Russian drone attack on Sumy", "A Russian drone attack on Sumy on Friday")
    texts = [("a.txt", "date 2023-05-20\n" + dated), ("b.txt", UNDATED + undated)]
    [merged] = _casualties(parser, texts, order)
    assert {s.article for s in merged.sources} == {"a.txt", "b.txt"}, why
    assert merged.when.date == "2023-05-19"


def test_undated_small_figure_reports_give_the_same_events_in_every_order(parser):
    texts = [("a.txt", UNDATED + "Russian drones struck Sumy overnight, injuring three people, the mayor said."),
             ("b.txt", UNDATED + "A Russian drone attack on Sumy injured three people, the regional governor said."),
             ("c.txt", "date 2023-05-20\nRussian drones struck Sumy on Friday, killing two people and injuring "
                       "five, the mayor said."),
             ("d.txt", UNDATED + "A Russian drone attack on Sumy killed two people and injured five, officials "
                       "said.")]
    per = [_events(parser, text, name) for name, text in texts]
    seen = set()
    for order in itertools.permutations(range(len(per))):
        merged = merge_across_articles([per[i] for i in order])
        seen.add(frozenset(frozenset(s.article for s in e.sources) for e in merged
                           if e.event_type == "casualty_report"))
    assert seen == {frozenset({frozenset({"a.txt"}), frozenset({"b.txt"}), frozenset({"c.txt", "d.txt"})})}


# -- the benchmark's merge diagnostic ---------------------------------------------------------------
def _feature(fid: str, articles: list[str], **props) -> dict:
    base = {"id": fid, "event_type": "casualty_report", "admin1_code": "UA-59", "date": "2023-05-19",
            "killed": 2, "injured": 5}
    return {**base, **props, "sources": [{"article": a} for a in articles]}


def _gold(events_a: list[dict], events_b: list[dict], *, link: bool = True) -> dict:
    gold = {"a.txt": {"events": events_a}, "b.txt": {"events": events_b}}
    if link:
        gold["a.txt"]["same_event_as"] = {"0": "b.txt#0"}
        gold["b.txt"]["same_event_as"] = {"0": "a.txt#0"}
    return gold


_GOLD_EVENT = {"type": "casualty_report", "admin1": "UA-59", "date": "2023-05-19"}


def test_the_diagnostic_counts_a_merge_whose_toll_only_one_outlet_gave():
    gold = _gold([{**_GOLD_EVENT, "killed": [2]}], [{**_GOLD_EVENT, "killed": [4]}])
    diagnosis, wrong = merge_diagnosis(gold, [_feature("E1", ["a.txt", "b.txt"])])
    assert [cause for _link, cause in diagnosis] == [MERGED, MERGED] and wrong == []


@pytest.mark.parametrize(("second", "cause"), [
    ({"admin1_code": "UA-63"}, "different admin1"),
    ({"date": "2023-05-25"}, "different date"),
    ({"event_type": "frontline_incident"}, "different type"),
    ({"event_type": "frontline_incident", "admin1_code": "UA-63"}, "not extracted"),
    ({}, "not merged")])
def test_the_diagnostic_names_why_two_reports_are_not_one_feature(second, cause):
    gold = _gold([dict(_GOLD_EVENT)], [dict(_GOLD_EVENT)])
    features = [_feature("E1", ["a.txt"]), _feature("E2", ["b.txt"], **second)]
    diagnosis, _wrong = merge_diagnosis(gold, features)
    assert [c for _link, c in diagnosis] == [cause, cause]
    assert f"not merged: {cause} 2" in render_merges(diagnosis, _wrong)


@pytest.mark.parametrize(("first", "second", "conflict"), [
    ({"killed": [2]}, {"killed": [4]}, "killed"),  # one merged event carries one toll: both cannot match
    ({"killed": [2, 3]}, {"killed": [3]}, ""),  # 3 killed matches both
    ({"injured": None}, {"injured": [5]}, "injured"),  # one outlet states no injured, the other five
    ({"killed": [2]}, {}, ""),  # a kind one gold event leaves out takes any figure
    ({"type": "frontline_incident"}, {}, "type"),
    ({"admin1": "UA-63"}, {}, "admin1"),
    ({"date": "2023-05-20"}, {}, "")])  # an event with no date matches any: a date never conflicts
def test_the_ceiling_names_what_no_one_feature_can_match(first, second, conflict):
    assert gold_conflict({**_GOLD_EVENT, **first}, {**_GOLD_EVENT, **second}) == conflict


def test_the_merge_line_tells_the_links_score_py_can_never_count():
    gold = _gold([{**_GOLD_EVENT, "killed": [2]}], [{**_GOLD_EVENT, "killed": [4]}])
    ceiling = gold_ceiling(gold)
    assert ceiling == {"killed": 2}  # both directions of the link, as score.py counts them
    diagnosis, wrong = merge_diagnosis(gold, [_feature("E1", ["a.txt", "b.txt"])])
    line = render_merges(diagnosis, wrong, conflicts=link_conflicts(gold))
    assert line.startswith("merges ignoring tolls (type, admin1, date): 2/2;")
    assert line.endswith("links no one feature can match (gold differs: killed 2): 2, 2 of them merged")
    assert "links no one feature" not in render_merges(diagnosis, wrong)  # unchanged without the gold's ceiling


@pytest.mark.parametrize(("features", "why"), [
    ([_feature("E1", ["a.txt", "b.txt"])], {}),  # counted
    ([_feature("E1", ["a.txt", "b.txt"], killed=3)], {"toll": 2}),  # one outlet's own toll was wrong: 3 for 2
    # two alike strikes of one article: score.py pairs a.txt's first gold event with the feature listed first
    ([_feature("E0", ["a.txt"], date=None), _feature("E1", ["a.txt", "b.txt"])], {"pairing": 2})])
def test_the_merge_line_tells_why_a_merge_one_feature_could_match_is_not_counted(features, why):
    first, second = {**_GOLD_EVENT, "killed": [2]}, {**_GOLD_EVENT, "killed": [2], "date": "2023-05-18"}
    events_a = [first, second] if len(features) == 2 else [first]
    gold = {"a.txt": {"events": events_a, "same_event_as": {"0": "b.txt#0"}},
            "b.txt": {"events": [dict(first)], "same_event_as": {"0": "a.txt#0"}}}
    diagnosis, _wrong = merge_diagnosis(gold, features)
    assert [c for _link, c in diagnosis] == [MERGED, MERGED]
    assert uncounted_merges(gold, features, diagnosis, link_conflicts(gold)) == why


def test_the_diagnostic_reports_two_unlinked_incidents_in_one_feature():
    gold = _gold([dict(_GOLD_EVENT)], [dict(_GOLD_EVENT)], link=False)
    diagnosis, wrong = merge_diagnosis(gold, [_feature("E1", ["a.txt", "b.txt"])])
    assert diagnosis == [] and wrong == ["E1: a.txt#0 + b.txt#0"]


# -- a later page that states no day: the toll updated --------------------------------------------
_FIRST = ("a.txt", "date 2023-05-17\nA Russian missile struck an apartment block in Dnipro on Tuesday, killing 25 "
                   "people and injuring 60, the governor said.")


@pytest.mark.parametrize("later", [
    "The death toll from the Russian missile strike on an apartment block in Dnipro has risen to 34, with 75 "
    "injured, the governor said.",
    "A Russian missile strike on an apartment block in Dnipro killed 34 people and injured 75, the governor said."])
@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_a_later_page_with_no_day_and_a_grown_toll_is_the_same_strike(parser, later, order):
    texts = [_FIRST, ("b.txt", "date 2023-05-20\n" + later)]
    [merged] = _casualties(parser, texts, order)
    assert {s.article for s in merged.sources} == {"a.txt", "b.txt"}
    # the firmer day; the latest report's toll
    assert (merged.when.date, merged.killed, merged.injured) == ("2023-05-16", 34, 75)


@pytest.mark.parametrize(("later", "why"), [
    ("date 2023-05-20\nA Russian missile strike on an apartment block in Dnipro killed 21 people and injured 75, the "
     "governor said.", "a toll lower in the later report is not an update"),
    ("date 2023-05-20\nA Russian missile strike on an apartment block in Dnipro killed 34 people and injured 75 on "
     "Friday, the governor said.", "a day stated three days on is another strike"),
    ("date 2023-05-30\nA Russian missile strike on an apartment block in Dnipro killed 34 people and injured 75, the "
     "governor said.", "two weeks on"),
    ("date 2023-05-20\nA Russian missile strike on an apartment block in Dnipro killed 34 people and injured 190, "
     "the governor said.", "a figure too far from the first")])
@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_a_later_report_that_does_not_read_as_an_update_stays_apart(parser, later, why, order):
    assert len(_casualties(parser, [_FIRST, ("b.txt", later)], order)) == 2, why


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_small_tolls_days_apart_stay_apart_even_when_growing(parser, order):
    # 2 then 3 killed in one city four days apart: as likely two strikes as one told twice
    texts = [("a.txt", "date 2023-05-17\nA Russian missile struck Dnipro on Tuesday, killing two people and injuring "
                       "five, the governor said."),
             ("b.txt", "date 2023-05-20\nA Russian missile strike on Dnipro killed three people and injured six, the "
                       "governor said.")]
    assert len(_casualties(parser, texts, order)) == 2


# -- one village name, two namesakes in one oblast ------------------------------------------------
def _at_namesake(parser, name: str, text: str, *, village: str, dlat: float) -> list[Event]:
    """The events of ``text`` with ``village`` resolved to another entry of the same name ``dlat`` degrees away
    (what the geoparser does when an outlet's context points to the other namesake)."""
    from pipeline.events.extract import extract_events
    from pipeline.text.articles import make_article

    places = [dataclasses.replace(p, lat=p.lat + dlat, geonameid=(p.geonameid or 0) + 1) if p.text == village and dlat
              else p for p in parser.parse_places(text)]
    return extract_events(name, text, places, make_article(name, text).published)


_RETAKEN = "date 2023-06-12\nUkrainian forces recaptured the village of Novoselivka in Donetsk region on Sunday, " \
           "the deputy defence minister said."


@pytest.mark.parametrize(("other", "dlat", "one"), [
    ("date 2023-06-12\nUkraine's army has retaken Novoselivka in Donetsk region on Sunday, the general staff said.",
     0.8, True),  # the same change told the same day: one incident whichever namesake each outlet got
    ("date 2023-06-12\nUkraine's army has retaken Novoselivka in Donetsk region, the general staff said.",
     0.8, True),  # a day later (the page's day)
    ("date 2023-06-12\nUkraine's army has retaken Novoselivka in Donetsk region on Thursday, the general staff said.",
     0.8, False),  # three days apart: the other village of that name
    ("date 2023-06-12\nRussian forces captured Novoselivka in Donetsk region on Sunday, the defence ministry in "
     "Moscow said.", 0.8, False)])  # the other side taking a village of that name
@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_one_change_of_control_at_two_namesakes_in_one_oblast(parser, other, dlat, one, order):
    per = [_at_namesake(parser, "a.txt", _RETAKEN, village="Novoselivka", dlat=0.0),
           _at_namesake(parser, "b.txt", other, village="Novoselivka", dlat=dlat)]
    merged = [e for e in merge_across_articles([per[i] for i in order]) if e.event_type == "frontline_incident"]
    assert len(merged) == (1 if one else 2)
    if one:
        assert {s.article for s in merged[0].sources} == {"a.txt", "b.txt"}


def test_two_namesakes_in_other_oblasts_stay_apart(parser):
    per = [_at_namesake(parser, "a.txt", _RETAKEN, village="Novoselivka", dlat=0.0),
           [dataclasses.replace(e, admin1_code="UA-63") for e in
            _at_namesake(parser, "b.txt", _RETAKEN, village="Novoselivka", dlat=0.8)]]
    assert len([e for e in merge_across_articles(per) if e.event_type == "frontline_incident"]) == 2


def test_namesake_merges_give_the_same_incidents_in_every_order(parser):
    texts = [_RETAKEN,
             "date 2023-06-12\nUkraine's army has retaken Novoselivka in Donetsk region on Sunday, the general staff "
             "said.",
             "date 2023-06-12\nUkrainian troops liberated Novoselivka in Donetsk region on Sunday, a brigade said.",
             "date 2023-06-13\nUkraine's army has retaken Novoselivka in Donetsk region on Monday, the general staff "
             "said.",
             "date 2023-06-12\nRussian forces captured Novoselivka in Donetsk region on Sunday, the defence ministry "
             "in Moscow said."]
    per = [_at_namesake(parser, f"{k}.txt", text, village="Novoselivka", dlat=0.8 * (k % 2))
           for k, text in enumerate(texts)]
    seen = set()
    for order in itertools.permutations(range(len(per))):
        merged = merge_across_articles([per[i] for i in order])
        seen.add(frozenset(frozenset(s.article for s in e.sources) for e in merged
                           if e.event_type == "frontline_incident"))
    assert seen == {frozenset({frozenset({"0.txt", "1.txt", "2.txt", "3.txt"}), frozenset({"4.txt"})})}


def test_a_namesake_joins_after_the_merge_state_is_pickled_and_restored(parser):
    # the incremental build keeps the merge state between runs: the name buckets must come back with it
    import pickle

    from pipeline.events.merge import CrossArticleMerge

    fold = CrossArticleMerge()
    fold.add(_at_namesake(parser, "a.txt", _RETAKEN, village="Novoselivka", dlat=0.0))
    fold = pickle.loads(pickle.dumps(fold))
    fold.add(_at_namesake(parser, "b.txt", "date 2023-06-12\nUkraine's army has retaken Novoselivka in Donetsk region "
                                           "on Sunday, the general staff said.", village="Novoselivka", dlat=0.8))
    [merged] = [e for e in fold.merged if e.event_type == "frontline_incident"]
    assert {s.article for s in merged.sources} == {"a.txt", "b.txt"}
