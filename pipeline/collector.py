"""Items a stage records for its caller while a collecting block is open (rejected values, dropped events)."""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

T = TypeVar("T")


class Collector(Generic[T]):
    """Records items made inside :meth:`collecting` blocks of this context; outside one, records nothing."""

    def __init__(self, name: str) -> None:
        self._bucket: contextvars.ContextVar[list[T] | None] = contextvars.ContextVar(name, default=None)

    @contextmanager
    def collecting(self) -> Iterator[list[T]]:
        """Record every item recorded inside the block (in this context) in the yielded list."""
        bucket: list[T] = []
        token = self._bucket.set(bucket)
        try:
            yield bucket
        finally:
            self._bucket.reset(token)

    def active(self) -> bool:
        """Whether a collecting block is open in this context (a caller may skip work nobody records)."""
        return self._bucket.get() is not None

    def record(self, item: T) -> None:
        bucket = self._bucket.get()
        if bucket is not None:
            bucket.append(item)
