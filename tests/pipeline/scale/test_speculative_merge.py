"""The first pass merges each article with its group as known then; the articles whose group changed later are merged
again (``BuildFold.regroup``); the files are those of the two-pass build."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline import build
from pipeline.build import OUTPUT_FILES, build_paths
from pipeline.ingest.syndication import Grouping, fingerprint
from pipeline.scale.fold import BuildFold
from tests.pipeline.scale.conftest import make_records, write_jsonl

_PARAGRAPHS = [f"Paragraph {i} of the wire story says shelling hit Kharkiv district number {i} overnight, and "
               f"{i + 2} people were killed." for i in range(12)]
_STORY = " ".join(_PARAGRAPHS)


def _outputs(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in OUTPUT_FILES}


@pytest.fixture
def passes(monkeypatch) -> dict[str, list]:
    """Per ``_first_pass`` call: whether it merged every article; per ``BuildFold.regroup`` call: the merged
    events it made again (no call: no article's group changed after it was merged)."""
    seen: dict[str, list] = {"merged": [], "remade": []}
    real, real_regroup = build._first_pass, BuildFold.regroup

    def first_pass(*args, **kwargs):
        results, merged_with = real(*args, **kwargs)
        seen["merged"].append(merged_with is not None)
        return results, merged_with

    def regroup(self, *args, **kwargs):
        remade = real_regroup(self, *args, **kwargs)
        seen["remade"].append(remade)
        return remade

    monkeypatch.setattr(build, "_first_pass", first_pass)
    monkeypatch.setattr(BuildFold, "regroup", regroup)
    return seen


def _two_pass(monkeypatch, records, folder: Path, *, jobs: int = 1) -> dict[str, bytes]:
    """The outputs with the speculative merge turned off (every article merged in the second pass)."""
    real = build._first_pass
    with monkeypatch.context() as patch:
        patch.setattr(build, "_first_pass", lambda *a, keys=None, **k: real(*a, **k))
        build_paths([write_jsonl(folder.parent / f"{folder.name}.jsonl", records)], folder, jobs=jobs)
    return _outputs(folder)


def _reprints(order: str) -> list[dict]:
    """A corpus with three copies of one wire story; ``later-lower``: a copy named before the others comes last
    (it becomes the group id of articles already merged), ``midway``: it comes midway, and a fourth copy after it
    (merged with the final group already), ``bridge``: the last copy joins two groups. The copies share a date (dated
    copies are compared within a week)."""
    records = make_records(40)
    records[5] = dict(records[5], id="doc-b-original", text=_STORY + "\n")
    records[20] = dict(records[5], id="doc-c-reprint", text=_STORY + " Reprinted with permission.\n")
    if order == "later-lower":
        records.append(dict(records[5], id="doc-a-late-copy", text=_STORY + " Copied late.\n"))
    elif order == "midway":
        records[30] = dict(records[5], id="doc-a-late-copy", text=_STORY + " Copied late.\n")
        records.append(dict(records[5], id="doc-d-reprint", text=_STORY + " Copied last.\n"))
    elif order == "bridge":
        # paragraphs 0-7 and 4-11: too little in common to be copies; each is a copy of the whole story
        records[5] = dict(records[5], text=" ".join(_PARAGRAPHS[:8]) + "\n")
        records[20] = dict(records[20], text=" ".join(_PARAGRAPHS[4:]) + "\n")
        records.append(dict(records[5], id="doc-z-whole", text=_STORY + "\n"))
    return records


@pytest.mark.parametrize("order", ["in-order", "later-lower", "midway", "bridge"])
def test_speculative_merge_gives_the_two_pass_files(tmp_path, monkeypatch, passes, order):
    records = _reprints(order)
    expected = _two_pass(monkeypatch, records, tmp_path / "two-pass")
    passes["merged"].clear()
    result = build_paths([write_jsonl(tmp_path / "in.jsonl", records)], tmp_path / "out", jobs=1)
    assert _outputs(tmp_path / "out") == expected
    assert passes["merged"] == [True]  # every article merged in the first pass
    groups = {a["article"]: a["group"] for a in result.articles}
    if order == "in-order":
        assert passes["remade"] == []  # no group of a merged article changed: nothing merged again
        assert groups["doc-c-reprint"] == "doc-b-original"
    else:
        # a merged article's group changed: only the merged events the copies' events joined are made again
        assert len(passes["remade"]) == 1 and 0 < passes["remade"][0] < len(result.events["features"])
        assert groups["doc-b-original"] == groups["doc-c-reprint"] == ("doc-b-original" if order == "bridge"
                                                                       else "doc-a-late-copy")


@pytest.mark.parametrize("order", ["later-lower", "midway", "bridge"])
def test_a_regrouped_story_is_merged_again_with_the_independent_reports_around_it(tmp_path, monkeypatch, passes,
                                                                                  order):
    """Merged events that regrouped copies joined also hold independent reports folded before and after them
    (their groups never changed): made again from every report, in order, they are those of the two-pass build."""
    records = _reprints(order)
    records[2] = dict(records[5], id="doc-independent-1",
                      text="Shelling hit Kharkiv overnight, officials said. 13 people were killed.\n")
    records[35] = dict(records[5], id="doc-independent-2",
                       text="Russian shelling killed 13 people in Kharkiv overnight, the regional governor said.\n")
    expected = _two_pass(monkeypatch, records, tmp_path / "two-pass")
    passes["merged"].clear()
    result = build_paths([write_jsonl(tmp_path / "in.jsonl", records)], tmp_path / "out", jobs=1)
    assert _outputs(tmp_path / "out") == expected
    assert passes["merged"] == [True] and len(passes["remade"]) == 1
    mixed = [f for f in result.events["features"]
             if {"doc-independent-1", "doc-c-reprint", "doc-independent-2"} <= {s["article"] for s in
                                                                                  f["properties"]["sources"]}]
    assert mixed  # the story's copies and both independent reports in one merged event


def test_speculative_merge_with_two_jobs_and_a_store(tmp_path, monkeypatch, passes):
    records = _reprints("in-order")
    records.append(dict(records[7], id="doc-same-text"))  # the same text twice: its places once, its own events
    expected = _two_pass(monkeypatch, records, tmp_path / "two-pass", jobs=2)
    passes["merged"].clear()
    build_paths([write_jsonl(tmp_path / "in.jsonl", records)], tmp_path / "out", jobs=2, incremental=True)
    assert passes["merged"] == [True] and passes["remade"] == []
    assert _outputs(tmp_path / "out") == expected
    # a rebuild with one more article resumes the kept fold: the same files as a build from scratch
    records += make_records(2, offset=95)
    build_paths([write_jsonl(tmp_path / "in.jsonl", records)], tmp_path / "out", jobs=1, incremental=True)
    assert _outputs(tmp_path / "out") == _two_pass(monkeypatch, records, tmp_path / "two-pass-2")


def test_articles_sharing_a_name_take_the_last_ones_group(tmp_path, monkeypatch, passes):
    records = _reprints("in-order")
    records[30] = dict(records[30], id="doc-c-reprint")  # a name twice: the two-pass build gives both one group
    expected = _two_pass(monkeypatch, records, tmp_path / "two-pass")
    passes["merged"].clear()
    build_paths([write_jsonl(tmp_path / "in.jsonl", records)], tmp_path / "out", jobs=1)
    assert passes["merged"] == [True] and len(passes["remade"]) == 1  # the first of the two regrouped
    assert _outputs(tmp_path / "out") == expected


def test_regrouped_counts_only_unions_that_move_articles_added_before():
    texts = {"b": _STORY, "c": _STORY + " Again.", "a": _STORY + " Late.", "z": "An unrelated short note on rain."}
    grouping = Grouping()
    for name in ("b", "c"):  # c joins b's group: b keeps its group id
        grouping.add(name, fingerprint(texts[name]), None)
    assert grouping.regrouped == 0 and grouping.group_of(1) == "b"
    grouping.add("z", fingerprint(texts["z"]), None)
    assert grouping.regrouped == 0 and grouping.group_of(2) == "z"
    grouping.add("a", fingerprint(texts["a"]), None)  # named before b: b and c move to group "a"
    assert grouping.regrouped == 1
    assert [grouping.group_of(i) for i in range(4)] == ["a", "a", "z", "a"] and grouping.groups()["c"] == "a"


def test_a_repeated_text_takes_the_first_articles_name_and_failure(tmp_path, monkeypatch):
    from pipeline.scale import run as scale_run
    from pipeline.scale.work import process_article

    def failing(article, **kwargs):
        if article.name == "doc-00004":
            raise RuntimeError("a worker could not parse it")
        return process_article(article, **kwargs)

    monkeypatch.setattr(scale_run, "process_article", failing)
    records = make_records(12)
    records.append(dict(records[4], id="doc-x-copy-of-failed"))
    records.append(dict(records[6], id="doc-y-copy"))
    result = build_paths([write_jsonl(tmp_path / "in.jsonl", records)], tmp_path / "out", jobs=1)
    assert "doc-x-copy-of-failed: same text as doc-00004, which failed" in result.errors
    assert sum("doc-00004" in error for error in result.errors) == 2  # its own failure and its copy's
    sources = {s["article"] for f in result.events["features"] for s in f["properties"]["sources"]}
    assert "doc-y-copy" in sources and "doc-x-copy-of-failed" not in sources


def test_texts_whose_digests_share_their_first_bytes_are_still_told_apart(tmp_path, monkeypatch):
    """The first pass finds a repeated text by its digest's first 8 bytes; two different texts sharing them
    (made here by a digest that keeps only its last bytes) are still each processed, and a true repeat found."""
    import hashlib

    records = make_records(10)
    records.append(dict(records[3], id="doc-z-copy"))
    records.append(dict(records[7], id="doc-w-copy"))
    source = write_jsonl(tmp_path / "in.jsonl", records)
    build_paths([source], tmp_path / "plain", jobs=1, incremental=False)
    calls = {"processed": 0}
    from pipeline.scale import run as scale_run
    real_process = scale_run.process_article

    def counting(article, **kwargs):
        calls["processed"] += 1
        return real_process(article, **kwargs)

    class _Digest:
        def __init__(self, data: bytes) -> None:
            self.whole = hashlib.sha256(data).digest()

        def digest(self) -> bytes:
            return bytes(8) + self.whole[8:]  # every text's first 8 bytes the same

    class _Hashlib:
        def __getattr__(self, name):
            return getattr(hashlib, name)

        @staticmethod
        def sha256(data: bytes = b"") -> _Digest:
            return _Digest(data)

    monkeypatch.setattr(build, "hashlib", _Hashlib())
    monkeypatch.setattr(scale_run, "process_article", counting)
    build_paths([source], tmp_path / "collided", jobs=1, incremental=False)
    assert calls["processed"] == 10  # every distinct text once, the two repeats not
    assert _outputs(tmp_path / "collided") == _outputs(tmp_path / "plain")
