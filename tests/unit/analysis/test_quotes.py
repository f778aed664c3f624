"""Quotes and speakers (analysis/quotes/), on hand-written sentences."""
from __future__ import annotations

import pytest

from analysis.quotes import extract_quotes, find_quote_spans, mark_in_quote
from analysis.records import Actor, Block, Mention

_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"}
_FEMALE = {"she", "her", "mrs", "ms"}
_MALE = {"he", "him", "his", "mr"}


def fallback_actors(parsed) -> tuple[list[Actor], list[Mention]]:
    """A small stand-in for analysis.actors: spaCy entities, persons merged by surname."""
    actors: dict[str, Actor] = {}
    mentions: list[Mention] = []
    persons: list[tuple[str, Actor]] = []
    for bd in parsed.block_docs:
        for e in bd.doc.ents:
            if e.label_ not in _LABELS:
                continue
            text = e.text
            for poss in ("\u2019s ", "'s "):  # "Chile's Ana Rojas" read as one ORG
                if poss in text and e.label_ == "ORG":
                    text = text.split(poss, 1)[1]
            start, end = bd.offsets(e)
            start = end - len(text)
            label = "PERSON" if text != e.text else e.label_
            actor = None
            if label == "PERSON":
                last = text.split()[-1]
                for full, a in persons:
                    if full.split()[-1] == last or full == text:
                        actor = a
                        if len(text) > len(a.name):
                            a.aliases.append(a.name)
                            a.name = text
                        elif text != a.name and text not in a.aliases:
                            a.aliases.append(text)
                        break
                if actor is None:
                    actor = Actor(id=f"PERSON:{text.lower().replace(' ', '-')}", name=text, type="PERSON")
                    persons.append((text, actor))
                    actors[actor.id] = actor
            else:
                aid = f"{label}:{text.lower()}"
                actor = actors.setdefault(aid, Actor(id=aid, name=text, type=label))
            actor.mentions += 1
            mentions.append(Mention(start, end, parsed.text[start:end], label, actor.id,
                                    bd.sentence_index(e), bd.block.index))
    return list(actors.values()), mentions


def actors_for(parsed):
    """The real actor step once it exists, else the stand-in."""
    try:
        from analysis.actors import resolve_actors
    except ImportError:
        return fallback_actors(parsed)
    return resolve_actors(parsed)


# --------------------------------------------------------------------------- helpers

def run(parse, *paragraphs: str, headings: tuple[int, ...] = ()):
    parsed = parse(*paragraphs, headings=headings)
    actors, mentions = actors_for(parsed)
    quotes = extract_quotes(parsed, actors, mentions)
    return parsed, quotes, mark_in_quote(mentions, quotes)


def norm(s: str | None) -> str:
    s = s or ""
    for a, b in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"')):
        s = s.replace(a, b)
    return " ".join(s.split()).lower()


def find(quotes, evidence: str):
    """The quotes whose content holds ``evidence``."""
    return [q for q in quotes if norm(evidence) in norm(q.text)]


def speaks(q, name_part: str) -> bool:
    return bool(q.speaker_name) and name_part.lower() in q.speaker_name.lower()


def check_records(parsed, quotes) -> None:
    """Invariants every quote list keeps, whatever the input."""
    text = parsed.text
    assert [q.start for q in quotes] == sorted(q.start for q in quotes)
    for q in quotes:
        assert 0 <= q.start < q.end <= len(text)
        assert q.text == text[q.start:q.end]
        assert q.kind in ("direct", "indirect", "mixed")
        assert q.speaker_kind in ("named", "pronoun", "nominal", "group", "unnamed", "none")
        assert q.speaker_nation is None or (len(q.speaker_nation) == 2 and q.speaker_nation.isupper())
        if q.cue_start is not None:
            assert text[q.cue_start:q.cue_end].split()[0].lower() == q.cue.split()[0].lower() or q.cue == ":"


# --------------------------------------------------------------------------- quote marks, no parser

@pytest.mark.parametrize("text, inner", [
    ('He said "we will win" today.', ["we will win"]),
    ("He said \u201cwe will win\u201d today.", ["we will win"]),
    ("He said \u2018we will win\u2019 today.", ["we will win"]),
    ("'We will win,' he said.", ["We will win,"]),
    ('"We heard \'never again\' from him," she said.', ["We heard 'never again' from him,"]),
    ('"The "new" plan is old," she said.', ['The "new" plan is old,']),
    ("\u201eWir schaffen das\u201c, sagte sie.", ["Wir schaffen das\u201c, sagte sie."]),  # odd pair: degrades
    ("The company's plan and the workers' union.", []),  # apostrophes are not quotes
    ('A 12" pipe burst.', []),  # an inch mark is no quote
    ('She said "we will win', ["we will win"]),  # left open: runs to the paragraph's end
    ('He said we will win" and left.', []),  # a stray closer is ignored
    ("", []),
    ('""', []),
])
def test_find_quote_spans(text, inner):
    blocks = [Block(index=0, kind="paragraph", start=0, end=len(text), text=text)]
    spans = find_quote_spans(text, blocks)
    assert [text[s.start:s.end] for s in spans] == inner


