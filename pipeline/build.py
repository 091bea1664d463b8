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
import json
import sys
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path

from pipeline.errors import InputError
from pipeline.ingest.extract import NOT_ENGLISH_NOTE, is_english
from pipeline.ingest.syndication import fingerprint
from pipeline.output.export import dumps, events_csv
from pipeline.output.writer import json_line, write_set
from pipeline.scale.columnar import COLUMNAR_LAYERS, to_geoparquet
from pipeline.scale.corpus import InputChanged, Inputs
from pipeline.scale.digests import CodeMap, HexDigests, RawDigests
from pipeline.scale.fold import BuildFold
from pipeline.scale.heap import HeapDamaged
from pipeline.scale.memory import TRIM_EVERY, release_free_memory
from pipeline.scale.run import ProgressBar, Runner, run_articles
from pipeline.scale.run import runner as scale_runner
from pipeline.scale.spool import ObjectSpool
from pipeline.scale.store import FOLD_NAME, article_key, pipeline_version
from pipeline.scale.work import ArticleResult, copy_result, geoparser, idle_pool
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


class BuildResult:
    """What a build produced: the output files' contents, and their layers as dicts (parsed when asked for)."""

    def __init__(self, events: dict | None = None, places: dict | None = None, oblasts: dict | None = None,
                 articles: list[dict] | None = None, errors: list[str] | None = None,
                 warnings: list[str] | None = None, notes: list[str] | None = None, *,
                 files: dict[str, str | bytes] | None = None, counts: dict[str, int] | None = None) -> None:
        self._events, self._places, self._oblasts, self._articles = events, places, oblasts, articles
        self.errors = list(errors or [])  # inputs not processed (a file, a folder, a row)
        self.warnings = list(warnings or [])  # inputs processed with a value ignored, files skipped
        self.notes = list(notes or [])  # not errors: e.g. non-English articles kept but not mapped
        self.files = files  # output name -> content, when the build rendered them (else made from the dicts)
        self.counts = counts  # articles, places and events per type, when known without parsing

    def _parsed(self, attr: str, name: str) -> dict:
        if getattr(self, attr) is None and self.files is not None:
            setattr(self, attr, json.loads(_text(self.files[name])))
        return getattr(self, attr)

    @property
    def events(self) -> dict:
        """``events.geojson`` as a dict."""
        return self._parsed("_events", "events.geojson")

    @property
    def places(self) -> dict:
        """``places.geojson`` as a dict."""
        return self._parsed("_places", "places.geojson")

    @property
    def oblasts(self) -> dict:
        """``oblasts.geojson`` as a dict."""
        return self._parsed("_oblasts", "oblasts.geojson")

    @property
    def articles(self) -> list[dict]:
        """The ``articles.jsonl`` records."""
        if self._articles is None and self.files is not None:
            self._articles = [json.loads(line) for line in _text(self.files["articles.jsonl"]).splitlines()]
        return self._articles or []

    def summary(self) -> str:
        """One line: articles, places, events per type, errors (and warnings, when any)."""
        if self.counts is not None:
            counts = self.counts
        else:
            counts = Counter(f["properties"]["event_type"] for f in self.events["features"])
            counts.update(articles=len(self.articles), places=len(self.places["features"]),
                          events=len(self.events["features"]))
        per_type = ", ".join(f"{counts.get(k, 0)} {k}" for k in ("annexation_claim", "frontline_incident",
                                                                   "casualty_report"))
        return (f"{counts['articles']} articles, {counts['places']} places, "
                f"{counts['events']} events ({per_type}), {len(self.errors)} errors"
                + (f", {len(self.warnings)} warnings" if self.warnings else ""))

    def as_dict(self) -> dict:
        """The result as the dict the dashboard uses."""
        return {"events": self.events, "places": self.places, "oblasts": self.oblasts, "articles": self.articles,
                "errors": self.errors, "warnings": self.warnings, "notes": self.notes}


