"""An event's confidence: named, monotone signals (``pipeline.events.confidence``).

Every text here is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

from dataclasses import replace

from pipeline.events.confidence import ConfidenceSignal, SentenceFacts, score, signals
from pipeline.events.records import CasualtyClaim, Event, Source
from pipeline.events.weights import WEIGHTS
from pipeline.model import Place
from pipeline.text.dates import EventDate
from tests.fixtures import article_events as _events

THURSDAY = "date 2023-03-16\n"
TOWN = Place(100, 106, "Sumy", "Sumy", 50.9, 34.8, 1, "city", "UA-59", "Sumy", "UA", 0.9, "")
CAPITAL = replace(TOWN, text="Kyiv", name="Kyiv", geonameid=2, admin1_code="UA-30", capital=True)
HEADLINE, BODY = SentenceFacts(16, 60, 1), SentenceFacts(90, 140, 4)


def _event(kind: str = "casualty_report", sub: str = "shelling", *, place: Place = TOWN,
           sentences: tuple[SentenceFacts, ...] = (BODY,), claimant: str | None = None) -> Event:
    sources = [Source("a.txt", "…", s.start, s.end) for s in sentences]
    claims = [CasualtyClaim("killed", 2, "two were killed", claimant, "a.txt", 95, 110)]
    return Event(kind, sub, EventDate("2023-03-15", 1, ""), place, place.admin1_code, place.admin1_name, "UA", 1,
                 sources, 0.0, casualty_claims=claims if kind == "casualty_report" else [])


def _score(event: Event) -> float:
    return score(signals(event, [SentenceFacts(0, 15, 0), HEADLINE, BODY], 0))


def test_a_capital_scores_below_the_same_event_at_a_town():
    assert _score(_event(place=CAPITAL)) < _score(_event()) - 0.2


def test_a_capital_outside_the_lede_falls_below_one_half():
    assert _score(_event(place=CAPITAL, claimant="the governor")) < 0.5
    assert _score(_event("frontline_incident", "airstrike", place=CAPITAL)) < 0.5


def test_the_lede_and_a_claimant_each_raise_it():
    plain = _score(_event())
    assert _score(_event(sentences=(HEADLINE, BODY))) == round(plain + WEIGHTS.conf_headline, 3)
    assert _score(_event(claimant="the governor")) == round(plain + WEIGHTS.conf_claimant, 3)


def test_a_strike_without_figures_scores_below_a_casualty_report_and_a_capture():
    strike = _score(_event("frontline_incident", "airstrike"))
    assert strike < _score(_event()) and strike < _score(_event("frontline_incident", "capture"))


def test_how_precisely_the_place_is_known_is_no_signal():
    oblast = replace(TOWN, feature_kind="admin1", geonameid=3)
    assert _score(_event(place=oblast)) == _score(_event())


def test_the_score_is_clipped():
    assert score([ConfidenceSignal("base", 5.0)]) == WEIGHTS.conf_max
    assert score([ConfidenceSignal("base", -5.0)]) == WEIGHTS.conf_min


def test_extraction_scores_a_capital_named_as_a_government_lower(parser):
    text = (THURSDAY + "Russian shelling killed two people in Sumy on Wednesday, the regional governor said.\n\n"
            "Officials said the strikes went on through the night.\n\n"
            "Later that day, a drone strike hit a market in Kyiv, the city's mayor said.")
    events = _events(parser, text)
    by_place = {e.place.name: e.confidence for e in events if e.place is not None}
    assert set(by_place) >= {"Sumy", "Kyiv"}
    assert by_place["Kyiv"] < 0.5 <= by_place["Sumy"]
