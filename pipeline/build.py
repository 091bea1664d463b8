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
from collections.abc import Callable, Iterable, Sequence, Sized
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.text.articles import Article, decode_article, find_article_files, make_article, read_article
from pipeline.errors import InputError
from pipeline.events.extract import extract_events, merge_across_articles
from pipeline.output.export import dumps, event_features, events_csv, oblast_features, place_features, write_atomic
from pipeline.scale.columnar import write_columnar
from pipeline.scale.corpus import Inputs
from pipeline.scale.run import ProgressBar, Runner, run_articles
from pipeline.scale.run import runner as scale_runner

OUTPUT_FILES = ("places.geojson", "events.geojson", "oblasts.geojson", "events.csv", "articles.jsonl",
                "events.parquet", "places.parquet")
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


def process(articles: Iterable[Article], *, progress: Progress | None = None, batch: int = 200,
            runner: Runner | None = None) -> BuildResult:
    """Geoparse and extract events from ``articles`` (pure: no file is written).

    The per-article work goes through ``runner`` (``pipeline.scale.run``: serial by default; a fork
    pool, a Dask cluster and/or the incremental store when given); results come back in input
    order, so the merge across articles below gives the same bytes however they were computed.
    """
    del batch  # kept for callers; the runner chooses its own batches
    places_by_article: list[tuple[str, list[dict]]] = []
    per_article_events = []
    records, errors = [], []
    total = len(articles) if isinstance(articles, Sized) else 0
    for article, result in (runner or run_articles)(articles, progress=progress, total=total):
        places_by_article.append((article.name, result.places))
        per_article_events.append(result.events)
        if result.error:
            errors.append(result.error)
        records.append({"article": article.name, "title": article.title, "date": article.published.date,
                        "meta": article.meta, "text": article.text})
    events = event_features(merge_across_articles(per_article_events))
    places = place_features(places_by_article)
    oblasts = oblast_features(events, places)
    return BuildResult(events, places, oblasts, records, errors)


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


def build_paths(paths: Sequence[Path], out_dir: Path, *, progress: bool = False, jobs: int | None = 1,
                dask: str | None = None, incremental: bool = False) -> BuildResult:
    """Read, process and write; a bad file or row is reported and skipped.

    ``paths`` are article files, folders of them, or JSONL / CSV / Parquet corpora (streamed).
    ``jobs`` worker processes (None: every core) or a Dask scheduler address ``dask`` run the
    per-article work; ``incremental`` keeps per-article results in a store in ``out_dir`` and
    processes only new or changed articles.
    """
    inputs = Inputs([Path(p) for p in paths])
    bar = ProgressBar() if progress else None
    with scale_runner(jobs=jobs, dask=dask, store_dir=Path(out_dir) if incremental else None) as runner:
        result = process(_Counted(inputs, inputs.total()) if progress else inputs, progress=bar, runner=runner)
    if bar:
        bar.close()
    result.errors = inputs.errors + result.errors
    write_outputs(result, out_dir)
    write_columnar(result, out_dir)
    return result


class _Counted:
    """An iterable with a known length (for the progress bar's total), read lazily."""

    def __init__(self, items: Iterable, total: int | None) -> None:
        self.items, self.total = items, total

    def __iter__(self):
        return iter(self.items)

    def __len__(self) -> int:
        return self.total or 0
