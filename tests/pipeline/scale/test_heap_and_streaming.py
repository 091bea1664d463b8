"""The fold's heap (records beside the kept fold), the bounded merge, and the layers made part by part."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from pipeline.build import OUTPUT_FILES, build_paths
from pipeline.events import merge
from pipeline.scale import columnar, fold as fold_module
from pipeline.scale.columnar import join_geoparquet, join_geoparquet_files, to_geoparquet
from pipeline.scale.heap import BlobHeap, HeapDamaged
from pipeline.scale.store import HEAP_NAME
from tests.pipeline.scale.conftest import make_records, write_jsonl


def _same_outputs(a: Path, b: Path) -> None:
    for name in OUTPUT_FILES:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


# -- the heap -------------------------------------------------------------------------------------
def test_heap_reads_back_what_was_put_before_and_after_it_is_written_out(tmp_path):
    heap = BlobHeap(tmp_path / "h")
    refs = [heap.put(bytes([n]) * (n * 1000)) for n in range(1, 40)]
    assert heap.get(refs[-1]) == bytes([39]) * 39000  # still buffered
    heap.sync()
    assert [heap.get(r) for r in refs] == [bytes([n]) * (n * 1000) for n in range(1, 40)]


def test_heap_reopened_drops_what_was_appended_after_the_kept_size(tmp_path):
    heap = BlobHeap(tmp_path / "h")
    kept = heap.put(b"kept record")
    heap.sync()
    token, size = heap.token, heap.size
    heap.put(b"appended by a build that was interrupted")
    heap.close()
    again = BlobHeap.reopen(tmp_path / "h", token, size)
    assert again.get(kept) == b"kept record" and (tmp_path / "h").stat().st_size == size


def test_a_heap_of_another_fold_or_a_damaged_record_is_refused(tmp_path):
    heap = BlobHeap(tmp_path / "h")
    ref = heap.put(b"x" * 100)
    heap.close()
    with pytest.raises(HeapDamaged):
        BlobHeap.reopen(tmp_path / "h", b"\0" * 16, heap.size)  # another token: another fold's heap
    with pytest.raises(HeapDamaged):
        BlobHeap.reopen(tmp_path / "missing", heap.token, heap.size)
    data = bytearray((tmp_path / "h").read_bytes())
    data[ref[0] + 5] ^= 0xFF
    (tmp_path / "h").write_bytes(bytes(data))
    with pytest.raises(HeapDamaged):
        BlobHeap.reopen(tmp_path / "h", heap.token, heap.size).get(ref)


# -- the heap beside a kept fold: crash safety ---------------------------------------------------
def _build(records, source, out):
    write_jsonl(source, records)
    return build_paths([source], out, jobs=1, incremental=True)


def test_a_build_interrupted_after_appending_to_the_heap_resumes_from_the_kept_size(tmp_path, processed):
    records = make_records(30)
    source, out = tmp_path / "in.jsonl", tmp_path / "out"
    _build(records, source, out)
    kept_size = (out / HEAP_NAME).stat().st_size
    with (out / HEAP_NAME).open("ab") as heap:  # what an interrupted build may leave after the kept records
        heap.write(b"half a record")
    records += make_records(3, offset=30)
    processed.clear()
    _build(records, source, out)
    assert processed == ["doc-00030", "doc-00031", "doc-00032"]  # the fold resumed
    assert (out / HEAP_NAME).stat().st_size > kept_size
    fresh = tmp_path / "fresh"
    build_paths([source], fresh, jobs=1)
    _same_outputs(fresh, out)


@pytest.mark.parametrize("damage", ["foreign", "record"])
def test_a_heap_that_is_not_the_kept_folds_makes_the_build_fold_again(tmp_path, processed, damage):
    records = make_records(30)
    source, out = tmp_path / "in.jsonl", tmp_path / "out"
    _build(records, source, out)
    if damage == "foreign":  # a build from scratch interrupted after its new heap replaced the kept one
        BlobHeap(out / HEAP_NAME).close()
    else:  # a record edited in place
        data = bytearray((out / HEAP_NAME).read_bytes())
        for at in range(100, len(data), 97):
            data[at] ^= 0xFF
        (out / HEAP_NAME).write_bytes(bytes(data))
    records += make_records(2, offset=30)
    processed.clear()
    _build(records, source, out)
    assert processed == ["doc-00030", "doc-00031"]  # the others come from the store
    fresh = tmp_path / "fresh"
    build_paths([source], fresh, jobs=1)
    _same_outputs(fresh, out)
    assert not (out / f"{HEAP_NAME}.new").exists()


# -- bounded memory: merged events as objects, layers in parts ----------------------------------
def test_the_merge_holds_at_most_the_live_views_and_whole_events_and_gives_the_same_files(tmp_path, monkeypatch):
    source = write_jsonl(tmp_path / "in.jsonl", make_records(80))
    build_paths([source], tmp_path / "plain", jobs=1)
    held: list[int] = []
    real_add = merge.CrossArticleMerge.add

    def add(self, events):
        joined = real_add(self, events)
        held.append((len(self._views), len(self._full)))
        return joined

    monkeypatch.setattr(fold_module, "LIVE_EVENTS", 3)
    monkeypatch.setattr(fold_module, "WHOLE_EVENTS", 2)
    monkeypatch.setattr(fold_module, "EVENTS_PER_PART", 7)
    monkeypatch.setattr(merge.CrossArticleMerge, "add", add)
    result = build_paths([source], tmp_path / "bounded", jobs=1)
    assert result.counts["events"] > 20
    # at most LIVE_EVENTS views and WHOLE_EVENTS events kept after each article, plus one article's events
    assert max(v for v, _w in held) <= 3 + 5 and max(w for _v, w in held) <= 2 + 5
    _same_outputs(tmp_path / "plain", tmp_path / "bounded")


def test_layers_in_several_row_groups_are_the_same_from_scratch_and_resumed(tmp_path, monkeypatch, processed):
    monkeypatch.setattr(columnar, "ROW_GROUP_ROWS", 16)
    monkeypatch.setattr(fold_module, "PLACES_PER_PART", 11)
    monkeypatch.setattr(fold_module, "EVENTS_PER_PART", 9)
    records = make_records(40)
    source, out = tmp_path / "in.jsonl", tmp_path / "out"
    _build(records, source, out)
    records += make_records(5, offset=40)
    processed.clear()
    _build(records, source, out)
    assert len(processed) == 5
    fresh = tmp_path / "fresh"
    build_paths([source], fresh, jobs=1)
    _same_outputs(fresh, out)
    for layer in ("events", "places"):
        meta = pq.ParquetFile(out / f"{layer}.parquet").metadata
        assert meta.num_row_groups > 1 and all(meta.row_group(g).num_rows == 16 for g in range(meta.num_row_groups - 1))


def test_streamed_join_writes_the_bytes_of_the_join_in_memory(tmp_path, monkeypatch):
    monkeypatch.setattr(columnar, "ROW_GROUP_ROWS", 5)
    features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [30.0 + i / 10, 50.0 - i / 7]},
                 "properties": {"name": f"p{i}", "killed": None if i < 6 else i, "flag": i % 2 == 0}}
                for i in range(23)]
    features[3]["geometry"] = None
    parts = [to_geoparquet({"features": features[a:b]}) for a, b in ((0, 6), (6, 7), (7, 23))]
    out = tmp_path / "joined.parquet"
    assert join_geoparquet_files(parts, out)
    assert out.read_bytes() == join_geoparquet(parts) == to_geoparquet({"features": features})
    geo = json.loads(pq.ParquetFile(out).schema_arrow.metadata[b"geo"])["columns"]["geometry"]
    assert geo["bbox"][0] == 30.0 and geo["geometry_types"] == ["Point"]
    other = to_geoparquet({"features": [{"type": "Feature", "geometry": None, "properties": {"name": 1.5}}]})
    assert not join_geoparquet_files([parts[0], other], tmp_path / "no.parquet")  # column types differ


@pytest.mark.parametrize("cuts", [(4, 8, 12), (1, 2, 3, 17), (13,), (5, 10, 15, 20)])
def test_streamed_join_of_files_on_disk_fills_every_row_group_exactly(tmp_path, monkeypatch, cuts):
    monkeypatch.setattr(columnar, "ROW_GROUP_ROWS", 4)  # parts smaller, equal to and larger than a row group
    features = [{"type": "Feature", "geometry": {"type": "Point", "coordinates": [20.0 + i, 45.0 + i / 3]},
                 "properties": {"name": f"n{i}", "sources": [{"a": i}], "n": i}} for i in range(22)]
    bounds = (0, *cuts, len(features))
    parts = []
    for k, (a, b) in enumerate(zip(bounds, bounds[1:])):
        parts.append(tmp_path / f"part-{k}.parquet")
        parts[-1].write_bytes(to_geoparquet({"features": features[a:b]}))
    out = tmp_path / "joined.parquet"
    assert join_geoparquet_files(parts, out)
    assert out.read_bytes() == to_geoparquet({"features": features})
    meta = pq.ParquetFile(out).metadata
    assert [meta.row_group(g).num_rows for g in range(meta.num_row_groups)] == [4, 4, 4, 4, 4, 2]


# -- the heap compacted when the fold is kept --------------------------------------------------------
def _kept_heap(out: Path) -> tuple[int, int]:
    """The kept heap's size and the bytes of the records the kept fold refers to."""
    from pipeline.scale.fold import BuildFold
    from pipeline.scale.store import FOLD_NAME, pipeline_version

    fold = BuildFold.loads((out / FOLD_NAME).read_bytes(), pipeline_version(), out)
    assert fold is not None
    return fold.heap.size, sum(int(refs[:, 1].sum()) for refs, _arrays, _put in fold._heap_records())


