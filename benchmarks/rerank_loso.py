"""Can a text classifier tell our right events from our spurious ones on news it was not trained on? Leave one set out.

Run from the repository root (scikit-learn is needed for this benchmark only, not by the tool)::

    PYTHONPATH=. .venv/bin/python benchmarks/rerank_loso.py [--sets realnews e1 e2 ...]

Each set (``../shared/realnews``, ``/work/sets/eN``: articles/, gold.json) is built with ``conflictmap build``; every
(article, event) pair that ``score.py`` counts is labelled right or spurious by score.py's rule
(``realnews_eval.match_article``). Features: tf-idf of the event's quotes from that article (words and word pairs),
tokens of its type, sub-type, geo and date precision, country, actor and toll keys, and its confidence. A balanced
logistic regression is trained on all sets but one and drops the held-out set's events below a probability
threshold; the table compares pooled precision / recall / F1 with keeping every event, and counts the sets whose F1
rose, stayed or fell. Nothing of the sets is written anywhere.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a script

from benchmarks._realworld import cli, run_step  # noqa: E402
from benchmarks.confidence_fit import set_dir  # noqa: E402
from benchmarks.realnews_eval import cites, match_article  # noqa: E402

REGULARISATION = (0.3, 1.0, 3.0)  # inverse L2 strengths tried (sklearn's C)
THRESHOLDS = (0.2, 0.3, 0.4, 0.5)  # drop events whose probability of being right is below this


def collect(name: str) -> tuple[list[dict[str, Any]], int]:
    """Build one set; return its labelled (article, event) units and its number of gold events."""
    folder = set_dir(name)
    gold = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="rerank_") as tmp:
        run_step("build", cli("build", str(folder / "articles"), "--out", tmp), {})
        features = json.loads((Path(tmp) / "events.geojson").read_text(encoding="utf-8"))["features"]
    units = []
    for article, entry in gold.items():
        mine = [f["properties"] for f in features if cites(f["properties"], article)]
        pairs, _missed, _spurious = match_article(entry.get("events", []), mine)
        right = set(pairs.values())
        for j, props in enumerate(mine):
            quote = " ".join(s.get("quote", "") for s in props["sources"] if cites({"sources": [s]}, article))
            facts = (f"type_{props['event_type']} sub_{props.get('sub_event_type')} geo_{props.get('geo_precision')} "
                     f"date_{props.get('date_precision')} country_{props.get('country_code')} "
                     f"actor_{props.get('actor')} killed_{props.get('killed') is not None} "
                     f"injured_{props.get('injured') is not None}")
            units.append({"set": name, "right": int(j in right), "text": quote.lower(), "facts": facts,
                          "confidence": float(props.get("confidence") or 0.0)})
    return units, sum(len(e.get("events", [])) for e in gold.values())


def f1(tp: int, fp: int, fn: int) -> float:
    """F1 from counts (0 when undefined)."""
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def evaluate(units: list[dict[str, Any]], golds: dict[str, int], c: float, threshold: float) -> Counter:
    """Leave each set out in turn; pooled counts before / after dropping, and sets better / same / worse."""
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    total: Counter = Counter()
    for held in golds:
        train = [u for u in units if u["set"] != held]
        test = [u for u in units if u["set"] == held]
        words = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
        facts = TfidfVectorizer(token_pattern=r"\S+")

        def matrix(rows: list[dict[str, Any]], fit: bool) -> Any:
            w = (words.fit_transform if fit else words.transform)([u["text"] for u in rows])
            f = (facts.fit_transform if fit else facts.transform)([u["facts"] for u in rows])
            return hstack([w, f, csr_matrix([[u["confidence"]] for u in rows])]).tocsr()

        model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
        model.fit(matrix(train, True), [u["right"] for u in train])
        kept = [u for u, p in zip(test, model.predict_proba(matrix(test, False))[:, 1]) if p >= threshold] if test else []
        tp0, tp1 = sum(u["right"] for u in test), sum(u["right"] for u in kept)
        fp0, fp1 = len(test) - tp0, len(kept) - tp1
        before, after = f1(tp0, fp0, golds[held] - tp0), f1(tp1, fp1, golds[held] - tp1)
        total.update({"tp0": tp0, "fp0": fp0, "tp1": tp1, "fp1": fp1, "gold": golds[held],
                      "better" if after > before + 1e-9 else "worse" if after < before - 1e-9 else "same": 1})
    return total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sets", nargs="+", default=["realnews", *(f"e{i}" for i in range(1, 13))])
    a = ap.parse_args()
    units: list[dict[str, Any]] = []
    golds: dict[str, int] = {}
    for name in a.sets:
        got, golds[name] = collect(name)
        units += got
        print(f"{name}: {len(got)} events, {sum(u['right'] for u in got)} right, {golds[name]} gold", file=sys.stderr)
    print(f"{len(units)} events of {len(golds)} sets, {sum(u['right'] for u in units)} right\n")
    print("| C | threshold | keep all: tp / fp / F1 | after dropping: tp / fp / F1 | sets better / same / worse |")
    print("|---|---|---|---|---|")
    for c in REGULARISATION:
        for threshold in THRESHOLDS:
            t = evaluate(units, golds, c, threshold)
            print(f"| {c} | {threshold} | {t['tp0']} / {t['fp0']} / {f1(t['tp0'], t['fp0'], t['gold'] - t['tp0']):.3f} | "
                  f"{t['tp1']} / {t['fp1']} / {f1(t['tp1'], t['fp1'], t['gold'] - t['tp1']):.3f} | "
                  f"{t['better']} / {t['same']} / {t['worse']} |")


if __name__ == "__main__":
    main()
