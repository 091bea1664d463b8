"""SHA-256 hex digests kept as their 32 raw bytes: the fold's per-article keys at a quarter of the memory.

A build keeps, per article, its store key and its corpus row digest (64 hex characters each: a
``str`` of 113 bytes plus a list slot). ``HexDigests`` holds them in one ``bytearray`` and gives
them back as the same strings; a value that is not a lower-case SHA-256 hex digest (or ``None``)
is kept as it is beside the array, so the class is exact for any value. ``RawDigests`` does the
same for raw 32-byte digests (or None), and ``Codes`` is a set of 64-bit codes in sorted arrays.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import numpy as np

_SIZE = 32  # bytes of one digest


def _raw(value: object) -> bytes | None:
    """The 32 bytes of a lower-case SHA-256 hex digest; None for any other value."""
    if isinstance(value, str) and len(value) == 2 * _SIZE:
        try:
            raw = bytes.fromhex(value)
        except ValueError:
            return None
        return raw if raw.hex() == value else None
    return None


class HexDigests:
    """A list of SHA-256 hex digests (or other values, kept as they are), 32 bytes per digest."""

    def __init__(self, items: Iterable = ()) -> None:
        self._data = bytearray()
        self._other: dict[int, object] = {}  # position -> a value that is not a digest (None, other text)
        self.extend(items)

    def append(self, value: object) -> None:
        raw = _raw(value)
        if raw is None:
            self._other[len(self)] = value
            raw = bytes(_SIZE)
        self._data += raw

    def extend(self, items: Iterable) -> None:
        if isinstance(items, HexDigests):
            at = len(self)
            self._other.update({at + i: v for i, v in items._other.items()})
            self._data += items._data
            return
        for item in items:
            self.append(item)

    def __len__(self) -> int:
        return len(self._data) // _SIZE

    def _at(self, i: int) -> object:
        if i in self._other:
            return self._other[i]
        return self._data[i * _SIZE:(i + 1) * _SIZE].hex()

    def __getitem__(self, index: int | slice):
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step != 1:
                return [self._at(i) for i in range(start, stop, step)]
            out = HexDigests()
            out._data = self._data[start * _SIZE:max(stop, start) * _SIZE]
            out._other = {i - start: v for i, v in self._other.items() if start <= i < stop}
            return out
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            msg = f"digest index {index} out of range"
            raise IndexError(msg)
        return self._at(index)

    def __iter__(self) -> Iterator:
        for i in range(len(self)):
            yield self._at(i)

    def __contains__(self, value: object) -> bool:
        raw = _raw(value)
        if raw is None:
            return value in self._other.values()
        return any(self._data[i * _SIZE:(i + 1) * _SIZE] == raw and i not in self._other for i in range(len(self)))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, HexDigests):
            return self._data == other._data and self._other == other._other
        if isinstance(other, (list, tuple)):
            return len(other) == len(self) and all(a == b for a, b in zip(self, other))
        return NotImplemented

    def __add__(self, other: Iterable) -> HexDigests:
        out = HexDigests(self)
        out.extend(other)
        return out

    def __repr__(self) -> str:
        return f"HexDigests({list(self)!r})"


class RawDigests:
    """A list of 32-byte digests (``bytes``) or None, 33 bytes per item in two arrays (not a ``bytes`` object each)."""

    def __init__(self) -> None:
        self._data = bytearray()
        self._none = bytearray()  # one byte per item: 1 where the item is None

    def append(self, value: bytes | None) -> None:
        if value is not None and len(value) != _SIZE:
            msg = f"a digest of {len(value)} bytes, not {_SIZE}"
            raise ValueError(msg)
        self._data += bytes(_SIZE) if value is None else value
        self._none.append(value is None)

    def __len__(self) -> int:
        return len(self._none)

    def __getitem__(self, index: int) -> bytes | None:
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            msg = f"digest index {index} out of range"
            raise IndexError(msg)
        return None if self._none[index] else bytes(self._data[index * _SIZE:(index + 1) * _SIZE])

    def __iter__(self) -> Iterator[bytes | None]:
        for i in range(len(self)):
            yield self[i]


class Codes:
    """A set of 64-bit codes (e.g. the first 8 bytes of digests), 8 bytes each: the codes added last in a ``set``,
    the others in two sorted arrays (a small one merged into the large one once it is an eighth of its size, so
    adding a code costs no copy of the whole)."""

    RECENT = 4096  # codes held in the set before they go into the small array

    def __init__(self) -> None:
        self.large = np.zeros(0, dtype=np.uint64)
        self.small = np.zeros(0, dtype=np.uint64)
        self.recent: set[int] = set()

    def add(self, code: int) -> None:
        self.recent.add(code)
        if len(self.recent) >= self.RECENT:
            self._freeze()

    def _freeze(self) -> None:
        if self.recent:
            new = np.fromiter(self.recent, dtype=np.uint64, count=len(self.recent))
            self.small = np.union1d(self.small, new)
            self.recent = set()
        if 8 * len(self.small) > len(self.large):
            self.large = np.union1d(self.large, self.small)
            self.small = np.zeros(0, dtype=np.uint64)

    @staticmethod
    def _has(values: np.ndarray, code: int) -> bool:
        at = int(np.searchsorted(values, np.uint64(code)))
        return at < len(values) and int(values[at]) == code

    def __contains__(self, code: int) -> bool:
        return code in self.recent or self._has(self.small, code) or self._has(self.large, code)

    def __getstate__(self) -> dict:
        self._freeze()
        return dict(self.__dict__)


class CodeMap:
    """64-bit code -> a whole number, 16 bytes an entry: the entries added last in a ``dict``, the others in two
    levels of sorted arrays (as ``Codes``). A code is added once (``get`` first)."""

    RECENT = 4096  # entries held in the dict before they go into the small level

    def __init__(self) -> None:
        empty = (np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64))
        self.large, self.small = empty, empty
        self.recent: dict[int, int] = {}

    def __setitem__(self, code: int, value: int) -> None:
        self.recent[code] = value
        if len(self.recent) >= self.RECENT:
            codes = np.fromiter(self.recent, dtype=np.uint64, count=len(self.recent))
            values = np.fromiter(self.recent.values(), dtype=np.int64, count=len(self.recent))
            self.small = self._joined(self.small, (codes, values))
            self.recent = {}
            if 8 * len(self.small[0]) > len(self.large[0]):
                self.large = self._joined(self.large, self.small)
                self.small = (np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64))

    @staticmethod
    def _joined(a: tuple[np.ndarray, np.ndarray], b: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
        codes, values = np.concatenate([a[0], b[0]]), np.concatenate([a[1], b[1]])
        order = np.argsort(codes, kind="stable")
        return codes[order], values[order]

    @staticmethod
    def _at(level: tuple[np.ndarray, np.ndarray], code: int) -> int | None:
        codes, values = level
        at = int(np.searchsorted(codes, np.uint64(code)))
        return int(values[at]) if at < len(codes) and int(codes[at]) == code else None

    def get(self, code: int) -> int | None:
        """The value of ``code`` (None: not added)."""
        found = self.recent.get(code)
        if found is None:
            found = self._at(self.small, code)
        return self._at(self.large, code) if found is None else found
