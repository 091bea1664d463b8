"""The process ``firstpass_callgrind.py`` counts: one first pass of a checkout's geoparser, run via itertools.starmap.

    python benchmarks/firstpass_pass.py CHECKOUT [MODULE:FUNCTION ...]

Statement for statement what the harness of sessions 15-20 (``/tmp/cg15/vg.py``) ran, so that its figures and
the new ones compare: the allocator's state when the pass starts moves the count by several M instructions (a
driver that first imported ``argparse`` and ``subprocess`` in the counted process counted 5.707-5.709 G where
that harness counted 5.715 G on the same checkout). Functions named after the checkout are each called through
their own ``itertools`` iterator (``firstpass_callgrind.py --attribute``), wrapped after the index is loaded.
"""
import itertools, json, os, sys  # noqa: E401
from pathlib import Path
root = sys.argv[1]
sys.path.insert(0, root); os.chdir(root)  # noqa: E702
from pipeline.geoparse import load_geoparser  # noqa: E402
EVAL = Path("/work/shared/eval/geoparse")
texts = [json.loads(l)["text"] for n in ("geowebnews", "lgl") for l in (EVAL / f"{n}.jsonl").open(encoding="utf-8")]  # noqa: E741
p = load_geoparser()
if sys.argv[2:]:
    import functools
    import importlib

    def _never(*_):
        return False

    # one driver per iterator, in the order of ``firstpass_callgrind.ITERATOR_FUNCTIONS``
    drivers = [lambda g: next(itertools.islice(g, 1)), lambda g: next(itertools.chain(g)),
               lambda g: next(itertools.compress(g, (1,))), lambda g: next(itertools.zip_longest(g))[0],
               lambda g: next(itertools.accumulate(g)), lambda g: next(itertools.cycle(g)),
               lambda g: next(itertools.dropwhile(_never, g)), lambda g: functools.reduce(_never, g)]
    for spec, drive in zip(sys.argv[2:], drivers):
        module_name, attr = spec.split(":")
        owner = importlib.import_module(module_name)
        name = attr
        if "." in attr:
            cls, name = attr.split(".")
            owner = getattr(owner, cls)
        original = getattr(owner, name)

        def wrapper(*args, _f=original, _drive=drive, **kwargs):
            return _drive(_f(*args, **kwargs) for _ in (0,))

        for kept in ("cache_info", "cache_clear", "__wrapped__"):
            if hasattr(original, kept):
                setattr(wrapper, kept, getattr(original, kept))
        setattr(owner, name, wrapper)
        for module in list(sys.modules.values()):  # (where a pipeline module imported it by name)
            if module is not None and module is not owner and module.__name__.startswith("pipeline") \
                    and getattr(module, name, None) is original:
                setattr(module, name, wrapper)
n = sum(1 for _ in itertools.starmap(p.parse, ((t,) for t in texts)))
print(n)
