"""The map view of a briefing image: projection, extent and projected basemap layers."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import shapely
from pyproj import CRS, Transformer
from shapely.geometry import box, shape
from shapely.geometry.base import BaseGeometry

from pipeline.output.snapshot.options import SnapshotOptions

if TYPE_CHECKING:
    from pipeline.output.snapshot.selection import _Selection

WGS84 = "EPSG:4326"
WEB_MERCATOR = "EPSG:3857"
_MARGIN = 0.08
_MIN_SPAN_M = 60_000.0


@functools.lru_cache(maxsize=1)
def _load_countries() -> Any:
    import geodata

    return geodata.load_countries()


@functools.lru_cache(maxsize=1)
def _load_admin1() -> Any:
    import geodata

    return geodata.load_admin1()


@dataclass
class _View:
    crs: CRS
    to_map: Transformer  # lon/lat -> map x/y
    to_lonlat: Transformer
    extent: tuple[float, float, float, float]  # xmin, ymin, xmax, ymax in map units


def _view_crs(lon: float, lat: float, *, tiles: bool) -> CRS:
    if tiles:
        return CRS.from_user_input(WEB_MERCATOR)
    # Rounded centre keeps the projection (and so the bytes) stable under tiny data changes.
    return CRS.from_proj4(f"+proj=laea +lat_0={round(lat, 1)} +lon_0={round(lon, 1)} +datum=WGS84 +units=m +no_defs")


def _data_bounds(selection: _Selection, events: dict[str, Any], oblasts: dict[str, Any],
                 options: SnapshotOptions) -> list[BaseGeometry]:
    """Geometries (lon/lat) the default extent must contain."""
    if options.bbox:
        return [box(*options.bbox)]
    geoms: list[BaseGeometry] = list(selection.admin1_units)
    if not geoms:
        if len(selection.points):
            geoms.append(shapely.multipoints(np.column_stack([selection.points["lon"], selection.points["lat"]])))
        geoms.extend(geom for _, geom in selection.claims)
    if not geoms:  # nothing matched the filters: keep the data's own area in view
        geoms = [shape(f["geometry"]) for f in oblasts.get("features", []) if f.get("geometry")]
        geoms += [shape(f["geometry"]) for f in events.get("features", []) if f.get("geometry")]
    if not geoms:
        geoms = [box(-170, -60, 170, 75)]
    return geoms


def _make_view(geoms: list[BaseGeometry], aspect: float, *, tiles: bool, exact: bool) -> _View:
    """Fit ``geoms`` (lon/lat) with a margin into a map extent of the given width/height ``aspect``."""
    union_bounds = shapely.total_bounds(np.array(geoms, dtype=object))
    lon0 = (union_bounds[0] + union_bounds[2]) / 2
    lat0 = (union_bounds[1] + union_bounds[3]) / 2
    crs = _view_crs(lon0, lat0, tiles=tiles)
    to_map = Transformer.from_crs(WGS84, crs, always_xy=True)
    to_lonlat = Transformer.from_crs(crs, WGS84, always_xy=True)
    xs, ys = [], []
    for geom in geoms:
        if exact:  # the requested box itself, densified so its curved projected edges are covered
            coords = np.asarray(shapely.segmentize(box(*geom.bounds), max_segment_length=0.5).exterior.coords)
        else:
            coords = shapely.get_coordinates(geom)
        x, y = to_map.transform(coords[:, 0], coords[:, 1])  # always_xy: (lon, lat) -> (x, y)
        xs.append(np.asarray(x))
        ys.append(np.asarray(y))
    x_all, y_all = np.concatenate(xs), np.concatenate(ys)
    finite = np.isfinite(x_all) & np.isfinite(y_all)
    xmin, xmax = float(x_all[finite].min()), float(x_all[finite].max())
    ymin, ymax = float(y_all[finite].min()), float(y_all[finite].max())
    width, height = max(xmax - xmin, _MIN_SPAN_M), max(ymax - ymin, _MIN_SPAN_M)
    if not exact:
        width, height = width * (1 + 2 * _MARGIN), height * (1 + 2 * _MARGIN)
    if width / height < aspect:
        width = height * aspect
    else:
        height = width / aspect
    cx, cy = (xmin + xmax) / 2, (ymin + ymax) / 2
    extent = (cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)
    return _View(crs=crs, to_map=to_map, to_lonlat=to_lonlat, extent=extent)


def _lonlat_window(view: _View, extent: tuple[float, float, float, float]) -> tuple[float, float, float, float]:
    """Lon/lat bounds covering a map extent (densified edges), padded a little."""
    ring = shapely.segmentize(box(*extent), max_segment_length=(extent[2] - extent[0]) / 40).exterior
    coords = np.asarray(ring.coords)
    lon, lat = view.to_lonlat.transform(coords[:, 0], coords[:, 1])
    lon, lat = np.asarray(lon), np.asarray(lat)
    ok = np.isfinite(lon) & np.isfinite(lat)
    west, east = float(lon[ok].min()) - 1, float(lon[ok].max()) + 1
    south, north = float(lat[ok].min()) - 1, float(lat[ok].max()) + 1
    return max(west, -180.0), max(south, -89.0), min(east, 180.0), min(north, 89.0)


def _project_frame(frame: Any, view: _View, extent: tuple[float, float, float, float]) -> Any:
    """Clip a lon/lat GeoDataFrame to the window around ``extent`` and project it."""
    west, south, east, north = _lonlat_window(view, extent)
    clipped = frame.clip_by_rect(west, south, east, north)
    kept = frame.loc[~clipped.is_empty].copy()
    kept["geometry"] = clipped[~clipped.is_empty]
    kept = kept.set_geometry("geometry")
    if kept.crs is None:
        kept = kept.set_crs(WGS84)
    return kept.to_crs(view.crs)


def _project_geoms(geoms: list[BaseGeometry], view: _View) -> list[BaseGeometry]:
    def transform(coords: np.ndarray) -> np.ndarray:
        x, y = view.to_map.transform(coords[:, 0], coords[:, 1])  # (lon, lat) -> (x, y)
        return np.column_stack([x, y])

    return [shapely.transform(geom, transform) for geom in geoms]
