"""Mentions: the entities of every block collected as raw mentions and classified (person, state, place, body).

Also the two questions later rules ask of the article-wide reading (what a span
was classified as, and which state a place mention settled on); the raw
mentions are passed to them explicitly.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from ..lexicon import gazetteer as gz
from ..lexicon.first_names import is_first_name
from .drafts import RawMention
from .names import POSSESSIVE, fold_words, is_full_name, name_words

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span

    from ..parsed import BlockDoc, ParsedArticle

#: Entity labels that become actors; numbers and dates never do.
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"})
#: Other labels that may hide an actor the corrections can recover ("Paraguay" as PRODUCT).
RECOVERABLE = frozenset({"PRODUCT", "WORK_OF_ART", "EVENT", "LAW"})


def collect_mentions(parsed: "ParsedArticle") -> list[RawMention]:
    """The article's entity mentions in text order, each classified; heading names the paragraphs give added."""
    raws: list[RawMention] = []
    for bd in parsed.block_docs:
        heading = bd.block.kind != "paragraph"
        for ent in bd.doc.ents:
            label = ent.label_
            if label not in ACTOR_LABELS and label not in RECOVERABLE:
                continue
            span = clean_span(ent)
            if span is None:
                continue
            text = span.text
            if not text.strip() or not any(ch.isalpha() for ch in text):
                continue
            start, end = bd.offsets(span)
            r = RawMention(bd=bd, span=span, start=start, end=end, text=parsed.text[start:end], label=label,
                           heading=heading, sentence_index=bd.sentence_index(span), ner_label=label)
            if label in RECOVERABLE:
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
    raws.extend(_missed_surnames(parsed, raws))
    raws.sort(key=lambda r: (r.start, r.end))
    return raws


_SURNAME_DEPS = {"nsubj", "nsubjpass", "poss", "pobj", "dobj", "appos", "conj", "attr", "dative"}


def _missed_surnames(parsed: "ParsedArticle", raws: list[RawMention]) -> list[RawMention]:
    """A person's surname the tagger left untagged after their full name: "Ellen Day … Day had one
    child" (an everyday word as a surname, which small models miss).

    Only a capitalised word outside every entity, used as a noun phrase of its own, that is the
    surname of exactly one full name the paragraphs gave before it.
    """
    from spacy.tokens import Span

    full = [r for r in raws if r.kind == "person" and not r.heading and is_full_name(r.words)]
    owners: dict[str, set[tuple[str, ...]]] = {}
    first_at: dict[str, int] = {}
    for r in full:
        owners.setdefault(r.words[-1], set()).add(r.words)
        first_at[r.words[-1]] = min(first_at.get(r.words[-1], r.start), r.start)
    unique = {w for w, names in owners.items() if len(names) == 1}
    if not unique:
        return []
    taken = {(r.bd.block.index, t.i) for r in raws for t in r.span}
    out: list[RawMention] = []
    for bd in parsed.block_docs:
        if bd.block.kind != "paragraph":
            continue
        for t in bd.doc:
            if not t.is_title or (bd.block.index, t.i) in taken or t.dep_ not in _SURNAME_DEPS \
                    or t.pos_ not in ("PROPN", "NOUN") or t.ent_type_:
                continue
            word = fold_words(name_words(t.text))
            if len(word) != 1 or word[0] not in unique:
                continue
            if any(c.dep_ in ("det", "amod", "compound") for c in t.children):
                continue  # "the Day of Action", "Labour Day": a noun phrase of its own, not a name
            span = Span(bd.doc, t.i, t.i + 1, label="PERSON")
            start, end = bd.offsets(span)
            if start <= first_at[word[0]]:
                continue
            out.append(RawMention(bd=bd, span=span, start=start, end=end, text=parsed.text[start:end],
                                  label="PERSON", heading=False, sentence_index=bd.sentence_index(span),
                                  kind="person", ner_label="PERSON", words=word))
    return out


def _heading_person_mentions(parsed: "ParsedArticle", raws: list[RawMention]) -> list[RawMention]:
    """People the paragraphs name, found in title-case headings where NER fails ("Macron Vows Action ...")."""
    from spacy.tokens import Span

    full = {r.words for r in raws if r.kind == "person" and not r.heading and is_full_name(r.words)}
    if not full:
        return []
    surnames = Counter(f[-1] for f in full)
    targets = set(full) | {(f[-1],) for f in full if surnames[f[-1]] == 1}
    longest = max(len(t) for t in targets)
    taken = {(r.bd.block.index, t.i) for r in raws if r.kind == "person" for t in r.span}
    out: list[RawMention] = []
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
                words = fold_words(name_words(doc[i:i + n].text))
                if words in targets and doc[i].text[:1].isupper():
                    hit = n
                    break
            if hit is None:
                i += 1
                continue
            span = Span(doc, i, i + hit, label="PERSON")
            start, end = bd.offsets(span)
            r = RawMention(bd=bd, span=span, start=start, end=end, text=parsed.text[start:end], label="PERSON",
                           heading=True, sentence_index=bd.sentence_index(span), kind="person", ner_label="PERSON",
                           words=fold_words(name_words(span.text)))
            out.append(r)
            for r2 in raws:
                # the swallowing heading entity gives way to the name
                if r2.bd is bd and r2.span.start <= i < r2.span.end and r2.kind != "person":
                    r2.dropped = True
            i += hit
    return out


