"""Nations with their basis: stated, inferred from the story's setting or a body's name, and corpus memory."""
from __future__ import annotations

import pytest

from analysis.actors import share_nations
from analysis.actors.setting import name_nation, outlet_nation
from analysis.lexicon.offices import is_public_office
from analysis.pipeline import analyze_article
from analysis.reading import parse_text


def actors_of(text: str, **kw):
    result = analyze_article(parse_text(text, published="2005-03-07", **kw), sentiment=False)
    assert result.problems == []
    return {a.name: a for a in result.actors}


def test_a_dateline_sets_the_story_and_its_offices_take_that_nation():
    a = actors_of("Budget row deepens\n\nLONDON (Reuters) - Chancellor Gordon Brown said on Monday that the budget "
                  "was fair. Prime Minister Tony Blair backed him.")
    brown, blair = a["Gordon Brown"], a["Tony Blair"]
    assert (brown.nation, brown.nation_basis) == ("GB", "inferred")
    assert brown.nation_reason == ("Chancellor: a public office in a story set in United Kingdom "
                                   "(dateline: LONDON)")
    assert (blair.nation, blair.nation_basis) == ("GB", "inferred")


def test_a_stated_nation_is_never_replaced_by_the_setting():
    a = actors_of("Talks in London\n\nLONDON (Reuters) - French President Emmanuel Macron met Prime Minister "
                  "Tony Blair on Monday.")
    assert (a["Emmanuel Macron"].nation, a["Emmanuel Macron"].nation_basis) == ("FR", "stated")
    assert (a["Tony Blair"].nation, a["Tony Blair"].nation_basis) == ("GB", "inferred")


def test_an_ambassador_belongs_to_the_state_that_sends_him():
    assert is_public_office("Home Secretary") and is_public_office("Senator")
    assert not is_public_office("ambassador") and not is_public_office("Secretary-General")
    assert not is_public_office("Secretary General") and not is_public_office("UN Special Rapporteur")
    a = actors_of("Envoy recalled\n\nLONDON (Reuters) - Ambassador Robert Tuttle declined to comment on Monday.")
    assert a["Robert Tuttle"].nation is None


def test_places_that_dominate_the_story_set_it():
    a = actors_of("Vote delayed\n\nSenator Ann Lee said the vote in Boston would wait. Voters in Ohio, Texas and "
                  "Massachusetts also went to the polls.")
    lee = a["Ann Lee"]
    assert (lee.nation, lee.nation_basis) == ("US", "inferred")
    assert "places:" in lee.nation_reason


def test_a_story_across_several_countries_has_no_setting():
    a = actors_of("Talks stall\n\nPresident Ann Lee met Chancellor Bo Berg in Berlin, Paris and Moscow.")
    assert a["Ann Lee"].nation is None and a["Bo Berg"].nation is None


def test_an_outlet_host_sets_the_story():
    assert outlet_nation("https://www.bbc.co.uk/news/1") == "GB" and outlet_nation("lemonde.fr") == "FR"
    assert outlet_nation("notes.md") is None and outlet_nation("cnn.com") is None
    assert outlet_nation("bit.ly") is None  # a vanity domain says nothing of a country
    a = actors_of("Cuts ahead\n\nThe Justice Minister, Jack Straw, said on Monday that cuts would come.",
                  source="https://www.bbc.co.uk/news/politics")
    assert a["Jack Straw"].nation == "GB" and "outlet" in a["Jack Straw"].nation_reason


def test_a_body_named_after_a_place_places_its_people():
    assert name_nation("University of Kansas") == ("US", "Kansas")
    assert name_nation("New England Journal of Medicine") is None  # New England is not England
    assert name_nation("Center for Food Safety") is None
    assert name_nation("Independence Party") is None  # Independence, Missouri is a town; the word is a word
    a = actors_of("Butterflies decline\n\nChip Taylor of the University of Guelph said the count fell.")
    assert (a["Chip Taylor"].nation, a["Chip Taylor"].nation_basis) == ("CA", "inferred")
    assert "Guelph" in a["Chip Taylor"].nation_reason


def _two(first: str, second: str):
    return [analyze_article(parse_text(t, published="2009-06-01"), sentiment=False) for t in (first, second)]


def test_corpus_memory_carries_a_stated_nation_to_another_article():
    first, second = share_nations(_two(
        "Summit opens\n\nUS President Barack Obama arrived on Monday.",
        "Speech praised\n\nPresident Barack Obama spoke on Tuesday to students."))
    obama = next(a for a in second.actors if a.name == "Barack Obama")
    assert (obama.nation, obama.nation_basis) == ("US", "corpus")
    assert obama.nation_reason == "stated in “Summit opens”: “US President Barack Obama”"
    assert next(a for a in first.actors if a.name == "Barack Obama").nation_basis == "stated"


