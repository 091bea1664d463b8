"""conflictmap dashboard: the map an analyst opens.

Run with ``conflictmap serve`` (or ``streamlit run dashboard/app.py
--server.enableStaticServing true``). The data folder is read from the environment
variable ``CONFLICTMAP_DATA``; by default it is ``out/`` next to ``seeds/`` (what
``conflictmap serve`` builds from the seed articles).

The page stays thin: widgets with explicit keys call the pure functions of
:mod:`pipeline.output.filters`, :mod:`dashboard.map` and :mod:`dashboard.data`. Filters are
mirrored in the URL query parameters so a view can be shared. The map's Leaflet
files come from ``dashboard/static`` (Streamlit static serving), never a CDN.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

_ROOT = Path(__file__).resolve().parents[1]
if str(_ROOT) not in sys.path:  # `streamlit run dashboard/app.py` puts only dashboard/ on the path
    sys.path.insert(0, str(_ROOT))

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import streamlit as st  # noqa: E402

from dashboard import aggregate, assets, charts, pages  # noqa: E402
from dashboard import data as cm_data  # noqa: E402
from pipeline.output import filters as cm_filters  # noqa: E402
from dashboard.map import EVENT_TYPE_LABELS, METRIC_LABELS, build_event_map  # noqa: E402
from pipeline.output import export as cm_export  # noqa: E402
from pipeline.errors import EXPECTED_ERRORS, InputError  # noqa: E402

DATA_ENV = "CONFLICTMAP_DATA"
DEFAULT_DATA_DIR = _ROOT / "out"
MAP_HEIGHT = 620
UPLOAD_TYPES = ["txt", "text", "md", "html", "htm"]
VIEW_TABS = ["Killed / injured", "Events table", "Article reader", "Add articles"]
_METRIC_PARAM = "metric"


def data_dir() -> Path:
    """Return the folder of pipeline outputs the page shows."""
    return Path(os.environ.get(DATA_ENV) or DEFAULT_DATA_DIR)


@st.cache_data(show_spinner=False, max_entries=256)
def _view(data_id: str, filters: cm_filters.EventFilters, _frame: aggregate.EventFrame) -> dict[str, Any]:
    """The shown events of one filter state: their rows, the counts the page prints, and the
    most points one map layer would draw (above the point limit the map draws grid cells)."""
    del data_id  # with ``filters``, the cache key
    mask = aggregate.event_mask(_frame, filters)
    places = aggregate.place_mask(_frame, filters)
    return {"rows": np.flatnonzero(mask), "place_rows": np.flatnonzero(places),
            "summary": aggregate.view_summary(_frame, mask, places),
            "casualties": aggregate.casualties_per_oblast(_frame, mask)}


def _current_outputs(base: dict[str, Any]) -> dict[str, Any]:
    """What the page shows: the folder's outputs, or their rebuild with the articles added here."""
    return st.session_state.get("rebuilt") or base


def _static_url() -> str:
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}{assets.STATIC_URL}" if base else assets.STATIC_URL


# --- adding articles -------------------------------------------------------------------


def _store_dir() -> Path | None:
    """The data folder, whose article store makes uploads process only the new articles."""
    folder = data_dir()
    return folder if folder.is_dir() and os.access(folder, os.W_OK) else None


