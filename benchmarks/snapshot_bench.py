"""Benchmark briefing images: seeds output (target <= 3 s) and 10,000 synthetic events (<= 10 s).

Run from the repository root: ``.venv/bin/python benchmarks/snapshot_bench.py``.
Writes ``benchmarks/RESULTS_snapshot.md``. "Cold" is the first render in a fresh
process (boundaries loaded from disk); "warm" is the median of the next three.
"""

from __future__ import annotations

import inspect
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.output.snapshot import render_snapshot  # noqa: E402
from benchmarks.synthetic import synthetic_outputs  # noqa: E402

TARGETS = {"seeds": 3.0, "seeds-sized synthetic (40 events)": 3.0, "10,000 synthetic events": 10.0}
RESULTS = ROOT / "benchmarks" / "RESULTS_snapshot.md"


def _load_dir(folder: Path) -> dict[str, Any]:
    data = {}
    for name in ("events", "places", "oblasts"):
        path = folder / f"{name}.geojson"
        data[name] = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {
            "type": "FeatureCollection", "features": []}
    articles = folder / "articles.jsonl"
    data["n_articles"] = sum(1 for line in articles.open(encoding="utf-8") if line.strip()) if articles.is_file() else None
    return data


def _seeds_outputs() -> tuple[dict[str, Any] | None, str]:
    """Seeds outputs from ``out/`` if present, else built with ``pipeline.build.build_paths``."""
    out = ROOT / "out"
    if (out / "events.geojson").is_file():
        return _load_dir(out), "out/ (existing pipeline output)"
    try:
        from pipeline.build import build_paths
    except ImportError as exc:
        return None, f"not measured: no out/events.geojson and pipeline.build unavailable ({exc})"
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    folder = Path(tempfile.mkdtemp(prefix="snapshot-bench-"))
    try:
        params = list(inspect.signature(build_paths).parameters)
        build_paths(seeds, folder) if len(params) >= 2 else build_paths(seeds)
    except Exception as exc:  # report, don't crash the benchmark
        return None, f"not measured: build_paths failed ({type(exc).__name__}: {exc})"
    if not (folder / "events.geojson").is_file():
        return None, "not measured: build_paths wrote no events.geojson"
    return _load_dir(folder), "seeds/ built with pipeline.build.build_paths"


def _time(data: dict[str, Any], out: Path) -> tuple[float, float]:
    def once() -> float:
        start = time.perf_counter()
        render_snapshot(data["events"], data["places"], data["oblasts"], out=out, n_articles=data.get("n_articles"))
        return time.perf_counter() - start

    cold = once()
    warm = statistics.median(once() for _ in range(3))
    return cold, warm


def main() -> int:
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        seeds, origin = _seeds_outputs()
        if seeds is not None:
            n = len(seeds["events"]["features"])
            cold, warm = _time(seeds, Path(tmp) / "seeds.png")
            rows.append(("seeds", f"{n:,} events, {origin}", cold, warm))
        else:
            rows.append(("seeds", origin, None, None))
            small = synthetic_outputs(40, seed=0)
            cold, warm = _time(small, Path(tmp) / "small.png")
            rows.append(("seeds-sized synthetic (40 events)", "stand-in while seeds output is missing", cold, warm))
        start = time.perf_counter()
        synthetic = synthetic_outputs(10_000, seed=0)
        generate = time.perf_counter() - start
        cold, warm = _time(synthetic, Path(tmp) / "synthetic.png")
        rows.append(("10,000 synthetic events", f"generated in {generate:.1f} s (not counted)", cold, warm))

    lines = [
        "# Snapshot benchmark",
        "",
        f"`benchmarks/snapshot_bench.py`, 1920×1080 PNG at 150 dpi, offline vector basemap. "
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs.",
        "",
        "| case | data | cold render (s) | warm render (s) | target (s) | met |",
        "| --- | --- | ---: | ---: | ---: | --- |",
    ]
    failed = False
    for case, data, cold, warm in rows:
        target = TARGETS[case]
        if cold is None:
            lines.append(f"| {case} | {data} | – | – | {target:g} | not measured |")
            continue
        met = cold <= target
        failed |= not met
        lines.append(f"| {case} | {data} | {cold:.2f} | {warm:.2f} | {target:g} | {'yes' if met else 'NO'} |")
    text = "\n".join(lines) + "\n"
    RESULTS.write_text(text, encoding="utf-8")
    print(text)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
