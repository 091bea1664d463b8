"""Length-preserving text normalisation shared by the gazetteer and the recogniser.

``fold(text)`` maps every character to exactly one character (lower case, no
diacritics, one apostrophe, hyphens and dashes as spaces), so a match found in
the folded text has the same offsets in the original text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

_APOSTROPHES = "\u2019\u2018\u02bc\u02b9\u0060\u00b4\u2032\u02bb"
# every character the press writes for an apostrophe or a soft sign inside a name ("Kam'ianske", "Kam’ianske",
# "Kamʼianske", "Kam`ianske", "Kam´ianske", "Pryp'yat'", "Bilopolʹye"): the index holds every name also without them,
# and the recogniser looks a word holding one up so, whichever of them a text uses
NAME_APOSTROPHES = "'’ʼ‘`´ʹ′ʻ"
NO_APOSTROPHES = str.maketrans("", "", NAME_APOSTROPHES)
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_SPECIAL = {"\u0131": "i", "\u0142": "l", "\u0141": "l", "\u00f8": "o", "\u00d8": "o",
            "\u00df": "s", "\u0111": "d", "\u0110": "d", "\u00e6": "a", "\u00c6": "a",
            "\u0153": "o", "\u0152": "o", "\u00fe": "t", "\u00f0": "d"}


@lru_cache(maxsize=65536)
def _fold_char(ch: str) -> str:
    if ch in _APOSTROPHES:
        return "'"
    if ch in _DASHES:
        return " "
    if ch in _SPECIAL:
        return _SPECIAL[ch]
    if ch.isascii():
        return ch.lower()
    base = unicodedata.normalize("NFKD", ch)[:1] or ch
    low = base.lower()
    return low[:1] if low else base


class _FoldTable(dict):
    """``str.translate`` table that folds each character once, on first sight."""

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        self[code] = folded
        return folded


_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Fold ``text`` for matching; the result has the same length as ``text``."""
    if text.isascii():
        return text.lower().replace("-", " ")
    return text.translate(_TABLE)


class _WordTable(dict):
    """``str.translate`` table: fold, and turn every character that is not a letter or digit into a space."""

    def __missing__(self, code: int) -> str:
        folded = _fold_char(chr(code))
        result = folded if folded.isalnum() else " "
        self[code] = result
        return result


_WORD_TABLE = _WordTable()


_NON_ASCII = re.compile(r"[^\x00-\x7f]")  # (what ``_non_ascii`` finds)
_ASCII_BYTES = bytes(range(128))
# ``_WORD_TABLE`` restricted to ASCII, as a byte table: ``bytes.translate`` is many times faster than
# ``str.translate`` with a dict, and mapping an already folded character again leaves it unchanged
_ASCII_WORD_BYTES = bytes(ord(_WORD_TABLE[code]) for code in range(128)) + bytes(range(128, 256))


def fold_words(text: str, non_ascii: Iterable[str] | None = None) -> str:
    """``fold`` with punctuation as spaces (same length): names then sit between spaces. ``non_ascii``: the distinct
    characters of ``text`` that are not ASCII, when the caller has them already."""
    if not text.isascii():
        # fold the (few, often repeated: quotes, dashes) distinct non-ASCII characters first, one ``str.replace``
        # each; if they all fold to ASCII, no replacement makes a character another one replaces, and the rest is
        # finished on bytes
        for char in set(_non_ascii(text)) if non_ascii is None else non_ascii:
            folded = _WORD_TABLE[ord(char)]
            if not folded.isascii():
                return _latin_homoglyphs(text.translate(_WORD_TABLE))
            text = text.replace(char, folded)
    return text.encode("ascii").translate(_ASCII_WORD_BYTES).decode("ascii")


# Cyrillic letters that look like Latin ones (in their upper- or lower-case form), as the Latin letter: a word that
# mixes the two scripts ("Hryhorivkа" with a Cyrillic "а") is a Latin word typed with a stray Cyrillic key
_HOMOGLYPHS = str.maketrans("авекмнорстухіјѕ", "abekmhopctyxijs")
_CYRILLIC_HOMOGLYPH = "[авекмнорстухіјѕ]"
# a Latin letter touching a Cyrillic one inside a folded word (both lower case: ``fold_words`` lowers them)
_MIXED_WORD = re.compile(r"[a-z\u0400-\u04ff]*(?:[a-z]" + _CYRILLIC_HOMOGLYPH + "|" + _CYRILLIC_HOMOGLYPH
                         + r"[a-z])[a-z\u0400-\u04ff]*")