def test_quote_carries_over_paragraphs():
    p1 = '"The first phase is finished. We spent two years on it.'
    p2 = '"The second phase starts in spring," she said.'
    text = p1 + "\n\n" + p2
    blocks = [Block(0, "paragraph", 0, len(p1), p1), Block(1, "paragraph", len(p1) + 2, len(text), p2)]
    spans = find_quote_spans(text, blocks)
    assert len(spans) == 2
    assert spans[0].unclosed and not spans[0].continues
    assert spans[1].continues


def test_unclosed_quote_without_continuation_does_not_carry():
    p1 = 'She said "the first phase is finished.'
    p2 = "The weather was fine."
    text = p1 + "\n\n" + p2
    blocks = [Block(0, "paragraph", 0, len(p1), p1), Block(1, "paragraph", len(p1) + 2, len(text), p2)]
    spans = find_quote_spans(text, blocks)
    assert len(spans) == 1 and not any(s.continues for s in spans)


# --------------------------------------------------------------------------- forms

FORMS = [
    # (paragraphs, evidence, speaker, kind)
    (['"We will rebuild the bridge," Maria Lopez said.'], "We will rebuild the bridge", "Maria Lopez", "direct"),
    (["\u201cThe plan is dead,\u201d said Tom Becker."], "The plan is dead", "Tom Becker", "direct"),
    (["'We are not going anywhere,' Anna Schmidt told reporters."], "We are not going anywhere", "Anna Schmidt",
     "direct"),
    (['Governor Paul Mendes said, "The roads will reopen on Monday."'], "The roads will reopen on Monday",
     "Paul Mendes", "direct"),
    (['Mayor Carla Reyes rejected the proposal: "It would bankrupt the city within a year."'],
     "It would bankrupt the city within a year", "Carla Reyes", "direct"),
    (['"He told me \'never again\', and I believed him," said Laura Chen.'], "never again", "Laura Chen", "direct"),
    (["Senator Rita Gomez urged the council to \u201cstop the delays and fund the clinic\u201d."],
     "stop the delays and fund the clinic", "Rita Gomez", "mixed"),
    (['Minister Jonas Berg accused the opposition of "playing games with the lives of patients".'],
     "playing games with the lives of patients", "Jonas Berg", "mixed"),
    (['Professor Alan Weiss called the report "deeply flawed and badly sourced".'], "deeply flawed", "Alan Weiss",
     "mixed"),
    (["Finance Minister Laura Chen said a tax increase would be the last resort."],
     "a tax increase would be the last resort", "Laura Chen", "indirect"),
    (["Chief executive Mark Olsen warned that prices could rise again next year."], "prices could rise again",
     "Mark Olsen", "indirect"),
    (["Coach Ivan Petrov noted that the team had improved since March."], "the team had improved",
     "Ivan Petrov", "indirect"),
    (["Energy Minister Paulo Neves rejected the suggestion that the dam was unsafe."],
     "the suggestion that the dam was unsafe", "Paulo Neves", "indirect"),
    (["Union leader Karen Holt accused the company of ignoring safety rules."], "ignoring safety rules",
     "Karen Holt", "indirect"),
    (["Emma Clarke denied that she had leaked the memo to the press."], "she had leaked the memo", "Emma Clarke",
     "indirect"),
    (["Police chief Omar Haddad insisted the investigation was thorough."], "the investigation was thorough",
     "Omar Haddad", "indirect"),
    (["According to Nina Patel, the vaccine will be ready by June."], "the vaccine will be ready by June",
     "Nina Patel", "indirect"),
    (["Mayor Carla Reyes asked residents to stay indoors until the storm passed."], "residents to stay indoors",
     "Carla Reyes", "indirect"),
    (["Nadia Karim declined to comment, arguing that the case was still open."], "the case was still open",
     "Nadia Karim", "indirect"),
    (['Farmer Jorge Silva said the harvest was "the worst in living memory".'], "the worst in living memory",
     "Jorge Silva", "mixed"),
]


@pytest.mark.parametrize("paragraphs, evidence, speaker, kind", FORMS)
def test_quote_forms(parse, paragraphs, evidence, speaker, kind):
    parsed, quotes, _ = run(parse, *paragraphs)
    check_records(parsed, quotes)
    hits = find(quotes, evidence)
    assert hits, [q.text for q in quotes]
    assert speaks(hits[0], speaker), hits[0].speaker_name
    assert hits[0].kind == kind
    assert hits[0].speaker_id is not None


