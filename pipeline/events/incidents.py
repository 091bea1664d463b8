"""Document-level incidents: one real incident = one event per article.

Each sentence is read once (triggers, figures, places, its stated date, who said it); then the
sentences are grouped into incidents. A strike or casualty sentence joins the incident the
article is telling about unless something sets it apart: "Separately," / "another strike", an
attack or a toll at a place far from the incident's, an attack on another stated day (the day
before or after counts too, unless a night spans the two dates or a figure is shared), or a
stated date of its own together with a toll that cannot be an update of the incident's. An
attack on a day of its own never reaches back past the incident the article moved on to. A
sentence with figures but no trigger goes to the incident that already stated the same figure,
else to the one of the same weapon, else to the latest one. An incident dated only by the page's own day (a
dateline, "the governor said on Monday" on Monday's page) takes a day before it that a sentence of its own states
("after Saturday's strike"); an attack told as "Earlier on <day>" is an incident of its own.
Sentences that only refer back ("the strike", "the base near X") lend their place.

Attacks told by region: weapons brought down over named regions are an attack on each region named, each
with its own toll where one is told of it (by its oblast, a town in it, or the region its official speaks for:
"the X governor said two were injured"); a tally over no named region is none. A toll a region's official tells
with no place of its own is in that region, and never joins an incident told elsewhere.

Changes of control (capture, recapture, withdrawal, encirclement, advance) are one event per
place they name as the verb's object (a list of villages gives one each, however close the
villages: ``distinct_settlements``), merged within the article when they say the same thing
(a withdrawal by one side and a capture by the other are one change of control).

Lists: one verb governs every place of its list, each an event of the same type, sub-type, actor and day. A list is
the verb's object ("struck A, B and C"), a passive's subject right before it ("the villages of A and B were shelled"),
or announced by a tally and a colon or dash ("two villages in the X region: A, where ..., and B"; "the town of A, as
well as three villages nearby: B, C and D"), as many as the tally counts. Regions a strike's list names before or after
its settlements ("A, B and the X and Y regions") are an oblast-level strike each, but the region of a listed town.
A toll stays with the place it is told for; places that locate another ("near A"), that a strike came from or went
towards, are no items of a list.

The toll of an incident, one documented rule: the stated totals of the incident (exact figures
before approximate ones); the largest one worded as an update ("the toll rose to 58") if any (a
toll only rises, and an article may retell an earlier update after the latest: "Earlier, the toll rose to
30"), else the largest. Without any total: an observation ("Reuters saw a dozen bodies"), else
individuals ("a woman died"; "a man and his wife" are two) plus the increments told after them ("A man was
injured. A drone then injured two more.": three), else increments ("three more died"). A total of one group of the
population ("five children were killed") below a total of all the victims is a part of it, however new
(``_without_groups``); the dead and the wounded counted together ("killed or wounded") are neither.
Sub-counts ("including seven children") and aggregates ("31 killed across the region over the
past day") never; nor, in an incident at a town that states a total of its own (or counts its victims one by one),
a total told only of its oblast (the region's sum: ``_wider_sums``); nor a total the incident breaks down by place, in
its sentence or a later one (each place's part is that place's incident and toll: ``_sum_by_place``); nor a total told with no attack and no place, not as an update, far over every total the
incident's sentences of an attack or a place state (a sum of the war: ``_unanchored_outliers``). An increment told
after figures of the other kind only is a total ("A man died. Five more were injured.": ``_contrasted``). An incident of an earlier period told as background ("Last year, a bombing at the station killed
63") takes its own background figures as its toll, with no day. Every figure stays as a ``CasualtyClaim`` with its
claimant.

A sentence worded as another incident ("another massive attack on X killed seven") that only restates the toll an
open incident at the same place already gave is that incident (a lede against the nights before); a sentence whose
every total restates the incident's stays with it whatever other place it names (``_restates_total``). A figure with no
place and no attack joins, after the incident that stated the same figure, the one whose figures the same claimant
gave, else to the incident at the town named last before it in its paragraph ("Also blasts in X. A fuel truck
exploded. Three died."), else to the incident told last. A toll told at one town of an attack told over two, where
the incident told its harm at the other, is an incident of its own (``_toll_elsewhere``). A toll worded as an update
on a day of its own ("On Thursday the toll rose to five") updates the incident, while an attack the day before with a
toll of its own is another incident even across a night. A figure with no place right after a sentence of an earlier
year's place goes on about that year. A day written as a calendar date ("on 23 April") is the incident's own even when
it is the page's: a weekday stated later starts another incident rather than redating it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from datetime import date as Day
from datetime import timedelta
from functools import lru_cache

from pipeline.events.figures import (_VAGUE_PLURAL, Figure, claimant, continues_aggregate, figures, parse_number,
                                     some_hurt, source_line, treated)
from pipeline.events.figures import individuals as count_individuals  # the name ``individuals`` is a local below
from pipeline.events.records import DATE_BASIS, CasualtyClaim, Event, Report, Source
from pipeline.events.triggers import (GROUND_GAINED, INCIDENT_TRIGGERS, LAST_PERIOD_AFTER, Trigger, clause_start, folded, holds_own,
                                     occupation, realis, separate, since_occupation, sounded, triggers)
from pipeline.events.weights import WEIGHTS
from pipeline.geoparse.nonplaces import masthead_cue
from pipeline.geoparse.persons import bank_cue
from pipeline.geoparse.recognise import content_ranges, sentence_starts
from pipeline.geoparse.admin_join import lies_in_unit
from pipeline.geoparse.resolve import great_circle_km
from pipeline.model import POINT_KINDS, Place
from pipeline.text.dates import (MONTH_ABBR, MONTH_NAMES, MONTHS, EventDate, UNDATED, cut_in_date, day_after, day_before,
                                 explicit_date,
                                 names_a_day, parse_iso, read_dates, same_day, statement_day_only)
from pipeline.text.translit import spelling_key

EARLIER = EventDate(None, None, "an earlier period")
# whether weapons brought down over a town, or over no place named, with nothing told hit ("six drones were shot down
# over X", "40 drones were downed overnight") are an attack there: the gold of the sets counts them inconsistently,
# and on a held-out set they cost precision; off, they only join the attack of their side they belong to. Weapons
# brought down over a named region ("over the A, B and C regions") are an attack on each region (``_by_region``):
# the convention of the development sets and of the real-news README (one event per named region, oblast-level)
INTERCEPTIONS_ALONE = False
# the countries whose regions weapons brought down over are attacked: the parties' own (a drone downed over a third
# country's region strayed there, and is no attack on it)
REGION_ATTACK_COUNTRIES = frozenset({"UA", "RU"})
_RANK = {name: i for i, (name, _rx) in enumerate(INCIDENT_TRIGGERS)}
_NEAR = re.compile(r"\b(near|outside|around|close to|on the outskirts of|outskirts of|on the (?:\w+ )?edge of|"
                   r"east of|west of|north of|south of|a village near)\s+(the\s+)?$", re.IGNORECASE)
_DESCRIPTOR = re.compile(r"\b(outside|near|north of|south of|east of|west of|from|capital)\s+(?:\w+['’]s\s+)?"
                         r"(?:capital\s+)?$", re.IGNORECASE)
_TITLE_AFTER = re.compile(r"^(?:['’]s)?\s+(?:(?:regional|oblast|region|city|state|military|civil|civil-military|"
                          r"district|local|provincial|municipal|defen[cs]e)\s+){0,4}(?:governor|administration|council|"
                          r"mayor|prosecutor['’]?s?|police|head|chief|spokesperson|spokesman|office|officials?|"
                          r"authorities|regime|government|leadership|junta)\b", re.IGNORECASE)
_TITLE_BEFORE = re.compile(r"\b(governor|mayor|head|chief|administration|council|prosecutor|authorities)\s+of\s+"
                           r"(?:the\s+)?$", re.IGNORECASE)
_HYPHENS = "-‐‑"  # what joins the parts of a compound name
_ORG_BEFORE = re.compile(r"\b(Church|Patriarchate|University|Bank|Ministry|Academy|Museum|Diocese|Embassy|Court|"
                         r"Metropolis|Orchestra|Club)\s+of\s+(?:the\s+)?$")
_AGENT_AFTER = re.compile(r"^['’]?s?\s+(?:(?:on|late\s+on|early\s+on|last|this)\s+[A-Z]\w+\s+|also\s+|(?:has|have|had)\s+)?"
                          r"(?:\w+ly\s+)?(says|said|told|tells|accused|accuses|blamed|blames|warned|claimed|"
                          r"claims|denied|denies|announced|wants|opposes|opposed|insists|insisted|maintains|maintained|"
                          r"argued|called|rejected|rejects|responded|vowed|could|would|might|will|may|has accused|fired|"
                          r"launched)\b")
_POSSESSIVE = re.compile(r"^['’]s\s+(?!(?:\w+\s+)?(?:region|oblast|province|outskirts|centre|center|suburbs|"
                         r"port|airport|district|streets?|square|historic|residents?|mayor|city)\b)")
_AGENT_BEFORE = re.compile(r"\bby\s+$")
# a capital as the subject of an active verb of striking or of holding a view ("Kyiv has hit several energy sites",
# "X nevertheless regularly targets the Y region", "Kyiv maintains that ..."): the state acting, not a place struck
# (a bare past form only with its object after it: "X struck the ...", not the headline passive "X struck overnight")
_STATE_ACTS_AFTER = re.compile(r"^\s+(?:(?:\w+ly|nevertheless|also|again|still|now|often|has|have|had)\s+){0,3}"
                               r"(?:(?:maintains|maintained|stated|states|believes|believed)\b|"
                               r"(?:(?<=has )|(?<=have )|(?<=had ))(?:hit|struck|targeted|attacked|shelled|bombed|"
                               r"launched)\b(?!\s+by\b)|"
                               # (a present or bare past form with its object: not a noun, "Kyiv strikes kill three")
                               r"(?:hits|strikes|targets|attacks|shells|bombs|launches|hit|struck|targeted|attacked|"
                               r"shelled|bombed)\s+(?:(?:a|an|the|its|their|several|two|three|dozens|\d+|Russian|"
                               r"Ukrainian|enemy)\b|(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|" + MONTH_NAMES + r")\b)"
                               r"(?-i:[A-Z])))")
# a place as an attribute of what it stands for ("Moscow-annexed Crimea", "Kyiv-controlled territory", "a Kharkiv-based
# analyst"): the place hyphenated with a participle or a relational adjective is no place where anything happened
_ATTRIBUTE_AFTER = re.compile(r"^[-‐‑–](?:[a-z]+(?:ed|en)|held|led|built|run|based|born|bound|made|friendly|aligned)\b")
# two capitals as the two states ("an exchange between Moscow and Kyiv"), a capital's clock ("at 3 a.m. Moscow time"),
# a place as a side taken ("pro-Moscow separatists", "anti-Kremlin"): no place where anything happened
_BETWEEN_STATES = re.compile(r"\bbetween\s+(?-i:[A-Z])[\w'’-]+\s+and\s+$", re.IGNORECASE)  # (the second named)
_BETWEEN_FIRST = re.compile(r"\bbetween\s+$", re.IGNORECASE)
_AND_NAME_AFTER = re.compile(r"^\s+and\s+(?-i:[A-Z])")  # (the first named)
# a street, avenue or square named after a place ("a building on X Street", "X Avenue"): not the place
_STREET_AFTER = re.compile(r"^\s+(?:Street|St\.|Avenue|Ave\.|Boulevard|Blvd\.?|Lane|Prospekt|Prospect|Embankment|"
                           r"Highway)\b")
_LOCAL_TIME_AFTER = re.compile(r"^\s+time\b", re.IGNORECASE)
_PARTISAN_BEFORE = re.compile(r"\b(?:pro|anti)[-‐‑]$", re.IGNORECASE)
# a capital as the seat a visit, a meeting or a speaker is at ("a surprise visit to Kyiv", "told reporters in Moscow",
# "talks in Minsk") or as the state that receives what was handed over ("a rocket system supplied to Kyiv"): only
# words of a day may stand between ("said on Monday in Kyiv"), never a clause ("said two were killed in Kyiv")
_SEAT_BEFORE = re.compile(r"\b(?:(?:visit(?:s|ed|ing)?|trip|arrived|arriving|travel(?:l?ed|l?ing|s)?|talks|summit|"
                          r"meeting|met|conference|briefing|told reporters|speaking|spoke|said|says|supplied|delivered|"
                          r"provided|transferred|handed over|pledged|promised)"
                          r"(?:\s+(?:on|late on|early on|last|this)\s+\w+)?\s+(?:in|to)\s+(?:the\s+)?|"
                          # a meeting's seat ("in a meeting at the Kremlin")
                          r"(?:talks|summit|meeting|conference|briefing|ceremony|reception)\s+at\s+(?:the\s+)?|"
                          r"visited\s+)$", re.IGNORECASE)
# a capital or seat of power as the state: the source of an act ("a provocation from Moscow", "orders from the
# Kremlin") or the subject of a perfect ("the Kremlin has focused its forces"; not "X has been hit", "X has come
# under fire", "X has seen / suffered ...": the place as what underwent something)
_SOURCE_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?$", re.IGNORECASE)
# a place set aside for another one ("In addition to A, B was hit", "besides A", "apart from A"): what the sentence
# tells is of the other place
_SET_ASIDE_BEFORE = re.compile(r"\b(?:in\s+addition\s+to|besides|apart\s+from|aside\s+from|other\s+than|except(?:\s+for)?)"
                               r"\s+(?:the\s+)?(?:(?:city|town|village|settlement|region|oblast)\s+of\s+)?$",
                               re.IGNORECASE)
_PERFECT_AGENT_AFTER = re.compile(r"^\s+(?:has|have|had)\s+(?:\w+ly\s+)?(?!been\b|come\b|seen\b|suffered\b|endured\b|"
                                  r"experienced\b|witnessed\b|survived\b|faced\b|weathered\b|lost\b|had\b)\w+ed\b")
# a sector of the front named after a town ("in the X direction", "on the X front"): not the town
_STREET_AFTER = re.compile(r"^\s+(?:Street|St\.|Avenue|Ave\.|Boulevard|Blvd\.|Lane|Prospekt|Prospect)\b")
_AXIS_AFTER = re.compile(r"^\s+(?:direction|axis|sector|front)\b", re.IGNORECASE)
# where the wounded are treated ("evacuated to hospitals in X", "taken to a hospital in X"): not where it happened
# a place naming the hospital the wounded were taken to ("transported to X City Hospital No. 2", "the X Central District
# Hospital"): where they are treated, not where it happened
_HOSPITAL_AFTER = re.compile(r"^\s+(?:(?:City|Regional|Oblast|Region|District|Central|Clinical|Children['’]s|Municipal|"
                             r"Republican|Emergency|Military|Railway)\s+){0,4}(?:Hospital|Clinic|Infirmary)\b")
_TREATED_BEFORE = re.compile(r"\b(?:(?:hospitals?|clinics?|medical (?:institutions?|facilities|facility))\s+in|"
                             r"(?:evacuated|taken|transported|brought|airlifted|moved)\s+to)\s+(?:the\s+)?"
                             r"(?:(?:city|town|regional centre|regional center)\s+of\s+)?$", re.IGNORECASE)
# a hospital struck in a town ("a missile hit a hospital in X", "the attack on a clinic in X"): the town is the
# strike's place, not where the wounded are treated
_STRUCK_HOSPITAL_BEFORE = re.compile(r"\b(?:hit|hits|struck|strikes?|attack(?:ed|s)?|shell(?:ed|ing)|bomb(?:ed|ing)|"
                                     r"damag(?:ed|ing)|destroy(?:ed|ing)|target(?:ed|ing))\s+(?:on\s+)?(?:an?|the)\s+"
                                     r"(?:[\w'’-]+\s+){0,2}?(?:hospitals?|clinics?)\s+in\s+(?:the\s+)?"
                                     r"(?:(?:city|town)\s+of\s+)?$", re.IGNORECASE)
# where a strike was launched from ("launched glide bombs from X airspace", "launched an attack from the village of X
# in Y's Z Oblast", "fired missiles from occupied X"): the origin of the weapon, not the place struck
_ORIGIN_BEFORE = re.compile(r"\b(?:launch(?:ed|es|ing)?|fired|firing|dropped|released|took off|flew)\b[^.!?;:]{0,60}?"
                            r"\bfrom\s+(?:the\s+)?(?:(?:temporarily\s+|illegally\s+)?(?:Russian-|Russia-|Moscow-)?"
                            r"(?:occupied|annexed|held|controlled)\s+)?(?:(?:village|town|city|settlement|territory|airspace|area|direction|"
                            r"side|skies)\s+(?:of|over)\s+)?(?:[A-Z][\w'’-]+\s+(?:in|of)\s+)?(?:the\s+)?"
                            r"(?:[A-Z][\w ]{0,25}?['’]s\s+)?$")
_ORIGIN_WINDOW_CHARS = 120  # how far before a place its launch verb may stand
# a weapon named after a place, told by what it is ("X multiple launch rocket systems", "X and Y (MLRS) rocket launchers",
# "X cruise missiles"): the weapon, not a place; what a place's name qualifies otherwise ("an X missile attack") stays
_WEAPON_AFTER = re.compile(r"^(?:\s*,?\s+(?:and|or|&)\s+(?-i:[A-Z0-9][\w-]*)|\s+(?-i:[A-Z0-9][\w-]*)|\s*\((?-i:[A-Z]{2,6})\)){0,4}"
                           r"\s+(?:(?:multiple|multiple-launch|ballistic|cruise|anti-aircraft|tactical)\s+)?"
                           r"(?:(?:(?:launch|rocket|missile)\s+){1,2}(?:systems|launchers)|launchers|MLRS)\b|"
                           r"^\s*\((?-i:MLRS)\)", re.IGNORECASE)
# people told with where they come from ("a woman from X", "two volunteers from the X region", "a family from the
# village of X"): their home, not where the incident happened. The people are counted or determined ("a", "two", "their");
# people moved out of a place ("evacuated two residents from X", "rescued a woman from X") are not told by their home
_HOME_BEFORE = re.compile(r"(?<![\w-])(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,3}|several|their|his|her|"
                          r"the)\s+(?:[\w-]+\s+){0,2}?(?:man|woman|men|women|person|people|child|children|boy|girl|"
                          r"teenager|family|couple|resident|residents|civilian|civilians|volunteer|volunteers|worker|"
                          r"workers|driver|drivers|pensioner|pensioners|student|students|tourist|tourists|farmer|farmers|"
                          r"daughter|son|mother|father|victims?)\s+(?:originally\s+)?from\s+(?:the\s+)?(?:(?:city|town|"
                          r"village|settlement|region|oblast|district)\s+of\s+)?$", re.IGNORECASE)
_MOVED_OUT = re.compile(r"\b(?:evacuat|rescu|remov|pull|took|taken|brought|bring|fled|flee|mov|deport|transferr|"
                        r"relocat|carried|carry)\w*\s+(?:[\w-]+\s+){0,4}$", re.IGNORECASE)
_DATELINE_AFTER = re.compile(r"^\s*(?:\[[^\]]{1,30}\]\s*)?(?:,|\()")
_ANAPHOR = re.compile(r"\b(the|this|that) (?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
                      r"(?: morning| afternoon| evening| night)? )?(?:\w+ )?((?:air)?strike|attack|assault|explosion|blast|"
                      r"shelling|bombing|raid|missiles?|barrage|tragedy)\b", re.IGNORECASE)
# (a weekday opening it is the incident's day told again: "The Tuesday evening attack wounded another 56"; "the
# airstrike" written as one word refers back as "the air strike" does)
# "the strike", "this attack" (not "said that Ukrainian shelling ...", where "that" opens a clause)
_DEFINITE_ANAPHOR = re.compile(_ANAPHOR.pattern.replace("(the|this|that)", "(the|this)", 1), re.IGNORECASE)
_FACILITY = re.compile(r"\b(base|barracks|hospital|theat(?:re|er)|cathedral|church|plant|station|market|hypermarket|"
                       r"supermarket|mall|convoy|institute|school|university|square|building|block|dam|bridge|port|"
                       r"depot|airport|factory|warehouse|shelter|centre|center|queue|line)\b", re.IGNORECASE)
# (not an ordinal: "the first village in the X region" is another, unnamed one)
_PLACE_ANAPHOR = re.compile(r"^\s+(?:control\s+(?:of|over)\s+|of\s+)?(?:the|this|that)\s+"
                            r"(?!(?:first|second|third|fourth|fifth|next|last|latest)\b)(?:\w+\s+)?"
                            r"(city|town|village|settlement|locality)\b",
                            re.IGNORECASE)
# between two places of one list: commas, "and", "as well as", a lead ("and the village of"), each place's own
# oblast ("A in the Donetsk region and B", "A (Donetsk region) and B", "A, Donetsk Oblast, and B"), part of the
# country ("the city of A in southern Ukraine and the city of B in the northeast") and day ("A, Donetsk Oblast on June
# 12, and B", "A in December 2023 and B in February 2024"), and names the gazetteer did not know
_COMPASS = r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?"
_LIST_TAIL = (r"(?:\s*\([^()]{1,40}\)|(?:\s+in\s+(?:the\s+)?|\s*,\s*)[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?\s+"
              r"(?i:region|oblast|province)|"
              r"\s+in\s+(?:the\s+)?(?i:" + _COMPASS + r")(?:\s+(?:part\s+of\s+(?:the\s+)?)?[A-Z][\w'’-]+)?)?"
              r"(?:\s+on\s+(?:(?:" + MONTH_NAMES + r")\s+\d{1,2}|\d{1,2}\s+(?:" + MONTH_NAMES + r"))|"
              r"\s+in\s+(?:(?:early|late|mid-?)\s*)?(?:(?:" + MONTH_NAMES + r")(?:\s+\d{4})?|\d{4}))?")
_LIST_SEP = (r"(?:\s*,\s*|\s*,?\s+and\s+|\s*,?\s+as\s+well\s+as\s+|\s+)"
             r"(?:(?:the\s+)?(?:nearby\s+)?(?i:villages?|towns?|settlements?|city|hamlets?)\s+of\s+|"
             # a sub-list headed by its oblast ("A, B and several cities in the X region - C, D and E")
             r"(?i:several|some|other|two|three|four|five|six|\d+)\s+(?:other\s+)?(?i:cities|towns|villages|"
             r"settlements)\s+in\s+(?:the\s+)?[A-Z][\w'’-]+(?:\s+(?i:region|oblast|province))?"
             r"\s*(?:[-–—:]|,?\s+(?i:including|namely))\s*)?")
_LIST_GAP = re.compile(r"^" + _LIST_TAIL + _LIST_SEP + r"(?:[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}" + _LIST_TAIL +
                       r"(?:\s*,\s*|\s*,?\s+and\s+))*$")
# a place that only locates the one before it in a list ("A, south of B, and C"): not one of the list
_LIST_DESCRIPTOR = re.compile(r"^\s*,?\s*(?:(?:just|some|about|\d+\s*(?:km|kilometres|kilometers|miles))\s+)?"
                              r"(?:(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\s+of|near|outside|close\s+to)\s+"
                              r"(?:the\s+)?(?:(?:city|town)\s+of\s+)?$", re.IGNORECASE)
_LIST_LEAD = re.compile(r"^\s*(?:(?:namely|(?:they|these|those)\s+(?:are|were|being|include[sd]?))\s*,?\s+)?(?:the\s+)?"
                        r"(?:(?:villages?|towns?|cities|city|settlements?|localities|locality|town)\s+of\s+)?$",
                        re.IGNORECASE)  # (an announced list may open with a copula: "five villages: they are A, B ...")
_ALSO = re.compile(r"\balso\b", re.IGNORECASE)
# a sentence going on with the statement before it: its speaker as a pronoun, then "also" ("It also said", "They
# further claimed")
_GOES_ON = re.compile(r"^\W*(?:it|he|she|they)\s+(?:also|further)\b", re.IGNORECASE)
# one more victim of the incident told ("Another woman was wounded.", "Another two residents died in hospital"): not
# "another" incident, unless the sentence names an attack of its own ("another strike killed a man")
# a sentence opening with a word that refers back to the time of the one before ("Then, ...", "At the time, ...")
_THEN = re.compile(r"^\W*(?:then|at (?:the|that) time|on that (?:day|night)|that (?:day|night))\b", re.IGNORECASE)
_ONE_MORE_VICTIM = re.compile(r"^\W*another\s+(?:[\w-]+\s+){0,2}?(?:man|woman|person|civilian|child|boy|girl|"
                              r"resident|pensioner|teenager|victim|people|persons|civilians|children|residents|"
                              r"\d{1,3}-year-old|"
                              # a count with no noun ("Another nine were injured")
                              r"(?:\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|[a-z]+teen|"
                              r"(?:twenty|thirty|forty|fifty)(?:[-\s][a-z]+)?)\s+(?:were|have|had|are|died)\b)\b"
                              r"(?!.*\b(?:attack|strike|shelling|explosion|bombing|raid)\b)",
                              re.IGNORECASE)
# an attack referred back to at its place ("the victims of the “barbaric” strike on X"): the incident told, whatever day
# the sentence states (the day of a mourning, a statement), unless it states a toll of its own
_BACK_REFERENCE = re.compile(r"\b(?:the|this|that|Saturday['’]s|Sunday['’]s|Monday['’]s|Tuesday['’]s|Wednesday['’]s|"
                             r"Thursday['’]s|Friday['’]s)\s+(?:[“\"‘']?[\w-]+[”\"’']?\s+){0,2}(?:strike|attack|shelling|"
                             r"bombing|raid|explosion|blast|tragedy)\s+(?:on|in|at|against)\b", re.IGNORECASE)
# a night spans two dates: "overnight", "late on Sunday" and "on Monday" may be one attack
# (a daily summary, "over the past day" / "in the last 24 hours", spans the day before the one it is dated by too)
_NIGHT = re.compile(r"\b(night|overnight|midnight|evening|dawn|early hours|late on|"
                    r"(?:over|in|during) the (?:past|last) (?:day|24 hours))\b", re.IGNORECASE)
# a day told against the day told before it ("The day before, the X region came under fire", "a day earlier", "the
# following day"): the text sets the two days apart, so a night's span does not make them one attack
_OTHER_DAY_TOLD = re.compile(r"\b(?:the\s+(?:day|night)\s+before|the\s+previous\s+(?:day|night)|a\s+day\s+(?:earlier|"
                             r"before|later)|the\s+(?:following|next)\s+(?:day|night)|the\s+day\s+after)\b",
                             re.IGNORECASE)
# what a change-of-control verb took when it was no place: people ("captured two soldiers in X"), things
# ("seized weapons in X", "captured footage of X"), or a new clause ("Captured soldiers later said ... X")
_NOT_A_PLACE_OBJECT = re.compile(
    r"\b(?:soldiers?|servicem[ae]n|troops|fighters|militants|prisoners?|POWs?|officers?|commanders?|pilots?|"
    r"civilians|people|men|women|children|residents|suspects?|spies|agents?|saboteurs?|mercenar(?:y|ies)|"
    r"weapons?|arms|ammunition|equipment|tanks?|vehicles?|documents|footage|images?|video|photos?|pictures?|"
    r"attention|imagination|hearts?|votes?|titles?|trophy|moment|mood|spirit|"
    r"said|says|told|recogni[sz]ed|reported|claimed)\b", re.IGNORECASE)
_DISTRICT_AFTER = re.compile(r"\s+(?i:district|raion|rayon|hromada|community|municipality)\b")
_DISTRICT_END = re.compile(r"\s(?i:district|raion|rayon|hromada|community|municipality)$")  # ... in the name itself
# a place that only locates what was taken ("took a village near the town of X"): X did not change hands
# ("the recapture of the village, five kilometres south of Russian-occupied X": X only locates the village)
_NEAR_OBJECT = re.compile(r"\b(?:near|outside|close\s+to|not\s+far\s+from|(?:north|south|east|west)(?:-?(?:east|west))?"
                          r"\s+of)\s+(?:the\s+)?(?:[\w-]+-(?:occupied|held|controlled)\s+)?(?:[A-Z][\w-]*['’]s\s+)?"
                          r"(?:(?:[\w-]+\s+)?(?:town|city|village|settlement|hub)\s+of\s+)?$", re.IGNORECASE)
# a settlement left unnamed as the verb's object, then more words before the place ("captured another village in its
# advance on the city of X", "took a small village on the road to X", "the first village in the region of X"): the
# place only locates it; the settlement named
# right after its noun ("the village X", "a village, X", "the village of X", "a village called X") is the object
_UNNAMED_OBJECT = re.compile(r"^\s*(?:control\s+)?(?:(?:of|over)\s+)?(?:another|an?|one\s+more|(?:the|its|their)\s+first)\s+"
                             r"(?:[\w-]+\s+)?"
                             r"(?:village|town|settlement|locality|hamlet)\b(?!\s*(?:,|\(|of\b|called\b|named\b|$))",
                             re.IGNORECASE)
# where a side is heading, or what a place lies near ("took a village on the approaches to X", "as they push towards
# X", "in the direction of X"): X is not what changed hands
# the speaker's description of the object ("took control of what it described as the key hub of X"): its "as" is no
# conjunction ("the ridge, known as a height over X" is another object: not this)
_NAMED_AS = re.compile(r"\bwhat\s+(?:[\w'’-]+\s+){1,3}?(?:described|characteri[sz]ed|referred\s+to|termed)\s+as\b",
                       re.IGNORECASE)
# where ground was gained towards, not at ("advanced two kilometres towards X": X is the goal, kilometres away)
_HEADING = re.compile(r"\b(?:towards?|in the direction of|on the way to|en route to)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}$",
                      re.IGNORECASE)
_TOWARDS = re.compile(r"\b(?:towards?|toward|in the direction of|approach(?:es|ing)?\s+(?:to\s+)?|outskirts of|"
                      r"on the way to|en route to)\b", re.IGNORECASE)
# a settlement the gazetteer does not know, then its district ("the village of X in the Y district"): Y only locates X
_LOCATOR_OF_UNNAMED = re.compile(r"\b(?i:villages?|towns?|settlements?|hamlets?)\s+of\s+[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?"
                                 r"\s+in\s+(?:the\s+)?$")
# the place the article is about, as the subject pronoun of a passive ("It was captured in 2022 but retaken by X")
_IT_PASSIVE = re.compile(r"\W*It\s+(?:was|had\s+been|has\s+been)\s+(?:\w+ly\s+)?\w+(?:ed|en)\b")
# a place in apposition that only locates the one before it ("A, a city upriver from B"; ``_without_locators``)
_APPOSITION_LOCATOR = re.compile(r"^,\s+(?:a|an|the)\s+(?:[\w'’-]+\s+){0,4}?(?:city|town|village|settlement|port|hamlet)"
                                 r"\s+(?:[\w'’-]+\s+){0,4}?(?:from|of|near|outside)\s+(?:the\s+)?"
                                 r"(?:(?:city|town|village)\s+of\s+)?$", re.IGNORECASE)
# the object of a change of control told by a pronoun ("liberated them in 2022"): the sentence's subject
_PRONOUN_OBJECT = re.compile(r"\s+(?:it|them)\b(?!\s+(?:was|is|has|had|would|will|of)\b)", re.IGNORECASE)
# where a withdrawing side goes ("withdrew to the X", "pulled back towards X"): not the place it gives up
_DESTINATION = re.compile(r"^\W*(?:to|towards|toward|into|behind)\b", re.IGNORECASE)
# a person as the subject of a passive change of control ("a soldier who was captured at X")
_NOT_A_PLACE_SUBJECT = re.compile(r"\b(?:who|whom)\b", re.IGNORECASE)
_BODIES = re.compile(r"\b(bodies|corpses|graves?|buried|exhum\w*|mass (?:burial|grave))", re.IGNORECASE)


@dataclass
class _Sentence:
    index: int
    start: int
    end: int
    para: int
    text: str
    triggers: list[Trigger]
    figures: list[Figure]
    points: list[Place]  # usable towns, villages, landmarks
    oblasts: list[Place]  # usable admin-1 units
    date: EventDate | None  # the date it states for what it reports
    separate: bool
    claimant: str | None
    earlier: bool = False  # it tells of an earlier period ("last year", "in an April 2022 strike": ``earlier_period``)
    titled: list[Place] = field(default_factory=list)  # admin-1 units named only in an official's title (``title_unit``)

    @property
    def regions(self) -> set[str]:
        """The admin-1 units the sentence tells of: its towns' and oblasts', else the one its official speaks for
        ("the X governor said two were injured": a region's official tells of the region)."""
        if self.points or self.oblasts:
            return {p.admin1_code for p in (*self.points, *self.oblasts) if p.admin1_code}
        return {p.admin1_code for p in self.titled if p.admin1_code}

    @property
    def strikes(self) -> list[Trigger]:
        return [t for t in self.triggers if not t.control]

    @property
    def content(self) -> bool:
        return bool(self.strikes) or any(f.role != "zero" for f in self.figures)


@dataclass
class _Incident:
    sentences: list[_Sentence] = field(default_factory=list)
    support: list[_Sentence] = field(default_factory=list)  # sentences that only refer back to it
    parts: list[_Sentence] = field(default_factory=list)  # a sub-count told at a doubtful namesake (``_part_of``)
    date: EventDate | None = None
    dated_by: _Sentence | None = None  # the sentence that states ``date``
    nouns: set[str] = field(default_factory=set)
    some_hurt: bool = False  # the injured are told with no number while it is told ("several were injured")

    @property
    def figures(self) -> list[tuple[Figure, str | None]]:
        return [(f, s.claimant) for s in self.sentences for f in s.figures]

    @property
    def points(self) -> list[Place]:
        return [p for s in self.sentences for p in s.points]

    @property
    def strikes(self) -> list[Trigger]:
        return [t for s in self.sentences for t in s.strikes]

    def toll(self, kind: str) -> int | None:
        # the figures that cannot be the incident's (a wider sum) are no victims "another" one is told after
        wider = {start for k in ("killed", "injured") for start in _wider_sums(self, k) | _unanchored_outliers(self, k)}
        own = sorted((f for f, _c in self.figures if f.start not in wider), key=lambda f: f.start)
        figs = [f for f in _contrasted(own) if f.kind == kind]
        if kind == "injured" and self.some_hurt:
            figs = _without_treated_parts(figs)
        if _earlier(self):  # "Last year, a bombing at the station killed 63": that earlier incident's own toll
            figs = [replace(f, role="total") if f.role == "background" else f for f in figs]
        return toll(figs)


def _wider_sums(inc: _Incident, kind: str) -> set[int]:
    """Where the totals of ``kind`` told of a wider unit only stand (offsets): in an incident at a town, a sentence
    naming only its oblast ("a strike on the X region killed 20") tells the region's sum when a sentence at the town
    itself, or at no place, states a total of its own ("18 were killed in the city"), or a sentence at the town counts
    its victims one by one ("a man was killed in the town"); a sentence naming only several
    oblasts ("four were wounded in attacks on the X and Y regions") tells a sum over them, never the town's toll."""
    if not inc.points:
        return set()
    wider = {f.start for s in inc.sentences if s.oblasts and not s.points for f in s.figures
             if f.kind == kind and f.role == "total"}
    regions = {f.start for s in inc.sentences if not s.points and len({o.admin1_code for o in s.oblasts}) > 1
               for f in s.figures if f.kind == kind}
    own = [f for s in inc.sentences if s.points or not s.oblasts for f in s.figures
           if f.kind == kind and (f.role == "total" or f.role == "individual" and s.points)]
    if not wider or not own:
        return regions
    return wider


def _anchored(sent: _Sentence) -> bool:
    """Whether a sentence ties its figures to an incident: it tells of an attack or names a place."""
    return bool(sent.strikes or sent.points or sent.oblasts)


def _unanchored_outliers(inc: _Incident, kind: str) -> set[int]:
    """Where the totals of ``kind`` that cannot be the incident's stand (offsets): told in a sentence with no attack
    and no place, not worded as an update, at least ``toll_outlier_min`` and over ``toll_outlier_ratio`` times every
    total of that kind the incident's anchored sentences state ("13 were injured in the strike ... more than 7,000 civilians have been
    injured since the war began"): a sum of the war or of a wider area, kept as a claim; empty without anchored
    totals."""
    anchored = [f.value for s in inc.sentences if _anchored(s) for f in s.figures
                if f.kind == kind and f.role == "total"]
    if not anchored:
        return set()
    bound = max(WEIGHTS.toll_outlier_ratio * max(anchored), WEIGHTS.toll_outlier_min - 1)
    return {f.start for s in inc.sentences if not _anchored(s) for f in s.figures
            if f.kind == kind and f.role == "total" and not f.update and f.value > bound}


def _contrasted(figs: list[Figure]) -> list[Figure]:
    """``figs`` (in text order) with each victim told as "another" first, or right after a victim of the other kind, no
    longer one more of its own kind: "another resident was killed" opening an incident's count is set against victims
    told elsewhere; "A man died. Another man was injured." sets the injured man against the dead one, as
    "killed one and injured another" does inside a sentence (``figures._other_kind_increments``); and an increment
    after figures of the other kind only a total ("A man died. Five more people were injured.": five injured)."""
    out: list[Figure] = []
    for fig in figs:
        before = next((f for f in reversed(out) if f.role != "zero"), None)
        if fig.additional and (before is None or before.kind != fig.kind):
            fig = replace(fig, additional=False)
        if fig.role == "increment" and before is not None and \
                not any(f.kind == fig.kind and f.role != "zero" for f in out):
            fig = replace(fig, role="vague" if _VAGUE_PLURAL.search(fig.text) else "total")
        out.append(fig)
    return out


def toll(figs: list[Figure]) -> int | None:
    """The toll one article gives for one incident from its figures of one kind (module docstring)."""
    for roles, exact_first in ((("total",), True), (("observation",), False)):
        chosen = _without_groups([f for f in figs if f.role in roles])
        if exact_first and any(not f.approximate for f in chosen):
            chosen = [f for f in chosen if not f.approximate]
        if chosen:
            updates = [f for f in chosen if f.update]
            return max(f.value for f in updates or chosen)
    individuals = count_individuals(figs)  # "a woman died" is 1, "a man and his wife" 2
    increments = [f.value for f in figs if f.role == "increment"]
    if individuals is not None:
        # "A man was injured. Later a drone hit a car, injuring two more": the victims told one by one and the more
        # told after them, with no total stated (an increment is never added to a total)
        return individuals + sum(f.value for f in figs if f.role == "increment" and
                                 f.start > min(g.start for g in figs if g.role == "individual"))
    if increments:
        return max(increments)
    if any(f.role == "zero" for f in figs):
        return 0
    return None


def _without_treated_parts(figs: list[Figure]) -> list[Figure]:
    """``figs`` (injured, of an incident that tells its injured with no number: "several people were injured") but
    the totals of those treated when every total is one ("two were taken to hospital"): those treated are a part of
    the injured, as a sub-count is, so the incident states no toll of its injured. A total told as such ("nine were
    injured ... four were hospitalised") keeps them all, as it is the toll."""
    totals = [f for f in figs if f.role == "total"]
    if not totals or not all(treated(f) for f in totals):
        return figs
    return [f for f in figs if not (f.role == "total" and treated(f))]


def _without_groups(totals: list[Figure]) -> list[Figure]:
    """``totals`` but those of one group of the population ("five children were killed") below a total of all the
    victims: a part of that toll, even told as the latest news ("the number rose to 50, and five children were
    killed"); the documented rule that a sub-count is no total, where no "including" says so."""
    whole = [f.value for f in totals if not f.group]
    if not whole:
        return totals
    return [f for f in totals if not f.group or f.value >= max(whole)]


# -- sentences and places ----------------------------------------------------------------------
# two sentences glued with no space after the full stop, as copied pages often join them ("reported on Sunday.A
# further 10 were injured"): a word of three letters or more ending in lower case, not an abbreviation, its stop, then
# a capitalised word (a capital and a lower-case letter, or a one-letter word: "A", "I"), a quotation mark may open it
# ('shells."The liberation ...'). Not an initial
# ("U.S.Embassy"), a short abbreviation ("St.Petersburg", "Mr.Smith"), a web address ("pravda.com.ua") nor a decimal.
_GLUED = re.compile(r"(?<![\w.@/-])(?P<word>[A-Za-z]*[a-z]{3})[.!?](?=[\"“]?[A-Z](?:[a-z]+\b|\s))")
_NOT_A_STOP = frozenset("gen col capt sgt maj lieut prof rev gov sen rep corp dept ave blvd jan feb mar apr jun jul aug "
                        "sep sept oct nov dec etc vol approx incl est".split())


def _glued_starts(text: str) -> list[int]:
    """Where a sentence glued to the one before starts (``_GLUED``)."""
    if "." not in text and "!" not in text and "?" not in text:
        return []
    return [m.end() for m in _GLUED.finditer(text) if m.group("word").lower() not in _NOT_A_STOP]


def split_sentences(text: str) -> list[tuple[int, int, int]]:
    """(start, end, paragraph) of every sentence in the article's content (with those glued to the one before
    apart: ``_GLUED``)."""
    starts = sentence_starts(text)
    glued = _glued_starts(text)
    if glued:
        starts = sorted({*starts, *glued})
    spans = []
    for para, (pstart, pend) in enumerate(content_ranges(text)):
        cuts = [c for c in starts[bisect.bisect_right(starts, pstart):bisect.bisect_left(starts, pend)]
                if not cut_in_date(text, c)]
        bounds = [pstart, *cuts, pend]
        for s, e in zip(bounds, bounds[1:]):
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                spans.append((s, e, para))
    return spans


def _capital(place: Place) -> bool:
    """A national capital, from the place's structured fact (never from its rendered reason)."""
    return bool(place.capital)


def usable(place: Place, text: str) -> bool:
    """A place an incident may be located at: not a dateline, an official's title, a metonym or an organisation."""
    kind = place.feature_kind
    if kind not in POINT_KINDS and kind != "admin1":
        return False
    after = text[place.end:place.end + 80]
    before = text[max(0, place.start - 40):place.start]
    line_start = text.rfind("\n", 0, place.start) + 1
    # (a hash sign may open the line: "#KYIV Rockets hit ..." is a dateline too)
    if text[line_start:place.start].strip().rstrip("#") == "" and (place.text.isupper() and len(place.text) > 3
                                                          or _DATELINE_AFTER.match(after) and
                                                          re.match(r"^\s*(?:\[[^\]]*\]\s*)?,?\s*\(?\s*[A-Z]", after)
                                                          and not after.lstrip().startswith(", a")):
        return False
    if len(before) >= 2 and before[-1] in _HYPHENS and before[-2].isalpha():
        return False  # "Novhorod-Siverska" read from its second part alone: part of another compound name
    if _TITLE_AFTER.match(after) or _TITLE_BEFORE.search(before) or _ORG_BEFORE.search(before) or \
            masthead_cue(text, place.end):
        return False  # (a masthead: "the X Times", the outlet, a source; the geoparser's cue)
    if kind in POINT_KINDS and (_capital(place) or kind == "landmark") and \
            (_AGENT_AFTER.match(after) or _POSSESSIVE.match(after)):
        return False
    if kind in POINT_KINDS and (_capital(place) or kind == "landmark") and _STATE_ACTS_AFTER.match(after):
        return False  # "Kyiv has hit several energy sites": the state as the one who strikes
    if kind in POINT_KINDS and _capital(place) and _AGENT_BEFORE.search(before):
        return False  # "regions occupied by Moscow": the state as the agent, not a place
    if kind in POINT_KINDS and _capital(place) and (_BETWEEN_STATES.search(before) or _LOCAL_TIME_AFTER.match(after) or
                                                     _BETWEEN_FIRST.search(before) and _AND_NAME_AFTER.match(after)):
        return False  # "talks between Moscow and Kyiv": the two states; "03:00 Moscow time": a clock
    if _STREET_AFTER.match(after):
        return False  # "on X Street": a street named after a place, not the place
    if _SET_ASIDE_BEFORE.search(before):
        return False  # "In addition to A, B was hit": A is told before, the sentence tells of B
    if _PARTISAN_BEFORE.search(before):
        return False  # "pro-Moscow separatists": the place as a side
    if kind in POINT_KINDS and (_capital(place) or kind == "landmark") and _SEAT_BEFORE.search(before):
        return False  # "a visit to Kyiv", "supplied to Kyiv by the West": the seat of a visit or of the state
    if _ATTRIBUTE_AFTER.match(after):
        return False  # "Moscow-annexed Crimea": the place as an attribute
    if kind in POINT_KINDS and (_capital(place) or kind == "landmark") and \
            (_SOURCE_BEFORE.search(before) or _PERFECT_AGENT_AFTER.match(after)):
        return False
    if kind in POINT_KINDS and _STREET_AFTER.match(after):
        return False  # "the building on X Street": a street named after the town, in another town
    if kind in POINT_KINDS and _AXIS_AFTER.match(after):
        return False  # "in the X direction", "on the X front": a sector of the front named after a town, not the town
    bank = bank_cue(text, place.start)
    if bank is not None and bank.side:
        return False  # "withdrew to the left bank of the X": X is the river, not its namesake town
    if (_TREATED_BEFORE.search(before) and
            not _STRUCK_HOSPITAL_BEFORE.search(text, max(0, place.start - 100), place.start)) or \
            _HOSPITAL_AFTER.match(after):
        return False  # "evacuated to hospitals in X": where the wounded are treated (not "hit a hospital in X")
    if _ORIGIN_BEFORE.search(text, max(0, place.start - _ORIGIN_WINDOW_CHARS), place.start):
        return False  # "launched glide bombs from X airspace": where the strike came from
    if _WEAPON_AFTER.match(after):
        return False  # "Adler and RM-70 multiple launch rocket systems": a weapon named after a place
    home = _HOME_BEFORE.search(text, max(0, place.start - 80), place.start)
    if home and not _MOVED_OUT.search(text, max(0, home.start() - 60), home.start()):
        return False  # "a man and a woman from the X region were killed": where the victims live, not the attack
    return True


# a regional official's title after a town's name ("the X governor", "X regional governor", "X Oblast military
# administration"): the official speaks for the town's admin-1 unit (a mayor, a city council speaks for the town)
_REGIONAL_TITLE_AFTER = re.compile(r"^(?:['’]s)?\s+(?:(?:acting|deputy)\s+)?(?:(?:regional|oblast|region|provincial|"
                                   r"province)\s+(?:(?:military|civil|civil-military|state)\s+){0,2}(?:governor|"
                                   r"administration|head|chief|authorities|officials?)|governor)\b", re.IGNORECASE)


# a city's own official ("the Kharkiv mayor", "the head of the Kyiv City Military Administration", "the mayor of X",
# "X's city council"): they speak for the city, where what they report happened when the sentence names no other place
_CITY_TITLE_AFTER = re.compile(r"^(?:['’]s)?\s+(?:(?:city|town|municipal)\s+(?:(?:military|civil|civil-military|state)\s+){0,2}"
                               r"(?:administration|council|head|chief|authorities|officials?|mayor)|mayor)\b",
                               re.IGNORECASE)
_CITY_TITLE_BEFORE = re.compile(r"\bmayor\s+of\s+(?:the\s+)?(?:(?:city|town)\s+of\s+)?$", re.IGNORECASE)


def _tolled(figs: list[Figure]) -> bool:
    """Whether figures state victims (a total or a victim told one by one): what a city's official tells of the city
    (``title_unit``); a strike alone in their words may be anywhere they speak of."""
    return any(f.role in ("total", "individual") for f in figs)


def title_unit(place: Place, text: str) -> Place | None:
    """The unit an official's title names ("the Oryol region governor", "the governor of the X region",
    "the X governor"): an oblast in a title, or a town before a regional title read as its unit, or a city its own
    official speaks for ("the X mayor", "the X City Military Administration"); None otherwise.
    Never where an incident is placed when the text names a place of its own (``usable``); a region's official
    telling of casualties with no other place tells of the region (``_Sentence.regions``)."""
    if place.admin1_code is None:
        return None
    after = text[place.end:place.end + 80]
    if place.feature_kind == "admin1":
        before = text[max(0, place.start - 40):place.start]
        return place if _TITLE_AFTER.match(after) or _TITLE_BEFORE.search(before) else None
    if place.feature_kind == "city" and _REGIONAL_TITLE_AFTER.match(after):
        return replace(place, name=place.admin1_name or place.name, geonameid=None, feature_kind="admin1",
                       capital=False, approx_point=False)
    if place.feature_kind == "city" and (_CITY_TITLE_AFTER.match(after) or
                                         _CITY_TITLE_BEFORE.search(text, max(0, place.start - 40), place.start)):
        return place  # the city's own official: the city
    return None


def _precision(place: Place, text: str) -> int:
    if place.feature_kind == "admin1" or place.precision == "admin1":
        return 3  # an oblast, or a settlement the gazetteer lacks placed at its oblast's seat
    if place.approx_point or place.precision == "admin2":
        return 2  # a village at its hromada's centre, or a rural district at its seat: ACLED's "part of a district"
    return 2 if _NEAR.search(text[max(0, place.start - 40):place.start]) else 1


def km(a: Place, b: Place) -> float:
    """Great-circle distance between two places, in km (geopy's formula, as the geoparser measures distances)."""
    return great_circle_km(a.lat, a.lon, b.lat, b.lon)


def same_place(a: Place, b: Place) -> bool:
    """Same settlement under any spelling: same gazetteer entry, or points within ``merge_km``, or, for a
    settlement the gazetteer lacks (placed at its oblast's seat, a point that is not its own), its name in its
    oblast however spelt (``same_name``). Two names at one seat may still be two villages: ``distinct_settlements``."""
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return True
    if a.feature_kind == "admin1" or b.feature_kind == "admin1":
        return a.feature_kind == b.feature_kind and a.admin1_code == b.admin1_code
    if (seat_only(a) or seat_only(b)) and a.admin1_code == b.admin1_code and same_name(a, b):
        return True
    return km(a, b) <= WEIGHTS.merge_km


def names_settlement(event: Event) -> bool:
    """Whether an event's place is a town, village or landmark, not only its oblast (a settlement the gazetteer
    lacks is one, though placed at its oblast's seat and so of an oblast's ``geo_precision``)."""
    return event.place is not None and event.place.feature_kind != "admin1"


def seat_only(place: Place) -> bool:
    """A settlement the gazetteer lacks, placed at its oblast's seat: where it lies is not known."""
    return place.precision == "admin1" and place.feature_kind != "admin1"


def same_name(a: Place, b: Place) -> bool:
    """Whether two places' names (as resolved or as written) are one name spelt in two traditions
    (``translit.spelling_key``: Lisne Druhe / Lesnoye Vtoroye)."""
    keys = {spelling_key(a.name), spelling_key(a.text)}
    return spelling_key(b.name) in keys or spelling_key(b.text) in keys


def distinct_settlements(a: Place, b: Place) -> bool:
    """Two towns or villages the gazetteer names differently, further apart than a duplicate entry.

    A list of villages ("X, Y and Z were liberated") names neighbours a few km apart: each is its
    own change of control, however close (``same_place``'s distance is for one settlement spelt
    two ways, which the gazetteer resolves to one canonical name).
    """
    if a.feature_kind != "city" or b.feature_kind != "city" or a.name == b.name:
        return False
    if a.geonameid is not None and a.geonameid == b.geonameid:
        return False
    if seat_only(a) or seat_only(b) or a.approx_point or b.approx_point:
        # a name at a borrowed point (its oblast's seat, its hromada's centre): apart from another name, however close
        return not same_name(a, b)
    return km(a, b) > WEIGHTS.duplicate_entry_km


def _ratio_ok(a: int, b: int, ratio: float) -> bool:
    lo, hi = sorted((a, b))
    return hi == 0 or lo / hi >= ratio or hi - lo <= WEIGHTS.toll_abs_compatible


def one_sense(places: list[Place], text: str) -> list[Place]:
    """``places`` with each settlement read as the mention the text locates (``_stated_unit``: "the village of Y in the
    X region") where another mention of the same written name was read elsewhere: one name written the same way in
    one article is one place (the geoparser may read a mention with less context as a namesake abroad). A name read
    in several admin-1 units, only one of which the article names ("the Donetsk region"), is read there everywhere.
    Names no mention locates are left as they are."""
    ordered = sorted(places, key=lambda p: p.start)
    units = [p for p in ordered if p.feature_kind == "admin1" and p.admin1_code]
    anchors: dict[str, Place] = {}
    for p in ordered:
        if p.feature_kind in POINT_KINDS and p.feature_kind != "landmark" and p.text not in anchors and \
                (stated := _stated_unit(p, units, text)) is not None and stated.admin1_code == p.admin1_code:
            anchors[p.text] = p
    named = {u.admin1_code for u in units}
    readings: dict[str, dict[str | None, Place]] = {}  # written name -> its first reading in each admin-1 unit
    for p in ordered:
        if p.feature_kind in POINT_KINDS and p.feature_kind != "landmark":
            readings.setdefault(p.text, {}).setdefault(p.admin1_code, p)
    for written, by_unit in readings.items():
        in_named = [p for code, p in by_unit.items() if code in named]
        if written not in anchors and len(by_unit) > 1 and len(in_named) == 1:
            anchors[written] = in_named[0]  # read in a unit the article names, and elsewhere: the named unit's
    if not anchors:
        return places
    return [replace(anchors[p.text], start=p.start, end=p.end, text=p.text)
            if p.text in anchors and p.feature_kind in POINT_KINDS and p.admin1_code != anchors[p.text].admin1_code
            else p for p in ordered]


# -- the article ------------------------------------------------------------------------------
# a word of an attack, read or not as a trigger ("the Russians hit the mall with two missiles"): a sentence of an
# earlier year's place that has one tells of that year's incident, not of the place's history in general
_ATTACK_WORD = re.compile(r"\b(?:hit|struck|strikes?|attack\w*|shell\w*|bomb\w*|missiles?|drones?|rockets?|kill\w*)\b",
                          re.IGNORECASE)


def read_sentences(text: str, places: list[Place], published: EventDate) -> list[_Sentence]:
    """Read each sentence once."""
    ordered, titles = [], []
    for p in sorted(places, key=lambda p: p.start):
        if usable(p, text):
            ordered.append(p)
        elif (unit := title_unit(p, text)) is not None:
            titles.append(unit)
    ordered = _without_pairs(_without_contradicted(ordered, places), places, text)
    starts = [p.start for p in ordered]
    title_starts = [p.start for p in titles]
    out: list[_Sentence] = []
    previous_claimant = previous = None
    default_claimant = source_line(text)
    captions: list[int] = []  # photo captions that date their picture (``_earlier_caption``)
    last: tuple[int, str] | None = None  # the sentence before and its paragraph (``_day_of_its_own``)
    told_before = False  # the sentence before tells of a place or an incident of an earlier period (``earlier_period``)
    last_day: EventDate | None = None  # the day the last sentence stating one stated (``same_day``)
    for i, (s, e, para) in enumerate(split_sentences(text)):
        sentence = text[s:e]
        here = ordered[bisect.bisect_left(starts, s):bisect.bisect_left(starts, e)]
        trig = triggers(sentence)
        figs = figures(sentence, s, scoped=continues_aggregate(previous, sentence))
        previous = sentence
        if not trig and not figs and not here:
            out.append(_Sentence(i, s, e, para, sentence, [], [], [], [], None, False, None))
            last, told_before = (para, sentence), False
            continue
        who = claimant(sentence, previous_claimant) if (trig or figs) else None
        if who:
            previous_claimant = who
        date = explicit_date(sentence, published) if (trig or figs) else None
        if (trig or figs) and last is not None and \
                (before_day := day_before(explicit_date(last[1], published), sentence, published)) is not None:
            date = before_day  # "Rockets hit A on Thursday. The day before, ...": the day before the one told
        if trig and _after_page(date, published):
            # "X will keep working despite an attack on Saturday": a future reading of the sentence's other clause;
            # what happened is dated in its own clause
            date = explicit_date(sentence[clause_start(sentence, trig[0].start):], published)
        before = bool(trig or figs) and earlier_period(sentence, published)
        if date is None and (trig or figs) and last is not None and not before:
            # "... on 5 December. Another drone set a tank on fire the following day": counted from the day before
            date = day_after(explicit_date(last[1], published), sentence, published)
        if date is None and (trig or figs) and not before:
            date = same_day(last_day, sentence)  # "... A drone struck a car the same evening": the day told last
        if date is None and (trig or figs) and last is not None and not before and \
                (last[0] == para or last[0] == para - 1 and _GOES_ON.match(sentence)):
            # "On May 3, shells hit homes. The centre was also hit."; "The statement on Saturday said ... ¶ It also
            # said ...": the speaker goes on in a paragraph of its own (a wire story's one-sentence paragraphs)
            date = _day_of_its_own(last[1], published)
        last = (para, sentence)
        if date is not None and date.precision == 1 and date.date is not None:
            last_day = date
        if not before and (trig or figs) and date is None and not here and out and out[-1].para == para and \
                (out[-1].earlier or told_before or _THEN.match(sentence) and earlier_period(out[-1].text, published)):
            # "In 2022 a strike hit X. Four people were injured.", "On this day in 2022, X was hit. Then, 21 were
            # killed.": it goes on about the earlier period (told of a place, even with no trigger read there); "Then,
            # ..." refers to the time of the sentence before, whatever it tells
            before = True
        told_before = before or bool(here) and bool(_ATTACK_WORD.search(sentence)) and earlier_period(sentence, published)
        if _dated_caption(text, s, date, published):
            captions.append(len(out))
        here = [_as_unit(p, text) for p in here]
        here = [_in_stated_unit(p, here, text) for p in here]
        out.append(_Sentence(i, s, e, para, sentence, trig, figs, _without_locators(
                             [p for p in here if p.feature_kind in POINT_KINDS], text,
                             [p for p in here if p.feature_kind == "admin1"]),
                             [p for p in here if p.feature_kind == "admin1"],
                             date, separate(sentence) and not _ONE_MORE_VICTIM.search(sentence),
                             who or (default_claimant if figs else None), before,
                             [u for u in titles[bisect.bisect_left(title_starts, s):bisect.bisect_left(title_starts, e)]
                              if u.feature_kind == "admin1" or _tolled(figs)]))
    _earlier_captions(out, captions)
    _restated_aggregates(out)
    _quarters_of_the_city(out, text)
    return out


_QUARTER_WORD_AFTER = re.compile(r"\s+(?i:district|neighbou?rhood|quarter|microdistrict)\b")
# a city district's name is an adjective ("Shevchenkivskyi", "Dniprovskyi", "Industrialnyi"); a rural district written
# by its seat's name ("the X district" of a town) is a place of its own, and one written as an adjective is an admin-2
# unit in the gazetteer, not a city
_QUARTER_NAME = re.compile(r"(?:[sc]k|n)(?:yi|iy|yy|y|ii)$", re.IGNORECASE)
QUARTER_LOOKBACK_PARAGRAPHS = 2  # how many paragraphs back the city a district is named of may stand


def _quarters_of_the_city(sentences: list[_Sentence], text: str) -> None:
    """A district named as such ("in the X district") that the gazetteer places in another oblast, far from the city
    the article told last, while it names no other place: the city's own district (big cities share their districts'
    names: many have a Shevchenkivskyi or a Dniprovskyi one), told at the city (in place). Only a name read as a
    city's (an adjective, ``_QUARTER_NAME``, of a city-kind entry): a rural district is a place of its own."""
    city: Place | None = None
    city_para = -1
    for sent in sentences:
        if city is not None and sent.para - city_para > QUARTER_LOOKBACK_PARAGRAPHS:
            city = None
        quarters = [p for p in sent.points if _QUARTER_WORD_AFTER.match(text, p.end) and _QUARTER_NAME.search(p.text)
                    and p.feature_kind == "city"]
        if city is not None and quarters and len(quarters) == len(sent.points) and not sent.oblasts and \
                all(q.admin1_code != city.admin1_code and km(q, city) > WEIGHTS.consolidate_quarter_km
                    for q in quarters):
            sent.points = [replace(city, start=q.start, end=q.end, text=q.text) for q in quarters]
            continue
        towns = [p for p in sent.points if p.feature_kind == "city" and not _QUARTER_WORD_AFTER.match(text, p.end)]
        if towns:
            city, city_para = towns[-1], sent.para


DISTRICT_CONTEXT_CHARS = 80  # how far before a settlement the district locating it may stand ("in the X district,
# near the village of Y")


def _without_contradicted(points: list[Place], places: list[Place]) -> list[Place]:
    """``points`` without settlements their own district contradicts: a town resolved into a region the article never
    names, right after a district (admin-2 unit) of the same country in a region it does name ("in the Xsky district,
    near the village of Y", Y read as a namesake far off): the geoparser took a namesake of a village it does not
    know; the incident stays in the district's region (told by its other places or its oblast)."""
    named = {p.admin1_code for p in places if p.feature_kind == "admin1" and p.admin1_code}
    districts = [p for p in places if p.feature_kind == "admin2" and p.admin1_code in named]
    if not districts:
        return points
    return [p for p in points if p.feature_kind != "city" or p.admin1_code in named or not any(
        d.country_code == p.country_code and d.admin1_code != p.admin1_code and
        0 <= p.start - d.end <= DISTRICT_CONTEXT_CHARS for d in districts)]


# two place names joined by a hyphen ("the A-B border area", "the A-B highway"): a border, road or relation between
# them, not either place
_HYPHEN_GAP = re.compile(r"^[-‐‑–]$")
# two national capitals joined ("officials in A and B blamed each other"): the two states, not two places
_CAPITALS_GAP = re.compile(r"^\s+(?:and|or|&)\s+$")


def _paired(a: Place, b: Place, text: str) -> bool:
    """Whether ``a`` and ``b`` (``a`` named first) are named as one pair: a hyphen compound of two places, or two
    national capitals of different countries joined by "and"/"or" (``_HYPHEN_GAP``, ``_CAPITALS_GAP``)."""
    gap = text[a.end:b.start]
    if _HYPHEN_GAP.match(gap):
        return True
    return a.capital and b.capital and a.country_code != b.country_code and bool(_CAPITALS_GAP.match(gap))


def _without_pairs(points: list[Place], places: list[Place], text: str) -> list[Place]:
    """``points`` without the places named as one of a pair with the place next to them (``_paired``): "the
    A-B border area" is neither A nor B; "officials in A and B", the capitals of two states, are the states."""
    ordered = sorted(places, key=lambda p: p.start)
    paired = {(p.start, p.end) for a, b in zip(ordered, ordered[1:]) if _paired(a, b, text) for p in (a, b)}
    return [p for p in points if (p.start, p.end) not in paired] if paired else points


# a district located in a named unit ("the X district in Kursk"): a district lies in a region, not in a city
_DISTRICT_IN = re.compile(r"\b(?:districts?|raions?|rayons?)\s+(?:in|of)\s+$", re.IGNORECASE)


# an oblast named by its centre after the unit's word ("the region of Kherson", "the Russian border region of Kursk")
_REGION_OF = re.compile(r"\b(?:region|oblast|province)\s+of\s+$", re.IGNORECASE)


def _as_unit(place: Place, text: str) -> Place:
    """An oblast's eponymous centre named as where a district lies (``_DISTRICT_IN``) or after the unit's word ("the
    region of X": ``_REGION_OF``) as the oblast itself, and so is
    a town written with its oblast's name where that is not the town's own (a centre renamed since: the oblast keeps
    the old name, "Dnipropetrovsk" is the oblast, the city is Dnipro); any other place as it is."""
    if place.feature_kind != "city" or not place.admin1_name:
        return place
    if place.name == place.admin1_name and (_DISTRICT_IN.search(text, max(0, place.start - 40), place.start) or
                                            _REGION_OF.search(text, max(0, place.start - 40), place.start)) or \
            spelling_key(place.name) != spelling_key(place.admin1_name) and \
            spelling_key(place.text) == spelling_key(place.admin1_name):
        return replace(place, feature_kind="admin1", name=place.admin1_name)
    return place


# a place in apposition giving where the place before it lies ("over the A region, southeast of B", "A, 30 km north of
# B"): B only locates A
_BEARING_LOCATOR = re.compile(r"^\s*,\s+(?:(?:about|some|around|roughly|just|\d+(?:[.,]\d+)?)\s+)?(?:(?:km|kilometres|"
                              r"kilometers|miles)\s+(?:\([^()]{1,20}\)\s+)?)?(?:(?:north|south|east|west)(?:-?(?:east|west))?"
                              r"(?:ern)?\s+of|from|outside)\s+(?:the\s+)?(?:(?:city|town|capital)\s+of\s+)?$", re.IGNORECASE)


# the oblast a text gives a settlement, right before or after it ("the X Oblast village of Y", "Y, X Oblast", "Y (X
# region)", "Y in the X region"): the gap between the two names (the unit's word may be part of the unit's mention)
_UNIT_BEFORE_GAP = re.compile(r"\s+(?:(?:region|oblast|province)['’]?s?\s+)?(?:(?:border|frontline|front-line|occupied|"
                              r"eastern|western|northern|southern)\s+)?(?:village|town|city|settlement|hamlet)\s+of\s+$",
                              re.IGNORECASE)
_UNIT_AFTER_GAP = re.compile(r"^(?:\s*,\s*|\s*\(\s*|\s+in\s+(?:the\s+)?(?:[\w-]+\s+)?)$", re.IGNORECASE)
_UNIT_WORD_NEXT = re.compile(r"\s+(?:region|oblast|province)\b", re.IGNORECASE)
_UNIT_WORD_END = re.compile(r"\b(?:region|oblast|province)$", re.IGNORECASE)
STATED_UNIT_CHARS = 60  # how far apart a settlement and the oblast the text gives it may stand


def _stated_unit(place: Place, units: list[Place], text: str) -> Place | None:
    """The admin-1 unit the text gives a settlement right before or after it (``_UNIT_BEFORE_GAP``,
    ``_UNIT_AFTER_GAP``: "the X Oblast village of Y", "Y in the X region"), None when it gives none."""
    for unit in units:
        if unit.feature_kind != "admin1" or unit.admin1_code is None or \
                abs(unit.start - place.start) > STATED_UNIT_CHARS + len(unit.text):
            continue
        worded = bool(_UNIT_WORD_END.search(unit.text))
        if unit.end <= place.start and _UNIT_BEFORE_GAP.match(text, unit.end, place.start) and \
                (worded or re.match(r"\s+(?:region|oblast|province)", text[unit.end:place.start], re.IGNORECASE)) or \
                place.end <= unit.start and _UNIT_AFTER_GAP.match(text[place.end:unit.start]) and \
                (worded or _UNIT_WORD_NEXT.match(text, unit.end)):
            return unit
    return None


def _in_stated_unit(place: Place, here: list[Place], text: str) -> Place:
    """A settlement the geoparser resolved outside the oblast the text gives it (``_stated_unit``) as that oblast: the
    text says where it lies, the gazetteer read a namesake elsewhere; a coarser place than a wrong town. Any other
    place as it is."""
    if place.feature_kind not in POINT_KINDS:
        return place
    unit = _stated_unit(place, here, text)
    if unit is None or lies_in_unit(place.admin1_code, unit.admin1_code):
        return place  # (a city-region in the region around it is no namesake: "Sevastopol, Crimea")
    return replace(place, name=unit.name, admin1_code=unit.admin1_code, admin1_name=unit.admin1_name,
                   country_code=unit.country_code, lat=unit.lat, lon=unit.lon, geonameid=None, feature_kind="admin1",
                   capital=False, approx_point=False)


def _without_locators(points: list[Place], text: str, units: list[Place] = ()) -> list[Place]:
    """``points`` without those that only locate the place before them, in apposition ("A, a city upriver from B",
    "A, a village south of B"), or an oblast of ``units`` ("over the A region, southeast of B"): B is not where anything
    happened (a town's bearing from another town stays: a list passes over it, ``_LIST_DESCRIPTOR``)."""
    named = sorted((*points, *units), key=lambda p: p.start)
    out = []
    for p in points:
        prior = [q for q in named if q.end <= p.start]
        gap = text[prior[-1].end:p.start] if prior else ""
        if prior and (_APPOSITION_LOCATOR.match(gap) or prior[-1].feature_kind == "admin1" and _BEARING_LOCATOR.match(gap)):
            continue
        out.append(p)
    return out


def _after_page(date: EventDate | None, published: EventDate) -> bool:
    """Whether a stated day lies after the page's date (no incident told as past can)."""
    day, page = (parse_iso(date.date) if date is not None else None), parse_iso(published.date)
    return day is not None and page is not None and day > page


def _day_of_its_own(sentence: str, published: EventDate) -> EventDate | None:
    """The day other than the page's a sentence states ("On May 3, shells hit homes."), if any: the day the next
    sentence of its paragraph, stating none, tells of too (a bulleted day-by-day list; a lede and its detail)."""
    stated = explicit_date(sentence, published)
    if stated is None or stated.precision != 1 or stated.date is None or stated.date == published.date:
        return None
    return stated


def _restated_aggregates(sentences: list[_Sentence]) -> None:
    """A sentence that only restates a sum the article gives elsewhere ("25 killed in the region since the war
    began ... 'There are 25 dead, 96 wounded,' the governor said"): no incident, no place, no day of its own and a
    figure equal to one of the sum's. Its figures are that sum's (role ``aggregate``), in place."""
    sums = {(f.kind, f.value) for s in sentences for f in s.figures if f.role == "aggregate" and f.value}
    if not sums:
        return
    for sent in sentences:
        if not sent.figures or sent.triggers or sent.points or sent.oblasts or sent.date is not None:
            continue
        if any((f.kind, f.value) in sums for f in sent.figures if f.role != "aggregate"):
            sent.figures = [f if f.role == "zero" else replace(f, role="aggregate") for f in sent.figures]


# an incident of an earlier period: "last year", "two years ago", a year before the page's written as a date ("in an
# April 2022 strike", "in the spring of 2022", "in 2022"), or a month well before the page's ("in March" on a May page)
_LAST_YEAR = re.compile(r"\b(?:last|previous|the previous|the past)\s+year\b|\b(?:a|one|two|three|four|"
                        r"five|\d+)\s+(?:years?|months?)\s+(?:ago|earlier|before)\b", re.IGNORECASE)
EARLIER_MONTHS = 2  # a month named without a year is another period this many months or more before the page's
# (the month before may still be the page's incident, told a few days later across a month's end)
_WRITTEN_YEAR = re.compile(r"\b(?:(?:in|of|during)\s+(?:(?:the\s+)?(?:an?\s+)?(?:early|late|mid-?)?\s*"
                           r"(?:spring|summer|autumn|fall|winter|" + MONTH_NAMES + r")\s+(?:of\s+)?)?|"
                           r"(?:" + MONTH_NAMES + r")\s+)((?:19|20)\d\d)\b(?![-‐–/]\d)")
_WRITTEN_MONTH = re.compile(r"\b(?:[Ii]n|[Dd]uring)\s+(?:(?:early|late|mid-?)\s*)?(" + MONTH_NAMES + r")\b(?!\s*\d)")
_BORN_BEFORE = re.compile(r"\bborn\s+i?n?\s*$", re.IGNORECASE)  # "a man born in 1979": an age, not a period
_SINCE_YEAR = re.compile(r"\b(?:since|until|till|by)\s+(?:\w+\s+){0,3}$", re.IGNORECASE)


def earlier_period(sentence: str, published: EventDate) -> bool:
    """Whether ``sentence`` tells of something of an earlier period than the page's news ("last year", "in an April
    2022 strike", "in March" on a May page, ``EARLIER_MONTHS``): background, an incident of its own (never the page's incident, never
    its toll). A span ("since 2014", "until March") is not a time of its own."""
    if _LAST_YEAR.search(sentence):
        return True
    page = parse_iso(published.date)
    if page is None:
        return False
    for m in _WRITTEN_YEAR.finditer(sentence):
        if int(m.group(1)) < page.year and not _SINCE_YEAR.search(sentence, max(0, m.start() - 30), m.start()) and \
                not _BORN_BEFORE.search(sentence, max(0, m.start() - 12), m.start() + 1):
            return True
    for m in _WRITTEN_MONTH.finditer(sentence):
        back = (page.month - MONTHS[m.group(1).lower()]) % 12  # months before the page's (a later one: last year)
        if back >= EARLIER_MONTHS and not _SINCE_YEAR.search(sentence, max(0, m.start() - 30), m.start()):
            return True
    return False


# a photo caption: a paragraph that ends on its credit in brackets ("... on July 7. (Name Surname, AP)")
_CREDIT_END = re.compile(r"\([^()\n]{2,80}\)\s*$")


def _dated_caption(text: str, start: int, date: EventDate | None, published: EventDate) -> bool:
    """A photo caption (``_CREDIT_END``) that dates its picture to a day other than the page's."""
    if date is None or date.precision != 1 or date.date is None or published.date is None or \
            date.date == published.date:
        return False
    end = text.find("\n", start)
    return bool(_CREDIT_END.search(text[start:len(text) if end < 0 else end]))


def _earlier_captions(sentences: list[_Sentence], captions: list[int]) -> None:
    """A dated caption whose day no other sentence states, when other sentences state the day of what they
    report, shows an earlier strike as an illustration: an incident of its own (it neither dates nor joins the
    one the article reports). Marked ``separate`` in place."""
    if not captions:
        return
    days = {s.date.date for i, s in enumerate(sentences) if i not in captions and s.date is not None and
            s.date.precision == 1 and s.date.date is not None}
    for i in captions:
        if days and sentences[i].date is not None and sentences[i].date.date not in days:
            sentences[i].separate = True


def _restates_total(inc: _Incident, sent: _Sentence) -> bool:
    """Whether every total ``sent`` states is one ``inc`` already stated, the same kind and count, more than one victim
    ("an airstrike on a village killed 24", then "the airstrike that killed 24 ... pressure on the capital"): the
    same toll told again, whatever other place the sentence names."""
    mine = {(f.kind, f.value) for f in sent.figures if f.role == "total"}
    if not mine or any(value < 2 for _k, value in mine) or \
            any(f.role not in ("total", "zero") for f in sent.figures):
        return False
    return mine <= {(f.kind, f.value) for f, _c in inc.figures if f.role == "total"}


def _conflicts(inc: _Incident, sent: _Sentence, published: EventDate) -> bool:
    """Whether ``sent`` cannot be part of ``inc`` (another place, or another day with another toll)."""
    if sent.earlier != _earlier(inc) and not _shares_figure(inc, sent):
        return True  # an incident of an earlier period and the page's news are never one
    own = [p for p in inc.points]
    tells = bool(sent.strikes) or any(f.role in ("total", "observation") for f in sent.figures)
    if sent.points and own and tells and not any(same_place(a, b) for a in sent.points for b in own) and \
            not _restates_total(inc, sent):
        return True  # an attack or a toll somewhere else
    if sent.points and own and _toll_elsewhere(inc, sent):
        return True  # "four were injured in A. In B, one person was hurt.": each town of the attack has its own toll
    if sent.points and own and _own_attack(inc, sent) and \
            not any(same_place(a, b) and not distinct_settlements(a, b) for a in sent.points for b in own):
        return True  # an attack of its own at another village, however near ("another drone struck the village of Y")
    if _other_weapon_toll(inc, sent):
        return True  # "Shelling killed two in X. A drone struck a car the same evening, injuring a man.": two attacks
    if _same_count_again(inc, sent, published):
        return True  # "Shelling killed two in X on Sunday. On Monday, shelling killed two in X.": one count, two attacks
    if not sent.points and own and tells and sent.regions and not any(p.admin1_code in sent.regions for p in own):
        return True  # "X Oblast was also hit", "the X governor said two were killed": a region none of its towns are in
    if sent.points and not own and sent.strikes and inc.strikes and _fresh_toll(sent.figures) and \
            (_stated(inc) or _tally(inc)) and not _shares_figure(inc, sent) and not _DEFINITE_ANAPHOR.search(sent.text):
        return True  # an attack (or a tally of attacks) told with no town, then an attack at a town with a toll of its own
    regions = {p.admin1_code for s in inc.sentences for p in s.oblasts}
    if not sent.points and not own and tells and sent.regions:
        told = {code for s in inc.sentences for code in s.regions}
        if told and not sent.regions & told:
            return True  # an incident told only by its oblasts, and an attack or a toll told of another oblast
    if sent.points and not own and regions and tells and not any(p.admin1_code in regions for p in sent.points) \
            and not _within_told_unit(sent, regions) and inc.date is not None and (sent.date is None or sent.date.date != inc.date.date):
        return True  # an incident told only by its oblast, and an attack at a town of another oblast not on its day
    if sent.date is not None and not _strikes_of_its_own(sent) and _stated(inc) and _updates_only(sent.figures):
        return False  # "On Thursday the toll rose to five": the day of the update, not of another incident (the
        # attack an update names, "the toll from the attack on X rose to five", is the incident's, not one of its own)
    if sent.date is None and published.date is None and _other_named_day(inc, sent):
        return True  # "During the night of January 1, four died" after "13 were killed Sunday" on an undated page
    if sent.date is None:  # a fresh toll with no stated day is the page's news, not a stale day's attack
        return inc.date is not None and _stale(parse_iso(inc.date.date), published) and _own_attack(inc, sent) and \
            _fresh_toll(sent.figures) and not inc.figures
    theirs = parse_iso(inc.date.date) if inc.date and not _only_page_day(inc, published) else None
    mine = parse_iso(sent.date.date)
    if theirs is None and _EARLIER_ON.search(sent.text) and mine is not None and mine != parse_iso(published.date) \
            and _own_attack(inc, sent) and inc.sentences:
        return True  # "Earlier on Feb. 26, heavy shelling hit the city": an attack before the page's news, its own
    if theirs is None and inc.date is not None and mine is not None and _own_attack(inc, sent):
        theirs = parse_iso(inc.date.date)  # an attack of its own on another day than the page's: the usual rule
    if theirs is not None and mine is not None and theirs < mine and \
            (mine - theirs).days <= WEIGHTS.statement_after_days and not sent.strikes and _more_only(sent.figures) and \
            (not sent.points or any(same_place(a, b) for a in sent.points for b in own)) and \
            statement_day_only(sent.text, published):
        return False  # "In X, 12 more people were injured, the governor said on Monday": more victims of the attack
        # told before, said a day later (the day is the statement's, and "more" adds to a toll already told)
    if theirs is not None and mine is not None and theirs < mine and \
            (mine - theirs).days <= WEIGHTS.statement_after_days and _told_later_of(inc, sent, published):
        return False  # "The attack on X also injured 11 people, the governor said on Monday": the attack told before,
        # its figures said a day later (the day is the statement's)
    if theirs is not None and mine is not None and theirs < mine and \
            (mine - theirs).days <= WEIGHTS.statement_after_days and _later_dead(inc, sent):
        return False  # "Rescuers found two more bodies overnight", "two more of the wounded died on Tuesday": the
        # incident's dead found or dying after it, on a later day (the finding's, not an attack's)
    if theirs is not None and mine is not None and theirs <= mine and \
            (mine - theirs).days <= WEIGHTS.statement_after_days and _DEFINITE_ANAPHOR.search(sent.text) and \
            not any(f.role in ("total", "individual") for f in sent.figures) and \
            statement_day_only(sent.text, published):
        return False  # "The shelling damaged a school, the governor said on Sunday": a later statement about the
        # attack the sentence refers back to, with no toll of its own (the day is the statement's, not an attack's)
    if theirs is not None and mine is not None:
        gap = abs((theirs - mine).days)
        if gap == 1 and sent.date.precision == 1 and inc.date and inc.date.precision == 1 and \
                (sent.strikes or sent.para not in {s.para for s in inc.sentences}):
            # the day before or after: the same night told twice, unless an attack of its own with its own figures,
            # or harm told in a paragraph of its own day ("On May 3, two people were wounded.": a day-by-day list)
            if _BACK_REFERENCE.search(sent.text) and not any(f.role in ("total", "observation") for f in sent.figures) \
                    and any(same_place(a, b) for a in sent.points for b in own):
                return False  # "a day of mourning for the victims of the strike on X": the day is the mourning's
            if sent.strikes and _stated(inc) and not _shares_figure(inc, sent) and \
                    any(f.role in ("total", "individual") for f in sent.figures) and not any(f.update for f in sent.figures):
                return True  # "On Tuesday evening, shelling killed one": an attack with a toll of its own that day
            if _strikes_of_its_own(sent) and not _shares_figure(inc, sent) and _OTHER_DAY_TOLD.search(sent.text) and \
                    not _DEFINITE_ANAPHOR.search(sent.text):
                return True  # "The day before, the X region came under fire": an attack of its own, its day set apart
            return not any(_NIGHT.search(s.text) for s in (*inc.sentences, sent)) and not _shares_figure(inc, sent)
        return gap > 1
    # the incident has no stated date: a stated other day splits only with a toll that is not an update of its toll
    if mine is None or mine == parse_iso(published.date):
        return False
    if _other_weapon(inc, sent):
        return True
    if _stale(mine, published) and inc.strikes and _own_attack(inc, sent) and \
            (not sent.figures and _fresh_toll([f for f, _c in inc.figures]) or _unharmed(inc)):
        return True  # an attack on a day well before the page (a caption, a reminder) is not the page's news
    for kind in ("killed", "injured"):
        values = [f.value for f in sent.figures if f.kind == kind and f.role in ("total", "individual")]
        known = inc.toll(kind)
        if values and known and not _ratio_ok(max(values), known, WEIGHTS.toll_ratio_split):
            return True
    return False


def _within_told_unit(sent: _Sentence, regions: set[str]) -> bool:
    """Whether ``sent`` tells a weapon of the attack coming down in a city-region inside the unit the incident is told
    by, with no figure of its own ("missiles were launched on Crimea ... one detonated over the city of Sevastopol"):
    the incident's place, not an attack of its own (a toll told in the city is the city's own incident)."""
    return not any(f.role != "zero" for f in sent.figures) and \
        any(lies_in_unit(p.admin1_code, code) for p in sent.points for code in regions)


def _day_names(sentence: str) -> set[tuple[str, ...]]:
    """The days ``sentence`` names for what it reports (not a statement's), as written: ("calendar", "january", "1"),
    ("weekday", "sunday")."""
    if not names_a_day(sentence):
        return set()
    out: set[tuple[str, ...]] = set()
    for e in read_dates(sentence).expressions:
        if e.kind == "calendar" and not e.after_speech:
            out.add(("calendar", str(e.parts[0]).lower()[:3], str(int(e.parts[1])) if str(e.parts[1]).isdigit()
                     else str(e.parts[1])))
        elif e.kind == "weekday_bare" or e.kind == "weekday" and not e.after_speech:
            out.add(("weekday", str(e.parts[0]).lower()))
    return out


def _other_named_day(inc: _Incident, sent: _Sentence) -> bool:
    """Whether ``sent``, on a page with no date (where no day resolves), names a calendar day for a toll of its own
    while every day the incident names is another ("13 were killed Sunday ... During the night of January 1, four
    died and 13 were wounded"), or for an attack of its own more than a night from the calendar days the incident
    names: two incidents, told by their days as written. A sentence naming one of the incident's days ("on Sunday,
    January 21") or sharing its figures stays with it."""
    if _shares_figure(inc, sent):
        return False
    mine = _day_names(sent.text)
    if not any(d[0] == "calendar" for d in mine):
        return False
    theirs = {d for s in inc.sentences for d in _day_names(s.text)}
    if not theirs or mine & theirs:
        return False
    if _fresh_toll(sent.figures):
        return True
    # an attack of its own on a calendar day more than a night apart from every one the incident names ("On the night
    # of July 19, missiles hit the port ... On July 11, drones attacked a port in the region"): another attack
    return _own_attack(inc, sent) and all(_days_apart_written(d, t) for d in mine if d[0] == "calendar"
                                          for t in theirs if t[0] == "calendar") and \
        any(t[0] == "calendar" for t in theirs)


def _days_apart_written(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two calendar days as written (("calendar", "jul", "11")) lie more than one day apart (another month
    counts as apart; a day not in figures never does)."""
    if not (a[2].isdigit() and b[2].isdigit()):
        return False
    return a[1] != b[1] or abs(int(a[2]) - int(b[2])) > 1


def _strikes_of_its_own(sent: _Sentence) -> list[Trigger]:
    """The sentence's strikes but those inside the words of a toll update ("raising the toll from the latest attack
    on X to 28": the attack named is the one the toll is of)."""
    updates = [(f.start - sent.start, f.end - sent.start) for f in sent.figures if f.update]
    return [t for t in sent.strikes if not any(a <= t.start and t.end <= b for a, b in updates)]


# a sentence opening on "Earlier" or "Previously" with a day of its own tells of an earlier attack, not the page's news
_EARLIER_ON = re.compile(r"^\W*(?:earlier|previously)\b", re.IGNORECASE)


def _toll_elsewhere(inc: _Incident, sent: _Sentence) -> bool:
    """Whether ``sent`` tells harm at a town of ``inc`` where the incident told none, while it told harm at another:
    an attack told over two towns ("drone attacks on A and B"), then the harm in each, is an incident at each."""
    if not any(f.role != "zero" for f in sent.figures) or _shares_figure(inc, sent):
        return False  # (the incident's toll told again, whatever place the sentence names, stays with it)
    harmed = [p for s in inc.sentences if any(f.role != "zero" for f in s.figures) for p in s.points]
    return bool(harmed) and not any(same_place(a, b) for a in sent.points for b in harmed)


def _page_day(day: EventDate, published: EventDate) -> bool:
    """Whether an incident's day is only the page's own (a dateline, "today", "the governor said on Monday" on
    Monday's page): it bounds the incident from above, and a day the text states before it may still be the
    incident's ("after Saturday's strike")."""
    return day.date is not None and day.date == published.date and published.precision == 1


def _calendar_day(sent: _Sentence | None, published: EventDate) -> bool:
    """Whether ``sent`` writes the day it states as a calendar date ("on 23 April"), which stays put when the page's
    date moves: the incident's own day even when it is the page's, not a bound a day stated later may replace."""
    if sent is None or sent.date is None or sent.date.precision != 1:
        return False
    base = parse_iso(published.date)
    if base is None:
        return False
    for shift in (1, 7):
        again = explicit_date(sent.text, EventDate((base + timedelta(days=shift)).isoformat(), published.precision))
        if again is None or again.date != sent.date.date:
            return False
    return True


def _only_page_day(inc: _Incident, published: EventDate) -> bool:
    """Whether an incident's day only bounds it: the page's own (``_page_day``), not written as a calendar date, or
    the day of the statement that told it ("the governor reported on 9 January": ``statement_day_only``)."""
    if inc.date is None or inc.date.precision != 1:
        return False
    if inc.dated_by is not None and statement_day_only(inc.dated_by.text, published):
        return True
    return _page_day(inc.date, published) and not _own_day(inc.dated_by, published)


def _own_day(sent: _Sentence | None, published: EventDate) -> bool:
    """Whether ``sent`` names the day it states (a calendar date, "on Sunday" not after a speech verb): it stays put
    when the page's date moves by a day, unlike a dateline's, "today"'s or "overnight"'s."""
    if sent is None or sent.date is None or sent.date.precision != 1:
        return False
    base = parse_iso(published.date)
    if base is None:
        return False
    again = explicit_date(sent.text, EventDate((base + timedelta(days=1)).isoformat(), published.precision))
    return again is not None and again.date == sent.date.date


def _before_bound(inc: _Incident, stated: EventDate, published: EventDate) -> bool:
    """Whether ``stated`` is a day before the incident's and the incident's day only bounds it (``_only_page_day``)."""
    if stated.precision != 1 or not _only_page_day(inc, published):
        return False
    mine, bound = parse_iso(stated.date), parse_iso(inc.date.date)
    return mine is not None and bound is not None and mine < bound


def _earlier(inc: _Incident) -> bool:
    """An incident of an earlier period (its first sentence tells of one: ``earlier_period``)."""
    return bool(inc.sentences) and inc.sentences[0].earlier


def _stale(day: Day | None, published: EventDate) -> bool:
    """Whether a stated day lies ``WEIGHTS.stale_days`` or more before the page's date (an earlier incident)."""
    page = parse_iso(published.date)
    return day is not None and page is not None and (page - day).days >= WEIGHTS.stale_days


def _own_attack(inc: _Incident, sent: _Sentence) -> bool:
    """Whether ``sent`` tells an attack of its own: a strike not referred back to ("the strike"), no figure shared."""
    return bool(sent.strikes) and not _ANAPHOR.search(sent.text) and not _shares_figure(inc, sent)


_WEAPONS = frozenset({"missile_strike", "drone_strike", "airstrike", "shelling"})


def _other_weapon(inc: _Incident, sent: _Sentence) -> bool:
    """Whether ``sent``, stating a day of its own, tells an attack of its own by another weapon than every strike of
    ``inc`` and no figure ("an artillery strike on X injured a woman. On the evening of March 3, a drone attacked X,
    damaging a house": a day's roundup telling two incidents at one place)."""
    mine = {t.sub for t in sent.strikes} & _WEAPONS
    theirs = {t.sub for t in inc.strikes} & _WEAPONS
    return bool(mine) and bool(theirs) and not mine & theirs and not sent.figures and _own_attack(inc, sent)


def _other_weapon_toll(inc: _Incident, sent: _Sentence) -> bool:
    """Whether ``sent`` tells an attack of its own by another weapon than every strike of ``inc`` (both named), with a
    toll of its own, after ``inc`` told its own toll ("Russian shelling killed two people in X. A drone struck a car in
    the town, injuring a man."): another attack, whatever day it is told on. An attack told with both weapons ("missiles
    and drones hit X"), a weapon referred back to ("the drone") or a toll told again stays one."""
    mine = {t.sub for t in sent.strikes} & _WEAPONS
    theirs = {t.sub for t in inc.strikes} & _WEAPONS
    if not mine or not theirs or mine & theirs or not _own_attack(inc, sent):
        return False
    if not any(f.role in ("total", "individual") and not f.update for f in sent.figures):
        return False
    if not any(f.role in ("total", "individual", "observation") for f, _c in inc.figures):
        return False
    # a weapon the incident's own words name ("missiles and drones hit X", read as one strike) is one of its own
    named = {sub for s in inc.sentences for sub, rx in WEAPON_NOUNS if rx.search(s.text)}
    return not mine & named


def _named_day(sent: _Sentence | None, published: EventDate) -> bool:
    """Whether ``sent`` states a day it names for what it reports (not only the day of a statement)."""
    return sent is not None and sent.date is not None and sent.date.precision == 1 and \
        names_a_day(sent.text) and not statement_day_only(sent.text, published)


def _same_count_again(inc: _Incident, sent: _Sentence, published: EventDate) -> bool:
    """Whether ``sent`` tells an attack of its own (a weapon not referred back to: not "the shelling") with a fresh
    total the incident already states, on another day it names than the day the incident's sentences name ("Shelling
    killed two in X on Sunday. On Monday, shelling killed two in X."), or on the same day with another weapon named by
    each ("Shelling killed two in X on Sunday morning. On Sunday evening, a drone attack on X killed two."): two
    attacks whose counts happen to agree, not one toll told twice (which a sharing of figures otherwise means). A night
    told in either ("overnight", "on Sunday night") spans two days and is left to the day rules."""
    if not sent.strikes or _ANAPHOR.search(sent.text) or not _fresh_toll(sent.figures) or \
            any(f.additional or f.role == "increment" for f in sent.figures) or not _shares_figure(inc, sent):
        return False
    dated = inc.dated_by
    if dated is None or dated is sent or not inc.strikes or not _named_day(dated, published) or \
            not _named_day(sent, published) or inc.date is None:
        return False
    if sent.date.date != inc.date.date:
        return not _NIGHT.search(sent.text) and not _NIGHT.search(dated.text)
    mine = {t.sub for t in sent.strikes} & _WEAPONS
    theirs = {t.sub for t in dated.strikes} & _WEAPONS
    return bool(mine) and bool(theirs) and not mine & theirs


def _one_settlement(sent: _Sentence, inc: _Incident) -> bool:
    """Whether every place ``sent`` names is a settlement of ``inc`` (the same one under any spelling, not a town
    nearby)."""
    return all(any(same_place(a, b) and not distinct_settlements(a, b) for b in inc.points) for a in sent.points)


def _told_later_of(inc: _Incident, sent: _Sentence, published: EventDate) -> bool:
    """Whether ``sent`` refers back to the incident's attack ("the attack on X", "the strike") at its place or at none,
    with no day but the statement's, and figures that fit its toll (of a kind it has not told, or near its count)."""
    if not (_DEFINITE_ANAPHOR.search(sent.text) or _BACK_REFERENCE.search(sent.text)) or \
            not statement_day_only(sent.text, published):
        return False
    if sent.points and not _one_settlement(sent, inc):
        return False
    for kind in ("killed", "injured"):
        values = [f.value for f in sent.figures if f.kind == kind and f.role in ("total", "individual")]
        known = inc.toll(kind)
        if values and known and not _ratio_ok(max(values), known, WEIGHTS.toll_ratio_split):
            return False
    return True


_DIED_LATER = re.compile(r"\b(?:died|succumbed|passed away)\b", re.IGNORECASE)


def _later_dead(inc: _Incident, sent: _Sentence) -> bool:
    """Whether ``sent`` only adds dead to ``inc``'s stated toll: every figure more killed ("two more bodies", "another
    wounded woman died"), bodies found or victims who died, no attack of its own, no place but the incident's."""
    figs = [f for f in sent.figures if f.role != "zero"]
    if not _more_only(figs) or any(f.kind != "killed" for f in figs) or sent.strikes or not _stated(inc):
        return False
    if sent.points and not _one_settlement(sent, inc):
        return False
    return bool(_BODIES.search(sent.text) or _DIED_LATER.search(sent.text))


def _more_only(figs: list[Figure]) -> bool:
    """Every figure of ``figs`` told as more victims ("12 more were injured", "another man died"), and one at least."""
    told = [f for f in figs if f.role != "zero"]
    return bool(told) and all(f.role == "increment" or f.additional for f in told)


def _fresh_toll(figs: list[Figure]) -> bool:
    """A stated total not worded as an update ("killed two", not "the toll rose to"): news of the page's day."""
    return any(f.role == "total" for f in figs) and not any(f.update for f in figs)


def _updates_only(figs: list[Figure]) -> bool:
    """Every total of ``figs`` worded as an update ("the toll rose to five"), and one at least."""
    totals = [f for f in figs if f.role == "total"]
    return bool(totals) and all(f.update for f in totals)


def _unharmed(inc: _Incident) -> bool:
    """Whether an incident is told as harming no one ("There were no casualties."): all its figures are zero, so no
    toll told later of another attack can be its own."""
    return bool(inc.figures) and all(f.role == "zero" for f, _c in inc.figures)


def _doubtful(place: Place) -> bool:
    """A place the geoparser doubts (a far namesake of a village it does not know, often)."""
    return place.confidence < WEIGHTS.doubtful_place_confidence


def _stated(inc: _Incident) -> bool:
    return any(f.role in ("total", "observation") for f, _c in inc.figures)


def _tally(inc: _Incident) -> bool:
    """Whether all of an incident's figures are totals over a period or an area (``aggregate``): a tally, no toll."""
    return bool(inc.figures) and all(f.role == "aggregate" for f, _c in inc.figures)


def _part_of(part: _Incident, whole: _Incident) -> bool:
    """Whether ``part`` is a sub-count of ``whole`` told at a doubtful namesake: victims counted one by one
    ("two adults and two children died") at places the geoparser doubts, on the day of ``whole``, whose stated
    total covers them."""
    points = part.points
    if not points or not all(_doubtful(p) for p in points) or _stated(part) or not _stated(whole):
        return False
    if part.date and whole.date and part.date.date != whole.date.date:
        return False
    tolls = [(part.toll(kind), whole.toll(kind)) for kind in ("killed", "injured")]
    return any(mine for mine, _w in tolls) and all(not mine or (known and mine <= known) for mine, known in tolls)


def _fold_parts(incidents: list[_Incident]) -> list[_Incident]:
    """Sub-counts told at doubtful namesakes join the article's incident whose total covers them (``_part_of``)."""
    out: list[_Incident] = []
    wholes = [w for w in incidents if _stated(w)]  # only a stated total covers a part (``_part_of``)
    for inc in incidents:
        points = inc.points  # the part's own tests first: most incidents are no part, and the pairs are quadratic
        maybe = bool(points) and all(_doubtful(p) for p in points) and not _stated(inc)
        whole = next((w for w in wholes if w is not inc and _part_of(inc, w)), None) if maybe else None
        if whole is None:
            out.append(inc)
        else:
            whole.parts += inc.sentences + inc.support + inc.parts  # claims kept; the toll stays the whole's
    return out


def _shares_figure(inc: _Incident, sent: _Sentence) -> bool:
    mine = {(f.kind, f.value) for f in sent.figures if f.role != "zero"}
    return bool(mine & {(f.kind, f.value) for f, _c in inc.figures})


def _specific(trigs: list[Trigger]) -> set[str]:
    return {t.sub for t in trigs if t.sub in ("missile_strike", "drone_strike")}


def _pick(incidents: list[_Incident], sent: _Sentence, published: EventDate,
          named: list[Place] | None = None) -> _Incident | None:
    """The open incident ``sent`` goes on about, None for a new one; ``named``: the towns named last before it in its
    paragraph (what a toll naming no place refers to: "Also explosions in X. A fuel truck exploded. Three died.")."""
    recent = incidents[-WEIGHTS.open_incidents:]
    open_ = [inc for inc in recent if not _conflicts(inc, sent, published)]
    if not open_:
        return None
    latest = max(open_, key=lambda inc: inc.sentences[-1].index)  # the incident told last, not the last one opened
    if not sent.points and not sent.oblasts and not sent.strikes and latest.sentences[-1].para == sent.para and \
            (sent.date is None or (latest.date is not None and sent.date.date == latest.date.date)):
        return latest  # a figure told next in the paragraph of the incident just told, naming no place nor other day
    values = {(f.kind, f.value) for f in sent.figures if f.role != "zero"}
    for inc in reversed(open_):
        if values & {(f.kind, f.value) for f, _c in inc.figures}:
            return inc
    if sent.figures and not sent.strikes and not sent.points and sent.claimant:
        for inc in reversed(open_):  # "the emergency ministry reported one child died": the ministry's incident
            if any(_same_claimant(sent.claimant, who) for _f, who in inc.figures):
                return inc
    mine = _specific(sent.strikes)
    if mine:
        for inc in reversed(open_):
            if mine & _specific(inc.strikes):
                return inc
    if open_[-1] is not recent[-1] and sent.strikes and not _ANAPHOR.search(sent.text) and sent.date is not None \
            and sent.date.precision == 1 and sent.date.date != published.date:
        return None  # the article moved on to another incident: an attack on a day of its own does not reach back
    if not sent.points and not sent.oblasts and not sent.strikes:
        there = [inc for inc in open_ if any(same_place(a, b) for a in named or () for b in inc.points)]
        # a toll naming no place nor attack: of the town just named, else of the incident told last (not the last
        # one opened)
        return there[-1] if there else latest
    return open_[-1]


def _same_claimant(a: str, b: str | None) -> bool:
    """One claimant named more or less fully ("the emergency ministry", "Russia's emergency ministry")."""
    if b is None:
        return False
    a, b = a.lower(), b.lower()
    return a == b or a.endswith(" " + b) or b.endswith(" " + a)


def _restated(incidents: list[_Incident], sent: _Sentence) -> _Incident | None:
    """The incident a sentence worded as another one ("another massive attack on X killed seven") only restates: an
    open incident at the same place, on no other stated day, that already states the same total. A lede often
    calls the night's attack "another" against the nights before, then gives the headline's toll again."""
    totals = {(f.kind, f.value) for f in sent.figures if f.role == "total" and f.value}
    if not totals or not sent.points:
        return None
    for inc in reversed(incidents[-WEIGHTS.open_incidents:]):
        own = inc.points
        if not own or not any(same_place(a, b) for a in sent.points for b in own):
            continue
        if sent.date is not None and inc.date is not None and sent.date.date != inc.date.date:
            continue
        if totals <= {(f.kind, f.value) for f, _c in inc.figures if f.role == "total"}:
            return inc
    return None


def _intercepted_from(incidents: list[_Incident], sent: _Sentence) -> _Incident | None:
    """The open incident an interception sentence belongs to: its only strikes are weapons brought down ("ten
    drones were shot down over X"), with no figure, and an incident told before is an attack by the same side with
    the same weapon (the d1-style "drones of the other side shot down over Y" is an incident of its own)."""
    strikes = sent.strikes
    if not strikes or not all(t.intercepted for t in strikes) or any(f.role != "zero" for f in sent.figures):
        return None
    kinds = {(t.actor, t.sub) for t in strikes if t.actor != "unknown"}
    for inc in reversed(incidents[-WEIGHTS.open_incidents:]):
        if kinds & {(t.actor, t.sub) for t in inc.strikes if not t.intercepted}:
            return inc
    return None


def _other_weapon_over_regions(inc: _Incident, sent: _Sentence) -> bool:
    """Weapons brought down over named regions ("four drones were downed over the A region") told after an attack
    of another kind (shelling of a village there): an attack of their own (``_by_region``), not part of it."""
    strikes = sent.strikes
    if not strikes or not sent.oblasts or not all(t.intercepted for t in strikes):
        return False
    theirs = {t.sub for t in inc.strikes}
    return bool(theirs) and not theirs & {t.sub for t in strikes}


def strike_incidents(sentences: list[_Sentence], published: EventDate) -> list[_Incident]:
    """Group strike and casualty sentences into incidents."""
    incidents: list[_Incident] = []
    named: list[Place] = []  # the towns named last in the paragraph (``_pick``)
    para = None
    for sent in sentences:
        if sent.para != para:
            named, para = [], sent.para
        if sent.points:
            named = sent.points
        content = sent.content
        if not content and sent.figures and incidents and \
                sent.para - incidents[-1].sentences[-1].para <= WEIGHTS.incident_lookback_paragraphs:
            told = {code for s in incidents[-1].sentences for code in s.regions}
            if not (sent.regions and told and not sent.regions & told):  # (not "no casualties" in other regions)
                incidents[-1].sentences.append(sent)  # "No one was killed." after the incident
            continue
        if not content:
            if incidents and _DEFINITE_ANAPHOR.search(sent.text):
                _date_back(incidents[-1], sent, published)
            if incidents and sentences and (_ANAPHOR.search(sent.text) or _mentions(sent.text, incidents[-1].nouns)):
                last = incidents[-1].sentences[-1]
                if sent.para - last.para <= WEIGHTS.incident_lookback_paragraphs and (sent.points or sent.figures):
                    incidents[-1].support.append(sent)
            continue
        attack = _intercepted_from(incidents, sent)
        if attack is not None:  # weapons brought down on their way: part of the attack told, wherever it happened
            attack.support.append(sent)
            continue
        if not incidents:
            target = None
        elif sent.separate:
            target = _restated(incidents, sent)
        else:
            target = _pick(incidents, sent, published, named)
        if target is not None and _other_weapon_over_regions(target, sent):
            target = None
        if target is None:
            target = _Incident()
            if incidents and not sent.separate and sent.date is None and incidents[-1].date is not None and \
                    (_ALSO.search(sent.text) or _ANAPHOR.search(sent.text)):
                # "The missiles also hit A, B and C": more places of the attack just told, on its day
                target.date, target.dated_by = incidents[-1].date, incidents[-1].dated_by
            incidents.append(target)
        target.sentences.append(sent)
        target.nouns |= {m.group(1).lower() for m in _FACILITY.finditer(sent.text)}
        if sent.date is not None and (target.date is None or _before_bound(target, sent.date, published)):
            target.date, target.dated_by = sent.date, sent  # a stated day before the page's own dates it better
    _mark_some_hurt(incidents, sentences)
    return incidents


def _mark_some_hurt(incidents: list[_Incident], sentences: list[_Sentence]) -> None:
    """Set ``some_hurt`` on each incident told, between its first and its last sentence (or in a sentence of its own
    or referring back to it), to have injured people with no number ("There were several people injured.")."""
    hurt = [s.index for s in sentences if ("injur" in s.text or "wound" in s.text or "hurt" in s.text) and
            some_hurt(s.text)]
    if not hurt:
        return
    for inc in incidents:
        first, last = inc.sentences[0].index, inc.sentences[-1].index
        own = {s.index for s in (*inc.sentences, *inc.support)}
        inc.some_hurt = any(first <= i <= last or i in own for i in hurt)


def _date_back(inc: _Incident, sent: _Sentence, published: EventDate) -> None:
    """Date ``inc`` by a sentence that only refers back to it and states its day ("the attack occurred on March 15"):
    a day before the page's, for an incident of the page's news with no day of its own (none stated, or only the
    page's: the day of the report)."""
    if _earlier(inc) or sent.para - inc.sentences[-1].para > WEIGHTS.incident_lookback_paragraphs:
        return  # an incident of an earlier period keeps its period; "the attack" far on is another's
    if inc.date is not None and inc.date.precision == 1 and not _only_page_day(inc, published):
        return
    day = explicit_date(sent.text, published)
    if day is None or day.precision != 1:
        return
    mine, page = parse_iso(day.date), parse_iso(published.date)
    if mine is None or page is None or mine >= page or inc.date is not None and not _before_bound(inc, day, published):
        return
    inc.date, inc.dated_by = day, sent


def _mentions(sentence: str, nouns: set[str]) -> bool:
    if not nouns:
        return False
    low = folded(sentence)  # a noun the pattern finds is in it: the cheap test first (an ASCII noun)
    return any((not n.isascii() or n in low) and _refers_to(n).search(sentence) for n in nouns)


@lru_cache(maxsize=256)
def _refers_to(noun: str) -> re.Pattern:
    """"the [word] ``noun``": a sentence that refers back to a facility an incident named."""
    return re.compile(rf"\bthe (?:\w+ )?{re.escape(noun)}\b", re.IGNORECASE)


# the object of an active strike, after it in its clause ("conducted an airstrike at an overpass near X", "a drone
# attacked X"): what was struck, where the sentence's other places may only be where its effects were felt
_STRIKE_OBJECT = re.compile(r"\s*(?:(?:on|at|against|in|near|into)\s+)?(?:(?:the|an?)\s+)?(?:[\w'’-]+\s+){0,3}?"
                            r"(?:(?:on|at|in|near|of|outside)\s+)?(?:the\s+)?(?:[\w'’-]+\s+)?$", re.IGNORECASE)


# a relative clause or an apposition opened right after a place, up to a trigger inside it ("B, a town that has been
# under shelling", "B, which was struck"): what it tells happened at B
RELATIVE_WINDOW_CHARS = 120  # how far after its head place a trigger of a relative clause may stand
_RELATIVE_AFTER = re.compile(r"\s*,\s+(?:(?:a|an|the)\s+(?:[\w'’-]+\s+){0,4}?)?(?:which|that|where)\b[^,;:.!?()]*$",
                             re.IGNORECASE)


def _struck_there(sent: _Sentence, place: Place) -> bool:
    """Whether ``place`` is the object of an active strike trigger of ``sent`` (``_STRIKE_OBJECT``), the subject of a
    passive one right before its auxiliary ("homes in X were shelled": ``_subject_of_passive``), or the head of the
    relative clause a trigger stands in ("X, a town that has been shelled": ``_RELATIVE_AFTER``)."""
    at = place.start - sent.start
    return any(not t.passive and 0 <= at - t.end <= 60 and _STRIKE_OBJECT.fullmatch(sent.text, t.end, at) or
               t.passive and _subject_of_passive(sent, t, [place]) or
               0 <= t.start - (place.end - sent.start) <= RELATIVE_WINDOW_CHARS and
               _RELATIVE_AFTER.match(sent.text, place.end - sent.start, t.start) for t in sent.strikes)


def _best_place(inc: _Incident, text: str) -> tuple[Place | None, bool]:
    """The incident's place and whether it is only an oblast. When the sentence that opens the incident names oblasts
    and no town, a town outside those oblasts (told by a later sentence joined to it: "The attack came as missiles hit
    X") is not its place: the named oblast, or a town inside it, is."""
    score: dict[int, float] = {}
    first: dict[int, tuple[int, Place]] = {}
    opening = inc.sentences[0] if inc.sentences else None
    within = {p.admin1_code for p in opening.oblasts} if opening is not None and not opening.points else set()
    for weight, group in ((2.0, inc.sentences), (1.0, inc.support + inc.parts)):
        for sent in group:
            for p in sent.points:
                if within and not any(lies_in_unit(p.admin1_code, code) for code in within):
                    continue  # (a city-region in the oblast named is in it: "Sevastopol" after "Crimea")
                key = p.geonameid or hash((p.name, p.lat, p.lon))
                w = weight * (0.5 if _DESCRIPTOR.search(text[max(0, p.start - 30):p.start]) else 1.0)
                if weight == 2.0 and _struck_there(sent, p):
                    w += WEIGHTS.strike_object_bonus
                score[key] = score.get(key, 0.0) + w
                if key not in first or p.start < first[key][0]:
                    first[key] = (p.start, p)
    if score:
        key = max(score, key=lambda k: (score[k], -first[k][0]))
        return first[key][1], False
    oblasts = [p for s in inc.sentences for p in s.oblasts]
    if len({p.admin1_code for p in oblasts}) == 1:
        return oblasts[0], True
    return None, False


def _spoken_for(inc: _Incident) -> Place | None:
    """The one region the officials of an incident with no place of its own speak for ("the X governor said")."""
    units = {p.admin1_code: p for s in inc.sentences if not s.points and not s.oblasts for p in s.titled}
    return next(iter(units.values())) if len(units) == 1 else None


def _fallback_place(sentences: list[_Sentence], inc: _Incident) -> Place | None:
    """The place an incident naming none borrows: the last town told before it, inside the oblasts the incident names
    if it names any (an incident told over other regions does not borrow the town of the story before it; one the
    geoparser doubts is passed over: ``_doubtful``), else the first told just after it (a headline's)."""
    first = inc.sentences[0]
    regions = {p.admin1_code for s in inc.sentences for p in s.oblasts}

    def fits(sent: _Sentence) -> list[Place]:
        return [p for p in sent.points if not regions or p.admin1_code in regions]

    for sent in reversed(sentences[:first.index]):
        if first.para - sent.para > WEIGHTS.casualty_lookback_paragraphs:
            break
        sure = [p for p in fits(sent) if not _doubtful(p)]
        if sure:
            return sure[-1]
    for sent in sentences[first.index + 1:]:  # a headline's place is often named only in the next lines
        if sent.para - first.para > 1 or sent.strikes and _fresh_toll(sent.figures) and \
                (_stated(inc) or _tally(inc)) and not _shares_figure(inc, sent):
            break  # an attack with a toll of its own is another incident's place (``_conflicts``)
        if fits(sent):
            return fits(sent)[0]
    return None


# an oblast referred back to by the unit's word alone ("shelling of the region", "across the oblast"), not an
# official's ("the region's governor", "the head of the region") nor a wider area ("the region of X" names one)
_REGION_REFERRED = re.compile(r"\b(?:the|this)\s+(?:region|oblast|province)\b(?!['’]s)(?!\s+of\b)(?!\s+(?:governor|"
                              r"head|chief|administration|authorities|officials?)\b)", re.IGNORECASE)
_REGION_OFFICIAL_BEFORE = re.compile(r"\b(?:governor|head|chief|administration|authorities|officials?)\s+of\s+$",
                                     re.IGNORECASE)


def _region_referred(sentences: list[_Sentence], inc: _Incident) -> Place | None:
    """The oblast an incident naming no place refers back to by the unit's word alone (``_REGION_REFERRED``: "On
    Tuesday, shelling of the region injured two"): the one oblast the last sentence before it naming oblasts names,
    within ``WEIGHTS.casualty_lookback_paragraphs``; None when no sentence of the incident refers so, or that
    sentence names no oblast or several, or a town comes in between (the region's word may then be the town's)."""
    if not any(m for s in inc.sentences for m in _REGION_REFERRED.finditer(s.text)
               if not _REGION_OFFICIAL_BEFORE.search(s.text, max(0, m.start() - 30), m.start())):
        return None
    return _unit_before(sentences, inc.sentences[0])


def _unit_before(sentences: list[_Sentence], first: _Sentence) -> Place | None:
    """The one oblast the last sentence before ``first`` naming oblasts (or speaking for one) names, within
    ``WEIGHTS.casualty_lookback_paragraphs``; None when it names several, or a town comes in between."""
    for sent in reversed(sentences[:first.index]):
        if first.para - sent.para > WEIGHTS.casualty_lookback_paragraphs or sent.points:
            return None
        units = {u.admin1_code: u for u in (*sent.oblasts, *sent.titled) if u.feature_kind == "admin1" and u.admin1_code}
        if units:
            return next(iter(units.values())) if len(units) == 1 else None
    return None


def _confidence(base: float, *, point: bool, dated: bool, claimant: bool, headline: bool, borrowed: bool) -> float:
    """A provisional confidence (the base alone): ``extract_events`` scores every event with ``confidence.rescore``
    once the article's events are final; the keywords are kept for the callers."""
    del point, dated, claimant, headline, borrowed
    return base


def _event_at(kind: str, sub: str, when: EventDate, place: Place, text: str, sources: list[Source],
              confidence: float, *, borrowed: bool = False, **extra) -> Event:
    precision = _precision(place, text)
    if borrowed:
        precision = max(precision, 2)
    return Event(kind, sub, when, place, place.admin1_code, place.admin1_name, place.country_code,
                 precision, sources, confidence, **extra)


def date_basis(sentence: str, date: EventDate | None, published: EventDate) -> int:
    """How firmly ``sentence`` fixes the day ``date`` (``DATE_BASIS``), told by whether that day moves when the
    page's date does: by a day (relative: "yesterday"), by whole weeks only (a weekday), or not at all (a calendar
    date). A day stated on a page with no date is a calendar date; no stated day is the page's, and neither is the
    page's own day stated (a dateline, "today": the day of the report, which only bounds the incident)."""
    day = parse_iso(date.date) if date is not None else None
    if day is None or date.precision != 1:
        return DATE_BASIS["page"]
    base = parse_iso(published.date)
    if base is None:
        return DATE_BASIS["calendar"]
    if day == base and published.precision == 1:
        return DATE_BASIS["page"]
    moved = []
    for shift in (1, 7):
        again = explicit_date(sentence, EventDate((base + timedelta(days=shift)).isoformat(), published.precision))
        other = parse_iso(again.date) if again is not None else None
        moved.append(None if other is None else (other - day).days)
    if moved == [0, 0]:
        return DATE_BASIS["calendar"]
    return DATE_BASIS["relative"] if moved[0] == 1 else DATE_BASIS["weekday"]


def _when(date: EventDate | None, published: EventDate) -> EventDate:
    if date is not None:
        return date
    if parse_iso(published.date) is not None:
        return EventDate(published.date, 2, "article date")
    return UNDATED


def incident_events(article: str, text: str, sentences: list[_Sentence], published: EventDate) -> list[Event]:
    """Strike and casualty incidents of one article as events."""
    out: list[Event] = []
    strikes_seen: dict[tuple, Event] = {}
    over_regions: list[Event] = []  # strikes told only by weapons brought down over a region (``_by_region``)
    first_para = min((s.para for s in sentences), default=0)
    for whole in _fold_parts(strike_incidents([_without_battle_tally(s) for s in sentences], published)):
        inc, parts = _sum_by_place(whole)
        for part, place in parts:  # "ten were injured, seven in A and three in B": A's toll and B's
            event = _incident_event(article, text, part, place, False, published, first_para, strikes_seen)
            if event is not None:
                out.append(event)
        if inc is None:
            continue
        killed, injured = inc.toll("killed"), inc.toll("injured")
        if not inc.strikes and not (killed or injured) and not _harm_of_its_day(inc, sentences, published):
            continue
        if _battle_losses(inc):
            continue  # a side's losses claimed with a change of control: the change of control is the event
        if _count_alone(inc):
            continue  # "More than 20 people have been killed." quoted in a visit's report: a claim, no incident
        if _heard_only(inc):
            continue  # "Explosions were heard in A, B and C.": what people heard, no incident told
        intercepted = bool(inc.strikes) and all(t.intercepted for t in inc.strikes)
        split = _by_region(inc, _over_regions(inc)) if any(t.intercepted for t in inc.strikes) else []
        if not split and not inc.points and (killed or injured) and not any(
                s.figures and len({o.admin1_code for o in s.oblasts}) > 1 for s in inc.sentences):
            # "drones hit the A and B regions. In the A region two were injured": a toll told apart is its region's
            # (a toll told with the list, "shelling killed five in the A and B regions", is a tally: no event)
            split = _by_region(inc, {u.admin1_code: u for u in _oblasts_listed(inc)})
        if split and (intercepted or len(split) > 1):  # "ten drones were downed over the A and B regions"
            for part, place in split:
                event = _incident_event(article, text, part, place, False, published, first_para, strikes_seen)
                if event is not None:
                    out.append(event)
                    if event.event_type == "frontline_incident" and all(t.intercepted for t in part.strikes):
                        over_regions.append(event)
            continue
        if intercepted and not INTERCEPTIONS_ALONE and not (killed or injured):
            continue  # weapons brought down over a town or nowhere named, and nothing told hit
        place, _oblast_only = _best_place(inc, text)
        borrowed = False
        if place is None and not (killed or injured):
            each = _oblasts_listed(inc)
            if each:  # "the A and B regions were shelled": a strike on each oblast
                out += _per_oblast(article, text, inc, each, published, strikes_seen)
                continue
        if place is None:
            place = _fallback_place(sentences, inc)
            borrowed = place is not None
            spoken_for = _spoken_for(inc)
            if spoken_for is not None and (place is None or place.admin1_code != spoken_for.admin1_code):
                place, borrowed = spoken_for, False  # "the X governor said a drone injured two": in the X region
        if place is None:
            place = _region_referred(sentences, inc)  # "On Tuesday, shelling of the region injured two": that oblast
        if place is None:
            continue  # an incident with no place in the text is not mapped
        inc, apart = _tolls_of_listed(inc, place)
        for part, target in apart:  # "drones attacked A and B. In B, one person was hurt": B's toll, B's event
            other = _incident_event(article, text, part, target, False, published, first_para, strikes_seen)
            if other is not None:
                out.append(other)
        event = _incident_event(article, text, inc, place, borrowed, published, first_para, strikes_seen)
        if event is None:
            continue
        out.append(event)
        out += _listed_targets(article, text, inc, event, strikes_seen)
        out += _repeated(article, text, inc, event, strikes_seen)
    out += _attacks_since(article, text, sentences, published, strikes_seen)
    out += _damage_lists(article, text, sentences, published, out, strikes_seen)
    out += _damage_by_region(article, text, sentences, published, out, strikes_seen)
    return _fold_over_regions(out, over_regions)


def _tolls_of_listed(inc: _Incident, place: Place) -> tuple[_Incident, list[tuple[_Incident, Place]]]:
    """An incident told as strikes on a list of towns, then a toll told for one town of the list that is not the
    incident's place ("drones attacked the city of A and the city of B. In B, the mayor said one person was hurt"):
    that sentence is B's own toll, not A's. Returns the incident without such sentences, and one part per town (the
    sentences of strikes naming it, without their figures, and the town's toll sentences)."""
    listed: list[Place] = []
    for sent in inc.sentences:
        for trig in sent.strikes:
            objects = _objects(sent, trig, None)
            if len(objects) >= 2:
                listed += [p for p in objects if not same_place(p, place)]
    if not listed:
        return inc, []
    told: dict[object, tuple[Place, list[_Sentence]]] = {}
    for sent in inc.sentences:
        if sent.strikes or not sent.points or not any(f.role != "zero" for f in sent.figures):
            continue
        target = next((p for p in listed if all(same_place(q, p) for q in sent.points)), None)
        if target is not None:
            told.setdefault(target.geonameid or target.name, (target, []))[1].append(sent)
    if not told:
        return inc, []
    moved = {s.index for _t, group in told.values() for s in group}
    parts = [(_Incident(sentences=[replace(s, figures=[]) for s in inc.sentences if s.strikes and
                                   any(same_place(p, target) for p in s.points)] + group,
                        date=inc.date, dated_by=inc.dated_by), target)
             for target, group in told.values()]
    return replace(inc, sentences=[s for s in inc.sentences if s.index not in moved]), parts


_PART_ROLES = ("total", "increment", "individual")  # a figure that may be one place's part of a sum told before it


def _breakdown(sent: _Sentence) -> list[tuple[Figure, Place]]:
    """A total a sentence breaks down by place ("ten were injured in the region, seven in A and three more in B"): the
    figures of its kind after it, each told at a place of its own right after it (``_placed_parts``), adding up to
    it. Returns the parts with their places, or nothing; a sentence with a figure of the other kind is not read (which
    place it belongs to is not told)."""
    if len({f.kind for f in sent.figures if f.role != "zero"}) != 1 or len(sent.points) < 2:
        return []
    for total in sent.figures:
        if total.role != "total":
            continue
        later = [f for f in sent.figures if f.start > total.end and f.role in _PART_ROLES]
        if sum(f.value for f in later) == total.value and (parts := _placed_parts(sent, later)):
            return parts
    return []


def _placed_parts(sent: _Sentence, figs: list[Figure]) -> list[tuple[Figure, Place]]:
    """``figs`` (two at least, in text order) each with the place told right after it (within
    ``breakdown_window_chars``, before the next figure), at distinct settlements; nothing when one has none."""
    if len(figs) < 2:
        return []
    points = sorted(sent.points, key=lambda p: p.start)
    parts: list[tuple[Figure, Place]] = []
    for i, fig in enumerate(figs):
        stop = min(figs[i + 1].start if i + 1 < len(figs) else sent.end, fig.end + WEIGHTS.breakdown_window_chars)
        place = next((p for p in points if fig.end <= p.start < stop), None)
        if place is None:
            return []
        parts.append((fig, place))
    if all(distinct_settlements(a, b) for i, (_f, a) in enumerate(parts) for _g, b in parts[i + 1:]):
        return parts
    return []


def _later_breakdown(inc: _Incident) -> tuple[_Sentence, list[tuple[Figure, Place]], list[_Sentence]] | None:
    """A total an incident states, then breaks down by place in a later sentence of its own ("strikes on the X region
    killed 11. Nine were killed in A, while two others were killed in B"): that sentence's figures (of one kind, each
    at a place of its own: ``_placed_parts``) add up to a total of their kind an earlier sentence states. Returns the
    sentence of the parts, the parts and the sentences stating the sum; None when the incident tells none."""
    ordered = sorted(inc.sentences, key=lambda s: s.start)
    for j, sent in enumerate(ordered):
        kinds = {f.kind for f in sent.figures if f.role != "zero"}
        if len(kinds) != 1 or len(sent.points) < 2:
            continue
        figs = [f for f in sent.figures if f.role in _PART_ROLES]
        parts = _placed_parts(sent, figs)
        if not parts or len(figs) != len(sent.figures):
            continue
        kind, told = kinds.pop(), sum(f.value for f in figs)
        sums = [s for s in ordered[:j] if any(f.kind == kind and f.role == "total" and f.value == told
                                              for f in s.figures)]
        if sums:
            return sent, parts, sums
    return None


def _breakdown_across(inc: _Incident) -> tuple[list[_Sentence], list[tuple[Figure, Place]], list[_Sentence]] | None:
    """A total an incident states, then tells victim by victim in later sentences of its own, each at one settlement
    ("two civilians were killed in the A community. A woman died in the town of A. A man was killed in the village
    of B"): those sentences (one figure each, of the total's kind, one place each, at distinct settlements) add up to
    the total. Returns the sentences of the parts (one per part), the parts and the sentence stating the sum; None
    when the incident tells none (a sentence of the total's kind that is no such part ends the search)."""
    ordered = sorted(inc.sentences, key=lambda s: s.start)
    for j, sent in enumerate(ordered):
        for total in (f for f in sent.figures if f.role == "total"):
            told: list[_Sentence] = []
            parts: list[tuple[Figure, Place]] = []
            for later in ordered[j + 1:]:
                figs = [f for f in later.figures if f.role != "zero"]
                if not any(f.kind == total.kind for f in figs):
                    continue
                if len(figs) != 1 or figs[0].role not in _PART_ROLES or len(later.points) != 1:
                    break
                told.append(later)
                parts.append((figs[0], later.points[0]))
                if sum(f.value for f, _p in parts) >= total.value:
                    break
            if len(parts) >= 2 and sum(f.value for f, _p in parts) == total.value and \
                    all(distinct_settlements(a, b) for i, (_f, a) in enumerate(parts) for _g, b in parts[i + 1:]):
                return told, parts, [sent]
    return None


def _sum_by_place(inc: _Incident) -> tuple[_Incident | None, list[tuple[_Incident, Place]]]:
    """An incident whose sentence states a total and then breaks it down by place (``_breakdown``), or whose later
    sentence breaks down a total it stated (``_later_breakdown``), or whose later sentences count its victims one
    place each (``_breakdown_across``): the total is a sum over those places, each of which
    is an incident of its own with its part as its toll. The sentences stating the sum keep their figures only as
    claims (the region's: "strikes on the region killed 11 and injured 35", then the dead by town: the 35 are no
    town's toll), held by the part whose place they name, else by the first; each other part is told the attack they
    tell (its weapon), with no figure or place of theirs. The incident's other
    sentences go to the part whose place they name, or, naming none, to the part whose figure they restate or the
    part of the sentence before them; what is left (sentences of other places) stays an incident. Returns the
    incident (None when nothing is left of it) and the parts; the incident itself and no part without a breakdown."""
    found = next(((sent, parts, []) for sent in inc.sentences if (parts := _breakdown(sent))), None) or \
        _later_breakdown(inc)
    told: list[_Sentence]  # the sentence that tells each part (one for all when one sentence breaks the sum down)
    if found is not None:
        told = [found[0]] * len(found[1])
        parts, sums = found[1], found[2]
    elif (across := _breakdown_across(inc)) is not None:
        told, parts, sums = across
    else:
        return inc, []
    groups: list[list[_Sentence]] = [[] for _ in parts]
    rest: list[_Sentence] = []
    last: int | None = None  # the part the sentence before went to
    for sent in sorted(inc.sentences, key=lambda s: s.start):
        owners = [i for i, t in enumerate(told) if t is sent]
        if owners:
            for i in owners:
                fig, place = parts[i]
                groups[i].append(replace(sent, figures=[replace(fig, role="total")], points=[place]))
            last = owners[0] if len(owners) == 1 else None  # what follows a victim's sentence is told of its place
            continue
        named = [i for i, (_f, place) in enumerate(parts) if any(same_place(q, place) for q in sent.points)]
        if any(sent is s for s in sums):  # the sum's claims go to one part; the attack it tells, to each
            home = named[0] if len(named) == 1 else 0
            for i, group in enumerate(groups):
                group.append(replace(sent, figures=[f if f.role == "zero" else replace(f, role="aggregate")
                                                    for f in sent.figures]) if i == home else
                             replace(sent, figures=[], points=[]))
            continue
        if sent.points:
            last = named[0] if len(named) == 1 and len(sent.points) == 1 else None
        elif last is None:
            same = [i for i, (fig, _p) in enumerate(parts)
                    if any(f.kind == fig.kind and f.value == fig.value for f in sent.figures)]
            last = same[0] if len(same) == 1 else None
        (rest if last is None else groups[last]).append(sent)
    out = [(_Incident(sentences=group, date=inc.date, dated_by=inc.dated_by, nouns=set(inc.nouns)), place)
           for group, (_f, place) in zip(groups, parts)]
    left = replace(inc, sentences=rest) if any(s.content for s in rest) else None
    return left, out


def _harm_of_its_day(inc: _Incident, sentences: list[_Sentence], published: EventDate) -> bool:
    """Harm told with no attack word on a day of its own in an article that tells attacks ("On May 3, dozens of
    people were wounded." in a day-by-day list of strikes): an attack of that day, its toll unstated."""
    day = inc.date
    if day is None or day.precision != 1 or day.date is None or day.date == published.date or _earlier(inc):
        return False
    harm = any(f.role != "zero" and f.kind in ("killed", "injured") for f, _c in inc.figures)
    return harm and any(s.strikes for s in sentences if s not in inc.sentences)


def _heard_only(inc: _Incident) -> bool:
    """An incident told only by the sound of explosions ("explosions were heard in A", "a blast rang out"), with no
    figure of any kind and no other strike: evidence of something, not an incident (an attack the sound goes with is
    told by an attack word of its own; a toll told after it makes it one)."""
    return bool(inc.strikes) and all(sounded(t) for t in inc.strikes) and \
        not any(s.figures for s in (*inc.sentences, *inc.support, *inc.parts))


def _in_passing(inc: _Incident) -> bool:
    """A strike told in passing: one sentence naming no place of its own (the place is borrowed from before), with
    no figure, no day and nothing referring back to it ("the threats stem from missile strikes", "Russia has since
    launched attacks on the energy grid"): a remark about the war, not an incident at the place named before."""
    return len(inc.sentences) == 1 and not inc.support and not inc.parts and inc.date is None and \
        not any(s.figures for s in inc.sentences)


def _placeless_summary(inc: _Incident) -> bool:
    """Strikes told over several sentences none of which names a place, states a day or a toll, and that nothing
    refers back to ("forces also struck railway substations ... N troops were killed or wounded ... air defences shot
    down N drones over 24 hours"): a side's summary of the war, not an incident at the place named before."""
    return len(inc.sentences) > 1 and not inc.support and not inc.parts and inc.date is None and \
        inc.toll("killed") is None and inc.toll("injured") is None and \
        not any(s.points or s.oblasts or s.date is not None for s in inc.sentences)


def _incident_event(article: str, text: str, inc: _Incident, place: Place, borrowed: bool, published: EventDate,
                    first_para: int, strikes_seen: dict[tuple, Event]) -> Event | None:
    """The event of one incident at ``place``; None when it is a strike already told (same place, kind and day:
    its sources join that one's)."""
    if borrowed and (_in_passing(inc) or _placeless_summary(inc)):
        return None
    killed, injured = inc.toll("killed"), inc.toll("injured")
    casualty = bool(killed or injured) and not _joint_toll(inc, place)
    subs = sorted({t.sub for t in inc.strikes}, key=lambda s: _RANK[s])
    if subs:
        sub = subs[0]
    else:
        sub = "bodies_found" if any(_BODIES.search(s.text) for s in inc.sentences) else "unspecified"
    actor = next((t.actor for t in inc.strikes if t.actor != "unknown"), "unknown")
    sources = [Source(article, s.text, s.start, s.end) for s in sorted(inc.sentences + inc.support + inc.parts,
                                                                            key=lambda s: s.start)]
    claims = [CasualtyClaim(f.kind, f.value, f.text, who, article, f.start, f.end, f.role, f.approximate, f.update)
              for f, who in inc.figures + [(f, s.claimant) for s in inc.parts for f in s.figures]]
    headline = any(s.para <= first_para + 1 for s in inc.sentences)
    base = WEIGHTS.conf_base_casualty if casualty else WEIGHTS.conf_base_strike
    conf = _confidence(base, point=place.feature_kind in POINT_KINDS, dated=bool(inc.date and inc.date.date),
                       claimant=any(c.claimant for c in claims), headline=headline, borrowed=borrowed)
    when = _when(inc.date, published) if not _earlier(inc) or inc.date is not None else EARLIER
    event = _event_at("casualty_report" if casualty else "frontline_incident", sub, when,
                      place, text, sources, conf, borrowed=borrowed, killed=killed if casualty else None,
                      injured=injured if casualty else None, casualty_text=[c.text for c in claims],
                      actor=actor, casualty_claims=claims)
    if inc.dated_by is not None:
        event.date_basis = date_basis(inc.dated_by.text, inc.date, published)
    if casualty:
        event.reports = [Report(article, published.date, event.killed, event.injured)]
    else:  # the same strike told again (same place, kind and day) is the same incident
        key = (place.geonameid or place.name, sub, event.when.date)
        if key in strikes_seen:
            _fold_sources(strikes_seen[key], event)
            return None
        strikes_seen[key] = event
    return event


# where weapons were launched from or headed for, not where they were brought down ("drones launched from the X region")
_NOT_OVER = re.compile(r"\b(?:from|towards?|toward|at)\s+(?:the\s+)?(?:\w+\s+)?$", re.IGNORECASE)


def _over_regions(inc: _Incident) -> dict[str, Place]:
    """The regions named where an incident's weapons were brought down ("air defences destroyed 12 drones over the
    A, B and C regions"), by admin-1 code, in the order named; only the parties' own (``REGION_ATTACK_COUNTRIES``),
    never a region named as where they came from. Empty for a country-wide tally ("40 drones were downed
    overnight") or a town: no attack of its own (``INTERCEPTIONS_ALONE``)."""
    units: dict[str, Place] = {}
    for sent in inc.sentences:
        if not sent.strikes or not all(t.intercepted for t in sent.strikes):
            continue
        for unit in sent.oblasts:
            if unit.admin1_code and unit.country_code in REGION_ATTACK_COUNTRIES and \
                    not _NOT_OVER.search(sent.text[:unit.start - sent.start]):
                units.setdefault(unit.admin1_code, unit)
    return units


def _by_region(inc: _Incident, named: dict[str, Place]) -> list[tuple[_Incident, Place]]:
    """An incident told as an attack on several named regions (weapons brought down over each: ``_over_regions``; a
    list of regions struck: ``_oblasts_listed``), one part per region, with the place of each: the attack on each
    region named (an attack told hit as well counts at the region it hit).

    Each sentence of the incident that tells of one region (its oblast, its town, or the region its official speaks
    for: "the A governor said a woman was injured") goes to that region: its figures are the region's own toll, its
    town the region's place ("in the village of X in the A region"). A sentence naming no region goes to the only
    region the sentence before told of, if one; a figure told for several regions is no region's toll."""
    units = dict(named)
    if not units:
        return []
    told: dict[str, list[_Sentence]] = {code: [] for code in units}
    last: set[str] = set(units)  # the region the sentence before told of (one, or several)
    for sent in inc.sentences:
        over = [code for code in units if any(u.admin1_code == code for u in sent.oblasts)]
        if over and sent.strikes and (len(over) > 1 or all(t.intercepted for t in sent.strikes)):
            shared = replace(sent, figures=[]) if len(over) > 1 else sent  # a figure of several regions: none's own
            for code in over:
                told[code].append(shared)  # the weapons brought down over each region named
            last = set(over)
            continue
        regions = sent.regions or last  # "Two people were injured." goes on about the region told before
        last = regions
        if len(regions) != 1:
            continue  # a figure of several regions, or of none among several: no region's own
        code = next(iter(regions))
        if code not in told:
            if not any(f.role in ("total", "individual", "observation") for f in sent.figures):
                continue  # another region named in passing, with no toll of its own
            units[code] = next(p for p in (*sent.oblasts, *sent.titled, *sent.points) if p.admin1_code == code)
            told[code] = []
        told[code].append(sent)
    out = []
    for code, unit in units.items():
        group = told[code]
        if not group:
            continue
        points = [p for s in group for p in s.points if p.admin1_code == code]
        part = _Incident(sentences=group, date=inc.date, dated_by=inc.dated_by)
        out.append((part, points[0] if points else unit))
    return out


def _fold_over_regions(events: list[Event], over_regions: list[Event]) -> list[Event]:
    """Strikes told only by weapons brought down over a region that the article also tells as an attack there (the
    same kind of strike in that region, on the same day): part of that attack, their sources joined to it."""
    if not over_regions:
        return events
    out = []
    for event in events:
        if any(e is event for e in over_regions):
            other = next((o for o in events if o is not event and not any(o is e for e in over_regions) and
                          o.admin1_code == event.admin1_code and o.sub_event_type == event.sub_event_type and
                          o.when.date == event.when.date), None)
            if other is not None:
                _fold_sources(other, event)
                continue
        out.append(event)
    return out


# a toll told for several strikes together ("two people were killed in these attacks", "in all"): no one place's
_JOINT = re.compile(r"\b(?:these|those|the|such|all|both)\s+(?:\w+\s+)?(?:attacks|strikes|shellings|bombings|raids)\b|"
                    r"\b(?:in all|in total|combined|altogether)\b", re.IGNORECASE)


def _joint_toll(inc: _Incident, place: Place) -> bool:
    """Whether the incident's toll is told for a list of struck places its place is one of ("cities were targeted,
    including A, B and C. Two people were killed in these attacks"): the toll is no single place's (the claims stay)."""
    told = [s for s in inc.sentences if s.figures]
    if not told or not all(_JOINT.search(s.text) for s in told):
        return False
    if any(s.points and all(same_place(p, place) for p in s.points) for s in told):
        return False  # "four were injured in A, and a hospital was damaged in the drone attacks": A's own toll
    for sent in inc.sentences:
        if sent.figures:
            continue
        for trig in sent.strikes:
            listed = _objects(sent, trig, None)
            if len(listed) >= 2 and any(same_place(p, place) for p in listed):
                return True
    return False


def _oblasts_listed(inc: _Incident) -> list[Place]:
    """The oblasts an incident with no town names as one list in one sentence ("over the A and B regions", "A, B
    and C oblasts"), one each; empty when it names a town, or oblasts apart."""
    if inc.points:
        return []
    for sent in inc.sentences:
        if listed := _units_listed(sent):
            return listed
    return []


def _units_listed(sent: _Sentence) -> list[Place]:
    """The oblasts a sentence names as one list of two or more ("the A and B regions", "the regions of A and B"), one
    each; empty when it names fewer, or names them apart."""
    units = sent.oblasts
    if len({u.admin1_code for u in units}) < 2:
        return []
    s0 = sent.start
    if not all(_OBLAST_LIST_GAP.match(sent.text[a.end - s0:b.start - s0]) for a, b in zip(units, units[1:])):
        return []
    seen: dict[str, Place] = {}
    for u in units:
        seen.setdefault(u.admin1_code, u)
    return list(seen.values())


# between two oblasts of one list ("the Belgorod, Kursk and Bryansk regions", "Kharkiv and Sumy oblasts")
_OBLAST_LIST_GAP = re.compile(r"^(?:\s+(?i:regions?|oblasts?|provinces?))?(?:\s*,\s*|\s*,?\s+and\s+)"
                              r"(?:the\s+)?$")


def _per_oblast(article: str, text: str, inc: _Incident, units: list[Place], published: EventDate,
                seen: dict[tuple, Event]) -> list[Event]:
    """A strike with no figure told over a list of oblasts: one oblast-level strike in each."""
    out = []
    sub = sorted({t.sub for t in inc.strikes}, key=lambda s: _RANK[s])[0]
    actor = next((t.actor for t in inc.strikes if t.actor != "unknown"), "unknown")
    sources = [Source(article, s.text, s.start, s.end) for s in inc.sentences]
    when = _when(inc.date, published) if not _earlier(inc) or inc.date is not None else EARLIER
    for unit in units:
        key = (unit.admin1_code, sub, when.date)
        if key in seen:
            continue
        conf = _confidence(WEIGHTS.conf_base_strike, point=False, dated=bool(inc.date and inc.date.date),
                           claimant=False, headline=False, borrowed=False)
        event = _event_at("frontline_incident", sub, when, unit, text, list(sources), conf, actor=actor)
        if inc.dated_by is not None:
            event.date_basis = date_basis(inc.dated_by.text, inc.date, published)
        seen[key] = event
        out.append(event)
    return out


# a list of struck places going on into regions ("A, B and the X, Y and Z regions"): the regions' names, then the word
_REGION_TAIL = re.compile(r"\s*,?\s+(?:and|as\s+well\s+as)\s+(?:in\s+)?the\s+(?P<names>[^.;:!?()\"“”]{1,120}?)\s+"
                          r"(?i:regions|oblasts|provinces|region|oblast|province)\b")
# ... or before them, right after the verb ("hit the X and Y regions and the city of A"): the words up to the settlements
_REGION_HEAD = re.compile(r"\s*(?:(?:on|at|in|against|across|over)\s+)?the\s+(?P<names>[^.;:!?()\"“”]{1,120}?)\s+"
                          r"(?i:regions|oblasts|provinces|region|oblast|province)(?:\s*,\s*|\s*,?\s+(?:and|as\s+well\s+as)"
                          r"\s+)(?:(?:on|at|in)\s+)?(?=(?:the\s+)?(?:(?i:city|town|village)\s+of\s+)?[A-Z])")
# what may stand between the names of such regions: separators, and names the gazetteer did not know
_REGION_NAMES_GAP = re.compile(r"^(?:\s*,\s*|\s*,?\s+and\s+|\s+[A-Z][\w'’-]*)*\s*$")


def _with_regions(sent: _Sentence, trig: Trigger, listed: list[Place]) -> list[Place]:
    """The places an active strike takes as objects with the regions its list names before or after its settlements
    ("struck the X and Y regions and A", "struck A, B and the X and Y regions"), each region as its admin-1 unit (a
    regional capital's name stands for its region there), in order; none whose unit a settlement of the list lies in
    (the region of a town struck is told by the town), none when the words between the regions' names are not only
    names and separators."""
    s0 = sent.start
    spans = []
    head = None if trig.passive else _REGION_HEAD.match(sent.text, trig.end)
    if head is not None:
        listed = _objects(sent, replace(trig, end=head.end()), None)  # the settlements after the regions
        spans.append(head.span("names"))
    if listed and (tail := _REGION_TAIL.match(sent.text, listed[-1].end - s0)) is not None:
        spans.append(tail.span("names"))
    told = {p.admin1_code for p in listed}
    units: dict[str, Place] = {}
    for lo, hi in spans:
        named = sorted((p for p in (*sent.points, *sent.oblasts) if lo <= p.start - s0 and p.end - s0 <= hi),
                       key=lambda p: p.start)
        cuts = [lo, *(x for p in named for x in (p.start - s0, p.end - s0)), hi]
        if not named or not all(_REGION_NAMES_GAP.match(sent.text[a:b]) for a, b in zip(cuts[::2], cuts[1::2])):
            continue
        for p in named:
            if p.admin1_code and p.admin1_code not in told:
                units.setdefault(p.admin1_code, p if p.feature_kind == "admin1" else
                                 replace(p, name=p.admin1_name or p.name, geonameid=None, feature_kind="admin1",
                                         capital=False, approx_point=False))
    return listed + list(units.values())


# between the subject of a passive strike and its verb ("A and B were shelled", "A, B and C have also been hit")
_PASSIVE_GAP = re.compile(r"^\s*(?:(?:were|was|are|is|have\s+been|has\s+been|had\s+been)\s+)(?:(?:also|again|\w+ly)\s+)*$",
                          re.IGNORECASE)


def _subject_of_passive(sent: _Sentence, trig: Trigger, listed: list[Place]) -> bool:
    """Whether ``listed`` is the subject of the passive strike ``trig`` right before its auxiliary ("the villages of A
    and B were shelled"), not places named earlier in the sentence ("residents of A said homes were hit")."""
    return bool(listed) and _PASSIVE_GAP.match(sent.text[listed[-1].end - sent.start:trig.start]) is not None


def _listed_targets(article: str, text: str, inc: _Incident, event: Event, seen: dict[tuple, Event]) -> list[Event]:
    """The other settlements the strike verbs of a sentence take as objects ("shelled the villages of A and B",
    "struck A, B and C", "shelled A and attacked B"), each a strike of its own on the incident's day. The toll stays
    with the incident as told (a frontline incident at each other place: a toll never belongs to each place of a
    list). Explosions heard in a list of places are no strike on each (``_heard_only``)."""
    out = []
    for sent in inc.sentences:
        objects = [(trig, _objects(sent, trig, None)) for trig in sent.strikes if not sounded(trig)]
        objects = [(trig, _with_regions(sent, trig, listed)) for trig, listed in objects
                   if not trig.passive or _subject_of_passive(sent, trig, listed)]
        if len({p.geonameid or p.name for _t, listed in objects for p in listed}) < 2:
            continue
        told: set = set()  # one strike per place of the sentence ("attacked X with guided bombs": two triggers)
        for trig, listed in objects:
            for place in listed:
                if (place.geonameid or place.name) in told:
                    continue
                told.add(place.geonameid or place.name)
                if event.place is not None and same_place(place, event.place) and \
                        not distinct_settlements(place, event.place):
                    continue
                key = (place.geonameid or place.name, trig.sub, event.when.date)
                if key in seen:
                    continue
                other = _event_at("frontline_incident", trig.sub, event.when, place, text,
                                  [Source(article, sent.text, sent.start, sent.end)], event.confidence,
                                  actor=trig.actor)
                other.date_basis = event.date_basis
                seen[key] = other
                out.append(other)
    return out


# "the first (such) attack on X since June 26": the attack on X that day, told in passing (an incident of its own)
_FIRST_SINCE = re.compile(r"\bfirst\s+(?:(?:such|major|large|massive|big|direct|missile|drone|air)\s+){0,2}"
                          r"(?:attack|strike|assault|bombardment|shelling)s?\s+(?:on|against|in|of)\s+"
                          r"(?P<target>[^,.;:]{1,60}?)\s+since\s+(?P<when>[^,.;:]{3,40})", re.IGNORECASE)
_FIRST_SINCE_KIND = (("missile_strike", re.compile(r"missile", re.IGNORECASE)),
                     ("drone_strike", re.compile(r"drone", re.IGNORECASE)),
                     ("airstrike", re.compile(r"\bair\b|bombard", re.IGNORECASE)),
                     ("shelling", re.compile(r"shelling", re.IGNORECASE)))


def _attacks_since(article: str, text: str, sentences: list[_Sentence], published: EventDate,
                   seen: dict[tuple, Event]) -> list[Event]:
    """Earlier attacks an article names as the last before its news ("the first attack on the capital since June
    26"): a strike at the place named, on the day named (a calendar or relative day, never a span: "since the war
    began" names no day), unless the article tells that strike itself."""
    out = []
    for sent in sentences:
        if "since" not in sent.text or not sent.points:
            continue
        for m in _FIRST_SINCE.finditer(sent.text):
            day = explicit_date("on " + m.group("when"), published)
            if day is None or day.date is None or day.precision != 1 or (sent.date and sent.date.date == day.date):
                continue
            where = [p for p in sent.points if m.start("target") <= p.start - sent.start < m.end("target")]
            if not where:
                continue
            sub = next((name for name, rx in _FIRST_SINCE_KIND if rx.search(m.group(0))), None) or \
                next((t.sub for t in sent.strikes), "attack")
            key = (where[0].geonameid or where[0].name, sub, day.date)
            if key in seen:
                continue
            conf = _confidence(WEIGHTS.conf_base_strike, point=True, dated=True, claimant=False, headline=False,
                               borrowed=False)
            event = _event_at("frontline_incident", sub, day, where[0], text,
                              [Source(article, sent.text, sent.start, sent.end)], conf,
                              actor=next((t.actor for t in sent.strikes if t.actor != "unknown"), "unknown"))
            event.date_basis = date_basis("on " + m.group("when"), day, published)
            seen[key] = event
            out.append(event)
    return out


# an attack told as the latest of a run on consecutive days ("the second day in a row of drone attacks on the
# city", "for a second consecutive night"): the same place was struck the day before
_IN_A_ROW = re.compile(r"\b(?:second|2nd)\s+(?:(?:straight|consecutive|successive)\s+)?(?:day|night)\b"
                       r"(?:\s+in\s+a\s+row)?(?=[^.;]{0,80}?\b(?:attacks?|strikes?|shelling|bombardment|raids?|hit|"
                       r"struck|attacked|targeted)\b|\s+(?:in\s+a\s+row|running))|"
                       r"\b(?:attacks?|strikes?|shell(?:ing|ed)|bombed|hit|struck|attacked|targeted)\b[^.;]{0,60}?\bfor\s+(?:a|the)\s+"
                       r"second\s+(?:(?:straight|consecutive|successive)\s+)?(?:day|night)\b", re.IGNORECASE)
# the same target told as struck before, on no stated day ("a fire at the same facility struck days earlier"): an
# earlier attack on the place, its day unknown
_STRUCK_BEFORE = re.compile(r"\bsame\s+(?:[\w-]+\s+){0,2}?(?:struck|hit|attacked|targeted)\s+(?:just\s+)?"
                            r"(?:a\s+few\s+|several\s+|two\s+|three\s+)?(?:days?|weeks?)\s+(?:earlier|before|ago)\b",
                            re.IGNORECASE)


def _repeated(article: str, text: str, inc: _Incident, event: Event, seen: dict[tuple, Event]) -> list[Event]:
    """The earlier attack an incident is told as a repeat of (``_IN_A_ROW``: the day before its own; ``_STRUCK_BEFORE``:
    undated), at the incident's place, as a strike of the same kind; none when the article tells that strike itself
    or the incident has no day of its own for "the day before"."""
    place = event.place
    if place is None or _earlier(inc):
        return []
    for sent in inc.sentences + inc.support:
        row = _IN_A_ROW.search(sent.text)
        if row is not None and realis(sent.text, row.start()):
            day = parse_iso(event.when.date) if event.when.precision == 1 else None
            if day is None:
                return []
            when = EventDate((day - timedelta(days=1)).isoformat(), 1, "the day before a repeat attack")
        elif (before := _STRUCK_BEFORE.search(sent.text)) is not None and realis(sent.text, before.start()):
            when = UNDATED
        else:
            continue
        key = (place.geonameid or place.name, event.sub_event_type, when.date)
        if key in seen:
            return []
        conf = _confidence(WEIGHTS.conf_base_strike, point=place.feature_kind in POINT_KINDS, dated=when.date is not None,
                           claimant=False, headline=False, borrowed=False)
        earlier = _event_at("frontline_incident", event.sub_event_type, when, place, text,
                            [Source(article, sent.text, sent.start, sent.end)], conf, actor=event.actor)
        seen[key] = earlier
        return [earlier]
    return []


# damage told place by place after the weapons that did it ("most of the drones were downed, but there is damage in
# A, in the B district and in C"): the weapon named before the damage in the same sentence, its kind the strike's
_DAMAGE = re.compile(r"\b(?:damage[ds]?|destroyed)\b", re.IGNORECASE)
# the weapons by their nouns ("missiles and drones"): what a sentence says hit, whatever its verb
WEAPON_NOUNS = (("drone_strike", re.compile(r"\b(?:drones?|UAVs?)\b", re.IGNORECASE)),
                ("missile_strike", re.compile(r"\b(?:missiles?|rockets?)\b", re.IGNORECASE)),
                ("shelling", re.compile(r"\b(?:shells?|shelling|artillery)\b", re.IGNORECASE)))


def _damage_lists(article: str, text: str, sentences: list[_Sentence], published: EventDate, told: list[Event],
                  seen: dict[tuple, Event]) -> list[Event]:
    """Strikes told only by the damage they did at each place a sentence lists, after naming the weapons
    (``WEAPON_NOUNS``) in the same sentence (which tells no strike but weapons brought down), in an article that
    tells attacks: one strike per place, of the
    weapon's kind, on the sentence's day (else the page's); none where the article already tells an event, nor from
    damage of no named weapon ("a pipeline was damaged and a fire broke out"), a hedged or an earlier period's."""
    if not any(s.strikes for s in sentences):
        return []
    out: list[Event] = []
    for sent in sentences:
        if any(not t.intercepted for t in sent.strikes) or sent.figures or not sent.points or sent.earlier:
            continue  # (weapons brought down are no strike of their own: "most were shot down, but ...")
        damage = _DAMAGE.search(sent.text)
        if damage is None or not realis(sent.text, damage.start()):
            continue
        before = sent.text[:damage.start()]
        sub = next((name for name, rx in WEAPON_NOUNS if rx.search(before)), None)
        if sub is None:
            continue
        when = _when(sent.date, published)
        for place in (p for p in sent.points if p.start - sent.start >= damage.end()):
            key = (place.geonameid or place.name, sub, when.date)
            if key in seen or any(e.place is not None and same_place(e.place, place) for e in told + out):
                continue
            conf = _confidence(WEIGHTS.conf_base_strike, point=True, dated=sent.date is not None, claimant=False,
                               headline=False, borrowed=False)
            event = _event_at("frontline_incident", sub, when, place, text,
                              [Source(article, sent.text, sent.start, sent.end)], conf, actor="unknown")
            seen[key] = event
            out.append(event)
    return out


# the places damage was done in, after the damage word ("damaged substations in the A, B and C regions", "damage to
# facilities across A and B regions"): a locative preposition, then only the words of the list (no clause break)
_DAMAGE_IN = re.compile(r"\b(?:in|across|of)\s+(?:the\s+)?(?:[\w'’-]+(?:\s*,\s*|\s+(?:and\s+)?)){0,8}?$",
                        re.IGNORECASE)
# how far back the attack a damage report follows may lie: sentences, and paragraphs
_DAMAGE_BACK_SENTENCES = 3
_DAMAGE_BACK_PARAS = 2  # (wire copy often makes each sentence a paragraph)


def _attack_before(sentences: list[_Sentence], sent: _Sentence) -> _Sentence | None:
    """The attack a damage report follows: the nearest sentence before ``sent`` that tells a strike, at most
    ``_DAMAGE_BACK_SENTENCES`` back and at most ``_DAMAGE_BACK_PARAS`` paragraphs before, with only sentences that tell no strike
    and name no town in between ("Russia attacked Ukraine with missiles and drones overnight. Air defences brought
    down 55 of them. || The grid operator reported damage in the A and B regions.")."""
    for back in range(1, _DAMAGE_BACK_SENTENCES + 1):
        if sent.index - back < 0:
            return None
        prev = sentences[sent.index - back]
        if sent.para - prev.para > _DAMAGE_BACK_PARAS:
            return None
        if prev.strikes:
            return prev
        if prev.points or prev.figures:
            return None
    return None


def _attack_weapon(sent: _Sentence) -> str | None:
    """The weapon of the attack ``sent`` tells: its strike triggers' weapon, else the weapons it names
    (``WEAPON_NOUNS``: "attacked Ukraine with missiles and drones"); missiles when they are among several (the
    weapon ``INCIDENT_TRIGGERS`` ranks first); None when it names no weapon (an assault may be on foot)."""
    kinds = {t.sub for t in sent.strikes} & _WEAPONS or \
        {name for name, rx in WEAPON_NOUNS if any(rx.search(sent.text, t.start - sent.start) for t in sent.strikes)}
    if len(kinds) > 1 and "missile_strike" in kinds:
        return "missile_strike"
    return next(iter(kinds)) if len(kinds) == 1 else None


def _damage_by_region(article: str, text: str, sentences: list[_Sentence], published: EventDate, told: list[Event],
                      seen: dict[tuple, Event]) -> list[Event]:
    """Damage told of whole regions right after an attack of one weapon (``_attack_before``, ``_attack_weapon``),
    by their officials ("drones wounded three in the A region. The governors of the B and C regions reported damage,
    but no casualties.") or in the regions it lists ("Russia attacked the grid with missiles and drones overnight. ...
    The operator reported damage to substations in the B, C and D regions."): the same attack on each region named, at
    its oblast, on the day of the attack's sentence (else the page's); none in a region the article already tells an
    event of, none from a sentence naming a town, telling a toll or an attack of its own."""
    out: list[Event] = []
    for sent in sentences:
        if sent.strikes or sent.points or sent.earlier or any(f.role != "zero" for f in sent.figures):
            continue
        damage = _DAMAGE.search(sent.text)
        if damage is None or not realis(sent.text, damage.start()):
            continue
        prev = _attack_before(sentences, sent)
        sub = _attack_weapon(prev) if prev is not None else None
        if sub is None:
            continue
        when = _when(prev.date, published)
        units: dict[str, Place] = {}
        for unit in (*sent.oblasts, *sent.titled):
            at = unit.start - sent.start
            if unit.admin1_code and (at < damage.start() or
                                     _DAMAGE_IN.search(sent.text, damage.end(), at) is not None and
                                     not re.search(r"[.;:!?]", sent.text[damage.end():at]) and
                                     realis(sent.text, at)):  # ("damage could be expected in the A region")
                units.setdefault(unit.admin1_code, unit)
        for code, unit in units.items():
            key = (code, sub, when.date)
            if key in seen or any(e.admin1_code == code for e in told + out):
                continue
            conf = _confidence(WEIGHTS.conf_base_strike, point=False, dated=prev.date is not None, claimant=True,
                               headline=False, borrowed=False)
            event = _event_at("frontline_incident", sub, when, unit, text,
                              [Source(article, prev.text, prev.start, prev.end),
                               Source(article, sent.text, sent.start, sent.end)], conf, actor="unknown")
            if prev.date is not None:
                event.date_basis = date_basis(prev.text, prev.date, published)
            seen[key] = event
            out.append(event)
    return out


# combatants as the victims of a figure ("120 soldiers were killed"): a belligerent's battle losses
_COMBATANT_VICTIMS = re.compile(r"\b(?:soldiers|servicem[ae]n|troops|fighters|militants|mercenaries|personnel|"
                                r"servicepeople|paratroopers|marines|militiamen)\b", re.IGNORECASE)


# a side's count of the other side's battle losses over a period or a sector of the front ("78 enemy soldiers were
# killed in the X sector during the day, another 140 wounded"; "the enemy lost 120 men over the past day"): a tally of
# fighting, not the toll of a strike told near it
_LOSSES_OF_A_SIDE = re.compile(r"\b(?:enemy|occupiers|invaders|losses)\b", re.IGNORECASE)
_CIVILIAN_VICTIMS = re.compile(r"\b(?:civilians?|residents?|people|children|child|women|woman|pensioners?|"
                               r"inhabitants|passers-by|family)\b", re.IGNORECASE)
_TALLY_SPAN = re.compile(r"\b(?:(?:during|over|in|for)\s+(?:the\s+)?(?:(?:past|last)\s+)?(?:day|24\s+hours|week)|"
                         r"(?:sector|direction|axis)\b|per\s+day|"
                         # ... or over a battle ("over three days of fighting for X", "in the battle for X")
                         r"(?:days|weeks|months)\s+of\s+(?:fighting|battles?|combat)|"
                         r"in\s+(?:the\s+)?(?:battles?|fighting|combat)\s+(?:for|near|around|over|in)|"
                         r"over\s+(?:the\s+)?(?:(?:past|last)\s+)?(?:two|three|four|five|six|seven|several|\d+)\s+days)\b",
                         re.IGNORECASE)


def _without_battle_tally(sent: _Sentence) -> _Sentence:
    """``sent`` without its figures when they are only a tally of battle losses (``_TALLY_SPAN``): combatants or a
    side's losses counted, no civilian, no strike told in the sentence."""
    if not sent.figures or sent.strikes or _CIVILIAN_VICTIMS.search(sent.text) or \
            not (_COMBATANT_VICTIMS.search(sent.text) or _LOSSES_OF_A_SIDE.search(sent.text)) or \
            not _TALLY_SPAN.search(sent.text):
        return sent
    return replace(sent, figures=[])


def _battle_losses(inc: _Incident) -> bool:
    """An incident that is only a belligerent's count of the other side's dead in a change-of-control report ("the
    village was taken, more than 120 soldiers were killed on the other side"): no strike is told, every sentence
    reports a change of control, and every figure counts combatants. A claim of battle losses, no casualty report."""
    if inc.strikes or not inc.figures:
        return False
    if not all(any(t.control for t in s.triggers) for s in inc.sentences):
        return False
    return all(_COMBATANT_VICTIMS.search(f.text) for f, _c in inc.figures)


def _count_alone(inc: _Incident) -> bool:
    """An incident that is only a count: figures told with no attack, no day and no place of their own ("More than
    20 people have been killed," a visitor quotes in a report about something else). Its place could only be
    borrowed from sentences about something else, and a count with no attack and no day is a running total as often
    as an incident: a claim, no casualty report."""
    return not inc.strikes and inc.date is None and not any(s.points or s.oblasts for s in inc.sentences)


def _fold_sources(into: Event, other: Event) -> None:
    have = {(s.start, s.end) for s in into.sources}
    into.sources += [s for s in other.sources if (s.start, s.end) not in have]
    into.confidence = max(into.confidence, other.confidence)


# -- changes of control -------------------------------------------------------------------------


# a list going on after its last named place ("A, B and ten other villages were retaken"): the tally is more of the list
_LIST_CONTINUES = re.compile(r"\s*(?:,|and\b|as well as\b)", re.IGNORECASE)
# people taken, not a place: a person before a capture participle with no object of its own ("soldiers captured in the
# first weeks, on X", "fighters captured at X"), or people as the verb's object ("captured 102 soldiers in the X
# region"); collective subjects ("troops", "forces") are left out: "Russian troops captured X" takes a place
_PEOPLE = (r"(?:soldiers?|servicem[ae]n|servicewom[ae]n|fighters|militants|prisoners?|POWs?|officers?|marines|sailors|"
           r"pilots?|defenders|civilians|people|men|women|children|residents|hostages|mercenaries)")
_PEOPLE_BEFORE = re.compile(r"\b" + _PEOPLE + r"\s+(?:(?:who|that)\s+(?:were|was|had\s+been|have\s+been)\s+)?$",
                            re.IGNORECASE)
_NO_OBJECT_AFTER = re.compile(r"\s*(?:,|(?:in|on|at|during|by|near|after|since|from|while|earlier|last|when)\b)",
                              re.IGNORECASE)
_PEOPLE_AFTER = re.compile(r"\s+(?:(?:more\s+than|at\s+least|over|about|some|nearly|almost|dozens\s+of|hundreds\s+of|"
                           r"several|many|\d[\d,]*|\w+teen|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                           r"twelve|twenty|thirty|forty|fifty|a|an|the|Russian|Ukrainian|enemy|wounded|foreign)\s+){0,4}"
                           + _PEOPLE + r"\b", re.IGNORECASE)
