"""Exception hierarchy of conflictmap.

Every error is also a built-in exception, as geopy's ``geopy/exc.py`` does, so
callers can catch either ``ConflictMapError`` or the usual built-in.
"""

from __future__ import annotations


class ConflictMapError(Exception):
    """Base class of every error raised by conflictmap."""


class DataError(ConflictMapError, ValueError):
    """A bundled data file (geodata) is missing or corrupt."""


class InputError(ConflictMapError, ValueError):
    """A user-supplied file, line or option is not what was expected."""


class GeocodingError(ConflictMapError, RuntimeError):
    """An online geocoder failed in a way the caller should know about."""
