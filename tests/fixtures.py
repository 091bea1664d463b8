"""Small synthetic outputs following the pipeline's data contracts.

Two square "oblasts" (UA-14 and UA-63) inside a square "Ukraine" next to a square
"Russia"; a handful of events of every kind, one of them quoting a hostile article
whose text tries to run script.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import geopandas as gpd
import pytest
from shapely.geometry import box, mapping

from pipeline.model import Place, Signal

HOSTILE_TEXT = (
    'Shelling near <script>window.__pwned = 1;</script>Kupiansk '
    '<img src=x onerror="window.__pwned = 2"> wounded 3 people.'
)
HOSTILE_ARTICLE = "009_hostile.txt"
# Markdown that, rendered, would fetch a tracking pixel, make a link and show raw markup (issue 15 item 10)
MARKDOWN_TEXT = ('![](http://tracker.invalid/pixel.png) [read more](http://tracker.invalid/) '
                 '`<mark class="cm-place">raw</mark>`')

DONETSK = box(37.0, 47.0, 39.0, 49.0)
KHARKIV = box(35.0, 49.0, 38.0, 50.5)


def _point(lon: float, lat: float) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [lon, lat]}


def _event(
    event_id: str,
    event_type: str,
    sub: str,
    geometry: dict[str, Any],
    *,
    date: str | None,
    place: str,
    code: str,
    name: str,
    article: str,
    quote: str,
    killed: int | None = None,
    injured: int | None = None,
    confidence: float = 0.8,
    claimed_by: str | None = None,
    geo_precision: int = 1,
) -> dict[str, Any]:
    return {
        "type": "Feature",
        "geometry": geometry,
        "properties": {
            "id": event_id,
            "event_type": event_type,
            "sub_event_type": sub,
            "date": date,
            "date_precision": 1 if date else None,
            "place_name": place,
            "admin1_code": code,
            "admin1_name": name,
            "country_code": "UA",
            "geo_precision": geo_precision,
            "killed": killed,
            "injured": injured,
            "casualty_text": None if killed is None and injured is None else "people",
            "claimed_by": claimed_by,
            "claim_status": "claimed" if claimed_by else None,
            "sources": [{"article": article, "quote": quote, "start": 0, "end": len(quote)}],
            "n_sources": 1,
            "confidence": confidence,
        },
    }


def make_events() -> dict[str, Any]:
    """Seven events: two claims, three incidents (one hostile), two casualty reports."""
    donetsk = mapping(DONETSK)
    features = [
        _event("ev-claim-1", "annexation_claim", "referendum", donetsk, date="2022-09-23",
               place="Donetsk", code="UA-14", name="Donetsk", article="001_a.txt",
               quote="Russia held referendums in Donetsk.", claimed_by="RU"),
        _event("ev-claim-2", "annexation_claim", "annexation", donetsk, date="2022-09-30",
               place="Donetsk", code="UA-14", name="Donetsk", article="001_a.txt",
               quote="Putin proclaimed the annexation of Donetsk.", claimed_by="RU"),
        _event("ev-inc-1", "frontline_incident", "encirclement", _point(37.8, 48.9),
               date="2022-10-01", place="Lyman", code="UA-14", name="Donetsk",
               article="001_a.txt", quote="Russian forces in Lyman face encirclement."),
        _event("ev-inc-2", "frontline_incident", "recapture", _point(36.5, 49.6),
               date="2022-09-10", place="Balakliia", code="UA-63", name="Kharkiv",
               article="002_b.txt", quote="Ukraine recaptured Balakliia.", confidence=0.5,
               geo_precision=2),  # located only to its district: drawn dashed
        _event("ev-inc-3", "frontline_incident", "shelling", _point(37.6, 49.7),
               date="2022-09-20", place="Kupiansk <b>x</b>", code="UA-63", name="Kharkiv",
               article=HOSTILE_ARTICLE, quote=HOSTILE_TEXT),
        _event("ev-cas-1", "casualty_report", "missile_strike", _point(36.2, 49.99),
               date="2022-09-30", place="Kharkiv", code="UA-63", name="Kharkiv",
               article="002_b.txt", quote="A missile strike killed 23 and injured 28.",
               killed=23, injured=28),
        _event("ev-cas-2", "casualty_report", "shelling", _point(37.5, 48.0),
               date=None, place="Donetsk", code="UA-14", name="Donetsk",
               article="001_a.txt", quote="Shelling killed two.", killed=2),
    ]
    return {"type": "FeatureCollection", "features": features}


def make_place(text: str, *, start: int = 0, name: str | None = None, lat: float = 49.99, lon: float = 36.23,
               geonameid: int | None = 706483, feature_kind: str = "city", admin1_code: str | None = "UA-63",
               admin1_name: str | None = "Kharkiv", country_code: str | None = "UA", confidence: float = 0.9,
               capital: bool = False, approx_point: bool = False, precision: str = "exact",
               signals: tuple[Signal, ...] = (Signal("only_candidate", 1.0, "only candidate"),)) -> Place:
    """A resolved ``Place`` for the events stage, without the geoparser (a city in Kharkiv oblast by default)."""
    return Place(start=start, end=start + len(text), text=text, name=name or text, lat=lat, lon=lon,
                 geonameid=geonameid, feature_kind=feature_kind, admin1_code=admin1_code, admin1_name=admin1_name,
                 country_code=country_code, confidence=confidence, reason="; ".join(s.text for s in signals),
                 capital=capital, approx_point=approx_point, precision=precision, signals=signals)


def make_places() -> dict[str, Any]:
    """Place mentions, several per article."""
    rows = [
        ("001_a.txt", "Lyman", 37.8, 48.9, "UA-14", "Donetsk", "city"),
        ("001_a.txt", "Donetsk", 37.8, 48.0, "UA-14", "Donetsk", "admin1"),
        ("001_a.txt", "Donetsk", 37.8, 48.0, "UA-14", "Donetsk", "admin1"),
        ("002_b.txt", "Kharkiv", 36.2, 49.99, "UA-63", "Kharkiv", "city"),
        ("002_b.txt", "Balakliia", 36.5, 49.6, "UA-63", "Kharkiv", "city"),
        (HOSTILE_ARTICLE, "Kupiansk", 37.6, 49.7, "UA-63", "Kharkiv", "city"),
    ]
    texts = {a["article"]: a["text"] for a in make_articles()}
    features = []
    cursor: dict[tuple[str, str], int] = {}
    for i, (article, name, lon, lat, code, oblast, kind) in enumerate(rows):
        start = texts[article].find(name, cursor.get((article, name), 0))
        cursor[(article, name)] = start + 1
        features.append({
            "type": "Feature",
            "geometry": _point(lon, lat),
            "properties": {
                "article": article, "start": start, "end": start + len(name),
                "text": name, "name": name, "lat": lat, "lon": lon, "geonameid": 1000 + i,
                "feature_kind": kind, "admin1_code": code, "admin1_name": oblast,
                "country_code": "UA", "confidence": 0.9, "reason": "only candidate", "approx_point": False,
            },
        })
    return {"type": "FeatureCollection", "features": features}


def make_oblasts() -> dict[str, Any]:
    """The two square oblasts with their totals."""
    rows = [("UA-14", "Donetsk", DONETSK, 3, 1, 1, 2, 0, True),
            ("UA-63", "Kharkiv", KHARKIV, 3, 2, 1, 23, 28, False)]
    features = [
        {"type": "Feature", "geometry": mapping(geom),
         "properties": {"admin1_code": code, "admin1_name": name, "country_code": "UA",
                        "mentions": mentions, "incidents": incidents,
                        "casualty_reports": reports, "killed": killed, "injured": injured,
                        "claimed": claimed}}
        for code, name, geom, mentions, incidents, reports, killed, injured, claimed in rows
    ]
    return {"type": "FeatureCollection", "features": features}


def make_articles() -> list[dict[str, Any]]:
    """Article records, the hostile one included."""
    return [
        {"article": "001_a.txt", "title": "Annexation", "date": "2022-09-30",
         "text": "Putin proclaimed the annexation of Donetsk. Russian forces in Lyman face "
                 "encirclement. Shelling in Donetsk killed two."},
        {"article": "002_b.txt", "title": "Kharkiv", "date": "2022-09-30",
         "text": "A missile strike on Kharkiv killed 23 and injured 28. Ukraine recaptured "
                 "Balakliia."},
        {"article": HOSTILE_ARTICLE, "title": "<script>alert(1)</script>", "date": None,
         "text": HOSTILE_TEXT + "\n" + MARKDOWN_TEXT},
    ]


def make_basemap() -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    """Countries (a square Ukraine and Russia) and admin-1 units (the two oblasts)."""
    countries = gpd.GeoDataFrame(
        {"country_code": ["RU", "UA"], "name": ["Russia", "Ukraine"]},
        geometry=[box(38.0, 45.0, 48.0, 56.0), box(22.0, 44.0, 38.0, 52.0)],
        crs="EPSG:4326",
    )
    admin1 = gpd.GeoDataFrame(
        {"admin1_code": ["UA-14", "UA-63"], "admin1_name": ["Donetsk", "Kharkiv"],
         "local_names": ["", ""], "country_code": ["UA", "UA"]},
        geometry=[DONETSK, KHARKIV],
        crs="EPSG:4326",
    )
    return countries, admin1


def _write_csv(path: Path, events: dict[str, Any]) -> None:
    lines = ["id,event_date,event_type,sub_event_type,admin1,location,killed,injured"]
    for feature in events["features"]:
        p = feature["properties"]
        lines.append(",".join(str(v if v is not None else "") for v in (
            p["id"], p["date"], p["event_type"], p["sub_event_type"], p["admin1_name"],
            json.dumps(p["place_name"]), p["killed"], p["injured"])))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_fixture_dir(out: Path) -> Path:
    """Write the synthetic outputs into ``out`` as the pipeline would."""
    out.mkdir(parents=True, exist_ok=True)
    events = make_events()
    for name, data in (("events", events), ("places", make_places()),
                       ("oblasts", make_oblasts())):
        (out / f"{name}.geojson").write_text(json.dumps(data), encoding="utf-8")
    _write_csv(out / "events.csv", events)
    with (out / "articles.jsonl").open("w", encoding="utf-8") as handle:
        for record in make_articles():
            handle.write(json.dumps(record) + "\n")
    return out


@pytest.fixture(scope="session")
def seed_data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real pipeline run on the real seed articles."""
    from pipeline.build import build_paths

    seeds = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))
    out = tmp_path_factory.mktemp("seeds") / "out"
    build_paths(seeds, out)
    return out


