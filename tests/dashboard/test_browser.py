"""The dashboard in a real headless Chromium, served by ``dashboard.serve.serve``.

Runs ``serve()`` (what ``conflictmap serve`` calls) on a free port against the
synthetic fixture folder, then checks what a person would see: the Leaflet map with
the expected features, no exception text, a counter that follows a filter change,
hostile article text shown as text, and no request leaving localhost.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fixtures import write_fixture_dir

playwright_sync = pytest.importorskip("playwright.sync_api")

CHROMIUM = "/usr/bin/chromium"
REPO = Path(__file__).resolve().parents[2]
LOCAL_PREFIXES = ("http://localhost", "http://127.0.0.1", "ws://localhost", "ws://127.0.0.1",
                  "data:", "about:", "blob:")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, process: subprocess.Popen, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            msg = f"streamlit exited with {process.returncode}"
            raise RuntimeError(msg)
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    msg = f"streamlit did not answer on {url}"
    raise TimeoutError(msg)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from _serve(write_fixture_dir(tmp_path_factory.mktemp("browser") / "out"), {})


@pytest.fixture(scope="module")
def cells_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture folder served with a point limit of 1: every layer is counted per grid cell."""
    yield from _serve(write_fixture_dir(tmp_path_factory.mktemp("cells") / "out"),
                      {"CONFLICTMAP_MAP_POINT_LIMIT": "1"})


def _serve(data: Path, extra_env: dict[str, str]) -> Iterator[str]:
    port = _free_port()
    code = (
        "import sys; from pathlib import Path; from dashboard.serve import serve; "
        f"sys.exit(serve(Path({str(data)!r}), {port}))"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO), **extra_env}
    process = subprocess.Popen([sys.executable, "-c", code], cwd=REPO, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
    url = f"http://localhost:{port}"
    try:
        _wait_healthy(url, process)
        yield url
    finally:
        process.terminate()  # serve() passes it on to Streamlit and waits for it
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)  # the group of the server started above


@pytest.fixture
def page(server: str):
    with playwright_sync.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM,
                                    args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(viewport={"width": 1500, "height": 1100})
        requests: list[str] = []
        context.on("request", lambda request: requests.append(request.url))
        tab = context.new_page()
        tab.requests = requests  # type: ignore[attr-defined]
        yield tab
        browser.close()


def _child_frames(tab) -> list:
    """The page's iframes (the map is drawn in one of them)."""
    return [frame for frame in tab.frames if frame is not tab.main_frame]


def _map_frame(tab, timeout_s: float = 60.0):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        for frame in _child_frames(tab):
            try:
                if frame.query_selector(".leaflet-cm-incidents-pane .cm-icon"):
                    return frame
            except playwright_sync.Error:
                pass
        tab.wait_for_timeout(200)
    tab.screenshot(path="/tmp/cm_browser_failure.png")
    raise AssertionError("the Leaflet map was not drawn (screenshot /tmp/cm_browser_failure.png)")


def _counter(tab) -> str:
    return tab.locator("h4:has-text('Showing')").first.inner_text()


def test_map_draws_the_expected_features_offline(page, tmp_path: Path):
    page.goto(_url(page))
    frame = _map_frame(page)
    frame.wait_for_timeout(500)
    assert len(frame.query_selector_all(".leaflet-cm-incidents-pane .cm-icon")) == 3
    # the one incident located only to its district is drawn dashed and says so in its popup
    assert len(frame.query_selector_all(".leaflet-cm-incidents-pane .cm-icon.cm-approx")) == 1
    assert "located only to a district or region" in frame.inner_text(".cm-legend")
    assert len(frame.query_selector_all(".leaflet-cm-casualties-pane path")) == 2
    assert len(frame.query_selector_all(".leaflet-cm-claims-pane path")) == 1
    assert len(frame.query_selector_all(".leaflet-cm-choropleth-pane path")) == 2
    assert frame.query_selector(".leaflet-control-layers")
    assert "Claimed annexation area" in frame.inner_text(".cm-legend")
    body = page.inner_text("body")
    assert "Traceback" not in body and "Error" not in body
    assert _counter(page) == "Showing 7 of 7 events, 2022-09-10–2022-10-01 (1 undated)"
    shot = tmp_path / "dashboard.png"
    page.screenshot(path=str(shot))
    assert shot.stat().st_size > 20_000
    outside = [u for u in page.requests if not u.startswith(LOCAL_PREFIXES)]
    assert outside == []


def _url(page) -> str:
    return page._server_url  # set by the autouse fixture below


@pytest.fixture(autouse=True)
def _attach_url(request, server: str):
    if "page" in request.fixturenames:
        request.getfixturevalue("page")._server_url = server


