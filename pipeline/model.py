"""The contract between the stages: one vocabulary and the types each stage hands on.

::

    text ──► Article ──► [Mention] ──► [Place] ──► [Event] ──► GeoJSON / CSV / images
            text/        geoparse/     geoparse/   events/     output/

Stages pass the typed objects below; dicts exist only at the output edge, and their shape is
described once here (the ``*Properties`` ``TypedDict``\\ s) for every writer and reader.
A place's human-readable ``reason`` is rendered from its structured ``signals`` and never
parsed back: a decision reads ``Place.capital`` or a signal's ``kind``, not a sentence.
"""

from __future__ import annotations

import copyreg
import io
import pickle
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from enum import StrEnum
from typing import Any, TypedDict


class EventType(StrEnum):
    """The three kinds of event, after ACLED's codebook."""

    ANNEXATION_CLAIM = "annexation_claim"  # an oblast a country claims (polygon)
    FRONTLINE_INCIDENT = "frontline_incident"  # a capture, recapture, strike ... at a place
    CASUALTY_REPORT = "casualty_report"  # an incident with killed / injured figures


# the order events are listed and drawn in
EVENT_TYPE_ORDER: tuple[EventType, ...] = tuple(EventType)


class SubEventType(StrEnum):
    """What happened: the frontline sub-types, the claim stages and the unspecified rest."""

    ENCIRCLEMENT = "encirclement"
    RECAPTURE = "recapture"
    WITHDRAWAL = "withdrawal"
    CAPTURE = "capture"
    ADVANCE = "advance"
    MISSILE_STRIKE = "missile_strike"
    DRONE_STRIKE = "drone_strike"
    AIRSTRIKE = "airstrike"
    SHELLING = "shelling"
    ATTACK = "attack"
    EXPLOSION = "explosion"
    BODIES_FOUND = "bodies_found"  # bodies or graves found, the incident itself not reported
    CLAIM = "claim"  # a claim told in passing ("in Russian-annexed Crimea"), no stage of the act told
    REFERENDUM = "referendum"
    ANNEXATION = "annexation"
    RATIFICATION = "ratification"
    UNSPECIFIED = "unspecified"


# sub-types that are a strike of some kind (a strike and its casualty report can be one incident)
STRIKE_SUB_TYPES: frozenset[SubEventType] = frozenset({
    SubEventType.MISSILE_STRIKE, SubEventType.DRONE_STRIKE, SubEventType.AIRSTRIKE, SubEventType.SHELLING,
    SubEventType.ATTACK, SubEventType.EXPLOSION})
# the stages of a claim, in the order they happen
CLAIM_STAGES: tuple[SubEventType, ...] = (SubEventType.CLAIM, SubEventType.REFERENDUM, SubEventType.ANNEXATION,
                                          SubEventType.RATIFICATION)


class FeatureKind(StrEnum):
    """What kind of gazetteer entry a place is."""

    CITY = "city"  # any populated place, village to capital
    LANDMARK = "landmark"
    ADMIN1 = "admin1"  # oblast, state, province
    ADMIN2 = "admin2"  # county, raion
    COUNTRY = "country"
    CONTINENT = "continent"
    WATER = "water"


# kinds that are a point on the ground (an event there is drawn as a dot)
POINT_KINDS: frozenset[str] = frozenset({FeatureKind.CITY, FeatureKind.LANDMARK})


# A frozen dataclass's own ``__init__`` sets each field with ``object.__setattr__``, a generic call that checks
# its arguments and looks the attribute up again (about 1,300 machine instructions a field): the geoparser makes
# tens of thousands of signals and thousands of places per batch of articles. ``Signal`` and ``Place`` keep the
# frozen dataclass (fields, repr, equality, hash, ``replace``) but set their slots through the slots' own
# descriptors (``_slot_setters``), which cost about half as much. Their ``__init__`` takes the dataclass's
# arguments, defaults included.


def _slot_setters(cls: type, names: tuple[str, ...]) -> tuple[Any, ...]:
    """The ``__set__`` of each slot of ``cls`` in ``names`` (bypasses the frozen class's ``__setattr__``)."""
    return tuple(cls.__dict__[name].__set__ for name in names)