@pytest.mark.parametrize("paragraphs, evidences, speaker", [
    # a quote split around its cue: one record or two, each part findable with its speaker
    (['"The vote is final," Daniel Ortiz said, "and nobody will overturn it."'],
     ["The vote is final", "nobody will overturn it"], "Daniel Ortiz"),
    (['"We stand together" wrote Lena Vogt "on every question that matters to farmers."'],
     ["We stand together", "on every question that matters"], "Lena Vogt"),
    # coordinated cues of one speaker
    (['Tom Becker said the talks were "productive" but cautioned that no deal was close.'],
     ["the talks were", "no deal was close"], "Tom Becker"),
    # a continued speaker across sentences
    (['"We expected more," coach Ivan Petrov said. "The second half was a disaster for us."'],
     ["We expected more", "The second half was a disaster"], "Ivan Petrov"),
    # a quote after a cue sentence with no content of its own
    (['Judge Helen Park criticised the decision on Friday. "This ruling ignores decades of precedent."'],
     ["This ruling ignores decades of precedent"], "Helen Park"),
    # a quote running over two paragraphs
    (['Sofia Ramos said: "The first phase is finished. We have spent two years on it.',
      '"The second phase begins next spring and will take longer."'],
     ["The first phase is finished", "The second phase begins next spring"], "Ramos"),
    # "by saying"
    (['Andrea Costa closed the meeting by saying "we will be back next year".'], ["we will be back"],
     "Andrea Costa"),
    # a colon after a main clause whose object holds another clause
    (['Marta Silva saw compromise as the best way for the two towns to settle the matter: '
      '"Both sides should give up half of the land."'], ["Both sides should give up half"], "Marta Silva"),
    # two statements in one sentence keep their own content
    (["Mayor Carla Reyes said the bridge was safe, while engineer Tomas Berg wrote that it needed repairs."],
     ["the bridge was safe"], "Carla Reyes"),
    (["Mayor Carla Reyes said the bridge was safe, while engineer Tomas Berg wrote that it needed repairs."],
     ["it needed repairs"], "Tomas Berg"),
])
def test_quote_pieces_keep_their_speaker(parse, paragraphs, evidences, speaker):
    parsed, quotes, _ = run(parse, *paragraphs)
    check_records(parsed, quotes)
    for ev in evidences:
        hits = find(quotes, ev)
        assert hits and speaks(hits[0], speaker), (ev, [(q.speaker_name, q.text) for q in quotes])


def test_headline_speaker_colon_quote(parse):
    parsed, quotes, _ = run(parse, 'Maria Lopez: "We will not resign over this"',
                            "Maria Lopez spoke to reporters in the capital on Tuesday.", headings=(0,))
    hits = find(quotes, "We will not resign over this")
    assert hits and speaks(hits[0], "Maria Lopez")
    assert hits[0].block_index == 0


# --------------------------------------------------------------------------- speakers

SPEAKERS = [
    # (paragraphs, evidence, speaker name part or None, speaker kind, nation)
    (["Prime Minister Erik Lund arrived in the capital on Monday.", "He said the trip would focus on trade."],
     "the trip would focus on trade", "Erik Lund", "pronoun", None),
    (["Anna Schmidt met Paul Weber in Geneva on Friday. She said the meeting had gone well."],
     "the meeting had gone well", "Anna Schmidt", "pronoun", None),
    (["Paul Weber introduced Mrs Anna Schmidt to the board. She said the merger was inevitable."],
     "the merger was inevitable", "Anna Schmidt", "pronoun", None),
    (["Defence Minister Sara Holm visited the base on Tuesday.", "The minister said the budget would grow."],
     "the budget would grow", "Sara Holm", "nominal", None),
    (["President Gabriel Soto opened the summit in the morning. The president said the region needed investment."],
     "the region needed investment", "Gabriel Soto", "nominal", None),
    (["Her lawyer, David Moss, said the charges were baseless."], "the charges were baseless", "David Moss",
     "named", None),
    (['"It is a good day for the city," said Mr Hugo Brandt.'], "It is a good day", "Hugo Brandt", "named", None),
    (["Brazilian officials said the border would stay closed."], "the border would stay closed",
     "Brazilian officials", "group", "BR"),
    (["Residents said the water had been brown for weeks."], "the water had been brown", "Residents", "group",
     None),
    (["A senior diplomat said the talks had stalled again."], "the talks had stalled", "A senior diplomat",
     "unnamed", None),
    (["The minister said the budget would grow."], "the budget would grow", "The minister", "unnamed", None),
    (["Canada and its allies said the sanctions would stay."], "the sanctions would stay", "Canada and its allies",
     "group", None),
]


@pytest.mark.parametrize("paragraphs, evidence, speaker, kind, nation", SPEAKERS)
def test_speakers(parse, paragraphs, evidence, speaker, kind, nation):
    parsed, quotes, _ = run(parse, *paragraphs)
    check_records(parsed, quotes)
    hits = find(quotes, evidence)
    assert hits, [q.text for q in quotes]
    q = hits[0]
    assert speaks(q, speaker), q.speaker_name
    assert q.speaker_kind == kind
    if kind in ("pronoun", "nominal", "named"):
        assert q.speaker_id is not None
    if kind in ("group", "unnamed"):
        assert q.speaker_id is None
    assert q.speaker_nation == nation


def test_a_pronoun_after_an_unnamed_source_is_that_source(parse):
    parsed, quotes, _ = run(parse, 'Judge Paul Weber heard the case in March. A spokeswoman for the court told '
                                   'reporters that the hearing was over. "The ruling will come in May," she said.')
    hits = find(quotes, "The ruling will come in May")
    assert hits and hits[0].speaker_kind == "unnamed" and "spokeswoman" in hits[0].speaker_name


def test_a_person_in_a_prepositional_phrase_is_no_antecedent(parse):
    parsed, quotes, _ = run(parse, "Writer Maria Lopez grew up in Lima.",
                            "In an interview with Carlos Ortega, she said she had left the city at sixteen.")
    hits = find(quotes, "she had left the city at sixteen")
    assert hits and speaks(hits[0], "Maria Lopez")


def test_according_to_with_apposition(parse):
    parsed, quotes, _ = run(parse, "According to the town's mayor, Jane Roe, the road will reopen on Friday.")
    hits = find(quotes, "the road will reopen on Friday")
    assert hits and speaks(hits[0], "Jane Roe")
    assert "Jane Roe" not in hits[0].text


