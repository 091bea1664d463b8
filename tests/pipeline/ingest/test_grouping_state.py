"""The grouping's state lives in arrays: folded in every few thousand articles and on pickling, same groups."""

from __future__ import annotations

import pickle
import random

import numpy as np

from pipeline.ingest import syndication
from pipeline.ingest.syndication import Grouping, fingerprint

WORDS = [f"w{n}" for n in range(400)]


def _items(n: int = 120) -> list[tuple[str, syndication.Fingerprint, str | None]]:
    """Random texts, a third of them copies (a few words changed) of an earlier one; dated and undated."""
    rng = random.Random(7)
    texts: list[str] = []
    items = []
    for i in range(n):
        if texts and i % 3 == 0:
            words = rng.choice(texts).split()
            words[rng.randrange(len(words))] = "edited"
            text = " ".join(words)
        else:
            text = " ".join(rng.choice(WORDS) for _ in range(60))
        texts.append(text)
        date = None if i % 4 == 0 else f"2023-01-{1 + i % 20:02d}"
        items.append((f"a{i:03d}", fingerprint(text), date))
    return items


def _groups(items, *, freeze_every: int, pickle_every: int | None = None) -> tuple[dict, Grouping]:
    old = syndication._FREEZE_EVERY
    syndication._FREEZE_EVERY = freeze_every
    try:
        grouping = Grouping()
        for k, item in enumerate(items, 1):
            grouping.add(*item)
            if pickle_every and k % pickle_every == 0:
                grouping = pickle.loads(pickle.dumps(grouping))
        return grouping.groups(), grouping
    finally:
        syndication._FREEZE_EVERY = old


def test_frozen_and_pickled_state_gives_the_groups_of_a_state_in_dicts():
    items = _items()
    plain, _ = _groups(items, freeze_every=10**9)
    frozen, grouping = _groups(items, freeze_every=5, pickle_every=17)
    assert frozen == plain
    assert sum(1 for name, group in plain.items() if name != group) >= 20  # copies were grouped
    assert len(grouping.kept.blocks) >= len(items) // 5 // 2  # the kept shingles went into blocks


def test_pickled_grouping_holds_arrays_not_per_article_objects():
    _groups_, grouping = _groups(_items(60), freeze_every=10**9)
    state = pickle.loads(pickle.dumps(grouping))
    assert state.buckets.recent == {} and state.kept.recent == []  # pickling folds the recent entries in
    assert isinstance(state.buckets.keys, np.ndarray) and len(state.buckets.keys) > 60
    assert np.all(np.diff(state.buckets.keys.astype(np.float64)) >= 0)  # sorted: looked up by binary search
    assert len(state.kept.blocks) == 1 and isinstance(state.kept.blocks[0][1], np.ndarray)
    assert state.buckets.starts[-1] == len(state.buckets.values)


def test_a_bucket_keeps_its_first_articles_up_to_the_cap_across_freezes():
    buckets = syndication._Buckets()
    for article in range(syndication.BUCKET_CAP + 5):
        buckets.file([42, 7], article)
        if article % 3 == 0:
            buckets.freeze()
    assert buckets.lookup([42, 7, 99]) == [list(range(syndication.BUCKET_CAP))] * 2 + [None]


class _Store:
    """A store of bytes by reference, as the fold's heap is (counts what is read back)."""

    def __init__(self) -> None:
        self.records: list[bytes] = []
        self.reads = 0

    def put(self, data: bytes) -> tuple[int, int, int]:
        self.records.append(data)
        return (len(self.records) - 1, len(data), 0)

    def get(self, ref: tuple[int, int, int]) -> bytes:
        self.reads += 1
        return self.records[ref[0]]


def test_shingles_kept_in_a_store_are_read_back_only_for_candidates():
    items = _items()
    plain, _ = _groups(items, freeze_every=10**9)
    store = _Store()
    old = syndication._FREEZE_EVERY
    syndication._FREEZE_EVERY = 5
    try:
        grouping = Grouping()
        grouping.keep_shingles_in(store)
        for k, item in enumerate(items, 1):
            grouping.add(*item)
            if k % 17 == 0:
                grouping = pickle.loads(pickle.dumps(grouping))
                grouping.keep_shingles_in(store)
    finally:
        syndication._FREEZE_EVERY = old
    assert grouping.groups() == plain
    assert len(store.records) >= len(items) - 10  # the frozen articles' hashes are in the store
    assert 0 < store.reads <= syndication.MAX_CANDIDATES * len(items)
    assert all(hashes is None for _refs, hashes in grouping.kept.blocks)


# -- the names and the first article of each text, out of Python objects ----------------------------
def test_names_in_blocks_in_a_store_are_read_back_as_the_list_of_names(monkeypatch):
    monkeypatch.setattr(syndication, "_NAMES_PER_BLOCK", 5)
    monkeypatch.setattr(syndication, "_NAME_BLOCKS_READ", 2)
    items = _items(92)
    plain, _ = _groups(items, freeze_every=10**9)
    store = _Store()
    grouping = Grouping()
    grouping.keep_shingles_in(store)
    for k, item in enumerate(items, 1):
        grouping.add(*item)
        if k % 17 == 0:  # pickled and given its store again, as a fold between two builds
            grouping = pickle.loads(pickle.dumps(grouping))
            grouping.keep_shingles_in(store)
    assert grouping.groups() == plain
    names = grouping.names
    assert list(names) == [name for name, _fp, _date in items] and len(names) == len(items)
    assert [names[i] for i in (0, 7, 44, 90, -1)] == [items[i][0] for i in (0, 7, 44, 90, -1)]
    assert len(names.recent) < 5 and all(isinstance(block, tuple) for block in names.blocks)  # references only
    assert len(names._read) <= 2  # the blocks read back held as lists: a fixed number
    blob = pickle.dumps(grouping)
    assert b"a003" not in blob and b"a091" in blob  # a full block's names are in the store, the last ones here


def test_a_text_repeated_after_its_first_article_is_frozen_joins_its_group(monkeypatch):
    monkeypatch.setattr(syndication, "_FREEZE_EVERY", 3)
    short, long = "a short text", " ".join(f"w{n}" for n in range(40))  # without bands, and with
    grouping = Grouping()
    names = []
    for i in range(20):
        name = f"x{i:02d}"
        text = short if i in (2, 17) else long if i in (4, 19) else " ".join(f"u{i}v{n}" for n in range(30))
        grouping.add(name, fingerprint(text), None)
        names.append(name)
    assert len(grouping.first_text.recent) < 3  # the first articles of the texts went into the levels
    groups = grouping.groups()
    assert groups["x17"] == "x02" and groups["x19"] == "x04"
    assert sum(1 for name in names if groups[name] != name) == 2
