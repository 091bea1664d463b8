"""Main text and metadata of a news page, with trafilatura.

``extract_html`` turns one HTML page into an ``Extracted``: the article text
(headline first, then one paragraph per block, separated by a blank line, as
the plain-text articles are), and its title, publication date, outlet, canonical
URL and language. Navigation, related-links boxes, cookie banners, newsletter
boxes and comments are left out by trafilatura; a few short boilerplate lines
it keeps ("Read more", "Sign up for our newsletter") are dropped here.

The date comes from the page's metadata only (``article:published_time``,
JSON-LD ``datePublished``, ``<time>``, the URL), through htmldate, without its
extensive search of the running text: a date is never guessed from a sentence.

A page whose extraction is empty is not an article: ``NotAnArticleError``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import trafilatura
from lxml import html as lxml_html

from pipeline.errors import InputError

# htmldate options: metadata and markup only; "original" = publication, not last-modified
_DATE_PARAMS: dict[str, Any] = {"extensive_search": False, "original_date": True, "outputformat": "%Y-%m-%d"}

# Short lines trafilatura sometimes keeps from a page's furniture. Only lines of at most
# this many words are tested, so a sentence of the story that happens to start with
# "Read" is never dropped.
_BOILERPLATE_MAX_WORDS = 12
_BOILERPLATE = re.compile(
    r"^\W*(read (more|also|next)|related( (coverage|stories|articles|content|news))?|see also|more on this"
    r"|(sign up|subscribe)\b|newsletter|advertisement|sponsored|share (this|on)|follow us|cookies?\b"
    r"|we use cookies|accept( all)?( cookies)?$|click here|watch:|listen:|most (read|popular)|top stories"
    r"|recommended|trending|image:|photo:|©|copyright)",
    re.IGNORECASE,
)

# A page whose main text has no line of this many words is a menu or an index, not an article.
_MIN_SENTENCE_WORDS = 5

# Language guessing when the page declares none (or declares one its text contradicts).
_ENGLISH_WORDS = frozenset(
    "the of and to in a is was for on that with by as at from said has have were are it its after".split()
)
_ENGLISH_SHARE = 0.12  # share of English function words above which Latin-script text is English
_MIN_WORDS_TO_OVERRULE = 50  # a declaration is overruled only by this many words of text
_UKRAINIAN_LETTERS = frozenset("іїєґІЇЄҐ")
_RUSSIAN_LETTERS = frozenset("ыэъёЫЭЪЁ")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_LATIN = re.compile(r"[A-Za-z]")
_LANG_CODE = re.compile(r"^[a-z]{2,3}")

NOT_ENGLISH_NOTE = "not English: kept, but skipped by the English event extractor"


class NotAnArticleError(InputError):
    """The page has no main text: a home page, an index, an error page, a media page."""


@dataclass(frozen=True)
class Extracted:
    """What a news page says about itself: text and metadata."""

    text: str
    title: str
    date: str | None
    outlet: str | None
    url: str | None
    language: str | None
    description: str | None = None

    def meta(self) -> dict[str, Any]:
        """The sidecar fields of this page (``.meta.json``), without empty values."""
        meta: dict[str, Any] = {"date": self.date, "title": self.title, "url": self.url, "outlet": self.outlet,
                                "language": self.language, "description": self.description}
        if self.language and not is_english(self.language):
            meta["note"] = NOT_ENGLISH_NOTE
        return {k: v for k, v in meta.items() if v}


def extract_html(markup: str | bytes, *, url: str | None = None, name: str | None = None) -> Extracted:
    """
    Extract the article of one HTML page.

    Parameters
    ----------
    markup
        The page, as text or raw bytes (the encoding is then detected).
    url
        Where the page was fetched from; used when the page names no canonical URL
        and for the outlet's host name.
    name
        How to name the page in an error message (a file name); default: no name.

    Returns
    -------
    extracted
        Text (headline, blank line, paragraphs) and metadata.

    Raises
    ------
    NotAnArticleError
        When no main text is found.
    """
    prefix = f"{name}: " if name else ""
    try:
        document = trafilatura.bare_extraction(
            markup, url=url, with_metadata=True, favor_precision=True, include_comments=False, include_tables=False,
            include_images=False, include_links=False, date_extraction_params=_DATE_PARAMS,
        )
    except (ValueError, TypeError, RecursionError) as exc:  # lxml chokes on some markup
        msg = f"{prefix}not an article (the HTML could not be parsed: {exc})"
        raise NotAnArticleError(msg) from None
    body = _paragraphs(getattr(document, "text", None) or "") if document is not None else []
    if not any(len(line.split()) >= _MIN_SENTENCE_WORDS for line in body):
        msg = f"{prefix}not an article (no main text found)"
        raise NotAnArticleError(msg)
    title = _clean(document.title or "")
    if title and body[0].strip().lower() == title.lower():
        body = body[1:]
    text = "\n\n".join(([title] if title else []) + body)
    declared = _declared_language(markup)
    return Extracted(
        text=text,
        title=title,
        date=document.date or None,
        outlet=_clean(document.sitename or "") or document.hostname or None,
        url=document.url or url,
        language=detect_language(text, declared=declared),
        description=_clean(document.description or "") or None,
    )


def is_english(language: str | None) -> bool:
    """True for an English (or unknown) language code: the event extractor reads it."""
    return not language or language.lower().startswith("en")


def detect_language(text: str, *, declared: str | None = None) -> str | None:
    """
    ISO 639-1 code of ``text``: the page's declaration unless the text contradicts it.

    Cyrillic text is ``uk`` or ``ru`` by its letters; Latin text with many English
    function words is ``en``. Returns the declared code (or None) when unsure.
    """
    letters = _CYRILLIC.findall(text[:20_000])
    latin = len(_LATIN.findall(text[:20_000]))
    if len(letters) > latin:
        sample = set("".join(letters))
        if sample & _UKRAINIAN_LETTERS and not sample & _RUSSIAN_LETTERS:
            return "uk"
        if sample & _RUSSIAN_LETTERS and not sample & _UKRAINIAN_LETTERS:
            return "ru"
        return declared if declared in ("uk", "ru", "be", "bg") else "uk"
    words = re.findall(r"[a-z]+", text[:20_000].lower())
    english = bool(words) and sum(w in _ENGLISH_WORDS for w in words) / len(words) >= _ENGLISH_SHARE
    if english:
        return "en"
    if declared == "en" and len(words) >= _MIN_WORDS_TO_OVERRULE and \
            sum(w in _ENGLISH_WORDS for w in words) / len(words) < _ENGLISH_SHARE / 3:
        return None  # declared English, reads as something else: unknown
    return declared


def _declared_language(markup: str | bytes) -> str | None:
    """The language a page declares: ``<html lang>``, ``content-language``, ``og:locale``."""
    try:
        head = markup[:200_000]
        tree = lxml_html.fromstring(head)
    except (ValueError, TypeError, lxml_html.etree.ParserError):
        return None
    candidates = tree.xpath("/html/@lang | //meta[@http-equiv='content-language' or @http-equiv='Content-Language']"
                            "/@content | //meta[@property='og:locale']/@content")
    for value in candidates:
        match = _LANG_CODE.match(str(value).strip().lower())
        if match:
            return match.group(0)
    return None


def _paragraphs(text: str) -> list[str]:
    out: list[str] = []
    for line in text.splitlines():
        line = _clean(line)
        if not line:
            continue
        if len(line.split()) <= _BOILERPLATE_MAX_WORDS and _BOILERPLATE.match(line):
            continue
        out.append(line)
    return out


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()
