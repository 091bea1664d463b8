"""Articles → places, events and oblasts: the whole pipeline and its output folder.

``build_paths`` reads files (a bad file is reported and skipped, the rest processed), and
writes ``places.geojson``, ``events.geojson``, ``oblasts.geojson``, ``events.csv``,
``articles.jsonl``, ``events.parquet`` and ``places.parquet`` as one set
(:func:`pipeline.output.writer.write_set`: all new, or all as they were). A build with no
readable article is refused and writes nothing. ``build_articles`` is the same on texts already
in memory (the dashboard's uploads).
"""

from __future__ import annotations

import hashlib
import itertools
import sys
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.errors import InputError
from pipeline.events.extract import merge_across_articles
from pipeline.ingest.extract import NOT_ENGLISH_NOTE, is_english
from pipeline.ingest.syndication import Fingerprint, fingerprint, group_fingerprints
from pipeline.model import Place
from pipeline.output.export import dumps, event_features, events_csv, oblast_features, place_features
from pipeline.output.writer import json_line, write_set
from pipeline.scale.columnar import COLUMNAR_LAYERS, to_geoparquet
from pipeline.scale.corpus import Inputs
from pipeline.scale.run import ProgressBar, Runner, run_articles
from pipeline.scale.run import runner as scale_runner
from pipeline.scale.work import ArticleResult, copy_result
from pipeline.text.articles import Article, decode_article, decode_article_with_meta, make_article

OUTPUT_FILES = ("places.geojson", "events.geojson", "oblasts.geojson", "events.csv", "articles.jsonl",
                "events.parquet", "places.parquet")
Progress = Callable[[int, int, str], None]
BIG_ARTICLE_CHARS = 1_000_000  # an article this long gets its own progress line (10 MB takes some 20 s)


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
    errors: list[str] = field(default_factory=list)  # inputs not processed (a file, a folder, a row)
    warnings: list[str] = field(default_factory=list)  # inputs processed with a value ignored, files skipped
    notes: list[str] = field(default_factory=list)  # not errors: e.g. non-English articles kept but not mapped

    def summary(self) -> str:
        """One line: articles, places, events per type, errors (and warnings, when any)."""
        kinds = Counter(f["properties"]["event_type"] for f in self.events["features"])
        per_type = ", ".join(f"{kinds.get(k, 0)} {k}" for k in ("annexation_claim", "frontline_incident",
                                                                  "casualty_report"))
        return (f"{len(self.articles)} articles, {len(self.places['features'])} places, "
                f"{len(self.events['features'])} events ({per_type}), {len(self.errors)} errors"
                + (f", {len(self.warnings)} warnings" if self.warnings else ""))

    def as_dict(self) -> dict:
        """The result as the dict the dashboard uses."""
        return {"events": self.events, "places": self.places, "oblasts": self.oblasts, "articles": self.articles,
                "errors": self.errors, "warnings": self.warnings, "notes": self.notes}


def read_article_bytes(name: str, data: bytes) -> str:
    """Text of an uploaded file; ``InputError`` with a clear message for a bad one."""
    return decode_article(name, data)


def read_upload(name: str, data: bytes) -> tuple[str, dict]:
    """Text and page metadata (title, date, outlet, url, language) of an uploaded file."""
    return decode_article_with_meta(name, data)


def process(articles: Iterable[Article], *, progress: Progress | None = None, batch: int = 200,
            runner: Runner | None = None) -> BuildResult:
    """Geoparse and extract events from ``articles`` (pure: no file is written).

    The per-article work goes through ``runner`` (``pipeline.scale.run``: serial by default; a fork
    pool, a Dask cluster and/or the incremental store when given); results come back in input
    order, so the merge across articles below gives the same bytes however they were computed.
    Values the validation layer rejected (an implausible date or figure) are listed in ``warnings``.

    The same text twice is geoparsed once. Non-English articles are kept but not mapped (a note
    says so). Syndicated copies (``pipeline.ingest.syndication``) are grouped at merge time only
    (so the per-article results and their store keys do not depend on the other articles): each
    copy stays a source of its events, but copies count as one independent report.
    """
    del batch  # kept for callers; the runner chooses its own batches
    order: list[tuple[Article, str | None]] = []  # every article in input order, with its text's digest
    first_of: dict[str, Article] = {}
    pending: deque[str] = deque()  # digests of the articles handed to the runner, not yet returned
    notes: list[str] = []

    def to_process() -> Iterator[Article]:
        for article in articles:
            if not is_english(article.meta.get("language")):
                notes.append(f"{article.name}: {NOT_ENGLISH_NOTE} (language {article.meta.get('language')})")
                order.append((article, None))
                continue
            digest = hashlib.sha256(article.text.encode("utf-8", "surrogatepass")).hexdigest()
            order.append((article, digest))
            if digest not in first_of:  # the same text twice is processed once
                first_of[digest] = article
                pending.append(digest)
                yield article

    total = len(articles) if isinstance(articles, Sized) else 0
    results: dict[str, ArticleResult] = {}
    for _article, result in (runner or run_articles)(to_process(), progress=progress, total=total):
        results[pending.popleft()] = result  # the runner keeps input order
    fingerprints: list[tuple[str, Fingerprint, str | None]] = []
    for article, digest in order:  # computed in the workers; here only for articles not processed
        fp = results[digest].fingerprint if digest is not None else None
        fingerprints.append((article.name, fp or fingerprint(article.text),
                             article.published.date if article.published.precision == 1 else None))
    groups = group_fingerprints(fingerprints)
    places_by_article: list[tuple[str, list[Place]]] = []
    per_article_events = []
    records, errors, warnings = [], [], []
    for article, digest in order:
        group = article.group or groups.get(article.name)
        records.append({"article": article.name, "title": article.title, "date": article.published.date,
                        "meta": article.meta, "text": article.text, "group": group})
        warnings += dict.fromkeys(f"{article.name}: {r.message()}" for r in article.rejections)
        if digest is None:
            continue
        result = results[digest]
        if first_of[digest] is not article:
            result = copy_result(article, result)
        places_by_article.append((article.name, result.places))
        for event in result.events:
            for source in event.sources:
                source.group = group
        per_article_events.append(result.events)
        if result.error:
            errors.append(result.error)
        warnings += [f"{article.name}: {w}" for w in result.warnings]
    events = event_features(merge_across_articles(per_article_events))
    places = place_features(places_by_article)
    oblasts = oblast_features(events, places)
    return BuildResult(events, places, oblasts, records, errors, warnings, notes)


