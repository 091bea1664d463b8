"""Rank the gazetteer candidates of each mention with explainable signals.

Signals (each adds to a candidate's score and, when it decides, to the ``reason``):
population prior, feature kind, national capital, main name vs alternate or former name, the
article's countries (from country names, demonyms and abbreviations), admin-1 units named
in the same sentence, paragraph or article ("Ukraine's eastern Donetsk region"), and
great-circle distance to the other places the article names (``geopy.distance``).
One sense per discourse: every mention of a name in an article resolves to the same place.
"""

from __future__ import annotations

import difflib
import math
import re
from bisect import bisect_left
from operator import attrgetter
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from geopy.distance import EARTH_RADIUS, great_circle

from pipeline.geoparse.city_parts import CITY_PART_ANY
from pipeline.geoparse.gazetteer import Candidate, Gazetteer, adjective_stem, one_word_adjectival
from pipeline.geoparse.offsets import destination
from pipeline.geoparse.recognise import Mention, adjective_forms
from pipeline.model import Signal
from pipeline.text.textnorm import NAME_APOSTROPHES, name_key, one_slip_apart, skeleton
from pipeline.geoparse.weights import RECOGNISE_WEIGHTS, RESOLVE_WEIGHTS, ResolveWeights

_KM_PER_DEGREE = 6371.009 * math.pi / 180  # geopy's mean earth radius: km per degree of a great circle
_GREAT_CIRCLE = great_circle()  # its ``measure(a, b)`` is the distance in km, without a Distance per pair


def _great_circle_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """``great_circle().measure((lat1, lon1), (lat2, lon2))``: geopy's formula and earth radius, the same
    operations in the same order (so the same float), without building two ``Point``s per pair. Points
    geopy would normalise or reject (out of range, not finite) go to geopy itself."""
    if not (-90.0 <= lat1 <= 90.0 and -90.0 <= lat2 <= 90.0 and -180.0 <= lon1 <= 180.0 and -180.0 <= lon2 <= 180.0):
        return _GREAT_CIRCLE.measure((lat1, lon1), (lat2, lon2))
    # ``float(x or 0.0)`` as geopy's ``Point`` takes a coordinate (-0.0 becomes 0.0)
    lat1, lng1 = math.radians(float(lat1 or 0.0)), math.radians(float(lon1 or 0.0))
    lat2, lng2 = math.radians(float(lat2 or 0.0)), math.radians(float(lon2 or 0.0))
    sin_lat1, cos_lat1 = math.sin(lat1), math.cos(lat1)
    sin_lat2, cos_lat2 = math.sin(lat2), math.cos(lat2)
    delta_lng = lng2 - lng1
    cos_delta_lng, sin_delta_lng = math.cos(delta_lng), math.sin(delta_lng)
    d = math.atan2(math.sqrt((cos_lat2 * sin_delta_lng) ** 2 + (cos_lat1 * sin_lat2 - sin_lat1 * cos_lat2 * cos_delta_lng) ** 2),
                   sin_lat1 * sin_lat2 + cos_lat1 * cos_lat2 * cos_delta_lng)
    return EARTH_RADIUS * d


great_circle_km = _great_circle_km  # for the other stages (the event merge measures as the geoparser does)


_UNSEEN = object()  # a cache slot not filled yet (None is a valid answer)


# words that follow a name in an admin-1 unit's own name ("Kherson Oblast", "Krasnodar Krai")
REGION_WORDS = ("oblast", "region", "province", "krai", "kray")
# how precise a resolved point is: a gazetteer point, or the reference point of the admin-1 unit that holds
# a settlement the gazetteer lacks
PRECISION_EXACT = "exact"
PRECISION_ADMIN1 = "admin1"
PRECISION_ONLINE = "online"
# a facility named after a town ("the Rivne nuclear power plant") that the landmark table lacks: the town's point
PRECISION_TOWN = "town"
# a rural district named after its seat ("the X district"): the seat's point, standing for the whole district
PRECISION_ADMIN2 = "admin2"


@dataclass
class Resolution:
    """The place chosen for one mention, with how sure and why (``signals``; ``reason`` is rendered)."""

    mention: Mention
    candidate: Candidate
    confidence: float
    reason: str
    n_candidates: int
    signals: tuple[Signal, ...] = ()
    precision: str = PRECISION_EXACT


class _Scored:
    """A candidate with its score and signals. Only the winners' signals are ever read (for the
    reason), so the list of signals is put together on first use."""

    __slots__ = ("candidate", "score", "_base", "_context", "_signals")

    def __init__(self, candidate: Candidate, score: float, base: list[Signal],
                 context: list[Signal] | None = None) -> None:
        self.candidate = candidate
        self.score = score
        self._base = base  # may be shared with other mentions: never changed
        self._context = context
        self._signals: list[Signal] | None = None

    @property
    def signals(self) -> list[Signal]:
        if self._signals is None:
            self._signals = self._base + self._context if self._context else list(self._base)
        return self._signals


@lru_cache(maxsize=4096)
def _admin1_label(gaz: Gazetteer, code: str | None) -> str:
    if not code:
        return ""
    row = gaz.admin1_row(code)
    return f"{gaz._name[row]} ({code})" if row is not None else code


def _candidates(m: Mention, gaz: Gazetteer) -> list[Candidate]:
    if m.kind == "settlement":
        return []
    return list(_candidates_of_form(gaz, m.key, m.rows, m.kind == "variant", m.region))


@lru_cache(maxsize=65536)
def _candidates_of_form(gaz: Gazetteer, key: str, rows: tuple[int, ...], variant: bool,
                        region: bool) -> tuple[Candidate, ...]:
    """The candidates of a mention, most populous first: they depend only on how the name is written.
    "X region" / "X Oblast" has as candidates the admin-1 units called X or whose seat is X (see
    ``_region_units``); only when there is none does it keep the other readings."""
    if rows:
        cands = [gaz.candidate(r, primary=not variant) for r in rows]
        ordered = False
    else:
        cands = gaz.candidates_by_population(key)  # the index keeps them most populous first
        ordered = True
    if region:
        units = _region_units(gaz, key, rows or gaz.rows_for_key(key)) or _region_units_by_spelling(gaz, key)
        if units:
            cands = [gaz.candidate(row) for row, _how in units]
            ordered = False
    if not ordered:
        cands.sort(key=lambda c: (-c.population, c.row))
    return tuple(cands)


@lru_cache(maxsize=4)
def _seats(gaz: Gazetteer) -> dict[str, int]:
    """Admin-1 code → row of its most populous town: its seat, as far as the gazetteer can tell (GeoNames
    keeps no seat relation here; an oblast's capital is its largest town). Ties go to the first row."""
    import numpy as np

    if "city" not in gaz.kinds:
        return {}
    pops, codes = np.asarray(gaz._pop), gaz.admin1_index
    rows = np.flatnonzero((gaz.kind_code == gaz.kinds.index("city")) & (codes >= 0) & (pops > 0))
    # by code, then most populous, then first row: the first row of each code is its seat
    order = np.lexsort((rows, -pops[rows], codes[rows]))
    rows = rows[order]
    codes = codes[rows]
    first = np.ones(len(rows), dtype=bool)
    first[1:] = codes[1:] != codes[:-1]
    return {gaz.admin1_codes[code]: row for code, row in zip(codes[first].tolist(), rows[first].tolist())}


def prepare_ranking(gaz: Gazetteer) -> None:
    """Work out the admin-1 seats (``_seats``) now, not on the first article that needs them."""
    _seats(gaz)


def _row_keys(gaz: Gazetteer, row: int) -> set[str]:
    """Every name key of table row ``row`` (main name and alternates)."""
    names = [str(gaz._name[row])] + [n for n in gaz.alternate_names(row).split("|") if n]
    return {name_key(n) for n in names} - {""}


@lru_cache(maxsize=16384)
def _region_units(gaz: Gazetteer, key: str, rows: tuple[int, ...],
                  w: ResolveWeights = RESOLVE_WEIGHTS) -> tuple[tuple[int, str], ...]:
    """The admin-1 units "``key`` region" may name, as (row, how): units called so ("name"; also under
    "``key`` oblast/krai ..." as GeoNames writes some), and units whose seat is a town called so ("seat";
    "the Odesa region" is the unit around Odesa, never the unit of some small Odesa elsewhere), with the
    unit names of that seat's other spellings ("seat_name": "Kyiv region" is the unit GeoNames calls
    "Kiev"). A unit that is only its seat city (Kyiv city, Sevastopol) gives way to the oblast around it."""
    kinds, a1s, ccs = gaz.kind_of, gaz._columns()[6], gaz._columns()[5]
    found: dict[int, str] = {}
    for k in (key,) + tuple(f"{key} {word}" for word in REGION_WORDS):
        for row in (rows if k == key else gaz.rows_for_key(k)):
            if kinds[row] == "admin1":
                found.setdefault(row, "name")
    seats = _seats(gaz)
    for row in rows:
        a1 = a1s[row]
        if kinds[row] != "city" or not a1 or seats.get(a1) != row:
            continue
        unit = gaz.admin1_row(a1)
        if unit is not None:
            found.setdefault(unit, "seat")
        for other_key in sorted(_row_keys(gaz, row)):
            for k in (other_key,) + tuple(f"{other_key} {word}" for word in REGION_WORDS):
                for other in gaz.rows_for_key(k):
                    if kinds[other] == "admin1" and ccs[other] == ccs[row]:
                        found.setdefault(other, "seat_name")
    by_country: dict[str, list[int]] = defaultdict(list)
    for row in found:
        by_country[ccs[row]].append(row)
    for members in by_country.values():
        city_units = [row for row in members if _is_city_unit(gaz, row, w)]
        if city_units and len(city_units) < len(members):
            for row in city_units:
                del found[row]
    return tuple(sorted(found.items()))


@lru_cache(maxsize=4096)
def _region_units_by_spelling(gaz: Gazetteer, key: str) -> tuple[tuple[int, str], ...]:
    """``_region_units`` of the sizeable places spelt like ``key`` (same consonant skeleton, similar letters):
    "the Vinnitsa region" when the gazetteer knows only "Vinnytsia" as a town's name."""
    from pipeline.geoparse.recognise import _similar_spelling

    rows = tuple(r for r in gaz.skeletons.get(skeleton(key), ()) if gaz.kind_of[r] in ("city", "admin1")
                 and _similar_spelling(key, r, gaz))
    return _region_units(gaz, key, rows) if rows else ()


def _is_city_unit(gaz: Gazetteer, row: int, w: ResolveWeights) -> bool:
    """Whether admin-1 unit ``row`` is a city of its own (its reference point is its largest town's)."""
    seat = _seats(gaz).get(gaz._columns()[6][row])
    if seat is None:
        return False
    lat, lon = gaz._columns()[2], gaz._columns()[3]
    return _great_circle_km(lat[row], lon[row], lat[seat], lon[seat]) < w.city_unit_km


class _Facts(NamedTuple):
    """What the candidates of one mention say about each other (computed once per form; a tuple: a frozen
    dataclass sets each field with a generic call)."""

    city_admin1: frozenset  # admin-1 units holding a town of 10,000+ of this name
    big_city_countries: frozenset  # countries with a city of 100,000+ of this name
    primary_city: bool  # some town has this as its main name
    unit_seats: frozenset = frozenset()  # rows of the towns an admin-1 candidate of the same name is named after
    codifier_rows: bool = False  # some candidate is a settlement only the codifier has
    any_primary: bool = True  # some candidate (any kind, any size) has this as its main name


def _facts(cands: list[Candidate], w: ResolveWeights) -> _Facts:
    cities = [o for o in cands if o.feature_kind == "city"]
    # the unit called so holds a sizeable town called so: the unit is named after that town, its seat
    units = {o.admin1_code for o in cands if o.feature_kind == "admin1" and o.admin1_code}
    seats = frozenset(max((o for o in cities if o.admin1_code == code), key=lambda o: (o.population, -o.row)).row
                      for code in units if any(o.admin1_code == code and o.population >= w.namesake_town_population
                                               for o in cities))
    # (one loop over the towns for the four facts below, not a generator each: computed for every new form)
    town_units, big_city_countries, primary_town, minor = set(), set(), False, False
    town_min, big_min, primary_min = w.namesake_town_population, w.namesake_big_city_population, w.primary_town_population
    for o in cities:
        population = o.population
        if population >= town_min:
            town_units.add(o.admin1_code)
        if population >= big_min:
            big_city_countries.add(o.country_code)
        if o.primary and population >= primary_min:
            primary_town = True
        if o.minor:
            minor = True
    return _Facts(frozenset(town_units), frozenset(big_city_countries), primary_town, seats, minor,
                  any(o.primary for o in cands))


@lru_cache(maxsize=8)
def _kind_scores(w: ResolveWeights) -> dict[str, float]:
    """``kind_bonus`` as a dict (what ``ResolveWeights.kind_score`` reads)."""
    return dict(w.kind_bonus)


# ``_kind_scores(RESOLVE_WEIGHTS)``, read without hashing the weights (hashing them is a Python call)
_DEFAULT_KIND_SCORES = dict(RESOLVE_WEIGHTS.kind_bonus)


class _FixedSignals(NamedTuple):
    """The signals ``_base`` gives whose kind, weight and words depend on the weights alone."""

    unknown_population: Signal  # a settlement with no population figure
    unknown_population_village: Signal  # ... named a village
    named_village: Signal
    capital: Signal
    main_name: Signal
    seat_of_unit: Signal
    main_name_spelling: Signal
    former_name_taken: Signal
    former_name: Signal
    alternate_name_taken: Signal
    alternate_spelling: Signal
    former_spelling: Signal
    alternate_name: Signal


@lru_cache(maxsize=8)
def _fixed_signals(w: ResolveWeights) -> _FixedSignals:
    """``_FixedSignals`` under the weights ``w``: made once and shared by every candidate (a signal is frozen)."""
    unknown = math.log10(w.unknown_village_population + w.population_smoothing)
    return _FixedSignals(
        unknown_population=Signal("population", w.population_weight * unknown, "population unknown"),
        unknown_population_village=Signal("population", w.village_population_weight * unknown, "population unknown"),
        named_village=Signal("named_village", 0.0, "named a village: population not used"),
        capital=Signal("national_capital", w.capital, "national capital"),
        main_name=Signal("main_name", w.main_name, "main name"),
        seat_of_unit=Signal("seat_of_unit_so_named", w.main_name, "the seat of the admin-1 unit of this name"),
        main_name_spelling=Signal("main_name_spelling", w.main_name, "another spelling of its main name"),
        former_name_taken=Signal("former_name_taken", w.alternate_name_taken,
                                 "former name (another place has it as main name)"),
        former_name=Signal("former_name", 0.0, "former name"),
        alternate_name_taken=Signal("alternate_name_taken", w.alternate_name_taken,
                                    "alternate name (another place has it as main name)"),
        alternate_spelling=Signal("alternate_spelling", 0.0, "another transliteration of its name"),
        former_spelling=Signal("former_spelling", 0.0, "former spelling"),
        alternate_name=Signal("alternate_name", 0.0, "alternate name"))


# ``_fixed_signals(RESOLVE_WEIGHTS)``, and the ``feature_kind`` signal of each (kind, score) under them, read without
# hashing the weights: ``_base`` builds a few signals for every candidate of every new form of a name, and most of
# them are these (a signal made anew costs several times a look-up)
_DEFAULT_FIXED_SIGNALS = _fixed_signals(RESOLVE_WEIGHTS)
_DEFAULT_KIND_SIGNALS: dict[tuple[str, float], Signal] = {}


