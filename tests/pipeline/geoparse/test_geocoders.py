"""Tests of pipeline.geoparse.geocoders against a fake gazetteer and a real loopback HTTP server.

The online path talks HTTP to a ``ThreadingHTTPServer`` on 127.0.0.1 that answers
``/search`` like Nominatim; each test scripts what it answers per query (429,
500, a hang past the client timeout, garbage JSON). Time is a fake clock: the
rate limiter and back-off sleep on it, so no test waits for real except for the
client timeout itself.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from pipeline import settings
from pipeline.errors import GeocodingError, InputError
from pipeline.geoparse import geocoders
from pipeline.geoparse.geocoders import OfflineGazetteer, OnlineFallbackGeocoder

REPO_ROOT = Path(__file__).resolve().parents[3]
USER_CACHE_FOLDER = settings.cache_folder
CUSTOM_USER_AGENT = "analyst-desk/2.0 (ops@example.invalid)"
HANG_SECONDS = 10.0
CLIENT_TIMEOUT = 0.5


# --- a tiny gazetteer -----------------------------------------------------------------


@dataclass(frozen=True)
class FakeCandidate:
    geonameid: int | None
    name: str
    lat: float
    lon: float
    feature_kind: str
    country_code: str
    admin1_code: str | None
    population: int


SPRINGFIELD_IL = FakeCandidate(4250542, "Springfield", 39.80172, -89.64371, "city", "US", "IL", 116_250)
SPRINGFIELD_MA = FakeCandidate(4951788, "Springfield", 42.10148, -72.58981, "city", "US", "MA", 155_929)
TWIN_HIGH_ID = FakeCandidate(900, "Twinford", 10.0, 20.0, "village", "GB", "ENG", 500)
TWIN_LOW_ID = FakeCandidate(100, "Twinford", 11.0, 21.0, "village", "IE", "L", 500)
CAPITAL_UNIT = FakeCandidate(None, "Capitalia", 50.4, 30.5, "admin1", "XA", "XA-30", 3_000_000)
CAPITAL_CITY = FakeCandidate(7001, "Capitalia", 50.45, 30.52, "city", "XA", "XA-30", 2_900_000)
FAR_CITY = FakeCandidate(7002, "Capitalia", 10.0, 10.0, "city", "XB", "XB-01", 5_000)
LONE_UNIT = FakeCandidate(None, "Regionia", 30.0, -97.0, "admin1", "XB", "XB-02", 29_000_000)
SMALL_TOWN_ELSEWHERE = FakeCandidate(7003, "Regionia", 40.0, -3.0, "city", "XC", "XC-07", 800)


class FakeGazetteer:
    """Answers ``candidates(name)`` from a dict, case-insensitively, counting calls."""

    def __init__(self) -> None:
        self.entries = {
            "springfield": [SPRINGFIELD_IL, SPRINGFIELD_MA],
            "twinford": [TWIN_HIGH_ID, TWIN_LOW_ID],
            "capitalia": [FAR_CITY, CAPITAL_UNIT, CAPITAL_CITY],
            "regionia": [SMALL_TOWN_ELSEWHERE, LONE_UNIT],
        }
        self.calls: list[str] = []

    def candidates(self, name: str) -> list[FakeCandidate]:
        self.calls.append(name)
        return list(self.entries.get(name.lower(), []))


# --- a Nominatim look-alike on 127.0.0.1 -------------------------------------------------


@dataclass
class SeenRequest:
    path: str
    params: dict[str, str]
    headers: dict[str, str]


class FakeNominatim:
    """State shared with the handler: scripted answers per query and the requests seen."""

    def __init__(self) -> None:
        self.requests: list[SeenRequest] = []
        self.times: list[float] = []  # time.monotonic() of each request, as the server saw it
        self.scripts: dict[str, list[str]] = {}
        self.places: dict[str, tuple[float, float]] = {}
        self.release = threading.Event()
        self._lock = threading.Lock()

    def script(self, query: str, actions: list[str]) -> None:
        self.scripts[query] = list(actions)

    def record(self, request: SeenRequest) -> str:
        with self._lock:
            self.times.append(time.monotonic())
            self.requests.append(request)
            actions = self.scripts.get(request.params.get("q", ""), [])
            return actions.pop(0) if actions else "ok"

    def queries(self) -> list[str]:
        return [request.params.get("q", "") for request in self.requests]


class _NominatimHandler(BaseHTTPRequestHandler):
    server: Any

    def do_GET(self) -> None:
        fake: FakeNominatim = self.server.fake
        url = urlsplit(self.path)
        params = dict(parse_qsl(url.query))
        action = fake.record(SeenRequest(url.path, params, {k.lower(): v for k, v in self.headers.items()}))
        if url.path != "/search":
            self._send(404, b'{"error": "not found"}')
        elif action == "ok":
            self._send(200, json.dumps(self._places(fake, params)).encode())
        elif action == "empty":
            self._send(200, b"[]")
        elif action == "429":
            self._send(429, b"Too Many Requests", headers={"Retry-After": "3"})
        elif action == "429-long":
            self._send(429, b"Too Many Requests", headers={"Retry-After": "3600"})
        elif action == "500":
            self._send(500, b"Internal Server Error")
        elif action == "hang":
            fake.release.wait(HANG_SECONDS)
            self._send(200, json.dumps(self._places(fake, params)).encode())
        elif action == "garbage":
            self._send(200, b'[{"lat": "50.1", "lon": <html>oops')
        elif action == "wrong-shape":
            self._send(200, b'[{"display_name": "no coordinates here"}]')
        else:
            raise AssertionError(f"unknown scripted action {action!r}")

    @staticmethod
    def _places(fake: FakeNominatim, params: dict[str, str]) -> list[dict[str, Any]]:
        query = params.get("q", "")
        lat, lon = fake.places.get(query, (48.5, 35.0))
        return [
            {
                "place_id": 1000 + len(query),
                "licence": "Data © OpenStreetMap contributors, ODbL 1.0. https://osm.org/copyright",
                "osm_type": "relation",
                "osm_id": 424242,
                "lat": f"{lat:.7f}",
                "lon": f"{lon:.7f}",
                "class": "boundary",
                "type": "administrative",
                "place_rank": 16,
                "importance": 0.61,
                "addresstype": "city",
                "name": query,
                "display_name": f"{query}, Test Oblast, Testland",
                "boundingbox": [f"{lat - 0.1:.7f}", f"{lat + 0.1:.7f}", f"{lon - 0.1:.7f}", f"{lon + 0.1:.7f}"],
            }
        ]

    def _send(self, status: int, body: bytes, *, headers: dict[str, str] | None = None) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (time-out test)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(autouse=True)
def _isolated_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(settings, "cache_folder", tmp_path / "cache")
    monkeypatch.setattr(settings, "online_geocoder", False)
    monkeypatch.setattr(settings, "user_agent", "conflictmap/0.1 (+https://example.invalid/conflictmap)")
    monkeypatch.setattr(settings, "min_delay_seconds", 1.0)
    monkeypatch.setattr(settings, "nominatim_domain", settings.PUBLIC_NOMINATIM_DOMAIN)
    monkeypatch.setattr(settings, "nominatim_scheme", "https")


@pytest.fixture
def nominatim(monkeypatch: pytest.MonkeyPatch) -> Any:
    fake = FakeNominatim()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _NominatimHandler)
    server.fake = fake  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    monkeypatch.setattr(settings, "nominatim_domain", f"{host}:{port}")
    monkeypatch.setattr(settings, "nominatim_scheme", "http")
    yield fake
    fake.release.set()
    server.shutdown()
    server.server_close()
    thread.join(timeout=5)


class FakeClock:
    """A clock that only moves when something sleeps on it."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


