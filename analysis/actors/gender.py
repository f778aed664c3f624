"""Gender: "m"/"f" from honorifics and gendered titles, else from the he/she that refer back to a person."""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from .drafts import Cluster

if TYPE_CHECKING:  # pragma: no cover
    from ..parsed import ParsedArticle

_MALE_PRONOUNS = {"he", "him", "his", "himself"}
_FEMALE_PRONOUNS = {"she", "her", "hers", "herself"}
_OPEN_QUOTES = {"\u201c", "\u00ab"}
_CLOSE_QUOTES = {"\u201d", "\u00bb"}


def _quote_mask(text: str) -> list[bool]:
    """Per character: inside a quotation? Curly quotes open and close; straight quotes toggle."""
    mask = [False] * len(text)
    inside = False
    for i, ch in enumerate(text):
        if ch in _OPEN_QUOTES:
            inside = True
        elif ch in _CLOSE_QUOTES:
            inside = False
        elif ch == '"':
            inside = not inside
        mask[i] = inside
    return mask


def gender_of(c: Cluster) -> str | None:
    """ "m"/"f" from honorifics and titles, else from he/she that refer back to the person."""
    honorific = next((e.gender for r in c.mentions for e in r.evidence if e.gender and e.gender_kind == "honorific"),
                     None)
    if honorific:
        return honorific
    title = next((e.gender for r in c.mentions for e in r.evidence if e.gender), None)
    return title or c.pronoun_gender


def pronoun_genders(parsed: "ParsedArticle", persons: list[Cluster]) -> None:
    """Vote he/she for the person they refer back to, outside quotations.

    A subject "he"/"she" refers to the subject person of its own sentence (named
    before it) or else of the previous sentence; "his"/"her" to the only person
    named before it in its sentence. Anything less clear casts no vote.
    """
    votes: dict[int, Counter] = defaultdict(Counter)
    for bd in parsed.block_docs:
        if bd.block.kind != "paragraph":
            continue
        mask = _quote_mask(bd.block.text)
        doc = bd.doc
        # every mention of a person in this block, the tagger's and those the actor step found
        people_ents = sorted(((r.span, c) for c in persons for r in c.mentions
                              if r.bd is bd and not r.dropped and not r.heading), key=lambda x: x[0].start)
        prev_subject: Cluster | None = None
        for sent in doc.sents:
            in_sent = [(e, c) for e, c in people_ents if sent.start <= e.start < sent.end]
            subjects = [(e, c) for e, c in in_sent if e.root.dep_ in ("nsubj", "nsubjpass")]
            for tok in sent:
                low = tok.lower_
                if low not in _MALE_PRONOUNS and low not in _FEMALE_PRONOUNS:
                    continue
                if tok.idx < len(mask) and mask[tok.idx]:
                    continue
                g = "m" if low in _MALE_PRONOUNS else "f"
                before = {id(c): c for e, c in in_sent if e.end <= tok.i}
                everyone = {id(c) for e, c in in_sent}
                target = None
                if tok.dep_ in ("nsubj", "nsubjpass"):
                    subj_before = [c for e, c in subjects if e.end <= tok.i]
                    if len(before) == 1 and subj_before:
                        target = subj_before[0]
                    elif not before and prev_subject is not None:
                        target = prev_subject
                elif len(before) == 1 and len(everyone) == 1:
                    target = next(iter(before.values()))
                if target is not None:
                    votes[id(target)][g] += 1
            subject_people = {id(c): c for e, c in subjects}
            prev_subject = next(iter(subject_people.values())) if len(subject_people) == 1 else None
    for c in persons:
        v = votes.get(id(c))
        if not v:
            continue
        g, n = v.most_common(1)[0]
        if n >= 3 * (sum(v.values()) - n):
            c.pronoun_gender = g