def _kind_signal(feature_kind: str, kind: float, w: ResolveWeights) -> Signal:
    """The ``feature_kind`` signal of a candidate of ``feature_kind`` whose kind score is ``kind``."""
    if w is not RESOLVE_WEIGHTS:
        return Signal("feature_kind", kind, f"feature kind {feature_kind}" if kind >= w.kind_reason_min else "")
    # (under the default weights a kind score is a sum of their kind bonuses, none of them -0.0, so it is never -0.0:
    # no key stands for both zeros, which are written differently)
    found = _DEFAULT_KIND_SIGNALS.get((feature_kind, kind))
    if found is None:
        found = _DEFAULT_KIND_SIGNALS[(feature_kind, kind)] = Signal(
            "feature_kind", kind, f"feature kind {feature_kind}" if kind >= w.kind_reason_min else "")
    return found


# the ``population`` signals made under the default weights, by (population, weight): a signal is frozen, and the
# same towns (and populations) recur among the candidates of many names
_POPULATION_SIGNALS: dict[tuple[int, float], Signal] = {}
_POPULATION_SIGNALS_LIMIT = 65_536


def _population_signal(population: int, weight: float, w: ResolveWeights) -> Signal:
    """The ``population`` signal of a candidate of ``population`` people at ``weight`` per order of magnitude."""
    if w is not RESOLVE_WEIGHTS or type(population) is not int:  # (an int key: 1000.0 would be written otherwise)
        return Signal("population", weight * math.log10(population + w.population_smoothing),
                      f"population {population:,}" if population else "")
    key = (population, weight)
    found = _POPULATION_SIGNALS.get(key)
    if found is None:
        if len(_POPULATION_SIGNALS) >= _POPULATION_SIGNALS_LIMIT:
            _POPULATION_SIGNALS.clear()
        found = _POPULATION_SIGNALS[key] = Signal("population", weight * math.log10(population + w.population_smoothing),
                                                  f"population {population:,}" if population else "")
    return found


def _base(c: Candidate, region: bool, text: str, listed: bool, facts: _Facts,
          w: ResolveWeights, region_how: str | None = None, village: bool = False, former: bool = False) -> list[Signal]:
    """Signals that depend only on the candidate and on how the name is written: ``region`` is
    "X region", ``text`` the surface, ``listed`` "listed with a region", ``region_how`` how "X region"
    names this unit (see ``_region_units``), ``former`` the name is one the candidate bore before a renaming."""
    fixed = _DEFAULT_FIXED_SIGNALS if w is RESOLVE_WEIGHTS else _fixed_signals(w)
    if not c.population and c.feature_kind == "city":
        # a settlement with no population figure (GeoNames gives 0, the codifier none): unknown, not nil
        signals = [fixed.unknown_population_village if village else fixed.unknown_population]
    else:
        weight = w.village_population_weight if village and c.feature_kind == "city" else w.population_weight
        signals = [_population_signal(c.population, weight, w)]
    if village and c.feature_kind == "city":
        signals.append(fixed.named_village)
    # ``w.kind_score``, without a dict per call (nor a hash of the weights for the default ones)
    kind = (_DEFAULT_KIND_SCORES if w is RESOLVE_WEIGHTS else _kind_scores(w)).get(c.feature_kind, 0.0)
    if region and c.feature_kind == "admin1":
        kind += w.region_phrase_admin1
        if region_how in ("seat", "seat_name"):
            signals.append(Signal("region_phrase_seat", 0.0, f"\"{text}\" names the admin-1 unit whose seat it is"))
        else:
            phrase = text if text.rsplit(None, 1)[-1].lower().rstrip("'’") in REGION_WORDS else f"{text} region"
            signals.append(Signal("region_phrase", 0.0, f"\"{phrase}\" names an admin-1 unit"))
    if c.feature_kind == "admin1" and not region:
        if c.admin1_code in facts.city_admin1 or c.country_code in facts.big_city_countries:
            kind += w.admin1_namesake_town if not listed else w.admin1_namesake_town_listed
        elif facts.big_city_countries and not listed:
            kind += w.admin1_big_city_elsewhere  # a big city of this name elsewhere ("Gaza")
    signals.append(_kind_signal(c.feature_kind, kind, w))
    if c.capital:
        signals.append(fixed.capital)
    if c.primary:
        signals.append(fixed.main_name)
    elif c.row in facts.unit_seats and not region:
        # the admin-1 unit called so is named after this town, its seat: the bare name is the town ("Odessa")
        signals.append(fixed.seat_of_unit)
    elif (facts.codifier_rows or not facts.any_primary) and c.feature_kind == "city" and not c.minor \
            and _same_name_spelt(c.name, text):
        # beside the codifier's settlements (whose main name is the official spelling), or where no place has this
        # as its main name, an alternate that only re-spells the main name ("Kurdiumivka" for "Kurdyumivka") is as
        # good as it: it beats a town that bears the spelling as a former name of another word
        signals.append(fixed.main_name_spelling)
    elif former and not _same_name_spelt(c.name, text):
        # renamed since (the codifier's older editions): a town that bears the name today keeps it ("Pervomaisk")
        signals.append(fixed.former_name_taken if facts.primary_city else fixed.former_name)
    elif facts.primary_city and not (c.minor and _same_name_spelt(c.name, text)):
        signals.append(fixed.alternate_name_taken)
    elif c.minor and facts.primary_city:
        # a codifier settlement's alternates are transliterations of its own name ("Novoselivka" for
        # "Novosilivka"), as good as its main name even when a town elsewhere has that spelling as main name
        signals.append(fixed.alternate_spelling)
    elif former:  # a change of spelling since an older edition of the codifier ("Dorozhne" → "Dorozhnie")
        signals.append(fixed.former_spelling)
    else:
        signals.append(fixed.alternate_name)
    return signals


@lru_cache(maxsize=65536)
def _same_name_spelt(name: str, text: str) -> bool:
    """Whether ``text`` spells ``name`` (difflib similarity of their keys at least ``variant_similarity``)."""
    from pipeline.geoparse.recognise import _similar

    return _similar(name_key(text), name_key(name))


def _shortlist(cands: list[Candidate], countries, admin1_codes, w: ResolveWeights) -> list[Candidate]:
    """The most populous candidates, plus every candidate the article's context points at."""
    if len(cands) <= w.max_candidates:
        return cands
    head = cands[:w.max_candidates]
    extra = [c for c in cands[w.max_candidates:] if c.country_code in countries or c.admin1_code in admin1_codes]
    return head + extra


def resolve(mentions: list[Mention], gaz: Gazetteer, *, focus_country: str | None = None,
            weights: ResolveWeights = RESOLVE_WEIGHTS, war_cue: bool | Callable[[], bool] = False) -> list[Resolution]:
    """Choose a place for every mention; mentions without candidates are dropped. ``war_cue``: the text speaks
    of fighting (``theatre.has_war_cue``), which with a party of the war named makes its theatre the expected
    area of ambiguous names."""
    w = weights
    cand_lists = [_candidates(m, gaz) for m in mentions]
    countries = Counter()
    for m, cands in zip(mentions, cand_lists):
        if cands and not cands[0].country_code:
            continue  # a continent ("European", "EU") names no country
        if cands and (m.kind in ("demonym", "abbreviation") or cands[0].feature_kind == "country"):
            countries[cands[0].country_code] += 1
        elif cands and cands[0].feature_kind == "admin1" and \
                len({c.country_code for c in cands if c.feature_kind == "admin1"}) == 1:  # (the cheap test first)
            countries[cands[0].country_code] += 1  # a state or oblast names its country
    if focus_country:
        countries[focus_country] += 2
    party_named = any(countries.get(cc) for cc in w.war_theatre_parties)
    admin1_named = {cands[0].admin1_code for cands in cand_lists if cands and cands[0].feature_kind == "admin1"}
    full_lists = cand_lists
    cand_lists = [_shortlist(cands, countries, admin1_named, w) for cands in cand_lists]
    for i, m in enumerate(mentions):
        if m.alias_rows:
            _same_place_as_alias(m, i, full_lists, cand_lists)
    # the first pass depends only on the name and how it is written: rank each such form once
    first_ctx = _RankContext(gaz, countries, {}, [], w)
    # (``war_cue`` may be a function: the text is scanned for it only when a party of the war is named and the
    # theatre's own country is not, most texts never)
    def theatre() -> bool:
        return party_named and (bool(countries.get(w.war_theatre_country)) or
                                (war_cue() if callable(war_cue) else bool(war_cue)))

    first_ctx.theatre = theatre()
    first_by_form: dict[tuple, tuple[Candidate | None, float]] = {}
    first: list[tuple[Candidate | None, float]] = []  # (top candidate, confidence) of each mention
    for m, cands in zip(mentions, cand_lists):
        form = (m.key, m.kind, m.region, m.listed, m.rows, m.village, m.alias_rows)
        if form not in first_by_form:
            first_by_form[form] = _first_reading(m, cands, first_ctx)
        first.append(first_by_form[form])
    # context from the first pass: admin-1 units named, and confidently placed points
    admin_ctx: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    anchors = []
    towns: list[tuple[int, int, float, float, str]] = []  # placed settlements: (paragraph, sentence, lat, lon, key)
    sentence_units: dict[int, list[tuple[str, str]]] = defaultdict(list)  # their admin-1 units, by sentence
    for i, (top, conf) in enumerate(first):
        if top is None:
            continue
        if top.feature_kind == "admin1" and top.admin1_code and (mentions[i].region or conf >= w.admin1_context_confidence):
            # a region phrase ("the Kharkiv region") names its unit outright; otherwise the same name
            # is no evidence for itself ("a Delta officer ... the Delta officer")
            own_key = None if mentions[i].region else mentions[i].key
            # (a unit named as a neighbour, "the border with the X region", is context of the article only)
            near = -1 if mentions[i].bordering else None
            admin_ctx[top.admin1_code].append((i, own_key, mentions[i].sentence if near is None else near,
                                               mentions[i].paragraph if near is None else near))
        if top.feature_kind == "city" and top.country_code:
            countries[top.country_code] += w.city_country_weight if conf >= w.city_country_confidence else 0.0
        if top.feature_kind not in ("country", "continent", "water", "region") and conf >= w.anchor_confidence:
            anchors.append((mentions[i].paragraph, top.lat, top.lon))
            if top.feature_kind in ("city", "landmark") and len(towns) < w.max_town_anchors:
                towns.append((mentions[i].paragraph, mentions[i].sentence, top.lat, top.lon, mentions[i].key))
                if top.admin1_code:
                    sentence_units[mentions[i].sentence].append((mentions[i].key, top.admin1_code))
    second_ctx = _RankContext(gaz, countries, admin_ctx, _distinct_anchors(anchors, w.max_anchors), w)
    second_ctx.towns = towns
    # (a settlement of the theatre's country confidently placed in the first pass is evidence of the theatre too)
    second_ctx.theatre = theatre()  # (``countries`` has grown by the first pass's settlements)
    second_ctx.sentence_units = sentence_units
    if towns:
        _add_namesakes_near_towns(mentions, full_lists, cand_lists, towns, w)
    qualifiers = {i: first[m.qualifier][0] for i, m in enumerate(mentions)
                  if m.qualifier is not None and first[m.qualifier][0] is not None}
    # a location string's admin unit and country restrict the candidates of its head; a settlement
    # with none left (or none in the gazetteer) is placed at its admin unit
    unresolved: dict[int, tuple[Candidate, list[Signal]]] = {}
    at_town: set[int] = set()  # the unresolved placed at the town they are near (precision of a town)
    at_district: set[int] = set()  # the unresolved placed at the rural district named with them (its precision)
    article_unit = _article_unit(mentions, first)
    for i, m in enumerate(mentions):
        if m.district_of is not None and first[m.district_of][0] is not None:
            whole = first[m.district_of][0]
            units = _district_units(cand_lists[i], whole, gaz)
            if units:
                cand_lists[i] = units
            elif whole.feature_kind == "city":  # a city district the gazetteer lacks: at its city
                m.signals = [s for s in m.signals if s.kind not in ("spelling_variant", "adjective_ending")]
                unresolved[i] = (whole, [Signal("city_district", 0.0, f"a district of {whole.name}")])
            continue
        if m.city_district and m.kind == "settlement":
            continue  # a district the gazetteer lacks, not named "of Y": only at the article's city (below)
        # (a mention with no location string, settlement noun or country after it has no constraint: no call)
        unit, country, restricted = _constraints(i, mentions, first) if m.qualifier is not None or m.settlement or \
            m.country_qualifier is not None else (None, None, None)
        if m.kind == "settlement" and not cand_lists[i]:
            district = _district_point(i, mentions, first, cand_lists, unit)
            if district is not None:
                unresolved[i] = district
                at_district.add(i)
                continue
        if m.near_start >= 0 and not cand_lists[i] and unit is None:
            near = _near_place(m, mentions, first, gaz)
            if near is not None:
                unresolved[i] = near
                at_town.add(i)
                continue
        if unit is None and country is None:
            if article_unit is not None and (m.village or m.kind == "settlement"):
                _spelt_in_article_unit(m, i, gaz, article_unit, cand_lists, w)
                if m.kind == "settlement" and not cand_lists[i] and _only_unit_named(mentions, first, article_unit):
                    # named a settlement, known to no gazetteer, in an article about one region: in that region
                    cand, signals = _unit_point(m, gaz, article_unit)
                    unresolved[i] = cand, [*signals, Signal("unresolved_settlement_article_unit", 0.0,
                                                            "the only region the article names")]
            elif article_unit is not None and m.kind == "name" and one_word_adjectival(m.key) and \
                    not m.region and _only_unit_named(mentions, first, article_unit):
                # an adjectival name with no reading in the only region the article names: that region's
                # settlement of the same adjective with another ending, if any ("Xnyi" for "Xne")
                _spelt_in_article_unit(m, i, gaz, article_unit, cand_lists, w, endings_only=True)
            if article_unit is not None and m.settlement and cand_lists[i] and \
                    _namesake_abroad(i, mentions, first, _candidates(m, gaz), article_unit, w,
                                     cand_lists=cand_lists, gaz=gaz) and \
                    _only_unit_named(mentions, first, article_unit):
                # "the village of X" in an article about one region, X known only in another country: a
                # settlement of that region the gazetteer lacks, not the namesake across the border
                district = _district_point(i, mentions, first, cand_lists, article_unit)
                if district is not None:
                    at_district.add(i)
                cand, signals = district or _unit_point(m, gaz, article_unit)
                unresolved[i] = cand, [*signals, Signal("namesake_abroad", 0.0, "its namesakes lie in another "
                                                        "country than the only region the article names")]
            continue
        allowed = _allowed(_candidates(m, gaz), gaz, unit, country)
        if allowed is None:
            continue  # the constraint is about something else ("Russia, Belarus")
        if not allowed and unit is None and mentions[m.country_qualifier].kind == "demonym":
            m.signals = [s for s in m.signals if s.kind != "demonym_country"]
            continue  # "the Russian city of X" with no X in Russia: a loose phrase, not a location string
        if allowed:
            if unit is not None and len(allowed) > 1:
                allowed = _spelt_with_its_apostrophes(gaz, m, allowed)
            cand_lists[i] = allowed
            if restricted is not None:
                m.signals.append(restricted)
            if len(allowed) == 1 and allowed[0].feature_kind == "city" and len(towns) < w.max_town_anchors:
                # one settlement of this name in its listed unit: a place as sure as a confident one, around
                # which its neighbours' namesakes are measured ("the village of X in the Y region ... the
                # neighbouring Z")
                towns.append((m.paragraph, m.sentence, allowed[0].lat, allowed[0].lon, m.key))
            continue
        cand_lists[i] = []
        if unit is not None and (m.kind == "settlement" or _names_a_settlement(first[i][0])):
            spelt = _in_unit_by_spelling(gaz, m.key, unit.admin1_code, w)
            town = None if m.kind != "name" or (spelt is not None and spelt[2]) else \
                _town_outside_unit(_candidates(m, gaz), unit, w)
            if town is not None:
                cand_lists[i] = [town]  # the town of this name elsewhere in the country: the unit is the slip
                m.signals.append(Signal("town_outside_listed_unit", 0.0,
                                        f"{_admin1_label(gaz, unit.admin1_code)} has no place of this name"))
                continue
            if spelt is None:
                spelt = _in_unit_by_typo(gaz, m.key, unit.admin1_code, w)
            if spelt is not None:
                row, name, exact = spelt
                m.kind, m.rows = "variant", (row,)  # read as a spelling variant of that settlement
                cand_lists[i] = _candidates(m, gaz)
                how = "the same name without apostrophes or spaces" if exact else "a close spelling"
                m.signals.append(Signal("spelling_in_unit", 0.0, f"{how} of {name} in its listed unit"))
                if restricted is not None:
                    m.signals.append(restricted)
                continue
            unresolved[i] = _unit_point(m, gaz, unit)
    _same_city_district(mentions, unresolved)
    _district_of_the_article_city(mentions, first, cand_lists, unresolved, gaz, w)
    if any(m.city_district for m in mentions):
        _districts_of_the_article_city(mentions, first, cand_lists, unresolved, at_town, gaz, w)
    if any(m.city_part for m in mentions):
        _city_parts(mentions, first, cand_lists, unresolved, at_town, gaz, w)
    if any(m.offset for m in mentions):
        _offset_places(mentions, first, cand_lists, unresolved, at_town, gaz, w)
    if any(m.near_start >= 0 and m.kind != "settlement" for m in mentions):
        _near_town_places(mentions, first, cand_lists, unresolved, at_town, gaz, w)
    if sentence_units:  # (sentences that list several settlements: few texts have one)
        lists = {sentence for sentence, units in sentence_units.items() if len(units) > 2}
        if lists:
            _far_namesake_in_a_list(mentions, first, cand_lists, unresolved, at_district, towns, sentence_units,
                                    lists, gaz, w)
            _other_ending_in_listed_unit(mentions, first, cand_lists, unresolved, towns, sentence_units, lists,
                                         gaz, w)
    together = _listed_namesakes_together(mentions, first, full_lists, cand_lists, unresolved, w)
    if any(m.near_border for m in mentions):
        together.update(_namesakes_by_the_border(mentions, first, full_lists, cand_lists, unresolved, w))
    second = [_rank(m, cands, second_ctx, index=i, qualifier=qualifiers.get(i))
              for i, (m, cands) in enumerate(zip(mentions, cand_lists))]
    for i, (c, signal) in together.items():
        chosen = next((s for s in second[i] if s.candidate.row == c.row), None)
        if chosen is not None:
            _add_context(chosen, signal)
            _sort_scored(second[i])
    _one_sense_per_discourse(mentions, second, w)
    _one_sense_across_spellings(mentions, second, w)
    if second_ctx.theatre:
        _far_from_its_paragraph(mentions, second, full_lists, unresolved, qualifiers, w)
        _stray_abroad(mentions, second, unresolved, qualifiers, w)
    out = []
    reasons: dict[tuple, str] = {}  # the reasons rendered in this article (see ``_reason``)
    for i, (m, scored) in enumerate(zip(mentions, second)):
        if i in unresolved:
            cand, signals = unresolved[i]
            out.append(Resolution(m, cand, w.unresolved_confidence, _render(cand, signals + list(m.signals), gaz),
                                  0, tuple(signals) + tuple(m.signals),
                                  PRECISION_TOWN if i in at_town else
                                  PRECISION_ADMIN2 if i in at_district else PRECISION_ADMIN1))
            continue
        if not scored:
            continue
        precision = PRECISION_TOWN if m.facility and scored[0].candidate.feature_kind == "city" else \
            PRECISION_ADMIN2 if m.district else PRECISION_EXACT
        out.append(Resolution(m, scored[0].candidate, _rounded_confidence(_confidence(scored)),
                              _reason(m, scored, gaz, reasons), len(scored),
                              tuple(scored[0].signals) + tuple(m.signals), precision))
    return out


