"""Context constrains namesakes: every item of a list of villages, and Russian-tradition spellings.

Village names come from ``geodata/settlements.parquet`` (names with namesakes in other oblasts); the
sentences are written here.
"""

from __future__ import annotations

import pandas as pd
import pytest

import geodata
from pipeline.text.translit import name_variants, uk_to_ru


@pytest.fixture(scope="module")
def settlements() -> pd.DataFrame:
    return geodata.load_settlements()


def _namesake_villages(settlements: pd.DataFrame, admin1: str, n: int) -> list[str]:
    """``n`` one-word village names of ``admin1`` (exact points) that also name a settlement of another
    oblast, the biggest namesakes first (the hardest cases for a population prior)."""
    villages = settlements[settlements["kind"] == "village"]
    oblasts = villages.groupby("name")["admin1_code"].nunique()
    here = villages[(villages["admin1_code"] == admin1) & (villages["precision"] == "exact")]
    names = [name for name in dict.fromkeys(here["name"]) if oblasts.get(name, 0) >= 3 and " " not in name
             and "-" not in name and (here["name"] == name).sum() == 1]
    assert len(names) >= n
    return names[:n]


def test_every_village_of_a_list_takes_the_oblast_the_article_names(geoparser, settlements):
    names = _namesake_villages(settlements, "UA-65", 3)
    text = ("Ukraine's army confirms the liberation of three villages in Kherson Oblast.\n\n"
            f"Ukrainian troops liberated the villages of {names[0]}, {names[1]} and {names[2]}, "
            "the southern command said on Tuesday.")
    places = {p["text"]: p for p in geoparser.parse(text)}
    for name in names:
        assert places[name]["admin1_code"] == "UA-65", places[name]["reason"]
        assert "named a village" in places[name]["reason"]


def test_a_list_after_settlements_of_marks_every_item(gazetteer):
    from pipeline.geoparse.recognise import find_mentions

    text = "People were evacuated from the settlements of Kharkiv, Sumy and Poltava, officials said."
    mentions = [m for m in find_mentions(text, gazetteer) if m.kind in ("name", "variant")]
    assert [m.text for m in mentions] == ["Kharkiv", "Sumy", "Poltava"]
    assert all(m.settlement and m.village for m in mentions)


def test_a_town_list_does_not_drop_the_population_prior(gazetteer):
    from pipeline.geoparse.recognise import find_mentions

    text = "Strikes hit the cities of Kharkiv and Sumy overnight."
    mentions = [m for m in find_mentions(text, gazetteer) if m.kind in ("name", "variant")]
    assert all(m.settlement and not m.village for m in mentions)


def test_russian_forms_of_short_adjectives_and_roots():
    assert "Великая Белозерка" in uk_to_ru("Велика Білозерка")
    assert "Новое Село" in uk_to_ru("Нове Село")
    assert "Каменка-Днепровская" in uk_to_ru("Кам'янка-Дніпровська")
    assert "Васильевка" in uk_to_ru("Василівка")
    assert uk_to_ru("Михайлівка") == ["Михайловка"]  # no soft ending after й
    assert "Mikhailovka" in name_variants("Михайлівка")["latin"]
    # a one-word name keeps its own ending: no adjective form is made of the last word
    assert uk_to_ru("Українка") == ["Украинка"]


def test_russian_spelling_of_a_codifier_village_is_found(geoparser, settlements):
    rows = settlements[(settlements["admin1_code"] == "UA-23") & (settlements["name_uk"].str.startswith("Велика "))]
    assert len(rows)
    village = rows.iloc[0]
    russian = [v for v in name_variants(village["name_uk"])["latin"] if v.startswith("Velikaya ")][0]
    text = f"Shelling was reported near {russian} in the Zaporizhzhia region on Monday."
    found = [p for p in geoparser.parse(text) if p["text"] == russian]
    assert found and found[0]["admin1_code"] == "UA-23"


