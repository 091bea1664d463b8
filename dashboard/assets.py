"""Point folium maps at the vendored browser assets instead of public CDNs.

Two ways out of a folium map:

- In the Streamlit app, :func:`served_html` renders the page with every ``default_js`` /
  ``default_css`` link of the map and its children rewritten (:func:`localize`) to
  ``/app/static/vendor/...``, served by Streamlit's static file serving
  (``server.enableStaticServing``) from ``dashboard/static``; the browser caches them.
- For the standalone HTML export, :func:`standalone_html` inlines every script and
  stylesheet, with the images and fonts they reference as ``data:`` URIs, so the
  file works from a ``file://`` URL with no network.

conflictmap's own script and stylesheet (``static/conflictmap/map.js``, ``map.css``) are
linked by their path below ``dashboard/static`` and served or inlined the same way.
Other links are matched on their file name (see ``LOCAL_ASSETS``); a CDN link with no
local copy is dropped, never left in the page (``DROPPED_ASSETS`` lists the ones
known to be unused). Vendored files come from ``python -m dashboard.vendor_assets``.
"""

from __future__ import annotations

import base64
import mimetypes
import re
import warnings
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import folium
from branca.element import Element

STATIC_DIR = Path(__file__).resolve().parent / "static"
STATIC_URL = "/app/static"
"""URL prefix of Streamlit's static file serving for files in ``dashboard/static``."""

LOCAL_ASSETS: dict[str, str] = {
    "leaflet.js": "vendor/leaflet/leaflet.js",
    "leaflet.css": "vendor/leaflet/leaflet.css",
    "jquery-3.7.1.min.js": "vendor/jquery/jquery-3.7.1.min.js",
    "bootstrap.bundle.min.js": "vendor/bootstrap/bootstrap.bundle.min.js",
    "bootstrap.min.css": "vendor/bootstrap/bootstrap.min.css",
    "all.min.css": "vendor/fontawesome/css/all.min.css",
    "leaflet.awesome-markers.js": "vendor/awesome-markers/leaflet.awesome-markers.js",
    "leaflet.awesome-markers.css": "vendor/awesome-markers/leaflet.awesome-markers.css",
    "leaflet.awesome.rotate.min.css": "vendor/folium/leaflet.awesome.rotate.min.css",
    "leaflet.markercluster.js": "vendor/markercluster/leaflet.markercluster.js",
    "MarkerCluster.css": "vendor/markercluster/MarkerCluster.css",
    "MarkerCluster.Default.css": "vendor/markercluster/MarkerCluster.Default.css",
    "leaflet.pattern.js": "vendor/pattern/leaflet.pattern.js",
}
"""File name at the end of a CDN link -> path below ``dashboard/static``."""

DROPPED_ASSETS: frozenset[str] = frozenset({"bootstrap-glyphicons.css"})
"""CDN files folium links that conflictmap's maps never use."""

NOT_INLINED: frozenset[str] = frozenset(
    {"fa-brands-400.woff2", "fa-regular-400.woff2", "fa-v4compatibility.woff2"}
)
"""Fonts left out of standalone pages: the maps use Font Awesome's solid icons only."""

_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
_SCRIPT_SRC = re.compile(r'<script src="([^"]+)"></script>')
_LINK_HREF = re.compile(r'<link rel="stylesheet" href="([^"]+)"/>')


def local_path(url: str) -> str | None:
    """Return the path below ``dashboard/static`` of the local copy of a CDN link.

    Parameters
    ----------
    url
        A link from an element's ``default_js`` or ``default_css``.

    Returns
    -------
    str or None
        The relative path, or None when the link is known to be unused.

    Raises
    ------
    KeyError
        If the link has no local copy and is not known to be unused.
    """
    parts = urlsplit(url)
    if not parts.scheme and not parts.netloc and (STATIC_DIR / parts.path).is_file():
        return parts.path  # conflictmap's own files, already a path below dashboard/static
    name = parts.path.rsplit("/", 1)[-1]
    if name in DROPPED_ASSETS:
        return None
    if name not in LOCAL_ASSETS:
        msg = f"no vendored copy of {url!r}; add it to dashboard/vendor_assets.py"
        raise KeyError(msg)
    return LOCAL_ASSETS[name]


