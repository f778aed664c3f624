"""The article index: one article's mentions, quote spans and sentences, for look-ups by offset.

Built once per article and shared by every pass of the quote step. Besides
positions it keeps, per person, the words next to their names (titles, family
words) that nominal and pronoun look-ups read.
"""
from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, Iterable, Sequence

from ..records import Actor, Mention
from .marks import ALL_MARKS, QuoteSpan, find_quote_spans
from .vocabulary import gender_and_title_words, lex

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

    from ..parsed import BlockDoc, ParsedArticle


def tok_start(bd: "BlockDoc", t: "Token") -> int:
    """Article offset where a token starts."""
    return bd.block.start + t.idx


def tok_end(bd: "BlockDoc", t: "Token") -> int:
    """Article offset where a token ends (exclusive)."""
    return bd.block.start + t.idx + len(t.text)


class ArticleIndex:
    """Everything the passes share for one article."""

    def __init__(self, parsed: "ParsedArticle", actors: Sequence[Actor], mentions: Sequence[Mention]):
        self.parsed = parsed
        self.text = parsed.text
        self.actors = {a.id: a for a in actors or []}
        self.mentions = sorted((m for m in mentions or [] if m is not None), key=lambda m: (m.start, -m.end))
        self.mention_starts = [m.start for m in self.mentions]
        self.spans = find_quote_spans(self.text, parsed.article.blocks)
        self.span_opens = [s.open for s in self.spans]
        self.sent_starts = [s.start for s in parsed.sentences]
        self.title_words: dict[str, set[str]] = {}
        self.mention_tokens: dict[int, "Span"] = {}
        self._names: tuple[dict[str, Actor], dict[str, Actor]] | None = None
        self._index_mentions()

    # ---- positions
    def span_at(self, pos: int) -> QuoteSpan | None:
        """The quote span whose marks enclose ``pos``, if any."""
        i = bisect.bisect_right(self.span_opens, pos) - 1
        if i >= 0 and self.spans[i].open <= pos < self.spans[i].close:
            return self.spans[i]
        return None

    def in_quote(self, pos: int) -> bool:
        """Is ``pos`` between quote marks?"""
        return self.span_at(pos) is not None

    def sentence_index(self, pos: int) -> int:
        """Article-wide index of the sentence that holds ``pos`` (0 before the first)."""
        i = bisect.bisect_right(self.sent_starts, pos) - 1
        if i < 0:
            return 0
        return self.parsed.sentences[i].index

    def mention_at(self, start: int, end: int) -> Mention | None:
        """The longest mention that holds the character range [start, end)."""
        best = None
        i = bisect.bisect_right(self.mention_starts, start) - 1
        while i >= 0 and i >= bisect.bisect_right(self.mention_starts, start) - 8:
            m = self.mentions[i]
            if m.start <= start and end <= m.end and (best is None or m.end - m.start > best.end - best.start):
                best = m
            i -= 1
        return best

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        """The mentions that start in [start, end) and end by ``end``, in text order."""
        lo = bisect.bisect_left(self.mention_starts, start)
        out = []
        for m in self.mentions[lo:]:
            if m.start >= end:
                break
            if m.end <= end:
                out.append(m)
        return out

    def name_index(self) -> tuple[dict[str, Actor], dict[str, Actor]]:
        """Lower-case names and aliases -> actor, and persons' surnames -> actor (built once)."""
        if self._names is None:
            names: dict[str, Actor] = {}
            surnames: dict[str, Actor] = {}
            for actor in self.actors.values():
                for n in [actor.name] + list(actor.aliases):
                    if n:
                        names.setdefault(n.lower(), actor)
                if actor.type == "PERSON" and actor.name:
                    surnames.setdefault(actor.name.split()[-1].lower(), actor)
            for actor in self.actors.values():  # "Ibáñez" of "Marta Ibáñez Corral": a first surname
                words = actor.name.split() if actor.type == "PERSON" and actor.name else []
                for w in words[1:-1] if len(words) > 2 else []:
                    if w[:1].isupper():
                        surnames.setdefault(w.lower(), actor)
            self._names = (names, surnames)
        return self._names

    def actor_of(self, m: Mention | None) -> Actor | None:
        """The actor of a mention, if the actor step gave it one."""
        if m is None or not m.actor_id:
            return None
        return self.actors.get(m.actor_id)

    # ---- quote spans in their sentences
    def block_doc(self, block_index: int) -> "BlockDoc | None":
        """The parsed block with that index."""
        for bd in self.parsed.block_docs:
            if bd.block.index == block_index:
                return bd
        return None

    def sentence_bounds(self, pos: int) -> tuple[int, int]:
        """Article offsets of the sentence that holds ``pos`` (``(pos, pos)`` before the first)."""
        i = bisect.bisect_right(self.sent_starts, pos) - 1
        if i < 0:
            return pos, pos
        s = self.parsed.sentences[i]
        return s.start, s.end

    def tail_of_sentence(self, q: QuoteSpan) -> bool:
        """The quote runs to its sentence's (or paragraph's) end, and holds a few words."""
        if len(self.text[q.start:q.end].split()) < 3:
            return False
        _, send = self.sentence_bounds(max(q.open, q.close - 1))
        rest = self.text[q.close:max(q.close, send)]
        return not rest.strip(" \t\n.,;:!?)]\u2026" + ALL_MARKS)

    def standalone(self, q: QuoteSpan) -> bool:
        """Nothing but the quote (and punctuation) in the sentences it touches."""
        if len(self.text[q.start:q.end].split()) < 3:
            return False
        s0, _ = self.sentence_bounds(q.open)
        _, s1 = self.sentence_bounds(max(q.open, q.close - 1))
        outside = self.text[s0:q.open] + self.text[q.close:s1]
        for other in self.spans:
            if other is not q and s0 <= other.open and other.close <= s1:
                outside = outside.replace(self.text[other.open:other.close], " ")
        return not outside.strip(" \t\n.,;:!?-\u2014\u2013)([]\u2026" + ALL_MARKS)

    # ---- per-person context words (titles, family words) for nominal and pronoun look-ups
    def _index_mentions(self) -> None:
        for bd in self.parsed.block_docs:
            for m in self.mentions_in(bd.block.start, bd.block.end):
                span = bd.doc.char_span(m.start - bd.block.start, m.end - bd.block.start,
                                        alignment_mode="expand")
                if span is None or not len(span):
                    continue
                self.mention_tokens[id(m)] = span
                if m.label != "PERSON" or not m.actor_id:
                    continue
                self.title_words.setdefault(m.actor_id, set()).update(self._context_words(bd, span))
        for aid, actor in self.actors.items():
            if actor.role:
                self.title_words.setdefault(aid, set()).update(w.lower() for w in re.findall(r"[\w-]+", actor.role))

    def _context_words(self, bd: "BlockDoc", span: "Span") -> set[str]:
        """Words next to a mention that may name its title or family role ("Mrs", "the minister", "his wife")."""
        root = span.root
        words: set[str] = set()
        doc = bd.doc

        def take(tokens: Iterable["Token"]) -> None:
            for t in tokens:
                if span.start <= t.i < span.end or t.is_punct:
                    continue
                other = self.mention_at(tok_start(bd, t), tok_end(bd, t))
                if other is not None and other.label == "PERSON":
                    continue  # another person's name ("the president's adviser X")
                words.add(t.lower_.rstrip("."))
                words.add(t.lemma_.lower())

        for t in span:  # an honorific the actor step kept inside the mention ("Mrs Anna Roe")
            low = t.lower_.rstrip(".")
            if low in gender_and_title_words():
                words.add(low)
        take(doc[root.left_edge.i:span.start])
        if root.dep_ in ("appos", "compound") and root.head.i != root.i:
            head = root.head
            take(doc[head.left_edge.i:head.i + 1])
        for c in root.children:
            if c.dep_ == "appos":
                take(doc[c.left_edge.i:c.right_edge.i + 1])
        return words

    def title_gender(self, actor_id: str | None) -> str | None:
        """Gender shown by the words next to a person's names ("Mrs", "his wife"), if any."""
        words = self.title_words.get(actor_id or "", set())
        f = bool(words & lex("female_words"))
        m = bool(words & lex("male_words"))
        if f != m:
            return "f" if f else "m"
        return None

    def gender_of(self, actor_id: str | None) -> str | None:
        """The actor step's gender, else the one its title words show."""
        actor = self.actors.get(actor_id or "")
        if actor is not None and actor.gender in ("m", "f"):
            return actor.gender
        return self.title_gender(actor_id)
