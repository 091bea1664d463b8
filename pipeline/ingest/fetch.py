"""Fetch news pages and feeds politely and write them as articles.

``fetch_articles(sources, out_dir)`` takes URLs of pages, URLs of RSS/Atom feeds
(every entry is followed) and files listing URLs (one a line, ``#`` comments), and
writes each article as ``NAME.txt`` with its sidecar ``NAME.txt.meta.json``
(``date``, ``title``, ``url``, ``outlet``, ``language``, ``content_hash``, ...), ready for
``conflictmap build``. Every file is written atomically; a URL that fails leaves
nothing behind and is reported with its reason, the others go on.

Politeness (``Fetcher``): robots.txt is read once per host and obeyed (its
``Crawl-delay`` too); requests to one host are spaced by at least
``min_delay_seconds`` (the clock and the sleep are replaceable, as in
``pipeline.geocoders``); the user agent is ``settings.user_agent``; each request has a
time-out; HTTP 429, 5xx, time-outs and refused connections are retried at most
``max_retries`` times with doubling back-off, honouring ``Retry-After`` up to
``max_backoff_seconds``; redirects are followed by hand (each hop checked against
robots.txt), at most ``MAX_REDIRECTS``; a body is streamed and abandoned past
``max_bytes``; only HTML and feed content types are read, and bytes that are not text
are refused whatever their content type says.

Already-fetched pages are skipped: an index ``fetch_index.json`` in the output folder
records every URL asked for, every final and canonical URL, and the hash of every
text written, so the same page asked for again is not even requested and the same
text found at another URL is not written twice.
"""

from __future__ import annotations

import http.client
import json
import re
import socket
import sys
import time
import urllib.error
import urllib.request
import urllib.robotparser
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.message import Message
from pathlib import Path
from timeit import default_timer
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

from pipeline import settings
from pipeline.output.atomic import write_atomic
from pipeline.errors import FetchError, InputError
from pipeline.ingest.extract import Extracted, extract_html
from pipeline.ingest.syndication import content_hash

INDEX_FILE = "fetch_index.json"
DEFAULT_MAX_BYTES = 5_000_000  # a news page is well under 1 MB; anything past 5 MB is not an article
DEFAULT_MIN_DELAY_SECONDS = 1.0  # per host
DEFAULT_TOTAL_SECONDS = 60.0  # longest time spent reading one body, however fast it trickles in
MAX_REDIRECTS = 5
MAX_ROBOTS_BYTES = 500_000
_CHUNK = 64 * 1024
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml",
                         "text/xml", "application/feed+json"})
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_TRANSIENT = frozenset({408, 429, 500, 502, 503, 504})
_FEED_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b", re.S)

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Response:
    """A fetched document: where it ended up, its type and its bytes."""

    url: str
    status: int
    content_type: str
    charset: str | None
    body: bytes

    @property
    def is_feed(self) -> bool:
        """True for an RSS or Atom feed (by content type or by its first tag)."""
        return self.content_type in _FEED_TYPES or (self.content_type not in _HTML_TYPES
                                                    and bool(_FEED_START.match(self.body[:2048])))


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Let redirects surface as ``HTTPError`` so each hop is checked and rate limited."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        return None


