"""Stance: what a quote's speaker says about the other actors named in or around the quote.

The targets of a quote are the actors other than the speaker mentioned inside
its content or in its sentence; the target model's polarity toward each
(mean over its mentions there) is the speaker -> target stance. Mentions that
only describe the speaker ("Estonia's minister X", "NATO chief X") are part
of who speaks, not of what is said, and are not targets.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Iterable, Mapping, Sequence

from ..records import Mention, Quote, QuoteTarget
from .model import LABELS
from .portrayal import label_of

if TYPE_CHECKING:  # pragma: no cover
    from ..parsed import ParsedArticle

# Dependencies by which a word describes the noun it hangs on ("Estonia's
# minister", "U.K. Foreign Secretary X", "NATO chief X"): such a mention is
# part of who the speaker is, not what the speaker talks about.
_DESCRIPTOR_DEPS = frozenset({"compound", "poss", "nmod", "amod", "appos", "case", "det", "npadvmod"})


def describes_speaker(parsed: "ParsedArticle", m: Mention, q: Quote) -> bool:
    """True when a mention lies in the speaker's own designation rather than in what is said."""
    if q.speaker_start is None or q.speaker_end is None:
        return False
    if q.speaker_start <= m.start and m.end <= q.speaker_end:
        return True
    if q.start <= m.start and m.end <= q.end:
        return False  # inside the content: always something said
    for bd in parsed.block_docs:
        if bd.block.start <= m.start < bd.block.end:
            rel = m.start - bd.block.start
            tok = next((t for t in bd.doc if t.idx <= rel < t.idx + max(len(t.text), 1)), None)
            for _ in range(6):  # a designation is a short chain of modifiers
                if tok is None or tok.dep_ not in _DESCRIPTOR_DEPS or tok.head is tok:
                    break
                tok = tok.head
                start = bd.block.start + tok.idx
                if q.speaker_start <= start < q.speaker_end:
                    return True
            return False
    return False


def stance_mentions(parsed: "ParsedArticle", quotes: Sequence[Quote], mentions: Sequence[Mention],
                    wanted: Callable[[Mention], bool]) -> list[list[Mention]]:
    """For each quote, the ``wanted`` mentions whose stance it carries (inside its content or its sentence)."""
    out: list[list[Mention]] = []
    for q in quotes:
        inside = []
        for m in mentions:
            near = (q.start <= m.start and m.end <= q.end) or m.sentence_index == q.sentence_index
            # cheapest tests first: describes_speaker walks the parse
            if not near or not wanted(m) or (q.speaker_id and m.actor_id == q.speaker_id):
                continue
            if not describes_speaker(parsed, m, q):
                inside.append(m)
        out.append(inside)
    return out


def quote_targets(group: Iterable[Mention], preds: Mapping[tuple[int, int], tuple[str, float]],
                  names: Mapping[str, str]) -> list[QuoteTarget]:
    """One QuoteTarget per actor among a quote's stance mentions that the model scored.

    ``preds`` maps mention offsets to the model's (label, score); ``names`` actor ids to canonical names.
    """
    per_target: dict[str, list[tuple[str, float]]] = {}
    for m in group:
        p = preds.get((m.start, m.end))
        if p is not None:
            per_target.setdefault(m.actor_id or "", []).append(p)
    targets = []
    for aid, ps in per_target.items():
        pol = round(sum(sc for _, sc in ps) / len(ps), 4)
        counts = {lab: sum(1 for lb, _ in ps if lb == lab) for lab in LABELS}
        targets.append(QuoteTarget(actor_id=aid, actor=names[aid], polarity=pol,
                                   label=label_of(pol, counts=counts) or "neutral"))
    return targets


def stance_matrix(quotes: Iterable[Quote]) -> list[dict[str, Any]]:
    """The who-says-what-about-whom matrix, as rows (speaker, target, polarity).

    One row per (speaker, target) pair over the given quotes (one article or a
    corpus): mean polarity, its label and the number of quotes behind it.
    Unattributed quotes are left out.
    """
    acc: dict[tuple[str, str], dict[str, Any]] = {}
    for q in quotes:
        if not q.speaker_id:
            continue
        for t in q.targets:
            row = acc.setdefault((q.speaker_id, t.actor_id), {
                "speaker_id": q.speaker_id, "speaker": q.speaker_name or q.speaker_id,
                "target_id": t.actor_id, "target": t.actor, "scores": [], "labels": []})
            row["scores"].append(t.polarity)
            row["labels"].append(t.label)
    rows = []
    for row in acc.values():
        scores, labels = row.pop("scores"), row.pop("labels")
        row["polarity"] = round(sum(scores) / len(scores), 4)
        row["label"] = label_of(row["polarity"], counts={lab: labels.count(lab) for lab in LABELS})
        row["n"] = len(scores)
        rows.append(row)
    rows.sort(key=lambda r: (r["speaker"], r["target"]))
    return rows