@dataclass(frozen=True, slots=True, init=False)
class Signal:
    """One piece of evidence that ranked a place: what it is, its weight, and its rendered words."""

    kind: str  # stable identifier, e.g. "national_capital", "admin1_in_sentence"
    weight: float
    text: str  # for people: how the reason shows it

    def __init__(self, kind: str, weight: float, text: str) -> None:
        _set_kind(self, kind)
        _set_weight(self, weight)
        _set_text(self, text)

    def as_record(self) -> SignalRecord:
        """The output-edge record: ``kind``, ``weight`` (3 decimals), ``text``."""
        weight = self.weight
        rounded = _ROUNDED_WEIGHTS.get(weight) if type(weight) is float and weight else None
        return {"kind": self.kind, "weight": _round_weight(weight) if rounded is None else rounded, "text": self.text}


_set_kind, _set_weight, _set_text = _slot_setters(Signal, ("kind", "weight", "text"))


# ``round(weight, 3)`` of the float weights seen (a few hundred values recur across places; ``round`` on a float
# goes through a decimal conversion and back, many times the cost of a look-up). Zero is never stored: 0.0 and
# -0.0 are one key but are written differently.
_ROUNDED_WEIGHTS: dict[float, float] = {}
_ROUNDED_WEIGHTS_LIMIT = 65_536


def _round_weight(weight: float) -> float:
    rounded = round(weight, 3)
    if type(weight) is float and weight:
        if len(_ROUNDED_WEIGHTS) >= _ROUNDED_WEIGHTS_LIMIT:
            _ROUNDED_WEIGHTS.clear()
        _ROUNDED_WEIGHTS[weight] = rounded
    return rounded


@dataclass(frozen=True, slots=True, init=False)
class Place:
    """A resolved place mention: the span of text and the gazetteer entry it names."""

    start: int
    end: int
    text: str
    name: str
    lat: float
    lon: float
    geonameid: int | None
    feature_kind: str
    admin1_code: str | None
    admin1_name: str | None
    country_code: str | None
    confidence: float
    reason: str  # rendered from ``signals``; never parsed
    capital: bool = False  # a national capital (its name often stands for the government)
    approx_point: bool = False  # the point is an estimate (a settlement placed at its hromada's or raion's centre)
    # "exact" (a gazetteer point), "admin1" (a settlement the gazetteer lacks, at its admin-1 unit's seat),
    # "online" (such a settlement located by the online geocoder inside its unit)
    precision: str = "exact"
    signals: tuple[Signal, ...] = field(default=(), compare=False)

    def __init__(self, start: int, end: int, text: str, name: str, lat: float, lon: float, geonameid: int | None,
                 feature_kind: str, admin1_code: str | None, admin1_name: str | None, country_code: str | None,
                 confidence: float, reason: str, capital: bool = False, approx_point: bool = False,
                 precision: str = "exact", signals: tuple[Signal, ...] = ()) -> None:
        (set_start, set_end, set_text, set_name, set_lat, set_lon, set_geonameid, set_feature_kind, set_admin1_code,
         set_admin1_name, set_country_code, set_confidence, set_reason, set_capital, set_approx_point, set_precision,
         set_signals) = _PLACE_SETTERS
        set_start(self, start)
        set_end(self, end)
        set_text(self, text)
        set_name(self, name)
        set_lat(self, lat)
        set_lon(self, lon)
        set_geonameid(self, geonameid)
        set_feature_kind(self, feature_kind)
        set_admin1_code(self, admin1_code)
        set_admin1_name(self, admin1_name)
        set_country_code(self, country_code)
        set_confidence(self, confidence)
        set_reason(self, reason)
        set_capital(self, capital)
        set_approx_point(self, approx_point)
        set_precision(self, precision)
        set_signals(self, signals)

    def as_properties(self) -> PlaceRecord:
        """The output-edge record (``geoparse`` JSON lines, ``places.geojson`` properties).

        Keys come in ``places.geojson``'s order (``signals`` before ``capital``); writers that
        list columns (CSV, ``conflictmap geoparse``) follow ``PLACE_FIELDS`` instead.
        """
        return place_record(self.start, self.end, self.text, self.name, self.lat, self.lon, self.geonameid,
                            self.feature_kind, self.admin1_code, self.admin1_name, self.country_code, self.confidence,
                            self.reason, self.capital, self.approx_point, self.precision, self.signals)


