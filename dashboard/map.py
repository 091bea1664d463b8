"""Build the folium map of events, place mentions and oblasts.

:func:`build_event_map` is pure: GeoJSON dicts (the pipeline's ``events.geojson``,
``places.geojson`` and ``oblasts.geojson``) and filters in, a ``folium.Map`` out.
Each kind of feature is one Leaflet GeoJSON layer fed with one compact JSON blob
(never one folium object per marker), so 10,000 events build in well under a
second. The layers are made in the browser by the factories of
``dashboard/static/conflictmap/map.js`` (styled by ``map.css``), served or inlined like
the vendored Leaflet files (:mod:`dashboard.assets`). Popups and tooltips are built
there from the data, and every value goes through ``cmEsc`` HTML-escaping first; the
JSON itself is written with ``<``, ``>`` and ``&`` as ``\\u`` escapes, so article text
can never close the ``<script>`` element that carries it. Colours, symbols and labels
come from :mod:`pipeline.output.style`, shared with the charts and the briefing image.

Many events: a layer with more points than the point limit (:mod:`dashboard.aggregate`,
``CONFLICTMAP_MAP_POINT_LIMIT``) is drawn as grid cells instead, one counted marker per cell
(``cmLayers.cells``), computed with numpy from the columns the dashboard keeps per data; the
page then stays under ~1 MB whatever the number of events. Claimed areas are always drawn as
their hatched polygons, and a cell's popup says how many of its events are located only to a
district or region. Narrowing the filters below the limit brings single events back.

The default basemap is a vector one drawn from ``geodata`` (countries and admin-1
units, clipped to the area of interest), so the map needs no tiles and no network;
OpenStreetMap tiles are an optional layer drawn above it.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any, Literal

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from branca.element import Element, MacroElement
from folium.elements import JSCSSMixin
from folium.map import Layer
from folium.template import Template

from dashboard import aggregate
from pipeline.model import EventType
from pipeline.output import style
from pipeline.output.filters import EventFilters, Feature

CRS = "EPSG:4326"
Metric = Literal["mentions", "casualties", "incidents"]
METRIC_LABELS = style.METRIC_LABELS
EVENT_TYPE_LABELS = style.EVENT_TYPE_LABELS
CHOROPLETH_COLOURS = style.CHOROPLETH_COLOURS
MAP_JS = ("conflictmap_map_js", "conflictmap/map.js")
MAP_CSS = ("conflictmap_map_css", "conflictmap/map.css")
"""The map's own script and stylesheet, below ``dashboard/static`` (see :mod:`dashboard.assets`)."""
_COORD_DECIMALS = 4
_BASEMAP_TOLERANCE = 0.02
_WORLD_TOLERANCE = 0.3
_WORLD_MIN_AREA = 0.5
_SEAM_OVERLAP = 0.05
_BBOX_MARGIN = 8.0
_JSON_PARSE_MIN_CHARS = 10_000
_UKRAINE = "UA"

_PANES = (
    ("cm-basemap", 150, False),
    ("cm-choropleth", 350, True),
    ("cm-claims", 380, True),
    ("cm-border", 390, False),
    ("cm-places", 590, True),
    ("cm-casualties", 600, True),
    ("cm-incidents", 610, True),
    ("cm-labels", 620, False),
)
"""Leaflet panes (name, z-index, interactive): fixed stacking whatever layers are toggled.

Tiles sit at 200, above the vector basemap, so OpenStreetMap covers it when tiles
load and the vector basemap shows through when they cannot.
"""


