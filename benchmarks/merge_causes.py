"""Why gold ``same_event_as`` pairs are not merged: one cause per unmerged pair, read from the merge stage's own rule.

Run from the repository root::

    PYTHONPATH=. .venv/bin/python benchmarks/merge_causes.py SET_DIR [SET_DIR ...] [--verbose]
        [--events-cache DIR]

For each set (``articles/`` and ``gold.json``, the real-news layout) every article is geoparsed and its events
extracted alone (``pipeline.scale.work.process_article``), then merged across articles in input order
(``CrossArticleMerge``, as the build does). A pair is merged when ``realnews_eval.merge_diagnosis`` says so (tolls
ignored). For each other pair, the cause is the first that holds:

- ``not extracted`` / ``wrong type`` / ``other oblast`` / ``other date``: a side has no event of its own article
  matching its gold event by type, admin1 and date (the first test the nearest event fails);
- both sides have one (``a``, ``b``, each alone, before any merge): when ``mergeable(a, b)`` is false, the first
  part of the rule that refuses them (``place: ...``, ``type``, ``tolls``, ``dates ...``, ``undated``, ``rule ...``);
- when it is true: ``merged, diagnostic pairs another gold event`` (the two are one feature, which the loose
  pairing gives another gold event) or ``merged elsewhere`` (one side joined another event first, and the pair
  then no longer fits).

A pair merged under the loose rule but not under score.py's is ``merged, not scored`` with why on each failing side:
the feature's toll or date against the gold, or "score pairs another gold event" (score.py pairs gold events with
features by type, admin1 and date, not place: two villages taken in one oblast may be paired crosswise), and whether
the article's own event, before the merge, had it right (when it did, the merged toll is another outlet's: score.py
gives a merged event one toll, so two outlets' different tolls cannot both match).

A link whose two gold events differ in type, oblast or a toll (``realnews_eval.gold_conflict``: one outlet's 10 killed,
the other's 12) is classed ``unreachable: gold ... differ`` first, "(merged)" when the merge joined it: score.py gives a
merged event one toll, so no merge can make it count; ``reachable`` is the links left (score.py's ceiling).

Wrong merges (gold events of unlinked incidents in one feature) are listed as ``merge_diagnosis`` gives them.
``--events-cache``: keep each set's per-article events there (pickles; delete after changing extraction).
Nothing of a set is written to the repository.
"""

from __future__ import annotations

import argparse
import copy
import json
import pickle
import sys
from collections import Counter
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script

from benchmarks.realnews_eval import (  # noqa: E402
    MERGED,
    _loose_match,
    event_matches,
    gold_conflict,
    match_article,
    merge_diagnosis,
)
from pipeline.output.export import EVENT_TYPES  # noqa: E402
from pipeline.build import load_articles  # noqa: E402
from pipeline.events import merge as M  # noqa: E402
from pipeline.events.incidents import distinct_settlements, km, same_place  # noqa: E402
from pipeline.output.export import event_features  # noqa: E402
from pipeline.scale.work import process_article  # noqa: E402
from pipeline.text.dates import parse_iso  # noqa: E402


SCORED = "merged (score)"  # one feature matches both gold events under score.py's rule
UNSCORED = "merged, not scored"  # one feature matches both loosely (tolls ignored), not both under score.py's rule
CEILING = "unreachable"  # the two gold events differ in type, oblast or a toll: one feature cannot match both


def per_article_events(set_dir: Path, cache: Path | None) -> dict[str, list]:
    """Each article's own events (name -> events), in input order."""
    path = cache / f"{set_dir.name}.pkl" if cache else None
    if path is not None and path.exists():
        return pickle.loads(path.read_bytes())
    articles, _errors = load_articles([set_dir / "articles"])
    out = {a.name: process_article(a).events for a in articles}
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(pickle.dumps(out))
    return out


def props(event) -> dict:
    """An event's output properties (what score.py reads)."""
    return event_features([event])["features"][0]["properties"]


def side_cause(gold: dict, events: list) -> tuple[str, list]:
    """``ok`` and the events of one article matching its gold event loosely, else the first test the nearest fails."""
    ps = [(e, props(e)) for e in events]
    hit = [e for e, p in ps if _loose_match(p, gold)]
    if hit:
        same = [e for e in hit if e.sub_event_type == gold.get("sub_type")]
        return "ok", same or hit
    for cause, kw in (("other oblast", {"admin1": False}), ("other date", {"date": False}),
                      ("wrong type", {"type_": False})):
        if any(_loose_match(p, gold, **kw) for _e, p in ps):
            return cause, []
    return "not extracted", []


