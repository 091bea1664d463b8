"""The fold's heap stays bounded while a build runs: compacted between articles, crash-safe (issue 16)."""

from __future__ import annotations


import pytest

from pipeline.build import build_paths
from pipeline.scale import fold as fold_module
from pipeline.scale.heap import BlobHeap
from pipeline.scale.store import FOLD_NAME, HEAP_NAME, pipeline_version
from tests.pipeline.scale.conftest import write_jsonl
from tests.pipeline.scale.test_heap_and_streaming import _same_outputs

DESKS = ("morning", "evening", "night")


def _one_incident(n: int, *, offset: int = 0) -> list[dict]:
    """``n`` articles reporting one strike (one merged event that every article joins)."""
    return [{"id": f"r{i:04d}", "date": "2023-03-04",
             "text": f"Report number {i} of the {DESKS[i % 3]} desk.\n\nA missile struck a depot in Kharkiv on "
                     f"Friday, the regional governor said. Three people were killed and {i % 4 + 2} were wounded.\n"}
            for i in range(offset, offset + n)]


def _live(fold) -> int:
    return sum(int(refs[:, 1].sum()) for refs, _arrays, _put in fold._heap_records())


@pytest.fixture
def looks(monkeypatch) -> list[tuple[int, int, bool]]:
    """Every look at the heap during a build: (size, live bytes, compacted), with a look after every article and
    every event let go of (pickled again) at once."""
    seen: list[tuple[int, int, bool]] = []
    real = fold_module.BuildFold.compact_heap

    def compact_heap(self, **kwargs):
        done = real(self, **kwargs)
        if kwargs.get("aside"):
            seen.append((self.heap.size, _live(self), done))
        return done

    monkeypatch.setattr(fold_module.BuildFold, "compact_heap", compact_heap)
    monkeypatch.setattr(fold_module, "WHOLE_EVENTS", 0)
    monkeypatch.setattr(fold_module, "HEAP_CHECK_EVERY", 0)
    return seen


def test_many_reports_joining_one_event_leave_the_heap_within_twice_its_live_bytes(tmp_path, monkeypatch, looks):
    records = _one_incident(60)
    source = write_jsonl(tmp_path / "in.jsonl", records)
    monkeypatch.setattr(fold_module, "HEAP_GARBAGE_MIN", 1 << 40)  # never compacted: the garbage it would leave
    build_paths([source], tmp_path / "plain", jobs=1, incremental=True)
    size, live, _done = looks[-1]
    assert size > 4 * live  # the event, pickled again at each report, grows with them: its old copies pile up
    looks.clear()
    monkeypatch.setattr(fold_module, "HEAP_GARBAGE_MIN", 0)
    build_paths([source], tmp_path / "out", jobs=1, incremental=True)
    assert len(looks) >= 60 and sum(done for _s, _l, done in looks) >= 5  # a look after every article folded
    assert all(size <= (1 + fold_module.HEAP_GARBAGE_RATIO) * live for size, live, _done in looks)
    _same_outputs(tmp_path / "plain", tmp_path / "out")
    assert (tmp_path / "out" / HEAP_NAME).stat().st_size < size  # the kept heap too
    assert not list((tmp_path / "out").glob("*.compact")) and not (tmp_path / "out" / f"{HEAP_NAME}.new").exists()


class _Stop(Exception):
    pass


@pytest.mark.parametrize("stop", ["in the copy", "after the copy"])
def test_a_build_stopped_during_or_after_a_compaction_leaves_the_kept_fold_and_resumes_on_it(
        tmp_path, monkeypatch, looks, processed, stop):
    records = _one_incident(30)
    source, out = tmp_path / "in.jsonl", tmp_path / "out"
    write_jsonl(source, records)
    build_paths([source], out, jobs=1, incremental=True)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    monkeypatch.setattr(fold_module, "HEAP_GARBAGE_MIN", 0)
    real_copy, real_render = BlobHeap.compacted, fold_module.BuildFold.render

    def copy(self, path, refs, arrays):
        if stop == "in the copy":
            real_copy(self, path, refs, arrays)
            raise _Stop  # the new heap is written, not yet in place
        return real_copy(self, path, refs, arrays)

    def render(self, *args, **kwargs):
        raise _Stop  # every article folded, the heap compacted aside, nothing written

    monkeypatch.setattr(BlobHeap, "compacted", copy)
    monkeypatch.setattr(fold_module.BuildFold, "render", render)
    write_jsonl(source, records + _one_incident(12, offset=30))
    processed.clear()
    with pytest.raises(_Stop):
        build_paths([source], out, jobs=1, incremental=True)
    assert processed == [f"r{i:04d}" for i in range(30, 42)]  # resumed: only the new articles
    assert stop == "in the copy" or any(done for _s, _l, done in looks)
    for name, data in before.items():  # the previous outputs, the store and the kept fold's heap as they were
        if name == HEAP_NAME:  # what was appended to it is cut off when it is opened again
            assert (out / name).read_bytes()[:len(data)] == data
        elif name != "article_store.sqlite":  # (it holds the new articles' results)
            assert (out / name).read_bytes() == data, name
    assert fold_module.BuildFold.loads((out / FOLD_NAME).read_bytes(), pipeline_version(), out) is not None
    monkeypatch.setattr(BlobHeap, "compacted", real_copy)
    monkeypatch.setattr(fold_module.BuildFold, "render", real_render)
    processed.clear()
    build_paths([source], out, jobs=1, incremental=True)
    assert processed == []  # the kept fold resumed, the new articles' results from the store
    assert any(done for _s, _l, done in looks)
    fresh = tmp_path / "fresh"
    build_paths([source], fresh, jobs=1, incremental=True)
    _same_outputs(fresh, out)
    assert not (out / f"{HEAP_NAME}.new").exists()
