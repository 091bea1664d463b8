"""The map page's server-side cost cuts (issue 16, dashboard on 100,000 events) change no byte of it.

Three cuts: layer scripts go into the page as plain text (branca would compile each as a Jinja template),
the default basemap's JSON is written once per window, and the per-cell labels and per-oblast sums are
counted on the columns' category codes. Each is checked here against the way it was done before.
"""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest

from dashboard import aggregate, assets
from dashboard.map import _Text, build_event_map
from pipeline.model import EventType
from pipeline.output.filters import EventFilters


def _with_quote(events: dict, quote: str) -> dict:
    changed = copy.deepcopy(events)
    changed["features"][2]["properties"]["sources"][0]["quote"] = quote
    return changed


@pytest.mark.parametrize("quote", [
    "The mayor said {% if %} nothing more.",
    "A banner read {{ 6*7 }} near the bridge.",
    "Shelling hit {# the depot #} before dawn.",
    "Odd markup {%- raw -%} and {{- x -}} in a caption.",
    "Only braces { { and } } and a percent % sign.",
])
def test_template_marks_in_article_text_reach_the_page_unchanged(events, places, oblasts, basemap, quote):
    countries, admin1 = basemap
    fmap = build_event_map(_with_quote(events, quote), places, oblasts, countries=countries, admin1=admin1,
                           point_limit=10**6)
    page = assets.served_html(fmap)  # before: TemplateSyntaxError, or the marks evaluated away
    assert quote.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") in page


def test_plain_text_element_drops_one_trailing_newline_like_a_rendered_template():
    assert _Text("var a = 1;\n").render() == "var a = 1;"
    assert _Text("var a = 1;\n\n").render() == "var a = 1;\n"
    assert _Text("{{ x }}").render() == "{{ x }}"


def test_default_basemap_json_is_the_same_as_written_from_the_geodata(events, places, oblasts):
    import geodata

    views = [EventFilters(), EventFilters(event_types=("casualty_report",)), EventFilters(min_confidence=0.9)]
    for filters in views:
        cached = assets.served_html(build_event_map(events, places, oblasts, filters=filters))
        again = assets.served_html(build_event_map(events, places, oblasts, filters=filters))
        written = assets.served_html(build_event_map(events, places, oblasts, filters=filters,
                                                     countries=geodata.load_countries(),
                                                     admin1=geodata.load_admin1()))
        assert cached == again == written


def _old_top_per_cell(cells: np.ndarray, labels: pd.Series, n_cells: int) -> list:
    names, codes = np.unique(labels.astype(object).fillna("").astype(str).to_numpy(), return_inverse=True)
    pairs, counts = np.unique(cells.astype(np.int64) * len(names) + codes.reshape(-1), return_counts=True)
    cell_of, code_of = pairs // len(names), pairs % len(names)
    order = np.lexsort((code_of, -counts, cell_of))
    top: list[list] = [[] for _ in range(n_cells)]
    for i in order:
        chosen = top[int(cell_of[i])]
        if len(chosen) < aggregate.TOP_PER_CELL:
            chosen.append((str(names[code_of[i]]) or None, int(counts[i])))
    return top


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_top_labels_per_cell_from_category_codes_match_the_string_sort(seed):
    rng = np.random.default_rng(seed)
    vocabulary = ["shelling", "drone_strike", "", "Zaporizhzhia", "ambush", "Ärger", "zz", "a b", "A", "shelling2"]
    n = int(rng.integers(1, 3000))
    values = [None if rng.random() < 0.1 else vocabulary[int(rng.integers(0, len(vocabulary)))] for _ in range(n)]
    # unused categories too (a filtered column keeps every category of the data)
    labels = pd.Series(pd.Categorical(values, categories=sorted({*vocabulary, "unused", "Bakhmut"} - {None})))
    n_cells = int(rng.integers(1, 40))
    cells = rng.integers(0, n_cells, size=n)
    assert aggregate._top_per_cell(cells, labels, n_cells) == _old_top_per_cell(cells, labels, n_cells)
    plain = labels.astype(object)  # not categorical: the string sort itself
    assert aggregate._top_per_cell(cells, plain, n_cells) == _old_top_per_cell(cells, plain, n_cells)


def _old_oblast_stats(frame: aggregate.EventFrame, mask: np.ndarray, places: np.ndarray) -> pd.DataFrame:
    shown = frame.events[mask]
    shown = shown[shown["admin1_code"].notna().to_numpy() & (shown["admin1_code"] != "").to_numpy()]
    per_code = pd.DataFrame({
        "incidents": (shown["event_type"] == EventType.FRONTLINE_INCIDENT.value).to_numpy(np.int64),
        "reports": (shown["event_type"] == EventType.CASUALTY_REPORT.value).to_numpy(np.int64),
        "killed": shown["killed"].to_numpy(), "injured": shown["injured"].to_numpy(),
        "code": shown["admin1_code"].astype(str).to_numpy(),
    }).groupby("code", sort=True).sum()
    place_codes = frame.places["admin1_code"][places]
    place_codes = place_codes[place_codes.notna().to_numpy() & (place_codes != "").to_numpy()]
    mentions = pd.Series(place_codes.astype(str).to_numpy()).value_counts().rename("mentions")
    stats = per_code.join(mentions, how="outer").fillna(0).astype(np.int64)
    return stats[["mentions", "incidents", "reports", "killed", "injured"]]


def _random_frame(rng: np.random.Generator) -> aggregate.EventFrame:
    codes = ["UA-14", "UA-63", "", None, "UA-23", "RU-BEL"]
    kinds = [k.value for k in EventType]
    events, places = [], []
    for i in range(int(rng.integers(0, 400))):
        props = {"event_type": kinds[int(rng.integers(0, len(kinds)))],
                 "admin1_code": codes[int(rng.integers(0, len(codes)))],
                 "killed": None if rng.random() < 0.5 else int(rng.integers(0, 50)),
                 "injured": None if rng.random() < 0.5 else int(rng.integers(0, 90)),
                 "date": "2022-10-01", "confidence": 0.5, "sources": [{"article": f"a{i % 7}.txt"}]}
        events.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [35.0, 48.0]},
                       "properties": props})
    for i in range(int(rng.integers(0, 400))):
        places.append({"type": "Feature", "geometry": {"type": "Point", "coordinates": [36.0, 49.0]},
                       "properties": {"name": "Kharkiv", "article": f"a{i % 5}.txt",
                                      "admin1_code": codes[int(rng.integers(0, len(codes)))]}})
    return aggregate.event_frame(events, places)


@pytest.mark.parametrize("seed", range(6))
def test_oblast_sums_from_category_codes_match_the_grouped_strings(seed):
    rng = np.random.default_rng(seed)
    frame = _random_frame(rng)
    for share in (1.0, 0.5, 0.05, 0.0):
        mask = rng.random(len(frame.events)) < share
        for place_share in (1.0, 0.3, 0.0):
            places = rng.random(len(frame.places)) < place_share
            pd.testing.assert_frame_equal(aggregate.oblast_stats(frame, mask, places),
                                          _old_oblast_stats(frame, mask, places))
