"""The gazetteer's index file: memory-mapped, checked when opened, written atomically, rebuilt when unusable."""

from __future__ import annotations

import pickle
import random

import pandas as pd
import pytest

from pipeline.geoparse import gazetteer as gz
from pipeline.text.textnorm import name_key

_COLUMNS = ["geonameid", "name", "lat", "lon", "feature_kind", "country_code", "admin1_code", "population",
            "capital", "names", "demonyms", "abbreviations", "approx", "minor", "name_indexed"]


def _small_table() -> pd.DataFrame:
    """A made-up table: two countries, two units, towns with shared, spaced and apostrophe names."""
    rows = [
        (1, "Freedonia", 10.0, 20.0, "country", "FD", None, 5_000_000, False, "Republic of Freedonia", "Freedonian", ""),
        (2, "Sylvania", 11.0, 21.0, "country", "SY", None, 3_000_000, False, "", "Sylvanian", ""),
        (3, "North Province", 10.5, 20.5, "admin1", "FD", "FD-01", 0, False, "Nord", "", ""),
        (4, "Grand Duchy", 11.5, 21.5, "admin1", "SY", "SY-02", 0, False, "", "", ""),
        (5, "Port Ash", 10.1, 20.1, "city", "FD", "FD-01", 250_000, True, "Ash Harbour|Port-Ash", "", ""),
        (6, "Port Ash", 11.1, 21.1, "city", "SY", "SY-02", 2_000, False, "", "", ""),
        (7, "St. Kell", 10.2, 20.2, "city", "FD", "FD-01", 40_000, False, "Sankt Kell", "", ""),
        (8, "Zhovtyi Yar", 10.3, 20.3, "city", "FD", "FD-01", 900, False, "Zhovt'yi Yar|Жовтий Яр", "", ""),
        (None, "Old Mill", 10.4, 20.4, "landmark", "FD", "FD-01", 0, False, "", "", ""),
    ]
    table = pd.DataFrame([r + (False, False, True) for r in rows], columns=_COLUMNS)
    table["geonameid"] = table["geonameid"].astype(object).where(table["geonameid"].notna(), None)
    return table


@pytest.fixture
def small_index(tmp_path):
    table = _small_table()
    arrays, trie, small = gz._index_parts(table)
    path = tmp_path / "gazetteer-index-test.idx"
    gz._write_index_file(path, "test", arrays, trie, small)
    return table, path


def test_index_file_round_trips_every_key_and_row(small_index):
    table, path = small_index
    keys, demonyms, _spaced = gz._build_keys(table)
    gaz = gz._open_index_file(path, "test")
    assert len(gaz.keys) == len(keys) and set(gaz.keys) == set(keys)
    for key, entries in keys.items():
        assert key in gaz.keys and gaz.keys[key] == entries and gaz.rows_for_key(key) == tuple(r for r, _p in entries)
        assert gaz.candidates_by_population(key) == sorted(gaz.candidates_for_key(key),
                                                           key=lambda c: (-c.population, c.row))
    assert "freedonian" not in gaz.keys and gaz.demonyms["freedonian"] == 0  # a demonym is a pattern, not a key
    assert "st  kell" not in gaz.keys and gaz.keys.get("nowhere") is None
    port_ash = gaz.candidates("Port Ash")
    assert [(c.row, c.population, c.country_code, c.admin1_code, c.capital) for c in port_ash] == \
        [(4, 250_000, "FD", "FD-01", True), (5, 2_000, "SY", "SY-02", False)]
    assert gaz.candidate(8).geonameid is None and gaz.candidate(0).admin1_code is None
    assert gaz.alternate_names(7) == "Zhovt'yi Yar|Жовтий Яр" and gaz.alternate_names(1) == ""
    assert gaz.admin1_row("SY-02") == 3 and gaz.country_row("FD") == 0
    assert gaz.table["name"].tolist() == table["name"].tolist()
    assert gaz.table["names"].tolist() == table["names"].tolist()


