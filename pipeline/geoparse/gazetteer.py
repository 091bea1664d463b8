"""Offline gazetteer: every name of every place, indexed for look-up and for scanning text.

The table comes from ``geodata/gazetteer.parquet`` (GeoNames cities, countries, admin-1
units, continents) plus ``geodata/landmarks.csv`` and ``geodata/abbreviations.csv``, merged
with ``geodata/settlements.parquet`` (every settlement of Ukraine's codifier, those of Russia and
Belarus the postal rows place, and the raions): a settlement GeoNames already has only adds its spellings to
that row; the others become rows of their own, flagged ``minor`` (no population figure: the
geoparser keeps them only where the article is about their country) and ``approx`` when their
point is an estimate (the centre of their hromada or raion). Names
are keyed by :func:`pipeline.text.textnorm.name_key`; a MARISA trie of the keys finds every
occurrence in folded text (``NameIndex.hits``). The built index is one file in the cache folder (see
``pipeline.settings.cache_folder``), named by a digest of its data files and ``INDEX_VERSION``: later
starts memory-map it (its columns are read in place, shared by every process through the page cache).
"""

from __future__ import annotations

import gc
import hashlib
import json
import math
import os
import pickle
import re
import sys
import tempfile
import time
import zlib
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import NamedTuple

import marisa_trie
import numpy as np
import pandas as pd

import geodata
from geodata import DataError
from pipeline.geoparse.weights import RECOGNISE_WEIGHTS
from pipeline.text.textnorm import NAME_APOSTROPHES, NO_APOSTROPHES, name_key, skeleton, spaced_key
from pipeline.text.translit import ordinal_forms, press_variants

INDEX_VERSION = 20


class Candidate(NamedTuple):
    """One gazetteer entry that a name may refer to."""

    row: int
    geonameid: int | None
    name: str
    lat: float
    lon: float
    feature_kind: str
    country_code: str
    admin1_code: str | None
    population: int
    primary: bool  # the name matched is the entry's main name, not an alternate
    capital: bool = False  # a national capital
    approx: bool = False  # the point is an estimate (centre of the settlement's hromada or raion)
    minor: bool = False  # a settlement or raion only the codifier has: no population figure


class PolygonAdmin1(NamedTuple):
    """The admin-1 unit the polygon layer puts a gazetteer point in, and which rule placed it."""

    admin1_code: str
    admin1_name: str
    country_code: str | None
    how: str  # "within" | "nearest"


# points of these kinds and countries with no admin-1 code of their own take it from the polygon layer
POLYGON_JOIN_KINDS = ("city", "landmark")
POLYGON_JOIN_COUNTRIES = frozenset(geodata.ADMIN1_COUNTRIES)


class NameIndex(Mapping):
    """Name key → its entries ``((row, primary), ...)``, sorted by row, read from the memory-mapped index.

    Every pattern the recogniser looks for (the name keys, the demonyms that are no name, and the keys
    as ``fold_words`` writes them after punctuation, "st  louis") is one string of a MARISA trie; the
    entries of pattern ``i`` of the trie are ``rows[offsets[i]:offsets[i + 1]]`` (none for a pattern
    that is no key). Look-ups are remembered per process (``_MEMO_LIMIT`` keys at most)."""

    def __init__(self, trie: marisa_trie.Trie, arrays: dict[str, np.ndarray], *, n_keys: int,
                 kinds: list[str]) -> None:
        """``arrays``: the ``key_*`` arrays of the index file (see ``_index_parts``); ``kinds``: the kind of
        each bit of ``key_kinds``."""
        self.trie = trie
        self._offsets = offsets = arrays["key_offsets"]
        self._rows = arrays["key_rows"]
        self._primary = arrays["key_primary"]
        self._order = arrays["key_by_population"]  # positions into ``_rows``, see ``by_population``
        self._summary = (arrays["key_best_population"], arrays["key_kinds"], arrays["key_capital"])
        self._kinds = kinds
        self._n_keys = n_keys
        self._is_key = (offsets[1:] > offsets[:-1]).tobytes()  # byte i: pattern i has entries (is a key)
        # per-process memos
        self._ids: dict[str, int] = {}  # key → trie id of a key with entries, or -1
        self._entries: dict[str, tuple[tuple[int, bool], ...]] = {}
        self._by_population: dict[str, tuple[tuple[int, bool], ...]] = {}
        self._kind_sets: dict[int, frozenset[str]] = {}

    def _id(self, key: str) -> int:
        found = self._ids.get(key)
        return self._look_up(key) if found is None else found

    def _look_up(self, key: str) -> int:
        if len(self._ids) >= _MEMO_LIMIT:
            self._ids.clear()
        found = self.trie.get(key, -1) if isinstance(key, str) else -1
        if found >= 0 and not self._is_key[found]:
            found = -1  # a demonym or a spaced form: a pattern, not a key
        self._ids[key] = found
        return found

    def summary(self, key: str) -> tuple[int, frozenset[str], bool]:
        """(highest population, kinds, whether any is a national capital) of the rows of ``key``, from
        arrays computed when the index was built; ``(0, frozenset(), False)`` for a name that is no key."""
        i = self._id(key)
        if i < 0:
            return 0, frozenset(), False
        best, kinds, capital = self._summary
        mask = int(kinds[i])
        found = self._kind_sets.get(mask)
        if found is None:
            found = self._kind_sets[mask] = frozenset(k for b, k in enumerate(self._kinds) if mask >> b & 1)
        return int(best[i]), found, bool(capital[i])

    def __contains__(self, key: object) -> bool:
        found = self._ids.get(key)  # type: ignore[arg-type]
        return (self._look_up(key) if found is None else found) >= 0  # type: ignore[arg-type]

    def __getitem__(self, key: str) -> tuple[tuple[int, bool], ...]:
        found = self._entries.get(key)
        if found is None:
            i = self._id(key)
            if i < 0:
                raise KeyError(key)
            a, b = int(self._offsets[i]), int(self._offsets[i + 1])
            if len(self._entries) >= _MEMO_LIMIT:
                self._entries.clear()
            found = self._entries[key] = tuple(zip(self._rows[a:b].tolist(), self._primary[a:b].tolist()))
        return found

    def rows(self, key: str) -> tuple[int, ...]:
        """The rows of ``key``'s entries, by row (``()`` for a name that is no key)."""
        i = self._id(key)
        if i < 0:
            return ()
        return tuple(self._rows[int(self._offsets[i]):int(self._offsets[i + 1])].tolist())

    def by_population(self, key: str) -> tuple[tuple[int, bool], ...]:
        """The entries of ``key`` most populous first, then by row (``()`` for a name that is no key)."""
        found = self._by_population.get(key)
        if found is None:
            i = self._id(key)
            if i < 0:
                return ()
            order = self._order[int(self._offsets[i]):int(self._offsets[i + 1])]
            if len(self._by_population) >= _MEMO_LIMIT:
                self._by_population.clear()
            found = self._by_population[key] = tuple(zip(self._rows[order].tolist(), self._primary[order].tolist()))
        return found

    def get(self, key: str, default=None):
        """The entries of ``key``, or ``default``."""
        return self[key] if self._id(key) >= 0 else default

    def __len__(self) -> int:
        return self._n_keys

    def keys_of_rows(self, wanted: np.ndarray, keep: Callable[[str], bool]) -> Iterator[tuple[str, np.ndarray]]:
        """(key, its rows marked in ``wanted``) for every key ``keep`` accepts that has such a row, in trie-id
        order; ``wanted``: one bool per row. Vectorised: the trie is walked once, the entries as arrays."""
        offsets, rows = self._offsets, self._rows
        ids = {i: key for key, i in self.trie.items() if keep(key)}
        chosen = np.zeros(len(offsets) - 1, dtype=bool)
        chosen[list(ids)] = True
        owner = np.repeat(np.arange(len(offsets) - 1), np.diff(offsets))  # the pattern of every entry
        entries = np.flatnonzero(chosen[owner] & wanted[rows])
        owners, starts = np.unique(owner[entries], return_index=True)
        for i, group in zip(owners.tolist(), np.split(rows[entries], starts[1:]), strict=True):
            yield ids[i], group

    def __iter__(self) -> Iterator[str]:
        offsets = self._offsets
        for key, i in self.trie.iteritems():
            if offsets[i] != offsets[i + 1]:
                yield key

    def hits(self, window: str, run: str | None = None) -> list[tuple[int, tuple[str, int]]]:
        """Every pattern " p " in ``window`` as (index of its closing space, (key, len(p))), by that index
        and longest first at one index: what an Aho-Corasick automaton over the patterns " p " reports.
        With ``run`` (``window`` is ``run`` folded, with the character before and after it), only the patterns
        whose first character is an upper-case character of ``run`` (the trie is not walked from the other word
        starts)."""
        found = []
        prefixes = self.trie.prefixes
        last = len(window) - 1
        first = window.find(" ", 0, last)
        if first < 0:
            return found
        # (each piece of ``window[start:last]`` between its spaces starts a word: one ``split``, not a ``find`` per
        # space; the prefixes of ``window[start:last]`` are those of ``window[start:]`` that end by ``last``)
        start = first + 1
        if run is None:
            for piece in window[start:last].split(" "):
                for p in prefixes(window[start:last]):
                    end = start + len(p)
                    if window[end] == " ":
                        found.append((end, (" ".join(p.split()) if "  " in p else p, len(p))))
                start += len(piece) + 1
        else:
            for piece in window[start:last].split(" "):
                # only a word (no key opens with a space) under an upper-case character of ``run`` (``run[start - 1]``
                # is under ``window[start]``)
                if piece and run[start - 1].isupper():
                    for p in prefixes(window[start:last]):
                        end = start + len(p)
                        if window[end] == " ":
                            found.append((end, (" ".join(p.split()) if "  " in p else p, len(p))))
                start += len(piece) + 1
        if len(found) > 1:
            found.sort(key=_END)  # stable: at one end, the earlier start (the longer name) stays first
        return found