def test_inverted_cue_after_a_quote_without_comma(parse):
    parsed, quotes, _ = run(parse, '"I am proud of the crews who ran towards the fire" tweeted Mayor Ana Gomes. '
                                   '"Their courage is remarkable."')
    for ev in ("I am proud of the crews", "Their courage is remarkable"):
        hits = find(quotes, ev)
        assert hits and speaks(hits[0], "Ana Gomes"), ev


def test_nominal_needs_a_matching_title(parse):
    # the only earlier person is no minister: the source stays unnamed
    parsed, quotes, _ = run(parse, "Singer Rosa Lima opened the festival.", "The minister said the budget would grow.")
    hits = find(quotes, "the budget would grow")
    assert hits and hits[0].speaker_kind == "unnamed" and hits[0].speaker_id is None


# --------------------------------------------------------------------------- failure cases: not quotes

@pytest.mark.parametrize("paragraphs", [
    ["I said in my last column that the bridge was unsafe."],  # the reporter's own voice
    ["We argued last week that the budget was too small."],
    ['The bridge was closed after "serious damage" was found.'],  # scare quotes, no attribution
    ['The so-called "peace plan" was never published.'],
    ["It was reported that the factory would close."],  # no source
    ["The factory closed in 2019 and three hundred jobs were lost."],  # plain narration
    ["Daniel Ortiz, 34, appeared in court on Monday, charged with fraud."],  # passive participle
    ['The film "Gone With the Wind" was shown again on Sunday.'],  # a title in quotes
    ["The researchers raised the money in two weeks."],  # a content verb with no content
])
def test_not_quotes(parse, paragraphs):
    parsed, quotes, _ = run(parse, *paragraphs)
    check_records(parsed, quotes)
    assert quotes == [], [(q.speaker_name, q.text) for q in quotes]


def test_reporting_verb_inside_a_quote_is_not_a_cue(parse):
    parsed, quotes, _ = run(parse, '"As I said before, the mine will close," Karl Berg told workers.')
    assert len(quotes) == 1
    assert speaks(quotes[0], "Karl Berg")


# --------------------------------------------------------------------------- mentions inside quotes

def test_mentions_in_quote_content_are_flagged(parse):
    parsed, quotes, mentions = run(parse, '"Lucas Moreau has betrayed the party," Claire Dubois said on Monday.')
    assert quotes
    by_text = {m.text: m for m in mentions}
    assert by_text["Lucas Moreau"].in_quote is True
    assert by_text["Claire Dubois"].in_quote is False


def test_split_quote_keeps_the_speaker_out_of_the_content(parse):
    parsed, quotes, mentions = run(parse, '"We stand together," Lena Vogt said, "with every farmer in Norway."')
    assert quotes
    speaker = [m for m in mentions if m.text == "Lena Vogt"]
    assert speaker and speaker[0].in_quote is False
    norway = [m for m in mentions if m.text == "Norway"]
    assert norway and norway[0].in_quote is True


def test_words_between_the_pieces_of_a_split_quote_are_not_quoted(parse):
    parsed, quotes, mentions = run(parse, '"We stand together," Lena Vogt said in Oslo, "with every farmer in Norway."')
    hits = find(quotes, "with every farmer in Norway")
    assert hits and speaks(hits[0], "Lena Vogt")
    flags = {m.text: m.in_quote for m in mentions}
    assert flags["Oslo"] is False and flags["Norway"] is True


def test_the_step_leaves_the_actor_steps_mentions_alone(parse):
    parsed = parse('"Lucas Moreau has betrayed the party," Claire Dubois said on Monday.')
    actors, mentions = actors_for(parsed)
    before = [(m.start, m.end, m.in_quote) for m in mentions]
    quotes = extract_quotes(parsed, actors, mentions)
    marked = mark_in_quote(mentions, quotes)
    assert [(m.start, m.end, m.in_quote) for m in mentions] == before
    assert [(m.start, m.end) for m in marked] == [(m.start, m.end) for m in mentions]
    assert [m.text for m in marked if m.in_quote] == ["Lucas Moreau"]


# --------------------------------------------------------------------------- odd input never raises

@pytest.mark.parametrize("paragraphs", [
    ['"'], ["\u201c\u201c\u201c"], ['He said "'], ["\u201d closing first \u201c then opening"],
    ['She said, "one', 'two"', '"three'], ["'", "''", "\u2019\u2018"], ["\u00ab Oui \u00bb, a-t-il dit."],
    ['"\u200b"', "\ufeff\u00a0said\u00a0\u201c\u201d"], ["said said said \"\" '' \u201c\u201d"],
    [":", ": \"", "Maria Lopez:"],
])
def test_odd_marks_never_raise(parse, paragraphs):
    # after a clean quote, odd marks neither raise nor cost that quote its speaker
    parsed, quotes, _ = run(parse, '"We will rebuild the bridge," Maria Lopez said.', *paragraphs)
    check_records(parsed, quotes)
    hits = find(quotes, "We will rebuild the bridge")
    assert hits and speaks(hits[0], "Maria Lopez") and hits[0].kind == "direct", [q.text for q in quotes]


def test_empty_article_gives_no_quotes(parse):
    parsed = parse("")
    assert extract_quotes(parsed, [], []) == []