# a tally of settlements that names none ("six settlements in the X region have been liberated"): no place changed
# hands that the map could show (the region is no settlement of the tally)
_UNIT_WORD = re.compile(r"\b(?:oblast|region|province)$", re.IGNORECASE)
_UNIT_WORD_AFTER = re.compile(r"\s+(?:oblast|region|province)\b", re.IGNORECASE)
# the named ones of an unnamed tally ("several villages ..., including the town of X"): what the verb took
_INCLUDING = re.compile(r",?\s+including\s+(?:the\s+)?(?:[\w-]+\s+)?(?:(?:city|town|village|settlement)s?\s+of\s+)?$",
                        re.IGNORECASE)
_UNNAMED_TALLY = re.compile(r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|more|many|"
                            r"dozens\s+of|a\s+number\s+of|multiple|numerous|other)\s+(?:more\s+)?(?:[\w-]+\s+)?"
                            r"(?:settlements|villages|towns|localities|communities|hamlets)\b", re.IGNORECASE)


# a passive verb's subject that counts or announces settlements ("The following villages were liberated: A, B and C",
# "three settlements returned to Ukrainian control: A, B and C"): only auxiliaries and adverbs between it and the verb
_SUBJECT_TALLY = re.compile(r"\b(?:the\s+following|these|those|\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                            r"twelve|several|other)\s+(?:more\s+)?(?:[\w-]+\s+)?"
                            r"(?:settlements|villages|towns|localities|communities|hamlets)"
                            r"(?=\s+(?:(?:have|has|had|were|was|are|been|also|now|already|since|then|all|\w+ly)\s+){0,3}$)",
                            re.IGNORECASE)


