"""A small news web on 127.0.0.1 for the ingest tests: pages the tests write themselves.

``web`` is a ``ThreadingHTTPServer`` in a thread answering from ``ROUTES``: news-site pages
with navigation, cookie banners, related-links and newsletter boxes, a date only in
metadata (``article:published_time`` or JSON-LD), an RSS feed, a robots.txt that
disallows ``/private/``, a 404, a redirect, a page slower than the client time-out, a
binary file served as ``text/html``, a 20 MB page, a Ukrainian page, a home page with no
article, and one wire story carried by two "sites" (two path prefixes) lightly edited.
Nothing touches the internet.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

SLOW_SECONDS = 3.0
CLIENT_TIMEOUT = 0.5

NAV = """<header><nav class="menu"><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/tag/odesa">Odesa</a></li><li><a href="/tag/lviv">Lviv</a></li><li><a href="/tag/kherson">Kherson</a></li>
<li><a href="/subscribe">Subscribe</a></li></ul></nav></header>"""
COOKIES = """<div id="cookie-banner" class="cookie-consent"><p>We use cookies to improve your experience on
our site in Mariupol and everywhere else. By continuing you accept our cookie policy.</p>
<button>Accept all cookies</button></div>"""
RELATED = """<aside class="related-links"><h3>Related coverage</h3><ul>
<li><a href="/news/lviv-power">Power cuts return to Lviv after overnight strikes</a></li>
<li><a href="/news/odesa-port">Odesa port reopens to grain ships</a></li></ul></aside>"""
NEWSLETTER = """<div class="newsletter-signup"><h3>Sign up for our newsletter</h3><p>The best of our Kherson
reporting, every morning in your inbox.</p><form><input type="email"><button>Subscribe</button></form></div>"""
FOOTER = """<footer class="site-footer"><p>© 2023 Example Herald. All rights reserved. Offices in Vinnytsia
and Chernihiv.</p><a href="/about">About us</a> <a href="/privacy">Privacy</a></footer>"""

# lines that must never reach an extracted text (they name places, so they would be mapped)
BOILERPLATE_LINES = ("Home", "Subscribe", "We use cookies", "Accept all cookies", "Related coverage",
                     "Power cuts return to Lviv", "Odesa port reopens", "Sign up for our newsletter",
                     "The best of our Kherson", "All rights reserved", "About us", "Privacy")


def news_page(*, title: str, site: str, paragraphs: list[str], head: str = "", lang: str = "en",
              canonical: str | None = None) -> str:
    """A news-site page: navigation, cookie banner, article, related box, newsletter box, footer."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    return f"""<!doctype html><html lang="{lang}"><head><meta charset="utf-8">
