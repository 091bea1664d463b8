"""A rebuild that appends articles resumes the kept fold, and its files are those of a build from scratch."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.build import OUTPUT_FILES, build_paths
from pipeline.events import merge
from pipeline.scale import run as scale_run
from pipeline.scale.fold import BuildFold
from pipeline.scale.store import FOLD_NAME, STORE_NAME, ArticleStore
from pipeline.scale.work import process_article
from tests.pipeline.scale.conftest import make_records, write_jsonl


def _same_outputs(a: Path, b: Path) -> None:
    for name in OUTPUT_FILES:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


@pytest.fixture
def counted(monkeypatch) -> dict[str, list]:
    """The articles processed, and the articles' events merged, per build."""
    seen: dict[str, list] = {"processed": [], "merged": []}

    def processed(article, **kwargs):
        seen["processed"].append(article.name)
        return process_article(article, **kwargs)

    real_add = merge.CrossArticleMerge.add

    def merged(self, events):
        seen["merged"].append(events[0].sources[0].article if events and events[0].sources else None)
        return real_add(self, events)

    monkeypatch.setattr(scale_run, "process_article", processed)
    monkeypatch.setattr(merge.CrossArticleMerge, "add", merged)
    return seen


def _rebuild(records, source, out, counted) -> None:
    for value in counted.values():
        value.clear()
    write_jsonl(source, records)
    build_paths([source], out, jobs=1, incremental=True)


def test_appended_articles_are_the_only_ones_processed_and_merged(tmp_path, counted):
    records = make_records(60)
    source, out = tmp_path / "in.jsonl", tmp_path / "out"
    _rebuild(records, source, out, counted)
    assert len(counted["processed"]) == 60 and (out / FOLD_NAME).is_file()
    with ArticleStore(out / STORE_NAME) as store:
        assert len(store) == 60  # every result kept, the last window too

    records += make_records(4, offset=60)
    _rebuild(records, source, out, counted)
    assert counted["processed"] == ["doc-00060", "doc-00061", "doc-00062", "doc-00063"]
    assert set(counted["merged"]) <= {"doc-00060", "doc-00061", "doc-00062", "doc-00063", None}

    fresh = tmp_path / "fresh"
    build_paths([source], fresh, jobs=1)  # no store, no fold: everything from scratch
    _same_outputs(fresh, out)

    _rebuild(records, source, out, counted)  # nothing new: nothing processed or merged, same files
    assert counted["processed"] == [] and counted["merged"] == []
    _same_outputs(fresh, out)


def test_an_appended_reprint_that_changes_an_old_group_folds_everything_again(tmp_path, counted):
    records = make_records(30)
    long_story = " ".join(f"Paragraph {i} of the wire story says shelling hit Kharkiv district number {i} overnight."
                          for i in range(12))
    records[3]["text"] = long_story + "\n"
    source, out = tmp_path / "in.jsonl", tmp_path / "out"
    _rebuild(records, source, out, counted)
    # a copy named before the original: the old article's group id becomes the new one's name
    records.append(dict(records[3], id="doc-00000-copy", text=long_story + " Reprinted with permission.\n"))
    _rebuild(records, source, out, counted)
    assert counted["processed"] == ["doc-00000-copy"]
    assert len([m for m in counted["merged"] if m]) > 1  # the old articles were merged again

    fresh = tmp_path / "fresh"
    result = build_paths([source], fresh, jobs=1)
    groups = {a["article"]: a["group"] for a in result.articles}
    assert groups["doc-00003"] == groups["doc-00000-copy"] == "doc-00000-copy"
    _same_outputs(fresh, out)


@pytest.mark.parametrize("damage", ["fold", "parquet", "places"])
def test_a_damaged_fold_or_changed_output_is_not_trusted(tmp_path, counted, damage):
    records = make_records(30)
    source, out = tmp_path / "in.jsonl", tmp_path / "out"
    _rebuild(records, source, out, counted)
    if damage == "fold":
        (out / FOLD_NAME).write_bytes(b"not a pickle")
    elif damage == "parquet":
        (out / "events.parquet").write_bytes(b"edited by hand")
    else:
        (out / "places.geojson").unlink()
    records += make_records(2, offset=30)
    _rebuild(records, source, out, counted)
    assert counted["processed"] == ["doc-00030", "doc-00031"]
    fresh = tmp_path / "fresh"
    build_paths([source], fresh, jobs=1)
    _same_outputs(fresh, out)


def test_a_fold_of_another_version_is_not_used():
    fold = BuildFold()
    assert BuildFold.loads(fold.dumps("v1"), "v1") is not None
    assert BuildFold.loads(fold.dumps("v1"), "v2") is None
    assert BuildFold.loads(b"\x80\x05garbage", "v1") is None
