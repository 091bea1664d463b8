"""The grouping's per-article work done in batches (one search of the bucket levels for every key, one search for
every exact check) gives what the key-by-key version gave: the same buckets, candidates, similarities and groups."""

from __future__ import annotations

import random
from collections import Counter

import numpy as np

from pipeline.ingest import syndication
from pipeline.ingest.syndication import BUCKET_CAP, WINDOW_DAYS, Grouping, fingerprint, jaccard

WORDS = [f"w{n}" for n in range(300)]


def _items(n: int, seed: int) -> list[tuple[str, syndication.Fingerprint, str | None]]:
    """Random texts over a small vocabulary (many shared band keys), half of them edited copies of an earlier one;
    dated over a few weeks, a fifth undated, some too short to shingle."""
    rng = random.Random(seed)
    texts: list[str] = []
    items = []
    for i in range(n):
        if texts and i % 2 == 0:
            words = rng.choice(texts).split()
            for _ in range(rng.randrange(1, 8)):
                words[rng.randrange(len(words))] = rng.choice(WORDS)
            text = " ".join(words)
        else:
            text = " ".join(rng.choice(WORDS[:60]) for _ in range(rng.choice((3, 40, 80))))
        texts.append(text)
        date = None if i % 5 == 0 else f"2023-0{1 + i % 3}-{1 + (i * 7) % 27:02d}"
        items.append((f"a{(i * 37) % n:04d}-{i}", fingerprint(text), date))
    return items


class _Logged(syndication._Shingles):
    """The kept shingles, logging whose hashes are read (the batched grouping reads those of the articles it checks,
    in order)."""

    def __init__(self) -> None:
        super().__init__()
        self.read: list[int] = []

    def get(self, article: int):  # noqa: ANN201
        self.read.append(article)
        return super().get(article)


class _KeyByKey(Grouping):
    """The grouping as it was before the batches: every key looked up and filed on its own, one check at a time."""

    def __init__(self) -> None:
        super().__init__()
        self.checked: list[int] = []  # the articles checked, in order

    def add(self, name, fp, date):  # noqa: ANN001, ANN201 - the reference of the test
        i = len(self.names)
        self.names.append(name)
        self.parent.append(i)
        text_key = [int(fp.digest[:16], 16)]
        (first,) = self.first_text.lookup(text_key)
        if first is not None:
            self._union(first[0], i)
            return
        self.first_text.file(text_key, i)
        if len(self.first_text.recent) >= syndication._FREEZE_EVERY:
            self.freeze()
        if not fp.bands:
            return
        day = syndication._day(date)
        week = None if day is None else day // syndication._WEEK
        look = (syndication._DATED, syndication._UNDATED) if week is None else (week - 1, week, week + 1,
                                                                                 syndication._UNDATED)
        shared: Counter[int] = Counter()
        for found in self.buckets.lookup([syndication._bucket(band, tag) for band in fp.bands for tag in look]):
            if found is not None:
                shared.update(found)
        checked = 0
        for other, _count in sorted(shared.items(), key=lambda kv: (-kv[1], kv[0])):
            other_shingles, other_day = self.kept.get(other)
            if day is not None and other_day is not None and abs(day - other_day) > WINDOW_DAYS:
                continue
            if checked == syndication.MAX_CANDIDATES:
                break
            checked += 1
            self.checked.append(other)
            if self._find(other) != self._find(i) and jaccard(fp.shingles, other_shingles) >= self.threshold:
                self._union(other, i)
        self.kept.add(i, fp.shingles, day)
        self.buckets.file([syndication._bucket(band, tag) for band in fp.bands
                           for tag in ((syndication._UNDATED,) if week is None else (week, syndication._DATED))], i)
        if len(self.kept.recent) >= syndication._FREEZE_EVERY:
            self.freeze()


def _run(cls, items, monkeypatch, freeze_every: int, checks: int) -> Grouping:
    monkeypatch.setattr(syndication, "_FREEZE_EVERY", freeze_every)
    monkeypatch.setattr(syndication, "MAX_CANDIDATES", checks)
    grouping = cls()
    if cls is Grouping:
        grouping.kept = _Logged()
    for item in items:
        grouping.add(*item)
    return grouping


