"""run_articles: the next window goes to the workers before this one's last result is yielded; order and store kept."""

from __future__ import annotations

from collections import deque

import pytest

from pipeline.scale import run as scale_run
from pipeline.scale.work import ArticleResult, Failure, chunked
from pipeline.text.articles import make_article


class LazyMapper:
    """A mapper that, like the fork pool, pulls items only to keep ``ahead`` chunks in flight; logs what happens."""

    workers = 2

    def __init__(self, log: list, ahead: int = 2, chunk: int = 3) -> None:
        self.log, self.ahead, self.chunk = log, ahead, chunk
        self.imaps = 0

    def imap(self, fn, items, *, per_task=None):
        self.imaps += 1
        inflight: deque = deque()
        for part in chunked(items, self.chunk):
            self.log.append(("sent", [a.name for a in part]))
            inflight.append([fn(a) if a.name != "bad" else Failure("boom") for a in part])
            while len(inflight) >= self.ahead:
                yield from inflight.popleft()
        while inflight:
            yield from inflight.popleft()


class MemoryStore:
    """``get_many`` / ``put_many`` over a dict; counts the windows looked up."""

    def __init__(self, rows: dict) -> None:
        self.rows, self.looked_up, self.puts = rows, 0, []

    def get_many(self, keys):
        self.looked_up += 1
        return {k: self.rows[k] for k in keys if k in self.rows}

    def put_many(self, rows):
        self.puts.append([name for _key, name, _payload in rows])


@pytest.fixture
def fake_work(monkeypatch):
    def work(article, **_kwargs):
        return ArticleResult(article.name, [], [], payload=f"p:{article.name}".encode())

    monkeypatch.setattr(scale_run, "process_article", work)
    monkeypatch.setattr(scale_run.codec, "unpack", lambda blob: ([], [], None))
    monkeypatch.setattr(scale_run, "article_key", lambda a: f"k:{a.name}")


def _articles(n: int) -> list:
    return [make_article(f"a{i:03d}", f"text {i}") for i in range(n)]


def test_the_next_window_is_sent_before_this_windows_last_result_is_yielded(fake_work):
    log: list = []
    articles = _articles(20)
    out = []
    for article, result in scale_run.run_articles(articles, mapper=LazyMapper(log), window=8):
        log.append(("yielded", article.name))
        out.append((article.name, result.name))
    assert out == [(a.name, a.name) for a in articles]  # input order, each its own result
    sent_at = {name: n for n, (kind, what) in enumerate(log) if kind == "sent" for name in what}
    yielded_at = {what: n for n, (kind, what) in enumerate(log) if kind == "yielded"}
    assert sent_at["a008"] < yielded_at["a007"]  # window 2's first article sent before window 1 ends
    assert sent_at["a016"] < yielded_at["a015"]


def test_cached_and_failed_articles_keep_their_places_and_each_window_is_stored_once(fake_work):
    articles = _articles(30) + [make_article("bad", "x")] + _articles(33)[30:]
    cached = {f"k:a{i:03d}": b"row" for i in range(30) if i % 3 == 0 or 8 <= i < 24}  # two whole windows cached
    store = MemoryStore(cached)
    mapper = LazyMapper([])
    results = list(scale_run.run_articles(articles, mapper=mapper, store=store, window=8))
    assert [a.name for a, _r in results] == [a.name for a in articles]
    assert all(r.name == a.name for a, r in results)
    (bad,) = [r for a, r in results if a.name == "bad"]
    assert bad.error and "boom" in bad.error
    assert store.looked_up == 5  # five windows of 8, each looked up once
    stored = [name for put in store.puts for name in put]
    expected = [a.name for a in articles if f"k:{a.name}" not in cached and a.name != "bad"]
    assert stored == expected  # every result computed is stored, once, in input order
    assert all(r.payload is None for _a, r in results)


def test_windows_without_a_miss_are_not_all_looked_up_at_once(fake_work):
    articles = _articles(80)
    store = MemoryStore({f"k:a{i:03d}": b"row" for i in range(80) if i < 72})  # 9 windows of 8 cached, then misses
    seen = []
    for _article, _result in scale_run.run_articles(articles, mapper=LazyMapper([]), store=store, window=8):
        seen.append(store.looked_up)
    # never more than AHEAD windows looked up beyond the one being yielded
    assert all(looked <= n // 8 + 1 + scale_run.AHEAD for n, looked in enumerate(seen))
    assert store.looked_up == 10
