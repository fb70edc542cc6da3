"""Counting the deaths a sentence reports, by ACLED's fatality rules.

Numbers count only when attached to a death word (killed, died, dead, death toll, lost
their lives, ...), found through the dependency parse with a short token-window fallback.
Coordinated groups are added ("3 soldiers and 2 civilians were killed" is 5), subsets are
not ("25 fighters, including four commanders" is 25), and when a sentence gives different
figures the lowest is kept, as ACLED does. Wounded counts are never deaths.

Vague amounts follow ACLED's conventions (``geomap.lexicon.numbers.VAGUE_COUNTS``):
"several", "many" and a bare plural ("civilians were killed") are 10, "dozens" is 12,
"hundreds" 100.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from geomap.lexicon.dates import MONTHS
from geomap.lexicon.events import DEATH_NOUNS, DIE_WORDS, KILL_WORDS, LOSE_WORDS, WOUND_WORDS
from geomap.lexicon.grammar import (
    NEGATIONS,
    NOBODY_WORDS,
    PERSON_STOPWORDS,
    RELATIVE_PRONOUNS,
    SINGLE_PRONOUNS,
    SUBSET_WORDS,
    TIME_PREPOSITIONS,
)
from geomap.lexicon.labels import VICTIM_MODIFIERS
from geomap.lexicon.numbers import (
    MULTIPLIERS,
    NOT_A_COUNT_AFTER,
    NUMBER_WORDS,
    VAGUE_BLOCKERS,
    VAGUE_COUNTS,
)
from geomap.lexicon.people import GENERAL_VICTIMS, NOT_ONE_PERSON

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

# A bare plural victim ("civilians were killed") is ACLED's "plural fatalities".
BARE_PLURAL = 10
WINDOW = 5

ZERO_PATTERN = re.compile(
    r"\b(?:"
    r"no\s+(?:reported\s+|immediate\s+)?(?:casualties|deaths|fatalities|injuries|victims)"
    r"|no\s+(?:immediate\s+)?reports?\s+of\s+(?:any\s+)?(?:casualties|deaths|fatalities|injuries)"
    r"|(?:no[\s-]?one|nobody|none)\s+(?:\w+\s+){0,3}?(?:killed|died|dead|hurt|injured|harmed)"
    r"|without\s+(?:any\s+)?(?:casualties|fatalities|deaths|loss\s+of\s+life)"
    r"|no\s+(?:loss\s+of\s+life|lives\s+(?:were\s+)?lost)"
    r"|zero\s+(?:casualties|deaths|fatalities)"
    r")"
)


@dataclass(frozen=True, slots=True)
class Toll:
    """Deaths a sentence reports, and the words naming who died ("23 Afghan soldiers":
    {"afghan", "soldier"}); tolls of different victims of one event add up."""

    count: int
    victims: frozenset[str] = frozenset()

    def same_victims(self, other: Toll) -> bool:
        """Whether two tolls may count the same dead: their victims share a word, or
        one of them names nobody in particular ("people", "they")."""
        mine, theirs = self.victims - GENERAL_VICTIMS, other.victims - GENERAL_VICTIMS
        return not mine or not theirs or bool(mine & theirs)


def count_fatalities(sentence: Span) -> int | None:
    """Deaths the sentence reports, by ACLED's rules; None when it reports none either way."""
    toll = sentence_toll(sentence)
    return toll.count if toll is not None else None


def sentence_toll(sentence: Span) -> Toll | None:
    """The lowest positive toll the sentence reports with its victims, a toll of 0 when
    it says nobody died, else None."""
    tolls = [
        Toll(n, _victim_words(token)) for token in sentence
        if (n := _anchor_count(token)) is not None
    ]  # fmt: skip
    positive = [t for t in tolls if t.count > 0]
    if positive:
        return min(positive, key=lambda t: t.count)
    if tolls or ZERO_PATTERN.search(sentence.text.lower()):
        return Toll(0)
    return None


def total_deaths(tolls: list[Toll]) -> int | None:
    """The deaths of one event told in several sentences. A toll of nobody in particular
    ("nine people were dead") is a total, and conflicting totals keep the lowest (ACLED's
    rule); tolls of named groups add up when the groups differ ("they killed 23 soldiers
    ... 20 insurgents were killed") and keep the lowest when they are the same; and the
    parts never outnumber a total they belong to ("four workers and two soldiers" among
    the nine)."""
    totals = [t.count for t in tolls if not t.victims - GENERAL_VICTIMS]
    groups: list[list[Toll]] = []
    for toll in (t for t in tolls if t.victims - GENERAL_VICTIMS):
        group = next((g for g in groups if all(toll.same_victims(t) for t in g)), None)
        if group is None:
            groups.append([toll])
        else:
            group.append(toll)
    parts = sum(min(t.count for t in group) for group in groups) if groups else None
    if totals and parts is not None:
        return max(min(totals), parts)
    return min(totals) if totals else parts


