"""GeoParquet copies of the events and places layers (geopandas ``to_parquet``), byte-deterministic.

Column types are inferred the same way for every build: integers (with gaps) as nullable
``Int64``, booleans as ``boolean``, text as ``string``, and nested values (an event's
``sources``) as JSON text, so DuckDB, QGIS and geopandas read the file without a nested schema.
Geometry is WKB in EPSG:4326 (lon, lat), an absent geometry is null.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.output.atomic import write_atomic

CRS = "EPSG:4326"
COLUMNAR_LAYERS = ("events", "places")
COMPRESSION = "zstd"  # smaller than snappy at similar speed; readable by DuckDB, QGIS (GDAL >= 3.8), geopandas


def _column(values: list[Any]) -> pd.Series:
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, bool) for v in present):
        return pd.Series(values, dtype="boolean")
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return pd.Series(values, dtype="Int64")
    if present and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
        return pd.Series([None if v is None else float(v) for v in values], dtype="Float64")
    if all(isinstance(v, str) for v in present):
        return pd.Series(values, dtype="string")
    return pd.Series([None if v is None else json.dumps(v, ensure_ascii=False, sort_keys=True) for v in values],
                     dtype="string")


def to_geoparquet(collection: dict) -> bytes:
    """GeoParquet bytes of a GeoJSON FeatureCollection (same input, same bytes)."""
    import geopandas as gpd
    from shapely.geometry import shape

    features = collection.get("features", [])
    keys: dict[str, None] = {}
    if any("id" in f for f in features) and not any("id" in (f.get("properties") or {}) for f in features):
        keys["id"] = None
    for f in features:
        keys.update(dict.fromkeys(f.get("properties") or {}))
    columns = {}
    for key in keys:
        if key == "id" and key not in (features[0].get("properties") or {}):
            columns[key] = _column([f.get("id") for f in features])
        else:
            columns[key] = _column([(f.get("properties") or {}).get(key) for f in features])
    geometry = [shape(f["geometry"]) if f.get("geometry") else None for f in features]
    frame = gpd.GeoDataFrame(pd.DataFrame(columns, index=pd.RangeIndex(len(features))),
                             geometry=gpd.GeoSeries(geometry, crs=CRS), crs=CRS)
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False, compression=COMPRESSION, schema_version="1.0.0")
    return buffer.getvalue()


def write_columnar(result: Any, out_dir: Path) -> None:
    """``events.parquet`` and ``places.parquet`` beside the GeoJSON, each written atomically."""
    for layer in COLUMNAR_LAYERS:
        write_atomic(Path(out_dir) / f"{layer}.parquet", to_geoparquet(getattr(result, layer)))
