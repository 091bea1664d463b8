"""Extract events from one geoparsed article: claims, strikes and casualty reports, changes of control.

Three kinds, after ACLED's codebook: ``annexation_claim`` (an oblast a country claims),
``frontline_incident`` (an encirclement, recapture, strike ... at a place) and
``casualty_report`` (killed / injured figures, with the incident that caused them). The work
is split by concern: ``triggers`` (what happened, and whether it did), ``figures`` (casualty
numbers, their role and claimant), ``incidents`` (one event per incident per article),
``annexation`` (claims and their stages), ``consolidate`` (one event per incident told twice), ``scope`` (the war's theatre: what is mapped where), ``confidence``
(how likely each event is right), ``merge`` (one event per incident across articles), ``weights`` (every threshold).
"""

from __future__ import annotations

import bisect
import math
from dataclasses import replace

from pipeline.events.annexation import (
    article_claimant,
    claims,
    counted_claims,
    referred_units,
    unrecognised,
)
from pipeline.events.confidence import SentenceFacts, rescore
from pipeline.events.consolidate import consolidate
from pipeline.events.figures import casualties, parse_number
from pipeline.events.front import front_namesakes
from pipeline.events.incidents import control_events, incident_events, names_settlement, one_sense, read_sentences
from pipeline.events.merge import merge_across_articles, merge_claims
from pipeline.events.records import DATE_BASIS, CasualtyClaim, Event, Source, event_id
from pipeline.events.scope import in_scope
from pipeline.events.ties import tie_places
from pipeline.events.triggers import CONTROL, STRIKES, anaphoric, antecedent, armed_conflict, denied_strike, war_sentences
from pipeline.events.weights import WEIGHTS
from pipeline.model import Place
from pipeline.text.dates import EventDate, names_a_day, parse_iso

__all__ = ["CasualtyClaim", "Event", "Source", "casualties", "event_id", "extract_events", "merge_across_articles",
           "parse_number"]


def extract_events(article: str, text: str, places: list[Place], published: EventDate) -> list[Event]:
    """Every event one article reports: one per incident, one per claimed oblast; none from an article that
    never speaks of armed conflict (deaths in an outbreak, a crash, an arrest are not war events), and none
    outside the war's theatre unless its sentences name a party of the war (``scope``)."""
    if not armed_conflict(text):
        return []
    places = one_sense(places, text)
    sentences = read_sentences(text, tie_places(text, places), published)
    _resolve_actors(sentences)
    is_unrecognised = unrecognised(text)
    claimant = article_claimant(text, places)
    ordered = sorted(places, key=lambda p: p.start)
    starts = [p.start for p in ordered]

    def places_in(s: int, e: int) -> list[Place]:
        return ordered[bisect.bisect_left(starts, s):bisect.bisect_left(starts, e)]

    events: list[Event] = []
    spans = [(s.start, s.end) for s in sentences]
    before: list[Place] = []  # the places of the sentences just before (what "the peninsula" refers back to)
    for sent in sentences:
        here = places_in(sent.start, sent.end)
        referred = referred_units(sent.text, here, before, ordered)
        if here or referred:
            events += claims(sent.text, here + referred, published, Source(article, sent.text, sent.start, sent.end),
                             is_unrecognised, implied_claimant=claimant)
        before = (before + here)[-WEIGHTS.claim_anaphor_places:]
    events += counted_claims(text, spans, places, published, article, is_unrecognised, places_in)
    events = merge_claims(events)
    events += _without_sweeps(incident_events(article, text, sentences, published), sentences)
    events += _without_capitals(_without_vague_summaries(control_events(article, text, sentences, published)))
    if events and not _war_news(text, spans):  # war in passing only: an incident needs a word of war of its own
        events = [e for e in events if e.event_type == "annexation_claim" or
                  armed_conflict(" ".join(s.quote for s in e.sources))]
    events = consolidate(in_scope(_without_denied(events, sentences), text))
    front_namesakes(events)  # a change of control resolved far from the front: the front's towns of that name
    _set_report_lags(events, published)
    rescore(events, [_sentence_facts(s) for s in sentences])
    return events


def _sentence_facts(sent) -> SentenceFacts:
    """What confidence reads of one sentence (``confidence.SentenceFacts``)."""
    return SentenceFacts(sent.start, sent.end, sent.para, len(sent.points),
                         frozenset(p.admin1_code for p in (*sent.points, *sent.oblasts) if p.admin1_code),
                         frozenset(p.admin1_code for p in sent.titled if p.admin1_code),
                         len(sent.strikes), len(sent.triggers) - len(sent.strikes), len(sent.figures), sent.earlier)


SWEEP_REGIONS = 3  # a sentence naming towns of this many admin-1 units in one breath is a sweep over the war


