"""The event-filter options shared by ``conflictmap export`` and ``conflictmap snapshot``.

One parser helper, one validation (:func:`pipeline.output.filters.make_filters`), so both
sub-commands accept the same spellings (``--type a b`` or ``--type a --type b``, ``--admin1
ua-14``) and refuse the same mistakes with the same one-line message.
"""

from __future__ import annotations

import argparse
from functools import lru_cache

from pipeline.output.filters import EVENT_TYPES, EventFilters, make_filters


def add_filter_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``--type``, ``--from``, ``--to``, ``--admin1`` and ``--undated/--no-undated``."""
    parser.add_argument("--type", dest="types", action="extend", nargs="+", metavar="T",
                        help=f"event types to keep: {', '.join(EVENT_TYPES)} (default: all)")
    parser.add_argument("--from", dest="date_from", default=None, metavar="DATE",
                        help="first date, YYYY-MM-DD")
    parser.add_argument("--to", dest="date_to", default=None, metavar="DATE", help="last date, YYYY-MM-DD")
    parser.add_argument("--admin1", action="extend", nargs="+", metavar="CODE",
                        help="admin-1 units, ISO 3166-2 codes such as UA-14 (any case)")
    parser.add_argument("--undated", action=argparse.BooleanOptionalAction, default=None,
                        help="keep events without a date (default: yes; a date range does not drop them)")


def filters_from_args(args: argparse.Namespace) -> EventFilters:
    """Check the filter options of ``args`` and return the filter; raise ``InputError`` on a bad one."""
    return make_filters(types=args.types, date_from=args.date_from, date_to=args.date_to, admin1=args.admin1,
                        include_undated=args.undated is not False,
                        known_admin1=known_admin1_codes() if args.admin1 else None)


def given_event_options(args: argparse.Namespace) -> list[str]:
    """The options given in ``args`` that only events have (type, dates, undated)."""
    given = (("--type", args.types), ("--from", args.date_from), ("--to", args.date_to),
             ("--undated" if args.undated else "--no-undated", args.undated is not None))
    return [flag for flag, value in given if value]


@lru_cache(maxsize=1)
def known_admin1_codes() -> frozenset[str]:
    """The admin-1 codes of the bundled boundaries."""
    import geodata

    codes = geodata.load_admin1()["admin1_code"]
    return frozenset(code for code in codes if isinstance(code, str))
