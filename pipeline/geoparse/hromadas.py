"""Ukrainian hromadas named by the adjective of their seat: "the Xivska community", "the Velykoxivska hromada".

A hromada (territorial community) is named after the settlement that is its seat, by that name's feminine
adjective: "-ka" gives "-ska" (Pysarivka → Pysarivska), a plural in "-y"/"-i" gives "-ivska", a name ending in a
consonant adds "-ska", "-llia" gives "-lska", and a two-word name joins its words with "o" ("Velyka Pysarivka" →
"Velykopysarivska"). The gazetteer lists settlements, not hromadas: such an adjective before "community" or
"hromada" is read as the seat (a Ukrainian settlement of one of the names the adjective can come from), with the
precision of a district, since the community spreads around its seat.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pipeline.text.textnorm import name_key

if TYPE_CHECKING:
    from pipeline.geoparse.gazetteer import Gazetteer

# a capitalised feminine adjective in "-ska" (at least this many letters before it), then a community noun,
# optionally qualified ("urban", "rural", "settlement", "village", "territorial")
STEM_MIN_LETTERS = 4
# one adjective: a hyphenated seat name keeps its hyphen and its capitals ("Novhorod-Siverska", "Seredyno-Budska")
_ADJECTIVE = r"[A-Z][a-z'’ʼ]*(?:[-\u2010\u2011][A-Za-z][a-z'’ʼ]*)*ska"
_ADJECTIVE_RE = re.compile(_ADJECTIVE)
# group 1: the adjective, or a list of them before a plural noun ("the Bilopilska, Khotinska and Esmanska
# communities"); each adjective of the list is a hromada of its own
_HROMADA = re.compile(r"\b((?:%s(?:[ \t]*,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+))*%s)[ \t]+"
                      r"(?:(?:urban|rural|settlement|village|territorial)[ \t]+)*(?:communit(?:y|ies)|hromadas?)\b"
                      % (_ADJECTIVE, _ADJECTIVE))
_NOUNS = ("community", "communities", "hromada", "hromadas")  # the nouns the pattern ends with
_REACH = 400  # characters before a noun that can hold its adjectives (a list of a region's hromadas) and qualifiers
_WORD = re.compile(r"\w")
# the country whose settlements have hromadas
HROMADA_COUNTRY_PREFIX = "UA-"
# endings of the first word of a two-word name ("Velyka", "Novyi", "Stari", "Verkhnie")
_FIRST_WORD_ENDINGS = ("a", "yi", "i", "e", "ia")
# the masculine endings of an adjectival seat name in "-sk-", as transliterated ("-skyi", "-skyy", "-skiy", "-sky")
_MASCULINE_SK = ("skyi", "skyy", "skiy", "sky", "skyj")


def hromada_seats(text: str, gaz: Gazetteer) -> list[tuple[int, int, str, tuple[int, ...]]]:
    """(start, end, seat key, seat rows) of each hromada adjective of ``text`` before a community noun whose seat
    the gazetteer has (see the module); the span is the adjective alone."""
    found = []
    for match in hromada_matches(text):
        for adjective in _ADJECTIVE_RE.finditer(text, match.start(1), match.end(1)):
            seat = _seat(gaz, name_key(adjective.group()))
            if seat is not None:
                found.append((adjective.start(), adjective.end(), seat[0], seat[1]))
    return found


def hromada_matches(text: str) -> list[re.Match]:
    """The matches of the hromada pattern in ``text``, as ``_HROMADA.finditer`` gives them, found from the
    community nouns back (a plain substring search) rather than by running the pattern over the whole text."""
    ends = sorted({i + len(noun) for noun in _NOUNS for i in _occurrences(text, noun)})
    out: list[re.Match] = []
    done = 0
    for end in ends:
        if end <= done or _WORD.match(text, end):
            continue
        match = _HROMADA.search(text, max(done, end - _REACH), end)
        if match is not None and match.end() == end:
            out.append(match)
            done = end
    return out


def _occurrences(text: str, word: str) -> list[int]:
    """Where ``word`` starts in ``text`` (a plain substring search)."""
    found, i = [], text.find(word)
    while i >= 0:
        found.append(i)
        i = text.find(word, i + 1)
    return found


def seat_keys(adjective: str) -> list[str]:
    """The name keys a hromada adjective (a name key ending in "ska") can come from, most likely first. The
    adjective of a hyphenated name (its key has spaces) changes the last word only, and an earlier word in "-o"
    may stand for another ending ("seredyno budska" → "seredyna buda")."""
    if not adjective.endswith("ska"):
        return []
    if " " in adjective:
        *heads, last = adjective.split(" ")
        prefixes = [""]
        for head in heads:
            forms = [head] + ([head[:-1] + ending for ending in _FIRST_WORD_ENDINGS] if head.endswith("o") else [])
            prefixes = [f"{prefix}{form} " for prefix in prefixes for form in forms]
        stem = last[:-3]
        if not stem:
            return []
        return [prefix + key for key in _single(stem) for prefix in prefixes]
    stem = adjective[:-3]
    if len(stem) < STEM_MIN_LETTERS:
        return []
    keys = _single(stem)
    for i in range(STEM_MIN_LETTERS - 1, len(stem) - STEM_MIN_LETTERS):
        if stem[i] == "o":  # "velyko|pysariv": a two-word name
            first, rest = stem[:i], stem[i + 1:]
            keys += [f"{first}{ending} {word}" for ending in _FIRST_WORD_ENDINGS for word in _single(rest)]
    return keys


def _single(stem: str) -> list[str]:
    """One-word names whose hromada adjective is ``stem`` + "ska"."""
    keys = [stem + "ka", stem]
    if stem.endswith("iv"):  # "Tsyrkuny" → "Tsyrkunivska"
        keys += [stem[:-2] + "y", stem[:-2] + "i"]
    keys += [stem + "e", stem + "a", stem + "ske"]
    # a name that is itself an adjective or ends in "-sk" ("Pokrovsk" → "Pokrovska", "Novhorod-Siverskyi" →
    # "Novhorod-Siverska")
    keys += [stem + "sk", *(stem + ending for ending in _MASCULINE_SK)]
    if stem[-1] not in "aeiouy":  # "Bilopillia" → "Bilopilska"
        keys += [stem + stem[-1] + "ia", stem + stem[-1] + "ya"]
    return keys


def _seat(gaz: Gazetteer, adjective: str) -> tuple[str, tuple[int, ...]] | None:
    """(key, rows) of the Ukrainian settlements the adjective can come from (the key of the likeliest name; the
    context chooses among the rows), or None when the adjective is itself the name of a Ukrainian settlement (left
    to the other rules; a namesake elsewhere does not count: only Ukraine has hromadas)."""
    if adjective in gaz.keys and any(gaz.kind_of[r] == "city" and str(gaz._columns()[6][r]).startswith(
            HROMADA_COUNTRY_PREFIX) for r in gaz.rows_for_key(adjective)):
        return None
    first, rows = "", []
    for key in seat_keys(adjective):
        if key not in gaz.keys:
            continue
        more = [r for r in gaz.rows_for_key(key) if gaz.kind_of[r] == "city" and r not in rows
                and str(gaz._columns()[6][r]).startswith(HROMADA_COUNTRY_PREFIX)]
        if more and not first:
            first = key
        rows += more
    return (first, tuple(rows)) if rows else None
