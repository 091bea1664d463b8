"""Annexation claims: an oblast a country says it holds a referendum in, annexes or ratifies.

A claim needs a claim word ("annex", "incorporate", "accession", "ratify", "referendum", "new
regions" ...), the admin-1 units it is about (an oblast, or the eponymous capital named in a list
of regions: "the regions – Donetsk, Luhansk ..."), and a claimant: a country named in the
sentence, or its state organs ("the Kremlin", "the Duma", "Putin"). Each claim has its stage and
its date; claims on one oblast merge, keeping every stage with its date.

A claim word told as a plan, a fear, a denial or a hypothetical ("Russia's plan to annex", "could try to annex",
"denied it intends to annex", "may hold a referendum") claims nothing (``_told_as_done``). A claim told in the act
("Putin signed treaties ...", "the Duma ratified ...", "voting ended in referendums ...") has its stage and the date
the sentence states, never the page's; a claim told in passing ("in Russian-annexed Crimea", "one of four regions
Moscow claims to have annexed", "Russia's new regions") is stage ``claim``, dated only by a date told inside its
own clause ("which Russia annexed on September 30, 2022"), never by the day of the incident the sentence reports
("a drone struck annexed Crimea on Monday").
"""

from __future__ import annotations

import re
from dataclasses import replace

from pipeline.events.figures import parse_number
from pipeline.events.records import Event, Source
from pipeline.events.weights import WEIGHTS
from pipeline.model import Place
from pipeline.text.dates import MONTH_NAMES, UNDATED, EventDate, explicit_date, parse_iso
from pipeline.text.textnorm import fold

