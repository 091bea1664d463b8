"""The fold's per-article and per-event state kept compact: arrays and bytes, not tuples, sets and dicts."""

from __future__ import annotations

import pickle
import random
from array import array

import numpy as np

from pipeline.build import OUTPUT_FILES, build_paths
from pipeline.events import merge
from pipeline.events.merge import CrossArticleMerge, _Cell, _Pickles
from pipeline.ingest import syndication
from pipeline.scale import fold as fold_module
from pipeline.scale.fold import BuildFold, _Rendered
from pipeline.scale.digests import CodeMap, Codes, RawDigests
from pipeline.scale.heap import BlobHeap
from tests.pipeline.scale.conftest import make_records, write_jsonl


# -- the grouping's band buckets in two levels ------------------------------------------------------
def test_buckets_in_two_levels_give_what_a_plain_dict_gives(monkeypatch):
    monkeypatch.setattr(syndication, "_LEVEL_RATIO", 2)
    rng = random.Random(3)
    buckets, plain = syndication._Buckets(), {}
    merged_into_large = 0
    for article in range(600):
        keys = [rng.randrange(1, 80) << 40 for _ in range(3)]  # few keys: buckets fill up to the cap
        buckets.file(keys, article)
        for key in keys:
            if len(plain.setdefault(key, [])) < syndication.BUCKET_CAP:
                plain[key].append(article)
        if article % 7 == 0:
            large = len(buckets.keys)
            buckets.freeze()
            merged_into_large += len(buckets.keys) != large
            assert buckets.lookup(list(plain)) == list(plain.values())
    assert merged_into_large >= 2 and len(buckets.small[0])  # both levels were used
    assert buckets.lookup(list(plain) + [12345]) == list(plain.values()) + [None]
    state = pickle.loads(pickle.dumps(buckets))
    assert len(state.small[0]) == 0 and state.recent == {}  # pickled as one level
    assert state.values.dtype == np.int32 and state.lookup(list(plain)) == list(plain.values())


def test_the_grouping_freezes_every_few_thousand_articles_however_many_are_frozen(monkeypatch):
    monkeypatch.setattr(syndication, "_FREEZE_EVERY", 4)
    grouping = syndication.Grouping()
    for i in range(40):
        text = " ".join(f"w{(i * 13 + k) % 97}" for k in range(30))
        grouping.add(f"a{i:02d}", syndication.fingerprint(text), None)
        assert len(grouping.kept.recent) < 4  # a fixed number: what the recent entries hold does not grow


# -- the merge's cells, days and pickles -----------------------------------------------------------
def test_a_cell_gives_the_events_of_the_days_within_the_slack_and_moves_them_between_days():
    cell = _Cell()
    for event, day in ((0, 5), (1, 5), (2, 6), (3, 5), (4, None), (5, 90)):
        cell.add(event, day)
    assert cell.candidates(5, dated=True) == [0, 1, 2, 3, 4]  # index order, the undated too, not day 90
    cell.move(0, 5, 40)
    assert cell.candidates(40, dated=True) == [0, 4] and cell.candidates(5, dated=True) == [1, 2, 3, 4]
    cell.move(4, None, 90)
    assert cell.candidates(None, dated=False) == [] and cell.candidates(None, dated=True) == [0, 1, 2, 3, 4, 5]
    assert list(cell.days) == sorted(cell.days) and isinstance(cell.days, array)  # 16 bytes an event


def test_merge_pickles_are_references_in_arrays_or_bytes_without_a_heap(tmp_path):
    pickles = _Pickles()
    pickles.append(None)
    pickles.append(b"inline")
    pickles.append((100, 20, 7))
    assert [pickles[i] for i in range(3)] == [None, b"inline", (100, 20, 7)]
    pickles[1], pickles[2] = (5, 6, 2**32 - 1), None
    assert [pickles[i] for i in range(3)] == [None, (5, 6, 2**32 - 1), None] and not pickles.inline


def test_the_merge_state_holds_articles_as_codes_and_days_in_arrays(tmp_path):
    from pipeline.scale.work import process_article
    from pipeline.text.articles import make_article

    records = make_records(40)
    events = [process_article(make_article(r["id"], r["text"], {"date": "2023-05-10"})).events for r in records]
    plain = merge.merge_across_articles([pickle.loads(pickle.dumps(e)) for e in events])
    fold = CrossArticleMerge()
    fold.heap = BlobHeap(tmp_path / "heap")
    for n, article_events in enumerate(events):
        fold.add(article_events)
        fold.compact(keep=4)
        if n % 9 == 0:
            heap = fold.heap
            fold = pickle.loads(pickle.dumps(fold))
            fold.heap = heap
    assert [repr(e) for e in fold.merged] == [repr(e) for e in plain]
    articles = fold.articles_of
    assert isinstance(articles.first, array) and len(articles) == len(fold.merged)
    assert articles.more and len(articles.more) < len(articles)  # only the events that merged several articles
    assert all(isinstance(more, array) for more in articles.more.values())
    assert isinstance(fold.day_of, array) and len(fold.day_of) == len(fold.merged)


