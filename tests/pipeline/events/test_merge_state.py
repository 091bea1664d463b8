"""The merge across articles kept out of the parent's memory: views of the merged events (what the merge rule reads)
instead of whole events, per-event state in arrays, every event as its pickle in a heap; the same merge as in memory."""

from __future__ import annotations

import itertools
import pickle
import random

from pipeline.events import merge
from pipeline.events.merge import CrossArticleMerge, MergeView, fit, merge_across_articles, mergeable
from pipeline.events.records import Event, Report, Source
from pipeline.model import Place
from pipeline.scale.heap import BlobHeap
from pipeline.scale.work import process_article
from pipeline.text.articles import make_article
from pipeline.text.dates import EventDate
from tests.pipeline.scale.conftest import make_records

_TYPES = (("casualty_report", "missile_strike"), ("casualty_report", "shelling"), ("casualty_report", "unspecified"),
          ("casualty_report", "drone_strike"), ("frontline_incident", "capture"), ("frontline_incident", "withdrawal"),
          ("annexation_claim", "claim"))


def _place(rng: random.Random) -> Place | None:
    """A settlement among a few close ones (some without a gazetteer entry, two sharing a name), or an oblast."""
    k = rng.randrange(6)
    if k == 5:
        return Place(0, 4, "Area", "Area Oblast", 48.0, 35.0, 700, "admin1", "UA-12", "Area Oblast", "UA", 0.9, "why")
    name = ("Aton", "Belo", "Aton", "Cedar", "Dune")[k]
    return Place(0, 4, f"text {k}", name, 48.0 + 0.01 * k, 35.0 + 0.02 * k, None if k == 3 else 100 + k, "city",
                 "UA-12", "Area Oblast", "UA", 0.8, f"reason {k}", signals=())


def _event(rng: random.Random, n: int) -> Event:
    event_type, sub = rng.choice(_TYPES)
    day = rng.choice([None, "2023-05-10", "2023-05-11", "2023-05-14", "2023-05-20"])
    when = EventDate(day, None if day is None else rng.choice([1, 1, 2]), f"note {n}")
    published = [rng.choice([None, "2023-05-10", "2023-05-12", "2023-05-14"]) for _ in range(rng.randrange(1, 4))]
    killed, injured = rng.choice([None, 0, 3, 4, 12, 13, 25]), rng.choice([None, 2, 3, 33, 34])
    return Event(event_type, sub, when, _place(rng), "UA-12", "Area Oblast", "UA", rng.randrange(1, 4),
                 [Source(f"art-{n}", f"quote {n}", 0, 9)], 0.5, killed=killed, injured=injured,
                 claimed_by=rng.choice([None, "Russia"]), gains=rng.choice([None, "unknown", "Russia", "Ukraine"]),
                 reports=[Report(f"art-{n}", p, killed, injured) for p in published],
                 date_basis=rng.choice([0, 1, 3, 3]))


def test_a_view_gives_the_merge_rule_the_answers_of_the_whole_event():
    rng = random.Random(3)  # 120 events whose pairs reach every field the view keeps (each one changed alters
    events = [_event(rng, n) for n in range(120)]  # some answer: the publication day, the date basis, the side...)
    agreed = 0
    for a, b in itertools.permutations(events, 2):
        view = MergeView(a)
        assert mergeable(view, b) == mergeable(a, b)
        assert fit(view, b) == fit(a, b)
        agreed += mergeable(a, b)
    assert agreed > 50  # the pairs reach the rule's branches, not only its first refusals
    view = MergeView(events[0])
    assert view.place is None or (view.place.text, view.place.reason) == ("", "")  # what the rule does not read
    assert view.when.note == "" and not hasattr(view, "__dict__")


def _article_events(n: int) -> list[list[Event]]:
    return [process_article(make_article(r["id"], r["text"], {"date": r["date"]})).events for r in make_records(n)]


def test_the_merge_through_its_heap_and_pickles_is_the_merge_in_memory(tmp_path):
    """Identity with the in-memory path: every event waiting in the heap, a view or two held, the state pickled
    and reopened from the heap on disk (as the store keeps it) every few articles."""
    per_article = _article_events(60)
    plain = merge_across_articles(pickle.loads(pickle.dumps(per_article)))
    fold = CrossArticleMerge()
    fold.heap = BlobHeap(tmp_path / "heap")
    for n, events in enumerate(per_article):
        fold.add(events)
        fold.compact(keep=2, whole=1)
        assert len(fold._views) <= 2 + len(events) and len(fold._full) <= 1 + len(events)
        if n % 7 == 6:  # the store round trip: the heap synced and reopened at its size, the state unpickled
            fold.heap.sync()
            token, size = fold.heap.token, fold.heap.size
            state = pickle.dumps(fold)
            fold.heap.close()
            fold = pickle.loads(state)
            fold.heap = BlobHeap.reopen(tmp_path / "heap", token, size)
    assert len(plain) < sum(map(len, per_article))  # articles did merge
    assert [repr(e) for e in fold.merged] == [repr(e) for e in plain]
    assert list(fold.touched) == list(range(len(plain)))  # every event, in index order


