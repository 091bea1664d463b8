"""Session 14's first-pass gates and rewritten patterns give what the plain forms give (issue 12 point 6)."""

from __future__ import annotations

import random
import re
import sys

from pipeline.geoparse.recognise import (_ADMIN_SUFFIX, _ADMIN_SUFFIX_SECOND, _LIST_GAP, _LOWER_REGION_SECOND,
                                         _LOWER_REGION_WORD, SETTLEMENT_NOUNS, _SETTLEMENT_OF, _inflected_verb,
                                         _is_dictionary_word, _is_list_gap)
from pipeline.geoparse.spellings import separate_derived_names

# the plain form of ``_SETTLEMENT_OF``
_PLAIN_SETTLEMENT_OF = re.compile(r"\b(" + "|".join(SETTLEMENT_NOUNS) + r"|cities)s? of[ \t]+", re.IGNORECASE)


def _cues(pattern: re.Pattern, text: str) -> list[tuple[tuple[int, int], str]]:
    return [(m.span(), m.group(1)) for m in pattern.finditer(text)]


def test_settlement_of_finds_what_the_plain_pattern_finds():
    rng = random.Random(18)
    pieces = list("villagetownsettlementcityhamletshipurban-type ofVILLAGETOWNOF\t\n_1.xé") + \
        ["ſ", "ı", "İ", " of ", " OF ", "village", "Town", "cities", "CITY", "township", "urban-type settlement"]
    texts = ["", "the village of Kozacha Lopan", "The Towns of A and B", "urban-type settlement of X",
             "subvillage of X", "ſettlement of X", "cıty of X", "cities  of\tX", "township of X", "towns of X"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 40))) for _ in range(30_000)]
    for text in texts:
        assert _cues(_SETTLEMENT_OF, text) == _cues(_PLAIN_SETTLEMENT_OF, text), text


def test_settlement_of_opens_with_every_character_the_plain_pattern_may_open_with():
    # the characters re.IGNORECASE reads as a noun's first letter ("ſ" as "s"), and a sample of all others
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    readers = set(re.findall("[" + "".join({noun[0] for noun in SETTLEMENT_NOUNS}) + "]", every, re.IGNORECASE))
    assert "\u017f" in readers
    rng = random.Random(7)
    for char in sorted(readers) + [chr(rng.randrange(sys.maxunicode + 1)) for _ in range(3_000)]:
        for noun in (*SETTLEMENT_NOUNS, "cities"):
            text = f" {char}{noun[1:]} of x"
            assert _cues(_SETTLEMENT_OF, text) == _cues(_PLAIN_SETTLEMENT_OF, text), hex(ord(char))


def test_inflected_verb_reads_the_ing_ending_as_the_pattern_did():
    pattern = re.compile(r"ing\Z")

    def plain(low: str) -> bool:
        ending = pattern.search(low)
        if ending is None:
            return False
        stem = low[:ending.start()]
        if len(stem) < 3:
            return False
        return _is_dictionary_word(stem) or _is_dictionary_word(stem + "e") or \
            (stem[-1] == stem[-2] and _is_dictionary_word(stem[:-1]))

    for low in ("retaking", "shelling", "stopping", "ing", "king", "during", "ringing", "ing\n", "sing", "kharkiv",
                "bring", "beijing", "reading", "string", "ingx"):
        assert _inflected_verb(low) == plain(low), low


class _M:
    def __init__(self, key: str, text: str, kind: str = "name") -> None:
        self.key, self.text, self.kind, self.district = key, text, kind, False
        self.rows: tuple[int, ...] = ()
        self.signals: list = []


