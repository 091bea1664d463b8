"""Read pipeline outputs, merge newly added articles, and shape data for views and downloads.

Pure helpers of the dashboard page, apart from :func:`load_outputs`, which reads an
output folder (see the data contracts: ``events.geojson``, ``places.geojson``,
``oblasts.geojson``, ``articles.jsonl``).

The loader defends the page as the build defends the files: ``articles.jsonl`` is split on
``"\n"`` only (U+2028 in a text is not a line end), and a value no build writes (an implausible
date or figure, a coordinate that is not a number, a hand-edited file) is dropped from that
feature and listed in ``problems``, so the page opens on any folder and says what it ignored.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from pipeline.errors import InputError
from pipeline.output import writer
from pipeline.text import validate

Feature = dict[str, Any]
MAX_TOTAL = 2**53  # largest count an oblast total may hold (exact in a float, in JavaScript and in numpy)
MAX_PROBLEMS_SHOWN = 20  # problems listed one by one; the rest are counted
OUTPUT_FILES: tuple[str, ...] = ("events.geojson", "places.geojson", "oblasts.geojson")

TABLE_COLUMNS: tuple[str, ...] = (
    "date", "event_type", "sub_event_type", "place_name", "admin1_name", "admin1_code",
    "killed", "injured", "actor", "casualty_claims", "n_sources", "reprints", "confidence", "latitude", "longitude", "articles",
    "quote", "id",
)


def _empty_collection() -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": []}


def _read_collection(path: Path) -> dict[str, Any]:
    try:
        data = validate.loads_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        msg = f"cannot read {path}: {err}"
        raise InputError(msg) from err
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection" \
            or not isinstance(data.get("features"), list):
        msg = f"{path} is not a GeoJSON FeatureCollection"
        raise InputError(msg)
    return data


def _finite(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _plausible_geometry(geometry: object) -> bool:
    if geometry is None:
        return True
    if not isinstance(geometry, dict):
        return False
    if geometry.get("type") == "Point":
        coords = geometry.get("coordinates")
        return (isinstance(coords, list) and len(coords) >= 2 and all(_finite(c) for c in coords[:2])
                and -180 <= coords[0] <= 180 and -90 <= coords[1] <= 90)
    return isinstance(geometry.get("coordinates"), list)


def _defend(layer: str, features: list[Any], problems: list[str]) -> list[Feature]:
    """The features of one layer with every implausible value dropped (and listed in ``problems``)."""
    kept: list[Feature] = []
    for number, feature in enumerate(features, 1):
        if not isinstance(feature, dict) or not isinstance(feature.get("properties"), dict):
            problems.append(f"{layer}.geojson: feature {number} is not a GeoJSON feature; left out")
            continue
        if not _plausible_geometry(feature.get("geometry")):
            problems.append(f"{layer}.geojson: feature {number} has no usable geometry; left out")
            continue
        props = feature["properties"]
        where = f"{layer}.geojson: feature {number} ({props.get('id') or props.get('admin1_code') or '?'})"
        if "date" in props and props["date"] is not None:
            day = validate.check_iso_date(props["date"]) if isinstance(props["date"], str) else None
            if day is None or day.isoformat() != props["date"]:
                first, last = validate.year_range()
                problems.append(f"{where}: date {str(props['date'])[:40]!r} ignored "
                                f"(expected YYYY-MM-DD from {first} to {last})")
                props = {**props, "date": None, "date_precision": None}
        bound = validate.MAX_FIGURE if layer == "events" else MAX_TOTAL
        for key in ("killed", "injured", "mentions", "incidents", "casualty_reports"):
            value = props.get(key)
            if value is not None and not (isinstance(value, int) and not isinstance(value, bool)
                                          and 0 <= value <= bound):
                problems.append(f"{where}: {key} {str(value)[:40]} ignored (expected 0 to {bound:,})")
                props = {**props, key: None if layer == "events" else 0}
        confidence = props.get("confidence")
        if confidence is not None and not (_finite(confidence) and 0 <= confidence <= 1):
            problems.append(f"{where}: confidence {str(confidence)[:40]} ignored (expected 0 to 1)")
            props = {**props, "confidence": 0.0}
        kept.append(feature if props is feature["properties"] else {**feature, "properties": props})
    return kept


def _read_articles(path: Path, problems: list[str]) -> list[dict[str, Any]]:
    """``articles.jsonl``: one JSON object per "\n"-ended line (never ``splitlines``)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        msg = f"cannot read {path}: {err}"
        raise InputError(msg) from err
    articles = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            record = validate.loads_json(line)
        except ValueError as err:
            problems.append(f"{path.name}:{number}: not a JSON line ({err}); left out")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("article"), str):
            problems.append(f"{path.name}:{number}: not an article record; left out")
            continue
        if record.get("date") is not None and (not isinstance(record["date"], str)
                                               or validate.check_iso_date(record["date"]) is None):
            problems.append(f"{path.name}:{number}: date {str(record['date'])[:40]!r} ignored")
            record["date"] = None
        if not isinstance(record.get("text"), (str, type(None))):
            record["text"] = str(record["text"])
        articles.append(record)
    return articles


