"""The geoparser's fast paths give exactly what the plain forms they replace give."""

from __future__ import annotations

import math
import random
import re

import pytest

from pipeline.geoparse import recognise
from pipeline.text.textnorm import _WORD_TABLE, fold_words


def _random_texts(alphabet: str, n: int, max_len: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(alphabet) for _ in range(rnd.randrange(max_len))) for _ in range(n)]


@pytest.mark.parametrize("block", range(0, 0x110000, 0x4000))
def test_fold_words_equals_the_translate_table(block):
    text = "".join(chr(c) for c in range(block, min(block + 0x4000, 0x110000)) if not 0xD800 <= c < 0xE000)
    assert fold_words(text) == text.translate(_WORD_TABLE)
    mixed = "Kyiv-Kharkiv, 'Lviv' " + text[:200] + " Odesa."
    assert fold_words(mixed) == mixed.translate(_WORD_TABLE)


def test_fold_words_on_mixed_texts():
    alphabet = "aZ -'.,\u2019\u2014\u00e9\u00c9\u00df\u1e9e\u0131\u0416\u0436\u00a0\u200b\u30c1"
    for text in _random_texts(alphabet, 5000, 40, seed=1):
        assert fold_words(text) == text.translate(_WORD_TABLE)


def test_sentence_ends_equal_the_plain_regex():
    plain = re.compile(r"(?<=[.!?])[\"”’)\]]*\s+(?=[\"“‘(\[]*[A-Z0-9])|\n+")
    alphabet = "aZb.!?\n\n \t\r\x0c\u00a0\u2028\"”’)]“‘([A09-'’é"
    for text in _random_texts(alphabet, 20000, 50, seed=2):
        assert [m.end() for m in plain.finditer(text)] == [m.end() for m in recognise._SENTENCE_END.finditer(text)]


def test_sentence_starts_equal_the_single_scan():
    """One scan per end character, line-break runs inside a full stop's whitespace left out: the single pattern's
    ends, on texts of ends, closers, openers, every kind of whitespace and runs of line breaks."""
    pieces = [".", "!", "?", "\n", "\n\n", " ", "  ", "\t", "\r\n", "\x0c", "\x1c", "\u00a0", "\u2028", "\u2029",
              "”", "’", ")", "]", '"', "“", "‘", "(", "[", "A", "Z", "b", "x.", "7", "é", "É", "Ж"]
    seen = {"breaks taken in": 0, "breaks alone": 0}
    for text in _random_piece_texts(pieces, 30000, 24, seed=12):
        single = [0] + [m.end() for m in recognise._SENTENCE_END.finditer(text)]
        assert recognise.sentence_starts(text) == single, repr(text)
        for m in recognise._SENTENCE_END.finditer(text):
            if "\n" in m.group():
                seen["breaks alone" if m.group()[0] == "\n" else "breaks taken in"] += 1
    assert min(seen.values()) > 500


def test_word_before_equals_the_plain_regex():
    plain = re.compile(r"([A-Za-z][A-Za-z.'’-]*) $")
    alphabet = "aZb.'’- \n\t,A0é"
    for text in _random_texts(alphabet, 3000, 60, seed=3):
        ctx = recognise._Context(text)
        for pos in range(len(text) + 1):
            m = plain.search(text[max(0, pos - 40):pos])
            assert ctx.word_before(pos) == (m.group(1) if m else "")


def test_capitalised_words_equal_the_plain_regex():
    plain = re.compile(r"\b[A-Z][a-z]+(?:['’][a-z]+)?\b")
    alphabet = "aAbZz'’-_0é É\u00df\u0430\u0416.\n"
    for text in _random_texts(alphabet, 20000, 40, seed=4):
        assert [m.span() for m in plain.finditer(text)] == [m.span() for m in recognise._CAPITALISED.finditer(text)]


def _random_piece_texts(pieces: list[str], n: int, max_pieces: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(pieces) for _ in range(rnd.randrange(max_pieces))) for _ in range(n)]


_RUN_PIECES = ["a", "b", "A", "B", "Ab", "Cd", "D. ", " ", "  ", "\t", ".", "-", "\u2010", "'", "\u2019", "\u00c9",
               "\u00e9", "\u00df", "\u00d7", "\u00b2", "\u0416", "\u0436", "\u4e2d", "2", "_", "\n", ",", "of", "the",
               " of ", " and ", "de"]