def test_no_actors_still_works(parse):
    parsed = parse('"We will win," Maria Lopez said.')
    quotes = extract_quotes(parsed, [], [])
    check_records(parsed, quotes)
    assert quotes and quotes[0].speaker_name


try:
    from hypothesis import given, settings, strategies as st

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet='ab .,:"\'\u201c\u201d\u2018\u2019\n', max_size=60))
    def test_find_quote_spans_fuzz(text):
        blocks = []
        pos = 0
        for i, part in enumerate(text.split("\n")):
            blocks.append(Block(i, "paragraph", pos, pos + len(part), part))
            pos += len(part) + 1
        for s in find_quote_spans(text, blocks):
            assert 0 <= s.open <= s.start <= s.end <= s.close <= len(text)
except ImportError:  # pragma: no cover
    pass


# --------------------------------------------------------------------------- the sample article

def test_sample_article(nlp, sample_text):
    from analysis.reading import parse_text
    from analysis.parsed import parse_article

    parsed = parse_article(nlp, parse_text(sample_text, published="2025-12-03"))
    actors, mentions = actors_for(parsed)
    quotes = extract_quotes(parsed, actors, mentions)
    check_records(parsed, quotes)
    mentions = mark_in_quote(mentions, quotes)
    named = [q for q in quotes if q.speaker_kind in ("named", "pronoun", "nominal")]
    assert len(named) >= 9
    assert all(q.speaker_id for q in named)
    assert len({q.speaker_id for q in named}) >= 8
    assert {"direct", "mixed", "indirect"} >= {q.kind for q in quotes}
    assert any(q.kind == "indirect" for q in named) and any(q.kind != "indirect" for q in named)
    groups = [q for q in quotes if q.speaker_kind == "group"]
    assert groups and all(q.speaker_id is None for q in groups)
    assert any(m.in_quote for m in mentions) and any(not m.in_quote for m in mentions)


def test_a_headline_is_a_quote_only_in_the_speaker_colon_form():
    from analysis.pipeline import analyze_article
    from analysis.reading import parse_text

    r = analyze_article(parse_text("Europe Accuses Putin of Faking Peace\n\nMinisters met on Monday. Ann Lee said "
                                   "talks would go on.", published="2025-12-03"), sentiment=False)
    assert [q.speaker_name for q in r.quotes] == ["Ann Lee"]
    r = analyze_article(parse_text('Tony Blair: "We will win the vote"\n\nMinisters met on Monday. Mr Blair spoke.',
                                   published="2005-03-07"), sentiment=False)
    assert [(q.speaker_name, q.text) for q in r.quotes] == [("Tony Blair", "We will win the vote")]


def test_a_bodys_records_speak_for_the_body_and_a_given_name_after_a_role_noun_is_kept():
    from analysis.pipeline import analyze_article
    from analysis.reading import parse_text

    r = analyze_article(parse_text("Crash\n\nAccording to Federal Aviation Administration records, the plane was "
                                   "built in 1944. Council spokesperson Barend Leyts told reporters that the rules "
                                   "had been followed.", published="2019-10-03"), sentiment=False)
    speakers = {q.speaker_name: q.text for q in r.quotes}
    assert "Federal Aviation Administration" in speakers
    assert speakers["Barend Leyts"] == "the rules had been followed"


def test_a_reported_clause_whose_subject_the_parser_cut_in_two_keeps_all_of_it():
    from analysis.pipeline import analyze_article
    from analysis.reading import parse_text

    r = analyze_article(parse_text("Camp\n\nThe SDF said hundreds of ISIS (Islamic State of Iraq and Syria) fighters "
                                   "escaped from a camp. Police told reporters the road was closed.",
                                   published="2019-10-15"), sentiment=False)
    texts = {q.speaker_name: q.text for q in r.quotes}
    assert texts["SDF"].startswith("hundreds of ISIS (Islamic State of Iraq and Syria) fighters escaped")
    assert texts["Police"] == "the road was closed"  # an addressee is no part of what was said


def test_it_and_the_firm_refer_back_to_the_organisation_that_spoke():
    from analysis.pipeline import analyze_article
    from analysis.reading import parse_text

    r = analyze_article(parse_text("Profits\n\nVestey Group said profits fell. It claimed that the court had backed "
                                   "its case. The firm said it would appeal. The Ministry of Health said cases rose. "
                                   "The ministry added that beds were short. Police said the road was shut. It said "
                                   "nothing more.", published="2005-02-02"), sentiment=False)
    by_text = {q.text: (q.speaker_name, q.speaker_kind) for q in r.quotes}
    assert by_text["the court had backed its case"] == ("Vestey Group", "pronoun")
    assert by_text["it would appeal"] == ("Vestey Group", "nominal")
    assert by_text["beds were short"] == ("Ministry of Health", "nominal")  # the noun is in the name
    assert "nothing more" not in by_text  # "it" after a group of people is no organisation


def test_a_spokesman_of_someone_speaks_for_them():
    from analysis.pipeline import analyze_article
    from analysis.reading import parse_text

    r = analyze_article(parse_text("Blair stays\n\nTony Blair has defended his record. Mr Blair's official spokesman "
                                   "said the prime minister would not resign. A spokesman said nothing else was "
                                   "planned.", published="2005-01-10"), sentiment=False)
    first, second = r.quotes
    assert (first.speaker_name, first.speaker_id, first.speaker_kind, first.speaks_for) == \
        ("Mr Blair's official spokesman", "PERSON:tony-blair", "spokesperson", "Tony Blair")
    assert second.speaker_id is None and second.speaks_for is None  # whose spokesman is not said


