"""Event extraction on small synthetic sentences, geoparsed with the real gazetteer.

Covers casualty figures, incident sub-types, hypothetical sentences, claims, merging within
and across articles, and stable ids. The texts are written for these tests, not the seeds.
"""

from __future__ import annotations

import pytest

from pipeline.events.extract import Event, casualties, event_id, merge_across_articles, parse_number
from pipeline.events.figures import figures
from pipeline.events.incidents import distinct_settlements
from pipeline.output.export import event_features
from tests.fixtures import article_events as _events
from tests.fixtures import make_place

DATE_HEADER = "date 2023-03-10\n"  # a Friday


def _only(events: list[Event], event_type: str) -> list[Event]:
    return [e for e in events if e.event_type == event_type]


# -- casualty figures ------------------------------------------------------------------------
def test_killing_and_wounding_participles_give_both_figures():
    killed, injured, wording = casualties("Shelling hit the market, killing at least 18 people and wounding 59.")
    assert (killed, injured) == (18, 59)
    assert any("18" in w for w in wording) and any("59" in w for w in wording)


def test_had_been_killed_and_wounded_give_both_figures():
    assert casualties("Officials said 25 people had been killed and 74 wounded.")[:2] == (25, 74)


def test_around_a_dozen_bodies_after_a_verb_count_as_twelve_killed():
    assert casualties("Rescuers recovered around a dozen bodies from the rubble.")[:2] == (12, None)


def test_around_a_dozen_bodies_as_sentence_subject_count_as_twelve_killed():
    # the same count as the previous test, worded in the passive: "bodies" alone marks the dead
    assert casualties("Around a dozen bodies were found in the basement.")[:2] == (12, None)


def test_dozens_are_a_vague_claim_without_a_toll():
    assert casualties("Dozens of people were wounded in the blast.")[:2] == (None, None)
    assert [(f.kind, f.role) for f in figures("Dozens of people were wounded in the blast.")] == [("injured", "vague")]
    assert parse_number("dozens") == 24
    assert parse_number("a dozen") == 12


def test_number_words_and_thousands_separators_parse():
    assert parse_number("twelve") == 12
    assert parse_number("Two") == 2
    assert parse_number("1,200") == 1200
    assert parse_number("many") is None
    assert casualties("Two people were killed and three injured.")[:2] == (2, 3)


def test_year_is_not_a_casualty_count():
    assert casualties("Fighting that began in 2014 killed many civilians.")[:2] == (None, None)


def test_people_inside_a_building_are_not_casualties():
    assert casualties("More than 1,000 people were inside the building when it was hit.") == (None, None, [])


def test_day_of_month_before_killed_is_not_a_casualty_count():
    # "January 14 killed 40": 14 is the day, 40 the dead
    killed, injured, _ = casualties("A missile strike on January 14 killed 40 people and wounded 75.")
    assert (killed, injured) == (40, 75)


def test_several_stated_totals_give_the_largest_and_keep_every_wording():
    # the toll rule (pipeline/events/incidents.py): the largest stated total unless one is worded as an update
    killed, _, wording = casualties("At least 7 civilians died; local media said 9 people were killed.")
    assert killed == 9
    assert len(wording) == 2


def test_casualty_report_carries_place_figures_and_wording(parser):
    text = DATE_HEADER + "Shelling hit Kharkiv on Tuesday, killing at least 18 people and wounding 59, officials said."
    reports = _only(_events(parser, text), "casualty_report")
    assert len(reports) == 1
    report = reports[0]
    assert (report.killed, report.injured) == (18, 59)
    assert report.admin1_code == "UA-63"
    assert report.place.name == "Kharkiv"
    assert report.sub_event_type == "shelling"
    assert report.when.date == "2023-03-07"  # the Tuesday before the Friday article
    assert report.casualty_text


def test_sentence_without_numbers_next_to_casualty_words_gives_no_casualty_report(parser):
    text = DATE_HEADER + "More than 1,000 people were inside the shopping centre in Vinnytsia when the missile struck."
    events = _events(parser, text)
    assert _only(events, "casualty_report") == []
    assert [e.sub_event_type for e in _only(events, "frontline_incident")] == ["missile_strike"]


