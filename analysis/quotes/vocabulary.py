"""The words the quote step reads: reporting-lexicon tables, closed word classes and token tests.

The tables come from ``analysis.lexicon.words.reporting`` (``reporting_lexicon.json``
and the role heads of ``roles.json``); the closed classes below are grammar
(pronouns, quantifiers, titles), not data to tune.
"""
from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from ..lexicon.words import reporting

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

PERSONAL = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}
REPORTER = {"i", "we", "me", "us", "you", "one"}
NO_SOURCE = {"it", "this", "that", "there", "these", "those", "what", "which", "nothing", "something",
             "everything", "anything", "all", "each", "both", "such", "itself"}
PLURAL_PRON = {"they", "them"}
REL_PRON = {"who", "which", "that", "whom"}
QUANTIFIERS = {"one", "two", "three", "some", "many", "most", "several", "both", "all", "each", "none",
               "few", "either", "neither", "any"}
SOURCE_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
NOT_NAMES = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "CARDINAL", "EVENT", "LAW", "LANGUAGE"}
# Titles that precede a name but are not heads of a role phrase in roles.json.
TITLE_WORDS = {"constable", "detective", "sergeant", "spokesperson", "spokesman", "spokeswoman", "dr", "dr.",
               "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "prof", "prof.", "sir", "dame", "rev", "rev.", "father",
               "sister", "brother", "rabbi", "imam", "cardinal", "bishop", "pastor"}
NAME_PARTICLES = {"de", "da", "del", "della", "di", "van", "von", "der", "den", "al", "el", "bin", "ibn", "la", "le",
                  "du", "dos", "das", "y"}


def lex(key: str) -> frozenset[str]:
    """A word list of the reporting lexicon (empty when it has none by that name)."""
    value = reporting().get(key)
    return value if isinstance(value, frozenset) else frozenset()


# The verb lists of the reporting lexicon that the quote passes test against by name.
XCOMP_HEADS = lex("xcomp_heads")
NOT_FRONTED = lex("not_fronted_verbs")
ADDRESSEE_VERBS = lex("addressee_verbs")


def lexd(key: str) -> dict:
    """A mapping of the reporting lexicon (empty when it has none by that name)."""
    value = reporting().get(key)
    return value if isinstance(value, dict) else {}


@functools.lru_cache(maxsize=1)
def title_heads() -> frozenset[str]:
    """Words that stand before a name as its title ("Minister", "Detective", "Mrs")."""
    return lex("role_heads") | TITLE_WORDS


@functools.lru_cache(maxsize=1)
def gender_and_title_words() -> frozenset[str]:
    """Words next to a name that show a title or a gender ("Mrs", "mother", "minister")."""
    return lex("female_words") | lex("male_words") | lex("role_heads") | TITLE_WORDS


@functools.lru_cache(maxsize=1)
def cue_lemmas() -> frozenset[str]:
    """Lemmas of every verb that can introduce speech."""
    return (lex("speech_verbs") | lex("cue_only_verbs") | lex("directive_verbs") | lex("promise_verbs")
            | lex("characterise_verbs") | frozenset(lexd("accusation_verbs"))
            | lex("content_object_verbs") | lex("thought_verbs"))


def is_speech_stem(stem: str) -> bool:
    """Is "<stem>ing" a form of a reporting verb ("add", "not(e)", "argu(e)", "admitt")?"""
    speech = lex("speech_verbs") | lex("cue_only_verbs")
    forms = {stem, stem + "e"}
    if len(stem) > 2 and stem[-1] == stem[-2]:
        forms.add(stem[:-1])
    return bool(forms & speech)


def is_verb(t: "Token") -> bool:
    return t.pos_ in ("VERB", "AUX") or t.tag_.startswith("VB")


def lemma(t: "Token") -> str:
    """The token's lower-case lemma, one spelling for British and American forms the lexicon lists once."""
    low = t.lemma_.lower()
    if low == "criticise":
        return "criticize"
    if low + "e" in cue_lemmas() and low not in cue_lemmas() and t.lower_.startswith(low + "e"):
        return low + "e"  # "hopes" lemmatised as "hop": the reporting verb whose forms these are
    return low


def is_cue(t: "Token") -> bool:
    """Is this token a reporting verb ("said", "urged", "pointed out")?"""
    if not is_verb(t):
        return False
    lem = lemma(t)
    particle = lexd("speech_particles").get(lem)
    if particle:  # "pointed out", "hit back": the verb speaks only with its particle
        return any(c.dep_ == "prt" and c.lower_ == particle for c in t.children) or lem in cue_lemmas()
    return lem in cue_lemmas()