def _process_new_articles(notices: Any, known: set[str]) -> None:
    """Read uploaded and pasted articles and run the pipeline on them."""
    items: list[tuple[str, str, dict]] = []
    try:
        from pipeline import build as cm_build
    except ImportError as err:
        notices.error(f"Processing articles needs pipeline.build, which failed to load: {err}")
        return
    for upload in st.session_state.get("upload") or []:
        if upload.name in known:
            notices.warning(f"{upload.name} is already loaded; skipped.")
            continue
        try:
            text, meta = cm_build.read_upload(upload.name, upload.getvalue())
        except InputError as err:
            notices.error(f"{upload.name}: {err}")
            continue
        items.append((upload.name, text, meta))
    items += _fetch_urls(notices, known)
    pasted = (st.session_state.get("paste") or "").strip()
    if pasted:
        digest = hashlib.sha1(pasted.encode("utf-8")).hexdigest()[:12]
        name = f"pasted_{digest}.txt"
        if name in known:
            notices.warning("That pasted text is already loaded; skipped.")
        else:
            items.append((name, pasted, {}))
    if not items:
        return
    bar = notices.progress(0.0, text=f"Processing {len(items)} article(s)…")

    def _progress(done: int, total: int, *_: Any, **__: Any) -> None:
        bar.progress(min(done / max(total, 1), 1.0), text=f"Processed {done} of {total}")

    # every article is processed again with the new ones, so events merge across all of them
    shown = _current_outputs(st.session_state["base_outputs"])
    previous = [(a["article"], a.get("text") or "", a.get("meta") or {}) for a in shown.get("articles", [])]
    try:
        result = cm_build.build_articles(previous + items, progress=_progress, data_dir=_store_dir())
    except EXPECTED_ERRORS as err:
        notices.error(f"Could not process the articles: {err}")
        return
    bar.progress(1.0, text="Done")
    for message in result.get("errors") or []:
        notices.error(message)
    for message in result.get("warnings") or []:
        notices.warning(message)
    for message in result.get("notes") or []:
        notices.info(message)
    st.session_state["rebuilt"] = {k: result[k] for k in ("events", "places", "oblasts", "articles")}
    st.session_state["rebuilt_id"] = hashlib.sha1(
        "\n".join(f"{name}\n{text}" for name, text, *_ in previous + items).encode("utf-8")
    ).hexdigest()
    added = {name for name, *_ in items}
    n_events = sum(1 for f in result["events"]["features"]
                   if any(s.get("article") in added for s in f["properties"].get("sources", [])))
    notices.success(f"Added {len(items)} article(s): {n_events} events come from them (merged with the others).")


def _fetch_urls(notices: Any, known: set[str]) -> list[tuple[str, str, dict]]:
    """Fetch the URLs typed in "Add by URL" (pages or feeds) into the fetch folder; their articles."""
    urls = [line.strip() for line in (st.session_state.get("add_urls") or "").splitlines() if line.strip()]
    if not urls:
        return []
    from pipeline.ingest.fetch import fetch_articles
    from pipeline.text.articles import read_article

    bar = notices.progress(0.0, text=f"Fetching {len(urls)} URL(s)…")
    seen: list[str] = []

    def _progress(line: str) -> None:
        seen.append(line)
        bar.progress(min(len(seen) / max(len(urls), 1), 1.0), text=line[:150])

    report = fetch_articles(urls, fetch_folder(), progress=_progress,
                            on_error=lambda url, reason: notices.error(f"{url}: {reason}"))
    bar.progress(1.0, text=report.summary())
    for note in report.notes:
        notices.info(note)
    items = []
    for path in report.written + report.existing:
        if path.name in known:
            continue
        try:
            article = read_article(path)
        except InputError as err:
            notices.error(str(err))
            continue
        items.append((article.name, article.text, article.meta))
    return items


def fetch_folder() -> Path:
    """Where "Add by URL" writes the articles it fetches (``CONFLICTMAP_FETCHED``, or the cache)."""
    from pipeline import settings

    return Path(os.environ.get("CONFLICTMAP_FETCHED") or Path(settings.cache_folder) / "fetched")


# --- filters and query parameters ------------------------------------------------------


