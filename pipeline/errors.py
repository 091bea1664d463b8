"""Exception hierarchy of conflictmap.

Every error is also a built-in exception, as geopy's ``geopy/exc.py`` does, so
callers can catch either ``ConflictMapError`` or the usual built-in.
"""

from __future__ import annotations

from geodata import DataError as _GeodataError


class ConflictMapError(Exception):
    """Base class of every error raised by conflictmap."""


# A bundled data file is missing or corrupt. It is defined by ``geodata``, the bottom layer, so that
# ``geodata`` imports nothing of the pipeline; entry points catch ``EXPECTED_ERRORS``.
DataError = _GeodataError


class InputError(ConflictMapError, ValueError):
    """A user-supplied file, line or option is not what was expected."""


class GeocodingError(ConflictMapError, RuntimeError):
    """An online geocoder failed in a way the caller should know about."""


class FetchError(ConflictMapError, OSError):
    """A web page or feed could not be fetched (network, HTTP status, robots.txt, size, type)."""


# every error an entry point (CLI, dashboard) turns into one line instead of a traceback
EXPECTED_ERRORS: tuple[type[Exception], ...] = (ConflictMapError, DataError)
