"""Wall time the fork pool's workers had no task waiting during ``process()``'s first pass (issue 16, 1 -> 2 jobs).

Run: ``python benchmarks/pool_idle.py TREE N`` (a checkout TREE; N synthetic articles of ``scale_bench.py``; 2 jobs,
then 1). ``starved_s``: wall seconds in the first pass with fewer tasks submitted and not done than workers (a worker
had nothing to do: the pool starting, a pause between store windows, the last tasks); ``starve_events``: how often
that began. Plus the parent's and the workers' CPU. One JSON line per run. Wall figures stretch with the load;
the events do not.
"""
import sys, os, time, resource, json, tempfile, threading
from pathlib import Path
tree = sys.argv[1]; n = int(sys.argv[2])
sys.path.insert(0, tree); os.chdir(tree)
from benchmarks.scale_bench import write_jsonl_corpus
from pipeline.scale.corpus import Inputs
from pipeline.geoparse import load_geoparser
from pipeline import build
from pipeline.scale.run import runner
import concurrent.futures.process as cfp
lock = threading.Lock()
st = {"pending": 0, "since": None, "starved": 0.0, "events": 0, "on": False}
WORKERS = 2
def change(delta):
    with lock:
        now = time.perf_counter()
        was = st["pending"]
        if st["on"] and was < WORKERS and st["since"] is not None:
            st["starved"] += now - st["since"]
        st["pending"] = was + delta
        if st["pending"] < WORKERS:
            if was >= WORKERS and st["on"]:
                st["events"] += 1
            st["since"] = now
        else:
            st["since"] = None
real_submit = cfp.ProcessPoolExecutor.submit
def submit(self, *a, **k):
    change(+1)
    f = real_submit(self, *a, **k)
    f.add_done_callback(lambda _f: change(-1))
    return f
cfp.ProcessPoolExecutor.submit = submit
real_first = build._first_pass
marks = {}
def first_pass(*a, **k):
    st["on"] = True; change(0)
    try:
        return real_first(*a, **k)
    finally:
        change(0); st["on"] = False
        marks["first_wall"] = time.perf_counter() - marks["w0"]; marks["first_cpu"] = time.process_time() - marks["p0"]
build._first_pass = first_pass
with tempfile.TemporaryDirectory() as tmp:
    p = Path(tmp) / "c.jsonl"; write_jsonl_corpus(p, n); arts = list(Inputs([p]))
marks["w0"] = time.perf_counter(); marks["p0"] = time.process_time()
load_geoparser(); build.process(arts[:200])
def cpu(who):
    u = resource.getrusage(who); return u.ru_utime + u.ru_stime
for jobs in (2, 1):
    st.update(pending=0, since=None, starved=0.0, events=0)
    with runner(jobs=jobs) as run:
        c0 = cpu(resource.RUSAGE_CHILDREN); marks["p0"] = time.process_time(); marks["w0"] = time.perf_counter()
        res = build.process(arts, runner=run)
        proc = time.process_time() - marks["p0"]; wall = time.perf_counter() - marks["w0"]
    workers = cpu(resource.RUSAGE_CHILDREN) - c0
    print(json.dumps({"tree": tree, "jobs": jobs, "n": n, "wall": round(wall, 2), "first_wall": round(marks["first_wall"], 2),
                      "starved_s": round(st["starved"], 2), "starve_events": st["events"],
                      "parent_cpu": round(proc, 2), "parent_first_cpu": round(marks["first_cpu"], 2), "workers_cpu": round(workers, 2),
                      "load": round(os.getloadavg()[0], 1)}), flush=True)