class Gazetteer:
    """Names → candidates, plus the pattern index that finds names in folded text.

    The rows are memory-mapped columns of the index file (``_IndexFile``); the per-row values the hot
    paths read (``kind_of``, ``population_of`` ...) are Python lists built when the index is opened."""

    def __init__(self, index: _IndexFile) -> None:
        self._index = index
        arrays, small = index.arrays, index.small
        self.n_rows = n = len(arrays["lat"])
        self._lat = arrays["lat"]
        self._lon = arrays["lon"]
        self._pop = arrays["population"]
        self._capital = arrays["capital"]
        self._approx = arrays["approx"]
        self._minor = arrays["minor"]
        kinds = np.array(small["kinds"], dtype=object)
        ccs = np.array(small["country_codes"], dtype=object)
        a1s = np.array(small["admin1_codes"] + [None], dtype=object)  # code -1: no admin-1 code
        self._kind = kinds[arrays["kind"]]
        self._cc = ccs[arrays["country"]]
        self._a1 = a1s[arrays["admin1"]]
        # the same columns as codes, for vectorised scans: ``kinds[kind_code[row]]``, ``admin1_codes[admin1_index[row]]``
        # (index -1: no admin-1 code)
        self.kinds: list[str] = small["kinds"]
        self.kind_code: np.ndarray = arrays["kind"]
        self.admin1_codes: list[str] = small["admin1_codes"]
        self.admin1_index: np.ndarray = arrays["admin1"]
        names = _decode(index.arrays["name_blob"], arrays["name_offsets"])
        self._name = np.array(names, dtype=object) if n else np.empty(0, dtype=object)
        gids = arrays["geonameid"].tolist()
        self._gid = np.array([g if g >= 0 else None for g in gids], dtype=object)
        self._row_columns = (
            self._gid.tolist(), names, self._lat.tolist(), self._lon.tolist(), self._kind.tolist(),
            self._cc.tolist(), self._a1.tolist(), self._pop.tolist(), self._capital.tolist(),
            self._approx.tolist(), self._minor.tolist(),
        )
        self.keys = NameIndex(index.trie, arrays, n_keys=small["n_keys"], kinds=small["kinds"])
        self.skeletons: dict[str, tuple[int, ...]] = small["skeletons"]
        self.abbreviations: dict[str, int] = small["abbreviations"]
        self.demonyms: dict[str, int] = small["demonyms"]
        self.polygon_admin1: dict[int, PolygonAdmin1] = {
            row: PolygonAdmin1(*fields) for row, fields in small["polygon_admin1"].items()}
        self._admin1_rows: dict[str, int] = small["admin1_rows"]
        self._country_rows: dict[str, int] = small["country_rows"]
        self.stored_adjective_forms: dict = small["adjective_forms"]  # see ``_adjective_forms_of``
        self._former_names: dict[str, tuple[int, ...]] = small.get("former_names", {})
        self._candidate_cache: dict[tuple[int, bool], Candidate] = {}
        self._rows_cache: dict[str, tuple[int, ...]] = {}
        self._table: pd.DataFrame | None = None

    @property
    def path(self) -> Path:
        """The index file this gazetteer reads."""
        return self._index.path

    @property
    def table(self) -> pd.DataFrame:
        """The whole table as a DataFrame (built on first use: the hot paths read the columns)."""
        if self._table is None:
            self._table = pd.DataFrame({
                "geonameid": self._gid, "name": self._name, "lat": self._lat, "lon": self._lon,
                "feature_kind": self._kind, "country_code": self._cc, "admin1_code": self._a1,
                "population": self._pop, "capital": self._capital, "names": self.alternate_names_column(),
                "demonyms": _decode(self._index.arrays["demonym_blob"], self._index.arrays["demonym_offsets"]),
                "abbreviations": _decode(self._index.arrays["abbreviation_blob"],
                                         self._index.arrays["abbreviation_offsets"]),
                "approx": self._approx, "minor": self._minor, "name_indexed": self._index.arrays["name_indexed"],
            })
        return self._table

    def former_name_rows(self, key: str) -> tuple[int, ...]:
        """The rows that carry the name key ``key`` as a former name (a settlement renamed since an older
        edition of Ukraine's codifier), sorted; () when none does."""
        return self._former_names.get(key, ())

    def alternate_names(self, row: int) -> str:
        """The ``|``-joined alternate names of row ``row`` ("" when it has none)."""
        offsets = self._index.arrays["names_offsets"]
        return bytes(self._index.arrays["names_blob"][offsets[row]:offsets[row + 1] - 1]).decode("utf-8")

    def alternate_names_column(self) -> list[str]:
        """``alternate_names`` of every row."""
        return _decode(self._index.arrays["names_blob"], self._index.arrays["names_offsets"])

    def polygon_admin1_of(self, row: int) -> PolygonAdmin1 | None:
        """The admin-1 unit the polygon layer gives row ``row`` when the row has none of its own."""
        return self.polygon_admin1.get(row)

    def key_summary(self, key: str) -> tuple[int, frozenset[str], bool]:
        """(highest population, kinds, whether any is a national capital) of the rows indexed under ``key``
        (see ``NameIndex.summary``): no row is read."""
        return self.keys.summary(key)

    def name_hits(self, window: str, run: str | None = None) -> list[tuple[int, tuple[str, int]]]:
        """Every name " key " in ``window`` (see ``NameIndex.hits``)."""
        return self.keys.hits(window, run)

    # -- look-ups -------------------------------------------------------------------------
    def candidate(self, row: int, *, primary: bool = True) -> Candidate:
        """The candidate of table row ``row`` (built once, then reused)."""
        cache = self._candidate_cache
        found = cache.get((row, primary))
        if found is None:
            found = cache[(row, primary)] = self._make_candidate(row, primary)
        return found

    def __reduce__(self):
        # a worker process opens the same index file (its pages are shared through the OS page cache)
        return (_open_index_file, (str(self._index.path),))

    # -- per-row columns as Python lists: scalar access without numpy boxing ------------
    def prepare(self) -> None:
        """Kept for callers: the per-row lists are built when the index is opened."""

    def _columns(self) -> tuple[list, ...]:
        return self._row_columns

    @property
    def kind_of(self) -> list[str]:
        """``feature_kind`` of every row."""
        return self._row_columns[4]

    @property
    def population_of(self) -> list[int]:
        """``population`` of every row."""
        return self._row_columns[7]

    @property
    def capital_of(self) -> list[bool]:
        """Whether every row is a national capital."""
        return self._row_columns[8]

    def capital_rows(self) -> list[int]:
        """The rows that are national capitals, in row order."""
        return np.flatnonzero(self._capital).tolist()

    @property
    def minor_of(self) -> list[bool]:
        """Whether every row is a settlement or raion only the codifier has (see ``Candidate.minor``)."""
        return self._row_columns[10]

    def _make_candidate(self, row: int, primary: bool) -> Candidate:
        gid, name, lat, lon, kind, cc, a1, pop, capital, approx, minor = self._row_columns
        return Candidate(row, gid[row], name[row], lat[row], lon[row], kind[row], cc[row], a1[row], pop[row], primary,
                         capital[row], approx[row], minor[row])

    def candidates(self, name: str) -> list[Candidate]:
        """Every entry called ``name`` (any spelling), most populous first."""
        return self.candidates_by_population(name_key(name))

    def candidates_by_population(self, key: str) -> list[Candidate]:
        """``candidates_for_key(key)`` most populous first, then by row (in the order the index keeps)."""
        cache, found = self._candidate_cache, []
        for entry in self.keys.by_population(key):  # ``self.candidate(row, primary=primary)``, inlined (speed)
            c = cache.get(entry)
            if c is None:
                c = cache[entry] = self._make_candidate(*entry)
            found.append(c)
        return found

    def candidates_for_key(self, key: str) -> list[Candidate]:
        """Every entry indexed under the already-normalised ``key``."""
        return [self.candidate(row, primary=primary) for row, primary in self.keys.get(key, ())]

    def rows_for_key(self, key: str) -> tuple[int, ...]:
        """Table rows indexed under the already-normalised ``key`` (cached per key)."""
        cache = self._rows_cache
        found = cache.get(key)
        if found is None:
            if len(cache) >= _MEMO_LIMIT:
                cache.clear()
            found = cache[key] = self.keys.rows(key)
        return found

    def admin1_row(self, admin1_code: str) -> int | None:
        """Table row of the admin-1 unit ``admin1_code``."""
        return self._admin1_rows.get(admin1_code)

    def country_row(self, country_code: str) -> int | None:
        """Table row of the country ``country_code``."""
        return self._country_rows.get(country_code)