def test_a_group_source_the_parser_made_a_modifier_keeps_its_own_words():
    from analysis.pipeline import analyze_article
    from analysis.reading import parse_text

    r = analyze_article(parse_text("Ranch\n\nOfficials in Cojedes state said the ranch was unproductive.",
                                   published="2005-01-10"), sentiment=False)
    assert [(q.speaker_name, q.speaker_kind, q.text) for q in r.quotes] == \
        [("Officials in Cojedes state", "group", "the ranch was unproductive")]


def test_a_closing_quote_does_not_run_over_its_own_attribution():
    from analysis.pipeline import analyze_article
    from analysis.reading import parse_text

    r = analyze_article(parse_text('Apology\n\n"I am sorry for what happened to you," Mr Blair said in a statement '
                                   'read out at the meeting.', published="2005-02-09"), sentiment=False)
    assert [(q.text, q.kind) for q in r.quotes] == [("I am sorry for what happened to you,", "direct")]


def test_a_quote_left_open_never_runs_over_narrative_and_another_speaker():
    from analysis.pipeline import analyze_article
    from analysis.reading import parse_text

    text = ('Apology\n\nGerry Conlon said: "It was a good day. Tony Blair visited Ireland on Monday. Mr Blair said '
            'he was sorry. "We are glad," said the families.')
    r = analyze_article(parse_text(text, published="2005-02-09"), sentiment=False)
    got = [(q.speaker_name, q.text) for q in r.quotes]
    assert got == [("Gerry Conlon", "It was a good day."), ("Tony Blair", "he was sorry"),
                   ("families", "We are glad,")]
    # a long quote with a nested single-marked quote stays whole
    r = analyze_article(parse_text('''Vote\n\n"We will go on. He said 'never' and meant it," said Ann Lee.''',
                                   published="2005-02-09"), sentiment=False)
    assert [q.text for q in r.quotes] == ["We will go on. He said 'never' and meant it,"]


def test_a_statement_named_by_its_abstract_object_is_reported_and_a_vehicle_or_a_person_is_not():
    from analysis.pipeline import analyze_article
    from analysis.reading import parse_text

    r = analyze_article(parse_text("Troops\n\nThe United States announced a complete withdrawal from the region. "
                                   "Ann Lee denied the allegations. Bo Dale posted a message on Facebook. Cy Ray "
                                   "told reporters nothing.", published="2019-10-15"), sentiment=False)
    got = {q.text: q.speaker_name for q in r.quotes}
    assert got.get("a complete withdrawal from the region") == "United States"
    assert got.get("the allegations") == "Ann Lee"
    assert not any("message" in t or "reporters" in t for t in got)


def test_a_speaker_the_parser_hung_on_the_name_before_still_speaks_and_he_is_him():
    from analysis.pipeline import analyze_article
    from analysis.reading import parse_text

    r = analyze_article(parse_text("Plan\n\nAsked about Gordon Brown, Ed Balls said the plan was sound. He also "
                                   "said taxes would stay low.", published="2005-03-16"), sentiment=False)
    assert [(q.speaker_name, q.text) for q in r.quotes] == [("Ed Balls", "the plan was sound"),
                                                            ("Ed Balls", "taxes would stay low")]


def test_content_stops_at_an_according_to_attribution():
    from analysis.pipeline import analyze_article
    from analysis.reading import parse_text

    r = analyze_article(parse_text("Plan\n\nEd Balls said the plan was sound, according to Gordon Brown's aides.",
                                   published="2005-03-16"), sentiment=False)
    assert {q.text for q in r.quotes} == {"the plan was sound"}


def test_the_n_year_old_is_the_person_named_with_that_age():
    from analysis.pipeline import analyze_article
    from analysis.reading import parse_text

    r = analyze_article(parse_text("Freed\n\nGerry Conlon, 52, spent 15 years in jail. The 52-year-old said he felt "
                                   "relieved. Anna Kowalczyk, 34, was at the scene. The 60-year-old said nothing "
                                   "was wrong.", published="2005-02-09"), sentiment=False)
    assert [(q.speaker_name, q.speaker_kind, q.text) for q in r.quotes] == \
        [("Gerry Conlon", "nominal", "he felt relieved")]  # no one was named aged 60


def test_a_bodys_spokesperson_speaks_for_the_body():
    from analysis.pipeline import analyze_article
    from analysis.reading import parse_text

    r = analyze_article(parse_text("Sales\n\nTesco said sales rose. A Tesco spokeswoman said stores would stay open.",
                                   published="2020-06-21"), sentiment=False)
    q = r.quotes[1]
    assert (q.speaker_name, q.speaker_id, q.speaker_kind, q.speaks_for) == \
        ("A Tesco spokeswoman", "ORG:tesco", "spokesperson", "Tesco")


# -- "they" and group sources, through the whole pipeline ---------------------------------------

def _pipeline_quotes(text: str):
    from analysis.pipeline import analyze_article
    from analysis.reading import parse_text

    result = analyze_article(parse_text(text, published="2020-12-26"), sentiment=False)
    assert result.problems == []
    return result.quotes