def build_articles(articles: Sequence[tuple], *, progress: Progress | None = None,
                   data_dir: Path | None = None) -> dict:
    """``process`` for (name, text) or (name, text, meta) tuples; returns the dashboard's dict.

    With ``data_dir`` (a build output folder) the article store there is used: only new or changed
    articles are processed, the others come from the store, then everything is merged again.
    """
    items = [make_article(*item) for item in articles]
    if data_dir is None:
        return process(items, progress=progress).as_dict()
    with scale_runner(jobs=1, store_dir=data_dir) as runner:
        return process(items, progress=progress, runner=runner).as_dict()


def load_articles(paths: Sequence[Path]) -> tuple[list[Article], list[str]]:
    """Read every article file under ``paths``; errors are one line each, naming the file."""
    inputs = Inputs([Path(p) for p in paths])
    articles = list(inputs)
    return articles, inputs.errors


def output_files(result: BuildResult) -> dict[str, str | bytes]:
    """Every output file of ``result``, name → content."""
    files: dict[str, str | bytes] = {
        "places.geojson": dumps(result.places),
        "events.geojson": dumps(result.events),
        "oblasts.geojson": dumps(result.oblasts),
        "events.csv": events_csv(result.events),
        "articles.jsonl": "".join(json_line(a) for a in result.articles),
    }
    for layer in COLUMNAR_LAYERS:
        files[f"{layer}.parquet"] = to_geoparquet(getattr(result, layer))
    return files


def write_outputs(result: BuildResult, out_dir: Path) -> None:
    """Write the output files as one set: all new, or (on any error or signal) all as they were."""
    write_set(Path(out_dir), output_files(result))


def stderr_progress(done: int, total: int, name: str) -> None:
    """A one-line progress bar on stderr."""
    width = 30
    filled = int(width * done / max(total, 1))
    end = "\n" if done >= total else ""
    print(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} articles", end=end, file=sys.stderr, flush=True)


def _announce_big(articles: Iterable[Article]) -> Iterator[Article]:
    """The articles, with a line on stderr before each big one (its work is silent for a while)."""
    for article in articles:
        if len(article.text) >= BIG_ARTICLE_CHARS:
            print(f"conflictmap build: geoparsing {article.name} ({len(article.text) / 1e6:.1f} million "
                  "characters) ...", file=sys.stderr, flush=True)
        yield article


def build_paths(paths: Sequence[Path], out_dir: Path, *, progress: bool = False, jobs: int | None = 1,
                dask: str | None = None, incremental: bool = False) -> BuildResult:
    """Read, process and write; a bad file or row is reported and skipped.

    ``paths`` are article files, folders of them, or JSONL / CSV / Parquet corpora (streamed).
    ``jobs`` worker processes (None: every core) or a Dask scheduler address ``dask`` run the
    per-article work; ``incremental`` keeps per-article results in a store in ``out_dir`` and
    processes only new or changed articles.

    Raises
    ------
    NoArticlesError
        When no input gives an article with text: nothing is written, so an empty folder or a
        folder of unreadable files never replaces good outputs.
    """
    inputs = Inputs([Path(p) for p in paths])
    if not inputs.files and not inputs.corpora:
        raise _nothing_to_build(paths, out_dir, inputs.errors, "no .txt, .md or .html files")
    stream: Iterable[Article] = _until_text(iter(inputs))
    if stream is None:  # checked before any work and before the store is opened in ``out_dir``
        reason = f"{len(inputs.errors)} could not be read" if inputs.errors else "none has any text"
        raise _nothing_to_build(paths, out_dir, inputs.errors, reason)
    bar = ProgressBar() if progress else None
    stream = _announce_big(stream) if progress else stream
    with scale_runner(jobs=jobs, dask=dask, store_dir=Path(out_dir) if incremental else None) as runner:
        result = process(_Counted(stream, inputs.total()) if progress else stream, progress=bar, runner=runner)
    if bar:
        bar.close()
    result.errors = inputs.errors + result.errors
    result.warnings = inputs.skipped + result.warnings
    write_outputs(result, out_dir)
    return result


def _until_text(articles: Iterator[Article]) -> Iterator[Article] | None:
    """``articles`` again, once one with text has been read; None when none has any."""
    seen: list[Article] = []
    for article in articles:
        seen.append(article)
        if article.text.strip():
            return itertools.chain(seen, articles)
    return None


def _nothing_to_build(paths: Sequence[Path], out_dir: Path, errors: list[str], reason: str) -> NoArticlesError:
    shown = ", ".join(str(p) for p in paths)
    msg = f"no article to build from in {shown} ({reason}); the outputs in {out_dir} are left as they were"
    return NoArticlesError(msg, errors)


class _Counted:
    """An iterable with a known length (for the progress bar's total), read lazily."""

    def __init__(self, items: Iterable, total: int | None) -> None:
        self.items, self.total = items, total

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return self.total or 0
