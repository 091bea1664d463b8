"""The events stage reads ``Place`` objects: structured facts decide, never the rendered reason."""

from __future__ import annotations

from pipeline.events.extract import extract_events
from pipeline.events.incidents import same_place, usable
from pipeline.model import Place
from pipeline.text.articles import make_article
from tests.fixtures import make_place

TEXT = "date 2023-03-10\nA missile struck Zzyvrotivka on Friday, killing three people, officials said.\n"


def _village(**facts) -> Place:
    start = TEXT.index("Zzyvrotivka")
    return make_place("Zzyvrotivka", start=start, geonameid=None, **facts)


def _events(place: Place):
    article = make_article("a.txt", TEXT)
    return extract_events("a.txt", TEXT, [place], article.published)


def test_an_event_holds_the_place_object_it_was_located_at():
    village = _village()
    [event] = _events(village)
    assert event.place is village
    assert (event.admin1_code, event.admin1_name, event.country_code) == ("UA-63", "Kharkiv", "UA")
    assert event.geo_precision == 1


def test_an_approximate_point_gives_a_coarser_geo_precision():
    [event] = _events(_village(approx_point=True))
    assert event.geo_precision == 2


def test_a_settlement_at_its_units_seat_gives_the_oblast_precision():
    [event] = _events(_village(precision="admin1"))
    assert event.geo_precision == 3


def test_the_capital_fact_decides_not_the_reason():
    text = "Kyiv said the strike was a provocation."
    reason_only = make_place("Kyiv", signals=())  # a reason may say anything; only ``capital`` counts
    reason_only = Place(**{**{f: getattr(reason_only, f) for f in Place.__dataclass_fields__},
                           "reason": "national capital"})
    assert usable(reason_only, text)
    assert not usable(make_place("Kyiv", capital=True), text)


def test_same_place_reads_the_gazetteer_entry_or_the_distance():
    a = make_place("Kharkiv", geonameid=1)
    assert same_place(a, make_place("Kharkov", start=40, geonameid=1, lat=10.0, lon=10.0))
    assert same_place(a, make_place("Kharkiv city", start=40, geonameid=2, lat=a.lat + 0.05))
    assert not same_place(a, make_place("Lviv", start=40, geonameid=3, lat=49.84, lon=24.03))
