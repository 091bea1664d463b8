"""CIR benchmark: place resolution on 2,008 real event locations of the CIR / Bellingcat monitor.

Run from the repository root::

    PYTHONPATH=. .venv/bin/python benchmarks/cir_eval.py [--examples [N]] [--json OUT.json]
        [--external DIR]

Runs ``python -m conflictmap.cli geoparse ../shared/external/cir_monitor.jsonl -o PRED.jsonl``
(into a temporary folder) and the set's own scorer ``score_external.py DATA PRED`` from the
repository root, and prints its table (Acc@k in km by source country, against two naive
gazetteer baselines). Then it breaks the misses at 25 km down by failure class, using the
scorer's answer rule (first city / landmark / admin2 inside the location part, else the first
admin1 / region) and the gold point's oblast from the project's own admin-1 polygons:

``no answer``; ``wrong country``; ``admin1 answer, town named`` (the location names a place
below oblast level but the answer is an oblast); ``admin1 answer, region named`` (the
location only names a region); ``town skipped, later part taken`` (a city answer from after
the first comma, e.g. the oblast's name read as its capital: the named town was not found);
``right oblast, > 25 km``; ``wrong oblast, same country``. The first class that applies wins.

``--examples`` prints N (default 20) misses per class to the terminal; nothing of the set is
written to the repository, and ``--json`` holds figures only.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script

from benchmarks._realworld import (  # noqa: E402
    CITY_KM,
    DEFAULT_SHARED,
    cli,
    format_timings,
    haversine_km,
    run_step,
    write_json,
)

PRIMARY_KINDS = frozenset({"city", "landmark", "admin2"})  # as score_external.py
FALLBACK_KINDS = frozenset({"admin1", "region"})
# a location whose first part contains one of these words names a region, not a town
REGION_WORD_RE = re.compile(r"\b(oblast|region|krai|kray|republic|province|okrug)\b", re.IGNORECASE)
SOURCE_COUNTRY = {"ukraine": "UA", "ukrain": "UA", "crimea": "UA", "russia": "RU", "russa": "RU",
                  "kursk oblast": "RU", "belarus": "BY", "belaurs": "BY"}
CLASSES = ("no answer", "wrong country", "admin1 answer, town named", "admin1 answer, region named",
           "town skipped, later part taken", "right oblast, > 25 km", "wrong oblast, same country")
ROW_RE = re.compile(r"^\| (?P<group>[^|]+) \| tool \| (?P<cells>.*) \|$")
COLUMNS = ("n", "answered", "acc@5", "acc@10", "acc@25", "acc@50", "acc@161", "median_km")


# ---------------------------------------------------------------- pure helpers


def tool_answer(places: Sequence[Mapping[str, Any]], boundary: int) -> Mapping[str, Any] | None:
    """The scorer's answer: first primary place inside ``[0, boundary)``, else first admin1, else None."""
    inside = sorted((p for p in places if p["end"] <= boundary), key=lambda p: (p["start"], p["end"]))
    for kinds in (PRIMARY_KINDS, FALLBACK_KINDS):
        for p in inside:
            if p.get("feature_kind") in kinds:
                return p
    return None


def source_country(name: str | None) -> str | None:
    """ISO code of the source's country field (typos folded), or None."""
    return SOURCE_COUNTRY.get(re.sub(r"\s+", " ", name or "").strip().casefold())


def classify_miss(answer: Mapping[str, Any] | None, km: float | None, *, location: str,
                  gold_country: str | None, gold_admin1: str | None) -> str | None:
    """Failure class of one event (None when the answer is within 25 km of the gold point).

    Parameters
    ----------
    answer
        The tool's answer place, or None.
    km
        Its distance to the gold point.
    location
        The event's location part ("Zolochiv, Kharkiv Oblast, Ukraine").
    gold_country, gold_admin1
        ISO codes of the gold point (None when unknown).
    """
    if answer is None or km is None:
        return "no answer"
    if km <= CITY_KM:
        return None
    if gold_country and answer.get("country_code") != gold_country:
        return "wrong country"
    if answer.get("feature_kind") in FALLBACK_KINDS:
        named_region = REGION_WORD_RE.search(location.split(",")[0]) is not None
        return "admin1 answer, region named" if named_region else "admin1 answer, town named"
    if answer.get("start", 0) >= len(location.split(",")[0]):
        return "town skipped, later part taken"
    if gold_admin1 and answer.get("admin1_code") == gold_admin1:
        return "right oblast, > 25 km"
    return "wrong oblast, same country"


