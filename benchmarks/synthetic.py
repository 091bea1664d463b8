"""Synthetic pipeline outputs for tests and benchmarks.

``synthetic_outputs(n)`` returns the three FeatureCollections the pipeline writes
(``events``, ``places``, ``oblasts``) following the data contracts exactly, with
points drawn inside Ukrainian oblasts from ``geodata.load_admin1()``. The output
depends only on ``n_events`` and ``seed``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import shapely
from shapely.geometry import mapping
from shapely.geometry.base import BaseGeometry

from pipeline.model import EVENT_TYPE_ORDER, EventProperties, EventType, OblastProperties, PlaceProperties
from pipeline.model import SubEventType as Sub

EVENT_TYPES = tuple(t.value for t in EVENT_TYPE_ORDER)
_CLAIM_SUBTYPES = (Sub.REFERENDUM.value, Sub.RATIFICATION.value, Sub.ANNEXATION.value)
_INCIDENT_SUBTYPES = tuple(s.value for s in (Sub.MISSILE_STRIKE, Sub.SHELLING, Sub.ENCIRCLEMENT, Sub.RECAPTURE,
                                             Sub.WITHDRAWAL, Sub.ATTACK))
_CASUALTY_SUBTYPES = (Sub.MISSILE_STRIKE.value, Sub.SHELLING.value, Sub.ATTACK.value)
_NAME_QUALIFIERS = ("", "", "", "Velyka ", "Mala ", "Nova ", "Stara ", "Verkhnia ", "Nyzhnia ")
_NAME_HEADS = ("Novo", "Staro", "Verkhn", "Zal", "Kras", "Bil", "Chorn", "Vyshn", "Sokil", "Lys", "Myr", "Hor")
_NAME_TAILS = ("ivka", "ove", "ske", "opil", "hrad", "yn", "ivsk", "any", "ychi", "ivtsi")
_START_DATE = dt.date(2022, 2, 24)
_UNDATED_SHARE = 0.08
_MAX_CLAIMS = 4


def synthetic_outputs(n_events: int, *, seed: int = 0) -> dict[str, dict[str, Any]]:
    """Build synthetic ``events``, ``places`` and ``oblasts`` FeatureCollections.

    Parameters
    ----------
    n_events
        Number of events, claims included (a few claims when ``n_events >= 3``).
    seed
        Seed of the random generator; the same arguments give the same output.

    Returns
    -------
    dict
        ``{"events": FC, "places": FC, "oblasts": FC}`` as plain JSON-able dicts.
    """
    rng = np.random.default_rng(seed)
    units = _ukraine_units()
    n_claims = min(_MAX_CLAIMS, len(units), n_events // 10 if n_events >= 30 else min(1, n_events // 3))
    claim_units = sorted(rng.choice(len(units), size=n_claims, replace=False).tolist())
    n_points = n_events - n_claims
    pool = _place_pool(units, max(3, min(400, n_points // 4 + 3)), rng)

    events: list[dict[str, Any]] = []
    places: list[dict[str, Any]] = []
    for k, unit_index in enumerate(claim_units):
        code, name, geom = units[unit_index]
        article = f"{k % 50:03d}_synthetic.txt"
        sub_type = _CLAIM_SUBTYPES[k % len(_CLAIM_SUBTYPES)]
        quote = f"Russia claims to have annexed {name}."
        props = _event_props(
            event_id=f"syn-claim-{k:04d}", event_type=EventType.ANNEXATION_CLAIM.value, sub_type=sub_type,
            date=_random_date(rng), place_name=name, code=code, admin1_name=name, geo_precision=3,
            killed=None, injured=None, article=article, quote=quote, rng=rng,
        )
        props.update(claimed_by="RU", claim_status="claimed")
        events.append({"type": "Feature", "geometry": _geojson_geometry(geom), "properties": props})
        lon, lat = _representative_lon_lat(geom)
        places.append(_place_feature(article, quote.index(name), name, lon, lat, "admin1", code, name))

    if n_points:
        types = rng.choice(EVENT_TYPES[1:], size=n_points, p=[0.6, 0.4])
        place_index = rng.integers(0, len(pool), size=n_points)
        for k in range(n_points):
            place_name, lon, lat, code, admin1_name = pool[int(place_index[k])]
            event_type = str(types[k])
            article = f"{k % 50:03d}_synthetic.txt"
            if event_type == EventType.CASUALTY_REPORT:
                sub_type = _CASUALTY_SUBTYPES[int(rng.integers(0, len(_CASUALTY_SUBTYPES)))]
                killed = int(rng.integers(0, 40)) if rng.random() > 0.1 else None
                injured = int(rng.integers(0, 80)) if rng.random() > 0.2 else None
                quote = f"Casualties were reported in {place_name}."
            else:
                sub_type = _INCIDENT_SUBTYPES[int(rng.integers(0, len(_INCIDENT_SUBTYPES)))]
                killed = injured = None
                quote = f"Reports of {sub_type.replace('_', ' ')} near {place_name}."
            props = _event_props(
                event_id=f"syn-event-{k:06d}", event_type=event_type, sub_type=sub_type,
                date=_random_date(rng), place_name=place_name, code=code, admin1_name=admin1_name,
                geo_precision=1, killed=killed, injured=injured, article=article, quote=quote, rng=rng,
            )
            events.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
                           "properties": props})
            places.append(_place_feature(article, quote.index(place_name), place_name, lon, lat, "city",
                                         code, admin1_name))

    events.sort(key=lambda f: f["properties"]["id"])
    places.sort(key=lambda f: (f["properties"]["article"], f["properties"]["start"], f["properties"]["name"]))
    oblasts = _oblast_features(units, events, places, {units[i][0] for i in claim_units})
    return {
        "events": {"type": "FeatureCollection", "features": events},
        "places": {"type": "FeatureCollection", "features": places},
        "oblasts": {"type": "FeatureCollection", "features": oblasts},
    }


def _ukraine_units() -> list[tuple[str, str, BaseGeometry]]:
    """Return ``(admin1_code, admin1_name, geometry)`` for Ukraine's admin-1 units, sorted by code."""
    import geodata

    admin1 = geodata.load_admin1()
    ukraine = admin1[admin1["country_code"] == "UA"].sort_values("admin1_code")
    return [(str(r.admin1_code), str(r.admin1_name), r.geometry) for r in ukraine.itertuples()]


