"""The geoparser's fast paths give what the plain ones give (issue 16: speed with identical outputs)."""

from __future__ import annotations

import gc
import math
import pickle
import random
from dataclasses import replace

from geopy.distance import great_circle

from pipeline.geoparse import GC_YOUNG_THRESHOLD
from pipeline.geoparse.resolve import _great_circle_km, _seats
from pipeline.text.textnorm import fold_words
from pipeline.geoparse.weights import RESOLVE_WEIGHTS, ResolveWeights


def _random_text(rng: random.Random, words: list[str]) -> str:
    """One to four capitalised sentences of one to eight of ``words``, joined by a full stop, a newline or a comma."""
    sentences = [" ".join(rng.choice(words) for _ in range(rng.randint(1, 8))) for _ in range(rng.randint(1, 4))]
    return rng.choice([". ", "\n", ", "]).join(s[:1].upper() + s[1:] for s in sentences) + "."


def _raw_mentions(rng: random.Random, words: list[str], gaz):
    """(text, context, surnames, raw mention) of 400 random texts (``_random_text``), each mention placed in its
    paragraph and sentence; mentions outside any paragraph are left out."""
    from pipeline.geoparse.recognise import Mention, _automaton_matches, _Context, _leftmost_longest, _surnames

    for _ in range(400):
        text = _random_text(rng, words)
        ctx = _Context(text)
        surnames = _surnames(ctx, gaz)
        for raw in _leftmost_longest(_automaton_matches(ctx, gaz)):
            m = Mention(*raw)
            m.paragraph, m.sentence = ctx.paragraph_of(m.start), ctx.sentence_of(m.start)
            if m.paragraph >= 0:
                yield text, ctx, surnames, m


def test_own_great_circle_equals_geopy_on_random_pairs():
    rng = random.Random(16)
    for _ in range(20_000):
        a = (rng.uniform(-90, 90), rng.uniform(-180, 180))
        b = (rng.uniform(-90, 90), rng.uniform(-180, 180))
        if rng.random() < 0.3:  # near pairs, as the ranking measures them
            b = (max(-90.0, min(90.0, a[0] + rng.uniform(-3, 3))), max(-180.0, min(180.0, a[1] + rng.uniform(-3, 3))))
        assert _great_circle_km(*a, *b) == great_circle().measure(a, b)  # the same float, not only close


def test_own_great_circle_edge_points_equal_geopy():
    pairs = [((0.0, 0.0), (0.0, 0.0)), ((-0.0, -0.0), (0.0, 90.0)), ((90.0, 180.0), (-90.0, -180.0)),
             ((50.45, 30.52), (50.45, 30.52)), ((0.0, 0.0), (0.0, 180.0)), ((10.0, 190.0), (10.0, -170.0))]
    for a, b in pairs:
        assert _great_circle_km(*a, *b) == great_circle().measure(a, b)


def test_own_great_circle_rejects_what_geopy_rejects():
    for bad in ((math.nan, 0.0), (0.0, math.inf)):
        for call in (lambda: _great_circle_km(*bad, 0.0, 0.0), lambda: great_circle().measure(bad, (0.0, 0.0))):
            try:
                call()
            except ValueError:
                continue
            raise AssertionError(f"{bad} accepted")


def test_weights_hash_is_remembered_and_equals_for_equal_weights():
    copy = replace(RESOLVE_WEIGHTS)
    assert copy == RESOLVE_WEIGHTS and hash(copy) == hash(RESOLVE_WEIGHTS)
    changed = replace(RESOLVE_WEIGHTS, capital=RESOLVE_WEIGHTS.capital + 1.0)
    assert changed != RESOLVE_WEIGHTS
    assert {RESOLVE_WEIGHTS: 1}.get(copy) == 1 and {RESOLVE_WEIGHTS: 1}.get(changed) is None
    hash(RESOLVE_WEIGHTS)
    again = pickle.loads(pickle.dumps(RESOLVE_WEIGHTS))
    assert again == RESOLVE_WEIGHTS and "_hash" not in pickle.loads(pickle.dumps(RESOLVE_WEIGHTS)).__dict__
    assert ResolveWeights().capital == RESOLVE_WEIGHTS.capital


def test_seats_equal_a_plain_recomputation(gazetteer):
    """``_seats`` (vectorised, worked out at load) is the most populous town of each admin-1 code, first row on a tie."""
    best: dict[str, int] = {}
    kinds, pops, a1s = gazetteer.kind_of, gazetteer.population_of, gazetteer._columns()[6]
    for row in range(gazetteer.n_rows):
        code = a1s[row]
        if kinds[row] != "city" or not code or pops[row] <= 0:
            continue
        if code not in best or pops[row] > pops[best[code]]:
            best[code] = row
    assert _seats(gazetteer) == best
    assert len(best) > 100


def test_loading_the_geoparser_raises_the_young_gc_threshold(geoparser):
    assert gc.get_threshold()[0] == GC_YOUNG_THRESHOLD


def test_similar_spelling_bound_first_equals_difflib():
    import difflib

    from pipeline.geoparse.recognise import _similar
    from pipeline.geoparse.weights import RECOGNISE_WEIGHTS

    rng = random.Random(5)
    letters = "abcdefghiklmnoprstuvyz"
    for _ in range(5_000):
        a = "".join(rng.choice(letters) for _ in range(rng.randint(0, 12)))
        b = "".join(rng.choice(letters) for _ in range(rng.randint(0, 12)))
        if rng.random() < 0.5 and a:  # close spellings
            b = a[:rng.randint(0, len(a))] + rng.choice(letters) + a[rng.randint(0, len(a)):]
        m = difflib.SequenceMatcher(None, a, b)
        least = RECOGNISE_WEIGHTS.variant_similarity
        plain = m.real_quick_ratio() >= least and m.quick_ratio() >= least and m.ratio() >= least
        assert _similar(a, b) == plain


def _plain_variant_of(gaz, word):
    """``_variant_of`` as first written, without its early exits."""
    from pipeline.geoparse.recognise import _W, _adjective_forms, _adjective_stem, _similar_spelling, _zipf
    from pipeline.text.textnorm import name_key, skeleton

    key = name_key(word)
    rows = gaz.skeletons.get(skeleton(key))
    if rows and key not in gaz.keys and _zipf(key) < _W.variant_max_zipf:
        rows = tuple(r for r in rows if gaz.kind_of[r] in ("city", "admin1") and _similar_spelling(key, r, gaz))
        if rows:
            return key, rows, "skeleton"
    stem = _adjective_stem(key)
    rows = _adjective_forms(gaz).get(stem, ()) if stem else ()
    if not rows or len(rows) > _W.adjective_max_places or key in gaz.keys or _zipf(key) >= _W.variant_max_zipf:
        return None
    return key, rows, "adjective"


