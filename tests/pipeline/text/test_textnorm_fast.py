"""``textnorm``'s fast forms give what their plain forms give (issue 12 point 6: same places, less work)."""

from __future__ import annotations

import random

from pipeline.text.textnorm import _NON_ASCII, _non_ascii, fold_words


def test_non_ascii_characters_are_those_the_regex_finds():
    rng = random.Random(9)
    alphabet = list("aZ ,.\n\t-'") + ["é", "’", "—", "ї", "ь", "\u00a0", "\ud800", "\udfff", "😀", "\x7f", "\x80", "ÿ"]
    texts = ["", "Kyiv", "Київ", "a\ud83db", "\U0010ffff"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30))) for _ in range(20_000)]
    for text in texts:
        assert _non_ascii(text) == "".join(_NON_ASCII.findall(text)), ascii(text)


def test_fold_words_keeps_its_length_and_folds_non_ascii_letters():
    for text in ("Київ, Харків", "Zaporizhzhia’s", "Łódź — Ærø", "a\ud800b", "plain ascii"):
        folded = fold_words(text)
        assert len(folded) == len(text)
    assert fold_words("Łódź — Ærø") == "lodz   aro"


def test_fold_words_reads_a_cyrillic_look_alike_in_a_latin_word_as_latin():
    from pipeline.text.textnorm import fold_words, name_key

    assert fold_words("in Sum\u0443 now") == "in sumy now"  # Cyrillic "у" between Latin letters
    assert name_key("Pavlohr\u0430d") == "pavlohrad"
    assert fold_words("Суми") == "суми"  # a Cyrillic word stays Cyrillic
    assert len(fold_words("Khark\u0456v, Харків")) == len("Khark\u0456v, Харків")
