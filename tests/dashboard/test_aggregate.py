"""Columnar filtering and grid-cell aggregation (dashboard.aggregate), and the map drawn from it."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import numpy as np
import pandas as pd
import pytest

from benchmarks.synthetic import synthetic_outputs
from dashboard import aggregate, assets
from dashboard.map import build_event_map, oblast_values
from pipeline.errors import InputError
from pipeline.output import filters as cm_filters
from pipeline.output.filters import EventFilters
from tests.dashboard.helpers import cells_data

FILTERS = [
    EventFilters(),
    EventFilters(event_types=("frontline_incident",)),
    EventFilters(sub_types=("shelling", "missile_strike"), min_confidence=0.6),
    EventFilters(date_from=dt.date(2022, 9, 15), date_to=dt.date(2022, 9, 30)),
    EventFilters(date_from=dt.date(2022, 9, 15), include_undated=False),
    EventFilters(admin1_codes=("UA-63",), articles=("002_b.txt",)),
    EventFilters(articles=("no_such_article.txt",)),
]


@pytest.fixture(scope="module")
def synthetic() -> dict[str, Any]:
    return synthetic_outputs(3_000, seed=7)


def test_mask_and_counter_match_the_one_filter(events, places):
    frame = aggregate.event_frame(events["features"], places["features"])
    for filters in FILTERS:
        mask = aggregate.event_mask(frame, filters)
        shown = cm_filters.filter_events(events["features"], filters)
        assert [events["features"][i] for i in np.flatnonzero(mask)] == shown, filters
        place_mask = aggregate.place_mask(frame, filters)
        assert int(place_mask.sum()) == len(cm_filters.filter_places(places["features"], filters))
        summary = aggregate.view_summary(frame, mask, place_mask)
        assert summary.counter_text() == cm_filters.counter_text(shown, len(events["features"]))
        assert summary.killed == sum(int(f["properties"].get("killed") or 0) for f in shown)
        assert aggregate.casualties_per_oblast(frame, mask) == cm_filters.casualties_per_oblast(shown)


def test_mask_matches_on_a_larger_synthetic_set(synthetic):
    events, places = synthetic["events"]["features"], synthetic["places"]["features"]
    frame = aggregate.event_frame(events, places)
    article = events[17]["properties"]["sources"][0]["article"]
    for filters in [*FILTERS, EventFilters(articles=(article,), include_undated=False, min_confidence=0.5)]:
        mask = aggregate.event_mask(frame, filters)
        shown = cm_filters.filter_events(events, filters)
        assert [events[i] for i in np.flatnonzero(mask)] == shown
        assert aggregate.casualties_per_oblast(frame, mask) == cm_filters.casualties_per_oblast(shown)


def test_values_a_build_never_writes_are_read_as_the_filter_reads_them(events, places):
    features = copy.deepcopy(events["features"])
    features[0]["properties"]["event_type"] = 5  # a hand-edited file
    features[1]["properties"]["date"] = "not a date"
    features[2]["properties"]["confidence"] = None
    frame = aggregate.event_frame(features, places["features"])
    for filters in FILTERS:
        mask = aggregate.event_mask(frame, filters)
        assert [features[i] for i in np.flatnonzero(mask)] == cm_filters.filter_events(features, filters)


def test_oblast_stats_equal_the_choropleth_values(synthetic):
    events, places = synthetic["events"]["features"], synthetic["places"]["features"]
    frame = aggregate.event_frame(events, places)
    filters = EventFilters(event_types=("casualty_report", "annexation_claim"), min_confidence=0.5)
    mask, place_mask = aggregate.event_mask(frame, filters), aggregate.place_mask(frame, filters)
    stats = aggregate.oblast_stats(frame, mask, place_mask)
    shown = cm_filters.filter_events(events, filters)
    shown_places = cm_filters.filter_places(places, filters)
    for metric, column in (("mentions", stats["mentions"]), ("incidents", stats["incidents"]),
                           ("casualties", stats["killed"] + stats["injured"])):
        expected = {k: v for k, v in oblast_values(shown, shown_places, metric).items() if v}
        assert {k: int(v) for k, v in column.items() if v} == expected, metric


def test_grid_cells_add_up_and_say_what_is_inside():
    lon = np.array([30.1, 30.4, 30.9, 31.2, np.nan, 30.2])
    lat = np.array([50.1, 50.3, 50.2, 50.1, 50.0, 49.7])
    day = np.array([10, 12, aggregate._NO_DAY, 11, 10, 5])
    cells = aggregate.grid_cells(
        lon, lat, labels=pd.Series(["shelling", "shelling", "airstrike", "attack", "x", None]),
        killed=np.array([1, 2, 3, 4, 5, 6]), injured=np.zeros(6, dtype=int),
        approx=np.array([False, True, False, False, False, False]), day=day, cell_degrees=0.5,
    )
    # south to north, then west to east; the point without coordinates is left out
    assert [(c.south, c.west, c.count) for c in cells] == [(49.5, 30.0, 1), (50.0, 30.0, 2), (50.0, 30.5, 1),
                                                            (50.0, 31.0, 1)]
    assert sum(c.count for c in cells) == 5
    second = cells[1]
    assert (second.killed, second.approx, second.top) == (3, 1, (("shelling", 2),))
    assert (second.first_day, second.last_day) == ("1970-01-11", "1970-01-13")
    assert (cells[2].undated, cells[2].first_day) == (1, None)
    assert second.lat == pytest.approx(50.2) and second.lon == pytest.approx(30.25)
    assert cells[0].top == ((None, 1),)  # no sub-type


def test_point_limit_setting(monkeypatch):
    monkeypatch.delenv(aggregate.POINT_LIMIT_ENV, raising=False)
    assert aggregate.point_limit() == aggregate.POINT_LIMIT
    monkeypatch.setenv(aggregate.POINT_LIMIT_ENV, "250")
    assert aggregate.point_limit() == 250
    monkeypatch.setenv(aggregate.POINT_LIMIT_ENV, "many")
    with pytest.raises(InputError, match="CONFLICTMAP_MAP_POINT_LIMIT='many'"):
        aggregate.point_limit()


def test_map_switches_to_cells_above_the_limit_and_counts_add_up(synthetic, basemap):
    events, places, oblasts = synthetic["events"], synthetic["places"], synthetic["oblasts"]
    countries, admin1 = basemap
    frame = aggregate.event_frame(events["features"], places["features"])

    def page(filters: EventFilters, limit: int) -> str:
        return assets.served_html(build_event_map(events, places, oblasts, filters=filters, frame=frame,
                                                  point_limit=limit, countries=countries, admin1=admin1))

    small = page(EventFilters(), 10**6)
    assert "cmLayers.cells" not in small and "(cmLayers.incidents)" in small

    everything = page(EventFilters(), 500)
    cells = cells_data(everything)
    assert set(cells) == {"frontline_incident", "casualty_report", "places"}
    assert "(cmLayers.incidents)" not in everything and "(cmLayers.casualties)" not in everything
    for kind in ("frontline_incident", "casualty_report"):
        shown = [f for f in events["features"] if f["properties"]["event_type"] == kind]
        assert sum(row[2] for row in cells[kind]["rows"]) == len(shown)
    killed = sum(int(f["properties"].get("killed") or 0) for f in events["features"]
                 if f["properties"]["event_type"] == "casualty_report")
    assert sum(row[3] for row in cells["casualty_report"]["rows"]) == killed
    assert sum(row[2] for row in cells["places"]["rows"]) == len(places["features"])
    # claimed areas are areas: never counted into cells, always the hatched polygons
    assert "(cmLayers.claims)" in everything and "Claimed annexation area" in everything
    assert "counted per grid cell" in everything

    narrower = EventFilters(date_from=dt.date(2022, 6, 1), date_to=dt.date(2022, 12, 31))
    cells_after = cells_data(page(narrower, 500))
    shown = cm_filters.filter_events(events["features"], narrower)
    incidents = [f for f in shown if f["properties"]["event_type"] == "frontline_incident"]
    assert sum(row[2] for row in cells_after["frontline_incident"]["rows"]) == len(incidents)
    assert len(incidents) < sum(row[2] for row in cells["frontline_incident"]["rows"])


def test_cell_labels_reach_the_page_only_as_escaped_strings(events, places, oblasts, basemap):
    countries, admin1 = basemap
    hostile = copy.deepcopy(places)
    hostile["features"][0]["properties"]["name"] = '<img src=x onerror="window.__pwned=3">'
    page = assets.served_html(build_event_map(events, hostile, oblasts, point_limit=0, countries=countries,
                                              admin1=admin1))
    labels = [row for row in cells_data(page)["places"]["rows"]]
    assert labels and "<img" not in page and "<script>window.__pwned" not in page
    assert "\\u003cimg src=x" in page  # in the string table, as JSON with < escaped
    assert "cmCellPopup" in page or "cmLayers.cells" in page


def test_same_input_renders_the_same_aggregated_page(synthetic, basemap):
    countries, admin1 = basemap
    pages = [assets.served_html(build_event_map(synthetic["events"], synthetic["places"], synthetic["oblasts"],
                                                point_limit=100, countries=countries, admin1=admin1))
             for _ in range(2)]
    assert pages[0] == pages[1]
