"""Objects kept on disk between the passes of a build, read back in order (memory holds one at a time).

A build reads every article before it decides whether a kept fold resumes, then geoparses them,
then merges them once the syndication groups are final: the articles and their per-article
results wait in an ``ObjectSpool`` (pickles in a scratch file) instead of lists, so the parent's
memory does not hold the corpus.
"""

from __future__ import annotations

import pickle
import tempfile
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any


class ObjectSpool:
    """Objects appended in order to a scratch file; ``read`` streams them back (several readers may run at once)."""

    def __init__(self) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix="conflictmap-spool-")
        self.path = Path(self._dir.name) / "objects.pickle"
        self._out = self.path.open("wb")
        self._count = 0

    def append(self, item: Any) -> None:
        """Add ``item`` at the end."""
        pickle.dump(item, self._out, protocol=pickle.HIGHEST_PROTOCOL)
        self._count += 1

    def __len__(self) -> int:
        return self._count

    def read(self, start: int = 0) -> Iterator[Any]:
        """The items from position ``start`` on, in order (those appended so far)."""
        self._out.flush()
        count = self._count

        def items() -> Iterator[Any]:
            with self.path.open("rb") as handle:
                for _ in range(count):
                    yield pickle.load(handle)

        return islice(items(), start, None)

    def close(self) -> None:
        """Remove the scratch file."""
        self._out.close()
        self._dir.cleanup()
