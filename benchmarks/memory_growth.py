"""What the parent holds per article when the merged events are rendered (issue 16, bounded parent memory).

Run from a checkout: ``PYTHONPATH=. python benchmarks/memory_growth.py N1 N2 [JOBS]``. Builds ``process()`` on
N1 and then N2 synthetic articles (``benchmarks/scale_bench.py``'s corpus), with ``tracemalloc`` on after the index
is loaded; at the start of ``BuildFold.render`` (the fold complete, the second pass over) it snapshots what is
allocated, and prints, per source line, the bytes per article that the larger build holds more than the smaller
one: what grows with the corpus; and the peak of what is allocated over the whole build (the snapshot's own
objects left out). ``JOBS`` (default 2): worker processes (their own memory is not traced).
Arrays mapped from files (the syndication grouping's band buckets, where they are kept in files) are not
allocations, so ``tracemalloc`` does not see them: their size at render is printed on a line of its own.
"""
import gc
import mmap
import os
import sys
import tempfile
import tracemalloc
from pathlib import Path

sys.path.insert(0, os.getcwd())
from benchmarks.scale_bench import write_jsonl_corpus  # noqa: E402
import pipeline.scale.fold as F  # noqa: E402
from pipeline.build import process  # noqa: E402
from pipeline.geoparse import load_geoparser  # noqa: E402
from pipeline.scale.corpus import Inputs  # noqa: E402
from pipeline.scale.run import runner  # noqa: E402

snapshots = {}
real_render = F.BuildFold.render


def _mapped_bytes(fold) -> int:
    """Bytes of the grouping's bucket levels that are mapped files (0 where they are held in memory)."""
    buckets = fold.grouping.buckets
    levels = [getattr(buckets, "large", None), getattr(buckets, "small", None)]
    return sum(part.nbytes for level in levels if level for part in level
               if isinstance(getattr(part.base, "obj", part.base), mmap.mmap))


def render(self, *args, **kwargs):
    gc.collect()
    snapshots["mapped"] = _mapped_bytes(self)
    before, snapshots["peak"] = tracemalloc.get_traced_memory()  # the peak so far, before the snapshot's objects
    snapshots["at"] = tracemalloc.take_snapshot().filter_traces([tracemalloc.Filter(False, tracemalloc.__file__)])
    snapshots["overhead"] = tracemalloc.get_traced_memory()[0] - before  # the snapshot, held during the render
    tracemalloc.reset_peak()
    return real_render(self, *args, **kwargs)


F.BuildFold.render = render


def held(n: int, jobs: int):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "c.jsonl"
        write_jsonl_corpus(path, n)
        with runner(jobs=jobs) as run:
            list(run.mapper.imap(abs, range(64), per_task=1))  # the workers forked before tracing starts
            tracemalloc.start(1)
            process(Inputs([path]).articles([]), runner=run)
            render_peak = tracemalloc.get_traced_memory()[1] - snapshots.pop("overhead")
            peak = max(snapshots.pop("peak"), render_peak)
            tracemalloc.stop()
    return snapshots.pop("at"), snapshots.pop("mapped"), peak


n1, n2 = int(sys.argv[1]), int(sys.argv[2])
jobs = int(sys.argv[3]) if len(sys.argv) > 3 else 2
load_geoparser()
(small, mapped_small, peak_small), (large, mapped_large, peak_large) = held(n1, jobs), held(n2, jobs)
total_small = sum(s.size for s in small.statistics("filename"))
total_large = sum(s.size for s in large.statistics("filename"))
print(f"traced at render: {n1} articles {total_small / 1e6:.1f} MB, {n2} articles {total_large / 1e6:.1f} MB: "
      f"{(total_large - total_small) / (n2 - n1):.0f} B per article more")
print(f"mapped from files at render (not traced): {mapped_small / 1e6:.1f} MB, {mapped_large / 1e6:.1f} MB: "
      f"{(mapped_large - mapped_small) / (n2 - n1):.0f} B per article more")
print(f"traced peak during the build (the first pass or the render): {peak_small / 1e6:.1f} MB, "
      f"{peak_large / 1e6:.1f} MB: {(peak_large - peak_small) / (n2 - n1):.0f} B per article more")
for stat in large.compare_to(small, "lineno")[:25]:
    frame = stat.traceback[0]
    name = frame.filename.split("/pipeline/")[-1] if "/pipeline/" in frame.filename else frame.filename.split("/")[-1]
    print(f"  {stat.size_diff / (n2 - n1):8.0f} B/article  {name}:{frame.lineno}")