def test_capitalised_spans_equal_the_plain_regex():
    start = recognise._with_latin1_listed(recognise._CAP_START)
    word = r"[\w'\u2019.\u2010\u2011-]*"
    plain = re.compile(start + word + r"(?:[ \t]+(?:(?:" + "|".join(recognise.CONNECTORS) + r")[ \t]+)*"
                       + start + word + r")*")
    runs = 0
    pieces = _RUN_PIECES + [f" {word} " for word in recognise.CONNECTORS] + list(recognise.CONNECTORS)
    for text in _random_piece_texts(pieces, 30000, 30, seed=11):
        spans = [m.span() for m in plain.finditer(text)]
        assert spans == [m.span() for m in recognise._CAP_SPAN.finditer(text)], text
        runs += any(" " in text[a:b] for a, b in spans)
    assert runs > 1000  # runs of several words occur


def test_capitalised_spans_of_the_marked_text_equal_the_regex():
    """``cap_spans`` (``_CAP_SPAN`` over the text marked: ASCII, capitals as "A") gives the spans ``_CAP_SPAN`` finds in
    the text: ASCII texts, texts with a few non-ASCII characters of every class, and texts with many."""
    pieces = _RUN_PIECES + [f" {word} " for word in recognise.CONNECTORS] + list(recognise.CONNECTORS) + [
        "\u00a0", "\u2011", "\u201c", "\u0660", "\u01c5", "\ufb01", "\u03a9", "\u03c9", "\u00ff", "\u00f7", "O\u2019", "Z"]
    many = "".join(chr(c) for c in range(0x410, 0x450))  # more distinct characters than are marked one by one
    kinds = {"ascii": 0, "marked": 0, "many": 0}
    for i, text in enumerate(_random_piece_texts(pieces, 30000, 30, seed=13)):
        if i % 10 == 0:
            text += many
        chars = {c for c in text if not c.isascii()}
        kinds["ascii" if not chars else "many" if len(chars) > recognise._MARKED_MAX_CHARS else "marked"] += 1
        assert recognise.cap_spans(text) == [m.span() for m in recognise._CAP_SPAN.finditer(text)], text
    assert min(kinds.values()) > 1000


def test_runs_text_and_offsets_equal_the_plain_forms():
    """``runs_text`` and ``runs_offset``'s table, each run's piece read with the character before it but at the text's
    start: as the plain per-run forms give them."""
    at_start = 0
    for text in _random_piece_texts(_RUN_PIECES, 20000, 12, seed=14):
        ctx = recognise._Context(text)
        spans = ctx.cap_spans
        starts, shifts, pos = [], [], 0
        for start, end in spans:
            begin = start - 1 if start else 0
            starts.append(pos)
            shifts.append(begin - pos)
            pos += end - begin + 1
        assert ctx.runs_text == "\n".join(text[start - 1 if start else 0:end] for start, end in spans), text
        assert ctx._runs_shifts == (starts, shifts), text
        at_start += bool(spans) and not spans[0][0]
    assert at_start > 1000


def test_person_runs_equal_the_plain_regex():
    plain = re.compile(r"[A-Z][a-z]+\.?(?:-[A-Z][a-z]+)?(?: (?:[A-Z]\. )*[A-Z][a-z]+\.?(?:-[A-Z][a-z]+)?)+"
                       r"(?![^\W\d_])")
    found = 0
    pieces = ["Ab", "Cd", "Ef", "A", " ", " ", "D. ", "-", ".", "a", "\u00c9", "\u00e9", "2", "_", "\n", "'"]
    for text in _random_piece_texts(pieces, 30000, 20, seed=12):
        spans = [m.span() for m in plain.finditer(text)]
        assert spans == [m.span() for m in recognise._CAP_RUN.finditer(text)], text
        found += bool(spans)
    assert found > 500  # person runs occur


def test_abbreviation_pattern_equals_the_plain_regex():
    abbreviations = ("U.S.", "U.S", "US", "USA", "UK", "U.K.", "W. Va.", "Va.", "D.C.", "DRC", "Ill.")
    longest_first = sorted(abbreviations, key=len, reverse=True)
    plain = re.compile(r"(?<![A-Za-z0-9.])(" + "|".join(map(re.escape, longest_first)) + r")(?![A-Za-z0-9])")
    fast = recognise._abbreviation_pattern(tuple(sorted(abbreviations)))
    rnd = random.Random(5)
    pieces = list(abbreviations) + [" ", ".", "a", "S", "A", "0", ",", "W", "\n"]
    for _ in range(20000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(12)))
        assert [m.span() for m in plain.finditer(text)] == [m.span() for m in fast.finditer(text)]