_CLAIM = re.compile(r"\b(annex\w*|absorb\w*|ratif\w*|referend\w*|incorporat\w*|accession|"
                    # joining Russia ("voted to join Russia", "its reunification with Russia"), not NATO or a scheme
                    r"(?:re)?join(?:s|ed|ing)?\s+(?:the\s+)?(?:Russian Federation|Russia)(?!['’])|"
                    r"re(?:unif|unit)\w*\s+with\s+(?:the\s+)?(?:Russian Federation|Russia)(?!['’])|"
                    r"new (?:regions|territories|subjects)|(?:an?\s+)?(?:integral\s+)?parts? of (?:the )?"
                    r"(?:Russian Federation|Russia|Ukraine)|(?:new\s+)?subjects? of (?:the )?Russian Federation|"
                    # "signed treaties bringing the X and Y regions into Russia": a treaty's, law's or decree's words
                    r"(?:treaty|treaties|accords?|decrees?|laws?|documents|papers)\b[^.;]{1,80}?\binto (?:the )?"
                    r"(?:Russian Federation|Russia)(?!['’])|"
                    # "the X region, which Russia claims": the claim word ends its clause (not "which Russia claims
                    # to have shot down", "claims the capture of")
                    r"(?:which|that)\s+(?:Russia|Moscow|the Kremlin)\s+(?:now\s+|also\s+|still\s+)?claim(?:s|ed)"
                    r"(?=\s*(?:[,.;:)\u2013\u2014]|$))|"
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
_CLAIM_STAGES = (("ratification", re.compile(r"\bratif\w*|\b(?:Duma|Federation Council|parliament|lawmakers|legislators|"
                                             r"senators|upper house|lower house)\b[^.;]{0,60}?\b(?:approv\w*|pass\w*|"
                                             r"endors\w*|back(?:s|ed|ing)?)\b", re.I)),
                 ("annexation", re.compile(r"\b(annex\w*|absorb\w*|incorporat\w*|proclaim\w*|sign\w*|accession|"
                                           r"declar\w*)", re.I)),
                 ("referendum", re.compile(r"\b(referend\w*|votes?|voted)\b", re.I)))
STAGE_RANK = {"claim": 0, "referendum": 1, "annexation": 2, "ratification": 3}  # ("claim": told in passing only)
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


# the countries whose units a claimant the sentence does not name is taken to claim ("in annexed Crimea" in an article
# that names Russia): the war's claimant and the country it claims units of, not any annexation anywhere
IMPLIED_CLAIMS: dict[str, frozenset[str]] = {"RU": frozenset({"UA"})}


def article_claimant(text: str, places: list[Place]) -> str | None:
    """Who makes the claims an article tells in passing with no claimant in their sentence ("in annexed Crimea"):
    Russia, when the article names it, its capital or one of its state organs anywhere (of the war's parties, the
    one that claims the other's units); else nobody."""
    if any(p.country_code == "RU" and (p.feature_kind == "country" or _capital(p)) for p in places):
        return "RU"
    return "RU" if any(code == "RU" and rx.search(text) for code, rx in _STATE_ORGANS) else None


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


# -- a claim told as done, not planned, feared, denied or supposed ----------------------------------------------------
# what makes a claim word after it in its clause a plan, a fear, a forecast, a denial or a hypothetical: "Russia's plan
# to annex", "could try to annex", "denied it intends to annex", "fear Moscow will stage referendums", "may hold a
# referendum", "has no plans to annex", "wants the region to join Russia", "even if Moscow annexed"
_NOT_DONE_BEFORE = re.compile(
    r"\b(?:will|would|could|may|might|shall|should|can|cannot|must|plan(?:s|ned|ning)?|intend\w*|intention\w*|"
    r"seek(?:s|ing)?|sought|tr(?:y|ies|ying)|tried|attempt(?:s|ed|ing)?\s+to|prepar\w*|wants?|wanted|wanting|"
    r"aim(?:s|ed|ing)?|threat\w*|hop(?:e|es|ed|ing)|expect\w*|set\s+to|likely|possibl[ey]|potential(?:ly)?|"
    r"den(?:y|ies|ied|ying|ial)|fears?|feared|fearing|warn\w*|ready|readies|readying|push(?:es|ed|ing)?\s+for|"
    r"calls?\s+for|called\s+for|calling\s+for|future|upcoming|proposed|if|whether|unless|ahead\s+of|"
    r"in\s+preparation\s+for|rul(?:e|es|ed|ing)\s+out|talk\s+of|speculat\w*|rumou?r\w*|pretext|scenario)\b",
    re.IGNORECASE)
_NOT_BEFORE = re.compile(r"\b(?:not|never|no)\s+(?:\w+\s+)?$", re.IGNORECASE)  # "has not annexed", "no referendum"
# what makes the claim word before it a plan: "referendums would be held", "annexation plans", "a referendum scheduled"
_NOT_DONE_AFTER = re.compile(r"\W*(?:[\w'’-]+\s+){0,4}?(?:(?:would|will|is|are|were|was)\s+(?:to\s+|due\s+to\s+)?"
                             r"be\s+held|plans?\b|bid\b|scheduled|planned|(?:is|are)\s+(?:planned|expected))",
                             re.IGNORECASE)
# a clause ends at punctuation: what a claim word's modal or reference is looked for in, back to the clause's start
_CLAUSE_END = re.compile(r"[,;:()\u2013\u2014\"“”]|\s-\s")
_CLAUSE_CHARS = 100  # a clause's words looked at before a claim word at most


def _clause_before(sentence: str, at: int) -> str:
    """The words of the clause before ``sentence[at]``, back to its punctuation (at most ``_CLAUSE_CHARS``)."""
    before = sentence[max(0, at - _CLAUSE_CHARS):at]
    ends = list(_CLAUSE_END.finditer(before))
    return before[ends[-1].end():] if ends else before


def _clause_after(sentence: str, at: int) -> str:
    """The words of the clause after ``sentence[at]``, up to its punctuation."""
    end = _CLAUSE_END.search(sentence, at)
    return sentence[at:end.start() if end else len(sentence)]


def _told_as_done(sentence: str, m: re.Match) -> bool:
    """Whether the claim word ``m`` tells a claim made, not one planned, feared, denied or supposed (a claim told in
    passing by an adjective, "annexed Crimea", "Russia's new regions", presupposes it was made)."""
    if _in_passing(sentence, m) == "adjective":
        return True
    before = _clause_before(sentence, m.start())
    return not (_NOT_DONE_BEFORE.search(before) or _NOT_BEFORE.search(before) or
                _NOT_DONE_AFTER.match(sentence, m.end()))


# -- in the act or in passing ----------------------------------------------------------------------------------------
# "annexed" as an adjective: after a determiner, a preposition or a possessive ("in annexed Crimea", "the annexed
# peninsula", "Russia's annexed regions"), or joined to its agent ("Russian-annexed", "Moscow-annexed"), maybe after
# an adverb or an "occupied and" ("in illegally annexed Crimea", "in Russian-occupied and annexed Kherson")
_ADJECTIVE_BEFORE = re.compile(r"(?:\b(?:the|a|an|in|of|on|over|from|to|into|at|near|across|around|its|their|his|her|"
                               r"(?:Russia|Moscow|Kremlin)['’]s)\s+|\w-)(?:\w+ly\s+)?(?:[\w-]*occupied\s+and\s+)?$",
                               re.IGNORECASE)
# "annexed" as a verb: after its subject or an auxiliary ("Russia annexed", "which it annexed", "was annexed", "invaded
# and annexed"), adverbs between ("Moscow formally annexed"); after any other word it is an attribute ("the bridge
# linking annexed Crimea", "the territories annexed by Russia")
_ANNEXED_VERB_BEFORE = re.compile(r"(?:\b(?-i:[A-Z])[\w'’-]*|\b(?:it|they|he|she|we|which|that|who|has|have|had|was|"
                                  r"were|been|being|is|are|be|and|or))\s+(?:(?:\w+ly|then|later|also|since)\s+)*$",
                                  re.IGNORECASE)


def _annexed_adjective(before: str) -> bool:
    """Whether "annexed" after ``before`` is an attribute, not a verb (``_ADJECTIVE_BEFORE``,
    ``_ANNEXED_VERB_BEFORE``)."""
    return bool(_ADJECTIVE_BEFORE.search(before)) or not _ANNEXED_VERB_BEFORE.search(before)


# a claim referred to in a relative or reported clause, or as what came before ("which Russia annexed in 2014", "one
# of four regions it said it annexed", "Moscow claims to have annexed", "since Russia annexed", "after the referendums")
_REFERRED_BEFORE = re.compile(r"\b(?:which|that|whose|where|since|after|following|before|anniversary)\b|"
                              r"\b(?:say|says|said|claim|claims|claimed|consider|considers|considered)\s+"
                              r"(?:to\s+(?:have\s+)?|(?:it|they)\s+(?:has\s+|had\s+|have\s+)?)?$", re.IGNORECASE)
# the words of the act itself ("Putin signed treaties to incorporate", "declared the annexation", "voted to ratify"):
# a sentence telling one within a clause's reach before a claim word tells the claim in the act
_ACT_VERB = re.compile(r"\b(?:sign(?:s|ed|ing)?|declar(?:es|ed|ing)|proclaim(?:s|ed|ing)?|vot(?:e|es|ed|ing))\b",
                       re.IGNORECASE)
_ACT_REACH = 120  # characters from an act's verb to the claim word it tells


def _in_passing(sentence: str, m: re.Match) -> str | None:
    """How the claim word ``m`` tells its claim when not in the act: "adjective" (an attribute that dates nothing:
    "in Russian-annexed Crimea", "Russia's new regions"), "referred" (a clause about an earlier claim, dated only by
    what that clause says: "which Russia annexed in 2014"), or None (the act itself: "Russia annexed the region on
    Friday", "the Duma ratified the treaties")."""
    word = m.group(0).lower()
    if word.startswith("new ") or (word == "annexed" and _annexed_adjective(sentence[:m.start()])):
        return "adjective"
    if word.startswith(("claim", "which", "that")) or _REFERRED_BEFORE.search(_clause_before(sentence, m.start())):
        return "referred"
    if word.startswith(("part", "an ", "a ", "integral")) and re.search(
            r"\b(?:is|are|was|were|remains?|be|being)\s+(?:now\s+|still\s+|already\s+)?$",
            _clause_before(sentence, m.start()), re.IGNORECASE):
        return "adjective"  # "the regions are now part of Russia": a state, not an act
    return None


def _told_in_act(sentence: str, told: list[re.Match]) -> bool:
    """Whether the sentence tells a claim in the act: a claim word of its own not in passing, or an act's verb told
    as done ("Putin signed", "declared") within ``_ACT_REACH`` before a claim word."""
    if any(_in_passing(sentence, m) is None for m in told):
        return True
    for verb in _ACT_VERB.finditer(sentence):
        if any(0 < m.start() - verb.end() <= _ACT_REACH for m in told) and _told_as_done(sentence, verb) and \
                not _REFERRED_BEFORE.search(_clause_before(sentence, verb.start())):
            return True
    return False


_MONTH = re.compile(MONTH_NAMES)  # a date with its month written out


def claim_date(sentence: str, told: list[re.Match], published: EventDate) -> EventDate:
    """The date of a claim a sentence tells: in the act, the date the sentence states ("on Friday", "on September
    30, 2022"); in passing, a date told in the clause that refers to it ("which Russia annexed on 30 September");
    never the page's date (an undated claim stays undated)."""
    if _told_in_act(sentence, told):
        return explicit_date(sentence, published, skip_speech=False) or UNDATED
    for m in told:
        if _in_passing(sentence, m) == "referred":
            found = explicit_date(_clause_after(sentence, m.end()), published, skip_speech=False)
            if found is not None and (found.date is None or _MONTH.search(found.note)):
                return found  # (a weekday there dates what the sentence reports: "marked ... since X on Monday")
    return UNDATED


# -- the units a claim names without naming each -----------------------------------------------------------------
# cities that are admin-1 units of their own (ISO 3166-2 cities with special status): "annexed Sevastopol" is a
# claim on the unit, where "annexed the city of Kharkiv" names no unit (a national capital there is a claimant)
CITY_UNITS = frozenset({"UA-30", "UA-40"})
_CITY_UNIT_BEFORE = re.compile(r"\bannexed\s+(?:city\s+of\s+)?$", re.IGNORECASE)
_CITY_UNIT_AFTER = re.compile(r"\s*,\s*which\b[^,;.]{0,60}?\b(?:annex|claim)", re.IGNORECASE)
# the four units of Russia's claimed annexation of 30 September 2022, in ISO 3166-2, with their gazetteer names and
# points (geodata/gazetteer.parquet, admin1 rows): "one of four regions Moscow claims to have annexed" names them all
ANNEXED_FOUR: tuple[tuple[str, str, int, float, float], ...] = (
    ("UA-14", "Donetsk", 709716, 48.04518, 37.66698), ("UA-09", "Luhansk", 702657, 48.97505, 39.00971),
    ("UA-23", "Zaporizhzhya", 687699, 47.26660, 35.69215), ("UA-65", "Kherson", 706442, 46.66656, 33.60169))
ANNEXED_FOUR_SINCE = "2022-09-20"  # the referendums were announced then: "four regions" claimed before is no such set
_FOUR_REGIONS = re.compile(r"\b(?:four|4)\s+(?:(?:[\w-]+\s+){0,2})(?:regions|oblasts|provinces|territories)\b",
                           re.IGNORECASE)
# the rest of the four counted beside those named ("annexed the X region, along with three other regions"; "X and Y and
# two other regions it claims"): with the named ones, the four when they are of the four and the counts add up to four
_OTHER_REGIONS = re.compile(r"\b(one|two|three|1|2|3)\s+other\s+(?:(?:[\w-]+\s+){0,2})(?:regions|oblasts|provinces|"
                            r"territories|region|oblast|province)\b", re.IGNORECASE)
_FOUR_REACH = 80  # characters between "four regions" and the claim word that counts them
# claim words that can count the four units (not "join" or "part of": "four regions joined the scheme")
_FOUR_CLAIM = re.compile(r"\b(?:annex\w*|referend\w*|incorporat\w*|accession|absorb\w*|ratif\w*|claim\w*)",
                         re.IGNORECASE)


def _city_units(sentence: str, here: list[Place], offset: int, in_act: bool) -> list[Place]:
    """Cities that are units of their own (``CITY_UNITS``, not a national capital) a claim is told of: any the act
    names ("signed a treaty making the peninsula and the city of Sevastopol part of Russia"), and in passing those a
    claim word is told of ("annexed Sevastopol", "the annexed city of Sevastopol", "Sevastopol, which Moscow
    annexed"; not "a blast in Sevastopol, the port of annexed Crimea")."""
    out = []
    for p in here:
        if p.feature_kind != "city" or p.capital or p.admin1_code not in CITY_UNITS or not p.admin1_name:
            continue
        if in_act or _CITY_UNIT_BEFORE.search(sentence[max(0, p.start - offset - 30):p.start - offset]) or \
                _CITY_UNIT_AFTER.match(sentence, p.end - offset):
            out.append(p)
    return out


def _four_units(sentence: str, told: list[re.Match], published: EventDate, offset: int,
                named: frozenset[str] = frozenset()) -> list[Place]:
    """The four units of ``ANNEXED_FOUR`` when a claim word told as done counts "four regions" within
    ``_FOUR_REACH`` of it, or counts the others beside units of the four the sentence names (``named``: "annexed the
    X region, along with three other regions"; ``_OTHER_REGIONS``), never on a page dated before
    ``ANNEXED_FOUR_SINCE``."""
    page = parse_iso(published.date)
    if page is not None and page.isoformat() < ANNEXED_FOUR_SINCE:
        return []
    four = {code for code, *_rest in ANNEXED_FOUR}
    counts = list(_FOUR_REGIONS.finditer(sentence))
    if named and named <= four:
        counts += [m for m in _OTHER_REGIONS.finditer(sentence) if len(named) + parse_number(m.group(1)) == 4]
    for count in counts:
        if any(_FOUR_CLAIM.match(m.group(0)) and (abs(m.start() - count.end()) <= _FOUR_REACH or
                                                  abs(count.start() - m.end()) <= _FOUR_REACH) for m in told):
            return [Place(offset + count.start(), offset + count.end(), count.group(0), name, lat, lon, geonameid,
                          "admin1", code, name, "UA", 1.0, "one of the four regions of Russia's claimed annexation")
                    for code, name, geonameid, lat, lon in ANNEXED_FOUR]
    return []


def _nearest_told(sentence: str, units: list[Place], told: list[re.Match], offset: int) -> list[Place]:
    """The units whose nearest claim word is told as done, when a sentence also tells one as a plan ("Russia
    annexed Crimea in 2014 and may now try to annex the X region": Crimea only)."""
    kept = {m.span() for m in told}
    every = list(_CLAIM.finditer(sentence))
    if len(every) == len(kept):
        return units

    def gap(m: re.Match, unit: Place) -> int:
        start, end = unit.start - offset, unit.end - offset
        return start - m.end() if start >= m.end() else m.start() - end if m.start() >= end else 0

    return [u for u in units if min(every, key=lambda m: (gap(m, u), m.start())).span() in kept]


def claims(sentence: str, here: list[Place], published: EventDate, source: Source, is_unrecognised: bool, *,
           implied_claimant: str | None = None, count_four: bool = True) -> list[Event]:
    """Claims on the admin-1 units a sentence names, by a country it names or whose organs it names; a claim told in
    passing ("in annexed Crimea") with no claimant in the sentence is ``implied_claimant``'s (the article's). With
    ``count_four``, "four regions" Russia claims are the four of ``ANNEXED_FOUR``."""
    told = [m for m in _CLAIM.finditer(sentence) if _told_as_done(sentence, m)]
    if not told:
        return _possessed(sentence, here, source, is_unrecognised)
    units = _units(here, bool(_REGION_WORD.search(sentence)), sentence, source.start)
    if _ATTRIBUTIVE_CLAIM.search(sentence) and len(_CLAIM.findall(sentence)) == 1:
        units = [u for u in units if not _NEW_PLACE_PHRASE.search(sentence, max(0, u.start - source.start - 40),
                                                                   max(0, u.start - source.start))]
    in_act = _told_in_act(sentence, told)
    units += _city_units(sentence, here, source.start, in_act)
    units = [u for u in units if not _NOT_CLAIMED_AFTER.match(sentence, u.end - source.start)]
    units = _nearest_told(sentence, units, told, source.start)
    claimants = _claimants(sentence, here)
    implied = None if in_act else implied_claimant
    named = {u.admin1_code for u in units}
    four = _four_units(sentence, told, published, source.start, frozenset(named)) \
        if count_four and "RU" in (*claimants, implied) else []
    units += four
    if not units:
        return []
    when = claim_date(sentence, told, published)
    if in_act:  # the stage of the words told as done ("held referendums and plans to ratify": a referendum)
        done, kept = sentence, {m.span() for m in told}
        for m in _CLAIM.finditer(sentence):
            if m.span() not in kept:
                done = done[:m.start()] + " " * (m.end() - m.start()) + done[m.end():]
        stage = next((name for name, rx in _CLAIM_STAGES if rx.search(done)), "annexation")
    else:
        stage = "claim"
    out = []
    seen = set()
    for unit in units:
        if unit.admin1_code in seen:
            continue
        seen.add(unit.admin1_code)
        others = [c for c in claimants if c != unit.country_code]
        if not others and implied is not None and unit.country_code in IMPLIED_CLAIMS.get(implied, ()):
            others = [implied]
        if not others:
            continue
        claimant = max(set(others), key=lambda c: (others.count(c), c))
        # (a unit of the four the sentence does not name scores as one named in another sentence: ``counted_claims``)
        confidence = WEIGHTS.conf_base_claim - (0.1 if unit.admin1_code not in named else 0.0)
        out.append(Event("annexation_claim", stage, when, unit, unit.admin1_code, unit.admin1_name,
                         unit.country_code, 3, [source], confidence, claimed_by=claimant,
                         claim_status=claim_status(stage, is_unrecognised), claim_stages={stage: when.date}))
    return out


def _possessed(sentence: str, here: list[Place], source: Source, is_unrecognised: bool) -> list[Event]:
    """Claims told by a possessive alone (``_POSSESSED``): on the admin-1 unit named inside it when it belongs to
    another country than the possessor; told in passing (stage ``claim``), its day unknown (the wording dates
    nothing)."""
    out = []
    for m in _POSSESSED.finditer(sentence):
        owner = _OWNER[m.group("owner").lower()]
        for unit in _units(here, True):
            if m.start("unit") <= unit.start - source.start < m.end("unit") and unit.country_code != owner and \
                    unit.admin1_code not in {e.admin1_code for e in out}:
                out.append(Event("annexation_claim", "claim", UNDATED, unit, unit.admin1_code, unit.admin1_name,
                                 unit.country_code, 3, [source], WEIGHTS.conf_base_claim, claimed_by=owner,
                                 claim_status=claim_status("claim", is_unrecognised), claim_stages={"claim": None}))
    return out


def claim_status(stage: str, is_unrecognised: bool) -> str:
    """Rendered status of a claim at ``stage``."""
    words = {"claim": "claimed", "referendum": "referendum held", "annexation": "proclaimed",
             "ratification": "ratified"}[stage]
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
            for claim in claims(sentence + " regions", units + here + countries, published,
                                Source(article, sentence, s, e), is_unrecognised, count_four=False):
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
            for claim in claims(sentence + " regions", units + places_in(s, e) + countries, published,
                                Source(article, sentence, s, e), is_unrecognised, count_four=False):
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
    if len(into.claim_stages) > 1:
        into.claim_stages.pop("claim", None)  # a claim told in passing is no stage beside the stages told in the act
    unrec = "unrecognised" in (into.claim_status or "") or "unrecognised" in (other.claim_status or "")
    into.claim_status = claim_status(into.sub_event_type, unrec if is_unrecognised is None else is_unrecognised)
