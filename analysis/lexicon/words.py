"""The generic word tables (roles, reporting verbs, source nouns), each loaded once.

No names of people or places live here: only words of the language.
"""
from __future__ import annotations

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
        self.reporting_verbs = frozenset(fold(w) for w in raw.get("reporting_verbs", []))
        self.non_person_heads = frozenset(fold(w) for w in raw.get("non_person_heads", []))
        self.place_heads = frozenset(fold(w) for w in raw.get("place_heads", []))
        self.event_heads = frozenset(fold(w) for w in raw.get("event_heads", []))
        self.speech_verbs = frozenset(fold(w) for w in raw.get("speech_verbs", []))
        self.kinship_heads = frozenset(fold(w) for w in raw.get("kinship_heads", []))

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