class Fetcher:
    """
    A polite HTTP client for news pages and feeds.

    Options default to ``pipeline.settings`` (user agent, time-out, retries, back-off),
    read once here.

    Parameters
    ----------
    user_agent
        HTTP User-Agent; robots.txt rules are matched against it.
    timeout
        Seconds to wait for a connection or for the next bytes of an answer.
    total_seconds
        Longest time spent reading one answer.
    min_delay_seconds
        Minimum delay between two requests to the same host (a robots.txt
        ``Crawl-delay`` that is longer wins).
    max_retries
        Retries of a request that failed with a transient error.
    backoff_seconds
        First retry delay; it doubles on each further retry.
    max_backoff_seconds
        Longest retry delay; a longer ``Retry-After`` gives up on the URL.
    max_bytes
        Largest body read; a longer one is abandoned and the URL fails.
    obey_robots
        Read and obey robots.txt (turn off only for your own servers).
    clock
        Monotonic clock in seconds (tests inject one).
    sleep
        Function that waits a number of seconds (tests inject one).
    """

    def __init__(
        self,
        *,
        user_agent: str | None = None,
        timeout: float | None = None,
        total_seconds: float = DEFAULT_TOTAL_SECONDS,
        min_delay_seconds: float = DEFAULT_MIN_DELAY_SECONDS,
        max_retries: int | None = None,
        backoff_seconds: float | None = None,
        max_backoff_seconds: float | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        obey_robots: bool = True,
        clock: Callable[[], float] | None = None,
        sleep: Callable[[float], None] | None = None,
    ) -> None:
        self.user_agent = user_agent or settings.user_agent
        self.timeout = _positive("timeout", settings.timeout if timeout is None else timeout)
        self.total_seconds = _positive("total_seconds", total_seconds)
        self.min_delay_seconds = _non_negative("min_delay_seconds", min_delay_seconds)
        self.max_retries = int(_non_negative("max_retries", settings.max_retries if max_retries is None
                                             else max_retries))
        self.backoff_seconds = _non_negative("backoff_seconds", settings.backoff_seconds if backoff_seconds is None
                                             else backoff_seconds)
        self.max_backoff_seconds = _non_negative(
            "max_backoff_seconds", settings.max_backoff_seconds if max_backoff_seconds is None else max_backoff_seconds)
        self.max_bytes = int(_positive("max_bytes", max_bytes))
        self.obey_robots = obey_robots
        self._clock = clock or default_timer
        self._sleep = sleep or time.sleep
        self._last_request: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self._opener = urllib.request.build_opener(_NoRedirect())
        self.requests = 0  # how many HTTP requests were sent (robots.txt included)

    # -- public ----------------------------------------------------------------------------------
    def get(self, url: str) -> Response:
        """
        Fetch ``url`` (an HTML page or a feed), following redirects.

        Raises
        ------
        FetchError
            With a one-line reason: disallowed by robots.txt, HTTP status, time-out,
            too large, not HTML, not text.
        """
        current = _check_url(url)
        for _hop in range(MAX_REDIRECTS + 1):
            self._check_robots(current)
            status, headers, body, location = self._request(current, max_bytes=self.max_bytes)
            if location is None:
                return _response(current, status, headers, body)
            current = _check_url(urljoin(current, location))
        msg = f"more than {MAX_REDIRECTS} redirects"
        raise FetchError(msg)

    def allowed(self, url: str) -> bool:
        """True when robots.txt of ``url``'s host lets our user agent fetch it."""
        if not self.obey_robots:
            return True
        parser = self._robots_for(url)
        return parser is None or parser.can_fetch(self.user_agent, url)

    # -- robots.txt -----------------------------------------------------------------------------
    def _check_robots(self, url: str) -> None:
        if not self.allowed(url):
            msg = "disallowed by robots.txt"
            raise FetchError(msg)

    def _robots_for(self, url: str) -> urllib.robotparser.RobotFileParser | None:
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root in self._robots:
            return self._robots[root]
        parser = urllib.robotparser.RobotFileParser(root + "/robots.txt")
        try:
            status, _headers, body, _location = self._request(root + "/robots.txt", max_bytes=MAX_ROBOTS_BYTES,
                                                              any_type=True)
        except FetchError as exc:
            status = getattr(exc, "status", None)
            if status in (401, 403):
                parser.disallow_all = True
            elif status is not None and 400 <= status < 500:
                parser.allow_all = True
            else:  # unreachable or failing server: do not crawl what we cannot check
                msg = f"robots.txt unavailable ({exc})"
                raise FetchError(msg) from None
        else:
            if status in _REDIRECTS:  # a redirected robots.txt: treat as absent, as most crawlers do
                parser.allow_all = True
            else:
                parser.parse(body.decode("utf-8", errors="replace").splitlines())
        self._robots[root] = parser
        return parser

    def _host_delay(self, url: str) -> float:
        delay = self.min_delay_seconds
        parser = self._robots.get(_root(url)) if self.obey_robots else None
        if parser is not None:
            crawl_delay = parser.crawl_delay(self.user_agent)
            if crawl_delay:
                delay = max(delay, float(crawl_delay))
        return delay

    # -- one request with retries ----------------------------------------------------------------
    def _request(self, url: str, *, max_bytes: int, any_type: bool = False) -> tuple[int, Message, bytes, str | None]:
        """Status, headers, body and redirect target of ``url``, retrying transient failures."""
        attempt = 0
        while True:
            try:
                return self._request_once(url, max_bytes=max_bytes, any_type=any_type)
            except _Transient as exc:
                delay = self._retry_delay(exc, attempt)
                if delay is None:
                    raise exc.error from None
                attempt += 1
                self._sleep(delay)

    def _retry_delay(self, exc: _Transient, attempt: int) -> float | None:
        if attempt >= self.max_retries:
            return None
        if exc.retry_after is not None:
            return exc.retry_after if exc.retry_after <= self.max_backoff_seconds else None
        return min(self.backoff_seconds * 2 ** attempt, self.max_backoff_seconds)

    def _wait_for_host(self, url: str) -> None:
        host = _root(url)
        last = self._last_request.get(host)
        if last is not None:
            wait = self._host_delay(url) - (self._clock() - last)
            if wait > 0:
                self._sleep(wait)
        self._last_request[host] = self._clock()

    def _request_once(self, url: str, *, max_bytes: int, any_type: bool) -> tuple[int, Message, bytes, str | None]:
        self._wait_for_host(url)
        request = urllib.request.Request(url, headers={
            "User-Agent": self.user_agent,
            "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
                      "application/xml;q=0.9,*/*;q=0.1",
            "Accept-Encoding": "identity",
        })
        self.requests += 1
        try:
            answer = self._opener.open(request, timeout=self.timeout)
        except urllib.error.HTTPError as exc:
            with exc:
                if exc.code in _REDIRECTS and exc.headers.get("Location"):
                    return exc.code, exc.headers, b"", exc.headers["Location"]
                error = FetchError(f"HTTP {exc.code} {exc.reason}".strip())
                error.status = exc.code  # type: ignore[attr-defined]
                if exc.code in _TRANSIENT:
                    raise _Transient(error, _retry_after(exc.headers.get("Retry-After"))) from None
                raise error from None
        except (TimeoutError, socket.timeout) as exc:
            raise _Transient(FetchError(f"timed out after {self.timeout:g} s"), None) from exc
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, (TimeoutError, socket.timeout)):
                raise _Transient(FetchError(f"timed out after {self.timeout:g} s"), None) from None
            if isinstance(reason, ConnectionError):
                raise _Transient(FetchError(f"connection failed ({reason})"), None) from None
            raise FetchError(f"cannot connect ({reason})") from None
        except (ConnectionError, http.client.HTTPException) as exc:
            raise _Transient(FetchError(f"connection failed ({exc})"), None) from None
        with answer:
            if not any_type:
                _refuse_type(answer.headers)
            body = self._read_body(answer, max_bytes=max_bytes)
            return answer.status, answer.headers, body, None

    def _read_body(self, answer: Any, *, max_bytes: int) -> bytes:
        declared = answer.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > max_bytes:
            msg = f"page is {int(declared) / 1e6:.1f} MB, more than the {max_bytes / 1e6:g} MB limit"
            raise FetchError(msg)
        started = self._clock()
        chunks: list[bytes] = []
        size = 0
        try:
            while True:
                chunk = answer.read(_CHUNK)
                if not chunk:
                    break
                size += len(chunk)
                if size > max_bytes:
                    msg = f"page is more than the {max_bytes / 1e6:g} MB limit; download stopped"
                    raise FetchError(msg)
                if self._clock() - started > self.total_seconds:
                    msg = f"page took more than {self.total_seconds:g} s to download"
                    raise FetchError(msg)
                chunks.append(chunk)
        except (TimeoutError, socket.timeout):
            raise _Transient(FetchError(f"timed out after {self.timeout:g} s"), None) from None
        except (ConnectionError, http.client.HTTPException) as exc:
            raise _Transient(FetchError(f"connection failed while reading ({exc})"), None) from None
        return b"".join(chunks)


