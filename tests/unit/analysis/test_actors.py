"""Canonical actors: merging, states, nations with evidence, and the entity corrections.

Hand-written sentences, none from the sample article; a few structural checks
on the sample itself at the end.
"""
from __future__ import annotations

import pytest

from analysis.actors import ACTOR_LABELS, bare_entity_actors, link_across, resolve_actors, slugify
from analysis.records import Actor


def _actors(parse, *paragraphs, headings=()):
    actors, mentions = resolve_actors(parse(*paragraphs, headings=headings))
    return actors, mentions


def _person(actors, name):
    hits = [a for a in actors if a.type == "PERSON" and a.name == name]
    assert hits, f"no person {name!r} in {[a.name for a in actors]}"
    return hits[0]


def _by_alias(actors, surface):
    return [a for a in actors if a.name == surface or surface in a.aliases]


# -- titles, possessives, appositions: nation, role and evidence ----------------

@pytest.mark.parametrize("text, name, nation, role, evidence", [
    # premodifier titles
    ("French President Emmanuel Macron met reporters on Monday.",
     "Emmanuel Macron", "FR", "President", "French President Emmanuel Macron"),
    ("Egyptian diplomat Omar Farouk arrived in the morning.",
     "Omar Farouk", "EG", "diplomat", "Egyptian diplomat Omar Farouk"),
    # possessives
    ("Japan's Prime Minister Fumio Kishida spoke to reporters.",
     "Fumio Kishida", "JP", "Prime Minister", "Japan's Prime Minister Fumio Kishida"),
    # appositions, both ways round
    ("Pedro Sánchez, Spain's prime minister, visited the port.",
     "Pedro Sánchez", "ES", "prime minister", "Pedro Sánchez, Spain's prime minister"),
    ("The Italian foreign minister, Antonio Tajani, joined the talks as an observer.",
     "Antonio Tajani", "IT", "foreign minister", "Italian foreign minister, Antonio Tajani"),
    # relative clause and "of" phrases
    ("Jane Holloway, who is Kenya's trade minister, said exports rose.",
     "Jane Holloway", "KE", "trade minister", "Jane Holloway, who is Kenya's trade minister"),
    ("The president of France, Emmanuel Macron, arrived late.",
     "Emmanuel Macron", "FR", "president", "president of France, Emmanuel Macron"),
    # "to" complements describe the post, not the person's state
    ("Former Canadian Ambassador to the United Nations Bob Rae spoke on Friday.",
     "Bob Rae", "CA", "Ambassador to the United Nations", "Former Canadian Ambassador to the United Nations Bob Rae"),
])
def test_nation_role_and_evidence(parse, text, name, nation, role, evidence):
    actors, _ = _actors(parse, text)
    p = _person(actors, name)
    assert p.nation == nation
    assert p.role == role
    assert p.evidence == evidence
    assert parse(text).text[p.evidence_start:p.evidence_end] == evidence


@pytest.mark.parametrize("text, name, affiliation", [
    ("NATO Secretary General Jens Stoltenberg said allies must spend more.", "Jens Stoltenberg", "NATO"),
    ("Dr Amelia Watts of the University of Toronto led the study.", "Amelia Watts", "University of Toronto"),
])
def test_non_state_bodies_go_to_affiliation(parse, text, name, affiliation):
    actors, _ = _actors(parse, text)
    p = _person(actors, name)
    assert p.affiliation == affiliation
    assert p.nation is None


@pytest.mark.parametrize("text, name, nation", [
    # a chain through another person: the adviser inherits the president's state
    ("Mexican President Claudia Sheinbaum's chief adviser Lazaro Cardenas Batel spoke to reporters.",
     "Lazaro Cardenas Batel", "MX"),
    # the possessor is a title whose own modifier names the state
    ("The Kenyan president's spokesperson, Hussein Mohamed, said the trip was cancelled.", "Hussein Mohamed", "KE"),
    # "for the <demonym> government"
    ("Ms Achieng Otieno, a spokesperson for the Kenyan government, declined to comment.", "Achieng Otieno", "KE"),
    # a leader "under" whom a state (named by its capital) acts
    ("Under Prime Minister Pedro Sánchez, Madrid has raised its defence budget.", "Pedro Sánchez", "ES"),
    # a titled second conjunct shares the first one's state
    ("Canadian envoy Mark Stone and trade adviser Julia Wells attended the meeting.", "Julia Wells", "CA"),
])
def test_indirect_evidence(parse, text, name, nation):
    actors, _ = _actors(parse, text)
    assert _person(actors, name).nation == nation


