"""First-pass geoparse speed of two checkouts, alternated (issue 16): each run is a fresh process that loads
the index, then parses the 788 GeoWebNews + LGL texts once (cold per-text caches), pinned to core 0.
Prints docs per CPU second (``time.process_time``, the steadier figure on a shared machine) and wall::

    python benchmarks/geoparse_ab.py BASE_CHECKOUT:BASE_PYTHON:BASE_CACHE NEW_CHECKOUT:NEW_PYTHON:NEW_CACHE [ROUNDS]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys

_CHILD = r"""
import json, os, sys, time
os.sched_setaffinity(0, {0})
sys.path.insert(0, os.getcwd())
from pathlib import Path
EVAL = Path("/work/shared/eval/geoparse")
texts = [json.loads(l)["text"] for n in ("geowebnews.jsonl", "lgl.jsonl")
         for l in (EVAL / n).read_text(encoding="utf-8").split("\n") if l.strip()]
from pipeline.geoparse import load_geoparser
p = load_geoparser()
w, c = time.perf_counter(), time.process_time()
p.parse_many(texts)
w, c = time.perf_counter() - w, time.process_time() - c
print(json.dumps({"n": len(texts), "wall": w, "cpu": c}))
"""


def main() -> None:
    sides = [arg.split(":") for arg in sys.argv[1:3]]
    rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 3
    rates: dict[str, list[float]] = {s[0]: [] for s in sides}
    for r in range(rounds):
        for repo, python, cache in (sides if r % 2 == 0 else sides[::-1]):
            env = {**os.environ, "CONFLICTMAP_CACHE": cache, "OMP_NUM_THREADS": "1"}
            out = subprocess.run([python, "-c", _CHILD], cwd=repo, env=env, capture_output=True, text=True, check=True)
            res = __import__("json").loads(out.stdout.strip().splitlines()[-1])
            rates[repo].append(res["n"] / res["cpu"])
            print(f"{repo}: {res['n'] / res['cpu']:,.0f} docs per CPU-s, {res['n'] / res['wall']:,.0f} docs/s wall "
                  f"(load {os.getloadavg()[0]:.1f})", flush=True)
    for repo, values in rates.items():
        print(f"{repo}: median {statistics.median(values):,.0f}, best {max(values):,.0f} docs per CPU-s over {len(values)} runs")


if __name__ == "__main__":
    main()
