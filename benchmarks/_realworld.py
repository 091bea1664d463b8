"""Helpers shared by the real-world benchmarks (``realnews_eval.py``, ``cir_eval.py``).

The evaluation sets live outside the repository (``../shared``); these helpers only run
the project's CLI and the sets' own scorers as subprocesses and time them.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pipeline.output.atomic import write_atomic

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = REPO_ROOT.parent / "shared"
EARTH_RADIUS_KM = 6371.0088  # as score_external.py
CITY_KM = 25.0  # a place within 25 km of the gold point counts as right (both scorers)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (lat / lon in degrees)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def cli(*args: str) -> list[str]:
    """The command line that runs this checkout's ``conflictmap.cli`` with ``args``."""
    return [sys.executable, "-m", "conflictmap.cli", *args]


def run_step(name: str, cmd: Sequence[str], timings: dict[str, float], *, echo: bool = False) -> str:
    """Run ``cmd`` from the repository root, record its wall time under ``name``, return stdout.

    Parameters
    ----------
    name
        Key of the step in ``timings`` (seconds).
    cmd
        The command; this checkout is put first on ``PYTHONPATH``.
    timings
        Filled in place.
    echo
        Print the command before running it.

    Raises
    ------
    SystemExit
        When the command fails (its stderr is shown).
    """
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH")) if p)
    if echo:
        print("$", " ".join(str(c) for c in cmd), file=sys.stderr)
    t0 = time.perf_counter()
    proc = subprocess.run(list(cmd), cwd=REPO_ROOT, env=env, capture_output=True, text=True)
    timings[name] = round(time.perf_counter() - t0, 2)
    if proc.returncode != 0:
        msg = f"step {name!r} failed (exit {proc.returncode}): {' '.join(cmd)}\n{proc.stderr.strip()}"
        raise SystemExit(msg)
    return proc.stdout


def write_json(path: Path | str, data: dict[str, Any]) -> None:
    """Write ``data`` as indented JSON (figures only, never evaluation text)."""
    write_atomic(path, json.dumps(data, indent=2, sort_keys=True) + "\n")


def format_timings(timings: dict[str, float]) -> str:
    """One line: ``timing: step 1.23 s, ...``."""
    return "timing: " + ", ".join(f"{k} {v:.1f} s" for k, v in timings.items())
