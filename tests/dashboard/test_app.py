"""The Streamlit page, driven by streamlit.testing's AppTest."""

from __future__ import annotations

import html
import types
from pathlib import Path
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

import pipeline
from pipeline.errors import InputError
from tests.dashboard.helpers import cell_total, cells_data
from tests.fixtures import MARKDOWN_TEXT

APP = str(Path(__file__).resolve().parents[2] / "dashboard" / "app.py")


@pytest.fixture
def app(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("CONFLICTMAP_DATA", str(data_dir))
    at = AppTest.from_file(APP, default_timeout=60)
    return at


def _counter(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("#### Showing")).lstrip("# ")


def _table_rows(at: AppTest) -> int:
    """Rows of the events table (opening its tab, which is computed only when open)."""
    if at.session_state["view"] != "Events table":
        _open_tab(at, "Events table")
    return next(len(d.value) for d in at.dataframe if "event_type" in d.value.columns)


def _open_tab(at: AppTest, name: str) -> AppTest:
    at.session_state["view"] = name
    return at.run()


def _param(at: AppTest, key: str) -> list[str]:
    value = at.query_params[key]
    return value if isinstance(value, list) else [value]


def test_page_runs_and_shows_the_counter(app: AppTest):
    app.run()
    assert not app.exception
    assert not app.error
    assert _counter(app) == "Showing 7 of 7 events, 2022-09-10–2022-10-01 (1 undated)"
    assert {w.key for w in app.sidebar.multiselect} == {"f_types", "f_subs", "f_oblasts",
                                                        "f_articles"}
    assert app.sidebar.slider(key="f_dates").value == (
        __import__("datetime").date(2022, 9, 10), __import__("datetime").date(2022, 10, 1))
    assert _table_rows(app) == 7
    assert dict(app.query_params) == {}
    # the map is a plain iframe (nothing comes back to rerun the app); with no static
    # serving, as here, its page inlines Leaflet instead of linking any CDN
    (frame,) = app.get("iframe")
    page = frame.proto.srcdoc
    assert "Leaflet" in page and "L.map(" in page
    assert "cdn.jsdelivr" not in page and "cdnjs" not in page


def test_type_filter_updates_counter_table_and_query(app: AppTest):
    app.run()
    app.sidebar.multiselect(key="f_types").set_value(["casualty_report"]).run()
    assert _counter(app) == "Showing 2 of 7 events, 2022-09-30 (1 undated)"
    assert _table_rows(app) == 2
    assert _param(app, "type") == ["casualty_report"]
    app.sidebar.checkbox(key="f_undated").uncheck().run()
    assert _counter(app) == "Showing 1 of 7 events, 2022-09-30"
    assert _param(app, "undated") == ["0"]


def _map_page(at: AppTest) -> str:
    (frame,) = at.get("iframe")
    return frame.proto.srcdoc


def _captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption)


