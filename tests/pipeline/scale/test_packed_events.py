"""Events sent by a worker as one pickle: kept as bytes by the parent, decoded once for the merge."""

from __future__ import annotations

import pickle

from pipeline.scale import run as scale_run
from pipeline.scale.work import ArticleResult, process_article
from pipeline.text.articles import make_article

TEXT = ("Russian shelling killed three civilians in Kharkiv on Monday, the regional governor said. "
        "Two more were injured in Izium.")


def test_packed_events_decode_to_the_plain_events():
    article = make_article("a1", TEXT, {"date": "2023-05-10"})
    plain = process_article(article, slim=True)
    packed = process_article(article, slim=True, packed=True)
    assert plain.events, "the text should give events"
    assert packed.events == [] and isinstance(packed.events_pickle, bytes)
    assert packed.with_events().events == plain.events
    assert packed.events_pickle is None  # decoded once
    assert packed.with_events().events == plain.events  # a second call leaves them as they are


def test_a_result_without_a_pickle_keeps_its_events():
    result = ArticleResult("a", [], ["kept"])
    assert result.with_events().events == ["kept"]


def test_runner_sends_packed_events():
    article = make_article("a1", TEXT, {"date": "2023-05-10"})
    ((_, result),) = list(scale_run.run_articles([article]))
    assert result.events == [] and result.events_pickle is not None
    assert result.with_events().events == process_article(article).events


def test_packed_places_keep_every_field_and_their_signals():
    from pipeline.scale.work import dumps_events

    article = make_article("a1", TEXT, {"date": "2023-05-10"})
    events = process_article(article).events
    places = [e.place for e in events if e.place is not None]
    assert places and any(p.signals for p in places)
    back = pickle.loads(dumps_events(events))
    assert back == events
    for a, b in zip((e.place for e in back if e.place is not None), places):
        assert type(a) is type(b) and a.signals == b.signals  # signals are not compared by Place's ==
        assert [type(s) for s in a.signals] == [type(s) for s in b.signals]