def _decode(blob: np.ndarray, offsets: np.ndarray) -> list[str]:
    """The strings of a blob written by ``_encode`` (each followed by a NUL)."""
    return bytes(blob).decode("utf-8").split("\0")[:-1] if len(offsets) > 1 else []


def _polygon_admin1(table: pd.DataFrame) -> dict[int, PolygonAdmin1]:
    """Row → admin-1 unit from the polygon layer (geopandas ``sjoin`` within, then nearest), for the
    points of ``POLYGON_JOIN_COUNTRIES`` that carry no admin-1 code. Joined once, when the index is
    built, at the 6-decimal coordinates the geoparser reports."""
    from pipeline.geoparse.admin_join import join_admin1

    a1, kinds, ccs = (table[c].to_numpy(object) for c in ("admin1_code", "feature_kind", "country_code"))
    lat, lon = table["lat"].to_numpy(float), table["lon"].to_numpy(float)
    rows = [row for row, (a, kind, cc) in enumerate(zip(a1, kinds, ccs))
            if not isinstance(a, str) and kind in POLYGON_JOIN_KINDS and cc in POLYGON_JOIN_COUNTRIES]
    if not rows:
        return {}
    joined = join_admin1([round(float(lat[r]), 6) for r in rows], [round(float(lon[r]), 6) for r in rows])
    return {row: PolygonAdmin1(j.admin1_code, j.admin1_name, j.country_code, j.how)
            for row, j in zip(rows, joined.itertuples()) if j.admin1_code}