class _Transient(Exception):
    """A failure worth retrying, carrying the error to raise if retries run out."""

    def __init__(self, error: FetchError, retry_after: float | None) -> None:
        super().__init__(str(error))
        self.error = error
        self.retry_after = retry_after


# -- articles folder -----------------------------------------------------------------------------
@dataclass
class FetchReport:
    """What ``fetch_articles`` did: files written, URLs skipped and URLs that failed."""

    written: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    existing: list[Path] = field(default_factory=list)  # articles already in the folder for the skipped URLs
    failed: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line: written, skipped, failed."""
        return f"{len(self.written)} articles written, {len(self.skipped)} skipped, {len(self.failed)} failed"


class FetchIndex:
    """``fetch_index.json``: URLs and content hashes already written to an articles folder."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / INDEX_FILE
        self.urls: dict[str, str] = {}
        self.hashes: dict[str, str] = {}
        if self.path.exists():
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                self.urls = dict(data.get("urls") or {})
                self.hashes = dict(data.get("hashes") or {})
            except (OSError, UnicodeDecodeError, json.JSONDecodeError, AttributeError, TypeError, ValueError) as exc:
                msg = f"{self.path}: not a fetch index ({exc}); move it away to start a new one"
                raise InputError(msg) from None

    def name_for_url(self, url: str) -> str | None:
        """The article already written from ``url``, if any."""
        return self.urls.get(normalise_url(url))

    def add(self, name: str, urls: Iterable[str | None], digest: str | None = None) -> None:
        """Record ``name`` under each of ``urls`` (and its text's ``digest``), and save."""
        for url in urls:
            if url:
                self.urls.setdefault(normalise_url(url), name)
        if digest:
            self.hashes.setdefault(digest, name)
        write_atomic(self.path, json.dumps({"version": 1, "urls": self.urls, "hashes": self.hashes},
                                           ensure_ascii=False, indent=1, sort_keys=True))


