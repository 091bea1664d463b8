"""Columnar events and server-side aggregation, so the map stays interactive at 100,000 events.

The page holds events as GeoJSON dicts; looping over them in Python on every filter change
costs seconds at 100,000. :func:`event_frame` turns them, once per data, into pandas columns;
:func:`event_mask` and :func:`place_mask` then apply :class:`~pipeline.output.filters.EventFilters`
vectorised (the same rules as ``EventFilters.matches``, checked by the tests), and
:func:`grid_cells` counts the shown points per grid cell, so a map of many events sends a few
hundred cell markers to the browser instead of every point.

Settings
--------
POINT_LIMIT
    Most point markers one map layer draws one by one. Above it the layer shows grid cells
    with counts (narrow the filters to see single events). ``CONFLICTMAP_MAP_POINT_LIMIT``
    in the environment overrides it (see :func:`point_limit`).
CELL_DEGREES
    Edge of a grid cell in degrees of latitude and longitude.
TOP_PER_CELL
    How many sub-types (or place names) a cell's popup lists with their counts.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from pipeline.errors import InputError
from pipeline.model import EventType
from pipeline.output.filters import EventFilters, Feature, event_date
from pipeline.output.filters import _event_articles  # the articles an event cites, as the filter reads them

POINT_LIMIT = 2_000  # above this many points a layer is drawn as grid cells (a browser draws ~2,500 icon markers in ~5 s)
POINT_LIMIT_ENV = "CONFLICTMAP_MAP_POINT_LIMIT"
CELL_DEGREES = 1.0  # ~110 km north-south: ~60 cells cover Ukraine, each marker readable at zoom 6
TOP_PER_CELL = 3  # sub-types (or place names) listed in a cell's popup
_POINT_TYPES = (EventType.FRONTLINE_INCIDENT.value, EventType.CASUALTY_REPORT.value)  # drawn as points
_NO_DAY = np.iinfo(np.int64).min  # undated (or unreadable date) in the ``day`` column


def point_limit() -> int:
    """Return the point limit: ``CONFLICTMAP_MAP_POINT_LIMIT`` if set, else :data:`POINT_LIMIT`.

    Raises
    ------
    InputError
        If the variable is set but is not a whole number >= 0.
    """
    value = os.environ.get(POINT_LIMIT_ENV, "").strip()
    if not value:
        return POINT_LIMIT
    try:
        limit = int(value)
    except ValueError:
        limit = -1
    if limit < 0:
        msg = f"{POINT_LIMIT_ENV}={value!r} is not a whole number >= 0"
        raise InputError(msg)
    return limit


@dataclass(frozen=True)
class EventFrame:
    """Events and place mentions as columns, row ``i`` being feature ``i`` of its collection.

    Attributes
    ----------
    events
        ``lon``, ``lat`` (NaN unless a Point), ``event_type``, ``sub_event_type``,
        ``admin1_code``, ``admin1_name`` (categoricals; a value that is not a string is missing),
        ``confidence``, ``day`` (days since 1970-01-01, or a sentinel when
        undated), ``killed``, ``injured`` (0 when unknown), ``approx`` (located only to a
        district or region: ``geo_precision`` > 1).
    sources
        ``event`` (row of ``events``) and ``article``: one row per article an event cites.
    places
        ``lon``, ``lat`` (NaN unless a Point), ``name``, ``admin1_code``, ``article``.
    """

    events: pd.DataFrame
    sources: pd.DataFrame
    places: pd.DataFrame

    @property
    def dated(self) -> np.ndarray:
        """Boolean mask of the events that have a readable date."""
        return self.events["day"].to_numpy() != _NO_DAY


def _lon_lat(feature: Feature) -> tuple[float, float]:
    geometry = feature.get("geometry") or {}
    if geometry.get("type") != "Point":
        return (np.nan, np.nan)
    lon, lat = geometry["coordinates"][:2]
    return (float(lon), float(lat))


def _day(feature: Feature) -> int:
    day = event_date(feature)
    return _NO_DAY if day is None else (day - dt.date(1970, 1, 1)).days


def event_frame(events: Sequence[Feature], places: Sequence[Feature]) -> EventFrame:
    """Build the columns of the events and place mentions (once per data: it loops in Python).

    Parameters
    ----------
    events, places
        The features of ``events.geojson`` and ``places.geojson``.
    """
    props = [f.get("properties") or {} for f in events]
    coords = np.array([_lon_lat(f) for f in events], dtype=float).reshape(-1, 2)
    frame = pd.DataFrame({
        "lon": coords[:, 0],
        "lat": coords[:, 1],
        "event_type": _category([p.get("event_type") for p in props]),
        "sub_event_type": _category([p.get("sub_event_type") for p in props]),
        "admin1_code": _category([p.get("admin1_code") for p in props]),
        "admin1_name": _category([p.get("admin1_name") for p in props]),
        "confidence": np.array([float(p.get("confidence") or 0.0) for p in props], dtype=float),
        "day": np.array([_day(f) for f in events], dtype=np.int64),
        "killed": np.array([int(p.get("killed") or 0) for p in props], dtype=np.int64),
        "injured": np.array([int(p.get("injured") or 0) for p in props], dtype=np.int64),
        "approx": np.array([int(p.get("geo_precision") or 1) > 1 for p in props], dtype=bool),
    })
    pairs = [(i, name) for i, p in enumerate(props) for name in sorted(_event_articles(p))]
    sources = pd.DataFrame({"event": np.array([i for i, _ in pairs], dtype=np.int64),
                            "article": _category([a for _, a in pairs])})
    place_props = [f.get("properties") or {} for f in places]
    place_coords = np.array([_lon_lat(f) for f in places], dtype=float).reshape(-1, 2)
    place_frame = pd.DataFrame({
        "lon": place_coords[:, 0],
        "lat": place_coords[:, 1],
        "name": _category([p.get("name") for p in place_props]),
        "admin1_code": _category([p.get("admin1_code") for p in place_props]),
        "article": _category([p.get("article") for p in place_props]),
    })
    return EventFrame(events=frame, sources=sources, places=place_frame)


def _category(values: list[Any]) -> pd.Categorical:
    """A string column as a pandas categorical (fast to compare); values that are not strings are missing."""
    return pd.Categorical([v if isinstance(v, str) else None for v in values])


def _isin(column: pd.Series, allowed: Sequence[str]) -> np.ndarray:
    return column.isin(list(allowed)).to_numpy()


def event_mask(frame: EventFrame, filters: EventFilters) -> np.ndarray:
    """Boolean mask of the events that pass ``filters`` (the rules of ``EventFilters.matches``)."""
    events = frame.events
    mask = np.ones(len(events), dtype=bool)
    if filters.event_types:
        mask &= _isin(events["event_type"], filters.event_types)
    if filters.sub_types:
        mask &= _isin(events["sub_event_type"], filters.sub_types)
    if filters.admin1_codes:
        mask &= _isin(events["admin1_code"], filters.admin1_codes)
    mask &= events["confidence"].to_numpy() >= filters.min_confidence
    if filters.articles:
        cited = np.zeros(len(events), dtype=bool)
        cited[frame.sources["event"].to_numpy()[_isin(frame.sources["article"], filters.articles)]] = True
        mask &= cited
    day = events["day"].to_numpy()
    dated = day != _NO_DAY
    in_range = dated.copy()
    if filters.date_from is not None:
        in_range &= day >= (filters.date_from - dt.date(1970, 1, 1)).days
    if filters.date_to is not None:
        in_range &= day <= (filters.date_to - dt.date(1970, 1, 1)).days
    return mask & np.where(dated, in_range, filters.include_undated)


def place_mask(frame: EventFrame, filters: EventFilters) -> np.ndarray:
    """Boolean mask of the place mentions that pass ``filters`` (article and oblast only)."""
    places = frame.places
    mask = np.ones(len(places), dtype=bool)
    if filters.articles:
        mask &= _isin(places["article"], filters.articles)
    if filters.admin1_codes:
        mask &= _isin(places["admin1_code"], filters.admin1_codes)
    return mask


@dataclass(frozen=True)
class ViewSummary:
    """What the page says about the shown events, computed from the columns."""

    shown: int
    total: int
    first_day: dt.date | None
    last_day: dt.date | None
    undated: int
    killed: int
    injured: int
    places: int
    most_points: int  # the most points one map layer draws (incidents, casualty reports or places)

    def counter_text(self) -> str:
        """The counter, worded as :func:`pipeline.output.filters.counter_text` words it."""
        noun = "event" if self.total == 1 else "events"
        text = f"Showing {self.shown} of {self.total} {noun}"
        if self.first_day is not None and self.last_day is not None:
            first, last = self.first_day.isoformat(), self.last_day.isoformat()
            text += f", {first if first == last else f'{first}–{last}'}"
        if self.undated:
            text += f" ({self.undated} undated)"
        return text


def _date(day: int) -> dt.date:
    return dt.date(1970, 1, 1) + dt.timedelta(days=int(day))


def view_summary(frame: EventFrame, mask: np.ndarray, places: np.ndarray) -> ViewSummary:
    """Count the shown events, their dates, undated ones, casualties and place mentions."""
    events = frame.events
    days = events["day"].to_numpy()[mask]
    dated = days[days != _NO_DAY]
    return ViewSummary(
        shown=int(mask.sum()), total=len(events),
        first_day=_date(dated.min()) if len(dated) else None,
        last_day=_date(dated.max()) if len(dated) else None,
        undated=int(len(days) - len(dated)),
        killed=int(events["killed"].to_numpy()[mask].sum()),
        injured=int(events["injured"].to_numpy()[mask].sum()),
        places=int(places.sum()),
        most_points=max([int(places.sum())] + [
            int((mask & (events["event_type"] == kind).to_numpy() & ~np.isnan(events["lon"].to_numpy())).sum())
            for kind in _POINT_TYPES]),
    )


def oblast_stats(frame: EventFrame, mask: np.ndarray, places: np.ndarray) -> pd.DataFrame:
    """Per admin-1 code: ``mentions``, ``incidents``, ``reports``, ``killed``, ``injured``.

    The same sums as :func:`dashboard.map.oblast_values` over the shown events and places: one row per code
    that a shown event or place has (a missing or empty code is left out), sorted by code. Summed per
    category code of the columns (no string per row).
    """
    events = frame.events
    codes = _codes(events["admin1_code"])
    kinds = events["event_type"]
    sums = {
        "incidents": _per_code(codes, mask, (kinds == EventType.FRONTLINE_INCIDENT.value).to_numpy()),
        "reports": _per_code(codes, mask, (kinds == EventType.CASUALTY_REPORT.value).to_numpy()),
        "killed": _per_code(codes, mask, events["killed"].to_numpy()),
        "injured": _per_code(codes, mask, events["injured"].to_numpy()),
    }
    shown = _per_code(codes, mask, None)
    place_codes = _codes(frame.places["admin1_code"])
    mentions = _per_code(place_codes, places, None)
    index = sorted({name for name, n in shown.items() if n} | {name for name, n in mentions.items() if n})
    columns = {"mentions": [mentions.get(name, 0) for name in index]}
    columns.update((column, [values.get(name, 0) for name in index]) for column, values in sums.items())
    # the index as the pandas join this replaces left it: named "code" unless only place mentions made it
    name = "code" if any(shown.values()) or not any(mentions.values()) else None
    rows = pd.Index(index, dtype=str, name=name) if index else pd.Index([], dtype=object, name=name)
    return pd.DataFrame(columns, index=rows, dtype=np.int64)


def _codes(column: pd.Series) -> tuple[np.ndarray, list[str]]:
    """A categorical column's codes (-1: missing) and its categories as strings."""
    return column.cat.codes.to_numpy(), [str(c) for c in column.cat.categories]