def place_record(start: int, end: int, text: str, name: str, lat: float, lon: float, geonameid: int | None,
                 feature_kind: str, admin1_code: str | None, admin1_name: str | None, country_code: str | None,
                 confidence: float, reason: str, capital: bool = False, approx_point: bool = False,
                 precision: str = "exact", signals: Iterable[Signal] = ()) -> PlaceRecord:
    """The output-edge record of the place with these fields (``Place``'s, in its order): what ``as_properties``
    gives, for a caller that holds the fields without a ``Place`` (making one costs more than its record)."""
    # (a dict display: about half the cost of ``dict(zip(_RECORD_ORDER, ...))``, which makes a pair per key)
    return {"start": start, "end": end, "text": text, "name": name, "lat": lat, "lon": lon, "geonameid": geonameid,
            "feature_kind": feature_kind, "admin1_code": admin1_code, "admin1_name": admin1_name,
            "country_code": country_code, "confidence": confidence, "reason": reason, "approx_point": approx_point,
            "precision": precision, "signals": _signal_records(signals), "capital": capital}


def _signal_records(signals: Iterable[Signal]) -> list[SignalRecord]:
    """``[s.as_record() for s in signals]``, in one loop without a method call per signal (a place has a few
    signals, and every place of every article is written)."""
    records = []
    get_rounded = _ROUNDED_WEIGHTS.get
    for s in signals:
        weight = s.weight
        rounded = get_rounded(weight) if type(weight) is float and weight else None
        records.append({"kind": s.kind, "weight": _round_weight(weight) if rounded is None else rounded,
                        "text": s.text})
    return records


_PLACE_SETTERS = _slot_setters(Place, tuple(f.name for f in fields(Place)))


def _positional(cls: type) -> tuple[str, ...] | None:
    """The field names of a dataclass its ``__init__`` takes in order, all of them, and nothing else runs on
    (no ``__post_init__``); None when it is not so."""
    found = fields(cls)
    if hasattr(cls, "__post_init__") or not all(f.init and not f.kw_only for f in found):
        return None
    return tuple(f.name for f in found)


# Frozen slotted dataclasses unpickle field by field through the generic ``__setstate__`` (about a third of
# the time an article's events take to unpickle); pickled as their class called with their fields, they are
# rebuilt by their ``__init__``. For pickles read back by the same code: the events a worker sends, the merged
# events the build's fold keeps in its heap.
_FAST_PICKLE = copyreg.dispatch_table.copy()
for _cls in (Place, Signal):
    if (_names := _positional(_cls)) is not None:
        _FAST_PICKLE[_cls] = lambda obj, _names=_names: (type(obj), tuple(getattr(obj, n) for n in _names))


