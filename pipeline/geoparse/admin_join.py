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
