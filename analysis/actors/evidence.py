"""Evidence: what a person mention's own sentence says of their nation, affiliation, role and gender.

Four rules, strongest first: the title phrase before the name ("Japan's Prime
Minister ___"), appositions and "who is ..." clauses ("___, Spain's prime
minister"), an "of" phrase after the name ("___ of the University of Toronto"),
and the "of" complement of the title before it ("the president of France ___").
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..lexicon import gazetteer as gz
from ..reading.layout import dateline_end
from .drafts import (
    RANK_APPOS,
    RANK_HEADING,
    RANK_PLACE,
    RANK_PREMOD,
    Evidence,
    RawMention,
)
from .mentions import article_kind, clean_span, mention_code
from .names import strip_the
from .titles import TitleWindow, ent_of, of_complement, role_text, title_window

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span, Token

    from ..parsed import BlockDoc, ParsedArticle


def direct_evidence(parsed: "ParsedArticle", r: RawMention, raws: list[RawMention]) -> list[Evidence]:
    """The evidence the sentence around one person mention gives; ``raws`` is the article-wide reading."""
    rank_shift = RANK_HEADING if r.heading else 0
    w = title_window(r.bd.doc, r.span.start, r.span.sent.start)
    out: list[Evidence] = []
    if w is not None:
        ev = _window_evidence(parsed, raws, r.bd, w, r.span.end, RANK_PREMOD + rank_shift)
        if ev is not None:
            out.append(ev)
    out.extend(_apposition_evidence(parsed, raws, r, rank_shift))
    for ev in (_of_phrase_evidence(parsed, raws, r, rank_shift), _title_of_evidence(parsed, r, w, rank_shift)):
        if ev is not None:
            out.append(ev)
    return out


# ---------------------------------------------------------------------------
# a title phrase's evidence

def _window_evidence(parsed: "ParsedArticle", raws: list[RawMention], bd: "BlockDoc", w: TitleWindow,
                     name_end: int, rank: int, include_role: bool = True) -> Evidence | None:
    """The nation, affiliation, role, chain and gender a title phrase gives the name ending at ``name_end``."""
    doc = bd.doc
    nation, nation_kind, affiliation, chain = _entity_ties(raws, bd, w)
    role = role_text(doc, w) if include_role else None
    gender, gender_kind = _title_gender(w)
    if not (nation or affiliation or role or chain or gender):
        return None
    start = bd.block.start + doc[w.first].idx
    end = bd.block.start + (doc[name_end - 1].idx + len(doc[name_end - 1].text))
    ev = Evidence(rank=rank, start=start, end=end, text=parsed.text[start:end], nation=nation, affiliation=affiliation,
                  role=role, chain=chain, gender=gender, gender_kind=gender_kind, nation_kind=nation_kind)
    if nation_kind == "place":
        ev.rank = max(ev.rank, RANK_PLACE)
    return ev


def _entity_ties(raws: list[RawMention], bd: "BlockDoc", w: TitleWindow
                 ) -> tuple[str | None, str | None, str | None, tuple[int, int] | None]:
    """(nation, nation kind, affiliation, chain) from the entities of a title phrase, nearest to the name first.

    A possessor who is a person ("Macron's adviser") is a chain: the nation is
    inherited from them later.
    """
    words = gz.words()
    nation = affiliation = None
    nation_kind = None
    chain = None
    for ent, kind in w.entities:
        if kind == "to":
            continue
        t = ent.text
        if ent.label_ == "PERSON" or article_kind(raws, bd, ent) == "person":
            if chain is None and any(p.start == ent.start for p in w.possessors):
                chain = (bd.block.index, clean_span(ent).start if clean_span(ent) is not None else ent.start)
            continue
        code = gz.country_code(t) or gz.demonym_nation(t) or gz.seat_nation(t) or gz.capital_nation(t)
        if code and nation is None:
            nation, nation_kind = code, "country"
            settled = mention_code(raws, bd, ent)
            if settled is not None:
                nation, nation_kind = settled
            continue
        inst = gz.institution_nation(t)
        if inst and nation is None:
            nation, nation_kind = inst, "institution"
            continue
        aff = gz.affiliation_of(t)
        if aff and affiliation is None and kind in ("mod", "of"):  # "NATO's chief", "the head of the WHO"
            if aff not in gz.REGIONS:
                affiliation = aff
            continue
        if ent.label_ in ("GPE", "LOC") and nation is None:
            pc = gz.place_nation(t)
            if pc:
                nation, nation_kind = pc, "place"
            continue
        if ent.label_ in ("ORG", "FAC") and nation is None and gz.place_nation(t, 100_000):
            nation, nation_kind = gz.place_nation(t, 100_000), "place"  # "Chelyabinsk regional governor"
            continue
        if ent.label_ in ("ORG", "FAC") and affiliation is None and kind in ("mod", "of"):
            # "Amazon spokesman X", "X, chief executive of Tesco"
            name = strip_the(t)
            if len(name) > 1 and not words.is_role_word(name):
                affiliation = name
    return nation, nation_kind, affiliation, chain


def _title_gender(w: TitleWindow) -> tuple[str | None, str | None]:
    """(gender, "honorific" | "title") from the phrase's honorific, else its first gendered title."""
    words = gz.words()
    gender = gender_kind = None
    if w.honorific and words.honorifics.get(w.honorific):
        gender, gender_kind = words.honorifics.get(w.honorific), "honorific"
    for t in w.role_tokens:
        g = words.gendered_titles.get(gz.fold(t.text))
        if g and gender is None:
            gender, gender_kind = g, "title"
    return gender, gender_kind


