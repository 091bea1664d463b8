"""Session 13's first-pass speed-ups give what the plain forms give (issue 12 point 6, issue 16: same places)."""

from __future__ import annotations

import copy
import random
import re
import sys

from pipeline.geoparse.gazetteer import Candidate
from pipeline.geoparse.recognise import _LOCATION_HEAD, Mention, _location_heads
from pipeline.geoparse.resolve import (_one_sense_per_discourse, _rounded_confidence, _rounded_point_2, _Scored)
from pipeline.geoparse.weights import RESOLVE_WEIGHTS
from pipeline.model import Signal

resolve_module = sys.modules["pipeline.geoparse.resolve"]  # (the package re-exports the function ``resolve``)


def test_location_heads_are_what_the_regex_finds():
    rng = random.Random(16)
    texts = ["", ",", "\n,", "a,", "Kyiv, Ukraine\nLviv, Lviv Oblast, Ukraine\n", "x" * 60 + ",", "x" * 61 + ",",
             "a\r\nb, c", ", lead\nnext, line"]
    texts += ["".join(rng.choice("ab ,\n\r\t") for _ in range(rng.randint(0, 200))) for _ in range(20_000)]
    for text in texts:
        assert list(_location_heads(text)) == [m.span() for m in _LOCATION_HEAD.finditer(text)], text


def test_rounded_confidence_and_anchor_point_are_round_with_the_same_repr():
    rng = random.Random(12)
    values = [1.0, 0.0, 0.5, 0.0005, 0.0015, 1 / 3, 2 / 3, 0.9995] + [rng.random() for _ in range(5_000)]
    for value in values * 2:  # the second time from the table
        assert repr(_rounded_confidence(value)) == repr(round(value, 3))
    points = [(0.0, -0.0), (-0.0, 0.0), (50.455, 30.525), (-33.875, 151.205)] + \
        [(rng.uniform(-90, 90), rng.uniform(-180, 180)) for _ in range(5_000)]
    for lat, lon in points * 2:
        assert repr(_rounded_point_2(lat, lon)) == repr((round(lat, 2), round(lon, 2)))


def test_a_nan_anchor_point_is_never_remembered():
    nan = float("nan")
    first, second = _rounded_point_2(nan, 1.0), _rounded_point_2(nan, 1.0)
    assert first[0] is not second[0]  # two NaNs stay two points, as two calls of ``round`` give


def _candidate(row: int) -> Candidate:
    return Candidate(row, row, f"Place{row}", 50.0, 30.0, "city", "UA", "UA-14", 1000 * row, True)


def _plain_one_sense(mentions, ranked, w) -> None:
    """The loop ``_one_sense_per_discourse`` had before it looked the moved candidate up with ``list.index``."""
    from collections import defaultdict

    by_key = defaultdict(list)
    for i, m in enumerate(mentions):
        if ranked[i] and m.kind in ("name", "variant"):
            by_key[(m.key, m.region)].append(i)
    for idxs in by_key.values():
        if len(idxs) < 2:
            continue
        totals = defaultdict(float)
        for i in idxs:
            for s in ranked[i]:
                totals[s.candidate.row] += s.score
        best = min(totals, key=lambda r: (-totals[r], r))
        for i in idxs:
            for pos, s in enumerate(ranked[i]):
                if s.candidate.row == best and pos:
                    chosen = ranked[i].pop(pos)
                    chosen.signals.append(Signal("one_sense_per_discourse", 0.0, "same name elsewhere in the article"))
                    chosen.score = max(chosen.score, ranked[i][0].score + w.one_sense_margin)
                    ranked[i].insert(0, chosen)
                    break


def _state(ranked):
    return [[(s.candidate.row, s.score, [x.kind for x in s.signals]) for s in scored] for scored in ranked]


