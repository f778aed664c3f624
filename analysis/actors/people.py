"""People: person mentions merged into clusters (full names, surnames, first names), ambiguity, and look-alikes.

A bare surname shared by two people stays apart and is flagged ``ambiguous``
unless its own title settles it; full names the article treats as things
("the Hagia Sophia") are handed back to the organisations and places.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import TYPE_CHECKING

from ..lexicon import gazetteer as gz
from ..lexicon import politics
from ..lexicon.common_words import all_common, common_nouns, plural_nouns
from ..lexicon.first_names import is_first_name
from ..lexicon.words import speech_verbs
from ..lexicon.names import slug as slugify
from .drafts import Cluster, RawMention
from .mentions import classify_other
from .names import POSSESSIVE, clean_name, fold_words, is_full_name, is_particle, name_words, same_full_name, strip_the

if TYPE_CHECKING:  # pragma: no cover
    from ..parsed import ParsedArticle

_TIME_MODIFIERS = {"former", "ex", "ex-", "then", "late", "outgoing", "incoming", "acting", "interim", "current", "new",
                   "the", "a", "an"}


def person_clusters(raws: list[RawMention]) -> list[Cluster]:
    """The article's people: one cluster per full name, surnames and first names joined to their one owner.

    Mentions that are not names, heading names the paragraphs never give, and
    one-word names never used as a person's are dropped.
    """
    people = [r for r in raws if r.kind == "person" and r.words]
    for r in people:
        if _not_a_name(r):
            r.dropped = True
    people = [r for r in people if not r.dropped]
    body = [r for r in people if not r.heading]
    full = sorted({r.words for r in body if is_full_name(r.words)}, key=lambda w: (-len(w), w))
    clusters: list[Cluster] = []
    for w in full:
        for c in clusters:
            if same_full_name(c.words, w):
                break
        else:
            clusters.append(Cluster(key="", kind="person", label="PERSON", words=w))
    surnames = {c.words[-n:] for c in clusters for n in range(1, len(c.words))}

    def owners(words: tuple[str, ...]) -> list[Cluster]:
        if is_full_name(words):
            return [c for c in clusters if same_full_name(c.words, words)]
        found = [c for c in clusters if len(c.words) > len(words) and c.words[-len(words):] == words]
        if not found and len(words) == 1 and words not in surnames:
            # "Tony" after "Tony Mendez": a first name alone, when one person has it and nobody's surname is it.
            found = [c for c in clusters if c.words[0] == words[0]]
            if len(found) > 1:
                return []
        if not found and len(words) == 1 and len(words[0]) > 3:
            # "Diane Abbot ... Abbott": a surname that differs only by a doubled letter, when one person has it
            found = [c for c in clusters if len(c.words) > 1 and _undoubled(c.words[-1]) == _undoubled(words[0])]
            if len(found) > 1:
                return []
        if not found and len(words) == 1:
            # "Marta Ibáñez Corral ... Ibáñez": the first of two surnames, when one person has it
            found = [c for c in clusters if len(c.words) > 2 and words[0] in c.words[1:-1]]
            if len(found) > 1:
                return []
        return found

    context = _SingleWordContext(raws)
    short: dict[tuple[str, ...], Cluster] = {}
    strong_short = {r.words for r in body if not is_full_name(r.words) and _strong_person_cue(r)}
    for r in people:
        found = owners(r.words)
        if len(found) == 1:
            found[0].mentions.append(r)
            continue
        if r.heading and not found:
            # A heading may only name someone the paragraphs name.
            if r.words not in short and not (not is_full_name(r.words) and r.words in strong_short):
                r.dropped = True
                continue
        if not found and not is_full_name(r.words):
            if r.words not in strong_short or context.not_a_person(r):
                r.dropped = True  # "wrote on Twitter", "the Max": one word, never acting as a person
                continue
        c = short.get(r.words)
        if c is None:
            c = Cluster(key="", kind="person", label="PERSON", words=r.words, ambiguous=len(found) > 1)
            c.candidates = found
            short[r.words] = c
        c.mentions.append(r)
    out = [c for c in clusters if c.mentions] + list(short.values())
    for c in out:
        c.name = _canonical_person_name(c)
        c.key = "PERSON:" + slugify(c.name)
    return out


def settle_ambiguous_by_title(persons: list[Cluster]) -> None:
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


def _not_a_name(r: RawMention) -> bool:
    """Shapes no person's name has: lower-case start, particles only, a common noun opening a sentence."""
    words = name_words(r.text)
    if not words:
        return True
    if all(is_particle(w) for w in words) or (len(words) == 1 and len(words[0].strip(".")) < 2):
        return True
    # "al-Eryani", "bin-Salman": a particle joined by a hyphen to a capitalised name
    for w in words:
        if is_particle(w):
            continue
        core = re.sub(r"^(?:[a-z]{1,3}[-\u2010'\u2019])+", "", w) or w
        if not core[:1].isupper():
            return True  # "square km", "A. millepora"
    return False


