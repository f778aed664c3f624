"""Cues: reporting verbs and "according to X", each with its speaker and the content it reports.

Every reporting verb outside quote marks (``say``, ``urge``, ``accuse``,
``reject`` ... from the reporting lexicon) and every "according to X" gives a
cue. Its speaker is the verb's subject, the agent of a passive, an apposition,
an inverted subject, or the subject of the verb a participle hangs off
("..., arguing that"); its content comes from ``content``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..records import Mention
from .content import content, parenthetical, tokens_range
from .index import ArticleIndex, tok_end, tok_start
from .marks import QuoteSpan
from .sources import Speaker, named
from .speakers import Speakers
from .vocabulary import XCOMP_HEADS, is_cue, is_verb, lemma, lex, lexd

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from ..parsed import BlockDoc


@dataclass
class Cue:
    """Where a statement is attributed: the cue words, the speaker and the content pieces."""

    bd: "BlockDoc"
    verb: "Token | None"
    text: str
    start: int
    end: int
    speaker: Speaker
    sent: int
    anchor: tuple[int, int]  # the cue's frame: speaker and verb together
    parts: list[tuple[int, int]] = field(default_factory=list)  # content pieces (article offsets)
    quoted: list[QuoteSpan] = field(default_factory=list)
    clause: bool = False  # content came from the parse, not only from quote marks


def subject_of(v: "Token", depth: int = 0) -> "Token | None":
    """Who speaks through verb ``v``: its subject, a passive's agent, or the subject of the verb it hangs off."""
    for c in v.children:
        if c.dep_ in ("nsubj", "csubj"):
            return c
    for c in v.children:
        if c.dep_ == "nsubjpass":
            for a in v.children:
                if a.dep_ == "agent":
                    for p in a.children:
                        if p.dep_ == "pobj":
                            return p
            if lemma(v) in ("quote", "cite"):
                return c
            return None  # "he was told": the subject is the addressee, not the speaker
    for a in v.children:  # a passive participle with its agent: "a statement issued by X"
        if a.dep_ == "agent":
            for p in a.children:
                if p.dep_ == "pobj":
                    return p
    if depth >= 4:
        return None
    head = v.head
    if head.i == v.i:
        # "Asked about Gordon Brown, Ed Balls said …": the parser hung the speaker on the name before
        # as an apposition, leaving the main verb with no subject; the name right before it speaks
        prev = v.doc[v.i - 1] if v.i > 0 else None
        if prev is not None and prev.ent_type_ == "PERSON" and prev.dep_ in ("appos", "conj"):
            return prev
        return None
    if v.tag_ == "VBN" and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in v.children):
        # "appeared in court, charged with murder": a passive participle's subject is no speaker
        if v.dep_ in ("advcl", "acl", "amod", "xcomp"):
            return None
        if v.dep_ == "conj" and any(c.dep_ in ("auxpass", "nsubjpass") for c in head.children):
            return None
    if v.dep_ == "conj":
        if not is_cue(head) and head.dep_ == "ccomp" and is_cue(head.head):
            # "said talks were "positive" but confirmed ...": the parser hangs the second
            # cue on the first one's complement; the speaker is the first cue's.
            return subject_of(head.head, depth + 1)
        return subject_of(head, depth + 1)
    if v.dep_ == "advcl" and is_verb(head):
        return subject_of(head, depth + 1)
    if v.dep_ == "xcomp" and is_verb(head) and (lemma(head) in XCOMP_HEADS or is_cue(head)):
        # "went on to say", "continued to insist"; not "tried to add" or "would consider charging"
        return subject_of(head, depth + 1)
    if v.dep_ == "pcomp" and head.dep_ == "prep" and is_verb(head.head):
        # "tried to have X released by saying ...": the one trying speaks, not X
        h = head.head
        while h.dep_ in ("xcomp", "ccomp") and is_verb(h.head) and h.head.i != h.i:
            h = h.head
        return subject_of(h, depth + 1)
    return None


#: nouns of a view a source holds: "In his opinion, …", "From her view, …", "In the minister's words, …"
_VIEW_NOUNS = frozenset({"opinion", "view", "words", "assessment", "estimation", "judgement", "judgment", "mind"})


