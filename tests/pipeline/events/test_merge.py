"""Merging across outlets: one incident reported by several articles is one event; separate incidents stay apart.

Every text here is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

import copy
import itertools

import pytest

from pipeline.events.extract import merge_across_articles
from pipeline.events.records import DATE_BASIS
from tests.fixtures import article_events as _events
from tests.fixtures import events_of as _of
from tests.fixtures import merged_in_order as _merged


# -- which day the merged event keeps ------------------------------------------------------------
@pytest.mark.parametrize("sentence", [
    "May 17 (Wire) -- A missile hit Sumy, killing 3 people.",
    "A missile hit Sumy today, killing 3 people.",
    "A missile hit Sumy on Wednesday, killing 3 people."])
def test_the_pages_own_day_stated_is_no_firmer_than_the_page(parser, sentence):
    [report] = _of(_events(parser, "date 2023-05-17\n" + sentence), "casualty_report")  # a Wednesday
    assert report.when.date == "2023-05-17" and report.date_basis == DATE_BASIS["page"]


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_another_outlets_stated_day_before_the_report_outranks_a_dateline(parser, order):
    texts = [("a.txt", "date 2023-05-17\nMay 17 (Wire) -- Ukrainian troops have recaptured Balakliia, the army said."),
             ("b.txt", "date 2023-05-17\nUkrainian troops recaptured Balakliia, a video released by the army showed "
                       "on Tuesday.")]
    [merged] = _of(_merged(parser, texts, order), "frontline_incident")
    assert {s.article for s in merged.sources} == {"a.txt", "b.txt"}
    assert merged.when.date == "2023-05-16"
    # (the dateline's day is the filing's, the page's own: no day a source states, so no "another source" note; the
    # day the other outlet states is kept, session 23)
    assert merged.when.note.startswith("on Tuesday")


# -- a report with no date against a dated one ---------------------------------------------------
UNDATED = "\n"  # a page with no date, whose text states no day


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_an_undated_capture_is_the_dated_withdrawal_of_the_other_side(parser, order):
    texts = [("a.txt", "date 2023-05-20\nUkrainian forces withdrew from Balakliia on Friday after weeks of fighting, "
                       "the general staff said."),
             ("b.txt", UNDATED + "Russian troops have captured Balakliia, the defence ministry in Moscow said.")]
    [merged] = _of(_merged(parser, texts, order), "frontline_incident")
    assert {s.article for s in merged.sources} == {"a.txt", "b.txt"}
    assert merged.when.date == "2023-05-19"


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_an_undated_capture_is_not_a_dated_withdrawal_by_the_same_side(parser, order):
    # Ukraine leaving the town and Ukraine taking it: the town changed hands twice
    texts = [("a.txt", "date 2023-05-20\nUkrainian forces withdrew from Balakliia on Friday after weeks of fighting, "
                       "the general staff said."),
             ("b.txt", UNDATED + "Ukrainian troops have recaptured Balakliia, the general staff said.")]
    assert len(_of(_merged(parser, texts, order), "frontline_incident")) == 2


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_an_undated_shelling_with_both_figures_alike_is_the_dated_missile_strike(parser, order):
    texts = [("a.txt", "date 2023-05-20\nA Russian missile hit Kupiansk on Friday, killing four people and injuring 11, "
                       "the governor said."),
             ("b.txt", UNDATED + "Russian shelling of Kupiansk killed four people and injured 11, the governor said.")]
    [merged] = _of(_merged(parser, texts, order), "casualty_report")
    assert {s.article for s in merged.sources} == {"a.txt", "b.txt"}
    assert (merged.killed, merged.injured, merged.when.date) == (4, 11, "2023-05-19")


@pytest.mark.parametrize(("undated", "why"), [
    ("Russian shelling of Kupiansk killed four people, the governor said.", "one figure alike is too common"),
    ("A Russian drone hit Kupiansk, killing four people and injuring 11, the governor said.", "another weapon"),
    ("Russian shelling of Kupiansk killed four people and injured 12, the governor said.", "a figure differs")])
@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_an_undated_report_told_another_way_stays_apart_without_full_agreement(parser, undated, why, order):
    texts = [("a.txt", "date 2023-05-20\nA Russian missile hit Kupiansk on Friday, killing four people and injuring 11, "
                       "the governor said."),
             ("b.txt", UNDATED + undated)]
    assert len(_of(_merged(parser, texts, order), "casualty_report")) == 2, why


# -- which incident a report joins -----------------------------------------------------------------
@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_a_report_joins_the_incident_it_fits_not_an_older_one_at_the_same_city(parser, order):
    # one article tells two strikes on Kupiansk a week apart; another outlet, with no stated day, the second
    texts = [("a.txt", "date 2023-06-20\nA Russian missile hit Kupiansk on June 13, damaging a school.\n\n"
                       "In a separate attack, a Russian missile struck Kupiansk on Monday, killing two people and "
                       "injuring seven, the governor said."),
             ("b.txt", "date 2023-06-20\nA Russian missile struck Kupiansk, killing two people and injuring seven, "
                       "the governor said.")]
    merged = _merged(parser, texts, order)
    assert sorted((e.when.date, e.killed, len({s.article for s in e.sources})) for e in merged) == \
        [("2023-06-13", None, 1), ("2023-06-19", 2, 2)]


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_a_caption_of_last_weeks_strike_does_not_date_the_news_of_the_day(parser, order):
    texts = [("a.txt", "date 2023-06-20\nA Russian missile hit an industrial site in Zaporizhzhia, killing two people "
                       "and injuring seven, the governor said.\n\nFirefighters at the site of a Russian missile strike "
                       "in Zaporizhzhia on June 13. Photo: emergency service"),
             ("b.txt", "date 2023-06-20\nA Russian missile struck an industrial site in Zaporizhzhia overnight, "
                       "killing two people and wounding seven, the governor said.")]
    merged = _merged(parser, texts, order)
    [news] = _of(merged, "casualty_report")
    assert {s.article for s in news.sources} == {"a.txt", "b.txt"} and news.when.date == "2023-06-20"
    [caption] = _of(merged, "frontline_incident")
    assert caption.when.date == "2023-06-13" and {s.article for s in caption.sources} == {"a.txt"}


def test_a_strike_dated_by_last_weeks_caption_does_not_keep_the_news_toll(parser):
    text = ("date 2023-06-20\nA residential building in Zaporizhzhia damaged by a Russian missile strike on June 12. "
            "Photo: regional administration\n\nA Russian missile hit an industrial site in Zaporizhzhia, killing two "
            "people and injuring seven, the governor said.")
    events = _events(parser, text)
    assert sorted((e.when.date, e.killed) for e in events) == [("2023-06-12", None), ("2023-06-20", 2)]


@pytest.mark.parametrize("text", [
    # the same strike: a toll worded as an update, with the day of the strike told after it
    "date 2023-06-20\nThe death toll from the Russian missile strike on Zaporizhzhia has risen to 12, the governor "
    "said.\n\nRussian missiles hit Zaporizhzhia on June 12.",
    # a headline without a toll, dated by the body
    "date 2023-06-20\nRussian strike on Zaporizhzhia\n\nRussian missiles hit Zaporizhzhia on June 12, killing 12."])
def test_an_old_strike_told_with_its_day_and_its_toll_stays_one_incident(parser, text):
    assert len([e for e in _events(parser, text) if e.event_type != "annexation_claim"]) == 1


@pytest.mark.parametrize(("undated", "one"), [
    ("A Russian missile hit Kupiansk, killing 12 people and injuring 33, the governor said.", True),  # a later toll
    ("A Russian missile hit Kupiansk, killing 2 people and injuring 33, the governor said.", False),  # too far apart
    ("A Russian missile hit Kupiansk, killing 12 people and injuring 34, the governor said.", False)])  # both differ
@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_an_undated_later_toll_joins_when_a_distinctive_figure_agrees(parser, undated, one, order):
    texts = [("a.txt", "date 2023-05-20\nA Russian missile hit Kupiansk on Friday, killing 9 people and injuring 33, "
                       "the governor said."),
             ("b.txt", UNDATED + undated)]
    assert len(_of(_merged(parser, texts, order), "casualty_report")) == (1 if one else 2)


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_an_undated_toll_differing_where_the_other_figure_is_small_stays_apart(parser, order):
    # 3 and 4 killed with 2 injured each: too common to be told from two shellings of one city
    texts = [("a.txt", "date 2023-05-20\nRussian shelling hit Kupiansk on Friday, killing 3 people and injuring 2, "
                       "the governor said."),
             ("b.txt", UNDATED + "Russian shelling hit Kupiansk, killing 4 people and injuring 2, the governor said.")]
    assert len(_of(_merged(parser, texts, order), "casualty_report")) == 2


# -- independent of article order ------------------------------------------------------------------
_ORDER_SET = [
    ("a.txt", "date 2023-06-20\nA Russian missile hit Kupiansk on June 13, damaging a school.\n\nIn a separate "
              "attack, a Russian missile struck Kupiansk on Monday, killing two people and injuring seven, the "
              "governor said."),
    ("b.txt", "date 2023-06-20\nA Russian missile struck Kupiansk, killing two people and injuring seven, the "
              "governor said."),
    ("c.txt", UNDATED + "A Russian missile struck Kupiansk, killing two people and injuring seven, officials said."),
    ("d.txt", "date 2023-06-14\nA Russian missile hit a school in Kupiansk on Tuesday, the governor said."),
    ("e.txt", "date 2023-06-21\nUkrainian forces withdrew from Balakliia on Tuesday, the general staff said."),
    ("f.txt", UNDATED + "Russian troops have captured Balakliia, the defence ministry in Moscow said.")]


def test_merging_gives_the_same_incidents_in_every_article_order(parser):
    per = [_events(parser, text, name) for name, text in _ORDER_SET]
    seen = set()
    for order in itertools.permutations(range(len(per))):
        merged = merge_across_articles([copy.deepcopy(per[i]) for i in order])
        seen.add(tuple(sorted((tuple(sorted({s.article for s in e.sources})), e.event_type, e.when.date, e.killed)
                              for e in merged)))
    assert seen == {(
        (("a.txt", "b.txt", "c.txt"), "casualty_report", "2023-06-19", 2),
        (("a.txt", "d.txt"), "frontline_incident", "2023-06-13", None),
        (("e.txt", "f.txt"), "frontline_incident", "2023-06-20", None))}
