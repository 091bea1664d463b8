"""geodata/landmarks.csv and the rule that derives its unit-name spellings (geodata/rebuild/landmarks.py)."""

from __future__ import annotations

import shutil

import geodata
from geodata import data_path
from geodata.rebuild import landmarks as L


def test_a_name_opening_with_its_units_adjective_gains_the_units_name():
    assert L.unit_name_forms("Northland Tower", ["Northland"]) == []  # no adjective
    assert L.unit_name_forms("Northlandian Tower", ["Northland"]) == ["Northland Tower"]
    assert L.unit_name_forms("Ostrean Dam", ["Ostrea", "Far Ostrea"]) == ["Ostrea Dam"]
    assert L.unit_name_forms("Ostrean", ["Ostrea"]) == []  # one word: the adjective alone is no landmark
    assert L.unit_name_forms("Westerner Bridge", ["Wester"]) == []  # "-ner" is no adjective ending
    assert L.derived_names(["Ostrean Dam", "Ostrea Dam", "Big Dam"], ["Ostrea"]) == []  # already there


def test_the_committed_table_holds_every_derived_spelling(tmp_path):
    copy = tmp_path / "landmarks.csv"
    shutil.copy(data_path("landmarks.csv"), copy)
    assert L.rebuild_landmarks(copy) == 0
    assert copy.read_bytes() == data_path("landmarks.csv").read_bytes()


def test_a_landmark_named_after_its_unit_is_found_in_either_form_and_lower_case(geoparser):
    """Every landmark whose table name opens with its unit's adjective is found as "the <unit> <noun>", the
    noun in lower case (the landmarks are taken from the table; the sentence is written here)."""
    table = geodata.load_landmarks()
    units = L._unit_names(geodata.load_gazetteer_table().query("feature_kind in ['admin1', 'country']"))
    tried = 0
    for row in table.itertuples():
        unit = units.get(row.admin1_code, set()) | units.get(row.country_code, set())
        for form in L.unit_name_forms(row.name, unit):
            head, _, noun = form.partition(" ")
            text = f"Traffic on the {head} {noun.lower()} was stopped after the strike."
            found = [p for p in geoparser.parse(text) if p["feature_kind"] == "landmark"]
            assert found and found[0]["name"] == row.name and found[0]["text"] == f"{head} {noun.lower()}", text
            tried += 1
    assert tried >= 1