# ``round(confidence, 3)`` of the confidences seen (``round`` on a float is many times the cost of a look-up, and
# the same competitions recur: a single candidate is always 1.0); a confidence is never -0.0 or NaN
_ROUNDED_CONFIDENCES: dict[float, float] = {}
_ROUNDED_LIMIT = 65_536


def _rounded_confidence(confidence: float) -> float:
    """``round(confidence, 3)``, remembered."""
    found = _ROUNDED_CONFIDENCES.get(confidence)
    if found is None:
        if len(_ROUNDED_CONFIDENCES) >= _ROUNDED_LIMIT:
            _ROUNDED_CONFIDENCES.clear()
        found = _ROUNDED_CONFIDENCES[confidence] = round(confidence, 3)
    return found


def _near_place(m: Mention, mentions: list[Mention], first: list,
                gaz: Gazetteer) -> tuple[Candidate, list[Signal]] | None:
    """A settlement the gazetteer lacks, said to be near a town ("the village of X outside Y"): placed at the
    town's point; near an admin-1 unit, at the unit's seat; None when Y reads as neither."""
    j = next((j for j, other in enumerate(mentions) if other.start == m.near_start), None)
    if j is None or first[j][0] is None:
        return None
    top = first[j][0]
    if top.feature_kind == "admin1":
        return _unit_point(m, gaz, top)
    if top.feature_kind != "city":
        return None
    cand = Candidate(top.row, None, m.text, top.lat, top.lon, "city", top.country_code, top.admin1_code, 0, True, False)
    return cand, [Signal("unresolved_settlement_near_town", 0.0, f"not in the gazetteer: placed at {top.name}, "
                                                                  "the place it is said to be near")]


def _district_point(i: int, mentions: list[Mention], first: list, cand_lists: list[list[Candidate]],
                    unit: Candidate | None) -> tuple[Candidate, list[Signal]] | None:
    """A settlement the gazetteer lacks named with the rural district it lies in ("the village of X in the Y
    district", "X, a village in the Y district of the Z region"): placed at that district's point (its seat or
    the raion's own point), inside the listed admin-1 unit when there is one; None without such a district."""
    m = mentions[i]
    for j in range(i + 1, len(mentions)):
        other = mentions[j]
        if other.sentence != m.sentence:
            break
        if first[j][0] is None:
            continue
        if other.district:  # (placed at its seat or own point by ``districts.mark_district_seats``)
            top = first[j][0]
            if unit is not None and top.admin1_code != unit.admin1_code:
                return None
        else:  # a raion with namesakes elsewhere, left unmarked: the one of the listed unit
            top = next((c for c in cand_lists[j] if c.feature_kind == "admin2"
                        and unit is not None and c.admin1_code == unit.admin1_code), None)
            if top is None:
                continue
        cand = Candidate(top.row, None, m.text, top.lat, top.lon, "city", top.country_code, top.admin1_code, 0,
                         True, False)
        return cand, [Signal("unresolved_settlement_in_district", 0.0,
                             f"not in the gazetteer: placed at the point of its district, {top.name}")]
    return None


def _same_place_as_alias(m: Mention, i: int, full_lists: list, cand_lists: list) -> None:
    """A name given with another name of the same place ("X, also known as Y"): only the places both names
    may refer to, when there are any."""
    rows = set(m.alias_rows)
    same = [c for c in full_lists[i] if c.row in rows]
    if same:
        cand_lists[i] = same
        m.signals.append(Signal("alias", 0.0, f"the place also called \"{m.alias_text}\""))


def _same_city_district(mentions: list[Mention], unresolved: dict[int, tuple[Candidate, list[Signal]]]) -> None:
    """One sense per article for a city district the gazetteer lacks: once "the X district of Y" places X at
    the city Y, the other mentions of X in the article ("a strike in the X district") are that district too,
    not a town of that name elsewhere. Only bare mentions follow (no location string, no "district of")."""
    districts = {mentions[i].key: i for i, (_, signals) in unresolved.items()
                 if mentions[i].district_of is not None and signals and signals[0].kind == "city_district"}
    if not districts:
        return
    for j, m in enumerate(mentions):
        i = districts.get(m.key)
        if i is None or j in unresolved or m.district_of is not None or m.qualifier is not None:
            continue
        m.signals = [s for s in m.signals if s.kind not in ("spelling_variant", "adjective_ending")]
        unresolved[j] = unresolved[i]


# the adjective form of a city district's name ("Shevchenkivskyi", "Leninsky", "Kirovskiy"), lower case
_DISTRICT_ADJECTIVE = re.compile(r"sk(?:yi|yy|iy|ij|ii|y|oy|oi)\Z")


@lru_cache(maxsize=4)
def _cities_with_districts(gaz: Gazetteer, population: int) -> tuple[tuple[float, float, str, int], ...]:
    """(lat, lon, country, population) of every city of ``population`` or more: the cities whose parts
    GeoNames lists as towns."""
    pops, kinds = gaz.population_of, gaz.kind_of
    lat, lon, cc = gaz._columns()[2], gaz._columns()[3], gaz._columns()[5]
    return tuple((float(lat[r]), float(lon[r]), str(cc[r]), int(pops[r])) for r in range(len(kinds))
                 if kinds[r] == "city" and pops[r] >= population)


def _city_section(gaz: Gazetteer, c: Candidate, w: ResolveWeights) -> tuple[float, float] | None:
    """The point of the city that ``c`` is a district of (a town of ``city_section_min_population`` or more
    named by a district adjective, lying within ``city_section_km`` of a city at least ``city_section_ratio``
    times as populous), else None."""
    if c.feature_kind != "city" or c.population < w.city_section_min_population or \
            not _DISTRICT_ADJECTIVE.search(c.name.lower()):
        return None
    return _parent_city(gaz, c.lat, c.lon, c.country_code, c.population, w)


@lru_cache(maxsize=65536)
def _parent_city(gaz: Gazetteer, lat0: float, lon0: float, country: str, population: int,
                 w: ResolveWeights) -> tuple[float, float] | None:
    """``_city_section``'s scan of the big cities, once per town (the same towns recur in every article)."""
    for lat, lon, cc, pop in _cities_with_districts(gaz, w.city_with_districts_population):
        if cc == country and pop >= w.city_section_ratio * population and abs(lat - lat0) < 0.5 \
                and _great_circle_km(lat, lon, lat0, lon0) <= w.city_section_km:
            return lat, lon
    return None


def _district_of_the_article_city(mentions: list[Mention], first: list, cand_lists: list,
                                  unresolved: dict[int, tuple[Candidate, list[Signal]]], gaz: Gazetteer,
                                  w: ResolveWeights) -> None:
    """A name whose every reading is a district of some city (GeoNames lists the districts of big cities as
    towns: "Shevchenkivskyi" is a part of Kyiv, and of Luhansk) is a district of the city the article is about,
    when that city is another one: placed at that city, with the reason "a district of Y", not at a namesake
    district hundreds of kilometres away. The article's city is the last big city placed before the mention
    (else the first after it): precision over a guess between equally named districts."""
    cities = [(j, top) for j, (top, conf) in enumerate(first)
              if top is not None and conf >= w.district_city_confidence and top.feature_kind == "city"
              and top.population >= w.city_with_districts_population]
    if not cities:
        return
    for i, m in enumerate(mentions):
        cands = cand_lists[i]
        if i in unresolved or not cands or m.qualifier is not None or m.district_of is not None \
                or m.settlement or m.kind not in ("name", "variant"):
            continue
        parents = []
        for c in cands:  # (stops at the first reading that is no such district: most names)
            parent = _city_section(gaz, c, w)
            if parent is None:
                break
            parents.append(parent)
        if len(parents) != len(cands):
            continue
        before = [c for j, c in cities if j < i]
        city = before[-1] if before else next((c for j, c in cities if j > i
                                               and mentions[j].paragraph == m.paragraph), None)
        if city is None or city.country_code != cands[0].country_code or \
                any(_great_circle_km(lat, lon, city.lat, city.lon) <= w.city_section_km for lat, lon in parents):
            continue  # the district of the city named (or of no city named): ranked as usual
        m.signals = [s for s in m.signals if s.kind not in ("spelling_variant", "adjective_ending")]
        unresolved[i] = (city, [Signal("city_district", 0.0, f"a district of {city.name}")])


def _districts_of_the_article_city(mentions: list[Mention], first: list, cand_lists: list,
                                   unresolved: dict[int, tuple[Candidate, list[Signal]]], at_town: set[int],
                                   gaz: Gazetteer, w: ResolveWeights) -> None:
    """A name the text calls a district (``Mention.city_district``: "the X district", "the A and B districts"),
    in the adjective form of a city's districts ("Darnytskyi", "Prymorskyi"), that is no rural district
    (``districts.mark_district_seats`` found no unit or seat for it) and has no reading near the city the article is
    in (none within ``city_part_far_km``, none an admin-2 unit, none in an admin-1 unit the article names), or no
    reading at all, is a district of that city: placed at the city with the precision of a town, not at a namesake
    hundreds of kilometres away ("the Prymorskyi district" in an article about Odesa). A name with a reading inside
    the city (GeoNames lists some districts as towns) keeps that reading. The city is the last big city
    (``city_with_districts_population``, itself no district of another) placed before the name, at most
    ``district_city_paragraphs`` paragraphs before, else the first after it in its paragraph; with none, an unknown
    name gets no place."""
    big = [(j, top) for j, (top, conf) in enumerate(first)
           if top is not None and conf >= w.district_city_confidence and top.feature_kind == "city"
           and top.population >= w.city_with_districts_population]
    # (not a district of a city GeoNames lists as a big town: "Shevchenkivskyi" is a part of Kyiv)
    cities = [(j, c) for j, c in big if _city_section(gaz, c, w) is None]
    if not cities:
        return
    named_units = {top.admin1_code for top, _conf in first if top is not None and top.feature_kind == "admin1"}
    for i, m in enumerate(mentions):
        if not m.city_district or m.district or i in unresolved or m.district_of is not None or \
                m.qualifier is not None or m.region:
            continue
        before = [(j, c) for j, c in cities if j < i]
        city = before[-1][1] if before and m.paragraph - mentions[before[-1][0]].paragraph <= \
            w.district_city_paragraphs else next((c for j, c in cities if j > i and mentions[j].paragraph ==
                                                  m.paragraph), None)
        if city is None:
            continue
        parts = [c for c in cand_lists[i] if c.feature_kind == "city" and c.row != city.row and
                 c.population < city.population and
                 _great_circle_km(c.lat, c.lon, city.lat, city.lon) <= w.city_section_km]
        if parts:  # a part of the city GeoNames lists as a town ("the Sviatoshyn district" of Kyiv): that reading
            # (named as that town, as "the X district" at its seat is: its span keeps its own name)
            cand_lists[i] = parts
            m.signals.append(Signal("city_district_reading", 0.0, f"a district of {city.name}"))
            continue
        if not _DISTRICT_ADJECTIVE.search(m.key):
            continue  # a town's own name ("the A and B districts") names rural districts by their seats
        if any(c.feature_kind == "admin2" or c.admin1_code in named_units or
               _great_circle_km(c.lat, c.lon, city.lat, city.lon) <= w.city_part_far_km for c in cand_lists[i]):
            continue  # a rural district (of any region: "the A and B districts" of Russia's Kursk region in an
            # article that names Kyiv), a place in a region the article names, or near the city: ranked as usual
        m.signals = [s for s in m.signals if s.kind not in ("spelling_variant", "adjective_ending")]
        # (not ``districts.CITY_DISTRICT_SIGNAL``: a district named with no "of Y" keeps its name alone as its span,
        # as the gold sets mostly write it)
        unresolved[i] = (city, [Signal("district_of_article_city", 0.0, f"a district of {city.name}")])
        at_town.add(i)