def online_geocoder(clock: FakeClock, **options: Any) -> OnlineFallbackGeocoder:
    options.setdefault("timeout", 5.0)
    options.setdefault("backoff_seconds", 2.0)
    return OnlineFallbackGeocoder(FakeGazetteer(), enabled=True, clock=clock, sleep=clock.sleep, **options)


# --- offline -----------------------------------------------------------------------------


def test_offline_gazetteer_is_a_geopy_geocoder_returning_locations() -> None:
    geocoder = OfflineGazetteer(FakeGazetteer())

    location = geocoder.geocode("Springfield")

    assert isinstance(geocoder, Geocoder)
    assert isinstance(location, Location)
    assert (location.latitude, location.longitude) == (SPRINGFIELD_MA.lat, SPRINGFIELD_MA.lon)
    assert location.address == "Springfield, MA, US"
    assert location.raw == {
        "geonameid": 4951788,
        "name": "Springfield",
        "lat": SPRINGFIELD_MA.lat,
        "lon": SPRINGFIELD_MA.lon,
        "feature_kind": "city",
        "admin1_code": "MA",
        "country_code": "US",
        "population": 155_929,
        "source": "geonames",
    }


def test_offline_ranks_by_population_then_geonameid() -> None:
    geocoder = OfflineGazetteer(FakeGazetteer())

    springfields = geocoder.geocode("Springfield", exactly_one=False)
    twins = geocoder.geocode("Twinford", exactly_one=False)

    assert [loc.raw["geonameid"] for loc in springfields] == [4951788, 4250542]
    assert [loc.raw["geonameid"] for loc in twins] == [100, 900]
    assert geocoder.geocode("Springfield", exactly_one=False, limit=1)[0].raw["admin1_code"] == "MA"


