"""Fit the events' confidence on every development set and measure how it transfers: leave one set out.

Run from the repository root::

    PYTHONPATH=. .venv/bin/python benchmarks/confidence_fit.py [--sets realnews e1 e2 ...] [--cache DIR]
        [--write pipeline/events/confidence_weights.json]

For each set (``../shared/realnews``, ``/work/sets/eN``: articles/, gold.json) it builds the set with
``conflictmap build`` (the merged events, as ``score.py`` sees them) and extracts every article again in process
with ``confidence.FACTS`` open (each article's events with their named facts, ``confidence.facts``). Every
(article, event) pair that ``score.py`` counts is one unit, labelled right or spurious by score.py's rule
(``realnews_eval.match_article``), with the facts of that article's event(s) inside the merged event.

It then fits a small L2-regularised logistic model (pure numpy) on the facts, and evaluates, leaving each set out
in turn (train on the others, test on it): precision / recall / F1 of the held-out set when the events whose
confidence is below a threshold (chosen on the training sets) are dropped, for (a) the shipped formula (the
built ``confidence``) and (b) the
fitted model, against (c) keeping every event. Dropping is simulated exactly: a merged event's confidence is its
members' best plus ``conf_per_extra_source`` per further report, and score.py's matching is rerun on what is left.
Also prints the confidence-band table over all sets. ``--write`` saves the model fitted on all sets.
Nothing of the sets is written to the repository; ``--cache`` keeps the collected units (figures and facts only).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script

from benchmarks._realworld import DEFAULT_SHARED, cli, run_step  # noqa: E402
from benchmarks.realnews_eval import cites, match_article  # noqa: E402

SETS_ROOT = Path("/work/sets")
L2 = 1.0  # ridge penalty of the logistic fit (per unit; few wrong events: keep the weights small)
THRESHOLDS = tuple(round(x, 2) for x in np.arange(0.0, 0.96, 0.05))


def set_dir(name: str) -> Path:
    """The folder of a development set by its short name."""
    return DEFAULT_SHARED / "realnews" if name == "realnews" else SETS_ROOT / name


# ---------------------------------------------------------------- collection (edge)


def collect(name: str) -> dict[str, Any]:
    """Build one set, extract its articles with the facts recorded, and label every (article, event) unit."""
    from pipeline.build import load_articles
    from pipeline.events.confidence import FACTS
    from pipeline.scale.work import process_article

    root = set_dir(name)
    gold = {k: v for k, v in json.loads((root / "gold.json").read_text(encoding="utf-8")).items()
            if not k.startswith("_")}
    with tempfile.TemporaryDirectory(prefix="confit_") as tmp:
        run_step("build", cli("build", str(root / "articles"), "--out", f"{tmp}/build"), {})
        feats = [f["properties"] for f in json.loads(Path(f"{tmp}/build/events.geojson").read_text())["features"]]
    articles, _errors = load_articles([root / "articles"])
    members: dict[str, list[tuple[set[tuple[int, int]], str, dict[str, float], float]]] = {}
    for article in articles:
        with FACTS.collecting() as rows:
            process_article(article)
        members[article.name] = [({(s.start, s.end) for s in r.event.sources}, r.event.event_type, r.facts,
                                  r.event.confidence) for r in rows]
    units = []
    for art, g in gold.items():
        mine = [f for f in feats if cites(f, art)]
        pairs, _missed, _spurious = match_article(g.get("events", []), mine)
        right = set(pairs.values())
        for j, f in enumerate(mine):
            spans = {(s["start"], s["end"]) for s in f["sources"] if s["article"] == art}
            own = [m for m in members.get(art, []) if m[1] == f["event_type"] and m[0] & spans]
            best = max(own, key=lambda m: m[3]) if own else None
            units.append({"article": art, "feature": f["id"], "label": int(j in right),
                          "facts": best[2] if best else None, "main": best[3] if best else None})
    slim = [{k: f.get(k) for k in ("id", "event_type", "admin1_code", "killed", "injured", "date", "confidence",
                                   "n_sources")} | {"articles": sorted({s["article"] for s in f["sources"]}),
                                                    "tolls_differ": tolls_differ(f.get("source_tolls") or [])}
            for f in feats]
    return {"set": name, "gold": {a: {"events": g.get("events", [])} for a, g in gold.items()}, "features": slim,
            "units": units}


# ---------------------------------------------------------------- pure helpers


def tolls_differ(source_tolls: Sequence[Mapping[str, Any]]) -> bool:
    """Whether the articles of a merged casualty report state different figures of one kind (``merge``'s rule)."""
    return any(len({t[k] for t in source_tolls if t.get(k) is not None}) > 1 for k in ("killed", "injured"))


def fact_names(data: Sequence[Mapping[str, Any]]) -> list[str]:
    """The fact names of the units (in the order ``confidence.facts`` gives them)."""
    for d in data:
        for u in d["units"]:
            if u["facts"]:
                return list(u["facts"])
    return []


def design(units: Sequence[Mapping[str, Any]], names: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Facts matrix and labels of the units that have facts (not annexation claims)."""
    rows = [u for u in units if u["facts"]]
    x = np.array([[u["facts"][n] for n in names] for u in rows], dtype=float).reshape(len(rows), len(names))
    return x, np.array([u["label"] for u in rows], dtype=float)


def fit_logistic(x: np.ndarray, y: np.ndarray, *, l2: float = L2, steps: int = 3000) -> tuple[float, np.ndarray]:
    """Intercept and weights of an L2-penalised logistic regression (Newton's method; the intercept unpenalised)."""
    xb = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(xb.shape[1])
    penalty = np.full(xb.shape[1], l2)
    penalty[0] = 0.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-xb @ w))
        grad = xb.T @ (p - y) + penalty * w
        hess = (xb * (p * (1 - p))[:, None]).T @ xb + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return float(w[0]), w[1:]


def predict(intercept: float, weights: np.ndarray, facts: Mapping[str, float], names: Sequence[str]) -> float:
    """The model's probability for one event's facts."""
    z = intercept + sum(float(w) * facts[n] for w, n in zip(weights, names))
    return float(1.0 / (1.0 + np.exp(-z)))


def feature_confidence(d: Mapping[str, Any], unit_score: Mapping[tuple[str, str], float | None],
                       per_source: float, toll_disagreement: float) -> dict[str, float]:
    """Each merged event's confidence: its members' best, plus ``per_source`` per further report, or
    ``toll_disagreement`` once when their tolls differ (``merge``'s rule, approximately); claims keep theirs."""
    out = {}
    for f in d["features"]:
        scores = [s for a in f["articles"] if (s := unit_score.get((a, f["id"]))) is not None]
        if scores and f.get("tolls_differ"):
            out[f["id"]] = max(0.05, max(scores) + toll_disagreement)
        elif scores:
            out[f["id"]] = min(0.99, max(scores) + per_source * max(0, (f.get("n_sources") or 1) - 1))
        else:
            out[f["id"]] = float(f.get("confidence") or 0.0)
    return out


def prf(d: Mapping[str, Any], kept: set[str]) -> tuple[int, int, int]:
    """tp, fp, fn of score.py's rule on the set's merged events in ``kept``."""
    tp = fp = fn = 0
    feats = [f for f in d["features"] if f["id"] in kept]
    for art, g in d["gold"].items():
        mine = [f for f in feats if art in f["articles"]]
        pairs, missed, spurious = match_article(g["events"], mine)
        tp, fp, fn = tp + len(pairs), fp + len(spurious), fn + len(missed)
    return tp, fp, fn


def f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall, F1."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def scored(d: Mapping[str, Any], conf: Mapping[str, float], threshold: float) -> tuple[int, int, int]:
    """tp, fp, fn when events below ``threshold`` are dropped."""
    return prf(d, {fid for fid, c in conf.items() if c >= threshold})


def brier(d: Mapping[str, Any], conf: Mapping[str, float]) -> float:
    """Mean squared gap between each (article, event) unit's confidence and its label (0 spurious, 1 right)."""
    units = d["units"]
    return sum((conf.get(u["feature"], 0.0) - u["label"]) ** 2 for u in units) / max(1, len(units))


def best_threshold(train: Sequence[tuple[Mapping[str, Any], Mapping[str, float]]]) -> float:
    """The threshold with the best pooled F1 on the training sets (the lowest of equals: drop as little as possible)."""
    best, best_f = 0.0, -1.0
    for t in THRESHOLDS:
        tp = fp = fn = 0
        for d, conf in train:
            a, b, c = scored(d, conf, t)
            tp, fp, fn = tp + a, fp + b, fn + c
        score = f1(tp, fp, fn)[2]
        if score > best_f + 1e-9:
            best, best_f = t, score
    return best


def bands(data: Sequence[Mapping[str, Any]], confs: Sequence[Mapping[str, float]],
          edges: Sequence[float] = (0.0, 0.5, 0.7, 0.85)) -> list[tuple[str, int, int]]:
    """(band, units, right) over every (article, event) unit of every set."""
    rows = []
    for lo, hi in zip(edges, [*edges[1:], 1.01]):
        n = k = 0
        for d, conf in zip(data, confs):
            for u in d["units"]:
                c = conf.get(u["feature"], 0.0)
                if lo <= c < hi:
                    n, k = n + 1, k + u["label"]
        rows.append((f"{lo:.2f}-{min(hi, 1.0):.2f}", n, k))
    return rows


# ---------------------------------------------------------------- main


def main(argv: Sequence[str] | None = None) -> int:
    """Collect (or read the cache), then fit and evaluate leaving one set out."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sets", nargs="+", default=["realnews", "e1", "e2", "e3", "e4", "e5", "e6"])
    ap.add_argument("--cache", type=Path, help="folder keeping each set's collected units (reused when present)")
    ap.add_argument("--l2", type=float, default=L2)
    ap.add_argument("--facts", nargs="+", help="fit on these facts only (default: all of ``confidence.facts``)")
    ap.add_argument("--write", type=Path, help="write the model fitted on every set as JSON")
    a = ap.parse_args(argv)
    from pipeline.events.weights import WEIGHTS

    data = []
    for name in a.sets:
        if not (set_dir(name) / "gold.json").exists():
            print(f"{name}: no gold.json, skipped")
            continue
        cached = a.cache / f"{name}.json" if a.cache else None
        if cached is not None and cached.exists():
            data.append(json.loads(cached.read_text()))
        else:
            data.append(collect(name))
            if cached is not None:
                cached.parent.mkdir(parents=True, exist_ok=True)
                cached.write_text(json.dumps(data[-1]))
    names = a.facts or fact_names(data)
    main_confs = [{f["id"]: float(f.get("confidence") or 0.0) for f in d["features"]} for d in data]
    print("units (article, event) per set: " + ", ".join(
        f"{d['set']} {len(d['units'])} ({sum(1 - u['label'] for u in d['units'])} wrong)" for d in data))

    def model_confs(train: Sequence[Mapping[str, Any]]) -> tuple[float, np.ndarray, list[dict[str, float]]]:
        x, y = design([u for d in train for u in d["units"]], names)
        b, w = fit_logistic(x, y, l2=a.l2)
        confs = []
        for d in data:
            unit_score = {(u["article"], u["feature"]): (predict(b, w, u["facts"], names) if u["facts"] else None)
                          for u in d["units"]}
            confs.append(feature_confidence(d, unit_score, WEIGHTS.conf_per_extra_source,
                                             WEIGHTS.conf_toll_disagreement))
        return b, w, confs

    print("\nleave one set out (threshold chosen on the other sets; P/R/F1 of the held-out set):")
    print("| held out | keep all | shipped formula, threshold | fitted model, threshold | Brier shipped / model |")
    print("|---|---|---|---|---|")
    totals = {"all": [0, 0, 0], "main": [0, 0, 0], "model": [0, 0, 0]}
    for i, d in enumerate(data):
        others = [k for k in range(len(data)) if k != i]
        t_main = best_threshold([(data[k], main_confs[k]) for k in others])
        _b, _w, confs = model_confs([data[k] for k in others])
        t_model = best_threshold([(data[k], confs[k]) for k in others])
        cells = []
        for key, conf, t in (("all", main_confs[i], 0.0), ("main", main_confs[i], t_main), ("model", confs[i], t_model)):
            tp, fp, fn = scored(d, conf, t)
            totals[key] = [x + y for x, y in zip(totals[key], (tp, fp, fn))]
            p, r, f = f1(tp, fp, fn)
            cells.append(f"{p:.2f}/{r:.2f}/{f:.2f} (tp {tp} fp {fp} fn {fn})" + (f" t={t:.2f}" if key != "all" else ""))
        cells.append(f"{brier(d, main_confs[i]):.3f} / {brier(d, confs[i]):.3f}")
        print(f"| {d['set']} | " + " | ".join(cells) + " |")
    print("| pooled | " + " | ".join("{:.2f}/{:.2f}/{:.2f}".format(*f1(*totals[k])) + " (tp {} fp {} fn {})".format(
        *totals[k]) for k in ("all", "main", "model")) + " | |")

    b, w, confs = model_confs(data)
    print("\nmodel fitted on every set (intercept {:+.2f}):".format(b))
    print(", ".join(f"{n} {v:+.2f}" for n, v in sorted(zip(names, w), key=lambda t: -abs(t[1]))))
    for title, cs in (("shipped formula", main_confs), ("fitted model (in-sample)", confs)):
        print(f"\nconfidence bands, {title}, every set pooled ((article, event) units as score.py counts them):")
        print("| confidence | events | right | share right |\n|---|---|---|---|")
        for band, n, k in bands(data, cs):
            print(f"| {band} | {n} | {k} | {(f'{k / n:.0%}' if n else '–')} |")
    if a.write:
        a.write.write_text(json.dumps({"version": 1, "intercept": round(b, 3),
                                       "weights": {n: round(float(v), 3) for n, v in zip(names, w)},
                                       "sets": [d["set"] for d in data], "l2": a.l2}, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