def _city_parts(mentions: list[Mention], first: list, cand_lists: list,
                unresolved: dict[int, tuple[Candidate, list[Signal]]], at_town: set[int], gaz: Gazetteer,
                w: ResolveWeights) -> None:
    """A name the text calls a part of a city (``Mention.city_part``: "the neighbourhoods of A, B", "a residential
    area in X, Y") read as a settlement elsewhere: its reading inside that city when it has one (within
    ``city_section_km``), else, when its reading lies beyond ``city_part_far_km``, the city itself with the precision
    of a town: precision over a namesake hundreds of kilometres away. The city is a big one (``city_with_districts
    _population``) named beside the name (``Mention.city_start``: "X, Y", "Y's X"), or for a name called a
    neighbourhood or microdistrict,
    the last one the article placed before it within ``city_part_paragraphs``. A big city so named is itself the
    city, not a part; a big town within ``city_section_km`` of a more populous one the article places is a part of
    that one, not a city of its own (GeoNames counts some city parts as big towns)."""
    towns = [(j, top) for j, (top, conf) in enumerate(first)
             if top is not None and conf >= w.district_city_confidence and top.feature_kind == "city"]
    big = [(j, top) for j, top in towns if top.population >= w.city_with_districts_population]
    cities = [(j, c) for j, c in big if not any(
        o.population > c.population and _great_circle_km(o.lat, o.lon, c.lat, c.lon) <= w.city_section_km
        for _k, o in big)]
    if not towns:
        return
    for i, m in enumerate(mentions):
        top = first[i][0]
        if not m.city_part or i in unresolved or m.qualifier is not None or top is None or \
                top.feature_kind != "city" or top.population >= w.city_with_districts_population:
            continue
        city = next((c for j, c in cities if mentions[j].start == m.city_start), None) if m.city_start >= 0 else None
        if city is None and m.city_part == CITY_PART_ANY:
            # a town of any size named beside a neighbourhood or microdistrict, or before it in its sentence
            # ("the X microdistrict in the town of Y", "assaults on Y, ... the neighbourhoods of X and Z"); a big
            # city within a few paragraphs before it
            city = next((c for j, c in towns if mentions[j].start == m.city_start), None) if m.city_start >= 0 else \
                next((c for j, c in reversed(towns) if j < i and mentions[j].sentence == m.sentence
                      and not mentions[j].city_part and c.population < w.city_with_districts_population), None)
        if city is None and m.city_part == CITY_PART_ANY:
            city = next((c for j, c in reversed(cities) if j < i
                         and m.paragraph - mentions[j].paragraph <= w.city_part_paragraphs), None)
        if city is None or _great_circle_km(top.lat, top.lon, city.lat, city.lon) <= w.city_section_km:
            continue
        inside = [c for c in _candidates(m, gaz) if c.feature_kind == "city"
                  and _great_circle_km(c.lat, c.lon, city.lat, city.lon) <= w.city_section_km]
        if inside:
            cand_lists[i] = inside
            m.signals.append(Signal("city_part", 0.0, f"a part of {city.name}"))
        elif _great_circle_km(top.lat, top.lon, city.lat, city.lon) > w.city_part_far_km:
            m.signals = [s for s in m.signals if s.kind not in ("spelling_variant", "adjective_ending")]
            cand = Candidate(city.row, None, m.text, city.lat, city.lon, "city", city.country_code, city.admin1_code,
                             0, True, False)
            unresolved[i] = (cand, [Signal("city_part", 0.0, f"a part of {city.name}, not the namesake "
                                                             f"{top.name} ({_admin1_label(gaz, top.admin1_code)})")])
            at_town.add(i)


def _offset_places(mentions: list[Mention], first: list, cand_lists: list,
                   unresolved: dict[int, tuple[Candidate, list[Signal]]], at_town: set[int], gaz: Gazetteer,
                   w: ResolveWeights) -> None:
    """A settlement given by its distance and direction from a town ("X, about 20 km south-west of Y":
    ``Mention.offset``): only its readings that lie where the phrase puts them (within ``offset_tolerance_km``, or
    ``offset_tolerance_share`` of the distance when more), else, the direction being given, the point the phrase
    gives (up to ``offset_point_max_km`` from the town, and in the town's admin-1 unit), with the precision of a
    town; never a namesake far from it. A big city (``namesake_keep_population``) keeps its own reading."""
    start_of = {m.start: j for j, m in enumerate(mentions)}
    for i, m in enumerate(mentions):
        if m.offset is None or i in unresolved or m.qualifier is not None:
            continue
        j = start_of.get(m.offset.start)
        town = first[j][0] if j is not None else None
        top = first[i][0]
        if town is None or town.feature_kind not in ("city", "landmark") or \
                top is not None and (top.feature_kind != "city" or top.population >= w.namesake_keep_population):
            continue  # (a big city keeps its name, whatever distance the text gives)
        km, bearing = m.offset.km, m.offset.bearing
        tolerance = max(w.offset_tolerance_km, w.offset_tolerance_share * km)
        if bearing is None:
            def fits(c: Candidate) -> bool:
                return abs(_great_circle_km(c.lat, c.lon, town.lat, town.lon) - km) <= tolerance
            lat, lon = town.lat, town.lon
        else:
            lat, lon = destination(town.lat, town.lon, km, bearing)

            def fits(c: Candidate) -> bool:
                return _great_circle_km(c.lat, c.lon, lat, lon) <= tolerance
        if top is not None and fits(top):
            continue
        near = [c for c in _candidates(m, gaz) if c.feature_kind == "city" and fits(c)]
        if near:
            cand_lists[i] = near
            m.signals.append(Signal("offset_from_town", 0.0, f"about {km:.0f} km from {town.name}, as the text says"))
        elif bearing is not None and km <= w.offset_point_max_km:
            m.signals = [s for s in m.signals if s.kind not in ("spelling_variant", "adjective_ending")]
            cand = Candidate(town.row, None, m.text, round(lat, 6), round(lon, 6), "city", town.country_code,
                             town.admin1_code, 0, True, False)
            what = f"not the namesake {top.name} ({_admin1_label(gaz, top.admin1_code)})" if top is not None \
                else "not in the gazetteer"
            unresolved[i] = (cand, [Signal("offset_from_town", 0.0,
                                           f"about {km:.0f} km from {town.name} as the text says: {what}")])
            at_town.add(i)


def _near_town_places(mentions: list[Mention], first: list, cand_lists: list,
                      unresolved: dict[int, tuple[Candidate, list[Signal]]], at_town: set[int], gaz: Gazetteer,
                      w: ResolveWeights) -> None:
    """A settlement said to be near a town ("X, near the town of Y": ``Mention.near_start``) whose reading lies
    ``near_km`` or more from that town: its namesake within ``near_km`` of the town when there is one, else the
    town's point with a town's precision; never a namesake far away. A big city (``namesake_keep_population``)
    keeps its own reading, and the town must be placed with ``anchor_confidence``."""
    start_of = {m.start: j for j, m in enumerate(mentions)}
    for i, m in enumerate(mentions):
        if m.near_start < 0 or m.kind == "settlement" or i in unresolved or m.qualifier is not None:
            continue
        j = start_of.get(m.near_start)
        town, town_conf = first[j] if j is not None else (None, 0.0)
        top = first[i][0]
        if town is None or town.feature_kind not in ("city", "landmark") or town_conf < w.anchor_confidence or \
                top is None or top.feature_kind != "city" or top.population >= w.namesake_keep_population:
            continue
        km = _great_circle_km(top.lat, top.lon, town.lat, town.lon)
        if km < w.near_km:
            continue
        near = [c for c in _candidates(m, gaz) if c.feature_kind == "city"
                and _great_circle_km(c.lat, c.lon, town.lat, town.lon) < w.near_km]
        if near:
            cand_lists[i] = near
            m.signals.append(Signal("near_town", 0.0, f"the namesake near {town.name}, as the text says"))
            continue
        m.signals = [s for s in m.signals if s.kind not in ("spelling_variant", "adjective_ending")]
        cand = Candidate(town.row, None, m.text, town.lat, town.lon, "city", town.country_code, town.admin1_code, 0,
                         True, False)
        unresolved[i] = (cand, [Signal("near_town", 0.0, f"said to be near {town.name}: placed there, not at the "
                                       f"namesake {top.name} ({_admin1_label(gaz, top.admin1_code)}) {km:.0f} km "
                                       "away")])
        at_town.add(i)


def _far_namesake_in_a_list(mentions: list[Mention], first: list, cand_lists: list,
                            unresolved: dict[int, tuple[Candidate, list[Signal]]], at_district: set[int], towns: list,
                            sentence_units: dict[int, list[tuple[str, str]]], lists: set[int], gaz: Gazetteer,
                            w: ResolveWeights) -> None:
    """A village named in a sentence that lists ``list_cluster_min_places`` or more settlements placed close together
    (each within ``list_cluster_km`` of their centre: "the villages of A, B, C, D and X were liberated"), whose name
    has namesakes and whose reading lies ``list_cluster_far_km`` or more from every one of them: its namesake among
    them when there is one, else the centre of the list, with a district's precision. A namesake far from the
    villages listed with it is a guess; the list says where the village lies. ``lists``: the sentences placing three
    settlements or more."""
    for i, m in enumerate(mentions):
        if m.sentence not in lists:
            continue
        top = first[i][0]
        if top is None or top.feature_kind != "city" or i in unresolved or m.qualifier is not None or \
                m.kind not in ("name", "variant") or top.population >= w.namesake_keep_population or \
                len(sentence_units[m.sentence]) < w.list_cluster_min_places:
            continue
        points = [(lat, lon) for _p, sentence, lat, lon, key in towns if sentence == m.sentence and key != m.key]
        if len(points) < w.list_cluster_min_places:
            continue
        lat0, lon0 = sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points)
        if any(_great_circle_km(lat, lon, lat0, lon0) > w.list_cluster_km for lat, lon in points) or \
                min(_great_circle_km(top.lat, top.lon, lat, lon) for lat, lon in points) < w.list_cluster_far_km:
            continue
        cands = _candidates(m, gaz)
        if len(cands) < 2:
            continue  # the only place of its name: the list may reach that far
        inside = [c for c in cands if c.feature_kind == "city"
                  and _great_circle_km(c.lat, c.lon, lat0, lon0) <= w.list_cluster_km]
        if inside:
            cand_lists[i] = inside
            m.signals.append(Signal("among_listed_places", 0.0, "the namesake among the places listed with it"))
            continue
        m.signals = [s for s in m.signals if s.kind not in ("spelling_variant", "adjective_ending")]
        country, admin1 = _unit_of_listed_places(gaz, sentence_units[m.sentence], m.key, top)
        cand = Candidate(top.row, None, m.text, round(lat0, 6), round(lon0, 6), "city", country, admin1, 0, True,
                         False)
        unresolved[i] = (cand, [Signal("among_listed_places", 0.0,
                                       f"placed at the centre of the {len(points)} places listed with it, not the "
                                       f"namesake {top.name} ({_admin1_label(gaz, top.admin1_code)}) far from them")])
        at_district.add(i)


