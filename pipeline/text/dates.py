"""Dates of articles and of the events they report, never invented.

An article's date comes from a sidecar ``ARTICLE.meta.json`` (``date``), else from a
``date YYYY-MM-DD`` header line, else from a dateline such as ``(September 29, 2022)``, else from a
day in figures in the headline ("... 17.05.23"). A wire dateline opening the story a few days before
the page's date ("CITY, May 17 (Agency) -" on a reprint of May 18) is the article's day. A dateline
without a year gives no date. Inside a sentence, "on Friday", "On Friday, ..." and the wire style
"said Friday" are resolved against the article date (backwards for past tense, forwards for "will"),
"last week" and "at the weekend" give ACLED time precision 2, "in 2014" gives nothing but a note;
"since June", "until Friday" bound a span and date nothing; "on Palm Sunday" / "at Easter" is the last such feast day
(Orthodox computus) not after the article.

Days are the page's calendar days, with no time zones: "overnight", "last night" and "this morning" are the day
they are said on (the night that ends that morning: a morning report's "last night" is the night just ended), as is a
daily summary's "over the past day" / "in the last 24 hours" (the day the period ends, the one its report states);
"the day before", "a day earlier" and "the night before" are the day before (counted from the day the sentence before
states when a sentence opens on them and that day is not the page's: ``day_before``), and "the following day" the day
after the day the sentence before states (none when it states none). A wire dateline the day after the page's date ("July 6 (Reuters) -" on a
page stamped July 5 in a time zone behind the wire's) is the story's day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache

from pipeline.text.validate import check_date, check_iso_date, plausible_date

MONTHS = {m: i + 1 for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"])}
MONTH_ABBR = {m[:3]: n for m, n in MONTHS.items()} | {"sept": 9}
# the month names as a pattern alternation, capitalised ("January|...|December"), for every dated phrase of the
# text and events layers (their numbers: ``MONTHS``)
MONTH_NAMES = "|".join(m.capitalize() for m in MONTHS)
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

_HEADER = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\b", re.IGNORECASE)
_MONTH_RE = r"(" + MONTH_NAMES + r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
_DATELINE = re.compile(r"\(\s*" + _MONTH_RE + r"\s+(\d{1,2})(?:,?\s+(\d{4}))?\s*\)")
# a weekday, with or without its preposition: "on Friday", "On Friday, ..." (the preposition in any case), and the
# wire style without one ("the mayor said Friday", "earlier Friday"); "since Friday", "until Friday" and "by Friday"
# bound a span or a deadline and date nothing (``_SPAN_WEEKDAY``)
_WEEKDAY = re.compile(r"\b(?:((?i:on|last|this|next|into))\s+)?(" + "|".join(w.title() for w in WEEKDAYS) +
                      r")\b(?!['’]s)")
_SPAN_WEEKDAY = re.compile(r"\b(?:since|until|till|by)\s+$", re.IGNORECASE)
# a weekday without a preposition inside a name: "the Sunday Times", "Good Friday", "Bloody Sunday"
_NAME_AFTER = re.compile(r"\s+[A-Z]")
_NAME_BEFORE = re.compile(r"\b(?!(?:The|This|That|A|An|Last|Its|Their|His|Her)\s)[A-Z][a-z]+\s+$")  # (not a sentence's
# capitalised determiner: "The Tuesday evening attack" is dated by its weekday)
# a night across two weekdays ("the night of Tuesday to Wednesday", "overnight from Monday into Tuesday"): the later
# day, as for a night across two calendar days (``_MONTH_DAY_RANGE``); the first weekday dates nothing
_NIGHT_BEFORE = re.compile(r"\bnight\s+(?:of|from)\s+(?:the\s+)?$|\bovernight\s+(?:from\s+)?$", re.IGNORECASE)
_NIGHT_BEFORE_CHARS = 24  # how far before the first weekday its "night of" may stand
_WEEKDAY_TO = re.compile(r"\s*(?:[-–]|\s(?:to|into)\s+)(?:" + "|".join(w.title() for w in WEEKDAYS) + r")\b")
# a time of day before a weekday is no name ("Late Tuesday, drones hit ...", "Early Monday"): it dates as "on Tuesday"
_TIME_OF_DAY_BEFORE = re.compile(r"\b(?:late|early|earlier|later)\s+$", re.IGNORECASE)
_MONTH_DAY = re.compile(r"\b(?:on\s+)?" + _MONTH_RE + r"\s+(\d{1,2})(?:,?\s+(\d{4}))?\b")
_RELATIVE = re.compile(r"\b(last week|this week|at the weekend|over the weekend|last weekend|this weekend|"
                       r"yesterday|today|earlier this month|last month|(?:two|three|four|five|six|[2-6]) days ago)\b",
                       re.IGNORECASE)
_DAYS_AGO = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
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
            return _filed(text, day) or EventDate(day.isoformat(), 1, "sidecar meta.json")
    header = _HEADER.match(text[:100])
    if header:
        day = check_iso_date(header.group(1), field="date line")
        if day is not None:
            return _filed(text, day) or EventDate(day.isoformat(), 1, "date header")
    for m in _DATELINE.finditer(text):
        if m.group(3):
            day = _explicit(m.group(3), m.group(1), m.group(2), field="dateline")
            if day is not None:
                return EventDate(day.isoformat(), 1, "dateline")
    return _headline_date(text)


# a wire dateline opening the story: "CITY, May 17 (Agency) -", "CITY, Oct. 3, (Agency) –"
# "July 6 (Reuters) -" (no city: the agency's name in brackets then)
_WIRE_DATELINE = re.compile(r"^[ \t]*(?:[A-Z][A-Za-z .'’-]{1,30},\s+" + _MONTH_RE + r"\s+(\d{1,2}),?\s*(?:\(|[-–—]|\.\s*/)|"
                            + _MONTH_RE + r"\s+(\d{1,2})\s*\([A-Z][^()\n]{0,40}\)\s*[-–—])", re.MULTILINE)
# a dateline opening a sentence, its place in one or two parts ("KYIV, Sept 4 (Reuters) -", "KHARKIV, Ukraine, Sept 4
# (AP) —", "Sept 4 (Reuters) -"): its day is the filing's
_DATELINE_DAY = re.compile(r"[ \t]*(?:[A-Z][A-Za-z .'’-]{1,30},\s+(?:[A-Z][A-Za-z .'’-]{1,30},\s+)?)?" + _MONTH_RE +
                           r"\s+\d{1,2}(?:,\s*\d{4})?\s*(?:\([^()\n]{1,40}\)\s*)?[-–—]")
WIRE_DATELINE_CHARS = 600  # a dateline opens the story: looked for in its first lines only
WIRE_LAG_DAYS = 3  # a reprint is dated up to this many days after the story was filed; a dateline further back
# (or later) is not this page's filing day
WIRE_AHEAD_DAYS = 1  # a dateline may name the day after the page's date: a page stamped in a time zone behind the
# wire's (an American evening is the next day in Ukraine); further ahead it is no filing day of this page
# a date in figures in the headline, day first: "17.05.23", "17.05.2023"
_NUMERIC_DATE = re.compile(r"(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?![\d.])")
HEADLINE_CHARS = 200  # the headline: the page's first line, within this many characters


def _filed(text: str, page: date) -> EventDate | None:
    """The day a wire story was filed, when its dateline ("CITY, May 17 (Agency) -", "May 17 (Agency) -") names a day
    shortly before the page's date (a reprint) or the day after it (``WIRE_AHEAD_DAYS``: a page stamped in a time zone
    behind the wire's): the day its "on Sunday" and its undated news count from. None otherwise."""
    m = _WIRE_DATELINE.search(text, 0, WIRE_DATELINE_CHARS)
    if m is None:
        return None
    month, day_of_month = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
    try:
        day = date(page.year, _month(month), int(day_of_month))
    except (ValueError, KeyError):
        return None
    if (day.month, page.month) == (12, 1):
        day = day.replace(year=page.year - 1)
    elif (day.month, page.month) == (1, 12):
        day = day.replace(year=page.year + 1)
    lag = (page - day).days
    return EventDate(day.isoformat(), 1, "wire dateline") if lag and -WIRE_AHEAD_DAYS <= lag <= WIRE_LAG_DAYS else None