def _text(data: str | bytes | Path) -> str:
    if isinstance(data, Path):
        return data.read_text(encoding="utf-8")
    return data.decode("utf-8") if isinstance(data, bytes) else data


def read_article_bytes(name: str, data: bytes) -> str:
    """Text of an uploaded file; ``InputError`` with a clear message for a bad one."""
    return decode_article(name, data)


def read_upload(name: str, data: bytes) -> tuple[str, dict]:
    """Text and page metadata (title, date, outlet, url, language) of an uploaded file."""
    return decode_article_with_meta(name, data)


def process(articles: Iterable[Article], *, progress: Progress | None = None, batch: int = 200,
            runner: Runner | None = None, fold: BuildFold | None = None, previous: Path | None = None,
            skipped: int = 0) -> BuildResult:
    """Geoparse and extract events from ``articles`` (pure: no file is written).

    The per-article work goes through ``runner`` (``pipeline.scale.run``: serial by default; a fork
    pool, a Dask cluster and/or the incremental store when given); results come back in input
    order, and the cross-article part is a fold over the articles in input order
    (:mod:`pipeline.scale.fold`), so every output byte is the same however they were computed.
    With the ``fold`` of a previous build whose input this one extends, only the new articles are
    processed and folded (``previous``: the folder of that build's outputs); the result's ``fold``
    is the one to keep; ``skipped``: how many of the fold's first articles the caller passed over
    unread because their input rows are unchanged (``InputChanged`` when the fold cannot resume
    from them: call again with every article). Values the validation layer rejected (an implausible date or figure) are
    listed in ``warnings``.

    The same text twice is geoparsed once. Non-English articles are kept but not mapped (a note
    says so). Syndicated copies (``pipeline.ingest.syndication``) are grouped at merge time only
    (so the per-article results and their store keys do not depend on the other articles): each
    copy stays a source of its events, but copies count as one independent report.
    """
    del batch  # kept for callers; the runner chooses its own batches
    run = runner or run_articles
    items = ObjectSpool()  # every article in input order, with its text's digest (on disk: not the corpus in memory)
    digests = RawDigests()  # SHA-256 of each text (None: not English), 32 bytes each in one array
    keys = HexDigests()  # 32 bytes per article, not a string
    for article in articles:
        english = is_english(article.meta.get("language"))
        digest = hashlib.sha256(article.text.encode("utf-8", "surrogatepass")).digest() if english else None
        items.append((article, digest))
        digests.append(digest)
        keys.append(article_key(article))
    try:
        return _fold_items(run, items, digests, keys, progress, fold, previous, skipped)
    finally:
        items.close()


