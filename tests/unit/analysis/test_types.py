"""Actor types from structure: a person needs person evidence; a body's name makes an organisation."""
from __future__ import annotations

from analysis.lexicon.first_names import first_names, is_first_name
from analysis.pipeline import analyze_article
from analysis.reading import parse_text


def types_of(text: str) -> dict[str, str]:
    result = analyze_article(parse_text(text, published="2005-03-07"), sentiment=False)
    return {a.name: a.type for a in result.actors}


def test_given_names_come_from_a_package_in_many_languages():
    assert len(first_names()) > 20_000
    assert is_first_name("Martin") and is_first_name("Łukasz") and is_first_name("Mikhail")
    assert not is_first_name("Yukos") and not is_first_name("Budget")


def test_a_one_word_name_that_speaks_but_is_no_given_name_is_a_body():
    assert types_of("Oil row\n\nYukos said on Monday it would appeal the ruling.")["Yukos"] == "ORG"


def test_a_company_form_makes_an_organisation():
    assert types_of("Deal agreed\n\nVestey Group said on Monday it would sell its farms.")["Vestey Group"] == "ORG"


def test_a_surname_shared_by_two_people_stays_a_person():
    t = types_of("Row\n\nJoe Biden and Hunter Biden were named. Biden said on Monday that he was innocent.")
    assert t == {"Joe Biden": "PERSON", "Hunter Biden": "PERSON", "Biden": "PERSON"}


def test_a_titled_one_word_name_stays_a_person():
    assert types_of("Visit\n\nPresident Mugabe said on Monday that the visit was over.")["Mugabe"] == "PERSON"


def test_a_given_name_before_a_name_belongs_to_it_not_to_the_role():
    result = analyze_article(parse_text("Airline deal\n\nBA chairman Martin Broughton said the deal was good.",
                                        published="2005-03-07"), sentiment=False)
    broughton = next(a for a in result.actors if a.type == "PERSON")
    assert (broughton.name, broughton.role) == ("Martin Broughton", "chairman")
    result = analyze_article(parse_text("Crash\n\nA bus crashed on Sunday, Governor Ana Diaz said.",
                                        published="2019-03-07"), sentiment=False)
    assert [a.name for a in result.actors if a.type == "PERSON"] == ["Ana Diaz"]


def test_a_saints_building_is_a_place_not_a_person():
    t = types_of("Palace visit\n\nThe ambassador was received at St James's Palace on Monday.")
    assert t.get("St James's Palace") == "FAC" and "James" not in t


def test_one_person_is_never_split_across_types():
    from analysis.nlp import get_nlp

    quote = "\"It was a hard match\", Radmall said."
    assert [(e.text, e.label_) for e in get_nlp()(quote).ents] == [("Radmall", "ORG")]  # the model's guess
    text = f"Rugby win\n\nThe game was tough, according to assistant coach Ben Radmall. {quote}"
    result = analyze_article(parse_text(text, published="2019-06-01"), sentiment=False)
    people = [a for a in result.actors if a.name.endswith("Radmall")]
    assert [(a.name, a.type, a.mentions) for a in people] == [("Ben Radmall", "PERSON", 2)]
    assert [q.speaker_name for q in result.quotes] == ["Ben Radmall", "Ben Radmall"]  # "according to", then the quote


def test_a_name_of_everyday_words_with_no_given_name_is_a_body():
    from analysis.lexicon.common_words import all_common

    assert all_common(("Western", "Native", "Voice")) and all_common(("Witch", "Hunt"))
    assert not all_common(("Oprah", "Winfrey")) and not all_common(("Yingluck", "Shinawatra"))
    a = types_of("Suit filed\n\nThe plaintiffs were Western Native Voice and the Crow Tribe. Yingluck Shinawatra "
                 "and Oprah Winfrey were named too.")
    assert a.get("Western Native Voice") != "PERSON" and a.get("Crow Tribe") != "PERSON"
    assert a["Yingluck Shinawatra"] == "PERSON" and a["Oprah Winfrey"] == "PERSON"


def test_a_name_ending_in_a_plural_noun_is_a_group():
    a = types_of("Suit filed\n\nThe Salish and Kootenai Tribes sued the state on Monday.")
    assert a.get("Kootenai Tribes") != "PERSON"