def test_a_heap_compacted_when_kept_holds_only_live_records_and_the_fold_resumes_on_it(tmp_path, monkeypatch,
                                                                                         processed):
    from pipeline.ingest import syndication

    monkeypatch.setattr(syndication, "_NAMES_PER_BLOCK", 8)  # names, shingles and levels in the heap too
    monkeypatch.setattr(syndication, "_FREEZE_EVERY", 8)
    compacted = []
    real = fold_module.BuildFold.compact_heap
    monkeypatch.setattr(fold_module.BuildFold, "compact_heap", lambda self, **kw: compacted.append(real(self, **kw)))
    source, plain, out = tmp_path / "in.jsonl", tmp_path / "plain", tmp_path / "out"
    for folder, garbage_min in ((plain, 1 << 40), (out, -1)):  # never compacted, compacted at every build
        monkeypatch.setattr(fold_module, "HEAP_GARBAGE_MIN", garbage_min)
        monkeypatch.setattr(fold_module, "HEAP_GARBAGE_RATIO", 0.0)
        records: list[dict] = []
        for n in (54, 66, 78, 89):  # the events the new articles join are rendered and pickled again: garbage
            first = len(records)
            records = records + make_records(n - first, offset=first)
            processed.clear()
            _build(records, source, folder)
            assert processed == [r["id"] for r in records[first:]]  # resumed (on the compacted heap)
            size, live = _kept_heap(folder)
            if folder == out:
                assert compacted[-1] and size - live < 200  # the header and the arrays' alignment only
                fresh = tmp_path / f"fresh{n}"
                build_paths([source], fresh, jobs=1)
                _same_outputs(fresh, out)
        if folder == plain:
            assert not any(compacted) and size > live + 1000  # garbage left when the heap is not compacted
    assert not (out / f"{HEAP_NAME}.compact").exists()
