"""Every weight and threshold of the geoparser, named, in one place per stage.

``RecogniseWeights`` decides what text is a place mention (:mod:`pipeline.geoparse.recognise`);
``ResolveWeights`` ranks the gazetteer candidates of a mention (:mod:`pipeline.geoparse.resolve`).
Both are frozen (hashable: they may key caches); pass a changed copy with
``dataclasses.replace(RESOLVE_WEIGHTS, capital=3.0)`` to experiment.
"""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class RecogniseWeights:
    """What makes a span of text a place mention (Zipf values are wordfreq's log10 per billion words)."""

    # a place this big makes its name "strong": kept even when it is a common word or a surname
    strong_population: int = 100_000
    # a part of a location string one slip from a country or unit name is read as it from this many letters
    # ("Ukriane"; "Kiyv Oblast"): shorter names are too often another word
    misspelt_min_letters: int = 4
    # a place this big may stand before another name ("Decatur McLean County"); smaller ones are surnames
    qualifying_population: int = 20_000
    # a capitalised word this frequent after a name starts the next sentence of an unpunctuated dateline
    next_sentence_zipf: float = 6.0
    # a capitalised word after a name in a title-case line rarer than this (and no place or English
    # word) is a surname: the name before it is a person's first name ("Katya Petrenko –")
    surname_max_zipf: float = 3.0
    # a sentence-initial capital on a word this frequent is the common word, not a weak place name
    sentence_start_common_zipf: float = 3.5
    # a dictionary word this frequent is the word, even when a strong place is called so ("March")
    dictionary_word_zipf: float = 4.5
    # a capitalised word this frequent opening a sentence may stand before a place ("In Kharkiv")
    sentence_opener_zipf: float = 4.0
    # a word this frequent is never a spelling variant of a place (recall of variants vs false matches)
    variant_max_zipf: float = 3.0
    # difflib similarity a spelling variant needs to the place's name (recall vs false variants)
    variant_similarity: float = 0.75
    # an unknown word read as another ending of an adjectival town name ("Dneprorudny" for "Dniprorudne") needs a stem
    # this long and a town this big (recall of press spellings vs false matches of short or tiny names)
    adjective_stem_min_letters: int = 4
    adjective_min_population: int = 1000
    # ... and a stem shared by more towns than this is too common to read a word by it
    adjective_max_places: int = 10
    # share of long words capitalised that makes a line a headline (whose capitals say nothing)
    headline_capitalised_share: float = 0.7
    # a line longer than this is never a headline
    headline_max_chars: int = 300
    # a text longer than this is not scanned for its lower-case words (time vs one filter)
    lower_words_max_chars: int = 2_000_000
    # a unit name typed in lower case or capitals before its region word ("the kharkiv region") is read as the unit
    # only when it is this rare as an English word (and no dictionary word): "the south region" stays prose
    unit_any_case_max_zipf: float = 4.5
    # a name written with apostrophes where the gazetteer spells some place so ("Khal'ch") is that place, unless a
    # place spelt otherwise ("Khalch", "Kamianske" for "Kamians'ke") is this many times more populous (and above the
    # floor): the apostrophes are evidence between namesakes of a size, never against a town (which apostrophe, or
    # where, would then change the place found)
    apostrophe_spelling_ratio: float = 10.0
    apostrophe_spelling_floor: int = 1000


