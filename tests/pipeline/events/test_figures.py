"""Casualty figures of one sentence and the toll of one incident: single victims, vague plurals, daily totals.

Every text here is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

from pipeline.events.figures import continues_aggregate, figures, individuals
from tests.fixtures import article_events as _events


def _read(sentence: str) -> list[tuple[str, int, str]]:
    return [(f.kind, f.value, f.role) for f in figures(sentence)]


# -- E5: one victim told without a numeral -----------------------------------------------------------
def test_an_injured_man_with_his_age_and_home_town_is_one_injured():
    assert _read("A 31-year-old man from Nikopol was also injured.") == [("injured", 1, "individual")]


def test_a_victim_suffering_an_injury_is_one_injured():
    assert _read("One woman suffered a shrapnel wound in the yard.") == [("injured", 1, "individual")]
    assert _read("Another 45-year-old man received a leg injury.") == [("injured", 1, "individual")]


def test_a_victim_with_an_apposition_before_the_verb_is_one_killed():
    assert _read("A village official in Sumy, a former teacher, was killed in the shelling.") == \
        [("killed", 1, "individual")]


def test_a_named_person_who_died_of_an_attack_is_one_killed():
    assert _read("The deputy mayor of the town, Petro Ivanenko, died as a result of a drone attack.") == \
        [("killed", 1, "individual")]
    assert _read("Oksana Melnyk died in the strike on the market.") == [("killed", 1, "individual")]


def test_a_count_in_words_is_not_read_as_a_name():
    assert _read("Two people died in the strike on the market.") == [("killed", 2, "total")]


def test_killing_a_couple_is_two_and_killing_a_man_one():
    assert _read("The shell hit a house in the village, killing a couple, the governor said.") == \
        [("killed", 2, "individual")]
    assert _read("Artillery struck the yard, killing a man.") == [("killed", 1, "individual")]


def test_killing_a_stated_number_stays_a_total():
    assert _read("The strike killed two people and a dog.") == [("killed", 2, "total")]


def test_the_same_victim_retold_is_counted_once(parser):
    text = ("date 2023-03-10\nRussian artillery shelled Kupiansk, killing a man. A 58-year-old man was killed "
            "when a shell hit his house, the governor said. A woman was also injured.")
    found = [e for e in _events(parser, text) if e.event_type == "casualty_report"]
    assert [(e.killed, e.injured) for e in found] == [(1, 1)]


def test_individuals_take_the_largest_retelling_plus_the_additional_ones():
    figs = (figures("A man and his wife died in the fire.") + figures("Killing a man, the shell hit the house.", 100)
            + figures("A woman was also killed.", 200))
    assert individuals([f for f in figs if f.kind == "killed"]) == 3
    assert individuals([]) is None


# -- vague quantities: a claim, no toll ---------------------------------------------------------------
def test_dozens_and_hundreds_are_vague_claims_not_a_toll():
    assert _read("Dozens of civilians were killed in the city.") == [("killed", 24, "vague")]
    assert _read("Hundreds of people were wounded.") == [("injured", 200, "vague")]
    assert _read("A dozen people were killed.") == [("killed", 12, "total")]


def test_an_incident_with_only_dozens_killed_has_no_toll(parser):
    text = "date 2023-03-10\nA Russian missile struck Kramatorsk on Thursday. Dozens of people were killed, officials said."
    events = _events(parser, text)
    assert events and all(e.killed is None for e in events)
    assert all(e.event_type == "frontline_incident" for e in events)


# -- E6: a daily total is not the toll of one incident ------------------------------------------------
def test_a_total_over_the_past_day_is_an_aggregate():
    assert _read("In total over the past day the shelling killed four people and wounded nine.") == \
        [("killed", 4, "aggregate"), ("injured", 9, "aggregate")]


def test_the_sentence_after_a_daily_total_continues_it():
    first = "In total, over the past day, the Russians fired 60 shells at the city."
    then = "They hit a school and a hospital, killing four people and injuring nine."
    assert continues_aggregate(first, then)
    assert not continues_aggregate("The Russians shelled the city at night.", then)
    assert not continues_aggregate(first, "A shell hit a school, killing four people.")
    assert {f.role for f in figures(then, scoped=True)} == {"aggregate"}


def test_daily_total_after_the_night_strike_does_not_replace_its_toll(parser):
    text = ("date 2023-11-20\nThe Russians shelled Kherson at night. A 70-year-old man and his wife died when a "
            "shell hit their house, and another man was wounded, the governor said.\n\n"
            "In total, over the past day, the Russians fired 50 shells at Kherson. They hit a school and a "
            "hospital, killing five people and injuring eight.")
    found = [e for e in _events(parser, text) if e.event_type == "casualty_report"]
    assert [(e.killed, e.injured) for e in found] == [(2, 1)]
    assert {c.role for c in found[0].casualty_claims if c.value in (5, 8)} == {"aggregate"}



# -- session 11: the cheap word tests before each pattern change nothing ----------------------------------
_GATED = (
    "Shelling killed at least 12 people and wounded 30 more, including four children, the governor said.",
    "The death toll rose to 58 on Sunday, with 14 fatalities among rescuers.",
    "Reuters saw 11 bodies in the yard; 40 bodies were recovered from the rubble and 9 have been buried.",
    "A 67-year-old woman and her husband were killed, and another man sustained shrapnel wounds.",
    "Investigators found 440 graves near the town, where the number of dead rose to 460.",
    "Ivan Petrenko, a local teacher, died as a result of the shelling, and two pensioners were hurt.",
    "SHELLING KILLED AT LEAST 12 PEOPLE AND WOUNDED 30 MORE.",
    "No one was killed, but 3 people suffered injuries; a man got a concussion.",
    "The number of injured increased to 27, while the lives of 5 soldiers were lost.",
)


def test_every_word_a_pattern_needs_is_spelt_in_that_pattern():
    from pipeline.events import figures as module
    for (_kind, _role, pattern), needs in zip(module._PATTERNS, module._NEEDS):
        for group in needs:
            assert all(word in pattern.pattern.lower() for word in group), (pattern.pattern[:60], group)


def test_the_word_tests_find_the_same_figures_as_every_pattern_tried(monkeypatch):
    from pipeline.events import figures as module
    gated = [figures(s, 5) for s in _GATED]
    assert all(gated)  # every sentence states figures
    monkeypatch.setattr(module, "_has", lambda low, needs: True)
    assert [figures(s, 5) for s in _GATED] == gated


def test_a_letter_ignorecase_takes_for_another_still_passes_the_word_tests():
    # the long s and the Kelvin sign are "s" and "k" to IGNORECASE, though ``str.lower`` keeps them
    assert _read("Shelling \u212aILLED at least 12 people and wounded 30 more.") == \
        _read("Shelling killed at least 12 people and wounded 30 more.")
    for spelt in ("bodieſ", "BODİES"):  # a long s, a dotted capital I: only the fold makes them "bodies"
        assert _read(f"Rescuers said 40 {spelt} were recovered from the rubble.") == [("killed", 40, "total")], spelt
