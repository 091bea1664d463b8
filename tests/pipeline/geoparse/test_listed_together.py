"""Places of real news (branch places24): a settlement cue keeps a known name, folded spellings in a listed unit,
and villages named together read jointly (``resolve._listed_namesakes_together``).

Every name is drawn from the gazetteer; the sentences are written here.
"""

from __future__ import annotations

import math
import random
from types import SimpleNamespace

import numpy as np

from pipeline.geoparse.recognise import _is_dictionary_word, _zipf
from pipeline.geoparse.resolve import _LON_CELLS, _folded, _great_circle_km, _reading_bands, _unit_city_rows
from pipeline.geoparse.weights import RESOLVE_WEIGHTS, RECOGNISE_WEIGHTS
from pipeline.text.textnorm import name_key


def _ua_minor_rows(gazetteer, key: str) -> list[int]:
    return [r for r in gazetteer.rows_for_key(key) if gazetteer.minor_of[r]]


def _unique_minor_villages(gazetteer, count: int, *, first: str = "d") -> list[str]:
    """Names of one Ukrainian codifier village each, no English word, found once in the index."""
    found = []
    for key in gazetteer.keys.trie.keys(first):
        if " " in key or "'" in key or "-" in key or len(key) < 7 or _is_dictionary_word(key) or \
                _zipf(key) >= RECOGNISE_WEIGHTS.variant_max_zipf:
            continue
        rows = gazetteer.rows_for_key(key)
        if len(rows) != 1 or not gazetteer.minor_of[rows[0]]:
            continue
        cand = gazetteer.candidate(rows[0])
        if cand.country_code != "UA" or cand.feature_kind != "city" or name_key(cand.name) != key:
            continue
        found.append(cand.name)
        if len(found) == count:
            return found
    raise AssertionError("too few villages")


def test_a_name_called_a_settlement_is_kept_before_a_speech_verb(geoparser, gazetteer):
    for name in _unique_minor_villages(gazetteer, 3):
        text = (f"Russia shelled Ukraine overnight. Two barns burned in the village of {name} said the regional "
                "governor on Friday.")
        assert [p for p in geoparser.parse_places(text) if p.text == name], name


def test_folding_joins_the_press_spellings_of_glides_and_double_letters():
    assert _folded("filiia") == _folded("filia") == "filia"
    assert _folded("oleksiyivka") == _folded("oleksiivka") == _folded("oleksivka")
    assert _folded("kyivska") != _folded("kovska")


def test_a_village_spelt_without_its_double_vowel_is_found_in_its_listed_unit(geoparser, gazetteer):
    """A codifier village whose name has "iia", written "ia" (how the press writes it), after its oblast."""
    tried = 0
    for key in gazetteer.keys.trie.keys(""):
        if not key.endswith("iia") or " " in key or len(key) < 5:
            continue
        press = key[:-3] + "ia"
        rows = _ua_minor_rows(gazetteer, key)
        if len(rows) != 1 or press in gazetteer.keys or _is_dictionary_word(press):
            continue
        cand = gazetteer.candidate(rows[0])
        if cand.country_code != "UA" or not cand.admin1_code:
            continue
        oblast = _oblast_name(geoparser, cand.admin1_code)
        if oblast is None:
            continue
        word = press.capitalize()
        text = f"Troops regained control of the {oblast} Oblast village of {word}, the army said."
        found = [p for p in geoparser.parse_places(text) if p.text == word]
        assert found and found[0].admin1_code == cand.admin1_code, (word, cand)
        assert _great_circle_km(found[0].lat, found[0].lon, cand.lat, cand.lon) < 1.0
        tried += 1
        if tried == 3:
            return
    assert tried, "no village to try"


def _oblast_name(geoparser, code: str) -> str | None:
    """An English name of the oblast ``code`` that the geoparser reads as that unit ("X Oblast")."""
    table = geoparser.gazetteer.table
    row = table[(table["feature_kind"] == "admin1") & (table["admin1_code"] == code)]
    if row.empty:
        return None
    name = str(row.iloc[0]["name"]).split("'")[0].split()[0]
    places = geoparser.parse_places(f"Shelling hit the {name} Oblast overnight.")
    return name if places and places[0].admin1_code == code else None


