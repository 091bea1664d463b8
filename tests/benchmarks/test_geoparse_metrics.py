"""Scoring functions of the geoparsing benchmark, on inputs with known answers."""

from __future__ import annotations

import math

import numpy as np
import pytest

from benchmarks.geoparse_eval import (
    MODES,
    accuracy_at_km,
    auc_log_error,
    check_expected_places,
    distance_metrics,
    error_report,
    find_occurrences,
    haversine_km,
    match_eupeg,
    match_exact,
    precision_recall_f1,
    render_markdown,
    score_corpus,
    score_document,
    split_gold,
)


def _top(start: int, end: int, lat: float | None = 10.0, lon: float | None = 20.0, **extra) -> dict:
    return {"start": start, "end": end, "name": "x" * (end - start), "lat": lat, "lon": lon, **extra}


def _pred(start: int, end: int, lat: float = 10.0, lon: float = 20.0, **extra) -> dict:
    return {"start": start, "end": end, "text": "x" * (end - start), "lat": lat, "lon": lon, **extra}


class _GoldEchoParser:
    """A fake geoparser: returns the gold spans of known texts, shifted `shift_deg` degrees north."""

    def __init__(self, documents: list[dict], shift_deg: float) -> None:
        self._by_text = {doc["text"]: doc["toponyms"] for doc in documents}
        self._shift = shift_deg

    def parse(self, text: str) -> list[dict]:
        return [
            _pred(t["start"], t["end"], lat=t["lat"] + self._shift, lon=t["lon"])
            for t in self._by_text.get(text, [])
            if t["lat"] is not None
        ]


def test_haversine_one_degree_of_latitude_is_111_km():
    assert haversine_km(0.0, 0.0, 1.0, 0.0) == pytest.approx(111.195, abs=0.01)
    assert haversine_km(50.45, 30.52, 50.45, 30.52) == 0.0


def test_haversine_antipodes_is_the_max_error():
    assert haversine_km(0.0, 0.0, 0.0, 180.0) == pytest.approx(20015.1, abs=0.1)


def test_precision_recall_f1_known_counts():
    precision, recall, f1 = precision_recall_f1(tp=6, fp=2, fn=4)
    assert precision == pytest.approx(0.75)
    assert recall == pytest.approx(0.6)
    assert f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)


def test_precision_recall_f1_zero_true_positives_is_zero_not_nan():
    assert precision_recall_f1(tp=0, fp=0, fn=3) == (0.0, 0.0, 0.0)


def test_accuracy_at_161_is_strictly_below():
    assert accuracy_at_km([0.0, 160.9, 161.0, 500.0]) == pytest.approx(0.5)
    assert math.isnan(accuracy_at_km([]))


def test_auc_of_perfect_geocoding_is_zero_and_of_antipodes_is_one():
    assert auc_log_error([0.0, 0.0, 0.0]) == 0.0
    assert auc_log_error([20039.0] * 4) == pytest.approx(1.0, abs=1e-4)


def test_auc_matches_camcoder_trapz_formula():
    errors = [0.0, 3.0, 12.0, 161.0, 900.0, 5000.0]
    trapezoid = getattr(np, "trapezoid", None) or np.trapz  # numpy < 2 has only trapz
    expected = trapezoid(np.log(np.array(errors) + 1)) / (np.log(20039) * (len(errors) - 1))
    assert auc_log_error(errors) == pytest.approx(float(expected))


def test_auc_sorts_errors_as_eupeg():
    assert auc_log_error([900.0, 0.0, 12.0]) == pytest.approx(auc_log_error([0.0, 12.0, 900.0]))


def test_distance_metrics_known_values():
    metrics = distance_metrics([0.0, 10.0, 200.0, 1000.0])
    assert metrics["n"] == 4
    assert metrics["mean_km"] == pytest.approx(302.5)
    assert metrics["median_km"] == pytest.approx(105.0)
    assert metrics["acc_161"] == pytest.approx(0.5)


def test_split_gold_per_corpus_rules():
    toponyms = [
        _top(0, 5, geonameid=1),
        _top(10, 15, geonameid=None),  # coordinates but no GeoNames id
        _top(20, 25, lat=None, lon=None, geonameid=None),
    ]
    gold, rest = split_gold("geowebnews", toponyms)
    assert [t["start"] for t in gold] == [0]
    assert [t["start"] for t in rest] == [10, 20]
    gold, rest = split_gold("lgl", toponyms)
    assert [t["start"] for t in gold] == [0, 10]
    assert [t["start"] for t in rest] == [20]
    with pytest.raises(ValueError, match="unknown corpus"):
        split_gold("wiktor", toponyms)


def test_match_exact_is_one_to_one_on_identical_spans():
    gold = [_top(0, 5), _top(10, 15)]
    preds = [_pred(0, 5), _pred(0, 5), _pred(10, 14)]
    assert match_exact(gold, preds) == [(0, 0)]


