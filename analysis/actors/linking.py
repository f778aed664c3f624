"""Linking across articles: whether a new article's actor is one the corpus already knows, and the index keys."""
from __future__ import annotations

from ..lexicon import gazetteer as gz
from ..records import Actor
from .names import fold_words, initials, is_acronym, is_full_name, name_words, same_full_name, strip_the


def link_across(known: list[tuple[str, str, str]], actor: Actor) -> str | None:
    """The id of a known corpus actor that ``actor`` (from a new article) should merge into.

    ``known`` lists corpus actors as (id, name, type). The rules are the
    article's own: a person matches a known person with the same full name
    (accents folded, middle names allowed), or by surname when exactly one known
    person carries it (either side may be the surname-only form); an
    organisation matches by name or by acronym and initials. Returns ``None``
    when nothing matches, when the match is ambiguous (two known people share
    the surname), or when the actor's own id is already known (nothing to merge).
    """
    if actor.id in {k[0] for k in known}:
        return None
    if actor.type == "PERSON":
        return _link_person(known, actor)
    if actor.type == "GPE" and actor.nation and len(actor.id) == 6:
        return None  # states already share their ISO id
    return _link_by_name(known, actor)


def link_keys(name: str, type_: str) -> set[str]:
    """Index keys such that any two actors ``link_across`` could merge share at least one.

    The store keeps these keys for every corpus actor, so a new actor is compared
    with a few candidates instead of the whole corpus.
    """
    if type_ == "PERSON":
        words = fold_words(name_words(name))
        return {f"P:{words[-1]}"} if words else set()
    base = strip_the(name)
    keys = {f"N:{type_}:{gz.fold(base)}"}
    if type_ == "ORG":
        keys.add(f"I:{initials(base)}")
        if is_acronym(base):
            keys.add(f"I:{base.replace('.', '')}")
    return keys


def _link_person(known: list[tuple[str, str, str]], actor: Actor) -> str | None:
    """A known person with the same full name, or the one known person a surname can be."""
    mine = fold_words(name_words(actor.name))
    if not mine:
        return None
    candidates: set[str] = set()
    for kid, kname, ktype in known:
        if ktype != "PERSON":
            continue
        theirs = fold_words(name_words(kname))
        if theirs and _may_be_one_person(mine, theirs):
            candidates.add(kid)
    if len(candidates) == 1:
        return candidates.pop()
    full = [kid for kid, kname, ktype in known
            if kid in candidates and is_full_name(fold_words(name_words(kname)))]
    if len(full) == 1 and not is_full_name(mine):
        return full[0]  # the known "Erdogan" and "Recep Tayyip Erdoğan" are one person: take the full name
    if len(candidates) > 1 and not is_full_name(mine):
        return None  # a surname shared by two known people stays apart
    # Several full names that all match: prefer the exact one.
    exact = [kid for kid, kname, ktype in known if ktype == "PERSON" and fold_words(name_words(kname)) == mine]
    return exact[0] if len(exact) == 1 else None


def _may_be_one_person(mine: tuple[str, ...], theirs: tuple[str, ...]) -> bool:
    """Two folded names that can be one person: the same full name, or a full name and its surname."""
    if is_full_name(mine) and is_full_name(theirs):
        return same_full_name(mine, theirs)
    if is_full_name(theirs):
        return len(theirs) > len(mine) and theirs[-len(mine):] == mine
    if is_full_name(mine):
        return len(mine) > len(theirs) and mine[-len(theirs):] == theirs
    return mine == theirs


def _link_by_name(known: list[tuple[str, str, str]], actor: Actor) -> str | None:
    """A known actor of the same type with the same folded name, or (organisations) whose initials it is."""
    mine = strip_the(actor.name)
    folded = gz.fold(mine)
    for kid, kname, ktype in known:
        if ktype != actor.type:
            continue
        theirs = strip_the(kname)
        if gz.fold(theirs) == folded:
            return kid
        if actor.type == "ORG":
            if is_acronym(mine) and initials(theirs) == mine.replace(".", ""):
                return kid
            if is_acronym(theirs) and initials(mine) == theirs.replace(".", ""):
                return kid
    return None
