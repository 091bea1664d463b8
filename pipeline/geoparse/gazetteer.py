"""Offline gazetteer: every name of every place, indexed for look-up and for scanning text.

The table comes from ``geodata/gazetteer.parquet`` (GeoNames cities, countries, admin-1
units, continents) plus ``geodata/landmarks.csv`` and ``geodata/abbreviations.csv``, merged
with ``geodata/settlements.parquet`` (every settlement of Ukraine's codifier and of Russia's
border oblasts, and the raions): a settlement GeoNames already has only adds its spellings to
that row; the others become rows of their own, flagged ``minor`` (no population figure: the
geoparser keeps them only where the article is about their country) and ``approx`` when their
point is an estimate (the centre of their hromada or raion). Names
are keyed by :func:`pipeline.text.textnorm.name_key`; an Aho-Corasick automaton over the keys
finds every occurrence in folded text. The built index is cached on disk (see
``pipeline.settings.cache_folder``) so later starts only unpickle it.
"""

from __future__ import annotations

import hashlib
import math
import os
import re
import pickle
import sys
import time
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import ahocorasick
import numpy as np
import pandas as pd

import geodata
from pipeline.text.textnorm import name_key, skeleton, spaced_key

INDEX_VERSION = 9
# caches a loaded index builds on demand; ``Gazetteer.__getstate__`` leaves them out of the pickle
_DERIVED_ATTRIBUTES = ("_candidate_cache", "_rows_cache", "_row_columns")


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