def test_respectively_pairs_nationalities_with_names_in_order(parse):
    text = ("Egyptian diplomat Omar Farouk and his Greek, Spanish and Italian counterparts, Nikos Papas, "
            "Luis Ortega and Marco Bianchi, respectively, met in Athens.")
    actors, _ = _actors(parse, text)
    assert [_person(actors, n).nation for n in ("Nikos Papas", "Luis Ortega", "Marco Bianchi")] == ["GR", "ES", "IT"]
    assert _person(actors, "Luis Ortega").role == "diplomat"  # the counterparts share the first person's title


@pytest.mark.parametrize("text, name", [
    ("Local resident Tom Baker said the bridge was unsafe. Baker lives nearby.", "Tom Baker"),
    ("Lars Eriksen met reporters outside the court. Eriksen said he would appeal.", "Lars Eriksen"),
    # a head of government after "and" does not take the first person's state
    ("Spanish Prime Minister Pedro Sánchez and Chancellor Olaf Scholz met on Monday.", "Olaf Scholz"),
])
def test_no_evidence_leaves_nation_null(parse, text, name):
    actors, _ = _actors(parse, text)
    assert _person(actors, name).nation is None


# -- merging people -------------------------------------------------------------------

def test_surname_and_possessive_merge_into_the_full_name(parse):
    actors, mentions = _actors(parse, "Japan's Prime Minister Fumio Kishida spoke to reporters.",
                               "Kishida's remarks were brief. Later, Kishida left for the airport.")
    people = [a for a in actors if a.type == "PERSON"]
    assert [p.name for p in people] == ["Fumio Kishida"]
    p = people[0]
    assert p.id == "PERSON:fumio-kishida"
    assert "Kishida" in p.aliases
    assert p.mentions == sum(1 for m in mentions if m.actor_id == p.id) >= 2
    assert parse("Japan's Prime Minister Fumio Kishida spoke to reporters.").text[p.first_start:p.first_end] \
        == "Fumio Kishida"


def test_accents_are_folded_for_matching(parse):
    actors, _ = _actors(parse, "Turkish President Recep Tayyip Erdoğan spoke on Monday. Erdogan said the deal was fair.")
    p = _person(actors, "Recep Tayyip Erdoğan")
    assert p.id == "PERSON:recep-tayyip-erdogan"
    assert "Erdogan" in p.aliases
    assert p.nation == "TR"


@pytest.mark.parametrize("text, surname", [
    ("Anna Berg and Peter Berg both spoke at the event on Monday. Berg said the plan would fail.", "Berg"),
    ("Economist Sarah Klein and lawyer Thomas Klein attended the hearing. Klein later said the ruling was unfair.",
     "Klein"),
])
def test_ambiguous_surname_stays_apart_and_is_flagged(parse, text, surname):
    actors, _ = _actors(parse, text)
    bare = [a for a in actors if a.type == "PERSON" and a.name == surname]
    assert len(bare) == 1 and bare[0].ambiguous
    assert all(not a.ambiguous for a in actors if a.name != surname)
    assert all(surname not in a.aliases for a in actors)


def test_a_title_settles_an_ambiguous_surname(parse):
    actors, mentions = _actors(parse, "Senator Maria Lopez and her brother, lawyer Daniel Lopez, arrived on Monday.",
                               "Senator Lopez said the bill would pass.")
    maria = _person(actors, "Maria Lopez")
    assert any(m.text == "Lopez" and m.actor_id == maria.id for m in mentions)
    assert not [a for a in actors if a.name == "Lopez"]