def _victim_words(token: Token) -> frozenset[str]:
    """Content words naming who died by this death word, as lemmas."""
    word = token.lower_
    if word in KILL_WORDS or word in DIE_WORDS:
        victims = _verb_victims(token) if token.pos_ != "NOUN" else []
    elif word == "dead":
        victims = [token.head] if token.dep_ == "amod" else _clause_victims(token.head, token)
    else:
        victims = []
    if victims and all(v.pos_ == "PROPN" for v in victims):
        return frozenset()  # a named person: told again under a title ("the general")
    words = [
        t for victim in victims
        for t in (victim, *(c for c in victim.children if c.dep_ in VICTIM_MODIFIERS))
    ]  # fmt: skip
    return frozenset(
        t.lemma_.lower()
        for t in words
        if t.pos_ in ("NOUN", "PROPN", "ADJ") and not _is_number(t) and t.lower_ not in VAGUE_COUNTS
    )


# --- death words --------------------------------------------------------------------------


def _anchor_count(token: Token) -> int | None:
    """The count attached to `token` if it is a death word, else None."""
    word = token.lower_
    if word in KILL_WORDS and token.pos_ == "NOUN":  # "the killing of three protesters"
        count = _death_noun_count(token)
        return count if count is not None else _window_count(token)
    if word in KILL_WORDS or word in DIE_WORDS:
        if any(child.dep_ == "neg" for child in token.children):
            return 0
        victims = _verb_victims(token)
        count = _group_count(victims, bare_plural=True) if victims else None
        return count if count is not None else _window_count(token)
    if word == "dead":
        return _dead_count(token)
    if word == "toll" and any(c.lower_ in DEATH_NOUNS for c in token.lefts):
        return _toll_count(token)
    if word in DEATH_NOUNS and token.dep_ != "compound":
        return _death_noun_count(token)
    if word == "lives":
        return _lives_count(token)
    return None


def _verb_victims(verb: Token) -> list[Token]:
    """Who died: the object of an active kill verb, else the (passive) subject."""
    has_object = any(child.dep_ == "dobj" for child in verb.children)
    if verb.dep_ in {"acl", "amod"} and verb.tag_ == "VBN" and not has_object:
        return [verb.head]  # "civilians killed in the strike"
    wanted = ("nsubj", "nsubjpass") if verb.lower_ in DIE_WORDS else ("dobj", "nsubjpass")
    if _is_passive(verb):
        wanted = ("nsubjpass", "nsubj")
    for dep in wanted:
        for child in verb.children:
            if child.dep_ == dep and _can_be_victim(child):
                return [_antecedent(child, verb), *child.conjuncts]
    return []


def _can_be_victim(token: Token) -> bool:
    """False for function words the parser took for a noun ("AT" in "KILLING AT LEAST 11")."""
    if not token.is_stop:
        return True
    word = token.lower_
    return _is_number(token) or word in VAGUE_COUNTS or word in PERSON_STOPWORDS


def _is_passive(verb: Token) -> bool:
    return any(child.dep_ in {"auxpass", "nsubjpass"} for child in verb.children)


def _antecedent(token: Token, verb: Token) -> Token:
    """The noun a relative pronoun stands for ("soldiers who were killed")."""
    if token.lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        return verb.head
    return token


def _dead_count(dead: Token) -> int | None:
    """Deaths told with "dead": "left 12 dead", "12 people are dead", "3 were shot dead"."""
    own = _explicit_count(dead)
    if own is not None:
        return own
    victims = [dead.head] if dead.dep_ == "amod" else _clause_victims(dead.head, dead)
    if victims:
        return _group_count([victims[0], *victims[0].conjuncts], bare_plural=False)
    return _window_count(dead)


def _clause_victims(verb: Token, dead: Token) -> list[Token]:
    """Who is "dead" in the clause of `verb`: passive subject, object, then subject."""
    order = ("nsubjpass", "dobj", "nsubj")
    for dep in order:
        found = [c for c in verb.children if c.dep_ == dep and c != dead]
        if found:
            return found
    return []