class CueFinder:
    """Finds cues and their content in one article."""

    def __init__(self, index: ArticleIndex):
        self.index = index
        self.speakers = Speakers(index)

    def _fallback_subject(self, bd: "BlockDoc", v: "Token") -> "Token | None":
        """A finite verb the parser left without subject: the nearest subject to its left."""
        if v.tag_ not in ("VBD", "VBZ", "VBP"):
            return None
        for t in reversed(list(v.sent)[: v.i - v.sent.start]):
            if t.dep_ == "nsubj" and not self.index.in_quote(tok_start(bd, t)):
                return t
        return None

    def find(self) -> list[Cue]:
        """Every cue of the article, in text order."""
        cues: list[Cue] = []
        index = self.index
        for bd in index.parsed.block_docs:
            doc = bd.doc
            if doc is None or not len(doc):
                continue
            for t in doc:
                cue = self._cue_at(bd, t)
                if cue is not None:
                    cues.append(cue)
        return cues

    def _cue_at(self, bd: "BlockDoc", t: "Token") -> Cue | None:
        """The cue token ``t`` gives, if it is a reporting verb (or "according") with a speaker."""
        index = self.index
        start = tok_start(bd, t)
        if index.in_quote(start):
            return None  # the speaker's own words, not an attribution
        if t.lower_ == "according" and any(c.lower_ == "to" for c in t.children):
            return self._according(bd, t)
        if t.lower_ in ("in", "from") and t.dep_ == "prep":
            return self._in_view(bd, t)
        if not is_cue(t):
            return None
        if t.dep_ == "amod" or t.tag_ == "VBN" and t.dep_ in ("acl", "amod") and \
                not any(c.dep_ == "agent" for c in t.children):
            return None  # "the reported deal", "the proposal leaked last month"
        subj = subject_of(t)
        rng = content(bd, t, self.index.spans)
        if rng is None and lemma(t) not in lex("speech_verbs") | lex("cue_only_verbs"):
            return None  # "raised", "made": cues only with a content of their own
        if subj is None and (rng is not None or self._touches_quote(bd, t)):
            subj = self._fallback_subject(bd, t)
        if subj is None:
            return None
        speaker = self.speakers.resolve(bd, subj)
        if speaker is None:
            return None
        self.speakers.heard(index.sentence_index(start), speaker)
        s0, s1 = (speaker.start, speaker.end) if speaker.start is not None else (start, start)
        if speaker.kind == "pronoun" or s0 is None:
            s0, s1 = tok_start(bd, subj), tok_end(bd, subj)
        end = tok_end(bd, t)
        text = t.text
        for c in t.children:  # "pointed out"
            if c.dep_ == "prt" and lexd("speech_particles").get(lemma(t)) == c.lower_:
                text = f"{t.text} {c.text}"
                end = tok_end(bd, c)
        cue = Cue(bd=bd, verb=t, text=text, start=start, end=end, speaker=speaker,
                  sent=index.sentence_index(start), anchor=(min(s0, start), max(s1, end)))
        if rng is not None:
            cue.parts.append(rng)
            cue.clause = True
        elif lemma(t) in lex("speech_verbs") and not self._touches_quote(bd, t):
            pieces = parenthetical(bd, t)  # "The plan, he added, would cost billions"
            cue.parts.extend(pieces)
            cue.clause = bool(pieces)
        return cue

    def _touches_quote(self, bd: "BlockDoc", t: "Token") -> bool:
        """Does the token's sentence hold quote marks?"""
        sent = t.sent
        s0, s1 = tok_start(bd, sent[0]), tok_end(bd, sent[-1])
        return any(s.open < s1 and s0 < s.close for s in self.index.spans)

    def _according(self, bd: "BlockDoc", t: "Token") -> Cue | None:
        """"According to X, ..." : X is the speaker, the rest of the clause the content."""
        index = self.index
        doc = t.doc
        to = next(c for c in t.children if c.lower_ == "to")
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            return None
        end_i = self._according_end(to)
        # A name at the end of the phrase is the source ("according to the county's mayor,
        # Jane Roe," / "according to State Senator Jane Roe"), whatever the parser made of it.
        speaker = None
        ps, pe = tok_start(bd, t), tok_end(bd, doc[end_i])
        persons = [m for m in index.mentions_in(ps, pe) if m.label == "PERSON" and not self._owner(m)]
        if persons:
            speaker = named(self.index, persons[-1])
        if speaker is None:
            speaker = self.speakers.resolve(bd, pobj)
        if speaker is None:
            return None
        clause = t.head
        for _ in range(10):
            if clause.dep_ in ("ROOT", "relcl", "ccomp") or clause.head.i == clause.i:
                break
            clause = clause.head
        if clause.dep_ == "ROOT":
            lo, hi = t.sent.start, t.sent.end - 1
        else:
            lo, hi = min(clause.left_edge.i, t.i), max(clause.right_edge.i, end_i)
        before = [doc[i] for i in range(lo, t.i)]
        after = [doc[i] for i in range(end_i + 1, hi + 1)]
        # "The government suggested X; according to prosecutors, he owed …": a semicolon or a colon
        # before the phrase ends another clause (after it, the source's account may go on)
        stops = [k for k, x in enumerate(before) if x.text in (";", ":")]
        if stops:
            before = before[stops[-1] + 1:]
        # a short tail with no verb is an adjunct of the phrase ("..., according to X on Friday")
        if before and not any(is_verb(x) for x in after) and len(after) <= 8:
            after = []
        cue = Cue(bd=bd, verb=t, text="according to", start=ps, end=tok_end(bd, to), speaker=speaker,
                  sent=index.sentence_index(ps), anchor=(ps, pe), clause=True)
        b = tokens_range(bd, before)
        a = tokens_range(bd, after)
        if b and a:
            cue.parts.extend([b, a])
        elif a or b:
            cue.parts.append(a or b)
        else:
            return None
        return cue

    def _in_view(self, bd: "BlockDoc", t: "Token") -> Cue | None:
        """ "In his opinion, X", "In the minister's view, X": the owner of the view states X.

        Only a phrase that opens its sentence and is followed by a comma; the rest of the sentence
        is the content.
        """
        doc = t.doc
        pobj = next((c for c in t.children if c.dep_ == "pobj"), None)
        if pobj is None or pobj.lemma_.lower() not in _VIEW_NOUNS or t.i != t.sent.start:
            return None
        owner = next((c for c in pobj.children if c.dep_ == "poss"), None)
        end = pobj.right_edge.i
        if owner is None or end + 1 >= t.sent.end or doc[end + 1].text != ",":
            return None
        speaker = self.speakers.resolve(bd, owner)
        if speaker is None:
            return None
        rest = tokens_range(bd, list(doc[end + 2:t.sent.end]))
        if rest is None:
            return None
        start = tok_start(bd, t)
        cue = Cue(bd=bd, verb=t, text=doc[t.i:end + 1].text, start=start, end=tok_end(bd, doc[end]),
                  speaker=speaker, sent=self.index.sentence_index(start), anchor=(start, tok_end(bd, doc[end])),
                  clause=True)
        cue.parts.append(rest)
        self.speakers.heard(cue.sent, speaker)
        return cue

    def _owner(self, m: Mention) -> bool:
        """A possessor of something other than a statement: "X's office said" is the office."""
        span = self.index.mention_tokens.get(id(m))
        if span is None:
            return False
        root = span.root
        return root.dep_ == "poss" and root.head.lemma_.lower() not in lex("document_nouns")

    def _according_end(self, to: "Token") -> int:
        """Last token of "according to X[, apposition]"."""
        doc = to.doc
        sent_end = to.sent.end
        end = max(to.right_edge.i, to.i + 1)
        comma = next((k for k in range(to.i + 1, end + 1) if doc[k].text in (",", ";", ":")), None)
        if comma is not None:
            # the parser may hang the clause's own subject on the source: cut at the comma and
            # let the apposition rule below decide what after it still belongs to the source
            end = comma - 1
            nxt = doc[comma + 1] if comma + 1 < sent_end else None
            if nxt is not None and nxt.tag_ in ("WP", "WDT", "WP$") and nxt.head.dep_ == "relcl":
                end = max(end, nxt.head.right_edge.i)  # ", who is the chairman,"
        # "according to State Senator Jane Roe": name words the parser left out of the phrase
        while end + 1 < sent_end and (doc[end + 1].is_title or doc[end + 1].ent_type_ == "PERSON") \
                and doc[end + 1].pos_ in ("PROPN", "NOUN") and doc[end + 1].dep_ not in ("nsubj", "nsubjpass") \
                or end + 1 < sent_end and doc[end + 1].ent_iob_ == "I" and doc[end + 1].ent_type_ == "PERSON":
            end += 1
        i = end + 1
        if i < sent_end and doc[i].text == ",":
            # ", director of the festival," / ", Jane Roe," after the source is still the source
            j = i + 1
            while j < sent_end and doc[j].text != "," and not doc[j].is_sent_end:
                j += 1
            stretch = [x for x in doc[i + 1:j] if not x.is_punct]
            if stretch and len(stretch) <= 12 and \
                    not any(x.pos_ in ("VERB", "AUX") and x.tag_ not in ("VBN", "VBG") for x in stretch) and \
                    not any(x.tag_ in ("WP", "WDT") for x in stretch[:1]) and \
                    (stretch[0].ent_type_ in ("PERSON", "GPE", "LOC", "ORG", "NORP") or
                     any(x.lemma_.lower() in lex("role_heads") | lex("person_nouns") for x in stretch)):
                end = j - 1
        while end > to.i and (doc[end].is_punct or doc[end].is_space):
            end -= 1
        return min(max(end, to.i), sent_end - 1)
