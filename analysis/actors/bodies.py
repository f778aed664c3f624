"""Bodies: states, places, organisations and other entities, each cluster keyed by its id and nation.

A state's names, codes, demonyms, capital and seat share the key ``GPE:<ISO>``;
an acronym joins the long form it abbreviates ("SDF" and "Syrian Democratic Forces").
"""
from __future__ import annotations

import re

from ..lexicon import gazetteer as gz
from ..lexicon import politics
from ..lexicon.names import slug as slugify
from .drafts import Cluster, RawMention
from .mentions import ACTOR_LABELS
from .names import POSSESSIVE, initials, is_acronym, strip_the

_ORGAN_WORDS = {"council", "commission", "parliament", "assembly", "court", "committee", "agency", "bank"}


def other_clusters(raws: list[RawMention]) -> list[Cluster]:
    """One cluster per state, place, body or organisation key; heading-only organisations are dropped."""
    clusters: dict[str, Cluster] = {}
    org_long: dict[str, str] = {}  # acronym -> key of the long form it abbreviates
    body_raws = [r for r in raws if r.kind != "person" and not r.dropped]
    for r in body_raws:
        if r.kind == "org" and not is_acronym(r.text):
            ini = initials(r.text)
            if len(ini) >= 2:
                org_long.setdefault(ini, "ORG:" + slugify(strip_the(r.text)))
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
            c = clusters[key] = Cluster(key=key, kind=kind, label=label, name=name, nation=nation, affiliation=aff)
        elif is_acronym(c.name) and not is_acronym(name) and kind == "org":
            c.name = name  # "SDF" seen first: the long form still names the actor
        c.nation = c.nation or nation
        c.mentions.append(r)
    for c in clusters.values():
        if c.kind == "org" and _the_in_name(c):
            c.name = f"The {strip_the(c.name)}"
    return _merge_bare_heads(_merge_party_variants(list(clusters.values())))


#: organisation-name heads that name a place, an event or a text rather than a body
_NOT_BODY_HEADS = frozenset({
    "state", "states", "city", "county", "province", "republic", "kingdom", "island", "islands", "sea", "river",
    "lake", "valley", "bay", "beach", "mountain", "mountains", "forest", "desert", "ocean", "reef", "glacier",
    "volcano", "park", "square", "street", "road", "avenue", "highway", "motorway", "canal", "tunnel", "bridge",
    "harbor", "harbour", "port", "war", "games", "cup", "award", "prize", "act", "bill", "law", "treaty", "accord",
    "agreement", "championship", "festival", "summit", "conference", "olympics"})


def _merge_bare_heads(clusters: list[Cluster]) -> list[Cluster]:
    """ "the Nevada Department of Corrections … the Department said": a body named by its head
    word alone is the one organisation named before whose name holds that word.

    Only an organisation word ("Department", "Ministry", "Commission") written alone, and only when
    exactly one organisation of the article has it in its name and is named first.
    """
    heads = gz.words().org_heads - _NOT_BODY_HEADS
    merged: set[int] = set()
    for bare in clusters:
        name = gz.fold(strip_the(bare.name or ""))
        if bare.kind != "org" or bare.label != "ORG" or " " in name or name not in heads or not bare.mentions:
            continue
        first = min(r.start for r in bare.mentions)
        owners = [c for c in clusters if c is not bare and c.kind == "org" and c.label == "ORG" and id(c) not in merged
                  and name in (words := gz.fold(strip_the(c.name or "")).split()) and len(words) > 1]
        owners = [c for c in owners if c.mentions and min(r.start for r in c.mentions) < first]
        if len(owners) != 1:
            continue
        owner = owners[0]
        for r in bare.mentions:
            r.key = owner.key
        owner.mentions.extend(bare.mentions)
        merged.add(id(bare))
    return [c for c in clusters if id(c) not in merged]


def _the_in_name(c: Cluster) -> bool:
    """ "according to The Guardian": a capital "The" inside a sentence is part of the name.

    Only where no mention has a lower-case "the" before it ("the Guardian"), so the name is
    the one the text writes.
    """
    capital = False
    for r in c.mentions:
        doc, start = r.span.doc, r.span.start
        first = doc[start]
        the = first if first.lower_ == "the" else (doc[start - 1] if start > 0 and doc[start - 1].lower_ == "the"
                                                    else None)
        if the is None:
            continue
        if the.text == "the":
            return False
        if the.text == "The" and not the.is_sent_start and not r.heading:
            capital = True
    return capital


def name_stem(name: str) -> str:
    """ "the Labour Party" -> "labour", "Lib Dems" -> "lib dem", "Tories" -> "tory"."""
    words = gz.fold(strip_the(name)).split()
    if len(words) > 1 and words[-1] == "party":
        words = words[:-1]
    if words:
        last = words[-1]
        words[-1] = last[:-3] + "y" if last.endswith("ies") and len(last) > 4 else \
            last[:-1] if last.endswith("s") and not last.endswith("ss") and len(last) > 3 else last
    return " ".join(words)


