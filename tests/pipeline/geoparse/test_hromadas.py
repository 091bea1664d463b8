"""Hromadas named by their seat's adjective (branch landmarks23): "the Xivska community" is the seat X-ivka.

Seat names are drawn from the gazetteer (one-word and two-word Ukrainian settlements whose name is found once);
the sentences and the made-up stems of the pure tests are written here.
"""

from __future__ import annotations

import pytest

import random

from pipeline.geoparse.hromadas import _HROMADA, hromada_matches, seat_keys
from pipeline.geoparse.resolve import PRECISION_ADMIN2
from pipeline.text.textnorm import name_key


def test_seat_keys_undo_the_adjective():
    assert "abrenivka" in seat_keys("abrenivska")  # "-ivka" → "-ivska"
    assert "abreny" in seat_keys("abrenivska")  # a plural in "-y" → "-ivska"
    assert "abrenil" in seat_keys("abrenilska")  # a consonant → "+ska"
    assert "abrenillia" in seat_keys("abrenilska")  # "-llia" → "-lska"
    assert "velyka abrenivka" in seat_keys("velykoabrenivska")  # two words joined by "o"
    assert seat_keys("abrenivskyi") == []  # not the feminine adjective
    assert seat_keys("aska") == []  # too short to be a name's adjective


def _unique_ua_settlements(gazetteer, *, two_words: bool, count: int) -> list[tuple[str, str]]:
    """(name, admin-1 code) of settlements ending in "-ivka", found once in the gazetteer, in Ukraine."""
    found = []
    for key in gazetteer.keys.trie.keys("velyka " if two_words else "b"):
        if not key.endswith("ivka") or (" " in key) != two_words or key.count(" ") > 1 or "'" in key:
            continue
        rows = gazetteer.rows_for_key(key)
        if len(rows) != 1:
            continue
        cand = gazetteer.candidate(rows[0])
        if cand.feature_kind != "city" or cand.country_code != "UA" or name_key(cand.name) != key:
            continue
        adjective = (key.replace("velyka ", "velyko") if two_words else key)[:-2] + "ska"
        if adjective in gazetteer.keys:
            continue
        found.append((cand.name, cand.admin1_code))
        if len(found) == count:
            break
    assert len(found) == count
    return found


def _adjective(name: str) -> str:
    """The hromada adjective of an "-ivka" name ("Velyka Xivka" → "Velykoxivska")."""
    words = name.split()
    if len(words) == 2:
        return "Velyko" + words[1][:-2].lower() + "ska"
    return name[:-2] + "ska"


@pytest.mark.parametrize("two_words", [False, True])
def test_a_hromada_adjective_is_placed_at_its_seat(geoparser, gazetteer, two_words):
    for name, code in _unique_ua_settlements(gazetteer, two_words=two_words, count=3):
        adjective = _adjective(name)
        text = f"A missile strike on the {adjective} community in Ukraine damaged twenty homes, officials said."
        places = [p for p in geoparser.parse_places(text) if p.text == adjective]
        assert len(places) == 1, (name, adjective)
        assert places[0].admin1_code == code
        assert places[0].precision == PRECISION_ADMIN2
        assert "hromada" in places[0].reason


def test_no_community_noun_no_place(geoparser, gazetteer):
    name, _code = _unique_ua_settlements(gazetteer, two_words=False, count=1)[0]
    adjective = _adjective(name)
    text = f"The {adjective} plan was discussed at length by the officials on Monday."
    assert not [p for p in geoparser.parse_places(text) if p.text == adjective]


def test_the_noun_first_search_finds_what_the_whole_text_pattern_finds():
    """``hromada_matches`` starts from the community nouns; on random texts it equals the pattern's own scan."""
    rng = random.Random(17)
    words = ["Velykopysarivska", "Bilopilska", "Xska", "Novhorod-Siverska", "community", "communities", "hromada",
             "hromadas", "urban", "rural", "territorial", ",", "and",
             "village", "communityX", "Hromada", "the", "-", "’", "\n", "\t"]
    matched = 0
    for _ in range(20_000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 20)))
        expected = [(m.start(), m.end(), m.group(1)) for m in _HROMADA.finditer(text)]
        assert [(m.start(), m.end(), m.group(1)) for m in hromada_matches(text)] == expected, text
        matched += bool(expected)
    assert matched > 1_000  # the texts exercise the pattern, not only its misses
