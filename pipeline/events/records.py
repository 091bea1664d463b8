"""The events stage's types: an event, the sentences behind it and every figure stated for it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from pipeline.model import Place
from pipeline.text.dates import EventDate


@dataclass
class Source:
    """The sentence of an article that supports an event."""

    article: str
    quote: str
    start: int
    end: int
    group: str | None = None  # syndication group: copies of one wire story share it (None: the article's own)

    @property
    def report(self) -> str:
        """The independent report this source belongs to: its syndication group, else its article."""
        return self.group or self.article


@dataclass(frozen=True)
class CasualtyClaim:
    """One stated casualty figure, as said, by whom.

    ``role`` says how the figure may be used: ``total`` (a stated toll of the incident),
    ``observation`` (what a reporter saw: "Reuters saw a dozen bodies"), ``individual`` ("a
    woman died"), ``increment`` ("three more died"), ``subcount`` ("including seven children"),
    ``zero`` ("no one was killed"), ``aggregate`` (a total over many incidents: "31 civilians were
    killed across the region over the past day"), ``vague`` (a round plural with no count: "dozens were
    killed"), ``background`` (a past year's incident: "last year, a strike on the station killed 63"), ``combined`` (the dead and
    the wounded counted together: "1,535 troops were killed or wounded").
    Only a total is a toll; the others are kept as claims and
    stand in only when the incident has no total (never a sub-count or an aggregate).
    """

    kind: str  # "killed" or "injured"
    value: int
    text: str
    claimant: str | None
    article: str
    start: int
    end: int
    role: str = "total"
    approximate: bool = False  # "some", "about", "almost", "scores of": a looser figure
    update: bool = False  # worded as the latest state of a toll that grew ("the toll rose to five", "so far")


@dataclass(frozen=True)
class Report:
    """One article's toll for an incident, with the article's date (for the cross-outlet rule)."""

    article: str
    published: str | None
    killed: int | None
    injured: int | None


@dataclass
class Event:
    """One event, before or after merging."""

    event_type: str
    sub_event_type: str
    when: EventDate
    place: Place | None  # a geoparsed place (city/landmark/admin1)
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
    actor: str | None = None  # who acted: "Russia", "Ukraine" or "unknown" (frontline and casualty events)
    casualty_claims: list[CasualtyClaim] = field(default_factory=list)
    reports: list[Report] = field(default_factory=list)
    claim_stages: dict[str, str | None] = field(default_factory=dict)  # claim stage -> its date (or None)
    gains: str | None = None  # for a change of control, the side that gains the place
    date_basis: int = 3  # how firmly the text fixes ``when`` (``DATE_BASIS``; lower is firmer)
    report_lag: int | None = None  # days from ``when`` to the publication of the page that told it (None: unknown);
    # of two days equally firm, the merge keeps the one reported sooner (``merge._firmer_day``)
    # for a change of control placed at a settlement far from the front (``front.far_from_front``), the gazetteer ids
    # of the settlements near the front that bear the name its text wrote: where another outlet may have placed the
    # same change (``merge._displaced``); () for every other event
    namesakes: tuple[int, ...] = ()


DATE_BASIS: dict[str, int] = {"calendar": 0, "weekday": 1, "relative": 2, "page": 3}
"""How firmly a text fixes an event's day, firmest first: a calendar date ("on March 29") does not move with
the page's date, a weekday moves only by whole weeks, a day relative to the page ("yesterday", "overnight")
moves with it, and the page's own date only bounds the event. Across outlets the firmer one wins."""


def event_id(event: Event) -> str:
    """Stable id: the same sources give the same id on every rebuild. The place is part of it: one sentence listing
    several places changing hands ("took A and B") gives one event per place, each with its own id."""
    keys = sorted(f"{s.article}:{s.start}:{s.end}" for s in event.sources)
    place = event.place
    where = f"{place.name}:{place.geonameid or ''}:{place.lat}:{place.lon}" if place is not None else ""
    basis = "|".join([event.event_type, event.admin1_code or "", *keys] + ([where] if where else []))
    return "CM-" + hashlib.sha1(basis.encode("utf-8")).hexdigest()[:12]
