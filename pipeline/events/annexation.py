"""Annexation claims: an oblast a country says it holds a referendum in, annexes or ratifies.

A claim needs a claim word ("annex", "incorporate", "accession", "ratify", "referendum", "new
regions" ...), the admin-1 units it is about (an oblast, or the eponymous capital named in a list
of regions: "the regions – Donetsk, Luhansk ..."), and a claimant: a country named in the
sentence, or its state organs ("the Kremlin", "the Duma", "Putin"). Each claim has its stage and
its date; claims on one oblast merge, keeping every stage with its date.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.events.figures import parse_number
from pipeline.events.records import Event, Source
from pipeline.events.weights import WEIGHTS
from pipeline.model import Place
from pipeline.text.dates import UNDATED, EventDate, sentence_date
from pipeline.text.textnorm import fold

_CLAIM = re.compile(r"\b(annex\w*|absorb\w*|ratif\w*|referend\w*|incorporat\w*|accession|join(?:s|ed|ing)?|"
                    r"new (?:regions|territories|subjects)|(?:an?\s+)?(?:integral\s+)?parts? of (?:the )?"
                    r"(?:Russian Federation|Russia|Ukraine)|"
                    # "the regions ... that Moscow has claimed as Russian territory", "claims as its own"
                    r"claim(?:s|ed|ing)?\s+(?:them\s+|it\s+)?as\s+(?:(?:its|their)\s+own|(?:Russian|Russia['’]s)\s+"
                    r"(?:territor(?:y|ies)|land|soil)))\b", re.IGNORECASE)
# a unit said to be outside the claim ("X region is not one of the five regions ... Moscow has claimed")
_NOT_CLAIMED_AFTER = re.compile(r"(?:\s+(?:regions?|oblasts?|provinces?))?\s+(?:is|are|was|were)\s+not\s+"
                                r"(?:one\s+of|among|part\s+of)\b", re.IGNORECASE)
# a unit named as a self-proclaimed republic ("the X People's Republic"): the unit of the place X
_REPUBLIC = re.compile(r"\b([A-Z][\w'’-]+)\s+People['’]s\s+Republic\b")
# a unit referred back to ("the peninsula Moscow annexed", "the region"): the unit named just before
_UNIT_ANAPHOR = re.compile(r"\b(?:the|this|that)\s+(?:[\w-]+\s+)?(?:peninsula|region|republic|territory|oblast|"
                           r"province)\b(?!\s+of\b)", re.IGNORECASE)
_STRICT_CLAIM = re.compile(r"\b(?:annex\w*|referend\w*|incorporat\w*|accession|absorb\w*)", re.IGNORECASE)
_CLAIM_STAGES = (("ratification", re.compile(r"\bratif\w*", re.I)),
                 ("annexation", re.compile(r"\b(annex\w*|absorb\w*|incorporat\w*|proclaim\w*|sign\w*|accession|"
                                           r"declar\w*)", re.I)),
                 ("referendum", re.compile(r"\b(referend\w*|votes?|voted)\b", re.I)))
STAGE_RANK = {"referendum": 1, "annexation": 2, "ratification": 3}
_UNRECOGNISED = re.compile(r"\b(illegal|illegitimate|sham|rejected|condemn\w*|not recogni[sz]e|unrecogni[sz]ed|"
                           r"refused to accept)\b", re.IGNORECASE)
_COUNTED_REGIONS = re.compile(r"\b(two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:\w+\s+)?"
                              r"(regions|oblasts|provinces|territories)\b", re.IGNORECASE)
_REGION_WORD = re.compile(r"\b(regions?|oblasts?|provinces?|territories)\b", re.IGNORECASE)
# state organs that stand for their country when they claim (a class: head of state, parliament, government seat)
_STATE_ORGANS = (("RU", re.compile(r"\b(Putin|Kremlin|State Duma|Duma|Federation Council|Russian parliament|"
                                   r"Russia['’]s parliament|Peskov|Lavrov|Medvedev|Matviyenko|Volodin)\b")),)


def unrecognised(text: str) -> bool:
    """Whether the article says the claim is not recognised (illegal, sham, rejected ...)."""
    return bool(_UNRECOGNISED.search(text))


def _units(here: list[Place], sentence_has_region_word: bool, sentence: str = "", offset: int = 0) -> list[Place]:
    """The admin-1 units a claim sentence names: oblasts, and eponymous capitals named as units (two or more, or
    with a region word, or in one list with an oblast: "Crimea and Sevastopol", a city that is a unit of its own).
    ``sentence`` starts at the article offset ``offset``."""
    units = [p for p in here if p.feature_kind == "admin1" and p.admin1_code]
    eponymous = [p for p in here if p.feature_kind == "city" and p.admin1_code
                 and p.admin1_name and p.name == p.admin1_name]
    if len(eponymous) >= 2 or (eponymous and sentence_has_region_word):
        units += eponymous
    elif eponymous and units and sentence:
        units += [p for p in eponymous if any(_UNIT_LIST_GAP.match(sentence[min(p.end, u.end) - offset:
                                                                             max(p.start, u.start) - offset])
                                              for u in units if u.admin1_code != p.admin1_code)]
    return units


# a claim told only by an adjective ("gains in the annexed A and B regions, as well as in the C region"): it claims
# the units of its own phrase, not those a new place phrase adds ("as well as in", "and in", "but also in")
_ATTRIBUTIVE_CLAIM = re.compile(r"\b(?:the|its|their|of)\s+(?:[\w-]+\s+)?annexed\b", re.IGNORECASE)
_NEW_PLACE_PHRASE = re.compile(r"\b(?:as well as|and|but|also|or|while|whereas)\s+(?:also\s+)?(?:in|on|near)\s+"
                               r"(?:the\s+)?(?:[\w-]+\s+)?$", re.IGNORECASE)
_UNIT_LIST_GAP = re.compile(r"^(?:\s*,\s*|\s*,?\s+and\s+|\s*/\s*)(?:the\s+)?(?:city\s+of\s+)?$", re.IGNORECASE)


def _claimants(sentence: str, here: list[Place]) -> list[str]:
    out = [p.country_code for p in here if p.country_code and
           (p.feature_kind in ("country", "landmark") or _capital(p))]
    for code, rx in _STATE_ORGANS:
        if rx.search(sentence):
            out.append(code)
    return out


def _capital(place: Place) -> bool:
    """A national capital, from the place's structured fact (never from its rendered reason)."""
    return bool(place.capital)


