"""The codifier's settlements in the gazetteer: every village findable, none of them a false mention.

Village names are taken from ``geodata/settlements.parquet`` itself (not from a hand list), and the
sentences around them are written here.
"""

from __future__ import annotations

import pandas as pd
import pytest

import geodata
from pipeline.geoparse import gazetteer as gazetteer_module
from pipeline.text.textnorm import name_key


@pytest.fixture(scope="module")
def settlements() -> pd.DataFrame:
    return geodata.load_settlements()


def _codifier_only(settlements: pd.DataFrame, gazetteer, *, admin1: str, precision: str) -> pd.Series:
    """The first village of ``admin1`` with a point of ``precision`` whose name only codifier rows carry
    in the whole index (GeoNames has no place of that name anywhere)."""
    rows = settlements[(settlements["admin1_code"] == admin1) & (settlements["kind"] == "village")
                       & (settlements["precision"] == precision)]
    for village in rows.itertuples():
        found = gazetteer.rows_for_key(name_key(village.name))
        if found and all(gazetteer.minor_of[r] for r in found) and len(found) == 1 and " " not in village.name:
            return village
    raise AssertionError(f"no codifier-only village with a {precision} point in {admin1}")


def _mentions_of(geoparser, text: str, surface: str) -> list[dict]:
    return [p for p in geoparser.parse(text) if p["text"] == surface]


def test_frontline_village_only_the_codifier_has_is_found(geoparser, gazetteer, settlements):
    village = _codifier_only(settlements, gazetteer, admin1="UA-14", precision="exact")
    text = f"Russian troops shelled the village of {village.name} in the Donetsk region on Tuesday."
    found = _mentions_of(geoparser, text, village.name)
    assert len(found) == 1
    place = found[0]
    assert place["admin1_code"] == "UA-14"
    assert place["country_code"] == "UA"
    assert (place["lat"], place["lon"]) == (round(village.lat, 6), round(village.lon, 6))
    assert place["approx_point"] is False


def test_village_with_an_estimated_point_carries_the_flag(geoparser, gazetteer, settlements):
    village = _codifier_only(settlements, gazetteer, admin1="UA-23", precision="hromada")
    text = f"Ukrainian forces said they had pushed back an assault on {village.name} in the Zaporizhzhia region."
    found = _mentions_of(geoparser, text, village.name)
    assert len(found) == 1
    assert found[0]["approx_point"] is True
    assert "approximate point" in found[0]["reason"]


def test_village_with_an_estimated_point_gives_a_coarser_event_precision(geoparser, gazetteer, settlements):
    from pipeline.events.extract import extract_events
    from pipeline.text.articles import make_article

    village = _codifier_only(settlements, gazetteer, admin1="UA-14", precision="hromada")
    text = f"Russian artillery shelled {village.name} in Ukraine's Donetsk region on 3 March 2024, officials said."
    article = make_article("a.txt", text)
    events = extract_events("a.txt", text, geoparser.parse_places(text), article.published)
    at_village = [e for e in events if e.place is not None and e.place.name == village.name]
    assert at_village and all(e.geo_precision == 2 for e in at_village)


def test_codifier_only_village_needs_its_country_in_the_article(geoparser, gazetteer, settlements):
    village = _codifier_only(settlements, gazetteer, admin1="UA-14", precision="exact")
    text = f"The school board in Ohio discussed {village.name} at length on Tuesday."
    assert _mentions_of(geoparser, text, village.name) == []


def test_village_names_that_are_english_words_are_not_indexed(gazetteer, settlements):
    """Villages called like common English words or first names ("Nova", "Marine", "Sasha") get no
    index entry of their own, so they never become mentions in English text."""
    table = gazetteer.table
    common = table[table["minor"] & ~table["name_indexed"]]
    assert len(common) > 10
    for name in common["name"]:
        assert not any(gazetteer.minor_of[r] for r in gazetteer.rows_for_key(name_key(name))), name