def _fold_items(run: Runner, items: ObjectSpool, digests: RawDigests, keys: HexDigests,
                progress: Progress | None, fold: BuildFold | None, previous: Path | None,
                skipped: int) -> BuildResult:
    if skipped:  # the first ``skipped`` articles are the fold's own, passed over unread (their rows unchanged)
        if fold is None or skipped != len(fold.keys):
            raise InputChanged("the rows passed over are not those of the kept fold")
        keys = fold.keys + keys
    if fold is not None and keys == fold.keys and fold.intact(previous):
        return _unchanged(fold, previous)  # nothing new and every file as written: nothing to do
    start = len(fold.keys) if fold is not None and fold.resumes(keys, previous) else 0
    if start and any(fold.repeats(digest) for digest in islice(digests, start - skipped, None) if digest is not None):
        start = 0  # a new article repeats an old one's text: its result is not at hand, fold everything
    groups: dict[str, str] | None = None  # every article's group, when a merge needs it (None: none needed)
    merged_with: array | None = None  # a fold from scratch merged in the first pass: each article's group then
    if start:
        fold.pool = getattr(run, "mapper", None)  # its idle workers make the places parts
        results, _merged = _first_pass(run, items, digests, start - skipped, progress, fold)
        groups = fold.grouping.groups()
        if any(groups[name] != fold.groups.get(name, name) for name in islice(fold.grouping.names, start)):
            results.close()
            start = 0  # the new articles join old syndication groups: the old articles merge otherwise
    if not start:
        if skipped:
            raise InputChanged("the kept fold does not resume: every article is needed")
        fold = BuildFold(previous)
        fold.pool = getattr(run, "mapper", None)
        results, merged_with = _first_pass(run, items, digests, 0, progress, fold, keys=keys)
        regrouped = fold.grouping.regrouped or not _distinct(fold.grouping.names)
        groups = fold.grouping.groups() if merged_with is None or regrouped else None
    assert fold is not None
    if merged_with is not None and groups is not None:  # merged already: only the regrouped articles' events again
        names = fold.grouping.names
        changed = {position for position, (root, name) in enumerate(zip(merged_with, names))
                   if root >= 0 and (name if root == position else names[root]) != groups[name]}
        if changed:
            fold.regroup(zip((article for article, _digest in items.read()), results.read()), changed,
                         lambda article: article.group or groups.get(article.name))
    elif groups is not None:  # the second pass: every article merged with its final group
        for n, ((article, digest), key, result) in enumerate(zip(items.read(start - skipped),
                                                                 islice(keys, start, None), results.read())):
            _fold_one(fold, article, key, digest, result and result.with_events(), groups.get(article.name))
            if n % TRIM_EVERY == TRIM_EVERY - 1:
                release_free_memory()  # freed, not held: the parent's resident memory stays that of what it holds
    results.close()
    fold.groups = _other_groups(fold, groups)
    files = fold.render(previous, pool=idle_pool(getattr(run, "mapper", None)))
    out = BuildResult(errors=fold.errors, warnings=fold.warnings, notes=fold.notes, files=files,
                      counts=fold.counts())
    out.fold = fold
    out.fold_changed = start < len(keys)  # a rebuild that added nothing leaves the kept fold as it is
    return out


def _other_groups(fold: BuildFold, groups: dict[str, str] | None) -> dict[str, str]:
    """Article name -> its syndication group, for the articles whose group is not themselves (most are alone):
    what a resumed fold compares; from ``groups`` when given, else from the fold's grouping (names distinct)."""
    if groups is not None:
        return {name: group for name, group in groups.items() if group != name}
    grouping = fold.grouping
    return {name: group for i, name in enumerate(grouping.names)
            if not grouping.is_group_id(i) and (group := grouping.group_of(i)) != name}


def _unchanged(fold: BuildFold, previous: Path) -> BuildResult:
    """The result of a rebuild that adds nothing to ``fold``: its files are those in ``previous``, left as they are."""
    files: dict[str, str | bytes | Path] = {name: Path(previous) / name for name in OUTPUT_FILES}
    out = BuildResult(errors=fold.errors, warnings=fold.warnings, notes=fold.notes, files=files,
                      counts=fold.counts())
    out.fold, out.fold_changed, out.unchanged = fold, False, True
    return out


def _fold_one(fold: BuildFold, article: Article, key: str, digest: bytes | None, result: ArticleResult | None,
              group: str | None) -> None:
    """Merge one article into ``fold`` with its syndication ``group`` (its result's events decoded)."""
    if digest is None:
        fold.notes.append(f"{article.name}: {NOT_ENGLISH_NOTE} (language {article.meta.get('language')})")
    fold.add(article, key, digest, result, group, article.group)


