"""The one style of every output: palette, symbols, labels and attribution.

The folium map (``dashboard/map.py``), the dashboard's charts (``dashboard/charts.py``)
and the briefing image (``pipeline.output.snapshot``) all read their colours, symbols
and words from here, so a slide and a screenshot of the same data look alike.
Colours are CSS hex strings (matplotlib reads them too).
"""

from __future__ import annotations

from dataclasses import dataclass

import geodata
from pipeline.model import EventType, SubEventType


@dataclass(frozen=True)
class SubTypeStyle:
    """How one incident sub-type is drawn."""

    colour: str
    icon: str  # Font Awesome 6 solid icon name (the map's markers)
    marker: str  # matplotlib marker (the image's symbols)


# -- event types ---------------------------------------------------------------------------------
CLAIM_COLOUR = "#7a0177"  # claimed areas: hatch and outline
CLAIM_TEXT_COLOUR = "#49006a"  # names of claimed areas, a darker shade of the claim colour
INCIDENT_COLOUR = "#e6550d"  # frontline incidents as a whole (charts)
CASUALTY_COLOUR = "#cb181d"  # casualty circles: fill
CASUALTY_EDGE_COLOUR = "#67000d"  # casualty circles: outline
KILLED_COLOUR = "#67000d"
INJURED_COLOUR = "#fb6a4a"
PLACE_COLOUR = "#2b8cbe"  # place dots
BORDER_COLOUR = "#0b3d91"  # Ukraine's internationally recognised border

EVENT_TYPE_COLOURS: dict[str, str] = {
    EventType.ANNEXATION_CLAIM.value: CLAIM_COLOUR,
    EventType.FRONTLINE_INCIDENT.value: INCIDENT_COLOUR,
    EventType.CASUALTY_REPORT.value: CASUALTY_COLOUR,
}

SUB_TYPE_STYLES: dict[str, SubTypeStyle] = {
    SubEventType.MISSILE_STRIKE.value: SubTypeStyle("#b2182b", "explosion", "^"),
    SubEventType.AIRSTRIKE.value: SubTypeStyle("#762a83", "plane", "*"),
    SubEventType.DRONE_STRIKE.value: SubTypeStyle("#9e4a9c", "plane", "h"),
    SubEventType.SHELLING.value: SubTypeStyle("#e6550d", "burst", "X"),
    SubEventType.ATTACK.value: SubTypeStyle("#d94801", "crosshairs", "D"),
    SubEventType.ADVANCE.value: SubTypeStyle("#a63603", "forward", ">"),
    SubEventType.CAPTURE.value: SubTypeStyle("#a63603", "forward", ">"),
    SubEventType.ENCIRCLEMENT.value: SubTypeStyle("#54278f", "arrows-to-circle", "s"),
    SubEventType.RECAPTURE.value: SubTypeStyle("#2166ac", "flag", "P"),
    SubEventType.WITHDRAWAL.value: SubTypeStyle("#636363", "person-walking-arrow-right", "v"),
    SubEventType.EXPLOSION.value: SubTypeStyle("#8c2d04", "bomb", "8"),
}
"""Incident sub-type -> style; others are drawn with ``OTHER_SUB_TYPE_STYLE``.

Keys here are the plain string values (``.value``), as read back from the GeoJSON.
"""
OTHER_SUB_TYPE_STYLE = SubTypeStyle("#3f4a5a", "circle-exclamation", "o")

# -- basemap and choropleth ----------------------------------------------------------------------
SEA_COLOUR = "#d6e6f0"
LAND_COLOUR = "#efece6"
FOCUS_LAND_COLOUR = "#fbfaf7"  # the focus country (Ukraine) on the map
COUNTRY_LINE_COLOUR = "#a9a9a9"
ADMIN1_LINE_COLOUR = "#b9b4aa"
CHOROPLETH_COLOURS: tuple[str, ...] = ("#fff7bc", "#fee391", "#fec44f", "#fe9929", "#d95f0e")

# -- words ----------------------------------------------------------------------------------------
EVENT_TYPE_LABELS: dict[str, str] = {
    EventType.ANNEXATION_CLAIM.value: "Annexation claim",
    EventType.FRONTLINE_INCIDENT.value: "Frontline incident",
    EventType.CASUALTY_REPORT.value: "Casualty report",
}
EVENT_TYPE_PLURALS: dict[str, str] = {
    EventType.ANNEXATION_CLAIM.value: "claims",
    EventType.FRONTLINE_INCIDENT.value: "incidents",
    EventType.CASUALTY_REPORT.value: "casualty reports",
}
METRIC_LABELS: dict[str, str] = {
    "mentions": "place mentions",
    "casualties": "killed + injured",
    "incidents": "frontline incidents",
}
ATTRIBUTION = geodata.ATTRIBUTION


def sub_type_style(sub_type: str | None) -> SubTypeStyle:
    """Return the style of an incident sub-type (``OTHER_SUB_TYPE_STYLE`` when it has none)."""
    return SUB_TYPE_STYLES.get(sub_type or "", OTHER_SUB_TYPE_STYLE)


def sub_type_label(sub_type: str) -> str:
    """Return the human label of a sub-type: ``missile_strike`` -> ``Missile strike``."""
    return sub_type.replace("_", " ").capitalize()


def css_rgba(colour: str, alpha: float) -> str:
    """Return a hex colour with an opacity as CSS ``rgba(...)``."""
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha:g})"
