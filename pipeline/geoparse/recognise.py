"""Find place mentions in raw text, with character spans.

Gazetteer names are found with an Aho-Corasick automaton over folded text (see
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
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from pipeline.geoparse.gazetteer import Gazetteer
from pipeline.geoparse.weights import RECOGNISE_WEIGHTS as _W
from pipeline.text.textnorm import fold_words, name_key, skeleton

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
# r"(?<=[.!?])[\"”’)\]]*\s+(?=[\"“‘(\[]*[A-Z0-9])|\n+".
_SENTENCE_END = re.compile(r"[.!?\n](?:(?<=[.!?])[\"”’)\]]*\s+(?=[\"“‘(\[]*[A-Z0-9])|(?<=\n)\n*)")
_REGION_AFTER = re.compile(r"\s+(region|oblast|province|regions|oblasts|provinces)\b", re.IGNORECASE)
_REGIONS_OF_BEFORE = re.compile(r"\b(regions|oblasts|provinces)\s+of\s+(the\s+)?$", re.IGNORECASE)
_ADMIN_SUFFIX = re.compile(r" (County|Parish|Township|Borough|Oblast|Province|Governorate|Prefecture|District)\b")
_LIST_GAP = re.compile(r"^(\s*,\s*(and\s+|or\s+)?|\s+(and|or)\s+)$")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*")
# a capitalised word: r"\b[A-Z][a-z]+(?:['’][a-z]+)?\b", with the opening "\b" written as a look-behind
# after the capital, so that the regex engine can skip to the next capital fast
_CAPITALISED = re.compile(r"[A-Z](?<!\w[A-Z])[a-z]+(?:['’][a-z]+)?\b")
_LOWER_WORD = re.compile(r"(?<![A-Za-z])[a-z][a-z'-]+")
_WORD_PUNCTUATION = ".'’-"
_WORD_CHARS = string.ascii_letters + _WORD_PUNCTUATION
_WORD_AFTER = re.compile(r" ([A-Za-z][A-Za-z.'’-]*)")
_POSSESSIVE = re.compile(r"['’]s?$")

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
    qualifier: int | None = None  # index of the mention that qualifies it ("Paris, Texas" → Texas)
    sentence: int = 0
    paragraph: int = 0
    notes: list[str] = field(default_factory=list)


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
    freq_to_zipf, zipf_frequency, min_freq = _wordfreq_functions()
    if not _PLAIN_WORD.match(word):
        return zipf_frequency(word, "en")
    freq = max(_english_frequencies().get(word, 0.0), min_freq)
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
    """Sorted start offsets of sentences."""
    return [0] + [m.end() for m in _SENTENCE_END.finditer(text)]


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
        self.words = fold_words(text)  # folded, punctuation as spaces: what the automaton reads
        self.ranges = content_ranges(text)
        self._range_starts = [r[0] for r in self.ranges]
        self.sentences = sentence_starts(text)
        self._line_kind: dict[int, str] = {}

    @cached_property
    def lower_words(self) -> set[str]:
        """Words the text writes in lower case (computed on first use: many texts never ask)."""
        return set(_LOWER_WORD.findall(self.text)) if len(self.text) < _W.lower_words_max_chars else set()

    def uses_lower_case(self, word: str) -> bool:
        """Whether ``word`` is one of ``lower_words``; a word that is not even a substring of the text
        (the usual case for a capitalised name) is answered without collecting them."""
        return word in self.text and word in self.lower_words

    def paragraph_of(self, pos: int) -> int:
        i = bisect.bisect_right(self._range_starts, pos) - 1
        return i if i >= 0 and pos < self.ranges[i][1] else -1

    def sentence_of(self, pos: int) -> int:
        return bisect.bisect_right(self.sentences, pos) - 1

    def is_sentence_start(self, pos: int) -> bool:
        i = self.sentence_of(pos)
        return not self.text[self.sentences[i]:pos].strip(" \t\"“‘([")

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
        window = self.text[max(0, pos - 40):pos]
        if window.endswith(" "):
            body = window[:-1]
        elif window.endswith(" \n"):  # "$" also matches before a final newline
            body = window[:-2]
        else:
            return ""
        run = body[len(body.rstrip(_WORD_CHARS)):]
        return run.lstrip(_WORD_PUNCTUATION)

    def word_after(self, pos: int) -> str:
        m = _WORD_AFTER.match(self.text[pos:pos + 40])
        return m.group(1) if m else ""


_STRONG_KINDS = frozenset({"country", "admin1", "continent", "landmark", "water", "region"})
_COUNTRY_LIKE_KINDS = frozenset({"country", "continent", "landmark", "water", "region"})


@dataclass(frozen=True)
class _RowsFacts:
    """What the gazetteer entries a name may refer to say about it."""

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
    """Facts of the rows indexed under ``key``."""
    return _rows_facts(gaz, gaz.rows_for_key(key))


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
    raw = _automaton_matches(ctx, gaz) + _abbreviation_matches(ctx, gaz)
    chosen = _leftmost_longest(raw)
    mentions = []
    surnames = _surnames(ctx, gaz)
    for m in chosen:
        m.paragraph = ctx.paragraph_of(m.start)
        if m.paragraph < 0:
            continue
        m.sentence = ctx.sentence_of(m.start)
        if _keep(m, ctx, gaz, surnames):
            mentions.append(m)
    mentions += _variant_matches(ctx, gaz, mentions, surnames)
    mentions.sort(key=lambda m: m.start)
    for m in mentions:
        suffix = _ADMIN_SUFFIX.match(text, m.end)
        if suffix and m.kind in ("name", "variant"):
            m.end = suffix.end()
            m.text = text[m.start:m.end]
            m.notes.append(f"\"{suffix.group(1)}\" suffix")
    _mark_regions(ctx, mentions)
    return mentions


# a run of capitalised words, with the lower-case words that occur inside place names
# ("Rostov-on-Don", "Isle of Man", "Bosnia and Herzegovina"): only such runs can hold a name
CONNECTORS = ("of", "on", "upon", "de", "la", "del", "du", "le", "el", "al", "am", "an", "the", "and", "sur",
              "en", "im", "di", "da", "do", "dos", "das")
_CAP_SPAN = re.compile(r"[^\W\d_a-z\u00df-\u00ff][\w'’.\u2010\u2011-]*(?:[ \t]+(?:(?:" + "|".join(CONNECTORS)
                       + r")[ \t]+)*[^\W\d_a-z\u00df-\u00ff][\w'’.\u2010\u2011-]*)*")


def _automaton_matches(ctx: _Context, gaz: Gazetteer) -> list[Mention]:
    text = ctx.text
    haystack = " " + ctx.words + " "  # haystack index i is text index i - 1
    found = []
    for span in _CAP_SPAN.finditer(text):
        # a slice per run: the automaton copies its input, so iterating the whole text per run is quadratic
        offset = span.start()
        for start, end, surface, key, kind, rows in _names_in_run(gaz, haystack[offset:span.end() + 2], span.group(0)):
            found.append(Mention(offset + start, offset + end, surface, key, kind, rows))
    return found


@lru_cache(maxsize=65536)
def _names_in_run(gaz: Gazetteer, window: str, run: str) -> tuple[tuple[int, int, str, str, str, tuple], ...]:
    """Names in a run of capitalised words, as (start, end, surface, key, kind, rows) with offsets into
    ``run``. ``window`` is the run in ``fold_words`` form with the character before and after it (the
    automaton's patterns are " name "). Runs recur across articles, so each is scanned once."""
    found = []
    for end_idx, (key, length) in _automaton_hits(gaz, window):
        # the pattern " name " ends at window index end_idx: the name ends at run index end_idx - 1
        end = end_idx - 1
        start = end - length
        if not run[start].isupper():
            continue
        kind, rows = "name", ()
        if key not in gaz.keys:
            kind, rows = "demonym", (gaz.demonyms[key],)
        elif key in gaz.demonyms and _key_facts(gaz, key).best_population < _W.strong_population:
            kind, rows = "demonym", (gaz.demonyms[key],)  # "Ukrainian" reads as the demonym, not a village
        found.append((start, end, run[start:end], key, kind, rows))
    return tuple(found)


def _automaton_hits(gaz: Gazetteer, window: str):
    """``gaz.automaton.iter(window)``: (end index, value) of every pattern in ``window``."""
    if " " in window[1:-1]:
        return gaz.automaton.iter(window)
    # one word: the only pattern " name " that can occur in it is the whole window
    value = gaz.automaton.get(window, None) if window[0] == " " and window[-1] == " " else None
    return () if value is None else ((len(window) - 1, value),)


@lru_cache(maxsize=4)
def _abbreviation_pattern(abbreviations: tuple[str, ...]) -> re.Pattern:
    longest_first = sorted(abbreviations, key=len, reverse=True)
    # the look-ahead on the possible first characters only lets the regex engine skip other positions fast
    first_chars = "".join(sorted({re.escape(a[0]) for a in abbreviations if a}))
    skip = r"(?=[" + first_chars + r"])" if all(abbreviations) and first_chars else ""
    return re.compile(skip + r"(?<![A-Za-z0-9.])(" + "|".join(map(re.escape, longest_first)) + r")(?![A-Za-z0-9])")


def _abbreviation_matches(ctx: _Context, gaz: Gazetteer) -> list[Mention]:
    pattern = _abbreviation_pattern(tuple(sorted(gaz.abbreviations)))
    return [Mention(m.start(), m.end(), m.group(0), name_key(m.group(0)), "abbreviation",
                    (gaz.abbreviations[m.group(0)],))
            for m in pattern.finditer(ctx.text)]


def _leftmost_longest(matches: list[Mention]) -> list[Mention]:
    matches.sort(key=lambda m: (m.start, -(m.end - m.start), m.kind != "abbreviation"))
    chosen: list[Mention] = []
    last_end = -1
    for m in matches:
        if m.start >= last_end:
            chosen.append(m)
            last_end = m.end
    return chosen


# capitalised words, with middle initials ("Gino D. Bassett") and hyphenated surnames ("Diaz-Balart")
_CAP_RUN = re.compile(r"[A-Z][a-z]+\.?(?:-[A-Z][a-z]+)?(?: (?:[A-Z]\. )*[A-Z][a-z]+\.?(?:-[A-Z][a-z]+)?)+")


def _surnames(ctx: _Context, gaz: Gazetteer) -> set[str]:
    """Names of people in the text: words after a title ("President Joe Biden") and the last word of
    a "Firstname Lastname" run whose first word is neither a place nor a common word."""
    names: set[str] = set()
    for run in _CAP_RUN.findall(ctx.text):
        for name in _names_of_person(gaz, run):
            names.add(name)
            if "-" in name:  # a hyphenated surname ("Diaz-Balart"): each part alone is the person too
                names.update(name.split("-"))
    return names


@lru_cache(maxsize=65536)
def _names_of_person(gaz: Gazetteer, run: str) -> tuple[str, ...]:
    """The surnames a run of capitalised words gives away (see ``_surnames``); runs recur across articles."""
    words = run.split(" ")
    lows = [w.lower() for w in words]
    titled = [i for i, w in enumerate(lows) if w in TITLES or w.rstrip(".") in TITLES]
    if titled:
        return tuple(w.rstrip(".") for w in words[titled[0] + 1:] if w.lower() not in TITLES)
    first, last = words[0], words[-1]
    low = lows[0]
    if low in DIRECTIONS or low in MONTHS_DAYS or low in PLACE_NOUNS:
        return ()
    if _names_a_place(gaz, first) and (_strong_key(first, gaz) or name_key(first) not in gaz.keys):
        return ()  # a country, a big city, an admin-1 unit or a demonym; a village called "Jose" is a first name
    if _is_dictionary_word(low):  # "In", "The", "After" ... not first names
        return ()
    if _key_facts(gaz, name_key(last)).strong:
        return ()
    return (last,)


def _strong_key(word: str, gaz: Gazetteer) -> bool:
    return _key_facts(gaz, name_key(word)).strong


def _keep(m: Mention, ctx: _Context, gaz: Gazetteer, surnames: set[str]) -> bool:
    """Whether a gazetteer match reads as a place here: not an acronym, a person, an organisation,
    a river, a month or an ordinary English word that some village happens to be called."""
    rows = _rows_of(gaz, m)
    if not rows:
        return False
    line_kind = ctx.line_kind(m.paragraph)
    facts = _mention_facts(gaz, m)
    strong = facts.strong
    surface = m.text
    low = m.key
    if m.kind == "abbreviation":
        return line_kind != "caps"
    if low in MONTHS_DAYS:
        return False
    if surface.isupper() and len(surface) > 1:
        if line_kind != "caps":
            if _is_dateline(m, ctx) and strong:
                return True  # "WASHINGTON (AP) —"
            return False  # an acronym (NATO) in running text
        return m.kind == "demonym" or facts.country_or_capital or facts.any_admin1
    if m.kind == "demonym":
        return True
    if surface in surnames and not (strong and facts.best_population >= 1_000_000):
        return False
    before = ctx.word_before(m.start)
    after = ctx.word_after(m.end)
    if after.lower() in WATER_NOUNS and not facts.any_water:
        return False  # "the Dnipro river" is not the city of Dnipro
    if after.lower().rstrip(".,;:") in ORG_NOUNS and not facts.country_or_capital:
        return False  # "the Wagner group" is not a town in Brazil
    sentence_start = ctx.is_sentence_start(m.start)
    if line_kind == "prose":
        if before and before.lower().rstrip(".") in TITLES:  # "President Biden", "said coach Ripley"
            return False
        if before and before[0].isupper() and not sentence_start and not _allowed_before(before, m.start, ctx, gaz):
            return False
        if after and after[0].isupper() and after.lower() not in PLACE_NOUNS and not _strong_key(after, gaz):
            region_institution = after.lower() in INSTITUTION_WORDS
            # a function word ("The", "A", "He") starts the next sentence of an unpunctuated dateline
            # ("AUSTIN, Texas A white nationalist ...")
            next_sentence = _zipf(after.lower()) >= _W.next_sentence_zipf
            if (not facts.country_or_capital and not region_institution and not next_sentence) or after in surnames:
                return False  # a first name ("Vladimir Putin") or part of an organisation's name
        if after.lower() in SPEECH_VERBS and not strong and " " not in low:
            return False  # "Smith said"
    single_word = " " not in low
    if single_word and not strong and ctx.uses_lower_case(low):
        return False  # the article also uses it as an ordinary word
    if single_word and sentence_start and not strong and _zipf(low) >= _W.sentence_start_common_zipf:
        return False  # a sentence-initial capital on a common word ("Nato allies ...")
    if single_word and _is_dictionary_word(low) and not facts.country_or_capital:
        # "Reading", "March", "Western", "Independence": English words that some place is called
        if sentence_start or not strong or _zipf(low) >= _W.dictionary_word_zipf:
            return False
    return True


_DATELINE_AFTER = re.compile(r"^(,\s*[A-Za-z. ]{2,20})?\s*(\(|—|–|-{1,2}\s|:)")


def _is_dateline(m: Mention, ctx: _Context) -> bool:
    para_start = ctx.ranges[m.paragraph][0]
    starts_line = not ctx.text[para_start:m.start].strip() or ctx.is_sentence_start(m.start)  # "... pig. CHARLESTON, W.Va. -"
    return starts_line and bool(_DATELINE_AFTER.match(ctx.text[m.end:m.end + 30]))


def _allowed_before(word: str, pos: int, ctx: _Context, gaz: Gazetteer) -> bool:
    word = _POSSESSIVE.sub("", word)  # possessive: "Kyiv's Maidan"
    low = word.lower().rstrip(".")
    if low in DIRECTIONS:
        return True
    if low in MONTHS_DAYS:
        return True  # "Thursday's Ontario budget"
    if _names_a_place(gaz, word) and (name_key(word) not in gaz.keys
                                      or _key_facts(gaz, name_key(word)).best_population >= _W.qualifying_population):
        return True  # "Kharkiv Kupiansk", demonym "Ukrainian Kherson" ... (not the hamlet "Real" of "Real Madrid")
    start = pos - len(word) - 1
    return ctx.is_sentence_start(start) and _zipf(low) >= _W.sentence_opener_zipf


def _variant_matches(ctx: _Context, gaz: Gazetteer, mentions: list[Mention], surnames: set[str]) -> list[Mention]:
    """Capitalised words the index lacks whose consonant skeleton names a sizeable place."""
    # most texts have no such word: look at each distinct word once before walking the matches
    if not any(_variant_of(gaz, word) for word in set(_CAPITALISED.findall(ctx.text)) if len(word) >= 5):
        return []
    covered = [(m.start, m.end) for m in mentions]
    starts = [c[0] for c in covered]
    found = []
    for match in _CAPITALISED.finditer(ctx.text):
        word = match.group(0)
        if len(word) < 5:
            continue
        variant = _variant_of(gaz, word)
        if variant is None:
            continue
        start, end = match.span()
        i = bisect.bisect_right(starts, start) - 1
        if i >= 0 and covered[i][0] <= start < covered[i][1]:
            continue
        key, rows = variant
        m = Mention(start, end, word, key, "variant", rows)
        m.paragraph = ctx.paragraph_of(start)
        if m.paragraph < 0:
            continue
        m.sentence = ctx.sentence_of(start)
        if _keep(m, ctx, gaz, surnames):
            m.notes.append(f"spelling variant of {gaz._name[rows[0]]}")
            found.append(m)
    return found


@lru_cache(maxsize=65536)
def _variant_of(gaz: Gazetteer, word: str) -> tuple[str, tuple[int, ...]] | None:
    """(key, rows) when ``word`` is missing from the index but spells a sizeable city or admin-1 unit
    with the same consonant skeleton; None otherwise."""
    key = name_key(word)
    if key in gaz.keys or _zipf(key) >= _W.variant_max_zipf:  # the cheap tests first
        return None
    rows = gaz.skeletons.get(skeleton(key))
    if not rows:
        return None
    rows = tuple(r for r in rows if gaz.kind_of[r] in ("city", "admin1") and _similar_spelling(key, r, gaz))
    return (key, rows) if rows else None


def _similar_spelling(key: str, row: int, gaz: Gazetteer) -> bool:
    return _similar(key, name_key(str(gaz._name[row])))


def _similar(a: str, b: str) -> bool:
    """difflib's similarity ratio is at least ``variant_similarity`` (its cheap upper bounds rule most pairs
    out first)."""
    matcher = difflib.SequenceMatcher(None, a, b)
    least = _W.variant_similarity
    return matcher.real_quick_ratio() >= least and matcher.quick_ratio() >= least and matcher.ratio() >= least


def _mark_regions(ctx: _Context, mentions: list[Mention]) -> None:
    text = ctx.text
    plural = {}
    for i, m in enumerate(mentions):
        after = _REGION_AFTER.match(text, m.end)
        if after and m.kind in ("name", "variant"):
            m.region = True
            plural[i] = after.group(1).lower().endswith("s")
    # lists: "the Kharkiv, Sumy and Poltava regions", "the regions of A, B and C"
    groups: list[list[int]] = []
    for i, m in enumerate(mentions):
        if groups and _LIST_GAP.match(text[mentions[groups[-1][-1]].end:m.start]):
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
        elif any(mentions[i].region for i in group):
            for i in group:
                mentions[i].notes.append("listed with a region")
