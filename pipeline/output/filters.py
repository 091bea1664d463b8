"""The one event filter, used by ``conflictmap export``, ``conflictmap snapshot`` and the dashboard.

Everything here is pure: features are the plain GeoJSON dicts of ``events.geojson``
and ``places.geojson`` (properties: :class:`pipeline.model.EventProperties`,
:class:`pipeline.model.PlaceProperties`). An empty tuple in a filter means "no restriction".

Undated events
--------------
A date range is a statement about dates: an event without a date cannot be placed inside
or outside it. So the range never decides about undated events; ``include_undated`` does,
and it defaults to True everywhere (the dashboard's "Show undated events" box, export's and
snapshot's ``--undated/--no-undated``). Silently dropping an event an analyst has not seen is
worse than showing one that is visibly marked undated (an empty ``event_date`` in the CSV,
"undated" in popups, "(N undated)" in the counter and the image's subtitle). Claims follow
the same rule as every other event: a dated claim is shown when its date is in the range.

Query parameters (each repeatable where it holds several values)::

    from=2022-09-01  to=2022-10-05  type=frontline_incident  sub=shelling
    oblast=UA-63  article=000_x.txt  minconf=0.5  undated=0
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from pipeline.errors import InputError
from pipeline.model import EVENT_TYPE_ORDER

Feature = dict[str, Any]

EVENT_TYPES: tuple[str, ...] = tuple(EVENT_TYPE_ORDER)
_ADMIN1_CODE = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")

_PARAM_FROM = "from"
_PARAM_TO = "to"
_PARAM_TYPE = "type"
_PARAM_SUB = "sub"
_PARAM_OBLAST = "oblast"
_PARAM_ARTICLE = "article"
_PARAM_MINCONF = "minconf"
_PARAM_UNDATED = "undated"
QUERY_KEYS: tuple[str, ...] = (
    _PARAM_FROM,
    _PARAM_TO,
    _PARAM_TYPE,
    _PARAM_SUB,
    _PARAM_OBLAST,
    _PARAM_ARTICLE,
    _PARAM_MINCONF,
    _PARAM_UNDATED,
)


@dataclass(frozen=True)
class EventFilters:
    """What the analyst asked to see.

    Attributes
    ----------
    date_from, date_to
        Inclusive date range of dated events; None leaves that end open.
    event_types, sub_types, admin1_codes, articles
        Allowed values; empty means all.
    min_confidence
        Events below this confidence are hidden.
    include_undated
        Whether events without a date are shown (see the module docstring).
    """

    date_from: dt.date | None = None
    date_to: dt.date | None = None
    event_types: tuple[str, ...] = field(default=())
    sub_types: tuple[str, ...] = field(default=())
    admin1_codes: tuple[str, ...] = field(default=())
    articles: tuple[str, ...] = field(default=())
    min_confidence: float = 0.0
    include_undated: bool = True

    def with_changes(self, **changes: Any) -> EventFilters:
        """Return a copy with some fields changed."""
        return replace(self, **changes)

    @property
    def has_dates(self) -> bool:
        """Whether a date bound is set."""
        return self.date_from is not None or self.date_to is not None

    def matches(self, feature: Feature) -> bool:
        """Tell whether one event feature passes the filters."""
        props = feature.get("properties") or {}
        if self.event_types and props.get("event_type") not in self.event_types:
            return False
        if self.sub_types and props.get("sub_event_type") not in self.sub_types:
            return False
        if self.admin1_codes and props.get("admin1_code") not in self.admin1_codes:
            return False
        if float(props.get("confidence") or 0.0) < self.min_confidence:
            return False
        if self.articles and not _event_articles(props) & set(self.articles):
            return False
        day = _parse_date(props.get("date"))
        if day is None:
            return self.include_undated
        if self.date_from is not None and day < self.date_from:
            return False
        return not (self.date_to is not None and day > self.date_to)

    def matches_place(self, feature: Feature) -> bool:
        """Tell whether one place mention passes the filters that apply to it (article, oblast)."""
        props = feature.get("properties") or {}
        if self.articles and props.get("article") not in self.articles:
            return False
        return not (self.admin1_codes and props.get("admin1_code") not in self.admin1_codes)


def make_filters(
    *,
    types: Iterable[str] | None = None,
    date_from: str | dt.date | None = None,
    date_to: str | dt.date | None = None,
    admin1: Iterable[str] | None = None,
    include_undated: bool = True,
    known_admin1: Collection[str] | None = None,
) -> EventFilters:
    """Check user-given filter values and return them as :class:`EventFilters`.

    Parameters
    ----------
    types
        Event types; None means all, an empty list is an error.
    date_from, date_to
        ``YYYY-MM-DD`` strings or dates; None leaves that end open.
    admin1
        ISO 3166-2 codes, any case (``ua-14`` is ``UA-14``).
    include_undated
        Whether undated events pass.
    known_admin1
        The admin-1 codes that exist; when given, other codes are refused.

    Raises
    ------
    InputError
        On the first bad value, with one line naming it and what was expected.
    """
    chosen = tuple(dict.fromkeys(str(t).strip() for t in types)) if types is not None else ()
    for event_type in chosen:
        if event_type not in EVENT_TYPES:
            msg = f"unknown event type {event_type!r}: expected one of {', '.join(EVENT_TYPES)}"
            raise InputError(msg)
    if types is not None and not chosen:
        msg = f"no event type chosen: expected one or more of {', '.join(EVENT_TYPES)}"
        raise InputError(msg)
    start = parse_date(date_from, name="from")
    end = parse_date(date_to, name="to")
    if start and end and start > end:
        msg = f"invalid date range: from {start.isoformat()} is after to {end.isoformat()}"
        raise InputError(msg)
    codes = tuple(dict.fromkeys(str(code).strip().upper() for code in (admin1 or ())))
    for code in codes:
        if not _ADMIN1_CODE.match(code):
            msg = f"invalid admin1 code {code!r}: expected an ISO 3166-2 code such as UA-14"
            raise InputError(msg)
        if known_admin1 is not None and code not in known_admin1:
            msg = f"unknown admin1 code {code!r}: not an admin-1 unit in the bundled boundaries"
            raise InputError(msg)
    all_types = set(chosen) == set(EVENT_TYPES)
    return EventFilters(date_from=start, date_to=end, event_types=() if all_types else chosen,
                        admin1_codes=codes, include_undated=bool(include_undated))


def parse_date(value: str | dt.date | None, *, name: str) -> dt.date | None:
    """Parse a ``YYYY-MM-DD`` date (or pass a ``date`` through); ``name`` labels errors."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        msg = f"invalid {name} date {value!r}: expected YYYY-MM-DD"
        raise InputError(msg) from None