def _headline_date(text: str) -> EventDate:
    """A page with no date line whose headline states a day in figures ("Fire at X, 17.05.23"): that day, the
    one its news is of (day first, as written outside North America). UNDATED otherwise."""
    first = text.lstrip()[:HEADLINE_CHARS].split("\n", 1)[0]
    m = _NUMERIC_DATE.search(first)
    if m is None:
        return UNDATED
    year = int(m.group(3)) + (2000 if len(m.group(3)) == 2 else 0)
    try:
        day = check_date(date(year, int(m.group(2)), int(m.group(1))), field="headline date")
    except ValueError:
        return UNDATED
    return EventDate(day.isoformat(), 1, "headline date") if day is not None else UNDATED


# a night across two days ("the night of 22-23 November", "of 22 to 23 November", "of November 22 to 23"): the later
_DAYS_TO = r"(?:[-–]|\s+(?:to|into)\s+)"
_DAY_MONTH = re.compile(r"\b(\d{1,2})(?:" + _DAYS_TO + r"(\d{1,2}))?\s+" + _MONTH_RE + r"(?:,?\s+(\d{4}))?\b")
_MONTH_DAY_RANGE = re.compile(r"\b" + _MONTH_RE + r"\s+(\d{1,2})" + _DAYS_TO + r"(\d{1,2})\b")
# a feast day counted from Easter ("on Palm Sunday", "on Easter Sunday"): the last one not after the article, by the
# Orthodox computus most churches of the war's two countries keep (``_easter``)
_FEAST = re.compile(r"\b(Palm Sunday|Easter(?: Sunday| Day)?)\b")
_FEAST_DAYS = {"palm sunday": -7, "easter": 0, "easter sunday": 0, "easter day": 0}  # days from Easter
_WEEKDAY_BARE = re.compile(r"\b(" + "|".join(w.title() for w in WEEKDAYS) + r")['’]s\b")  # "Friday's strike"
_PREVIOUS_DAY = re.compile(r"\b(the previous day|the day before|a day (?:earlier|before)|last night|overnight|earlier (?:in the day|today)|"
                           r"this morning|on the night of|the night before|(?:over|in|during) the (?:past|last) "
                           r"(?:day|24 hours))\b", re.IGNORECASE)