def _toll_count(toll: Token) -> int | None:
    """The figure of a death toll: "rose to 30", "put the death toll at 30", "a toll of 30"."""
    phrases = [c for c in toll.children if c.dep_ in {"nummod", "prep"}]
    verb = toll.head
    if toll.dep_ in {"nsubj", "dobj", "nsubjpass"}:
        phrases.extend(child for child in verb.children if _states_toll(child, toll))
    found = [n for phrase in phrases if (n := _phrase_figure(phrase)) is not None]
    return min(found) if found else None


def _states_toll(child: Token, toll: Token) -> bool:
    """Whether a child of the toll's verb gives its figure ("rose to 30", "is 30")."""
    if child.dep_ == "prep":
        return child.lower_ in {"to", "at", "from"}
    return child.dep_ in {"attr", "dobj", "oprd"} and child != toll


def _phrase_figure(phrase: Token) -> int | None:
    """The figure in "to 30", "at 30", "of 30 people", or the last one of "from 20 to 30"."""
    tokens = list(phrase.subtree)
    for i, token in enumerate(tokens):
        if token.text in {",", "(", ";"} or token.lower_ in SUBSET_WORDS:
            tokens = tokens[:i]
            break
    after_to = [i for i, t in enumerate(tokens) if t.lower_ == "to" and i > 0]
    if phrase.lower_ == "from" and after_to:
        tokens = tokens[after_to[-1] + 1 :]
    return _figure(tokens)


def _death_noun_count(noun: Token) -> int | None:
    """Counts on death nouns: "30 deaths", "the deaths of 12 people", "the bodies of 12"."""
    if any(c.lower_ == "no" and c.dep_ == "det" for c in noun.children):
        return 0
    own = _explicit_count(noun)
    if own is not None:
        return own
    return _of_phrase_count(noun)


