"""Speakers: the source a cue's subject token names.

``Speakers.resolve`` reads the subject in this order: an apposition that names
a person ("the university's chancellor, Pradeep Khosla, said"); coordinated
sources as one group ("Canada and its allies"); function words (pronouns,
relative pronouns, quantifiers, the reporter's own "I" and "we"); the mention
the subject is part of; then the noun itself (a document, a proper name, a
person or role noun). Plural or collective sources are groups in their own
words; "the minister" resolves to an earlier person with that title, else it is
unnamed.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING, Iterator

from .antecedents import BODY_NOUNS, nominal, organisation, pronoun
from .index import ArticleIndex, tok_end, tok_start
from .sources import Speaker, actor_by_surface, gazetteer_nation, named, nation_of_words, person_in_title
from .vocabulary import NO_SOURCE, NOT_NAMES, PERSONAL, PLURAL_PRON, QUANTIFIERS, REL_PRON, REPORTER, \
    SOURCE_LABELS, lex

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Token

    from ..parsed import BlockDoc

_QUANTIFIER_POS = ("NUM", "PRON", "DET", "ADJ", "NOUN")
#: "the 52-year-old": a person referred to by their age.
_AGE_NOMINAL = re.compile(r"[Tt]he (\d{1,3})-year-old")
#: Who speaks for someone else: "X's spokesman" is X's voice, a source of its own.
SPOKESPERSON_NOUNS = frozenset({"spokesman", "spokeswoman", "spokesperson", "spokespeople", "mouthpiece"})


def np_range(bd: "BlockDoc", s: "Token") -> tuple[int, int]:
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
    return tok_start(bd, doc[first]), tok_end(bd, doc[last])


def group_range(bd: "BlockDoc", s: "Token") -> tuple[int, int]:
    """A coordinated subject ("Canada and its allies") as one stretch."""
    doc = bd.doc
    first, last = s.left_edge.i, s.i
    for c in s.children:
        if c.i > s.i and c.dep_ == "conj":
            # the conjunct's own noun phrase, not the clause hanging off it ("the Levant, which is …")
            last = max(last, _conjunct_end(c))
        elif c.i > s.i and c.dep_ in ("cc", "prep", "compound", "amod", "nmod"):
            last = max(last, c.right_edge.i)
    while last > first and doc[last].is_punct:
        last -= 1
    return tok_start(bd, doc[first]), tok_end(bd, doc[last])


def _conjunct_end(c: "Token") -> int:
    """The last token of a conjunct's noun phrase and of the conjuncts after it ("Roe, Diaz,
    and Berg"), leaving out relative clauses and appositions."""
    last = c.i
    for x in c.children:
        if x.i > c.i and x.dep_ in ("prep", "compound", "amod", "nmod"):
            last = max(last, x.right_edge.i)
        elif x.i > c.i and x.dep_ == "conj":
            last = max(last, _conjunct_end(x))
    return last


def _all_conjuncts(conjs: list["Token"]) -> list["Token"]:
    """The conjuncts and those chained after them ("Roe, Diaz, and Berg")."""
    out: list["Token"] = []
    for c in conjs:
        out.append(c)
        out += _all_conjuncts([x for x in c.children if x.dep_ == "conj"])
    return out


def _is_function_word(s: "Token") -> bool:
    """A pronoun, quantifier or determiner: its word decides the speaker, not a mention or noun."""
    low = s.lower_
    return (low in PERSONAL and s.pos_ == "PRON") or low in PLURAL_PRON \
        or (low in REL_PRON and s.head.dep_ == "relcl") or (low in QUANTIFIERS and s.pos_ in _QUANTIFIER_POS) \
        or low in REPORTER or low in NO_SOURCE or s.pos_ in ("PRON", "DET", "NUM")


def _document_authors(s: "Token") -> Iterator["Token"]:
    """Who issued a document: "X's statement", "a report from X", "a statement released by X",
    "Federal Aviation Administration records"."""
    for c in s.children:
        if c.dep_ == "poss":
            yield c
        if c.dep_ == "compound" and c.ent_type_ in ("ORG", "NORP", "GPE"):
            yield c
        if c.dep_ == "prep" and c.lower_ in ("by", "from", "of"):
            yield from (p for p in c.children if p.dep_ == "pobj")
        if c.dep_ == "acl":
            for a in c.children:
                if a.dep_ == "agent":
                    yield from (p for p in a.children if p.dep_ == "pobj")


