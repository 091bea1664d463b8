"""Find place mentions in raw text, with character spans.

Gazetteer names are found with the gazetteer's trie of name keys in folded text (see
:mod:`pipeline.text.textnorm`), then kept only where they look like a place name in context:
capitalised, on word boundaries, not part of a person's or an organisation's name, not a
common word, not in boilerplate. Demonyms and abbreviations become country mentions;
"the X region/oblast/province" becomes an admin-1 mention; unknown transliterations are
matched by consonant skeleton.
"""

from __future__ import annotations

import bisect
import difflib
import math
import re
import string
import numpy as np
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache
from operator import itemgetter, methodcaller
from collections.abc import Collection, Iterable, Iterator
from collections import defaultdict
from typing import NamedTuple

from pipeline.geoparse.gazetteer import Gazetteer, adjective_forms_params, adjective_stem, one_word_adjectival
from pipeline.geoparse.city_parts import mark_city_parts
from pipeline.geoparse.districts import mark_district_seats
from pipeline.geoparse.hromadas import hromada_seats
from pipeline.geoparse.offsets import Offset, mark_offsets
from pipeline.geoparse.nonplaces import AIRFIELD_NUMBER, without_nonplace_readings
from pipeline.geoparse.persons import without_person_readings, without_possessive
from pipeline.geoparse.spellings import HYBRID_COUNTRY, add_hybrid_spellings, separate_derived_names
from pipeline.model import Signal
from pipeline.geoparse.weights import RECOGNISE_WEIGHTS as _W
from pipeline.text.textnorm import NAME_APOSTROPHES, NO_APOSTROPHES, _non_ascii, fold_words, name_key, one_slip_apart, skeleton

# Paragraphs that are page furniture, not article content ("Related coverage ...", credits).
_BOILERPLATE = re.compile(
    r"^\s*(related coverage|related:|related stories|related articles|read more|read also|also read|"
    r"see also|advertisement|subscribe|sign up|click here|follow us|share this|copyright|©|"
    r"all rights reserved|reporting by|editing by|writing by|additional reporting)",
    re.IGNORECASE,
)
_HEADER = re.compile(r"^\s*date\s+\d{4}-\d{2}-\d{2}\b\s*", re.IGNORECASE)
# A sentence ends after [.!?] (then closing quotes or brackets, space, and a capital or digit) or at a
# line break; match ends are sentence starts. Written to start with a character class, which lets the
# regex engine skip ahead fast; the ends equal those of the plainer
# r"(?<=[.!?])[\"”’)\]]*\s+(?=[\"“‘(\[]*[A-Z0-9])|\n+" (the repeats possessive: a closer is no space, and a
# space given back would stand where the look-ahead wants a quote, bracket, capital or digit).
_SENTENCE_END = re.compile(r"[.!?\n](?:(?<=[.!?])[\"”’)\]]*+\s++(?=[\"“‘(\[]*[A-Z0-9])|(?<=\n)\n*+)")
# ``sentence_starts`` finds the same ends with one scan per end character: a pattern that opens with one literal
# character is searched for several times faster than one that opens with a class (the engine tests the class at
# every character of the text). The ends after [.!?], each of its own pattern (see ``_SENTENCE_END``) ...
_SENTENCE_END_AFTER = r"[\"”’)\]]*+\s++(?=[\"“‘(\[]*[A-Z0-9])"
_FULL_STOP_END = re.compile(r"\." + _SENTENCE_END_AFTER)
_PUNCTUATION_ENDS = ((re.compile("!" + _SENTENCE_END_AFTER), "!"), (re.compile(r"\?" + _SENTENCE_END_AFTER), "?"))
# ... and the runs of line breaks, with (group 1) the rest of the whitespace after them: a run that a full stop's
# end takes in (".\n\nThe") ends no sentence of its own, and that end is where its whitespace ends
_LINE_BREAKS = re.compile(r"\n++(?=(\s*+))")
_SPAN_1 = methodcaller("span", 1)
# the unit words after a name; "regional" only before an authority ("the Kharkiv regional governor",
# "Dnipropetrovsk regional military administration"), not before a facility ("the Sumy regional hospital")
# "People's Republic(s)": the self-proclaimed republics named after an oblast ("the Donetsk People's Republic") are
# that oblast as a unit word
_REGION_AFTER = re.compile(r"['’ʼ]?\s+(region|oblast|province|krai|kray|regions|oblasts|provinces|"
                           r"people['’ʼ]?s[ \t]+republics?|regional(?=[ \t]+"
                           r"(?:military|state|civil|administration|governor|council|authorities|government|"
                           r"prosecutor|police|head|chief)\b))\b", re.IGNORECASE)
_REPUBLIC_AFTER = re.compile(r"[ \t]+People['’ʼ]?s[ \t]+Republics?\b")
# the words after a name that make it an admin-1 unit when they are part of the name ("Kherson Oblast")
ADMIN1_SUFFIXES = frozenset({"Oblast", "oblast", "Province", "Krai", "Kray"})
# a lower-case region word right after a run of capitalised words belongs to the run ("Kharkivs'ka oblast")
_LOWER_REGION_WORD = re.compile(r"[ \t]+(?:oblast|region|krai|kray)\b")
# the second character of a match: a further space or tab, or a region word's first letter (tested before the
# pattern: most runs are followed by another word)
_LOWER_REGION_SECOND = " \tork"
# characters that glue a fragment to the rest of its word ("Vinnyts'ki", "Donets'ke", "Gora-Podol")
_APOSTROPHES = "'’ʼ‘`"
_HYPHENS = "-\u2010\u2011"
_GLUE = frozenset(_APOSTROPHES + _HYPHENS)  # what may join a name to the rest of its word (``_glued_fragment``)
# a list item before a name ("Luhansk, Donetsk, Kherson region": Donetsk is no location string's head)
_LIST_TAIL = re.compile(r"[A-Z][\w'’ʼ.-]*[ \t]*,[ \t]*(?:and[ \t]+|or[ \t]+)?\Z|[A-Z][\w'’ʼ.-]*[ \t]+(?:and|or)[ \t]+\Z")
# the gap between the parts of a location string ("Zolochiv, Kharkiv Oblast, Ukraine")
# (a soft sign written as a final apostrophe may stand before the comma: "Pryp'yat', Kyiv Oblast")
_LOCATION_GAP = re.compile(r"['’ʼ]?[ \t]*,{1,2}[ \t]*\Z")
# the same in prose: "the Xsky district of the Y region" (Y, with its region word, is X's unit)
_DISTRICT_OF_GAP = re.compile(r"[ \t]+(districts?|raion|rayon)[ \t]+of[ \t]+(?:the[ \t]+)?\Z", re.IGNORECASE)
# what may stand before the head of a location string: the start of a line or sentence, or a preposition
_HEAD_BEFORE = re.compile(r"(?:^|[.:;(\n—–-]|\b(?:in|near|at|of|from|to|outside|around|on))[\s\"“]*\Z")
# a settlement named as such in prose: "the village of X", "the town of X" ...
SETTLEMENT_NOUNS = ("village", "town", "settlement", "city", "hamlet", "township", "urban-type settlement")
SETTLEMENT_OF_CUES = tuple(f"{noun} of" for noun in SETTLEMENT_NOUNS) + tuple(f"{noun}s of" for noun in SETTLEMENT_NOUNS) + ("cities of",)
# (the same cues as their heads before " of": ``_Context.has_any_before`` finds them from the occurrences of " of")
_SETTLEMENT_OF_HEADS = tuple(cue.removesuffix(" of") for cue in SETTLEMENT_OF_CUES)
# the settlement nouns every other holds ("township": "town"; "urban-type settlement": "settlement"), and so every
# cue made of them: a text holding none of these holds no settlement cue but "cities of" (one search each, not one
# per cue)
_SETTLEMENT_NOUN_CORES = ("village", "town", "settlement", "city", "hamlet")
REGION_CUES = ("region", "oblast", "province", "krai", "kray")
# the unit words whose possessive owns the place named after them ("Kharkiv Oblast's Kupiansk district")
ADMIN_UNIT_WORDS = frozenset(REGION_CUES)
# (what r"\b(village|town|...|cities)s? of[ \t]+" finds under ``re.IGNORECASE``, written to open with the class of the
# nouns' first letters in both cases and "ſ", which ``re.IGNORECASE`` reads as "s": the regex engine can then skip
# to those characters fast; under the flag a cased first letter gives it none. ``(?<!\w.)`` after the first letter
# is the ``\b`` before it; each look-behind ties a noun's rest to its own first letter)
_SETTLEMENT_OF_NOUNS = (*SETTLEMENT_NOUNS, "cities")
_SETTLEMENT_OF = re.compile(
    "([" + "".join(sorted({c for noun in _SETTLEMENT_OF_NOUNS for c in (noun[0], noun[0].upper())} | {"\u017f"}))
    + r"](?<!\w.)(?i:" + "|".join(f"(?<={noun[0]}){re.escape(noun[1:])}" for noun in _SETTLEMENT_OF_NOUNS)
    + r"))(?i:s? of)[ \t]+")
# a facility named after the place before it ("the Rivne nuclear power plant", "the Sumy drama theatre"):
# it becomes the landmark of that name (in any of the place's spellings), else it is placed at the place
_FACILITY = re.compile(r"[ \t]+((?:(?:nuclear|hydroelectric|hydropower|hydro|thermal|coal|steel|chemical|oil|gas|coke|"
                       r"metal(?:lurgical|s)?|iron[ \t]+and[ \t]+steel|power|drama|regional|children's|children’s|"
                       r"military|fuel|ammunition|ammo)[ \t]+)*(?:power[ \t]+plant|power[ \t]+station|plant|works|refinery|"
                       r"NPP|HPP|TPP|CHP|dam|bridge|airport|airfield|air[ \t]*base|depot|theat(?:er|re)|hospital|cathedral|"
                       r"(?:TV|television)[ \t]+tower|"
                       r"(?:railway|train|pumping|metering|compressor|measur(?:ing|ement))[ \t]+station))\b", re.IGNORECASE)
# an operator's acronym between a place and its facility ("the X LUKOIL refinery"): the place still names where
_ACRONYM_THEN_FACILITY = re.compile(r"[ \t]+(?-i:[A-Z][A-Z0-9&]{2,})(?=[ \t])" + _FACILITY.pattern, re.IGNORECASE)
# (where ``_keep`` tries it, one space and a letter follow the name (``word_after``): an acronym's second character
# then stands two after the name's end; most capitalised words have a lower-case one, and the pattern is not run)
_ACRONYM_SECOND = frozenset(string.ascii_uppercase + string.digits + "&")
_FACILITY_KINDS = frozenset({"city", "landmark"})
# facilities placed at the place they are named after even without a landmark row: power plants, dams,
# refineries and other qualified plants, theatres, railway stations (the station of a town lies in it), the pumping,
# metering and compressor stations of oil and gas pipelines (named after the village they stand at), military
# airfields and depots (named after the town they stand by; placed there with a town's precision) (an airport, a
# hospital or a bare "plant" may lie elsewhere or name a company: those extend a mention only when the landmark
# table has them)
_FACILITY_AT_PLACE = re.compile(r"(?:.*[ \t])?(?:power[ \t]+plant|power[ \t]+station|NPP|HPP|TPP|CHP|dam|refinery|"
                                r"theat(?:er|re)|(?:railway|train|pumping|metering|compressor|measuring|measurement)"
                                r"[ \t]+station|(?:TV|television)[ \t]+tower|airfield|air[ \t]*base|depot)"
                                r"|.+[ \t]plant", re.IGNORECASE)
# a nuclear power plant is named after its region or a city far from it (the Kursk plant stands 40 km from Kursk, the
# Rivne one 70 km from Rivne, the Zaporizhzhia one 50 km from Zaporizhzhia): one the landmark table lacks is placed
# only at the town its sentence names beside it (``_facility_at_sentence_town``), never at the place it is named
# after (it is dropped there)
_NUCLEAR_FACILITY = re.compile(r"[ \t](?:nuclear|NPP|AES)\b", re.IGNORECASE)
# nouns that name a small place: the population prior of a name so called is not used
VILLAGE_NOUNS = frozenset({"village", "settlement", "hamlet"})
# a capitalised name, then at most two lower-case words, before a settlement noun ("Y frontline village(s) of")
_UNIT_BEFORE_NOUN = re.compile(r"([A-Z][\w'’ʼ-]*)((?:[ \t]+[a-z][a-z-]*){0,2})[ \t]+\Z")
# words that show the name before them is no adjective of the settlement noun ("Y and the village of X")
_NOT_UNIT_ADJECTIVE_GAP = frozenset("""a an and as at by for from in into is near of on or the their its to was were
with which that""".split())
# the words that may say two names are one place, and the gap between the names ("X, also known as Y",
# "X (known in Ukraine as Y)", "X (Y)", "X, formerly Y")
ALIAS_CUE_WORDS = ("known as", "formerly", "previously", "called")
_ALIAS_GAP = re.compile(r"[ \t]*(?:\([ \t]*|,[ \t]*)?(?:(?:(?:also|formerly|previously|now|locally|officially)[ \t]+)?"
                        r"(?:known|called|named)[ \t]+(?:(?:in|by)[ \t]+(?:the[ \t]+)?[A-Z][\w'’-]*[ \t]+)?(?:as[ \t]+)?"
                        r"|(?<=,)[ \t]*(?:formerly|previously)[ \t]+|(?<=\()[ \t]*(?:formerly[ \t]+|now[ \t]+)?)")
# between a settlement and the place it is near ("X outside Y", "X, near the city of Y")
_NEAR_GAP = re.compile(r"[ \t]*,?[ \t]+(?:(?:just|right)[ \t]+)?(?:outside|near|close[ \t]+to|next[ \t]+to)[ \t]+"
                       r"(?:the[ \t]+(?:city|town)[ \t]+of[ \t]+)?")
_VILLAGE_NOUN_WORDS = tuple(f" {noun}" for noun in sorted(VILLAGE_NOUNS))  # the word gate of ``_VILLAGE_NOUN_AFTER``
# a name, then a lower-case village noun that does not open "... village of X" ("X village", "X settlement,")
# (``(?<=[a-z'’ʼ])[ \t]+(...)``, written to open with its first space: the regex engine then skips to spaces fast)
_VILLAGE_NOUN_AFTER = re.compile(r"[ \t](?<=[a-z'’ʼ][ \t])[ \t]*(" + "|".join(sorted(VILLAGE_NOUNS))
                                 + r")\b(?![ \t]+of\b|[ \t]+council)")
# the gap between two items of a list of names ("A, B and C", "A, B, and C")
# a plural settlement noun, at most three lower-case words, then a colon opening the list of their names ("the
# liberation of ten villages: A, B and C", "the settlements retaken so far: A, B"): each item is named a settlement
_SETTLEMENTS_BEFORE_COLON = re.compile(r"\b(villages|settlements|communities|localities|hamlets|towns)"
                                       r"(?:[ \t]+[a-z]+){0,3}\Z")
_LIST_AFTER_COLON = re.compile(r":[ \t]+(?=[A-Z])")
_LOWER_ASCII = frozenset(string.ascii_lowercase)
_ITEM_GAP = re.compile(r"[ \t]*,[ \t]*(?:and[ \t]+|or[ \t]+)?|[ \t]+(?:and|or)[ \t]+")
# "X region" where the gazetteer knows the unit only as "X Oblast" / "X Krai" ("the Zakarpattia region")
_NAME_REGION_WORD = re.compile(r"([A-Z][\w'’ʼ-]+(?:[ \t][A-Z][\w'’ʼ-]+)?)[ \t]+(?i:region|oblast|province|krai|kray)\b")
# "the Lebanese port of X", "the Russian border village of X": a demonym, at most one describing word,
# a place noun and (mostly) "of" name the country of X; words of control ("Russian held town") do not
PLACE_NOUNS_AFTER_DEMONYM = (*SETTLEMENT_NOUNS[:-1], "port", "capital", "region", "oblast", "province", "district")
CONTROL_WORDS = ("held", "occupied", "controlled", "annexed", "captured", "seized", "liberated", "claimed")
_DEMONYM_GAP = re.compile(r"[ \t]+(?:(?!(?:" + "|".join(CONTROL_WORDS) + r")\b)([a-z]+)[ \t]+)?("
                          + "|".join(PLACE_NOUNS_AFTER_DEMONYM) + r")(?:[ \t]+of)?[ \t]+\Z")
# (matched at the name's end with ``match(text, pos)``: a ``\A`` there would only match at the text's start)
_SETTLEMENT_APPOSITION = re.compile(r",[ \t]+an?[ \t]+(?:small[ \t]+|large[ \t]+|frontline[ \t]+)?(?:"
                                    + "|".join(SETTLEMENT_NOUNS) + r")s?\b(?=[ \t]*[,.;:)]|[ \t]+(?:in|near|on|"
                                    r"outside|of|about|some|just|close|located|situated|\d))", re.IGNORECASE)
_APPOSITION_CUE = re.compile(r", an? (?:\w+ )?(?:" + "|".join(SETTLEMENT_NOUNS) + r")\b", re.IGNORECASE)
# a run of capitalised words that a gazetteer may lack: "Novoselivka Persha", "Vinnyts'ki Khutory"
_UNKNOWN_NAME = re.compile(r"[A-Z][a-z'’ʼ]+(?:[-\u2010\u2011][A-Za-z][a-z'’ʼ]+)*"
                           r"(?:[ \t][A-Z][a-z'’ʼ]+(?:[-\u2010\u2011][A-Za-z][a-z'’ʼ]+)*){0,2}")
_UNKNOWN_NAME_END = re.compile(_UNKNOWN_NAME.pattern + r"\Z")
# two or more capitalised words joined by hyphens ("Kazennoe-Uzkoe")
_HYPHEN_COMPOUND = re.compile(r"[A-Z][a-z'’ʼ]+(?:[-\u2010\u2011][A-Z][a-z'’ʼ]+)+")
# a lower-case name opening its line before a location string's unit ("chernihiv, Chernihiv Oblast")
_LOWER_HEAD = re.compile(r"(?:\A|\n)[ \t]*([a-z][a-z'’ʼ-]+(?:[ \t][a-z][a-z'’ʼ-]+)?)\Z")
# a location string opening a line: two to four comma-separated parts of one to four words that end the
# clause ("Bryansk, Russia. ...", "Bucha, Kyiv Oblast, Ukraine. ...", "sumy, sumy Oblast, ukraine")
_LOC_WORD = r"[^\W\d_][\w'’ʼʹ-]*"
_LOCATION_LINE = re.compile(r"(?m)^[ \t]*((?:" + _LOC_WORD + r"\.?(?:[ \t]+" + _LOC_WORD + r"\.?){0,3}"
                            r"[ \t]*,{1,2}[ \t]*){1,3}" + _LOC_WORD + r"(?:[ \t]+" + _LOC_WORD + r"){0,3})"
                            r"[ \t]*(?=[.;:(\n]|\Z)")
_LOCATION_PART = re.compile(r"[^,]+")
# the start of a line up to its first comma, when that comes within 60 characters
_LOCATION_HEAD_CHARS = 60
_LOCATION_HEAD = re.compile(r"(?m)^[^,\n]{1,%d}," % _LOCATION_HEAD_CHARS)  # (found by ``_location_heads``)
# the words of a rural district of Ukraine or Russia, in any case ("the Kupiansk Raion", "in Izium District."): the
# name before one is its seat's (``districts``)
RAION_WORDS = frozenset({"district", "raion", "rayon"})
# words that end the name of a district, not a settlement ("Zavodskoy Rayon")
DISTRICT_WORDS = frozenset({"rayon", "raion", "district", "okrug", "hromada", "municipality", "county"})
_REGIONS_OF_BEFORE = re.compile(r"\b(regions|oblasts|provinces)\s+of\s+(the\s+)?$", re.IGNORECASE)
# ("oblast" also in lower case, no English word: "Mykolaivs'ka oblast")
_ADMIN_SUFFIX_WORDS = ("County", "Parish", "Township", "Borough", "Oblast", "oblast", "Province", "Krai", "Kray",
                       "Governorate", "Prefecture", "District")
_ADMIN_SUFFIX = re.compile(r"['’ʼ]? (" + "|".join(_ADMIN_SUFFIX_WORDS) + r")\b")
# the second character of a match: the space after an apostrophe, or a suffix word's first letter (a cheap test
# before the pattern: most names are followed by a lower-case word)
_ADMIN_SUFFIX_SECOND = " " + "".join(sorted({word[0] for word in _ADMIN_SUFFIX_WORDS}))
_LIST_GAP = re.compile(r"^(\s*,\s*(and\s+|or\s+)?|\s+(and|or)\s+)$")
# ``_LIST_GAP`` without its "^", matched at a position of the text up to an end position (``match(text, start,
# end)`` reads the text as if it ended at ``end``, as ``match(text[start:end])`` does, without copying the gap out)
_LIST_GAP_AT = re.compile(_LIST_GAP.pattern.removeprefix("^"))


def _is_list_gap(text: str, start: int, end: int) -> bool:
    """Whether ``_LIST_GAP`` matches ``text[start:end]`` (offsets not negative). A gap that opens with neither
    a comma nor white space (what the pattern's "\\s" and ``str.isspace`` both tell) is none, and is then not
    copied out of the text."""
    first = text[start:start + 1] if start < end else ""
    if first != "," and not first.isspace():
        return False
    return _LIST_GAP_AT.match(text, start, end) is not None


_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*")
# a capitalised word: r"\b[A-Z][a-z]+(?:['’][a-z]+)?\b", with the opening "\b" written as a look-behind
# after the capital, so that the regex engine can skip to the next capital fast; "(?:X)?\b" as "(?:X\b|\b)" (no
# repeat) and "[a-z]++" (a letter given back would stand before a letter, where neither branch matches)
_CAPITALISED = re.compile(r"[A-Z](?<!\w[A-Z])[a-z]++(?:['’][a-z]++\b|\b)")
_LOWER_WORD = re.compile(r"(?<![A-Za-z])[a-z][a-z'-]+")
_LOWER_WORD_FULL = re.compile(r"[a-z][a-z'-]+")
_LOWER_LETTERS = frozenset(string.ascii_lowercase)
_LOWER_RUN_CHARS = frozenset(string.ascii_lowercase + "'-")
_LETTERS = frozenset(string.ascii_letters)
_WORD_PUNCTUATION = ".'’-"
_WORD_CHARS = string.ascii_letters + _WORD_PUNCTUATION
# what may stand between a sentence's start and a word that opens it (spaces, opening quotes and brackets)
_SENTENCE_OPENERS = frozenset(" \t\"“‘([")
_WORD_AFTER = re.compile(r" ([A-Za-z][A-Za-z.'’-]*)")

