"""Spellings across one article: hybrid transliterations, and a name beside its derived village name.

- *g for h*: the press mixes the Russian ``g`` into Ukrainian forms ("Bogdanivka" for Bohdanivka). A Ukrainian village's name written with ``g`` also reaches the places spelt with ``h``, when the
  ``g`` form itself names only small Ukrainian places (often a single GeoNames alternate name): the namesakes
  of both spellings are then ranked together by the article's context.
- *a name and its derived name*: when one article writes both X and X + a short ending (a city "X-iv" and a
  village "X-ivka"), the writer names two places; a place whose main name is the longer form, and which X reaches
  only as an alternate name, is not what X means there (when X has other places).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pipeline.model import Signal
from pipeline.text.textnorm import name_key

if TYPE_CHECKING:
    from pipeline.geoparse.gazetteer import Gazetteer
    from pipeline.geoparse.recognise import Mention

# the ``g`` form is read as a hybrid spelling only for places smaller than this (cities have their own forms)
HYBRID_MAX_POPULATION = 10_000
HYBRID_COUNTRY = "UA"  # the country whose official romanisation writes ``h`` where Russian has ``g``
# the ending that makes a derived name of a place name ("-iv" → "-ivka"): at most this many letters
DERIVED_MAX_ENDING = 4


def add_hybrid_spellings(gaz: Gazetteer, mentions: list[Mention]) -> None:
    """Give each "name" mention spelt with ``g`` the Ukrainian settlements spelt with ``h`` (see the module)."""
    kinds, pops, ccs = gaz.kind_of, gaz.population_of, gaz._columns()[5]
    for m in mentions:
        if m.kind != "name" or m.region or m.district or "g" not in m.key:
            continue
        own = m.rows or gaz.rows_for_key(m.key)
        if not own or any(kinds[r] != "city" or ccs[r] != HYBRID_COUNTRY or pops[r] >= HYBRID_MAX_POPULATION
                          for r in own):
            continue
        h_key = m.key.replace("g", "h")
        if h_key not in gaz.keys:
            continue
        more = tuple(r for r in gaz.rows_for_key(h_key) if r not in own and kinds[r] == "city"
                     and ccs[r] == HYBRID_COUNTRY)
        if more:
            m.rows = tuple(sorted((*own, *more)))
            m.signals.append(Signal("hybrid_spelling", 0.0, f"also read as \"{m.text.replace('g', 'h')}\""))


def separate_derived_names(gaz: Gazetteer, mentions: list[Mention]) -> None:
    """Take from X the places named X + ending when the article also writes X + ending (see the module)."""
    written = {m.key: m.text for m in mentions if m.kind == "name" and " " not in m.key}
    if len(written) < 2:
        return
    # (a key another extends is followed by such a key in sorted order: most articles have none, and then
    # no mention has a derived name)
    ordered = sorted(written)
    if not any(map(str.startswith, ordered[1:], ordered[:-1])):
        return
    for m in mentions:
        key = m.key
        if m.kind != "name" or m.district or " " in key:
            continue
        derived = {k for k in written if k != key and k.startswith(key) and len(k) - len(key) <= DERIVED_MAX_ENDING}
        if not derived:
            continue
        own = m.rows or gaz.rows_for_key(key)
        kept = tuple(r for r in own if name_key(str(gaz._name[r])) not in derived)
        if kept and len(kept) < len(own):
            m.rows = kept
            m.signals.append(Signal("derived_name_apart", 0.0,
                                    "not the place the article calls "
                                    + " or ".join(sorted(written[k] for k in derived))))
