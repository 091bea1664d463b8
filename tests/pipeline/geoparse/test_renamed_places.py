"""Renamed settlements: a former name (from the codifier's older editions) finds the settlement under its
current name and says so, and never takes a name from a place that bears it today.

The renamed settlements are picked from ``geodata/settlements.parquet`` (its ``former_names`` column) and
from the index, not from a hand list; the sentences around them are written here.
"""

from __future__ import annotations

import pandas as pd
import pytest

import geodata
from pipeline.geoparse.resolve import _same_name_spelt
from pipeline.geoparse.weights import RESOLVE_WEIGHTS
from pipeline.text.textnorm import name_key

_CYRILLIC = range(0x400, 0x500)
N_CASES = 6  # settlements tried per test (spread over the oblasts)


@pytest.fixture(scope="module")
def renamed() -> pd.DataFrame:
    st = geodata.load_settlements()
    return st[(st["former_names"] != "") & (st["kind"].isin(["village", "settlement", "city"]))
              & st["lat"].notna()]


def _latin(names: str) -> list[str]:
    return [n for n in names.split("|") if n and not any(ord(c) in _CYRILLIC for c in n)]


def _unit_name(gazetteer, code: str) -> str:
    return str(gazetteer._name[gazetteer.admin1_row(code)])


def _at(place: dict, gazetteer, row: int) -> bool:
    return (place["lat"], place["lon"]) == (round(float(gazetteer._lat[row]), 6), round(float(gazetteer._lon[row]), 6))


def _one_per_oblast(cases: list[tuple]) -> list[tuple]:
    seen, out = set(), []
    for case in cases:
        if case[0].admin1_code not in seen:
            seen.add(case[0].admin1_code)
            out.append(case)
    return out[:N_CASES]


def _unique_former(renamed: pd.DataFrame, gazetteer) -> list[tuple]:
    """(settlement, former name, index row): former names (renamings) that only the renamed settlement carries."""
    cases = []
    for s in renamed.itertuples():
        for former in _latin(s.former_names)[:1]:
            key = name_key(former)
            rows = gazetteer.former_name_rows(key)
            entries = tuple(gazetteer.keys.get(key, ()))
            # (a GeoNames row may still bear the former name as its main name: then it is no former name there)
            if " " not in former and len(rows) == 1 and entries == ((rows[0], False),) \
                    and not _same_name_spelt(s.name, former):  # a renaming, not a change of spelling
                cases.append((s, former, rows[0]))
    return _one_per_oblast(cases)


def _taken_former(renamed: pd.DataFrame, gazetteer) -> list[tuple]:
    """(settlement, former name, index row of the settlement): former names that a town of at least
    ``primary_town_population`` bears as its main name today."""
    cases = []
    for s in renamed.itertuples():
        for former in _latin(s.former_names)[:1]:
            key = name_key(former)
            mine = gazetteer.former_name_rows(key)
            if len(mine) != 1 or " " in former:
                continue
            today = [r for r, primary in gazetteer.keys.get(key, ()) if primary and r not in mine
                     and gazetteer._kind[r] == "city" and gazetteer._pop[r] >= RESOLVE_WEIGHTS.primary_town_population]
            if today:
                cases.append((s, former, mine[0]))
    return _one_per_oblast(cases)


def test_the_committed_settlements_carry_former_names(renamed):
    assert len(renamed) >= 400  # renamings between the codifier editions of 2021-2023, 2024 and 2026
    assert renamed["katottg"].notna().all()


def test_a_former_name_finds_the_renamed_settlement_and_says_so(geoparser, gazetteer, renamed):
    cases = _unique_former(renamed, gazetteer)
    assert len(cases) >= 3
    for s, former, row in cases:
        text = f"Russian troops shelled the village of {former} in the {_unit_name(gazetteer, s.admin1_code)} region " \
               "of Ukraine on Tuesday."
        found = [p for p in geoparser.parse(text) if p["text"] == former]
        assert len(found) == 1, text
        assert found[0]["admin1_code"] == s.admin1_code
        assert _at(found[0], gazetteer, row), (text, found[0])
        assert "former name" in found[0]["reason"]


def test_a_former_name_a_town_bears_today_stays_that_town(geoparser, gazetteer, renamed):
    cases = _taken_former(renamed, gazetteer)
    assert len(cases) >= 3
    for _s, former, row in cases:
        text = f"Russian forces struck {former} overnight, Ukraine's military said."
        found = [p for p in geoparser.parse(text) if p["text"] == former]
        assert found, text
        assert not _at(found[0], gazetteer, row), (text, found[0])  # not the settlement renamed from it
        assert "former name" not in found[0]["reason"]


def test_the_renamed_settlement_keeps_its_current_name(geoparser, gazetteer, renamed):
    for s, _former, row in _taken_former(renamed, gazetteer) + _unique_former(renamed, gazetteer):
        rows = [r for r in gazetteer.rows_for_key(name_key(s.name)) if gazetteer._a1[r] == s.admin1_code]
        if rows != [row]:
            continue  # a namesake in the same oblast: the name alone can't tell them apart
        text = f"Russian troops shelled the village of {s.name} in the {_unit_name(gazetteer, s.admin1_code)} region " \
               "of Ukraine on Tuesday."
        found = [p for p in geoparser.parse(text) if p["text"] == s.name]
        assert len(found) == 1 and _at(found[0], gazetteer, row), (text, found)
        assert "former name" not in found[0]["reason"]
