"""The cross-article part of a build as a fold over articles in input order, kept between builds.

A build folds its articles one by one, in input order: syndication grouping
(:class:`pipeline.ingest.syndication.Grouping`), the merge across articles
(:class:`pipeline.events.merge.CrossArticleMerge`), and the output text each article or merged
event contributes (a place feature's JSON, an ``articles.jsonl`` line, an event's feature JSON
and CSV row), rendered once and kept. ``render`` joins those pieces into the output files.

The fold pickles (``dumps`` / ``loads``, kept in the article store). A rebuild whose input is the
previous input with articles appended, none of whose syndication groups the new articles change,
resumes it: only the new articles are processed, grouped and merged, only the merged events they
touch are rendered again, and the GeoParquet layers are extended from the previous files
(:func:`pipeline.scale.columnar.extend_geoparquet`). Anything else folds every article again
(their per-article results still come from the store). Either way the files are byte-identical
to those of a build from scratch: resuming a fold is continuing it.

The fold also keeps each article's corpus row digest (``rows``) and the SHA-256 of every output
file: a rebuild passes over the unchanged leading rows without reading them into articles, and
one that adds nothing, with every file as written, writes nothing.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import shutil
import sys
import tempfile
from collections import Counter
from functools import partial
from array import array
from collections.abc import Callable, Collection, Iterable, Sequence
from pathlib import Path

import numpy as np

from pipeline.events.merge import CrossArticleMerge
from pipeline.ingest.syndication import Fingerprint, Grouping
from pipeline.output.export import EVENT_TYPES, OblastCounts, event_features, events_csv, oblast_layer
from pipeline.output.writer import json_line
from pipeline.scale.columnar import (COLUMNAR_LAYERS, extend_geoparquet, join_geoparquet_files,
                                     to_geoparquet)
from pipeline.scale.digests import Codes, HexDigests
from pipeline.scale.heap import HEAP_NAME, BlobHeap, HeapDamaged
from pipeline.scale.store import FOLD_NAME
from pipeline.scale.work import Failure, Pool, chunked, idle_pool, place_json

FOLD_VERSION = 14  # bump when the pickled layout below changes
_COLLECTION_HEAD = '{"type":"FeatureCollection","features":['
_COLLECTION_TAIL = "]}\n"
_CSV_HEADER = events_csv({"features": []})
PLACES_PER_PART = 8_192  # place features per GeoParquet part made while the workers work (bounds the JSON held)
EVENTS_PER_PART = 4_096  # events per GeoParquet part when the events layer is made from scratch (bounds the dicts)
LIVE_EVENTS = 16_384  # merged events whose merge views (what the merge rule reads) are held while articles are merged
# (~540 bytes a view as `_view_of` makes it: ~9 MB; 4,096 views read back from default pickles took ~6 MB)
# the heap is only appended to: a merged event changed, or a bucket level merged, leaves its old record as garbage.
# When the fold is kept and the garbage is more than both of these, the live records are copied into a new heap
# (the copy costs the live bytes once; with this ratio, at most as many bytes as were appended since the last one)
# The same test runs while the articles are folded (a merged event joined by many reports is pickled again each time
# it is let go, so a corpus that repeats its incidents appends far more than it keeps), so the heap stays within
# (1 + ratio) times its live bytes plus the minimum, whatever the corpus
HEAP_GARBAGE_RATIO = 1.0  # garbage per live byte
HEAP_GARBAGE_MIN = 64 << 20  # bytes: small heaps are left as they are
HEAP_CHECK_EVERY = 16 << 20  # bytes appended between two looks at the garbage during a build (a look reads every
# event's reference: ~4 ms at 48,000 events); at least an eighth of the heap, so looks stay rare as it grows
WHOLE_EVENTS = 256  # merged events held whole (as objects) while articles are merged; the others wait in the heap
OUTPUT_NAMES = ("places.geojson", "events.geojson", "oblasts.geojson", "events.csv", "articles.jsonl",
                "events.parquet", "places.parquet")  # every file render() gives (its digest is kept)


class _Spool:
    """A text file written piece by piece (the large outputs are not held in memory while a build runs),
    with the SHA-256 of what it holds kept up to date (the file is not read again to digest it)."""

    def __init__(self, path: Path, head: str = "", *, size: int = 0, digest=None) -> None:
        self.path = path
        self.handle = path.open("a" if size else "w", encoding="utf-8", newline="")
        self.size = size
        self.digest = digest or hashlib.sha256()
        self.write(head)

    @classmethod
    def copy_of(cls, path: Path, source: Path, digest: str, drop_tail: int = 0) -> _Spool | None:
        """A spool carrying on from the file ``source`` (its last ``drop_tail`` bytes left out), copied
        as bytes; None when ``source`` is missing or the SHA-256 of what is kept of it is not ``digest``."""
        check = hashlib.sha256()
        try:
            with source.open("rb") as src, path.open("wb") as dst:
                left = os.fstat(src.fileno()).st_size - drop_tail  # bytes of the source kept
                while chunk := src.read(1 << 20):
                    check.update(chunk[:max(left, 0)])
                    left -= len(chunk)
                    dst.write(chunk)
                size = dst.tell() - drop_tail
                dst.truncate(size)
        except OSError:
            return None
        if check.hexdigest() != digest or size <= 0:
            return None
        return cls(path, size=size, digest=check)

    def write(self, text: str) -> None:
        self.handle.write(text)
        self.digest.update(text.encode("utf-8"))
        self.size += len(text)

    def close(self) -> Path:
        self.handle.close()
        return self.path


def _digest_file(path: Path) -> str | None:
    """SHA-256 of a file, read in chunks; None when it cannot be read."""
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def _digest(data: str | bytes | Path) -> str:
    """SHA-256 of an output file's content (given as text, bytes or the file holding it)."""
    if isinstance(data, Path):
        return _digest_file(data) or ""
    return hashlib.sha256(data if isinstance(data, bytes) else data.encode("utf-8")).hexdigest()