def _per_code(codes: tuple[np.ndarray, list[str]], mask: np.ndarray, values: np.ndarray | None) -> dict[str, int]:
    """Sum of ``values`` (None: count) over the masked rows per category, by its string ("" left out)."""
    code, names = codes
    code = code[mask]
    keep = code >= 0
    weights = None if values is None else values[mask][keep].astype(np.int64)
    if weights is None:
        totals = np.bincount(code[keep], minlength=len(names))
    else:
        totals = np.zeros(len(names), dtype=np.int64)
        np.add.at(totals, code[keep], weights)
    return {name: int(total) for name, total in zip(names, totals, strict=True) if name != ""}


def casualties_per_oblast(frame: EventFrame, mask: np.ndarray) -> list[tuple[str, int, int]]:
    """Killed and injured per oblast name among the shown events, largest total first.

    The rows of :func:`pipeline.output.filters.casualties_per_oblast`, from the columns.
    """
    events = frame.events
    hit = mask & ((events["killed"].to_numpy() > 0) | (events["injured"].to_numpy() > 0))
    picked = events[hit]
    names = picked["admin1_name"].astype(object).where(picked["admin1_name"].notna() & (picked["admin1_name"] != ""))
    codes = picked["admin1_code"].astype(object).where(picked["admin1_code"].notna() & (picked["admin1_code"] != ""))
    label = names.fillna(codes).fillna("unknown").astype(str)
    sums = pd.DataFrame({"name": label.to_numpy(), "killed": picked["killed"].to_numpy(),
                         "injured": picked["injured"].to_numpy()}).groupby("name", sort=True).sum()
    rows = [(str(name), int(k), int(i)) for name, k, i in zip(sums.index, sums["killed"], sums["injured"],
                                                               strict=True)]
    return sorted(rows, key=lambda r: (-(r[1] + r[2]), r[0]))