def _listed_namesakes_together(mentions: list[Mention], first: list, full_lists: list, cand_lists: list,
                               unresolved: dict, w: ResolveWeights) -> dict[int, tuple[Candidate, Signal]]:
    """Namesakes of villages named together ("A, B, C and X were liberated"; "the villages of X and Y ... near A"),
    none of them placed with confidence, read jointly: for each such name, the namesake near which the most other
    names of its sentence (or, when the sentence names fewer than ``listed_together_min_names``, of its paragraph and
    the ``listed_together_paragraphs`` around) have a reading within ``listed_together_km``, each other name
    counting less the more namesakes it has (``listed_together_specific`` / namesakes, at most 1). The namesake
    with the most support, at least ``listed_together_min_support`` and ``listed_together_margin`` more than any
    other, gets ``listed_together`` (and is put back into the shortlist when the cut left it out), unless the name's
    first reading is a town of ``listed_together_keep_population`` or more within ``near_km`` of a reading of a
    name with few namesakes named with it: places named together lie together. Returns mention index → (that
    namesake, its signal)."""
    out: dict[int, tuple[Candidate, Signal]] = {}
    keep = w.namesake_keep_population
    # (most texts: fewer than three settlements, or none of them a small place with namesakes; tested first on
    # the settlements of the first pass, a superset of ``placed``, before any test of the mentions themselves)
    settled = [i for i, (top, _conf) in enumerate(first) if top is not None and top.feature_kind == "city"]
    if len(settled) < w.listed_together_min_names or not any(
            first[i][0].population < keep and len(full_lists[i]) > 1 for i in settled):
        return out
    placed = [i for i in settled if i not in unresolved and mentions[i].kind in ("name", "variant")
              and mentions[i].district_of is None and not mentions[i].region]
    if len(placed) < w.listed_together_min_names or not any(
            first[i][0].population < keep and len(full_lists[i]) > 1 for i in placed):
        return out
    readings: dict[int, list[Candidate]] = {}
    by_key: dict[str, tuple[list[Candidate], list[Candidate]]] = {}  # (a name repeated: its readings once)
    for i in placed:
        full, seen = full_lists[i], by_key.get(mentions[i].key)
        if seen is not None and seen[0] == full:
            cities = seen[1]
        else:
            cities = [c for c in full if c.feature_kind == "city"]
            by_key[mentions[i].key] = full, cities
        if cities:
            readings[i] = cities
    by_sentence: dict[int, list[int]] = {}
    by_paragraph: dict[int, list[int]] = {}
    for i in readings:
        m = mentions[i]
        same = by_sentence.get(m.sentence)
        if same is None:
            by_sentence[m.sentence] = [i]
        else:
            same.append(i)
        same = by_paragraph.get(m.paragraph)
        if same is None:
            by_paragraph[m.paragraph] = [i]
        else:
            same.append(i)
    scale_lat = w.listed_together_km / _KM_PER_DEGREE
    decided: dict[tuple, tuple[Candidate, Signal] | None] = {}
    # (per reading list, shared by a name's mentions: its readings in a country, its bands and weight)
    own_of: dict[tuple[int, str], list[Candidate]] = {}
    band_of: dict[int, tuple[dict[int, list[tuple[int, float, float]]], float]] = {}
    for i, cities in readings.items():
        m, top = mentions[i], first[i][0]
        if top.population >= keep:
            continue
        own = own_of.get((id(cities), top.country_code))
        if own is None:
            own = own_of[id(cities), top.country_code] = [c for c in cities if c.country_code == top.country_code]
        if len(own) < 2:
            continue
        group = [j for j in by_sentence[m.sentence] if mentions[j].key != m.key]
        if len({mentions[j].key for j in group}) + 1 < w.listed_together_min_names:
            reach = range(m.paragraph - w.listed_together_paragraphs, m.paragraph + w.listed_together_paragraphs + 1)
            group = [j for para in reach for j in by_paragraph.get(para, ()) if mentions[j].key != m.key]
        others: dict[str, list[Candidate]] = {}
        for j in group:
            others.setdefault(mentions[j].key, readings[j])
        if len(others) + 1 < w.listed_together_min_names:
            continue
        memo_key = (m.key, top.row, tuple(sorted((k, v[0].row) for k, v in others.items())))
        if memo_key in decided:  # (the same name among the same names: a repeated mention)
            if decided[memo_key] is not None:
                out[i] = decided[memo_key]
                if all(x.row != out[i][0].row for x in cand_lists[i]):
                    cand_lists[i] = [*cand_lists[i], out[i][0]]
            continue
        decided[memo_key] = None
        support = []
        bands = []
        for key, cands in others.items():
            band = band_of.get(id(cands))
            if band is None:
                band = band_of[id(cands)] = (_reading_bands(key, cands, scale_lat),
                                             min(1.0, w.listed_together_specific / len(cands)))
            bands.append(band)
        for c in own:
            total = 0.0
            cell_lat, cell_lon = int(c.lat // scale_lat), int(c.lon // scale_lat)
            for band, weight in bands:
                # a reading in the cells around (one of latitude, ``_LON_CELLS`` of longitude) within reach
                for lon_cell, lat, lon in band.get(cell_lat, ()):
                    if -_LON_CELLS <= lon_cell - cell_lon <= _LON_CELLS and \
                            _great_circle_km(c.lat, c.lon, lat, lon) <= w.listed_together_km:
                        total += weight
                        break
            support.append((total, c))
        support.sort(key=lambda x: (-x[0], x[1].row))
        best, c = support[0]
        runner = support[1][0]
        if best < w.listed_together_min_support or best - runner < w.listed_together_margin:
            continue
        if top.population >= w.listed_together_keep_population and c.population < top.population and any(
                _great_circle_km(top.lat, top.lon, o.lat, o.lon) < w.near_km for cands in others.values()
                if len(cands) <= w.listed_together_specific for o in cands):
            continue  # a town of the name near the places named with it: the list may reach it
        out[i] = decided[memo_key] = c, Signal(
            "listed_together", w.listed_together, f"the namesake near the places named with it ({best:.1f} of "
            f"{len(others)} named around it have a reading within {w.listed_together_km:.0f} km)")
        if all(x.row != c.row for x in cand_lists[i]):
            cand_lists[i] = [*cand_lists[i], c]
    return out


# longitude cells searched either side (cells are ``listed_together_km`` of latitude square in degrees; a degree of
# longitude is at least half a degree of latitude's length up to 60° of latitude, so two cells reach that far)
_LON_CELLS = 2
_BANDS: dict[tuple, dict[int, list[tuple[int, float, float]]]] = {}
_BANDS_LIMIT = 4096


def _reading_bands(key: str, cands: list[Candidate], cell: float) -> dict[int, list[tuple[int, float, float]]]:
    """The readings of one name by band of latitude, on a grid of ``cell`` degrees: latitude cell → (longitude
    cell, lat, lon) of the readings in that latitude cell or one either side (a point is tested against the
    readings of its band, a few, not against every cell around it); remembered per name, readings and cell."""
    memo = (key, cands[0].row, len(cands), cell)
    bands = _BANDS.get(memo)
    if bands is None:
        if len(_BANDS) >= _BANDS_LIMIT:
            _BANDS.clear()
        bands = _BANDS[memo] = {}
        for o in cands:
            lat_cell, entry = int(o.lat // cell), (int(o.lon // cell), o.lat, o.lon)
            for band in (lat_cell - 1, lat_cell, lat_cell + 1):
                readings = bands.get(band)
                if readings is None:
                    bands[band] = [entry]
                else:
                    readings.append(entry)
    return bands


def _namesakes_by_the_border(mentions: list[Mention], first: list, full_lists: list, cand_lists: list,
                             unresolved: dict, w: ResolveWeights) -> dict[int, tuple[Candidate, Signal]]:
    """A village whose sentence speaks of the border ("X, a village near the Russian border"), with namesakes in
    its country: the namesake within ``border_near_km`` of the war theatre's land border (``borders.border_km``)
    when every other lies ``border_far_km`` or more from it gets ``border_namesake``. Returns mention index → (that
    namesake, its signal); the namesake is put back into the shortlist when the cut left it out."""
    from pipeline.geoparse.borders import border_km

    out: dict[int, tuple[Candidate, Signal]] = {}
    theatre = {w.war_theatre_country, *w.war_theatre_parties}
    for i, m in enumerate(mentions):
        top = first[i][0]
        if not m.near_border or top is None or top.feature_kind != "city" or i in unresolved or \
                top.population >= w.namesake_keep_population or top.country_code not in theatre:
            continue
        own = [c for c in full_lists[i] if c.feature_kind == "city" and c.country_code == top.country_code]
        if len(own) < 2:
            continue
        near = sorted(((border_km(c.lat, c.lon), c) for c in own), key=lambda x: (x[0], x[1].row))
        (best_km, best), next_km = near[0], near[1][0]
        if best_km is None or best_km > w.border_near_km or next_km < w.border_far_km:
            continue
        out[i] = best, Signal("border_namesake", w.border_namesake,
                              f"the namesake by the border its sentence speaks of (about {best_km:.0f} km from it; "
                              f"the next {next_km:.0f} km)")
        if all(x.row != best.row for x in cand_lists[i]):
            cand_lists[i] = [*cand_lists[i], best]
    return out


def _unit_of_listed_places(gaz: Gazetteer, units: list[tuple[str, str]], key: str,
                           top: Candidate) -> tuple[str, str | None]:
    """(country, admin-1 code) of a point placed at the centre of the settlements listed with name ``key``: the
    unit most of them lie in (the first named among equals), not that of ``top``, the far namesake set aside."""
    codes = Counter(code for other, code in units if other != key)
    if not codes:
        return top.country_code, top.admin1_code
    code = codes.most_common(1)[0][0]
    row = gaz.admin1_row(code)
    return (str(gaz._columns()[5][row]) if row is not None else top.country_code), code


def _other_ending_in_listed_unit(mentions: list[Mention], first: list, cand_lists: list,
                                 unresolved: dict[int, tuple[Candidate, list[Signal]]], towns: list,
                                 sentence_units: dict[int, list[tuple[str, str]]], lists: set[int],
                                 gaz: Gazetteer, w: ResolveWeights) -> None:
    """A one-word adjectival name listed with settlements of one admin-1 unit ("the ports of A, X-yi and B") whose
    reading lies in another unit, ``near_km`` or more from them all, while a town of that unit near them bears the
    same adjective with another ending (the neuter "X-e"): that town (the press mixes the endings of adjectival
    names; a namesake far from the list is rarely meant). ``lists``: the sentences placing three settlements or more."""
    for i, m in enumerate(mentions):
        if m.sentence not in lists or m.kind != "name" or not one_word_adjectival(m.key):
            continue
        top = first[i][0]
        if top is None or top.feature_kind != "city" or i in unresolved or m.qualifier is not None:
            continue
        units = {code for key, code in sentence_units[m.sentence] if key != m.key}
        if len(units) != 1 or top.admin1_code in units:
            continue
        stem = adjective_stem(m.key, RECOGNISE_WEIGHTS.adjective_stem_min_letters)
        rows = adjective_forms(gaz).get(stem, ()) if stem else ()
        if not rows:
            continue
        unit = next(iter(units))
        points = [(lat, lon) for _p, sentence, lat, lon, key in towns if sentence == m.sentence and key != m.key]
        if min((_great_circle_km(top.lat, top.lon, lat, lon) for lat, lon in points), default=0.0) < w.near_km:
            continue
        cols = gaz._columns()
        near = tuple(r for r in rows if r not in m.rows and cols[6][r] == unit and any(
            _great_circle_km(float(cols[2][r]), float(cols[3][r]), lat, lon) < w.near_km for lat, lon in points))
        if not near:
            continue
        m.kind, m.rows = "variant", near
        cand_lists[i] = _candidates(m, gaz)
        m.signals.append(Signal("adjective_ending_in_listed_unit", 0.0,
                                f"another ending of {gaz._name[near[0]]}, in {_admin1_label(gaz, unit)} with the "
                                "places listed with it"))


def _district_units(cands: list[Candidate], whole: Candidate, gaz: Gazetteer) -> list[Candidate]:
    """The candidates of X in "the X district of Y" that are admin-2 units inside Y's admin-1 unit."""
    code = whole.admin1_code
    return [c for c in cands if c.feature_kind == "admin2" and _admin1_of(gaz, c) == code]


def _constraints(i: int, mentions: list[Mention], first: list) -> tuple[Candidate | None, str | None, Signal | None]:
    """The admin-1 unit and country that restrict mention ``i``: those of its location string
    ("Zolochiv, Kharkiv Oblast, Ukraine"), or for a settlement named as such ("the village of X") the
    region phrase of its sentence; and the signal that says which mention restricted it (for its reason)."""
    m = mentions[i]
    unit = country = None
    by_unit = by_country = None  # (the mentions that gave them)
    if m.qualifier is not None and first[m.qualifier][0] is not None:
        top = first[m.qualifier][0]
        if top.feature_kind == "admin1":
            unit, by_unit = top, mentions[m.qualifier]
    elif m.settlement:
        for j, other in enumerate(mentions):
            if other.sentence == m.sentence and other.region and not other.bordering and j != i and \
                    first[j][0] is not None:
                top = first[j][0]
                if top.feature_kind == "admin1":
                    unit, by_unit = top, other
                    break
    if m.country_qualifier is not None and first[m.country_qualifier][0] is not None:
        top = first[m.country_qualifier][0]
        if top.feature_kind == "country" or mentions[m.country_qualifier].kind == "demonym":
            country, by_country = top.country_code, mentions[m.country_qualifier]
    if unit is not None and country is not None and unit.country_code != country:
        unit = None  # "Crimea, Russia": the country is the writer's view; keep the unit's own candidates
    if unit is not None:
        return unit, country, _restricted_signal(m, unit.admin1_code, by_unit)
    return unit, country, _restricted_signal(m, country, by_country) if country is not None else None


def _spelt_with_its_apostrophes(gaz: Gazetteer, m: Mention, allowed: list[Candidate]) -> list[Candidate]:
    """``allowed`` (the namesakes inside a listed unit) narrowed to those the gazetteer spells with the apostrophes
    where ``m`` writes them ("Khal'ch, Gomel Oblast": the Khal'ch of Gomel, not its Khalch 70 km away), when some are
    and some are not: inside one unit the spelling is the only evidence between namesakes. Which apostrophe
    character is written says nothing (all read alike), nor does the spelling outside a listed unit, where the
    place found never depends on where a text puts its apostrophes."""
    text = m.text
    if text.isalpha() or not any(ch in text for ch in NAME_APOSTROPHES):
        return allowed
    spelt_key = name_key(text)  # (the apostrophes read as spaces: every apostrophe character alike)
    if spelt_key == m.key or spelt_key not in gaz.keys:
        return allowed
    rows = set(gaz.rows_for_key(spelt_key))
    spelt = [c for c in allowed if c.row in rows]
    if spelt and len(spelt) < len(allowed):
        m.signals.append(Signal("spelt_with_apostrophes", 0.0, "spelt with its apostrophes as the text writes it"))
        return spelt
    return allowed


def _restricted_signal(m: Mention, code: str, by: Mention) -> Signal:
    """The signal naming the unit or country (``code``) that mention ``by`` restricted ``m``'s candidates to: "in a
    location string; restricted to UA-63 by "Kharkiv Oblast"" (a sentence's region phrase: "restricted to ... by
    the region phrase "Kharkiv"")."""
    if m.qualifier is None and m.country_qualifier is None:
        return Signal("restricted_to_unit", 0.0, f"restricted to {code} by the region phrase \"{by.text}\"")
    where = "" if any(s.kind == "location_line" for s in m.signals) else "in a location string; "
    return Signal("restricted_to_unit", 0.0, f"{where}restricted to {code} by \"{by.text}\"")


def _allowed(cands: list[Candidate], gaz: Gazetteer, unit: Candidate | None,
             country: str | None) -> list[Candidate] | None:
    """The candidates inside ``unit`` (an admin-1 candidate) or ``country``; None when the mention is itself
    a country, continent or admin-1 unit the constraint does not apply to."""
    if cands and all(c.feature_kind in ("country", "continent", "water", "region") for c in cands[:1]):
        return None
    if unit is not None:
        code = unit.admin1_code
        return [c for c in cands if c.feature_kind != "admin1" and _admin1_of(gaz, c) == code]
    return [c for c in cands if c.country_code == country]


def _compact(key: str) -> str:
    """A name key without spaces, hyphens and apostrophes ("berdians k" → "berdiansk")."""
    return "".join(ch for ch in key if ch.isalnum())


# the press's ways of writing Ukrainian "ії", "ій", "ия" as one letter ("Filiia" → "Filia", "Oleksiyivka" →
# "Oleksiivka"): folded to "i" before doubled letters are made single (``_folded``)
_I_GLIDES = re.compile("iy|yi|ij|ji")
_DOUBLED = re.compile(r"(.)\1+")


def _folded(compact: str) -> str:
    """A compact name key with "iy"/"yi" written "i" and every doubled letter single: two spellings of one
    Ukrainian name that differ only in how the press writes its vowel glides and double letters fold alike."""
    return _DOUBLED.sub(r"\1", _I_GLIDES.sub("i", compact))


@lru_cache(maxsize=256)
def _unit_settlements_folded(gaz: Gazetteer, admin1: str) -> dict[str, tuple[int, ...]]:
    """``_unit_settlements`` keyed by the folded names (``_folded``)."""
    out: dict[str, set[int]] = defaultdict(set)
    for key, rows in _unit_settlements(gaz, admin1).items():
        out[_folded(key)].update(rows)
    return {k: tuple(sorted(v)) for k, v in out.items()}


@lru_cache(maxsize=256)
def _unit_city_rows(gaz: Gazetteer, admin1: str | None) -> tuple[int, ...]:
    """Rows of the settlements (kind "city") of unit ``admin1``, in row order: a scan of the integer code columns
    (``admin1_index``, ``kind_code``), not of the object columns of codes and kinds (a string comparison per row
    of the table: ~0.1 G instructions a unit, and ~100 times the time)."""
    import numpy as np

    codes = gaz.admin1_codes
    if admin1 is None:
        at = -1  # (the rows with no admin-1 code)
    else:
        at = bisect_left(codes, admin1)  # (the codes are sorted and distinct)
        if at == len(codes) or codes[at] != admin1:
            return ()
    if "city" not in gaz.kinds:
        return ()
    return tuple(np.flatnonzero((gaz.admin1_index == at) & (gaz.kind_code == gaz.kinds.index("city"))).tolist())


@lru_cache(maxsize=256)
def _unit_settlements(gaz: Gazetteer, admin1: str) -> dict[str, tuple[int, ...]]:
    """Compact name key → rows of the settlements (towns, villages) of unit ``admin1``, for the location
    strings whose town is not found as written (built on first use, per unit)."""
    out: dict[str, list[int]] = defaultdict(list)
    for row in _unit_city_rows(gaz, admin1):
        for key in _row_keys(gaz, row):
            out[_compact(key)].append(row)
    return {k: tuple(sorted(set(v))) for k, v in out.items()}


@lru_cache(maxsize=256)
def _unit_adjective_stems(gaz: Gazetteer, admin1: str) -> dict[str, tuple[int, ...]]:
    """Adjective stem → rows of the settlements of unit ``admin1`` with a one-word adjectival name of that stem
    (any spelling; ``adjective_stem``), built on first use, per unit."""
    out: dict[str, set[int]] = defaultdict(set)
    for row in _unit_city_rows(gaz, admin1):
        for key in _row_keys(gaz, row):
            stem = adjective_stem(key, RECOGNISE_WEIGHTS.adjective_stem_min_letters)
            if stem:
                out[stem].add(row)
    return {k: tuple(sorted(v)) for k, v in out.items()}


@lru_cache(maxsize=4096)
def _in_unit_by_spelling(gaz: Gazetteer, key: str, admin1: str | None,
                         w: ResolveWeights = RESOLVE_WEIGHTS) -> tuple[int, str, bool] | None:
    """The settlement of unit ``admin1`` spelt like ``key`` (the same letters without apostrophes or spaces,
    else the closest spelling above ``unit_spelling_similarity``) as (row, its name, exact), or None."""
    import difflib

    names = _unit_settlements(gaz, admin1) if admin1 else None
    compact = _compact(key)
    if not names or len(compact) < 3:
        return None
    pops, approx = gaz.population_of, gaz._approx

    def best(rows: tuple[int, ...]) -> int:
        return min(rows, key=lambda r: (bool(approx[r]), -pops[r], r))

    if compact in names:
        row = best(names[compact])
        return row, str(gaz._name[row]), True
    folded = _unit_settlements_folded(gaz, admin1).get(_folded(compact))
    if folded:  # the same name, its vowel glides or double letters written otherwise
        row = best(folded)
        return row, str(gaz._name[row]), False
    if len(compact) < w.unit_spelling_min_letters:
        return None
    close = difflib.get_close_matches(compact, list(names), n=3, cutoff=w.unit_spelling_similarity)
    if not close:
        return None
    row = best(names[close[0]])
    return row, str(gaz._name[row]), False


def _town_outside_unit(cands: list[Candidate], unit: Candidate, w: ResolveWeights) -> Candidate | None:
    """The town of ``cands`` in ``unit``'s country with ``listed_unit_namesake_population`` or more, for a
    name its listed unit lacks, when every settlement of that name in the country lies in the town's unit (a
    name that villages of several units share, "Nikolskoye", says nothing about which one); else None."""
    settlements = [c for c in cands if c.feature_kind == "city" and c.country_code == unit.country_code]
    if not settlements or len({c.admin1_code for c in settlements}) != 1:
        return None
    town = max(settlements, key=lambda c: (c.population, -c.row))
    return town if town.population >= w.listed_unit_namesake_population else None


@lru_cache(maxsize=4096)
def _in_unit_by_typo(gaz: Gazetteer, key: str, admin1: str | None,
                     w: ResolveWeights = RESOLVE_WEIGHTS) -> tuple[int, str, bool] | None:
    """The town (``unit_typo_min_population`` or more) of unit ``admin1`` whose name is one slip from ``key``
    with the same first letter, when exactly one town is, as (row, its name, False); else None."""
    compact = _compact(key)
    names = _unit_settlements(gaz, admin1) if admin1 else None
    if not names or len(compact) < w.unit_typo_min_letters:
        return None
    pops = gaz.population_of
    found = {row for name, rows in names.items() if name[:1] == compact[:1] and one_slip_apart(compact, name)
             for row in rows if pops[row] >= w.unit_typo_min_population}
    if len(found) != 1:
        return None
    row = found.pop()
    return row, str(gaz._name[row]), False


def _admin1_of(gaz: Gazetteer, c: Candidate) -> str | None:
    if c.admin1_code:
        return c.admin1_code
    joined = gaz.polygon_admin1_of(c.row)
    return joined.admin1_code if joined is not None else None


def _names_a_settlement(top: Candidate | None) -> bool:
    """Whether the first-pass reading of a name is a settlement (a town or village), not a unit or country."""
    return top is not None and top.feature_kind == "city"


def _unit_point(m: Mention, gaz: Gazetteer, unit: Candidate) -> tuple[Candidate, list[Signal]]:
    """A settlement the gazetteer lacks (or knows only elsewhere), placed at the reference point of the
    admin-1 unit its context names: the unit's seat (as ACLED codes an event known only by its province
    at the provincial capital), else the unit's own GeoNames point."""
    seat = _unit_seat(gaz, unit.row)
    lat, lon = (gaz._columns()[2][seat], gaz._columns()[3][seat]) if seat is not None else (unit.lat, unit.lon)
    cand = Candidate(unit.row, None, m.text, lat, lon, "city", unit.country_code, unit.admin1_code, 0, True, False)
    label = _admin1_label(gaz, unit.admin1_code)
    where = f"the seat of {label}, {gaz._name[seat]}" if seat is not None else f"the point of {label}"
    return cand, [Signal("unresolved_settlement_in_unit", 0.0,
                         f"not in the gazetteer{' there' if m.kind != 'settlement' else ''}: placed at {where}")]


@lru_cache(maxsize=4096)
def _unit_seat(gaz: Gazetteer, unit_row: int) -> int | None:
    """Row of the town an admin-1 unit is named after (the most populous town of its country with one of the
    unit's names: "Kiev" oblast → Kyiv), else its most populous town."""
    cc = gaz._columns()[5][unit_row]
    best = None
    for key in sorted(_row_keys(gaz, unit_row)):
        for row in gaz.rows_for_key(key):
            if gaz.kind_of[row] == "city" and gaz._columns()[5][row] == cc and \
                    (best is None or gaz.population_of[row] > gaz.population_of[best]):
                best = row
    return best if best is not None else _seats(gaz).get(gaz._columns()[6][unit_row])


def _render(c: Candidate, signals: list[Signal], gaz: Gazetteer) -> str:
    where = ", ".join(x for x in (_admin1_label(gaz, c.admin1_code), c.country_code) if x)
    parts = [s.text for s in sorted(signals, key=lambda s: -s.weight) if s.text]
    return f"{c.name} [{c.feature_kind}{', ' + where if where else ''}]: " + "; ".join(dict.fromkeys(parts))


class _RankContext:
    """What one ranking pass knows about the article (fixed during the pass)."""

    def __init__(self, gaz: Gazetteer, countries: Counter, admin_ctx: dict, anchors: list,
                 weights: ResolveWeights) -> None:
        self.gaz = gaz
        self.w = weights
        self.countries = countries
        self.country_total = sum(countries.values()) or 1.0
        self.top_country = countries.most_common(1)[0][0] if countries else None
        self.admin_ctx = admin_ctx  # admin-1 code -> [(mention index, its name key or None, sentence, paragraph)]
        counts = sorted(((len(v), code) for code, v in admin_ctx.items()), reverse=True)
        self.top_admin1 = counts[0][1] if counts and counts[0][0] >= 2 and \
            (len(counts) == 1 or counts[1][0] < counts[0][0]) else None
        self.anchors = anchors  # confidently placed points: [(paragraph, lat, lon)]
        self.towns: list[tuple[int, int, float, float, str]] = []  # [(paragraph, sentence, lat, lon, key)]
        # sentence -> [(name key, admin-1 code)] of the settlements confidently placed in it
        self.sentence_units: dict[int, list[tuple[str, str]]] = {}
        self._km_cache: dict[tuple, float] = {}
        self._points_cache: dict[tuple, tuple] = {}
        self._near_cache: dict[tuple[int, int], float | None] = {}
        self._near_by_paragraph: dict[tuple[int, int], float | None] = {}
        self._anchors_near: dict[int, _AnchorGroup | None] = {}
        self._groups: dict[tuple, _AnchorGroup] = {}
        self._country_signals: dict[str, Signal | None] = {}
        self.theatre = False  # whether the article's ambiguous names are expected in the war theatre
        self._theatre_signals: dict[tuple[str, str | None], Signal | None] = {}

    def theatre_signal(self, c: Candidate) -> Signal | None:
        """The ``war_theatre`` signal of a settlement in the war theatre, when the article is about the war."""
        if not self.theatre or c.feature_kind not in ("city", "landmark"):
            return None
        key = (c.country_code, c.admin1_code)
        if key in self._theatre_signals:
            return self._theatre_signals[key]
        w, signal = self.w, None
        if c.country_code == w.war_theatre_country:
            own = self.country_signal(c.country_code)
            top = self.country_signal(self.top_country) if self.top_country else None
            lift = max((top.weight if top else 0.0) - (own.weight if own else 0.0), 0.0)
            signal = Signal("war_theatre", lift + w.war_theatre,
                            f"in the war theatre ({c.country_code}), the article being about the war")
        elif c.admin1_code in w.war_theatre_admin1:
            signal = Signal("war_theatre", w.war_theatre,
                            f"in a border region of the war theatre ({c.admin1_code})")
        self._theatre_signals[key] = signal
        return signal

    def country_signal(self, country_code: str) -> Signal | None:
        """The signal for a candidate in ``country_code`` when the article names that country."""
        if country_code in self._country_signals:
            return self._country_signals[country_code]
        signal = None
        if country_code and self.countries.get(country_code):
            share = self.countries[country_code] / self.country_total
            top = country_code == self.top_country
            signal = Signal("article_country" if top else "country_mentioned",
                            self.w.country_share * share + (self.w.country_top if top else 0.0),
                            f"article is about {country_code}" if top else f"{country_code} is mentioned")
        self._country_signals[country_code] = signal
        return signal

    def nearest_km(self, c: Candidate, paragraph: int) -> float | None:
        """Distance from ``c`` to the closest other confidently placed point in nearby paragraphs
        (great-circle), cached per candidate and paragraph, and per candidate and set of nearby points."""
        where = (c.row, paragraph)
        found = self._near_by_paragraph.get(where, _UNSEEN)
        if found is _UNSEEN:
            found = self._near_by_paragraph[where] = self._nearest_km(c, paragraph)
        return found

    def _nearest_km(self, c: Candidate, paragraph: int) -> float | None:
        group = self._anchors_around(paragraph)
        if group is None or not group.may_be_close(c.lat, c.lon, self.w):
            return None
        key = (c.row, group.index)
        if key not in self._near_cache:
            # only anchors within a few degrees can earn the bonus (< 300 km); those are measured
            close = [(lat, lon) for lat, lon in group.points
                     if abs(lat - c.lat) < self.w.anchor_window_lat and abs(lon - c.lon) < self.w.anchor_window_lon
                     and (abs(lat - c.lat) > 1e-4 or abs(lon - c.lon) > 1e-4)]
            self._near_cache[key] = min((_great_circle_km(c.lat, c.lon, lat, lon) for lat, lon in close),
                                        default=None)
        return self._near_cache[key]

    def town_points(self, m: Mention) -> tuple[tuple[float, float], ...]:
        """The settlements placed around ``m`` (not of its own name): those of its sentence ("from X to
        Ladyzhyn"), else of its paragraph, else of the paragraphs around; cached per name and place in the text."""
        key = (m.key, m.sentence, m.paragraph)
        found = self._points_cache.get(key)
        if found is None:
            others = [t for t in self.towns if t[4] != m.key and abs(t[0] - m.paragraph) <= self.w.anchor_paragraphs]
            found = tuple((lat, lon) for _p, sentence, lat, lon, _k in others if sentence == m.sentence) or \
                tuple((lat, lon) for para, _s, lat, lon, _k in others if para == m.paragraph) or \
                tuple((lat, lon) for _p, _s, lat, lon, _k in others)
            self._points_cache[key] = found
        return found

    def km_to(self, c: Candidate, points: tuple[tuple[float, float], ...]) -> float:
        """Distance (km) from ``c`` to the closest of ``points``, cached per candidate and points: a flat-earth
        estimate (cheap; within about one per cent at the few hundred km it decides on, and shown as "about")."""
        key = (c.row, points)
        found = self._km_cache.get(key)
        if found is None:
            lat, lon = c.lat, c.lon
            scale = math.cos(math.radians(lat)) ** 2
            best = math.inf
            for plat, plon in points:
                d = (plat - lat) ** 2 + scale * (plon - lon) ** 2
                if d < best:
                    best = d
            found = self._km_cache[key] = _KM_PER_DEGREE * math.sqrt(best)
        return found

    def _anchors_around(self, paragraph: int) -> _AnchorGroup | None:
        """The anchors within ``anchor_paragraphs`` of ``paragraph`` (None if there are none); paragraphs
        with the same anchors share one group."""
        if paragraph not in self._anchors_near:
            points = tuple((lat, lon) for para, lat, lon in self.anchors
                           if abs(para - paragraph) <= self.w.anchor_paragraphs)
            group = None
            if points:
                group = self._groups.get(points)
                if group is None:
                    group = self._groups[points] = _AnchorGroup(len(self._groups), points)
            self._anchors_near[paragraph] = group
        return self._anchors_near[paragraph]


class _AnchorGroup:
    """Anchor points as (lat, lon), numbered, with their bounding box."""

    def __init__(self, index: int, points: tuple[tuple[float, float], ...]) -> None:
        self.index = index
        self.points = points
        lats, lons = [lat for lat, _ in points], [lon for _, lon in points]
        if any(math.isnan(v) for v in lats + lons):
            self._box = (-math.inf, math.inf, -math.inf, math.inf)  # no box: every candidate is measured
        else:
            self._box = (min(lats), max(lats), min(lons), max(lons))

    def may_be_close(self, lat: float, lon: float, w: ResolveWeights = RESOLVE_WEIGHTS) -> bool:
        """False when no point can pass the latitude / longitude window of ``nearest_km`` (the box is
        widened by a further degree, so rounding never matters)."""
        min_lat, max_lat, min_lon, max_lon = self._box
        dlat, dlon = w.anchor_window_lat + 1.0, w.anchor_window_lon + 1.0
        return min_lat - dlat < lat < max_lat + dlat and min_lon - dlon < lon < max_lon + dlon


def _distinct_anchors(anchors: list[tuple[int, float, float]], limit: int) -> list[tuple[int, float, float]]:
    """Confidently placed points as (paragraph, lat, lon), one per paragraph and place."""
    seen, out = set(), []
    for para, lat, lon in anchors:
        key = (para, *_rounded_point_2(lat, lon))
        if key not in seen:
            seen.add(key)
            out.append((para, lat, lon))
    return out[:limit]


# ``(round(lat, 2), round(lon, 2))`` of the anchor points seen (the same towns anchor many articles)
_ROUNDED_POINTS: dict[tuple[float, float], tuple[float, float]] = {}


def _rounded_point_2(lat: float, lon: float) -> tuple[float, float]:
    """``(round(lat, 2), round(lon, 2))``, remembered unless a coordinate is zero (0.0 and -0.0 are one key but
    are written differently) or NaN (never equal to another: a remembered one would make two points equal)."""
    found = _ROUNDED_POINTS.get((lat, lon))
    if found is None:
        found = (round(lat, 2), round(lon, 2))
        if lat and lon and lat == lat and lon == lon:
            if len(_ROUNDED_POINTS) >= _ROUNDED_LIMIT:
                _ROUNDED_POINTS.clear()
            _ROUNDED_POINTS[(lat, lon)] = found
    return found


def _base_signals(m: Mention, cands: list[Candidate], gaz: Gazetteer,
                  w: ResolveWeights) -> tuple[tuple[float, list], ...]:
    """(sum, signals) of ``_base`` for every candidate: they depend only on how the name is written
    and on the shortlist (the candidates past ``max_candidates`` it kept)."""
    kept = tuple([c.row for c in cands])
    if w is RESOLVE_WEIGHTS:  # (the default weights: a cache keyed without them, whose hash is a Python call)
        return _base_signals_of_default_form(gaz, m.key, m.rows, m.kind == "variant", m.region, m.text, m.listed,
                                             kept, m.village)
    return _base_signals_of_form(gaz, m.key, m.rows, m.kind == "variant", m.region, m.text, m.listed, kept, w,
                                 m.village)


@lru_cache(maxsize=65536)
def _base_signals_of_default_form(gaz: Gazetteer, key: str, rows: tuple[int, ...], variant: bool, region: bool,
                                  text: str, listed: bool, kept: tuple[int, ...],
                                  village: bool) -> tuple[tuple[float, list], ...]:
    """``_base_signals_of_form`` with ``RESOLVE_WEIGHTS``."""
    return _base_signals_of_form.__wrapped__(gaz, key, rows, variant, region, text, listed, kept, RESOLVE_WEIGHTS,
                                             village)


@lru_cache(maxsize=65536)
def _base_signals_of_form(gaz: Gazetteer, key: str, rows: tuple[int, ...], variant: bool, region: bool, text: str,
                          listed: bool, kept: tuple[int, ...], w: ResolveWeights,
                          village: bool = False) -> tuple[tuple[float, list], ...]:
    """``_base_signals`` computed once per form (names recur across articles) and shortlist (the rows
    ``kept``, in order). The signal lists are shared: callers copy them before adding to them."""
    by_row = {c.row: c for c in _candidates_of_form(gaz, key, rows, variant, region)}
    cands = [by_row[row] for row in kept]
    facts = _facts(cands, w)
    how = dict(_region_units(gaz, key, rows or gaz.rows_for_key(key)) or _region_units_by_spelling(gaz, key)) \
        if region else {}
    former = gaz.former_name_rows(key)
    # (the weights summed in order, read in C: ``sum(s.weight for s in signals)``)
    return tuple([(sum(map(_WEIGHT_OF, signals)), signals)
                  for signals in [_base(c, region, text, listed, facts, w, how.get(c.row), village, c.row in former)
                                  for c in cands]])


def _first_reading(m: Mention, cands: list[Candidate], ctx: _RankContext) -> tuple[Candidate | None, float]:
    """(top candidate, ``_confidence``) of ``_rank(m, cands, ctx)`` in the first pass, where ``ctx`` knows only the
    article's countries (no admin-1 unit, anchor, qualifier or town yet), without a ``_Scored`` per candidate nor a
    sort (the first pass reads nothing else): the highest score, the lowest row among equal ones; the share is
    summed over the scores highest first, as ``_confidence`` sums them (equal scores add equal terms: their order
    among themselves changes nothing). ``(None, 0.0)`` when there is no candidate."""
    if not cands:
        return None, 0.0
    if len(cands) == 1 or m.kind in ("demonym", "abbreviation"):
        return cands[0], 1.0  # (``_rank`` gives one candidate: its share is 1.0)
    country_signals = ctx._country_signals  # (``ctx.country_signal``, read from its cache when filled)
    scores = []
    for c, (base_sum, _signals) in zip(cands, _base_signals(m, cands, ctx.gaz, ctx.w)):
        cc = c.country_code
        country = country_signals.get(cc, _UNSEEN)
        if country is _UNSEEN:
            country = ctx.country_signal(cc)
        if ctx.theatre:  # (summed as ``_rank`` sums its context: country, then theatre)
            theatre = ctx.theatre_signal(c)
            if theatre is not None:
                scores.append(base_sum + ((0 if country is None else country.weight) + theatre.weight))
                continue
        scores.append(base_sum if country is None else base_sum + country.weight)
    best = max(scores)
    top = min((c for c, score in zip(cands, scores) if score == best), key=_CANDIDATE_ROW)
    ordered = sorted(scores, reverse=True)
    return top, _top_share(ordered[0], ordered[1:])


_CANDIDATE_ROW = attrgetter("row")


def _rank(m: Mention, cands: list[Candidate], ctx: _RankContext, index: int = -1,
          qualifier: Candidate | None = None) -> list[_Scored]:
    if not cands:
        return []
    if len(cands) == 1 and m.kind not in ("demonym", "abbreviation"):
        c = cands[0]
        base_sum, signals = _base_signals(m, cands, ctx.gaz, ctx.w)[0]
        return [_Scored(c, base_sum, signals, _ONLY_CANDIDATE)]
    if m.kind in ("demonym", "abbreviation"):
        c = cands[0]
        how = "demonym" if m.kind == "demonym" else "abbreviation"
        return [_Scored(c, ctx.w.demonym, [Signal(m.kind, ctx.w.demonym, f"{how} of {c.name}")])]
    w = ctx.w
    admin_ctx, qualifier_kind = ctx.admin_ctx, qualifier.feature_kind if qualifier is not None else None
    scored = []
    country_signals = ctx._country_signals  # (``ctx.country_signal``, read from its cache when filled)
    if not admin_ctx and qualifier is None and not ctx.anchors:
        # (the first pass: no admin-1 unit, qualifier or anchor can add a signal, only the country)
        for c, (base_sum, signals) in zip(cands, _base_signals(m, cands, ctx.gaz, w)):
            cc = c.country_code
            country = country_signals.get(cc, _UNSEEN)
            if country is _UNSEEN:
                country = ctx.country_signal(cc)
            context = [] if country is None else [country]
            if ctx.theatre:
                theatre = ctx.theatre_signal(c)
                if theatre is not None:
                    context.append(theatre)
            scored.append(_Scored(c, base_sum + sum(s.weight for s in context), signals, context))
        _sort_scored(scored)
        if ctx.towns and len(scored) > 1:
            _nearest_namesake(m, scored, ctx)
        return scored
    near_cache = ctx._near_by_paragraph  # (``ctx.nearest_km``, read from its cache when filled)
    anchors = bool(ctx.anchors)
    # the admin-1 units of the other settlements placed in the sentence (most sentences: none)
    sentence_units = [code for key, code in ctx.sentence_units.get(m.sentence, ()) if key != m.key]
    in_theatre, paragraph, max_rank = ctx.theatre, m.paragraph, w.anchor_max_rank  # (read once per mention)
    for rank_pop, (c, (base_sum, signals)) in enumerate(zip(cands, _base_signals(m, cands, ctx.gaz, w))):
        cc = c.country_code
        country = country_signals.get(cc, _UNSEEN)
        if country is _UNSEEN:
            country = ctx.country_signal(cc)
        # signals from the article around the mention
        context: list[Signal] = [country] if country is not None else []
        if in_theatre:
            theatre = ctx.theatre_signal(c)
            if theatre is not None:
                context.append(theatre)
        if c.admin1_code and c.admin1_code in admin_ctx:
            where = [(s, p) for j, key, s, p in admin_ctx[c.admin1_code] if j != index and key != m.key]
            if where:
                label = _admin1_label(ctx.gaz, c.admin1_code)
                if any(s == m.sentence for s, _ in where):
                    context.append(Signal("admin1_in_sentence", w.admin1_same_sentence,
                                          f"{label} named in the same sentence"))
                elif any(p == m.paragraph for _, p in where):
                    context.append(Signal("admin1_in_paragraph", w.admin1_same_paragraph,
                                          f"{label} named in the same paragraph"))
                else:
                    context.append(Signal("admin1_in_article", w.village_admin1_article if m.village
                                          else w.admin1_same_article, f"{label} named in the article"))
                if m.village and c.admin1_code == ctx.top_admin1 and c.feature_kind == "city":
                    context.append(Signal("admin1_most_named", w.admin1_most_named,
                                          f"{label} is the unit the article names most"))
        if sentence_units and c.feature_kind == "city" and c.admin1_code and c.admin1_code in sentence_units \
                and not any(s.kind == "admin1_in_sentence" for s in context):
            context.append(Signal("admin1_of_places_in_sentence", w.admin1_of_sentence_places,
                                  f"{_admin1_label(ctx.gaz, c.admin1_code)} holds the places named with it"))
        if qualifier is not None and c.feature_kind != qualifier_kind:
            if qualifier_kind == "admin1" and c.admin1_code == qualifier.admin1_code:
                context.append(Signal("qualifier_admin1", w.qualifier_admin1,
                                      f"listed with its admin unit \"{qualifier.name}\""))
            elif qualifier_kind == "country" and c.country_code == qualifier.country_code:
                context.append(Signal("qualifier_country", w.qualifier_country,
                                      f"listed with its country \"{qualifier.name}\""))
        # (a settlement only the codifier has sorts last by population, but may be the one near)
        if anchors and (rank_pop < max_rank or c.minor) and c.feature_kind in ("city", "landmark"):
            near = near_cache.get((c.row, paragraph), _UNSEEN)
            if near is _UNSEEN:
                near = ctx.nearest_km(c, paragraph)
            if near is not None and near < w.near_km:
                context.append(Signal("near_other_place", w.near_bonus,
                                      f"{near:.0f} km from another place nearby in the text"))
            elif near is not None and near < w.somewhat_near_km:
                context.append(Signal("near_other_place", w.somewhat_near_bonus,
                                      f"{near:.0f} km from another place nearby in the text"))
        score = base_sum
        if context:
            for signal in context:
                score += signal.weight  # the same additions, in the same order, as summing every signal
        scored.append(_Scored(c, score, signals, context))
    _sort_scored(scored)
    if ctx.towns and len(scored) > 1:
        _nearest_namesake(m, scored, ctx)
    return scored


_ROW_OF = attrgetter("candidate.row")
_SCORE_OF = attrgetter("score")


def _sort_scored(scored: list[_Scored]) -> None:
    """Sort by score, highest first, then by row: ``scored.sort(key=lambda s: (-s.score, s.candidate.row))``
    as two sorts with keys read in C: by row, then by score in reverse (stable: equal scores stay by row)."""
    if len(scored) > 1:
        scored.sort(key=_ROW_OF)
        scored.sort(key=_SCORE_OF, reverse=True)


# the context of a name with a single candidate (shared: ``_Scored`` copies it before any change)
_ONLY_CANDIDATE = [Signal("only_candidate", 0.0, "the only place of this name")]


def _nearest_namesake(m: Mention, scored: list[_Scored], ctx: _RankContext) -> None:
    """Among settlements of one name in the top candidate's country, lift the one nearest the other settlements
    the article places around the mention (in its sentence, else its paragraph, else the paragraphs around), by
    ``namesake_near`` per order of magnitude by which it is nearer than the next namesake (at most two), and
    lower those far from them all: "a village near X" is the namesake near X. A big city keeps its name. Only
    namesakes whose score these signals can still change are measured."""
    w = ctx.w
    top = scored[0].candidate
    if top.feature_kind != "city" or top.population >= w.namesake_keep_population:
        return
    reach = scored[0].score - 2.0 * w.namesake_near + w.namesake_far  # below this a namesake cannot win
    same = [s for s in scored[:w.namesake_max_candidates] if s.score >= reach and s.candidate.feature_kind == "city"
            and s.candidate.country_code == top.country_code]
    if len(same) < 2:
        return
    points = ctx.town_points(m)
    if not points:
        return
    near = sorted(((ctx.km_to(s.candidate, points), s) for s in same), key=lambda x: (x[0], x[1].candidate.row))
    (best_km, best), (next_km, _next) = near[0], near[1]
    if best_km >= w.somewhat_near_km:
        return
    ratio = next_km / max(best_km, w.namesake_min_km)
    if next_km >= 2 * best_km and ratio > 1.0:  # namesakes both within ``namesake_min_km`` (or at one point): no lift
        gain = w.namesake_near * min(2.0, math.log10(ratio))
        _add_context(best, Signal("nearest_namesake", gain, f"the namesake nearest the article's other places "
                                                            f"(about {best_km:.0f} km; the next {next_km:.0f} km)"))
    if best_km < w.near_km:
        for km, s in near[1:]:
            if km >= max(w.near_km, w.namesake_far_ratio * best_km):  # far from them all while a namesake is near
                _add_context(s, Signal("far_namesake", w.namesake_far, f"about {km:.0f} km from the places around "
                                                                       f"it, a namesake {best_km:.0f} km"))
    # equal scores: the namesake nearer the places around it first (then by row, as ``_sort_scored``)
    km_of = {id(s): km for km, s in near}
    scored.sort(key=lambda s: (-s.score, km_of.get(id(s), math.inf), s.candidate.row))


def _add_context(s: _Scored, signal: Signal) -> None:
    s.score += signal.weight
    s._context = (s._context or []) + [signal]
    s._signals = None


def _add_namesakes_near_towns(mentions: list[Mention], full_lists: list, cand_lists: list,
                              towns: list[tuple[int, int, float, float, str]], w: ResolveWeights) -> None:
    """Put back into a mention's shortlist the settlements of its name, cut for being small, that lie within
    ``near_km`` of a settlement placed in its paragraph ("Novoselivka, a village outside Ladyzhyn": one of
    79 villages so called, unknown in population, is the one near Ladyzhyn)."""
    box = w.near_km / 111.0  # degrees of latitude; longitude is checked with the same number (a looser box)
    for i, m in enumerate(mentions):
        full, short = full_lists[i], cand_lists[i]
        if len(full) <= len(short) or short[0].population >= w.namesake_keep_population:
            continue  # (a big city keeps its name: see ``_nearest_namesake``)
        points = [(lat, lon) for para, _s, lat, lon, key in towns if para == m.paragraph and key != m.key]
        if not points:
            continue
        lo_lat, hi_lat = min(p[0] for p in points) - box, max(p[0] for p in points) + box
        lo_lon, hi_lon = min(p[1] for p in points) - 2 * box, max(p[1] for p in points) + 2 * box
        kept = {c.row for c in short}
        extra = [c for c in full if lo_lat < c.lat < hi_lat and lo_lon < c.lon < hi_lon and c.row not in kept
                 and c.feature_kind == "city" and any(
                     abs(c.lat - lat) < box and abs(c.lon - lon) < 2 * box
                     and _great_circle_km(c.lat, c.lon, lat, lon) < w.near_km for lat, lon in points)]
        if extra:
            cand_lists[i] = short + extra


def _article_unit(mentions: list[Mention], first: list) -> Candidate | None:
    """The admin-1 unit the article names with a region word ("the X region", "X Oblast"), when it names
    exactly one such unit: the region a list of villages belongs to."""
    units = {}
    for m, (top, _conf) in zip(mentions, first):
        if m.region_word and top is not None and top.feature_kind == "admin1":
            units[top.admin1_code] = top
    return next(iter(units.values())) if len(units) == 1 else None


def _namesake_abroad(i: int, mentions: list[Mention], first: list, cands: list[Candidate], unit: Candidate,
                     w: ResolveWeights, *, cand_lists: list | None = None, gaz: Gazetteer | None = None) -> bool:
    """Whether every reading of mention ``i`` (a name called a settlement) is a village outside ``unit``, some in
    another country, and its paragraph places nothing else in those countries (but their capitals): a village of
    the article's region that the gazetteer lacks, not its namesake across the border. Another name called a
    settlement, or one with a reading in ``unit`` (``cand_lists``), is no such place: its reading is as open as
    this one's."""
    if not cands or any(c.feature_kind != "city" or c.admin1_code == unit.admin1_code or
                        c.population >= w.namesake_town_population for c in cands):
        return False
    abroad = {c.country_code for c in cands} - {unit.country_code}
    if not abroad:
        return False
    paragraph = mentions[i].paragraph
    # (another name called a settlement is no evidence of the other country: its reading is as open as this one's,
    # "the villages of A, B and C" being one list)
    return not any(j != i and other.paragraph == paragraph and top is not None and not top.capital and
                   top.feature_kind in ("city", "admin1", "admin2") and top.country_code in abroad and
                   not other.settlement and not (cand_lists is not None and any(
                       c.feature_kind == "city" and _admin1_of(gaz, c) == unit.admin1_code for c in cand_lists[j]))
                   for j, (other, (top, _conf)) in enumerate(zip(mentions, first)))


def _only_unit_named(mentions: list[Mention], first: list, unit: Candidate) -> bool:
    """Whether ``unit`` is the only admin-1 unit the article names as a region, with or without its region word
    ("the Sumy and Kharkiv regions" names two)."""
    return all(top.admin1_code == unit.admin1_code for m, (top, _conf) in zip(mentions, first)
               if (m.region or m.region_word) and top is not None and top.feature_kind == "admin1")


def _spelt_in_article_unit(m: Mention, i: int, gaz: Gazetteer, unit: Candidate, cand_lists: list,
                           w: ResolveWeights, *, endings_only: bool = False) -> None:
    """A name listed as a village, with no place of its name in the unit the article names: the settlement of
    that unit spelt alike (a close spelling: "Prymortsk" / "Prymorsk"), when there is one, else the settlements
    of that unit whose one-word adjectival name has the same stem (the press mixes the Ukrainian and Russian
    endings: "Xnyi", "Xnoye" for "Xne"); ``endings_only``: only the latter."""
    if any(_admin1_of(gaz, c) == unit.admin1_code for c in cand_lists[i]):
        return
    spelt = None if endings_only else _in_unit_by_spelling(gaz, m.key, unit.admin1_code, w)
    if spelt is None:
        stem = adjective_stem(m.key, RECOGNISE_WEIGHTS.adjective_stem_min_letters)
        rows = _unit_adjective_stems(gaz, unit.admin1_code).get(stem, ()) if stem else ()
        if rows:
            m.kind, m.rows = "variant", rows
            # several settlements of the stem: their populations say little of which one a press spelling meant
            m.village = m.village or len(rows) > 1
            cand_lists[i] = _candidates(m, gaz)
            m.signals.append(Signal("ending_in_article_unit", 0.0, "its adjective with another ending, in "
                                    f"{_admin1_label(gaz, unit.admin1_code)}, the region the article names"))
        return
    row, name, exact = spelt
    m.kind, m.rows = "variant", (row,)
    cand_lists[i] = _candidates(m, gaz)
    how = "the same name without apostrophes or spaces" if exact else "a close spelling"
    m.signals.append(Signal("spelling_in_article_unit", 0.0,
                            f"{how} of {name} in {_admin1_label(gaz, unit.admin1_code)}, the region the article names"))


# exp(-37) is below half the spacing of floats at 1.0: adding it to a sum of at least 1.0 changes nothing
_NEGLIGIBLE_GAP = -37.0


def _confidence(scored: list[_Scored]) -> float:
    """The top candidate's softmax share of the scores."""
    return _top_share(scored[0].score, map(_SCORE_OF, scored[1:]))


def _top_share(top: float, others: Iterable[float]) -> float:
    """The softmax share of score ``top`` beside the ``others`` (the other scores, highest first)."""
    total = 1.0  # the top candidate's own term
    for score in others:
        gap = score - top
        if gap > _NEGLIGIBLE_GAP:
            total += math.exp(gap)
    return 1.0 / total


def _paragraph_places(mentions: list[Mention], ranked: list[list[_Scored]], unresolved: dict,
                      w: ResolveWeights) -> dict[int, list[tuple[str, float, float, str | None, str]]]:
    """The places each paragraph locates: ``(key, lat, lon, admin1 code, feature kind)`` of its settlements placed with
    ``anchor_confidence`` and of the admin-1 units it names (at the unit's own point). A big city
    (``paragraph_far_max_population``) or a landmark is no such place: it is a dateline, a seat of government
    or a comparison as often as the area the paragraph is about ("Kyiv: troops withdraw from X"; "a meeting at
    the Kremlin")."""
    found: dict[int, list[tuple[str, float, float, str | None, str]]] = defaultdict(list)
    for i, m in enumerate(mentions):
        if i in unresolved or not ranked[i] or m.kind not in ("name", "variant"):
            continue
        c = ranked[i][0].candidate
        if c.feature_kind == "admin1":
            if c.admin1_code and (m.region or _confidence(ranked[i]) >= w.admin1_context_confidence):
                found[m.paragraph].append((m.key, c.lat, c.lon, c.admin1_code, "admin1"))
        elif c.feature_kind == "city" and (c.population or 0) < w.paragraph_far_max_population \
                and _confidence(ranked[i]) >= w.anchor_confidence:
            found[m.paragraph].append((m.key, c.lat, c.lon, c.admin1_code, "city"))
    return found


def _far_from_its_paragraph(mentions: list[Mention], ranked: list[list[_Scored]], full_lists: list,
                            unresolved: dict, qualifiers: dict, w: ResolveWeights) -> None:
    """A namesake across the border in an article about the war: a small settlement reading of a name that has
    namesakes, in another country than every place its paragraph locates and ``paragraph_far_km`` from them, while
    those places lie close together (the paragraph is about one area: an admin-1 unit it names, or two places
    or more by name; of two settlements alone either may be the one far off), gives way to the most populous namesake
    of their countries within ``near_km`` of them (a border divides: a village across it is no nearer the
    truth), else is dropped. The other mentions of the name placed alike, with no places
    of their own paragraph, follow it (one sense per discourse). A location string ("X, Y region") keeps its
    reading."""
    places = _paragraph_places(mentions, ranked, unresolved, w)
    if not places:
        return
    decided: dict[tuple[str, int], _Scored | None] = {}
    later: list[int] = []
    for i, m in enumerate(mentions):
        if i in unresolved or i in qualifiers or not ranked[i] or m.kind not in ("name", "variant") or m.region:
            continue
        c = ranked[i][0].candidate
        if c.feature_kind != "city" or (c.population or 0) >= w.paragraph_far_max_population \
                or len(full_lists[i]) < 2:
            continue
        mates = [p for p in places.get(m.paragraph, ()) if p[0] != m.key]
        if not mates:
            later.append(i)
            continue
        countries = {p[3].split("-")[0] for p in mates if p[3]}
        if c.country_code in countries or not _one_area(mates, w.paragraph_far_km) \
                or (len({p[0] for p in mates}) < 2 and mates[0][4] != "admin1"):
            continue
        if min(_great_circle_km(c.lat, c.lon, p[1], p[2]) for p in mates) <= w.paragraph_far_km:
            continue
        near = [x for x in full_lists[i] if x.feature_kind == "city" and x.country_code in countries
                and min(_great_circle_km(x.lat, x.lon, p[1], p[2]) for p in mates) <= w.near_km]
        chosen = None
        if near:
            best = max(near, key=lambda x: (x.population or 0, -x.row))
            chosen = _Scored(best, ranked[i][0].score + w.one_sense_margin, [], [Signal(
                "near_its_paragraph", 0.0, f"the namesake near the places of its paragraph (not {c.name}, "
                                           f"over {w.paragraph_far_km:.0f} km from them)")])
        decided[(m.key, c.row)] = chosen
        ranked[i] = [chosen, *ranked[i]] if chosen is not None else []
    for i in later:  # the name's other mentions, in paragraphs that locate nothing else
        c = ranked[i][0].candidate
        if (mentions[i].key, c.row) in decided:
            chosen = decided[(mentions[i].key, c.row)]
            ranked[i] = [chosen, *ranked[i]] if chosen is not None else []


def _stray_abroad(mentions: list[Mention], ranked: list[list[_Scored]], unresolved: dict, qualifiers: dict,
                  w: ResolveWeights) -> None:
    """A stray reading in an article about the war: a town (under ``paragraph_far_max_population``, no capital)
    or an admin-1 unit in a country that no other name of the article names or locates (no country name, no
    demonym, no other place there), ``stray_far_km`` from every other place the article locates, is dropped with
    all mentions of its name: a name of something else (an outlet, an agency) that shares a far place's name,
    not a place of the article. A region phrase, a location string or a name called a settlement ("the villages of
    A and X": a place, if not that one) keeps its reading."""
    names_of_country: dict[str, set[str]] = defaultdict(set)
    points: list[tuple[str, float, float]] = []
    for i, m in enumerate(mentions):
        c = unresolved[i][0] if i in unresolved else ranked[i][0].candidate if ranked[i] else None
        if c is None or not c.country_code:
            continue
        names_of_country[c.country_code].add(m.key)
        if c.feature_kind not in ("country", "continent", "water", "region"):
            points.append((m.key, c.lat, c.lon))
    for i, m in enumerate(mentions):
        if i in unresolved or i in qualifiers or not ranked[i] or m.kind not in ("name", "variant") \
                or m.region or m.region_word or m.settlement or m.village:
            continue
        c = ranked[i][0].candidate
        if c.capital or not (c.feature_kind == "admin1" or
                             (c.feature_kind == "city" and (c.population or 0) < w.paragraph_far_max_population)):
            continue
        if names_of_country[c.country_code] - {m.key}:
            continue
        others = [(lat, lon) for key, lat, lon in points if key != m.key]
        if others and min(_great_circle_km(c.lat, c.lon, lat, lon) for lat, lon in others) > w.stray_far_km:
            ranked[i] = []


def _one_area(places: list[tuple[str, float, float, str | None, str]], km: float) -> bool:
    """Do ``places`` lie within ``km`` of one another?"""
    return all(_great_circle_km(a[1], a[2], b[1], b[2]) <= km
               for k, a in enumerate(places) for b in places[k + 1:])


def _one_sense_per_discourse(mentions: list[Mention], ranked: list[list[_Scored]], w: ResolveWeights) -> None:
    by_key: dict[tuple[str, bool], list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        if ranked[i] and m.kind in ("name", "variant"):
            by_key[(m.key, m.region)].append(i)
    for idxs in by_key.values():
        if len(idxs) < 2:
            continue
        totals: dict[int, float] = defaultdict(float)
        for i in idxs:
            for s in ranked[i]:
                totals[s.candidate.row] += s.score
        best = min(totals, key=lambda r: (-totals[r], r))
        for i in idxs:
            # the first candidate after the top one that is ``best``, found in C; none when ``best`` is not there or
            # is the top one only (most mentions: told by a count, without raising the ``ValueError`` of ``index``)
            rows = list(map(_ROW_OF, ranked[i]))
            count = rows.count(best)
            if not count or (count == 1 and rows[0] == best):
                continue
            pos = rows.index(best, 1)
            chosen = ranked[i].pop(pos)
            chosen.signals.append(Signal("one_sense_per_discourse", 0.0, "same name elsewhere in the article"))
            chosen.score = max(chosen.score, ranked[i][0].score + w.one_sense_margin)
            ranked[i].insert(0, chosen)


def _one_sense_across_spellings(mentions: list[Mention], ranked: list[list[_Scored]], w: ResolveWeights) -> None:
    """A town another spelling in the article already names: a Russian form after the Ukrainian one is that
    city, not a village of the Russian form's name far away. A settlement reading gives way to the town another
    name of the article resolved to, when that town is among its own readings and ``across_spellings_ratio``
    times as populous, and the two names are spellings of one word (``across_spellings_similarity``: a former
    name of the town, which a village elsewhere still bears, is not). Names one of which extends the other ("X",
    "X-ka") are two places (see ``spellings.separate_derived_names``), and region phrases keep their own
    reading."""
    named: dict[int, set[str]] = defaultdict(set)
    for i, m in enumerate(mentions):
        if ranked[i] and m.kind in ("name", "variant") and not m.region \
                and ranked[i][0].candidate.feature_kind == "city":
            named[ranked[i][0].candidate.row].add(m.key)
    if len(named) < 2:
        return
    for i, m in enumerate(mentions):
        if not ranked[i] or m.kind not in ("name", "variant") or m.region:
            continue
        top = ranked[i][0].candidate
        if top.feature_kind != "city":
            continue
        # (only a row another name resolved to can move: the others are passed over in C)
        rows = list(map(_ROW_OF, ranked[i]))
        if len(rows) < 2 or named.keys().isdisjoint(rows[1:]):
            continue
        for pos in range(1, len(ranked[i])):
            c = ranked[i][pos].candidate
            keys = named.get(c.row)
            if not keys or c.population < w.across_spellings_ratio * max(top.population, 1) or \
                    any(k.startswith(m.key) or m.key.startswith(k) for k in keys) or \
                    not any(_spelling_ratio(m.key, k) >= w.across_spellings_similarity for k in keys):
                continue
            chosen = ranked[i].pop(pos)
            _add_context(chosen, Signal("one_sense_across_spellings", 0.0,
                                        "the place another spelling in the article names"))
            chosen.score = max(chosen.score, ranked[i][0].score + w.one_sense_margin)
            ranked[i].insert(0, chosen)
            break


@lru_cache(maxsize=4096)
def _spelling_ratio(a: str, b: str) -> float:
    """difflib's similarity ratio of two name keys."""
    return difflib.SequenceMatcher(None, a, b).ratio()


_WEIGHT_OF = attrgetter("weight")


def _reason(m: Mention, scored: list[_Scored], gaz: Gazetteer, reasons: dict[tuple, str] | None = None) -> str:
    """The reason of the chosen place: its signals (the heaviest first) and the recogniser's, then the runner-up.

    ``reasons``: the reasons already rendered in this article, keyed by the identities of what the reason is
    rendered from (chosen and runner-up candidate, each signal, the number of candidates). The caller keeps every
    one of those objects alive while it uses the dict (an identity is then never reused), and mentions of one name
    share them (signals are cached per form and per article): a repeated name is rendered once."""
    top = scored[0]
    n = len(scored)
    key = None
    if reasons is not None:
        key = (id(top.candidate), tuple(map(id, top.signals)), tuple(map(id, m.signals)),
               id(scored[1].candidate) if n > 1 else 0, n)
        found = reasons.get(key)
        if found is not None:
            return found
    c = top.candidate
    where = ", ".join(x for x in (_admin1_label(gaz, c.admin1_code), c.country_code) if x)
    # (highest weight first, equal weights in their order: what ``key=lambda s: -s.weight`` gives, no weight is NaN)
    parts = [s.text for s in sorted(top.signals, key=_WEIGHT_OF, reverse=True) if s.text]
    parts += [s.text for s in m.signals if s.text]
    head = f"{c.name} [{c.feature_kind}{', ' + where if where else ''}]"
    if n > 1:
        runner = scored[1].candidate
        rwhere = _admin1_label(gaz, runner.admin1_code) or runner.country_code
        parts.append(f"chosen over {runner.name} ({rwhere or runner.feature_kind})"
                     + (f" and {n - 2} other candidates" if n > 2 else ""))
    reason = f"{head}: " + "; ".join(dict.fromkeys(parts))
    if key is not None:
        reasons[key] = reason
    return reason
