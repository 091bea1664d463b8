"""Person and river readings of place names (pipeline/geoparse/persons.py), and "X People's Republic" as the unit X.

The pure rules run over a two-row fake gazetteer with made-up names; the behaviour tests run the bundled
geoparser on sentences written for them.
"""

from __future__ import annotations

import pytest

from pipeline.geoparse.gazetteer import Candidate
from pipeline.geoparse.persons import BankCue, bank_cue, drop_reason, person_stems, river_cue, surname_stem
from pipeline.geoparse.recognise import Mention

# made-up places: a region abroad, a town in the war theatre named like a surname plus a place ending,
# a village in the theatre, a big town abroad
_ROWS = {
    0: Candidate(0, None, "Brovinsky", 49.0, 17.0, "admin1", "CZ", "CZ-99", 500_000, False),
    1: Candidate(1, None, "Tarovikino", 48.0, 43.0, "city", "RU", "RU-XX", 20_000, False),
    2: Candidate(2, None, "Tarovka", 48.5, 37.5, "city", "UA", "UA-14", 900, True),
    4: Candidate(4, None, "Kamensk-Rudskoye", 52.0, 39.0, "city", "RU", "RU-XX", 3_000, False),
    3: Candidate(3, None, "Grandport", 10.0, 10.0, "city", "XX", "XX-01", 2_000_000, True),
}


class _FakeGazetteer:
    def candidate(self, row: int, *, primary: bool = True) -> Candidate:
        return _ROWS[row]


def _reason(text: str, word: str, rows: tuple[int, ...], *, kind: str = "name",
            surnames: tuple[str, ...] = ()) -> str | None:
    start = text.index(word)
    m = Mention(start, start + len(word), word, word.lower(), kind, rows if kind == "variant" else ())
    return drop_reason(_FakeGazetteer(), m, rows, text, person_stems(surnames))


def test_surname_stem_joins_the_spellings_of_one_surname():
    assert {surname_stem(w) for w in ("Brovinsky", "Brovinskyy", "Brovinskiy", "Brovinskyi", "Brovinsky's")} \
        == {"brovinsk"}


def test_another_spelling_of_a_titled_surname_is_the_person():
    text = "President Petro Brovinskyy spoke. Later Brovinsky visited the troops."
    assert _reason(text, "Brovinsky", (0,), kind="variant", surnames=("Brovinskyy",)) == "person_spelling"


def test_reporting_verb_after_a_fuzzy_match_is_a_person():
    assert _reason("On Friday Brovinskyy added that the army advanced.", "Brovinskyy", (0,), kind="variant") \
        == "person_cue"


def test_fuzzy_match_abroad_needs_a_place_cue():
    assert _reason("The minister met with Brovinskyy on Monday.", "Brovinskyy", (0,), kind="variant") \
        == "fuzzy_abroad"
    assert _reason("Storms hit towns in Brovinskyy on Monday.", "Brovinskyy", (0,), kind="variant") is None


def test_surname_shaped_alternate_name_beside_a_person_noun_is_a_person():
    text = "The bridges were destroyed at the suggestion of Tarovikin, the commander."
    assert _reason(text, "Tarovikin", (1,)) == "person_cue"


def test_adjectival_surname_beside_a_reporting_verb_is_a_person():
    assert _reason("General Rudskyi visited the troops.", "Rudskyi", (4,)) == "person_cue"
    assert _reason("Fighting went on near Rudskyi.", "Rudskyi", (4,)) is None


def test_surname_shaped_alternate_name_with_a_place_cue_stays():
    assert _reason("Drones were shot down near Tarovikin overnight.", "Tarovikin", (1,)) is None


def test_village_in_the_theatre_beside_a_reporting_verb_stays():
    # a settlement of the war theatre read by its own name keeps its reading (precision of the person cue)
    assert _reason("Tarovka said goodbye to its last residents.", "Tarovka", (2,)) is None


def test_big_city_named_like_a_person_stays():
    assert _reason("Grandport said it would reopen the port.", "Grandport", (3,)) is None