def _listed_cluster(gazetteer, count: int) -> list[tuple[str, str, str, int]]:
    """(A, B, C, row of A's namesake near B and C): A a Ukrainian village name of several codifier namesakes of
    unknown population; B and C names of two to four readings (none placed with confidence alone), each with one
    within 15 km of that namesake, and no reading of B or C within ``listed_together_km`` of A's other namesakes."""
    w = RESOLVE_WEIGHTS
    lat, lon, minor, cc = gazetteer._lat, gazetteer._lon, gazetteer.minor_of, gazetteer._cc
    # the one-word keys of few readings, all Ukrainian codifier villages: B and C are drawn from them
    small = []
    for key in gazetteer.keys.trie.keys("b"):
        rows = gazetteer.rows_for_key(key)
        if " " in key or "'" in key or not 2 <= len(rows) <= 4 or _is_dictionary_word(key) or len(key) < 6:
            continue
        if all(minor[r] and cc[r] == "UA" for r in rows):
            small.append((key, rows))
    found = []
    for key in gazetteer.keys.trie.keys("k"):
        rows = gazetteer.rows_for_key(key)
        if " " in key or "'" in key or not 3 <= len(rows) <= 12 or _is_dictionary_word(key):
            continue
        if not all(minor[r] and cc[r] == "UA" for r in rows):
            continue
        for target in rows:
            near = list({rs: (k, rs) for k, rs in small if not set(rs) & set(rows) and any(
                abs(lat[r] - lat[target]) < 0.2 and _great_circle_km(lat[r], lon[r], lat[target], lon[target]) < 15
                for r in rs)}.values())  # (one key per set of rows: an index holds several spellings of a name)
            if len(near) < 2:
                continue
            (kb, rb), (kc, rc) = near[:2]
            others = [r for r in rows if r != target]
            if any(_great_circle_km(lat[o], lon[o], lat[r], lon[r]) <= w.listed_together_km
                   for o in others for r in (*rb, *rc)):
                continue
            if any(_great_circle_km(lat[o], lon[o], lat[target], lon[target]) < 50 for o in others):
                continue
            name = lambda k: gazetteer.candidate(gazetteer.rows_for_key(k)[0]).name  # noqa: E731
            if name(kb) != name(kc) and all(name_key(name(k)) == k for k in (key, kb, kc)) and \
                    all(target != t for *_n, t in found):
                found.append((name(key), name(kb), name(kc), target))
            break
        if len(found) == count:
            return found
    raise AssertionError("no cluster found")


def test_villages_named_together_take_the_namesake_near_the_others(geoparser, gazetteer):
    for a, b, c, target in _listed_cluster(gazetteer, 3):
        text = f"Ukrainian units liberated the settlements of {b}, {c} and {a}, the general staff said."
        got = [p for p in geoparser.parse_places(text) if p.text == a]
        assert got, (a, b, c)
        assert _great_circle_km(got[0].lat, got[0].lon, gazetteer._lat[target], gazetteer._lon[target]) < 1.0, \
            (a, b, c, got[0].reason)
        assert "named with it" in got[0].reason


def test_a_village_named_alone_keeps_its_ranking(geoparser, gazetteer):
    """No list, no joint reading: the same name alone gets no ``listed_together`` signal."""
    a, _b, _c, _target = _listed_cluster(gazetteer, 1)[0]
    got = [p for p in geoparser.parse_places(f"Ukrainian units liberated the settlement of {a}.") if p.text == a]
    assert got and "places named with it" not in got[0].reason
    assert not math.isnan(got[0].lat)


def _towns(gazetteer, country: str, *, min_population: int, first: str) -> list:
    """Towns of ``country`` found once in the index under their own one-word name, most populous first."""
    found = []
    for key in gazetteer.keys.trie.keys(first):
        if " " in key or "'" in key or "-" in key or _is_dictionary_word(key):
            continue
        rows = gazetteer.rows_for_key(key)
        if len(rows) != 1:
            continue
        cand = gazetteer.candidate(rows[0])
        if cand.country_code == country and cand.feature_kind == "city" and cand.population >= min_population \
                and name_key(cand.name) == key and cand.admin1_code:
            found.append(cand)
    return sorted(found, key=lambda c: (-c.population, c.row))