# the day before the one they are said on; "last night", like "overnight", is the night that ends on the day said (a
# morning report's night just ended: the development sets' gold dates it so three times in four); a daily summary's "over the past day" / "in the last 24 hours" is a period ending on the day it is
# stated, dated by that day (the day its report gives), like "overnight"
_DAY_BEFORE = ("the previous day", "the day before", "the night before", "a day earlier", "a day before")
# a date right after a speech verb dates the statement, not the event ("said on Thursday")
_SPEECH_BEFORE = re.compile(r"\b(said|says|told|tells|reported|reports|announced|stated|confirmed|wrote|added|noted|"
                            r"released|published|posted|address|interview|briefing|statement|according to)\b[^.;,]{0,40}$",
                            re.IGNORECASE)
_SPEECH_REACH = 50  # characters before a date searched for a speech verb (``_SPEECH_BEFORE``)
# the time a count is stated at ("As of Tuesday morning, 18 were killed in the strike on Monday", "as of the evening of
# June 24"): the report's time, as a speech verb's day is, not the day of what it reports
_AS_OF_BEFORE = re.compile(r"\bas of\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE)


# "since June", "until June" bound a span and date nothing ("power cuts since late April")
_IN_MONTH = re.compile(r"\b(?:in|during|early|late)\s+(?:early\s+|late\s+|mid-)?"
                       r"(January|February|March|April|June|July|August|September|October|November|December)\b"
                       r"(?:,?\s+((?:19|20)\d{2})\b)?(?!\s*\d)")
# a month and year naming an incident ("an April 2022 strike", "the March 2023 attack")
_MONTH_YEAR_NOUN = re.compile(r"\b(?:an?|the|that|this)\s+(?:early\s+|late\s+|mid-)?(" + MONTH_NAMES +
                              r")\s+((?:19|20)\d{2})\b")
_ABBREVIATED_MONTH_END = re.compile(r"\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.\s*$")
_DAY_START = re.compile(r"\d{1,2}\b")


_WHEN_AFTER = re.compile(r"\s*,\s*when\b", re.IGNORECASE)
_SINCE_BEFORE = re.compile(r"\bsince\s+$", re.IGNORECASE)
# the start of a span told as a clause ("since the invasion began on 24 February", "since the start of the war in
# February"): the day the span opens, not the day of what is reported
_SINCE_CLAUSE_BEFORE = re.compile(r"\bsince\s+(?:the\s+)?(?:[^.;:!?,()]{0,60}?\b(?:began|started|begun|broke\s+out|"
                                  r"erupted)|(?:start|beginning|outbreak|onset)\s+of\s+[^.;:!?,()]{0,50}?)\s+"
                                  r"(?:(?:on|in)\s+(?:the\s+)?(?:(?:night|morning|evening)\s+of\s+)?)?$", re.IGNORECASE)
_SINCE_CLAUSE_CHARS = 90  # how far before a date its "since" clause may open
# "between the morning of May 27 and the morning of May 28", "between Friday and Sunday": a period a tally covers,
# whose days date nothing (as "since June"); the phrase up to the end of its second day
_BETWEEN = re.compile(r"\bbetween\b[^.;:!?]{0,50}?\band\b[^.;:!?,]{0,40}", re.IGNORECASE)


# the day after one stated before it: "the following day", "the next morning", "a day later"
_FOLLOWING_DAY = re.compile(r"\b(?:the\s+(?:following|next)\s+(?:day|morning|night|evening)|a\s+day\s+later)\b",
                            re.IGNORECASE)
# a statement's verb: "The next day, the General Staff confirmed that it had struck the depot" dates the confirmation
_STATEMENT = re.compile(r"\b(?:said|says|told|reported|reports|announced|stated|confirmed|claimed|wrote|according to)\b",
                        re.IGNORECASE)


# the day stated before it, told again: "the same evening", "later that day", "that same night"
_SAME_DAY = re.compile(r"\b(?:the\s+same\s+(?:day|morning|afternoon|evening|night)|(?:later|earlier)\s+that\s+(?:day|"
                       r"morning|afternoon|evening|night)|that\s+same\s+(?:day|morning|afternoon|evening|night))\b",
                       re.IGNORECASE)


_STATED_AFTER = re.compile(r"\s*,?\s*(?:the\s+)?(?:[\w-]+\s+){0,4}?(?:said|says|told|reported|reports|announced|"
                           r"stated|confirmed|claimed|wrote)\b", re.IGNORECASE)


def same_day(stated: EventDate | None, sentence: str) -> EventDate | None:
    """The day ``sentence`` dates by the day a sentence before it stated ("A shell hit A on Sunday. ... A drone struck a
    car the same evening"): ``stated`` itself, at day precision. None when the sentence says no "the same day", dates a
    statement by it ("later that day, the army confirmed ..."), or ``stated`` is no day."""
    m = _SAME_DAY.search(sentence) if stated is not None and stated.precision == 1 and stated.date else None
    if m is None or _STATED_AFTER.match(sentence, m.end()):
        return None  # (a statement told right after it: "later that day, the army confirmed ...": the statement's)
    return EventDate(stated.date, 1, m.group(0))


def day_after(stated: EventDate | None, sentence: str, published: EventDate) -> EventDate | None:
    """The day ``sentence`` dates by the day after the one a sentence before it stated ("An attack hit A on 5 December.
    ... setting a tank on fire the following day"): ``stated`` plus one, at day precision. None when the sentence
    says no "the following day", tells a statement (its day dates what was said, not what happened: "the next day,
    the army confirmed it had struck the depot"), ``stated`` is no day, or the day after it lies after the page's date."""
    if stated is None or stated.precision != 1 or not _FOLLOWING_DAY.search(sentence) or _STATEMENT.search(sentence):
        return None
    day, page = parse_iso(stated.date), parse_iso(published.date)
    if day is None:
        return None
    after = day + timedelta(days=1)
    if page is not None and after > page:
        return None
    return EventDate(after.isoformat(), 1, "the following day")


# a sentence opening on the day before the one told ("The day before, the X region came under fire"): counted from the
# day the sentence before states, as "the following day" is
_OPENING_DAY_BEFORE = re.compile(r"^\W*(?:the\s+(?:day|night)\s+before|the\s+previous\s+(?:day|night)|"
                                 r"a\s+day\s+(?:earlier|before))\b", re.IGNORECASE)


def day_before(stated: EventDate | None, sentence: str, published: EventDate) -> EventDate | None:
    """The day ``sentence`` dates by the day before the one a sentence before it stated ("Rockets hit A on Thursday. The
    day before, the X region came under fire": Wednesday): ``stated`` minus one, at day precision. None when the
    sentence does not open on such words (``_OPENING_DAY_BEFORE``), tells a statement, or ``stated`` is no day or the
    page's own (then the day before is counted from the page, as ``explicit_date`` does)."""
    if stated is None or stated.precision != 1 or not _OPENING_DAY_BEFORE.search(sentence) or \
            _STATEMENT.search(sentence):
        return None
    day, page = parse_iso(stated.date), parse_iso(published.date)
    if day is None or day == page:
        return None
    return EventDate((day - timedelta(days=1)).isoformat(), 1, "the day before")


def cut_in_date(text: str, cut: int) -> bool:
    """Whether a sentence cut at ``cut`` falls inside a date ("On Sept. | 15, ..."): the abbreviation's full
    stop ends no sentence."""
    return bool(_DAY_START.match(text, cut) and _ABBREVIATED_MONTH_END.search(text, max(0, cut - 8), cut))


def sentence_date(sentence: str, published: EventDate) -> EventDate:
    """When the event of ``sentence`` happened, resolved against the article's date.

    A sentence that names no date takes the article's date with week precision (2).
    """
    found = explicit_date(sentence, published, skip_speech=False)
    if found is not None:
        return found
    if parse_iso(published.date) is not None:
        return EventDate(published.date, 2, "article date")
    return UNDATED


def explicit_date(sentence: str, published: EventDate, *, skip_speech: bool = True) -> EventDate | None:
    """The date a sentence states for what it reports, or None when it states none.

    With ``skip_speech``, a date that dates a statement ("officials said on Thursday") is passed
    over. "In 2014" before the article's year gives an undated ``EventDate`` with a note.
    """
    return read_dates(sentence).resolve(published, skip_speech=skip_speech)


# a sentence without any of these states no date: each date expression above holds one (a month's first three
# letters, a weekday's or "today"'s "day", "week", "month", "night", "morning", a year)
_DATE_WORD = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|(?:19|20)\d\d|Easter|"
                        r"(?i:day|week|month|night|morning|hour)")
