"""Rank the gazetteer candidates of each mention with explainable signals.

Signals (each adds to a candidate's score and, when it decides, to the ``reason``):
population prior, feature kind, national capital, main name vs alternate name, the
article's countries (from country names, demonyms and abbreviations), admin-1 units named
in the same sentence, paragraph or article ("Ukraine's eastern Donetsk region"), and
distance to the other places the article names (geopy.distance). One sense per discourse:
every mention of a name in an article resolves to the same place.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass

from geopy.distance import great_circle

from pipeline.gazetteer import Candidate, Gazetteer
from pipeline.recognise import Mention

MAX_CANDIDATES = 10
POPULATION_WEIGHT = 1.5  # per order of magnitude of population
_KIND_BONUS = {"country": 5.0, "continent": 4.0, "landmark": 6.0, "water": 6.0, "region": 5.0,
               "admin1": 1.0, "city": 0.0}


@dataclass
class Resolution:
    """The place chosen for one mention, with how sure and why."""

    mention: Mention
    candidate: Candidate
    confidence: float
    reason: str
    n_candidates: int


@dataclass
class _Scored:
    candidate: Candidate
    score: float
    signals: list[tuple[float, str]]


def _admin1_label(gaz: Gazetteer, code: str | None) -> str:
    if not code:
        return ""
    row = gaz.admin1_row(code)
    return f"{gaz._name[row]} ({code})" if row is not None else code


def _candidates(m: Mention, gaz: Gazetteer) -> list[Candidate]:
    if m.rows:
        cands = [gaz.candidate(r, primary=m.kind != "variant") for r in m.rows]
    else:
        cands = gaz.candidates_for_key(m.key)
    if m.region:
        admin = [c for c in cands if c.feature_kind == "admin1"]
        if not admin:
            seen = set()
            for c in sorted(cands, key=lambda c: -c.population):
                row = gaz.admin1_row(c.admin1_code) if c.admin1_code else None
                if row is not None and row not in seen:
                    seen.add(row)
                    admin.append(gaz.candidate(row, primary=c.primary))
        if admin:
            cands = admin
    cands.sort(key=lambda c: (-c.population, c.row))
    return cands


@dataclass(frozen=True)
class _Facts:
    """What the candidates of one mention say about each other (computed once per mention)."""

    city_admin1: frozenset  # admin-1 units holding a town of 10,000+ of this name
    big_city_countries: frozenset  # countries with a city of 100,000+ of this name
    primary_city: bool  # some town has this as its main name


def _facts(cands: list[Candidate]) -> _Facts:
    cities = [o for o in cands if o.feature_kind == "city"]
    return _Facts(frozenset(o.admin1_code for o in cities if o.population >= 10_000),
                  frozenset(o.country_code for o in cities if o.population >= 100_000),
                  any(o.primary and o.population >= 1000 for o in cities))


def _base(c: Candidate, m: Mention, facts: _Facts) -> list[tuple[float, str]]:
    signals = [(POPULATION_WEIGHT * math.log10(c.population + 10),
                f"population {c.population:,}" if c.population else "")]
    kind = _KIND_BONUS.get(c.feature_kind, 0.0)
    if m.region and c.feature_kind == "admin1":
        kind += 4.0
        signals.append((0.0, f"\"{m.text} region\" names an admin-1 unit"))
    if c.feature_kind == "admin1" and not m.region:
        if c.admin1_code in facts.city_admin1 or c.country_code in facts.big_city_countries:
            kind -= 3.0 if "listed with a region" not in m.notes else -2.0
        elif facts.big_city_countries and "listed with a region" not in m.notes:
            kind -= 1.5  # a big city of this name elsewhere ("Gaza")
    signals.append((kind, f"feature kind {c.feature_kind}" if kind >= 3 else ""))
    if c.capital:
        signals.append((2.5, "national capital"))
    if c.primary:
        signals.append((0.8, "main name"))
    elif facts.primary_city:
        signals.append((-1.5, "alternate name (another place has it as main name)"))
    else:
        signals.append((0.0, "alternate name"))
    return signals


def _shortlist(cands: list[Candidate], countries, admin1_codes) -> list[Candidate]:
    """The most populous candidates, plus every candidate the article's context points at."""
    if len(cands) <= MAX_CANDIDATES:
        return cands
    head = cands[:MAX_CANDIDATES]
    extra = [c for c in cands[MAX_CANDIDATES:] if c.country_code in countries or c.admin1_code in admin1_codes]
    return head + extra


