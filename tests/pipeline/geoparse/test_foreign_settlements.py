"""Villages of Russia and Belarus (postal rows of GeoNames) in the gazetteer, and their units by name.

Villages are chosen here from ``geodata/settlements.parquet`` by rule (a name only such a village carries
in the whole index, not an English word); the sentences around them are written here.
"""

from __future__ import annotations

import pandas as pd
import pytest

import geodata
from pipeline.text.textnorm import name_key
from wordfreq import zipf_frequency


@pytest.fixture(scope="module")
def settlements() -> pd.DataFrame:
    return geodata.load_settlements()


def _only_village(settlements: pd.DataFrame, gazetteer, admin1: str):
    """The first settlement of ``admin1`` whose one-word name no other row of the index carries."""
    rows = settlements[(settlements["admin1_code"] == admin1) & (settlements["kind"] == "settlement")]
    for village in rows.itertuples():
        found = gazetteer.rows_for_key(name_key(village.name))
        if (found and len(found) == 1 and gazetteer.minor_of[found[0]] and " " not in village.name
                and "-" not in village.name and zipf_frequency(village.name.lower(), "en") == 0):
            return village
    raise AssertionError(f"no village of {admin1} only the postal rows have")


def _places(geoparser, text: str) -> dict[str, dict]:
    return {p["text"]: p for p in geoparser.parse(text)}


@pytest.mark.parametrize(("admin1", "unit", "country"), [("RU-TVE", "Tver", "Russia"), ("BY-VI", "Vitebsk", "Belarus")])
def test_a_village_in_a_location_line_resolves_to_its_unit(geoparser, gazetteer, settlements, admin1, unit, country):
    village = _only_village(settlements, gazetteer, admin1)
    places = _places(geoparser, f"{village.name}, {unit} Oblast, {country}\nDrones were reported overnight.")
    found = places[village.name]
    assert found["admin1_code"] == admin1 and found["feature_kind"] == "city"
    assert abs(found["lat"] - village.lat) < 0.01 and abs(found["lon"] - village.lon) < 0.01


@pytest.mark.parametrize(("admin1", "unit", "country"), [("RU-TVE", "Tver", "Russia's"), ("BY-VI", "Vitebsk", "Belarus's")])
def test_a_village_in_prose_resolves_to_its_unit(geoparser, gazetteer, settlements, admin1, unit, country):
    village = _only_village(settlements, gazetteer, admin1)
    places = _places(geoparser, f"Drones struck {village.name} in {country} {unit} region overnight, the governor said.")
    assert places[village.name]["admin1_code"] == admin1


def test_a_village_is_not_found_in_an_article_about_another_country(geoparser, gazetteer, settlements):
    village = _only_village(settlements, gazetteer, "RU-TVE")
    places = _places(geoparser, f"Farmers near {village.name} in France protested on Monday, French media said.")
    assert village.name not in places or places[village.name]["country_code"] != "RU"


def test_villages_named_like_english_words_do_not_fire(geoparser, settlements):
    ru = settlements[(settlements["country_code"] == "RU") & (settlements["kind"] == "settlement")]
    words = [n for n in ru["name"] if n.isalpha() and zipf_frequency(n.lower(), "en") >= 4.5][:3]
    assert len(words) == 3  # the postal rows do hold such villages
    text = ("Russian officials spoke on Monday. " + " ".join(f"{w} was the word they used." for w in words)
            + " Moscow said it would respond.")
    kinds = {(p["text"], p["country_code"]) for p in geoparser.parse(text)}
    assert not any(t in words for t, _ in kinds)


def test_units_by_their_names_and_place_words(geoparser):
    assert _places(geoparser, "Kolomna, Moscow Oblast, Russia")["Moscow Oblast"]["admin1_code"] == "RU-MOS"
    assert _places(geoparser, "Drones hit the Moscow region overnight.")["Moscow region"]["admin1_code"] == "RU-MOS"
    assert _places(geoparser, "Drones hit Moscow overnight.")["Moscow"]["feature_kind"] == "city"  # the city
    assert _places(geoparser, "Sochi, Krasnodar Krai, Russia")["Krasnodar Krai"]["admin1_code"] == "RU-KDA"
    assert _places(geoparser, "Kazan, Republic of Tatarstan, Russia")["Republic of Tatarstan"]["admin1_code"] == "RU-TA"