_MONTH_WORD = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")  # in every month expression
_ON_BEFORE = re.compile(r"\b(?:on|of)\s+$")  # "on 14 May", "the evening of 14 May": a day, not "may"
_READINGS_KEPT = 4096  # sentences whose reading is kept: an article's sentences are read two or three times


@dataclass(frozen=True)
class _Expression:
    """A date expression found in a sentence, not yet resolved against an article's date."""

    start: int
    kind: str  # "calendar", "in_month", "weekday" ("on Friday"), "weekday_bare" ("Friday's"), "relative", "previous",
    # "feast" ("on Palm Sunday")
    text: str  # as written (the resolved date's note)
    parts: tuple[str | None, ...]  # calendar: (month, day, year); in_month: (month, year); weekday: (name,)
    after_speech: bool  # right after a speech verb ("said on Thursday"): it dates the statement
    reported: bool = False  # opening what a statement reports ("reported that the day before ..."): the event's day


@dataclass(frozen=True)
class DateReading:
    """The date expressions of one sentence, found once; ``resolve`` dates them against an article's date.

    Finding them is the regular-expression work; resolving is arithmetic, so one reading serves every
    date it is resolved against (``explicit_date`` and the date basis of an event, which re-reads it against
    moved dates).
    """

    expressions: tuple[_Expression, ...] = ()
    year: str | None = None  # the first "in 2014" / "since 2014" / "of 2014"
    has_day: bool = False  # a month and day are written ("March 29", "29 March")
    future: bool = False  # "will", "plans to": a weekday lies ahead

    def resolve(self, published: EventDate, *, skip_speech: bool = True, stand_in: bool = True) -> EventDate | None:
        """The date the sentence states for what it reports against ``published`` (``explicit_date``); without
        ``stand_in``, never the day of a statement ("officials said on Thursday") standing in for it."""
        if not self.expressions and self.year is None:
            return None
        base = parse_iso(published.date)
        if self.year is not None and (base is None or int(self.year) < base.year) and not self.has_day:
            return EventDate(None, None, f"in {self.year}")
        future = self.future
        candidates: list[tuple[int, EventDate]] = []
        statements: list[tuple[int, EventDate]] = []  # dates of what was said ("said on Thursday")
        nights: list[_Expression] = []  # "overnight", "the previous day": counted from the day it was said
        for expr in self.expressions:
            if skip_speech and expr.kind == "relative" and expr.parts[0].lower() == "today":
                continue  # the day of the report ("crews today sifted the rubble"), not of what it reports
            if expr.kind == "previous":
                nights.append(expr)
                continue
            value = _resolved(expr, base, future)
            if value is None:
                continue
            (statements if skip_speech and expr.after_speech else candidates).append((expr.start, value))
        told = next((e.start for e in nights if e.reported), None)
        if told is not None and candidates and all(start < told for start, _v in candidates):
            # "On Monday, the governor reported that the day before a missile hit X": the named day is the
            # statement's, and the day before is counted from it
            statements, candidates = statements + candidates, []
        said = [v for _s, v in statements if v.precision == 1 and parse_iso(v.date) is not None]
        if nights and not candidates:  # a named day outranks "overnight" ("overnight on Saturday": Saturday)
            night_base = parse_iso(said[0].date) if said and not future else base
            candidates = [(e.start, v) for e in nights if (v := _resolved(e, night_base, future)) is not None]
            statements = []
        if not candidates and not future and stand_in:
            candidates = statements  # what it reports happened by the day it was said: closer than the article's date
        if not candidates:
            return None
        found = min(candidates, key=lambda c: c[0])[1]
        if found.date is not None and parse_iso(found.date) is None:
            return EventDate(None, None, found.note)  # an implausible date (a typo, "last month" of 1900) dates nothing
        return found


