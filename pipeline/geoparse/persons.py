"""People and rivers read as places: the mentions whose context says they are no settlement.

Three cues, each weighed against how strong the place reading is (see ``PersonWeights``):

- **another spelling of a person's surname.** A surname the text gives away (after a title or a first
  name, see ``recognise._surnames``) is often spelt several ways in one article ("-sky", "-skyy",
  "-skiy"); every spelling with the same stem is that person.
- **a person cue beside a weak place reading.** A reporting verb after the word ("X said", "X added";
  not when a place cue stands before it too: "the lab in X confirmed"), or a noun of will or speech
  before it ("at the suggestion of X", "with the consent of X"), with a
  place reading that is weak: a spelling variant (a fuzzy match), a place outside the war theatre that
  is no country or capital, or a surname-shaped alternate name of a place whose own name adds a
  place ending (the surname "Petrov" for the town "Petrovo", "Petrovsky" for "Petrovskoye").
- **a fuzzy match abroad without a geographic cue.** A spelling variant whose every reading lies outside
  the war theatre needs a preposition of place before it, a place noun after it, or a place in a list or
  location string beside it ("A, X and B", "X, B").

A copyright line names an owner, not a place: "(c) 2022 X/Agency" drops X.

A river is no city: "the left bank of the X", "across the X." drop the mention of X (the city X
stays wherever the name is used without such a cue).

Pure functions over the text, the gazetteer's rows and the mentions; ``recognise.find_mentions``
calls ``without_person_readings`` once its name and variant matches are kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from pipeline import settings

if TYPE_CHECKING:
    from pipeline.geoparse.gazetteer import Gazetteer
    from pipeline.geoparse.recognise import Mention


@dataclass(frozen=True)
class PersonWeights:
    """Thresholds of the person and river readings."""

    # a place this populous keeps its reading beside a person cue or a person's spelling (recall of big cities
    # named like people, "Kingston said", vs surnames read as towns)
    keep_population: int = 1_000_000
    # a surname stem shorter than this says too little to join spellings ("Li", "Wu")
    min_stem_letters: int = 4


PERSON_WEIGHTS = PersonWeights()

# reporting verbs right after a name: "X said", "X, 55, said" is not caught (precision first)
REPORTING_VERBS = ("said", "says", "added", "told", "wrote", "noted", "stated", "announced", "confirmed", "warned",
                   "accused", "urged", "stressed", "emphasised", "emphasized", "explained", "insisted", "replied",
                   "tweeted", "dismissed", "vowed", "promised", "declared", "argued", "met", "thanked", "praised",
                   "visited", "ordered", "signed", "admitted", "denied")
_REPORTING_AFTER = re.compile(r"(?:['’]s?)?[ \t]+(?:has[ \t]+|had[ \t]+|also[ \t]+)?(?:" + "|".join(REPORTING_VERBS)
                              + r")\b")
# nouns of will or speech whose "of" names a person: "at the suggestion of X", "on the orders of X"
PERSON_OF_NOUNS = ("suggestion", "order", "orders", "request", "initiative", "behest", "instruction", "instructions",
                   "command", "consent", "approval", "permission", "invitation", "proposal", "words", "wife",
                   "husband", "son", "daughter", "spokesman", "spokeswoman", "spokesperson", "aide", "adviser",
                   "advisor", "deputy")
_PERSON_OF_BEFORE = re.compile(r"\b(?:" + "|".join(PERSON_OF_NOUNS) + r")[ \t]+of[ \t]+\Z", re.IGNORECASE)
# what places a word: a preposition of place before it, a place noun after it
PLACE_PREPOSITIONS = ("in", "near", "at", "from", "to", "outside", "around", "into", "towards", "toward", "across",
                      "through", "via", "between", "of", "on")
_PLACE_BEFORE = re.compile(r"\b(?:" + "|".join(PLACE_PREPOSITIONS) + r")[ \t]+(?:the[ \t]+)?\Z", re.IGNORECASE)
PLACE_NOUNS_AFTER = ("region", "oblast", "province", "krai", "kray", "city", "town", "village", "county", "district",
                     "area", "airport", "port")
_PLACE_AFTER = re.compile(r"['’]?[ \t]+(?:" + "|".join(PLACE_NOUNS_AFTER) + r")\b", re.IGNORECASE)
# a list or a location string: a capitalised item before ("A, X", "A and X") or after ("X, B")
_ITEM_BEFORE = re.compile(r"[A-Z][\w'’.-]*(?:,[ \t]*(?:and[ \t]+|or[ \t]+)?|[ \t]+(?:and|or)[ \t]+)\Z")
_ITEM_AFTER = re.compile(r",[ \t]+[A-Z]")
# a river named by its bank or crossing: "the left bank of the X", "across the X." (the city has no bank and takes
# no article; after "across the X" only a clause end or a preposition may follow, not a noun: "across the X region")
# the side a bank is told by ("the left bank of X"): with a side, X is a river even without an article
BANK_SIDES = ("left", "right", "east", "eastern", "west", "western", "north", "northern", "south", "southern",
              "opposite", "other")
_BANK_BEFORE = re.compile(r"\b(?:(?P<side>" + "|".join(BANK_SIDES) + r")\s+)?banks?\s+of\s+(?P<article>the\s+)?\Z",
                          re.IGNORECASE)
_CROSSING_BEFORE = re.compile(r"\b(?:across|along|crossed|crossing|cross|over|upstream|downstream)[ \t]+(?:on[ \t]+)?"
                              r"the[ \t]+\Z", re.IGNORECASE)
# a literal every match of ``_BANK_BEFORE``, and one of which every match of ``_CROSSING_BEFORE``, holds once
# lowered (no "i" nor "s": re.IGNORECASE also reads "ı", "İ" and "ſ" as those): a window without is not searched
_BANK_LITERAL = "bank"
_CROSSING_LITERALS = ("cro", "along", "over", "tream")
_CLAUSE_GOES_ON = re.compile(r"[ \t]*(?:[.,;:)\n]|\Z|(?:and|to|in|into|near|at|from|on|by|towards?|river)\b)")
# a copyright notice before a name: "(c) 2022 X", "© X", "Copyright 2022 X"
_COPYRIGHT_BEFORE = re.compile(r"(?:\([cC]\)|©|\b[cC]opyright)[ \t]*(?:\d{4}[ \t]*)?\Z")
_COPYRIGHT_WINDOW = 20  # characters before a name in which ``_COPYRIGHT_BEFORE`` is looked for
# the endings of Slavic surnames whose place namesakes add a vowel ("-in" / "-ino", "-ov" / "-ovo", "-sky" / "-skoye")
_SURNAME_SHAPE = re.compile(r"(?:in|yn|ov|ev|sky|skyy|skiy|skyi|ski)\Z")
# the spelling tail a stem drops: "Zelensky", "Zelenskyy", "Zelenskiy", "Zelenskyi" share "zelensk"
_SPELLING_TAIL = re.compile(r"[yij]*\Z")
_POSSESSIVE_ENDINGS = ("'", "’", "'s", "’s")  # a possessive's endings (``['’]s?\Z``), as ``str.endswith`` suffixes
_POSSESSIVE_S_ENDINGS = ("'s", "’s")
# the characters ``_REPORTING_AFTER`` can match first: where none follows a name, the pattern is not tried
_REPORTING_FIRST = frozenset("'’ \t")


def without_possessive(word: str) -> str:
    """``word`` without a possessive ending ("Kyiv's", "Times'", an apostrophe and at most an "s" at its end),
    with string methods (the geoparser's one reading of a possessive)."""
    if word.endswith(_POSSESSIVE_ENDINGS):
        return word[:-2] if word.endswith(_POSSESSIVE_S_ENDINGS) else word[:-1]
    return word


def surname_stem(word: str) -> str:
    """``word`` lower-cased without a possessive and its trailing "y"/"i"/"j" letters (see module docstring).

    What ``_SPELLING_TAIL.sub("", without_possessive(word.lower()))`` gives, with string methods (called for
    most name mentions of a text that names a person: regex calls cost more than the rest of the test)."""
    return without_possessive(word.lower()).rstrip("yij")


def person_stems(surnames: Iterable[str], w: PersonWeights = PERSON_WEIGHTS) -> frozenset[str]:
    """The stems of the surnames found in the text, long enough to join spellings."""
    return frozenset(s for s in map(surname_stem, surnames) if len(s) >= w.min_stem_letters)


@dataclass(frozen=True)
class PlaceReading:
    """What the rows a mention may refer to say about its place reading."""

    fuzzy: bool  # a spelling variant, not a name of the index
    best_population: int
    country_or_capital: bool
    unit: bool  # some row is an admin-1 unit or a named region (no river shares its reading)
    in_theatre: bool  # some row lies in a country of the war theatre
    surname_alias: bool  # surname-shaped text that is only an alternate name of places whose names hold its stem

    @property
    def weak(self) -> bool:
        """A reading a person cue outweighs."""
        if self.country_or_capital:
            return False
        return self.fuzzy or not self.in_theatre or self.surname_alias


def place_reading(gaz: Gazetteer, rows: tuple[int, ...], text: str, *, fuzzy: bool) -> PlaceReading:
    """The ``PlaceReading`` of a mention written ``text`` with candidate ``rows``."""
    return _place_reading(gaz, rows, text, fuzzy, tuple(settings.war_theatre or ()))


@lru_cache(maxsize=65536)
def _place_reading(gaz: Gazetteer, rows: tuple[int, ...], text: str, fuzzy: bool,
                   theatre: tuple[str, ...]) -> PlaceReading:
    """``place_reading``, once per (rows, spelling): the same names recur in every article."""
    cands = [gaz.candidate(r) for r in rows]
    low = text.lower()
    stem = surname_stem(low)
    alias = bool(_SURNAME_SHAPE.search(low)) and bool(cands) and all(
        c.name.lower() != low and stem in c.name.lower() for c in cands)
    return PlaceReading(
        fuzzy=fuzzy,
        best_population=max((c.population or 0 for c in cands), default=0),
        country_or_capital=any(c.feature_kind in ("country", "continent") or c.capital for c in cands),
        unit=any(c.feature_kind in ("admin1", "region") for c in cands),
        in_theatre=any(c.country_code in theatre for c in cands),
        surname_alias=alias,
    )


def person_cue(text: str, start: int, end: int) -> str | None:
    """The person cue beside ``text[start:end]``: "reporting_verb", "person_of" or None."""
    if _REPORTING_AFTER.match(text, end):
        return "reporting_verb"
    if _PERSON_OF_BEFORE.search(text, max(0, start - 40), start):
        return "person_of"
    return None


def geographic_cue(text: str, start: int, end: int) -> bool:
    """Whether a preposition of place stands before ``text[start:end]``, a place noun after it, or it is an item of
    a list or a location string of capitalised names."""
    before = max(0, start - 30)
    return bool(_PLACE_BEFORE.search(text, before, start) or _PLACE_AFTER.match(text, end)
                or _ITEM_BEFORE.search(text, before, start) or _ITEM_AFTER.match(text, end))


@dataclass(frozen=True)
class BankCue:
    """"bank(s) of" right before a name: whether a side ("the left bank of") and an article ("of the") are told."""

    side: bool
    article: bool


def bank_cue(text: str, start: int) -> BankCue | None:
    """The "bank of" cue in the 40 characters before ``text[start:]``, or None. The geoparser drops a name after
    "bank of the" (``river_cue``); the events layer locates no incident at a place after "the left bank of"."""
    before = text[max(0, start - 40):start]
    found = _BANK_BEFORE.search(before) if _BANK_LITERAL in before.lower() else None
    if found is None:
        return None
    return BankCue(side=found.group("side") is not None, article=found.group("article") is not None)


def _holds_any(low: str, literals: tuple[str, ...]) -> bool:
    """Whether one of ``literals`` occurs in ``low``."""
    for literal in literals:
        if literal in low:
            return True
    return False


def river_cue(text: str, start: int, end: int, *, unit: bool = False) -> bool:
    """Whether ``text[start:end]`` names a river: "the left bank of the X", or "across the X." when no admin-1
    unit or region has the name (a region is crossed too: "across the Donbas.")."""
    bank = bank_cue(text, start)
    if bank is not None and bank.article:
        return True
    if unit:
        return False
    before = text[max(0, start - 40):start]
    low = before.lower()
    return _holds_any(low, _CROSSING_LITERALS) and \
        bool(_CROSSING_BEFORE.search(before) and _CLAUSE_GOES_ON.match(text, end))


def _copyright_before(text: str, start: int) -> bool:
    """Whether ``_COPYRIGHT_BEFORE`` finds a match in the 20 characters before ``start``: searched only when the
    window holds one of the literals every match holds ("(c)", "(C)", "©", "opyright"), as few windows do."""
    lo = max(0, start - _COPYRIGHT_WINDOW)
    window = text[lo:start]
    if "©" not in window and "opyright" not in window and "(c)" not in window and "(C)" not in window:
        return False
    return bool(_COPYRIGHT_BEFORE.search(text, lo, start))


def drop_reason(gaz: Gazetteer, m: Mention, rows: tuple[int, ...], text: str, stems: frozenset[str],
                w: PersonWeights = PERSON_WEIGHTS) -> str | None:
    """Why mention ``m`` (candidate ``rows``) is no place here, or None: "person_spelling", "person_cue",
    "fuzzy_abroad", "copyright" or "river" (see the module docstring)."""
    if m.kind not in ("name", "variant") or m.location_line or " " in m.text:
        return None
    reading = place_reading(gaz, rows, m.text, fuzzy=m.kind == "variant")
    if reading.country_or_capital:
        return None
    if river_cue(text, m.start, m.end, unit=reading.unit):
        return "river"
    if _copyright_before(text, m.start):
        return "copyright"
    if reading.best_population >= w.keep_population:
        return None
    if surname_stem(m.text) in stems:
        return "person_spelling"
    cue = person_cue(text, m.start, m.end) if reading.weak else None
    if cue == "person_of" or (cue == "reporting_verb" and not geographic_cue(text, m.start, m.end)):
        return "person_cue"  # (a place said or confirmed something: "the lab in X confirmed")
    if reading.fuzzy and not reading.in_theatre and not geographic_cue(text, m.start, m.end):
        return "fuzzy_abroad"
    return None


def without_person_readings(text: str, gaz: Gazetteer, mentions: list[Mention], surnames: Iterable[str],
                            rows_of: Callable[[Mention], tuple[int, ...]]) -> list[Mention]:
    """``mentions`` without those ``drop_reason`` rejects (``rows_of`` gives a mention's candidate rows).
    Call before any mention points at another by index (qualifiers): the list is filtered, not renumbered."""
    stems = person_stems(surnames)
    return [m for m in mentions
            if not _may_drop(m, text, stems) or drop_reason(gaz, m, rows_of(m), text, stems) is None]


def _may_drop(m: Mention, text: str, stems: frozenset[str]) -> bool:
    """False when ``drop_reason`` is None whatever ``m``'s rows say, told from the text alone (speed: most mentions
    stand beside no cue, and their place reading is then never built). Only a variant can be "fuzzy_abroad"; a name
    needs a river, copyright or person cue, or a person's stem (a river cue without a unit's rows is the loosest)."""
    if m.kind != "name":
        return m.kind == "variant"
    start = m.start
    end = m.end
    if (stems and surname_stem(m.text) in stems) or (
            text[end:end + 1] in _REPORTING_FIRST and _REPORTING_AFTER.match(text, end)):
        return True
    if not start:
        return False  # (every cue before a name needs text before it)
    prev = text[start - 1]  # the river and "X of" cues end in a space or tab, the copyright cue also in ")©t" or a year
    if prev in " \t":
        # the river cues end in "the", the "X of" cue in "of" (then spaces): searching their patterns over the
        # window before every name would cost more than the place readings they spare
        word_before = text[max(0, start - 40):start].rstrip(" \t")[-3:].lower()
        if (word_before == "the" and river_cue(text, start, m.end)) or (
                word_before[-2:] == "of" and _PERSON_OF_BEFORE.search(text, max(0, start - 40), start)):
            return True
    return (prev in " \t)©t" or prev.isdigit()) and _copyright_before(text, start)
