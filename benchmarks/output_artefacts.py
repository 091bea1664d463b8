"""Hash the output-side artefacts (seed build, briefing images, map pages, charts) to compare two commits.

Run from a worktree: ``PYTHONPATH=$PWD python benchmarks/output_artefacts.py DIR``; prints one
``sha256[:16] path`` line per file written to DIR. Diff the listings of two commits.
"""
import hashlib, json, sys, subprocess, os
from pathlib import Path
out = Path(sys.argv[1]); out.mkdir(parents=True, exist_ok=True)
py = "/work/main/.venv/bin/python"
env = {**os.environ, "PYTHONPATH": os.getcwd()}
seeds_out = out / "seeds_out"
if not (seeds_out / "events.geojson").exists():
    subprocess.run([py, "-m", "conflictmap.cli", "build", "seeds", "--out", str(seeds_out)], env=env, check=True)
def load(folder):
    return {n: json.loads((folder / f"{n}.geojson").read_text()) for n in ("events", "places", "oblasts")}
seeds = load(seeds_out)
from benchmarks.synthetic import synthetic_outputs
syn = synthetic_outputs(300, seed=3)
from pipeline.output.snapshot import render_snapshot
renders = {
    "seeds_default.png": (seeds, {}),
    "seeds_from.png": (seeds, {"date_from": "2022-09-01"}),
    "seeds_admin.png": (seeds, {"admin1": ["UA-14"]}),
    "seeds_small.svg": (seeds, {"fmt": "svg", "size": (800, 600)}),
    "syn_default.png": (syn, {}),
    "syn_types.png": (syn, {"types": ["frontline_incident"], "bbox": (30, 46, 40, 52)}),
    "syn_range.pdf": (syn, {"fmt": "pdf", "date_from": "2022-06-01", "date_to": "2023-01-01"}),
}
for name, (d, kw) in renders.items():
    (out / name).write_bytes(render_snapshot(d["events"], d["places"], d["oblasts"], n_articles=3, **kw))
from dashboard.map import build_event_map
from dashboard import assets
from pipeline.output.filters import EventFilters
import datetime as dt
for name, d, f in (("map_seeds.html", seeds, None), ("map_syn.html", syn, EventFilters(date_from=dt.date(2022, 6, 1)))):
    (out / name).write_text(assets.served_html(build_event_map(d["events"], d["places"], d["oblasts"], filters=f)))
from dashboard import charts
from pipeline.output import filters as F
for name, d in (("seeds", seeds), ("syn", syn)):
    (out / f"timeline_{name}.png").write_bytes(charts.timeline_png(F.events_per_day(d["events"]["features"])))
    (out / f"casualties_{name}.png").write_bytes(charts.casualties_png(F.casualties_per_oblast(d["events"]["features"])))
for p in sorted(out.rglob("*")):
    if p.is_file():
        print(hashlib.sha256(p.read_bytes()).hexdigest()[:16], p.relative_to(out))