def _parse_date(value: object) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def event_date(feature: Feature) -> dt.date | None:
    """Return the date of an event feature, or None when undated or unreadable."""
    return _parse_date(feature.get("properties", {}).get("date"))


def _event_articles(properties: Mapping[str, Any]) -> set[str]:
    return {s.get("article") for s in properties.get("sources") or () if s.get("article")}


def event_matches(feature: Feature, filters: EventFilters) -> bool:
    """Tell whether one event feature passes the filters (``filters.matches(feature)``)."""
    return filters.matches(feature)


def filter_events(features: Iterable[Feature], filters: EventFilters) -> list[Feature]:
    """Return the event features that pass the filters, in their original order."""
    return [f for f in features if filters.matches(f)]


def filter_places(features: Iterable[Feature], filters: EventFilters) -> list[Feature]:
    """Return the place mentions in the chosen articles and oblasts.

    Place mentions have no date or type, so only the article and oblast filters
    apply to them.
    """
    return [f for f in features if filters.matches_place(f)]


def date_bounds(features: Iterable[Feature]) -> tuple[dt.date, dt.date] | None:
    """Return the first and last date of the dated events, or None if none is dated."""
    days = [d for d in (event_date(f) for f in features) if d is not None]
    if not days:
        return None
    return min(days), max(days)


def counter_text(shown: Sequence[Feature], total: int) -> str:
    """Return "Showing X of Y events, DATE–DATE" for the shown events.

    Parameters
    ----------
    shown
        The events that passed the filters.
    total
        How many events there are before filtering.
    """
    noun = "event" if total == 1 else "events"
    text = f"Showing {len(shown)} of {total} {noun}"
    bounds = date_bounds(shown)
    undated = sum(1 for f in shown if event_date(f) is None)
    if bounds is not None:
        first, last = bounds
        span = first.isoformat() if first == last else f"{first.isoformat()}–{last.isoformat()}"
        text += f", {span}"
    if undated:
        text += f" ({undated} undated)"
    return text


