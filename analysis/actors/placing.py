"""Placing: the nations the story's setting and the actors' own hooks imply for those the text leaves unplaced.

A careful reader of "Prime Minister Tony Blair said …" in a story about
Westminster concludes the United Kingdom although the sentence never says so.
This step reads the same hooks, strongest first:

* a person's body: an organisation the setting or its name places ("Labour MP
  Ann Roe", "Chip Taylor of the University of Kansas");
* a party or a national office WordNet knows ("Tory leader Michael Howard", "the
  Home Secretary");
* a public office of the setting's state ("the Chancellor", "Senator"; never an
  ambassador, whose state is the sender) or of a national body ("Police
  spokesman"); in a story with no setting, an office takes the country of a
  national body its own sentence names;
* through another person ("Sarkozy's lawyer");
* the weakest: a person with nothing tying them elsewhere takes the setting.

A place name that several countries share resolves to the setting's country,
then to a place WordNet knows there ("Westminster" in a British story), before
the most populous place of that name; a small town abroad is not trusted
against the setting. Organisations named by a national-body head word ("party",
"parliament", "police") take the setting's nation, and an organisation WordNet
knows as a place ("Auschwitz") becomes one unless it speaks.

It never overrides a nation the article states, and every nation it gives is
marked ``nation_basis="inferred"`` with its reason in words. The step returns
new ``Actor`` records; it edits nothing.
"""
from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING, Sequence

from ..lexicon import gazetteer as gz
from ..lexicon import politics
from ..lexicon.names import fold
from ..lexicon.offices import is_foreign_office, is_national_body, is_public_office
from ..lexicon.words import speech_verbs
from ..records import Actor, Mention
from .bodies import name_stem
from .setting import PLACE_TYPES, Setting, country_name, name_nation, political_nation, story_setting

if TYPE_CHECKING:  # pragma: no cover
    from ..parsed import ParsedArticle

#: Below this population, a town abroad is not trusted against the story's setting (see above).
FOREIGN_TOWN_POPULATION = 150_000


def _bodies(actors: Sequence[Actor], setting: Setting | None) -> dict[str, Actor]:
    """Organisations placed by their name or the setting, by the stem of every name they go by.

    Stems ("labour" for "the Labour Party" and "Labour's") let a person's affiliation or a
    word of their role ("Labour MP") find the body.
    """
    out: dict[str, Actor] = {}
    for a in actors:
        if a.type != "ORG" or a.affiliation:
            continue
        if a.nation is not None:
            if a.nation_basis == "stated":
                for n in (a.name, *a.aliases):
                    out.setdefault(name_stem(n), a)
            continue
        named = name_nation(a.name)
        political = political_nation(a.name, setting.nation if setting else None)
        placed = None
        if political:
            placed = dataclasses.replace(a, nation=political[0], nation_basis="inferred", nation_reason=political[1])
        elif named:
            country = country_name(named[0])
            placed = dataclasses.replace(a, nation=named[0], nation_basis="inferred",
                                         nation_reason=f"named after {named[1]} ({country})")
        elif setting is not None and is_national_body(a.name):
            country = country_name(setting.nation)
            placed = dataclasses.replace(a, nation=setting.nation, nation_basis="inferred",
                                         nation_reason=f"a national body in a story set in {country} "
                                                       f"({setting.reason})")
        if placed is not None:
            for n in (a.name, *a.aliases):
                out[name_stem(n)] = placed
    return out


def _body_of(a: Actor, bodies: dict[str, Actor]) -> Actor | None:
    """The placed body a person belongs to: their affiliation, or a body named in their role ("Labour MP")."""
    if a.affiliation:
        return bodies.get(name_stem(a.affiliation))
    words = (a.role or "").split()
    for n in range(min(3, len(words)), 0, -1):
        for i in range(len(words) - n + 1):
            body = bodies.get(name_stem(" ".join(words[i:i + n])))
            if body is not None:
                return body
    return None


_OF_BODY = re.compile(r"\b(?:of|at)\s+(?:the\s+)?([A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|of|for|and))*)")


def _body_in_evidence(a: Actor) -> tuple[str, tuple[str, str]] | None:
    """(body, (nation, place)) for a body named after a place in the words that describe the person.

    "Ashton Bumhira, director of Youth Forum Zimbabwe" -> ("Youth Forum Zimbabwe", ("ZW", "Zimbabwe")).
    """
    if not a.evidence:
        return None
    words = a.evidence.replace(a.name, " ")  # the person's own name is no place ("Jordan Smith")
    for m in _OF_BODY.finditer(words):
        named = name_nation(m.group(1))
        if named:
            return m.group(1), named
    return None


