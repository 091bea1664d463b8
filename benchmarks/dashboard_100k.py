"""Server-side cost of the dashboard map at 100,000 events (issue 16), with the 10,000-event figures beside it.

    python benchmarks/dashboard_100k.py

Prints a markdown table (map build + HTML, page size, filter change) for 10,000 and 100,000 synthetic
events, measured in one run with ``benchmarks/dashboard_bench.py``'s own server-side measurement.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks import dashboard_bench  # noqa: E402


def main() -> int:
    print(f"load average at the start: {os.getloadavg()[0]:.1f}\n")
    print("| measurement | data | result | target (10k) |\n|---|---|---|---|")
    for n in (10_000, 100_000):
        dashboard_bench.N_EVENTS = n
        rows, _standalone = dashboard_bench._server_side()
        for row in rows:
            print("| " + " | ".join(row) + " |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