def test_a_merge_interrupted_mid_article_leaves_the_kept_state_to_carry_on_from(tmp_path):
    """Crash and reopen: the state as last kept (heap size and pickle) carries on to the in-memory merge's events,
    whatever a merge interrupted mid-article appended to the heap after it was kept."""
    per_article = _article_events(40)
    plain = merge_across_articles(pickle.loads(pickle.dumps(per_article)))
    fold = CrossArticleMerge()
    fold.heap = BlobHeap(tmp_path / "heap")
    for events in per_article[:25]:
        fold.add(pickle.loads(pickle.dumps(events)))
        fold.compact(keep=3, whole=2)
    fold.compact()
    fold.heap.sync()
    token, size, kept = fold.heap.token, fold.heap.size, pickle.dumps(fold)
    for events in per_article[25:32]:  # carries on, then dies before it is kept again
        fold.add(pickle.loads(pickle.dumps(events)))
        fold.compact(keep=3, whole=0)
    fold.heap.sync()
    assert fold.heap.size > size
    fold.heap.close()
    again = pickle.loads(kept)
    again.heap = BlobHeap.reopen(tmp_path / "heap", token, size)  # drops what was appended after the kept size
    for events in per_article[25:]:
        again.add(events)
        again.compact(keep=3, whole=2)
    assert [repr(e) for e in again.merged] == [repr(e) for e in plain]


def test_the_merge_state_grows_by_arrays_not_objects_per_event():
    fold = CrossArticleMerge()
    for events in _article_events(30):
        fold.add(events)
    fold.compact()
    assert not fold._full and not fold._views and fold.merged  # read back from the pickles
    fold.compact()
    n = len(fold)
    assert len(fold.articles_of.first) == len(fold.settlement_of.code) == len(fold.day_of) == n
    assert len(fold.articles_of.more) < n and len(fold.settlement_of.other) < n
    # each in its home cell; a change of control also by its name, a report at a settlement also by its oblast
    assert sum(len(cell.events) for key, cell in fold.cells.items() if key[0] not in ("name", "oblast")) == n
    filed = sorted(i for key, cell in fold.cells.items() if key[0] == "oblast" for i in cell.events)
    assert filed == sorted(i for i in range(n) if merge._oblast_key(fold.event(i)) is not None)
    assert merge._article_code("doc-00001") == merge._article_code("doc-00001") != merge._article_code("doc-00002")


def _every_candidate(fold: CrossArticleMerge, event: Event) -> list[int]:
    """``CrossArticleMerge._candidates`` as it was before buckets listed their events by settlement: every event of
    each bucket read, the undated ones too."""
    article = event.sources[0].article if event.sources else ""
    look, _home = merge._cells(event)
    name_key = merge._name_key(event)
    if name_key is not None:
        look = [*look, name_key]
    if event.event_type == "casualty_report" or merge._control(event):
        if merge._oblast_only(event):
            look = [*look, ("oblast", event.admin1_code)]
        elif merge._oblast_key(event) is not None:
            look = [*look, ("admin1", event.admin1_code)]
    day, dated, place_key = merge._day(event), event.event_type != "annexation_claim", merge.settlement(event.place)
    code = merge._article_code(article)
    found: list[int] = []
    for key in look:
        cell = fold.cells.get(key)
        if cell is not None:
            found += [t for t in cell.candidates(day, dated=dated) if not fold.articles_of.has(t, code)
                      and (not dated or (day is not None and fold.day_of[t] != merge._NO_DAY)
                           or (place_key is not None and fold.settlement_of[t] == place_key))
                      and mergeable(fold.view(t), event)]
    return list(dict.fromkeys(found))


