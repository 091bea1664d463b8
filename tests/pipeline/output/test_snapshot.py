"""Tests for briefing images: pipeline.output.snapshot and its CLI wiring."""

from __future__ import annotations

import argparse
import http.server
import io
import json
import re
import socket
import threading
import warnings
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from pipeline.errors import InputError
from pipeline.output.snapshot import (
    build_snapshot_figure,
    parse_bbox,
    parse_size,
    render_snapshot,
    validate_options,
)
from conflictmap.snapshot_cli import add_snapshot_parser
from benchmarks.synthetic import synthetic_outputs

SMALL = (640, 400)


@pytest.fixture(scope="module")
def outputs() -> dict:
    return synthetic_outputs(60, seed=3)


def _render(outputs: dict, **options) -> bytes:
    return render_snapshot(outputs["events"], outputs["places"], outputs["oblasts"], **options)


def _figure(outputs: dict, **options):
    return build_snapshot_figure(outputs["events"], outputs["places"], outputs["oblasts"], validate_options(**options))


def _png(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))


# --------------------------------------------------------------------------- size and format


def test_png_default_size_is_1920x1080(outputs):
    data = _render(outputs)
    assert data.startswith(b"\x89PNG")
    assert Image.open(io.BytesIO(data)).size == (1920, 1080)


def test_png_size_and_dpi_options(outputs):
    image = Image.open(io.BytesIO(_render(outputs, size="800x600", dpi=100)))
    assert image.size == (800, 600)


def test_pdf_page_matches_size_over_dpi(outputs, tmp_path):
    out = tmp_path / "brief.pdf"
    data = _render(outputs, out=out, size=(1200, 900), dpi=150)
    assert data.startswith(b"%PDF")
    assert out.read_bytes() == data
    media_box = re.search(rb"/MediaBox \[ ?0 0 ([\d.]+) ([\d.]+) ?\]", data)
    assert media_box is not None
    assert (float(media_box.group(1)), float(media_box.group(2))) == pytest.approx((1200 / 150 * 72, 900 / 150 * 72))


def test_svg_from_extension(outputs, tmp_path):
    out = tmp_path / "brief.svg"
    data = _render(outputs, out=out, size=SMALL, dpi=100)
    text = data.decode("utf-8")
    assert "<svg" in text
    assert 'width="460.8pt"' in text and 'height="288pt"' in text  # 640 px / 100 dpi * 72
    assert out.read_bytes() == data


def test_atomic_write_leaves_no_temporary_files(outputs, tmp_path):
    out = tmp_path / "nested" / "brief.png"
    data = _render(outputs, out=out, size=SMALL, dpi=80)
    assert out.read_bytes() == data
    assert [p.name for p in out.parent.iterdir()] == ["brief.png"]


# --------------------------------------------------------------------------- content


def test_image_is_not_blank(outputs):
    pixels = _png(_render(outputs, size=SMALL, dpi=80)).astype(float)
    assert pixels.std() > 20
    colours = {tuple(p) for p in pixels.reshape(-1, 3)[::7]}
    assert len(colours) > 200


def test_legend_lists_every_layer_shown(outputs):
    snapshot = _figure(outputs, size=SMALL, dpi=80)
    assert snapshot.layers == ("annexation_claim", "frontline_incident", "casualty_report", "places")
    labels = snapshot.legend_labels
    assert any(label.startswith("Area claimed by RU") for label in labels)
    incident_types = {f["properties"]["sub_event_type"] for f in outputs["events"]["features"]
                      if f["properties"]["event_type"] == "frontline_incident"}
    for sub_type in incident_types:
        assert any(label.startswith(sub_type.replace("_", " ").capitalize() + " (") for label in labels)
    assert "Key place" in labels
    drawn = [t.get_text() for legend in snapshot.figure.legends for t in legend.get_texts()]
    assert tuple(drawn) == labels


def test_legend_leaves_out_layers_filtered_away(outputs):
    snapshot = _figure(outputs, size=SMALL, dpi=80, types=["casualty_report"])
    assert "annexation_claim" not in snapshot.layers and "frontline_incident" not in snapshot.layers
    assert "casualty_report" in snapshot.layers
    assert not any(label.startswith("Area claimed") for label in snapshot.legend_labels)
    assert all(re.fullmatch(r"[\d,]+|Key place", label) for label in snapshot.legend_labels)


