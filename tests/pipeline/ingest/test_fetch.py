"""Fetching against a real HTTP server on 127.0.0.1 (see conftest.py): politeness, bad URLs, the folder."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest
from conftest import BOILERPLATE_LINES, CLIENT_TIMEOUT, EXPECTED, Web

from pipeline.errors import FetchError
from pipeline.ingest.fetch import INDEX_FILE, Fetcher, fetch_articles

USER_AGENT = "conflictmap-tests/1.0 (tests@example.invalid)"
NOW = datetime(2023, 3, 11, 12, 0, tzinfo=timezone.utc)


class FakeTime:
    """A clock that only moves when something sleeps on it."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def make_fetcher(time: FakeTime | None = None, **options) -> Fetcher:
    time = time or FakeTime()
    defaults = {"user_agent": USER_AGENT, "timeout": CLIENT_TIMEOUT, "max_retries": 1, "backoff_seconds": 0.5,
                "min_delay_seconds": 1.0, "clock": time.clock, "sleep": time.sleep}
    return Fetcher(**{**defaults, **options})


def fetch(web: Web, out: Path, *paths: str, fetcher: Fetcher | None = None):
    lines: list[str] = []
    report = fetch_articles([web.url(p) for p in paths], out, fetcher=fetcher or make_fetcher(),
                            progress=lines.append, on_error=lambda url, reason: lines.append(f"error: {url}: {reason}"),
                            now=lambda: NOW)
    return report, lines


def articles_in(out: Path) -> dict[str, tuple[str, dict]]:
    """``url -> (text, meta)`` of every article written to ``out``."""
    found = {}
    for path in sorted(out.glob("*.txt")):
        meta = json.loads(path.with_name(path.name + ".meta.json").read_text(encoding="utf-8"))
        found[meta["url"]] = (path.read_text(encoding="utf-8"), meta)
    return found


def test_news_pages_are_written_with_metadata_and_without_boilerplate(web: Web, tmp_path: Path):
    report, _ = fetch(web, tmp_path, *EXPECTED)
    assert report.failed == [] and len(report.written) == len(EXPECTED)
    found = articles_in(tmp_path)
    for path, expected in EXPECTED.items():
        text, meta = found[web.url(path)]
        assert meta["title"] == expected.title, path
        assert meta["date"] == expected.date, path  # the date is only in metadata (meta tag or JSON-LD)
        assert meta["language"] == "en" and meta["content_hash"] and meta["fetched"] == "2023-03-11T12:00:00+00:00"
        assert meta["outlet"] in ("Example Herald", "Daily Alpha", "Beta Times")
        assert text.startswith(expected.title + "\n\n")
        for word in expected.words:
            assert word in text, (path, word)
        for line in BOILERPLATE_LINES:
            assert line not in text, (path, line)
        assert "dataLayer" not in text and "color: red" not in text


def test_user_agent_is_sent_and_robots_read_once_per_host(web: Web, tmp_path: Path):
    fetch(web, tmp_path, "/news/nikopol-shelling", "/news/kupiansk-assault")
    assert web.hits("/robots.txt") == 1
    assert {ua for _path, ua in web.log} == {USER_AGENT}


def test_requests_to_one_host_are_spaced_by_the_rate_limit(web: Web, tmp_path: Path):
    time = FakeTime()
    fetch(web, tmp_path, "/news/nikopol-shelling", "/news/kupiansk-assault", fetcher=make_fetcher(time))
    # robots.txt, then two pages: each waits a full second on the fake clock (no real time passes)
    assert time.sleeps == [1.0, 1.0]


def test_robots_txt_disallowed_path_is_not_fetched(web: Web, tmp_path: Path):
    report, lines = fetch(web, tmp_path, "/private/secret-report")
    assert report.failed == [(web.url("/private/secret-report"), "disallowed by robots.txt")]
    assert web.hits("/private/secret-report") == 0
    assert lines == [f"error: {web.url('/private/secret-report')}: disallowed by robots.txt"]


def test_redirect_is_followed_and_the_final_url_recorded(web: Web, tmp_path: Path):
    report, _ = fetch(web, tmp_path, "/old/nikopol")
    (path,) = report.written
    meta = json.loads(path.with_name(path.name + ".meta.json").read_text(encoding="utf-8"))
    assert meta["url"] == web.url("/news/nikopol-shelling")
    assert meta["fetched_from"] == web.url("/old/nikopol")