def fetch_articles(
    sources: Sequence[str],
    out_dir: Path | str,
    *,
    fetcher: Fetcher | None = None,
    progress: Progress | None = None,
    on_error: Callable[[str, str], None] | None = None,
    now: Callable[[], datetime] | None = None,
) -> FetchReport:
    """
    Fetch pages, feeds and files of URLs into an articles folder.

    Parameters
    ----------
    sources
        URLs of pages or feeds (``http``/``https``), or paths of files listing URLs.
    out_dir
        Articles folder; created if missing. ``fetch_index.json`` in it remembers
        what was written.
    fetcher
        The HTTP client. Default: a ``Fetcher`` built from settings.
    progress
        Called with one line per URL written or skipped, and per feed read.
    on_error
        Called with ``(url, reason)`` for each URL that failed, as it fails.
    now
        Returns the current time for the ``fetched`` field (tests inject one).

    Returns
    -------
    report
        Files written, URLs skipped (already fetched, duplicate text) and URLs that
        failed, each with its reason.
    """
    out = Path(out_dir)
    fetcher = fetcher or Fetcher()
    index = FetchIndex(out)
    report = FetchReport()
    say = progress or (lambda _line: None)

    def skip(url: str, reason: str, name: str) -> None:
        report.skipped.append((url, reason))
        if (out / name).is_file() and out / name not in report.existing:
            report.existing.append(out / name)
        say(f"{url}: skipped, {reason}")

    def fail(url: str, reason: str) -> None:
        report.failed.append((url, reason))
        if on_error is not None:
            on_error(url, reason)
    now = now or (lambda: datetime.now(timezone.utc))
    queue: list[tuple[str, dict[str, Any]]] = []
    for source in sources:
        try:
            queue += [(url, {}) for url in expand_source(source)]
        except InputError as exc:
            fail(source, str(exc))
    seen: set[str] = set()
    position = 0
    while position < len(queue):
        url, hints = queue[position]
        position += 1
        key = normalise_url(url)
        if key in seen:
            continue
        seen.add(key)
        done = index.name_for_url(url)
        if done:
            skip(url, f"already fetched as {done}", done)
            continue
        try:
            response = fetcher.get(url)
            if response.is_feed:
                entries = feed_entries(response.body, base_url=response.url)
                say(f"{url}: feed with {len(entries)} entries")
                queue[position:position] = [(link, entry) for link, entry in entries]
                continue
            outcome = _save_article(response, hints, out, index, now=now, requested=url)
        except (FetchError, InputError) as exc:
            fail(url, str(exc))
            continue
        if isinstance(outcome, Path):
            report.written.append(outcome)
            meta = json.loads(outcome.with_name(outcome.name + ".meta.json").read_text(encoding="utf-8"))
            if meta.get("note"):
                report.notes.append(f"{url}: {meta['note']} (language {meta.get('language')})")
            say(f"{url}: {outcome.name}" + (f" ({meta['note']})" if meta.get("note") else ""))
        else:
            skip(url, *outcome)
    return report


