"""Benchmark the build on 1,000 synthetic articles (target: ``process`` <= 5 s on one core).

Run from the repository root: ``.venv/bin/python benchmarks/build_bench.py``.
Writes ``benchmarks/RESULTS_build.md``.

The corpus is generated here (fixed random seed): news-like articles of five to nine
paragraphs mixing strikes with casualty figures, shelling, recaptures, withdrawals,
encirclements, annexation claims and mass graves at Ukrainian towns drawn from the bundled
gazetteer (``country_code == "UA"``, population > 20,000), with date headers, datelines
with and without a year, sidecar ``.meta.json`` dates and undated articles, plus filler
paragraphs. It is written to a temporary folder and read back with ``load_articles``.

Measured:
(a) index load: a fresh interpreter imports the pipeline and loads the geoparser (median of 3);
(b) ``pipeline.build.process`` on the 1,000 articles already in memory (file reading
    excluded), index warm, pinned to one CPU core; median of 3 runs, with the split between
    geoparsing, event extraction and merging/feature building from one profiled run.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

import datetime as dt  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import random  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import geodata  # noqa: E402
from pipeline.build import load_articles, process  # noqa: E402
from pipeline.geoparse import load_geoparser  # noqa: E402

N_ARTICLES = 1_000
TARGET_SECONDS = 5.0
RUNS = 3
SEED = 20221004
RESULTS = ROOT / "benchmarks" / "RESULTS_build.md"

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
EVENT_TEMPLATES = (
    "A Russian missile struck a residential building in {town} on {weekday}, killing at least {killed} people "
    "and wounding {injured}, regional officials said.",
    "Shelling hit the centre of {town} in the {oblast} region overnight. Officials said {killed} people had been "
    "killed and {injured} wounded.",
    "Rockets hit an industrial site on the outskirts of {town}, the regional governor said, adding that {injured} "
    "people were injured.",
    "Ukrainian forces recaptured {town} at the weekend, the general staff said in its morning update.",
    "Russian troops withdrew from positions around {town} on {weekday} after weeks of heavy fighting.",
    "Ukrainian troops have nearly encircled {town}, cutting the main supply road, a military analyst said.",
    "Russian artillery shelled {town} again on {weekday}, damaging a school and a hospital.",
    "Investigators began exhuming bodies near {town} after finding more than {killed} graves in a forest.",
    "Russia said it would annex the {oblast} region, a move Kyiv and its allies rejected as illegal.",
    "Occupation officials held a referendum in the {oblast} region last week on joining Russia.",
    "Drones attacked the power station in {town} on {weekday}, leaving thousands without electricity.",
)
FILLER = (
    "Officials gave no further details, and the claims could not be independently verified.",
    "The mayor urged residents to stay in shelters until the all-clear was sounded.",
    "Aid groups said they were sending food, water and medical supplies to the area.",
    "Power was restored to most homes by the evening, the energy company said.",
    "Analysts said the coming weeks would show whether the front line could hold through the winter.",
    "The foreign ministry summoned the ambassador and demanded an explanation.",
    "More than 1,000 people attended a memorial service in the cathedral in 2015.",
    "The government said it would publish a full report on the damage next month.",
    "Prices for bread and fuel have risen sharply since the spring, shopkeepers said.",
    "Teachers moved lessons online for the rest of the term because the school basement was too small.",
    "The council met in emergency session and agreed to repair the water mains before the first frosts.",
    "Volunteers cleared glass from the streets and boarded up shop windows with plywood.",
    "The defence ministry said it had no information about the losses and declined to comment further.",
    "Residents queued for hours at the railway station hoping to board evacuation trains to the west.",
    "Engineers warned that the bridge would need months of work before heavy lorries could cross it again.",
    "The president thanked the rescue teams in his nightly video address and promised more air defence.",
)


def _places() -> tuple[list[str], list[str]]:
    """Towns (UA, population > 20,000) and oblast names from the bundled gazetteer."""
    table = geodata.load_gazetteer_table()
    ua = table[(table["country_code"] == "UA")]
    towns = ua[(ua["feature_kind"] == "city") & (ua["population"] > 20_000)]
    oblasts = ua[ua["feature_kind"] == "admin1"]
    names = sorted(set(towns["name"]))
    return names, sorted(set(n.removesuffix(" Oblast") for n in oblasts["name"] if not n.endswith(" City") and n != "Sevastopol"))


def _article(rng: random.Random, towns: list[str], oblasts: list[str]) -> tuple[str, dict | None]:
    day = dt.date(2022, 2, 24) + dt.timedelta(days=rng.randrange(700))
    paragraphs = []
    for _ in range(rng.randint(2, 4)):
        template = rng.choice(EVENT_TEMPLATES)
        paragraphs.append(template.format(town=rng.choice(towns), oblast=rng.choice(oblasts),
                                          weekday=rng.choice(WEEKDAYS), killed=rng.randint(1, 60),
                                          injured=rng.randint(1, 120)))
        paragraphs.append(" ".join(rng.sample(FILLER, rng.randint(3, 6))))
    headline = f"Fighting around {rng.choice(towns)} as {rng.choice(oblasts)} region braces for winter"
    dating = rng.random()
    meta = None
    if dating < 0.6:
        head = [f"date {day.isoformat()}", headline]
    elif dating < 0.75:
        head = [headline, f"KYIV ({MONTHS[day.month - 1]} {day.day}, {day.year}) -"]
    elif dating < 0.85:
        head, meta = [headline], {"date": day.isoformat(), "outlet": "Synthetic Wire"}
    elif dating < 0.95:
        head = [headline, f"({MONTHS[day.month - 1]} {day.day})"]  # no year: undated
    else:
        head = [headline]
    return "\n\n".join(head + paragraphs) + "\n", meta


def write_corpus(folder: Path, n: int = N_ARTICLES, seed: int = SEED) -> int:
    """Write ``n`` synthetic articles (and some sidecars) to ``folder``; return total bytes."""
    rng = random.Random(seed)
    towns, oblasts = _places()
    total = 0
    for i in range(n):
        text, meta = _article(rng, towns, oblasts)
        path = folder / f"{i:04d}_synthetic.txt"
        path.write_text(text, encoding="utf-8")
        total += len(text.encode("utf-8"))
        if meta:
            (folder / f"{path.name}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return total


def index_load_seconds() -> list[float]:
    """Import + geoparser load in fresh interpreters."""
    code = ("import time; t = time.perf_counter(); from pipeline.geoparse import load_geoparser; "
            "p = load_geoparser(); p.parse('Shelling hit Kharkiv.'); print(time.perf_counter() - t)")
    times = []
    for _ in range(RUNS):
        run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
        times.append(float(run.stdout.strip().splitlines()[-1]))
    return times


def _split(articles) -> dict[str, float]:
    """Seconds spent geoparsing, extracting and merging/building features in one ``process`` run."""
    spent = Counter()

    def timed(name, fn):
        def wrapper(*args, **kwargs):
            t = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                spent[name] += time.perf_counter() - t
        return wrapper

    from pipeline.events.merge import CrossArticleMerge
    from pipeline.scale import work  # the per-article work (serial runner by default)

    parser = load_geoparser()
    originals = (work.extract_events, CrossArticleMerge.add)
    parser.parse_places = timed("geoparse (parse_places)", parser.parse_places)
    work.extract_events = timed("extract_events", work.extract_events)
    CrossArticleMerge.add = timed("merge across articles", CrossArticleMerge.add)
    try:
        t = time.perf_counter()
        process(articles)
        spent["total"] = time.perf_counter() - t
    finally:
        del parser.parse_places
        work.extract_events, CrossArticleMerge.add = originals
    spent["features, oblasts, records"] = spent["total"] - sum(
        v for k, v in spent.items() if k != "total")
    return dict(spent)


def main() -> None:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    load_times = index_load_seconds()
    with tempfile.TemporaryDirectory(prefix="conflictmap-bench-") as tmp:
        folder = Path(tmp)
        corpus_bytes = write_corpus(folder)
        articles, errors = load_articles([folder])
    assert not errors and len(articles) == N_ARTICLES, errors

    parser = load_geoparser()  # warm: index, admin-1 layer, join
    process(articles[:20])
    runs, result = [], None
    for _ in range(RUNS):
        t = time.perf_counter()
        result = process(articles)
        runs.append(time.perf_counter() - t)
    split = _split(articles)
    assert parser is load_geoparser()

    kinds = Counter(f["properties"]["event_type"] for f in result.events["features"])
    dated = sum(f["properties"]["date"] is not None for f in result.events["features"])
    median = statistics.median(runs)
    verdict = "meets" if median <= TARGET_SECONDS else "MISSES"
    lines = [
        "## Build benchmark",
        "",
        f"Produced by `benchmarks/build_bench.py` on {dt.date.today().isoformat()}; "
        f"Python {platform.python_version()}, {platform.machine()}, pinned to one CPU core "
        f"(`sched_setaffinity`; {os.cpu_count()} cores on the machine).",
        "",
        f"Corpus: {N_ARTICLES:,} synthetic articles generated with seed {SEED} "
        f"({corpus_bytes / 1e6:.2f} MB, mean {corpus_bytes / N_ARTICLES / 1e3:.1f} kB): strikes with casualty "
        "figures, shelling, recaptures, withdrawals, encirclements, drone attacks, mass graves and annexation "
        "claims at Ukrainian towns of more than 20,000 people from the bundled gazetteer; date headers, datelines "
        "(with and without a year), sidecar dates and undated articles; filler paragraphs.",
        "",
        "| measure | seconds | target |",
        "|---|---|---|",
        f"| index load, fresh interpreter (median of {RUNS}: "
        f"{', '.join(f'{t:.2f}' for t in load_times)}) | {statistics.median(load_times):.2f} | — |",
        f"| `process()` on {N_ARTICLES:,} articles, index warm, files already read (median of {RUNS}: "
        f"{', '.join(f'{t:.2f}' for t in runs)}) | **{median:.2f}** | ≤ {TARGET_SECONDS:.0f} ({verdict}) |",
        f"| throughput | {N_ARTICLES / median:,.0f} articles/s | — |",
        "",
        "Where the time goes (one instrumented run):",
        "",
        "| step | seconds | share |",
        "|---|---|---|",
    ]
    for name, seconds in split.items():
        if name != "total":
            lines.append(f"| {name} | {seconds:.2f} | {seconds / split['total']:.0%} |")
    lines.append(f"| total | {split['total']:.2f} | 100% |")
    lines += [
        "",
        f"Output: {len(result.places['features']):,} places, {len(result.events['features']):,} events "
        f"({', '.join(f'{kinds.get(k, 0):,} {k}' for k in ('annexation_claim', 'frontline_incident', 'casualty_report'))}), "
        f"{dated:,} dated, {len(result.oblasts['features'])} oblasts.",
        "",
    ]
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
