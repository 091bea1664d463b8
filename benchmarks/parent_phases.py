"""The build parent's time and memory per phase (issue 16: the 200k build's serial part).

    python benchmarks/parent_phases.py TREE CORPUS OUT JOBS [PROFILE_PHASE]

Runs ``build_paths(CORPUS, OUT, jobs=JOBS, incremental=True)`` (what ``conflictmap build`` does) from the
checkout TREE, in this process. The store's pipeline version is fixed, so two checkouts whose per-article code is
the same read one store: copy a filled ``article_store.sqlite`` into OUT and the build folds every article from
scratch with no per-article work left (only the parent's part is measured). Phases: ``read`` (before the first
pass), ``first`` (results arriving: grouping, places, the merge as they come), ``second`` (after the first pass,
before rendering: re-merging articles whose syndication group changed), ``render``, ``write`` (files, the kept
fold). Per phase: wall seconds, the parent's CPU seconds, its peak resident memory in the phase (VmHWM, reset at
the phase's start through ``/proc/self/clear_refs``) and its anonymous and file-backed resident memory at the
phase's end. With PROFILE_PHASE, that phase runs under cProfile (top 35 by cumulative time printed). Unless
NOHELD is set, what the fold holds at the end of the first pass (merged events held whole, views, heap, Python
objects by type) goes to ``OUT.held.txt`` (outside the timed phases).
"""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path


def _status() -> dict[str, int]:
    out = {}
    with open("/proc/self/status") as fh:
        for line in fh:
            key, _, value = line.partition(":")
            if key in ("VmHWM", "VmRSS", "RssAnon", "RssFile"):
                out[key] = int(value.split()[0]) // 1024
    return out


def _reset_peak() -> None:
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")
    except OSError as exc:
        print(f"peak not reset: {exc}", file=sys.stderr)


def _held(fold, path: Path) -> None:
    """What the parent holds at the end of the first pass."""
    import gc
    import pickle
    from collections import Counter

    merge = fold.merge
    whole = [len(pickle.dumps(e, protocol=pickle.HIGHEST_PROTOCOL)) for e in merge._full.values()]
    objects = gc.get_objects()
    kinds = Counter(type(o).__name__ for o in objects)
    with path.open("w") as fh:
        print(_status(), file=fh)
        print(f"merged events {len(merge)}; held whole {len(whole)}: pickles {sum(whole) / 2**20:.1f} MB (largest "
              f"{max(whole, default=0) / 1024:.0f} kB); views held {len(merge._views)}; heap {fold.heap.size >> 20} MB;"
              f" Python objects {len(objects)}", file=fh)
        print(kinds.most_common(15), file=fh)


def main() -> None:
    tree, corpus, out, jobs = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4])
    profile_phase = sys.argv[5] if len(sys.argv) > 5 else None
    sys.path.insert(0, tree)
    os.chdir(tree)
    from pipeline import build
    from pipeline.scale import store
    from pipeline.scale.fold import BuildFold

    store.pipeline_version = lambda: "parent-phases"  # one store for both checkouts
    build.pipeline_version = store.pipeline_version
    rows, marks = [], {}
    profile = cProfile.Profile() if profile_phase else None

    def begin(name: str) -> None:
        _reset_peak()
        marks[name] = (time.perf_counter(), time.process_time())
        if profile and name == profile_phase:
            profile.enable()

    def end(name: str) -> None:
        if profile and name == profile_phase:
            profile.disable()
        wall, cpu = marks[name]
        s = _status()
        rows.append((name, time.perf_counter() - wall, time.process_time() - cpu, s["VmHWM"], s["RssAnon"],
                     s["RssFile"]))

    real_first, real_render = build._first_pass, BuildFold.render

    def first_pass(*args, **kwargs):
        end("read")
        begin("first")
        result = real_first(*args, **kwargs)
        end("first")
        if not os.environ.get("NOHELD"):
            _held(args[5], out.with_name(out.name + ".held.txt"))
        begin("second")
        return result

    def render(self, *args, **kwargs):
        end("second")
        begin("render")
        result = real_render(self, *args, **kwargs)
        end("render")
        begin("write")
        return result

    build._first_pass, BuildFold.render = first_pass, render
    start = time.perf_counter()
    begin("read")
    result = build.build_paths([corpus], out, jobs=jobs, incremental=True)
    end("write")
    print(f"{tree} {corpus.name} jobs {jobs}: {time.perf_counter() - start:.1f} s; {result.summary()[:120]}")
    print("| phase | wall s | parent CPU s | VmHWM MB | RssAnon MB (end) | RssFile MB (end) |")
    for name, wall, cpu, hwm, anon, file in rows:
        print(f"| {name} | {wall:.1f} | {cpu:.1f} | {hwm} | {anon} | {file} |")
    if profile:
        text = io.StringIO()
        pstats.Stats(profile, stream=text).sort_stats("cumulative").print_stats(35)
        print(text.getvalue())


if __name__ == "__main__":
    main()
