"""How an incident's place is chosen (issue 13, the "wrong oblast" class): the place syntactically attached to the
incident wins over a place that only locates it, a capital acting as the state, a street named after a town, or a
namesake the text itself contradicts; each class has a control that keeps its event.

Every sentence is written for these tests; none comes from an evaluation set.
"""

from __future__ import annotations

from tests.fixtures import article_events

WAR = "Russian troops have pressed their offensive in eastern Ukraine for months, the army said.\n\n"


def _events(parser, body: str, date: str = "2024-05-10") -> list:
    return article_events(parser, f"date {date}\n\n{WAR}{body}\n")


def _found(events: list) -> list[tuple[str, str]]:
    return sorted((e.sub_event_type, e.admin1_code) for e in events)


# -- a place that locates an unnamed settlement did not change hands ------------------------------------------------
def test_a_village_taken_near_a_named_town_is_not_the_town(parser):
    # the town only locates the village: no event at the town; at most one at its oblast, marked as oblast-level
    body = "Russia said on Thursday its forces captured another village in their push on the city of Kupiansk."
    found = [e for e in _events(parser, body) if e.event_type == "frontline_incident"]
    assert all(e.place.feature_kind == "admin1" and e.admin1_code == "UA-63" for e in found)


def test_a_headline_village_near_a_town_written_with_a_possessive_is_not_the_town(parser):
    body = "Russian Army Says It Captured Village Near Ukraine's Kupiansk"
    found = [e for e in _events(parser, body) if e.event_type == "frontline_incident"]
    assert all(e.place.feature_kind == "admin1" and e.admin1_code == "UA-63" for e in found)


def test_a_named_village_taken_is_still_placed(parser):
    # control: "the village of X" names what was taken
    body = "Russia said on Thursday its forces captured the village of Synkivka near the city of Kupiansk."
    assert [e.place.name for e in _events(parser, body) if e.sub_event_type == "capture"] == ["Synkivka"]


# -- a capital acting as the state --------------------------------------------------------------------------------
def test_a_capital_that_hits_sites_elsewhere_is_not_where_they_were_hit(parser):
    body = ("Drones set a fuel depot on fire in the Bryansk region overnight, the governor said on Monday. "
            "Kyiv has hit several Russian fuel depots with long-range drones this year.")
    assert "UA-30" not in {e.admin1_code for e in _events(parser, body)}


def test_a_capital_struck_is_still_where_it_happened(parser):
    # control: the capital as what was struck (a passive)
    body = "Kyiv was hit by a missile attack on Monday, injuring three people, the mayor said."
    assert "UA-30" in {e.admin1_code for e in _events(parser, body)}


def test_a_capital_that_holds_a_view_lends_no_place_to_an_unnamed_strike(parser):
    body = ("One civilian was killed on Monday when Russian forces shelled an area near the border.\n\n"
            "Moscow says it controls the area, but Kyiv maintains that its troops are still there.")
    assert "UA-30" not in {e.admin1_code for e in _events(parser, body)}


# -- a street named after a town ----------------------------------------------------------------------------------
def test_a_street_named_after_a_town_is_not_the_town(parser):
    body = ("A Russian missile hit a house on Poltava Street in Kharkiv on Monday, injuring two people, "
            "the governor said.")
    assert {e.admin1_code for e in _events(parser, body)} == {"UA-63"}


# -- the place of the relative clause that tells the strike -------------------------------------------------------
def test_a_strike_told_in_a_relative_clause_is_at_its_head_place(parser):
    body = ("The town of Shebekino lies 10 kilometres from Vovchansk, a Ukrainian town that has been under heavy "
            "Russian shelling on Monday.")
    shelling = [e for e in _events(parser, body) if e.sub_event_type == "shelling"]
    assert [e.admin1_code for e in shelling] == ["UA-63"]


