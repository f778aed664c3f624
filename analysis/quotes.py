"""Quotes and their speakers: direct, partial (mixed) and indirect speech.

The step works in four passes over one parsed article:

1. **Quote marks.** ``find_quote_spans`` pairs straight, curly, low and
   single quote marks per paragraph (nested quotes stay inside their outer
   quote; an opening mark left open at the end of a paragraph carries on when
   the next paragraph opens with a mark, as news style writes long quotes).
   Odd marks never raise: an unmatched closer is ignored, an unmatched opener
   runs to the end of its paragraph.
2. **Cues.** Every reporting verb outside quote marks (``say``, ``urge``,
   ``accuse``, ``reject`` ... from ``data/reporting_lexicon.json``) and every
   "according to X" gives a cue: its speaker (the verb's subject, the agent of
   a passive, an apposition, an inverted subject, the addressee-free subject of
   a participle such as "..., arguing that") and its content, read from the
   parse: a clausal complement ("said a ceasefire would..."), a noun with a
   that-clause ("rejected the suggestion that..."), an addressee with an
   infinitive ("urged X to..."), an accusation ("accused X of..."), a
   characterisation holding a quote ("called it "null and void"").
3. **Direct quotes.** Quote spans inside a cue's content make it mixed (or
   direct when the content is the quote); the others attach to the cue right
   before or after them ("...," he said / X said on TV, "..." / "We stand
   ready" tweeted X "to..."), to the subject of a clause that introduces them
   with a colon or comma, to a headline's "Speaker: quote", or, when a whole
   sentence is quoted with no cue of its own, to the speaker of the sentence
   before (a continued speaker, or a cue sentence with no content of its own).
   Quotes with no attribution at all (scare quotes, titles) are not quotes.
4. **Speakers.** Names resolve to the actor of their mention; "he"/"she" to
   the nearest earlier person of compatible gender; "the minister" to the
   nearest earlier person with that title; plural or collective sources
   ("Brazilian officials", "the embassy") are kept as groups in their own words
   with the nation their demonym gives; "a senior diplomat" is unnamed. "I" and
   "we" outside quote marks are the reporter's own voice and give no quote.

Public API: ``extract_quotes(parsed, actors, mentions) -> list[Quote]`` (text
order; also sets ``Mention.in_quote``) and ``find_quote_spans(text, blocks)``.
"""
from __future__ import annotations

import bisect
import functools
import json
import logging
import pathlib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Sequence

from .records import Actor, Block, Mention, Quote

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

    from .parsed import BlockDoc, ParsedArticle

log = logging.getLogger(__name__)

DATA_DIR = pathlib.Path(__file__).resolve().parent / "lexicon" / "data"

__all__ = ["QuoteSpan", "extract_quotes", "find_quote_spans", "lexicon"]


# --------------------------------------------------------------------------- lexicon

