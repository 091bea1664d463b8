"""The nearest-namesake lift with namesakes at (almost) the same distance from the article's other places."""
from types import SimpleNamespace

from pipeline.geoparse.resolve import _nearest_namesake, _Scored
from pipeline.geoparse.weights import ResolveWeights


def _scored(row: int, score: float = 5.0) -> _Scored:
    cand = SimpleNamespace(feature_kind="city", population=100, country_code="UA", row=row)
    return _Scored(cand, score, [])


def _ctx(kms: dict[int, float]) -> SimpleNamespace:
    return SimpleNamespace(w=ResolveWeights(), town_points=lambda m: [(50.0, 36.0)],
                           km_to=lambda cand, points: kms[cand.row])


def test_two_namesakes_at_the_same_point_as_the_places_around_them_rank_without_error():
    scored = [_scored(1), _scored(2)]
    _nearest_namesake(None, scored, _ctx({1: 0.0, 2: 0.0}))  # was log10(0): a math domain error
    assert [s.score for s in scored] == [5.0, 5.0]
    assert [s.candidate.row for s in scored] == [1, 2]


def test_a_namesake_nearer_than_the_floor_distance_is_never_lowered():
    scored = [_scored(1), _scored(2)]
    _nearest_namesake(None, scored, _ctx({1: 0.5, 2: 3.0}))  # both within namesake_min_km: no lift, no penalty
    assert all(s.score >= 5.0 for s in scored)


def test_the_namesake_an_order_of_magnitude_nearer_is_lifted():
    scored = [_scored(2), _scored(1)]
    _nearest_namesake(None, scored, _ctx({1: 5.0, 2: 200.0}))
    assert scored[0].candidate.row == 1 and scored[0].score > 5.0
