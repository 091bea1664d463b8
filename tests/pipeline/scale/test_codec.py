"""Per-article results survive JSON and back, whatever fields the dataclasses gain."""

from __future__ import annotations

import dataclasses

from pipeline.events.extract import Event, Source, extract_events
from pipeline.ingest.syndication import fingerprint
from pipeline.model import Place, Signal
from pipeline.scale import codec
from pipeline.text.articles import make_article
from pipeline.text.dates import EventDate
from tests.fixtures import make_place

TEXT = ("date 2023-03-10\nA missile struck a school in Kharkiv on Friday, killing three people and wounding five, "
        "officials said.\n\nRussian troops shelled Nikopol.\n")


def _filled(cls, depth=0):
    """An instance of ``cls`` with a non-default value in every field, derived from its fields."""
    values = {}
    for f in dataclasses.fields(cls):
        hint = codec._hints(cls)[f.name]
        values[f.name] = _value(hint, f.name, depth)
    return cls(**values)


def _value(hint, name, depth):
    import typing

    origin = typing.get_origin(hint)
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if origin is list:
        return [_value(args[0], name, depth + 1)] if args else ["x"]
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return (_value(args[0], name, depth + 1),)
    if args and origin is not dict and origin is not tuple and len(args) == 1:
        return _value(args[0], name, depth)
    if dataclasses.is_dataclass(hint):
        return _filled(hint, depth + 1)
    if hint is bool:
        return True
    if hint is int:
        return 7
    if hint is float:
        return 0.625
    if hint is str:
        return f"{name}-value"
    if origin is dict or hint is dict:
        return {"name": "Kharkiv", "lat": 49.98, "lon": 36.25}
    return f"{name}-value"


def test_every_event_field_round_trips():
    event = _filled(Event)
    assert isinstance(event.sources[0], Source) and isinstance(event.when, EventDate)
    assert isinstance(event.place, Place) and isinstance(event.place.signals[0], Signal)
    kharkiv = make_place("Kharkiv")
    places, (back,), _fp = codec.loads_result(codec.dumps_result([kharkiv], [event]))
    assert back == event
    assert back.place.signals == event.place.signals  # signals take no part in ``Place`` equality
    assert places == [kharkiv] and places[0].signals == kharkiv.signals


def test_every_place_field_round_trips():
    place = _filled(Place)
    assert place.signals and all(isinstance(s, Signal) for s in place.signals)
    assert [f.name for f in dataclasses.fields(place) if not getattr(place, f.name)] == []
    (back,), events, _fp = codec.loads_result(codec.dumps_result([place], []))
    assert events == []
    assert isinstance(back, Place)
    assert {f.name: getattr(back, f.name) for f in dataclasses.fields(Place)} == \
        {f.name: getattr(place, f.name) for f in dataclasses.fields(Place)}


def test_a_field_added_to_place_round_trips():
    @dataclasses.dataclass(frozen=True)
    class WiderPlace(Place):
        new_note: str | None = None
        new_signals: tuple[Signal, ...] = ()

    place = _filled(WiderPlace)
    assert place.new_note and place.new_signals
    back = codec.from_plain(WiderPlace, codec.to_plain(place))
    assert back == place and back.new_signals == place.new_signals and back.signals == place.signals


def test_a_field_added_to_the_dataclass_round_trips():
    @dataclasses.dataclass
    class Wider(Event):
        new_note: str | None = None
        new_sources: list[Source] = dataclasses.field(default_factory=list)

    event = _filled(Wider)
    assert event.new_note and event.new_sources
    assert codec.from_plain(Wider, codec.to_plain(event)) == event


def test_real_events_round_trip_through_pack(geoparser):
    article = make_article("a.txt", TEXT)
    places = geoparser.parse_places(article.text)
    events = extract_events(article.name, article.text, places, article.published)
    assert events and any(e.place is not None for e in events)
    fp = fingerprint(article.text)
    back_places, back_events, back_fp = codec.unpack(codec.pack(places, events, fp))
    assert (back_places, back_events) == (places, events)
    assert back_fp.digest == fp.digest and back_fp.bands == fp.bands and back_fp.bands
    assert back_fp.shingles.tolist() == fp.shingles.tolist() and len(fp.shingles) >= 8
    assert [p.as_properties() for p in back_places] == [p.as_properties() for p in places]  # signals too


def test_damaged_payload_is_a_value_error():
    import pytest

    with pytest.raises(ValueError):
        codec.unpack(b"not zlib")
    with pytest.raises(ValueError):
        codec.loads_result('{"v": 999, "places": [], "events": []}')