def _settle_us_states(raws: list[RawMention]) -> None:
    """ "Georgia" is the US state in an article about the US that never names the country otherwise."""
    shared = [r for r in raws if r.kind == "country" and gz.shared_with_us_state(r.text)]
    if not shared:
        return
    codes = Counter(r.code for r in raws if r.code and not gz.shared_with_us_state(r.text))
    for r in shared:
        if codes.get("US", 0) > codes.get(r.code, 0):
            r.kind, r.code = "place", "US"


def _given_name_not_state(word: str) -> bool:
    """ "Martin" (also a Slovak town) is a given name here; "Manila" and "Jordan" name a capital or a state."""
    return is_first_name(word) and not (gz.country_code(word) or gz.capital_nation(word) or gz.demonym_nation(word))


def clean_span(ent: "Span") -> "Span | None":
    """The entity without edge quotes and, for a person, without leading titles or honorifics."""
    from spacy.tokens import Span

    doc = ent.doc
    start, end = ent.start, ent.end
    while start < end and (doc[start].is_punct or doc[start].is_quote) and doc[start].text not in ("[",):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_quote or doc[end - 1].text in POSSESSIVE) \
            and doc[end - 1].text != "." and doc[end - 1].text != "]":
        end -= 1
    if ent.label_ == "PERSON":
        words = gz.words()
        # a leading nation word goes ("Israeli Benjamin Netanyahu"), a given name that is also a place
        # ("Martin", a Slovak town; "Jordan") stays
        while end - start > 1 and (words.is_role_word(doc[start].text) or words.is_role_modifier(doc[start].text)
                                   or (gz.nation_of(doc[start].text) and not _given_name_not_state(doc[start].text))
                                   or doc[start].lower_ == "the"):
            start += 1
    if start >= end:
        return None
    if (start, end) == (ent.start, ent.end):
        return ent
    return Span(doc, start, end, label=ent.label_)


def _classify(raws: list[RawMention]) -> None:
    """Decide for each mention what it names: a person, a state, a place, a body or another entity."""
    # Full names seen in paragraphs: the reference for surnames and mislabelled names.
    full_tails: dict[tuple[str, ...], set[tuple[str, ...]]] = defaultdict(set)
    full_names: set[tuple[str, ...]] = set()
    for r in raws:
        if r.label == "PERSON" and not r.heading:
            w = fold_words(name_words(r.text))
            if is_full_name(w):
                full_names.add(w)
    for f in full_names:
        for n in range(1, len(f)):
            full_tails[f[-n:]].add(f)
    first_names = {f[0] for f in full_names}

    for r in raws:
        text = r.text
        words = fold_words(name_words(text))
        r.words = words
        label = r.label
        known_person = words in full_names or (words in full_tails and not is_full_name(words))
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
        classify_other(r)


def _shaped_like_name(span: "Span") -> bool:
    # Imported here: entity_fix loads spaCy, which importing the package for linking alone does not need.
    from ..nlp.entity_fix import is_name_shaped

    return is_name_shaped(span)


def _place_code(r: RawMention) -> str | None:
    """The state a mention names or stands for, when the gazetteer knows it."""
    t = r.text
    return gz.country_code(t) or gz.demonym_nation(t) or gz.seat_nation(t) or gz.capital_nation(t)


def classify_other(r: RawMention) -> None:
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


def article_kind(raws: list[RawMention], bd: "BlockDoc", ent: "Span") -> str | None:
    """What the article-wide reading made of an entity ("Kishida" tagged ORG is a person's surname)."""
    start = bd.block.start + ent.start_char
    end = bd.block.start + ent.end_char
    for r in raws:
        if r.start < end and start < r.end and not r.dropped:
            return r.kind
    return None


def mention_code(raws: list[RawMention], bd: "BlockDoc", ent: "Span") -> tuple[str, str] | None:
    """How the article-wide reading settled an entity (the US state "Georgia" is a place in the US)."""
    start = bd.block.start + ent.start_char
    for r in raws:
        if r.start <= start < r.end and r.kind == "place" and r.code:
            return r.code, "place"
    return None
