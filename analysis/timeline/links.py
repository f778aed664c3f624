"""Links: what each time expression counts from, which quote it is in, and when that was said.

:func:`link` fills in, on the candidates of one article, the quote holding
each expression, the reference event of relative expressions ("the following
day" -> the previous narrative date; "on Wednesday, a day after Y" -> Y is
the day before Wednesday), and the dated reporting clause that dates a quote
or reported speech ("said on Tuesday that talks would resume on Friday").
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..records import Quote

from ..lexicon.words import speech_verbs, thought_verbs

from .candidates import Candidate, is_ref_candidate
from .resolution import static_precision

if TYPE_CHECKING:  # pragma: no cover
    from analysis.parsed import BlockDoc, ParsedArticle


# Verbs whose clausal complement is reported speech or thought: a date on them dates the saying.
REPORTING_VERBS = speech_verbs() | thought_verbs()


def _quote_of(start: int, end: int, quotes: list[Quote]) -> int | None:
    for i, q in enumerate(quotes):
        try:
            if q.start <= start and end <= q.end:
                return i
        except TypeError:
            continue
    return None


def _direct_quote(c: Candidate, quotes: list[Quote]) -> int | None:
    if c.quote_idx is None or quotes[c.quote_idx].kind == "indirect":
        return None
    return c.quote_idx


def _day_level(c: Candidate) -> bool:
    return static_precision(c.spec) == "day"


def _fine_enough(c: Candidate, unit: str) -> bool:
    prec = static_precision(c.spec)
    need = {"day": "day", "night": "day", "week": "day", "weekend": "day", "fortnight": "day",
            "month": "month", "year": "year"}.get(unit, "day")
    order = ("year", "month", "day")
    return prec in order and order.index(prec) >= order.index(need)


def link(cands: list[Candidate], parsed: "ParsedArticle", quotes: list[Quote]) -> None:
    """Set quote, reference-event and said-date links on ``cands`` (this step's own working records)."""
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
                    and is_ref_candidate(o) and o.spec.get("t") != "rel" and _fine_enough(o, unit)]
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
            if not is_ref_candidate(o) or o.attributive or not _fine_enough(o, unit):
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
                   and is_ref_candidate(o) and _day_level(o) and not o.attributive
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


def _on_verb_at(parsed: "ParsedArticle", c: Candidate, offset: int | None) -> bool:
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


def _reported_by(c: Candidate, cands: list[Candidate]) -> Candidate | None:
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
                if o.head_verb.i == rep.i and o.head_verb.doc is rep.doc and is_ref_candidate(o) \
                        and _day_level(o) and o.spec.get("t") != "rel":
                    return o
            return None
        v = v.head
    return None
