"""Output: clusters turned into the step's ``Actor`` and ``Mention`` records.

Also the bare-entity actors the pipeline uses when resolution fails.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..lexicon.names import slug as slugify
from ..records import Actor, Mention
from .drafts import Cluster, RawMention
from .mentions import ACTOR_LABELS
from .names import clean_name, strip_the

if TYPE_CHECKING:  # pragma: no cover
    from ..parsed import ParsedArticle


def to_records(parsed: "ParsedArticle", clusters: list[Cluster]) -> tuple[list[Actor], list[Mention]]:
    """The actors in first-mention order and their mentions in text order (one per span), kept mentions only."""
    actors: dict[str, Actor] = {}
    mentions: list[Mention] = []
    for c in clusters:
        kept = [r for r in c.mentions if not r.dropped]
        if not kept:
            continue
        a = actors.get(c.key)
        if a is None:
            a = Actor(id=c.key, name=c.name or strip_the(kept[0].text), type=c.label)
            actors[c.key] = a
        if c.kind == "person":
            a.nation = c.nation
            a.affiliation = c.affiliation
            a.role = c.role
            ev = c.evidence
            if ev is not None:
                a.evidence, a.evidence_start, a.evidence_end = ev.text, ev.start, ev.end
            a.gender = c.gender
            a.ambiguous = c.ambiguous
        else:
            a.nation = a.nation or c.nation
            a.affiliation = a.affiliation or c.affiliation
            if a.nation and a.evidence is None and c.kind in ("country", "place"):
                first = min(kept, key=lambda r: r.start)
                a.evidence, a.evidence_start, a.evidence_end = first.text, first.start, first.end
        for r in kept:
            mentions.append(Mention(start=r.start, end=r.end, text=r.text, label=r.label if r.label in ACTOR_LABELS
                                    else c.label, actor_id=a.id, sentence_index=r.sentence_index,
                                    block_index=r.bd.block.index))
            for alias in _aliases_of(r, c):
                if alias != a.name and alias not in a.aliases:
                    a.aliases.append(alias)
    for a in actors.values():
        if a.nation:
            a.nation_basis = "stated"  # this article's own words (a state's name, a title, a demonym ...)
    mentions.sort(key=lambda m: (m.start, m.end))
    seen: set[tuple[int, int]] = set()
    unique: list[Mention] = []
    for m in mentions:
        if (m.start, m.end) in seen:
            continue
        seen.add((m.start, m.end))
        unique.append(m)
    for m in unique:
        a = actors[m.actor_id]
        a.mentions += 1
        if a.first_start is None or m.start < a.first_start:
            a.first_start, a.first_end = m.start, m.end
    ordered = sorted(actors.values(), key=lambda a: (a.first_start if a.first_start is not None else 1 << 30))
    return ordered, unique


def _aliases_of(r: RawMention, c: Cluster) -> list[str]:
    raw = re.sub(r"\s+", " ", r.text.strip())
    out = [raw]
    if c.kind == "person":
        clean = clean_name(raw)
        if clean and clean != raw:
            out.append(clean)
    else:
        bare = strip_the(raw)
        if bare and bare != raw:
            out.append(bare)
    return out


def bare_entity_actors(parsed: "ParsedArticle") -> tuple[list[Actor], list[Mention]]:
    """Every actor-labelled spaCy entity as its own actor, with no merging, nation or role.

    What the pipeline shows when ``resolve_actors`` fails on an article (the
    failure itself is recorded as a Problem beside it).
    """
    actors: dict[str, Actor] = {}
    mentions: list[Mention] = []
    for bd in parsed.block_docs:
        for e in bd.doc.ents:
            if e.label_ not in ACTOR_LABELS:
                continue
            aid = f"{e.label_}:{slugify(e.text)}"
            a = actors.setdefault(aid, Actor(id=aid, name=e.text, type=e.label_))
            s, t = bd.offsets(e)
            a.mentions += 1
            if a.first_start is None:
                a.first_start, a.first_end = s, t
            mentions.append(Mention(s, t, e.text, e.label_, aid, bd.sentence_index(e), bd.block.index))
    return list(actors.values()), mentions
