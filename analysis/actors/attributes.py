"""Attributes of people: each person's nation, affiliation, role and gender chosen from the evidence.

The strongest evidence wins; a possessive chain ("Macron's adviser") inherits
the other person's nation; the sentence-level constructions and pronoun votes
run here, after every mention has its own evidence.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .constructions import conj_rule, respectively_rule, under_rule
from .drafts import RANK_APPOS, Cluster
from .gender import gender_of, pronoun_genders

if TYPE_CHECKING:  # pragma: no cover
    from ..parsed import ParsedArticle


def attach_person_attributes(parsed: "ParsedArticle", persons: list[Cluster]) -> None:
    """Set each person's nation, affiliation, role, evidence and gender from their mentions' evidence."""
    # Offsets of every kept person mention, to follow chains ("Macron's adviser").
    at_offset: dict[tuple[int, int], Cluster] = {}
    for c in persons:
        for r in c.mentions:
            if not r.dropped:
                at_offset[(r.bd.block.index, r.span.start)] = c
    respectively_rule(parsed, persons)
    under_rule(parsed, persons)
    for c in persons:
        _choose_evidence(c, at_offset)
    conj_rule(persons, at_offset)
    pronoun_genders(parsed, persons)
    for c in persons:
        c.gender = gender_of(c)


def _choose_evidence(c: Cluster, at_offset: dict[tuple[int, int], Cluster], rank_limit: int = 99,
                     seen: frozenset[int] = frozenset()) -> None:
    """The strongest nation, affiliation and role evidence of a person, following possessive chains.

    A chain ("Macron's adviser") takes the other person's nation when their own
    evidence is an apposition or stronger; ``seen`` stops chains that loop.
    """
    evs = sorted((e for r in c.mentions if not r.dropped for e in r.evidence), key=lambda e: (e.rank, e.start))
    nation_ev = None
    for e in evs:
        if e.nation and e.rank <= rank_limit:
            nation_ev = e
            break
        if e.chain is not None and e.rank <= rank_limit and id(c) not in seen:
            other = at_offset.get(e.chain)
            if other is not None and other is not c:
                _choose_evidence(other, at_offset, RANK_APPOS, seen | {id(c)})
                if other.nation:
                    e.nation = other.nation
                    e.nation_kind = "chain"
                    nation_ev = e
                    break
    aff_ev = next((e for e in evs if e.affiliation), None)
    role_ev = next((e for e in evs if e.role), None)
    c.nation = nation_ev.nation if nation_ev else None
    c.affiliation = aff_ev.affiliation if aff_ev else None
    c.role = role_ev.role if role_ev else None
    c.evidence = nation_ev or aff_ev or role_ev
