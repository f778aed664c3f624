"""Nominals: "the prime minister" after "Tony Blair" gives Tony Blair that role, and "the
sixteen-year-old Swede" after "Greta Thunberg" gives her Sweden.

News names a person once and then refers to them by office: "Tony Blair said
… The prime minister told MPs …". A careful reader takes the office as Blair's,
and with it the nation of the state whose office it is. This step reads each
definite nominal ("the prime minister", "the chancellor") whose words are a
public office and gives it to the one person it can point to: a person named in
that sentence or the two before it who has no role yet, when there is exactly
one such person, that person is the story's lead (its first-named or most-named
person), and no person in the article already holds a title with that word.
Anything less certain is left alone.

A definite nationality noun ("the Swede", "the 28-year-old Kenyan", "the Briton"; WordNet's
nationality nouns) is read the same way, more strictly: it gives its nation, as stated by the
article, to the one person named in that sentence or the two before it, and only when that person
has no stated nation. Two people in the window, or a plural ("the Swedes"), and nothing is given.

It returns new ``Actor`` records (the role or nation, with the nominal as evidence); it edits
nothing.
"""
from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any, Iterator, Sequence

from ..lexicon.names import fold
from ..records import Actor, Mention
from ..lexicon import gazetteer as gz
from ..lexicon import politics
from ..lexicon.offices import is_public_office

if TYPE_CHECKING:  # pragma: no cover
    from ..parsed import ParsedArticle

#: How many sentences back a nominal may point.
WINDOW = 2


def _definite_chunks(parsed: "ParsedArticle") -> Iterator[tuple[Any, Any, list]]:
    """(block doc, chunk, its tokens) of each "the ..." noun phrase outside the headline that names no
    person and is no apposition ("the prime minister, Tony Blair", "the Swede Greta Thunberg": those
    are read as titles and evidence elsewhere)."""
    for bd in parsed.block_docs:
        if bd.block.kind == "title":
            continue
        for chunk in bd.doc.noun_chunks:
            words = list(chunk)
            if len(words) < 2 or words[0].lower_ != "the" or any(t.ent_type_ == "PERSON" for t in words):
                continue
            nxt = bd.doc[chunk.end] if chunk.end < len(bd.doc) else None
            if nxt is not None and (nxt.ent_type_ == "PERSON" or nxt.text == ","):
                continue
            yield bd, chunk, words


def _nominals(parsed: "ParsedArticle") -> list[tuple[int, int, str]]:
    """(sentence index, article offset, office words) of each "the <office>" noun phrase."""
    out = []
    for bd, chunk, words in _definite_chunks(parsed):
        phrase = " ".join(t.text for t in words[1:])
        head = words[-1]
        tail = " ".join(t.text for t in words[-2:] if t.i > words[0].i).lower()
        # the office is the phrase's head ("the prime minister"), not a word inside it ("the
        # three-judge court"); a name inside it ("the Labour leader") is read as a title elsewhere
        # "the Tory leader", "the Liberal Democrat leader": a party's leader, when WordNet knows the party
        party_role = len(words) >= 3 and head.pos_ == "NOUN" and gz.words().is_role_word(head.text) \
            and politics.party(" ".join(t.text for t in words[1:-1])) is not None
        if not party_role and (head.pos_ != "NOUN" or not (is_public_office(head.lower_) or is_public_office(tail))
                               or any(t.pos_ == "PROPN" or t.is_punct for t in words[1:])):
            continue
        out.append((bd.sentence_index(chunk), bd.start_of(chunk), phrase))
    return out


def roles_from_nominals(parsed: "ParsedArticle", actors: Sequence[Actor], mentions: Sequence[Mention]) -> list[Actor]:
    """The actors again, with a role for each person a definite office nominal points to."""
    by_id = {a.id: a for a in actors}
    held = {w for a in actors if a.type == "PERSON" and a.role for w in fold(a.role).split()}
    persons = sorted((m for m in mentions if m.label == "PERSON" and m.actor_id in by_id), key=lambda m: m.start)
    given: dict[str, tuple[str, str]] = {}
    # only the story's lead is referred to by office alone: its first-named or most-named person
    # ("Tony Blair has defended … The prime minister told MPs"; not "Michael Howard said … the chancellor")
    counts = {i: sum(1 for m in persons if m.actor_id == i) for i in {m.actor_id for m in persons}}
    lead = {persons[0].actor_id} if persons else set()
    if counts:
        top = max(counts.values())
        lead |= {i for i, n in counts.items() if n == top and top > 1}
    for sent, pos, phrase in _nominals(parsed):
        head = fold(phrase).split()[-1]
        if head in held:
            continue  # someone already holds that title: the quote step's look-up finds them
        near = {m.actor_id for m in persons
                if m.start < pos and sent - WINDOW <= m.sentence_index <= sent}
        free = [i for i in near if not by_id[i].role and by_id[i].type == "PERSON" and i not in given]
        taken = [i for i in near if i in given]
        if len(free) == 1 and not taken and free[0] in lead:
            given[free[0]] = (phrase, f"the {phrase}")
            held.add(head)
    return [dataclasses.replace(a, role=given[a.id][0], evidence=a.evidence or given[a.id][1])
            if a.id in given else a for a in actors]


def _nationality_nominals(parsed: "ParsedArticle") -> list[tuple[int, int, int, str, str]]:
    """(sentence index, start, end, words, nation) of each "the [modifiers] <nationality noun>"."""
    out = []
    for bd, chunk, words in _definite_chunks(parsed):
        head = words[-1]
        code = politics.nationality_noun(head.text) if head.tag_ in ("NN", "NNP") else None
        if code is None or any(t.pos_ == "PROPN" for t in words[1:-1]):
            continue  # "the South Pole", "the Labour Swede": not a nationality on its own
        start = bd.start_of(chunk)
        out.append((bd.sentence_index(chunk), start, start + len(chunk.text), chunk.text, code))
    return out


def nations_from_nominals(parsed: "ParsedArticle", actors: Sequence[Actor], mentions: Sequence[Mention]) -> list[Actor]:
    """The actors again, with a stated nation for each person a definite nationality noun points to."""
    by_id = {a.id: a for a in actors}
    persons = sorted((m for m in mentions if m.label == "PERSON" and m.actor_id in by_id), key=lambda m: m.start)
    given: dict[str, tuple[str, int, int, str]] = {}
    for sent, start, end, words, code in _nationality_nominals(parsed):
        near = {m.actor_id for m in persons if m.start < start and sent - WINDOW <= m.sentence_index <= sent}
        if len(near) != 1:
            continue
        (aid,) = near
        a = by_id[aid]
        if a.type != "PERSON" or a.nation_basis == "stated" or aid in given:
            continue
        given[aid] = (code, start, end, words)
    out = []
    for a in actors:
        if a.id not in given:
            out.append(a)
            continue
        code, start, end, words = given[a.id]
        out.append(dataclasses.replace(a, nation=code, nation_basis="stated", nation_reason=None,
                                       evidence=words, evidence_start=start, evidence_end=end))
    return out
