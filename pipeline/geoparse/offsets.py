"""A place given by its distance and direction from another: "X, about 20 kilometres south-west of Y".

The recogniser reads the phrase after a name (``mark_offsets``: ``Mention.offset``); resolve keeps the readings of
the name that lie where the phrase puts them, or, when none does, places the name at the point the phrase gives
(Y's point moved by that distance in that direction), never at a namesake far from it (``resolve._offset_places``).
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from pipeline.geoparse.recognise import Mention

KM_PER_MILE = 1.609344
_GATE_WORDS = ("kilomet", "km", "mile")
# ", about 20 kilometres south-west of the regional capital " before the next name
_OFFSET = re.compile(
    r"[ \t]*,?[ \t]*(?:(?:which|that)[ \t]+(?:is|lies)[ \t]+|(?:located|situated|lying)[ \t]+)?"
    r"(?:(?:about|around|some|roughly|approximately|nearly|almost|just|only|less[ \t]+than)[ \t]+)?"
    r"(\d{1,4}(?:\.\d+)?)[ \t]*(?:-[ \t]*)?(km|kilometres|kilometers|kilometre|kilometer|miles|mile)\b"
    r"(?:[ \t]+\([^()\n]{1,20}\))?[ \t]+(?:to[ \t]+the[ \t]+)?"
    r"(?:(north|south)?[ \t-]?(east|west)?(?:ern)?[ \t]+)?(?:of|from)[ \t]+(?:the[ \t]+)?(?:[a-z-]+[ \t]+){0,3}",
    re.IGNORECASE)
_BEARINGS = {("north", None): 0.0, ("north", "east"): 45.0, (None, "east"): 90.0, ("south", "east"): 135.0,
             ("south", None): 180.0, ("south", "west"): 225.0, (None, "west"): 270.0, ("north", "west"): 315.0}


class Offset(NamedTuple):
    """How far (km) and in which direction (degrees clockwise from north; None: not said) a place lies from the
    place named at ``start``."""

    km: float
    bearing: float | None
    start: int


def mark_offsets(text: str, lower: str, mentions: list[Mention]) -> None:
    """Set ``Mention.offset`` on each name followed by its distance and direction from the next name."""
    if not any(word in lower for word in _GATE_WORDS):
        return
    for m, nxt in zip(mentions, mentions[1:]):
        if m.kind not in ("name", "variant", "settlement") or m.region:
            continue
        found = _OFFSET.match(text, m.end)
        if found is None or found.end() != nxt.start:
            continue
        km = float(found.group(1)) * (KM_PER_MILE if found.group(2).lower().startswith("mile") else 1.0)
        ns, ew = (found.group(3) or "").lower() or None, (found.group(4) or "").lower() or None
        m.offset = Offset(km, _BEARINGS.get((ns, ew)), nxt.start)


def destination(lat: float, lon: float, km: float, bearing: float) -> tuple[float, float]:
    """The point ``km`` from (lat, lon) in direction ``bearing`` (degrees from north), on a sphere."""
    r = 6371.009
    d, b = km / r, math.radians(bearing)
    p1, l1 = math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(b))
    l2 = l1 + math.atan2(math.sin(b) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2))
    return math.degrees(p2), (math.degrees(l2) + 540.0) % 360.0 - 180.0