def _without_sweeps(events: list[Event], sentences: list) -> list[Event]:
    """Incidents but the sweeps: a strike of no named weapon ("attacked"), with no figure and no day of its own,
    told only in sentences listing towns of ``SWEEP_REGIONS`` or more admin-1 units ("Russian forces have attacked
    the ports including A, B, C and D as they try to ..."): a summary of the war, not an incident at each town.
    Strikes told with a day ("On July 14, cities were targeted, including A, B and C"), even the page's own, are
    that day's strikes: no sweep. Explosions reported in towns of as many regions ("explosions were reported in A, B,
    C and D" on the day of a missile attack) are the attack's strikes at each town: no sweep (explosions only heard
    are no strike anywhere: ``incidents._heard_only``)."""
    by_span = {(s.start, s.end): s for s in sentences}

    def sweep(event: Event) -> bool:
        if event.event_type != "frontline_incident" or event.killed is not None or event.injured is not None:
            return False
        if event.sub_event_type != "attack" or event.date_basis != DATE_BASIS["page"] or event.when.precision == 1:
            return False
        own = [by_span.get((src.start, src.end)) for src in event.sources if src.article == event.sources[0].article]
        if any(s is not None and names_a_day(s.text) for s in own):
            return False  # "Saturday's wave of strikes across A, B, C and D" on an undated page: a day told, unresolved
        return all(s is not None and len({p.admin1_code for p in s.points if p.admin1_code}) >= SWEEP_REGIONS
                   for s in own)

    return [e for e in events if not sweep(e)]


def _without_denied(events: list[Event], sentences: list) -> list[Event]:
    """Events but the strike an article is written to deny: when the first sentence that tells of a strike tells it
    as what a party denies ("X denied that its forces had struck the cathedral in A, and said a rocket launched by Y
    had hit it"), the article's
    news is the denial; its other tellings of that strike are the accusation it answers and the counter-claim
    ("Y said earlier that X had attacked A"; "it was probably struck by an air defence missile"), not an incident
    the article reports. Strikes with casualty figures stay (a toll is told as a fact of its own), and so do
    strikes in regions the denial does not name."""
    first = next((s for s in sentences if s.strikes or denied_strike(s.text)), None)
    if first is None or not denied_strike(first.text):
        return events
    regions = first.regions
    return [e for e in events if not (e.event_type == "frontline_incident" and e.sub_event_type in STRIKES and
                                      e.admin1_code in regions)]


def _without_capitals(events: list[Event]) -> list[Event]:
    """Changes of control but those placed at a national capital: "Moscow withdrew", "Moscow: Russia said it had
    captured a village" name the government or the dateline; no capital changed hands in the war's record (no gold
    event of the development sets is one)."""
    return [e for e in events if not (e.sub_event_type in CONTROL and e.place is not None and e.place.capital)]


def _set_report_lags(events: list[Event], published: EventDate) -> None:
    """Each dated event's ``report_lag``: days from its day to the page's date (none when either is unknown)."""
    page = parse_iso(published.date)
    for event in events:
        day = parse_iso(event.when.date)
        if page is not None and day is not None and event.when.precision == 1:
            event.report_lag = (page - day).days


def _war_news(text: str, spans: list[tuple[int, int]]) -> bool:
    """Whether the article speaks of war in enough of its sentences to be war news (``WEIGHTS.war_*``)."""
    need = max(1, min(WEIGHTS.war_sentences_min, math.ceil(WEIGHTS.war_sentence_share * len(spans))))
    return war_sentences(text, spans, need) >= need


ANAPHOR_SENTENCES = 3  # how many sentences back "its troops" / "they" may find the party it refers to


def _resolve_actors(sentences: list) -> None:
    """Give each trigger whose actor is told only by reference back ("its troops", "which they recaptured") the
    party it refers to (``triggers.antecedent``), in place."""
    for i, sent in enumerate(sentences):
        if not any(anaphoric(sent.text, t) for t in sent.triggers):
            continue
        back = [s.text for s in reversed(sentences[max(0, i - ANAPHOR_SENTENCES):i]) if sent.para - s.para <= 1]
        sent.triggers = [replace(t, actor=antecedent([sent.text[:t.start], *back])) if anaphoric(sent.text, t)
                         else t for t in sent.triggers]


def _without_vague_summaries(events: list[Event]) -> list[Event]:
    """Changes of control without an oblast-level one whose side is unknown when the article names a town of that
    oblast changing hands: the vague one summarises it ("a cluster of villages there was retaken")."""
    towns = {e.admin1_code for e in events if names_settlement(e)}
    return [e for e in events if names_settlement(e) or e.gains != "unknown" or e.admin1_code not in towns]