def _place_pool(
    units: list[tuple[str, str, BaseGeometry]], n_places: int, rng: np.random.Generator
) -> list[tuple[str, float, float, str, str]]:
    """Draw named places ``(name, lon, lat, admin1_code, admin1_name)`` inside the units."""
    areas = np.array([geom.area for _, _, geom in units])
    unit_of_place = rng.choice(len(units), size=n_places, p=areas / areas.sum())
    pool: list[tuple[str, float, float, str, str]] = []
    used: set[str] = set()
    for i, unit_index in enumerate(unit_of_place):
        code, admin1_name, geom = units[int(unit_index)]
        lon, lat = _point_inside(geom, rng)
        for _ in range(20):
            name = (_NAME_QUALIFIERS[int(rng.integers(0, len(_NAME_QUALIFIERS)))]
                    + _NAME_HEADS[int(rng.integers(0, len(_NAME_HEADS)))]
                    + _NAME_TAILS[int(rng.integers(0, len(_NAME_TAILS)))])
            if name not in used:
                break
        else:
            name = f"{name} {i}"
        used.add(name)
        pool.append((name, lon, lat, code, admin1_name))
    return pool


def _point_inside(geom: BaseGeometry, rng: np.random.Generator) -> tuple[float, float]:
    """Return a uniformly drawn ``(lon, lat)`` inside ``geom`` (rejection sampling in its bounds)."""
    west, south, east, north = geom.bounds
    for _ in range(200):
        lon = rng.uniform(west, east, size=64)
        lat = rng.uniform(south, north, size=64)
        inside = shapely.contains_xy(geom, lon, lat)  # shapely order: x=lon, y=lat
        if inside.any():
            k = int(np.argmax(inside))
            return round(float(lon[k]), 6), round(float(lat[k]), 6)
    return _representative_lon_lat(geom)


def _representative_lon_lat(geom: BaseGeometry) -> tuple[float, float]:
    point = geom.representative_point()
    return round(point.x, 6), round(point.y, 6)  # shapely x=lon, y=lat