def _walk(element: Element) -> Iterator[Element]:
    yield element
    for child in element._children.values():
        yield from _walk(child)


def _localized_links(links: list[tuple[str, str]], base_url: str) -> list[tuple[str, str]]:
    out = []
    for name, url in links:
        if url.startswith(base_url):
            out.append((name, url))
            continue
        try:
            path = local_path(url)
        except KeyError as err:
            warnings.warn(str(err), stacklevel=3)
            continue
        if path is not None:
            out.append((name, f"{base_url}/{path}"))
    return out


def localize(m: folium.Map, *, base_url: str = STATIC_URL) -> folium.Map:
    """Rewrite the asset links of a map and all its children to local copies.

    Parameters
    ----------
    m
        The map; changed in place.
    base_url
        URL (or path) under which ``dashboard/static`` is reachable.

    Returns
    -------
    folium.Map
        The same map, for chaining.
    """
    base_url = base_url.rstrip("/")
    for element in _walk(m):
        for attr in ("default_js", "default_css"):
            links = getattr(element, attr, None)
            if links:
                setattr(element, attr, _localized_links(list(links), base_url))
    return m


def served_html(m: folium.Map, *, base_url: str = STATIC_URL) -> str:
    """Render a map as an HTML page whose scripts and stylesheets come from ``base_url``.

    Parameters
    ----------
    m
        The map; its asset links are rewritten in place.
    base_url
        URL (or path) under which ``dashboard/static`` is reachable.
    """
    localize(m, base_url=base_url)
    return m.get_root().render()


@lru_cache(maxsize=64)
def _data_uri(path: Path) -> str:
    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if path.suffix == ".woff2":
        mime = "font/woff2"
    encoded = base64.b64encode(path.read_bytes()).decode("ascii")
    return f"data:{mime};base64,{encoded}"


@lru_cache(maxsize=32)
def inline_css(relative: str) -> str:
    """Return a vendored stylesheet with the files it references as ``data:`` URIs.

    Parameters
    ----------
    relative
        Path of the stylesheet below ``dashboard/static``.
    """
    css_path = STATIC_DIR / relative
    css = css_path.read_text(encoding="utf-8")

    def _replace(match: re.Match[str]) -> str:
        target = match.group(2)
        if target.startswith(("data:", "#")):
            return match.group(0)
        resolved = (css_path.parent / target).resolve()
        if not resolved.is_file() or resolved.name in NOT_INLINED:
            return "url(data:,)"
        return f'url("{_data_uri(resolved)}")'

    return _CSS_URL.sub(_replace, css)


@lru_cache(maxsize=32)
def inline_js(relative: str) -> str:
    """Return a vendored script, safe to put between ``<script>`` tags."""
    js = (STATIC_DIR / relative).read_text(encoding="utf-8")
    return js.replace("</script", "<\\/script")


_INLINE_PREFIX = "conflictmap-inline:"


def standalone_html(m: folium.Map) -> str:
    """Render a map as one self-contained HTML page that needs no network.

    Parameters
    ----------
    m
        The map; its asset links are rewritten in place.

    Returns
    -------
    str
        The page, with every script and stylesheet inlined.
    """
    localize(m, base_url=_INLINE_PREFIX)
    page = m.get_root().render()

    def _script(match: re.Match[str]) -> str:
        src = match.group(1)
        if not src.startswith(_INLINE_PREFIX):
            return ""
        return f"<script>{inline_js(src[len(_INLINE_PREFIX) + 1 :])}</script>"

    def _style(match: re.Match[str]) -> str:
        href = match.group(1)
        if not href.startswith(_INLINE_PREFIX):
            return ""
        return f"<style>{inline_css(href[len(_INLINE_PREFIX) + 1 :])}</style>"

    page = _SCRIPT_SRC.sub(_script, page)
    return _LINK_HREF.sub(_style, page)
