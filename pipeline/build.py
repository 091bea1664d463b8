"""Articles → places, events and oblasts: the whole pipeline and its output folder.

``build_paths`` reads files (a bad file is reported and skipped, the rest processed), and
writes ``places.geojson``, ``events.geojson``, ``oblasts.geojson``, ``events.csv`` and
``articles.jsonl`` as one set (:func:`pipeline.output.writer.write_set`: all new, or all as they
were). A build with no readable article is refused and writes nothing. ``build_articles`` is the
same on texts already in memory (the dashboard's uploads).
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import InputError
from pipeline.events.extract import extract_events, merge_across_articles
from pipeline.geoparse import load_geoparser
from pipeline.output.export import dumps, event_features, events_csv, oblast_features, place_features
from pipeline.output.writer import json_line, write_set
from pipeline.text.articles import Article, decode_article, find_article_files, make_article, read_article
from pipeline.text.validate import collect_rejections

OUTPUT_FILES = ("places.geojson", "events.geojson", "oblasts.geojson", "events.csv", "articles.jsonl")
Progress = Callable[[int, int, str], None]
BATCH_ARTICLES = 200  # articles geoparsed per call (progress is reported after each batch)
BATCH_CHARS = 2_000_000  # ... or fewer, so that progress moves on a few big articles too
PROGRESS_MIN_ARTICLES = 50  # show a progress bar from this many articles ...
PROGRESS_MIN_CHARS = 1_000_000  # ... or this much text (a 10 MB article takes some 20 s)


class NoArticlesError(InputError):
    """Nothing readable to build from: the previous outputs are kept."""

    def __init__(self, message: str, errors: Sequence[str]) -> None:
        super().__init__(message)
        self.errors = list(errors)


@dataclass
class BuildResult:
    """What a build produced, in memory."""

    events: dict
    places: dict
    oblasts: dict
    articles: list[dict]
    errors: list[str] = field(default_factory=list)  # inputs not processed (a file, a folder)
    warnings: list[str] = field(default_factory=list)  # inputs processed with a value ignored, files skipped

    def summary(self) -> str:
        """One line: articles, places, events per type, errors."""
        kinds = Counter(f["properties"]["event_type"] for f in self.events["features"])
        per_type = ", ".join(f"{kinds.get(k, 0)} {k}" for k in ("annexation_claim", "frontline_incident",
                                                                  "casualty_report"))
        return (f"{len(self.articles)} articles, {len(self.places['features'])} places, "
                f"{len(self.events['features'])} events ({per_type}), {len(self.errors)} errors"
                + (f", {len(self.warnings)} warnings" if self.warnings else ""))

    def as_dict(self) -> dict:
        """The result as the dict the dashboard uses."""
        return {"events": self.events, "places": self.places, "oblasts": self.oblasts, "articles": self.articles,
                "errors": self.errors, "warnings": self.warnings}


def read_article_bytes(name: str, data: bytes) -> str:
    """Text of an uploaded file; ``InputError`` with a clear message for a bad one."""
    return decode_article(name, data)


def _batches(articles: Sequence[Article]) -> list[Sequence[Article]]:
    """Consecutive runs of at most ``BATCH_ARTICLES`` articles and (unless one alone) ``BATCH_CHARS``."""
    batches, start, chars = [], 0, 0
    for i, article in enumerate(articles):
        if i > start and (i - start >= BATCH_ARTICLES or chars + len(article.text) > BATCH_CHARS):
            batches.append(articles[start:i])
            start, chars = i, 0
        chars += len(article.text)
    if start < len(articles):
        batches.append(articles[start:])
    return batches


def process(articles: Sequence[Article], *, progress: Progress | None = None) -> BuildResult:
    """Geoparse and extract events from ``articles`` (pure: no file is written).

    Values the validation layer rejects (an implausible date or figure) are ignored and listed
    in ``warnings``, one line per article and value.
    """
    parser = load_geoparser()
    places_by_article: list[tuple[str, list[dict]]] = []
    per_article_events = []
    warnings = [f"{a.name}: {r.message()}" for a in articles for r in a.rejections]
    done, total = 0, len(articles)
    for chunk in _batches(articles):
        for article, places in zip(chunk, parser.parse_many([a.text for a in chunk])):
            places_by_article.append((article.name, places))
            with collect_rejections() as rejected:
                per_article_events.append(extract_events(article.name, article.text, places, article.published))
            warnings += dict.fromkeys(f"{article.name}: {r.message()}" for r in rejected)
        done += len(chunk)
        if progress:
            progress(done, total, chunk[-1].name)
    events = event_features(merge_across_articles(per_article_events))
    places = place_features(places_by_article)
    oblasts = oblast_features(events, places)
    records = [{"article": a.name, "title": a.title, "date": a.published.date, "meta": a.meta, "text": a.text}
               for a in articles]
    return BuildResult(events, places, oblasts, records, warnings=warnings)


def build_articles(articles: Sequence[tuple], *, progress: Progress | None = None) -> dict:
    """``process`` for (name, text) or (name, text, meta) tuples; returns the dashboard's dict (with warnings)."""
    return process([make_article(*item) for item in articles], progress=progress).as_dict()


