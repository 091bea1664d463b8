"""A build's parent lets the gazetteer index go once its fork pool's workers have it (issue 16, parent memory)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

# Run in a process of its own: this test session holds a loaded geoparser (the ``geoparser`` fixture), and a pool
# keeps the index of a process that held it before (asserted below too).
_SCRIPT = r"""
import json, sys
from pipeline.geoparse import geoparser_loaded, load_geoparser
from pipeline.scale.work import ForkPoolMapper, geoparse_text

TEXT = "Shelling hit Kharkiv overnight; later a drone struck a depot near Sumy."
held_before = sys.argv[1] == "held"
if held_before:
    parser = load_geoparser()
pool = ForkPoolMapper(2)
try:
    from_workers = list(pool.imap(geoparse_text, [TEXT, TEXT]))
    loaded_after_fork = geoparser_loaded()
    same_parser = held_before and load_geoparser() is parser
finally:
    pool.close()
here = geoparse_text(TEXT)  # loads it again when it was let go
print(json.dumps({"loaded_after_fork": loaded_after_fork, "same_parser": same_parser,
                  "workers_equal_here": from_workers == [here, here], "places": len(here)}))
"""


def _run(mode: str) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", _SCRIPT, mode], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=600, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_pool_lets_go_of_the_index_it_loaded_only_for_its_workers():
    out = _run("not-held")
    assert out["loaded_after_fork"] is False  # the workers have it; the parent does not
    assert out["workers_equal_here"] and out["places"] >= 2  # the workers geoparse; reloaded here, the same places


def test_a_pool_keeps_the_index_of_a_process_that_held_it():
    out = _run("held")
    assert out["loaded_after_fork"] is True and out["same_parser"] is True
    assert out["workers_equal_here"]