def test_a_pipeline_station_is_placed_at_the_village_it_is_named_after(geoparser, gazetteer):
    for town in _towns(gazetteer, "RU", min_population=5_000, first="s")[:3]:
        for noun in ("oil pumping station", "gas metering station", "gas compressor station"):
            text = f"Drones hit the {town.name} {noun} overnight, the governor said."
            got = [p for p in geoparser.parse_places(text) if p.text == f"{town.name} {noun}"]
            assert got and got[0].admin1_code == town.admin1_code, (town.name, noun)
            assert _great_circle_km(got[0].lat, got[0].lon, town.lat, town.lon) < 1.0


def test_a_power_plant_in_lower_case_lies_at_the_town_its_sentence_names(geoparser, gazetteer):
    towns = _towns(gazetteer, "RU", min_population=20_000, first="k")
    pairs = [(a, b) for a in towns[:40] for b in towns[:40] if a is not b and a.admin1_code == b.admin1_code
             and a.population > b.population and _great_circle_km(a.lat, a.lon, b.lat, b.lon) > 30]
    assert pairs
    a, b = pairs[0]
    text = f"The inspectors arrived in the Russian city of {b.name} to inspect the {a.name} nuclear power plant."
    got = [p for p in geoparser.parse_places(text) if p.text == f"{a.name} nuclear power plant"]
    assert got and _great_circle_km(got[0].lat, got[0].lon, b.lat, b.lon) < 1.0, (a.name, b.name)


def test_an_adjectival_name_takes_another_ending_in_the_only_region_named(geoparser, gazetteer):
    """"Xnyi" known only in one oblast, in an article naming another oblast that has the village "Xne" (alone of
    its stem there): that village."""
    from pipeline.geoparse.gazetteer import adjective_stem
    from pipeline.geoparse.resolve import _unit_adjective_stems

    tried = 0
    for key in gazetteer.keys.trie.keys("p"):
        if not key.endswith("nyi") or " " in key or "'" in key or _is_dictionary_word(key):
            continue
        rows = gazetteer.rows_for_key(key)
        units = {gazetteer.candidate(r).admin1_code for r in rows}
        if not rows or any(gazetteer.candidate(r).country_code != "UA" for r in rows):
            continue
        stem = adjective_stem(key, RECOGNISE_WEIGHTS.adjective_stem_min_letters)
        for unit in ("UA-14", "UA-23", "UA-12", "UA-63", "UA-65"):
            other = _unit_adjective_stems(gazetteer, unit).get(stem, ())
            if unit in units or len(other) != 1:
                continue
            oblast = _oblast_name(geoparser, unit)
            target = gazetteer.candidate(other[0])
            word = key.capitalize()
            text = (f"Russian troops shelled {word} overnight, killing two people. The governor of the {oblast} "
                    "region said repairs had begun.")
            got = [p for p in geoparser.parse_places(text) if p.text == word]
            assert got and got[0].admin1_code == unit, (word, unit, got and got[0].reason)
            assert _great_circle_km(got[0].lat, got[0].lon, target.lat, target.lon) < 1.0
            tried += 1
            break
        if tried == 3:
            return
    assert tried


def test_a_village_near_the_border_is_the_namesake_by_the_border(geoparser, gazetteer):
    """A Ukrainian village name of codifier namesakes only, one of them within ``border_near_km`` of the Russian
    or Belarusian border and the others ``border_far_km`` or more from it."""
    from pipeline.geoparse.borders import border_km

    w = RESOLVE_WEIGHTS
    tried = 0
    for key in gazetteer.keys.trie.keys("s"):
        rows = gazetteer.rows_for_key(key)
        if " " in key or "'" in key or not 2 <= len(rows) <= 6 or _is_dictionary_word(key):
            continue
        cands = [gazetteer.candidate(r) for r in rows]
        if any(not gazetteer.minor_of[c.row] or c.country_code != "UA" or c.feature_kind != "city" for c in cands) \
                or name_key(cands[0].name) != key:
            continue
        dist = sorted((border_km(c.lat, c.lon), c.row) for c in cands)
        if dist[0][0] > w.border_near_km - 5 or dist[1][0] < w.border_far_km + 10:
            continue
        name = cands[0].name
        text = f"Russian troops shelled {name}, a village near the border, on Monday, Ukraine's army said."
        got = [p for p in geoparser.parse_places(text) if p.text == name]
        target = gazetteer.candidate(dist[0][1])
        assert got and _great_circle_km(got[0].lat, got[0].lon, target.lat, target.lon) < 1.0, (name, got)
        assert "border" in got[0].reason
        tried += 1
        if tried == 3:
            return
    assert tried