class Gazetteer:
    """Names → candidates, plus an automaton that finds names in folded text."""

    def __init__(self, table: pd.DataFrame, keys: dict[str, tuple[tuple[int, bool], ...]],
                 abbreviations: dict[str, int], demonyms: dict[str, int], spaced_keys: dict[str, str]) -> None:
        self.table = table
        self._lat = table["lat"].to_numpy(float)
        self._lon = table["lon"].to_numpy(float)
        self._pop = table["population"].to_numpy(np.int64)
        self._kind = table["feature_kind"].to_numpy(object)
        self._cc = table["country_code"].to_numpy(object)
        self._a1 = table["admin1_code"].to_numpy(object)
        self._gid = table["geonameid"].to_numpy(object)
        self._name = table["name"].to_numpy(object)
        self._capital = table["capital"].to_numpy(bool)
        self._approx = table["approx"].to_numpy(bool)
        self._minor = table["minor"].to_numpy(bool)
        self.keys = keys
        self.skeletons = _build_skeletons(table, keys)
        self.abbreviations = abbreviations
        self.demonyms = demonyms
        # patterns are " key " so every match sits on word boundaries of ``fold_words`` text
        self.automaton = ahocorasick.Automaton()
        # values are (key, length of the name in the text)
        for key in keys:
            self.automaton.add_word(f" {key} ", (key, len(key)))
        for key in demonyms:
            if key not in keys:
                self.automaton.add_word(f" {key} ", (key, len(key)))
        for spaced, key in spaced_keys.items():
            if f" {spaced} " not in self.automaton:
                self.automaton.add_word(f" {spaced} ", (key, len(spaced)))
        self.automaton.make_automaton()
        self._admin1_rows = {a1: i for i, (a1, kind) in enumerate(zip(self._a1, self._kind))
                             if kind == "admin1" and isinstance(a1, str)}
        self._country_rows = {cc: i for i, (cc, kind) in enumerate(zip(self._cc, self._kind)) if kind == "country"}
        self.polygon_admin1 = _polygon_admin1(self)

    def polygon_admin1_of(self, row: int) -> PolygonAdmin1 | None:
        """The admin-1 unit the polygon layer gives row ``row`` when the row has none of its own."""
        return self.polygon_admin1.get(row)

    # -- look-ups -------------------------------------------------------------------------
    def candidate(self, row: int, *, primary: bool = True) -> Candidate:
        """The candidate of table row ``row`` (built once, then reused)."""
        cache = self.__dict__.setdefault("_candidate_cache", {})
        found = cache.get((row, primary))
        if found is None:
            found = cache[(row, primary)] = self._make_candidate(row, primary)
        return found

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        for name in _DERIVED_ATTRIBUTES:
            state.pop(name, None)  # rebuilt on demand, never pickled
        return state

    # -- per-row columns as Python lists: scalar access without numpy boxing ------------
    def prepare(self) -> None:
        """Build the per-row lists now (about 0.2 s), not on the first look-up."""
        self._columns()

    def _columns(self) -> tuple[list, ...]:
        columns = self.__dict__.get("_row_columns")
        if columns is None:
            columns = self.__dict__["_row_columns"] = _row_columns(self)
        return columns

    @property
    def kind_of(self) -> list[str]:
        """``feature_kind`` of every row."""
        return self._columns()[4]

    @property
    def population_of(self) -> list[int]:
        """``population`` of every row."""
        return self._columns()[7]

    @property
    def capital_of(self) -> list[bool]:
        """Whether every row is a national capital."""
        return self._columns()[8]

    @property
    def minor_of(self) -> list[bool]:
        """Whether every row is a settlement or raion only the codifier has (see ``Candidate.minor``)."""
        return self._columns()[10]

    def _make_candidate(self, row: int, primary: bool) -> Candidate:
        gid, name, lat, lon, kind, cc, a1, pop, capital, approx, minor = self._columns()
        return Candidate(row, gid[row], name[row], lat[row], lon[row], kind[row], cc[row], a1[row], pop[row], primary,
                         capital[row], approx[row], minor[row])

    def candidates(self, name: str) -> list[Candidate]:
        """Every entry called ``name`` (any spelling), most populous first."""
        entries = self.keys.get(name_key(name), ())
        found = [self.candidate(row, primary=primary) for row, primary in entries]
        return sorted(found, key=lambda c: (-c.population, c.row))

    def candidates_for_key(self, key: str) -> list[Candidate]:
        """Every entry indexed under the already-normalised ``key``."""
        return [self.candidate(row, primary=primary) for row, primary in self.keys.get(key, ())]

    def rows_for_key(self, key: str) -> tuple[int, ...]:
        """Table rows indexed under the already-normalised ``key`` (cached per key)."""
        cache = self.__dict__.setdefault("_rows_cache", {})
        found = cache.get(key)
        if found is None:
            found = cache[key] = tuple(row for row, _primary in self.keys.get(key, ()))
        return found

    def admin1_row(self, admin1_code: str) -> int | None:
        """Table row of the admin-1 unit ``admin1_code``."""
        return self._admin1_rows.get(admin1_code)

    def country_row(self, country_code: str) -> int | None:
        """Table row of the country ``country_code``."""
        return self._country_rows.get(country_code)


def _row_columns(gaz: Gazetteer) -> tuple[list, ...]:
    """The fields of a ``Candidate`` (after ``row``) for every row, as Python lists of Python values."""
    return (
        [None if pd.isna(gid) else int(gid) for gid in gaz._gid],
        [str(name) for name in gaz._name],
        gaz._lat.tolist(),
        gaz._lon.tolist(),
        [str(kind) for kind in gaz._kind],
        [str(cc or "") for cc in gaz._cc],
        [a1 if isinstance(a1, str) else None for a1 in gaz._a1],
        gaz._pop.tolist(),
        gaz._capital.tolist(),
        gaz._approx.tolist(),
        gaz._minor.tolist(),
    )


