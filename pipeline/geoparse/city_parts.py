"""Parts of a city named as such: "the neighbourhoods of A, B and C", "the X microdistrict", "a residential area in
X, Y".

A neighbourhood or microdistrict of a big city often bears the name of a town or village elsewhere (GeoNames lists
few city parts), and the ranking then places it at that namesake hundreds of kilometres away. The recogniser marks
the names the text calls parts of a city (``Mention.city_part``); resolve (``resolve._city_parts``) keeps a reading
inside the city, or places the name at the city itself with the precision of a town, never at a far namesake.

Two strengths: a neighbourhood or microdistrict word names a part of a city outright (``CITY_PART_ANY``: the city
may be the one the article is about); a residential area may be a whole town's ("shelling hit a residential area in
X"), so a name after it is a city part only beside the city it belongs to (``CITY_PART_BESIDE``: "... in X, Y").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.geoparse.recognise import Mention

CITY_PART_NONE = 0
CITY_PART_BESIDE = 1  # a part of the city named beside it ("a residential area in X, Y")
CITY_PART_ANY = 2  # a part of the city named beside it, or of the city the article is about

# the words that gate the search (a substring of the lower-case text; most texts have none)
_GATE_WORDS = ("neighbo", "microdistrict", "micro-district", "residential")
_PART_NOUN = r"neighbou?rhoods?|micro-?districts?"
_AREA_NOUN = r"residential[ \t]+(?:areas?|districts?|quarters?)"
# a noun, then "of" / "in" (and "the") right before the name: "the neighbourhoods of X", "a residential area in X";
# group 1 is set when the name is the part itself (a part noun, then "of" / "called"), not maybe the city around it
# (after the first few names of a list, which the gazetteer may lack: "the neighbourhoods of A, B and X")
_NOUN_BEFORE = re.compile(rf"\b(?i:(?:{_PART_NOUN})[ \t]+((?:of|called|named)[ \t]+)|(?:{_PART_NOUN}|{_AREA_NOUN})[ \t]+"
                          rf"(?:of|in|called|named)[ \t]+)(?i:the[ \t]+)?"
                          rf"(?:[A-Z][\w'’ʼ-]*(?:[ \t]+[A-Z][\w'’ʼ-]*)?(?:[ \t]*,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+)){{0,4}}\Z")
# a part noun right after the name ("the X neighbourhood", "the X microdistrict of Y")
_NOUN_AFTER = re.compile(rf"[ \t]+(?:{_PART_NOUN})\b", re.IGNORECASE)
# between two names of one list ("A, B and C", "A, B, and C")
_LIST_GAP = re.compile(r"[ \t]*,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+")
# between a part and the city after it ("X, Y", "the X neighbourhood of Y", "X in Y")
_CITY_AFTER = re.compile(rf"[ \t]*,[ \t]*|[ \t]+(?:(?:{_PART_NOUN})[ \t]+)?(?:of|in)[ \t]+(?:the[ \t]+)?(?:(?:city|town)[ \t]+of[ \t]+)?",
                         re.IGNORECASE)
# between the city and a part after it ("Y's X", "the Y neighbourhood of X", "in Y, in the X")
_CITY_BEFORE = re.compile(rf"(?:['’]s[ \t]+(?:[a-z-]+[ \t]+){{0,2}}|[ \t]+(?:{_PART_NOUN}|{_AREA_NOUN})[ \t]+(?:of|called|named)"
                          rf"[ \t]+(?:the[ \t]+)?)\Z", re.IGNORECASE)
_LOOK_BEHIND = 100  # characters before a name searched for the noun
# one of which every match of ``_NOUN_BEFORE`` holds once lowered (no "i" nor "s": re.IGNORECASE also reads "ı",
# "İ" and "ſ" as those): a window without is not searched
_NOUN_LITERALS = ("ghbo", "cro", "dent")


def _holds_any(low: str, literals: tuple[str, ...]) -> bool:
    """Whether one of ``literals`` occurs in ``low``."""
    for literal in literals:
        if literal in low:
            return True
    return False


def mark_city_parts(text: str, lower: str, mentions: list[Mention]) -> None:
    """Set ``Mention.city_part`` on the names the text calls parts of a city, and on the names listed after them;
    ``Mention.city_start`` where a city named beside such a name starts."""
    if not any(word in lower for word in _GATE_WORDS):
        return
    previous = None
    for i, m in enumerate(mentions):
        if m.kind not in ("name", "variant") or m.region:
            previous = None
            continue
        lo = max(0, m.start - _LOOK_BEHIND)
        window = text[lo:m.start].lower()
        before = _NOUN_BEFORE.search(text, lo, m.start) if _holds_any(window, _NOUN_LITERALS) else None
        if before is not None:
            m.city_part = CITY_PART_ANY if before.group(1) else CITY_PART_BESIDE
        elif _NOUN_AFTER.match(text, m.end):
            m.city_part = CITY_PART_ANY
        elif previous is not None and previous.city_part and previous.sentence == m.sentence and \
                (gap := _LIST_GAP.match(text, previous.end)) is not None and gap.end() == m.start:
            m.city_part = previous.city_part  # the next name of the list
        if m.city_part:
            m.city_start = _city_beside(text, mentions, i)
        previous = m


def _city_beside(text: str, mentions: list[Mention], i: int) -> int:
    """Where the name right after or right before mention ``i`` starts, when the words between them make it the
    city ``i`` is a part of; else -1."""
    m = mentions[i]
    if i + 1 < len(mentions):
        nxt = mentions[i + 1]
        gap = _CITY_AFTER.match(text, m.end)
        if gap is not None and gap.end() == nxt.start and nxt.sentence == m.sentence:
            return nxt.start
    if i > 0:
        prev = mentions[i - 1]
        if prev.sentence == m.sentence and m.start - prev.end <= _LOOK_BEHIND and \
                _CITY_BEFORE.match(text, prev.end, m.start) is not None:
            return prev.start
    return -1
