"""The story's setting, and the nations it implies for public offices and national bodies.

A careful reader of "Prime Minister Tony Blair said …" in a story about
Westminster concludes the United Kingdom although the sentence never says so.
This step reads the same hooks:

* the setting: the dateline's place ("LONDON (Reuters) —"), the outlet's
  country-code host when the upload or manifest names one ("bbc.co.uk"), or
  the places the story is about when one country clearly dominates them;
* the hook: a person whose role is a public office of a state ("the
  Chancellor", "Senator", "Home Secretary"; not an ambassador, whose state is
  the sender) or whose body is a national one, and organisations whose head
  word is a national body ("party", "parliament", "police").

It never overrides a nation the article states, and every nation it gives is
marked ``nation_basis="inferred"`` with its reason in words. The step returns
new ``Actor`` records; it edits nothing.
"""
from __future__ import annotations

import dataclasses
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence
from urllib.parse import urlsplit

from ..lexicon import gazetteer as gz
from ..lexicon.names import fold
from ..records import Actor, Mention

if TYPE_CHECKING:  # pragma: no cover
    from ..parsed import ParsedArticle

#: Place actors whose mentions say where a story happens.
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
#: A country must hold at least this share of the story's place mentions, and this many of them.
MIN_SHARE = 0.5
MIN_MENTIONS = 2
#: Country-code domains sold worldwide as generic names: they say nothing of an outlet's country.
_VANITY_TLDS = frozenset({"tv", "io", "co", "me", "ai", "fm", "ly", "to", "cc", "ws", "gg", "sh", "am", "la"})
#: File extensions, so that "notes.md" is never Moldova.
_FILE_EXTS = frozenset({"txt", "text", "md", "markdown", "html", "htm", "xhtml", "docx", "pdf", "json",
                        "jsonl", "csv", "zip"})
_HOST = re.compile(r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)+$")


@dataclass(frozen=True)
class Setting:
    """The country a story is set in, and why."""

    nation: str  # ISO alpha-2
    reason: str  # "dateline: LONDON" | "outlet: bbc.co.uk" | "places: 5 of 7 place mentions"


def outlet_nation(outlet: str | None) -> str | None:
    """The country of an outlet's country-code host ("bbc.co.uk" -> GB); None for .com, files and names."""
    if not outlet:
        return None
    text = outlet.strip().lower()
    host = urlsplit(text).hostname if "://" in text else text
    if not host or not _HOST.match(host):
        return None
    tld = host.rsplit(".", 1)[-1]
    if tld in _FILE_EXTS or tld in _VANITY_TLDS or len(tld) != 2:
        return None
    code = "GB" if tld == "uk" else tld.upper()
    return code if gz.is_valid_code(code) else None


def story_setting(parsed: "ParsedArticle", actors: Sequence[Actor], mentions: Sequence[Mention]) -> Setting | None:
    """Where the story is set: its dateline, its outlet's country, or the country its places belong to."""
    from ..reading.layout import dateline_place

    first = next((b for b in parsed.article.blocks if b.kind == "paragraph"), None)
    place = dateline_place(first.text) if first is not None else None
    code = gz.place_nation(place) if place else None
    if code:
        return Setting(code, f"dateline: {place}")
    code = outlet_nation(parsed.article.source)
    if code:
        return Setting(code, f"outlet: {parsed.article.source}")
    by_id = {a.id: a for a in actors}
    counts: Counter[str] = Counter()
    for m in mentions:
        a = by_id.get(m.actor_id)
        if a is not None and a.type in PLACE_TYPES and a.nation:
            counts[a.nation] += 1
    if not counts:
        return None
    (top, n), *rest = counts.most_common()
    total = sum(counts.values())
    if n >= MIN_MENTIONS and n / total >= MIN_SHARE and (not rest or n >= 2 * rest[0][1]):
        return Setting(top, f"places: {n} of {total} place mentions")
    return None


def is_public_office(role: str | None) -> bool:
    """A role that is an office of the state the story is set in ("Chancellor", "Senator", "Police Chief")."""
    if not role:
        return False
    words = gz.words()
    folded = fold(role).replace(".", "")
    tokens = folded.split()
    if any(t in words.foreign_offices for t in tokens):
        return False  # an ambassador belongs to the state that sends them
    phrases = set(tokens) | {" ".join(tokens[i:i + 2]) for i in range(len(tokens) - 1)}
    return bool(phrases & words.public_offices)


def is_national_body(name: str) -> bool:
    """An organisation named by a national-body head word ("the Labour Party", "Metropolitan Police")."""
    tokens = fold(name).replace(".", "").split()
    return bool(tokens) and tokens[-1] in gz.words().national_bodies


def infer_nations(parsed: "ParsedArticle", actors: Sequence[Actor], mentions: Sequence[Mention]) -> list[Actor]:
    """The actors again, with the setting's nation on public offices and national bodies that had none."""
    setting = story_setting(parsed, actors, mentions)
    if setting is None:
        return list(actors)
    country = gz.country_name(setting.nation) or setting.nation
    bodies: dict[str, Actor] = {}
    out: list[Actor] = []
    for a in actors:
        if a.nation is None and not a.affiliation and a.type == "ORG" and is_national_body(a.name):
            a = dataclasses.replace(a, nation=setting.nation, nation_basis="inferred",
                                    nation_reason=f"a national body in a story set in {country} ({setting.reason})")
            bodies[fold(a.name)] = a
        out.append(a)
    result = []
    for a in out:
        if a.nation is None and a.type == "PERSON":
            body = bodies.get(fold(a.affiliation)) if a.affiliation else None
            if body is not None:
                a = dataclasses.replace(a, nation=body.nation, nation_basis="inferred",
                                        nation_reason=f"{body.name}, {body.nation_reason}")
            elif not a.affiliation and is_public_office(a.role):
                a = dataclasses.replace(a, nation=setting.nation, nation_basis="inferred",
                                        nation_reason=f"{a.role}: a public office in a story set in {country} "
                                                      f"({setting.reason})")
        result.append(a)
    return result