# -- the fold's rendered events --------------------------------------------------------------------
def test_rendered_sort_keys_as_bytes_order_events_as_their_tuples_do():
    rng = random.Random(5)
    dates = ["9999", "2022-03", "2022-03-01", "2022-03-10", "2023-01-05", "2022"]
    codes = ["", "UA-14", "UA-1", "UA-140", "RU-ÖST", "UA-09"]
    keys = [(rng.randrange(3), rng.choice(dates), rng.choice(codes), f"ev-{rng.choice('abcé')}{rng.randrange(30)}", i)
            for i in range(400)]
    rendered = _Rendered()
    for key in keys:
        kind = fold_module._KINDS[key[0]]
        rendered.put(key[-1], key, (key[-1] * 10, 10, 1), 4, (kind, key[2] or None, 2, None))
    assert rendered.order() == [key[-1] for key in sorted(keys)]
    assert rendered.facts(3) == (fold_module._KINDS[keys[3][0]], keys[3][2] or None, 2, 0)  # None counts as 0 in the layer


def test_rendered_facts_that_are_not_whole_numbers_are_kept_as_they_are():
    rendered = _Rendered()
    rendered.put(0, (2, "9999", "", "x", 0), (0, 1, 0), 1, ("casualty_report", "UA-14", 2.5, True))
    assert rendered.facts(0) == ("casualty_report", "UA-14", 2.5, True)
    assert len(rendered) == 1 and 0 in rendered and 1 not in rendered


def test_a_repeated_text_is_known_by_its_digest_prefix():
    fold = BuildFold()
    digest = bytes(range(32))
    fold.texts.add(int.from_bytes(digest[:8], "big"))
    assert fold.repeats(digest) and not fold.repeats(bytes(32))


def test_compact_state_gives_the_files_of_a_build_holding_few_events(tmp_path, monkeypatch):
    corpus = write_jsonl(tmp_path / "c.jsonl", make_records(120))
    build_paths([corpus], tmp_path / "a", jobs=1, incremental=True)
    monkeypatch.setattr(fold_module, "LIVE_EVENTS", 2)
    monkeypatch.setattr(syndication, "_FREEZE_EVERY", 3)
    monkeypatch.setattr(syndication, "_LEVEL_RATIO", 2)
    build_paths([corpus], tmp_path / "b", jobs=1, incremental=True)
    for name in OUTPUT_FILES:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


# -- the fold's keys and row digests as raw bytes --------------------------------------------------
def test_hex_digests_give_back_the_strings_and_keep_other_values_as_they_are():
    import hashlib

    from pipeline.scale.digests import HexDigests

    values = [hashlib.sha256(bytes([n])).hexdigest() for n in range(5)] + [None, "not-a-digest", "AB" * 32]
    column = HexDigests(values)
    assert list(column) == values and column == values and len(column) == 8
    assert column[-1] == "AB" * 32 and column[2:4] == values[2:4] and None in column
    assert (column + values[:2]) == values + values[:2] and isinstance(column[:3], HexDigests)
    assert pickle.loads(pickle.dumps(column)) == column
    assert len(column._data) == 32 * 8  # raw bytes, not strings
    assert None not in HexDigests(values[:5]) and values[3] in column


def test_codes_in_sorted_arrays_answer_as_a_set_does(monkeypatch):
    monkeypatch.setattr(Codes, "RECENT", 7)
    rng = random.Random(5)
    codes, plain = Codes(), set()
    for n in range(500):
        code = rng.getrandbits(64) if n % 3 else rng.randrange(40)  # some codes added twice
        codes.add(code)
        plain.add(code)
        if n % 97 == 0:
            codes = pickle.loads(pickle.dumps(codes))
    asked = list(plain) + [rng.getrandbits(64) for _ in range(200)] + [(1 << 64) - 1, 0]
    assert [code in codes for code in asked] == [code in plain for code in asked]
    assert len(codes.recent) < 7 and codes.large.dtype == np.uint64
    assert np.all(codes.large[1:] > codes.large[:-1])  # sorted, each code once


def test_raw_digests_give_back_the_digests_and_none():
    values = [bytes([n]) * 32 if n % 4 else None for n in range(10)]
    digests = RawDigests()
    for value in values:
        digests.append(value)
    assert list(digests) == values and digests[3] == values[3] and digests[-2] == values[-2]
    assert len(digests._data) == 32 * len(values)


def test_a_code_map_in_sorted_arrays_answers_as_a_dict_does(monkeypatch):
    monkeypatch.setattr(CodeMap, "RECENT", 5)
    rng = random.Random(6)
    codes, plain = CodeMap(), {}
    for n in range(400):
        code = rng.getrandbits(64)
        codes[code] = n
        plain[code] = n
    asked = list(plain) + [rng.getrandbits(64) for _ in range(100)]
    assert [codes.get(code) for code in asked] == [plain.get(code) for code in asked]
    assert len(codes.recent) < 5 and len(codes.large[0]) > 300  # most entries are in the arrays
