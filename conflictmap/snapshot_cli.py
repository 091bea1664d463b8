"""``conflictmap snapshot``: argparse wiring for briefing images (see ``pipeline.output.snapshot``)."""

from __future__ import annotations

import argparse
import json
import sys
import warnings
from pathlib import Path
from typing import Any

from pipeline.errors import EXPECTED_ERRORS, DataError
from pipeline.errors import InputError
from conflictmap.filter_args import add_filter_arguments, filters_from_args
from pipeline.output.snapshot import (
    DEFAULT_DPI,
    format_from_path,
    parse_bbox,
    parse_size,
    render_snapshot,
    validate_options,
)

_DATA_FILES = ("events.geojson", "places.geojson", "oblasts.geojson")


def add_snapshot_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register the ``snapshot`` sub-command on an ``argparse`` sub-parsers object."""
    parser = subparsers.add_parser(
        "snapshot",
        help="render a briefing map (PNG, PDF or SVG) from the pipeline outputs",
        description="Render a static briefing map of the events. The format follows the --out extension.",
    )
    parser.add_argument("--data", default="out", help="folder with events.geojson etc. (default: out)")
    parser.add_argument("--out", required=True, help="image file to write: .png, .pdf or .svg")
    parser.add_argument("--title", default=None, help="title line (default: a generic title)")
    parser.add_argument("--size", default="1920x1080", help="WIDTHxHEIGHT in pixels (default: 1920x1080)")
    parser.add_argument("--dpi", default=str(DEFAULT_DPI), help=f"dots per inch, sets text scale (default: {DEFAULT_DPI})")
    add_filter_arguments(parser)
    parser.add_argument("--bbox", default=None, metavar="W,S,E,N", help="map area in degrees; events outside are left out")
    parser.add_argument("--tiles", action="store_true", help="use web tiles when online (falls back to offline vectors)")
    parser.set_defaults(func=run_snapshot)
    return parser


def run_snapshot(args: argparse.Namespace) -> int:
    """Run the sub-command; print one line and return 2 on a bad option or missing data."""
    try:
        size = parse_size(args.size)
        bbox = parse_bbox(args.bbox) if args.bbox is not None else None
        dpi = _parse_dpi(args.dpi)
        filters = filters_from_args(args)
        validate_options(fmt=format_from_path(args.out), size=size, dpi=dpi, types=args.types,
                         date_from=filters.date_from, date_to=filters.date_to, admin1=filters.admin1_codes,
                         bbox=bbox, include_undated=filters.include_undated)
        data = _load_outputs(Path(args.data))
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            render_snapshot(
                data["events"], data["places"], data["oblasts"], out=Path(args.out), title=args.title,
                size=size, dpi=dpi, types=args.types, date_from=filters.date_from, date_to=filters.date_to,
                admin1=filters.admin1_codes, include_undated=filters.include_undated, bbox=bbox, tiles=args.tiles,
                n_articles=data["n_articles"],
            )
        for warning in caught:
            print(f"warning: {warning.message}", file=sys.stderr)
    except EXPECTED_ERRORS as exc:
        print(f"conflictmap snapshot: error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {args.out}")
    return 0


def _parse_dpi(text: str | int) -> int:
    try:
        return int(str(text).strip())
    except ValueError:
        msg = f"invalid dpi {text!r}: expected a whole number from 50 to 600"
        raise InputError(msg) from None


def _load_outputs(folder: Path) -> dict[str, Any]:
    """Read the pipeline outputs the snapshot needs from ``folder``."""
    if not folder.is_dir():
        msg = f"data folder {str(folder)!r} does not exist: run the pipeline first or pass --data"
        raise DataError(msg)
    data: dict[str, Any] = {}
    for name in _DATA_FILES:
        path = folder / name
        if not path.is_file():
            if name == "events.geojson":
                msg = f"no events.geojson in {str(folder)!r}: run the pipeline first or pass --data"
                raise DataError(msg)
            data[name.split(".")[0]] = {"type": "FeatureCollection", "features": []}
            continue
        try:
            data[name.split(".")[0]] = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            msg = f"cannot read {str(path)!r}: {exc}"
            raise DataError(msg) from None
    articles = folder / "articles.jsonl"
    data["n_articles"] = None
    if articles.is_file():
        with articles.open(encoding="utf-8") as stream:
            data["n_articles"] = sum(1 for line in stream if line.strip())
    return data
