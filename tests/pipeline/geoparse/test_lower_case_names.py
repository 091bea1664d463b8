"""``_lower_case_names`` with its cost paid only where a lower-case name can occur finds what the plain search for
every target finds (issue 12's speed guard, session 16)."""

from __future__ import annotations

import random

import pytest

from pipeline.geoparse import recognise as R
from pipeline.geoparse.weights import RECOGNISE_WEIGHTS
from pipeline.model import Signal
from pipeline.text.textnorm import name_key

_COUNTRIES = ("UA", "PL", "FR", "DE", "RU", "GB", "US", "IL")
_LOWER_CASE_NAMES = R._lower_case_names  # (``recorded`` replaces the module's while it records)


def _plain_lower_case_names(ctx, gaz, mentions):
    """The plain form (session 15's): every capitalised one-word name lowered and every one-word key of the
    capital of every country the text names is a target; each is tested, then searched for in the text."""
    text = ctx.text
    if text.islower() or len(text) >= RECOGNISE_WEIGHTS.lower_words_max_chars:
        return []
    targets: dict[str, bool] = {}
    countries = set()
    cols = gaz._columns()
    for m in mentions:
        if m.kind == "demonym":
            countries.update(str(cols[5][r]) for r in m.rows)
        elif m.kind == "name" and " " not in m.key and m.text[:1].isupper() and m.text[1:].islower():
            targets.setdefault(m.text.lower(), False)
            countries.update(str(cols[5][r]) for r in R._rows_of(gaz, m) if gaz.kind_of[r] == "country")
    for cc in countries:
        for row in R._capital_rows(gaz).get(cc, ()):
            for key in R._row_name_keys(gaz, row):
                if key.isalpha():
                    targets[key] = True
    covered = [(m.start, m.end) for m in mentions]
    found = []
    for word, capital in targets.items():
        if len(word) < 4 or not word.isalpha() or R._is_dictionary_word(word) or \
                (not capital and R._zipf(word) >= RECOGNISE_WEIGHTS.variant_max_zipf) or \
                word not in text or name_key(word) not in gaz.keys:
            continue
        for match in R._lower_case_word(word).finditer(text):
            start, end = match.span()
            if any(a <= start < b for a, b in covered) or ctx.paragraph_of(start) < 0:
                continue
            found.append((start, end, word, name_key(word), ctx.paragraph_of(start), ctx.sentence_of(start)))
    return sorted(found)


@pytest.fixture(scope="module")
def recorded(gazetteer, monkeypatch_module):
    """``find_mentions`` with ``_lower_case_names`` recorded: its inputs, for each text given."""
    calls = []
    monkeypatch_module.setattr(R, "_lower_case_names", lambda ctx, gaz, mentions: calls.append(
        (ctx, gaz, list(mentions))) or [])

    def run(text):
        calls.clear()
        R.find_mentions(text, gazetteer)
        return calls[0] if calls else None
    return run


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def test_capital_keys_are_the_one_word_names_of_the_capital_that_may_be_lower_case_names(gazetteer):
    for cc in _COUNTRIES:
        keys, groups = R._capital_keys(gazetteer, cc)
        names = {k for row in R._capital_rows(gazetteer)[cc] for k in R._row_name_keys(gazetteer, row)}
        plain = {k for k in names if len(k) >= 4 and k.isalpha() and not R._is_dictionary_word(k)
                 and name_key(k) in gazetteer.keys}
        assert set(keys) == plain and len(plain) > 3, cc
        assert sorted(k for _, group in groups for k in group) == list(keys)
    assert "kyiv" in R._capital_keys(gazetteer, "UA")[0] and "warszawa" in R._capital_keys(gazetteer, "PL")[0]


def test_lower_case_names_are_those_the_plain_search_for_every_target_finds(gazetteer, recorded):
    rng = random.Random(16)
    capital_keys = [k for cc in _COUNTRIES for k in R._capital_keys(gazetteer, cc)[0]]
    words = (["the", "was", "near", "’s", "kyiv.example.org", "@kyiv", "#odesa", "kyiv_news", "Ukraine", "Poland",
              "France", "Germans", "Russian", "Israel", "Britain", "Kyiv", "Bucha", "Irpin", "Paris", "Warsaw", "Odesa",
              "Lviv", "Kharkiv", "Springfield", "Reading", "bucha", "irpin", "odesa", "lviv", "kharkiv", "paris",
              "warsaw", "springfield", "reading", "berlin", "moscow", "kiev", "KYIV", "Kyivan", "bucha2"]
             + rng.sample(capital_keys, 60) + [k[:rng.randint(1, len(k))] for k in rng.sample(capital_keys, 30)])
    gaps = [" "] * 8 + [", ", ". ", "\n", "-", "'", "’", "/", ".", ""]
    found = 0
    for _ in range(400):
        text = "".join(rng.choice(words) + rng.choice(gaps) for _ in range(rng.randint(1, 40)))
        call = recorded(text)
        if call is None:
            continue
        ctx, gaz, mentions = call
        got = _LOWER_CASE_NAMES(ctx, gaz, mentions)
        assert all(m.signals == [Signal("lower_case_name", 0.0, "the name typed in lower case")] for m in got)
        got = sorted((m.start, m.end, m.text, m.key, m.paragraph, m.sentence) for m in got)
        assert got == _plain_lower_case_names(ctx, gaz, mentions), text
        found += len(got)
    assert found > 100