def _feature_json(feature: dict) -> str:
    return json.dumps(feature, ensure_ascii=False, separators=(",", ":"))


def _day(article_date: object) -> str | None:
    """The day grouping compares (precision 1 only: a month is not a publication day)."""
    return getattr(article_date, "date", None) if getattr(article_date, "precision", None) == 1 else None


Rendered = tuple[bytes, int, tuple, tuple]  # feature JSON + CSV row, length of the JSON, sort key, oblast facts


def _render_event(event) -> Rendered:
    """One merged event's output text and what the fold keeps of it (pure).

    The feature JSON and the CSV row as one record, the length of the JSON, the sort key of the events
    layer without the event's index (type index, date, admin-1 code, feature id) and the facts the oblast
    layer counts (type, admin-1 code, killed, injured)."""
    (feature,) = event_features([event])["features"]
    p = feature["properties"]
    kind, date, code = p["event_type"], p["date"], p["admin1_code"]
    text = _feature_json(feature).encode("utf-8")
    row = events_csv({"features": [feature]})[len(_CSV_HEADER):].encode("utf-8")
    return (text + row, len(text), (EVENT_TYPES.index(kind), date or "9999", code or "", feature["id"]),
            (kind, code, p["killed"], p["injured"]))


def _article_line(article, group: str | None) -> str:
    """An article's ``articles.jsonl`` line (``group``: its syndication group)."""
    return json_line({"article": article.name, "title": article.title, "date": article.published.date,
                      "meta": article.meta, "text": article.text, "group": group})


def _set_group(events: Sequence, group: str | None) -> None:
    """Mark every source of one article's ``events`` with the article's syndication ``group``."""
    for event in events:
        for source in event.sources:
            source.group = group


def render_event(blob: bytes) -> Rendered:
    """``_render_event`` of a merged event given as its pickle (what a worker process is sent)."""
    return _render_event(pickle.loads(blob))


def join_parts(job: tuple[list[Path], Path]) -> bool:
    """``join_geoparquet_files(parts, out)`` for ``job`` = (parts, out) (a task for a worker of a local pool)."""
    parts, out = job
    return join_geoparquet_files(parts, out)


def geoparquet_part(features: str | bytes) -> bytes:
    """GeoParquet bytes of features given as a JSON array (a part of a layer; pure: runs in a worker, or here)."""
    return to_geoparquet({"features": json.loads(features)})


_KINDS = tuple(str(kind) for kind in EVENT_TYPES)  # plain strings, as the rendered properties hold


class _Rendered:
    """Per merged event (by its index): its sort key, where its feature JSON and CSV row are in the heap and
    the facts the oblast layer counts, in arrays: a few dozen bytes per event, not tuples of objects.

    The sort key is one ``bytes``: type index, date, admin-1 code and feature id, each ended by a NUL byte,
    then the event index; UTF-8 keeps code point order and no part holds a NUL, so ordering the bytes
    is ordering the tuples ``(type index, date, code, id, index)``."""

    def __init__(self) -> None:
        self.sort: list[bytes | None] = []
        self.offset, self.length, self.crc, self.split = array("q"), array("q"), array("Q"), array("q")
        self.kind, self.code = array("b"), array("i")  # EVENT_TYPES index; index in ``codes``
        self.killed, self.injured = array("q"), array("q")  # None counted as 0 (as OblastCounts does)
        self.odd: dict[int, tuple] = {}  # an event whose figures are not whole numbers: its facts as they are
        self.codes: list[str | None] = []
        self._code_at: dict[str | None, int] = {}
        self.count = 0
        self.row = array("q")  # its row in the events layer last written (-1: none)

    def __len__(self) -> int:
        return self.count

    def __contains__(self, i: int) -> bool:
        return i < len(self.sort) and self.sort[i] is not None

    def put(self, i: int, key: tuple, ref: tuple[int, int, int], split: int, facts: tuple) -> None:
        """Keep event ``i``'s rendering (``key`` its sort tuple, ``facts`` (type, code, killed, injured))."""
        grow = i + 1 - len(self.sort)
        if grow > 0:
            self.sort += [None] * grow
            for column in (self.offset, self.length, self.crc, self.split, self.kind, self.code, self.killed,
                           self.injured):
                column.extend([0] * grow)
            self.row.extend([-1] * grow)
        kind, date, code, feature_id, _i = key
        parts = (date, code, str(feature_id))
        if any("\0" in part for part in parts):  # never made by the pipeline; checked so the order stays exact
            msg = f"an event's sort key holds a NUL byte: {parts!r}"
            raise ValueError(msg)
        if self.sort[i] is None:
            self.count += 1
        self.sort[i] = (bytes([kind]) + "\0".join(parts).encode("utf-8") + b"\0" + i.to_bytes(8, "big"))
        self.offset[i], self.length[i], self.crc[i] = ref
        self.split[i] = split
        self.kind[i] = kind
        if facts[1] not in self._code_at:
            self._code_at[facts[1]] = len(self.codes)
            self.codes.append(facts[1])
        self.code[i] = self._code_at[facts[1]]
        self.odd.pop(i, None)
        killed, injured = facts[2], facts[3]
        if all(v is None or (isinstance(v, int) and not isinstance(v, bool) and 0 <= v < 1 << 62)
               for v in (killed, injured)):
            self.killed[i], self.injured[i] = killed or 0, injured or 0
        else:
            self.odd[i] = facts
        self.row[i] = -1

    def ref(self, i: int) -> tuple[int, int, int]:
        return self.offset[i], self.length[i], self.crc[i]

    def facts(self, i: int) -> tuple:
        if i in self.odd:
            return self.odd[i]
        return _KINDS[self.kind[i]], self.codes[self.code[i]], self.killed[i], self.injured[i]

    def order(self) -> list[int]:
        """Every rendered event, in the order of the events layer."""
        return sorted((i for i in range(len(self.sort)) if self.sort[i] is not None), key=self.sort.__getitem__)

    def kinds(self) -> Counter:
        """Events per type."""
        return Counter(_KINDS[k] for i, k in enumerate(self.kind) if self.sort[i] is not None)