def _table() -> pd.DataFrame:
    table = geodata.load_gazetteer_table()
    landmarks = geodata.load_landmarks().copy()
    landmarks["admin1_code"] = landmarks["admin1_code"].replace("", None)
    landmarks["demonyms"] = ""
    landmarks["abbreviations"] = ""
    landmarks["capital"] = False
    cols = ["geonameid", "name", "lat", "lon", "feature_kind", "country_code", "admin1_code",
            "population", "capital", "names", "demonyms", "abbreviations"]
    merged = pd.concat([table[cols], landmarks[cols]], ignore_index=True)
    merged["names"] = merged["names"].fillna("")
    merged["demonyms"] = merged["demonyms"].fillna("")
    merged["country_code"] = merged["country_code"].fillna("")
    merged["approx"] = False
    merged["minor"] = False
    merged["name_indexed"] = True  # False: the main name is a label only (too common a word to look for)
    merged["former"] = ""  # the row's former names (``|``-joined), also among ``names``: see ``_merge_settlements``
    poly_admin1 = pd.concat([table["poly_admin1"], pd.Series([None] * len(landmarks), dtype=object)],
                            ignore_index=True)
    return _merge_settlements(merged, poly_admin1, geodata.load_settlements())


# -- settlements ------------------------------------------------------------------------------
SETTLEMENT_KINDS = ("city", "settlement", "village")  # codifier kinds that are populated places
SETTLEMENT_MATCH_KM = 5.0  # a GeoNames place of the same oblast sharing a name this close is the same place
# the same for a settlement whose point is an estimate (its hromada's centre can be 10-20 km off)
APPROX_MATCH_KM = 25.0
# English word frequency (wordfreq Zipf) from which a name of a codifier-only settlement is not indexed:
# "Nova", "Mir", "Vera" are villages, but in English text they are words and people's names
MINOR_NAME_MAX_ZIPF = 3.0
# stricter for the generated spellings, where Russian-form surnames appear ("Lavrov", "Ivanov")
MINOR_ALT_NAME_MAX_ZIPF = 2.0
# a spelling added to a GeoNames place (which the recogniser's filters already guard) up to this frequency
MERGED_NAME_MAX_ZIPF = 3.0
_CYRILLIC = re.compile("[\u0400-\u04ff]")


def _latin_names(names: str) -> list[str]:
    """The Latin-script spellings of a ``|``-joined list (the index reads English text)."""
    return [n for n in names.split("|") if n and not _CYRILLIC.search(n)] if isinstance(names, str) else []