_NO_DATES = DateReading()
_THAT_BEFORE = re.compile(r"\bthat,?\s+(?:on\s+|in\s+)?$", re.IGNORECASE)


def names_a_day(sentence: str) -> bool:
    """Whether ``sentence`` names a day for what it reports (a calendar day, a weekday, "Saturday's", "yesterday"),
    not a statement's: a day told, though an undated page may leave it unresolved."""
    return any(e.kind == "weekday_bare" or  # ("said that Saturday's strike": the possessive names the strike's day)
               e.kind in ("calendar", "weekday", "feast", "relative", "previous") and not e.after_speech
               for e in read_dates(sentence).expressions)


def statement_day_only(sentence: str, published: EventDate) -> bool:
    """Whether the only day ``sentence`` states is the day of a statement ("the governor reported on 9 January" that
    13 were killed): the day by which what it reports had happened, a bound that a day stated for the incident itself
    ("yesterday evening, bombs struck") replaces."""
    reading = read_dates(sentence)
    return reading.resolve(published) is not None and reading.resolve(published, stand_in=False) is None


@lru_cache(maxsize=_READINGS_KEPT)
def read_dates(sentence: str) -> DateReading:
    """Every date expression of ``sentence``, in the order ``explicit_date`` weighs them (kept for the sentence's
    next reading)."""
    if not _DATE_WORD.search(sentence):
        return _NO_DATES
    year = _YEAR.search(sentence)
    found: list[_Expression] = []
    spans = [m.span() for m in _BETWEEN.finditer(sentence)] if "etween" in sentence else []
    dateline = _DATELINE_DAY.match(sentence)  # "KYIV, Sept 4 (Reuters) -": the day the story was filed
    filed_end = dateline.end() if dateline is not None else -1

    def add(m: re.Match, kind: str, *parts: str | None) -> None:
        pos = m.start()
        if (_SINCE_BEFORE.search(sentence, max(0, pos - 12), pos) or
                _SINCE_CLAUSE_BEFORE.search(sentence, max(0, pos - _SINCE_CLAUSE_CHARS), pos)) and \
                not _WHEN_AFTER.match(sentence, m.end()):
            return  # "the first attack since June 26": the start of a span, not the day of what is reported
            # (but "since July 27, when it announced the recapture of X": the day of what the "when" clause tells)
        if any(a < pos < b for a, b in spans):
            return  # "between May 27 and May 28": a period, not a day (``_BETWEEN``)
        if pos < filed_end:
            return  # a wire dateline's day: the filing's (the page's, ``_filed``), not the day of what is reported
        speech = bool(_SPEECH_BEFORE.search(sentence[max(0, pos - _SPEECH_REACH):pos]) or
                      _AS_OF_BEFORE.search(sentence, max(0, pos - _SPEECH_REACH), pos))
        found.append(_Expression(pos, kind, m.group(0), parts, speech,
                                 speech and bool(_THAT_BEFORE.search(sentence, max(0, pos - 12), pos))))

    has_day = False
    # each kind of expression is looked for only where its word is (a month, a weekday's "day"; what the
    # IGNORECASE ones need, lower-cased: none of their letters folds otherwise)
    months = bool(_MONTH_WORD.search(sentence))
    low = sentence.lower()
    for m in _MONTH_DAY_RANGE.finditer(sentence) if months else ():  # "the night of July 22-23": the later day
        add(m, "calendar", m.group(1), m.group(3), None)
    for m in _MONTH_DAY.finditer(sentence) if months else ():
        has_day = True
        add(m, "calendar", m.group(1), m.group(2), m.group(3))
    for m in _DAY_MONTH.finditer(sentence) if months else ():
        has_day = True
        if m.group(3).lower() == "may" and not m.group(4) and not _ON_BEFORE.search(sentence[:m.start()]):
            continue
        add(m, "calendar", m.group(3), m.group(2) or m.group(1), m.group(4))
    for m in _IN_MONTH.finditer(sentence) if months else ():
        add(m, "in_month", m.group(1), m.group(2))
    for m in _MONTH_YEAR_NOUN.finditer(sentence) if months else ():
        add(m, "in_month", m.group(1), m.group(2))
    for m in _WEEKDAY.finditer(sentence) if "day" in sentence else ():
        if _SPAN_WEEKDAY.search(sentence, max(0, m.start() - 8), m.start()):
            continue
        if _WEEKDAY_TO.match(sentence, m.end()) and \
                _NIGHT_BEFORE.search(sentence, max(0, m.start() - _NIGHT_BEFORE_CHARS), m.start()):
            continue  # "the night of Tuesday to Wednesday": Wednesday's, the day the night ends
        if m.group(1) is None and (_NAME_AFTER.match(sentence, m.end()) or
                                   _NAME_BEFORE.search(sentence, max(0, m.start() - 20), m.start())) and \
                not _TIME_OF_DAY_BEFORE.search(sentence, max(0, m.start() - 10), m.start()):
            continue
        add(m, "weekday", m.group(2))
    for m in _FEAST.finditer(sentence) if "Easter" in sentence or "Palm" in sentence else ():
        add(m, "feast", m.group(1))
    for m in _WEEKDAY_BARE.finditer(sentence) if "day" in sentence else ():
        add(m, "weekday_bare", m.group(1))
    for m in _RELATIVE.finditer(sentence) if ("day" in low or "week" in low or "month" in low) else ():
        add(m, "relative", m.group(1))
    for m in _PREVIOUS_DAY.finditer(sentence) if ("day" in low or "ght" in low or "morn" in low or "hour" in low) else ():
        if m.group(1).lower() != "on the night of":
            add(m, "previous", m.group(1))
    future = bool(found) and bool(_FUTURE.search(sentence))  # it only weighs the expressions found
    found = _after_the_statement(found)
    return DateReading(tuple(found), year.group(1) if year else None, has_day, future)


