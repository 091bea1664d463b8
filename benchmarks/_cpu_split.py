"""CPU time of the parent and of the workers for ``process()`` with 1 and 2 jobs (for a loaded machine).

Run: ``python benchmarks/scale_bench.py cpu N`` calls ``cpu_split(N)``. Wall time on a loaded machine says
little about parallel speed; CPU time does: the parent's CPU after the workers finished (the
second pass: merge, rendering) cannot overlap them, the rest can.
"""

from __future__ import annotations

import resource
import time


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def cpu_split(articles: list) -> list[dict]:
    """One row per jobs value: wall, parent CPU (first pass / after it), workers' CPU."""
    from pipeline import build
    from pipeline.scale.run import runner

    rows = []
    for jobs in (1, 2):
        marks: dict[str, float] = {}
        real_first = build._first_pass

        def first_pass(*args, **kwargs):
            result = real_first(*args, **kwargs)
            marks["parent_first"] = _cpu(resource.RUSAGE_SELF)
            marks["wall_first"] = time.perf_counter()
            return result

        build._first_pass = first_pass
        try:
            with runner(jobs=jobs) as run:
                p0, c0, t0 = _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN), time.perf_counter()
                build.process(articles, runner=run)
                p1, t1 = _cpu(resource.RUSAGE_SELF), time.perf_counter()
            c1 = _cpu(resource.RUSAGE_CHILDREN)  # workers are reaped when the pool closes
        finally:
            build._first_pass = real_first
        rows.append({"jobs": jobs, "wall": t1 - t0, "parent_first": marks["parent_first"] - p0,
                     "parent_after": p1 - marks["parent_first"], "wall_after": t1 - marks["wall_first"],
                     "workers": c1 - c0})
    return rows
