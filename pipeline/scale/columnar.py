"""GeoParquet copies of the events and places layers (geopandas ``to_parquet``), byte-deterministic.

Column types are inferred the same way for every build: integers (with gaps) as nullable
``Int64``, booleans as ``boolean``, text as ``string``, and nested values (an event's
``sources``) as JSON text, so DuckDB, QGIS and geopandas read the file without a nested schema.
Geometry is WKB in EPSG:4326 (lon, lat), an absent geometry is null.
"""

from __future__ import annotations

import io
import math
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


def _geometries(features: list[dict]) -> list:
    """Shapely geometries of the features: Points made in one vectorised call (most features), others one by one."""
    import numpy as np
    import shapely
    from shapely.geometry import shape

    out: list = [None] * len(features)
    at, coords = [], []
    for i, f in enumerate(features):
        geometry = f.get("geometry")
        if not geometry:
            continue
        if geometry["type"] == "Point" and len(geometry["coordinates"]) == 2:
            at.append(i)
            coords.append(geometry["coordinates"])  # (lon, lat): shapely's (x, y)
        else:
            out[i] = shape(geometry)
    if at:
        for i, point in zip(at, shapely.points(np.asarray(coords, dtype=float))):
            out[i] = point
    return out


def to_geoparquet(collection: dict) -> bytes:
    """GeoParquet bytes of a GeoJSON FeatureCollection (same input, same bytes)."""
    import geopandas as gpd

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
    geometry = _geometries(features)
    frame = gpd.GeoDataFrame(pd.DataFrame(columns, index=pd.RangeIndex(len(features))),
                             geometry=gpd.GeoSeries(geometry, crs=CRS), crs=CRS)
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False, compression=COMPRESSION, schema_version="1.0.0")
    return buffer.getvalue()


def write_columnar(result: Any, out_dir: Path) -> None:
    """``events.parquet`` and ``places.parquet`` beside the GeoJSON, each written atomically."""
    for layer in COLUMNAR_LAYERS:
        write_atomic(Path(out_dir) / f"{layer}.parquet", to_geoparquet(getattr(result, layer)))


_TYPE_NAMES = ("Point", "LineString", "LineString", "Polygon", "MultiPoint", "MultiLineString", "MultiPolygon",
               "GeometryCollection")  # shapely type ids 0-7, as geopandas names them in the "geo" metadata


def extend_geoparquet(previous: bytes, new: dict, take: list[int] | None = None) -> bytes | None:
    """The bytes ``to_geoparquet`` gives for a layer, from its previous file and the changed features only.

    The rows are those of ``previous`` followed by ``new``'s features, picked and ordered by ``take``
    (indices into that concatenation; None: all, as they are). Only the geometry metadata (types,
    bbox) depends on the rows, and it is recomputed; the rest is copied. None when a column of the new
    rows has another type than the previous file's (the caller then writes the whole layer):
    an all-null new column takes the previous type, as it would in the whole layer.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq
    import shapely

    table = pq.read_table(io.BytesIO(previous))
    if new.get("features"):
        added = pq.read_table(io.BytesIO(to_geoparquet(new)))
        if added.column_names != table.column_names:
            return None
        columns = []
        for name, field in zip(table.column_names, table.schema):
            column = added.column(name)
            if column.type != field.type:
                if column.null_count != len(column) or table.column(name).null_count == len(table):
                    return None  # the whole layer would have another column type
                column = column.cast(field.type)
            columns.append(column)
        table = pa.concat_tables([table, pa.Table.from_arrays(columns, schema=table.schema)])
    if take is not None:
        table = table.take(pa.array(take, type=pa.int64()))
    table = table.combine_chunks()
    metadata = dict(table.schema.metadata)
    geo = json.loads(metadata[b"geo"])
    column = geo["columns"]["geometry"]
    geometries = shapely.from_wkb(table.column("geometry").to_numpy(zero_copy_only=False))
    ids = shapely.get_type_id(geometries)
    ids[shapely.has_z(geometries)] += 8
    column["geometry_types"] = sorted({(_TYPE_NAMES[i % 8] + (" Z" if i >= 8 else "")) for i in set(ids.tolist())
                                       if i >= 0})
    column.pop("bbox", None)
    bbox = shapely.total_bounds(geometries).tolist()
    if all(map(math.isfinite, bbox)):
        column["bbox"] = bbox
    metadata[b"geo"] = json.dumps(geo).encode("utf-8")
    buffer = io.BytesIO()
    pq.write_table(table.replace_schema_metadata(metadata), buffer, compression=COMPRESSION)
    return buffer.getvalue()
