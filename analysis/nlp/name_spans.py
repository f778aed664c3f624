"""Person names the small model cut short or missed, repaired from the Doc's own structure.

Part of the ``newslens_entity_fix`` component (``entity_fix``): a given name or a surname left
outside a person's entity joins it, a saint's name before a building word is the building, and a
run of proper nouns led by a given name from the names package is a person the model missed.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span

from ..lexicon import gazetteer as gz
from ..lexicon.common_words import is_common_word
from ..lexicon.first_names import is_first_name

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

POSSESSIVE = {"'s", "\u2019s", "'", "\u2019"}


def missed_people(doc: "Doc", spans: list[Span]) -> list[Span]:
    """People the small model left untagged: "Tomasz Kubiak, a fire officer", "Regina Ip from the party".

    A run of capitalised proper nouns outside every entity, led (after any titles) by a given
    name from the names package that is no everyday word and no country, and ending in a word
    that is no everyday noun or organisation word, is a person's name.
    """
    taken = {i for s in spans for i in range(s.start, s.end)}
    words = gz.words()
    out: list[Span] = []
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and j not in taken and doc[j].is_title and doc[j].pos_ == "PROPN":
            j += 1
        if j == i:
            i += 1
            continue
        run = list(doc[i:j])
        while run and (words.is_role_word(run[0].text) or gz.fold(run[0].text) in words.honorifics):
            run = run[1:]  # "Governor Ricardo Rosselló": the title is read as one elsewhere
        if len(run) >= 2 and given_name(run[0].text) and surname_word(run[-1].text):
            out.append(Span(doc, run[0].i, run[-1].i + 1, label="PERSON"))
        i = j
    return out


def given_name(word: str) -> bool:
    return is_first_name(word) and not is_common_word(word) and not gz.nation_of(word)


def surname_word(word: str) -> bool:
    folded = gz.fold(word)
    w = gz.words()
    return not is_common_word(word) and folded not in w.org_heads and folded not in w.facility_heads \
        and not w.is_role_word(word) and not gz.nation_of(word)


_SAINT = {"st", "st.", "saint"}


def saints_building(span: Span) -> Span:
    """ "St James's Palace", "St Thomas' Hospital": a saint's name before a building word is the building."""
    doc = span.doc
    if span.label_ != "PERSON" or span.start == 0 or doc[span.start - 1].lower_ not in _SAINT:
        return span
    i = span.end
    if i < len(doc) and doc[i].text in POSSESSIVE:
        i += 1
    if i < len(doc) and gz.fold(doc[i].text) in gz.words().facility_heads:
        return Span(doc, span.start - 1, i + 1, label="FAC")
    return span


def with_given_name(span: Span, spans: list[Span]) -> Span:
    """ "chairman Martin [Broughton]": a given name right before a person's name belongs to it."""
    if span.label_ != "PERSON" or span.start == 0:
        return span
    prev = span.doc[span.start - 1]
    taken = any(o.start <= prev.i < o.end for o in spans if o is not span)
    words = gz.words()
    before = span.doc[prev.i - 1] if prev.i > 0 else None
    # "spokesperson Barend Leyts": between a lower-case role noun and a surname, a capitalised proper
    # noun is a given name even when the names package does not know it
    after_role = before is not None and before.is_lower and before.pos_ == "NOUN" and words.is_role_word(before.text) \
        and prev.pos_ == "PROPN" and not is_common_word(prev.text)
    if taken or not prev.is_title or not prev.is_alpha or prev.is_stop or len(prev) < 3 \
            or not (is_first_name(prev.text) or after_role) or words.is_role_word(prev.text) or gz.nation_of(prev.text):
        return span  # "Is", "Elder" or "Manila" before a name is no given name of it
    if before is not None and before.is_title and not before.is_sent_start and \
            not (words.is_role_word(before.text) or gz.fold(before.text) in words.honorifics):
        return span  # "New York Rangers": a run of capitals is one name ("Governor Ana Diaz" is a title and a name)
    return Span(span.doc, prev.i, span.end, label="PERSON")


#: lower-case particles that begin a surname ("dela Torre", "van der Berg", "bin Hamad")
_PARTICLES = frozenset({"de", "dela", "del", "della", "di", "da", "van", "von", "der", "den", "le", "la",
                        "bin", "ibn", "al", "el", "du", "dos", "das"})


def with_surname(span: Span, spans: list[Span]) -> Span:
    """The words of a name the model cut off: "Inspector Marisol [Quibuyen]", "[Arsenio] dela Torre".

    A person's name is extended over a capitalised proper noun right after it that is no everyday
    word, office or organisation word (a surname), and, when the name begins with a lower-case
    particle, over the capitalised proper noun right before it (the given name).
    """
    if span.label_ != "PERSON":
        return span
    doc = span.doc
    start, end = span.start, span.end

    def free(i: int) -> bool:
        return 0 <= i < len(doc) and not any(o.start <= i < o.end for o in spans if o is not span)

    if free(end) and doc[end].is_title and doc[end].tag_ in ("NNP", "NNPS") and surname_word(doc[end].text) \
            and not doc[end].is_sent_start and not (end + 1 < len(doc) and doc[end + 1].is_title):
        end += 1
    given_alone = any(o.label_ == "PERSON" and (o.start, o.end) == (start - 1, start) for o in spans)
    if doc[start].lower_ in _PARTICLES and doc[start].is_lower and (free(start - 1) or given_alone) \
            and doc[start - 1].is_title and doc[start - 1].pos_ == "PROPN" and surname_word(doc[start - 1].text) \
            and gz.fold(doc[start - 1].text) not in gz.words().honorifics:
        start -= 1
    return span if (start, end) == (span.start, span.end) else Span(doc, start, end, label="PERSON")