_ONE_SETTLEMENT = re.compile(r"\b(?:the|this|that)\s+(?:\w+\s+)?(?:city|town|village|settlement|locality)\b(?!s)",
                             re.IGNORECASE)


def _subject_tally(sentence: str, start: int) -> re.Match | None:
    """The tally of settlements that is the subject of a verb starting at ``start`` (``_SUBJECT_TALLY``), if any."""
    return next((m for m in _SUBJECT_TALLY.finditer(sentence, max(0, start - 80), start)
                 if not re.search(r"[.;:,]", sentence[m.end():start])), None)


def _no_place_taken(sent: _Sentence, trig: Trigger) -> bool:
    """Whether a change-of-control verb took no place the map could show: people (``people_taken``), or a tally of
    settlements in a sentence that names none, nor refers back to one ("six settlements in the X region have been
    liberated"; not "the town and six villages around it were retaken")."""
    return people_taken(sent.text, trig) or not sent.points and bool(_UNNAMED_TALLY.search(sent.text)) and \
        not _ONE_SETTLEMENT.search(sent.text)


def people_taken(sentence: str, trig: Trigger) -> bool:
    """Whether a capture verb takes people, not a place (``_PEOPLE_BEFORE``, ``_PEOPLE_AFTER``)."""
    if trig.sub != "capture":
        return False
    if _PEOPLE_AFTER.match(sentence, trig.end):
        return True
    return bool(_PEOPLE_BEFORE.search(sentence, max(0, trig.start - 60), trig.start)) and \
        bool(_NO_OBJECT_AFTER.match(sentence, trig.end))


