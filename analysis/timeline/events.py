"""Events: the time expressions of an article, resolved against its published date.

:func:`extract_events` finds the candidates (:mod:`analysis.timeline.candidates`:
the patterns, checked against spaCy's DATE/TIME entities, plus those
entities the patterns miss), with the tense of the clause each belongs to,
links relative expressions to the event they depend on and quotes to the
date they were said (:mod:`analysis.timeline.links`), then resolves
everything (:mod:`analysis.timeline.resolution`).

Everything resolution needs is stored in ``Event.features``, so
:func:`reresolve_events` can resolve again against another published date
without spaCy (the analyst edits the date in the UI).

Features of an event (all JSON-able):
``spec``/``end_spec`` the parsed expression (see :mod:`analysis.timeline.expressions`);
``base_kind`` date|since|until|range|before|after|duration|age|time|set|decade|century|vague;
``rule`` the pattern that matched; ``tense`` past|present|future and
``verb`` the word it was read from; ``ref_start`` the start offset of the
event a relative expression counts from; ``said_ref_start`` the start offset
of the event that dates the reporting clause (expressions inside quotes and
reported speech count from that day); ``said`` when it was said (that date,
else the published date) as opposed to ``value``, when it happened;
``role`` "said" when the expression dates a reporting verb ("said on
Tuesday"), else "happened"; ``in_quote``, ``attributive`` (a date modifying a
noun: "the November 27 agreement"), ``reason`` why an expression stayed unresolved, ``span`` the
first and last day of weeks and weekends (their value is the month or year
that holds them).
"""
from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from analysis.records import Actor, Event, Mention, Quote

from .candidates import Candidate, find_candidates
from .expressions import DATE_KINDS
from .links import REPORTING_VERBS, link
from .resolution import parse_iso, parse_value, resolve_range, resolve_spec

if TYPE_CHECKING:  # pragma: no cover
    from analysis.parsed import ParsedArticle


def _actor_ids_by_sentence(mentions: list[Mention]) -> dict[int | None, list[str]]:
    """Per sentence index, the actor ids of its mentions in order, each once (one pass over the
    mentions, not one per event)."""
    out: dict[int | None, dict[str, None]] = {}
    for m in mentions:
        if m.actor_id:
            out.setdefault(getattr(m, "sentence_index", None), {})[m.actor_id] = None
    return {k: list(v) for k, v in out.items()}


def _speaker_for(c: Candidate, quotes: list[Quote], sent_start: int, sent_end: int) -> str | None:
    if c.quote_idx is not None:
        return quotes[c.quote_idx].speaker_id
    length = max(1, sent_end - sent_start)
    for q in quotes:
        try:
            overlap = min(q.end, sent_end) - max(q.start, sent_start)
        except TypeError:
            continue
        if overlap > length / 2:
            return q.speaker_id
    return None


def extract_events(parsed: "ParsedArticle", actors: list[Actor], mentions: list[Mention], quotes: list[Quote],
                   published: str | None) -> list[Event]:
    """One Event per time expression of the article, resolved against ``published``.

    Durations, ages, times of day and expressions that cannot be resolved are
    kept with ``value=None`` and a kind that says why ("duration",
    "unresolved", ...), so the Reader can mark them. ``actors`` is accepted
    for symmetry with the other steps; actor ids come from ``mentions``.
    An error is not caught here: :func:`analysis.pipeline.run_step` records
    it as the article's problem with the events step.
    """
    cands = find_candidates(parsed)
    quotes = list(quotes or [])
    link(cands, parsed, quotes)
    text = parsed.text
    sentences = {s.index: s for s in parsed.sentences}
    actor_ids = _actor_ids_by_sentence(list(mentions or []))
    events: list[Event] = []
    for c in cands:
        s = sentences.get(c.sentence_index)
        s_start, s_end = (s.start, s.end) if s is not None else (c.start, c.end)
        feats: dict[str, Any] = {
            "spec": c.spec, "end_spec": c.tx.end_spec, "base_kind": c.tx.kind, "rule": c.tx.rule,
            "tense": c.tense, "verb": c.verb, "ref_start": c.ref_start, "said_ref_start": c.said_ref_start,
            "form": c.form, "in_quote": c.in_quote, "attributive": c.attributive, "published": published,
            # "said on Tuesday" dates a saying; "met on Tuesday" dates what happened
            "role": "said" if (c.head_verb is not None and c.head_verb.lemma_.lower() in REPORTING_VERBS
                               and not c.in_quote) else "happened",
        }
        events.append(Event(start=c.start, end=c.end, expression=c.tx.text, value=None, precision=None,
                            kind=c.tx.kind, sentence_index=c.sentence_index, sentence_start=s_start,
                            sentence_end=s_end, sentence=text[s_start:s_end],
                            actor_ids=list(actor_ids.get(c.sentence_index, [])),
                            speaker_id=_speaker_for(c, quotes, s_start, s_end), features=feats))
    return reresolve_events(events, published)


