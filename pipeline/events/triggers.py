"""Trigger words of incidents, and whether a trigger reports something that happened.

A trigger is a verb or noun that names an incident (``retook``, ``missile strike``,
``shelling``). It counts only in a clause that reports a fact: a modal, a fear, a plan, a
warning, a negation, an accusation or a generic, ongoing statement ("constant shelling",
"since the war began") before it in the same clause makes it no event.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from pipeline.text.dates import MONTH_NAMES, names_a_day

# the characters the regular expressions' IGNORECASE takes for an ASCII letter that ``str.lower`` does not give
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})


def folded(sentence: str) -> str:
    """``sentence`` lower-cased as IGNORECASE compares letters: a word a pattern matches is in it."""
    return sentence.translate(_FOLD).lower()


# kinds of trigger: a change of control at a place, or a strike
CONTROL = ("encirclement", "recapture", "withdrawal", "capture", "advance")
STRIKES = ("missile_strike", "drone_strike", "airstrike", "shelling", "explosion", "attack")

# what a place-taking verb takes ("took the villages of", "freed the nearby town") and whom it drives out
_SETTLEMENTS = r"(?:villages?|towns?|cities|city|settlements?|localit(?:y|ies)|hamlets?)(?:\s+of)?"
_COMBATANTS = r"(?:forces|troops|army|armies|units|occupiers|invaders|soldiers|fighters|militants|enemy)"
# the wordings of a recapture say who gains the place, not whether it was theirs before: a ministry's "liberated" or
# "recaptured" of a place in the other country is a capture (``Trigger.direction``)
_HOME = {"Russia": "RU", "Ukraine": "UA"}

# a place coming under a side's control ("X is now under the control of the Armed Forces", "the city is returning to
# Ukrainian control"): a change of control whose holder is named in the wording (``_holder``); the place stands before
_CAME_UNDER = (r"(?:(?:is|are|was|were)\s+(?:now|back)\s+|(?:came|come|comes|coming|brought|back)\s+)under\s+"
               r"(?:the\s+)?(?:full\s+)?(?:[\w-]+\s+)?control|"
               r"return(?:s|ed|ing)?\s+(?:back\s+)?(?:to|under)\s+(?:the\s+)?(?:[\w-]+\s+)?control")
# a side giving a place up: "troops gave up the city of X", "the occupiers left the X community" (the subject is
# part of the wording: "left" alone is too common a word)
_GAVE_UP = (r"gave up(?!\s+(?:hope|on|their|its|his|her|arms|weapons|the\s+(?:idea|fight|attempt)))|"
            r"(?:occupiers|invaders|troops|forces|army|units|soldiers)\s+(?:have\s+|has\s+|had\s+)?(?:\w+ly\s+)?"
            r"left(?=\s+(?:the\s+)?(?:(?:village|town|city|settlement)\s+of\s+)?(?-i:[A-Z]))|"
            # troops pulled back ("Russian troops pulled back from the X region", "is pulling back some of its forces"):
            # the combatants are part of the wording ("the market pulled back", "pulled back the curtain" are none)
            r"(?:forces|troops|army|units|soldiers|occupiers|invaders)\s+(?:have\s+|had\s+|has\s+|are\s+|were\s+|is\s+|"
            r"was\s+)?(?:\w+ly\s+)?pull(?:ed|ing)\s+back|"
            r"pull(?:ed|ing|s)?\s+back\s+(?:some\s+(?:of\s+)?|most\s+of\s+|part\s+of\s+)?(?:its|their|the)\s+"
            r"(?:[\w-]+\s+)?(?:forces|troops|units)")
# a side losing a place, told from the loser ("pulled back from positions near X", "have lost control of X", "were
# pushed out of X"): a withdrawal by the subject's side (the passive only: "pushed Russian troops
# out of X" is the other side's recapture)
_LOST_GROUND = (r"(?:pull(?:ed|ing)\s+back\s+from|lost\s+(?:full\s+)?control\s+(?:of|over)|"
                r"(?:(?<=was )|(?<=were )|(?<=been ))(?:pushed|driven|forced|kicked|ousted)\s+(?:back\s+)?out\s+of)"
                # (a settlement named right after: "lost control of its plant", "ousted from office" lose no place)
                r"(?=\s+(?:the\s+)?(?:(?:village|town|city|settlement)\s+of\s+)?(?-i:[A-Z]))")
_OUSTED = re.compile(r"(?:pushed|driven|forced|kicked|ousted)\b", re.IGNORECASE)
# troops raising their flag over a place ("soldiers raised the national flag over X", "troops raising flags in A
# and B"): the place taken, by the side that raised it (the subject is part of the wording: a flag raised at a
# ceremony is no change of control)
_FLAG_RAISED = (r"(?:" + _COMBATANTS + r"|marines|paratroopers|servicem[ae]n)\s+(?:have\s+|had\s+)?(?:\w+ly\s+)?"
                r"rais(?:ed|es|ing)\s+(?:the\s+|their\s+|a\s+)?(?:[\w'’-]+\s+){0,2}?flags?\s+(?:over|in|above|on)"
                r"(?!\s+(?:the\s+|a\s+)?(?:newly\s+)?(?:liberat|recaptur|retaken|freed|captur|seized|occupied))")
# an attack told by its failure ("tried to break through ..., but were pushed back"): the attack happened
_REPELLED = (r"(?:was|were|been)\s+(?:\w+\s+)?(?:pushed back|repelled|repulsed|beaten back|thrown back)"
             r"(?!\s+(?:to|until|till|by\s+(?:a|one|two|\d+)\s))")

# an attack told by its weapons brought down ("air defences shot down 14 drones over X", "two missiles were
# intercepted over X"): the attack on the place it was aimed at (the interceptor is not who attacked: ``_INTERCEPTION``)
_INTERCEPTED = (r"\b(?:intercept(?:ed|s|ing)|shot\s+down|shoots?\s+down|shooting\s+down|downed|destroyed|neutrali[sz]ed)"
                r"\s+(?:[\w-]+\s+){{0,4}}?(?:{weapon})\b|"
                r"\b(?:{weapon})\s+(?:(?:were|was|have\s+been|had\s+been|has\s+been)\s+)(?:\w+\s+)?"
                r"(?:intercepted|shot\s+down|downed|destroyed|neutrali[sz]ed)\b|"
                # the weapons launched, then how many were brought down ("launched 60 drones, of which 50 were shot
                # down over ..."): the side before is the one that launched them (``_LAUNCHED_OF_WHICH``)
                r"\b(?:{weapon})\b[^.;]{{0,40}}?\b(?:of which|of them|of these)\s+(?:[\w-]+\s+){{0,2}}?"
                r"(?:were|was|have\s+been|had\s+been|has\s+been)\s+(?:\w+\s+)?"
                r"(?:intercepted|shot\s+down|downed|destroyed|neutrali[sz]ed)\b")
_LAUNCHED_OF_WHICH = re.compile(r"\b(?:of which|of them|of these)\b", re.IGNORECASE)
_INTERCEPTION = re.compile(r"intercept|shot\s+down|shoots?\s+down|shooting\s+down|downed|destroyed|neutrali[sz]ed",
                           re.IGNORECASE)

# a side securing a place, or saying it holds one ("secured their hold on X", "says it has control of X"): a capture
# claimed ("has control of" alone is a state, not a change)
_HOLD = (r"(?:secured|established|consolidated)\s+(?:(?:their|its|full|firm|complete)\s+){0,2}(?:hold|control)\s+"
         r"(?:on|of|over)|(?:says?|said|claims?|claimed)\s+(?:that\s+)?(?:it|they)\s+(?:now\s+)?(?:has|have|had)\s+"
         r"(?:(?:full|complete|total)\s+)?control\s+(?:of|over)")

# the names of a drone: officials' reports say "UAV" or "unmanned aerial vehicle" as often as "drone"
_DRONE = r"drones?|UAVs?|unmanned\s+aerial\s+vehicles?"

# ground taken told by its extent ("regained two square kilometres", "liberated 44 sq km", "advanced three kilometres"):
# an advance at the place it is near (``incidents._objects`` takes "near X" for an advance), not a change of control of
# a settlement; the verbs of control followed by an area are left to the advance (``_NO_AREA``)
_EXTENT = (r"(?:(?:about|some|nearly|almost|over|around|roughly|up\s+to|more\s+than|another|a\s+further|"
           r"an?\s+additional|as\s+far\s+as|as\s+much\s+as)\s+)?(?:(?:several|a\s+few|many)\s+(?:dozens?|tens)\s+of|"
           r"(?:several|a\s+few)\s+dozen|tens\s+of|"
           r"[\d.,]+|an?|one|two|three|four|five|six|seven|"
           r"eight|nine|ten|several|a\s+few|dozens\s+of|hundreds\s+of)\s+(?:more\s+|additional\s+)?")
_AREA = _EXTENT + r"(?:square\s+(?:kilomet(?:re|er)s?|km|miles?)|sq\.?\s*km|km2|km²|hectares)\b"
_DISTANCE = _EXTENT + r"(?:kilomet(?:re|er)s?|km|miles?|met(?:re|er)s)\b"
_NO_AREA = r"(?!\s+" + _AREA + r")"
# the wordings above of an advance told as ground gained (its extent, "ground", "gains")
GROUND_GAINED = re.compile(r"(?:\w+\s+)*?(?:" + _AREA + r"|" + _DISTANCE + r"|(?:\w+\s+)?ground|(?:\w+\s+)?gains)"
                            r"(?:\s+of\s+(?:land|territory|ground))?", re.IGNORECASE)
# who gains ground in a war's report: forces, a pronoun for them, or a side as the verb's subject ("the opposition
# party gained ground in X" is a poll's, "Ukrainian bonds made gains in London" a market's)
_GAINER = re.compile(r"\b(?:forces|troops|army|armies|units|soldiers|fighters|brigades?|marines|infantry|defenders|"
                     r"occupiers|invaders|enemy|they|we)\b|"
                     r"\b(?:Russia|Ukraine|Moscow|Kyiv|Kiev)\s+(?:(?:has|have|had|also|now|again|further|\w+ly)\s+)*$",
                     re.IGNORECASE)
# ... the same words right before the noun (each a fixed-width look-behind)
_NOT_ARMS_BEFORE = "".join(rf"(?<!{w} )" for w in ("diplomatic", "charm", "media", "disinformation", "propaganda",
                                                    "information", "legal", "political", "peace", "economic",
                                                    "advertising", "marketing", "sales", "cyber", "trade", "sanctions"))
# the week or so a front's gain is reported over ("regained two square kilometres over the past week"): the gain's
# period, told as ``_GENERIC`` tells a trend ("shelled over the past week"); a gain told over months or years is a
# running total, still generic
_GAIN_PERIOD = re.compile(r"\b(?:over|in|during)\s+the\s+(?:past|last|previous)\s+(?:(?:two|three|\d)\s+)?weeks?\b",
                          re.IGNORECASE)

# a side's attempt ("attempted to storm X", "tried again to attack X"): what it attempted was done, failed or not
_ATTEMPT = r"(?:attempted|tried)(?:\s+(?:again|twice|once\s+more|unsuccessfully))?"
# ... before a verb of control: an assault on the place, not its change of control ("tried to capture X")
_ATTEMPTED = re.compile(_ATTEMPT + r"\s+to\s+$", re.IGNORECASE)
_ATTEMPTABLE = ("capture", "recapture", "encirclement")
_ATTEMPT_TOLD = re.compile(r"(?:attempted|tried|unsuccessful|failed|abortive)\b", re.IGNORECASE)

# an offensive of words, not arms ("a diplomatic offensive", "a charm offensive")
_NOT_ARMS = (r"(?!(?:diplomatic|charm|media|disinformation|propaganda|information|legal|political|peace|economic|"
             r"advertising|marketing|sales|cyber|trade|sanctions?)\b)")

# whom a place "fell to": a side or its forces, named ("fell to Russian forces", "fell to the enemy", "fell to them");
# a quantity falls to a level ("flows fell to zero", "output fell to a two-year low", "debris fell to the ground"), no
# change of control
_FELL_TO_WHOM = (r"(?=\s+(?:(?:the|a|an)\s+)?(?:(?-i:[A-Z])|(?:[\w'’-]+\s+){0,2}?" + _COMBATANTS + r"\b|them\b))")

# sub-event type -> pattern, most specific first
INCIDENT_TRIGGERS: tuple[tuple[str, re.Pattern], ...] = tuple((name, re.compile(rx, re.IGNORECASE)) for name, rx in (
    ("encirclement", r"\b(encircl(?:ed|ing|ement|es)|surround(?:ed|ing)|cut off)\b"),
    ("recapture", r"\b(recaptur(?:ed|es|ing)|recapture\s+of|retook|retak(?:en|es|ing)|liberat(?:ed|es|ing|e)|liberation[\"”’']?\s+of|"
                  r"took back|took\s+(?:it|them)\s+back|regain(?:ed|s|ing)|reclaimed|"
                  r"fre(?:ed|es|eing)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?" + _SETTLEMENTS + r"|"
                  r"(?:expell(?:ed|ing)|drove|driven|ousted|pushed|kicked)\s+(?:out\s+)?(?:the\s+)?"
                  r"(?:[\w’'-]+\s+){0,3}?" + _COMBATANTS + r"\s+(?:out\s+)?(?:of|from)|" + _CAME_UNDER + r"|" +
                  _FLAG_RAISED + r")\b" + _NO_AREA),
    ("withdrawal", r"\b(withdr[ae]w|withdrawn|withdrawal (?:of|from)|withdrawing\s+(?:[\w-]+\s+){0,2}?from|retreat(?:ed|s|ing)?|abandon(?:ed|ing)|"
                   r"pulled out|" + _GAVE_UP + r"|" + _LOST_GROUND + r")\b"),
    ("capture", r"\b(captur(?:ed|es|ing)|seiz(?:ed|es|ing)|took control|taken (?:\w+ )?control|"
                r"fell to" + _FELL_TO_WHOM + r"|overran|"
                r"(?:took|taken|taking)\s+(?:over\s+)?(?:the\s+)?(?:[\w-]+\s+)?" + _SETTLEMENTS + r"|took over|"
                # "forces took X", "had taken X": a name as the verb's object (``incidents.bare_take``: only a
                # settlement named right after it, ending its clause or the list it opens)
                r"(?:took|taken)(?=\s+(?-i:[A-Z]))|"
                r"(?:taken|taking)\s+over(?=\s+(?:the\s+)?(?-i:[A-Z]))|" + _HOLD + r"|"
                r"surrender(?:ed|s)?|ced(?:ed|ing) control|(?:capture|seizure) of|"
                r"(?<!in the )(?<!last )(?<!this )(?<!next )(?<!early )(?<!late )(?<!mid-)fall of(?!\s+(?:19|20)\d\d)"
                # (not a quantity's fall: "a fall of 20 percent in exports")
                r"(?!\s+(?:(?:about|around|nearly|almost|some|over|more\s+than)\s+)?[\d$€£])"
                # (not a weapon's fall: "the fall of a drone" is its crash, ``drone_strike``)
                r"(?!\s+(?:an?\s+|the\s+|one\s+)?(?:[\w-]+\s+){0,2}?(?:drones?|UAVs?|unmanned|missiles?|rockets?|shells?|"
                r"debris|fragments|wreckage)\b)|"
                r"(?:(?<=have )|(?<=has )|(?<=had ))occupied(?=\s+(?-i:[A-Z]))|"
                r"(?:(?<=was )|(?<=were )|(?<=been ))occupied(?=\s+(?:by|in|on|during|shortly|soon|early|late|after|"
                r"since)\b))\b" + _NO_AREA),
    ("advance", r"\b(advanc(?:ed|ing)\s+(?:[\w-]+\s+){0,3}?(?:into|on)|pushed into|broke into|clos(?:ing|ed|es)\s+in\s+on|"
                # "troops had entered the outskirts of X", 'forces "partially entered" the town of X': the side is part
                # of the wording ("entered" alone is too common a word)
                r"(?:forces|troops|units|soldiers|infantry|army|fighters|occupiers|invaders)\s+(?:had\s+|have\s+|has\s+)?"
                r"(?:\w+ly\s+|already\s+)?[\"“]?(?:\w+ly\s+)?entered|"
                # ground taken told by its extent or as ground ("regained two square kilometres of land on the flank
                # of X", "advanced three kilometres near X", "gained ground near X", "made gains around X")
                r"(?:liberat(?:ed|ing)|regain(?:ed|ing)|recaptur(?:ed|ing)|retook|retaken|captur(?:ed|ing)|"
                r"seiz(?:ed|ing)|took|taken|gain(?:ed|ing)|cleared|freed)\s+" + _AREA +
                r"(?:\s+of\s+(?:land|territory|ground))?|"
                r"advanc(?:ed|ing)\s+" + _DISTANCE + r"|"
                r"gain(?:ed|ing)\s+(?:some\s+|more\s+|further\s+|new\s+)?ground|"
                r"made\s+(?:(?:some|further|new|fresh|modest|small|slight|limited|significant|major|\w+ly)\s+)?"
                r"(?:territorial\s+)?gains|"
                # an offensive opened on a place or into a region ("launched a new offensive on May 10 in the X
                # region", "launched a cross-border incursion into the X region", "crossed the border into X"): an
                # advance there (its object as any advance's: ``incidents._objects``, ``incidents._oblast_object``)
                r"(?:launched|began|started|opened|mounted)\s+(?:an?\s+|its\s+|their\s+)?(?:" + _NOT_ARMS +
                r"[\w-]+\s+){0,3}?(?:(?:counter-?)?offensive|incursion|(?:cross-border|ground)\s+(?:attack|assault|raid|operation))|"
                r"crossed\s+(?:the\s+)?(?:state\s+)?border\s+into|"
                # troops crossing into a region ("crossed into the X region"), an attack carried into it ("launched a
                # surprise attack into the X region"): "into" tells ground entered, where "an attack on" tells a strike
                r"(?:forces|troops|units|soldiers|army|fighters|infantry|occupiers|invaders)\s+(?:had\s+|have\s+|has\s+)?"
                r"(?:\w+ly\s+|also\s+)?crossed\s+into|"
                r"(?:launched|mounted|began|started)\s+(?:an?\s+|its\s+|their\s+)?(?:[\w-]+\s+){0,2}?(?:attack|assault|"
                r"operation|raid)\s+into|"
                # ... or told by the day it opened ("the incursion into the X region began on August 6", "after a
                # cross-border attack launched on Aug. 6"): a dated advance there, as the verb's wording above
                r"" + _NOT_ARMS_BEFORE + r"(?:(?:counter-?)?offensive|incursion|(?:cross-border|ground)\s+(?:attack|"
                r"assault|raid|operation))\s+(?:(?:in|into)\s+(?:the\s+)?(?:[\w'’-]+\s+){1,3}?)?(?:(?:was|had\s+been)\s+)?"
                r"(?:launched|began|begun|started)\s+(?:on|in)\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|"
                r"Saturday|Sunday|\d{1,2}|" + MONTH_NAMES + r"|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)(?=\.)))\b"),
    ("missile_strike", _INTERCEPTED.format(weapon=r"missiles?|rockets?") + r"|"
                       r"\b(missiles?|rockets?)\b[^.;]{0,80}?\b(struck|strikes?|hit|hits|slammed|destroy(?:ed|s))\b|"
                       # (an abbreviation's stops on the way: "launched U.S.-made missiles")
                       r"\b(struck|hit|hits|launched|fired)\b(?:[^.;]|\.(?=\S)){0,40}?\b(missiles?|rockets?)\b|"
                       # the target, then the weapon ("targeted the port of the X region with Oniks missiles"), as a
                       # drone strike is told
                       r"\b(struck|hit|hits|attacked|targeted)\b[^.;]{0,60}?\b(?:with|using)\s+(?:an?\s+)?"
                       r"(?:[\w-]+\s+){0,4}?(?:missiles?|rockets?)\b|"
                       r"\b(missile|rocket) (?:strikes?|attacks?|barrage)\b"),
    ("drone_strike", _INTERCEPTED.format(weapon=_DRONE) + r"|"
                     r"\b(?:" + _DRONE + r")\b[^.;]{0,60}?\b(struck|strikes?|hit|attacked|targeted|exploded|crashed\s+(?:in|into|on|onto)|"
                     r"" + _ATTEMPT + r"\s+to\s+(?:attack|strike|hit))\b|"
                     # "the crash of a drone on the depot", "after the fall of a drone, a barn caught fire": the drone's
                     # crash at a place is its strike there
                     r"\b(?:crash|fall)\s+of\s+(?:an?\s+|one\s+|the\s+)?(?:[\w-]+\s+){0,2}?(?:" + _DRONE + r")\b|"
                     r"\b(struck|hit|hits|attacked|targeted)\b[^.;]{0,60}?\b(?:with|using)\s+(?:an?\s+)?(?:[\w-]+\s+)?(?:" +
                     _DRONE + r")\b|"
                     # the passive with the weapon as its agent ("the building was struck by a kamikaze drone")
                     # ("hit" only after its auxiliary, as the attack trigger takes it: "a building hit by" alone names
                     # the building, often of the incident already told)
                     r"(?:\b(?:attacked|struck|targeted)|\b(?:was|were|been)\s+hit)\s+by\s+(?:an?\s+|the\s+|two\s+|three\s+|"
                     r"several\s+|\d+\s+)?"
                     r"(?:[\w-]+\s+){0,2}?(?:" + _DRONE + r")\b|"
                     r"\bdropped\s+(?:[\w-]+\s+){0,3}?from\s+(?:an?\s+)?(?:[\w-]+\s+)?(?:" + _DRONE + r")\b|"
                     # drones launched at a place ("launched 40 drones at Odesa overnight"): a target after them
                     r"\b(?:launched|fired|sent)\b[^.;]{0,40}?\b(?:" + _DRONE + r")(?=\s+(?:at|on|against|towards?)\s)|"
                     r"\b(?:drone|UAV) (?:strikes?|attacks?)\b"),
    # "bombardment" alone names no weapon (artillery, aircraft or missiles): an attack, unless "aerial" / "artillery"
    ("airstrike", r"\b(air ?strikes?|air raid(?!\s+(?:alerts?|sirens?|warnings?))|bombed|bombing|"
                  # a munition dropped on a place from the air ("dropped a 500-kilogram guided missile on the roof")
                  r"dropped\s+(?:an?\s+|two\s+|three\s+|several\s+|\d+\s+)?(?:[\w-]+\s+){0,3}?(?:bombs?|missiles?|"
                  r"munitions?|explosives?)\s+(?:on|onto)|"
                  r"(?:aerial|air) bombard\w*|(?:guided|aerial|glide) (?:aerial )?bombs?)\b"),
    ("shelling", r"\b(shell(?:ed|ing)|artillery fire|fired mortars|mortar fire|artillery bombard\w*|"
                  r"artillery (?:strikes?|attacks?))\b"),
    ("explosion", r"\b(blew up|blown up|detonated|(?:explosions?|blasts?)\s+(?:\w+\s+)?(?:damaged|destroyed|"
                  r"ripped through|rang out|rocked|shook|"
                  r"thundered|sounded|(?:was|were) heard|(?:was|were) reported|occurred|took place))\b"),
    ("attack", r"\b(attacked|struck|stormed|opened fire|fired (?:at|on)|shot at|(?:attack|assault|strike|raid)s? on|"
               # "against" names a target only after a plural or a side or weapon ("launched 10 strikes against X",
               # "a Russian artillery strike against X"); "a strike against the reform" is a protest
               r"(?:attacks|assaults|strikes|raids)\s+against|(?:artillery|missile|rocket|drone|Russian|Ukrainian)\s+"
               r"(?:attack|assault|strike|raid)\s+against|"
               # attacks told by what they did ("Russian attacks had damaged houses in X", "killed ... as a result of
               # Russian attacks"): incidents told, not attacks in general (``_TOLD_BY_HARM``)
               r"(?:attacks|strikes|shelling)\s+(?:had\s+|have\s+|has\s+)?(?:damaged|destroyed)|"
               r"as\s+a\s+result\s+of\s+(?:the\s+)?(?:[\w-]+\s+)?(?:attacks?|strikes?|shelling)|"
               r"bombard(?:ed|ing|ments?|s)?|"
               r"(?:was|were|been)\s+(?:also\s+|again\s+)?(?:hit|targeted)|" + _REPELLED + r"|"
               # a place told as under attack ("the village came under fire", "came under attack from drones"); a
               # weapon fired at a settlement ("fired cluster munitions from a launcher at the village of X")
               # (the simple past: "has come under attack" tells a state of the war, not one incident)
               r"came\s+under\s+(?:[\w-]+\s+){0,2}?(?:fire|attack|bombardment)|"
               r"fired\s+[^.;]{1,80}?\bat\s+(?:the\s+)?(?:villages?|towns?|city|settlements?)\b|"
               # an attack attempted is an attack made, whether it failed or not ("tried to storm X", "attempted an
               # assault against X", "made a failed attempt to storm X"; a change of control attempted:
               # ``_ATTEMPTED``)
               r"" + _ATTEMPT + r"\s+to\s+(?:attack|storm|assault|capture|seize|retake|recapture|encircle|"
               r"take\s+(?:control\s+of|over)|break\s+(?:through|into))|"
               r"attempted\s+(?:an?\s+|one\s+)?(?:[\w-]+\s+)?(?:assault|attack|raid|offensive)\s+(?:on|against)|"
               r"(?:unsuccessful|failed|abortive)\s+(?:attempts?|bids?)\s+to\s+(?:attack|storm|assault))\b"),
))
# the words each trigger pattern cannot match without (lower case, as ``folded`` gives it): a sentence lacking them
# all skips the pattern; ``tests/pipeline/events/test_trigger_gates.py`` checks every alternative holds one
TRIGGER_NEEDS: dict[str, tuple[str, ...]] = {
    "encirclement": ("encircl", "surround", "cut off"),
    "recapture": ("recaptur", "retook", "retak", "liberat", "took", "regain", "reclaimed", "fre", "expell", "drove",
                  "driven", "ousted", "pushed", "kicked", "under", "return", "flag"),
    "withdrawal": ("withdr", "retreat", "abandon", "pulled out", "gave up", "left", "pull", "lost", "pushed",
                   "driven", "forced", "kicked", "ousted"),
    "capture": ("captur", "seiz", "took", "taken", "taking", "fell to", "overran", "surrender", "ced", "occupied",
                "fall of", "hold", "control"),
    "advance": ("advanc", "pushed into", "broke into", "entered", "closing in", "closed in", "closes in", "liberat",
                "regain", "recaptur", "retook", "retaken", "captur", "seiz", "took", "taken", "gain", "cleared", "freed",
                "made", "launched", "began", "begun", "started", "opened", "mounted", "crossed"),
    "missile_strike": ("missile", "rocket"),
    "drone_strike": ("drone", "uav", "unmanned"),  # every alternative names the weapon
    "airstrike": ("air", "bomb", "dropped"),
    "shelling": ("shell", "artillery fire", "fired mortars", "mortar fire", "artillery bombard", "artillery strike",
                 "artillery attack"),
    "explosion": ("blew up", "blown up", "detonated", "explosion", "blast"),
    "attack": ("attacked", "struck", "stormed", "opened fire", "fired", "shot at", "attack", "assault", "strike", "bombard",
               "storm", "attempt", "tried",
               "raid", "hit", "targeted", "shelling", "pushed back", "repelled", "repulsed", "beaten back", "thrown back",
               "under"),
}
assert set(TRIGGER_NEEDS) == {name for name, _ in INCIDENT_TRIGGERS}
# senses of trigger words that report no incident, matched at the trigger (``_NOT_AN_INCIDENT``) or just
# before it (``_CALAMITY_SUBJECT``): an idiom ("struck a deal"), a vehicle or the weather ("struck by a car"),
# a calamity as the subject ("the crisis struck"), food ("shelled peanuts"), sport ("stormed their way to"),
# a thing lying around another ("a square surrounded by shops"; "the controversy surrounding")
_IDIOM_OBJECTS = (r"deals?|agreements?|accords?|bargains?|compromises?|pacts?|truces?|chords?|nerves?|notes?|tones?|"
                  r"balances?|poses?|matches|match|gold|oil(?![\s-]+(?:depots?|refiner(?:y|ies)|terminals?|facilit(?:y|ies)|"
                  r"storage|tanks?|plants?|fields?|platforms?|rigs?|pipelines?|installations?|pumping))|a blow (?:for|to|against)|up\b|out\b|off\b|down\b")
# what a side withdraws from or takes back in diplomacy (``_NOT_AN_INCIDENT``)
_PACTS = (r"deals?|agreements?|accords?|treat(?:y|ies)|initiatives?|talks|negotiations?|pacts?|conventions?|"
          r"memorand(?:um|a)|arrangements?|programmes?|programs?|schemes?|corridors?|councils?|organi[sz]ations?|"
          r"ambassadors?|envoys?|diplomats?|guarantees?|recognition|offers?|bids?|candidac(?:y|ies)|proposals?|plans?|"
          r"ideas?|hopes?|demands?|claims?|support|membership|consent|objections?|application|participation")
_VEHICLES = (r"cars?|vehicles?|trucks?|lorr(?:y|ies)|bus(?:es)?|trains?|motorcycles?|bicycles?|taxis?|vans?|"
             r"lightning|waves?(?!\s+of\s+(?:[\w-]+\s+){0,2}?(?:drones?|UAVs?|missiles?|rockets?|strikes?|attacks?|"
             r"shelling|bombs?))|balls?|bats?|pucks?|glass")
_FOOD = (r"nuts|peanuts|pistachios|almonds|walnuts|pecans|hazelnuts|cashews|seeds|eggs|shrimps?|prawns|peas|"
         r"beans|corn|oysters|crabs?|lobsters?|clams|mussels|edamame")
_NOT_AN_INCIDENT = re.compile(
    r"(?:struck|strikes?|hit|hits)\s+(?:(?:a|an|the|new|another|its|their|his|her|what)\s+)?(?:[\w-]+\s+)?"
    r"(?:" + _IDIOM_OBJECTS + r")(?!\w)|"
    r"(?:(?:was|were|been|is|are)\s+)?(?:struck|hit|attacked)\s+(?:\w+\s+)?by\s+(?:(?:a|an|the|his|her|their)\s+)?(?:[\w-]+\s+)?"
    r"(?:" + _VEHICLES + r")\b|"
    r"shelled\s+(?:[\w-]+\s+)?(?:" + _FOOD + r")\b|"
    r"stormed\s+(?:their|its|his|her|our)\s+way\b|"
    r"air\s+raid\s+(?:alarms?|shelters?)\b|"
    # words, not arms ("bombarded Western capitals with warnings", "bombarding officials with questions")
    r"bombard(?:ed|s|ing)?\s+(?:[\w'’-]+\s+){0,4}?with\s+(?:[\w-]+\s+)?(?:questions|warnings|messages|calls|complaints|"
    r"requests|criticism|letters|e-?mails|propaganda|threats|offers|demands|accusations|appeals|leaflets|information)\b|"
    # a side leaving an agreement, talks or a body, or taking back a word or an envoy ("pulled out of the grain deal",
    # "withdrew from the treaty", "withdrew its ambassador", "abandoned the talks"): diplomacy, no ground given up
    r"(?:withdr[ae]w(?:n|al)?|withdrawing|pull(?:ed|s|ing)?\s+out|abandon(?:ed|s|ing)?|retreat(?:ed|s|ing)?)\s+"
    r"(?:(?:from|of|out\s+of)\s+)?(?:(?:the|an?|its|their|his|her|this|that|all)\s+)?"
    r"(?:(?!(?:under|as|in|on|at|after|with|by|to|near|for|from|of|and|or)\b)[\w'’-]+\s+){0,4}?(?:" + _PACTS + r")\b|"
    r"surround(?:ed|ing)\s+by\s+(?!(?:[\w'’-]+\s+){0,3}?(?:forces|troops|army|armies|soldiers|units|enemy|"
    r"tanks|militants|rebels|fighters|Russian|Ukrainian|occupiers|invaders|separatists))",
    re.IGNORECASE)
_CALAMITY_SUBJECT = re.compile(
    r"\b(?:crisis|recession|disaster|tragedy|pandemic|epidemic|outbreak|disease|virus|illness|flood(?:s|ing|waters)?|"
    r"earthquake|quake|tsunami|storm|hurricane|cyclone|typhoon|tornado|drought|heatwave|fire|wildfire|lightning)\s+"
    r"(?:(?:in|of|across|on)\s+(?:the\s+)?[\w-]+\s+)?(?:(?:has|had|have|now|then|also|first|finally|again)\s+){0,2}$", re.IGNORECASE)
# "surrounding" reports an encirclement only as a verb ("troops are surrounding the city"), not as a preposition
# or an adjective ("the controversy surrounding X", "the surrounding villages")
_SURROUNDING_VERB = re.compile(r"\b(?:are|is|were|was|been|be|began|begun|started|continue\w*|kept)\s+(?:\w+ly\s+)?$",
                               re.IGNORECASE)


# a strike named only as the reason or the concession of what the clause tells ("added X to the list despite recent
# missile attacks", "evacuated families due to the approach of the front and increased shelling"): a bare noun (no
# article, number or possessive in its own conjunct) after a preposition of cause or concession names attacks in
# general, the background of the clause's news, not one incident; a determined noun ("despite the attack on
# Sunday", "despite Sunday's strike") still tells one
_REASON_BEFORE = re.compile(r"\b(?:despite|in\s+spite\s+of|due\s+to|because\s+of|owing\s+to|"
                            # what a strike answers ("in response to Western missile strikes on Russian territory")
                            r"in\s+(?:response|reply)\s+to|in\s+(?:retaliation|revenge)\s+(?:for|against)|"
                            r"as\s+(?:a\s+)?(?:response|retaliation|revenge)\s+(?:to|for))\s+"
                            r"((?:[\w'’-]+\s+){0,8}?)$", re.IGNORECASE)
_BARE_STRIKE_NOUN = re.compile(r"(?:[\w-]+\s+)?(?:attacks|strikes|airstrikes|air\s+strikes|raids|assaults|"
                               r"shelling|bombing|bombardments?|fire)(?:\s+(?:on|against))?", re.IGNORECASE)
_CONJUNCT = re.compile(r"\s(?:and|or)\s", re.IGNORECASE)
_DETERMINED = re.compile(r"\b(?:a|an|the|this|that|these|those|its|their|his|her|our|one|two|three|several|"
                         r"\d[\d,]*)\b|['’]s\b", re.IGNORECASE)
# harm told before the preposition makes the strike its cause, an incident ("two were injured due to shelling")
_HARM = re.compile(r"\b(?:damag\w*|destroy\w*|kill\w*|injur\w*|wound\w*|hurt|died|dead|deaths?|ruin\w*|burn\w*|"
                   r"hit|struck|collaps\w*|casualt\w*)\b", re.IGNORECASE)
REASON_WINDOW_CHARS = 80  # how far before a strike noun its preposition of cause or concession may stand


def _given_as_reason(sentence: str, start: int, end: int) -> bool:
    """The trigger at ``start:end`` is a bare strike noun told only as the reason or concession of its clause
    (``_REASON_BEFORE``), not as the cause of harm the sentence tells before it (``_HARM``): attacks in general, no
    incident."""
    if not _BARE_STRIKE_NOUN.fullmatch(sentence, start, end):
        return False
    window = sentence[max(0, start - REASON_WINDOW_CHARS):start]
    m = _REASON_BEFORE.search(window)
    if m is None or re.search(r"[,;:.!?]", m.group(1)):
        return False
    if _HARM.search(sentence, 0, start - len(window) + m.start()):
        return False  # "a school was damaged due to shelling": the cause of harm told, the incident itself
    own = _CONJUNCT.split(" " + m.group(1))[-1] + sentence[start:end]  # the trigger's own conjunct
    return not _DETERMINED.search(own)


# a strike told as the means of what the clause's subject did ("units, supported by aviation and artillery fire,
# liberated X", "with the support of artillery, troops took Y", "backed by air strikes, they advanced"): the support
# of an assault or an advance, no incident of its own; the phrase's words up to the trigger hold no clause break
_MEANS_BEFORE = re.compile(r"\b(?:(?:supported|backed|covered|assisted|aided)\s+by|with\s+(?:the\s+)?(?:support|"
                           r"help|backing|cover)\s+of|under\s+(?:the\s+)?cover\s+of|with\s+(?:the\s+)?(?:air|"
                           r"artillery|fire)\s+support\s+of)\s+((?:[\w'’-]+\s+){0,6}?)$", re.IGNORECASE)
MEANS_WINDOW_CHARS = 70  # how far before a strike its "supported by" / "with the support of" may stand


def _told_as_means(sentence: str, start: int) -> bool:
    """The strike trigger at ``start`` is the means of what its clause tells (``_MEANS_BEFORE``): no incident."""
    m = _MEANS_BEFORE.search(sentence, max(0, start - MEANS_WINDOW_CHARS), start)
    return m is not None and not re.search(r"[,;:.!?]", m.group(1))


# a denial governing what follows it ("denied that", "denies its forces struck", "rejected claims that")
_DENIAL = re.compile(r"\b(?:denie[sd]|deny|denying|rejected|rejects|dismissed|dismisses|refuted|refutes)\b",
                     re.IGNORECASE)
DENIAL_REACH_CHARS = 120  # how far after a denial the strike it denies may be told


def denied_strike(sentence: str) -> bool:
    """Whether ``sentence`` tells a strike only inside a denial's scope (``_DENIAL`` before a strike trigger within
    ``DENIAL_REACH_CHARS``, no full stop between)."""
    for m in _DENIAL.finditer(sentence):
        reach = sentence[m.end():m.end() + DENIAL_REACH_CHARS]
        if any(name in STRIKES and pattern.search(reach) for name, pattern in INCIDENT_TRIGGERS):
            return True
    return False


# the agent of a passive strike verb ("was hit by ..."), and the words that make it an armed one: a weapon, a strike,
# a force or a side ("hit by a Russian missile", "targeted by enemy artillery", "struck by debris"); "hit by new
# sanctions", "targeted by hackers", "hit by power cuts" tell no armed incident
_BY_AGENT = re.compile(r"\s+(?:(?:\w+ly|hard|again|also|once\s+more)\s+)?by\s+([^,;:.!?]{1,60})", re.IGNORECASE)
_WAR_AGENT = re.compile(r"\b(?:missiles?|rockets?|drones?|UAVs?|shells?|shelling|artillery|mortars?|strikes?|airstrikes?|"
                        r"attacks?|bombs?|bombing|fire|munitions?|debris|fragments|shrapnel|wreckage|projectiles?|"
                        r"explosives?|blasts?|explosions?|warheads?|aircraft|planes?|jets?|helicopters?|tanks?|forces|"
                        r"troops|army|soldiers|units|occupiers|invaders|enemy|militants|fighters|saboteurs|"
                        r"shahed\w*|geran\w*|iskanders?|kalibrs?|kinzhals?|grads?|himars|atacms|tochka\w*|lancets?|"
                        r"KABs?|FABs?|S-\d+|Kh-\d+\w*|Storm\s+Shadow|gunfire|sniper|grenades?|mines?|weapons?|"
                        r"barrage|salvo|volley|payloads?|FPVs?|quadcopters?|copters?|loitering|kamikaze)\b|"
                        # a weapon by its name ("hit by a Zircon", "by two Onyx"): a capitalised noun after a number
                        r"^(?:an?|one|two|three|four|five|\d+)\s+(?-i:[A-Z])", re.IGNORECASE)


def _not_an_incident(sentence: str, start: int, end: int) -> bool:
    """The trigger at ``start:end`` is used in a sense that reports no incident (see ``_NOT_AN_INCIDENT``)."""
    word = sentence[start:end].lower()
    if _NOT_AN_INCIDENT.match(sentence, start):
        return True
    if word in ("struck", "hit", "hits", "strikes") and _CALAMITY_SUBJECT.search(sentence, max(0, start - 40), start):
        return True
    if word.endswith(("hit", "targeted", "attacked", "struck")) and (by := _BY_AGENT.match(sentence, end)) and \
            not _WAR_AGENT.search(by.group(1)) and _side_in(by.group(1)) is None:
        return True  # "Moscow was hit by new sanctions", "Kyiv was targeted by hackers": no arms
    return word == "surrounding" and not _SURROUNDING_VERB.search(sentence, max(0, start - 40), start)


# a cheap test first (word prefixes; Python's regex alternations are slow): a sentence with none has no trigger
_WORD = re.compile(r"[a-z]+")
_TRIGGER_PREFIXES = frozenset(
    "enci surr cut reca reto reta libe took rega recl with retr aban pull capt seiz take fell fall over surr ceded cedi "
    "lost forc "
    "free expe drov driv oust kick "
    "adva ente push brok miss rock dron air airs raid bomb shel arti mort blew blow deto atta stru stor open fire shot "
    "assa stri hit hits targ gave left unde retu back came come brou repe repu beat thro occu expl blas hold cont "
    "drop rais clos uav uavs unma gain made laun bega begu star moun cros".split())


def has_prefix(sentence: str, prefixes: frozenset[str]) -> bool:
    """Whether a word of ``sentence`` starts with one of ``prefixes`` (4 letters, or the whole shorter word)."""
    return any(w[:4] in prefixes or w in prefixes for w in _WORD.findall(sentence.lower()))

# an allegation as a verb or a noun ("Moscow alleged that", "allegations"): no fact; a hedge on a fact the report
# passes on ("a drone allegedly detonated in X", "the alleged shelling of X", "an alleged missile attack") is one,
# as a claimant's "claimed that" is (who said it is ``figures``' concern, not whether it happened)
_ALLEGATION = (r"(?<!\ban\s)(?<!\ba\s)(?<!\bthe\s)(?<!\bthis\s)(?<!\bits\s)(?<!\btheir\s)alleged|"
               r"alleg(?!ed\b)(?!edly\b)\w+")
# words after which a clause no longer reports a fact
_IRREALIS = re.compile(
    r"\b(could|would|might|may(?!\s+\d)|will|shall|can|cannot|if|unless|threaten\w*|vow\w*|warn\w*|fears?|feared|"
    r"afraid|fearing|for fear|plans? to|planning to|planned to|intends? to|preparing to|prepared to|expected to|possible(?!(?:(?<=was possible)|(?<=were possible))\s+to\b)|possibly|"
    r"potential|hypothetic\w*|rule out|ready to|aims? to|seeks? to|wants? to|tr(?:y|ies|ied) to|attempts? to|"
    r"curfew|alerts?|alarms?|sirens?|forecast\w*|predict\w*|accus\w+|refrain\w*|avoid\w*|" + _ALLEGATION + r"|denie[sd]|deny|denial|unconfirmed|"
    # a denial of a report ("rejected reports that ...", "dismissed claims that ..."): the report it governs is denied
    r"(?:reject\w*|dismiss\w*|refut\w*|disput\w*)\s+(?:\w+\s+){0,2}?(?:reports?|claims?|allegations?|accusations?|"
    r"statements?|suggestions?|assertions?)|unable to|"
    r"whether|risk of|fail(?:ed|ing|s)? to|should|must|ought to|"
    # a hedge, a staged pretext, or the prospect of an incident ("perhaps to simulate an attack", "the threat of
    # the army seizing X"): nothing happened yet
    r"perhaps|maybe|simulat\w*|(?:threats?|danger|prospects?|chances?|possibility|likelihood) of|"
    # a purpose or a goal: what an act is for is not what happened ("air defences to protect X from strikes",
    # "ahead of an attack", "a counteroffensive aimed at liberating X", "the goal is the liberation of X")
    r"protect\w*|shield\w*|defend\w* against|to (?:stop|prevent|halt|deter|counter|end)|ahead of|in case of|"
    r"aim(?:s|ed)? (?:at|to)|in order to|goals?|objectives?|intentions?|"
    # leave or a request for a strike, not a strike ("urged allies to permit strikes on X", "authorised Kyiv to use
    # missiles for strikes on X", "lifted restrictions on strikes"): what may be done
    r"urg(?:e|es|ed|ing)|permi(?:t|ts|tted|tting|ssion)|authori[sz](?:e|es|ed|ing|ation)|lobb(?:y|ies|ied|ying)|"
    r"green light|restrictions?\s+on|ban\s+on|"
    # a court's verdict on a deed ("sentenced a soldier for shelling civilians in X"): the trial is the news
    r"sentenc(?:ed|es|ing)|convict(?:ed|s|ing)|jailed|found\s+guilty|pleaded\s+guilty|"
    # forces gathered for a strike yet to come ("is amassing troops for an attack on X", "massed forces for an assault")
    r"(?:amass|mass|gather|concentrat|assembl|mobili[sz])\w*\s+(?:up\s+)?(?:[\w-]+\s+){0,3}?(?:forces|troops|"
    r"units|reserves|soldiers|men|equipment)\s+for|"
    # a deed drawing near or imagined ("on the verge of capturing X", "close to taking X", "poised to", "the scenario
    # in which Russia seizes X"): not done yet
    r"on\s+the\s+(?:verge|brink|cusp|threshold)\s+of|(?:close|closer|near|nearer)\s+to(?=\s+\w+ing\b)|"
    r"within\s+(?:reach|striking\s+distance)\s+of(?=\s+\w+ing\b)|poised\s+to|scenarios?|"
    # ... or what a deed done leads to ("brings closer the liberation of X", "opens the way for the capture of Y", "a
    # step towards the fall of Z", "a springboard for an assault on W")
    r"(?:bring|brings|brought|bringing|draws?|drew|drawing)\s+(?:\w+\s+)?(?:closer|nearer)|"
    r"(?:paves?|paved|paving|opens?|opened|opening|clears?|cleared|clearing)\s+the\s+(?:way|road|path)\s+"
    r"(?:for|to|towards?)|steps?\s+(?:closer\s+)?(?:to|towards?)|prelude\s+to|precondition\s+for|"
    r"springboard\s+for|staging\s+(?:ground|post)\s+for)\b",
    re.IGNORECASE)
_PREPARED = re.compile(r"\b(prepar\w+|ready|braced?|bracing)\s+(?:for|against)\b", re.IGNORECASE)
_NEGATION = re.compile(r"\b(not|never|no|nor|without|n['’]t|false|fake|refuted)\b", re.IGNORECASE)
# a span of time as a duration ("after months of fighting", "years of shelling"): generic; but its first or last
# weeks are a time, not a duration ("in the early weeks of the invasion" dates one deed, as "in February" would)
_SPAN_OF = (r"(?<!first\s)(?<!early\s)(?<!earliest\s)(?<!opening\s)(?<!initial\s)(?<!final\s)(?<!closing\s)"
            r"(?:months|weeks|years)\s+of")
# a count of weeks, months or years ("over the past two years", "for several months")
_HOW_MANY = (r"(?:(?:nearly|almost|about|around|some|over|more than)\s+)?(?:few|several|many|two|three|four|five|six|"
             r"seven|eight|nine|ten|\d+)")
# a state of being under fire rather than an incident: "X remains under shelling", "communities are under heavy fire",
# "the territories under enemy shelling" (no verb of coming: "came under fire on Sunday" tells an incident; a past
# "was under fire" may too)
_UNDER_FIRE = (r"(?<!came\s)(?<!come\s)(?<!comes\s)(?<!coming\s)(?<!brought\s)(?<!was\s)(?<!were\s)(?<!been\s)"
               r"under\s+(?:(?:constant|heavy|intense|enemy|Russian|Ukrainian|hostile|daily|artillery|relentless|"
               r"massive|regular|heavier)\s+){0,3}(?:shelling|fire|attacks?|bombardment|bombing|strikes)")
# a place told as one that lived through strikes ("has endured heavy bombardment", "has faced attacks", "witnessed
# an escalation of attacks"): an experience or a trend, not one incident (a past "suffered a missile strike on
# Friday" names one: the verb must be present or perfect, or its object a trend)
_ENDURED = (r"(?:has|have)\s+(?:(?:also|long|repeatedly)\s+)?(?:endured|faced|suffered|seen|witnessed|experienced|"
            r"weathered)\s+(?:(?:heavy|intense|constant|relentless|massive|daily|nightly|regular|frequent|fierce|"
            r"near-constant|Russian|Ukrainian|enemy)\s+){0,3}(?:shelling|bombardment|bombing|attacks|strikes|airstrikes|"
            r"fire)|(?:escalation|intensification)\s+of|(?:surge|uptick)\s+in|"
            # the present of a habit ("the city still faces shelling from across the river", "endures attacks")
            r"(?:faces|endures|suffers|weathers)\s+(?:(?:heavy|intense|constant|relentless|massive|daily|nightly|"
            r"regular|frequent|fierce|Russian|Ukrainian|enemy|artillery)\s+){0,3}(?:shelling|bombardment|bombing|"
            r"attacks|strikes|airstrikes|fire)|"
            # a habit or a process: "has been pounding X", "keep shelling X", "stepped up shelling of X"
            r"(?:has|have)\s+been\s+(?:\w+ly\s+)?(?:pounding|shelling|bombing|bombarding|attacking|striking|targeting|"
            r"hitting|storming|assaulting)|(?:keeps?|kept|keeping)\s+(?:on\s+)?(?:\w+ly\s+)?\w+ing|"
            r"stepp(?:ed|ing)\s+up|steps\s+up|step\s+up")
# a duration told with "for" ("has faced bombardment for months", "under attack for nearly a year"): what went on, not
# one incident; but a record set against it is one ("the heaviest attack for months", "the first strike for weeks")
_FOR_SPAN = re.compile(r"\bfor\s+(?:(?:" + _HOW_MANY + r"|the\s+(?:past|last)(?:\s+" + _HOW_MANY + r")?)\s+)?"
                       r"(?:weeks|months|years)\b|\bfor\s+(?:(?:nearly|almost|about|around|over|more than)\s+)?"
                       r"a\s+(?:year|month)\b", re.IGNORECASE)
# strikes summed over a span of days ("over several days, 22 bombs were dropped on X"): a sum, no incident (a change of
# control over several days is one: "retook the village over several days")
_DAYS_SPAN = re.compile(r"\b(?:over|during|in|within)\s+(?:the\s+course\s+of\s+)?(?:several|a\s+few|many|"
                        r"a\s+number\s+of)\s+(?:days|weeks|months)\b", re.IGNORECASE)
_RECORD = re.compile(r"\b(?:first|\w\w+est|worst|biggest|largest)\b", re.IGNORECASE)
# generic, ongoing or background statements: not one incident
_GENERIC = re.compile(r"\b(constant(?:ly)?|frequent(?:ly)?|regular(?:ly)?|daily|nightly|repeated(?:ly)?|"
                      r"intensified|intensifying|continu(?:e|es|ed|ing|ous|ously)|ongoing|systematic(?:ally)?|"
                      r"since (?:(?:late|early|mid-?)\s*)?(?:the|Russia|Moscow|January|February|Feb|March|April|May|June|July|August|September|October|"
                      r"November|December|\d{4}|its|it)|" + _SPAN_OF + r"|"
                      r"(?:began|started|begun)\s+(?:back\s+)?in\s+\d{4}|"
                      # (a habit: "a city often attacked by drones"; not the compound "an often-shelled town")
                      r"(?:often|usually|typically|commonly|habitually)(?![-‐‑])|every night|each night|"
                      r"night after night|day after day|on a (?:daily|nightly|regular) basis|"
                      r"every day|throughout|ever since|dozens of settlements|hundreds of settlements|deliberately|"
                      r"periodic(?:al)?(?:ly)?|occasional(?:ly)?|sporadic(?:ally)?|routine(?:ly)?|from time to time|"
                      r"time and again|at times|campaigns? of|in recent (?:days|weeks|months|years)|"
                      r"(?:\d+|three|four|five|six|seven|eight|nine|ten|dozens of|hundreds of|several|many|multiple)"
                      r"\s+times|"
                      r"(?:over|in|during) the (?:past|last) (?:" + _HOW_MANY + r" )?(?:weeks|months|years)|"
                      r"(?:over|in|during) the (?:past|last) (?:week|month|year)|"

                      r"(?:this|last|that|the past) (?:week|month|year) alone|" + _UNDER_FIRE + "|" + _ENDURED + r")\b",
                      re.IGNORECASE)
# a sentence that opens on a span of time tells what has gone on since, not one incident
_GENERIC_OPENER = re.compile(r"^\W*(?:(?:and|but)\s+)?(?:ever\s+since|since\s+then|from then on|since that time|"
                             r"in the (?:months|weeks|years) since)\b", re.IGNORECASE)
# a change of control that a "since" clause presupposes ("... shelled daily since it was liberated"): a fact of
# its own, whatever the generic main clause says
_SINCE_FACT = re.compile(r"\bsince\s+(?:it|they|the\s+[\w-]+|[A-Z][\w'’-]+)\s+(?:was|were|had been|has been)\s+"
                         r"(?:\w+ly\s+)?$", re.IGNORECASE)
# ... or in the active voice with the year it happened ("the biggest change since Russian troops captured X in May
# 2023"): the subject is a side (a few words), the verb a past tense, and a year follows in the clause
_SINCE_ACTIVE = re.compile(r"\bsince\s+(?:(?:the|its|their)\s+)?(?:[\w'’-]+\s+){0,2}$", re.IGNORECASE)
_PAST_CONTROL = re.compile(r"(?:\w+ed|took|retook|overran|fell to|took control|took back)$", re.IGNORECASE)
# a period before the page's year or season told back from it ("last May", "last year"): as good as a year written
_LAST_PERIOD = (r"last\s+(?:year|spring|summer|autumn|fall|winter|January|February|March|April|May|June|July|August|"
                r"September|October|November|December)")
LAST_PERIOD_AFTER = re.compile(r"[^;:.!?]{0,60}?\b" + _LAST_PERIOD + r"\b", re.IGNORECASE)
_YEAR_AFTER = re.compile(r"^[^;:.!?]{0,60}?\b(?:(?:19|20)\d\d|" + _LAST_PERIOD + r")\b")
# a clause ends at these (the modal of one clause does not reach the next; "will go on despite an attack": it happened)
_CLAUSE_BREAK = re.compile(r"[;:—–]|,\s|\s(?:after|when|as|but|while|before|following|and then|despite|"
                           r"in spite of)\s|[“”\"]",
                           re.IGNORECASE)
# "Another woman was wounded": one more victim of the incident told, not another incident
_MORE_VICTIMS = (r"(?!\s+(?:\d[\d,]*\s+|[\w-]+\s+){0,2}(?:man|woman|person|people|civilians?|residents?|child|children|"
                 r"boy|girl|teenager|soldiers?|victims?|pensioner|men|women)\b)")
_SEPARATE = re.compile(r"^\W*(separately|in a separate|elsewhere|in another|another" + _MORE_VICTIMS +
                       r"|in other news)\b|"
                       # the speaker telling another incident ("The governor said separately that a man was killed ...")
                       r"^[^,;:]{0,60}?\b(?:said|says|reported|reports|added|announced|wrote)\s+separately\b|"
                       # more news of the day told after the incident ("Also today, on June 26, troops shelled ...")
                       r"^\W*also,?\s+(?:today|yesterday|overnight|on\s+(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|\d{1,2}\b|"
                       + MONTH_NAMES + r")|this\s+(?:morning|afternoon|"
                       r"evening))|"
                       r"^\W*(?:earlier|previously)\s+(?:this|last|in)\s+(?:(?:the\s+)?(?:month|year|spring|summer|"
                       r"autumn|fall|winter)|" + MONTH_NAMES + r")\b|"
                       r"\b(another|a separate|a second|a further) (?:\w+ )?(attack|strike|incident|shelling|explosion)|"
                       # an attack told as an earlier one ("the building was previously attacked")
                       r"\b(?:was|were|been)\s+(?:also\s+)?previously\s+(?:\w+ed|hit|struck|shot)\b|"
                       r"\b(?:an?|the) (?:similar|previous|earlier|prior) (?:\w+ ){0,2}?(?:attack|strike|shelling|explosion)|"
                       # told as what came before the incident just told ("Prior to this incident, a drone ...")
                       r"^\W*(?:prior\s+to|before)\s+(?:this|that)\s+(?:\w+\s+)?(?:incident|attack|strike|shelling|"
                       r"explosion)\b",
                       re.IGNORECASE)
# a passive verb ("was seized", "had been retaken"); "has captured" is an active perfect
# a question asks whether something happens ("Is there a threat of the army seizing X?"): it reports nothing
# a plural attack noun is an incident told only as something carried out or counted ("launched strikes on A, B and
# C", "two strikes on X") or told to have taken place ("there had also been attacks on A and B": the existential
# clause states that they happened); otherwise it speaks of attacks in general ("condemned the attacks on X")
_PLURAL_NOUN = re.compile(r"(?:attacks|assaults|strikes|raids)\s", re.IGNORECASE)
_CARRIED_OUT = re.compile(r"\b(?:launch\w*|carr(?:ied|ies|y|ying) out|conduct\w*|made|mak\w+|deliver\w*|fired|mount\w*|"
                          r"staged|two|three|four|five|six|seven|eight|nine|ten|\d+|several|multiple|series of|"
                          r"waves? of|there\s+(?:(?:has|have|had)\s+(?:also\s+|again\s+)?been|were|was))"
                          r"\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)
_TOLD_BY_HARM = re.compile(r"\w+\s+(?:had\s+|have\s+|has\s+)?(?:damaged|destroyed)\b", re.IGNORECASE)
_QUESTION = re.compile(r"\?[\s\"'”’)]*$")
# the second verb of a passive pair, its auxiliary left out ("It was surrendered in May but recaptured by X")
_AUXILIARY = re.compile(r"(?:was|were|been)\s", re.IGNORECASE)  # a strike trigger told in the passive ("were hit")
_ELLIPTIC_PASSIVE = (re.compile(r"\b(?:was|were|been)\s+\w+ed\b[^.;:]{0,60}?\b(?:but|and|then)\s+(?:later\s+)?$",
                                re.IGNORECASE), re.compile(r"\s+by\b", re.IGNORECASE))
_PASSIVE_BEFORE = re.compile(r"\b(was|were|been|being|is|are|be|get|got|gets)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_INFINITIVE_BEFORE = re.compile(r"\bto\s+$", re.IGNORECASE)
_EXISTENTIAL = re.compile(r"\bthere\s+(?:(?:has|have|had)\s+(?:also\s+|again\s+)?been|(?:were|was)(?:\s+also)?)\s+$",
                          re.IGNORECASE)  # "there had also been" before a trigger noun
_PROGRESSIVE = re.compile(r"\w+ing\b", re.IGNORECASE)  # a trigger opening on a present participle
# an infinitive that was done ("were forced to withdraw", "managed to liberate", "it was possible to liberate", a
# translation's "managed to"): the act happened
_DONE_TO = re.compile(r"\b(?:forced|had|have|has|was|were|decided|managed|began|started|(?:was|were)\s+(?:possible|able))"
                      r"\s+to\s+$", re.IGNORECASE)
# a change-of-control participle used as an adjective of a place referred back to ("the retaken village was ...",
# "the liberated territories"): no change of control of its own (one naming its place, "the liberated village of X",
# still is one)
_ATTRIBUTIVE_BEFORE = re.compile(r"\b(?:the|this|that|these|those|its|their)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
_HELD_AREAS_BEFORE = re.compile(r"\b(?:territor(?:y|ies)|areas|lands)\s+(?:it\s+|they\s+|(?:had|has|have)\s+)?"
                                r"(?:\w+ly\s+)?$", re.IGNORECASE)  # "the territories (it has) seized": what is held
_ATTRIBUTIVE_AFTER = re.compile(r"\s+(?:" + _SETTLEMENTS.replace(r"(?:\s+of)?", "") + r"|territor(?:y|ies)|areas?|"
                                r"regions?|lands?|positions?)\b(?!\s+of\b)", re.IGNORECASE)

# a strike verb's participle as an adjective ("the bombed ruins", "these shelled houses"): a word ending in -ed between
# a determiner (``_ATTRIBUTIVE_BEFORE``) and a noun (a lower-case word that is no preposition or conjunction)
_PARTICIPLE = re.compile(r"[a-z]+ed", re.IGNORECASE)
_NOUN_AFTER = re.compile(r"\s+(?!(?:by|at|with|in|on|from|for|to|into|and|or|but|overnight|again|twice|repeatedly|"
                         r"early|late|last|this|that|the|a|an|it|them)\b)(?-i:[a-z])[\w-]*\b", re.IGNORECASE)

# the two sides, as the news names them (the actor of an incident): first by the state's own names, which mean
# the same anywhere in the world ("a Russian drone", "Ukraine's army"), then by words that name a side only inside
# the war's theatre ("separatists", "occupiers": elsewhere they are other wars' fighters)
_STATE_NAMES = (("Russia", r"Russian?s?|Russia['’]s|Moscow['’]s|Kremlin"),
                ("Ukraine", r"Ukrainian?s?|Ukraine['’]s|Kyiv['’]s|ZSU|Armed Forces of Ukraine|Defen[cs]e Forces of Ukraine"))
_THEATRE_NAMES = {"Russia": r"LPR|DPR|separatists?|occupiers?|occupying|occupation forces|invaders?|Wagner|Chechen",
                  "Ukraine": r"Operational Command"}
_SIDES = tuple((side, re.compile(rf"\b({names}|{_THEATRE_NAMES[side]})\b")) for side, names in _STATE_NAMES)
# words of armed conflict: an article with none of them, and no side of the war named, reports no war event
# (an outbreak's deaths, a car crash, a police arrest, a tsunami are not mapped)
_CONFLICT_CUES = re.compile(
    r"\b(military|militar(?:y|ies)|army|armed|troops|soldiers?|servicem[ae]n|missiles?|rockets?|drones?|"
    r"shell(?:ing|ed)|artillery|mortars?|air ?strikes?|air raids?|bombs?|bombing|bombard\w*|war|wartime|"
    r"invasion|invad\w+|front ?lines?|offensive|counter-?offensive|occupied|occupation|occupiers?|militants?|"
    r"insurgents?|rebels?|separatists?|brigades?|battalions?|regiments?|warplanes?|fighter jets?|howitzers?|"
    r"ceasefire|truce|hostilities|combat|guerrillas?|paramilitar\w+|navy|naval|air force|defen[cs]e ministry|"
    r"ministry of defen[cs]e|general staff|grenades?|landmines?|gunfire|fighters|warships?|annex\w*|"
    r"referend\w+|frontline)\b", re.IGNORECASE)
_WAR_NAMES = re.compile(r"\b(Ukraine|Kyiv|Kiev|KYIV|KIEV|Moscow|Duma|Putin|Zelensk(?:y|yy|iy))\b")  # the sides by country, capital, parliament or leader


def armed_conflict(text: str) -> bool:
    """Whether ``text`` speaks of armed conflict at all: a word of war or a side of this war named."""
    return bool(_CONFLICT_CUES.search(text) or _WAR_NAMES.search(text)) or any(rx.search(text) for _side, rx in _SIDES)


PARTIES = tuple(side for side, _names in _STATE_NAMES)  # the state parties of the war
# each state party by its names, capital, parliament or leader (``_WAR_NAMES`` split by side)
_PARTIES = tuple((side, re.compile(rf"\b({names}|{more})\b")) for (side, names), more in
                 zip(_STATE_NAMES, (r"Moscow|Duma|Putin", r"Ukraine|Kyiv|Kiev|KYIV|KIEV|Zelensk(?:y|yy|iy)")))


def parties_named(text: str) -> set[str]:
    """The state parties of this war ``text`` names ("a Russian drone", "Ukraine's army", "Kyiv", "Putin"); words
    that name a side only inside the theatre ("separatists", "occupiers") do not count."""
    return {side for side, rx in _PARTIES if rx.search(text)}


def war_sentences(text: str, spans: list[tuple[int, int]], enough: int) -> int:
    """How many of the sentences ``spans`` (sorted, not overlapping) speak of war, counted up to ``enough``."""
    starts = [s for s, _e in spans]
    seen: set[int] = set()
    for rx in (_CONFLICT_CUES, _WAR_NAMES, *(rx for _side, rx in _SIDES)):
        for m in rx.finditer(text):
            i = bisect.bisect_right(starts, m.start()) - 1
            if i >= 0 and m.start() < spans[i][1]:
                seen.add(i)
                if len(seen) >= enough:
                    return len(seen)
    return len(seen)


# a country (or its capital) named as the subject right before the verb
_COUNTRY_SUBJECT = re.compile(r"\b(Ukraine|Kyiv|Kiev|Russia|Moscow)\s+(?:(?:has|have|had|finally|now|reportedly|"
                              r"also)\s+){0,2}$")
# a preposition right before a country: it is an object ("forces in Ukraine have launched"), not the subject
_PREPOSITION_BEFORE = re.compile(r"\b(?:in|from|into|across|against|on|at|for|with|over|inside|to|towards?|"
                                 r"throughout|near|outside)\s+(?:(?:the|eastern|western|northern|southern|central)\s+)?$",
                                 re.IGNORECASE)
_LOSER_VERBS = re.compile(r"surrender|ced(?:ed|ing)|withdr|retreat|abandon|pulled out|gave up|\bleft\b|"
                          r"pull(?:ed|ing|s)?\s+back|\blost\b|(?:pushed|driven|forced|kicked|ousted)\s+(?:back\s+)?out\s+of",
                          re.IGNORECASE)
# a side named as the holder of a place ("the Russian-occupied village", "Ukrainian-held"): not who acted
_HOLDER_SUFFIX = re.compile(r"[-‐–]\s*(?:occupied|held|controlled)\b", re.IGNORECASE)
# a side named as what a place was rid of ("X was cleared of the Russians and liberated by ..."): the side that lost
# it, so the other one acted
_RID_OF = re.compile(r"\b(?:cleared|freed|rid|purged)\s+of\s+(?:the\s+)?(?:[\w-]+\s+)?$", re.IGNORECASE)
# a strike told as the manner of a change of control of the same place (", methodically shelling it",
# ", shelling the village"): part of it, no incident of its own
_MANNER = re.compile(r",\s+(?:\w+ly\s+)?$")
_SAME_PLACE = re.compile(r"\s+(?:it|them|the\s+(?:village|town|city|settlement|area|position)s?)\b", re.IGNORECASE)


# a verb of reporting, with what introduces its report ("wrote about", "reported that", "reported on Monday that"):
# who reports, before it, is not the agent of a deed it tells as a noun or a passive
# (a side announcing a deed as a noun, "Russia announced the capture of X", is its doer: only the verbs of those who
# report on others, journalists, analysts, bloggers)
_REPORT_VERB = re.compile(r"\b(?:reported|reports|wrote|writes|posted|published)(?:\s+(?:on\s+\w+|"
                          r"(?:earlier|later|also|today|yesterday)|that|about|of|on))*\s+", re.IGNORECASE)
_VERBAL = re.compile(r"(?:ed|en|ing)\b|\b(?:took|retook|overran|fell|left|hit|struck|shot)\b", re.IGNORECASE)
_NOUN_OF = re.compile(r"\s+of$", re.IGNORECASE)  # a trigger told as a noun with its object ("the capture of")
_OF_AFTER = re.compile(r"\s+of\b", re.IGNORECASE)  # ... its "of" after it ("the shelling of")
# the agent of a trigger noun, after it: "an attack by Russian troops", "shelling of the town by the army of X"
_NOUN_AGENT = re.compile(r"(?:\s+(?:on|of|against|at|in)\s+[^,.;:]{0,40}?)?\s+by\s+(?:the\s+)?([^,.;:]{0,60})",
                         re.IGNORECASE)
_REPORTED_BY = re.compile(r"\b(?:reported|said|confirmed|announced|posted|published|released|cited|quoted|denied|"
                          r"claimed|recorded|shown|filmed|seen|heard|condemned|documented|verified)\s+by\b",
                          re.IGNORECASE)
# a side referred back to (its antecedent is a party named before: ``antecedent``): "its troops", "their forces",
# "they" as the subject; for a change of control also the reporting organ ("the ministry said troops took X")
_ANAPHORIC_ACTOR = re.compile(r"\b(?:its|their)\s+(?:own\s+)?(?:[\w-]+\s+)?" + _COMBATANTS + r"\b|"
                              r"\bthey\s+(?:(?:had|have|has|were|was|then|also|now|later|finally)\s+)*$",
                              re.IGNORECASE)
_ANAPHORIC_ORGAN = re.compile(r"\bthe\s+(?:defen[cs]e\s+)?(?:ministry|general staff|military)\b(?!\s+of\b)",
                              re.IGNORECASE)
# every name of a party that may be the antecedent of "its" / "their": state names, capitals, leaders, theatre names
_ANTECEDENTS = tuple((side, re.compile(rf"\b({names}|{more}|{_THEATRE_NAMES[side]})\b")) for (side, names), more in
                     zip(_STATE_NAMES, (r"Russia|Moscow|Putin", r"Ukraine|Kyiv|Kiev|Zelensk(?:y|yy|iy)")))


def anaphoric(sentence: str, trig: Trigger) -> bool:
    """Whether the actor of ``trig`` is told only by reference back: "its troops", "they"; for a change of
    control also "the ministry said troops had taken X" (the ministry of a party named before)."""
    if trig.actor != "unknown":
        return False
    if trig.passive:  # "was retaken by its forces"
        return bool(re.match(r"(?:its|their)\b", _passive_agent(sentence, trig.start, trig.end), re.IGNORECASE))
    if _ANAPHORIC_ACTOR.search(sentence, max(clause_start(sentence, trig.start) - 40, 0), trig.start):
        return True
    return trig.control and not trig.passive and bool(_ANAPHORIC_ORGAN.search(sentence, 0, trig.start))


def antecedent(texts: list[str]) -> str:
    """The party a pronoun refers back to: the first party named in the nearest of ``texts`` (the sentence up to
    the pronoun, then the sentences before it, nearest first) that names one as a subject would be, not as the
    object of a preposition ("in eastern Ukraine") nor as a holder ("Russian-occupied")."""
    for text in texts:
        found = []
        for side, rx in _ANTECEDENTS:
            for m in rx.finditer(text):
                if not _PREPOSITION_BEFORE.search(text, 0, m.start()) and not _HOLDER_SUFFIX.match(text, m.end()):
                    found.append((m.start(), side))
                    break
        if found:
            return min(found)[1]
    return "unknown"


@dataclass(frozen=True)
class Trigger:
    """A trigger word in a sentence (offsets relative to the sentence)."""

    sub: str
    start: int
    end: int
    passive: bool  # "was seized": its place stands before it
    actor: str  # "Russia", "Ukraine" or "unknown"
    text: str = ""
    intercepted: bool = False  # told by its weapons brought down ("14 drones were shot down"): ``_INTERCEPTED``

    @property
    def control(self) -> bool:
        """A change of control (capture, recapture, withdrawal ...), not a strike."""
        return self.sub in CONTROL

    @property
    def gains(self) -> str:
        """The side that gains the place, for a change of control."""
        if self.actor == "unknown":
            return "unknown"
        if _LOSER_VERBS.search(self.text):  # "withdrew", "surrendered", "ceded control": the other side gains
            return _other(self.actor)
        return self.actor


    def direction(self, country_code: str | None) -> str:
        """The sub-event type at a place of ``country_code``: a liberation or retaking wording is a recapture when
        the side that gains the place is its own country's, a capture when it is the other's ("Russia said it had
        recaptured another village in eastern Ukraine"), as worded when unknown."""
        if self.sub != "recapture":
            return self.sub
        home = _HOME.get(self.gains)
        if home is None or country_code not in _HOME.values():
            return self.sub
        return "recapture" if home == country_code else "capture"


def _other(side: str) -> str:
    return {"Russia": "Ukraine", "Ukraine": "Russia"}.get(side, "unknown")


def clause_start(sentence: str, pos: int) -> int:
    """Offset where the clause holding ``pos`` starts."""
    start = 0
    for m in _CLAUSE_BREAK.finditer(sentence, 0, pos):
        start = m.end()
    return start


def _next_clause_end(sentence: str, pos: int) -> int:
    """Where the clause after the one holding ``pos`` ends (``_CLAUSE_BREAK``): the trigger's clause and the next."""
    first = _CLAUSE_BREAK.search(sentence, pos)
    if first is None:
        return len(sentence)
    second = _CLAUSE_BREAK.search(sentence, max(first.end(), first.start() + 1))
    return second.start() if second is not None else len(sentence)


# an item of a list set off by commas ("with drones, missiles, and aerial bombs"): a few words, no clause of its own
_LIST_ITEM = re.compile(r"\s*(?:(?:and|or)\s+)?(?:[\w'’-]+\s*){1,3}", re.IGNORECASE)
LIST_ITEMS_BACK = 4  # how many list items before a trigger its clause may reach back over


def _list_clause_start(sentence: str, pos: int) -> int:
    """Where the clause holding ``pos`` starts, read across the commas of a list: an item a comma sets off
    (``_LIST_ITEM``, up to the next break) belongs to the clause of the verb that governs the list ("regularly
    targets the region with drones, missiles and bombs": the adverb scopes over "missiles" too)."""
    start = clause_start(sentence, pos)
    for _ in range(LIST_ITEMS_BACK):
        if start < 2 or sentence[start - 2:start] != ", ":
            break
        following = _CLAUSE_BREAK.search(sentence, start)
        item = sentence[start:following.start() if following else len(sentence)]
        if not _LIST_ITEM.fullmatch(item):
            break
        start = clause_start(sentence, start - 2)
    return start


# a phrase after a comma that elaborates what the clause before it names ("an escalation of assaults, including air
# strikes"; "has endured bombardment for years, with rockets and glide bombs leaving ..."): no clause of its own, so
# what scopes over the clause before scopes over it ("with" only before a bare noun: "with a strike on Monday killing
# two" tells one incident of its own)
_ELABORATION = re.compile(r"\s*(?:including|such\s+as|among\s+them|notably|with\s+(?!(?:an?|the|one|two|three|\d+)\b)"
                          r"(?:[\w-]+\s+){0,3}?[\w-]+s\b)", re.IGNORECASE)


def _elaborated_start(sentence: str, start: int) -> int:
    """Where the clause starting at ``start`` begins once an elaboration (``_ELABORATION``) is read with the clause
    it follows."""
    if start >= 2 and sentence[start - 2:start] == ", " and _ELABORATION.match(sentence, start):
        return _list_clause_start(sentence, start - 2)
    return start


def realis(sentence: str, pos: int) -> bool:
    """Whether the words before ``pos`` in its clause report a fact (no modal, fear, plan, negation); a list item's
    clause is its verb's (``_list_clause_start``), an elaboration's the clause it elaborates (``_ELABORATION``)."""
    start = _elaborated_start(sentence, _list_clause_start(sentence, pos))
    before = sentence[start:pos]
    following = _CLAUSE_BREAK.search(sentence, pos)
    end = following.start() if following else len(sentence)
    # a generic word scopes over its own verb phrase: "X was liberated in May and has been shelled ever since" tells
    # the liberation as a fact and the shelling as ongoing
    own = [m for m in _COORDINATED_VERB.finditer(sentence, start, end)]
    scope_start = max([m.end() for m in own if m.end() <= pos], default=start)
    scope_end = min([m.start() for m in own if m.start() >= pos], default=end)
    opener = _OPENING_PHRASE.match(sentence)  # "Over the past week, ...": a fronted adverbial scopes over its clause
    span = _FOR_SPAN.search(sentence, scope_start, scope_end)
    if span is not None and not _RECORD.search(sentence, scope_start, span.start()):
        return False
    if _IRREALIS.search(before) or _GENERIC.search(sentence, scope_start, scope_end) or _PREPARED.search(before) or \
            _GENERIC_OPENER.match(sentence) or opener is not None and opener.end() <= pos and \
            not _CLAUSE_BREAK.search(sentence, opener.end(), pos) and _GENERIC.search(opener.group(1)):
        return False
    return not _NEGATION.search(before)


# a short phrase opening the sentence before its first comma (a fronted adverbial: "Over the past week, ...")
_OPENING_PHRASE = re.compile(r"^\W*([^,;:.!?]{1,40}),\s")
# a second verb phrase of one subject ("... was liberated in May and has been shelled since"): the scope of a generic
# word in it
_COORDINATED_VERB = re.compile(r"\s+and\s+(?:has|have|had|is|are|was|were)\b", re.IGNORECASE)

# an explosion told by its sound alone ("explosions were heard", "a blast rang out"): what was heard, not what was hit
_SOUND = re.compile(r"\b(?:rang out|sounded|thundered|(?:was|were) heard)$", re.IGNORECASE)


def sounded(trig: Trigger) -> bool:
    """Whether ``trig`` is an explosion told only by its sound (``_SOUND``)."""
    return trig.sub == "explosion" and bool(_SOUND.search(trig.text))


def generic(sentence: str) -> bool:
    """A generic or ongoing statement ("constant shelling", "since the war began")."""
    return bool(_GENERIC.search(sentence))


def separate(sentence: str) -> bool:
    """The sentence announces a different incident ("Separately, ...", "another strike")."""
    return bool(_SEPARATE.search(sentence))


def _side_in(words: str) -> str | None:
    """The side the words ``words`` name first, if any."""
    found = [(m.start(), side) for side, rx in _SIDES for m in [rx.search(words)] if m]
    return min(found)[1] if found else None


def _passive_agent(sentence: str, start: int, end: int) -> str:
    """The words after the "by" of a passive trigger ("was hit by ..."; "struck by a Russian missile" inside it)."""
    by = _BY.search(sentence, start)
    if by is None or by.start() > end + _AGENT_GAP_CHARS or re.search(r"[,.;:]", sentence[end:by.start()]):
        return ""
    return by.group(1)


_COUNTRY_AGENT = re.compile(r"(Ukraine|Kyiv|Kiev|Russia|Moscow)\b(?!['’]s)")
_BY = re.compile(r"\bby\s+(?:the\s+)?([^,.;]{0,60})")
_AGENT_GAP_CHARS = 25  # how far after a passive trigger its "by" may stand ("was occupied in January by ...")


# the side a place was taken from, after its object in the verb's clause ("liberated X from the Russian occupiers",
# "was freed from Russian troops")
_TAKEN_FROM = re.compile(r"[^,;:.!?]{0,60}?\bfrom\s+(?:the\s+)?([^,;:.!?]{1,40})", re.IGNORECASE)
_FELL_TO = re.compile(r"fell\s+to$", re.IGNORECASE)  # a place falling to a side: the side is the verb's object


# a side as the subject of a verb, and a second verb coordinated after it (``actor``)
_SIDE_VERB = re.compile(r"^\W*(?:[^,;:]*?\b(?:said|says|reported|announced|claimed|added)\s+(?:that\s+)?)?(?:the\s+)?((?:" + "|".join(names for _side, names in _STATE_NAMES) + r")\s+(?:[\w-]+\s+)?"
                        r"(?:" + _COMBATANTS + r"|marines|paratroopers|brigades?|defenders)?)\s*(?:(?:have|has|had|also|then|"
                        r"\w+ly)\s+)*(?:\w+ed|took|drove|overran|struck|hit|shot|fought|broke|retook)\b")
_AND_BEFORE = re.compile(r"\band\s+(?:(?:then|later|also|\w+ly)\s+)?$", re.IGNORECASE)
# a preposition of cause or time before a deed told as a noun ("in retaliation for the drone attack", "after Sunday's
# shelling"), the words up to the noun a determiner and its modifiers only (``actor``)
_CAUSE_BEFORE = re.compile(r"\b(?:for|after|following|since|before|despite|in\s+(?:response|reply)\s+to|"
                           r"in\s+(?:retaliation|revenge)\s+(?:for|against))\s+(?:the|a|an|this|that|last|"
                           r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day['’]s)\s+(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


def actor(sentence: str, start: int, end: int, *, passive: bool) -> str:
    """The side that acted: a side named before the trigger in its clause, after "by" for a passive (also inside
    the trigger: "struck by a Russian missile"), or the agent of a noun ("an attack by Russian troops", "the
    shelling of X by ...", "the withdrawal of the Ukrainian army")."""
    if _FELL_TO.search(sentence, start, end):  # "X fell to Russian forces": the side after "to" took it
        following = _HOLDER_END.search(sentence, end)
        side = _side_in(sentence[end:following.start() if following else min(len(sentence), end + 60)])
        if side:
            return side
    if passive:
        agent = _passive_agent(sentence, start, end)
        side = _side_in(agent)
        country = _COUNTRY_AGENT.match(agent)
        if side or country:  # "by Russian troops"; "recaptured by Ukraine": the country as the agent
            return side or ("Ukraine" if country.group(1) in ("Ukraine", "Kyiv", "Kiev") else "Russia")
    before = sentence[max(clause_start(sentence, start) - 40, 0):start]
    if passive or not _VERBAL.search(sentence, start, end) or _NOUN_OF.search(sentence, start, end) or \
            _OF_AFTER.match(sentence, end):
        report = None
        for report in _REPORT_VERB.finditer(before):
            pass
        if report is not None:  # "DeepState wrote about the capture of X", "officials said X was taken": the speaker
            before = before[report.end():]  # names no agent of a deed told as a noun or a passive
    subject = _COUNTRY_SUBJECT.search(before) if not passive else None
    if subject and _PREPOSITION_BEFORE.search(before, 0, subject.start()):
        subject = None  # "forces in Ukraine have launched": the country is where, not who
    if subject:  # "Ukraine liberates X", "Moscow has captured X": the country or its capital as the subject
        return "Ukraine" if subject.group(1) in ("Ukraine", "Kyiv", "Kiev") else "Russia"
    if not passive and _AND_BEFORE.search(before):
        # the second verb of a subject's two deeds ("Ukrainian forces pushed Russian troops back and liberated X"): the
        # subject of the first acted, not the side named as its object
        first = _SIDE_VERB.search(before)
        if first is not None and (side := _side_in(first.group(1))):
            return side
    best, where, loser = "unknown", -1, None
    # a deed told as a noun after a preposition of cause or time ("struck Kyiv in retaliation for the drone attack on
    # Moscow", "after the shelling of X"): the sides named before it belong to the other deed, not to this one
    answered = _VERBAL.search(sentence, start, end) is None and _CAUSE_BEFORE.search(before)
    for side, rx in _SIDES:
        for m in rx.finditer(before):
            if answered and m.start() < answered.start():
                continue
            if _RID_OF.search(before, max(0, m.start() - 30), m.start()):
                loser = side  # "cleared of the Russians": the side that lost the place
            elif m.start() > where and not _HOLDER_SUFFIX.match(before, m.end()):
                best, where = side, m.start()
    if best == "unknown" and loser is not None:
        best = _other(loser)
    if best == "unknown" and not passive:
        agent = _NOUN_AGENT.match(sentence, end)
        if agent and not _REPORTED_BY.search(agent.group(0)):
            best = _side_in(agent.group(1)) or best
        elif sentence[start:end].lower().startswith("withdrawal"):  # "the withdrawal of the Ukrainian army"
            best = _side_in(sentence[end:end + 40].split(" from ")[0]) or best
    return best


def _taken_from(sentence: str, end: int) -> str:
    """The side that took the place a change of control ending at ``end`` took "from" a side ("X was liberated from
    Russian occupiers": Ukraine), else "unknown"."""
    m = _TAKEN_FROM.match(sentence, end)
    loser = _side_in(m.group(1)) if m else None
    return _other(loser) if loser else "unknown"


# a seizure told as a legal act (decrees, referendums, annexation): the annexation claim, not a capture in battle
_LEGAL_ACT = re.compile(r"\b(?:decrees?|referend\w*|annex\w*|accession|ratif\w*|(?:officially|formally|legally)\s+"
                        r"(?:seiz|captur|tak))", re.IGNORECASE)
_CAME_UNDER_RX = re.compile(_CAME_UNDER, re.IGNORECASE)
# an occupation told by how long it lasted ("the village had been occupied since March"): a capture, in the background
_OCCUPIED_SINCE = re.compile(r"occupied\s+since\b", re.IGNORECASE)


def occupation(trig: Trigger) -> bool:
    """Whether ``trig`` tells a place was occupied ("was occupied by", "had been occupied since"): the side that
    gains it is the other country's when the wording names none (``incidents.control_events``)."""
    return trig.sub == "capture" and trig.text.lower() == "occupied"


_HOLD_RX = re.compile(_HOLD, re.IGNORECASE)


def holds_own(trig: Trigger, country_code: str | None) -> bool:
    """Whether ``trig`` tells a side holding a place of its own country ("Ukraine says it has control of X" in
    Ukraine): it kept the place, no change of control (``_HOLD``)."""
    return bool(_HOLD_RX.match(trig.text)) and _HOME.get(trig.gains) == country_code


def since_occupation(sentence: str, trig: Trigger) -> bool:
    """Whether ``trig`` is an occupation told by how long it lasted ("occupied since ..."): background, no day."""
    return occupation(trig) and bool(_OCCUPIED_SINCE.match(sentence, trig.start))
_HOLDER_END = re.compile(r"[,;:.—–(“”\"]")


def _holder(sentence: str, start: int, end: int) -> str | None:
    """The side a came-under wording names as the new holder ("under Ukrainian control", "under the control of
    the Russian army"), "unknown" when it names none; None when the trigger is no such wording."""
    if not _CAME_UNDER_RX.match(sentence, start):
        return None
    stop = _HOLDER_END.search(sentence, end)
    tail = sentence[start:stop.start() if stop else min(len(sentence), end + 80)]
    found = [(m.start(), side) for side, rx in _SIDES for m in [rx.search(tail)] if m]
    return min(found)[1] if found else "unknown"


# a gerund opening the sentence as its subject, with a modal after it ("Recapturing X, and an advance on Y, would
# mark major wins"): what taking the place would mean, not a report that it was taken
_HYPOTHETICAL_SUBJECT = re.compile(r"^\W*$")
_MODAL_AFTER = re.compile(r"\b(?:would|could|might|will|may)\b", re.IGNORECASE)
_MODAL_AFTER_CHARS = 120  # how far after the gerund its modal may stand
# a strike noun as the subject of the sentence ("A Russian attack on X would ..."): a determiner and at most two words
# before it; the verb it governs, the first one after it, a modal (no verb, no clause break in between)
# (an indefinite one: "the attack on X will be investigated" presupposes the attack; "may have" is a guess about the past)
_NOMINAL_SUBJECT = re.compile(r"^\W*(?:(?:an?|any|another|such\s+an?)\s+(?:[\w'’-]+\s+){0,2}|"
                              r"(?!(?:the|this|that|these|those|its|their|his|her|our)\b)"
                              r"(?:(?:more|further|new|future|additional|possible|fresh)\s+)?(?:[\w'’-]+\s+){0,2})$",
                              re.IGNORECASE)  # (or a bare plural: "New drone attacks on X are expected")
_PAST_FORM = re.compile(r"(?:ed|ing)\b", re.IGNORECASE)
# a definite strike or capture noun opening the sentence ("The capture of X would ...", "The fall of X could ...")
_DEFINITE_SUBJECT = re.compile(r"^\W*(?:the|its|their|a\s+potential|any\s+potential)\s+(?:[\w'’-]+\s+){0,2}$",
                               re.IGNORECASE)
_COUNTERFACTUAL_NEXT = re.compile(r"(?:(?!\b(?:\w+ed|was|were|is|are|has|have|had|hit|struck|killed)\b)[^,;:.!?])"
                                  r"{0,60}?\b(?:would|could|might)\b(?!\s+have\b)", re.IGNORECASE)
# a deed judged still to come, after its noun or verb in the clause ("the capture of X is only a matter of time",
# "see the fall of X as inevitable", "an assault on X is imminent")
_PROSPECT_AFTER = re.compile(r"[^,;:.!?]{0,60}?\b(?:is|was|are|were|seems?|seemed|appears?|appeared|as|remains?|remained)"
                             r"\s+(?:(?:only|just|now|still|all\s+but|highly|very|increasingly)\s+)?(?:a\s+(?:matter|question)"
                             r"\s+of\s+(?:time|days|weeks|months)|imminent|inevitable|unlikely|likely|possible|probable|"
                             r"expected|feared|looming)\b(?!\s+(?:to\s+have|that)\b)", re.IGNORECASE)
_TIME_TOLD = re.compile(r"\b(?:on|last|yesterday|overnight|earlier|ago|in\s+\d{4})\b", re.IGNORECASE)  # it happened
# people taken prisoner: a captive noun right before "captured" and a preposition right after it (no place object)
_CAPTIVES_BEFORE = re.compile(r"\b(?:soldiers|troops|servicem[ae]n|service\s+members|fighters|marines|paratroopers|"
                              r"prisoners|civilians|men|mercenaries|conscripts)\s+(?:who\s+were\s+)?$", re.IGNORECASE)
# what a verb of control takes that is no ground: goods, money, a business, people, a lead ("seized the assets of a
# brewer in X", "captured a man suspected of spying", "abandoned their yachts in X", "captured a third of the market")
_GOODS_OR_PEOPLE_AFTER = re.compile(
    r"\s+(?:(?:the|a|an|its|their|his|her|some|all|\d(?:[\d,.]*\d)?|two|three|four|five|several|dozens\s+of|hundreds\s+of|"
    r"a\s+third\s+of|a\s+quarter\s+of|half\s+of|part\s+of)\s+)*(?:[\w'’-]+\s+){0,2}?"
    r"(?:assets|property|properties|funds|money|cash|accounts|shares|stakes?|compan(?:y|ies)|firms?|business(?:es)?|"
    r"brewer(?:y|ies)?|banks?|lenders?|yachts?|villas?|cigarettes|drugs|narcotics|contraband|goods|cargo|shipments?|"
    r"tonnes|tons|kilograms|kg|documents|passports|phones|man|woman|men|women|people|persons?|suspects?|spy|spies|"
    r"agents?|saboteurs?|prisoners?|collaborators?|officials?|journalists?|smugglers?|market|markets|lead|initiative|"
    r"attention|imagination|votes?|seats?|titles?|trophy|cup|medals?|records?)\b", re.IGNORECASE)
# a civil agent as the subject of a verb of control ("police captured", "the company took over", "authorities seized",
# "oligarchs abandoned"): a seizure or an arrest, no front line (none when forces are named beside it)
_CIVIL_AGENT_BEFORE = re.compile(
    r"\b(?:police|policemen|company|companies|firm|bank|court|courts|customs|security\s+service|SBU|FSB|prosecutors?|"
    r"investigators|authorities|regulators?|investors|buyers?|owners?|oligarchs|exporters|importers|traders|"
    r"bailiffs|government|ministry|tax\s+office|smugglers|thieves|robbers)\s+(?:(?:has|have|had|also|\w+ly)\s+)*$",
    re.IGNORECASE)
_VERB_NOUN_OF = re.compile(r"\s(?:of|from)$|^(?:capture|seizure|withdrawal|fall|liberation)\b", re.IGNORECASE)
_PREPOSITION_NEXT = re.compile(r"\s+(?:in|near|during|at|on|by|outside|after|while)\b", re.IGNORECASE)
_MODAL_VERB_NEXT = re.compile(r"(?:(?!\b(?:\w+ed|was|were|is|are|has|have|had|hit|struck|killed)\b)[^,;:.!?])"
                              r"{0,60}?\b(?:would|could|might|will|may|should|must|(?:is|are)\s+(?:\w+ly\s+)?"
                              r"(?:expected|likely|planned|possible|anticipated|feared|imminent|inevitable|being\s+planned|"
                              r"being\s+prepared))\b(?!\s+have\b)", re.IGNORECASE)


# "took" or "taken" with no object, in a relative clause about a settlement ("X, which Moscow said it had taken in
# January", "a town that Russian forces took last year"): the relative pronoun is its object, a capture
_RELATIVE_TAKEN = re.compile(r"(?:,\s*|\s[—–-]\s*|\b(?:city|town|village|settlement|hub|stronghold)\s+)(?:which|that)\s+"
                             r"(?:[\w'’-]+\s+){1,6}?(?<!\bwas\s)(?<!\bwere\s)(?<!\bbeen\s)(?<!\bbeing\s)(?<!\bis\s)(?<!\bare\s)"
                             r"(took|taken)(?=\s*(?:[,.;—–]|$)|\s+(?:in|on|over|during|last|earlier|early|late|after|"
                             r"at\s+the|this|a\s+(?:week|month|year))\b)", re.IGNORECASE)  # (not passive: "which was taken")


# background told without a day, a description of places rather than an incident (issue 13: background history is an
# event only when it is dated):
# - places described by what hit them, a plural noun with a reduced relative ("displaced from villages hit by
#   shelling", "territories targeted by enemy fire", "homes damaged by drones will be rebuilt"): the places, not one
#   strike ("towns hit by shelling on Sunday included A and B" names its day: one)
_DESCRIBED_PLACES = re.compile(
    r"\b(?P<noun>territor(?:y|ies)|areas|villages|towns|cities|settlements|communities|regions|districts|"
    r"neighbou?rhoods|homes|houses|buildings|places|parts|people|residents|families|civilians|populations|facilities|"
    r"schools|hospitals)\s+(?:(?:of|in|across|along|near)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}?)?(?:\w+ly\s+)?"
    r"(?P<part>hit|targeted|struck|attacked|affected|damaged|destroyed|devastated|ravaged|shelled|bombed|battered|"
    r"pounded)\s+by\s+(?:[\w'’-]+\s+){0,4}?[\w'’-]+$", re.IGNORECASE)
# ... where the reduced relative ends: the main clause's verb after it ("villages hit by shelling | were rebuilt")
# things and people hit: described only when what follows is still to come or lasting ("homes damaged by drones will
# be rebuilt"); with a past verb or none ("several houses damaged by shelling in X, the governor said") the damage
# of the incident told, its "were" elided
_HIT_THINGS = frozenset("homes houses buildings people civilians facilities schools hospitals".split())
_PAST_FINITE = frozenset("was were had received got remained included".split())
_FINITE_AFTER = re.compile(r"\b(?:was|were|is|are|has|have|had|will|would|received|got|remain|remained|included|"
                           r"include|includes)\b", re.IGNORECASE)
# - a change of control told as what came before the sentence's news, with no day: in a "since" clause opened by a
#   side ("Since Russian troops captured X, the port has ..."), or a participle set off after the place's name
#   ("X, captured by Russian forces after a long battle, now lies in ruins") or after a plural of places closing the
#   sentence ("... in the X and Y provinces, captured earlier in the war.")
_SINCE_SIDE = re.compile(r"\bsince\s+(?:(?:the|its|their)\s+)?(?:[\w'’-]+\s+){0,2}$", re.IGNORECASE)
_NAME_APPOSED = re.compile(r"(?:(?-i:[A-Z])[\w'’-]+(?:\s+(?-i:[A-Z])[\w'’-]+)?|"
                           r"\b(?:regions|provinces|oblasts|areas|territories|villages|towns|cities|settlements)),\s+"
                           r"(?:\w+ly\s+)?$")
_CONTROL_PARTICIPLE = re.compile(r"(?:captured|seized|taken|retaken|recaptured|liberated|occupied|overrun|abandoned)$",
                                 re.IGNORECASE)
# a memory told ("Zelensky recalled how troops liberated X", "remembered the day Russian forces took Y")
_RECALLED = re.compile(r"\b(?:recall(?:ed|s|ing)?|remember(?:ed|s|ing)?|recount(?:ed|s|ing)?|reminisc\w*)\s+"
                       r"(?:how|that|when|the\s+(?:day|time|days|night|moment)s?)\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[;:.!?]")
_APPOSITION_END = re.compile(r"[,;:—–()\"“”]")
# a time told other than a day ("overnight", "last week", "in 2023", "two years ago")
_TIME_WORDS = re.compile(r"\b(?:overnight|yesterday|today|tonight|last\s+(?:night|week|month|year)|this\s+(?:morning|"
                         r"week|month)|earlier\s+(?:today|this\s+week)|recently|ago|(?:19|20)\d\d|"
                         # a month or a season ("in February", "last spring"): dated, if not to the day
                         r"(?:in|since|by|during|last|this|early|late|mid-?)\s+(?:early\s+|late\s+|mid-?)?"
                         r"(?:" + MONTH_NAMES + r"|spring|summer|autumn|fall|winter))\b", re.IGNORECASE)


def _time_told(text: str) -> bool:
    """Whether ``text`` tells when something happened: a day ("on Sunday", "May 3") or another time word."""
    return bool(_TIME_WORDS.search(text)) or names_a_day(text)


def undated_background(sentence: str, start: int, end: int, name: str) -> bool:
    """Whether the trigger ``name`` at ``start:end`` tells background with no time: a memory (``_RECALLED``), places
    described by the strikes that hit them (``_DESCRIBED_PLACES``), or a change of control before the news
    (``_SINCE_SIDE``, ``_NAME_APPOSED``)."""
    clause_end = _CLAUSE_BREAK.search(sentence, end)
    stop = clause_end.start() if clause_end else len(sentence)
    recalled = _RECALLED.search(sentence, 0, start)
    if recalled is not None and not _CLAUSE_END.search(sentence, recalled.end(), start) and \
            not _time_told(sentence[recalled.end():]):
        return True  # "recalled how Ukrainian forces liberated X", "remembered the day a missile hit the school"
    if name in STRIKES:
        m = _DESCRIBED_PLACES.search(sentence, clause_start(sentence, start), end)
        if m is None or m.start("part") > start:
            return False
        finite = _FINITE_AFTER.search(sentence, end, stop)
        if m.group("noun").lower() in _HIT_THINGS and (finite is None or finite.group(0).lower() in _PAST_FINITE):
            return False  # "several houses damaged by shelling in X were left without power": the incident's damage
        return not _time_told(sentence[m.start("part"):finite.start() if finite else stop])
    if name not in CONTROL or not _PAST_CONTROL.search(sentence[start:end]):
        return False
    since = _SINCE_SIDE.search(sentence, max(0, start - 40), start)
    if since is not None and (_side_in(sentence[since.start():start]) or parties_named(sentence[since.start():start]) or
                              _ANAPHORIC_ACTOR.search(sentence, since.start(), start)):  # "since they took X"
        return not _time_told(sentence[since.start():stop])
    if _NAME_APPOSED.search(sentence, max(0, start - 40), start) and _CONTROL_PARTICIPLE.search(sentence[start:end]):
        closing = _APPOSITION_END.search(sentence, end)  # the participle phrase is set off: a comma closes it
        stop_at = closing.start() if closing is not None else len(sentence)
        # set off by a comma, or closing the sentence ("... provinces, captured earlier in the war.")
        return (closing is None or closing.group(0) == "," or _CLAUSE_END.match(closing.group(0)) is not None) and \
            not _time_told(sentence[start:stop_at])
    return False


# a name or a term in quotation marks ("its new “Oreshnik” missile", "to attack “decision-making centres”"): a scare
# quote, not a quotation, so no clause break (``_CLAUSE_BREAK`` breaks at quotation marks for quoted speech: a modal
# before a quoted name still scopes over the words after it); one to three words, no comma or stop inside
_SCARE_QUOTE = re.compile(r"[“\"](?=[\w'’-]+(?:[ -][\w'’-]+){0,2}[”\"])([\w'’ -]{1,40}?)[”\"]")


def _unquoted_terms(sentence: str) -> str:
    """``sentence`` with the quotation marks of its scare quotes (``_SCARE_QUOTE``) blanked (offsets kept)."""
    if "“" not in sentence and '"' not in sentence:
        return sentence
    return _SCARE_QUOTE.sub(lambda m: " " + m.group(1) + " ", sentence)


def triggers(sentence: str) -> list[Trigger]:
    """Every trigger of ``sentence`` that reports something that happened, most specific kept."""
    if not has_prefix(sentence, _TRIGGER_PREFIXES) or _QUESTION.search(sentence):
        return []
    sentence = _unquoted_terms(sentence)
    found = []
    low = folded(sentence)
    for rank, (name, pattern) in enumerate(INCIDENT_TRIGGERS):
        if not any(word in low for word in TRIGGER_NEEDS[name]):
            continue
        for m in pattern.finditer(sentence):
            if _INFINITIVE_BEFORE.search(sentence[:m.start()]) and name not in CONTROL:
                continue
            found.append((m.start(), rank, name, m.end()))
        if name == "capture":
            found += [(m.start(1), rank, name, m.end(1)) for m in _RELATIVE_TAKEN.finditer(sentence)]
    # a generic trigger inside a more specific one ("missile ... struck") is part of it
    found = [f for f in found if not any(g[1] < f[1] and g[0] <= f[0] < g[3] or
                                         g[1] < f[1] and f[0] <= g[0] < f[3] for g in found)]
    out = []
    for start, _rank, name, end in sorted(found):
        attempt = _ATTEMPTED.search(sentence, max(0, start - 40), start) if name in _ATTEMPTABLE else None
        if attempt is not None:  # "tried to capture X": an assault on X, whether it failed or not (told from the
            name, start = "attack", attempt.start()  # attempt: what comes before it says whether it was made)
        since = _SINCE_FACT.search(sentence, max(0, start - 40), start) if name in CONTROL else None
        cut = since.end() if since else 0  # a "since" clause has its own actor ("... since it was retaken by X")
        if since is None and name in CONTROL and _PAST_CONTROL.search(sentence[start:end]) and \
                _YEAR_AFTER.match(sentence[end:]):
            since = _SINCE_ACTIVE.search(sentence, max(0, start - 40), start)
            if since is not None and _side_in(sentence[since.start():start]) is None and \
                    not parties_named(sentence[since.start():start]) and \
                    not _ANAPHORIC_ACTOR.search(sentence, since.start(), start):  # "since its forces took X"
                since = None  # "since the village was ..." is the passive form above; here a side must act
            cut = since.start() if since else 0
        fact = realis(sentence[since.end():], start - since.end()) if since else realis(sentence, start)
        if not fact and since is None and name == "advance" and GROUND_GAINED.fullmatch(sentence, start, end):
            # a gain over the week it is reported for is still a gain told ("regained 2 sq km over the past week")
            fact = realis(_GAIN_PERIOD.sub(lambda m: " " * len(m.group(0)), sentence), start)
        if fact and _HYPOTHETICAL_SUBJECT.match(sentence[:start]) and sentence[start:end].lower().endswith("ing") and \
                _MODAL_AFTER.search(sentence, end, end + _MODAL_AFTER_CHARS):
            fact = False  # "Recapturing cities like X would mark major wins": the deed as a hypothetical subject
        if fact and _NOMINAL_SUBJECT.match(sentence[:start]) and not _PAST_FORM.search(sentence[start:end]) and \
                _MODAL_VERB_NEXT.match(sentence, end):
            fact = False  # "A Russian attack on X would be a disaster": the strike as the subject of a modal verb
        if fact and _DEFINITE_SUBJECT.match(sentence[:start]) and not _PAST_FORM.search(sentence[start:end]) and \
                (modal := _COUNTERFACTUAL_NEXT.match(sentence, end)) and not _TIME_TOLD.search(modal.group(0)):
            fact = False  # "The capture of X would open the road to Y": what taking it would mean ("will be
            # investigated" presupposes the deed: only a counterfactual modal)
        if fact and _PROSPECT_AFTER.match(sentence, end) and not _PAST_FORM.search(sentence[start:end]):
            fact = False  # "The capture of X is only a matter of time": what is judged still to come
        if fact and name in STRIKES and _DAYS_SPAN.search(sentence, 0, _next_clause_end(sentence, end)):
            fact = False  # "Over several days, 22 bombs were dropped on X": strikes summed over days
        if fact and name == "capture" and _CAPTIVES_BEFORE.search(sentence, max(0, start - 40), start) and \
                _PREPOSITION_NEXT.match(sentence, end):
            fact = False  # "Ukrainian soldiers captured in the X region were shown on TV": people taken prisoner
        if fact and name in CONTROL and not _VERB_NOUN_OF.search(sentence[start:end]) and \
                (_GOODS_OR_PEOPLE_AFTER.match(sentence, end) or
                 _CIVIL_AGENT_BEFORE.search(sentence, max(0, clause_start(sentence, start) - 10), start)):
            fact = False  # "seized 20 tonnes of cigarettes in X", "police captured a man in X", "the company took
            # over a plant in X": goods, people or a business taken, no place changing hands
        if not fact and name == "capture" and _OCCUPIED_SINCE.match(sentence, start):
            fact = realis(sentence[:end], start)  # "had been occupied since the war began": the occupation happened
        if not fact or _not_an_incident(sentence, start, end) or _given_as_reason(sentence, start, end):
            continue
        if since is None and undated_background(sentence, start, end, name):
            continue
        if name in STRIKES and _told_as_means(sentence, start):
            continue
        if name == "attack" and _PLURAL_NOUN.match(sentence, start) and not _TOLD_BY_HARM.match(sentence, start) and \
                not _CARRIED_OUT.search(sentence, max(0, start - 40), start):
            continue  # "condemned the attacks on X": attacks in general, not an incident told
        if name in CONTROL and sentence[start:end].lower().endswith(("ed", "en")) and \
                (_ATTRIBUTIVE_BEFORE.search(sentence, max(0, start - 30), start) and _ATTRIBUTIVE_AFTER.match(sentence, end)
                 or _HELD_AREAS_BEFORE.search(sentence, max(0, start - 30), start)):
            continue  # "the retaken village", "all territories seized by Russia": places referred to, no event
        if name in STRIKES and _PARTICIPLE.fullmatch(sentence, start, end) and \
                _ATTRIBUTIVE_BEFORE.search(sentence, max(0, start - 30), start) and _NOUN_AFTER.match(sentence, end):
            continue  # "walked along the bombed ruins of X", "the shelled houses": a state described, no incident
        if name == "capture" and _LEGAL_ACT.search(sentence, clause_start(sentence, start), _next_clause_end(sentence, end)):
            continue  # "regions ... officially seized when the decrees were signed": a claim (``annexation``); an
            # annexation told two clauses on is about another noun ("captured X, located in the Y region, one of
            # the regions Moscow claimed to have annexed")
        if _INFINITIVE_BEFORE.search(sentence[:start]):
            before = sentence[clause_start(sentence, start):start]
            if not _DONE_TO.search(before):
                continue
        passive = bool(_PASSIVE_BEFORE.search(sentence[max(0, start - 30):start])) and \
            not _PROGRESSIVE.match(sentence, start) and \
            not _EXISTENTIAL.search(sentence, max(0, start - 30), start)  # "are encircling" is active; "there
        # had been attacks on A" is no passive: the noun's object follows it
        passive = passive or sentence[start:end].lower().endswith("ed") and \
            bool(_ELLIPTIC_PASSIVE[0].search(sentence, max(0, start - 100), start)) and \
            bool(_ELLIPTIC_PASSIVE[1].match(sentence, end))
        holder = _holder(sentence, start, end)  # "X is now under the control of <side>": X before, <side> gains
        passive = passive or holder is not None
        if name == "withdrawal" and _OUSTED.match(sentence, start):
            passive = False  # "troops were pushed out of X": the loser is the subject, the place follows
        if name in STRIKES and sentence[start:end].lower().endswith("ing") and \
                any(t.control for t in out) and _MANNER.search(sentence[:start]) and \
                _SAME_PLACE.match(sentence, end):
            continue
        who = holder if holder not in (None, "unknown") else \
            actor(sentence[cut:], start - cut, end - cut, passive=passive or bool(_AUXILIARY.match(sentence, start)))
        if who == "unknown" and name in CONTROL and not _LOSER_VERBS.search(sentence[start:end]):
            who = _taken_from(sentence, end)
        if name == "advance" and GROUND_GAINED.fullmatch(sentence, start, end) and \
                not _GAINER.search(sentence, clause_start(sentence, start), start):
            continue  # ground gained by no side of the war ("the party gained ground in X")
        intercepted = name in STRIKES and bool(_INTERCEPTION.search(sentence, start, end))
        if intercepted and not _LAUNCHED_OF_WHICH.search(sentence, start, end):
            who = _side_in(sentence[start:end]) or _other(who)  # "Ukrainian drones", else not the interceptor
        out.append(Trigger(name, start, end, passive, who, sentence[start:end], intercepted))
    tried = [t for t in out if t.sub == "attack" and _ATTEMPT_TOLD.match(t.text)]
    if tried and len(tried) < sum(t.sub == "attack" for t in out):
        out = [t for t in out if t not in tried]  # "tried to storm X, but were repelled": the repelled attack
    return out
