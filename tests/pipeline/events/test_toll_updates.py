"""Session 15 (tolls20): the toll as last updated, the figures read from every wording, one incident per strike,
a background incident's own toll, and casualty reports of two days kept apart.

Every sentence here is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

import pytest

from pipeline.events.extract import Event, merge_across_articles
from pipeline.events.figures import figures, parse_number
from pipeline.events.merge import mergeable
from pipeline.events.records import Report
from pipeline.events.triggers import separate
from pipeline.text.dates import EventDate
from tests.fixtures import article_events as _events

MONDAY = "date 2024-06-24\n"  # a Monday
WEDNESDAY = "date 2024-06-26\n"
THURSDAY = "date 2024-06-27\n"
SUNDAY = "date 2023-04-23\n"


def _read(sentence: str) -> list[tuple[str, int, str]]:
    return [(f.kind, f.value, f.role) for f in figures(sentence)]


def _reports(events: list[Event]) -> list[Event]:
    return [e for e in events if e.event_type == "casualty_report"]


# -- figures -------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("words, value", [("twenty-two", 22), ("Thirty-one", 31), ("forty five", 45),
                                          ("ninety‑nine", 99), ("twenty", 20), ("two", 2)])
def test_a_compound_number_word_is_one_number(words, value):
    assert parse_number(words) == value


def test_a_compound_number_is_never_read_as_its_last_word():
    assert _read("Twenty-two people were injured in the night attack on the city.") == [("injured", 22, "total")]
    assert _read("Forty-one residents died, the mayor said.") == [("killed", 41, "total")]


def test_a_number_is_not_read_as_a_modifier_of_the_victims_before_it():
    # "five with 15 people ... injured" is two figures, five killed and 15 injured, not five injured
    found = figures("The death toll later rose to five with 15 people reported injured, the governor said.")
    assert {(f.kind, f.value) for f in found} == {("killed", 5), ("injured", 15)}
    assert all(f.update for f in found)


def test_the_number_of_injured_told_with_a_long_qualifier_is_an_updated_total():
    found = figures("The number of people injured in the enemy’s massive overnight attack on the port city has "
                    "increased to 34, the mayor said.")
    assert [(f.kind, f.value, f.role, f.update) for f in found] == [("injured", 34, "total", True)]


def test_one_victim_told_as_a_dead():
    assert _read("Troops shelled the district at night, there is a dead and two wounded, prosecutors said.") == \
        [("killed", 1, "individual"), ("injured", 2, "total")]
    assert _read("There was a dead end at the bridge, and no one was hurt.") == [("injured", 0, "zero")]


def test_the_toll_of_the_attack_an_anniversary_counts_from_is_background():
    sentence = ("Another missile hit warehouses in the town, exactly a year after an attack on its market that "
                "killed at least 17.")
    assert _read(sentence) == [("killed", 17, "background")]
    # a year counted from the invasion is no earlier attack: today's toll stays a total
    assert _read("A year after the invasion began, a strike killed five people in the town.") == \
        [("killed", 5, "total")]


def test_an_overall_count_in_the_oblast_after_a_village_toll_is_the_oblasts_sum():
    sentence = ("Shells hit the village of Posad-Pokrovske, injuring two residents; overall, four people were "
                "injured in the oblast on Sunday.")
    assert _read(sentence) == [("injured", 2, "total"), ("injured", 4, "aggregate")]
    assert _read("Overall, five people were killed in the strike on the city.") == [("killed", 5, "total")]


# -- incidents -----------------------------------------------------------------------------------------------------
def test_a_lede_calling_the_attack_another_one_restates_its_toll(parser):
    text = (MONDAY + "Russian attack on Odesa kills at least six\n\n"
            "Ukraine said that another massive attack on Odesa killed at least six people overnight.\n\n"
            "Twenty-two people were injured in the attack, the governor said.")
    reports = _reports(_events(parser, text, "lede.txt"))
    assert [(e.place.name if e.place else None, e.killed, e.injured) for e in reports] == [("Odesa", 6, 22)]


def test_a_new_attack_with_another_toll_stays_another_incident(parser):
    text = (MONDAY + "A Russian missile killed two people in Odesa on Monday morning, the governor said.\n\n"
            "Another strike on Odesa in the evening killed five people, he added.")
    assert len(_reports(_events(parser, text, "two.txt"))) == 2


def test_more_news_of_the_day_opened_with_also_today_is_another_incident():
    assert separate("Also today, on June 26, troops shelled the post office in the city.")
    assert separate("Also on Monday, drones hit a depot in the region.")
    assert not separate("Also on the outskirts, shells damaged several houses.")
    assert not separate("The missiles also hit a school and a hospital.")


def test_a_background_incident_keeps_its_own_toll_and_no_day(parser):
    text = (WEDNESDAY + "A Russian missile hit a cafe in Kramatorsk on Tuesday, killing four people and injuring "
            "30, officials said.\n\n"
            "Last year, a bombing at the town's bus station killed 41 people.")
    reports = sorted(_reports(_events(parser, text, "bg.txt")), key=lambda e: e.killed)
    assert [(e.killed, e.injured) for e in reports] == [(4, 30), (41, None)]
    assert reports[0].when.date == "2024-06-25"
    assert reports[1].when.date is None  # an earlier period: no day of its own


def test_a_day_written_as_a_date_is_not_redated_by_a_later_weekday(parser):
    text = (SUNDAY + "As a result of the shelling of Kherson on 23 April, a 75-year-old man was killed.\n\n"
            "As a result of the Russian shelling of a park in Kherson on Saturday, a woman was injured.")
    reports = sorted(_reports(_events(parser, text, "days.txt")), key=lambda e: e.when.date)
    assert [(e.when.date, e.killed, e.injured) for e in reports] == [("2023-04-22", None, 1),
                                                                        ("2023-04-23", 1, None)]


def test_a_figure_goes_to_the_incident_its_claimant_gave_figures_of(parser):
    text = (MONDAY + "Ukrainian shelling hit the centre of Belgorod, the governor said.\n\n"
            "The emergency ministry said that 12 people were killed and 40 injured in Belgorod.\n\n"
            "Later, the governor reported that the village of Urazovo was also shelled.\n\n"
            "The emergency ministry reported one child died.")
    events = _events(parser, text, "claimant.txt")
    by_place = {e.place.name: e for e in events if e.place is not None}
    assert by_place["Urazovo"].event_type == "frontline_incident"
    assert (by_place["Belgorod"].killed, by_place["Belgorod"].injured) == (12, 40)


# -- merging across outlets ----------------------------------------------------------------------------------------
def test_one_city_shelled_two_days_apart_stays_two_incidents(parser):
    first = (MONDAY + "Russian troops shelled Kherson at night, injuring three people, the governor said on Monday.")
    second = (WEDNESDAY + "Four people were injured when Russian troops shelled Kherson on the afternoon of June 26.")
    for order in ((first, second), (second, first)):
        merged = merge_across_articles([_events(parser, t, f"{i}.txt") for i, t in enumerate(order)])
        assert sorted((e.when.date, e.injured) for e in _reports(merged)) == [("2024-06-24", 3), ("2024-06-26", 4)]


def test_a_day_stated_after_the_other_report_was_published_is_another_incident(parser):
    early = _reports(_events(parser, MONDAY + "A Russian drone injured two people in Sumy on Monday, the mayor "
                                              "said.", "early.txt"))[0]
    # the same small figure, but a day the later page fixes (June 26, on a page of June 27) after the first page
    later = _reports(_events(parser, THURSDAY + "A Russian drone injured two people in Sumy on June 26, the mayor "
                                                "said.", "later.txt"))[0]
    assert early.reports == [Report("early.txt", "2024-06-24", None, 2)]
    assert later.when == EventDate("2024-06-26", 1, later.when.note)
    assert not mergeable(early, later) and not mergeable(later, early)