def reresolve_events(events: list[Event], published: str | None) -> list[Event]:
    """The same events resolved against another published date; pure, no spaCy.

    Uses only ``Event.features`` (as written by :func:`extract_events`):
    expressions keep their reference and speech-date links, which are
    followed again with the new anchor. Returns new Event objects.
    """
    anchor0 = parse_iso(published)
    by_start = {e.start: i for i, e in enumerate(events)}
    memo: dict[int, tuple[str | None, str | None, str | None, str | None, dict[str, Any]]] = {}

    def value_of(i: int, stack: frozenset[int]) -> tuple[str | None, str | None, str | None, str | None, dict]:
        if i in memo:
            return memo[i]
        e = events[i]
        f = e.features or {}
        spec = f.get("spec") or {}
        base_kind = f.get("base_kind", e.kind)
        anchor = anchor0
        said = None
        sr = f.get("said_ref_start")
        cycle = False
        if sr is not None and sr in by_start and (by_start[sr] in stack or by_start[sr] == i):
            cycle = True
        elif sr is not None and sr in by_start:
            sv = value_of(by_start[sr], stack | {i})
            pv = parse_value(sv[0])
            if pv is not None and pv[1] == "day":
                anchor, said = pv[0], sv[0]
        ref = None
        rr = f.get("ref_start")
        if rr is not None and rr in by_start and (by_start[rr] in stack or by_start[rr] == i):
            cycle = True
        elif rr is not None and rr in by_start:
            rv = value_of(by_start[rr], stack | {i})
            if rv[0] is not None and rv[1] is not None:
                ref = (rv[0], rv[1])
        tense = f.get("tense") or "past"
        if said is not None and tense == "nearest":
            tense = "future"  # "said on Tuesday it would meet on Friday": ahead of the saying
        end_value = None
        if base_kind not in DATE_KINDS:
            value, prec, notes = None, None, {}
        elif base_kind == "range" and f.get("end_spec"):
            value, prec, end_value, notes = resolve_range(spec, f.get("end_spec"), anchor, tense)
        else:
            value, prec, notes = resolve_spec(spec, anchor, tense, ref)
            if value is None and spec.get("t") == "rel" and rr is None:
                notes["reason"] = "no reference event" if f.get("form") != "object-unknown" \
                    else "counts from an undated event"
        anchor_iso = anchor.isoformat() if anchor is not None else None
        out = (value, prec, end_value, anchor_iso, dict(notes, said=said or (anchor0.isoformat() if anchor0 else None)))
        if not cycle:
            memo[i] = out
        return out

    result: list[Event] = []
    for i, e in enumerate(events):
        # in reading order, so that the events a value counts from are mostly memoised already
        value, prec, end_value, anchor_iso, notes = value_of(i, frozenset())
        f = dict(e.features or {})
        base_kind = f.get("base_kind", e.kind)
        f["said"] = notes.get("said")
        f["published"] = published
        f.pop("reason", None)
        f.pop("span", None)
        if "reason" in notes:
            f["reason"] = notes["reason"]
        if "span" in notes:
            f["span"] = notes["span"]
        if value is None and base_kind in DATE_KINDS:
            kind = "duration" if str(f.get("reason", "")).startswith("duration") else "unresolved"
        else:
            kind = base_kind
        result.append(dataclasses.replace(e, value=value, precision=prec if value else None,
                                          end_value=end_value, anchor=anchor_iso, kind=kind, features=f))
    return result
