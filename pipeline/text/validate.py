"""The one gate where outside values enter: article bytes and text, dates, casualty figures, record ids.

Every check returns a clean value or rejects it. A rejection is a structured fact
(:class:`Rejection`: which field, the offending value, the bounds) rendered as one line; while a
:func:`collect_rejections` block is open, rejections are recorded there so the caller (the build)
can report them per article without the checks knowing who asked.

Plausible ranges (named once, here):

- event and article years: ``MIN_YEAR`` .. this year + ``MAX_YEARS_AHEAD``;
- casualty figures: 0 .. ``MAX_FIGURE``;
- JSON numbers in records: finite, integers of at most ``MAX_INT_DIGITS`` digits.

Text is normalised so that every later stage, every output file and every reader sees one kind
of line break (``\\n``) and no NUL or other invisible control characters.
"""

from __future__ import annotations

import codecs
import json
import math
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from pipeline.collector import Collector
from pipeline.errors import InputError

MIN_YEAR = 1900  # earliest plausible year of a reported event; typos such as 1022 are rejected
MAX_YEARS_AHEAD = 1  # latest plausible year is next year (an article dated early next January)
MAX_FIGURE = 10_000_000  # largest plausible killed / injured figure of one report
MAX_INT_DIGITS = 30  # longest integer accepted in a JSON record (ids); Python refuses > 4,300 digits
NUL_BINARY_SHARE = 0.01  # more NUL bytes than this share of the first 4 KB: a binary file, not text
MAX_SHOWN = 40  # characters of a rejected value quoted in its message