def test_a_bucket_meets_its_undated_events_only_at_their_settlement_and_finds_every_candidate():
    """A bucket's undated events are met through its list by settlement (they grow with the corpus): each new event
    gets the candidates reading every event of its buckets gives, in the same order, while reports moving the merged
    events' days and settlements keep each bucket's lists and day bins those of its events."""
    rng = random.Random(11)
    fold, compared, undated = CrossArticleMerge(), 0, 0
    for n in range(400):
        events = [_event(rng, n * 3 + k) for k in range(rng.randrange(1, 4))]
        events = [e for e in events if e.event_type != "annexation_claim"]  # (claims: their own bin, never absorbed here)
        for event in events:
            assert fold._candidates(event) == _every_candidate(fold, event)
            compared += 1
            undated += merge._day(event) is None and event.event_type != "annexation_claim"
        fold.add(events)
        fold.compact(keep=8, whole=4)
    moved = sum(1 for i in range(len(fold)) if len(fold.event(i).sources) > 1)
    assert compared > 600 and undated > 100 and moved > 50  # dated and undated events, many joining merged ones
    for key, cell in fold.cells.items():
        assert sorted(t for place in cell.places.values() for t in place) == sorted(
            t for t in cell.events if fold.settlement_of[t] is not None)
        assert all(fold.settlement_of[t] == place for place, ts in cell.places.items() for t in ts)
        assert all(fold.day_of[t] == day for t, day in zip(cell.events, cell.days))  # a bin is its event's day


def test_a_view_read_back_from_the_heap_is_the_view_of_the_event_as_it_is_now(tmp_path):
    """A view is pickled beside its event when the event is (not read back from the whole event, which grows with
    its reports); a report joining the event drops the kept view with the kept event."""
    fold = CrossArticleMerge()
    fold.heap = BlobHeap(tmp_path / "heap")
    for events in _article_events(40):
        fold.add(events)
        fold.compact(keep=2, whole=2)
    fold.compact()
    kept = [i for i in range(len(fold)) if fold._view_pickled[i] is not None]
    assert len(kept) == len(fold) > 20
    for i in kept:
        again = pickle.loads(fold.heap.get(fold._view_pickled[i]))
        assert [getattr(again, k) for k in MergeView.__slots__] == [getattr(MergeView(fold.event(i)), k)
                                                                  for k in MergeView.__slots__]
    joined = next(i for i in range(len(fold)) if len(fold.event(i).sources) > 1)
    fold._absorb(joined, pickle.loads(pickle.dumps(fold.event(joined))))
    assert fold._view_pickled[joined] is None and fold._pickled[joined] is None


def _slots(view: MergeView) -> tuple:
    return tuple(getattr(view, name) for name in MergeView.__slots__)


def test_a_view_read_back_from_its_pickle_is_the_view_with_shared_values():
    rng = random.Random(5)
    events = [_event(rng, n) for n in range(80)]
    views = [MergeView(event) for event in events]
    back = [pickle.loads(pickle.dumps(view, protocol=pickle.HIGHEST_PROTOCOL)) for view in views]
    assert [_slots(v) for v in back] == [_slots(v) for v in views]  # every value the merge rule reads
    for a, b in itertools.permutations(range(len(events)), 2):
        assert mergeable(back[a], events[b]) == mergeable(views[a], events[b])
    placed = [v for v in back if v.place is not None]
    assert placed and all(v.place.text == "" and v.place.signals == () for v in placed)
    first = [v for v in back if v.when == back[0].when]
    assert len(first) > 1 and all(v.when is first[0].when for v in first)  # one date object per distinct date
    assert all(v.weapons is back[0].weapons for v in back if v.weapons == back[0].weapons)
    # plain values: a view's pickle names no class but the function that rebuilds it
    blob = pickle.dumps(views[0], protocol=pickle.HIGHEST_PROTOCOL)
    assert b"_view_of" in blob and b"Place" not in blob and b"EventDate" not in blob


def test_a_candidate_in_several_of_an_events_buckets_is_tested_once(monkeypatch):
    """An event at a settlement is looked for in its grid cell and its name's bucket (and its oblast's): a merged
    event filed in several of them is one candidate, tested once, with the same merge as before."""
    rng = random.Random(11)
    made = (_event(rng, n) for n in range(300))  # a few close settlements, two sharing a name (no claims: their
    per_article = [[e] for e in made if e.event_type != "annexation_claim"][:150]  # stages are not made up here)
    expected = merge_across_articles(pickle.loads(pickle.dumps(per_article)))
    tested: list[tuple[int, int]] = []
    real = merge.mergeable

    def counting(a, b):
        tested.append((id(b), views[id(a)]))  # (the view's index now: a view read back is a new object, whose id
        return real(a, b)                     # a later one may reuse)

    monkeypatch.setattr(merge, "mergeable", counting)
    fold = CrossArticleMerge()
    views: dict[int, int] = {}
    real_view = fold.view

    def view(i):
        found = real_view(i)
        views[id(found)] = i
        return found

    fold.view = view
    added = pickle.loads(pickle.dumps(per_article))
    for events in added:
        fold.add(events)
    assert [e.sources for e in fold.merged] == [e.sources for e in expected]
    position = {id(events[0]): n for n, events in enumerate(added)}
    pairs = [(position[event], i) for event, i in tested]
    assert len(pairs) == len(set(pairs)) > 100  # no (event, merged event) pair tested twice
