"""Does a learned (sentence, place) classifier add the incidents the rules miss, on sets it was not trained on?

Run from the repository root (scikit-learn is needed for this benchmark only, not by the tool; use a venv of your
own that also sees the project's packages)::

    PYTHONPATH=. python benchmarks/learned_loso.py SET [SET ...] [--thresholds 0.5 0.7 0.9]

SET is ``realnews`` (``../shared/realnews``) or a folder name under ``/work/sets`` (articles/, gold.json). Leave one
set out: for each SET in turn a classifier is trained on the units of the other sets and used on it.

- **Units.** Every (sentence, usable place) pair the pipeline already reads (``incidents.read_sentences``: its
  towns, landmarks and oblasts), from articles the pipeline treats as war news.
- **Labels** (gold gives no sentence): a unit is labelled with a gold event's type when that event's place text or
  one of its gold variants is the unit's place text (case-insensitive), in the same admin-1 unit; an oblast-level
  gold event (no place) labels the units of that oblast. Every sentence naming the place gets the label, also those
  that only mention it (the noise is counted and printed: gold events with no unit, with one, with several).
- **Model.** A logistic regression (balanced classes) over tf-idf of the sentence's words and word pairs (the place
  masked as ``_tgt_``, other places as ``_plc_``, digits as ``0``), of the words just left and right of the place,
  and tokens of what the rules read there (trigger sub-types, figures, a date, the headline, the place's kind).
  Classes: none, frontline_incident, casualty_report.
- **Add.** In the held-out set, a place whose best unit is at or above a threshold for a type becomes an event of
  that type (a casualty report only with a toll ``figures.casualties`` reads in that sentence; the date the rules read
  in that sentence, else the page's), unless the rules already have an event at that place, or (``admin1`` variant)
  in its admin-1 unit. Added events go through the build's own merge and are scored by the set's ``score.py``.
- **Veto.** Rule events whose place's best unit is below a threshold for their type are dropped.

Everything runs in this process (geoparse once per article, then ``build_paths`` with ``extract_events``
wrapped); nothing of the sets is written anywhere but a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script

from pipeline import build as B  # noqa: E402
from pipeline.events import extract as X  # noqa: E402
from pipeline.events.figures import casualties  # noqa: E402
from pipeline.events.incidents import _event_at, _when, date_basis, one_sense, read_sentences  # noqa: E402
from pipeline.events.records import Event, Source  # noqa: E402
from pipeline.events.ties import tie_places  # noqa: E402
from pipeline.events.triggers import armed_conflict  # noqa: E402
from pipeline.scale import work as W  # noqa: E402

SHARED = Path("/work/shared")  # ../shared seen from the main clone
SETS_ROOT = Path("/work/sets")
SCORER = SHARED / "realnews" / "score.py"
TYPES = ("none", "frontline_incident", "casualty_report")
WINDOW = 5  # words either side of the place
SUMMARY = re.compile(r"tp (\d+), fp (\d+), fn (\d+)\); casualty reports (\d+)/(\d+); merges (\d+)/(\d+)")


@dataclass
class Unit:
    article: str
    sent_index: int
    place_key: str  # lower-case surface text
    admin1: str | None
    kind: str
    text: str
    window: str
    facts: str
    label: str = "none"
    covered: bool = False  # the rules already have an event at this place (set by the harness)


@dataclass
class ArticleData:
    units: list[Unit] = field(default_factory=list)
    sentences: list[Any] = field(default_factory=list)
    places: dict[tuple[int, str], Any] = field(default_factory=dict)  # (sentence index, key) -> Place
    published: Any = None
    text: str = ""


def set_dir(name: str) -> Path:
    """The folder of a set by its short name."""
    return SHARED / "realnews" if name == "realnews" else SETS_ROOT / name


# ---------------------------------------------------------------- units


def _norm(s: str) -> str:
    return re.sub(r"\d", "0", s.lower())


def units_of(article: str, text: str, places: list, published) -> ArticleData:
    """The (sentence, place) units of one article, with what the classifier reads of each."""
    data = ArticleData(published=published, text=text)
    if not armed_conflict(text):
        return data
    places = one_sense(places, text)
    sentences = read_sentences(text, tie_places(text, places), published)
    data.sentences = sentences
    for sent in sentences:
        here = [*sent.points, *sent.oblasts]
        if not here:
            continue
        spans = sorted((p.start - sent.start, p.end - sent.start) for p in here)
        for p in here:
            s0, e0 = p.start - sent.start, p.end - sent.start
            pieces, last = [], 0
            for a, b in spans:
                if a < last or a < 0 or b > len(sent.text):
                    continue
                pieces.append(_norm(sent.text[last:a]))
                pieces.append(" _tgt_ " if (a, b) == (s0, e0) else " _plc_ ")
                last = b
            pieces.append(_norm(sent.text[last:]))
            masked = "".join(pieces)
            left = re.findall(r"\w+", _norm(sent.text[:max(s0, 0)]))[-WINDOW:]
            right = re.findall(r"\w+", _norm(sent.text[max(e0, 0):]))[:WINDOW]
            window = " ".join([f"l_{w}" for w in left] + [f"r_{w}" for w in right])
            facts = " ".join([f"kind_{p.feature_kind}", f"ntrig_{min(len(sent.triggers), 2)}",
                              *[f"trig_{t.sub}" for t in sent.triggers],
                              *[f"fig_{f.kind}_{f.role}" for f in sent.figures],
                              f"dated_{sent.date is not None}", f"head_{sent.index == 0}",
                              f"earlier_{sent.earlier}", f"npoints_{min(len(sent.points), 3)}",
                              f"country_{p.country_code}"])
            key = p.text.lower()
            data.units.append(Unit(article, sent.index, key, p.admin1_code, p.feature_kind, masked, window, facts))
            data.places.setdefault((sent.index, key), p)
    return data


def label(data: dict[str, ArticleData], gold: dict[str, Any]) -> Counter:
    """Label the units from the gold events; count how many units each gold event aligns to."""
    noise: Counter = Counter()
    for art, entry in gold.items():
        d = data.get(art)
        units = d.units if d else []
        variants: dict[str, set[str]] = {}
        for gp in entry.get("places", []):
            names = {gp["text"].lower(), *(v.lower() for v in gp.get("variants", []))}
            for n in names:
                variants.setdefault(n, set()).update(names)
        for ev in entry.get("events", []):
            if ev["type"] not in TYPES:
                noise["other type"] += 1
                continue
            if ev.get("place"):
                names = variants.get(ev["place"].lower(), {ev["place"].lower()})
                hits = [u for u in units if u.place_key in names and u.admin1 == ev.get("admin1")]
            else:
                hits = [u for u in units if u.kind == "admin1" and u.admin1 == ev.get("admin1")]
            noise["no unit" if not hits else "one unit" if len(hits) == 1 else "2-3 units" if len(hits) <= 3
                  else "4+ units"] += 1
            for u in hits:
                if u.label != "casualty_report":  # of two gold events at one place, the casualty report wins
                    u.label = ev["type"]
    return noise


RANK = {t: i for i, t in enumerate(TYPES)}


def by_place(units: list[Unit], sentences: list[Any]) -> list[Unit]:
    """One unit per place of an article: its sentences' words, windows and facts together, how often and how early
    it is named; labelled with the strongest of its sentences' labels. Its sentence (for the source, the date and a
    toll) is the first that has a trigger or a figure, else its first."""
    groups: dict[str, list[Unit]] = {}
    for u in units:
        groups.setdefault(u.place_key, []).append(u)
    out = []
    for key, us in groups.items():
        lead = next((u for u in us if sentences[u.sent_index].triggers or sentences[u.sent_index].figures), us[0])
        facts = " ".join(sorted(set(" ".join(u.facts for u in us).split())))
        facts += f" mentions_{min(len(us), 4)} first_{min(us[0].sent_index, 5)}"
        label_ = max((u.label for u in us), key=RANK.__getitem__)
        out.append(Unit(us[0].article, lead.sent_index, key, us[0].admin1, us[0].kind,
                        " ||| ".join(u.text for u in us), " ".join(u.window for u in us), facts, label_,
                        us[0].covered))
    return out


# ---------------------------------------------------------------- model


def fit(units: list[Unit], c: float, parts: tuple[str, ...] = ("text", "window", "facts")):
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    make = {"text": lambda: TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True),
            "window": lambda: TfidfVectorizer(token_pattern=r"\S+", min_df=2),
            "facts": lambda: TfidfVectorizer(token_pattern=r"\S+", lowercase=False)}
    vecs = [make[a]() for a in parts]
    x = hstack([v.fit_transform([getattr(u, a) for u in units]) for v, a in zip(vecs, parts)]).tocsr()
    model = LogisticRegression(C=c, class_weight="balanced", max_iter=2000)
    model.fit(x, [u.label for u in units])

    def predict(us: list[Unit]):
        if not us:
            return []
        xx = hstack([v.transform([getattr(u, a) for u in us]) for v, a in zip(vecs, parts)])
        probs = model.predict_proba(xx.tocsr())
        return [dict(zip(model.classes_, row)) for row in probs]

    return predict


# ---------------------------------------------------------------- build with the classifier


@dataclass
class Plan:
    probs: dict[str, list[dict[str, float]]]  # article -> per unit
    units: dict[str, list[Unit]]  # article -> the units ``probs`` scores
    add_at: float | None = None
    scope: str = "place"  # or "admin1"
    veto_at: float | None = None
    show: bool = False  # print each event added or dropped
    alone: bool = False  # the classifier alone: the rules' incidents dropped, annexation claims kept


def _best(units: list[Unit], probs: list[dict[str, float]]) -> dict[tuple[str, str], tuple[float, Unit]]:
    best: dict[tuple[str, str], tuple[float, Unit]] = {}
    for u, pr in zip(units, probs):
        for t in TYPES[1:]:
            k = (u.place_key, t)
            if k not in best or pr.get(t, 0.0) > best[k][0]:
                best[k] = (pr.get(t, 0.0), u)
    return best


def adjust(article: str, events: list[Event], data: ArticleData, plan: Plan) -> list[Event]:
    """The rules' events of one article, with the classifier's additions and vetoes."""
    probs = plan.probs.get(article) or []
    if not data.units or not probs:
        return events
    best = _best(plan.units[article], probs)
    if plan.alone:
        events = [e for e in events if e.event_type not in TYPES]
    out = list(events)
    if plan.veto_at is not None:
        def keep(e: Event) -> bool:
            if e.event_type not in TYPES or e.place is None:
                return True
            got = best.get((e.place.text.lower(), e.event_type))
            if got is not None and got[0] < plan.veto_at and plan.show:
                print(f"    veto {article}: {e.event_type} {e.sub_event_type} {e.place.text} p={got[0]:.2f}")
            return got is None or got[0] >= plan.veto_at
        out = [e for e in out if keep(e)]
    if plan.add_at is not None:
        have_place = {e.place.text.lower() for e in events if e.place is not None}
        have_names = {e.place.name for e in events if e.place is not None}
        have_unit = {e.admin1_code for e in events}
        added: set[str] = set()
        for (key, t), (p, u) in sorted(best.items(), key=lambda kv: (-kv[1][0], kv[0])):
            if p < plan.add_at or key in have_place or key in added:
                continue
            place = data.places[(u.sent_index, key)]
            if place.name in have_names or plan.scope == "admin1" and place.admin1_code in have_unit:
                continue
            sent = data.sentences[u.sent_index]
            killed = injured = None
            sub = next((tr.sub for tr in sent.triggers), "attack")
            if t == "casualty_report":
                killed, injured, _w = casualties(sent.text)
                if killed is None and injured is None:
                    continue
            when = _when(sent.date, data.published)
            src = Source(article, sent.text, sent.start, sent.end)
            ev = _event_at(t, sub, when, place, data.text, [src], 0.5, killed=killed, injured=injured,
                           actor="unknown")
            ev.date_basis = date_basis(sent.text, sent.date, data.published)
            out.append(ev)
            if plan.show:
                print(f"    add {article}: {t} {sub} {place.text} {place.admin1_code} k={killed} i={injured} p={p:.2f}")
            added.add(key)
            have_unit.add(place.admin1_code)
    return out


class Harness:
    """Geoparse each article once; build a set with ``extract_events`` wrapped."""

    def __init__(self) -> None:
        self.memo: dict[str, list] = {}
        self.data: dict[str, ArticleData] = {}
        self.plan: Plan | None = None
        real_geoparser, real_extract = W.geoparser, X.extract_events
        harness = self

        class _Memo:
            def parse_places(self, text: str) -> list:
                if text not in harness.memo:
                    harness.memo[text] = real_geoparser().parse_places(text)
                return harness.memo[text]

        def extract(article: str, text: str, places: list, published) -> list[Event]:
            events = real_extract(article, text, places, published)
            if article not in harness.data:
                harness.data[article] = units_of(article, text, places, published)
                texts = {e.place.text.lower() for e in events if e.place is not None}
                names = {e.place.name for e in events if e.place is not None}
                d = harness.data[article]
                for u in d.units:
                    u.covered = u.place_key in texts or d.places[(u.sent_index, u.place_key)].name in names
            if harness.plan is not None:
                events = adjust(article, events, harness.data[article], harness.plan)
            return events

        W.geoparser = lambda: _Memo()
        W.extract_events = extract

    def run(self, name: str, plan: Plan | None) -> dict[str, int]:
        folder = set_dir(name)
        self.plan = plan
        with tempfile.TemporaryDirectory(prefix="learned_") as tmp:
            out = Path(tmp) / "build"
            B.build_paths([folder / "articles"], out, jobs=1)
            places = Path(tmp) / "places.jsonl"
            with places.open("w", encoding="utf-8") as fh:
                for f in sorted((folder / "articles").glob("*.txt")):
                    text = next((a.text for a in B.load_articles([f])[0]), "")
                    found = self.memo.get(text, [])
                    fh.write(json.dumps({"id": f.name, "places": [
                        {"text": p.text, "name": p.name, "lat": p.lat, "lon": p.lon, "admin1_code": p.admin1_code}
                        for p in found]}) + "\n")
            res = subprocess.run([sys.executable, str(SCORER), str(folder / "gold.json"), str(places),
                                  str(out / "events.geojson")], capture_output=True, text=True, check=True)
        line = res.stdout.strip().splitlines()[-1]
        m = SUMMARY.search(line)
        tp, fp, fn, cok, ctot, mok, mtot = map(int, m.groups())
        return {"tp": tp, "fp": fp, "fn": fn, "cas": cok, "cas_tot": ctot, "merges": mok, "merges_tot": mtot}


def curve(sets: list[str], articles_of: dict[str, list[str]], units_of: dict[str, list[Unit]], c: float,
          parts: tuple[str, ...], *, residual: bool = False) -> int:
    """A learning curve: for each held-out set, every choice of k training sets among the others; the AUC of "an
    event here" on all held-out units and on the residual ones (no rule event at that place), and of the residual
    units scored >= 0.5, how many carry a gold event."""
    from itertools import combinations

    print("| training sets | held-out AUC all | AUC residual | residual positives | residual >= 0.5: labelled / all |")
    print("|---|---|---|---|---|")
    for k in range(1, len(sets)):
        aucs, raucs, pos, hit, flagged = [], [], 0, 0, 0
        for held in sets:
            others = [s for s in sets if s != held]
            for combo in combinations(others, k):
                train = [u for s in combo for art in articles_of[s] for u in units_of[art]
                         if not (residual and u.covered)]
                predict = fit(train, c, parts)
                us = [u for art in articles_of[held] for u in units_of[art]]
                score = [max(p.get(t, 0.0) for t in TYPES[1:]) for p in predict(us)]
                aucs.append(_auc(score, [u.label != "none" for u in us]))
                rest = [(sc, u.label != "none") for sc, u in zip(score, us) if not u.covered]
                raucs.append(_auc([r[0] for r in rest], [r[1] for r in rest]))
                pos += sum(r[1] for r in rest)
                flagged += sum(r[0] >= 0.5 for r in rest)
                hit += sum(r[0] >= 0.5 and r[1] for r in rest)
        mean = lambda xs: sum(x for x in xs if x == x) / max(1, sum(1 for x in xs if x == x))  # noqa: E731
        print(f"| {k} ({len(aucs)} fits) | {mean(aucs):.3f} | {mean(raucs):.3f} | {pos / len(aucs):.1f} per fit | "
              f"{hit}/{flagged} |", flush=True)
    return 0


def _auc(scores: list[float], positive: list[bool]) -> float:
    """Probability that a positive unit scores above a negative one (ties count half)."""
    pos = [s for s, y in zip(scores, positive) if y]
    neg = [s for s, y in zip(scores, positive) if not y]
    if not pos or not neg:
        return float("nan")
    wins = sum((p > n) + 0.5 * (p == n) for p in pos for n in neg)
    return wins / (len(pos) * len(neg))


def f1(r: dict[str, int]) -> float:
    p = r["tp"] / (r["tp"] + r["fp"]) if r["tp"] + r["fp"] else 0.0
    q = r["tp"] / (r["tp"] + r["fn"]) if r["tp"] + r["fn"] else 0.0
    return 2 * p * q / (p + q) if p + q else 0.0


def fmt(r: dict[str, int]) -> str:
    return f"{r['tp']}/{r['fp']}/{r['fn']} F1 {f1(r):.3f} cas {r['cas']}/{r['cas_tot']} m {r['merges']}/{r['merges_tot']}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("sets", nargs="+")
    ap.add_argument("--thresholds", nargs="+", type=float, default=[0.5, 0.6, 0.7, 0.8, 0.9])
    ap.add_argument("--veto", nargs="*", type=float, default=[0.1, 0.2, 0.3])
    ap.add_argument("--alone", nargs="*", type=float, default=[],
                    help="also score the classifier alone (no rule incident) at these thresholds")
    ap.add_argument("--c", type=float, default=1.0, help="inverse L2 strength (sklearn's C)")
    ap.add_argument("--parts", default="text,window,facts", help="feature groups, comma-separated")
    ap.add_argument("--curve", action="store_true",
                    help="no builds: held-out AUC on the places the rules left (residual) by number of training sets")
    ap.add_argument("--train-residual", action="store_true",
                    help="train only on the places the rules left without an event (what the adder faces)")
    ap.add_argument("--show", action="store_true", help="print the events added (lowest threshold) or dropped")
    ap.add_argument("--level", choices=("sentence", "place"), default="sentence",
                    help="classify each (sentence, place) unit, or each place of an article with all its sentences")
    a = ap.parse_args(argv)

    h = Harness()
    base: dict[str, dict[str, int]] = {}
    articles_of: dict[str, list[str]] = {}
    gold_of: dict[str, dict[str, Any]] = {}
    for s in a.sets:
        before = set(h.data)
        base[s] = h.run(s, None)
        articles_of[s] = sorted(set(h.data) - before)
        gold = json.loads((set_dir(s) / "gold.json").read_text(encoding="utf-8"))
        gold_of[s] = {k: v for k, v in gold.items() if not k.startswith("_")}
        noise = label({k: h.data[k] for k in articles_of[s]}, gold_of[s])
        labels = Counter(u.label for k in articles_of[s] for u in h.data[k].units)
        bare = sum(1 for k in articles_of[s] for u in h.data[k].units if u.label != "none" and
                   not h.data[k].sentences[u.sent_index].triggers and not h.data[k].sentences[u.sent_index].figures)
        print(f"{s}: rules {fmt(base[s])}; units {sum(labels.values())} {dict(labels)}; "
              f"gold events aligned {dict(noise)}; positive units with no trigger or figure read in their sentence "
              f"{bare}/{sum(labels.values()) - labels['none']}", flush=True)

    if a.level == "place":
        units_of_article = {k: by_place(d.units, d.sentences) for k, d in h.data.items()}
    else:
        units_of_article = {k: d.units for k, d in h.data.items()}
    parts = tuple(a.parts.split(","))
    if a.curve:
        return curve(a.sets, articles_of, units_of_article, a.c, parts, residual=a.train_residual)
    rows: dict[str, dict[str, dict[str, int]]] = defaultdict(dict)
    for held in a.sets:
        train = [u for s in a.sets if s != held for k in articles_of[s] for u in units_of_article[k]
                 if not (a.train_residual and u.covered)]
        predict = fit(train, a.c, parts)
        units = {k: units_of_article[k] for k in articles_of[held]}
        probs = {k: predict(units[k]) for k in articles_of[held]}
        auc = _auc([max(p.get(t, 0.0) for t in TYPES[1:]) for k in units for p in probs[k]],
                   [u.label != "none" for k in units for u in units[k]])
        print(f"  {held}: {sum(map(len, units.values()))} units, event-vs-none AUC {auc:.3f}", flush=True)
        for t in a.thresholds:
            for scope in ("place", "admin1"):
                rows[f"add>={t} {scope}"][held] = h.run(held, Plan(probs, units, add_at=t, scope=scope,
                                                                   show=a.show and t == min(a.thresholds)))
        for v in a.veto:
            rows[f"veto<{v}"][held] = h.run(held, Plan(probs, units, veto_at=v, show=a.show and v == min(a.veto)))
        # the ceiling of adding: the held-out units' own (noisy) gold labels in place of the classifier
        oracle = {k: [{t: float(u.label == t) for t in TYPES} for u in units[k]] for k in articles_of[held]}
        rows["oracle add place"][held] = h.run(held, Plan(oracle, units, add_at=0.5, scope="place"))
        rows["oracle add admin1"][held] = h.run(held, Plan(oracle, units, add_at=0.5, scope="admin1"))
        for t in a.alone:
            rows[f"classifier alone >={t}"][held] = h.run(held, Plan(probs, units, add_at=t, alone=True))
        for name in rows:
            print(f"  {held} {name}: {fmt(rows[name][held])} (rules {fmt(base[held])})", flush=True)

    print("\n| variant | " + " | ".join(a.sets) + " | pooled tp/fp/fn F1 | sets better/same/worse |")
    print("|---|" + "---|" * (len(a.sets) + 2))
    pooled = {k: sum(base[s][k] for s in a.sets) for k in base[a.sets[0]]}
    print("| rules alone | " + " | ".join(f"{base[s]['tp']}/{base[s]['fp']}/{base[s]['fn']}" for s in a.sets) +
          f" | {pooled['tp']}/{pooled['fp']}/{pooled['fn']} {f1(pooled):.3f} | |")
    for name, by in rows.items():
        pooled = {k: sum(by[s][k] for s in a.sets) for k in by[a.sets[0]]}
        moves = Counter("better" if f1(by[s]) > f1(base[s]) + 1e-9 else "worse" if f1(by[s]) < f1(base[s]) - 1e-9
                        else "same" for s in a.sets)
        print(f"| {name} | " + " | ".join(f"{by[s]['tp']}/{by[s]['fp']}/{by[s]['fn']}" for s in a.sets) +
              f" | {pooled['tp']}/{pooled['fp']}/{pooled['fn']} {f1(pooled):.3f} | "
              f"{moves['better']}/{moves['same']}/{moves['worse']} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