@functools.lru_cache(maxsize=1)
def lexicon() -> dict[str, frozenset[str] | dict]:
    """The reporting-verb and source-noun tables, loaded once (lower-case lemmas)."""
    try:
        raw = json.loads((DATA_DIR / "reporting_lexicon.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):  # pragma: no cover - broken install: run with no cues
        log.warning("reporting lexicon missing; quotes will be found only by their marks")
        raw = {}
    lex: dict[str, frozenset[str] | dict] = {}
    for key, value in raw.items():
        if key.startswith("_"):
            continue
        if isinstance(value, list):
            lex[key] = frozenset(v.lower() for v in value)
        elif isinstance(value, dict):
            lex[key] = {k.lower(): v for k, v in value.items()}
    # Role heads kept by the actor step ("minister", "envoy", ...) also name sources.
    try:
        roles = json.loads((DATA_DIR / "roles.json").read_text(encoding="utf-8"))
        heads = frozenset(str(r).lower() for r in roles.get("role_heads", []) if " " not in str(r))
    except (OSError, ValueError, AttributeError):
        heads = frozenset()
    lex["role_heads"] = heads | frozenset({
        "president", "minister", "secretary", "chancellor", "spokesman", "spokeswoman", "spokesperson",
        "envoy", "ambassador", "adviser", "advisor", "official", "senator", "governor", "mayor", "chief",
        "director", "leader", "premier", "king", "queen", "commissioner", "chairman", "chairwoman"})
    return lex


@functools.lru_cache(maxsize=1)
def _title_heads() -> frozenset[str]:
    """Words that stand before a name as its title ("Minister", "Detective", "Mrs")."""
    return _lex("role_heads") | _TITLE_WORDS


@functools.lru_cache(maxsize=1)
def _gender_and_title_words() -> frozenset[str]:
    return _lex("female_words") | _lex("male_words") | _lex("role_heads") | _TITLE_WORDS


def _lex(key: str) -> frozenset[str]:
    value = lexicon().get(key)
    return value if isinstance(value, frozenset) else frozenset()


def _lexd(key: str) -> dict:
    value = lexicon().get(key)
    return value if isinstance(value, dict) else {}


# --------------------------------------------------------------------------- quote marks

DOUBLE_OPEN = "\u201c\u201e\u00ab\u201f"  # “ „ « ‟
DOUBLE_CLOSE = "\u201d\u00bb"  # ” »
DOUBLE_STRAIGHT = "\"\uff02"
SINGLE_OPEN = "\u2018\u201a\u2039"  # ‘ ‚ ‹
SINGLE_CLOSE = "\u2019\u203a"  # ’ ›
SINGLE_STRAIGHT = "'"
ALL_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_STRAIGHT + SINGLE_OPEN + SINGLE_CLOSE + SINGLE_STRAIGHT
_OPEN_BEFORE = set("([{\u2014\u2013-/:;" + DOUBLE_OPEN + SINGLE_OPEN + DOUBLE_STRAIGHT + SINGLE_STRAIGHT)
_CLOSE_AFTER = set(".,;:!?)]}\u2014\u2013-\u2026/" + DOUBLE_CLOSE + SINGLE_CLOSE + DOUBLE_STRAIGHT + SINGLE_STRAIGHT)
MAX_SINGLE_QUOTE = 400  # a "single-quoted" stretch longer than this is apostrophes, not a quote


@dataclass
class QuoteSpan:
    """A top-level stretch between quote marks, in article offsets.

    ``open``/``close`` include the marks; ``start``/``end`` are the words
    inside them. ``continues`` marks a paragraph that carries on a quote
    left open at the end of the paragraph before.
    """

    open: int
    close: int
    start: int
    end: int
    block: int
    double: bool = True
    continues: bool = False
    unclosed: bool = False
    used: bool = False


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _scan_block(text: str, lo: int, hi: int) -> tuple[list[tuple[int, int, bool]], int | None, list[int]]:
    """Pair the marks of one paragraph.

    Returns (closed top-level spans as (open, close_excl, is_double), the
    offset of a top-level opener left unclosed or None, offsets of stray
    double closers met at depth 0).
    """
    spans: list[tuple[int, int, bool]] = []
    strays: list[int] = []
    stack: list[tuple[str, int]] = []  # ("d"|"s", offset)
    for i in range(lo, hi):
        c = text[i]
        if c not in ALL_MARKS:
            continue
        prev = text[i - 1] if i > lo else " "
        nxt = text[i + 1] if i + 1 < hi else " "
        open_ctx = prev.isspace() or prev in _OPEN_BEFORE
        close_ctx = (not prev.isspace()) and (nxt.isspace() or nxt in _CLOSE_AFTER)
        has_double = any(k == "d" for k, _ in stack)
        if c in DOUBLE_OPEN or c in DOUBLE_CLOSE or c in DOUBLE_STRAIGHT:
            if c in DOUBLE_OPEN:
                action = "open"
            elif c in DOUBLE_CLOSE:
                # Some texts write ” for both marks: at depth 0 in an opening position it opens.
                action = "close" if has_double or not (open_ctx and not close_ctx) else "open"
            else:
                if has_double:
                    action = "open" if (open_ctx and not close_ctx and not nxt.isspace()) else "close"
                else:
                    action = "open" if (open_ctx or not close_ctx) else "close"
            if action == "open":
                stack.append(("d", i))
            elif has_double:
                # Close the innermost double; singles opened inside it and never closed were apostrophes.
                while stack:
                    kind, at = stack.pop()
                    if kind == "d":
                        break
                if not stack:
                    spans.append((at, i + 1, True))
            else:
                strays.append(i)
            continue
        # Single marks: only clear pairs count, since ' and ’ are mostly apostrophes.
        is_open = c in SINGLE_OPEN or c in SINGLE_STRAIGHT
        is_close = c in SINGLE_CLOSE or c in SINGLE_STRAIGHT
        if is_close and stack and stack[-1][0] == "s" and close_ctx and not (prev.isalpha() and nxt.isalpha()):
            kind, at = stack.pop()
            if not stack and i + 1 - at <= MAX_SINGLE_QUOTE:
                spans.append((at, i + 1, False))
            continue
        if is_open and open_ctx and (nxt.isalnum() or nxt in "[(\u2026."):
            stack.append(("s", i))
    unclosed = None
    for kind, at in stack:  # the outermost double still open
        if kind == "d":
            unclosed = at
            break
    return spans, unclosed, strays


def find_quote_spans(text: str, blocks: Sequence[Block]) -> list[QuoteSpan]:
    """Top-level quoted stretches of an article, paragraph by paragraph, in text order.

    Never raises: unbalanced marks degrade to shorter or fewer spans.
    """
    out: list[QuoteSpan] = []
    carry = False  # the previous paragraph ended inside an open quote
    ordered = sorted(blocks, key=lambda b: b.start)
    for bi, block in enumerate(ordered):
        lo, hi = max(0, block.start), min(len(text), block.end)
        if hi <= lo:
            carry = False
            continue
        try:
            spans, unclosed, strays = _scan_block(text, lo, hi)
        except Exception:  # pragma: no cover - defensive: odd input gives no spans, never an error
            log.debug("quote scan failed in block %s", block.index, exc_info=True)
            carry = False
            continue
        first_char = _strip(text, lo, hi)[0]
        starts_with_mark = first_char < hi and text[first_char] in DOUBLE_OPEN + DOUBLE_STRAIGHT
        new: list[QuoteSpan] = []
        if carry and strays and not starts_with_mark:
            # A continued quote whose opening mark was left out: it runs to the first stray closer.
            s, e = _strip(text, lo, strays[0])
            if e > s:
                new.append(QuoteSpan(lo, strays[0] + 1, s, e, block.index, continues=True))
            spans = [sp for sp in spans if sp[0] > strays[0]]
        for o, c, dbl in spans:
            s, e = _strip(text, o + 1, c - 1)
            if e > s:
                new.append(QuoteSpan(o, c, s, e, block.index, double=dbl))
        next_block = ordered[bi + 1] if bi + 1 < len(ordered) else None
        next_opens = False
        if next_block is not None:
            ns = _strip(text, next_block.start, min(len(text), next_block.end))[0]
            next_opens = ns < len(text) and text[ns] in DOUBLE_OPEN + DOUBLE_STRAIGHT
        carry_now = False
        if unclosed is not None:
            s, e = _strip(text, unclosed + 1, hi)
            if e > s and not any(sp.open <= unclosed < sp.close for sp in new):
                # An opener left open runs to the end of its paragraph; it carries on only when
                # the next paragraph opens with a mark, as news style writes long quotes.
                new.append(QuoteSpan(unclosed, hi, s, e, block.index, unclosed=True))
                carry_now = next_opens
        new.sort(key=lambda sp: sp.open)
        if carry and new and new[0].open == first_char:
            new[0].continues = True
        out.extend(new)
        carry = carry_now
    return out


# --------------------------------------------------------------------------- records used inside

@dataclass
class _Speaker:
    kind: str  # named | pronoun | nominal | group | unnamed
    actor_id: str | None
    name: str | None
    nation: str | None
    start: int | None
    end: int | None
    head: str | None = None  # head noun of an unnamed or group source ("spokeswoman")


@dataclass
class _Cue:
    bd: "BlockDoc"
    verb: "Token | None"
    text: str
    start: int
    end: int
    speaker: _Speaker
    sent: int
    anchor: tuple[int, int]  # the cue's frame: speaker and verb together
    parts: list[tuple[int, int]] = field(default_factory=list)  # content pieces (article offsets)
    quoted: list[QuoteSpan] = field(default_factory=list)
    clause: bool = False  # content came from the parse, not only from quote marks


_PERSONAL = {"he": "m", "him": "m", "she": "f", "her": "f"}
_REPORTER = {"i", "we", "me", "us", "you", "one"}
_NO_SOURCE = {"it", "this", "that", "there", "these", "those", "what", "which", "nothing", "something",
              "everything", "anything", "all", "each", "both", "such", "itself"}
_PLURAL_PRON = {"they", "them"}
_REL_PRON = {"who", "which", "that", "whom"}
_QUANTIFIERS = {"one", "two", "three", "some", "many", "most", "several", "both", "all", "each", "none",
                "few", "either", "neither", "any"}
_SOURCE_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
_NOT_NAMES = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "CARDINAL", "EVENT", "LAW", "LANGUAGE"}
# Titles that precede a name but are not heads of a role phrase in roles.json.
_TITLE_WORDS = {"constable", "detective", "sergeant", "spokesperson", "spokesman", "spokeswoman", "dr", "dr.",
                "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "prof", "prof.", "sir", "dame", "rev", "rev.", "father",
                "sister", "brother", "rabbi", "imam", "cardinal", "bishop", "pastor"}
# Verbs through whose infinitive a cue keeps their subject: "went on to say".
_XCOMP_HEADS = {"go", "continue", "begin", "start", "proceed", "be", "seem", "appear", "use", "keep", "repeat"}
# Orders and promises are not reported as "X, she ordered".
_NOT_FRONTED = {"order", "instruct", "urge", "encourage", "invite", "press", "implore", "beg", "appeal", "request",
                "exhort", "command", "demand", "entreat", "beseech", "call", "vow", "pledge", "promise", "threaten",
                "swear", "rule", "propose", "recommend"}
# Verbs whose object is the person told, not the subject of what was said.
_ADDRESSEE_VERBS = {"tell", "inform", "assure", "reassure", "remind", "warn", "notify", "advise", "brief", "promise",
                    "ask", "caution", "persuade", "convince", "show", "teach", "email", "text", "message", "write"}
_NAME_PARTICLES = {"de", "da", "del", "della", "di", "van", "von", "der", "den", "al", "el", "bin", "ibn", "la", "le",
                   "du", "dos", "das", "y"}


def _tok_start(bd: "BlockDoc", t: "Token") -> int:
    return bd.block.start + t.idx


def _tok_end(bd: "BlockDoc", t: "Token") -> int:
    return bd.block.start + t.idx + len(t.text)


class _Article:
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
        return self.span_at(pos) is not None

    def sentence_index(self, pos: int) -> int:
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
            self._names = (names, surnames)
        return self._names

    def actor_of(self, m: Mention | None) -> Actor | None:
        if m is None or not m.actor_id:
            return None
        return self.actors.get(m.actor_id)

    # ---- per-person context words (titles, family words) for nominal and pronoun look-ups
    def _index_mentions(self) -> None:
        for bd in self.parsed.block_docs:
            for m in self.mentions_in(bd.block.start, bd.block.end):
                try:
                    span = bd.doc.char_span(m.start - bd.block.start, m.end - bd.block.start,
                                            alignment_mode="expand")
                except Exception:
                    span = None
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
        root = span.root
        words: set[str] = set()
        doc = bd.doc

        def take(tokens: Iterable["Token"]) -> None:
            for t in tokens:
                if span.start <= t.i < span.end or t.is_punct:
                    continue
                other = self.mention_at(_tok_start(bd, t), _tok_end(bd, t))
                if other is not None and other.label == "PERSON":
                    continue  # another person's name ("the president's adviser X")
                words.add(t.lower_.rstrip("."))
                words.add(t.lemma_.lower())

        for t in span:  # an honorific the actor step kept inside the mention ("Mrs Anna Roe")
            low = t.lower_.rstrip(".")
            if low in _gender_and_title_words():
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
        f = bool(words & _lex("female_words"))
        m = bool(words & _lex("male_words"))
        if f != m:
            return "f" if f else "m"
        return None

    def gender_of(self, actor_id: str | None) -> str | None:
        """The actor step's gender, else the one its title words show."""
        actor = self.actors.get(actor_id or "")
        if actor is not None and actor.gender in ("m", "f"):
            return actor.gender
        return self.title_gender(actor_id)


# --------------------------------------------------------------------------- speakers

def _np_range(bd: "BlockDoc", s: "Token") -> tuple[int, int]:
    """Article offsets of a speaker noun phrase, without clauses and appositions hanging off it."""
    doc = bd.doc
    cut = {c.i for c in s.children if c.dep_ in ("relcl", "acl", "appos", "advcl", "punct", "cc", "conj")
           and c.i > s.i}
    first, last = s.left_edge.i, s.i
    for c in s.children:
        if c.i > s.i and c.i not in cut and c.dep_ in ("prep", "compound", "nummod", "amod", "nmod"):
            last = max(last, c.right_edge.i)
    while first < last and doc[first].is_punct:
        first += 1
    while last > first and doc[last].is_punct:
        last -= 1
    return _tok_start(bd, doc[first]), _tok_end(bd, doc[last])


def _group_range(bd: "BlockDoc", s: "Token") -> tuple[int, int]:
    """A coordinated subject ("Canada and its allies") as one stretch."""
    doc = bd.doc
    first, last = s.left_edge.i, s.i
    for c in s.children:
        if c.i > s.i and c.dep_ in ("conj", "cc", "prep", "compound", "amod", "nmod"):
            last = max(last, c.right_edge.i)
    while last > first and doc[last].is_punct:
        last -= 1
    return _tok_start(bd, doc[first]), _tok_end(bd, doc[last])


class _Speakers:
    """Resolves a cue's subject token to a speaker."""

    def __init__(self, art: _Article):
        self.art = art

    def _nation_of_words(self, start: int, end: int) -> str | None:
        art = self.art
        for m in art.mentions_in(start, end):
            actor = art.actor_of(m)
            if actor is not None and actor.nation and m.label in ("GPE", "NORP", "ORG", "FAC", "LOC"):
                return actor.nation
            code = _gazetteer_nation(m.text)
            if code:
                return code
        for word in re.findall(r"[A-Z][\w'\u2019.-]+", art.text[start:end]):
            code = _gazetteer_nation(word)
            if code:
                return code
        return None

    def resolve(self, bd: "BlockDoc", s: "Token", depth: int = 0) -> _Speaker | None:
        """The speaker named by subject token ``s`` (None when it is no source)."""
        if s is None or depth > 3:
            return None
        art = self.art
        low = s.lower_
        start, end = _tok_start(bd, s), _tok_end(bd, s)
        if art.in_quote(start):
            return None
        named = self._appositive_person(bd, s)
        if named is not None:
            return named
        conjs = [c for c in s.children if c.dep_ == "conj" and self._sourcelike(bd, c)]
        if conjs:
            # "Canada and its allies", "Both he and the commissioner": one group, no single nation
            gs, ge = _group_range(bd, s)
            nations = {self._nation_of_words(_tok_start(bd, x), _tok_end(bd, x)) for x in [s] + conjs}
            nation = nations.pop() if len(nations) == 1 else None
            return _Speaker("group", None, art.text[gs:ge], nation, gs, ge)
        if low in _PERSONAL and s.pos_ == "PRON":
            return self.pronoun(bd, s)
        if low in _PLURAL_PRON:
            return _Speaker("group", None, s.text[:1].upper() + s.text[1:], None, start, end)
        if low in _REL_PRON and s.head.dep_ == "relcl":
            return self.resolve(bd, s.head.head, depth + 1)
        if low in _QUANTIFIERS and s.pos_ in ("NUM", "PRON", "DET", "ADJ", "NOUN"):
            # "One of these groups, the SDF, said": the apposition names it, else the group does
            for c in s.children:
                if c.dep_ == "appos":
                    return self.resolve(bd, c, depth + 1)
            for c in s.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    ns, ne = _np_range(bd, s)
                    return _Speaker("group", None, art.text[ns:ne], self._nation_of_words(ns, ne), ns, ne)
            return None
        if low in _REPORTER or low in _NO_SOURCE or s.pos_ in ("PRON", "DET", "NUM"):
            return None
        m = art.mention_at(start, end)
        if m is not None and m.label == "PERSON":
            return self._named(m)
        for c in s.children:  # "Dunn's mother, Charlotte Charles, said"
            if c.dep_ == "appos":
                am = art.mention_at(_tok_start(bd, c), _tok_end(bd, c))
                if am is not None and am.label == "PERSON":
                    return self._named(am)
        if s.pos_ == "PROPN" or s.is_title:
            # "Former Ambassador to the United Nations Jane Roe wrote": a title-cased head
            # whose noun phrase ends with the person's name
            ns, ne = _np_range(bd, s)
            tail = [x for x in art.mentions_in(ns, ne) if x.label == "PERSON" and x.end == ne]
            if tail:
                return self._named(tail[-1])
        lemma = s.lemma_.lower()
        if m is not None and m.label != "PERSON":
            inner = self._person_in_title(m)
            if inner is not None:
                return inner
        if m is None and s.is_title and s.pos_ in ("NOUN", "PROPN"):
            # the parser and the tagger missed a name the actor step knows ("Lopez tweeted")
            actor = self._actor_by_surface(s.text, s.text)
            if actor is not None:
                return _Speaker("named", actor.id, actor.name, actor.nation, start, end)
        if m is not None and m.label in _SOURCE_LABELS:
            if m.label == "NORP" and (s.tag_ in ("NNPS", "NNS") or low.endswith("s")):
                ns, ne = _np_range(bd, s)
                actor = art.actor_of(m)
                nation = (actor.nation if actor else None) or _gazetteer_nation(m.text)
                return _Speaker("group", None, art.text[ns:ne], nation, ns, ne)
            return self._named(m)
        if lemma in _lex("document_nouns") or low in _lex("document_nouns"):
            # "a statement released by X", "X's statement", "a report from X"
            for c in s.children:
                if c.dep_ == "poss":
                    sp = self.resolve(bd, c, depth + 1)
                    if sp is not None:
                        return sp
                if c.dep_ == "prep" and c.lower_ in ("by", "from", "of"):
                    for p in c.children:
                        if p.dep_ == "pobj":
                            sp = self.resolve(bd, p, depth + 1)
                            if sp is not None:
                                return sp
                if c.dep_ == "acl":
                    for a in c.children:
                        if a.dep_ == "agent":
                            for p in a.children:
                                if p.dep_ == "pobj":
                                    sp = self.resolve(bd, p, depth + 1)
                                    if sp is not None:
                                        return sp
            ns, ne = _np_range(bd, s)
            return _Speaker("unnamed", None, art.text[ns:ne], self._nation_of_words(ns, ne), ns, ne)
        if s.pos_ == "PROPN" and lemma not in _lex("role_heads"):
            ns, ne = _np_range(bd, s)
            name = art.text[ns:ne]
            actor = self._actor_by_surface(s.text, name)
            if actor is not None:
                return _Speaker("named", actor.id, actor.name, actor.nation, ns, ne)
            if s.ent_type_ not in _NOT_NAMES and s.is_title:
                first = s
                while first.i > s.left_edge.i and bd.doc[first.i - 1].dep_ == "compound" \
                        and bd.doc[first.i - 1].pos_ == "PROPN":
                    first = bd.doc[first.i - 1]
                ns2 = _tok_start(bd, first)
                return _Speaker("named", None, art.text[ns2:end], None, ns2, end)
            return None
        if lemma in _lex("person_nouns") or lemma in _lex("role_heads") or low in _lex("person_nouns"):
            ns, ne = _np_range(bd, s)
            words = art.text[ns:ne]
            nation = self._nation_of_words(ns, ne)
            plural = s.tag_ in ("NNS", "NNPS") or (low != lemma and low.endswith("s"))
            if plural or lemma in _lex("collective_nouns"):
                return _Speaker("group", None, words, nation, ns, ne)
            definite = any(c.dep_ == "poss" or c.lower_ in ("the", "this", "that") for c in s.children) \
                or any(c.dep_ == "compound" for c in s.children)
            if definite and (lemma in _lex("role_heads") or lemma in _lex("person_nouns")):
                modifiers = {c.lemma_.lower() for c in s.children if c.dep_ in ("compound", "amod")}
                actor = self.nominal(start, lemma, modifiers, nation)
                if actor is not None:
                    return _Speaker("nominal", actor.id, actor.name, actor.nation, ns, ne)
            return _Speaker("unnamed", None, words, nation, ns, ne, head=lemma)
        return None

    def _sourcelike(self, bd: "BlockDoc", c: "Token") -> bool:
        """Could this conjunct speak? (not "US$3.6 billion", not "the plan")"""
        if any(ch.isdigit() for ch in c.text) or c.like_num or c.text[:1] in "$\u20ac\u00a3":
            return False
        if c.pos_ in ("PRON",) and c.lower_ in _PERSONAL | _PLURAL_PRON:
            return True
        m = self.art.mention_at(_tok_start(bd, c), _tok_end(bd, c))
        if m is not None:
            return m.label in _SOURCE_LABELS
        lemma = c.lemma_.lower()
        return lemma in _lex("person_nouns") or lemma in _lex("role_heads") or lemma in _lex("collective_nouns")

    def _appositive_person(self, bd: "BlockDoc", s: "Token") -> _Speaker | None:
        """The person an apposition names: "the university's chancellor, Pradeep Khosla, said"."""
        art = self.art
        heads = [s] + [c for c in s.children if c.dep_ == "conj" and c.pos_ == "NOUN"
                       and c.lemma_.lower() in _lex("role_heads") | _lex("person_nouns")
                       and any(g.dep_ == "poss" for g in c.children)]
        doc = s.doc
        last = s.right_edge.i
        while last > s.i and (doc[last].is_punct or doc[last].is_space):
            last -= 1
        np_end = _tok_end(bd, doc[last])
        for t in s.subtree:  # "The director of the Society, Bob Hughes, told": the phrase ends with the name
            if t.dep_ == "appos" and t.i != s.i:
                m = art.mention_at(_tok_start(bd, t), _tok_end(bd, t))
                if m is not None and m.label == "PERSON" and m.end >= np_end:
                    return self._named(m)
        for h in heads:
            for c in h.children:
                if c.dep_ != "appos":
                    continue
                cs, ce = _tok_start(bd, c), _tok_end(bd, c)
                m = art.mention_at(cs, ce)
                if m is not None and m.label == "PERSON":
                    return self._named(m)
                if m is None and c.pos_ == "PROPN" and c.is_title and h.pos_ == "NOUN":
                    first = c
                    while first.i > c.left_edge.i and c.doc[first.i - 1].dep_ == "compound" \
                            and c.doc[first.i - 1].pos_ == "PROPN" and c.doc[first.i - 1].is_title:
                        first = c.doc[first.i - 1]
                    if first.i < c.i or h.lemma_.lower() in _lex("person_nouns"):  # "his wife Mary"
                        ns = _tok_start(bd, first)
                        actor = self._actor_by_surface(c.text, art.text[ns:ce])
                        if actor is not None:
                            return _Speaker("named", actor.id, actor.name, actor.nation, ns, ce)
                        return _Speaker("named", None, art.text[ns:ce], None, ns, ce)
        return None

    def _person_in_title(self, m: Mention) -> _Speaker | None:
        """A person inside a mention read as an organisation: "Detective Constable Jane Roe"."""
        words = list(re.finditer(r"\S+", m.text))
        role_at = None
        for i, w in enumerate(words):
            if w.group().lower().strip(".,") in _title_heads():
                role_at = i
        if role_at is None or len(words) - role_at - 1 < 2:
            return None
        rest = words[role_at + 1:]
        if not all(w.group()[:1].isupper() or w.group().lower() in _NAME_PARTICLES for w in rest):
            return None
        start = m.start + rest[0].start()
        name = self.art.text[start:m.end]
        actor = self._actor_by_surface(rest[-1].group(), name)
        if actor is not None and actor.type == "PERSON":
            return _Speaker("named", actor.id, actor.name, actor.nation, start, m.end)
        return _Speaker("named", None, name, None, start, m.end)

    def _named(self, m: Mention) -> _Speaker:
        actor = self.art.actor_of(m)
        if actor is None:
            return _Speaker("named", m.actor_id, m.text, None, m.start, m.end)
        return _Speaker("named", actor.id, actor.name, actor.nation, m.start, m.end)

    def _actor_by_surface(self, word: str, phrase: str) -> Actor | None:
        """The actor a name the tagger missed belongs to: by name, alias, then a person's surname."""
        names, surnames = self.art.name_index()
        return names.get(phrase.lower()) or names.get(word.lower()) or surnames.get(word.lower())

    def _candidates_before(self, pos: int, window: int = 8) -> list[list[Mention]]:
        """Earlier PERSON mentions outside quote marks, grouped by sentence, nearest sentence first."""
        art = self.art
        here = art.sentence_index(pos)
        groups: dict[int, list[Mention]] = {}
        i = bisect.bisect_left(art.mention_starts, pos) - 1
        while i >= 0:
            m = art.mentions[i]
            i -= 1
            if m.end > pos or art.in_quote(m.start):
                continue
            if not (m.label == "PERSON" and m.actor_id) and self._person_in_title(m) is None:
                continue
            if here - m.sentence_index > window:
                break
            if m.sentence_index == here and self._subject_rank(m) == 2:
                continue  # "In an interview with X, she said": X is no antecedent
            groups.setdefault(m.sentence_index, []).append(m)
        return [sorted(groups[k], key=lambda m: m.start) for k in sorted(groups, reverse=True)]

    def pronoun(self, bd: "BlockDoc", s: "Token") -> _Speaker | None:
        art = self.art
        want = _PERSONAL.get(s.lower_)
        start, end = _tok_start(bd, s), _tok_end(bd, s)
        for group in self._candidates_before(start):
            pool = [m for m in group if art.gender_of(m.actor_id) in (want, None)]
            if not pool:
                continue
            # Titles that show the gender ("Mrs", "mother") first, then the main clause's subject, any
            # subject, a gender the actor step inferred, the leftmost.
            m = min(pool, key=lambda x: (art.title_gender(x.actor_id) != want, self._subject_rank(x),
                                         art.gender_of(x.actor_id) != want, x.start))
            if self._subject_rank(m) == 2 and self._pronoun_subject(m.sentence_index, s.lower_):
                # "She testified she was attacked by A and B. She told the court ...": the
                # sentence is about the same "she", so look further back for her.
                continue
            found = self._named(m) if m.label == "PERSON" else self._person_in_title(m)
            if found is None:
                continue
            return _Speaker("pronoun", found.actor_id, found.name, found.nation, start, end)
        return None

    def _pronoun_subject(self, sentence_index: int, pronoun: str) -> bool:
        """Does that sentence's main verb have the same personal pronoun as subject?"""
        want = _PERSONAL.get(pronoun)
        for bd, sent, idx in self.art.parsed.iter_sents():
            if idx != sentence_index:
                continue
            for t in sent:
                if t.dep_ in ("nsubj", "nsubjpass") and _PERSONAL.get(t.lower_) == want and t.pos_ == "PRON":
                    return True
            return False
        return False

    def _subject_rank(self, m: Mention) -> int:
        """0 for the subject of a sentence's main verb, 1 for another subject, 2 otherwise."""
        span = self.art.mention_tokens.get(id(m))
        if span is None:
            return 2
        root = span.root
        for _ in range(3):
            if root.dep_ in ("nsubj", "nsubjpass"):
                return 0 if root.head.dep_ == "ROOT" else 1
            if root.dep_ in ("appos", "compound", "conj"):
                root = root.head
                continue
            break
        return 2

    def nominal(self, pos: int, lemma: str, modifiers: set[str], nation: str | None) -> Actor | None:
        """The nearest earlier person whose title holds ``lemma`` ("the minister")."""
        art = self.art
        best: tuple[int, int, Actor] | None = None
        for rank, group in enumerate(self._candidates_before(pos, window=30)):
            for m in group:
                words = art.title_words.get(m.actor_id or "", set())
                if lemma not in words:
                    continue
                actor = art.actor_of(m)
                if actor is None:
                    continue
                if nation and actor.nation and actor.nation != nation:
                    continue
                score = len(modifiers & words)
                if best is None or score > best[1]:
                    best = (rank, score, actor)
            if best is not None:
                return best[2]
        return None


@functools.lru_cache(maxsize=4096)
def _gazetteer_nation(text: str) -> str | None:
    """Alpha-2 for a demonym, country name or seat of government, via the shared gazetteer."""
    text = (text or "").strip()
    if not text or len(text) < 2:
        return None
    try:
        from .lexicon import gazetteer
    except Exception:  # pragma: no cover - the gazetteer module is optional here
        return None
    try:
        code = gazetteer.nation_of(text)
    except Exception:  # pragma: no cover - a gazetteer bug must not stop the quotes
        return None
    return code if isinstance(code, str) and len(code) == 2 else None


# --------------------------------------------------------------------------- cues

def _cue_lemmas() -> frozenset[str]:
    return (_lex("speech_verbs") | _lex("cue_only_verbs") | _lex("directive_verbs") | _lex("promise_verbs")
            | _lex("characterise_verbs") | frozenset(_lexd("accusation_verbs"))
            | _lex("content_object_verbs"))


def _is_speech_stem(stem: str) -> bool:
    """Is "<stem>ing" a form of a reporting verb ("add", "not(e)", "argu(e)", "admitt")?"""
    speech = _lex("speech_verbs") | _lex("cue_only_verbs")
    forms = {stem, stem + "e"}
    if len(stem) > 2 and stem[-1] == stem[-2]:
        forms.add(stem[:-1])
    return bool(forms & speech)


def _is_verb(t: "Token") -> bool:
    return t.pos_ in ("VERB", "AUX") or t.tag_.startswith("VB")


def _lemma(t: "Token") -> str:
    lemma = t.lemma_.lower()
    if lemma == "criticise":
        return "criticize"
    return lemma


class _Finder:
    """Finds cues and their content in one article."""

    def __init__(self, art: _Article):
        self.art = art
        self.speakers = _Speakers(art)
        self.cue_lemmas = _cue_lemmas()

    # ---- the subject of a cue verb
    def subject(self, v: "Token", depth: int = 0) -> "Token | None":
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
                if _lemma(v) in ("quote", "cite"):
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
            return None
        if v.tag_ == "VBN" and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in v.children):
            # "appeared in court, charged with murder": a passive participle's subject is no speaker
            if v.dep_ in ("advcl", "acl", "amod", "xcomp"):
                return None
            if v.dep_ == "conj" and any(c.dep_ in ("auxpass", "nsubjpass") for c in head.children):
                return None
        if v.dep_ == "conj":
            if not self._is_cue(head) and head.dep_ == "ccomp" and self._is_cue(head.head):
                # "said talks were "positive" but confirmed ...": the parser hangs the second
                # cue on the first one's complement; the speaker is the first cue's.
                return self.subject(head.head, depth + 1)
            return self.subject(head, depth + 1)
        if v.dep_ == "advcl" and _is_verb(head):
            return self.subject(head, depth + 1)
        if v.dep_ == "xcomp" and _is_verb(head) and (_lemma(head) in _XCOMP_HEADS or self._is_cue(head)):
            # "went on to say", "continued to insist"; not "tried to add" or "would consider charging"
            return self.subject(head, depth + 1)
        if v.dep_ == "pcomp" and head.dep_ == "prep" and _is_verb(head.head):
            # "tried to have X released by saying ...": the one trying speaks, not X
            h = head.head
            while h.dep_ in ("xcomp", "ccomp") and _is_verb(h.head) and h.head.i != h.i:
                h = h.head
            return self.subject(h, depth + 1)
        return None

    def _is_cue(self, t: "Token") -> bool:
        if not _is_verb(t):
            return False
        lemma = _lemma(t)
        particle = _lexd("speech_particles").get(lemma)
        if particle:  # "pointed out", "hit back": the verb speaks only with its particle
            return any(c.dep_ == "prt" and c.lower_ == particle for c in t.children) or lemma in self.cue_lemmas
        return lemma in self.cue_lemmas

    def _fallback_subject(self, bd: "BlockDoc", v: "Token") -> "Token | None":
        """A finite verb the parser left without subject: the nearest subject to its left."""
        if v.tag_ not in ("VBD", "VBZ", "VBP"):
            return None
        for t in reversed(list(v.sent)[: v.i - v.sent.start]):
            if t.dep_ == "nsubj" and not self.art.in_quote(_tok_start(bd, t)):
                return t
        return None

    # ---- content pieces
    def _tokens_range(self, bd: "BlockDoc", tokens: list["Token"]) -> tuple[int, int] | None:
        """Article offsets of a token run, without the punctuation and "that" at its edges."""
        tokens = [t for t in tokens if not t.is_space]

        def weak_first(t: "Token") -> bool:
            return (t.is_punct and t.text not in ALL_MARKS + "([") or (t.lower_ == "that" and t.dep_ == "mark")

        def weak_last(t: "Token") -> bool:
            return (t.is_punct and t.text not in ALL_MARKS + ")]") or t.dep_ == "cc"

        while tokens and weak_first(tokens[0]):
            tokens = tokens[1:]
        while tokens and weak_last(tokens[-1]):
            tokens = tokens[:-1]
        if not tokens:
            return None
        return _tok_start(bd, tokens[0]), _tok_end(bd, tokens[-1])

    def _subtree_run(self, root: "Token", cue: "Token", start_at: "Token | None" = None) -> list["Token"]:
        """The contiguous stretch of ``root``'s subtree, less statements coordinated with it.

        "said talks were "positive" but confirmed ..." and "said X, while Y wrote ..." hold a
        second cue inside the first one's clause: its words are not the first cue's content.
        A cue in a clausal complement ("said Y had warned that ...") is reported speech and stays.
        """
        doc = root.doc
        excluded: set[int] = {cue.i}
        for t in root.subtree:
            if t.i == root.i or not self._is_cue(t) or t.dep_ not in ("conj", "advcl", "parataxis"):
                continue
            if t.dep_ != "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
                continue
            excluded.update(range(t.left_edge.i, t.right_edge.i + 1))
            j = t.left_edge.i - 1
            while j > root.i and doc[j].dep_ in ("cc", "mark", "punct") and doc[j].text not in ALL_MARKS:
                excluded.add(j)
                j -= 1
        first = min((start_at or root).left_edge.i, root.left_edge.i)
        run: list["Token"] = []
        for i in range(first, root.right_edge.i + 1):
            if i in excluded:
                if i > root.i:
                    break
                run = []
                continue
            run.append(doc[i])
        return run

    @staticmethod
    def _fronted(c: "Token", v: "Token") -> bool:
        """A complement before its cue is reported only as "X, he said" (a comma, no semicolon).

        Orders and promises are not written that way: "A did X, B ordered Y" is two clauses.
        """
        if _lemma(v) in _NOT_FRONTED:
            return False
        between = [t.text for t in v.doc[c.right_edge.i + 1:v.i]]
        return "," in between and not any(x in between for x in (";", ":"))

    def content(self, bd: "BlockDoc", v: "Token") -> tuple[tuple[int, int] | None, str]:
        """(content range, how it was found) for cue verb ``v``; (None, "") when it has none."""
        lemma = _lemma(v)
        kids = list(v.children)
        speech = lemma in _lex("speech_verbs") or (lemma in _lexd("speech_particles") and self._is_cue(v))
        # 1. a clausal complement: "said (that) ...", "warned that ...", "asked whether ..."
        if speech or lemma in _lex("directive_verbs"):
            # A complement after the cue first: "Regarding X, Y said it was Z" reports Z.
            for c in sorted(kids, key=lambda k: (k.i < v.i, k.i)):
                if c.dep_ == "ccomp" and (c.i > v.i or self._fronted(c, v)):
                    start_at = None
                    if c.i > v.i and not any(g.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for g in c.children):
                        # "remarked toilet paper is bulky": the parser took the clause's subject
                        # for the verb's object
                        if lemma not in _ADDRESSEE_VERBS:
                            start_at = next((d for d in kids if d.dep_ == "dobj" and v.i < d.i < c.i), None)
                    rng = self._tokens_range(bd, self._subtree_run(c, v, start_at=start_at))
                    if rng:
                        return rng, "clause"
            # "said as a teenager she was forced ...": a complement the parser read as an
            # adverbial clause (its own subject, no "because"/"when" before it)
            if speech:
                for c in kids:
                    if c.dep_ == "advcl" and c.i > v.i and \
                            any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children) and \
                            not any(g.dep_ == "mark" and g.lower_ != "that" for g in c.children) and \
                            not any(g.dep_ == "advmod" and g.tag_ == "WRB" for g in c.children) and \
                            not any(x.text == "," for x in v.doc[v.i + 1:c.left_edge.i]):
                        rng = self._tokens_range(bd, self._subtree_run(c, v))
                        if rng:
                            return rng, "clause"
        # 1b. the cue hangs off the clause it reports: "The issue is X, he added."
        if speech and v.dep_ in ("parataxis", "ccomp", "advcl") and v.head.i < v.i \
                and any(c.dep_ in ("nsubj", "nsubjpass") for c in kids) and _is_verb(v.head) \
                and all(t.is_punct or t.is_space for t in v.doc[v.right_edge.i + 1:v.sent.end]):
            head = v.head
            doc = v.doc
            own = {x.i for x in v.subtree}
            run = [doc[i] for i in range(head.left_edge.i, v.left_edge.i) if i not in own]
            if run and any(doc[i].text == "," for i in range(head.i, v.left_edge.i)):
                rng = self._tokens_range(bd, run)
                if rng:
                    return rng, "clause"
        # 2. a noun with a that-clause: "rejected the suggestion that ...", "voiced concern that ..."
        if lemma in _lex("content_object_verbs"):
            for d in kids:
                if d.dep_ != "dobj" or d.lemma_.lower() not in _lex("content_nouns") and \
                        d.lower_ not in _lex("content_nouns"):
                    continue
                for c in d.children:
                    if c.dep_ in ("acl", "ccomp", "relcl") and c.i > d.i and \
                            any(t.lower_ == "that" for t in v.doc[d.i + 1:c.i + 1]) and c.i - d.i <= 6:
                        rng = self._tokens_range(bd, self._subtree_run(d, v))
                        if rng:
                            return rng, "clause"
        # 3. an addressee and an infinitive: "urged X to ...", "called on X to ..."
        if lemma in _lex("directive_verbs"):
            x = next((c for c in kids if c.dep_ in ("xcomp", "ccomp") and c.i > v.i), None)
            addressee = next((c for c in kids if c.dep_ in ("dobj", "dative") and c.i > v.i), None)
            if addressee is None:
                for c in kids:
                    if c.dep_ == "prep" and c.lower_ in _lex("directive_preps") and c.i > v.i:
                        addressee = next((p for p in c.children if p.dep_ == "pobj"), None)
                        if addressee is not None:
                            if x is None:
                                x = next((g for g in addressee.children if g.dep_ in ("acl", "relcl")), None)
                            break
            if x is not None and addressee is not None and addressee.i < x.i:
                run = self._subtree_run(x, v, start_at=addressee)
                rng = self._tokens_range(bd, run)
                if rng:
                    return rng, "clause"
        # 3b. promises and threats: "vowed to fight on"
        if lemma in _lex("promise_verbs"):
            x = next((c for c in kids if c.dep_ == "xcomp" and c.i > v.i), None)
            if x is not None:
                rng = self._tokens_range(bd, self._subtree_run(x, v))
                if rng:
                    return rng, "clause"
        # 4. accusations: "accused X of ...", "blamed X for ..."
        preps = _lexd("accusation_verbs").get(lemma)
        if preps:
            obj_kids = [g for d in kids if d.dep_ == "dobj" for g in d.children]
            for p in kids + obj_kids:
                if p.dep_ == "prep" and p.lower_ in preps and p.i > v.i and \
                        any(c.dep_ in ("pcomp", "pobj") for c in p.children):
                    obj = next((c for c in kids if c.dep_ == "dobj" and c.i < p.i), None)
                    first = obj.left_edge.i if obj is not None else p.i
                    run = [t for t in v.doc[first:p.right_edge.i + 1]]
                    rng = self._tokens_range(bd, run)
                    if rng:
                        return rng, "clause"
        # 5. characterisations holding a quote: "called the deal "null and void""
        if lemma in _lex("characterise_verbs"):
            right = [c for c in kids if c.i > v.i and c.dep_ in ("dobj", "oprd", "xcomp", "acomp", "attr", "ccomp",
                                                                   "prep", "advcl", "conj")]
            right = [c for c in right if c.dep_ != "conj" or not self._is_cue(c)]
            if right:
                first = min(c.left_edge.i for c in right)
                last = max(c.right_edge.i for c in right)
                run = []
                for t in v.doc[first:last + 1]:
                    if t.text in (":", ";"):
                        break  # "rejected the plan: "..."" quotes after a colon, it does not characterise
                    run.append(t)
                rng = self._tokens_range(bd, run)
                if rng and any(rng[0] < s.close and s.open < rng[1] for s in self.art.spans):
                    return rng, "clause"
        return None, ""

    def find(self) -> list[_Cue]:
        cues: list[_Cue] = []
        art = self.art
        for bd in art.parsed.block_docs:
            doc = bd.doc
            if doc is None or not len(doc):
                continue
            for t in doc:
                try:
                    cue = self._cue_at(bd, t)
                except Exception:  # odd parses must not stop the article
                    log.debug("cue failed at %r", t.text, exc_info=True)
                    cue = None
                if cue is not None:
                    cues.append(cue)
        return cues

    def _cue_at(self, bd: "BlockDoc", t: "Token") -> _Cue | None:
        art = self.art
        start = _tok_start(bd, t)
        if art.in_quote(start):
            return None  # the speaker's own words, not an attribution
        if t.lower_ == "according" and any(c.lower_ == "to" for c in t.children):
            return self._according(bd, t)
        if not self._is_cue(t):
            return None
        if t.dep_ == "amod" or t.tag_ == "VBN" and t.dep_ in ("acl", "amod") and \
                not any(c.dep_ == "agent" for c in t.children):
            return None  # "the reported deal", "the proposal leaked last month"
        subj = self.subject(t)
        rng, _how = self.content(bd, t)
        if rng is None and _lemma(t) not in _lex("speech_verbs") | _lex("cue_only_verbs"):
            return None  # "raised", "made": cues only with a content of their own
        if subj is None and (rng is not None or self._touches_quote(bd, t)):
            subj = self._fallback_subject(bd, t)
        if subj is None:
            return None
        speaker = self.speakers.resolve(bd, subj)
        if speaker is None:
            return None
        s0, s1 = (speaker.start, speaker.end) if speaker.start is not None else (start, start)
        if speaker.kind == "pronoun" or s0 is None:
            s0, s1 = _tok_start(bd, subj), _tok_end(bd, subj)
        end = _tok_end(bd, t)
        text = t.text
        for c in t.children:  # "pointed out"
            if c.dep_ == "prt" and _lexd("speech_particles").get(_lemma(t)) == c.lower_:
                text = f"{t.text} {c.text}"
                end = _tok_end(bd, c)
        cue = _Cue(bd=bd, verb=t, text=text, start=start, end=end, speaker=speaker,
                   sent=art.sentence_index(start), anchor=(min(s0, start), max(s1, end)))
        if rng is not None:
            cue.parts.append(rng)
            cue.clause = True
        return cue

    def _touches_quote(self, bd: "BlockDoc", t: "Token") -> bool:
        sent = t.sent
        s0, s1 = _tok_start(bd, sent[0]), _tok_end(bd, sent[-1])
        return any(s.open < s1 and s0 < s.close for s in self.art.spans)

    def _according(self, bd: "BlockDoc", t: "Token") -> _Cue | None:
        """"According to X, ..." : X is the speaker, the rest of the clause the content."""
        art = self.art
        doc = t.doc
        to = next(c for c in t.children if c.lower_ == "to")
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            return None
        end_i = self._according_end(to)
        # A name at the end of the phrase is the source ("according to the county's mayor,
        # Jane Roe," / "according to State Senator Jane Roe"), whatever the parser made of it.
        speaker = None
        ps, pe = _tok_start(bd, t), _tok_end(bd, doc[end_i])
        persons = [m for m in art.mentions_in(ps, pe) if m.label == "PERSON" and not self._owner(m)]
        if persons:
            speaker = self.speakers._named(persons[-1])
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
        # a short tail with no verb is an adjunct of the phrase ("..., according to X on Friday")
        if before and not any(_is_verb(x) for x in after) and len(after) <= 8:
            after = []
        cue = _Cue(bd=bd, verb=t, text="according to", start=ps, end=_tok_end(bd, to), speaker=speaker,
                   sent=art.sentence_index(ps), anchor=(ps, pe), clause=True)
        b = self._tokens_range(bd, before)
        a = self._tokens_range(bd, after)
        if b and a:
            cue.parts.extend([b, a])
        elif a or b:
            cue.parts.append(a or b)
        else:
            return None
        return cue

    def _owner(self, m: Mention) -> bool:
        """A possessor of something other than a statement: "X's office said" is the office."""
        span = self.art.mention_tokens.get(id(m))
        if span is None:
            return False
        root = span.root
        return root.dep_ == "poss" and root.head.lemma_.lower() not in _lex("document_nouns")

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
                     any(x.lemma_.lower() in _lex("role_heads") | _lex("person_nouns") for x in stretch)):
                end = j - 1
        while end > to.i and (doc[end].is_punct or doc[end].is_space):
            end -= 1
        return min(max(end, to.i), sent_end - 1)


