"""Syndicated copies: the same wire story on several sites is one independent report.

Articles are compared by their word shingles (runs of ``SHINGLE_WORDS`` words, case and
punctuation folded). The per-article part, :func:`fingerprint` (the shingles as 64-bit hashes
and their MinHash LSH band keys), depends on one text only, so it runs in the workers and is
kept in the article store; :func:`group_fingerprints` joins the articles on the client.

Candidate pairs share an LSH band key (``BANDS`` bands of ``ROWS`` MinHash rows); each candidate
pair is then confirmed on the exact Jaccard similarity of the two shingle sets, so the grouping
does not depend on MinHash's estimation error. Confirmed pairs are joined transitively.

The candidates are bounded, so the work grows with the number of articles, not its square, even
when many articles share boilerplate (an outlet's footer, a synthetic corpus's filler):

- two dated articles are copies only when published within ``WINDOW_DAYS`` of each other
  (reprints of a wire story appear within days); an undated article is compared with every one;
- a band bucket holds at most ``BUCKET_CAP`` articles (a key shared by more is boilerplate,
  not evidence of a copy: the first ones, in name order, stay);
- each article's exact check is limited to the ``MAX_CANDIDATES`` candidates sharing the most
  band keys with it (a real copy shares several; boilerplate neighbours share one).

Exact duplicates (the same text twice) always share a group, however short.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import re
import tempfile
from array import array
from bisect import bisect_right
from itertools import chain
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

from pipeline.scale.heap import map_array

SHINGLE_WORDS = 5
# Jaccard similarity of two articles' shingle sets above which they are copies of one story.
# A wire story reprinted with a new headline, a trimmed last paragraph and a few edited words
# scores 0.6-0.9; two different reports of the same strike (same places, same figures, other
# words) score below 0.1. 0.5 keeps lightly edited reprints together and separate reports apart.
SIMILARITY_THRESHOLD = 0.5
BANDS, ROWS = 32, 4  # LSH: a pair at Jaccard 0.5 shares a band with probability 0.87, at 0.7 with 0.9995
NUM_PERM = BANDS * ROWS  # MinHash permutations
MIN_SHINGLES = 8  # texts shorter than this are grouped only with exact duplicates of themselves
# Only the first words are shingled: copies of a story share their opening, and a 10 MB text
# costs no more than a long article.
MAX_WORDS = 5_000
WINDOW_DAYS = 7  # dated copies of one story are published within a week of each other
BUCKET_CAP = 16  # articles per band bucket: more share boilerplate, not a story (bounds the work per article)
MAX_CANDIDATES = 16  # exact Jaccard checks per article, those sharing the most band keys first
_WEEK = 7  # days per date bucket; a dated article looks in its week and the two beside it (>= WINDOW_DAYS)
_UNDATED, _DATED = -1, -2  # bucket tags: undated articles; every dated article (also filed by week number)
_SEED = 1
_WORD = re.compile(r"\w+", re.UNICODE)
_EMPTY = np.zeros(0, dtype=np.uint64)


@dataclass(frozen=True)
class Fingerprint:
    """What grouping needs of one text: its folded digest, shingle hashes and LSH band keys."""

    digest: str  # content_hash(text): equal texts are copies however short
    shingles: np.ndarray  # sorted unique uint64 hashes of the shingles (empty below MIN_SHINGLES)
    bands: tuple[int, ...]  # one key per LSH band (empty below MIN_SHINGLES)

    def to_bytes(self) -> bytes:
        """Compact form for the article store."""
        head = self.digest.encode("ascii") + bytes([len(self.bands)])
        return head + np.asarray(self.bands, dtype=np.uint64).tobytes() + self.shingles.tobytes()

    @classmethod
    def from_bytes(cls, data: bytes) -> Fingerprint:
        """Inverse of ``to_bytes``; ``ValueError`` for a damaged value."""
        if len(data) < 65 or (len(data) - 65) % 8:
            msg = "stored fingerprint is damaged"
            raise ValueError(msg)
        n = data[64]
        bands = np.frombuffer(data[65:65 + 8 * n], dtype=np.uint64)
        shingles = np.frombuffer(data[65 + 8 * n:], dtype=np.uint64)
        return cls(data[:64].decode("ascii"), shingles, tuple(int(b) for b in bands))


def normalise(text: str) -> str:
    """Text folded for comparison: lower case, words only, single spaces."""
    return " ".join(_WORD.findall(text.lower()))


def content_hash(text: str) -> str:
    """SHA-256 of the text with spacing and case folded: equal for the same text however laid out."""
    return hashlib.sha256(" ".join(text.lower().split()).encode("utf-8")).hexdigest()


def shingles(text: str, *, size: int = SHINGLE_WORDS) -> set[str]:
    """The set of runs of ``size`` consecutive words among the first ``MAX_WORDS`` of ``text`` (normalised)."""
    words = _WORD.findall(text[:MAX_WORDS * 20].lower())[:MAX_WORDS]
    if len(words) < size:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + size]) for i in range(len(words) - size + 1)}


def jaccard(a: set | np.ndarray, b: set | np.ndarray) -> float:
    """Jaccard similarity of two sets, or of two sorted unique hash arrays (0 when both are empty)."""
    if not len(a) and not len(b):
        return 0.0
    if isinstance(a, np.ndarray):  # both sorted and unique: look each of a up in b
        if not len(a) or not len(b):
            return 0.0
        at = np.searchsorted(b, a)
        at[at == len(b)] = 0
        common = int(np.count_nonzero(b[at] == a))
    else:
        common = len(a & b)  # |a ∪ b| = |a| + |b| - |a ∩ b|, without building the union
    return common / (len(a) + len(b) - common)


def _hash64(gram: str) -> int:
    return int.from_bytes(hashlib.blake2b(gram.encode("utf-8"), digest_size=8).digest(), "little")


@functools.cache
def _permutations() -> tuple[np.ndarray, str]:
    """MinHash's seeded permutations and scheme, drawn once per process instead of once per article."""
    template = MinHash(num_perm=NUM_PERM, seed=_SEED, hashfunc=int)
    return template.permutations, template.scheme


