"""Extract events from geoparsed articles and merge the ones several articles report.

Three kinds, after ACLED's codebook: ``annexation_claim`` (an oblast a country claims),
``frontline_incident`` (an encirclement, recapture, strike ... at a place) and
``casualty_report`` (killed / injured figures, with the incident that caused them).
Rules are sentence-level and general: trigger words, the place in the same sentence (or the
nearest preceding place for "the convoy ..." references), numbers next to casualty words.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass, field
from datetime import timedelta

from pipeline.text.dates import EventDate, parse_iso, sentence_date
from pipeline.geoparse.recognise import content_ranges, sentence_starts

POINT_KINDS = ("city", "landmark")
# sub-event type → trigger pattern, most specific first
INCIDENT_TRIGGERS: tuple[tuple[str, re.Pattern], ...] = tuple((name, re.compile(rx, re.IGNORECASE)) for name, rx in (
    ("encirclement", r"\b(encircl\w*|surround(?:ed|ing)|cut off)\b"),
    ("recapture", r"\b(recaptur\w*|retook|retak(?:e|en|ing)|liberat(?:ed|ing)|took back|regain(?:ed|ing))\b"),
    ("withdrawal", r"\b(withdr[ae]w|withdrawn|retreat(?:ed|ing)|abandon(?:ed|ing)|pulled out)\b"),
    ("capture", r"\b(captur(?:ed|ing)|seiz(?:ed|ing)|took control|fell to|overran)\b"),
    ("missile_strike", r"\b(missiles?|rockets?)\b[^.]{0,80}\b(struck|strikes?|hit|hits|slammed|destroy(?:ed|s))\b|"
                       r"\b(struck|hit|hits)\b[^.]{0,40}\b(missiles?|rockets?)\b|\bmissile strikes?\b"),
    ("drone_strike", r"\bdrones?\b[^.]{0,60}\b(struck|strikes?|hit|attacked)\b|\bdrone (strikes?|attacks?)\b"),
    ("airstrike", r"\b(air ?strikes?|bombed|bombing|bombard\w*)\b"),
    ("shelling", r"\b(shell(?:ed|ing)|artillery fire)\b"),
    ("attack", r"\b(attacked|struck|stormed)\b"),
))
_ANY_TRIGGER = re.compile("|".join(f"(?:{p.pattern})" for _n, p in INCIDENT_TRIGGERS), re.IGNORECASE)
STRIKE_TYPES = ("missile_strike", "drone_strike", "airstrike", "shelling", "attack")
_HYPOTHETICAL = re.compile(r"\b(could|would|might|may|if|will|shall|threat\w*|vow\w*|warn\w*|seeks?|aims?|"
                           r"plans?|intends?|hopes?)\b", re.IGNORECASE)
_INFINITIVE_BEFORE = re.compile(r"\bto\s+$", re.IGNORECASE)
_ANAPHOR = re.compile(r"\b(the (convoy|city|town|village|strike|attack|missile|missiles|building|site|area|"
                      r"centre|center|plant|station|blast|explosion|shelling|bombing|crater|scene)|it|they)\b",
                      re.IGNORECASE)
_NEAR = re.compile(r"\b(near|outside|around|close to|on the outskirts of|east of|west of|north of|south of)\s+(the\s+)?$",
                   re.IGNORECASE)

_FOUND = re.compile(r"\b(found|finding|exhum\w*|discovered|recovered|mass (burial|grave))", re.IGNORECASE)
_CLAIM = re.compile(r"\b(annex\w*|absorb\w*|ratif\w*|referend\w*|incorporat\w*|accession|join(?:s|ed|ing)?)\b",
                    re.IGNORECASE)
_CLAIM_STAGES = (("ratification", re.compile(r"\bratif\w*", re.I)),
                 ("annexation", re.compile(r"\b(annex\w*|absorb\w*|incorporat\w*|proclaim\w*|sign\w*)", re.I)),
                 ("referendum", re.compile(r"\b(referend\w*|votes?|voted)\b", re.I)))
_STAGE_RANK = {"referendum": 1, "annexation": 2, "ratification": 3}
_UNRECOGNISED = re.compile(r"\b(illegal|illegitimate|sham|rejected|condemn\w*|not recogni[sz]e|unrecogni[sz]ed|"
                           r"refused to accept)\b", re.IGNORECASE)

_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())} | {
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "a dozen": 12, "dozen": 12, "dozens": 24, "dozens of": 24, "several dozen": 24, "a hundred": 100,
    "hundreds": 200, "hundreds of": 200, "scores": 40, "scores of": 40}
_NUM = (r"(?P<num>\d{1,3}(?:,\d{3})+|\d+|a dozen|several dozen|dozens(?: of)?|hundreds(?: of)?|scores(?: of)?|"
        r"a hundred|" + "|".join(sorted((w for w in _NUMBER_WORDS if " " not in w and not w.startswith(("dozen", "hundreds", "scores"))), key=len, reverse=True)) + r")")
_QUAL = r"(?:(?:at least|more than|over|about|around|some|nearly|almost|up to|roughly|approximately)\s+)?"
_WHO = r"(?:\s+(?:\w+\s+)?(?:people|persons|civilians|soldiers|residents|children|troops|servicemen|others|of them))?"
_CASUALTY_WORD = re.compile(r"(kill|dead|died|perish|bod(y|ies)|corpse|grave|toll|wound|injur|hurt)", re.IGNORECASE)
_NONE_KILLED = re.compile(r"\b(no one|nobody|no people|no civilians)\b[^.;]{0,25}?\b(killed|died|dead)\b|"
                          r"\bno (casualties|deaths|fatalities)\b", re.IGNORECASE)
_NONE_INJURED = re.compile(r"\b(no one|nobody)\s+(was|were)\s+(injured|wounded|hurt)\b", re.IGNORECASE)
_NEGATION_BEFORE = re.compile(r"\b(no|not|nor|without)\s+$", re.IGNORECASE)  # "no one was killed"
_MONTH_BEFORE = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November|"
                           r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+$")
_KILLED = [re.compile(p, re.IGNORECASE) for p in (
    _QUAL + _NUM + _WHO + r"\s+(?:were|have been|had been|was|are|being)?\s*(?:killed|dead|died|perished)\b",
    r"\b(?:killing|killed|kills)\s+" + _QUAL + _NUM + r"\b",
    r"\b(?:saw|seen|found|finding|counted|recovered|exhumed|discovered|retrieved)\s+" + _QUAL + _NUM
    + r"\s+(?:\w+\s+)?(?:bodies|corpses|graves)\b",
    _QUAL + _NUM + r"\s+(?:\w+\s+)?(?:bodies|corpses)\s+(?:were|have been|had been|was)\s+"
    r"(?:found|recovered|discovered|exhumed|retrieved|pulled)\b",
    r"\b(?:death toll|toll)\s+(?:\w+\s+){0,2}?(?:to|of|at|is|was|reached)\s+" + _QUAL + _NUM + r"\b",
)]
_INJURED = [re.compile(p, re.IGNORECASE) for p in (
    _QUAL + _NUM + _WHO + r"\s+(?:were|have been|had been|was|are)?\s*(?:wounded|injured|hurt)\b",
    r"\b(?:wounding|injuring|wounded|injured)\s+" + _QUAL + _NUM + r"\b",
)]


@dataclass
class Source:
    """The sentence of an article that supports an event."""

    article: str
    quote: str
    start: int
    end: int


@dataclass
class Event:
    """One event, before or after merging."""

    event_type: str
    sub_event_type: str
    when: EventDate
    place: dict | None  # a geoparsed place (city/landmark/admin1)
    admin1_code: str | None
    admin1_name: str | None
    country_code: str | None
    geo_precision: int
    sources: list[Source]
    confidence: float
    killed: int | None = None
    injured: int | None = None
    casualty_text: list[str] = field(default_factory=list)
    claimed_by: str | None = None
    claim_status: str | None = None
    zero_only: bool = False  # only "no one was killed": kept only when it joins a reported incident


def parse_number(token: str) -> int | None:
    """Integer of a number written in digits or words ("25", "1,200", "a dozen", "twelve")."""
    token = token.lower().strip()
    if token.replace(",", "").isdigit():
        return int(token.replace(",", ""))
    return _NUMBER_WORDS.get(token)


def casualties(sentence: str) -> tuple[int | None, int | None, list[str]]:
    """Killed and injured figures stated in ``sentence`` (lowest where several) and their wording."""
    def scan(patterns):
        values, texts = [], []
        for pattern in patterns:
            for m in pattern.finditer(sentence):
                value = parse_number(m.group("num"))
                before = sentence[max(0, m.start("num") - 12):m.start("num")]
                negated = _NEGATION_BEFORE.search(before)
                if value is not None and value > 0 and not _is_year(m.group("num")) \
                        and not _MONTH_BEFORE.search(before) and not negated:
                    values.append(value)
                    texts.append(m.group(0).strip())
        return (min(values) if values else None), texts

    if not _CASUALTY_WORD.search(sentence):
        return None, None, []
    killed, ktexts = scan(_KILLED)
    injured, itexts = scan(_INJURED)
    none_killed, none_injured = _NONE_KILLED.search(sentence), _NONE_INJURED.search(sentence)
    if killed is None and none_killed:
        killed, ktexts = 0, ktexts + [none_killed.group(0)]
    if injured is None and none_injured:
        injured, itexts = 0, itexts + [none_injured.group(0)]
    return killed, injured, ktexts + itexts


def _is_year(token: str) -> bool:
    return token.isdigit() and len(token) == 4 and token[:2] in ("19", "20")


def _sentences(text: str) -> list[tuple[int, int]]:
    starts = sentence_starts(text)
    spans = []
    for pstart, pend in content_ranges(text):
        cuts = starts[bisect.bisect_right(starts, pstart):bisect.bisect_left(starts, pend)]
        bounds = [pstart, *cuts, pend]
        for s, e in zip(bounds, bounds[1:]):
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                spans.append((s, e))
    return spans


def _place_precision(place: dict, text: str) -> int:
    if place["feature_kind"] == "admin1":
        return 3
    if place.get("approx_point"):
        return 2  # a village placed at its hromada's centre: ACLED's "near / part of a district"
    return 2 if _NEAR.search(text[max(0, place["start"] - 30):place["start"]]) else 1


def _span_finder(places: list[dict]):
    """A function (s, e) → the places starting inside [s, e), by bisection."""
    ordered = sorted(places, key=lambda p: p["start"])
    starts = [p["start"] for p in ordered]

    def within(s: int, e: int) -> list[dict]:
        return ordered[bisect.bisect_left(starts, s):bisect.bisect_left(starts, e)]
    return within


def _localisable(p: dict) -> bool:
    return p["feature_kind"] in POINT_KINDS or p["feature_kind"] == "admin1"


_AGENT_VERB = re.compile(r"^['’]?s?\s+(?:\w+ly\s+)?(says|said|told|tells|accused|accuses|blamed|blames|warned|claimed|"
                         r"claims|denied|denies|announced|wants|opposes|opposed|insists|argued|called|rejected|"
                         r"rejects|responded|vowed)\b")
_POSSESSIVE = re.compile(r"^['’]s\s+(?!(?:\w+\s+)?(?:region|oblast|province|outskirts|centre|center|suburbs|"
                         r"port|airport|district|streets?|square)\b)")
_COUNTED_REGIONS = re.compile(r"\b(two|three|four|five|six|seven|eight|nine|ten|\d+)\s+(?:\w+\s+)?(regions|oblasts|provinces)\b",
                              re.IGNORECASE)
CASUALTY_LOOKBACK = 3  # paragraphs a casualty figure may look back for its place
INCIDENT_LOOKBACK = 1  # paragraphs an anaphoric incident ("the convoy ...") may look back


def _metonymic(place: dict, text: str) -> bool:
    """A capital or landmark standing for its government ("Moscow says", "the Kremlin said")."""
    if place["feature_kind"] not in POINT_KINDS:
        return False
    if "national capital" not in place.get("reason", "") and place["feature_kind"] != "landmark":
        return False
    after = text[place["end"]:place["end"] + 40]
    return bool(_AGENT_VERB.match(after) or _POSSESSIVE.match(after))


def extract_events(article: str, text: str, places: list[dict], published: EventDate) -> list[Event]:
    """Every event one article reports, merged within the article."""
    events: list[Event] = []
    unrecognised = bool(_UNRECOGNISED.search(text))
    located = [p for p in places if _localisable(p) and not _metonymic(p, text)]
    places_in, located_in = _span_finder(places), _span_finder(located)
    sentences = _sentences(text)
    paragraph_of = _paragraph_index(text)
    last_place: tuple[dict, int] | None = None  # (place, paragraph)
    for s, e in sentences:
        sentence = text[s:e]
        here = places_in(s, e)
        local = located_in(s, e)
        para = paragraph_of(s)
        when = sentence_date(sentence, published)
        source = Source(article, sentence, s, e)
        events += _claims(sentence, here, when, source, unrecognised)
        sub = _incident_type(sentence)
        killed, injured, wording = casualties(sentence)
        figures = killed is not None or injured is not None
        fallback = None
        if not local and last_place is not None and (sub or figures):
            window = CASUALTY_LOOKBACK if figures else INCIDENT_LOOKBACK
            if para - last_place[1] <= window and (figures or _ANAPHOR.search(sentence)):
                fallback = last_place[0]
        targets = local or ([fallback] if fallback else [])
        points = [p for p in targets if p["feature_kind"] in POINT_KINDS]
        if points:
            targets = points
        if figures:
            place = targets[0] if targets else None
            cause = sub if sub in STRIKE_TYPES else ("bodies_found" if _FOUND.search(sentence) else "unspecified")
            events.append(_located("casualty_report", cause, when, place, text, source,
                                   0.8 if place in local else 0.6, fallback=place is fallback,
                                   killed=killed, injured=injured, casualty_text=wording,
                                   zero_only=not (killed or injured)))
        if sub and not (figures and sub in STRIKE_TYPES):
            for place in targets:
                kind = _incident_type(sentence, at=place["start"] - s) if place in local else sub
                events.append(_located("frontline_incident", kind or sub, when, place, text, source,
                                       0.75 if place in local else 0.55, fallback=place is fallback))
        if local:
            last_place = ((points or local)[-1], para)
    events += _counted_claims(text, sentences, places, published, article, unrecognised, places_in)
    return _merge_within_article(events)


def _paragraph_index(text: str):
    starts = [r[0] for r in content_ranges(text)]

    def index(pos: int) -> int:
        return bisect.bisect_right(starts, pos) - 1
    return index


def _counted_claims(text, sentences, places, published, article, unrecognised, places_in) -> list[Event]:
    """ "The four regions Russia was absorbing" + a nearby sentence that lists four admin-1 units."""
    out = []
    countries = [p for p in places if p["feature_kind"] == "country"]
    for i, (s, e) in enumerate(sentences):
        sentence = text[s:e]
        count = _COUNTED_REGIONS.search(sentence)
        here = places_in(s, e)
        if not count or not _CLAIM.search(sentence) or any(p["feature_kind"] == "admin1" for p in here):
            continue
        n = parse_number(count.group(1))
        for j in range(max(0, i - 6), min(len(sentences), i + 7)):
            ls, le = sentences[j]
            units = [p for p in places_in(ls, le) if p["feature_kind"] == "admin1"]
            if j == i or len({u["admin1_code"] for u in units}) != n:
                continue
            claimants = here + countries
            when = sentence_date(sentence, published)
            for claim in _claims(sentence, units + claimants, when, Source(article, sentence, s, e), unrecognised):
                claim.sources.append(Source(article, text[ls:le], ls, le))
                claim.confidence = 0.75
                out.append(claim)
            break
    return out


def _located(kind, sub, when, place, text, source, confidence, *, fallback=False, **extra) -> Event:
    if place is None:
        return Event(kind, sub, when, None, None, None, None, 3, [source], confidence, **extra)
    precision = _place_precision(place, text)
    if fallback:
        precision = max(precision, 2)
    return Event(kind, sub, when, place, place.get("admin1_code"), place.get("admin1_name"),
                 place.get("country_code"), precision, [source], confidence, **extra)


def _incident_type(sentence: str, *, at: int | None = None) -> str | None:
    """The incident sub-type a sentence reports; with ``at`` (an offset in the sentence), the one
    whose trigger stands nearest before that place ("encircled A and recaptured B")."""
    if not _ANY_TRIGGER.search(sentence) or _HYPOTHETICAL.search(sentence):
        return None
    found = []
    for rank, (name, pattern) in enumerate(INCIDENT_TRIGGERS):
        for m in pattern.finditer(sentence):
            if not _INFINITIVE_BEFORE.search(sentence[:m.start()]):
                found.append((m.start(), rank, name, m.end()))
    # a generic trigger inside a more specific one ("missile ... struck") is part of it
    found = [f for f in found if not any(g[1] < f[1] and g[0] <= f[0] < g[3] for g in found)]
    if not found:
        return None
    if at is None:
        return min(found, key=lambda f: (f[1], f[0]))[2]
    before = [f for f in found if f[0] <= at]
    if before:
        return max(before, key=lambda f: (f[0], -f[1]))[2]
    return min(found, key=lambda f: (f[0], f[1]))[2]


def _claims(sentence: str, here: list[dict], when: EventDate, source: Source, unrecognised: bool) -> list[Event]:
    """Claims on the admin-1 units a sentence names, by a country it names (or whose capital or
    landmark stands for its government: "Moscow", "the Kremlin")."""
    if not _CLAIM.search(sentence):
        return []
    units = [p for p in here if p["feature_kind"] == "admin1" and p.get("admin1_code")]
    if not units:
        return []
    claimants = [p["country_code"] for p in here if p.get("country_code") and
                 (p["feature_kind"] in ("country", "landmark") or "national capital" in p.get("reason", ""))]
    out = []
    for unit in units:
        others = [c for c in claimants if c != unit["country_code"]]
        if not others:
            continue
        claimant = max(set(others), key=lambda c: (others.count(c), c))
        stage = next((name for name, rx in _CLAIM_STAGES if rx.search(sentence)), "annexation")
        out.append(Event("annexation_claim", stage, when, unit, unit["admin1_code"], unit.get("admin1_name"),
                         unit["country_code"], 3, [source], 0.85, claimed_by=claimant,
                         claim_status=_claim_status(stage, unrecognised)))
    return out


def _claim_status(stage: str, unrecognised: bool) -> str:
    words = {"referendum": "referendum held", "annexation": "proclaimed", "ratification": "ratified"}[stage]
    return words + (", internationally unrecognised" if unrecognised else "")


# -- merging ---------------------------------------------------------------------------------
def _dates_compatible(a: EventDate, b: EventDate) -> bool:
    da, db = parse_iso(a.date), parse_iso(b.date)
    if da is None or db is None:
        return True
    slack = timedelta(days=1 if max(a.precision or 1, b.precision or 1) == 1 else 7)
    return abs(da - db) <= slack


def _same_place(a: Event, b: Event) -> bool:
    if a.admin1_code is None or a.admin1_code != b.admin1_code:
        return a.admin1_code is None and b.admin1_code is None and a.place is None and b.place is None
    if a.place is None or b.place is None:
        return True
    if a.place["feature_kind"] == "admin1" or b.place["feature_kind"] == "admin1":
        return True
    return a.place["name"] == b.place["name"]


def _absorb(into: Event, other: Event) -> None:
    have = {(s.article, s.start, s.end) for s in into.sources}
    into.sources += [s for s in other.sources if (s.article, s.start, s.end) not in have]
    if (other.geo_precision, other.place is None) < (into.geo_precision, into.place is None):
        into.place, into.geo_precision = other.place, other.geo_precision
        into.admin1_code, into.admin1_name, into.country_code = other.admin1_code, other.admin1_name, other.country_code
    if into.when.date is None or (other.when.date and (other.when.precision or 9) < (into.when.precision or 9)):
        into.when = other.when
    for attr in ("killed", "injured"):
        values = [v for v in (getattr(into, attr), getattr(other, attr)) if v is not None]
        setattr(into, attr, min(values) if values else None)
    into.casualty_text += [t for t in other.casualty_text if t not in into.casualty_text]
    if into.sub_event_type in ("unspecified", "attack") and other.sub_event_type not in ("unspecified",):
        into.sub_event_type = other.sub_event_type
    if into.event_type == "annexation_claim":
        if _STAGE_RANK.get(other.sub_event_type, 0) > _STAGE_RANK.get(into.sub_event_type, 0):
            into.sub_event_type = other.sub_event_type
        unrec = "unrecognised" in (into.claim_status or "") or "unrecognised" in (other.claim_status or "")
        into.claim_status = _claim_status(into.sub_event_type, unrec)
    into.confidence = min(0.99, 1 - (1 - into.confidence) * (1 - other.confidence))
    into.zero_only = into.zero_only and other.zero_only


def _mergeable(a: Event, b: Event, *, same_article: bool) -> bool:
    if a.event_type == "annexation_claim" or b.event_type == "annexation_claim":
        return a.event_type == b.event_type and a.admin1_code == b.admin1_code and a.claimed_by == b.claimed_by
    if not _dates_compatible(a.when, b.when) or not _same_place(a, b):
        return False
    if a.event_type == b.event_type == "frontline_incident":
        return a.sub_event_type == b.sub_event_type
    if same_article:
        # a strike and the casualties it caused, reported in neighbouring sentences, are one incident
        return all(x.event_type == "casualty_report" or x.sub_event_type in STRIKE_TYPES for x in (a, b))
    return a.event_type == b.event_type == "casualty_report" and \
        (a.sub_event_type == b.sub_event_type or "unspecified" in (a.sub_event_type, b.sub_event_type))


def _merge(events: list[Event], *, same_article: bool) -> list[Event]:
    merged: list[Event] = []
    by_admin1: dict[str | None, list[Event]] = {}  # only events in one admin-1 unit can merge
    for event in events:
        group = by_admin1.setdefault(event.admin1_code, [])
        for target in group:
            if _mergeable(target, event, same_article=same_article):
                if event.event_type == "casualty_report" and target.event_type != "casualty_report":
                    target.event_type = "casualty_report"
                _absorb(target, event)
                break
        else:
            merged.append(event)
            group.append(event)
    return merged


def _merge_within_article(events: list[Event]) -> list[Event]:
    # casualty reports first, so strikes fold into them
    ordered = sorted(events, key=lambda e: ({"annexation_claim": 0, "casualty_report": 1}.get(e.event_type, 2),
                                            e.zero_only))
    return [e for e in _merge(ordered, same_article=True) if not e.zero_only]


def merge_across_articles(per_article: list[list[Event]]) -> list[Event]:
    """Merge the same event reported by several articles into one with every source."""
    flat = [e for events in per_article for e in events]
    return _merge(flat, same_article=False)


def event_id(event: Event) -> str:
    """Stable id: the same sources give the same id on every rebuild."""
    keys = sorted(f"{s.article}:{s.start}:{s.end}" for s in event.sources)
    basis = "|".join([event.event_type, event.admin1_code or "", *keys])
    return "CM-" + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:12]