# ---------------------------------------------------------------------------
# appositions and "of" phrases

def _apposition_heads(span: "Span") -> list["Token"]:
    """The nouns that describe the name beside it: appositions both ways round, and "who is"/"is" attributes."""
    root = span.root
    heads: list["Token"] = []
    # "The Italian foreign minister, Luigi Di Maio," / "Jens Stoltenberg, NATO's secretary general"
    if root.dep_ == "appos" and root.head.pos_ in ("NOUN", "PROPN") and not (span.start <= root.head.i < span.end) \
            and root.head.idx >= dateline_end(span.doc.text):  # "JERUSALEM (Reuters) - President X": no apposition
        heads.append(root.head)
    for ch in root.children:
        if ch.dep_ == "appos" and ch.pos_ in ("NOUN", "PROPN") and ent_of(ch) is None:
            heads.append(ch)
    # "X, who was Macron's envoy" and "X is Norway's foreign minister"
    for ch in root.children:
        if ch.dep_ == "relcl" and ch.lemma_ == "be":
            heads.extend(a for a in ch.children if a.dep_ == "attr")
    if root.dep_ in ("nsubj",) and root.head.lemma_ == "be":
        heads.extend(a for a in root.head.children if a.dep_ == "attr" and a.pos_ == "NOUN")
    return heads


def _apposition_evidence(parsed: "ParsedArticle", raws: list[RawMention], r: RawMention,
                         rank_shift: int) -> list[Evidence]:
    """Each describing noun read as a title phrase of its own; the evidence spans it and the name."""
    bd = r.bd
    doc = bd.doc
    words = gz.words()
    out: list[Evidence] = []
    for h in _apposition_heads(r.span):
        if not words.is_role_word(h.text) and h.pos_ != "PROPN":
            continue
        hw = title_window(doc, h.i + 1, r.span.sent.start)
        if hw is None:
            continue
        if h not in hw.role_tokens and words.is_role_word(h.text):
            hw.role_tokens.append(h)
        ofc = of_complement(doc, h)
        if ofc is not None:
            hw.entities.insert(0, (ofc, "of"))
        ev = _window_evidence(parsed, raws, bd, hw, h.i + 1, RANK_APPOS + rank_shift)
        if ev is not None:
            lo, hi = min(ev.start, r.start), max(ev.end, r.end)
            if ofc is not None:
                hi = max(hi, bd.block.start + ofc.end_char)
            ev.start, ev.end, ev.text = lo, hi, parsed.text[lo:hi]
            out.append(ev)
    return out


def _of_phrase_evidence(parsed: "ParsedArticle", raws: list[RawMention], r: RawMention,
                        rank_shift: int) -> Evidence | None:
    """ "Tristan Smith of University College London", "Jane Doe of France"."""
    bd = r.bd
    of_ent = of_complement(bd.doc, r.span.root)
    if of_ent is None or of_ent.label_ not in ("ORG", "GPE", "FAC", "NORP") or of_ent.start < r.span.end:
        return None
    code = gz.country_code(of_ent.text) or gz.demonym_nation(of_ent.text)
    settled = mention_code(raws, bd, of_ent)
    if settled is not None:
        code = settled[0]
    aff = None if code else (gz.affiliation_of(of_ent.text) or (strip_the(of_ent.text)
                                                                if of_ent.label_ in ("ORG", "FAC") else None))
    if not (code or aff):
        return None
    end = bd.block.start + of_ent.end_char
    return Evidence(rank=RANK_APPOS + rank_shift, start=r.start, end=end, text=parsed.text[r.start:end],
                    nation=code, affiliation=aff if aff not in gz.REGIONS else None,
                    nation_kind="country" if code else None)


def _title_of_evidence(parsed: "ParsedArticle", r: RawMention, w: TitleWindow | None,
                       rank_shift: int) -> Evidence | None:
    """ "the president of France Emmanuel Macron": the of-complement of the title right before the name."""
    if w is None or not w.role_tokens:
        return None
    doc = r.bd.doc
    last_role = max(w.role_tokens, key=lambda t: t.i)
    ofc = of_complement(doc, last_role)
    if ofc is None or any(e.start == ofc.start for e, _ in w.entities):
        return None
    code = gz.country_code(ofc.text) or gz.demonym_nation(ofc.text)
    aff = gz.affiliation_of(ofc.text)
    if not (code or aff):
        return None
    start = r.bd.block.start + doc[w.first].idx
    return Evidence(rank=RANK_PREMOD + rank_shift, start=start, end=r.end, text=parsed.text[start:r.end],
                    nation=code, affiliation=None if code else aff, nation_kind="country" if code else None)
