"""Dashboard benchmark: map build, HTML size, filter change, first paint in Chromium.

Run from the repository root::

    .venv/bin/python benchmarks/dashboard_bench.py

Targets (issue 5): with 10,000 synthetic events, map built server-side <= 1 s and
HTML <= 5 MB, a filter change <= 1 s; on the seeds, first map paint <= 3 s after the
page opens. Prints a markdown table and writes it to ``benchmarks/RESULTS_dashboard.md``.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from dashboard import aggregate, assets  # noqa: E402
from pipeline.model import EventType  # noqa: E402
from pipeline.output.filters import EventFilters, filter_events  # noqa: E402
from dashboard.map import build_event_map as _build_event_map  # noqa: E402
from benchmarks.synthetic import synthetic_outputs  # noqa: E402

N_EVENTS = 10_000
REPEATS = 5
CHROMIUM = "/usr/bin/chromium"
RESULTS = REPO / "benchmarks" / "RESULTS_dashboard.md"


def _median_seconds(action: Callable[[], object], repeats: int = REPEATS) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _server_side() -> list[tuple[str, str, str, str]]:
    data = synthetic_outputs(N_EVENTS)
    events, places, oblasts = data["events"], data["places"], data["oblasts"]
    # the app keeps the events as columns once per data (dashboard.pages.data_view): so does this
    frame = aggregate.event_frame(events["features"], places["features"])
    build_event_map = functools.partial(_build_event_map, frame=frame)
    build_event_map(events, places, oblasts)  # warm the basemap cache

    def build_and_render() -> str:
        return assets.served_html(build_event_map(events, places, oblasts))

    build = _median_seconds(lambda: build_event_map(events, places, oblasts))
    build_render = _median_seconds(build_and_render)
    page = build_and_render()
    standalone = assets.standalone_html(build_event_map(events, places, oblasts))

    filters = EventFilters(date_from=dt.date(2022, 6, 1), date_to=dt.date(2022, 12, 31),
                           event_types=(EventType.FRONTLINE_INCIDENT.value, EventType.CASUALTY_REPORT.value),
                           min_confidence=0.5)
    shown = len(filter_events(events["features"], filters))

    def filter_change() -> str:
        return assets.served_html(build_event_map(events, places, oblasts, filters=filters))

    filter_only = _median_seconds(lambda: filter_events(events["features"], filters))
    filter_total = _median_seconds(filter_change)
    n = f"{N_EVENTS:,} events, {len(places['features']):,} places"
    return [
        ("Map build (`build_event_map`)", n, f"{build:.2f} s", "≤ 1 s"),
        ("Map build + render to HTML (the page the app serves)", n, f"{build_render:.2f} s", "≤ 1 s"),
        ("Map HTML, assets linked (as served)", n, f"{len(page) / 1e6:.2f} MB", "≤ 5 MB"),
        ("Map HTML, standalone (all assets inlined)", n, f"{len(standalone) / 1e6:.2f} MB",
         "≤ 5 MB"),
        ("Filter only (`filter_events`)", f"{n}; {shown:,} shown", f"{filter_only * 1e3:.0f} ms",
         "—"),
        ("Filter change: filter + map + HTML", f"{n}; {shown:,} shown", f"{filter_total:.2f} s",
         "≤ 1 s"),
    ], standalone


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _seed_outputs() -> Path:
    out = REPO / "out"
    if (out / "events.geojson").is_file():
        return out
    from pipeline.build import build_paths

    target = Path(tempfile.mkdtemp(prefix="cm-bench-")) / "out"
    build_paths(sorted((REPO / "seeds").glob("*.txt")), target)
    return target


def _first_paints(url: str, opens: int, *, same_browser_cache: bool = False) -> list[float]:
    """Seconds from opening ``url`` to Leaflet's first drawn feature, once per open.

    Each open is a fresh browser context (nothing cached: a first visit), unless
    ``same_browser_cache``, where one context is reused (a reload: scripts come from the cache).
    """
    from playwright.sync_api import sync_playwright

    paints = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox",
                                                                    "--disable-gpu"])
        shared = browser.new_context(viewport={"width": 1400, "height": 1000}) if same_browser_cache else None
        for _ in range(opens):
            context = shared or browser.new_context(viewport={"width": 1400, "height": 1000})
            page = context.new_page()
            start = time.perf_counter()
            page.goto(url)
            painted = None
            while painted is None and time.perf_counter() - start < 60:
                for frame in page.frames:
                    try:
                        if frame.query_selector(".leaflet-overlay-pane path, .cm-icon"):
                            painted = time.perf_counter() - start
                            break
                    except Exception:  # noqa: BLE001 - frames come and go while loading
                        continue
                else:
                    page.wait_for_timeout(25)
            paints.append(painted if painted is not None else float("nan"))
            if shared is None:
                context.close()
            else:
                page.close()
        browser.close()
    return paints


def _browser_seeds() -> list[tuple[str, str, str, str]]:
    """First map paint of the seeds in the Streamlit app (run first, on a rested machine)."""
    if not Path(CHROMIUM).exists():
        return [("First map paint (seeds)", "—", "chromium not installed", "≤ 3 s")]
    data = _seed_outputs()
    port = _free_port()
    code = (f"import sys; from pathlib import Path; from dashboard.serve import serve; "
            f"sys.exit(serve(Path({str(data)!r}), {port}))")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    server = subprocess.Popen([sys.executable, "-c", code], cwd=REPO, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)
    url = f"http://localhost:{port}"
    try:
        for _ in range(200):
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1):
                    break
            except OSError:
                time.sleep(0.3)
        paints = _first_paints(url, 6)
        reloads = _first_paints(url, 6, same_browser_cache=True)
    finally:
        server.terminate()  # serve() passes it on to Streamlit
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)  # the group of the server started above
    return [
        ("First map paint, seeds, first open (cold server)", "Streamlit app",
         f"{paints[0]:.2f} s", "≤ 3 s"),
        ("First map paint, seeds, later first visits (fresh browser each; median of 5)",
         "Streamlit app", f"{statistics.median(paints[1:]):.2f} s "
         f"(range {min(paints[1:]):.2f}–{max(paints[1:]):.2f})", "≤ 3 s"),
        ("First map paint, seeds, reloads in the same browser (cache warm; median of 5)",
         "Streamlit app", f"{statistics.median(reloads[1:]):.2f} s", "—"),
    ]


def _browser_standalone(standalone_10k: str) -> list[tuple[str, str, str, str]]:
    """First paint of the standalone HTML export of 10,000 events, from a file:// URL."""
    if not Path(CHROMIUM).exists():
        return []
    with tempfile.TemporaryDirectory() as tmp:
        html_path = Path(tmp) / "map10k.html"
        html_path.write_text(standalone_10k, encoding="utf-8")
        paints = _first_paints(html_path.as_uri(), 3)
    return [("First paint, standalone HTML, 10k events (median of 3)", "file:// in Chromium",
             f"{statistics.median(paints):.2f} s", "—")]


def main() -> int:
    """Run every measurement, print the table and write RESULTS_dashboard.md."""
    load = os.getloadavg()[0]
    # the browser measurements first: the heavy server-side runs would leave the CPU warm and busy
    paint_rows = _browser_seeds()
    rows, standalone = _server_side()
    rows += paint_rows + _browser_standalone(standalone)
    lines = [
        "## Dashboard",
        "",
        f"Measured {dt.date.today().isoformat()} on {platform.machine()}, "
        f"{os.cpu_count()} cores (load average {load:.1f} at the start), Python {platform.python_version()}; "
        f"`python benchmarks/dashboard_bench.py` (medians of {REPEATS} runs server-side).",
        "",
        "| measurement | data | result | target |",
        "|---|---|---|---|",
        *[f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows],
        "",
    ]
    text = "\n".join(lines)
    print(text)
    tmp = RESULTS.with_suffix(".md.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, RESULTS)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
