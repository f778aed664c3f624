"""Attribution: the passes that give quote spans to the cues that report them.

In order (``extraction`` runs them): ``snap`` widens a cue's parsed content to
the quote spans it cuts into (they make it mixed, or direct when the content is
the quote); ``attach_adjacent`` gives a span to the cue right before or after
it ("...," he said / X said on TV, "..."); ``attach_surface`` reads "..."
tweeted X where the parse lost the cue; ``attach_introduced`` gives a span that
a clause introduces with a colon or comma to that clause's subject; and
``attach_headlines`` reads a block's "Speaker: quote". Each pass takes only
spans no earlier pass used, and appends the cues it makes to ``cues``.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .antecedents import pronoun
from .cues import Cue, CueFinder, subject_of
from .index import ArticleIndex, tok_end, tok_start
from .marks import ALL_MARKS, DOUBLE_OPEN, DOUBLE_STRAIGHT, SINGLE_OPEN, SINGLE_STRAIGHT, QuoteSpan, strip
from .sources import Speaker, named
from .vocabulary import PERSONAL, is_speech_stem, is_verb, lemma, lex

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from ..parsed import BlockDoc


def attach(cue: Cue, q: QuoteSpan) -> None:
    """The quote span is (part of) what the cue reports."""
    cue.quoted.append(q)
    cue.parts.append((q.open, q.close))
    q.used = True


def snap(index: ArticleIndex, cue: Cue) -> None:
    """Widen clause content to the whole quote spans it cuts into."""
    new_parts = []
    for s, e in cue.parts:
        changed = True
        while changed:
            changed = False
            for q in index.spans:
                if not (q.open < e and s < q.close):
                    continue
                if q.open <= s and e <= q.close:
                    ns, ne = q.open, q.close  # the clause lies inside one quote: the quote is the content
                else:
                    ns, ne = min(s, q.open), max(e, q.close)
                if (ns, ne) != (s, e):
                    s, e = ns, ne
                    changed = True
                if q not in cue.quoted:
                    cue.quoted.append(q)
                q.used = True
        inside = [q.close for q in cue.quoted if s <= q.open and q.close <= e]
        gloss = re.match(r"[\s,;]*(\w+)ing\b", index.text[max(inside):e]) if inside else None
        if gloss and max(inside) < e and not is_speech_stem(gloss.group(1).lower()):
            # 'said X is "pushing harder," showing no interest in ...': the participle after the
            # quote is the reporter's gloss ("adding ..." is still the speaker's)
            e = max(inside)
        new_parts.append((s, e))
    cue.parts = new_parts


def _gap_ok(index: ArticleIndex, lo: int, hi: int, cue: Cue, clause_ok: bool = True) -> bool:
    """Only punctuation, or words of the cue's own clause, between a quote and its cue.

    Between a quote and the cue after it (``"...," the minister said``) a clause of
    its own (``the word "X" only refers to Y, the agency noted``) means the quote is
    not what the cue reports; ``clause_ok=False`` refuses such gaps.
    """
    if hi < lo:
        return False
    gap = index.text[lo:hi]
    if not gap.strip(" \t\n,:;.\u2014\u2013-"):
        return True
    if hi - lo > 160 or cue.verb is None or "\n" in gap:
        return False
    if re.search(r"[.!?][\"'\u201d\u2019)\]]*\s", gap):
        return False  # words of another sentence between them
    if any(lo <= q.open < hi for q in index.spans):
        return False
    own = {x.i for x in cue.verb.subtree} | {x.i for x in cue.verb.head.subtree if cue.verb.dep_ == "conj"}
    bd = cue.bd
    for t in bd.doc:
        ts = tok_start(bd, t)
        if ts >= hi:
            break
        if ts < lo or t.is_punct or t.is_space:
            continue
        if t.i not in own:
            return False
        if not clause_ok and is_verb(t):
            return False
    return True


def _adjacent_gap(index: ArticleIndex, q: QuoteSpan, cue: Cue, phase: str) -> int | None:
    """How far the cue stands from the quote in this phase, or None when it cannot take it."""
    text = index.text
    if phase == "tight":
        # ``"...," said X`` / ``"...", X said``: a comma and the cue right after
        # the closing mark bind the quote before anything else does
        gap_text = text[q.close:cue.anchor[0]] if q.close <= cue.anchor[0] else "x"
        inner_end = text[q.start:q.end].rstrip(ALL_MARKS + " ")
        if gap_text.strip() not in ("", ",") or len(gap_text) > 3 or \
                not (inner_end.endswith(",") or gap_text.strip() == ","):
            return None
        return len(gap_text)
    if phase == "after" and cue.anchor[1] <= q.open:
        ok = _gap_ok(index, cue.anchor[1], q.open, cue)
        return q.open - cue.anchor[1] if ok else None
    if phase == "before" and q.close <= cue.anchor[0]:
        ok = _gap_ok(index, q.close, cue.anchor[0], cue, clause_ok=False)
        ends = text[q.start:q.end].rstrip(ALL_MARKS + " ])")
        if ok and cue.parts and ends.endswith("."):
            ok = False
        if ok and ends[-1:] in ".!?" and index.sentence_index(q.open) < cue.sent and not index.standalone(q):
            ok = False  # 'was called "swine flu." The government ordered ...'
        return cue.anchor[0] - q.close if ok else None
    return None


def attach_adjacent(index: ArticleIndex, cues: list[Cue]) -> None:
    """Quote spans right after, then right before, a cue belong to it.

    After first, so that in ``"A." X said, "B."`` the cue takes B; a quote
    before its cue that ends its own sentence (``"A." X said``) is taken
    only by a cue with nothing else to report.
    """
    for phase in ("tight", "after", "before"):
        for q in index.spans:
            if q.used:
                continue
            best: tuple[int, Cue] | None = None
            for cue in cues:
                if cue.bd.block.index != q.block or cue.verb is None or cue.text == "according to":
                    continue
                if cue.verb.dep_ == "relcl" and any(c.dep_ == "dobj" and c.tag_ in ("WDT", "WP")
                                                    for c in cue.verb.children):
                    continue  # "— which the paper noted as unusual —" introduces no quote
                gap = _adjacent_gap(index, q, cue, phase)
                if gap is not None and (best is None or gap < best[0]):
                    best = (gap, cue)
            if best is not None:
                attach(best[1], q)


def _surface_cue(index: ArticleIndex, bd: "BlockDoc", window: list["Token"]) -> tuple["Token", Speaker] | None:
    """A reporting verb then a name, or a name (or "he"/"she") then the verb, at the window's start."""
    speech = lex("speech_verbs") | lex("cue_only_verbs")

    def verb_form(t: "Token") -> bool:
        return lemma(t) in speech and (t.tag_.startswith("VB") or t.pos_ in ("VERB", "ADJ"))

    speaker = None
    cue_tok = None
    if verb_form(window[0]):
        cue_tok = window[0]
        rest = window[1:]
        if rest[0].lower_ in PERSONAL:
            speaker = pronoun(index, bd, rest[0])
        else:
            rs, re_ = tok_start(bd, rest[0]), tok_end(bd, rest[-1])
            persons = [m for m in index.mentions_in(rs, re_) if m.label == "PERSON"]
            if persons:
                m = persons[0]
                between = [t for t in rest if tok_end(bd, t) <= m.start]
                if all(t.is_title or t.is_punct or t.lower_ in ("of", "the", "and") for t in between):
                    speaker = named(index, m)
    else:
        first = window[0]
        if first.lower_ in PERSONAL and len(window) > 1 and verb_form(window[1]):
            cue_tok = window[1]
            speaker = pronoun(index, bd, first)
        else:
            m = index.mention_at(tok_start(bd, first), tok_end(bd, first))
            if m is not None and m.label == "PERSON" and m.start == tok_start(bd, first):
                after = [t for t in window if tok_start(bd, t) >= m.end]
                if after and verb_form(after[0]):
                    cue_tok = after[0]
                    speaker = named(index, m)
    if speaker is None or cue_tok is None:
        return None
    return cue_tok, speaker