# a tally of settlements announcing the list that names them ("two villages in the X region: A ..., and B ..."):
# the words up to the colon or dash that opens the list
_ANNOUNCE = re.compile(r"[^.;:!?\"“”]{0,60}?\s*(?::|\s[-–—])\s*")
# between two items of an announced list: the item's own locator ("in the Y district"), a bracket, a clause about it
# (", where a house burned down", ", near the border with Z"), then the separator and perhaps a lead ("the village of")
_ITEM_GAP = re.compile(r"^(?:\s+in\s+(?:the\s+)?[\w'’ -]{1,40}?\s+(?i:district|raion|rayon|region|oblast|community|"
                       r"hromada|municipality))?(?:\s*\([^()]{1,80}\))?"
                       r"(?:\s*,\s*(?:near|where|which|located|close\s+to|on|not\s+far|(?:north|south|east|west)\w*|in)\b"
                       r"[^;:.!?\"“”]{0,100}?)?"
                       r"(?:\s*,\s*|\s*,?\s+and\s+|\s*,?\s+as\s+well\s+as\s+)"
                       r"(?:the\s+)?(?:(?i:village|town|city|settlement)\s+of\s+)?$")
# between a verb and the tally it takes ("took control of two villages", "strikes on another three towns")
_TALLY_LEAD = re.compile(r"\s*(?:(?:of|over|on|in|at|against)\s+)?(?:another\s+|the\s+)?", re.IGNORECASE)
_TALLY_UNIT = re.compile(r"\s*in\s+(?:the\s+)?$|\s*of\s+(?:the\s+)?$", re.IGNORECASE)


