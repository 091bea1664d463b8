"""A national capital named by its country's adjective or possessive: "the Ukrainian capital", "the Russian capital
city", "Ukraine's capital".

The demonym resolves to its country (``resolve``); the word "capital" after it, with no name of the city following
("the Ukrainian capital Kyiv", "the Ukrainian capital of Kyiv" name the city themselves), stands for that
country's national capital: the phrase is read as that city (not the country), so that what the text tells there
is placed at the city. Only for the countries of the war theatre (``ResolveWeights.war_theatre_parties``, ``war_theatre_country``): the
public corpora mark the adjective alone as the place ("the [Turkish] capital"), and the phrase matters to us where
events are told.
"""

from __future__ import annotations

import re
from functools import lru_cache

from pipeline.geoparse.gazetteer import Gazetteer
from pipeline.geoparse.recognise import Mention
from pipeline.geoparse.resolve import PRECISION_EXACT, Resolution
from pipeline.geoparse.weights import RESOLVE_WEIGHTS, ResolveWeights
from pipeline.model import Signal

# ("the capital region" is the unit around the city, not the city: left to the country)
_CAPITAL_AFTER = re.compile(r"[ \t]+capital(?:[ \t]+city)?\b(?![ \t]+(?:region|oblast|area|province)\b)")
# after the country's own name, its possessive ("Ukraine's capital", "Russia’s capital city")
_POSSESSIVE_CAPITAL_AFTER = re.compile(r"['’]s" + _CAPITAL_AFTER.pattern)
# the city's own name follows ("capital Kyiv", "capital, Kyiv", "capital of Kyiv")
_NAME_AFTER = re.compile(r"(?:,?[ \t]+|[ \t]+of[ \t]+)[A-Z]")


@lru_cache(maxsize=4)
def capital_rows(gaz: Gazetteer) -> dict[str, int]:
    """The row of each country's national capital (its most populous settlement row marked as one)."""
    found: dict[str, int] = {}
    kinds, ccs, pops, capitals = gaz.kind_of, gaz._columns()[5], gaz.population_of, gaz.capital_of
    for row, is_capital in enumerate(capitals):
        if is_capital and kinds[row] == "city" and ccs[row]:
            best = found.get(ccs[row])
            if best is None or pops[row] > pops[best]:
                found[ccs[row]] = row
    return found


def capital_phrases(text: str, resolved: list[Resolution], gaz: Gazetteer, *,
                    weights: ResolveWeights = RESOLVE_WEIGHTS) -> list[Resolution]:
    """``resolved`` with each "<demonym> capital" or "<country>'s capital" phrase resolved to the country's capital instead of the country
    (the phrase's place; the capital is in that country)."""
    theatre = {*weights.war_theatre_parties, weights.war_theatre_country}
    out: list[Resolution] = []
    changed = False
    for r in resolved:
        out.append(r)
        m = r.mention
        if r.candidate.feature_kind != "country" or r.candidate.country_code not in theatre:
            continue
        found = (_CAPITAL_AFTER if m.kind == "demonym" else _POSSESSIVE_CAPITAL_AFTER).match(text, m.end)
        if found is None or _NAME_AFTER.match(text, found.end()):
            continue
        row = capital_rows(gaz).get(r.candidate.country_code)
        if row is None:
            continue
        cand = gaz.candidate(row)
        signal = Signal("capital_phrase", 0.0, f"the capital of {r.candidate.name}, named by its adjective")
        mention = Mention(m.start, found.end(), text[m.start:found.end()], m.key, "name", (row,),
                          sentence=m.sentence, paragraph=m.paragraph)
        out[-1] = Resolution(mention, cand, r.confidence, f"{cand.name} [city, {cand.country_code}]: {signal.text}",
                             1, (signal,), PRECISION_EXACT)
        changed = True
    return out if changed else resolved