@dataclass(frozen=True)
class ResolveWeights:
    """Scores of the signals that rank candidates, and the thresholds that gate them."""

    # candidates ranked per mention (the most populous; context may add more): speed vs rare namesakes
    max_candidates: int = 10
    # score per order of magnitude of population: the prior for the big place over the village
    population_weight: float = 1.5
    # ... for a name called a village ("the villages of A and B"): the big namesake town is not more likely
    # (a small weight: only a tie-breaker between namesakes the context cannot tell apart)
    village_population_weight: float = 0.1
    # added to the population before its logarithm (a place of unknown population is not -inf)
    population_smoothing: int = 10
    # bonus per feature kind: how much a name prefers the country/landmark/water reading over a town
    kind_bonus: tuple[tuple[str, float], ...] = (("country", 5.0), ("continent", 4.0), ("landmark", 6.0),
                                                 ("water", 6.0), ("region", 5.0), ("admin1", 1.0),
                                                 ("admin2", 0.5), ("city", 0.0))

    # kind bonus shown in the reason from this value on (display only)
    kind_reason_min: float = 3.0
    # "X region" and the candidate is an admin-1 unit
    region_phrase_admin1: float = 4.0
    # an admin-1 candidate when a town of that name is in the unit or a big city elsewhere (not "X region")
    admin1_namesake_town: float = -3.0
    # ... but when the name is listed beside a region phrase ("the Kharkiv, Sumy and Poltava regions")
    admin1_namesake_town_listed: float = 2.0
    # an admin-1 candidate when a big city of this name exists somewhere else ("Gaza")
    admin1_big_city_elsewhere: float = -1.5
    # a town of this size makes an admin-1 unit of its name read as the town
    namesake_town_population: int = 10_000
    # a city of this size makes its country a competitor for the name
    namesake_big_city_population: int = 100_000
    # a town of this size with the name as main name makes alternate-name readings suspect
    primary_town_population: int = 1000
    # a national capital
    capital: float = 2.5
    # the name matched is the entry's main name
    main_name: float = 0.8
    # an alternate name while another town has it as main name
    alternate_name_taken: float = -1.5
    # the score of a demonym or abbreviation (its country is certain)
    demonym: float = 10.0
    # per share of the article's country mentions: the article's countries vs population
    country_share: float = 3.0
    # the most mentioned country of the article
    country_top: float = 2.0
    # an admin-1 unit named in the same sentence / paragraph / article
    admin1_same_sentence: float = 4.0
    admin1_same_paragraph: float = 2.5
    admin1_same_article: float = 1.0
    # ... for a name called a village: a list of villages names places of the article's region
    village_admin1_article: float = 3.0
    # for a name called a village, the admin-1 unit the article names most often (at least twice, strictly
    # most): a tie-breaker between the units of one sentence (for every name it cost a GeoVirus place)
    admin1_most_named: float = 1.0
    # a settlement in the admin-1 unit of the settlements confidently placed in its sentence ("strikes on A, B, C
    # and X": X's namesake among them); less than the unit named in the sentence (``admin1_same_sentence``)
    admin1_of_sentence_places: float = 1.0
    # "Paris, Texas": the candidate lies in the admin-1 unit / country that follows the name
    qualifier_admin1: float = 5.0
    qualifier_country: float = 4.0
    # an admin-1 mention counts as context from this confidence on (unless a region phrase)
    admin1_context_confidence: float = 0.6
    # a city counts towards its country's mentions from this confidence on ...
    city_country_confidence: float = 0.8
    # ... with this weight
    city_country_weight: float = 0.5
    # a place counts as an anchor for distances from this confidence on
    anchor_confidence: float = 0.8
    # only this many most populous candidates are measured against anchors (speed)
    anchor_max_rank: int = 6
    # a candidate this near (km) to an anchor / somewhat near, and the bonuses
    near_km: float = 100.0
    near_bonus: float = 1.0
    somewhat_near_km: float = 300.0
    somewhat_near_bonus: float = 0.4
    # anchors farther than this in latitude / longitude (degrees) are not measured
    anchor_window_lat: float = 3.0
    anchor_window_lon: float = 6.0
    # a place counts as context for mentions this many paragraphs away
    anchor_paragraphs: int = 2
    # anchors kept per article (speed vs context)
    max_anchors: int = 24
    # an admin-1 unit whose reference point is this near (km) its largest town is that city (Kyiv city)
    city_unit_km: float = 15.0
    # the confidence of a settlement placed at its admin unit's reference point (not in the gazetteer)
    unresolved_confidence: float = 0.3
    # difflib similarity a misspelt name needs to a settlement of the unit its location string lists
    # ("Poltawa, Poltava Oblast": a letter off): recall of typos vs a wrong village of that unit
    unit_spelling_similarity: float = 0.88
    # names shorter than this (letters) are never matched by similarity inside a unit
    unit_spelling_min_letters: int = 6
    # a name one typing slip (a letter changed, added, dropped or two swapped) from a town of its listed unit
    # this big is that town ("Kharvov, Kharkiv Oblast"): villages are too many for a slip to single one out
    unit_typo_min_population: int = 5_000
    # ... and at least this many letters long (the first letter kept)
    unit_typo_min_letters: int = 5
    # a location string whose listed unit has no place of its name, while a town this big of that name lies
    # in another unit of the same country ("Izium, Kyiv Oblast"), names that town: the unit is the slip
    # (a village of the unit the gazetteer lacks is rarer than a town with the wrong unit)
    listed_unit_namesake_population: int = 10_000
    # the population assumed for a settlement with no population figure (unknown, not nil): a typical village's
    unknown_village_population: int = 500
    # per order of magnitude by which one namesake (same name, same country) is nearer the article's other
    # settlements than the next (at most two): the village near the places named vs the population prior
    namesake_near: float = 2.0
    # ... and added to a namesake this many times farther from them all (and beyond ``near_km``) than one within
    # ``near_km``
    namesake_far: float = -1.0
    namesake_far_ratio: float = 5.0
    # ... distances below this (km) count as this (a namesake on top of an anchor is not infinitely near)
    namesake_min_km: float = 5.0
    # ... a top candidate this big keeps its name (the city, not a village of its name near the places named)
    namesake_keep_population: int = 100_000
    # ... namesakes measured per mention (speed)
    namesake_max_candidates: int = 40
    # settlements kept per article as points for the namesake signal
    max_town_anchors: int = 64
    # a city this big has districts that GeoNames lists as towns of their own ("Shevchenkivskyi" in Kyiv) ...
    city_with_districts_population: int = 100_000
    # ... lying this close to its centre (km): a name all of whose readings are such districts, in an article
    # about another big city, is a district of that city (larger: more villages near cities read as districts)
    city_section_km: float = 15.0
    # ... and that city at least this many times as populous as the district (a satellite town named by an
    # adjective, "Zhukovsky", is no district of its neighbour)
    city_section_ratio: float = 2.0
    # ... and the district this populous at least (GeoNames gives a city's districts their own population; a
    # village by a city named like an adjective has far fewer people)
    city_section_min_population: int = 20_000
    # ... and the article's city placed with this first-pass confidence at least (below ``anchor_confidence``:
    # a city named like its oblast is rarely certain, and the other reading is a district far away)
    district_city_confidence: float = 0.5
    # a name the text calls a part of a city ("the neighbourhoods of A, B") whose reading lies this far (km) from
    # that city or more, with no reading inside it, is placed at the city (larger: more far namesakes kept)
    city_part_far_km: float = 100.0
    # ... the city being the big city named beside it, or the article's last big city placed at most this many
    # paragraphs before the name
    city_part_paragraphs: int = 2
    # a name called a district that is no rural district ("the Xskyi district"), with no reading near the article's
    # last big city placed at most this many paragraphs before it, is placed at that city (larger: a district of
    # a city named far back, in an article that has moved on to a region, more often misplaced at that city)
    district_city_paragraphs: int = 2
    # a place given by its distance and direction from a town ("X, 20 km south-west of Y") lies within this many km
    # of the point so given (estimates in the news are rough) ...
    offset_tolerance_km: float = 25.0
    # ... or within this share of the distance, when more (60 km off a stated 300 km is a fair estimate)
    offset_tolerance_share: float = 0.3
    # the point so given stands for a place up to this far (km) from the town (farther, it may lie in another unit)
    offset_point_max_km: float = 50.0
    # a sentence listing this many settlements or more (placed confidently) ...
    # villages named together, none placed with confidence (``resolve._listed_namesakes_together``): a sentence
    # (else paragraphs) naming this many settlements is a list read jointly ...
    listed_together_min_names: int = 3
    # ... over this many paragraphs either side when its sentence names fewer
    listed_together_paragraphs: int = 1
    # ... a namesake "near" another listed name when one of that name's readings is this close (km): the span of a
    # front sector's villages (larger: more chance neighbours among the many namesakes of common village names)
    listed_together_km: float = 30.0
    # ... each other name counting min(1, this / its namesakes): a name of 60 villages is near anything by chance
    listed_together_specific: float = 10.0
    # ... the support the chosen namesake needs, and its lead over the next (recall vs chance clusters)
    listed_together_min_support: float = 1.5
    listed_together_margin: float = 1.0
    # ... and the bonus it gets: above a unit named in the article (``village_admin1_article``), below one named in
    # the same sentence (``admin1_same_sentence``)
    listed_together: float = 3.5
    # ... never in place of a town this big (the name's first reading) near the names with few namesakes, for a
    # smaller namesake: a list of villages may reach a town of the area beyond the cluster of its villages
    listed_together_keep_population: int = 2000
    # a village named in a sentence about the border (``resolve._namesakes_by_the_border``): its namesake this near
    # (km) the war theatre's land border, when every other is at least ``border_far_km`` from it, gets
    # ``border_namesake`` (as ``listed_together``: above a unit named in the article, below one in the sentence)
    border_near_km: float = 20.0
    border_far_km: float = 40.0
    border_namesake: float = 3.5
    list_cluster_min_places: int = 4
    # ... each within this many km of their centre (the villages of one district) ...
    list_cluster_km: float = 50.0
    # ... places a village of the list whose name has namesakes among them, or at their centre, when its reading
    # lies this far (km) from every one of them (smaller: more far readings replaced by the list's centre)
    list_cluster_far_km: float = 75.0
    # a paragraph about one area: in an article about the war, a settlement reading this far (km) from every other
    # place its paragraph locates and in another country than all of them, while those lie within this distance of
    # one another, is a namesake across the border: it gives way to a reading of their countries within ``near_km``
    # of them, else it is dropped (a missing dot sooner than a wrong one; smaller: more far readings questioned)
    paragraph_far_km: float = 250.0
    # ... only readings smaller than this are questioned (a big city is named far from the front as often as not)
    paragraph_far_max_population: int = 100_000
    # a stray reading: in an article about the war, a town or admin-1 unit of a country nothing else in the article
    # names or locates, this far (km) from every other place located, is dropped (a name of something else: an
    # outlet, an agency); smaller: more foreign places named in passing lost
    stray_far_km: float = 1000.0
    # margin by which the one-sense-per-discourse winner is lifted above the top score
    one_sense_margin: float = 0.01
    # a settlement reading gives way to the town another spelling of the article names when that town is this
    # many times as populous (a city's Russian form vs a village of that form elsewhere; near-equal towns keep
    # their own ranking)
    across_spellings_ratio: float = 10.0
    # ... and the two names this similar (difflib ratio): a Russian and a Ukrainian form of one word are about
    # 0.6-0.9; a town's former name and its present one far less
    across_spellings_similarity: float = 0.6

    # the war theatre (``theatre.py``): in an article that names one of ``war_theatre_parties`` and speaks of fighting
    # (or names both), a settlement in ``war_theatre_country`` counts as in the article's country (its own country
    # signal raised to the top country's) plus ``war_theatre``, and one in Russia's border regions
    # (``war_theatre_admin1``) gets ``war_theatre`` over the rest of Russia; a namesake far from the theatre then
    # needs its own cue (its unit named, places near it) or about 10x the population (1.5 = one order of magnitude
    # at ``population_weight``): Ukrainian towns vs Russian namesakes in Russian-sourced reports
    war_theatre: float = 1.5
    war_theatre_parties: tuple[str, ...] = ("RU",)
    war_theatre_country: str = "UA"
    war_theatre_admin1: tuple[str, ...] = ("RU-BEL", "RU-BRY", "RU-KRS", "RU-VOR", "RU-ROS")

    def kind_score(self, kind: str) -> float:
        """``kind_bonus`` of ``kind`` (0 for a kind it does not list)."""
        return dict(self.kind_bonus).get(kind, 0.0)

    def __hash__(self) -> int:
        """The hash of the fields (what the frozen dataclass computes), worked out once: the weights key
        per-form caches of the ranking, looked up several times per mention."""
        found = self.__dict__.get("_hash")
        if found is None:
            found = hash(tuple(getattr(self, f.name) for f in fields(self)))
            object.__setattr__(self, "_hash", found)
        return found

    def __getstate__(self) -> dict:
        """The fields without the remembered hash (string hashes differ between processes)."""
        state = dict(self.__dict__)
        state.pop("_hash", None)
        return state


RECOGNISE_WEIGHTS = RecogniseWeights()
RESOLVE_WEIGHTS = ResolveWeights()
