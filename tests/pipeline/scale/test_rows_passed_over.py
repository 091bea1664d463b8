"""A rebuild passes over the unchanged leading rows unread, and its files are those of a build from scratch."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.build import OUTPUT_FILES, build_paths, process
from pipeline.scale import corpus
from pipeline.scale import run as scale_run
from pipeline.scale.corpus import InputChanged, Inputs
from pipeline.scale.spool import ObjectSpool
from pipeline.scale.work import process_article
from tests.pipeline.scale.conftest import make_records, write_jsonl


def _same_outputs(a: Path, b: Path) -> None:
    for name in OUTPUT_FILES:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


@pytest.fixture
def counted(monkeypatch) -> dict[str, int]:
    """How many rows were made into articles, and how many articles were geoparsed."""
    seen = {"rows": 0, "processed": 0}
    real_row, real_process = corpus.row_article, process_article

    def row(where, record):
        seen["rows"] += 1
        return real_row(where, record)

    def processed(article, **kwargs):
        seen["processed"] += 1
        return real_process(article, **kwargs)

    monkeypatch.setattr(corpus, "row_article", row)
    monkeypatch.setattr(scale_run, "process_article", processed)
    return seen


def _build(records, source, out, counted) -> dict[str, int]:
    for key in counted:
        counted[key] = 0
    write_jsonl(source, records)
    build_paths([source], out, jobs=1, incremental=True)
    return dict(counted)


def test_unchanged_rows_are_not_read_again_and_outputs_match_a_fresh_build(tmp_path, counted):
    records = make_records(40)
    source, out = tmp_path / "in.jsonl", tmp_path / "out"
    assert _build(records, source, out, counted) == {"rows": 41, "processed": 40}  # row 1 also checked for text
    written = {name: (out / name).stat().st_mtime_ns for name in OUTPUT_FILES}

    assert _build(records, source, out, counted) == {"rows": 0, "processed": 0}  # nothing new: nothing read
    assert {name: (out / name).stat().st_mtime_ns for name in OUTPUT_FILES} == written  # nor written

    records += make_records(3, offset=40)
    assert _build(records, source, out, counted) == {"rows": 3, "processed": 3}
    fresh = tmp_path / "fresh"
    build_paths([source], fresh, jobs=1)  # no store, no fold
    _same_outputs(fresh, out)


def test_an_edited_leading_row_reads_everything_again_with_the_same_outputs(tmp_path, counted):
    records = make_records(20)
    source, out = tmp_path / "in.jsonl", tmp_path / "out"
    _build(records, source, out, counted)
    records[5] = dict(records[5], text=records[5]["text"] + " Shelling hit Kharkiv overnight.\n")
    seen = _build(records, source, out, counted)
    assert seen["processed"] == 1 and seen["rows"] >= 20  # every row read again; only the edited one geoparsed
    fresh = tmp_path / "fresh"
    build_paths([source], fresh, jobs=1)
    _same_outputs(fresh, out)


def test_a_damaged_output_is_rewritten_not_trusted(tmp_path, counted):
    records = make_records(12)
    source, out = tmp_path / "in.jsonl", tmp_path / "out"
    _build(records, source, out, counted)
    good = (out / "events.csv").read_bytes()
    (out / "events.csv").write_text("damaged\n", encoding="utf-8")
    _build(records, source, out, counted)
    assert (out / "events.csv").read_bytes() == good


def test_rows_to_pass_over_that_are_not_there_raise_before_any_article(tmp_path):
    source = write_jsonl(tmp_path / "in.jsonl", make_records(3))
    digests = [article.raw for article in Inputs([source])]
    assert len(digests) == 3 and None not in digests
    assert [a.name for a in Inputs([source]).articles(digests[:2])] == ["doc-00002"]
    with pytest.raises(InputChanged):
        list(Inputs([source]).articles([digests[1]]))
    with pytest.raises(InputChanged):
        list(Inputs([source]).articles([*digests, digests[0]]))  # more rows to pass over than there are


def test_process_needs_every_article_when_the_rows_passed_over_are_not_the_folds(tmp_path):
    source = write_jsonl(tmp_path / "in.jsonl", make_records(2))
    with pytest.raises(InputChanged):
        process(Inputs([source]), skipped=1)  # no fold to take the first article from


def test_object_spool_reads_back_in_order_from_any_position():
    spool = ObjectSpool()
    for i in range(5):
        spool.append({"n": i, "text": "x" * i})
    assert len(spool) == 5
    assert [item["n"] for item in spool.read()] == [0, 1, 2, 3, 4]
    assert [item["n"] for item in spool.read(3)] == [3, 4]
    both = zip(spool.read(), spool.read(1))  # two readers at once
    assert [(a["n"], b["n"]) for a, b in both] == [(0, 1), (1, 2), (2, 3), (3, 4)]
    spool.close()
    assert not spool.path.exists()
