"""Map articles to per-article results: through the store, on the chosen mapper, in input order.

``run_articles`` is the hook ``pipeline.build.process`` calls: articles in, ``(article,
ArticleResult)`` pairs out, in the same order whatever the number of workers, so the merge
across articles (on the caller's side) and every output byte are the same as with one job.
Articles go through in windows of ``WINDOW``: per window one store look-up, the misses on the
mapper (one ``imap`` across windows), one store transaction; a crash mid-build keeps every committed window.
"""

from __future__ import annotations

import sqlite3
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from pipeline.scale import codec
from pipeline.scale.store import STORE_NAME, ArticleStore, article_key
from pipeline.scale.work import ArticleResult, Failure, SerialMapper, chunked, make_mapper, process_article
from pipeline.text.articles import Article

WINDOW = 2048  # articles per store transaction and per look-up; bounds what is held besides the results
AHEAD = 2  # windows looked up (and their misses sent to the workers) before the one being yielded is done
Progress = Callable[[int, int, str], None]
Runner = Callable[..., Iterator[tuple[Article, ArticleResult]]]


def failure_message(name: str, reason: str) -> str:
    """The one line that reports an article the pipeline could not process."""
    return f"{name}: could not be processed ({reason}); skipped, the build went on with the rest"


def run_articles(articles: Iterable[Article], *, mapper=None, store: ArticleStore | None = None,
                 progress: Progress | None = None, total: int | None = None,
                 window: int = WINDOW) -> Iterator[tuple[Article, ArticleResult]]:
    """Per-article results for ``articles`` in input order, from the store when it has them.

    The misses of consecutive windows go through one ``imap``: the next window is looked up and its
    articles sent to the workers while this window's last results are still coming back, so the
    workers do not wait at a window's end. At most ``AHEAD`` windows are looked up ahead of the one
    being yielded (their cached results are held meanwhile)."""
    mapper = mapper or SerialMapper()
    work = partial(process_article, with_payload=store is not None, slim=True, packed=True)
    batches = chunked(articles, window)
    windows: deque[tuple[list[Article], list[str], dict[str, tuple]]] = deque()  # looked up, not yet yielded
    over = False

    def misses() -> Iterator[Article]:
        nonlocal over
        while len(windows) < AHEAD:
            batch = next(batches, None)
            if batch is None:
                over = True
                return
            keys, cached = _look_up(batch, store)
            windows.append((batch, keys, cached))
            yield from (a for a, k in zip(batch, keys) if k not in cached)

    computed: Iterator = iter(())
    held: list = []  # a result taken to see whether a window was looked up
    done = 0
    while True:
        if not windows:
            held = [out for out in (next(computed, None),) if out is not None]
            while not held and not windows and not over:  # ``AHEAD`` windows without a miss: a new imap
                computed = mapper.imap(work, misses())
                held = [out for out in (next(computed, None),) if out is not None]
            if not windows:
                return
        batch, keys, cached = windows.popleft()
        fresh: list[tuple[str, str, bytes]] = []
        for article, key in zip(batch, keys):
            if key in cached:
                places, events, fp = cached[key]
                result = ArticleResult(article.name, places, events, fingerprint=fp)
            else:
                out = held.pop() if held else next(computed)
                if isinstance(out, Failure):
                    result = ArticleResult(article.name, [], [], error=failure_message(article.name, out.reason))
                else:
                    result = out
                    if store is not None and out.payload is not None:
                        fresh.append((key, article.name, out.payload))
                    result.payload = None
            done += 1
            if progress:
                progress(done, total or 0, article.name)
            yield article, result
        if store is not None:
            store.put_many(fresh)


def _look_up(batch: list[Article], store: ArticleStore | None) -> tuple[list[str], dict[str, tuple]]:
    """The store keys of ``batch`` and the decoded results the store has of them."""
    if store is None:
        return [""] * len(batch), {}
    keys = [article_key(a) for a in batch]
    cached: dict[str, tuple] = {}
    names = dict(zip(keys, (a.name for a in batch)))
    for key, blob in store.get_many(keys).items():
        try:
            cached[key] = codec.unpack(blob)
        except (ValueError, TypeError, KeyError) as exc:  # a damaged or foreign row: processed again and overwritten
            store.notice(f"article store {store.path}: the stored result of {names[key]} is damaged "
                         f"({type(exc).__name__}); processing that article again")
    return keys, cached


@contextmanager
def runner(*, jobs: int | None = 1, dask: str | None = None, store_dir: Path | None = None) -> Iterator[Runner]:
    """A ``run_articles`` bound to a mapper (``jobs`` / ``dask``) and, with ``store_dir``, the store there."""
    store = None
    if store_dir is not None:
        try:
            store = ArticleStore(Path(store_dir) / STORE_NAME)
        except (OSError, sqlite3.Error) as exc:  # a read-only data folder: build without a store
            print(f"conflictmap: no article store in {store_dir} ({exc}); processing every article",
                  file=sys.stderr)
    mapper = make_mapper(jobs=jobs, dask=dask)
    bound = partial(run_articles, mapper=mapper, store=store)
    bound.store = store  # type: ignore[attr-defined]  # the build keeps its fold there
    bound.mapper = mapper  # type: ignore[attr-defined]  # its idle workers render the merged events
    try:
        yield bound
    finally:
        mapper.close()
        if store is not None:
            store.close()


class ProgressBar:
    """A ``Progress`` callback drawing a tqdm bar on stderr (items/s, ETA when the total is known)."""

    def __init__(self, *, unit: str = "articles", minimum: int = 50) -> None:
        self.unit, self.minimum, self.bar = unit, minimum, None

    def __call__(self, done: int, total: int, name: str) -> None:
        if self.bar is None:
            if total and total < self.minimum:
                self.bar = False
                return
            if not total and done < self.minimum:
                return  # an unknown total (a CSV): the bar appears once the run is long enough to need one
            import tqdm

            tqdm.tqdm.monitor_interval = 0  # no monitor thread: worker processes are forked
            self.bar = tqdm.tqdm(total=total or None, unit=f" {self.unit}", file=sys.stderr, mininterval=0.5,
                                 dynamic_ncols=True, leave=True)
        # a bar without a total has no truth value (tqdm raises TypeError on bool()): compare with False
        if self.bar is not False:
            self.bar.update(done - self.bar.n)

    def close(self) -> None:
        """End the bar's line."""
        if self.bar is not None and self.bar is not False:
            self.bar.close()