def js_json(value: object) -> str:
    """Serialise to JSON that is safe inside an HTML ``<script>`` element.

    ``<``, ``>`` and ``&`` become ``\\u`` escapes (so text like ``</script>`` cannot
    end the element), as do the line separators JavaScript forbids in strings.
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


class _Text(Element):
    """Text put in the page as it is.

    branca adds what a macro renders as ``Element(text)``, which compiles the text as a Jinja
    template: ~1 MB of map data lexed on every page, and an article quote holding ``{%`` or
    ``{{`` would be read as template code (an error, or text changed). This element's text is
    never a template. Like a rendered template, it drops one trailing newline.
    """

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text[:-1] if text.endswith("\n") else text

    def render(self, **kwargs: Any) -> str:
        del kwargs
        return self.text


class _RawScript(MacroElement):
    """A macro element whose ``script`` macro (in ``_script_template``) is added to the page as plain text
    (:class:`_Text`), not compiled again as a template; its own ``_template`` has no macro."""

    _template = Template("")
    _script_template: Template

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        text = self._script_template.module.script(self, kwargs)  # type: ignore[attr-defined]
        figure.script.add_child(_Text(str(text)), name=self.get_name())
        super().render(**kwargs)


class _DataJson:
    """A layer's data already written as :func:`_data_json` does (made once, e.g. the basemap's per window)."""

    def __init__(self, text: str) -> None:
        self.text = text


def _data_json(data: object) -> str:
    """The data of a layer as page text: JSON, or for a large literal a JSON string given to ``JSON.parse``
    (which browsers read faster than an object literal)."""
    text = js_json(data)
    return text if len(text) < _JSON_PARSE_MIN_CHARS else f"JSON.parse({js_json(text)})"


class _JsLayer(JSCSSMixin, _RawScript, Layer):
    """A Leaflet layer made by a JavaScript factory ``function(data, map)``.

    The data is embedded once as JSON (large data as a string for ``JSON.parse``, which
    browsers read faster than an object literal); the factory returns the Leaflet layer.
    """

    _script_template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = ({{ this.factory }})(
            {{ this.data_json }}, {{ this._parent.get_name() }});
        {%- if this.show %}
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {%- endif %}
        {% endmacro %}
        """
    )

    def __init__(
        self,
        data: object,
        factory: str,
        *,
        name: str,
        show: bool = True,
        control: bool = True,
        overlay: bool = True,
        default_js: Sequence[tuple[str, str]] = (),
        default_css: Sequence[tuple[str, str]] = (),
    ) -> None:
        super().__init__(name=name, overlay=overlay, control=control, show=show)
        self._name = "CmLayer"
        self.data_json = data.text if isinstance(data, _DataJson) else _data_json(data)
        self.factory = factory
        self.default_js = list(default_js)
        self.default_css = list(default_css)


class _Script(JSCSSMixin, _RawScript):
    """A piece of JavaScript run with the map, before the layers that follow it."""

    _script_template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.code.replace("MAP", this._parent.get_name()) }}
        {% endmacro %}
        """
    )

    def __init__(self, code: str, *, default_js: Sequence[tuple[str, str]] = (),
                 default_css: Sequence[tuple[str, str]] = ()) -> None:
        super().__init__()
        self._name = "CmScript"
        self.code = code
        self.default_js = list(default_js)
        self.default_css = list(default_css)


_MARKERCLUSTER_JS = [
    (
        "markerclusterjs",
        "https://unpkg.com/leaflet.markercluster@1.5.3/dist/leaflet.markercluster.js",
    )
]
_MARKERCLUSTER_CSS = [
    (
        "markerclustercss",
        "https://unpkg.com/leaflet.markercluster@1.5.3/dist/MarkerCluster.css",
    ),
    (
        "markerclusterdefaultcss",
        "https://unpkg.com/leaflet.markercluster@1.5.3/dist/MarkerCluster.Default.css",
    ),
]
_PATTERN_JS = [("pattern", "https://teastman.github.io/Leaflet.pattern/leaflet.pattern.js")]


def _round(value: float) -> float:
    return round(float(value), _COORD_DECIMALS)


def _point(feature: Feature) -> tuple[float, float] | None:
    """Return (lon, lat) of a Point feature, or None for other geometries."""
    geometry = feature.get("geometry") or {}
    if geometry.get("type") != "Point":
        return None
    lon, lat = geometry["coordinates"][:2]
    return _round(lon), _round(lat)


class _StringTable:
    """Numbers distinct strings so each appears once in the page; None is -1.

    JavaScript reads ``S[-1]`` as ``undefined``, which the popups treat as missing.
    """

    def __init__(self) -> None:
        self.strings: list[str] = []
        self._index: dict[str, int] = {}

    def __call__(self, value: object) -> int:
        if value is None:
            return -1
        key = str(value)
        index = self._index.get(key)
        if index is None:
            index = self._index[key] = len(self.strings)
            self.strings.append(key)
        return index


def _number(value: object) -> int | None:
    return None if value is None else int(value)  # type: ignore[call-overload]


def casualty_radius(killed: int | None, injured: int | None) -> float:
    """Return the circle radius in pixels for a casualty report.

    The area grows with killed + injured (radius with its square root), from 5 px
    for an unknown or zero count up to 40 px.
    """
    total = (killed or 0) + (injured or 0)
    return round(min(5.0 + 3.0 * math.sqrt(total), 40.0), 1)


def _event_row(
    props: Mapping[str, Any], lon_lat: tuple[float, float], table: _StringTable
) -> list[Any]:
    """One event as a compact row; ``cmEvent`` in the page reads it back.

    Columns: lon, lat, type, sub-type, place, oblast, date, killed, injured,
    stated figures with claimants, claimed by, claim status, n sources, confidence,
    [[article, quote], ...], circle radius, actor (strings are indexes into the table),
    located only to a district or region (1 when ``geo_precision`` > 1, else 0; drawn dashed).
    """
    killed, injured = _number(props.get("killed")), _number(props.get("injured"))
    kind = props.get("event_type") or ""
    return [
        lon_lat[0],
        lon_lat[1],
        table(EVENT_TYPE_LABELS.get(kind, kind)),
        table(props.get("sub_event_type")),
        table(props.get("place_name")),
        table(props.get("admin1_name")),
        table(props.get("date")),
        killed,
        injured,
        table(claims_text(props) or props.get("casualty_text")),
        table(props.get("claimed_by")),
        table(props.get("claim_status")),
        _sources_text(props),
        round(float(props.get("confidence") or 0.0), 2),
        [[table(src.get("article")), table(src.get("quote") or "")]
         for src in props.get("sources") or ()],
        casualty_radius(killed, injured),
        table(props.get("actor") if props.get("actor") not in (None, "unknown") else None),
        int(_is_approximate(props)),
    ]


def _is_approximate(props: Mapping[str, Any]) -> bool:
    """Whether an event is located only to a district, region or an approximate point (``geo_precision`` > 1)."""
    try:
        return int(props.get("geo_precision") or 1) > 1
    except (TypeError, ValueError):
        return False


def _sources_text(props: Mapping[str, Any]) -> int | str:
    """Independent reports, with "reprinted by N sites" when syndicated copies were counted once."""
    n = int(props.get("n_sources", len(props.get("sources") or ())))
    reprints = int(props.get("reprints") or 0)
    return f"{n} \u00b7 reprinted by {reprints} site{'s' if reprints != 1 else ''}" if reprints else n


def claims_text(props: Mapping[str, Any]) -> str:
    """Every stated casualty figure with its claimant: "killed 25 (Ukraine) · killed 12, observation (Reuters saw)".

    When outlets gave different tolls for the incident, each outlet's own toll follows ("per outlet: ...").
    """
    parts = []
    for c in props.get("casualty_claims") or ():
        role = "" if c.get("role") in (None, "total") else f", {c['role']}"
        parts.append(f"{c.get('kind')} {c.get('value')}{role} ({c.get('claimant') or 'unattributed'})")
    tolls = props.get("source_tolls") or ()
    if len({(t.get("killed"), t.get("injured")) for t in tolls}) > 1:
        parts.append("per outlet: " + "; ".join(
            f"{t.get('article')} " + ", ".join(f"{k} {t[k]}" for k in ("killed", "injured") if t.get(k) is not None)
            for t in tolls))
    return " · ".join(parts)


def _point_rows(events: Iterable[Feature], table: _StringTable, *, big_first: bool) -> list[list]:
    rows = []
    for event in events:
        point = _point(event)
        if point is not None:
            rows.append(_event_row(event.get("properties", {}), point, table))
    if big_first:  # big circles first, so small ones stay clickable on top
        rows.sort(key=lambda r: -r[15])
    return rows


def _round_geometry(geometry: Mapping[str, Any]) -> dict[str, Any]:
    shape = shapely.geometry.shape(geometry)
    shape = shapely.set_precision(shape, 10**-_COORD_DECIMALS)
    return json.loads(shapely.to_geojson(shape))


def _claim_collection(claims: Iterable[Feature], table: _StringTable) -> dict[str, Any]:
    """Merge claims per oblast: one hatched polygon listing every claim on it."""
    by_oblast: dict[str, dict[str, Any]] = {}
    for claim in claims:
        geometry = claim.get("geometry") or {}
        if geometry.get("type") not in {"Polygon", "MultiPolygon"}:
            continue
        props = claim.get("properties", {})
        key = str(props.get("admin1_code") or props.get("admin1_name") or len(by_oblast))
        entry = by_oblast.setdefault(
            key,
            {
                "type": "Feature",
                "geometry": _round_geometry(geometry),
                "properties": {"oblast": table(props.get("admin1_name") or key), "claims": []},
            },
        )
        entry["properties"]["claims"].append((props.get("date") or "9999", props.get(
            "sub_event_type") or "", _event_row(props, (0.0, 0.0), table)))
    features = []
    for key in sorted(by_oblast):
        entry = by_oblast[key]
        entry["properties"]["claims"] = [row for *_, row in sorted(entry["properties"]["claims"],
                                                                   key=lambda c: c[:2])]
        features.append(entry)
    return {"type": "FeatureCollection", "features": features}


def _place_rows(places: Iterable[Feature], table: _StringTable) -> list[list]:
    """Place mentions as rows: lon, lat, name, text, kind, oblast, article, confidence, reason."""
    rows = []
    for place in places:
        point = _point(place)
        if point is None:
            continue
        p = place.get("properties", {})
        rows.append([
            point[0], point[1], table(p.get("name")), table(p.get("text")),
            table(p.get("feature_kind")), table(p.get("admin1_name")), table(p.get("article")),
            round(float(p.get("confidence") or 0.0), 2), table(p.get("reason")),
        ])
    return rows


def oblast_values(
    events: Iterable[Feature], places: Iterable[Feature], metric: Metric
) -> dict[str, int]:
    """Return admin1_code -> value of the chosen metric for the shown data.

    Parameters
    ----------
    events, places
        The filtered event and place features.
    metric
        ``"mentions"`` counts place mentions, ``"casualties"`` sums killed and
        injured, ``"incidents"`` counts frontline incidents.
    """
    values: dict[str, int] = {}
    if metric == "mentions":
        for place in places:
            code = place.get("properties", {}).get("admin1_code")
            if code:
                values[code] = values.get(code, 0) + 1
        return values
    for event in events:
        p = event.get("properties", {})
        code = p.get("admin1_code")
        if not code:
            continue
        if metric == "casualties":
            add = int(p.get("killed") or 0) + int(p.get("injured") or 0)
        else:
            add = int(p.get("event_type") == EventType.FRONTLINE_INCIDENT)
        values[code] = values.get(code, 0) + add
    return values


def class_breaks(values: Iterable[int], n_classes: int = len(CHOROPLETH_COLOURS)) -> list[int]:
    """Return ascending upper bounds of up to ``n_classes`` classes of positive values.

    Bounds are equal steps between 1 and the maximum, rounded up, without
    duplicates, so small counts get few classes.
    """
    top = max((v for v in values if v > 0), default=0)
    if top == 0:
        return []
    bounds = sorted({max(1, math.ceil(top * (i + 1) / n_classes)) for i in range(n_classes)})
    return bounds


def _colour_for(value: int, breaks: Sequence[int]) -> str:
    if value <= 0 or not breaks:
        return "#ffffff"
    offset = len(CHOROPLETH_COLOURS) - len(breaks)
    for i, bound in enumerate(breaks):
        if value <= bound:
            return CHOROPLETH_COLOURS[offset + i]
    return CHOROPLETH_COLOURS[-1]


def _oblast_collection(
    oblasts: Iterable[Feature], values: Mapping[str, int], breaks: Sequence[int], stats: pd.DataFrame,
) -> dict[str, Any]:
    """The oblast polygons with the chosen metric's colour and every count of their popup.

    ``stats`` is :func:`dashboard.aggregate.oblast_stats` of the shown events and places.
    """
    table = stats.to_dict("index")
    features = []
    for oblast in oblasts:
        p = oblast.get("properties", {})
        code = p.get("admin1_code")
        value = values.get(code, 0)
        row = table.get(code) or {}
        features.append(
            {
                "type": "Feature",
                "geometry": _round_geometry(oblast["geometry"]),
                "properties": {
                    "code": code,
                    "name": p.get("admin1_name"),
                    "value": value,
                    "fill": _colour_for(value, breaks),
                    "mentions": int(row.get("mentions", 0)),
                    "incidents": int(row.get("incidents", 0)),
                    "reports": int(row.get("reports", 0)),
                    "killed": int(row.get("killed", 0)),
                    "injured": int(row.get("injured", 0)),
                    "claimed": bool(p.get("claimed")),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def _metric_values(stats: pd.DataFrame, metric: Metric) -> dict[str, int]:
    """admin1_code -> value of ``metric`` (what :func:`oblast_values` gives, from the columns)."""
    if metric == "mentions":
        column = stats["mentions"]
    elif metric == "casualties":
        column = stats["killed"] + stats["injured"]
    else:
        column = stats["incidents"]
    return {str(code): int(v) for code, v in column.items()}


def _cell_rows(cells: Sequence[aggregate.GridCell], table: _StringTable) -> list[list[Any]]:
    """Grid cells as compact rows; ``cmCell`` in the page reads them back.

    Columns: lon, lat, count, killed, injured, approx, undated, first date, last date,
    [[label, n], ...], south, west (strings are indexes into the table).
    """
    return [[c.lon, c.lat, c.count, c.killed, c.injured, c.approx, c.undated, table(c.first_day),
             table(c.last_day), [[table(label), n] for label, n in c.top], c.south, c.west]
            for c in cells]


def _load_geodata() -> tuple[gpd.GeoDataFrame, gpd.GeoDataFrame]:
    import geodata

    return geodata.load_countries(), geodata.load_admin1()


@lru_cache(maxsize=8)
def _default_basemap(bbox: tuple[float, float, float, float]) -> tuple[dict, dict, dict, list]:
    countries, admin1 = _load_geodata()
    return basemap_data(countries, admin1, bbox)


def _basemap_layers(country_fc: Mapping[str, Any], admin1_fc: Mapping[str, Any]) -> tuple[dict, dict]:
    """The data of the countries and admin-1 basemap layers."""
    countries = {
        "window": _features_of_scope(country_fc, "window"),
        # parsed by the browser only when drawn, after the first frame
        "world": js_json(_features_of_scope(country_fc, "world")),
        "attribution": html.escape(style.ATTRIBUTION),
        "colours": {"land": style.LAND_COLOUR, "focus": style.FOCUS_LAND_COLOUR, "line": style.COUNTRY_LINE_COLOUR},
    }
    return countries, {"lines": js_json(admin1_fc), "colour": style.ADMIN1_LINE_COLOUR}


@lru_cache(maxsize=8)
def _default_basemap_json(bbox: tuple[float, float, float, float]) -> tuple[_DataJson, _DataJson]:
    """:func:`_basemap_layers` of the default basemap as page text, written once per window (~0.8 MB of JSON:
    the same for every view of a data set, so a filter change does not write it again)."""
    country_fc, admin1_fc, _border, _labels = _default_basemap(bbox)
    return tuple(_DataJson(_data_json(layer)) for layer in _basemap_layers(country_fc, admin1_fc))  # type: ignore[return-value]


def _without_small_parts(geom: Any, min_area: float) -> Any:
    """Drop the polygons of a (Multi)Polygon smaller than ``min_area`` square degrees."""
    parts = [p for p in shapely.get_parts(geom) if p.area >= min_area]
    if not parts:
        return shapely.Polygon()
    return parts[0] if len(parts) == 1 else shapely.MultiPolygon(parts)


def _country_layers(
    countries: gpd.GeoDataFrame, bbox: tuple[float, float, float, float]
) -> dict[str, Any]:
    """Country fills and boundary lines: detailed inside ``bbox``, coarse elsewhere.

    Each feature's ``scope`` says which: ``"window"`` (detailed) or ``"world"`` (coarse).

    Boundaries are drawn as lines clipped to the box, so the box edge never shows as
    a boundary; coarse fills stop at the box, so they cannot spill over detailed coasts.
    """
    window = shapely.box(*bbox)
    frame = countries.sort_values("country_code")
    geoms = frame.geometry.values
    coarse = shapely.simplify(
        [_without_small_parts(g, _WORLD_MIN_AREA) for g in geoms], _WORLD_TOLERANCE,
        preserve_topology=True,
    )
    layers = (
        ("fill", "window", shapely.simplify(shapely.clip_by_rect(geoms, *bbox), _BASEMAP_TOLERANCE,
                                            preserve_topology=True), 4),
        ("line", "window", shapely.simplify(shapely.clip_by_rect(shapely.boundary(geoms), *bbox),
                                            _BASEMAP_TOLERANCE), 4),
        # a little overlap under the detailed fills hides the seam at the box edge
        ("fill", "world", shapely.difference(coarse, shapely.buffer(window, -_SEAM_OVERLAP)), 2),
        ("line", "world", shapely.difference(shapely.boundary(coarse), window), 2),
    )
    features = []
    for kind, scope, geometries, decimals in layers:
        geometries = shapely.set_precision(geometries, 10**-decimals)
        for code, name, geom in zip(frame["country_code"], frame["name"], geometries,
                                    strict=True):
            if geom is None or geom.is_empty:
                continue
            properties: dict[str, Any] = {"country_code": _plain(code), "kind": kind,
                                          "scope": scope}
            if kind == "fill":
                properties.update(name=_plain(name), focus=code == _UKRAINE)
            features.append({"type": "Feature", "properties": properties,
                             "geometry": json.loads(shapely.to_geojson(geom))})
    return {"type": "FeatureCollection", "features": features}


def basemap_data(
    countries: gpd.GeoDataFrame,
    admin1: gpd.GeoDataFrame,
    bbox: tuple[float, float, float, float],
) -> tuple[dict, dict, dict, list]:
    """Clip and simplify the offline basemap to a bounding box.

    Parameters
    ----------
    countries
        ``country_code``, ``name``, ``geometry`` (EPSG:4326).
    admin1
        ``admin1_code``, ``country_code``, ``geometry`` (EPSG:4326).
    bbox
        (min_lon, min_lat, max_lon, max_lat).

    Returns
    -------
    tuple
        Countries FeatureCollection (fills, and boundaries as lines: detailed inside
        the box, coarse outside it), admin-1 FeatureCollection, Ukraine's
        recognised border (the union of its admin-1 units) as a FeatureCollection,
        and country labels as ``[name, lat, lon]``.
    """
    min_lon, min_lat, max_lon, max_lat = bbox
    window = shapely.box(min_lon, min_lat, max_lon, max_lat)

    country_fc = _country_layers(countries, bbox)
    # boundaries as lines (each shared edge once), clipped to the box, so the box edge is
    # not drawn as a boundary
    inside = admin1[admin1.geometry.intersects(window)]
    lines = shapely.union_all(shapely.boundary(inside.geometry.values))
    lines = shapely.simplify(shapely.clip_by_rect(lines, *bbox), _BASEMAP_TOLERANCE)
    lines = shapely.set_precision(lines, 10**-4)
    admin1_fc: dict = {"type": "FeatureCollection", "features": []}
    if not lines.is_empty:
        admin1_fc["features"].append({"type": "Feature", "properties": {},
                                      "geometry": json.loads(shapely.to_geojson(lines))})
    ukraine = admin1[admin1["country_code"] == _UKRAINE]
    border: dict = {"type": "FeatureCollection", "features": []}
    if len(ukraine):
        outline = shapely.simplify(
            shapely.union_all(ukraine.geometry.values), _BASEMAP_TOLERANCE / 2
        )
        outline = shapely.set_precision(outline, 10**-4)
        border["features"].append(
            {"type": "Feature", "geometry": json.loads(shapely.to_geojson(outline)),
             "properties": {"name": "Ukraine (internationally recognised border)"}}
        )
    labels = []
    for name, geom in zip(countries["name"], countries.geometry, strict=True):
        inside = shapely.intersection(geom, window)
        if inside.is_empty or inside.area < 1.0:
            continue
        # shapely's x is longitude and y latitude; labels are [name, lat, lon] for Leaflet
        point = inside.point_on_surface()
        labels.append([str(name), round(point.y, 3), round(point.x, 3)])
    labels.sort()
    return (
        country_fc,
        admin1_fc,
        border,
        labels,
    )


def _features_of_scope(collection: Mapping[str, Any], scope: str) -> dict[str, Any]:
    """The FeatureCollection of the features of ``collection`` whose ``scope`` is ``scope``."""
    return {"type": "FeatureCollection",
            "features": [f for f in collection["features"] if f["properties"].get("scope") == scope]}


def _plain(value: Any) -> Any:
    """Turn a pandas cell into a JSON value (NaN and None become None)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value