def _random_date(rng: np.random.Generator) -> str | None:
    if rng.random() < _UNDATED_SHARE:
        return None
    return (_START_DATE + dt.timedelta(days=int(rng.integers(0, 365)))).isoformat()


def _event_props(
    *, event_id: str, event_type: str, sub_type: str, date: str | None, place_name: str, code: str,
    admin1_name: str, geo_precision: int, killed: int | None, injured: int | None, article: str,
    quote: str, rng: np.random.Generator,
) -> EventProperties:
    casualty_text = None
    if event_type == EventType.CASUALTY_REPORT:
        parts = [f"{killed} killed" if killed is not None else "", f"{injured} injured" if injured is not None else ""]
        casualty_text = ", ".join(part for part in parts if part) or "casualties reported"
    return {
        "id": event_id,
        "event_type": event_type,
        "sub_event_type": sub_type,
        "date": date,
        "date_precision": None if date is None else 1,
        "place_name": place_name,
        "admin1_code": code,
        "admin1_name": admin1_name,
        "country_code": "UA",
        "geo_precision": geo_precision,
        "killed": killed,
        "injured": injured,
        "casualty_text": casualty_text,
        "claimed_by": None,
        "claim_status": None,
        "sources": [{"article": article, "quote": quote, "start": 0, "end": len(quote), "report": article}],
        "n_sources": 1,
        "confidence": round(float(rng.uniform(0.5, 1.0)), 3),
        "n_articles": 1,
        "reprints": 0,
        "actor": None if event_type == EventType.ANNEXATION_CLAIM else "unknown",
        "casualty_claims": [],
        "claim_stages": [{"stage": sub_type, "date": date}] if event_type == EventType.ANNEXATION_CLAIM else [],
        "source_tolls": [{"article": article, "published": date, "killed": killed, "injured": injured}]
        if event_type == EventType.CASUALTY_REPORT else [],
    }


def _place_feature(
    article: str, start: int, name: str, lon: float, lat: float, kind: str, code: str, admin1_name: str
) -> dict[str, Any]:
    properties: PlaceProperties = {
        "article": article, "start": start, "end": start + len(name), "text": name, "name": name,
        "lat": lat, "lon": lon, "geonameid": None, "feature_kind": kind, "admin1_code": code,
        "admin1_name": admin1_name, "country_code": "UA", "confidence": 0.9, "reason": "synthetic",
        "approx_point": False,
        "precision": "exact", "capital": False, "signals": [],
    }
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": properties}


def _oblast_features(
    units: list[tuple[str, str, BaseGeometry]],
    events: list[dict[str, Any]],
    places: list[dict[str, Any]],
    claimed_codes: set[str],
) -> list[dict[str, Any]]:
    """Aggregate per-oblast counts, keeping only units with a mention or an event."""
    stats: dict[str, dict[str, int]] = {}

    def unit_stats(code: str) -> dict[str, int]:
        return stats.setdefault(code, {"mentions": 0, "incidents": 0, "casualty_reports": 0, "killed": 0, "injured": 0})

    for place in places:
        unit_stats(place["properties"]["admin1_code"])["mentions"] += 1
    for event in events:
        props = event["properties"]
        row = unit_stats(props["admin1_code"])
        if props["event_type"] == EventType.FRONTLINE_INCIDENT:
            row["incidents"] += 1
        elif props["event_type"] == EventType.CASUALTY_REPORT:
            row["casualty_reports"] += 1
            row["killed"] += props["killed"] or 0
            row["injured"] += props["injured"] or 0
    features = []
    for code, name, geom in units:
        if code not in stats:
            continue
        props: OblastProperties = {"admin1_code": code, "admin1_name": name, "country_code": "UA",
                                   **stats[code], "claimed": code in claimed_codes}  # type: ignore[typeddict-item]
        features.append({"type": "Feature", "geometry": _geojson_geometry(geom), "properties": props})
    return features


def _geojson_geometry(geom: BaseGeometry) -> dict[str, Any]:
    """Return the GeoJSON mapping of ``geom`` with coordinates rounded to 6 decimals."""
    return _round_coords(mapping(geom))


def _round_coords(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {k: _round_coords(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], (int, float)):
            return [round(float(c), 6) for c in obj]
        return [_round_coords(v) for v in obj]
    return obj

