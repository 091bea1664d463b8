"""The per-article store: SQLite in the output folder, keyed by content hash and pipeline version.

Why SQLite: it ships with Python (no new dependency), every write is a transaction (a crash
mid-build leaves whole rows of the batches already committed and nothing half-written; the next
build resumes from them), WAL mode lets the dashboard read while a build writes, and a key look-up
is an index probe, so a rebuild of 10,000 articles with 10 new ones reads 9,990 rows and
geoparses 10. DuckDB/Parquet would suit column scans but not many small transactional upserts.

A store whose file is not a SQLite database, or whose ``application_id`` / schema is not ours,
is reported in one line and rebuilt from scratch; it is never trusted. Rows written by another
pipeline version (see ``pipeline_version``) are dropped when the store is opened.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import BinaryIO
from functools import lru_cache
from pathlib import Path

from pipeline.text.articles import Article

STORE_NAME = "article_store.sqlite"
FOLD_NAME = "article_store.fold"  # the last build's fold: a cache, rebuilt when missing, damaged or stale
HEAP_NAME = "article_store.heap"  # the fold's records (pipeline.scale.heap)
STORE_FILES = (STORE_NAME, FOLD_NAME, HEAP_NAME)  # WAL side files exist only while a build holds the store open
APPLICATION_ID = 0x434D4150  # "CMAP" in the SQLite header: tells our store from any other database
SCHEMA_VERSION = 1
_ROOT = Path(__file__).resolve().parents[2]
_LOOKUP_CHUNK = 500  # keys per SELECT ... IN (...), below SQLite's bound-parameter limit
Notice = Callable[[str], None]


def _stderr(message: str) -> None:
    print(f"conflictmap: {message}", file=sys.stderr, flush=True)


def result_settings() -> dict[str, object]:
    """The settings a per-article result depends on, as they are now.

    The geoparser ranks places by ``focus_country``; ``war_theatre`` keeps or drops events and reads
    person names; with ``online_geocoder`` on, a name the gazetteer lacks is placed by the online
    provider, so which provider and which server answered shape the result too. Settings that only
    change how long a look-up may take (time-out, retries, rate) are left out: they change no answer
    that a server gives.
    """
    from pipeline import settings

    chosen: dict[str, object] = {
        "focus_country": settings.focus_country,
        "war_theatre": list(settings.war_theatre) if settings.war_theatre is not None else None,
        "online_geocoder": bool(settings.online_geocoder),
    }
    if settings.online_geocoder:
        chosen["online_provider"] = settings.online_provider.strip().lower()
        chosen["nominatim"] = f"{settings.nominatim_scheme}://{settings.nominatim_domain}"
    return chosen


@lru_cache(maxsize=1)
def _code_digest() -> bytes:
    """Digest of every pipeline source file and the bundled geodata (read once per process)."""
    from pipeline.scale.codec import CODEC_VERSION

    digest = hashlib.sha256(f"codec{CODEC_VERSION}".encode())
    files = sorted((_ROOT / "pipeline").rglob("*.py")) + sorted(
        p for p in (_ROOT / "geodata").iterdir() if p.is_file() and p.suffix in (".parquet", ".csv", ".json"))
    for path in files:
        digest.update(path.relative_to(_ROOT).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.digest()


def pipeline_version() -> str:
    """Digest of every pipeline source file, the bundled geodata and the result-shaping settings.

    The settings (``result_settings``) are read on every call, so a store opened after one of them
    changed drops the rows made under the old value.
    """
    digest = hashlib.sha256(_code_digest())
    digest.update(json.dumps(result_settings(), sort_keys=True).encode())
    return digest.hexdigest()[:24]


def article_key(article: Article) -> str:
    """Content hash of everything a per-article result depends on: name, text and metadata."""
    basis = json.dumps([article.name, article.text, article.meta], ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(basis.encode("utf-8")).hexdigest()


class ArticleStore:
    """Per-article results (compressed JSON) of one pipeline version, in one SQLite file."""

    def __init__(self, path: Path | str, *, version: str | None = None, notice: Notice = _stderr) -> None:
        self.path = Path(path)
        self.version = version or pipeline_version()
        self.notice = notice
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db = self._open()

    # -- opening, checking, rebuilding ------------------------------------------------------
    def _open(self) -> sqlite3.Connection:
        existed = self.path.exists()
        if existed and not self.path.is_file():  # never removed: it may hold what someone keeps there
            msg = f"{self.path} is not a file"
            raise IsADirectoryError(msg)
        problem, db = None, None
        if existed:
            try:
                db = self._connect()
                problem = self._check(db)
                if problem is None:
                    return self._ready(db)
            except sqlite3.DatabaseError as exc:
                problem = f"is corrupt ({exc})"
            if db is not None:
                db.close()
            self.notice(f"article store {self.path} {problem}; rebuilding it (every article is processed again)")
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            self.path.with_name(FOLD_NAME).unlink(missing_ok=True)
            self.path.with_name(HEAP_NAME).unlink(missing_ok=True)
        db = self._connect()
        db.executescript(f"""
            PRAGMA application_id = {APPLICATION_ID};
            PRAGMA user_version = {SCHEMA_VERSION};
            CREATE TABLE IF NOT EXISTS results (
                key TEXT PRIMARY KEY,      -- article_key(): sha256 of name, text, metadata
                version TEXT NOT NULL,     -- pipeline_version() that produced the row
                name TEXT NOT NULL,        -- the article's id, for people reading the store
                payload BLOB NOT NULL      -- codec.pack(places, events): zlib of JSON
            ) WITHOUT ROWID;
        """)
        return self._ready(db)

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)  # explicit BEGIN/COMMIT below
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: a crash loses at most the last commit, never corrupts
        return db

    @staticmethod
    def _check(db: sqlite3.Connection) -> str | None:
        app = db.execute("PRAGMA application_id").fetchone()[0]
        if app != APPLICATION_ID:
            return "is not a conflictmap article store"
        if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            return "has another schema version"
        check = db.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            return f"is corrupt ({check})"
        return None

    def _ready(self, db: sqlite3.Connection) -> sqlite3.Connection:
        stale = db.execute("SELECT count(*) FROM results WHERE version != ?", (self.version,)).fetchone()[0]
        if stale:
            db.execute("DELETE FROM results WHERE version != ?", (self.version,))
        return db

    # -- reading and writing ----------------------------------------------------------------
    def get_many(self, keys: Sequence[str]) -> dict[str, bytes]:
        """Stored payloads (``codec.pack`` bytes) of those ``keys`` that are present."""
        found: dict[str, bytes] = {}
        for offset in range(0, len(keys), _LOOKUP_CHUNK):
            chunk = list(dict.fromkeys(keys[offset:offset + _LOOKUP_CHUNK]))
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(f"SELECT key, payload FROM results WHERE version = ? AND key IN ({marks})",
                                   (self.version, *chunk))
            found.update(rows)
        return found

    def put_many(self, rows: Iterable[tuple[str, str, bytes]]) -> None:
        """Store (key, name, payload) rows in one transaction: all of them or none."""
        packed = [(key, self.version, name, payload) for key, name, payload in rows]
        if not packed:
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            self.db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?, ?)", packed)
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    @property
    def fold_path(self) -> Path:
        """Where the fold of the last build written beside this store is kept (``pipeline.scale.fold``)."""
        return self.path.with_name(FOLD_NAME)

    def get_fold(self) -> bytes | None:
        """The kept fold of the last build, or None (its version is checked by whoever reads it)."""
        try:
            return self.fold_path.read_bytes()
        except OSError:
            return None

    def put_fold(self, state: bytes | Callable[[BinaryIO], None]) -> None:
        """Keep the fold of the build just written (the file is replaced whole, or not at all); ``state``:
        its bytes, or a function writing them to a binary file."""
        from pipeline.output.writer import atomic_file

        with atomic_file(self.fold_path, "wb") as handle:
            if callable(state):
                state(handle)
            else:
                handle.write(state)

    def __len__(self) -> int:
        return self.db.execute("SELECT count(*) FROM results").fetchone()[0]

    def close(self) -> None:
        """Checkpoint the WAL into the main file and close."""
        try:
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            self.db.close()

    def __enter__(self) -> ArticleStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
