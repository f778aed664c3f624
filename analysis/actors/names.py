"""Names as the actor rules compare them: words, folded words, bare forms, initials and acronyms."""
from __future__ import annotations

import functools
import re
from typing import Iterable

from ..lexicon import gazetteer as gz

#: Possessive endings spaCy splits off a name ("Macron's", "Paris'").
POSSESSIVE = {"'s", "\u2019s", "'", "\u2019"}


def name_words(text: str) -> list[str]:
    """Words of a person's name, brackets and edge punctuation removed ("[Bashir al] Assad")."""
    t = re.sub(r"[\[\]{}()\"\u201c\u201d]", " ", text or "")
    t = t.translate(str.maketrans({"\u2019": "'"}))
    t = re.sub(r"'s$|(?<=s)'$", "", t.strip())
    return [w.strip(",;:") for w in t.split() if w.strip(",;:")]


def clean_name(text: str) -> str:
    """A name's words joined by single spaces ("Macron's" -> "Macron")."""
    return " ".join(name_words(text))


@functools.lru_cache(maxsize=1 << 18)
def strip_the(text: str) -> str:
    """The name without edge quotes, a leading "the" or a possessive ("the EU's" -> "EU")."""
    t = (text or "").strip().strip("\"'\u201c\u201d\u2018\u2019")
    t = re.sub(r"(?i)^the\s+", "", t)
    t = re.sub(r"['\u2019]s$", "", t)
    return t.strip()


def fold_words(words: Iterable[str]) -> tuple[str, ...]:
    """Words folded for matching: lower-case, accent- and apostrophe-free."""
    return tuple(gz.fold(w).replace("'", "") for w in words)


def is_particle(word: str) -> bool:
    """A name particle ("al", "de", "van", "Le") from the word tables."""
    return gz.fold(word) in gz.words().name_particles


def initials(text: str) -> str:
    """Initials of the significant words: "World Health Organization" -> "WHO"."""
    small = {"of", "the", "and", "for", "in", "on", "de", "du", "la", "le", "a", "an", "&"}
    return "".join(w[0].upper() for w in re.split(r"[\s\-]+", strip_the(text)) if w and w.lower() not in small
                   and w[0].isalpha())


def is_acronym(text: str) -> bool:
    """Two to six capital letters, dots allowed ("NATO", "U.N.")."""
    s = text.replace(".", "")
    return 2 <= len(s) <= 6 and s.isalpha() and s.isupper()


def is_full_name(words: tuple[str, ...]) -> bool:
    """Two or more words with a non-particle before the last: "Jean-Yves Le Drian", not "Le Drian"."""
    return len(words) >= 2 and any(not is_particle(w) for w in words[:-1])


def same_full_name(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two full names of one person: equal, a suffix with two words or more, or same first and last."""
    if a == b:
        return True
    long_, short_ = (a, b) if len(a) >= len(b) else (b, a)
    if len(short_) >= 2 and long_[-len(short_):] == short_:
        return True
    return len(short_) >= 2 and long_[0] == short_[0] and long_[-1] == short_[-1]
