"""The geoparser's fast paths give what the plain ones give (issue 16: speed with identical outputs)."""

from __future__ import annotations

import gc
import math
import pickle
import random
from dataclasses import replace

from geopy.distance import great_circle

from pipeline.geoparse import GC_YOUNG_THRESHOLD
from pipeline.geoparse.resolve import _great_circle_km, _seats
from pipeline.geoparse.weights import RESOLVE_WEIGHTS, ResolveWeights


def test_own_great_circle_equals_geopy_on_random_pairs():
    rng = random.Random(16)
    for _ in range(20_000):
        a = (rng.uniform(-90, 90), rng.uniform(-180, 180))
        b = (rng.uniform(-90, 90), rng.uniform(-180, 180))
        if rng.random() < 0.3:  # near pairs, as the ranking measures them
            b = (max(-90.0, min(90.0, a[0] + rng.uniform(-3, 3))), max(-180.0, min(180.0, a[1] + rng.uniform(-3, 3))))
        assert _great_circle_km(*a, *b) == great_circle().measure(a, b)  # the same float, not only close


def test_own_great_circle_edge_points_equal_geopy():
    pairs = [((0.0, 0.0), (0.0, 0.0)), ((-0.0, -0.0), (0.0, 90.0)), ((90.0, 180.0), (-90.0, -180.0)),
             ((50.45, 30.52), (50.45, 30.52)), ((0.0, 0.0), (0.0, 180.0)), ((10.0, 190.0), (10.0, -170.0))]
    for a, b in pairs:
        assert _great_circle_km(*a, *b) == great_circle().measure(a, b)


def test_own_great_circle_rejects_what_geopy_rejects():
    for bad in ((math.nan, 0.0), (0.0, math.inf)):
        for call in (lambda: _great_circle_km(*bad, 0.0, 0.0), lambda: great_circle().measure(bad, (0.0, 0.0))):
            try:
                call()
            except ValueError:
                continue
            raise AssertionError(f"{bad} accepted")


def test_weights_hash_is_remembered_and_equals_for_equal_weights():
    copy = replace(RESOLVE_WEIGHTS)
    assert copy == RESOLVE_WEIGHTS and hash(copy) == hash(RESOLVE_WEIGHTS)
    changed = replace(RESOLVE_WEIGHTS, capital=RESOLVE_WEIGHTS.capital + 1.0)
    assert changed != RESOLVE_WEIGHTS
    assert {RESOLVE_WEIGHTS: 1}.get(copy) == 1 and {RESOLVE_WEIGHTS: 1}.get(changed) is None
    hash(RESOLVE_WEIGHTS)
    again = pickle.loads(pickle.dumps(RESOLVE_WEIGHTS))
    assert again == RESOLVE_WEIGHTS and "_hash" not in pickle.loads(pickle.dumps(RESOLVE_WEIGHTS)).__dict__
    assert ResolveWeights().capital == RESOLVE_WEIGHTS.capital


def test_seats_equal_a_plain_recomputation(gazetteer):
    """``_seats`` (vectorised, worked out at load) is the most populous town of each admin-1 code, first row on a tie."""
    best: dict[str, int] = {}
    kinds, pops, a1s = gazetteer.kind_of, gazetteer.population_of, gazetteer._columns()[6]
    for row in range(gazetteer.n_rows):
        code = a1s[row]
        if kinds[row] != "city" or not code or pops[row] <= 0:
            continue
        if code not in best or pops[row] > pops[best[code]]:
            best[code] = row
    assert _seats(gazetteer) == best
    assert len(best) > 100


def test_loading_the_geoparser_raises_the_young_gc_threshold(geoparser):
    assert gc.get_threshold()[0] == GC_YOUNG_THRESHOLD