def options(features: Iterable[Feature], key: str) -> list[str]:
    """Return the sorted distinct non-empty values of one event property."""
    return sorted({str(v) for f in features if (v := f.get("properties", {}).get(key))})


def article_options(features: Iterable[Feature]) -> list[str]:
    """Return the sorted article names cited by the events."""
    names: set[str] = set()
    for feature in features:
        names |= _event_articles(feature.get("properties", {}))
    return sorted(names)


def to_query_params(filters: EventFilters) -> dict[str, str | list[str]]:
    """Serialise filters as query parameters; defaults are left out.

    Returns
    -------
    dict
        Key -> value, or list of values for repeatable keys.
    """
    params: dict[str, str | list[str]] = {}
    if filters.date_from is not None:
        params[_PARAM_FROM] = filters.date_from.isoformat()
    if filters.date_to is not None:
        params[_PARAM_TO] = filters.date_to.isoformat()
    for key, values in (
        (_PARAM_TYPE, filters.event_types),
        (_PARAM_SUB, filters.sub_types),
        (_PARAM_OBLAST, filters.admin1_codes),
        (_PARAM_ARTICLE, filters.articles),
    ):
        if values:
            params[key] = list(values)
    if filters.min_confidence > 0:
        params[_PARAM_MINCONF] = f"{filters.min_confidence:g}"
    if not filters.include_undated:
        params[_PARAM_UNDATED] = "0"
    return params


def _as_list(value: str | Sequence[str] | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    return [v for v in value if v]


def _first(value: str | Sequence[str] | None) -> str | None:
    values = _as_list(value)
    return values[-1] if values else None


def from_query_params(params: Mapping[str, str | Sequence[str]]) -> EventFilters:
    """Read filters back from query parameters, ignoring values that do not parse.

    Parameters
    ----------
    params
        Key -> value or list of values (as ``st.query_params.get_all`` gives).
    """
    try:
        min_confidence = float(_first(params.get(_PARAM_MINCONF)) or 0.0)
    except ValueError:
        min_confidence = 0.0
    min_confidence = min(max(min_confidence, 0.0), 1.0)
    undated = (_first(params.get(_PARAM_UNDATED)) or "1").lower()
    return EventFilters(
        date_from=_parse_date(_first(params.get(_PARAM_FROM))),
        date_to=_parse_date(_first(params.get(_PARAM_TO))),
        event_types=tuple(_as_list(params.get(_PARAM_TYPE))),
        sub_types=tuple(_as_list(params.get(_PARAM_SUB))),
        admin1_codes=tuple(_as_list(params.get(_PARAM_OBLAST))),
        articles=tuple(_as_list(params.get(_PARAM_ARTICLE))),
        min_confidence=min_confidence,
        include_undated=undated not in {"0", "false", "no", "off"},
    )


def events_per_day(features: Iterable[Feature]) -> list[tuple[dt.date, str, int]]:
    """Count dated events per day and type, sorted by day then type."""
    counts: dict[tuple[dt.date, str], int] = {}
    for feature in features:
        day = event_date(feature)
        if day is None:
            continue
        key = (day, str(feature.get("properties", {}).get("event_type")))
        counts[key] = counts.get(key, 0) + 1
    return [(day, kind, n) for (day, kind), n in sorted(counts.items())]


def casualties_per_oblast(features: Iterable[Feature]) -> list[tuple[str, int, int]]:
    """Sum killed and injured per oblast name, largest total first."""
    sums: dict[str, list[int]] = {}
    for feature in features:
        props = feature.get("properties", {})
        killed, injured = props.get("killed") or 0, props.get("injured") or 0
        if not killed and not injured:
            continue
        name = props.get("admin1_name") or props.get("admin1_code") or "unknown"
        pair = sums.setdefault(str(name), [0, 0])
        pair[0] += int(killed)
        pair[1] += int(injured)
    rows = [(name, k, i) for name, (k, i) in sums.items()]
    return sorted(rows, key=lambda r: (-(r[1] + r[2]), r[0]))