def _per_sentence(actors: Sequence[Actor], mentions: Sequence[Mention], nation_of) -> dict[int, set[str]]:
    """The nations ``nation_of(actor)`` gives the actors each sentence names."""
    by_id = {a.id: a for a in actors}
    out: dict[int, set[str]] = {}
    for m in mentions:
        a = by_id.get(m.actor_id)
        code = nation_of(a) if a is not None else None
        if code:
            out.setdefault(m.sentence_index, set()).add(code)
    return out


def _sentence_nations(actors: Sequence[Actor], mentions: Sequence[Mention]) -> dict[int, set[str]]:
    """The nations each sentence names: its places', and those of the people and bodies it states one for."""
    return _per_sentence(actors, mentions, lambda a: a.nation if a.type in PLACE_TYPES or a.nation_basis == "stated"
                         else None)


def _sentence_bodies(actors: Sequence[Actor], mentions: Sequence[Mention]) -> dict[int, set[str]]:
    """The nations of the national bodies each sentence names ("the United States House", "the Knesset")."""
    def body_nation(a: Actor) -> str | None:
        if a.type != "ORG":
            return None
        return a.nation if a.nation_basis == "stated" else (political_nation(a.name) or (None,))[0]
    return _per_sentence(actors, mentions, body_nation)


def _first_sentences(mentions: Sequence[Mention]) -> dict[str, int]:
    """The sentence in which each actor is first named (the one that introduces them)."""
    out: dict[str, tuple[int, int]] = {}
    for m in mentions:
        if m.actor_id and (m.actor_id not in out or m.start < out[m.actor_id][0]):
            out[m.actor_id] = (m.start, m.sentence_index)
    return {k: v[1] for k, v in out.items()}


#: UN agencies' acronyms (UNICEF, UNHCR, UNESCO) and bodies called "International" belong to no state.
_UN_AGENCY = re.compile(r"^UN[A-Z]{2,}$")


def non_state_body(affiliation: str | None) -> bool:
    """An affiliation to a body that belongs to no one state (NATO, UNICEF, Amnesty International)."""
    if not affiliation:
        return False
    words = set(fold(affiliation).split())
    return bool(gz.affiliation_of(affiliation)) or bool(words & gz.words().supranational_words) \
        or bool(_UN_AGENCY.match(affiliation.strip())) or "international" in words


def _party_in(sources: Sequence[str | None], setting: Setting | None) -> tuple[str, str] | None:
    """(nation, reason) for a party named in a person's words: "Tory leader", "Labour's", "Republican".

    The longest party name in any of the words wins: "Liberal Democrat" before "Democrat".
    """
    runs = [re.findall(r"[A-Z][\w.-]*(?:['’]s)?", words) for words in sources if words]
    for n in (3, 2, 1):
        for tokens in runs:
            for i in range(len(tokens) - n + 1):
                name = " ".join(tokens[i:i + n])
                if politics.party(name):
                    hit = political_nation(name, setting.nation if setting else None)
                    if hit:
                        return hit
    return None


def political_hook(a: Actor, context: Sequence[str], setting: Setting | None) -> tuple[str, str] | None:
    """(nation, reason) from a person's party or a national office WordNet knows ("Home Secretary")."""
    hook = _party_in((a.affiliation, a.role, *context), setting)
    if hook:
        return hook
    for words in (a.role, *context):
        code = politics.office_nation(words)
        if code:  # "Chancellor of the Exchequer" is Britain's wherever the story is
            return code, f"{words}: an office of {country_name(code)} (WordNet)"
    return None


def _context(a: Actor, mentions: Sequence[Mention], text: str) -> list[str]:
    """The words right before each mention of a person, within its clause: "Incumbent Republican"."""
    out = []
    for m in mentions:
        if m.actor_id != a.id:
            continue
        before = text[max(0, m.start - 60):m.start]
        before = re.split(r"[.;:,()\"“”—–]|\n", before)[-1]
        if before.strip():
            out.append(before.strip())
    return out