def referred_units(sentence: str, here: list[Place], before: list[Place], article: list[Place]) -> list[Place]:
    """Admin-1 units a claim sentence names without a place of its own: "the X People's Republic" (the unit of an
    article place named X) and "the peninsula" or "the region" referred back to (the last unit of ``before``, the
    places of the sentences just before). Empty unless the sentence speaks of a claim."""
    if not _CLAIM.search(sentence):
        return []
    out = []
    for m in _REPUBLIC.finditer(sentence):
        key = _spelling(m.group(1))
        named = next((p for p in article if key in (_spelling(p.text), _spelling(p.name)) and p.admin1_code and
                      p.feature_kind in ("admin1", "city")), None)
        if named is None:  # no mention of X itself: a place of the article in the unit named X
            named = next((p for p in article if p.admin1_code and p.admin1_name and
                          _spelling(p.admin1_name) == key), None)
        if named is not None:
            out.append(named if named.feature_kind == "admin1" else
                       replace(named, feature_kind="admin1", name=named.admin1_name or named.name))
    if not out and not _units(here, True):
        out += _adjective_units(sentence, article)
    if not out and not _units(here, True) and _UNIT_ANAPHOR.search(sentence):
        units = [p for p in before if p.feature_kind == "admin1" and p.admin1_code]
        out += units[-1:]
        towns = {p.admin1_code: p for p in here if p.feature_kind == "city" and p.admin1_code and p.admin1_name and
                 not _capital(p)}  # (a national capital there is the claimant: "the peninsula Moscow annexed")
        if not units and len(towns) == 1 and _STRICT_CLAIM.search(sentence):  # "X on the peninsula, which was annexed"
            town = next(iter(towns.values()))
            out.append(replace(town, feature_kind="admin1", name=town.admin1_name))
    return out


# a unit named by its adjective ("the Crimean peninsula, which Russia annexed"): the stem before the adjective's ending
_UNIT_ADJECTIVE = re.compile(r"\b((?-i:[A-Z])[a-z]{3,}?)(?:ean|ian|an|n)\s+(?:peninsula|region|oblast|province)\b",
                             re.IGNORECASE)


def _adjective_units(sentence: str, article: list[Place]) -> list[Place]:
    """The admin-1 units of the article a claim sentence names by their adjective (``_UNIT_ADJECTIVE``): a unit the
    article names elsewhere whose name the adjective's stem begins."""
    out = []
    for m in _UNIT_ADJECTIVE.finditer(sentence):
        stem = _spelling(m.group(1))
        unit = next((p for p in article if p.feature_kind == "admin1" and p.admin1_code and
                     _spelling(p.admin1_name or p.name).startswith(stem)), None)
        if unit is not None and unit not in out:
            out.append(unit)
    return out


