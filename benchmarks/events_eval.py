"""Events on the real-news development set: the scorer's figures, confidence calibration, merge linkage.

Run from the repository root::

    PYTHONPATH=$PWD .venv/bin/python benchmarks/events_eval.py [REALNEWS_DIR] [OUT_DIR]

REALNEWS_DIR defaults to ``../shared/realnews`` (articles/, gold.json, score.py; read from there,
never copied). It builds the articles, geoparses them for the scorer, runs ``score.py`` and prints
its line, then two tables the scorer does not give: how often events in each confidence band are
right (an event is right when it matches a gold event of an article it cites, with the scorer's
own test), how many gold cross-outlet pairs end in one event whatever its figures (the scorer
can credit a merged pair only when both outlets give the same toll), and how many of those keep each
outlet's own toll right in the merged event's ``source_tolls``.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BANDS = ((0.0, 0.5), (0.5, 0.7), (0.7, 0.85), (0.85, 1.01))


def _as_list(v):
    return v if isinstance(v, list) else [v]


def _matches(p: dict, e: dict) -> bool:  # score.py's test, restated
    if p.get("event_type") != e["type"] or p.get("admin1_code") != e.get("admin1"):
        return False
    for k in ("killed", "injured"):
        if k in e and p.get(k) not in _as_list(e[k]):
            return False
    return not ("date" in e and p.get("date") not in (None, e["date"]))


def _articles(f: dict) -> set[str]:
    return {Path(str(s.get("article"))).name for s in f["properties"].get("sources", [])}


def main() -> None:
    realnews = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "realnews"
    out = Path(sys.argv[2]) if len(sys.argv) > 2 else Path("/tmp/conflictmap-events-eval")
    out.mkdir(parents=True, exist_ok=True)
    py = sys.executable
    subprocess.run([py, "-m", "conflictmap.cli", "build", str(realnews / "articles"), "--out", str(out / "build")],
                   check=True, cwd=ROOT, capture_output=True)
    lines = [json.dumps({"id": p.name, "text": p.read_text(encoding="utf-8")})
             for p in sorted((realnews / "articles").iterdir())]
    (out / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    subprocess.run([py, "-m", "conflictmap.cli", "geoparse", str(out / "in.jsonl"), "-o", str(out / "places.jsonl")],
                   check=True, cwd=ROOT, capture_output=True)
    score = subprocess.run([py, str(realnews / "score.py"), str(realnews / "gold.json"), str(out / "places.jsonl"),
                            str(out / "build" / "events.geojson")], check=True, capture_output=True, text=True)
    print(score.stdout.strip().splitlines()[-1])
    gold = {k: v for k, v in json.loads((realnews / "gold.json").read_text()).items() if not k.startswith("_")}
    feats = json.loads((out / "build" / "events.geojson").read_text())["features"]
    print("\n| confidence | events | right | share right |\n|---|---|---|---|")
    for lo, hi in BANDS:
        band = [f for f in feats if lo <= f["properties"]["confidence"] < hi and _articles(f) & set(gold)]
        right = [f for f in band if any(_matches(f["properties"], e) for a in _articles(f) & set(gold)
                                        for e in gold[a].get("events", []))]
        share = f"{len(right) / len(band):.0%}" if band else "—"
        print(f"| {lo:.2f}–{min(hi, 1.0):.2f} | {len(band)} | {len(right)} | {share} |")
    linked = total = own = 0
    for art, g in gold.items():
        for i, other in (g.get("same_event_as") or {}).items():
            o_art, _, o_idx = other.partition("#")
            total += 1
            ge, oe = g["events"][int(i)], gold[o_art]["events"][int(o_idx or 0)]
            both = [f for f in feats if {art, o_art} <= _articles(f) and
                    f["properties"]["event_type"] == ge["type"] == oe["type"] and
                    f["properties"]["admin1_code"] == ge.get("admin1")]
            linked += bool(both)
            own += any(_own_toll_right(f, art, ge) and _own_toll_right(f, o_art, oe) for f in both)
    print(f"\ncross-outlet pairs in one event (figures aside): {linked}/{total}")
    print(f"cross-outlet pairs in one event whose source_tolls give each outlet its own gold toll: {own}/{total}")


def _own_toll_right(f: dict, article: str, gold_event: dict) -> bool:
    """The merged event's ``source_tolls`` entry for ``article`` is among that article's gold figures.

    Not score.py's test (it reads the one merged toll); it asks whether an analyst reading the
    merged event still finds what each outlet said.
    """
    tolls = [t for t in f["properties"].get("source_tolls") or [] if Path(str(t.get("article"))).name == article]
    if not tolls:
        return not any(k in gold_event for k in ("killed", "injured"))  # no figures on either side
    return any(all(t.get(k) in _as_list(gold_event[k]) for k in ("killed", "injured") if k in gold_event)
               for t in tolls)


if __name__ == "__main__":
    main()
