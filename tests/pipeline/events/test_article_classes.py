"""Whole-article behaviour of issue 13's classes: clause dates, dated photo captions, oblast-only strikes,
changes of control and the rest of a counted set of annexed regions.

Every text is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

import pytest

from tests.fixtures import article_events

PAGE = "date 2023-05-15\n"  # a Monday


@pytest.fixture(scope="module")
def parser(geoparser):
    return geoparser


def _of(events, kind):
    return [e for e in events if e.event_type == kind]


def test_each_clause_of_a_sentence_keeps_its_own_date(parser):
    text = (PAGE + "Army liberates villages\n\n"
            "On May 3, the general staff said the army had liberated Vovchansk; and on May 5, it became known "
            "that the army had liberated Zolochiv.")
    days = {e.place.name: e.when.date for e in _of(article_events(parser, text), "frontline_incident")}
    assert days.get("Vovchansk") == "2023-05-03"
    assert days.get("Zolochiv") == "2023-05-05"


def test_a_caption_of_an_earlier_day_neither_dates_nor_takes_the_toll(parser):
    text = (PAGE + "Two killed in missile strike on Sumy: governor\n\n"
            "Rescuers search the rubble after a missile strike hit a school in Sumy on April 20. (Jane Doe, AP)\n\n"
            "At least two people were killed in a Russian missile strike on the centre of Sumy on Monday, "
            "the regional governor said.")
    events = article_events(parser, text)
    reports = _of(events, "casualty_report")
    assert [(r.killed, r.when.date) for r in reports] == [(2, "2023-05-15")]
    assert [e.when.date for e in _of(events, "frontline_incident")] == ["2023-04-20"]


def test_a_caption_of_the_incident_day_stays_with_the_incident(parser):
    text = (PAGE + "Two killed in missile strike on Sumy\n\n"
            "Rescuers at the site of a missile strike in Sumy on May 14. (Jane Doe, AP)\n\n"
            "Two people were killed when a Russian missile hit a school in Sumy the day before, officials said.")
    events = article_events(parser, text)
    assert [(e.event_type, e.killed, e.when.date) for e in events] == [("casualty_report", 2, "2023-05-14")]


def test_an_oblast_also_hit_is_an_incident_of_its_own(parser):
    text = (PAGE + "Missiles hit Kharkiv\n\n"
            "A Russian missile hit an energy facility in Kharkiv on Monday, the mayor said.\n\n"
            "Poltava Oblast was also subjected to a massive missile attack.")
    codes = {e.admin1_code for e in article_events(parser, text)}
    assert {"UA-63", "UA-53"} <= codes


def test_came_under_control_and_withdrawal_wordings(parser):
    text = (PAGE + "Front update\n\n"
            "The village of Robotyne is now under the control of the Armed Forces of Ukraine, officials said.\n\n"
            "Last week Russian troops gave up the town of Vuhledar.")
    found = {(e.place.name, e.sub_event_type, e.gains) for e in _of(article_events(parser, text),
                                                                      "frontline_incident")}
    assert ("Robotyne", "recapture", "Ukraine") in found
    assert ("Vuhledar", "withdrawal", "Ukraine") in found


def test_failing_to_capture_the_capital_is_no_event(parser):
    text = (PAGE + "Analysis\n\n"
            "After failing to capture Kyiv early in the war, the army turned to a campaign of long-range "
            "bombardments of the south.")
    assert _of(article_events(parser, text), "frontline_incident") == []


def test_the_other_regions_of_a_counted_set_are_claimed(parser):
    text = (PAGE + "Front update\n\n"
            "Kherson is one of the four regions Russia annexed in September after referendums. "
            "The remaining three are Donetsk, Luhansk and Zaporizhzhia.")
    claimed = {e.admin1_code for e in _of(article_events(parser, text), "annexation_claim")}
    assert claimed == {"UA-65", "UA-14", "UA-09", "UA-23"}


def test_where_a_withdrawing_side_goes_is_not_the_place_it_gives_up(parser):
    text = (PAGE + "Front update\n\n"
            "On Monday Russian units withdrew from Nova Kakhovka, officials said.\n\n"
            "The troops later withdrew to Skadovsk, officials said.")
    places = {e.place.name for e in _of(article_events(parser, text), "frontline_incident")}
    assert "Skadovsk" not in places
