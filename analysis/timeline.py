"""Time expressions of an article, resolved against its published date, as events.

:func:`extract_events` finds time expressions in every sentence (the
patterns of :mod:`analysis.timexp`, checked against spaCy's DATE/TIME
entities, plus those entities the patterns miss), reads the tense of the
clause each belongs to from the parse, links relative expressions to the
event they depend on ("the following day" -> the previous narrative date;
"on Wednesday, a day after Y" -> Y is the day before Wednesday) and quotes
to the date they were said, then resolves everything.

Everything resolution needs is stored in ``Event.features``, so
:func:`reresolve_events` can resolve again against another published date
without spaCy (the analyst edits the date in the UI).

Features of an event (all JSON-able):
``spec``/``end_spec`` the parsed expression (see :mod:`analysis.timexp`);
``base_kind`` date|since|until|range|before|after|duration|age|time|set|decade|century|vague;
``rule`` the pattern that matched; ``tense`` past|present|future and
``verb`` the word it was read from; ``ref_start`` the start offset of the
event a relative expression counts from; ``said_ref_start`` the start offset
of the event that dates the reporting clause (expressions inside quotes and
reported speech count from that day); ``said`` when it was said (that date,
else the published date) as opposed to ``value``, when it happened;
``role`` "said" when the expression dates a reporting verb ("said on
Tuesday"), else "happened"; ``in_quote``, ``attributive`` (a date modifying a
noun: "the November 27 agreement"), ``reason`` why an expression stayed unresolved, ``span`` the
first and last day of weeks and weekends (their value is the month or year
that holds them).
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .records import Actor, Event, Mention, Quote
from .timexp import (Timex, parse_iso, parse_value, resolve_expression, resolve_range, resolve_spec, scan,
                     static_precision)

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

    from .parsed import BlockDoc, ParsedArticle

__all__ = ["extract_events", "reresolve_events", "resolve_expression", "clause_tense"]

DATE_KINDS = ("date", "since", "until", "range", "before", "after")
NON_DATE_KINDS = ("duration", "age", "time", "set", "decade", "century", "vague")

# Verbs whose clausal complement is reported speech or thought: a date on them dates the saying.
REPORTING_VERBS = frozenset("""
say tell announce state claim add note warn insist argue reply respond write tweet report reveal
confirm deny explain declare suggest acknowledge admit told accuse urge comment predict promise pledge
vow threaten indicate assert maintain believe think expect hope fear estimate agree decide conclude
""".split())

# Past participles that put their date ahead of the saying: "the debate, slated for October 15, ..."
SCHEDULING_VERBS = frozenset("""
schedule slate plan set postpone delay reschedule move push expect due intend earmark book
""".split())

# Nouns after which "of <date>" is still the date itself ("the end of March"), not a name ("the Act of 1869").
TIME_NOUNS = frozenset("""
end beginning start middle rest remainder close turn half quarter week weeks month months year years day days
spring summer autumn fall winter season period part course first last
""".split())

FUTURE_MODALS = frozenset({"will", "shall", "'ll", "’ll", "wo", "would", "could", "might", "may", "should",
                           "must", "can", "ca", "'d", "’d"})

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
class _Cand:
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


# ----------------------------------------------------------------------- tense

def _verb_tense(v: "Token", depth: int = 0) -> str:
    """past | present | future of the clause headed by verb ``v``."""
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
                _verb_tense(gov, depth + 1) == "past":
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
            head = _verb_ancestor(v.head)
            if head is not None:
                return _verb_tense(head, depth + 1)
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


def _verb_ancestor(tok: "Token") -> "Token | None":
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
        v = _verb_ancestor(tok)
        if v is None:
            return "past", None
        # a bare auxiliary root with an xcomp ("is to meet", "is due to meet"): the complement decides
        for c in v.children:
            if c.dep_ == "xcomp" and c.tag_ == "VB" and any(a.lower_ == "to" for a in c.children):
                if v.lemma_ in ("be", "go") or any(x.lower_ in ("due", "set", "scheduled", "expected")
                                                   for x in v.children):
                    if tok.i < c.i or tok in c.subtree:
                        return "future", c
        tense = _verb_tense(v)
        if tense == "past" and v.lemma_.lower() in SCHEDULING_VERBS:
            tense = "nearest"  # a plan made in the past for a date that may lie ahead
        return tense, v
    except (AttributeError, IndexError):  # pragma: no cover - a malformed parse
        return "past", None


# ------------------------------------------------------------------ detection

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


def _is_ref_candidate(c: _Cand) -> bool:
    return c.tx.kind in DATE_KINDS and c.spec.get("t") in ("abs", "weekday", "deictic", "offset", "rel")


def _find_candidates(parsed: "ParsedArticle") -> list[_Cand]:
    cands: list[_Cand] = []
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
            c = _Cand(tx=tx, start=a0, end=a1, sentence_index=sidx, block_index=bd.block.index, spec=dict(tx.spec))
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


# -------------------------------------------------------------------- linking

def _quote_of(start: int, end: int, quotes: list[Quote]) -> int | None:
    for i, q in enumerate(quotes):
        try:
            if q.start <= start and end <= q.end:
                return i
        except TypeError:
            continue
    return None


def _direct_quote(c: _Cand, quotes: list[Quote]) -> int | None:
    if c.quote_idx is None or quotes[c.quote_idx].kind == "indirect":
        return None
    return c.quote_idx


def _day_level(c: _Cand) -> bool:
    return static_precision(c.spec) == "day"


def _fine_enough(c: _Cand, unit: str) -> bool:
    prec = static_precision(c.spec)
    need = {"day": "day", "night": "day", "week": "day", "weekend": "day", "fortnight": "day",
            "month": "month", "year": "year"}.get(unit, "day")
    order = ("year", "month", "day")
    return prec in order and order.index(prec) >= order.index(need)


def _link(cands: list[_Cand], parsed: "ParsedArticle", quotes: list[Quote]) -> None:
    for c in cands:
        c.quote_idx = _quote_of(c.start, c.end, quotes)
        if c.quote_idx is not None and c.head_verb is not None:
            q = quotes[c.quote_idx]
            bd = _block_doc(parsed, c.block_index)
            # "accused X on Wednesday of ...": a date on the cue verb dates the saying, even when
            # the reported content is taken to run over it
            if bd is not None and q.cue_start is not None and bd.start_of(c.head_verb) == q.cue_start:
                c.quote_idx = None
        c.in_quote = c.quote_idx is not None

    for i, c in enumerate(cands):
        if c.spec.get("t") != "rel":
            continue
        unit = c.spec.get("unit", "day")
        if c.spec.get("form") == "object":
            same = [o for o in cands if o is not c and o.sentence_index == c.sentence_index
                    and _is_ref_candidate(o) and o.spec.get("t") != "rel" and _fine_enough(o, unit)]
            adjacent = [o for o in same if 0 <= o.start - c.end <= 3]
            others = [o for o in same if o not in adjacent]
            if others:
                # "X on Wednesday, a day after Y": the expression dates Y, a day before Wednesday
                ref = min(others, key=lambda o: (o.start > c.start, abs(o.start - c.start)))
                c.ref_start = ref.start
                c.spec = dict(c.spec, dir=-int(c.spec.get("dir", 1)))
                c.form = "apposition"
            elif adjacent:
                # "two days after Tuesday's vote": counts from the date that follows
                c.ref_start = adjacent[0].start
                c.form = "object-date"
            else:
                c.form = "object-unknown"
            continue
        c.form = "narrative"
        for o in reversed(cands[:i]):
            if not _is_ref_candidate(o) or o.attributive or not _fine_enough(o, unit):
                continue
            if _direct_quote(o, quotes) != _direct_quote(c, quotes):
                continue  # a direct quote has its own time line; reported speech shares the narrative's
            if o.spec.get("t") == "rel" and o.ref_start is None:
                continue
            if c.tense == "past" and o.tense == "future":
                continue  # "released later the same day" does not count from a planned date
            c.ref_start = o.start
            break

    # the date of the saying: a dated reporting clause around a quote or a reported clause
    for qi, q in enumerate(quotes):
        inside = [c for c in cands if c.quote_idx == qi]
        if not inside:
            continue
        cue_at = q.cue_start if q.cue_start is not None else None
        cue_sent = None
        if cue_at is not None:
            s = parsed.sentence_at(cue_at)
            cue_sent = s.index if s is not None else None
        if cue_sent is None:
            cue_sent = q.sentence_index
        # only a date on the reporting verb itself dates the saying ("said on Tuesday")
        outside = [o for o in cands if o.sentence_index == cue_sent and o.quote_idx is None
                   and _is_ref_candidate(o) and _day_level(o) and not o.attributive
                   and o.spec.get("t") != "rel" and _on_verb_at(parsed, o, cue_at)]
        if not outside:
            continue
        said = min(outside, key=lambda o: abs(o.start - (cue_at or 0)))
        for c in inside:
            c.said_ref_start = said.start
    for c in cands:
        if c.said_ref_start is not None or c.head_verb is None or c.quote_idx is not None:
            continue
        said = _reported_by(c, cands)
        if said is not None:
            c.said_ref_start = said.start


def _on_verb_at(parsed: "ParsedArticle", c: _Cand, offset: int | None) -> bool:
    """True when ``c``'s clause verb is the token that starts at article ``offset``."""
    if offset is None or c.head_verb is None:
        return False
    bd = _block_doc(parsed, c.block_index)
    return bd is not None and bd.start_of(c.head_verb) == offset


