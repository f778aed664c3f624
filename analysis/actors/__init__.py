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

The modules, in the order the resolution uses them:

- ``names``: name words, folding, bare forms, initials, acronyms;
- ``drafts``: the working records (raw mentions, evidence, clusters);
- ``mentions``: collecting and classifying the entities of every block;
- ``people``: person clusters, surnames, ambiguity, things named like people;
- ``bodies``: states, places, organisations and their keys and nations;
- ``titles``: the title phrase before a name and its role text;
- ``evidence``: premodifiers, appositions and "of" phrases of one mention;
- ``constructions``: "respectively", "under", "A and <title> B";
- ``gender``: honorifics, gendered titles and pronoun votes;
- ``attributes``: each person's nation, affiliation, role and gender chosen;
- ``output``: the ``Actor``/``Mention`` records, and the bare-entity fallback;
- ``linking``: matching actors across articles;
- ``nominals``: "the prime minister" after "Tony Blair" gives him that role (a step of its own:
  ``roles_from_nominals``);
- ``setting``: the story's setting (dateline, outlet, or the country its evidence points to);
- ``placing``: the nations the setting and the actors' own hooks (body, party, office, another
  person) imply for those the text leaves unplaced (a step of its own, after resolution:
  ``infer_nations``);
- ``memory``: across articles, what one states about an actor completes the others (``share_nations``).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..lexicon.names import slug as slugify
from ..records import Actor, Mention
from .attributes import attach_person_attributes
from .bodies import other_clusters
from .evidence import direct_evidence
from .linking import link_across, link_keys
from .mentions import ACTOR_LABELS, collect_mentions
from .output import bare_entity_actors, to_records
from .people import absorb_surnames, drop_things_named_like_people, person_clusters, settle_ambiguous_by_title
from .memory import persons_without_evidence, retype_by_corpus, share_nations
from .nominals import nations_from_nominals, roles_from_nominals
from .placing import infer_nations
from .setting import story_setting

if TYPE_CHECKING:  # pragma: no cover
    from ..parsed import ParsedArticle

__all__ = ["ACTOR_LABELS", "bare_entity_actors", "infer_nations", "link_across", "link_keys",
           "persons_without_evidence", "resolve_actors", "retype_by_corpus", "roles_from_nominals", "nations_from_nominals", "share_nations",
           "slugify", "story_setting"]


def resolve_actors(parsed: "ParsedArticle") -> tuple[list[Actor], list[Mention]]:
    """Every chartable entity mention of an article, merged into canonical actors.

    Returns the actors (first-mention order) and the mentions (text order), each
    mention's ``actor_id`` pointing at one of the actors. An article with no
    blocks or no entities gives two empty lists. An error in the rules is not
    caught here: the pipeline records it as the article's problem and falls back
    to ``bare_entity_actors``.
    """
    raws = collect_mentions(parsed)
    if not raws:
        return [], []
    persons = person_clusters(raws)
    for c in persons:
        for r in c.mentions:
            if not r.dropped:
                r.evidence = direct_evidence(parsed, r, raws)  # raws: the article-wide reading
    persons = drop_things_named_like_people(parsed, persons, raws)
    others = absorb_surnames(persons, other_clusters(raws))
    attach_person_attributes(parsed, persons)
    settle_ambiguous_by_title(persons)
    return to_records(parsed, persons + others)