def _first_pass(run: Runner, items: ObjectSpool, digests: RawDigests, start: int,
                progress: Progress | None, fold: BuildFold, *,
                keys: HexDigests | None = None) -> tuple[ObjectSpool, array | None]:
    """Every article's per-article result from position ``start`` of ``items`` on (None: not processed;
    ``digests``: their texts' SHA-256, in the same order), grouped and its places folded as it arrives, in
    input order: that part of the fold overlaps the workers' work on the next articles. The results wait in
    a spool for the second pass.

    With ``keys`` (a fold from scratch: ``start`` 0) each article is also merged as it arrives, with its
    group as the articles so far make it: the final group unless a later article changes the group of an
    earlier one (``Grouping.regrouped``), or another article has its name (articles sharing a name all take
    the last one's group). Then the articles whose group changed are given their final group
    (``BuildFold.regroup``: only the merged events their events joined are merged again). Returns the spool
    and, when every article is merged, the root (the index of the article giving its group id) of each
    article's group when it was merged (-1: its group given with it); None when none is merged (the second
    pass merges them)."""
    # a processed text's digest -> the position of its first article here: by the digest's first 8 bytes (16 bytes
    # an entry, not a dict of ``bytes``), checked against the whole digest, and by the whole digest for a text
    # whose first 8 bytes are another's (odds 2**-64 a pair)
    first, odd = CodeMap(), {}  # type: CodeMap, dict[bytes, int]

    def first_of(digest: bytes) -> int | None:
        at = first.get(int.from_bytes(digest[:8], "big"))
        return at if at is None or digests[start + at] == digest else odd.get(digest)

    def seen(digest: bytes, position: int) -> None:
        code = int.from_bytes(digest[:8], "big")
        if first.get(code) is None:
            first[code] = position
        else:
            odd[digest] = position

    failed: dict[int, str] = {}  # the position of a processed article that failed -> its error
    names = fold.grouping.names  # every article's name, from the first here on at ``grouped``
    grouped = len(names)

    def to_process() -> Iterator[Article]:
        for position, (article, _digest) in enumerate(items.read(start)):
            digest = digests[start + position]
            if digest is not None and first_of(digest) is None:  # the same text twice is processed once
                seen(digest, position)
                yield article

    arriving = iter(run(to_process(), progress=progress, total=len(items) - start))
    results = ObjectSpool()
    merged_with = array("q") if keys is not None and start == 0 else None
    for position, (article, _digest) in enumerate(items.read(start)):
        result = None
        digest = digests[start + position]
        if digest is not None:
            at = first_of(digest)
            if at is None or at == position:  # (the runner may not have read this far yet)
                result = next(arriving)[1]  # the runner keeps input order
                if result.error:
                    failed[position] = result.error
            else:  # the same text again: its places once more (not kept meanwhile), its own events
                error = failed.get(at)
                places = [] if error else geoparser().parse_places(article.text)
                result = copy_result(article, ArticleResult(names[grouped + at], places, [], error=error))
        fp = result.fingerprint if result is not None else None  # from the workers
        fold.group(article.name, fp or fingerprint(article.text), article.published)
        fold.add_places(article, result)
        if result is not None:  # what the second pass needs: events, error, warnings (memory: events only)
            result = ArticleResult(result.name, [], result.events, error=result.error, warnings=result.warnings,
                                   events_pickle=result.events_pickle)  # a worker's pickle kept as bytes
        results.append(result)  # pickled now: the merge below may change the events, not what is spooled
        if merged_with is not None:
            assert keys is not None
            merged_with.append(-1 if article.group else fold.grouping.root_of(position))
            _fold_one(fold, article, keys[position], digest, result and result.with_events(),
                      fold.grouping.group_of(position))
        if position % TRIM_EVERY == TRIM_EVERY - 1:
            release_free_memory()  # freed, not held: the parent's resident memory stays that of what it holds
    for _left in arriving:  # run the runner to its end: it stores its last window of results there
        pass
    return results, merged_with


def _distinct(names: Sequence[str]) -> bool:
    """Whether no two of ``names`` are the same (two equal hashes count as the same: a false no only costs time)."""
    import numpy as np

    hashes = np.fromiter((hash(name) for name in names), dtype=np.int64, count=len(names))
    return len(np.unique(hashes)) == len(hashes)


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