TITLES = frozenset("""president minister secretary senator sen. sen rep. rep gov. gov governor mayor mr. mr mrs. mrs
ms. ms dr. dr general gen. gen col. lt. sgt. captain capt. chancellor premier king queen prince princess pope sir
lord lady judge justice commander chief ambassador officer coach professor prof. rev. father sister brother
spokesman spokeswoman spokesperson director chairman chairwoman leader envoy admiral lieutenant colonel major
sergeant marshal patriarch archbishop bishop cardinal sheikh emir sultan president-elect deputy congressman
congresswoman councilman councilwoman councillor councilor assemblyman assemblywoman alderman commissioner sheriff
constable const. const cpl. cpl pte. pvt. detective det. trooper inspector superintendent""".split())
DIRECTIONS = frozenset("""north south east west northern southern eastern western central northeastern
northwestern southeastern southwestern north-east north-west south-east south-west northeast northwest southeast
southwest upper lower greater
downtown inner outer mid coastal occupied annexed liberated""".split())
PLACE_NOUNS = frozenset("""region regions oblast oblasts province provinces city county state states square
street river sea bay island islands mountains mountain valley lake gulf strait peninsula district port
airport bridge dam plant station park hills coast border borders front""".split())
WATER_NOUNS = frozenset("river sea lake bay gulf strait canal reservoir lagoon estuary".split())
# a name followed by one of these names an organisation ("the Wagner group", "Azov battalion")
ORG_NOUNS = frozenset("""group groups party company companies corporation corp inc ltd brigade battalion regiment
militia foundation institute university college club team fc bank airlines airways network agency""".split())
# a place's name before one of these is the place's institution or office-holder, still a mention of the
# place ("the Texas Department of Health", "the Kharkiv Regional Military Administration", "Mansfield Mayor")
INSTITUTION_WORDS = frozenset("""department departments division administration regional military council assembly
legislature parliament government governor governor's gov gov. attorney police highway emergency health education
transportation court courts commission commissioners board office national guard public sheriff sheriff's
auditor prosecutor clerk coroner treasurer jail schools library mayor mayor's premier fire metropolitan
municipal""".split())
SPEECH_VERBS = frozenset("said says told added wrote noted argued claimed stated announced".split())
MONTHS_DAYS = frozenset("""january february march april may june july august september october november
december monday tuesday wednesday thursday friday saturday sunday jan feb apr jun jul aug sep sept oct nov dec
christmas easter thanksgiving halloween ramadan""".split())


@dataclass(slots=True)
class Mention:
    """A span of text that names a place, before resolution."""

    start: int
    end: int
    text: str
    key: str
    kind: str  # "name" | "demonym" | "abbreviation" | "variant"
    rows: tuple[int, ...] = ()  # fixed rows for demonyms, abbreviations and variants
    region: bool = False  # followed by "region/oblast/province" (or in such a list)
    qualifier: int | None = None  # index of the admin unit that qualifies it ("Zolochiv, Kharkiv Oblast")
    country_qualifier: int | None = None  # index of the country that qualifies it ("Vishnevo, ..., Russia")
    district_of: int | None = None  # index of the place it is a district of ("the Slobidskyi district of Kharkiv")
    sentence: int = 0
    paragraph: int = 0
    facility: bool = False  # "X power plant": a facility named after place X, placed at X unless a landmark
    region_word: bool = False  # its own region word follows it ("Kherson Oblast", "the Kursk region")
    listed: bool = False  # in a list beside a region phrase ("Kharkiv, Sumy and the Poltava region")
    bordering: bool = False  # a unit after "the border with" / "bordering": a neighbour of its sentence's places
    near_border: bool = False  # its sentence speaks of the state border ("a village near the border")
    settlement: bool = False  # named as a settlement ("the village of X", the head of a location string)
    village: bool = False  # named a village ("the villages of A, B and C"): its population says little
    # part of a location string that opens a line ("Bryansk, Russia.", "sumy, sumy Oblast, ukraine"): a
    # name there is a place whatever its case or the words around it
    location_line: bool = False
    # the rows of another name the text gives the same place ("X, also known as Y", "X (Y)"), and that name
    alias_rows: tuple[int, ...] = ()
    alias_text: str = ""
    # a settlement the gazetteer lacks, said to be near a place ("the village of X outside Y"): where Y starts
    near_start: int = -1
    # named as a rural district ("the X district"): placed at its seat (``districts.mark_district_seats``)
    district: bool = False
    # named a district by a name no rural district bears ("the Xskyi district" of a city): placed at the city
    # the article is in when it has no reading near it (``resolve._districts_of_the_article_city``)
    city_district: bool = False
    # ... in a list before "districts" ("the A and B districts of Y"): where the list's last name starts
    district_list_last: int = -1
    # named as a part of a city ("the neighbourhoods of A, B", "the X microdistrict"): ``city_parts.CITY_PART_*``
    city_part: int = 0
    city_start: int = -1  # ... where the city named beside it starts ("X, Y", "Y's X"), or -1
    # its distance and direction from the next name ("X, about 20 km south-west of Y"): ``offsets.Offset``
    offset: Offset | None = None
    # what the recogniser noticed, rendered into the reason (decisions read the fields above, never these)
    signals: list[Signal] = field(default_factory=list)


# a match before it is read in context: (start, end, surface, key, kind, rows), the first fields of a ``Mention``
# (most matches are dropped or covered by a longer one, so a ``Mention`` is made only for those kept)
RawMatch = tuple[int, int, str, str, str, tuple[int, ...]]

_PLAIN_WORD = re.compile(r"[a-z]+\Z")


@lru_cache(maxsize=1)
def _english_frequencies() -> dict[str, float]:
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en", "best")  # the call (and cache key) of wordfreq's own look-ups


@lru_cache(maxsize=1)
def _wordfreq_functions():
    from wordfreq import freq_to_zipf, zipf_frequency, zipf_to_freq

    return freq_to_zipf, zipf_frequency, zipf_to_freq(0.0)


@lru_cache(maxsize=65536)
def _zipf(word: str) -> float:
    """wordfreq's ``zipf_frequency(word, "en")``. A plain lower-case ASCII word is a single token to
    wordfreq's tokenizer, so its value is read straight from wordfreq's list and rounded as
    ``zipf_frequency`` rounds it (the tokenizer is most of the cost); other words go through wordfreq."""
    _freq_to_zipf, zipf_frequency, min_freq = _wordfreq_functions()
    if not _PLAIN_WORD.match(word):
        return zipf_frequency(word, "en")
    return _zipf_of_frequency(max(_english_frequencies().get(word, 0.0), min_freq))


@lru_cache(maxsize=4096)
def _zipf_of_frequency(freq: float) -> float:
    """The Zipf value ``zipf_frequency`` gives a word of wordfreq frequency ``freq``. wordfreq stores its frequencies
    in centibels, so its list holds a few hundred distinct values (and every word it lacks has the least one): each
    is rounded once (two ``round`` calls on floats, most of a new word's cost)."""
    freq_to_zipf = _wordfreq_functions()[0]
    freq = round(freq, math.floor(-math.log(freq, 10)) + 3)  # wordfreq's 3 significant digits
    return round(freq_to_zipf(freq), 2)


@lru_cache(maxsize=1)
def _dictionary_words() -> frozenset[str]:
    """Lower-case words of Webster's 2nd (public domain); proper nouns there are capitalised."""
    from english_words import get_english_words_set

    return frozenset(w for w in get_english_words_set(["web2"], lower=False, alpha=True) if w.islower())


def load_word_lists() -> None:
    """Load the word frequency and dictionary lists now, not on the first article."""
    _english_frequencies()
    _zipf("the")
    _dictionary_words()


def prepare_abbreviations(gaz: Gazetteer) -> None:
    """Compile the abbreviations' pattern now (``_abbreviation_pattern``), not on the first article."""
    abbreviations = _sorted_abbreviations(gaz)
    _abbreviation_pattern(abbreviations)
    _runs_hold(abbreviations)


def prepare_spellings(gaz: Gazetteer) -> None:
    """Build the index of adjectival name endings now, not on the first article that needs it."""
    _adjective_forms(gaz)


def _is_dictionary_word(key: str) -> bool:
    return key in _dictionary_words()


