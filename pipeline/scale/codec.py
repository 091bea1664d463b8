"""Per-article results as JSON and back, derived from the dataclass fields (never listed by hand).

``dumps_result(places, events)`` gives compact JSON; ``loads_result`` restores the same
``Place`` and ``Event`` objects: nested dataclasses (``Signal``, ``Place``, ``Source``, ``EventDate``),
lists and tuples of them, optional fields and enums are rebuilt from the type hints, so a field
added to ``Place``, ``Event`` or ``Source`` round-trips without touching this module.
"""

from __future__ import annotations

import base64
import dataclasses
import enum
import json
import types
import typing
import zlib
from functools import lru_cache
from typing import Any

from pipeline.events.extract import Event
from pipeline.ingest.syndication import Fingerprint
from pipeline.model import Place

CODEC_VERSION = 3  # bump when the payload layout below changes


def to_plain(obj: Any) -> Any:
    """JSON-able form of a dataclass tree (enums as their values, tuples as lists)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, enum.Enum):
        return obj.value
    if isinstance(obj, (list, tuple)):
        return [to_plain(v) for v in obj]
    if isinstance(obj, dict):
        return {k: to_plain(v) for k, v in obj.items()}
    return obj


@lru_cache(maxsize=None)
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_plain(cls: type, data: dict) -> Any:
    """Rebuild dataclass ``cls`` from ``to_plain`` output; unknown keys are an error."""
    hints = _hints(cls)
    names = {f.name for f in dataclasses.fields(cls)}
    unknown = set(data) - names
    if unknown:
        msg = f"{cls.__name__} has no field(s) {sorted(unknown)}"
        raise ValueError(msg)
    return cls(**{name: _restore(hints[name], value) for name, value in data.items()})


def _restore(tp: Any, value: Any) -> Any:
    if value is None or tp is Any:
        return value
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        for option in options:  # a dataclass option takes a dict, an enum option its value
            if dataclasses.is_dataclass(option) and isinstance(value, dict):
                return from_plain(option, value)
            if isinstance(option, type) and issubclass(option, enum.Enum):
                try:
                    return option(value)
                except ValueError:
                    continue
        return _restore(options[0], value) if len(options) == 1 else value
    if origin is list:
        (item,) = typing.get_args(tp) or (Any,)
        return [_restore(item, v) for v in value]
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_restore(args[0], v) for v in value)
        return tuple(_restore(a, v) for a, v in zip(args, value)) if args else tuple(value)
    if dataclasses.is_dataclass(tp):
        return from_plain(tp, value)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return tp(value)
    return value


def dumps_result(places: list[Place], events: list[Event], fingerprint: Fingerprint | None = None) -> str:
    """One article's places, events and syndication fingerprint as compact JSON text."""
    payload = {"v": CODEC_VERSION, "places": [to_plain(p) for p in places], "events": [to_plain(e) for e in events],
               "fp": None if fingerprint is None else base64.b64encode(fingerprint.to_bytes()).decode("ascii")}
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def loads_result(text: str | bytes) -> tuple[list[Place], list[Event], Fingerprint | None]:
    """Inverse of ``dumps_result``; ``ValueError`` for a payload of another layout."""
    payload = json.loads(text)
    if not isinstance(payload, dict) or payload.get("v") != CODEC_VERSION:
        msg = "stored result has another layout"
        raise ValueError(msg)
    fp = payload.get("fp")
    return ([from_plain(Place, p) for p in payload["places"]], [from_plain(Event, e) for e in payload["events"]],
            None if fp is None else Fingerprint.from_bytes(base64.b64decode(fp)))


def pack(places: list[Place], events: list[Event], fingerprint: Fingerprint | None = None) -> bytes:
    """``dumps_result`` compressed, as the store keeps it."""
    return zlib.compress(dumps_result(places, events, fingerprint).encode("utf-8"), 1)


def unpack(blob: bytes) -> tuple[list[Place], list[Event], Fingerprint | None]:
    """Inverse of ``pack``; ``ValueError`` for a damaged or foreign payload."""
    try:
        text = zlib.decompress(blob)
    except zlib.error as exc:
        msg = f"stored result is damaged ({exc})"
        raise ValueError(msg) from None
    return loads_result(text)