def _block_doc(parsed: "ParsedArticle", block_index: int) -> "BlockDoc | None":
    for bd in parsed.block_docs:
        if bd.block.index == block_index:
            return bd
    return None


def _reported_by(c: _Cand, cands: list[_Cand]) -> _Cand | None:
    """The dated reporting clause above ``c``'s clause: "said on Tuesday that talks would resume on Friday"."""
    v = c.head_verb
    for _ in range(12):
        if v is None or v.head is v:
            return None
        if v.dep_ in ("ccomp", "xcomp", "parataxis") and v.head.lemma_ in REPORTING_VERBS:
            rep = v.head
            for o in cands:
                if o is c or o.sentence_index != c.sentence_index or o.head_verb is None:
                    continue
                if o.head_verb.i == rep.i and o.head_verb.doc is rep.doc and _is_ref_candidate(o) \
                        and _day_level(o) and o.spec.get("t") != "rel":
                    return o
            return None
        v = v.head
    return None


# ------------------------------------------------------------------ the events

def _sentence_actor_ids(mentions: list[Mention], sidx: int) -> list[str]:
    out: list[str] = []
    for m in mentions:
        if getattr(m, "sentence_index", None) == sidx and m.actor_id and m.actor_id not in out:
            out.append(m.actor_id)
    return out