# --------------------------------------------------------------------------- assembling quotes

class _Builder:
    def __init__(self, art: _Article, cues: list[_Cue]):
        self.art = art
        self.cues = sorted(cues, key=lambda c: c.start)
        self.finder_speakers = _Speakers(art)

    def snap(self, cue: _Cue) -> None:
        """Widen clause content to the whole quote spans it cuts into."""
        new_parts = []
        for s, e in cue.parts:
            changed = True
            while changed:
                changed = False
                for q in self.art.spans:
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
            gloss = re.match(r"[\s,;]*(\w+)ing\b", self.art.text[max(inside):e]) if inside else None
            if gloss and max(inside) < e and not _is_speech_stem(gloss.group(1).lower()):
                # 'said X is "pushing harder," showing no interest in ...': the participle after the
                # quote is the reporter's gloss ("adding ..." is still the speaker's)
                e = max(inside)
            new_parts.append((s, e))
        cue.parts = new_parts

    def _gap_ok(self, lo: int, hi: int, cue: _Cue, clause_ok: bool = True) -> bool:
        """Only punctuation, or words of the cue's own clause, between a quote and its cue.

        Between a quote and the cue after it (``"...," the minister said``) a clause of
        its own (``the word "X" only refers to Y, the agency noted``) means the quote is
        not what the cue reports; ``clause_ok=False`` refuses such gaps.
        """
        if hi < lo:
            return False
        gap = self.art.text[lo:hi]
        if not gap.strip(" \t\n,:;.\u2014\u2013-"):
            return True
        if hi - lo > 160 or cue.verb is None or "\n" in gap:
            return False
        if re.search(r"[.!?][\"'\u201d\u2019)\]]*\s", gap):
            return False  # words of another sentence between them
        if any(lo <= q.open < hi for q in self.art.spans):
            return False
        own = {x.i for x in cue.verb.subtree} | {x.i for x in cue.verb.head.subtree if cue.verb.dep_ == "conj"}
        bd = cue.bd
        for t in bd.doc:
            ts = _tok_start(bd, t)
            if ts >= hi:
                break
            if ts < lo or t.is_punct or t.is_space:
                continue
            if t.i not in own:
                return False
            if not clause_ok and _is_verb(t):
                return False
        return True

    def attach_adjacent(self) -> None:
        """Quote spans right after, then right before, a cue belong to it.

        After first, so that in ``"A." X said, "B."`` the cue takes B; a quote
        before its cue that ends its own sentence (``"A." X said``) is taken
        only by a cue with nothing else to report.
        """
        art = self.art
        for phase in ("tight", "after", "before"):
            for q in art.spans:
                if q.used:
                    continue
                best: tuple[int, _Cue] | None = None
                for cue in self.cues:
                    if cue.bd.block.index != q.block or cue.verb is None or cue.text == "according to":
                        continue
                    if cue.verb.dep_ == "relcl" and any(c.dep_ == "dobj" and c.tag_ in ("WDT", "WP")
                                                        for c in cue.verb.children):
                        continue  # "— which the paper noted as unusual —" introduces no quote
                    if phase == "tight":
                        # ``"...," said X`` / ``"...", X said``: a comma and the cue right after
                        # the closing mark bind the quote before anything else does
                        gap_text = art.text[q.close:cue.anchor[0]] if q.close <= cue.anchor[0] else "x"
                        inner_end = art.text[q.start:q.end].rstrip(ALL_MARKS + " ")
                        if gap_text.strip() not in ("", ",") or len(gap_text) > 3 or \
                                not (inner_end.endswith(",") or gap_text.strip() == ","):
                            continue
                        gap, ok = len(gap_text), True
                    elif phase == "after" and cue.anchor[1] <= q.open:
                        gap = q.open - cue.anchor[1]
                        ok = self._gap_ok(cue.anchor[1], q.open, cue)
                    elif phase == "before" and q.close <= cue.anchor[0]:
                        gap = cue.anchor[0] - q.close
                        ok = self._gap_ok(q.close, cue.anchor[0], cue, clause_ok=False)
                        ends = art.text[q.start:q.end].rstrip(ALL_MARKS + " ])")
                        if ok and cue.parts and ends.endswith("."):
                            ok = False
                        if ok and ends[-1:] in ".!?" and art.sentence_index(q.open) < cue.sent \
                                and not self._standalone(q):
                            ok = False  # 'was called "swine flu." The government ordered ...'

                    else:
                        continue
                    if ok and (best is None or gap < best[0]):
                        best = (gap, cue)
                if best is not None:
                    cue = best[1]
                    cue.quoted.append(q)
                    cue.parts.append((q.open, q.close))
                    q.used = True

    def attach_surface(self) -> None:
        """``"..." tweeted Mayor Jane Roe`` / ``"...", Jane Roe said`` when the parse lost the cue.

        Right after a quote, a reporting verb then a name (or a name then the verb) is an
        attribution in any news text, however the parser hung those words together.
        """
        art = self.art
        speech = _lex("speech_verbs") | _lex("cue_only_verbs")

        def verb_form(t: "Token") -> bool:
            return _lemma(t) in speech and (t.tag_.startswith("VB") or t.pos_ in ("VERB", "ADJ"))

        for q in art.spans:
            if q.used:
                continue
            bd = self._block_doc(q.block)
            if bd is None:
                continue
            window: list["Token"] = []
            for t in bd.doc:
                if _tok_start(bd, t) < q.close:
                    continue
                if t.text in ALL_MARKS or t.text in (".", "!", "?", ";", ":") or len(window) >= 14:
                    break
                window.append(t)
            while window and window[0].is_punct:
                window.pop(0)
            if len(window) < 2:
                continue
            speaker = None
            cue_tok = None
            if verb_form(window[0]):
                cue_tok = window[0]
                rest = window[1:]
                if rest[0].lower_ in _PERSONAL:
                    speaker = self.finder_speakers.pronoun(bd, rest[0])
                else:
                    rs, re_ = _tok_start(bd, rest[0]), _tok_end(bd, rest[-1])
                    persons = [m for m in art.mentions_in(rs, re_) if m.label == "PERSON"]
                    if persons:
                        m = persons[0]
                        between = [t for t in rest if _tok_end(bd, t) <= m.start]
                        if all(t.is_title or t.is_punct or t.lower_ in ("of", "the", "and") for t in between):
                            speaker = self.finder_speakers._named(m)
            else:
                first = window[0]
                if first.lower_ in _PERSONAL and len(window) > 1 and verb_form(window[1]):
                    cue_tok = window[1]
                    speaker = self.finder_speakers.pronoun(bd, first)
                else:
                    m = art.mention_at(_tok_start(bd, first), _tok_end(bd, first))
                    if m is not None and m.label == "PERSON" and m.start == _tok_start(bd, first):
                        after = [t for t in window if _tok_start(bd, t) >= m.end]
                        if after and verb_form(after[0]):
                            cue_tok = after[0]
                            speaker = self.finder_speakers._named(m)
            if speaker is None or cue_tok is None:
                continue
            start = _tok_start(bd, cue_tok)
            anchor_end = max(_tok_end(bd, cue_tok), speaker.end or 0)
            cue = _Cue(bd=bd, verb=cue_tok, text=cue_tok.text, start=start, end=_tok_end(bd, cue_tok),
                       speaker=speaker, sent=art.sentence_index(start),
                       anchor=(min(start, speaker.start if speaker.start is not None else start), anchor_end))
            cue.quoted.append(q)
            cue.parts.append((q.open, q.close))
            q.used = True
            self.cues.append(cue)

    def attach_introduced(self) -> None:
        """"X opposed the plan: "..."" / "X defended it, "..."": the clause's subject speaks."""
        art = self.art
        finder = _Finder(art)
        for q in art.spans:
            if q.used:
                continue
            bd = self._block_doc(q.block)
            if bd is None:
                continue
            before = art.text[bd.block.start:q.open].rstrip()
            if not before or before[-1] not in ":,":
                continue
            if not self._tail_of_sentence(q):
                continue
            cut = len(before) - 1 + bd.block.start
            tok = None
            for t in bd.doc:
                if _tok_end(bd, t) <= cut and not t.is_punct:
                    tok = t
            if tok is None or art.in_quote(_tok_start(bd, tok)):
                continue
            # The sentence's main clause introduces the quote ("X saw compromise as the way for
            # the nations to resolve it: "..."" is X's); else the nearest clause with a subject
            # ("Another was Y, who cited his training: "..."").
            nearest = tok
            for _ in range(8):
                if _is_verb(nearest) and any(c.dep_ in ("nsubj", "nsubjpass") for c in nearest.children):
                    break
                if nearest.head.i == nearest.i:
                    break
                nearest = nearest.head
            top = tok  # the highest verb before the quote, when the parser made the quote the root
            h = tok
            for _ in range(12):
                if h.head.i == h.i or _tok_start(bd, h.head) >= q.open:
                    break
                h = h.head
                if _is_verb(h):
                    top = h
            speaker = None
            verb = None
            for candidate in (tok.sent.root, top, nearest):
                vs = _tok_start(bd, candidate)
                if not _is_verb(candidate) or vs >= q.open or art.in_quote(vs):
                    continue
                subj = finder.subject(candidate)
                if subj is None or _tok_start(bd, subj) >= q.open:
                    continue
                speaker = self.finder_speakers.resolve(bd, subj)
                if speaker is not None:
                    verb = candidate
                    break
            if speaker is None or verb is None:
                continue
            start = _tok_start(bd, verb)
            cue = _Cue(bd=bd, verb=verb, text=verb.text, start=start, end=_tok_end(bd, verb), speaker=speaker,
                       sent=art.sentence_index(start), anchor=(min(start, speaker.start or start),
                                                               _tok_end(bd, verb)))
            cue.quoted.append(q)
            cue.parts.append((q.open, q.close))
            q.used = True
            self.cues.append(cue)

    def attach_headlines(self) -> None:
        """"Speaker: quote" at the start of a block (headlines, interview transcripts)."""
        art = self.art
        for bd in art.parsed.block_docs:
            text = bd.block.text
            m = re.match(r"\s*([^:\n\"\u201c\u201d]{2,60}?)\s*:\s+(\S.*)$", text, flags=re.S)
            if not m:
                continue
            hs, he = bd.block.start + m.start(1), bd.block.start + m.end(1)
            head_mentions = [x for x in art.mentions_in(hs, he) if x.label in ("PERSON", "ORG", "GPE", "NORP")]
            if not head_mentions:
                continue
            ment = max(head_mentions, key=lambda x: x.end - x.start)
            words_outside = len(art.text[hs:ment.start].split()) + len(art.text[ment.end:he].split())
            cs, ce = bd.block.start + m.start(2), bd.block.start + m.end(2)
            cs, ce = _strip(art.text, cs, ce)
            quoted = art.text[cs] in DOUBLE_OPEN + DOUBLE_STRAIGHT + SINGLE_OPEN + SINGLE_STRAIGHT
            if ment.label != "PERSON" and not (quoted and words_outside == 0):
                continue
            if words_outside > 3:
                continue
            if len(art.text[cs:ce].split()) < 3:
                continue
            speaker = self.finder_speakers._named(ment)
            cue = _Cue(bd=bd, verb=None, text=":", start=he, end=he + 1, speaker=speaker,
                       sent=art.sentence_index(cs), anchor=(hs, he + 1), clause=not quoted)
            inner = [q for q in art.spans if cs <= q.open < ce]
            if quoted and inner:
                for q in inner:
                    if not q.used:
                        q.used = True
                        cue.quoted.append(q)
                        cue.parts.append((q.open, q.close))
                if not cue.parts:
                    continue
            else:
                cue.parts.append((cs, ce))
                for q in inner:
                    q.used = True
                    cue.quoted.append(q)
            self.cues.append(cue)

    def attach_floating(self) -> None:
        """Whole quoted sentences with no cue: the speaker of the sentence before goes on."""
        art = self.art
        by_last_sentence: dict[int, _Cue] = {}
        for cue in self.cues:
            for s, e in cue.parts:
                by_last_sentence[art.sentence_index(max(s, e - 1))] = cue
            by_last_sentence.setdefault(cue.sent, cue)
        cue_only = self._contentless_cues()
        block_kind = {b.index: b.kind for b in art.parsed.article.blocks}
        for q in art.spans:
            if q.used or not self._standalone(q):
                continue
            first_sent = art.sentence_index(q.open)
            prev = None
            if q.continues:
                prev = by_last_sentence.get(first_sent - 1) or by_last_sentence.get(
                    art.sentence_index(max(0, q.open - 3)))
            for k in (first_sent - 1,):
                if prev is None:
                    prev = by_last_sentence.get(k)
                if prev is None:
                    prev = cue_only.get(k)
            if prev is None or block_kind.get(prev.bd.block.index) == "heading":
                continue
            # Only the paragraph before may hand its speaker on, not one further back.
            if q.block - prev.bd.block.index > 1 and not q.continues:
                continue
            bd = self._block_doc(q.block)
            if bd is None:
                continue
            cue = _Cue(bd=bd, verb=prev.verb, text=prev.text, start=prev.start, end=prev.end,
                       speaker=prev.speaker, sent=art.sentence_index(q.start), anchor=prev.anchor)
            cue.quoted.append(q)
            cue.parts.append((q.open, q.close))
            q.used = True
            self.cues.append(cue)
            for s, e in cue.parts:
                by_last_sentence[art.sentence_index(max(s, e - 1))] = cue

    def _contentless_cues(self) -> dict[int, _Cue]:
        """Sentences whose cue has a speaker but no content ("X criticised the decision on Twitter.")."""
        art = self.art
        finder = _Finder(art)
        out: dict[int, _Cue] = {}
        for bd in art.parsed.block_docs:
            for sent in bd.doc.sents:
                for t in sent:
                    if not _is_verb(t) or _lemma(t) not in finder.cue_lemmas:
                        continue
                    if t.dep_ not in ("ROOT", "conj") or art.in_quote(_tok_start(bd, t)):
                        continue
                    subj = finder.subject(t)
                    if subj is None:
                        continue
                    speaker = finder.speakers.resolve(bd, subj)
                    if speaker is None:
                        continue
                    start = _tok_start(bd, t)
                    idx = art.sentence_index(start)
                    if idx in out:
                        continue
                    out[idx] = _Cue(bd=bd, verb=t, text=t.text, start=start, end=_tok_end(bd, t), speaker=speaker,
                                    sent=idx, anchor=(start, _tok_end(bd, t)))
        return out

    def _block_doc(self, block_index: int) -> "BlockDoc | None":
        for bd in self.art.parsed.block_docs:
            if bd.block.index == block_index:
                return bd
        return None

    def _sentence_bounds(self, pos: int) -> tuple[int, int]:
        art = self.art
        i = bisect.bisect_right(art.sent_starts, pos) - 1
        if i < 0:
            return pos, pos
        s = art.parsed.sentences[i]
        return s.start, s.end

    def _tail_of_sentence(self, q: QuoteSpan) -> bool:
        """The quote runs to its sentence's (or paragraph's) end, and holds a few words."""
        art = self.art
        if len(art.text[q.start:q.end].split()) < 3:
            return False
        _, send = self._sentence_bounds(max(q.open, q.close - 1))
        rest = art.text[q.close:max(q.close, send)]
        return not rest.strip(" \t\n.,;:!?)]\u2026" + ALL_MARKS)

    def _standalone(self, q: QuoteSpan) -> bool:
        """Nothing but the quote (and punctuation) in the sentences it touches."""
        art = self.art
        if len(art.text[q.start:q.end].split()) < 3:
            return False
        s0, _ = self._sentence_bounds(q.open)
        _, s1 = self._sentence_bounds(max(q.open, q.close - 1))
        outside = art.text[s0:q.open] + art.text[q.close:s1]
        for other in art.spans:
            if other is not q and s0 <= other.open and other.close <= s1:
                outside = outside.replace(art.text[other.open:other.close], " ")
        return not outside.strip(" \t\n.,;:!?-\u2014\u2013)([]\u2026" + ALL_MARKS)

    def continue_speakers(self) -> None:
        """"A spokesperson said X. "...," he said": a pronoun right after a speaker is that speaker.

        The nearest earlier person is the default antecedent; a source quoted in the same or
        the previous sentence, when its gender does not clash, is the better one.
        """
        art = self.art
        ordered = sorted(self.cues, key=lambda c: c.start)
        for i, cue in enumerate(ordered):
            sp = cue.speaker
            if sp.kind != "pronoun" or sp.start is None:
                continue
            want = _PERSONAL.get(art.text[sp.start:sp.end].lower())
            for prev in reversed(ordered[:i]):
                if prev.start >= cue.start or prev.speaker.kind == "group" or not prev.parts:
                    continue  # only a source actually quoted hands the pronoun on
                if prev.sent < cue.sent - 1:
                    break
                ps = prev.speaker
                if ps.kind == "pronoun" or (ps.actor_id and ps.actor_id == sp.actor_id):
                    break  # already the same person, or itself resolved the same way
                if ps.actor_id:
                    actor = art.actors.get(ps.actor_id)
                    if actor is None or actor.type != "PERSON" or art.gender_of(ps.actor_id) not in (want, None):
                        break
                else:
                    words = (ps.name or "").lower().split()
                    head = ps.head or ""
                    if head not in _lex("person_nouns") | _lex("role_heads") or \
                            head in _lex("collective_nouns") | _lex("document_nouns"):
                        break  # "the broadcaster reported ... he said": no person to refer to
                    clash = _lex("male_words") if want == "f" else _lex("female_words")
                    if set(words) & clash:
                        break
                cue.speaker = _Speaker(ps.kind if not ps.actor_id else "pronoun", ps.actor_id, ps.name,
                                       ps.nation, sp.start, sp.end)
                break

    # ---- records
    def merge_groups(self) -> list[list[_Cue]]:
        """Cues of one statement: the same verb (split quotes), or coordinated verbs of one speaker."""
        groups: list[list[_Cue]] = []
        by_verb: dict[tuple[int, int], list[_Cue]] = {}
        ordered = sorted((c for c in self.cues if c.parts), key=lambda c: min(s for s, _ in c.parts))
        for cue in ordered:
            key = (id(cue.bd), cue.verb.i) if cue.verb is not None else (id(cue), -1)
            joined = False
            if key in by_verb and all(x.sent == cue.sent or x.verb is cue.verb for x in by_verb[key]):
                by_verb[key].append(cue)
                joined = True
            elif cue.verb is not None and cue.verb.dep_ == "conj":
                head_key = None
                h = cue.verb.head
                for _ in range(3):
                    if (id(cue.bd), h.i) in by_verb:
                        head_key = (id(cue.bd), h.i)
                        break
                    if h.head.i == h.i:
                        break
                    h = h.head
                if head_key is not None and _same_speaker(by_verb[head_key][0].speaker, cue.speaker) \
                        and by_verb[head_key][0].sent == cue.sent:
                    by_verb[head_key].append(cue)
                    by_verb[key] = by_verb[head_key]
                    joined = True
            if not joined:
                grp = [cue]
                by_verb[key] = grp
                groups.append(grp)
        return groups

    def records(self) -> list[tuple[Quote, list[tuple[int, int]]]]:
        out = []
        for group in self.merge_groups():
            rec = self._record(group)
            if rec is not None:
                out.append(rec)
        out.sort(key=lambda r: (r[0].start, r[0].end))
        # Two records over the same words: keep the one found first (its cue is nearer).
        kept: list[tuple[Quote, list[tuple[int, int]]]] = []
        for q, parts in out:
            if any(k.start <= q.start and q.end <= k.end and k.speaker_name == q.speaker_name for k, _ in kept):
                continue
            kept.append((q, parts))
        return kept

    def _record(self, group: list[_Cue]) -> tuple[Quote, list[tuple[int, int]]] | None:
        art = self.art
        first = group[0]
        parts: list[tuple[int, int]] = []
        quoted: list[QuoteSpan] = []
        for cue in group:
            parts.extend(cue.parts)
            quoted.extend(q for q in cue.quoted if q not in quoted)
        if not parts:
            return None
        parts.sort()
        # Direct when every piece is exactly a quote span.
        exact = all(any(q.open == s and q.close == e for q in quoted) for s, e in parts)
        start, end = parts[0][0], parts[-1][1]
        if exact:
            inner = sorted((q.start, q.end) for q in quoted if any(q.open == s and q.close == e for s, e in parts))
            start, end = inner[0][0], inner[-1][1]
            kind = "direct"
            inside = inner
        else:
            kind = "mixed" if quoted else "indirect"
            inside = [_strip_edges(art.text, s, e) for s, e in parts]
            start, end = _strip_edges(art.text, start, end)
        if end <= start:
            return None
        # The speaker's own words inside a split record are not quoted content.
        sp = first.speaker
        speaker_span = (sp.start, sp.end) if sp.start is not None else None
        inside = [p for p in inside if p[1] > p[0]]
        cue = first
        block = art.parsed.article.block_at(start)
        quote = Quote(start=start, end=end, text=art.text[start:end], kind=kind, cue=cue.text,
                      cue_start=cue.start, cue_end=cue.end, speaker_id=sp.actor_id, speaker_name=sp.name,
                      speaker_nation=sp.nation if _valid_nation(sp.nation) else None, speaker_kind=sp.kind,
                      speaker_start=speaker_span[0] if speaker_span else None,
                      speaker_end=speaker_span[1] if speaker_span else None,
                      sentence_index=art.sentence_index(start),
                      block_index=block.index if block is not None else cue.bd.block.index)
        return quote, _minus(inside, [(cue.start, cue.end)] + ([speaker_span] if speaker_span else []))