@pytest.mark.parametrize("text, name, gender", [
    ("Mr Hargreaves said the vote was fair. He added that the count was accurate.", "Hargreaves", "m"),
    ("Ms Okafor rejected the claim. She said the report was wrong.", "Okafor", "f"),
    ("Lars Eriksen met reporters outside the court. Eriksen said he would appeal.", "Lars Eriksen", "m"),
])
def test_honorifics_and_pronouns_give_gender(parse, text, name, gender):
    actors, _ = _actors(parse, text)
    p = _person(actors, name)
    assert p.gender == gender
    assert not p.name.startswith(("Mr", "Ms"))


# -- states, capitals, seats, demonyms ------------------------------------------------

@pytest.mark.parametrize("text, surface, code", [
    ("Berlin rejected the proposal, and Tokyo said it would wait.", "Berlin", "DE"),
    ("Berlin rejected the proposal, and Tokyo said it would wait.", "Tokyo", "JP"),
    ("Tokyo and Seoul agreed to resume talks.", "Seoul", "KR"),
    ("The Élysée said on Monday that the visit would go ahead.", "Élysée", "FR"),
])
def test_capitals_and_seats_standing_for_the_state_merge_into_it(parse, text, surface, code):
    actors, _ = _actors(parse, text)
    hits = _by_alias(actors, surface)
    assert len(hits) == 1
    state = hits[0]
    assert state.id == f"GPE:{code}" and state.type == "GPE" and state.nation == code


def test_a_capital_used_as_a_place_keeps_its_own_actor_with_the_nation(parse):
    actors, _ = _actors(parse, "Delegates gathered in Madrid for the summit. Madrid has long opposed the plan.")
    place = [a for a in actors if a.name == "Madrid"]
    state = [a for a in actors if a.id == "GPE:ES"]
    assert place and place[0].nation == "ES" and place[0].id != "GPE:ES"
    assert state and "Madrid" in state[0].aliases  # "Madrid has long opposed" is the state


@pytest.mark.parametrize("text, surface, code", [
    ("Brazilian officials met Canadian diplomats.", "Brazilian", "BR"),
    ("Brazilian officials met Canadian diplomats.", "Canadian", "CA"),
    ("The Japanese delegation arrived late.", "Japanese", "JP"),
])
def test_demonyms_merge_into_their_country(parse, text, surface, code):
    actors, mentions = _actors(parse, text)
    hits = _by_alias(actors, surface)
    assert len(hits) == 1 and hits[0].id == f"GPE:{code}" and hits[0].nation == code
    assert any(m.text == surface and m.label == "NORP" and m.actor_id == f"GPE:{code}" for m in mentions)


def test_country_variants_merge_into_one_actor(parse):
    actors, _ = _actors(parse, "The Netherlands and Holland are the same country, the Dutch say.")
    nl = [a for a in actors if a.id == "GPE:NL"]
    assert len(nl) == 1
    assert nl[0].name == "Netherlands"


def test_regions_and_bodies_are_affiliations(parse):
    actors, _ = _actors(parse, "European ministers met NATO officials in the morning.")
    assert any(a.affiliation == "Europe" and "European" in ([a.name] + a.aliases) for a in actors)
    nato = [a for a in actors if a.name == "NATO"]
    assert nato and nato[0].affiliation == "NATO" and nato[0].nation is None


# -- headings -----------------------------------------------------------------------

def test_headings_never_create_people(parse):
    actors, _ = _actors(parse, "Tensions Rise Over Water Rights", "Farmers protested in the capital on Monday.",
                        headings=(0,))
    assert not [a for a in actors if a.type == "PERSON"]


def test_a_heading_mention_links_to_a_person_named_in_paragraphs(parse):
    parsed = parse("Scholz Faces Pressure Over Budget",
                   "German Chancellor Olaf Scholz defended the budget on Monday.", headings=(0,))
    actors, mentions = resolve_actors(parsed)
    p = _person(actors, "Olaf Scholz")
    heading_mentions = [m for m in mentions if m.block_index == 0 and m.actor_id == p.id]
    assert [m.text for m in heading_mentions] == ["Scholz"]
    assert p.nation == "DE"


