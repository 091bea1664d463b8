"""Filtering, counter text and query-parameter round trips."""

from __future__ import annotations

import datetime as dt

from pipeline.output.filters import (
    EventFilters,
    casualties_per_oblast,
    counter_text,
    date_bounds,
    events_per_day,
    filter_events,
    filter_places,
    from_query_params,
    to_query_params,
)


def _ids(features):
    return [f["properties"]["id"] for f in features]


def test_no_filters_keeps_everything(events):
    assert len(filter_events(events["features"], EventFilters())) == 7


def test_date_range_is_inclusive_and_undated_is_a_choice(events):
    window = EventFilters(date_from=dt.date(2022, 9, 23), date_to=dt.date(2022, 9, 30))
    shown = filter_events(events["features"], window)
    assert _ids(shown) == ["ev-claim-1", "ev-claim-2", "ev-cas-1", "ev-cas-2"]
    hidden = filter_events(events["features"], window.with_changes(include_undated=False))
    assert "ev-cas-2" not in _ids(hidden)
    assert len(hidden) == 3


def test_type_sub_type_oblast_article_and_confidence(events):
    features = events["features"]
    assert _ids(filter_events(features, EventFilters(event_types=("casualty_report",)))) == [
        "ev-cas-1", "ev-cas-2"]
    assert _ids(filter_events(features, EventFilters(sub_types=("recapture",)))) == ["ev-inc-2"]
    kharkiv = filter_events(features, EventFilters(admin1_codes=("UA-63",)))
    assert {f["properties"]["admin1_code"] for f in kharkiv} == {"UA-63"}
    assert len(kharkiv) == 3
    assert _ids(filter_events(features, EventFilters(articles=("009_hostile.txt",)))) == [
        "ev-inc-3"]
    assert "ev-inc-2" not in _ids(filter_events(features, EventFilters(min_confidence=0.6)))


def test_places_follow_article_and_oblast_filters(places):
    only = filter_places(places["features"], EventFilters(articles=("002_b.txt",)))
    assert {f["properties"]["name"] for f in only} == {"Kharkiv", "Balakliia"}
    donetsk = filter_places(places["features"], EventFilters(admin1_codes=("UA-14",)))
    assert len(donetsk) == 3


def test_counter_text_names_shown_total_and_dates(events):
    features = events["features"]
    assert counter_text(features, 7) == (
        "Showing 7 of 7 events, 2022-09-10–2022-10-01 (1 undated)")
    casualties = filter_events(features, EventFilters(event_types=("casualty_report",),
                                                      include_undated=False))
    assert counter_text(casualties, 7) == "Showing 1 of 7 events, 2022-09-30"
    assert counter_text([], 7) == "Showing 0 of 7 events"


def test_query_params_round_trip():
    filters = EventFilters(
        date_from=dt.date(2022, 9, 1), date_to=dt.date(2022, 9, 30),
        event_types=("frontline_incident", "casualty_report"), sub_types=("shelling",),
        admin1_codes=("UA-63",), articles=("a,b.txt",), min_confidence=0.55,
        include_undated=False,
    )
    params = to_query_params(filters)
    assert params["type"] == ["frontline_incident", "casualty_report"]
    assert params["article"] == ["a,b.txt"]
    assert from_query_params(params) == filters


def test_default_filters_give_empty_query_and_back():
    assert to_query_params(EventFilters()) == {}
    assert from_query_params({}) == EventFilters()


def test_bad_query_values_are_ignored_not_fatal():
    filters = from_query_params({"from": ["yesterday"], "minconf": ["lots"], "undated": "no",
                                 "type": ""})
    assert filters == EventFilters(include_undated=False)
    assert from_query_params({"minconf": "7"}).min_confidence == 1.0


def test_date_bounds_and_per_day_counts(events):
    assert date_bounds(events["features"]) == (dt.date(2022, 9, 10), dt.date(2022, 10, 1))
    per_day = events_per_day(events["features"])
    assert (dt.date(2022, 9, 30), "annexation_claim", 1) in per_day
    assert sum(n for *_, n in per_day) == 6  # the undated event is left out


def test_casualties_per_oblast_largest_first(events):
    assert casualties_per_oblast(events["features"]) == [("Kharkiv", 23, 28), ("Donetsk", 2, 0)]
