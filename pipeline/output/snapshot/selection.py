"""Which events and places a briefing image shows."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import pandas as pd
from shapely.geometry import box, shape
from shapely.geometry.base import BaseGeometry

from pipeline.errors import InputError
from pipeline.model import EventType
from pipeline.output.snapshot.options import SnapshotOptions
from pipeline.output.snapshot.view import _load_admin1

_NON_PLACE_KINDS = {"admin1", "country", "continent", "region"}


@dataclass
class _Selection:
    points: pd.DataFrame  # one row per point event: props + lon, lat
    claims: list[tuple[dict[str, Any], BaseGeometry]]
    admin1_units: list[BaseGeometry]
    n_undated: int
    matched_ids: tuple[str, ...] = ()  # every event the filter (and bbox) let through, drawable or not


def _select_events(events: dict[str, Any], oblasts: dict[str, Any], options: SnapshotOptions) -> _Selection:
    """Apply the event filter (``options.filters``, the one every output uses), then the bbox."""
    rows: list[dict[str, Any]] = []
    claims: list[tuple[dict[str, Any], BaseGeometry]] = []
    matched: list[str] = []
    filters = options.filters
    codes = set(options.admin1)
    bbox_geom = box(*options.bbox) if options.bbox else None
    for feature in events.get("features", []):
        if not filters.matches(feature):
            continue
        props = feature.get("properties") or {}
        geometry = feature.get("geometry")
        if not geometry:
            matched.append(props.get("id"))  # cannot be drawn, but the filter chose it
            continue
        if props.get("event_type") == EventType.ANNEXATION_CLAIM:
            geom = shape(geometry)
            if bbox_geom is not None and not geom.intersects(bbox_geom):
                continue
            claims.append((props, geom))
            matched.append(props.get("id"))
            continue
        if geometry.get("type") != "Point":
            continue
        lon, lat = geometry["coordinates"][:2]
        if bbox_geom is not None and not (options.bbox[0] <= lon <= options.bbox[2]
                                          and options.bbox[1] <= lat <= options.bbox[3]):
            continue
        rows.append({**props, "lon": float(lon), "lat": float(lat)})
        matched.append(props.get("id"))
    points = pd.DataFrame(rows, columns=sorted({"id", "event_type", "sub_event_type", "date", "place_name",
                                                "killed", "injured", "lon", "lat"} | set(rows[0] if rows else ())))
    n_undated = int(points["date"].isna().sum()) if len(points) else 0
    n_undated += sum(1 for props, _ in claims if not props.get("date"))
    units = []
    if codes:
        units = [shape(f["geometry"]) for f in oblasts.get("features", [])
                 if (f.get("properties") or {}).get("admin1_code") in codes and f.get("geometry")]
        if len(units) < len(codes):
            units = _admin1_geometries(codes) or units
    return _Selection(points=points, claims=claims, admin1_units=units, n_undated=n_undated,
                      matched_ids=tuple(matched))


def _admin1_geometries(codes: set[str]) -> list[BaseGeometry]:
    admin1 = _load_admin1()
    known = set(admin1["admin1_code"])
    unknown = sorted(codes - known)
    if unknown:
        msg = f"unknown admin1 code {unknown[0]!r}: not an admin-1 unit in the bundled boundaries"
        raise InputError(msg)
    return list(admin1[admin1["admin1_code"].isin(codes)].geometry)


def _key_places(
    places: dict[str, Any], selection: _Selection, options: SnapshotOptions
) -> list[tuple[str, float, float, int]]:
    """Rank places ``(name, lon, lat, weight)``: events at the place first, then mentions."""
    weight: Counter[str] = Counter()
    position: dict[str, tuple[float, float]] = {}
    if len(selection.points):
        for name, lon, lat in zip(selection.points["place_name"], selection.points["lon"],
                                  selection.points["lat"], strict=True):
            if isinstance(name, str) and name:
                weight[name] += 10
                position.setdefault(name, (lon, lat))
    codes = set(options.admin1)
    for feature in places.get("features", []):
        props = feature.get("properties") or {}
        name = props.get("name")
        if not name or props.get("feature_kind") in _NON_PLACE_KINDS:
            continue
        if codes and props.get("admin1_code") not in codes:
            continue
        lon, lat = props.get("lon"), props.get("lat")
        if lon is None or lat is None:
            lon, lat = (feature.get("geometry") or {}).get("coordinates", (None, None))[:2]
        if lon is None or lat is None:
            continue
        weight[name] += 1
        position.setdefault(name, (float(lon), float(lat)))
    ranked = sorted(weight.items(), key=lambda item: (-item[1], item[0]))
    return [(name, *position[name], count) for name, count in ranked]


def _limit_mention_only(key_places: list[tuple[str, float, float, int]], budget: int) -> list[tuple[str, float, float, int]]:
    """Keep every place with events (weight >= 10) but at most ``budget`` places known only from mentions."""
    with_events = [place for place in key_places if place[3] >= 10]
    mention_only = [place for place in key_places if place[3] < 10][:budget]
    return with_events + mention_only


def _count_articles(events: dict[str, Any], places: dict[str, Any]) -> int:
    names = set()
    for feature in events.get("features", []):
        for source in (feature.get("properties") or {}).get("sources") or []:
            if source.get("article"):
                names.add(source["article"])
    for feature in places.get("features", []):
        article = (feature.get("properties") or {}).get("article")
        if article:
            names.add(article)
    return len(names)
