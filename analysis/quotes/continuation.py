"""Continuation: speakers that carry on from one sentence to the next.

A whole sentence quoted with no cue of its own belongs to the speaker of the
sentence before (a continued speaker, or a cue sentence with no content of its
own: "X criticised the decision. "..."" ); quotes with no attribution at all
(scare quotes, titles) stay unattributed and are not quotes. A "he"/"she"
right after a quoted source is that source.
"""
from __future__ import annotations

from .cues import Cue, CueFinder, subject_of
from .index import ArticleIndex, tok_end, tok_start
from .marks import QuoteSpan
from .sources import Speaker
from .vocabulary import PERSONAL, cue_lemmas, is_verb, lemma, lex


def _contentless_cues(index: ArticleIndex, finder: CueFinder) -> dict[int, Cue]:
    """Sentences whose cue has a speaker but no content ("X criticised the decision on Twitter.")."""
    out: dict[int, Cue] = {}
    for bd in index.parsed.block_docs:
        for sent in bd.doc.sents:
            for t in sent:
                if not is_verb(t) or lemma(t) not in cue_lemmas():
                    continue
                if t.dep_ not in ("ROOT", "conj") or index.in_quote(tok_start(bd, t)):
                    continue
                subj = subject_of(t)
                if subj is None:
                    continue
                speaker = finder.speakers.resolve(bd, subj)
                if speaker is None:
                    continue
                start = tok_start(bd, t)
                idx = index.sentence_index(start)
                if idx in out:
                    continue
                out[idx] = Cue(bd=bd, verb=t, text=t.text, start=start, end=tok_end(bd, t), speaker=speaker,
                               sent=idx, anchor=(start, tok_end(bd, t)))
    return out


def _previous_cue(index: ArticleIndex, q: QuoteSpan, by_last_sentence: dict[int, Cue],
                  cue_only: dict[int, Cue]) -> Cue | None:
    """The cue of the sentence before the quote (or of the quote it continues), if any."""
    first_sent = index.sentence_index(q.open)
    prev = None
    if q.continues:
        prev = by_last_sentence.get(first_sent - 1) or by_last_sentence.get(index.sentence_index(max(0, q.open - 3)))
    if prev is None:
        prev = by_last_sentence.get(first_sent - 1)
    if prev is None:
        prev = cue_only.get(first_sent - 1)
    return prev


def attach_floating(index: ArticleIndex, finder: CueFinder, cues: list[Cue]) -> None:
    """Whole quoted sentences with no cue: the speaker of the sentence before goes on."""
    by_last_sentence: dict[int, Cue] = {}
    for cue in cues:
        for s, e in cue.parts:
            by_last_sentence[index.sentence_index(max(s, e - 1))] = cue
        by_last_sentence.setdefault(cue.sent, cue)
    cue_only = _contentless_cues(index, finder)
    block_kind = {b.index: b.kind for b in index.parsed.article.blocks}
    for q in index.spans:
        if q.used or not index.standalone(q):
            continue
        prev = _previous_cue(index, q, by_last_sentence, cue_only)
        if prev is None or block_kind.get(prev.bd.block.index) == "heading":
            continue
        # Only the paragraph before may hand its speaker on, not one further back.
        if q.block - prev.bd.block.index > 1 and not q.continues:
            continue
        bd = index.block_doc(q.block)
        if bd is None:
            continue
        cue = Cue(bd=bd, verb=prev.verb, text=prev.text, start=prev.start, end=prev.end,
                  speaker=prev.speaker, sent=index.sentence_index(q.start), anchor=prev.anchor)
        cue.quoted.append(q)
        cue.parts.append((q.open, q.close))
        q.used = True
        cues.append(cue)
        for s, e in cue.parts:
            by_last_sentence[index.sentence_index(max(s, e - 1))] = cue


def _hands_on(index: ArticleIndex, prev: Speaker, want: str | None) -> bool:
    """Can a "he"/"she" (gender ``want``) refer to this earlier source?"""
    if prev.actor_id:
        actor = index.actors.get(prev.actor_id)
        return actor is not None and actor.type == "PERSON" and index.gender_of(prev.actor_id) in (want, None)
    head = prev.head or ""
    if head not in lex("person_nouns") | lex("role_heads") or head in lex("collective_nouns") | lex("document_nouns"):
        return False  # "the broadcaster reported ... he said": no person to refer to
    clash = lex("male_words") if want == "f" else lex("female_words")
    return not set((prev.name or "").lower().split()) & clash


def continue_speakers(index: ArticleIndex, cues: list[Cue]) -> None:
    """"A spokesperson said X. "...," he said": a pronoun right after a speaker is that speaker.

    The nearest earlier person is the default antecedent; a source quoted in the same or
    the previous sentence, when its gender does not clash, is the better one.
    """
    ordered = sorted(cues, key=lambda c: c.start)
    for i, cue in enumerate(ordered):
        sp = cue.speaker
        if sp.kind != "pronoun" or sp.start is None:
            continue
        want = PERSONAL.get(index.text[sp.start:sp.end].lower())
        for prev in reversed(ordered[:i]):
            if prev.start >= cue.start or prev.speaker.kind == "group" or not prev.parts:
                continue  # only a source actually quoted hands the pronoun on
            if prev.sent < cue.sent - 1:
                break
            ps = prev.speaker
            if ps.kind == "pronoun" or (ps.actor_id and ps.actor_id == sp.actor_id):
                break  # already the same person, or itself resolved the same way
            if not _hands_on(index, ps, want):
                break
            cue.speaker = Speaker(ps.kind if not ps.actor_id else "pronoun", ps.actor_id, ps.name,
                                  ps.nation, sp.start, sp.end)
            break