def test_a_city_district_heading_a_location_line_is_the_city(geoparser):
    places = _places(geoparser, "Sovetsky Rayon, Voronezh, Russia")
    assert places["Voronezh"]["feature_kind"] == "city" and places["Voronezh"]["admin1_code"] == "RU-VOR"
    assert "Rayon" not in places and "Sovetsky" not in places


def test_an_unknown_village_whose_first_word_is_a_place_is_one_settlement(geoparser):
    # the first word is a known place, the second no name of the index: the whole head is the village
    places = _places(geoparser, "Krasnaya Zvyzdetka, Belgorod Oblast, Russia")
    assert places["Krasnaya Zvyzdetka"]["admin1_code"] == "RU-BEL"


def test_russian_districts_by_their_adjective_are_admin2_units_of_their_region(geoparser, settlements, admin1_names):
    """Every Russian district row of the border regions, named in the press form ("the Xsky district of the
    Y region"), resolves to that district: an admin-2 unit of its own region, not a town elsewhere."""
    districts = settlements[(settlements["kind"] == "raion") & (settlements["country_code"] == "RU")
                            & settlements["admin1_code"].isin(["RU-BEL", "RU-KRS", "RU-BRY"])]
    assert len(districts) >= 40
    wrong = []
    for d in districts.itertuples():
        press = next((n for n in d.names.split("|") if n.endswith("sky")), None)
        assert press is not None, d.name
        region = admin1_names[d.admin1_code]
        # (the unit itself: its span takes the noun in)
        place = _places(geoparser, f"Shelling hit the {press} district of the {region} region overnight.").get(
            f"{press} district")
        if place is None or place["feature_kind"] != "admin2" or place["admin1_code"] != d.admin1_code:
            wrong.append((press, place and (place["feature_kind"], place["admin1_code"])))
    assert not wrong


def test_russian_districts_by_their_cut_adjective_are_admin2_units(geoparser, settlements, admin1_names):
    """A district named by its adjective cut to the stem ("the Xsk district": the rebuild's short forms),
    with and without its region, resolves to that district; the border regions' districts are taken from
    the data."""
    districts = settlements[(settlements["kind"] == "raion") & (settlements["country_code"] == "RU")
                            & settlements["admin1_code"].isin(["RU-BEL", "RU-KRS", "RU-BRY"])]
    wrong, tried = [], 0
    for d in districts.itertuples():
        short = next((n for n in d.names.split("|") if n.endswith("sk") and not n.endswith("sky")), None)
        if short is None:
            continue
        tried += 1
        region = admin1_names[d.admin1_code]
        for text in (f"Drones were shot down over the {short} district of the {region} region.",
                     f"Drones were shot down over the {short} district on Friday, {region} officials said."):
            place = _places(geoparser, text).get(f"{short} district")
            if place is None or place["feature_kind"] != "admin2" or place["admin1_code"] != d.admin1_code:
                wrong.append((text, place and (place["feature_kind"], place["admin1_code"])))
    assert tried >= 20 and not wrong


def test_a_cut_adjective_that_names_a_town_stays_the_town(settlements, gazetteer):
    """No district carries a short form that is the name of another place: the cut adjective of a district
    named after its seat is the seat ("Kurskiy" → "Kursk"), which keeps only the town's reading."""
    districts = settlements[(settlements["kind"] == "raion") & (settlements["country_code"] == "RU")]
    shorts = [n for names in districts["names"] for n in names.split("|") if n.endswith("sk")]
    assert len(shorts) > 500
    shared = [n for n in shorts if any(gazetteer.kind_of[r] != "admin2" for r in gazetteer.rows_for_key(name_key(n)))]
    assert not shared


@pytest.fixture(scope="module")
def admin1_names() -> dict[str, str]:
    a1 = geodata.load_admin1()
    return dict(zip(a1["admin1_code"], a1["admin1_name"]))


def test_russian_district_rows_sit_inside_their_region(settlements):
    import geopandas as gpd

    districts = settlements[(settlements["kind"] == "raion") & (settlements["country_code"] == "RU")]
    assert len(districts) > 1000
    points = gpd.GeoDataFrame(districts[["admin1_code"]].reset_index(drop=True),
                              geometry=gpd.points_from_xy(districts["lon"], districts["lat"]), crs="EPSG:4326")
    a1 = geodata.load_admin1()[["admin1_code", "geometry"]].rename(columns={"admin1_code": "polygon"})
    joined = gpd.sjoin(points, a1, how="left", predicate="within")
    inside = (joined["polygon"] == joined["admin1_code"]).mean()
    assert inside > 0.97  # the median of a district's trusted points: a point in its own region


