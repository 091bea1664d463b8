"""Spurious events that are not news of the article (issue 13, session 20): a strike named only as the reason or the
concession of what the clause tells, and an article written to deny a strike.

Every sentence is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

from pipeline.events.triggers import denied_strike, triggers
from tests.fixtures import article_events

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
    body = "Authorities in Kharkiv on Monday ordered the evacuation of two villages due to intensifying Russian shelling."
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


# -- a toll update names the attack it counts ---------------------------------------------------------------------------
def test_an_update_naming_its_attack_on_a_later_day_is_no_new_incident(geoparser):
    body = ("A Russian missile hit an apartment block in Dnipro on Monday, killing nine people, the governor said.\n\n"
            "Rescuers found two more bodies on Wednesday, raising the death toll from the attack on the city to 11.")
    got = [(e.event_type, e.admin1_code, e.killed, e.when.date) for e in _events(geoparser, body, "2024-05-16")]
    assert got == [("casualty_report", "UA-12", 11, "2024-05-13")]


def test_harm_told_due_to_shelling_is_an_incident(geoparser):
    # control: the strike is the cause of the harm the sentence tells
    body = "A school in Kherson was damaged on Wednesday due to Russian shelling, the governor said."
    got = [(e.sub_event_type, e.admin1_code) for e in _events(geoparser, body, "2024-05-16")]
    assert got == [("shelling", "UA-65")]
