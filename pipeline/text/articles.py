"""Read articles from files or uploads: text, title, date and optional sidecar metadata."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from pipeline.text.dates import EventDate, article_date
from pipeline.errors import InputError

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
MAX_ARTICLE_BYTES = 50_000_000


@dataclass
class Article:
    """One article as read: ``text`` is what offsets index into."""

    name: str
    text: str
    title: str
    published: EventDate
    meta: dict


class _TextExtractor(HTMLParser):
    _SKIP = {"script", "style", "noscript", "template", "head"}
    _BLOCK = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "header",
              "footer", "blockquote"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in self._SKIP and self._skipping:
            self._skipping -= 1
        elif tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self._skipping:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Visible text of an HTML page, one paragraph per block element."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t\r\f\v]+", " ", text)
    return re.sub(r"\n\s*\n\s*(\n\s*)*", "\n\n", text).strip()


def decode_article(name: str, data: bytes) -> str:
    """Article text from raw bytes; ``InputError`` naming the file when it is not UTF-8 text."""
    if len(data) > MAX_ARTICLE_BYTES:
        msg = f"{name}: file is {len(data) / 1e6:.0f} MB, more than the {MAX_ARTICLE_BYTES / 1e6:.0f} MB limit"
        raise InputError(msg)
    if b"\x00" in data[:4096]:
        msg = f"{name}: looks like a binary file, not a text article"
        raise InputError(msg)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        msg = f"{name}: not UTF-8 text (invalid byte at position {exc.start}); save it as UTF-8 and retry"
        raise InputError(msg) from None
    if name.lower().endswith((".html", ".htm")) or re.match(r"\s*(<!doctype html|<html)", text[:200], re.I):
        text = html_to_text(text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_meta(path: Path) -> dict:
    """The optional sidecar ``ARTICLE.meta.json`` (date, title, url, outlet)."""
    sidecar = path.with_name(path.name + ".meta.json")
    if not sidecar.exists():
        sidecar = path.with_suffix(".meta.json")
    if not sidecar.exists():
        return {}
    try:
        meta = json.loads(sidecar.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        msg = f"{sidecar}: not valid JSON ({exc})"
        raise InputError(msg) from None
    if not isinstance(meta, dict):
        msg = f"{sidecar}: expected a JSON object with date, title, url, outlet"
        raise InputError(msg)
    return meta


def make_article(name: str, text: str, meta: dict | None = None) -> Article:
    """An ``Article`` from text already decoded."""
    meta = meta or {}
    return Article(name=name, text=text, title=str(meta.get("title") or _title(text)), published=article_date(text, meta),
                   meta=meta)


def read_article(path: Path) -> Article:
    """Read one article file with its sidecar metadata."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        msg = f"{path}: cannot read ({exc.strerror})"
        raise InputError(msg) from None
    return make_article(path.name, decode_article(str(path), data), read_meta(path))


def _title(text: str) -> str:
    for line in text.splitlines():
        line = line.strip()
        if line and not re.match(r"date\s+\d{4}-\d{2}-\d{2}$", line, re.I):
            return html.unescape(line[:120]) + ("…" if len(line) > 120 else "")
    return ""


def find_article_files(paths: list[Path]) -> list[Path]:
    """Article files under ``paths`` (files or folders), sorted, sidecars excluded."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += [p for p in sorted(path.iterdir()) if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
                      and not p.name.endswith(".meta.json")]
        else:
            found.append(path)
    return sorted(dict.fromkeys(found), key=lambda p: (p.name, str(p)))