def _data_bbox(*collections: Iterable[Feature]) -> tuple[float, float, float, float] | None:
    """Return (min_lon, min_lat, max_lon, max_lat) of all geometries, or None if none."""
    lons: list[float] = []
    lats: list[float] = []
    for features in collections:
        for feature in features:
            geometry = feature.get("geometry")
            if not geometry:
                continue
            if geometry.get("type") == "Point":
                lon, lat = geometry["coordinates"][:2]
                lons.append(lon)
                lats.append(lat)
                continue
            # shapely's bounds are (x=lon, y=lat)
            min_x, min_y, max_x, max_y = shapely.bounds(shapely.geometry.shape(geometry))
            lons += [min_x, max_x]
            lats += [min_y, max_y]
    if not lons:
        return None
    return min(lons), min(lats), max(lons), max(lats)


def _merge_bbox(*boxes: tuple[float, float, float, float] | None) -> tuple[float, float, float, float] | None:
    """The box around every given box (None ones left out), or None."""
    real = [b for b in boxes if b is not None]
    if not real:
        return None
    return (min(b[0] for b in real), min(b[1] for b in real), max(b[2] for b in real), max(b[3] for b in real))


def _places_bbox(frame: aggregate.EventFrame, mask: np.ndarray | None = None) -> tuple[float, float, float, float] | None:
    places = frame.places if mask is None else frame.places[mask]
    lon, lat = places["lon"].to_numpy(), places["lat"].to_numpy()
    keep = ~np.isnan(lon)
    if not keep.any():
        return None
    return float(lon[keep].min()), float(lat[keep].min()), float(lon[keep].max()), float(lat[keep].max())


