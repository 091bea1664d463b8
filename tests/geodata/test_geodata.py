"""Integrity of the bundled geodata: ISO codes, recognised borders, valid polygons, provenance."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pycountry
import pytest
import shapely

import geodata
from pipeline.errors import DataError


@pytest.fixture(scope="module")
def admin1():
    return geodata.load_admin1()


def test_ukraine_has_27_units_with_valid_iso_codes(admin1):
    ua = admin1[admin1["country_code"] == "UA"]
    assert len(ua) == 27
    iso = {s.code for s in pycountry.subdivisions.get(country_code="UA")}
    assert set(ua["admin1_code"]) == iso


def test_crimea_and_sevastopol_are_ukrainian_units(admin1):
    by_code = admin1.set_index("admin1_code")
    assert by_code.loc["UA-43", "country_code"] == "UA"
    assert by_code.loc["UA-40", "country_code"] == "UA"
    # the Crimean peninsula (Simferopol, x=lon y=lat) lies in UA-43, not in any Russian unit
    simferopol = shapely.Point(34.10, 44.95)
    hits = admin1[admin1.geometry.contains(simferopol)]
    assert list(hits["admin1_code"]) == ["UA-43"]


def test_key_units_have_expected_codes(admin1):
    names = dict(zip(admin1["admin1_code"], admin1["admin1_name"]))
    assert "Donetsk" in names["UA-14"]
    assert "Luhansk" in names["UA-09"]
    assert names["RU-MOW"] == "Moskva"


def test_neighbours_are_kept(admin1):
    assert {"UA", "RU", "BY", "MD", "PL", "SK", "HU", "RO"} <= set(admin1["country_code"])


def test_polygons_are_valid_and_wound_counter_clockwise(admin1):
    assert admin1.geometry.is_valid.all()
    for geom in admin1.geometry:
        for poly in getattr(geom, "geoms", [geom]):
            assert poly.exterior.is_ccw


def test_ukrainian_units_do_not_overlap_beyond_tolerance(admin1):
    ua = admin1[admin1["country_code"] == "UA"].to_crs("EPSG:6381")  # UCS-2000 / Ukraine TM zone, metres
    geoms = list(ua.geometry)
    for i, a in enumerate(geoms):
        for b in geoms[i + 1:]:
            assert a.intersection(b).area < 1e6  # under 1 km² of sliver overlap


def test_countries_basemap_covers_the_world():
    countries = geodata.load_countries()
    assert len(countries) > 200
    assert countries.geometry.is_valid.all()
    assert {"UA", "RU", "US", "CN"} <= set(countries["country_code"])


def test_every_geodata_file_is_documented():
    readme = (Path(geodata.__file__).parent / "README.md").read_text(encoding="utf-8")
    for path in Path(geodata.__file__).parent.iterdir():
        if path.suffix in (".parquet", ".csv", ".json"):
            assert path.name in readme, f"{path.name} is not listed in geodata/README.md"


def test_landmarks_have_a_source_per_row():
    landmarks = geodata.load_landmarks()
    assert (landmarks["source"].str.len() > 10).all()
    assert landmarks["lat"].between(-90, 90).all() and landmarks["lon"].between(-180, 180).all()


def test_missing_file_names_the_file_and_the_rebuild_command(monkeypatch, tmp_path):
    monkeypatch.setattr(geodata, "data_path", lambda name: tmp_path / name)
    with pytest.raises(DataError) as err:
        geodata._read("admin1.parquet", lambda p: None)
    assert "admin1.parquet" in str(err.value) and "conflictmap geodata rebuild" in str(err.value)


def test_corrupt_file_gives_a_clear_error(monkeypatch, tmp_path):
    bad = tmp_path / "admin1.parquet"
    bad.write_bytes(b"not parquet")
    monkeypatch.setattr(geodata, "data_path", lambda name: tmp_path / name)
    import geopandas as gpd

    with pytest.raises(DataError, match="corrupt"):
        geodata._read("admin1.parquet", gpd.read_parquet)


def test_installed_package_finds_its_data_from_another_directory(tmp_path):
    code = "import geodata; print(len(geodata.load_admin1()), geodata.data_path('gazetteer.parquet').exists())"
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert out.stdout.split() == [str(len(geodata.load_admin1())), "True"]


def test_countryinfo_entries_sharing_a_code_resolve_to_the_country_itself():
    from geodata.rebuild import countryinfo_by_alpha2

    info = {
        "united kingdom": {"ISO": {"alpha2": "GB"}, "latlng": [54, -2], "demonym": "British",
                           "altSpellings": ["GB", "UK"], "name": "United Kingdom"},
        "wales": {"ISO": {"alpha2": "GB"}, "demonym": "Welsh", "altSpellings": [], "name": "Wales"},
        "palestine": {"ISO": {"alpha2": "PS"}, "latlng": [31.9, 35.2], "demonym": "Palestinian",
                      "altSpellings": ["PS"]},
        "palestine, state of": {"ISO": {"alpha2": "PS"}, "altSpellings": ["State of Palestine"], "capital": "x",
                                "region": "Asia", "subregion": "Western Asia"},
    }
    chosen = countryinfo_by_alpha2(info)
    assert chosen["GB"]["demonym"] == "British" and chosen["GB"]["latlng"] == [54, -2]
    # the entry named like the country wins; what it lacks comes from the other entry
    assert chosen["PS"]["capital"] == "x" and chosen["PS"]["demonym"] == "Palestinian"
    assert chosen["PS"]["latlng"] == [31.9, 35.2]
    assert chosen["PS"]["altSpellings"] == ["State of Palestine", "PS"]


def test_the_gazetteer_knows_the_demonyms_of_countries_with_several_countryinfo_entries():
    table = geodata.load_gazetteer_table()
    countries = table[table["feature_kind"] == "country"].set_index("country_code")
    assert countries.loc["GB", "demonyms"] == "British"
    assert countries.loc["PS", "demonyms"] == "Palestinian"


def test_units_the_iso_names_miss_are_matched_on_the_subdivisions_other_names():
    import pandas as pd

    from geodata.rebuild import _match_iso

    # Natural Earth-like units of Russia: one the ISO name matches, two it does not ("Permskiy kray",
    # "Severnaya Osetiya, Respublika"), one with no counterpart at all
    units = pd.DataFrame({"name": ["Tver'", "Perm'", "North Ossetia", "Nowhere Land"],
                          "gn_name": ["Tverskaya Oblast'", "Perm Krai", "North Ossetia", None],
                          "woe_name": [None, None, None, None]}, index=[10, 11, 12, 13])
    aliases = {"RU-PER": ["Perm Krai", "Пермский край"], "RU-SE": ["North Ossetia–Alania"],
               "RU-TVE": ["Tver Oblast"]}
    first = _match_iso(units, "RU")
    assert {i: c for i, (c, _) in first.items()} == {10: "RU-TVE"}
    both = _match_iso(units, "RU", aliases)
    assert {i: c for i, (c, _) in both.items()} == {10: "RU-TVE", 11: "RU-PER", 12: "RU-SE"}


def test_perm_sakha_and_north_ossetia_have_their_codes(admin1):
    codes = set(admin1["admin1_code"].dropna())
    assert {"RU-PER", "RU-SA", "RU-SE"} <= codes


def test_unit_names_from_aliases_keep_only_distinct_proper_names():
    from geodata.rebuild import exonyms, only_generic

    aliases = ["Bavaria", "State of Bayern", "Central Region", "BY", "Kent", "Region (II)", "Bay 2", "Freistaat"]
    assert exonyms(aliases, taken={"kent"}, own=["Bayern"]) == {"Bavaria", "Freistaat"}
    assert only_generic("Nord-Est") and only_generic("Western Province") and not only_generic("North Ossetia")


def test_subdivision_names_read_in_order():
    from geodata.rebuild import _plain_name

    assert _plain_name("Wales [Cymru GB-CYM]") == "Wales"
    assert _plain_name("Valenciana, Comunidad") == "Comunidad Valenciana"


def test_iso_top_level_units_drawn_as_their_parts_have_a_point_inside_their_country():
    gaz = geodata.load_gazetteer_table()
    countries = geodata.load_countries().set_index("country_code")
    units = gaz[(gaz["feature_kind"] == "admin1") & gaz["admin1_code"].str.startswith("GB-", na=False)]
    assert {"GB-ENG", "GB-SCT", "GB-WLS", "GB-NIR"} <= set(units["admin1_code"])
    shape = countries.loc["GB", "geometry"]
    for lat, lon in zip(units["lat"], units["lon"]):
        assert shape.buffer(0.05).contains(shapely.Point(lon, lat))


def test_no_landmark_name_only_adds_an_article():
    """"the Kremlin" beside "Kremlin" would make a sentence-initial "The" part of the place's text."""
    for row in geodata.load_landmarks().itertuples():
        names = [row.name, *filter(None, str(row.names or "").split("|"))]
        keys = {n.lower() for n in names}
        assert not [n for n in names if n.lower().startswith("the ") and n.lower()[4:] in keys], row.name