# -- mentions -----------------------------------------------------------------------

def test_mentions_point_at_actors_and_offsets_match_text(parse):
    parsed = parse("French President Emmanuel Macron met German Chancellor Olaf Scholz in Paris on Monday.",
                   "Macron said the talks went well.")
    actors, mentions = resolve_actors(parsed)
    ids = {a.id for a in actors}
    assert mentions and all(m.actor_id in ids for m in mentions)
    assert all(parsed.text[m.start:m.end] == m.text for m in mentions)
    assert not [m for m in mentions if m.label in ("DATE", "TIME", "CARDINAL")]
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    for a in actors:
        assert a.mentions == sum(1 for m in mentions if m.actor_id == a.id)


def test_an_article_without_entities_has_no_actors(parse):
    assert resolve_actors(parse()) == ([], [])
    assert resolve_actors(parse("", "the")) == ([], [])


@pytest.mark.parametrize("odd", [
    ("",),
    ("\u201cThis is wrong, said the minister. Unbalanced quotes \u201c everywhere.",),
    ("\u200b\u200b \U0001F642 \u202e odd \ufeff unicode",),
    ("A" * 3000,),
    ("Mr.", "Ms", "'s", "the"),
])
def test_odd_input_beside_a_real_sentence_still_resolves_it(parse, odd):
    sentence = "French President Emmanuel Macron met reporters in Berlin on Monday."
    parsed = parse(*odd, sentence)
    actors, mentions = resolve_actors(parsed)
    macron = _person(actors, "Emmanuel Macron")
    assert (macron.id, macron.nation, macron.role) == ("PERSON:emmanuel-macron", "FR", "President")
    assert parsed.text[macron.first_start:macron.first_end] == "Emmanuel Macron"
    assert {m.text for m in mentions} >= {"Emmanuel Macron", "Berlin"}
    assert all(parsed.text[m.start:m.end] == m.text for m in mentions)
    assert not [a for a in actors if a.type == "PERSON" and a.name != "Emmanuel Macron"]


# -- when resolution fails ----------------------------------------------------------

def test_bare_entity_actors_are_the_entities_unmerged(parse):
    parsed = parse("French President Emmanuel Macron met reporters. Macron said the talks went well.")
    actors, mentions = bare_entity_actors(parsed)
    ents = [(e.text, e.label_) for bd in parsed.block_docs for e in bd.doc.ents if e.label_ in ACTOR_LABELS]
    assert ents and [(m.text, m.label) for m in mentions] == ents
    assert {a.id for a in actors} == {f"{label}:{slugify(text)}" for text, label in ents}
    assert all(parsed.text[m.start:m.end] == m.text for m in mentions)
    assert all(a.nation is None and a.role is None for a in actors)


def test_a_failing_resolution_is_a_problem_and_the_bare_entities_are_used(parse, monkeypatch, caplog):
    import analysis.actors
    from analysis.pipeline import analyze_parsed

    def broken(parsed):
        raise RuntimeError("injected")

    parsed = parse("French President Emmanuel Macron met reporters in Berlin on Monday.")
    monkeypatch.setattr(analysis.actors, "resolve_actors", broken)
    result = analyze_parsed(parsed, sentiment=False)
    assert [(p.step, p.message) for p in result.problems] == [("actors", "RuntimeError: injected")]
    assert "step actors failed: RuntimeError: injected" in caplog.text
    assert (result.actors, result.mentions) == bare_entity_actors(parsed)
    assert any(a.name == "Emmanuel Macron" for a in result.actors)


# -- the entity corrections (component) ------------------------------------------------

def _fixed(nlp, text, ents):
    """Run the pipeline without our component, force the given (wrong) entities, then correct them."""
    from spacy.tokens import Span

    from analysis.nlp.entity_fix import fix_entities

    with nlp.select_pipes(disable=["newslens_entity_fix"]):
        doc = nlp(text)
    spans = []
    for surface, label in ents:
        start = text.index(surface)
        span = doc.char_span(start, start + len(surface), label=label)
        assert span is not None, surface
        spans.append(span)
    doc.ents = spans
    return [(s.text, s.label_) for s in fix_entities(doc)]