def test_common_word_village_names_make_no_mentions_in_plain_english(geoparser, gazetteer):
    table = gazetteer.table
    words = sorted({n for n in table.loc[table["minor"] & ~table["name_indexed"], "name"] if " " not in n})[:25]
    for word in words:
        text = f"Ukraine's defence ministry said the word {word} appeared in the report."
        rows = [p for p in geoparser.parse(text) if p["text"] == word]
        # whatever the word resolves to, it is never a village only the codifier has
        assert all(not p["approx_point"] and p["geonameid"] is not None for p in rows), (word, rows)


def test_generated_spellings_that_are_common_words_are_dropped():
    assert not gazetteer_module._rare_enough("Nova", gazetteer_module.MINOR_NAME_MAX_ZIPF)
    assert not gazetteer_module._rare_enough("Lavrov", gazetteer_module.MINOR_ALT_NAME_MAX_ZIPF)
    assert gazetteer_module._rare_enough("Robotyne", gazetteer_module.MINOR_NAME_MAX_ZIPF)


def test_settlement_geonames_has_adds_its_spellings_to_that_row(gazetteer, settlements):
    """A settlement GeoNames already has is one row: the codifier's spellings join it, the point stays."""
    kharkiv = [c for c in gazetteer.candidates("Kharkov") if c.feature_kind == "city"][0]
    assert kharkiv.population > 1_000_000 and not kharkiv.minor
    matched = settlements[settlements["geonameid"].notna()]
    gids = {c.geonameid for c in gazetteer.candidates(matched.iloc[0]["name"])}
    assert int(matched.iloc[0]["geonameid"]) in gids
    table = gazetteer.table
    assert not table.loc[table["minor"], "geonameid"].notna().any()


def test_oblast_spellings_join_the_existing_admin1_row(gazetteer, settlements):
    geonames = geodata.load_gazetteer_table()
    assert (gazetteer.table["feature_kind"] == "admin1").sum() == (geonames["feature_kind"] == "admin1").sum()
    for oblast in settlements[settlements["kind"] == "admin1"].itertuples():
        row = gazetteer.admin1_row(oblast.admin1_code)
        for spelling in gazetteer_module._latin_names(oblast.names):
            assert row in gazetteer.rows_for_key(name_key(spelling)), spelling


def test_raions_are_admin2_units(gazetteer, settlements):
    raion = settlements[(settlements["kind"] == "raion") & (settlements["admin1_code"] == "UA-14")].iloc[0]
    kinds = {c.feature_kind for c in gazetteer.candidates(raion["name"]) if c.admin1_code == "UA-14"}
    assert "admin2" in kinds


def test_kharkiv_stays_the_city(geoparser):
    found = _mentions_of(geoparser, "Russian missiles hit Kharkiv overnight, Ukrainian officials said.", "Kharkiv")
    assert found and found[0]["feature_kind"] == "city" and found[0]["admin1_code"] == "UA-63"
    assert found[0]["geonameid"] is not None


def test_lyman_stays_the_donetsk_town_in_ukrainian_news(geoparser):
    found = _mentions_of(geoparser, "Ukrainian troops pushed Russian forces back from Lyman on Sunday.", "Lyman")
    assert found and found[0]["admin1_code"] == "UA-14" and found[0]["feature_kind"] == "city"
    assert found[0]["geonameid"] is not None and found[0]["approx_point"] is False


def test_region_phrase_is_not_moved_by_villages_of_other_oblasts(geoparser):
    """Villages named like an oblast's seat lie in other oblasts too: "the X region" stays X's oblast."""
    found = _mentions_of(geoparser, "Russian drones attacked the Zaporizhzhia region overnight.", "Zaporizhzhia")
    assert found and found[0]["admin1_code"] == "UA-23"


def test_dropping_a_codifier_only_village_keeps_the_location_strings_after_it(geoparser, gazetteer, settlements):
    # the village is dropped (the article is about Belarus), so every later mention moves up one place:
    # the country qualifier of the location string after it must move with it (it once pointed past the end)
    village = _codifier_only(settlements, gazetteer, admin1="UA-14", precision="exact")
    places = geoparser.parse(f"{village.name}. Troops gathered near Gomel, Belarus.")
    assert _mentions_of(geoparser, f"{village.name}. Troops gathered near Gomel, Belarus.", village.name) == []
    assert [p["country_code"] for p in places if p["text"] == "Gomel"] == ["BY"]
