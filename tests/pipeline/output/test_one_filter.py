"""One filter: ``conflictmap export``, ``conflictmap snapshot`` and the dashboard show the same events."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conflictmap.cli import main
from pipeline.output.filters import filter_events, from_query_params, make_filters, to_query_params
from pipeline.output.snapshot import build_snapshot_figure, validate_options
from tests.fixtures import write_fixture_dir

# (export/snapshot options, dashboard query parameters): the same view spelled for each
VIEWS = [
    ([], {}),
    (["--from", "2022-09-20"], {"from": "2022-09-20"}),
    (["--from", "2022-09-20", "--no-undated"], {"from": "2022-09-20", "undated": "0"}),
    (["--to", "2022-09-25"], {"to": "2022-09-25"}),
    (["--from", "2022-09-23", "--to", "2022-09-30", "--type", "annexation_claim", "casualty_report"],
     {"from": "2022-09-23", "to": "2022-09-30", "type": ["annexation_claim", "casualty_report"]}),
    (["--admin1", "ua-14", "--from", "2022-10-01"], {"oblast": "UA-14", "from": "2022-10-01"}),
    (["--admin1", "UA-63", "UA-14", "--to", "2022-09-30", "--no-undated"],
     {"oblast": ["UA-63", "UA-14"], "to": "2022-09-30", "undated": "0"}),
]


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return write_fixture_dir(tmp_path_factory.mktemp("one_filter"))


def _parse(argv: list[str]) -> dict:
    """The filter options of ``argv`` as keyword arguments of ``make_filters``."""
    import argparse

    from conflictmap.filter_args import add_filter_arguments

    parser = argparse.ArgumentParser()
    add_filter_arguments(parser)
    args = parser.parse_args(argv)
    return {"types": args.types, "date_from": args.date_from, "date_to": args.date_to, "admin1": args.admin1,
            "include_undated": args.undated is not False}


@pytest.mark.parametrize(("argv", "params"), VIEWS)
def test_export_snapshot_and_dashboard_choose_the_same_events(folder, tmp_path, argv, params):
    events = json.loads((folder / "events.geojson").read_text(encoding="utf-8"))
    target = tmp_path / "view.geojson"
    assert main(["export", "--data", str(folder), "-o", str(target), *argv]) == 0
    exported = [f["properties"]["id"] for f in json.loads(target.read_text(encoding="utf-8"))["features"]]

    options = validate_options(size=(400, 300), dpi=60, **_parse(argv))
    places = json.loads((folder / "places.geojson").read_text(encoding="utf-8"))
    oblasts = json.loads((folder / "oblasts.geojson").read_text(encoding="utf-8"))
    snapshot = build_snapshot_figure(events, places, oblasts, options).event_ids

    dashboard_filters = from_query_params(params)  # how the dashboard reads a view from its URL
    dashboard = [f["properties"]["id"] for f in filter_events(events["features"], dashboard_filters)]

    assert exported == list(snapshot) == dashboard
    assert dashboard_filters == make_filters(**_parse(argv))
    assert from_query_params(to_query_params(dashboard_filters)) == dashboard_filters


def test_the_views_cover_undated_events_both_ways(folder):
    events = json.loads((folder / "events.geojson").read_text(encoding="utf-8"))["features"]
    undated = {f["properties"]["id"] for f in events if not f["properties"]["date"]}
    assert undated
    kept = filter_events(events, from_query_params({"from": "2022-09-20"}))
    dropped = filter_events(events, from_query_params({"from": "2022-09-20", "undated": "0"}))
    assert undated <= {f["properties"]["id"] for f in kept}
    assert not undated & {f["properties"]["id"] for f in dropped}
