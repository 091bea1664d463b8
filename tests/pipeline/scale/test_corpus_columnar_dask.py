"""Corpora in JSONL, CSV and Parquet give the same build; GeoParquet outputs; a Dask cluster gives the same bytes."""

from __future__ import annotations

import csv
import json
import os
import sys
import types
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from conflictmap.cli import main
from pipeline.build import OUTPUT_FILES, build_paths
from tests.pipeline.scale.conftest import make_records, write_jsonl

ROOT = Path(__file__).resolve().parents[3]


def _write_csv(path: Path, records: list[dict]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(records[0]))
        writer.writeheader()
        writer.writerows(records)
    return path


def _write_parquet(path: Path, records: list[dict]) -> Path:
    pd.DataFrame(records).to_parquet(path, index=False, row_group_size=7)
    return path


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return make_records(25)


@pytest.fixture(scope="module")
def jsonl_out(tmp_path_factory, records) -> Path:
    folder = tmp_path_factory.mktemp("jsonl")
    build_paths([write_jsonl(folder / "c.jsonl", records)], folder / "out", jobs=1)
    return folder / "out"


@pytest.mark.parametrize("writer", [_write_csv, _write_parquet])
def test_csv_and_parquet_corpora_build_like_jsonl(tmp_path, records, jsonl_out, writer):
    source = writer(tmp_path / ("c.csv" if writer is _write_csv else "c.parquet"), records)
    build_paths([source], tmp_path / "out", jobs=1)
    for name in OUTPUT_FILES:
        assert (tmp_path / "out" / name).read_bytes() == (jsonl_out / name).read_bytes(), name
    first = json.loads((tmp_path / "out" / "articles.jsonl").read_text(encoding="utf-8").splitlines()[0])
    assert first["article"] == "doc-00000" and first["date"] == records[0]["date"]
    assert first["meta"]["outlet"] == "Example Wire" and first["title"] == records[0]["title"]


def test_bad_corpus_rows_are_named_and_the_rest_built(tmp_path, records, capsys):
    source = tmp_path / "c.jsonl"
    lines = [json.dumps(r) for r in records[:3]] + ["{broken", json.dumps({"id": "x", "body": "no text"})]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert main(["build", str(source), "--out", str(tmp_path / "out"), "--jobs", "1"]) == 1
    err = capsys.readouterr().err
    assert "c.jsonl:4: not JSON" in err and 'c.jsonl:5: no "text" string' in err and "Traceback" not in err
    assert len((tmp_path / "out" / "articles.jsonl").read_text(encoding="utf-8").splitlines()) == 3


def test_geoparse_reads_parquet_with_jobs(tmp_path, records):
    source = _write_parquet(tmp_path / "c.parquet", records)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["geoparse", str(source), "-o", str(one), "--jobs", "1"]) == 0
    assert main(["geoparse", str(source), "-o", str(two), "--jobs", "2"]) == 0
    assert one.read_bytes() == two.read_bytes()
    rows = [json.loads(line) for line in one.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == [r["id"] for r in records]
    assert all(records[0]["text"][p["start"]:p["end"]] == p["text"] for p in rows[0]["places"])


def test_geoparse_reads_csv_with_jobs(tmp_path, records, capsys):
    # a CSV's row count is not known before reading it: the progress bar must run without a total
    source = _write_csv(tmp_path / "c.csv", records)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["geoparse", str(source), "-o", str(one), "--jobs", "1"]) == 0
    assert main(["geoparse", str(source), "-o", str(two), "--jobs", "2"]) == 0
    assert "Traceback" not in capsys.readouterr().err
    assert one.read_bytes() == two.read_bytes()
    parquet = tmp_path / "p.jsonl"
    assert main(["geoparse", str(_write_parquet(tmp_path / "c.parquet", records)), "-o", str(parquet)]) == 0
    assert one.read_bytes() == parquet.read_bytes()


def test_a_progress_bar_without_a_total_counts_and_closes(capsys):
    from pipeline.scale.run import ProgressBar

    bar = ProgressBar(unit="documents", minimum=3)
    for done in range(1, 6):
        bar(done, 0, f"doc-{done}")
    bar.close()
    assert "5 documents" in capsys.readouterr().err
    short = ProgressBar(minimum=3)
    short(1, 0, "doc-1")
    short.close()
    assert capsys.readouterr().err == ""