def _merge_party_variants(clusters: list[Cluster]) -> list[Cluster]:
    """One actor for a party's name variants: "Labour" and "the Labour Party", "Lib Dems" and "Lib Dem".

    Organisations and groups (not states or places) whose names differ only by "Party" or a plural
    ending are one body; the party's full name names it.
    """
    groups: dict[str, list[Cluster]] = {}
    for c in clusters:
        if c.label in ("ORG", "NORP") and c.kind in ("org", "other") and not gz.demonym_nation(c.name or ""):
            known = politics.party(c.name)
            groups.setdefault(f"party:{known.name}" if known else name_stem(c.name or ""), []).append(c)
    merged: set[int] = set()
    for stem, group in groups.items():
        if stem.startswith("party:"):
            merged |= _one_party(stem[len("party:"):], group)
            continue
        if len(group) < 2 or not stem:
            continue
        names = [gz.fold(strip_the(c.name or "")) for c in group]
        if not (any(n.endswith(" party") for n in names) or len(set(names)) > 1):
            continue
        head = next((c for c, n in zip(group, names) if n.endswith(" party")), group[0])
        if gz.fold(strip_the(head.name or "")).endswith(" party"):
            head.label, head.kind = "ORG", "org"  # "Republicans" and "the Republican Party": the party
        elif len({c.label for c in group}) > 1:
            continue  # "Marines" (a group) and "Marine" (a body) differ in more than the plural
        for c in group:
            if c is head:
                continue
            for r in c.mentions:
                r.key = head.key
            head.mentions.extend(c.mentions)
            head.nation = head.nation or c.nation
            head.affiliation = head.affiliation or c.affiliation
            merged.add(id(c))
    return [c for c in clusters if id(c) not in merged]


def _one_party(party_name: str, group: list[Cluster]) -> set[int]:
    """ "the Tories", "Conservatives" and "the Conservative Party": one actor, the party WordNet names.

    The party is an organisation keyed by WordNet's name, so that every article's "Tories" is the
    same actor; it is named by the article's own "... Party" form when there is one. Returns the
    ids of the clusters merged into it.
    """
    names = [gz.fold(strip_the(c.name or "")) for c in group]
    head = next((c for c, n in zip(group, names) if n.endswith(" party")), group[0])
    head.key, head.label, head.kind = f"ORG:{slugify(party_name)}", "ORG", "org"
    if not gz.fold(strip_the(head.name or "")).endswith(" party"):
        head.name = party_name
    for c in group:
        for r in c.mentions:
            r.key = head.key
        if c is not head:
            head.mentions.extend(c.mentions)
            head.nation = head.nation or c.nation
    return {id(c) for c in group if c is not head}


def _other_key(r: RawMention, org_long: dict[str, str]) -> tuple[str, str, str, str, str | None, str | None]:
    """(key, canonical name, kind, type, nation, affiliation) of a non-person mention."""
    t = r.text
    bare = strip_the(t)
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
        if is_acronym(t) and t.replace(".", "") in org_long:
            key = org_long[t.replace(".", "")]
            return key, bare, "org", "ORG", _org_nation(r), gz.affiliation_of(t)
        return f"ORG:{slugify(bare)}", bare, "org", "ORG", _org_nation(r), gz.affiliation_of(t)
    label = r.label if r.label in ACTOR_LABELS else "ORG"
    nation = gz.place_nation(t) if label in ("GPE", "LOC", "FAC") else None
    return f"{label}:{slugify(bare)}", bare, "other", label, nation, None


def _org_nation(r: RawMention) -> str | None:
    """A state named inside an organisation's name or right before it ("the US Embassy", "Brazil's ...")."""
    inst = gz.institution_nation(r.text)
    if inst:
        return inst
    words = strip_the(r.text).split()
    for n in range(min(3, len(words) - 1), 0, -1):
        code = gz.country_code(" ".join(words[:n])) or gz.demonym_nation(" ".join(words[:n]))
        if code:
            return code
    m = re.search(r"\bof (?:the )?(.+)$", strip_the(r.text))
    if m and gz.country_code(m.group(1)):
        return gz.country_code(m.group(1))
    span = r.span
    doc = span.doc
    if span.start >= 2 and doc[span.start - 1].text in POSSESSIVE:
        prev = doc[span.start - 2]
        if prev.ent_type_ in ("GPE", "NORP"):
            ent = next((e for e in doc.ents if e.start <= prev.i < e.end), None)
            if ent is not None:
                return gz.country_code(ent.text)
    return None
