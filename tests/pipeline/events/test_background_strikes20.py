"""Spurious events that are not news of the article (issue 13, session 20): a strike named only as the reason or the
concession of what the clause tells, an article written to deny a strike, a generic clause that goes on after an
apposition, and one toll told twice at one settlement.

Every sentence is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

from pipeline.events.consolidate import consolidate
from pipeline.events.records import DATE_BASIS, Event, Source
from pipeline.events.triggers import denied_strike, triggers
from pipeline.text.dates import EventDate
from tests.fixtures import article_events, make_place

WAR = "Russian troops have pressed their offensive in eastern Ukraine for months, the army said.\n\n"


def _events(parser, body: str, date: str = "2024-05-13") -> list:
    return article_events(parser, f"date {date}\n\n{WAR}{body}\n")


# -- a strike as the reason or concession of the clause ----------------------------------------------------------------
def test_a_bare_strike_noun_after_despite_is_no_incident():
    sentence = "The council voted on Tuesday to keep the Lviv museum open, despite frequent drone attacks by Russia."
    assert triggers(sentence) == []
    sentence = "The council voted to keep the Lviv museum open despite recent missile attacks."
    assert triggers(sentence) == []


def test_a_bare_strike_noun_coordinated_after_due_to_is_no_incident():
    sentence = ("Officials ordered families to leave three villages near Sumy due to the approach of the front and "
                "heavier Russian shelling.")
    assert triggers(sentence) == []


def test_a_determined_strike_after_despite_is_still_one():
    # control: "the attack on Monday" is one incident the clause concedes
    assert [t.sub for t in triggers("The market in Sumy reopened despite the attack on Monday.")] == ["attack"]
    assert [t.sub for t in triggers("Russian drone attacks damaged the port in Izmail.")] == ["drone_strike"]


def test_a_strike_verb_before_despite_stays():
    assert [t.sub for t in triggers("Russia shelled Nikopol despite the announced truce.")] == ["shelling"]


def test_a_strike_given_as_the_reason_of_an_evacuation_makes_no_event(geoparser):
    body = "Authorities in Kharkiv on Monday ordered the evacuation of two villages due to heavy Russian shelling."
    assert _events(geoparser, body) == []


# -- an article written to deny a strike -------------------------------------------------------------------------------
def test_a_denial_governs_the_strike_it_denies():
    assert denied_strike("Moscow denied on Tuesday that its forces had struck a school in Kharkiv.")
    assert not denied_strike("A missile struck a school in Kharkiv on Tuesday, the mayor said.")
    assert not denied_strike("Moscow denied the report, which it called false.")


def test_an_article_that_opens_on_a_denial_reports_no_strike(geoparser):
    body = ("Moscow denied on Tuesday that its forces had struck a school in Kharkiv and said a Ukrainian air defence "
            "missile had hit it.\n\n"
            "The mayor of Kharkiv said on Monday that a Russian missile had slammed into the school.")
    assert _events(geoparser, body) == []


def test_a_denial_after_the_news_of_a_strike_keeps_the_strike(geoparser):
    # control: the article opens on the strike; the denial is one reaction to it
    body = ("A Russian missile struck a school in Kharkiv on Monday, the mayor said.\n\n"
            "Moscow denied that its forces had struck the school.")
    got = [(e.event_type, e.admin1_code) for e in _events(geoparser, body)]
    assert got == [("frontline_incident", "UA-63")]


def test_a_denied_strike_with_a_toll_stays(geoparser):
    # control: a toll is told as a fact of its own
    body = ("Moscow denied on Tuesday that its forces had struck a market in Kharkiv.\n\n"
            "The strike on the market in Kharkiv on Monday killed four people and injured 11, the governor said.")
    got = [(e.event_type, e.admin1_code, e.killed) for e in _events(geoparser, body)]
    assert got == [("casualty_report", "UA-63", 4)]


# -- an apposition does not end the clause ----------------------------------------------------------------------------
def test_a_generic_since_after_an_apposition_scopes_over_the_strike():
    sentence = ("Russia has been launching attacks on Izmail, a port on the Danube, since the talks collapsed "
                "in the spring.")
    assert triggers(sentence) == []


def test_an_apposition_keeps_a_strike_told_as_a_fact():
    sentence = "Russian missiles struck Izmail, a port on the Danube, on Wednesday night."
    assert [t.sub for t in triggers(sentence)] == ["missile_strike"]


# -- one toll told twice ------------------------------------------------------------------------------------------------
PORT = dict(lat=46.48, lon=30.73, geonameid=31, admin1_code="UA-51", admin1_name="Odesa")
DAY = "2024-06-02"


def _report(sub: str, quote: str, *, start: int, killed: int | None, injured: int | None) -> Event:
    place = make_place("Odesa", precision="exact", **PORT)
    return Event("casualty_report", sub, EventDate(DAY, 1, ""), place, "UA-51", "Odesa", "UA", 1,
                 [Source("a.txt", quote, start, start + len(quote))], 0.6, killed=killed, injured=injured,
                 date_basis=DATE_BASIS["weekday"])


def test_one_toll_told_twice_at_one_settlement_is_one_incident():
    first = _report("missile_strike", "A missile hit the port of Odesa, killing two and injuring five.", start=0,
                    killed=2, injured=5)
    second = _report("shelling", "Another attack on the port: two people died and five were hurt.", start=200,
                     killed=2, injured=5)
    out = consolidate([first, second])
    assert [(e.sub_event_type, e.killed, e.injured, len(e.sources)) for e in out] == [("missile_strike", 2, 5, 2)]


def test_two_small_equal_tolls_stay_two_incidents():
    # control: one killed twice in a day recurs by chance
    first = _report("missile_strike", "A missile killed a man in Odesa.", start=0, killed=1, injured=None)
    second = _report("shelling", "Shelling killed a woman in Odesa.", start=200, killed=1, injured=None)
    assert len(consolidate([first, second])) == 2


def test_two_different_tolls_stay_two_incidents():
    first = _report("missile_strike", "A missile hit the port, killing two and injuring five.", start=0, killed=2,
                    injured=5)
    second = _report("drone_strike", "Drones hit a house, injuring four.", start=200, killed=None, injured=4)
    assert len(consolidate([first, second])) == 2
