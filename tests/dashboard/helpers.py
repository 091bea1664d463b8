"""Helpers shared by the dashboard tests: reading back what a rendered map page carries."""

from __future__ import annotations

import json
import re
from typing import Any

_CELLS = re.compile(r"\(cmLayers\.cells\)\(\s*(.*?), map_cm\d+\);", flags=re.S)


def cells_data(page: str) -> dict[str, dict[str, Any]]:
    """The data of every grid-cell layer of a rendered map page, by kind (``places`` or an event type)."""
    found = {}
    for text in _CELLS.findall(page):
        if text.startswith("JSON.parse("):  # large data goes in as a JSON string
            text = json.loads(text[len("JSON.parse("):-1])
        data = json.loads(text)
        found[data["kind"]] = data
    return found


def cell_total(page: str, kind: str) -> int:
    """How many points the grid cells of one layer count (0 when the layer draws single points)."""
    data = cells_data(page).get(kind)
    return sum(row[2] for row in data["rows"]) if data else 0
