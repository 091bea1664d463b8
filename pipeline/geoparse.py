"""Geoparse text: find place mentions, resolve them offline, attach admin-1 units.

>>> parser = load_geoparser()
>>> parser.parse("Shelling hit Pokrovsk in Ukraine's eastern Donetsk region.")[0]["admin1_code"]
'UA-14'
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from pipeline import settings
from pipeline.admin_join import join_admin1
from pipeline.gazetteer import Gazetteer, load_gazetteer
from pipeline.recognise import find_mentions
from pipeline.resolve import resolve

PLACE_FIELDS = ("start", "end", "text", "name", "lat", "lon", "geonameid", "feature_kind", "admin1_code",
                "admin1_name", "country_code", "confidence", "reason")
_POINT_KINDS = ("city", "landmark")
# countries whose admin-1 polygons are bundled (geodata/admin1.parquet)
FOCUS_COUNTRIES = frozenset({"UA", "RU", "BY", "MD", "PL", "SK", "HU", "RO"})


class Geoparser:
    """Text → resolved place mentions, with offsets into the text."""

    def __init__(self, gazetteer: Gazetteer, *, focus_country: str | None = None) -> None:
        self.gazetteer = gazetteer
        self.focus_country = focus_country

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
            joined = join_admin1([p["lat"] for p in pending], [p["lon"] for p in pending])
            for place, row in zip(pending, joined.itertuples()):
                if row.admin1_code:
                    place["admin1_code"], place["admin1_name"] = row.admin1_code, row.admin1_name
                    place["country_code"] = place["country_code"] or row.country_code
                    place["reason"] += f"; admin-1 from the polygon layer ({row.how})"
        return results

    def _admin1_name(self, code: str | None) -> str | None:
        if not code:
            return None
        row = self.gazetteer.admin1_row(code)
        return str(self.gazetteer._name[row]) if row is not None else None


@lru_cache(maxsize=1)
def load_geoparser() -> Geoparser:
    """The geoparser over the bundled gazetteer (index loaded once per process)."""
    return Geoparser(load_gazetteer(), focus_country=settings.focus_country)