@pytest.mark.parametrize("text, river", [
    ("Troops withdrew to the left bank of the Tarovka under fire.", True),
    ("Both banks of the Tarovka were shelled.", True),
    ("Soldiers crossed the Tarovka.", True),
    ("Soldiers crossed the Tarovka region.", False),
    ("Shelling hit Tarovka on the left bank.", False),
    ("Troops crossed into Tarovka.", False),
])
def test_river_cue(text, river):
    start = text.index("Tarovka")
    assert river_cue(text, start, start + len("Tarovka")) is river


@pytest.mark.parametrize("text, cue", [
    ("Troops withdrew to the left bank of the Tarovka.", BankCue(side=True, article=True)),
    ("Troops held the right bank of Tarovka.", BankCue(side=True, article=False)),
    ("Both banks of the Tarovka were shelled.", BankCue(side=False, article=True)),
    ("A strike on the Tarovka bank hit no one.", None),
])
def test_bank_cue_tells_side_and_article(text, cue):
    # one "bank of" cue read by the geoparser (an article: the river) and the events layer (a side)
    assert bank_cue(text, text.index("Tarovka")) == cue


def test_river_cue_drops_the_city_reading():
    assert _reason("Troops withdrew to the left bank of the Tarovka.", "Tarovka", (2,)) == "river"


# ---------------------------------------------------------------- the bundled geoparser


def _places(geoparser, text: str) -> dict[str, tuple[str | None, str | None]]:
    return {p.text: (p.feature_kind, p.admin1_code) for p in geoparser.parse_places(text)}


def test_left_bank_of_dnipro_is_not_the_city(geoparser):
    places = _places(geoparser, "The troops were ordered to withdraw to the left bank of the Dnipro.")
    assert "Dnipro" not in places
    assert _places(geoparser, "A missile hit Dnipro on Monday.")["Dnipro"] == ("city", "UA-12")


@pytest.mark.parametrize("republic, code", [("Donetsk", "UA-14"), ("Luhansk", "UA-09")])
def test_peoples_republic_names_its_oblast(geoparser, republic, code):
    places = _places(geoparser, f"Officials of the {republic} People's Republic said the vote was over.")
    assert places[republic] == ("admin1", code)


def test_peoples_republic_qualifies_the_village_list(geoparser):
    # names of villages in many oblasts: without the republic a bigger namesake elsewhere wins
    text = "The settlements of Novoselivka and Kamianka{} were taken, the army said."
    plain = _places(geoparser, text.format(""))
    assert plain["Novoselivka"][1] != "UA-14" and plain["Kamianka"][1] != "UA-14"
    places = _places(geoparser, text.format(" of the Donetsk People's Republic"))
    assert places["Novoselivka"][1] == "UA-14"
    assert places["Kamianka"][1] == "UA-14"


@pytest.mark.parametrize("text", ["(c) 2021 Tarovka/Wire. All rights reserved.", "© Tarovka Media", "Copyright 2020 Tarovka"])
def test_copyright_line_names_an_owner(text):
    assert _reason(text, "Tarovka", (2,)) == "copyright"


def test_the_text_only_gate_never_hides_a_drop():
    """``_may_drop`` (read from the text alone) is True wherever ``drop_reason`` drops a mention."""
    from pipeline.geoparse.persons import _may_drop

    befores = ("", "Storms hit ", "at the suggestion of ", "the left bank of the ", "troops crossed the ",
               "(c) 2022 ", "©", "Copyright 2021\t", "Photo: (C) ", "the wife of\t", "in the ", "Talks with ")
    afters = ("", " said on Monday.", "'s aide added", ", Grandport and more.", " region.", ".", " to the east",
              " has also confirmed", "\nNext line")
    seen = {True: 0, False: 0}
    for word, rows in (("Tarovikin", (1,)), ("Tarovka", (2,)), ("Brovinsky", (0,)), ("Grandport", (3,))):
        for surnames in ((), ("Tarovikiny",), ("Grandporty",)):
            for before in befores:
                for after in afters:
                    text = before + word + after
                    m = Mention(len(before), len(before) + len(word), word, word.lower(), "name", ())
                    stems = person_stems(surnames)
                    dropped = drop_reason(_FakeGazetteer(), m, rows, text, stems) is not None
                    seen[dropped] += 1
                    assert _may_drop(m, text, stems) or not dropped, text
    assert seen[True] > 20 and seen[False] > 20
