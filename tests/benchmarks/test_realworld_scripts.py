"""Pure helpers of the real-world benchmarks, on synthetic inputs (never the shared sets)."""

from __future__ import annotations

import pytest

from benchmarks.cir_eval import classify_miss, parse_scorer_table, source_country, tool_answer
from benchmarks.realnews_eval import (
    analyse,
    calibration,
    classify_missed_event,
    classify_missed_place,
    classify_spurious_event,
    confidence_band,
    event_matches,
    match_article,
    parse_summary,
)

GOLD = {"type": "casualty_report", "admin1": "UA-14", "killed": [3, 4], "date": "2022-03-09"}


def _event(eid: str = "E1", **props: object) -> dict:
    base = {"id": eid, "event_type": "casualty_report", "admin1_code": "UA-14", "killed": 3, "injured": None,
            "date": "2022-03-09", "confidence": 0.8, "sources": [{"article": "a.txt"}]}
    return {**base, **props}


@pytest.mark.parametrize(("confidence", "band"), [
    (None, "none"), (0.0, "<0.5"), (0.49, "<0.5"), (0.5, "0.5-0.7"), (0.7, "0.7-0.85"),
    (0.849, "0.7-0.85"), (0.85, ">=0.85"), (1.0, ">=0.85"),
])
def test_confidence_band(confidence: float | None, band: str) -> None:
    assert confidence_band(confidence) == band


def test_event_matches_follows_the_scorer_rule() -> None:
    assert event_matches(_event(), GOLD)
    assert event_matches(_event(killed=4), GOLD)  # any of the gold's totals
    assert event_matches(_event(date=None), GOLD)  # undated event: date not compared
    assert event_matches(_event(injured=7), GOLD)  # gold gives no injured figure
    assert event_matches(_event(), {k: v for k, v in GOLD.items() if k != "date"})
    assert not event_matches(_event(killed=5), GOLD)
    assert not event_matches(_event(killed=None), GOLD)
    assert not event_matches(_event(date="2022-03-10"), GOLD)
    assert not event_matches(_event(admin1_code="UA-23"), GOLD)
    assert not event_matches(_event(event_type="frontline_incident"), GOLD)


def test_match_article_is_one_to_one() -> None:
    events = [_event("E1"), _event("E2")]
    pairs, missed, spurious = match_article([GOLD, GOLD, GOLD], events)
    assert pairs == {0: 0, 1: 1}
    assert missed == [2]
    assert spurious == []


def test_calibration_counts_correct_events_per_band() -> None:
    events = [_event("E1", confidence=0.9), _event("E2", confidence=0.9), _event("E3", confidence=0.3)]
    table = calibration(events, {"E1", "E3"})
    assert table[">=0.85"] == {"events": 2, "correct": 1}
    assert table["<0.5"] == {"events": 1, "correct": 1}
    assert table["0.5-0.7"] == {"events": 0, "correct": 0}


def test_missed_and_spurious_event_classes() -> None:
    assert classify_missed_event(GOLD, []) == "not extracted"
    assert classify_missed_event(GOLD, [_event(admin1_code="UA-09")]) == "wrong or no oblast"
    assert classify_missed_event(GOLD, [_event(event_type="frontline_incident")]) == "wrong event type"
    assert classify_missed_event(GOLD, [_event(killed=10)]) == "wrong casualty figure"
    assert classify_missed_event(GOLD, [_event(date="2022-03-10")]) == "wrong date"
    assert classify_spurious_event(_event(), [], []) == "article has no gold event"
    assert classify_spurious_event(_event(admin1_code="RU-MOW"), [GOLD], []) == "wrong or no oblast"
    assert classify_spurious_event(_event(killed=9), [GOLD], [_event()]) == "duplicate of a matched event"
    assert classify_spurious_event(_event(killed=9), [GOLD], []) == "near miss (figures or date)"


def test_missed_place_classes() -> None:
    gold = {"text": "Lyman", "lat": 48.99, "lon": 37.80, "admin1": "UA-14"}
    right = {"text": "Lyman", "lat": 48.99, "lon": 37.81, "admin1_code": "UA-14"}
    assert classify_missed_place(gold, [right]) is None
    assert classify_missed_place(gold, []) == "not recognised"
    assert classify_missed_place(gold, [{**right, "admin1_code": "UA-63"}]) == "right spot, wrong admin1"
    assert classify_missed_place(gold, [{**right, "lat": 49.5}]) == "right oblast, > 25 km"
    assert classify_missed_place(gold, [{**right, "lat": 46.0, "admin1_code": "UA-65"}]) == (
        "wrong namesake (other oblast)")