def test_two_articles_that_disagree_keep_their_own_and_show_the_conflict():
    first, second = share_nations(_two(
        "Minister named\n\nFrench minister Ann Dupont resigned on Monday.",
        "Minister moves\n\nBelgian minister Ann Dupont arrived on Tuesday."))
    a1 = next(a for a in first.actors if a.name == "Ann Dupont")
    a2 = next(a for a in second.actors if a.name == "Ann Dupont")
    assert (a1.nation, a2.nation) == ("FR", "BE")
    assert a1.nation_conflicts == ["BE: stated in “Minister moves”: “Belgian minister Ann Dupont”"]
    assert a2.nation_conflicts == ["FR: stated in “Minister named”: “French minister Ann Dupont”"]


def test_corpus_memory_outranks_an_inferred_nation_and_says_so():
    first, second = share_nations(_two(
        "Summit opens\n\nUS President Barack Obama arrived on Monday.",
        "Visit ends\n\nJERUSALEM (Reuters) - President Barack Obama left Jerusalem on Tuesday."))
    obama = next(a for a in second.actors if a.name == "Barack Obama")
    assert (obama.nation, obama.nation_basis) == ("US", "corpus")
    assert obama.nation_reason.endswith("(this article's setting suggested IL)")


@pytest.mark.parametrize("role", ["Police spokesman", "State Congress President"])
def test_a_role_in_a_national_body_takes_the_setting(role):
    a = actors_of(f"Arrests made\n\nWARSAW (AP) - {role} Jan Nowak said on Monday that three men were held.")
    assert a["Jan Nowak"].nation == "PL" and a["Jan Nowak"].nation_basis == "inferred"


def test_a_shared_place_name_resolves_to_the_story_setting():
    a = actors_of("Floods hit\n\nPERTH, Scotland (Reuters) - Floods closed roads in Perth and Dundee on Monday. "
                  "Police in Glasgow and Edinburgh warned drivers.")
    perth = a["Perth"]
    assert (perth.nation, perth.nation_basis) == ("GB", "inferred")
    assert "where the story is set" in perth.nation_reason


def test_a_place_resolves_to_the_setting_before_the_most_populous_of_its_name():
    a = actors_of("Vote due\n\nLONDON (Reuters) - Ministers met in Westminster on Monday. Crowds gathered in "
                  "Manchester and in Leeds.")
    # the gazetteer knows only American towns called Westminster; WordNet knows London's borough
    westminster = a["Westminster"]
    assert (westminster.nation, westminster.nation_basis) == ("GB", "inferred")
    assert westminster.nation_reason.startswith("a place in United Kingdom (WordNet)")
    assert a["Manchester"].nation == "GB"


def test_a_small_town_abroad_is_not_trusted_against_the_setting():
    a = actors_of("Storm\n\nSYDNEY (AAP) - Storms hit Sydney, Melbourne and Brisbane and the town of Sunbury on "
                  "Monday. Roads near Greenwich were shut.")
    assert a["Greenwich"].nation in (None, "AU")  # never the American or British town of that name


def test_with_no_setting_a_place_wordnet_knows_beats_a_small_town_of_its_name():
    a = actors_of("Vote\n\nMPs at Westminster voted on Monday. Crowds in Paris and Perth watched.")
    assert a["Westminster"].nation == "GB" and a["Paris"].nation == "FR"


def test_party_variants_are_one_body_and_its_people_take_its_nation():
    a = actors_of("Tax row\n\nLONDON (Reuters) - Tory leader Michael Howard said the Tories would win. Labour's "
                  "Ed Balls disagreed, and the Conservative Party said nothing. The Labour Party met. Labour MP Ann "
                  "Roe agreed.")
    assert "Labour" not in a and a["Labour Party"].nation == "GB"
    balls = a["Ed Balls"]
    assert (balls.nation, balls.nation_basis) == ("GB", "inferred")
    assert balls.nation_reason == "Labour Party: the Labour Party of United Kingdom (WordNet)"
    tories = a["Conservative Party"]  # "Tory", "the Tories" and "the Conservative Party": one party
    assert "Tories" in tories.aliases and tories.nation == "GB"
    assert a["Michael Howard"].nation_reason.endswith("the Conservative Party of United Kingdom (WordNet)")


def test_name_variants_of_a_party_merge():
    a = actors_of("Poll\n\nThe Lib Dems said on Monday they would win. A Lib Dem spokesman agreed. The Republicans and "
                  "a Republican senator objected, and the Republican Party met.")
    lib_dems = a["Liberal Democrat Party"]  # a party's spokesman is not a person named Lib Dem
    assert lib_dems.type == "ORG" and "Lib Dem" in lib_dems.aliases
    assert [n for n in a if n.startswith("Republican")] == ["Republican Party"]


