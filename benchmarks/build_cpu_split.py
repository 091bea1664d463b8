"""Parent and worker CPU of one ``conflictmap build`` (store on), for a checkout TREE (issue 16: the parent-bound build).

Run: ``python benchmarks/build_cpu_split.py TREE CORPUS OUT JOBS [PROFILE]`` (OUT is emptied first). Calls
``build_paths(..., jobs=JOBS, incremental=True)`` of TREE in this process and prints one JSON line: wall seconds, the
parent's CPU seconds (user + sys, ``RUSAGE_SELF``: the index load before the fork included) and per article, the
workers' (``RUSAGE_CHILDREN``: every worker, reaped when the pool closes), the parent's peak RSS and the largest
worker's (taken before the outputs are digested), the load average before and after, and a SHA-256 over every output
file but ``article_store*``. Run two checkouts side by side on the same corpus: CPU seconds compare on a loaded machine, wall seconds do not. PROFILE: a
cProfile of the parent (the workers are forked with it off).
"""
import cProfile
import hashlib
import json
import os
import resource
import shutil
import sys
import time
from pathlib import Path

tree, corpus, out, jobs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
prof = sys.argv[5] if len(sys.argv) > 5 else None
sys.path.insert(0, tree)
os.chdir(tree)
import pipeline.build as B  # noqa: E402

assert B.__file__.startswith(tree), B.__file__
shutil.rmtree(out, ignore_errors=True)
Path(out).mkdir(parents=True)


def cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


profile = cProfile.Profile() if prof else None
if profile:
    os.register_at_fork(after_in_child=profile.disable)
w0, s0, load0 = time.perf_counter(), cpu(resource.RUSAGE_SELF), os.getloadavg()[0]
if profile:
    profile.enable()
result = B.build_paths([Path(corpus)], Path(out), jobs=jobs, incremental=True)
if profile:
    profile.disable()
    profile.dump_stats(prof)
wall, parent, workers = time.perf_counter() - w0, cpu(resource.RUSAGE_SELF) - s0, cpu(resource.RUSAGE_CHILDREN)
# the peaks before the digest: reading an output whole here (places.geojson: 126 MB at 20,000 articles) raised the
# parent's ``ru_maxrss`` by its size (session 20's "561 MB at 20k" was 432 MB of build and ~126 MB of this script)
maxrss, worker_maxrss = (resource.getrusage(who).ru_maxrss // 1024 for who in (resource.RUSAGE_SELF,
                                                                                resource.RUSAGE_CHILDREN))
digest = hashlib.sha256()
for name in sorted(os.listdir(out)):
    if not name.startswith("article_store"):
        digest.update(name.encode())
        with open(Path(out, name), "rb") as handle:  # a piece at a time (the same digest as the whole bytes)
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
n = int(result.summary().split()[0])
print(json.dumps({"tree": tree, "jobs": jobs, "n": n, "wall": round(wall, 2), "parent_cpu": round(parent, 2),
                  "workers_cpu": round(workers, 2), "parent_ms_per_article": round(1000 * parent / n, 3),
                  "maxrss_mb": maxrss, "worker_maxrss_mb": worker_maxrss,
                  "load": [load0, os.getloadavg()[0]], "digest": digest.hexdigest()[:16]}), flush=True)