def test_one_sense_per_discourse_moves_what_the_plain_loop_moves():
    rng = random.Random(7)
    for _ in range(2_000):
        mentions, ranked = [], []
        for i in range(rng.randint(1, 6)):
            m = Mention(i * 10, i * 10 + 4, "Name", rng.choice(["a", "b"]), rng.choice(["name", "variant", "demonym"]))
            rows = rng.sample(range(1, 9), rng.randint(0, 5))
            if rows and rng.random() < 0.2:
                rows.append(rows[0])  # a row twice: the first one after the top is the one moved
            scored = [_Scored(_candidate(r), rng.choice([-1.0, 0.5, 1.0, 2.0, rng.uniform(-2, 3)]), []) for r in rows]
            mentions.append(m)
            ranked.append(scored)
        plain = copy.deepcopy(ranked)
        _one_sense_per_discourse(mentions, ranked, RESOLVE_WEIGHTS)
        _plain_one_sense(mentions, plain, RESOLVE_WEIGHTS)
        assert _state(ranked) == _state(plain)


_TEXTS = (
    "Shelling hit Pokrovsk and Kramatorsk in the Donetsk region. Later Pokrovsk was hit again, and Kramatorsk too. "
    "Officials in Kyiv said Pokrovsk and Kramatorsk had no power; Kyiv sent help to Kramatorsk.",
    "Paris, Texas, held a parade. The mayor of Paris thanked Texas volunteers. Paris is small.",
    "Paris welcomed the French president. Paris, the capital of France, hosted talks with Berlin and Paris again.",
)


def test_memoised_reasons_are_the_reasons_rendered_one_by_one(geoparser, monkeypatch):
    memoised = [geoparser.parse_places(text) for text in _TEXTS]
    plain_reason = resolve_module._reason
    monkeypatch.setattr(resolve_module, "_reason", lambda m, scored, gaz, reasons=None: plain_reason(m, scored, gaz))
    plain = [geoparser.parse_places(text) for text in _TEXTS]
    assert [[repr(p) for p in places] for places in memoised] == [[repr(p) for p in places] for places in plain]
    assert any(len({p.reason for p in places}) < len(places) for places in plain)  # names repeat: the memo is used


def test_a_text_gives_the_same_places_alone_twice_and_between_other_texts(geoparser):
    alone = [[repr(p) for p in geoparser.parse_places(text)] for text in _TEXTS]
    again = [[repr(p) for p in geoparser.parse_places(text)] for text in _TEXTS]
    interleaved = [[repr(p) for p in geoparser.parse_places(text)] for text in reversed(_TEXTS)][::-1]
    assert alone == again == interleaved
    # the two texts name a different Paris: nothing of one article's reasons reaches the other
    paris = [{p.reason for p in geoparser.parse_places(text) if p.text == "Paris"} for text in _TEXTS[1:]]
    assert paris[0].isdisjoint(paris[1])


_SHARED_NAMES = ("Paris", "Springfield", "Washington", "Alexandria", "Novoselivka", "Georgia", "Kherson", "Victoria",
                 "Santa Cruz", "Richmond", "Mykolaivka", "Dublin", "Odesa", "Kyiv", "Lima", "Petrivka", "Berlin",
                 "Troy", "Vinnytsia", "Jordan")


def test_first_reading_is_the_top_and_confidence_of_the_full_ranking(gazetteer):
    from collections import Counter

    from pipeline.geoparse.resolve import _candidates, _confidence, _first_reading, _rank, _RankContext
    from pipeline.text.textnorm import name_key

    rng = random.Random(5)
    countries = ["UA", "US", "RU", "FR", "GB", "IE", "DE", "PE", "JO", "GE", "CA", "AU"]
    compared = 0
    for _ in range(300):
        counts = Counter({cc: rng.choice([1, 2, 0.5]) for cc in rng.sample(countries, rng.randint(0, 4))})
        for name in rng.sample(_SHARED_NAMES, 6):
            m = Mention(0, len(name), name, name_key(name), rng.choice(["name", "name", "variant", "demonym"]))
            if m.kind == "variant":
                m.rows = gazetteer.rows_for_key(m.key)[:rng.randint(1, 12)]
            m.village = rng.random() < 0.2
            cands = _candidates(m, gazetteer)
            full_ctx = _RankContext(gazetteer, counts, {}, [], RESOLVE_WEIGHTS)
            first_ctx = _RankContext(gazetteer, counts, {}, [], RESOLVE_WEIGHTS)
            full_ctx.theatre = first_ctx.theatre = rng.random() < 0.5  # an article about the war, or not
            scored = _rank(m, cands, full_ctx)
            top, confidence = _first_reading(m, cands, first_ctx)
            assert (top, confidence) == ((scored[0].candidate, _confidence(scored)) if scored else (None, 0.0))
            compared += len(cands) > 1
    assert compared > 500  # most names have several candidates


