"""Where a build's parent process peaks in memory, by phase (issue 16: the parent's peak RSS at 20,000 articles).

Run: ``python benchmarks/parent_peak.py TREE CORPUS OUT JOBS`` (OUT is emptied first). Calls ``build_paths(...,
jobs=JOBS, incremental=True)`` of checkout TREE in this process, as ``conflictmap build`` does (nothing loaded
before it: the index is loaded by the build itself), while a thread reads this process's ``VmRSS`` / ``RssAnon`` /
``RssFile`` (``/proc/self/status``) every ``EVERY`` seconds with the main thread's stack. Prints one JSON line: the
whole process's high-water mark (``VmHWM``, what ``ru_maxrss`` gives), the highest RSS sampled per phase (the
outermost pipeline frame below ``build_paths``'s own, and the one below ``render`` / ``_first_pass``), the RSS when
each phase was first seen, the parent's CPU seconds, the load average and a SHA-256 over every output file but
``article_store*``. Memory compares on a loaded machine; the sampled peak can miss a spike shorter than ``EVERY``
(``VmHWM`` does not).
"""
import hashlib
import json
import os
import resource
import shutil
import sys
import threading
import time
from pathlib import Path

EVERY = 0.05  # seconds between samples
DEPTH = int(os.environ.get("PEAK_DEPTH", "3"))  # pipeline frames naming a phase

tree, corpus, out, jobs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
sys.path.insert(0, tree)
os.chdir(tree)
import pipeline.build as B  # noqa: E402

assert B.__file__.startswith(tree), B.__file__
shutil.rmtree(out, ignore_errors=True)
Path(out).mkdir(parents=True)


def status() -> dict[str, int]:
    """This process's resident memory (MB) from /proc/self/status."""
    fields = {}
    with open("/proc/self/status") as handle:
        for line in handle:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM", "RssAnon", "RssFile"):
                fields[name] = int(value.split()[0]) // 1024
    return fields


def phase(main: int) -> str:
    """The main thread's pipeline frames, outermost first, as 'file:function' joined by ' > ' (``DEPTH`` of them,
    below the build's own entry frames)."""
    frame = sys._current_frames().get(main)
    names = []
    while frame is not None:
        path = frame.f_code.co_filename
        if "/pipeline/" in path:
            names.append(f"{path.split('/pipeline/')[1]}:{frame.f_code.co_name}")
        frame = frame.f_back
    names.reverse()  # outermost first
    skip = ("build.py:build_paths", "build.py:process", "build.py:_process_inputs", "build.py:_fold_items")
    keep = [n for n in names if not n.startswith(skip)]
    return " > ".join(keep[:DEPTH]) or "-"


peaks: dict[str, list] = {}  # phase -> [highest VmRSS, its RssAnon, its RssFile, first VmRSS seen, samples]
stop = threading.Event()


def sample(main: int) -> None:
    while not stop.is_set():
        s, where = status(), phase(main)
        entry = peaks.setdefault(where, [0, 0, 0, s["VmRSS"], 0])
        entry[4] += 1
        if s["VmRSS"] > entry[0]:
            entry[:3] = [s["VmRSS"], s["RssAnon"], s["RssFile"]]
        time.sleep(EVERY)


sampler = threading.Thread(target=sample, args=(threading.main_thread().ident,), daemon=True)
cpu0, load0, wall0 = time.process_time(), os.getloadavg()[0], time.perf_counter()
sampler.start()
result = B.build_paths([Path(corpus)], Path(out), jobs=jobs, incremental=True)
stop.set()
sampler.join()
hwm, maxrss = status()["VmHWM"], resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024  # before the digest
digest = hashlib.sha256()
for name in sorted(os.listdir(out)):
    if not name.startswith("article_store"):
        digest.update(name.encode())
        with open(Path(out, name), "rb") as handle:  # a piece at a time: the outputs are never in this process whole
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
top = sorted(peaks.items(), key=lambda kv: -kv[1][0])
print(json.dumps({"tree": tree, "jobs": jobs, "summary": result.summary(), "wall": round(time.perf_counter() - wall0, 1),
                  "parent_cpu": round(time.process_time() - cpu0, 2), "vmhwm_mb": hwm, "maxrss_mb": maxrss,
                  "load": [load0, os.getloadavg()[0]], "digest": digest.hexdigest()[:16]}), flush=True)
for where, (rss, anon, file, first, n) in top[:25]:
    print(f"  {rss:5d} MB (anon {anon:4d} file {file:4d}; first {first:5d}; {n:6d} samples)  {where}")