def output_files(result: BuildResult) -> dict[str, str | bytes | Path]:
    """Every output file of ``result``, name → content."""
    if result.files is not None:
        return result.files
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
    """Write the output files as one set: all new, or (on any error or signal) all as they were.

    A rebuild that changed nothing (``result.unchanged``) writes nothing: its files are already there."""
    if getattr(result, "unchanged", False) and all(
            isinstance(data, Path) and data.parent == Path(out_dir) for data in (result.files or {}).values()):
        return
    files = output_files(result)
    write_set(Path(out_dir), files)
    if result.files is not None:  # a streamed output was moved into the folder: read it there from now on
        for name, data in files.items():
            if isinstance(data, Path):
                result.files[name] = Path(out_dir) / name


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
    folded = _kept_fold(Path(out_dir)) if incremental else None
    skip = folded.row_digests() if folded is not None else []
    if not skip:  # with rows to pass over, the previous build had text: checked as the rows are read
        _first_text(inputs, paths, out_dir)  # checked before any work and before the store is opened
    bar = ProgressBar() if progress else None
    with scale_runner(jobs=jobs, dask=dask, store_dir=Path(out_dir) if incremental else None) as runner:
        store = getattr(runner, "store", None)
        if store is None or not store.fold_path.exists():  # no store, or one rebuilt (it drops the fold)
            folded, skip = None, []
        while True:
            try:
                result = _process_inputs(inputs, runner, bar, folded, skip, store is not None, out_dir)
                break
            except InputChanged:  # the rows passed over changed, or the fold does not resume: read everything
                folded, skip = _kept_fold(Path(out_dir)), []
            except HeapDamaged as exc:  # never trusted: folded again from the per-article results in the store
                print(f"conflictmap: the kept fold's records are damaged ({exc}); folding every article again",
                      file=sys.stderr, flush=True)
                folded, skip = None, []
            inputs = Inputs([Path(p) for p in paths])
            _first_text(inputs, paths, out_dir)
        if bar:
            bar.close()
        result.errors = inputs.errors + result.errors
        result.warnings = inputs.skipped + result.warnings
        write_outputs(result, out_dir)
        if store is not None and getattr(result, "fold", None) is not None and result.fold_changed:
            result.fold.keep(Path(out_dir))  # after the outputs: a fold never describes files not written
            store.put_fold(lambda handle: result.fold.dump(handle, store.version))
    return result


def _kept_fold(out_dir: Path) -> BuildFold | None:
    """The fold the last incremental build kept in ``out_dir``, when it is there, sound and of this pipeline version."""
    try:
        blob = (out_dir / FOLD_NAME).read_bytes()
    except OSError:
        return None
    return BuildFold.loads(blob, pipeline_version(), out_dir)


def _first_text(inputs: Inputs, paths: Sequence[Path], out_dir: Path) -> None:
    """Raise ``NoArticlesError`` when no input gives an article with text (reads up to the first that does)."""
    for article in inputs:
        if article.text.strip():
            return
    reason = f"{len(inputs.errors)} could not be read" if inputs.errors else "none has any text"
    raise _nothing_to_build(paths, out_dir, inputs.errors, reason)


def _process_inputs(inputs: Inputs, runner: Runner, bar: ProgressBar | None, folded: BuildFold | None,
                    skip: list[str], with_store: bool, out_dir: Path) -> BuildResult:
    """``process`` over ``inputs`` read afresh (the first ``len(skip)`` rows passed over when they are unchanged)."""
    stream: Iterable[Article] = inputs.articles(skip)
    if bar:
        total = inputs.total()
        stream = _Counted(_announce_big(stream), None if total is None else total - len(skip))
    options = {"fold": folded, "previous": Path(out_dir)} if with_store else {}
    if skip:
        options["skipped"] = len(skip)
    return process(stream, progress=bar, runner=runner, **options)


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