def _lives_count(lives: Token) -> int | None:
    """Counts with "lives": "12 people lost their lives", "claimed the lives of 12 people"."""
    if lives.head.lower_ in LOSE_WORDS:
        subjects = [c for c in lives.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subjects:
            return _group_count([subjects[0], *subjects[0].conjuncts], bare_plural=True)
        return _window_count(lives.head)
    return _of_phrase_count(lives)


def _of_phrase_count(head: Token) -> int | None:
    """The count of the people an "of" phrase names ("the deaths of 12 people")."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return _group_count([objects[0], *objects[0].conjuncts], bare_plural=True)
    return None


# --- counting a victim phrase -------------------------------------------------------------


def _group_count(nouns: list[Token], *, bare_plural: bool) -> int | None:
    """The sum over coordinated victim phrases ("3 soldiers and 2 civilians")."""
    counts = [_phrase_count(noun, bare_plural=bare_plural) for noun in nouns]
    found = [n for n in counts if n is not None]
    return sum(found) if found else None


def _phrase_count(noun: Token, *, bare_plural: bool) -> int | None:
    """How many people one noun phrase names, or None when it gives no figure."""
    word = noun.lower_
    if word in NOBODY_WORDS or any(c.lower_ == "no" and c.dep_ == "det" for c in noun.children):
        return 0
    explicit = _explicit_count(noun)
    if explicit is not None:
        return explicit
    if word in SINGLE_PRONOUNS:
        return 1
    if noun.pos_ == "PRON" or word in RELATIVE_PRONOUNS or word == "they":
        return None
    if _is_plural(noun):
        return BARE_PLURAL if bare_plural else None
    if word not in NOT_ONE_PERSON and noun.pos_ in {"NOUN", "PROPN"}:
        return 1
    return None


def _is_plural(noun: Token) -> bool:
    if noun.tag_ in {"NNS", "NNPS"}:
        return True
    return noun.is_upper and noun.lower_.endswith("s") and noun.tag_ not in {"NN"}


def _explicit_count(noun: Token) -> int | None:
    """A figure written in the phrase: digits, number words, or a vague amount."""
    tokens = [noun] if _is_number(noun) or noun.lower_ in VAGUE_COUNTS else []
    for child in noun.lefts:
        if child.dep_ not in {"prep", "relcl", "acl", "appos", "punct", "cc", "conj"}:
            tokens.extend(child.subtree)
    tokens.sort(key=lambda t: t.i)
    return _figure(tokens)


def _figure(tokens: list[Token]) -> int | None:
    """The lowest number among `tokens` ("10 to 15" is 10), else the vague amount."""
    numbers = [n for n in _number_runs(tokens) if n is not None]
    if numbers:
        return min(numbers)
    vague = [VAGUE_COUNTS[t.lower_] for t in tokens if _is_vague(t)]
    return max(vague) if vague else None


def _is_vague(token: Token) -> bool:
    if token.lower_ not in VAGUE_COUNTS:
        return False
    if token.lower_ == "number":  # "a number of"
        nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
        return nxt is not None and nxt.lower_ == "of"
    prev = token.nbor(-1) if token.i > 0 else None
    return prev is None or prev.lower_ not in VAGUE_BLOCKERS


# --- numbers ------------------------------------------------------------------------------


def _is_number(token: Token) -> bool:
    word = token.lower_
    if word in NUMBER_WORDS or word in MULTIPLIERS:
        return _is_head_count(token)
    return _digits(word) is not None and _is_head_count(token)


def _digits(word: str) -> float | None:
    try:
        return float(word.replace(",", ""))
    except ValueError:
        return None


def _is_head_count(token: Token) -> bool:
    """False for years, ages, times and measures."""
    doc = token.doc
    nxt = doc[token.i + 1 : token.i + 3]
    if any(t.lower_ in NOT_A_COUNT_AFTER for t in nxt if t.lower_ != "-"):
        return False
    value = _digits(token.lower_)
    if value is not None and _in_date(token, value):
        return False  # "22 MAR 90", "March 3"
    if value is not None and 1900 <= value <= 2100 and len(token.text) == 4:
        prev = doc[token.i - 1] if token.i > 0 else None
        if token.ent_type_ == "DATE" or (prev is not None and prev.lower_ in TIME_PREPOSITIONS):
            return False
    return ":" not in token.text


def _in_date(token: Token, value: float) -> bool:
    """A day before its month ("22 MAR"), a day or a year after it ("March 3", "MAR 90")."""
    doc = token.doc
    before = doc[token.i - 1].lower_.rstrip(".") if token.i > 0 else ""
    after = doc[token.i + 1].lower_.rstrip(".") if token.i + 1 < len(doc) else ""
    return before in MONTHS or (value <= 31 and after in MONTHS)


def _number_runs(tokens: list[Token]) -> list[int | None]:
    """Values of the runs of adjacent number tokens ("between 10 and 15" gives 10 and 15)."""
    runs: list[list[Token]] = []
    for token in tokens:
        if token.text == "-":
            continue
        if not _is_number(token):
            runs.append([])
        elif runs and runs[-1] and _continues(runs[-1][-1], token):
            runs[-1].append(token)
        else:
            runs.append([token])
    return [_run_value(run) for run in runs if run]


def _continues(previous: Token, token: Token) -> bool:
    """Whether `token` extends the number ending at `previous` ("twenty-five", "two hundred")."""
    if token.i == previous.i + 1:
        return True
    hyphenated = token.i == previous.i + 2 and token.doc[previous.i + 1].text == "-"
    return hyphenated and previous.lower_ in NUMBER_WORDS and token.lower_ in NUMBER_WORDS


def _run_value(run: list[Token]) -> int | None:
    """The value of one number run: "twenty-five" 25, "three hundred" 300, "a dozen" 12."""
    total, current = 0.0, 0.0
    for token in run:
        word = token.lower_
        if word in NUMBER_WORDS:
            current += NUMBER_WORDS[word]
        elif word in MULTIPLIERS:
            scaled = max(current, 1) * MULTIPLIERS[word]
            if MULTIPLIERS[word] >= 1000:
                total, current = total + scaled, 0.0
            else:
                current = scaled
        else:
            value = _digits(word)
            if value is None:
                return None
            current += value
    return int(total + current)


def _window_count(anchor: Token) -> int | None:
    """Fallback: the nearest figure within a few tokens, not across a wound word or clause."""
    doc = anchor.doc
    after = doc[anchor.i + 1 : min(len(doc), anchor.i + 1 + WINDOW)]
    before = list(reversed(doc[max(0, anchor.i - WINDOW) : anchor.i]))
    passive = anchor.lower_ in DIE_WORDS or anchor.lower_ == "dead" or _is_passive(anchor)
    for side in (before, after) if passive else (after, before):
        for token in side:
            if token.lower_ in WOUND_WORDS or token.text in {";", ".", ":"}:
                break
            if token.lower_ in NEGATIONS:
                return 0
            if _is_number(token) or _is_vague(token):
                return _explicit_count(token)
    return None
