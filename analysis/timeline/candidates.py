"""Candidates: the time expressions of a parsed article, checked against spaCy's entities and parse.

:func:`find_candidates` scans every sentence with
:mod:`analysis.timeline.expressions`, drops what the context says is no date
(a bare year that counts things, a month inside a name, "Super Tuesday"),
adds the DATE/TIME entities the patterns miss as non-dates, and reads each
one's clause tense and whether it modifies a noun ("the November 27
agreement").
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .expressions import DATE_KINDS, Timex, scan
from .tense import clause_tense

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span

    from analysis.parsed import ParsedArticle


# Nouns after which "of <date>" is still the date itself ("the end of March"), not a name ("the Act of 1869").
TIME_NOUNS = frozenset("""
end beginning start middle rest remainder close turn half quarter week weeks month months year years day days
spring summer autumn fall winter season period part course first last
""".split())

_TEMPORAL_CUE = re.compile(
    r"(?i:(?:\b(?:in|since|until|till|by|from|before|after|during|through|between|of|circa|"
    r"around|early|late|mid|last|next|this|spring|summer|autumn|fall|winter|year|years|fiscal|season|until)"
    r"\s+(?:the\s+)?(?:(?:early|late|mid)[\s-]+)?)|mid-)$")
_ID_BEFORE = re.compile(
    r"(?i:(?:\b(?:no|nos|number|resolution|resolutions|flight|route|room|model|article|section|rule|code|chapter|"
    r"bill|unit|page|pages|pp|p|highway|interstate|road|bus|train|platform|version|boeing|airbus|iso|hr|"
    r"category|item|paragraph|clause|regulation|directive|act|law|decree|order|case|file|exhibit|lot|"
    r"serial|tail|badge|id)\.?\s*)|[#$£€¥]\s*)$")
_AFTER_NOT_YEAR = re.compile(
    r"(?i)^\s*(?:%|percent\b|per\s+cent\b|utc\b|gmt\b|bst\b|est\b|edt\b|cet\b|hrs\b|hours\b|local\s+time\b|"
    r"people\b|persons\b|votes\b|cases\b|deaths\b|km\b|kilomet|miles?\b|met(?:re|er)s?\b|feet\b|ft\b|kg\b|"
    r"tonnes?\b|tons?\b|troops\b|soldiers\b|members\b|units\b|points\b|seats\b|times\b|residents\b|"
    r"dollars\b|euros\b|pounds\b|workers\b|jobs\b|homes\b|houses\b|students\b|refugees\b|migrants\b)")


@dataclass
class Candidate:
    """A time expression during extraction (article offsets)."""

    tx: Timex
    start: int
    end: int
    sentence_index: int
    block_index: int
    tense: str = "past"
    verb: str | None = None
    head_verb: Any = None  # spaCy token the clause's tense was read from
    root: Any = None
    attributive: bool = False
    in_quote: bool = False
    quote_idx: int | None = None
    ref_start: int | None = None
    said_ref_start: int | None = None
    form: str | None = None
    spec: dict[str, Any] = field(default_factory=dict)


def _overlaps(a0: int, a1: int, b0: int, b1: int) -> bool:
    return a0 < b1 and b0 < a1


def _accept_weak(tx: Timex, text: str, ents: list[tuple[int, int, str]]) -> bool | None:
    """A bare year or month is a date when spaCy tags it DATE or a temporal word precedes it.

    None means "ask the parse": a recent-looking year with no label and no cue,
    a date only when it modifies a noun ("a 2011 study", "the 2020 primaries").
    """
    before = text[:tx.start]
    after = text[tx.end:]
    is_year = tx.spec.get("t") == "abs" and tx.spec.get("m") is None
    if is_year and (_ID_BEFORE.search(before) or _AFTER_NOT_YEAR.match(after)):
        return False
    labels = {lab for (s, e, lab) in ents if _overlaps(s, e, tx.start, tx.end)}
    cue = bool(_TEMPORAL_CUE.search(before))
    if is_year and not cue and not 1800 <= int(tx.spec.get("y") or 0) <= 2100:
        return False  # "is 1501": an old year needs a word such as "in" or "since" to be one
    if "DATE" in labels:
        return True
    if labels & {"QUANTITY", "MONEY", "PERCENT", "ORDINAL"}:
        return cue and is_year
    if "CARDINAL" in labels and cue:
        return is_year
    if not cue:
        if is_year and tx.end_spec is None and 1900 <= int(tx.spec.get("y") or 0) <= 2100:
            return None
        return False
    if tx.spec.get("m") == 5 and re.search(r"(?i)\b(?:and|or|to)\s+$", before):
        return False  # "and may": the modal verb
    return True


_NAME_LABELS = frozenset({"PERSON", "ORG", "FAC", "GPE", "LOC", "NORP", "PRODUCT", "WORK_OF_ART", "LAW", "EVENT"})


def _inside_name(tx: Timex, ents: list[tuple[int, int, str]]) -> bool:
    """Month and day words inside a name ("Theresa May", "The Sunday Times", "the Women's March")."""
    is_year = tx.spec.get("t") == "abs" and tx.spec.get("m") is None and tx.spec.get("y") is not None
    for s, e, lab in ents:
        if lab in _NAME_LABELS and s <= tx.start and tx.end <= e:
            # a year names the edition of an event or a law ("the 2016 Olympics",
            # "the 2020 Democratic National Convention", "the Wildlife Protection Act, 1972"): still a date
            return not (is_year and lab in ("EVENT", "ORG", "LAW"))
    return False


def _classify_ent(text: str, label: str) -> str:
    low = text.lower()
    if re.search(r"\bold\b", low):
        return "age"
    if re.search(r"\b(?:day|week|month|year|decade|hour|minute|second|night|centur)\w*", low) and \
            re.search(r"\d|\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few|many|some|"
                      r"dozens|hundreds|thousands|recent|past|last|next|coming)\b", low):
        return "duration"
    if label == "TIME":
        return "time"
    if re.search(r"\b(?:every|each|daily|weekly|annual)", low):
        return "set"
    return "vague"


def is_ref_candidate(c: Candidate) -> bool:
    """A date another expression can count from ("the following day" after it)."""
    return c.tx.kind in DATE_KINDS and c.spec.get("t") in ("abs", "weekday", "deictic", "offset", "rel")


def find_candidates(parsed: "ParsedArticle") -> list[Candidate]:
    """Every time expression of the article that the context does not rule out, in reading order."""
    cands: list[Candidate] = []
    text = parsed.text
    for bd, sent, sidx in parsed.iter_sents():
        base = bd.start_of(sent)
        stext = sent.text
        ents = [(e.start_char - sent.start_char, e.end_char - sent.start_char, e.label_) for e in sent.ents]
        found: list[Timex] = []
        for tx in scan(stext):
            verdict = _accept_weak(tx, stext, ents) if tx.weak else True
            if verdict is False:
                continue
            if verdict is None:
                tx.extra["check_modifier"] = True
            if _inside_name(tx, ents):
                continue
            if tx.spec.get("t") == "deictic" and tx.text[:1].isupper() and tx.start > 0 \
                    and re.search(r"[A-Z][\w.]*\s+$", stext[:tx.start]):
                continue  # "USA Today", "Kamloops This Week": names of outlets
            found.append(tx)
        for (s, e, lab) in ents:
            if lab not in ("DATE", "TIME"):
                continue
            if any(_overlaps(s, e, t.start, t.end) for t in found):
                continue
            etext = stext[s:e]
            found.append(Timex(start=s, end=e, text=etext, spec={"t": "none"}, kind=_classify_ent(etext, lab),
                               rule=f"spacy-{lab.lower()}"))
        for tx in sorted(found, key=lambda t: t.start):
            a0, a1 = base + tx.start, base + tx.end
            if text[a0:a1] != tx.text:  # pragma: no cover - offsets must agree with the article
                continue
            c = Candidate(tx=tx, start=a0, end=a1, sentence_index=sidx, block_index=bd.block.index, spec=dict(tx.spec))
            span = sent.doc.char_span(sent.start_char + tx.start, sent.start_char + tx.end, alignment_mode="expand")
            if span is not None and len(span):
                root = span.root
                c.root = root
                c.tense, verb = clause_tense(root)
                c.head_verb = verb
                c.verb = verb.text if verb is not None else None
                c.attributive = (root.dep_ in ("compound", "amod", "nmod", "nummod") and
                                 root.head.pos_ in ("NOUN", "PROPN") and root.head.i >= span.end) or \
                    (root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.pos_ in ("NOUN", "PROPN")
                     and root.head.head.lower_ not in TIME_NOUNS)
                if (c.attributive or root.dep_ == "poss") and c.spec.get("t") == "abs" \
                        and c.spec.get("y") is None and c.tense in ("past", "present"):
                    # "the November 13 deadline": the clause's tense is not the date's, take the nearest
                    c.tense = "nearest"
                if tx.weak and _looks_like_count(tx, span):
                    continue
                if tx.extra.get("check_modifier") and not _year_modifies_noun(span):
                    continue
                if tx.spec.get("t") == "weekday":
                    kind = _weekday_not_a_date(span)
                    if kind == "name":
                        continue
                    if kind:
                        c.tx = dataclasses.replace(tx, kind=kind, spec={"t": "none"})
                        c.spec = {"t": "none"}
            elif tx.extra.get("check_modifier"):
                continue
            cands.append(c)
    return cands


def _weekday_not_a_date(span: "Span") -> str | None:
    """"Super Tuesday", "Good Friday" are names; "a Tuesday", "every Friday" are no particular day."""
    first = span[0]
    if first.i == 0:
        return None
    prev = first.doc[first.i - 1]
    if prev.lower_ in ("a", "an", "every", "each", "any", "some"):
        return "vague"
    root = span.root
    if prev.is_title and prev.head.i == root.i and prev.dep_ in ("compound", "amod", "nmod") \
            and prev.lower_ not in MONTH_AND_DAY_WORDS:
        return "name"
    return None


MONTH_AND_DAY_WORDS = frozenset(["last", "next", "this", "past", "coming", "previous", "late", "early", "on"])


def _year_modifies_noun(span: "Span") -> bool:
    """"a 2011 study", "Biden wins 2020 primaries": a year before the noun it dates."""
    if len(span) != 1:
        return False
    tok = span[0]
    if tok.dep_ not in ("nummod", "compound", "amod", "nmod") or tok.head.i <= tok.i \
            or tok.head.pos_ not in ("NOUN", "PROPN"):
        return False
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    return prev is None or prev.pos_ in ("DET", "PRON", "ADJ", "VERB", "AUX", "PUNCT") or prev.tag_ == "POS"


def _looks_like_count(tx: Timex, span: "Span") -> bool:
    """A bare "year" counting a plural noun with nothing before it: "1885 aftershocks had occurred"."""
    if tx.spec.get("t") != "abs" or tx.spec.get("m") is not None or len(span) != 1:
        return False
    tok = span[0]
    if tok.dep_ != "nummod" or tok.head.tag_ not in ("NNS", "NNPS") or tok.head.i < tok.i:
        return False
    prev = tok.nbor(-1) if tok.i > 0 else None
    if prev is not None and prev.tag_.startswith("VB") and 1950 <= int(tx.spec.get("y") or 0) <= 2100:
        return False  # "Biden wins 2020 primaries"
    return prev is None or prev.tag_ not in ("DT", "PRP$", "POS", "IN", "JJ")
