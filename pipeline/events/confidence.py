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
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.events.records import Event
from pipeline.events.triggers import CONTROL
from pipeline.events.weights import WEIGHTS, EventWeights


@dataclass(frozen=True, slots=True)
class ConfidenceSignal:
    """One piece of evidence for or against an event, with its weight."""

    kind: str
    weight: float


@dataclass(frozen=True, slots=True)
class SentenceFacts:
    """What the scoring needs of one sentence of the article: where it is."""

    start: int
    end: int
    para: int


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