def _latin_homoglyphs(folded: str) -> str:
    """``folded`` (``fold_words`` output) with the Cyrillic look-alike letters of each word that mixes Latin and
    Cyrillic letters written as the Latin letters (same length); words in one script are left alone."""
    if not _MIXED_WORD.search(folded):
        return folded
    return _MIXED_WORD.sub(lambda m: m.group().translate(_HOMOGLYPHS)
                           if _is_mostly_latin(m.group()) else m.group(), folded)


def _is_mostly_latin(word: str) -> bool:
    """Whether more of ``word``'s letters are Latin than Cyrillic (a Cyrillic word with one Latin slip stays)."""
    latin = sum(c.isascii() for c in word)
    return 2 * latin > len(word)


def _non_ascii(text: str) -> str:
    """The characters of ``text`` that are not ASCII, in order (``"".join(_NON_ASCII.findall(text))``): its UTF-8
    form without the ASCII bytes, which no other character's encoding holds (a byte deletion in C, several times
    cheaper than the regex scan; lone surrogates pass)."""
    return text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")


@lru_cache(maxsize=262144)
def name_key(name: str) -> str:
    """Key under which a gazetteer name is indexed: folded words, single-spaced, no punctuation."""
    if name.isalpha() and name.isascii():
        return name.lower()  # (one ASCII word, most names looked up: ``fold_words`` only lowers its letters)
    return " ".join(fold_words(name).split())


def one_slip_apart(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one typing slip: a letter changed, added or dropped, or two
    neighbouring letters swapped (Damerau-Levenshtein distance 1)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:] or (a[i + 2:] == b[i + 2:] and a[i:i + 2] == b[i:i + 2][::-1])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return short[i:] == long_[i + 1:]


def spaced_key(name: str) -> str:
    """The key as it appears in ``fold_words`` text when punctuation stands before a space
    ("St. Louis" → "st  louis"), or "" when that is the same as ``name_key``."""
    raw = fold_words(name).strip()
    return raw if raw != name_key(name) else ""


def is_latin(name: str) -> bool:
    """True when every letter of ``name`` folds to an ASCII letter."""
    return all((not c.isalpha()) or c.isascii() for c in fold(name))


_DIGRAPHS = (("shch", "s"), ("zh", "z"), ("kh", "h"), ("ch", "c"), ("sh", "s"), ("ts", "c"), ("tz", "c"), ("g", "h"))


_SKELETON_DROP = str.maketrans("", "", "aeiouyjw")
_SKELETON_DROP_BYTES = b"aeiouyjw"
_REPEATS = re.compile(r"(.)\1+")


def skeleton(key: str) -> str:
    """Consonant skeleton of a folded single-word name, for transliteration variants.

    ``Kharkiv`` and ``Kharkov`` share ``khrkv``; ``Mykolaiv`` and ``Mykolayiv`` share ``mklv``;
    ``Luhansk`` and ``Lugansk`` share ``lhnsk``. The first letter is always kept: after it,
    digraphs are simplified, vowels (and j, w, y) dropped and repeated letters written once.
    """
    word = key.replace("'", "")
    if not word or not word.isalpha():
        return ""
    head, rest = word[0], word[1:]
    if "h" in rest:  # (each of the first five digraphs holds an "h", and none makes one where none was)
        for src, dst in _DIGRAPHS[:5]:
            rest = rest.replace(src, dst)
    if "t" in rest:
        rest = rest.replace("ts", "c").replace("tz", "c")
    if "g" in rest:
        rest = rest.replace("g", "h")
    if head == "g":
        head = "h"
    # (an ASCII rest, as most keys have, drops its vowels as bytes: several times faster than ``str.translate``)
    word = head + (rest.encode("ascii").translate(None, _SKELETON_DROP_BYTES).decode("ascii") if rest.isascii()
                   else rest.translate(_SKELETON_DROP))
    # ``_REPEATS.sub(r"\1", word)``: a function as replacement is several times faster than the template,
    # and most skeletons have no repeated letter at all
    return _REPEATS.sub(_first_of_run, word) if _REPEATS.search(word) else word


def _first_of_run(match: re.Match) -> str:
    return match.group(1)