def fingerprint(text: str) -> Fingerprint:
    """The per-article part of the grouping (pure; runs in the workers)."""
    digest = content_hash(text)
    grams = shingles(text)
    if len(grams) < MIN_SHINGLES:
        return Fingerprint(digest, _EMPTY, ())
    hashes = np.unique(np.fromiter((_hash64(g) for g in grams), dtype=np.uint64, count=len(grams)))
    permutations, scheme = _permutations()
    signature = MinHash(num_perm=NUM_PERM, seed=_SEED, hashfunc=int, permutations=permutations, scheme=scheme)
    signature.update_batch((hashes & np.uint64(0xFFFFFFFF)).tolist())
    values = signature.hashvalues.astype(np.uint64)
    bands = tuple(int.from_bytes(hashlib.blake2b(bytes([i]) + values[i * ROWS:(i + 1) * ROWS].tobytes(),
                                                 digest_size=8).digest(), "little") for i in range(BANDS))
    return Fingerprint(digest, hashes, bands)


def _bucket(band: int, tag: int) -> int:
    """One integer key for (band key, week or undated tag)."""
    return (band ^ ((tag + 2) * 0x9E3779B97F4A7C15)) & 0xFFFFFFFFFFFFFFFF


def _buckets(bands: np.ndarray, tags: tuple[int, ...]) -> np.ndarray:
    """``_bucket(band, tag)`` for every band and tag, band by band (uint64): the keys an article looks up or files."""
    salts = np.array([((tag + 2) * 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF for tag in tags], dtype=np.uint64)
    return (bands[:, None] ^ salts[None, :]).ravel()


def _jaccards(a: np.ndarray, others: list[np.ndarray]) -> list[float]:
    """``jaccard(a, b)`` for every b of ``others`` (sorted unique hash arrays), with one search for all of them."""
    if not others:
        return []
    if not len(a):
        return [0.0] * len(others)
    sizes = [len(b) for b in others]
    together = np.concatenate(others)
    at = np.minimum(np.searchsorted(a, together), len(a) - 1)
    ends = np.cumsum(np.asarray(a[at] == together, dtype=np.int64))
    bounds = np.cumsum(sizes).tolist()
    out, before = [], 0
    for size, end in zip(sizes, bounds):
        common = int(ends[end - 1]) - before if size else 0  # b's items found in a: |a & b| (both sets)
        before = int(ends[end - 1]) if size else before
        out.append(common / (len(a) + size - common) if size else 0.0)
    return out


def _day(date: str | None) -> int | None:
    if not date:
        return None
    import datetime as dt

    try:
        return dt.date.fromisoformat(date[:10]).toordinal()
    except ValueError:
        return None

# the grouping's recent entries (dicts and lists, ~100 bytes per bucket entry) are folded into arrays every
# this many articles: a fixed number, so what the recent entries hold does not grow with the corpus
_FREEZE_EVERY = 2048
# the band buckets' newer entries sit in a second, smaller set of arrays, merged into the large one when they
# are more than this share of it: a freeze copies the small arrays, only one in a few copies the large ones
_LEVEL_RATIO = 8
_NO_DAY = np.iinfo(np.int64).min  # the day of an undated article in the day array
# keys of a level read at a time when a newer level is merged into a level kept in a file: what a merge holds
# in memory is bounded by this and the newer level, not by the corpus (~20 bytes per key, plus the merge's work)
_MERGE_CHUNK = 1 << 18
_DTYPES = (np.uint64, np.int64, np.int32)  # a level's keys, starts, articles
# article names per block of the name list: a full block is pickled as one record (in the store, when there is
# one), so the names held as objects are at most this many plus the few blocks read back last
_NAMES_PER_BLOCK = 4096
_NAME_BLOCKS_READ = 4  # blocks of names kept as lists after being read back (a union or a group id looks one up)

Level = tuple[np.ndarray, np.ndarray, np.ndarray]  # sorted keys (uint64), starts (int64), articles (int32)


def _empty_level() -> Level:
    return np.zeros(0, dtype=np.uint64), np.zeros(1, dtype=np.int64), np.zeros(0, dtype=np.int32)


def _find(level: Level, keys: list[int]) -> list[list[int] | None]:
    """The articles of each of ``keys`` in ``level`` (None: not there)."""
    found: list[list[int] | None] = [None] * len(keys)
    level_keys, starts, values = level
    if len(level_keys):
        wanted = np.asarray(keys, dtype=np.uint64)
        at = np.minimum(np.searchsorted(level_keys, wanted), len(level_keys) - 1)
        for n in np.flatnonzero(level_keys[at] == wanted).tolist():
            j = int(at[n])
            found[n] = values[starts[j]:starts[j + 1]].tolist()
    return found


def _gather(values: np.ndarray, start: np.ndarray, stop: np.ndarray) -> np.ndarray:
    """``values[start[k]:stop[k]]`` for every k, one after the other, as an int64 array (one fancy index)."""
    lengths = stop - start
    total = int(lengths.sum())
    if not total:
        return np.zeros(0, dtype=np.int64)
    shift = np.repeat(start - (np.cumsum(lengths) - lengths), lengths)  # output position -> values position
    return np.asarray(values[np.arange(total, dtype=np.int64) + shift], dtype=np.int64)


def _flattened(found: list[int | list[int]]) -> tuple[np.ndarray, np.ndarray]:
    """Per bucket of ``found`` (its article, or its articles), how many articles it holds, and every article one
    bucket after the other (int64 arrays): one pass over the buckets, the lists (the fewer) read on their own."""
    single = np.fromiter((value if isinstance(value, int) else -1 for value in found), dtype=np.int64,
                         count=len(found))  # -1: a list (an article is >= 0)
    counts = np.ones(len(found), dtype=np.int64)
    several = np.flatnonzero(single < 0)
    lists = [found[k] for k in several.tolist()]
    counts[several] = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
    starts = np.cumsum(counts) - counts
    values = np.empty(int(counts.sum()), dtype=np.int64)
    alone = single >= 0
    values[starts[alone]] = single[alone]
    if lists:
        at = starts[several]
        values[_gather(np.arange(len(values), dtype=np.int64), at, at + counts[several])] = np.fromiter(
            chain.from_iterable(lists), dtype=np.int64, count=int(counts[several].sum()))
    return counts, values


def _slice(level: Level, start: int, stop: int) -> Level:
    """The keys ``start:stop`` of ``level`` as a level of its own (read into memory when the level is mapped)."""
    keys, starts, values = level
    first, last = int(starts[start]), int(starts[stop])
    return (np.array(keys[start:stop]), np.array(starts[start:stop + 1]) - first, np.array(values[first:last]))


def _merge_pieces(old: Level, new: Level) -> Iterator[Level]:
    """``_merge(old, new)`` in pieces of at most ``_MERGE_CHUNK`` of ``old``'s keys, in key order (each piece
    takes the keys of ``new`` below the next piece's first key)."""
    n = len(old[0])
    if not n:
        yield new
        return
    bounds = [*range(0, n, _MERGE_CHUNK), n]
    cuts = [0, *np.searchsorted(new[0], old[0][bounds[1:-1]]).tolist(), len(new[0])]
    for j in range(len(bounds) - 1):
        piece = _slice(old, bounds[j], bounds[j + 1])
        yield _merge(piece, _slice(new, cuts[j], cuts[j + 1])) if cuts[j + 1] > cuts[j] else piece


def _write_level(pieces: Iterable[Level], folder: str | None) -> Level:
    """The levels ``pieces`` (in key order) one after the other, written to unnamed files in ``folder`` and mapped
    back read-only: their pages are the kernel's file cache, not this process's memory."""
    handles = [tempfile.TemporaryFile(dir=folder, prefix="conflictmap-buckets-") for _ in _DTYPES]
    try:
        n_keys = n_values = 0
        for keys, starts, values in pieces:
            handles[0].write(np.asarray(keys, dtype=np.uint64).tobytes())
            handles[1].write((np.asarray(starts[:-1], dtype=np.int64) + n_values).tobytes())
            handles[2].write(np.asarray(values, dtype=np.int32).tobytes())
            n_keys, n_values = n_keys + len(keys), n_values + len(values)
        handles[1].write(np.array([n_values], dtype=np.int64).tobytes())
        out = []
        for handle, dtype in zip(handles, _DTYPES):
            handle.flush()
            out.append(map_array(handle.fileno(), 0, os.fstat(handle.fileno()).st_size, dtype))
        return out[0], out[1], out[2]
    finally:
        for handle in handles:
            handle.close()  # the mappings keep the files until the arrays are dropped


def _merge(old: Level, new: Level) -> Level:
    """``old`` with ``new``'s keys added, a key in both taking ``new``'s articles (linear: no sort of the whole)."""
    old_all_keys, old_starts, old_values = old
    new_keys, new_starts, new_values = new
    if not len(old_all_keys):
        return new
    keep = np.ones(len(old_all_keys), dtype=bool)  # a key changed since is replaced by its newer list
    at = np.minimum(np.searchsorted(old_all_keys, new_keys), len(old_all_keys) - 1)
    keep[at[old_all_keys[at] == new_keys]] = False
    old_counts = np.diff(old_starts)
    old_keys, old_first, old_counts = old_all_keys[keep], old_starts[:-1][keep], old_counts[keep]
    new_counts = np.diff(new_starts)
    total = len(old_keys) + len(new_keys)
    is_new = np.zeros(total, dtype=bool)
    is_new[np.searchsorted(old_keys, new_keys) + np.arange(len(new_keys))] = True
    keys = np.empty(total, dtype=np.uint64)
    keys[is_new], keys[~is_new] = new_keys, old_keys
    counts = np.empty(total, dtype=np.int64)
    counts[is_new], counts[~is_new] = new_counts, old_counts
    first = np.empty(total, dtype=np.int64)  # where each key's articles start in old values + new values
    first[~is_new] = old_first
    first[is_new] = len(old_values) + new_starts[:-1]
    starts = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    # take[v] = first[key of v] + (v - starts[key of v]): a running sum of per-key jumps (np.repeat is slow)
    jumps = np.zeros(int(starts[-1]), dtype=np.int64)
    jumps[starts[:-1]] = np.diff(first - starts[:-1], prepend=0)  # every key has at least one article
    take = np.cumsum(jumps) + np.arange(int(starts[-1]), dtype=np.int64)
    del jumps
    return keys, starts, np.concatenate([old_values, new_values])[take]


class _Buckets:
    """Band buckets: bucket key -> the articles filed there (at most ``BUCKET_CAP``, the first ones).

    Recent changes sit in a dict; ``freeze`` merges them into sorted arrays (the keys, and each key's
    articles one after the other), which cost a few bytes per entry and pickle as three arrays. The
    arrays are two levels: ``freeze`` merges the dict into the small one (``small``), and the small one
    into the large one (``large``) once it is a ``_LEVEL_RATIO``-th of it, so the work per freeze does
    not grow with the corpus. A newer level's list of a key replaces the older's.

    With ``use_files`` the levels are files mapped read-only (merged a piece at a time): the memory the
    process holds for the buckets is the dict's, bounded by ``_FREEZE_EVERY`` articles, not the corpus.
    ``keep_in(store)`` copies the levels into a store with ``put_array`` / ``array`` (the fold's heap)
    so that the pickle holds only their references; ``attach(store)`` maps them back after unpickling."""

    def __init__(self) -> None:
        self.large: Level = _empty_level()
        self.small: Level = _empty_level()
        # bucket key -> its article, or its articles, for keys changed since the last freeze (most have one)
        self.recent: dict[int, int | list[int]] = {}
        self.files = False  # levels in mapped files (``use_files``), else in memory
        self.folder: str | None = None  # where the level files are made (None: the system's temporary folder)
        self.refs: dict[str, tuple] = {}  # "large" / "small" -> references of its arrays in the store, while unchanged

    @property
    def keys(self) -> np.ndarray:
        return self.large[0]

    @property
    def starts(self) -> np.ndarray:
        return self.large[1]

    @property
    def values(self) -> np.ndarray:
        return self.large[2]

    def use_files(self, folder: str | None = None) -> None:
        """Keep the levels in files made in ``folder`` from the next freeze on."""
        self.files, self.folder = True, folder

    def _frozen(self, keys: list[int]) -> list[list[int] | None]:
        newer = _find(self.small, keys)
        if any(found is None for found in newer):
            older = _find(self.large, keys)
            newer = [older[n] if found is None else found for n, found in enumerate(newer)]
        return newer

    def _spans(self, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Per key of ``keys`` (uint64): the level holding its articles when ``recent`` does not (0: none, 1: small,
        2: large: the small one wins, as in ``_frozen``) and where they are in that level's values (start, stop)."""
        level = np.zeros(len(keys), dtype=np.int8)
        start, stop = np.zeros(len(keys), dtype=np.int64), np.zeros(len(keys), dtype=np.int64)
        for tag, (level_keys, starts, _values) in ((2, self.large), (1, self.small)):  # the small one last: it wins
            if len(level_keys):
                at = np.minimum(np.searchsorted(level_keys, keys), len(level_keys) - 1)
                hit = level_keys[at] == keys
                level[hit], start[hit], stop[hit] = tag, starts[at[hit]], starts[at[hit] + 1]
        return level, start, stop

    def articles_of(self, keys: np.ndarray) -> np.ndarray:
        """The articles of every bucket of ``keys`` one after the other (an article once per bucket holding it: what
        ``lookup`` gives, concatenated), as an int64 array."""
        recent = self.recent
        found = [recent.get(key) for key in keys.tolist()]
        loose: list[int] = []
        for value in found:
            if value is not None:
                if isinstance(value, int):
                    loose.append(value)
                else:
                    loose.extend(value)
        level, start, stop = self._spans(keys)
        level[[value is not None for value in found]] = 0  # a key changed since the last freeze: its recent list
        pieces = [np.asarray(loose, dtype=np.int64)]
        for tag, (_keys, _starts, values) in ((1, self.small), (2, self.large)):
            mine = level == tag
            if mine.any():
                pieces.append(_gather(values, start[mine], stop[mine]))
        return np.concatenate(pieces)

    def file_all(self, keys: np.ndarray, article: int) -> None:
        """``file(keys, article)`` with the frozen levels searched once for every key (same result)."""
        level, start, stop = self._spans(keys)
        levels = (None, self.small[2], self.large[2])
        recent = self.recent
        for key, tag, first, last in zip(keys.tolist(), level.tolist(), start.tolist(), stop.tolist()):
            found = recent.get(key)
            if found is None:
                if not tag:
                    recent[key] = article
                    continue
                found = levels[tag][first:last].tolist()
            elif isinstance(found, int):
                found = [found]
            if len(found) < BUCKET_CAP:
                found.append(article)
                recent[key] = found

    def lookup(self, keys: list[int]) -> list[list[int] | None]:
        """The articles of each of ``keys`` (None: an empty bucket)."""
        out = []
        for key, frozen in zip(keys, self._frozen(keys)):
            found = self.recent.get(key, frozen)
            out.append([found] if isinstance(found, int) else found)
        return out

    def file(self, keys: list[int], article: int) -> None:
        """Put ``article`` in each bucket of ``keys`` that is not full, one key after the other."""
        for key, frozen in zip(keys, self._frozen(keys)):
            found = self.recent.get(key, frozen)
            if found is None:
                self.recent[key] = article
                continue
            if isinstance(found, int):
                found = [found]
            if len(found) < BUCKET_CAP:
                found.append(article)
                self.recent[key] = found

    def _merged(self, old: Level, new: Level) -> Level:
        if not self.files:
            return _merge(old, new)
        return _write_level(_merge_pieces(old, new), self.folder)

    def freeze(self, *, whole: bool = False) -> None:
        """Merge the recent changes into the small level, and that into the large one when it has grown
        (``whole``: always, leaving one level)."""
        if self.recent:
            new_keys = np.fromiter(self.recent, dtype=np.uint64, count=len(self.recent))
            order = np.argsort(new_keys, kind="stable")
            counts, values = _flattened(list(self.recent.values()))
            starts = np.cumsum(counts) - counts  # where each key's articles are in ``values`` (the dict's order)
            new_counts = counts[order]
            new_values = _gather(values, starts[order], starts[order] + new_counts).astype(np.int32)
            self.recent = {}
            new = (new_keys[order], np.concatenate([[0], np.cumsum(new_counts)]).astype(np.int64), new_values)
            self.small = self._merged(self.small, new)
            self.refs.pop("small", None)
        if len(self.small[0]) and (whole or _LEVEL_RATIO * len(self.small[0]) > len(self.large[0])):
            self.large = self._merged(self.large, self.small)
            self.small = _empty_level()
            self.refs = {}

    def keep_in(self, store) -> None:
        """Fold the recent changes in and copy each level not yet in ``store`` there (with ``put_array``): the
        pickle then holds references (a level unchanged since the last time is not copied again)."""
        self.freeze()
        if not hasattr(store, "put_array"):
            return
        for name in ("large", "small"):
            if name not in self.refs:
                self.refs[name] = tuple(store.put_array(part) for part in getattr(self, name))

    def attach(self, store) -> None:
        """Map the levels kept in ``store`` (after unpickling: ``keep_in`` put them there)."""
        for name, refs in self.refs.items():
            if getattr(self, name) is None:
                setattr(self, name, tuple(store.array(ref, dtype) for ref, dtype in zip(refs, _DTYPES)))

    def __getstate__(self) -> dict:
        if not self.refs:
            self.freeze(whole=True)
        state = dict(self.__dict__)
        for name in ("large", "small"):
            level = state[name]
            # a level in the store is pickled as its references; another as arrays in memory (not mapped)
            state[name] = None if name in self.refs else tuple(np.array(part) for part in level)
        state["folder"] = None
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        if self.large is None and "large" not in self.refs or self.small is None and "small" not in self.refs:
            msg = "a pickled grouping lacks a level of its band buckets"
            raise ValueError(msg)


class _Shingles:
    """The kept articles' shingle hashes and days: recent ones as arrays of their own, older ones in
    blocks, so the state is a few arrays. A block holds its hashes concatenated (with offsets), or, with a
    ``store`` (an object with ``put(bytes) -> ref`` and ``get(ref) -> bytes``), only each article's
    reference there: the hashes are read back for the few candidates an article is checked against."""

    def __init__(self) -> None:
        self.slot = array("q")  # article -> its position among the kept (-1: not kept)
        self.blocks: list[tuple[np.ndarray, np.ndarray | None]] = []  # (offsets, hashes) or (refs, None) per block
        self.block_start = [0]  # kept position of each block's first article (and the next free one)
        self.days: list[np.ndarray] = []  # each block's days (_NO_DAY: undated)
        self.recent: list[tuple[np.ndarray, int | None]] = []  # kept since the last freeze, in order
        self.store = None

    def add(self, article: int, hashes: np.ndarray, day: int | None) -> None:
        self.slot.extend([-1] * (article + 1 - len(self.slot)))
        self.slot[article] = self.block_start[-1] + len(self.recent)
        self.recent.append((hashes, day))

    def get(self, article: int) -> tuple[np.ndarray, int | None]:
        """The shingle hashes and day of a kept article."""
        j = self.slot[article]
        if j >= self.block_start[-1]:
            return self.recent[j - self.block_start[-1]]
        b = bisect_right(self.block_start, j) - 1
        where, hashes = self.blocks[b]
        k = j - self.block_start[b]
        day = int(self.days[b][k])
        if hashes is None:
            found = np.frombuffer(self.store.get(tuple(where[k].tolist())), dtype=np.uint64)
        else:
            found = hashes[where[k]:where[k + 1]]
        return found, None if day == _NO_DAY else day

    def day(self, article: int) -> int | None:
        """The day of a kept article (its hashes are not read)."""
        j = self.slot[article]
        if j >= self.block_start[-1]:
            return self.recent[j - self.block_start[-1]][1]
        b = bisect_right(self.block_start, j) - 1
        day = int(self.days[b][j - self.block_start[b]])
        return None if day == _NO_DAY else day

    def freeze(self) -> None:
        if not self.recent:
            return
        if self.store is not None:
            refs = np.array([self.store.put(h.tobytes()) for h, _d in self.recent], dtype=np.int64).reshape(-1, 3)
            self.blocks.append((refs, None))
        else:
            sizes = np.fromiter((len(h) for h, _d in self.recent), dtype=np.int64, count=len(self.recent))
            offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
            self.blocks.append((offsets, np.concatenate([h for h, _d in self.recent]).astype(np.uint64, copy=False)))
        self.days.append(np.fromiter((_NO_DAY if d is None else d for _h, d in self.recent), dtype=np.int64,
                                     count=len(self.recent)))
        self.block_start.append(self.block_start[-1] + len(self.recent))
        self.recent = []

    def __getstate__(self) -> dict:
        self.freeze()
        state = dict(self.__dict__)
        state["store"] = None
        return state


class _Names:
    """Every article's name, in the order added: the last ones in a list, the others in blocks of
    ``_NAMES_PER_BLOCK`` names, each pickled as one record. With a ``store`` (``put(bytes) -> ref``,
    ``get(ref) -> bytes``: the fold's heap) only each block's reference is held, else its bytes; the last few
    blocks read back are held as lists. Indexing and iterating give the names as a list would."""

    def __init__(self) -> None:
        self.per_block = _NAMES_PER_BLOCK
        self.recent: list[str] = []  # the names after the last full block (fewer than ``per_block``)
        self.blocks: list[bytes | tuple[int, int, int]] = []  # per full block: its pickle, or its reference in the store
        self.store = None
        self._read: OrderedDict[int, list[str]] = OrderedDict()  # block number -> its names (the last few read)

    def __len__(self) -> int:
        return len(self.blocks) * self.per_block + len(self.recent)

    def append(self, name: str) -> None:
        self.recent.append(name)
        if len(self.recent) == self.per_block:
            data = pickle.dumps(self.recent, protocol=pickle.HIGHEST_PROTOCOL)
            self.blocks.append(data if self.store is None else self.store.put(data))
            self.recent = []

    def _block(self, b: int) -> list[str]:
        names = self._read.get(b)
        if names is None:
            block = self.blocks[b]
            names = pickle.loads(block if isinstance(block, bytes) else self.store.get(block))
            self._read[b] = names
            if len(self._read) > _NAME_BLOCKS_READ:
                self._read.popitem(last=False)
        else:
            self._read.move_to_end(b)
        return names

    def __getitem__(self, i: int) -> str:
        if i < 0:
            i += len(self)
        b, k = divmod(i, self.per_block)
        if b == len(self.blocks):
            return self.recent[k]
        if not 0 <= b < len(self.blocks):
            msg = f"article {i} out of range"
            raise IndexError(msg)
        return self._block(b)[k]

    def __iter__(self) -> Iterator[str]:
        for b in range(len(self.blocks)):
            yield from self._block(b)
        yield from self.recent

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["store"], state["_read"] = None, OrderedDict()
        return state


class Grouping:
    """The grouping as a fold over articles in input order (resumable: the state pickles).

    Each article is compared with the articles added before it (see the module doc for the bounds);
    ``groups()`` gives every article's group. Adding articles after others gives the groups a
    grouping of all of them in that order gives.
    """

    regrouped = 0  # unions that changed the group of an article added before the one being added

    def __init__(self, *, threshold: float = SIMILARITY_THRESHOLD) -> None:
        self.threshold = threshold
        self.regrouped = 0
        self.names = _Names()  # every article's name (the group ids), in blocks kept in the store
        self.parent = array("q")  # union-find parents (an array: 8 bytes per article)
        # the first 8 bytes of each text digest -> the first article with it, as bucket keys (a bucket holds one
        # article): levels of sorted arrays in files, like the band buckets (two different digests sharing their
        # first 8 bytes would be taken for one text: odds 2**-64 a pair, as the fold's ``texts`` accepts)
        self.first_text = _Buckets()
        self.buckets = _Buckets()  # bucket key -> its articles (<= BUCKET_CAP)
        self.kept = _Shingles()  # article -> shingle hashes, day

    def _find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def _union(self, a: int, b: int) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:  # the root is the first name in sorted order: the group id
            low, high = (ra, rb) if (self.names[ra], ra) < (self.names[rb], rb) else (rb, ra)
            self.parent[high] = low
            if high != len(self.names) - 1:  # not the new article's own group that gave way: older ones move
                self.regrouped += 1

    def add(self, name: str, fp: Fingerprint, date: str | None) -> None:
        """Group one more article (``date`` an ISO day, or None when undated)."""
        i = len(self.names)
        self.names.append(name)
        self.parent.append(i)
        text_key = [int(fp.digest[:16], 16)]
        (first,) = self.first_text.lookup(text_key)
        if first is not None:
            self._union(first[0], i)
            return
        self.first_text.file(text_key, i)
        if len(self.first_text.recent) >= _FREEZE_EVERY:  # every text is new here, with bands or without
            self.freeze()
        if not fp.bands:
            return
        day = _day(date)
        week = None if day is None else day // _WEEK
        # a dated article meets the dated of its week and the two beside it, and the undated; an undated one meets all
        look = (_DATED, _UNDATED) if week is None else (week - 1, week, week + 1, _UNDATED)
        bands = np.asarray(fp.bands, dtype=np.uint64)
        # the candidates sharing the most band keys first (ties: the earlier article), as many as the checks take
        others, counts = np.unique(self.buckets.articles_of(_buckets(bands, look)), return_counts=True)
        candidates = others[np.lexsort((others, -counts))].tolist()
        checked: list[int] = []
        for other in candidates:
            if len(checked) == MAX_CANDIDATES:
                break
            other_day = self.kept.day(other) if day is not None else None
            if other_day is not None and abs(day - other_day) > WINDOW_DAYS:
                continue
            checked.append(other)
        similar = _jaccards(fp.shingles, [self.kept.get(other)[0] for other in checked])
        for other, similarity in zip(checked, similar):
            if self._find(other) != self._find(i) and similarity >= self.threshold:
                self._union(other, i)
        self.kept.add(i, fp.shingles, day)
        self.buckets.file_all(_buckets(bands, (_UNDATED,) if week is None else (week, _DATED)), i)
        if len(self.kept.recent) >= _FREEZE_EVERY:  # older ones: arrays (and their shingles in the store)
            self.freeze()

    def freeze(self) -> None:
        """Move the recent entries into the arrays (and the shingles into the store, when there is one)."""
        self.kept.freeze()
        self.buckets.freeze()
        self.first_text.freeze()

    def keep(self) -> None:
        """``freeze``, and copy the band buckets into the store (before the grouping is pickled: the pickle then
        holds their references, not the arrays)."""
        self.kept.freeze()
        for buckets in (self.buckets, self.first_text):
            if self.kept.store is not None:
                buckets.keep_in(self.kept.store)
            else:
                buckets.freeze()

    def keep_shingles_in(self, store) -> None:
        """Keep the shingle hashes of articles grouped from now on in ``store`` (``put(bytes) -> ref``,
        ``get(ref) -> bytes``, e.g. :class:`pipeline.scale.heap.BlobHeap`), not in memory, and the band buckets
        in files beside it (mapped, not held); buckets a pickle refers to in ``store`` are mapped from there."""
        self.kept.store = self.names.store = store
        path = getattr(store, "path", None)
        for buckets in (self.buckets, self.first_text):
            buckets.attach(store)
            buckets.use_files(None if path is None else str(os.path.dirname(os.path.abspath(path))))

    def group_of(self, index: int) -> str:
        """The group id of the ``index``-th article added, as the articles added so far make it (it changes
        later only when ``regrouped`` grows)."""
        return self.names[self._find(index)]

    def root_of(self, index: int) -> int:
        """The index of the article giving the ``index``-th article's group its id, as the articles so far make it."""
        return self._find(index)

    def is_group_id(self, index: int) -> bool:
        """Whether the ``index``-th article added gives its group its id, as the articles added so far make it."""
        return self._find(index) == index

    def groups(self) -> dict[str, str]:
        """``name -> group id``: the first name (in sorted order) of its group."""
        return {name: name if (root := self._find(i)) == i else self.names[root] for i, name in enumerate(self.names)}


def group_fingerprints(items: Iterable[tuple[str, Fingerprint, str | None]], *,
                       threshold: float = SIMILARITY_THRESHOLD) -> dict[str, str]:
    """
    The syndication group of every article, from its fingerprint and publication day.

    Parameters
    ----------
    items
        ``(name, fingerprint, date)`` in input order: ``date`` an ISO day or None (undated:
        compared with every article); names must be unique.
    threshold
        Jaccard similarity of shingle sets at and above which two texts are copies.

    Returns
    -------
    groups
        ``name -> group id``; the group id is the first name (in sorted order) of the
        group, so an article that is nobody's copy is its own group.
    """
    grouping = Grouping(threshold=threshold)
    for name, fp, date in items:
        grouping.add(name, fp, date)
    return grouping.groups()


def syndication_groups(
    articles: Iterable[tuple[str, str]] | Iterable[tuple[str, str, str | None]], *,
    threshold: float = SIMILARITY_THRESHOLD,
) -> dict[str, str]:
    """
    The syndication group of every article, from its text.

    Parameters
    ----------
    articles
        ``(name, text)`` or ``(name, text, date)`` tuples (``date`` an ISO day or None);
        names must be unique.
    threshold
        Jaccard similarity of shingle sets at and above which two texts are copies.

    Returns
    -------
    groups
        ``name -> group id`` (see :func:`group_fingerprints`).
    """
    items = [(name, fingerprint(text), rest[0] if rest else None) for name, text, *rest in articles]
    return group_fingerprints(items, threshold=threshold)