@pytest.mark.parametrize("text, wrong, right", [
    # "X's Firstname Lastname" read as one organisation
    ("Norway's Espen Barth Eide said the talks would continue.",
     [("Norway's Espen Barth Eide", "ORG")], [("Norway", "GPE"), ("Espen Barth Eide", "PERSON")]),
    # a capital tagged as a person
    ("The talks showed that Nairobi is ready to compromise.", [("Nairobi", "PERSON")], [("Nairobi", "GPE")]),
    # a country tagged as something else
    ("Exports from Paraguay rose last year.", [("Paraguay", "ORG")], [("Paraguay", "GPE")]),
    # a demonym tagged as a place
    ("Officials said Kenyan regions were affected.", [("Kenyan", "GPE")], [("Kenyan", "NORP")]),
    # a coordination swallowed into one entity
    ("The sea between Crete and Cyprus is disputed.", [("Crete and Cyprus", "ORG")],
     [("Crete", "LOC"), ("Cyprus", "GPE")]),
    # an institution tagged as a person
    ("He died at John Radcliffe Hospital on Sunday.", [("John Radcliffe Hospital", "PERSON")],
     [("John Radcliffe Hospital", "FAC")]),
    # a title before a name the model took for an organisation
    ("Former Canadian Ambassador to the United Nations Bob Rae spoke.",
     [("Canadian", "NORP"), ("the United Nations", "ORG"), ("Bob Rae", "ORG")],
     [("Canadian", "NORP"), ("the United Nations", "ORG"), ("Bob Rae", "PERSON")]),
    # an honorific before a name
    ("Mr Hargreaves said the vote was fair.", [("Hargreaves", "ORG")], [("Hargreaves", "PERSON")]),
    # an abbreviation and a camel-case brand are not people
    ("The clocks moved to BST while TurkStream opened.", [("BST", "PERSON"), ("TurkStream", "PERSON")],
     [("BST", "ORG"), ("TurkStream", "ORG")]),
    # a place swallowed at the front of a person
    ("The Mayor of Lyon Grégory Doucet spoke.", [("Lyon Grégory Doucet", "PERSON")],
     [("Lyon", "GPE"), ("Grégory Doucet", "PERSON")]),
])
def test_entity_fix(nlp, text, wrong, right):
    assert _fixed(nlp, text, wrong) == right


def test_a_place_word_used_as_a_surname_stays_a_person(nlp):
    # "Paris" is a capital, but here it ends a person's name the text gives in full.
    got = _fixed(nlp, "Mr Paris said he would run. Thomas Paris is a lawyer.",
                 [("Paris", "PERSON"), ("Thomas Paris", "PERSON")])
    assert got == [("Paris", "PERSON"), ("Thomas Paris", "PERSON")]


@pytest.mark.parametrize("heading, wrong, right", [
    ("European Ministers Challenge The Plan", [("European Ministers Challenge", "ORG")], [("European", "NORP")]),
    ("Kenyan Farmers Demand Water", [("Kenyan Farmers Demand", "PERSON")], [("Kenyan", "NORP")]),
])
def test_heading_entities_are_cut_back_to_the_place(nlp, heading, wrong, right):
    assert _fixed(nlp, heading, wrong) == right


def test_the_component_is_in_the_pipeline(nlp):
    assert "newslens_entity_fix" in nlp.pipe_names
    assert nlp.pipe_names.index("newslens_entity_fix") == nlp.pipe_names.index("ner") + 1


# -- across articles ------------------------------------------------------------------

KNOWN = [
    ("PERSON:emmanuel-macron", "Emmanuel Macron", "PERSON"),
    ("PERSON:anna-berg", "Anna Berg", "PERSON"),
    ("PERSON:peter-berg", "Peter Berg", "PERSON"),
    ("PERSON:erdogan", "Erdogan", "PERSON"),
    ("ORG:world-health-organization", "World Health Organization", "ORG"),
    ("GPE:FR", "France", "GPE"),
]


