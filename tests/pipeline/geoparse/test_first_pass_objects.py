"""Session 15's cheaper objects on the first pass give what the plain forms give (issue 12's speed guard)."""

from __future__ import annotations

import dataclasses
import pickle
from dataclasses import dataclass, field

import pytest

from pipeline.model import _RECORD_ORDER, Place, Signal, place_record


@dataclass(frozen=True, slots=True)
class _PlainSignal:
    """``Signal`` with the dataclass's own ``__init__``."""

    kind: str
    weight: float
    text: str


@dataclass(frozen=True, slots=True)
class _PlainPlace:
    """``Place`` with the dataclass's own ``__init__``."""

    start: int
    end: int
    text: str
    name: str
    lat: float
    lon: float
    geonameid: int | None
    feature_kind: str
    admin1_code: str | None
    admin1_name: str | None
    country_code: str | None
    confidence: float
    reason: str
    capital: bool = False
    approx_point: bool = False
    precision: str = "exact"
    signals: tuple = field(default=(), compare=False)


_FIELDS = (5, 9, "Kyiv", "Kyiv", 50.45466, 30.5238, 703448, "city", "UA-30", "Kyiv City", "UA", 0.93, "r")


def _values(obj) -> tuple:
    return tuple(getattr(obj, f.name) for f in dataclasses.fields(obj))


def test_signal_set_through_its_slots_is_the_dataclass_signal():
    for args in (("population", 1.5, "population 1,000"), ("x", -0.0, ""), ("y", 0.0, "t")):
        signal, plain = Signal(*args), _PlainSignal(*args)
        assert _values(signal) == _values(plain) == args
        assert repr(signal) == repr(plain).replace("_PlainSignal", "Signal")
        assert hash(signal) == hash(plain) and signal == Signal(*args)
        assert Signal(kind=args[0], weight=args[1], text=args[2]) == signal
        assert pickle.loads(pickle.dumps(signal)) == signal
        with pytest.raises(dataclasses.FrozenInstanceError):
            signal.weight = 2.0  # type: ignore[misc]


def test_place_set_through_its_slots_is_the_dataclass_place():
    signals = (Signal("main_name", 0.8, "main name"),)
    for extra in ((), (True,), (True, True, "admin1"), (False, False, "exact", signals)):
        place, plain = Place(*_FIELDS, *extra), _PlainPlace(*_FIELDS, *extra)
        assert _values(place) == _values(plain)
        assert repr(place) == repr(plain).replace("_PlainPlace", "Place")
        assert hash(place) == hash(plain)
        assert place == dataclasses.replace(place, signals=()) and place != dataclasses.replace(place, lat=1.0)
        assert dataclasses.replace(place, admin1_code=None).admin1_code is None
        assert pickle.loads(pickle.dumps(place)) == place
        with pytest.raises(dataclasses.FrozenInstanceError):
            place.lat = 1.0  # type: ignore[misc]
    keywords = dict(zip([f.name for f in dataclasses.fields(Place)], (*_FIELDS, True, True, "town", signals)))
    assert _values(Place(**keywords)) == tuple(keywords.values())


def test_place_record_is_as_properties_in_the_record_order():
    signals = (Signal("population", 1.23456, "population 5"), Signal("feature_kind", 0.0, ""))
    place = Place(*_FIELDS, True, False, "exact", signals)
    record = place.as_properties()
    assert tuple(record) == _RECORD_ORDER
    assert record == place_record(*_values(place)) == {
        **{f.name: getattr(place, f.name) for f in dataclasses.fields(Place) if f.name != "signals"},
        "signals": [s.as_record() for s in signals]}


@pytest.mark.parametrize("text", [
    "Shelling hit Pokrovsk in Ukraine's eastern Donetsk region.",
    "Ships in the Black Sea and the Sea of Azov; drones over Crimea, Donbas and the Gaza Strip.",
    "Residents of Springfield, Illinois, and Paris, France, met in Kyiv on Monday.",
    "The village of Novoselivka Persha outside Ladyzhyn, Vinnytsia Oblast, was hit; Europe and NATO reacted.",
    ""])
def test_parse_gives_the_records_of_parse_places(geoparser, text):
    """``Geoparser.parse`` makes most records without their ``Place``: the same records, in the same key order."""
    records = geoparser.parse(text)
    expected = [p.as_properties() for p in geoparser.parse_places(text)]
    assert records == expected
    assert [list(r) for r in records] == [list(r) for r in expected]


def test_war_cue_is_scanned_once_and_is_has_war_cue(monkeypatch):
    import pipeline.geoparse as geoparse
    from pipeline.geoparse.theatre import has_war_cue

    calls = []

    def counted(text: str) -> bool:
        calls.append(text)
        return has_war_cue(text)

    monkeypatch.setattr(geoparse, "has_war_cue", counted)
    for text in ("Russian troops shelled the front line.", "A quiet council meeting."):
        calls.clear()
        cue = geoparse._war_cue(text)
        assert calls == []  # (nothing scanned until asked)
        assert cue() == cue() == has_war_cue(text)
        assert calls == [text]


def test_shared_base_signals_equal_signals_made_anew(geoparser):
    """``_base`` under the default weights shares the signals that depend on the weights alone; under an equal
    copy of the weights (another object: every signal made anew) each candidate gets equal signals."""
    from pipeline.geoparse.resolve import RESOLVE_WEIGHTS, _base_signals_of_form, _candidates_of_form

    gaz = geoparser.gazetteer
    copy = dataclasses.replace(RESOLVE_WEIGHTS)
    assert copy is not RESOLVE_WEIGHTS and copy == RESOLVE_WEIGHTS
    seen = 0
    for key in ("kyiv", "odesa", "odessa", "paris", "novoselivka", "kharkiv", "springfield", "georgia", "lyman",
                "pervomaisk", "artemivsk", "dnipro", "bakhmut", "moscow", "kursk"):
        for region in (False, True):
            for village in (False, True):
                kept = tuple(c.row for c in _candidates_of_form(gaz, key, (), False, region))
                shared = _base_signals_of_form.__wrapped__(gaz, key, (), False, region, key.title(), False, kept,
                                                           RESOLVE_WEIGHTS, village)
                anew = _base_signals_of_form.__wrapped__(gaz, key, (), False, region, key.title(), False, kept, copy,
                                                         village)
                assert [(total, [_values(s) for s in signals]) for total, signals in shared] == \
                    [(total, [_values(s) for s in signals]) for total, signals in anew], (key, region, village)
                seen += len(kept)
    assert seen > 200
