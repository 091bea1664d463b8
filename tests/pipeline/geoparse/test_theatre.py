"""The war theatre: in an article that names Russia and speaks of fighting, an ambiguous settlement name is
expected in Ukraine or Russia's border regions, not at a Russian namesake far from the front. Sentences written
here; names chosen from the gazetteer's namesake pairs (a Ukrainian town several times the size of its Russian
namesake; a Russian border-region village smaller than its namesake deep in Russia)."""

from __future__ import annotations

import pytest

from pipeline.geoparse.theatre import has_war_cue


def _place(geoparser, text: str, name: str):
    return next(p for p in geoparser.parse_places(text) if p.text == name)


def _kinds(place) -> set[str]:
    return {s.kind for s in place.signals}


@pytest.mark.parametrize(("text", "name", "admin1"), [
    # before: the Amur village (3,400) over the Sumy-oblast town (38,000), the article being "about RU"
    ("Russian forces struck Romny overnight, Russia's defence ministry said.", "Romny", "UA-59"),
    # before: the Nizhny Novgorod town (15,000) over the Mykolaiv-oblast town (62,000)
    ("Russia's defence ministry said its troops had repelled attacks near Pervomaysk.", "Pervomaysk", "UA-48"),
    # Russian spellings of oblast capitals: before, a hamlet of Rostov oblast (630) / one of Tula oblast
    ("Russian forces struck Nikolaev overnight, Russia's defence ministry said.", "Nikolaev", "UA-48"),
    ("Russian forces struck Rovno overnight, Russia's defence ministry said.", "Rovno", "UA-56"),
    # a former name: before, a Krasnoyarsk-krai village (2,200)
    ("Russian forces took Artemovsk, Russia's defence ministry said.", "Artemovsk", "UA-14"),
])
def test_a_ukrainian_town_in_a_russian_war_report_is_not_its_russian_namesake(geoparser, text, name, admin1):
    place = _place(geoparser, text, name)
    assert place.admin1_code == admin1
    assert "war_theatre" in _kinds(place)
    assert "war theatre" in place.reason


def test_a_border_region_village_beats_a_larger_namesake_deep_in_russia(geoparser):
    """Before: the Penza village (9,900) over the Belgorod one (3,100)."""
    place = _place(geoparser, "Air defences shot down drones over Bessonovka, Russia's defence ministry said.",
                   "Bessonovka")
    assert place.admin1_code == "RU-BEL"
    assert "war_theatre" in _kinds(place)


def test_a_russian_namesake_with_its_own_region_named_stays_in_russia(geoparser):
    place = _place(geoparser, "Russian troops trained near Romny in the Amur region, Russia's defence ministry said.",
                   "Romny")
    assert place.admin1_code == "RU-AMU"


def test_an_article_about_russia_without_fighting_keeps_its_country(geoparser):
    place = _place(geoparser, "Romny is a quiet village in Russia, where the harvest festival drew visitors.",
                   "Romny")
    assert place.admin1_code == "RU-AMU"
    assert "war_theatre" not in _kinds(place)


def test_war_cues():
    assert has_war_cue("the Ministry of Defence said on Tuesday")
    assert has_war_cue("troops advanced along the front line")
    assert not has_war_cue("The harvest festival drew visitors from the region.")


def test_the_text_is_scanned_for_war_words_only_when_a_party_is_named(geoparser):
    """``resolve`` asks for the war cue (a scan of the whole text) only when Russia is named and Ukraine is not:
    most texts never pay for it, and the answer does not change."""
    from pipeline.geoparse.recognise import find_mentions
    from pipeline.geoparse.resolve import resolve

    gaz = geoparser.gazetteer
    asked = []

    def cue() -> bool:
        asked.append(True)
        return True

    resolve(find_mentions("The mayor of Springfield opened a bridge in Ohio.", gaz), gaz, war_cue=cue)
    resolve(find_mentions("Ukrainian troops held Kupiansk.", gaz), gaz, war_cue=cue)
    assert asked == []
    resolve(find_mentions("Russian forces struck Romny overnight.", gaz), gaz, war_cue=cue)
    assert asked == [True]