def test_they_after_an_organisation_subject_is_that_organisation():
    quotes = _pipeline_quotes("Outbreak at base\n\nThe Chilean Navy reported 36 cases at the base on Monday. "
                              "They said that the crew had been moved to Punta Arenas.")
    last = quotes[-1]
    assert last.text.startswith("the crew had been moved")
    assert (last.speaker_name, last.speaker_kind) == ("Chilean Navy", "pronoun")


def test_they_after_people_is_not_the_organisation_before_them():
    quotes = _pipeline_quotes("Talks end\n\nThe Foreign Ministry hosted the talks. Ana Ruiz and Tomas Berg "
                              "attended. They said that the deal was close.")
    last = quotes[-1]
    assert last.text.startswith("the deal was close") and last.speaker_name != "Foreign Ministry"


def test_a_group_source_is_named_without_the_clause_after_it():
    quotes = _pipeline_quotes("Bombing claimed\n\nThe Islamic Front of Aram and the Levant, which is linked to "
                              "other groups, said that it had planted the bombs.")
    assert quotes and "which" not in (quotes[0].speaker_name or "")


def test_a_statement_issued_with_a_participle_reports_what_the_participle_says():
    quotes = _pipeline_quotes("Talks fail\n\nTesco issued a statement saying the talks with the union had failed.")
    assert [(q.speaker_name, q.text) for q in quotes] == [("Tesco", "the talks with the union had failed")]


def test_a_statement_with_a_that_clause_reports_the_clause_but_not_a_relative_clause():
    quotes = _pipeline_quotes("Talks fail\n\nTesco released a statement that the talks had failed.")
    assert [(q.speaker_name, q.text) for q in quotes] == [("Tesco", "the talks had failed")]
    assert _pipeline_quotes("Talks fail\n\nTesco released a statement that it had written.") == []


def test_a_gerund_and_a_claimed_infinitive_are_the_statement():
    quotes = _pipeline_quotes("Memories\n\nJohn Okafor recalled receiving a toy train at the age of ten. "
                              "Mary Okafor later claimed to have no memory of the night.")
    assert [(q.speaker_name, q.text) for q in quotes] == [
        ("John Okafor", "receiving a toy train at the age of ten"),
        ("Mary Okafor", "to have no memory of the night")]


def test_an_infinitive_of_an_agreement_or_a_passive_reports_nothing():
    assert _pipeline_quotes("Fine\n\nJohn Okafor agreed to pay the fine. He declined to comment.") == []
    assert _pipeline_quotes("Missing\n\nJohn Okafor was reported missing on Thursday by the police.") == []


def test_a_cue_between_commas_reports_the_clause_it_interrupts():
    quotes = _pipeline_quotes("Plan\n\nThe plan, John Okafor added, would cost billions.")
    assert len(quotes) == 1 and quotes[0].speaker_name == "John Okafor"
    texts = [quotes[0].text[s - quotes[0].start:e - quotes[0].start] for s, e in quotes[0].pieces]
    assert texts == ["The plan", "would cost billions"]


def test_an_abstract_object_keeps_what_follows_it_in_the_clause():
    quotes = _pipeline_quotes("Pledge\n\nMaria Okafor promised protests every week until the council resigned, "
                              "with marches on Sundays.")
    assert [(q.speaker_name, q.text) for q in quotes] == [
        ("Maria Okafor", "protests every week until the council resigned")]


def test_a_passive_with_its_agent_states_its_subject():
    quotes = _pipeline_quotes("Death\n\nHis death was confirmed by his son, Peter Okafor.")
    assert [(q.speaker_name, q.text) for q in quotes] == [("Peter Okafor", "His death")]


def test_they_after_an_organisations_statement_is_that_organisation_and_after_a_person_is_not():
    quotes = _pipeline_quotes('Inmate hurt\n\nThe Nevada Department of Corrections issued a statement that an '
                              'inmate had been stabbed. "There was an assault," it said. They also said they '
                              'believed they had found the attacker.')
    assert [q.speaker_name for q in quotes] == ["Nevada Department of Corrections"] * 3
    quotes = _pipeline_quotes("Road\n\nJohn Okafor said the road was closed. They added that it would reopen.")
    assert quotes[-1].speaker_name == "They" and quotes[-1].speaker_id is None


def test_a_group_source_is_named_without_its_article():
    quotes = _pipeline_quotes("Ruling\n\nThe government of Tuvalu issued a statement saying the ruling was wrong.")
    assert [(q.speaker_name, q.speaker_kind) for q in quotes] == [("government of Tuvalu", "group")]


def test_a_second_complement_of_the_same_cue_is_the_same_statement():
    quotes = _pipeline_quotes("Pipeline\n\nJohn Okafor spoke on Monday. The estimated cost is six billion euros, but "
                              "the saturation of the gas markets is likely to keep investors away, he noted.")
    assert quotes[-1].text == ("The estimated cost is six billion euros, but the saturation of the gas markets "
                               "is likely to keep investors away")


def test_a_present_tense_clause_after_a_past_cue_is_the_speakers_but_a_past_one_is_narrative():
    quotes = _pipeline_quotes("Student\n\nDenis Okafor said he was interested in surgery from the first year, but "
                              "in his home region there are no suitably equipped clinics.")
    assert quotes[0].text.endswith("there are no suitably equipped clinics")
    quotes = _pipeline_quotes("Deal\n\nJohn Okafor said the deal was done, and the market rose.")
    assert [q.text for q in quotes] == ["the deal was done"]


