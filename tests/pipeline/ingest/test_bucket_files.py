"""The syndication grouping's band buckets in mapped files (issue 16, bounded parent memory).

The file-backed levels must answer every look-up as the in-memory ones do (same articles, same order),
the fold's pickle must hold references into its heap rather than the arrays, and a damaged bucket record
must be reported in one line and folded again, never trusted."""

from __future__ import annotations

import mmap
import pickle
import random

import numpy as np
import pytest

from pipeline.build import build_paths
from pipeline.ingest import syndication
from pipeline.ingest.syndication import Grouping, fingerprint
from pipeline.scale.heap import BlobHeap, HeapDamaged
from pipeline.scale.store import FOLD_NAME, HEAP_NAME
from tests.pipeline.scale.conftest import make_records, write_jsonl

WORDS = [f"w{n}" for n in range(300)]


def _items(n: int, seed: int = 11) -> list[tuple[str, syndication.Fingerprint, str | None]]:
    """Random texts, a third of them lightly edited copies of an earlier one; dated, undated and repeated."""
    rng = random.Random(seed)
    texts: list[str] = []
    items = []
    for i in range(n):
        if texts and i % 3 == 0:
            words = rng.choice(texts).split()
            words[rng.randrange(len(words))] = "edited"
            text = " ".join(words)
        elif texts and i % 17 == 0:
            text = rng.choice(texts)  # the same text again
        else:
            text = " ".join(rng.choice(WORDS) for _ in range(50))
        texts.append(text)
        date = None if i % 5 == 0 else f"2023-0{1 + i % 3}-{1 + i % 25:02d}"
        items.append((f"n{rng.randrange(10**6):06d}-{i}", fingerprint(text), date))
    return items


def _mapped(values: np.ndarray) -> bool:
    base = values.base
    return isinstance(getattr(base, "obj", base), mmap.mmap)


@pytest.fixture
def small_pieces(monkeypatch):
    """Levels merged in pieces of a few keys and frozen every few articles: every path of the files is taken."""
    monkeypatch.setattr(syndication, "_MERGE_CHUNK", 7)
    monkeypatch.setattr(syndication, "_FREEZE_EVERY", 4)


def test_buckets_in_files_answer_as_a_plain_dict_does(small_pieces, tmp_path):
    rng = random.Random(3)
    buckets, in_memory, plain = syndication._Buckets(), syndication._Buckets(), {}
    buckets.use_files(str(tmp_path))
    for article in range(600):
        keys = [rng.randrange(1, 120) << 40 for _ in range(3)] + [rng.getrandbits(64)]  # full and single buckets
        buckets.file(keys, article)
        in_memory.file(keys, article)
        for key in keys:  # a key given twice files the article twice, as the buckets do
            found = plain.setdefault(key, [])
            if len(found) < syndication.BUCKET_CAP:
                found.append(article)
        if article % 5 == 0:
            buckets.freeze()
            in_memory.freeze()
    asked = list(plain) + [5, 1 << 63]
    assert buckets.lookup(asked) == list(plain.values()) + [None, None]
    assert in_memory.lookup(asked) == buckets.lookup(asked)
    assert _mapped(buckets.keys) and _mapped(buckets.values)  # the large level is in mapped files
    assert not buckets.keys.flags.writeable
    assert len(buckets.keys) > 7 * 3  # merged in several pieces


def test_grouping_with_its_buckets_in_the_heap_gives_the_groups_of_one_in_memory(small_pieces, tmp_path):
    items = _items(400)
    plain = Grouping()
    for item in items:
        plain.add(*item)
    heap = BlobHeap(tmp_path / "heap")
    grouping = Grouping()
    grouping.keep_shingles_in(heap)
    for k, item in enumerate(items, 1):
        grouping.add(*item)
        if k % 97 == 0:  # kept, pickled and mapped back, as a fold between two builds
            grouping.keep()
            heap.sync()
            blob = pickle.dumps(grouping)
            assert len(blob) < 200 * k  # the buckets' arrays would be ~20 bytes per key, 64 keys per article
            heap = BlobHeap.reopen(tmp_path / "heap", heap.token, heap.size)
            grouping = pickle.loads(blob)
            assert grouping.buckets.large is None and grouping.buckets.small is None  # references only
            grouping.keep_shingles_in(heap)
            assert _mapped(grouping.buckets.keys)
    assert grouping.groups() == plain.groups()
    assert grouping.regrouped == plain.regrouped
    assert sum(1 for name, group in plain.groups().items() if name != group) >= 100  # copies were grouped
    asked = [syndication._bucket(band, tag) for _n, fp, _d in items[:50] for band in fp.bands for tag in (-2, -1)]
    assert grouping.buckets.lookup(asked) == plain.buckets.lookup(asked)


def test_an_array_record_reads_back_as_written_at_any_heap_position(tmp_path):
    heap = BlobHeap(tmp_path / "heap")
    heap.put(b"odd")  # the next record starts unaligned: put_array pads it
    values = np.arange(300_000, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    ref = heap.put_array(values)
    empty = heap.put_array(np.zeros(0, dtype=np.int32))
    assert ref[0] % 8 == 0
    assert np.array_equal(heap.array(ref, np.uint64), values)
    assert len(heap.array(empty, np.int32)) == 0
    heap.sync()
    data = bytearray((tmp_path / "heap").read_bytes())
    data[ref[0] + 1000] ^= 0x01
    (tmp_path / "heap").write_bytes(bytes(data))
    with pytest.raises(HeapDamaged, match="array record"):
        BlobHeap.reopen(tmp_path / "heap", heap.token, heap.size).array(ref, np.uint64)


def test_damaged_band_buckets_in_the_heap_are_reported_in_one_line_and_folded_again(tmp_path, capsys):
    records = make_records(40)
    source, out = write_jsonl(tmp_path / "in.jsonl", records), tmp_path / "out"
    build_paths([source], out, jobs=1, incremental=True)
    _layout, _version, fold = pickle.loads((out / FOLD_NAME).read_bytes())  # not mapped: the references only
    offset, length, _crc = fold.grouping.buckets.refs["large"][0]
    assert length >= 8 * 40  # the band keys of 40 articles
    data = bytearray((out / HEAP_NAME).read_bytes())
    data[offset + length // 2] ^= 0xFF
    (out / HEAP_NAME).write_bytes(bytes(data))
    write_jsonl(source, records + make_records(2, offset=40))
    capsys.readouterr()
    build_paths([source], out, jobs=1, incremental=True)
    said = [line for line in capsys.readouterr().err.splitlines() if "damaged" in line]
    assert len(said) == 1 and "array record" in said[0] and "folding every article again" in said[0]
    fresh = tmp_path / "fresh"
    build_paths([source], fresh, jobs=1)
    for name in ("places.geojson", "events.geojson", "events.csv", "articles.jsonl", "oblasts.geojson"):
        assert (out / name).read_bytes() == (fresh / name).read_bytes(), name
