"""Working records of one article's resolution: raw mentions, evidence and clusters before they become actors.

They are mutable and internal to the actors package; ``output.to_records`` turns
them into the ``Actor`` and ``Mention`` records the rest of the analysis sees.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span

    from ..parsed import BlockDoc

# Evidence ranks: lower is stronger.
RANK_PREMOD = 1
RANK_APPOS = 2
RANK_RESPECTIVELY = 3
RANK_UNDER = 4
RANK_CONJ = 6
RANK_PLACE = 7
RANK_HEADING = 10


@dataclass
class Evidence:
    """What a stretch of text says of a person, with its article offsets and rank."""

    rank: int
    start: int
    end: int
    text: str
    nation: str | None = None
    affiliation: str | None = None
    role: str | None = None
    chain: tuple[int, int] | None = None  # article offsets of a person whose nation is inherited
    gender: str | None = None
    gender_kind: str | None = None  # "honorific" | "title"
    nation_kind: str | None = None  # "country" | "place" | "chain" | ...


@dataclass
class RawMention:
    """One entity mention before merging."""

    bd: "BlockDoc"
    span: "Span"
    start: int
    end: int
    text: str
    label: str
    heading: bool
    sentence_index: int
    kind: str = "other"   # person | country | place | body | org | other
    code: str | None = None
    key: str = ""          # actor key before ids are final
    words: tuple[str, ...] = ()
    dropped: bool = False
    ner_label: str = ""    # the label after entity_fix, before article-wide corrections
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Cluster:
    """Mentions that name one actor, and what is known of it so far."""

    key: str
    kind: str
    label: str
    mentions: list[RawMention] = field(default_factory=list)
    name: str = ""
    nation: str | None = None
    affiliation: str | None = None
    ambiguous: bool = False
    words: tuple[str, ...] = ()  # folded canonical name words (persons)
    role: str | None = None
    evidence: Evidence | None = None
    gender: str | None = None
    pronoun_gender: str | None = None
    candidates: list["Cluster"] = field(default_factory=list)  # the people an ambiguous surname may be