@pytest.mark.parametrize("actor, expected", [
    (Actor(id="PERSON:macron", name="Macron", type="PERSON"), "PERSON:emmanuel-macron"),
    (Actor(id="PERSON:emmanuel-jean-michel-macron", name="Emmanuel Jean-Michel Macron", type="PERSON"),
     "PERSON:emmanuel-macron"),
    (Actor(id="PERSON:recep-tayyip-erdogan", name="Recep Tayyip Erdoğan", type="PERSON"), "PERSON:erdogan"),
    (Actor(id="PERSON:berg", name="Berg", type="PERSON"), None),            # two known people share it
    (Actor(id="PERSON:emmanuel-macron", name="Emmanuel Macron", type="PERSON"), None),  # already the same id
    (Actor(id="PERSON:jane-doe", name="Jane Doe", type="PERSON"), None),
    (Actor(id="ORG:who", name="WHO", type="ORG"), "ORG:world-health-organization"),
    (Actor(id="GPE:FR", name="France", type="GPE", nation="FR"), None),
    (Actor(id="ORG:macron", name="Macron", type="ORG"), None),               # types must agree
])
def test_link_across(actor, expected):
    assert link_across(KNOWN, actor) == expected


def test_link_across_prefers_the_full_name_when_both_forms_are_known():
    known = [("PERSON:erdogan", "Erdogan", "PERSON"), ("PERSON:recep-tayyip-erdogan", "Recep Tayyip Erdoğan", "PERSON")]
    assert link_across(known, Actor(id="PERSON:erdogan-x", name="Erdoğan", type="PERSON")) == \
        "PERSON:recep-tayyip-erdogan"


@pytest.mark.parametrize("text, slug", [("Recep Tayyip Erdoğan", "recep-tayyip-erdogan"),
                                        ("Jean-Yves Le Drian", "jean-yves-le-drian"),
                                        ("Łukasz Szumowski", "lukasz-szumowski"), ("", "x"),
                                        ("Анна Петрова", "anna-petrova"), ("Nukuʻalofa", "nuku-alofa"),
                                        ("O'Neill, Jr.", "o-neill-jr")])
def test_slugs_are_accent_free_and_stable(text, slug):
    assert slugify(text) == slug



# -- the sample article: structure only ---------------------------------------------------

def test_sample_article_people_are_clean(nlp, sample_text):
    from analysis.lexicon import gazetteer as gz
    from analysis.reading import parse_plain
    from analysis.parsed import parse_article

    parsed = parse_article(nlp, parse_plain(sample_text, published="2025-12-03"))
    actors, mentions = resolve_actors(parsed)
    people = [a for a in actors if a.type == "PERSON"]
    assert len(people) == 11
    assert len({a.id for a in people}) == 11
    for p in people:
        assert len(p.name.split()) >= 2                  # every person is known by a full name
        assert not gz.nation_of(p.name)                  # no place became a person
        assert p.nation or p.affiliation                 # the text ties each one to a state or body
        assert p.evidence and parsed.text[p.evidence_start:p.evidence_end] == p.evidence
    heading_blocks = {b.index for b in parsed.article.blocks if b.kind != "paragraph"}
    for p in people:
        own = [m for m in mentions if m.actor_id == p.id]
        assert any(m.block_index not in heading_blocks for m in own)
    states = [a for a in actors if a.type == "GPE" and a.id == f"GPE:{a.nation}"]
    assert all(gz.is_valid_code(a.nation) for a in states)


def test_a_capital_the_inside_a_sentence_is_part_of_an_organisations_name():
    from analysis.pipeline import analyze_article
    from analysis.reading import parse_text

    r = analyze_article(parse_text("Water found\n\nAccording to The Guardian, astronomers were hopeful. Officials at "
                                   "the National Transportation Safety Board said the crash was rare.",
                                   published="2019-09-14"), sentiment=False)
    names = {a.name for a in r.actors if a.type == "ORG"}
    assert "The Guardian" in names and "National Transportation Safety Board" in names
