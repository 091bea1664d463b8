"""Stream corpora of one article per row: JSONL, CSV and Parquet, with bounded memory.

Columns: ``text`` (required), ``id`` (else ``FILE:ROW``), and optional ``date``, ``url``,
``title``, ``outlet`` (kept as the article's metadata). JSONL is read line by line, CSV with
the ``csv`` module, Parquet batch by batch (``pyarrow.parquet.ParquetFile.iter_batches``):
memory holds one line / row / batch, never the file. A bad row is reported (``FILE:ROW:
reason``) and skipped; the rest is read.

Every article read from a row carries ``raw``, a digest of the row as read (its place and bytes):
a rebuild whose kept fold lists those digests passes over the unchanged leading rows without
decoding or normalising them (:meth:`Inputs.articles` with ``skip``).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from pipeline.errors import InputError
from pipeline.text.articles import MAX_ARTICLE_BYTES, Article, find_article_files, make_article, read_article
from pipeline.text.validate import check_record_id, clean_line, loads_json

CORPUS_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".parquet")
META_FIELDS = ("date", "url", "title", "outlet")
PARQUET_BATCH_ROWS = 1024  # rows decoded at a time: bounds memory to about a thousand articles
Row = tuple[str, "dict | None", "str | None"]  # (FILE:ROW, record or None, problem or None)


def is_corpus(path: Path) -> bool:
    """True for a JSONL, CSV or Parquet corpus file (one article per row)."""
    return path.is_file() and path.suffix.lower() in CORPUS_SUFFIXES


def iter_rows(path: Path) -> Iterator[Row]:
    """Every row of a corpus file as ``(where, record, problem)``; blank JSONL lines are skipped."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        yield from _parquet_rows(path)
    elif suffix == ".csv":
        yield from _csv_rows(path)
    else:
        yield from _jsonl_rows(path)


def jsonl_record(raw: bytes, number: int) -> tuple[dict | None, str | None]:
    """The JSON object of one input line, or the reason it is unusable (``None, None`` for a blank line)."""
    try:
        line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError as exc:
        return None, f"not UTF-8 (invalid byte at position {exc.start})"
    if not line.strip():
        return None, None
    try:
        record = loads_json(line)
    except json.JSONDecodeError as exc:
        return None, f"not JSON ({exc.msg})"
    except ValueError as exc:  # NaN, 1e400, an integer of 5,000 digits: not portable JSON
        return None, f"not portable JSON ({clean_line(str(exc))})"
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        return None, 'no "text" string'
    return record, None


def _jsonl_rows(path: Path) -> Iterator[Row]:
    with path.open("rb") as fh:
        for number, raw in enumerate(fh, start=1):
            record, problem = jsonl_record(raw, number)
            if record is None and problem is None:
                continue
            yield f"{path}:{number}", record, problem


def _csv_rows(path: Path) -> Iterator[Row]:
    csv.field_size_limit(MAX_ARTICLE_BYTES)
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            if not reader.fieldnames or "text" not in reader.fieldnames:
                msg = f"{path}: no 'text' column (columns: {', '.join(reader.fieldnames or [])})"
                raise InputError(msg)
            for number, row in enumerate(reader, start=2):  # line 1 is the header
                if row.get("text") is None:
                    yield f"{path}:{number}", None, "too few columns (no text)"
                else:
                    yield f"{path}:{number}", {k: v for k, v in row.items() if k is not None and v != ""} | {
                        "text": row["text"]}, None
    except UnicodeDecodeError as exc:
        msg = f"{path}: not UTF-8 text (invalid byte at position {exc.start})"
        raise InputError(msg) from None
    except csv.Error as exc:
        msg = f"{path}: not valid CSV ({exc})"
        raise InputError(msg) from None


def _parquet_rows(path: Path) -> Iterator[Row]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        source = pq.ParquetFile(path)
    except (pa.ArrowException, OSError) as exc:
        msg = f"{path}: not a readable Parquet file ({exc})"
        raise InputError(msg) from None
    names = set(source.schema_arrow.names)
    if "text" not in names:
        msg = f"{path}: no 'text' column (columns: {', '.join(sorted(names))})"
        raise InputError(msg)
    columns = [c for c in ("id", "text", *META_FIELDS) if c in names]
    number = 0
    for batch in source.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=columns):
        for row in batch.to_pylist():
            number += 1
            where = f"{path}:{number}"
            if not isinstance(row.get("text"), str):
                yield where, None, 'no "text" string'
            else:
                yield where, row, None


class InputChanged(Exception):
    """The rows an ``Inputs.articles(skip=...)`` was told to pass over are not all there unchanged."""


def row_digest(where: str, raw: bytes) -> str:
    """Digest of one input row as read: its place (``FILE:ROW``, which names an article without an id) and bytes."""
    return hashlib.sha256(where.encode("utf-8", "surrogateescape") + b"\0" + raw).hexdigest()


