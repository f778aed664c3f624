"""Title phrases: the words before a name read leftwards ("German Foreign Minister ___"), and their role text."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..lexicon import gazetteer as gz
from .mentions import ACTOR_LABELS, RECOVERABLE
from .names import POSSESSIVE

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

_DROP_FROM_ROLE = {"former", "ex", "ex-", "then", "late", "the", "a", "an"}


def ent_of(tok: "Token") -> "Span | None":
    """The entity a token is part of, if any."""
    if not tok.ent_type_:
        return None
    for e in tok.doc.ents:
        if e.start <= tok.i < e.end:
            return e
    return None


@dataclass
class TitleWindow:
    """A title phrase before a name: where it starts, the entities and possessors in it, its title words."""

    first: int                      # doc index where the phrase starts
    end: int                        # doc index after the phrase
    entities: list[tuple["Span", str]]  # (entity, "mod" | "of" | "to")
    possessors: list["Span"]
    role_tokens: list["Token"]
    honorific: str | None = None
    role_cut: int | None = None     # the role starts here ("the president's | spokesperson")


def title_window(doc: "Doc", end: int, stop: int) -> TitleWindow | None:
    """The title phrase ending at ``end`` (exclusive), read leftwards: "German Foreign Minister ___".

    ``stop`` is the first token that may belong to it (the sentence start).
    """
    reader = _LeftwardReader(doc, end)
    while reader.i >= stop:
        if reader.step(stop) is _STOP:
            break
    return reader.window()


_TAKEN = "taken"  # the token (or entity) belongs to the title: read on to its left
_STOP = "stop"    # the title ends here


class _LeftwardReader:
    """Reads a title phrase from the name leftwards, one token or entity per step.

    Each rule looks at the token at ``i`` and either takes it (moving ``first``
    and ``i`` left), stops the phrase, or leaves it to the next rule; the first
    rule with an answer decides.
    """

    def __init__(self, doc: "Doc", end: int) -> None:
        self.doc = doc
        self.end = end
        self.words = gz.words()
        self.i = end - 1
        self.first = end
        self.ents: list[tuple["Span", str]] = []
        self.possessors: list["Span"] = []
        self.role_tokens: list["Token"] = []
        self.honorific: str | None = None
        self.role_cut: int | None = None

    def step(self, stop: int) -> str:
        """Read the token at ``i``: ``_TAKEN`` (read on) or ``_STOP``."""
        tok = self.doc[self.i]
        ent = ent_of(tok)
        if ent is not None and ent.end > self.end:
            ent = None  # the titles inside the name's own entity ("Ms" of "Ms Achieng Otieno")
        if ent is not None:
            outcome = self._ordinal(ent) or self._title_entity(ent) or self._actor_entity(ent)
            if outcome:
                return outcome
        low = gz.fold(tok.text)
        return (self._possessive(tok, stop) or self._honorific(low) or self._connector(low, stop)
                or self._article(low) or self._pronoun(tok) or self._title_word(tok, low)
                or self._title_noun(tok) or _STOP)

    def _take(self, start: int) -> str:
        """The phrase now starts at ``start``; read on from the token before it."""
        self.first = start
        self.i = start - 1
        return _TAKEN

    # -- entities ---------------------------------------------------------------
    def _ordinal(self, ent: "Span") -> str | None:
        """ "45th President", "sixth year student"."""
        if ent.label_ == "ORDINAL" and ent.end <= self.end and self.role_tokens:
            self.role_tokens.extend(ent)
            return self._take(ent.start)
        return None

    def _title_entity(self, ent: "Span") -> str | None:
        """ "Interior Minister", "Secretary of State": NER took a title word for an organisation."""
        words = self.words
        if ent.start < self.end and all(t.is_alpha and (words.is_role_word(t.text) or words.is_role_modifier(t.text))
                                        for t in ent if not t.is_punct):
            self.role_tokens.extend(t for t in ent if t.i < self.end)
            return self._take(ent.start)
        return None

    def _actor_entity(self, ent: "Span") -> str | None:
        """A state, body or place modifying the title; another person's name ends it unless possessive."""
        if ent.label_ not in ACTOR_LABELS | RECOVERABLE:
            return None
        doc = self.doc
        if ent.label_ == "PERSON" and not (ent.end < len(doc) and doc[ent.end].text in POSSESSIVE):
            return _STOP  # another person's name, not a title
        self.ents.append((ent, "mod"))
        return self._take(ent.start)

    # -- single tokens ----------------------------------------------------------
    def _possessive(self, tok: "Token", stop: int) -> str | None:
        """ "Japan's ___", "Macron's adviser ___", "the Kenyan president's spokesperson ___"."""
        if not (tok.text in POSSESSIVE and (tok.tag_ == "POS" or tok.dep_ == "case")):
            return None
        i = self.i
        if i - 1 >= stop:
            pe = ent_of(self.doc[i - 1])
            if pe is not None:
                self.possessors.append(pe)
                self.ents.append((pe, "mod"))
                return self._take(pe.start)
            if self.words.is_role_word(self.doc[i - 1].text) and self.role_cut is None:
                # The title after the possessive is the role; the state named before it
                # still ties the person to it.
                self.role_cut = i + 1
                return self._take(i)
        return _STOP

    def _honorific(self, low: str) -> str | None:
        """ "Mr", "Dr", "Ms": kept apart, for the person's gender."""
        if low in self.words.honorifics:
            self.honorific = low
            return self._take(self.i)
        return None

    def _connector(self, low: str, stop: int) -> str | None:
        """ "of"/"to"/"for" after a title word ("Ambassador to the United Nations ___").

        "spokesperson for President ___" describes someone else: "to"/"for" are
        crossed only when no title word stands after them.
        """
        i = self.i
        if low in ("of", "to", "for") and i - 1 >= stop and self.words.is_role_word(self.doc[i - 1].text) and \
                (low == "of" or not self.role_tokens):
            kind = "of" if low == "of" else "to"
            for k in range(len(self.ents)):
                if self.ents[k][1] == "mod":
                    self.ents[k] = (self.ents[k][0], kind)
            return self._take(i)
        return None

    def _article(self, low: str) -> str | None:
        """ "the" before an entity of the phrase ("the United Nations")."""
        i = self.i
        if low == "the" and i + 1 < self.end and ent_of(self.doc[i + 1]) is not None:
            return self._take(i)
        return None

    @staticmethod
    def _pronoun(tok: "Token") -> str | None:
        if tok.pos_ == "PRON" and tok.tag_ == "PRP$":
            return _STOP  # "his counterparts": someone else's title
        return None

    def _title_word(self, tok: "Token", low: str) -> str | None:
        """A title word or title modifier from the word tables ("Foreign", "Minister", "former")."""
        words = self.words
        if ((words.is_role_word(tok.text) and tok.pos_ != "ADJ") or words.is_role_modifier(tok.text)) \
                and low not in ("of", "to", "for", "the"):
            self.role_tokens.append(tok)
            return self._take(self.i)
        return None

    def _title_noun(self, tok: "Token") -> str | None:
        """Other nouns inside the title ("foreign policy adviser").

        Adjectives count only from the word table (``_title_word``), so that
        "the most brilliant scientist" is not read as a title.
        """
        if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("compound", "nmod") and \
                self.first <= tok.head.i < self.end + 3 and tok.is_alpha:
            self.role_tokens.append(tok)
            return self._take(self.i)
        return None

    # -- result -----------------------------------------------------------------
    def window(self) -> TitleWindow | None:
        """The phrase read so far, without leading connectors; ``None`` when nothing is left."""
        doc, end = self.doc, self.end
        first = self.first
        # The phrase never starts with a connector.
        while first < end and doc[first].lower_ in ("of", "to", "for", "the") and ent_of(doc[first]) is None:
            first += 1
        if first >= end:
            return None
        return TitleWindow(first=first, end=end, entities=self.ents, possessors=self.possessors,
                           role_tokens=self.role_tokens, honorific=self.honorific, role_cut=self.role_cut)