def _focus_bbox(
    events: Sequence[Feature], frame: aggregate.EventFrame, oblasts: Sequence[Feature]
) -> tuple[float, float, float, float]:
    """Area to show: the events and oblasts (places only if nothing else), whole degrees.

    Point events come from the columns; the few others (claimed areas) from their geometry.
    """
    areas = [events[i] for i in np.flatnonzero(frame.events["lon"].isna().to_numpy())]
    bbox = _merge_bbox(aggregate.bbox(frame), _data_bbox(areas, oblasts)) or _places_bbox(frame)
    if bbox is None:
        bbox = (22.0, 44.0, 40.5, 52.5)  # Ukraine
    return bbox


_CELL_LEGEND_LABELS = {
    EventType.FRONTLINE_INCIDENT.value: "Frontline incidents",
    EventType.CASUALTY_REPORT.value: "Casualty reports",
    "places": "Place mentions",
}


def _legend_html(
    incident_subs: Sequence[str], metric: Metric, breaks: Sequence[int], show: Mapping[str, bool],
    *, cells: Mapping[str, str] | None = None, cell_degrees: float = aggregate.CELL_DEGREES,
    limit: int = aggregate.POINT_LIMIT,
) -> str:
    parts = ['<h4>Legend</h4>']
    for kind, colour in (cells or {}).items():
        parts.append(
            '<div class="cm-row"><span class="cm-cell" style="background:%s;width:18px;height:18px;'
            'line-height:18px;font-size:9px">n</span>%s per %g° cell</div>'
            % (colour, html.escape(_CELL_LEGEND_LABELS.get(kind, kind)), cell_degrees)
        )
    if cells:
        parts.append(
            '<div class="cm-note">More than %s points: counted per grid cell. Narrow the filters '
            "(dates, type, oblast) to see single events.</div>" % f"{limit:,}"
        )
    if show["claims"]:
        parts.append(
            '<div class="cm-row"><span class="sw" style="border:2px dashed %s;background:'
            'repeating-linear-gradient(45deg,%s 0 2px,transparent 2px 7px)"></span>'
            "Claimed annexation area</div>" % (style.CLAIM_COLOUR, style.CLAIM_COLOUR)
        )
    for sub in incident_subs:
        sub_style = style.sub_type_style(sub)
        parts.append(
            '<div class="cm-row"><span class="cm-icon" style="background:%s">'
            '<i class="fa-solid fa-%s"></i></span>%s</div>'
            % (sub_style.colour, sub_style.icon, html.escape(style.sub_type_label(sub)))
        )
    if show["casualties"]:
        parts.append(
            '<div class="cm-row"><span class="circ" style="width:10px;min-width:10px;height:10px">'
            '</span><span class="circ" style="width:18px;min-width:18px;height:18px"></span>'
            "Casualties: size = killed + injured</div>"
        )
    if incident_subs or show["casualties"]:
        parts.append(
            '<div class="cm-row"><span class="circ" style="width:14px;min-width:14px;height:14px;'
            'border-style:dashed;opacity:.7"></span>Dashed: located only to a district or region</div>'
        )
    if show["places"]:
        parts.append(
            '<div class="cm-row"><span class="cm-dot" style="min-width:10px"></span>'
            "Place mention (clustered)</div>"
        )
    parts.append(
        '<div class="cm-row"><span class="sw" style="border:0;border-top:3px solid %s;height:0">'
        "</span>Ukraine, recognised border</div>" % style.BORDER_COLOUR
    )
    if breaks:
        parts.append("<hr><h4>Oblasts: %s</h4>" % html.escape(METRIC_LABELS[metric]))
        offset = len(CHOROPLETH_COLOURS) - len(breaks)
        low = 1
        for i, bound in enumerate(breaks):
            label = str(bound) if low >= bound else f"{low}–{bound}"
            parts.append(
                '<div class="cm-row"><span class="sw" style="background:%s"></span>%s</div>'
                % (CHOROPLETH_COLOURS[offset + i], label)
            )
            low = bound + 1
    return '<div class="cm-legend">' + "".join(parts) + "</div>"


