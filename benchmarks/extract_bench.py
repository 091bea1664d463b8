"""Benchmark main-text extraction of news pages (``pipeline.ingest.extract``) on one core.

Run from the repository root: ``.venv/bin/python benchmarks/extract_bench.py [--pages N]``.
Writes ``benchmarks/RESULTS_ingest.md``.

The pages are generated here (fixed random seed), shaped like real news pages: a cookie
banner, a navigation menu of about 30 links, an article of 6-14 paragraphs (40-125 words
each) with a headline, byline, a publication date in ``article:published_time`` and
JSON-LD, a related-links box, a newsletter box, a "most read" list and a footer, plus
inline scripts and styles: about 20 kB of HTML each, a wire story page without images.
Measured: ``extract_html`` over all pages (no network, no file I/O),
pinned to one CPU core, median of 3 runs after one warm-up run, as CPU time of the
process (what one core delivers, robust to other load on the machine) and as wall time;
also the syndication grouping of the extracted texts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline.ingest.extract import extract_html  # noqa: E402
from pipeline.ingest.syndication import syndication_groups  # noqa: E402

SEED = 20230114
RESULTS = ROOT / "benchmarks" / "RESULTS_ingest.md"
TOWNS = ["Kharkiv", "Kupiansk", "Izium", "Bakhmut", "Nikopol", "Kherson", "Zaporizhzhia", "Sumy", "Dnipro",
         "Kramatorsk", "Sloviansk", "Avdiivka", "Vuhledar", "Lyman", "Chernihiv", "Mykolaiv", "Odesa"]
WORDS = ("the officials said forces regional governor statement overnight shelling district residents damaged "
         "buildings according to emergency services fire power grid was restored attack drone missile air "
         "defence intercepted people injured killed evacuated village front line troops advanced positions "
         "reported on Friday Saturday morning late evening local authorities military administration").split()


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(12, 24))]
    words.insert(rng.randint(0, len(words)), rng.choice(TOWNS))
    return " ".join(words).capitalize() + "."


def make_page(rng: random.Random, number: int) -> str:
    """One generated news page."""
    town = rng.choice(TOWNS)
    title = f"Shelling hits {town} as fighting continues ({number})"
    day = dt.date(2022, 3, 1) + dt.timedelta(days=rng.randint(0, 600))
    paragraphs = "".join(f"<p>{' '.join(_sentence(rng) for _ in range(rng.randint(3, 5)))}</p>"
                         for _ in range(rng.randint(6, 14)))
    nav = "".join(f'<li><a href="/tag/{t.lower()}">{t}</a></li>' for t in TOWNS + ["World", "Europe", "Opinion",
                                                                                   "Sport", "Video", "Podcasts"])
    nav += "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(8))
    related = "".join(f'<li><a href="/news/{i}">{_sentence(rng)[:70]}</a></li>' for i in range(5))
    most_read = "".join(f'<li><a href="/top/{i}">{_sentence(rng)[:60]}</a></li>' for i in range(8))
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
                     "datePublished": f"{day.isoformat()}T09:00:00Z"})
    script = "window.ads = {" + ",".join(f'"slot{i}": "{rng.random()}"' for i in range(150)) + "};"
    style = " ".join(f".c{i} {{ margin: {i}px; color: #{i:03x}; }}" for i in range(120))
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title} | Example Herald</title>
<meta property="og:site_name" content="Example Herald"><meta property="og:title" content="{title}">
<meta property="article:published_time" content="{day.isoformat()}T09:00:00Z">
<script type="application/ld+json">{ld}</script><script>{script}</script><style>{style}</style></head><body>
<div class="cookie-consent"><p>We use cookies to improve your experience. By continuing you accept them.</p>
<button>Accept all cookies</button></div><header><nav class="menu"><ul>{nav}</ul></nav></header>
<main><article><h1>{title}</h1><div class="byline">By Staff Reporter</div><div class="article-body">{paragraphs}</div>
</article><aside class="related-links"><h3>Related coverage</h3><ul>{related}</ul></aside>
<div class="newsletter-signup"><h3>Sign up for our newsletter</h3><form><input type="email"></form></div>
<aside class="most-read"><h3>Most read</h3><ol>{most_read}</ol></aside></main>
<footer class="site-footer"><p>© 2023 Example Herald. All rights reserved.</p></footer></body></html>"""


def main() -> int:
    """Generate pages, time extraction, write the results file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=500)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    rng = random.Random(SEED)
    pages = [make_page(rng, i) for i in range(args.pages)]
    size = sum(len(p.encode("utf-8")) for p in pages)
    extracted = [extract_html(p, url=f"https://example.org/news/{i}") for i, p in enumerate(pages[:50])]  # warm-up
    times, walls = [], []
    for _ in range(3):
        started, wall = time.process_time(), time.perf_counter()
        extracted = [extract_html(p, url=f"https://example.org/news/{i}") for i, p in enumerate(pages)]
        times.append(time.process_time() - started)
        walls.append(time.perf_counter() - wall)
    median = statistics.median(times)
    wall_median = statistics.median(walls)
    dated = sum(1 for e in extracted if e.date)
    boiler = sum(1 for e in extracted for bad in ("Related coverage", "Sign up", "cookies", "Most read",
                                                  "All rights reserved") if bad in e.text)
    started = time.process_time()
    syndication_groups([(str(i), e.text) for i, e in enumerate(extracted)])
    grouping = time.process_time() - started
    command = f".venv/bin/python benchmarks/extract_bench.py --pages {args.pages}"
    lines = [
        "## Ingest benchmark: main-text extraction",
        "",
        f"Produced by `{command}` on {dt.date.today().isoformat()}; Python {platform.python_version()}, "
        f"{platform.machine()}, pinned to one CPU core (`sched_setaffinity`; {os.cpu_count()} cores on the machine).",
        "",
        f"Pages: {args.pages} generated news pages (seed {SEED}; {size / 1e6:.1f} MB, "
        f"mean {size / args.pages / 1e3:.0f} kB):"
        " cookie banner, navigation, article of 6-14 paragraphs, related links, newsletter box, most-read list, "
        "footer, inline script and style; the date in `article:published_time` and JSON-LD.",
        "",
        "| measure | value |",
        "|---|---|",
        f"| `extract_html` on {args.pages} pages, CPU time (median of 3: {', '.join(f'{t:.2f}' for t in times)} s) "
        f"| {median:.2f} s |",
        f"| **throughput, one core (CPU time)** | **{args.pages / median:.0f} pages/s** |",
        f"| wall time (median of 3: {', '.join(f'{t:.2f}' for t in walls)} s; the machine was shared) "
        f"| {wall_median:.2f} s = {args.pages / wall_median:.0f} pages/s |",
        f"| pages with their date found | {dated} / {args.pages} |",
        f"| boilerplate lines left in the texts | {boiler} |",
        f"| `syndication_groups` on the {args.pages} texts, CPU time | {grouping:.2f} s |",
        "",
        "Fetching is bounded by politeness, not by extraction: one request per second per host.",
        "",
    ]
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
