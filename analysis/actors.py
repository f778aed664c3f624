"""Canonical actors of an article: who and what is named, merged, with nation and role.

``resolve_actors`` turns the (corrected) spaCy entities of every block into
``Mention`` records and merges them into ``Actor`` records:

* people: "French President Emmanuel Macron", "Macron" and "Macron's" are one
  actor; titles and honorifics are stripped from the name and kept as role and
  gender; a bare surname shared by two people stays apart and is flagged
  ``ambiguous``; accents are folded for matching ("Erdoğan" = "Erdogan");
* states: names, codes, abbreviations and demonyms of one country, and its
  capital or seat of government when they stand for it ("Paris insists",
  "the Élysée"), are one ``GPE:XX`` actor; a capital used as a place ("talks
  in Paris") is a place actor that carries the nation;
* bodies and regions (NATO, EU, UN, Europe) carry an ``affiliation``;
* each person gets the nation or institution the text ties them to, with the
  words that show it (premodifiers, possessives, appositions, "who was ...",
  "of" phrases, "A, B and C ... respectively", possessive chains through
  another person), and ``None`` when the text shows nothing.

Heading, title and standfirst blocks are title-case and unreliable for NER:
they never create a person or organisation; their mentions only link to
actors found in paragraphs (or to places the gazetteer knows).

``link_across`` applies the same merging rules against actors already known in
a corpus. Ids are stable across articles: ``PERSON:<accent-free slug>``,
``GPE:<ISO alpha-2>`` for states, ``ORG:<slug>`` and so on.
"""
from __future__ import annotations

import contextvars
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable

from .lexicon import gazetteer as gz
from .lexicon.names import slug as slugify
from .records import Actor, Mention

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

    from .parsed import BlockDoc, ParsedArticle

