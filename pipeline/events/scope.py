"""The war's theatre: which events the map keeps by where they happened.

The map is of one war. An event located in a country of its theatre (``settings.war_theatre``,
ISO 3166-1 alpha-2 codes checked against pycountry) is kept as extracted. An event located
elsewhere is kept only when it is tied to this war: its own sentences name a state party of the
war (a Russian drone's debris in a Romanian village, a missile in Poland that Kyiv says was
Ukrainian: ``triggers.parties_named``) and the article names both parties, i.e. it is news of this
war (a party acting in another war, "the Russian-backed offensive" in Syria, is not). An airstrike
in another country's war is dropped. Every drop is a structured fact (:class:`Dropped`), recorded
while a :func:`collect_dropped` block is open, so a caller can show what was left off the map and why.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from functools import lru_cache

import pycountry

from pipeline.collector import Collector
from pipeline import settings
from pipeline.errors import InputError
from pipeline.events.records import Event
from pipeline.events.triggers import PARTIES, parties_named


class DropCause(enum.Enum):
    """Why an extracted event is not mapped."""

    OUTSIDE_THEATRE = "outside the war's theatre, and its sentences name no party of the war"
    OTHER_WAR = "outside the war's theatre, in an article that does not name both parties of the war"


@dataclass(frozen=True)
class Dropped:
    """An event the events layer extracted and left off the map, with the cause."""

    event: Event
    cause: DropCause
    theatre: tuple[str, ...]  # the theatre it was judged against

    def message(self) -> str:
        """One line for people."""
        e = self.event
        where = e.place.name if e.place is not None else "no place"
        return f"{e.event_type} at {where} ({e.country_code or 'no country'}) dropped: {self.cause.value}"


_DROPPED: Collector[Dropped] = Collector("dropped_events")


def collect_dropped():
    """Record every event dropped inside the block (in this context) in the yielded list."""
    return _DROPPED.collecting()


@lru_cache(maxsize=8)
def theatre_codes(codes: tuple[str, ...]) -> frozenset[str]:
    """The theatre's country codes, each checked against pycountry (an unknown code is an ``InputError``)."""
    out = set()
    for code in codes:
        country = pycountry.countries.get(alpha_2=str(code).upper())
        if country is None:
            msg = f"war_theatre: {code!r} is not an ISO 3166-1 alpha-2 country code (expected e.g. 'UA')"
            raise InputError(msg)
        out.add(country.alpha_2)
    return frozenset(out)


def in_scope(events: list[Event], text: str, *, theatre: tuple[str, ...] | None = None) -> list[Event]:
    """The events of the article ``text`` the map keeps (module docstring); the others are recorded as
    :class:`Dropped`. ``theatre`` defaults to ``settings.war_theatre``; None there keeps every event."""
    codes = settings.war_theatre if theatre is None else theatre
    if codes is None or not events:
        return events
    inside = theatre_codes(tuple(codes))
    article_parties: set[str] | None = None  # read only when an event lies outside the theatre
    kept = []
    for event in events:
        if event.country_code in inside:
            kept.append(event)
            continue
        cause = None
        if not parties_named(" ".join(s.quote for s in event.sources)):
            cause = DropCause.OUTSIDE_THEATRE
        else:
            if article_parties is None:
                article_parties = parties_named(text)
            if len(article_parties) < len(PARTIES):
                cause = DropCause.OTHER_WAR
        if cause is None:
            kept.append(event)
            continue
        _DROPPED.record(Dropped(event, cause, tuple(sorted(inside))))
    return kept