def _speaker_for(c: _Cand, quotes: list[Quote], sent_start: int, sent_end: int) -> str | None:
    if c.quote_idx is not None:
        return quotes[c.quote_idx].speaker_id
    length = max(1, sent_end - sent_start)
    for q in quotes:
        try:
            overlap = min(q.end, sent_end) - max(q.start, sent_start)
        except TypeError:
            continue
        if overlap > length / 2:
            return q.speaker_id
    return None


def extract_events(parsed: "ParsedArticle", actors: list[Actor], mentions: list[Mention], quotes: list[Quote],
                   published: str | None) -> list[Event]:
    """One Event per time expression of the article, resolved against ``published``.

    Durations, ages, times of day and expressions that cannot be resolved are
    kept with ``value=None`` and a kind that says why ("duration",
    "unresolved", ...), so the Reader can mark them. ``actors`` is accepted
    for symmetry with the other steps; actor ids come from ``mentions``.
    Never raises on odd input: a failure leaves the article without events.
    """
    try:
        cands = _find_candidates(parsed)
        quotes = list(quotes or [])
        _link(cands, parsed, quotes)
    except Exception:  # noqa: BLE001 - one odd article must not stop a batch
        return []
    text = parsed.text
    sentences = {s.index: s for s in parsed.sentences}
    events: list[Event] = []
    for c in cands:
        s = sentences.get(c.sentence_index)
        s_start, s_end = (s.start, s.end) if s is not None else (c.start, c.end)
        feats: dict[str, Any] = {
            "spec": c.spec, "end_spec": c.tx.end_spec, "base_kind": c.tx.kind, "rule": c.tx.rule,
            "tense": c.tense, "verb": c.verb, "ref_start": c.ref_start, "said_ref_start": c.said_ref_start,
            "form": c.form, "in_quote": c.in_quote, "attributive": c.attributive, "published": published,
            # "said on Tuesday" dates a saying; "met on Tuesday" dates what happened
            "role": "said" if (c.head_verb is not None and c.head_verb.lemma_.lower() in REPORTING_VERBS
                               and not c.in_quote) else "happened",
        }
        events.append(Event(start=c.start, end=c.end, expression=c.tx.text, value=None, precision=None,
                            kind=c.tx.kind, sentence_index=c.sentence_index, sentence_start=s_start,
                            sentence_end=s_end, sentence=text[s_start:s_end],
                            actor_ids=_sentence_actor_ids(list(mentions or []), c.sentence_index),
                            speaker_id=_speaker_for(c, quotes, s_start, s_end), features=feats))
    return reresolve_events(events, published)


