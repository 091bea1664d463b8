"""Geoparse text: find place mentions, resolve them offline, attach admin-1 units.

>>> parser = load_geoparser()
>>> parser.parse("Shelling hit Pokrovsk in Ukraine's eastern Donetsk region.")[0]["admin1_code"]
'UA-14'
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import NamedTuple

from pipeline import settings
from pipeline.admin_join import join_admin1
from pipeline.gazetteer import Gazetteer, load_gazetteer
from pipeline.recognise import find_mentions, load_word_lists
from pipeline.resolve import resolve

PLACE_FIELDS = ("start", "end", "text", "name", "lat", "lon", "geonameid", "feature_kind", "admin1_code",
                "admin1_name", "country_code", "confidence", "reason")
_POINT_KINDS = ("city", "landmark")
# countries whose admin-1 polygons are bundled (geodata/admin1.parquet)
FOCUS_COUNTRIES = frozenset({"UA", "RU", "BY", "MD", "PL", "SK", "HU", "RO"})
_UNSEEN = object()  # a cache slot not filled yet (None is a valid answer)


class Geoparser:
    """Text → resolved place mentions, with offsets into the text."""

    def __init__(self, gazetteer: Gazetteer, *, focus_country: str | None = None) -> None:
        self.gazetteer = gazetteer
        self.focus_country = focus_country
        self._admin1_names: dict[str | None, str | None] = {}

    def parse(self, text: str) -> list[dict]:
        """Every place mention of ``text`` as a dict with the fields of ``PLACE_FIELDS``."""
        return self.parse_many([text])[0]

    def parse_many(self, texts: Iterable[str]) -> list[list[dict]]:
        """``parse`` for many texts, joining the points that need it to admin-1 in one batch."""
        results = []
        pending: list[dict] = []
        for text in texts:
            places = []
            for r in resolve(find_mentions(text, self.gazetteer), self.gazetteer, focus_country=self.focus_country):
                c, m = r.candidate, r.mention
                place = {
                    "start": m.start, "end": m.end, "text": m.text, "name": c.name,
                    "lat": round(c.lat, 6), "lon": round(c.lon, 6), "geonameid": c.geonameid,
                    "feature_kind": c.feature_kind, "admin1_code": c.admin1_code,
                    "admin1_name": self._admin1_name(c.admin1_code), "country_code": c.country_code or None,
                    "confidence": r.confidence, "reason": r.reason,
                }
                if c.admin1_code is None and c.feature_kind in _POINT_KINDS and c.country_code in FOCUS_COUNTRIES:
                    pending.append(place)
                places.append(place)
            results.append(places)
        if pending:
            for place, row in zip(pending, _admin1_of_points([(p["lat"], p["lon"]) for p in pending])):
                if row.admin1_code:
                    place["admin1_code"], place["admin1_name"] = row.admin1_code, row.admin1_name
                    place["country_code"] = place["country_code"] or row.country_code
                    place["reason"] += f"; admin-1 from the polygon layer ({row.how})"
        return results

    def _admin1_name(self, code: str | None) -> str | None:
        found = self._admin1_names.get(code, _UNSEEN)
        if found is _UNSEEN:
            row = self.gazetteer.admin1_row(code) if code else None
            found = self._admin1_names[code] = str(self.gazetteer._name[row]) if row is not None else None
        return found


class _JoinedPoint(NamedTuple):
    admin1_code: str | None
    admin1_name: str | None
    country_code: str | None
    how: str | None


_JOIN_CACHE_SIZE = 65536
_joined_points: dict[tuple[float, float], _JoinedPoint] = {}


def _admin1_of_points(points: list[tuple[float, float]]) -> list[_JoinedPoint]:
    """``join_admin1`` for (lat, lon) points, remembering each point's answer: the spatial join costs
    milliseconds per call, and the same towns come back article after article. (The join places every
    point on its own, so a point's answer does not depend on the batch it came in.)"""
    known = {pt: _joined_points[pt] for pt in points if pt in _joined_points}
    missing = [pt for pt in dict.fromkeys(points) if pt not in known]
    if missing:
        joined = join_admin1([lat for lat, _ in missing], [lon for _, lon in missing])
        if len(_joined_points) + len(missing) > _JOIN_CACHE_SIZE:
            _joined_points.clear()
        for pt, row in zip(missing, joined.itertuples()):
            known[pt] = _joined_points[pt] = _JoinedPoint(row.admin1_code, row.admin1_name, row.country_code, row.how)
    return [known[pt] for pt in points]


@lru_cache(maxsize=1)
def load_geoparser() -> Geoparser:
    """The geoparser over the bundled gazetteer (index and word lists loaded once per process)."""
    load_word_lists()
    return Geoparser(load_gazetteer(), focus_country=settings.focus_country)