def test_claims_only_has_no_casualty_legend(outputs):
    snapshot = _figure(outputs, size=SMALL, dpi=80, types=["annexation_claim"])
    assert snapshot.layers[0] == "annexation_claim"
    assert "casualty_report" not in snapshot.layers
    assert len(snapshot.figure.legends) == 1


def test_date_filter_keeps_undated_events_unless_told_and_claims_follow_the_same_rule():
    data = synthetic_outputs(60, seed=5)
    claims = [f["properties"] for f in data["events"]["features"]
              if f["properties"]["event_type"] == "annexation_claim"]
    last = max(p["date"] for p in claims if p["date"])
    in_range = [p for p in claims if p["date"] and p["date"] >= last]
    undated = [p for p in claims if not p["date"]]
    assert len(in_range) < len(claims)
    snapshot = _figure(data, size=SMALL, dpi=80, date_from=last, date_to="2023-12-31")
    subtitle = snapshot.figure.texts[1].get_text()
    n_claims = len(in_range) + len(undated)
    assert f"{n_claims} claim{'s' if n_claims != 1 else ''}" in subtitle
    assert "undated" in subtitle
    dated_only = _figure(data, size=SMALL, dpi=80, date_from=last, date_to="2023-12-31", include_undated=False)
    subtitle = dated_only.figure.texts[1].get_text()
    assert f"{len(in_range)} claim{'s' if len(in_range) != 1 else ''}" in subtitle
    assert "undated" not in subtitle


def test_filters_matching_nothing_render_a_note(outputs):
    snapshot = _figure(outputs, size=SMALL, dpi=80, date_from="1990-01-01", date_to="1990-12-31",
                       include_undated=False)
    assert snapshot.layers == ()
    assert snapshot.legend_labels == ()
    texts = [t.get_text() for ax in snapshot.figure.axes for t in ax.texts]
    assert "No events match\nthe selected filters" in texts


def test_attribution_names_article_count_and_sources(outputs):
    snapshot = _figure(outputs, size=SMALL, dpi=80, n_articles=12)
    texts = [t.get_text() for t in snapshot.figure.texts]
    assert "12 articles · boundaries: Natural Earth · places: GeoNames (CC BY 4.0)" in texts


def test_bbox_sets_extent_and_filters_points(outputs):
    snapshot = _figure(outputs, size=SMALL, dpi=80, bbox=(30, 46, 36, 50))
    subtitle = snapshot.figure.texts[1].get_text()
    assert "area 30,46,36,50" in subtitle
    expected = sum(1 for f in outputs["events"]["features"]
                   if f["geometry"]["type"] == "Point" and 30 <= f["geometry"]["coordinates"][0] <= 36
                   and 46 <= f["geometry"]["coordinates"][1] <= 50)
    counts = [int(n.replace(",", "")) for n in re.findall(r"([\d,]+) (?:incidents?|casualty reports?)", subtitle)]
    assert sum(counts) == expected


# --------------------------------------------------------------------------- determinism


@pytest.mark.parametrize("fmt", ["png", "pdf", "svg"])
def test_same_input_gives_same_bytes(outputs, fmt):
    first = _render(outputs, fmt=fmt, size=SMALL, dpi=80)
    second = _render(synthetic_outputs(60, seed=3), fmt=fmt, size=SMALL, dpi=80)
    assert first == second


# --------------------------------------------------------------------------- options


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"types": ["airstrike"]}, "unknown event type 'airstrike'"),
        ({"date_from": "2023-01-01", "date_to": "2022-01-01"}, "from 2023-01-01 is after to 2022-01-01"),
        ({"date_from": "2023-02-30"}, "invalid from date '2023-02-30'"),
        ({"bbox": "40,50,30,45"}, "W < E and S < N"),
        ({"bbox": "30,46,40"}, "expected W,S,E,N"),
        ({"bbox": "30,46,200,52"}, "longitudes must be within -180..180"),
        ({"size": "big"}, "invalid size 'big'"),
        ({"dpi": 5}, "invalid dpi 5"),
        ({"admin1": ["Donetsk"]}, "invalid admin1 code 'DONETSK'"),
        ({"admin1": ["UA-99"]}, "unknown admin1 code 'UA-99'"),
        ({"fmt": "jpg"}, "unsupported image format 'jpg'"),
    ],
)
def test_bad_options_raise_one_clear_line(outputs, options, message):
    with pytest.raises(InputError) as info:
        _render(outputs, **options)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_output_extension_must_be_an_image_format(outputs, tmp_path):
    with pytest.raises(InputError, match=r"unsupported output extension '\.jpg'"):
        _render(outputs, out=tmp_path / "brief.jpg")