def _layer_order(p: dict) -> tuple:
    return (EVENT_TYPES.index(p["event_type"]), p.get("date") or "9999", p.get("admin1_code") or "", p["id"])


def _cites(p: dict, art: str) -> bool:
    return any(s.get("article") == art or str(s.get("article", "")).endswith("/" + art) for s in p.get("sources", []))


def _strict_miss(gold: dict, features: list, events: list) -> str:
    """Why the merged feature matching ``gold`` loosely fails score.py's rule: the toll or the date, and whether the
    article's own event (before the merge) had it right."""
    loose = [p for p in features if _loose_match(p, gold)]
    if not loose:
        return "loose match taken"
    p = loose[0]
    why = []
    for k in ("killed", "injured"):
        if k in gold and gold[k] is not None and p.get(k) not in (gold[k] if isinstance(gold[k], list) else [gold[k]]):
            why.append("toll")
            break
        if k in gold and gold[k] is None and p.get(k) is not None:
            why.append("toll")
            break
    if "date" in gold and p.get("date") not in (None, gold["date"]) and p.get("date") != gold["date"]:
        why.append("date")
    own_ok = any(event_matches(props(e), gold) for e in events)
    return "+".join(why or ["score pairs another gold event"]) + (" (own event right)" if own_ok else " (own event wrong too)")


def _days(a, b) -> int | None:
    da, db = parse_iso(a.when.date), parse_iso(b.when.date)
    return None if da is None or db is None else abs((da - db).days)


def refusal(a, b) -> str:
    """The first part of ``mergeable``'s rule that refuses two events ('' when it does not)."""
    if M.mergeable(a, b):
        return ""
    if a.place is None or b.place is None:
        return "place: none"
    if not same_place(a.place, b.place):
        if not (M._namesakes(a, b) or M._oblast_and_settlement(a, b)):
            kinds = {a.place.feature_kind == "admin1", b.place.feature_kind == "admin1"}
            if kinds == {True, False}:
                return "place: oblast vs settlement"
            if True in kinds:
                return "place: two oblasts"
            if M.spelling_key(a.place.name) == M.spelling_key(b.place.name):
                return "place: one name, two points"
            return f"place: two settlements ({a.place.name} / {b.place.name}, {km(a.place, b.place):.0f} km)"
    elif M._control(a) and distinct_settlements(a.place, b.place):
        return "place: distinct settlements"
    if not M._types_compatible(a, b):
        return f"type ({a.event_type}/{a.sub_event_type}/{a.gains} vs {b.event_type}/{b.sub_event_type}/{b.gains})"
    if not M._tolls_compatible(a, b):
        return f"tolls ({a.killed}/{a.injured} vs {b.killed}/{b.injured})"
    days = _days(a, b)
    if days is None:
        return "undated: no evidence"
    if not M._dates_compatible(a.when, b.when):
        return f"dates {days} d apart (precision {a.when.precision}/{b.when.precision})"
    if M._after_report(a, b) or M._after_report(b, a):
        return f"rule: after report ({days} d)"
    return f"rule: days apart without figures ({days} d, {a.killed}/{a.injured} vs {b.killed}/{b.injured})"