def test_analyse_on_a_two_article_set() -> None:
    gold = {"a.txt": {"places": [], "events": [GOLD]}, "b.txt": {"places": [], "events": []}}
    events = [_event("E1"), _event("E2", sources=[{"article": "dir/b.txt"}], confidence=0.6)]
    result = analyse(gold, {}, events)
    assert result["calibration"]["0.7-0.85"] == {"events": 1, "correct": 1}
    assert result["calibration"]["0.5-0.7"] == {"events": 1, "correct": 0}
    assert result["spurious_events"] == {"article has no gold event": 1}
    assert result["missed_events"] == {}


def test_parse_summary() -> None:
    line = ("realnews: 3 articles; places 7/10 (70.0%); events P 0.50 R 0.25 F1 0.33 (tp 1, fp 1, fn 3); "
            "casualty reports 1/2; merges 0/2")
    assert parse_summary(line) == {"places_ok": 7, "places_total": 10, "precision": 0.5, "recall": 0.25,
                                   "f1": 0.33, "tp": 1, "fp": 1, "fn": 3, "casualty_ok": 1,
                                   "casualty_total": 2, "merges_ok": 0, "merges_total": 2}
    with pytest.raises(ValueError, match="summary line"):
        parse_summary("nothing here")


def _place(start: int, end: int, kind: str, **props: object) -> dict:
    return {"start": start, "end": end, "feature_kind": kind, "lat": 50.0, "lon": 36.0, **props}


def test_tool_answer_prefers_a_town_inside_the_location() -> None:
    places = [_place(10, 17, "admin1", name="Kharkiv oblast"), _place(0, 8, "city", name="Zolochiv"),
              _place(40, 45, "city", name="Kupiansk")]
    assert tool_answer(places, 30)["name"] == "Zolochiv"
    assert tool_answer(places[:1] + places[2:], 30)["name"] == "Kharkiv oblast"
    assert tool_answer(places[2:], 30) is None


def test_classify_miss() -> None:
    loc = "Zolochiv, Kharkiv Oblast, Ukraine"
    town = _place(0, 8, "city", country_code="UA", admin1_code="UA-63")
    kw = {"location": loc, "gold_country": "UA", "gold_admin1": "UA-63"}
    assert classify_miss(town, 3.0, **kw) is None
    assert classify_miss(None, None, **kw) == "no answer"
    assert classify_miss({**town, "country_code": "RU"}, 400.0, **kw) == "wrong country"
    oblast = _place(10, 24, "admin1", country_code="UA", admin1_code="UA-63")
    assert classify_miss(oblast, 60.0, **kw) == "admin1 answer, town named"
    assert classify_miss(oblast, 60.0, **{**kw, "location": "Kharkiv Oblast, Ukraine"}) == (
        "admin1 answer, region named")
    assert classify_miss({**town, "start": 10, "end": 17}, 40.0, **kw) == "town skipped, later part taken"
    assert classify_miss(town, 40.0, **kw) == "right oblast, > 25 km"
    assert classify_miss({**town, "admin1_code": "UA-59"}, 140.0, **kw) == "wrong oblast, same country"


def test_source_country_folds_typos() -> None:
    assert source_country("Belaurs") == "BY"
    assert source_country(" Crimea ") == "UA"
    assert source_country(None) is None


def test_parse_scorer_table_reads_tool_rows_only() -> None:
    text = ("| group | system | n | answered | acc@5 | acc@10 | acc@25 | acc@50 | acc@161 | median_km |\n"
            "|---|---|---|---|---|---|---|---|---|---|\n"
            "| all | tool | 20 | 95.0% | 50.0% | 60.0% | 85.0% | 90.0% | 95.0% | 3.3 |\n"
            "| all | baseline | 20 | 80.0% | 40.0% | 40.0% | 50.0% | 60.0% | 70.0% | 5.0 |\n"
            "| Belarus | tool | 2 | 0.0% | 0.0% | 0.0% | 0.0% | 0.0% | 0.0% | – |\n")
    rows = parse_scorer_table(text)
    assert set(rows) == {"all", "Belarus"}
    assert rows["all"]["acc@25"] == 0.85
    assert rows["all"]["n"] == 20
    assert rows["Belarus"]["median_km"] is None