# names the gazetteer did not know, as items of an announced list ("five villages: A, Zzz, B, Yyy and C"): each a
# capitalised name of one to three words, then the list's separator (``_UNKNOWN_AFTER``: or the list's end)
_UNKNOWN_NAME = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}"
_ITEM_SEP = r"(?:\s*,\s*|\s*,?\s+and\s+|\s*,?\s+as\s+well\s+as\s+)"
_UNKNOWN_BETWEEN = re.compile(r"^" + _ITEM_SEP + r"((?:" + _UNKNOWN_NAME + _ITEM_SEP + r")+)$")
_UNKNOWN_FIRST = re.compile(r"^((?:" + _UNKNOWN_NAME + _ITEM_SEP + r")+)$")
_UNKNOWN_AFTER = re.compile(r"((?:" + _ITEM_SEP + _UNKNOWN_NAME + r")+)\s*(?:[.;!?]|$)")
# an announced list's items lie together on a front: one farther than this from every other item is a namesake the
# gazetteer chose elsewhere (the text does not say where it is: no event, rather than one in the wrong place)
_LIST_OUTLIER_KM = 150.0


def _unknown_count(words: str) -> int:
    """How many names a run of unknown list items (``_UNKNOWN_NAME`` each, separated by ``_ITEM_SEP``) holds."""
    return len([w for w in re.split(_ITEM_SEP, words) if w.strip()])