def _plain_hits(patterns: set[str], window: str) -> list[tuple[int, tuple[str, int]]]:
    """What an Aho-Corasick scan for " p " finds, written as a double loop over the spaces of ``window``."""
    spaces = [i for i, ch in enumerate(window) if ch == " "]
    found = []
    for end in spaces:
        for start in spaces:
            inner = window[start + 1:end]
            if start < end and inner in patterns:
                found.append((end, (" ".join(inner.split()), len(inner))))
    return found


def test_name_hits_equal_a_plain_scan_for_every_pattern(small_index):
    table, path = small_index
    gaz = gz._open_index_file(path, "test")
    patterns = set(gaz.keys.trie.keys())
    assert {"st  kell", "zhovt yi yar", "freedonian"} <= patterns
    words = ["port", "ash", "st", "", "kell", "zhovt", "yi", "yar", "freedonia", "freedonian", "x", "north",
             "province", "harbour"]
    rnd = random.Random(5)
    for _ in range(3000):
        window = rnd.choice([" ", "a", "'"]) + " ".join(rnd.choice(words) for _ in range(rnd.randrange(1, 6))) \
            + rnd.choice([" ", "s", "1"])
        assert gaz.name_hits(window) == _plain_hits(patterns, window), window


def test_truncated_corrupt_or_foreign_index_files_are_refused(small_index, tmp_path):
    _table, path = small_index
    data = path.read_bytes()
    cases = {"truncated": data[:-100], "empty": b"", "foreign": b"PK\x03\x04" + data[4:],
             "flipped": data[:-50] + bytes([data[-50] ^ 0xFF]) + data[-49:]}
    for name, content in cases.items():
        bad = tmp_path / f"{name}.idx"
        bad.write_bytes(content)
        with pytest.raises(gz.IndexFileError):
            gz._open_index_file(bad, "test")
    with pytest.raises(gz.IndexFileError, match="other data"):
        gz._open_index_file(path, "another fingerprint")


def test_corrupt_cached_index_is_reported_in_one_line_and_rebuilt(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(gz, "_cache_dir", lambda: tmp_path)
    monkeypatch.setattr(gz, "_fingerprint", lambda: "0123456789abcdef")
    monkeypatch.setattr(gz, "_table", _small_table)
    cached = tmp_path / "gazetteer-index-0123456789abcdef.idx"
    cached.write_bytes(b"conflictmap gazetteer index\n" + b"\x00" * 40)  # a crash mid-write of an old version
    (tmp_path / "gazetteer-index-old.pkl").write_bytes(b"stale")
    gaz = gz.load_gazetteer.__wrapped__()
    err = [line for line in capsys.readouterr().err.splitlines() if "unusable" in line]
    assert len(err) == 1 and str(cached) in err[0] and "Traceback" not in err[0]
    assert gaz.candidates("Ash Harbour")[0].name == "Port Ash"
    assert sorted(p.name for p in tmp_path.iterdir()) == [cached.name]  # stale index gone, no temporary left
    again = gz.load_gazetteer.__wrapped__()  # now read from the rebuilt file, silently
    assert "unusable" not in capsys.readouterr().err and again.keys["port ash"] == gaz.keys["port ash"]


def test_gazetteer_pickles_as_a_reference_to_its_file(small_index):
    _table, path = small_index
    gaz = gz._open_index_file(path, "test")
    copy = pickle.loads(pickle.dumps(gaz))
    assert copy.path == path and copy.candidates("Nord") == gaz.candidates("Nord")
    assert len(pickle.dumps(gaz)) < 1_000  # the index is not copied into the pickle


def test_bundled_index_keys_and_rows_agree(gazetteer):
    for name in ("Kharkiv", "Kyiv", "Donetsk", "St. Louis", "San Jose", "Springfield", "Alexandrovka", "Georgia"):
        key = name_key(name)
        assert key in gazetteer.keys
        assert gazetteer.rows_for_key(key) == tuple(r for r, _p in gazetteer.keys[key])
        assert gazetteer.candidates_by_population(key) == sorted(gazetteer.candidates_for_key(key),
                                                                 key=lambda c: (-c.population, c.row))
    assert gazetteer.n_rows == len(gazetteer.kind_of) == len(gazetteer._name)