def test_an_office_word_that_is_also_a_common_noun_counts_only_as_a_title():
    assert is_public_office("Justice") and is_public_office("Chief Justice")
    assert not is_public_office("justice")  # "… cautioned justice": a parse, not a judge


def test_the_headline_country_sets_a_story_whose_places_are_mixed():
    a = actors_of("Bus crashes in Cuba\n\nA bus crashed near Havana on Sunday, Governor Ana Diaz said. Tourists "
                  "from France, Canada and Mexico were on board.")
    assert a["Ana Diaz"].nation == "CU" and "headline" in a["Ana Diaz"].nation_reason


def test_a_person_described_through_another_inherits_an_inferred_nation():
    a = actors_of("Trial opens\n\nPARIS (AFP) - Former President Nicolas Sarkozy went on trial on Monday. "
                  "Sarkozy's lawyer, Thierry Herzog, said the case was weak.")
    assert a["Nicolas Sarkozy"].nation == "FR"
    herzog = a["Thierry Herzog"]
    assert (herzog.nation, herzog.nation_basis) == ("FR", "inferred")
    assert herzog.nation_reason.startswith("through Nicolas Sarkozy: President: a public office")


def test_a_person_with_no_other_hook_takes_the_setting_and_says_so():
    a = actors_of("Flats evacuated\n\nWARSAW (AP) - Residents of three blocks in Warsaw were moved on Monday. "
                  "Anna Kowalczyk, 34, said she had lost everything.")
    anna = a["Anna Kowalczyk"]
    assert (anna.nation, anna.nation_basis) == ("PL", "inferred")
    assert anna.nation_reason == ("named in a story set in Poland (dateline: WARSAW), with no other country "
                                  "beside them")


def test_a_person_introduced_beside_another_country_keeps_no_nation():
    a = actors_of("Flats evacuated\n\nWARSAW (AP) - Residents of Warsaw were moved on Monday. Tom Hale, a "
                  "visitor who flew in from Toronto, Canada, said he was shaken. Ewa Nowak said she was calm.")
    assert a["Tom Hale"].nation is None
    assert a["Ewa Nowak"].nation == "PL"


def test_an_international_body_keeps_its_people_out_of_the_setting():
    a = actors_of("Measles\n\nAPIA (AP) - Cases rose in Samoa and in Apia this week. Sheldon Yett of UNICEF said "
                  "more vaccine was on its way.")
    assert a["Sheldon Yett"].nation is None and a["Sheldon Yett"].affiliation == "UNICEF"


def test_stated_nations_of_people_and_bodies_help_set_the_story():
    a = actors_of("Contempt vote\n\nThe United States House of Representatives voted on Wednesday to hold "
                  "Attorney General Ann Barr in contempt. US Senator Joe Lind objected.")
    barr = a["Ann Barr"]
    assert (barr.nation, barr.nation_basis) == ("US", "inferred")
    assert "stated nations" in barr.nation_reason


def test_an_office_in_a_story_across_countries_takes_its_own_sentences_country():
    a = actors_of("Envoy talks\n\nTalks in Kyiv, Paris and Berlin stalled. The United States House issued a "
                  "subpoena on Friday to Secretary of State Mike Lund. President Ola Berg met Chancellor Bo Hed "
                  "in Berlin and Paris.")
    lund = a["Mike Lund"]
    assert (lund.nation, lund.nation_basis) == ("US", "inferred")
    assert lund.nation_reason == "Secretary of State: a public office, in a sentence about United States"
    assert a["Ola Berg"].nation is None  # two countries in the sentence: no guess


def test_a_party_word_before_a_name_gives_its_nation_without_a_setting():
    a = actors_of("Votes counted\n\nIncumbent Republican Cory Dale said he would run again. Chancellor of the "
                  "Exchequer Gordon Brown said the economy was strong.")
    assert (a["Cory Dale"].nation, a["Cory Dale"].nation_basis) == ("US", "inferred")
    assert a["Cory Dale"].nation_reason == "Republican: the Republican Party of United States (WordNet)"
    assert a["Gordon Brown"].nation == "GB"
    assert a["Gordon Brown"].nation_reason == "Chancellor of the Exchequer: an office of United Kingdom (WordNet)"


def test_a_party_of_several_countries_takes_the_setting_that_is_one_of_them():
    a = actors_of("Poll\n\nSYDNEY (AAP) - The Conservative Party lost seats in Sydney and Melbourne, "
                  "its leader Ann Marsh said.")
    assert a["Conservative Party"].nation == "AU"


def test_the_office_a_nominal_names_is_the_leads_and_carries_its_nation():
    a = actors_of("Blair defends plan\n\nTony Blair has defended his plans for schools in London and Leeds. The "
                  "prime minister told MPs that standards had risen. Ann Howe said the plans would fail. Earlier, "
                  "the chancellor said the money was there.")
    blair = a["Tony Blair"]
    assert (blair.role, blair.nation, blair.nation_basis) == ("prime minister", "GB", "inferred")
    assert a["Ann Howe"].role is None  # "the chancellor" is someone else: not the story's lead


