"""Spurious events of classes that recur across the development sets (issue 13, precision on unseen news), each
with a control that still gives its event: a change of control "at" a capital (the government by metonymy), a sweep
of attacks over the country, the place a strike was launched from, a strike told in passing with no place of its
own, and a hypothetical told as a gerund subject. Also the confidence of merged reports whose tolls differ, and the
facts ``confidence.FACTS`` records for ``benchmarks/confidence_fit.py``.

Every sentence is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

from dataclasses import replace

from pipeline.events.confidence import FACTS
from pipeline.events.merge import absorb
from pipeline.events.records import Event, Report, Source
from pipeline.events.weights import WEIGHTS
from pipeline.model import Place
from pipeline.text.dates import EventDate
from tests.fixtures import article_events

WAR = "Russian troops have pressed their offensive in eastern Ukraine for months, the army said.\n\n"


def _events(parser, body: str, date: str = "2024-05-14") -> list:
    return article_events(parser, f"date {date}\n\n{WAR}{body}\n")


def _where(events: list, kind: str = "frontline_incident") -> set[str]:
    return {e.place.name for e in events if e.event_type == kind and e.place is not None}


def _codes(events: list) -> set[str]:
    return {e.admin1_code for e in events if e.event_type != "annexation_claim"}


# -- a change of control at a national capital ---------------------------------------------------------------------
def test_moscow_withdrawing_from_a_deal_is_no_withdrawal_in_moscow(geoparser):
    body = ("Ships carried grain out of Odesa under a deal that collapsed when Moscow withdrew in July, "
            "officials said.")
    assert "RU-MOW" not in _codes(_events(geoparser, body))


def test_a_capture_reported_under_a_capital_dateline_is_not_in_the_capital(geoparser):
    body = ("Moscow: Russia on Saturday said it had captured a new village in the Dnipropetrovsk region, which its "
            "forces reached in July.")
    events = _events(geoparser, body)
    assert "RU-MOW" not in _codes(events)


def test_a_withdrawal_from_a_town_is_kept(geoparser):
    body = "Russian forces withdrew from Kupiansk on Saturday, the defence ministry said."
    assert "Kupiansk" in {e.place.text for e in _events(geoparser, body) if e.place is not None}


# -- a sweep of attacks over the country ---------------------------------------------------------------------------
def test_attacks_on_ports_across_the_country_as_a_summary_are_no_incidents(geoparser):
    body = ("Russian forces have attacked Ukrainian ports including Odesa, Mykolaiv, Kherson and Berdiansk as they "
            "try to cut the country off from the sea.")
    assert _where(_events(geoparser, body)) == set()


def test_attacks_on_villages_of_one_region_are_kept(geoparser):
    body = "Russian forces attacked Okhtyrka, Trostianets and Lebedyn in the Sumy region, the governor said."
    assert len(_where(_events(geoparser, body))) >= 2


# -- where a strike was launched from ------------------------------------------------------------------------------
def test_the_airspace_a_bomb_was_launched_from_is_no_place_struck(geoparser):
    body = ("Russian aircraft struck Kharkiv with guided bombs on Tuesday, the mayor said.\n\n"
            "The jets launched four glide bombs from Belgorod region airspace, the air force said.")
    events = _events(geoparser, body)
    assert "RU-BEL" not in _codes(events)
    assert "UA-63" in _codes(events)


# -- a strike told in passing ---------------------------------------------------------------------------------------
def test_missile_strikes_named_in_passing_are_no_incident_at_the_place_named_before(geoparser):
    body = ("More than twenty ships have left Odesa through the new corridor, the navy said.\n\n"
            "Shipping companies said the threats to their vessels stem mainly from Russian aircraft and missile strikes.")
    assert _where(_events(geoparser, body)) == set()


def test_attacks_since_then_on_the_grid_are_no_incident_at_the_place_named_before(geoparser):
    body = ("Engineers restored power in Kharkiv after weeks of repairs, the mayor said.\n\n"
            "Russia has since then launched missile and air attacks on the country's energy infrastructure.")
    assert _where(_events(geoparser, body)) == set()


def test_a_strike_on_a_stated_day_at_the_place_named_before_is_kept(geoparser):
    body = ("Engineers restored power in Kharkiv after weeks of repairs, the mayor said.\n\n"
            "A Russian missile struck an apartment block there on Monday.")
    assert _where(_events(geoparser, body)) == {"Kharkiv"}


# -- a hypothetical told as a gerund subject ------------------------------------------------------------------------
def test_recapturing_a_town_as_a_hypothetical_subject_is_no_recapture(geoparser):
    body = "Recapturing towns like Tokmak, and a later push towards the coast, would mark major wins for Kyiv."
    assert _where(_events(geoparser, body)) == set()


def test_a_recapture_reported_is_kept(geoparser):
    body = "Ukrainian forces recaptured Robotyne on Monday, the general staff said."
    assert _where(_events(geoparser, body)) == {"Robotyne"}


# -- merged reports whose tolls differ ------------------------------------------------------------------------------
TOWN = Place(0, 4, "Sumy", "Sumy", 50.9, 34.8, 1, "city", "UA-59", "Sumy", "UA", 0.9, "")


def _report(article: str, killed: int, confidence: float = 0.75) -> Event:
    event = Event("casualty_report", "shelling", EventDate("2024-05-13", 1, ""), TOWN, "UA-59", "Sumy", "UA", 1,
                  [Source(article, "…", 0, 10)], confidence, killed=killed)
    event.reports = [Report(article, "2024-05-14", killed, None)]
    return event


def test_a_second_report_with_the_same_toll_raises_confidence():
    into = _report("a.txt", 5)
    absorb(into, _report("b.txt", 5))
    assert into.confidence == round(0.75 + WEIGHTS.conf_per_extra_source, 3)


def test_a_second_report_with_another_toll_lowers_it():
    into = _report("a.txt", 5)
    absorb(into, _report("b.txt", 9))
    assert into.confidence == round(0.75 + WEIGHTS.conf_toll_disagreement, 3) < 0.75


def test_a_report_stating_no_figure_of_that_kind_is_no_disagreement():
    into, other = _report("a.txt", 5), replace(_report("b.txt", 5), killed=None)
    other.reports = [Report("b.txt", "2024-05-14", None, 12)]
    other.injured = 12
    absorb(into, other)
    assert into.confidence > 0.75


# -- the facts recorded for the fit -----------------------------------------------------------------------------------
def test_facts_are_recorded_only_inside_a_collecting_block(geoparser):
    body = "Russian shelling killed two people in Sumy on Monday, the regional governor said."
    with FACTS.collecting() as rows:
        events = _events(geoparser, body)
    assert rows and {id(r.event) for r in rows} <= {id(e) for e in events}
    facts = rows[0].facts
    assert facts["casualty"] == 1.0 and facts["capital"] == 0.0 and facts["figures"] == 1.0
    assert facts["focus"] == 1.0  # Sumy is the article's most named region
    with FACTS.collecting() as outer:
        pass
    _events(geoparser, body)
    assert outer == []