def _person(a: Actor, bodies: dict[str, Actor], setting: Setting | None,
            intro: set[str] = frozenset(), context: Sequence[str] = ()) -> Actor:
    """A person with no stated nation, placed through their body, party, office or the setting.

    ``intro`` holds the nations of the national bodies that the sentence introducing the person
    names; ``context`` the
    words right before each of their mentions ("Tory leader", "incumbent Republican").
    """
    body = _body_of(a, bodies)
    if body is not None:
        reason = body.nation_reason or ""
        return dataclasses.replace(a, nation=body.nation, nation_basis="inferred",
                                   nation_reason=reason if reason.startswith(f"{body.name}:") else
                                   f"{body.name}: {reason}")
    named = name_nation(a.affiliation)
    body_name = a.affiliation
    if not named:
        found = _body_in_evidence(a)
        if found:
            body_name, named = found[0], found[1]
    if named:
        country = country_name(named[0])
        return dataclasses.replace(a, nation=named[0], nation_basis="inferred",
                                   nation_reason=f"{body_name}: named after {named[1]} ({country})")
    if non_state_body(a.affiliation):
        return a
    hook = political_hook(a, context, setting)
    if hook:
        return dataclasses.replace(a, nation=hook[0], nation_basis="inferred", nation_reason=hook[1])
    office = is_public_office(a.role) or bool(a.role and is_national_body(a.role.rsplit(" ", 1)[0]))
    if setting is None:
        # a story across several countries: an office takes the one country whose national body its own
        # sentence names ("the United States House issued a subpoena to Secretary of State Mike Pompeo");
        # a place alone says too little ("President Obama's vice president … the government of Ukraine")
        if office and len(intro) == 1:
            (code,) = intro
            return dataclasses.replace(a, nation=code, nation_basis="inferred",
                                       nation_reason=f"{a.role}: a public office, in a sentence about "
                                                     f"{country_name(code)}")
        return a
    country = country_name(setting.nation)
    if office:
        return dataclasses.replace(a, nation=setting.nation, nation_basis="inferred",
                                   nation_reason=f"{a.role}: a public office in a story set in {country} "
                                                 f"({setting.reason})")
    return a


def _setting_default(a: Actor, setting: Setting | None, intro: set[str]) -> Actor:
    """The weakest hook: a person the story names with nothing tying them elsewhere is of its setting.

    "Ann Lee, 34, said" in a story set in Poland is Polish to a careful reader. Not a person
    introduced beside another country ("in Paris"), nor one whose office is for another state or
    for none (an ambassador, a UN envoy), nor one tied to an international body.
    """
    if a.type != "PERSON" or a.nation is not None or setting is None or non_state_body(a.affiliation):
        return a
    if intro - {setting.nation} or is_foreign_office(a.role):
        return a
    return dataclasses.replace(a, nation=setting.nation, nation_basis="inferred",
                               nation_reason=f"named in a story set in {country_name(setting.nation)} "
                                             f"({setting.reason}), with no other country beside them")


def _place(a: Actor, setting: Setting) -> Actor:
    """A town whose name several countries share, resolved by the story's setting."""
    if a.nation == setting.nation or a.id.startswith("GPE:") and len(a.id) == 6:  # a state itself ("GPE:GB")
        return a
    if gz.country_code(a.name) or gz.capital_nation(a.name) or gz.affiliation_of(a.name) or gz.is_us_state(a.name):
        return a
    towns = gz.city_countries(a.name)
    if not towns:
        return a
    country = country_name(setting.nation)
    if setting.nation in towns:
        return dataclasses.replace(a, nation=setting.nation, nation_basis="inferred",
                                   nation_reason=f"a place of that name in {country}, where the story is set "
                                                 f"({setting.reason})")
    if setting.nation in politics.place_nations(a.name):
        # "Westminster" in a British story: the borough of London, not the town in Colorado
        return dataclasses.replace(a, nation=setting.nation, nation_basis="inferred",
                                   nation_reason=f"a place in {country} (WordNet), where the story is set "
                                                 f"({setting.reason})")
    if max(towns.values()) < FOREIGN_TOWN_POPULATION:
        return dataclasses.replace(a, nation=None, nation_basis=None, nation_reason=None)
    return a


