"""Geoparsing benchmark: score conflictmap's geoparser as the published EUPEG tables do.

Run from the repository root::

    .venv/bin/python benchmarks/geoparse_eval.py [--corpora DIR] [--limit N]
        [--out benchmarks/RESULTS_geoparse.md]

The corpora are the four news corpora of ``../shared/eval/geoparse/*.jsonl``
(GeoWebNews, LGL, TR-News, GeoVirus; see that folder's README). They are read in
place and never copied into the repository.

Scoring protocol
----------------
Gold set per corpus, as in EUPEG's gold files: the toponyms with a GeoNames id
for GeoWebNews (2,399), the toponyms with coordinates for LGL (4,462) and
TR-News (1,275), and all toponyms for GeoVirus (2,167). Annotated toponyms that
are not in the gold set (GeoWebNews demonyms, LGL toponyms without a
``<gaztag>``, ...) are called *annotated non-gold* below.

Predictions without coordinates are dropped before matching, as EUPEG
(``Utils.calculateScores``) does. Three recognition variants are computed:

``exact`` (headline)
    A prediction matches a gold toponym when both spans are identical; matching
    is one to one. Unmatched predictions whose span is identical to an
    annotated non-gold toponym are neither true nor false positives: the
    annotators marked them as place names, the gold set only lacks their
    coordinates. Every other unmatched prediction is a false positive.
``exact_strict``
    The same matching, but every unmatched prediction is a false positive.
``eupeg``
    EUPEG's own code (geoai-lab/EUPEG ``Utils.java``): for each gold toponym in
    order, the first not yet matched prediction whose span midpoint is less
    than 10 characters away matches (the code's "INEXACT" setting; the
    surface strings are not compared). Every unmatched prediction is a false
    positive. This is the protocol of the published rows.

Distance metrics cover the matched pairs only (EUPEG's "recognised and
matched" toponyms): haversine error with EUPEG's Earth radius of 6,371 km, mean
and median error, Acc@161 (share of errors strictly below 161 km) and AUC, the
trapezoidal area under the sorted ``log(1 + error) / log(20039)`` curve divided by
``n - 1`` (EUPEG ``Utils.java``; CamCoder's ``np.trapz`` formula). Lower AUC is
better.

Speed is measured on one core in fresh processes that hold only the loaded
parser: a first pass over unseen text, then the steady state of later passes
(articles and characters per second, parse calls only). Index load time is ``import pipeline.geoparse`` plus ``load_geoparser()``
in a fresh subprocess: the first run ("cold", operating-system file cache in
whatever state it was) and the best of the next runs ("warm").

Error analysis for the parser's author is written to
``/tmp/geoparse_errors_<corpus>.txt`` (not part of the repository).
"""

from __future__ import annotations

import argparse
import collections
import html
import importlib
import json
import math
import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Protocol, Sequence

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))  # run as a script from a checkout

from pipeline.output.atomic import write_atomic  # noqa: E402
DEFAULT_CORPORA_DIR = REPO_ROOT.parent / "shared" / "eval" / "geoparse"
DEFAULT_OUT = REPO_ROOT / "benchmarks" / "RESULTS_geoparse.md"
DEFAULT_GOLD_ARTICLES_DIR = REPO_ROOT.parent / "shared" / "articles"
SEED_PLACES_PATH = REPO_ROOT / "benchmarks" / "seed_places.json"
SEEDS_DIR = REPO_ROOT / "seeds"
DEFAULT_PARSER = "pipeline.geoparse:load_geoparser"
ERRORS_PATH_TEMPLATE = "/tmp/geoparse_errors_{corpus}.txt"

EARTH_RADIUS_KM = 6371.0  # EUPEG HaversineAlgorithm.EARTH_RADIUS
MAX_ERROR_KM = 20039.0  # half the Earth's circumference: the largest possible error
ACC_THRESHOLD_KM = 161.0  # 100 miles
EUPEG_MIDPOINT_WINDOW = 10  # characters; EUPEG matches when |mid_gold - mid_pred| < 10
DEFAULT_MAX_KM = 25.0  # expected places: largest allowed distance

CORPORA = ("geowebnews", "lgl", "trnews", "geovirus")
CORPUS_LABELS = {
    "geowebnews": "GeoWebNews",
    "lgl": "LGL",
    "trnews": "TR-News",
    "geovirus": "GeoVirus",
}
GOLD_RULES = {
    "geowebnews": "toponyms with a GeoNames id",
    "lgl": "toponyms with coordinates",
    "trnews": "toponyms with coordinates",
    "geovirus": "all toponyms",
}
# corpus -> (minimum F1, minimum Acc@161), from issue 3
TARGETS = {
    "geowebnews": (0.75, 0.90),
    "lgl": (0.65, 0.78),
    "trnews": (0.75, 0.85),
}
MODES = ("exact", "exact_strict", "eupeg")
MODE_LABELS = {
    "exact": "exact spans, annotated non-gold ignored (headline)",
    "exact_strict": "exact spans, strict FP",
    "eupeg": "EUPEG matching (midpoints < 10 chars), strict FP",
}
PROTOCOL_OF_SOURCE = {
    "Gritta, Pilehvar & Collier (2018)": "A",
    "Gritta, Pilehvar, Limsopatham & Collier": "B",
    "Wang & Hu (2019)": "C",
    "Mordecai 3 README": "D",
}


class Geoparser(Protocol):
    """What the benchmark needs of ``pipeline.geoparse.Geoparser``."""

    def parse(self, text: str) -> list[dict[str, Any]]:
        """Return one dict per place mention (``start``, ``end``, ``lat``, ``lon``, ...)."""
        ...


# ---------------------------------------------------------------- pure scoring


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km on a sphere of radius 6,371 km (as EUPEG)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    d_phi = math.radians(lat2 - lat1)
    d_lambda = math.radians(lon2 - lon1)
    a = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def has_coordinates(item: Mapping[str, Any]) -> bool:
    """Whether a toponym or prediction has a non-null ``lat`` and ``lon``."""
    return item.get("lat") is not None and item.get("lon") is not None


