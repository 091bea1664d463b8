"""The dashboard at 10,000 and 100,000 events (issue 16): map page and whole page run, before/after in one run.

    python benchmarks/dashboard_100k.py [--main-checkout DIR]

For each size, on synthetic outputs (``benchmarks/synthetic.py``):

* map page server-side (the HTML the app serves, assets linked): built from the columns the app
  keeps per data (:func:`dashboard.aggregate.event_frame`), once with every event drawn as a point
  (what the map did before: ``point_limit`` never reached) and once with the default point limit
  (grid cells above it); first view and a filter change to a new filter state; medians of 5;
* the whole Streamlit script (``streamlit.testing`` AppTest, same process): first run of a new
  session (data read from disk; then, in a second session, with the server's caches warm), a rerun,
  and two filter changes;
* with ``--main-checkout DIR`` (e.g. ``git archive main | tar -x -C DIR``) the same AppTest runs
  against that checkout in a subprocess, in the same invocation: the before figures;
* with ``--browser``, first map paint in headless Chromium (``conflictmap serve``'s server, fresh
  browser context per visit) at 100,000 events: the default view, then views narrowed by URL; after each
  default-view visit, a filter change in the sidebar ("Show undated events" off) until the new map is drawn.

Prints markdown tables. The machine may be shared: the load average is printed at the start.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

SIZES = (10_000, 100_000)
REPEATS = 5
FILTER_CHANGE = {"date_from": dt.date(2022, 6, 1), "date_to": dt.date(2022, 12, 31),
                 "event_types": ("frontline_incident", "casualty_report"), "min_confidence": 0.5}

_APPTEST = r'''
import json, os, sys, time
from streamlit.testing.v1 import AppTest
app = sys.argv[1]
os.environ["CONFLICTMAP_DATA"] = sys.argv[2]
out = {}
def timed(at, key):
    start = time.perf_counter(); at.run(); out[key] = time.perf_counter() - start
    assert not at.exception, at.exception
at = AppTest.from_file(app, default_timeout=900)
timed(at, "first run, cold (reads the folder)")
second = AppTest.from_file(app, default_timeout=900)
timed(second, "first run of a new session, server warm")
timed(second, "rerun, nothing changed")
second.session_state["f_types"] = ["frontline_incident", "casualty_report"]
timed(second, "filter change: event type")
second.session_state["f_minconf"] = 0.5
timed(second, "filter change: minimum confidence")
print("RESULT " + json.dumps(out))
'''


def _median(action: Callable[[], object]) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _map_rows(n: int) -> list[tuple[str, str, str]]:
    from benchmarks.synthetic import synthetic_outputs
    from dashboard import aggregate, assets
    from dashboard.map import build_event_map
    from pipeline.output.filters import EventFilters

    data = synthetic_outputs(n)
    events, places, oblasts = data["events"], data["places"], data["oblasts"]
    start = time.perf_counter()
    frame = aggregate.event_frame(events["features"], places["features"])
    frame_s = time.perf_counter() - start
    changed = EventFilters(**FILTER_CHANGE)
    rows = [("columns of the events (once per data, cached)", "—", f"{frame_s:.2f} s")]
    results: dict[str, dict[str, object]] = {}
    for mode, limit in (("points", 10**12), ("cells", aggregate.POINT_LIMIT)):
        def page(filters: EventFilters | None = None, limit: int = limit) -> str:
            fmap = build_event_map(events, places, oblasts, filters=filters, frame=frame, point_limit=limit)
            return assets.served_html(fmap, base_url=assets.STATIC_URL)

        page()  # warm the basemap
        results[mode] = {"first": _median(page), "change": _median(lambda: page(changed)),
                         "size": len(page()), "size_changed": len(page(changed))}
    before, after = results["points"], results["cells"]
    rows += [
        ("map page build + HTML, all filters open", f"{before['first']:.2f} s", f"{after['first']:.2f} s"),
        ("map page build + HTML after a filter change", f"{before['change']:.2f} s", f"{after['change']:.2f} s"),
        ("served page, all filters open", f"{before['size'] / 1e6:.2f} MB", f"{after['size'] / 1e6:.2f} MB"),
        ("served page after the filter change", f"{before['size_changed'] / 1e6:.2f} MB",
         f"{after['size_changed'] / 1e6:.2f} MB"),
    ]
    return rows


def _write_folder(n: int, folder: Path) -> None:
    from benchmarks.synthetic import synthetic_outputs

    data = synthetic_outputs(n)
    folder.mkdir(parents=True, exist_ok=True)
    for layer in ("events", "places", "oblasts"):
        (folder / f"{layer}.geojson").write_text(json.dumps(data[layer]), encoding="utf-8")


def _apptest(checkout: Path, folder: Path) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    done = subprocess.run([sys.executable, "-c", _APPTEST, str(checkout / "dashboard" / "app.py"), str(folder)],
                          cwd=checkout, env=env, capture_output=True, text=True, check=False)
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[len("RESULT "):])
    msg = f"AppTest failed in {checkout}: {done.stderr[-2000:]}"
    raise RuntimeError(msg)


def _browser(folder: Path) -> list[tuple[str, str]]:
    """Seconds from opening a view to its first grid cell or event marker drawn, in Chromium."""
    import signal
    import socket
    import urllib.request

    from playwright.sync_api import sync_playwright

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    code = (f"import sys; from pathlib import Path; from dashboard.serve import serve; "
            f"sys.exit(serve(Path({str(folder)!r}), {port}))")
    server = subprocess.Popen([sys.executable, "-c", code], cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)},
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    url = f"http://localhost:{port}"
    start = time.perf_counter()
    rows = []
    try:
        while time.perf_counter() - start < 600:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1):
                    break
            except OSError:
                time.sleep(0.3)
        rows.append(("server start (reads the folder, draws the default view)",
                     f"{time.perf_counter() - start:.1f} s"))
        views = [("default view (cells), visit 1", ""), ("default view (cells), visit 2", ""),
                 ("default view (cells), visit 3", ""),
                 ("one oblast (UA-14, points), first time", "/?oblast=UA-14"),
                 ("one oblast (UA-14, points), again", "/?oblast=UA-14"),
                 ("one week (cells and points), first time", "/?from=2022-10-01&to=2022-10-07")]
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
            for name, query in views:
                context = browser.new_context(viewport={"width": 1400, "height": 1000})
                tab = context.new_page()
                opened = time.perf_counter()
                tab.goto(url + query)
                painted = None
                while painted is None and time.perf_counter() - opened < 300:
                    for frame in tab.frames:
                        try:
                            if frame.query_selector(".cm-cell, .cm-icon"):
                                painted = time.perf_counter() - opened
                                break
                        except Exception:  # noqa: BLE001 - frames come and go while loading
                            continue
                    else:
                        tab.wait_for_timeout(25)
                rows.append((f"first map paint: {name}", f"{painted:.2f} s" if painted else "not drawn"))
                if painted and not query:
                    rows.append((f"filter change (\"Show undated events\" off), {name.split(', ')[-1]}: until the new "
                                 "map's first cell or marker", _filter_change(tab)))
                context.close()
            browser.close()
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)  # the group of the server started above
    return rows


def _filter_change(tab) -> str:
    """Seconds from clicking a filter in the sidebar to the first cell or marker of the map drawn anew."""
    for frame in tab.frames:  # mark the map's document: the new map comes in a new one
        try:
            if frame.query_selector(".leaflet-container"):
                frame.evaluate("() => { window.__cmOld = true; }")
        except Exception:  # noqa: BLE001 - frames come and go while loading
            continue
    start = time.perf_counter()
    tab.get_by_text("Show undated events").click()
    while time.perf_counter() - start < 300:
        for frame in tab.frames:
            try:
                if frame.query_selector(".cm-cell, .cm-icon") and not frame.evaluate("() => window.__cmOld === true"):
                    return f"{time.perf_counter() - start:.2f} s"
            except Exception:  # noqa: BLE001
                continue
        tab.wait_for_timeout(25)
    return "not drawn"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--main-checkout", type=Path, help="a checkout of the code before (for the AppTest run)")
    parser.add_argument("--browser", action="store_true", help="also measure first map paint in Chromium")
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="numbers of events")
    args = parser.parse_args()
    print(f"load average at the start: {os.getloadavg()[0]:.1f} (2 cores, shared)\n", flush=True)
    for n in args.sizes:
        print(f"### {n:,} synthetic events\n\n| map page (server side, median of {REPEATS}) | every event a point "
              "(before) | grid cells above the point limit (after) |\n|---|---|---|", flush=True)
        for row in _map_rows(n):
            print("| " + " | ".join(row) + " |", flush=True)
        with tempfile.TemporaryDirectory(prefix="cm-dash-") as tmp:
            folder = Path(tmp) / "out"
            _write_folder(n, folder)
            after = _apptest(REPO, folder)
            before = _apptest(args.main_checkout, folder) if args.main_checkout else {}
            browser = _browser(folder) if args.browser and n == max(args.sizes) else []
        print(f"\n| whole page script run (AppTest, one run each) | before ({args.main_checkout or '—'}) "
              "| after (this checkout) |\n|---|---|---|")
        for key, seconds in after.items():
            old = f"{before[key]:.2f} s" if key in before else "—"
            print(f"| {key} | {old} | {seconds:.2f} s |", flush=True)
        if browser:
            print("\n| Chromium, this checkout | seconds |\n|---|---|")
            for key, value in browser:
                print(f"| {key} | {value} |", flush=True)
        print(flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