class Speakers:
    """Resolves a cue's subject token to a speaker."""

    def __init__(self, index: ArticleIndex):
        self.index = index
        #: the last speaker resolved, with its sentence (cues are resolved in text order)
        self.last: tuple[int, Speaker] | None = None

    def heard(self, sentence: int, speaker: Speaker) -> None:
        """Note the speaker of a cue just found, for a "they" after it."""
        self.last = (sentence, speaker)

    def _same_pronoun_before(self, bd: "BlockDoc", s: "Token") -> Speaker | None:
        """ "He said Okafor is … ; however, "…", he added": a he/she in the sentence of the last cue,
        whose speaker was the same he/she, is that speaker again (not a name the statement mentions)."""
        if self.last is None:
            return None
        sent, sp = self.last
        pos = tok_start(bd, s)
        if sp.kind != "pronoun" or sp.start is None or sp.end is None or not sp.actor_id \
                or self.index.sentence_index(pos) != sent or sp.start >= pos:
            return None
        if PERSONAL.get(self.index.text[sp.start:sp.end].lower()) != PERSONAL[s.lower_]:
            return None
        return Speaker("pronoun", sp.actor_id, sp.name, sp.nation, pos, tok_end(bd, s))

    def _last_body(self, pos: int) -> Speaker | None:
        """The organisation or group that spoke last, in this sentence or the two before, when no one
        spoke since: "The Department issued a statement … They also said …"."""
        if self.last is None:
            return None
        sent, sp = self.last
        if not 0 <= self.index.sentence_index(pos) - sent <= 2:
            return None
        actor = self.index.actors.get(sp.actor_id or "")
        if sp.kind == "group" or (actor is not None and actor.type == "ORG" and sp.kind != "spokesperson"):
            return sp
        return None

    def resolve(self, bd: "BlockDoc", s: "Token", depth: int = 0) -> Speaker | None:
        """The speaker named by subject token ``s`` (None when it is no source)."""
        if s is None or depth > 3 or self.index.in_quote(tok_start(bd, s)):
            return None
        found = self._appositive_person(bd, s)
        if found is not None:
            return found
        conjs = [c for c in s.children if c.dep_ == "conj" and self._sourcelike(bd, c)]
        if conjs:
            return self._coordinated(bd, s, conjs)
        if _is_function_word(s):
            return self._function_word(bd, s, depth)
        found = self._by_mention(bd, s)
        if found is not None:
            return found
        return self._by_noun(bd, s, depth)

    def _coordinated(self, bd: "BlockDoc", s: "Token", conjs: list["Token"]) -> Speaker:
        """"Canada and its allies", "Both he and the commissioner": one group, no single nation."""
        index = self.index
        gs, ge = group_range(bd, s)
        nations = {nation_of_words(index, tok_start(bd, x), tok_end(bd, x)) for x in [s] + conjs}
        nation = nations.pop() if len(nations) == 1 else None
        every = [s] + _all_conjuncts(conjs)
        named_ones = [self._by_mention(bd, x) for x in every]
        members: tuple[Speaker, ...] = ()
        kinds = {(index.actors[m.actor_id].type if m.actor_id in index.actors else None) for m in named_ones if m}
        if all(m is not None and m.kind == "named" and m.actor_id for m in named_ones) \
                and len({m.actor_id for m in named_ones}) == len(every) \
                and not ("ORG" in kinds and kinds & {"GPE", "LOC"}):  # "the Front of Aram and the Levant"
            members = tuple(m for m in named_ones if m is not None)  # "the Herald and the Courier": each said it
        return Speaker("group", None, index.text[gs:ge], nation, gs, ge, members=members)

    def _function_word(self, bd: "BlockDoc", s: "Token", depth: int) -> Speaker | None:
        """Pronouns and quantifiers; every other function word is no source (see ``_is_function_word``)."""
        low = s.lower_
        if low in PERSONAL and s.pos_ == "PRON":
            same = self._same_pronoun_before(bd, s)
            return same if same is not None else pronoun(self.index, bd, s)
        if low in PLURAL_PRON:
            at, to = tok_start(bd, s), tok_end(bd, s)
            if s.dep_ in ("nsubj", "nsubjpass"):
                # "The Chilean Navy said … They said": the organisation that was the subject just before
                body = organisation(self.index, at, window=1, subject_only=True)
                if body is not None:
                    return Speaker("pronoun", body.id, body.name, body.nation, at, to)
                # else the organisation or group that spoke just before ("Officials said … They added …")
                last = self._last_body(at)
                if last is not None:
                    return Speaker("pronoun" if last.actor_id else "group", last.actor_id, last.name, last.nation,
                                   at, to)
            return Speaker("group", None, s.text[:1].upper() + s.text[1:], None, at, to)
        if low in REL_PRON and s.head.dep_ == "relcl":
            return self.resolve(bd, s.head.head, depth + 1)
        if low in QUANTIFIERS and s.pos_ in _QUANTIFIER_POS:
            # "One of these groups, the SDF, said": the apposition names it, else the group does
            for c in s.children:
                if c.dep_ == "appos":
                    return self.resolve(bd, c, depth + 1)
            for c in s.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    ns, ne = np_range(bd, s)
                    return Speaker("group", None, self.index.text[ns:ne], nation_of_words(self.index, ns, ne),
                                   ns, ne)
        if low == "it" and s.pos_ == "PRON" and s.dep_ in ("nsubj", "nsubjpass"):
            # "Vestey Group said profits fell. It claimed …": the organisation that was just speaking
            body = organisation(self.index, tok_start(bd, s))
            if body is not None:
                return Speaker("pronoun", body.id, body.name, body.nation, tok_start(bd, s), tok_end(bd, s))
        # the reporter's own voice ("I", "we") or no source at all ("this")
        return None

    def _by_mention(self, bd: "BlockDoc", s: "Token") -> Speaker | None:
        """The speaker the subject's mention (or a name in its noun phrase) gives, if any."""
        index = self.index
        low = s.lower_
        start, end = tok_start(bd, s), tok_end(bd, s)
        m = index.mention_at(start, end)
        if m is not None and m.label == "PERSON":
            return named(index, m)
        for c in s.children:  # "Dunn's mother, Charlotte Charles, said"
            if c.dep_ == "appos":
                am = index.mention_at(tok_start(bd, c), tok_end(bd, c))
                if am is not None and am.label == "PERSON":
                    return named(index, am)
        if s.pos_ == "PROPN" or s.is_title:
            # "Former Ambassador to the United Nations Jane Roe wrote": a title-cased head
            # whose noun phrase ends with the person's name
            ns, ne = np_range(bd, s)
            tail = [x for x in index.mentions_in(ns, ne) if x.label == "PERSON" and x.end == ne]
            if tail:
                return named(index, tail[-1])
        if m is not None and m.label != "PERSON":
            inner = person_in_title(index, m)
            if inner is not None:
                return inner
        if m is None and s.is_title and s.pos_ in ("NOUN", "PROPN"):
            # the parser and the tagger missed a name the actor step knows ("Lopez tweeted")
            actor = actor_by_surface(index, s.text, s.text)
            if actor is not None:
                return Speaker("named", actor.id, actor.name, actor.nation, start, end)
        if m is not None and m.label in SOURCE_LABELS:
            if m.label == "NORP" and (s.tag_ in ("NNPS", "NNS") or low.endswith("s")):
                ns, ne = np_range(bd, s)
                actor = index.actor_of(m)
                nation = (actor.nation if actor else None) or gazetteer_nation(m.text)
                return Speaker("group", None, index.text[ns:ne], nation, ns, ne)
            return named(index, m)
        return None

    def _by_age(self, bd: "BlockDoc", s: "Token") -> Speaker | None:
        """ "The 52-year-old said": the person named with that age ("Gerry Conlon, 52,"), else none."""
        ns, ne = np_range(bd, s)
        m = _AGE_NOMINAL.fullmatch(self.index.text[ns:ne])
        if m is None:
            return None
        age = m.group(1)
        before = self.index.text[:ns]
        for pm in reversed(self.index.mentions_in(0, ns)):
            if pm.label != "PERSON" or not pm.actor_id:
                continue
            if re.match(rf"\s*(?:,|\()\s*(?:aged\s+)?{age}\b", before[pm.end:pm.end + 12]):
                actor = self.index.actor_of(pm)
                if actor is not None:
                    return Speaker("nominal", actor.id, actor.name, actor.nation, ns, ne)
        return None

    def _by_noun(self, bd: "BlockDoc", s: "Token", depth: int) -> Speaker | None:
        """A subject with no mention of its own: a document, a proper name, a person or role noun."""
        low, lemma = s.lower_, s.lemma_.lower()
        if low == "old" and any(c.lower_ == "the" for c in s.children):
            return self._by_age(bd, s)
        if lemma in lex("document_nouns") or low in lex("document_nouns"):
            return self._document(bd, s, depth)
        if s.pos_ == "PROPN" and lemma not in lex("role_heads"):
            return self._proper_name(bd, s)
        if lemma in lex("person_nouns") or lemma in lex("role_heads") or low in lex("person_nouns"):
            return self._person_noun(bd, s)
        for c in s.children:
            # "Officials in Cojedes state said": the parser made "state" the subject, "Officials" its modifier
            if c.dep_ == "nmod" and c.i < s.i and c.lemma_.lower() in lex("person_nouns") | lex("role_heads"):
                found = self._person_noun(bd, c)
                if found.kind == "group":
                    ns, ne = tok_start(bd, c), tok_end(bd, s)
                    return Speaker("group", None, self.index.text[ns:ne], nation_of_words(self.index, ns, ne), ns, ne)
                return found
        return None

    def _document(self, bd: "BlockDoc", s: "Token", depth: int) -> Speaker:
        """"a statement released by X", "X's statement", "a report from X": X, else the document unnamed."""
        for author in _document_authors(s):
            sp = self.resolve(bd, author, depth + 1)
            if sp is not None:
                return sp
        ns, ne = np_range(bd, s)
        return Speaker("unnamed", None, self.index.text[ns:ne], nation_of_words(self.index, ns, ne), ns, ne)

    def _proper_name(self, bd: "BlockDoc", s: "Token") -> Speaker | None:
        """A proper noun the actor step knows by its surface, else a title-cased name of its own."""
        index = self.index
        end = tok_end(bd, s)
        ns, ne = np_range(bd, s)
        actor = actor_by_surface(index, s.text, index.text[ns:ne])
        if actor is not None:
            return Speaker("named", actor.id, actor.name, actor.nation, ns, ne)
        if s.ent_type_ not in NOT_NAMES and s.is_title:
            first = s
            while first.i > s.left_edge.i and bd.doc[first.i - 1].dep_ == "compound" \
                    and bd.doc[first.i - 1].pos_ == "PROPN":
                first = bd.doc[first.i - 1]
            ns2 = tok_start(bd, first)
            return Speaker("named", None, index.text[ns2:end], None, ns2, end)
        return None

    def _person_noun(self, bd: "BlockDoc", s: "Token") -> Speaker:
        """"Residents" and "officials" are groups; "the minister" an earlier minister, else unnamed."""
        index = self.index
        low, lemma = s.lower_, s.lemma_.lower()
        ns, ne = np_range(bd, s)
        words = index.text[ns:ne]
        nation = nation_of_words(index, ns, ne)
        plural = s.tag_ in ("NNS", "NNPS") or (low != lemma and low.endswith("s"))
        if not plural and lemma in SPOKESPERSON_NOUNS:
            principals = list(s.children) + [g for c in s.children if c.dep_ == "prep" and c.lower_ == "for"
                                             for g in c.children if g.dep_ == "pobj"]
            for c in principals:
                # "a spokesman for Tesco" as well as "Mr Blair's spokesman" and "a Tesco spokeswoman"
                if c.dep_ not in ("poss", "pobj") and not (c.dep_ == "compound"
                                                         and c.ent_type_ in ("ORG", "GPE", "PERSON")):
                    continue
                # "Mr Blair's official spokesman said", "a Tesco spokeswoman said": a speaker of its own
                # who speaks for Tony Blair, for Tesco
                principal = self.resolve(bd, c, 1)
                if principal is not None and principal.actor_id:
                    return Speaker("spokesperson", principal.actor_id, words, principal.nation, ns, ne,
                                   head=lemma, speaks_for=principal.name)
        definite_the = any(c.lower_ == "the" for c in s.children)
        if not plural and definite_the and lemma in BODY_NOUNS:
            # "Vestey Group said … The firm said": the organisation named just before
            body = organisation(index, ns, lemma, window=4)
            if body is not None:
                return Speaker("nominal", body.id, body.name, body.nation, ns, ne)
        if plural or lemma in lex("collective_nouns"):
            return Speaker("group", None, words, nation, ns, ne)
        definite = any(c.dep_ == "poss" or c.lower_ in ("the", "this", "that") for c in s.children) \
            or any(c.dep_ == "compound" for c in s.children)
        if definite and (lemma in lex("role_heads") or lemma in lex("person_nouns")):
            modifiers = {c.lemma_.lower() for c in s.children if c.dep_ in ("compound", "amod")}
            actor = nominal(index, tok_start(bd, s), lemma, modifiers, nation)
            if actor is not None:
                return Speaker("nominal", actor.id, actor.name, actor.nation, ns, ne)
        return Speaker("unnamed", None, words, nation, ns, ne, head=lemma)

    def _sourcelike(self, bd: "BlockDoc", c: "Token") -> bool:
        """Could this conjunct speak? (not "US$3.6 billion", not "the plan")"""
        if any(ch.isdigit() for ch in c.text) or c.like_num or c.text[:1] in "$\u20ac\u00a3":
            return False
        if c.pos_ in ("PRON",) and c.lower_ in PERSONAL | PLURAL_PRON:
            return True
        m = self.index.mention_at(tok_start(bd, c), tok_end(bd, c))
        if m is not None:
            return m.label in SOURCE_LABELS
        lemma = c.lemma_.lower()
        return lemma in lex("person_nouns") or lemma in lex("role_heads") or lemma in lex("collective_nouns")

    def _appositive_person(self, bd: "BlockDoc", s: "Token") -> Speaker | None:
        """The person an apposition names: "the university's chancellor, Pradeep Khosla, said"."""
        index = self.index
        heads = [s] + [c for c in s.children if c.dep_ == "conj" and c.pos_ == "NOUN"
                       and c.lemma_.lower() in lex("role_heads") | lex("person_nouns")
                       and any(g.dep_ == "poss" for g in c.children)]
        doc = s.doc
        last = s.right_edge.i
        while last > s.i and (doc[last].is_punct or doc[last].is_space):
            last -= 1
        np_end = tok_end(bd, doc[last])
        for t in s.subtree:  # "The director of the Society, Bob Hughes, told": the phrase ends with the name
            if t.dep_ == "appos" and t.i != s.i:
                m = index.mention_at(tok_start(bd, t), tok_end(bd, t))
                if m is not None and m.label == "PERSON" and m.end >= np_end:
                    return named(index, m)
        for h in heads:
            for c in h.children:
                if c.dep_ != "appos":
                    continue
                cs, ce = tok_start(bd, c), tok_end(bd, c)
                m = index.mention_at(cs, ce)
                if m is not None and m.label == "PERSON":
                    return named(index, m)
                if m is None and c.pos_ == "PROPN" and c.is_title and h.pos_ == "NOUN":
                    first = c
                    while first.i > c.left_edge.i and c.doc[first.i - 1].dep_ == "compound" \
                            and c.doc[first.i - 1].pos_ == "PROPN" and c.doc[first.i - 1].is_title:
                        first = c.doc[first.i - 1]
                    if first.i < c.i or h.lemma_.lower() in lex("person_nouns"):  # "his wife Mary"
                        ns = tok_start(bd, first)
                        actor = actor_by_surface(index, c.text, index.text[ns:ce])
                        if actor is not None:
                            return Speaker("named", actor.id, actor.name, actor.nation, ns, ce)
                        return Speaker("named", None, index.text[ns:ce], None, ns, ce)
        return None
