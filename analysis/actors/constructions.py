"""Constructions across mentions: "A, B and C ... respectively", "Under President X, Paris ...", "A and <title> B"."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..lexicon import gazetteer as gz
from .drafts import RANK_CONJ, RANK_PREMOD, RANK_RESPECTIVELY, RANK_UNDER, Cluster, Evidence, RawMention
from .mentions import clean_span
from .titles import ent_of, role_text, title_window

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

    from ..parsed import BlockDoc, ParsedArticle


def respectively_rule(parsed: "ParsedArticle", persons: list[Cluster]) -> None:
    """ "his Greek, Cypriot and French counterparts, A, B and C, respectively": pair them in order."""
    by_pos: dict[tuple[int, int], RawMention] = {}
    for c in persons:
        for r in c.mentions:
            if not r.dropped:
                by_pos[(r.bd.block.index, r.span.start)] = r
    for bd in parsed.block_docs:
        for sent in bd.doc.sents:
            if any(t.lower_ == "respectively" for t in sent):
                _pair_respectively(parsed, bd, sent, by_pos)


def _pair_respectively(parsed: "ParsedArticle", bd: "BlockDoc", sent: "Span",
                       by_pos: dict[tuple[int, int], RawMention]) -> None:
    """Give each person before "respectively" the nation in the same place of the nationality list."""
    doc = bd.doc
    ents = [e for e in doc.ents if e.start >= sent.start and e.end <= sent.end]
    resp = next(t.i for t in sent if t.lower_ == "respectively")
    run = _nationality_run(doc, ents, resp)
    if len(run) < 2:
        return
    people = [e for e in ents if e.label_ == "PERSON" and run[-1].end <= e.start < resp]
    if len(people) != len(run):
        return
    head = doc[run[-1].end] if run[-1].end < len(doc) else None
    role = None
    if head is not None and gz.fold(head.text) in ("counterpart", "counterparts"):
        role = _previous_role(bd, sent, run[0].start)
    elif head is not None and gz.words().is_role_word(head.text):
        role = head.text
    for nat, person in zip(run, people):
        cs = clean_span(person)
        r = by_pos.get((bd.block.index, cs.start if cs is not None else person.start))
        if r is None:
            continue
        code = gz.country_code(nat.text) or gz.demonym_nation(nat.text)
        start = bd.block.start + doc[run[0].start].idx
        end = bd.block.start + doc[resp].idx + len(doc[resp].text)
        r.evidence.append(Evidence(rank=RANK_RESPECTIVELY, start=start, end=end, text=parsed.text[start:end],
                                   nation=code, role=role, nation_kind="country"))


def _nationality_run(doc: "Doc", ents: list["Span"], resp: int) -> list["Span"]:
    """The last run of two or more states or demonyms joined only by commas, "and" or "or" before ``resp``."""
    nat_run: list["Span"] = []
    best_run: list["Span"] = []
    last_end = None
    for e in ents:
        if e.start >= resp:
            break
        is_nat = e.label_ in ("NORP", "GPE") and bool(gz.country_code(e.text) or gz.demonym_nation(e.text))
        if is_nat and (last_end is None or all(doc[k].lower_ in (",", "and", "or") for k in range(last_end, e.start))):
            nat_run.append(e)
            last_end = e.end
        elif is_nat:
            nat_run = [e]
            last_end = e.end
        else:
            if len(nat_run) >= 2:
                best_run = nat_run
            nat_run, last_end = [], None
    if len(nat_run) >= 2:
        best_run = nat_run
    return best_run


def _previous_role(bd: "BlockDoc", sent: "Span", before: int) -> str | None:
    """The role of the last person named before a position in the sentence ("his counterparts")."""
    for e in reversed([e for e in bd.doc.ents if e.label_ == "PERSON" and sent.start <= e.start < before]):
        w = title_window(bd.doc, e.start, sent.start)
        if w is not None:
            role = role_text(bd.doc, w)
            if role:
                return role
    return None


def under_rule(parsed: "ParsedArticle", persons: list[Cluster]) -> None:
    """ "Under President X, Paris has ...": a titled leader of the state the clause is about."""
    for c in persons:
        for r in c.mentions:
            if r.dropped or r.heading:
                continue
            root = r.span.root
            if root.dep_ != "pobj" or root.head.lower_ != "under":
                continue
            w = title_window(r.bd.doc, r.span.start, r.span.sent.start)
            if w is None or not w.role_tokens:
                continue
            verb = root.head.head
            subj = next((t for t in verb.children if t.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None:
                continue
            ent = ent_of(subj)
            if ent is None:
                continue
            code = gz.country_code(ent.text) or gz.seat_nation(ent.text) or gz.capital_nation(ent.text)
            if not code:
                continue
            doc = r.bd.doc
            start = r.bd.block.start + doc[root.head.i].idx
            end = r.bd.block.start + ent.end_char
            r.evidence.append(Evidence(rank=RANK_UNDER, start=start, end=end, text=parsed.text[start:end],
                                       nation=code, nation_kind="country"))


def conj_rule(persons: list[Cluster], at_offset: dict[tuple[int, int], Cluster]) -> None:
    """ "Canadian envoy A and trade adviser B": B, titled but with no state, shares A's.

    Not for heads of state or government, and not for the same title ("French
    President A and Chancellor B" says nothing about B's state).
    """
    words = gz.words()
    for c in persons:
        if c.nation:
            continue
        for r in c.mentions:
            if r.dropped or r.heading:
                continue
            doc = r.bd.doc
            w = title_window(doc, r.span.start, r.span.sent.start)
            if w is None or not w.role_tokens or w.entities:
                continue
            # "A and <title> B": the person named right before "and" (the parse is unreliable here).
            k = w.first - 1
            if k < 1 or doc[k].lower_ != "and":
                continue
            k -= 1
            if doc[k].text == ",":
                k -= 1
            other = at_offset.get((r.bd.block.index, _person_start(doc[k])))
            if other is None or other is c or not other.nation:
                continue
            role = (role_text(r.bd.doc, w) or "").lower()
            other_role = (other.role or "").lower()
            if not role or role == other_role or any(role == h or role.endswith(" " + h)
                                                     for h in words.head_of_state_roles):
                continue
            first_ev = next((e for m in other.mentions for e in m.evidence
                             if e.nation == other.nation and e.rank == RANK_PREMOD
                             and m.bd is r.bd and m.span.sent.start == r.span.sent.start), None)
            if first_ev is None:
                continue
            start, end = first_ev.start, r.end
            text = r.bd.block.text[start - r.bd.block.start:end - r.bd.block.start]
            ev = Evidence(rank=RANK_CONJ, start=start, end=end, text=text, nation=other.nation, role=role,
                          nation_kind="conj")
            r.evidence.append(ev)
            c.nation = other.nation
            c.evidence = ev
            if not c.role:
                c.role = role_text(r.bd.doc, w)
            break


def _person_start(tok: "Token") -> int:
    ent = ent_of(tok)
    if ent is None:
        return tok.i
    cs = clean_span(ent)
    return cs.start if cs is not None else ent.start
