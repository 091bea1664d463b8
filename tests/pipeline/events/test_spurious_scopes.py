"""Spurious events by scope (issue 13, "only what happened"; one incident, one event): the sound of explosions alone,
a generic adverb over its verb's list of weapons and over its own verb phrase only, a sentence that goes on about an
earlier period ("Then, ..."), a participle used as an adjective, one number counting both dead and wounded, a denial
of a report, a possessive that owns a noun and not the region modifying it; and the side a place "fell to".

Every sentence is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

from pipeline.events.annexation import _POSSESSED
from pipeline.events.figures import figures
from pipeline.events.triggers import triggers
from tests.fixtures import article_events, events_of

WAR = "Russian troops have pressed their offensive in eastern Ukraine for months, the army said.\n\n"


def _events(parser, body: str, date: str = "2024-05-13") -> list:
    return article_events(parser, f"date {date}\n\n{WAR}{body}\n")


# -- what was heard ---------------------------------------------------------------------------------------------------
def test_explosions_heard_in_a_list_of_cities_are_no_strikes(geoparser):
    body = "Explosions were heard in Poltava, Cherkasy and Vinnytsia early on Monday, local media said."
    assert _events(geoparser, body) == []


def test_explosions_heard_with_a_toll_are_an_incident(geoparser):
    # control: the sound and then what it did
    body = "Explosions were heard in Poltava early on Monday. Two people were killed and five injured, the governor said."
    got = [(e.event_type, e.admin1_code, e.killed) for e in _events(geoparser, body)]
    assert got == [("casualty_report", "UA-53", 2)]


def test_explosions_heard_with_an_attack_stay_with_the_attack(geoparser):
    body = "A Russian missile hit an industrial site in Poltava on Monday; explosions were heard across the city."
    assert [(e.sub_event_type, e.admin1_code) for e in _events(geoparser, body)] == [("missile_strike", "UA-53")]


# -- generic scope ------------------------------------------------------------------------------------------------------
def test_a_generic_adverb_scopes_over_its_verbs_list_of_weapons():
    sentence = "Russia regularly targets the Sumy region with drones, missiles, and aerial bombs, officials said."
    assert triggers(sentence) == []


def test_ever_since_is_generic_in_its_own_verb_phrase_only():
    sentence = ("The town lies 10 kilometres from Kupiansk, a town that was liberated in September and has been "
                "under heavy Russian shelling ever since.")
    assert [t.sub for t in triggers(sentence)] == ["recapture"]


def test_a_participle_before_a_noun_describes_no_strike():
    assert triggers("The leaders walked along the bombed ruins of the city centre.") == []
    assert [t.sub for t in triggers("The Russians bombed the city centre on Monday.")] == ["airstrike"]


# -- an earlier period goes on ----------------------------------------------------------------------------------------
def test_then_goes_on_about_the_earlier_period(geoparser):
    body = ("Russian missiles struck Kramatorsk on Tuesday evening, injuring 40 people, the governor said.\n\n"
            "On this day in 2022, Russian missiles hit a shopping centre in Kremenchuk. Then, 21 people were killed "
            "and 77 others injured.")
    kramatorsk = [e for e in _events(geoparser, body) if e.admin1_code == "UA-14"]
    assert [(e.killed, e.injured) for e in kramatorsk] == [(None, 40)]


# -- one number for both kinds ----------------------------------------------------------------------------------------
def test_killed_or_wounded_is_no_toll():
    assert [f.role for f in figures("Over 1,200 soldiers were killed or wounded, the ministry said.")] == ["combined"]
    assert [(f.kind, f.role) for f in figures("The strike killed two and injured five.")] == \
        [("killed", "total"), ("injured", "total")]


# -- denials ----------------------------------------------------------------------------------------------------------
def test_a_report_rejected_is_no_change_of_control(geoparser):
    body = "The Kremlin on Monday rejected reports that its troops had withdrawn from Kupiansk."
    assert events_of(_events(geoparser, body), "frontline_incident") == []


def test_a_strike_not_confirmed_is_no_strike(geoparser):
    body = "The air force said on Monday it was unable to confirm the strike on Dnipro."
    assert _events(geoparser, body) == []


# -- possession --------------------------------------------------------------------------------------------------------
def test_a_possessive_owns_the_noun_a_region_modifies():
    assert not _POSSESSED.search("after Russia's Kharkiv Oblast offensive failed")
    assert _POSSESSED.search("in Russia's Zaporizhzhia region, which Moscow claims")
    assert _POSSESSED.search("Russia's Kherson region suffered heavy shelling")


# -- the side a place fell to -----------------------------------------------------------------------------------------
def test_a_place_fell_to_the_side_named_after_to():
    assert [(t.sub, t.gains) for t in triggers("The town fell to Russian forces on Saturday.")] == [("capture", "Russia")]


# -- a strike as the subject of a modal verb --------------------------------------------------------------------------
def test_an_indefinite_strike_before_a_modal_is_a_hypothetical():
    assert triggers("A Russian attack on the city would be a disaster, the mayor said.") == []
    assert [t.sub for t in triggers("The attack on the city will be investigated, the prosecutor said.")] == ["attack"]
    assert [t.sub for t in triggers("A Russian missile strike on the city killed three people, and officials said more "
                                    "attacks could follow.")] == ["missile_strike"]


def test_a_place_liberated_from_a_side_was_taken_by_the_other():
    assert [(t.sub, t.gains) for t in triggers("The town was liberated from Russian occupiers on Monday.")] == \
        [("recapture", "Ukraine")]
    # control: a strike "from" a side says where it came from, not who lost a place
    assert [t.actor for t in triggers("Drones attacked the city from the Ukrainian side, the governor said.")] == \
        ["unknown"]


# -- a side's summary told with no place -------------------------------------------------------------------------------
def test_a_placeless_summary_borrows_no_place(geoparser):
    body = ("Russian troops took control of the village of Ocheretyne in the Donetsk region, the ministry said on "
            "Monday.\n\nRussian forces also struck depots used to store Western weapons. More than 400 Ukrainian "
            "soldiers were killed or wounded, the ministry said. Air defences shot down 40 drones over 24 hours.")
    assert [e.sub_event_type for e in _events(geoparser, body)] == ["capture"]


def test_strikes_at_the_place_told_before_with_a_toll_are_an_incident(geoparser):
    # control: the same shape with a toll of its own is an incident at the place named before
    body = ("Russian troops shelled the Donetsk region town of Kostiantynivka on Monday, the governor said.\n\n"
            "Russian forces also struck a market. Two civilians were killed, he said.")
    assert [(e.event_type, e.killed) for e in _events(geoparser, body)] == [("casualty_report", 2)]


def test_a_week_of_shelling_is_a_sum_not_an_incident():
    assert triggers("Over the past week, Russian shelling killed 12 civilians in the region.") == []


def test_a_generic_opener_does_not_reach_into_a_later_clause():
    sentence = ("In recent months, Moscow has tried to advance in the north, after its military said it had ousted "
                "Ukrainian troops from the border region.")
    assert [t.sub for t in triggers(sentence)] == ["recapture"]