def _odd_single_word(r: RawMention) -> bool:
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

    def __init__(self, raws: list[RawMention]) -> None:
        self.labels: dict[str, Counter] = defaultdict(Counter)
        self.thing_words: set[str] = set()
        for r in raws:
            if r.heading:
                continue
            key = gz.fold(strip_the(r.text))
            self.labels[key][r.ner_label] += 1
            if r.kind != "person" and r.ner_label != "PERSON":
                ws = fold_words(strip_the(r.text).split())
                if len(ws) >= 2:
                    # "Mahan" beside "Mahan Air", "Humberto" beside "Hurricane Humberto"
                    self.thing_words.update(w for w in ws if len(w) > 2)
        for bd in {id(r.bd): r.bd for r in raws}.values():
            for e in bd.doc.ents:
                if e.label_ in ("EVENT", "FAC", "PRODUCT", "WORK_OF_ART", "LAW") and len(e) >= 2:
                    self.thing_words.update(w for w in fold_words(e.text.split()) if len(w) > 2)

    def not_a_person(self, r: RawMention) -> bool:
        key = gz.fold(strip_the(r.text))
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
        if key.endswith("s") and any(lab in ("ORG", "NORP") for lab in self.labels.get(key[:-1], {})):
            return True  # "Houthis"
        return False


def _titled(r: RawMention) -> bool:
    """A title or honorific right before the name ("President", "Mr")."""
    span = r.span
    doc = span.doc
    prev = doc[span.start - 1] if span.start > 0 else None
    words = gz.words()
    return prev is not None and (words.is_role_word(prev.text) or gz.fold(prev.text) in words.honorifics)