def _known_place(a: Actor) -> Actor:
    """A place WordNet knows in one country, where the gazetteer has only a small town of that name.

    With no setting to choose, "Westminster" is the borough of London that WordNet knows, not
    the Colorado town the gazetteer would pick; "Paris" stays the big city.
    """
    known = politics.place_nations(a.name)
    towns = gz.city_countries(a.name)
    if len(known) != 1 or a.nation == known[0] or not towns or max(towns.values()) >= FOREIGN_TOWN_POPULATION:
        return a
    if gz.country_code(a.name) or gz.capital_nation(a.name) or gz.is_us_state(a.name):
        return a
    return dataclasses.replace(a, nation=known[0], nation_basis="inferred",
                               nation_reason=f"a place in {country_name(known[0])} (WordNet); the gazetteer's "
                                             f"other places of that name are small towns")


def _speaks(parsed: "ParsedArticle", actor_id: str, mentions: Sequence[Mention]) -> bool:
    """Whether any mention of the actor is the subject of a speech verb ("the Kremlin said")."""
    verbs = speech_verbs()
    docs = {bd.block.index: bd for bd in parsed.block_docs}
    for m in mentions:
        bd = docs.get(m.block_index) if m.actor_id == actor_id else None
        if bd is not None:
            span = bd.doc.char_span(m.start - bd.block.start, m.end - bd.block.start, alignment_mode="expand")
            if span is not None and span.root.dep_.startswith("nsubj") and span.root.head.lemma_ in verbs:
                return True
    return False


def _organisation_that_is_a_place(parsed: "ParsedArticle", a: Actor, mentions: Sequence[Mention]) -> Actor:
    """ "Auschwitz" typed ORG is the camp WordNet places in Poland: a place, unless it speaks ("the Kremlin said")."""
    known = politics.place_nations(a.name)
    if len(known) != 1 or politics.party(a.name) or _speaks(parsed, a.id, mentions):
        return a
    return dataclasses.replace(a, type="FAC", nation=known[0], nation_basis="inferred",
                               nation_reason=f"a place in {country_name(known[0])} (WordNet)")


def infer_nations(parsed: "ParsedArticle", actors: Sequence[Actor], mentions: Sequence[Mention]) -> list[Actor]:
    """The actors again, with a nation inferred for bodies and people that the text placed but did not name."""
    # places WordNet knows in one country, where the gazetteer has only small towns of that name, are
    # settled first, so that "Westminster" counts for the United Kingdom in the story's setting
    actors = [_known_place(a) if a.type in PLACE_TYPES and a.nation else a for a in actors]
    contexts = {a.id: [a.evidence or "", *_context(a, mentions, parsed.text)] for a in actors if a.type == "PERSON"}
    hooks = [h[0] for a in actors if a.type == "PERSON" and not a.nation
             for h in [political_hook(a, contexts[a.id], None)] if h]
    setting = story_setting(parsed, actors, mentions, hooks)
    bodies = _bodies(actors, setting)
    by_sentence = _sentence_nations(actors, mentions)
    body_sentence = _sentence_bodies(actors, mentions)
    first = _first_sentences(mentions)
    out = []
    for a in actors:
        if setting is not None and a.type in PLACE_TYPES and a.nation:
            a = _place(a, setting)
        elif a.nation is None and a.type == "ORG":
            placed = bodies.get(name_stem(a.name))
            a = placed if placed is not None and placed.id == a.id else _organisation_that_is_a_place(parsed, a,
                                                                                                        mentions)
        elif a.nation is None and a.type == "PERSON":
            a = _person(a, bodies, setting, body_sentence.get(first.get(a.id, -1), set()), contexts[a.id])
        out.append(a)
    return [_setting_default(a, setting, by_sentence.get(first.get(a.id, -1), set()))
            for a in _through_possessives(out)]


def _through_possessives(actors: list[Actor]) -> list[Actor]:
    """ "Sarkozy's lawyer, Thierry Herzog": a person described through another inherits their nation.

    The resolution step follows such chains for stated nations; this follows them to the nations
    inferred here, so a former president placed by the setting places his lawyer too.
    """
    people = [a for a in actors if a.type == "PERSON" and a.nation]
    out = []
    for a in actors:
        if a.type == "PERSON" and a.nation is None and a.evidence:
            for other in people:
                if other.id == a.id:
                    continue
                forms = {other.name, *other.aliases, other.name.split()[-1]}
                if any(re.search(rf"\b{re.escape(f)}(?:'s|’s|'|’)\s", a.evidence) for f in forms if f):
                    a = dataclasses.replace(a, nation=other.nation, nation_basis=other.nation_basis or "inferred",
                                            nation_reason=f"through {other.name}: {other.nation_reason or 'stated'}")
                    break
        out.append(a)
    return out
