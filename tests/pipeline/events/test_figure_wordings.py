"""Session 12 (figures14): casualty wordings, the toll's roles and event dates (synthetic sentences only)."""

from __future__ import annotations

from pipeline.events.figures import figures
from pipeline.text.dates import EventDate, explicit_date

SUNDAY = EventDate("2025-06-29", 1)


def _read(sentence: str) -> list[tuple[str, int, str]]:
    return [(f.kind, f.value, f.role) for f in figures(sentence)]


def test_an_age_standing_for_the_person_is_one_victim():
    assert _read("A 72-year-old died in hospital after the shelling.") == [("killed", 1, "individual")]
    assert _read("A 72-year-old resident of the village was wounded.") == [("injured", 1, "individual")]
    # the age before its noun is still one victim, and a list with it counts each one
    assert _read("The strike killed a 12-year-old girl and her mother.") == [("killed", 2, "individual")]


def test_hospitalised_people_are_injured_but_dying_in_hospital_is_not():
    assert _read("Three people were hospitalised after the drone attack.") == [("injured", 3, "total")]
    assert _read("A woman was taken to hospital with shrapnel wounds.") == [("injured", 1, "individual")]
    assert _read("Two people died in hospital after the strike.") == [("killed", 2, "total")]


def test_others_after_a_figure_of_the_other_kind_is_a_total_not_an_increment():
    assert _read("The attack killed one person and injured three others.") == \
        [("killed", 1, "individual"), ("injured", 3, "total")]
    assert _read("Two people died and another 10 were hospitalised.") == [("killed", 2, "total"), ("injured", 10, "total")]
    # the same kind before: still one more than those already told
    assert ("killed", 3, "increment") in _read("Two people were killed in the morning and three more died later.")


def test_a_list_counted_by_category_is_summed():
    assert _read("The strike killed three civilians and two soldiers.") == [("killed", 5, "total")]
    assert _read("Two children and three adults were injured.") == [("injured", 5, "individual")]


def test_single_victims_of_the_other_kind_and_couples():
    assert _read("One person was killed and another injured.") == [("killed", 1, "individual"),
                                                                    ("injured", 1, "individual")]
    assert _read("An elderly woman was killed and her husband was injured.") == [("killed", 1, "individual"),
                                                                                 ("injured", 1, "individual")]
    assert _read("An elderly couple died in the shelling.") == [("killed", 2, "individual")]
    # a relative who died of old age long ago is no victim of an attack
    assert _read("After her husband died in 1992, she ran the shop alone.") == []


def test_other_wordings_of_the_dead():
    assert _read("The attack claimed two lives.") == [("killed", 2, "total")]
    assert _read("Rescuers pulled the bodies of three people from the rubble.") == [("killed", 3, "total")]
    assert _read("Five people were reported dead.") == [("killed", 5, "total")]
    assert _read("The number of people killed has risen to 14.") == [("killed", 14, "total")]
    assert ("killed", 2, "increment") in _read("Rescuers found two more bodies, bringing the death toll to 14.")


def test_no_conjunction_between_a_number_and_the_wounded():
    assert _read("The attack killed five and wounded 20.") == [("killed", 5, "total"), ("injured", 20, "total")]


def test_a_past_years_toll_is_background_never_the_toll():
    assert _read("Last year, a bombing at the city's train station killed 63 people.") == [("killed", 63, "background")]


def test_overnight_is_the_day_it_was_said():
    said = "Drones targeted the port city overnight, killing two, according to local authorities on Saturday."
    assert explicit_date(said, SUNDAY).date == "2025-06-28"
    assert explicit_date("Drones targeted the port city overnight, killing two.", SUNDAY).date == "2025-06-29"
    assert explicit_date("Drones hit the city overnight on Saturday, killing two.", SUNDAY).date == "2025-06-28"
    assert explicit_date("Officials said on Friday that a strike the previous day killed two.", SUNDAY).date == \
        "2025-06-26"
    assert explicit_date("A missile hit the city overnight into Wednesday.", SUNDAY).date == "2025-06-25"


