"""Run the per-article work on a ``dask.distributed`` cluster; the merge stays on the client.

``conflictmap build --dask tcp://HOST:8786`` submits the articles in partitions of ``CHUNK``
(at most ``INFLIGHT_PER_WORKER`` per worker in flight, so the client never holds the whole
corpus); results come back in input order. Each worker process loads the index once, on its first
task, through the cached loader ``pipeline.scale.work.geoparser``; workers must have conflictmap
installed (the same version: the functions are sent by reference). A partition whose worker
died is re-run article by article, so the article that kills a worker is named and skipped.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from pipeline.errors import ConflictMapError
from pipeline.scale.work import CHUNK, INFLIGHT_PER_WORKER, Failure, Pending, _run_chunk, chunked

CONNECT_TIMEOUT = "20s"


class DaskError(ConflictMapError, RuntimeError):
    """The Dask scheduler cannot be reached or used."""


class DaskMapper:
    """``imap`` over a Dask cluster at ``address`` (or an existing ``distributed.Client``)."""

    def __init__(self, address: Any, *, chunk: int = CHUNK) -> None:
        try:
            from distributed import Client
        except ImportError as exc:
            msg = f"--dask needs dask.distributed ({exc.name} is missing): pip install 'dask[distributed]'"
            raise DaskError(msg) from None
        self.chunk = chunk
        self._own = not isinstance(address, Client)
        try:
            self.client = Client(address, timeout=CONNECT_TIMEOUT) if self._own else address
        except (OSError, TimeoutError) as exc:
            msg = f"cannot reach the Dask scheduler at {address} ({exc})"
            raise DaskError(msg) from None
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))

    def imap(self, fn: Callable[[Any], Any], items: Iterable, *, per_task: int | None = None) -> Iterator[Any]:
        inflight: deque = deque()
        for chunk in chunked(items, per_task or self.chunk):
            inflight.append((chunk, self.client.submit(_run_chunk, fn, chunk, pure=False)))
            while len(inflight) >= self.workers * INFLIGHT_PER_WORKER:
                yield from self._collect(fn, *inflight.popleft())
        while inflight:
            yield from self._collect(fn, *inflight.popleft())

    def submit(self, fn: Callable[[Any], Any], item: Any) -> Pending:
        """``fn(item)`` as a task of its own (collected by the caller)."""
        return Pending(self.client.submit(_run_chunk, fn, [item], pure=False))

    def _collect(self, fn, chunk: list, future) -> list:
        try:
            return future.result()
        except Exception:  # KilledWorker, a lost connection ...: find the article, keep the others
            singles = [self.client.submit(_run_chunk, fn, [item], pure=False) for item in chunk]
            out = []
            for single in singles:
                try:
                    out.append(single.result()[0])
                except Exception as exc:
                    out.append(Failure(f"the Dask worker failed on it ({type(exc).__name__})"))
            return out

    def close(self) -> None:
        """Disconnect from the scheduler (the cluster keeps running)."""
        if self._own:
            self.client.close()