def attach_surface(index: ArticleIndex, cues: list[Cue]) -> None:
    """``"..." tweeted Mayor Jane Roe`` / ``"...", Jane Roe said`` when the parse lost the cue.

    Right after a quote, a reporting verb then a name (or a name then the verb) is an
    attribution in any news text, however the parser hung those words together.
    """
    for q in index.spans:
        if q.used:
            continue
        bd = index.block_doc(q.block)
        if bd is None:
            continue
        window: list["Token"] = []
        for t in bd.doc:
            if tok_start(bd, t) < q.close:
                continue
            if t.text in ALL_MARKS or t.text in (".", "!", "?", ";", ":") or len(window) >= 14:
                break
            window.append(t)
        while window and window[0].is_punct:
            window.pop(0)
        if len(window) < 2:
            continue
        found = _surface_cue(index, bd, window)
        if found is None:
            continue
        cue_tok, speaker = found
        start = tok_start(bd, cue_tok)
        anchor_end = max(tok_end(bd, cue_tok), speaker.end or 0)
        cue = Cue(bd=bd, verb=cue_tok, text=cue_tok.text, start=start, end=tok_end(bd, cue_tok),
                  speaker=speaker, sent=index.sentence_index(start),
                  anchor=(min(start, speaker.start if speaker.start is not None else start), anchor_end))
        attach(cue, q)
        cues.append(cue)


