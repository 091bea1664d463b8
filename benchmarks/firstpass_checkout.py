"""First-pass geoparse speed of one checkout, for side-by-side comparisons across commits.

Run once per checkout, alternating, from anywhere::

    CONFLICTMAP_CACHE=/tmp/cache-X python benchmarks/firstpass_checkout.py /path/to/checkout

Loads that checkout's geoparser (its own index and geodata), pins the process to one core and prints
the documents per CPU-second of the first pass over the 788 GeoWebNews + LGL texts of
``../shared/eval/geoparse`` (read in place). Old commits may need their own dependencies on
``PYTHONPATH`` (fbdeb47: ``pyahocorasick``).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

EVAL = Path("/work/shared/eval/geoparse")


def main(root: str) -> int:
    sys.path.insert(0, root)
    os.chdir(root)
    os.sched_setaffinity(0, {0})
    from pipeline.geoparse import load_geoparser

    texts = [json.loads(line)["text"] for name in ("geowebnews", "lgl")
             for line in (EVAL / f"{name}.jsonl").open(encoding="utf-8")]
    parser = load_geoparser()
    start = time.process_time()
    for text in texts:
        parser.parse(text)
    cpu = time.process_time() - start
    print(f"{root}: {len(texts)} texts, first pass {len(texts) / cpu:.0f} docs per CPU-s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