def _stable_ids(m: folium.Map) -> None:
    """Give every element a sequential id, so the same input renders the same page."""
    counter = 0

    def _walk(element: Any) -> None:
        nonlocal counter
        element._id = f"cm{counter:05d}"
        counter += 1
        for child in element._children.values():
            _walk(child)

    _walk(m)


def build_event_map(
    events: Mapping[str, Any],
    places: Mapping[str, Any],
    oblasts: Mapping[str, Any],
    *,
    filters: EventFilters | None = None,
    metric: Metric = "mentions",
    basemap: Literal["offline", "osm"] = "offline",
    countries: gpd.GeoDataFrame | None = None,
    admin1: gpd.GeoDataFrame | None = None,
    height: int | str = "100%",
    frame: aggregate.EventFrame | None = None,
    point_limit: int | None = None,
    cell_degrees: float = aggregate.CELL_DEGREES,
) -> folium.Map:
    """Build the interactive map of what the filters let through.

    Parameters
    ----------
    events, places, oblasts
        FeatureCollections as written by the pipeline.
    filters
        What to show; None shows everything.
    metric
        What colours the oblast choropleth: ``"mentions"``, ``"casualties"``
        or ``"incidents"``.
    basemap
        ``"offline"`` shows the vector basemap only; ``"osm"`` also switches the
        OpenStreetMap tile layer on (it is always in the layer control).
    countries, admin1
        Basemap geometries; None loads them from ``geodata``.
    height
        Height of the map element.
    frame
        :func:`dashboard.aggregate.event_frame` of ``events`` and ``places`` (built here when
        None; the dashboard keeps one per data, so a filter change never loops over every event).
    point_limit
        Most points a layer draws one by one; above it the layer draws grid cells with counts.
        None reads :func:`dashboard.aggregate.point_limit` (``CONFLICTMAP_MAP_POINT_LIMIT``).
    cell_degrees
        Edge of a grid cell in degrees.

    Returns
    -------
    folium.Map
        The map, with a layer control and a legend. Asset links still point at
        CDNs; see :mod:`dashboard.assets` to make it work offline.
    """
    if metric not in METRIC_LABELS:
        msg = f"metric must be one of {sorted(METRIC_LABELS)}, got {metric!r}"
        raise ValueError(msg)
    filters = filters or EventFilters()
    all_events = list(events.get("features", []))
    all_places = list(places.get("features", []))
    if frame is None:
        frame = aggregate.event_frame(all_events, all_places)
    limit = aggregate.point_limit() if point_limit is None else point_limit
    mask = aggregate.event_mask(frame, filters)
    place_mask = aggregate.place_mask(frame, filters)
    oblast_features = list(oblasts.get("features", []))

    min_lon, min_lat, max_lon, max_lat = _focus_bbox(all_events, frame, oblast_features)
    window = (
        math.floor(min_lon - _BBOX_MARGIN), math.floor(min_lat - _BBOX_MARGIN / 2),
        math.ceil(max_lon + _BBOX_MARGIN), math.ceil(max_lat + _BBOX_MARGIN / 2),
    )
    countries_data: object
    admin1_data: object
    if countries is None or admin1 is None:
        _country_fc, _admin1_fc, border_fc, labels = _default_basemap(window)
        countries_data, admin1_data = _default_basemap_json(window)
    else:
        country_fc, admin1_fc, border_fc, labels = basemap_data(countries, admin1, window)
        countries_data, admin1_data = _basemap_layers(country_fc, admin1_fc)

    m = folium.Map(
        location=[(min_lat + max_lat) / 2, (min_lon + max_lon) / 2],
        zoom_start=6,
        tiles=None,
        control_scale=True,
        prefer_canvas=False,
        height=height,
        max_bounds=False,
    )
    # only what these layers use: no jQuery, Bootstrap or awesome-markers (fewer files to load)
    m.default_js = [(name, url) for name, url in m.default_js if name == "leaflet"]
    m.default_css = [
        (name, url) for name, url in m.default_css
        if name in {"leaflet_css", "awesome_markers_font_css"}
    ]
    setup = {"panes": _PANES, "sea": style.SEA_COLOUR, "vars": {
        "--cm-place": style.PLACE_COLOUR, "--cm-casualty-fill": style.css_rgba(style.CASUALTY_COLOUR, 0.55),
        "--cm-casualty-edge": style.CASUALTY_EDGE_COLOUR}}
    _Script("cmSetup(MAP, %s);" % js_json(setup), default_js=[MAP_JS], default_css=[MAP_CSS]).add_to(m)
    _JsLayer(countries_data, "cmLayers.countries", name="Basemap: countries (offline)").add_to(m)
    _JsLayer(admin1_data, "cmLayers.admin1", name="Basemap: admin-1 boundaries").add_to(m)
    _JsLayer(labels, "cmLayers.labels", name="Country names").add_to(m)
    folium.TileLayer(
        "OpenStreetMap", name="OpenStreetMap tiles (online only)", overlay=True,
        show=basemap == "osm",
    ).add_to(m)

    table = _StringTable()
    stats = aggregate.oblast_stats(frame, mask, place_mask)
    values = _metric_values(stats, metric)
    breaks = class_breaks(values.values())
    oblast_fc = _oblast_collection(oblast_features, values, breaks, stats)
    kinds = frame.events["event_type"]

    def _shown_of(kind: str) -> list[Feature]:
        return [all_events[i] for i in np.flatnonzero(mask & (kinds == kind).to_numpy())]

    claims = _claim_collection(_shown_of(EventType.ANNEXATION_CLAIM.value), table)
    strings = _Script("")  # the string table: its code is set once every layer has added its strings
    strings.add_to(m)
    _JsLayer(
        {"fc": oblast_fc, "metric": METRIC_LABELS[metric]}, "cmLayers.choropleth",
        name=f"Oblasts by {METRIC_LABELS[metric]}",
    ).add_to(m)
    _JsLayer({"fc": claims, "colour": style.CLAIM_COLOUR}, "cmLayers.claims", name="Claimed annexation areas",
             default_js=_PATTERN_JS).add_to(m)
    _JsLayer({"fc": border_fc, "colour": style.BORDER_COLOUR}, "cmLayers.border",
             name="Ukraine, recognised border").add_to(m)

    cell_note = {"deg": cell_degrees, "limit": limit}
    n_places = int(place_mask.sum())
    if n_places > limit:
        cells = aggregate.place_cells(frame, place_mask, cell_degrees=cell_degrees)
        _JsLayer({"rows": _cell_rows(cells, table), "kind": "places", "noun": "place mentions", "one": "place mention",
                  "colour": style.PLACE_COLOUR, "pane": "cm-places", "anchor": "below", **cell_note},
                 "cmLayers.cells", name=f"Place mentions ({n_places:,} in {len(cells):,} cells)",
                 show=False).add_to(m)  # off at first: the oblast colours count mentions already
    else:
        place_rows = _place_rows([all_places[i] for i in np.flatnonzero(place_mask)], table)
        _JsLayer({"rows": place_rows}, "cmLayers.places", name=f"Place mentions ({len(place_rows)})",
                 default_js=_MARKERCLUSTER_JS, default_css=_MARKERCLUSTER_CSS).add_to(m)

    incident_subs: list[str] = []
    aggregated: dict[str, int] = {}
    layer_counts: dict[str, int] = {}
    for kind, pane, anchor, colour in (
        (EventType.CASUALTY_REPORT.value, "cm-casualties", "right", style.CASUALTY_COLOUR),
        (EventType.FRONTLINE_INCIDENT.value, "cm-incidents", "left", style.INCIDENT_COLOUR),
    ):
        label = "Casualty reports" if kind == EventType.CASUALTY_REPORT.value else "Frontline incidents"
        n_points = aggregate.point_count(frame, mask, kind)
        layer_counts[kind] = n_points
        if n_points > limit:
            cells = aggregate.event_cells(frame, mask, kind, cell_degrees=cell_degrees)
            aggregated[kind] = len(cells)
            _JsLayer({"rows": _cell_rows(cells, table), "kind": kind,
                      "noun": style.EVENT_TYPE_PLURALS.get(kind, kind), "one": label.lower()[:-1],
                      "colour": colour, "pane": pane,
                      "anchor": anchor, **cell_note},
                     "cmLayers.cells", name=f"{label} ({n_points:,} in {len(cells):,} cells)").add_to(m)
        elif kind == EventType.CASUALTY_REPORT.value:
            rows = _point_rows(_shown_of(kind), table, big_first=True)
            _JsLayer(
                {"rows": rows, "fill": style.CASUALTY_COLOUR, "edge": style.CASUALTY_EDGE_COLOUR},
                "cmLayers.casualties", name=f"{label} ({len(rows)})",
            ).add_to(m)
        else:
            rows = _point_rows(_shown_of(kind), table, big_first=False)
            incident_subs = sorted({table.strings[r[3]] if r[3] >= 0 else "" for r in rows})
            styles = {sub: [style.sub_type_style(sub).icon, style.sub_type_style(sub).colour]
                      for sub in incident_subs}
            other = style.OTHER_SUB_TYPE_STYLE
            _JsLayer(
                {"rows": rows, "styles": styles, "fallback": [other.icon, other.colour]},
                "cmLayers.incidents", name=f"{label} ({len(rows)})",
            ).add_to(m)
    if n_places > limit:
        aggregated["places"] = n_places
    strings.code = "MAP._cmS = %s;" % js_json(table.strings)
    legend = _legend_html(
        incident_subs, metric, breaks,
        {"claims": bool(claims["features"]),
         "casualties": bool(layer_counts[EventType.CASUALTY_REPORT.value])
         and EventType.CASUALTY_REPORT.value not in aggregated,
         "places": bool(n_places) and "places" not in aggregated},
        cells={kind: colour for kind, colour in (
            (EventType.FRONTLINE_INCIDENT.value, style.INCIDENT_COLOUR),
            (EventType.CASUALTY_REPORT.value, style.CASUALTY_COLOUR), ("places", style.PLACE_COLOUR))
            if kind in aggregated},
        cell_degrees=cell_degrees, limit=limit,
    )
    _Script("cmLegend(MAP, %s);" % js_json(legend)).add_to(m)
    folium.LayerControl(collapsed=False, position="topright").add_to(m)
    shown_areas = [all_events[i] for i in np.flatnonzero(mask & frame.events["lon"].isna().to_numpy())]
    fit = (_merge_bbox(aggregate.bbox(frame, mask), _data_bbox(shown_areas)) or _places_bbox(frame, place_mask)
           or (min_lon, min_lat, max_lon, max_lat))
    m.fit_bounds([[fit[1], fit[0]], [fit[3], fit[2]]], padding=(30, 30), max_zoom=7)  # oblast-scale context
    _stable_ids(m)
    return m
