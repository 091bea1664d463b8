"""Geoparse text: find place mentions, resolve them offline, attach admin-1 units.

>>> parser = load_geoparser()
>>> parser.parse_places("Shelling hit Pokrovsk in Ukraine's eastern Donetsk region.")[0].admin1_code
'UA-14'
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import lru_cache

from pipeline import settings
from pipeline.model import PLACE_FIELDS  # noqa: F401  (re-exported: the fields of a place)
from pipeline.geoparse.capitals import capital_phrases
from pipeline.geoparse.districts import widen_adjective_districts
from pipeline.geoparse.gazetteer import Gazetteer, load_gazetteer
from pipeline.geoparse.recognise import (Mention, find_mentions, load_word_lists, prepare_abbreviations,
                                         prepare_landmarks, prepare_lower_case_names, prepare_spellings)
from pipeline.geoparse.theatre import has_war_cue
from pipeline.geoparse.resolve import PRECISION_ADMIN1, PRECISION_ONLINE, Resolution, prepare_ranking, resolve
from pipeline.model import Place, PlaceRecord, Signal, place_record

_UNSEEN = object()  # a cache slot not filled yet (None is a valid answer)
# allocations between two collections of the youngest generation of the cyclic garbage collector, set for the
# whole process once the geoparser is loaded (Python's default is 700): parsing makes many short-lived objects
# (mentions, candidates, signals) and no cycles worth collecting often, so most young collections were wasted
# work (speed vs a few more MB held by cycles awaiting collection)
GC_YOUNG_THRESHOLD = 50_000
_POINTS_LIMIT = 65_536  # rounded points ``Geoparser`` remembers (then it starts again)


class Geoparser:
    """Text → resolved place mentions, with offsets into the text."""

    def __init__(self, gazetteer: Gazetteer, *, focus_country: str | None = None, online=None) -> None:
        """``online``: an ``OnlineFallbackGeocoder`` (or any geopy geocoder) that looks up the settlements
        the gazetteer lacks, with their admin unit and country; None keeps everything offline."""
        self.gazetteer = gazetteer
        self.focus_country = focus_country
        self.online = online
        self._admin1_names: dict[str | None, str | None] = {}
        # ``(round(lat, 6), round(lon, 6))`` of the points placed so far (``round`` on a float is slow)
        self._points: dict[tuple[float, float], tuple[float, float]] = {}

    def parse_places(self, text: str) -> list[Place]:
        """Every place mention of ``text``, in order of resolution."""
        return self.parse_many([text])[0]

    def parse_many(self, texts: Iterable[str]) -> list[list[Place]]:
        """``parse_places`` for each of ``texts``."""
        return [[self._place(r) for r in self._resolve(text)] for text in texts]

    def parse(self, text: str) -> list[PlaceRecord]:
        """``parse_places`` at the output edge: each place as its record (the fields of ``PLACE_FIELDS``)."""
        return [self._record(r) for r in self._resolve(text)]

    def _record(self, r: Resolution) -> PlaceRecord:
        """``self._place(r).as_properties()``: made from the place's fields without the ``Place`` (which costs
        more to make than its record), unless the place is completed once made (online, or from the polygon
        layer)."""
        if r.candidate.admin1_code is None or (r.precision == PRECISION_ADMIN1 and self.online is not None):
            return self._place(r).as_properties()
        return place_record(*self._fields(r))

    def _fields(self, r: Resolution) -> tuple:
        """The fields of the ``Place`` of ``r``, in order, before ``_place`` completes it: its admin-1 unit named,
        its point rounded."""
        c, m = r.candidate, r.mention
        reason = r.reason
        if c.approx:
            reason += "; approximate point (the centre of its hromada or raion)"
        point = self._points.get((c.lat, c.lon)) if c.lat and c.lon else None
        if point is None:
            point = self._rounded_point(c.lat, c.lon)
        return (m.start, m.end, m.text, c.name, point[0], point[1], c.geonameid, c.feature_kind, c.admin1_code,
                self._admin1_name(c.admin1_code), c.country_code or None, r.confidence, reason, c.capital, c.approx,
                r.precision, tuple(r.signals))

    def _place(self, r: Resolution) -> Place:
        """The resolved mention ``r`` as a ``Place``: its admin-1 unit named (joined from the polygon layer
        when the gazetteer has none), and located online when only its unit's seat is known."""
        c = r.candidate
        place = Place(*self._fields(r))
        if r.precision == PRECISION_ADMIN1 and self.online is not None:
            place = self._look_up_online(r, place)
        if c.admin1_code is None:
            joined = self.gazetteer.polygon_admin1_of(c.row)
            if joined is not None:
                place = replace(place, admin1_code=joined.admin1_code, admin1_name=joined.admin1_name,
                                country_code=place.country_code or joined.country_code,
                                reason=place.reason + f"; admin-1 from the polygon layer ({joined.how})")
        return place

    def _rounded_point(self, lat: float, lon: float) -> tuple[float, float]:
        """``(round(lat, 6), round(lon, 6))``, remembered unless a coordinate is zero (0.0 and -0.0 are one
        key but are written differently)."""
        point = (round(lat, 6), round(lon, 6))
        if lat and lon:
            if len(self._points) >= _POINTS_LIMIT:
                self._points.clear()
            self._points[(lat, lon)] = point
        return point

    def _resolve(self, text: str) -> list[Resolution]:
        """Mentions of ``text``, resolved. A settlement only the codifier has (``Candidate.minor``: a
        village with no population figure, often named like an English word or a person) is kept only
        where the article is about its country (see ``_supported_countries``); elsewhere its mention
        falls back to the other places of that name, or is dropped."""
        gaz = self.gazetteer
        mentions = find_mentions(text, gaz)
        war_cue = _war_cue(text)  # (scanned only if ``resolve`` needs it, at most once)
        resolved = capital_phrases(text, resolve(mentions, gaz, focus_country=self.focus_country, war_cue=war_cue),
                                   gaz)
        if not any(r.candidate.minor for r in resolved):
            widen_adjective_districts(text, resolved)
            return resolved
        supported = _supported_countries(resolved, self.focus_country)
        unsupported = {id(r.mention) for r in resolved
                       if r.candidate.minor and r.candidate.country_code not in supported}
        if not unsupported:
            widen_adjective_districts(text, resolved)
            return resolved
        resolved = capital_phrases(text, resolve(_without_minor(mentions, unsupported, gaz), gaz,
                                                 focus_country=self.focus_country, war_cue=war_cue), gaz)
        widen_adjective_districts(text, resolved)
        return resolved

    def _look_up_online(self, r: Resolution, place: Place) -> Place:
        """Replace the admin-unit point of a settlement the gazetteer lacks by the online geocoder's answer
        for "name, unit, country", when that answer lies in the unit; any failure keeps the offline place."""
        from pipeline.geoparse.online import locate_in_unit

        found = locate_in_unit(self.online, self.gazetteer, r.mention.text, place.admin1_code,
                               place.admin1_name, place.country_code)
        if found is None:
            return place
        lat, lon, address = found
        signal = Signal("online_geocoder", 0.0, f"located online in its unit ({address})")
        return replace(place, lat=round(lat, 6), lon=round(lon, 6), precision=PRECISION_ONLINE,
                       signals=(*place.signals, signal), reason=place.reason + f"; {signal.text}")

    def _admin1_name(self, code: str | None) -> str | None:
        found = self._admin1_names.get(code, _UNSEEN)
        if found is _UNSEEN:
            row = self.gazetteer.admin1_row(code) if code else None
            found = self._admin1_names[code] = str(self.gazetteer._name[row]) if row is not None else None
        return found


