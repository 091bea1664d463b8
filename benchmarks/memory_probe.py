"""Parent memory probe (issue 16): RSS before and after render, where in render the peak is, the fold's parts.

Run from a checkout: ``PYTHONPATH=. python benchmarks/memory_probe.py N [JOBS]`` (a synthetic corpus of N articles,
``build_paths`` with the store on, as ``conflictmap build`` does); prints the output files' SHA-256 too.

A thread samples the parent's RSS every ``_EVERY`` seconds while ``render`` runs, with the innermost frames of the
main thread in ``pipeline/``: the highest RSS seen per frame says which step of render holds the memory.
"""
import gc, os, sys, time, resource, threading, types, tempfile
from pathlib import Path
sys.path.insert(0, os.getcwd())
import numpy as np
import pyarrow as pa
from benchmarks.scale_bench import write_jsonl_corpus
import pipeline.scale.fold as F
import pipeline.build as B

_EVERY = 0.02  # seconds between RSS samples in render


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


class Sampler:
    """RSS sampled with the main thread's innermost pipeline frame (file:function)."""

    def __init__(self):
        self.main = threading.main_thread().ident
        self.peak_at = {}  # frame label -> highest RSS seen there
        self.peak, self.peak_stack = 0.0, []
        self.steps = []  # [step (the frame render called), RSS at its start, highest RSS, highest arrow bytes]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _stack(self):
        frame = sys._current_frames().get(self.main)
        out = []
        while frame is not None:
            name = frame.f_code.co_filename
            if "/pipeline/" in name:
                out.append(f"{name.split('/pipeline/')[1]}:{frame.f_code.co_name}")
            frame = frame.f_back
        return out

    def _run(self):
        while not self._stop.is_set():
            value, stack = rss(), self._stack()
            label = stack[0] if stack else "-"
            arrow = pa.total_allocated_bytes() / 1e6
            at = [k for k, frame in enumerate(stack) if frame.endswith("fold.py:render")]
            step = stack[at[0] - 1] if at and at[0] > 0 else "render"
            if not self.steps or self.steps[-1][0] != step:
                self.steps.append([step, value, value, arrow])
            last = self.steps[-1]
            last[2], last[3] = max(last[2], value), max(last[3], arrow)
            self.peak_at[label] = max(self.peak_at.get(label, 0.0), value)
            if value > self.peak:
                self.peak, self.peak_stack = value, stack
            time.sleep(_EVERY)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()


report = {}
orig_render = F.BuildFold.render
def render(self, previous=None, **options):
    gc.collect()
    report["rss_before_render"] = rss()
    report["maxrss_before_render"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
    seen = set()
    parts = {}
    for k, v in self.__dict__.items():
        if k in ("merge", "grouping"):
            for k2, v2 in v.__dict__.items():
                parts[f"{k}.{k2}"] = deep(v2, seen)
        else:
            parts[k] = deep(v, seen)
    report["parts"] = parts
    with Sampler() as sampler:
        out = orig_render(self, previous, **options)
    report["sampler"] = sampler
    gc.collect()
    report["rss_after_render"] = rss()
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
    t, cpu = time.time(), time.process_time()
    res = B.build_paths([path], out, jobs=jobs, incremental=True)
    report["seconds"] = round(time.time() - t, 1)
    report["parent_cpu_s"] = round(time.process_time() - cpu, 1)
    report["events"] = res.counts
    report["maxrss_end"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3
    import hashlib
    from pipeline.build import OUTPUT_FILES
    print("SHA", n, " ".join(f"{f}:{hashlib.sha256((out / f).read_bytes()).hexdigest()[:16]}" for f in OUTPUT_FILES))
sampler = report.pop("sampler")
print("N", n, {k: v for k, v in report.items() if k != "parts"})
print("  render peak (sampled) %.0f MB at %s" % (sampler.peak, " < ".join(sampler.peak_stack[:4])))
for label, value in sorted(sampler.peak_at.items(), key=lambda kv: -kv[1])[:8]:
    print(f"    {value:7.0f} MB  {label}")
merged = []  # consecutive steps of one name joined
for step in sampler.steps:
    if merged and merged[-1][0] == step[0]:
        merged[-1][2], merged[-1][3] = max(merged[-1][2], step[2]), max(merged[-1][3], step[3])
    else:
        merged.append(list(step))
print("  render steps: start RSS -> highest RSS (highest arrow MB)")
for name, start, high, arrow in merged[:30]:
    print(f"    {name:45s} {start:7.0f} -> {high:7.0f} MB  (arrow {arrow:6.1f})")
tot = sum(report["parts"].values())
for k, v in sorted(report["parts"].items(), key=lambda kv: -kv[1])[:12]:
    print(f"  {k:30s} {v/1e6:8.2f} MB  {v/n:8.0f} B/article")
print(f"  total fold {tot/1e6:.1f} MB {tot/n:.0f} B/article")
