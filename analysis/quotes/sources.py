"""Sources named by mentions: the ``Speaker`` record and the speakers a mention or a name gives.

A person's mention gives a named speaker with the actor step's id; a mention
read as an organisation may hold a person behind a title ("Detective Constable
Jane Roe"); a name the tagger missed is found by its surface. Nations come from
the actor step, else from the shared gazetteer.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..lexicon import gazetteer
from ..records import Actor, Mention
from .index import ArticleIndex
from .vocabulary import NAME_PARTICLES, title_heads


@dataclass
class Speaker:
    """Who speaks, as the quote step resolved it (article offsets of the words that name them)."""

    kind: str  # named | pronoun | nominal | spokesperson | group | unnamed
    actor_id: str | None  # for a spokesperson, the actor they speak for
    name: str | None
    nation: str | None
    start: int | None
    end: int | None
    head: str | None = None  # head noun of an unnamed or group source ("spokeswoman")
    speaks_for: str | None = None  # "Mr Blair's official spokesman" speaks for "Tony Blair"
    #: a group of named sources ("the Herald and the Courier reported"): each is credited with the statement
    members: tuple["Speaker", ...] = ()


@functools.lru_cache(maxsize=4096)
def gazetteer_nation(text: str) -> str | None:
    """Alpha-2 for a demonym, country name or seat of government, via the shared gazetteer."""
    text = (text or "").strip()
    if not text or len(text) < 2:
        return None
    code = gazetteer.nation_of(text)
    return code if isinstance(code, str) and len(code) == 2 else None


def nation_of_words(index: ArticleIndex, start: int, end: int) -> str | None:
    """The nation the words in [start, end) name: a mention's actor, else a demonym or country name."""
    for m in index.mentions_in(start, end):
        actor = index.actor_of(m)
        if actor is not None and actor.nation and m.label in ("GPE", "NORP", "ORG", "FAC", "LOC"):
            return actor.nation
        code = gazetteer_nation(m.text)
        if code:
            return code
    for word in re.findall(r"[A-Z][\w'\u2019.-]+", index.text[start:end]):
        code = gazetteer_nation(word)
        if code:
            return code
    return None


def named(index: ArticleIndex, m: Mention) -> Speaker:
    """The named speaker of a mention, with its actor's canonical name and nation."""
    actor = index.actor_of(m)
    if actor is None:
        return Speaker("named", m.actor_id, m.text, None, m.start, m.end)
    return Speaker("named", actor.id, actor.name, actor.nation, m.start, m.end)


def actor_by_surface(index: ArticleIndex, word: str, phrase: str) -> Actor | None:
    """The actor a name the tagger missed belongs to: by name, alias, then a person's surname."""
    names, surnames = index.name_index()
    return names.get(phrase.lower()) or names.get(word.lower()) or surnames.get(word.lower())


def person_in_title(index: ArticleIndex, m: Mention) -> Speaker | None:
    """A person inside a mention read as an organisation: "Detective Constable Jane Roe"."""
    words = list(re.finditer(r"\S+", m.text))
    role_at = None
    for i, w in enumerate(words):
        if w.group().lower().strip(".,") in title_heads():
            role_at = i
    if role_at is None or len(words) - role_at - 1 < 2:
        return None
    rest = words[role_at + 1:]
    if not all(w.group()[:1].isupper() or w.group().lower() in NAME_PARTICLES for w in rest):
        return None
    start = m.start + rest[0].start()
    name = index.text[start:m.end]
    actor = actor_by_surface(index, rest[-1].group(), name)
    if actor is not None and actor.type == "PERSON":
        return Speaker("named", actor.id, actor.name, actor.nation, start, m.end)
    return Speaker("named", None, name, None, start, m.end)