def test_geoparquet_layers_match_the_geojson_and_are_deterministic(jsonl_out, tmp_path, records):
    events = json.loads((jsonl_out / "events.geojson").read_text(encoding="utf-8"))["features"]
    table = gpd.read_parquet(jsonl_out / "events.parquet")
    assert table.crs.to_epsg() == 4326
    assert list(table["id"]) == [f["id"] for f in events]
    point = next(i for i, f in enumerate(events) if f["geometry"]["type"] == "Point")
    assert [table.geometry.iloc[point].x, table.geometry.iloc[point].y] == events[point]["geometry"]["coordinates"]
    assert json.loads(table["sources"].iloc[0]) == events[0]["properties"]["sources"]
    places = gpd.read_parquet(jsonl_out / "places.parquet")
    assert len(places) == len(json.loads((jsonl_out / "places.geojson").read_text(encoding="utf-8"))["features"])
    again = tmp_path / "again"
    build_paths([write_jsonl(tmp_path / "c.jsonl", records)], again, jobs=1)
    assert (again / "events.parquet").read_bytes() == (jsonl_out / "events.parquet").read_bytes()


def test_export_parquet_filters_by_type(jsonl_out, tmp_path):
    target = tmp_path / "incidents.parquet"
    assert main(["export", "--data", str(jsonl_out), "--type", "frontline_incident", "--format", "parquet",
                 "-o", str(target)]) == 0
    table = gpd.read_parquet(target)
    assert len(table) > 0 and set(table["event_type"]) == {"frontline_incident"}


def test_export_parquet_of_the_oblast_layer_keeps_its_polygons_and_counts(jsonl_out, tmp_path):
    target = tmp_path / "oblasts.parquet"
    assert main(["export", "--data", str(jsonl_out), "--layer", "oblasts", "--format", "parquet",
                 "-o", str(target)]) == 0
    table = gpd.read_parquet(target)
    layer = json.loads((jsonl_out / "oblasts.geojson").read_text(encoding="utf-8"))["features"]
    assert table.crs.to_epsg() == 4326 and len(table) == len(layer) > 0
    assert set(table.geometry.geom_type) <= {"Polygon", "MultiPolygon"}
    first = layer[0]["properties"]
    assert {key: table[key].iloc[0] for key in first if isinstance(first[key], (int, str))} == \
        {key: value for key, value in first.items() if isinstance(value, (int, str))}
    one = tmp_path / "one.parquet"
    code = first["admin1_code"]
    assert main(["export", "--data", str(jsonl_out), "--layer", "oblasts", "--format", "parquet",
                 "--admin1", str(code), "-o", str(one)]) == 0
    assert len(gpd.read_parquet(one)) == 1


def test_dask_local_cluster_gives_the_bytes_of_the_local_build(tmp_path, jsonl_out, records, monkeypatch):
    distributed = pytest.importorskip("distributed")
    # the workers are new interpreters: they import conflictmap from this checkout
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    # spawned workers re-run __main__'s file; an earlier test (Streamlit's AppTest) may have left a script there
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))
    from pipeline.scale import dask_run
    from pipeline.scale import fold as fold_module

    monkeypatch.setattr(fold_module, "PLACES_PER_PART", 16)  # places parts made on the cluster while folding
    sent: list[str] = []
    real_submit = dask_run.DaskMapper.submit

    def submit(self, fn, item):
        sent.append(fn.__name__)
        return real_submit(self, fn, item)

    monkeypatch.setattr(dask_run.DaskMapper, "submit", submit)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None, silence_logs=40) as cluster:
        source = write_jsonl(tmp_path / "c.jsonl", records)
        assert main(["build", str(source), "--out", str(tmp_path / "out"), "--dask", cluster.scheduler_address,
                     "--no-store"]) == 0
    assert len(sent) >= 2 and set(sent) == {"geoparquet_part"}
    for name in OUTPUT_FILES:
        assert (tmp_path / "out" / name).read_bytes() == (jsonl_out / name).read_bytes(), name