def _after_the_statement(found: list[_Expression]) -> list[_Expression]:
    """A day named after the day of a statement dates what was said, not the statement ("said Friday that a missile
    hit the depot on Monday": Monday): only the first of the days after one speech verb is the statement's."""
    said = [e for e in found if e.after_speech]
    if len(said) < 2:
        return found
    return [replace(e, after_speech=False) if e.after_speech and any(
        p.after_speech and p.start + len(p.text) <= e.start <= p.start + _SPEECH_REACH for p in said) else e
        for e in found]


def _resolved(expr: _Expression, base: date | None, future: bool) -> EventDate | None:
    """The date ``expr`` names against the article's date ``base`` (None: the article has no date)."""
    if expr.kind == "calendar":
        month, day, year = expr.parts
        return _calendar(month, day, year, base, future, expr.text)
    if base is None:
        return None  # every other expression counts from the article's date
    if expr.kind == "in_month":  # "in November": that month, the last one not after the article
        month = _month(expr.parts[0])
        year = int(expr.parts[1]) if expr.parts[1] else base.year if month <= base.month or future else base.year - 1
        return EventDate(date(year, month, 1).isoformat(), 3, expr.text)
    if expr.kind in ("weekday", "weekday_bare"):
        target = WEEKDAYS.index(expr.parts[0].lower())
        if future and expr.kind == "weekday":
            day = base + timedelta(days=(target - base.weekday()) % 7)
        else:
            day = base - timedelta(days=(base.weekday() - target) % 7)
        return EventDate(day.isoformat(), 1, expr.text)
    if expr.kind == "relative":
        return _relative(expr.parts[0].lower(), base)
    if expr.kind == "feast":
        shift = timedelta(days=_FEAST_DAYS[expr.parts[0].lower()])
        day = _easter(base.year) + shift
        if day > base and not future:
            day = _easter(base.year - 1) + shift
        return EventDate(day.isoformat(), 1, expr.text)
    word = expr.parts[0].lower()  # "previous"
    if word in _DAY_BEFORE:
        return EventDate((base - timedelta(days=1)).isoformat(), 1, word)
    return EventDate(base.isoformat(), 1, word)