#: Entity labels that become actors; numbers and dates never do.
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
#: Other labels that may hide an actor the corrections can recover ("Paraguay" as PRODUCT).
_RECOVERABLE = frozenset({"PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})
_POSSESSIVE = {"'s", "\u2019s", "'", "\u2019"}
_DROP_FROM_ROLE = {"former", "ex", "ex-", "then", "late", "the", "a", "an"}
_TIME_MODIFIERS = {"former", "ex", "ex-", "then", "late", "outgoing", "incoming", "acting", "interim", "current", "new",
                   "the", "a", "an"}
_ORGAN_WORDS = {"council", "commission", "parliament", "assembly", "court", "committee", "agency", "bank"}
_MALE_PRONOUNS = {"he", "him", "his", "himself"}
_FEMALE_PRONOUNS = {"she", "her", "hers", "herself"}
_OPEN_QUOTES = {"\u201c", "\u00ab"}
_CLOSE_QUOTES = {"\u201d", "\u00bb"}

# The mentions of the article being resolved, for rules that need the article-wide reading
# (a context variable, so that threads resolving different articles never share it).
_ARTICLE_RAWS: contextvars.ContextVar[list | None] = contextvars.ContextVar("newslens_article_raws", default=None)

# Evidence ranks: lower is stronger.
_RANK_PREMOD = 1
_RANK_APPOS = 2
_RANK_RESPECTIVELY = 3
_RANK_UNDER = 4
_RANK_CONJ = 6
_RANK_PLACE = 7
_RANK_HEADING = 10


# ---------------------------------------------------------------------------
# small helpers



def _name_words(text: str) -> list[str]:
    """Words of a person's name, brackets and edge punctuation removed ("[Bashir al] Assad")."""
    t = re.sub(r"[\[\]{}()\"\u201c\u201d]", " ", text or "")
    t = t.translate(str.maketrans({"\u2019": "'"}))
    t = re.sub(r"'s$|(?<=s)'$", "", t.strip())
    return [w.strip(",;:") for w in t.split() if w.strip(",;:")]


def _clean_name(text: str) -> str:
    return " ".join(_name_words(text))


def _strip_the(text: str) -> str:
    t = (text or "").strip().strip("\"'\u201c\u201d\u2018\u2019")
    t = re.sub(r"(?i)^the\s+", "", t)
    t = re.sub(r"['\u2019]s$", "", t)
    return t.strip()


def _fold_words(words: Iterable[str]) -> tuple[str, ...]:
    return tuple(gz.fold(w).replace("'", "") for w in words)


def _is_particle(word: str) -> bool:
    return gz.fold(word) in gz.words().name_particles


def _initials(text: str) -> str:
    small = {"of", "the", "and", "for", "in", "on", "de", "du", "la", "le", "a", "an", "&"}
    return "".join(w[0].upper() for w in re.split(r"[\s\-]+", _strip_the(text)) if w and w.lower() not in small
                   and w[0].isalpha())


def _is_acronym(text: str) -> bool:
    s = text.replace(".", "")
    return 2 <= len(s) <= 6 and s.isalpha() and s.isupper()


# ---------------------------------------------------------------------------
# evidence

@dataclass
class _Evidence:
    rank: int
    start: int
    end: int
    text: str
    nation: str | None = None
    affiliation: str | None = None
    role: str | None = None
    chain: tuple[int, int] | None = None  # article offsets of a person whose nation is inherited
    gender: str | None = None
    gender_kind: str | None = None  # "honorific" | "title"
    nation_kind: str | None = None  # "country" | "place" | "chain" | ...


@dataclass
class _Raw:
    """One entity mention before merging."""

    bd: "BlockDoc"
    span: "Span"
    start: int
    end: int
    text: str
    label: str
    heading: bool
    sentence_index: int
    kind: str = "other"   # person | country | place | body | org | other
    code: str | None = None
    key: str = ""          # actor key before ids are final
    words: tuple[str, ...] = ()
    dropped: bool = False
    ner_label: str = ""    # the label after entity_fix, before article-wide corrections
    evidence: list[_Evidence] = field(default_factory=list)


@dataclass
class _Cluster:
    key: str
    kind: str
    label: str
    mentions: list[_Raw] = field(default_factory=list)
    name: str = ""
    nation: str | None = None
    affiliation: str | None = None
    ambiguous: bool = False
    words: tuple[str, ...] = ()  # folded canonical name words (persons)
    role: str | None = None
    evidence: _Evidence | None = None
    gender: str | None = None
    pronoun_gender: str | None = None
    candidates: list["_Cluster"] = field(default_factory=list)  # the people an ambiguous surname may be


# ---------------------------------------------------------------------------
# entry point

def resolve_actors(parsed: "ParsedArticle") -> tuple[list[Actor], list[Mention]]:
    """Every chartable entity mention of an article, merged into canonical actors.

    Returns the actors (first-mention order) and the mentions (text order), each
    mention's ``actor_id`` pointing at one of the actors. Never raises on odd
    input: an article with no blocks or no entities gives two empty lists.
    """
    try:
        return _resolve(parsed)
    except Exception:  # pragma: no cover - the analysis must degrade, not fail
        import logging

        logging.getLogger(__name__).exception("actor resolution failed; falling back to bare entities")
        return _fallback(parsed)


def _resolve(parsed: "ParsedArticle") -> tuple[list[Actor], list[Mention]]:
    raws = _collect(parsed)
    if not raws:
        return [], []
    token = _ARTICLE_RAWS.set(raws)  # the evidence rules consult the article-wide reading
    try:
        persons = _person_clusters(raws)
        for c in persons:
            for r in c.mentions:
                if not r.dropped:
                    r.evidence = _direct_evidence(parsed, r)
        persons = _drop_things_named_like_people(parsed, persons, raws)
        others = _other_clusters(raws)
        _attach_person_attributes(parsed, persons)
        _settle_ambiguous_by_title(persons)
        return _emit(parsed, persons + others)
    finally:
        _ARTICLE_RAWS.reset(token)


# ---------------------------------------------------------------------------
# 1. collecting mentions

def _collect(parsed: "ParsedArticle") -> list[_Raw]:
    raws: list[_Raw] = []
    for bd in parsed.block_docs:
        heading = bd.block.kind != "paragraph"
        for ent in bd.doc.ents:
            label = ent.label_
            if label not in ACTOR_LABELS and label not in _RECOVERABLE:
                continue
            span = _clean_span(ent)
            if span is None:
                continue
            text = span.text
            if not text.strip() or not any(ch.isalpha() for ch in text):
                continue
            start, end = bd.offsets(span)
            r = _Raw(bd=bd, span=span, start=start, end=end, text=parsed.text[start:end], label=label,
                     heading=heading, sentence_index=bd.sentence_index(span), ner_label=label)
            if label in _RECOVERABLE:
                # Only a gazetteer hit makes these actors ("Paraguay" tagged PRODUCT).
                if gz.country_code(text):
                    r.label = "GPE"
                elif gz.demonym_nation(text):
                    r.label = "NORP"
                else:
                    continue
            raws.append(r)
    _classify(raws)
    _settle_us_states(raws)
    raws.extend(_heading_person_mentions(parsed, raws))
    raws.sort(key=lambda r: (r.start, r.end))
    return raws


def _heading_person_mentions(parsed: "ParsedArticle", raws: list[_Raw]) -> list[_Raw]:
    """People the paragraphs name, found in title-case headings where NER fails ("Macron Vows Action ...")."""
    from spacy.tokens import Span

    full = {r.words for r in raws if r.kind == "person" and not r.heading and _is_full_name(r.words)}
    if not full:
        return []
    surnames = Counter(f[-1] for f in full)
    targets = set(full) | {(f[-1],) for f in full if surnames[f[-1]] == 1}
    longest = max(len(t) for t in targets)
    taken = {(r.bd.block.index, t.i) for r in raws if r.kind == "person" for t in r.span}
    out: list[_Raw] = []
    for bd in parsed.block_docs:
        if bd.block.kind == "paragraph":
            continue
        doc = bd.doc
        i = 0
        while i < len(doc):
            hit = None
            for n in range(min(longest, len(doc) - i), 0, -1):
                if any((bd.block.index, k) in taken for k in range(i, i + n)):
                    continue
                words = _fold_words(_name_words(doc[i:i + n].text))
                if words in targets and doc[i].text[:1].isupper():
                    hit = n
                    break
            if hit is None:
                i += 1
                continue
            span = Span(doc, i, i + hit, label="PERSON")
            start, end = bd.offsets(span)
            r = _Raw(bd=bd, span=span, start=start, end=end, text=parsed.text[start:end], label="PERSON",
                     heading=True, sentence_index=bd.sentence_index(span), kind="person", ner_label="PERSON",
                     words=_fold_words(_name_words(span.text)))
            out.append(r)
            for r2 in raws:
                # the swallowing heading entity gives way to the name
                if r2.bd is bd and r2.span.start <= i < r2.span.end and r2.kind != "person":
                    r2.dropped = True
            i += hit
    return out


def _settle_us_states(raws: list[_Raw]) -> None:
    """ "Georgia" is the US state in an article about the US that never names the country otherwise."""
    shared = [r for r in raws if r.kind == "country" and gz.shared_with_us_state(r.text)]
    if not shared:
        return
    codes = Counter(r.code for r in raws if r.code and not gz.shared_with_us_state(r.text))
    for r in shared:
        if codes.get("US", 0) > codes.get(r.code, 0):
            r.kind, r.code = "place", "US"


def _clean_span(ent: "Span") -> "Span | None":
    """The entity without edge quotes and, for a person, without leading titles or honorifics."""
    from spacy.tokens import Span

    doc = ent.doc
    start, end = ent.start, ent.end
    while start < end and (doc[start].is_punct or doc[start].is_quote) and doc[start].text not in ("[",):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_quote or doc[end - 1].text in _POSSESSIVE) \
            and doc[end - 1].text != "." and doc[end - 1].text != "]":
        end -= 1
    if ent.label_ == "PERSON":
        words = gz.words()
        while end - start > 1 and (words.is_role_word(doc[start].text) or words.is_role_modifier(doc[start].text)
                                   or gz.nation_of(doc[start].text) or doc[start].lower_ == "the"):
            start += 1
    if start >= end:
        return None
    if (start, end) == (ent.start, ent.end):
        return ent
    return Span(doc, start, end, label=ent.label_)


def _classify(raws: list[_Raw]) -> None:
    """Decide for each mention what it names: a person, a state, a place, a body or another entity."""
    # Full names seen in paragraphs: the reference for surnames and mislabelled names.
    full_tails: dict[tuple[str, ...], set[tuple[str, ...]]] = defaultdict(set)
    full_names: set[tuple[str, ...]] = set()
    for r in raws:
        if r.label == "PERSON" and not r.heading:
            w = _fold_words(_name_words(r.text))
            if _is_full_name(w):
                full_names.add(w)
    for f in full_names:
        for n in range(1, len(f)):
            full_tails[f[-n:]].add(f)
    first_names = {f[0] for f in full_names}

    for r in raws:
        text = r.text
        words = _fold_words(_name_words(text))
        r.words = words
        label = r.label
        known_person = words in full_names or (words in full_tails and not _is_full_name(words))
        if label != "PERSON" and known_person and not _place_code(r):
            r.label = label = "PERSON"
        elif label in ("ORG", "GPE", "NORP", "FAC") and len(words) >= 2 and words[0] in first_names \
                and all(w[:1].isalpha() for w in words) and _shaped_like_name(r.span):
            r.label = label = "PERSON"
        if label == "PERSON":
            code = _place_code(r)
            if code and not known_person:
                r.label = "GPE"
            else:
                r.kind = "person"
                continue
        _classify_other(r)


def _is_full_name(words: tuple[str, ...]) -> bool:
    """Two or more words with a non-particle before the last: "Jean-Yves Le Drian", not "Le Drian"."""
    return len(words) >= 2 and any(not _is_particle(w) for w in words[:-1])


def _shaped_like_name(span: "Span") -> bool:
    from .nlp.entity_fix import is_name_shaped

    return is_name_shaped(span)


def _place_code(r: _Raw) -> str | None:
    """The state a mention names or stands for, when the gazetteer knows it."""
    t = r.text
    return gz.country_code(t) or gz.demonym_nation(t) or gz.seat_nation(t) or gz.capital_nation(t)


def _classify_other(r: _Raw) -> None:
    t = r.text
    label = r.label
    body = gz.affiliation_of(t)
    exact_body = body is not None and gz.kind_of(t) == "body"
    country = gz.country_code(t)
    demonym = gz.demonym_nation(t)
    seat = gz.seat_nation(t)
    capital = gz.capital_nation(t)
    if country and label in ("GPE", "NORP", "LOC", "ORG", "FAC"):
        r.kind, r.code = "country", country
    elif demonym and label in ("NORP", "GPE", "LOC", "ORG"):
        r.kind, r.code = "country", demonym
    elif seat:
        r.kind, r.code = "country", seat
    elif capital and label in ("GPE", "LOC", "ORG", "FAC", "NORP"):
        if _is_locative(r.span):
            r.kind, r.code = "place", capital
        else:
            r.kind, r.code = "country", capital
    elif exact_body:
        r.kind = "body"
    elif label in ("GPE", "LOC") and gz.place_nation(t, 0 if label == "GPE" else 50_000):
        r.kind, r.code = "place", gz.place_nation(t, 0 if label == "GPE" else 50_000)
    elif label == "ORG":
        r.kind = "org"
    else:
        r.kind = "other"


def _is_locative(span: "Span") -> bool:
    """Whether a capital is used as a place ("talks in Paris") rather than for its state."""
    words = gz.words()
    root = span.root
    # "for both Paris and Berlin": a conjunct is used as its first conjunct is.
    hops = 0
    while root.dep_ == "conj" and root.head is not root and hops < 5:
        root = root.head
        hops += 1
    head = root.head
    if root.dep_ == "pobj":
        prep = gz.fold(head.text)
        if prep in words.locative_preps:
            return True
        if prep in ("to", "from", "toward", "towards"):
            gov = head.head
            return gz.fold(gov.lemma_) in words.motion_words or gz.fold(gov.text) in words.motion_words
        return False
    if root.dep_ == "compound" and head.pos_ == "NOUN" and not words.is_role_word(head.text):
        return True  # "a Cairo summit"; "Élysée spokesperson" is a seat, not a capital
    if root.dep_ == "appos" and head.ent_type_ in ("GPE", "LOC") and head.i < root.i:
        return True  # "São Paulo, Brazil"
    return False


# ---------------------------------------------------------------------------
# 2. people

def _person_clusters(raws: list[_Raw]) -> list[_Cluster]:
    people = [r for r in raws if r.kind == "person" and r.words]
    for r in people:
        if _not_a_name(r):
            r.dropped = True
    people = [r for r in people if not r.dropped]
    body = [r for r in people if not r.heading]
    full = sorted({r.words for r in body if _is_full_name(r.words)}, key=lambda w: (-len(w), w))
    clusters: list[_Cluster] = []
    for w in full:
        for c in clusters:
            if _same_full_name(c.words, w):
                break
        else:
            clusters.append(_Cluster(key="", kind="person", label="PERSON", words=w))
    surnames = {c.words[-n:] for c in clusters for n in range(1, len(c.words))}

    def owners(words: tuple[str, ...]) -> list[_Cluster]:
        if _is_full_name(words):
            return [c for c in clusters if _same_full_name(c.words, words)]
        found = [c for c in clusters if len(c.words) > len(words) and c.words[-len(words):] == words]
        if not found and len(words) == 1 and words not in surnames:
            # "Tony" after "Tony Mendez": a first name alone, when one person has it and nobody's surname is it.
            found = [c for c in clusters if c.words[0] == words[0]]
            if len(found) > 1:
                return []
        return found

    context = _SingleWordContext(raws)
    short: dict[tuple[str, ...], _Cluster] = {}
    strong_short = {r.words for r in body if not _is_full_name(r.words) and _strong_person_cue(r)}
    for r in people:
        found = owners(r.words)
        if len(found) == 1:
            found[0].mentions.append(r)
            continue
        if r.heading and not found:
            # A heading may only name someone the paragraphs name.
            if r.words not in short and not (not _is_full_name(r.words) and r.words in strong_short):
                r.dropped = True
                continue
        if not found and not _is_full_name(r.words):
            if r.words not in strong_short or context.not_a_person(r):
                r.dropped = True  # "wrote on Twitter", "the Max": one word, never acting as a person
                continue
        c = short.get(r.words)
        if c is None:
            c = _Cluster(key="", kind="person", label="PERSON", words=r.words, ambiguous=len(found) > 1)
            c.candidates = found
            short[r.words] = c
        c.mentions.append(r)
    out = [c for c in clusters if c.mentions] + list(short.values())
    for c in out:
        c.name = _canonical_person_name(c)
        c.key = "PERSON:" + slugify(c.name)
    return out


def _settle_ambiguous_by_title(persons: list[_Cluster]) -> None:
    """ "President Biden" when both Joe and Jill Biden are named: the one person whose title it is.

    A bare surname stays ambiguous unless its own title (or honorific gender)
    fits exactly one of the people who share it.
    """
    for c in persons:
        cands = [x for x in c.candidates if x.mentions]
        if not c.ambiguous or len(cands) < 2:
            continue
        for r in list(c.mentions):
            role = next((e.role for e in r.evidence if e.role), None)
            gender = next((e.gender for e in r.evidence if e.gender_kind == "honorific"), None)
            fits = cands
            if role:
                fits = [x for x in fits if _same_role(x.role, role)]
            elif gender:
                fits = [x for x in fits if x.gender == gender]
            else:
                continue
            if len(fits) == 1:
                c.mentions.remove(r)
                fits[0].mentions.append(r)
        if not [r for r in c.mentions if not r.dropped]:
            c.mentions = []


def _same_role(a: str | None, b: str | None) -> bool:
    """ "former Vice President" fits "Vice President"; "President" does not fit "Vice President"."""
    if not a or not b:
        return False
    a_words = [w for w in gz.fold(a).split() if w not in _TIME_MODIFIERS]
    b_words = [w for w in gz.fold(b).split() if w not in _TIME_MODIFIERS]
    return bool(a_words) and a_words == b_words


def _not_a_name(r: _Raw) -> bool:
    """Shapes no person's name has: lower-case start, particles only, a common noun opening a sentence."""
    words = _name_words(r.text)
    if not words:
        return True
    if all(_is_particle(w) for w in words) or (len(words) == 1 and len(words[0].strip(".")) < 2):
        return True
    # "al-Eryani", "bin-Salman": a particle joined by a hyphen to a capitalised name
    for w in words:
        if _is_particle(w):
            continue
        core = re.sub(r"^(?:[a-z]{1,3}[-\u2010'\u2019])+", "", w) or w
        if not core[:1].isupper():
            return True  # "square km", "A. millepora"
    return False


def _odd_single_word(r: _Raw) -> bool:
    """A one-word name no known person owns, used like a common noun: "the Max", "Photographs ..."."""
    span = r.span
    if len(span) != 1:
        return False
    tok = span[0]
    if tok.is_sent_start and not tok.tag_.startswith("NNP"):
        return True
    prev = span.doc[span.start - 1] if span.start > 0 else None
    return prev is not None and prev.tag_ == "DT" and prev.lower_ in ("the", "a", "an", "this", "these", "those")


class _SingleWordContext:
    """What the rest of the article says about a one-word name."""

    def __init__(self, raws: list[_Raw]) -> None:
        self.labels: dict[str, Counter] = defaultdict(Counter)
        self.thing_words: set[str] = set()
        for r in raws:
            if r.heading:
                continue
            key = gz.fold(_strip_the(r.text))
            self.labels[key][r.ner_label] += 1
            if r.kind != "person" and r.ner_label != "PERSON":
                ws = _fold_words(_strip_the(r.text).split())
                if len(ws) >= 2:
                    # "Mahan" beside "Mahan Air", "Humberto" beside "Hurricane Humberto"
                    self.thing_words.update(w for w in ws if len(w) > 2)
        for bd in {id(r.bd): r.bd for r in raws}.values():
            for e in bd.doc.ents:
                if e.label_ in ("EVENT", "FAC", "PRODUCT", "WORK_OF_ART", "LAW") and len(e) >= 2:
                    self.thing_words.update(w for w in _fold_words(e.text.split()) if len(w) > 2)

    def not_a_person(self, r: _Raw) -> bool:
        key = gz.fold(_strip_the(r.text))
        if _titled(r):
            return False
        if _odd_single_word(r):
            return True
        if key in self.thing_words:
            return True  # "Mahan" beside "Mahan Air"
        votes = self.labels.get(key, Counter())
        person = votes.get("PERSON", 0)
        other = sum(v for k, v in votes.items() if k != "PERSON")
        if other >= person and other > 0:
            return True
        if key.endswith("s") and any(l in ("ORG", "NORP") for l in self.labels.get(key[:-1], {})):
            return True  # "Houthis"
        return False


def _titled(r: _Raw) -> bool:
    """A title or honorific right before the name ("President", "Mr")."""
    span = r.span
    doc = span.doc
    prev = doc[span.start - 1] if span.start > 0 else None
    words = gz.words()
    return prev is not None and (words.is_role_word(prev.text) or gz.fold(prev.text) in words.honorifics)


def _drop_things_named_like_people(parsed: "ParsedArticle", persons: list[_Cluster],
                                   raws: list[_Raw]) -> list[_Cluster]:
    """Names that the article itself treats as things: "the Hagia Sophia", "Crew Dragon" beside "SpaceX Crew Dragon".

    Only full names with no title, honorific, nation, role or person-like use
    (speaking, a relative, a spokesperson) and never shortened to a surname are
    checked; their mentions become organisations or places instead.
    """
    others: list[tuple[str, ...]] = []
    for bd in parsed.block_docs:
        for e in bd.doc.ents:
            if e.label_ not in ("PERSON", "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"):
                others.append(_fold_words(_strip_the(e.text).split()))
    label_votes: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    for r in raws:
        if not r.heading:
            label_votes[_fold_words(_name_words(r.text))][r.ner_label] += 1
    kept: list[_Cluster] = []
    for c in persons:
        live = [r for r in c.mentions if not r.dropped]
        if not live or any(e.role or e.nation or e.affiliation or e.gender or e.chain for r in live for e in r.evidence):
            kept.append(c)
            continue
        if any(_strong_person_cue(r) for r in live):
            kept.append(c)  # someone who speaks, or has a relative or a spokesperson, is a person
            continue
        words = c.words
        if c.ambiguous or any(r.words != words for r in live):
            kept.append(c)  # a surname used alone is a person's
            continue
        thing = False
        for r in live:
            doc = r.span.doc
            prev = doc[r.span.start - 1] if r.span.start > 0 else None
            nxt = doc[r.span.end] if r.span.end < len(doc) else None
            if prev is not None and prev.tag_ == "DT" and prev.lower_ in ("the", "a", "an") and \
                    not (nxt is not None and nxt.pos_ == "NOUN"):  # "the Turpin family" is still people
                thing = True
        n = len(words)
        heads = gz.words().org_heads | gz.words().facility_heads
        if not thing:
            # "Crew Dragon" inside "SpaceX Crew Dragon"; but "Nelson Mandela Foundation" is named after a person.
            for o in others:
                for i in range(len(o) - n + 1):
                    if len(o) > n and o[i:i + n] == words and (i + n == len(o) or o[i + n] not in heads):
                        thing = True
                        break
                if thing:
                    break
        if not thing:
            votes = label_votes.get(words, Counter())
            person_votes = votes.get("PERSON", 0)
            if sum(votes.values()) - person_votes > person_votes:
                thing = True
        if not thing:
            kept.append(c)
            continue
        for r in live:
            r.kind = "org"
            r.label = "ORG" if r.ner_label == "PERSON" else r.ner_label
            _classify_other(r)
    return kept


def _same_full_name(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two full names of one person: equal, a suffix with two words or more, or same first and last."""
    if a == b:
        return True
    long_, short_ = (a, b) if len(a) >= len(b) else (b, a)
    if len(short_) >= 2 and long_[-len(short_):] == short_:
        return True
    return len(short_) >= 2 and long_[0] == short_[0] and long_[-1] == short_[-1]


def _canonical_person_name(c: _Cluster) -> str:
    forms = Counter(_clean_name(r.text) for r in c.mentions if not r.heading) or \
        Counter(_clean_name(r.text) for r in c.mentions)
    best = max(forms.items(), key=lambda kv: (len(kv[0].split()), any(ord(ch) > 127 for ch in kv[0]), kv[1],
                                              -_first_offset(c, kv[0])))
    return best[0]


def _first_offset(c: _Cluster, form: str) -> int:
    return min((r.start for r in c.mentions if _clean_name(r.text) == form), default=0)


def _strong_person_cue(r: _Raw) -> bool:
    """A one-word name used as only people are: titled, speaking, someone's relative or spokesperson.

    Being a grammatical subject is not enough ("Brexit dominated the debate"),
    so only speech verbs count.
    """
    span = r.span
    doc = span.doc
    root = span.root
    words = gz.words()
    prev = doc[span.start - 1] if span.start > 0 else None
    if prev is not None and ((words.is_role_word(prev.text) and prev.pos_ in ("NOUN", "PROPN"))
                             or gz.fold(prev.text) in words.honorifics):
        return True
    if root.dep_ in ("nsubj", "nsubjpass", "agent") and gz.fold(root.head.lemma_) in words.speech_verbs:
        return True
    if root.dep_ == "poss" and gz.fold(root.head.text) in words.kinship_heads:
        return True  # "Mugabe's wife", "Biden's campaign"
    if span.end + 1 < len(doc) and doc[span.end].text in _POSSESSIVE and \
            gz.fold(doc[span.end + 1].text) in words.kinship_heads:
        return True
    for ch in root.children:
        if ch.dep_ == "appos" and words.is_role_word(ch.text):
            return True
    if root.dep_ == "appos" and words.is_role_word(root.head.text):
        return True
    return False


# ---------------------------------------------------------------------------
# 3. states, places, bodies and other entities

def _other_clusters(raws: list[_Raw]) -> list[_Cluster]:
    clusters: dict[str, _Cluster] = {}
    org_long: dict[str, str] = {}  # acronym -> key of the long form it abbreviates
    body_raws = [r for r in raws if r.kind != "person" and not r.dropped]
    for r in body_raws:
        if r.kind == "org" and not _is_acronym(r.text):
            ini = _initials(r.text)
            if len(ini) >= 2:
                org_long.setdefault(ini, "ORG:" + slugify(_strip_the(r.text)))
    paragraph_keys: set[str] = set()
    for r in body_raws:
        key, name, kind, label, nation, aff = _other_key(r, org_long)
        r.key = key
        if not r.heading:
            paragraph_keys.add(key)
    for r in body_raws:
        key, name, kind, label, nation, aff = _other_key(r, org_long)
        if r.heading and key not in paragraph_keys and kind not in ("country", "place", "body"):
            r.dropped = True  # title-case noise: "Europe Reinforces Support" as ORG
            continue
        c = clusters.get(key)
        if c is None:
            c = clusters[key] = _Cluster(key=key, kind=kind, label=label, name=name, nation=nation, affiliation=aff)
        elif _is_acronym(c.name) and not _is_acronym(name) and kind == "org":
            c.name = name  # "SDF" seen first: the long form still names the actor
        c.nation = c.nation or nation
        c.mentions.append(r)
    return list(clusters.values())


def _other_key(r: _Raw, org_long: dict[str, str]) -> tuple[str, str, str, str, str | None, str | None]:
    """(key, canonical name, kind, type, nation, affiliation) of a non-person mention."""
    t = r.text
    bare = _strip_the(t)
    if r.kind == "country" and r.code:
        return f"GPE:{r.code}", gz.country_name(r.code) or bare, "country", "GPE", r.code, None
    if r.kind == "place":
        label = r.label if r.label in ("GPE", "LOC", "FAC") else "GPE"
        return f"{label}:{slugify(bare)}", bare, "place", label, r.code, None
    if r.kind == "body":
        canon = gz.affiliation_of(t) or bare
        organ = {gz.fold(w) for w in bare.split()} & _ORGAN_WORDS
        if organ and not ({gz.fold(w) for w in canon.split()} & _ORGAN_WORDS):
            return f"ORG:{slugify(bare)}", bare, "org", "ORG", None, canon
        if canon in gz.REGIONS:
            return f"LOC:{slugify(canon)}", canon, "body", "LOC", None, canon
        return f"ORG:{slugify(canon)}", canon, "body", "ORG", None, canon
    if r.kind == "org":
        if _is_acronym(t) and t.replace(".", "") in org_long:
            key = org_long[t.replace(".", "")]
            return key, bare, "org", "ORG", _org_nation(r), gz.affiliation_of(t)
        return f"ORG:{slugify(bare)}", bare, "org", "ORG", _org_nation(r), gz.affiliation_of(t)
    label = r.label if r.label in ACTOR_LABELS else "ORG"
    nation = gz.place_nation(t) if label in ("GPE", "LOC", "FAC") else None
    return f"{label}:{slugify(bare)}", bare, "other", label, nation, None


def _org_nation(r: _Raw) -> str | None:
    """A state named inside an organisation's name or right before it ("the US Embassy", "Brazil's ...")."""
    inst = gz.institution_nation(r.text)
    if inst:
        return inst
    words = _strip_the(r.text).split()
    for n in range(min(3, len(words) - 1), 0, -1):
        code = gz.country_code(" ".join(words[:n])) or gz.demonym_nation(" ".join(words[:n]))
        if code:
            return code
    m = re.search(r"\bof (?:the )?(.+)$", _strip_the(r.text))
    if m and gz.country_code(m.group(1)):
        return gz.country_code(m.group(1))
    span = r.span
    doc = span.doc
    if span.start >= 2 and doc[span.start - 1].text in _POSSESSIVE:
        prev = doc[span.start - 2]
        if prev.ent_type_ in ("GPE", "NORP"):
            ent = next((e for e in doc.ents if e.start <= prev.i < e.end), None)
            if ent is not None:
                return gz.country_code(ent.text)
    return None


# ---------------------------------------------------------------------------
# 4. nation, affiliation, role and gender of people

def _attach_person_attributes(parsed: "ParsedArticle", persons: list[_Cluster]) -> None:
    # Offsets of every kept person mention, to follow chains ("Macron's adviser").
    at_offset: dict[tuple[int, int], _Cluster] = {}
    for c in persons:
        for r in c.mentions:
            if not r.dropped:
                at_offset[(r.bd.block.index, r.span.start)] = c
    _respectively(parsed, persons)
    _under_rule(parsed, persons)

    def best(c: _Cluster, rank_limit: int = 99, seen: frozenset[int] = frozenset()) -> None:
        evs = sorted((e for r in c.mentions if not r.dropped for e in r.evidence), key=lambda e: (e.rank, e.start))
        nation_ev = None
        for e in evs:
            if e.nation and e.rank <= rank_limit:
                nation_ev = e
                break
            if e.chain is not None and e.rank <= rank_limit and id(c) not in seen:
                other = at_offset.get(e.chain)
                if other is not None and other is not c:
                    best(other, _RANK_APPOS, seen | {id(c)})
                    if other.nation:
                        e.nation = other.nation
                        e.nation_kind = "chain"
                        nation_ev = e
                        break
        aff_ev = next((e for e in evs if e.affiliation), None)
        role_ev = next((e for e in evs if e.role), None)
        c.nation = nation_ev.nation if nation_ev else None
        c.affiliation = aff_ev.affiliation if aff_ev else None
        c.role = role_ev.role if role_ev else None
        c.evidence = nation_ev or aff_ev or role_ev

    for c in persons:
        best(c)
    _conj_rule(persons, at_offset)
    _pronoun_genders(parsed, persons)
    for c in persons:
        c.gender = _gender(c)


def _ent_of(tok: "Token") -> "Span | None":
    if not tok.ent_type_:
        return None
    for e in tok.doc.ents:
        if e.start <= tok.i < e.end:
            return e
    return None


@dataclass
class _Window:
    first: int                      # doc index where the phrase starts
    end: int                        # doc index after the phrase
    entities: list[tuple["Span", str]]  # (entity, "mod" | "of" | "to")
    possessors: list["Span"]
    role_tokens: list["Token"]
    honorific: str | None = None
    role_cut: int | None = None     # the role starts here ("the president's | spokesperson")


def _title_window(doc: "Doc", end: int, stop: int) -> _Window | None:
    """The title phrase ending at ``end`` (exclusive), read leftwards: "German Foreign Minister ___"."""
    words = gz.words()
    i = end - 1
    first = end
    ents: list[tuple["Span", str]] = []
    possessors: list["Span"] = []
    role_tokens: list["Token"] = []
    honorific = None
    role_cut = end
    role_cut_set = False
    while i >= stop:
        tok = doc[i]
        ent = _ent_of(tok)
        if ent is not None and ent.end > end:
            ent = None  # the titles inside the name's own entity ("Ms" of "Ms Achieng Otieno")
        if ent is not None and ent.label_ == "ORDINAL" and ent.end <= end and role_tokens:
            role_tokens.extend(ent)  # "45th President", "sixth year student"
            first = ent.start
            i = ent.start - 1
            continue
        if ent is not None and ent.start < end and all(t.is_alpha and (words.is_role_word(t.text)
                                                                       or words.is_role_modifier(t.text))
                                                       for t in ent if not t.is_punct):
            # "Interior Minister", "Secretary of State": NER took a title word for an organisation.
            role_tokens.extend(t for t in ent if t.i < end)
            first = ent.start
            i = ent.start - 1
            continue
        if ent is not None and ent.label_ in ACTOR_LABELS | _RECOVERABLE:
            if ent.label_ == "PERSON" and not (ent.end < len(doc) and doc[ent.end].text in _POSSESSIVE):
                break  # another person's name, not a title
            ents.append((ent, "mod"))
            first = ent.start
            i = ent.start - 1
            continue
        low = gz.fold(tok.text)
        if tok.text in _POSSESSIVE and (tok.tag_ == "POS" or tok.dep_ == "case"):
            if i - 1 >= stop:
                pe = _ent_of(doc[i - 1])
                if pe is not None:
                    possessors.append(pe)
                    ents.append((pe, "mod"))
                    first = pe.start
                    i = pe.start - 1
                    continue
                if words.is_role_word(doc[i - 1].text) and not role_cut_set:
                    # "the Kenyan president's spokesperson": the title after the possessive is the role,
                    # the state named before it still ties the person to it.
                    role_cut = i + 1
                    role_cut_set = True
                    first = i
                    i -= 1
                    continue
            break
        if low in words.honorifics:
            honorific = low
            first = i
            i -= 1
            continue
        # "Ambassador to the United Nations ___" is one title, but "spokesperson for President ___"
        # describes someone else: "to"/"for" are crossed only when no title word stands after them.
        if low in ("of", "to", "for") and i - 1 >= stop and words.is_role_word(doc[i - 1].text) and \
                (low == "of" or not role_tokens):
            kind = "of" if low == "of" else "to"
            for k in range(len(ents)):
                if ents[k][1] == "mod":
                    ents[k] = (ents[k][0], kind)
            first = i
            i -= 1
            continue
        if low == "the" and i + 1 < end and _ent_of(doc[i + 1]) is not None:
            first = i
            i -= 1
            continue
        if tok.pos_ == "PRON" and tok.tag_ == "PRP$":
            break  # "his counterparts": someone else's title
        if ((words.is_role_word(tok.text) and tok.pos_ != "ADJ") or words.is_role_modifier(tok.text)) \
                and low not in ("of", "to", "for", "the"):
            role_tokens.append(tok)
            first = i
            i -= 1
            continue
        # Other nouns inside the title ("foreign policy adviser"); adjectives only from the table,
        # so that "the most brilliant scientist" is not read as a title.
        if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("compound", "nmod") and \
                first <= tok.head.i < end + 3 and tok.is_alpha:
            role_tokens.append(tok)
            first = i
            i -= 1
            continue
        break
    # The phrase never starts with a connector.
    while first < end and doc[first].lower_ in ("of", "to", "for", "the") and _ent_of(doc[first]) is None:
        first += 1
    if first >= end:
        return None
    return _Window(first=first, end=end, entities=ents, possessors=possessors, role_tokens=role_tokens,
                   honorific=honorific, role_cut=role_cut if role_cut_set else None)


def _role_text(doc: "Doc", w: _Window) -> str | None:
    """The title words of a phrase: after the last state, body or possessor, "former" dropped."""
    words = gz.words()
    cut = w.first
    for ent, kind in w.entities:
        if kind == "mod":
            stop = ent.end
            if stop < w.end and doc[stop].text in _POSSESSIVE:
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


def _window_evidence(parsed: "ParsedArticle", bd: "BlockDoc", w: _Window, name_end: int, rank: int,
                     include_role: bool = True) -> _Evidence | None:
    doc = bd.doc
    words = gz.words()
    nation = affiliation = None
    nation_kind = None
    chain = None
    for ent, kind in w.entities:  # nearest to the name first
        if kind == "to":
            continue
        t = ent.text
        if ent.label_ == "PERSON" or _article_kind(parsed, bd, ent) == "person":
            if chain is None and any(p.start == ent.start for p in w.possessors):
                chain = (bd.block.index, _clean_span(ent).start if _clean_span(ent) is not None else ent.start)
            continue
        code = gz.country_code(t) or gz.demonym_nation(t) or gz.seat_nation(t) or gz.capital_nation(t)
        if code and nation is None:
            nation, nation_kind = code, "country"
            settled = _mention_code(parsed, bd, ent)
            if settled is not None:
                nation, nation_kind = settled
            continue
        inst = gz.institution_nation(t)
        if inst and nation is None:
            nation, nation_kind = inst, "institution"
            continue
        aff = gz.affiliation_of(t)
        if aff and affiliation is None and kind == "mod":
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
        if ent.label_ in ("ORG", "FAC") and affiliation is None and kind == "mod":
            name = _strip_the(t)
            if len(name) > 1 and not words.is_role_word(name):
                affiliation = name
    role = _role_text(doc, w) if include_role else None
    gender = gender_kind = None
    if w.honorific and words.honorifics.get(w.honorific):
        gender, gender_kind = words.honorifics.get(w.honorific), "honorific"
    for t in w.role_tokens:
        g = words.gendered_titles.get(gz.fold(t.text))
        if g and gender is None:
            gender, gender_kind = g, "title"
    if not (nation or affiliation or role or chain or gender):
        return None
    start = bd.block.start + doc[w.first].idx
    end = bd.block.start + (doc[name_end - 1].idx + len(doc[name_end - 1].text))
    ev = _Evidence(rank=rank, start=start, end=end, text=parsed.text[start:end], nation=nation, affiliation=affiliation,
                   role=role, chain=chain, gender=gender, gender_kind=gender_kind, nation_kind=nation_kind)
    if nation_kind == "place":
        ev.rank = max(ev.rank, _RANK_PLACE)
    return ev


def _article_kind(parsed: "ParsedArticle", bd: "BlockDoc", ent: "Span") -> str | None:
    """What the article-wide reading made of an entity ("Kishida" tagged ORG is a person's surname)."""
    raws = _ARTICLE_RAWS.get()
    if not raws:
        return None
    start = bd.block.start + ent.start_char
    end = bd.block.start + ent.end_char
    for r in raws:
        if r.start < end and start < r.end and not r.dropped:
            return r.kind
    return None


def _mention_code(parsed: "ParsedArticle", bd: "BlockDoc", ent: "Span") -> tuple[str, str] | None:
    """How the article-wide reading settled an entity (the US state "Georgia" is a place in the US)."""
    raws = _ARTICLE_RAWS.get()
    if not raws:
        return None
    start = bd.block.start + ent.start_char
    for r in raws:
        if r.start <= start < r.end and r.kind == "place" and r.code:
            return r.code, "place"
    return None


def _of_complement(doc: "Doc", head: "Token") -> "Span | None":
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
            ent = _ent_of(pobj)
            if ent is not None and prep.lower_ == "of":
                return ent
            if ent is None and (gz.fold(pobj.text) in words.org_heads or words.is_role_word(pobj.text)):
                for mod in pobj.lefts:
                    m = _ent_of(mod)
                    if m is not None and (gz.country_code(m.text) or gz.demonym_nation(m.text)):
                        return m
    return None


def _direct_evidence(parsed: "ParsedArticle", r: _Raw) -> list[_Evidence]:
    bd = r.bd
    doc = bd.doc
    span = r.span
    sent = span.sent
    out: list[_Evidence] = []
    rank_shift = _RANK_HEADING if r.heading else 0
    # a) the title phrase right before the name
    w = _title_window(doc, span.start, sent.start)
    if w is not None:
        ev = _window_evidence(parsed, bd, w, span.end, _RANK_PREMOD + rank_shift)
        if ev is not None:
            out.append(ev)
    root = span.root
    # b) apposition: "The Italian foreign minister, Luigi Di Maio," / "Jens Stoltenberg, NATO's secretary general"
    heads: list["Token"] = []
    if root.dep_ == "appos" and root.head.pos_ in ("NOUN", "PROPN") and not (span.start <= root.head.i < span.end):
        heads.append(root.head)
    for ch in root.children:
        if ch.dep_ == "appos" and ch.pos_ in ("NOUN", "PROPN") and _ent_of(ch) is None:
            heads.append(ch)
    # c) "X, who was Macron's envoy" and "X is Norway's foreign minister"
    for ch in root.children:
        if ch.dep_ == "relcl" and ch.lemma_ == "be":
            heads.extend(a for a in ch.children if a.dep_ == "attr")
    if root.dep_ in ("nsubj",) and root.head.lemma_ == "be":
        heads.extend(a for a in root.head.children if a.dep_ == "attr" and a.pos_ == "NOUN")
    for h in heads:
        if not gz.words().is_role_word(h.text) and h.pos_ != "PROPN":
            continue
        hw = _title_window(doc, h.i + 1, sent.start)
        if hw is None:
            continue
        if h not in hw.role_tokens and gz.words().is_role_word(h.text):
            hw.role_tokens.append(h)
        ofc = _of_complement(doc, h)
        if ofc is not None:
            hw.entities.insert(0, (ofc, "of"))
        ev = _window_evidence(parsed, bd, hw, h.i + 1, _RANK_APPOS + rank_shift)
        if ev is not None:
            lo, hi = min(ev.start, r.start), max(ev.end, r.end)
            if ofc is not None:
                hi = max(hi, bd.block.start + ofc.end_char)
            ev.start, ev.end, ev.text = lo, hi, parsed.text[lo:hi]
            out.append(ev)
    # e) "Tristan Smith of University College London", "Jane Doe of France"
    of_ent = _of_complement(doc, root)
    if of_ent is not None and of_ent.label_ in ("ORG", "GPE", "FAC", "NORP") and of_ent.start >= span.end:
        code = gz.country_code(of_ent.text) or gz.demonym_nation(of_ent.text)
        settled = _mention_code(parsed, bd, of_ent)
        if settled is not None:
            code = settled[0]
        aff = None if code else (gz.affiliation_of(of_ent.text) or (_strip_the(of_ent.text)
                                                                   if of_ent.label_ in ("ORG", "FAC") else None))
        if code or aff:
            end = bd.block.start + of_ent.end_char
            out.append(_Evidence(rank=_RANK_APPOS + rank_shift, start=r.start, end=end, text=parsed.text[r.start:end],
                                 nation=code, affiliation=aff if aff not in gz.REGIONS else None,
                                 nation_kind="country" if code else None))
    # d) "the president of France Emmanuel Macron": of-complement of the title right before the name
    if w is not None and w.role_tokens:
        last_role = max(w.role_tokens, key=lambda t: t.i)
        ofc = _of_complement(doc, last_role)
        if ofc is not None and not any(e.start == ofc.start for e, _ in w.entities):
            code = gz.country_code(ofc.text) or gz.demonym_nation(ofc.text)
            aff = gz.affiliation_of(ofc.text)
            if code or aff:
                start = bd.block.start + doc[w.first].idx
                out.append(_Evidence(rank=_RANK_PREMOD + rank_shift, start=start, end=r.end,
                                     text=parsed.text[start:r.end], nation=code,
                                     affiliation=None if code else aff, nation_kind="country" if code else None))
    return out


def _respectively(parsed: "ParsedArticle", persons: list[_Cluster]) -> None:
    """ "his Greek, Cypriot and French counterparts, A, B and C, respectively": pair them in order."""
    by_pos: dict[tuple[int, int], _Raw] = {}
    for c in persons:
        for r in c.mentions:
            if not r.dropped:
                by_pos[(r.bd.block.index, r.span.start)] = r
    for bd in parsed.block_docs:
        doc = bd.doc
        for sent in doc.sents:
            if not any(t.lower_ == "respectively" for t in sent):
                continue
            ents = [e for e in doc.ents if e.start >= sent.start and e.end <= sent.end]
            resp = next(t.i for t in sent if t.lower_ == "respectively")
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
            if len(best_run) < 2:
                continue
            people = [e for e in ents if e.label_ == "PERSON" and best_run[-1].end <= e.start < resp]
            if len(people) != len(best_run):
                continue
            head = doc[best_run[-1].end] if best_run[-1].end < len(doc) else None
            role = None
            if head is not None and gz.fold(head.text) in ("counterpart", "counterparts"):
                role = _previous_role(parsed, bd, sent, best_run[0].start, by_pos)
            elif head is not None and gz.words().is_role_word(head.text):
                role = head.text
            for nat, person in zip(best_run, people):
                cs = _clean_span(person)
                r = by_pos.get((bd.block.index, cs.start if cs is not None else person.start))
                if r is None:
                    continue
                code = gz.country_code(nat.text) or gz.demonym_nation(nat.text)
                start = bd.block.start + doc[best_run[0].start].idx
                end = bd.block.start + doc[resp].idx + len(doc[resp].text)
                r.evidence.append(_Evidence(rank=_RANK_RESPECTIVELY, start=start, end=end, text=parsed.text[start:end],
                                            nation=code, role=role, nation_kind="country"))


def _previous_role(parsed: "ParsedArticle", bd: "BlockDoc", sent: "Span", before: int,
                   by_pos: dict[tuple[int, int], _Raw]) -> str | None:
    """The role of the last person named before a position in the sentence ("his counterparts")."""
    for e in reversed([e for e in bd.doc.ents if e.label_ == "PERSON" and sent.start <= e.start < before]):
        w = _title_window(bd.doc, e.start, sent.start)
        if w is not None:
            role = _role_text(bd.doc, w)
            if role:
                return role
    return None


def _under_rule(parsed: "ParsedArticle", persons: list[_Cluster]) -> None:
    """ "Under President X, Paris has ...": a titled leader of the state the clause is about."""
    for c in persons:
        for r in c.mentions:
            if r.dropped or r.heading:
                continue
            root = r.span.root
            if root.dep_ != "pobj" or root.head.lower_ != "under":
                continue
            w = _title_window(r.bd.doc, r.span.start, r.span.sent.start)
            if w is None or not w.role_tokens:
                continue
            verb = root.head.head
            subj = next((t for t in verb.children if t.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is None:
                continue
            ent = _ent_of(subj)
            if ent is None:
                continue
            code = gz.country_code(ent.text) or gz.seat_nation(ent.text) or gz.capital_nation(ent.text)
            if not code:
                continue
            doc = r.bd.doc
            start = r.bd.block.start + doc[root.head.i].idx
            end = r.bd.block.start + ent.end_char
            r.evidence.append(_Evidence(rank=_RANK_UNDER, start=start, end=end, text=parsed.text[start:end],
                                        nation=code, nation_kind="country"))


def _conj_rule(persons: list[_Cluster], at_offset: dict[tuple[int, int], _Cluster]) -> None:
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
            w = _title_window(doc, r.span.start, r.span.sent.start)
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
            role = (_role_text(r.bd.doc, w) or "").lower()
            other_role = (other.role or "").lower()
            if not role or role == other_role or any(role == h or role.endswith(" " + h)
                                                     for h in words.head_of_state_roles):
                continue
            first_ev = next((e for m in other.mentions for e in m.evidence
                             if e.nation == other.nation and e.rank == _RANK_PREMOD
                             and m.bd is r.bd and m.span.sent.start == r.span.sent.start), None)
            if first_ev is None:
                continue
            start, end = first_ev.start, r.end
            text = r.bd.block.text[start - r.bd.block.start:end - r.bd.block.start]
            ev = _Evidence(rank=_RANK_CONJ, start=start, end=end, text=text, nation=other.nation, role=role,
                           nation_kind="conj")
            r.evidence.append(ev)
            c.nation = other.nation
            c.evidence = ev
            if not c.role:
                c.role = _role_text(r.bd.doc, w)
            break


def _person_start(tok: "Token") -> int:
    ent = _ent_of(tok)
    if ent is None:
        return tok.i
    cs = _clean_span(ent)
    return cs.start if cs is not None else ent.start


def _quote_mask(text: str) -> list[bool]:
    """Per character: inside a quotation? Curly quotes open and close; straight quotes toggle."""
    mask = [False] * len(text)
    inside = False
    for i, ch in enumerate(text):
        if ch in _OPEN_QUOTES:
            inside = True
        elif ch in _CLOSE_QUOTES:
            inside = False
        elif ch == '"':
            inside = not inside
        mask[i] = inside
    return mask


def _gender(c: _Cluster) -> str | None:
    """ "m"/"f" from honorifics and titles, else from he/she that refer back to the person."""
    honorific = next((e.gender for r in c.mentions for e in r.evidence if e.gender and e.gender_kind == "honorific"),
                     None)
    if honorific:
        return honorific
    title = next((e.gender for r in c.mentions for e in r.evidence if e.gender), None)
    return title or c.pronoun_gender


def _pronoun_genders(parsed: "ParsedArticle", persons: list[_Cluster]) -> None:
    """Vote he/she for the person they refer back to, outside quotations.

    A subject "he"/"she" refers to the subject person of its own sentence (named
    before it) or else of the previous sentence; "his"/"her" to the only person
    named before it in its sentence. Anything less clear casts no vote.
    """
    owner: dict[int, _Cluster] = {}
    for c in persons:
        for r in c.mentions:
            if not r.dropped and not r.heading:
                owner[r.start] = c
    votes: dict[int, Counter] = defaultdict(Counter)
    for bd in parsed.block_docs:
        if bd.block.kind != "paragraph":
            continue
        mask = _quote_mask(bd.block.text)
        doc = bd.doc
        people_ents = []
        for e in doc.ents:
            cs = _clean_span(e) if e.label_ == "PERSON" else None
            pos = bd.block.start + (cs.start_char if cs is not None else e.start_char)
            c = owner.get(pos)
            if c is not None:
                people_ents.append((e, c))
        prev_subject: _Cluster | None = None
        for sent in doc.sents:
            in_sent = [(e, c) for e, c in people_ents if sent.start <= e.start < sent.end]
            subjects = [(e, c) for e, c in in_sent if e.root.dep_ in ("nsubj", "nsubjpass")]
            for tok in sent:
                low = tok.lower_
                if low not in _MALE_PRONOUNS and low not in _FEMALE_PRONOUNS:
                    continue
                if tok.idx < len(mask) and mask[tok.idx]:
                    continue
                g = "m" if low in _MALE_PRONOUNS else "f"
                before = {id(c): c for e, c in in_sent if e.end <= tok.i}
                everyone = {id(c) for e, c in in_sent}
                target = None
                if tok.dep_ in ("nsubj", "nsubjpass"):
                    subj_before = [c for e, c in subjects if e.end <= tok.i]
                    if len(before) == 1 and subj_before:
                        target = subj_before[0]
                    elif not before and prev_subject is not None:
                        target = prev_subject
                elif len(before) == 1 and len(everyone) == 1:
                    target = next(iter(before.values()))
                if target is not None:
                    votes[id(target)][g] += 1
            subject_people = {id(c): c for e, c in subjects}
            prev_subject = next(iter(subject_people.values())) if len(subject_people) == 1 else None
    for c in persons:
        v = votes.get(id(c))
        if not v:
            continue
        g, n = v.most_common(1)[0]
        if n >= 3 * (sum(v.values()) - n):
            c.pronoun_gender = g


# ---------------------------------------------------------------------------
# 5. records

def _emit(parsed: "ParsedArticle", clusters: list[_Cluster]) -> tuple[list[Actor], list[Mention]]:
    actors: dict[str, Actor] = {}
    mentions: list[Mention] = []
    for c in clusters:
        kept = [r for r in c.mentions if not r.dropped]
        if not kept:
            continue
        a = actors.get(c.key)
        if a is None:
            a = Actor(id=c.key, name=c.name or _strip_the(kept[0].text), type=c.label)
            actors[c.key] = a
        if c.kind == "person":
            a.nation = c.nation
            a.affiliation = c.affiliation
            a.role = c.role
            ev = c.evidence
            if ev is not None:
                a.evidence, a.evidence_start, a.evidence_end = ev.text, ev.start, ev.end
            a.gender = c.gender
            a.ambiguous = c.ambiguous
        else:
            a.nation = a.nation or c.nation
            a.affiliation = a.affiliation or c.affiliation
            if a.nation and a.evidence is None and c.kind in ("country", "place"):
                first = min(kept, key=lambda r: r.start)
                a.evidence, a.evidence_start, a.evidence_end = first.text, first.start, first.end
        for r in kept:
            mentions.append(Mention(start=r.start, end=r.end, text=r.text, label=r.label if r.label in ACTOR_LABELS
                                    else c.label, actor_id=a.id, sentence_index=r.sentence_index,
                                    block_index=r.bd.block.index))
            for alias in _aliases_of(r, c):
                if alias != a.name and alias not in a.aliases:
                    a.aliases.append(alias)
    mentions.sort(key=lambda m: (m.start, m.end))
    seen: set[tuple[int, int]] = set()
    unique: list[Mention] = []
    for m in mentions:
        if (m.start, m.end) in seen:
            continue
        seen.add((m.start, m.end))
        unique.append(m)
    for m in unique:
        a = actors[m.actor_id]
        a.mentions += 1
        if a.first_start is None or m.start < a.first_start:
            a.first_start, a.first_end = m.start, m.end
    ordered = sorted(actors.values(), key=lambda a: (a.first_start if a.first_start is not None else 1 << 30))
    return ordered, unique


def _aliases_of(r: _Raw, c: _Cluster) -> list[str]:
    raw = re.sub(r"\s+", " ", r.text.strip())
    out = [raw]
    if c.kind == "person":
        clean = _clean_name(raw)
        if clean and clean != raw:
            out.append(clean)
    else:
        bare = _strip_the(raw)
        if bare and bare != raw:
            out.append(bare)
    return out


def _fallback(parsed: "ParsedArticle") -> tuple[list[Actor], list[Mention]]:
    actors: dict[str, Actor] = {}
    mentions: list[Mention] = []
    for bd in getattr(parsed, "block_docs", []):
        try:
            for e in bd.doc.ents:
                if e.label_ not in ACTOR_LABELS:
                    continue
                aid = f"{e.label_}:{slugify(e.text)}"
                a = actors.setdefault(aid, Actor(id=aid, name=e.text, type=e.label_))
                s, t = bd.offsets(e)
                a.mentions += 1
                if a.first_start is None:
                    a.first_start, a.first_end = s, t
                mentions.append(Mention(s, t, e.text, e.label_, aid, bd.sentence_index(e), bd.block.index))
        except Exception:
            continue
    return list(actors.values()), mentions


# ---------------------------------------------------------------------------
# across articles

def link_across(known: list[tuple[str, str, str]], actor: Actor) -> str | None:
    """The id of a known corpus actor that ``actor`` (from a new article) should merge into.

    ``known`` lists corpus actors as (id, name, type). The rules are the
    article's own: a person matches a known person with the same full name
    (accents folded, middle names allowed), or by surname when exactly one known
    person carries it (either side may be the surname-only form); an
    organisation matches by name or by acronym and initials. Returns ``None``
    when nothing matches, when the match is ambiguous (two known people share
    the surname), or when the actor's own id is already known (nothing to merge).
    """
    try:
        return _link_across(known, actor)
    except Exception:  # pragma: no cover
        return None


def link_keys(name: str, type_: str) -> set[str]:
    """Index keys such that any two actors ``link_across`` could merge share at least one.

    The store keeps these keys for every corpus actor, so a new actor is compared
    with a few candidates instead of the whole corpus.
    """
    try:
        if type_ == "PERSON":
            words = _fold_words(_name_words(name))
            return {f"P:{words[-1]}"} if words else set()
        base = _strip_the(name)
        keys = {f"N:{type_}:{gz.fold(base)}"}
        if type_ == "ORG":
            keys.add(f"I:{_initials(base)}")
            if _is_acronym(base):
                keys.add(f"I:{base.replace('.', '')}")
        return keys
    except Exception:  # pragma: no cover - a key is an optimisation, never a failure
        return set()


def _link_across(known: list[tuple[str, str, str]], actor: Actor) -> str | None:
    ids = {k[0] for k in known}
    if actor.id in ids:
        return None
    if actor.type == "PERSON":
        mine = _fold_words(_name_words(actor.name))
        if not mine:
            return None
        candidates: set[str] = set()
        for kid, kname, ktype in known:
            if ktype != "PERSON":
                continue
            theirs = _fold_words(_name_words(kname))
            if not theirs:
                continue
            if _is_full_name(mine) and _is_full_name(theirs):
                if _same_full_name(mine, theirs):
                    candidates.add(kid)
            elif _is_full_name(theirs):
                if len(theirs) > len(mine) and theirs[-len(mine):] == mine:
                    candidates.add(kid)
            elif _is_full_name(mine):
                if len(mine) > len(theirs) and mine[-len(theirs):] == theirs:
                    candidates.add(kid)
            elif mine == theirs:
                candidates.add(kid)
        if len(candidates) == 1:
            return candidates.pop()
        full = [kid for kid, kname, ktype in known
                if kid in candidates and _is_full_name(_fold_words(_name_words(kname)))]
        if len(full) == 1 and not _is_full_name(mine):
            return full[0]  # the known "Erdogan" and "Recep Tayyip Erdoğan" are one person: take the full name
        if len(candidates) > 1 and not _is_full_name(mine):
            return None  # a surname shared by two known people stays apart
        # Several full names that all match: prefer the exact one.
        exact = [kid for kid, kname, ktype in known if ktype == "PERSON" and _fold_words(_name_words(kname)) == mine]
        return exact[0] if len(exact) == 1 else None
    if actor.type == "GPE" and actor.nation and len(actor.id) == 6:
        return None  # states already share their ISO id
    mine = _strip_the(actor.name)
    for kid, kname, ktype in known:
        if ktype != actor.type:
            continue
        theirs = _strip_the(kname)
        if gz.fold(theirs) == gz.fold(mine):
            return kid
        if actor.type == "ORG":
            if _is_acronym(mine) and _initials(theirs) == mine.replace(".", ""):
                return kid
            if _is_acronym(theirs) and _initials(mine) == theirs.replace(".", ""):
                return kid
    return None
