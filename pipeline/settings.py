"""
Global settings that can be configured by the user.

Set them before building the objects that read them, for example
``from pipeline import settings; settings.online_geocoder = True``. Objects
read the settings when they are constructed, not on every call. A few settings
have an environment variable that sets their value at import time.

backoff_seconds : float
    First wait, in seconds, before retrying an online request that failed with
    a transient error (HTTP 429, 5xx, time-out, connection refused). Each
    further retry waits twice as long. A ``Retry-After`` header sent with a 429
    is honoured instead. Default is `2.0`.
cache_folder : str | Path
    Folder of the on-disk cache of online geocoder answers (one JSON file per
    query). Default is `"~/.cache/conflictmap"`; environment variable
    `CONFLICTMAP_CACHE`.
focus_country : str | None
    ISO 3166-1 alpha-2 code of the country the articles are mostly about, used
    to rank ambiguous places, or None to infer it per article. Default is
    `None`.
max_backoff_seconds : float
    Longest wait before a retry. When a server asks for a longer wait (its
    ``Retry-After``), the online geocoder gives up on that query and falls
    back to the offline result. Default is `60.0`.
max_retries : int
    How many times a failed online request is retried (so at most
    ``max_retries + 1`` requests per query). Default is `2`.
min_delay_seconds : float
    Minimum delay between two online requests. Nominatim's usage policy
    allows at most one request per second, so for the public Nominatim
    server (`PUBLIC_NOMINATIM_DOMAIN`) any value below `1.0` is raised to
    `1.0`. Default is `1.0`.
nominatim_domain : str
    Host (and optional port) of the Nominatim server, for example
    `"127.0.0.1:8080"` for a local instance. Default is
    `"nominatim.openstreetmap.org"`; environment variable
    `CONFLICTMAP_NOMINATIM` (a host, `host:port`, or a URL such as
    `http://127.0.0.1:8080`, whose scheme then sets `nominatim_scheme`).
nominatim_scheme : str
    `"https"` or `"http"`. Default is `"https"`.
online_geocoder : bool
    If True, place names the offline gazetteer lacks are looked up online
    through geopy. Off by default: conflictmap never touches the network
    unless asked. Default is `False`; environment variable
    `CONFLICTMAP_ONLINE` (`1`, `true`, `yes` or `on` switch it on).
online_provider : str
    Name of the online geopy provider. Only `"nominatim"` is built from
    settings; any other geopy geocoder instance can be passed to
    `pipeline.geoparse.geocoders.OnlineFallbackGeocoder(online=...)`. Default is
    `"nominatim"`.
timeout : float
    Seconds to wait for an online answer before giving up on that request.
    Default is `10.0`.
user_agent : str
    HTTP User-Agent sent to the online provider. Nominatim requires one that
    identifies the application; set your own, with contact details. Default is
    `"conflictmap/0.1 (+https://example.invalid/conflictmap)"`; environment
    variable `CONFLICTMAP_USER_AGENT`.
war_theatre : tuple[str, ...] | None
    ISO 3166-1 alpha-2 codes (as pycountry knows them) of the countries the
    mapped war is fought in. An event located in one of them is kept; an
    event located elsewhere is kept only when its own sentences name a state
    party of the war ("debris of a Russian drone" in a Romanian village), and
    is otherwise dropped (a strike in another war). None keeps every event,
    wherever it is. Default is `("UA", "RU", "BY", "MD")` (the Russia–Ukraine
    war: Ukraine, Russia, Belarus, Moldova).
"""

from __future__ import annotations

import os
from pathlib import Path

PUBLIC_NOMINATIM_DOMAIN = "nominatim.openstreetmap.org"
PUBLIC_NOMINATIM_MIN_DELAY_SECONDS = 1.0
_TRUE_WORDS = frozenset({"1", "true", "yes", "on"})


def _env_flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    return value.strip().lower() in _TRUE_WORDS


def _env_text(name: str, default: str) -> str:
    value = os.environ.get(name, "").strip()
    return value or default


def _env_server(name: str, default_domain: str, default_scheme: str) -> tuple[str, str]:
    """(domain, scheme) from a variable holding a host, ``host:port`` or a URL (``http://host:port``)."""
    value = _env_text(name, "")
    if not value:
        return default_domain, default_scheme
    scheme, found, rest = value.partition("://")
    if not found:
        return value.rstrip("/"), default_scheme
    return rest.rstrip("/"), scheme.lower()


backoff_seconds: float = 2.0
cache_folder: str | Path = str(Path(_env_text("CONFLICTMAP_CACHE", "~/.cache/conflictmap")).expanduser())
focus_country: str | None = None
max_backoff_seconds: float = 60.0
max_retries: int = 2
min_delay_seconds: float = PUBLIC_NOMINATIM_MIN_DELAY_SECONDS
nominatim_domain: str
nominatim_scheme: str
nominatim_domain, nominatim_scheme = _env_server("CONFLICTMAP_NOMINATIM", PUBLIC_NOMINATIM_DOMAIN, "https")
online_geocoder: bool = _env_flag("CONFLICTMAP_ONLINE", default=False)
online_provider: str = "nominatim"
timeout: float = 10.0
user_agent: str = _env_text("CONFLICTMAP_USER_AGENT", "conflictmap/0.1 (+https://example.invalid/conflictmap)")
war_theatre: tuple[str, ...] | None = ("UA", "RU", "BY", "MD")