def test_variant_reading_with_early_exits_equals_the_plain_one(geoparser):
    from pipeline.geoparse.recognise import _variant_of

    gaz = geoparser.gazetteer
    rng = random.Random(7)
    names = [str(gaz._name[row]) for row in sorted(_seats(gaz).values())[:300]]
    words = ["Because", "Between", "Johnson", "Margaret", "Smithfield"] + names
    words += [n[:i] + rng.choice("aeiouy") + n[i + 1:] for n in names for i in [rng.randrange(1, len(n))] if len(n) > 2]
    words += [n + rng.choice(["e", "y", "yi", "oye", "iy"]) for n in names]
    variants = 0
    for word in words:
        fast = _variant_of.__wrapped__(gaz, word)
        assert fast == _plain_variant_of(gaz, word), word
        variants += fast is not None
    assert variants > 0  # some words do read as variants


def test_abbreviation_trie_pattern_equals_the_plain_regex_on_the_gazetteer_list(gazetteer):
    import re

    from pipeline.geoparse.recognise import _abbreviation_pattern

    abbreviations = tuple(sorted(gazetteer.abbreviations))
    longest_first = sorted(abbreviations, key=len, reverse=True)
    plain = re.compile(r"(?<![A-Za-z0-9.])(" + "|".join(map(re.escape, longest_first)) + r")(?![A-Za-z0-9])")
    fast = _abbreviation_pattern(abbreviations)
    rng = random.Random(9)
    pieces = list(abbreviations) + [" ", ".", "a", "S", "A", "0", ",", "W", "\n", "U", "N.", "Va", "é"]
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(12)))
        assert [(m.span(), m.group(1)) for m in plain.finditer(text)] == \
            [(m.span(), m.group(1)) for m in fast.finditer(text)], text


# -- session 6 ------------------------------------------------------------------------------------
def test_quick_ratio_bound_equals_difflib_on_repeated_letters():
    """``_similar``'s own ``quick_ratio`` (letters in common as multisets) decides as difflib's does."""
    import difflib

    from pipeline.geoparse.recognise import _similar
    from pipeline.geoparse.weights import RECOGNISE_WEIGHTS

    rng = random.Random(6)
    least = RECOGNISE_WEIGHTS.variant_similarity
    for _ in range(20_000):
        a = "".join(rng.choice("aabkkz' ") for _ in range(rng.randint(0, 10)))
        b = "".join(rng.choice("abkz'") for _ in range(rng.randint(0, 10)))
        m = difflib.SequenceMatcher(None, a, b)
        assert _similar(a, b) == (m.real_quick_ratio() >= least and m.quick_ratio() >= least and m.ratio() >= least)


def _plain_names_of_person(gaz, run):
    """``_names_of_person`` as first written (every test on the run, no per-word memo)."""
    from pipeline.geoparse.recognise import (DIRECTIONS, MONTHS_DAYS, PLACE_NOUNS, TITLES, _is_dictionary_word,
                                             _key_facts, _names_a_place, _strong_key)
    from pipeline.text.textnorm import name_key

    words = run.split(" ")
    lows = [w.lower() for w in words]
    titled = [i for i, w in enumerate(lows) if w in TITLES or w.rstrip(".") in TITLES]
    if titled:
        return tuple(w.rstrip(".") for w in words[titled[0] + 1:] if w.lower() not in TITLES)
    first, last = words[0], words[-1]
    low = lows[0]
    if low in DIRECTIONS or low in MONTHS_DAYS or low in PLACE_NOUNS:
        return ()
    if _names_a_place(gaz, first) and (_strong_key(first, gaz) or name_key(first) not in gaz.keys):
        return ()
    if _is_dictionary_word(low):
        return ()
    if _key_facts(gaz, name_key(last)).strong:
        return ()
    return (last,)


def test_person_names_with_first_words_judged_once_equal_the_plain_rule(geoparser):
    from pipeline.geoparse.recognise import _names_of_person

    gaz = geoparser.gazetteer
    rng = random.Random(16)
    names = [str(gaz._name[row]) for row in sorted(_seats(gaz).values())[:200]]
    words = names + ["John", "Mary", "The", "North", "March", "President", "Gov.", "Smith", "American", "Reading",
                     "Washington", "Paris", "Jose", "Ukrainian", "Diaz-Balart", "Sen", "Lee"]
    for _ in range(3_000):
        run = " ".join(rng.choice(words) for _ in range(rng.randint(2, 4)))
        assert _names_of_person.__wrapped__(gaz, run) == _plain_names_of_person(gaz, run), run


def test_word_after_matched_in_place_equals_the_slice():
    from pipeline.geoparse.recognise import _WORD_AFTER, _Context

    rng = random.Random(3)
    for _ in range(2_000):
        text = "".join(rng.choice("ab A.'’-\n ,Zé") for _ in range(rng.randint(0, 60)))
        ctx = _Context(text)
        for pos in range(len(text) + 1):
            m = _WORD_AFTER.match(text[pos:pos + 40])
            assert ctx.word_after(pos) == (m.group(1) if m else "")


def test_row_test_of_a_mention_equals_its_rows(gazetteer):
    """``_name_verdict`` drops a mention without rows by ``key not in gaz.keys``: the same as ``_rows_of`` being
    empty."""
    from pipeline.geoparse.recognise import Mention, _rows_of

    keys = ["kyiv", "kharkiv oblast", "zzqx", "new york", "ukrainian", "st  louis", "", "pre", "the"]
    for key in keys:
        for rows in ((), (0,)):
            m = Mention(0, 1, key, key, "name", rows)
            assert (not m.rows and m.key not in gazetteer.keys) == (not _rows_of(gazetteer, m)), key


def test_rowless_matches_are_names_of_the_index(geoparser):
    """``_keep`` leaves the key test to ``_name_verdict``: every match ``_names_in_run`` gives without rows (the
    automaton's and the location lines') is a name of the index; the others are demonyms, with their row."""
    gaz = geoparser.gazetteer
    rng = random.Random(30)
    words = ["Ukrainian", "Kyiv", "St. Louis", "Reading", "the", "Oblast", "Kharkiv", "European", "NATO", "Zzqx",
             "New", "York", "Russians", "Donetsk", "People's", "Republic"]
    seen = 0
    for _text, _ctx, _surnames, m in _raw_mentions(rng, words, gaz):
        if not m.rows:
            assert m.kind == "name" and m.key in gaz.keys, m
            seen += 1
        else:
            assert m.kind == "demonym", m
    assert seen > 100


