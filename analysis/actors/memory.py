"""Corpus memory: what one article states about an actor holds for the same actor in the others.

"US President Barack Obama" in one article gives Obama his nation in another
that only says "President Barack Obama". The same actor is found by id, or by
the cross-article linking rules (``linking``). A nation another article states
("corpus") is stronger than one this article only inferred from its setting,
and never replaces one this article states; when articles state different
nations, each keeps its own and the disagreement is listed on the actor
(``nation_conflicts``), never hidden. The analyst's corrections, applied in the
store, stay above all of these.

``share_nations`` returns new ``ArticleAnalysis`` records; it edits none.
"""
from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass
from typing import Mapping, Sequence

from ..lexicon.first_names import is_first_name
from ..lexicon.names import slug as slugify
from ..records import Actor, ArticleAnalysis
from .linking import link_across, link_keys
from .placing import non_state_body

#: Actor types whose nation can travel between articles (places and states carry their own).
MEMORY_TYPES = frozenset({"PERSON", "ORG", "NORP"})


@dataclass(frozen=True)
class Statement:
    """One article's words that state an actor's nation."""

    actor_id: str
    name: str
    type: str
    nation: str
    article: str  # the article's id
    title: str  # how the reason names the article
    evidence: str | None

    def describe(self) -> str:
        words = f": “{self.evidence}”" if self.evidence else ""
        return f"stated in “{self.title}”{words}"


def _statements(analyses: Sequence[ArticleAnalysis]) -> dict[str, list[Statement]]:
    stated: dict[str, list[Statement]] = defaultdict(list)
    for an in analyses:
        for a in an.actors:
            if a.type in MEMORY_TYPES and a.nation and a.nation_basis == "stated":
                title = an.article.title or an.article.source or an.article.id
                stated[a.id].append(Statement(a.id, a.name, a.type, a.nation, an.article.id, title, a.evidence))
    return stated


def _same_actor(a: Actor, stated: dict[str, list[Statement]], by_key: dict[str, set[str]]) -> str | None:
    """The id under which the corpus states this actor's nation: its own, or a linked one."""
    if a.id in stated:
        return a.id
    ids = set().union(*(by_key.get(k, set()) for k in link_keys(a.name, a.type)))
    known = [(i, stated[i][0].name, stated[i][0].type) for i in sorted(ids)]
    return link_across(known, a) if known else None


def _remembered(a: Actor, others: list[Statement]) -> Actor:
    nations = sorted({s.nation for s in others})
    if a.nation_basis == "stated":
        clash = [s for s in others if s.nation != a.nation]
        return dataclasses.replace(a, nation_conflicts=[f"{s.nation}: {s.describe()}" for s in clash]) if clash \
            else a
    if len(nations) > 1:  # the corpus disagrees with itself: say so, and keep what this article had
        return dataclasses.replace(a, nation_conflicts=[f"{s.nation}: {s.describe()}" for s in others])
    first = others[0]
    reason = first.describe()
    if a.nation and a.nation != first.nation:
        reason += f" (this article's setting suggested {a.nation})"
    return dataclasses.replace(a, nation=first.nation, nation_basis="corpus", nation_reason=reason)


def _descriptions(analyses: Sequence[ArticleAnalysis]) -> dict[str, tuple[str | None, str | None]]:
    """Per person id, the role and affiliation the articles state (the first article that states each)."""
    out: dict[str, tuple[str | None, str | None]] = {}
    for an in analyses:
        for a in an.actors:
            if a.type != "PERSON" or not (a.role or a.affiliation):
                continue
            role, aff = out.get(a.id, (None, None))
            out[a.id] = (role or a.role, aff or a.affiliation)
    return out


def _described(a: Actor, known: dict[str, tuple[str | None, str | None]]) -> Actor:
    """A person with no role or affiliation here takes the one another article gives them."""
    if a.type != "PERSON" or a.id not in known or (a.role and a.affiliation):
        return a
    role, aff = known[a.id]
    out = dataclasses.replace(a, role=a.role or role, affiliation=a.affiliation or aff)
    if not a.affiliation and aff and non_state_body(aff) and a.nation_basis == "inferred" \
            and (a.nation_reason or "").startswith("named in a story set in"):
        # the setting's weakest guess gives way: the person belongs to an international body
        out = dataclasses.replace(out, nation=None, nation_basis=None, nation_reason=None)
    return out


#: Per name slug, how many articles type it ORG and how many PERSON.
TypeVotes = dict[str, dict[str, set[str]]]


def _types_elsewhere(analyses: Sequence[ArticleAnalysis]) -> TypeVotes:
    """Per name slug, the articles that type it ORG and those that type it PERSON."""
    out: TypeVotes = defaultdict(lambda: {"ORG": set(), "PERSON": set()})
    for an in analyses:
        for a in an.actors:
            if a.type in ("ORG", "PERSON"):
                out[slugify(a.name)][a.type].add(an.article.id)
    return out


