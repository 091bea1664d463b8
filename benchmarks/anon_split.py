"""Where the parent's anonymous memory goes during a build (issue 16, bounded parent memory).

Run from a checkout: ``PYTHONPATH=. python benchmarks/anon_split.py N OUTDIR`` (``TRIM=1``: also call
``malloc_trim`` at each row and print the resident memory after it). ``build_paths`` of the first N articles of
``scale_bench.py``'s corpus (2 jobs, store on, as ``conflictmap build``); every 2,048 articles one JSON line: RssAnon
and RssFile (``/proc/self/status``), glibc's heap in use and free (``mallinfo2``) and its mapped chunks, pymalloc's
arenas (1 MiB each) and the bytes in its allocated blocks (``sys._debugmallocstats``). Linux and glibc only.
"""
import ctypes, json, os, re, sys, tempfile, time
from pathlib import Path
sys.path.insert(0, os.getcwd())
from benchmarks.scale_bench import write_jsonl_corpus
import pipeline.build as B
n, out = int(sys.argv[1]), Path(sys.argv[2])
corpus = Path(tempfile.gettempdir()) / f"conflictmap-anon-{n}.jsonl"
if not corpus.exists():
    write_jsonl_corpus(corpus, n)
class MI2(ctypes.Structure):
    _fields_ = [(f, ctypes.c_size_t) for f in ("arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")]
libc = ctypes.CDLL("libc.so.6"); libc.mallinfo2.restype = MI2
def pymalloc():
    r, w = os.pipe()
    saved = os.dup(2); os.dup2(w, 2)
    try:
        sys._debugmallocstats()
    finally:
        os.dup2(saved, 2); os.close(saved); os.close(w)
    text = b""
    while chunk := os.read(r, 65536):
        text += chunk
    os.close(r)
    t = text.decode()
    arenas = int(re.search(r"# arenas allocated current\s*=\s*([\d,]+)", t).group(1).replace(",", ""))
    used = int(re.search(r"# bytes in allocated blocks\s*=\s*([\d,]+)", t).group(1).replace(",", ""))
    return arenas, used
def point(done):
    st = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        k, _, v = line.partition(":")
        if k in ("RssAnon", "RssFile"):
            st[k] = int(v.split()[0]) * 1024
    mi = libc.mallinfo2()
    arenas, used = pymalloc()
    return {"done": done, "anon": st["RssAnon"], "file": st["RssFile"], "glibc_inuse": mi.uordblks, "glibc_free": mi.fordblks,
            "glibc_mmap": mi.hblkhd, "pymalloc_arenas": arenas, "pymalloc_used": used, "cpu": round(time.process_time(), 1)}
class Progress:
    def __call__(self, done, total, name):
        if done % 2048 == 0:
            row = point(done)
            if os.environ.get("TRIM"):
                t = time.perf_counter(); libc.malloc_trim(0); row["trim_ms"] = round((time.perf_counter() - t) * 1000, 1)
                row["anon_after_trim"] = point(done)["anon"]
            print(json.dumps(row), flush=True)
    def close(self):
        pass
B.ProgressBar = Progress
res = B.build_paths([corpus], out, progress=True, jobs=2, incremental=True)
print(json.dumps(point(-1)), flush=True)