# -- a bearing that locates an oblast -----------------------------------------------------------------------------
def test_a_city_giving_an_oblast_s_bearing_is_not_where_drones_fell(parser):
    body = ("A Ukrainian drone attack triggered a fire at a fuel depot overnight, officials said on Monday. The defence "
            "ministry said it shot down 12 Ukrainian drones overnight, including two over the Tula region, south of "
            "Moscow.")
    assert "RU-MOW" not in {e.admin1_code for e in _events(parser, body)}


# -- hierarchy: the oblast the text gives a settlement, one sense per name, a renamed centre -----------------------
def test_a_renamed_centre_written_with_its_oblast_s_name_is_the_oblast(parser):
    body = "Russian drones struck an energy facility in Dnipropetrovsk on Monday, the regional governor said."
    events = _events(parser, body)
    assert {e.admin1_code for e in events} == {"UA-12"}
    assert all(e.place.feature_kind == "admin1" for e in events)


def test_a_mention_read_abroad_takes_the_reading_the_text_locates():
    from pipeline.events.incidents import one_sense
    from pipeline.model import Place

    text = "Troops retook the Dnipropetrovsk Oblast village of Filia. Russia had claimed Filia in August."
    unit_at, first, second = text.index("Dnipropetrovsk"), text.index("Filia"), text.rindex("Filia")
    oblast = Place(unit_at, unit_at + 21, "Dnipropetrovsk Oblast", "Dnipropetrovsk", 48.5, 35.0, None, "admin1",
                   "UA-12", "Dnipropetrovsk", "UA", 0.9, "")

    def place(start: int, admin1: str, country: str) -> Place:
        return Place(start, start + 5, "Filia", "Filia", 48.0, 36.0, None, "city", admin1, None, country, 0.4, "")

    out = one_sense([oblast, place(first, "UA-12", "UA"), place(second, "RO-CV", "RO")], text)
    assert [(p.admin1_code, p.start) for p in out if p.feature_kind == "city"] == [("UA-12", first), ("UA-12", second)]
    # control: with no mention the text locates, each mention keeps its own reading
    bare = text.replace("Dnipropetrovsk Oblast village of ", "")
    out = one_sense([place(bare.index("Filia"), "UA-12", "UA"), place(bare.rindex("Filia"), "RO-CV", "RO")], bare)
    assert [p.admin1_code for p in out] == ["UA-12", "RO-CV"]


def test_a_settlement_read_outside_the_oblast_the_text_gives_it_is_that_oblast():
    from pipeline.events.incidents import _in_stated_unit
    from pipeline.model import Place

    text = "Troops retook the Sumy Oblast village of Novenke on Monday."
    oblast = Place(18, 22, "Sumy", "Sumy", 50.9, 34.8, None, "admin1", "UA-59", "Sumy", "UA", 0.9, "")
    village = Place(41, 48, "Novenke", "Novenke", 47.0, 35.0, None, "city", "UA-23", "Zaporizhzhia", "UA", 0.6, "")
    placed = _in_stated_unit(village, [oblast, village], text)
    assert (placed.feature_kind, placed.admin1_code) == ("admin1", "UA-59")
    # control: a settlement read inside the oblast the text gives it stays the settlement
    same = Place(41, 48, "Novenke", "Novenke", 51.2, 35.1, None, "city", "UA-59", "Sumy", "UA", 0.9, "")
    assert _in_stated_unit(same, [oblast, same], text) is same


# -- an incident opened in a named oblast is not moved to a town of another oblast told by a later sentence ---------
def test_a_strike_in_a_named_oblast_keeps_it_when_a_later_sentence_names_another_town(parser):
    body = ("Ukrainian drones struck an oil depot in the Bryansk region on Tuesday, the governor said. The attack came "
            "as Moscow launched a barrage of missiles at Kyiv.")
    assert "RU-BRY" in {e.admin1_code for e in _events(parser, body)}


def test_a_town_inside_the_named_oblast_is_still_the_place(parser):
    # control: the town lies in the oblast the opening sentence names
    body = "Russian strikes on the Donetsk region killed five people on Monday. In Kramatorsk, a missile hit a market."
    assert [e.place.name for e in _events(parser, body) if e.event_type == "casualty_report"] == ["Kramatorsk"]