def test_the_body_after_director_of_is_not_the_person():
    a = types_of("Law signed\n\nThe director of Argentina's Amnesty International, Mariela Belski, said it was a "
                 "step. Jim Pogue, the founder of Pogue Construction, was pardoned.")
    assert a.get("Amnesty International") != "PERSON"
    assert a["Mariela Belski"] == "PERSON"


def test_words_of_an_office_title_are_not_a_body_and_a_wordnet_place_typed_org_is_a_place():
    a = types_of("Row\n\nThe Home Secretary, Charles Clarke, said on Monday that Shadow Home Secretary David Davis "
                 "was wrong. French President Emmanuel Macron flew to Auschwitz. The Kremlin said it was pleased.")
    assert "Home" not in a and "Shadow Home" not in a
    assert a["Emmanuel Macron"] == "PERSON" and a.get("Auschwitz") == "FAC"


def test_a_name_led_by_an_everyday_noun_is_a_thing():
    a = types_of("Launch\n\nIt was the first crewed launch since the last Space Shuttle flight, NASA said. "
                 "Jane Smith, a teacher, watched it from Florida.")
    assert a.get("Space Shuttle") != "PERSON" and a["Jane Smith"] == "PERSON"


def test_a_name_the_small_model_missed_is_found_by_its_given_name():
    from analysis.nlp import get_nlp
    from analysis.nlp.entity_fix import fix_entities

    doc = get_nlp()("The court heard that Governor Ricardo Rosselló Nevares had resigned. Captain America was shown.")
    doc.ents = []  # as if the small model had tagged nothing
    people = [s.text for s in fix_entities(doc) if s.label_ == "PERSON"]
    assert "Ricardo Rosselló Nevares" in people  # the title is not part of the name
    assert not any("America" in p for p in people)


def test_a_party_name_the_model_cut_in_two_is_one_party():
    from analysis.nlp import get_nlp

    doc = get_nlp()("Liberal Democrat home affairs spokesman Mark Oaten said so. Democrat Ann Lee agreed.")
    ents = [(e.text, e.label_) for e in doc.ents]
    assert ("Liberal Democrat", "ORG") in ents and ("Democrat", "NORP") in ents


def test_a_person_typed_org_with_a_title_or_apposition_is_a_person_and_a_firm_is_not():
    from spacy.tokens import Span

    from analysis.nlp import get_nlp
    from analysis.nlp.entity_fix import fix_entities

    doc = get_nlp()("Witnesses named Tomasz Kubiak, a fire officer, and Morgan Stanley, which said profits rose.")
    doc.ents = [Span(doc, 2, 4, label="ORG"), Span(doc, 10, 12, label="ORG")]  # as the small model might
    labels = {s.text: s.label_ for s in fix_entities(doc)}
    assert labels["Tomasz Kubiak"] == "PERSON" and labels["Morgan Stanley"] == "ORG"


def test_a_storm_named_like_a_person_is_a_storm_every_time_and_a_group_stays_a_group():
    a = types_of("Storm grows\n\nHumberto, now officially Hurricane Humberto, moved north on Monday. Humberto "
                 "weakened later. The Assiniboine and Sioux Tribes of Fort Peck sued. Forecaster Ann Lee spoke.")
    assert a.get("Humberto") != "PERSON" and a.get("Hurricane Humberto") != "PERSON"
    assert a.get("Sioux Tribes") != "PERSON"


def test_a_surname_spelt_with_a_doubled_letter_is_the_same_person_unless_two_could_be_meant():
    from analysis.pipeline import analyze_article
    from analysis.reading import parse_text

    r = analyze_article(parse_text("Row\n\nLabour MP Diane Abbot said the plan was wrong. Ms Abbott said she would "
                                   "vote against it.", published="2005-03-07"), sentiment=False)
    people = [a for a in r.actors if a.type == "PERSON"]
    assert [(a.name, a.aliases) for a in people] == [("Diane Abbot", ["Abbott"])]


def analysed(text: str):
    result = analyze_article(parse_text(text, published="2019-01-28"), sentiment=False)
    assert result.problems == []
    return result


def test_a_surname_the_model_cut_off_belongs_to_the_name():
    r = analysed("Blast in port\n\nAccording to Chief Inspector Marisol Quibuyen of the harbour police, the "
                 "blast killed four people. Quibuyen said the port would reopen.")
    people = {a.name: a for a in r.actors if a.type == "PERSON"}
    assert "Marisol Quibuyen" in people and "Marisol" not in people
    assert {q.speaker_name for q in r.quotes} == {"Marisol Quibuyen"}


