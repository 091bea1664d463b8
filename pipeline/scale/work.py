"""Per-article work and the mappers that run it: in-process, on a fork pool, or on Dask.

Every mapper has ``imap(fn, items)``: it yields ``fn(item)`` for each item *in input order*, or a
``Failure`` for an item whose ``fn`` raised or whose worker process died. ``fn`` must be a
module-level function (or a ``functools.partial`` of one) so it pickles by reference.

The fork pool loads the geoparser in the parent *before* forking: the workers share the index's
pages copy-on-write (``load_geoparser`` has already moved it out of the garbage collector's way
with ``gc.freeze``, so collections do not touch those pages). A parent that loaded it only for
that lets it go once the workers are forked (it needs it again only to geoparse in-process, e.g.
a repeated text: then it loads it again). A Dask worker loads it once per process, on its first
task (``geoparser()`` is a locked, cached loader).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import pickle
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from itertools import islice
from typing import Any, NamedTuple, Protocol

from pipeline.events.extract import Event, extract_events
from pipeline.ingest.syndication import Fingerprint, fingerprint
from pipeline.model import PLACE_FIELDS, Place, fast_dumps
from pipeline.scale import codec
from pipeline.text.articles import Article
from pipeline.text.validate import collect_rejections

CHUNK = 32  # items per task: large enough to amortise pickling, small enough to balance two cores
INFLIGHT_PER_WORKER = 4  # tasks queued per worker, so none idles while the parent merges results
_LOADER_LOCK = threading.Lock()


class Pool(Protocol):
    """What runs a function over items elsewhere, in input order (a mapper below, or Dask's)."""

    workers: int

    def imap(self, fn: Callable[[Any], Any], items: Iterable, *, per_task: int | None = None) -> Iterator[Any]:
        """``fn`` of each item, in order (``per_task``: items per task, when not the pool's own)."""


class Failure(NamedTuple):
    """An item whose processing raised or killed its worker."""

    reason: str


class Pending:
    """One item sent to a pool on its own (``submit``): whether it is done, and its result (or a ``Failure``)."""

    def __init__(self, future) -> None:
        self.future = future  # of ``_run_chunk(fn, [item])``; None: it could not be sent

    def done(self) -> bool:
        return self.future is None or self.future.done()

    def result(self) -> Any:
        """``fn(item)``, waiting for it; a ``Failure`` when it raised, its worker died or it was never sent."""
        if self.future is None:
            return Failure("the pool could not take it")
        try:
            return self.future.result()[0]
        except Exception as exc:  # BrokenProcessPool, a Dask worker lost ...: the caller does it itself
            return Failure(f"{type(exc).__name__}: {exc}")


@dataclass
class ArticleResult:
    """What one article gives: its places and its own events (merged across articles later)."""

    name: str
    places: list[Place]
    events: list[Event]
    payload: bytes | None = None  # codec.pack(places, events, fingerprint), when a store will keep it
    error: str | None = None
    warnings: tuple[str, ...] = ()  # values the validation layer refused while extracting (one line each)
    fingerprint: Fingerprint | None = None  # for the syndication grouping (computed here, in the worker)
    place_json: str | None = None  # its places.geojson features' JSON, joined by "," (rendered here, in the worker)
    place_admin1: tuple[str | None, ...] | None = None  # each place's admin-1 code, beside ``place_json``
    events_pickle: bytes | None = None  # ``events`` pickled in the worker (``packed``): the parent keeps the bytes

    def with_events(self) -> ArticleResult:
        """This result with ``events`` decoded from ``events_pickle`` (once, when the merge needs them)."""
        if self.events_pickle is not None:
            self.events, self.events_pickle = pickle.loads(self.events_pickle), None
        return self


def dumps_events(events: list[Event]) -> bytes:
    """``events`` pickled as a worker sends them (``pickle.loads`` reads them back)."""
    return fast_dumps(events)


def geoparser():
    """The process's geoparser, loaded once (thread-safe: Dask runs tasks in threads)."""
    from pipeline.geoparse import load_geoparser

    with _LOADER_LOCK:
        return load_geoparser()


def process_article(article: Article, *, with_payload: bool = False, slim: bool = False,
                    packed: bool = False) -> ArticleResult:
    """Geoparse one article, extract its events and fingerprint its text for the grouping (pure: no I/O).

    ``slim``: the places are sent back rendered only (``place_json``, ``place_admin1``), not as
    ``Place`` objects: what the build needs of them, at a fraction of the pickling on both sides.
    """
    places = geoparser().parse_places(article.text)
    with collect_rejections() as rejected:
        events = extract_events(article.name, article.text, places, article.published)
    fp = fingerprint(article.text)
    payload = codec.pack(places, events, fp) if with_payload else None
    warnings = tuple(dict.fromkeys(r.message() for r in rejected))
    events_pickle = dumps_events(events) if packed else None
    return ArticleResult(article.name, [] if slim else places, [] if packed else events, payload, warnings=warnings,
                         fingerprint=fp, place_json=place_json(article.name, places),
                         place_admin1=tuple(p.admin1_code for p in places), events_pickle=events_pickle)


def place_json(name: str, places: list[Place]) -> str:
    """The ``places.geojson`` features of one article's places: their JSON, joined by ","."""
    from pipeline.output.export import place_features

    return ",".join(json.dumps(f, ensure_ascii=False, separators=(",", ":"))
                    for f in place_features([(name, places)])["features"])


def copy_result(article: Article, first: ArticleResult) -> ArticleResult:
    """The result of ``article``, whose text is the same as that of ``first``'s article: its places are
    reused (no second geoparse), its events extracted again under its own name and date."""
    if first.error:
        return ArticleResult(article.name, [], [], error=f"{article.name}: same text as {first.name}, which failed",
                             fingerprint=first.fingerprint)
    with collect_rejections() as rejected:
        events = extract_events(article.name, article.text, first.places, article.published)
    warnings = tuple(dict.fromkeys(r.message() for r in rejected))
    return ArticleResult(article.name, first.places, events, warnings=warnings, fingerprint=first.fingerprint)


def _run_chunk(fn: Callable[[Any], Any], items: list) -> list:
    out = []
    for item in items:
        try:
            out.append(fn(item))
        except Exception as exc:  # one bad item is reported, the rest of the chunk goes on
            out.append(Failure(f"{type(exc).__name__}: {exc}"))
    return out


def chunked(items: Iterable, size: int) -> Iterator[list]:
    """Lists of ``size`` consecutive items (the last one shorter)."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def default_jobs() -> int:
    """Every core this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


class SerialMapper:
    """Everything in this process."""

    workers = 1

    def imap(self, fn: Callable[[Any], Any], items: Iterable, *, per_task: int | None = None) -> Iterator[Any]:
        for part in chunked(items, per_task or CHUNK):
            yield from _run_chunk(fn, part)

    def close(self) -> None:
        """Nothing to release."""


class ForkPoolMapper:
    """``jobs`` forked worker processes sharing the parent's loaded index."""

    local = True  # its workers run on this machine: a task may name a file (the fold's scratch files)

    def __init__(self, jobs: int, *, chunk: int = CHUNK) -> None:
        self.workers = jobs
        self.chunk = chunk
        self._context = multiprocessing.get_context("fork")
        self._pool: ProcessPoolExecutor | None = None
        self._isolation: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = self._forked(self.workers)  # once there is work
        return self._pool

    def _forked(self, workers: int) -> ProcessPoolExecutor:
        """A pool of ``workers`` processes forked now, after the index is loaded: every worker inherits it. When
        this process did not hold the index before, it was loaded for the workers only and is let go again once
        they are forked (``unload_geoparser``: ~180 MB of the parent's resident memory)."""
        from pipeline.geoparse import geoparser_loaded, unload_geoparser

        loaded_here = not geoparser_loaded()
        online = getattr(geoparser(), "online", None)
        if hasattr(online, "share_rate_limit"):  # the workers' copies of the online geocoder keep one request spacing
            online.share_rate_limit(self._context)
        pool = ProcessPoolExecutor(workers, mp_context=self._context)
        pool.submit(int)  # a fork pool forks all its workers at its first task: now, while the index is here
        if loaded_here:
            unload_geoparser()
        return pool

    @property
    def running(self) -> bool:
        """Whether the worker processes are started (starting them loads the index)."""
        return self._pool is not None

    def _restart(self, broken: ProcessPoolExecutor) -> None:
        broken.shutdown(wait=False, cancel_futures=True)
        if self._pool is broken:
            self._pool = None

    def imap(self, fn: Callable[[Any], Any], items: Iterable, *, per_task: int | None = None) -> Iterator[Any]:
        inflight: deque = deque()
        for chunk in chunked(items, per_task or self.chunk):
            inflight.append(self._submit(fn, chunk))
            while len(inflight) >= self.workers * INFLIGHT_PER_WORKER:
                yield from self._collect(fn, *inflight.popleft())
        while inflight:
            yield from self._collect(fn, *inflight.popleft())

    def submit(self, fn: Callable[[Any], Any], item: Any) -> Pending:
        """``fn(item)`` as a task of its own, queued behind the tasks in flight (collected by the caller)."""
        executor = self._executor()
        try:
            return Pending(executor.submit(_run_chunk, fn, [item]))
        except BrokenProcessPool:
            self._restart(executor)
            return Pending(None)

    def _submit(self, fn, chunk: list) -> tuple:
        executor = self._executor()
        try:
            return chunk, executor, executor.submit(_run_chunk, fn, chunk)
        except BrokenProcessPool:
            self._restart(executor)
            executor = self._executor()
            return chunk, executor, executor.submit(_run_chunk, fn, chunk)

    def _collect(self, fn, chunk: list, executor: ProcessPoolExecutor, future) -> list:
        try:
            return future.result()
        except BrokenProcessPool:
            # a worker died (a crash in native code, the OOM killer ...): every task in flight on that pool
            # is lost; rerun this chunk's items one by one in a pool of one to find the item that kills it
            self._restart(executor)
            return [self._isolated(fn, item) for item in chunk]

    def _isolated(self, fn, item) -> Any:
        if self._isolation is None:
            self._isolation = self._forked(1)
        try:
            return self._isolation.submit(_run_chunk, fn, [item]).result()[0]
        except BrokenProcessPool:
            self._isolation.shutdown(wait=False, cancel_futures=True)
            self._isolation = None
            return Failure("the worker process died while processing it")

    def close(self) -> None:
        """Stop the worker processes."""
        for pool in (self._pool, self._isolation):
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
        self._pool = self._isolation = None


def idle_pool(mapper) -> Pool | None:
    """``mapper`` when it has several workers already running (they are idle once the articles are
    processed, while the merged events are rendered), else None."""
    if getattr(mapper, "workers", 1) > 1 and getattr(mapper, "running", True):
        return mapper
    return None


def make_mapper(*, jobs: int | None = None, dask: str | None = None) -> SerialMapper | ForkPoolMapper:
    """The mapper for ``--jobs`` / ``--dask``: Dask when an address is given, else a fork pool or serial."""
    if dask:
        from pipeline.scale.dask_run import DaskMapper

        return DaskMapper(dask)
    jobs = default_jobs() if jobs is None or jobs <= 0 else jobs
    if jobs == 1 or "fork" not in multiprocessing.get_all_start_methods():
        return SerialMapper()
    return ForkPoolMapper(jobs)


def geoparse_text(text: str) -> list[dict]:
    """Places of one document as ``conflictmap geoparse`` writes them (no admin-1 name), in ``PLACE_FIELDS`` order."""
    return [{k: record[k] for k in PLACE_FIELDS if k != "admin1_name"} for record in geoparser().parse(text)]