def _polygon_admin1(gaz: Gazetteer) -> dict[int, PolygonAdmin1]:
    """Row → admin-1 unit from the polygon layer (geopandas ``sjoin`` within, then nearest), for the
    points of ``POLYGON_JOIN_COUNTRIES`` that carry no admin-1 code. Joined once, when the index is
    built, at the 6-decimal coordinates the geoparser reports."""
    from pipeline.geoparse.admin_join import join_admin1

    rows = [row for row, (a1, kind, cc) in enumerate(zip(gaz._a1, gaz._kind, gaz._cc))
            if not isinstance(a1, str) and kind in POLYGON_JOIN_KINDS and cc in POLYGON_JOIN_COUNTRIES]
    if not rows:
        return {}
    joined = join_admin1([round(float(gaz._lat[r]), 6) for r in rows], [round(float(gaz._lon[r]), 6) for r in rows])
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
    adjectives of their seat's name, which the settlement already carries)."""
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
    new_rows = []
    for s in settlements.itertuples(index=False):
        spellings = [s.name, *_latin_names(s.names)]
        if s.kind == "admin1":
            row = admin1_rows.get(s.admin1_code)
            if row is not None:
                added.setdefault(row, []).extend(spellings)
            continue
        if s.kind == "raion":
            if not math.isnan(s.lat):
                new_rows.append(_new_row(s, spellings, "admin2", approx=False))
            continue
        if s.kind not in SETTLEMENT_KINDS or math.isnan(s.lat):
            continue
        row = by_gid.get(int(s.geonameid)) if not pd.isna(s.geonameid) else None
        if row is None:
            row = _nearby_namesake(s, spellings, by_name, lat, lon)
        if row is not None:
            added.setdefault(row, []).extend(n for n in spellings if _rare_enough(n, MERGED_NAME_MAX_ZIPF))
        else:
            new_rows.append(_new_row(s, spellings, "city", approx=bool(s.approx_point)))
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


def _new_row(s, spellings: list[str], kind: str, *, approx: bool) -> dict:
    """A gazetteer row for a codifier settlement or raion GeoNames lacks (names filtered by frequency)."""
    main = [n for n in spellings[:1] if _rare_enough(n, MINOR_NAME_MAX_ZIPF)]
    alts = [n for n in dict.fromkeys(spellings[1:]) if n != s.name and _rare_enough(n, MINOR_ALT_NAME_MAX_ZIPF)]
    return {"geonameid": None, "name": s.name, "lat": float(s.lat), "lon": float(s.lon), "feature_kind": kind,
            "country_code": s.country_code, "admin1_code": s.admin1_code, "population": 0, "capital": False,
            # a main name too common to index is kept as the row's label, not as a name
            "names": "|".join(alts), "demonyms": "", "abbreviations": "", "approx": approx, "minor": True,
            "name_indexed": bool(main)}


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
        if "'" in name or "’" in name:  # "Luhans'k" is also written "Luhansk"
            add(name.replace("'", "").replace("’", ""), row, primary)

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


@lru_cache(maxsize=1)
def load_gazetteer(*, use_cache: bool = True) -> Gazetteer:
    """Load the gazetteer, from the on-disk index cache when it is current."""
    cache = _cache_dir() / f"gazetteer-index-{_fingerprint()}.pkl"
    if use_cache and cache.exists():
        try:
            with cache.open("rb") as fh:
                return pickle.load(fh)
        except Exception:  # a stale or truncated cache is rebuilt below
            pass
    started = time.perf_counter()
    print("conflictmap: building the gazetteer index (first run only) ...", file=sys.stderr, flush=True)
    table = _table()
    keys, demonyms, spaced = _build_keys(table)
    gazetteer = Gazetteer(table, keys, _abbreviations(table), demonyms, spaced)
    if use_cache:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_name(cache.name + f".{os.getpid()}.tmp")
            with tmp.open("wb") as fh:
                pickle.dump(gazetteer, fh, protocol=pickle.HIGHEST_PROTOCOL)
            tmp.replace(cache)
            for stale in cache.parent.glob("gazetteer-index-*.pkl"):
                if stale != cache:
                    stale.unlink(missing_ok=True)  # an index of older data files
        except OSError as exc:
            print(f"conflictmap: could not cache the index in {cache.parent}: {exc}", file=sys.stderr)
    print(f"conflictmap: gazetteer index ready ({len(keys):,} names, {time.perf_counter() - started:.1f} s)",
          file=sys.stderr, flush=True)
    return gazetteer