def test_a_sentence_initial_article_is_not_part_of_a_landmark(geoparser):
    assert "Kremlin" in _places(geoparser, "The Kremlin denied the report on Monday.")


def test_a_district_of_a_city_is_placed_at_the_city_not_at_a_namesake(geoparser):
    # a made-up city district: whatever town elsewhere its name resembles, it is a part of the city named
    # (placed at the city or at the unit, the mention is the district: its span takes the noun in)
    places = _places(geoparser, "Two people were hurt in the Slobidskyi district of Kharkiv, the mayor said.")
    district = places["Slobidskyi district"]
    assert district["name"] == places["Kharkiv"]["name"]
    assert district["admin1_code"] == "UA-63" and "a district of" in district["reason"]
    places = _places(geoparser, "Drones hit the Zhukovsky district of the Bryansk region overnight.")
    district = places["Zhukovsky district"]
    assert district["admin1_code"] == "RU-BRY" and district["feature_kind"] == "admin2"


def test_a_city_district_named_again_alone_stays_a_district_of_the_city(geoparser, gazetteer):
    """Once "the X district of Y" places X at the city Y, a bare "the X district" in the same article is that
    district too, not a town of that name elsewhere. X is found in the data: a Russian town's name ending in
    "-skoy" written as a Ukrainian adjective ("-skyi"), which alone reads as that town."""
    import numpy as np

    country = gazetteer._columns()[5]
    tried = 0
    for row in np.flatnonzero(np.asarray(gazetteer.kind_of) == "city").tolist():
        name = str(gazetteer._name[row])
        if country[row] != "RU" or not name.endswith("skoy") or gazetteer.population_of[row] < 20_000:
            continue
        district = name[:-2] + "yi"  # Slobodskoy -> Slobodskyi
        alone = _places(geoparser, f"A fire broke out in the {district} district on Monday.").get(district)
        if alone is None or alone["name"] != name:
            continue  # this spelling does not read as the town: no namesake to be misled by
        text = (f"Kharkiv came under attack overnight. A strike hit the {district} district, a fire broke out. "
                f"The strike was recorded in the {district} district of Kharkiv, the governor said.")
        found = [p for p in geoparser.parse(text) if p["text"] == f"{district} district"]
        assert len(found) == 2 and all(p["admin1_code"] == "UA-63" and "a district of" in p["reason"] for p in found)
        tried += 1
        if tried == 3:
            break
    assert tried >= 1


def test_a_sentence_describing_the_village_just_named_gives_its_unit(geoparser, gazetteer, settlements):
    # a village of one unit, named bare, then "The village in the <other unit> region …" in the next sentence
    village = _only_village(settlements, gazetteer, "RU-TVE")
    text = f"Officials said drones hit {village.name} overnight. The village in the Tver region lost power."
    place = _places(geoparser, text)[village.name]
    assert place["admin1_code"] == "RU-TVE" and "next sentence" in place["reason"]
    # a sentence about something else does not qualify the place before it
    text = f"Officials said drones hit {village.name} overnight. The governor of the Kursk region said more."
    assert "next sentence" not in _places(geoparser, text)[village.name]["reason"]


def test_the_described_unit_decides_between_namesakes(geoparser, gazetteer, settlements, admin1_names):
    """For namesake villages of two oblasts, the sentence after the bare name decides which one is meant."""
    ua = settlements[(settlements["country_code"] == "UA") & (settlements["kind"] == "village")]
    twice = ua.groupby("name")["admin1_code"].agg(lambda codes: tuple(sorted(set(codes))))
    tried = 0
    for name, codes in twice.items():
        if len(codes) != 2 or " " in name or "-" in name or zipf_frequency(name.lower(), "en") > 0:
            continue
        for code in codes:
            other = next(c for c in codes if c != code)  # named too, but not as the village's unit
            text = (f"Shelling was reported in the {admin1_names[other]} region. Officials said drones hit {name} "
                    f"overnight. The village in the {admin1_names[code]} region lost power.")
            place = _places(geoparser, text).get(name)
            assert place is not None and place["admin1_code"] == code, (name, code, place and place["admin1_code"])
        tried += 1
        if tried == 5:
            break
    assert tried == 5