def test_today_dates_the_report_not_the_event():
    assert explicit_date("Crews today sifted through the rubble of the building.", SUNDAY) is None
    assert explicit_date("Crews today sifted through the rubble.", SUNDAY, skip_speech=False).date == "2025-06-29"


def test_a_month_and_year_naming_an_incident_dates_it():
    found = explicit_date("The city was hit before, most notably in an April 2022 strike that killed 63.", SUNDAY)
    assert (found.date, found.precision) == ("2022-04-01", 3)


def test_an_undated_page_never_gets_a_year():
    undated = EventDate(None, None)
    assert explicit_date("A missile hit the city overnight on March 9.", undated) is None


# -- session 13 (figures16): "another" alone, deaths of wounds, an age in apposition ------------------------------
def test_another_alone_is_one_more_victim_of_its_own_kind():
    assert _read("A missile killed one person and injured another in the city.") == \
        [("killed", 1, "individual"), ("injured", 1, "individual")]
    assert _read("One man was killed, another was injured.") == [("killed", 1, "individual"),
                                                                ("injured", 1, "individual")]
    assert _read("Another was wounded.") == [("injured", 1, "individual")]
    assert _read("The shelling killed another civilian.") == [("killed", 1, "individual")]
    assert [f.additional for f in figures("The drone wounded another man in the town.")] == [True]
    # "another" before a number or a thing is no victim
    assert _read("Another attack injured two.") == [("injured", 2, "total")]


def test_dying_of_wounds_is_a_death():
    assert _read("Two soldiers succumbed to their wounds.") == [("killed", 2, "total")]
    assert _read("A woman succumbed to her injuries in hospital.") == [("killed", 1, "individual")]
    assert _read("He later died of his wounds.") == [("killed", 1, "individual")]
    assert _read("She succumbed to her injuries on Tuesday.") == [("killed", 1, "individual")]
    assert _read("He died of a heart attack.") == []


def test_an_age_in_apposition_keeps_the_victim():
    assert _read("A man, 54, was killed.") == [("killed", 1, "individual")]
    assert _read("A woman, 71, was wounded by shrapnel.") == [("injured", 1, "individual")]


def test_victims_counted_in_words():
    assert _read("A man was killed.") == [("killed", 1, "individual")]
    assert _read("A woman and her son were wounded.") == [("injured", 2, "individual")]
    assert _read("Two people, including a child, were injured.") == [("injured", 2, "total")]
    assert _read("The shelling injured two people, including a child.") == [("injured", 2, "total")]


def test_fatal_injuries_to_victims_are_deaths():
    assert _read("The strike on the house resulted in fatal injuries to two elderly women.") == [("killed", 2, "total")]
    assert _read("The shelling caused fatal injuries to a man.") == [("killed", 1, "individual")]


def test_ages_after_a_count_are_no_count():
    assert _read("As a result of the shelling, two civilian men aged 40 and 20 were wounded.") == [("injured", 2, "total")]
    assert _read("Two men aged 40 and 20 were killed, and 20 were wounded.") == \
        [("killed", 2, "total"), ("injured", 20, "total")]


def test_a_figure_of_the_other_kind_splits_a_list_into_two_clauses():
    assert _read("The attack claimed the lives of 51 civilians, and six people were injured.") == \
        [("killed", 51, "total"), ("injured", 6, "total")]
    assert _read("Two children and three adults were injured.") == [("injured", 5, "individual")]


def test_medical_aid_tells_the_injured():
    assert _read("In the town, two people were provided with medical aid.") == [("injured", 2, "total")]
    assert _read("Three people sought medical help after the attack.") == [("injured", 3, "total")]


def test_another_before_a_number_is_no_single_victim():
    assert ("injured", 1, "individual") not in _read("The strike injured another 20 people.")
    assert ("killed", 1, "individual") not in _read("The shelling killed another 12 civilians.")


def test_those_in_hospital_now_are_no_update_of_the_injured():
    from pipeline.events.incidents import toll

    figs = figures("Thirty people were injured.") + figures("As of now, 12 people are in hospital.")
    assert toll([f for f in figs if f.kind == "injured"]) == 30
    assert toll(figures("As of now, 12 people are in hospital.")) == 12  # the only figure: still the injured