def _exact_town(settlements: pd.DataFrame, admin1: str) -> pd.Series:
    rows = settlements[(settlements["admin1_code"] == admin1) & (settlements["precision"] == "exact")
                       & (settlements["name"].str.len() >= 9) & ~settlements["name"].str.contains("[ '-]")]
    return rows.iloc[0]


def test_a_misspelt_town_of_a_location_string_is_its_units_settlement(geoparser, settlements):
    town = _exact_town(settlements, "UA-63")
    typo = town["name"][:4] + town["name"][5:]  # one letter dropped
    found = [p for p in geoparser.parse(f"{typo}, Kharkiv Oblast, Ukraine") if p["text"] == typo]
    assert found and found[0]["admin1_code"] == "UA-63"
    assert found[0]["precision"] == "exact"
    assert "close spelling" in found[0]["reason"]


def test_a_soft_sign_apostrophe_in_a_national_spelling_is_the_same_name(geoparser, settlements):
    rows = settlements[(settlements["admin1_code"] == "UA-23") & settlements["name"].str.endswith("sk")
                       & (settlements["precision"] == "exact")]
    town = rows.iloc[0]["name"]
    written = town[:-2] + "s'k"  # "...s'k": the soft sign kept as an apostrophe
    found = [p for p in geoparser.parse(f"{written}, Zaporizhia Oblast, Ukraine") if p["text"] == written]
    assert found and found[0]["admin1_code"] == "UA-23" and found[0]["precision"] == "exact"


def test_an_unrelated_unknown_name_stays_at_the_unit(geoparser):
    found = [p for p in geoparser.parse("Qwertyzxcv, Kharkiv Oblast, Ukraine") if p["text"] == "Qwertyzxcv"]
    assert found and found[0]["precision"] == "admin1"


def test_a_power_plant_named_after_a_town_is_placed_at_the_town(geoparser):
    found = [p for p in geoparser.parse("Drones struck the Sumy thermal power plant overnight.")
             if p["text"] == "Sumy thermal power plant"]
    assert found and found[0]["admin1_code"] == "UA-59"
    assert found[0]["precision"] == "town" and found[0]["feature_kind"] == "city"


def test_a_facility_in_another_spelling_of_its_town_is_the_landmark(geoparser, gazetteer):
    import geodata
    from pipeline.text.translit import ru_latin, uk_to_ru

    landmarks = geodata.load_landmarks()
    row = landmarks[landmarks["name"].str.endswith("Nuclear Power Plant") & (landmarks["country_code"] == "UA")
                    & (landmarks["admin1_code"] == "UA-23")].iloc[0]
    town_uk = "Запоріжжя"  # the town the landmark is named after, written in the Russian tradition
    written = ru_latin(uk_to_ru(town_uk)[1])[0] + " Nuclear Power Plant"
    found = [p for p in geoparser.parse(f"Inspectors visited the {written} on Monday.") if p["text"] == written]
    assert found and found[0]["feature_kind"] == "landmark" and found[0]["name"] == row["name"]


def test_a_hospital_or_bare_company_plant_keeps_the_plain_mention(geoparser):
    texts = {p["text"] for p in geoparser.parse("Doctors at the Kharkiv Regional Hospital said the Ford plant shut.")}
    assert "Kharkiv" in texts and not any("Hospital" in t for t in texts)


def test_a_lower_case_head_of_a_location_string_is_its_town(geoparser):
    places = geoparser.parse("chernihiv, Chernihiv Oblast, Ukraine")
    assert places[0]["text"] == "chernihiv" and places[0]["feature_kind"] == "city"
    assert places[0]["admin1_code"] == "UA-74" and places[0]["precision"] == "exact"


def test_a_described_facility_keeps_its_town_and_a_named_one_is_one_mention(geoparser):
    described = [(p["text"], p["precision"]) for p in geoparser.parse("Shells hit the Kherson drama theatre.")]
    assert ("Kherson", "exact") in described and ("Kherson drama theatre", "town") in described
    named = [p["text"] for p in geoparser.parse("Shells hit the Kherson Drama Theatre.")]
    assert named == ["Kherson Drama Theatre"]