def test_match_eupeg_uses_midpoints_less_than_ten_apart():
    gold = [_top(100, 110)]  # midpoint 105
    assert match_eupeg(gold, [_pred(108, 120)]) == [(0, 0)]  # midpoint 114, 9 away
    assert match_eupeg(gold, [_pred(80, 90)]) == []  # midpoint 85, 20 away


def test_match_eupeg_first_free_prediction_wins():
    gold = [_top(0, 6), _top(4, 10)]
    preds = [_pred(2, 8)]
    assert match_eupeg(gold, preds) == [(0, 0)]


def test_match_eupeg_window_boundary():
    gold = [_top(100, 110)]  # midpoint 105
    assert match_eupeg(gold, [_pred(110, 120)]) == []  # midpoint 115: exactly 10 away, not < 10
    assert match_eupeg(gold, [_pred(109, 119)]) == [(0, 0)]  # midpoint 114


def test_score_document_exact_ignores_annotated_non_gold_only_in_headline_mode():
    gold = [_top(0, 5)]
    annotated_non_gold = [_top(20, 28, lat=None, lon=None)]
    preds = [_pred(0, 5), _pred(20, 28), _pred(40, 45), _pred(60, 65, lat=None)]
    headline = score_document(gold, annotated_non_gold, [dict(p) for p in preds], mode="exact")
    assert (headline.tp, headline.fp, headline.fn) == (1, 1, 0)
    assert [p["start"] for p in headline.ignored_predictions] == [20]
    strict = score_document(gold, annotated_non_gold, preds, mode="exact_strict")
    assert (strict.tp, strict.fp, strict.fn) == (1, 2, 0)  # the prediction without coordinates is dropped


def test_score_document_errors_are_measured_on_matched_pairs():
    gold = [_top(0, 5, lat=0.0, lon=0.0), _top(10, 15, lat=0.0, lon=0.0)]
    preds = [_pred(0, 5, lat=1.0, lon=0.0), _pred(30, 35)]
    score = score_document(gold, [], preds, mode="exact")
    assert (score.tp, score.fp, score.fn) == (1, 1, 1)
    assert [round(error, 1) for _, _, error in score.matched] == [111.2]
    with pytest.raises(ValueError, match="unknown mode"):
        score_document(gold, [], preds, mode="fuzzy")


def _corpus() -> list[dict]:
    text_a = "Kyiv and Lviv are in Ukraine; Ukrainian troops."
    text_b = "Paris is far from Kyiv."
    return [
        {
            "id": "a",
            "text": text_a,
            "toponyms": [
                {"start": 0, "end": 4, "name": "Kyiv", "lat": 50.45, "lon": 30.52, "geonameid": 703448},
                {"start": 9, "end": 13, "name": "Lviv", "lat": 49.84, "lon": 24.02, "geonameid": 702550},
                {"start": 21, "end": 28, "name": "Ukraine", "lat": 49.0, "lon": 32.0, "geonameid": 690791},
                {"start": 30, "end": 39, "name": "Ukrainian", "lat": None, "lon": None, "geonameid": None},
            ],
        },
        {
            "id": "b",
            "text": text_b,
            "toponyms": [
                {"start": 0, "end": 5, "name": "Paris", "lat": 48.85, "lon": 2.35, "geonameid": 2988507},
                {"start": 18, "end": 22, "name": "Kyiv", "lat": 50.45, "lon": 30.52, "geonameid": 703448},
            ],
        },
    ]


def test_fake_parser_returning_gold_spans_scores_perfect_recognition():
    documents = _corpus()
    parser = _GoldEchoParser(documents, shift_deg=1.0)  # every place 111 km north
    totals, per_doc = score_corpus("lgl", documents, [parser.parse(d["text"]) for d in documents])
    for mode in MODES:
        metrics = totals[mode].metrics()
        assert (metrics["tp"], metrics["fp"], metrics["fn"]) == (5, 0, 0)
        assert metrics["f1"] == 1.0
        assert metrics["acc_161"] == 1.0
        assert metrics["mean_km"] == pytest.approx(111.2, abs=0.1)
        assert metrics["auc"] == pytest.approx(math.log(112.2) / math.log(20039), abs=1e-3)
    far = _GoldEchoParser(documents, shift_deg=2.0)  # 222 km: recognised, badly resolved
    totals, _ = score_corpus("lgl", documents, [far.parse(d["text"]) for d in documents])
    assert totals["exact"].metrics()["acc_161"] == 0.0
    assert totals["exact"].metrics()["f1"] == 1.0