def test_batched_grouping_gives_the_key_by_key_groups_buckets_and_regroups(monkeypatch):
    # few checks an article: which candidates come first (most shared keys, then the earlier article) decides
    for seed, freeze_every, checks in ((1, 10**9, 16), (2, 7, 2), (3, 31, 1), (4, 5, 3)):
        items = _items(260, seed)
        batched = _run(Grouping, items, monkeypatch, freeze_every, checks)
        reference = _run(_KeyByKey, items, monkeypatch, freeze_every, checks)
        assert batched.kept.read == reference.checked  # the same candidates checked, in the same order
        assert batched.groups() == reference.groups()
        assert batched.regrouped == reference.regrouped
        assert list(batched.parent) == list(reference.parent)
        keys = list(reference.buckets.recent) + reference.buckets.small[0].tolist() + reference.buckets.large[0].tolist()
        assert batched.buckets.lookup(keys) == reference.buckets.lookup(keys)
        assert sum(1 for name, group in reference.groups().items() if name != group) >= 5  # copies were grouped


def test_bucket_keys_in_one_array_are_those_of_bucket_key_by_key():
    bands = (0, 1, 2**64 - 1, 0x9E3779B97F4A7C15, 12345678901234567890)
    for tags in ((syndication._DATED, syndication._UNDATED), (2800, 2801, 2802, syndication._UNDATED), (7, -2)):
        expected = [syndication._bucket(band, tag) for band in bands for tag in tags]
        assert syndication._buckets(np.asarray(bands, dtype=np.uint64), tags).tolist() == expected


def test_similarities_in_one_search_are_jaccard_of_each_pair():
    rng = np.random.default_rng(5)
    a = np.unique(rng.integers(0, 400, 120).astype(np.uint64))
    others = [np.unique(rng.integers(0, 400, size).astype(np.uint64)) for size in (1, 50, 300, 120)]
    others += [a.copy(), np.zeros(0, dtype=np.uint64), np.array([2**64 - 1], dtype=np.uint64)]
    assert syndication._jaccards(a, others) == [jaccard(a, b) for b in others]
    assert syndication._jaccards(np.zeros(0, dtype=np.uint64), others[:2]) == [0.0, 0.0]
    assert syndication._jaccards(a, []) == []


def test_articles_of_many_keys_and_filing_match_lookup_and_file_across_levels():
    rng = random.Random(3)
    one, other = syndication._Buckets(), syndication._Buckets()
    keys = [rng.getrandbits(64) for _ in range(40)]
    for article in range(300):
        mine = rng.sample(keys, 6)
        found = [k for found in one.lookup(mine) if found is not None for k in found]
        assert sorted(one.articles_of(np.asarray(mine, dtype=np.uint64)).tolist()) == sorted(found)
        one.file(mine, article)
        other.file_all(np.asarray(mine, dtype=np.uint64), article)
        if article % 23 == 0:
            one.freeze()
            other.freeze()
        if article % 97 == 0:
            one.freeze(whole=True)
            other.freeze(whole=True)
    assert one.lookup(keys) == other.lookup(keys)
    assert max(len(found) for found in one.lookup(keys) if found) == BUCKET_CAP


def test_a_kept_articles_day_is_read_without_its_shingles():
    kept = syndication._Shingles()
    for article, day in enumerate((700_000, None, 700_003, None, 700_010)):
        kept.add(article, np.arange(article + 1, dtype=np.uint64), day)
        if article == 2:
            kept.freeze()
    assert [kept.day(article) for article in range(5)] == [kept.get(article)[1] for article in range(5)]
    assert [kept.day(article) for article in range(5)] == [700_000, None, 700_003, None, 700_010]


def test_recent_buckets_flattened_in_one_pass_are_the_lists_one_by_one():
    rng = random.Random(11)
    found = [rng.randrange(1000) if rng.random() < 0.7 else [rng.randrange(1000) for _ in range(rng.randrange(1, 17))]
             for _ in range(500)]
    counts, values = syndication._flattened(found)
    lists = [[value] if isinstance(value, int) else value for value in found]
    assert counts.tolist() == [len(value) for value in lists]
    assert values.tolist() == [article for value in lists for article in value]
    assert [a.tolist() for a in syndication._flattened([7])] == [[1], [7]]
    assert [a.tolist() for a in syndication._flattened([[1, 2], [3]])] == [[2, 1], [1, 2, 3]]
