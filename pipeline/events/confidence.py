"""An event's confidence: how likely it is right (it happened, in that oblast, with that toll and day).

A sum of named evidence weights (``WEIGHTS.conf_*``), each a fact the stage already has, each monotone (it
only adds or only takes away), clipped to [``conf_min``, ``conf_max``]. Scored once per article, when its
events are final (``rescore``); the merge across articles then adds ``conf_per_extra_source`` per further
independent report (``merge._add_confidence``). Annexation claims keep the score ``annexation`` gives them.

The signals kept, and why (each checked on every development set: benchmarks/RESULTS_events.md, session 14;
a signal is kept only when it points the same way on e1 and e2, the two sets with wrong events):

- ``base``: what the event states: a casualty report (with its figures) and a change of control weigh more than
  a strike told with no figure (on e2 most such strikes are wrong).
- ``lede``: told in the headline or the first paragraph (the story's subject, not a side remark).
- ``claimant``: its figures carry who said them.
- ``capital``: the place is a national capital, whose name most often stands for its government ("Moscow
  said", "the Kyiv regime"): the commonest wrong place (5 of the 12 wrong events, 1 right).

Examined and left out, for pointing opposite ways on e1 and e2 or for marking only right events: how many
sentences tell the incident, a stated day (not the page's), a place borrowed from an earlier sentence, a place
named in an official's title, a background period, and how precisely the place is known (an oblast-level event
is as often right as a town-level one; ``geo_precision`` says how precise it is).

Session 15 measured whether a fitted formula transfers (``benchmarks/confidence_fit.py``: ``facts`` below, each
event labelled by score.py's rule on all seven development sets, a logistic model trained on six and tested on
the seventh, in turn): neither it nor a minimum confidence beat keeping every event on the held-out sets, so the
hand-set sum stays and no default minimum is set. What did transfer is at the merge: a further report stating
another toll (``WEIGHTS.conf_toll_disagreement``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.collector import Collector
from pipeline.events.records import DATE_BASIS, Event
from pipeline.events.triggers import CONTROL
from pipeline.events.weights import WEIGHTS, EventWeights


@dataclass(frozen=True, slots=True)
class ConfidenceSignal:
    """One piece of evidence for or against an event, with its weight."""

    kind: str
    weight: float


@dataclass(frozen=True, slots=True)
class SentenceFacts:
    """What the scoring needs of one sentence of the article: where it is, and what the stage read in it."""

    start: int
    end: int
    para: int
    points: int = 0  # usable towns, villages, landmarks named
    regions: frozenset[str] = frozenset()  # the admin-1 codes of its usable places
    titled: frozenset[str] = frozenset()  # admin-1 codes named only in an official's title
    strikes: int = 0  # strike triggers (realis)
    controls: int = 0  # change-of-control triggers
    figures: int = 0  # casualty figures
    earlier: bool = False  # it tells of an earlier period


@dataclass(frozen=True, slots=True)
class EventFacts:
    """One event's facts for the fit of the weights (``benchmarks/confidence_fit.py``), recorded by ``rescore``
    inside ``FACTS.collecting()``: the event (its sources identify it) and its named facts."""

    event: Event
    facts: dict[str, float]


FACTS: Collector[EventFacts] = Collector("confidence_facts")


def facts(event: Event, sentences: Sequence[SentenceFacts], first_para: int) -> dict[str, float]:
    """Named facts of ``event`` in its article (``sentences``: all the article's), each 0/1 or a small number.

    Read from the typed records only: the event's type, sub-type, place, figures and date basis, and the
    sentences' structured facts (never their words).
    """
    own = [s for s in sentences if any(src.start == s.start and src.end == s.end for src in event.sources)]
    last_para = max((s.para for s in sentences), default=first_para)
    place = event.place
    mentions: Counter[str] = Counter(code for s in sentences for code in s.regions)
    focus = mentions.most_common(1)[0][0] if mentions else None
    code = event.admin1_code
    population = next((sg.weight for sg in place.signals if sg.kind == "population"), 0.0) if place else 0.0
    casualty, control = event.event_type == "casualty_report", event.sub_event_type in CONTROL
    first = min((s.para for s in own), default=last_para)
    return {
        "casualty": float(casualty),
        "control": float(control),
        "generic_strike": float(not casualty and not control and event.sub_event_type in _GENERIC),
        "figures": float(event.killed is not None or event.injured is not None),
        "zero_only": float(event.zero_only),
        "claimant": float(any(c.claimant for c in event.casualty_claims)),
        "lede": float(any(s.para <= first_para + 1 for s in own)),
        "position": (first - first_para) / max(1, last_para - first_para),
        "sentences": float(min(len(own), 3)),
        "capital": float(bool(place is not None and place.capital)),
        "oblast_level": float(place is None or place.feature_kind not in ("city", "landmark")),
        "geo_coarse": float(event.geo_precision > 1),
        "approx_place": float(place is not None and (place.approx_point or place.precision != "exact")),
        "place_confidence": place.confidence if place is not None else 0.0,
        "population": population,
        "russia": float(event.country_code == "RU"),
        "focus": float(code is not None and code == focus),
        "mentions": float(min(mentions[code], 5)) if code else 0.0,
        "titled": float(any(code in s.titled for s in own)),
        "undated": float(event.when.date is None),
        "page_date": float(event.date_basis == DATE_BASIS["page"]),
        "calendar_date": float(event.date_basis == DATE_BASIS["calendar"]),
        "actor_known": float(event.actor not in (None, "unknown")),
        "list_sentence": float(any(s.points >= _LIST_POINTS for s in own)),
        "no_trigger": float(not any(s.strikes or s.controls for s in own)),
        "earlier": float(any(s.earlier for s in own)),
    }


_GENERIC = frozenset({"attack", "explosion", "unspecified", "bodies_found"})  # strikes told with no weapon
_LIST_POINTS = 3  # a sentence naming this many towns is a list


def signals(event: Event, sentences: Sequence[SentenceFacts], first_para: int, *,
            w: EventWeights = WEIGHTS) -> list[ConfidenceSignal]:
    """The evidence for ``event`` among one article's ``sentences`` (those its sources quote)."""
    own = [s for s in sentences if any(src.start == s.start and src.end == s.end for src in event.sources)]
    if event.event_type == "casualty_report":
        out = [ConfidenceSignal("base", w.conf_base_casualty)]
    elif event.sub_event_type in CONTROL:
        out = [ConfidenceSignal("base", w.conf_base_control)]
    else:
        out = [ConfidenceSignal("base", w.conf_base_strike)]
    if any(s.para <= first_para + 1 for s in own):
        out.append(ConfidenceSignal("lede", w.conf_headline))
    if any(c.claimant for c in event.casualty_claims):
        out.append(ConfidenceSignal("claimant", w.conf_claimant))
    if event.place is not None and event.place.capital:
        out.append(ConfidenceSignal("capital", w.conf_capital_place))
    return out


def score(evidence: Sequence[ConfidenceSignal], *, w: EventWeights = WEIGHTS) -> float:
    """The confidence the signals give: their sum, clipped, rounded to 3 decimals."""
    return round(min(w.conf_max, max(w.conf_min, sum(s.weight for s in evidence))), 3)


def rescore(events: list[Event], sentences: Sequence[SentenceFacts]) -> None:
    """Score every event of one article but its annexation claims, in place."""
    first_para = min((s.para for s in sentences), default=0)
    for event in events:
        if event.event_type != "annexation_claim":
            event.confidence = score(signals(event, sentences, first_para))
            if FACTS.active():
                FACTS.record(EventFacts(event, facts(event, sentences, first_para)))