def test_fake_parser_with_boundary_error_and_spurious_mention():
    documents = _corpus()

    class _Sloppy(_GoldEchoParser):
        def parse(self, text: str) -> list[dict]:
            places = super().parse(text)
            if text.startswith("Kyiv and"):
                places[0]["end"] = 8  # "Kyiv and": boundary error, midpoint 2 away
                places.append(_pred(30, 39))  # "Ukrainian", annotated but not gold
            return places

    parser = _Sloppy(documents, shift_deg=0.0)
    totals, per_doc = score_corpus("lgl", documents, [parser.parse(d["text"]) for d in documents])
    exact, strict, eupeg = (totals[mode].metrics() for mode in ("exact", "exact_strict", "eupeg"))
    assert (exact["tp"], exact["fp"], exact["fn"]) == (4, 1, 1)
    assert (strict["tp"], strict["fp"], strict["fn"]) == (4, 2, 1)
    assert (eupeg["tp"], eupeg["fp"], eupeg["fn"]) == (5, 1, 0)
    report = error_report("lgl", documents, per_doc["exact"])
    assert "'Kyiv and'" in report
    assert "Misses, boundary" in report


def test_find_occurrences_whole_words_and_anchor():
    text = "Russia, Russian, Russia’s and Russia-backed; near Russia."
    assert find_occurrences(text, "Russia") == [(0, 6), (17, 23), (30, 36), (50, 56)]
    assert find_occurrences(text, "Russia", anchor="near Russia") == [(50, 56)]
    with pytest.raises(ValueError, match="anchor"):
        find_occurrences(text, "Russia", anchor="far Russia")


def test_check_expected_places_verdicts():
    text = "Lyman is near Donetsk. Related coverage Texas. Lyman again."
    expected = {
        "places": [
            {"text": "Lyman", "lat": 48.99, "lon": 37.81, "admin1": "UA-14"},
            {"text": "Donetsk", "lat": 48.0, "lon": 37.8, "admin1": "UA-14"},
        ],
        "absent": [{"text": "Texas"}],
    }
    good = {"lat": 48.99, "lon": 37.81, "admin1_code": "UA-14", "country_code": "UA", "feature_kind": "city"}
    wrong_oblast = {"lat": 49.0, "lon": 36.0, "admin1_code": "UA-63", "country_code": "UA", "feature_kind": "city"}
    predictions = [
        {"start": 0, "end": 5, "text": "Lyman", "name": "Lyman", **good},
        {"start": 48, "end": 53, "text": "Lyman", "name": "Lyman", **wrong_oblast},
        {"start": 40, "end": 45, "text": "Texas", "name": "Texas", "lat": 31.0, "lon": -100.0},
    ]
    checks = {c.text: c for c in check_expected_places("x.txt", text, predictions, expected)}
    assert checks["Lyman"].status == "wrong"
    assert "admin1 UA-63" in checks["Lyman"].detail
    assert checks["Donetsk"].status == "missing"
    assert checks["Texas"].status == "wrong"
    only_first = check_expected_places("x.txt", text, predictions[:1], expected)
    assert [c.status for c in only_first] == ["partial", "missing", "OK"]


def test_render_markdown_puts_our_rows_beside_published_rows():
    metrics = distance_metrics([0.0, 10.0])
    metrics.update({"precision": 0.9, "recall": 0.8, "f1": 0.847, "tp": 8, "fp": 1, "fn": 2})
    published = [
        {"dataset": "lgl", "system": "CamCoder", "source": "Wang & Hu (2019) 'Are We There Yet?'", "f1": 0.654,
         "precision": 0.811, "recall": 0.548, "mean_error_km": 837.126, "median_error_km": 0.02,
         "acc_161": 0.717, "auc": 0.248},
    ]
    markdown = render_markdown(
        results={"lgl": {mode: metrics for mode in MODES}},
        corpus_sizes={"lgl": (2, 10)},
        published=published,
        speed=None,
        load_times=None,
        place_checks=[],
        limit=None,
    )
    assert "| CamCoder (C) | 0.811 | 0.548 | 0.654 |" in markdown
    assert "F1 0.847 ≥ 0.65" in markdown
    assert "**met**" in markdown


def test_seed_places_file_points_at_real_text_and_valid_codes():
    import json

    import pycountry

    from benchmarks.geoparse_eval import SEED_PLACES_PATH, SEEDS_DIR

    expectations = json.loads(SEED_PLACES_PATH.read_text(encoding="utf-8"))
    articles = [name for name in expectations if not name.startswith("_")]
    assert articles == sorted(path.name for path in SEEDS_DIR.glob("*.txt"))
    for article in articles:
        text = (SEEDS_DIR / article).read_text(encoding="utf-8")
        for entry in expectations[article]["places"] + expectations[article]["absent"]:
            assert find_occurrences(text, entry["text"], anchor=entry.get("anchor")), (article, entry)
        for place in expectations[article]["places"]:
            if place.get("admin1"):
                assert pycountry.subdivisions.get(code=place["admin1"]) is not None, place
            if place.get("country"):
                assert pycountry.countries.get(alpha_2=place["country"]) is not None, place