def test_a_nominal_points_nowhere_when_two_people_could_hold_it():
    a = actors_of("Talks\n\nAnn Roe met Bo Lind in Leeds and in London on Monday. The minister said talks went well.")
    assert a["Ann Roe"].role is None and a["Bo Lind"].role is None


def test_the_body_after_a_title_and_of_is_the_persons_affiliation():
    a = actors_of("Sales\n\nDave Lewis, chief executive of Tesco, said sales rose. Tedros Adhanom Ghebreyesus, "
                  "the Director-General of the WHO, warned of the risk.")
    assert a["Dave Lewis"].affiliation == "Tesco"
    assert a["Tedros Adhanom Ghebreyesus"].affiliation == "World Health Organization"
    assert a["Tedros Adhanom Ghebreyesus"].nation is None  # an international body's head has no nation from it


def test_a_datelines_region_picks_the_town():
    a = actors_of("Floods\n\nPERTH, Scotland (Reuters) - Floods closed roads on Monday, council leader Ann Roe said.")
    assert a["Ann Roe"].nation == "GB" and "dateline: PERTH, Scotland" in a["Ann Roe"].nation_reason


def test_corpus_memory_carries_a_role_and_an_affiliation_to_another_article():
    first, second = share_nations(_two(
        "Summit opens\n\nNATO Secretary General Jens Stoltenberg arrived on Monday.",
        "Talks\n\nOSLO (AP) - Jens Stoltenberg spoke on Tuesday to students in Oslo."))
    jens = next(a for a in second.actors if a.name == "Jens Stoltenberg")
    assert (jens.affiliation, jens.nation) == ("NATO", None)
    assert jens.role is not None and "Secretary General" in jens.role


def test_a_name_other_articles_type_org_is_no_person_without_person_evidence():
    import dataclasses

    texts = ["Bank\n\nShares in Dresdner Kleinwort rose on Monday.",
             "Deal\n\nThe deal was advised by Dresdner Kleinwort on Friday.",
             "Staff\n\nStaff at Dresdner Kleinwort were told on Monday."]
    results = [analyze_article(parse_text(t, published="2005-02-02"), sentiment=False) for t in texts]

    def typed(an, label):  # as the small model might type the bank in each article
        new_id = f"{label}:dresdner-kleinwort"
        actors = [dataclasses.replace(a, id=new_id, type=label) if a.name == "Dresdner Kleinwort" else a
                  for a in an.actors]
        mentions = [dataclasses.replace(m, actor_id=new_id, label=label) if m.text == "Dresdner Kleinwort" else m
                    for m in an.mentions]
        return dataclasses.replace(an, actors=actors, mentions=mentions)

    results = [typed(results[0], "ORG"), typed(results[1], "ORG"), typed(results[2], "PERSON")]
    shared = share_nations(results)
    body = next(a for a in shared[2].actors if a.name == "Dresdner Kleinwort")
    assert (body.id, body.type) == ("ORG:dresdner-kleinwort", "ORG")
    assert body.evidence == "typed an organisation in 2 other article(s) of the batch"
    assert {m.actor_id for m in shared[2].mentions if m.text == "Dresdner Kleinwort"} == {"ORG:dresdner-kleinwort"}


def test_a_nationality_noun_after_one_person_states_their_nation():
    from analysis.lexicon.politics import nationality_noun

    assert (nationality_noun("Swede"), nationality_noun("Briton"), nationality_noun("Frenchman")) == ("SE", "GB", "FR")
    assert nationality_noun("Swedes") is None and nationality_noun("swede") is None  # a plural; the vegetable
    a = actors_of("Award\n\nOn Wednesday, the magazine named climate activist Greta Thunberg its person of the year. "
                  "The sixteen-year-old Swede is its youngest choice.")
    greta = a["Greta Thunberg"]
    assert (greta.nation, greta.nation_basis, greta.evidence) == ("SE", "stated", "The sixteen-year-old Swede")


def test_a_nationality_noun_with_two_people_before_it_gives_no_one_a_nation():
    a = actors_of("Talks\n\nAnn Roe met Tom Berg on Monday in a hotel. The Swede said nothing afterwards.")
    assert a["Ann Roe"].nation is None and a["Tom Berg"].nation is None


def test_a_stated_nation_is_not_overwritten_by_a_later_nationality_noun():
    a = actors_of("Race\n\nKenyan runner Eliud Kipchoge won on Sunday. The Briton finished second, the organisers "
                  "said.")
    assert a["Eliud Kipchoge"].nation == "KE"
