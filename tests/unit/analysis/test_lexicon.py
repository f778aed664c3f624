"""Gazetteer look-ups: names, codes, demonyms, capitals, seats and bodies -> ISO codes."""
from __future__ import annotations

import pytest

from analysis.lexicon import gazetteer as gz


@pytest.mark.parametrize("text, code", [
    ("France", "FR"),
    ("the Netherlands", "NL"),
    ("Deutschland", None),           # foreign endonyms are not guessed
    ("Japan's", "JP"),               # possessive stripped
    ("Côte d'Ivoire", "CI"),
    ("Cote d'Ivoire", "CI"),         # accents folded
    ("South Korea", "KR"),
    ("Republic of Korea", "KR"),
    ("UAE", "AE"),
    ("Holland", "NL"),
    ("Turkey", "TR"),
])
def test_country_names_and_codes(text: str, code: str | None) -> None:
    assert gz.country_code(text) == code


@pytest.mark.parametrize("text", ["Chad Smith", "Jersey City", "Georgia State University", "Indiana", "Malibu",
                                  "Jordan Peterson", "it", "IT", "and", "us", "Of"])
def test_no_country_hidden_inside_other_names(text: str) -> None:
    assert gz.nation_of(text) is None


@pytest.mark.parametrize("text, code", [
    ("Dutch", "NL"),
    ("French", "FR"),
    ("Brazilian", "BR"),
    ("Kenyan", "KE"),
    ("Filipino", "PH"),
    ("Germans", "DE"),
    ("Swiss", "CH"),
    ("Welsh", "GB"),                 # a constituent nation maps to its state
])
def test_demonyms(text: str, code: str) -> None:
    assert gz.demonym_nation(text) == code
    assert gz.nation_of(text) == code


@pytest.mark.parametrize("text, code", [
    ("Paris", "FR"),
    ("Tokyo", "JP"),
    ("Nairobi", "KE"),
    ("Brasília", "BR"),
    ("Brasilia", "BR"),
    ("Ottawa", "CA"),
])
def test_capitals(text: str, code: str) -> None:
    assert gz.capital_nation(text) == code
    assert gz.nation_of(text) == code


@pytest.mark.parametrize("text, code", [("Roma", "IT"), ("Lisboa", "PT"), ("Warszawa", "PL")])
def test_capital_alternate_spellings_come_from_the_gazetteer(text: str, code: str) -> None:
    assert gz.capital_nation(text) == code


@pytest.mark.parametrize("text, code", [
    ("Élysée", "FR"),
    ("Elysee Palace", "FR"),
    ("the Blue House", "KR"),
    ("Zhongnanhai", "CN"),
])
def test_seats_of_government(text: str, code: str) -> None:
    assert gz.seat_nation(text) == code
    assert gz.nation_of(text) == code


@pytest.mark.parametrize("text, code", [
    ("São Paulo", "BR"),
    ("Sao Paulo", "BR"),
    ("Osaka", "JP"),
    ("Bavaria", None),               # regions the gazetteers lack stay unknown
    ("Northern Syria", "SY"),        # a part of a country
    ("eastern Congo", "CG"),
])
def test_places_are_in_a_country_but_do_not_stand_for_it(text: str, code: str) -> None:
    assert gz.place_nation(text) == code
    assert gz.country_code(text) is None


@pytest.mark.parametrize("text, body", [
    ("NATO", "NATO"),
    ("Nato", "NATO"),
    ("the European Union", "European Union"),
    ("EU", "European Union"),
    ("U.N.", "United Nations"),
    ("European", "Europe"),
    ("Europeans", "Europe"),
    ("WHO", "World Health Organization"),
    ("who", None),                   # the pronoun is not the WHO
    ("NATO's European members", "NATO"),
    ("G7", "G7"),
])
def test_bodies_and_regions(text: str, body: str | None) -> None:
    assert gz.affiliation_of(text) == body


def test_regions_are_not_countries() -> None:
    assert gz.nation_of("European") is None
    assert gz.affiliation_of("European") in gz.REGIONS


@pytest.mark.parametrize("code, name", [("FR", "France"), ("TR", "Turkey"), ("KR", "South Korea"),
                                        ("NL", "Netherlands"), ("ZZ", None), (None, None), ("fr", "France"),
                                        ("1!", None), ("", None)])
def test_country_short_names(code: str | None, name: str | None) -> None:
    assert gz.country_name(code) == name


@pytest.mark.parametrize("code, valid", [("FR", True), ("ke", True), ("ZZ", False), ("1!", False), ("FRA", False),
                                         ("", False), (None, False)])
def test_valid_codes_are_the_iso_ones(code: str | None, valid: bool) -> None:
    assert gz.is_valid_code(code) is valid


def test_shared_country_and_us_state_name_is_flagged() -> None:
    assert gz.shared_with_us_state("Georgia")
    assert not gz.shared_with_us_state("France")


@pytest.mark.parametrize("text", ["", "   ", "\u200b", "’s", "[", "🙂", "x" * 500])
def test_odd_input_never_raises(text: str) -> None:
    for fn in (gz.nation_of, gz.country_code, gz.demonym_nation, gz.capital_nation, gz.seat_nation,
               gz.place_nation, gz.affiliation_of, gz.kind_of):
        fn(text)


def test_lookups_are_cached() -> None:
    gz.nation_of("Kenyan")
    before = gz.nation_of.cache_info().hits
    gz.nation_of("Kenyan")
    assert gz.nation_of.cache_info().hits == before + 1


def test_word_tables_have_no_country_words() -> None:
    # The generic role/modifier tables must stay generic: no demonyms, no countries.
    w = gz.words()
    for table in (w.role_heads, w.role_modifiers):
        assert not [x for x in table if gz.country_code(x) or gz.demonym_nation(x)]


def test_a_given_name_alone_is_no_country_but_codes_and_names_still_are():
    assert gz.country_code("Martin") is None  # country-converter's pattern for Saint Martin matches it
    assert gz.country_code("US") == "US" and gz.country_code("USA") == "US" and gz.country_code("Jordan") == "JO"


def test_wordnet_knows_parties_their_members_and_their_countries():
    from analysis.lexicon import politics

    tory = politics.party("the Tories")
    assert tory is not None and (tory.name, tory.nations) == ("Conservative Party", ("GB",))
    assert politics.party("Labour's").name == "Labour Party"
    assert politics.party("Lib Dems").name == politics.party("Liberal Democrats").name == "Liberal Democrat Party"
    assert politics.party("Republicans").nations == ("US",) and politics.party("GOP").name == "Republican Party"
    assert set(politics.party("Conservative Party").nations) >= {"GB", "AU"}  # the setting chooses
    assert politics.party("Labor") is None  # the US Department of Labor, not a British party
    assert politics.party("Acme Widgets") is None
    assert politics.party("Liberty") is None  # the campaign group, not the former Liberty Party


def test_wordnet_knows_national_offices_and_parliaments():
    from analysis.lexicon import politics

    assert politics.office_nation("Chancellor of the Exchequer") == "GB"
    assert politics.office_nation("the Home Secretary") == "GB"
    assert politics.office_nation("Secretary") is None
    assert politics.legislature_nation("the Knesset") == "IL" and politics.legislature_nation("Duma") == "RU"
    assert politics.legislature_nation("Senate") is None  # many states have one