def test_according_to_after_a_semicolon_reports_only_its_own_clause():
    quotes = _pipeline_quotes("Trial\n\nThe government suggested the debt was a factor; according to prosecutors, "
                              "he owed over $850,000 in taxes.")
    assert [(q.speaker_name, q.text) for q in quotes] == [
        ("government", "the debt was a factor"), ("prosecutors", "he owed over $850,000 in taxes")]


def test_an_accusation_keeps_the_verbs_own_modifiers_and_a_time_clause_stays_in_the_statement():
    quotes = _pipeline_quotes("Unrest\n\nDonald Okafor blamed the council for the unrest in several cities "
                              "throughout 2020.")
    assert quotes[0].text == "the council for the unrest in several cities throughout 2020"
    quotes = _pipeline_quotes("Inquiry\n\nFordham Motors said the inquiry started after the firm disclosed the "
                              "matter.")
    assert quotes[0].text == "the inquiry started after the firm disclosed the matter"


def test_a_stated_belief_is_attributed_but_not_a_belief_inside_a_statement_or_a_decision():
    assert [(q.speaker_name, q.text) for q in _pipeline_quotes(
        "Killing\n\nPolice believe the man fled to the coast.")] == [("Police", "the man fled to the coast")]
    quotes = _pipeline_quotes("Verdict\n\nAnn Okafor said she believed her son was innocent.")
    assert [(q.speaker_name, q.text) for q in quotes] == [("Ann Okafor", "she believed her son was innocent")]
    assert _pipeline_quotes("Row\n\nThe courts should decide who holds the office.") == []


def test_a_reporting_verb_the_lemmatiser_cut_is_still_a_cue():
    quotes = _pipeline_quotes("Suits\n\nMark Okafor hopes the new fabric would reduce accidents.")
    assert [(q.speaker_name, q.cue) for q in quotes] == [("Mark Okafor", "hopes")]


def test_hailing_something_as_something_is_a_statement():
    quotes = _pipeline_quotes("Pipeline\n\nThe Unity Party hailed the pipeline as an advance for the nation.")
    assert [q.text for q in quotes] == ["the pipeline as an advance for the nation"]


def test_a_second_he_in_the_sentence_of_a_he_cue_is_the_same_speaker_not_a_name_in_the_statement():
    quotes = _pipeline_quotes('Resignation\n\nPresident Vlad Okafor met Prime Minister Ivan Petrenko. Petrenko filed '
                              'his resignation on Wednesday. He said Okafor is "a model of honesty for me"; however, '
                              '"to remove any doubts, I wrote a resignation offer", he added.')
    assert {q.speaker_name for q in quotes} == {"Ivan Petrenko"}


def test_a_tag_after_a_statement_relays_it_and_each_source_keeps_its_own_words():
    quotes = _pipeline_quotes("Pipeline\n\nIn December, a Turkish official said that the new pipeline renders the "
                              "other project unnecessary, the Cyprus Herald reported.")
    got = {q.speaker_name: q.text for q in quotes}
    assert got["a Turkish official"] == "the new pipeline renders the other project unnecessary"
    assert got["Cyprus Herald"].startswith("In December, a Turkish official said that the new pipeline")


def test_the_party_leader_after_the_lead_is_the_lead_speaking():
    quotes = _pipeline_quotes("Tax pledge\n\nJane Okafor has promised lower taxes for families.\n\nThe Tory leader "
                              "said the plans were fully costed.")
    assert [(q.speaker_name, q.speaker_kind) for q in quotes][-1] == ("Jane Okafor", "nominal")


def test_a_spokesman_for_an_organisation_speaks_for_it():
    quotes = _pipeline_quotes("Stake sold\n\nTesco sold its stake on Monday. A spokesman for Tesco said the deal "
                              "was done.")
    q = quotes[-1]
    assert (q.speaker_kind, q.speaks_for, q.speaker_id) == ("spokesperson", "Tesco", "ORG:tesco")


def test_in_his_opinion_states_the_rest_of_the_sentence_but_in_his_office_does_not():
    quotes = _pipeline_quotes("Clinic\n\nAlbert Okafor heads the clinic. In his opinion, the hardest part was the "
                              "theory. In his office, the papers were stacked.")
    assert [(q.speaker_name, q.cue, q.text) for q in quotes] == [
        ("Albert Okafor", "In his opinion", "the hardest part was the theory")]


def test_a_statement_by_several_named_sources_is_credited_to_each_and_none_is_anothers_target():
    quotes = _pipeline_quotes("Deal\n\nAnn Okafor and Tom Berg said the deal with Canada was a disaster.")
    assert [q.speaker_name for q in quotes] == ["Ann Okafor", "Tom Berg"]
    assert all({t.actor for t in q.targets} <= {"Canada"} for q in quotes)
    quotes = _pipeline_quotes("Claim\n\nThe Islamic Front of Aram and the Levant claimed responsibility.")
    assert len(quotes) <= 1  # an organisation's name with a place inside it is one source
    assert _pipeline_quotes("Talks\n\nCanada and its allies said the talks were close.")[0].speaker_kind == "group"