def _strip_edges(text: str, s: int, e: int) -> tuple[int, int]:
    s, e = _strip(text, s, e)
    while s < e and text[s] in ",;:\u2014\u2013":
        s = _strip(text, s + 1, e)[0]
    while e > s and text[e - 1] in ",;:\u2014\u2013":
        e = _strip(text, s, e - 1)[1]
    return s, e


def _minus(parts: list[tuple[int, int]], holes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for s, e in parts:
        pieces = [(s, e)]
        for hs, he in holes:
            nxt = []
            for a, b in pieces:
                if he <= a or b <= hs:
                    nxt.append((a, b))
                    continue
                if a < hs:
                    nxt.append((a, hs))
                if he < b:
                    nxt.append((he, b))
            pieces = nxt
        out.extend(pieces)
    return out


def _same_speaker(a: _Speaker, b: _Speaker) -> bool:
    if a.actor_id and b.actor_id:
        return a.actor_id == b.actor_id
    return (a.name or "").lower() == (b.name or "").lower()


def _valid_nation(code: str | None) -> bool:
    return isinstance(code, str) and len(code) == 2 and code.isalpha() and code.isupper()


# --------------------------------------------------------------------------- public entry point

def extract_quotes(parsed: "ParsedArticle", actors: list[Actor], mentions: list[Mention]) -> list[Quote]:
    """Every attributed quote of an article, in text order.

    Direct, partial (``mixed``) and indirect quotes with their speaker, cue
    and content offsets (``Quote.text == article.text[start:end]``). Sets
    ``Mention.in_quote`` on the mentions inside quoted or reported content.
    Never raises on odd input: a failure degrades to fewer quotes.
    """
    try:
        art = _Article(parsed, actors, mentions)
    except Exception:  # pragma: no cover - defensive
        log.warning("quote extraction skipped: could not index the article", exc_info=True)
        return []
    builder = _Builder(art, [])
    steps = (
        lambda: builder.cues.extend(_Finder(art).find()),
        lambda: [builder.snap(c) for c in builder.cues],
        builder.attach_adjacent,
        builder.attach_surface,
        builder.attach_introduced,
        builder.attach_headlines,
        builder.attach_floating,
        builder.continue_speakers,
    )
    for step in steps:
        try:
            step()
        except Exception:  # one failing pass must not lose the others' quotes
            log.warning("a quote pass failed", exc_info=True)
    try:
        records = builder.records()
    except Exception:  # pragma: no cover - defensive
        log.warning("quote records failed", exc_info=True)
        return []
    for m in art.mentions:  # idempotent: a second run must not keep stale flags
        m.in_quote = False
    for quote, inside in records:
        for s, e in inside:
            for m in art.mentions_in(s, e):
                m.in_quote = True
    return [q for q, _ in records]
