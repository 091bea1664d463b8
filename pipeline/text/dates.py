"""Dates of articles and of the events they report, never invented.

An article's date comes from a sidecar ``ARTICLE.meta.json`` (``date``), else from a
``date YYYY-MM-DD`` header line, else from a dateline such as ``(September 29, 2022)``.
A dateline without a year gives no date. Inside a sentence, "on Friday" is resolved against
the article date (backwards for past tense, forwards for "will"), "last week" and "at the
weekend" give ACLED time precision 2, "in 2014" gives nothing but a note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from pipeline.text.validate import check_date, check_iso_date, plausible_date

MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"])}
MONTH_ABBR = {m[:3]: n for m, n in MONTHS.items()} | {"sept": 9}
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_HEADER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b", re.IGNORECASE)
_MONTH_RE = r"(January|February|March|April|May|June|July|August|September|October|November|December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
_DATELINE = re.compile(r"\(\s*" + _MONTH_RE + r"\s+(\d{1,2})(?:,?\s+(\d{4}))?\s*\)")
_WEEKDAY = re.compile(r"\b(?:on|last|this|next|since|by|until)\s+(" + "|".join(w.title() for w in WEEKDAYS) + r")\b")
_MONTH_DAY = re.compile(r"\b(?:on\s+)?" + _MONTH_RE + r"\s+(\d{1,2})(?:,?\s+(\d{4}))?\b")
_RELATIVE = re.compile(r"\b(last week|this week|at the weekend|over the weekend|last weekend|this weekend|"
                       r"yesterday|today|earlier this month|last month)\b", re.IGNORECASE)
_FUTURE = re.compile(r"\b(will|is to|are to|plans? to|set to|is due to|is expected to|would)\b")
_YEAR = re.compile(r"\b(?:in|since|of)\s+((?:19|20)\d{2})\b")


@dataclass(frozen=True)
class EventDate:
    """A date with ACLED time precision (1 day, 2 week, 3 month), or none."""

    date: str | None
    precision: int | None
    note: str = ""


UNDATED = EventDate(None, None, "undated")


def _month(token: str) -> int:
    token = token.lower().rstrip(".")
    return MONTHS.get(token) or MONTH_ABBR[token[:4] if token.startswith("sept") else token[:3]]


def parse_iso(value: str | None) -> date | None:
    """``date`` from ``YYYY-MM-DD``, or None when absent, malformed or implausible (no report)."""
    if not value:
        return None
    try:
        day = date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
    return day if plausible_date(day) else None


def _explicit(year: str, month: str, day: str, *, field: str) -> date | None:
    """The date written out in a text, when it exists and is plausible (an implausible one is reported)."""
    try:
        written = date(int(year), _month(month), int(day))
    except ValueError:
        return None
    return check_date(written, field=field)


def article_date(text: str, meta: dict | None = None) -> EventDate:
    """The date of an article: sidecar, then header line, then a dateline with a year.

    A date outside the plausible years (:mod:`pipeline.text.validate`) is rejected and reported,
    and the next source is tried.
    """
    if meta and meta.get("date"):
        day = check_iso_date(meta["date"], field="sidecar date")
        if day is not None:
            return EventDate(day.isoformat(), 1, "sidecar meta.json")
    header = _HEADER.match(text[:100])
    if header:
        day = check_iso_date(header.group(1), field="date line")
        if day is not None:
            return EventDate(day.isoformat(), 1, "date header")
    for m in _DATELINE.finditer(text):
        if m.group(3):
            day = _explicit(m.group(3), m.group(1), m.group(2), field="dateline")
            if day is not None:
                return EventDate(day.isoformat(), 1, "dateline")
    return UNDATED


def sentence_date(sentence: str, published: EventDate) -> EventDate:
    """When the event of ``sentence`` happened, resolved against the article's date (never implausible)."""
    when = _sentence_date(sentence, published)
    if when.date is not None and parse_iso(when.date) is None:
        return EventDate(None, None, when.note)  # e.g. "last month" from an article of January 1900
    return when


def _sentence_date(sentence: str, published: EventDate) -> EventDate:
    base = parse_iso(published.date)
    year = _YEAR.search(sentence)
    if year and (base is None or int(year.group(1)) < base.year):
        return EventDate(None, None, f"in {year.group(1)}")
    future = bool(_FUTURE.search(sentence))
    md = _MONTH_DAY.search(sentence)
    if md and (md.group(1).lower() != "may" or md.group(0).lower().startswith("on")):
        try:
            if md.group(3):
                day = _explicit(md.group(3), md.group(1), md.group(2), field="date")
                # an implausible written date (a typo, a historical reference) dates nothing
                return EventDate(day.isoformat(), 1, md.group(0)) if day else EventDate(None, None, md.group(0))
            if base is not None:
                guess = date(base.year, _month(md.group(1)), int(md.group(2)))
                if guess > base + timedelta(days=31) and not future:
                    guess = guess.replace(year=base.year - 1)
                return EventDate(guess.isoformat(), 1, md.group(0))
        except ValueError:
            pass
    wd = _WEEKDAY.search(sentence)
    if wd and base is not None:
        target = WEEKDAYS.index(wd.group(1).lower())
        delta = (target - base.weekday()) % 7
        day = base + timedelta(days=delta) if future else base - timedelta(days=(base.weekday() - target) % 7)
        return EventDate(day.isoformat(), 1, wd.group(0))
    rel = _RELATIVE.search(sentence)
    if rel and base is not None:
        word = rel.group(1).lower()
        if word == "yesterday":
            return EventDate((base - timedelta(days=1)).isoformat(), 1, word)
        if word == "today":
            return EventDate(base.isoformat(), 1, word)
        if "weekend" in word:
            saturday = base - timedelta(days=(base.weekday() - 5) % 7)
            return EventDate(saturday.isoformat(), 2, word)
        if word in ("last week",):
            return EventDate((base - timedelta(days=7)).isoformat(), 2, word)
        if word in ("earlier this month", "last month"):
            return EventDate(base.replace(day=1).isoformat() if word != "last month" else
                             (base.replace(day=1) - timedelta(days=1)).replace(day=1).isoformat(), 3, word)
        return EventDate(base.isoformat(), 2, word)
    if base is not None:
        return EventDate(base.isoformat(), 2 if not future else 2, "article date")
    return UNDATED