def test_a_russian_ending_on_a_ukrainian_village_name_is_read_as_it(geoparser, gazetteer):
    """"X-ovka" missing from the index, whose "X-ivka" names only Ukrainian settlements (a hybrid spelling)."""
    tried = 0
    for key in gazetteer.keys.trie.keys("m"):
        if not key.endswith("ivka") or " " in key or "'" in key:
            continue
        hybrid = key[:-4] + "ovka"
        rows = gazetteer.rows_for_key(key)
        if hybrid in gazetteer.keys or _zipf(hybrid) >= RECOGNISE_WEIGHTS.variant_max_zipf or not rows or \
                any(gazetteer.candidate(r).country_code != "UA" or gazetteer.candidate(r).feature_kind != "city"
                    for r in rows) or len(rows) != 1:
            continue
        word = hybrid.capitalize()
        got = [p for p in geoparser.parse_places(f"Russian shelling hit the village of {word} in Ukraine.")
               if p.text == word]
        assert got and got[0].name == gazetteer.candidate(rows[0]).name, word
        tried += 1
        if tried == 3:
            return
    assert tried


def test_the_border_line_is_read_back_from_the_cache_folder_exactly(tmp_path, monkeypatch):
    """The border line a process builds is kept as WKB in the cache folder; the next process reads the same line."""
    import shapely

    from pipeline import settings
    from pipeline.geoparse import borders

    monkeypatch.setattr(settings, "cache_folder", str(tmp_path))
    borders._border_line.cache_clear()
    try:
        built = borders._border_line()
        kept = list(tmp_path.glob("border_line-*.wkb"))
        assert len(kept) == 1 and not list(tmp_path.glob("*.tmp*"))
        borders._border_line.cache_clear()
        read = borders._border_line()
        assert shapely.equals_exact(built, read, 0) and shapely.equals_exact(read, borders._build_border_line(), 0)
        assert borders.border_km(50.0, 36.0) is not None
    finally:
        borders._border_line.cache_clear()


def test_a_latitude_band_holds_the_cells_around_it():
    """``_reading_bands``: the readings of a latitude cell's band whose longitude cell is within ``_LON_CELLS``
    are exactly the readings of the cells one of latitude and ``_LON_CELLS`` of longitude around it (the cells the
    listed-together reading searches), each once."""
    rng = random.Random(7)
    cell = 0.27
    for trial in range(300):
        cands = [SimpleNamespace(row=trial * 100 + k, lat=rng.uniform(44.0, 53.0), lon=rng.uniform(22.0, 41.0))
                 for k in range(rng.randint(1, 60))]
        bands = _reading_bands(f"name{trial}", cands, cell)
        by_cell: dict = {}
        for o in cands:
            by_cell.setdefault((int(o.lat // cell), int(o.lon // cell)), []).append((o.lat, o.lon))
        for _ in range(40):
            lat, lon = rng.uniform(43.0, 54.0), rng.uniform(21.0, 42.0)
            at_lat, at_lon = int(lat // cell), int(lon // cell)
            around = [p for dy in (-1, 0, 1) for dx in range(-_LON_CELLS, _LON_CELLS + 1)
                      for p in by_cell.get((at_lat + dy, at_lon + dx), ())]
            found = [(lat, lon) for lon_cell, lat, lon in bands.get(at_lat, ()) if abs(lon_cell - at_lon) <= _LON_CELLS]
            assert sorted(found) == sorted(around)


def test_the_settlements_of_a_unit_are_the_rows_of_its_code_and_kind(gazetteer):
    """``_unit_city_rows`` (a scan of the code columns) gives the rows the object columns give."""
    codes = gazetteer.admin1_codes
    for code in [*codes[::97], codes[-1], "no such unit", None]:
        expected = np.flatnonzero((gazetteer._a1 == code) & (gazetteer._kind == "city")).tolist()
        assert list(_unit_city_rows.__wrapped__(gazetteer, code)) == expected, code
