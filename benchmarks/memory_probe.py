"""Parent memory probe (issue 16): RSS before and after render and the deep size of each part of the fold.

Run from a checkout: ``PYTHONPATH=. python benchmarks/memory_probe.py N [JOBS]`` (a synthetic corpus of N articles,
``build_paths`` with the store on, as ``conflictmap build`` does); prints the output files' SHA-256 too.
"""
import gc, os, sys, time, resource, types, tempfile
from pathlib import Path
sys.path.insert(0, os.getcwd())
import numpy as np
from benchmarks.scale_bench import write_jsonl_corpus
import pipeline.scale.fold as F
import pipeline.build as B

def rss():
    return int(open("/proc/self/statm").read().split()[1]) * 4096 / 1e6

def deep(obj, seen):
    size = 0; stack = [obj]
    while stack:
        o = stack.pop()
        if id(o) in seen or isinstance(o, (type, types.ModuleType, types.FunctionType)):
            continue
        seen.add(id(o))
        size += sys.getsizeof(o)
        if isinstance(o, np.ndarray):
            continue
        stack.extend(gc.get_referents(o))
    return size

report = {}
orig_render = F.BuildFold.render
def render(self, previous=None):
    gc.collect()
    report["rss_before_render"] = rss()
    seen = set()
    parts = {}
    for k, v in self.__dict__.items():
        if k in ("merge", "grouping"):
            for k2, v2 in v.__dict__.items():
                parts[f"{k}.{k2}"] = deep(v2, seen)
        else:
            parts[k] = deep(v, seen)
    report["parts"] = parts
    out = orig_render(self, previous)
    gc.collect()
    report["rss_after_render"] = rss()
    s2=set()
    for k in ("rendered","row_of"):
        report["parts"][k+"(after)"] = deep(getattr(self,k,None), s2)
    for k in ("_pickled","home_of","cells","articles_of"):
        report["parts"]["merge."+k+"(after)"] = deep(getattr(self.merge,k), s2)
    report["maxrss_after_render"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
    return out
F.BuildFold.render = render

n = int(sys.argv[1]); jobs = int(sys.argv[2]) if len(sys.argv) > 2 else 2
with tempfile.TemporaryDirectory() as tmp:
    path, out = Path(tmp) / "c.jsonl", Path(tmp) / "out"
    write_jsonl_corpus(path, n)
    from pipeline.geoparse import load_geoparser
    load_geoparser(); gc.collect()
    report["rss_after_load"] = rss()
    t = time.time()
    res = B.build_paths([path], out, jobs=jobs, incremental=True)
    report["seconds"] = time.time() - t
    report["events"] = res.counts
    report["maxrss_end"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
    import hashlib
    from pipeline.build import OUTPUT_FILES
    print("SHA", n, " ".join(f"{f}:{hashlib.sha256((out / f).read_bytes()).hexdigest()[:16]}" for f in OUTPUT_FILES))
print("N", n, {k: v for k, v in report.items() if k != "parts"})
tot = sum(report["parts"].values())
for k, v in sorted(report["parts"].items(), key=lambda kv: -kv[1])[:25]:
    print(f"  {k:30s} {v/1e6:8.2f} MB  {v/n:8.0f} B/article")
print(f"  total fold {tot/1e6:.1f} MB {tot/n:.0f} B/article")
