"""Turn events, places and oblasts into RFC 7946 GeoJSON and flat CSV; write atomically.

Every CSV text cell goes through :func:`pipeline.output.writer.csv_cell` (no formula injection).

Coordinates are lon, lat (GeoJSON order) rounded to 6 decimals; polygons wind
counter-clockwise (right-hand rule). Output is byte-identical for the same input.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from functools import lru_cache

import shapely
from shapely.geometry import mapping
from shapely.geometry.polygon import orient

import geodata
from pipeline.output.writer import csv_cell
from pipeline.events.extract import Event, event_id
from pipeline.model import (
    EVENT_CSV_COLUMNS,
    EVENT_TYPE_ORDER,
    PLACE_FIELDS,
    EventCsvRow,
    EventProperties,
    CLAIM_STAGES,
    EventType,
    OblastProperties,
    Place,
    PlaceProperties,
)
from pipeline.output.atomic import write_atomic  # noqa: F401  (re-exported for callers)

EVENT_TYPES: tuple[str, ...] = tuple(EVENT_TYPE_ORDER)
CSV_COLUMNS = EVENT_CSV_COLUMNS
PLACE_CSV_COLUMNS: tuple[str, ...] = ("article", *PLACE_FIELDS)
OBLAST_CSV_COLUMNS: tuple[str, ...] = tuple(OblastProperties.__annotations__)
_STAGE_ORDER = tuple(CLAIM_STAGES)


def dumps(collection: dict) -> str:
    """Deterministic JSON text of a FeatureCollection."""
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n"


def _round_coords(coords):
    if isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], (int, float)):
        return [round(float(c), 6) for c in coords]
    return [_round_coords(c) for c in coords]


def geometry_json(geom) -> dict:
    """GeoJSON geometry with right-hand winding and 6-decimal coordinates."""
    if geom.geom_type == "Polygon":
        geom = orient(geom, sign=1.0)
    elif geom.geom_type == "MultiPolygon":
        geom = shapely.MultiPolygon([orient(p, sign=1.0) for p in geom.geoms])
    out = mapping(geom)
    return {"type": out["type"], "coordinates": _round_coords(out["coordinates"])}


def point_json(lat: float, lon: float) -> dict:
    """GeoJSON Point (lon, lat order)."""
    return {"type": "Point", "coordinates": [round(float(lon), 6), round(float(lat), 6)]}


@lru_cache(maxsize=1)
def _admin1_geometries() -> dict:
    layer = geodata.load_admin1()
    return {code: geom for code, geom in zip(layer["admin1_code"], layer.geometry) if isinstance(code, str)}


def event_features(events: list[Event]) -> dict:
    """``events.geojson`` as a dict."""
    polygons = _admin1_geometries()
    features = []
    for e in events:
        props: EventProperties = {
            "id": event_id(e), "event_type": e.event_type, "sub_event_type": e.sub_event_type,
            "date": e.when.date, "date_precision": e.when.precision,
            "place_name": e.admin1_name if e.event_type == EventType.ANNEXATION_CLAIM else
            (e.place.name if e.place is not None else None),
            "admin1_code": e.admin1_code, "admin1_name": e.admin1_name, "country_code": e.country_code,
            "geo_precision": e.geo_precision, "killed": e.killed, "injured": e.injured,
            "casualty_text": " | ".join(e.casualty_text) or None, "claimed_by": e.claimed_by,
            "claim_status": e.claim_status,
            "sources": [{"article": s.article, "quote": s.quote, "start": s.start, "end": s.end, "report": s.report}
                        for s in sorted(e.sources, key=lambda s: (s.article, s.start))],
            # independent reports: syndicated copies of one story count once; "reprints" are the other copies
            "n_sources": len({s.report for s in e.sources}), "confidence": round(e.confidence, 3),
            "n_articles": len({s.article for s in e.sources}),
            "reprints": len({s.article for s in e.sources}) - len({s.report for s in e.sources}),
            "actor": e.actor if e.event_type != "annexation_claim" else None,
            "casualty_claims": [{"kind": c.kind, "value": c.value, "text": c.text, "claimant": c.claimant,
                                 "role": c.role, "approximate": c.approximate, "article": c.article,
                                 "start": c.start, "end": c.end}
                                for c in sorted(e.casualty_claims, key=lambda c: (c.article, c.start, c.kind))],
            "claim_stages": [{"stage": stage, "date": day} for stage, day in
                             sorted(e.claim_stages.items(), key=lambda kv: _STAGE_ORDER.index(kv[0]))],
            "source_tolls": [{"article": r.article, "published": r.published, "killed": r.killed, "injured": r.injured}
                             for r in sorted(e.reports, key=lambda r: (r.article, r.published or ""))],
        }
        if e.event_type == EventType.ANNEXATION_CLAIM and e.admin1_code in polygons:
            geometry = geometry_json(polygons[e.admin1_code])
        elif e.place is not None:
            geometry = point_json(e.place.lat, e.place.lon)
        else:
            geometry = None
        features.append({"type": "Feature", "id": props["id"], "geometry": geometry, "properties": props})
    features.sort(key=lambda f: (EVENT_TYPES.index(f["properties"]["event_type"]), f["properties"]["date"] or "9999",
                                 f["properties"]["admin1_code"] or "", f["id"]))
    return {"type": "FeatureCollection", "features": features}


def place_features(places_by_article: list[tuple[str, list[Place]]]) -> dict:
    """``places.geojson``: one Point per mention."""
    features = []
    for article, places in places_by_article:
        for p in places:
            props: PlaceProperties = {"article": article, **p.as_properties()}  # type: ignore[typeddict-item]
            features.append({"type": "Feature", "geometry": point_json(p.lat, p.lon), "properties": props})
    return {"type": "FeatureCollection", "features": features}


def oblast_features(events: dict, places: dict) -> dict:
    """``oblasts.geojson``: every admin-1 unit with a mention or an event, with counts."""
    mentions = Counter(f["properties"]["admin1_code"] for f in places["features"] if f["properties"]["admin1_code"])
    counts = OblastCounts()
    for f in events["features"]:
        p = f["properties"]
        counts.add(p["event_type"], p["admin1_code"], p["killed"], p["injured"])
    return oblast_layer(mentions, counts)


class OblastCounts:
    """Per admin-1 unit: incidents, casualty reports, killed, injured, claimed (what ``oblasts.geojson`` counts)."""

    def __init__(self) -> None:
        self.incidents: Counter[str] = Counter()
        self.reports: Counter[str] = Counter()
        self.killed: Counter[str] = Counter()
        self.injured: Counter[str] = Counter()
        self.claimed: set[str] = set()

    def add(self, event_type: str, code: str | None, killed: int | None, injured: int | None) -> None:
        """Count one event."""
        if not code:
            return
        if event_type == EventType.ANNEXATION_CLAIM:
            self.claimed.add(code)
        elif event_type == EventType.FRONTLINE_INCIDENT:
            self.incidents[code] += 1
        else:
            self.reports[code] += 1
            self.killed[code] += killed or 0
            self.injured[code] += injured or 0


def oblast_layer(mentions: Counter[str], counts: OblastCounts) -> dict:
    """``oblasts.geojson`` from place mentions per admin-1 code and the events' counts."""
    layer = geodata.load_admin1()
    mentions = Counter({code: n for code, n in mentions.items() if code})
    wanted = set(mentions) | set(counts.incidents) | set(counts.reports) | counts.claimed
    features = []
    for unit in layer.itertuples():
        if unit.admin1_code not in wanted:
            continue
        code = unit.admin1_code
        props: OblastProperties = {
            "admin1_code": code, "admin1_name": unit.admin1_name, "country_code": unit.country_code,
            "mentions": mentions[code], "incidents": counts.incidents[code], "casualty_reports": counts.reports[code],
            "killed": counts.killed[code], "injured": counts.injured[code], "claimed": code in counts.claimed}
        features.append({"type": "Feature", "id": code, "geometry": geometry_json(unit.geometry), "properties": props})
    features.sort(key=lambda f: f["id"])
    return {"type": "FeatureCollection", "features": features}