class _Joins:
    """Per article folded, in order: the merged event each of its events joined (``CrossArticleMerge.add``), in two
    arrays (8 bytes an event and an article). What ``BuildFold.regroup`` needs to merge a few events again."""

    def __init__(self) -> None:
        self.starts, self.targets = array("q", [0]), array("q")

    def __len__(self) -> int:
        return len(self.starts) - 1

    def append(self, joined: Sequence[int]) -> None:
        self.targets.extend(joined)
        self.starts.append(len(self.targets))

    def __getitem__(self, position: int) -> array:
        return self.targets[self.starts[position]:self.starts[position + 1]]


class BuildFold:
    """Everything the outputs are made of, folded article by article (see the module doc)."""

    joins: _Joins | None = None  # a fold from scratch: the merged events each article's events joined (not kept)
    pool = None  # the build's mapper: its idle workers make the places parts while articles are folded (not kept)

    def __init__(self, folder: Path | None = None) -> None:
        """A new fold; ``folder``: where it will be kept (its heap is made there), None: not kept."""
        self.keys = HexDigests()  # article_key() of every article folded, in input order
        self.rows = HexDigests()  # the corpus row digest each came from (Article.raw), None: not a row
        self.texts = Codes()  # the first 8 bytes of the sha256 of every processed text (see ``repeats``)
        self.grouping = Grouping()
        self.groups: dict[str, str] = {}  # the groups the folded articles were merged with (not an article's own name)
        self.merge = CrossArticleMerge()
        self._places: _Spool | None = None  # places.geojson as it is written (a scratch file; not kept)
        self.mentions: Counter[str] = Counter()  # admin-1 code -> place mentions
        self.n_places = 0
        self._lines: _Spool | None = None  # articles.jsonl as it is written (a scratch file; not kept)
        self.n_articles = 0
        self.errors: list[str] = []
        self.warnings: list[str] = []
        self.notes: list[str] = []
        # merged event (its index in merge.merged) -> sort key, heap record of its feature JSON and CSV row
        # one after the other, length of the JSON, oblast facts, row in the events layer last written
        self.rendered = _Rendered()
        self.n_event_rows = 0  # rows in the events layer last written
        self.written: dict[str, str] = {}  # output file -> sha256 of it as last written (the files a fold reads back)
        self.bodies: dict[str, str] = {}  # places.geojson, articles.jsonl -> sha256 of what a resumed fold keeps of it
        self.place_layer_parts: list[Path] = []  # GeoParquet parts of the places folded since the last render
        self._pending: list[str] = []  # place feature JSON not yet in a part
        self._pending_n = 0
        self._making: list[tuple] = []  # places parts sent to the pool: (file, features, its ``Pending``), in order
        self.scratch: tempfile.TemporaryDirectory | None = None  # holds the spools (removed with the fold)
        self.resumed = False  # True once ``resumes`` accepted a rebuild: its places are added to the previous files
        self.heap_token = b""  # the heap this fold's references point into, its size and file when the fold was kept
        self.heap_size = 0
        self.heap_path = ""
        if folder is None:
            self.heap = BlobHeap(self._scratch_path("heap"))
        else:
            self.heap = BlobHeap(Path(folder) / f"{HEAP_NAME}.new")  # renamed to HEAP_NAME when the fold is kept
        self.merge.heap = self.heap
        self.grouping.keep_shingles_in(self.heap)
        self._heap_check = HEAP_CHECK_EVERY  # the heap's size at which its garbage is looked at next (``_bound_heap``)
        self.joins = _Joins()

    # -- folding -----------------------------------------------------------------------------
    def group(self, name: str, fp: Fingerprint, published: object) -> None:
        """Group one more article (all of a build's articles are grouped before any is merged)."""
        self.grouping.add(name, fp, _day(published))

    def add_places(self, article, result) -> None:
        """Fold one article's places (they do not depend on the other articles: done as results arrive)."""
        if result is None:
            return
        if result.place_json is not None and result.place_admin1 is not None:  # rendered in the worker
            part, codes = result.place_json, result.place_admin1
        else:  # from the store, or a copy
            part, codes = place_json(article.name, result.places), tuple(p.admin1_code for p in result.places)
        if not codes:
            return
        places = self._spool("_places", _COLLECTION_HEAD)
        places.write(part if places.size == len(_COLLECTION_HEAD) else "," + part)
        self.n_places += len(codes)
        self.mentions.update(code for code in codes if code)
        self._pending.append(part)
        self._pending_n += len(codes)
        if self._pending_n >= PLACES_PER_PART:
            self._seal_places()
        elif self._making:
            self._parts_made(wait=False)  # a part made is written as soon as it is back: its text is let go

    def _seal_places(self) -> None:
        """The places folded since the last part as one GeoParquet part (joined into the layer at render): made by
        a worker of the build's pool when it has several running (``pool``: the part is written here when it comes
        back, see ``_parts_made``), else here."""
        if self._pending:
            part = self._scratch_path(f"places-{len(self.place_layer_parts)}.parquet")
            features = f"[{','.join(self._pending)}]"  # text: a lone surrogate pickles, as in the spool
            pool = idle_pool(self.pool)
            if pool is not None and hasattr(pool, "submit"):
                self._making.append((part, features, pool.submit(geoparquet_part, features)))
                self._parts_made(wait=False)
            else:
                part.write_bytes(geoparquet_part(features))
            self.place_layer_parts.append(part)
        self._pending, self._pending_n = [], 0

    def _parts_made(self, *, wait: bool = True) -> None:
        """Write the places parts the pool has made (``wait``: all of them, waiting for the last ones; else those
        done, in order); a part its worker failed on is made here, from the features kept until then."""
        while self._making and (wait or self._making[0][2].done()):
            part, features, made = self._making.pop(0)
            data = made.result()
            part.write_bytes(geoparquet_part(features) if isinstance(data, Failure) else data)

    def add(self, article, key: str, digest: bytes | None, result, grouped: str | None,
            group: str | None = None) -> None:
        """Fold one article (already grouped: ``grouped``; ``group`` a group given with the article
        overrides it) and its per-article result (None: not processed)."""
        group = group or grouped
        self.keys.append(key)
        self.rows.append(article.raw)
        self.n_articles += 1
        if digest is not None:
            self.texts.add(int.from_bytes(digest[:8], "big"))
        self._spool("_lines").write(_article_line(article, group))
        self.warnings += dict.fromkeys(f"{article.name}: {r.message()}" for r in article.rejections)
        if result is None:
            if self.joins is not None:
                self.joins.append(())
            return
        _set_group(result.events, group)
        joined = self.merge.add(result.events)
        if self.joins is not None:
            self.joins.append(joined)
        self.merge.compact(keep=LIVE_EVENTS, whole=WHOLE_EVENTS)  # the others wait in the heap until met again
        self._bound_heap()
        if result.error:
            self.errors.append(result.error)
        self.warnings += [f"{article.name}: {w}" for w in result.warnings]

    def regroup(self, folded: Iterable[tuple[object, object]], changed: Collection[int], group_of) -> int:
        """Give the articles folded from scratch whose syndication group changed after they were folded (their
        positions ``changed``) their final group (``group_of(article)``): their ``articles.jsonl`` lines are written
        again, and every merged event one of their events joined is made again from its reports, in their order,
        with the final groups. The other merged events are already those a fold with the final groups makes: the
        groups decide which reports corroborate a merged event (its reports and confidence), never which events
        merge (``CrossArticleMerge.add``). ``folded``: every article folded and its result (as given to ``add``), in
        order. Returns how many merged events were made again."""
        joins = self.joins
        if joins is None or len(joins) != len(self.keys):
            msg = "regroup needs a fold from scratch that recorded every article's joins"
            raise RuntimeError(msg)
        again = {target for position in changed for target in joins[position]}
        made: set[int] = set()
        old = self._spool("_lines").close()
        lines = self._lines = _Spool(self._scratch_path("lines-regrouped"))
        with old.open("rb") as before:  # one line an article (json_line: no line end inside a line)
            for position, (article, result) in enumerate(folded):
                line = before.readline().decode("utf-8")
                if position in changed:
                    line = _article_line(article, group_of(article))
                lines.write(line)
                targets = joins[position]
                if result is None or not any(target in again for target in targets):
                    continue
                events = result.with_events().events
                _set_group(events, group_of(article))
                for event, target in zip(events, targets):
                    if target in made:
                        self.merge.rejoin(target, event)
                    elif target in again:
                        self.merge.restart(target, event)
                        made.add(target)
                self.merge.compact(keep=LIVE_EVENTS, whole=WHOLE_EVENTS)
                self._bound_heap()
        old.unlink()
        return len(made)

    def repeats(self, digest: bytes) -> bool:
        """Whether a text with SHA-256 ``digest`` may be one already folded (its first 8 bytes are kept: a
        false yes, about one in 2**64, only makes the build fold every article again, with the same files)."""
        return int.from_bytes(digest[:8], "big") in self.texts

    def counts(self) -> dict[str, int]:
        """Articles, places and events (per type too) in the fold, for the build's summary line."""
        counts = self.rendered.kinds()
        counts.update(articles=self.n_articles, places=self.n_places, events=len(self.rendered))
        return dict(counts)

    # -- rendering ---------------------------------------------------------------------------
    def _render_touched(self, pool: Pool | None = None) -> list[int]:
        """Render every merged event created or changed since the last render into the heap; those events.

        With ``pool`` (a mapper with ``imap``, e.g. the build's idle worker processes) the events go there as
        their pickles and come back rendered, in order; an event a worker failed on is rendered here."""
        out = sorted(self.merge.touched)
        if pool is None:
            rendered = (_render_event(self._live_event(i)) for i in out)
        else:
            self.merge.compact()  # every event as its pickle in the heap: what is sent
            rendered = pool.imap(render_event, (self.merge.pickled(i) for i in out))
        for i, piece in zip(out, rendered):
            if isinstance(piece, Failure):
                piece = render_event(self.merge.pickled(i))
            data, split, key, (kind, code, killed, injured) = piece
            facts = (sys.intern(kind), None if code is None else sys.intern(code), killed, injured)  # shared strings
            self.rendered.put(i, (*key, i), self.heap.put(data), split, facts)
        self.merge.touched.clear()
        return out

    def _live_event(self, i: int):
        """Merged event ``i`` as an object (fewer than ``WHOLE_EVENTS`` are kept so)."""
        event = self.merge.event(i)
        self.merge.compact(keep=LIVE_EVENTS, whole=WHOLE_EVENTS)
        return event

    def _event_texts(self, order: list[int]):
        """(feature JSON, CSV row) of the events in ``order``, as bytes, read from the heap."""
        rendered = self.rendered
        for i in order:
            n = rendered.split[i]
            data = self.heap.get(rendered.ref(i))
            yield data[:n], data[n:]

    def _events_part_jsons(self, order: list[int]) -> list:
        """Per part of ``EVENTS_PER_PART`` events of the layer: a function giving its features as a JSON array."""
        def part_json(start: int) -> bytes:
            chunk = order[start:start + EVENTS_PER_PART]
            return b"[" + b",".join(text for text, _row in self._event_texts(chunk)) + b"]"

        return [partial(part_json, start) for start in range(0, max(len(order), 1), EVENTS_PER_PART)]

    def _made_parts(self, jsons: list, pool: Pool | None, name: str) -> list[Path]:
        """The GeoParquet parts of the features each function of ``jsons`` gives, as scratch files ``name``-N;
        made on ``pool`` one part per task, as many at a time as it has workers, when given (a part a worker failed
        on made here)."""
        parts = []
        for batch in chunked(jsons, 1 if pool is None else pool.workers):  # the features of as many parts at a time
            chunks = (json_of() for json_of in batch)
            made = map(geoparquet_part, chunks) if pool is None else pool.imap(geoparquet_part, chunks, per_task=1)
            for json_of, data in zip(batch, made):
                part = self._scratch_path(f"{name}-{len(parts)}.parquet")
                part.write_bytes(geoparquet_part(json_of()) if isinstance(data, Failure) else data)
                parts.append(part)
        return parts

    def _last_parts(self, order: list[int] | None, pool: Pool | None) -> list[Path] | None:
        """Seal the places folded since the last part; with ``order`` and ``pool``, make the parts of a new events
        layer beside it on ``pool`` (returned; else None: made when needed)."""
        if order is None or pool is None:
            self._seal_places()
            self._parts_made()
            return None
        self._parts_made()
        pending = ",".join(self._pending)
        jsons = [lambda: f"[{pending}]"] if self._pending else []  # text: a lone surrogate pickles, as in the spool
        parts = self._made_parts(jsons + self._events_part_jsons(order), pool, "layer")
        if self._pending:
            self.place_layer_parts.append(parts.pop(0))
        self._pending, self._pending_n = [], 0
        return parts

    @staticmethod
    def _joined(parts: list[Path], out: Path, pool: Pool | None) -> bool:
        """``join_geoparquet_files(parts, out)``: in a worker of ``pool`` when it shares this machine's files
        (``local``), so the layer's Arrow buffers are never in this process (a worker's failure: here)."""
        if pool is not None and getattr(pool, "local", False):
            (joined,) = pool.imap(join_parts, [(parts, out)], per_task=1)
            if not isinstance(joined, Failure):
                return joined
        return join_geoparquet_files(parts, out)

    def _events_layer(self, order: list[int], pool: Pool | None = None, made: list[Path] | None = None) -> Path:
        """The events GeoParquet layer from scratch, made in parts of ``EVENTS_PER_PART`` events (``made``: those
        parts already made; else made on ``pool`` when given) and joined one row group at a time (never the
        whole layer as dicts; in a worker of a local ``pool``)."""
        parts = made if made is not None else self._made_parts(self._events_part_jsons(order), pool, "events")
        out = self._scratch_path("events.parquet")
        if not self._joined(parts, out, pool):  # parts whose column types differ: the whole layer at once
            features = [json.loads(text) for text, _row in self._event_texts(order)]
            out.write_bytes(to_geoparquet({"type": "FeatureCollection", "features": features}))
        for part in parts:
            part.unlink()
        return out

    def render(self, previous: Path | None = None, *, pool: Pool | None = None) -> dict[str, str | bytes | Path]:
        """Every output file, name -> content; ``previous``: the folder holding the last files written;
        ``pool``: where the changed events and the parts of a new events layer are rendered (None: here)."""
        changed = self._render_touched(pool)
        self.merge.compact()  # every event is rendered: its object is not needed until a new event meets it
        order = self.rendered.order()
        events_file, csv_file = self._scratch_path("events.geojson"), self._scratch_path("events.csv")
        digests = {"events.geojson": hashlib.sha256(), "events.csv": hashlib.sha256()}
        with events_file.open("wb") as events_out, csv_file.open("wb") as csv_out:
            def put(name: str, handle, data: bytes) -> None:
                handle.write(data)
                digests[name].update(data)

            put("events.geojson", events_out, _COLLECTION_HEAD.encode())
            put("events.csv", csv_out, _CSV_HEADER.encode())
            for n, (text, row) in enumerate(self._event_texts(order)):
                put("events.geojson", events_out, (b"," + text) if n else text)
                put("events.csv", csv_out, row)
            put("events.geojson", events_out, _COLLECTION_TAIL.encode())
        places, lines = self._spool("_places", _COLLECTION_HEAD), self._spool("_lines")
        self.bodies = {"places.geojson": places.digest.hexdigest(), "articles.jsonl": lines.digest.hexdigest()}
        places.write(_COLLECTION_TAIL)
        digests["places.geojson"], digests["articles.jsonl"] = places.digest, lines.digest
        places_file, lines_file = places.close(), lines.close()
        counts = OblastCounts()
        for i in order:
            counts.add(*self.rendered.facts(i))
        oblasts = oblast_layer(self.mentions, counts)
        files: dict[str, str | bytes | Path] = {
            "places.geojson": places_file,
            "events.geojson": events_file,
            "oblasts.geojson": json.dumps(oblasts, ensure_ascii=False, separators=(",", ":")) + "\n",
            "events.csv": csv_file,
            "articles.jsonl": lines_file,
        }
        # the events layer's rows: an unchanged event keeps its row of the previous file, the changed ones
        # are added after that file's rows; places are only ever appended
        changed.sort(key=self.rendered.sort.__getitem__)
        first_new = self.n_event_rows
        added_row = {i: first_new + n for n, i in enumerate(changed)}
        row = self.rendered.row
        rows = [row[i] if row[i] >= 0 else added_row[i] for i in order]
        olds = {layer: self._previous(previous, f"{layer}.parquet") for layer in COLUMNAR_LAYERS}
        event_parts = self._last_parts(order if olds["events"] is None else None, pool)
        for layer in COLUMNAR_LAYERS:
            data: bytes | Path | None = None
            old = olds[layer]
            if layer == "places":
                # a fold from scratch made parts of every place; a resumed one adds its parts to the previous file
                parts: list = ([old] if old is not None else [None]) if self.resumed else []
                parts += self.place_layer_parts
                if parts == [old]:
                    data = old.read_bytes()  # no new place (bytes: the file in the folder is replaced, not moved)
                elif parts and None not in parts:
                    out = self._scratch_path("places.parquet")
                    data = out if self._joined(parts, out, pool) else None
                if data is None:
                    data = to_geoparquet(json.loads(places_file.read_text(encoding="utf-8")))
            else:
                if old is not None and not changed and rows == list(range(len(rows))) and len(rows) == first_new:
                    data = old.read_bytes()  # no event changed
                elif old is not None:
                    added = [json.loads(self.heap.get(self.rendered.ref(i))[:self.rendered.split[i]]) for i in changed]
                    data = extend_geoparquet(old.read_bytes(), {"features": added}, rows)
                if data is None:
                    data = self._events_layer(order, pool, event_parts)
            files[f"{layer}.parquet"] = data
        self.written = {name: digests[name].hexdigest() if name in digests else _digest(files[name])
                        for name in OUTPUT_NAMES}
        self._places = self._lines = None
        for n, i in enumerate(order):
            row[i] = n
        self.n_event_rows = len(order)
        for part in self.place_layer_parts:
            part.unlink(missing_ok=True)
        self.place_layer_parts = []
        return files

    def _previous(self, folder: Path | None, name: str) -> Path | None:
        """The file ``name`` last written from this fold, when it is still there unchanged."""
        if folder is None or name not in self.written:
            return None
        path = Path(folder) / name
        return path if _digest_file(path) == self.written[name] else None

    def _scratch(self) -> None:
        if self.scratch is None:
            self.scratch = tempfile.TemporaryDirectory(prefix="conflictmap-build-")

    def _scratch_path(self, attr: str) -> Path:
        self._scratch()
        return Path(self.scratch.name) / attr.strip("_")  # type: ignore[union-attr]

    def _spool(self, attr: str, head: str = "") -> _Spool:
        spool = getattr(self, attr)
        if spool is None:
            spool = _Spool(self._scratch_path(attr), head)
            setattr(self, attr, spool)
        return spool

    # -- resuming ----------------------------------------------------------------------------
    def resumes(self, keys: Sequence[str], previous: Path | None) -> bool:
        """Whether a build of articles with ``keys`` (in input order) continues this fold, whose files
        written in ``previous`` are still there (they are read back: places and articles are appended to)."""
        n = len(self.keys)
        if not (0 < n <= len(keys) and keys[n - 1] == self.keys[-1] and HexDigests(keys[:n]) == self.keys):
            return False
        if previous is None or not all(name in self.bodies for name in ("places.geojson", "articles.jsonl")):
            return False
        self._scratch()
        places = _Spool.copy_of(self._scratch_path("_places"), Path(previous) / "places.geojson",
                                self.bodies["places.geojson"], len(_COLLECTION_TAIL))  # carry on from them
        lines = _Spool.copy_of(self._scratch_path("_lines"), Path(previous) / "articles.jsonl",
                               self.bodies["articles.jsonl"])
        if places is None or lines is None:
            for spool in (places, lines):
                if spool is not None:
                    spool.close()
            return False
        self._places, self._lines = places, lines
        self.resumed = True
        return True

    def row_digests(self) -> HexDigests | list[str]:
        """The row digests of the folded articles, when every one came from a corpus row (else [])."""
        return self.rows if len(self.rows) and None not in self.rows else []

    def intact(self, previous: Path | None) -> bool:
        """Whether every output file this fold last rendered is in ``previous`` as written (SHA-256)."""
        if previous is None or set(self.written) != set(OUTPUT_NAMES):
            return False
        return all(_digest_file(Path(previous) / name) == digest for name, digest in self.written.items())

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_places"], state["_lines"], state["place_layer_parts"] = None, None, []  # in the files written
        state["_pending"], state["resumed"], state["scratch"], state["heap"] = [], False, None, None
        state.pop("_heap_check", None)  # when to look at the garbage next: this build's own
        state.pop("joins", None)  # this build's own
        state.pop("pool", None)
        state["_making"] = []  # every part made was written (render waits for them)
        return state

    def dumps(self, version: str) -> bytes:
        """The fold as bytes, tagged with the pipeline ``version`` that made it (its heap synced first)."""
        buffer = io.BytesIO()
        self.dump(buffer, version)
        return buffer.getvalue()

    def dump(self, handle, version: str) -> None:
        """``dumps`` written to the binary file ``handle`` (the pickle is never one ``bytes`` in memory)."""
        self.grouping.keep()  # whatever pickling would add to the heap is added before its size is taken
        self.merge.compact()
        self.compact_heap()
        self.heap.sync()
        self.heap_token, self.heap_size, self.heap_path = self.heap.token, self.heap.size, str(self.heap.path)
        pickle.dump((FOLD_VERSION, version, self), handle, protocol=pickle.HIGHEST_PROTOCOL)
        if self.heap.size != self.heap_size:  # a record added while pickling would be cut off when the fold is read
            msg = "the fold's heap grew while the fold was pickled"
            raise RuntimeError(msg)

    def _heap_records(self) -> list[tuple[np.ndarray, bool, object]]:
        """Every live record of the heap, per holder: its (offset, length, crc) rows, whether they are arrays, and
        a function that takes their new offsets (in the same order)."""
        holders = []
        pickled, rendered = self.merge._pickled, self.rendered

        def columns(offset: array, length: array, crc: array, rows: np.ndarray) -> np.ndarray:
            return np.stack([np.frombuffer(column, dtype=np.int64 if column.typecode == "q" else np.uint64)[rows]
                             .astype(np.int64) for column in (offset, length, crc)], axis=1)

        def set_offsets(column: array, rows: np.ndarray):
            def put(offsets: np.ndarray) -> None:
                moved = np.frombuffer(column, dtype=np.int64).copy()
                moved[rows] = offsets
                column[:] = array("q", moved.tobytes())
            return put

        for kept in (pickled, self.merge._view_pickled):  # the merged events' pickles, and their views'
            rows = np.flatnonzero(np.frombuffer(kept.offset, dtype=np.int64) >= 0)
            holders.append((columns(kept.offset, kept.length, kept.crc, rows), False, set_offsets(kept.offset, rows)))
        rows = np.fromiter((i for i, key in enumerate(rendered.sort) if key is not None), dtype=np.int64)
        holders.append((columns(rendered.offset, rendered.length, rendered.crc, rows), False,
                        set_offsets(rendered.offset, rows)))
        for refs, hashes in self.grouping.kept.blocks:
            if hashes is None:
                holders.append((refs.reshape(-1, 3), False, partial(refs.__setitem__, (slice(None), 0))))
        names = self.grouping.names
        at = [b for b, block in enumerate(names.blocks) if isinstance(block, tuple)]

        def set_names(offsets: np.ndarray) -> None:
            for b, offset in zip(at, offsets.tolist()):
                names.blocks[b] = (offset, *names.blocks[b][1:])

        holders.append((np.array([names.blocks[b] for b in at], dtype=np.int64).reshape(-1, 3), False, set_names))
        for buckets in (self.grouping.buckets, self.grouping.first_text):
            for level, refs in list(buckets.refs.items()):
                def set_level(offsets: np.ndarray, buckets=buckets, level=level, refs=refs) -> None:
                    buckets.refs[level] = tuple((offset, *ref[1:]) for offset, ref in zip(offsets.tolist(), refs))
                holders.append((np.array(refs, dtype=np.int64).reshape(-1, 3), True, set_level))
        return holders

    def _bound_heap(self) -> None:
        """While articles are folded: compact the heap (``compact_heap``, aside from the kept one) when it has grown
        by ``HEAP_CHECK_EVERY`` or an eighth since the last look."""
        if self.heap.size < getattr(self, "_heap_check", 0):
            return
        self.compact_heap(aside=True)
        self._heap_check = self.heap.size + max(HEAP_CHECK_EVERY, self.heap.size // 8)

    def compact_heap(self, *, force: bool = False, aside: bool = False) -> bool:
        """Copy the heap's live records into a new heap that replaces it, when its garbage is more than
        ``HEAP_GARBAGE_RATIO`` per live byte and ``HEAP_GARBAGE_MIN`` (``force``: whatever it is); whether it was.
        Every reference is updated and the band buckets' levels are mapped from the new heap. Records not yet in
        the heap (events changed since they were pickled, recent shingles) are not records: any time between two
        articles will do. ``aside``: the kept fold's heap (``HEAP_NAME``) is left as it is, the copy made as
        ``HEAP_NAME.new`` beside it (``keep`` moves it over the kept one once the outputs are written), so a build
        stopped meanwhile leaves the kept fold and its heap as they were."""
        holders = self._heap_records()
        live = sum(int(refs[:, 1].sum()) for refs, _arrays, _put in holders)
        garbage = self.heap.size - live
        if not force and (garbage <= HEAP_GARBAGE_MIN or garbage <= HEAP_GARBAGE_RATIO * live):
            return False
        refs = np.concatenate([refs for refs, _arrays, _put in holders] + [np.zeros((0, 3), dtype=np.int64)])
        arrays = np.concatenate([np.full(len(r), a) for r, a, _put in holders] + [np.zeros(0, dtype=bool)])
        # a record is known by (offset, length > 0): an empty array record may share its offset with the next one
        keys = refs[:, 0] * 2 + (refs[:, 1] > 0)
        unique, first, where = np.unique(keys, return_index=True, return_inverse=True)
        old = self.heap
        target = old.path.with_name(f"{HEAP_NAME}.new") if aside and old.path.name == HEAP_NAME else old.path
        new, offsets = old.compacted(target.with_name(target.name + ".compact"), refs[first], arrays[first])
        moved = offsets[where.reshape(-1)]
        at = 0
        for held, _arrays, put in holders:
            put(moved[at:at + len(held)])
            at += len(held)
        # in place (not ``aside``): a build stopped before the fold is kept leaves a kept fold whose heap is gone,
        # and it is refused (token): everything is folded again from the per-article store
        os.replace(new.path, target)
        new.path = target
        old.close()
        self.heap = self.merge.heap = new
        for buckets in (self.grouping.buckets, self.grouping.first_text):
            for name in buckets.refs:
                setattr(buckets, name, None)  # mapped again from the new heap: the old file's space is given back
        self.grouping.keep_shingles_in(new)
        return True

    def keep(self, folder: Path) -> None:
        """Move the heap to ``folder``/``HEAP_NAME`` (where ``loads`` finds it), before the fold is dumped."""
        target = Path(folder) / HEAP_NAME
        if self.heap.path != target:
            self.heap.sync()
            source = self.heap.path
            if source.parent != Path(folder):  # a heap in scratch space: copied beside the fold
                staged = Path(folder) / f"{HEAP_NAME}.new"
                shutil.copyfile(source, staged)
                with staged.open("rb") as handle:
                    os.fsync(handle.fileno())
                source = staged
            os.replace(source, target)  # an interrupted build leaves a heap whose token is not the kept fold's
            self.heap.path = target
        for stale in (f"{HEAP_NAME}.new", f"{HEAP_NAME}.new.compact", f"{HEAP_NAME}.compact"):
            (Path(folder) / stale).unlink(missing_ok=True)  # left by an interrupted build (never the heap: moved)

    @staticmethod
    def loads(blob: bytes, version: str, folder: Path | None = None, *,
              notice: Callable[[str], None] | None = None) -> BuildFold | None:
        """Inverse of ``dumps``, its heap in ``folder`` (None: where it was); None for a damaged one, one of
        another version, or one whose heap is not there as it was kept (the build folds from scratch).
        ``notice`` is told, in one line naming the file, when the fold or its heap is damaged (not when
        it is merely of another pipeline version)."""
        tell = notice or _stderr
        where = Path(folder) / FOLD_NAME if folder is not None else FOLD_NAME
        try:
            layout, made_by, fold = pickle.loads(blob)
        except Exception as exc:  # a damaged blob can raise nearly anything from pickle: never trusted
            tell(f"the kept fold {where} is damaged ({type(exc).__name__}); folding every article again")
            return None
        if not (layout == FOLD_VERSION and made_by == version):
            return None  # of another pipeline version or layout: stale, not damaged
        if not isinstance(fold, BuildFold):
            tell(f"the kept fold {where} is damaged (not a fold); folding every article again")
            return None
        path = Path(folder) / HEAP_NAME if folder is not None else Path(fold.heap_path)
        try:
            fold.heap = BlobHeap.reopen(path, fold.heap_token, fold.heap_size)
            fold.merge.heap = fold.heap
            fold.grouping.keep_shingles_in(fold.heap)  # maps the band buckets kept in the heap (CRC checked)
        except HeapDamaged as exc:
            tell(f"the kept fold's records are damaged or were left by an interrupted build ({exc}); "
                 "folding every article again")
            return None
        return fold


def _stderr(message: str) -> None:
    print(f"conflictmap: {message}", file=sys.stderr, flush=True)
