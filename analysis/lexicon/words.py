"""The generic word tables (roles, reporting verbs, source nouns), each loaded once.

No names of people or places live here: only words of the language. ``words()``
holds the tables of ``data/roles.json`` folded for the actor step;
``reporting()`` the reporting-verb and source-noun tables of
``data/reporting_lexicon.json`` as the quote step reads them.
"""
from __future__ import annotations

import functools
import json
import pathlib
import threading

from .names import fold

DATA_DIR = pathlib.Path(__file__).resolve().parent / "data"
_LOCK = threading.Lock()


class Words:
    """The generic word tables of ``data/roles.json``, as folded sets (no names of people or places)."""

    def __init__(self) -> None:
        raw = json.loads((DATA_DIR / "roles.json").read_text(encoding="utf-8"))
        self.role_heads = frozenset(fold(w) for w in raw.get("role_heads", []))
        self.head_of_state_roles = frozenset(fold(w) for w in raw.get("head_of_state_roles", []))
        self.role_modifiers = frozenset(fold(w) for w in raw.get("role_modifiers", []))
        self.honorifics: dict[str, str | None] = {fold(k): v for k, v in raw.get("honorifics", {}).items()}
        self.gendered_titles: dict[str, str] = {fold(k): v for k, v in raw.get("gendered_titles", {}).items()}
        self.org_heads = frozenset(fold(w) for w in raw.get("org_heads", []))
        self.facility_heads = frozenset(fold(w) for w in raw.get("facility_heads", []))
        self.name_particles = frozenset(fold(w) for w in raw.get("name_particles", []))
        self.camel_prefixes = tuple(fold(w) for w in raw.get("camel_name_prefixes", []))
        self.locative_preps = frozenset(fold(w) for w in raw.get("locative_preps", []))
        self.motion_words = frozenset(fold(w) for w in raw.get("motion_words", []))
        self.non_person_heads = frozenset(fold(w) for w in raw.get("non_person_heads", []))
        self.place_heads = frozenset(fold(w) for w in raw.get("place_heads", []))
        self.event_heads = frozenset(fold(w) for w in raw.get("event_heads", []))
        self.kinship_heads = frozenset(fold(w) for w in raw.get("kinship_heads", []))
        self.public_offices = frozenset(fold(w) for w in raw.get("public_offices", []))
        self.foreign_offices = frozenset(fold(w) for w in raw.get("foreign_offices", []))
        self.national_bodies = frozenset(fold(w) for w in raw.get("national_bodies", []))
        self.company_forms = frozenset(fold(w) for w in raw.get("company_forms", []))
        self.title_only_offices = frozenset(fold(w) for w in raw.get("title_only_offices", []))
        self.supranational_words = frozenset(fold(w) for w in raw.get("supranational_words", []))

    def is_role_word(self, word: str) -> bool:
        """A title or occupation word: "President", "spokesperson", "adviser"."""
        w = fold(word)
        return w in self.role_heads or w in self.honorifics

    def is_role_modifier(self, word: str) -> bool:
        """A word that may stand inside a title: "Foreign", "deputy", "former"."""
        return fold(word) in self.role_modifiers


_WORDS: "Words | None" = None


def words() -> Words:
    """The process-wide word tables (loaded once)."""
    global _WORDS
    if _WORDS is None:
        with _LOCK:
            if _WORDS is None:
                _WORDS = Words()
    return _WORDS


# Role heads that name a source even where roles.json leaves them out.
_SOURCE_ROLE_HEADS = frozenset({
    "president", "minister", "secretary", "chancellor", "spokesman", "spokeswoman", "spokesperson",
    "envoy", "ambassador", "adviser", "advisor", "official", "senator", "governor", "mayor", "chief",
    "director", "leader", "premier", "king", "queen", "commissioner", "chairman", "chairwoman"})


@functools.lru_cache(maxsize=1)
def reporting() -> dict[str, frozenset[str] | dict]:
    """The reporting-verb and source-noun tables, loaded once (lower-case lemmas).

    Lists become frozensets, mappings keep their values with lower-case keys;
    keys starting with "_" are comments. ``role_heads`` adds the one-word role
    heads of ``roles.json`` ("minister", "envoy", ...), which also name sources.
    A missing or broken data file raises: the package is installed wrongly.
    """
    raw = json.loads((DATA_DIR / "reporting_lexicon.json").read_text(encoding="utf-8"))
    lex: dict[str, frozenset[str] | dict] = {}
    for key, value in raw.items():
        if key.startswith("_"):
            continue
        if isinstance(value, list):
            lex[key] = frozenset(v.lower() for v in value)
        elif isinstance(value, dict):
            lex[key] = {k.lower(): v for k, v in value.items()}
    roles = json.loads((DATA_DIR / "roles.json").read_text(encoding="utf-8"))
    heads = frozenset(str(r).lower() for r in roles.get("role_heads", []) if " " not in str(r))
    lex["role_heads"] = heads | _SOURCE_ROLE_HEADS
    return lex


@functools.lru_cache(maxsize=1)
def speech_verbs() -> frozenset[str]:
    """Every verb that reports speech, as a lemma: the reporting lexicon's cue verbs (one table)."""
    lex = reporting()
    return lex["speech_verbs"] | lex["cue_only_verbs"]


@functools.lru_cache(maxsize=1)
def thought_verbs() -> frozenset[str]:
    """Verbs that report thought ("believe", "expect"): their clause is the subject's, like speech."""
    return reporting()["thought_verbs"]

