"""An append-only file of records beside the kept fold: what it holds per merged event stays on disk.

The fold keeps, per merged event, its rendered feature JSON and CSV row and its pickle; a corpus of
millions of articles does not fit in memory that way, so those bytes go to a ``BlobHeap`` and the
fold keeps only where each record is (offset, length, CRC-32).

Why a file of its own rather than rows in the SQLite store: records are only ever appended (a
changed event gets a new record; the old one is left as garbage), so crash safety needs no
transaction spanning the output files. The fold pickle, replaced whole after the outputs are
written, records the heap's random ``token`` (its first bytes) and its ``size`` then; a rebuild
that resumes the fold truncates the heap to that size (dropping whatever an interrupted build
appended), and a heap whose token is not the fold's (a build from scratch was interrupted after
its new heap replaced the old one) makes the fold unusable: everything is folded again from the
per-article store. A record whose CRC does not match raises ``HeapDamaged``.

Large arrays (the syndication grouping's band buckets) are appended with ``put_array`` and read back
with ``array``: mapped from the file, not read into memory, so what they hold is page cache the
kernel can drop, not the process's own memory.
"""

from __future__ import annotations

import mmap
import os
import secrets
import zlib
from pathlib import Path

import numpy as np

from pipeline.scale.store import HEAP_NAME as HEAP_NAME  # re-exported; beside the fold (pipeline.scale.store.FOLD_NAME)
_MAGIC = b"CMAPHEAP"
_TOKEN_BYTES = 16
HEADER = len(_MAGIC) + _TOKEN_BYTES
_BUFFER = 1 << 20  # bytes appended before they are written out
_ALIGN = 8  # an array record starts at a multiple of this (its items are read in place)
Ref = tuple[int, int, int]  # (offset, length, crc32) of one record


class HeapDamaged(ValueError):
    """A heap record is not what the fold recorded (edited, truncated or foreign file)."""


class BlobHeap:
    """Records appended to one file, read back by reference (see the module doc)."""

    def __init__(self, path: Path, *, token: bytes | None = None, size: int | None = None) -> None:
        """A new heap at ``path`` (``token`` None), or the existing one, cut back to ``size``."""
        self.path = Path(path)
        if token is None:
            self.token = secrets.token_bytes(_TOKEN_BYTES)
            self._fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o644)
            os.write(self._fd, _MAGIC + self.token)
            self.size = HEADER
        else:
            self.token = token
            self._fd = os.open(self.path, os.O_RDWR)
            head = os.pread(self._fd, HEADER, 0)
            length = os.fstat(self._fd).st_size
            if head != _MAGIC + token or size is None or length < size:
                os.close(self._fd)
                self._fd = -1
                msg = f"{self.path} is not the heap of the kept fold"
                raise HeapDamaged(msg)
            os.ftruncate(self._fd, size)  # whatever an interrupted build appended after the fold was kept
            self.size = size
        self._pending = bytearray()
        self._written = self.size

    @classmethod
    def reopen(cls, path: Path, token: bytes, size: int) -> BlobHeap:
        """The heap a kept fold recorded (``HeapDamaged`` when the file is not that heap any more)."""
        try:
            return cls(path, token=token, size=size)
        except OSError as exc:
            msg = f"{path}: {exc.strerror or exc}"
            raise HeapDamaged(msg) from None

    def put(self, data: bytes) -> Ref:
        """Append ``data``; its reference."""
        ref = (self.size, len(data), zlib.crc32(data))
        self._pending += data
        self.size += len(data)
        if len(self._pending) >= _BUFFER:
            self.flush()
        return ref

    def get(self, ref: Ref) -> bytes:
        """The record ``ref`` points to (``HeapDamaged`` when its bytes are not those appended)."""
        offset, length, crc = ref
        if offset >= self._written:
            start = offset - self._written
            data = bytes(self._pending[start:start + length])
        else:
            if offset + length > self._written:
                self.flush()
            data = os.pread(self._fd, length, offset)
        if len(data) != length or zlib.crc32(data) != crc:
            msg = f"{self.path}: record at {offset} is damaged"
            raise HeapDamaged(msg)
        return data

    def put_array(self, values: np.ndarray) -> Ref:
        """Append a one-dimensional array's bytes (aligned; copied a piece at a time); its reference."""
        pad = -self.size % _ALIGN
        self._pending += bytes(pad)
        self.size += pad
        offset, crc = self.size, 0
        step = max(1, _BUFFER // max(values.itemsize, 1))
        for start in range(0, len(values), step):
            data = np.ascontiguousarray(values[start:start + step]).tobytes()
            crc = zlib.crc32(data, crc)
            self._pending += data
            self.size += len(data)
            if len(self._pending) >= _BUFFER:
                self.flush()
        return offset, self.size - offset, crc

    def array(self, ref: Ref, dtype: np.dtype | type) -> np.ndarray:
        """The array a ``put_array`` record holds, mapped read-only from the file (its CRC checked first, a
        piece at a time; ``HeapDamaged`` when it does not match)."""
        offset, length, crc = ref
        self.flush()
        check, at = 0, offset
        while at < offset + length:
            data = os.pread(self._fd, min(_BUFFER, offset + length - at), at)
            if not data:
                break
            check = zlib.crc32(data, check)
            at += len(data)
        if at != offset + length or check != crc or length % np.dtype(dtype).itemsize:
            msg = f"{self.path}: array record at {offset} is damaged"
            raise HeapDamaged(msg)
        return map_array(self._fd, offset, length, dtype)

    def compacted(self, path: Path, refs: np.ndarray, arrays: np.ndarray) -> tuple[BlobHeap, np.ndarray]:
        """A new heap at ``path`` holding only the records ``refs`` ((offset, length, crc) rows in file order,
        each once; ``arrays``: which are ``put_array`` records, kept aligned), copied in that order (each checked);
        and their offsets there."""
        new = BlobHeap(path)
        offsets = np.empty(len(refs), dtype=np.int64)
        for n, (ref, is_array) in enumerate(zip(map(tuple, refs.tolist()), arrays.tolist())):
            offsets[n] = (new.put_array(self.array(ref, np.uint8)) if is_array else new.put(self.get(ref)))[0]
        new.sync()
        return new, offsets

    def flush(self) -> None:
        """Write the appended records out."""
        if self._pending:
            os.pwrite(self._fd, self._pending, self._written)
            self._written += len(self._pending)
            self._pending = bytearray()

    def sync(self) -> None:
        """Everything appended on disk (before a fold that points into it is kept)."""
        self.flush()
        os.fsync(self._fd)

    def __del__(self) -> None:
        if getattr(self, "_fd", -1) >= 0:  # dropped unclosed: what was not written out is not written now
            os.close(self._fd)
            self._fd = -1

    def close(self) -> None:
        """Write out and close the file."""
        if self._fd >= 0:
            self.flush()
            os.close(self._fd)
            self._fd = -1


def map_array(fd: int, offset: int, length: int, dtype: np.dtype | type) -> np.ndarray:
    """``length`` bytes of the open file ``fd`` from ``offset`` as a read-only array of ``dtype``, mapped (the
    mapping lives as long as the array; the file may be closed)."""
    if not length:
        return np.zeros(0, dtype=dtype)
    start = offset - offset % mmap.ALLOCATIONGRANULARITY
    mapped = mmap.mmap(fd, offset + length - start, access=mmap.ACCESS_READ, offset=start)
    return np.frombuffer(mapped, dtype=dtype, count=length // np.dtype(dtype).itemsize, offset=offset - start)