def test_leftmost_longest_sorts_as_the_tuple_key_did():
    from pipeline.geoparse.recognise import _leftmost_longest

    rng = random.Random(3)
    for _ in range(5_000):
        raw = []
        for k in range(rng.randint(0, 12)):
            start = rng.randint(0, 15)
            raw.append((start, start + rng.randint(1, 6), f"s{k}", f"k{k}", rng.choice(["name", "demonym", "abbreviation"]), ()))
        plain = sorted(raw, key=lambda m: (m[0], m[0] - m[1], m[4] != "abbreviation"))
        abbreviations_first = [m for m in raw if m[4] == "abbreviation"] + [m for m in raw if m[4] != "abbreviation"]
        chosen = _leftmost_longest(abbreviations_first)
        assert abbreviations_first == plain
        last_end, expected = -1, []
        for m in plain:
            if m[0] >= last_end:
                expected.append(m)
                last_end = m[1]
        assert chosen == expected


def test_facts_of_candidates_are_those_of_the_generator_form():
    from pipeline.geoparse.resolve import _Facts, _facts

    def plain(cands, w):
        cities = [o for o in cands if o.feature_kind == "city"]
        units = {o.admin1_code for o in cands if o.feature_kind == "admin1" and o.admin1_code}
        seats = frozenset(max((o for o in cities if o.admin1_code == code), key=lambda o: (o.population, -o.row)).row
                          for code in units if any(o.admin1_code == code and o.population >= w.namesake_town_population
                                                   for o in cities))
        return _Facts(frozenset(o.admin1_code for o in cities if o.population >= w.namesake_town_population),
                      frozenset(o.country_code for o in cities if o.population >= w.namesake_big_city_population),
                      any(o.primary and o.population >= w.primary_town_population for o in cities), seats,
                      any(o.minor for o in cities), any(o.primary for o in cands))

    rng = random.Random(11)
    populations = [0, 5_000, 10_000, 50_000, 100_000, 250_000, 2_000_000]
    for _ in range(5_000):
        cands = [Candidate(row, row, f"P{row}", 0.0, 0.0, rng.choice(["city", "admin1", "country", "landmark"]),
                           rng.choice(["UA", "RU", "US"]), rng.choice(["UA-14", "UA-63", "RU-BEL", None]),
                           rng.choice(populations), rng.random() < 0.5, minor=rng.random() < 0.1)
                 for row in rng.sample(range(100), rng.randint(0, 8))]
        assert _facts(cands, RESOLVE_WEIGHTS) == plain(cands, RESOLVE_WEIGHTS)


def test_head_first_patterns_find_what_the_look_behind_first_ones_found():
    from pipeline.geoparse.recognise import _FACILITY_HEAD, _VILLAGE_NOUN_AFTER, FACILITY_HEADS, VILLAGE_NOUNS

    plain_heads = {head: re.compile(r"(?<![\w'’ʼ])" + head + r"\b") for head in FACILITY_HEADS}
    plain_village = re.compile(r"(?<=[a-z'’ʼ])[ \t]+(" + "|".join(sorted(VILLAGE_NOUNS)) + r")\b(?![ \t]+of\b|[ \t]+council)")
    rng = random.Random(9)
    pieces = ["Square", "Station", "Bridge", "village", "hamlet", "settlement", " ", "\t", "a", "'", "’", "ʼ", "x", "_",
              "1", "of", "council", "s", ".", "-", "Squares", "B", "\n"]
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        for head, pattern in plain_heads.items():
            assert [m.span() for m in _FACILITY_HEAD[head].finditer(text)] == [m.span() for m in pattern.finditer(text)]
        assert [(m.span(), m.groups()) for m in _VILLAGE_NOUN_AFTER.finditer(text)] == \
            [(m.span(), m.groups()) for m in plain_village.finditer(text)]