def split_gold(corpus: str, toponyms: Sequence[Mapping[str, Any]]) -> tuple[list[dict], list[dict]]:
    """Split a document's annotated toponyms into the gold set and the annotated non-gold rest.

    Parameters
    ----------
    corpus
        One of `CORPORA`.
    toponyms
        The document's ``toponyms``.

    Returns
    -------
    The gold toponyms and the other annotated toponyms, each in document order.
    """
    if corpus not in CORPORA:
        msg = f"unknown corpus {corpus!r}; expected one of {', '.join(CORPORA)}"
        raise ValueError(msg)
    gold: list[dict] = []
    rest: list[dict] = []
    for toponym in sorted(toponyms, key=lambda t: (t["start"], t["end"])):
        if corpus == "geowebnews":
            is_gold = toponym.get("geonameid") is not None and has_coordinates(toponym)
        else:
            is_gold = has_coordinates(toponym)
        (gold if is_gold else rest).append(dict(toponym))
    return gold, rest


def located_predictions(predictions: Iterable[Mapping[str, Any]]) -> list[dict]:
    """Predictions with coordinates, sorted by span (EUPEG drops the others)."""
    kept = [dict(p) for p in predictions if has_coordinates(p)]
    return sorted(kept, key=lambda p: (p["start"], p["end"]))


def match_exact(gold: Sequence[Mapping[str, Any]], predictions: Sequence[Mapping[str, Any]]) -> list[tuple[int, int]]:
    """Pair gold toponyms with predictions of the identical span, one to one.

    Returns
    -------
    ``(gold index, prediction index)`` pairs, in gold order.
    """
    free: dict[tuple[int, int], collections.deque[int]] = collections.defaultdict(collections.deque)
    for j, pred in enumerate(predictions):
        free[(pred["start"], pred["end"])].append(j)
    pairs = []
    for i, toponym in enumerate(gold):
        candidates = free.get((toponym["start"], toponym["end"]))
        if candidates:
            pairs.append((i, candidates.popleft()))
    return pairs


def match_eupeg(
    gold: Sequence[Mapping[str, Any]],
    predictions: Sequence[Mapping[str, Any]],
    *,
    window: float = EUPEG_MIDPOINT_WINDOW,
) -> list[tuple[int, int]]:
    """Pair toponyms as EUPEG's ``Utils.calculateScores`` does.

    For each gold toponym in order, the first still unmatched prediction whose
    span midpoint lies less than `window` characters away is its match.

    Returns
    -------
    ``(gold index, prediction index)`` pairs, in gold order.
    """
    remaining = list(range(len(predictions)))
    pairs = []
    for i, toponym in enumerate(gold):
        mid_gold = (toponym["start"] + toponym["end"]) / 2.0
        for position, j in enumerate(remaining):
            mid_pred = (predictions[j]["start"] + predictions[j]["end"]) / 2.0
            if abs(mid_gold - mid_pred) < window:
                pairs.append((i, j))
                del remaining[position]
                break
    return pairs


def precision_recall_f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts; 0.0 where undefined (EUPEG sets F1 = 0 when tp = 0)."""
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    return precision, recall, f1


def auc_log_error(errors_km: Sequence[float]) -> float:
    """Area under the curve of sorted log errors, normalised to [0, 1] (lower is better).

    ``sum_trapezoid(sorted(log(1 + e) / log(20039))) / (n - 1)``, as EUPEG
    ``Utils.java`` and CamCoder (``np.trapz(...) / (np.log(20039) * (n - 1))``).
    With one error the curve is a point and its normalised value is returned;
    with none, NaN.
    """
    values = sorted(math.log1p(e) / math.log(MAX_ERROR_KM) for e in errors_km)
    if not values:
        return math.nan
    if len(values) == 1:
        return values[0]
    area = sum(values) - 0.5 * (values[0] + values[-1])
    return area / (len(values) - 1)


def accuracy_at_km(errors_km: Sequence[float], threshold_km: float = ACC_THRESHOLD_KM) -> float:
    """Share of errors strictly below `threshold_km` (EUPEG: ``< 161``); NaN if none."""
    if not errors_km:
        return math.nan
    return sum(1 for e in errors_km if e < threshold_km) / len(errors_km)


def distance_metrics(errors_km: Sequence[float]) -> dict[str, float]:
    """Mean, median, Acc@161 and AUC of a list of errors in km (NaN when empty)."""
    if not errors_km:
        return {"n": 0, "mean_km": math.nan, "median_km": math.nan, "acc_161": math.nan, "auc": math.nan}
    return {
        "n": len(errors_km),
        "mean_km": statistics.fmean(errors_km),
        "median_km": statistics.median(errors_km),
        "acc_161": accuracy_at_km(errors_km),
        "auc": auc_log_error(errors_km),
    }


@dataclass
class DocumentScore:
    """Outcome of one document under one mode."""

    tp: int
    fp: int
    fn: int
    matched: list[tuple[dict, dict, float]]  # (gold, prediction, error km)
    false_positives: list[dict]
    misses: list[dict]
    ignored_predictions: list[dict] = field(default_factory=list)


def score_document(
    gold: Sequence[Mapping[str, Any]],
    annotated_non_gold: Sequence[Mapping[str, Any]],
    predictions: Sequence[Mapping[str, Any]],
    *,
    mode: str,
) -> DocumentScore:
    """Score one document's predictions against its gold toponyms.

    Parameters
    ----------
    gold
        Gold toponyms (with coordinates), see `split_gold`.
    annotated_non_gold
        The other annotated toponyms; only used by mode ``"exact"``.
    predictions
        The geoparser's output for the document; those without coordinates are dropped.
    mode
        One of `MODES`.
    """
    if mode not in MODES:
        msg = f"unknown mode {mode!r}; expected one of {', '.join(MODES)}"
        raise ValueError(msg)
    gold = sorted((dict(g) for g in gold), key=lambda t: (t["start"], t["end"]))
    preds = located_predictions(predictions)
    pairs = match_eupeg(gold, preds) if mode == "eupeg" else match_exact(gold, preds)
    matched_gold = {i for i, _ in pairs}
    matched_pred = {j for _, j in pairs}
    matched = []
    for i, j in pairs:
        g, p = gold[i], preds[j]
        error = haversine_km(float(g["lat"]), float(g["lon"]), float(p["lat"]), float(p["lon"]))
        matched.append((g, p, error))
    ignorable = {(t["start"], t["end"]) for t in annotated_non_gold} if mode == "exact" else set()
    false_positives, ignored = [], []
    for j, pred in enumerate(preds):
        if j in matched_pred:
            continue
        if (pred["start"], pred["end"]) in ignorable:
            ignored.append(pred)
        else:
            false_positives.append(pred)
    misses = [g for i, g in enumerate(gold) if i not in matched_gold]
    return DocumentScore(
        tp=len(pairs),
        fp=len(false_positives),
        fn=len(misses),
        matched=matched,
        false_positives=false_positives,
        misses=misses,
        ignored_predictions=ignored,
    )


@dataclass
class CorpusScore:
    """Totals of one corpus under one mode."""

    mode: str
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors_km: list[float] = field(default_factory=list)
    same_entry: int = 0  # matched predictions that chose the gold toponym's own GeoNames entry
    same_entry_far: int = 0  # ... and still lie 161 km or more from the gold point

    def add(self, doc: DocumentScore) -> None:
        """Add one document's counts and errors."""
        self.tp += doc.tp
        self.fp += doc.fp
        self.fn += doc.fn
        self.errors_km.extend(error for _, _, error in doc.matched)
        for g, p, error in doc.matched:
            if g.get("geonameid") and p.get("geonameid") == g.get("geonameid"):
                self.same_entry += 1
                self.same_entry_far += error >= ACC_THRESHOLD_KM

    def metrics(self) -> dict[str, float]:
        """P, R, F1 and the distance metrics, as one flat dict."""
        precision, recall, f1 = precision_recall_f1(self.tp, self.fp, self.fn)
        return {
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "same_entry": self.same_entry,
            "same_entry_far": self.same_entry_far,
            **distance_metrics(self.errors_km),
        }