def _label_codes(labels: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(names, codes): distinct label strings in sorted order (a missing label is ""), and each label's index in
    ``names``. A categorical column is read through its categories (a few hundred strings sorted, not one
    string per point); ``names`` may then hold strings no label has, which changes no label's rank."""
    if isinstance(labels.dtype, pd.CategoricalDtype):
        strings = np.array([*(str(c) for c in labels.cat.categories), ""], dtype=object)
        names, remap = np.unique(strings, return_inverse=True)
        return names, remap.reshape(-1)[labels.cat.codes.to_numpy()]  # code -1 (missing): the last string, ""
    names, codes = np.unique(labels.astype(object).fillna("").astype(str).to_numpy(), return_inverse=True)
    return names, codes.reshape(-1)


def _top_per_cell(cells: np.ndarray, labels: pd.Series, n_cells: int) -> list[list[tuple[Any, int]]]:
    """For each cell, its ``TOP_PER_CELL`` most frequent labels with counts (ties by label)."""
    names, codes = _label_codes(labels)
    pairs, counts = np.unique(cells.astype(np.int64) * len(names) + codes.reshape(-1), return_counts=True)
    cell_of, code_of = pairs // len(names), pairs % len(names)
    order = np.lexsort((code_of, -counts, cell_of))  # by cell, then most frequent, then label
    top: list[list[tuple[Any, int]]] = [[] for _ in range(n_cells)]
    for i in order:
        chosen = top[int(cell_of[i])]
        if len(chosen) < TOP_PER_CELL:
            chosen.append((str(names[code_of[i]]) or None, int(counts[i])))
    return top


@dataclass(frozen=True)
class GridCell:
    """The shown points of one layer inside one grid cell.

    ``lat``/``lon`` is the mean of the points (where the marker goes); ``south``/``west``
    the cell's corner. ``first_day``/``last_day`` are ISO dates (None if all undated).
    """

    lat: float
    lon: float
    south: float
    west: float
    count: int
    killed: int
    injured: int
    approx: int
    undated: int
    first_day: str | None
    last_day: str | None
    top: tuple[tuple[str | None, int], ...]


def grid_cells(
    lon: np.ndarray, lat: np.ndarray, *, labels: pd.Series, killed: np.ndarray | None = None,
    injured: np.ndarray | None = None, approx: np.ndarray | None = None, day: np.ndarray | None = None,
    cell_degrees: float = CELL_DEGREES,
) -> list[GridCell]:
    """Group points into square grid cells and sum what each cell's marker says.

    Parameters
    ----------
    lon, lat
        Coordinates of the points (rows with NaN are left out).
    labels
        What a cell lists its most frequent of (sub-types, place names), one per point.
    killed, injured, approx, day
        Optional per-point values summed (``approx``: counted) or spanned (``day``) per cell.
    cell_degrees
        Edge of a cell in degrees.

    Returns
    -------
    list of GridCell
        Sorted south to north, then west to east; the counts add up to the points with
        coordinates.
    """
    keep = ~(np.isnan(lon) | np.isnan(lat))
    lon, lat = lon[keep], lat[keep]
    if not len(lon):
        return []
    row = np.floor(lat / cell_degrees).astype(np.int64)
    col = np.floor(lon / cell_degrees).astype(np.int64)
    width = int(col.max() - col.min()) + 1
    packed, cell = np.unique((row - row.min()) * width + (col - col.min()), return_inverse=True)
    cell = cell.reshape(-1)  # south to north, then west to east
    keys = np.stack([packed // width + row.min(), packed % width + col.min()], axis=1)
    n_cells = len(keys)
    count = np.bincount(cell, minlength=n_cells)
    mean_lat = np.bincount(cell, weights=lat, minlength=n_cells) / count
    mean_lon = np.bincount(cell, weights=lon, minlength=n_cells) / count

    def _sum(values: np.ndarray | None) -> np.ndarray:
        if values is None:
            return np.zeros(n_cells, dtype=np.int64)
        return np.bincount(cell, weights=values[keep].astype(float), minlength=n_cells).astype(np.int64)

    killed_sum, injured_sum, approx_sum = _sum(killed), _sum(injured), _sum(approx)
    first = np.full(n_cells, _NO_DAY, dtype=np.int64)
    last = np.full(n_cells, _NO_DAY, dtype=np.int64)
    undated = np.zeros(n_cells, dtype=np.int64)
    if day is not None:
        days = day[keep]
        dated = days != _NO_DAY
        undated = np.bincount(cell[~dated], minlength=n_cells)
        big = np.iinfo(np.int64).max
        first = np.full(n_cells, big, dtype=np.int64)
        np.minimum.at(first, cell[dated], days[dated])
        np.maximum.at(last, cell[dated], days[dated])
        first[first == big] = _NO_DAY
    top = _top_per_cell(cell, labels[keep].reset_index(drop=True), n_cells)
    return [
        GridCell(
            lat=round(float(mean_lat[i]), 4), lon=round(float(mean_lon[i]), 4),
            south=float(keys[i, 0] * cell_degrees), west=float(keys[i, 1] * cell_degrees),
            count=int(count[i]), killed=int(killed_sum[i]), injured=int(injured_sum[i]),
            approx=int(approx_sum[i]), undated=int(undated[i]),
            first_day=None if first[i] == _NO_DAY else _date(first[i]).isoformat(),
            last_day=None if last[i] == _NO_DAY else _date(last[i]).isoformat(),
            top=tuple(top[i]),
        )
        for i in range(n_cells)
    ]


def event_cells(frame: EventFrame, mask: np.ndarray, event_type: str, *,
                cell_degrees: float = CELL_DEGREES) -> list[GridCell]:
    """Grid cells of the shown point events of one type (their sub-types listed)."""
    events = frame.events
    chosen = mask & (events["event_type"] == event_type).to_numpy()
    picked = events[chosen]
    return grid_cells(
        picked["lon"].to_numpy(), picked["lat"].to_numpy(), labels=picked["sub_event_type"],
        killed=picked["killed"].to_numpy(), injured=picked["injured"].to_numpy(),
        approx=picked["approx"].to_numpy(), day=picked["day"].to_numpy(), cell_degrees=cell_degrees,
    )


def place_cells(frame: EventFrame, mask: np.ndarray, *, cell_degrees: float = CELL_DEGREES) -> list[GridCell]:
    """Grid cells of the shown place mentions (their most mentioned places listed)."""
    picked = frame.places[mask]
    return grid_cells(picked["lon"].to_numpy(), picked["lat"].to_numpy(), labels=picked["name"],
                      cell_degrees=cell_degrees)


def point_count(frame: EventFrame, mask: np.ndarray, event_type: str) -> int:
    """How many shown events of ``event_type`` are points (what its layer would draw)."""
    events = frame.events
    return int((mask & (events["event_type"] == event_type).to_numpy() & events["lon"].notna().to_numpy()).sum())


def bbox(frame: EventFrame, mask: np.ndarray | None = None) -> tuple[float, float, float, float] | None:
    """(min_lon, min_lat, max_lon, max_lat) of the (masked) point events, or None if none."""
    events = frame.events if mask is None else frame.events[mask]
    lon, lat = events["lon"].to_numpy(), events["lat"].to_numpy()
    keep = ~np.isnan(lon)
    if not keep.any():
        return None
    return float(lon[keep].min()), float(lat[keep].min()), float(lon[keep].max()), float(lat[keep].max())