# -- incidents -------------------------------------------------------------------------------
@pytest.mark.parametrize(("sentence", "sub_event_type", "admin1_code"), [
    ("Ukrainian troops encircled the town of Bakhmut.", "encirclement", "UA-14"),
    ("Ukrainian forces recaptured Kherson.", "recapture", "UA-65"),
    ("Russian forces withdrew from Kupiansk.", "withdrawal", "UA-63"),
    ("Russian troops shelled Nikopol overnight.", "shelling", "UA-12"),
    ("A missile struck an apartment block in Chernihiv.", "missile_strike", "UA-74"),
])
def test_incident_verbs_give_their_sub_event_type(parser, sentence, sub_event_type, admin1_code):
    incidents = _only(_events(parser, DATE_HEADER + sentence), "frontline_incident")
    assert [(e.sub_event_type, e.admin1_code) for e in incidents] == [(sub_event_type, admin1_code)]
    assert incidents[0].geo_precision == 1


def test_hypothetical_sentence_gives_no_incident(parser):
    assert _events(parser, DATE_HEADER + "Ukrainian troops could encircle Bakhmut within days.") == []
    assert _events(parser, DATE_HEADER + "Commanders warned that Russian forces might withdraw from Kupiansk.") == []


def test_incident_near_a_town_has_coarser_geo_precision(parser):
    incidents = _only(_events(parser, DATE_HEADER + "Shelling hit a village outside Kharkiv."), "frontline_incident")
    assert [e.geo_precision for e in incidents] == [2]


def test_the_convoy_attaches_to_the_preceding_place(parser):
    text = DATE_HEADER + ("A convoy of civilian cars gathered at a car park near Kherson.\n\n"
                          "Rockets struck the convoy on Friday.")
    incidents = _only(_events(parser, text), "frontline_incident")
    assert len(incidents) == 1
    assert incidents[0].admin1_code == "UA-65"
    assert incidents[0].when.date == "2023-03-10"
    assert incidents[0].geo_precision >= 2


def test_incident_in_an_earlier_year_is_undated(parser):
    text = DATE_HEADER + "The town of Mariupol was shelled in 2014."
    incidents = _only(_events(parser, text), "frontline_incident")
    assert [(e.sub_event_type, e.when.date) for e in incidents] == [("shelling", None)]


# -- claims ----------------------------------------------------------------------------------
def test_annexation_of_an_admin1_unit_by_a_named_country_is_a_claim(parser):
    text = DATE_HEADER + "Russia said it had absorbed the Kharkiv region, a move Ukraine rejected as illegal."
    claims = _only(_events(parser, text), "annexation_claim")
    assert len(claims) == 1
    claim = claims[0]
    assert (claim.admin1_code, claim.country_code, claim.claimed_by) == ("UA-63", "UA", "RU")
    assert "unrecognised" in claim.claim_status
    assert claim.geo_precision == 3


def test_claim_needs_a_claimant_country(parser):
    assert _events(parser, DATE_HEADER + "The parliament voted to annex the Kharkiv region.") == []


def test_claim_needs_an_admin1_unit(parser):
    # "the city of Kharkiv" is a city, not the oblast
    assert _only(_events(parser, DATE_HEADER + "Russia annexed the city of Kharkiv."), "annexation_claim") == []


def test_referendum_and_ratification_are_claim_stages(parser):
    referendum = _events(parser, DATE_HEADER + "Kremlin officials held a referendum in the Kharkiv region to join Russia.")
    assert [(e.sub_event_type, e.claimed_by) for e in referendum] == [("referendum", "RU")]
    ratified = _events(parser, DATE_HEADER + "Russia's parliament ratified treaties absorbing the Sumy and Chernihiv regions.")
    assert sorted((e.admin1_code, e.sub_event_type) for e in ratified) == [("UA-59", "ratification"),
                                                                           ("UA-74", "ratification")]


def test_claims_of_one_oblast_in_one_article_are_one_event(parser):
    text = DATE_HEADER + ("Russia held a referendum in the Sumy region.\n\n"
                          "Russia's parliament then ratified the treaty absorbing the Sumy region.")
    claims = _only(_events(parser, text), "annexation_claim")
    assert len(claims) == 1
    assert len(claims[0].sources) == 2
    assert claims[0].sub_event_type == "ratification"  # the furthest stage reached


# -- merging and ids -------------------------------------------------------------------------
def test_strike_and_its_casualties_are_one_event(parser):
    text = DATE_HEADER + "A missile struck a school in Poltava. Officials said 25 people had been killed and 74 wounded."
    events = _events(parser, text)
    assert len(events) == 1
    report = events[0]
    assert report.event_type == "casualty_report"
    assert report.sub_event_type == "missile_strike"
    assert (report.killed, report.injured, report.admin1_code) == (25, 74, "UA-53")
    assert len(report.sources) == 2


