"""The settlement counts in geodata/README.md are those of the committed settlements_stats.json."""

from __future__ import annotations

import json
import re
from pathlib import Path

from geodata.rebuild.stats_table import BEGIN_MARK, END_MARK, README, STATS, counts_section, replace_section, unit_names

ROOT = Path(__file__).resolve().parents[2]


def _section(text: str) -> str:
    return text[text.index(BEGIN_MARK) + len(BEGIN_MARK):text.index(END_MARK)].strip("\n")


def test_the_readme_counts_are_what_the_stats_file_gives():
    stats = json.loads(STATS.read_text(encoding="utf-8"))
    assert _section(README.read_text(encoding="utf-8")) == counts_section(stats, unit_names())


def test_the_table_adds_up_to_the_settlements_of_the_stats_file():
    stats = json.loads(STATS.read_text(encoding="utf-8"))
    section = counts_section(stats, unit_names())
    rows = [line.split(" | ") for line in section.splitlines() if line.startswith("| UA-")]
    by_column = [sum(int(row[k].strip(" |").replace(",", "")) for row in rows) for k in range(2, 6)]
    ukraine = {key: sum(c[key] for unit, c in stats["per_admin1"].items() if unit.startswith("UA-"))
               for key in ("exact", "hromada", "raion", "none")}
    assert by_column == [ukraine["exact"], ukraine["hromada"], ukraine["raion"], ukraine["none"]]
    assert sum(ukraine.values()) == 29_703  # every settlement of the codifier
    every = sum(sum(c.values()) for c in stats["per_admin1"].values())
    assert every == sum(stats["settlements"].values())


def test_a_changed_count_changes_the_section_and_write_puts_it_between_the_marks():
    stats = json.loads(STATS.read_text(encoding="utf-8"))
    stats["per_admin1"]["UA-61"] = dict(stats["per_admin1"]["UA-61"], exact=stats["per_admin1"]["UA-61"]["exact"] + 1)
    changed = counts_section(stats, {"UA-61": "Ternopilska"})
    assert "| UA-61 | Ternopilska | 63 |" in changed
    text = f"before\n{BEGIN_MARK}\nold table\n{END_MARK}\nafter\n"
    assert replace_section(text, changed) == f"before\n{BEGIN_MARK}\n{changed}\n{END_MARK}\nafter\n"


def test_the_main_readme_gives_the_russian_settlements_of_the_file():
    stats = json.loads(STATS.read_text(encoding="utf-8"))
    russian = sum(sum(c.values()) for unit, c in stats["per_admin1"].items() if unit.startswith("RU-"))
    said = re.search(r"about ([\d,]+)\s+Russian", (ROOT / "README.md").read_text(encoding="utf-8"))
    assert said is not None
    assert abs(int(said.group(1).replace(",", "")) - russian) <= russian * 0.01