def _war_cue(text: str) -> Callable[[], bool]:
    """``has_war_cue(text)``, computed on the first call only (``functools.cache`` over a ``partial`` would do the
    same, but building its wrapper for every text cost more than the scan it spares)."""
    found: list[bool] = []

    def war_cue() -> bool:
        if not found:
            found.append(has_war_cue(text))
        return found[0]

    return war_cue


def _supported_countries(resolved: list[Resolution], focus_country: str | None) -> set[str]:
    """Countries the article is about: named (by name, demonym or abbreviation), or holding an admin-1
    unit or a place of the gazetteer's own (not a codifier-only settlement) the article names."""
    found = {r.candidate.country_code for r in resolved if not r.candidate.minor and r.candidate.country_code}
    if focus_country:
        found.add(focus_country)
    return found


def _without_minor(mentions: list[Mention], unsupported: set[int], gaz: Gazetteer) -> list[Mention]:
    """``mentions`` with the codifier-only rows taken out of the mentions in ``unsupported`` (their
    other candidates stay; a mention left with none is dropped and qualifier indices are renumbered)."""
    kept: list[Mention] = []
    new_index: dict[int, int] = {}
    for i, m in enumerate(mentions):
        if id(m) in unsupported:
            rows = tuple(r for r in (m.rows or gaz.rows_for_key(m.key)) if not gaz.minor_of[r])
            if not rows:
                continue
            m.rows = rows
        new_index[i] = len(kept)
        kept.append(m)
    for m in kept:  # every index into the list of mentions follows the renumbering
        if m.qualifier is not None:
            m.qualifier = new_index.get(m.qualifier)
        if m.country_qualifier is not None:
            m.country_qualifier = new_index.get(m.country_qualifier)
    return kept