def test_lower_case_shortcut_agrees_with_the_word_set():
    text = "The kyiv-bound train left Kyiv; a re-kyiv test, Lviv's lviv and o'brien."
    ctx = recognise._Context(text)
    words = set(re.findall(r"(?<![A-Za-z])[a-z][a-z'-]+", text))
    for word in ("kyiv", "lviv", "kharkiv", "re", "brien", "o'brien", "the", "train", "a"):
        assert ctx.uses_lower_case(word) == (word in words)


def test_lower_case_occurrence_test_equals_the_word_set_on_random_texts():
    plain = re.compile(r"(?<![A-Za-z])[a-z][a-z'-]+")
    rnd = random.Random(11)
    pieces = ["ab", "b", "a", "ba", "Ab", "A", "'", "-", " ", ".", "1", "é", "\n", "ab'", "-ab"]
    queries = ["ab", "ba", "a", "b", "bab", "ab'ab", "ab-ab", "aba", "abab", "b'ab", "ab1", "Ab"]
    for _ in range(20000):
        text = "".join(rnd.choice(pieces) for _ in range(rnd.randrange(1, 12)))
        words = set(plain.findall(text))
        ctx = recognise._Context(text)
        for word in queries:
            assert ctx.uses_lower_case(word) == (word in words), (text, word)


def test_polygon_admin1_of_the_index_equals_the_spatial_join():
    from pipeline.geoparse.admin_join import join_admin1
    from pipeline.geoparse.gazetteer import POLYGON_JOIN_COUNTRIES, POLYGON_JOIN_KINDS, load_gazetteer

    gaz = load_gazetteer()
    rows = [r for r in range(len(gaz._a1)) if not isinstance(gaz._a1[r], str)
            and gaz._kind[r] in POLYGON_JOIN_KINDS and gaz._cc[r] in POLYGON_JOIN_COUNTRIES]
    assert rows, "the index has points that need the polygon layer"
    joined = join_admin1([round(float(gaz._lat[r]), 6) for r in rows], [round(float(gaz._lon[r]), 6) for r in rows])
    for row, j in zip(rows, joined.itertuples()):
        found = gaz.polygon_admin1_of(row)
        if j.admin1_code is None:
            assert found is None
        else:
            assert tuple(found) == (j.admin1_code, j.admin1_name, j.country_code, j.how)
    assert gaz.polygon_admin1_of(gaz.country_row("UA")) is None  # a row with no need of it


def test_zipf_shortcut_equals_wordfreq():
    from wordfreq import get_frequency_dict, zipf_frequency

    words = sorted(get_frequency_dict("en"))
    sample = random.Random(3).sample(words, 5000) + ["xqzzy", "kyiv", "o'brien", "new york", "the", "zz", "b2b"]
    recognise._zipf.cache_clear()
    assert [recognise._zipf(w) for w in sample] == [zipf_frequency(w, "en") for w in sample]


def test_nearest_km_window_box_is_never_tighter_than_the_window():
    from pipeline.geoparse.resolve import _AnchorGroup

    group = _AnchorGroup(0, ((48.0, 37.8), (50.45, 30.52)))
    assert group.may_be_close(48.0 + 2.999, 37.8 + 5.999)
    assert group.may_be_close(50.45 - 2.999, 30.52 - 5.999)
    assert not group.may_be_close(50.45 + 4.0, 30.52)
    assert not group.may_be_close(48.0, 37.8 + 7.0)
    assert _AnchorGroup(1, ((math.nan, 1.0),)).may_be_close(80.0, 170.0)


def _plain_skeleton(key: str) -> str:
    """``textnorm.skeleton`` written as a loop over the letters (the form it replaces)."""
    from pipeline.text.textnorm import _DIGRAPHS

    word = key.replace("'", "")
    if not word or not word.isalpha():
        return ""
    head, rest = word[0], word[1:]
    for src, dst in _DIGRAPHS:
        rest = rest.replace(src, dst)
    if head == "g":
        head = "h"
    out = [head]
    for ch in rest:
        if ch in "aeiouyjw":
            continue
        if ch != out[-1]:
            out.append(ch)
    return "".join(out)


