"""Gold events missed as "not extracted", each by the stage where it is lost (issue 13; session 17, recall23).

Run from the repository root::

    PYTHONPATH=. .venv/bin/python benchmarks/not_extracted_stages.py [SET ...]

SET is ``realnews`` (``../shared/realnews``) or a folder name under ``/work/sets`` (default: realnews, e1 … e16).
Each article is geoparsed and its events extracted alone (no cross-article merge); its gold events are paired with
them by score.py's rule (``realnews_eval.event_matches``, first fit in gold order), and a missed gold event that
``realnews_eval.classify_missed_event`` calls "not extracted" is traced by its gold place (spelling key, or its
first five letters) through the stages:

- ``a``: the place is not recognised, resolved in another admin-1 unit, or not usable as an incident's place;
- ``b``: the place is in a sentence with no trigger (``b2``: a trigger is there, but no event takes the place);
- ``c-trig``: a trigger pattern matched the sentence and a guard of ``triggers.triggers`` dropped it;
- ``c``: an event at the place was made and then dropped (sweeps, capitals, vague summaries, scope, consolidate);
- ``type/dup``: an event at the place exists with another type or sub-type (the gold's second event there folded
  into it: (d));
- ``o``: the gold event is oblast-level (no settlement named: "the incursion into the X region"), traced by its oblast.

Prints one line per event (set, article, type, sub-type, place, admin1, stage, detail) and the counts. Nothing is
written; no text of the sets enters the repository.
"""
from __future__ import annotations
import json
import sys
from collections import Counter
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script

from benchmarks.realnews_eval import classify_missed_event, event_matches  # noqa: E402
from pipeline.build import load_articles  # noqa: E402
from pipeline.events import extract as X  # noqa: E402
from pipeline.events.consolidate import consolidate  # noqa: E402
from pipeline.events.extract import extract_events  # noqa: E402
from pipeline.events.incidents import control_events, incident_events, read_sentences  # noqa: E402
from pipeline.events.scope import in_scope  # noqa: E402
from pipeline.events.ties import tie_places  # noqa: E402
from pipeline.events.triggers import INCIDENT_TRIGGERS, armed_conflict  # noqa: E402
from pipeline.scale.work import geoparser  # noqa: E402
from pipeline.text.translit import spelling_key  # noqa: E402

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "realnews"
if not SHARED.is_dir():  # a worktree under /work/wt: the shared folder is /work/shared
    SHARED = Path("/work/shared/realnews")
SETS = Path("/work/sets")


def folder(name: str) -> Path:
    """The folder of one development set."""
    return SHARED if name == "realnews" else SETS / name

def props(e) -> dict:
    """What score.py reads of an event."""
    return {"event_type": e.event_type, "admin1_code": e.admin1_code, "killed": e.killed, "injured": e.injured,
            "date": e.when.date}

def diag(name: str) -> list[tuple]:
    """(set, article, type, sub-type, place, admin1, stage, detail) of each not-extracted gold event of a set."""
    gold = json.loads((folder(name) / "gold.json").read_text())
    arts, _ = load_articles([folder(name) / "articles"])
    by = {a.name: a for a in arts}
    rows = []
    for art, entry in gold.items():
        if art.startswith("_") or not entry.get("events"):
            continue
        a = by.get(art)
        if a is None:
            continue
        places = geoparser().parse_places(a.text)
        events = extract_events(a.name, a.text, places, a.published)
        ps = [props(e) for e in events]
        used = set(); missed = []
        for g in entry["events"]:
            hit = next((j for j, p in enumerate(ps) if j not in used and event_matches(p, g)), None)
            if hit is None: missed.append(g)
            else: used.add(hit)
        rest = [p for j, p in enumerate(ps) if j not in used]
        for g in missed:
            cls = classify_missed_event(g, rest)
            if cls != "not extracted":
                continue
            stage, detail = stage_of(a, places, events, g)
            rows.append((name, art, g["type"], g.get("sub_type"), g.get("place"), g.get("admin1"), stage, detail))
    return rows

def _same(p, gp):
    ks = {spelling_key(p.text), spelling_key(p.name or "")}
    return any(k and gp and (k == gp or k[:5] == gp[:5]) for k in ks)