def score_corpus(
    corpus: str,
    documents: Sequence[Mapping[str, Any]],
    predictions: Sequence[Sequence[Mapping[str, Any]]],
) -> tuple[dict[str, CorpusScore], dict[str, list[DocumentScore]]]:
    """Score a corpus under every mode.

    Parameters
    ----------
    corpus
        One of `CORPORA`.
    documents
        The corpus documents (``id``, ``text``, ``toponyms``).
    predictions
        The geoparser's output, one list per document, in the same order.

    Returns
    -------
    Totals per mode, and the per-document scores per mode (for error analysis).
    """
    if len(documents) != len(predictions):
        msg = f"{len(documents)} documents but {len(predictions)} prediction lists"
        raise ValueError(msg)
    totals = {mode: CorpusScore(mode) for mode in MODES}
    per_doc: dict[str, list[DocumentScore]] = {mode: [] for mode in MODES}
    for doc, preds in zip(documents, predictions):
        gold, rest = split_gold(corpus, doc["toponyms"])
        for mode in MODES:
            score = score_document(gold, rest, preds, mode=mode)
            totals[mode].add(score)
            per_doc[mode].append(score)
    return totals, per_doc


# ---------------------------------------------------------------- expected places


@dataclass(frozen=True)
class PlaceCheck:
    """Verdict on one expected (or expected-absent) place of one article."""

    article: str
    text: str
    expected: str
    status: str  # "OK", "wrong", "missing", "partial"
    detail: str


def find_occurrences(text: str, surface: str, *, anchor: str | None = None) -> list[tuple[int, int]]:
    """Spans of `surface` in `text` as a whole word; inside `anchor` only, if given.

    Raises
    ------
    ValueError
        If `anchor` is not in `text` or `surface` not in `anchor`.
    """
    if anchor is not None:
        base = text.find(anchor)
        offset = anchor.find(surface)
        if base < 0 or offset < 0:
            msg = f"anchor {anchor!r} (with {surface!r}) not found in the article"
            raise ValueError(msg)
        return [(base + offset, base + offset + len(surface))]
    spans = []
    start = text.find(surface)
    while start >= 0:
        end = start + len(surface)
        before = text[start - 1] if start > 0 else " "
        after = text[end] if end < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            spans.append((start, end))
        start = text.find(surface, start + 1)
    return spans


def _describe_prediction(pred: Mapping[str, Any]) -> str:
    lat, lon = pred.get("lat"), pred.get("lon")
    where = f"{lat:.3f},{lon:.3f}" if lat is not None and lon is not None else "no coords"
    return (
        f"{pred.get('text')!r}→{pred.get('name')} ({pred.get('feature_kind')}, "
        f"{pred.get('admin1_code') or pred.get('country_code')}, {where})"
    )


def _prediction_problem(pred: Mapping[str, Any], expectation: Mapping[str, Any]) -> str | None:
    """Why `pred` does not satisfy `expectation`, or None if it does."""
    problems = []
    max_km = expectation.get("max_km", DEFAULT_MAX_KM)
    if expectation.get("lat") is not None and max_km is not None:
        if not has_coordinates(pred):
            problems.append("no coordinates")
        else:
            distance = haversine_km(expectation["lat"], expectation["lon"], pred["lat"], pred["lon"])
            if distance > max_km:
                problems.append(f"{distance:.0f} km away")
    if expectation.get("admin1") and pred.get("admin1_code") != expectation["admin1"]:
        problems.append(f"admin1 {pred.get('admin1_code')}")
    if expectation.get("country") and pred.get("country_code") != expectation["country"]:
        problems.append(f"country {pred.get('country_code')}")
    if expectation.get("feature_kind") and pred.get("feature_kind") != expectation["feature_kind"]:
        problems.append(f"kind {pred.get('feature_kind')}")
    return "; ".join(problems) or None


def _describe_expectation(expectation: Mapping[str, Any]) -> str:
    parts = []
    if expectation.get("lat") is not None and expectation.get("max_km", DEFAULT_MAX_KM) is not None:
        parts.append(
            f"≤{expectation.get('max_km', DEFAULT_MAX_KM):.0f} km of "
            f"{expectation['lat']:.3f},{expectation['lon']:.3f}"
        )
    for key in ("admin1", "country", "feature_kind"):
        if expectation.get(key):
            parts.append(str(expectation[key]))
    return ", ".join(parts)


