"""Where the parent's serial time and memory grow with the corpus (issue 16): per-window CPU, RSS split, cProfile.

Run from a checkout: ``PYTHONPATH=. python benchmarks/parent_profile.py N OUT.json [W1 W2 LEN]``. Builds the first N
articles of ``scale_bench.py``'s corpus as ``conflictmap build`` does (2 jobs, store on) into ``$PROF_OUT`` (default: a
folder removed afterwards). Every 2,048 articles it prints (stderr, JSON) the parent's own CPU time (its workers'
is not in it), RSS, anonymous and file-backed resident bytes; cProfile runs over articles W1..W1+LEN and W2..W2+LEN
(written to ``OUT.json.wW1.prof`` etc. as soon as each window ends; workers are forked with it off).

``PROF_REFOLD=1`` with ``PROF_OUT`` an earlier run's folder deletes its kept fold first: every per-article result then
comes from the store and only the parent's serial fold runs. The store's pipeline version is pinned here, so one
store serves two checkouts whose per-article code is the same (compare the merge or the fold of two trees).
"""
import cProfile
import json
import os
import resource
import shutil
import sys
import time
from pathlib import Path

sys.path.insert(0, os.getcwd())
from benchmarks.scale_bench import write_jsonl_corpus  # noqa: E402
import pipeline.build as B  # noqa: E402
import pipeline.scale.fold as F  # noqa: E402
import pipeline.scale.store as S  # noqa: E402

EVERY = 2048
n, outjson = int(sys.argv[1]), sys.argv[2]
w1, w2, wlen = (int(x) for x in sys.argv[3:6]) if len(sys.argv) > 5 else (0, 0, 0)
corpus = Path(os.environ.get("PROF_CORPUS_DIR", "/tmp")) / f"conflictmap-profile-{n}.jsonl"
if not corpus.exists():
    write_jsonl_corpus(corpus, n)
out = Path(os.environ.get("PROF_OUT") or f"/tmp/conflictmap-profile-out-{os.getpid()}")
S.pipeline_version = lambda: "parent-profile"  # one store for two checkouts with the same per-article code
B.pipeline_version = S.pipeline_version
if os.environ.get("PROF_REFOLD"):
    for name in (S.FOLD_NAME, S.HEAP_NAME):
        (out / name).unlink(missing_ok=True)


def memory() -> dict:
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "RssAnon", "RssFile"):
            fields[key] = int(value.split()[0]) * 1024
    return {"rss": fields.get("VmRSS"), "anon": fields.get("RssAnon"), "file": fields.get("RssFile")}


def point() -> dict:
    return {"cpu": time.process_time(), "wall": time.perf_counter(), **memory()}


state: dict = {"prof": None}
os.register_at_fork(after_in_child=lambda: state["prof"] and state["prof"].disable())


class Progress:
    """The build's progress callback: a row every ``EVERY`` articles, and the profiled windows."""

    def __call__(self, done: int, total: int, name: str) -> None:
        if done % EVERY == 0:
            print(json.dumps({"done": done, **point()}), file=sys.stderr, flush=True)
        for w in (w1, w2):
            if wlen and done == w:
                state["prof"] = cProfile.Profile()
                state["prof"].enable()
            if wlen and done == w + wlen and state["prof"] is not None:
                state["prof"].disable()
                state["prof"].dump_stats(f"{outjson}.w{w}.prof")
                state["prof"] = None

    def close(self) -> None:
        pass


phases = {}
real_render = F.BuildFold.render


def render(self, *args, **kwargs):
    phases["render_start"] = point()
    files = real_render(self, *args, **kwargs)
    phases["render_end"] = point()
    return files


F.BuildFold.render = render
B.ProgressBar = Progress
result = B.build_paths([corpus], out, progress=True, jobs=2, incremental=True)
phases["end"] = point()
json.dump({"n": n, "phases": phases, "maxrss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}, open(outjson, "w"))
if not os.environ.get("PROF_OUT"):
    shutil.rmtree(out, ignore_errors=True)
print(result.summary())
