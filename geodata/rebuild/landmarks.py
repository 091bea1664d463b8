"""The spellings of ``landmarks.csv`` that follow from its hand-entered names by rule.

The news names a landmark after its place in either form: "the Crimean Bridge" and "the Crimea bridge".
A name that opens with the adjective of the landmark's own admin-1 unit or country (the unit's name plus
``-n``, ``-an`` or ``-ian``: "Crimean" for Crimea) also gets the form with the unit's name. (Case needs no
rule: names are indexed case-folded, and the recogniser reads "X bridge", "X dam" … as the landmark of that
name when the table has one.)

Rewrites ``landmarks.csv`` in place (hand-entered rows and source notes unchanged byte for byte; names
only added, so the command is idempotent)::

    python -m geodata.rebuild.landmarks
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Iterable
from pathlib import Path

GEODATA_DIR = Path(__file__).resolve().parent.parent
# endings that turn a unit's name into its adjective ("Crimea" -> "Crimean", "Bosnia" -> "Bosnian",
# "Kosovo" -> "Kosovan")
ADJECTIVE_ENDINGS = ("n", "an", "ian")


def unit_name_forms(name: str, unit_names: Iterable[str]) -> list[str]:
    """``name`` with its opening adjective replaced by the unit name it derives from ("Crimean Bridge" →
    "Crimea Bridge" when "Crimea" is among ``unit_names``), or [] when it opens with no such adjective."""
    words = name.split()
    if len(words) < 2:
        return []
    for unit in sorted(unit_names):
        if " " in unit or not unit[:1].isupper():
            continue
        if any(words[0] == unit + ending for ending in ADJECTIVE_ENDINGS):
            return [" ".join([unit, *words[1:]])]
    return []


def derived_names(names: Iterable[str], unit_names: Iterable[str]) -> list[str]:
    """Every rule-derived spelling of ``names`` (a landmark's name and alternates) not among them, in order."""
    names = list(names)
    units = list(unit_names)
    out: list[str] = []
    for name in names:
        out += unit_name_forms(name, units)
    seen = set(names)
    return [f for f in dict.fromkeys(out) if f not in seen]


def _unit_names(gazetteer_table) -> dict[str, set[str]]:
    """Names of every admin-1 unit (by ISO code) and country (by country code) of the gazetteer."""
    out: dict[str, set[str]] = {}
    for r in gazetteer_table.itertuples():
        if r.feature_kind == "admin1" and r.admin1_code:
            key = r.admin1_code
        elif r.feature_kind == "country" and r.country_code:
            key = r.country_code
        else:
            continue
        out.setdefault(key, set()).update(n for n in [r.name, *str(r.names or "").split("|")] if n)
    return out


def rebuild_landmarks(path: Path = GEODATA_DIR / "landmarks.csv") -> int:
    """Add the derived spellings to ``path``; return how many were added."""
    import geodata

    table = geodata.load_gazetteer_table()
    units = _unit_names(table[table["feature_kind"].isin(["admin1", "country"])])
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    added = 0
    out = lines[:1]
    for line in lines[1:]:
        row = next(csv.reader([line]))
        name, names, admin1_code, country_code = row[0], row[1], row[6], row[5]
        own = [name, *[n for n in names.split("|") if n]]
        extra = derived_names(own, units.get(admin1_code, set()) | units.get(country_code, set()))
        prefix = f"{name},{names},"
        if extra and line.startswith(prefix):  # only the names field changes; the rest stays byte for byte
            line = f"{name},{'|'.join([*own[1:], *extra])}," + line[len(prefix):]
            added += len(extra)
        out.append(line)
    path.write_text("".join(out), encoding="utf-8")
    return added


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geodata.rebuild.landmarks", description=__doc__.split("\n")[0])
    parser.add_argument("--path", type=Path, default=GEODATA_DIR / "landmarks.csv")
    args = parser.parse_args(argv)
    added = rebuild_landmarks(args.path)
    print(f"landmarks: {added} derived spellings added to {args.path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
