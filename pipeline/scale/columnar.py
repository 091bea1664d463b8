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
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.output.atomic import write_atomic

CRS = "EPSG:4326"
COLUMNAR_LAYERS = ("events", "places")
COMPRESSION = "zstd"  # smaller than snappy at similar speed; readable by DuckDB, QGIS (GDAL >= 3.8), geopandas
# rows per Parquet row group, the same in every writer below (whole layer, joined parts, streamed parts), so
# a layer's bytes do not depend on how it was made; also what a streamed join holds in memory at a time
ROW_GROUP_ROWS = 65_536


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
    frame.to_parquet(buffer, index=False, compression=COMPRESSION, schema_version="1.0.0",
                     row_group_size=ROW_GROUP_ROWS)
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
    (indices into that concatenation; None: all, as they are). None when the columns cannot be joined
    (see :func:`join_geoparquet`): the caller then writes the whole layer.
    """
    parts = [previous, to_geoparquet(new)] if new.get("features") else [previous]
    return join_geoparquet(parts, take)


def join_geoparquet(parts: list[bytes], take: list[int] | None = None) -> bytes | None:
    """The bytes ``to_geoparquet`` gives for the features of several GeoParquet ``parts`` together.

    Rows: the parts' rows one after the other, picked and ordered by ``take`` (None: all). A column's
    type is that of the parts where it has values (an all-null part takes it, as in the whole layer);
    only the geometry metadata (types, bbox) depends on the rows, and it is recomputed. None when
    the parts' columns differ in names or in the type of values (ints in one part, floats in another).
    """
    import pyarrow as pa
    import pyarrow.parquet as pq
    import shapely

    tables = [pq.read_table(io.BytesIO(part)) for part in parts]
    first = tables[0]
    if any(t.column_names != first.column_names for t in tables):
        return None
    entries = [{c["name"]: c for c in json.loads(t.schema.metadata[b"pandas"])["columns"]} for t in tables]
    fields, described = [], []
    for name in first.column_names:
        typed = [k for k, t in enumerate(tables) if t.column(name).null_count != len(t)] or [0]
        if len({tables[k].schema.field(name).type for k in typed}) != 1:
            return None
        fields.append(tables[typed[0]].schema.field(name))
        described.append(entries[typed[0]].get(name))
    schema = pa.schema(fields, metadata=first.schema.metadata)
    joined = pa.concat_tables([pa.Table.from_arrays([t.column(f.name).cast(f.type) for f in fields], schema=schema)
                               for t in tables])
    if take is not None:
        joined = joined.take(pa.array(take, type=pa.int64()))
    joined = joined.combine_chunks()
    metadata = dict(first.schema.metadata)
    pandas_meta = json.loads(metadata[b"pandas"])
    pandas_meta["columns"] = [d if d is not None else c for d, c in zip(described, pandas_meta["columns"])]
    metadata[b"pandas"] = json.dumps(pandas_meta).encode("utf-8")
    geo = json.loads(metadata[b"geo"])
    column = geo["columns"]["geometry"]
    geometries = shapely.from_wkb(joined.column("geometry").to_numpy(zero_copy_only=False))
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
    pq.write_table(joined.replace_schema_metadata(metadata), buffer, compression=COMPRESSION,
                   row_group_size=ROW_GROUP_ROWS)
    return buffer.getvalue()


def _has_values(part, index: int) -> bool:
    """Whether column ``index`` of the ParquetFile ``part`` holds a value (from its statistics when it can)."""
    meta = part.metadata
    for g in range(meta.num_row_groups):
        group = meta.row_group(g)
        stats = group.column(index).statistics
        if stats is None or not stats.has_null_count:
            return part.read(columns=[part.schema_arrow.names[index]]).column(0).null_count != meta.num_rows
        if stats.null_count < group.num_rows:
            return True
    return False


def join_geoparquet_files(parts: Sequence[Path | bytes], out: Path) -> bool:
    """Write to ``out`` the bytes :func:`join_geoparquet` gives for ``parts`` (no ``take``), one row group at a time.

    Memory holds one row group, not the layer; the geometry metadata (types, bbox) is the union of
    the parts' own (no geometry is decoded). False (nothing written) when the parts' columns differ
    in names or types, as ``join_geoparquet`` returns None.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    files = [pq.ParquetFile(p if isinstance(p, Path) else pa.BufferReader(p)) for p in parts]
    schemas = [f.schema_arrow for f in files]
    first = schemas[0]
    if any(s.names != first.names for s in schemas):
        return False
    entries = [{c["name"]: c for c in json.loads(s.metadata[b"pandas"])["columns"]} for s in schemas]
    fields, described = [], []
    for index, name in enumerate(first.names):
        typed = [k for k, f in enumerate(files) if _has_values(f, index)] or [0]
        if len({schemas[k].field(name).type for k in typed}) != 1:
            return False
        fields.append(schemas[typed[0]].field(name))
        described.append(entries[typed[0]].get(name))
    metadata = dict(first.metadata)
    pandas_meta = json.loads(metadata[b"pandas"])
    pandas_meta["columns"] = [d if d is not None else c for d, c in zip(described, pandas_meta["columns"])]
    metadata[b"pandas"] = json.dumps(pandas_meta).encode("utf-8")
    geo = json.loads(metadata[b"geo"])
    column = geo["columns"]["geometry"]
    types: set[str] = set()
    boxes = []
    for s in schemas:
        part_column = json.loads(s.metadata[b"geo"])["columns"]["geometry"]
        types.update(part_column.get("geometry_types", ()))
        box = part_column.get("bbox")
        if box is not None and all(map(math.isfinite, box)):
            boxes.append(box)
    column["geometry_types"] = sorted(types)
    column.pop("bbox", None)
    if boxes:
        column["bbox"] = [min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
                          max(b[3] for b in boxes)]
    metadata[b"geo"] = json.dumps(geo).encode("utf-8")
    schema = pa.schema(fields, metadata=metadata)
    sources = list(parts)
    files = schemas = None  # the parts are opened again one at a time below (never all at once)
    rows = 0
    with pq.ParquetWriter(out, schema, compression=COMPRESSION) as writer:
        pending: list[list] = [[] for _ in fields]  # per column, the pieces of the row group being filled
        held = 0

        def write() -> None:
            # only whole batches (sliced to the row group's end) are held: nothing of a written group stays pinned;
            # each column is made one contiguous array and its pieces let go before the next (one copy, not two)
            nonlocal held
            columns = []
            for k, f in enumerate(fields):
                pieces, pending[k] = pending[k], []
                columns.append(pa.concat_arrays(pieces) if pieces else pa.array([], type=f.type))
                del pieces
            held = 0
            writer.write_table(pa.Table.from_arrays(columns, schema=schema), row_group_size=ROW_GROUP_ROWS)

        for source in sources:
            part = pq.ParquetFile(source if isinstance(source, Path) else pa.BufferReader(source))
            for batch in part.iter_batches(batch_size=ROW_GROUP_ROWS):
                rows += batch.num_rows
                arrays = [batch.column(f.name).cast(f.type) for f in fields]
                start, rows_in = 0, batch.num_rows
                del batch
                while start < rows_in:
                    take = min(ROW_GROUP_ROWS - held, rows_in - start)
                    for k, array in enumerate(arrays):
                        pending[k].append(array.slice(start, take))
                    held += take
                    start += take
                    if held == ROW_GROUP_ROWS:
                        write()
                del arrays
            part.close()
        if held or not rows:
            write()
    pa.default_memory_pool().release_unused()  # the pool keeps freed pages otherwise: the layer's peak stays resident
    return True
