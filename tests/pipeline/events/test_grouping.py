"""How sentences are grouped into incidents: one more victim, day-by-day lists, borrowed places.

Every text here is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

from pipeline.events.extract import Event
from tests.fixtures import article_events as _events

THURSDAY = "date 2023-03-16\n"  # a Thursday


def _of(events: list[Event], kind: str) -> list[Event]:
    return [e for e in events if e.event_type == kind]


def test_another_victim_is_not_another_incident(parser):
    text = (THURSDAY + "Russian troops shelled Mykolaiv on Wednesday evening, the regional governor said.\n\n"
            "A shell hit a house, killing an elderly man. Another woman was wounded and taken to hospital.")
    events = _events(parser, text)
    assert len(events) == 1
    assert (events[0].event_type, events[0].killed, events[0].injured) == ("casualty_report", 1, 1)


def test_another_strike_is_still_another_incident(parser):
    text = (THURSDAY + "A missile hit a warehouse in Mykolaiv on Wednesday, killing a man.\n\n"
            "Another strike on Odesa on Wednesday wounded a woman.")
    places = sorted(e.place.name for e in _events(parser, text))
    assert len(places) == 2


def test_day_by_day_list_gives_one_incident_per_day(parser):
    text = (THURSDAY + "Russian forces shelled Zaporizhzhia on March 15, killing two people, the governor said.\n\n"
            "  • On March 14, Russian artillery shelled Zaporizhzhia. A school was hit.\n"
            "  • On March 13, the invaders shelled a residential quarter. Three people were injured.\n"
            "  • On March 12, dozens of people were wounded.\n")
    events = _events(parser, text)
    assert sorted(e.when.date for e in events) == ["2023-03-12", "2023-03-13", "2023-03-14", "2023-03-15"]
    by_day = {e.when.date: e for e in events}
    assert (by_day["2023-03-15"].killed, by_day["2023-03-15"].injured) == (2, None)
    assert (by_day["2023-03-13"].killed, by_day["2023-03-13"].injured) == (None, 3)
    assert by_day["2023-03-12"].event_type == "frontline_incident"  # harm with no attack word, its toll unstated
    assert all(e.admin1_code == "UA-23" for e in events)


def test_harm_on_a_day_of_its_own_without_an_attack_article_is_no_event(parser):
    text = (THURSDAY + "Floods in Zaporizhzhia\n\n"
            "Heavy rain flooded streets in Zaporizhzhia on Wednesday, officials said.\n\n"
            "On March 12, dozens of people were hurt in a bus crash near the city.")
    assert _events(parser, text) == []


def test_figure_next_in_its_paragraph_stays_with_the_incident_just_told(parser):
    text = (THURSDAY + "A drone hit a market in Kherson on March 15, killing one person, the governor said.\n\n"
            "On March 14, Russian forces shelled Kherson. Four people were injured, and one person died in "
            "hospital.\n")
    by_day = {e.when.date: e for e in _events(parser, text)}
    assert (by_day["2023-03-14"].killed, by_day["2023-03-14"].injured) == (1, 4)
    assert by_day["2023-03-15"].killed == 1
