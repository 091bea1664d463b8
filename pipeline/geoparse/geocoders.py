"""Geopy-compatible geocoders: the offline gazetteer and an opt-in online fallback.

``OfflineGazetteer`` answers ``geocode(name)`` from the bundled GeoNames
gazetteer with geopy ``Location`` objects and never touches the network.

``OnlineFallbackGeocoder`` asks the offline gazetteer first and, only when
``settings.online_geocoder`` is on (it is off by default), asks an online geopy
provider (Nominatim by default) for the names the gazetteer lacks. The online
path follows osmnx's ``_nominatim.py``: an on-disk cache is consulted *before*
the rate limiter, so cached answers cost neither a request nor a wait; requests
are spaced by geopy's ``RateLimiter`` (at least 1 s for the public Nominatim
server); transient failures (HTTP 429 and 5xx, time-outs, refused connections)
are retried with exponential back-off honouring ``Retry-After``. Any failure
of the online path is logged as a warning and the offline answer (possibly
None) is returned: a network problem never stops the pipeline. After
``ONLINE_FAILURES_IN_A_ROW`` failed look-ups in a row, a circuit breaker stops
asking for ``ONLINE_PAUSE_SECONDS`` (per process), so a server that is down
costs the back-off a few times, not once per article. With several worker
processes, ``share_rate_limit`` makes them keep the spacing together.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import logging
import math
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from timeit import default_timer
from typing import Any, Protocol

from geopy.adapters import AdapterHTTPError, BaseSyncAdapter, RequestsAdapter
from geopy.exc import (
    GeocoderRateLimited,
    GeocoderServiceError,
    GeocoderTimedOut,
    GeocoderUnavailable,
)
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from geopy.geocoders import options as geopy_options
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location

from pipeline import settings
from pipeline.output.atomic import write_atomic
from pipeline.errors import GeocodingError, InputError

logger = logging.getLogger(__name__)

OFFLINE_SOURCE = "geonames"
# The circuit breaker: after this many look-ups in a row have failed (each after its retries and back-off), the
# server is taken to be down or refusing us, and no request is made for ``ONLINE_PAUSE_SECONDS``; then one
# look-up is tried again. Lower trips sooner on a flaky server (losing answers it would have given); higher
# pays the full back-off (up to time-out x (retries + 1) + back-off, ~36 s by default) for more articles.
ONLINE_FAILURES_IN_A_ROW = 3
ONLINE_PAUSE_SECONDS = 600.0
_CACHE_SUBFOLDER = "geocode"
_CACHE_FORMAT_VERSION = 1


class CandidateSource(Protocol):
    """Anything with ``candidates(name)``, such as ``pipeline.geoparse.gazetteer.Gazetteer``.

    Each candidate has the attributes ``geonameid``, ``name``, ``lat``, ``lon``,
    ``feature_kind``, ``country_code``, ``admin1_code`` and ``population``.
    """

    def candidates(self, name: str) -> Sequence[Any]:
        """Return the gazetteer entries known by ``name``."""
        ...


class _NoNetworkAdapter(BaseSyncAdapter):
    """A geopy adapter that refuses every request: offline geocoders hold this one."""

    def get_text(self, url: str, *, timeout: float, headers: dict[str, str]) -> str:
        msg = f"offline geocoder must not make HTTP requests (asked for {url!r})"
        raise GeocodingError(msg)

    def get_json(self, url: str, *, timeout: float, headers: dict[str, str]) -> Any:
        return self.get_text(url, timeout=timeout, headers=headers)


class OfflineGazetteer(Geocoder):
    """
    Geocode place names from the offline gazetteer, the geopy way.

    Parameters
    ----------
    gazetteer
        Object with a ``candidates(name)`` method. Default: the bundled
        gazetteer, ``pipeline.geoparse.gazetteer.load_gazetteer()``, loaded on first use.
    user_agent
        Kept for geopy compatibility; no request is ever made. Default is
        ``settings.user_agent``.
    """

    def __init__(self, gazetteer: CandidateSource | None = None, *, user_agent: str | None = None) -> None:
        super().__init__(user_agent=user_agent or settings.user_agent, adapter_factory=_NoNetworkAdapter)
        self._gazetteer = gazetteer

    @property
    def gazetteer(self) -> CandidateSource:
        """The candidate source, loaded on first access."""
        if self._gazetteer is None:
            from pipeline.geoparse.gazetteer import load_gazetteer

            self._gazetteer = load_gazetteer()
        return self._gazetteer

    def geocode(
        self,
        query: str,
        exactly_one: bool = True,
        *,
        timeout: Any = DEFAULT_SENTINEL,
        country_codes: str | Iterable[str] | None = None,
        limit: int | None = None,
    ) -> Location | list[Location] | None:
        """
        Return the gazetteer places named ``query``, best first.

        Best means most populous, ties to the smaller geonameid; an admin-1
        unit named after a city inside it comes after that city.

        Parameters
        ----------
        query
            Place name, in any spelling the gazetteer knows.
        exactly_one
            Return only the best ``Location`` instead of a list.
        timeout
            Ignored (nothing goes over the network); accepted for geopy compatibility.
        country_codes
            ISO 3166-1 alpha-2 code(s), as a list or comma-separated string, to
            restrict the answer to.
        limit
            Maximum number of locations when ``exactly_one`` is False.

        Returns
        -------
        location
            A ``Location``, a list of them, or None when nothing matches. Each
            ``Location.raw`` holds ``geonameid``, ``name``, ``feature_kind``,
            ``admin1_code``, ``country_code``, ``population`` and ``source``.
        """
        name = _clean_query(query)
        if not name:
            return None
        allowed = _normalise_country_codes(country_codes)
        candidates = [
            candidate
            for candidate in self.gazetteer.candidates(name)
            if allowed is None or str(candidate.country_code).upper() in allowed
        ]
        locations = [_candidate_location(candidate) for candidate in _rank_candidates(candidates)]
        if limit is not None:
            locations = locations[: max(limit, 0)]
        return _pick(locations, exactly_one=exactly_one)

    def reverse(self, query: Any, *, exactly_one: bool = True, timeout: Any = DEFAULT_SENTINEL) -> Location | None:
        """Not supported: the gazetteer is searched by name only."""
        msg = "OfflineGazetteer does not reverse-geocode; use geopy.distance over gazetteer candidates instead"
        raise NotImplementedError(msg)


class OnlineFallbackGeocoder(Geocoder):
    """
    Offline gazetteer first, an online geopy provider for what it lacks.

    All options default to the matching ``pipeline.settings`` value, read once
    here at construction.

    Parameters
    ----------
    offline
        An ``OfflineGazetteer`` or a candidate source to wrap in one. Default:
        the bundled gazetteer.
    online
        A geopy geocoder to use online. Default: ``Nominatim`` built from
        settings (user agent, domain, scheme, timeout), only when enabled.
    enabled
        Use the online provider at all. Default is ``settings.online_geocoder``
        (False): then no online geocoder is built and no request is ever made.
    cache_folder
        Folder of the on-disk answer cache.
    user_agent
        HTTP User-Agent of the default Nominatim geocoder.
    timeout
        Seconds before an online request is abandoned.
    min_delay_seconds
        Minimum delay between online requests; never below 1.0 for the public
        Nominatim server.
    max_retries
        Retries of a request that failed with a transient error.
    backoff_seconds
        First retry delay; it doubles on each further retry.
    max_backoff_seconds
        Longest retry delay; a longer ``Retry-After`` makes the query give up.
    clock
        Monotonic clock in seconds used by the rate limiter (tests inject one).
    sleep
        Function that waits a number of seconds (tests inject one).
    adapter_factory
        geopy adapter factory for the default Nominatim geocoder.
    """

    def __init__(
        self,
        offline: OfflineGazetteer | CandidateSource | None = None,
        *,
        online: Geocoder | None = None,
        enabled: bool | None = None,
        cache_folder: str | os.PathLike[str] | None = None,
        user_agent: str | None = None,
        timeout: float | None = None,
        min_delay_seconds: float | None = None,
        max_retries: int | None = None,
        backoff_seconds: float | None = None,
        max_backoff_seconds: float | None = None,
        clock: Callable[[], float] | None = None,
        sleep: Callable[[float], None] | None = None,
        adapter_factory: Any = None,
    ) -> None:
        user_agent = user_agent or settings.user_agent
        super().__init__(user_agent=user_agent, adapter_factory=_NoNetworkAdapter)
        self.offline = offline if isinstance(offline, OfflineGazetteer) else OfflineGazetteer(offline)
        self.enabled = settings.online_geocoder if enabled is None else enabled
        self.max_retries = _non_negative("max_retries", settings.max_retries if max_retries is None else max_retries)
        self.backoff_seconds = _non_negative(
            "backoff_seconds", settings.backoff_seconds if backoff_seconds is None else backoff_seconds
        )
        self.max_backoff_seconds = _non_negative(
            "max_backoff_seconds", settings.max_backoff_seconds if max_backoff_seconds is None else max_backoff_seconds
        )
        self._sleep = sleep or time.sleep
        self._clock = clock or default_timer
        self.failures_in_a_row = 0
        self._paused_until: float | None = None
        self.online: Geocoder | None = None
        self._cache: _JsonCache | None = None
        self._limited_geocode: RateLimiter | None = None
        if not self.enabled:
            return

        timeout = settings.timeout if timeout is None else timeout
        if online is None:
            online = _build_online_provider(user_agent=user_agent, timeout=timeout, adapter_factory=adapter_factory)
        self.online = online
        requested_delay = settings.min_delay_seconds if min_delay_seconds is None else min_delay_seconds
        self.min_delay_seconds = _effective_min_delay(online, _non_negative("min_delay_seconds", requested_delay))
        self._cache = _JsonCache(Path(cache_folder if cache_folder is not None else settings.cache_folder))
        self._provider_id = _provider_id(online)
        self._limited_geocode = _ClockedRateLimiter(
            online.geocode,
            min_delay_seconds=self.min_delay_seconds,
            clock=self._clock,
            sleep=self._sleep,
        )

    def share_rate_limit(self, context: Any) -> None:
        """Keep the request spacing across the processes forked from this one from now on.

        Each worker process of a build holds its own copy of this geocoder (forked from the parent's);
        with the time of the last request kept in memory shared through ``context`` (a ``multiprocessing``
        fork context), all of them together wait ``min_delay_seconds`` between two requests, as one
        process would. Call it before forking."""
        if self._limited_geocode is not None:
            self._limited_geocode.share(context)

    def geocode(
        self,
        query: str,
        exactly_one: bool = True,
        *,
        timeout: Any = DEFAULT_SENTINEL,
        country_codes: str | Iterable[str] | None = None,
        limit: int | None = None,
        prefer_online: bool = False,
    ) -> Location | list[Location] | None:
        """
        Geocode ``query`` offline, then online if the gazetteer lacks it.

        Parameters
        ----------
        query
            Place name.
        exactly_one
            Return only the best ``Location`` instead of a list.
        timeout
            Seconds before the online request is abandoned; default: the
            geocoder's ``timeout``.
        country_codes
            ISO 3166-1 alpha-2 code(s) to restrict the answer to.
        limit
            Maximum number of locations when ``exactly_one`` is False.
        prefer_online
            Ask the online provider even when the gazetteer knows the name;
            its answer wins when it has one.

        Returns
        -------
        location
            ``Location``(s) or None. Online answers carry ``raw["source"]``
            set to the provider's class name (e.g. ``"Nominatim"``).
        """
        offline = self.offline.geocode(query, exactly_one=False, country_codes=country_codes, limit=limit)
        if not self.enabled or (offline and not prefer_online):
            return _pick(offline, exactly_one=exactly_one)
        name = _clean_query(query)
        online = None
        if name:
            limit = 1 if exactly_one else limit
            online = self._geocode_online(name, country_codes=country_codes, limit=limit, timeout=timeout)
        return _pick(online or offline, exactly_one=exactly_one)

    def reverse(self, query: Any, *, exactly_one: bool = True, timeout: Any = DEFAULT_SENTINEL) -> Location | None:
        """Not supported: places are geocoded by name only."""
        msg = "OnlineFallbackGeocoder does not reverse-geocode"
        raise NotImplementedError(msg)

    def _geocode_online(
        self, name: str, *, country_codes: str | Iterable[str] | None, limit: int | None, timeout: Any
    ) -> list[Location] | None:
        """Return the online answer (cache first), or None when the online path failed."""
        assert self._cache is not None
        params: dict[str, Any] = {"limit": limit}
        allowed = _normalise_country_codes(country_codes)
        if allowed is not None:
            params["country_codes"] = sorted(allowed)
        key = _cache_key(self._provider_id, name, params)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        if self._paused_until is not None:
            if self._clock() < self._paused_until:
                return None  # the breaker is open: the offline answer, at once
            self._paused_until = None  # the pause is over: this look-up tries the server again
        try:
            locations = self._request_with_backoff(name, params, timeout=timeout)
        # The online path runs third-party code over an untrusted answer; whatever
        # goes wrong there (HTTP errors, time-outs, garbage JSON, odd shapes) must
        # degrade to the offline answer instead of stopping the pipeline.
        except Exception as error:
            logger.warning(
                "online geocoding of %r failed (%s: %s); using the offline result",
                name,
                type(error).__name__,
                error,
            )
            self._failed()
            return None
        self.failures_in_a_row = 0
        self._cache.put(key, locations, query=name, provider=self._provider_id)
        return locations

    def _failed(self) -> None:
        """Count a failed look-up; open the breaker after ``ONLINE_FAILURES_IN_A_ROW`` of them in a row."""
        self.failures_in_a_row += 1
        if self.failures_in_a_row >= ONLINE_FAILURES_IN_A_ROW:
            self._paused_until = self._clock() + ONLINE_PAUSE_SECONDS
            logger.warning(
                "online geocoding failed %d times in a row; no request for %.0f s, the offline results are used",
                self.failures_in_a_row,
                ONLINE_PAUSE_SECONDS,
            )  # the count is kept: a failed try after the pause opens the breaker again at once

    def _request_with_backoff(self, name: str, params: dict[str, Any], *, timeout: Any) -> list[Location]:
        assert self._limited_geocode is not None
        for attempt in itertools.count():
            try:
                answer = self._limited_geocode(name, exactly_one=False, timeout=timeout, **params)
            except GeocoderServiceError as error:
                delay = self._retry_delay(error, attempt)
                if delay is None:
                    raise
                logger.warning(
                    "online geocoding of %r failed (%s: %s); retry %d/%d in %.1f s",
                    name,
                    type(error).__name__,
                    error,
                    attempt + 1,
                    self.max_retries,
                    delay,
                )
                self._sleep(delay)
            else:
                return _valid_locations(answer, source=type(self.online).__name__)
        raise AssertionError("unreachable")  # pragma: no cover

    def _retry_delay(self, error: GeocoderServiceError, attempt: int) -> float | None:
        """Seconds to wait before retrying after ``error``, or None to give up."""
        if attempt >= self.max_retries or not _is_transient(error):
            return None
        retry_after = getattr(error, "retry_after", None)
        if retry_after is not None:
            if retry_after > self.max_backoff_seconds:
                return None
            return float(retry_after)
        return min(self.backoff_seconds * 2**attempt, self.max_backoff_seconds)


class _ClockedRateLimiter(RateLimiter):
    """Geopy's ``RateLimiter`` with an injectable clock and sleep, retries left to the caller."""

    def __init__(
        self,
        func: Callable[..., Any],
        *,
        min_delay_seconds: float,
        clock: Callable[[], float],
        sleep: Callable[[float], None],
    ) -> None:
        super().__init__(
            func,
            min_delay_seconds=min_delay_seconds,
            max_retries=0,
            error_wait_seconds=min_delay_seconds,
            swallow_exceptions=False,
        )
        self._clock_func = clock
        self._sleep_func = sleep
        self._shared: Any = None  # the last request's time, in memory shared with forked processes

    def share(self, context: Any) -> None:
        """Keep the last request's time in memory shared with the processes ``context`` forks from now on."""
        if self._shared is None:
            self._shared = context.Value("d", -math.inf)

    def _acquire_request_slot_gen(self) -> Iterator[float]:
        if self._shared is None:
            yield from super()._acquire_request_slot_gen()
            return
        while True:  # geopy's slot logic, over the shared time (the clock is monotonic system-wide)
            with self._shared.get_lock():
                now = self._clock()
                wait = self.min_delay_seconds - (now - self._shared.value)
                if wait <= 0:
                    self._shared.value = now
                    return
            yield wait

    def _clock(self) -> float:
        return self._clock_func()

    def _sleep(self, seconds: float) -> None:
        self._sleep_func(seconds)


class _JsonCache:
    """One JSON file per online answer under ``folder/geocode``, written atomically."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder.expanduser() / _CACHE_SUBFOLDER

    def path(self, key: str) -> Path:
        return self.folder / f"{key}.json"

    def get(self, key: str) -> list[Location] | None:
        path = self.path(key)
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
            return [
                Location(item["address"], (item["lat"], item["lon"]), item["raw"]) for item in document["results"]
            ]
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as error:
            logger.warning("ignoring unreadable geocoder cache file %s (%s)", path, error)
            return None

    def put(self, key: str, locations: list[Location], *, query: str, provider: str) -> None:
        document = {
            "version": _CACHE_FORMAT_VERSION,
            "provider": provider,
            "query": query,
            "results": [
                {"address": loc.address, "lat": loc.latitude, "lon": loc.longitude, "raw": loc.raw}
                for loc in locations
            ],
        }
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path(key), json.dumps(document, ensure_ascii=False, sort_keys=True, default=str))
        except OSError as error:
            logger.warning("could not write geocoder cache in %s (%s)", self.folder, error)


def _build_online_provider(*, user_agent: str, timeout: float, adapter_factory: Any) -> Geocoder:
    provider = settings.online_provider.strip().lower()
    if provider != "nominatim":
        msg = (
            f"settings.online_provider is {settings.online_provider!r}; expected 'nominatim' "
            "(pass any other geopy geocoder as OnlineFallbackGeocoder(online=...))"
        )
        raise InputError(msg)
    if settings.nominatim_scheme not in ("http", "https"):
        msg = (f"the Nominatim server's scheme is {settings.nominatim_scheme!r} (CONFLICTMAP_NOMINATIM or "
               "settings.nominatim_scheme); expected 'http' or 'https'")
        raise InputError(msg)
    return Nominatim(
        user_agent=user_agent,
        domain=settings.nominatim_domain,
        scheme=settings.nominatim_scheme,
        timeout=timeout,
        adapter_factory=adapter_factory or _adapter_without_transport_retries,
    )


def _adapter_without_transport_retries(*, proxies: Any, ssl_context: Any) -> BaseSyncAdapter:
    """Build geopy's default adapter, minus urllib3's own retries.

    ``RequestsAdapter`` lets urllib3 retry, and urllib3 sleeps out a 429's
    ``Retry-After`` however long it is, outside our rate limiter and back-off.
    Retries belong to ``OnlineFallbackGeocoder`` alone.
    """
    factory = geopy_options.default_adapter_factory
    if factory is RequestsAdapter:
        return RequestsAdapter(proxies=proxies, ssl_context=ssl_context, max_retries=0)
    return factory(proxies=proxies, ssl_context=ssl_context)


def _effective_min_delay(online: Geocoder, requested: float) -> float:
    """Raise the delay to Nominatim's policy minimum when talking to the public server."""
    domain = str(getattr(online, "domain", "")).lower()
    host = domain.split("/")[0].split(":")[0]
    if host == settings.PUBLIC_NOMINATIM_DOMAIN:
        return max(requested, settings.PUBLIC_NOMINATIM_MIN_DELAY_SECONDS)
    return requested


def _provider_id(online: Geocoder) -> str:
    scheme = getattr(online, "scheme", "")
    domain = getattr(online, "domain", "")
    return f"{type(online).__name__}:{scheme}://{domain}"


def _cache_key(provider_id: str, query: str, params: dict[str, Any]) -> str:
    blob = json.dumps({"provider": provider_id, "query": query, "params": params}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def _is_transient(error: GeocoderServiceError) -> bool:
    """Tell whether ``error`` is worth retrying: 429, 5xx, time-outs, unreachable server."""
    if isinstance(error, GeocoderRateLimited | GeocoderTimedOut | GeocoderUnavailable):
        return True
    cause = error.__cause__
    if isinstance(cause, AdapterHTTPError):
        return cause.status_code >= 500
    # geopy raises a plain GeocoderServiceError for connection failures it does not classify.
    return type(error) is GeocoderServiceError


def _valid_locations(answer: Location | list[Location] | None, *, source: str) -> list[Location]:
    """Keep the answers with usable coordinates, tagging their provenance in ``raw``."""
    if answer is None:
        return []
    items = answer if isinstance(answer, list) else [answer]
    kept: list[Location] = []
    for location in items:
        lat, lon = location.latitude, location.longitude
        # geopy turns missing coordinates into (0, 0), "Null Island": never a real answer.
        if (lat, lon) == (0.0, 0.0) or not _is_valid_lat_lon(lat, lon):
            continue
        raw = dict(location.raw) if isinstance(location.raw, dict) else {"value": location.raw}
        raw.setdefault("source", source)
        kept.append(Location(location.address, (lat, lon), raw))
    if items and not kept:
        msg = f"online answer has no usable coordinates: {items[:3]!r}"
        raise GeocodingError(msg)
    return kept


def _is_valid_lat_lon(lat: float, lon: float) -> bool:
    return math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180


def _rank_candidates(candidates: Iterable[Any]) -> list[Any]:
    """
    Best answer to a bare name first; one entry per geonameid.

    Most populous first, ties by geonameid (unknown last), except that an
    admin-1 unit goes after a city of the same name lying in it: the unit is
    named after the city (a city with the status of a region, or a region named
    after its capital), and a bare name means the city, as it does for Nominatim.
    """
    candidates = list(candidates)
    city_units = {(c.country_code, c.admin1_code) for c in candidates if c.feature_kind == "city"}

    def is_namesake_unit(candidate: Any) -> bool:
        return candidate.feature_kind == "admin1" and (candidate.country_code, candidate.admin1_code) in city_units

    ranked = sorted(
        candidates,
        key=lambda c: (
            is_namesake_unit(c),
            -int(c.population or 0),
            c.geonameid is None,
            c.geonameid if c.geonameid is not None else 0,
            str(c.name),
            float(c.lat),
            float(c.lon),
        ),
    )
    seen: set[int] = set()
    unique = []
    for candidate in ranked:
        if candidate.geonameid is not None:
            if candidate.geonameid in seen:
                continue
            seen.add(candidate.geonameid)
        unique.append(candidate)
    return unique


def _candidate_location(candidate: Any) -> Location:
    raw = {
        "geonameid": candidate.geonameid,
        "name": candidate.name,
        "lat": float(candidate.lat),
        "lon": float(candidate.lon),
        "feature_kind": candidate.feature_kind,
        "admin1_code": candidate.admin1_code,
        "country_code": candidate.country_code,
        "population": int(candidate.population or 0),
        "source": OFFLINE_SOURCE,
    }
    address = ", ".join(str(part) for part in (candidate.name, candidate.admin1_code, candidate.country_code) if part)
    return Location(address, (float(candidate.lat), float(candidate.lon)), raw)


def _pick(locations: list[Location] | None, *, exactly_one: bool) -> Location | list[Location] | None:
    if not locations:
        return None
    return locations[0] if exactly_one else list(locations)


def _clean_query(query: Any) -> str:
    if not isinstance(query, str):
        msg = f"geocode query must be a place name string, got {type(query).__name__}: {query!r}"
        raise InputError(msg)
    return " ".join(query.split())


def _normalise_country_codes(country_codes: str | Iterable[str] | None) -> frozenset[str] | None:
    if country_codes is None:
        return None
    items = country_codes.split(",") if isinstance(country_codes, str) else list(country_codes)
    codes = frozenset(str(item).strip().upper() for item in items if str(item).strip())
    bad = sorted(code for code in codes if len(code) != 2 or not code.isalpha())
    if bad:
        msg = f"country_codes must be ISO 3166-1 alpha-2 codes like 'UA'; got {bad!r}"
        raise InputError(msg)
    return codes or None


def _non_negative(name: str, value: float) -> Any:
    if value < 0:
        msg = f"{name} must be >= 0, got {value!r}"
        raise InputError(msg)
    return value