def resolve(mentions: list[Mention], gaz: Gazetteer, *, focus_country: str | None = None) -> list[Resolution]:
    """Choose a place for every mention; mentions without candidates are dropped."""
    cand_lists = [_candidates(m, gaz) for m in mentions]
    countries = Counter()
    for m, cands in zip(mentions, cand_lists):
        if cands and (m.kind in ("demonym", "abbreviation") or cands[0].feature_kind == "country"):
            countries[cands[0].country_code] += 1
        elif cands and len({c.country_code for c in cands if c.feature_kind == "admin1"}) == 1 and \
                cands[0].feature_kind == "admin1":
            countries[cands[0].country_code] += 1  # a state or oblast names its country
    if focus_country:
        countries[focus_country] += 2
    admin1_named = {cands[0].admin1_code for cands in cand_lists if cands and cands[0].feature_kind == "admin1"}
    cand_lists = [_shortlist(cands, countries, admin1_named) for cands in cand_lists]
    # the first pass depends only on the name and how it is written: rank each such form once
    first_by_form: dict[tuple, list[_Scored]] = {}
    first = []
    for m, cands in zip(mentions, cand_lists):
        form = (m.key, m.kind, m.region, "listed with a region" in m.notes, m.rows)
        if form not in first_by_form:
            first_by_form[form] = _rank(m, cands, gaz, countries, {}, [], focus_country)
        first.append(first_by_form[form])
    # context from the first pass: admin-1 units named, and confidently placed points
    admin_ctx: dict[str, list[tuple[int, int, int]]] = defaultdict(list)
    anchors = []
    for i, scored in enumerate(first):
        if not scored:
            continue
        top = scored[0].candidate
        conf = _confidence(scored)
        if top.feature_kind == "admin1" and top.admin1_code and (mentions[i].region or conf >= 0.6):
            admin_ctx[top.admin1_code].append((i, mentions[i].sentence, mentions[i].paragraph))
        if top.feature_kind == "city" and top.country_code:
            countries[top.country_code] += 0.5 if conf >= 0.8 else 0.0
        if top.feature_kind not in ("country", "continent", "water", "region") and conf >= 0.8:
            anchors.append((mentions[i].paragraph, top.lat, top.lon))
    anchors = _distinct_anchors(anchors)
    near_cache: dict[tuple[int, int], float | None] = {}
    qualifiers = {i: first[m.qualifier][0].candidate for i, m in enumerate(mentions)
                  if m.qualifier is not None and first[m.qualifier]}
    second = [_rank(m, cands, gaz, countries, admin_ctx, anchors, focus_country, index=i, near_cache=near_cache,
                    qualifier=qualifiers.get(i))
              for i, (m, cands) in enumerate(zip(mentions, cand_lists))]
    _one_sense_per_discourse(mentions, second)
    out = []
    for m, scored in zip(mentions, second):
        if not scored:
            continue
        out.append(Resolution(m, scored[0].candidate, round(_confidence(scored), 3), _reason(m, scored, gaz), len(scored)))
    return out


ANCHOR_PARAGRAPHS = 2  # a place counts as context for mentions this many paragraphs away


def _distinct_anchors(anchors: list[tuple[int, float, float]], limit: int = 24) -> list[tuple[int, float, float]]:
    """Confidently placed points as (paragraph, lat, lon), one per paragraph and place."""
    seen, out = set(), []
    for para, lat, lon in anchors:
        key = (para, round(lat, 2), round(lon, 2))
        if key not in seen:
            seen.add(key)
            out.append((para, lat, lon))
    return out[:limit]


def _nearest_km(c: Candidate, anchors, cache: dict, paragraph: int) -> float | None:
    """Distance from ``c`` to the closest other confidently placed point in nearby paragraphs
    (geopy great-circle), cached per candidate and paragraph."""
    key = (c.row, paragraph)
    if key not in cache:
        # only anchors within a few degrees can earn the bonus (< 300 km); geopy measures those
        close = [(lat, lon) for para, lat, lon in anchors
                 if abs(para - paragraph) <= ANCHOR_PARAGRAPHS
                 and abs(lat - c.lat) < 3.0 and abs(lon - c.lon) < 6.0
                 and (abs(lat - c.lat) > 1e-4 or abs(lon - c.lon) > 1e-4)]
        cache[key] = min((great_circle((c.lat, c.lon), p).km for p in close), default=None)
    return cache[key]