def test_each_bad_url_gets_one_line_and_the_rest_go_on(web: Web, tmp_path: Path):
    bad = ["/missing", "/slow", "/binary-as-html", "/image.png", "/huge", "/private/secret-report", "/"]
    report, lines = fetch(web, tmp_path, "/news/nikopol-shelling", *bad, "/news/kupiansk-assault")
    assert len(report.written) == 2
    reasons = dict(report.failed)
    assert list(reasons) == [web.url(p) for p in bad]
    assert reasons[web.url("/missing")] == "HTTP 404 Not Found"
    assert reasons[web.url("/slow")] == f"timed out after {CLIENT_TIMEOUT:g} s"
    assert reasons[web.url("/binary-as-html")].startswith("not text (binary content served as text/html")
    assert reasons[web.url("/image.png")] == "not an HTML page or a feed (content type image/png)"
    assert "5 MB limit" in reasons[web.url("/huge")]
    assert reasons[web.url("/")] == "not an article (no main text found)"
    for url, reason in report.failed:
        assert lines.count(f"error: {url}: {reason}") == 1
    assert sum(line.startswith("error: ") for line in lines) == len(bad)
    # nothing half-written: two articles, two sidecars, the index; no temporary file left
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".json", ".json", ".json", ".txt", ".txt"]
    assert not list(tmp_path.glob(".*"))


def test_transient_errors_are_retried_with_backoff_then_reported(web: Web, tmp_path: Path):
    time = FakeTime()
    report, _ = fetch(web, tmp_path, "/flaky", fetcher=make_fetcher(time, max_retries=2))
    assert report.failed == [(web.url("/flaky"), "HTTP 503 Service Unavailable")]
    assert web.hits("/flaky") == 3  # one try, two retries
    assert 1.0 in time.sleeps  # Retry-After: 1 honoured


def test_retry_after_longer_than_the_limit_gives_up_at_once(web: Web, tmp_path: Path):
    report, _ = fetch(web, tmp_path, "/flaky", fetcher=make_fetcher(max_retries=3, max_backoff_seconds=0.5))
    assert report.failed and web.hits("/flaky") == 1


def test_feed_entries_are_followed(web: Web, tmp_path: Path):
    report, lines = fetch(web, tmp_path, "/feed.xml")
    assert report.failed == [] and len(report.written) == 2
    assert f"{web.url('/feed.xml')}: feed with 2 entries" in lines
    found = articles_in(tmp_path)
    _text, meta = found[web.url("/news/nikopol-shelling")]
    assert meta["feed"] == web.url("/feed.xml")
    assert meta["date"] == "2023-03-10"  # the page's own date wins over the feed's


def test_already_fetched_urls_are_not_requested_again(web: Web, tmp_path: Path):
    fetch(web, tmp_path, "/news/nikopol-shelling")
    before = web.hits("/news/nikopol-shelling")
    report, lines = fetch(web, tmp_path, "/news/nikopol-shelling", "/old/nikopol")
    assert report.written == [] and report.failed == []
    # the direct URL is not even asked for; the redirect's target is, and is then found in the index
    assert web.hits("/news/nikopol-shelling") == before + 1
    assert [reason for _url, reason in report.skipped][0].startswith("already fetched as ")
    index = json.loads((tmp_path / INDEX_FILE).read_text(encoding="utf-8"))
    assert web.url("/old/nikopol") in index["urls"]


def test_the_same_text_twice_is_written_once(web: Web, tmp_path: Path):
    report, _ = fetch(web, tmp_path, "/mirror/kupiansk", "/mirror/kupiansk-amp")
    assert len(report.written) == 1
    ((url, reason),) = report.skipped
    assert url == web.url("/mirror/kupiansk-amp") and reason.startswith("same text as ")


def test_non_english_page_is_kept_and_marked(web: Web, tmp_path: Path):
    report, _ = fetch(web, tmp_path, "/ua/nikopol")
    (path,) = report.written
    meta = json.loads(path.with_name(path.name + ".meta.json").read_text(encoding="utf-8"))
    assert meta["language"] == "uk" and "not English" in meta["note"]
    assert "Нікополь" in path.read_text(encoding="utf-8")
    assert report.notes and "language uk" in report.notes[0]


def test_file_of_urls_is_read(web: Web, tmp_path: Path):
    listing = tmp_path / "urls.txt"
    listing.write_text(f"# links from the chat\n{web.url('/news/nikopol-shelling')}\n\n{web.url('/missing')}\n",
                       encoding="utf-8")
    out = tmp_path / "articles"
    report = fetch_articles([str(listing)], out, fetcher=make_fetcher())
    assert len(report.written) == 1 and report.failed == [(web.url("/missing"), "HTTP 404 Not Found")]


def test_get_refuses_a_non_http_url():
    with pytest.raises(FetchError, match="not an http"):
        make_fetcher().get("file:///etc/passwd")