def test_same_incident_in_two_articles_is_one_feature_with_two_sources(parser):
    first = _events(parser, "date 2023-03-10\nUkrainian troops encircled Bakhmut on Friday.", "first.txt")
    second = _events(parser, "date 2023-03-11\nBakhmut was encircled by Ukrainian troops on Friday.", "second.txt")
    merged = merge_across_articles([first, second])
    assert len(merged) == 1
    assert {s.article for s in merged[0].sources} == {"first.txt", "second.txt"}
    (feature,) = event_features(merged)["features"]
    assert feature["properties"]["n_sources"] == 2
    assert feature["properties"]["date"] == "2023-03-10"


def test_incidents_at_different_places_stay_apart(parser):
    first = _events(parser, DATE_HEADER + "Ukrainian troops encircled Bakhmut.", "first.txt")
    second = _events(parser, DATE_HEADER + "Ukrainian forces recaptured Kherson.", "second.txt")
    merged = merge_across_articles([first, second])
    assert sorted((e.sub_event_type, e.admin1_code) for e in merged) == [("encirclement", "UA-14"),
                                                                         ("recapture", "UA-65")]


def test_incidents_weeks_apart_stay_apart(parser):
    first = _events(parser, "date 2023-03-10\nRussian troops shelled Nikopol on Friday.", "first.txt")
    second = _events(parser, "date 2023-04-21\nRussian troops shelled Nikopol on Friday.", "second.txt")
    assert len(merge_across_articles([first, second])) == 2


def test_claims_merge_per_oblast_across_articles(parser):
    first = _events(parser, DATE_HEADER + "Russia held a referendum in the Sumy region.", "first.txt")
    second = _events(parser, DATE_HEADER + "Russia annexed the Sumy region, a move condemned as illegal.", "second.txt")
    merged = merge_across_articles([first, second])
    assert len(merged) == 1
    assert {s.article for s in merged[0].sources} == {"first.txt", "second.txt"}
    assert merged[0].claimed_by == "RU"


def _ids(parser, texts: list[tuple[str, str]]) -> list[str]:
    return sorted(event_id(e) for e in merge_across_articles([_events(parser, t, n) for n, t in texts]))


def test_event_ids_are_stable_across_runs_and_article_order(parser):
    texts = [("first.txt", "date 2023-03-10\nUkrainian troops encircled Bakhmut on Friday."),
             ("second.txt", "date 2023-03-11\nBakhmut was encircled by Ukrainian troops on Friday."),
             ("third.txt", DATE_HEADER + "Shelling hit Kharkiv, killing 3 people.")]
    ids = _ids(parser, texts)
    assert len(ids) == len(set(ids)) == 2
    assert ids == _ids(parser, texts)
    assert ids == _ids(parser, texts[::-1])
    assert all(i.startswith("CM-") for i in ids)


def test_event_id_changes_with_its_sources(parser):
    one = _ids(parser, [("first.txt", DATE_HEADER + "Ukrainian troops encircled Bakhmut.")])
    other = _ids(parser, [("other.txt", DATE_HEADER + "Ukrainian troops encircled Bakhmut.")])
    assert one != other


def test_no_one_killed_is_zero_and_joins_the_incident_it_follows(parser):
    text = (DATE_HEADER + "Russian drones attacked the port of Odesa overnight, injuring four workers. "
            "No one was killed.")
    reports = _only(_events(parser, text), "casualty_report")
    assert [(e.killed, e.injured) for e in reports] == [(0, 4)]


def test_a_lone_no_one_killed_is_no_casualty_report(parser):
    text = DATE_HEADER + "No one was killed in the accident at the factory, officials in Lviv said."
    assert _only(_events(parser, text), "casualty_report") == []


def test_a_capital_in_the_possessive_stands_for_its_government(parser):
    text = DATE_HEADER + "Russian forces withdrew from Kherson, one of Kyiv's biggest gains of the war."
    places = {e.place.name for e in _only(_events(parser, text), "frontline_incident")}
    assert places == {"Kherson"}


# -- issue 15 item 3: implausible figures --------------------------------------------------------
@pytest.mark.parametrize("figure", ["99999999999999999999", "20000000", "9" * 5000])
def test_casualty_figure_above_ten_million_is_rejected_not_kept(figure):
    from pipeline.text.validate import collect_rejections

    with collect_rejections() as rejected:
        killed, injured, _ = casualties(f"Shelling killed {figure} people and injured 3.")
    assert killed is None and injured == 3
    assert len(rejected) == 1


def test_neighbouring_villages_two_km_apart_are_two_changes_of_control():
    a = make_place("Foovka", geonameid=1)
    near = make_place("Barivka", start=40, geonameid=2, lat=a.lat + 0.0176)  # 1.96 km north: a neighbour
    assert distinct_settlements(a, near)
    assert not distinct_settlements(a, make_place("Foovka Town", start=40, geonameid=3, lat=a.lat + 0.005))
