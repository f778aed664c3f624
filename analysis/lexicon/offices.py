"""Offices and national bodies: which roles belong to the state a story is set in.

"Chancellor", "Senator" and "Police Chief" are offices of the story's state; an
ambassador or a Secretary General holds one for another state or for none; "the
Labour Party" and "Ministry of Defence" are national bodies by their head word.
The word lists are in ``data/roles.json`` (``Words``).
"""
from __future__ import annotations

from . import gazetteer as gz
from .names import fold


def is_foreign_office(role: str | None) -> bool:
    """An ambassador, envoy or Secretary General: an office held for another state, or for none."""
    if not role:
        return False
    tokens = fold(role).replace(".", "").split()
    pairs = {" ".join(tokens[i:i + 2]) for i in range(len(tokens) - 1)}
    return bool((set(tokens) | pairs) & gz.words().foreign_offices)


def is_public_office(role: str | None) -> bool:
    """A role that is an office of the state the story is set in ("Chancellor", "Senator", "Police Chief")."""
    if not role:
        return False
    words = gz.words()
    folded = fold(role).replace(".", "")
    tokens = folded.split()
    if is_foreign_office(role):
        return False  # an ambassador belongs to the state that sends them; a Secretary General to no state
    # "cautioned justice" is no judge: a word that is also a common noun counts only as a capitalised title
    raw = role.replace(".", "").split()
    kept = [t for t, r in zip(tokens, raw) if t not in words.title_only_offices or r[:1].isupper()]
    phrases = set(kept) | {" ".join(tokens[i:i + 2]) for i in range(len(tokens) - 1)}
    return bool(phrases & words.public_offices)


def is_national_body(name: str) -> bool:
    """An organisation named by a national-body head word ("the Labour Party", "Ministry of Defence")."""
    tokens = fold(name).replace(".", "").split()
    if set(tokens) & gz.words().supranational_words:
        return False  # "European Court of Justice" is no nation's court
    heads = gz.words().national_bodies
    if "of" in tokens[1:]:  # "Court of Session", "Ministry of Foreign Affairs": the head comes before "of"
        before = tokens[:tokens.index("of", 1)]
        if before and before[-1] in heads:
            return True
    return bool(tokens) and tokens[-1] in heads