def role_text(doc: "Doc", w: TitleWindow) -> str | None:
    """The title words of a phrase: after the last state, body or possessor, "former" dropped."""
    words = gz.words()
    cut = w.first
    for ent, kind in w.entities:
        if kind == "mod":
            stop = ent.end
            if stop < w.end and doc[stop].text in POSSESSIVE:
                stop += 1
            cut = max(cut, stop)
    if w.role_cut is not None:
        cut = max(cut, w.role_cut)
    toks = [t for t in doc[cut:w.end]]
    while toks and (gz.fold(toks[0].text) in _DROP_FROM_ROLE or gz.fold(toks[0].text) in words.honorifics):
        toks = toks[1:]
    if not toks or not any(words.is_role_word(t.text) or t.pos_ == "NOUN" for t in toks):
        return None
    if all(gz.fold(t.text) in words.honorifics for t in toks):
        return None
    text = doc[toks[0].i:toks[-1].i + 1].text
    return text if len(text) <= 80 else None


def of_complement(doc: "Doc", head: "Token") -> "Span | None":
    """ "the president of France": the entity governed by "of" after a title noun.

    Also "a spokesperson for the Kenyan government": a state named inside an
    "of"/"for" complement whose head is an institution word.
    """
    words = gz.words()
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("of", "for"):
            continue
        for pobj in prep.children:
            if pobj.dep_ != "pobj":
                continue
            ent = ent_of(pobj)
            if ent is not None and prep.lower_ == "of":
                return ent
            if ent is None and (gz.fold(pobj.text) in words.org_heads or words.is_role_word(pobj.text)):
                for mod in pobj.lefts:
                    m = ent_of(mod)
                    if m is not None and (gz.country_code(m.text) or gz.demonym_nation(m.text)):
                        return m
    return None