def stage_of(a, places, events, g) -> tuple[str, str]:
    """The stage where gold event ``g`` of article ``a`` is lost, and what shows it."""
    A = g.get("admin1"); text = a.text
    gp = spelling_key(g.get("place") or "")
    if not gp:  # an oblast-level gold event: no settlement named ("the incursion into the X region")
        sents = read_sentences(text, tie_places(text, places), a.published)
        told = [s for s in sents if s.triggers and any(p.admin1_code == A for p in (*s.points, *s.oblasts))]
        return "o", ("a trigger where the oblast is named: " + " || ".join(s.text[:160] for s in told[:2]) if told
                     else "no trigger in a sentence naming the oblast")
    named = [p for p in places if _same(p, gp)]
    namedA = [p for p in named if p.admin1_code == A]
    if not namedA:
        if named:
            return "a", "resolved elsewhere: " + ",".join(f"{p.text}->{p.admin1_code}/{p.feature_kind}" for p in named[:3])
        inA = [p for p in places if p.admin1_code == A]
        return "a", "not recognised" + (f" (admin1 places: {','.join(p.text for p in inA[:4])})" if inA else " (nothing of admin1)")
    if not armed_conflict(text):
        return "c", "armed_conflict"
    sents = read_sentences(text, tie_places(text, places), a.published)
    cand = [s for s in sents if any(_same(p, gp) and p.admin1_code == A for p in (*s.points, *s.oblasts))]
    if not cand:
        return "a", "place not usable: " + ",".join(f"{p.text}:{p.feature_kind}" for p in namedA[:3]) + " | " + \
            " || ".join(text[max(0,p.start-80):p.end+40].replace("\n"," ") for p in namedA[:2])
    raw = incident_events(a.name, text, sents, a.published) + control_events(a.name, text, sents, a.published)
    rawP = [e for e in raw if e.place is not None and _same(e.place, gp)]
    def show(ss):
        return " || ".join(f"[{','.join(t.sub+'/'+t.actor for t in s.triggers)}|{','.join(p.text for p in s.points+s.oblasts)}] {s.text[:220]}" for s in ss[:2])
    if not rawP:
        with_trig = [s for s in cand if s.triggers]
        if with_trig:
            return "b2", "trigger in sentence, place not taken: " + show(with_trig) + " ; raw: " + \
                ",".join(f"{e.sub_event_type}@{e.place.text if e.place else None}" for e in raw[:6])
        dropped = []
        for s in cand:
            for nm, rx in INCIDENT_TRIGGERS:
                m = rx.search(s.text)
                if m: dropped.append(f"{nm}:{m.group(0)!r}")
        if dropped:
            return "c-trig", "trigger guard dropped " + ";".join(dropped[:3]) + " :: " + show(cand)
        prev = [sents[s.index-1] for s in cand if s.index > 0 and sents[s.index-1].triggers]
        return "b", "no trigger: " + show(cand) + (" ; PREV has trigger: " + show(prev) if prev else "")
    ev = X._without_sweeps(incident_events(a.name, text, sents, a.published), sents)
    ct = X._without_capitals(X._without_vague_summaries(control_events(a.name, text, sents, a.published)))
    allv = ev + ct
    steps = []
    if not [e for e in allv if e.place is not None and _same(e.place, gp)]:
        steps.append("sweeps/capitals/vague")
    sc = in_scope(allv, text)
    if [e for e in allv if e.place is not None and _same(e.place, gp)] and not [e for e in sc if e.place is not None and _same(e.place, gp)]:
        steps.append("scope")
    co = consolidate(sc)
    if [e for e in sc if e.place is not None and _same(e.place, gp)] and not [e for e in co if e.place is not None and _same(e.place, gp)]:
        steps.append("consolidate(d)")
    fin = [e for e in events if e.place is not None and _same(e.place, gp)]
    desc = ",".join(f"{e.event_type}/{e.sub_event_type}@{e.place.text}:{e.admin1_code}" for e in rawP[:3])
    findesc = ",".join(f"{e.event_type}/{e.sub_event_type}@{e.place.text}:{e.admin1_code}" for e in fin[:3])
    if fin:
        return "type/dup", f"final has {findesc}; raw {desc}"
    return "c", ("/".join(steps) or "later (war_news?)") + " raw: " + desc

if __name__ == "__main__":
    sets = sys.argv[1:] or ["realnews"] + [f"e{i}" for i in range(1, 17)]
    allrows = []
    for s in sets:
        rows = diag(s)
        allrows += rows
        for r in rows:
            print("\t".join(str(x) for x in r), flush=True)
    print(Counter(r[6] for r in allrows))
    print(Counter((r[2], r[3]) for r in allrows))
