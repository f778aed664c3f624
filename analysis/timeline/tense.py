"""Tense: the tense of the clause a time expression belongs to, read from the spaCy parse.

The resolver needs it to choose between candidates: "on Friday" in "will
meet on Friday" lies ahead of the anchor, in "met on Friday" behind it.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

# Past participles that put their date ahead of the saying: "the debate, slated for October 15, ..."
SCHEDULING_VERBS = frozenset("""
schedule slate plan set postpone delay reschedule move push expect due intend earmark book
""".split())

# Auxiliaries of a clause that lies ahead of its anchor (unless "have" follows: "could have met").
FUTURE_MODALS = frozenset({"will", "shall", "'ll", "’ll", "wo", "would", "could", "might", "may", "should",
                           "must", "can", "ca", "'d", "’d"})


def verb_tense(v: "Token", depth: int = 0) -> str:
    """past | present | future | nearest of the clause headed by verb ``v``."""
    auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    lows = [a.lower_ for a in auxes]
    has_have = any(a.lemma_ == "have" for a in auxes)
    if any(w in ("will", "shall", "'ll", "’ll", "wo") for w in lows):
        return "future"
    if any(w in ("would", "'d", "’d") for w in lows):
        return "past" if has_have else "nearest"
    if any(w in FUTURE_MODALS for w in lows):
        return "past" if has_have else "future"
    if "to" in lows and v.tag_ == "VB":
        if has_have:
            return "past"
        # "agreed to meet on Friday", "was to meet Monday": a future seen from the past
        gov = v.head if v.dep_ in ("xcomp", "ccomp", "advcl") and v.head is not v else None
        if gov is not None and depth < 6 and gov.pos_ in ("VERB", "AUX") and \
                verb_tense(gov, depth + 1) == "past":
            return "nearest"
        return "future"
    if has_have:
        return "past"
    be = [a for a in auxes if a.lemma_ == "be"]
    if v.tag_ == "VBG":
        if be:
            return "past" if be[-1].tag_ == "VBD" else "future"
        # a participle ("ministers, meeting in Brussels on Wednesday, said") takes its head's tense
        if depth < 6 and v.head is not v:
            head = verb_ancestor(v.head)
            if head is not None:
                return verb_tense(head, depth + 1)
        return "past"
    if v.tag_ == "VBN":
        if be:
            t = be[-1].tag_
            return "past" if t == "VBD" else "present" if t in ("VBZ", "VBP") else "past"
        return "past"
    if v.tag_ == "VBD":
        return "past"
    if v.tag_ in ("VBZ", "VBP"):
        # "is to meet", "is due to", "is set to": the complement carries the future
        return "present"
    if v.tag_ == "VB":
        dos = [a for a in auxes if a.lemma_ == "do"]
        if dos:
            return "past" if dos[-1].tag_ == "VBD" else "present"
        return "future"  # imperative: "let's discuss it in two days"
    if v.tag_ == "MD":
        return "past" if v.lower_ in ("could", "would", "might") and has_have else "future"
    return "past"


def verb_ancestor(tok: "Token") -> "Token | None":
    """The nearest verb or auxiliary at or above ``tok`` in the parse; None for verbless fragments."""
    t = tok
    for _ in range(30):
        if t.pos_ in ("VERB", "AUX"):
            return t
        if t.head is t:
            return None
        t = t.head
    return None


def clause_tense(tok: "Token") -> tuple[str, "Token | None"]:
    """(tense, verb) of the clause a token belongs to, read from the nearest verb above it.

    The tense is "past" (also present perfect and past perfect), "present",
    "future" ("will", modals, to-infinitives, "going to", the progressive) or
    "nearest", a future seen from the past ("would", "was to meet", "agreed to
    meet", "was scheduled for") that may lie on either side of the anchor.
    Verbless fragments (headlines) count as past.
    """
    try:
        v = verb_ancestor(tok)
        if v is None:
            return "past", None
        # a bare auxiliary root with an xcomp ("is to meet", "is due to meet"): the complement decides
        for c in v.children:
            if c.dep_ == "xcomp" and c.tag_ == "VB" and any(a.lower_ == "to" for a in c.children):
                if v.lemma_ in ("be", "go") or any(x.lower_ in ("due", "set", "scheduled", "expected")
                                                   for x in v.children):
                    if tok.i < c.i or tok in c.subtree:
                        return "future", c
        tense = verb_tense(v)
        if tense == "past" and v.lemma_.lower() in SCHEDULING_VERBS:
            tense = "nearest"  # a plan made in the past for a date that may lie ahead
        return tense, v
    except (AttributeError, IndexError):  # pragma: no cover - a malformed parse
        return "past", None