def parse_scorer_table(text: str) -> dict[str, dict[str, float | None]]:
    """The tool's rows of score_external.py's table: ``{group: {column: value}}`` (shares as 0-1)."""
    rows: dict[str, dict[str, float | None]] = {}
    for line in text.splitlines():
        m = ROW_RE.match(line.strip())
        if not m:
            continue
        values: dict[str, float | None] = {}
        for col, cell in zip(COLUMNS, (c.strip() for c in m["cells"].split("|")), strict=True):
            if cell == "–":
                values[col] = None
            elif cell.endswith("%"):
                values[col] = round(float(cell[:-1]) / 100, 4)
            else:
                values[col] = float(cell)
        rows[m["group"].strip()] = values
    return rows


# ---------------------------------------------------------------- edge


def _gold_admin1(data: Sequence[Mapping[str, Any]]) -> list[tuple[str | None, str | None]]:
    """(country_code, admin1_code) of each gold point from the project's admin-1 polygons."""
    from pipeline.geoparse.admin_join import join_admin1

    joined = join_admin1([d["gold_lat"] for d in data], [d["gold_lon"] for d in data])
    return [(None if c is None or c != c else str(c), None if a is None or a != a else str(a))  # NaN -> None
            for c, a in zip(joined["country_code"], joined["admin1_code"], strict=True)]


def classify_all(data: Sequence[Mapping[str, Any]],
                 pred: Mapping[str, Sequence[Mapping[str, Any]]]) -> list[tuple[str, Mapping[str, Any], str]]:
    """(class, event, one-line description) for every event missed at 25 km."""
    misses = []
    for ev, (country, admin1) in zip(data, _gold_admin1(data), strict=True):
        loc = ev["location"]
        ans = tool_answer(pred.get(ev["id"], []), len(loc))
        km = None if ans is None else haversine_km(ev["gold_lat"], ev["gold_lon"], ans["lat"], ans["lon"])
        country = country or source_country(ev.get("country"))
        cls = classify_miss(ans, km, location=loc, gold_country=country, gold_admin1=admin1)
        if cls is None:
            continue
        got = ("nothing" if ans is None else
               f"{ans.get('name')} ({ans.get('feature_kind')}, {ans.get('admin1_code')}) {km:.0f} km")
        misses.append((cls, ev, f"{ev['id']} {loc!r} gold {admin1 or country}: got {got}"))
    return misses


def main(argv: Sequence[str] | None = None) -> int:
    """Run geoparse and score_external.py on the CIR set; print the table and the miss classes."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--external", type=Path, default=DEFAULT_SHARED / "external",
                    help="folder with cir_monitor.jsonl and score_external.py (default: ../shared/external)")
    ap.add_argument("--data", type=Path, help="event file (default: EXTERNAL/cir_monitor.jsonl)")
    ap.add_argument("--scorer", type=Path, help="scorer (default: EXTERNAL/score_external.py)")
    ap.add_argument("--examples", type=int, nargs="?", const=20, default=0, metavar="N",
                    help="print N example misses per class (default 20; terminal only)")
    ap.add_argument("--json", type=Path, metavar="OUT", help="write the figures as JSON")
    a = ap.parse_args(argv)
    data_path = (a.data or a.external / "cir_monitor.jsonl").resolve()
    scorer = (a.scorer or a.external / "score_external.py").resolve()

    timings: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="cir_") as tmp:
        pred_path = Path(tmp) / "pred.jsonl"
        run_step("geoparse", cli("geoparse", str(data_path), "-o", str(pred_path)), timings)
        out = run_step("score", [sys.executable, str(scorer), str(data_path), str(pred_path)], timings)
        pred = {d["id"]: d.get("places", []) for d in map(json.loads, pred_path.read_text().splitlines())}
    print(out.rstrip())

    data = [json.loads(line) for line in data_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    misses = classify_all(data, pred)
    counts = Counter(cls for cls, _, _ in misses)
    print(f"\nmisses at {CITY_KM:.0f} km by class ({len(misses)} of {len(data)}):")
    for cls in CLASSES:
        print(f"  {cls}: {counts[cls]}")
    for cls in CLASSES if a.examples else ():
        shown = [line for c, _, line in misses if c == cls][:a.examples]
        if shown:
            print(f"\n{cls} (first {len(shown)} of {counts[cls]}):")
            print("\n".join("  " + line for line in shown))
    print(format_timings(timings))
    if a.json:
        write_json(a.json, {"set": "cir_monitor", "events": len(data), "tool": parse_scorer_table(out),
                            "misses": {cls: counts[cls] for cls in CLASSES}, "timings_s": timings})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
