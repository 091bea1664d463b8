"""Session 18 (tolls24): which figure is an incident's toll, which incident a toll belongs to, and its day (issue 13).

A group of the population counted after a larger total is a part of it; a count stated "as of" a time is dated by the
incident, not by the time of the count; the dead and the wounded counted together are neither; a toll naming no place
belongs to the town named just before it; a toll told at the second town of an attack on two is that town's.

Every sentence here is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

from pipeline.events.figures import figures
from pipeline.text.dates import EventDate, explicit_date
from tests.fixtures import article_events, events_of

THURSDAY = "date 2024-05-16\n"  # a Thursday


def _read(sentence: str) -> list[tuple[str, int, str]]:
    return [(f.kind, f.value, f.role) for f in figures(sentence)]


def _tolls(parser, text: str) -> list[tuple[str | None, int | None, int | None]]:
    reports = events_of(article_events(parser, text), "casualty_report")
    return sorted((e.place.name if e.place else None, e.killed, e.injured) for e in reports)


# -- which figure is a total -----------------------------------------------------------------------------------------
def test_a_group_of_victims_told_as_news_is_a_part_of_the_larger_total(parser):
    text = THURSDAY + (
        "A rocket struck the bus station in Izium on Wednesday, killing at least 40 people.\n\n"
        "Later the mayor wrote that the toll had risen again, and that six children were killed.\n")
    assert [t[1:] for t in _tolls(parser, text)] == [(40, None)]


def test_a_group_of_victims_alone_is_the_toll(parser):
    text = THURSDAY + "A rocket struck a school in Izium on Wednesday. Six children were killed.\n"
    assert [t[1:] for t in _tolls(parser, text)] == [(6, None)]


def test_victims_told_with_where_they_worked_or_as_known_are_counted():
    assert _read("The governor said two workers of the fuel depot are injured.") == [("injured", 2, "total")]
    assert _read("Drones hit the base, and three military personnel were killed.") == [("killed", 3, "total")]
    assert _read("By noon, 11 people are known to have been killed.") == [("killed", 11, "total")]
    assert _read("The shelling claimed the life of a man, 70, and damaged two houses.") == [("killed", 1, "individual")]
    assert _read("The strike claimed the lives of four civilians.") == [("killed", 4, "total")]


def test_the_dead_and_wounded_counted_together_are_neither_count():
    assert _read("About 900 soldiers were killed or wounded over the day, the ministry said.") == \
        [("killed", 900, "combined")]
    # each kind with its own count stays a total of its own
    assert _read("The strike killed two and wounded five.") == [("killed", 2, "total"), ("injured", 5, "total")]
    assert _read("Two people were killed and five wounded.") == [("killed", 2, "total"), ("injured", 5, "total")]


# -- the day of the incident -----------------------------------------------------------------------------------------
def test_a_count_stated_as_of_a_time_is_dated_by_the_attack_not_by_the_count():
    page = EventDate("2024-05-16", 1, "page")
    day = explicit_date("As of Thursday morning, 12 people were killed in the strike on a school on Wednesday, "
                        "May 15, the governor said.", page)
    assert day is not None and day.date == "2024-05-15"
    # a count as of a time with no other day keeps that day
    alone = explicit_date("As of the evening of May 15, nine people were killed.", page)
    assert alone is not None and alone.date == "2024-05-15"


# -- which incident a toll belongs to --------------------------------------------------------------------------------
def test_a_toll_of_an_earlier_year_told_after_its_place_is_not_the_news_toll(parser):
    text = THURSDAY + (
        "On Wednesday evening, Russian missiles struck a cafe in Kramatorsk.\n\n"
        "As of Thursday morning, eight people were killed and 40 were wounded.\n\n"
        "On this day in 2022, the Russians hit a market in Poltava with two missiles. Then, the attackers killed "
        "19 people and injured 60 others.\n")
    news = [t for t in _tolls(parser, text) if t[0] == "Kramatorsk"]
    assert news == [("Kramatorsk", 8, 40)]


def test_a_toll_naming_no_place_belongs_to_the_town_named_just_before_it(parser):
    text = THURSDAY + (
        "This morning, a drone attacked the airfield in Kursk. In addition, explosions were heard in Belgorod.\n\n"
        "A drone crashed on the runway of the local airfield. Two people were also injured.\n\n"
        "Also blasts in Belgorod. Officials reported that a fuel tank exploded. Three died, six were wounded.\n")
    assert _tolls(parser, text) == [("Belgorod", 3, 6), ("Kursk", None, 2)]


def test_each_town_of_an_attack_on_two_keeps_its_own_toll(parser):
    text = THURSDAY + (
        "Officials said Russian forces also launched drone attacks on the cities of Kherson and Kharkiv on "
        "Thursday.\n\n"
        "The governor said four people were injured in Kherson.\n\n"
        "In Kharkiv, the mayor said one person was hurt.\n")
    assert _tolls(parser, text) == [("Kharkiv", None, 1), ("Kherson", None, 4)]


def test_a_feast_day_is_dated_by_the_orthodox_easter_of_the_pages_year():
    day = explicit_date("A missile strike on the city killed 30 people on Palm Sunday last month.",
                        EventDate("2025-05-26", 1, "page"))
    assert day is not None and day.date == "2025-04-13"
    # a feast after the page's day is last year's
    before = explicit_date("Shelling hit the town on Easter Sunday.", EventDate("2024-04-01", 1, "page"))
    assert before is not None and before.date == "2023-04-16"


def test_a_toll_update_on_a_later_day_updates_the_incident_not_a_new_one(parser):
    text = THURSDAY + (
        "A missile hit a cafe in Kharkiv on Wednesday, killing three people.\n\n"
        "On Thursday the toll rose to five, the governor said.\n")
    reports = events_of(article_events(parser, text), "casualty_report")
    assert [(e.killed, e.when.date) for e in reports] == [(5, "2024-05-15")]


def test_a_victim_told_by_their_role_is_counted():
    assert _read("The driver, a 43-year-old man, was killed, and his passenger was injured.") == \
        [("killed", 1, "individual"), ("injured", 1, "individual")]


def test_an_attack_the_day_before_with_a_toll_of_its_own_is_another_incident(parser):
    text = THURSDAY + (
        "On Wednesday, a Russian glide bomb hit a residential area of Kostiantynivka, killing four people and "
        "injuring 11. On Tuesday evening, shelling of the town killed one person.\n")
    assert sorted((e.killed, e.injured, e.when.date) for e in events_of(article_events(parser, text),
                                                                       "casualty_report")) == \
        [(1, None, "2024-05-14"), (4, 11, "2024-05-15")]


def test_victims_told_one_by_one_and_more_after_them_add_up_when_no_total_is_stated(parser):
    text = THURSDAY + ("Russian forces attacked Nikopol with artillery on Wednesday. A 58-year-old man was injured. "
                       "Later, a drone hit a car in the town, injuring two more.\n")
    assert [(e.killed, e.injured) for e in events_of(article_events(parser, text), "casualty_report")] == [(None, 3)]


def test_victims_told_with_an_age_apposition_or_among_a_count_are_read():
    assert _read("A man, 54, sustained injuries.") == [("injured", 1, "individual")]
    assert _read("Two men aged 35 and 40 were hospitalized with shrapnel wounds.") == [("injured", 2, "total")]
    assert _read("A 12-year-old boy was among the injured.") == [("injured", 1, "individual")]
    assert _read("Another victim died in the hospital.") == [("killed", 1, "individual")]


def test_a_toll_after_a_places_history_in_another_year_stays_the_news_toll(parser):
    text = THURSDAY + ("Russian forces struck Kharkiv on Wednesday.\n\n"
                       "Kharkiv, a city of 1.4 million people in 2021, lies near the border. Three people were injured, "
                       "the mayor said.\n")
    assert [(e.injured, e.when.date) for e in events_of(article_events(parser, text), "casualty_report")] == \
        [(3, "2024-05-15")]
