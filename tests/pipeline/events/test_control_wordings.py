"""Change-of-control wordings, failed or generic actions, fatal wounds and background dates (issue 13).

Unit tests on single sentences, no geoparser. Every sentence is written for these tests; none comes from an
evaluation set.
"""

from __future__ import annotations

import pytest

from pipeline.events.figures import figures
from pipeline.events.incidents import usable
from pipeline.events.triggers import separate, triggers
from pipeline.text.dates import EventDate, explicit_date
from tests.fixtures import make_place


def _control(sentence: str) -> list[tuple[str, str, bool]]:
    return [(t.sub, t.gains, t.passive) for t in triggers(sentence) if t.control]


# -- W1: change-of-control wordings, with the side that gains the place ----------------------------
def test_gave_up_is_a_withdrawal_the_other_side_gains():
    assert _control("On Sunday Ukrainian units gave up the small town of Vuhledar after weeks of fighting.") == [
        ("withdrawal", "Russia", False)]


def test_gave_up_hope_is_no_withdrawal():
    assert _control("The family gave up hope of leaving Bakhmut.") == []


def test_combatants_left_a_named_place_is_a_withdrawal():
    assert _control("Local officials said the Russian invaders left the Vysokopillia area overnight.") == [
        ("withdrawal", "Ukraine", False)]


@pytest.mark.parametrize("sentence", ["The soldiers left for the front on Monday.",
                                      "Russian troops left behind mines and burnt vehicles."])
def test_left_without_a_named_place_is_no_withdrawal(sentence):
    assert _control(sentence) == []


def test_now_under_control_of_a_side_names_the_holder():
    found = triggers("The hamlet of Novoselivka is now under the control of the Russian army, a blogger wrote.")
    assert [(t.sub, t.actor, t.passive) for t in found] == [("recapture", "Russia", True)]
    assert found[0].direction("UA") == "capture"  # the other side gains a place of Ukraine


def test_returning_to_ukrainian_control_is_a_recapture():
    found = triggers("Troops have reached the town, which is returning to Ukrainian control.")
    assert [(t.actor, t.direction("UA")) for t in found if t.control] == [("Ukraine", "recapture")]


def test_remaining_under_control_is_no_change():
    assert _control("The port remains under Russian control.") == []


def test_an_attack_told_by_its_failure_is_an_attack():
    found = triggers("Enemy units tried to storm the bridgehead near the river, but were repelled.")
    assert [t.sub for t in found] == ["attack"]


def test_pushed_back_in_time_is_no_attack():
    assert triggers("The talks were pushed back to next month.") == []


# -- S1, S2: a legal act, a failed action, a campaign are no capture or strike ---------------------
def test_officially_seized_by_decree_is_no_capture():
    assert _control("The province was officially seized when the decrees were signed in a ceremony.") == []


def test_failing_to_capture_is_no_capture_and_a_campaign_is_no_strike():
    assert triggers("After failing to capture Kharkiv, the army switched to a campaign of heavy shelling.") == []


def test_capital_as_agent_is_no_place():
    text = "towns held by Moscow"
    moscow = make_place("Moscow", start=text.index("Moscow"), geonameid=524901, admin1_code="RU-MOW",
                        admin1_name="Moscow", country_code="RU", capital=True)
    assert not usable(moscow, text)
    assert usable(moscow, "a drone fell in Moscow")


# -- F2, D1: a similar earlier attack is another incident; fatal wounds are deaths ----------------
def test_a_similar_earlier_attack_is_another_incident():
    assert separate("The depot had been hit by a similar drone attack in early March.")
    assert not separate("The depot was hit by a drone attack on Monday.")


def test_was_also_hit_is_an_attack():
    assert [t.sub for t in triggers("Meanwhile, the port city of Izmail was also hit, officials said.")] == ["attack"]


def test_fatal_wounds_are_killed_not_injured():
    found = [(f.kind, f.value) for f in figures("Two firefighters suffered fatal wounds from the blast, the police said.")]
    assert found == [("killed", 2)]
    assert [(f.kind, f.value) for f in figures("Two firefighters suffered wounds from the blast.")] == [("injured", 2)]


def test_since_a_date_does_not_date_the_incident():
    page = EventDate("2023-05-15", 1, "page")
    assert explicit_date("It was the first strike on the city since April 2.", page) is None
    assert explicit_date("The city was struck on April 2.", page).date == "2023-04-02"


def test_a_river_named_by_its_bank_is_no_place():
    text = "troops withdrew to the left bank of the Dnipro"
    dnipro = make_place("Dnipro", start=text.index("Dnipro"), geonameid=709930, admin1_code="UA-12",
                        admin1_name="Dnipropetrovsk")
    assert not usable(dnipro, text)
    assert usable(dnipro, "a missile hit Dnipro")


def test_a_place_after_a_side_bank_without_article_is_no_place():
    text = "troops held the right bank of Dnipro for weeks"
    dnipro = make_place("Dnipro", start=text.index("Dnipro"), geonameid=709930, admin1_code="UA-12",
                        admin1_name="Dnipropetrovsk")
    assert not usable(dnipro, text)


def test_a_masthead_after_a_place_is_the_outlet_but_a_post_office_is_a_place():
    text = "a strike hit the Kyiv Post Office"
    kyiv = make_place("Kyiv", start=text.index("Kyiv"), geonameid=703448, admin1_code="UA-30",
                      admin1_name="Kyiv City", country_code="UA", capital=True)
    assert usable(kyiv, text)
    quoted = "30 people died, the Kyiv Post reported"
    kyiv = make_place("Kyiv", start=quoted.index("Kyiv"), geonameid=703448, admin1_code="UA-30",
                      admin1_name="Kyiv City", country_code="UA", capital=True)
    assert not usable(kyiv, quoted)
