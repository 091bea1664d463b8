"""Articles → places, events and oblasts: the whole pipeline and its output folder.

``build_paths`` reads files (a bad file is reported and skipped, the rest processed), and
writes ``places.geojson``, ``events.geojson``, ``oblasts.geojson``, ``events.csv`` and
``articles.jsonl`` atomically. ``build_articles`` is the same on texts already in memory
(the dashboard's uploads).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.text.articles import Article, decode_article, find_article_files, make_article, read_article
from pipeline.errors import InputError
from pipeline.events.extract import extract_events, merge_across_articles
from pipeline.output.export import dumps, event_features, events_csv, oblast_features, place_features, write_atomic
from pipeline.geoparse import load_geoparser

OUTPUT_FILES = ("places.geojson", "events.geojson", "oblasts.geojson", "events.csv", "articles.jsonl")
Progress = Callable[[int, int, str], None]


@dataclass
class BuildResult:
    """What a build produced, in memory."""

    events: dict
    places: dict
    oblasts: dict
    articles: list[dict]
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line: articles, places, events per type, errors."""
        kinds = Counter(f["properties"]["event_type"] for f in self.events["features"])
        per_type = ", ".join(f"{kinds.get(k, 0)} {k}" for k in ("annexation_claim", "frontline_incident",
                                                                  "casualty_report"))
        return (f"{len(self.articles)} articles, {len(self.places['features'])} places, "
                f"{len(self.events['features'])} events ({per_type}), {len(self.errors)} errors")

    def as_dict(self) -> dict:
        """The result as the dict the dashboard uses."""
        return {"events": self.events, "places": self.places, "oblasts": self.oblasts, "articles": self.articles,
                "errors": self.errors}


def read_article_bytes(name: str, data: bytes) -> str:
    """Text of an uploaded file; ``InputError`` with a clear message for a bad one."""
    return decode_article(name, data)


def process(articles: Sequence[Article], *, progress: Progress | None = None, batch: int = 200) -> BuildResult:
    """Geoparse and extract events from ``articles`` (pure: no file is written)."""
    parser = load_geoparser()
    places_by_article: list[tuple[str, list[dict]]] = []
    per_article_events = []
    total = len(articles)
    for offset in range(0, total, batch):
        chunk = articles[offset:offset + batch]
        for article, places in zip(chunk, parser.parse_many([a.text for a in chunk])):
            places_by_article.append((article.name, places))
            per_article_events.append(extract_events(article.name, article.text, places, article.published))
        if progress:
            progress(min(offset + batch, total), total, chunk[-1].name)
    events = event_features(merge_across_articles(per_article_events))
    places = place_features(places_by_article)
    oblasts = oblast_features(events, places)
    records = [{"article": a.name, "title": a.title, "date": a.published.date, "meta": a.meta, "text": a.text}
               for a in articles]
    return BuildResult(events, places, oblasts, records)


def build_articles(articles: Sequence[tuple], *, progress: Progress | None = None) -> dict:
    """``process`` for (name, text) or (name, text, meta) tuples; returns the dashboard's dict."""
    return process([make_article(*item) for item in articles], progress=progress).as_dict()


def load_articles(paths: Sequence[Path]) -> tuple[list[Article], list[str]]:
    """Read every article file under ``paths``; errors are one line each, naming the file."""
    articles, errors = [], []
    for path in find_article_files([Path(p) for p in paths]):
        try:
            articles.append(read_article(path))
        except InputError as exc:
            errors.append(str(exc))
    return articles, errors


def write_outputs(result: BuildResult, out_dir: Path) -> None:
    """Write every output file atomically (each file is whole or absent)."""
    out_dir = Path(out_dir)
    write_atomic(out_dir / "places.geojson", dumps(result.places))
    write_atomic(out_dir / "events.geojson", dumps(result.events))
    write_atomic(out_dir / "oblasts.geojson", dumps(result.oblasts))
    write_atomic(out_dir / "events.csv", events_csv(result.events))
    lines = "".join(json.dumps(a, ensure_ascii=False, sort_keys=True) + "\n" for a in result.articles)
    write_atomic(out_dir / "articles.jsonl", lines)


def stderr_progress(done: int, total: int, name: str) -> None:
    """A one-line progress bar on stderr."""
    width = 30
    filled = int(width * done / max(total, 1))
    end = "\n" if done >= total else ""
    print(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} articles", end=end, file=sys.stderr, flush=True)


def build_paths(paths: Sequence[Path], out_dir: Path, *, progress: bool = False) -> BuildResult:
    """Read, process and write; a bad file is reported and skipped."""
    articles, errors = load_articles(paths)
    result = process(articles, progress=stderr_progress if progress and len(articles) >= 50 else None)
    result.errors = errors
    write_outputs(result, out_dir)
    return result