def diagnose(set_dir: Path, cache: Path | None, verbose: bool) -> tuple[Counter, int, int, list[str]]:
    gold = {k: v for k, v in json.loads((set_dir / "gold.json").read_text()).items() if not k.startswith("_")}
    own = per_article_events(set_dir, cache)
    fold = M.CrossArticleMerge()
    for events in own.values():
        fold.add(copy.deepcopy(events))
    merged = sorted((props(e) for e in fold.merged), key=_layer_order)  # the events layer's order (score.py's greedy)
    diagnosis, wrong = merge_diagnosis(gold, merged)
    mine = {art: [p for p in merged if _cites(p, art)] for art in gold}
    strict = {art: {i: mine[art][n]["id"] for i, n in match_article(g.get("events", []), mine[art])[0].items()}
              for art, g in gold.items()}
    causes: Counter = Counter()
    for art, g in gold.items():  # score.py's event figures, from the same features
        pairs, missed, spurious = match_article(g.get("events", []), mine[art])
        causes["tp"], causes["fn"], causes["fp"] = causes["tp"] + len(pairs), causes["fn"] + len(missed), \
            causes["fp"] + len(spurious)
    lines = []
    final = fold.merged

    def feature_of(event) -> str:
        first = event.sources[0]
        for e in final:
            if any((s.article, s.start, s.end) == (first.article, first.start, first.end) for s in e.sources):
                return f"{e.event_type}/{e.sub_event_type} {e.place.name if e.place else None} {e.when.date} " \
                    f"{sorted({s.article[:3] for s in e.sources})}"
        return "?"

    for link, outcome in diagnosis:
        left, right = link.split(" ~ ")
        (art, i), (o_art, j) = ((x.rpartition("#")[0], int(x.rpartition("#")[2])) for x in (left, right))
        conflict = gold_conflict(gold[art]["events"][i], gold[o_art]["events"][j])
        if conflict:  # no one feature matches both gold events: score.py cannot count it, whatever the merge does
            cause = f"{CEILING}: gold {conflict} differ{' (merged)' if outcome == MERGED else ''}"
            causes[cause] += 1
            if verbose:
                lines.append(f"  {link}: {cause}")
            continue
        if outcome == MERGED:
            a, b = strict[art].get(i), strict[o_art].get(j)
            if a is not None and a == b:
                causes[SCORED] += 1
                continue
            cause = UNSCORED + ": " + ", ".join(sorted({
                _strict_miss(gold[x]["events"][k], mine[x], own.get(x, [])) for x, k in ((art, i), (o_art, j))
                if strict[x].get(k) is None or strict[x].get(k) != (b if x == art else a)} - {""})) or UNSCORED
            causes[cause] += 1
            if verbose:
                lines.append(f"  {link}: {cause}")
            continue
        ca, ea = side_cause(gold[art]["events"][i], own.get(art, []))
        cb, eb = side_cause(gold[o_art]["events"][j], own.get(o_art, []))
        if ca != "ok" or cb != "ok":
            cause = ca if ca != "ok" else cb
            detail = cause
        else:
            reasons = [refusal(x, y) for x in ea for y in eb]
            if "" in reasons:
                x, y = next((x, y) for x in ea for y in eb if not refusal(x, y))
                fx, fy = feature_of(x), feature_of(y)
                cause = detail = "merged, diagnostic pairs another gold event" if fx == fy else "merged elsewhere"
                if fx != fy and verbose:
                    lines.append(f"      -> {fx} / {fy}")
            else:
                detail = reasons[0]
                cause = detail.split(" (")[0].split(":")[0] if not detail.startswith("place") else \
                    detail.split(" (")[0]
                if detail.startswith("dates"):
                    cause = "dates too far apart"
        causes[cause] += 1
        if verbose:
            g1, g2 = gold[art]["events"][i], gold[o_art]["events"][j]
            lines.append(f"  {link}: {detail}  [gold {g1['type']}/{g1.get('sub_type')} {g1.get('place')} "
                         f"{g1.get('date')} | {g2.get('place')} {g2.get('date')}]")
            for e in ea + eb:
                lines.append(f"      {e.sources[0].article[:30]} {e.event_type}/{e.sub_event_type} "
                             f"{e.place.name if e.place else None} ({e.place.feature_kind if e.place else ''},"
                             f"{e.place.precision if e.place else ''}) {e.admin1_code} {e.when.date}/p{e.when.precision}"
                             f" b{e.date_basis} k={e.killed} i={e.injured} g={e.gains}")
    return causes, len(diagnosis), len(wrong), lines + [f"  wrong merge {w}" for w in wrong]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("sets", nargs="+", type=Path)
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--events-cache", type=Path)
    a = ap.parse_args()
    total: Counter = Counter()
    for set_dir in a.sets:
        causes, pairs, wrong, lines = diagnose(set_dir, a.events_cache, a.verbose)
        loose = sum(n for c, n in causes.items() if c.startswith(SCORED) or c.startswith(UNSCORED)
                    or (c.startswith(CEILING) and c.endswith("(merged)")))
        ceiling = sum(n for c, n in causes.items() if c.startswith(CEILING))
        tp, fp, fn = (causes.pop(k) for k in ("tp", "fp", "fn"))
        f1 = 2 * tp / max(1, 2 * tp + fp + fn)
        print(f"{set_dir.name}: F1 {f1:.3f} (tp {tp}, fp {fp}, fn {fn}); merged {causes[SCORED]}/{pairs} (score.py), "
              f"{loose}/{pairs} ignoring tolls; reachable {pairs - ceiling}/{pairs}; wrong merges {wrong}; "
              + ", ".join(f"{c} {n}" for c, n in causes.most_common() if c != SCORED))
        total += causes
        if lines:
            print("\n".join(lines))
    print("ALL: " + ", ".join(f"{c} {n}" for c, n in total.most_common()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