def reresolve_events(events: list[Event], published: str | None) -> list[Event]:
    """The same events resolved against another published date; pure, no spaCy.

    Uses only ``Event.features`` (as written by :func:`extract_events`):
    expressions keep their reference and speech-date links, which are
    followed again with the new anchor. Returns new Event objects.
    """
    anchor0 = parse_iso(published)
    by_start = {e.start: i for i, e in enumerate(events)}
    memo: dict[int, tuple[str | None, str | None, str | None, str | None, dict[str, Any]]] = {}
    cut: set[int] = set()  # events whose value was computed with a link cut by a cycle

    def value_of(i: int, stack: frozenset[int]) -> tuple[str | None, str | None, str | None, str | None, dict]:
        if i in memo:
            return memo[i]
        e = events[i]
        f = e.features or {}
        spec = f.get("spec") or {}
        base_kind = f.get("base_kind", e.kind)
        anchor = anchor0
        said = None
        sr = f.get("said_ref_start")
        cycle = False
        if sr is not None and sr in by_start and (by_start[sr] in stack or by_start[sr] == i):
            cycle = True
        elif sr is not None and sr in by_start:
            sv = value_of(by_start[sr], stack | {i})
            pv = parse_value(sv[0])
            if pv is not None and pv[1] == "day":
                anchor, said = pv[0], sv[0]
        ref = None
        rr = f.get("ref_start")
        if rr is not None and rr in by_start and (by_start[rr] in stack or by_start[rr] == i):
            cycle = True
        elif rr is not None and rr in by_start:
            rv = value_of(by_start[rr], stack | {i})
            if rv[0] is not None and rv[1] is not None:
                ref = (rv[0], rv[1])
        tense = f.get("tense") or "past"
        if said is not None and tense == "nearest":
            tense = "future"  # "said on Tuesday it would meet on Friday": ahead of the saying
        end_value = None
        if base_kind not in DATE_KINDS:
            value, prec, notes = None, None, {}
        elif base_kind == "range" and f.get("end_spec"):
            value, prec, end_value, notes = resolve_range(spec, f.get("end_spec"), anchor, tense)
        else:
            value, prec, notes = resolve_spec(spec, anchor, tense, ref)
            if value is None and spec.get("t") == "rel" and rr is None:
                notes["reason"] = "no reference event" if f.get("form") != "object-unknown" \
                    else "counts from an undated event"
        anchor_iso = anchor.isoformat() if anchor is not None else None
        out = (value, prec, end_value, anchor_iso, dict(notes, said=said or (anchor0.isoformat() if anchor0 else None)))
        if not cycle:
            memo[i] = out
        return out

    result: list[Event] = []
    for i, e in enumerate(events):
        try:
            value, prec, end_value, anchor_iso, notes = value_of(i, frozenset())
        except Exception:  # noqa: BLE001 - never let one odd event break the list
            value, prec, end_value, anchor_iso, notes = None, None, None, None, {"reason": "error"}
        f = dict(e.features or {})
        base_kind = f.get("base_kind", e.kind)
        f["said"] = notes.get("said")
        f["published"] = published
        f.pop("reason", None)
        f.pop("span", None)
        if "reason" in notes:
            f["reason"] = notes["reason"]
        if "span" in notes:
            f["span"] = notes["span"]
        if value is None and base_kind in DATE_KINDS:
            kind = "duration" if str(f.get("reason", "")).startswith("duration") else "unresolved"
        else:
            kind = base_kind
        result.append(dataclasses.replace(e, value=value, precision=prec if value else None,
                                          end_value=end_value, anchor=anchor_iso, kind=kind, features=f))
    return result