def test_parse_size_and_bbox():
    assert parse_size("1920x1080") == (1920, 1080)
    assert parse_size(" 800 X 600 ") == (800, 600)
    assert parse_bbox("30, 46.5, 40, 52") == (30.0, 46.5, 40.0, 52.0)


# --------------------------------------------------------------------------- web tiles


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_tiles_fall_back_to_vector_basemap_with_a_warning(outputs):
    url = f"http://127.0.0.1:{_closed_port()}/{{z}}/{{x}}/{{y}}.png"
    options = validate_options(size=SMALL, dpi=80, tiles=True, tile_provider=url)
    with pytest.warns(UserWarning, match="web tiles unavailable"):
        snapshot = build_snapshot_figure(outputs["events"], outputs["places"], outputs["oblasts"], options)
    assert snapshot.basemap == "vector"


class _TileHandler(http.server.BaseHTTPRequestHandler):
    tile = b""

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.send_response(200)
        self.send_header("Content-Type", "image/png")
        self.send_header("Content-Length", str(len(self.tile)))
        self.end_headers()
        self.wfile.write(self.tile)

    def log_message(self, *args) -> None:
        pass


def test_tiles_from_a_tile_server_are_drawn(outputs):
    buffer = io.BytesIO()
    Image.new("RGB", (256, 256), (250, 0, 250)).save(buffer, format="PNG")
    _TileHandler.tile = buffer.getvalue()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _TileHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/{{z}}/{{x}}/{{y}}.png"
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            data = _render(outputs, size=SMALL, dpi=80, tiles=True, tile_provider=url)
    finally:
        server.shutdown()
        server.server_close()
    pixels = _png(data)
    magenta = (pixels[:, :, 0] > 200) & (pixels[:, :, 1] < 60) & (pixels[:, :, 2] > 200)
    assert magenta.mean() > 0.05  # the tile colour fills much of the map


# --------------------------------------------------------------------------- CLI


@pytest.fixture()
def data_dir(tmp_path, outputs) -> Path:
    folder = tmp_path / "out"
    folder.mkdir()
    for name, collection in outputs.items():
        (folder / f"{name}.geojson").write_text(json.dumps(collection), encoding="utf-8")
    (folder / "articles.jsonl").write_text("".join(json.dumps({"article": f"{i}.txt"}) + "\n" for i in range(7)))
    return folder


def _cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="conflictmap")
    add_snapshot_parser(parser.add_subparsers())
    args = parser.parse_args(argv)
    return args.func(args)


def test_cli_writes_the_image(data_dir, tmp_path, capsys):
    out = tmp_path / "brief.png"
    code = _cli(["snapshot", "--data", str(data_dir), "--out", str(out), "--size", "800x450", "--dpi", "80",
                 "--type", "frontline_incident", "casualty_report", "--from", "2022-03-01"])
    assert code == 0
    with Image.open(out) as image:
        assert image.size == (800, 450)
    assert str(out) in capsys.readouterr().out


def test_cli_counts_articles_for_the_attribution(data_dir, monkeypatch, tmp_path):
    seen = {}
    import conflictmap.snapshot_cli as cli

    monkeypatch.setattr(cli, "render_snapshot", lambda *a, **kw: seen.update(kw) or b"")
    assert _cli(["snapshot", "--data", str(data_dir), "--out", str(tmp_path / "x.png")]) == 0
    assert seen["n_articles"] == 7


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--type", "airstrike"], "unknown event type 'airstrike'"),
        (["--from", "2023-01-01", "--to", "2022-01-01"], "invalid date range"),
        (["--bbox", "40,50,30"], "invalid bbox"),
        (["--size", "1920by1080"], "invalid size"),
        (["--dpi", "many"], "invalid dpi"),
    ],
)
def test_cli_bad_option_prints_one_line_and_exits_2(data_dir, tmp_path, capsys, extra, message):
    code = _cli(["snapshot", "--data", str(data_dir), "--out", str(tmp_path / "b.png"), *extra])
    captured = capsys.readouterr()
    assert code == 2
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1 and message in lines[0]
    assert "Traceback" not in captured.err
    assert not (tmp_path / "b.png").exists()


def test_cli_missing_data_folder_prints_one_line(tmp_path, capsys):
    code = _cli(["snapshot", "--data", str(tmp_path / "missing"), "--out", str(tmp_path / "b.png")])
    lines = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(lines) == 1 and "does not exist" in lines[0]