def _record_bytes(record: dict) -> bytes:
    return json.dumps(record, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8", "surrogatepass")


def count_rows(path: Path) -> int | None:
    """How many rows a corpus file has, cheaply (for the progress bar's ETA); None when unknown."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            import pyarrow.parquet as pq

            return pq.ParquetFile(path).metadata.num_rows
        if suffix in (".jsonl", ".ndjson"):
            with path.open("rb") as fh:
                return sum(1 for line in fh if line.strip())
    except Exception:  # the count is only for the progress bar; reading reports the real problem
        return None
    return None  # CSV rows may span lines: counting them costs a parse


def row_article(where: str, record: dict) -> Article:
    """An ``Article`` from a corpus record (``id`` names it; else the file and row)."""
    name = record.get("id")
    name = where.rsplit("/", 1)[-1] if name in (None, "") else clean_line(str(name))
    meta = {}
    for key in META_FIELDS:
        value = record.get(key)
        if isinstance(value, (dt.date, dt.datetime)):
            value = value.date().isoformat() if isinstance(value, dt.datetime) else value.isoformat()
        if value not in (None, ""):
            meta[key] = value if isinstance(value, (str, int, float)) else str(value)
    text = record["text"].replace("\r\n", "\n").replace("\r", "\n")
    return make_article(name, text, meta)


class Inputs:
    """Articles from files, folders and corpora, streamed; ``errors`` fills as they are read."""

    def __init__(self, paths: list[Path]) -> None:
        self.paths = [Path(p) for p in paths]
        self.errors: list[str] = []
        found = find_article_files([p for p in self.paths if not is_corpus(p)])
        self.files = found.files  # (path, article name)
        self.errors += found.errors  # unreadable folders
        self._found_errors = list(found.errors)
        self.skipped = found.skipped  # files that are not articles
        self.corpora = [p for p in self.paths if is_corpus(p)]

    def total(self) -> int | None:
        """How many articles (rows) there will be, or None when a CSV makes it unknown."""
        counts = [count_rows(p) for p in self.corpora]
        return None if None in counts else len(self.files) + sum(counts)  # type: ignore[arg-type]

    def __iter__(self) -> Iterator[Article]:
        return self.articles()

    def articles(self, skip: Sequence[str] = ()) -> Iterator[Article]:
        """Every article in input order; with ``skip``, the leading corpus rows whose ``row_digest`` are
        ``skip`` (in that order) are passed over unread, and ``InputChanged`` is raised, before any
        article is yielded, when they are not all there."""
        self.errors[:] = self._found_errors  # reading again reports again
        passed = 0

        def leading(digest: str) -> bool:  # one more of the rows to pass over
            nonlocal passed
            if passed < len(skip) and digest == skip[passed]:
                passed += 1
                return True
            return False

        def check() -> None:
            if passed < len(skip):
                msg = f"row {passed + 1} to pass over is not the one read before"
                raise InputChanged(msg)

        for path, name in self.files:
            check()
            try:
                yield read_article(path, name)
            except InputError as exc:
                self.errors.append(str(exc))
        for path in self.corpora:
            try:
                for where, digest, record, problem in _digested_rows(path, leading):
                    problem = problem or check_record_id(record.get("id"))
                    if problem:
                        self.errors.append(f"{where}: {problem}")
                    else:
                        check()
                        article = row_article(where, record)
                        article.raw = digest
                        yield article
            except InputError as exc:
                self.errors.append(str(exc))
        check()


def _digested_rows(path: Path, leading: Callable[[str], bool]) -> Iterator[tuple[str, str, dict, str | None]]:
    """The rows of a corpus as ``(where, row_digest, record, problem)``, without those ``leading`` passes over.

    A JSONL line is digested as read and decoded only when it is not passed over; a CSV or Parquet
    row is digested from its record (parsed, but not made into an article)."""
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        with path.open("rb") as fh:
            for number, raw in enumerate(fh, start=1):
                where = f"{path}:{number}"
                digest = row_digest(where, raw)
                if leading(digest):
                    continue
                record, problem = jsonl_record(raw, number)
                if record is not None or problem is not None:
                    yield where, digest, record or {}, problem
        return
    for where, record, problem in iter_rows(path):
        digest = row_digest(where, _record_bytes(record or {}))
        if problem is None and leading(digest):
            continue
        yield where, digest, record or {}, problem


def _main() -> None:  # pragma: no cover - a quick look at a corpus: python -m pipeline.scale.corpus FILE
    inputs = Inputs([Path(p) for p in sys.argv[1:]])
    for n, article in enumerate(inputs, 1):
        if n <= 3:
            print(article.name, article.published, article.title[:60])
    print(f"{inputs.total()} rows, {len(inputs.errors)} errors")


if __name__ == "__main__":  # pragma: no cover
    _main()