def test_city_outranks_the_admin1_unit_named_after_it() -> None:
    geocoder = OfflineGazetteer(FakeGazetteer())

    capitalia = geocoder.geocode("Capitalia", exactly_one=False)
    regionia = geocoder.geocode("Regionia", exactly_one=False)

    assert [(loc.raw["feature_kind"], loc.raw["geonameid"]) for loc in capitalia] == [
        ("city", 7001),
        ("city", 7002),
        ("admin1", None),
    ]
    assert [loc.raw["feature_kind"] for loc in regionia] == ["admin1", "city"]  # the town lies in another unit


def test_offline_filters_by_country_codes() -> None:
    geocoder = OfflineGazetteer(FakeGazetteer())

    assert geocoder.geocode("Twinford", country_codes=["gb"]).raw["geonameid"] == 900
    assert geocoder.geocode("Twinford", country_codes="IE, GB").raw["geonameid"] == 100
    assert geocoder.geocode("Springfield", country_codes="UA") is None
    with pytest.raises(InputError, match="alpha-2"):
        geocoder.geocode("Twinford", country_codes="Ireland")


def test_offline_unknown_or_blank_name_is_none() -> None:
    gazetteer = FakeGazetteer()
    geocoder = OfflineGazetteer(gazetteer)

    assert geocoder.geocode("Atlantis") is None
    assert geocoder.geocode("Atlantis", exactly_one=False) is None
    assert geocoder.geocode("   ") is None
    assert gazetteer.calls == ["Atlantis", "Atlantis"]
    with pytest.raises(InputError, match="place name string"):
        geocoder.geocode(None)  # type: ignore[arg-type]


def test_offline_gazetteer_cannot_make_http_requests() -> None:
    geocoder = OfflineGazetteer(FakeGazetteer())

    with pytest.raises(GeocodingError, match="must not make HTTP requests"):
        geocoder._call_geocoder("http://127.0.0.1:9/search?q=x", lambda answer: answer)