def expand_source(source: str) -> list[str]:
    """The URLs ``source`` stands for: itself if a URL, else the URLs listed in that file."""
    if re.match(r"^https?://", source, re.I):
        return [_check_url(source)]
    path = Path(source)
    if not path.is_file():
        msg = "not an http(s) URL nor a file of URLs"
        raise InputError(msg)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        msg = f"cannot read the list of URLs ({exc})"
        raise InputError(msg) from None
    urls = []
    for number, line in enumerate(lines, start=1):
        line = line.split("#", 1)[0].strip() if line.lstrip().startswith("#") else line.strip()
        if not line:
            continue
        if not re.match(r"^https?://", line, re.I):
            msg = f"line {number}: {line[:80]!r} is not an http(s) URL"
            raise InputError(msg)
        urls.append(line)
    return urls


def feed_entries(body: bytes, *, base_url: str) -> list[tuple[str, dict[str, Any]]]:
    """``(link, hints)`` of every entry of an RSS/Atom feed; hints hold its title and date."""
    import feedparser

    parsed = feedparser.parse(body)
    if parsed.bozo and not parsed.entries:
        msg = f"not a readable feed ({parsed.get('bozo_exception')})"
        raise InputError(msg)
    entries = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        hints: dict[str, Any] = {"feed": base_url}
        if entry.get("title"):
            hints["title"] = str(entry["title"]).strip()
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        if when:
            hints["date"] = f"{when.tm_year:04d}-{when.tm_mon:02d}-{when.tm_mday:02d}"
        entries.append((urljoin(base_url, link), hints))
    return entries


