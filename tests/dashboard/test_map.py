"""The folium map: layers, escaping, offline assets, determinism."""

from __future__ import annotations

import re

import folium
import folium.plugins
import pytest

from dashboard import assets
from pipeline.output.filters import EventFilters
from dashboard.map import (
    _JsLayer,
    basemap_data,
    build_event_map,
    casualty_radius,
    claims_text,
    class_breaks,
    js_json,
    oblast_values,
)


@pytest.fixture
def event_map(events, places, oblasts, basemap):
    countries, admin1 = basemap
    return build_event_map(events, places, oblasts, countries=countries, admin1=admin1)


def _layer_names(m: folium.Map) -> list[str]:
    return [c.layer_name for c in m._children.values() if isinstance(c, _JsLayer)]


def test_one_layer_per_kind_with_counts(event_map):
    names = _layer_names(event_map)
    assert "Claimed annexation areas" in names
    assert "Frontline incidents (3)" in names
    assert "Casualty reports (2)" in names
    assert "Place mentions (6)" in names
    assert "Oblasts by place mentions" in names
    assert "Ukraine, recognised border" in names
    # no folium object per marker: the map has the same few children whatever the data
    assert len(event_map._children) < 20


def test_layer_control_legend_and_offline_basemap(event_map):
    page = event_map.get_root().render()
    assert "L.control.layers" in page
    assert "cm-legend" in page
    assert "Claimed annexation area" in page
    assert "Encirclement" in page and "Recapture" in page and "Shelling" in page
    # the OpenStreetMap layer is in the control but switched off by default
    assert "tile.openstreetmap.org" in page
    tile_var = re.search(r"var (tile_layer_\w+) = L\.tileLayer", page).group(1)
    assert f"{tile_var}.addTo(" not in page


def test_hostile_article_text_never_reaches_the_page_as_markup(event_map):
    page = event_map.get_root().render()
    assert "<script>window.__pwned" not in page
    assert "<img src=x" not in page
    assert "<b>x</b>" not in page
    assert "\\u003cscript\\u003ewindow.__pwned" in page  # the text is there, as JSON escapes
    # and the page's script (map.js) escapes every value before putting it into a popup
    assert "conflictmap/map.js" in page
    assert "window.cmEsc" in assets.standalone_html(event_map)


