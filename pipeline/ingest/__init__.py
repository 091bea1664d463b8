"""From the web to articles: polite fetching, main-text extraction, syndication.

- ``fetch``: URLs, RSS/Atom feeds and files of URLs → ``NAME.txt`` + ``NAME.txt.meta.json``
  in an articles folder, politely (robots.txt, per-host rate limit, retries, size cap).
- ``extract``: the main text and metadata of one HTML page (trafilatura).
- ``syndication``: near-duplicate grouping, so a wire story reprinted by several sites
  counts as one independent report.
"""

from __future__ import annotations

from pipeline.ingest.extract import Extracted, NotAnArticleError, extract_html
from pipeline.ingest.fetch import FetchReport, Fetcher, fetch_articles
from pipeline.ingest.syndication import syndication_groups

__all__ = ["Extracted", "FetchReport", "Fetcher", "NotAnArticleError", "extract_html", "fetch_articles",
           "syndication_groups"]
