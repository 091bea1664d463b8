"""Bundled geographic data of conflictmap and its loaders.

Files are found with :mod:`importlib.resources`, so an installed package finds them from
any working directory. Every file, its source, licence and rebuild command is listed in
``geodata/README.md``. Rebuild with ``conflictmap geodata rebuild``.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

import geopandas as gpd
import pandas as pd


class DataError(ValueError):
    """A bundled data file is missing or corrupt (``pipeline.errors`` re-exports it)."""


CRS = "EPSG:4326"
ATTRIBUTION = "boundaries: Natural Earth · places: GeoNames (CC BY 4.0)"
REBUILD_COMMAND = "conflictmap geodata rebuild"
# the countries whose admin-1 polygons ``admin1.parquet`` holds
ADMIN1_COUNTRIES = ("UA", "RU", "BY", "MD", "PL", "SK", "HU", "RO")


def data_path(name: str) -> Path:
    """Path of the bundled file ``name``."""
    return Path(str(resources.files(__name__).joinpath(name)))


def _read(name: str, reader):
    path = data_path(name)
    if not path.exists():
        msg = f"geodata file {path} is missing; rebuild it with `{REBUILD_COMMAND}`"
        raise DataError(msg)
    try:
        return reader(path)
    except Exception as exc:  # any parser error means the file is unusable
        msg = f"geodata file {path} is corrupt ({type(exc).__name__}); rebuild it with `{REBUILD_COMMAND}`"
        raise DataError(msg) from exc


@lru_cache(maxsize=1)
def load_admin1() -> gpd.GeoDataFrame:
    """Admin-1 polygons of Ukraine and its neighbours (ISO 3166-2 ``admin1_code``)."""
    return _read("admin1.parquet", gpd.read_parquet)


@lru_cache(maxsize=1)
def load_countries() -> gpd.GeoDataFrame:
    """Country polygons of the world, generalised: the offline basemap."""
    return _read("countries.parquet", gpd.read_parquet)


@lru_cache(maxsize=1)
def load_gazetteer_table() -> pd.DataFrame:
    """GeoNames places, countries, admin-1 units and continents with their names."""
    return _read("gazetteer.parquet", pd.read_parquet)


@lru_cache(maxsize=1)
def load_landmarks() -> pd.DataFrame:
    """Hand-sourced landmarks that GeoNames' cities lack (one source note per row)."""
    return _read("landmarks.csv", lambda p: pd.read_csv(p, dtype={"geonameid": "Int64"}, keep_default_na=False))


@lru_cache(maxsize=1)
def load_settlements() -> pd.DataFrame:
    """Every settlement of Ukraine's codifier and of Russia's border oblasts, with raions, hromadas and
    oblasts, their names in every spelling tradition and an exact or approximate point."""
    return _read("settlements.parquet", pd.read_parquet)