def _spelling(name: str) -> str:
    """A name's key across the usual transliterations of Ukrainian and Russian ("Luhansk" / "Lugansk")."""
    return re.sub(r"[^a-z]", "", fold(name).lower()).replace("h", "g")


# a unit of one country told as another's ("Russia's X People's Republic", "Russia's X region"): a claim on it, told in
# passing (the unit's own country naming it so, "Ukraine's X region", claims nothing: ``claims`` needs another country)
# (the unit must end the possessed noun phrase: a unit that modifies a noun after it, "Russia's X Oblast offensive",
# "Russia's X region governor", is not what is possessed; a closed-class word -- a preposition, conjunction, auxiliary,
# determiner or relative --, a past tense or punctuation may follow)
_FUNCTION_WORD = (r"(?:on|in|at|of|off|to|for|by|from|with|into|onto|near|after|before|since|during|over|under|across|"
                  r"along|against|and|or|but|nor|as|than|that|which|where|who|whose|when|while|is|are|was|were|be|been|"
                  r"has|have|had|will|would|could|can|may|might|should|must|did|does|do|the|a|an|this|these|its|their|"
                  r"also|now|still|last|earlier|late|early|overnight)")
_POSSESSED = re.compile(r"\b(?P<owner>Russia|Ukraine)['’]s\s+(?P<unit>(?-i:[A-Z])[\w'’-]+(?:\s+(?-i:[A-Z])[\w'’-]+)?\s+"
                        r"(?:People['’]s\s+Republic|region|oblast|province)\b)"
                        r"(?!\s+(?!" + _FUNCTION_WORD + r"\b)(?!\w+ed\b)(?-i:[a-z]))", re.IGNORECASE)
_OWNER = {"russia": "RU", "ukraine": "UA"}


def claims(sentence: str, here: list[Place], when: EventDate, source: Source, is_unrecognised: bool) -> list[Event]:
    """Claims on the admin-1 units a sentence names, by a country it names or whose organs it names."""
    if not _CLAIM.search(sentence):
        return _possessed(sentence, here, when, source, is_unrecognised)
    units = _units(here, bool(_REGION_WORD.search(sentence)), sentence, source.start)
    if _ATTRIBUTIVE_CLAIM.search(sentence) and len(_CLAIM.findall(sentence)) == 1:
        units = [u for u in units if not _NEW_PLACE_PHRASE.search(sentence, max(0, u.start - source.start - 40),
                                                                   max(0, u.start - source.start))]
    units = [u for u in units if not _NOT_CLAIMED_AFTER.match(sentence, u.end - source.start)]
    if not units:
        return []
    claimants = _claimants(sentence, here)
    out = []
    seen = set()
    for unit in units:
        if unit.admin1_code in seen:
            continue
        seen.add(unit.admin1_code)
        others = [c for c in claimants if c != unit.country_code]
        if not others:
            continue
        claimant = max(set(others), key=lambda c: (others.count(c), c))
        stage = next((name for name, rx in _CLAIM_STAGES if rx.search(sentence)), "annexation")
        out.append(Event("annexation_claim", stage, when, unit, unit.admin1_code, unit.admin1_name,
                         unit.country_code, 3, [source], WEIGHTS.conf_base_claim, claimed_by=claimant,
                         claim_status=claim_status(stage, is_unrecognised), claim_stages={stage: when.date}))
    return out


def _possessed(sentence: str, here: list[Place], when: EventDate, source: Source, is_unrecognised: bool) -> list[Event]:
    """Claims told by a possessive alone (``_POSSESSED``): on the admin-1 unit named inside it when it belongs to
    another country than the possessor; the stage is the annexation's, its day unknown (the wording dates nothing)."""
    out = []
    for m in _POSSESSED.finditer(sentence):
        owner = _OWNER[m.group("owner").lower()]
        for unit in _units(here, True):
            if m.start("unit") <= unit.start - source.start < m.end("unit") and unit.country_code != owner and \
                    unit.admin1_code not in {e.admin1_code for e in out}:
                out.append(Event("annexation_claim", "annexation", UNDATED, unit, unit.admin1_code, unit.admin1_name,
                                 unit.country_code, 3, [source], WEIGHTS.conf_base_claim, claimed_by=owner,
                                 claim_status=claim_status("annexation", is_unrecognised),
                                 claim_stages={"annexation": None}))
    return out


