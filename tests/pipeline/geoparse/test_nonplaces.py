"""Names of something else read as places (pipeline/geoparse/nonplaces.py): outlets, armed groups, weapons, people.

The pure rules run over a fake gazetteer with made-up names; the behaviour tests run the bundled geoparser on
sentences written for them.
"""

from __future__ import annotations

import pytest

from pipeline.geoparse.gazetteer import Candidate
from pipeline.geoparse.nonplaces import (
    NonPlaceCue,
    masthead_cue,
    nonplace_drops,
    noun_cue,
    person_cue,
)
from pipeline.geoparse.recognise import Mention

# made-up places: a town abroad, a capital in the war theatre, a village in the theatre, a big city abroad
_ROWS = {
    0: Candidate(0, None, "Belvarno", 10.0, -50.0, "city", "XX", "XX-01", 3_000, True),
    1: Candidate(1, None, "Stolitsa", 50.0, 30.0, "city", "UA", "UA-30", 2_900_000, True, capital=True),
    2: Candidate(2, None, "Tarovka", 48.5, 37.5, "city", "UA", "UA-14", 900, True),
    3: Candidate(3, None, "Grandport", 10.0, 10.0, "city", "XX", "XX-01", 2_000_000, True),
}
_ROWS_OF = {"belvarno": (0,), "stolitsa": (1,), "tarovka": (2,), "grandport": (3,)}


class _FakeGazetteer:
    keys = frozenset(_ROWS_OF)

    def candidate(self, row: int, *, primary: bool = True) -> Candidate:
        return _ROWS[row]


def _drops(text: str, *, prose: bool = True) -> dict[str, str]:
    """``{mention text@start: cue}`` for every mention of a made-up place in ``text``."""
    mentions = []
    for key in _ROWS_OF:
        word = key.capitalize()
        start = text.find(word)
        while start >= 0:
            mentions.append(Mention(start, start + len(word), word, key, "name"))
            start = text.find(word, start + 1)
    mentions.sort(key=lambda m: m.start)
    found = nonplace_drops(text, _FakeGazetteer(), mentions, lambda m: _ROWS_OF[m.key], lambda m: prose)
    return {f"{mentions[i].text}@{mentions[i].start}": d.signal.kind for i, d in found.items()}


@pytest.mark.parametrize("text", ["according to the Stolitsa Independent, ten died",
                                  "the Stolitsa Times's reporter", "told the Stolitsa Morning Herald.",
                                  "a Stolitsa Daily News photographer"])
def test_publication_noun_after_a_name_is_a_masthead(text):
    start = text.index("Stolitsa")
    assert masthead_cue(text, start + len("Stolitsa"))


@pytest.mark.parametrize("text", ["a shell hit the Stolitsa Post Office", "the Stolitsa times were hard",
                                  "the Stolitsa State Museum"])
def test_publication_noun_that_does_not_end_the_name_is_no_masthead(text):
    start = text.index("Stolitsa")
    assert not masthead_cue(text, start + len("Stolitsa"))


def test_masthead_drops_even_a_capital():
    assert _drops("Ten died, according to the Stolitsa Independent.") == {"Stolitsa@27": "nonplace_masthead"}
    assert _drops("Ten died in Stolitsa on Monday.") == {}


@pytest.mark.parametrize(("text", "cue"), [
    ("Belvarno mercenaries took the town", NonPlaceCue.ARMED_GROUP),
    ("the Belvarno mercenary group said", NonPlaceCue.ARMED_GROUP),
    ("Belvarno assault units advanced", NonPlaceCue.ARMED_GROUP),
    ("Belvarno founder Ivanov", NonPlaceCue.ARMED_GROUP),
    ("the Belvarno chief of detectives", None),
    ("two Belvarno cruise missiles", NonPlaceCue.WEAPON),
    ("Belvarno drones hit a depot", NonPlaceCue.WEAPON),
    ("the Belvarno missile strike killed four", None),
    ("Belvarno residents fled", None),
])
def test_noun_cue(text, cue):
    start = text.index("Belvarno")
    assert noun_cue(text, start + len("Belvarno")) == cue


def test_armed_group_and_weapon_nouns_drop_only_a_weak_reading():
    assert _drops("Belvarno fighters and Grandport drones") == {"Belvarno@0": "nonplace_armed_group"}
    assert _drops("Tarovka troops held the line.") == {}  # a village in the war theatre keeps its reading


def test_model_designation_is_a_weapon_even_for_a_town_in_the_theatre():
    assert _drops("A Tarovka-M2 launcher was hit near Tarovka.") == {"Tarovka@2": "nonplace_designation"}
    assert _drops("They left Tarovka-Druha at dawn.") == {}  # a hyphenated name goes on in lower case


def test_one_sense_per_discourse_spreads_to_bare_mentions_but_not_to_placed_ones():
    text = "Belvarno fighters took the plant. Later Belvarno withdrew. A fair was held in Belvarno."
    assert _drops(text) == {"Belvarno@0": "nonplace_armed_group", "Belvarno@40": "nonplace_same_name"}


def test_person_cues():
    def surname(word):
        return word == "Quillory"

    def cue(text, *, prose=True, kept=frozenset()):
        start = text.index("Belvarno")
        return person_cue(text, start, start + len("Belvarno"), prose=lambda: prose, kept_ends=kept, surname=surname,
                          modifiers=frozenset({"greater"}))

    assert cue("the driver, Belvarno, 48, was charged")  # an age
    assert cue("the coach said Martin Belvarno pitched")  # after a first name the recogniser did not keep
    assert not cue("the coach said Martin Belvarno pitched", kept=frozenset({21}))  # after a place: "A B"
    assert not cue("they moved to Greater Belvarno")  # a place modifier
    assert not cue("They left. Belvarno was calm")  # a sentence start says nothing
    assert cue("Photos by Anna Smith and Belvarno Quillory)", prose=False)  # a credit line's person
    assert not cue("Photos by Anna Smith and Belvarno Quillory)", prose=True)  # (prose: the recogniser's rules)