# every character ``str.splitlines`` breaks a line on, besides "\n" itself (and "\r\n")
LINE_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_LINE_BREAK = re.compile("\r\n|[" + LINE_BREAKS + "]")
# C0 controls other than tab and line breaks, and DEL: invisible, never part of an article
_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_UTF16_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
               (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


@dataclass(frozen=True)
class Rejection:
    """A value refused at the gate: what it was, and what was expected."""

    field: str  # "date", "figure", "id", ...
    value: str  # the offending value as written (shortened)
    expected: str  # the plausible range or form

    def message(self) -> str:
        """One line for people."""
        return f"{self.field} {self.value} ignored: expected {self.expected}"


_REJECTIONS: Collector[Rejection] = Collector("rejections")


def collect_rejections():
    """Record every rejection made inside the block (in this context) in the yielded list."""
    return _REJECTIONS.collecting()


def _reject(field: str, value: object, expected: str) -> None:
    shown = str(value)
    if len(shown) > MAX_SHOWN:
        shown = f"{shown[:MAX_SHOWN // 2]}…({len(shown)} characters)"
    _REJECTIONS.record(Rejection(field, clean_line(shown), expected))


# -- text ------------------------------------------------------------------------------------
def clean_text(text: str) -> str:
    """Article text as every stage expects it: "\\n" line breaks only, no NUL or control characters.

    ``\\r\\n``, ``\\r``, U+2028, U+2029, U+0085 (and the other characters ``str.splitlines`` breaks
    on) become ``\\n``; NUL and other C0 controls (tab and line breaks kept) are removed; lone
    surrogates become U+FFFD.
    """
    if _LINE_BREAK.search(text):
        text = _LINE_BREAK.sub("\n", text)
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    return text


def clean_text_keeping_offsets(text: str) -> str:
    """Text made safe to process and write while every character keeps its offset.

    For callers whose offsets must index into the text as given (``geoparse``): NUL and other
    control characters become spaces, lone surrogates U+FFFD; line breaks are left as they are
    (JSON-lines output escapes the ones line splitters trip on).
    """
    if _CONTROL.search(text):
        text = _CONTROL.sub(" ", text)
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    return text


def clean_line(value: str) -> str:
    """A value fit for a one-line message or field: no line breaks, no controls, valid Unicode."""
    return " ".join(clean_text(value).split("\n"))


def decode_text(name: str, data: bytes) -> str:
    """Text of a file's bytes: UTF-8 (BOM or not), or UTF-16/32 with a BOM; then ``clean_text``.

    Raises
    ------
    InputError
        One line naming ``name`` when the bytes are binary or not in a supported encoding.
    """
    for bom, encoding in _UTF16_BOMS:
        if data.startswith(bom):
            try:
                return clean_text(data[len(bom):].decode(encoding))
            except UnicodeDecodeError as exc:
                msg = f"{name}: starts with a {encoding.upper()} byte-order mark but is not {encoding.upper()} " \
                      f"(invalid data at byte {exc.start + len(bom)})"
                raise InputError(msg) from None
    head = data[:4096]
    nuls = head.count(0)
    if nuls > max(1, len(head) * NUL_BINARY_SHARE):
        if _looks_like_bomless_utf16(head):
            msg = f"{name}: looks like UTF-16 without a byte-order mark; save it as UTF-8 and retry"
        else:
            msg = f"{name}: looks like a binary file, not a text article"
        raise InputError(msg)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if nuls:
            msg = f"{name}: looks like a binary file, not a text article"
            raise InputError(msg) from None
        msg = f"{name}: not UTF-8 text (invalid byte at position {exc.start}); save it as UTF-8 and retry"
        raise InputError(msg) from None
    return clean_text(text)


def _looks_like_bomless_utf16(head: bytes) -> bool:
    even, odd = head[0::2], head[1::2]
    return max(even.count(0), odd.count(0)) > 0.4 * max(len(odd), 1)


# -- dates -----------------------------------------------------------------------------------
def year_range(today: date | None = None) -> tuple[int, int]:
    """The plausible years of an event or article: ``MIN_YEAR`` .. next year."""
    return MIN_YEAR, (today or date.today()).year + MAX_YEARS_AHEAD


def plausible_date(day: date) -> bool:
    """True when ``day`` lies in :func:`year_range`."""
    first, last = year_range()
    return first <= day.year <= last


def check_date(day: date, *, field: str = "date") -> date | None:
    """``day`` when plausible; otherwise None, and the rejection is recorded."""
    if plausible_date(day):
        return day
    first, last = year_range()
    _reject(field, day.isoformat(), f"a year from {first} to {last}")
    return None


def check_iso_date(value: object, *, field: str = "date") -> date | None:
    """A plausible ``date`` from ``YYYY-MM-DD`` (extra characters after the day ignored), else None.

    A malformed value or an implausible year is recorded as a rejection.
    """
    if value is None or value == "":
        return None
    try:
        day = date.fromisoformat(str(value)[:10])
    except ValueError:
        _reject(field, value, "YYYY-MM-DD")
        return None
    return check_date(day, field=field)


# -- figures ---------------------------------------------------------------------------------
def check_figure(digits: str, *, field: str = "figure") -> int | None:
    """The casualty figure written as decimal ``digits`` when 0..``MAX_FIGURE``; else None (recorded)."""
    digits = digits.replace(",", "").strip()
    if not digits.isdecimal():
        return None
    significant = digits.lstrip("0") or "0"
    if len(significant) > len(str(MAX_FIGURE)) or int(significant) > MAX_FIGURE:
        _reject(field, digits, f"at most {MAX_FIGURE:,}")
        return None
    return int(significant)


def plausible_figure(value: object) -> bool:
    """True for an int (not a bool) from 0 to ``MAX_FIGURE``."""
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_FIGURE


# -- JSON records ----------------------------------------------------------------------------
def _no_constant(name: str) -> Any:
    msg = f"{name} is not a JSON number"
    raise ValueError(msg)


def _bounded_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_INT_DIGITS:
        msg = f"an integer of {len(digits.lstrip('-'))} digits (at most {MAX_INT_DIGITS})"
        raise ValueError(msg)
    return int(digits)


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        msg = f"{text[:MAX_SHOWN]} is out of range for a JSON number"
        raise ValueError(msg)
    return value


def loads_json(text: str) -> Any:
    """``json.loads`` that refuses what is not portable JSON: NaN, Infinity, 1e400, 5,000-digit integers.

    Raises
    ------
    ValueError
        With a short reason (``json.JSONDecodeError`` for malformed JSON).
    """
    return json.loads(text, parse_constant=_no_constant, parse_int=_bounded_int, parse_float=_finite_float)


def check_record_id(value: object) -> str | None:
    """Why ``value`` cannot be a record id (None when it can: a string, a finite number or null)."""
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return None
    if isinstance(value, float):  # ``loads_json`` refuses non-finite numbers; a Parquet column may hold one
        return None if math.isfinite(value) else f"id {value} is not a finite number"
    if isinstance(value, str):
        if _SURROGATE.search(value):
            return "id is not valid Unicode (a lone surrogate escape)"
        return None
    return f"id must be a string or a number, not {type(value).__name__}"