def drop_things_named_like_people(parsed: "ParsedArticle", persons: list[Cluster],
                                  raws: list[RawMention]) -> list[Cluster]:
    """Names that the article itself treats as things: "the Hagia Sophia", "Crew Dragon" beside "SpaceX Crew Dragon".

    Only full names with no title, honorific, nation, role or person-like use
    (speaking, a relative, a spokesperson) and never shortened to a surname are
    checked; their mentions become organisations or places instead.
    """
    others: list[tuple[str, ...]] = []
    for bd in parsed.block_docs:
        for e in bd.doc.ents:
            if e.label_ not in ("PERSON", "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "ORDINAL", "QUANTITY"):
                others.append(fold_words(strip_the(e.text).split()))
    label_votes: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    for r in raws:
        if not r.heading:
            label_votes[fold_words(name_words(r.text))][r.ner_label] += 1
    # the last words of full names: "Biden" beside "Joe Biden" and "Hunter Biden" is a surname
    surnames = {c.words[-1] for c in persons if len(c.words) > 1}
    surnames |= {o[-1] for o in (fold_words(name_words(r.text)) for r in raws if r.ner_label == "PERSON") if len(o) > 1}
    kept: list[Cluster] = []
    for c in persons:
        live = [r for r in c.mentions if not r.dropped]
        if live and any(_after_event_head(r) for r in live):
            _as_organisation(live)  # "Humberto, now officially Hurricane Humberto": the storm, every time
            continue
        if live and not given_name(c.words) and (_plural_head(c.words) or politics.party(" ".join(c.words))):
            _as_organisation(live)  # "Sioux Tribes of Fort Peck", "Lib Dems": groups, whatever describes them
            continue
        if not live or any(_person_evidence(e) for r in live for e in r.evidence):
            kept.append(c)
            continue
        if _company_named(c.words) or (not given_name(c.words) and (_plural_head(c.words) or _noun_first(c.words)
                                                                    or politics.party(" ".join(c.words)))):
            _as_organisation(live)  # "Human Rights Watch", "Vestey Group": a body's name, with no given name
            continue
        given = any(is_first_name(w) for w in c.words)
        if not given and len(c.words) == 1 and not c.ambiguous and c.words[0] not in surnames \
                and not any(_titled(r) for r in live):
            # "Yukos said", "a Lib Dem spokesman": firms and parties speak and have spokespeople too; a
            # one-word name that is no given name and never has a title is not shown to be a person
            _as_organisation(live)
            continue
        if not given and not any(_titled(r) for r in live) and all(_names_a_role_holder(r) for r in live):
            _as_organisation(live)  # "a Lib Dem spokesman", "the Yukos chairman": the body the role belongs to
            continue
        if any(_strong_person_cue(r) for r in live):
            kept.append(c)  # someone who speaks, or has a relative or a spokesperson, is a person
            continue
        if c.ambiguous or any(r.words != c.words for r in live):
            kept.append(c)  # a surname used alone is a person's
            continue
        if not given and all_common(c.words) and not any(_titled(r) for r in live):
            # "Western Native Voice", "Crow Tribe": everyday words with no given name among them, no title,
            # no pronoun, never a speaker nor shortened to a surname show no person behind them
            _as_organisation(live)
            continue
        if not _used_as_a_thing(c.words, live, others, label_votes):
            kept.append(c)
            continue
        _as_organisation(live)
    return kept


def _person_evidence(e) -> bool:
    """Evidence that shows a person: a role, nation, body, gender or chain, but not "director of X".

    A role that ends in "of" or a possessive ("founder of Pogue Construction", "director of
    Argentina's Amnesty International") names the body it belongs to, not the person.
    """
    last = gz.fold(e.role).split()[-1:] if e.role else []
    if last == ["of"] or (last and re.search(r"['’]s?$", last[0])):  # "director of Argentina's"
        return bool(e.gender or e.chain)
    return bool(e.role or e.nation or e.affiliation or e.gender or e.chain)


def given_name(words: tuple[str, ...]) -> bool:
    return any(is_first_name(w) for w in words)


def _plural_head(words: tuple[str, ...]) -> bool:
    """A name ending in a plural common noun ("Sioux Tribes", "Protection Units") names a group."""
    return len(words) > 1 and words[-1] in plural_nouns()


def _after_event_head(r: RawMention) -> bool:
    """A mention led by, or right after, a storm or operation word ("Hurricane Humberto", "storm Ciara")."""
    doc, start = r.span.doc, r.span.start
    heads = gz.words().event_heads & gz.words().non_person_heads
    first = gz.fold(doc[start].text)
    prev = gz.fold(doc[start - 1].text) if start > 0 else ""
    return first in heads or prev in heads


def _noun_first(words: tuple[str, ...]) -> bool:
    """A name led by an everyday noun that is no title ("Hurricane Humberto", "Operation Ivy") names a thing."""
    if len(words) < 2:
        return False
    first = words[0]
    w = gz.words()
    return first in common_nouns() and not w.is_role_word(first) and first not in w.honorifics


def _as_organisation(live: list[RawMention]) -> None:
    for r in live:
        r.kind = "org"
        r.label = "ORG" if r.ner_label == "PERSON" else r.ner_label
        classify_other(r)


def _names_a_role_holder(r: RawMention) -> bool:
    """The name stands right before a role noun, as a body's name does: "Lib Dem spokesman"."""
    doc = r.span.doc
    nxt = doc[r.span.end] if r.span.end < len(doc) else None
    return nxt is not None and nxt.pos_ == "NOUN" and gz.words().is_role_word(nxt.text)


def _company_named(words: tuple[str, ...]) -> bool:
    """A name with a company or campaign-group form ("plc", "Group", "Watch") and no given name in it."""
    forms = gz.words().company_forms
    return any(w in forms for w in words[1:]) and not any(is_first_name(w) for w in words)


def _used_as_a_thing(words: tuple[str, ...], live: list[RawMention], others: list[tuple[str, ...]],
                     label_votes: dict[tuple[str, ...], Counter]) -> bool:
    """Whether the article uses a full name as a thing's: after "the", inside another name, or mostly not as PERSON."""
    for r in live:
        doc = r.span.doc
        prev = doc[r.span.start - 1] if r.span.start > 0 else None
        nxt = doc[r.span.end] if r.span.end < len(doc) else None
        if prev is not None and prev.tag_ == "DT" and prev.lower_ in ("the", "a", "an") and \
                not (nxt is not None and nxt.pos_ == "NOUN"):  # "the Turpin family" is still people
            return True
    n = len(words)
    heads = gz.words().org_heads | gz.words().facility_heads
    # "Crew Dragon" inside "SpaceX Crew Dragon"; but "Nelson Mandela Foundation" is named after a person.
    for o in others:
        for i in range(len(o) - n + 1):
            if len(o) > n and o[i:i + n] == words and (i + n == len(o) or o[i + n] not in heads):
                return True
    votes = label_votes.get(words, Counter())
    person_votes = votes.get("PERSON", 0)
    return sum(votes.values()) - person_votes > person_votes


def _canonical_person_name(c: Cluster) -> str:
    forms = Counter(clean_name(r.text) for r in c.mentions if not r.heading) or \
        Counter(clean_name(r.text) for r in c.mentions)
    best = max(forms.items(), key=lambda kv: (len(kv[0].split()), any(ord(ch) > 127 for ch in kv[0]), kv[1],
                                              -_first_offset(c, kv[0])))
    return best[0]


def _first_offset(c: Cluster, form: str) -> int:
    return min((r.start for r in c.mentions if clean_name(r.text) == form), default=0)


def _strong_person_cue(r: RawMention) -> bool:
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
    if root.dep_ in ("nsubj", "nsubjpass", "agent") and root.head.lemma_.lower() in speech_verbs():
        return True
    if root.dep_ == "poss" and gz.fold(root.head.text) in words.kinship_heads:
        return True  # "Mugabe's wife", "Biden's campaign"
    if span.end + 1 < len(doc) and doc[span.end].text in POSSESSIVE and \
            gz.fold(doc[span.end + 1].text) in words.kinship_heads:
        return True
    for ch in root.children:
        if ch.dep_ == "appos" and words.is_role_word(ch.text):
            return True
    if root.dep_ == "appos" and words.is_role_word(root.head.text):
        return True
    return False


def _undoubled(word: str) -> str:
    """A word with its doubled letters single: "abbott" and "abbot" are one spelling."""
    return re.sub(r"(.)\1+", r"\1", word)


def absorb_surnames(persons: list[Cluster], others: list[Cluster]) -> list[Cluster]:
    """A bare surname the model typed ORG that speaks like a person joins the one person of that surname.

    "Ben Radmall ... Radmall said": one person, never split across types. A surname shared by two
    people, or one that never speaks, is titled or has a spokesperson, stays as it was ("Ford").
    """
    by_surname: dict[str, list[Cluster]] = defaultdict(list)
    for c in persons:
        if len(c.words) > 1:
            by_surname[c.words[-1]].append(c)
    kept: list[Cluster] = []
    for o in others:
        live = [r for r in o.mentions if not r.dropped]
        words = fold_words(name_words(o.name or ""))
        owners = by_surname.get(words[0], []) if len(words) == 1 else []
        if o.kind == "org" and len(owners) == 1 and live and any(_strong_person_cue(r) for r in live):
            person = owners[0]
            for r in live:
                r.kind, r.label, r.words = "person", "PERSON", words
            person.mentions.extend(live)
            continue
        kept.append(o)
    return kept