def test_js_json_cannot_close_a_script_element():
    text = js_json({"q": "</script><script>alert(1)</script>&\u2028"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\\u2028" in text


def test_filters_are_applied(events, places, oblasts, basemap):
    countries, admin1 = basemap
    m = build_event_map(events, places, oblasts, countries=countries, admin1=admin1,
                        filters=EventFilters(event_types=("casualty_report",)))
    names = _layer_names(m)
    assert "Casualty reports (2)" in names
    assert "Frontline incidents (0)" in names


def test_choropleth_metrics(events, places):
    assert oblast_values(events["features"], places["features"], "casualties") == {
        "UA-14": 2, "UA-63": 51}
    assert oblast_values(events["features"], places["features"], "mentions") == {
        "UA-14": 3, "UA-63": 3}
    assert oblast_values(events["features"], places["features"], "incidents") == {
        "UA-14": 1, "UA-63": 2}


def test_unknown_metric_is_refused(events, places, oblasts, basemap):
    with pytest.raises(ValueError, match="metric"):
        build_event_map(events, places, oblasts, metric="rainfall", countries=basemap[0],
                        admin1=basemap[1])


def test_casualty_radius_grows_and_is_capped():
    assert casualty_radius(None, None) == 5.0
    assert casualty_radius(1, 0) < casualty_radius(10, 5) < casualty_radius(100, 0)
    assert casualty_radius(100000, 0) == 40.0


def test_class_breaks_small_counts_get_few_classes():
    assert class_breaks([0, 0]) == []
    assert class_breaks([1, 3]) == [1, 2, 3]
    assert class_breaks([10, 50, 100]) == [20, 40, 60, 80, 100]


def test_basemap_clips_and_draws_ukraine_border(basemap):
    countries, admin1 = basemap
    country_fc, admin1_fc, border_fc, labels = basemap_data(countries, admin1,
                                                            (30.0, 45.0, 40.0, 52.0))
    fills = [f for f in country_fc["features"] if f["properties"]["kind"] == "fill"]
    # detailed fills inside the box, coarse ones outside it (Ukraine reaches west of 30°E)
    assert [f["properties"]["country_code"] for f in fills] == ["RU", "UA", "RU", "UA"]
    assert [f["properties"]["scope"] for f in fills] == ["window", "window", "world", "world"]
    lines = [f for f in country_fc["features"] if f["properties"]["kind"] == "line"]
    assert {f["geometry"]["type"] for f in lines} <= {"LineString", "MultiLineString"}
    assert admin1_fc["features"][0]["geometry"]["type"] in {"LineString", "MultiLineString"}
    assert border_fc["features"][0]["geometry"]["type"] in {"Polygon", "MultiPolygon"}
    assert [label[0] for label in labels] == ["Russia", "Ukraine"]


def test_same_input_renders_the_same_page(events, places, oblasts, basemap):
    first = build_event_map(events, places, oblasts, countries=basemap[0], admin1=basemap[1])
    second = build_event_map(events, places, oblasts, countries=basemap[0], admin1=basemap[1])
    assert first.get_root().render() == second.get_root().render()


def test_every_folium_asset_has_a_vendored_copy():
    elements = [folium.Map(tiles=None), folium.plugins.MarkerCluster(),
                folium.plugins.FastMarkerCluster([]), folium.plugins.StripePattern()]
    for element in elements:
        for _, url in [*element.default_js, *getattr(element, "default_css", [])]:
            path = assets.local_path(url)
            if path is not None:
                assert (assets.STATIC_DIR / path).is_file(), url


def test_served_page_draws_the_coarse_world_after_the_first_frame(event_map):
    page = assets.served_html(event_map, base_url="/app/static")
    # the detailed window is drawn at once, the coarse world from a JSON string afterwards
    script = (assets.STATIC_DIR / "conflictmap" / "map.js").read_text(encoding="utf-8")
    assert "requestAnimationFrame" in script and "JSON.parse(data.world)" in script
    assert '\\"scope\\":\\"world\\"' in page  # a JSON string inside JSON.parse's string


def test_localize_points_every_link_at_static_serving(event_map):
    page = assets.served_html(event_map, base_url="/app/static")
    links = re.findall(r'<(?:script src|link rel="stylesheet" href)="([^"]+)"', page)
    assert links and all(link.startswith(("/app/static/vendor/", "/app/static/conflictmap/")) for link in links)
    assert "/app/static/conflictmap/map.js" in links and "/app/static/conflictmap/map.css" in links
    for link in links:
        assert (assets.STATIC_DIR / link.removeprefix("/app/static/")).is_file()


def test_standalone_html_inlines_everything(event_map):
    page = assets.standalone_html(event_map)
    assert not re.search(r'<script src=|<link rel="stylesheet"', page)
    assert not re.search(r"url\((?!['\"]?(?:data:|#))", page.split("<body>")[0])
    assert "L.markerClusterGroup" in page and "L.StripePattern" in page
    assert "window.cmLayers" in page and ".cm-legend{" in page  # map.js and map.css, inlined
    assert "font/woff2;base64," in page
    assert len(page) < 3_000_000


def test_vendored_licences_are_listed():
    listing = (assets.STATIC_DIR / "LICENSES.md").read_text(encoding="utf-8")
    for package in ("leaflet", "jquery", "bootstrap", "fontawesome-free",
                    "leaflet.awesome-markers", "leaflet.markercluster", "leaflet.pattern"):
        assert package in listing


def test_real_seed_outputs_draw_every_event(seed_data_dir):
    from dashboard.data import load_outputs

    outputs = load_outputs(seed_data_dir)
    kinds = [f["properties"]["event_type"] for f in outputs["events"]["features"]]
    m = build_event_map(outputs["events"], outputs["places"], outputs["oblasts"])
    names = _layer_names(m)
    points = [f for f in outputs["events"]["features"] if f["geometry"]["type"] == "Point"]
    incidents = sum(1 for f in points if f["properties"]["event_type"] == "frontline_incident")
    casualties = sum(1 for f in points if f["properties"]["event_type"] == "casualty_report")
    assert f"Frontline incidents ({incidents})" in names
    assert f"Casualty reports ({casualties})" in names
    assert f"Place mentions ({len(outputs['places']['features'])})" in names
    assert "annexation_claim" in kinds
    page = assets.standalone_html(m)
    assert not re.search(r'<script src=|<link rel="stylesheet"', page)


def test_popup_claims_show_each_outlets_toll_when_outlets_differ():
    claims = [{"kind": "killed", "value": 4, "role": "total", "claimant": "mayor"},
              {"kind": "killed", "value": 11, "role": "total", "claimant": None}]
    tolls = [{"article": "a.txt", "published": "2024-04-17", "killed": 4, "injured": None},
             {"article": "b.txt", "published": "2024-04-17", "killed": 11, "injured": 22}]
    text = claims_text({"casualty_claims": claims, "source_tolls": tolls})
    assert text == ("killed 4 (mayor) · killed 11 (unattributed) · "
                    "per outlet: a.txt killed 4; b.txt killed 11, injured 22")
    same = [dict(tolls[1], article="c.txt"), tolls[1]]
    assert "per outlet" not in claims_text({"casualty_claims": claims, "source_tolls": same})


def test_events_located_only_to_a_district_or_region_are_flagged_for_dashed_drawing():
    from dashboard.map import _event_row

    def row(precision):
        return _event_row({"event_type": "frontline_incident", "geo_precision": precision}, (30.0, 50.0),
                          lambda value: value)
    assert [row(p)[17] for p in (1, None, 2, 3, "bad")] == [0, 0, 1, 1, 0]
