"""Assemble ``benchmarks/RESULTS.md`` from the sections the benchmarks write.

Run the benchmarks first (each writes its own ``RESULTS_<name>.md``), then::

    python benchmarks/make_results.py

The summary at the top is ``RESULTS_summary.md``, kept by hand from the figures below it.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent
SECTIONS = ("RESULTS_summary.md", "RESULTS_realworld.md", "RESULTS_places.md", "RESULTS_events.md",
            "RESULTS_architecture.md", "RESULTS_output.md", "RESULTS_ingest.md", "RELIABILITY.md", "RESULTS_scale.md",
            "RESULTS_geoparse.md", "RESULTS_build.md", "RESULTS_dashboard.md", "RESULTS_snapshot.md")


def main() -> int:
    parts = ["# Benchmark results\n\nAssembled by `benchmarks/make_results.py`; each section below is written "
             "by the benchmark it names.\n"]
    for name in SECTIONS:
        path = HERE / name
        if path.exists():
            parts.append(path.read_text(encoding="utf-8").strip() + "\n")
        else:
            parts.append(f"## {name}\n\nNot run yet: `{name}` is missing.\n")
    tmp = HERE / "RESULTS.md.tmp"
    tmp.write_text("\n".join(parts), encoding="utf-8")
    tmp.replace(HERE / "RESULTS.md")
    print(f"wrote {HERE / 'RESULTS.md'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