def _without_outliers(items: list[Place]) -> list[Place]:
    """``items`` without those farther than ``_LIST_OUTLIER_KM`` from every other item, when at least two others lie
    together (the list's front is then known)."""
    near = [p for p in items if any(q is not p and km(p, q) <= _LIST_OUTLIER_KM for q in items)]
    return near if len(near) >= 2 else items


def _announced(sent: _Sentence, tally: re.Match, *, front: bool = False) -> list[Place]:
    """The settlements a tally announces and a colon or dash then lists ("captured three villages in the X region: A,
    near Z, as well as B and C"), in order: as many as it counts when it says how many (two at least), each placed in
    the region the tally names when the gazetteer read a namesake elsewhere (the text says where it lies: the event
    is that region's, with no settlement). Names the gazetteer did not know count as items of the list (``_UNKNOWN_*``)
    but make no event; on a ``front`` (a change of control: the villages taken lie together, unlike the towns a
    strike hit) an item far from all the others is a namesake read elsewhere (``_without_outliers``) when the tally
    names no region. Empty when no such list follows."""
    text, s0 = sent.text, sent.start
    opened = _ANNOUNCE.match(text, tally.end())
    if opened is None:
        return []
    count = parse_number(tally.group(0).split()[0])
    unit = next((u for u in sent.oblasts if tally.end() <= u.start - s0 < opened.end() and
                 _TALLY_UNIT.search(text, tally.end(), u.start - s0)), None)
    items: list[Place] = []
    unknown = 0
    for p in sent.points:
        at = p.start - s0
        if at < opened.end():
            continue
        if not items:
            lead = text[opened.end():at]
            if not _LIST_LEAD.match(lead):
                first = _UNKNOWN_FIRST.match(lead)
                if first is None:
                    return []
                unknown += _unknown_count(first.group(1))
            items.append(p)
        elif _ITEM_GAP.match(text[items[-1].end - s0:at]):
            items.append(p)
        elif (between := _UNKNOWN_BETWEEN.match(text[items[-1].end - s0:at])) is not None:
            unknown += _unknown_count(between.group(1))
            items.append(p)
        if count is not None and len(items) + unknown >= count:
            break
    if items and count is not None and len(items) + unknown < count and \
            (after := _UNKNOWN_AFTER.match(text, items[-1].end - s0)) is not None:
        unknown += _unknown_count(after.group(1))
    if len(items) + unknown < 2 or (count is not None and len(items) + unknown != count):
        return []
    if unit is not None:  # a namesake elsewhere of a village the text places in the tally's region
        items = [p if p.admin1_code == unit.admin1_code else unit for p in items]
    elif front and len(items) >= 3:
        items = _without_outliers(items)
    return items


