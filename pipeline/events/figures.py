"""Casualty figures: every killed / injured number a sentence states, its role and who said it.

A figure's ``role`` decides how it may be used (see ``CasualtyClaim``): a stated total is a toll;
"last year, a strike killed 63" is ``background`` (a past year's incident), "killed or wounded" ``combined``;
"including three children" is a sub-count, "three more died" an increment, "Reuters saw a dozen
bodies" an observation, "a woman died" one individual ("twin brothers and a boy were killed":
three), "no one was killed" a zero, "31 killed across the region over the past day" an aggregate
of many incidents. Figures in a clause with a fear or a modal ("feared killed", "may rise to") are
not stated at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pipeline.events.triggers import _IRREALIS, armed_conflict, clause_start, folded, has_prefix
from pipeline.text.dates import MONTH_NAMES
from pipeline.text.validate import check_figure

_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())} | {
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "a dozen": 12, "dozen": 12, "dozens": 24, "dozens of": 24, "several dozen": 24, "a hundred": 100,
    "hundreds": 200, "hundreds of": 200, "scores": 40, "scores of": 40}
_PAIR_WORDS = {"couple": 2}  # a couple of victims ("an elderly couple died"), not a number in ``_NUM``
_VAGUE = ("dozen", "dozens", "hundreds", "scores", "several")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_UNITS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
# a compound number word ("twenty-two", "thirty one"): one number, never its last word alone ("two")
_COMPOUND = r"\b(?:" + "|".join(_TENS) + r")[-‐‑ ](?:" + "|".join(_UNITS) + r")\b"
_NUM = (r"(?P<num>\b\d{1,3}(?:,\d{3})+\b|\b\d+\b(?![-‑:.]\d|[-‑]year|\s*(?:%|percent|per cent|km|kilomet|year|a\.m|p\.m))|"
        + _COMPOUND + r"|"
        r"\ba dozen|\bseveral dozen|\bdozens(?: of)?|\bhundreds(?: of)?|\bscores(?: of)?|\ba hundred|\b(?<![-‐‑])(?:"
        + "|".join(sorted((w for w in _NUMBER_WORDS if " " not in w and not w.startswith(("dozen", "hundreds", "scores"))),
                          key=len, reverse=True)) + r")\b)")
_QUALIFIERS = ("at least", "more than", "over", "about", "around", "some", "nearly", "almost", "up to", "roughly",
               "approximately", "an estimated", "as many as", "no fewer than", "no less than", "a total of")
# a qualifier or a number starts with a digit or one of these letters: the cheap test the regular expression engine
# makes first at each place, instead of trying every qualifier and number word there
_FIRST_LETTERS = "".join(sorted({w[0] for w in (*_QUALIFIERS, *_NUMBER_WORDS)}))
_QUAL = r"(?=[\d" + _FIRST_LETTERS + r"])(?:(?P<qual>" + "|".join(_QUALIFIERS) + r")\s+)?"
# (a word between the number and the people is no number of its own: "on January 1 four people died" counts four, not
# the day's one)
_WHO = (r"(?P<more>\s+(?:more|other|additional|further)\b)?(?:\s+(?:(?!(?:\d|with\b|and\b|or\b|(?:"
        + "|".join(w for w in _NUMBER_WORDS if " " not in w and w not in _VAGUE) + r")\b))[\w’'-]+\s+){0,2}?(?:people|persons|civilians|soldiers|"
        r"residents|children|kids|adults|men|women|troops|servicemen|service ?members|others|individuals|victims|fighters|"
        r"militants|passengers|workers|employees|patients|of them|officers|policemen|rescuers|medics|"
        r"teenagers|minors|babies|girls|boys|families|pensioners|students|miners|firefighters|journalists|"
        r"prisoners(?: of war)?|POWs|inmates|detainees|captives|hostages|citizens|nationals|foreigners|sailors|"
        r"seafarers|crew members|personnel|staff(?: members)?|volunteers|farmers|drivers|doctors|nurses|teachers|"
        r"pedestrians|motorists|shoppers|customers|evacuees|villagers|locals|tourists|guards|electricians|"
        r"energy workers|railway workers|power engineers)"
        # where they were or belonged ("two employees of the oil depot are injured", "five people at the station")
        r"(?:\s+(?:of|at|from)\s+the\s+(?:[\w’'-]+\s+){0,2}?(?!(?:were|was|are|is|have|has|had)\b)[\w’'-]+(?=\s+(?:were|was|"
        r"are|is|have|has|had)\b))?)?")
# (also a part counted "of them": "four civilians, three of them women, were injured")
_PAREN = (r"(?:,?\s*(?:including|among them|incl\.)[^,.;:]{1,60}?,?|,\s*(?:\d{1,3}|[a-z]+)\s+of\s+(?:them|whom)\s+"
          r"[^,.;:]{1,40}?,)?")
# the victims' ages after them ("two men aged 40 and 20 were wounded"): not figures of their own
# (or bare between commas: "two men, 54 and 61, were wounded")
_AGES = r"(?:,?\s+aged\s+\d{1,3}(?:\s*(?:,|and|to|-)\s*\d{1,3})*,?|,\s+\d{1,3}(?:\s*(?:,|and)\s*\d{1,3})+,)?"
_AGE_BEFORE = re.compile(r"\b(?:aged|ages(?:\s+of)?)\s+(?:\d{1,3}\s*(?:,|and|to|-)\s*)*$", re.IGNORECASE)
_AUX = (r"\s+(?:(?:were|have|has|had|was|are|is|being|been|reportedly|already|also|now|all|later|"
        r"(?:known|said|reported|confirmed|believed) to (?:have|be)|"
        r"(?:reported|confirmed|listed|registered)(?:\s+as)?|found|left|as)\s+){0,3}")

# victims named one by one: "twin brothers and a 19-year-old boy were killed" (3), "a man and his wife died" (2)
_PERSON_ONE = (r"(?:man|woman|person|civilian|child|boy|girl|resident|soldier|serviceman|service ?member|pensioner|teenager|baby|"
               r"infant|son|daughter|brother|sister|husband|wife|mother|father|grandmother|grandfather|driver|"
               r"doctor|nurse|volunteer|rescuer|medic|officer|policeman|journalist|teacher|worker|farmer|student|"
               r"guard|employee|miner|firefighter|priest|neighbou?r|friend|relative|cousin|uncle|aunt|nephew|niece|official|"
               r"citizen|national|foreigner|sailor|seafarer|passenger|"
               r"passer-by|passerby|victim)")
# an age standing for the person ("a 72-year-old died"), not before the noun it qualifies ("a 72-year-old woman")
_PERSON_ONE = r"(?:" + _PERSON_ONE + r"|\d{1,3}-year-old(?![\w-])(?!\s+(?:[\w-]+\s+)?" + _PERSON_ONE + r"))"
_PERSON_MANY = (r"(?:people|persons|civilians|children|kids|adults|men|women|boys|girls|teenagers|residents|"
                r"soldiers|servicemen|service ?members|brothers|sisters|sons|daughters|pensioners|relatives|others|rescuers|medics)")
_MOD = r"(?:[\w’'-]+\s+){0,3}?"
# a single victim's origin or apposition before the verb: "a 24-year-old man from Kherson", "an official, Ivan P.,"
_FROM = (r"(?:\s+(?:from|of|in)\s+(?:the\s+)?(?:(?:village|town|city|settlement|community|district|region|oblast)"
         r"(?:\s+of)?\s*)?(?-i:[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)?(?<=\w))?")
_APPOSITION = r"(?:\s*,\s*(?:(?-i:[A-Z][\w.’'-]+(?:\s+[A-Z][\w.’'-]+){1,3})|(?:an?|the)\s+[^,.;:“”\"]{1,60}?|\d{1,3})\s*,)?"
# one named person as the subject ("Ivan Petrov died as a result of a missile attack"): two or three capitalised
# words right after a comma, a quote or the start, with a cause after the verb
_NAMED = r"(?:^|(?<=[,“\"]\s)|(?<=[,“\"]))\s*(?P<named>(?-i:[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+){1,2}))\s*,?"

# in hospital: "were hospitalised", "was taken to hospital", "remain in hospital" (not "died in hospital")
_HOSPITALISED = (r"(?:\s+(?:(?:were|was|have|has|had|been|are|is|being|also|later|all|still|remain|remains|remained|"
                 r"reportedly)\s+){0,3}(?:hospitali[sz]ed|taken (?:to hospital|to a hospital|to the hospital)s?)|"
                 r"\s+(?:(?:are|is|were|was|still|remain|remains|remained)\s+){1,2}(?:in hospital|in a hospital|"
                 r"in the hospital)s?)\b")
_CARE = r"(?:medical (?:aid|help|assistance|care|attention)|first aid)\b"
_HOSPITALISED_NEEDS = ("hospitali", "to hospital", "to a hospital", "to the hospital", "in hospital", "in a hospital",
                       "in the hospital")

# death of wounds told without "died" or "killed": "succumbed to his injuries"
_SUCCUMBED = r"succumbed\s+to\s+(?:(?:his|her|their|the)\s+)?(?:[\w-]+\s+)?(?:wounds|injuries|injury)"

# "wounded another 56 people": the verb's object told as more victims; read as an increment (``_INCREMENT_BEFORE``),
# which stands as a total where no victims of its kind were told before (``_other_kind_increments``, and across the
# sentences of one incident ``incidents._contrasted``: "killed nine ... The attack wounded another 56")
_INCREMENT_WORD = r"(?:(?:another|a further|an additional)\s+)?"

# the rest of a toll's subject, however long, up to a verb of change: no clause boundary, no second count of the
# other kind in between (``_LONG_SUBJECT_CHARS`` bounds the subject)
_LONG_SUBJECT_CHARS = 200
_LONG_SUBJECT = (r"(?:(?![.;:!?]|\b(?:and|while|but)\s+(?:the\s+)?(?:number|toll)\b)[^\n]){0,%d}?\b(?:has |have |had )?"
                 r"(?:risen|rose|climbed|increased|grown|grew|reached|jumped|soared|mounted)\s+"
                 # (the toll it grew from told first: "increased from 19 to 21" is 21)
                 r"(?:from\s+(?:[^\s.;:!?]+\s+){1,3}?to\s+|to\s+)?" % _LONG_SUBJECT_CHARS)
_NOT_INJURED = r"(?!\s+(?:\w+\s+)?(?:injured|wounded|hurt|injuries))"

# (kind, role, pattern); ``_NEEDS`` below names the words each one cannot match without
_PATTERNS: tuple[tuple[str, str, re.Pattern], ...] = tuple((k, r, re.compile(p, re.IGNORECASE)) for k, r, p in (
    ("killed", "total", _QUAL + _NUM + _WHO + _AGES + _PAREN + _AUX + r"(?:killed|dead|died|perished|lost their lives|"
     + _SUCCUMBED + r")\b"),
    ("killed", "total", r"\b(?:killing|killed|kills|kill)\s+" + _INCREMENT_WORD + _QUAL + _NUM + _WHO + r"(?!\s+famil)"),
    ("killed", "total", _QUAL + _NUM + r"(?:\s+(?:[\w-]+\s+)?)?\s*(?:fatalities|deaths|dead)\b"),
    ("killed", "total", r"\b(?:deaths?|(?<!for the )(?<!save the )(?<!saving the )lives|fatalities) of\s+" + _QUAL + _NUM),
    ("killed", "total", r"\b(?:(?:death|dead) )?toll\s+(?:[\w’'-]+\s+){0,15}?(?:to|of|at|is|was|reached|stands at|hit)\s+"
     + _QUAL + _NUM + r"(?!\s+(?:\w+\s+)?(?:injured|wounded|hurt|injuries))"),
    ("killed", "total", r"\bnumber of (?:the )?(?:(?:people|persons|civilians|victims|residents)\s+)?(?:dead|killed|deaths|fatalities)\s+(?:[\w’'-]+\s+){0,12}?"
                        r"(?:to|is|was|reached|stands at|rose to|increased to)\s+" + _QUAL + _NUM),
    ("killed", "observation", r"\b(?:saw|seen|counted|witnessed)\s+" + _QUAL + _NUM + r"\s+(?:\w+\s+)?(?:bodies|corpses)\b"),
    ("killed", "total", r"\b(?:found|finding|recovered|exhumed|exhuming|discovered|retrieved|buried)\s+" + _QUAL + _NUM
     + r"\s+(?:\w+\s+)?(?:bodies|corpses|graves|people|civilians|victims)\b"),
    ("killed", "total", _QUAL + _NUM + r"\s+(?:\w+\s+)?(?:bodies|corpses)\s+(?:were|have been|had been|was)\s+"
                        r"(?:found|recovered|discovered|exhumed|retrieved|pulled)\b"),
    ("killed", "total", _QUAL + _NUM + _WHO + r"\s+(?:have|has|had)\s+(?:already\s+)?been\s+buried\b"),
    ("killed", "individual", r"\b(?:an?|one|another|the|(?P<kin>his|her|their))\s+" + _MOD + _PERSON_ONE + _FROM + _APPOSITION
     + r"\s+(?:(?:was|has been|had been|has|had|also|later|reportedly)\s+){0,3}(?:killed|(?(kin)(?!)|(?:died|dead|"
     + _SUCCUMBED + r")))\b"),
    # (the victim may be told by its role in what was hit: "struck a bus, killing the driver", "injuring its driver")
    ("killed", "individual", r"\b(?:killing|killed)\s+(?:an?|one|another|the|its|their)\s+" + _MOD + _PERSON_ONE
     + r"\b(?!['’]s)"),
    ("killed", "individual", _NAMED + r"\s+(?:(?:was|has been|had been|also|later)\s+){0,2}(?:killed|died)\s+"
     r"(?:as a result of|in|during|after|from|when|by)\b"),
    ("injured", "total", _QUAL + _NUM + _WHO + _AGES + _PAREN + _AUX + r"(?:wounded|injured|hurt)\b"),
    ("injured", "total", r"\b(?:wounding|injuring|wounded|injured|injures|wounds)\s+" + _INCREMENT_WORD + _QUAL + _NUM
     + _WHO),
    ("injured", "total", _QUAL + _NUM + r"(?:\s+(?!(?:and|or|but)\b)[\w-]+)?\s+(?:injuries|wounded|injured)\b"),
    # (their ages may stand before the verb: "two men, aged 29 and 38, suffered injuries")
    ("injured", "total", _QUAL + _NUM + _WHO + _AGES + _PAREN + r"\s+(?:sustained|suffered|received)\s+(?:\w+\s+)?"
     r"(?:injuries|wounds)\b"),
    ("injured", "individual", r"\b(?:an?|one|another|his|her|their|the)\s+" + _MOD + _PERSON_ONE + _FROM + _APPOSITION
     + r"\s+(?:(?:was|has been|had been|also|later|reportedly)\s+){0,3}(?:injured|wounded|hurt)\b"),
    # (also "the": a victim first told by their role, "a car was hit, the driver was injured", "the woman received ...")
    ("injured", "individual", r"\b(?:an?|one|another|the)\s+" + _MOD + _PERSON_ONE + _FROM + _APPOSITION + r"\s+(?:(?:was|has been|"
     r"had been|also)\s+){0,2}(?:received|suffered|sustained|got)\s+(?:an?\s+)?(?:[\w-]+\s+){0,3}?(?:injury|wound|"
     r"injuries|wounds|contusion|concussion)\b"),
    ("injured", "individual", r"\b(?:injuring|wounding|injured|wounded)\s+(?:an?|one|another|the|its|their)\s+" + _MOD
     + _PERSON_ONE
     + r"\b(?!['’]s)"),
    ("injured", "total", r"\bnumber of (?:the )?(?:(?:people|persons|civilians|victims|residents)\s+)?(?:injured|wounded)\s+(?:[\w’'-]+\s+){0,12}?"
                         r"(?:to|is|was|reached|stands at|rose to|increased to)\s+" + _QUAL + _NUM),
    # the injured told by where they are treated ("three people were hospitalised", "a woman was taken to hospital")
    ("injured", "total", _QUAL + _NUM + _WHO + _AGES + _PAREN + _HOSPITALISED),
    ("injured", "individual", r"\b(?:an?|one|another|his|her|their)\s+" + _MOD + _PERSON_ONE + _FROM + _APPOSITION
     + _HOSPITALISED),
    # "one person was killed and another injured": one more victim, of the other kind
    ("injured", "individual", r"(?:\b(?:and|while)\s+|^\W*|[,;]\s*)(?P<other>another|one more|a second)\s+(?:(?:was|"
                              r"has been|had been|person|man|woman)\s+){0,2}(?:injured|wounded|hurt)\b"),
    # a couple told as such ("an elderly couple died"): two victims
    ("killed", "individual", r"\b(?:an?|the)\s+(?:[\w-]+\s+)?(?P<num>couple)\s+(?:(?:was|were|has been|have been|had been|"
                             r"also)\s+){0,2}(?:killed|died)\b"),
    # "the attack claimed two (more) lives"
    ("killed", "total", r"\bclaim(?:ed|s|ing)\s+(?:the\s+)?" + _QUAL + _NUM + r"(?P<more>\s+more)?\s+(?:[\w-]+\s+)?lives\b"),
    # bodies pulled from the rubble: the dead ("rescuers recovered the bodies of three people")
    ("killed", "total", r"\b(?:pulled|recovered|retrieved|found|discovered|removed)\s+(?:out\s+)?(?:the\s+)?bodies of\s+"
     + _QUAL + _NUM + _WHO),
    ("killed", "total", r"\bbodies of\s+" + _QUAL + _NUM + _WHO + r"\s+(?:were|have been|had been)\s+(?:\w+\s+)?"
                        r"(?:pulled|recovered|retrieved|found|discovered|removed)\b"),
    ("killed", "individual", r"\b(?:pulled|recovered|retrieved|found|discovered|removed)\s+(?:out\s+)?(?:the\s+)?body of\s+"
     r"(?:an?|one)\s+" + _MOD + _PERSON_ONE + r"\b"),
    ("killed", "individual", r"\bbody of\s+(?:an?|one)\s+" + _MOD + _PERSON_ONE + _FROM + r"\s+(?:was|has been|had been)\s+"
                             r"(?:\w+\s+)?(?:pulled|recovered|retrieved|found|discovered|removed)\b"),
    # injuries told as what victims received ("resulted in fatal injuries to two women", "wounds to a man")
    ("injured", "total", r"\b(?:(?:fatal|mortal|lethal)\s+)?(?:injuries|wounds)\s+to\s+" + _QUAL + _NUM + _WHO),
    ("injured", "individual", r"\b(?:(?:fatal|mortal|lethal)\s+)?(?:injuries|wounds)\s+to\s+(?:an?|one)\s+" + _MOD
     + _PERSON_ONE + r"\b"),
    # one victim of the other kind as the verb's object ("killed one person and injured another")
    ("injured", "individual", r"\b(?:injured|injuring|wounded|wounding)\s+(?P<other>another)\b" + r"(?!\s+(?:\d+|"
     + "|".join(w for w in _NUMBER_WORDS if " " not in w) + r")\b)"),
    ("killed", "individual", r"\b(?:killed|killing)\s+(?P<other>another)\b" + r"(?!\s+(?:\d+|"
     + "|".join(w for w in _NUMBER_WORDS if " " not in w) + r")\b)"),
    # the injured told by the care they got ("two people were provided with medical aid", "sought medical help")
    ("injured", "total", _QUAL + _NUM + _WHO + _AUX + r"(?:provided with|given|received|receiving|sought|needed|"
     r"required|requested)\s+(?:\w+\s+)?" + _CARE),
    ("injured", "individual", r"\b(?:an?|one|another)\s+" + _MOD + _PERSON_ONE + _FROM + r"\s+(?:(?:was|has been|had been|"
     r"also)\s+){0,2}(?:provided with|given|received|sought|needed|required|requested)\s+(?:\w+\s+)?" + _CARE),
    # a victim told before by a pronoun: "He later died of his wounds", "she succumbed to her injuries"
    ("killed", "individual", r"(?:^\W*|[,;]\s*|\band\s+)(?:he|she)\s+(?:(?:later|subsequently|also|has|had)\s+){0,2}"
     r"(?:died\s+(?:of|from)\s+(?:his|her)\s+(?:[\w-]+\s+)?(?:wounds|injuries)|" + _SUCCUMBED + r")\b"),
    # one victim told as "a dead" in a report's translated wording ("there is a dead and two wounded")
    ("killed", "individual", r"\bthere\s+(?:is|was)\s+(?:a dead|one dead)\b(?!\s+(?:body|end|zone|man|woman|child|person))"),
    # one victim among those of a count ("a 12-year-old boy was among the injured"): one of that kind at least
    ("injured", "individual", r"\b(?:an?|one|another|the)\s+" + _MOD + _PERSON_ONE + _FROM + _APPOSITION +
     r"\s+(?:was|is)\s+(?:also\s+)?among\s+the\s+(?:injured|wounded)\b"),
    ("killed", "individual", r"\b(?:an?|one|another|the)\s+" + _MOD + _PERSON_ONE + _FROM + _APPOSITION +
     r"\s+(?:was|is)\s+(?:also\s+)?among\s+the\s+(?:dead|killed)\b"),
    # the attack as the subject of the deaths ("a strike claimed the life of a woman", "claimed the lives of five")
    ("killed", "individual", r"\bclaim(?:ed|s|ing)\s+the\s+life\s+of\s+(?:an?|one)\s+" + _MOD + _PERSON_ONE + r"\b"),
    ("killed", "total", r"\bclaim(?:ed|s|ing)\s+the\s+lives\s+of\s+" + _QUAL + _NUM + _WHO),
    # a toll whose subject names its incident at length before a verb of change ("The death toll from Wednesday's
    # strike on a shopping mall in the city of X has climbed to 21"; "the number of people injured in the attack on
    # the Y district of X on the night of ... has increased to six"): any words of the clause, then that verb
    ("killed", "total", r"\b(?:(?:death|dead) )?toll\b" + _LONG_SUBJECT + _QUAL + _NUM + _NOT_INJURED),
    ("killed", "total", r"\bnumber of (?:the )?(?:(?:people|persons|civilians|victims|residents)\s+)?(?:dead|killed|deaths|"
                        r"fatalities)\b" + _LONG_SUBJECT + _QUAL + _NUM),
    ("injured", "total", r"\bnumber of (?:the )?(?:(?:people|persons|civilians|victims|residents)\s+)?(?:injured|wounded|"
                         r"injuries)\b" + _LONG_SUBJECT + _QUAL + _NUM),
    # bodies pulled out ("rescuers pulled nine bodies from the rubble"; people pulled out alive are no dead)
    ("killed", "total", r"\b(?:pulled|pulling)\s+(?:out\s+)?" + _QUAL + _NUM + r"\s+(?:\w+\s+)?(?:bodies|corpses)\b"),
    # one more dead told with no noun: "one person died on the spot, and another died in hospital"
    ("killed", "individual", r"(?:\b(?:and|while|but)\s+|^\W*|[,;]\s*)(?:another|one more|a second)\s+(?:(?:person|man|woman|"
                             r"one|victim)\s+)?(?:(?:later|also|has|had|subsequently)\s+){0,2}(?:died|was killed)\b"),
    # a victim told before, then by a pronoun: "The volunteer had come to help. He was injured on May 30."
    ("injured", "individual", r"(?:^\W*|[,;]\s*|\b(?:and|but)\s+)(?:he was|she was|he had been|she had been|he has been|"
                              r"she has been)\s+(?:(?:also|later|reportedly|seriously|severely|slightly|lightly|badly)\s+){0,2}"
                              r"(?:injured|wounded|hurt(?!\s+by\s+(?:(?:the|his|her|their)\s+)?(?:remarks|words|"
                              r"comments|decision|news|criticism|reports?)))\b"),
))

# For each pattern of ``_PATTERNS`` (same order), the words it cannot match without: groups that must each have
# one of their words in the sentence (lower-cased by ``folded``). A cheap test that spares the pattern's scan of a
# sentence that lacks them; it never changes what is found (``tests/pipeline/events/test_figures.py`` checks
# that every word is one the pattern spells out).
_KILLED = ("killed", "died", "dead")
_INJURED = ("injured", "wounded", "hurt")
_NEEDS: tuple[tuple[tuple[str, ...], ...], ...] = (
    (("killed", "dead", "died", "perished", "lost their lives", "succumbed"),),
    (("kill",),),
    (("fatalities", "deaths", "dead"),),
    (("death", "lives", "fatalities"),),
    (("toll",),),
    (("number of",),),
    (("saw", "seen", "counted", "witnessed"), ("bodies", "corpses")),
    (("found", "finding", "recovered", "exhum", "discovered", "retrieved", "buried"),),
    (("bodies", "corpses"),),
    (("buried",),),
    (_KILLED + ("succumbed",),),
    (("kill",),),
    (("killed", "died"),),
    (_INJURED,),
    (("wound", "injur"),),
    (("injuries", "wounded", "injured"),),
    (("sustained", "suffered", "received"), ("injuries", "wounds")),
    (_INJURED,),
    (("received", "suffered", "sustained", "got"), ("injur", "wound", "contusion", "concussion")),
    (("injur", "wound"),),
    (("number of",),),
    (_HOSPITALISED_NEEDS,),
    (_HOSPITALISED_NEEDS,),
    (("another", "one more", "a second"), ("injured", "wounded", "hurt")),
    (("couple",), ("killed", "died")),
    (("claim",), ("lives",)),
    (("bodies of",), ("pulled", "recovered", "retrieved", "found", "discovered", "removed")),
    (("bodies of",), ("pulled", "recovered", "retrieved", "found", "discovered", "removed")),
    (("body of",), ("pulled", "recovered", "retrieved", "found", "discovered", "removed")),
    (("body of",), ("pulled", "recovered", "retrieved", "found", "discovered", "removed")),
    (("injuries", "wounds"), ("to",)),
    (("injuries", "wounds"), ("to",)),
    (("another",), ("injur", "wound")),
    (("another",), ("kill",)),
    (("medical", "first aid"),),
    (("medical", "first aid"),),
    (("wounds", "injuries", "succumbed"),),
    (("a dead", "one dead"),),
    (("among",), ("injured", "wounded")),
    (("among",), ("dead", "killed")),
    (("claim",), ("life",)),
    (("claim",), ("lives",)),
    (("toll",), ("risen", "rose", "climbed", "increased", "grown", "grew", "reached", "jumped", "soared", "mounted")),
    (("number of",), ("dead", "killed", "deaths", "fatalities")),
    (("number of",), ("injured", "wounded", "injuries")),
    (("pull",), ("bodies", "corpses")),
    (("another", "one more", "a second"), ("died", "was killed")),
    (("he was", "she was", "he had been", "she had been", "he has been", "she has been"), ("injured", "wounded", "hurt")),
)
assert len(_NEEDS) == len(_PATTERNS)
# the patterns from ``_RARE_FROM`` on are tried only in a sentence holding a word of their first groups (one test for
# them all: most sentences have none of these words)
_RARE_FROM = 21
# the injured told by where or how they are treated ("12 are now in hospital", "given medical aid"): never the latest
# toll, as those treated are often part of the injured ("30 injured ... as of now, 12 are in hospital")
_TREATED = frozenset(p for _k, _r, p in _PATTERNS if _HOSPITALISED in p.pattern or _CARE in p.pattern)
# the words a figure of those treated is told with (``treated``)
_TREATED_WORDS = re.compile(r"hospital|medical|first aid", re.IGNORECASE)
# the injured told with no number ("several people were injured", "injuring some residents", "left a number of others
# wounded"): no figure, but those treated counted beside them are a part of them (``treated``)
_SOME_HURT = re.compile(
    r"\b(?:several|some|many|multiple|numerous|a number of|a few)\s+(?:(?:other\s+)?[\w-]+\s+)?(?:(?:were|was|have been|"
    r"had been|are|being|reportedly)\s+){0,2}(?:injured|wounded|hurt)\b|"
    r"\b(?:injuring|wounding|injured|wounded|hurt)\s+(?:several|some|many|multiple|numerous|a number of|a few)\b|"
    r"\b(?:left|leaving|leaves)\s+(?:several|some|many|multiple|numerous|a number of|a few)\s+(?:[\w-]+\s+){0,2}?"
    r"(?:injured|wounded|hurt)\b", re.IGNORECASE)


def treated(fig: Figure) -> bool:
    """Whether ``fig`` counts the injured by where or how they are treated ("two were taken to hospital")."""
    return fig.kind == "injured" and bool(_TREATED_WORDS.search(fig.text))


def some_hurt(sentence: str) -> bool:
    """Whether ``sentence`` tells of injured people with no number (``_SOME_HURT``)."""
    return bool(_SOME_HURT.search(sentence))


_COMMON_GATES = tuple(zip(_PATTERNS[:_RARE_FROM], _NEEDS[:_RARE_FROM]))
_ALL_GATES = tuple(zip(_PATTERNS, _NEEDS))
_RARE_NEEDS = (tuple(sorted({word for needs in _NEEDS[_RARE_FROM:] for word in needs[0]})),)
_ENUMERATION_NEEDS = (("and",), _KILLED + _INJURED + ("injuries", "wounds"))
_KILLING_LIST_NEEDS = (("kill", "injur", "wound"),)
def _has(low: str, needs: tuple[tuple[str, ...], ...]) -> bool:
    return all(any(word in low for word in group) for group in needs)


_VICTIM_NP = (r"(?:(?:an?|one|his|her|their)\s+" + _MOD + _PERSON_ONE + r"|(?:his|her|their)\s+parents|" + _MOD + r"twins|" + _MOD +
              r"twin\s+" + _PERSON_MANY + r"|(?:an?\s+)?(?:\w+\s+)?couple|"
              r"(?:(?:his|her|their|another|a further|an additional)\s+)?(?:\d{1,3}|two|three|four|five|six|seven|eight|"
              r"nine|ten|eleven|twelve)\s+" + _MOD + _PERSON_MANY + r")\b")
# (where they come from may stand before the verb: "a man and a woman from the X region were killed"; the wounds may
# be told as received: "28 adults and a child suffered shrapnel wounds")
_ENUMERATION = re.compile(r"(?<![\w,])(?P<list>" + _VICTIM_NP + r"(?:\s*,\s*" + _VICTIM_NP + r")*\s*,?\s+and\s+"
                          + _VICTIM_NP + r")" + _FROM + r"(?:\s+(?:region|oblast|province|district|area))?"
                          r"\s+(?:(?:were|was|have been|had been|are|all|also|both|later|"
                          r"reportedly)\s+)*(?:(?P<killed>killed|died|dead)|injured|wounded|hurt|"
                          r"(?:suffered|sustained|received)\s+(?:[\w-]+\s+){0,2}?(?:injuries|wounds))\b",
                          re.IGNORECASE)
# victims as the object of the verb: "killing a couple", "killed a man and his son"
_KILLING_LIST = re.compile(r"\b(?:(?P<killed>killing|killed)|injuring|injured|wounding|wounded)\s+(?P<list>" + _VICTIM_NP + r"(?:\s*,\s*" + _VICTIM_NP +
                           r")*(?:\s*,?\s+and\s+" + _VICTIM_NP + r")?)(?!\s+(?:famil|of\b))", re.IGNORECASE)
_CONJUNCT = re.compile(r"\s*,?\s+and\s+|\s*,\s*", re.IGNORECASE)
_ONE_NP = re.compile(r"^(?:an?|one|his|her|their)\s(?!\s*(?:(?:further|additional)\s+)?(?:\d|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                     r"twelve)\b)", re.IGNORECASE)
# a conjunct counted with a numeral ("killed three civilians and two soldiers"): the object list is a stated total
_COUNTED_NP = re.compile(r"^(?:(?:his|her|their|another|a further|an additional)\s+)?(?:\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                         r"twelve)\s", re.IGNORECASE)
_POSSESSIVE_NP = re.compile(r"^(?:his|her|their|another|a further|an additional)\s+", re.IGNORECASE)
_PAIR_NP = re.compile(r"\b(?:twins|twin\s+\w+|couple|parents)$", re.IGNORECASE)
_ZERO = (("killed", re.compile(r"\b(no one|nobody|no people|no civilians|no (?:\w+ )?soldiers?)\b[^.;]{0,25}?"
                               r"\b(killed|died|dead|lost)\b|\bno (casualties|deaths|fatalities|dead)\b|"
                               r"\bthere were no dead\b", re.IGNORECASE)),
         ("injured", re.compile(r"\b(no one|nobody)\s+(?:(was|were)\s+)?(injured|wounded|hurt)\b|\bno (injuries|injured)\b",
                                re.IGNORECASE)))
# a count of animals is no casualty figure ("4,000 dead wild birds", "killed 300 cattle")
_ANIMALS = re.compile(r"\s+(?:(?!(?:and|or|as|with|plus)\b)[a-z-]+\s+){0,2}?(?:animals|birds|swans|ducks|geese|chickens|hens|poultry|fowl|pigs|"
                      r"hogs|cattle|cows|sheep|goats|horses|dogs|cats|fish|dolphins|whales|seals|livestock|deer|bats|"
                      r"bees|rats|mice)\b", re.IGNORECASE)
# deaths from an illness are not casualties of war, in a sentence that names no weapon or side ("the virus has
# killed 40 people"; "cases of infection resulting in 55 deaths")
_ILLNESS = re.compile(r"\b(?:virus\w*|viral|outbreaks?|epidemics?|pandemics?|cholera|influenza|flu|H\d+N\d+|"
                      r"Ebola|infect\w*|diseases?|fever|measles|malaria|tuberculosis|COVID(?:-19)?|coronavirus|"
                      r"HIV|AIDS)\b", re.IGNORECASE)
_CASUALTY_WORD = re.compile(r"(kill|dead|died|die\b|perish|bod(y|ies)|corpse|grave|toll|wound|injur|hurt|fatalit|death|"
                            r"buried|lives|life of|hospital|medical|first aid|casualt)", re.IGNORECASE)
_CASUALTY_PREFIXES = frozenset("kill dead died die dies peri body bodi corp grav toll woun inju hurt fata deat buri "
                               "live lives life hosp medi aid casu".split())
# a letter run that starts with one of ``_CASUALTY_PREFIXES`` holds one of these: the cheaper test made first
_CASUALTY_STEMS = ("kill", "dead", "die", "peri", "bod", "corp", "grav", "toll", "woun", "inju", "hurt", "fata", "deat",
                   "buri", "live", "life of", "hospital", "medical", "first aid", "casualt")
_SUBCOUNT_BEFORE = re.compile(r"\b(including|among them|among whom|of whom|incl\.|among the (?:dead|victims|injured))"
                              r"[^.;]{0,12}$", re.IGNORECASE)
# a sentence framed by a count it then breaks down ("Of the 65 people hospitalised, five are in critical condition while
# 34 sustained severe injuries"): the figures after the frame are parts of it
_SUBCOUNT_FRAME = re.compile(r"^\W*(?:of|among) (?:the|those|these)\s+(?:\d[\d,]*|[a-z]+)\b[^,;:]{0,60},", re.IGNORECASE)
_SUBCOUNT_AFTER = re.compile(r"^\s+of (?:them|whom|those)\b", re.IGNORECASE)
_INCREMENT_BEFORE = re.compile(r"\b(another|a further|an additional)\s+$", re.IGNORECASE)
_MORE_AFTER = re.compile(r"\s+(?:more|additional|further)\b", re.IGNORECASE)
_MONTH_BEFORE = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November|"
                           r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?\s+$")
_APPROXIMATE = ("about", "around", "some", "nearly", "almost", "up to", "roughly", "approximately", "an estimated",
                "as many as")
_UPDATE = re.compile(r"\b(rose|risen|rises|increased|climbed|grew|updated|latest|now|reached|has risen|so far|"
                     r"as of|bringing|brings|brought|raising|raises|raised|revised|corrected|lowered|reduced)\b",
                     re.IGNORECASE)

# a total over many incidents ("across the region", "over the past day"), unless the sentence names one incident
# ("a missile", "the strike"): kept as a claim, never the toll of one incident. "Killed by Russian strikes in the X
# region" with no period nor area of many is not one: it is the region's report (an event at the oblast)
_AGGREGATE_SCOPE = re.compile(
    r"\b(across (?:the |its |all )?(?:region|oblast|province|\w+ (?:region|oblast|province))|"
    r"throughout (?:the )?(?:region|oblast|province|day|week|night)|"
    r"(?:over|in|during) the (?:past|last|previous) (?:day|24 hours|week|\w+ (?:days|hours|weeks))|"
    r"over the weekend|(?:so far )?this week|in (?:separate|several|multiple|a series of|a wave of|various|different|"
    r"numerous|a number of|other) (?:\w+ )?(?:attacks|strikes|shellings|bombardments|incidents)|(?:these|those) (?:\w+ )?(?:attacks|strikes|shellings|bombardments))\b", re.IGNORECASE)
# a total over a long period or a wide area ("the shelling has killed 405 people since the war began", "during the
# year", "the attack killed 11 across the country", "in 11 regions", "missile attacks on Ukrainian cities"): a claim,
# never the toll of one incident; an area
# whatever noun the sentence has, a period unless it names one incident (``aggregate_scope``)
_NUMERAL = r"(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|many|multiple|dozens of)"
_WAR_NOUN = r"(?:invasion|war|assault|offensive|aggression|occupation|de-?occupation|liberation|hostilities|conflict)"
_WIDE_SCOPE = re.compile(
    r"\b(?:across (?:the |its |all )?(?:country|front(?:line)?|front ?lines|Ukraine|Russia|\w+ (?:oblasts|regions))|"
    r"throughout (?:the )?country|in " + _NUMERAL + r" (?:\w+ )?(?:regions|oblasts|provinces|cities)|"
    # a count of places struck ("three settlements were attacked, two civilians were injured", "shelled two villages"):
    # a sum over each place's incident, told one by one after
    r"(?:^\W*|\b(?:in|attacked|shelled|struck|hit|targeted)\s+)" + _NUMERAL + r" (?:\w+ )?(?:towns|villages|settlements|"
    r"districts|communities|localities)\b|"
    r"(?:attacks|strikes) (?:on|against|across) (?:\w+ )?(?:cities|towns|regions|oblasts)\b|"
    # attacks on a whole country as the subject of the toll ("strikes on Ukraine kill 5"), not a mere mention
    r"(?:attacks|strikes) (?:on|against|across) (?:Ukraine|Russia)\s+(?:\w+\s+){0,2}?(?:kill|injur|wound|leave|left)|"
    r"(?P<period>(?:over|in|during|throughout) the (?:(?:past|last|previous) |course of the )?(?:year|month|\w+ (?:months|years)|"
    + _WAR_NOUN + r")|(?:so far )?this (?:month|year)|"
    r"since (?:the (?:start|beginning|outbreak) of|(?:\w+['’]s |the )?(?:full[- ]scale )?(?:\w+ )?" + _WAR_NOUN + r"\b|"
    r"(?-i:[A-Z])\w+ (?:invaded|launched|attacked)|(?:early |late |mid-?)?(?:" + MONTH_NAMES + r")\b|(?:19|20)\d\d\b)))", re.IGNORECASE)
# a superlative measured against a period ("the deadliest strike since the war began", "one of the deadliest attacks
# in the war", "the first time since"): that period is no sum
_SUPERLATIVE_BEFORE = re.compile(r"\b(?:deadliest|bloodiest|worst|largest|biggest|heaviest|highest|greatest|strongest|"
                                r"fiercest|most|first|only)\b[^.;:]{0,120}$", re.IGNORECASE)
# a toll told of a past year's incident ("Last year, a bombing at the station killed 63"): a claim, never the toll of
# the incident the article reports
_PAST_YEAR = re.compile(r"\b(?:last year|a year ago|(?:\w+|\d+) years ago|the previous year|the year before)\b",
                        re.IGNORECASE)
# a toll in a relative clause of an attack an anniversary counts from ("exactly a year after an attack on a mall there
# that killed at least 20"): that earlier attack's toll, whatever the sentence tells of today
_PAST_ATTACK_BEFORE = re.compile(r"\b(?:years?|anniversary)\s+(?:after|since|of)\s+(?:an?|the)\s+[^.;:]{0,80}?"
                                 r"\b(?:that|which)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
# the toll of an earlier attack the news is measured from ("came a week after a strike on the same city killed 14",
# "days after an attack on the port that killed four"): that attack's, told as background
_EARLIER_ATTACK_BEFORE = re.compile(r"\b(?:days?|weeks?|months?|hours?|nights?|shortly|soon|just|only)\s+after\s+"
                                    r"(?:an?|the|another|a\s+similar)\s+(?:[\w'’-]+\s+){0,3}?(?:strike|attack|"
                                    r"bombing|shelling|raid|barrage|assault|explosion)s?\b[^.;:,]{0,80}?$",
                                    re.IGNORECASE)
_ATTACK_AS_SUBJECT = re.compile(r"(?:kill|claim|left|leav)", re.IGNORECASE)  # the attack's own toll: its verb first
# victims told as one group of the population ("five children were killed", "three women"): a part of the
# incident's toll when the incident states a larger total (``incidents.toll``), the toll itself when it states none
_GROUP_AFTER = re.compile(r"\s+(?:(?:young|little|small|local|more|other|of the)\s+)?(?:children|kids|minors|"
                          r"teenagers|teens|babies|infants|toddlers|boys|girls|women|pupils|schoolchildren)\b",
                          re.IGNORECASE)
# the dead and the wounded counted together ("1,535 troops were killed or wounded", "4,600 killed and wounded"):
# a count of neither kind, kept as a claim
_COMBINED_AFTER = re.compile(r"\s*(?:or|and|/)\s*(?:wounded|injured)\b(?!\s+" + _QUAL + _NUM + ")", re.IGNORECASE)
_VERB_END = re.compile(r"(?:killed|dead)$", re.IGNORECASE)  # a figure worded "N were killed", not "killed N"
_COMBINED_IN = re.compile(r"\b(?:killed|dead)\s*(?:or|and|/)\s*(?:wounded|injured)\b", re.IGNORECASE)
# a single victim told as one more than those before
_ADDITIONAL = re.compile(r"\b(?:another|also|a second|a third|a further|one more)\b", re.IGNORECASE)
# a daily or running total told as such ("In total, over the past day ...")
_TOTAL_OVER = re.compile(r"\b(?:in total|altogether|in all|overall)\b", re.IGNORECASE)
# a sum over one unit ("..., injuring two; overall, three people were injured in the oblast"): the figures after
# ``_TOTAL_OVER`` in a sentence that names the unit are the sum, those before it one incident's
_IN_UNIT = re.compile(r"\b(?:in|across) the (?:[\w-]+ )?(?:region|oblast|province)\b", re.IGNORECASE)


def _summed_from(sentence: str) -> int | None:
    """Where the figures of a sum over a unit begin in ``sentence`` (``_IN_UNIT``), None without one."""
    m = _TOTAL_OVER.search(sentence)
    return m.start() if m and _IN_UNIT.search(sentence, m.end()) else None
# the lower end of a range right before a number ("two, three killed", "five or six", "10 to 12"): the number is a guess
_RANGE_BEFORE = re.compile(r"(?<![\w.:,])(?P<low>\d{1,3}|" + "|".join(w for w in _NUMBER_WORDS if " " not in w and
                                                                  _NUMBER_WORDS[w] <= 90) +
                           r")\s*(?:,|or|to|-|–|‑)\s*$", re.IGNORECASE)


# a verb of change and "from" before the lower number: the toll told before, not a range's end
_CHANGE_FROM = re.compile(r"\b(?:risen|rose|rises|climbed|increased|grown|grew|jumped|soared|mounted|updated|revised|"
                          r"changed)\s+from\s+$", re.IGNORECASE)


def _range_end(before: str, value: int) -> bool:
    """Whether a figure of ``value`` is the upper end of a range whose lower end ends ``before`` (``_RANGE_BEFORE``);
    a lower number only, as a range rises ("March 9, 3 killed" is a day, then a count)."""
    m = _RANGE_BEFORE.search(before)
    if not m or _MONTH_BEFORE.search(before[:m.start()]) or _CHANGE_FROM.search(before[:m.start()]):
        return False  # (nor a toll that grew: "rose from 14 to 17" is 17, no guess)
    low = m.group("low").lower()
    low_value = int(low) if low.isdigit() else _NUMBER_WORDS.get(low)
    return low_value is not None and 0 < low_value < value


# a plural of a round number with no count of its own ("dozens", "hundreds of", "scores of")
_VAGUE_PLURAL = re.compile(r"(?:several\s+)?(?:dozens|hundreds|scores|dozen\b)", re.IGNORECASE)
_ONE_INCIDENT = re.compile(r"\b(?:a|the|this|that|one|Sunday's|Saturday's|Monday's|Tuesday's|Wednesday's|Thursday's|"
                           r"Friday's)\s+(?:\w+\s+)?(?:missile|rocket|drone|strike|attack|shell|bomb|explosion|blast|"
                           r"airstrike|air strike|raid|barrage)\b(?!s)", re.IGNORECASE)

# a report stamped with its hour ("At 10:30 it became known ...", "as of 08:00, officials confirmed ..."): an update
_TIMESTAMPED = re.compile(r"\b(?:at|as of|by)\s+\d{1,2}[:.]\d{2}\b[^.;]{0,40}?\b(?:known|reported|confirmed|"
                          r"informed|updated|learned|learnt)\b", re.IGNORECASE)
# a count stated as of a time ("As of 8 am, nine people were killed", "As of the evening of June 24, there were 17
# dead"): the state at that time, an update
_AS_OF = re.compile(r"^\W*as of\b[^,;]{1,50}[,;]", re.IGNORECASE)
_LEARNT_BEFORE = re.compile(r"\b(?:known|learned|learnt|information|news|informed|heard|reported|data|reports?)\s+$",
                            re.IGNORECASE)

# who said a figure
_SPEECH = (r"(?:has |have |had )?(?:said|says|told|tells|reported|reports|announced|announces|confirmed|confirms|"
           r"stated|states|wrote|writes|noted|notes|added|informs|informed|claimed|claims|cited|posted|according)")
_SPEAKER_AFTER = re.compile(r"(?:^|[,;“”\"]\s*|\bthat\s)(?P<who>(?:the|a|an)\s+[\w'’ -]{1,60}?|[A-Z][^,.;:“”\"()]{1,80}?),?\s+"
                            + _SPEECH
                            + r"\b")
_SPEAKER_BEFORE = re.compile(r"^\W*(?P<who>(?:the\s+)?[A-Z][^,.;:“”\"()]{1,80}?)\s+" + _SPEECH + r"\b")
_ACCORDING = re.compile(r"\b(?:according to|citing|as reported by|reported by|confirmed by)\s+"
                        r"(?P<who>[^,.;:“”\"()]{3,80})", re.IGNORECASE)
_OBSERVER = re.compile(r"(?P<who>\b[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3})\s+(?:saw|counted|witnessed)\b")
_PRONOUN = re.compile(r"^(?:he|she|they|it|we|i|him|her|them)$", re.IGNORECASE)
_SOURCE_LINE = re.compile(r"^\s*Source:\s*(?P<who>[^\n]{3,80})$", re.MULTILINE)


@dataclass(frozen=True)
class Figure:
    """A casualty figure found in a sentence (offsets in the article)."""

    kind: str
    value: int
    text: str
    start: int
    end: int
    role: str
    approximate: bool
    update: bool  # worded as the latest state ("the toll rose to", "so far")
    additional: bool = False  # one more victim told apart from those before ("another man", "a woman was also")
    group: bool = False  # the victims are one group of the population ("five children"): maybe a part of a total


def parse_number(token: str) -> int | None:
    """Integer of a number written in digits or words ("25", "1,200", "a dozen", "twelve")."""
    token = token.lower().strip()
    if token.replace(",", "").isdecimal():
        return check_figure(token)  # the validation layer: None (reported) above a plausible figure
    tens, _sep, unit = re.sub(r"[-‐‑ ]", " ", token).partition(" ")
    if tens in _TENS and unit in _UNITS:
        return _NUMBER_WORDS[tens] + _NUMBER_WORDS[unit]  # "twenty-two"
    return _NUMBER_WORDS.get(token) or _PAIR_WORDS.get(token)


def _is_year(token: str) -> bool:
    return token.isdigit() and len(token) == 4 and token[:2] in ("19", "20")


# one attack on a whole country as the subject of the toll ("a massive attack on Ukraine on Sunday killed seven", "a
# Russian strike on Ukraine's energy grid killed four"), not on its capital: a sum over the places it hit, unless the
# toll is placed after it ("killed three people in Lviv": that town's)
_COUNTRY_ATTACK = re.compile(r"\b(?:attack|strike|bombardment|barrage|assault)\s+(?:on|against)\s+(?:Ukraine|Russia)"
                             r"(?:['’]s\s+(?:[\w-]+\s+){0,2}?(?:grid|system|infrastructure|facilities|sector|network))?"
                             r"\s+(?:[\w-]+\s+){0,3}?(?:killed|kills|killing|injured|injures|injuring|wounded|wounds|"
                             r"wounding|left|leaves|leaving)\b")
_PLACED_AFTER = re.compile(r"[^.;:,]*?\b(?:in|at)\s+(?:the\s+)?(?:(?:city|town|village|port|region)\s+of\s+)?"
                           r"(?-i:[A-Z])", re.IGNORECASE)


def aggregate_scope(sentence: str) -> bool:
    """Whether ``sentence`` sums up many incidents ("across the region", "in total over the past day", "during the
    year", "since the invasion began", an attack on a whole country: ``_COUNTRY_ATTACK``)."""
    for m in _COUNTRY_ATTACK.finditer(sentence):
        if not _PLACED_AFTER.match(sentence, m.end()):
            return True
    for m in _WIDE_SCOPE.finditer(sentence):
        if not m.group("period"):
            return True  # an area: "the attack killed 11 across the country" is a sum all the same
        if not _SUPERLATIVE_BEFORE.search(sentence, 0, m.start()) and not _ONE_INCIDENT.search(sentence):
            return True  # a period, unless one incident is measured against it ("the third attack since March")
    if _TOTAL_OVER.search(sentence) and _AGGREGATE_SCOPE.search(sentence):
        return True
    return bool(_AGGREGATE_SCOPE.search(sentence)) and not _ONE_INCIDENT.search(sentence)


_CONTINUES = re.compile(r"^\W*(?:they|these|those|the attacks|the strikes|the shells|in them|among them)\b",
                        re.IGNORECASE)
# a sentence that adds to the figures before it ("Another 1,700 were injured", "In addition, 40 were wounded")
_ADDS_TO = re.compile(r"^\W*(?:another|a further|an additional|in addition|additionally|also|plus|besides)\b",
                      re.IGNORECASE)


def continues_aggregate(previous: str | None, sentence: str) -> bool:
    """Whether ``sentence`` goes on with the sum its ``previous`` sentence announced ("In total, over the past day,
    they fired 71 shells. They hit ..., killing four") or adds to the sum it gave ("During the year, 400 were killed.
    Another 1,700 were injured."): its figures are that sum's, not one incident's."""
    if previous is None:
        return False
    if _CONTINUES.match(sentence):
        return aggregate_scope(previous) and not figures(previous)
    if _ADDS_TO.match(sentence) and aggregate_scope(previous):
        before = figures(previous)
        return bool(before) and all(f.role == "aggregate" for f in before)
    return False


# one number counting both kinds ("were killed or wounded", "killed and injured" with no number of its own after the
# conjunction): losses of a side or a period, neither a death toll nor an injury count
_COMBINED_AFTER = re.compile(r"(?:(?<=killed)|(?<=wounded)|(?<=injured))\s+(?:or|and/or|and)\s+(?:wounded|injured|killed)\b"
                             r"(?!\s+(?:\d|one|two|three|four|five|six|seven|eight|nine|ten|another|others?|more)\b)"
                             r"(?!\s+(?:[\w-]+\s+)?(?:people|civilians|soldiers|others|men|women|children)\b)",
                             re.IGNORECASE)


def figures(sentence: str, offset: int = 0, *, scoped: bool = False) -> list[Figure]:
    """Every casualty figure of ``sentence``; ``offset`` is where the sentence starts in its article.

    ``scoped``: the sentence continues a sum over many incidents (``continues_aggregate``).
    """
    lowered = sentence.lower()
    if not any(stem in lowered for stem in _CASUALTY_STEMS) or not has_prefix(sentence, _CASUALTY_PREFIXES) or \
            not _CASUALTY_WORD.search(sentence):
        return []
    if _ILLNESS.search(sentence) and not armed_conflict(sentence):
        return []
    found: dict[tuple[str, int], Figure] = {}
    aggregate: bool | None = True if scoped else None  # ``aggregate_scope``, read when a figure needs it
    past = "year" in sentence and bool(_PAST_YEAR.search(sentence))
    summed = _summed_from(sentence)
    as_of = _AS_OF.match(sentence)
    low = folded(sentence)
    for (kind, role, pattern), needs in _ALL_GATES if _has(low, _RARE_NEEDS) else _COMMON_GATES:
        if not _has(low, needs):
            continue
        for m in pattern.finditer(sentence):
            num = m.group("num") if "num" in pattern.groupindex else "one"
            value = parse_number(num) if num else None
            at = m.start("num") if "num" in pattern.groupindex else m.start()
            before = sentence[max(0, at - 40):at]
            if value is None or _is_year(num or "") or _MONTH_BEFORE.search(sentence[max(0, at - 12):at]) or \
                    _AGE_BEFORE.search(before):
                continue
            if re.search(r"\b(no|not|nor|without)\s+$", sentence[max(0, at - 12):at], re.IGNORECASE):
                continue
            if _ANIMALS.match(sentence, m.end()) or ("num" in pattern.groupindex and _ANIMALS.match(sentence, m.end("num"))):
                continue
            if _IRREALIS.search(sentence[clause_start(sentence, at):at]) or \
                    _IRREALIS.search(sentence[at:m.end()]):
                continue  # "feared killed", "may rise to 20"
            this_role = role
            more = "more" in pattern.groupindex and m.group("more")
            if _COMBINED_AFTER.match(sentence, m.end()) and _VERB_END.search(m.group(0)) if kind == "killed" else \
                    _COMBINED_IN.search(m.group(0)):
                this_role = "combined"  # "1,535 troops were killed or wounded": neither kind's count
                more = False
            if _SUBCOUNT_BEFORE.search(before) or _SUBCOUNT_AFTER.match(sentence[m.end("num") if "num" in pattern.groupindex else m.end():]):
                this_role = "subcount"
            elif this_role != "combined" and _COMBINED_AFTER.match(sentence, m.end()):
                this_role = "aggregate"  # "1,000 troops were killed or wounded": one count of both kinds, no toll
            elif summed is not None and at >= summed:
                this_role = "aggregate"  # "overall, three were injured in the oblast": the unit's sum
            elif aggregate or (aggregate is None and (aggregate := aggregate_scope(sentence))):
                this_role = "aggregate"  # "three more were killed across the region this week": more of the sum
            elif more or _INCREMENT_BEFORE.search(before) or \
                    ("num" in pattern.groupindex and _MORE_AFTER.match(sentence, m.end("num")) and
                     not _VAGUE_PLURAL.match(num or "")):
                this_role = "increment"
            elif this_role in ("total", "individual") and (past or "year" in sentence and _PAST_ATTACK_BEFORE.search(
                    sentence, max(0, m.start() - 150), m.start()) or "after" in sentence and
                    _ATTACK_AS_SUBJECT.match(m.group(0)) and
                    _EARLIER_ATTACK_BEFORE.search(sentence, max(0, m.start() - 150), m.start())):
                this_role = "background"  # "last year, a strike on the station killed 63": not today's toll
            elif this_role == "total" and _VAGUE_PLURAL.match(num or ""):
                this_role = "vague"  # "dozens were killed": a claim, no toll
            qual = (m.group("qual") or "").lower() if "qual" in pattern.groupindex else ""
            if qual == "about" and _LEARNT_BEFORE.search(sentence[max(0, m.start() - 30):m.start()]):
                qual = ""  # "it became known about five dead": "about" means "of", not "roughly"
            approximate = qual in _APPROXIMATE or any(v in (num or "").lower() for v in _VAGUE) or \
                _range_end(sentence[max(0, at - 30):at], value)
            update = bool(_UPDATE.search(sentence[max(0, m.start() - 30):m.end() + 10]) or
                          _TIMESTAMPED.search(sentence) or (as_of is not None and m.start() >= as_of.end())) and \
                pattern not in _TREATED
            key = (kind, at)
            # "killed one and injured another": one victim of the other kind, not one more of this kind
            other = "other" in pattern.groupindex and not any(f.kind == kind and f.start < offset + m.start()
                                                              for f in found.values())
            fig = Figure(kind, value, m.group(0).strip(), offset + m.start(), offset + m.end(), this_role, approximate,
                         update, this_role == "individual" and not other and bool(_ADDITIONAL.search(m.group(0))),
                         "num" in pattern.groupindex and bool(_GROUP_AFTER.match(sentence, m.end("num"))))
            if key not in found or (found[key].end - found[key].start) < (fig.end - fig.start):
                found[key] = fig
    lists = (*(_ENUMERATION.finditer(sentence) if _has(low, _ENUMERATION_NEEDS) else ()),
             *(_KILLING_LIST.finditer(sentence) if _has(low, _KILLING_LIST_NEEDS) else ()))
    for m in lists:
        kind = "killed" if m.group("killed") else "injured"
        value = _enumerated(m.group("list"))
        if value is None or _IRREALIS.search(sentence[clause_start(sentence, m.start()):m.start()]):
            continue
        if any(f.kind != kind and f.start - offset < m.end("list") and f.end - offset > m.start("list")
               for f in found.values()):
            continue  # "killed 51 civilians, and six people were injured": the list begins inside the other figure
        stated = [f for f in found.values() if f.kind == kind and m.start() <= f.start - offset < m.end() and
                  f.role != "individual"]
        if m.re is _KILLING_LIST and stated and value <= max(f.value for f in stated):
            continue  # "killing two people": a stated total already ("killed three civilians and two soldiers": 5)
        inside = [k for k, f in found.items() if f.kind == kind and m.start() <= f.start - offset < m.end()]
        for k in inside:  # "his wife ... died" inside the list is part of it
            del found[k]
        counted = m.re is _KILLING_LIST and any(_COUNTED_NP.match(part) for part in _CONJUNCT.split(m.group("list").strip()))
        found[(kind, m.start())] = Figure(kind, value, m.group(0).strip(), offset + m.start(), offset + m.end(),
                                          "total" if counted else "individual", False, False)
    for kind, pattern in _ZERO:
        m = pattern.search(sentence)
        if m and not any(f.kind == kind for f in found.values()):
            found[(kind, m.start())] = Figure(kind, 0, m.group(0), offset + m.start(), offset + m.end(), "zero",
                                              False, False)
    _placed_share(found, sentence, offset)
    _fatal_wounds(found)
    _other_kind_increments(found)
    _coordinated_parts(found, sentence, offset)
    frame = _SUBCOUNT_FRAME.match(sentence)
    if frame:
        _framed_parts(found, offset + frame.end())
    # one number read by two patterns of the same kind is one figure
    out: list[Figure] = []
    for fig in sorted(found.values(), key=lambda f: (f.start, -(f.end - f.start))):
        if any(o.kind == fig.kind and o.value == fig.value and o.start <= fig.start < o.end for o in out):
            continue
        out.append(fig)
    return out


# the one town's share of a sum over many incidents, told right after it ("killed 13 people across the country,
# including six in X"): that town's toll; a share of several towns ("six in X and two in Y") is left unread
_PLACED_SHARE = re.compile(r",\s*(?:including|among them|of (?:them|whom))\s+" + _QUAL + _NUM +
                           r"(?:\s+(?:people|persons|civilians|residents))?\s+in\s+(?:the\s+)?(?:(?:city|town|village|port)\s+"
                           r"of\s+)?(?-i:[A-Z])[\w'’-]+(?:\s+(?-i:[A-Z])[\w'’-]+)?(?![\w'’-])"
                           r"(?!\s*(?:,\s*|\s+and\s+)[\w-]+\s+in\b)"
                           r"(?!\s+(?i:region|oblast|province|district|raion|hromada|community))", re.IGNORECASE)


_SHARE_WINDOW_CHARS = 120  # how far after the sum its town's share may be told (the sum's area, its period between)


def _placed_share(found: dict[tuple[str, int], Figure], sentence: str, offset: int) -> None:
    """Add the town's share of a sum over many incidents (``_PLACED_SHARE``) as that town's total."""
    for fig in list(found.values()):
        if fig.role != "aggregate":
            continue
        m = _PLACED_SHARE.search(sentence, fig.end - offset, fig.end - offset + _SHARE_WINDOW_CHARS)
        if m is None:
            continue
        value = parse_number(m.group("num"))
        if value is None or value >= fig.value or any(f.kind == fig.kind and f.start == offset + m.start("num")
                                                      for f in found.values()):
            continue
        found[(fig.kind, m.start("num"))] = Figure(fig.kind, value, m.group(0).strip(" ,"), offset + m.start("num"),
                                                   offset + m.end(), "total", bool(m.group("qual")), False)


# wounds that killed ("suffered fatal wounds", "were mortally wounded"): the dead, not the injured
_FATAL = re.compile(r"\b(?:fatal|fatally|mortal|mortally|lethal|lethally)\s+(?:\w+\s+)?(?:wound|injur|hurt)",
                    re.IGNORECASE)


def _fatal_wounds(found: dict[tuple[str, int], Figure]) -> None:
    """Turn injured figures worded as fatal wounds into killed figures, in place (``_FATAL``)."""
    for key, fig in list(found.items()):
        if fig.kind == "injured" and _FATAL.search(fig.text):
            del found[key]
            found.setdefault(("killed", key[1]), Figure("killed", fig.value, fig.text, fig.start, fig.end, fig.role,
                                                        fig.approximate, fig.update, fig.additional))


def _framed_parts(found: dict[tuple[str, int], Figure], frame_end: int) -> None:
    """Figures after a framing count of their kind are its parts, in place (``_SUBCOUNT_FRAME``: "Of the 65
    hospitalised, 34 sustained severe injuries"; "of the 20 injured, two died" still counts two dead)."""
    kinds = {f.kind for f in found.values() if f.start < frame_end}
    for key, fig in list(found.items()):
        if fig.start >= frame_end and fig.kind in kinds and fig.role != "zero":
            found[key] = replace(fig, role="subcount")


# only "and" between two figures named by nouns ("including 292 deaths and over 1,000 injuries"), and no verb in the
# second: the second is a part of the same list
_AND_ONLY = re.compile(r"\s*and\s+$", re.IGNORECASE)
_FINITE = re.compile(r"\b(?:were|was|are|is|have|has|had|been)\b", re.IGNORECASE)


def _coordinated_parts(found: dict[tuple[str, int], Figure], sentence: str, offset: int) -> None:
    """A figure joined by "and" to a sub-count, with no verb of its own, is a sub-count too, in place: "including
    292 deaths and over 1,000 injuries" breaks a sum down; "including two children, and 20 were injured" does not."""
    ordered = sorted(found.items(), key=lambda kv: kv[1].start)
    for (_k, before), (key, fig) in zip(ordered, ordered[1:]):
        if before.role == "subcount" and fig.role in ("total", "vague") and not _FINITE.search(fig.text) and \
                _AND_ONLY.fullmatch(sentence[before.end - offset:fig.start - offset]):
            found[key] = replace(fig, role="subcount")


def _other_kind_increments(found: dict[tuple[str, int], Figure]) -> None:
    """An increment after figures of the other kind only is a total, in place: "killed one person and injured three
    others", "two dead and another 100 hospitalised" count the injured apart from the dead, not more of them."""
    for key, fig in list(found.items()):
        if fig.role != "increment":
            continue
        earlier = {f.kind for f in found.values() if f.start < fig.start and f.role != "zero"}
        if earlier and fig.kind not in earlier:
            found[key] = replace(fig, role="vague" if _VAGUE_PLURAL.search(fig.text) else "total")


def _enumerated(victims: str) -> int | None:
    """How many people a list of victims names ("twin brothers and a boy": 3), None if a part is no person."""
    total = 0
    for part in _CONJUNCT.split(victims.strip()):
        if _PAIR_NP.search(part):
            total += 2
        elif _ONE_NP.match(part):
            total += 1
        else:
            words = _POSSESSIVE_NP.sub("", part).split()
            count = (int(words[0]) if words[0].isdigit() else _NUMBER_WORDS.get(words[0].lower())) if words else None
            if not count:
                return None
            total += count
    return total or None


def claimant(sentence: str, previous: str | None = None) -> str | None:
    """Who a sentence says stated its figures ("regional governor", "Reuters saw"), or None."""
    obs = _OBSERVER.search(sentence)
    if obs:
        return _tidy(obs.group("who")) + " saw"
    for rx in (_ACCORDING, _SPEAKER_AFTER, _SPEAKER_BEFORE):
        m = rx.search(sentence)
        if m:
            who = _tidy(m.group("who"))
            if who and _PRONOUN.match(who):
                return previous
            if who:
                return who
    return None


def source_line(text: str) -> str | None:
    """The article's "Source: ..." line, the claimant of figures no sentence attributes."""
    m = _SOURCE_LINE.search(text)
    return _tidy(m.group("who")) if m else None


def _tidy(who: str) -> str:
    who = re.sub(r"^(?:the|a|an)\s+", "", who.strip(), flags=re.IGNORECASE)
    who = re.sub(r"\s+(?:on|in|via)\s+(?:Telegram|its|his|her|their|a|the)\b.*$", "", who)
    words = who.split()
    return " ".join(words[-8:])


def individuals(figs: list[Figure]) -> int | None:
    """How many victims figures told one by one count: the most any one of them names ("a man and his wife": 2),
    as several sentences often retell the same victim ("killing a man ... A 67-year-old man was killed"), plus
    each one told as additional ("another man was injured"). None without any."""
    ones = {f.start: f for f in figs if f.role == "individual"}
    if not ones:
        return None
    same = [f.value for f in ones.values() if not f.additional]
    return max(same, default=0) + sum(f.value for f in ones.values() if f.additional)


def casualties(sentence: str) -> tuple[int | None, int | None, list[str]]:
    """Killed and injured toll of one sentence (the largest stated total of each) and their wording."""
    figs = figures(sentence)
    killed = injured = None
    for kind in ("killed", "injured"):
        totals = [f.value for f in figs if f.kind == kind and f.role in ("total", "observation", "individual", "zero")]
        value = max(totals) if totals else None
        if kind == "killed":
            killed = value
        else:
            injured = value
    return killed, injured, [f.text for f in figs]