def _init_from_query_params(
    bounds: tuple[dt.date, dt.date] | None, choices: dict[str, list[str]]
) -> None:
    """Seed the widgets from the URL on the first run of a session."""
    if st.session_state.get("_query_loaded"):
        return
    st.session_state["_query_loaded"] = True
    params = {key: st.query_params.get_all(key) for key in st.query_params}
    wanted = cm_filters.from_query_params(params)
    st.session_state["f_types"] = [v for v in wanted.event_types if v in choices["types"]]
    st.session_state["f_subs"] = [v for v in wanted.sub_types if v in choices["subs"]]
    st.session_state["f_oblasts"] = [v for v in wanted.admin1_codes if v in choices["oblasts"]]
    st.session_state["f_articles"] = [v for v in wanted.articles if v in choices["articles"]]
    st.session_state["f_minconf"] = wanted.min_confidence
    st.session_state["f_undated"] = wanted.include_undated
    metric = (params.get(_METRIC_PARAM) or ["mentions"])[-1]
    st.session_state["f_metric"] = metric if metric in METRIC_LABELS else "mentions"
    if bounds is not None and bounds[0] < bounds[1]:
        start = min(max(wanted.date_from or bounds[0], bounds[0]), bounds[1])
        end = max(min(wanted.date_to or bounds[1], bounds[1]), start)
        st.session_state["f_dates"] = (start, end)


def _sync_query_params(filters: cm_filters.EventFilters, metric: str) -> None:
    params = cm_filters.to_query_params(filters)
    if metric != "mentions":
        params[_METRIC_PARAM] = metric
    wanted = {k: v if isinstance(v, list) else [v] for k, v in params.items()}
    current = {key: st.query_params.get_all(key) for key in st.query_params}
    if wanted != current:
        st.query_params.from_dict(params)


@st.cache_data(show_spinner=False, max_entries=64)
def _timeline_png(counts: tuple, selected: tuple | None) -> bytes:
    return charts.timeline_png(list(counts), selected=selected)


@st.cache_data(show_spinner=False, max_entries=64)
def _casualties_png(rows: tuple) -> bytes:
    return charts.casualties_png(list(rows))


def _prepare_state(view: dict[str, Any]) -> dict[str, Any]:
    """Give every filter widget a value in session state (choices from :func:`_data_view`).

    The filters are read from session state before the widgets are drawn, so the map
    (the slowest part of the page to appear) is sent to the browser first.
    """
    bounds, choices, oblast_names = view["bounds"], view["choices"], view["oblast_names"]
    _init_from_query_params(bounds, choices)
    state = st.session_state
    for key in ("f_types", "f_subs", "f_oblasts", "f_articles"):
        allowed = set(choices[key.removeprefix("f_")])
        state[key] = [v for v in state.get(key, []) if v in allowed]
    state.setdefault("f_undated", True)
    state.setdefault("f_minconf", 0.0)
    state.setdefault("f_metric", "mentions")
    state.setdefault("f_basemap", "offline")
    if bounds is not None and bounds[0] < bounds[1]:
        if state.get("_date_bounds") != bounds:  # first run, or new articles
            if "f_dates" not in state or "_date_bounds" in state:
                state["f_dates"] = bounds
            state["_date_bounds"] = bounds
    return {"bounds": bounds, "choices": choices, "oblast_names": oblast_names, "per_day": view["per_day"]}


def _filters_from_state(ctx: dict[str, Any]) -> tuple[cm_filters.EventFilters, str, str]:
    state = st.session_state
    bounds = ctx["bounds"]
    date_from = date_to = None
    if bounds is not None and bounds[0] < bounds[1]:
        chosen = state["f_dates"]
        date_from = chosen[0] if chosen[0] > bounds[0] else None
        date_to = chosen[1] if chosen[1] < bounds[1] else None
    filters = cm_filters.EventFilters(
        date_from=date_from, date_to=date_to, event_types=tuple(state["f_types"]),
        sub_types=tuple(state["f_subs"]), admin1_codes=tuple(state["f_oblasts"]),
        articles=tuple(state["f_articles"]), min_confidence=float(state["f_minconf"]),
        include_undated=bool(state["f_undated"]),
    )
    return filters, str(state["f_metric"]), str(state["f_basemap"])