# a list going on into a tally that announces more places ("A, as well as three villages nearby: B, C and D")
_MORE_AFTER = re.compile(r"\s*,?\s+(?:and|as\s+well\s+as|plus|along\s+with)\s+", re.IGNORECASE)


def _announced_after(sent: _Sentence, item: Place, *, front: bool = False) -> list[Place]:
    """The places a tally right after a list's item announces (``_announced``), empty when none follows."""
    more = _MORE_AFTER.match(sent.text, item.end - sent.start)
    if more is None:
        return []
    tally = _UNNAMED_TALLY.match(sent.text, _TALLY_LEAD.match(sent.text, more.end()).end())
    return _announced(sent, tally, front=front) if tally is not None else []


# a settlement taken and left unnamed, then a place attached to it by a preposition ("captured a village near X",
# "took another village in its advance on the city of X", "the first village in the region of X"): X only locates
# what was taken (a comma, a colon or "including" would open the list that names it instead)
_UNNAMED_LOCATED = re.compile(r"\s+(?:(?:control\s+)?(?:of|over)\s+)?(?:(?:another|an?|one|one\s+more|the\s+(?:first|"
                              r"second|third|next|latest)|two|three|four|five|several|\d+)\s+)?(?:more\s+)?(?:[\w-]+\s+)?"
                              r"(?:village|town|settlement|locality|hamlet)s?\s+(?!(?:of|called|named|centre|center|hall|square)\b)"
                              r"(?:[\w'’-]+\s+){1,10}$", re.IGNORECASE)


# the object of a change of control is one settlement left unnamed, then only words that locate it ("captured another
# village near X", "took control of the first village in the X region", a headline's "Captured Village Near X"): a
# determiner (or none, in a headline), at most one modifier, the settlement's kind, then a preposition or the end of the
# clause -- never its name ("the village of X", "the village X", "another village, X,")
_UNNAMED_OBJECT = re.compile(
    r"\s+(?:(?:full\s+|complete\s+)?control\s+)?(?:(?:of|over)\s+)?"
    r"(?:(?:another|an?|one\s+more|(?:a|the|its|their)\s+(?:first|second|third))\s+"
    r"(?:[\w-]+\s+)?)?(?:village|town|settlement|locality|hamlet)\b(?!s)"
    r"(?=\s+(?:near|in|outside|around|close\s+to|not\s+far\s+from|on|along|by|just|some|about|"
    r"(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?)\b|\s*[.;:]|\s*$|\s*,\s+(?-i:[a-z]))",
    re.IGNORECASE)


# the settlement an unnamed object is, named further on in its sentence: after a dash or a colon, or "naming it (as)"
_NAMED_AFTER = re.compile(r"(?:\s[—–-]|:)\s*$|\b(?:nam(?:ed|ing)|call(?:ed|ing))\s+(?:it\s+)?(?:as\s+)?$", re.IGNORECASE)


def unnamed_object(sentence: str, trig: Trigger) -> bool:
    """Whether ``trig`` (a change of control, not passive) took one settlement it leaves unnamed
    (``_UNNAMED_OBJECT``): the places after it only locate it, none of them changed hands."""
    return trig.control and not trig.passive and bool(_UNNAMED_OBJECT.match(sentence, trig.end))


# where the clause of a verb's object ends ("... their first village in X after Moscow withdrew": Moscow is not in it)
_OBJECT_CLAUSE_END = re.compile(r"[;:.!?—–]|,\s|\s(?:after|when|as|but|while|before|following|since|because|and)\s",
                                re.IGNORECASE)


def _locating_unit(sent: _Sentence, trig: Trigger) -> Place | None:
    """The oblast of the places in the clause after a change of control whose settlement is left unnamed
    (``unnamed_object``), when they all lie in one: where the unnamed settlement is (the oblast itself when the
    sentence names it)."""
    stop = _OBJECT_CLAUSE_END.search(sent.text, trig.end)
    end = stop.start() if stop else len(sent.text)
    after = [p for p in (*sent.points, *sent.oblasts) if trig.end <= p.start - sent.start < end]
    units = {p.admin1_code for p in after}
    if len(units) != 1 or None in units:
        return None
    unit = next((p for p in after if p.feature_kind == "admin1"), after[0])
    return unit if unit.feature_kind == "admin1" else replace(unit, feature_kind="admin1",
                                                             name=unit.admin1_name or unit.name)


# a relative clause opening before a verb, its subject and any speech verb in between ("..., which Moscow said it had",
# "... a town that Russian forces have recently"): no punctuation, no second relative pronoun
_RELATIVE_OPENER = re.compile(r"(?:,\s*|\s[—–-]\s*|\s)(which|that)\s+[^,;:.!?\"“”()—–]{0,60}$", re.IGNORECASE)
# what stands between a settlement and its relative clause: nothing but a comma or dash, or an apposition naming its
# kind ("X, a salt-mining town that ...")
_APPOSITION_KIND = re.compile(r"^\s*(?:,|[—–-])?\s*((?:a|an|the)\s+(?:[\w'’-]+\s+){0,4}?(?:city|town|village|"
                              r"settlement|hub|stronghold)\s*)?$", re.IGNORECASE)
# a settlement's kind as the antecedent, the settlement named before in the sentence ("X ..., referring to the eastern
# city that forces claimed to have captured")
_KIND_ANTECEDENT = re.compile(r"\bthe\s+(?:[\w'’-]+\s+){0,4}?(?:city|town|village|settlement)\s*$", re.IGNORECASE)
# after a verb with no object of its own: the clause ends, or a phrase of time or manner follows
_CLAUSE_ENDS = re.compile(r"\s*(?:[,.;:!?)\"”—–]|$)|\s+(?:in|on|over|during|last|earlier|early|late|back|after|at|by|"
                          r"this|a\s+(?:week|month|year)|with|from|since|before|when|weeks|months|days)\b", re.IGNORECASE)


def _relative_antecedent(sent: _Sentence, trig: Trigger) -> list[Place] | None:
    """The settlement a relative clause is about when ``trig`` is its verb with no object of its own ("X, which
    Russian forces took in May", "X, a town that troops have recently captured", "X ..., the city that forces claimed
    to have captured"): ``[X]``; ``[]`` when the clause hangs on no settlement ("the decision, which he took");
    ``None`` when ``trig`` is not such a verb (its object or subject is read as usual)."""
    text, s0 = sent.text, sent.start
    opener = _RELATIVE_OPENER.search(text, max(0, trig.start - 80), trig.start)
    if opener is None or not _CLAUSE_ENDS.match(text, trig.end) or \
            any(opener.end() <= p.start - s0 < trig.start for p in sent.points):
        return None
    head = text[:opener.start(1)]
    before = [p for p in sent.points if p.end - s0 <= opener.start(1)]
    if before and (kind := _APPOSITION_KIND.match(head[before[-1].end - s0:])) and \
            (opener.group(1).lower() == "which" or kind.group(1)):
        return [before[-1]]  # "X, which ...", "X, a town that ..."
    if _KIND_ANTECEDENT.search(head) and len({(p.name, p.admin1_code) for p in before}) == 1:
        return [before[-1]]  # "X ..., the city that ...": the one settlement the sentence named before
    return [] if trig.text.lower() in ("took", "taken") else None


# what may follow a settlement "took" takes by its name: the clause ends, a phrase of time, place or manner, or the
# list goes on ("took X in May", "took X, a village west of Y", "took X and Y"); not a noun the name qualifies
# ("took Kharkiv residents to ...")
_AFTER_TAKEN_NAME = re.compile(r"\s*(?:[,.;:!?)\"”—–]|$)|\s+(?:in|on|at|after|from|last|earlier|early|late|this|and|as|"
                               r"with|without|over|during|before|following|by|amid|since|within|while|when|near|"
                               r"outside|after)\b", re.IGNORECASE)


def bare_take(trig: Trigger) -> bool:
    """Whether ``trig`` is "took" or "taken" with no word of control or settlement: a capture only when a
    settlement's name is its object (``_taken_name``)."""
    return trig.control and not trig.passive and trig.text.lower() in ("took", "taken")


def _taken_name(sent: _Sentence, trig: Trigger) -> list[Place]:
    """The settlements "took" names as its object ("Russian forces took X in May", "had taken X and Y"): the first
    right after the verb, then the list it opens; none when a settlement does not follow at once."""
    text, s0 = sent.text, sent.start
    after = [p for p in sent.points if p.start - s0 >= trig.end]
    if not after or text[trig.end:after[0].start - s0].strip() or not _AFTER_TAKEN_NAME.match(text, after[0].end - s0):
        return []
    out = [after[0]]
    for p in after[1:]:
        if not _LIST_GAP.match(text[out[-1].end - s0:p.start - s0]) or _DISTRICT_AFTER.match(text, p.end - s0):
            break
        out.append(p)
    return out


def _relative_day(sent: _Sentence, trig: Trigger, published: EventDate) -> tuple[EventDate | None, str] | None:
    """The day the relative clause of ``trig`` states (``_relative_antecedent``), and its words: ``(None, clause)``
    when it states none (what a relative clause tells of its settlement is background: the sentence's day is the
    main clause's); None when ``trig`` is not the verb of such a clause."""
    if not trig.control or trig.passive or not _relative_antecedent(sent, trig):
        return None
    opener = _RELATIVE_OPENER.search(sent.text, max(0, trig.start - 80), trig.start)
    stop = re.compile(r"[,;:.!?\"”—–]").search(sent.text, trig.end)
    clause = sent.text[opener.start(1):stop.start() if stop else len(sent.text)]
    return explicit_date(clause, published), clause


def _objects(sent: _Sentence, trig: Trigger, main: Place | None) -> list[Place]:
    """The places a change-of-control verb is about: its object (a list counts), or its subject if passive; none when
    the object is a settlement left unnamed (``unnamed_object``)."""
    text, s0 = sent.text, sent.start
    if unnamed_object(text, trig):
        # ... unless the sentence names it after all ("one more settlement in the X region -- A", "naming it as A")
        return [p for p in sent.points if p.start - s0 >= trig.end and
                _NAMED_AFTER.search(text, max(trig.end, p.start - s0 - 30), p.start - s0)][:1]
    if trig.control and not trig.passive and (relative := _relative_antecedent(sent, trig)) is not None:
        return relative  # "X, which Russian forces took in May": the settlement the clause is about, or none
    if bare_take(trig):
        return _taken_name(sent, trig)
    after = [p for p in sent.points if p.start - s0 >= trig.end]
    if not trig.passive and (tally := _UNNAMED_TALLY.match(text, _TALLY_LEAD.match(text, trig.end).end())) and \
            (announced := _announced(sent, tally, front=trig.control)):
        return announced  # "attacked two villages in the X region: A ..., and B ...": the villages the tally counts
    if trig.control and not trig.passive and (tally := _UNNAMED_TALLY.match(text, trig.end + 1)) is not None:
        # "entered several settlements on the way to X ..., including the town of Y": Y (X is only the way)
        named = next((p for p in after if _INCLUDING.search(text, tally.end(), p.start - s0)), None)
        if named is not None:
            out = [named]
            for p in after[after.index(named) + 1:]:
                if not _LIST_GAP.match(text[out[-1].end - s0:p.start - s0]) or _DISTRICT_AFTER.match(text, p.end - s0) \
                        or _UNIT_WORD.search(p.text) or _UNIT_WORD_AFTER.match(text, p.end - s0):
                    break  # "including the town of A, B Oblast": B only locates A
                out.append(p)
            return out
    if after and after[0].start - s0 - trig.end > WEIGHTS.object_window_chars:
        after = []
    if after and not trig.passive and _UNNAMED_LOCATED.match(text, trig.end, after[0].start - s0):
        return []  # (its oblast alone would be a coarser place, but which side of a border it lies is not said)
    out: list[Place] = []
    if after and not trig.passive:
        gap = text[trig.end:after[0].start - s0]
        if not re.search(r"[.;:]|\b(?:after|when|while|but|because|as)\b", _NAMED_AS.sub(" ", gap)) and \
                (trig.sub == "advance" or not _NEAR_OBJECT.search(gap) and not _TOWARDS.search(gap)) and \
                not (GROUND_GAINED.fullmatch(trig.text) and _HEADING.search(gap)) and \
                not any(t.control and trig.end <= t.start < after[0].start - s0 for t in sent.triggers) and \
                not _LOCATOR_OF_UNNAMED.search(gap) and not _UNNAMED_OBJECT.match(gap) and \
                not (trig.sub == "capture" and _NOT_A_PLACE_OBJECT.search(gap)) and \
                not (trig.sub == "withdrawal" and _DESTINATION.match(gap)):
            out.append(after[0])
            last = after[0]
            for p in after[1:]:
                if last is out[-1] and (more := _announced_after(sent, last, front=trig.control)):
                    return out + more  # "took the town of A, as well as three villages nearby: B, C and D"
                between = text[last.end - s0:p.start - s0]
                if _DISTRICT_AFTER.match(text, p.end - s0) or _DISTRICT_END.search(p.text):
                    break  # "the village of A, B district" (the unit's word in B's name or after it): B only locates A
                if _LIST_GAP.match(between):
                    out.append(p)
                elif not (last is out[-1] and _LIST_DESCRIPTOR.match(between)):
                    break
                last = p  # a descriptor's place is passed over ("A, south of B, and C")
            return out
    if not trig.passive and main is not None and _PLACE_ANAPHOR.match(text[trig.end:]):
        return [main]
    if not trig.passive and _PRONOUN_OBJECT.match(text, trig.end) and sent.points and \
            sent.points[0].start - s0 <= WEIGHTS.subject_start_chars and sent.points[0].end - s0 <= trig.start:
        return [sent.points[0]]  # "X ... since troops liberated it": the sentence's subject
    if trig.passive and (tally := _subject_tally(text, trig.start)) and \
            (announced := _announced(sent, tally, front=trig.control)):
        return announced  # "the following villages were liberated: A, B and C": the settlements its subject counts
    before = [p for p in sent.points if p.end - s0 <= trig.start and
              (trig.passive or trig.start - (p.end - s0) <= WEIGHTS.subject_window_chars)]
    if before and (trig.passive or not after):
        gap = text[before[-1].end - s0:trig.start]
        if not re.search(r"[.;]|\b(?:after|when|while|but|because)\b", gap) and \
                (trig.passive or not re.search(r"\band\b", gap)) and not _NOT_A_PLACE_SUBJECT.search(gap) and \
                not _LOCATOR_OF_UNNAMED.search(text, 0, before[-1].start - s0) and \
                not (_UNNAMED_TALLY.search(gap) and not _LIST_CONTINUES.match(gap)):
            listed = [before[-1]]
            while trig.passive and len(listed) < len(before):  # "the villages of A and B were retaken"
                prev = before[-len(listed) - 1]
                if not _LIST_GAP.match(text[prev.end - s0:listed[0].start - s0]):
                    break
                listed.insert(0, prev)
            return listed
    if trig.passive and main is not None and (re.search(r"\b(?:the|this) (?:\w+ )?(city|town|village|settlement)\b",
                                                       text[max(0, trig.start - 40):trig.start], re.IGNORECASE)
                                             or not sent.points and _IT_PASSIVE.match(text)):
        return [main]
    return []