def load_outputs(data_dir: Path | str) -> dict[str, Any]:
    """Read one output folder of the pipeline.

    Parameters
    ----------
    data_dir
        Folder holding ``events.geojson`` and friends.

    Returns
    -------
    dict
        ``events``, ``places``, ``oblasts`` (FeatureCollections), ``articles``
        (list of article records) and ``problems`` (one line per value ignored).

    Raises
    ------
    InputError
        If ``events.geojson`` is missing or a file is not what the contract says.
    """
    folder = Path(data_dir)
    if not (folder / "events.geojson").is_file():
        msg = f"no events.geojson in {folder}; build it with `conflictmap build`"
        raise InputError(msg)
    try:
        writer.recover(folder)  # a build killed while committing its files: finish it first
    except OSError:
        pass  # a read-only folder: nothing to finish there
    out: dict[str, Any] = {}
    problems: list[str] = []
    for name in OUTPUT_FILES:
        path = folder / name
        layer = name.split(".")[0]
        collection = _read_collection(path) if path.is_file() else _empty_collection()
        out[layer] = {**collection, "features": _defend(layer, collection["features"], problems)}
    path = folder / "articles.jsonl"
    out["articles"] = _read_articles(path, problems) if path.is_file() else []
    if len(problems) > MAX_PROBLEMS_SHOWN:
        problems[MAX_PROBLEMS_SHOWN:] = [f"… and {len(problems) - MAX_PROBLEMS_SHOWN} more values ignored"]
    out["problems"] = problems
    return out


def event_rows(features: Iterable[Feature]) -> list[dict[str, Any]]:
    """Flatten events into table rows (columns ``TABLE_COLUMNS``)."""
    rows = []
    for feature in features:
        p = feature.get("properties", {})
        geometry = feature.get("geometry") or {}
        lon = lat = None
        if geometry.get("type") == "Point":
            lon, lat = geometry["coordinates"][:2]
        sources = p.get("sources") or []
        rows.append({
            "date": p.get("date") or "undated",
            "event_type": p.get("event_type"),
            "sub_event_type": p.get("sub_event_type"),
            "place_name": p.get("place_name"),
            "admin1_name": p.get("admin1_name"),
            "admin1_code": p.get("admin1_code"),
            "killed": p.get("killed"),
            "injured": p.get("injured"),
            "actor": p.get("actor"),
            "casualty_claims": " · ".join(
                f"{c.get('kind')} {c.get('value')}" + ("" if c.get("role") in (None, "total") else f", {c['role']}")
                + f" ({c.get('claimant') or 'unattributed'})" for c in p.get("casualty_claims") or ()) or None,
            "n_sources": p.get("n_sources", len(sources)),
            "reprints": p.get("reprints") or 0,
            "confidence": p.get("confidence"),
            "latitude": lat,
            "longitude": lon,
            "articles": "; ".join(sorted({str(s.get("article")) for s in sources})),
            "quote": sources[0].get("quote") if sources else None,
            "id": p.get("id"),
        })
    return rows


def geojson_bytes(features: Sequence[Feature]) -> bytes:
    """Return a FeatureCollection of the features as UTF-8 JSON bytes."""
    data = {"type": "FeatureCollection", "features": list(features)}
    return json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")


def highlight_article(text: str, mentions: Iterable[Mapping[str, Any]]) -> str:
    """Return the article as escaped HTML with the recognised places marked.

    Parameters
    ----------
    text
        The article text; mention offsets index into it.
    mentions
        Place properties (``start``, ``end``, ``name``, ``feature_kind``,
        ``admin1_name``, ``confidence``, ``reason``).

    Returns
    -------
    str
        HTML in which every piece of article text is escaped; each mention is a
        ``<mark>`` whose tooltip names the chosen candidate and the reason.
    """
    spans = sorted(
        (m for m in mentions
         if isinstance(m.get("start"), int) and isinstance(m.get("end"), int)
         and 0 <= m["start"] < m["end"] <= len(text)),
        key=lambda m: (m["start"], -m["end"]),
    )
    parts: list[str] = []
    cursor = 0
    for mention in spans:
        start, end = mention["start"], mention["end"]
        if start < cursor:  # overlapping mention: keep the first
            continue
        parts.append(html.escape(text[cursor:start]))
        where = ", ".join(str(v) for v in (mention.get("admin1_name"),
                                           mention.get("country_code")) if v)
        tip = (
            f"{mention.get('name')} ({mention.get('feature_kind')}"
            f"{', ' + where if where else ''}) · confidence {mention.get('confidence')}"
            f" · {mention.get('reason') or ''}"
        )
        parts.append(
            f'<mark class="cm-place" title="{html.escape(tip, quote=True)}">'
            f"{html.escape(text[start:end])}</mark>"
        )
        cursor = end
    parts.append(html.escape(text[cursor:]))
    return "".join(parts)


ARTICLE_STYLE = ("white-space:pre-wrap;line-height:1.55;max-height:420px;overflow-y:auto;"
                 "border:1px solid #ddd;border-radius:6px;padding:10px 14px")


def article_html(text: str, mentions: Iterable[Mapping[str, Any]]) -> str:
    """The article reader's block: :func:`highlight_article` in a scrolling ``div``, for ``st.html``.

    Plain HTML, not Markdown: whatever the article says (``![](url)``, ``[a](url)``, backticks)
    stays text.
    """
    return f'<div class="cm-article" style="{ARTICLE_STYLE}">{highlight_article(text, mentions)}</div>'