def content_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of the paragraphs that are article content (not boilerplate)."""
    ranges = []
    pos = 0
    for line in text.splitlines(keepends=True):
        end = pos + len(line)
        header = _HEADER.match(line) if pos == 0 else None
        start = pos + header.end() if header else pos
        if text[start:end].strip() and not _BOILERPLATE.match(line[start - pos:]):
            ranges.append((start, end))
        pos = end
    return ranges


def sentence_starts(text: str) -> list[int]:
    """Sorted start offsets of sentences: 0 and the ends of ``_SENTENCE_END``'s matches.

    Found as the ends after each ".", "!" and "?" (the last two scanned for only in texts that hold one), and after
    each run of line breaks, unless the whitespace that holds the run is the whitespace a match after [.!?] ends
    with (".\\n\\nThe": that match takes in the run). The same matches: the one scan tries every [.!?] (a match
    holds none but its first character) and every run of line breaks that no such match has taken in."""
    ends = list(map(re.Match.end, _FULL_STOP_END.finditer(text)))
    merge = False
    for pattern, char in _PUNCTUATION_ENDS:
        if char in text:
            ends += map(re.Match.end, pattern.finditer(text))
            merge = True
    if "\n" in text:
        if ends:
            taken = set(ends)
            ends += [end for end, space_end in map(_SPAN_1, _LINE_BREAKS.finditer(text)) if space_end not in taken]
            merge = True
        else:
            ends = [end for end, _space_end in map(_SPAN_1, _LINE_BREAKS.finditer(text))]
    if merge:
        ends.sort()
    return [0, *ends]


def _is_headline(line: str) -> bool:
    words = [w for w in _WORD.findall(line) if len(w) > 3]
    if len(words) < 3:
        return False
    caps = sum(1 for w in words if w[0].isupper())
    return caps / len(words) >= _W.headline_capitalised_share and not line.rstrip().endswith((".", "”", '"'))


class _Context:
    """Per-text facts the filters share."""

    def __init__(self, text: str) -> None:
        self.text = text
        # the distinct characters that are not ASCII (``fold_words`` and ``cap_spans`` replace each)
        self._non_ascii = () if text.isascii() else set(_non_ascii(text))
        self.words = fold_words(text, self._non_ascii)  # folded, punctuation as spaces: what the automaton reads
        self.ranges = content_ranges(text)
        self._range_starts = [r[0] for r in self.ranges]
        self.sentences = sentence_starts(text)
        self._line_kind: dict[int, str] = {}
        self._has_any: dict[tuple[str, ...], bool] = {}

    @cached_property
    def cap_spans(self) -> list[tuple[int, int]]:
        """(start, end) of every run of capitalised words (``_CAP_SPAN``), in order."""
        return cap_spans(self.text, self._non_ascii)

    @cached_property
    def runs_text(self) -> str:
        """The runs of ``cap_spans``, each with the character before it, joined by newlines (about a fifth of
        the text). A pattern whose every match is itself a run (it fully matches ``_CAP_SPAN``:
        ``_CAPITALISED``, ``_CAP_RUN``, the abbreviations) finds here the matches it finds in the text, in the
        same order: every such match lies inside one run (a run takes in every capital letter and runs on
        over every word character and gap it can); what a look-behind reads before a run is kept; and the
        character after a run, which is no word character, reads as the newline does. ``runs_offset`` gives
        the text offset of a position."""
        return "\n".join(self._run_pieces)

    @cached_property
    def _run_pieces(self) -> list[str]:
        """The pieces ``runs_text`` joins: each run with the character before it."""
        text, spans = self.text, self.cap_spans
        pieces = [text[start - 1:end] for start, end in spans]
        if spans and not spans[0][0]:  # (a run at the text's start has no character before it)
            pieces[0] = text[:spans[0][1]]
        return pieces

    @cached_property
    def distinct_runs_text(self) -> str:
        """``runs_text`` with each of its pieces once, in order of first occurrence (about a quarter shorter): what
        a pattern of ``runs_text`` finds in a piece, it finds there in every copy of it (its matches lie inside a
        piece, and each piece stands between newlines in both), so the set of its matches is the same. For the
        patterns whose matches are read as a set (and for substring tests of words without a newline)."""
        return "\n".join(dict.fromkeys(self._run_pieces))

    @cached_property
    def _runs_shifts(self) -> tuple[list[int], list[int]]:
        """(where each run starts in ``runs_text``, text offset minus that position) for ``runs_offset``."""
        starts, shifts = [], []
        pos = 0
        spans = self.cap_spans
        if spans and not spans[0][0]:  # (a run at the text's start has no character before it)
            starts.append(0)
            shifts.append(0)
            pos = spans[0][1] + 1
            spans = spans[1:]
        for start, end in spans:  # each piece: the character before the run, the run and a newline
            starts.append(pos)
            shifts.append(start - 1 - pos)
            pos += end - start + 2
        return starts, shifts

    def runs_offset(self, pos: int) -> int:
        """The offset in the text of ``runs_text[pos]``."""
        starts, shifts = self._runs_shifts
        return pos + shifts[bisect.bisect_right(starts, pos) - 1]

    @cached_property
    def lower(self) -> str:
        """The text in lower case (for cheap tests whether a cue word occurs at all)."""
        return self.text.lower()

    def has_any(self, words: tuple[str, ...]) -> bool:
        """Whether any of ``words`` (lower case) occurs in the text, in any case (each tuple searched for once a
        text: several stages ask of the same words)."""
        found = self._has_any.get(words)
        if found is None:
            lower, found = self.lower, False
            for word in words:
                if word in lower:
                    found = True
                    break
            self._has_any[words] = found
        return found

    def has_any_before(self, heads: tuple[str, ...], tail: str) -> bool:
        """``has_any`` of the phrases ``head + tail``: found from the occurrences of their common ``tail``
        (one scan of the text, not one per phrase)."""
        lower = self.lower
        i = lower.find(tail)
        while i >= 0:
            if lower.endswith(heads, 0, i):
                return True
            i = lower.find(tail, i + 1)
        return False

    @cached_property
    def may_name_media(self) -> bool:
        """Whether ``_MEDIA_BEFORE`` can match anywhere in the text: one of ``MEDIA_NOUNS`` occurs in it in any case,
        or it holds a character re.IGNORECASE reads as an ASCII letter that ``str.lower`` keeps apart from it
        (``_READ_AS_ASCII_LETTER``; then it is not told). Most texts name no medium, and no name in them is looked
        at for one."""
        return any(char in self._non_ascii for char in _READ_AS_ASCII_LETTER) or self.has_any(MEDIA_NOUNS)

    @cached_property
    def lower_words(self) -> set[str]:
        """Words the text writes in lower case (computed on first use: many texts never ask)."""
        return set(_LOWER_WORD.findall(self.text)) if len(self.text) < _W.lower_words_max_chars else set()

    def uses_lower_case(self, word: str) -> bool:
        """Whether ``word`` is one of ``lower_words``, answered from the occurrences of ``word`` alone.

        ``_LOWER_WORD`` cuts a run of ``[a-z'-]`` characters into at most one word: from the run's first
        lower-case letter that follows no letter, to the run's end. So ``word`` is one of them when it
        occurs at such a start and ends where its run ends."""
        text = self.text
        if word not in text or len(text) >= _W.lower_words_max_chars or not _LOWER_WORD_FULL.fullmatch(word):
            return False
        size = len(word)
        i = text.find(word)
        while i >= 0:
            end = i + size
            if (end == len(text) or text[end] not in _LOWER_RUN_CHARS) and (i == 0 or text[i - 1] not in _LETTERS):
                # the run may start before ``i`` (after an apostrophe or a hyphen): its word starts at the first
                # lower-case letter after a non-letter
                j = i
                while j > 0 and text[j - 1] in _LOWER_RUN_CHARS:
                    j -= 1
                    if text[j] in _LOWER_LETTERS and (j == 0 or text[j - 1] not in _LETTERS):
                        break
                else:
                    return True
            i = text.find(word, i + 1)
        return False

    def paragraph_of(self, pos: int) -> int:
        i = bisect.bisect_right(self._range_starts, pos) - 1
        return i if i >= 0 and pos < self.ranges[i][1] else -1

    def sentence_of(self, pos: int) -> int:
        return bisect.bisect_right(self.sentences, pos) - 1

    def is_sentence_start(self, pos: int) -> bool:
        """Whether only openers (``_SENTENCE_OPENERS``) stand between the start of the sentence of ``pos`` and ``pos``
        (``not text[start:pos].strip(...)``: read back from ``pos``, which stops at the first other character,
        without copying the sentence so far)."""
        text, start = self.text, self.sentences[bisect.bisect_right(self.sentences, pos) - 1]
        while pos > start and text[pos - 1] in _SENTENCE_OPENERS:
            pos -= 1
        return pos == start

    def line_kind(self, para: int) -> str:
        if para not in self._line_kind:
            start, end = self.ranges[para]
            line = self.text[start:end]
            if line.isupper():  # every cased character is upper case
                kind = "caps"
            elif len(line) <= _W.headline_max_chars and _is_headline(line):
                kind = "title"
            else:
                kind = "prose"
            self._line_kind[para] = kind
        return self._line_kind[para]

    def word_before(self, pos: int) -> str:
        """The word just before ``pos`` and one space (what r"([A-Za-z][A-Za-z.'’-]*) $" finds in the
        40 characters before ``pos``): the run of word characters before the space, from its first letter."""
        text = self.text
        if pos and text[pos - 1] == " ":
            end = pos - 1
        elif pos > 1 and text[pos - 2:pos] == " \n":  # "$" also matches before a final newline
            end = pos - 2
        else:
            return ""
        body = text[max(0, pos - 40):end]
        run = body[len(body.rstrip(_WORD_CHARS)):]
        return run.lstrip(_WORD_PUNCTUATION)

    def word_after(self, pos: int) -> str:
        if self.text[pos:pos + 1] != " ":
            return ""  # (``_WORD_AFTER`` opens with a space)
        m = _WORD_AFTER.match(self.text, pos, pos + 40)  # (the pattern has no anchor: as on the slice)
        return m.group(1) if m else ""


_STRONG_KINDS = frozenset({"country", "admin1", "continent", "landmark", "water", "region"})
_COUNTRY_LIKE_KINDS = frozenset({"country", "continent", "landmark", "water", "region"})


class _RowsFacts(NamedTuple):
    """What the gazetteer entries a name may refer to say about it (a named tuple: made for every name first
    seen, many times cheaper to make than a frozen dataclass)."""

    best_population: int
    strong: bool  # some country, admin-1 unit, capital or big city carries the name
    country_or_capital: bool
    any_admin1: bool
    any_water: bool


@lru_cache(maxsize=65536)
def _rows_facts(gaz: Gazetteer, rows: tuple[int, ...]) -> _RowsFacts:
    """Facts of a set of rows, computed once per set (names recur across articles)."""
    kinds = [gaz.kind_of[r] for r in rows]
    pops = [gaz.population_of[r] for r in rows]
    capitals = [gaz.capital_of[r] for r in rows]
    return _RowsFacts(
        best_population=max(pops, default=0),
        strong=any(k in _STRONG_KINDS or cap or pop >= _W.strong_population for k, cap, pop in zip(kinds, capitals, pops)),
        country_or_capital=any(k in _COUNTRY_LIKE_KINDS or cap for k, cap in zip(kinds, capitals)),
        any_admin1="admin1" in kinds,
        any_water="water" in kinds,
    )


@lru_cache(maxsize=65536)
def _key_facts(gaz: Gazetteer, key: str) -> _RowsFacts:
    """Facts of the rows indexed under ``key``: ``_rows_facts(gaz, gaz.rows_for_key(key))``, from the
    index's per-key summary (highest population, kinds, any capital) instead of reading every row."""
    best, kinds, capital = gaz.key_summary(key)
    return _RowsFacts(
        best_population=best,
        strong=capital or best >= _W.strong_population or not kinds.isdisjoint(_STRONG_KINDS),
        country_or_capital=capital or not kinds.isdisjoint(_COUNTRY_LIKE_KINDS),
        any_admin1="admin1" in kinds,
        any_water="water" in kinds,
    )


def _mention_facts(gaz: Gazetteer, m: Mention) -> _RowsFacts:
    return _rows_facts(gaz, m.rows) if m.rows else _key_facts(gaz, m.key)


@lru_cache(maxsize=65536)
def _names_a_place(gaz: Gazetteer, word: str) -> bool:
    """Whether ``word`` is a gazetteer name, a demonym or an abbreviation."""
    key = name_key(word)
    return key in gaz.keys or key in gaz.demonyms or word in gaz.abbreviations


def _rows_of(gaz: Gazetteer, m: Mention) -> tuple[int, ...]:
    return m.rows or gaz.rows_for_key(m.key)


def find_mentions(text: str, gaz: Gazetteer) -> list[Mention]:
    """Every place mention in ``text`` (offsets are Python str indices)."""
    if not text or not text.strip():
        return []
    ctx = _Context(text)
    lines = _location_lines(ctx, gaz)
    # (abbreviations first, then the names read across an apostrophe: see ``_leftmost_longest``)
    raw = _abbreviation_matches(ctx, gaz) + _apostrophe_matches(ctx, gaz) + _automaton_matches(ctx, gaz)
    if lines:
        raw += _location_line_matches(ctx, gaz, lines)
    chosen = _leftmost_longest(raw)
    mentions = []
    rejected: list[tuple[int, int]] = []  # spans of names of several words read as no place here
    surnames = _surnames(ctx, gaz)
    sentences, ranges, range_starts = ctx.sentences, ctx.ranges, ctx._range_starts
    for start, end, surface, key, kind, rows in chosen:
        if kind == "name" and not rows:  # (most gazetteer matches: some are dropped whatever their context)
            verdict = _name_verdict(gaz, key, surface)
            if verdict == _DROPPED_ANYWHERE or (verdict == _DROPPED_OUTSIDE_LOCATION_LINES and not lines):
                continue
        # (``ctx.paragraph_of(start)`` and ``ctx.sentence_of(start)``, without the calls)
        paragraph = bisect.bisect_right(range_starts, start) - 1
        if paragraph < 0 or start >= ranges[paragraph][1]:
            continue
        m = Mention(start, end, surface, key, kind, rows)
        m.paragraph = paragraph
        m.sentence = bisect.bisect_right(sentences, start) - 1
        if lines and m.kind in ("name", "variant"):
            m.location_line = _heads_location_part(text, m, lines)
        if _keep(m, ctx, gaz, surnames):
            mentions.append(m)
        elif " " in surface:
            rejected.append((start, end))
    mentions += _variant_matches(ctx, gaz, mentions, surnames, rejected)
    mentions = without_person_readings(text, gaz, mentions, surnames, lambda m: _rows_of(gaz, m))
    mentions = without_nonplace_readings(text, gaz, mentions, lambda m: _rows_of(gaz, m),
                                         lambda m: ctx.line_kind(m.paragraph) == "prose")
    mentions += _lower_case_names(ctx, gaz, mentions)
    if ctx.has_any(REGION_CUES):
        mentions += _units_in_any_case(ctx, gaz, mentions)
    mentions.sort(key=lambda m: m.start)
    for m in mentions:
        suffix = _ADMIN_SUFFIX.match(text, m.end) if text[m.end + 1:m.end + 2] in _ADMIN_SUFFIX_SECOND else None
        if suffix and suffix.group(1) == "District" and _in_war_theatre(gaz, m):
            suffix = None  # a raion, as "the X district" in lower case: the name alone, at its seat (``districts``)
        if suffix and m.kind in ("name", "variant"):
            m.end = suffix.end()
            m.text = text[m.start:m.end]
            word = suffix.group(1)
            if word in ADMIN1_SUFFIXES:
                m.region = m.region_word = True
            m.signals.append(Signal("admin_suffix", 0.0, f"\"{word}\" suffix"))
        elif m.kind in ("name", "variant") and _ends_with_region_word(m.text):
            m.region = m.region_word = True  # the region word is part of the name found ("Kharkivs'ka oblast")
    _mark_on_the_river(ctx, gaz, mentions)
    mentions = _units_by_region_word(ctx, gaz, mentions)
    if lines:
        mentions = _misspelt_location_parts(ctx, gaz, lines, mentions)
    _mark_facilities(ctx, gaz, mentions)
    mentions = _adjectival_facilities(ctx, gaz, mentions)
    mentions = _hromadas(ctx, gaz, mentions)
    mentions = _named_facilities(ctx, gaz, mentions)
    _mark_regions(ctx, mentions)
    if lines:
        mentions = _without_city_district_heads(ctx.text, lines, mentions)
    if " and " in text or " or " in text:
        mentions = _elided_pairs(ctx, gaz, mentions)
    mentions = _settlements_missing_from_gazetteer(ctx, gaz, mentions, lines)
    if " district" in ctx.lower:  # (a plain substring gate: most texts name no district)
        mentions = _named_districts(ctx, gaz, mentions)
    _mark_location_strings(ctx, gaz, mentions)
    if " district" in ctx.lower:
        _district_lists_of(mentions)
    mark_district_seats(ctx.text, gaz, mentions)
    mark_city_parts(ctx.text, ctx.lower, mentions)
    mark_offsets(ctx.text, ctx.lower, mentions)
    add_hybrid_spellings(gaz, mentions)
    separate_derived_names(gaz, mentions)
    _mark_described_units(ctx, gaz, mentions)
    _mark_demonym_qualifiers(ctx, mentions)
    _mark_aliases(ctx, gaz, mentions)
    _mark_near_places(ctx, mentions)
    _mark_bordering_units(ctx, mentions)
    if "border" in ctx.lower:
        _mark_border_sentences(ctx, mentions)
    return mentions


# "border" as a word ("border villages", "near the border", "the Russian border"), not "borderline" or "cross-border"
_BORDER_WORD = re.compile(r"(?<![\w-])border(?:s|ing)?\b", re.IGNORECASE)


def _mark_border_sentences(ctx: _Context, mentions: list[Mention]) -> None:
    """Mark the settlement names of the sentences that speak of the border (``Mention.near_border``), unless the
    sentence names a unit as the neighbour ("near the border with the X region": a unit's border, not the state's)."""
    sentences = {ctx.sentence_of(b.start()) for b in _BORDER_WORD.finditer(ctx.text)}
    sentences -= {m.sentence for m in mentions if m.bordering}
    for m in mentions:
        if m.sentence in sentences and m.kind in ("name", "variant") and not m.region:
            m.near_border = True


# "the border with (the)", "bordering (the)", "borders (the)" right before a unit: the unit is beside the places of
# its sentence, not around them ("the village of X near the border with the Y region")
_BORDERING_BEFORE = re.compile(r"\b(?:border[ \t]+with|bordering|borders)[ \t]+(?:the[ \t]+)?\Z", re.IGNORECASE)


def _mark_bordering_units(ctx: _Context, mentions: list[Mention]) -> None:
    """Mark the region phrases named as a neighbour (``Mention.bordering``): no container of their sentence."""
    text = ctx.text
    for m in mentions:
        if m.region and "border" in text[max(0, m.start - 24):m.start].lower() and \
                _BORDERING_BEFORE.search(text, max(0, m.start - 24), m.start):
            m.bordering = True


# a town named after the river it stands on, written with the article ("X on the Y" for "X-on-Y")
_ON_THE_RIVER = re.compile(r"[ \t]+on[ \t]+the[ \t]+([A-Z][\w'’-]*)")


def _mark_on_the_river(ctx: _Context, gaz: Gazetteer, mentions: list[Mention]) -> None:
    """Extend "X" over "on the Y" when the gazetteer names a place "X-on-Y" ("Rostov on the Don"): the name
    is that place, read whole (its key without the article)."""
    text = ctx.text
    for m in mentions:
        if m.kind != "name" or m.region_word or not text.startswith(" on the ", m.end):
            continue
        found = _ON_THE_RIVER.match(text, m.end)
        key = name_key(f"{m.text} on {found.group(1)}") if found else ""
        if key and key in gaz.keys:
            m.end, m.text, m.key, m.rows = found.end(), text[m.start:found.end()], key, ()
            m.signals.append(Signal("on_the_river", 0.0, "the town named after its river, written with \"the\""))


def _mark_near_places(ctx: _Context, mentions: list[Mention]) -> None:
    """A settlement followed by the place it is near ("the village of X outside Y", "X, near Y"): resolve places
    one the gazetteer lacks at Y (at the town's point, with the town's precision) rather than nowhere, and one it
    knows only far from Y likewise (see ``resolve._near_town_places``)."""
    for i, m in enumerate(mentions):
        if m.kind not in ("settlement", "name", "variant") or m.region_word or i + 1 >= len(mentions):
            continue
        nxt = mentions[i + 1]
        gap = _NEAR_GAP.match(ctx.text, m.end)
        if gap is not None and gap.end() == nxt.start and nxt.kind in ("name", "variant") and not nxt.region_word:
            m.near_start = nxt.start


def _mark_aliases(ctx: _Context, gaz: Gazetteer, mentions: list[Mention]) -> None:
    """Two names of one place side by side ("X, also known as Y", "X (known in Z as Y)", "X (Y)", "X,
    formerly Y"): each mention gets the rows of the other, and resolve keeps their common places ("Artyomovsk,
    also known as Bakhmut" is the renamed town, not a namesake of one of the two names)."""
    text = ctx.text
    worded = None  # (``ctx.has_any(ALIAS_CUE_WORDS)``: four searches of the text, made only for a name the gap joins)
    names = [m for m in mentions if m.kind in ("name", "variant") and not m.region_word]
    by_start = {m.start: m for m in names}
    for m in names:
        gap = _ALIAS_GAP.match(text, m.end)
        other = by_start.get(gap.end()) if gap is not None else None
        if other is None or other.key == m.key:
            continue
        if not (text.startswith(" (", m.end) or text.startswith("(", m.end)):
            if worded is None:
                worded = ctx.has_any(ALIAS_CUE_WORDS)
            if not worded:
                continue
        for a, b in ((m, other), (other, m)):
            if not a.alias_rows:
                a.alias_rows, a.alias_text = _rows_of(gaz, b), b.text


def _location_heads(text: str) -> Iterator[tuple[int, int]]:
    """The spans ``_LOCATION_HEAD.finditer(text)`` finds, from the line starts alone (the regex tries every
    position of the text for a line start): a line's head is its text up to its first comma, when that comma
    comes before the line's end and 1 to ``_LOCATION_HEAD_CHARS`` characters after the line's start."""
    size = len(text)
    start = 0
    while start < size:
        newline = text.find("\n", start)
        line_end = size if newline < 0 else newline
        comma = text.find(",", start, min(line_end, start + _LOCATION_HEAD_CHARS + 1))
        if comma > start:
            yield start, comma + 1
        if newline < 0:
            break
        start = newline + 1


def _location_lines(ctx: _Context, gaz: Gazetteer) -> list[tuple[int, int, tuple[tuple[int, int], ...]]]:
    """Location strings that open a line, as (start, end, (start, end) of each part): "A, B Oblast, Country" or
    "A, Country" — the last part a country, or a later part ending with a region word. Their names are
    places in any case ("kharkiv, kharkiv Oblast, ukraine", "KURGAN, RUSSIA") and whatever words follow."""
    found = []
    text = ctx.text
    if "," not in text:
        return found
    for head_start, head_end in _location_heads(text):
        if text.count(" ", head_start, head_end) > 4:
            continue  # a location string's head is a short name before a comma (most lines are prose)
        match = _LOCATION_LINE.match(text, head_start)
        if match is None:
            continue
        start, end = match.span(1)
        parts = [(p.start() + len(p.group()) - len(p.group().lstrip()), p.group().strip())
                 for p in _LOCATION_PART.finditer(text, start, end) if p.group().strip()]
        if len(parts) < 2:
            continue
        last = name_key(parts[-1][1])
        country = any(gaz.kind_of[r] == "country" for r in gaz.rows_for_key(last)) if last in gaz.keys else \
            _misspelt_name(gaz, last, None) is not None  # a country misspelt by one slip
        region = any(part.rsplit(None, 1)[-1].lower().rstrip("'’") in REGION_CUES and " " in part
                     for _, part in parts[1:])
        if country or region:
            found.append((start, end, tuple((pos, pos + len(part)) for pos, part in parts)))
    return found


def _misspelt_location_parts(ctx: _Context, gaz: Gazetteer, lines: list[tuple[int, int, tuple[tuple[int, int], ...]]],
                             mentions: list[Mention]) -> list[Mention]:
    """Mentions for the parts after the head of a location string that no name covers and that are one slip
    (see ``one_slip_apart``) from the name of a country, in the last part ("A, Bellarus"), or of an admin-1
    unit of the string's country or its seat, before a region word or the country ("A, Kharkvi Oblast,
    Ukraine", "A, Belgorrod, Russia"). A name the gazetteer has is never read so."""
    text = ctx.text
    covered = [(m.start, m.end) for m in mentions]
    found = []
    for _start, _end, parts in lines:
        country = None
        for k in range(len(parts) - 1, 0, -1):  # the country first: it narrows the units
            s, e = parts[k]
            words = text[s:e].split()
            region = len(words) > 1 and words[-1].lower().rstrip("'’") in REGION_CUES
            core_end = s + len(text[s:e].rstrip()[:-len(words[-1])].rstrip()) if region else e
            key = name_key(text[s:core_end])
            is_last = k == len(parts) - 1
            if any(c0 < core_end and s < c1 for c0, c1 in covered) or key in gaz.keys:
                if is_last and not region:
                    rows = [r for r in gaz.rows_for_key(key) if gaz.kind_of[r] == "country"]
                    country = str(gaz._columns()[5][rows[0]]) if rows else None
                continue
            if is_last and not region:
                hit = _misspelt_name(gaz, key, None)
                country = str(gaz._columns()[5][hit[0][0]]) if hit else None
            else:
                hit = _misspelt_name(gaz, key, country, region) if country is not None else None
            if hit is None:
                continue
            rows, name = hit
            m = Mention(s, core_end, text[s:core_end], key, "name" if is_last and not region else "variant", rows)
            m.paragraph, m.sentence = ctx.paragraph_of(s), ctx.sentence_of(s)
            m.location_line = True
            if m.paragraph >= 0:
                m.signals.append(Signal("misspelt_name", 0.0, f"one slip from {name}"))
                found.append(m)
    return sorted(mentions + found, key=lambda m: m.start) if found else mentions


@lru_cache(maxsize=4096)
def _misspelt_name(gaz: Gazetteer, key: str, country: str | None,
                   region: bool = False) -> tuple[tuple[int, ...], str] | None:
    """(rows, name) of the one country (``country`` None), or admin-1 unit of ``country`` with its seat town,
    that has a name one slip from ``key`` (same first letter, ``misspelt_min_letters`` or more); None when no
    place or more than one is. With ``region`` (a region word follows) units that are cities do not count."""
    if len(key) < _W.misspelt_min_letters or not key.isalpha():
        return None
    a1s = gaz._columns()[6]
    found = set()
    for row in _rows_to_correct(gaz, country or ""):
        for name in [str(gaz._name[row])] + gaz.alternate_names(row).split("|"):
            if abs(len(name) - len(key)) > 3 or name[:1].lower() != key[0]:
                continue  # (cheap tests before the key is made: most names are far off)
            name = name_key(name)
            if name.isalpha() and name.isascii() and one_slip_apart(key, name):
                found.add(row)
    rows = tuple(sorted(found))
    if region and len({a1s[row] for row in rows}) > 1:
        rows = tuple(row for row in rows if not _in_city_unit(gaz, row))  # "… Oblast" is never a city's unit
    if not rows or len({a1s[row] if country else row for row in rows}) != 1:
        return None
    return rows, str(gaz._name[rows[0]])


def _in_city_unit(gaz: Gazetteer, row: int) -> bool:
    """Whether ``row`` lies in an admin-1 unit that is a city of its own (Kyiv city, Sevastopol)."""
    from pipeline.geoparse.resolve import RESOLVE_WEIGHTS, _is_city_unit

    unit = gaz.admin1_row(str(gaz._columns()[6][row]))
    return unit is not None and _is_city_unit(gaz, unit, RESOLVE_WEIGHTS)


@lru_cache(maxsize=64)
def _rows_to_correct(gaz: Gazetteer, country: str) -> tuple[int, ...]:
    """The rows a slip in a location string is read against: the admin-1 units of ``country`` and their
    seats, or for ``country`` "" the countries."""
    from pipeline.geoparse.resolve import _seats

    ccs = gaz._columns()[5]
    kind = "admin1" if country else "country"
    if kind not in gaz.kinds:
        return ()
    rows = np.flatnonzero(gaz.kind_code == gaz.kinds.index(kind)).tolist()
    if not country:
        return tuple(rows)
    return tuple(r for r in rows + sorted(_seats(gaz).values()) if ccs[r] == country)


def _location_line_matches(ctx: _Context, gaz: Gazetteer,
                           lines: list[tuple[int, int, tuple[tuple[int, int], ...]]]) -> list[RawMatch]:
    """Names written in lower case at the start of a part of a location line ("kharkiv, kharkiv Oblast")."""
    text = ctx.text
    haystack = " " + ctx.words + " "
    found = []
    for start, end, parts in lines:
        part_starts = {pos for pos, _ in parts}
        if not any(text[pos].islower() for pos in part_starts):
            continue
        run = _capitalise_words(text[start:end])
        for s0, e0, _surface, key, kind, rows in _names_in_run(gaz, haystack[start:end + 2], run):
            pos = start + s0
            if pos not in part_starts or not text[pos].islower():
                continue
            if _zipf(key) >= _W.variant_max_zipf and not _key_facts(gaz, key).strong:
                continue  # a common word ("in", "near") is no place in lower case
            found.append((pos, start + e0, text[pos:start + e0], key, kind, rows))
    return found


def _without_city_district_heads(text: str, lines: list[tuple[int, int, tuple[tuple[int, int], ...]]],
                                 mentions: list[Mention]) -> list[Mention]:
    """``mentions`` without the names of a city district heading a location line ("Zavodskoy Rayon, Oryol,
    Russia"): when the next part is neither a region ("… Raion, Kharkiv Oblast" keeps its raion) nor the
    last part, it is the city the district belongs to, and that city is the place the line names."""
    drop: set[int] = set()
    for _start, _end, parts in lines:
        if len(parts) < 3:
            continue
        (s0, e0), (s1, e1) = parts[0], parts[1]
        words = text[s0:e0].split()
        if len(words) < 2 or words[-1].lower() not in DISTRICT_WORDS:
            continue
        if text[s1:e1].split()[-1].lower().rstrip("'’") in REGION_CUES:
            continue
        drop.update(id(m) for m in mentions if s0 <= m.start < e0)
    return [m for m in mentions if id(m) not in drop] if drop else mentions


def _heads_location_part(text: str, m: Mention, lines: list[tuple[int, int, tuple[tuple[int, int], ...]]]) -> bool:
    """Whether ``m`` is a whole part of a location line, or its first words before a region word or a
    settlement noun ("Kursk Oblast", "Nova Village"); not a word of a longer name ("Nova Pershyna")."""
    for start, end, parts in lines:
        if start <= m.start < end:
            for part_start, part_end in parts:
                if part_start == m.start and m.end <= part_end:
                    rest = text[m.end:part_end].strip().lower().rstrip("'’")
                    return not rest or rest in REGION_CUES or rest in SETTLEMENT_NOUNS  # "X Oblast", "X Village"
    return False


def _capitalise_words(run: str) -> str:
    """``run`` with the first letter of every word in upper case (same length)."""
    out = []
    prev = " "
    for ch in run:
        up = ch.upper() if not prev.isalpha() and prev not in _APOSTROPHES else ch
        out.append(up if len(up) == 1 else ch)
        prev = ch
    return "".join(out)


def _units_by_region_word(ctx: _Context, gaz: Gazetteer, mentions: list[Mention]) -> list[Mention]:
    """Admin-1 mentions for "X region" / "X oblast" where only "X Oblast" (or "X Krai" ...) is a gazetteer
    name: GeoNames keeps some units only so ("Zakarpattia Oblast")."""
    text = ctx.text
    found = []
    if not ctx.has_any(REGION_CUES):
        return mentions
    for match in _NAME_REGION_WORD.finditer(text):
        start, end = match.span(1)
        if any(m.start < end and start < m.end for m in mentions):
            continue
        rows: tuple[int, ...] = ()
        for start in dict.fromkeys((start, text.rfind(" ", start, end) + 1 or start)):  # "The Zakarpattia"
            key = name_key(text[start:end])
            rows = tuple(sorted({r for word in ("oblast", "krai", "kray", "province", "region")
                                 for r in gaz.rows_for_key(f"{key} {word}") if gaz.kind_of[r] == "admin1"}))
            if rows:
                break
        if not rows:
            continue
        m = Mention(start, end, text[start:end], key, "variant", rows)
        m.paragraph, m.sentence = ctx.paragraph_of(start), ctx.sentence_of(start)
        if m.paragraph >= 0:
            m.signals.append(Signal("unit_name_without_word", 0.0, f"the unit GeoNames calls {gaz._name[rows[0]]}"))
            found.append(m)
    return sorted(mentions + found, key=lambda m: m.start) if found else mentions


def _mark_facilities(ctx: _Context, gaz: Gazetteer, mentions: list[Mention]) -> None:
    """Extend "X <facility>" mentions over the facility words: the landmark called so in any spelling of X
    ("Rovno Nuclear Power Plant" is the landmark of that name spelt "Rivne"), else X's
    place with ``facility`` set (resolve notes the point as the town's)."""
    text = ctx.text
    added: list[Mention] = []
    for m in mentions:
        if m.kind not in ("name", "variant") or m.region_word:
            continue
        number = AIRFIELD_NUMBER.match(text, m.end) if text[m.end:m.end + 1] in _HYPHENS else None
        if number is not None and not m.facility:
            # "the X-1 air base": the numbered airfield of town X, its name; placed at the town
            m.end = number.end()
            m.text = text[m.start:m.end]
            m.facility = True
            m.signals.append(Signal("numbered_airfield", 0.0, "a numbered airfield placed at the town named"))
        found = _FACILITY.match(text, m.end)
        if found is None:
            continue
        rows = m.rows or gaz.rows_for_key(m.key)
        if not rows:
            continue
        tail = name_key(found.group(1))
        # a landmark the table names after the place ("the Crimea bridge") whatever the place's kind; else
        # the facility is placed only at a town or landmark
        landmark = _landmark_rows(gaz, m.key, rows, tail)
        if not landmark and gaz.kind_of[rows[0]] not in _FACILITY_KINDS and \
                not any(gaz.kind_of[r] in _FACILITY_KINDS for r in rows):
            continue
        if not landmark and not _FACILITY_AT_PLACE.fullmatch(found.group(1)):
            continue
        if landmark:
            m.end = found.end()
            m.text = text[m.start:m.end]
            m.key, m.rows, m.kind = f"{m.key} {tail}", landmark, "name"
            m.signals.append(Signal("facility_landmark", 0.0, "a facility the landmark table names"))
        elif found.group(1).split()[-1][:1].isupper():
            # "the Lviv Thermal Power Plant", "the Sumy CHP": the facility's own name, one mention ("the Kyiv TV
            # tower" is a tower in Kyiv: two)
            m.end = found.end()
            m.text = text[m.start:m.end]
            m.facility = True
            m.signals.append(Signal("facility_at_place", 0.0, f"{_indefinite(_facility_words(found.group(1)))} placed at the place named"))
        else:
            # "the Sumy drama theatre" describes a facility in the town: the town stays a mention of its
            # own, the facility is a second one at the town's point
            facility = replace(m, end=found.end(), text=text[m.start:found.end()], facility=True,
                               signals=m.signals + [Signal("facility_at_place", 0.0,
                                                           f"{_indefinite(_facility_words(found.group(1)))} placed at the place named")])
            added.append(facility)
    if added:
        mentions += added
        mentions.sort(key=lambda m: (m.start, m.end))


def _facility_words(words: str) -> str:
    """A facility's words in lower case, its acronyms as written ("TV tower", "NPP")."""
    return " ".join(w if len(w) > 1 and w.isupper() else w.lower() for w in words.split())


# a capitalised adjective in "-sk-" with a feminine or neuter ending, the gender of a facility noun in Russian or
# Ukrainian ("Xskaya", "Xske"), before a facility noun
_ADJECTIVAL_FACILITY = re.compile(r"\b([A-Z][a-z]{2,}sk)(?:aya|aia|oye|oe|oie|ye|e|a)\b")
_MASCULINE_ENDINGS = ("iy", "y", "yi", "ij", "ii")


def _adjectival_facilities(ctx: _Context, gaz: Gazetteer, mentions: list[Mention]) -> list[Mention]:
    """A facility named by the adjective of its town ("the Xskaya oil depot", "the Xske reservoir", "the Xivska
    TPP"; the gender of the Russian or Ukrainian noun): the town of that adjective in the region named with it
    (``_adjective_town_in_named_unit``), else the seat of the one admin-2 unit called by that adjective's
    masculine form (a town of the unit's region whose name, less its last letter, begins the adjective), with a
    town's precision; nothing when no such unit or seat is found."""
    text = ctx.text
    if "sk" not in ctx.distinct_runs_text:
        return mentions
    found = []
    for match in _ADJECTIVAL_FACILITY.finditer(ctx.runs_text):  # (a capitalised word lies in a run)
        start = ctx.runs_offset(match.start())
        match = _ADJECTIVAL_FACILITY.match(text, start)
        if match is None or not _FACILITY.match(text, match.end()):
            continue
        # a mention of the adjective itself (a namesake spelt like it: "Uglegorska" read as a town on Sakhalin)
        # gives way to a town of the region named with it, only
        facility = _FACILITY.match(text, match.end())
        if facility is None or not _FACILITY_AT_PLACE.fullmatch(facility.group(1)):
            continue
        covered = [m for m in mentions if m.start < match.end() and match.start() < m.end]
        if covered and (len(covered) > 1 or covered[0].start != match.start() or
                        covered[0].end not in (match.end(), facility.end()) or
                        covered[0].kind not in ("name", "variant") or covered[0].region):
            continue
        stem = name_key(match.group(1))
        # (the region named with it first: a unit called by the same adjective may lie in another country)
        seat = _adjective_town_in_named_unit(ctx, gaz, mentions, stem, match.start())
        if seat is None and not covered:
            units = {r for ending in _MASCULINE_ENDINGS for r in gaz.rows_for_key(stem + ending)
                     if gaz.kind_of[r] == "admin2"}
            seat = _adjective_seat(gaz, stem, units.pop()) if len(units) == 1 else None
        if seat is None or (covered and seat in _rows_of(gaz, covered[0])):
            continue
        if covered:
            mentions = [m for m in mentions if m is not covered[0]]
        m = Mention(match.start(), facility.end(), text[match.start():facility.end()], name_key(str(gaz._name[seat])),
                    "name", (seat,))
        m.paragraph, m.sentence = ctx.paragraph_of(m.start), ctx.sentence_of(m.start)
        if m.paragraph < 0:
            continue
        m.facility = True
        m.signals.append(Signal("facility_by_adjective", 0.0, f"{_indefinite(facility.group(1).lower())} named by "
                                                              f"the adjective of {gaz._name[seat]}"))
        found.append(m)
    return sorted(mentions + found, key=lambda m: (m.start, m.end)) if found else mentions


# how a Ukrainian or Russian town's name ends before its adjective's "-sk-" ("Trypillia" → "Trypilska",
# "Kurakhove" → "Kurakhivska", "Zmiiv" → "Zmiivska"): (the name's ending, the adjective stem's ending)
_TOWN_ENDINGS_BEFORE_SK = (("llia", "l"), ("llya", "l"), ("ove", "iv"), ("eve", "iv"), ("ia", ""), ("ya", ""),
                           ("ka", ""), ("a", ""), ("e", ""), ("o", ""), ("", ""))
_ADJECTIVE_TOWN_MIN_LETTERS = 4  # an adjective stem (before "-sk") this long at least


def _adjective_town_in_named_unit(ctx: _Context, gaz: Gazetteer, mentions: list[Mention], stem: str,
                                  start: int) -> int | None:
    """The town whose adjective ``stem`` ("...sk") is, in the admin-1 unit a region phrase of the same sentence
    names ("the Xivska TPP in the Y region"), else in the one unit the article's region phrases name: the most
    populous such town. The town itself ("Uglegorsk" for "Uglegorska") or its name with the ending the adjective
    drops ("Trypillia", "Kurakhove", "Zmiiv"). None when no unit is named or no town of it matches."""
    base = stem[:-2]
    if len(base) < _ADJECTIVE_TOWN_MIN_LETTERS:
        return None
    sentence = ctx.sentence_of(start)
    regions = [m for m in mentions if m.kind in ("name", "variant") and
               (m.region_word or _REGION_AFTER.match(ctx.text, m.end) is not None)]
    units = _region_codes(gaz, [m for m in regions if m.sentence == sentence])
    if not units:
        units = _region_codes(gaz, regions)
        if len(units) != 1:
            return None
    keys = {stem}
    for ending, stem_ending in _TOWN_ENDINGS_BEFORE_SK:
        if base.endswith(stem_ending):
            keys.add(base[:len(base) - len(stem_ending)] + ending)
    best = None
    for key in keys:
        if key not in gaz.keys:
            continue
        for r in gaz.rows_for_key(key):
            if gaz.kind_of[r] == "city" and gaz._a1[r] in units and \
                    (best is None or (gaz.population_of[r], -r) > (gaz.population_of[best], -best)):
                best = r
    return best


def _region_codes(gaz: Gazetteer, regions: list[Mention]) -> set[str]:
    """The admin-1 codes that region phrases ("the Kharkiv region", "Kyiv Oblast") name."""
    from pipeline.geoparse.resolve import _region_units  # (resolve imports this module)

    codes = set()
    for m in regions:
        codes.update(gaz._a1[r] for r, _how in _region_units(gaz, m.key, _rows_of(gaz, m)) if gaz._a1[r])
    return codes


def _hromadas(ctx: _Context, gaz: Gazetteer, mentions: list[Mention]) -> list[Mention]:
    """A hromada named by its seat's adjective ("the Xivska community"): the seat, with a district's precision
    (``hromadas.hromada_seats``); nothing where a mention already covers the adjective."""
    found = []
    inside: set[int] = set()  # mentions within an adjective: a part of a hyphenated one ("Siverska"), a namesake
    for start, end, key, rows in hromada_seats(ctx.text, gaz):
        within = [m for m in mentions if start <= m.start and m.end <= end]
        if any(m.start < end and start < m.end for m in mentions if m not in within):
            continue
        inside.update(id(m) for m in within)
        m = Mention(start, end, ctx.text[start:end], key, "name", rows)
        m.paragraph, m.sentence = ctx.paragraph_of(start), ctx.sentence_of(start)
        if m.paragraph < 0:
            continue
        m.district = True
        m.signals.append(Signal("hromada_seat", 0.0, "named as a hromada: placed at its seat"))
        found.append(m)
    if not found:
        return mentions
    return sorted([m for m in mentions if id(m) not in inside] + found, key=lambda m: (m.start, m.end))


def _adjective_seat(gaz: Gazetteer, stem: str, unit: int) -> int | None:
    """The most populous town of admin-2 ``unit``'s region within ``districts.DISTRICT_SEAT_KM`` of its point whose
    name key, less its last letter (at least four letters left), begins ``stem`` ("liski" → "liskinsk"), or whose
    "-ka" is the adjective's "-sk" ("kakhovka" → "kakhovsk")."""
    from pipeline.geoparse.districts import DISTRICT_SEAT_KM
    from pipeline.geoparse.resolve import _great_circle_km

    cols = gaz._columns()
    code, ulat, ulon = cols[6][unit], float(cols[2][unit]), float(cols[3][unit])
    best = None
    for key in gaz.keys.trie.keys(stem[:4]):  # (every key of the trie that begins like the stem)
        if " " in key or len(key) < 5 or key not in gaz.keys or \
                not (stem.startswith(key[:-1]) or (key.endswith("ka") and stem == key[:-2] + "sk")):
            continue
        for r in gaz.rows_for_key(key):
            if gaz.kind_of[r] != "city" or cols[6][r] != code or \
                    _great_circle_km(float(cols[2][r]), float(cols[3][r]), ulat, ulon) > DISTRICT_SEAT_KM:
                continue
            if best is None or (gaz.population_of[r], -r) > (gaz.population_of[best], -best):
                best = r
    return best


def _indefinite(noun: str) -> str:
    """``noun`` after its indefinite article ("a refinery", "an airfield", "an NPP": an acronym by its letters' sound)."""
    first = noun.split()[0] if noun.split() else ""
    vowel = first[:1] in "AEFHILMNORSX" if len(first) > 1 and first.isupper() else noun[:1] in "aeiou"
    return f"{'an' if vowel else 'a'} {noun}"


# the last word of a facility's own name ("Victory Square", "Dormition Cathedral"): the facility is placed
# at its town when its phrase gives the town (see ``_named_facilities``). Not University, College, Center,
# Theatre, Hotel, Hospital ...: such capitalised names are mostly institutions, and the public corpora do not
# count them as places (a hospital is found by its own name before the noun: "the X children's hospital").
FACILITY_HEADS = frozenset("""Square Cathedral Monastery Lavra Mosque Synagogue Institute Plant Factory
Airport Airfield Bridge Base Prison Barracks Station Theater Theatre Palace Park""".split())
# houses of worship, palaces and parks placed, with no town beside them and none inside their name, at the town the
# article names most, as a lower-case facility noun is ("the Zoriana children's hospital"); a square, plant or base
# is not, nor a theatre (a theatre company or a television programme may be so called)
TOWN_BUILDING_HEADS = frozenset("Cathedral Monastery Lavra Mosque Synagogue Palace Park".split())
# heads read as a facility only at a town of the war theatre (``_in_war_theatre``): elsewhere a palace or park is
# as often an institution, a venue or a farm
THEATRE_ONLY_HEADS = frozenset("Palace Park".split())
# facilities named after the town they serve, which may lie outside it: placed only by a town after them ("X
# Airport in Y", "X Base near Y"), not by a town in or before their name ("Kherson Airport", "Toronto's X Airport")
SERVING_HEADS = frozenset("Airport Airfield Station Base Bridge".split())
# "Station" is a facility's only after these ("Railway Station", not "International Space Station")
STATION_KINDS = frozenset("Railway Train Bus Metro Power Pumping Filtration Police Fire".split())
# each head not after a word character or apostrophe: ``(?<![\w'’ʼ])HEAD\b``, written with the look-behind after the
# head (it then reads the one character before it), so that the regex engine can skip to the head's letters fast
_FACILITY_HEAD = {head: re.compile(re.escape(head) + r"(?<![\w'’ʼ]" + re.escape(head) + r")\b") for head in FACILITY_HEADS}
# the nouns after a facility's own name ("the Zoriana children's hospital"), found by their words first (speed)
FACILITY_NOUNS = ("hospital", "cathedral", "monastery", "airport", "airfield", "stadium", "theatre", "theater", "mall")
_FACILITY_NOUN = re.compile(r"(?:(?:children['’ʼ]s|maternity|military|regional|city|district|main)[ \t]+)?"
                            r"(?:hospital|cathedral|monastery|airport|airfield|stadium|theat(?:re|er)|mall)\b")
_FACILITY_NOUN_BEFORE = re.compile(_FACILITY_NOUN.pattern + r"\Z")
_NAME_BEFORE_NOUN = re.compile(_UNKNOWN_NAME.pattern + r"[ \t]+\Z")
# between a facility and the town that follows it ("X Square, central Dnipro", "X Cathedral in Lviv")
_TOWN_AFTER = re.compile(r"(?:[ \t]*,[ \t]*|[ \t]+)(?:(?:in|at|near|of|outside)[ \t]+)?(?:the[ \t]+)?"
                         r"(?:(?:city|town|village)[ \t]+of[ \t]+)?(?:(?:central|downtown|northern|southern|eastern|"
                         r"western)[ \t]+)?\Z")
# between the town and the facility after it ("Lviv's old X Cathedral")
_TOWN_BEFORE = re.compile(r"['’]s[ \t]+(?:[a-z-]+[ \t]+){0,2}\Z")
_NAME_CONNECTORS = frozenset({"of", "and", "for", "the", "on"})
# a facility named after a unit or big town is placed at the town the sentence names beside it in the same
# unit ("a visit to Netishyn, to the Khmelnytskyi nuclear power plant"): a preposition introduces that town
_TOWN_PREPOSITION = re.compile(r"\b(?:in|at|to|near|from|of|outside)[ \t]+(?:the[ \t]+)?"
                               r"(?:(?:city|town)[ \t]+of[ \t]+)?\Z")


def _named_facilities(ctx: _Context, gaz: Gazetteer, mentions: list[Mention]) -> list[Mention]:
    """Facilities known by their own name ("Victory Square", "the Dormition Cathedral", "the Sumy Artillery
    Institute of Engineering", "the Zoriana children's hospital"), placed at their town: a place named
    inside the name, the town right after it ("..., central Dnipro", "... in Lviv") or right before it
    ("Lviv's old ..."), else the town another mention of the same name was given in the article. A
    facility with no town given is dropped (precision first). Also re-points a facility named after a place
    (``_mark_facilities``) at the town the sentence names beside it in the same admin-1 unit."""
    text = ctx.text
    unplaced = _facility_at_sentence_town(ctx, gaz, mentions)
    if unplaced:
        mentions = [m for m in mentions if id(m) not in unplaced]
    heads = [head for head in FACILITY_HEADS if head in ctx.distinct_runs_text]  # (a capitalised word lies in a run)
    nouns = [noun for noun in FACILITY_NOUNS if noun in text]
    if not heads and not nouns:
        return mentions
    starts = [m.start for m in mentions]
    found: list[tuple[int, int, str, Mention | None]] = []  # (start, end, its name's key, town mention)
    article_town = _UNSET = object()
    for match in sorted((m for head in heads for m in _FACILITY_HEAD[head].finditer(text)), key=lambda m: m.start()):
        head = match.group()
        span = _facility_name_span(text, match.start(), match.end())
        if span is None:
            continue
        start, end = span
        words = text[start:end].split()
        if head == "Station" and text[start:match.start()].split()[-1] not in STATION_KINDS:
            continue
        if any(m.start <= start and end <= m.end for m in mentions):
            continue  # a gazetteer name already covers it ("Maidan Nezalezhnosti")
        town = _facility_town(ctx, gaz, mentions, starts, start, end, after_only=head in SERVING_HEADS)
        if town is None and head in TOWN_BUILDING_HEADS and \
                not any(start <= m.start < end and not _SAINT_NAME.match(m.text) for m in mentions):
            if article_town is _UNSET:
                article_town = _article_town(gaz, mentions)
            town = article_town
        if head in THEATRE_ONLY_HEADS and town is not None and not _in_war_theatre(gaz, town):
            continue
        if town is not None and start <= town.start < end and _NUCLEAR_FACILITY.search(text, town.end, end):
            continue  # "the X Nuclear Power Plant" is not at X (see ``_NUCLEAR_FACILITY``)
        found.append((start, end, name_key(words[0]), town))
    for noun in _facility_nouns(text, nouns):
        match = _NAME_BEFORE_NOUN.search(text, max(0, noun.start() - 80), noun.start())
        if match is None or not _facility_proper_name(ctx, gaz, match.group().rstrip()):
            continue
        start, end = match.start(), match.start() + len(match.group().rstrip())
        if any(m.start < end and start < m.end for m in mentions):
            continue
        town = _facility_town(ctx, gaz, mentions, starts, start, noun.end())
        if town is None:
            if article_town is _UNSET:
                article_town = _article_town(gaz, mentions)
            town = article_town
        found.append((start, end, name_key(text[start:end].split()[0]), town))
    if not found:
        return mentions
    towns = {key: town for _, _, key, town in found if town is not None}
    added = []
    dropped: set[int] = set()
    for start, end, key, town in found:
        town = town or towns.get(key)
        if town is None:
            continue
        if not start <= town.start < end:  # a common word inside the name is no place of its own ("Victory Square")
            # (nor a saint the building is dedicated to: "St. Michael's ... Cathedral")
            dropped.update(id(m) for m in mentions if start <= m.start and m.end <= end and (
                " " not in m.key and (_is_dictionary_word(m.key) or _zipf(m.key) >= _W.variant_max_zipf)
                or _SAINT_NAME.match(m.text)))
        m = replace(town, start=start, end=end, text=text[start:end], facility=True, region=False,
                    region_word=False, listed=False, settlement=False, village=False, qualifier=None,
                    country_qualifier=None, district_of=None, location_line=False,
                    signals=[Signal("named_facility", 0.0, f"a facility placed at its town, {town.text}")])
        m.paragraph, m.sentence = ctx.paragraph_of(start), ctx.sentence_of(start)
        if m.paragraph >= 0:
            added.append(m)
    if not added:
        return mentions
    return sorted([m for m in mentions if id(m) not in dropped] + added, key=lambda m: (m.start, m.end))


_WORD_BEFORE = re.compile(r"([A-Za-z][\w'’ʼ-]*\.?)[ \t]+\Z")
_SAINT = re.compile(r"\b(?:St|Saint|Sts)\.?[ \t]+\Z")
_SAINT_NAME = re.compile(r"(?:St|Saint|Sts)\.?[ \t]")


def _name_word(word: str) -> bool:
    """Whether ``word`` may be part of a facility's name: capitalised, not an article, not a possessive (the
    town before it: "Odesa's ... Cathedral"), not the last word of another facility ("A Airport and B Airport")."""
    return word[0].isupper() and word.lower() not in ("the", "a", "an") and not word.endswith(("'s", "’s")) \
        and word not in FACILITY_HEADS


def _facility_nouns(text: str, nouns: list[str]) -> list[re.Match]:
    """Matches of ``_FACILITY_NOUN`` (with its modifier: "children's hospital") at each occurrence of ``nouns``
    in ``text``, in order (found by the words, which few texts hold, not by a scan of every position)."""
    found = []
    for noun in nouns:
        pos = text.find(noun)
        while pos >= 0:
            match = _FACILITY_NOUN_BEFORE.search(text, max(0, pos - 24), pos + len(noun))
            if match is not None and match.end() == pos + len(noun):
                found.append(match)
            pos = text.find(noun, pos + len(noun))
    return sorted(found, key=lambda m: m.start())


def _facility_name_span(text: str, head_start: int, head_end: int) -> tuple[int, int] | None:
    """(start, end) of the capitalised name that ends with the facility word at ``head_start`` (with an
    "of X" tail: "... Institute of Engineering"), or None when no capitalised word stands before it."""
    start = head_start
    pos = head_start
    while True:
        before = text[max(0, pos - 40):pos]
        word = _WORD_BEFORE.search(before)
        if word is None:
            break
        w = word.group(1)
        if _name_word(w) or _SAINT.search(before[:word.start()]) and w[0].isupper():  # "St. Mark's ... Cathedral"
            start = pos = pos - len(word.group(0))
            continue
        if w in _NAME_CONNECTORS and w != "the":
            gap = pos - len(word.group(0))
            prev = _WORD_BEFORE.search(text[max(0, gap - 40):gap])
            if prev is not None and _name_word(prev.group(1)):
                pos -= len(word.group(0))
                continue
        break
    if start == head_start:
        return None
    end = head_end
    tail = re.match(r"[ \t]+of[ \t]+(?:the[ \t]+)?[A-Z][\w'’ʼ-]*(?:[ \t]+[A-Z][\w'’ʼ-]*)*", text[end:end + 80])
    if tail is not None:
        end += tail.end()
    return start, end


def _facility_proper_name(ctx: _Context, gaz: Gazetteer, name: str) -> bool:
    """Whether ``name`` before a lower-case facility noun reads as the facility's own name (not a town the
    gazetteer knows, handled by ``_mark_facilities``, nor a common word)."""
    key = name_key(name)
    return key not in gaz.keys and key not in gaz.demonyms and all(
        _zipf(k) < _W.variant_max_zipf and not _is_dictionary_word(k) for k in key.split())


def _facility_town(ctx: _Context, gaz: Gazetteer, mentions: list[Mention], starts: list[int], start: int,
                   end: int, *, after_only: bool = False) -> Mention | None:
    """The town mention a facility at ``text[start:end]`` lies in, from its phrase (see ``_named_facilities``):
    the town right after or right before it first ("Victory Square, central Dnipro" is not in a town called
    Victory), else a town named inside its name ("the Sumy Artillery Academy")."""
    text = ctx.text
    i = bisect.bisect_left(starts, start)
    for m in mentions[i:i + 6]:
        if m.start >= end:
            if m.start - end <= 40 and _TOWN_AFTER.match(text[end:m.start]) and _is_town_mention(gaz, m):
                return m
            break
    if after_only:
        return None
    if i > 0:
        m = mentions[i - 1]
        if start - m.end <= 30 and _TOWN_BEFORE.search(text[m.end:start]) and _is_town_mention(gaz, m):
            return m
    # a town inside the name only when it is a strong name (a big city, a unit's seat): "Pine Nut Processing
    # Plant" and "Chapman University" are not in towns called Pine or Chapman
    inner = [m for m in mentions[i:] if m.start < end and _is_town_mention(gaz, m) and _mention_facts(gaz, m).strong
             and m.key not in DIRECTIONS and not _is_dictionary_word(m.key)]
    if inner:
        return inner[0]
    first = re.match(r"[A-Z][\w'’ʼ-]*", text[start:end])
    key = name_key(first.group()) if first else ""
    if key in gaz.keys and key not in gaz.demonyms and _key_facts(gaz, key).strong and key not in DIRECTIONS \
            and not _is_dictionary_word(key):
        town = Mention(start, start + len(first.group()), first.group(), key, "name")  # dropped as a modifier
        if _is_town_mention(gaz, town):
            return town
    return None


def _article_town(gaz: Gazetteer, mentions: list[Mention]) -> Mention | None:
    """The town the article names most (at least twice, strictly more often than any other), or None."""
    counts: dict[str, list[Mention]] = {}
    for m in mentions:
        if _is_town_mention(gaz, m):
            counts.setdefault(m.key, []).append(m)
    ranked = sorted(counts.values(), key=len, reverse=True)
    if not ranked or len(ranked[0]) < 2 or (len(ranked) > 1 and len(ranked[1]) == len(ranked[0])):
        return None
    return ranked[0][0]


def _in_war_theatre(gaz: Gazetteer, m: Mention) -> bool:
    """Whether one reading of ``m`` lies in a country of the war theatre (``ResolveWeights.war_theatre_country``
    and ``war_theatre_parties``), whose rural districts the press names after their seats."""
    from pipeline.geoparse.resolve import RESOLVE_WEIGHTS

    theatre = (RESOLVE_WEIGHTS.war_theatre_country, *RESOLVE_WEIGHTS.war_theatre_parties)
    codes = gaz._columns()[5]
    return any(str(codes[r]) in theatre for r in _rows_of(gaz, m))


def _is_town_mention(gaz: Gazetteer, m: Mention) -> bool:
    """Whether ``m`` names a settlement (its most populous reading is a town), not a unit or country."""
    if m.kind not in ("name", "variant") or m.region_word or m.facility:
        return False
    kinds = {gaz.kind_of[r] for r in _rows_of(gaz, m)}
    return "city" in kinds and not kinds & {"country", "continent", "water"}


# the power plants and dams, named after their unit or a town they may lie far from, whatever their case
_POWER_PLANT = re.compile(r"\b(?:power[ \t]+(?:plant|station)|NPP|HPP|TPP|dam)\Z", re.IGNORECASE)


def _facility_at_sentence_town(ctx: _Context, gaz: Gazetteer, mentions: list[Mention]) -> set[int] | None:
    """A facility named after a place ("the Khmelnytskyi Nuclear Power Plant", or a power plant in lower case:
    "the X nuclear power plant", a name, not a description of something in X) whose sentence names, after a
    preposition, another town of the same admin-1 unit ("a visit to Netishyn"; not a unit: "in the X region"): it
    lies at that town. Returns the ``id`` of the nuclear power plants left at the place they are named after (see
    ``_NUCLEAR_FACILITY``: a point 40 to 100 km off is worse than none), to be dropped, or None when there are none."""
    unplaced = None
    for m in mentions:
        if not m.facility:
            continue
        tail = m.text[m.text.find(" ") + 1:]
        nuclear = _NUCLEAR_FACILITY.search(m.text) is not None
        if nuclear:
            unplaced = (unplaced or set()) | {id(m)}
        if not (tail[:1].isupper() or _POWER_PLANT.search(tail)):
            continue
        unit = _top_admin1(gaz, m)
        if unit is None:
            continue
        for other in mentions:
            if other is m or other.sentence != m.sentence or other.key == m.key or other.region or \
                    ctx.word_after(other.end).lower().rstrip(".,;:") in REGION_CUES or not _is_town_mention(gaz, other):
                continue
            before = ctx.text[max(0, other.start - 30):other.start]
            if _top_admin1(gaz, other) != unit or not _TOWN_PREPOSITION.search(before):
                continue
            m.key, m.kind, m.rows = other.key, other.kind, other.rows
            m.signals.append(Signal("facility_town_in_sentence", 0.0,
                                    f"placed at {other.text}, the town of its unit the sentence names"))
            if unplaced:
                unplaced.discard(id(m))
            break
    return unplaced


def _top_admin1(gaz: Gazetteer, m: Mention) -> str | None:
    """The admin-1 unit of the most populous town ``m`` may name."""
    rows = [r for r in _rows_of(gaz, m) if gaz.kind_of[r] == "city"]
    if not rows:
        return None
    a1 = gaz._a1[max(rows, key=lambda r: (gaz.population_of[r], -r))]
    return a1 if isinstance(a1, str) and a1 else None


def _landmark_rows(gaz: Gazetteer, key: str, rows: tuple[int, ...], tail: str) -> tuple[int, ...]:
    """Landmark rows called "<a spelling of the place> <tail>" (the place's first few rows' names)."""
    tails = _facility_tails(tail)
    known = _landmark_key_tails(gaz)
    if not any(t in known for t in tails):
        return ()  # (no landmark is called "... <tail>": the place's spellings, hundreds for a city, are not made)
    keys = {key}
    for row in rows[:10]:
        keys.add(name_key(str(gaz._name[row])))
        keys.update(name_key(n) for n in gaz.alternate_names(row).split("|") if n)
    found: set[int] = set()
    for k in sorted(keys - {""}):
        for t in tails:
            found.update(r for r in gaz.rows_for_key(f"{k} {t}") if gaz.kind_of[r] == "landmark")
    return tuple(sorted(found))


@lru_cache(maxsize=4)
def _landmark_key_tails(gaz: Gazetteer) -> frozenset[str]:
    """Every tail (the words after one of its spaces) of a key a landmark row may be indexed under: the name keys
    of its name and alternate names, also without apostrophes (``gazetteer._build_keys`` gives a landmark no other
    key). A facility noun that is none of them ends no landmark's key (``_landmark_rows``)."""
    tails: set[str] = set()
    for row in np.flatnonzero(gaz._kind == "landmark").tolist():
        for name in [str(gaz._name[row])] + [n for n in gaz.alternate_names(row).split("|") if n]:
            for form in (name, name.replace("'", "").replace("’", "")):
                key = name_key(form)
                tails.update(key[i + 1:] for i, char in enumerate(key) if char == " ")
    return frozenset(tails)


def prepare_landmarks(gaz: Gazetteer) -> None:
    """Make the landmark keys' tails (``_landmark_key_tails``) now, not on the first article naming a facility."""
    _landmark_key_tails(gaz)


# the ways the press writes one kind of power plant, each → the form the landmark table uses
_FACILITY_SPELLINGS = (("hydropower", "hydroelectric power"), ("hydro power", "hydroelectric power"),
                       ("power station", "power plant"), ("hydroelectric station", "hydroelectric power plant"),
                       ("hpp", "hydroelectric power plant"), ("npp", "nuclear power plant"))


def _facility_tails(tail: str) -> tuple[str, ...]:
    """``tail`` (a facility noun, as a key) and its spelling in the landmark table's words ("hydropower plant"
    → "hydroelectric power plant")."""
    out = tail
    for written, table in _FACILITY_SPELLINGS:
        if f" {written} " in f" {out} ":
            out = f" {out} ".replace(f" {written} ", f" {table} ").strip()
    return (tail,) if out == tail else (tail, out)


def _ends_with_region_word(surface: str) -> bool:
    # (the test of several words first: most names are one word, and their last word is then not cut out)
    return " " in surface.strip() and \
        surface.rsplit(None, 1)[-1].lower().rstrip("'’") in ("oblast", "region", "krai", "kray", "province")


# a run of capitalised words, with the lower-case words that occur inside place names
# ("Rostov-on-Don", "Isle of Man", "Bosnia and Herzegovina"): only such runs can hold a name
CONNECTORS = ("of", "on", "upon", "de", "la", "del", "du", "le", "el", "al", "am", "an", "the", "and", "sur",
              "en", "im", "di", "da", "do", "dos", "das")
# the first character of a capitalised word: a letter that is no lower-case ASCII or Latin-1 letter
_CAP_START = r"[^\W\d_a-z\u00df-\u00ff]"


def _with_latin1_listed(char_class: str) -> str:
    """The negated class ``char_class`` ("[^...]") with every Latin-1 character it rejects also listed: the same
    set, but the regex engine tests those characters (most of a text) in its bitmap before any Unicode category
    (a look-up per character tried: the scan for ``_CAP_SPAN`` tries every character of the text)."""
    one = re.compile(char_class)
    rejected = "".join(re.escape(chr(code)) for code in range(256) if not one.fullmatch(chr(code)))
    return "[^" + rejected + char_class[2:]


def _latin1_word_listed(char_class: str) -> str:
    """The class ``char_class`` ("[...]", holding ``\\w``) with every Latin-1 word character also listed: the same
    set, but the regex engine finds those characters (most of a word) in its table before it asks ``\\w``'s
    Unicode category."""
    word = re.compile(r"\w")
    listed = "".join(re.escape(chr(code)) for code in range(256) if word.fullmatch(chr(code)))
    return "[" + listed + char_class[1:]


# the matches of the plainer r"START[\w'’.\u2010\u2011-]*(?:[ \t]+(?:(?:of|on|...)[ \t]+)*START[\w'’.\u2010\u2011-]*)*":
# every repeat possessive ("*+": nothing follows the pattern, and each repeat stops before a character its
# follower cannot start with, so giving back never led to a longer match), the word characters listed
_CAP_WORD = _latin1_word_listed(r"[\w'’.\u2010\u2011-]") + "*+"


def _by_first_letter(words: tuple[str, ...]) -> str:
    """``"|".join(words)`` grouped by first letter ("o(?:f|n)|..."): the regex engine tries one branch per letter,
    not one per word (the words here are each followed by a space, so which branch matches a word does not
    depend on their order)."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(word[1:])
    return "|".join(first + "(?:" + "|".join(rests) + ")" for first, rests in groups.items())


_CAP_SPAN = re.compile(_with_latin1_listed(_CAP_START) + _CAP_WORD + r"(?:[ \t]+(?:(?:"
                       + _by_first_letter(CONNECTORS) + r")[ \t]+)*+" + _with_latin1_listed(_CAP_START)
                       + _CAP_WORD + ")*+")

# ``_CAP_SPAN`` over the text marked for it (``_cap_marked``): ASCII, every capital letter written "A", every other
# character one of the same classes. Its spans are ``_CAP_SPAN``'s in the text, and a pattern that opens with one
# literal character is searched for several times faster than one that opens with a class (tested at every character)
_MARKED_WORD = r"[A-Za-z0-9_'.-]*+"  # (``_CAP_WORD`` on ASCII)
_MARKED_CAP_SPAN = re.compile((r"A" + _MARKED_WORD + r"(?:[ \t]+(?:(?:" + _by_first_letter(CONNECTORS) + r")[ \t]+)*+A"
                               + _MARKED_WORD + ")*+").encode("ascii"))
_CAPITALS_MARKED = bytes.maketrans(string.ascii_uppercase.encode("ascii"), b"A" * 26)
_CAP_START_CHAR = re.compile(_CAP_START)
_CAP_WORD_CHAR = re.compile(_CAP_WORD[:-2])
# texts with more distinct non-ASCII characters than this are scanned as they are (one replacement each to mark)
_MARKED_MAX_CHARS = 24


@lru_cache(maxsize=4096)
def _cap_stand_in(char: str) -> str:
    """The ASCII character that stands for the non-ASCII ``char`` in the marked text: one in the same classes of
    ``_CAP_SPAN`` ("A": a capitalised word's first character; "x": another character of a word; '"': none), that
    is no letter of a connector (nor is ``char``)."""
    return "A" if _CAP_START_CHAR.fullmatch(char) else "x" if _CAP_WORD_CHAR.fullmatch(char) else '"'


def cap_spans(text: str, non_ascii: Collection[str] | None = None) -> list[tuple[int, int]]:
    """(start, end) of every match of ``_CAP_SPAN`` in ``text``, in order: the runs of capitalised words.
    ``non_ascii``: the distinct characters of ``text`` that are not ASCII, when the caller has them already."""
    if not text.isascii():
        chars = set(_non_ascii(text)) if non_ascii is None else non_ascii
        if len(chars) > _MARKED_MAX_CHARS:
            return list(map(re.Match.span, _CAP_SPAN.finditer(text)))
        for char in chars:
            text = text.replace(char, _cap_stand_in(char))
    return list(map(re.Match.span, _MARKED_CAP_SPAN.finditer(text.encode("ascii").translate(_CAPITALS_MARKED))))


# (``textnorm.NAME_APOSTROPHES``: ``name_key`` reads each as a space; the index also holds every name without them
# (``gazetteer._build_keys``), and a word holding one is looked up so (``_apostrophe_matches``))
# an apostrophe where a name's stands: two letters before it (not an elision: "L'Aventure", "O'Neill", "D'Angelo"),
# then a letter that opens no English contraction or possessive ("Kyiv's", "don't", "we're"); one pattern per
# character, opening with it (the regex engine then skips to it fast)
_INNER_APOSTROPHE = {ch: re.compile(re.escape(ch) + r"(?<=[^\W\d_]{2}.)(?!(?:s|t|d|m|re|ve|ll)\b)(?=[^\W\d_])")
                     for ch in NAME_APOSTROPHES}
# the apostrophes a run of capitalised words takes in ("'" and "’", ``_CAP_WORD``): looked for in the runs
# (``_Context.distinct_runs_text``, a fifth of the text, made for ``_surnames`` anyway); the others are letters
# ("ʼ", "ʹ", "ʻ") or end a run ("`", "´", "′", "‘") and are looked for in the text, in the few texts holding one
_OTHER_APOSTROPHES = frozenset(NAME_APOSTROPHES) - frozenset("'’")
_NAME_WORD_CHARS = NAME_APOSTROPHES + _HYPHENS  # (what joins the letters of one word of a name)
_APOSTROPHE_RUN_WORDS = 4  # capitalised words read on either side of the word with an apostrophe


def _apostrophe_matches(ctx: _Context, gaz: Gazetteer) -> list[RawMatch]:
    """The gazetteer names across an apostrophe inside a capitalised word, read with every apostrophe left out
    ("Kam'ianske", "Kamians’ke", "Vinnyts'ki Khutory", "Luk`yanivka" are "Kamianske", "Kamianske",
    "Vinnytski Khutory", "Lukyanivka"), with their spans in the text. Most texts pay one scan of their capitalised
    runs for "'" (and for "’" when they hold one): possessives and contractions are no hits."""
    text = ctx.text
    found: list[RawMatch] = []
    done: set[int] = set()
    runs = ctx.distinct_runs_text
    non_ascii = ctx._non_ascii
    for ch in ("'", "’") if non_ascii and "’" in non_ascii else ("'",):
        if ch not in runs:  # (a fast search; the pattern's scan and its scanner cost more)
            continue
        for hit in _INNER_APOSTROPHE[ch].finditer(runs):
            # the word around it, then each of its places in the text (a distinct run stands for them all)
            i = hit.start()
            start, end = i - 2, i + 2
            while start > 0 and (runs[start - 1].isalpha() or runs[start - 1] in _NAME_WORD_CHARS):
                start -= 1
            while end < len(runs) and (runs[end].isalpha() or runs[end] in _NAME_WORD_CHARS):
                end += 1
            word, shift = runs[start:end], i - start
            at = text.find(word)
            while at >= 0:
                if at + shift not in done:
                    found += _names_across_apostrophes(gaz, text, at + shift, done)
                at = text.find(word, at + 1)
    if non_ascii and not _OTHER_APOSTROPHES.isdisjoint(non_ascii) or "`" in text:
        for ch in _OTHER_APOSTROPHES:
            if ch == "`" or ch in non_ascii:
                for hit in _INNER_APOSTROPHE[ch].finditer(text):
                    if hit.start() not in done:
                        found += _names_across_apostrophes(gaz, text, hit.start(), done)
    return found


def _names_across_apostrophes(gaz: Gazetteer, text: str, at: int, done: set[int]) -> list[RawMatch]:
    """``_apostrophe_matches`` for the apostrophe at ``at``: the run of capitalised words around its word."""
    word_chars = _NAME_WORD_CHARS
    start = at
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] in word_chars):
        start -= 1
    if not text[start].isupper():
        return []  # a lower-case word: no name
    end = at
    size = len(text)
    while end < size and (text[end].isalpha() or text[end] in word_chars):
        end += 1
    for _ in range(_APOSTROPHE_RUN_WORDS):  # the capitalised words before and after it ("Velyki Kam'ianky")
        if start > 2 and text[start - 1] == " " and text[start - 2].isalpha():
            left = start - 1
            while left > 0 and (text[left - 1].isalpha() or text[left - 1] in word_chars):
                left -= 1
            if text[left].isupper():
                start = left
    for _ in range(_APOSTROPHE_RUN_WORDS):
        if end + 1 < size and text[end] == " " and text[end + 1].isupper():
            right = end + 1
            while right < size and (text[right].isalpha() or text[right] in word_chars):
                right += 1
            end = right
    while end > start and text[end - 1] in NAME_APOSTROPHES:
        end -= 1  # a final soft sign ("Pryp'yat'") stays outside the name, as the automaton reads it
    offsets = [i for i in range(start, end) if text[i] not in NAME_APOSTROPHES]
    dropped = [i for i in range(start, end) if text[i] in NAME_APOSTROPHES]
    done.update(dropped)
    run = "".join(text[i] for i in offsets)
    window = " " + fold_words(run) + " "
    found: list[RawMatch] = []
    for s0, e0, _surface, key, kind, rows in _names_in_run(gaz, window, run):
        a, b = offsets[s0], offsets[e0 - 1] + 1
        if any(a < i < b for i in dropped):
            surface = text[a:b]
            spelt = name_key(surface)  # (the apostrophes as spaces: every apostrophe character alike)
            if kind == "name" and not rows and spelt != key and spelt in gaz.keys and \
                    not _bigger_spelt_otherwise(gaz, key, spelt):
                key = spelt  # the places the gazetteer spells with these apostrophes
            found.append((a, b, surface, key, kind, rows))
    return found


def _bigger_spelt_otherwise(gaz: Gazetteer, key: str, spelt: str) -> bool:
    """Whether a place called ``key`` (the name without apostrophes) that the gazetteer does not spell ``spelt`` (with
    them) is ``apostrophe_spelling_ratio`` times as populous as every place it does spell so."""
    pops = gaz.population_of
    spelt_rows = set(gaz.rows_for_key(spelt))
    most = max((pops[r] for r in spelt_rows), default=0)
    other = max((pops[r] for r in gaz.rows_for_key(key) if r not in spelt_rows), default=0)
    return other >= _W.apostrophe_spelling_ratio * max(most, _W.apostrophe_spelling_floor)


def _automaton_matches(ctx: _Context, gaz: Gazetteer) -> list[RawMatch]:
    """The gazetteer names in the runs of capitalised words (see ``_names_in_run``), offsets into the text."""
    text = ctx.text
    haystack = " " + ctx.words + " "  # haystack index i is text index i - 1
    found = []
    # (a region word after a run is looked for only in texts that hold one; ``_units_by_region_word`` asks
    # ``has_any`` of the same words in any case, so a text without one is searched for them once)
    region_words = ctx.has_any(REGION_CUES) and ("oblast" in text or "region" in text or "krai" in text
                                                 or "kray" in text)
    for offset, span_end in ctx.cap_spans:
        # a slice per run: the automaton copies its input, so iterating the whole text per run is quadratic
        region_word = _LOWER_REGION_WORD.match(text, span_end) \
            if region_words and text[span_end + 1:span_end + 2] in _LOWER_REGION_SECOND else None
        if region_word:
            span_end = region_word.end()
        names = _names_in_run(gaz, haystack[offset:span_end + 2], text[offset:span_end])
        if names:
            if offset:
                for start, end, surface, key, kind, rows in names:
                    found.append((offset + start, offset + end, surface, key, kind, rows))
            else:
                found += names
    return found


@lru_cache(maxsize=65536)
def _names_in_run(gaz: Gazetteer, window: str, run: str) -> tuple[tuple[int, int, str, str, str, tuple], ...]:
    """Names in a run of capitalised words, as (start, end, surface, key, kind, rows) with offsets into
    ``run``. ``window`` is the run in ``fold_words`` form with the character before and after it (the
    automaton's patterns are " name "). Runs recur across articles, so each is scanned once."""
    found = []
    # (a name must start with an upper-case character: the trie is walked only from such word starts)
    for end_idx, (key, length) in _automaton_hits(gaz, window, run):
        # the pattern " name " ends at window index end_idx: the name ends at run index end_idx - 1
        end = end_idx - 1
        start = end - length
        if not run[start].isupper():
            continue
        # (a fragment is glued only by an apostrophe or a hyphen beside it: most names have neither)
        if (run[start - 1:start] in _GLUE or run[end:end + 1] in _GLUE) and _glued_fragment(gaz, run, start, end):
            continue
        kind, rows = "name", ()
        if key not in gaz.keys:
            kind, rows = "demonym", (gaz.demonyms[key],)
        elif key in gaz.demonyms and _key_facts(gaz, key).best_population < _W.strong_population:
            kind, rows = "demonym", (gaz.demonyms[key],)  # "Ukrainian" reads as the demonym, not a village
        found.append((start, end, run[start:end], key, kind, rows))
    return tuple(found)


def _glued_fragment(gaz: Gazetteer, run: str, start: int, end: int) -> bool:
    """Whether ``run[start:end]`` is only part of a word joined by an apostrophe ("Vinnyts'ki Khutory",
    "Luk'yanivka", "Donets'ke"; a possessive "Kyiv's" is not) or of a hyphenated run of capitalised words
    ("Gora-Podol"; "Russia-Ukraine", whose every part is a strong name, is kept)."""
    left = run[start - 1] if start > 0 else ""
    if left and left in _APOSTROPHES and start > 1 and run[start - 2].isalpha():
        return True
    right = run[end] if end < len(run) else ""
    if right and right in _APOSTROPHES and end + 1 < len(run) and run[end + 1].isalpha():
        rest = run[end + 1:]
        tail = len(rest) - len(rest.lstrip(string.ascii_letters))
        return not (rest[:tail] == "s" and (tail == len(rest) or not rest[tail].isalpha()))
    glued_left = bool(left) and left in _HYPHENS and start > 2 and run[start - 2].islower() \
        and _word_start(run, start - 1)[0].isupper()  # "Gora-Podol"; not "pro-Russian", "DFL-Minneapolis"
    glued_right = bool(right) and right in _HYPHENS and end + 2 < len(run) and run[end + 1].isupper() \
        and run[end + 2].islower()  # "Kamenka-Dneprovskaya"; not "Texas-A"
    if not glued_left and not glued_right:
        return False
    # kept: a strong name or demonym ("Arab-Israeli", "Asia-Pacific"), or a pair of place names ("Fargo-Moorhead")
    fragment = run[start:end]
    if _strong_key(fragment, gaz) or name_key(fragment) in gaz.demonyms:
        return False
    token_start, token_end = _word_start(run, start)[1], _word_end(run, end)
    parts = [p for p in re.split(r"[-\u2010\u2011]", run[token_start:token_end]) if p]
    return not all(name_key(part) in gaz.keys or name_key(part) in gaz.demonyms for part in parts)


def _word_start(run: str, pos: int) -> tuple[str, int]:
    """(first character, start index) of the hyphen-joined word that holds ``run[pos - 1]``."""
    i = pos
    while i > 0 and (run[i - 1].isalpha() or run[i - 1] in _HYPHENS or run[i - 1] in _APOSTROPHES):
        i -= 1
    return (run[i] if i < len(run) else ""), i


def _word_end(run: str, pos: int) -> int:
    i = pos
    while i < len(run) and (run[i].isalpha() or run[i] in _HYPHENS or run[i] in _APOSTROPHES):
        i += 1
    return i


def _automaton_hits(gaz: Gazetteer, window: str, run: str | None = None):
    """Every pattern " name " in ``window`` as (end index, value): see ``Gazetteer.name_hits`` (with ``run``,
    only those that start under an upper-case character of ``run``, in runs of more than one word)."""
    if " " in window[1:-1]:
        return gaz.keys.hits(window, run)  # (``gaz.name_hits``, one call fewer a run)
    # one word: the only pattern " name " that can occur in it is the whole window
    if window[0] != " " or window[-1] != " " or len(window) < 3:
        return ()
    word = window[1:-1]
    return ((len(window) - 1, (word, len(word))),) if word in gaz.keys or word in gaz.demonyms else ()


@lru_cache(maxsize=4)
def _abbreviation_pattern(abbreviations: tuple[str, ...]) -> re.Pattern:
    """The abbreviations as one regex: each not after a letter, digit or dot nor before a letter or digit, the
    longest that fits at a place first (what r"(?<![A-Za-z0-9.])(LONGEST|...|SHORTEST)(?![A-Za-z0-9])" finds).
    Written as a trie of their characters whose branches open with a literal first character, then the
    look-behind: the regex engine can skip to the next possible first character fast."""
    if not abbreviations or not all(a and a[0] != "\n" for a in abbreviations):
        longest_first = sorted(abbreviations, key=len, reverse=True)
        return re.compile(r"(?<![A-Za-z0-9.])(" + "|".join(map(re.escape, longest_first)) + r")(?![A-Za-z0-9])")
    trie: dict = {}
    for a in abbreviations:
        node = trie
        for ch in a:
            node = node.setdefault(ch, {})
        node[""] = {}  # the end of an abbreviation

    def branches(node: dict) -> str:
        """The continuations after ``node``, the longer first (a greedy optional group where it may end)."""
        alts = [re.escape(ch) + branches(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body if len(alts) > 1 else f"(?:{body})"

    first = "|".join(re.escape(ch) + r"(?<![A-Za-z0-9.].)" + branches(child) for ch, child in sorted(trie.items()))
    return re.compile(r"((?:" + first + r"))(?![A-Za-z0-9])")


@lru_cache(maxsize=4)
def _runs_hold(abbreviations: tuple[str, ...]) -> bool:
    """Whether every abbreviation is itself a run of capitalised words (then ``_Context.runs_text`` holds
    every occurrence: "U.S.", "W. Va.")."""
    return all(_CAP_SPAN.fullmatch(a) for a in abbreviations)


@lru_cache(maxsize=4)
def _sorted_abbreviations(gaz: Gazetteer) -> tuple[str, ...]:
    """The gazetteer's abbreviations in order (the key of ``_abbreviation_pattern`` and ``_runs_hold``), sorted once
    per gazetteer, not per text."""
    return tuple(sorted(gaz.abbreviations))


def _abbreviation_matches(ctx: _Context, gaz: Gazetteer) -> list[RawMatch]:
    abbreviations = _sorted_abbreviations(gaz)
    pattern = _abbreviation_pattern(abbreviations)
    if not _runs_hold(abbreviations):
        return [(m.start(), m.end(), m.group(0), name_key(m.group(0)), "abbreviation", (gaz.abbreviations[m.group(0)],))
                for m in pattern.finditer(ctx.text)]
    found = []
    for m in pattern.finditer(ctx.runs_text):
        start = ctx.runs_offset(m.start())
        found.append((start, start + len(m.group(0)), m.group(0), name_key(m.group(0)), "abbreviation",
                      (gaz.abbreviations[m.group(0)],)))
    return found


def _leftmost_longest(matches: list[RawMatch]) -> list[RawMatch]:
    """The matches that do not overlap an earlier one, the longest first at one start (then an abbreviation
    before a name of the same span: the caller lists the abbreviations first); ``matches`` is sorted so in place:
    by start, then by end from the last, equal spans in the caller's order (two stable sorts on int keys, what
    the key ``(start, start - end, kind != "abbreviation")`` gives for abbreviations listed first)."""
    matches.sort(key=_MATCH_END, reverse=True)
    matches.sort(key=_MATCH_START)
    chosen: list[RawMatch] = []
    last_end = -1
    for m in matches:
        if m[0] >= last_end:
            chosen.append(m)
            last_end = m[1]
    return chosen


_MATCH_START, _MATCH_END = itemgetter(0), itemgetter(1)


# capitalised words, with middle initials ("Gino D. Bassett") and hyphenated surnames ("Diaz-Balart")
# ending at a word's end: "Vetro Buchansʹkyy" (a word spelt with modifier letters) gives no surname "Bucha".
# The matches of the plainer r"[A-Z][a-z]+\.?(?:-[A-Z][a-z]+)?(?: (?:[A-Z]\. )*[A-Z][a-z]+\.?(?:-[A-Z][a-z]+)?)+
# (?![^\W\d_])", written for the regex engine's speed: "(?= [A-Z])" fails a lone capitalised word before the
# repeated group is entered (most tries), "(?:X|)" is "(?:X)?" without a repeat, and "[a-z]++" does not give back
# letters (nothing after it can start with a lower-case letter, so giving one back never led to a match).
_CAP_RUN = re.compile(r"[A-Z][a-z]++\.?(?:-[A-Z][a-z]++|)(?= [A-Z])"
                      r"(?: (?:[A-Z]\. )*[A-Z][a-z]++\.?(?:-[A-Z][a-z]++|))+(?![^\W\d_])")


def _surnames(ctx: _Context, gaz: Gazetteer) -> set[str]:
    """Names of people in the text: words after a title ("President Joe Biden") and the last word of
    a "Firstname Lastname" run whose first word is neither a place nor a common word."""
    names: set[str] = set()
    for run in _CAP_RUN.findall(ctx.distinct_runs_text):  # (each match is a run: see ``_Context.runs_text``)
        for name in _names_of_person(gaz, run):
            names.add(name)
            if "-" in name:  # a hyphenated surname ("Diaz-Balart"): each part alone is the person too
                names.update(name.split("-"))
    return names


@lru_cache(maxsize=65536)
def _names_of_person(gaz: Gazetteer, run: str) -> tuple[str, ...]:
    """The surnames a run of capitalised words gives away (see ``_surnames``); runs recur across articles."""
    words = run.split(" ")
    # (most runs hold no title: without a dot to strip, one set test over the run's words tells)
    if "." in run or not TITLES.isdisjoint(run.lower().split(" ")):
        lows = [w.lower() for w in words]
        titled = [i for i, w in enumerate(lows) if w in TITLES or w.rstrip(".") in TITLES]
        if titled:
            return tuple(w.rstrip(".") for w in words[titled[0] + 1:] if w.lower() not in TITLES)
    last = words[-1]
    if not _may_open_person_name(gaz, words[0]) or _strong_key(last, gaz):
        return ()
    return (last,)


@lru_cache(maxsize=65536)
def _may_open_person_name(gaz: Gazetteer, first: str) -> bool:
    """Whether ``first`` may be a person's first name at the head of a run of capitalised words (see
    ``_names_of_person``); words recur far more than runs, so each is judged once."""
    low = first.lower()
    if low in DIRECTIONS or low in MONTHS_DAYS or low in PLACE_NOUNS or _is_dictionary_word(low):
        return False  # ("In", "The", "After" ... not first names; the set test first: cheaper than a place's)
    if _inflected_verb(low):
        return False  # "Retaking X could ...": a verb opening the sentence, not a first name
    # a country, a big city, an admin-1 unit or a demonym; a village called "Jose" is a first name
    return not (_names_a_place(gaz, first) and (_strong_key(first, gaz) or name_key(first) not in gaz.keys))


# (not "-ed": "Explained Keith, ..." is a quote's speaker, a person indeed)
_INFLECTION = "ing"


def _inflected_verb(low: str) -> bool:
    """Whether lower-case ``low`` is a verb's -ing form whose stem the dictionary has ("retaking"): the
    dictionary lists stems, not their inflected forms."""
    if not low.endswith(_INFLECTION):
        return False
    stem = low[:-len(_INFLECTION)]
    if len(stem) < 3:
        return False
    # "shell-ing", "retak(e)-ing", "stop(p)-ing"
    return _is_dictionary_word(stem) or _is_dictionary_word(stem + "e") or \
        (stem[-1] == stem[-2] and _is_dictionary_word(stem[:-1]))


# nouns for a news medium: the name right after one (quoted or not) is the medium's ("the outlet Gordon")
MEDIA_NOUNS = ("newspaper", "publication", "outlet", "website", "channel", "agency", "magazine", "portal",
               "broadcaster", "tabloid", "daily", "weekly", "blog", "podcast", "newswire")
_MEDIA_BEFORE = re.compile(r"\b(?:" + "|".join(MEDIA_NOUNS) + r")s?[ \t]+[\"“«']?\Z", re.IGNORECASE)
# ``_MEDIA_BEFORE`` read backwards from the name (one match of the reversed text, not a search from every
# position before it): see ``_after_media_noun``
_MEDIA_BEFORE_REVERSED = re.compile(r"[\"“«']?[ \t]+s?(?:" + "|".join(noun[::-1] for noun in MEDIA_NOUNS) + r")\b",
                                    re.IGNORECASE)
_MEDIA_WINDOW = 30  # characters before a name in which ``_MEDIA_BEFORE`` is looked for
# the characters re.IGNORECASE matches to an ASCII letter whose ``str.lower`` is not that letter ("ı", "İ" for "i",
# "ſ" for "s"; the Kelvin sign lowers to "k"): a text holding one may match a case-insensitive pattern of ASCII
# letters that its lower-case form does not hold
_READ_AS_ASCII_LETTER = ("ı", "İ", "ſ")


def _after_media_noun(text: str, pos: int) -> bool:
    """Whether ``_MEDIA_BEFORE.search(text, max(0, pos - _MEDIA_WINDOW), pos)`` finds a match. A match ends at
    ``pos`` and is the only one that can (no noun ends another noun or an "s"): it is the match of the reversed
    pattern at the start of the reversed text before ``pos``, when it fits the window. The reversed text keeps
    one character before the window, which the word boundary at the match's start reads."""
    lo = max(0, pos - _MEDIA_WINDOW)
    found = _MEDIA_BEFORE_REVERSED.match(text[max(0, lo - 1):pos][::-1])
    return found is not None and found.end() <= pos - lo
# a name, one more capitalised word and then the end of the line or a separator: a byline's person
_BYLINE_SURNAME = re.compile(r"[ \t]+([A-Z][\w'’-]+)[ \t]*(?:[–—|,(]|\r?\n|\Z)")


def _unknown_surname(word: str, gaz: Gazetteer) -> bool:
    """Whether ``word`` (closing a name in a title-case line) reads as a surname: capitalised, not an
    acronym, and no place, place noun or English word."""
    bare = word.rstrip(".,;:")
    if not bare or not bare[0].isupper() or bare.isupper():
        return False
    low = bare.lower()
    return low not in PLACE_NOUNS and name_key(bare) not in gaz.keys and not _is_dictionary_word(low) \
        and _zipf(low) < _W.surname_max_zipf


def _strong_key(word: str, gaz: Gazetteer) -> bool:
    return _key_facts(gaz, name_key(word)).strong


def _keep(m: Mention, ctx: _Context, gaz: Gazetteer, surnames: set[str]) -> bool:
    """Whether a gazetteer match reads as a place here: not an acronym, a person, an organisation,
    a river, a month or an ordinary English word that some village happens to be called. ``m`` has rows, or its
    key is a name of the index (the callers drop the other names first: ``_name_verdict``)."""
    line_kind = ctx._line_kind.get(m.paragraph) or ctx.line_kind(m.paragraph)  # (the memo read first: no call)
    facts = _rows_facts(gaz, m.rows) if m.rows else _key_facts(gaz, m.key)  # (``_mention_facts``, inlined)
    strong = facts.strong
    surface = m.text
    low = m.key
    if m.kind == "abbreviation":
        return line_kind != "caps"
    if low in MONTHS_DAYS:
        return False
    if m.location_line:
        m.signals.append(Signal("location_line", 0.0, "in a location string"))
        return True
    if surface.isupper() and len(surface) > 1:
        if line_kind != "caps":
            if (_is_dateline(m, ctx) or _is_hashtag_dateline(m, ctx)) and strong:
                return True  # "WASHINGTON (AP) —", "#WASHINGTON Officials said ..."
            return False  # an acronym (NATO) in running text
        return m.kind == "demonym" or facts.country_or_capital or facts.any_admin1
    if m.kind == "demonym":
        return True
    single_word = " " not in low
    # "Reading", "March", "Western", "Independence": English words that some place is called. Every rule
    # from here on only rejects, so a word this part of the last rule rejects is decided before the context
    # (words before and after, sentence start) is read; the sentence-start part stays last
    dictionary_word = single_word and _is_dictionary_word(low) and not facts.country_or_capital
    if dictionary_word and (not strong or _zipf(low) >= _W.dictionary_word_zipf):
        return False
    if surface in surnames and not (strong and facts.best_population >= 1_000_000):
        return False
    before = ctx.word_before(m.start)
    after = ctx.word_after(m.end)
    after_low = after.lower()
    if after_low in WATER_NOUNS and not facts.any_water:
        return False  # "the Dnipro river" is not the city of Dnipro
    if after_low.rstrip(".,;:") in ORG_NOUNS and not facts.country_or_capital:
        return False  # "the Wagner group" is not a town in Brazil
    if not facts.country_or_capital and ctx.may_name_media and _after_media_noun(ctx.text, m.start):
        return False  # "the online publication "Gordon"", "the channel Rossiya": a medium named, not a place
    sentence_start = ctx.is_sentence_start(m.start)
    if line_kind == "title" and not facts.country_or_capital and " " not in low:
        byline = _BYLINE_SURNAME.match(ctx.text, m.end)
        if byline and _unknown_surname(byline.group(1), gaz):
            return False  # a byline: "Olena Tkachenko – Sunday" is a first name and a surname
    if line_kind == "prose":
        if before and before.lower().rstrip(".") in TITLES:  # "President Biden", "said coach Ripley"
            return False
        if before and before[0].isupper() and not sentence_start and not _allowed_before(before, m.start, ctx, gaz):
            return False
        # (a unit word ending its sentence or owning the next word is still one: "Kharkiv Oblast.", "Kharkiv
        # Oblast's Kupiansk district"; other place nouns are not: "X Street.", "X State's team")
        if after and after[0].isupper() and after_low not in PLACE_NOUNS \
                and without_possessive(after_low.rstrip(".,;:")) not in ADMIN_UNIT_WORDS \
                and not (after_low.rstrip(".,;:") in RAION_WORDS and _in_war_theatre(gaz, m)) \
                and not _strong_key(after, gaz) \
                and not _FACILITY.match(ctx.text, m.end) \
                and not (ctx.text[m.end + 2:m.end + 3] in _ACRONYM_SECOND
                         and _ACRONYM_THEN_FACILITY.match(ctx.text, m.end)) \
                and not _REPUBLIC_AFTER.match(ctx.text, m.end):  # "the Rivne Nuclear Power Plant" is at Rivne
            # a function word ("The", "A", "He") starts the next sentence of an unpunctuated dateline
            # ("AUSTIN, Texas A white nationalist ..."); (its frequency is looked up only when it decides)
            if (not facts.country_or_capital and after_low not in INSTITUTION_WORDS
                    and not _zipf(after_low) >= _W.next_sentence_zipf) or after in surnames:
                return False  # a first name ("Vladimir Putin") or part of an organisation's name
        if after_low in SPEECH_VERBS and not strong and " " not in low:
            return False  # "Smith said"
    if single_word and not strong and ctx.uses_lower_case(low) and \
            (_english_word(low) or not _lower_case_word_in_prose(ctx.text, low)):
        return False  # the article also uses it as an ordinary word or a handle (not a name typed in lower case)
    if single_word and sentence_start and not strong and _zipf(low) >= _W.sentence_start_common_zipf:
        return False  # a sentence-initial capital on a common word ("Nato allies ...")
    if dictionary_word and sentence_start:
        return False  # (the rest of the dictionary-word rule: see above)
    return True


# what ``_keep`` decides for a name before it reads the name's context (see ``_name_verdict``)
_CONTEXT_DECIDES, _DROPPED_ANYWHERE, _DROPPED_OUTSIDE_LOCATION_LINES = 0, 1, 2


@lru_cache(maxsize=65536)
def _name_verdict(gaz: Gazetteer, key: str, surface: str) -> int:
    """What ``_keep`` decides for a "name" mention without fixed rows, of ``key`` written ``surface``, from
    them alone: ``_DROPPED_ANYWHERE`` (no key, a month or day), ``_DROPPED_OUTSIDE_LOCATION_LINES`` (the
    context-free part of the dictionary-word rule: only a location line keeps it), else ``_CONTEXT_DECIDES``.
    The same tests in the same order as ``_keep`` (which leaves the key test to this one); names recur across
    articles, so each is judged once, and a dropped name costs no look-up of its paragraph, sentence or words
    around."""
    if key not in gaz.keys or key in MONTHS_DAYS:
        return _DROPPED_ANYWHERE
    if surface.isupper() and len(surface) > 1:
        return _CONTEXT_DECIDES
    facts = _key_facts(gaz, key)
    if " " not in key and _is_dictionary_word(key) and not facts.country_or_capital \
            and (not facts.strong or _zipf(key) >= _W.dictionary_word_zipf):
        return _DROPPED_OUTSIDE_LOCATION_LINES
    return _CONTEXT_DECIDES


# what follows a dateline's place: a state or country, a day ("KYIV, July 3. /TASS/."), then the agency or dash
# ("ODESA-The port ...": a dash run on into the first word of the story, without its spaces)
# (or a full stop and the date, as Interfax writes it: "MOSCOW. April 1 (Interfax) -")
_DATELINE_AFTER = re.compile(r"^(,\s*[A-Za-z. ]{2,20}?(?:\s+\d{1,2})?|\.\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
                             r"[a-z]*\.?\s+\d{1,2})?[.,]?\s*(\(|—|–|-{1,2}\s|:|/|[-—–](?=[A-Z][a-z]))")


def _is_dateline(m: Mention, ctx: _Context) -> bool:
    para_start = ctx.ranges[m.paragraph][0]
    starts_line = not ctx.text[para_start:m.start].strip() or ctx.is_sentence_start(m.start)  # "... pig. CHARLESTON, W.Va. -"
    return starts_line and bool(_DATELINE_AFTER.match(ctx.text[m.end:m.end + 30]))


@lru_cache(maxsize=4)
def _capital_rows(gaz: Gazetteer) -> dict[str, tuple[int, ...]]:
    """Country code → the rows of its national capital (cities), in row order."""
    cols, kind, out = gaz._columns(), gaz.kind_of, defaultdict(list)
    for row in gaz.capital_rows():
        if kind[row] == "city":
            out[str(cols[5][row])].append(row)
    return {cc: tuple(rows) for cc, rows in out.items()}


@lru_cache(maxsize=1024)
def _capital_keys(gaz: Gazetteer, cc: str) -> tuple[tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...]]:
    """The one-word keys of the names of country ``cc``'s national capital ("kyiv", "kiev", ...) that may be a
    name typed in lower case (``_may_be_lower_case_name``; no word frequency test: a capital's name is one even
    where it is a frequent word), sorted, and grouped by their first three letters, each group with the text
    searched for (see ``_keys_in_text``). Made for every country when the geoparser is loaded
    (``prepare_lower_case_names``): folding a capital's hundreds of names on first sight was most of the cost
    of ``_lower_case_names`` on the texts naming a country."""
    keys: set[str] = set()
    for row in _capital_rows(gaz).get(cc, ()):
        keys.update(k for k in _row_name_keys(gaz, row) if _may_be_lower_case_name(gaz, k, True))
    groups: dict[str, list[str]] = defaultdict(list)
    for key in sorted(keys):
        groups[key[:3]].append(key)
    # (a key alone under its three letters is searched whole: a longer needle is searched faster)
    return tuple(sorted(keys)), tuple((group[0] if len(group) == 1 else prefix, tuple(group))
                                      for prefix, group in groups.items())


def prepare_lower_case_names(gaz: Gazetteer) -> None:
    """Make every country's capital keys (``_capital_keys``) now, not on the first article naming it."""
    for cc in _capital_rows(gaz):
        _capital_keys(gaz, cc)


def _keys_in_text(text: str, groups: tuple[tuple[str, tuple[str, ...]], ...], found: set[str]) -> None:
    """Add to ``found`` the keys of ``groups`` that occur in ``text`` (as ``key in text``): one search per
    group (for the keys' first three letters, or the one key), then a comparison at each place found (a capital
    has dozens of keys; searching the text for each was most of the cost of ``_lower_case_names``)."""
    for prefix, keys in groups:
        i = text.find(prefix)
        if i < 0:
            continue
        if len(keys) == 1 and keys[0] == prefix:
            found.add(prefix)  # (a lone key, searched whole)
            continue
        while i >= 0:
            for key in keys:
                if text.startswith(key, i):
                    found.add(key)
            i = text.find(prefix, i + 1)


def _row_name_keys(gaz: Gazetteer, row: int) -> set[str]:
    names = [str(gaz._name[row])] + [n for n in gaz.alternate_names(row).split("|") if n]
    return {name_key(n) for n in names} - {""}


@lru_cache(maxsize=65536)
def _name_as_lower_case_target(gaz: Gazetteer, surface: str, key: str) -> tuple[bool, str, frozenset[str]]:
    """What ``_lower_case_names`` reads from a "name" mention written ``surface`` under ``key`` (names recur
    across articles, so each is judged once): whether it is one capitalised word (a target), its lower-case
    word when that passes the tests of the word alone (else ""), and the countries among the rows of ``key``."""
    if " " in key or not (surface[:1].isupper() and surface[1:].islower()):
        return False, "", frozenset()
    word = surface.lower()
    # (only a key with a country row has one to add: its facts, already made for ``_keep``, say so)
    named = _countries_of_key(gaz, key) if _key_facts(gaz, key).country_or_capital else frozenset()
    return True, word if _may_be_lower_case_name(gaz, word, False) else "", named


@lru_cache(maxsize=65536)
def _countries_of_key(gaz: Gazetteer, key: str) -> frozenset[str]:
    """The codes of the countries among the rows of ``key`` (names recur across articles, and a capital's name
    has hundreds of namesakes to walk)."""
    kind, codes = gaz.kind_of, gaz._columns()[5]
    return frozenset(str(codes[r]) for r in gaz.rows_for_key(key) if kind[r] == "country")


@lru_cache(maxsize=65536)
def _may_be_lower_case_name(gaz: Gazetteer, word: str, capital: bool) -> bool:
    """The tests of a lower-case ``word`` alone (its text not read) before ``_lower_case_names`` looks for it:
    one word of four letters or more, no dictionary word, no frequent word (unless it is the name of a capital
    of a country the text names: ``capital``), a key of the index."""
    return len(word) >= 4 and word.isalpha() and not _is_dictionary_word(word) and \
        (capital or _zipf(word) < _W.variant_max_zipf) and name_key(word) in gaz.keys


def _lower_case_names(ctx: _Context, gaz: Gazetteer, mentions: list[Mention]) -> list[Mention]:
    """Names typed in lower case ("near kyiv and ...", "the mayor of irpin"): a one-word place the article also
    writes capitalised (kept as a place), or the capital of a country the article names, when the lower-case
    word is no English word (a dictionary word, or a frequent one unless it is that capital)."""
    text = ctx.text
    if text.islower() or len(text) >= _W.lower_words_max_chars:
        return []  # (a text all in lower case says nothing about case)
    # the words that pass the tests of the word alone (each judged once a process) and occur in the text: only
    # they are looked for as words of prose (most texts have none, and their cost ends here)
    words: set[str] = set()
    searched: set[str] = set()  # (a name named again is not searched for again)
    countries = set()
    cols = gaz._columns()
    for m in mentions:
        if m.kind == "demonym":
            countries.update(str(cols[5][r]) for r in m.rows)
        elif m.kind == "name":
            target, word, named = _name_as_lower_case_target(gaz, m.text, m.key)
            if not target:
                continue
            if word and word not in searched:
                searched.add(word)
                if word in text:
                    words.add(word)
            if m.rows:
                countries.update(str(cols[5][r]) for r in m.rows if gaz.kind_of[r] == "country")
            elif named:
                countries.update(named)
    for cc in countries:
        _keys_in_text(text, _capital_keys(gaz, cc)[1], words)
    if not words:
        return []
    covered = [(m.start, m.end) for m in mentions]
    found = []
    for word in sorted(words):
        for start, end in _lower_case_word_spans(text, word):
            if any(a <= start < b for a, b in covered):
                continue
            m = Mention(start, end, word, name_key(word), "name", ())
            m.paragraph = ctx.paragraph_of(start)
            if m.paragraph < 0:
                continue
            m.sentence = ctx.sentence_of(start)
            m.signals.append(Signal("lower_case_name", 0.0, "the name typed in lower case"))
            found.append(m)
    return found


# the word (or two) right before a region word, as written: the unit's name when typed in lower case or capitals
# (matched on the text before the region word read backwards, from its end: the last word, then the one before it;
# each starts with a letter, which stands last in the reversed word)
_WORDS_BEFORE_REGION_WORD = re.compile(r"[ \t]+([\w'’ʼ-]*[^\W\d_])(?![\w'’ʼ-])(?:[ \t]+([\w'’ʼ-]*[^\W\d_])(?![\w'’ʼ-]))?")


_REGION_CUE_STEMS = ("region", "oblast", "province", "kra")  # (``REGION_CUES``, "krai" and "kray" as one search)


def _units_in_any_case(ctx: _Context, gaz: Gazetteer, mentions: list[Mention]) -> list[Mention]:
    """Admin-1 mentions of unit names typed in lower case or in capitals before their region word ("the kharkiv
    region", "the KYIV REGION", "kherson oblast"), read as the capitalised name would be: only where a region word
    follows (case says nothing else here), the word is no English word (``unit_any_case_max_zipf``, the
    dictionary: "the south region", "a border region" stay prose) and it names an admin-1 unit or a unit's seat
    (``resolve._region_units``). A capitalised name is left to the automaton."""
    text, lower = ctx.text, ctx.lower
    covered = mentions  # (anything with a start and an end: the mentions, then those found here)
    found: list[Mention] = []
    for word in _REGION_CUE_STEMS:
        i = lower.find(word)
        while i >= 0:
            end = i + len(word)
            if word == "kra":  # ("krai" and "kray" found at once)
                if lower[end:end + 1] not in ("i", "y"):
                    i = lower.find(word, end)
                    continue
                end += 1
            if i > 1 and text[i - 1] in " \t" and not (end < len(text) and text[end].isalnum()) \
                    and (text[i - 2].isalpha() or text[i - 2] in NAME_APOSTROPHES):
                # (a letter or a final soft sign before the gap: a word may end there)
                m = _unit_in_any_case(ctx, gaz, text[max(0, i - 60):i], i, lower[i:end], covered)
                if m is not None:
                    found.append(m)
                    covered = [*covered, m]
            i = lower.find(word, end)
    return found


def _unit_in_any_case(ctx: _Context, gaz: Gazetteer, before: str, at: int, word: str,
                      covered: list[Mention]) -> Mention | None:
    """The mention of ``_units_in_any_case`` whose region ``word`` starts at ``at`` (``before``: the text before it).
    A unit GeoNames names with that word ("Moscow Oblast", not the city unit "Moscow") is named so, the word
    taken into the span, as the automaton reads the capitalised name."""
    match = _WORDS_BEFORE_REGION_WORD.match(before[::-1])
    if match is None:
        return None
    size = len(before)
    # (the spans of the words in the text, the nearer one last)
    spans = [(at - match.end(g), at - match.start(g)) for g in (2, 1) if match.group(g)]
    words = [before[size - (at - a):size - (at - b)] for a, b in spans]
    if not all(w.islower() or (w.isupper() and len(w) > 1) for w in words[-1:]):
        return None  # a capitalised name: the automaton's
    for n in (2, 1):
        if len(words) < n:
            continue
        group = words[-n:]
        if any(not (w.islower() or (w.isupper() and len(w) > 1)) for w in group):
            continue
        plain = [w.translate(NO_APOSTROPHES).lower() for w in group]
        if any(_is_dictionary_word(p) or _zipf(p) >= _W.unit_any_case_max_zipf for p in plain if p.isalpha()):
            continue
        key = name_key(" ".join(plain))
        if len(key) < 4 or not _names_a_unit_or_seat(gaz, key):
            continue
        start, end = spans[-n][0], spans[-1][1]
        if any(o.start < end and start < o.end for o in covered):
            return None
        from pipeline.geoparse.resolve import _region_units  # (resolve imports this module)

        if not _region_units(gaz, key, gaz.rows_for_key(key)):
            continue
        paragraph = ctx.paragraph_of(start)
        if paragraph < 0:
            return None
        whole = f"{key} {word}"
        if whole in gaz.keys and any(gaz.kind_of[r] == "admin1" for r in gaz.rows_for_key(whole)):
            key, end = whole, at + len(word)
        m = Mention(start, end, ctx.text[start:end], key, "name", ())
        m.paragraph, m.sentence = paragraph, ctx.sentence_of(start)
        m.region = m.region_word = True
        m.signals.append(Signal("unit_any_case", 0.0, "a unit's name typed in "
                                + ("capitals" if group[-1].isupper() else "lower case") + " before its region word"))
        return m
    return None


def _names_a_unit_or_seat(gaz: Gazetteer, key: str) -> bool:
    """Whether ``key`` names an admin-1 unit (alone or with a region word: "kharkivs'ka oblast'") or the seat of one
    (the cheap test before ``resolve._region_units``, which most words before a region word never reach)."""
    from pipeline.geoparse.resolve import _seats  # (resolve imports this module)

    if any(f"{key} {unit}" in gaz.keys for unit in REGION_CUES):
        return True
    if key not in gaz.keys:
        return False
    seats, a1s, kinds = _seats(gaz), gaz._columns()[6], gaz.kind_of
    return any(kinds[r] == "admin1" or (kinds[r] == "city" and seats.get(a1s[r]) == r) for r in gaz.rows_for_key(key))


@lru_cache(maxsize=1024)
def _lower_case_word(word: str) -> re.Pattern:
    """``word`` as a word of prose: not inside a web address, an e-mail address, a handle or a hashtag
    ("kyiv.example.org", "@jane_kyiv", "#kyiv")."""
    return re.compile(r"(?<![\w'’./@#-])" + re.escape(word) + r"(?![\w'’/@-]|\.\w)")


# the characters ``_lower_case_word`` allows before and after the word besides a word character ("\\w": a character
# ``str.isalnum`` calls so, or "_"), and the one after which it wants no word character
_NOT_BEFORE_WORD = frozenset("_'’./@#-")
_NOT_AFTER_WORD = frozenset("_'’/@-")


def _lower_case_word_spans(text: str, word: str) -> Iterator[tuple[int, int]]:
    """The spans of ``_lower_case_word(word).finditer(text)`` for a ``word`` of letters, found by ``str.find`` and a
    look at the characters around each occurrence (no pattern compiled per word: most words are looked for in one
    text only). Two occurrences of a word of letters that both stand alone never overlap, so every one is tried."""
    size, length = len(word), len(text)
    i = text.find(word)
    while i >= 0:
        end = i + size
        before = text[i - 1] if i else ""
        after = text[end] if end < length else ""
        if not (before and (before.isalnum() or before in _NOT_BEFORE_WORD)) and \
                not (after and (after.isalnum() or after in _NOT_AFTER_WORD or (
                    after == "." and end + 1 < length and (text[end + 1].isalnum() or text[end + 1] == "_")))):
            yield i, end
        i = text.find(word, i + 1)


def _lower_case_word_in_prose(text: str, word: str) -> bool:
    """Whether ``text`` uses lower-case ``word`` as a word of prose (see ``_lower_case_word``)."""
    return _lower_case_word(word).search(text) is not None


def _is_hashtag_dateline(m: Mention, ctx: _Context) -> bool:
    """Whether ``m`` is an all-caps name opening its paragraph after a hash sign ("#KYIV Rockets hit ...")."""
    para_start = ctx.ranges[m.paragraph][0]
    return m.start > para_start and ctx.text[m.start - 1] == "#" and not ctx.text[para_start:m.start - 1].strip()


def _english_word(low: str) -> bool:
    """Whether lower-case ``low`` is an English word (in the dictionary, or frequent): its lower-case use then
    says a capitalised use may be that word too; a name merely typed in lower case is not one."""
    return _is_dictionary_word(low) or _zipf(low) >= _W.variant_max_zipf


def _allowed_before(word: str, pos: int, ctx: _Context, gaz: Gazetteer) -> bool:
    bare = without_possessive(word)  # possessive: "Kyiv's Maidan"
    if bare != word and _possessive_country_before(ctx.text, pos - len(word) - 1 + len(bare), gaz):
        return True  # "the Russian Federation's X Oblast": a country or unit of several words owns the place
    possessive, word = bare != word, bare
    low = word.lower().rstrip(".")
    if possessive and low in ADMIN_UNIT_WORDS:
        return True  # "Kharkiv Oblast's Kupiansk district": the unit owns the place after it
    if low in DIRECTIONS:
        return True
    if low in MONTHS_DAYS:
        return True  # "Thursday's Ontario budget"
    if word.rpartition("-")[2] in CONTROL_WORDS:
        return True  # who holds it ("Russian-occupied Donetsk", "Ukrainian-held X"), not a first name
    if _names_a_place(gaz, word) and (name_key(word) not in gaz.keys
                                      or _key_facts(gaz, name_key(word)).best_population >= _W.qualifying_population):
        return True  # "Kharkiv Kupiansk", demonym "Ukrainian Kherson" ... (not the hamlet "Real" of "Real Madrid")
    start = pos - len(word) - 1
    if low in _QUOTE_OPENERS and _opens_quotation(ctx.text, start):
        return True
    return ctx.is_sentence_start(start) and _zipf(low) >= _W.sentence_opener_zipf


def _opens_quotation(text: str, start: int) -> bool:
    """Whether the word at ``start`` opens a quotation inside a sentence (``said, "The ...``, ``: “A ...``): it is
    capitalised as a sentence's first word is."""
    return start >= 2 and text[start - 1] in _OPENING_QUOTES and text[start - 2] in " \t\n:,("


_OPENING_QUOTES = frozenset('"“«„')
# the words read as the first word of a quotation before a name: determiners only (a quoted title opens with any
# word, "Business Angels", "Flying Panda's": those stay part of the title)
_QUOTE_OPENERS = frozenset("the a an this that these those our their its his her my your".split())


# the words of a name of several words that ends right before a possessive ("the Russian Federation's")
_NAME_BEFORE_POSSESSIVE = re.compile(r"(?:[A-Z][\w'’-]*[ \t]+){1,2}[A-Z][\w'’-]*\Z")


def _possessive_country_before(text: str, end: int, gaz: Gazetteer) -> bool:
    """Whether ``text[:end]`` ends with a country or admin-1 unit named in two or three words ("Russian
    Federation", "United Kingdom"), whose possessive then owns the name after it (a one-word owner,
    "Russia's", is the word itself: see ``_allowed_before``)."""
    found = _NAME_BEFORE_POSSESSIVE.search(text, max(0, end - 60), end)
    if found is None:
        return False
    words = found.group().split()
    for n in (3, 2):
        key = name_key(" ".join(words[-n:])) if len(words) >= n else ""
        if key and key in gaz.keys:
            facts = _key_facts(gaz, key)
            if facts.country_or_capital or facts.any_admin1:
                return True
    return False


def _capitalised_matches_of(text: str, words: Iterable[str]) -> list[tuple[int, str]]:
    """(start, word) of the matches of ``_CAPITALISED`` in ``text`` that are one of ``words``, in order: what
    filtering ``_CAPITALISED.finditer(text)`` by them gives, found from the words' occurrences (a text has a few
    such words among dozens of capitalised ones). A match is the pattern matched at its start (no match can start
    inside another: after its capital a match holds no upper-case letter), so each occurrence is tried there."""
    found = []
    for word in words:
        i = text.find(word)
        while i >= 0:
            match = _CAPITALISED.match(text, i)
            if match is not None and match.end() == i + len(word):  # (the match is the occurrence: it is ``word``)
                found.append((i, word))
            i = text.find(word, i + 1)
    found.sort()
    return found


def _variant_matches(ctx: _Context, gaz: Gazetteer, mentions: list[Mention], surnames: set[str],
                     rejected: list[tuple[int, int]] = ()) -> list[Mention]:
    """Capitalised words the index lacks whose consonant skeleton names a sizeable place; not a word of a name
    read as no place here (``rejected``: "Nizhny" of a "Nizhny Novgorod" read as part of an organisation's
    name is no village "Nyzhnye")."""
    # most texts have no such word: look at each distinct word once before walking the matches
    variants = {}
    for word in set(_CAPITALISED.findall(ctx.distinct_runs_text)):
        if len(word) >= 5:
            variant = _variant_of(gaz, word)
            if variant is not None:
                variants[word] = variant
    if not variants:
        return []
    covered = [(m.start, m.end) for m in mentions]
    if rejected:
        covered = sorted(covered + list(rejected))
    starts = [c[0] for c in covered]
    found = []
    # (each match is a run: ``_Context.runs_text`` has the text's matches, in order; ``runs_offset`` places them)
    for pos, word in _capitalised_matches_of(ctx.runs_text, variants):
        variant = variants[word]
        start = ctx.runs_offset(pos)
        end = start + len(word)
        i = bisect.bisect_right(starts, start) - 1
        if i >= 0 and covered[i][0] <= start < covered[i][1]:
            continue
        key, rows, how = variant
        m = Mention(start, end, word, key, "variant", rows)
        m.paragraph = ctx.paragraph_of(start)
        if m.paragraph < 0:
            continue
        m.sentence = ctx.sentence_of(start)
        if _keep(m, ctx, gaz, surnames):
            m.signals.append(Signal("spelling_variant", 0.0, f"spelling variant of {gaz._name[rows[0]]}") if how == "skeleton"
                             else Signal("hybrid_spelling", 0.0, f"also read as \"{gaz._name[rows[0]]}\"")
                             if how == "hybrid" else Signal("press_spelling", 0.0, f"a press spelling of "
                                                                                       f"{gaz._name[rows[0]]}")
                             if how == "press" else Signal("adjective_ending", 0.0, "another ending of an adjectival name"))
            found.append(m)
    return found


@lru_cache(maxsize=65536)
def _variant_of(gaz: Gazetteer, word: str) -> tuple[str, tuple[int, ...], str] | None:
    """(key, rows, how) when ``word`` is missing from the index but spells a sizeable city or admin-1 unit
    with the same consonant skeleton (how: "skeleton"), or is another ending of a town's adjectival name
    ("adjective"); None otherwise."""
    key = name_key(word)
    # the cheapest test first (two look-ups): most words share neither a skeleton with a sizeable place nor
    # an adjective stem with a town, and then neither reading below has a place to offer
    skeleton_rows = gaz.skeletons.get(skeleton(key))
    stem = _adjective_stem(key)
    adjective_rows = _adjective_forms(gaz).get(stem, ()) if stem else ()
    if not skeleton_rows and not adjective_rows:
        if "g" in key or key.endswith(_RUSSIAN_ENDING):
            return _hybrid_of(gaz, key)
        return _press_form_of(gaz, key) if key.endswith(_PRESS_FORM_ENDINGS) else None
    if key in gaz.keys:
        return None  # a name of the index is no variant of another (both readings below need an unknown word)
    if _PLAIN_WORD.match(key) and _zipf(key) >= _W.variant_max_zipf:
        return None  # a common word, for both readings below (tested first only where wordfreq is cheap)
    if skeleton_rows and _zipf(key) < _W.variant_max_zipf:
        rows = tuple(r for r in skeleton_rows
                     if gaz.kind_of[r] in ("city", "admin1") and _similar_spelling(key, r, gaz))
        if rows:
            # a Ukrainian settlement's name with the Russian g for h ("Girnyk": Hirnyk) is that settlement, not a
            # town elsewhere whose consonants it shares (Gornyak): one letter's habit says more than a skeleton
            hybrid = _hybrid_of(gaz, key) if "g" in key else None
            return hybrid if hybrid is not None else (key, rows, "skeleton")
    rows = adjective_rows
    if not rows or len(rows) > _W.adjective_max_places or _zipf(key) >= _W.variant_max_zipf:
        # (a common stem, "Krasny": dozens of towns, says too little)
        if "g" in key or key.endswith(_RUSSIAN_ENDING):
            return _hybrid_of(gaz, key)
        return _press_form_of(gaz, key) if key.endswith(_PRESS_FORM_ENDINGS) else None
    return key, rows, "adjective"


def _hybrid_of(gaz: Gazetteer, key: str) -> tuple[str, tuple[int, ...], str] | None:
    """(key, rows, "hybrid") when ``key``, missing from the index, is a Ukrainian settlement's name written with the
    Russian ``g`` for ``h`` ("Tyagynka": Tiahynka, known as "Tyahynka") or the Russian ending ``-ovka`` for ``-ivka``
    ("Snihurovka": Snihurivka), or both, every place of the Ukrainian form being a settlement of Ukraine; None
    otherwise (see ``spellings.add_hybrid_spellings`` for the names the index has)."""
    if key in gaz.keys:
        return None
    h_key = key.replace("g", "h")
    forms = [h_key]
    if h_key.endswith(_RUSSIAN_ENDING):
        forms.insert(0, h_key[:-len(_RUSSIAN_ENDING)] + _UKRAINIAN_ENDING)
    h_key = next((form for form in forms if form != key and form in gaz.keys), None)
    if h_key is None:
        return None
    rows = gaz.rows_for_key(h_key)
    ccs = gaz._columns()[5]
    if not rows or any(gaz.kind_of[r] != "city" or ccs[r] != HYBRID_COUNTRY for r in rows) or \
            _zipf(key) >= _W.variant_max_zipf:
        return None
    return key, tuple(rows), "hybrid"


# the endings of the Ukrainian village names whose press spellings ``_press_form_of`` reads (a cheap gate)
_PRESS_FORM_ENDINGS = ("ivka", "ia", "ske", "ska")
_CONSONANTS = frozenset("bcdfghjklmnpqrstvwxz")
_VOWELS = frozenset("aeiou")
# consonants the official romanisation doubles before "ia" ("Krasnopillia", "Zarichchia" has "chch": not here)
_DOUBLED_BEFORE_IA = frozenset("lnts")


def _press_form_of(gaz: Gazetteer, key: str) -> tuple[str, tuple[int, ...], str] | None:
    """(key, rows, "press") when ``key``, missing from the index, is a Ukrainian village's name in a press spelling
    that strays from the 2010 romanisation by one habit: "yi" for "i" after a vowel ("Biliayivka": Biliaivka), a
    single consonant for a doubled one before "-ia" ("Krasnopilia": Krasnopillia), one "i" for "y"
    ("Liubimivka": Liubymivka), or, in an adjectival name in "-sk-", the Russian "o" or "e" for the Ukrainian "i"
    of a closed syllable ("Horske": Hirske); every place of that form being a settlement of Ukraine. None
    otherwise."""
    if key in gaz.keys:
        return None
    forms = []
    if "yi" in key:
        forms.append("".join(ch for i, ch in enumerate(key)
                             if not (ch == "y" and key[i + 1:i + 2] == "i" and key[i - 1:i] in _VOWELS)))
    if key.endswith("ia") and len(key) > 4 and key[-3] in _DOUBLED_BEFORE_IA and key[-4] != key[-3]:
        forms.append(key[:-2] + key[-3] + "ia")
    forms += [key[:i] + "y" + key[i + 1:] for i in range(1, len(key) - 1)
              if key[i] == "i" and key[i - 1] not in _VOWELS and key[i + 1] not in _VOWELS]
    if key.endswith(("ske", "ska")):
        # the Russian root vowel in a closed syllable on the Ukrainian ending ("Horske": Hirske, Russian Gorskoye;
        # only a neuter or feminine adjective, whose ending is Ukrainian: a bare "-sk" may be a surname)
        forms += [key[:i] + "i" + key[i + 1:] for i in range(1, len(key) - 3)
                  if key[i] in "oe" and key[i + 1] in _CONSONANTS and key[i + 2] in _CONSONANTS]
    ccs = gaz._columns()[5]
    for form in forms:
        if form == key or form not in gaz.keys:
            continue
        rows = gaz.rows_for_key(form)
        if rows and all(gaz.kind_of[r] == "city" and ccs[r] == HYBRID_COUNTRY for r in rows) and \
                _zipf(key) < _W.variant_max_zipf:
            return key, tuple(rows), "press"
    return None


# the Russian noun ending of a village name the press writes on a Ukrainian transliteration, and the Ukrainian one
_RUSSIAN_ENDING, _UKRAINIAN_ENDING = "ovka", "ivka"


def _one_word_adjectival(key: str) -> bool:
    return one_word_adjectival(key)


def _adjective_stem(key: str) -> str | None:
    """The stem of a one-word adjectival name ("chervonyi" → "chervon"), or None."""
    return adjective_stem(key, _W.adjective_stem_min_letters)


@lru_cache(maxsize=4)
def _adjective_forms(gaz: Gazetteer) -> dict[str, tuple[int, ...]]:
    """Adjective stem → rows of the towns (population ``adjective_min_population`` or more) with a one-word
    adjectival name of that stem in any spelling: the other endings of the same name find them. The index
    stores the table, built with it; it is built here only when the weights it depends on have changed."""
    stored = gaz.stored_adjective_forms
    if stored["params"] == adjective_forms_params():
        return stored["forms"]
    towns = (np.asarray(gaz.kind_of, dtype=object) == "city") & (np.asarray(gaz.population_of) >= _W.adjective_min_population)
    found: dict[str, set[int]] = {}
    for key, rows in gaz.keys.keys_of_rows(towns, _one_word_adjectival):
        stem = _adjective_stem(key)
        if stem:
            found.setdefault(stem, set()).update(rows.tolist())
    return {stem: tuple(sorted(rows)) for stem, rows in found.items()}


adjective_forms = _adjective_forms  # (for resolve: the other endings of a listed adjectival name)


def _similar_spelling(key: str, row: int, gaz: Gazetteer) -> bool:
    return _similar(key, name_key(str(gaz._name[row])))


def _similar(a: str, b: str) -> bool:
    """difflib's similarity ratio is at least ``variant_similarity`` (its cheap upper bounds rule most pairs
    out first)."""
    least = _W.variant_similarity
    total = len(a) + len(b)
    if (2.0 * min(len(a), len(b)) / total if total else 1.0) < least:
        return False  # ``real_quick_ratio``, before the matcher is built (building it indexes ``b``)
    letters = set(a)  # (``sum(min(a.count(ch), b.count(ch)) for ch in letters)``, the counts taken in C)
    if total and 2.0 * sum(map(min, map(a.count, letters), map(b.count, letters))) / total < least:
        return False  # ``quick_ratio`` (the letters in common, as multisets), still without the matcher
    return difflib.SequenceMatcher(None, a, b).ratio() >= least  # (both bounds above passed)


def _mark_regions(ctx: _Context, mentions: list[Mention]) -> None:
    text = ctx.text
    plural = {}
    for i, m in enumerate(mentions):
        after = _REGION_AFTER.match(text, m.end)
        if after and m.kind in ("name", "variant"):
            m.region = m.region_word = True
            plural[i] = after.group(1).lower().endswith("s")
    # lists: "the Kharkiv, Sumy and Poltava regions", "the regions of A, B and C"
    groups: list[list[int]] = []
    for i, m in enumerate(mentions):
        if groups and _is_list_gap(text, mentions[groups[-1][-1]].end, m.start):
            groups[-1].append(i)
        else:
            groups.append([i])
    for group in groups:
        if len(group) < 2:
            continue
        first = mentions[group[0]]
        preceded = _REGIONS_OF_BEFORE.search(text[max(0, first.start - 40):first.start])
        if preceded or plural.get(group[-1]):
            for i in group:
                if mentions[i].kind in ("name", "variant"):
                    mentions[i].region = True
        elif any(mentions[i].region for i in group) and not _location_string(text, mentions, group):
            for i in group:
                mentions[i].listed = True
                mentions[i].signals.append(Signal("listed_with_region", 0.0, "listed with a region"))


def _location_string(text: str, mentions: list[Mention], group: list[int]) -> bool:
    """Whether a list is a location string: a name, then its admin unit with a region word
    ("Zolochiv, Kharkiv Oblast", "Kharkiv, Kharkiv oblast, Ukraine"), not a list of regions."""
    head, unit = mentions[group[0]], mentions[group[1]]
    return (not head.region_word and unit.region_word and not unit.text.lower().endswith("s")
            and bool(_LOCATION_GAP.match(text[head.end:unit.start])))


def _is_country(gaz: Gazetteer, m: Mention) -> bool:
    """Whether ``m`` names a country (and no big place of another kind)."""
    rows = _rows_of(gaz, m)
    return m.kind in ("name", "abbreviation") and any(gaz.kind_of[r] == "country" for r in rows) \
        and all(gaz.kind_of[r] in ("country", "continent") or gaz.population_of[r] < _W.strong_population
                for r in rows)


def _mark_location_strings(ctx: _Context, gaz: Gazetteer, mentions: list[Mention]) -> None:
    """Link the parts of location strings: "A, B Oblast[, Country]" or "A, B, Country" makes B (an admin
    unit) and the country the qualifiers of A; "A, Country" makes the country A's qualifier. A list of
    places ("Kyiv, Kharkiv, Odesa, Ukraine") is not a location string: its head follows a list gap."""
    text = ctx.text
    n = len(mentions)
    for i, head in enumerate(mentions):
        if head.kind not in ("name", "variant", "settlement") or head.region_word or i + 1 >= n:
            continue
        if i > 0 and not head.city_district and _is_list_gap(text, mentions[i - 1].end, head.start):
            continue  # the middle of a list (not "the A and B districts of Y": B is a district of Y)
        nxt = mentions[i + 1]
        gap = _DISTRICT_OF_GAP.match(text[head.end:nxt.start]) if nxt.kind in ("name", "variant") and \
            not nxt.text.lower().endswith("s") else None
        if gap is not None and (gap.group(1).lower() != "districts" or _PLURAL_CITY_DISTRICT.search(head.key) or
                                head.kind == "settlement"):
            if nxt.region_word:
                head.qualifier = i + 1  # "... of the Y region": Y is the unit
            else:
                head.district_of = i + 1  # "... of Y": a district of the city Y, or of the unit Y
            continue
        if not _LOCATION_GAP.match(text[head.end:nxt.start]) or _possessive_after(text, nxt):
            continue  # "X, Russia's main base": an apposition, not a location string
        if _is_country(gaz, nxt):
            if not _is_country(gaz, head) and not _list_goes_on(text, mentions, i + 1):
                head.country_qualifier = i + 1
            continue
        if nxt.kind not in ("name", "variant"):
            continue
        country = i + 2 if i + 2 < n and _LOCATION_GAP.match(text[nxt.end:mentions[i + 2].start]) \
            and _is_country(gaz, mentions[i + 2]) and not _list_goes_on(text, mentions, i + 2) else None
        if nxt.region_word and not nxt.text.lower().endswith("s"):
            head.qualifier = i + 1
        elif country is not None and not _is_country(gaz, head):
            head.qualifier = i + 1
            nxt.region = True  # "Korenevo, Kursk, Russia": Kursk is the oblast here
            nxt.signals.append(Signal("location_string_unit", 0.0, "the admin unit of a location string"))
        else:
            continue
        if country is not None:
            head.country_qualifier = country
            nxt.country_qualifier = country


# a sentence that describes the settlement just named: "The village in the Donetsk region is …"
_DESCRIBES_SETTLEMENT = re.compile(r"[ \t\n\"“‘(]*The[ \t]+(?:[a-z-]+[ \t]+)?(?:" + "|".join(SETTLEMENT_NOUNS)
                                   + r")\b(?:[ \t]*,)?[ \t]+(?:is[ \t]+|lies[ \t]+)?(?:in|of)[ \t]+(?:the[ \t]+)?\Z")


def _mark_described_units(ctx: _Context, gaz: Gazetteer, mentions: list[Mention]) -> None:
    """"X was retaken. The village in the Y region …": the Y region qualifies X, the last place named in the
    previous sentence, as a location string would ("X, Y Oblast")."""
    text = ctx.text
    for j, unit in enumerate(mentions):
        if not unit.region_word or unit.text.lower().endswith("s") or unit.sentence == 0:
            continue
        start = ctx.sentences[unit.sentence]
        if not _DESCRIBES_SETTLEMENT.match(text[start:unit.start]):
            continue  # (a name before the unit in that sentence would break the match)
        before = [i for i in range(j) if mentions[i].sentence == unit.sentence - 1]
        if not before:
            continue
        head = mentions[before[-1]]
        if head.kind in ("name", "variant", "settlement") and not head.region_word and head.qualifier is None \
                and not _is_country(gaz, head):
            head.qualifier = j
            head.signals.append(Signal("described_unit", 0.0, f"the next sentence places it in {unit.text}"))


def _mark_demonym_qualifiers(ctx: _Context, mentions: list[Mention]) -> None:
    """A place called "the <Demonym> <place noun> of X" ("the Lebanese port of Tripoli") takes that demonym's
    country as its country qualifier, unless a location string gave it one."""
    for i in range(1, len(mentions)):
        head, demonym = mentions[i], mentions[i - 1]
        if demonym.kind != "demonym" or head.kind not in ("name", "variant", "settlement") or head.region_word:
            continue
        gap = _DEMONYM_GAP.match(ctx.text[demonym.end:head.start])
        if gap is None or head.country_qualifier is not None:
            continue
        head.country_qualifier = i - 1
        head.signals.append(Signal("demonym_country", 0.0, f"called a {demonym.text} {gap.group(2)}"))


# "Velyka and Mala Oleksandrivka": a capitalised word, then "and" / "or", then the two-word name it shares a
# noun with
_ELIDED_BEFORE = re.compile(r"\b([A-Z][a-z'’-]+)[ \t]+(?:and|or)[ \t]+\Z")
_ELIDED_CONJUNCTIONS = ("and", "or")
_ELIDED_WINDOW = 40  # characters before the second name that ``_ELIDED_BEFORE`` reads


def _elided_pairs(ctx: _Context, gaz: Gazetteer, mentions: list[Mention]) -> list[Mention]:
    """The first of two names that share their last word ("Velyka and Mala Oleksandrivka", "Verkhnia or
    Nyzhnia Duvanka"): the word before "and" stands for itself with the shared word, when the gazetteer
    has a settlement of that name (and the word alone was found as no place)."""
    text = ctx.text
    found = []
    taken = None
    for m in mentions:
        if m.kind not in ("name", "variant") or m.region_word or m.text.count(" ") != 1:
            continue
        start, window = m.start, max(0, m.start - _ELIDED_WINDOW)
        # (what ``_ELIDED_BEFORE`` needs at its end, told without the pattern: a blank before the name, and "and"
        # or "or" before the blanks; the pattern, tried at every position of the window, is run for few names)
        if not start or text[start - 1] not in " \t" or \
                not text[window:start].rstrip(" \t").endswith(_ELIDED_CONJUNCTIONS):
            continue
        before = _ELIDED_BEFORE.search(text, window, start)
        if before is None:
            continue
        if taken is None:
            taken = {m.start for m in mentions}
        if before.start(1) in taken:
            continue
        first = before.group(1)
        key = name_key(f"{first} {m.text.split(' ', 1)[1]}")
        rows = tuple(r for r in gaz.rows_for_key(key) if gaz.kind_of[r] == "city") if key in gaz.keys else ()
        if not rows:
            continue
        e = Mention(before.start(1), before.end(1), first, key, "name", rows)
        e.paragraph, e.sentence = m.paragraph, m.sentence
        e.signals.append(Signal("elided_name", 0.0, f"\"{first}\" shares its noun with \"{m.text}\""))
        found.append(e)
    return sorted(mentions + found, key=lambda m: m.start) if found else mentions


def _possessive_after(text: str, m: Mention) -> bool:
    """Whether ``m`` is followed by a possessive ("Russia's", "Ukraine’s"): it then opens a phrase
    about something else and cannot close a location string."""
    return text[m.end:m.end + 2] in ("'s", "’s")


def _list_goes_on(text: str, mentions: list[Mention], i: int) -> bool:
    """Whether mention ``i`` is followed by another item of a list ("Saipan, Guam, Alaska")."""
    return i + 1 < len(mentions) and _is_list_gap(text, mentions[i].end, mentions[i + 1].start)


# what closes a location string in prose after its unit: a comma, a full stop, a semicolon, a bracket or the end
# ("seized X, Y Oblast." / "..., on Tuesday"), not a noun ("X, Y Oblast governor") or a possessive
_UNIT_CLOSES = re.compile(r"(?:[ \t]+(?i:region|oblast|province|krai|kray))?['’ʼ]?[ \t]*(?:[,.;:)\]]|\Z)")
_LOWER_WORD_BEFORE = re.compile(r"(?<![\w'’ʼ-])[a-z]+[ \t]+\Z")


def _settlements_missing_from_gazetteer(ctx: _Context, gaz: Gazetteer, mentions: list[Mention],
                                       lines: list[tuple[int, int, tuple[tuple[int, int], ...]]] = ()) -> list[Mention]:
    """Mentions of settlements the gazetteer lacks, named as such: the head of a location string
    ("Novoselivka Persha, Donetsk Oblast", "Neznamovo, Belgorod, Russia"; also after a road or street that
    opens the line: "Road X, Neznamovo, Belgorod, Russia"), "the village of X", "X, a village in ...". Their
    place comes from the admin unit of their context (see resolve)."""
    text = ctx.text
    found = []
    for i, m in enumerate(mentions):
        if m.kind not in ("name", "variant"):
            continue
        before = text[max(0, m.start - 80):m.start]
        # (the gap needs a comma before the mention, only spaces after it: most mentions have none)
        gap = _LOCATION_GAP.search(before) if before.rstrip(" \t").endswith(",") else None
        if gap is not None and (m.region_word or (i + 1 < len(mentions) and _is_country(gaz, mentions[i + 1])
                                                  and _LOCATION_GAP.match(text[m.end:mentions[i + 1].start]))):
            head = _UNKNOWN_NAME_END.search(before[:gap.start()])
            if head is None:
                lower = _LOWER_HEAD.search(before[:gap.start()])  # "chernihiv, Chernihiv Oblast" in a form field
                if lower is not None and (m.start <= 80 or before[:lower.start(1)].count("\n")):
                    start = m.start - len(before) + lower.start(1)
                    found.append(_lower_case_head(ctx, gaz, start, m.start - len(before) + lower.end(1), mentions))
                continue
            if head is not None:
                start = m.start - len(before) + head.start()
                # not the middle of a list, unless the structure of a location line says which part it is
                inner = _before_unit_and_country(lines, start, m.start)
                if inner or not _LIST_TAIL.search(text[max(0, start - 40):start]):
                    # "seized X, Y Oblast." / "X, Y Oblast, on Monday": the unit closes the string, so any lower-case
                    # word may stand before its head (not "said X, Y Oblast governor": a title follows the unit)
                    closed = m.region_word and _UNIT_CLOSES.match(text, m.end) is not None \
                        and _LOWER_WORD_BEFORE.search(text, max(0, start - 30), start) is not None
                    found.append(_unknown_settlement(ctx, gaz, start, m.start - len(before) + head.end(), mentions,
                                                     mark_known=False, over_prefix=True, in_list=inner or closed))
    # (every cue below holds a settlement noun, or "cities": a text with none, most texts, is searched no further)
    nouns = ctx.has_any(_SETTLEMENT_NOUN_CORES)  # (``ctx.has_any(SETTLEMENT_NOUNS)``)
    of_cues = (nouns or "cities" in ctx.lower) and ctx.has_any_before(_SETTLEMENT_OF_HEADS, " of")
    for cue in (_SETTLEMENT_OF.finditer(text) if of_cues else ()):
        _unit_before_settlement_noun(ctx, gaz, mentions, cue.start())
        found += _settlement_list(ctx, gaz, cue.end(), mentions, village=cue.group(1).lower() in VILLAGE_NOUNS)
    colon = text.find(":")
    while colon > 0:  # (a text has few colons: the words before each are read, not the whole text)
        # (a lower-case word before the colon, a capital after it, then the plural noun in the words before)
        if text[colon - 1] in _LOWER_ASCII:
            after = _LIST_AFTER_COLON.match(text, colon)
            cue = _SETTLEMENTS_BEFORE_COLON.search(text, max(0, colon - 60), colon) if after is not None else None
            if cue is not None:
                found += _settlement_list(ctx, gaz, after.end(), mentions, village=cue.group(1).lower() != "towns")
        colon = text.find(":", colon + 1)
    if nouns and ctx.has_any(_VILLAGE_NOUN_WORDS):
        found += _names_before_village_noun(ctx, gaz, mentions)
    if nouns and _APPOSITION_CUE.search(text):
        for name in _UNKNOWN_NAME.finditer(text):
            if _SETTLEMENT_APPOSITION.match(text, name.end()):  # (the apposition names it: any word may precede)
                found.append(_unknown_settlement(ctx, gaz, name.start(), name.end(), mentions, in_list=True))
    found = [m for m in found if m is not None and not isinstance(m, bool)]
    if not found:
        return mentions
    for m in found:
        m.paragraph = ctx.paragraph_of(m.start)
        m.sentence = ctx.sentence_of(m.start)
    by_start = {m.start: m for m in found if m.paragraph >= 0}
    heads = list(by_start.values())
    kept = [m for m in mentions if not any(h.start <= m.start and m.end <= h.end for h in heads)]
    return sorted(kept + heads, key=lambda m: m.start)


# "the A and B districts of Y": B is a district of the city Y when named by a district's adjective ("Darnytskyi");
# towns' own names ("the Kupiansk and Izium districts of Kharkiv [Oblast]") name rural districts by their seats
_PLURAL_CITY_DISTRICT = re.compile(r"sk(?:yi|yy|iy|ij|ii|y|oy|oi)\Z")
# the name right before "district(s)": one capitalised word, maybe hyphenated ("Darnytskyi", "Novo-Bavarskyi")
_DISTRICT_NAME_END = re.compile(r"(?<![\w'’ʼ-])[A-Z][a-z'’ʼ]+(?:[-\u2010\u2011][A-Z][a-z'’ʼ]+)?\Z")
# "district" or "districts" (not "district-level"), then not a capitalised word ("the X district Council")
_DISTRICT_NOUN_AT = re.compile(r" (districts?)\b(?![-\u2010\u2011])(?![ \t]+[A-Z])")
# what stands right before an unknown district's name: "the", a possessive ("Kyiv's"), or a list gap ("A and B")
_DISTRICT_NAME_BEFORE = re.compile(r"(?:\bthe|['’]s|,|\band)[ \t]+\Z", re.IGNORECASE)
_DISTRICT_LIST_GAP_END = re.compile(r"(?:[ \t]*,[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+)\Z")
_DISTRICT_LOOK_BEHIND = 40  # characters before "district" searched for its name
_MAX_DISTRICT_LIST = 4  # names of one "A, B and C districts" list


def _named_districts(ctx: _Context, gaz: Gazetteer, mentions: list[Mention]) -> list[Mention]:
    """Names the text calls districts ("the X district", "the A and B districts of Y"): a known name is marked
    (``Mention.city_district``; ``districts.mark_district_seats`` still reads a rural district's seat first), an
    unknown one (the gazetteer lists few districts of cities: "Darnytskyi", "Osnovianskyi") becomes a mention
    that resolve places only at a city the article names (never at a unit or a namesake)."""
    text, lower = ctx.text, ctx.lower
    by_end = {m.end: m for m in mentions if m.kind in ("name", "variant", "settlement")}
    found: list[Mention] = []
    pos = lower.find(" district")
    while pos >= 0:
        noun = _DISTRICT_NOUN_AT.match(text, pos)
        if noun is not None:
            end, last = pos, -1
            for _ in range(_MAX_DISTRICT_LIST if noun.group(1) == "districts" else 1):
                m = by_end.get(end)
                if m is None:
                    m = _unknown_district(ctx, gaz, mentions, end)
                    if m is None:
                        break
                    found.append(m)
                if m.region_word or m.region:
                    break
                m.city_district = True
                m.district_list_last = last
                if last < 0:
                    last = m.start
                gap = _DISTRICT_LIST_GAP_END.search(text, max(0, m.start - 8), m.start)
                if gap is None:
                    break
                end = gap.start()
        pos = lower.find(" district", pos + 9)
    if not found:
        return mentions
    for m in found:
        m.paragraph = ctx.paragraph_of(m.start)
        m.sentence = ctx.sentence_of(m.start)
    return sorted(mentions + [m for m in found if m.paragraph >= 0], key=lambda m: m.start)


def _unknown_district(ctx: _Context, gaz: Gazetteer, mentions: list[Mention], end: int) -> Mention | None:
    """A new mention of the unknown name that ends at ``end`` before "district(s)" (after "the", a possessive or a
    list gap; not an English word, not covered by a mention, not opening its sentence), else None. Its span is the
    name alone, as the gold sets write a district of a city ("the Adhamiyah district of Baghdad": "Adhamiyah")."""
    name = _DISTRICT_NAME_END.search(ctx.text, max(0, end - _DISTRICT_LOOK_BEHIND), end)
    if name is None:
        return None
    start, surface = name.start(), name.group()
    key = name_key(surface)
    if not _DISTRICT_NAME_BEFORE.search(ctx.text, max(0, start - 8), start):
        return None  # the last word of a longer name ("the Mukuru kwa Njenga district"), not a name of its own
    if len(key) < 4 or key in gaz.keys or key in gaz.demonyms or _is_dictionary_word(key) or \
            _zipf(key) >= _W.variant_max_zipf or ctx.is_sentence_start(start) or \
            any(m.start < end and start < m.end for m in mentions):
        return None
    m = Mention(start, end, surface, key, "settlement")
    m.signals.append(Signal("named_district", 0.0, "named a district, unknown to the gazetteer"))
    return m


def _district_lists_of(mentions: list[Mention]) -> None:
    """Each name of "the A and B districts of Y" is a district of Y, as B is (``_mark_location_strings``)."""
    by_start = {m.start: m for m in mentions if m.city_district}
    for m in mentions:
        if m.city_district and m.district_list_last >= 0 and m.district_of is None and \
                (m.kind == "settlement" or _PLURAL_CITY_DISTRICT.search(m.key)):
            last = by_start.get(m.district_list_last)
            if last is not None and last.district_of is not None:
                m.district_of = last.district_of


def _unit_before_settlement_noun(ctx: _Context, gaz: Gazetteer, mentions: list[Mention], cue: int) -> None:
    """The name of an admin-1 unit (or of its seat) used as an adjective before a settlement noun ("the Y
    village of X", "the eastern Y frontline towns of A and B") names the unit, as "the Y region" would: the
    settlements listed after it are looked for in that unit."""
    before = _UNIT_BEFORE_NOUN.search(ctx.text, max(0, cue - 80), cue)
    if before is None or any(word in _NOT_UNIT_ADJECTIVE_GAP for word in before.group(2).split()):
        return
    m = next((m for m in mentions if m.end == before.end(1)), None)
    if m is None or m.kind not in ("name", "variant") or m.region or m.start != before.start(1):
        return
    from pipeline.geoparse.resolve import _region_units  # (resolve imports this module)

    if not _region_units(gaz, m.key, _rows_of(gaz, m)):
        return
    m.region = True
    m.signals.append(Signal("unit_before_settlement_noun", 0.0, "names the unit of the settlements after it"))


def _names_before_village_noun(ctx: _Context, gaz: Gazetteer, mentions: list[Mention]) -> list[Mention | None]:
    """A name followed by a lower-case village noun ("fighting for X village", "X settlement came under fire"),
    as translated news writes it: a known name is marked as named a village (its population says little and
    the article's units decide between namesakes), an unknown one becomes a settlement mention. Not the
    adjectival "the Y village of X" (Y is the unit, X the village)."""
    text = ctx.text
    known_by_end = {m.end: m for m in mentions if m.kind in ("name", "variant") and not m.region_word}
    out: list[Mention | None] = []
    for cue in _VILLAGE_NOUN_AFTER.finditer(text):
        m = known_by_end.get(cue.start())
        if m is not None:  # (a soft hint, not the hard unit constraint of "the village of X in the Y region")
            m.village = True
            m.signals.append(Signal("village_noun_after", 0.0, f"followed by \"{cue.group(1)}\""))
            continue
        name = _UNKNOWN_NAME_END.search(text, max(0, cue.start() - 60), cue.start())
        if name is not None and not any(k.start < cue.start() and name.start() < k.end for k in mentions):
            found = _unknown_settlement(ctx, gaz, name.start(), name.end(), mentions)
            if found is not None:
                found.village = True
                out.append(found)
    return out


def _before_unit_and_country(lines: list[tuple[int, int, tuple[tuple[int, int], ...]]], start: int, unit: int) -> bool:
    """Whether the part at ``start`` of a line-opening location string is followed by the part at ``unit`` and
    then only by the last part (its country), with a part before it: "A, Head, Unit, Country"."""
    for _start, _end, parts in lines:
        starts = [pos for pos, _ in parts]
        if len(starts) >= 4 and starts[-3:-1] == [start, unit]:
            return True
    return False


def _settlement_list(ctx: _Context, gaz: Gazetteer, pos: int, mentions: list[Mention], *,
                     village: bool) -> list[Mention | None]:
    """The settlements named after a cue at ``pos`` ("the villages of A, B and C"): every item of the list
    is named a settlement (a known name is marked so, an unknown one becomes a settlement mention)."""
    text = ctx.text
    by_start = {m.start: m for m in mentions if m.kind in ("name", "variant") and not m.region_word}
    out: list[Mention | None] = []
    start = pos
    while True:
        known = by_start.get(pos)
        if known is not None:
            known.settlement = True
            known.village = known.village or village
            if not known.region:
                _only_settlement_readings(gaz, known)
            end = known.end
        else:
            name = _UNKNOWN_NAME.match(text, pos)
            if name is None:
                break
            found = _named_settlement_word(gaz, name.start(), name.group(), mentions) or \
                _named_settlement_name(text, gaz, name.start(), name.group(), mentions) or \
                _unknown_settlement(ctx, gaz, name.start(), name.end(), mentions, in_list=bool(out) or pos != start)
            if found is None:
                break
            found.village = village
            out.append(found)
            end = found.end
        gap = _ITEM_GAP.match(text, end)
        if gap is None or not gap.group() or gap.end() >= len(text) or not text[gap.end()].isupper():
            break
        pos = gap.end()
    return out


_DOUBLED_LETTER = re.compile(r"([a-z])\1")


def _only_settlement_readings(gaz: Gazetteer, m: Mention) -> None:
    """A name a cue calls a settlement ("the larger settlements of X and Y", "the villages of A, B and X") reads
    as a settlement: its readings as an admin unit or a region go when it has one as a settlement (a country's
    name stays the country)."""
    rows = _rows_of(gaz, m)
    if any(gaz.kind_of[r] == "country" for r in rows):
        return  # "the city of X, Russia's Y region": a list's reach is not sure enough to unmake a country
    towns = tuple(r for r in rows if gaz.kind_of[r] == "city")
    if towns and len(towns) < len(rows):
        m.rows = towns


def _named_settlement_word(gaz: Gazetteer, start: int, surface: str, mentions: list[Mention]) -> Mention | None:
    """An English word (dropped by the English-word rule, or not in the index) named a settlement by a cue
    ("the villages of A and X"): a village after all, when the codifier has villages of that name or of its
    spelling with doubled letters single (Ukrainian writes single a letter the Russian form, often the English word's
    spelling, doubles). Only those villages are its places (``_supported_countries`` then keeps them where the
    article is about their country): a town abroad called like an English word stays dropped."""
    key = name_key(surface)
    if " " in surface or not _is_dictionary_word(key) or \
            any(m.start < start + len(surface) and start < m.end for m in mentions):
        return None
    single = _DOUBLED_LETTER.sub(r"\1", key)
    keys = [k for k in dict.fromkeys((key, single)) if k in gaz.keys]
    rows = tuple(sorted({r for k in keys for r in gaz.rows_for_key(k) if gaz.minor_of[r]}))
    if not rows:
        return None
    m = Mention(start, start + len(surface), surface, key, "name", tuple(rows), settlement=True)
    m.signals.append(Signal("named_settlement_word", 0.0, "an English word named a settlement"))
    return m


def _named_settlement_name(text: str, gaz: Gazetteer, start: int, surface: str,
                           mentions: list[Mention]) -> Mention | None:
    """A name of the index that a context rule dropped ("X claimed ..." read as a person speaking), named a
    settlement by a cue ("the settlement of X"): the cue says what the word is, so it is a place after all. Not
    an English word (``_named_settlement_word`` decides those) nor a frequent one, nor the first word of a longer
    name ("the village of X LGA": a capital follows)."""
    key = name_key(surface)
    end = start + len(surface)
    if key not in gaz.keys or _is_dictionary_word(key) or _zipf(key) >= _W.variant_max_zipf or \
            text[end:end + 2].strip()[:1].isupper() or \
            any(m.start < end and start < m.end for m in mentions):
        return None
    m = Mention(start, start + len(surface), surface, key, "name", settlement=True)
    m.signals.append(Signal("named_settlement_name", 0.0, "named a settlement"))
    return m


def _lower_case_head(ctx: _Context, gaz: Gazetteer, start: int, end: int, mentions: list[Mention]) -> Mention | None:
    """The lower-case head of a location string that opens its line ("poltava, Poltava Oblast, Ukraine", as
    typed into a form): the place of that name, else a settlement the gazetteer lacks."""
    surface = ctx.text[start:end]
    key = name_key(surface)
    if any(m.start < end and start < m.end for m in mentions) or len(key) < 4:
        return None
    if key in gaz.keys:
        m = Mention(start, end, surface, key, "name", settlement=True)
        m.signals.append(Signal("lower_case_head", 0.0, "the lower-case head of a location string"))
        return m
    m = Mention(start, end, surface, key, "settlement", settlement=True)
    m.signals.append(Signal("unresolved_settlement", 0.0, "a settlement the gazetteer lacks"))
    return m


def _unknown_settlement(ctx: _Context, gaz: Gazetteer, start: int, end: int, mentions: list[Mention], *,
                        mark_known: bool = True, in_list: bool = False, over_prefix: bool = False) -> Mention | None:
    """A settlement mention for ``text[start:end]`` when no mention covers it and it reads as a name;
    with ``mark_known``, a known name there is marked as named a settlement. With ``over_prefix`` (the head
    of a location string), a known name covering only its first words ("Veselaya" of "Veselaya Lopan'")
    does not stop it when the last word is a name no mention covers and no English word, nor does a known
    word of a hyphenated compound ("Kazennoe" of "Kazennoe-Uzkoe")."""
    text = ctx.text
    surface = text[start:end]
    words = surface.split()
    if not words or words[-1].lower() in DISTRICT_WORDS or words[0].lower() in DIRECTIONS:
        return None
    last_key = name_key(words[-1])
    prefix_ok = (over_prefix and len(words) > 1 and len(last_key) >= 3 and not _is_dictionary_word(last_key)
                 and _zipf(last_key) < _W.variant_max_zipf)
    last_start = start + surface.rindex(words[-1])
    # the words of a hyphenated compound ("Kazennoe-Uzkoe"): a name found in one of them is a fragment
    compounds = [(start + c.start(), start + c.end()) for c in _HYPHEN_COMPOUND.finditer(surface)] if over_prefix else []
    for m in mentions:
        if prefix_ok and start <= m.start and m.end <= last_start and m.kind in ("name", "variant") and not m.region_word:
            continue  # a known first word of a longer unknown name
        if any(c0 <= m.start and m.end <= c1 and (m.start, m.end) != (c0, c1) for c0, c1 in compounds) \
                and m.kind in ("name", "variant") and not m.region_word:
            continue  # a known word of a hyphenated compound the gazetteer lacks as a whole
        if m.start < end and start < m.end and not (m.kind == "variant" and start <= m.start and m.end <= end):
            if mark_known and m.start == start and m.kind in ("name", "variant") and not m.region_word:
                m.settlement = True  # a known name named as a settlement: its town reading
            return None  # the gazetteer knows (part of) it
    key = name_key(surface)
    if len(key) < 3 or key in gaz.keys or key in gaz.demonyms:
        return None
    if len(words) == 1 and (_is_dictionary_word(key) or _zipf(key) >= _W.variant_max_zipf):
        return None  # "Meanwhile, Kharkiv Oblast ...", "Then, ..."
    if not in_list and not _HEAD_BEFORE.search(text[max(0, start - 20):start]) and not ctx.is_sentence_start(start):
        return None
    m = Mention(start, end, surface, key, "settlement", settlement=True)
    m.signals.append(Signal("unresolved_settlement", 0.0, "a settlement the gazetteer lacks"))
    return m