def _draw_sidebar(ctx: dict[str, Any], filters: cm_filters.EventFilters, counter: str) -> None:
    sidebar = st.sidebar
    bounds, choices, oblast_names = ctx["bounds"], ctx["choices"], ctx["oblast_names"]
    sidebar.title("conflictmap")
    counts = ctx["per_day"]
    if counts and bounds is not None:
        selected = (filters.date_from or bounds[0], filters.date_to or bounds[1])
        sidebar.image(_timeline_png(counts, selected), width="stretch")
    if bounds is not None and bounds[0] < bounds[1]:
        sidebar.slider("Date range", min_value=bounds[0], max_value=bounds[1],
                       format="YYYY-MM-DD", key="f_dates")
    elif bounds is not None:
        sidebar.caption(f"All dated events are on {bounds[0].isoformat()}.")
    sidebar.checkbox("Show undated events", key="f_undated")
    sidebar.multiselect(
        "Event type", choices["types"], key="f_types",
        format_func=lambda t: EVENT_TYPE_LABELS.get(t, t), placeholder="All types",
    )
    sidebar.multiselect(
        "Sub-type", choices["subs"], key="f_subs",
        format_func=lambda s: s.replace("_", " "), placeholder="All sub-types",
    )
    sidebar.multiselect(
        "Oblast", choices["oblasts"], key="f_oblasts",
        format_func=lambda c: f"{oblast_names.get(c) or c} ({c})", placeholder="All oblasts",
    )
    sidebar.multiselect(
        "Source article", choices["articles"], key="f_articles", placeholder="All articles"
    )
    sidebar.slider("Minimum confidence", 0.0, 1.0, step=0.05, key="f_minconf")
    sidebar.radio(
        "Colour oblasts by", list(METRIC_LABELS), key="f_metric",
        format_func=lambda m: METRIC_LABELS[m],
    )
    sidebar.radio(
        "Basemap", ["offline", "osm"], key="f_basemap", horizontal=True,
        format_func=lambda b: "Offline vector" if b == "offline" else "OpenStreetMap (online)",
    )
    sidebar.markdown(f"**{counter}**")


# --- views ------------------------------------------------------------------------------


def _show_map(outputs: dict[str, Any], data_id: str, filters: cm_filters.EventFilters,
              metric: str, basemap: str, frame: aggregate.EventFrame, limit: int) -> None:
    """Draw the folium map in a plain iframe.

    The map returns nothing to Python, so panning or clicking never reruns the app. With
    static serving on, the page links the vendored Leaflet files (cached by the browser);
    otherwise every asset is inlined. Pages are cached per data and view
    (:mod:`dashboard.pages`), so reopening a view does not build the map again.
    """
    static_url = _static_url() if st.get_option("server.enableStaticServing") else None
    page = pages.map_page(data_id, outputs, filters, metric, basemap, static_url, frame=frame,
                          point_limit=limit)
    st.iframe(page, height=MAP_HEIGHT)


def _casualties_view(rows: list[tuple[str, int, int]]) -> None:
    """Killed and injured per oblast among the shown events (rows of ``casualties_per_oblast``)."""
    if rows:
        left, _ = st.columns([3, 2])
        left.image(_casualties_png(tuple(rows)), width="stretch")
    else:
        st.caption("No casualties among the shown events.")


def _events_table(shown: list[dict[str, Any]]) -> None:
    """The shown events as a sortable table."""
    st.dataframe(pd.DataFrame(cm_data.event_rows(shown), columns=cm_data.TABLE_COLUMNS),
                 hide_index=True, width="stretch", key="events_table")


