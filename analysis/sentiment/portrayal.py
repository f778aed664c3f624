"""Portrayal: how the reporter's own sentences speak of each actor, as a mean score and a label.

Mentions inside quote content are the speaker's words, not the reporter's, and
are left out. A mean of mostly-neutral mentions with one clearly negative
sentence still leans negative, which is what an analyst expects to see flagged.
"""
from __future__ import annotations

import math
from typing import Any, Iterable

from ..records import MentionSentiment
from .model import LABELS

# Aggregated scores (means of p(pos) - p(neg)) inside this band are called neutral.
LABEL_BAND = 0.1


def label_of(score: float | None, band: float = LABEL_BAND, counts: dict[str, int] | None = None) -> str | None:
    """negative / neutral / positive for an aggregated score in [-1, 1].

    With ``counts`` (labels of the mentions behind the mean), a polar label
    also needs at least one mention that the model itself called so: a few
    mentions that all lean slightly one way while each is neutral stay neutral.
    """
    if score is None or not isinstance(score, (int, float)) or math.isnan(score):
        return None
    label = "positive" if score > band else "negative" if score < -band else "neutral"
    if counts is not None and label != "neutral" and not counts.get(label):
        return "neutral"
    return label


def actor_portrayals(sentiments: Iterable[MentionSentiment]) -> dict[str, dict[str, Any]]:
    """actor id -> the Actor fields ``portrayal``, ``portrayal_label``, ``portrayal_counts`` of one article.

    The label is taken from the rounded mean, as the actor record carries it.
    """
    per_actor: dict[str, list[MentionSentiment]] = {}
    for r in sentiments:
        if not r.in_quote:
            per_actor.setdefault(r.actor_id, []).append(r)
    out: dict[str, dict[str, Any]] = {}
    for aid, rs in per_actor.items():
        portrayal = round(sum(r.score for r in rs) / len(rs), 4)
        counts = {lab: sum(1 for r in rs if r.label == lab) for lab in LABELS}
        out[aid] = {"portrayal": portrayal, "portrayal_label": label_of(portrayal, counts=counts),
                    "portrayal_counts": counts}
    return out


def portrayal_evidence(sentiments: Iterable[MentionSentiment], actor_id: str,
                       k: int = 3) -> dict[str, list[MentionSentiment]]:
    """The strongest negative and positive mentions of one actor (reporter's sentences only).

    Returns {"negative": [...], "positive": [...]}, each at most ``k`` long,
    strongest first: the sentences an analyst reads to check a portrayal.
    """
    own = [s for s in sentiments if s.actor_id == actor_id and not s.in_quote]
    neg = sorted((s for s in own if s.score < 0 and s.label == "negative"), key=lambda s: s.score)[:k]
    pos = sorted((s for s in own if s.score > 0 and s.label == "positive"), key=lambda s: -s.score)[:k]
    return {"negative": neg, "positive": pos}


def aggregate_portrayal(sentiments: Iterable[MentionSentiment]) -> dict[str, dict[str, Any]]:
    """Per-actor portrayal over any set of mentions (one article or a whole corpus).

    Returns actor_id -> {"mean", "label", "n", "counts"}; mentions inside
    quotes are left out (they are the speaker's words, not the reporter's).
    Actor ids are stable across articles, so corpus totals are a plain merge.
    """
    acc: dict[str, list[MentionSentiment]] = {}
    for s in sentiments:
        if not s.in_quote and s.actor_id:
            acc.setdefault(s.actor_id, []).append(s)
    out: dict[str, dict[str, Any]] = {}
    for aid, rs in acc.items():
        mean = sum(r.score for r in rs) / len(rs)
        counts = {lab: sum(1 for r in rs if r.label == lab) for lab in LABELS}
        out[aid] = {"mean": round(mean, 4), "label": label_of(mean, counts=counts), "n": len(rs), "counts": counts}
    return out
