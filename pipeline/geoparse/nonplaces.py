"""Names of something else read as places: outlets, armed groups, weapons and products, people.

A place name is often the name of something that is not at that place, and a dot there is wrong (worse than
none: an outlet named after a city becomes an event in that city). Each cue below reads the words right beside
a kept mention; the first that holds drops it (``NonPlaceCue`` names them, ``NonPlaceWeights`` holds the
thresholds):

- **masthead** — a publication noun after the name ("the Kyiv Independent", "the Moscow Times", "China
  Daily", "the Lansing State Journal"), that ends the name (not "the Kyiv Post Office"). A masthead names an
  outlet whatever the place reading, so even a capital is dropped; a country is kept (its mention tells what
  the article is about, and a country is no dot an event takes).
- **designation** — the name glued by a hyphen to a model designation ("X-S1", "X-M2", "X-300", "X-U"): a
  weapon or a product, not the town (a place's own hyphenated name goes on in lower case: "Kamianets-Podilskyi").
- **armed group** — a noun of an armed group or its members after a weak place reading ("X mercenaries",
  "X fighters", "X troops", "X founder", "the X mercenary group").
- **weapon** — a noun of a weapon class after a weak place reading ("X missiles", "X drones", "X launcher"),
  unless an attack noun follows it ("the X missile strike" is a strike on X).
- **vessel** — a noun of a ship right before the name ("the landing ship X", "the cruiser “X”") or a noun of a
  warship right after it ("the X cruiser", "the X landing ship"): navies name ships after towns, and a strike on
  the ship is no event in the town it is named after. Like a masthead it drops any reading but a country.
- **longer name** — a capitalised adjective that opens Ukrainian and Russian compound names right before the name
  ("Krasny X", "Velyka X", "Nizhnyaya X"): the text names a longer place the gazetteer lacks, and the bare tail
  is another village (the compound's own reading, when the gazetteer has it, spans the adjective and never
  stands here).
- **person** — a weak place reading that reads as part of a person's name: an age after it ("X, 48,"); a
  capitalised word before it that the recogniser did not keep as a place and that is no place modifier
  ("Martin X" after "Martin" was read as a first name); or a surname-shaped word after it in a line that
  the prose rules do not read ("and X Boucey)").
- **same name** — one sense per discourse (Gale, Church & Yarowsky 1992, "One sense per discourse"): a weak
  reading dropped by a cue above other than the masthead is the same non-place at every other mention of that
  spelling in the article ("Wagner troops ... Wagner announced"), unless a place cue stands beside that
  mention ("in X", "X region", a list of places).

A *weak* place reading is ``persons.PlaceReading.weak`` (no country or capital; a spelling variant, a place
outside the war theatre, or a surname-shaped alternate name) with fewer than ``keep_population`` people.

Pure functions over the text, the gazetteer's rows and the mentions; ``recognise.find_mentions`` calls
``without_nonplace_readings`` right after the person readings are dropped. Most mentions stand beside none of
these words: each cue is gated by a character or a set look-up before any pattern runs.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import TYPE_CHECKING

from pipeline.geoparse.persons import geographic_cue, place_reading, without_possessive
from pipeline.model import Signal

if TYPE_CHECKING:
    from pipeline.geoparse.gazetteer import Gazetteer
    from pipeline.geoparse.recognise import Mention

_LOG = logging.getLogger(__name__)


class NonPlaceCue(str, Enum):
    """Why a mention is no place (the ``kind`` of its drop signal is ``nonplace_<value>``)."""

    MASTHEAD = "masthead"
    DESIGNATION = "designation"
    ARMED_GROUP = "armed_group"
    WEAPON = "weapon"
    VESSEL = "vessel"
    LONGER_NAME = "longer_name"
    PERSON = "person"
    SAME_NAME = "same_name"


@dataclass(frozen=True)
class NonPlaceWeights:
    """Thresholds of the non-place readings."""

    # a place this populous keeps its reading beside an armed-group, weapon or person cue (recall of big cities
    # in odd phrases vs names of groups and people that some town abroad shares); a masthead drops any reading
    keep_population: int = 1_000_000
    # the oldest age read after a name ("X, 48,"): a two-digit number after a comma is an age, a year is not
    max_age_digits: int = 2


NONPLACE_WEIGHTS = NonPlaceWeights()

# publication nouns that end an outlet's name after a place ("the Kyiv Post", "the Moscow Times"); the usual
# nouns of English-language newspaper mastheads, and "Pravda" ("truth") of the Ukrainian and Russian ones
MASTHEAD_NOUNS = frozenset("""Times Post Independent Herald Journal Tribune Gazette Telegraph Chronicle Observer
Guardian Standard Mirror Express Courier Inquirer Enquirer Examiner Dispatch Sentinel Bulletin Register Reporter
Review Record Daily News Insider Citizen Globe Star Sun Today Ledger Advocate Democrat Statesman Pravda Vedomosti
Izvestia Kommersant Monitor Press Mercury Leader Argus Beacon Clarion Bee""".split())
# words that may stand between the place and the publication noun ("the Lansing State Journal", "the Sydney
# Morning Herald", "the Detroit Free Press", "the New York Daily News")
MASTHEAD_OPENERS = frozenset("State Morning Evening Sunday Daily Free Business Weekly Times Post".split())
# nouns of an armed group or its members ("X mercenaries", "X chief"); a demonym before them is never in question
# (demonyms are no names here): "Russian troops" stays Russia
# ("chief" and "commander" are left out: a town's officials are its "police chief", its "chief of detectives")
ARMED_GROUP_NOUNS = frozenset("""mercenaries mercenary fighters fighter troops forces units unit soldiers militants
militia militiamen detachment detachments contingent servicemen operatives boss founder group""".split())
# nouns of a weapon class ("X missiles", "X drones"): the systems are named after rivers, animals, weather and
# towns abroad
WEAPON_NOUNS = frozenset("""missile missiles rocket rockets drone drones launcher launchers system systems complex
complexes tank tanks howitzer howitzers vehicle vehicles jet jets aircraft helicopter helicopters interceptor
interceptors battery batteries rifle rifles warhead warheads munitions shells gun guns mlrs uav uavs""".split())
# a lower-case word that may stand between the name and those nouns ("X assault units", "X cruise missiles")
NOUN_MODIFIERS = frozenset("""assault mercenary private military special cruise ballistic hypersonic guided
kamikaze attack combat strike loitering air defence defense anti-aircraft self-propelled multiple""".split())
# nouns of a ship before its name ("the landing ship X", "the tanker X"); a ferry is left out ("the Kerch ferry" is
# the crossing)
VESSEL_NOUNS_BEFORE = frozenset("""ship vessel cruiser frigate corvette submarine warship flagship minesweeper
destroyer tanker tugboat""".split())
# nouns of a warship after its name ("the X cruiser"); a bare "ship" or "vessel" after a town is more often the
# town's ("an X vessel" registered there), so only with a class word before it ("the X landing ship")
# (few: each opens the character gate for every name it may follow)
VESSEL_NOUNS_AFTER = frozenset("""cruiser frigate corvette submarine flagship""".split())
VESSEL_CLASSES = frozenset(["landing"])  # "the X landing ship"
# the gate: a noun's last four letters (and "Ship" of a title)
_VESSEL_TAILS = frozenset(noun[-4:] for noun in VESSEL_NOUNS_BEFORE) | {"Ship"}
_VESSEL_LAST = "".join(sorted({noun[-1] for noun in VESSEL_NOUNS_BEFORE}))  # their last letters: a cheaper gate first
# adjectives that open compound settlement names (red, new, old, big, small, upper, lower, white, green, dry) in
# the Ukrainian and Russian transliterations of each gender
COMPOUND_OPENERS = frozenset("""Krasny Krasnyi Krasnyy Krasnaya Krasna Krasne Krasnoye Krasnoe Chervonyi Chervona
Chervone Novy Novyi Novyy Novaya Nova Nove Novoye Novoe Stary Staryi Staryy Staraya Stara Stare Staroye Staroe
Velykyi Velyka Velyke Velikiy Velikaya Velikoye Bolshoy Bolshoi Bolshaya Bolshoye Bolshoe Malyi Malyy Mala Male
Malaya Maloye Maloe Verkhnii Verkhnia Verkhnie Verkhniy Verkhnyaya Verkhneye Verkhnee Nyzhnii Nyzhnia Nyzhnie
Nizhny Nizhniy Nizhnii Nizhnyaya Nizhneye Nizhnee Bilyi Bila Bile Bely Belyi Belyy Belaya Beloye Beloe Zelenyi
Zelena Zelene Zeleny Zelenaya Zelenoye Sukhyi Sukha Sukhe Sukhaya Sukhoye""".split())
_VESSEL_QUOTES = frozenset("\"“«'‘")
_NOUN_WORDS = ARMED_GROUP_NOUNS | WEAPON_NOUNS | NOUN_MODIFIERS | VESSEL_NOUNS_AFTER | VESSEL_CLASSES
_MASTHEAD_HEADS = frozenset(noun[:3] for noun in MASTHEAD_NOUNS | MASTHEAD_OPENERS)
_NOUN_HEADS = frozenset(noun[:3] for noun in _NOUN_WORDS)  # their first three letters: a gate before any pattern
# what follows a weapon noun when the name is the target, not the weapon ("the X missile strike")
ATTACK_NOUNS = frozenset("strike strikes attack attacks barrage raid raids".split())
# capitalised words before a name that qualify the place rather than open a person's name ("Greater X",
# "Metro X", "Upper X"); the recogniser's DIRECTIONS and the months are added where the cue is read
PLACE_MODIFIERS = frozenset("""old new great little upper lower greater metro downtown uptown upstate suburban
rural coastal occupied liberated annexed mount mt fort ft port lake cape saint st san santa el la le los las the
of and in at on""".split())

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# a model designation glued to the name: capitals and digits, then no lower-case letter ("-S1", "-M2KM", "-300")
# (one capital alone, or capitals with digits: "-U", "-S1", "-M2KM", "-300"; two capitals alone are more often a
# school's or a team's initials: "X-ML")
_DESIGNATION = re.compile(r"[-\u2010\u2011](?:[A-Z](?:[A-Z]{0,2}[0-9]{1,4}[A-Z]{0,2})?|[0-9]{1,4}[A-Z]{0,2})"
                          r"(?![\w\u2010\u2011-])")
# a number glued to the name before an airfield noun ("X-1 air base", "the "X-2" airfield"): an airfield named after
# the town it serves, not a model designation
AIRFIELD_NUMBER = re.compile(r"[-\u2010\u2011][0-9]{1,2}(?=[\"”’']?[ \t]+(?:military[ \t]+)?(?:air[ \t]*base|airfield|"
                             r"aerodrome|air[ \t]+field)\b)", re.IGNORECASE)
_AGE_AFTER = re.compile(r",[ \t]+(?:aged[ \t]+)?[0-9]{1,%d}(?:,|[ \t]+years?\b)" % NONPLACE_WEIGHTS.max_age_digits)
# one more capitalised word, then a separator or the line's end (as ``recognise._BYLINE_SURNAME``, and ")")
_SURNAME_AFTER = re.compile(r"[ \t]+([A-Z][\w'’-]+)[ \t]*(?:[–—|,()]|\r?\n|\Z)")
_HYPHENS = "-\u2010\u2011"
# a demonym right before a name ("Ukrainian Pravda", a masthead noun being the name itself)
_DEMONYM_BEFORE = re.compile(r"\b[A-Z][a-z]+(?:ian|ean|an|ish|ese|sk[aiy]|skaya)[ \t]$")
_NAME_KINDS = frozenset({"name", "variant"})
_SENTENCE_END_CHARS = frozenset(".!?:;\"“”(—–\n")


@dataclass(frozen=True)
class NonPlaceDrop:
    """One dropped mention: where it stood and why (a signal, so it renders like every other decision)."""

    start: int
    end: int
    text: str
    signal: Signal


def _word_after(text: str, pos: int) -> tuple[str, int]:
    """The word one space after ``pos`` and its end, or ("", pos)."""
    if pos >= len(text) - 1 or text[pos] != " ":
        return "", pos
    found = _WORD.match(text, pos + 1)
    return (found.group(), found.end()) if found else ("", pos)


def _word_before(text: str, pos: int) -> tuple[str, int]:
    """The word one space before ``pos`` and its start, or ("", pos)."""
    if pos < 2 or text[pos - 1] != " " or not text[pos - 2].isalpha():
        return "", pos
    start = pos - 1
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] in "'’-"):
        start -= 1
    return text[start:pos - 1], start


def masthead_cue(text: str, end: int, word: str = "", after: int = -1) -> bool:
    """Whether a publication noun ends an outlet's name right after ``text[:end]`` (see module docstring).
    ``word``, ``after``: the word after ``end`` and its end, when already read."""
    if after < 0:
        word, after = _word_after(text, end)
    if not word or not word[0].isupper():
        return False
    bare = without_possessive(word)
    if bare not in MASTHEAD_NOUNS:
        if bare not in MASTHEAD_OPENERS:
            return False
        word, after = _word_after(text, after)  # "the Lansing State Journal"
        bare = without_possessive(word)
        if bare not in MASTHEAD_NOUNS:
            return False
    following, _ = _word_after(text, after)
    # the name ends there ("the Kyiv Post Office" is an office in Kyiv), or goes on with another publication
    # noun ("the New York Daily News")
    return not following or not following[0].isupper() or without_possessive(following) in MASTHEAD_NOUNS


def noun_cue(text: str, end: int, word: str = "", after: int = -1) -> NonPlaceCue | None:
    """``ARMED_GROUP`` or ``WEAPON`` when such a noun (after at most one modifier) follows ``text[:end]``.
    ``word``, ``after``: the word after ``end`` and its end, when already read."""
    if after < 0:
        word, after = _word_after(text, end)
    low = word.lower()
    if low not in _NOUN_WORDS:
        return None
    if low in NOUN_MODIFIERS and low not in ARMED_GROUP_NOUNS:
        word, after = _word_after(text, after)
        low = word.lower()
    if low in ARMED_GROUP_NOUNS:
        return NonPlaceCue.ARMED_GROUP
    if low in WEAPON_NOUNS:
        following, _ = _word_after(text, after)
        return None if following.lower() in ATTACK_NOUNS else NonPlaceCue.WEAPON
    if low in VESSEL_NOUNS_AFTER:
        return NonPlaceCue.VESSEL
    if low in VESSEL_CLASSES:
        following, _ = _word_after(text, after)
        return NonPlaceCue.VESSEL if following.lower() == "ship" else None
    return None


def vessel_before(text: str, start: int) -> bool:
    """Whether a noun of a ship stands right before ``text[start:]`` ("the landing ship X", "the cruiser “X”")."""
    if start > 1 and text[start - 1] in _VESSEL_QUOTES:
        start -= 1
    word, _ = _word_before(text, start)
    return word.lower() in VESSEL_NOUNS_BEFORE


def person_cue(text: str, start: int, end: int, *, prose: Callable[[], bool], kept_ends: frozenset[int],
               surname: Callable[[str], bool], modifiers: frozenset[str]) -> bool:
    """Whether ``text[start:end]`` reads as part of a person's name (see module docstring). ``prose``: whether
    its line is running text (the recogniser's prose rules have read its neighbours); ``kept_ends``: the ends of
    the mentions kept as places; ``surname``: whether a capitalised word reads as a surname. (Each cue is gated
    by the character beside the name: most names stand after a lower-case word and before a space or a stop.)"""
    size = len(text)
    if end < size and text[end] == "," and _AGE_AFTER.match(text, end):
        return True
    if start > 1 and text[start - 1] == " " and text[start - 2].islower() \
            and text[text.rfind(" ", max(0, start - 40), start - 1) + 1].isupper() and prose():
        before, before_start = _word_before(text, start)
        # (a possessive qualifies the place: "Cairo's X"; after "the" the word names a pub or a firm: "The George X")
        return (bool(before) and before[0].isupper() and before[1:].isalpha() and before[1:].islower()
                and before.lower() not in modifiers and start - 1 not in kept_ends
                and not _opens_sentence(text, before_start) and not _after_article(text, before_start))
    if end + 1 < size and text[end] == " " and text[end + 1].isupper() and not prose():
        after = _SURNAME_AFTER.match(text, end)  # a credit or a byline in a title-case line: "and X Boucey)"
        return after is not None and surname(after.group(1))
    return False


def _after_article(text: str, pos: int) -> bool:
    """Whether "the" stands right before the word at ``pos``."""
    return pos >= 4 and text[pos - 1] == " " and text[pos - 4:pos - 1].lower() == "the" and (
        pos == 4 or not text[pos - 5].isalpha())


def _opens_sentence(text: str, pos: int) -> bool:
    """Whether the word at ``pos`` opens a sentence or a line (then its capital says nothing)."""
    i = pos - 1
    while i >= 0 and text[i] in " \t":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END_CHARS


def nonplace_drops(text: str, gaz: Gazetteer, mentions: Sequence[Mention],
                   rows_of: Callable[[Mention], tuple[int, ...]], in_prose: Callable[[Mention], bool],
                   w: NonPlaceWeights = NONPLACE_WEIGHTS) -> dict[int, NonPlaceDrop]:
    """The mentions (by index into ``mentions``) that name something else here, each with its drop.
    ``rows_of`` gives a mention's candidate rows, ``in_prose`` whether its line is running text."""
    size = len(text)
    gated = [i for i, m in enumerate(mentions) if _beside_a_cue(text, size, m, in_prose)]
    if not gated:
        return {}
    from pipeline.geoparse.recognise import _unknown_surname

    modifiers = _modifiers()
    kept_ends = frozenset(m.end for m in mentions)
    drops: dict[int, NonPlaceDrop] = {}
    weak_names: dict[str, NonPlaceCue] = {}

    def weak(m: Mention) -> bool:
        reading = place_reading(gaz, rows_of(m), m.text, fuzzy=m.kind == "variant")
        return reading.weak and reading.best_population < w.keep_population

    def surname(word: str) -> bool:
        return _unknown_surname(word, gaz)

    for i in gated:
        m = mentions[i]
        start, end = m.start, m.end
        nxt = text[end] if end < size else "\n"
        cue = None
        if nxt == " ":
            if text[end + 1:end + 2].isupper() and masthead_cue(text, end) and not _is_country(gaz, rows_of(m)):
                cue = NonPlaceCue.MASTHEAD
            elif text[end + 1:end + 4].lower() in _NOUN_HEADS:
                noun = noun_cue(text, end)
                if noun is NonPlaceCue.VESSEL:
                    cue = None if _is_country(gaz, rows_of(m)) else noun
                elif noun is not None and weak(m):
                    cue = noun
        elif nxt in _HYPHENS and _DESIGNATION.match(text, end) and not AIRFIELD_NUMBER.match(text, end):
            if not place_reading(gaz, rows_of(m), m.text, fuzzy=m.kind == "variant").country_or_capital:
                cue = NonPlaceCue.DESIGNATION
        if cue is None and vessel_before(text, start) and not _is_country(gaz, rows_of(m)):
            cue = NonPlaceCue.VESSEL
        if cue is None and start > 1 and text[start - 1] == " " \
                and text[text.rfind(" ", max(0, start - 16), start - 1) + 1:start - 1] in COMPOUND_OPENERS:
            cue = NonPlaceCue.LONGER_NAME
        if cue is None and m.text in MASTHEAD_NOUNS and start - 1 in kept_ends and \
                _DEMONYM_BEFORE.search(text, max(0, start - 30), start):
            cue = NonPlaceCue.MASTHEAD  # "Ukrainian Pravda reported": the outlet's name, a demonym and its noun
        if cue is None and " " not in m.text and person_cue(
                text, start, end, prose=lambda: in_prose(m), kept_ends=kept_ends, surname=surname,
                modifiers=modifiers) and weak(m):
            cue = NonPlaceCue.PERSON
        if cue is None:
            continue
        drops[i] = _drop(m, cue)
        if cue not in (NonPlaceCue.MASTHEAD, NonPlaceCue.LONGER_NAME) and weak(m):
            weak_names.setdefault(m.text, cue)
    if weak_names:
        for i, m in enumerate(mentions):
            if i not in drops and m.text in weak_names and m.kind in ("name", "variant") and not m.location_line \
                    and not geographic_cue(text, m.start, m.end):
                drops[i] = _drop(m, NonPlaceCue.SAME_NAME)
    for drop in drops.values():
        _LOG.debug("no place: %r at %d (%s)", drop.text, drop.start, drop.signal.text)
    return drops


def _beside_a_cue(text: str, size: int, m: Mention, in_prose: Callable[[Mention], bool]) -> bool:
    """Whether a cue may stand beside mention ``m``, told from the characters around it alone (speed: most
    mentions stand beside none, and their place reading is then never built): a capitalised word or one
    starting like a noun of ``_NOUN_HEADS`` after it, a comma (an age), a hyphen (a designation), or a
    capitalised word or the end of a noun of a ship before it. (The surname after a name is read only outside
    prose.)"""
    if m.kind not in _NAME_KINDS or m.location_line:
        return False
    end = m.end
    nxt = text[end] if end < size else "\n"
    if nxt == " ":
        head = text[end + 1:end + 4]
        if head in _MASTHEAD_HEADS or head.lower() in _NOUN_HEADS or (head[:1].isupper() and not in_prose(m)):
            return True
    elif nxt == ",":
        if text[end + 2:end + 3].isdigit() or text[end + 2:end + 6] == "aged":
            return True
    elif nxt in _HYPHENS:
        return True
    start = m.start
    if start < 2:
        return False
    before = text[start - 1]
    if before == " ":
        last = text[start - 2]
        return last.islower() and (text[text.rfind(" ", max(0, start - 40), start - 1) + 1].isupper()
                                   or last in _VESSEL_LAST and text[start - 5:start - 1] in _VESSEL_TAILS)
    return before in _VESSEL_QUOTES and text[start - 6:start - 2] in _VESSEL_TAILS


@lru_cache(maxsize=1)
def _modifiers() -> frozenset[str]:
    """``PLACE_MODIFIERS`` with the recogniser's directions and months ("Northern X", "July X")."""
    from pipeline.geoparse.recognise import DIRECTIONS, MONTHS_DAYS

    return PLACE_MODIFIERS | DIRECTIONS | MONTHS_DAYS


def _is_country(gaz: Gazetteer, rows: tuple[int, ...]) -> bool:
    """Whether a country is among ``rows`` (a masthead keeps a country: "China Daily" still tells what the
    article is about, and the other places are resolved with it)."""
    return any(gaz.candidate(r).feature_kind == "country" for r in rows)


_CUE_TEXT = {
    NonPlaceCue.MASTHEAD: "an outlet's name: a publication noun follows",
    NonPlaceCue.DESIGNATION: "a weapon or product: a model designation follows",
    NonPlaceCue.ARMED_GROUP: "an armed group: a noun of a group or its members follows",
    NonPlaceCue.WEAPON: "a weapon: a noun of a weapon class follows",
    NonPlaceCue.LONGER_NAME: "the tail of a longer name the gazetteer lacks",
    NonPlaceCue.VESSEL: "a ship named after the place: a noun of a ship stands beside it",
    NonPlaceCue.PERSON: "part of a person's name",
    NonPlaceCue.SAME_NAME: "the same name is no place elsewhere in the article",
}


def _drop(m: Mention, cue: NonPlaceCue) -> NonPlaceDrop:
    return NonPlaceDrop(m.start, m.end, m.text, Signal(f"nonplace_{cue.value}", 0.0, _CUE_TEXT[cue]))


def without_nonplace_readings(text: str, gaz: Gazetteer, mentions: list[Mention],
                              rows_of: Callable[[Mention], tuple[int, ...]],
                              in_prose: Callable[[Mention], bool]) -> list[Mention]:
    """``mentions`` without those ``nonplace_drops`` finds (call before any mention points at another by index:
    the list is filtered, not renumbered)."""
    drops = nonplace_drops(text, gaz, mentions, rows_of, in_prose)
    return [m for i, m in enumerate(mentions) if i not in drops] if drops else mentions