def _article_reader(outputs: dict[str, Any], filters: cm_filters.EventFilters) -> None:
    articles = {a.get("article"): a for a in outputs["articles"]}
    if not articles:
        st.info("No article texts in this data folder.")
        return
    names = sorted(articles)
    preferred = [n for n in filters.articles if n in articles]
    index = names.index(preferred[0]) if preferred else 0
    name = st.selectbox("Article", names, index=index, key="reader_article")
    record = articles[name]
    st.text(f"{record.get('title') or name}  ·  {record.get('date') or 'undated'}")
    mentions = [f["properties"] for f in outputs["places"]["features"]
                if f["properties"].get("article") == name]
    # article text is shown as text: escaped pieces and <mark>s in plain HTML, never Markdown
    # (no image is fetched, no link made, no code span drawn from what an article says)
    st.html(cm_data.article_html(str(record.get("text") or ""), mentions))
    if mentions:
        st.dataframe(
            pd.DataFrame(
                [{"text": m.get("text"), "chosen place": m.get("name"),
                  "kind": m.get("feature_kind"), "oblast": m.get("admin1_name"),
                  "country": m.get("country_code"), "confidence": m.get("confidence"),
                  "reason": m.get("reason")} for m in mentions]
            ),
            hide_index=True, width="stretch", key="reader_mentions",
        )


def _downloads(outputs: dict[str, Any], shown: Callable[[], list[dict[str, Any]]],
               places: Callable[[], list[dict[str, Any]]], filters: cm_filters.EventFilters, metric: str,
               basemap: str, frame: aggregate.EventFrame) -> None:
    """Download buttons; each file is made when its button is clicked, never on every run."""
    cols = st.columns(6)
    cols[0].download_button("Events GeoJSON", lambda: cm_data.geojson_bytes(shown()),
                            "events.geojson", "application/geo+json", key="dl_events")
    cols[1].download_button("Places GeoJSON", lambda: cm_data.geojson_bytes(places()),
                            "places.geojson", "application/geo+json", key="dl_places")
    cols[2].download_button("Oblasts GeoJSON",
                            lambda: cm_data.geojson_bytes(outputs["oblasts"]["features"]),
                            "oblasts.geojson", "application/geo+json", key="dl_oblasts")
    cols[3].download_button("Events CSV",
                            lambda: cm_export.events_csv({"features": list(shown())}).encode("utf-8"),
                            "events.csv", "text/csv", key="dl_csv")

    def _html() -> bytes:
        fmap = build_event_map(outputs["events"], outputs["places"], outputs["oblasts"],
                               filters=filters, metric=metric, basemap=basemap, frame=frame)
        return assets.standalone_html(fmap).encode("utf-8")

    cols[4].download_button("Map HTML (offline)", _html, "conflictmap.html", "text/html",
                            key="dl_html")
    if cols[5].button("Briefing PNG", key="briefing"):
        _briefing(outputs, shown(), filters)
    if st.session_state.get("briefing_png"):
        st.download_button("Save briefing PNG", st.session_state["briefing_png"],
                           "briefing.png", "image/png", key="dl_briefing")


def _briefing(outputs: dict[str, Any], shown: list[dict[str, Any]],
              filters: cm_filters.EventFilters) -> None:
    try:
        from pipeline.output.snapshot import render_snapshot
    except ImportError as err:
        st.error(f"Briefing images need pipeline.output.snapshot, which failed to load: {err}")
        return
    render: Callable[..., bytes] = render_snapshot
    try:
        with st.spinner("Rendering briefing image…"):
            png = render(
                {"type": "FeatureCollection", "features": shown}, outputs["places"],
                outputs["oblasts"], fmt="png", types=filters.event_types or None,
                date_from=filters.date_from, date_to=filters.date_to,
                admin1=filters.admin1_codes or None, include_undated=filters.include_undated,
                n_articles=len(outputs["articles"]),
            )
    except (*EXPECTED_ERRORS, ValueError, OSError) as err:
        st.error(f"Could not render the briefing image: {err}")
        return
    st.session_state["briefing_png"] = png


