"""Antecedents: the earlier person a "he"/"she" or a "the minister" refers to.

Candidates are the PERSON mentions (or persons behind a title) outside quote
marks in the sentences before, nearest sentence first. A pronoun takes the one
whose gender fits, preferring titles that show the gender and subjects of main
clauses; a nominal takes the one whose title words hold its head noun.
"""
from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from ..records import Actor, Mention
from .index import ArticleIndex, tok_end, tok_start
from .sources import Speaker, named, person_in_title
from .vocabulary import PERSONAL

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from ..parsed import BlockDoc


def subject_rank(index: ArticleIndex, m: Mention) -> int:
    """0 for the subject of a sentence's main verb, 1 for another subject, 2 otherwise."""
    span = index.mention_tokens.get(id(m))
    if span is None:
        return 2
    root = span.root
    for _ in range(3):
        if root.dep_ in ("nsubj", "nsubjpass"):
            return 0 if root.head.dep_ == "ROOT" else 1
        if root.dep_ in ("appos", "compound", "conj"):
            root = root.head
            continue
        break
    return 2


def candidates_before(index: ArticleIndex, pos: int, window: int = 8) -> list[list[Mention]]:
    """Earlier PERSON mentions outside quote marks, grouped by sentence, nearest sentence first."""
    here = index.sentence_index(pos)
    groups: dict[int, list[Mention]] = {}
    i = bisect.bisect_left(index.mention_starts, pos) - 1
    while i >= 0:
        m = index.mentions[i]
        i -= 1
        if m.end > pos or index.in_quote(m.start):
            continue
        if not (m.label == "PERSON" and m.actor_id) and person_in_title(index, m) is None:
            continue
        if here - m.sentence_index > window:
            break
        if m.sentence_index == here and subject_rank(index, m) == 2:
            continue  # "In an interview with X, she said": X is no antecedent
        groups.setdefault(m.sentence_index, []).append(m)
    return [sorted(groups[k], key=lambda m: m.start) for k in sorted(groups, reverse=True)]


def _pronoun_subject(index: ArticleIndex, sentence_index: int, pronoun: str) -> bool:
    """Does that sentence's main verb have the same personal pronoun as subject?"""
    want = PERSONAL.get(pronoun)
    for bd, sent, idx in index.parsed.iter_sents():
        if idx != sentence_index:
            continue
        for t in sent:
            if t.dep_ in ("nsubj", "nsubjpass") and PERSONAL.get(t.lower_) == want and t.pos_ == "PRON":
                return True
        return False
    return False


def pronoun(index: ArticleIndex, bd: "BlockDoc", s: "Token") -> Speaker | None:
    """The person a personal pronoun ``s`` ("he", "she") refers to, as a pronoun speaker."""
    want = PERSONAL.get(s.lower_)
    start, end = tok_start(bd, s), tok_end(bd, s)
    for group in candidates_before(index, start):
        pool = [m for m in group if index.gender_of(m.actor_id) in (want, None)]
        if not pool:
            continue
        # Titles that show the gender ("Mrs", "mother") first, then the main clause's subject, any
        # subject, a gender the actor step inferred, the leftmost.
        m = min(pool, key=lambda x: (index.title_gender(x.actor_id) != want, subject_rank(index, x),
                                     index.gender_of(x.actor_id) != want, x.start))
        if subject_rank(index, m) == 2 and _pronoun_subject(index, m.sentence_index, s.lower_):
            # "She testified she was attacked by A and B. She told the court ...": the
            # sentence is about the same "she", so look further back for her.
            continue
        found = named(index, m) if m.label == "PERSON" else person_in_title(index, m)
        if found is None:
            continue
        return Speaker("pronoun", found.actor_id, found.name, found.nation, start, end)
    return None


def nominal(index: ArticleIndex, pos: int, lemma: str, modifiers: set[str], nation: str | None) -> Actor | None:
    """The nearest earlier person whose title holds ``lemma`` ("the minister")."""
    best: tuple[int, int, Actor] | None = None
    for rank, group in enumerate(candidates_before(index, pos, window=30)):
        for m in group:
            words = index.title_words.get(m.actor_id or "", set())
            if lemma not in words:
                continue
            actor = index.actor_of(m)
            if actor is None:
                continue
            if nation and actor.nation and actor.nation != nation:
                continue
            score = len(modifiers & words)
            if best is None or score > best[1]:
                best = (rank, score, actor)
        if best is not None:
            return best[2]
    return None


#: Nouns that, with "the", refer back to one organisation named before ("the firm", "the ministry").
#: ``ANY_BODY`` ones may take any organisation; the others one whose name holds the noun.
BODY_NOUNS = frozenset({"company", "firm", "group", "bank", "airline", "agency", "ministry", "department",
                        "party", "union", "council", "commission", "committee", "organisation", "organization",
                        "association", "club", "charity", "foundation", "institute", "university", "hospital",
                        "board", "regulator", "operator", "watchdog", "court", "coalition", "alliance",
                        "federation", "embassy"})
ANY_BODY = frozenset({"company", "firm", "group", "organisation", "organization", "operator"})


def organisation(index: ArticleIndex, pos: int, noun: str | None = None, window: int = 2,
                 subject_only: bool = False) -> Actor | None:
    """The organisation an "it" or a "the firm" at ``pos`` refers to: the nearest earlier one that fits.

    Candidates are organisation mentions outside quote marks in this sentence (before ``pos``) and
    the ``window`` sentences before, nearest first, subjects of their clause first. A noun other than
    "company"/"firm"/"group" must be in the organisation's name ("the ministry": the Ministry of Health).
    With ``subject_only`` (for "they"), only an organisation that was a subject counts, and none
    does when a person is named after it.
    """
    here = index.sentence_index(pos)
    best: tuple[int, int, int, Actor] | None = None
    i = bisect.bisect_left(index.mention_starts, pos) - 1
    while i >= 0:
        m = index.mentions[i]
        i -= 1
        if here - m.sentence_index > window:
            break
        if subject_only and m.label == "PERSON" and m.end <= pos and not index.in_quote(m.start):
            break  # "… the police. Smith and Jones said they …": people stand between
        if m.end > pos or m.label != "ORG" or not m.actor_id or index.in_quote(m.start):
            continue
        if subject_only and subject_rank(index, m) == 2:
            continue
        actor = index.actor_of(m)
        if actor is None or actor.type != "ORG":
            continue
        if noun is not None and noun not in ANY_BODY and noun not in actor.name.lower():
            continue
        key = (here - m.sentence_index, subject_rank(index, m), -m.start)
        if best is None or key < best[:3]:
            best = (*key, actor)
    return best[3] if best is not None else None