def test_real_gazetteer_resolves_spelling_variants_to_one_place(monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.geoparse.gazetteer import load_gazetteer

    # The real index is big: load it from the user's cache folder, as the pipeline does.
    monkeypatch.setattr(settings, "cache_folder", USER_CACHE_FOLDER)
    geocoder = OfflineGazetteer(load_gazetteer())

    kyiv, kiev = geocoder.geocode("Kyiv"), geocoder.geocode("Kiev")

    assert kyiv.raw["geonameid"] is not None
    assert kyiv.raw["geonameid"] == kiev.raw["geonameid"]
    assert (kyiv.raw["feature_kind"], kyiv.raw["country_code"]) == ("city", "UA")
    assert kyiv.latitude == pytest.approx(50.45, abs=0.1) and kyiv.longitude == pytest.approx(30.52, abs=0.1)


# --- online: off by default -------------------------------------------------------------


def test_online_is_off_by_default_and_opens_no_connection(nominatim: FakeNominatim) -> None:
    geocoder = OnlineFallbackGeocoder(FakeGazetteer())

    assert geocoder.enabled is False
    assert geocoder.online is None
    assert geocoder.geocode("Atlantis") is None
    assert geocoder.geocode("Springfield").raw["geonameid"] == SPRINGFIELD_MA.geonameid
    assert geocoder.geocode("Springfield", prefer_online=True).raw["source"] == "geonames"
    assert nominatim.requests == []


def test_settings_read_from_environment() -> None:
    code = "from pipeline import settings as s; print(s.online_geocoder, s.user_agent, s.cache_folder, sep='|')"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONFLICTMAP_")}

    default = subprocess.run([sys.executable, "-c", code], env=env, cwd=REPO_ROOT, capture_output=True, text=True)
    env |= {"CONFLICTMAP_ONLINE": "1", "CONFLICTMAP_USER_AGENT": CUSTOM_USER_AGENT, "CONFLICTMAP_CACHE": "/tmp/cm"}
    configured = subprocess.run([sys.executable, "-c", code], env=env, cwd=REPO_ROOT, capture_output=True, text=True)

    online, user_agent, cache = default.stdout.strip().split("|")
    assert (online, user_agent) == ("False", "conflictmap/0.1 (+https://example.invalid/conflictmap)")
    assert cache.endswith(".cache/conflictmap")
    assert configured.stdout.strip().split("|") == ["True", CUSTOM_USER_AGENT, "/tmp/cm"]


def test_setting_online_geocoder_turns_it_on(monkeypatch: pytest.MonkeyPatch, nominatim: FakeNominatim) -> None:
    monkeypatch.setattr(settings, "online_geocoder", True)
    clock = FakeClock()

    geocoder = OnlineFallbackGeocoder(FakeGazetteer(), clock=clock, sleep=clock.sleep)

    assert geocoder.geocode("Atlantis").raw["source"] == "Nominatim"
    assert nominatim.queries() == ["Atlantis"]


# --- online: happy path, user agent, cache, rate limit ------------------------------------


def test_online_answers_names_the_gazetteer_lacks(nominatim: FakeNominatim, clock: FakeClock) -> None:
    nominatim.places["Atlantis"] = (47.25, 37.5)
    geocoder = online_geocoder(clock, user_agent=CUSTOM_USER_AGENT)

    location = geocoder.geocode("Atlantis")

    assert (location.latitude, location.longitude) == (47.25, 37.5)
    assert location.address == "Atlantis, Test Oblast, Testland"
    assert location.raw["source"] == "Nominatim"
    assert location.raw["osm_type"] == "relation"
    [request] = nominatim.requests
    assert request.path == "/search"
    assert request.params["q"] == "Atlantis"
    assert request.params["format"] == "json"
    assert request.params["limit"] == "1"
    assert request.headers["user-agent"] == CUSTOM_USER_AGENT


def test_configured_user_agent_reaches_the_server(
    monkeypatch: pytest.MonkeyPatch, nominatim: FakeNominatim, clock: FakeClock
) -> None:
    monkeypatch.setattr(settings, "user_agent", CUSTOM_USER_AGENT)

    online_geocoder(clock).geocode("Atlantis")

    assert [request.headers["user-agent"] for request in nominatim.requests] == [CUSTOM_USER_AGENT]


def test_offline_answer_wins_unless_online_preferred(nominatim: FakeNominatim, clock: FakeClock) -> None:
    geocoder = online_geocoder(clock)

    offline = geocoder.geocode("Springfield")
    online = geocoder.geocode("Springfield", prefer_online=True)

    assert offline.raw["geonameid"] == SPRINGFIELD_MA.geonameid
    assert online.raw["source"] == "Nominatim"
    assert nominatim.queries() == ["Springfield"]


def test_country_codes_are_sent_online(nominatim: FakeNominatim, clock: FakeClock) -> None:
    online_geocoder(clock).geocode("Atlantis", country_codes=["ua", "md"], exactly_one=False)

    [request] = nominatim.requests
    assert request.params["countrycodes"] == "MD,UA"
    assert "limit" not in request.params


def test_cache_is_consulted_before_the_rate_limiter(nominatim: FakeNominatim, clock: FakeClock) -> None:
    first = online_geocoder(clock).geocode("Atlantis")
    again = online_geocoder(clock).geocode("Atlantis")  # a new geocoder: the cache is on disk
    same_instance = online_geocoder(clock)
    same_instance.geocode("Atlantis")
    same_instance.geocode("Atlantis")

    assert nominatim.queries() == ["Atlantis"]
    assert clock.sleeps == []
    assert (again.latitude, again.longitude, again.address, again.raw) == (
        first.latitude,
        first.longitude,
        first.address,
        first.raw,
    )
    cache_files = sorted((settings.cache_folder / "geocode").iterdir())  # type: ignore[operator]
    assert len(cache_files) == 1 and cache_files[0].suffix == ".json"
    assert json.loads(cache_files[0].read_text(encoding="utf-8"))["query"] == "Atlantis"


def test_empty_online_answer_is_cached_too(nominatim: FakeNominatim, clock: FakeClock) -> None:
    nominatim.script("Nowhereville", ["empty"])
    geocoder = online_geocoder(clock)

    assert geocoder.geocode("Nowhereville") is None
    assert geocoder.geocode("Nowhereville") is None
    assert nominatim.queries() == ["Nowhereville"]


def test_unreadable_cache_file_is_ignored(nominatim: FakeNominatim, clock: FakeClock) -> None:
    online_geocoder(clock).geocode("Atlantis")
    [cache_file] = (settings.cache_folder / "geocode").iterdir()  # type: ignore[operator]
    cache_file.write_text("{truncated", encoding="utf-8")

    location = online_geocoder(clock).geocode("Atlantis")

    assert location.raw["source"] == "Nominatim"
    assert nominatim.queries() == ["Atlantis", "Atlantis"]
    assert json.loads(cache_file.read_text(encoding="utf-8"))["query"] == "Atlantis"


def test_rate_limiter_spaces_requests_by_min_delay(nominatim: FakeNominatim, clock: FakeClock) -> None:
    geocoder = online_geocoder(clock)

    for name in ("Atlantis", "Lemuria", "Mu"):
        geocoder.geocode(name)
    clock.now += 5.0  # time passes: the next request needs no wait
    geocoder.geocode("Hyperborea")

    assert geocoder.min_delay_seconds == 1.0
    assert clock.sleeps == [1.0, 1.0]
    assert nominatim.queries() == ["Atlantis", "Lemuria", "Mu", "Hyperborea"]


def test_min_delay_is_never_below_one_second_for_public_nominatim(clock: FakeClock) -> None:
    public = OnlineFallbackGeocoder(FakeGazetteer(), enabled=True, min_delay_seconds=0.1, clock=clock)

    assert settings.nominatim_domain == settings.PUBLIC_NOMINATIM_DOMAIN
    assert public.min_delay_seconds == 1.0


def test_min_delay_can_be_lowered_for_a_private_server(nominatim: FakeNominatim, clock: FakeClock) -> None:
    geocoder = online_geocoder(clock, min_delay_seconds=0.25)

    geocoder.geocode("Atlantis")
    geocoder.geocode("Lemuria")

    assert clock.sleeps == [0.25]


# --- online: failures --------------------------------------------------------------------


def test_429_is_retried_after_retry_after(nominatim: FakeNominatim, clock: FakeClock) -> None:
    nominatim.script("Atlantis", ["429", "ok"])

    location = online_geocoder(clock, max_retries=2).geocode("Atlantis")

    assert location.raw["source"] == "Nominatim"
    assert nominatim.queries() == ["Atlantis", "Atlantis"]
    assert clock.sleeps == [3.0]  # the server's Retry-After; the rate limiter needed no extra wait


def test_429_asking_for_too_long_a_wait_gives_up(
    nominatim: FakeNominatim, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    nominatim.script("Springfield", ["429-long"])

    with caplog.at_level(logging.WARNING, logger="pipeline.geoparse.geocoders"):
        location = online_geocoder(clock).geocode("Springfield", prefer_online=True)

    assert location.raw["source"] == "geonames"
    assert nominatim.queries() == ["Springfield"]
    assert clock.sleeps == []
    assert "GeocoderRateLimited" in caplog.text


def test_5xx_backs_off_exponentially_then_falls_back(
    nominatim: FakeNominatim, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    nominatim.script("Atlantis", ["500", "500", "500"])
    nominatim.script("Springfield", ["500", "500", "500"])
    geocoder = online_geocoder(clock, max_retries=2, backoff_seconds=2.0)

    with caplog.at_level(logging.WARNING, logger="pipeline.geoparse.geocoders"):
        missing = geocoder.geocode("Atlantis")
        springfield = geocoder.geocode("Springfield", prefer_online=True)

    assert missing is None
    assert springfield.raw["geonameid"] == SPRINGFIELD_MA.geonameid
    assert nominatim.queries() == ["Atlantis"] * 3 + ["Springfield"] * 3
    assert clock.sleeps == [2.0, 4.0, 1.0, 2.0, 4.0]  # back-off, then the rate limiter's 1 s before the next query
    assert "using the offline result" in caplog.text


def test_5xx_once_then_success(nominatim: FakeNominatim, clock: FakeClock) -> None:
    nominatim.script("Atlantis", ["500", "ok"])

    location = online_geocoder(clock, max_retries=1).geocode("Atlantis")

    assert location.raw["source"] == "Nominatim"
    assert nominatim.queries() == ["Atlantis", "Atlantis"]


def test_failures_are_not_cached(nominatim: FakeNominatim, clock: FakeClock) -> None:
    nominatim.script("Atlantis", ["500"])
    geocoder = online_geocoder(clock, max_retries=0)

    assert geocoder.geocode("Atlantis") is None
    assert geocoder.geocode("Atlantis").raw["source"] == "Nominatim"
    assert nominatim.queries() == ["Atlantis", "Atlantis"]


def test_hang_past_timeout_falls_back_to_offline(nominatim: FakeNominatim, clock: FakeClock) -> None:
    nominatim.script("Springfield", ["hang", "hang"])
    geocoder = online_geocoder(clock, timeout=CLIENT_TIMEOUT, max_retries=1, backoff_seconds=0.5)

    started = time.monotonic()
    location = geocoder.geocode("Springfield", prefer_online=True)
    elapsed = time.monotonic() - started

    assert location.raw["geonameid"] == SPRINGFIELD_MA.geonameid
    assert nominatim.queries() == ["Springfield", "Springfield"]  # a time-out is retried once
    assert clock.sleeps == [0.5, 0.5]  # back-off 0.5 s, then the rate limiter tops it up to its 1 s minimum
    assert elapsed < HANG_SECONDS / 2  # gave up at the client timeout, not when the server answered


def test_per_call_timeout_overrides_the_geocoder_timeout(nominatim: FakeNominatim, clock: FakeClock) -> None:
    nominatim.script("Atlantis", ["hang"])
    geocoder = online_geocoder(clock, timeout=HANG_SECONDS * 2, max_retries=0)

    assert geocoder.geocode("Atlantis", timeout=CLIENT_TIMEOUT) is None
    assert nominatim.queries() == ["Atlantis"]


def test_garbage_json_falls_back_without_retry(nominatim: FakeNominatim, clock: FakeClock) -> None:
    nominatim.script("Atlantis", ["garbage"])
    nominatim.script("Springfield", ["garbage"])
    geocoder = online_geocoder(clock, max_retries=2)

    assert geocoder.geocode("Atlantis") is None
    assert geocoder.geocode("Springfield", prefer_online=True).raw["source"] == "geonames"
    assert nominatim.queries() == ["Atlantis", "Springfield"]
    assert not (settings.cache_folder / "geocode").exists()  # type: ignore[operator]


def test_answer_without_coordinates_falls_back(nominatim: FakeNominatim, clock: FakeClock) -> None:
    nominatim.script("Springfield", ["wrong-shape"])

    location = online_geocoder(clock).geocode("Springfield", prefer_online=True)

    assert location.raw["source"] == "geonames"
    assert nominatim.queries() == ["Springfield"]


def test_unreachable_server_falls_back(monkeypatch: pytest.MonkeyPatch, clock: FakeClock) -> None:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _NominatimHandler)
    port = server.server_address[1]
    server.server_close()  # nothing listens on this port any more
    monkeypatch.setattr(settings, "nominatim_domain", f"127.0.0.1:{port}")
    monkeypatch.setattr(settings, "nominatim_scheme", "http")

    location = online_geocoder(clock, max_retries=1, backoff_seconds=1.0).geocode("Springfield", prefer_online=True)

    assert location.raw["source"] == "geonames"
    assert clock.sleeps == [1.0]


def test_a_server_that_keeps_failing_is_left_alone_for_a_while(
    nominatim: FakeNominatim, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    names = ["Atlantis", "Lemuria", "Mu", "Hyperborea", "Thule", "Avalon"]
    for name in names:
        nominatim.script(name, ["500"] * 10)
    geocoder = online_geocoder(clock, max_retries=1, backoff_seconds=2.0)
    failures = geocoders.ONLINE_FAILURES_IN_A_ROW

    with caplog.at_level(logging.WARNING, logger="pipeline.geoparse.geocoders"):
        answers = [geocoder.geocode(name) for name in names]

    assert answers == [None] * len(names)
    # each of the first look-ups paid its retry; once that many failed in a row, none reached the server
    assert nominatim.queries() == [name for name in names[:failures] for _ in range(2)]
    assert f"failed {failures} times in a row" in caplog.text
    spent = clock.now

    assert geocoder.geocode("Thule") is None  # still paused: no request, no wait
    assert clock.now == spent and len(nominatim.requests) == 2 * failures


def test_after_the_pause_one_look_up_tries_again_and_a_success_closes_the_breaker(
    nominatim: FakeNominatim, clock: FakeClock
) -> None:
    names = ["Atlantis", "Lemuria", "Mu", "Hyperborea"]
    for name in names[:3]:
        nominatim.script(name, ["500"])
    geocoder = online_geocoder(clock, max_retries=0)
    for name in names[:3]:
        geocoder.geocode(name)
    assert geocoder.geocode("Hyperborea") is None and nominatim.queries() == names[:3]

    clock.now += geocoders.ONLINE_PAUSE_SECONDS
    assert geocoder.geocode("Hyperborea").raw["source"] == "Nominatim"
    nominatim.script("Thule", ["500"])
    assert geocoder.geocode("Thule") is None  # one failure after a success: the breaker stays closed
    assert geocoder.geocode("Avalon").raw["source"] == "Nominatim"
    assert nominatim.queries() == names + ["Thule", "Avalon"]


def test_a_failed_try_after_the_pause_pauses_again_at_once(nominatim: FakeNominatim, clock: FakeClock) -> None:
    for name in ["Atlantis", "Lemuria", "Mu", "Hyperborea"]:
        nominatim.script(name, ["500"])
    geocoder = online_geocoder(clock, max_retries=0)
    for name in ["Atlantis", "Lemuria", "Mu"]:
        geocoder.geocode(name)
    clock.now += geocoders.ONLINE_PAUSE_SECONDS
    geocoder.geocode("Hyperborea")  # tried, failed
    geocoder.geocode("Thule")  # paused again: not asked
    assert nominatim.queries() == ["Atlantis", "Lemuria", "Mu", "Hyperborea"]


def test_a_private_nominatim_server_is_read_from_the_environment() -> None:
    code = "from pipeline import settings as s; print(s.nominatim_scheme, s.nominatim_domain, sep='|')"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONFLICTMAP_")}

    def read(value: str | None) -> list[str]:
        extra = {} if value is None else {"CONFLICTMAP_NOMINATIM": value}
        done = subprocess.run([sys.executable, "-c", code], env=env | extra, cwd=REPO_ROOT, capture_output=True,
                              text=True, check=True)
        return done.stdout.strip().split("|")

    assert read(None) == ["https", settings.PUBLIC_NOMINATIM_DOMAIN]
    assert read("http://127.0.0.1:8088") == ["http", "127.0.0.1:8088"]
    assert read("geo.example.invalid:8443") == ["https", "geo.example.invalid:8443"]
    assert read("https://geo.example.invalid/nominatim/") == ["https", "geo.example.invalid/nominatim"]


def test_a_server_address_of_another_scheme_is_refused_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "nominatim_scheme", "ftp")
    with pytest.raises(InputError, match="expected 'http' or 'https'"):
        OnlineFallbackGeocoder(FakeGazetteer(), enabled=True)


def _look_up_in_a_child(geocoder: OnlineFallbackGeocoder, names: list[str]) -> None:
    for name in names:
        geocoder.geocode(name)


def test_forked_processes_keep_one_request_spacing_together(nominatim: FakeNominatim) -> None:
    import multiprocessing

    delay = 0.5  # a private server (the loopback one) may be asked faster than the public one
    context = multiprocessing.get_context("fork")
    geocoder = OnlineFallbackGeocoder(FakeGazetteer(), enabled=True, min_delay_seconds=delay, timeout=5.0)
    geocoder.share_rate_limit(context)
    children = [context.Process(target=_look_up_in_a_child, args=(geocoder, [f"Atlantis{i}{j}" for j in range(3)]))
                for i in range(3)]
    for child in children:
        child.start()
    for child in children:
        child.join(timeout=60)
    assert [child.exitcode for child in children] == [0, 0, 0]

    assert len(nominatim.times) == 9
    # The server sees each request some time after its slot was taken (a child's first one, opening its
    # connection on a loaded machine, up to a few tenths of a second later), so single gaps jitter. Three
    # limiters of their own would send the 9 requests within about 2 x 0.5 s; one shared limiter spreads
    # them over 8 slots (4 s): 6 slots' worth leaves room for the jitter at both ends.
    gaps = sorted(b - a for a, b in zip(nominatim.times, nominatim.times[1:]))
    assert nominatim.times[-1] - nominatim.times[0] >= 6 * delay
    assert gaps[len(gaps) // 2] >= delay / 2


def test_the_fork_pool_shares_the_online_rate_limit_with_its_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    from pipeline.scale import work

    shared_with = []

    class Online:
        def share_rate_limit(self, context: Any) -> None:
            shared_with.append(context.get_start_method())

    class Parser:
        online = Online()

    monkeypatch.setattr(work, "geoparser", lambda: Parser())
    monkeypatch.setattr("pipeline.geoparse.geoparser_loaded", lambda: True)  # nothing to let go afterwards
    mapper = work.ForkPoolMapper(2)
    try:
        assert list(mapper.imap(abs, [-1, -2, -3])) == [1, 2, 3]
    finally:
        mapper.close()
    assert shared_with == ["fork"]


def test_unknown_online_provider_is_rejected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "online_provider", "bing")

    with pytest.raises(InputError, match="'bing'"):
        OnlineFallbackGeocoder(FakeGazetteer(), enabled=True)


# --- the whole path: a settlement the gazetteer lacks, through the geoparser -------------------

UNKNOWN_VILLAGE_TEXT = "Zzyvrotivka, Kursk Oblast, Russia. Shelling damaged a school."


def _geoparser_online(clock: FakeClock, **options: Any) -> Any:
    from pipeline.geoparse import Geoparser, load_geoparser

    offline = load_geoparser()
    online = OnlineFallbackGeocoder(offline.gazetteer, enabled=True, clock=clock, sleep=clock.sleep,
                                    timeout=options.pop("timeout", 5.0), backoff_seconds=2.0, **options)
    return Geoparser(offline.gazetteer, online=online)


def _village(places: list[dict]) -> dict:
    [village] = [p for p in places if p["text"] == "Zzyvrotivka"]
    return village


def test_geoparser_looks_up_an_unknown_settlement_online_in_its_unit(nominatim: FakeNominatim, clock: FakeClock) -> None:
    nominatim.places["Zzyvrotivka, Kursk, Russia"] = (51.55, 35.40)  # inside Kursk oblast

    village = _village(_geoparser_online(clock).parse(UNKNOWN_VILLAGE_TEXT))

    assert nominatim.queries() == ["Zzyvrotivka, Kursk, Russia"]
    assert nominatim.requests[0].params["countrycodes"].lower() == "ru"
    assert (village["lat"], village["lon"], village["precision"]) == (51.55, 35.4, "online")
    assert village["admin1_code"] == "RU-KRS"
    assert [s["kind"] for s in village["signals"]][-1] == "online_geocoder"


def test_online_answer_outside_the_unit_keeps_the_offline_place(nominatim: FakeNominatim, clock: FakeClock) -> None:
    nominatim.places["Zzyvrotivka, Kursk, Russia"] = (55.75, 37.62)  # Moscow: a namesake elsewhere

    village = _village(_geoparser_online(clock).parse(UNKNOWN_VILLAGE_TEXT))

    assert (village["precision"], village["admin1_code"]) == ("admin1", "RU-KRS")


@pytest.mark.parametrize("actions", [["500", "500", "500"], ["garbage"], ["wrong-shape"], ["empty"], ["429-long"]])
def test_failed_online_look_up_keeps_the_offline_place(nominatim: FakeNominatim, clock: FakeClock,
                                                       actions: list[str]) -> None:
    nominatim.script("Zzyvrotivka, Kursk, Russia", actions)

    village = _village(_geoparser_online(clock).parse(UNKNOWN_VILLAGE_TEXT))

    assert (village["precision"], village["admin1_code"]) == ("admin1", "RU-KRS")


def test_online_time_out_keeps_the_offline_place(nominatim: FakeNominatim, clock: FakeClock) -> None:
    nominatim.script("Zzyvrotivka, Kursk, Russia", ["hang", "hang", "hang"])

    village = _village(_geoparser_online(clock, timeout=0.2).parse(UNKNOWN_VILLAGE_TEXT))

    assert (village["precision"], village["admin1_code"]) == ("admin1", "RU-KRS")


def test_offline_geoparser_never_calls_the_network(nominatim: FakeNominatim) -> None:
    from pipeline.geoparse import load_geoparser

    village = _village(load_geoparser().parse(UNKNOWN_VILLAGE_TEXT))

    assert village["precision"] == "admin1" and nominatim.requests == []