def test_above_the_point_limit_the_map_counts_cells_that_follow_the_filters(
        app: AppTest, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CONFLICTMAP_MAP_POINT_LIMIT", "1")
    app.run()
    assert not app.exception
    page = _map_page(app)
    assert set(cells_data(page)) == {"frontline_incident", "casualty_report", "places"}
    assert cell_total(page, "frontline_incident") == 3 and cell_total(page, "casualty_report") == 2
    assert "the map counts them per" in _captions(app)
    assert "(cmLayers.claims)" in page  # claimed areas stay hatched polygons

    app.sidebar.multiselect(key="f_types").set_value(["frontline_incident"]).run()
    app.sidebar.multiselect(key="f_oblasts").set_value(["UA-63"]).run()
    page = _map_page(app)
    assert _counter(app).startswith("Showing 2 of 7 events")
    assert cell_total(page, "frontline_incident") == 2
    assert "casualty_report" not in cells_data(page)

    # narrowed to the limit: single events again, with their escaped popups' data
    app.sidebar.slider(key="f_minconf").set_value(0.6).run()
    page = _map_page(app)
    assert _counter(app).startswith("Showing 1 of 7 events")
    assert "frontline_incident" not in cells_data(page) and "(cmLayers.incidents)" in page
    assert cell_total(page, "places") == 3  # the oblast's 3 place mentions are still above the limit


def test_the_default_limit_aggregates_a_large_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Synthetic outputs just above the default point limit: cells at first, points once narrowed."""
    import json

    from benchmarks.synthetic import synthetic_outputs
    from dashboard import aggregate

    monkeypatch.delenv("CONFLICTMAP_MAP_POINT_LIMIT", raising=False)
    n_events = int(aggregate.POINT_LIMIT * 2.2)  # frontline incidents are ~60 %: above the limit
    data = synthetic_outputs(n_events, seed=3)
    for layer in ("events", "places", "oblasts"):
        (tmp_path / f"{layer}.geojson").write_text(json.dumps(data[layer]), encoding="utf-8")
    monkeypatch.setenv("CONFLICTMAP_DATA", str(tmp_path))
    at = AppTest.from_file(APP, default_timeout=120).run()
    assert not at.exception
    incidents = sum(1 for f in data["events"]["features"] if f["properties"]["event_type"] == "frontline_incident")
    assert incidents > aggregate.POINT_LIMIT
    page = _map_page(at)
    assert cell_total(page, "frontline_incident") == incidents
    assert len(page) < 3_000_000  # inlined Leaflet and ~1,800 casualty reports (below the limit) included

    oblast = data["events"]["features"][-1]["properties"]["admin1_code"]
    at.sidebar.multiselect(key="f_oblasts").set_value([oblast]).run()
    shown = [f for f in data["events"]["features"] if f["properties"]["admin1_code"] == oblast]
    assert _counter(at).startswith(f"Showing {len(shown)} of {n_events} events")
    page = _map_page(at)
    assert "frontline_incident" not in cells_data(page) and "(cmLayers.incidents)" in page


def test_oblast_and_confidence_filters(app: AppTest):
    app.run()
    app.sidebar.multiselect(key="f_oblasts").set_value(["UA-63"]).run()
    assert _counter(app).startswith("Showing 3 of 7 events")
    app.sidebar.slider(key="f_minconf").set_value(0.6).run()
    assert _counter(app).startswith("Showing 2 of 7 events")
    assert _param(app, "oblast") == ["UA-63"]
    assert _param(app, "minconf") == ["0.6"]


def test_query_params_reopen_the_same_view(app: AppTest):
    app.query_params["type"] = ["frontline_incident"]
    app.query_params["from"] = "2022-09-15"
    app.query_params["oblast"] = ["UA-63", "UA-99"]  # unknown codes are dropped
    app.run()
    assert not app.exception
    assert app.sidebar.multiselect(key="f_types").value == ["frontline_incident"]
    assert app.sidebar.multiselect(key="f_oblasts").value == ["UA-63"]
    assert _counter(app) == "Showing 1 of 7 events, 2022-09-20"


def test_only_the_open_tab_is_computed(app: AppTest):
    app.run()
    assert not app.dataframe  # the first tab is the killed / injured chart
    assert app.get("image")
    assert _table_rows(app) == 7
    assert not [w for w in app.selectbox if w.key == "reader_article"]
    assert not app.get("file_uploader")
    _open_tab(app, "Article reader")
    assert [w for w in app.selectbox if w.key == "reader_article"]
    assert not [d for d in app.dataframe if "event_type" in d.value.columns]
    _open_tab(app, "Add articles")
    assert app.get("file_uploader") and app.button(key="process")


def test_article_reader_escapes_hostile_text(app: AppTest):
    app.run()
    _open_tab(app, "Article reader")
    app.selectbox(key="reader_article").set_value("009_hostile.txt").run()
    body = _article_body(app)
    assert "<script>" not in body and "<img" not in body
    assert "&lt;script&gt;" in body
    assert '<mark class="cm-place"' in body and ">Kupiansk</mark>" in body


def _article_body(at: AppTest) -> str:
    """The reader's article block (plain HTML, ``st.html``)."""
    (body,) = [h.proto.body for h in at.get("html") if 'class="cm-article"' in h.proto.body]
    return body


def test_markdown_in_an_article_is_shown_as_text_not_rendered(app: AppTest):
    """Issue 15 item 10: an image, a link or a code span in an article stays text (no pixel fetched)."""
    app.run()
    _open_tab(app, "Article reader")
    app.selectbox(key="reader_article").set_value("009_hostile.txt").run()
    body = _article_body(app)
    # the reader is HTML with every piece of article text escaped, never passed through Markdown
    assert not [m for m in app.markdown if 'class="cm-article"' in m.value]
    assert html.escape(MARKDOWN_TEXT) in body
    for tag in ("<img", "<a ", "<code"):
        assert tag not in body


def _stub_build() -> types.ModuleType:
    """A stand-in for pipeline.build: one event per article, bad bytes refused."""
    module = types.ModuleType("pipeline.build")

    def read_article_bytes(name: str, data: bytes) -> str:
        if b"\x00" in data:
            msg = f"{name} is not a text file"
            raise InputError(msg)
        return data.decode("utf-8")

    def build_articles(articles: list[tuple[str, str]], *, progress: Any = None, data_dir: Any = None) -> dict:
        events, records = [], []
        for number, (name, text, *_meta) in enumerate(articles, 1):
            events.append({"type": "Feature",
                           "geometry": {"type": "Point", "coordinates": [36.3, 49.9]},
                           "properties": {"id": f"new-{name}", "event_type": "frontline_incident",
                                          "sub_event_type": "shelling", "date": "2022-10-02",
                                          "place_name": "Kharkiv", "admin1_code": "UA-63",
                                          "admin1_name": "Kharkiv", "killed": None,
                                          "injured": None, "confidence": 0.9, "n_sources": 1,
                                          "sources": [{"article": name, "quote": text[:40],
                                                       "start": 0, "end": 40}]}})
            records.append({"article": name, "title": name, "date": None, "text": text})
            if progress is not None:
                progress(number, len(articles))
        empty = {"type": "FeatureCollection", "features": []}
        return {"events": {"type": "FeatureCollection", "features": events}, "places": empty,
                "oblasts": empty, "articles": records, "errors": []}

    def read_upload(name: str, data: bytes) -> tuple[str, dict]:
        return read_article_bytes(name, data), {}

    module.read_article_bytes = read_article_bytes  # type: ignore[attr-defined]
    module.read_upload = read_upload  # type: ignore[attr-defined]
    module.build_articles = build_articles  # type: ignore[attr-defined]
    return module


def test_upload_good_and_bad_files_keeps_earlier_articles(
    app: AppTest, monkeypatch: pytest.MonkeyPatch
):
    stub = _stub_build()
    monkeypatch.setitem(__import__("sys").modules, "pipeline.build", stub)
    monkeypatch.setattr(pipeline, "build", stub, raising=False)
    app.run()
    _open_tab(app, "Add articles")
    app.file_uploader(key="upload").set_value([
        ("new.txt", b"Shelling hit Kharkiv on Sunday.", "text/plain"),
        ("broken.txt", b"\x00\x01binary", "text/plain"),
    ])
    app.button(key="process").click().run()
    assert not app.exception
    assert any("broken.txt" in e.value and "not a text file" in e.value for e in app.error)
    # every article is processed again with the new one (the stub makes one event per article):
    # the three earlier articles and the new one
    assert _counter(app).startswith("Showing 4 of 4 events")
    # a bad file alone: a message, and nothing lost
    app.file_uploader(key="upload").set_value([("worse.txt", b"\x00", "text/plain")])
    app.button(key="process").click().run()
    assert any("worse.txt" in e.value for e in app.error)
    assert _counter(app).startswith("Showing 4 of 4 events")
    # pasted text is an article too
    app.text_area(key="paste").set_value("Fighting near Kharkiv again.")
    app.button(key="process").click().run()
    assert _counter(app).startswith("Showing 5 of 5 events")


ARTICLE_PAGE = (
    "<!doctype html><html lang='en'><head><title>Kharkiv shelled | Example Herald</title>"
    "<meta property='article:published_time' content='2022-10-02T08:00:00Z'></head><body>"
    "<nav><a href='/'>Home</a> <a href='/odesa'>Odesa</a></nav><article><h1>Kharkiv shelled</h1>"
    "<p>Russian forces shelled the centre of Kharkiv on Sunday morning, damaging several buildings, "
    "the regional governor said in a statement.</p><p>Emergency services said that nobody had been hurt "
    "in the attack, which came shortly after dawn.</p></article></body></html>"
).encode("utf-8")


@pytest.fixture
def news_server() -> Any:
    """One news page on 127.0.0.1 (no robots.txt: a 404, which allows everything)."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802
            found = self.path == "/news/kharkiv"
            body = ARTICLE_PAGE if found else b"not found"
            self.send_response(200 if found else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_add_by_url_fetches_pages_and_reports_bad_urls(
    app: AppTest, monkeypatch: pytest.MonkeyPatch, news_server: str, tmp_path: Path
):
    stub = _stub_build()
    monkeypatch.setitem(__import__("sys").modules, "pipeline.build", stub)
    monkeypatch.setattr(pipeline, "build", stub, raising=False)
    monkeypatch.setenv("CONFLICTMAP_FETCHED", str(tmp_path / "fetched"))
    app.run()
    _open_tab(app, "Add articles")
    app.text_area(key="add_urls").set_value(f"{news_server}/news/kharkiv\n{news_server}/gone\n")
    app.button(key="process").click().run()
    assert not app.exception
    assert [e.value for e in app.error] == [f"{news_server}/gone: HTTP 404 Not Found"]
    assert _counter(app).startswith("Showing 4 of 4 events")
    (written,) = (tmp_path / "fetched").glob("*.txt")
    assert "Odesa" not in written.read_text(encoding="utf-8")


def test_missing_data_folder_is_a_clear_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CONFLICTMAP_DATA", str(tmp_path / "nowhere"))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    assert "no events.geojson" in at.error[0].value


def test_real_seed_outputs(seed_data_dir: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CONFLICTMAP_DATA", str(seed_data_dir))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    assert not at.error
    counter = _counter(at)
    total = len(__import__("json").loads(
        (seed_data_dir / "events.geojson").read_text(encoding="utf-8"))["features"])
    assert counter.startswith(f"Showing {total} of {total} events")
    at.sidebar.multiselect(key="f_types").set_value(["annexation_claim"]).run()
    assert not at.exception
    assert _counter(at).startswith("Showing ")
    assert _table_rows(at) == sum(
        1 for row in at.dataframe[0].value["event_type"] if row == "annexation_claim")


def test_upload_with_the_real_pipeline(data_dir: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("CONFLICTMAP_DATA", str(data_dir))
    seed = sorted((Path(__file__).resolve().parents[2] / "seeds").glob("*.txt"))[0]
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    before = int(_counter(at).split()[1])
    _open_tab(at, "Add articles")
    at.file_uploader(key="upload").set_value([
        ("report.txt", seed.read_bytes(), "text/plain"),
        ("scan.txt", b"\x89PNG\r\n\x00\x00binary", "text/plain"),
        ("latin1.md", "Kyiv, caf\xe9".encode("latin-1"), "text/markdown"),
    ])
    at.button(key="process").click().run()
    assert not at.exception
    messages = " ".join(e.value for e in at.error)
    assert "scan.txt" in messages and "latin1.md" in messages
    after = int(_counter(at).split()[1])
    assert after > before
    assert "report.txt" in at.sidebar.multiselect(key="f_articles").options
    assert any(s.value.startswith("Added 1 article") for s in at.success)


def test_serve_builds_the_seed_outputs_once(tmp_path: Path):
    from dashboard.serve import SEEDS_DIR, ensure_seed_outputs, streamlit_command

    out = ensure_seed_outputs(tmp_path / "out", SEEDS_DIR)
    events = out / "events.geojson"
    assert events.is_file()
    stamp = events.stat().st_mtime_ns
    ensure_seed_outputs(out, SEEDS_DIR)
    assert events.stat().st_mtime_ns == stamp  # not rebuilt when present
    command = streamlit_command(8765)
    assert command[command.index("--server.enableStaticServing") + 1] == "true"
    assert command[command.index("--server.port") + 1] == "8765"


def test_serve_refuses_a_folder_without_outputs(tmp_path: Path):
    from dashboard.serve import serve

    with pytest.raises(InputError, match="no events.geojson"):
        serve(tmp_path, 8765)


def _edit_first_event(folder: Path, **props: Any) -> None:
    import json

    path = folder / "events.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["features"][0]["properties"].update(props)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_implausible_date_keeps_the_sidebar_and_tabs(app: AppTest, data_dir: Path):
    """Issue 15 item 2: a date before 1684 or after 2255 replaced filters, downloads and tabs with a traceback."""
    _edit_first_event(data_dir, date="1022-05-01")
    app.run()
    assert not app.exception
    assert app.sidebar.slider(key="f_dates")
    assert _counter(app).startswith("Showing 7 of 7 events")
    assert any("ignored" in e.label for e in app.expander)


def test_casualty_figure_above_2_to_the_63_keeps_the_page_working(app: AppTest, data_dir: Path):
    """Issue 15 item 3: `serve` died at start-up with an OverflowError."""
    _edit_first_event(data_dir, killed=99999999999999999999, injured=10**26)
    app.run()
    assert not app.exception
    _open_tab(app, "Events table")
    assert not app.exception
    _open_tab(app, "Killed / injured")
    assert not app.exception