def claim_status(stage: str, is_unrecognised: bool) -> str:
    """Rendered status of a claim at ``stage``."""
    words = {"referendum": "referendum held", "annexation": "proclaimed", "ratification": "ratified"}[stage]
    return words + (", internationally unrecognised" if is_unrecognised else "")


def counted_claims(text: str, sentences: list[tuple[int, int]], places: list[Place], published: EventDate,
                   article: str, is_unrecognised: bool, places_in) -> list[Event]:
    """ "The four regions Russia was absorbing" + a nearby sentence that lists four admin-1 units."""
    out = []
    countries = [p for p in places if p.feature_kind == "country"]
    for i, (s, e) in enumerate(sentences):
        sentence = text[s:e]
        count = _COUNTED_REGIONS.search(sentence)
        here = places_in(s, e)
        if not count or not _CLAIM.search(sentence) or _units(here, True):
            continue
        n = parse_number(count.group(1))
        for j in range(max(0, i - 6), min(len(sentences), i + 7)):
            ls, le = sentences[j]
            units = _units(places_in(ls, le), True)
            if j == i or len({u.admin1_code for u in units}) != n:
                continue
            when = sentence_date(sentence, published)
            for claim in claims(sentence + " regions", units + here + countries, when,
                                Source(article, sentence, s, e), is_unrecognised):
                claim.sources.append(Source(article, text[ls:le], ls, le))
                claim.confidence = WEIGHTS.conf_base_claim - 0.1
                out.append(claim)
            break
    out += _remaining_claims(text, sentences, places, published, article, is_unrecognised, places_in)
    return out


# the rest of a counted set of regions named in a sentence of their own ("The other three are A, B and C")
_REMAINING = re.compile(r"\b(?:the\s+)?(?:other|remaining|rest of the)\s+(two|three|four|five|six|\d+)\b",
                        re.IGNORECASE)


def _remaining_claims(text: str, sentences: list[tuple[int, int]], places: list[Place], published: EventDate,
                      article: str, is_unrecognised: bool, places_in) -> list[Event]:
    """ "X is one of the four regions Russia annexed. The other three are A, B and C": a claim sentence that counts
    N regions and names K of them, and a sentence right after that names the other N - K, are claims on all N."""
    out = []
    countries = [p for p in places if p.feature_kind == "country"]
    for i, (s, e) in enumerate(sentences[:-1]):
        sentence = text[s:e]
        count = _COUNTED_REGIONS.search(sentence)
        if not count or not _CLAIM.search(sentence):
            continue
        named = {u.admin1_code for u in _units(places_in(s, e), True)}
        for ls, le in sentences[i + 1:i + 3]:
            rest = _REMAINING.search(text[ls:le])
            units = [u for u in _units(places_in(ls, le), True) if u.admin1_code not in named]
            total, more = parse_number(count.group(1)), parse_number(rest.group(1)) if rest else None
            if rest is None or total is None or more is None or len(named) + more != total or \
                    len({u.admin1_code for u in units}) != more:
                continue
            when = sentence_date(sentence, published)
            for claim in claims(sentence + " regions", units + places_in(s, e) + countries, when,
                                Source(article, sentence, s, e), is_unrecognised):
                claim.sources.append(Source(article, text[ls:le], ls, le))
                claim.confidence = WEIGHTS.conf_base_claim - 0.1
                out.append(claim)
            break
    return out


def absorb_claim(into: Event, other: Event, is_unrecognised: bool | None = None) -> None:
    """Fold ``other`` (a claim on the same oblast) into ``into``: each stage keeps its own date."""
    for stage, day in other.claim_stages.items():
        if stage not in into.claim_stages or (into.claim_stages[stage] is None and day is not None):
            into.claim_stages[stage] = day
            if stage == into.sub_event_type and into.when.date is None and day is not None and other.when.date == day:
                into.when = other.when  # the claim is dated by its current stage once a report dates that stage
    if STAGE_RANK.get(other.sub_event_type, 0) > STAGE_RANK.get(into.sub_event_type, 0):
        into.sub_event_type = other.sub_event_type
        into.when = other.when
    unrec = "unrecognised" in (into.claim_status or "") or "unrecognised" in (other.claim_status or "")
    into.claim_status = claim_status(into.sub_event_type, unrec if is_unrecognised is None else is_unrecognised)