<title>{title} | {site}</title><meta property="og:site_name" content="{site}">
<meta property="og:title" content="{title}">{link}{head}
<script>window.dataLayer = ["Kyiv", "Dnipro"];</script><style>.menu {{ color: red }}</style></head>
<body>{COOKIES}{NAV}<main><article><h1>{title}</h1><div class="byline">By Staff Reporter</div>
<div class="article-body">{body}</div></article>{RELATED}{NEWSLETTER}</main>{FOOTER}</body></html>"""


NIKOPOL = [
    "Russian forces shelled the city of Nikopol overnight, damaging a school and three apartment blocks, "
    "the regional governor said on Friday morning.",
    "Two people were injured in the attack on the town, which lies across the Dnipro river from the "
    "Zaporizhzhia nuclear power plant, according to the governor's statement on social media.",
    "Emergency crews worked through the night to put out fires in the residential districts, and power "
    "was cut to several thousand homes in the area until early afternoon.",
]
KUPIANSK = [
    "Ukrainian troops repelled an assault near Kupiansk in the Kharkiv region, the general staff said in "
    "its evening update, adding that the fighting had lasted for most of the day.",
    "Officials said that civilians were being evacuated from villages east of the Oskil river as the "
    "shelling intensified, and that buses would run again on Monday.",
]
WIRE = [
    "KYIV (Wire) - A Russian missile strike on the city of Dnipro killed at least twelve people and wounded "
    "dozens more on Saturday, Ukrainian officials said, as rescue workers searched the rubble of a "
    "nine-storey apartment building.",
    "The regional governor said that the missile hit the residential building in the afternoon, when "
    "many families were at home, and that the number of dead was likely to rise as the search went on.",
    "Ukraine's air force said the strike was carried out with a heavy anti-ship missile that its air "
    "defences were unable to intercept, and President Volodymyr Zelenskiy called for more weapons.",
    "Russia did not immediately comment on the strike. Moscow denies targeting civilians in what it "
    "calls a special military operation, although thousands of civilians have been killed since the war began.",
    "The attack came as Western allies debated sending battle tanks to Ukraine ahead of a meeting of "
    "defence ministers at the Ramstein air base in Germany next week.",
]
WIRE_EDITED = [
    WIRE[0].replace("at least twelve people", "at least 12 people"),
    WIRE[1],
    WIRE[2].replace("called for more weapons", "renewed his call for more air defence systems"),
    WIRE[3],
]
UKRAINIAN = [
    "Російські війська вночі обстріляли Нікополь, пошкоджено школу і три житлові будинки, повідомив голова "
    "обласної військової адміністрації.",
    "Двоє людей отримали поранення, рятувальники всю ніч гасили пожежі у житлових кварталах міста.",
]


@dataclass(frozen=True)
class Expected:
    """What extraction must find on a page."""

    title: str
    date: str
    words: tuple[str, ...]


EXPECTED = {
    "/news/nikopol-shelling": Expected("Russian shelling damages school in Nikopol", "2023-03-10",
                                       ("Nikopol", "Emergency crews")),
    "/news/kupiansk-assault": Expected("Ukraine repels assault near Kupiansk", "2023-02-14",
                                       ("Kupiansk", "Oskil")),
    "/a/world/dnipro-strike": Expected("Russian missile strike on Dnipro apartment block kills 12", "2023-01-14",
                                       ("Dnipro", "Ramstein")),
    "/b/europe/dnipro-missile": Expected("Dnipro strike: death toll rises as rescuers search rubble", "2023-01-14",
                                         ("Dnipro", "air defence systems")),
}


def _routes() -> dict[str, tuple[int, dict[str, str], bytes]]:
    html = {"Content-Type": "text/html; charset=utf-8"}
    routes: dict[str, tuple[int, dict[str, str], bytes]] = {}

    def page(path: str, markup: str) -> None:
        routes[path] = (200, html, markup.encode("utf-8"))

    e = EXPECTED["/news/nikopol-shelling"]
    page("/news/nikopol-shelling", news_page(
        title=e.title, site="Example Herald", paragraphs=NIKOPOL,
        head='<meta property="article:published_time" content="2023-03-10T07:45:00+02:00">'))
    e = EXPECTED["/news/kupiansk-assault"]
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": e.title,
          "datePublished": "2023-02-14T18:30:00Z", "publisher": {"@type": "Organization", "name": "Example Herald"}}
    page("/news/kupiansk-assault", news_page(
        title=e.title, site="Example Herald", paragraphs=KUPIANSK,
        head=f'<script type="application/ld+json">{json.dumps(ld)}</script>'))
    wire_date = '<meta property="article:published_time" content="2023-01-14T16:10:00Z">'
    page("/a/world/dnipro-strike", news_page(
        title=EXPECTED["/a/world/dnipro-strike"].title, site="Daily Alpha", paragraphs=WIRE, head=wire_date))
    page("/b/europe/dnipro-missile", news_page(
        title=EXPECTED["/b/europe/dnipro-missile"].title, site="Beta Times", paragraphs=WIRE_EDITED,
        head=wire_date))
    # the same page under two URLs, no canonical link: the same text, written once
    copy = news_page(title="Ukraine repels assault near Kupiansk", site="Mirror Post", paragraphs=KUPIANSK,
                     head='<meta property="article:published_time" content="2023-02-14T19:00:00Z">')
    page("/mirror/kupiansk", copy)
    page("/mirror/kupiansk-amp", copy)
    page("/ua/nikopol", news_page(title="Обстріл Нікополя: пошкоджено школу", site="Приклад", lang="uk",
                                  paragraphs=UKRAINIAN,
                                  head='<meta property="article:published_time" content="2023-03-10T08:00:00Z">'))
    page("/private/secret-report", news_page(title="Secret", site="Example Herald", paragraphs=NIKOPOL))
    page("/", f"<!doctype html><html><head><title>Example Herald</title></head><body>{NAV}{FOOTER}</body></html>")
    routes["/robots.txt"] = (200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /private/\n")
    routes["/old/nikopol"] = (301, {"Location": "/news/nikopol-shelling"}, b"")
    routes["/image.png"] = (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    routes["/binary-as-html"] = (200, html, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 40)
    items = "".join(
        f"<item><title>{EXPECTED[p].title}</title><link>{{base}}{p}</link>"
        f"<pubDate>Fri, 10 Mar 2023 06:00:00 GMT</pubDate></item>"
        for p in ("/news/nikopol-shelling", "/news/kupiansk-assault"))
    routes["/feed.xml"] = (200, {"Content-Type": "application/rss+xml; charset=utf-8"},
                           ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                            f"<title>Example Herald</title><link>{{base}}/</link>{items}</channel></rss>")
                           .encode("utf-8"))
    return routes


@dataclass
class Web:
    """The running server: its base URL, routes and a log of (path, user agent) requests."""

    base: str
    routes: dict[str, tuple[int, dict[str, str], bytes]]
    log: list[tuple[str, str]] = field(default_factory=list)

    def url(self, path: str) -> str:
        """Absolute URL of ``path`` on this server."""
        return self.base + path

    def hits(self, path: str) -> int:
        """How many times ``path`` was requested."""
        return sum(1 for p, _ua in self.log if p == path)


def _handler(web: Web) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # keep the test output clean
            pass

        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            web.log.append((self.path, self.headers.get("User-Agent", "")))
            try:
                if self.path == "/slow":
                    time.sleep(SLOW_SECONDS)
                    self._send(200, {"Content-Type": "text/html"}, b"<html><body><p>late</p></body></html>")
                elif self.path == "/huge":
                    self._huge()
                elif self.path == "/flaky":
                    self._send(503, {"Retry-After": "1"}, b"busy")
                elif self.path in web.routes:
                    status, headers, body = web.routes[self.path]
                    self._send(status, headers, body.replace(b"{base}", web.base.encode()))
                else:
                    self._send(404, {"Content-Type": "text/html"}, b"<html><body>Not found</body></html>")
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (time-out, size limit): expected

        def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _huge(self) -> None:
            # 20 MB of paragraphs, streamed without Content-Length: only reading reveals the size
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<html><body>")
            chunk = b"<p>" + b"Shelling was reported near Bakhmut again today. " * 40 + b"</p>\n"
            for _ in range(20_000_000 // len(chunk)):
                self.wfile.write(chunk)
            self.wfile.write(b"</body></html>")

    return Handler


@pytest.fixture()
def web() -> Iterator[Web]:
    """A fresh news web on 127.0.0.1 (a new port per test)."""
    state = Web(base="", routes=_routes())
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state))
    server.daemon_threads = True
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