def main() -> None:
    """Draw the page."""
    st.set_page_config(page_title="conflictmap", page_icon="🗺️", layout="wide")
    folder = data_dir()
    folder_id = pages.folder_id(folder)  # names the folder's outputs as they are now
    try:
        base = pages.outputs(folder, folder_id)  # read once per server, shared by every session
    except InputError as err:
        st.error(f"{err}")
        st.stop()
    notices = st.container()
    if base.get("problems"):
        with notices.expander(f"{len(base['problems'])} values in the data folder were ignored", icon="⚠️"):
            st.text("\n".join(base["problems"]))
    st.session_state["base_outputs"] = base
    known = {a.get("article") for a in _current_outputs(base)["articles"]}
    if st.session_state.get("process"):
        _process_new_articles(notices, known)
    outputs = _current_outputs(base)
    events = outputs["events"]["features"]
    data_id = st.session_state.get("rebuilt_id") or folder_id
    data_view = pages.data_view(data_id, outputs)
    frame = data_view["frame"]
    ctx = _prepare_state(data_view)
    filters, metric, basemap = _filters_from_state(ctx)
    _sync_query_params(filters, metric)

    # counts come from the columns (cached per filter state); the features themselves are
    # picked only where a view or a download needs them
    view = _view(data_id, filters, frame)
    summary: aggregate.ViewSummary = view["summary"]
    picked: dict[str, list[dict[str, Any]]] = {}

    def shown() -> list[dict[str, Any]]:
        if "events" not in picked:
            picked["events"] = [events[i] for i in view["rows"]]
        return picked["events"]

    def places() -> list[dict[str, Any]]:
        if "places" not in picked:
            features = outputs["places"]["features"]
            picked["places"] = [features[i] for i in view["place_rows"]]
        return picked["places"]

    counter = summary.counter_text()
    st.markdown(f"#### {counter}")
    st.caption(
        f"{summary.places} place mentions · killed {summary.killed} · injured {summary.injured} · "
        f"{len(outputs['articles'])} articles · data: {folder}"
    )
    try:
        limit = aggregate.point_limit()
    except InputError as err:
        st.warning(f"{err}; using {aggregate.POINT_LIMIT:,}")
        limit = aggregate.POINT_LIMIT
    _show_map(outputs, data_id, filters, metric, basemap, frame, limit)
    if summary.most_points > limit:
        st.caption(
            f"More than {limit:,} points in a layer: the map counts them per "
            f"{aggregate.CELL_DEGREES:g}° grid cell. Narrow the filters (dates, type, oblast) to "
            f"{limit:,} or fewer to see single events.", help=f"Setting: {aggregate.POINT_LIMIT_ENV}")
    _draw_sidebar(ctx, filters, counter)
    _downloads(outputs, shown, places, filters, metric, basemap, frame)

    # only the open tab is computed and sent (lazy tabs): a filter change never re-sends a
    # large table nobody is looking at, and the map has the browser to itself on first load
    casualties_tab, table_tab, reader_tab, adder_tab = st.tabs(VIEW_TABS, key="view",
                                                               on_change="rerun")
    if casualties_tab.open:
        with casualties_tab:
            _casualties_view(view["casualties"])
    if table_tab.open:
        with table_tab:
            _events_table(shown())
    if reader_tab.open:
        with reader_tab:
            _article_reader(outputs, filters)
    if adder_tab.open:
        with adder_tab:
            st.file_uploader("Upload articles (.txt, .text, .md, .html)", type=UPLOAD_TYPES,
                             accept_multiple_files=True, key="upload")
            st.text_area("…or paste an article", key="paste", height=150)
            st.text_area("…or add by URL (news pages or RSS/Atom feeds, one a line)", key="add_urls", height=80,
                         placeholder="https://example.org/news/2023/03/10/nikopol-shelling")
            st.button("Process articles", key="process", type="primary")


main()