_OCCUPIER = {"UA": "Russia", "RU": "Ukraine"}  # who occupies a place of the theatre when the text does not say
# clauses of one sentence that may each state their own day ("On 8 Sept X was freed; and on 10 Sept Y was")
_DATED_CLAUSE_BREAK = re.compile(r";|,\s+(?:and|while|but|whereas)\s+(?=(?:on|by|in|since|later|then)\b)|"
                                 # "... near X, which was liberated on Sept. 8": a relative clause with its own day
                                 r",\s+which\s+(?=[^,;]{0,60}?\bon\s+(?:\d{1,2}\s+)?(?:" + MONTH_NAMES + "|" +
                                 "|".join(a.capitalize() for a in MONTH_ABBR) + r")\b)|"
                                 # "X was taken in May 2022 but retaken by Y in September 2022"
                                 r",?\s+but\s+(?=[^,;]{0,50}?\b(?:in|on)\s+(?:\d{1,2}\s+)?(?:" + MONTH_NAMES +
                                 r"|(?:19|20)\d\d)\b)", re.IGNORECASE)


_YEAR_WRITTEN_AFTER = re.compile(r"[^;:.!?]{0,60}?\b((?:19|20)\d\d)\b")


def _earlier_year(sentence: str, trig: Trigger, published: EventDate) -> bool:
    """Whether a change of control is told with a year before the page's and no day ("Russia captured X in 2022"):
    a dated change of control of an earlier period, not of the page's day."""
    m = _YEAR_WRITTEN_AFTER.match(sentence, trig.end)
    page = parse_iso(published.date)
    return m is not None and page is not None and int(m.group(1)) < page.year


def _clause_date(sent: _Sentence, trig: Trigger, published: EventDate) -> tuple[EventDate | None, str]:
    """The day the clause of ``trig`` states, and the words that state it: the clause's own date when it has
    one, else the sentence's (``_DATED_CLAUSE_BREAK``)."""
    if sent.date is None:
        return None, sent.text
    start, end = 0, len(sent.text)
    for m in _DATED_CLAUSE_BREAK.finditer(sent.text):
        if m.end() <= trig.start:
            start = m.end()
        elif m.start() >= trig.end:
            end = m.start()
            break
    if (start, end) == (0, len(sent.text)):
        return _outside_relatives(sent, trig, published)
    clause = sent.text[start:end]
    own = explicit_date(clause, published)
    return (own, clause) if own is not None else _outside_relatives(sent, trig, published)


# a relative clause after a comma or a dash ("..., which Moscow said it took in early January", "— where fighting began
# in May —"): it tells of its antecedent, and a day it states is not the day of the clause it hangs on
# an apposition about a region ("captured X, in the Y region, one of four regions Moscow claimed to have annexed in
# September 2022") is such a clause too, to the sentence's end
_RELATIVE_CLAUSE = re.compile(r"(?:,|\s[—–-])\s*(?:which|where|when|whom)\b[^,;—–]*|"
                              r",\s+one\s+of\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:regions|oblasts|provinces|"
                              r"territories)\b[^;—–]*", re.IGNORECASE)


def _outside_relatives(sent: _Sentence, trig: Trigger, published: EventDate) -> tuple[EventDate | None, str]:
    """The sentence's day for ``trig`` with the relative clauses that do not hold it left out (``_RELATIVE_CLAUSE``):
    none when the only day stated is a relative clause's ("captured A, west of B, which it took in January")."""
    text = sent.text
    for m in _RELATIVE_CLAUSE.finditer(sent.text):
        if not m.start() <= trig.start < m.end():
            text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    if text == sent.text:
        return sent.date, sent.text
    return explicit_date(text, published), text


def control_events(article: str, text: str, sentences: list[_Sentence], published: EventDate) -> list[Event]:
    """Changes of control, one per place, merged within the article."""
    events: list[Event] = []
    counts: dict[object, int] = {}
    first_para = min((s.para for s in sentences), default=0)
    main = None
    unnamed: tuple | None = None  # a dated change of control told without its place (a lede), for the next one
    beyond: list[tuple] = []  # advances further on from the places told, in their oblast (``_beyond``)
    lede: tuple | None = None  # a change of control of one settlement left unnamed ("captured another village")
    tally: tuple | None = None  # ... of a counted tally of settlements left unnamed ("seized four villages")

    def emit(sent: _Sentence, trig: Trigger, places: list[Place], stated: EventDate | None, stated_in: str, *,
             background: bool, oblast_level: bool, named_in: _Sentence | None = None) -> None:
        listed = len(places) > 1
        for place in places:
            if holds_own(trig, place.country_code):
                continue
            own = _item_day(sent, place, published) if listed and sent.start <= place.start < sent.end else None
            # "the fall of A in December 2023 and B in February 2024": each item its own day
            day, day_in = own if own is not None else (stated, stated_in)
            headline = sent.para <= first_para + 1
            conf = _confidence(WEIGHTS.conf_base_control, point=not oblast_level, dated=day is not None,
                               claimant=sent.claimant is not None, headline=headline, borrowed=False)
            gains = trig.gains
            if gains == "unknown" and occupation(trig):  # an occupation is by the other country's side
                gains = _OCCUPIER.get(place.country_code or "", "unknown")
            sources = [Source(article, s.text, s.start, s.end) for s in (sent, named_in) if s is not None]
            event = _event_at("frontline_incident", trig.direction(place.country_code),
                              EARLIER if background else _when(day, published), place, text, sources, conf,
                              actor=gains if trig.actor == "unknown" else trig.actor,
                              gains=gains, date_basis=date_basis(day_in, day, published))
            _add_control(events, event)

    for sent in sentences:
        for p in sent.points:
            key = p.geonameid or p.name
            counts[key] = counts.get(key, 0) + 1
            if main is None or counts[key] > counts.get(main.geonameid or main.name, 0):
                main = p
        if lede is not None and not any(t.control for t in sent.triggers):
            if (named := _names_the_settlement(sent, lede[0])) is not None:
                # "... had captured another village in eastern Ukraine. The locality of X was freed ...": X
                emit(lede[0], lede[1], [named], lede[2], lede[3], background=False, oblast_level=False, named_in=sent)
                lede = None
            elif sent.index - lede[0].index >= LEDE_SENTENCES or sent.para - lede[0].para > 1:
                lede = None
        elif any(t.control for t in sent.triggers):
            lede = None
        if tally is not None and not any(t.control for t in sent.triggers):
            if named_list := _names_the_tally(sent, tally[0], tally[2]):
                # "... had seized control of four villages. ... He named the captured villages as A, B, C and D."
                emit(tally[0], tally[1], named_list, tally[3], tally[4], background=False, oblast_level=False,
                     named_in=sent)
                tally = None
            elif sent.index - tally[0].index >= TALLY_SENTENCES or sent.para - tally[0].para > TALLY_PARAGRAPHS:
                tally = None
        elif any(t.control for t in sent.triggers):
            tally = None
        prior: tuple[list[Place], bool] | None = None  # the places and background of the sentence's last change
        for trig in (t for t in sent.triggers if t.control):
            stated, stated_in = _clause_date(sent, trig, published)
            relative = _relative_day(sent, trig, published)  # "X, which troops took in May": the clause's own day
            if relative is not None:
                stated, stated_in = relative
            if _no_place_taken(sent, trig):  # a tally naming no settlement is no event, but its day is the lede's
                if stated is not None and not sent.points and not people_taken(sent.text, trig):
                    unnamed = (stated, stated_in, sent.para, trig.gains)
                if (count := _tally_count(sent, trig)) is not None:
                    tally = (sent, trig, count, stated, stated_in)  # a later line may name them all
                continue
            places = _objects(sent, trig, main)
            if not places and bare_take(trig) and relative is None:
                continue  # "took Ukrainian territory": no settlement named, nothing to read around it
            follows = not places and prior is not None and _refers_back(sent.text, trig)
            if follows:  # "captured the city in 2022 and Ukrainian forces took it back": the first verb's places
                places = prior[0]
            if not places and _beyond(sent, trig):
                beyond.append((sent, trig, stated, stated_in))
                continue
            if not places and not sent.points and stated is not None:  # "Russia on Sunday claimed it had taken a town"
                unnamed = (stated, stated_in, sent.para, trig.gains)
            elif places and stated is None and unnamed is not None and sent.para - unnamed[2] <= 1 and \
                    unnamed[3] in (trig.gains, "unknown"):
                stated, stated_in = unnamed[:2]  # ... and the next lines name it: the day told with it
                unnamed = None
            unnamed_here = not places and unnamed_object(sent.text, trig)
            if not places and (not sent.points or unnamed_here) and _ONE_UNNAMED.match(sent.text, trig.end):
                lede = (sent, trig, stated, stated_in)  # "... captured another village": a later line may name it
            oblast_level = bool(places) and all(p.feature_kind == "admin1" for p in places)
            # (a year alone is a stated date with no day: "fell to Russian forces in 2023" is background too)
            background = since_occupation(sent.text, trig) or \
                (stated is None or stated.date is None) and _earlier_year(sent.text, trig, published) \
                or bool(LAST_PERIOD_AFTER.match(sent.text, trig.end))  # "took X last May", whatever day the clause is
            background = background or follows and stated is None and prior[1]  # "... and retook it later that year"
            background = background or relative is not None and stated is None  # "X, which troops took": earlier
            if places:
                prior = (places, background)
            if not places and len({p.admin1_code for p in sent.oblasts}) == 1 and not sent.points and not background \
                    and not _took_people(sent, trig, sent.oblasts[0]):
                places, oblast_level = sent.oblasts[:1], True
            elif not places and not sent.points and not background and (listed := _units_listed(sent)) and \
                    not any(_took_people(sent, trig, u) for u in listed):
                places, oblast_level = listed, True  # "pulling back forces in the regions of A and B": each region
            elif unnamed_here and (unit := _locating_unit(sent, trig)) is not None:
                places, oblast_level = [unit], True  # "captured a village near X": a change of control in X's oblast
            elif not places and not background and (unit := _oblast_object(sent, trig) or
                                                     _unnamed_in(sent, trig)) is not None:
                # "... and liberating large parts of the X region"; "took their first village in X": in X's oblast
                places, oblast_level = [unit], True
            elif not places and not background and not sent.points and not sent.oblasts and \
                    _unnamed_in_referred(sent, trig) and (unit := _unit_before(sentences, sent)) is not None:
                places, oblast_level = [unit], True  # "... took over several villages in the province": the one named
            emit(sent, trig, places, stated, stated_in, background=background, oblast_level=oblast_level)
    # an oblast-level change of control when the article names the towns of that oblast is their summary
    # (the same side gaining them, or a side the towns' own wording does not tell: "A, B and C were liberated")
    # (a settlement the gazetteer places at its oblast's seat is a town here: ``names_settlement``)
    towns = {(e.admin1_code, e.gains) for e in events if names_settlement(e)}
    events = [e for e in events if names_settlement(e) or
              not {(e.admin1_code, e.gains), (e.admin1_code, "unknown")} & towns]
    for sent, trig, stated, stated_in in beyond:  # no summary of the towns: an advance on from them
        unit = next(p for p in (*sent.oblasts, *sent.points))
        if any(e.admin1_code == unit.admin1_code and e.sub_event_type == "advance" for e in events):
            continue
        if unit.feature_kind != "admin1":
            unit = replace(unit, feature_kind="admin1", name=unit.admin1_name or unit.name)
        side = trig.gains if trig.gains != "unknown" else \
            next((t.gains for t in sent.triggers if t.control and t.gains != "unknown"), "unknown")
        conf = _confidence(WEIGHTS.conf_base_control, point=False, dated=stated is not None,
                           claimant=sent.claimant is not None, headline=sent.para <= first_para + 1, borrowed=False)
        events.append(_event_at("frontline_incident", "advance", _when(stated, published), unit, text,
                                [Source(article, sent.text, sent.start, sent.end)], conf, actor=side, gains=side,
                                date_basis=date_basis(stated_in, stated, published)))
    zeros = [CasualtyClaim(f.kind, 0, f.text, s.claimant, article, f.start, f.end, "zero")
             for s in sentences for f in s.figures if f.role == "zero" and not s.strikes]
    if events and zeros:
        events[0].casualty_claims += zeros
        events[0].casualty_text += [z.text for z in zeros]
    return events


# the day a list's item carries right after it ("A in December 2023 and B in February 2024", "A on June 12 and B")
_ITEM_DAY = re.compile(r"\s+(?:on\s+(?:(?:" + MONTH_NAMES + r")\s+\d{1,2}|\d{1,2}\s+(?:" + MONTH_NAMES + r"))(?:,?\s+\d{4})?|"
                       r"in\s+(?:(?:early|late|mid-?)\s*)?(?:(?:" + MONTH_NAMES + r")(?:\s+\d{4})?|\d{4}))\b")


def _item_day(sent: _Sentence, place: Place, published: EventDate) -> tuple[EventDate, str] | None:
    """The day (or month, or year) an item of a list states right after its name (``_ITEM_DAY``), and its words;
    None when it states none (the clause's day holds for it)."""
    m = _ITEM_DAY.match(sent.text, place.end - sent.start)
    if m is None:
        return None
    day = explicit_date(m.group(0).strip(), published)
    return (day, m.group(0).strip()) if day is not None and day.date is not None else None


# an advance told by how far it went on, with no place of its own ("advanced several kilometres further into enemy
# territory", "pushed deeper"): the verb and the words right after it
_FURTHER = re.compile(r"[\w-]+(?:\s+[\w-]+){0,4}?\s+(?:further|farther|deeper)\b|"
                      r"[\w-]+[^.;,]{0,40}?\binto\s+(?:Russian|Ukrainian|enemy|the\s+enemy['’]s)\s+territory\b",
                      re.IGNORECASE)


# one settlement taken and left unnamed, right after the verb ("had captured another village in ...")
_ONE_UNNAMED = re.compile(r"\s+(?:control\s+(?:of|over)\s+)?(?:another|an?|one\s+more)\s+(?:[\w-]+\s+)?"
                          r"(?:village|town|settlement|locality|hamlet)\b(?!s)", re.IGNORECASE)
# a settlement named by its kind ("the locality of X", "the village X", "X, a village"): the one a lede left unnamed
_KIND_BEFORE = re.compile(r"\b(?:village|town|settlement|locality|hamlet)\s+(?:of\s+)?$|\b(?:called|named)\s+$",
                          re.IGNORECASE)
_KIND_AFTER = re.compile(r"^\s*(?:\([^()]{1,60}\)\s*)?,\s+(?:a|the)\s+(?:[\w-]+\s+)?(?:village|town|settlement|"
                         r"locality|hamlet)\b", re.IGNORECASE)
LEDE_SENTENCES = 3  # how many sentences after a lede that left its settlement unnamed may name it


def _names_the_settlement(sent: _Sentence, lede: _Sentence) -> Place | None:
    """The settlement a sentence after a lede names by its kind ("The locality of X ..."), when it names one place
    (under one or more spellings), tells no incident of its own (no trigger, no figure) and stands within
    ``LEDE_SENTENCES`` of the lede and one paragraph: the settlement the lede's change of control left unnamed."""
    if sent.triggers or sent.figures or not sent.points or sent.index - lede.index > LEDE_SENTENCES or \
            sent.para - lede.para > 1 or not all(same_place(p, sent.points[0]) for p in sent.points[1:]):
        return None
    place, s0 = sent.points[0], sent.start
    if _KIND_BEFORE.search(sent.text, max(0, place.start - s0 - 30), place.start - s0) or \
            _KIND_AFTER.match(sent.text, place.end - s0):
        return place
    return None


_CONTROL_OF = re.compile(r"\s*(?:control\s+(?:of|over)\s+)?", re.IGNORECASE)
TALLY_SENTENCES = 5  # how many sentences after a counted tally of settlements a list naming as many may stand
TALLY_PARAGRAPHS = 2  # ... and how many paragraphs (the count matching the list is what ties them, not nearness)
VAGUE_TALLY = 0  # the count of a tally told without a number ("several villages", "dozens of settlements")


def _tally_count(sent: _Sentence, trig: Trigger) -> int | None:
    """How many settlements a change of control took when its sentence counts them and names none ("seized control
    of four villages"): the number of the tally right after the verb (two at least), ``VAGUE_TALLY`` when it is not
    counted ("several villages"), None when it is not right after the verb or the sentence names a settlement."""
    if sent.points or trig.passive or people_taken(sent.text, trig):
        return None
    at = _CONTROL_OF.match(sent.text, trig.end).end()  # "seized control of four villages"
    tally = _UNNAMED_TALLY.match(sent.text, _TALLY_LEAD.match(sent.text, at).end())
    if tally is None:
        return None
    count = parse_number(tally.group(0).split()[0])
    if count is None:
        return VAGUE_TALLY  # "dozens of villages": only a list referring back to it names them (``_REFERRING_LEAD``)
    return count if count >= 2 else None


def _names_the_tally(sent: _Sentence, lede: _Sentence, count: int) -> list[Place]:
    """The settlements a later sentence names as one list of exactly as many as a lede's tally counted ("He named the
    captured villages as A, B, C and D" after "had seized four villages"), when it tells no incident of its own (no
    trigger, no figure) and names no other settlement; empty otherwise."""
    s0 = sent.start
    points = sent.points
    referred = bool(points) and _REFERRING_LEAD.search(sent.text, 0, points[0].start - s0) is not None
    if sent.triggers or sent.figures or sent.index <= lede.index or \
            not (len(points) == count or referred and 2 <= len(points) and (count == VAGUE_TALLY or len(points) <= count)):
        return []
    if not all(_LIST_GAP.match(sent.text[a.end - s0:b.start - s0]) for a, b in zip(points, points[1:])):
        return []
    if len({p.geonameid or p.name for p in points}) != len(points):
        return []
    return list(points)


# a list that opens by referring back to what was counted ("... liberated 75 settlements. ... These are A, B and C",
# "Among them are A and B", "namely A and B"): its items are of the tally, however many of them it names
_REFERRING_LEAD = re.compile(r"(?:^|[,;:]\s*|\b(?:and|but)\s+)(?:(?:these|they|those)\s+(?:are|were|include[sd]?)|"
                             r"among\s+them\s+(?:are|were)|namely)\s*:?\s*(?:the\s+)?"
                             r"(?:(?:villages?|towns?|settlements?|cities|localities)\s+(?:of\s+)?)?$", re.IGNORECASE)


# a pronoun as the object of a change of control, inside its wording ("took it back") or right after it ("retook
# them"): the places of the change of control told before it in the sentence
_PRONOUN_IN = re.compile(r"\b(?:it|them)\b", re.IGNORECASE)


def _refers_back(sentence: str, trig: Trigger) -> bool:
    """Whether ``trig``'s object is a pronoun (``_PRONOUN_IN``, ``_PRONOUN_OBJECT``): it refers to the places of the
    change of control told before it in its sentence."""
    return bool(_PRONOUN_IN.search(trig.text)) or bool(_PRONOUN_OBJECT.match(sentence, trig.end))


def _beyond(sent: _Sentence, trig: Trigger) -> bool:
    """Whether an advance with no object goes on from the places its sentence tells (``_FURTHER``), all in one
    oblast: an advance in that oblast (the towns already told are not where it went)."""
    if trig.sub != "advance" or not _FURTHER.match(sent.text, trig.start):
        return False
    units = {p.admin1_code for p in (*sent.points, *sent.oblasts)}
    return len(units) == 1 and None not in units


# what ends the verb's object before an oblast: a clause, or another verb (a modal, an infinitive)
_CLAUSE_GAP = re.compile(r"[.;:()]|\b(?:after|when|while|but|because|as|and|where|which|who|could|would|will|may|"
                         r"might|can|should|to)\b", re.IGNORECASE)
_VERB_FORM = re.compile(r"(?:ed|ing|en|took|retook|overran|drew|fell to|gave up|left)$", re.IGNORECASE)


def _oblast_object(sent: _Sentence, trig: Trigger) -> Place | None:
    """The oblast an active change of control takes as its object when it names no settlement ("liberating large
    parts of the X region", "pushed into the X region"): the first place after the verb, within
    ``WEIGHTS.object_window_chars`` and the same clause, when it is an oblast; None when a settlement comes first, the
    verb took people, or the sentence is of an earlier period."""
    if trig.passive or sent.earlier or not _VERB_FORM.search(trig.text):
        return None  # (a noun, "the encirclement could open a path to the X region", takes no object)
    s0 = sent.start
    after = sorted((p for p in (*sent.points, *sent.oblasts) if p.start - s0 >= trig.end), key=lambda p: p.start)
    if not after or after[0].feature_kind != "admin1" or after[0].start - s0 - trig.end > WEIGHTS.object_window_chars:
        return None
    gap = sent.text[trig.end:after[0].start - s0]
    if _CLAUSE_GAP.search(gap) or _NEAR_OBJECT.search(gap) or _TOWARDS.search(gap) or \
            _took_people(sent, trig, after[0]) or (trig.sub == "withdrawal" and _DESTINATION.match(gap)):
        return None
    return after[0]


_IN_UNIT = re.compile(r"\s+in\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}?(?:region\s+of\s+)?$", re.IGNORECASE)


def _unnamed_in(sent: _Sentence, trig: Trigger) -> Place | None:
    """The oblast of the place an unnamed settlement taken is said to lie in ("recaptured their first village in X",
    "took a village in the east-central region of X", ``_UNNAMED_OBJECT``): the change of control is known only to
    that oblast; None when the settlement is located otherwise ("near X", "on the way to X") or no place follows."""
    if trig.passive or sent.earlier:
        return None
    rest = sent.text[trig.end:]
    m = _UNNAMED_OBJECT.match(rest)
    if m is None:
        return None
    s0 = sent.start
    after = sorted((p for p in (*sent.points, *sent.oblasts) if p.start - s0 >= trig.end + m.end()),
                   key=lambda p: p.start)
    if not after or not after[0].admin1_code or \
            not _IN_UNIT.fullmatch(sent.text, trig.end + m.end(), after[0].start - s0):
        return None
    unit = after[0]
    return unit if unit.feature_kind == "admin1" else \
        replace(unit, name=unit.admin1_name or unit.name, geonameid=None, feature_kind="admin1", capital=False,
                approx_point=False)


_IN_REFERRED = re.compile(r"\s+in\s+(?:the|this)\s+(?:region|oblast|province)\b(?!['’]s)(?!\s+of\b)", re.IGNORECASE)


def _unnamed_in_referred(sent: _Sentence, trig: Trigger) -> bool:
    """Whether an active change of control takes unnamed settlements said to lie in an oblast referred back to by the
    unit's word alone ("took over a number of villages in the province")."""
    if trig.passive or sent.earlier:
        return False
    m = _UNNAMED_OBJECT.match(sent.text[trig.end:])
    return m is not None and bool(_IN_REFERRED.match(sent.text, trig.end + m.end()))


def _took_people(sent: _Sentence, trig: Trigger, unit: Place) -> bool:
    """Whether a capture verb took people or things before the oblast it is told in ("captured 40 soldiers in the X
    region"): no change of control of the oblast."""
    return trig.sub == "capture" and trig.end <= unit.start - sent.start and \
        bool(_NOT_A_PLACE_OBJECT.search(sent.text, trig.end, unit.start - sent.start))


def _told_twice(a: Event, b: Event) -> bool:
    """One change of control told twice in one article with the sides read differently (a quote and the
    narrative): the same verb at the same settlement, on no two different stated days."""
    return a.sub_event_type == b.sub_event_type and \
        not (a.when.precision == b.when.precision == 1 and a.when.date != b.when.date)


def _stated_apart(a: Event, b: Event) -> bool:
    """Two different changes of control at one place, each with its own stated day or month ("taken in May 2022,
    retaken in September 2022"): two events."""
    stated = (1, 3)
    if {a.sub_event_type, b.sub_event_type} == {"withdrawal", "capture"} and _days_apart(a, b) is not None and \
            _days_apart(a, b) <= WEIGHTS.withdrawal_capture_days and \
            (a.gains == b.gains or "unknown" in (a.gains, b.gains)):
        return False  # one side withdrew on Friday, the other took the place on Saturday: one change of control
    return a.sub_event_type != b.sub_event_type and a.when.precision in stated and b.when.precision in stated and \
        a.when.date != b.when.date


def _days_apart(a: Event, b: Event) -> int | None:
    """Days between two events' stated days (None when either has no day)."""
    first, second = parse_iso(a.when.date), parse_iso(b.when.date)
    if first is None or second is None or a.when.precision != 1 or b.when.precision != 1:
        return None
    return abs((first - second).days)


def _background_apart(a: Event, b: Event) -> bool:
    """Two changes of control at one place, one told as background of an earlier period ("captured in the first
    weeks of the 2022 invasion", "had been occupied since April") and the other not: the town's history and the
    news, two events (the background one with no day)."""
    return (a.when == EARLIER) != (b.when == EARLIER)


def _add_control(events: list[Event], event: Event) -> None:
    for other in events:
        if not same_place(other.place, event.place) or distinct_settlements(other.place, event.place) or \
                _stated_apart(other, event) or _background_apart(other, event):
            continue
        both = other.gains != event.gains and "unknown" not in (other.gains, event.gains) and _told_twice(other, event)
        if both or other.gains == event.gains or "unknown" in (other.gains, event.gains):
            have = {(s.start, s.end) for s in other.sources}
            other.sources += [s for s in event.sources if (s.start, s.end) not in have]
            if other.when.precision != 1 and event.when.precision == 1 or \
                    event.when.precision == 1 and event.date_basis < other.date_basis:
                other.when, other.date_basis = event.when, event.date_basis
            if both:
                other.gains = other.actor = "unknown"  # the article says both sides: which one is not known
            elif other.gains == "unknown":
                other.gains, other.actor = event.gains, event.actor
            other.confidence = max(other.confidence, event.confidence)
            return
    events.append(event)