def test_filter_change_updates_counter_and_map(page):
    page.goto(_url(page))
    _map_frame(page)
    select = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Event type")
    select.locator("input").click()
    page.get_by_role("option", name="Casualty report").click()
    page.keyboard.press("Escape")
    page.wait_for_function(
        "() => [...document.querySelectorAll('h4')].some(h => h.innerText.startsWith("
        "'Showing 2 of 7'))", timeout=30_000)
    assert "type=casualty_report" in page.url
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if any(_shows_only_casualties(f) for f in _child_frames(page)):
            break
        page.wait_for_timeout(200)
    else:
        raise AssertionError("the map did not follow the filter")


def _shows_only_casualties(frame) -> bool:
    try:  # the map's frame is replaced when the map changes
        return (frame.query_selector(".leaflet-cm-casualties-pane") is not None
                and not frame.query_selector_all(".leaflet-cm-incidents-pane .cm-icon")
                and len(frame.query_selector_all(".leaflet-cm-casualties-pane path")) == 2)
    except playwright_sync.Error:
        return False


def test_hostile_article_does_not_execute(page):
    page.goto(_url(page) + "/?article=009_hostile.txt")
    frame = _map_frame(page)
    icon = frame.query_selector(".leaflet-cm-incidents-pane .cm-icon")
    icon.click()
    popup = frame.wait_for_selector(".leaflet-popup-content")
    text = popup.inner_text()
    assert "<script>window.__pwned = 1;</script>" in text
    assert '<img src=x onerror="window.__pwned = 2">' in text
    assert "Kupiansk <b>x</b>" in text
    assert popup.query_selector("script, img") is None
    assert frame.evaluate("() => window.__pwned") is None
    # the article reader (a lazy tab: computed when opened) shows the same text, escaped
    page.get_by_role("tab", name="Article reader").click()
    reader = page.locator(".cm-article").first
    reader.wait_for()
    assert "<script>window.__pwned = 1;</script>" in reader.inner_text()
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator(".cm-article script, .cm-article img").count() == 0
    # issue 15 item 10: Markdown in the article stays text: no pixel fetched, no link, no code span
    assert "![](http://tracker.invalid/pixel.png)" in reader.inner_text()
    assert page.locator(".cm-article a, .cm-article code").count() == 0
    assert not [u for u in page.requests if "tracker.invalid" in u]


def test_panning_and_clicking_the_map_never_rerun_the_app(page):
    sent: list = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append(payload)))
    page.goto(_url(page))
    frame = _map_frame(page)
    page.wait_for_timeout(1500)  # the page's own start-up messages
    before = len(sent)
    pane = "() => getComputedStyle(document.querySelector('.leaflet-map-pane')).transform"
    start = frame.evaluate(pane)
    box = frame.frame_element().bounding_box()
    x, y = box["x"] + box["width"] * 0.3, box["y"] + box["height"] * 0.6
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 160, y + 90, steps=10)
    page.mouse.up()
    frame.query_selector(".leaflet-cm-incidents-pane .cm-icon").click()
    frame.wait_for_selector(".leaflet-popup-content")
    page.wait_for_timeout(1500)
    assert frame.evaluate(pane) != start  # the map moved
    assert len(sent) == before  # and nothing went back to the server: no rerun


def test_cells_above_the_point_limit_are_drawn_counted_and_escaped(cells_server: str, tmp_path: Path):
    with playwright_sync.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(viewport={"width": 1500, "height": 1100})
        requests: list[str] = []
        context.on("request", lambda request: requests.append(request.url))
        tab = context.new_page()
        tab.goto(cells_server)
        frame = None
        deadline = time.monotonic() + 60
        while frame is None and time.monotonic() < deadline:
            for child in _child_frames(tab):
                try:
                    if child.query_selector(".leaflet-cm-incidents-pane .cm-cell"):
                        frame = child
                except playwright_sync.Error:
                    pass
            tab.wait_for_timeout(200)
        assert frame is not None, "no grid cells drawn"
        frame.wait_for_timeout(500)
        incidents = frame.query_selector_all(".leaflet-cm-incidents-pane .cm-cell")
        casualties = frame.query_selector_all(".leaflet-cm-casualties-pane .cm-cell")
        assert sum(int(c.inner_text()) for c in incidents) == 3
        assert sum(int(c.inner_text()) for c in casualties) == 2
        assert not frame.query_selector_all(".leaflet-cm-incidents-pane .cm-icon")  # no single events
        assert len(frame.query_selector_all(".leaflet-cm-claims-pane path")) == 1  # still hatched
        assert "per 1\u00b0 cell" in frame.inner_text(".cm-legend")
        casualties[0].click()
        popup = frame.wait_for_selector(".leaflet-popup-content")
        assert "casualty report" in popup.inner_text() and "narrow the filters" in popup.inner_text()
        assert popup.query_selector("script, img") is None
        assert frame.evaluate("() => window.__pwned") is None
        assert "the map counts them per" in tab.inner_text("body")
        tab.screenshot(path=str(tmp_path / "cells.png"))
        assert (tmp_path / "cells.png").stat().st_size > 20_000
        assert [u for u in requests if not u.startswith(LOCAL_PREFIXES)] == []
        browser.close()
