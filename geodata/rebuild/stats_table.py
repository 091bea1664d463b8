"""The settlement counts of ``geodata/README.md``, written from ``settlements_stats.json``.

Run ``python -m geodata.rebuild.stats_table --write`` after ``conflictmap geodata settlements``: the part of
``geodata/README.md`` between ``BEGIN_MARK`` and ``END_MARK`` (a sentence of totals, the table of Ukraine's
oblasts, Russia's border regions, and the totals of Russia and Belarus) is replaced by what the committed stats
file says; without ``--write`` it is printed. ``tests/geodata/test_stats_table.py`` fails while the README and
the stats file disagree.

Unit names: the ``name`` of the unit's admin-1 row in ``settlements.parquet`` (the codifier's oblast name for
Ukraine), else ``admin1_name`` in ``admin1.parquet`` (Natural Earth).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from pathlib import Path

GEODATA = Path(__file__).resolve().parents[1]
README = GEODATA / "README.md"
STATS = GEODATA / "settlements_stats.json"
BEGIN_MARK = "<!-- settlement counts: written by `python -m geodata.rebuild.stats_table --write` -->"
END_MARK = "<!-- end of settlement counts -->"
PRECISIONS = ("exact", "hromada", "raion", "none")
# Russia's regions on the border of the war theatre, as ``ResolveWeights.war_theatre_admin1`` names them
BORDER_UNITS = ("RU-BEL", "RU-BRY", "RU-KRS", "RU-VOR", "RU-ROS")
LOWEST_SHARES_SHOWN = 5
LOWEST_SHARE_MIN_SETTLEMENTS = 10  # the two cities (one row each) are not oblasts to compare
CITY_UNITS = {"UA-30": "Kyiv (city)", "UA-40": "Sevastopol (city)"}  # no admin-1 row of their own in the file


def _n(value: int) -> str:
    return f"{value:,}"


def _totals(per_unit: Mapping[str, Mapping[str, int]], country: str) -> dict[str, int]:
    totals = dict.fromkeys(PRECISIONS, 0)
    for unit, counts in per_unit.items():
        if unit.startswith(f"{country}-"):
            for key in PRECISIONS:
                totals[key] += int(counts.get(key, 0))
    return totals


def _units(per_unit: Mapping[str, Mapping[str, int]], country: str) -> int:
    return sum(1 for unit, counts in per_unit.items() if unit.startswith(f"{country}-") and sum(counts.values()))


def _row(code: str, name: str, counts: Mapping[str, int], *, bold: bool = False) -> str:
    cells = [_n(int(counts.get(key, 0))) for key in PRECISIONS]
    if bold:
        cells = [f"**{cell}**" for cell in cells]
    return f"| {code} | {name} | " + " | ".join(cells) + " |"


def counts_section(stats: Mapping, names: Mapping[str, str]) -> str:
    """The markdown between the marks: totals in words, then the tables (pure: stats and unit names in)."""
    per_unit = stats["per_admin1"]
    ua, ru, by = (_totals(per_unit, c) for c in ("UA", "RU", "BY"))
    lines = [
        f"Settlements by point precision and unit, from `settlements_stats.json` (the rebuild of the committed "
        f"file). Ukraine: {_n(sum(ua.values()))} settlements, of which {_n(ua['exact'])} exact, "
        f"{_n(ua['hromada'])} approximate at their hromada's centre and {_n(ua['raion'])} at their raion's, "
        f"{_n(ua['none'])} without a point. Russia: {_n(sum(ru.values()))} in {_units(per_unit, 'RU')} units, "
        f"{_n(ru['exact'])} exact and {_n(ru['raion'])} approximate (their postal district's centre). "
        f"Belarus: {_n(sum(by.values()))} in {_units(per_unit, 'BY')} units, {_n(by['exact'])} exact and "
        f"{_n(by['raion'])} approximate.",
        "",
        "| unit | | exact | approximate (hromada) | approximate (raion, district) | none |",
        "|---|---|---|---|---|---|",
    ]
    for code in sorted(u for u in per_unit if u.startswith("UA-")):
        lines.append(_row(code, names.get(code, code), per_unit[code]))
    lines.append(_row("**UA**", "Ukraine", ua, bold=True))
    for code in BORDER_UNITS:
        if code in per_unit:
            lines.append(_row(code, f"{names.get(code, code)} (RU)", per_unit[code]))
    lines.append(_row("**RU**", f"Russia, all {_units(per_unit, 'RU')} units", ru, bold=True))
    lines.append(_row("**BY**", f"Belarus, all {_units(per_unit, 'BY')} units", by, bold=True))
    oblasts = [(counts["exact"] / total, code) for code, counts in per_unit.items()
               if code.startswith("UA-") and (total := sum(counts.values())) > LOWEST_SHARE_MIN_SETTLEMENTS]
    lowest = [f"{names.get(code, code)} {_n(per_unit[code]['exact'])} of {_n(sum(per_unit[code].values()))} "
              f"({share:.0%})" for share, code in sorted(oblasts)[:LOWEST_SHARES_SHOWN]]
    lines += ["", f"Lowest exact shares in Ukraine: {', '.join(lowest)}."]
    return "\n".join(lines)


def unit_names() -> dict[str, str]:
    """Unit code → the name the table shows (see the module doc)."""
    import pandas as pd

    names = dict(CITY_UNITS)
    admin1 = pd.read_parquet(GEODATA / "admin1.parquet", columns=["admin1_code", "admin1_name"])
    for code, name in zip(admin1["admin1_code"], admin1["admin1_name"]):
        names.setdefault(str(code), str(name))
    rows = pd.read_parquet(GEODATA / "settlements.parquet", columns=["kind", "admin1_code", "name"])
    rows = rows[(rows["kind"] == "admin1") & rows["admin1_code"].astype(str).str.startswith("UA-")]
    for code, name in zip(rows["admin1_code"], rows["name"]):
        if code not in CITY_UNITS:
            names[str(code)] = str(name)
    return names


def replace_section(readme: str, section: str) -> str:
    """``readme`` with the text between the marks replaced by ``section``."""
    start, end = readme.index(BEGIN_MARK) + len(BEGIN_MARK), readme.index(END_MARK)
    return f"{readme[:start]}\n{section}\n{readme[end:]}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geodata.rebuild.stats_table", description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help=f"rewrite the counts in {README.name} (else print them)")
    args = parser.parse_args(argv)
    section = counts_section(json.loads(STATS.read_text(encoding="utf-8")), unit_names())
    if not args.write:
        print(section)
        return 0
    README.write_text(replace_section(README.read_text(encoding="utf-8"), section), encoding="utf-8")
    print(f"settlement counts written to {README}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