def check_expected_places(
    article: str,
    text: str,
    predictions: Sequence[Mapping[str, Any]],
    expected: Mapping[str, Any],
) -> list[PlaceCheck]:
    """Check the places an article must (and must not) yield.

    Parameters
    ----------
    article
        Article name, for the report.
    text
        The article text given to the geoparser.
    predictions
        The geoparser's output for `text`.
    expected
        ``{"places": [...], "absent": [...]}``. A place has ``text`` and optional
        ``anchor`` (a unique longer string of the article around it; without one
        every whole-word occurrence of ``text`` is checked), ``lat``/``lon`` with
        ``max_km`` (default 25; null: no distance check), ``admin1`` (ISO 3166-2),
        ``country`` (ISO alpha-2) and ``feature_kind``. An absent entry has
        ``text`` and optional ``anchor``: no prediction may overlap it.

    Returns
    -------
    One verdict per entry. A place is OK when every occurrence is overlapped by
    a prediction meeting all conditions; "missing" when no occurrence has a
    prediction; "partial" when some occurrences have none and the found ones
    are right; otherwise "wrong".
    """
    checks = []
    for expectation in expected.get("places", []):
        spans = find_occurrences(text, expectation["text"], anchor=expectation.get("anchor"))
        label = _describe_expectation(expectation)
        if not spans:
            checks.append(PlaceCheck(article, expectation["text"], label, "missing", "text not in article"))
            continue
        n_ok, n_missing, wrong = 0, 0, []
        for start, end in spans:
            overlapping = [p for p in predictions if p["start"] < end and start < p["end"]]
            if not overlapping:
                n_missing += 1
                continue
            problems = [(p, _prediction_problem(p, expectation)) for p in overlapping]
            if any(problem is None for _, problem in problems):
                n_ok += 1
            else:
                pred, problem = problems[0]
                wrong.append(f"{_describe_prediction(pred)}: {problem}")
        if wrong:
            status = "wrong"
        elif n_ok == 0:
            status = "missing"
        elif n_missing:
            status = "partial"
        else:
            status = "OK"
        detail = f"{n_ok}/{len(spans)} right"
        if n_missing:
            detail += f", {n_missing} not found"
        if wrong:
            detail += f", {len(wrong)} wrong: " + " | ".join(sorted(set(wrong)))
        checks.append(PlaceCheck(article, expectation["text"], label, status, detail))
    for absent in expected.get("absent", []):
        spans = find_occurrences(text, absent["text"], anchor=absent.get("anchor"))
        found = [
            p for start, end in spans for p in predictions if p["start"] < end and start < p["end"]
        ]
        status = "wrong" if found else "OK"
        detail = (
            "found: " + " | ".join(sorted({_describe_prediction(p) for p in found}))
            if found
            else f"not found ({len(spans)} occurrence(s))"
        )
        checks.append(PlaceCheck(article, absent["text"], "must not be a place", status, detail))
    return checks


# ---------------------------------------------------------------- error analysis


def _context(text: str, start: int, end: int, width: int = 40) -> str:
    left = text[max(0, start - width) : start].replace("\n", " ")
    right = text[end : end + width].replace("\n", " ")
    return f"…{left}[{text[start:end]}]{right}…"


def _overlaps_any(item: Mapping[str, Any], spans: Sequence[Mapping[str, Any]]) -> bool:
    return any(s["start"] < item["end"] and item["start"] < s["end"] for s in spans)


def _resolution_breakdown(doc_scores: Sequence[DocumentScore]) -> list[str]:
    """Matched toponyms grouped by predicted feature kind and by whether the GeoNames id is the gold one."""
    groups: dict[tuple[str, str], list[float]] = collections.defaultdict(list)
    for score in doc_scores:
        for gold, pred, error in score.matched:
            if gold.get("geonameid") is None:
                same = "gold has no id"
            elif pred.get("geonameid") == gold["geonameid"]:
                same = "same GeoNames id"
            else:
                same = "other id"
            groups[(str(pred.get("feature_kind")), same)].append(error)
    lines = ["Resolution by predicted feature kind and GeoNames id (n, median km, Acc@161, mentions ≥ 161 km)"]
    for (kind, same), errors in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        n_far = sum(1 for e in errors if e >= ACC_THRESHOLD_KM)
        lines.append(
            f"  {kind:12} {same:18} {len(errors):5d}  {statistics.median(errors):8.1f}  "
            f"{accuracy_at_km(errors):.2f}  {n_far:4d}"
        )
    return lines