def test_names_typed_in_lower_case_found_only_where_the_text_has_them(gazetteer, recorded):
    ctx, gaz, mentions = recorded("Russian forces shelled Kyiv and Bucha overnight, officials in Ukraine said.")
    assert _LOWER_CASE_NAMES(ctx, gaz, mentions) == []
    ctx, gaz, mentions = recorded("Russian forces shelled Kyiv and Bucha overnight. Officials in Ukraine said "
                                  "the strikes near kiev and in bucha went on.")
    found = sorted(_LOWER_CASE_NAMES(ctx, gaz, mentions), key=lambda m: m.start)
    assert [m.text for m in found] == ["kiev", "bucha"]


def test_every_settlement_cue_holds_a_core_noun_or_cities():
    # ``_settlements_missing_from_gazetteer`` reads a text for settlement cues only when it holds a core noun (or
    # "cities"): every noun, cue head and village word holds one
    cores = R._SETTLEMENT_NOUN_CORES
    assert set(cores) <= set(R.SETTLEMENT_NOUNS)
    for word in (*R.SETTLEMENT_NOUNS, *R._SETTLEMENT_OF_HEADS, *R._VILLAGE_NOUN_WORDS):
        assert word == "cities" or any(core in word for core in cores), word


@pytest.mark.parametrize("text", ["Shelling hit the village of Kozacha Lopan.", "Troops took Robotyne, a village south of "
                                  "Orikhiv.", "Fighting for Tonenke village went on.", "The cities of Kramatorsk and "
                                  "Sloviansk were hit.", "Rockets hit Kharkiv and Sumy overnight."])
def test_settlement_cues_read_as_before_the_noun_gate(geoparser, text, monkeypatch):
    # the same mentions with the gate open for every text (the plain form: every cue searched for)
    gated = [(m.start, m.end, m.kind, m.settlement, m.village) for m in R.find_mentions(text, geoparser.gazetteer)]
    monkeypatch.setattr(R, "_SETTLEMENT_NOUN_CORES", ("",))
    plain = [(m.start, m.end, m.kind, m.settlement, m.village) for m in R.find_mentions(text, geoparser.gazetteer)]
    assert gated == plain


def test_region_words_of_the_automaton_are_region_cues():
    # ``_automaton_matches`` looks for "oblast", "region", "krai", "kray" (in the text's case) only in a text where
    # ``has_any(REGION_CUES)`` (in any case) found one: each is a region cue
    assert {"oblast", "region", "krai", "kray"} <= set(R.REGION_CUES)


def test_has_any_answers_each_tuple_as_a_search_for_its_words():
    rng = random.Random(22)
    pieces = ["Oblast", "region", "REGION", "krai", "Kray", "village", "town", "called", "İ", "ſ", " ", ", "]
    tuples = [R.REGION_CUES, R.ALIAS_CUE_WORDS, R._SETTLEMENT_NOUN_CORES, R._VILLAGE_NOUN_WORDS, ("ai",), ()]
    for _ in range(500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        ctx = R._Context(text)
        for words in rng.sample(tuples, len(tuples)) * 2:
            assert ctx.has_any(words) == any(word in text.lower() for word in words), (text, words)


def _plain_alias_pairs(text, gaz):
    """``_mark_aliases`` in its plain form: the cue words searched for first, then every name's gap."""
    calls = []
    original = R._mark_aliases

    def plain(ctx, gaz, mentions):
        worded = ctx.has_any(R.ALIAS_CUE_WORDS)
        names = [m for m in mentions if m.kind in ("name", "variant") and not m.region_word]
        by_start = {m.start: m for m in names}
        for m in names:
            if not (worded or ctx.text.startswith(" (", m.end) or ctx.text.startswith("(", m.end)):
                continue
            gap = R._ALIAS_GAP.match(ctx.text, m.end)
            other = by_start.get(gap.end()) if gap is not None else None
            if other is None or other.key == m.key:
                continue
            for a, b in ((m, other), (other, m)):
                if not a.alias_rows:
                    a.alias_rows, a.alias_text = R._rows_of(gaz, b), b.text
        calls.append(1)
    R._mark_aliases = plain
    try:
        mentions = R.find_mentions(text, gaz)
    finally:
        R._mark_aliases = original
    assert calls
    return [(m.start, m.alias_rows, m.alias_text) for m in mentions]


@pytest.mark.parametrize("text", [
    "Artyomovsk, also known as Bakhmut, was shelled.", "Bakhmut (Artemivsk) was shelled.",
    "Dnipro, formerly Dnipropetrovsk, was hit.", "Kyiv (Kiev) and Lviv were hit.", "Kyiv, Lviv and Odesa were hit.",
    "Toretsk, previously called Dzerzhynsk, was hit. Kramatorsk (Donetsk Oblast) too.",
    "Kropyvnytskyi, called Kirovohrad until 2016, and Pokrovsk, formerly Krasnoarmiisk, were hit."])
def test_aliases_marked_as_when_the_cue_words_were_searched_for_first(gazetteer, text):
    plain = _plain_alias_pairs(text, gazetteer)
    got = [(m.start, m.alias_rows, m.alias_text) for m in R.find_mentions(text, gazetteer)]
    assert got == plain
