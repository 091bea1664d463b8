"""Gold events missed only for their date: a spurious event of the same article agrees on type, oblast and figures.

Run from the repository root on builds of the development sets (``conflictmap build ARTICLES --out ROOT/SET``)::

    .venv/bin/python benchmarks/date_misses.py ROOT [SET ...]

SET is ``realnews`` (``../shared/realnews``) or a folder name under ``/work/sets`` (default: realnews, e1 … e16).
Gold events are paired one-to-one as ``score.py`` does (first fit, in gold order); a missed gold event is listed
with the first unpaired event of its article that would match it but for the date (ours, its precision, the
page's date). Nothing is written.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "realnews"
SETS = Path("/work/sets")


def _as_list(value):
    return value if isinstance(value, list) else [value]


def _matches(props: dict, gold: dict, *, with_date: bool = True) -> bool:
    if props.get("event_type") != gold["type"] or props.get("admin1_code") != gold.get("admin1"):
        return False
    if any(k in gold and props.get(k) not in _as_list(gold[k]) for k in ("killed", "injured")):
        return False
    return not with_date or "date" not in gold or props.get("date") in (None, gold["date"])


def date_misses(root: Path, name: str) -> list[tuple]:
    """(set, article, type, gold place, gold date, our date, our precision, page date) of each miss by date."""
    folder = SHARED if name == "realnews" else SETS / name
    gold = json.loads((folder / "gold.json").read_text())
    feats = json.loads((root / name / "events.geojson").read_text())["features"]
    rows = []
    for art, entry in gold.items():
        if art.startswith("_"):
            continue
        mine = [f["properties"] for f in feats if any(s.get("article") == art for s in f["properties"]["sources"])]
        used: set[int] = set()
        missed = []
        for event in entry.get("events", []):
            hit = next((j for j, p in enumerate(mine) if j not in used and _matches(p, event)), None)
            if hit is None:
                missed.append(event)
            else:
                used.add(hit)
        for event in missed:
            near = next((p for j, p in enumerate(mine) if j not in used and _matches(p, event, with_date=False)), None)
            if near is not None:
                rows.append((name, art, event["type"], event.get("place"), event.get("date"), near.get("date"),
                             near.get("date_precision"), entry.get("date")))
    return rows


def main(argv: list[str]) -> int:
    root = Path(argv[0])
    names = argv[1:] or ["realnews"] + [f"e{i}" for i in range(1, 17)]
    total = 0
    for name in names:
        for row in date_misses(root, name):
            total += 1
            print(*row)
    print(f"missed only for the date: {total}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