def error_report(
    corpus: str,
    documents: Sequence[Mapping[str, Any]],
    doc_scores: Sequence[DocumentScore],
    *,
    top: int = 20,
    worst: int = 40,
) -> str:
    """Plain-text error analysis of one corpus under one mode (for the parser's author).

    Lists false positives by surface form (split into boundary errors, which
    overlap an annotated toponym, and spurious ones), misses by surface form
    (split into boundary errors and not found), recall by annotation type, the
    surface forms most often resolved 161 km or more away, and the worst
    individual resolution errors with context and the parser's reason.
    """
    fp_boundary: collections.Counter[str] = collections.Counter()
    fp_spurious: collections.Counter[str] = collections.Counter()
    miss_boundary: collections.Counter[str] = collections.Counter()
    miss_unfound: collections.Counter[str] = collections.Counter()
    far: collections.Counter[str] = collections.Counter()
    far_examples: dict[str, str] = {}
    by_type_total: collections.Counter[str] = collections.Counter()
    by_type_found: collections.Counter[str] = collections.Counter()
    worst_rows = []
    fp_examples: dict[str, str] = {}
    miss_examples: dict[str, str] = {}
    for doc, score in zip(documents, doc_scores):
        text = doc["text"]
        annotated = doc["toponyms"]
        predicted_spans = score.false_positives + [p for _, p, _ in score.matched] + score.ignored_predictions
        for pred in score.false_positives:
            key = text[pred["start"] : pred["end"]]
            (fp_boundary if _overlaps_any(pred, annotated) else fp_spurious)[key] += 1
            fp_examples.setdefault(key, f"{doc['id']}: {_context(text, pred['start'], pred['end'])}")
        for miss in score.misses:
            key = miss["name"]
            (miss_boundary if _overlaps_any(miss, predicted_spans) else miss_unfound)[key] += 1
            miss_examples.setdefault(key, f"{doc['id']}: {_context(text, miss['start'], miss['end'])}")
        for gold, pred, error in score.matched:
            if error >= ACC_THRESHOLD_KM:
                far[gold["name"]] += 1
                far_examples.setdefault(gold["name"], f"→ {_describe_prediction(pred)}")
            worst_rows.append((error, doc["id"], gold, pred, _context(text, gold["start"], gold["end"])))
        type_key = "type" if corpus == "geowebnews" else "fcode"
        matched_spans = {(g["start"], g["end"]) for g, _, _ in score.matched}
        for gold in [g for g, _, _ in score.matched] + score.misses:
            label = str(gold.get(type_key) or "-")
            by_type_total[label] += 1
            by_type_found[label] += (gold["start"], gold["end"]) in matched_spans

    lines_by_kind = _resolution_breakdown(doc_scores)

    def _counter_lines(counter: collections.Counter[str], examples: Mapping[str, str]) -> list[str]:
        return [f"  {n:4d}  {name!r:32} e.g. {examples.get(name, '')}" for name, n in counter.most_common(top)]

    lines = [f"Error analysis: {CORPUS_LABELS[corpus]} ({len(documents)} documents)", ""]
    lines.append(f"False positives, spurious (no overlap with any annotation): {sum(fp_spurious.values())}")
    lines += _counter_lines(fp_spurious, fp_examples)
    lines.append("")
    lines.append(f"False positives, boundary (overlap an annotated toponym): {sum(fp_boundary.values())}")
    lines += _counter_lines(fp_boundary, fp_examples)
    lines.append("")
    lines.append(f"Misses, not found at all: {sum(miss_unfound.values())}")
    lines += _counter_lines(miss_unfound, miss_examples)
    lines.append("")
    lines.append(f"Misses, boundary (a prediction overlaps with another span): {sum(miss_boundary.values())}")
    lines += _counter_lines(miss_boundary, miss_examples)
    lines.append("")
    lines.append("Recall by annotation type (" + ("GWN type" if corpus == "geowebnews" else "GeoNames fcode") + ")")
    for label, total in by_type_total.most_common(top):
        lines.append(f"  {label:24} {by_type_found[label]:5d}/{total:<5d} {by_type_found[label] / total:.2f}")
    lines.append("")
    lines.append(f"Surface forms most often resolved ≥ {ACC_THRESHOLD_KM:.0f} km away: {sum(far.values())} mentions")
    lines += _counter_lines(far, far_examples)
    lines.append("")
    lines += lines_by_kind
    lines.append("")
    lines.append(f"Worst {worst} resolution errors")
    worst_rows.sort(key=lambda row: (-row[0], row[1], row[2]["start"]))
    for error, doc_id, gold, pred, context in worst_rows[:worst]:
        gold_name = gold.get("normalised_name") or gold.get("gazetteer_name") or gold["name"]
        lines.append(
            f"  {error:8.0f} km  {doc_id}: {gold['name']!r} gold {gold_name} "
            f"({gold['lat']:.3f},{gold['lon']:.3f}, geonameid {gold.get('geonameid')})"
        )
        lines.append(f"             got {_describe_prediction(pred)} geonameid {pred.get('geonameid')}")
        lines.append(f"             reason: {pred.get('reason')}")
        lines.append(f"             {context}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- report


def _fmt(value: Any, digits: int = 3) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        if math.isnan(value):
            return "–"
        return f"{value:.{digits}f}"
    return str(value)


def _protocol(source: str) -> str:
    for prefix, letter in PROTOCOL_OF_SOURCE.items():
        if source.startswith(prefix):
            return letter
    return "?"


def _target_verdict(corpus: str, metrics: Mapping[str, float]) -> str:
    if corpus not in TARGETS:
        return "no target"
    min_f1, min_acc = TARGETS[corpus]
    f1_ok = metrics["f1"] >= min_f1
    acc_ok = not math.isnan(metrics["acc_161"]) and metrics["acc_161"] >= min_acc
    verdict = "**met**" if f1_ok and acc_ok else "**not met**"
    return (
        f"{verdict} (F1 {metrics['f1']:.3f} {'≥' if f1_ok else '<'} {min_f1}, "
        f"Acc@161 {_fmt(metrics['acc_161'])} {'≥' if acc_ok else '<'} {min_acc})"
    )


def render_markdown(
    *,
    results: Mapping[str, Mapping[str, Mapping[str, float]]],
    corpus_sizes: Mapping[str, tuple[int, int]],
    published: Sequence[Mapping[str, Any]],
    speed: Mapping[str, Any] | None,
    load_times: Mapping[str, Any] | None,
    place_checks: Sequence[PlaceCheck],
    limit: int | None,
) -> str:
    """The benchmark's markdown section: our rows beside the published rows, speed, expected places.

    Parameters
    ----------
    results
        ``corpus -> mode -> metrics`` (`CorpusScore.metrics`).
    corpus_sizes
        ``corpus -> (documents, gold toponyms)`` actually scored.
    published
        Records of ``published_results.json``.
    speed
        Output of `measure_speed`, or None.
    load_times
        Output of `measure_load_time`, or None.
    place_checks
        Verdicts of `check_expected_places`.
    limit
        The ``--limit`` used, or None for the full corpora.
    """
    out = ["## Geoparsing benchmark", ""]
    out.append(
        "Produced by `benchmarks/geoparse_eval.py` on `../shared/eval/geoparse/*.jsonl`"
        + (f" — **only the first {limit} documents per corpus (--limit)**" if limit else "")
        + ". Protocol (details in the script's docstring): gold = toponyms with a GeoNames id (GeoWebNews), "
        "with coordinates (LGL, TR-News), all (GeoVirus), as in EUPEG's gold files. Our headline rows match "
        "**exact spans** and do not count as false positives the predictions on annotated toponyms that are "
        "left out of the gold set (e.g. GeoWebNews demonyms, LGL toponyms without coordinates); "
        "the *strict* rows count them; the *EUPEG* rows reproduce EUPEG's own matching "
        "(`Utils.java`: span midpoints less than 10 characters apart, strict false positives), which is "
        "the protocol (C) of the published rows. Distance metrics cover the matched toponyms only "
        "(haversine, R = 6,371 km); Acc@161 = share of errors < 161 km; AUC = normalised area under "
        "the sorted log(1 + error) curve (lower is better)."
    )
    out.append("")
    for corpus in CORPORA:
        if corpus not in results:
            continue
        n_docs, n_gold = corpus_sizes[corpus]
        out.append(f"### {CORPUS_LABELS[corpus]} — {n_docs} documents, {n_gold} gold toponyms ({GOLD_RULES[corpus]})")
        out.append("")
        out.append("| system | P | R | F1 | mean km | median km | Acc@161 | AUC | matched |")
        out.append("|---|---|---|---|---|---|---|---|---|")
        for mode in MODES:
            m = results[corpus][mode]
            name = f"conflictmap — {MODE_LABELS[mode]}"
            if mode == "exact":
                name = f"**{name}**"
            out.append(
                f"| {name} | {_fmt(m['precision'])} | {_fmt(m['recall'])} | {_fmt(m['f1'])} | "
                f"{_fmt(m['mean_km'], 1)} | {_fmt(m['median_km'], 1)} | {_fmt(m['acc_161'])} | "
                f"{_fmt(m['auc'])} | {m['n']} |"
            )
        for record in published:
            if record["dataset"] != corpus or _protocol(record["source"]) != "C":
                continue
            out.append(
                f"| {record['system']} (C) | {_fmt(record.get('precision'))} | {_fmt(record.get('recall'))} | "
                f"{_fmt(record.get('f1'))} | {_fmt(record.get('mean_error_km'), 1)} | "
                f"{_fmt(record.get('median_error_km'), 1)} | {_fmt(record.get('acc_161'))} | "
                f"{_fmt(record.get('auc'))} | |"
            )
        head = results[corpus]["exact"]
        if head.get("same_entry_far"):
            n = head["n"]
            fixed = head["acc_161"] + head["same_entry_far"] / n if n else float("nan")
            out.append("")
            out.append(
                f"Diagnostic (headline row): {head['same_entry']} matched toponyms chose the gold's own GeoNames "
                f"entry, and {head['same_entry_far']} of those still lie ≥ 161 km from the gold point, because our "
                f"country points (countryinfo) and admin-1 points (polygon centroids) are not GeoNames' own points "
                f"(no registry package ships GeoNames' country and admin-1 features). Counting them as exact would "
                f"give Acc@161 {_fmt(fixed)}; the table above does not."
            )
        others = [r for r in published if r["dataset"] == corpus and _protocol(r["source"]) != "C"]
        if others:
            out.append("")
            out.append("Other published rows (protocols A, B, D of `PUBLISHED_RESULTS.md`; not directly comparable):")
            out.append("")
            out.append("| system | protocol | P | R | F1 | mean error | median error | Acc@161 | AUC |")
            out.append("|---|---|---|---|---|---|---|---|---|")
            for record in others:
                protocol = _protocol(record["source"])
                if protocol == "B":
                    mean = f"ln {record.get('mean_error_ln_km')}"
                    median = f"ln {record.get('median_error_ln_km')}"
                elif protocol == "A":
                    mean = f"≤ {record.get('mean_error_km')} km"
                    median = "–"
                else:
                    mean = f"{_fmt(record.get('mean_error_km'), 1)} km"
                    median = f"{_fmt(record.get('median_error_km'), 1)} km"
                out.append(
                    f"| {record['system']} | {protocol} | {_fmt(record.get('precision'))} | "
                    f"{_fmt(record.get('recall'))} | {_fmt(record.get('f1'))} | {mean} | {median} | "
                    f"{_fmt(record.get('acc_161'))} | {_fmt(record.get('auc'))} |"
                )
        out.append("")
        if corpus in TARGETS:
            out.append(f"Target (F1 ≥ {TARGETS[corpus][0]} and Acc@161 ≥ {TARGETS[corpus][1]}):")
            out.append(f"- headline (exact spans): {_target_verdict(corpus, results[corpus]['exact'])}")
            out.append(f"- EUPEG matching: {_target_verdict(corpus, results[corpus]['eupeg'])}")
            out.append("")
    if speed:
        first = speed["first_pass"]
        out.append("### Speed")
        out.append("")
        out.append(
            f"One core (each process pinned to CPU {speed['cpu']}), parse calls only, in {speed['runs']} fresh "
            f"processes that hold nothing but the loaded index; medians over the processes. Each process parses "
            f"the {speed['articles']} articles ({speed['chars']:,} characters) {speed['passes'] + 1} times. The "
            "**first pass** is over unseen text: nothing the parser remembers per name (candidate facts, ranking "
            "signals, runs of capitalised words) is warm. The **steady state** is the median later pass, as in a "
            "long run over news where the same places and people recur."
        )
        out.append("")
        out.append("| corpus | articles | first pass, articles/s | steady state, articles/s | steady state, chars/s |")
        out.append("|---|---|---|---|---|")
        for corpus, row in speed["per_corpus"].items():
            out.append(
                f"| {CORPUS_LABELS[corpus]} | {row['articles']} | {first['per_corpus'][corpus]['articles_per_s']:,.0f} "
                f"| {row['articles_per_s']:,.0f} | {row['chars_per_s']:,.0f} |"
            )
        out.append(
            f"| **all** | {speed['articles']} | **{first['articles_per_s']:,.0f}** | **{speed['articles_per_s']:,.0f}** "
            f"| {speed['chars_per_s']:,.0f} |"
        )
        out.append("")
        refs = ", ".join(f"{r:.3f}" for r in speed["reference_s"])
        out.append(
            f"How fast the machine was: a fixed pure-Python reference loop took {refs} s in the {speed['runs']} "
            "processes (0.09–0.14 s has been seen on this shared 2-core machine, so figures move by about a "
            "third between runs)."
        )
        out.append("")
        verdict = lambda rate: "≥" if rate >= 1000 else "<"  # noqa: E731
        out.append(f"Target ≥ 1,000 articles/s: first pass {first['articles_per_s']:,.0f} "
                   f"{verdict(first['articles_per_s'])} 1,000; steady state {speed['articles_per_s']:,.0f} "
                   f"{verdict(speed['articles_per_s'])} 1,000.")
        out.append("")
    if load_times:
        out.append("### Index load time")
        out.append("")
        out.append(
            "`import pipeline.geoparse` + `load_geoparser()` in a fresh Python subprocess "
            f"(seconds; cold = first of {load_times['runs']} runs, file cache in whatever state it was; "
            "warm = best of the others):"
        )
        out.append("")
        out.append("| | import | load_geoparser() | total |")
        out.append("|---|---|---|---|")
        for label in ("cold", "warm"):
            row = load_times[label]
            out.append(f"| {label} | {row['import_s']:.2f} | {row['load_s']:.2f} | {row['total_s']:.2f} |")
        out.append("")
    if place_checks:
        n_ok = sum(1 for c in place_checks if c.status == "OK")
        out.append("### Expected places (seeds and `../shared/articles/gold.json`)")
        out.append("")
        out.append(
            f"{n_ok} of {len(place_checks)} right. Expectations: `benchmarks/seed_places.json` and "
            "`../shared/articles/gold.json` (within 25 km and in the ISO 3166-2 admin-1 unless stated). "
            "Every occurrence of the text is checked (or the one inside its anchor)."
        )
        out.append("")
        out.append("| article | place | expected | verdict | detail |")
        out.append("|---|---|---|---|---|")
        for check in place_checks:
            detail = html.escape(check.detail).replace("|", "\\|")
            out.append(
                f"| {check.article} | {html.escape(check.text)} | {check.expected} | {check.status} | {detail} |"
            )
        out.append("")
    return "\n".join(out)


# ---------------------------------------------------------------- edges (I/O, timing)


def load_corpus(path: Path, *, limit: int | None = None) -> list[dict]:
    """Read a corpus JSONL file (first `limit` documents if given)."""
    documents = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                documents.append(json.loads(line))
            if limit is not None and len(documents) >= limit:
                break
    return documents


def load_parser_factory(spec: str) -> Callable[[], Geoparser]:
    """Import ``module:function`` (repository root on the import path)."""
    module_name, _, function_name = spec.partition(":")
    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))
    module = importlib.import_module(module_name)
    return getattr(module, function_name or "load_geoparser")