def test_region_word_look_ahead_needs_a_region_word_in_the_text():
    """``_automaton_matches`` looks for a lower-case region word after a run only in texts holding one."""
    from pipeline.geoparse.recognise import _LOWER_REGION_WORD

    rng = random.Random(8)
    pieces = ["Kharkiv", " ", "\t", "oblas", "regio", "kra", "Oblast", "Region", "x", "t", "n", "y", "i"]
    for _ in range(5_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        if not ("oblast" in text or "region" in text or "krai" in text or "kray" in text):
            assert all(_LOWER_REGION_WORD.match(text, i) is None for i in range(len(text) + 1)), text


def test_shared_single_candidate_context_is_never_changed(geoparser):
    from pipeline.geoparse.resolve import _ONLY_CANDIDATE

    before = list(_ONLY_CANDIDATE)
    texts = ["Shelling hit Pokrovsk. Later Pokrovsk was hit again, and Pokrovsk burned.",
             "Kherson and Mykolaiv. Kherson again; Mykolaiv again."]
    for text in texts:
        geoparser.parse_places(text)
    assert _ONLY_CANDIDATE == before and len(_ONLY_CANDIDATE) == 1


def _plain_hits(index, window):
    """``NameIndex.hits`` as first written (each trie walk over the rest of the window)."""
    found = []
    last = len(window) - 1
    i = window.find(" ", 0, last)
    while i >= 0:
        for p in index.trie.prefixes(window[i + 1:]):
            end = i + 1 + len(p)
            if end <= last and window[end] == " ":
                found.append((end, (" ".join(p.split()) if "  " in p else p, len(p))))
        i = window.find(" ", i + 1, last)
    found.sort(key=lambda hit: hit[0])
    return found


def test_name_walk_up_to_the_last_index_equals_the_plain_walk(gazetteer):
    """The trie is asked for the prefixes of the window up to its last index only: the same hits."""
    rng = random.Random(7)
    keys = ["kyiv", "kharkiv", "kharkiv oblast", "new york", "new york city", "st  louis", "ukrainian", "donetsk",
            "the", "of", "zzqx", "a", "novoselivka", "rostov on don", "bosnia and herzegovina"]
    for _ in range(3_000):
        words = [rng.choice(keys) for _ in range(rng.randint(1, 5))]
        body = rng.choice([" ", "  ", " . "]).join(words)
        window = rng.choice([" ", "x", ""]) + body + rng.choice([" ", "x", "", "  "])
        assert gazetteer.keys.hits(window) == _plain_hits(gazetteer.keys, window), window


def test_no_pattern_of_the_index_opens_with_a_space(gazetteer):
    """``NameIndex.hits`` with a run walks the trie from words only (a pattern opening with a space would start
    between two spaces of the window)."""
    assert gazetteer.keys.trie.keys(" ") == []


def test_name_walk_from_capitals_keeps_the_hits_that_start_under_a_capital(gazetteer):
    """``NameIndex.hits`` with the run skips the word starts under no upper-case character: the hits it gives are
    those of the plain walk whose first character is upper case in the run (the rest ``_names_in_run`` drops)."""
    rng = random.Random(34)
    words = ["Kyiv", "Kharkiv", "Kharkiv Oblast", "New York", "New York City", "St. Louis", "Ukrainian", "of", "on",
             "the", "Rostov-on-Don", "Bosnia and Herzegovina", "oblast", "kyiv", "Émile", "Ñew", "A", "a", "Zzqx"]
    seen = {"kept": 0, "skipped": 0}
    for _ in range(3_000):
        run = rng.choice([" ", " ", "-", ". "]).join(rng.choice(words) for _ in range(rng.randint(1, 5)))
        run += rng.choice(["", ".", "'"])
        before, after = rng.choice([" ", " ", "x"]), rng.choice([" ", " ", "x"])
        window = before + fold_words(run) + after
        plain = gazetteer.keys.hits(window)
        wanted = [hit for hit in plain if run[hit[0] - 1 - hit[1][1]].isupper()]
        assert gazetteer.keys.hits(window, run) == wanted, run
        seen["kept"] += len(wanted)
        seen["skipped"] += len(plain) - len(wanted)
    assert min(seen.values()) > 100


def test_sentence_starts_equal_the_match_ends():
    from pipeline.geoparse.recognise import _SENTENCE_END, sentence_starts

    rng = random.Random(5)
    for _ in range(2_000):
        text = "".join(rng.choice("ab A.!?\n \"”)Z1") for _ in range(rng.randint(0, 60)))
        assert sentence_starts(text) == [0] + [m.end() for m in _SENTENCE_END.finditer(text)]


def test_title_test_by_one_set_equals_the_plain_rule(geoparser):
    """Runs with titles anywhere, with and without dots (a title written "Capt." or "President."), and runs of
    lower-cased titles in other cases: the set test and the word-by-word test find the same names."""
    from pipeline.geoparse.recognise import _names_of_person

    gaz = geoparser.gazetteer
    rng = random.Random(12)
    words = ["President", "President.", "Capt.", "Capt", "Gen.", "Gen", "Lt.", "Mr.", "Mayor", "John", "Smith",
             "Kyiv", "Reading", "March", "Jose", "Diaz-Balart", "Ukrainian", "Lee", "Sgt.", "Pvt", "The"]
    for _ in range(3_000):
        run = " ".join(rng.choice(words) for _ in range(rng.randint(2, 5)))
        assert _names_of_person.__wrapped__(gaz, run) == _plain_names_of_person(gaz, run), run


def _plain_keep(m, ctx, gaz, surnames):
    """``_keep`` as first written: the dictionary-word rule last, after the context is read."""
    from pipeline.geoparse.recognise import (
        _BYLINE_SURNAME, _FACILITY, _MEDIA_BEFORE, ADMIN_UNIT_WORDS, INSTITUTION_WORDS, MONTHS_DAYS, ORG_NOUNS,
        PLACE_NOUNS, SPEECH_VERBS, TITLES, WATER_NOUNS, _W, _allowed_before, _is_dateline, _is_dictionary_word,
        _mention_facts, _strong_key, _unknown_surname, _zipf)
    from pipeline.geoparse.persons import without_possessive
    from pipeline.model import Signal

    if not m.rows and m.key not in gaz.keys:
        return False
    line_kind = ctx.line_kind(m.paragraph)
    facts = _mention_facts(gaz, m)
    strong = facts.strong
    surface, low = m.text, m.key
    if m.kind == "abbreviation":
        return line_kind != "caps"
    if low in MONTHS_DAYS:
        return False
    if m.location_line:
        m.signals.append(Signal("location_line", 0.0, "in a location string"))
        return True
    if surface.isupper() and len(surface) > 1:
        if line_kind != "caps":
            return bool(_is_dateline(m, ctx) and strong)
        return m.kind == "demonym" or facts.country_or_capital or facts.any_admin1
    if m.kind == "demonym":
        return True
    if surface in surnames and not (strong and facts.best_population >= 1_000_000):
        return False
    before, after = ctx.word_before(m.start), ctx.word_after(m.end)
    after_low = after.lower()
    if after_low in WATER_NOUNS and not facts.any_water:
        return False
    if after_low.rstrip(".,;:") in ORG_NOUNS and not facts.country_or_capital:
        return False
    if not facts.country_or_capital and _MEDIA_BEFORE.search(ctx.text, max(0, m.start - 30), m.start):
        return False
    sentence_start = ctx.is_sentence_start(m.start)
    if line_kind == "title" and not facts.country_or_capital and " " not in low:
        byline = _BYLINE_SURNAME.match(ctx.text, m.end)
        if byline and _unknown_surname(byline.group(1), gaz):
            return False
    if line_kind == "prose":
        if before and before.lower().rstrip(".") in TITLES:
            return False
        if before and before[0].isupper() and not sentence_start and not _allowed_before(before, m.start, ctx, gaz):
            return False
        if after and after[0].isupper() and after_low not in PLACE_NOUNS \
                and without_possessive(after_low.rstrip(".,;:")) not in ADMIN_UNIT_WORDS and not _strong_key(after, gaz) \
                and not _FACILITY.match(ctx.text, m.end):
            if (not facts.country_or_capital and after_low not in INSTITUTION_WORDS
                    and not _zipf(after_low) >= _W.next_sentence_zipf) or after in surnames:
                return False
        if after_low in SPEECH_VERBS and not strong and " " not in low:
            return False
    single_word = " " not in low
    if single_word and not strong and ctx.uses_lower_case(low):
        return False
    if single_word and sentence_start and not strong and _zipf(low) >= _W.sentence_start_common_zipf:
        return False
    if single_word and _is_dictionary_word(low) and not facts.country_or_capital:
        if sentence_start or not strong or _zipf(low) >= _W.dictionary_word_zipf:
            return False
    return True


def test_dictionary_words_rejected_before_the_context_equal_the_plain_order(geoparser):
    """Every gazetteer match of synthetic texts (English words that are place names, strong names, titles,
    sentence starts, headlines in capitals) is kept or dropped as the plain order of the rules decides."""
    from pipeline.geoparse.recognise import _keep

    gaz = geoparser.gazetteer
    rng = random.Random(21)
    words = ["Reading", "March", "Mobile", "Buffalo", "Independence", "Western", "Paris", "Kyiv", "Kharkiv", "the",
             "village", "of", "President", "said", "Smith", "John", "river", "group", "Liberty", "Victoria", "Ukraine",
             "READING", "KYIV", "Oblast", "in", "reading", "mobile", "Lincoln", "Jackson", "Hope", "Union",
             "channel", "publication", "–", "Sunday", "Tkachenko"]
    seen = 0
    for text, ctx, surnames, m in _raw_mentions(rng, words, gaz):
        plain = replace(m, signals=list(m.signals))
        assert _keep(m, ctx, gaz, surnames) == _plain_keep(plain, ctx, gaz, surnames), (text, m.text)
        assert m.signals == plain.signals
        seen += 1
    assert seen > 1_000


def test_settlement_cues_found_from_their_common_tail_equal_has_any():
    """``has_any_before(heads, " of")`` answers as ``has_any`` of the whole cue phrases, in any case."""
    from pipeline.geoparse.recognise import _SETTLEMENT_OF_HEADS, SETTLEMENT_OF_CUES, _Context

    rng = random.Random(9)
    parts = ["village", "Villages", "town", "TOWNSHIP", "city", "cities", "citys", "urban-type settlement", "hamlet",
             " of", " of ", "of", "  of", " off", "x", " ", "o", "ville", "’"]
    for _ in range(5_000):
        text = "".join(rng.choice(parts) for _ in range(rng.randint(0, 8)))
        ctx = _Context(text)
        assert ctx.has_any_before(_SETTLEMENT_OF_HEADS, " of") == ctx.has_any(SETTLEMENT_OF_CUES), text


def test_adjective_table_stored_in_the_index_equals_the_one_built_from_the_trie(gazetteer):
    """The index stores the adjective-stem table (built with it, so loading does not walk every key); it
    equals the table built at run time from the trie, which is what a change of its weights falls back to."""
    import dataclasses

    from pipeline.geoparse import recognise

    stored = gazetteer.stored_adjective_forms
    assert stored["params"] == [recognise._W.adjective_min_population, recognise._W.adjective_stem_min_letters]
    fake = dataclasses.make_dataclass("G", ["stored_adjective_forms", "keys", "kind_of", "population_of"])
    rebuilt = recognise._adjective_forms.__wrapped__(
        fake({"params": [-1, -1], "forms": {}}, gazetteer.keys, gazetteer.kind_of, gazetteer.population_of))
    assert rebuilt == stored["forms"] and len(rebuilt) > 1000


def test_media_noun_read_backwards_equals_the_regex_search():
    """``_after_media_noun`` (one match of the reversed text) answers as ``_MEDIA_BEFORE.search`` over the 30
    characters before the position, on random texts of nouns, cases, spaces, tabs, quotes and odd letters."""
    from pipeline.geoparse.recognise import _MEDIA_BEFORE, _after_media_noun

    rng = random.Random(9)
    parts = ["newspaper", "NEWSPAPERS", "Blog", "blogs", "daily", "channel", "Channels", "tabloid", "podcasts",
             "weekly", "ageNcy", "outlet", "\u017f", "\u212a", "x", "a", "_", "1", " ", " ", "\t", "\"", "“", "«", "'",
             "é", "\n", "Kyiv"]
    found = 0
    for _ in range(100_000):
        text = "".join(rng.choice(parts) for _ in range(rng.randint(0, 12)))
        pos = rng.randint(0, len(text))
        plain = _MEDIA_BEFORE.search(text, max(0, pos - 30), pos) is not None
        assert _after_media_noun(text, pos) == plain, (text, pos)
        found += plain
    assert found > 500


def test_names_dropped_before_their_context_are_dropped_by_keep(geoparser):
    """A name ``_name_verdict`` drops is dropped by the plain ``_keep`` wherever it stands (outside location
    lines for the dictionary-word verdict); every verdict occurs."""
    from pipeline.geoparse.recognise import _CONTEXT_DECIDES, _DROPPED_ANYWHERE, _name_verdict

    gaz = geoparser.gazetteer
    rng = random.Random(22)
    words = ["Reading", "March", "Mobile", "Buffalo", "Independence", "Western", "Paris", "Kyiv", "Sunday", "the",
             "village", "of", "President", "said", "Smith", "John", "Liberty", "Victoria", "READING", "MARCH", "in",
             "Lincoln", "Hope", "Union", "May", "Friday", "Ukraine", "Kharkiv"]
    verdicts = set()
    for text, ctx, surnames, m in _raw_mentions(rng, words, gaz):
        if m.kind != "name" or m.rows:
            continue
        verdict = _name_verdict.__wrapped__(gaz, m.key, m.text)
        verdicts.add(verdict)
        if verdict != _CONTEXT_DECIDES:
            assert not _plain_keep(replace(m, signals=[]), ctx, gaz, surnames), (text, m.text)
        if verdict == _DROPPED_ANYWHERE:
            assert not _plain_keep(replace(m, signals=[], location_line=True), ctx, gaz, surnames)
    assert len(verdicts) == 3


def test_scores_sorted_by_two_sorts_equal_the_tuple_key():
    from pipeline.geoparse.resolve import _Scored, _sort_scored

    rng = random.Random(5)
    for _ in range(2_000):
        rows = rng.sample(range(1_000), rng.randint(0, 12))
        scored = [_Scored(_candidate_of_row(r), rng.choice([0.0, -0.0, 1.5, 2.25, rng.uniform(-5, 5)]), []) for r in rows]
        plain = sorted(scored, key=lambda s: (-s.score, s.candidate.row))
        _sort_scored(scored)
        assert scored == plain


def _candidate_of_row(row):
    from pipeline.geoparse.gazetteer import Candidate

    return Candidate(row, None, "x", 0.0, 0.0, "city", "UA", None, 0, True, False, False, False)


def test_first_pass_ranking_equals_the_general_loop(geoparser):
    """``_rank`` with no admin-1 unit, qualifier or anchor (its short loop) scores as the general loop does
    when the article names an admin-1 unit none of the candidates lies in."""
    from collections import Counter

    from pipeline.geoparse.recognise import find_mentions
    from pipeline.geoparse.resolve import _candidates, _rank, _RankContext

    gaz = geoparser.gazetteer
    text = ("Paris, Springfield and Alexandria were named. Shelling hit Kharkiv, Odesa and Lviv in Ukraine; "
            "Moscow and Washington, Georgia, reacted.")
    ranked = 0
    for countries in (Counter(), Counter({"UA": 2, "US": 1})):
        first = _RankContext(gaz, countries, {}, [], RESOLVE_WEIGHTS)
        general = _RankContext(gaz, countries, {"ZZ-99": [(0, None, 0, 0)]}, [], RESOLVE_WEIGHTS)
        for m in find_mentions(text, gaz):
            cands = _candidates(m, gaz)[:RESOLVE_WEIGHTS.max_candidates]
            fast, plain = _rank(m, cands, first), _rank(m, cands, general)
            assert [(s.candidate, s.score, s.signals) for s in fast] == [(s.candidate, s.score, s.signals) for s in plain]
            ranked += len(cands) > 1
    assert ranked >= 4


# -- session 10 -----------------------------------------------------------------------------------
_RUN_PIECES = ["Kyiv", "Gino", "D.", "Bassett", "Diaz-Balart", "McDonald", "Rostov", "-on-", "Don", "of", "and", "the",
               "an", "Isle", "Man", "U.S.", "U.S", "UK", "US", "W.", "Va.", "W.Va.", "D.C.", "N.Y.", "Kyiv's", "Luk'yanivka",
               "Square", "Cathedral", "Squared", "Station", "abc", "x", "1990s", "2nd", "_", "Éire", "École", "ßa", "Київ",
               "київ", "™", "²", "O’Neill", "’", "'", ".", ",", "-", "\u2010", " ", " ", " ", "  ", "\t", "\n", "(", "\"",
               "A", "Z", "a", "é", "Ab", "aB", "AB."]


def _random_run_text(rng: random.Random) -> str:
    return "".join(rng.choice(_RUN_PIECES) for _ in range(rng.randrange(30)))


def test_runs_text_finds_what_the_text_finds():
    """``_Context.runs_text`` (the capitalised runs only) gives the matches of ``_CAPITALISED`` and ``_CAP_RUN``
    the whole text gives, the abbreviations at the same offsets, and holds every facility head the text holds."""
    from pipeline.geoparse.recognise import (_CAP_RUN, _CAPITALISED, _FACILITY_HEAD, _Context, _abbreviation_pattern,
                                             _runs_hold)

    abbreviations = ("D.C.", "N.Y.", "U.S", "U.S.", "UK", "US", "W. Va.", "W.Va.")
    assert _runs_hold(abbreviations) and not _runs_hold(("U.S.", "a.m."))
    pattern = _abbreviation_pattern(abbreviations)
    rng = random.Random(10)
    found = {"capitalised": 0, "person": 0, "abbreviation": 0, "head": 0}
    for _ in range(20_000):
        text = _random_run_text(rng)
        ctx = _Context(text)
        runs = ctx.runs_text
        assert _CAPITALISED.findall(runs) == _CAPITALISED.findall(text), text
        assert [(ctx.runs_offset(m.start()), m.group()) for m in _CAPITALISED.finditer(runs)] == \
            [(m.start(), m.group()) for m in _CAPITALISED.finditer(text)], text
        assert _CAP_RUN.findall(runs) == _CAP_RUN.findall(text), text
        in_text = [(m.start(), m.group()) for m in pattern.finditer(text)]
        assert [(ctx.runs_offset(m.start()), m.group()) for m in pattern.finditer(runs)] == in_text, text
        for head, head_pattern in _FACILITY_HEAD.items():
            if head_pattern.search(text):
                assert head in runs, text
                found["head"] += 1
        found["capitalised"] += bool(_CAPITALISED.search(text))
        found["person"] += bool(_CAP_RUN.search(text))
        found["abbreviation"] += bool(in_text)
    assert min(found.values()) > 100  # every kind of match occurs


def _random_numbers(rng: random.Random) -> list:
    """Floats of every size and sign (repeated, so the remembered values are read back), both zeros, ints."""
    values = [0.0, -0.0, 0, 1, -2, 0.0005, -0.0005, 0.0015, 2.675, 1e-9, -1e-9, 123456.7895, math.inf, -math.inf]
    for _ in range(5_000):
        values.append(rng.choice([rng.uniform(-1, 1), rng.uniform(-180, 180), round(rng.uniform(-2, 2), 4),
                                  rng.randint(-5, 5) / 8, rng.randint(-3, 3)]))
    return values + values[::-1]


def test_signal_record_weight_is_round_to_three_places():
    """``Signal.as_record`` remembers rounded weights: the same value, type and sign as ``round(weight, 3)``."""
    from pipeline.model import Signal

    for weight in _random_numbers(random.Random(31)):
        got = Signal("x", weight, "t").as_record()["weight"]
        assert repr(got) == repr(round(weight, 3)) and type(got) is type(round(weight, 3)), weight


def test_place_point_is_round_to_six_places(geoparser):
    """``Geoparser`` remembers rounded points: what ``(round(lat, 6), round(lon, 6))`` gives, zeros and signs kept."""
    rng = random.Random(32)
    values = _random_numbers(rng)
    for lat, lon in zip(values, values[7:] + values[:7], strict=True):
        lat, lon = float(lat), float(lon)
        for _ in range(2):  # (the second time from what was remembered)
            point = geoparser._points.get((lat, lon)) if lat and lon else None
            point = geoparser._rounded_point(lat, lon) if point is None else point
            assert repr(point) == repr((round(lat, 6), round(lon, 6))), (lat, lon)


def test_glued_fragment_needs_an_apostrophe_or_hyphen_beside_it(gazetteer):
    """``_names_in_run`` asks ``_glued_fragment`` only when an apostrophe or a hyphen stands beside the name:
    without one it never finds a fragment."""
    from pipeline.geoparse.recognise import _GLUE, _glued_fragment

    rng = random.Random(33)
    pieces = ["Kharkiv", "Gora", "Podol", "Kyiv", "s", "ka", "-", "\u2010", "'", "’", "`", " ", "Pro", "ivka", "A"]
    seen = 0
    for _ in range(20_000):
        run = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
        for start in range(len(run)):
            for end in range(start + 1, len(run) + 1):
                if run[start - 1:start] not in _GLUE and run[end:end + 1] not in _GLUE:
                    assert not _glued_fragment(gazetteer, run, start, end), (run, start, end)
                    seen += 1
    assert seen > 10_000


def test_media_noun_gate_holds_every_media_match():
    """``_Context.may_name_media`` is True for every text in which ``_MEDIA_BEFORE`` matches before some position
    (the gate is a necessary condition: a text it closes has no medium before any name), on random texts of nouns,
    cases and the letters re.IGNORECASE reads as ASCII ones."""
    from pipeline.geoparse.recognise import _MEDIA_BEFORE, _Context

    rng = random.Random(11)
    parts = ["newspaper", "NEWSPAPERS", "Blog", "daily", "Channel", "podca\u017ft", "wee\u212aly", "publ\u0130cation",
             "webs\u0131te", "outlet", "x", " ", "\t", "\"", "«", "é", "\n", "Kyiv", "Ag", "ency"]
    opened = closed = 0
    for _ in range(20_000):
        text = "".join(rng.choice(parts) for _ in range(rng.randint(1, 10)))
        gate = _Context(text).may_name_media
        matched = any(_MEDIA_BEFORE.search(text, max(0, pos - 30), pos) for pos in range(len(text) + 1))
        assert gate or not matched, text
        opened += matched
        closed += not gate
    assert opened > 500 and closed > 500


def test_sentence_start_and_word_before_equal_their_plain_forms():
    """``_Context.is_sentence_start`` (read back from the position) and ``word_before`` (no window copied) answer as
    the sentence so far stripped of openers and as r"([A-Za-z][A-Za-z.'’-]*) $" over the 40 characters before."""
    import re

    from pipeline.geoparse.recognise import _Context

    word_before = re.compile(r"([A-Za-z][A-Za-z.'’-]*) $")
    rng = random.Random(12)
    parts = ["Kyiv", "the", ".", ". ", "! ", "\n", " \n", " ", "\t", "\"", "“", "‘", "(", "[", "’s", "-", "'", "A.",
             "x", "é", "Dnipro's", "  "]
    starts = 0
    for _ in range(20_000):
        text = "".join(rng.choice(parts) for _ in range(rng.randint(1, 14)))
        ctx = _Context(text)
        for pos in range(len(text) + 1):
            start = ctx.sentences[ctx.sentence_of(pos)]
            plain = not text[start:pos].strip(" \t\"“‘([")
            assert ctx.is_sentence_start(pos) == plain, (text, pos)
            starts += plain
            found = word_before.search(text[max(0, pos - 40):pos])
            assert ctx.word_before(pos) == (found.group(1) if found else ""), (text, pos)
    assert starts > 1000


def test_list_gap_matched_in_place_equals_the_gap_copied_out():
    """``_is_list_gap`` (``_LIST_GAP_AT`` matched between two positions) answers as ``_LIST_GAP`` on the slice."""
    from pipeline.geoparse.recognise import _LIST_GAP, _is_list_gap

    rng = random.Random(13)
    parts = [" ", ",", "and", "or", "\n", "\t", "x", " and ", ", or ", "\u2003", "andx", "Kyiv"]
    gaps = 0
    for _ in range(50_000):
        text = "".join(rng.choice(parts) for _ in range(rng.randint(0, 8)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        plain = _LIST_GAP.match(text[start:end]) is not None
        assert _is_list_gap(text, start, end) == plain, (text, start, end)
        gaps += plain
    assert gaps > 1000


def test_lower_case_word_spans_equal_the_compiled_pattern():
    """``_lower_case_word_spans`` (a plain search and the characters around) finds what the compiled
    ``_lower_case_word`` pattern finds, for words of letters, on random texts of repeats, punctuation, addresses,
    handles and letters of other scripts."""
    from pipeline.geoparse.recognise import _lower_case_word, _lower_case_word_spans

    rng = random.Random(14)
    parts = ["kyiv", "kyivkyiv", "irpin", "ki", "yiv", " ", ".", ".x", ". ", "@", "#", "/", "-", "'", "’", "_", "é",
             "1", "К", "\n", "Kyiv", "a", "x.kyiv"]
    found = 0
    for _ in range(30_000):
        text = "".join(rng.choice(parts) for _ in range(rng.randint(0, 10)))
        for word in ("kyiv", "irpin", "kyivkyiv"):
            plain = [m.span() for m in _lower_case_word(word).finditer(text)]
            assert list(_lower_case_word_spans(text, word)) == plain, (text, word)
            found += len(plain)
    assert found > 1000


def test_distinct_runs_text_holds_the_same_matches():
    """The patterns read as sets over ``_Context.distinct_runs_text`` (each run once) find the same set of matches
    as over ``runs_text``, and the same words occur in both, on random texts with repeated runs."""
    from pipeline.geoparse.recognise import _CAP_RUN, _CAPITALISED, _Context

    rng = random.Random(15)
    words = ["Kyiv", "kyiv", "Joe", "Biden", "Diaz-Balart", "D.", "St.", "of", "the", "Kharkiv's", "O’Leary", "US",
             "Vinnyts'ki", "Khutory", "é", "Émile", "and", "(", ")", "\n", "Dnipro", "said"]
    repeated = 0
    for _ in range(5_000):
        text = _random_text(rng, words)
        ctx = _Context(text)
        runs, distinct = ctx.runs_text, ctx.distinct_runs_text
        for pattern in (_CAPITALISED, _CAP_RUN):
            assert set(pattern.findall(runs)) == set(pattern.findall(distinct)), text
        for word in ("Kyiv", "sk", "Biden", "Joe Biden"):
            assert (word in runs) == (word in distinct), (text, word)
        repeated += len(distinct) < len(runs)
    assert repeated > 100


def test_signal_records_equal_each_signal_as_record():
    """``place_record`` writes each signal as ``Signal.as_record`` does (its loop reads the same rounding memo)."""
    from pipeline.model import Signal, _signal_records

    rng = random.Random(16)
    weights = [0.0, -0.0, 1, 2.5, -0.3333333, 1e-9, 123.4567891, float("inf")]
    for _ in range(2_000):
        signals = [Signal(rng.choice(["a", "b"]), rng.choice(weights + [rng.uniform(-5, 5)]), rng.choice(["", "x"]))
                   for _ in range(rng.randint(0, 6))]
        expected = [s.as_record() for s in signals]
        got = _signal_records(signals)
        assert got == expected
        assert [repr(r["weight"]) for r in got] == [repr(r["weight"]) for r in expected]


def test_capitalised_matches_of_words_equal_the_filtered_scan():
    """``_capitalised_matches_of`` (the words' occurrences, each matched in place) gives the matches of
    ``_CAPITALISED.finditer`` that are one of the words, in order, on random texts of words that hold one another."""
    from pipeline.geoparse.recognise import _CAPITALISED, _capitalised_matches_of

    rng = random.Random(17)
    parts = ["Kharkov", "Kharkovka", "Kharkov's", "Kharkov’s", "XKharkov", "kharkov", "Lugansk", "Lugansky", "McKharkov",
             " ", "\n", "-", "'", "é", "1", "Dnepr", "Dneprx", "D"]
    found = 0
    for _ in range(30_000):
        text = "".join(rng.choice(parts) for _ in range(rng.randint(0, 10)))
        words = rng.sample(["Kharkov", "Kharkov's", "Lugansk", "Dnepr", "Kharkovka"], rng.randint(1, 3))
        plain = [(m.start(), m.group()) for m in _CAPITALISED.finditer(text) if m.group() in words]
        assert _capitalised_matches_of(text, words) == plain, (text, words)
        found += len(plain)
    assert found > 1000


def _plain_widen_adjective_districts(text, resolved):
    """``widen_adjective_districts`` as session 20 wrote it (the tests in their first order, by slicing)."""
    from pipeline.geoparse.districts import _DISTRICT_AFTER, CITY_DISTRICT_SIGNAL

    for r in resolved:
        m = r.mention
        if m.kind not in ("name", "variant") or m.region_word or text[m.end:m.end + 1] not in (" ", "\t"):
            continue
        if r.candidate.feature_kind != "admin2" and not any(s.kind == CITY_DISTRICT_SIGNAL for s in r.signals):
            continue
        after = _DISTRICT_AFTER.match(text, m.end)
        if after is not None:
            m.end = after.end()
            m.text = text[m.start:m.end]


def test_district_widening_told_by_indexing_equals_the_plain_tests(geoparser, monkeypatch):
    """The next two characters read first (a blank, then a blank or a district noun's first letter) widen the
    spans the plain tests widen, in every case and spacing and at the text's end."""
    import copy
    import re
    import sys

    import pipeline.geoparse as gp
    from pipeline.geoparse.districts import _DISTRICT_AFTER_SECOND, widen_adjective_districts

    # re.IGNORECASE matches no character but these to the nouns' first letters
    assert [chr(c) for c in range(sys.maxunicode + 1) if re.match("(?i)[dr]", chr(c))] == ["D", "R", "d", "r"]
    assert set("DRdr \t") == set(_DISTRICT_AFTER_SECOND)
    monkeypatch.setattr(gp, "widen_adjective_districts", lambda text, resolved: None)
    sentences = ["Shelling hit the Kirishsky district overnight.", "Drones struck Kharkiv's Kyivskyi district.",
                 "Blasts were heard in the Saltivskyi district of Kharkiv and in the Chuhuiv district.",
                 "The Pokrovsk raion and the Kupiansk rayon were shelled.", "Fighting went on near Bakhmut."]
    widened = 0
    for sentence in sentences:
        for noun in ("district", "District", "DISTRICT", "raion", "Rayon", "districts", "dist"):
            for blank in (" ", "\t", "  ", " \t", "\n"):
                text = sentence.replace(" district", blank + noun).replace(" raion", blank + noun)
                for text in (text, text.rstrip("."), text.rstrip(".") + " ", text.rstrip(".") + " d"):
                    resolved = geoparser._resolve(text)
                    plain = copy.deepcopy(resolved)
                    _plain_widen_adjective_districts(text, plain)
                    widen_adjective_districts(text, resolved)
                    spans = [(r.mention.start, r.mention.end, r.mention.text) for r in resolved]
                    assert spans == [(r.mention.start, r.mention.end, r.mention.text) for r in plain], text
                    widened += sum(r.mention.text.lower().endswith(noun.lower()) for r in resolved)
    assert widened > 50


def _plain_elided_pairs(ctx, gaz, mentions):
    """``_elided_pairs`` as session 20 wrote it (the pattern searched before every name of two words)."""
    from pipeline.geoparse.recognise import _ELIDED_BEFORE, Mention, Signal, name_key

    text = ctx.text
    found = []
    taken = {m.start for m in mentions}
    for m in mentions:
        if m.kind not in ("name", "variant") or m.region_word or m.text.count(" ") != 1:
            continue
        before = _ELIDED_BEFORE.search(text, max(0, m.start - 40), m.start)
        if before is None or before.start(1) in taken:
            continue
        first = before.group(1)
        key = name_key(f"{first} {m.text.split(' ', 1)[1]}")
        rows = tuple(r for r in gaz.rows_for_key(key) if gaz.kind_of[r] == "city") if key in gaz.keys else ()
        if not rows:
            continue
        e = Mention(before.start(1), before.end(1), first, key, "name", rows)
        e.paragraph, e.sentence = m.paragraph, m.sentence
        e.signals.append(Signal("elided_name", 0.0, f"\"{first}\" shares its noun with \"{m.text}\""))
        found.append(e)
    return sorted(mentions + found, key=lambda m: m.start) if found else mentions


def test_elided_pairs_told_before_the_pattern_equal_the_plain_search(geoparser):
    """A blank before the name and "and" / "or" before the blanks, read before ``_ELIDED_BEFORE`` is searched,
    give the plain search's mentions on random texts (blanks of every kind, the window's edge, taken words)."""
    from pipeline.geoparse.recognise import Mention, _Context, _elided_pairs
    from pipeline.text.textnorm import name_key

    gaz = geoparser.gazetteer
    rng = random.Random(21)
    parts = ["Velyka", "Mala", "Verkhnia", "Nyzhnia", "Band", "band", "and", "or", "nor", "AND", " ", " ", "\t", "\n",
             ",", "x" * 30, "Oleksandrivka", "Duvanka"]
    names = ("Mala Oleksandrivka", "Nyzhnia Duvanka", "Velyka Oleksandrivka")
    found = 0
    for _ in range(4000):
        blank = [" ", "\t", "  ", " \t", "\n", ""]
        text = "".join(rng.choice(parts) for _ in range(rng.randint(0, 3))) + rng.choice(["", " ", "x" * 20]) + \
            rng.choice(["Velyka", "Verkhnia", "Band", "velyka", "Mala"]) + rng.choice(blank) + \
            rng.choice(["and", "or", "nor", "AND", "Band"]) + rng.choice(blank) + rng.choice(names) + "."
        mentions = []
        for name in names + ("Velyka", "Mala"):
            i = text.find(name)
            while i >= 0 and (" " in name or rng.random() < 0.3):
                m = Mention(i, i + len(name), name, name_key(name), rng.choice(["name", "name", "variant", "demonym"]), ())
                m.region_word = rng.random() < 0.1
                m.paragraph = m.sentence = 0
                mentions.append(m)
                i = text.find(name, i + 1)
        mentions.sort(key=lambda m: m.start)
        ctx = _Context(text)
        got = _elided_pairs(ctx, gaz, list(mentions))
        plain = _plain_elided_pairs(ctx, gaz, list(mentions))
        assert [(m.start, m.end, m.text, m.key, m.rows, m.signals) for m in got] == \
            [(m.start, m.end, m.text, m.key, m.rows, m.signals) for m in plain], text
        found += len(got) - len(mentions)
    assert found > 30


def test_every_key_of_a_landmark_ends_with_a_known_tail(geoparser):
    """``_landmark_key_tails`` holds every tail of every key of the index that has a landmark row (so a facility
    noun outside it finds no landmark), and ``_landmark_rows`` cut short by it finds what the full walk finds."""
    import numpy as np

    from pipeline.geoparse.recognise import _landmark_key_tails, _landmark_rows

    gaz, found = geoparser.gazetteer, 0
    tails = _landmark_key_tails(gaz)
    landmark = np.asarray(gaz.kind_of, dtype=object) == "landmark"
    keys = [key for key, _ in gaz.keys.keys_of_rows(landmark, lambda key: True)]
    assert len(keys) > 30
    for key in keys:
        assert all(key[i + 1:] in tails for i, char in enumerate(key) if char == " "), key
    for place, tail in [("zaporizhzhia", "npp"), ("zaporizhzhia", "nuclear power plant"), ("kerch", "bridge"),
                        ("dnipro", "hpp"), ("dnipro", "hydropower plant"), ("kyiv", "hospital"), ("odesa", "airport"),
                        ("kakhovka", "dam"), ("nova kakhovka", "dam"), ("chornobyl", "nuclear power plant")]:
        rows = gaz.rows_for_key(place)
        got = _landmark_rows(gaz, place, rows, tail)
        assert got == _plain_landmark_rows(gaz, place, rows, tail), (place, tail)
        found += bool(got)
    assert found >= 5


def _plain_landmark_rows(gaz, key, rows, tail):
    """``_landmark_rows`` without the tails' test (every spelling of the place looked up)."""
    from pipeline.geoparse.recognise import _facility_tails, name_key

    keys = {key}
    for row in rows[:10]:
        keys.add(name_key(str(gaz._name[row])))
        keys.update(name_key(n) for n in gaz.alternate_names(row).split("|") if n)
    found = set()
    for k in sorted(keys - {""}):
        for t in _facility_tails(tail):
            found.update(r for r in gaz.rows_for_key(f"{k} {t}") if gaz.kind_of[r] == "landmark")
    return tuple(sorted(found))


def test_acronym_before_a_facility_told_by_its_second_character_equals_the_pattern():
    """Where ``_keep`` tries ``_ACRONYM_THEN_FACILITY`` (a space and a letter after the name: ``word_after``), the
    pattern matches only when the character two after the name may be an acronym's second one."""
    from pipeline.geoparse.recognise import _ACRONYM_SECOND, _ACRONYM_THEN_FACILITY, _Context

    rng = random.Random(5)
    parts = ["Rivne", " ", "\t", "LUKOIL", "Lukoil", "AB", "A1", "A&B", "ABC", "aBC", "ÀBC", "plant", "refinery",
             "Power Plant", "NPP", "x", "1", "&"]
    tried = matched = 0
    for _ in range(20_000):
        text = "".join(rng.choice(parts) for _ in range(rng.randint(0, 2))) + rng.choice(["Rivne", "X", ""]) + \
            rng.choice([" ", "  ", "\t", ""]) + rng.choice(["LUKOIL", "Lukoil", "A1B", "A&", "AB", "ÀBC", "A", "ABC."]) + \
            rng.choice([" ", "\t", "", " \t"]) + rng.choice(["plant", "Refinery", "nuclear power plant", "x"])
        ctx = _Context(text)
        for pos in range(len(text)):
            if not ctx.word_after(pos):
                continue
            plain = _ACRONYM_THEN_FACILITY.match(text, pos) is not None
            tried += 1
            matched += plain
            assert (text[pos + 2:pos + 3] in _ACRONYM_SECOND and plain) == plain, (text, pos)
    assert tried > 5_000 and matched > 100
