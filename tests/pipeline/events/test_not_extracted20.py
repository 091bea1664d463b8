"""Gold events lost as "not extracted" (issue 13, session 20): a passive verb whose subject is a tally of settlements
takes the list its colon announces ("The following villages were liberated: A, B and C"); a relative clause on a
settlement whose change-of-control verb has no object of its own takes that settlement ("X, which Moscow said it had
taken in January"; "X, a town that troops have recently captured"), with the clause's own day or none; "took" or
"taken" with a settlement's name as its object is a capture ("Russian forces took X in February"). Every sentence is
written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

from tests.fixtures import article_events

PAGE = "date 2024-05-10\n\n"  # a Friday


def _events(parser, body: str, sub: str) -> dict[str, str | None]:
    return {e.place.text: e.when.date for e in article_events(parser, PAGE + body + "\n")
            if e.sub_event_type == sub and e.place}


# -- a tally as the subject of a passive verb, its list after the colon ---------------------------------------------
def test_the_following_villages_were_liberated_names_each_village(geoparser):
    body = ("Ukrainian troops pressed on in the south. The following villages were liberated: Robotyne, Verbove and "
            "Novoprokopivka.")
    assert {"Robotyne", "Verbove", "Novoprokopivka"} <= set(_events(geoparser, body, "recapture"))


def test_villages_returned_to_control_names_each_village(geoparser):
    body = ("Ukrainian troops pressed on in the south. Four villages returned to the control of Ukraine: Robotyne, "
            "Verbove, Novoprokopivka and Levadne.")
    assert {"Robotyne", "Verbove", "Novoprokopivka", "Levadne"} <= set(_events(geoparser, body, "recapture"))


def test_a_counted_subject_whose_list_is_shorter_stays_unnamed(geoparser):  # control
    body = ("Ukrainian troops pressed on in the south. Five villages were liberated on Tuesday: Robotyne and "
            "Verbove.")
    assert not {"Robotyne", "Verbove"} & set(_events(geoparser, body, "recapture"))


# -- a relative clause about a settlement ---------------------------------------------------------------------------
def test_a_which_clause_with_took_is_a_capture_of_its_settlement(geoparser):
    body = ("Russian forces captured the village of Andriivka, west of Kurakhove, which Moscow said it had taken in "
            "early January.")
    found = _events(geoparser, body, "capture")
    assert "Andriivka" in found and "Kurakhove" in found
    assert found["Kurakhove"] != "2024-05-10"  # the clause's January, not the page's day


def test_an_apposition_that_clause_is_a_capture_of_its_settlement_in_the_background(geoparser):
    body = ("Russian forces shelled Siversk on Thursday. The village lies near Soledar, a salt-mining town that "
            "Russian forces have recently captured, and on a road leading towards Bakhmut.")
    found = _events(geoparser, body, "capture")
    assert "Soledar" in found and "Bakhmut" not in found
    assert found["Soledar"] is None  # told in passing, with no day of its own


def test_a_which_clause_about_no_settlement_is_no_capture(geoparser):  # control
    body = "Russian troops shelled Kharkiv. The decision, which he took in March, angered officials in Kyiv."
    assert not _events(geoparser, body, "capture")


# -- "took" with a settlement's name as its object ------------------------------------------------------------------
def test_forces_took_a_named_town_is_a_capture(geoparser):
    body = "Russian troops shelled Kharkiv on Thursday. Russian forces took Avdiivka in February after months of fighting."
    assert "Avdiivka" in _events(geoparser, body, "capture")


def test_had_taken_a_list_of_named_villages_is_a_capture_of_each(geoparser):
    body = "Russian troops shelled Kharkiv on Thursday. Russia said its forces had taken Krasnohorivka and Ocheretyne."
    assert {"Krasnohorivka", "Ocheretyne"} <= set(_events(geoparser, body, "capture"))


def test_took_a_person_or_residents_to_a_city_is_no_capture(geoparser):  # control
    body = ("Russian troops shelled Kharkiv on Thursday. The visit took Zelensky to Izium on Friday. A bus took Kupiansk "
            "residents to safety.")
    assert not _events(geoparser, body, "capture")