def pin_to_one_core() -> int | None:
    """Restrict this process to one CPU; return it (None where unsupported)."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return cpu


def parse_all(parser: Geoparser, texts: Sequence[str]) -> tuple[list[list[dict]], float]:
    """Parse every text; return the predictions and the seconds spent in parse calls."""
    outputs = []
    elapsed = 0.0
    for text in texts:
        started = time.perf_counter()
        places = parser.parse(text)
        elapsed += time.perf_counter() - started
        outputs.append(places)
    return outputs, elapsed


_SPEED_SNIPPET = """
import json, os, sys, time
sys.path.insert(0, {root!r})
cpu = None
if hasattr(os, "sched_setaffinity"):
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {{cpu}})
import importlib
parser = getattr(importlib.import_module({module!r}), {function!r})()
corpora = {{name: [json.loads(line)["text"] for line in open(path, encoding="utf-8")] for name, path in {paths!r}}}

def reference_loop():
    started = time.perf_counter()
    counts = {{}}
    for i in range(300000):
        key = "k%d" % (i % 5000)
        counts[key] = counts.get(key, 0) + len(key.upper())
    return time.perf_counter() - started

reference = [reference_loop()]
seconds = {{name: [] for name in corpora}}
for _ in range({passes}):
    for name, texts in corpora.items():
        elapsed = 0.0
        for text in texts:
            started = time.perf_counter()
            parser.parse(text)
            elapsed += time.perf_counter() - started
        seconds[name].append(elapsed)
