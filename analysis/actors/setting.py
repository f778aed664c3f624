"""The story's setting: the country a careful reader takes a story to be about.

It is the dateline's place ("LONDON (Reuters) —", "PERTH, Scotland (Reuters) -"),
the outlet's country-code host when the upload or manifest names one
("bbc.co.uk"), or the country that clearly dominates the story's evidence: its
place mentions, and once each the nations stated for its people and bodies, its
parties and parliaments (WordNet), and its people's party or office hooks.
International stories have none. ``placing`` reads it to place the actors the
text does not place itself. This module also says when a body's name holds a
country ("University of Kansas") and when a party or parliament names one.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence
from urllib.parse import urlsplit

from ..lexicon import gazetteer as gz
from ..lexicon import politics
from ..lexicon.common_words import all_common
from ..lexicon.names import fold
from ..reading.layout import dateline_place
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


def political_nation(name: str | None, setting_nation: str | None = None) -> tuple[str, str] | None:
    """(nation, reason) for a party or legislature WordNet places: "the Tories", "Labour's", "the Knesset".

    A party WordNet gives several countries ("Conservative Party": Great Britain or Australia)
    takes the story's setting when it is one of them, and no nation otherwise.
    """
    known = politics.party(name)
    if known is not None:
        if len(known.nations) == 1:
            code = known.nations[0]
        elif setting_nation in known.nations:
            code = setting_nation
        else:
            return None
        return code, f"{name}: the {known.name} of {country_name(code)} (WordNet)"
    code = politics.legislature_nation(name)
    if code:
        return code, f"{name}: the parliament of {country_name(code)} (WordNet)"
    return None


def country_name(code: str) -> str:
    """A readable country name for a reason ("GB" -> "United Kingdom")."""
    return gz.country_name(code) or code


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


def story_setting(parsed: "ParsedArticle", actors: Sequence[Actor], mentions: Sequence[Mention],
                  hooks: Sequence[str] = ()) -> Setting | None:
    """Where the story is set: its dateline, its outlet's country, or the country its places belong to.

    ``hooks`` are nations the people's own words tie them to ("Tory leader", "the Home Secretary"):
    with the stated nations of people and bodies, and the parties, parliaments and bodies named after
    a country, each counts once beside the place mentions.
    """
    first = next((b for b in parsed.article.blocks if b.kind == "paragraph"), None)
    place = dateline_place(first.text) if first is not None else None
    code = None
    if place:  # "PERTH, Scotland": the region or country says which Perth
        town, _, region = place.partition(", ")
        code = (gz.nation_of(region) or gz.place_nation(region)) if region else None
        code = code or gz.place_nation(town)
    if code:
        return Setting(code, f"dateline: {place}")
    code = outlet_nation(parsed.article.source)
    if code:
        return Setting(code, f"outlet: {parsed.article.source}")
    by_id = {a.id: a for a in actors}
    headline = {b.index for b in parsed.article.blocks if b.kind == "title"}
    counts: Counter[str] = Counter()
    in_title: set[str] = set()
    for m in mentions:
        a = by_id.get(m.actor_id)
        if a is not None and a.type in PLACE_TYPES and a.nation:
            counts[a.nation] += 1
            if m.block_index in headline:
                in_title.add(a.nation)
    # people and bodies whose nation the text states ("US Attorney General", "the U.S. House") say where
    # the story is too: once each, so that one much-named person does not outweigh the places
    stated = Counter(a.nation for a in actors
                     if a.type not in PLACE_TYPES and a.nation and a.nation_basis == "stated")
    for a in actors:
        if a.type in ("ORG", "NORP") and not a.nation:
            # "the Tories", "the Knesset", "the Confederation of British Industry"
            found = political_nation(a.name) or name_nation(a.name)
            if found and (politics.party(a.name) or politics.legislature_nation(a.name)
                          or gz.country_code(found[1]) or gz.demonym_nation(found[1])):
                stated[found[0]] += 1  # a country's name, not a town's ("PERTH" of a dateline read as a body)
    stated.update(hooks)
    counts.update(stated)
    if not counts:
        return None
    (top, n), *rest = counts.most_common()
    total = sum(counts.values())
    second = rest[0][1] if rest else 0
    if n >= MIN_MENTIONS and n / total >= MIN_SHARE and n >= 2 * second:
        what = f"{n} of {total} place mentions and stated nations, parties and parliaments" if stated \
            else f"{n} of {total} place mentions"
        return Setting(top, f"places: {what}")
    # "Bus crashes in Cuba en route to Havana": the headline's one country, also the story's most named
    # (and twice the next: a headline's country is often an actor's, not the story's place)
    if in_title == {top} and n >= MIN_MENTIONS and n >= 2 * second:
        return Setting(top, f"headline, and {n} of {total} place mentions")
    return None


#: A town in a body's name must be at least this big to name its country ("Guelph" yes, a hamlet no).
NAME_PLACE_POPULATION = 100_000
#: Words that make a longer place name of the next one ("New England", "North Carolina").
_PLACE_PREFIXES = frozenset({"new", "north", "south", "east", "west", "upper", "lower", "great", "greater",
                             "northern", "southern", "eastern", "western", "central"})
_NAME_WORD = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*")


def name_nation(name: str | None) -> tuple[str, str] | None:
    """(nation, place) when a body's name holds a country, nationality or sizeable place ("University of Kansas").

    A body that is more than one nation's ("European Court of Justice", "World Bank") has none.
    """
    if not name or set(fold(name).split()) & gz.words().supranational_words:
        return None
    name = re.sub(r"^[Tt]he\s+", "", name)  # "The New York Times" is named after New York
    whole = gz.nation_of(name)  # the whole name may be a seat or institution the gazetteer knows ("10 Downing Street")
    if whole and gz.is_valid_code(whole):
        return whole, name
    for m in _NAME_WORD.finditer(name):
        words = m.group(0).split()
        for n in range(len(words), 0, -1):  # the longest capitalised run first: "New South Wales"
            for i in range(len(words) - n + 1):
                if i > 0 and (fold(words[i - 1]) in _PLACE_PREFIXES or gz.words().name_particles
                              & {fold(words[i - 1])}):
                    continue  # "New England" is not England; "Jacqueline De León" is no place
                part = " ".join(words[i:i + n])
                # countries, nationalities and sizeable towns only: a seat's nickname ("the Lodge") is no place here
                # a town's name that is an everyday word ("Independence", Missouri) names no town here
                code = gz.country_code(part) or gz.demonym_nation(part) or \
                    (None if all_common(part.split()) else gz.place_nation(part, min_population=NAME_PLACE_POPULATION))
                if code and gz.is_valid_code(code):
                    return code, part
    return None