def _calendar(month: str, day: str, year: str | None, base: date | None, future: bool, note: str) -> EventDate | None:
    try:
        if year:
            return EventDate(date(int(year), _month(month), int(day)).isoformat(), 1, note)
        if base is None:
            return None
        guess = date(base.year, _month(month), int(day))
        if guess > base + timedelta(days=31) and not future:
            guess = guess.replace(year=base.year - 1)
        elif guess > base and not future:
            return None  # a past event is never dated after the article that reports it
        return EventDate(guess.isoformat(), 1, note)
    except (ValueError, KeyError):
        return None


def _easter(year: int) -> date:
    """Orthodox Easter Sunday of ``year`` in the Gregorian calendar (Meeus's Julian computus, 13 days on from 1900 to
    2099)."""
    a, b, c = year % 4, year % 7, year % 19
    d = (19 * c + 15) % 30
    e = (2 * a + 4 * b - d + 34) % 7
    month, day = divmod(d + e + 114, 31)
    return date(year, month, day + 1) + timedelta(days=13)


def _relative(word: str, base: date) -> EventDate:
    if word == "yesterday":
        return EventDate((base - timedelta(days=1)).isoformat(), 1, word)
    if word == "today":
        return EventDate(base.isoformat(), 1, word)
    if word.endswith(" days ago"):  # "two days ago": counted back from the day it is told
        count = word.split()[0]
        days = int(count) if count.isdigit() else _DAYS_AGO[count]
        return EventDate((base - timedelta(days=days)).isoformat(), 1, word)
    if "weekend" in word:
        saturday = base - timedelta(days=(base.weekday() - 5) % 7)
        return EventDate(saturday.isoformat(), 2, word)
    if word == "last week":
        return EventDate((base - timedelta(days=7)).isoformat(), 2, word)
    if word == "earlier this month":
        return EventDate(base.replace(day=1).isoformat(), 3, word)
    if word == "last month":
        return EventDate((base.replace(day=1) - timedelta(days=1)).replace(day=1).isoformat(), 3, word)
    return EventDate(base.isoformat(), 2, word)