def _read_all(paths: Sequence[Path]) -> tuple[list[Article], list[str], list[str]]:
    """Articles under ``paths`` with the errors (one line each, naming the file) and skipped files."""
    found = find_article_files([Path(p) for p in paths])
    articles, errors = [], list(found.errors)
    for path, name in found.files:
        try:
            articles.append(read_article(path, name))
        except InputError as exc:
            errors.append(str(exc))
    return articles, errors, found.skipped


def load_articles(paths: Sequence[Path]) -> tuple[list[Article], list[str]]:
    """Read every article file under ``paths``; errors are one line each, naming the file."""
    articles, errors, _ = _read_all(paths)
    return articles, errors


def output_files(result: BuildResult) -> dict[str, str]:
    """The five output files of ``result``, name → text."""
    return {
        "places.geojson": dumps(result.places),
        "events.geojson": dumps(result.events),
        "oblasts.geojson": dumps(result.oblasts),
        "events.csv": events_csv(result.events),
        "articles.jsonl": "".join(json_line(a) for a in result.articles),
    }


def write_outputs(result: BuildResult, out_dir: Path) -> None:
    """Write the output files as one set: all new, or (on any error or signal) all as they were."""
    write_set(Path(out_dir), output_files(result))


def stderr_progress(done: int, total: int, name: str) -> None:
    """A one-line progress bar on stderr."""
    width = 30
    filled = int(width * done / max(total, 1))
    end = "\n" if done >= total else ""
    print(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} articles", end=end, file=sys.stderr, flush=True)


def build_paths(paths: Sequence[Path], out_dir: Path, *, progress: bool = False) -> BuildResult:
    """Read, process and write; a bad file is reported and skipped.

    Raises
    ------
    NoArticlesError
        When no file under ``paths`` gives an article with text: nothing is written, so an empty
        folder or a folder of unreadable files never replaces good outputs.
    """
    articles, errors, skipped = _read_all(paths)
    if not any(a.text.strip() for a in articles):
        shown = ", ".join(str(p) for p in paths)
        reason = f"{len(errors)} could not be read" if errors else "none has any text" if articles else \
            "no .txt, .md or .html files"
        msg = f"no article to build from in {shown} ({reason}); the outputs in {out_dir} are left as they were"
        raise NoArticlesError(msg, errors)
    size = sum(len(a.text) for a in articles)
    show = progress and (len(articles) >= PROGRESS_MIN_ARTICLES or size >= PROGRESS_MIN_CHARS)
    if show and size >= PROGRESS_MIN_CHARS:
        print(f"conflictmap build: geoparsing {size / 1e6:.1f} million characters in {len(articles)} articles ...",
              file=sys.stderr, flush=True)
    result = process(articles, progress=stderr_progress if show else None)
    result.errors = errors
    result.warnings = skipped + result.warnings
    write_outputs(result, out_dir)
    return result
