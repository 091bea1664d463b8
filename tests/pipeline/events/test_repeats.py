"""Incidents told in passing (issue 13, recall on real news): an attack told as the latest of a run ("the second day
in a row of drone attacks on the city") or on a target struck before ("the same depot struck days earlier") also
reports the earlier attack. Each class has a control that gives no second event.

Every sentence is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

from tests.fixtures import article_events

WAR = "Russian troops have pressed their offensive in eastern Ukraine for months, the army said.\n\n"


def _events(parser, body: str, date: str = "2024-05-10") -> list:
    return article_events(parser, f"date {date}\n\n{WAR}{body}\n")


def _strikes(events: list) -> list:
    return sorted((e.event_type, e.admin1_code, e.when.date or "") for e in events)


# -- a run of attacks on consecutive days ----------------------------------------------------------------------------
def test_the_second_day_in_a_row_reports_the_attack_of_the_day_before(geoparser):
    body = ("Russian drones struck the port city of Mykolaiv overnight, injuring four people, the governor said on "
            "Friday.\n\nHomes and a school were damaged in what was the second day in a row of drone attacks on the "
            "city, he said.")
    events = _events(geoparser, body)
    assert _strikes(events) == [("casualty_report", "UA-48", "2024-05-10"),
                                ("frontline_incident", "UA-48", "2024-05-09")]


def test_a_second_consecutive_night_of_shelling_reports_the_night_before(geoparser):
    body = "Russian artillery shelled Nikopol for a second consecutive night on Thursday, damaging a gas pipeline."
    assert _strikes(_events(geoparser, body)) == [("frontline_incident", "UA-12", "2024-05-08"),
                                                  ("frontline_incident", "UA-12", "2024-05-09")]


def test_an_attack_told_once_gives_no_attack_of_the_day_before(geoparser):
    body = ("Russian drones struck the port city of Mykolaiv overnight, injuring four people, the governor said on "
            "Friday.\n\nHomes and a school were damaged in the attack on the city, he said.")
    assert _strikes(_events(geoparser, body)) == [("casualty_report", "UA-48", "2024-05-10")]


def test_a_second_day_that_is_feared_gives_no_attack(geoparser):
    body = ("Russian drones struck the port city of Mykolaiv overnight, injuring four people, the governor said on "
            "Friday.\n\nOfficials warned there could be a second night of attacks on the city.")
    assert _strikes(_events(geoparser, body)) == [("casualty_report", "UA-48", "2024-05-10")]


# -- a target struck before, on no stated day ------------------------------------------------------------------------
def test_the_same_depot_struck_days_earlier_is_an_undated_attack(geoparser):
    body = ("Drones attacked a fuel depot in Russia's Bryansk region on Tuesday evening, starting a fire at the same "
            "depot struck days earlier, the governor said.")
    assert _strikes(_events(geoparser, body)) == [("frontline_incident", "RU-BRY", ""),
                                                  ("frontline_incident", "RU-BRY", "2024-05-07")]


def test_a_depot_struck_for_the_first_time_gives_one_attack(geoparser):
    body = "Drones attacked a fuel depot in Russia's Bryansk region on Tuesday evening, starting a fire, the governor said."
    assert _strikes(_events(geoparser, body)) == [("frontline_incident", "RU-BRY", "2024-05-07")]
