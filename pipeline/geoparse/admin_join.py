"""Join points to the admin-1 polygons: ``within`` first, then the nearest unit within a few km."""

from __future__ import annotations

from functools import lru_cache

import geopandas as gpd
import pandas as pd

import geodata

CRS = "EPSG:4326"
METRIC_CRS = "EPSG:3857"
NEAREST_KM = 5.0


@lru_cache(maxsize=1)
def _layer() -> gpd.GeoDataFrame:
    return geodata.load_admin1()[["admin1_code", "admin1_name", "country_code", "geometry"]]


def join_admin1(lats: list[float], lons: list[float], *, admin1: gpd.GeoDataFrame | None = None) -> pd.DataFrame:
    """``admin1_code``, ``admin1_name``, ``country_code`` (or None) for each point, in order.

    Points on a coast or border that fall outside every polygon take the nearest unit within
    ``NEAREST_KM`` km; ``how`` says which rule placed each point.
    """
    layer = _layer() if admin1 is None else admin1
    # shapely/geopandas take x=lon, y=lat
    points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(lons, lats), crs=CRS)
    within = gpd.sjoin(points, layer, how="left", predicate="within")
    within = within[~within.index.duplicated(keep="first")]
    result = within[["admin1_code", "admin1_name", "country_code"]].copy()
    result["how"] = result["admin1_code"].notna().map({True: "within", False: None})
    missing = result["admin1_code"].isna()
    if missing.any():
        near = gpd.sjoin_nearest(points[missing].to_crs(METRIC_CRS), layer.to_crs(METRIC_CRS), how="left",
                                 max_distance=NEAREST_KM * 1000 / 0.64, distance_col="dist")
        near = near[~near.index.duplicated(keep="first")]
        hit = near["admin1_code"].notna()
        for col in ("admin1_code", "admin1_name", "country_code"):
            result.loc[near.index[hit], col] = near.loc[hit, col].values
        result.loc[near.index[hit], "how"] = "nearest"
    return result.astype(object).where(result.notna(), None).reset_index(drop=True)


# a city with the status of a region (Kyiv, Sevastopol, Moscow, Minsk) lies in the region that surrounds it: a unit at
# most this large (square degrees: ~3,000 km² at 50°N; a republic or an autonomous district enclosed by a krai is
# larger, and is no part of it) ...
ENCLAVE_MAX_DEG2 = 0.5
# ... whose point lies in the convex hull of a unit of its country at least this many times its area ...
ENCLOSING_AREA_RATIO = 10.0
# ... that it touches (the two outlines are generalised separately: widened by this many degrees)
ENCLAVE_TOUCH_DEG = 0.02


@lru_cache(maxsize=1)
def _enclosing() -> dict[str, str]:
    """Admin-1 code of each city-region -> the code of the region that surrounds it (``ENCLAVE_MAX_DEG2``)."""
    import shapely

    layer = _layer()
    geoms, codes, countries = list(layer.geometry), list(layer.admin1_code), list(layer.country_code)
    areas = [g.area for g in geoms]
    hulls = shapely.STRtree([g.convex_hull for g in geoms])
    out: dict[str, str] = {}
    for i, geom in enumerate(geoms):
        if areas[i] > ENCLAVE_MAX_DEG2:
            continue
        inside = hulls.query(geom.representative_point(), predicate="within")
        around = [j for j in sorted(inside, key=lambda j: areas[j]) if j != i and isinstance(codes[j], str) and
                  countries[j] == countries[i] and
                  areas[j] >= ENCLOSING_AREA_RATIO * areas[i] and geoms[j].buffer(ENCLAVE_TOUCH_DEG).intersects(geom)]
        if around:
            out[codes[i]] = codes[around[0]]
    return out


def lies_in_unit(code: str | None, container: str | None) -> bool:
    """Whether admin-1 unit ``code`` lies in unit ``container``: the same unit, or a city-region inside the region
    that surrounds it ("Sevastopol in Crimea", "Kyiv in the Kyiv region": ``_enclosing``)."""
    if code is None or container is None:
        return False
    return code == container or _enclosing().get(code) == container