def _save_article(response: Response, hints: dict[str, Any], out: Path, index: FetchIndex, *,
                  now: Callable[[], datetime], requested: str) -> Path | tuple[str, str]:
    """Extract and write one page; the written path, or why it was skipped and the article it duplicates."""
    page = extract_html(response.body if response.charset is None else _decode(response), url=response.url)
    canonical = page.url or response.url
    for url in (response.url, canonical):
        done = index.name_for_url(url)
        if done:
            index.add(done, [requested])
            return f"already fetched as {done}", done
    digest = content_hash(page.text)
    if digest in index.hashes:
        done = index.hashes[digest]
        index.add(done, [requested, response.url, canonical])
        return f"same text as {done}", done
    name = article_name(page, canonical, digest, taken=out)
    meta = page.meta()
    meta.update({"url": canonical, "fetched_from": requested if requested != canonical else None,
                 "content_hash": digest, "fetched": now().isoformat(timespec="seconds"),
                 "extractor": "trafilatura"})
    for key in ("title", "date"):
        if not meta.get(key) and hints.get(key):
            meta[key] = hints[key]
            meta[f"{key}_source"] = "feed"
    if hints.get("feed"):
        meta["feed"] = hints["feed"]
    meta = {k: v for k, v in meta.items() if v is not None}
    path = out / f"{name}.txt"
    # sidecar first: a crash between the two leaves a sidecar without article, which build ignores
    write_atomic(path.with_name(path.name + ".meta.json"), json.dumps(meta, ensure_ascii=False, indent=1) + "\n")
    write_atomic(path, page.text + "\n")
    index.add(path.name, [requested, response.url, canonical], digest)
    return path


def article_name(page: Extracted, url: str, digest: str, *, taken: Path) -> str:
    """A readable, unique file stem: host, title words, a short content hash."""
    host = urlsplit(url).hostname or "page"
    host = re.sub(r"^www\.", "", host)
    slug = re.sub(r"[^a-z0-9]+", "-", (page.title or "").lower()).strip("-")[:50].rstrip("-") or "article"
    stem = f"{re.sub(r'[^a-z0-9]+', '-', host)}_{slug}_{digest[:8]}"
    return stem if not (taken / f"{stem}.txt").exists() else f"{stem}-{digest[8:14]}"


def normalise_url(url: str) -> str:
    """``url`` without fragment, with lower-case scheme and host: the key of the index."""
    parts = urlsplit(url.strip())
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/", parts.query, ""))


def stderr_progress(line: str) -> None:
    """Print a progress line on stderr."""
    print(f"conflictmap fetch: {line}", file=sys.stderr, flush=True)


def stderr_error(url: str, reason: str) -> None:
    """Print the one line of a failed URL on stderr."""
    print(f"conflictmap fetch: error: {url}: {reason}", file=sys.stderr, flush=True)


def _decode(response: Response) -> str:
    try:
        return response.body.decode(response.charset or "utf-8")
    except (LookupError, UnicodeDecodeError):
        return response.body.decode("utf-8", errors="replace")


def _response(url: str, status: int, headers: Message, body: bytes) -> Response:
    content_type = (headers.get_content_type() if headers.get("Content-Type") else "").lower()
    charset = headers.get_content_charset() if headers.get("Content-Type") else None
    if b"\x00" in body[:8192] or _looks_binary(body[:8192]):
        msg = f"not text (binary content served as {content_type or 'no content type'})"
        raise FetchError(msg)
    if not body.strip():
        msg = "empty page"
        raise FetchError(msg)
    return Response(url=url, status=status, content_type=content_type, charset=charset, body=body)


def _refuse_type(headers: Message) -> None:
    if not headers.get("Content-Type"):
        return
    kind = headers.get_content_type().lower()
    if kind not in _HTML_TYPES and kind not in _FEED_TYPES:
        msg = f"not an HTML page or a feed (content type {kind})"
        raise FetchError(msg)


def _looks_binary(head: bytes) -> bool:
    """True when the first bytes are mostly not text in any ASCII-compatible encoding."""
    if not head:
        return False
    control = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return control / len(head) > 0.05


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    return None


def _root(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


def _check_url(url: str) -> str:
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        msg = f"not an http(s) URL: {url!r}"
        raise FetchError(msg)
    return url.strip()


def _positive(name: str, value: float) -> float:
    if value <= 0:
        msg = f"{name} must be > 0, got {value!r}"
        raise InputError(msg)
    return value


def _non_negative(name: str, value: float) -> float:
    if value < 0:
        msg = f"{name} must be >= 0, got {value!r}"
        raise InputError(msg)
    return value
