"""How far a faster name matcher, or warm caches, could take the geoparse first pass (issue 16's ≥ 1,500 docs/s).

One process, pinned to core 0, over the 788 GeoWebNews + LGL texts of ``/work/shared/eval/geoparse`` (read in
place): the index is loaded, then

- the first pass (every per-run, per-word and per-name cache cold: what ``scale_bench.py geoparse`` times);
- the second pass over the same texts (every such cache warm): the speed the first pass would have if all the
  context-free work were free, i.e. the ceiling of any change that only makes that work cheaper;
- the trie walk alone (``NameIndex.hits``) over the distinct multi-word windows the first pass scanned: the most a
  different matcher could save on a first pass;
- with ``--aho`` (``pyahocorasick`` importable, e.g. ``pip install --target /tmp/x pyahocorasick`` and
  ``PYTHONPATH=/tmp/x``): the same windows through an Aho-Corasick automaton over every pattern of the index
  (" key ", as ``hits`` reads them), its build time and the resident memory it adds, and whether its hits equal the
  trie walk's on every window.

CPU seconds (``time.process_time``) are the steadier figure on a shared machine; run from the repository root::

    CONFLICTMAP_CACHE=/tmp/cm nice python benchmarks/firstpass_ceiling.py [--aho]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
EVAL = Path("/work/shared/eval/geoparse")


def _texts() -> list[str]:
    return [json.loads(line)["text"] for name in ("geowebnews.jsonl", "lgl.jsonl")
            for line in (EVAL / name).read_text(encoding="utf-8").split("\n") if line.strip()]


def _best_cpu(run, repeats: int = 5) -> float:
    best = float("inf")
    for _ in range(repeats):
        cpu = time.process_time()
        run()
        best = min(best, time.process_time() - cpu)
    return best


def _automaton(gaz):
    """An Aho-Corasick automaton over the index's patterns " p ", each with ``hits``'s value (key, len(p))."""
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for pattern in gaz.keys.trie.keys():
        automaton.add_word(f" {pattern} ", (" ".join(pattern.split()) if "  " in pattern else pattern, len(pattern)))
    automaton.make_automaton()
    return automaton


def _automaton_hits(automaton, window: str, run: str) -> list[tuple[int, tuple[str, int]]]:
    """``NameIndex.hits(window, run)`` from the automaton: it reports each pattern at the index of its closing space,
    longest first at one index; kept when the name starts under an upper-case character of ``run``."""
    return [(end, value) for end, value in automaton.iter(window) if run[end - value[1] - 1].isupper()]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--aho", action="store_true", help="also time an Aho-Corasick automaton (needs pyahocorasick)")
    args = ap.parse_args()
    os.sched_setaffinity(0, {0})
    from pipeline.geoparse import load_geoparser, recognise

    texts = _texts()
    parser = load_geoparser()
    gaz = parser.gazetteer
    windows: list[tuple[str, str]] = []
    names_in_run = recognise._names_in_run

    def recording(g, window, run):
        windows.append((window, run))
        return names_in_run(g, window, run)

    recognise._names_in_run = recording  # (``_automaton_matches`` looks it up in the module at each call)
    try:
        cpu = time.process_time()
        parser.parse_many(texts)
        first = time.process_time() - cpu
    finally:
        recognise._names_in_run = names_in_run
    cpu = time.process_time()
    parser.parse_many(texts)
    second = time.process_time() - cpu
    multi = list(dict.fromkeys(w for w in windows if " " in w[0][1:-1]))  # (one-word windows: a set look-up)
    walk = _best_cpu(lambda: [gaz.keys.hits(window, run) for window, run in multi])
    n = len(texts)
    print(f"{n} texts, load average {os.getloadavg()[0]:.1f}; {len(multi):,} distinct multi-word windows\n")
    print("| what | CPU s | docs per CPU-s | share of the first pass |\n|---|---|---|---|")
    print(f"| first pass (caches cold) | {first:.3f} | {n / first:,.0f} | 100 % |")
    print(f"| second pass (caches warm: the ceiling of cheaper context-free work) | {second:.3f} | {n / second:,.0f} "
          f"| {100 * second / first:.0f} % |")
    print(f"| trie walk of the first pass's windows (`NameIndex.hits`, best of 5) | {walk:.3f} | — "
          f"| {100 * walk / first:.1f} % |")
    if args.aho:
        import psutil

        rss = psutil.Process().memory_info().rss
        wall = time.perf_counter()
        automaton = _automaton(gaz)
        built, added = time.perf_counter() - wall, psutil.Process().memory_info().rss - rss
        same = all(gaz.keys.hits(window, run) == _automaton_hits(automaton, window, run) for window, run in multi)
        aho = _best_cpu(lambda: [_automaton_hits(automaton, window, run) for window, run in multi])
        print(f"| the same windows through pyahocorasick (best of 5; hits {'equal' if same else 'DIFFERENT'}) "
              f"| {aho:.3f} | — | {100 * aho / first:.1f} % |")
        print(f"\nautomaton over {len(gaz.keys.trie):,} patterns: built in {built:.1f} s, +{added / 1e6:,.0f} MB resident")
    return 0


if __name__ == "__main__":
    sys.exit(main())
