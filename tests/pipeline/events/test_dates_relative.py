"""Event dates resolved from relative wording against the article's date (issue 13: the day it happened, never
invented). One failure class each; every sentence here is written for these tests.
"""

from __future__ import annotations

import pytest

from pipeline.text.dates import EventDate, article_date, explicit_date, sentence_date
from tests.fixtures import article_events as _events

WEDNESDAY = EventDate("2023-05-17", 1, "date header")  # a Wednesday


def _day(sentence: str, published: EventDate = WEDNESDAY) -> str | None:
    found = explicit_date(sentence, published)
    return found.date if found is not None else None


# -- weekdays ---------------------------------------------------------------------------------------------
def test_weekday_opening_the_sentence_is_read():
    # the capitalised preposition of a sentence's first words: "On Monday, ..."
    assert _day("On Monday, the army said it had taken the village.") == "2023-05-15"


def test_weekday_without_preposition_after_a_speech_verb_dates_the_report():
    # wire style: "the mayor said Friday"; with no other day stated, what was reported happened by then
    assert _day("A depot burned after the strike, the mayor said Tuesday.") == "2023-05-16"


def test_weekday_without_preposition_after_earlier():
    assert _day("The bridge reopened to traffic earlier Tuesday.") == "2023-05-16"


def test_named_day_of_the_event_wins_over_the_day_it_was_said():
    assert _day("The mayor said Tuesday that a rocket struck the depot on Sunday.") == "2023-05-14"


@pytest.mark.parametrize("sentence", [
    "Shelling of the town has not stopped since Monday.",
    "The curfew lasts until Friday.",
    "Residents must leave by Friday.",
])
def test_a_weekday_bounding_a_span_dates_nothing(sentence):
    assert _day(sentence) is None


@pytest.mark.parametrize("sentence", [
    "The minister told the Sunday Herald that troops were ready.",
    "Crowds marked Good Friday in the old town.",
])
def test_a_weekday_inside_a_name_dates_nothing(sentence):
    assert _day(sentence) is None


def test_weekday_possessive_still_dates_its_noun():
    assert _day("Monday's strike on the depot was the largest this month.") == "2023-05-15"


def test_future_weekday_without_preposition_lies_ahead():
    assert _day("The ministers will meet Friday.") == "2023-05-19"


# -- nights and daily summaries ---------------------------------------------------------------------------
def test_last_night_is_the_night_ending_on_the_page_day():
    # a morning report's "last night" is the night just ended, dated as "overnight" (session 17, dates23)
    assert _day("A warehouse burned last night after the blast.") == "2023-05-17"


def test_yesterday_evening_outranks_last_night():
    assert _day("Yesterday evening a shell hit a shop; last night drones followed.") == "2023-05-16"


def test_the_night_before_is_still_the_day_before():
    assert _day("The depot had been hit the night before.") == "2023-05-16"


def test_overnight_stays_the_page_day():
    # the night that ends on the morning of the report is dated by that morning (as the development sets do)
    assert _day("Drones attacked the city overnight.") == "2023-05-17"


@pytest.mark.parametrize("sentence", [
    "Artillery fire over the past day damaged a bridge and two schools.",
    "In the past 24 hours the enemy shelled the district 40 times.",
    "During the last day, three settlements were hit by artillery.",
])
def test_a_daily_summary_is_dated_by_the_day_it_ends_on(sentence):
    # a period ending on the day it is reported: that day, as "overnight" (not a guess at the day before)
    assert _day(sentence) == "2023-05-17"


def test_past_days_plural_is_no_daily_summary():
    assert _day("Over the past days the enemy shelled the district repeatedly.") is None


# -- spans are no dates -----------------------------------------------------------------------------------
@pytest.mark.parametrize("sentence", [
    "Power cuts have grown longer since late April.",
    "The bridge stayed closed until March.",
])
def test_a_month_that_starts_or_ends_a_span_dates_nothing(sentence):
    assert _day(sentence) is None
    assert sentence_date(sentence, WEDNESDAY).date == WEDNESDAY.date  # the article's day, week precision
    assert sentence_date(sentence, WEDNESDAY).precision == 2


def test_in_a_month_still_dates_the_month():
    assert _day("The plant was first hit in April.") == "2023-04-01"


# -- the article's own day --------------------------------------------------------------------------------
def test_wire_dateline_a_day_before_the_reprint_is_the_article_day():
    text = "date 2023-05-18\n\nRIVNE, May 17 (Agency) - Officials said on Wednesday that a depot burned."
    assert article_date(text) == EventDate("2023-05-17", 1, "wire dateline")


def test_wire_dateline_of_the_page_day_keeps_the_header():
    text = "date 2023-05-17\n\nRIVNE, May 17 (Agency) - A depot burned."
    assert article_date(text).note == "date header"


def test_dateline_far_before_the_page_is_not_its_day():
    text = "date 2023-05-30\n\nRIVNE, May 17 (Agency) - A depot burned."
    assert article_date(text).date == "2023-05-30"


def test_dateline_late_in_the_text_is_not_a_dateline():
    text = "date 2023-05-18\n\n" + "The war goes on. " * 50 + "\nRIVNE, May 17 (Agency) - A depot burned."
    assert article_date(text).date == "2023-05-18"


def test_headline_day_in_figures_dates_an_undated_page():
    text = "Lutsk market fire, 17.05.23: the latest\n\nA blaze broke out at the market on May 16, officials said."
    assert article_date(text) == EventDate("2023-05-17", 1, "headline date")
    assert _day("A blaze broke out at the market on May 16, officials said.", article_date(text)) == "2023-05-16"


def test_headline_with_a_four_digit_year():
    assert article_date("Strike on Rivne, 03.02.2024\n\nText.").date == "2024-02-03"


@pytest.mark.parametrize("headline", ["Version 2.10.5 released\n\nText.", "Lutsk market fire, 31.02.23\n\nText.",
                                      "Text first.\nLutsk market fire, 17.05.23\n"])
def test_no_headline_day_no_date(headline):
    assert article_date(headline).date is None


# -- whole articles ---------------------------------------------------------------------------------------
def test_undated_sentence_takes_the_day_its_paragraph_stated(parser):
    text = ("date 2023-05-17\nA week in the region\n\n"
            "On May 15, the army shelled Rivne, killing two people.\n\n"
            "On May 13, a blaze was reported at a farm near Lutsk. Later Russian artillery shelled Lutsk "
            "again, and three people were wounded.")
    reports = sorted((e.when.date, e.place.name if e.place else None, e.killed, e.injured) for e in _events(parser, text)
                     if e.event_type == "casualty_report")
    assert ("2023-05-13", "Lutsk", None, 3) in reports
    assert ("2023-05-15", "Rivne", 2, None) in reports


def test_capture_said_on_a_weekday_opening_the_sentence_takes_that_day(parser):
    text = ("date 2023-05-17\nTroops advance\n\n"
            "On Monday, the army said it had taken control of Konotop.")
    captures = [e for e in _events(parser, text) if e.sub_event_type == "capture"]
    assert captures and all(e.when.date == "2023-05-15" for e in captures)


@pytest.mark.parametrize("sentence", [
    "Drones attacked the port on the night of 14 to 15 April.",
    "Drones attacked the port on the night of April 14 to 15.",
    "Drones attacked the port on the night of 14-15 April.",
])
def test_a_night_across_two_days_is_the_later_day(sentence):
    assert _day(sentence) == "2023-04-15"
