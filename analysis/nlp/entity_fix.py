"""A spaCy component that corrects the small English model's entities.

It runs right after ``ner`` on every block, so it only uses the Doc itself and
cached gazetteer look-ups. Corrections are made from the text's structure and
from the gazetteers, never from lists of names:

* a possessive inside one entity is split: "Norway's Espen Barth Eide" (one
  ORG) becomes GPE "Norway" + PERSON "Espen Barth Eide";
* a coordination swallowed into one entity is split when its parts are
  places: "Crete and Cyprus";
* a country, demonym or capital mislabelled is relabelled ("Paraguay" ORG ->
  GPE, "Kenyan" GPE -> NORP, a capital tagged PERSON -> GPE unless the text
  uses it as a person's name);
* a PERSON that is visibly not a person is relabelled: it ends in an
  institution word ("... Hospital"), is an all-capital abbreviation ("BST"),
  or is a camel-case brand ("EastMed");
* a name-shaped entity that follows a title ("Ambassador to the United Nations
  Nikki Haley") or is coordinated with a person becomes PERSON;
* a time-zone abbreviation of the tz database after a clock time ("(0040 UTC)",
  "7am BST"), and UTC or GMT anywhere, is dropped: it names a clock, not an actor;
* in title-case lines (headings), an entity that starts with a country or
  demonym and swallowed the following words is cut back to that place.

Further, article-wide corrections (a surname tagged ORG, a heading PERSON that
names no one) are made by ``actors.resolve_actors``, which sees every block.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Span

from ..lexicon import gazetteer as gz
from ..lexicon import politics
from ..lexicon.calendar import time_zone_abbreviations
from ..lexicon.common_words import all_common
from ..lexicon.offices import is_public_office
from ..parsed import PROBLEMS_KEY
from .name_spans import POSSESSIVE as _POSSESSIVE
from .name_spans import given_name as _given
from .name_spans import missed_people, saints_building, surname_word as _surname, with_given_name, with_surname

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

#: Labels that never name an actor; they are left as they are.
NON_ACTOR_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"})
_SMALL_WORDS = {"a", "an", "the", "of", "to", "for", "in", "on", "at", "and", "or", "by", "with", "from", "as",
                "over", "after", "into", "vs", "via", "is", "are"}
_CAMEL = re.compile(r"^[A-Z][a-z]+[A-Z]")


@Language.component("newslens_entity_fix")
def entity_fix(doc: "Doc") -> "Doc":
    """Correct ``doc.ents`` by structure and gazetteer (see the module docstring)."""
    try:
        doc.ents = fix_entities(doc)
    except Exception as exc:  # noqa: BLE001 - kept with the Doc and shown as the article's problem
        # The model's own entities stay; the article is stored with this problem beside it
        # (``parsed.assemble`` turns it into a ``Problem``), instead of the whole batch failing.
        doc.user_data.setdefault(PROBLEMS_KEY, []).append(f"{type(exc).__name__}: {exc}")
    return doc


def fix_entities(doc: "Doc") -> list[Span]:
    """The corrected entity spans of a Doc (non-overlapping, in order)."""
    heading = looks_like_heading(doc)
    spans: list[Span] = []
    for ent in doc.ents:
        if ent.label_ in NON_ACTOR_LABELS:
            spans.append(ent)
            continue
        if names_a_clock(ent):
            continue
        parts = _split_coordination(_split_possessive(_trim(ent)))
        # In a title-case line a place at the front is cut from what follows; elsewhere
        # a place at the front of a name is split from the name.
        parts = [_cut_heading_entity(p) for p in parts] if heading else _split_leading_place(parts)
        for part in parts:
            spans.append(_relabel(part, doc))
    spans = [_person_by_context(s, spans) for s in spans]
    if not heading:
        spans = _split_leading_place(spans)
        spans = [with_given_name(s, spans) for s in spans]
        spans = [with_surname(s, spans) for s in spans]
    spans = [saints_building(s) for s in spans if not _part_of_a_title(s)]
    spans = [_with_of_words(s, spans) for s in spans]
    spans = _whole_parties(spans)
    if not heading:
        spans = spans + missed_people(doc, spans)
    return _non_overlapping(spans)


def names_a_clock(ent: Span) -> bool:
    """ "(0040 UTC)", "at 7am BST": a time-zone abbreviation of the tz database after a clock time, or
    UTC / GMT anywhere, is not an actor (the small model types "UTC" an organisation)."""
    zones, always = time_zone_abbreviations()
    if ent.text not in zones:
        return False
    if ent.text in always:
        return True
    return any(any(ch.isdigit() for ch in tok.text) for tok in ent.doc[max(0, ent.start - 3):ent.start])


def _with_of_words(span: Span, spans: list[Span]) -> Span:
    """ "Progressive Party [of Working People]": an organisation's name goes on over "of" and the
    capitalised words after it that no other entity holds and that name no country."""
    doc = span.doc
    i = span.end
    if span.label_ != "ORG" or i + 1 >= len(doc) or doc[i].lower_ != "of":
        return span
    taken = {k for o in spans if o is not span for k in range(o.start, o.end)}
    j = i + 1
    while j < len(doc) and j - i <= 3 and j not in taken and doc[j].is_title and doc[j].is_alpha \
            and doc[j].pos_ in ("PROPN", "NOUN", "ADJ") and not gz.nation_of(doc[j].text):
        j += 1
    if j == i + 1 or (j < len(doc) and doc[j].is_title and doc[j].is_alpha):
        return span  # nothing after "of", or a longer run of capitals than a name would have
    return Span(doc, span.start, j, label="ORG")


def _whole_parties(spans: list[Span]) -> list[Span]:
    """ "Liberal Democrat", cut by the model into "Liberal" and "Democrat": one party's name, one entity.

    A party name (WordNet's) is extended over the capitalised words before it when together they
    name a different, longer party; an entity those words formed is dropped.
    """
    out = list(spans)
    for k, span in enumerate(spans):
        if span.label_ not in ("ORG", "NORP") or politics.party(span.text) is None:
            continue
        doc, start = span.doc, span.start
        while start > 0 and doc[start - 1].is_title and doc[start - 1].pos_ in ("PROPN", "ADJ", "NOUN") and \
                span.start - start < 2:
            start -= 1
        for first in range(start, span.start):
            longer = politics.party(doc[first:span.end].text)
            if longer is not None and longer.name != politics.party(span.text).name:
                merged = Span(doc, first, span.end, label="ORG")
                out = [s for s in out if not (s.start >= first and s.end <= span.end)] + [merged]
                break
    return sorted(out, key=lambda s: s.start)


def _part_of_a_title(span: Span) -> bool:
    """ "Home" in "the Home Secretary", "Shadow Home" in "Shadow Home Secretary": words of an office title.

    An organisation or group made of everyday words, directly followed by an office word, with the
    two together a public office, is the first half of a title, not a body.
    """
    doc = span.doc
    if span.label_ not in ("ORG", "NORP") or span.end >= len(doc):
        return False
    nxt = doc[span.end]
    if not nxt.is_title or not gz.words().is_role_word(nxt.text):
        return False
    if not all_common(t.text for t in span if not t.is_punct) or gz.nation_of(span.text) or politics.party(span.text):
        return False  # "French President", "Labour leader": a nation's or a party's, which say who the person is
    title = f"{span.text} {nxt.text}"
    return is_public_office(title) or politics.office_nation(title) is not None


def looks_like_heading(doc: "Doc") -> bool:
    """True for a short title-case line with no closing punctuation (a heading or title)."""
    text = doc.text.strip()
    if not text or len(doc) > 25 or text[-1] in ".!?\"\u201d:;":
        return False
    content = [t for t in doc if t.is_alpha and t.lower_ not in _SMALL_WORDS]
    if len(content) < 2:
        return False
    upper = sum(1 for t in content if t.text[0].isupper())
    return upper / len(content) >= 0.75


# -- splitting ---------------------------------------------------------------

def _trim(ent: Span) -> Span:
    """Drop quote marks and brackets at the edges of an entity (and an article before a quote)."""
    start, end = ent.start, ent.end
    doc = ent.doc
    while start < end and (doc[start].is_punct or doc[start].is_quote) and doc[start].text not in _POSSESSIVE:
        start += 1
    if start + 1 < end and doc[start].lower_ == "the" and (doc[start + 1].is_quote or doc[start + 1].is_punct):
        start += 2
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_quote) and doc[end - 1].text not in _POSSESSIVE \
            and doc[end - 1].text != ".":
        end -= 1
    if end > start and doc[end - 1].text in _POSSESSIVE and doc[end - 1].tag_ == "POS":
        end -= 1
    opened = [i for i in range(start, end) if doc[i].text == "("]
    if opened and not any(doc[i].text == ")" for i in range(opened[-1], end)) and opened[-1] > start:
        end = opened[-1]  # "Organisation of Islamic Cooperation (OIC": the bracket was never closed in it
    if start >= end:
        return ent
    if (start, end) == (ent.start, ent.end):
        return ent
    return Span(doc, start, end, label=ent.label_)


def _split_possessive(ent: Span) -> list[Span]:
    """ "X's Firstname Lastname" -> [X, Firstname Lastname] with labels from the gazetteer."""
    doc = ent.doc
    for i in range(ent.start + 1, ent.end - 1):
        tok = doc[i]
        if tok.text in _POSSESSIVE and (tok.tag_ == "POS" or tok.dep_ == "case"):
            left = Span(doc, ent.start, i)
            right = Span(doc, i + 1, ent.end)
            lt = left.text
            if gz.nation_of(lt) or gz.place_nation(lt, 100_000):
                left_label = "NORP" if gz.demonym_nation(lt) and not gz.country_code(lt) else "GPE"
            elif gz.affiliation_of(lt):
                left_label = "ORG"
            elif is_name_shaped(left):
                left_label = "PERSON"
            else:
                left_label = ent.label_
            right_label = "PERSON" if is_name_shaped(right) else ent.label_
            if right_label != "PERSON" and left_label not in ("GPE", "NORP"):
                return [ent]  # "Kurdistan Workers' Party": a name with a possessive inside
            return [Span(doc, left.start, left.end, label=left_label),
                    Span(doc, right.start, right.end, label=right_label)]
    return [ent]


def _split_leading_place(parts: list[Span]) -> list[Span]:
    """ "Mayor of Koszalin Piotr Jedlinski": a place swallowed at the front of a PERSON is split off."""
    out: list[Span] = []
    for ent in parts:
        out.extend(_split_one_leading_place(ent))
    return out


def _split_one_leading_place(ent: Span) -> list[Span]:
    if ent.label_ != "PERSON" or len(ent) < 3:
        return [ent]
    doc = ent.doc
    after_of = ent.start > 0 and doc[ent.start - 1].lower_ in ("of", "in", "from")
    for n in range(1, len(ent) - 1):
        head = Span(doc, ent.start, ent.start + n)
        t = head.text
        known = gz.country_code(t) or gz.demonym_nation(t) or gz.capital_nation(t) or \
            (after_of and gz.place_nation(t, 15_000))
        if not known:
            continue
        rest = Span(doc, ent.start + n, ent.end)
        words = gz.words()
        k = rest.start
        while k < rest.end and (words.is_role_word(doc[k].text) or words.is_role_modifier(doc[k].text)):
            k += 1
        if rest.end - k >= 2 and is_name_shaped(Span(doc, k, rest.end)):
            label = "NORP" if gz.demonym_nation(t) and not gz.country_code(t) else "GPE"
            return [Span(doc, head.start, head.end, label=label), Span(doc, rest.start, rest.end, label="PERSON")]
    return [ent]


def _split_coordination(parts: list[Span]) -> list[Span]:
    out: list[Span] = []
    for ent in parts:
        out.extend(_split_one_coordination(ent))
    return out


def _split_one_coordination(ent: Span) -> list[Span]:
    """ "Crete and Cyprus" (one ORG) -> two places, when at least one part is a known place."""
    doc = ent.doc
    cuts = [t.i for t in ent if t.lower_ in ("and", "or", "&", ",") and ent.start < t.i < ent.end - 1]
    if not cuts:
        return [ent]
    segments: list[Span] = []
    start = ent.start
    for c in cuts:
        if c > start:
            segments.append(Span(doc, start, c))
        start = c + 1
    if start < ent.end:
        segments.append(Span(doc, start, ent.end))
    if len(segments) < 2 or any(len(s) > 3 or not s.text[:1].isupper() for s in segments):
        return [ent]
    known = [bool(gz.nation_of(s.text) or gz.place_nation(s.text, 100_000)) for s in segments]
    if not any(known):
        return [ent]
    return [Span(doc, s.start, s.end, label="GPE" if k else "LOC") for s, k in zip(segments, known)]


def _cut_heading_entity(ent: Span) -> Span:
    """In a title-case line, "European Ministers Challenge" -> "European"; other long entities kept."""
    if ent.label_ in ("GPE", "NORP", "LOC") or len(ent) < 2:
        return ent
    doc = ent.doc
    for n in range(len(ent) - 1, 0, -1):
        head = Span(doc, ent.start, ent.start + n)
        t = head.text
        if gz.country_code(t) or gz.capital_nation(t):
            return Span(doc, head.start, head.end, label="GPE")
        if gz.demonym_nation(t):
            return Span(doc, head.start, head.end, label="NORP")
        if gz.kind_of(t) == "body":
            aff = gz.affiliation_of(t)
            if aff in gz.REGIONS:
                label = "NORP" if gz.fold(t).endswith(("an", "ans")) else "LOC"
            else:
                label = "ORG"
            return Span(doc, head.start, head.end, label=label)
    return ent


# -- relabelling -------------------------------------------------------------

def _relabel(ent: Span, doc: "Doc") -> Span:
    honoured = _after_honorific(ent)
    if honoured is not None:
        return honoured
    label = ent.label_
    text = ent.text
    new = label
    if label == "PERSON":
        new = _person_relabel(ent, doc)
    elif label in ("GPE", "LOC"):
        if gz.demonym_nation(text) and not gz.country_code(text):
            new = "NORP"
        elif gz.affiliation_of(text) and not gz.nation_of(text) and gz.affiliation_of(text) not in gz.REGIONS:
            new = "ORG"
    elif label in ("ORG", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE", "FAC"):
        if label == "ORG" and _person_typed_org(ent, doc):
            new = "PERSON"
        elif gz.country_code(text) or (gz.capital_nation(text) and not gz.seat_nation(text)):
            new = "GPE"
        elif gz.demonym_nation(text) and label != "LANGUAGE":
            new = "NORP"
    elif label == "NORP":
        if gz.country_code(text) and not gz.demonym_nation(text) and not text.endswith("s"):
            new = "GPE"
    if new == label:
        return ent
    return Span(doc, ent.start, ent.end, label=new)


def _person_typed_org(ent: Span, doc: "Doc") -> bool:
    """ "Tomasz Kubiak, a fire officer" typed ORG: a person's name with a person's title or apposition.

    Two or three capitalised words led by a given name that is no everyday word, ending in no
    organisation word, with a role word right before it or a ", a/the … <role>" apposition right
    after it. Firms named after people ("Morgan Stanley said") have neither.
    """
    if not 2 <= len(ent) <= 3 or not all(t.is_title for t in ent) or not _given(ent[0].text) \
            or not _surname(ent[-1].text) or gz.words().company_forms & {gz.fold(t.text) for t in ent}:
        return False
    words = gz.words()
    prev = doc[ent.start - 1] if ent.start > 0 else None
    if prev is not None and (words.is_role_word(prev.text) or gz.fold(prev.text) in words.honorifics):
        return True
    after = doc[ent.end:ent.end + 6]
    if len(after) >= 2 and after[0].text == ",":
        for t in after[1:]:
            if t.text in (",", ".", ";"):
                break
            if t.pos_ == "NOUN" and words.is_role_word(t.text):
                return True
    return False


def _after_honorific(ent: Span) -> Span | None:
    """ "Mr Hargreaves" tagged ORG or GPE: an honorific right before (or opening) a name makes it a person."""
    doc = ent.doc
    honorifics = gz.words().honorifics
    if ent.label_ == "PERSON":
        return None
    if len(ent) >= 2 and gz.fold(ent[0].text) in honorifics:
        rest = Span(doc, ent.start + 1, ent.end)
        if is_name_shaped(rest):
            return Span(doc, rest.start, rest.end, label="PERSON")
        return None
    if ent.start > 0 and gz.fold(doc[ent.start - 1].text) in honorifics and len(ent) <= 3 and is_name_shaped(ent):
        return Span(doc, ent.start, ent.end, label="PERSON")
    return None


def _person_relabel(ent: Span, doc: "Doc") -> str:
    text = ent.text
    words = gz.words()
    nxt = doc[ent.end] if ent.end < len(doc) else None
    prev = doc[ent.start - 1] if ent.start > 0 else None
    if nxt is not None and nxt.is_lower and gz.fold(nxt.text) in words.place_heads:
        return "GPE"  # "Maidan Wardak province"
    if prev is not None and prev.is_lower and prev.pos_ == "NOUN" and gz.fold(prev.text) in words.non_person_heads:
        return "ORG"  # "the party Civic Platform", "storm Ciara"
    if prev is not None and prev.is_title and gz.fold(prev.text) in words.event_heads and \
            gz.fold(prev.text) in words.non_person_heads:
        return "EVENT"  # "Hurricane Humberto", "Tropical Storm Humberto": the storm, not a person
    last = gz.fold(ent[-1].text)
    if len(ent) >= 2 and (last in words.org_heads or last in words.facility_heads):
        return "FAC" if last in words.facility_heads else "ORG"
    if len(ent) >= 2 and gz.fold(ent[0].text) in words.event_heads:
        return "EVENT"  # "Hurricane Humberto", "Operation Barbarossa"
    if len(ent) == 1:
        tok = ent[0]
        letters = re.sub(r"[^A-Za-z]", "", tok.text)
        if len(letters) >= 2 and letters.isupper() and not _mostly_upper(doc):
            return "ORG"
        if _CAMEL.match(tok.text) and not gz.fold(tok.text).startswith(words.camel_prefixes):
            return "ORG"
    if gz.country_code(text):
        return "GPE"
    if gz.demonym_nation(text):
        return "NORP"
    if _used_as_name(ent, doc):
        return "PERSON"
    if gz.capital_nation(text) or gz.place_nation(text, 1_000_000):
        return "GPE"
    if gz.seat_nation(text):
        return "FAC"
    return "PERSON"


def _used_as_name(ent: Span, doc: "Doc") -> bool:
    """Whether the text itself shows a place-looking word is a person's name here."""
    words = gz.words()
    prev = doc[ent.start - 1] if ent.start > 0 else None
    nxt = doc[ent.end] if ent.end < len(doc) else None
    if prev is not None and (gz.fold(prev.text) in words.honorifics or words.is_role_word(prev.text)):
        return True
    if nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper() and nxt.ent_type_ in ("", "PERSON"):
        return True
    if len(ent) == 1:
        key = gz.fold(ent.text)
        for other in doc.ents:
            if other.label_ == "PERSON" and len(other) >= 2 and other.start != ent.start \
                    and gz.fold(other[-1].text) == key:
                return True
        root = ent.root
        if root.dep_ in ("nsubj",) and root.head.lemma_ in ("say", "tell", "add", "write", "tweet"):
            return True
    return False


def _mostly_upper(doc: "Doc") -> bool:
    alpha = [t for t in doc if t.is_alpha]
    return bool(alpha) and sum(1 for t in alpha if t.is_upper) / len(alpha) > 0.5


# -- name shape and context ----------------------------------------------------

def is_name_shaped(span: Span) -> bool:
    """1-4 capitalised word tokens (particles allowed) that are not a place, body or institution."""
    words = gz.words()
    toks = [t for t in span if not (t.text in "-\u2010" or t.tag_ == "HYPH")]
    if not 1 <= len(toks) <= 5:
        return False
    caps = 0
    for t in toks:
        w = gz.fold(t.text)
        if w in words.name_particles:
            continue
        if not t.text[:1].isupper() or not re.match(r"^[^\W\d_][\w'\u2019.-]*$", t.text):
            return False
        if w in words.org_heads or w in words.facility_heads or words.is_role_word(t.text):
            return False
        if t.is_upper and len(t.text) > 1 and not t.text.endswith("."):
            return False
        caps += 1
    if caps == 0:
        return False
    text = span.text
    return not (gz.nation_of(text) or gz.affiliation_of(text) or gz.place_nation(text, 100_000))


def title_before(doc: "Doc", start: int, max_tokens: int = 8) -> int | None:
    """Index of a title word ending the phrase right before ``start`` ("Ambassador to the UN ___")."""
    words = gz.words()
    i = start - 1
    seen = 0
    while i >= 0 and seen < max_tokens:
        tok = doc[i]
        if words.is_role_word(tok.text):
            return i
        if tok.is_punct or tok.pos_ in ("VERB", "AUX", "PRON", "NUM") or tok.is_sent_end:
            return None
        if not (tok.ent_type_ or tok.lower_ in ("of", "to", "for", "the") or words.is_role_modifier(tok.text)
                or tok.text in _POSSESSIVE):
            return None
        i -= 1
        seen += 1
    return None


def _person_by_context(span: Span, spans: list[Span]) -> Span:
    """A name-shaped non-PERSON entity that the context shows to be a person becomes PERSON."""
    if span.label_ in NON_ACTOR_LABELS or span.label_ in ("PERSON", "NORP", "LOC") or len(span) < 2:
        return span
    if not is_name_shaped(span):
        return span
    doc = span.doc
    person = False
    if title_before(doc, span.start) is not None:
        person = True
    else:
        root = span.root
        persons = [s for s in spans if s.label_ == "PERSON"]
        for p in persons:
            pr = p.root
            if (root.dep_ in ("conj", "appos") and p.start <= root.head.i < p.end) or \
                    (pr.dep_ in ("conj", "appos") and span.start <= pr.head.i < span.end):
                person = True
                break
    if not person:
        return span
    return Span(doc, span.start, span.end, label="PERSON")


def _non_overlapping(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    last_end = -1
    for s in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if s.start >= last_end and s.end > s.start:
            out.append(s)
            last_end = s.end
    return out