def _rank(m, cands, gaz, countries, admin_ctx, anchors, focus_country, index=-1, near_cache=None,
          qualifier: Candidate | None = None) -> list[_Scored]:
    if not cands:
        return []
    if len(cands) == 1 and m.kind not in ("demonym", "abbreviation"):
        c = cands[0]
        signals = _base(c, m, _facts(cands))
        return [_Scored(c, sum(v for v, _ in signals), signals + [(0.0, "the only place of this name")])]
    if m.kind in ("demonym", "abbreviation"):
        c = cands[0]
        how = "demonym" if m.kind == "demonym" else "abbreviation"
        return [_Scored(c, 10.0, [(10.0, f"{how} of {c.name}")])]
    total = sum(countries.values()) or 1.0
    top_country = countries.most_common(1)[0][0] if countries else None
    scored = []
    facts = _facts(cands)
    for rank_pop, c in enumerate(cands):
        signals = _base(c, m, facts)
        if len(cands) > 1 and c.country_code and countries.get(c.country_code):
            share = countries[c.country_code] / total
            signals.append((3.0 * share + (2.0 if c.country_code == top_country else 0.0),
                            f"article is about {c.country_code}" if c.country_code == top_country else
                            f"{c.country_code} is mentioned"))
        if len(cands) > 1 and c.admin1_code and c.admin1_code in admin_ctx:
            where = [(s, p) for j, s, p in admin_ctx[c.admin1_code] if j != index]
            if where:
                label = _admin1_label(gaz, c.admin1_code)
                if any(s == m.sentence for s, _ in where):
                    signals.append((4.0, f"{label} named in the same sentence"))
                elif any(p == m.paragraph for _, p in where):
                    signals.append((2.5, f"{label} named in the same paragraph"))
                else:
                    signals.append((1.0, f"{label} named in the article"))
        if qualifier is not None and len(cands) > 1 and c.feature_kind != qualifier.feature_kind:
            if qualifier.feature_kind == "admin1" and c.admin1_code == qualifier.admin1_code:
                signals.append((5.0, f"followed by \"{qualifier.name}\""))
            elif qualifier.feature_kind == "country" and c.country_code == qualifier.country_code:
                signals.append((4.0, f"followed by \"{qualifier.name}\""))
        if len(cands) > 1 and anchors and c.feature_kind in ("city", "landmark") and rank_pop < 6:
            near = _nearest_km(c, anchors, near_cache if near_cache is not None else {}, m.paragraph)
            if near is not None and near < 100:
                signals.append((1.0, f"{near:.0f} km from another place nearby in the text"))
            elif near is not None and near < 300:
                signals.append((0.4, f"{near:.0f} km from another place nearby in the text"))
        scored.append(_Scored(c, sum(s for s, _ in signals), signals))
    scored.sort(key=lambda s: (-s.score, s.candidate.row))
    return scored


def _confidence(scored: list[_Scored]) -> float:
    top = scored[0].score
    return 1.0 / sum(math.exp(s.score - top) for s in scored)


def _one_sense_per_discourse(mentions: list[Mention], ranked: list[list[_Scored]]) -> None:
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
            for pos, s in enumerate(ranked[i]):
                if s.candidate.row == best and pos:
                    chosen = ranked[i].pop(pos)
                    chosen.signals.append((0.0, "same name elsewhere in the article"))
                    chosen.score = max(chosen.score, ranked[i][0].score + 0.01)
                    ranked[i].insert(0, chosen)
                    break


def _reason(m: Mention, scored: list[_Scored], gaz: Gazetteer) -> str:
    top = scored[0]
    c = top.candidate
    where = ", ".join(x for x in (_admin1_label(gaz, c.admin1_code), c.country_code) if x)
    parts = [text for value, text in sorted(top.signals, key=lambda s: -s[0]) if text]
    parts += m.notes
    head = f"{c.name} [{c.feature_kind}{', ' + where if where else ''}]"
    if len(scored) > 1:
        runner = scored[1].candidate
        rwhere = _admin1_label(gaz, runner.admin1_code) or runner.country_code
        parts.append(f"chosen over {runner.name} ({rwhere or runner.feature_kind})"
                     + (f" and {len(scored) - 2} other candidates" if len(scored) > 2 else ""))
    return f"{head}: " + "; ".join(dict.fromkeys(parts))
