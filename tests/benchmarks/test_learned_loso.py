"""The pure parts of the learned leave-one-set-out benchmark: gold alignment, per-place units, AUC."""

from __future__ import annotations

from types import SimpleNamespace

from benchmarks.learned_loso import ArticleData, Unit, _auc, by_place, label


def _unit(sent: int, key: str, admin1: str = "UA-63", kind: str = "city", text: str = "") -> Unit:
    return Unit("a.txt", sent, key, admin1, kind, text or f"sentence {sent}", "", "")


def test_gold_events_label_every_sentence_naming_their_place_by_any_variant() -> None:
    units = [_unit(0, "kharkov"), _unit(1, "kharkiv"), _unit(2, "izium"), _unit(3, "kharkiv oblast", kind="admin1")]
    gold = {"a.txt": {"places": [{"text": "Kharkiv", "variants": ["Kharkov"]}, {"text": "Izium"}],
                      "events": [{"type": "casualty_report", "place": "Kharkiv", "admin1": "UA-63", "killed": [2]},
                                 {"type": "frontline_incident", "admin1": "UA-63"},
                                 {"type": "frontline_incident", "place": "Balakliia", "admin1": "UA-63"}]}}
    noise = label({"a.txt": ArticleData(units=units)}, gold)
    assert [u.label for u in units] == ["casualty_report", "casualty_report", "none", "frontline_incident"]
    assert noise == {"2-3 units": 1, "one unit": 1, "no unit": 1}


def test_a_place_in_another_unit_is_not_labelled() -> None:
    units = [_unit(0, "izium", admin1="UA-14")]
    gold = {"a.txt": {"places": [], "events": [{"type": "frontline_incident", "place": "Izium", "admin1": "UA-63"}]}}
    label({"a.txt": ArticleData(units=units)}, gold)
    assert units[0].label == "none"


def test_by_place_joins_sentences_and_leads_with_one_that_tells_something() -> None:
    first, second = _unit(0, "izium", text="izium is a town"), _unit(2, "izium", text="shells hit _tgt_")
    second.label = "frontline_incident"
    sentences = {0: SimpleNamespace(triggers=[], figures=[]), 2: SimpleNamespace(triggers=["hit"], figures=[])}
    (joined,) = by_place([first, second], sentences)
    assert joined.sent_index == 2
    assert joined.label == "frontline_incident"
    assert joined.text == "izium is a town ||| shells hit _tgt_"
    assert "mentions_2" in joined.facts and "first_0" in joined.facts


def test_auc_counts_ties_as_half() -> None:
    assert _auc([0.9, 0.1], [True, False]) == 1.0
    assert _auc([0.5, 0.5], [True, False]) == 0.5
    assert _auc([0.2, 0.8, 0.4], [True, False, False]) == 0.0
