"""Read pipeline outputs, merge newly added articles, and shape data for views and downloads.

Pure helpers of the dashboard page, apart from :func:`load_outputs`, which reads an
output folder (see the data contracts: ``events.geojson``, ``places.geojson``,
``oblasts.geojson``, ``articles.jsonl``).
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from pipeline.errors import InputError

Feature = dict[str, Any]
OUTPUT_FILES: tuple[str, ...] = ("events.geojson", "places.geojson", "oblasts.geojson")

TABLE_COLUMNS: tuple[str, ...] = (
    "date", "event_type", "sub_event_type", "place_name", "admin1_name", "admin1_code",
    "killed", "injured", "actor", "casualty_claims", "n_sources", "confidence", "latitude", "longitude", "articles",
    "quote", "id",
)


def _empty_collection() -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": []}


def _read_collection(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        msg = f"cannot read {path}: {err}"
        raise InputError(msg) from err
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        msg = f"{path} is not a GeoJSON FeatureCollection"
        raise InputError(msg)
    return data


def load_outputs(data_dir: Path | str) -> dict[str, Any]:
    """Read one output folder of the pipeline.

    Parameters
    ----------
    data_dir
        Folder holding ``events.geojson`` and friends.

    Returns
    -------
    dict
        ``events``, ``places``, ``oblasts`` (FeatureCollections) and ``articles``
        (list of article records).

    Raises
    ------
    InputError
        If ``events.geojson`` is missing or a file is not what the contract says.
    """
    folder = Path(data_dir)
    if not (folder / "events.geojson").is_file():
        msg = f"no events.geojson in {folder}; build it with `conflictmap build`"
        raise InputError(msg)
    out: dict[str, Any] = {}
    for name in OUTPUT_FILES:
        path = folder / name
        out[name.split(".")[0]] = _read_collection(path) if path.is_file() else _empty_collection()
    articles = []
    path = folder / "articles.jsonl"
    if path.is_file():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                articles.append(json.loads(line))
            except ValueError as err:
                msg = f"{path}:{number}: not a JSON line ({err})"
                raise InputError(msg) from err
    out["articles"] = articles
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
