"""The first pass's faster forms give what the plainer forms they replace give (session 12, branch fp13).

Each test compares a fast path with the reference it stands for, on inputs generated from a small alphabet of the
characters that matter to it (letters of both cases and of other scripts, apostrophes, spaces, digits, copyright
signs), so every branch is reached many times.
"""

from __future__ import annotations

import random
import re

from pipeline.geoparse import persons, recognise
from pipeline.text.textnorm import fold_words, name_key

# pieces the generated texts are made of: single characters and the literals the cues look for
_PIECES = ("a", "b", "y", "i", "j", "s", "K", "Z", "É", "é", "ß", "Ж", "ж", "ſ", "İ", "ı", "\u212a", "1", "2022", " ",
           " ", "\t", "\n", ",", ".", "-", "\u2010", "'", "’", "ʼ", "(c)", "(C)", "©", "Copyright", "copyright", "of",
           "the", "said", " said", "'s said", "’ has said", "_", "²", "\u00aa")


def _texts(seed: int, count: int, *, longest: int = 40) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, longest))) for _ in range(count)]


_POSSESSIVE = re.compile(r"['’]s?\Z")  # the pattern ``persons.without_possessive`` replaces


def test_without_possessive_is_the_substitution_it_replaces():
    words = _texts(3, 4000, longest=8) + ["Kyiv's", "Times’", "'s", "’", "", "KYIV'S", "boss's'"]
    for word in words:
        assert persons.without_possessive(word) == _POSSESSIVE.sub("", word), repr(word)
    # recognise's form ended in "$": the same on its words (``word_before`` holds no line break)
    for word in (w for w in words if "\n" not in w):
        assert persons.without_possessive(word) == re.sub(r"['’]s?$", "", word), repr(word)


def test_surname_stem_is_the_two_substitutions_it_replaces():
    def reference(word: str) -> str:
        return persons._SPELLING_TAIL.sub("", _POSSESSIVE.sub("", word.lower()))

    words = _texts(1, 4000, longest=8) + ["Zelenskyy's", "Zelensky’s", "Jones'", "'s", "’", "", "IJ", "Kyiv’S"]
    for word in words:
        assert persons.surname_stem(word) == reference(word), repr(word)


def test_copyright_window_test_agrees_with_the_search_it_guards():
    for text in _texts(2, 3000):
        for start in range(len(text) + 1):
            expected = bool(persons._COPYRIGHT_BEFORE.search(text, max(0, start - 20), start))
            assert persons._copyright_before(text, start) == expected, (text, start)


def test_a_reporting_verb_match_opens_with_a_listed_character():
    for text in _texts(3, 3000):
        for end in range(len(text) + 1):
            if persons._REPORTING_AFTER.match(text, end):
                assert text[end:end + 1] in persons._REPORTING_FIRST, (text, end)


def test_may_drop_still_covers_every_drop_on_generated_reporting_texts():
    """The guard before ``_REPORTING_AFTER`` keeps ``_may_drop`` True for a name a reporting verb follows."""
    m = recognise.Mention(0, 6, "Petrov", "petrov", "name", ())
    for tail in (" said", "'s said", "’ has said", "\tsaid", " also warned"):
        assert persons._may_drop(m, "Petrov" + tail, frozenset())
    assert not persons._may_drop(m, "Petrov.", frozenset())


def test_cap_span_class_with_latin1_listed_is_the_same_set_for_every_code_point():
    plain = re.compile(recognise._CAP_START)
    listed = re.compile(recognise._with_latin1_listed(recognise._CAP_START))
    for code in range(0x110000):
        ch = chr(code)
        assert bool(plain.fullmatch(ch)) == bool(listed.fullmatch(ch)), hex(code)


def test_cap_span_finds_the_runs_of_the_plain_pattern():
    plain = re.compile(recognise._CAP_START + r"[\w'’.\u2010\u2011-]*(?:[ \t]+(?:(?:"
                       + "|".join(recognise.CONNECTORS) + r")[ \t]+)*" + recognise._CAP_START
                       + r"[\w'’.\u2010\u2011-]*)*")
    for text in _texts(4, 3000) + ["Isle of Man, Rostov-on-Don and Łódź", "ÉTAT de São Paulo"]:
        assert [m.span() for m in recognise._CAP_SPAN.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_name_key_of_one_ascii_word_is_the_folded_form():
    for word in _texts(5, 4000, longest=6) + ["Kyiv", "KHARKIV", "Ab", "", "Straße", "İzmir", "\u212aiev"]:
        assert name_key(word) == " ".join(fold_words(word).split()), repr(word)


def test_word_after_is_what_its_pattern_finds():
    for text in _texts(6, 2000):
        ctx = recognise._Context(text)
        for pos in range(len(text) + 1):
            m = recognise._WORD_AFTER.match(text, pos, pos + 40)
            assert ctx.word_after(pos) == (m.group(1) if m else ""), (text, pos)


def test_skeleton_drops_the_same_letters_from_ascii_and_other_keys():
    from pipeline.text.textnorm import _REPEATS, _first_of_run, skeleton

    def reference(key: str) -> str:
        word = key.replace("'", "")
        if not word or not word.isalpha():
            return ""
        head, rest = word[0], word[1:]
        for src, dst in (("shch", "s"), ("zh", "z"), ("kh", "h"), ("ch", "c"), ("sh", "s"), ("ts", "c"), ("tz", "c"),
                         ("g", "h")):
            rest = rest.replace(src, dst)
        word = ("h" if head == "g" else head) + rest.translate(str.maketrans("", "", "aeiouyjw"))
        return _REPEATS.sub(_first_of_run, word)

    rng = random.Random(7)
    letters = "aeiouyjwshczktgkhrnvl'жё"
    keys = ["".join(rng.choice(letters) for _ in range(rng.randint(0, 10))) for _ in range(5000)]
    for key in keys + ["kharkiv", "kharkov", "mykolayiv", "lugansk", "київ", "shchastia"]:
        assert skeleton(key) == reference(key), repr(key)


def test_fold_words_is_the_character_table_applied_to_every_character():
    from pipeline.text.textnorm import _WORD_TABLE, _latin_homoglyphs

    rng = random.Random(8)
    chars = "aZ1 ,.-'’“”—éÉßŁłæЖжёЁİıſ\u212a\u0301ǅ²"
    texts = ["".join(rng.choice(chars) for _ in range(rng.randint(0, 30))) for _ in range(5000)]
    for text in texts + ["Kyiv’s “Maidan” — Łódź", "Київ", "São Paulo"]:
        # (then a word mixing Latin and Cyrillic letters reads its Cyrillic look-alikes as Latin)
        assert fold_words(text) == _latin_homoglyphs(text.translate(_WORD_TABLE)), repr(text)