def _introducing_verbs(bd: "BlockDoc", tok: "Token", q: QuoteSpan) -> tuple["Token", "Token", "Token"]:
    """Verbs that may introduce a quote after ``tok``, in order of trust.

    The sentence's main clause introduces the quote ("X saw compromise as the way for
    the nations to resolve it: "..."" is X's); then the highest verb before the quote,
    when the parser made the quote the root; else the nearest clause with a subject
    ("Another was Y, who cited his training: "..."").
    """
    nearest = tok
    for _ in range(8):
        if is_verb(nearest) and any(c.dep_ in ("nsubj", "nsubjpass") for c in nearest.children):
            break
        if nearest.head.i == nearest.i:
            break
        nearest = nearest.head
    top = tok
    h = tok
    for _ in range(12):
        if h.head.i == h.i or tok_start(bd, h.head) >= q.open:
            break
        h = h.head
        if is_verb(h):
            top = h
    return tok.sent.root, top, nearest


def attach_introduced(index: ArticleIndex, finder: CueFinder, cues: list[Cue]) -> None:
    """"X opposed the plan: "..."" / "X defended it, "..."": the clause's subject speaks."""
    for q in index.spans:
        if q.used:
            continue
        bd = index.block_doc(q.block)
        if bd is None:
            continue
        before = index.text[bd.block.start:q.open].rstrip()
        if not before or before[-1] not in ":,":
            continue
        if not index.tail_of_sentence(q):
            continue
        cut = len(before) - 1 + bd.block.start
        tok = None
        for t in bd.doc:
            if tok_end(bd, t) <= cut and not t.is_punct:
                tok = t
        if tok is None or index.in_quote(tok_start(bd, tok)):
            continue
        speaker = None
        verb = None
        for candidate in _introducing_verbs(bd, tok, q):
            vs = tok_start(bd, candidate)
            if not is_verb(candidate) or vs >= q.open or index.in_quote(vs):
                continue
            subj = subject_of(candidate)
            if subj is None or tok_start(bd, subj) >= q.open:
                continue
            speaker = finder.speakers.resolve(bd, subj)
            if speaker is not None:
                verb = candidate
                break
        if speaker is None or verb is None:
            continue
        start = tok_start(bd, verb)
        cue = Cue(bd=bd, verb=verb, text=verb.text, start=start, end=tok_end(bd, verb), speaker=speaker,
                  sent=index.sentence_index(start), anchor=(min(start, speaker.start or start), tok_end(bd, verb)))
        attach(cue, q)
        cues.append(cue)


def attach_headlines(index: ArticleIndex, cues: list[Cue]) -> None:
    """"Speaker: quote" at the start of a block (headlines, interview transcripts)."""
    text = index.text
    for bd in index.parsed.block_docs:
        m = re.match(r"\s*([^:\n\"\u201c\u201d]{2,60}?)\s*:\s+(\S.*)$", bd.block.text, flags=re.S)
        if not m:
            continue
        hs, he = bd.block.start + m.start(1), bd.block.start + m.end(1)
        head_mentions = [x for x in index.mentions_in(hs, he) if x.label in ("PERSON", "ORG", "GPE", "NORP")]
        if not head_mentions:
            continue
        ment = max(head_mentions, key=lambda x: x.end - x.start)
        words_outside = len(text[hs:ment.start].split()) + len(text[ment.end:he].split())
        cs, ce = bd.block.start + m.start(2), bd.block.start + m.end(2)
        cs, ce = strip(text, cs, ce)
        quoted = text[cs] in DOUBLE_OPEN + DOUBLE_STRAIGHT + SINGLE_OPEN + SINGLE_STRAIGHT
        if ment.label != "PERSON" and not (quoted and words_outside == 0):
            continue
        if words_outside > 3:
            continue
        if len(text[cs:ce].split()) < 3:
            continue
        cue = Cue(bd=bd, verb=None, text=":", start=he, end=he + 1, speaker=named(index, ment),
                  sent=index.sentence_index(cs), anchor=(hs, he + 1), clause=not quoted)
        inner = [q for q in index.spans if cs <= q.open < ce]
        if quoted and inner:
            for q in inner:
                if not q.used:
                    attach(cue, q)
            if not cue.parts:
                continue
        else:
            cue.parts.append((cs, ce))
            for q in inner:
                q.used = True
                cue.quoted.append(q)
        cues.append(cue)