def fast_dumps(obj: object) -> bytes:
    """``obj`` pickled with its places and signals as their class called with their fields (``pickle.loads``
    reads it back, faster than the generic pickle of a slotted dataclass)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _FAST_PICKLE
    pickler.dump(obj)
    return buffer.getvalue()


class SignalRecord(TypedDict):
    """A ``Signal`` at the output edge."""

    kind: str
    weight: float
    text: str


class PlaceRecord(TypedDict):
    """A place as written by ``conflictmap geoparse`` and in ``places.geojson`` (with ``article``)."""

    start: int
    end: int
    text: str
    name: str
    lat: float
    lon: float
    geonameid: int | None
    feature_kind: str
    admin1_code: str | None
    admin1_name: str | None
    country_code: str | None
    confidence: float
    reason: str
    approx_point: bool  # the point is an estimate: events there report a coarser ``geo_precision``
    precision: str  # "exact" | "admin1" (a settlement the gazetteer lacks, at its unit's seat) | "online" | "town" | "admin2" (a rural district, at its seat)
    capital: bool
    signals: list[SignalRecord]


PLACE_FIELDS: tuple[str, ...] = tuple(PlaceRecord.__annotations__)
# the key order of ``Place.as_properties`` (the one ``places.geojson`` has always been written in)
_RECORD_ORDER: tuple[str, ...] = (*(f for f in PLACE_FIELDS if f not in ("signals", "capital")), "signals", "capital")


class PlaceProperties(PlaceRecord):
    """``places.geojson`` feature properties: one mention in one article."""

    article: str


class SourceRecord(TypedDict):
    """A sentence of an article that supports an event."""

    article: str
    quote: str
    start: int
    end: int
    report: str  # the independent report: the syndication group of the article, else the article


class CasualtyClaimRecord(TypedDict):
    """One stated casualty figure of an event, with who said it (``role``: total, observation,
    individual, increment, subcount, zero; only a total is a toll)."""

    kind: str  # "killed" or "injured"
    value: int
    text: str
    claimant: str | None
    role: str
    approximate: bool
    article: str
    start: int
    end: int


class ClaimStageRecord(TypedDict):
    """One stage of an annexation claim and its date."""

    stage: str  # claim (told in passing), referendum, annexation, ratification
    date: str | None


class SourceTollRecord(TypedDict):
    """One article's own toll for an incident (the merged event's toll follows the cross-outlet rule)."""

    article: str
    published: str | None  # the article's date
    killed: int | None
    injured: int | None


class EventProperties(TypedDict):
    """``events.geojson`` feature properties."""

    id: str
    event_type: str  # an EventType value
    sub_event_type: str  # a SubEventType value
    date: str | None  # ISO date, or None when undated
    date_precision: int | None  # ACLED time precision (1 day, 2 week, 3 month)
    place_name: str | None
    admin1_code: str | None
    admin1_name: str | None
    country_code: str | None
    geo_precision: int  # ACLED geo precision (1 place, 2 near/district, 3 region)
    killed: int | None
    injured: int | None
    casualty_text: str | None
    claimed_by: str | None
    claim_status: str | None
    sources: list[SourceRecord]
    n_sources: int  # independent reports: syndicated copies of one story count once
    confidence: float
    n_articles: int  # articles among the sources, reprints included
    reprints: int  # copies of a report already counted (n_articles - n_sources)
    actor: str | None  # who acted (frontline, casualty): "Russia", "Ukraine" or "unknown"
    casualty_claims: list[CasualtyClaimRecord]  # every stated figure, with its claimant
    claim_stages: list[ClaimStageRecord]  # annexation claims: each stage with its date
    source_tolls: list[SourceTollRecord]  # casualty reports: each article's own toll, one entry per article


class OblastProperties(TypedDict):
    """``oblasts.geojson`` feature properties: counts per admin-1 unit."""

    admin1_code: str
    admin1_name: str
    country_code: str
    mentions: int
    incidents: int
    casualty_reports: int
    killed: int
    injured: int
    claimed: bool


class EventCsvRow(TypedDict):
    """``events.csv`` columns, in order (ACLED-like names); each cell is written as text, empty for None."""

    event_id: str
    event_date: str | None
    time_precision: int | None
    event_type: str  # an EventType value
    sub_event_type: str  # a SubEventType value
    country: str | None
    admin1_code: str | None
    admin1: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int
    fatalities: int | None
    injured: int | None
    casualty_text: str | None
    claimed_by: str | None
    claim_status: str | None
    n_sources: int  # independent reports (syndicated copies count once)
    reprints: int  # further copies of those reports ("reprinted by N sites")
    confidence: float
    source: str  # the cited articles, "; "-separated
    notes: str  # the first supporting quote
    actor: str | None  # who acted (frontline incidents): "russia", "ukraine" or "unknown"
    casualty_claims: str  # every stated figure: "killed 25 (total; claimant) [article]", " | "-separated
    claim_stages: str  # annexation claims: "stage date", "; "-separated
    sources: str  # every supporting sentence: "article:start-end", " | "-separated
    source_tolls: str  # each article's own toll: "a.txt 2024-04-17: killed 4, injured 20", " | "-separated


EVENT_CSV_COLUMNS: tuple[str, ...] = tuple(EventCsvRow.__annotations__)


class Feature(TypedDict):
    """A GeoJSON feature of any layer."""

    type: str
    geometry: dict[str, Any] | None
    properties: dict[str, Any]