def _centroid(feature: dict) -> tuple[float | None, float | None]:
    geom = feature.get("geometry")
    if not geom:
        return None, None
    if geom["type"] == "Point":
        lon, lat = geom["coordinates"]
        return lat, lon
    point = shapely.geometry.shape(geom).representative_point()  # x=lon, y=lat
    return round(point.y, 6), round(point.x, 6)


def _safe_row(row: dict) -> dict:
    """A CSV row whose text cells cannot start a spreadsheet formula (numbers untouched)."""
    return {k: csv_cell(v) for k, v in row.items()}


def events_csv(events: dict) -> str:
    """``events.csv``: one flat ACLED-like row per event."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for f in events["features"]:
        p = f["properties"]
        lat, lon = _centroid(f)
        sources = p.get("sources") or []

        def value(key):
            v = p.get(key)
            return "" if v is None else v
        row: EventCsvRow = {
            "event_id": value("id"), "event_date": value("date"), "time_precision": value("date_precision"),
            "event_type": value("event_type"), "sub_event_type": value("sub_event_type"),
            "country": value("country_code"), "admin1_code": value("admin1_code"), "admin1": value("admin1_name"),
            "location": value("place_name"), "latitude": "" if lat is None else lat,
            "longitude": "" if lon is None else lon, "geo_precision": value("geo_precision"),
            "fatalities": value("killed"), "injured": value("injured"), "casualty_text": value("casualty_text"),
            "claimed_by": value("claimed_by"), "claim_status": value("claim_status"),
            "n_sources": value("n_sources"), "reprints": p.get("reprints") or 0, "confidence": value("confidence"),
            "source": "; ".join(sorted({str(s.get("article")) for s in sources})),
            "notes": sources[0].get("quote", "") if sources else "",
            "actor": value("actor"),
            "casualty_claims": " | ".join(_claim_text(c) for c in p.get("casualty_claims") or []),
            "claim_stages": "; ".join(f"{c['stage']} {c['date'] or 'undated'}" for c in p.get("claim_stages") or []),
            "sources": " | ".join(f"{s.get('article')}:{s.get('start')}-{s.get('end')}" for s in sources),
            "source_tolls": " | ".join(_toll_text(t) for t in p.get("source_tolls") or []),
        }
        writer.writerow(_safe_row(row))
    return buffer.getvalue()


def _claim_text(claim: dict) -> str:
    """One casualty claim flattened: "killed 25 (total; Ukraine) [a.txt]"."""
    role = claim.get("role") or "total"
    who = claim.get("claimant") or "unattributed"
    return f"{claim.get('kind')} {claim.get('value')} ({role}; {who}) [{claim.get('article')}]"


def _toll_text(toll: dict) -> str:
    """One article's toll flattened: "a.txt 2024-04-17: killed 4, injured 20"."""
    parts = [f"{kind} {toll[kind]}" for kind in ("killed", "injured") if toll.get(kind) is not None]
    return f"{toll.get('article')} {toll.get('published') or 'undated'}: {', '.join(parts) or 'no figure'}"


def places_csv(places: dict) -> str:
    """Places as CSV rows."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=PLACE_CSV_COLUMNS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for f in places["features"]:
        writer.writerow(_safe_row({k: ("" if v is None else v) for k, v in f["properties"].items()}))
    return buffer.getvalue()


def oblasts_csv(oblasts: dict) -> str:
    """Oblast counts as CSV rows."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=OBLAST_CSV_COLUMNS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    for f in oblasts["features"]:
        writer.writerow(_safe_row(f["properties"]))
    return buffer.getvalue()
