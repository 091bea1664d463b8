"""Read articles from files or uploads: text, title, date and optional sidecar metadata."""

from __future__ import annotations

import html
import math
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import InputError
from pipeline.text.dates import EventDate, article_date
from pipeline.text.validate import Rejection, clean_line, clean_text, collect_rejections, decode_text, loads_json

ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".html", ".htm")
MAX_ARTICLE_BYTES = 50_000_000


@dataclass
class Article:
    """One article as read: ``text`` is what offsets index into."""

    name: str
    text: str
    title: str
    published: EventDate
    meta: dict
    rejections: tuple[Rejection, ...] = ()  # values the validation layer refused (an implausible date)
    group: str | None = None  # syndication group (pipeline.ingest.syndication); None: its own report
    raw: str | None = field(default=None, compare=False, repr=False)  # digest of the corpus row read (scale.corpus)


def decode_article(name: str, data: bytes) -> str:
    """Article text from raw bytes (UTF-8, or UTF-16/32 with a BOM; HTML reduced to its main text)."""
    return decode_article_with_meta(name, data)[0]


def decode_article_with_meta(name: str, data: bytes) -> tuple[str, dict]:
    """Article text and the metadata an HTML page carries (title, date, outlet, url, language).

    An HTML page goes through ``pipeline.ingest.extract`` (trafilatura): its main text only,
    without menus, related links, cookie banners or newsletter boxes; a page with no main
    text raises ``InputError`` ("not an article"). Plain text has no metadata. The text is
    normalised by :func:`pipeline.text.validate.clean_text`: one kind of line break, no NUL or
    control characters. ``InputError`` names the file when it is too big, binary or in an
    unsupported encoding.
    """
    if len(data) > MAX_ARTICLE_BYTES:
        msg = f"{name}: file is {len(data) / 1e6:.0f} MB, more than the {MAX_ARTICLE_BYTES / 1e6:.0f} MB limit"
        raise InputError(msg)
    text = decode_text(name, data)
    meta: dict = {}
    if name.lower().endswith((".html", ".htm")) or re.match(r"\s*(<!doctype html|<html)", text[:200], re.I):
        from pipeline.ingest.extract import extract_html  # trafilatura is imported only for HTML

        page = extract_html(text, name=name)
        text, meta = clean_text(page.text), page.meta()
    return text, meta


def read_meta(path: Path) -> dict:
    """The optional sidecar ``ARTICLE.meta.json`` (date, title, url, outlet)."""
    sidecar = path.with_name(path.name + ".meta.json")
    if not sidecar.exists():
        sidecar = path.with_suffix(".meta.json")
    if not sidecar.exists():
        return {}
    try:
        meta = loads_json(sidecar.read_text(encoding="utf-8"))
    except OSError as exc:
        msg = f"{sidecar}: cannot read ({exc.strerror})"
        raise InputError(msg) from None
    except (UnicodeDecodeError, ValueError) as exc:
        msg = f"{sidecar}: not valid JSON ({clean_line(str(exc))})"
        raise InputError(msg) from None
    if not isinstance(meta, dict):
        msg = f"{sidecar}: expected a JSON object with date, title, url, outlet"
        raise InputError(msg)
    return meta


def make_article(name: str, text: str, meta: dict | None = None) -> Article:
    """An ``Article`` from text already decoded (pasted or uploaded text is normalised here too)."""
    text = clean_text(text)
    meta = _clean_meta(meta or {})
    with collect_rejections() as rejected:
        published = article_date(text, meta)
    return Article(name=name, text=text, title=clean_line(str(meta.get("title") or _title(text))),
                   published=published, meta=meta, rejections=tuple(rejected))


def read_article(path: Path, name: str | None = None) -> Article:
    """Read one article file with its sidecar metadata; ``name`` defaults to the file name."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        msg = f"{path}: cannot read ({exc.strerror})"
        raise InputError(msg) from None
    text, page_meta = decode_article_with_meta(str(path), data)
    return make_article(name or path.name, text, {**page_meta, **read_meta(path)})  # the sidecar wins


def _clean_meta(meta: dict) -> dict:
    """Sidecar values as one-line strings, numbers and booleans (nested values dropped)."""
    clean: dict = {}
    for key, value in meta.items():
        if isinstance(value, str):
            clean[clean_line(str(key))] = clean_line(value)
        elif value is None or isinstance(value, (bool, int)) or (isinstance(value, float) and math.isfinite(value)):
            clean[clean_line(str(key))] = value
    return clean


def _title(text: str) -> str:
    for line in text.splitlines():
        line = line.strip()
        if line and not re.match(r"date\s+\d{4}-\d{2}-\d{2}$", line, re.I):
            return html.unescape(line[:120]) + ("…" if len(line) > 120 else "")
    return ""


@dataclass
class ArticleFiles:
    """The article files found under some paths, with what was left out and why."""

    files: list[tuple[Path, str]] = field(default_factory=list)  # (path, article name), sorted by name
    errors: list[str] = field(default_factory=list)  # folders that could not be read
    skipped: list[str] = field(default_factory=list)  # files that are not articles


def find_article_files(paths: list[Path]) -> ArticleFiles:
    """Article files under ``paths`` (files, or folders walked with their subfolders).

    An article's name is its path relative to the folder given (``sub/x.txt``), or the file name
    of a file given directly; two files that would share a name keep their full paths instead.
    Hidden files and folders and sidecars (``*.meta.json``) are left out silently; any other file
    that is not an article is listed in ``skipped``, an unreadable folder in ``errors``.
    """
    found = ArticleFiles()
    pairs: list[tuple[Path, str]] = []
    for root in paths:
        root = Path(root)
        if not root.is_dir():
            pairs.append((root, root.name))
            continue

        def unreadable(exc: OSError) -> None:
            found.errors.append(f"{exc.filename}: cannot read folder ({exc.strerror}); skipped")

        for folder, subfolders, names in os.walk(root, onerror=unreadable):
            subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
            for file_name in sorted(names):
                path = Path(folder) / file_name
                if file_name.startswith(".") or file_name.endswith(".meta.json"):
                    continue
                if path.suffix.lower() not in ARTICLE_SUFFIXES:
                    found.skipped.append(f"{path}: skipped, not an article file ({', '.join(ARTICLE_SUFFIXES)})")
                    continue
                pairs.append((path, path.relative_to(root).as_posix()))
    pairs = list(dict.fromkeys(pairs))
    names = Counter(name for _, name in pairs)
    found.files = sorted(((p, str(p) if names[n] > 1 else n) for p, n in pairs), key=lambda pn: (pn[1], str(pn[0])))
    return found