@pytest.fixture
def events() -> dict[str, Any]:
    return make_events()


@pytest.fixture
def places() -> dict[str, Any]:
    return make_places()


@pytest.fixture
def oblasts() -> dict[str, Any]:
    return make_oblasts()


@pytest.fixture
def basemap() -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    return make_basemap()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return write_fixture_dir(tmp_path / "out")


def article_events(parser: Any, text: str, name: str = "a.txt") -> list[Any]:
    """The events ``extract_events`` finds in ``text`` read as the article ``name`` (its date from the text)."""
    from pipeline.events.extract import extract_events
    from pipeline.text.articles import make_article

    article = make_article(name, text)
    return extract_events(name, text, parser.parse_places(text), article.published)


def events_of(events: list[Any], kind: str) -> list[Any]:
    """The events of one ``event_type``."""
    return [e for e in events if e.event_type == kind]


def merged_in_order(parser: Any, texts: list[tuple[str, str]], order: tuple[int, ...]) -> list[Any]:
    """The cross-article merge of ``texts`` ((name, text) pairs) read in ``order``."""
    from pipeline.events.extract import merge_across_articles

    return merge_across_articles([article_events(parser, texts[i][1], texts[i][0]) for i in order])


def event_articles(event: Any) -> set[str]:
    """The articles an event's sources come from."""
    return {s.article for s in event.sources}


def place_in(places, text: str):
    """The first place whose surface text is ``text`` (a failing assertion naming what was found instead)."""
    found = [p for p in places if p.text == text]
    assert found, f"{text!r} not found in {[p.text for p in places]}"
    return found[0]