def test_a_given_name_before_a_surname_particle_belongs_to_the_name():
    r = analysed("Army blames rebels\n\nArsenio dela Torre of the army's Southern Command said the bombs were "
                 "homemade.")
    assert [a.name for a in r.actors if a.type == "PERSON"] == ["Arsenio dela Torre"]


def test_a_bracket_left_open_in_a_name_is_cut():
    r = analysed("Health alert\n\nThe Pan-Caribbean Health Agency (PCHA) said on Monday that cases had risen.")
    names = {a.name for a in r.actors}
    assert "Pan-Caribbean Health Agency" in names and not any("(" in n for n in names)


def test_the_first_of_two_surnames_is_the_same_person():
    r = analysed("New governor\n\nGovernor Marta Ibáñez Corral was sworn in on Friday. "
                 "Later, Ibáñez said she would serve.")
    assert [a.name for a in r.actors if a.type == "PERSON"] == ["Marta Ibáñez Corral"]
    assert r.quotes[0].speaker_name == "Marta Ibáñez Corral"


def test_an_organisation_word_alone_is_the_organisation_named_before_with_it():
    r = analysed("Inmate attacked\n\nThe Nevada Department of Corrections confirmed the attack on Friday. "
                 "The Department said that the inmate was in a stable condition.")
    orgs = [a for a in r.actors if a.type == "ORG"]
    assert [a.name for a in orgs] == ["Nevada Department of Corrections"]
    assert {q.speaker_name for q in r.quotes} == {"Nevada Department of Corrections"}


def test_an_organisation_word_alone_stays_apart_when_two_organisations_have_it():
    r = analysed("Two inquiries\n\nThe Department of Energy and the Department of Labor opened inquiries. "
                 "The Department said that it would report in May.")
    assert "Department" in {a.name for a in r.actors}


def test_an_everyday_word_surname_the_tagger_missed_is_still_the_person():
    r = analysed("Singer dies\n\nSinger Ellen Day died on Monday. Day had one son, the producer Tom Reyes, with "
                 "her first husband. She said Reyes was kind.")
    day = next(a for a in r.actors if a.name == "Ellen Day")
    assert "Day" in day.aliases and day.gender == "f"
    assert [(q.speaker_name, q.text) for q in r.quotes] == [("Ellen Day", "Reyes was kind")]


def test_an_everyday_word_is_no_surname_inside_a_noun_phrase_of_its_own():
    r = analysed("Holiday\n\nSinger Ellen Day sang on Monday. On Labour Day, the Day of Action began.")
    assert next(a for a in r.actors if a.name == "Ellen Day").aliases == []


def test_an_organisations_name_goes_on_over_of_and_its_capitalised_words():
    r = analysed("Pipeline\n\nProgressive Party of Working People, the main opposition force, said the deal "
                 "was only a framework. The Bank of England said nothing.")
    names = {a.name for a in r.actors if a.type == "ORG"}
    assert "Progressive Party of Working People" in names and "Progressive Party" not in names
    assert "Bank of England" in names or "The Bank of England" in names


def test_a_time_zone_after_a_clock_time_is_no_actor():
    from analysis.lexicon.calendar import time_zone_abbreviations

    zones, always = time_zone_abbreviations()
    assert {"UTC", "GMT", "EST", "BST", "CEST", "AEST"} <= zones and always == {"UTC", "GMT"}
    t = types_of("Quake hits Chile\n\nThe quake struck at 2:49 a.m. local time (0549 UTC) on Saturday, "
                 "the agency said. Polls opened at 7am BST. Officials in Santiago said the damage was light.")
    assert "UTC" not in t and "BST" not in t
    assert t.get("Chile") == "GPE" and t.get("Santiago") == "GPE"


def test_a_time_zone_word_with_no_clock_beside_it_stays_what_the_model_says():
    from spacy.tokens import Span

    from analysis.nlp import get_nlp
    from analysis.nlp.entity_fix import names_a_clock

    doc = get_nlp().make_doc("The CAT union met at 9 am. It ended at 10:30 CAT.")
    first, second = [i for i, t in enumerate(doc) if t.text == "CAT"]
    assert not names_a_clock(Span(doc, first, first + 1, label="ORG"))  # Caterpillar's ticker, say
    assert names_a_clock(Span(doc, second, second + 1, label="ORG"))  # Central Africa Time
