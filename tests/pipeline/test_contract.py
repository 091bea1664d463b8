"""The output contract: every property of every output file matches the TypedDicts of pipeline.model.

Expected keys and value types are read from the TypedDicts themselves, so adding a field to
an output means editing its TypedDict (and the writer), never this test.
"""

from __future__ import annotations

import csv
import io
import json
import types
import typing
from pathlib import Path
from typing import Any

import pytest

from pipeline.model import (
    EVENT_CSV_COLUMNS,
    EventCsvRow,
    EventProperties,
    EventType,
    OblastProperties,
    PlaceProperties,
    SubEventType,
)

ENUM_FIELDS = {"event_type": EventType, "sub_event_type": SubEventType}
"""Fields typed ``str`` whose value must also be one of an enum's values."""


def _matches(value: Any, hint: Any) -> bool:
    """Tell whether a JSON value fits a type hint (``int`` fits ``float``: JSON has one number type)."""
    origin = typing.get_origin(hint)
    if hint is Any:
        return True
    if origin in (typing.Union, types.UnionType):
        return any(_matches(value, arg) for arg in typing.get_args(hint))
    if hint is type(None):
        return value is None
    if typing.is_typeddict(hint):
        return isinstance(value, dict) and not _problems(value, hint)
    if origin is list:
        (item,) = typing.get_args(hint)
        return isinstance(value, list) and all(_matches(v, item) for v in value)
    if origin is dict:
        return isinstance(value, dict)
    if hint is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, hint)


def _problems(record: dict[str, Any], schema: type) -> list[str]:
    """What is wrong with ``record`` against a TypedDict: missing, extra and mistyped keys."""
    hints = typing.get_type_hints(schema)
    problems = [f"missing {k!r}" for k in hints if k not in record]
    problems += [f"unexpected {k!r}" for k in record if k not in hints]
    for key, hint in hints.items():
        if key in record and not _matches(record[key], hint):
            problems.append(f"{key}={record[key]!r} is not {hint}")
        if key in ENUM_FIELDS and key in record and record[key] not in {e.value for e in ENUM_FIELDS[key]}:
            problems.append(f"{key}={record[key]!r} is not a {ENUM_FIELDS[key].__name__}")
    return problems


def _check_collection(collection: dict[str, Any], schema: type) -> None:
    assert collection["type"] == "FeatureCollection"
    assert collection["features"], "the seeds should fill every layer"
    for number, feature in enumerate(collection["features"]):
        assert feature["type"] == "Feature"
        problems = _problems(feature["properties"], schema)
        assert not problems, f"feature {number}: {'; '.join(problems)}"


@pytest.mark.parametrize(("name", "schema"), [
    ("events.geojson", EventProperties), ("places.geojson", PlaceProperties), ("oblasts.geojson", OblastProperties)])
def test_every_geojson_property_of_the_seed_build_matches_its_typeddict(seed_data_dir: Path, name, schema):
    _check_collection(json.loads((seed_data_dir / name).read_text(encoding="utf-8")), schema)


def test_events_csv_has_the_typeddict_columns_and_cell_types(seed_data_dir: Path):
    rows = list(csv.reader(io.StringIO((seed_data_dir / "events.csv").read_text(encoding="utf-8"))))
    header, body = rows[0], rows[1:]
    assert tuple(header) == EVENT_CSV_COLUMNS == tuple(typing.get_type_hints(EventCsvRow))
    assert body
    hints = typing.get_type_hints(EventCsvRow)
    for row in body:
        assert len(row) == len(header)
        for column, cell in zip(header, row, strict=True):
            assert _matches(_cell_value(cell, hints[column]), hints[column]), f"{column}={cell!r}"
        assert dict(zip(header, row, strict=True))["event_type"] in {e.value for e in EventType}


def _cell_value(cell: str, hint: Any) -> Any:
    """Read a CSV cell back as the type its column declares (empty is None)."""
    if cell == "":
        return None if _matches(None, hint) else cell
    if _matches("", hint):
        return cell
    for kind in (int, float):
        if _matches(kind(0), hint):
            try:
                return kind(cell)
            except ValueError:
                continue
    return cell


def test_the_synthetic_outputs_of_tests_and_benchmarks_follow_the_same_contract():
    from benchmarks.synthetic import synthetic_outputs

    data = synthetic_outputs(60, seed=1)
    for name, schema in (("events", EventProperties), ("places", PlaceProperties), ("oblasts", OblastProperties)):
        _check_collection(data[name], schema)


def test_a_missing_or_extra_field_is_caught():
    record = {"admin1_code": "UA-14", "admin1_name": "Donetsk", "country_code": "UA", "mentions": 1,
              "incidents": 0, "casualty_reports": 0, "killed": 0, "injured": 0, "claimed": False}
    assert _problems(record, OblastProperties) == []
    assert _problems({**record, "extra": 1}, OblastProperties) == ["unexpected 'extra'"]
    assert _problems({k: v for k, v in record.items() if k != "killed"}, OblastProperties) == ["missing 'killed'"]
    assert _problems({**record, "claimed": "no"}, OblastProperties) == ["claimed='no' is not <class 'bool'>"]
