"""The ``article-analysis/1`` JSON of ../shared/CONTRACT.md, built from records.

Fields may be added, never renamed or dropped.
"""
from __future__ import annotations

from typing import Any

from .records import ArticleAnalysis

SCHEMA = "article-analysis/1"

# Entity types that are actors in the contract's sense (dates, numbers are not).
ACTOR_TYPES = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}


def _round(x: float | None) -> float | None:
    return None if x is None else round(float(x), 4)


def to_contract(result: ArticleAnalysis) -> dict[str, Any]:
    """The contract's JSON object for one analysed article."""
    art = result.article
    names = {a.id: a.name for a in result.actors}
    actors = []
    for a in result.actors:
        if a.type not in ACTOR_TYPES:
            continue
        actors.append({
            "id": a.id,
            "name": a.name,
            "aliases": [x for x in a.aliases if x != a.name],
            "type": a.type,
            "nation": a.nation,
            "nation_basis": a.nation_basis,
            "nation_reason": a.nation_reason,
            "nation_conflicts": list(a.nation_conflicts),
            "affiliation": a.affiliation,
            "role": a.role,
            "evidence": a.evidence,
            "evidence_start": a.evidence_start,
            "evidence_end": a.evidence_end,
            "mentions": a.mentions,
            "first_start": a.first_start,
            "first_end": a.first_end,
            "ambiguous": a.ambiguous,
            "portrayal": _round(a.portrayal),
            "portrayal_label": a.portrayal_label,
            "portrayal_counts": dict(a.portrayal_counts),
            "tone": _round(a.tone),
        })
    quotes = []
    for q in result.quotes:
        quotes.append({
            "speaker": q.speaker_name,
            "speaker_id": q.speaker_id,
            "speaker_kind": q.speaker_kind,
            "speaker_nation": q.speaker_nation,
            "speaks_for": q.speaks_for,
            "kind": q.kind,
            "cue": q.cue,
            "text": art.text[q.start:q.end],
            "start": q.start,
            "end": q.end,
            "sentence_index": q.sentence_index,
            "paragraph_index": q.block_index,
            "tone": _round(q.tone),
            "subjectivity": _round(q.subjectivity),
            "targets": [{"actor": t.actor, "actor_id": t.actor_id, "polarity": _round(t.polarity),
                         "label": t.label} for t in q.targets],
        })
    events = []
    for e in result.events:
        if not e.value:
            continue  # unresolved expressions and durations are shown in the app, not emitted here
        events.append({
            "date": e.value,
            "precision": e.precision,
            "kind": e.kind,
            "end_date": e.end_value,
            "expression": e.expression,
            "start": e.start,
            "end": e.end,
            "sentence": e.sentence,
            "actors": [names[i] for i in e.actor_ids if i in names],
            "speaker": names.get(e.speaker_id) if e.speaker_id else None,
        })
    return {
        "schema": SCHEMA,
        "id": art.id,
        "text": art.text,
        "title": art.title,
        "standfirst": art.standfirst,
        "published": art.published,
        "published_source": art.published_source,
        "source": art.source,
        "blocks": [{"kind": b.kind, "start": b.start, "end": b.end} for b in art.blocks],
        "actors": actors,
        "quotes": quotes,
        "events": events,
        # steps that failed on this article (an added field: the contract allows new ones)
        "problems": [{"step": pr.step, "message": pr.message} for pr in result.problems],
    }
