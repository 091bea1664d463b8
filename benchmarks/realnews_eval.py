"""Real-news benchmark: places, events, casualty figures and merges on 33 real war articles.

Run from the repository root::

    PYTHONPATH=. .venv/bin/python benchmarks/realnews_eval.py [--verbose] [--json OUT.json]
        [--realnews DIR]

Reads ``../shared/realnews`` (articles, ``gold.json``, ``score.py``; see its README) in place,
runs ``python -m conflictmap.cli geoparse`` (ids = file names) and ``python -m conflictmap.cli build``
on the articles folder into a temporary folder, then the set's own scorer
``score.py GOLD PLACES.jsonl EVENTS.geojson`` and prints its summary line (``--verbose`` passes
its per-item lines through). From the same outputs it adds:

- a confidence calibration table: events by confidence band, and how many match a gold event
  under score.py's rule (same event_type and admin1_code; killed / injured among the gold
  figures when gold gives them; dates equal when both are given; one-to-one per article);
- counts of missed places, missed gold events and spurious events by failure class;
- a merge diagnostic independent of score.py's tolls: for each gold ``same_event_as`` pair, whether the
  two articles' events that match the pair's gold events by type, admin1 and date alone (tolls ignored)
  are one feature, and the cause when not (:func:`merge_diagnosis`); the links no single feature can match under
  score.py's rule (the two outlets' gold tolls, types or oblasts differ: :func:`link_conflicts`), its ceiling; and why
  the other merged links are not counted by score.py (:func:`uncounted_merges`).

Nothing of the set is written to the repository; ``--json`` holds figures only.
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

# (lower bound inclusive, label); a confidence takes the last band whose bound it reaches
BANDS: tuple[tuple[float, str], ...] = ((0.0, "<0.5"), (0.5, "0.5-0.7"), (0.7, "0.7-0.85"), (0.85, ">=0.85"))
NO_CONFIDENCE = "none"
SUMMARY_RE = re.compile(
    r"places (?P<places_ok>\d+)/(?P<places_total>\d+) .*?events P (?P<precision>[\d.]+) R (?P<recall>[\d.]+) "
    r"F1 (?P<f1>[\d.]+) \(tp (?P<tp>\d+), fp (?P<fp>\d+), fn (?P<fn>\d+)\); casualty reports "
    r"(?P<casualty_ok>\d+)/(?P<casualty_total>\d+); merges (?P<merges_ok>\d+)/(?P<merges_total>\d+)"
)


# ---------------------------------------------------------------- pure helpers


def confidence_band(confidence: float | None) -> str:
    """Label of the band holding ``confidence`` (``"none"`` when missing)."""
    if confidence is None:
        return NO_CONFIDENCE
    label = BANDS[0][1]
    for lower, name in BANDS:
        if confidence >= lower:
            label = name
    return label


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def event_matches(props: Mapping[str, Any], gold: Mapping[str, Any]) -> bool:
    """Score.py's rule: does an event's properties match one gold event?"""
    if props.get("event_type") != gold["type"] or props.get("admin1_code") != gold.get("admin1"):
        return False
    for key in ("killed", "injured"):
        if key in gold and props.get(key) not in _as_list(gold[key]):
            return False
    return not ("date" in gold and props.get("date") is not None and props.get("date") != gold["date"])


def cites(props: Mapping[str, Any], article: str) -> bool:
    """Does the event name ``article`` (a file name) among its sources?"""
    return any(s.get("article") == article or str(s.get("article", "")).endswith("/" + article)
               for s in props.get("sources", []))


def match_article(gold_events: Sequence[Mapping[str, Any]],
                  events: Sequence[Mapping[str, Any]]) -> tuple[dict[int, int], list[int], list[int]]:
    """Greedy one-to-one matching of one article's gold events to the events citing it.

    Returns
    -------
    tuple
        ``{gold index: event index}``, the unmatched gold indices, the unmatched event indices.
    """
    pairs: dict[int, int] = {}
    for i, gold in enumerate(gold_events):
        hit = next((j for j, ev in enumerate(events) if j not in pairs.values() and event_matches(ev, gold)), None)
        if hit is not None:
            pairs[i] = hit
    missed = [i for i in range(len(gold_events)) if i not in pairs]
    spurious = [j for j in range(len(events)) if j not in pairs.values()]
    return pairs, missed, spurious


def calibration(events: Sequence[Mapping[str, Any]], correct_ids: set[str]) -> dict[str, dict[str, int]]:
    """``{band: {"events": n, "correct": k}}`` in band order (bands with no event included)."""
    table = {label: {"events": 0, "correct": 0} for _, label in BANDS}
    for ev in events:
        row = table.setdefault(confidence_band(ev.get("confidence")), {"events": 0, "correct": 0})
        row["events"] += 1
        row["correct"] += ev.get("id") in correct_ids
    return table


def classify_missed_event(gold: Mapping[str, Any], events: Sequence[Mapping[str, Any]]) -> str:
    """Why a gold event matches none of ``events`` (its article's unmatched events; first failing test)."""
    same_admin1 = [ev for ev in events if ev.get("admin1_code") == gold.get("admin1")]
    if not same_admin1:
        if any(ev.get("event_type") == gold["type"] for ev in events):
            return "wrong or no oblast"
        return "not extracted"
    same_type = [ev for ev in same_admin1 if ev.get("event_type") == gold["type"]]
    if not same_type:
        return "wrong event type"
    figures_ok = [ev for ev in same_type
                  if all(k not in gold or ev.get(k) in _as_list(gold[k]) for k in ("killed", "injured"))]
    if not figures_ok:
        return "wrong casualty figure"
    return "wrong date"


def classify_spurious_event(props: Mapping[str, Any], gold_events: Sequence[Mapping[str, Any]],
                            matched: Sequence[Mapping[str, Any]]) -> str:
    """Why an event citing an article matches none of its gold events."""
    if not gold_events:
        return "article has no gold event"
    same_oblast = [g for g in gold_events if g.get("admin1") == props.get("admin1_code")]
    if not same_oblast:
        return "wrong or no oblast"
    if any(m.get("event_type") == props.get("event_type") and m.get("admin1_code") == props.get("admin1_code")
           for m in matched):
        return "duplicate of a matched event"
    if any(g["type"] == props.get("event_type") for g in same_oblast):
        return "near miss (figures or date)"
    return "wrong event type"


def classify_missed_place(gold: Mapping[str, Any], preds: Sequence[Mapping[str, Any]]) -> str | None:
    """Failure class of one gold place (None when score.py counts it as found)."""
    cands = [p for p in preds if str(p.get("text", "")).lower() == gold["text"].lower() and p.get("lat") is not None]
    if not cands:
        return "not recognised"
    near = [p for p in cands if haversine_km(p["lat"], p["lon"], gold["lat"], gold["lon"]) <= CITY_KM]
    if any(gold.get("admin1") is None or p.get("admin1_code") == gold["admin1"] for p in near):
        return None
    if near:
        return "right spot, wrong admin1"
    if any(p.get("admin1_code") == gold.get("admin1") for p in cands[:1]):
        return "right oblast, > 25 km"
    return "wrong namesake (other oblast)"


MERGED = "merged"
# why a gold pair's two reports are not one feature, tried in this order on each side (first failing side wins)
MERGE_CAUSES: tuple[str, ...] = ("not extracted", "different admin1", "different date", "different type", "not merged")


def _loose_match(props: Mapping[str, Any], gold: Mapping[str, Any], *, type_: bool = True, admin1: bool = True,
                 date: bool = True) -> bool:
    """Score.py's rule without the tolls, each remaining test optional."""
    if type_ and props.get("event_type") != gold["type"]:
        return False
    if admin1 and props.get("admin1_code") != gold.get("admin1"):
        return False
    return not (date and "date" in gold and gold["date"] is not None and props.get("date") is not None
                and props.get("date") != gold["date"])


def _side_cause(gold: Mapping[str, Any], events: Sequence[Mapping[str, Any]]) -> str:
    """Why none of an article's (unpaired) events matches its gold event loosely: the first test they fail:
    an event of the right type and date elsewhere (different admin1), of the right type and oblast on
    another day (different date), of another type at the right oblast and date (different type)."""
    if any(_loose_match(ev, gold, admin1=False) for ev in events):
        return "different admin1"
    if any(_loose_match(ev, gold, date=False) for ev in events):
        return "different date"
    if any(_loose_match(ev, gold, type_=False) for ev in events):
        return "different type"
    return "not extracted"


def gold_pairs(gold: Mapping[str, Mapping[str, Any]]) -> list[tuple[str, int, str, int]]:
    """Every ``same_event_as`` link (both directions, as score.py counts them) whose other article is in the set."""
    pairs = []
    for art, g in gold.items():
        for i, other in (g.get("same_event_as") or {}).items():
            o_art, _, o_idx = other.partition("#")
            if o_art in gold:
                pairs.append((art, int(i), o_art, int(o_idx or 0)))
    return pairs


def _loose_assignment(gold_events: Sequence[Mapping[str, Any]],
                      events: Sequence[Mapping[str, Any]]) -> dict[int, int]:
    """One article's gold events paired one-to-one with its events: score.py's rule first, then tolls ignored."""
    pairs, missed, _spurious = match_article(gold_events, events)
    for i in missed:
        hit = next((j for j, ev in enumerate(events) if j not in pairs.values() and _loose_match(ev, gold_events[i])),
                   None)
        if hit is not None:
            pairs[i] = hit
    return pairs


def _same_name(props: Mapping[str, Any], gold: Mapping[str, Any]) -> bool:
    """Whether an event's place and a gold event's are one name however spelt (``translit.spelling_key``)."""
    from pipeline.text.translit import spelling_key

    name, place = props.get("place_name"), gold.get("place")
    return bool(name and place) and spelling_key(str(name)) == spelling_key(str(place))


def _placed_assignment(gold_events: Sequence[Mapping[str, Any]],
                       events: Sequence[Mapping[str, Any]]) -> dict[int, int]:
    """One article's gold events paired one-to-one with its events as ``_loose_assignment`` does, but an event whose
    place has the gold event's name (however spelt) first: alike events of one article (villages taken in one oblast,
    undated) are not paired crosswise (what the wrong-merge count reads)."""
    pairs: dict[int, int] = {}
    for test in (lambda ev, g: event_matches(ev, g) and _same_name(ev, g),
                 lambda ev, g: _loose_match(ev, g) and _same_name(ev, g), event_matches, _loose_match):
        for i, g in enumerate(gold_events):
            if i not in pairs:
                hit = next((j for j, ev in enumerate(events) if j not in pairs.values() and test(ev, g)), None)
                if hit is not None:
                    pairs[i] = hit
    return pairs


def merge_diagnosis(gold: Mapping[str, Mapping[str, Any]],
                    events: Sequence[Mapping[str, Any]]) -> tuple[list[tuple[str, str]], list[str]]:
    """Each gold pair's outcome and every wrong merge.

    Returns
    -------
    tuple
        ``(link, outcome)`` per gold pair: ``merged`` when one feature citing both articles matches both
        gold events by type, admin1 and date alone (a gold event with no date takes any) and is not needed as
        score.py's match of another gold event of either article; else a cause of ``MERGE_CAUSES``, read from the
        article's events left unpaired when its gold event finds none (score.py's rule first, then the loose
        one, one-to-one per article), "not merged" when both find one; and one line per feature paired with gold events of two articles that gold does
        not link (two incidents shown as one; paired by place name first, :func:`_placed_assignment`).
    """
    mine = {art: [ev for ev in events if cites(ev, art)] for art in gold}
    strict = {art: match_article(g.get("events", []), mine[art])[0] for art, g in gold.items()}
    assigned = {art: _loose_assignment(g.get("events", []), mine[art]) for art, g in gold.items()}

    def fitting(a: str, k: int) -> set[Any]:
        """Ids of ``a``'s events matching gold event ``k`` loosely whose pairing with ``k`` costs no other gold event
        of ``a`` its match under score.py's rule (events alike in type, oblast and date are interchangeable)."""
        golds, others = gold[a]["events"], {g for g in strict[a] if g != k}
        rest = [g for n, g in enumerate(golds) if n != k]
        found = set()
        for n, ev in enumerate(mine[a]):
            if _loose_match(ev, golds[k]):
                kept, _miss, _spur = match_article(rest, [e for m, e in enumerate(mine[a]) if m != n])
                if len(kept) >= len(others):
                    found.add(ev.get("id"))
        return found

    out = []
    for art, i, o_art, j in gold_pairs(gold):
        if fitting(art, i) & fitting(o_art, j):
            out.append((f"{art}#{i} ~ {o_art}#{j}", MERGED))
            continue
        cause = None
        for a, k in ((art, i), (o_art, j)):
            if k not in assigned[a]:
                free = [ev for n, ev in enumerate(mine[a]) if n not in assigned[a].values()]
                cause = cause or _side_cause(gold[a]["events"][k], free)
        out.append((f"{art}#{i} ~ {o_art}#{j}", cause or "not merged"))
    incident = _incidents(gold)
    golds_of: dict[Any, list[tuple[str, int]]] = {}
    placed = {art: _placed_assignment(g.get("events", []), mine[art]) for art, g in gold.items()}
    for art, pairs in placed.items():
        for k, n in sorted(pairs.items()):
            if gold[art]["events"][k]["type"] != "annexation_claim":  # claims merge per oblast by design
                golds_of.setdefault(mine[art][n].get("id"), []).append((art, k))
    wrong = [f"{fid}: {a}#{i} + {b}#{j}" for fid, golds in golds_of.items()
             for n, (a, i) in enumerate(golds) for b, j in golds[n + 1:]
             if a != b and incident[(a, i)] != incident[(b, j)]]
    return out, wrong


def _incidents(gold: Mapping[str, Mapping[str, Any]]) -> dict[tuple[str, int], tuple[str, int]]:
    """Every gold event's incident: the links of ``same_event_as`` closed transitively (a representative)."""
    parent = {(art, k): (art, k) for art, g in gold.items() for k in range(len(g.get("events", [])))}

    def root(x: tuple[str, int]) -> tuple[str, int]:
        while parent[x] != x:
            x = parent[x]
        return x

    for a, i, b, j in gold_pairs(gold):
        if (a, i) in parent and (b, j) in parent:
            ra, rb = sorted((root((a, i)), root((b, j))))
            parent[rb] = ra
    return {x: root(x) for x in parent}


GOLD_CONFLICTS: tuple[str, ...] = ("type", "admin1", "killed", "injured")  # what one feature has only one of


def gold_conflict(first: Mapping[str, Any], second: Mapping[str, Any]) -> str:
    """What of two linked gold events no single feature can match under score.py's rule ('' when one can): the type or
    oblast differ, or the figures of a kind both give share no value (one outlet's 10 killed, the other's 12: a merged
    event carries one toll, so score.py cannot count that link whatever the merge does). A date never conflicts: an
    event with no date matches any."""
    if first["type"] != second["type"]:
        return "type"
    if first.get("admin1") != second.get("admin1"):
        return "admin1"
    for key in ("killed", "injured"):
        if key in first and key in second and not [v for v in _as_list(first[key]) if v in _as_list(second[key])]:
            return key
    return ""


def gold_ceiling(gold: Mapping[str, Mapping[str, Any]]) -> Counter:
    """Of every ``same_event_as`` link (:func:`gold_pairs`), how many no single feature can match (by
    :func:`gold_conflict`'s first conflict): the links score.py's merge count can never reach."""
    return Counter(why for why in link_conflicts(gold).values() if why)


def link_conflicts(gold: Mapping[str, Mapping[str, Any]]) -> dict[str, str]:
    """Each ``same_event_as`` link (named as :func:`merge_diagnosis` names it) and its :func:`gold_conflict`."""
    found = {}
    for art, i, o_art, j in gold_pairs(gold):
        events, others = gold[art].get("events", []), gold[o_art].get("events", [])
        if i < len(events) and j < len(others):
            found[f"{art}#{i} ~ {o_art}#{j}"] = gold_conflict(events[i], others[j])
    return found


def uncounted_merges(gold: Mapping[str, Mapping[str, Any]], events: Sequence[Mapping[str, Any]],
                     diagnosis: Sequence[tuple[str, str]], conflicts: Mapping[str, str]) -> Counter:
    """Why score.py does not count the links merged (tolls ignored: type, oblast and date already match) that one
    feature could match (no :func:`gold_conflict`): the merged feature's toll is not a side's gold ("toll": another
    outlet's figures, or one side's own wrong), or it matches both gold events and score.py pairs a side's gold event
    with another feature first ("pairing": alike events of one article, such as villages taken in one oblast)."""
    mine = {art: [ev for ev in events if cites(ev, art)] for art in gold}
    strict = {art: {k: mine[art][n].get("id") for k, n in match_article(g.get("events", []), mine[art])[0].items()}
              for art, g in gold.items()}
    found: Counter = Counter()
    for link, outcome in diagnosis:
        if outcome != MERGED or conflicts.get(link):
            continue
        (art, i), (o_art, j) = ((x.rpartition("#")[0], int(x.rpartition("#")[2])) for x in link.split(" ~ "))
        counted = strict[art].get(i)
        if counted is not None and counted == strict[o_art].get(j):
            continue
        sides = ((art, gold[art]["events"][i]), (o_art, gold[o_art]["events"][j]))
        shared = [ev for ev in mine[art] if cites(ev, o_art) and all(_loose_match(ev, g) for _a, g in sides)]
        found["toll" if any(not event_matches(ev, g) for ev in shared[:1] for _a, g in sides) else "pairing"] += 1
    return found


def render_merges(diagnosis: Sequence[tuple[str, str]], wrong: Sequence[str], *, verbose: bool = False,
                  conflicts: Mapping[str, str] | None = None, uncounted: Counter | None = None) -> str:
    """The merge diagnostic as one summary line (and a line per unmerged pair and wrong merge with ``verbose``);
    ``conflicts`` (:func:`link_conflicts`): the links no single feature can match, and how many of them are merged
    (tolls ignored), told at the line's end; ``uncounted`` (:func:`uncounted_merges`): why the others merged are not
    counted by score.py."""
    counts = Counter(cause for _link, cause in diagnosis)
    fails = ", ".join(f"{c} {counts[c]}" for c in MERGE_CAUSES if counts[c]) or "none"
    lines = [f"merges ignoring tolls (type, admin1, date): {counts[MERGED]}/{len(diagnosis)}; not merged: {fails}; "
             f"wrong merges (gold events of unlinked articles in one feature): {len(wrong)}"]
    if conflicts is not None:
        ceiling = Counter(why for why in conflicts.values() if why)
        parts = ", ".join(f"{c} {ceiling[c]}" for c in GOLD_CONFLICTS if ceiling[c]) or "none"
        merged = sum(1 for link, cause in diagnosis if cause == MERGED and conflicts.get(link))
        lines[0] += f"; links no one feature can match (gold differs: {parts}): {sum(ceiling.values())}, " \
                    f"{merged} of them merged"
    if uncounted is not None:
        why = ", ".join(f"{c} {n}" for c, n in sorted(uncounted.items())) or "none"
        lines[0] += f"; merged, matchable, not counted by score.py: {sum(uncounted.values())} ({why})"
    if verbose:
        lines += [f"  pair {link}: {cause}" for link, cause in diagnosis if cause != MERGED]
        lines += [f"  wrong merge {w}" for w in wrong]
    return "\n".join(lines)


def parse_summary(line: str) -> dict[str, float]:
    """Figures of score.py's summary line."""
    m = SUMMARY_RE.search(line)
    if m is None:
        msg = f"unexpected score.py summary line: {line!r}"
        raise ValueError(msg)
    return {k: (float(v) if "." in v else int(v)) for k, v in m.groupdict().items()}


def analyse(gold: Mapping[str, Mapping[str, Any]], places: Mapping[str, Sequence[Mapping[str, Any]]],
            events: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Calibration table and failure classes from gold, geoparse output and event properties."""
    correct: set[str] = set()
    missed: Counter[str] = Counter()
    spurious: Counter[str] = Counter()
    place_miss: Counter[str] = Counter()
    for art, g in gold.items():
        for gp in g.get("places", []):
            if gp.get("lat") is not None and (cls := classify_missed_place(gp, places.get(art, []))):
                place_miss[cls] += 1
        mine = [ev for ev in events if cites(ev, art)]
        gold_events = g.get("events", [])
        pairs, miss, spur = match_article(gold_events, mine)
        correct.update(str(mine[j].get("id")) for j in pairs.values())
        unused = [mine[j] for j in spur]
        for i in miss:
            missed[classify_missed_event(gold_events[i], unused)] += 1
        for j in spur:
            spurious[classify_spurious_event(mine[j], gold_events, [mine[k] for k in pairs.values()])] += 1
    return {"calibration": calibration(events, correct), "missed_places": dict(place_miss.most_common()),
            "missed_events": dict(missed.most_common()), "spurious_events": dict(spurious.most_common())}


def render(result: Mapping[str, Any]) -> str:
    """The calibration table and the failure-class counts as text."""
    lines = ["confidence calibration (events matched to gold by score.py's rule):",
             "| confidence | events | correct | share correct |", "|---|---|---|---|"]
    for band, row in result["calibration"].items():
        share = f"{row['correct'] / row['events']:.0%}" if row["events"] else "–"
        lines.append(f"| {band} | {row['events']} | {row['correct']} | {share} |")
    for key, title in (("missed_places", "missed places"), ("missed_events", "missed gold events"),
                       ("spurious_events", "spurious events")):
        counts = result[key]
        lines.append(f"{title} by class ({sum(counts.values())}): "
                     + (", ".join(f"{k} {v}" for k, v in counts.items()) or "none"))
    return "\n".join(lines)


# ---------------------------------------------------------------- edge


def main(argv: Sequence[str] | None = None) -> int:
    """Run geoparse, build and score.py on the real-news set; print and optionally save figures."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--realnews", type=Path, default=DEFAULT_SHARED / "realnews",
                    help="folder with articles/, gold.json, score.py (default: ../shared/realnews)")
    ap.add_argument("--articles", type=Path, help="articles folder (default: REALNEWS/articles)")
    ap.add_argument("--gold", type=Path, help="gold file (default: REALNEWS/gold.json)")
    ap.add_argument("--scorer", type=Path, help="scorer (default: REALNEWS/score.py)")
    ap.add_argument("--verbose", action="store_true", help="pass score.py's per-item lines through")
    ap.add_argument("--json", type=Path, metavar="OUT", help="write the figures as JSON")
    a = ap.parse_args(argv)
    articles = a.articles or a.realnews / "articles"
    gold_path = a.gold or a.realnews / "gold.json"
    scorer = a.scorer or a.realnews / "score.py"
    files = sorted(articles.glob("*.txt"))
    if not files:
        msg = f"no .txt articles in {articles}"
        raise SystemExit(msg)

    timings: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="realnews_") as tmp:
        tmpdir = Path(tmp)
        docs = tmpdir / "articles.jsonl"
        docs.write_text("".join(json.dumps({"id": f.name, "text": f.read_text(encoding="utf-8")}) + "\n"
                                for f in files), encoding="utf-8")
        places_path, build_dir = tmpdir / "places.jsonl", tmpdir / "build"
        run_step("geoparse", cli("geoparse", str(docs), "-o", str(places_path)), timings)
        run_step("build", cli("build", str(articles), "--out", str(build_dir)), timings)
        events_path = build_dir / "events.geojson"
        cmd = [sys.executable, str(scorer), str(gold_path), str(places_path), str(events_path)]
        out = run_step("score", [*cmd, "--verbose"] if a.verbose else cmd, timings)
        places = {d["id"]: d.get("places", []) for d in map(json.loads, places_path.read_text().splitlines())}
        events = [f["properties"] for f in json.loads(events_path.read_text())["features"]]
    gold = {k: v for k, v in json.loads(gold_path.read_text(encoding="utf-8")).items() if not k.startswith("_")}

    lines = out.strip().splitlines()
    if a.verbose:
        print("\n".join(lines[:-1]))
    print(lines[-1])
    diagnosis, wrong_merges = merge_diagnosis(gold, events)
    conflicts = link_conflicts(gold)
    print(render_merges(diagnosis, wrong_merges, verbose=a.verbose, conflicts=conflicts,
                        uncounted=uncounted_merges(gold, events, diagnosis, conflicts)))
    result = analyse(gold, places, events)
    print(render(result))
    print(format_timings(timings))
    if a.json:
        write_json(a.json, {"set": "realnews", "articles": len(files), "score": parse_summary(lines[-1]),
                            "events": len(events), **result,
                            "merges_ignoring_tolls": dict(Counter(cause for _l, cause in diagnosis)),
                            "wrong_merges": len(wrong_merges), "merges_unreachable": dict(gold_ceiling(gold)),
                            "timings_s": timings})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