def _rare_enough(name: str, limit: float) -> bool:
    """Whether ``name`` is rarer in English than Zipf ``limit`` (not a word or a common first name)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(name_key(name), "en") < limit


def _merge_settlements(table: pd.DataFrame, poly_admin1: pd.Series, settlements: pd.DataFrame) -> pd.DataFrame:
    """``table`` with the codifier's settlements, raions and oblast spellings merged in.

    A settlement with the GeoNames id of a row, or sharing a name with a GeoNames place of the same
    admin-1 unit within ``SETTLEMENT_MATCH_KM`` (``APPROX_MATCH_KM`` for an estimated point), adds its
    spellings to that row (whose point and population stay); the others become ``minor`` rows of kind
    ``city`` (population 0, ``approx`` when their point is an estimate). Raions become ``minor`` rows of kind ``admin2``; oblasts only add
    their spellings to the admin-1 row of their code. Hromadas are left out (their names are
    adjectives of their seat's name, which the settlement already carries). A settlement's or raion's
    former names (the codifier's older editions) are names like the others, also listed in the ``former``
    column, for the resolver to say so and to rank them below another place's main name."""
    names = table["names"].tolist()
    kinds = table["feature_kind"].to_numpy(object)
    a1 = table["admin1_code"].where(table["admin1_code"].notna(), poly_admin1).to_numpy(object)
    lat, lon = table["lat"].to_numpy(float), table["lon"].to_numpy(float)
    by_gid = {int(g): i for i, (g, k) in enumerate(zip(table["geonameid"], kinds)) if k == "city" and not pd.isna(g)}
    admin1_rows = {c: i for i, (c, k) in enumerate(zip(table["admin1_code"], kinds))
                   if k == "admin1" and isinstance(c, str)}
    codes = set(settlements["admin1_code"].dropna())
    by_name: dict[tuple[str, str], list[int]] = {}
    for i in np.flatnonzero(np.isin(a1.astype(str), list(codes)) & (kinds == "city")):
        for n in [table.at[i, "name"], *str(names[i]).split("|")]:
            if n:
                by_name.setdefault((a1[i], name_key(n)), []).append(int(i))
    added: dict[int, list[str]] = {}
    former_of: dict[int, list[str]] = {}
    new_rows = []
    for s in settlements.itertuples(index=False):
        spellings = [s.name, *_latin_names(s.names)]
        former = _latin_names(getattr(s, "former_names", ""))
        if s.kind in SETTLEMENT_KINDS and " " in s.name:  # "X Pershe" is also "X Pervoye", "Pershe X"
            spellings += [f for n in spellings for f in ordinal_forms(n)]
        if s.kind in SETTLEMENT_KINDS:
            former += [f for n in former if " " in n for f in ordinal_forms(n)]
        spellings += former
        if s.kind == "admin1":
            row = admin1_rows.get(s.admin1_code)
            if row is not None:
                added.setdefault(row, []).extend(spellings)
            continue
        if s.kind == "raion":
            if not math.isnan(s.lat):
                new_rows.append(_new_row(s, spellings, "admin2", approx=False, former=former))
            continue
        if s.kind not in SETTLEMENT_KINDS or math.isnan(s.lat):
            continue
        row = by_gid.get(int(s.geonameid)) if not pd.isna(s.geonameid) else None
        if row is None:
            row = _nearby_namesake(s, spellings, by_name, lat, lon)
        if row is not None:
            added.setdefault(row, []).extend(n for n in spellings if _rare_enough(n, MERGED_NAME_MAX_ZIPF))
            former_of.setdefault(row, []).extend(n for n in former if _rare_enough(n, MERGED_NAME_MAX_ZIPF))
        else:
            new_rows.append(_new_row(s, spellings, "city", approx=bool(s.approx_point), former=former))
    for row, extra in added.items():
        have = [n for n in str(names[row]).split("|") if n]
        seen = {name_key(n) for n in [table.at[row, "name"], *have]}
        for n in extra:
            if name_key(n) not in seen:
                seen.add(name_key(n))
                have.append(n)
        names[row] = "|".join(have)
    table = table.copy()
    table["names"] = names
    if "former" not in table.columns:
        table["former"] = ""
    for row, extra in former_of.items():
        table.at[row, "former"] = "|".join(dict.fromkeys(extra))
    return pd.concat([table, pd.DataFrame(new_rows, columns=table.columns)], ignore_index=True)


def _nearby_namesake(s, spellings: list[str], by_name: dict, lat: np.ndarray, lon: np.ndarray) -> int | None:
    """The closest GeoNames place of the settlement's admin-1 unit that shares one of its names and
    lies within ``SETTLEMENT_MATCH_KM`` or ``APPROX_MATCH_KM`` (equirectangular distance: a few km apart,
    it is exact enough)."""
    best, best_km = None, APPROX_MATCH_KM if s.approx_point else SETTLEMENT_MATCH_KM
    for row in sorted({r for n in spellings for r in by_name.get((s.admin1_code, name_key(n)), ())}):
        dy = (lat[row] - s.lat) * 111.2
        dx = (lon[row] - s.lon) * 111.2 * math.cos(math.radians(s.lat))
        km = math.hypot(dx, dy)
        if km <= best_km:
            best, best_km = row, km
    return best


def _new_row(s, spellings: list[str], kind: str, *, approx: bool, former: list[str] = ()) -> dict:
    """A gazetteer row for a codifier settlement or raion GeoNames lacks (names filtered by frequency;
    ``former``: those of ``spellings`` that are former names)."""
    main = [n for n in spellings[:1] if _rare_enough(n, MINOR_NAME_MAX_ZIPF)]
    alts = [n for n in dict.fromkeys(spellings[1:]) if n != s.name and _rare_enough(n, MINOR_ALT_NAME_MAX_ZIPF)]
    former = set(former)
    return {"geonameid": None, "name": s.name, "lat": float(s.lat), "lon": float(s.lon), "feature_kind": kind,
            "country_code": s.country_code, "admin1_code": s.admin1_code, "population": 0, "capital": False,
            # a main name too common to index is kept as the row's label, not as a name
            "names": "|".join(alts), "demonyms": "", "abbreviations": "", "approx": approx, "minor": True,
            "name_indexed": bool(main), "former": "|".join(n for n in alts if n in former)}


# a name written without its apostrophes is indexed so only from this many characters: a short one ("We‘a") reads
# too many other words
JOINED_MIN_CHARS = 4


def _build_keys(table: pd.DataFrame) -> tuple[dict, dict]:
    keys: dict[str, dict[int, bool]] = {}
    demonyms: dict[str, int] = {}
    spaced: dict[str, str] = {}
    pops = table["population"].to_numpy(np.int64)

    def add(name: str, row: int, primary: bool) -> None:
        key = name_key(name)
        if len(key) < 3 or not any(c.isalpha() for c in key):
            return
        slot = keys.setdefault(key, {})
        slot[row] = slot.get(row, False) or primary
        other = spaced_key(name)
        if other:
            spaced.setdefault(other, key)
        if any(ch in name for ch in NAME_APOSTROPHES):  # "Luhans'k" (and "Luhansʹk" ...) is also written "Luhansk"
            joined = name.translate(NO_APOSTROPHES)
            if len(name_key(joined)) >= JOINED_MIN_CHARS:
                add(joined, row, primary)

    rows = zip(table["name"], table["names"], table["demonyms"], table["name_indexed"])
    for row, (name, names, dems, name_indexed) in enumerate(rows):
        if name_indexed:
            add(name, row, True)
        if names:
            for alt in names.split("|"):
                add(alt, row, False)
        if dems:
            for dem in dems.split("|"):
                for form in (dem, dem + "s"):
                    key = name_key(form)
                    if key not in demonyms or pops[row] > pops[demonyms[key]]:
                        demonyms[key] = row  # "American": the United States, not the Northern Marianas
    _add_press_variants(table, keys, add)
    country_rows = {cc: i for i, (cc, kind) in enumerate(zip(table["country_code"], table["feature_kind"]))
                    if kind == "country"}
    aliases = pd.read_csv(geodata.data_path("aliases.csv"), keep_default_na=False)
    for alias, cc in zip(aliases["alias"], aliases["country_code"]):
        if cc in country_rows:
            add(alias, country_rows[cc], True)
    continents = _continent_rows(table)
    for alias, gid, kind in _continent_aliases():
        row = continents.get(gid)
        if row is None:
            continue
        if kind == "name":
            add(alias, row, True)
        elif kind == "demonym":
            for form in (alias, alias + "s"):
                demonyms.setdefault(name_key(form), row)
    frozen = {k: tuple(sorted(v.items())) for k, v in keys.items()}
    return frozen, demonyms, spaced


# the countries and kinds whose Latin names get the press's other spellings (``translit.press_variants``): the
# settlements and districts of the war theatre, named from Ukrainian and Russian
PRESS_VARIANT_COUNTRIES = frozenset({"UA", "RU", "BY"})
PRESS_VARIANT_KINDS = frozenset({"city", "admin2"})
# a one-word name gets its adjective endings in the other spellings only as a district or a town this populous:
# a one-word adjectival village name is often a surname too ("Syrskyi", "Zaluzhnyi"), which the press spells "-y"
PRESS_ENDING_MIN_POPULATION = 20_000


def _add_press_variants(table: pd.DataFrame, keys: dict, add) -> None:
    """Index the press spellings of the names of the war theatre's settlements and districts (``dzh`` as
    ``dj``/``j``; adjective endings in every tradition for districts, towns and names of several words) as alternate
    names, where the spelling names nothing yet and is no English word (``MINOR_ALT_NAME_MAX_ZIPF``): a generated
    spelling never takes a name from another place."""
    new: dict[str, list[tuple[str, int]]] = {}
    rows = zip(table["name"], table["names"], table["country_code"], table["feature_kind"], table["population"])
    for row, (name, names, cc, kind, population) in enumerate(rows):
        if cc not in PRESS_VARIANT_COUNTRIES or kind not in PRESS_VARIANT_KINDS:
            continue
        unit_or_town = kind == "admin2" or population >= PRESS_ENDING_MIN_POPULATION
        for spelling in dict.fromkeys([name, *_latin_names(names)]):
            if not isinstance(spelling, str) or _CYRILLIC.search(spelling):
                continue
            for variant in press_variants(spelling, endings=unit_or_town or " " in spelling.strip()):
                key = name_key(variant)
                if key not in keys:
                    new.setdefault(key, []).append((variant, row))
    for key, found in new.items():
        if _rare_enough(found[0][0], MINOR_ALT_NAME_MAX_ZIPF):
            for variant, row in found:
                add(variant, row, False)


def _continent_rows(table: pd.DataFrame) -> dict[int, int]:
    """GeoNames id → table row of each continent."""
    return {int(gid): i for i, (gid, kind) in enumerate(zip(table["geonameid"], table["feature_kind"]))
            if kind == "continent" and not pd.isna(gid)}


def _continent_aliases() -> list[tuple[str, int, str]]:
    """(alias, continent GeoNames id, "name" | "demonym" | "abbreviation") from ``continent_aliases.csv``."""
    aliases = pd.read_csv(geodata.data_path("continent_aliases.csv"), keep_default_na=False)
    return list(zip(aliases["alias"], aliases["geonameid"].astype(int), aliases["kind"]))


SKELETON_MIN_POPULATION = 15_000


def _build_skeletons(table: pd.DataFrame, keys: dict) -> dict[str, tuple[int, ...]]:
    """Consonant skeleton → rows, for single-word names of sizeable places and admin-1 units."""
    pop = table["population"].to_numpy(np.int64)
    kind = table["feature_kind"].to_numpy(object)
    out: dict[str, set[int]] = {}
    for key, entries in keys.items():
        if " " in key:
            continue
        sk = skeleton(key)
        if len(sk) < 4:
            continue
        for row, _primary in entries:
            if kind[row] in ("admin1", "country") or pop[row] >= SKELETON_MIN_POPULATION:
                out.setdefault(sk, set()).add(row)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def _abbreviations(table: pd.DataFrame) -> dict[str, int]:
    rows = {cc: i for i, (cc, kind) in enumerate(zip(table["country_code"], table["feature_kind"])) if kind == "country"}
    abbrev = pd.read_csv(geodata.data_path("abbreviations.csv"), keep_default_na=False)
    found = {a: rows[cc] for a, cc in zip(abbrev["abbreviation"], abbrev["country_code"]) if cc in rows}
    units = {a1: i for i, (a1, kind) in enumerate(zip(table["admin1_code"], table["feature_kind"]))
             if kind == "admin1" and isinstance(a1, str)}
    states = pd.read_csv(geodata.data_path("admin1_abbreviations.csv"), keep_default_na=False)
    found |= {a: units[code] for a, code in zip(states["abbreviation"], states["admin1_code"]) if code in units}
    continents = _continent_rows(table)
    found |= {alias: continents[gid] for alias, gid, kind in _continent_aliases()
              if kind == "abbreviation" and gid in continents}
    return found


# the data files the index is built from (admin1.parquet: the polygon join of points without a code)
INDEX_SOURCES = ("gazetteer.parquet", "settlements.parquet", "landmarks.csv", "abbreviations.csv", "aliases.csv",
                 "admin1_abbreviations.csv", "continent_aliases.csv", "admin1.parquet")


def _fingerprint() -> str:
    """Digest of the index version and the contents of its data files (about 30 ms): clones and
    checkouts of the same data share one cached index, and any change to the data rebuilds it."""
    digest = hashlib.sha256(f"v{INDEX_VERSION}".encode())
    for name in INDEX_SOURCES:
        digest.update(f"{name}:".encode())
        digest.update(geodata.data_path(name).read_bytes())
    return digest.hexdigest()[:16]


def _cache_dir() -> Path:
    from pipeline import settings

    return Path(settings.cache_folder)


# the endings of a Slavic adjectival place name in its masculine and neuter forms, as the press spells them
# ("Dneprorudny", "Dneprorudnyy", "Dneprorudnoye", "Dniprorudne"): the same place whichever is used
_ADJECTIVE_ENDING = re.compile(r"(?<=[nkv])(?:yy|yi|iy|ij|ii|y|oye|oie|oe|ye|e)\Z")


def one_word_adjectival(key: str) -> bool:
    """Whether name key ``key`` is one word with an adjectival ending letter."""
    return key[-1:] in ("e", "y", "i", "j") and " " not in key


def adjective_stem(key: str, min_letters: int) -> str | None:
    """The stem of a one-word adjectival name ("chervonyi" → "chervon"), or None."""
    if not one_word_adjectival(key):
        return None
    ending = _ADJECTIVE_ENDING.search(key)
    stem = key[:ending.start()] if ending else ""
    return stem if len(stem) >= min_letters else None


def adjective_forms_params() -> list[int]:
    """The weights the adjective-stem table depends on (stored with it, so a change rebuilds it)."""
    w = RECOGNISE_WEIGHTS
    return [w.adjective_min_population, w.adjective_stem_min_letters]


def _adjective_forms_of(keys: dict, table: pd.DataFrame) -> dict[str, tuple[int, ...]]:
    """Adjective stem → rows of the towns (population ``adjective_min_population`` or more) with a one-word
    adjectival name of that stem in any spelling; built with the index so that loading does not."""
    min_population, min_letters = adjective_forms_params()
    towns = (table["feature_kind"].to_numpy(object) == "city") & (table["population"].to_numpy() >= min_population)
    found: dict[str, set[int]] = {}
    for key, entries in keys.items():
        if not one_word_adjectival(key):
            continue
        rows = [row for row, _primary in entries if towns[row]]
        stem = adjective_stem(key, min_letters) if rows else None
        if stem:
            found.setdefault(stem, set()).update(rows)
    return {stem: tuple(sorted(rows)) for stem, rows in sorted(found.items())}


def _index_parts(table: pd.DataFrame) -> tuple[dict[str, np.ndarray], marisa_trie.Trie, dict]:
    """The arrays, the pattern trie and the small tables of the index of ``table``."""
    keys, demonyms, spaced = _build_keys(table)
    patterns = dict.fromkeys(keys)
    patterns.update(dict.fromkeys(k for k in demonyms if k not in keys))
    patterns.update(dict.fromkeys(s for s in spaced if s not in patterns))
    trie = marisa_trie.Trie(list(patterns))
    counts = np.zeros(len(trie) + 1, dtype=np.int64)
    by_id: list[tuple[tuple[int, bool], ...]] = [()] * len(trie)
    for key, entries in keys.items():
        by_id[trie[key]] = entries
    counts[1:] = [len(entries) for entries in by_id]
    kinds = sorted(set(table["feature_kind"]))
    countries = sorted(set(table["country_code"]))
    a1 = table["admin1_code"].to_numpy(object)
    admin1_codes = sorted({c for c in a1 if isinstance(c, str)})
    a1_index = {c: i for i, c in enumerate(admin1_codes)}
    gids = table["geonameid"].to_numpy(object)
    arrays = {
        "lat": table["lat"].to_numpy(np.float64), "lon": table["lon"].to_numpy(np.float64),
        "population": table["population"].to_numpy(np.int64),
        "capital": table["capital"].to_numpy(bool), "approx": table["approx"].to_numpy(bool),
        "minor": table["minor"].to_numpy(bool), "name_indexed": table["name_indexed"].to_numpy(bool),
        "kind": np.array([kinds.index(k) for k in table["feature_kind"]], dtype=np.uint8),
        "country": np.searchsorted(np.array(countries, dtype=object), table["country_code"].to_numpy(object))
        .astype(np.uint16),
        "admin1": np.array([a1_index[c] if isinstance(c, str) else -1 for c in a1], dtype=np.int32),
        "geonameid": np.array([-1 if pd.isna(g) else int(g) for g in gids], dtype=np.int64),
        "key_offsets": np.cumsum(counts).astype(np.int64),
        "key_rows": np.array([row for entries in by_id for row, _p in entries], dtype=np.int32),
        "key_primary": np.array([p for entries in by_id for _r, p in entries], dtype=bool),
    }
    arrays.update(_key_summaries(arrays))
    arrays["key_by_population"] = _by_population(arrays)
    for column, prefix in (("name", "name"), ("names", "names"), ("demonyms", "demonym"),
                           ("abbreviations", "abbreviation")):
        arrays[f"{prefix}_blob"], arrays[f"{prefix}_offsets"] = _encode(table[column].fillna("").astype(str))
    small = {
        "kinds": kinds, "country_codes": countries, "admin1_codes": admin1_codes, "n_keys": len(keys),
        "skeletons": _build_skeletons(table, keys), "abbreviations": _abbreviations(table), "demonyms": demonyms,
        "admin1_rows": {c: i for i, (c, kind) in enumerate(zip(a1, table["feature_kind"]))
                        if kind == "admin1" and isinstance(c, str)},
        "country_rows": {cc: i for i, (cc, kind) in enumerate(zip(table["country_code"], table["feature_kind"]))
                         if kind == "country"},
        "polygon_admin1": {row: tuple(p) for row, p in _polygon_admin1(table).items()},
        "adjective_forms": {"params": adjective_forms_params(), "forms": _adjective_forms_of(keys, table)},
        "former_names": _former_names_of(table),
    }
    return arrays, trie, small


def _former_names_of(table: pd.DataFrame) -> dict[str, tuple[int, ...]]:
    """Name key → the rows that carry it as a former name (the ``former`` column)."""
    found: dict[str, set[int]] = {}
    for row, former in enumerate(table["former"].fillna("") if "former" in table.columns else ()):
        for n in filter(None, former.split("|")):
            for form in {n, n.replace("'", "").replace("’", "")}:
                found.setdefault(name_key(form), set()).add(row)
    return {key: tuple(sorted(rows)) for key, rows in sorted(found.items())}


def _key_summaries(arrays: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Per pattern of the trie: the highest population of its rows (0 without rows), a bit mask of their
    kinds (bit ``i``: ``kinds[i]``) and whether any is a national capital."""
    offsets, rows = arrays["key_offsets"], arrays["key_rows"].astype(np.int64)
    n = len(offsets) - 1
    best = np.zeros(n, dtype=np.int64)
    kinds = np.zeros(n, dtype=np.uint32)
    capital = np.zeros(n, dtype=bool)
    filled = np.flatnonzero(offsets[1:] > offsets[:-1])
    if len(filled):
        starts = offsets[:-1][filled]
        best[filled] = np.maximum.reduceat(arrays["population"][rows], starts)
        kinds[filled] = np.bitwise_or.reduceat(np.left_shift(np.uint32(1), arrays["kind"][rows].astype(np.uint32)),
                                               starts)
        capital[filled] = np.logical_or.reduceat(arrays["capital"][rows], starts)
    return {"key_best_population": best, "key_kinds": kinds, "key_capital": capital}


def _by_population(arrays: dict[str, np.ndarray]) -> np.ndarray:
    """Positions into ``key_rows`` that list each key's entries most populous first (then by row): the
    order in which the resolver ranks a name's candidates."""
    offsets, rows = arrays["key_offsets"], arrays["key_rows"].astype(np.int64)
    segment = np.repeat(np.arange(len(offsets) - 1), np.diff(offsets))
    return np.lexsort((rows, -arrays["population"][rows], segment)).astype(np.int32)


def _encode(strings: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """``strings`` as one UTF-8 blob, each followed by a NUL, and the n + 1 byte offsets of their starts."""
    encoded = [s.encode("utf-8") for s in strings]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(e) + 1 for e in encoded])
    return np.frombuffer(b"".join(e + b"\0" for e in encoded), dtype=np.uint8), offsets


# -- the index file ----------------------------------------------------------------------------
# One file, memory-mapped read-only: a header, then the columns as raw little-endian arrays (each at a
# multiple of ``_ALIGN`` bytes), the MARISA trie of the patterns, and a pickle of the small look-up
# tables. Every process that opens it shares its pages through the OS page cache.
_MAGIC = b"conflictmap gazetteer index\n"
_ALIGN = 64
# look-ups remembered per process by ``NameIndex`` and ``Gazetteer.rows_for_key`` before they start afresh
_MEMO_LIMIT = 1_000_000
_END = itemgetter(0)


class IndexFileError(DataError):
    """The cached index file is truncated, corrupt, of another version or of other data."""


class _IndexFile:
    """The parts of an index file: ``arrays`` (read-only views of the mapped file), ``trie``, ``small``."""

    def __init__(self, path: Path, arrays: dict[str, np.ndarray], trie: marisa_trie.Trie, small: dict) -> None:
        self.path = path
        self.arrays = arrays
        self.trie = trie
        self.small = small


def _open_index_file(path: str | Path, fingerprint: str | None = None) -> Gazetteer:
    """The gazetteer of index file ``path``; ``IndexFileError`` when the file is not a whole, current index.

    The cyclic garbage collector is paused meanwhile: the objects made hold no cycles, and collections
    triggered by their sheer number would walk them again and again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        index = _read_index_file(Path(path), fingerprint)
        try:
            return Gazetteer(index)
        except (KeyError, IndexError, ValueError, TypeError) as exc:  # parts missing or of the wrong shape
            raise IndexFileError(f"{path} is corrupt ({type(exc).__name__}: {exc})") from exc
    finally:
        if enabled:
            gc.enable()


def _read_index_file(path: Path, fingerprint: str | None) -> _IndexFile:
    import mmap

    with path.open("rb") as fh:
        try:
            mapped = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
        except ValueError as exc:  # an empty file cannot be mapped
            raise IndexFileError(f"{path} is empty") from exc
    try:
        if mapped[:len(_MAGIC)] != _MAGIC:
            raise IndexFileError(f"{path} is not a gazetteer index")
        start = len(_MAGIC) + 8
        header_len = int.from_bytes(mapped[len(_MAGIC):start], "little")
        header = json.loads(bytes(mapped[start:start + header_len]))
        if header.get("version") != INDEX_VERSION or (fingerprint and header.get("fingerprint") != fingerprint):
            raise IndexFileError(f"{path} is an index of another version or of other data")
        body = start + header_len + (-(start + header_len) % _ALIGN)
        if body + header["body_size"] != len(mapped):
            raise IndexFileError(f"{path} is truncated or padded ({len(mapped):,} bytes, "
                                 f"{body + header['body_size']:,} expected)")
        view = memoryview(mapped)
        if zlib.crc32(view[body:]) != header["crc32"]:
            raise IndexFileError(f"{path} is corrupt (checksum mismatch)")
        arrays = {name: np.frombuffer(mapped, dtype=np.dtype(dtype), count=count, offset=body + offset)
                  for name, (dtype, count, offset) in header["arrays"].items()}
        a, b = header["trie"]
        trie = marisa_trie.Trie().frombytes(bytes(view[body + a:body + b]))
        a, b = header["small"]
        small = pickle.loads(view[body + a:body + b])
        del view
    except IndexFileError:
        raise
    except (ValueError, KeyError, TypeError, EOFError, pickle.UnpicklingError, UnicodeDecodeError) as exc:
        raise IndexFileError(f"{path} is corrupt ({type(exc).__name__}: {exc})") from exc
    return _IndexFile(path, arrays, trie, small)


def _write_index_file(path: Path, fingerprint: str, arrays: dict[str, np.ndarray], trie: marisa_trie.Trie,
                      small: dict) -> None:
    """Write the index to ``path`` atomically (a temporary file of this process, then renamed)."""
    parts: list[bytes | memoryview] = []
    layout: dict[str, list] = {}
    pos = 0

    def add(data: bytes | memoryview) -> tuple[int, int]:
        nonlocal pos
        pad = -pos % _ALIGN
        if pad:
            parts.append(b"\0" * pad)
            pos += pad
        parts.append(data)
        start, pos = pos, pos + len(data)
        return start, pos

    for name, array in arrays.items():
        array = np.ascontiguousarray(array, dtype=array.dtype.newbyteorder("<"))
        start, _end = add(memoryview(array).cast("B"))
        layout[name] = [array.dtype.str, len(array), start]
    trie_span = add(trie.tobytes())
    small_span = add(pickle.dumps(small, protocol=pickle.HIGHEST_PROTOCOL))
    crc = 0
    for part in parts:
        crc = zlib.crc32(part, crc)
    # offsets are relative to the body, which starts at the first multiple of ``_ALIGN`` after the header
    header = {"version": INDEX_VERSION, "fingerprint": fingerprint, "arrays": layout, "trie": list(trie_span),
              "small": list(small_span), "body_size": pos, "crc32": crc}
    encoded = json.dumps(header, sort_keys=True).encode()
    head = _MAGIC + len(encoded).to_bytes(8, "little") + encoded
    head += b"\0" * (-len(head) % _ALIGN)
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as fh:
            fh.write(head)
            for part in parts:
                fh.write(part)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


@lru_cache(maxsize=1)
def load_gazetteer(*, use_cache: bool = True) -> Gazetteer:
    """Load the gazetteer, from the on-disk index file when it is current (built there when it is not).

    A cached file that is unreadable (truncated, corrupt, foreign) is reported in one line and rebuilt;
    without ``use_cache`` the index is built into a temporary file, opened and unlinked."""
    fingerprint = _fingerprint()
    cache = _cache_dir() / f"gazetteer-index-{fingerprint}.idx"
    if use_cache and cache.exists():
        try:
            return _open_index_file(cache, fingerprint)
        except (IndexFileError, OSError) as exc:
            print(f"conflictmap: the cached gazetteer index is unusable, rebuilding it: {exc}", file=sys.stderr,
                  flush=True)
    started = time.perf_counter()
    print("conflictmap: building the gazetteer index (first run only) ...", file=sys.stderr, flush=True)
    arrays, trie, small = _index_parts(_table())
    if use_cache:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            _write_index_file(cache, fingerprint, arrays, trie, small)
            for stale in cache.parent.glob("gazetteer-index-*"):
                if stale != cache and stale.suffix in (".idx", ".pkl"):
                    stale.unlink(missing_ok=True)  # an index of older data files or an older format
            gazetteer = _open_index_file(cache, fingerprint)
        except OSError as exc:
            print(f"conflictmap: could not cache the index in {cache.parent}: {exc}", file=sys.stderr)
            use_cache = False
    if not use_cache:
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "gazetteer-index.idx"
            _write_index_file(path, fingerprint, arrays, trie, small)
            gazetteer = _open_index_file(path, fingerprint)  # the mapping outlives the file
    print(f"conflictmap: gazetteer index ready ({small['n_keys']:,} names, {time.perf_counter() - started:.1f} s)",
          file=sys.stderr, flush=True)
    return gazetteer