reference.append(reference_loop())
print(json.dumps({{"cpu": cpu, "seconds": seconds, "reference_s": sum(reference) / len(reference),
                  "articles": {{n: len(t) for n, t in corpora.items()}},
                  "chars": {{n: sum(map(len, t)) for n, t in corpora.items()}}}}))
"""


def _rate(articles: int, chars: int, seconds: float) -> dict[str, float]:
    return {"articles": articles, "articles_per_s": articles / seconds if seconds else math.inf,
            "chars_per_s": chars / seconds if seconds else math.inf}


def measure_speed(spec: str, paths: Mapping[str, Path], *, runs: int = 3, passes: int = 4) -> dict[str, Any]:
    """Parse speed on one core, in ``runs`` fresh processes that hold nothing but the loaded parser.

    Each process loads the index, then parses every corpus ``passes`` times. The first pass is over
    unseen text: nothing the parser remembers per name (candidate facts, ranking signals) is warm yet.
    The later passes are the steady state of a long run over news where the same places recur.
    Figures are medians over the processes (of the median later pass, per corpus). A fixed
    pure-Python reference loop, timed in each process, shows how fast this shared machine was.
    """
    module_name, _, function_name = spec.partition(":")
    code = _SPEED_SNIPPET.format(root=str(REPO_ROOT), module=module_name, function=function_name or "load_geoparser",
                                 paths=[(name, str(path)) for name, path in paths.items()], passes=passes)
    reports = []
    for _ in range(runs):
        completed = subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True,
                                   check=True)
        reports.append(json.loads(completed.stdout.strip().splitlines()[-1]))
    names = list(paths)
    articles = {n: reports[0]["articles"][n] for n in names}
    chars = {n: reports[0]["chars"][n] for n in names}
    first = {n: statistics.median(r["seconds"][n][0] for r in reports) for n in names}
    steady = {n: statistics.median(statistics.median(r["seconds"][n][1:]) for r in reports) for n in names}
    total_articles, total_chars = sum(articles.values()), sum(chars.values())
    return {
        "cpu": reports[0]["cpu"],
        "runs": runs,
        "passes": passes - 1,
        "chars": total_chars,
        **_rate(total_articles, total_chars, sum(steady.values())),
        "per_corpus": {n: _rate(articles[n], chars[n], steady[n]) for n in names},
        "first_pass": {"runs": runs, "chars": total_chars, **_rate(total_articles, total_chars, sum(first.values())),
                       "per_corpus": {n: _rate(articles[n], chars[n], first[n]) for n in names}},
        "reference_s": [round(r["reference_s"], 3) for r in reports],
    }


_LOAD_SNIPPET = """
import json, sys, time
sys.path.insert(0, {root!r})
t0 = time.perf_counter()
import importlib
module = importlib.import_module({module!r})
t1 = time.perf_counter()
parser = getattr(module, {function!r})()
t2 = time.perf_counter()
print(json.dumps({{"import_s": t1 - t0, "load_s": t2 - t1, "total_s": t2 - t0}}))
"""


def measure_load_time(spec: str, *, runs: int = 5) -> dict[str, Any]:
    """Time import + factory call in fresh subprocesses: first run (cold) and best of the rest (warm)."""
    module_name, _, function_name = spec.partition(":")
    code = _LOAD_SNIPPET.format(root=str(REPO_ROOT), module=module_name, function=function_name or "load_geoparser")
    timings = []
    for _ in range(runs):
        completed = subprocess.run(
            [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, check=True
        )
        timings.append(json.loads(completed.stdout.strip().splitlines()[-1]))
    warm = min(timings[1:], key=lambda t: t["total_s"]) if len(timings) > 1 else timings[0]
    return {"runs": runs, "cold": timings[0], "warm": warm}


def run_place_checks(parser: Geoparser, gold_articles_dir: Path, seed_places: Path, seeds_dir: Path) -> list[PlaceCheck]:
    """Check the expected places of ``gold.json`` (in `gold_articles_dir`) and of the seeds."""
    checks: list[PlaceCheck] = []
    sources = [(seed_places, seeds_dir), (gold_articles_dir / "gold.json", gold_articles_dir)]
    for expectations_path, articles_dir in sources:
        if not expectations_path.exists():
            print(f"warning: {expectations_path} not found; its places are not checked", file=sys.stderr)
            continue
        expectations = json.loads(expectations_path.read_text(encoding="utf-8"))
        for article in sorted(k for k in expectations if not k.startswith("_")):
            text = (articles_dir / article).read_text(encoding="utf-8")
            checks += check_expected_places(article, text, parser.parse(text), expectations[article])
    return checks


def _parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA_DIR, help="folder of the corpus JSONL files")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N documents per corpus")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="markdown file to write")
    parser.add_argument("--parser", default=DEFAULT_PARSER, help="geoparser factory as module:function")
    parser.add_argument("--articles", type=Path, default=DEFAULT_GOLD_ARTICLES_DIR, help="folder of gold.json")
    parser.add_argument("--no-speed", action="store_true", help="skip the speed and load-time measurements")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and write the markdown section; return the exit code."""
    args = _parse_args(argv)
    pin_to_one_core()
    factory = load_parser_factory(args.parser)
    started = time.perf_counter()
    geoparser = factory()
    print(f"geoparser loaded in {time.perf_counter() - started:.1f} s", file=sys.stderr)

    documents: dict[str, list[dict]] = {}
    for corpus in CORPORA:
        path = args.corpora / f"{corpus}.jsonl"
        if path.exists():
            documents[corpus] = load_corpus(path, limit=args.limit)
        else:
            print(f"warning: {path} not found; {corpus} skipped", file=sys.stderr)
    if not documents:
        print(f"error: no corpus found in {args.corpora}", file=sys.stderr)
        return 2

    results: dict[str, dict[str, dict[str, float]]] = {}
    corpus_sizes: dict[str, tuple[int, int]] = {}
    for corpus, docs in documents.items():
        predictions, elapsed = parse_all(geoparser, [d["text"] for d in docs])
        totals, per_doc = score_corpus(corpus, docs, predictions)
        results[corpus] = {mode: totals[mode].metrics() for mode in MODES}
        corpus_sizes[corpus] = (len(docs), totals["exact"].tp + totals["exact"].fn)
        errors_path = Path(ERRORS_PATH_TEMPLATE.format(corpus=corpus))
        write_atomic(errors_path, error_report(corpus, docs, per_doc["exact"]))
        m = results[corpus]["exact"]
        print(
            f"{CORPUS_LABELS[corpus]:10} P {m['precision']:.3f} R {m['recall']:.3f} F1 {m['f1']:.3f} "
            f"Acc@161 {_fmt(m['acc_161'])} AUC {_fmt(m['auc'])} mean {_fmt(m['mean_km'], 0)} km "
            f"({len(docs) / elapsed if elapsed else math.inf:,.0f} articles/s) → {errors_path}",
            file=sys.stderr,
        )

    speed = load_times = None
    if not args.no_speed:
        if args.limit is None:
            speed = measure_speed(args.parser, {c: args.corpora / f"{c}.jsonl" for c in documents})
            print(f"speed: {speed['first_pass']['articles_per_s']:,.0f} articles/s on a first pass, "
                  f"{speed['articles_per_s']:,.0f} in the steady state (one core)", file=sys.stderr)
        load_times = measure_load_time(args.parser)
        print(f"load: cold {load_times['cold']['total_s']:.2f} s, warm {load_times['warm']['total_s']:.2f} s", file=sys.stderr)

    place_checks = run_place_checks(geoparser, args.articles, SEED_PLACES_PATH, SEEDS_DIR)
    n_right = sum(1 for check in place_checks if check.status == "OK")
    print(f"expected places: {n_right} of {len(place_checks)} right", file=sys.stderr)
    for check in place_checks:
        if check.status != "OK":
            print(f"place {check.article} {check.text}: {check.status} ({check.detail})", file=sys.stderr)

    published_path = args.corpora / "published_results.json"
    published = json.loads(published_path.read_text(encoding="utf-8")) if published_path.exists() else []
    markdown = render_markdown(
        results=results,
        corpus_sizes=corpus_sizes,
        published=published,
        speed=speed,
        load_times=load_times,
        place_checks=place_checks,
        limit=args.limit,
    )
    write_atomic(args.out, markdown + "\n")
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