@lru_cache(maxsize=1)
def load_geoparser() -> Geoparser:
    """The geoparser over the bundled gazetteer (index and word lists loaded once per process).

    The loaded index and word lists live as long as the process, so they are moved out of the cyclic
    garbage collector's way (``gc.freeze``): otherwise every full collection walks them again, which cost
    more than a tenth of the parsing time. They hold no reference cycles that would need collecting.
    The collector's youngest generation is then collected less often, for the whole process
    (``GC_YOUNG_THRESHOLD``).
    """
    load_word_lists()
    gazetteer = load_gazetteer()
    gazetteer.prepare()
    prepare_spellings(gazetteer)
    prepare_abbreviations(gazetteer)
    prepare_landmarks(gazetteer)
    prepare_lower_case_names(gazetteer)
    prepare_ranking(gazetteer)
    online = None
    if settings.online_geocoder:
        from pipeline.geoparse.geocoders import OnlineFallbackGeocoder

        online = OnlineFallbackGeocoder(gazetteer)
    parser = Geoparser(gazetteer, focus_country=settings.focus_country, online=online)
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, *gc.get_threshold()[1:])
    return parser


def geoparser_loaded() -> bool:
    """Whether this process holds a loaded geoparser (``load_geoparser`` has run since the last unload; True when
    the loader is not the cached one, e.g. replaced in a test: then nothing is let go)."""
    info = getattr(load_geoparser, "cache_info", None)
    return info is None or info().currsize > 0


def unload_geoparser() -> None:
    """Let go of this process's geoparser: its gazetteer index, word lists and every cache of the geoparsing
    modules (all pure: ``load_geoparser`` loads the same again when next asked, ~11 s).

    A build's parent calls it once its worker processes are forked (``ForkPoolMapper``): they keep the index's
    pages, and the parent needs it again only for a repeated text. Measured: of the +161 MB anonymous and
    +62 MB file-backed memory a load adds, 118 and 60 MB are given back (the rest: modules imported meanwhile,
    and allocator pages still partly used). An object a caller still holds (a ``Geoparser``) stays valid."""
    for name, module in list(sys.modules.items()):
        if module is None or not (name == __name__ or name.startswith(__name__ + ".")):
            continue
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)) and hasattr(value, "cache_info"):
                value.cache_clear()
    gc.collect()
    from pipeline.scale.memory import release_free_memory

    release_free_memory()
