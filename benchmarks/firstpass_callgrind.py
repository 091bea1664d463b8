"""Instructions of one geoparse first pass under callgrind (issue 12's speed guard: at most 5.70 G).

What is measured: a checkout's geoparser is loaded (its own index and geodata), then each of the 788 GeoWebNews
+ LGL texts of ``../shared/eval/geoparse`` (read in place) is parsed once, in a fresh process (the lru caches
cold), with ``PYTHONHASHSEED=0``. Only the pass is counted: it runs through ``itertools.starmap``, and callgrind
collects inside ``starmap_next`` only (``--collect-atstart=no --toggle-collect=starmap_next``), so loading,
imports and pattern compilation at import are left out. An instruction count does not depend on the machine's
load, which wall or CPU time on this shared machine does. A run takes ~5 min (more on a loaded machine); run one
at a time, niced::

    nice -n 10 .venv/bin/python benchmarks/firstpass_callgrind.py /path/to/checkout
    nice -n 10 .venv/bin/python benchmarks/firstpass_callgrind.py /path/to/checkout \\
        --attribute pipeline.geoparse.recognise:_keep pipeline.geoparse.recognise:_elided_pairs

The checkout may be this repository (``.``) or a ``git archive`` of any commit
(``mkdir /tmp/x && git archive COMMIT | tar -x -C /tmp/x``). Set ``CONFLICTMAP_CACHE`` to keep one index per
gazetteer; a warm run without valgrind comes first (it builds a missing index, ~90 s, and compiles the
checkout's modules), then the counted run. It prints the total ("I refs") and keeps the profile for
``callgrind_annotate`` (``--out``).

``--attribute module:function`` (at most 8, ``function`` or ``Class.method``): each listed function is called
through its own otherwise unused C iterator of ``itertools`` (``islice``, ``chain``, ...), so
``callgrind_annotate --inclusive=yes`` shows its inclusive cost as that iterator's ``*_next`` function; the
wrappers add a few k instructions a call, so the total of such a run is not the figure to compare, and callgrind's
inclusive costs inside recursion cycles can over-count (a function's figure is an upper bound on what removing it
saves: in session 21, ~45 M attributed, 25.5 M saved).

The counted process is ``firstpass_pass.py``: what the harness of sessions 15-20 (``/tmp/cg15/vg.py``) ran,
statement for statement (the allocator's state at the start of the pass moves the count by several M).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

# the C function callgrind counts inside: the pass runs through ``itertools.starmap`` and nothing else does
TOGGLE = "starmap_next"
# the C functions callgrind_annotate shows for the iterators ``firstpass_pass.py`` calls attributed functions
# through, in its order
ITERATOR_FUNCTIONS = ("islice_next", "chain_next", "compress_next", "zip_longest_next", "accumulate_next",
                      "cycle_next", "dropwhile_next", "functools_reduce")


def _run(checkout: Path, out: Path, attribute: list[str]) -> int:
    env = dict(os.environ, PYTHONHASHSEED="0")
    inner = [sys.executable, str(Path(__file__).resolve().parent / "firstpass_pass.py"), str(checkout), *attribute]
    subprocess.run(inner[:3], env=env, check=True, stdout=subprocess.DEVNULL)  # warm: index built, modules compiled
    done = subprocess.run(["valgrind", "--tool=callgrind", "--collect-atstart=no", f"--toggle-collect={TOGGLE}",
                           f"--callgrind-out-file={out}", *inner], env=env, capture_output=True, text=True)
    refs = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if done.returncode or refs is None:
        print(done.stderr[-2000:], file=sys.stderr)
        return 1
    count = int(refs.group(1).replace(",", ""))
    print(f"{checkout}: first pass {count:,} instructions ({count / 1e9:.3f} G); profile {out}")
    if attribute:
        # (every function shown: the default threshold hides those under 0.1 % of the total)
        annotated = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", str(out)],
                                   capture_output=True, text=True).stdout.splitlines()
        for spec, function in zip(attribute, ITERATOR_FUNCTIONS):
            line = next((line for line in annotated if re.search(rf"[:.]{function}\b", line)), None)
            cost = int(line.split()[0].replace(",", "")) if line else 0
            print(f"  {spec}: {cost / 1e6:,.1f} M inclusive")
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("checkout", type=Path, help="a checkout of the repository (its pipeline/ is measured)")
    ap.add_argument("--out", type=Path, default=Path("/tmp/firstpass.cg"), help="callgrind profile written here")
    ap.add_argument("--attribute", action="extend", nargs="+", default=[], metavar="MODULE:FUNCTION",
                    help=f"report these functions' inclusive costs (at most {len(ITERATOR_FUNCTIONS)})")
    args = ap.parse_args()
    if len(args.attribute) > len(ITERATOR_FUNCTIONS):
        ap.error(f"at most {len(ITERATOR_FUNCTIONS)} --attribute")
    return _run(args.checkout.resolve(), args.out.resolve(), args.attribute)


if __name__ == "__main__":
    raise SystemExit(main())
