"""Session 15 (figures21): near misses of the toll or the day (issue 13) by structure, not by wording.

A victim told as "another" right after one of the other kind is the same count, not one more; a count stated
"as of" a time is an update; a figure joined by "and" to a sub-count is a sub-count too; a sentence that only refers
back to the attack and states its day dates the incident.

Every sentence here is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

from pipeline.events.extract import Event
from pipeline.events.figures import Figure, figures
from pipeline.events.incidents import toll
from tests.fixtures import article_events as _events

WEDNESDAY = "date 2024-05-15\n"  # a Wednesday


def _reports(events: list[Event]) -> list[Event]:
    return [e for e in events if e.event_type == "casualty_report"]


def _read(sentence: str) -> list[tuple[str, int, str, bool]]:
    return [(f.kind, f.value, f.role, f.update) for f in figures(sentence)]


# -- figures -------------------------------------------------------------------------------------------------------
def test_a_count_as_of_a_time_is_an_update():
    assert _read("As of this evening, there were 12 dead and 140 injured in the city.") == \
        [("killed", 12, "total", True), ("injured", 140, "total", True)]
    assert _read("As of 7 a.m., six people were killed.") == [("killed", 6, "total", True)]
    # "as of" inside the sentence, not opening it, dates nothing of the count
    assert _read("Six people were killed, officials said as of Monday.")[0][3] is False


def test_an_exact_count_as_of_a_time_beats_an_earlier_lower_bound():
    found = figures("More than 150 people were wounded across the city and the district.") + \
        figures("As of late in the evening of May 14, there were 131 people wounded in the city.")
    assert toll([f for f in found if f.kind == "injured"]) == 131


def test_a_figure_joined_to_a_subcount_by_and_is_a_subcount_too():
    assert [(k, v, r) for k, v, r, _u in _read(
        "The shelling of the region this spring caused heavy losses, including 140 deaths and over 600 injuries.")] \
        == [("killed", 140, "subcount"), ("injured", 600, "subcount")]


def test_a_figure_with_a_verb_of_its_own_after_a_subcount_stays_a_total():
    roles = {(k, r) for k, _v, r, _u in _read("Eight civilians died, among them three teenagers and 30 were wounded.")}
    assert ("injured", "total") in roles


# -- incidents -----------------------------------------------------------------------------------------------------
def test_another_victim_after_one_of_the_other_kind_is_not_one_more(parser):
    text = (WEDNESDAY + "A Russian missile hit a warehouse in Poltava on Wednesday. One man was killed and another "
            "was injured.\n\nAccording to the governor, the missile hit a parked truck. A man died. Another man was "
            "injured.")
    reports = _reports(_events(parser, text, "another.txt"))
    assert [(e.killed, e.injured) for e in reports] == [(1, 1)]


def test_another_victim_of_the_same_kind_is_still_one_more():
    first = Figure("injured", 1, "A woman was injured", 0, 19, "individual", False, False)
    second = Figure("injured", 1, "Another woman was injured", 40, 65, "individual", False, False, additional=True)
    assert toll([first, second]) == 2


def test_a_sentence_referring_back_to_the_attack_dates_it(parser):
    text = (WEDNESDAY + "At least 14 die in Poltava after Russian missile strike\n\n"
            "Officials reported 14 dead and 30 injured in Poltava after a Russian missile strike.\n\n"
            "According to prosecutors, the attack took place shortly after noon on May 10.")
    reports = _reports(_events(parser, text, "dated_back.txt"))
    assert [(e.killed, e.when.date, e.when.precision) for e in reports] == [(14, "2024-05-10", 1)]


def test_a_sentence_referring_back_never_dates_an_incident_with_a_day_of_its_own(parser):
    text = (WEDNESDAY + "A Russian missile killed three people in Poltava on Tuesday, the governor said.\n\n"
            "The attack came a week after the strike of May 7.")
    reports = _reports(_events(parser, text, "own_day.txt"))
    assert [e.when.date for e in reports] == ["2024-05-14"]


def test_a_speaker_going_on_in_the_next_paragraph_keeps_the_day_of_the_statement(parser):
    text = ("date 2024-05-19\nRussia claims two villages in Kharkiv region\n\n"
            "The Russian Defence Ministry statement on Saturday said its troops had captured the village of "
            "Lyptsi in Kharkiv region.\n\n"
            "It also said it had taken control of Vovchansk, a town near the border.")
    days = {e.place.name: e.when.date for e in _events(parser, text, "goes_on.txt")
            if e.event_type == "frontline_incident" and e.place is not None}
    assert days.get("Vovchansk") == "2024-05-18"


def test_a_new_paragraph_not_going_on_with_the_speaker_takes_no_day_from_before(parser):
    text = ("date 2024-05-19\nRussia claims two villages in Kharkiv region\n\n"
            "The Russian Defence Ministry statement on Saturday said its troops had captured the village of "
            "Lyptsi in Kharkiv region.\n\n"
            "Russian forces have taken control of Vovchansk, a town near the border.")
    days = {e.place.name: e.when for e in _events(parser, text, "new_para.txt")
            if e.event_type == "frontline_incident" and e.place is not None}
    assert "Vovchansk" not in days or days["Vovchansk"].date != "2024-05-18" or days["Vovchansk"].precision != 1