def test_person_cue_drops_only_a_weak_reading():
    assert _drops("The driver, Belvarno, 48, was charged.") == {"Belvarno@12": "nonplace_person"}
    assert _drops("The driver, Tarovka, 48, was charged.") == {}


# ---------------------------------------------------------------- the bundled geoparser


def _places(geoparser, text: str) -> list[str]:
    return [p.text for p in geoparser.parse_places(text)]


def test_outlet_named_after_a_capital_is_no_place(geoparser):
    text = "The strike killed nine people in Dnipro, according to the Kyiv Independent."
    assert _places(geoparser, text) == ["Dnipro"]
    assert "Kyiv" in _places(geoparser, "The strike killed nine people in Kyiv on Monday.")


def test_weapon_with_a_model_designation_is_no_place(geoparser):
    text = "Air defence destroyed a Tor-M2 and a Buk-M1 launcher near Kharkiv."
    assert _places(geoparser, text) == ["Kharkiv"]


def test_mercenary_group_named_like_a_town_abroad_is_no_place(geoparser):
    text = ("Wagner fighters said they had taken Bakhmut. Wagner had recruited prisoners for months, "
            "and the head of the Wagner mercenary group thanked them.")
    assert _places(geoparser, text) == ["Bakhmut"]


def test_the_character_gate_never_hides_a_drop(monkeypatch):
    import random

    from pipeline.geoparse import nonplaces

    words = ["Belvarno", "Tarovka", "Grandport", "Stolitsa", "the", "in", "Times", "Post", "Daily", "News",
             "mercenaries", "assault", "units", "cruise", "missiles", "missile", "strike", "Martin", "Greater",
             "Quillory", "Boucey", "said", "and", ",", ", 48,", ", aged 7", "-M2", "-S", "-Druha", "The", "George",
             "Cairo's", "ship", "Ship", "cruiser", "landing", "corvette", "Krasny", "Velyka", "\n"]
    rng = random.Random(7)
    texts = []
    for _ in range(400):
        text = ""
        for _ in range(rng.randrange(3, 14)):
            word = rng.choice(words)
            glued = word[0] in ",-" or not text or text.endswith("\n")
            text += word if glued else " " + word
        texts.append(text)
    for prose in (True, False):
        gated = [_drops(t, prose=prose) for t in texts]
        monkeypatch.setattr(nonplaces, "_beside_a_cue", lambda *args: True)
        assert [_drops(t, prose=prose) for t in texts] == gated
        monkeypatch.undo()
    assert any(gated)  # (the texts hold cues)


@pytest.mark.parametrize("text", ["a drone hit the landing ship Belvarno in the bay",
                                  "the cruiser “Stolitsa” sank after two missiles hit it",
                                  "Missiles Hit Landing Ship Grandport",
                                  "the crew of the Tarovka corvette was evacuated",
                                  "the Stolitsa landing ship was damaged",
                                  "sailors of the submarine 'Tarovka' were killed"])
def test_a_ship_named_after_a_place_is_no_place(text):
    assert list(_drops(text).values()) == ["nonplace_vessel"]


@pytest.mark.parametrize("text", ["a ship in Belvarno was damaged", "the ship left Stolitsa at dawn",
                                  "the Tarovka landing was repelled", "ships. Tarovka was hit",
                                  "the Grandport ship registry", "a shipyard in Tarovka burned"])
def test_a_ship_beside_a_place_leaves_the_place(text):
    assert _drops(text) == {}


def test_ships_named_after_towns_leave_no_dot_there(geoparser):
    text = ("Missiles hit the large landing ship Novocherkassk in the port of Feodosia overnight. "
            "The cruiser Moskva sank in April.")
    assert _places(geoparser, text) == ["Feodosia"]


@pytest.mark.parametrize("text", ["shelling hit Krasny Belvarno overnight", "troops entered Velyka Tarovka",
                                  "near Nizhnyaya Stolitsa and Grandport"])
def test_the_tail_of_a_longer_compound_name_is_no_place(text):
    drops = _drops(text)
    assert list(drops.values())[:1] == ["nonplace_longer_name"]
    assert all(not key.startswith("Grandport") for key in drops)  # the next name is left alone


def test_the_tail_of_a_longer_name_leaves_the_other_mentions():
    assert _drops("Krasny Belvarno burned; later Belvarno was calm.") == {"Belvarno@7": "nonplace_longer_name"}
    assert _drops("They met Nova and left Tarovka.") == {}


def test_a_compound_name_the_gazetteer_has_is_read_whole(geoparser):
    places = geoparser.parse_places("Shelling hit Velyka Novosilka and Nova Kakhovka overnight.")
    assert [p.text for p in places] == ["Velyka Novosilka", "Nova Kakhovka"]


def test_masthead_noun_after_a_demonym_is_an_outlet_not_a_village(geoparser):
    # session 23: "Ukrainian Pravda" (an outlet's name in translation) read as a village Pravda
    text = "Russian troops shelled Nikopol on Sunday, Ukrainian Pravda reported."
    assert "Pravda" not in _places(geoparser, text)
    assert "Pravda" in _places(geoparser, "Russian shelling hit Pravda, a village in the Kherson region, on Monday.")