def _as_body(an: ArticleAnalysis, a: Actor, evidence: str) -> ArticleAnalysis:
    """The article again with person ``a`` retyped as the organisation the other articles call it."""
    new_id = f"ORG:{slugify(a.name)}"
    body = dataclasses.replace(a, id=new_id, type="ORG", role=None, gender=None, evidence=evidence)
    existing = next((x for x in an.actors if x.id == new_id), None)
    actors = [x for x in an.actors if x.id != a.id]
    if existing is None:
        actors.append(body)
    mentions = [dataclasses.replace(m, actor_id=new_id, label="ORG") if m.actor_id == a.id else m
                for m in an.mentions]
    quotes = [dataclasses.replace(q, targets=[dataclasses.replace(t, actor_id=new_id) if t.actor_id == a.id else t
                                              for t in q.targets]) for q in an.quotes]
    sentiments = [dataclasses.replace(x, actor_id=new_id) if x.actor_id == a.id else x for x in an.sentiments]
    return dataclasses.replace(an, actors=actors, mentions=mentions, quotes=quotes, sentiments=sentiments)


def persons_without_evidence(an: ArticleAnalysis) -> list[Actor]:
    """The people of an article with no person evidence of their own: no title, role, gender, stated
    nation, given name or statement. Only these may be retyped by what other articles say."""
    speakers = {q.speaker_id for q in an.quotes}
    return [a for a in an.actors
            if a.type == "PERSON" and not (a.role or a.gender or a.nation_basis == "stated" or a.id in speakers)
            # a given name is person evidence too ("Elijah Cummings" typed ORG elsewhere)
            and not any(is_first_name(w) for w in a.name.split())]


def retype_by_corpus(an: ArticleAnalysis, counts: Mapping[str, tuple[int, int]], where: str) -> ArticleAnalysis:
    """Retype as an organisation each person without person evidence whose name, by ``counts`` (per
    name slug: other articles typing it ORG, other articles typing it PERSON), more articles elsewhere
    type ORG than PERSON. ``where`` names the elsewhere in the evidence ("of the batch", "in the store")."""
    for a in persons_without_evidence(an):
        orgs, persons = counts.get(slugify(a.name), (0, 0))
        if orgs and orgs > persons:
            an = _as_body(an, a, f"typed an organisation in {orgs} other article(s) {where}")
    return an


def share_types(analyses: Sequence[ArticleAnalysis]) -> list[ArticleAnalysis]:
    """A name the other articles of a batch type ORG counts against a person here with no person evidence.

    "Dresdner Kleinwort Wasserstein" read as a person in one article is the bank when more of the
    other articles call it an organisation than a person, and this article gives it no title, role,
    gender, stated nation, given name or statement of its own. The store does the same through
    ``retype_by_corpus`` with its own counts.
    """
    votes = _types_elsewhere(analyses)
    out = []
    for an in analyses:
        here = an.article.id
        names = {slugify(a.name) for a in persons_without_evidence(an)} & votes.keys()
        counts = {k: (len(votes[k]["ORG"] - {here}), len(votes[k]["PERSON"] - {here})) for k in names}
        out.append(retype_by_corpus(an, counts, "of the batch"))
    return out


def share_nations(analyses: Sequence[ArticleAnalysis]) -> list[ArticleAnalysis]:
    """The analyses again, each actor's nation completed from what the other articles state.

    A person's role and affiliation, where this article gives none, come from another article
    that does ("Jens Stoltenberg" here, "NATO Secretary General Jens Stoltenberg" there). Types
    are shared first (``share_types``).
    """
    analyses = share_types(analyses)
    known = _descriptions(analyses)
    stated = _statements(analyses)
    by_key: dict[str, set[str]] = defaultdict(set)
    for actor_id, sts in stated.items():
        for k in link_keys(sts[0].name, sts[0].type):
            by_key[k].add(actor_id)
    out = []
    for an in analyses:
        here = an.article.id
        actors = []
        for a in an.actors:
            target = _same_actor(a, stated, by_key) if a.type in MEMORY_TYPES else None
            others = [s for s in stated.get(target, []) if s.article != here] if target else []
            actors.append(_described(_remembered(a, others) if others else a, known))
        changed = {a.id: a.nation for a, b in zip(actors, an.actors) if a.nation != b.nation}
        quotes = [dataclasses.replace(q, speaker_nation=changed[q.speaker_id]) if q.speaker_id in changed else q
                  for q in an.quotes]
        out.append(dataclasses.replace(an, actors=actors, quotes=quotes))
    return out