def test_skeleton_equals_the_letter_loop():
    from pipeline.text.textnorm import skeleton

    rnd = random.Random(11)
    letters = "aeiouyjwghkzstcshhbbnnx'é"
    words = ["".join(rnd.choice(letters) for _ in range(rnd.randrange(12))) for _ in range(50000)]
    words += ["kharkiv", "kharkov", "mykolayiv", "luhansk", "lugansk", "gaza", "", "o'hara", "zaporizhzhia"]
    assert [skeleton(w) for w in words] == [_plain_skeleton(w) for w in words]


def test_candidate_fields_come_from_the_table():
    from pipeline.geoparse.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    for row in (0, 1, gaz.country_row("UA"), len(gaz._a1) - 1):
        c = gaz.candidate(row, primary=False)
        assert (c.row, c.name, c.lat, c.lon, c.feature_kind, c.population, c.primary) == (
            row, str(gaz._name[row]), float(gaz._lat[row]), float(gaz._lon[row]), str(gaz._kind[row]),
            int(gaz._pop[row]), False)
        assert c.admin1_code == (gaz._a1[row] if isinstance(gaz._a1[row], str) else None)
        assert isinstance(c.lat, float) and isinstance(c.population, int) and isinstance(c.capital, bool)


def test_confidence_equals_the_plain_softmax_share():
    from pipeline.geoparse.resolve import _confidence

    class Scored:
        def __init__(self, score: float) -> None:
            self.score = score

    rnd = random.Random(17)
    for _ in range(20000):
        scores = sorted((rnd.choice([rnd.uniform(-80, 20), rnd.uniform(-3, 3), 0.0]) for _ in range(rnd.randrange(1, 40))),
                        reverse=True)
        scored = [Scored(x) for x in scores]
        top = scores[0]
        assert _confidence(scored) == 1.0 / sum(math.exp(x - top) for x in scores)


def test_automaton_hits_equal_a_plain_scan_of_the_patterns():
    from pipeline.geoparse.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    patterns = set(gaz.keys.trie.keys())

    def plain(window):
        spaces = [i for i, ch in enumerate(window) if ch == " "]
        return [(end, (" ".join(window[start + 1:end].split()), end - start - 1))
                for end in spaces for start in spaces if start < end and window[start + 1:end] in patterns]

    rnd = random.Random(23)
    words = ["kyiv", "lyman", "the", "new", "york", "donetsk", "st", "louis", "x", "ukraine", "oblast", "paris"]
    edges = [" ", "a", "1", "'"]
    windows = []
    for _ in range(5000):
        inner = " ".join(rnd.choice(words) for _ in range(rnd.randrange(1, 4))) if rnd.random() < 0.5 \
            else rnd.choice(words) + rnd.choice(["", "s", "'s"])
        windows.append(rnd.choice(edges) + inner + rnd.choice(edges))
    windows += [" kyiv ", "akyiv ", " kyiv1", " new york ", " st  louis ", "  ", " ukrainian "]
    for window in windows:
        assert list(recognise._automaton_hits(gaz, window)) == plain(window), window


def test_key_facts_from_the_index_summary_equal_the_facts_of_the_rows():
    from pipeline.geoparse.gazetteer import load_gazetteer

    gaz = load_gazetteer()
    keys = list(gaz.keys.trie.keys())
    sample = random.Random(8).sample(keys, 20000) + ["kharkiv", "kyiv", "georgia", "paris", "dnipro", "ukrainian",
                                                     "st  louis", "no such place"]
    for key in sample:
        assert recognise._key_facts(gaz, key) == recognise._rows_facts(gaz, gaz.rows_for_key(key)), key


def test_index_fingerprint_follows_the_data_not_the_file_times(tmp_path, monkeypatch):
    import os
    import shutil

    import geodata
    from pipeline.geoparse import gazetteer

    for name in gazetteer.INDEX_SOURCES:
        shutil.copy(geodata.data_path(name), tmp_path / name)
    original = gazetteer._fingerprint()
    monkeypatch.setattr(geodata, "data_path", lambda name: tmp_path / name)
    assert gazetteer._fingerprint() == original  # a copy (a clone) shares the cached index
    os.utime(tmp_path / "landmarks.csv", ns=(1, 1))
    assert gazetteer._fingerprint() == original
    with (tmp_path / "admin1.parquet").open("ab") as fh:
        fh.write(b"\0")
    assert gazetteer._fingerprint() != original  # any change to the data rebuilds it
