"""Parent CPU split by part for `process()` on N synthetic articles, for a checkout TREE, jobs J1,J2 (one JSON line per run).

Run: `python benchmarks/parent_cpu_split.py TREE N 2,1`. Main-thread CPU (thread_time) per wrapped fold function; the
rest of the process CPU is its helper threads (receiving results); workers from getrusage(CHILDREN); SHA-256 of every file.
``workers_first`` / ``workers_after``: the live workers' CPU (psutil) during and after the first pass (render tasks);
``estimate_2core``: a quiet 2-core wall time, (parent + workers CPU of the first pass) / 2 + parent CPU after it +
workers CPU after it / 2.
"""
import sys, tempfile, time, resource, os, hashlib, json
import psutil
from pathlib import Path
from collections import defaultdict
tree = sys.argv[1]; n = int(sys.argv[2]); jobs_list = [int(j) for j in sys.argv[3].split(",")]
sys.path.insert(0, tree)
os.chdir(tree)
from benchmarks.scale_bench import write_jsonl_corpus
from pipeline.scale.corpus import Inputs
from pipeline.geoparse import load_geoparser
from pipeline import build
from pipeline.scale import fold as foldmod, spool as spoolmod
from pipeline.scale.run import runner
acc = defaultdict(float)
def wrap(owner, name, label):
    real = getattr(owner, name)
    def w(*a, **k):
        t = time.thread_time()
        try:
            return real(*a, **k)
        finally:
            acc[label] += time.thread_time() - t
    setattr(owner, name, w)
wrap(foldmod.BuildFold, "group", "group")
wrap(foldmod.BuildFold, "add_places", "add_places")
wrap(foldmod.BuildFold, "add", "add")
wrap(foldmod.BuildFold, "render", "render")
wrap(spoolmod.ObjectSpool, "append", "spool.append")
wrap(foldmod.BuildFold, "_render_touched", "r.touched")
wrap(foldmod.BuildFold, "_events_layer", "r.events_layer")
wrap(foldmod.BuildFold, "_seal_places", "seal_places")
wrap(foldmod, "join_geoparquet_files", "join")
wrap(foldmod, "oblast_layer", "oblast")
wrap(foldmod.CrossArticleMerge, "add", "merge.add")
wrap(foldmod.CrossArticleMerge, "compact", "merge.compact")
wrap(foldmod, "json_line", "json_line")
real_first = build._first_pass
marks = {}
def live_workers_cpu():
    return sum(sum(c.cpu_times()[:2]) for c in psutil.Process().children(recursive=True))
def first_pass(*a, **k):
    marks["t0"] = time.thread_time()
    r = real_first(*a, **k)
    marks["first_thread"] = time.thread_time() - marks["t0"]
    marks["first_proc"] = time.process_time() - marks["p0"]
    marks["wall_first"] = time.perf_counter() - marks["w0"]
    marks["workers_first"] = live_workers_cpu()
    return r
build._first_pass = first_pass
with tempfile.TemporaryDirectory() as tmp:
    p = Path(tmp) / "c.jsonl"; write_jsonl_corpus(p, n); arts = list(Inputs([p]))
load_geoparser()
marks["p0"] = time.process_time(); marks["w0"] = time.perf_counter()
build.process(arts[:200])
import pipeline; assert pipeline.__file__.startswith(tree), pipeline.__file__
def cpu(who):
    u = resource.getrusage(who); return u.ru_utime + u.ru_stime
for jobs in jobs_list:
    acc.clear()
    with runner(jobs=jobs) as run:
        c0 = cpu(resource.RUSAGE_CHILDREN)
        marks["p0"] = time.process_time(); marks["w0"] = time.perf_counter(); th0 = time.thread_time()
        res = build.process(arts, runner=run)
        proc = time.process_time() - marks["p0"]; wall = time.perf_counter() - marks["w0"]; th = time.thread_time() - th0
        workers_after = live_workers_cpu() - marks["workers_first"]
    workers = cpu(resource.RUSAGE_CHILDREN) - c0
    sha = {}
    for name, data in res.files.items():
        b = data.read_bytes() if isinstance(data, Path) else (data.encode() if isinstance(data, str) else data)
        sha[name] = hashlib.sha256(b).hexdigest()[:16]
    out = {"tree": tree, "jobs": jobs, "n": n, "wall": round(wall, 2), "wall_first": round(marks["wall_first"], 2),
           "parent_proc": round(proc, 2), "parent_main_thread": round(th, 2), "first_main_thread": round(marks["first_thread"], 2),
           "first_proc": round(marks["first_proc"], 2), "workers": round(workers, 2),
           "workers_first": round(workers - workers_after, 2), "workers_after": round(workers_after, 2),
           "estimate_2core": round((marks["first_proc"] + workers - workers_after) / 2 + proc - marks["first_proc"]
                                   + workers_after / 2, 2) if jobs > 1 else round(proc, 2),
           **{k: round(v, 2) for k, v in acc.items()}, "load": os.getloadavg()[0], "sha": sha}
    print(json.dumps(out), flush=True)