class _NoRowsGazetteer:
    """A gazetteer stub: asking for rows means the gate let the mention through."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def rows_for_key(self, key: str) -> tuple[int, ...]:
        self.asked.append(key)
        return ()


def test_derived_names_are_looked_at_only_when_one_key_extends_another():
    gaz = _NoRowsGazetteer()
    separate_derived_names(gaz, [_M("kharkiv", "Kharkiv"), _M("kyiv", "Kyiv"), _M("lviv", "Lviv")])
    assert gaz.asked == []
    separate_derived_names(gaz, [_M("ivanivka", "Ivanivka"), _M("ivanivkaa", "Ivanivkaa"), _M("lviv", "Lviv")])
    assert gaz.asked == ["ivanivka"]  # the key another extends (by a short ending) is looked at
    gaz.asked.clear()
    separate_derived_names(gaz, [_M("bucha", "Bucha"), _M("buchak", "Buchak"), _M("pokrovsk", "Pokrovsk")])
    assert gaz.asked == ["bucha"]


def test_list_gap_is_what_the_pattern_finds_in_the_gap():
    rng = random.Random(3)
    pieces = list(" ,\t\n\xa0\u2009xa") + ["and", "or", " and ", ", ", "\n"]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))) for _ in range(20_000)]
    for text in texts:
        for start in range(len(text) + 1):
            for end in (max(0, start - 1), start, len(text), (start + len(text)) // 2):
                assert _is_list_gap(text, start, end) == bool(_LIST_GAP.match(text[start:end])), (text, start, end)


def test_the_second_character_tests_never_hide_a_suffix_or_a_region_word():
    rng = random.Random(5)
    pieces = list(" \t'’ʼ,.xX") + [" Oblast", " oblast", " County", " region", " krai", "  kray", " District",
                                       " Kyiv", " said", "'s"]
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        for pos in range(len(text) + 1):
            second = text[pos + 1:pos + 2]
            if _ADMIN_SUFFIX.match(text, pos):
                assert second in _ADMIN_SUFFIX_SECOND, (text, pos)
            if _LOWER_REGION_WORD.match(text, pos):
                assert second in _LOWER_REGION_SECOND, (text, pos)


# fp19: literal gates before short regex searches

# cue phrases the three patterns find (and near misses), each character then written in any of the forms
# re.IGNORECASE reads as it ("ı" for "i", "ſ" for "s", the Kelvin sign for "k")
_CUES = ["bank of ", "banks of the ", "left bank of the\t", "the opposite  banks of\nthe ", "western bank of ",
         "across the ", "crossed on the ", "upstream the ", "downstream on the ", "along the ", "over the ",
         "crossing the ", "neighbourhoods of ", "the neighborhood called ", "micro-district of the ",
         "microdistricts named Old Town, ", "residential area in ", "residential quarters of Kyiv and ",
         "the residential districts in the ", "a neighbourhood of A, B and ", "bank the ", "acros the "]
_EVERY = "".join(map(chr, range(sys.maxunicode + 1)))
_READ_AS = {c: re.findall(re.escape(c), _EVERY, re.IGNORECASE) or [c] for c in set("".join(_CUES))}


def _written(rng: random.Random, cue: str) -> str:
    return "".join(rng.choice(_READ_AS[c]) if rng.random() < 0.3 else c for c in cue)


def test_literal_gates_never_hide_a_match():
    from pipeline.geoparse.city_parts import _NOUN_BEFORE, _NOUN_LITERALS
    from pipeline.geoparse.persons import _BANK_BEFORE, _BANK_LITERAL, _CROSSING_BEFORE, _CROSSING_LITERALS

    rng = random.Random(21)
    found = {"bank": 0, "crossing": 0, "noun": 0}
    noise = ["", "x", " ", "said ", "İ", "é", "Kyiv ", "\n"]
    for _ in range(40_000):
        window = rng.choice(noise) + _written(rng, rng.choice(_CUES))
        low = window.lower()
        if _BANK_BEFORE.search(window):
            found["bank"] += 1
            assert _BANK_LITERAL in low, window
        if _CROSSING_BEFORE.search(window):
            found["crossing"] += 1
            assert any(literal in low for literal in _CROSSING_LITERALS), window
        if _NOUN_BEFORE.search(window + "X", 0, len(window)):
            found["noun"] += 1
            assert any(literal in low for literal in _NOUN_LITERALS), window
    assert min(found.values()) > 1_000  # (the windows do hold matches of each pattern)


def test_every_character_read_as_a_literal_letter_lowers_to_it():
    # the gates lower the window: every character re.IGNORECASE reads as one of the literals' letters lowers to it
    from pipeline.geoparse.city_parts import _NOUN_LITERALS
    from pipeline.geoparse.persons import _BANK_LITERAL, _CROSSING_LITERALS

    letters = set(_BANK_LITERAL + "".join(_CROSSING_LITERALS) + "".join(_NOUN_LITERALS))
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    for letter in sorted(letters):
        for char in re.findall(letter, every, re.IGNORECASE):
            assert char.lower() == letter, (letter, char)



_WAR_CUES = ["defence ministry", "ministry of  defense", "armed\tforces", "troops", "Forces", "front-line", "frontlines",
             "shelling", "shelled", "drone", "Drones", "missile", "MISSILES", "artillery", "captured", "liberated",
             "offensive", "air defences", "troop", "shell", "forced", "frontier", "drone's", "offense"]
_WAR_READ_AS = {c: re.findall(re.escape(c), _EVERY, re.IGNORECASE) or [c] for c in set("".join(_WAR_CUES))}


def test_war_cue_gate_is_the_plain_search():
    from pipeline.geoparse.theatre import _WAR_CUE, has_war_cue

    rng = random.Random(23)
    noise = ["", "the ", "x", "said ", " ", "\n", "é", "Kyiv", "ı", "İ", "ſ", "-"]
    hits = 0
    for _ in range(20_000):
        cue = "".join(rng.choice(_WAR_READ_AS[c]) if rng.random() < 0.3 else c for c in rng.choice(_WAR_CUES))
        text = rng.choice(noise) + rng.choice(noise) + cue + rng.choice(noise)
        plain = _WAR_CUE.search(text) is not None
        hits += plain
        assert has_war_cue(text) == plain, text
    assert hits > 2_000


def test_capital_keys_found_by_their_first_letters_are_those_in_the_text(gazetteer):
    # ``_lower_case_names`` finds a capital's keys by their first three letters (or the lone key): the same keys
    # as a search for each
    from pipeline.geoparse.recognise import _capital_keys, _keys_in_text

    rng = random.Random(21)
    for cc in ("UA", "US", "GB", "FR", "IL", "RU", "PL", "DE"):
        keys, groups = _capital_keys(gazetteer, cc)
        assert len(keys) > 3
        long_keys = [k for k in keys if len(k) >= 4]
        assert sorted(k for _, group in groups for k in group) == long_keys
        pieces = [" ", ", ", "-", "the ", "was ", "Kyiv", "’s "] + [k[:rng.randint(1, len(k))] for k in keys] + list(keys)
        for _ in range(400):
            text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
            found: set[str] = set()
            _keys_in_text(text, groups, found)
            assert found == {k for k in long_keys if k in text}, (cc, text)
