"""Target-dependent sentiment: encoding, the shipped model, article scoring, aggregation, CLI."""
from __future__ import annotations

import io
import json
import math

import pytest

from analysis import sentiment as S
from analysis.records import Actor, Mention, MentionSentiment, Problem, Quote, QuoteTarget
from analysis.sentiment import model as model_module
from analysis.sentiment import scoring


@pytest.fixture(scope="module")
def model():
    try:
        return S.get_model()
    except S.ModelNotAvailableError as exc:  # pragma: no cover - the model ships with the repo
        pytest.fail(f"shipped model missing: {exc}")


def span(text: str, target: str, nth: int = 0) -> tuple[str, int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(target, start + 1)
    return text, start, start + len(target)


# --------------------------------------------------------------------------- encoding


def test_markers_wrap_the_target_exactly(model):
    text, s, e = span("The mayor of Springfield praised Dr. Okafor warmly.", "Dr. Okafor")
    (enc,) = model.encode([(text, s, e)])
    toks = [model.tokenizer.id_to_token(i) for i in enc.ids]
    assert toks[0] == "[CLS]" and toks[-1] == "[SEP]"
    assert toks[enc.marker] == "[unused0]"
    assert "".join(t.lstrip("#") for t in toks[enc.tgt_start:enc.tgt_end]) == "dr.okafor"
    assert toks[enc.marker - 1] == "praised"
    assert toks[enc.tgt_end] == "[unused1]"


def test_long_sentence_is_cut_to_a_window_around_the_target(model):
    filler = " ".join(f"word{i}" for i in range(300))
    text = f"{filler} Minister Halvorsen denied everything. {filler}"
    _, s, e = span(text, "Halvorsen")
    (enc,) = model.encode([(text, s, e)])
    assert len(enc.ids) <= model.max_len
    toks = [model.tokenizer.id_to_token(i) for i in enc.ids]
    assert "hal" in "".join(toks[enc.tgt_start:enc.tgt_end])
    # the window keeps context on both sides of the target
    assert enc.marker > 10 and len(enc.ids) - enc.tgt_end > 10


@pytest.mark.parametrize("item", [
    ("", 0, 0),
    ("Short.", 3, 3),          # empty span
    ("Short.", 4, 2),          # start after end
    ("Short.", -5, 500),       # out of range
    ("Emoji 😀 and\u200bzero-width « quotes »", 6, 7),
    ("Unbalanced “quote and ‘more", 0, 10),
])
def test_odd_items_never_raise(model, item):
    ((label, score),) = model.predict([item])
    assert label in S.LABELS and -1.0 <= score <= 1.0


def test_empty_batch(model):
    assert model.predict([]) == []


# --------------------------------------------------------------------------- the model


@pytest.mark.parametrize("sentence,target,expected", [
    ("Critics called Senator Brandt a liar and a coward who betrayed his own voters.", "Senator Brandt", "negative"),
    ("Protesters accused Governor Lindqvist of covering up the abuse scandal and lying to families.",
     "Governor Lindqvist", "negative"),
    ("Doctors praised Maria Oduya for her heroic work saving hundreds of lives during the flood.",
     "Maria Oduya", "positive"),
    ("Fans cheered as the brilliant Kowalski delivered a stunning, record-breaking performance.",
     "Kowalski", "positive"),
    ("Hans Berger will travel to Geneva on Thursday for the annual meeting.", "Hans Berger", "neutral"),
    ("The finance ministry published its quarterly report on Monday.", "The finance ministry", "neutral"),
])
def test_clear_cases(model, sentence, target, expected):
    ((label, score),) = model.predict([span(sentence, target)])
    assert label == expected, (label, score)


def test_stance_depends_on_the_target(model):
    text = "Judge Amara Diallo ruled that Kessler had defrauded his investors."
    (l1, s1), (l2, s2) = model.predict([span(text, "Kessler"), span(text, "Judge Amara Diallo")])
    assert l1 == "negative" and l2 != "negative"
    assert s2 > s1 + 0.5


def test_batched_equals_one_by_one(model):
    items = [
        span("Hans Berger will travel to Geneva on Thursday.", "Hans Berger"),
        span("Critics called Senator Brandt a liar and a coward who betrayed his own voters, "
             "and many said the senator should resign at once.", "Senator Brandt"),
        span("Doctors praised Maria Oduya.", "Maria Oduya"),
    ]
    batched = model.predict(items)
    single = [model.predict([it])[0] for it in items]
    # int8 dynamic quantisation scales activations per batch tensor, so batch
    # neighbours shift a score slightly; the padding itself must not matter more.
    for (lb, sb), (ls, ss) in zip(batched, single):
        assert math.isclose(sb, ss, abs_tol=0.05)


# --------------------------------------------------------------------------- lexicon view


@pytest.mark.parametrize("text,sign", [
    ("What a wonderful, generous and kind gesture.", 1),
    ("This is a horrible, cruel and disgusting crime.", -1),
    ("The meeting is on Tuesday.", 0),
])
def test_lexicon_scores(text, sign):
    lex = S.lexicon_scores(text)
    assert set(lex) == {"polarity", "subjectivity", "vader"}
    assert 0.0 <= lex["subjectivity"] <= 1.0
    if sign:
        assert lex["vader"] * sign > 0.3
    else:
        assert abs(lex["vader"]) < 0.2


@pytest.mark.parametrize("text", ["", "   ", None, 42])
def test_lexicon_scores_on_odd_input(text):
    assert S.lexicon_scores(text) == {"polarity": 0.0, "subjectivity": 0.0, "vader": 0.0}


@pytest.mark.parametrize("score,label", [
    (0.5, "positive"), (-0.5, "negative"), (0.0, "neutral"), (0.05, "neutral"), (None, None), (float("nan"), None),
])
def test_label_of(score, label):
    assert S.label_of(score) == label


@pytest.mark.parametrize("score,counts,label", [
    (-0.2, {"negative": 0, "neutral": 3, "positive": 0}, "neutral"),   # leaning, but no mention is negative
    (-0.2, {"negative": 1, "neutral": 3, "positive": 0}, "negative"),
    (0.4, {"negative": 0, "neutral": 1, "positive": 1}, "positive"),
    (0.02, {"negative": 1, "neutral": 0, "positive": 1}, "neutral"),
])
def test_label_of_with_counts(score, counts, label):
    assert S.label_of(score, counts=counts) == label


# --------------------------------------------------------------------------- score_article


def mention(parsed, actor: Actor, surface: str, nth: int = 0, in_quote: bool = False) -> Mention:
    text = parsed.article.text
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    s = parsed.sentence_at(start)
    return Mention(start, start + len(surface), surface, actor.type, actor.id, s.index, s.block_index, in_quote)


@pytest.fixture(scope="module")
def scored(parse, model):
    parsed = parse(
        "General Tomas Vrana ordered the shelling of hospitals, killing dozens of civilians.",
        "Norway’s Foreign Minister Helga Sund said Vrana was “a war criminal who must face justice”.",
        "Sund will visit Oslo on Friday.",
    )
    vrana = Actor(id="PERSON:tomas-vrana", name="Tomas Vrana", type="PERSON")
    sund = Actor(id="PERSON:helga-sund", name="Helga Sund", type="PERSON")
    oslo = Actor(id="GPE:oslo", name="Oslo", type="GPE")
    friday = Actor(id="DATE:friday", name="Friday", type="DATE")
    norway = Actor(id="GPE:NO", name="Norway", type="GPE")
    text = parsed.article.text
    q_start = text.index("“") + 1
    q_end = text.index("”")
    mentions = [
        mention(parsed, vrana, "Tomas Vrana"),
        mention(parsed, sund, "Helga Sund"),
        mention(parsed, vrana, "Vrana", nth=1),
        mention(parsed, sund, "Sund", nth=1),
        mention(parsed, oslo, "Oslo"),
        mention(parsed, friday, "Friday"),
        mention(parsed, norway, "Norway"),
    ]
    s = parsed.sentence_at(q_start)
    sp = text.index("Helga Sund")
    quote = Quote(start=q_start, end=q_end, text=text[q_start:q_end], kind="direct", cue="said",
                  cue_start=None, cue_end=None, speaker_id=sund.id, speaker_name=sund.name, speaker_nation=None,
                  speaker_kind="named", speaker_start=sp, speaker_end=sp + len("Helga Sund"),
                  sentence_index=s.index, block_index=s.block_index)
    actors = [vrana, sund, oslo, friday, norway]
    result = S.score_article(parsed, actors, mentions, [quote], model=model)
    return parsed, actors, quote, result


def test_score_article_portrayal(scored):
    parsed, _, _, result = scored
    assert result.problems == []
    assert all(isinstance(r, MentionSentiment) for r in result.sentiments)
    text = parsed.article.text
    assert {text[r.start:r.end] for r in result.sentiments} == {"Tomas Vrana", "Vrana", "Helga Sund", "Sund",
                                                                 "Oslo", "Norway"}
    for r in result.sentiments:
        assert -1.0 <= r.score <= 1.0 and r.label in S.LABELS
    assert not any(r.actor_id == "DATE:friday" for r in result.sentiments)  # not an actor type we score
    actors = {a.id: a for a in result.actors}
    vrana = actors["PERSON:tomas-vrana"]
    assert vrana.portrayal_label == "negative" and vrana.portrayal < 0
    assert sum(vrana.portrayal_counts.values()) == 2  # both mentions are outside quote content
    assert actors["DATE:friday"].portrayal is None


def test_score_article_tone_and_stance(scored):
    _, _, _, result = scored
    actors = {a.id: a for a in result.actors}
    (quote,) = result.quotes
    assert quote.tone is not None and quote.tone < 0  # "war criminal ... face justice"
    assert 0.0 <= quote.subjectivity <= 1.0 and -1.0 <= quote.polarity <= 1.0  # the lexicon view (TextBlob)
    assert actors["PERSON:helga-sund"].tone == quote.tone
    assert actors["PERSON:tomas-vrana"].tone is None  # not a speaker
    # never the speaker herself, nor the country that only describes her ("Norway’s Foreign Minister")
    assert [t.actor_id for t in quote.targets] == ["PERSON:tomas-vrana"]
    (t,) = quote.targets
    assert isinstance(t, QuoteTarget) and t.actor == "Tomas Vrana" and t.label == "negative" and t.polarity < 0


def test_score_article_stance_matrix(scored):
    _, _, _, result = scored
    (row,) = S.stance_matrix(result.quotes)
    assert (row["speaker"], row["target"], row["label"], row["n"]) == ("Helga Sund", "Tomas Vrana", "negative", 1)


def test_score_article_on_nothing(parse, model):
    parsed = parse("Nothing happens here.")
    assert S.score_article(parsed, [], [], [], model=model) == S.SentimentResult([], [], [], [])


def test_score_article_survives_bad_records(parse, model):
    parsed = parse("Anna Holm met the press.")
    a = Actor(id="PERSON:anna-holm", name="Anna Holm", type="PERSON")
    bad = [Mention(500, 510, "x", "PERSON", a.id, 99, 0),        # beyond the text
           Mention(0, 9, "Anna Holm", "PERSON", "PERSON:unknown", 0, 0),  # unknown actor
           Mention(0, 9, "Anna Holm", "PERSON", a.id, 42, 0)]   # wrong sentence index
    out = S.score_article(parsed, [a], bad, [], model=model)
    assert len(out.sentiments) == 1 and out.sentiments[0].start == 0 and out.actors[0].portrayal is not None


def test_a_place_named_as_people_is_a_collective_actor(parse, model):
    """Europe with "European officials" folded in is portrayed; a river named only as a place is not."""
    parsed = parse("European officials condemned the shelling of the Danube port.")
    europe = Actor(id="LOC:europe", name="Europe", type="LOC")
    danube = Actor(id="LOC:danube", name="Danube", type="LOC")
    m_eu = mention(parsed, europe, "European")
    m_eu.label = "NORP"  # how the demonym reached the place's actor
    m_da = mention(parsed, danube, "Danube")
    m_da.label = "LOC"
    result = S.score_article(parsed, [europe, danube], [m_eu, m_da], [], model=model)
    assert {r.actor_id for r in result.sentiments} == {"LOC:europe"}
    europe, danube = result.actors
    assert europe.portrayal is not None and danube.portrayal is None


def test_score_article_leaves_its_inputs_alone(scored):
    """A step returns new records: the actors and quotes it was given are as the earlier steps made them."""
    _, actors, quote, result = scored
    assert all(new is not old for new, old in zip(result.actors, actors))
    assert [a.id for a in result.actors] == [a.id for a in actors]
    assert result.quotes[0] is not quote
    assert all(a.portrayal is None and a.portrayal_counts == {} and a.tone is None for a in actors)
    assert quote.tone is None and quote.subjectivity is None and quote.polarity is None and quote.targets == []
    assert result.actors[0].portrayal is not None and result.quotes[0].targets  # ... while the new ones carry it


def _holm_disaster(parse):
    parsed = parse("Anna Holm said the plan was “a disaster”.")
    a = Actor(id="PERSON:anna-holm", name="Anna Holm", type="PERSON")
    m = mention(parsed, a, "Anna Holm")
    text = parsed.article.text
    q = Quote(start=text.index("a disaster"), end=text.index("”"), text="a disaster", kind="direct", cue="said",
              cue_start=None, cue_end=None, speaker_id=a.id, speaker_name=a.name, speaker_nation=None,
              speaker_kind="named", speaker_start=None, speaker_end=None, sentence_index=0, block_index=0)
    return parsed, a, m, q


def _no_model():
    raise S.ModelNotAvailableError("target-sentiment model not loadable from /nowhere: no config.json")


def test_score_article_without_a_model_keeps_the_lexicon_view_and_says_so(parse, monkeypatch):
    monkeypatch.setattr(scoring, "get_model", _no_model)
    parsed, a, m, q = _holm_disaster(parse)
    out = S.score_article(parsed, [a], [m], [q])
    assert out.problems == [Problem("sentiment", "target-sentiment model unavailable: target-sentiment model "
                                                 "not loadable from /nowhere: no config.json")]
    assert out.sentiments == []
    ((q2,), (a2,)) = out.quotes, out.actors
    assert q2.tone is not None and q2.tone < 0 and a2.tone == q2.tone  # the lexicon view stands
    assert q2.subjectivity is not None and q2.polarity is not None
    assert a2.portrayal is None and q2.targets == []


class _BrokenModel:
    def predict(self, items):
        raise RuntimeError("boom")


def test_a_failing_model_is_an_error_not_an_empty_view(parse):
    """Only a missing model is expected; a model that raises while scoring is an error for the pipeline."""
    parsed, a, m, q = _holm_disaster(parse)
    with pytest.raises(RuntimeError, match="boom"):
        S.score_article(parsed, [a], [m], [q], model=_BrokenModel())


def test_pipeline_records_the_sentiment_problem(nlp, monkeypatch):
    """Through the pipeline: the model's absence is a Problem on the article, and quote tone is still filled."""
    from analysis.pipeline import analyze_article
    from analysis.reading import parse_text

    monkeypatch.setattr(scoring, "get_model", _no_model)
    result = analyze_article(parse_text("Anna Holm, the mayor, said the plan was “a terrible disaster”."), nlp)
    assert [p for p in result.problems if p.step == "sentiment"] == [
        Problem("sentiment", "target-sentiment model unavailable: target-sentiment model not loadable from "
                             "/nowhere: no config.json")]
    assert result.quotes and all(q.tone is not None for q in result.quotes)
    assert result.sentiments == [] and all(a.portrayal is None for a in result.actors)

    monkeypatch.setattr(scoring, "get_model", lambda: _BrokenModel())
    result = analyze_article(parse_text("Anna Holm, the mayor, said the plan was “a terrible disaster”."), nlp)
    assert Problem("sentiment", "RuntimeError: boom") in result.problems
    assert result.actors and result.quotes  # the earlier steps' records are kept as they were


@pytest.mark.parametrize("broken", ["missing", "lfs-pointer", "bad-config", "bad-onnx"])
def test_unloadable_model_files_are_model_not_available(tmp_path, broken):
    for name in ("config.json", "tokenizer.json", "model.int8.onnx"):
        (tmp_path / name).write_bytes((S.MODEL_DIR / name).read_bytes())
    if broken == "missing":
        (tmp_path / "tokenizer.json").unlink()
    elif broken == "lfs-pointer":
        (tmp_path / "tokenizer.json").write_text("version https://git-lfs.github.com/spec/v1\noid sha256:00\n")
    elif broken == "bad-config":
        (tmp_path / "config.json").write_text('{"labels": ["negative", "neutral", "positive"]}')
    else:
        (tmp_path / "model.int8.onnx").write_bytes(b"not a model")
    with pytest.raises(S.ModelNotAvailableError):
        S.TargetSentimentModel(tmp_path)


# --------------------------------------------------------------------------- aggregation


def _ms(aid: str, score: float, label: str, in_quote: bool = False, i: int = 0) -> MentionSentiment:
    return MentionSentiment(actor_id=aid, start=i, end=i + 1, sentence_index=i, label=label, score=score,
                            in_quote=in_quote)


def test_aggregate_portrayal_and_evidence():
    ms = [_ms("A", -0.9, "negative", i=1), _ms("A", -0.2, "neutral", i=2), _ms("A", 0.8, "positive", i=3),
          _ms("A", -0.95, "negative", in_quote=True, i=4), _ms("B", 0.0, "neutral", i=5)]
    agg = S.aggregate_portrayal(ms)
    assert agg["A"]["n"] == 3 and agg["A"]["counts"] == {"negative": 1, "neutral": 1, "positive": 1}
    assert math.isclose(agg["A"]["mean"], round((-0.9 - 0.2 + 0.8) / 3, 4))
    assert agg["B"]["label"] == "neutral"
    ev = S.portrayal_evidence(ms, "A", k=2)
    assert [e.sentence_index for e in ev["negative"]] == [1]  # the in-quote one is the speaker's, not the reporter's
    assert [e.sentence_index for e in ev["positive"]] == [3]


def _quote(speaker: str | None, targets: list[tuple[str, float]]) -> Quote:
    return Quote(start=0, end=1, text="x", kind="direct", cue=None, cue_start=None, cue_end=None,
                 speaker_id=speaker, speaker_name=speaker, speaker_nation=None, speaker_kind="named",
                 speaker_start=None, speaker_end=None, sentence_index=0, block_index=0,
                 targets=[QuoteTarget(actor_id=t, actor=t, polarity=p, label=S.label_of(p)) for t, p in targets])


def test_stance_matrix_merges_over_quotes():
    rows = S.stance_matrix([_quote("S1", [("T", -0.8)]), _quote("S1", [("T", -0.4), ("U", 0.6)]),
                            _quote(None, [("T", 0.9)])])
    got = {(r["speaker"], r["target"]): (r["polarity"], r["label"], r["n"]) for r in rows}
    assert got == {("S1", "T"): (-0.6, "negative", 2), ("S1", "U"): (0.6, "positive", 1)}


# --------------------------------------------------------------------------- command line


def test_cli_round_trip(model):
    lines = [json.dumps({"text": t, "start": s, "end": e}) for t, s, e in (
        span("Critics called Senator Brandt a liar and a coward who betrayed his own voters.", "Senator Brandt"),
        span("Hans Berger will travel to Geneva on Thursday for the annual meeting.", "Hans Berger"),
    )]
    out, err = io.StringIO(), io.StringIO()
    assert S.run_target_sentiment_cli(io.StringIO("\n".join(lines) + "\n\n"), out, err) == 0
    got = [json.loads(x) for x in out.getvalue().splitlines()]
    assert [g["label"] for g in got] == ["negative", "neutral"]
    assert all(-1 <= g["score"] <= 1 for g in got) and err.getvalue() == ""


@pytest.mark.parametrize("line,needle", [
    ("{not json", "line 2: not valid JSON"),
    ('["a", 0, 1]', "line 2: expected a JSON object"),
    ('{"text": "", "start": 0, "end": 0}', "non-empty"),
    ('{"text": "abc", "start": "0", "end": 2}', "'start' must be an integer"),
    ('{"text": "abc", "start": 0, "end": 9}', "need 0 <= start < end"),
    ('{"text": "abc", "start": 2, "end": 1}', "need 0 <= start < end"),
])
def test_cli_malformed_line(line, needle):
    good = json.dumps({"text": "Anna Holm spoke.", "start": 0, "end": 9})
    out, err = io.StringIO(), io.StringIO()
    code = S.run_target_sentiment_cli(io.StringIO(good + "\n" + line + "\n"), out, err)
    assert code != 0 and out.getvalue() == ""
    msg = err.getvalue()
    assert needle in msg and msg.count("\n") == 1 and "Traceback" not in msg


# --------------------------------------------------------------------------- the sample


def test_sample_portrayal(parse, sample_text, model):
    """On the sample, the most-mentioned person is portrayed negatively (checked generically)."""
    paras = [p for p in sample_text.split("\n") if p.strip()]
    parsed = parse(*paras)
    actors: dict[str, Actor] = {}
    mentions = []
    for bd in parsed.block_docs:
        for ent in bd.doc.ents:
            if ent.label_ not in S.SENTIMENT_TYPES:
                continue
            # surnames and full names as one actor: key on the last word
            aid = f"{ent.label_}:{ent.text.split()[-1].lower().replace('’s', '')}"
            actors.setdefault(aid, Actor(id=aid, name=ent.text, type=ent.label_))
            s, e = bd.offsets(ent)
            mentions.append(Mention(s, e, ent.text, ent.label_, aid, bd.sentence_index(ent), bd.block.index))
    out = S.score_article(parsed, list(actors.values()), mentions, [], model=model)
    assert len(out.sentiments) == len(mentions)
    persons = [a for a in out.actors if a.type == "PERSON"]
    top = max(persons, key=lambda a: sum(1 for m in mentions if m.actor_id == a.id))
    assert top.portrayal_label == "negative", (top.name, top.portrayal, top.portrayal_counts)


def test_default_threads_follow_the_cpu_affinity(monkeypatch):
    """Under `taskset -c 0` two ORT threads would fight over one core: the default counts usable cores."""
    monkeypatch.delenv("NEWSLENS_SENTIMENT_THREADS", raising=False)
    monkeypatch.setattr(model_module.os, "sched_getaffinity", lambda pid: {0}, raising=False)
    assert S.usable_cores() == 1
    assert S.TargetSentimentModel().threads == 1
    monkeypatch.setattr(model_module.os, "sched_getaffinity", lambda pid: {0, 1, 2, 3}, raising=False)
    assert S.TargetSentimentModel().threads == 2
    monkeypatch.setenv("NEWSLENS_SENTIMENT_THREADS", "1")
    assert S.TargetSentimentModel().threads == 1


def test_sample_end_to_end_portrayal_and_stance(nlp, sample_text):
    """The whole pipeline on the sample: our own reading of the article, written down as expectations."""
    from analysis.reading import parse_text
    from analysis.pipeline import analyze_article

    result = analyze_article(parse_text(sample_text, published="2025-12-03"), nlp)
    by_name = {a.name: a for a in result.actors}
    assert by_name["Vladimir Putin"].portrayal_label == "negative"
    matrix = {(r["speaker"], r["target"]): r["label"] for r in S.stance_matrix(result.quotes)}
    for speaker in ("Yvette Cooper", "Andrii Sybiha", "Margus Tsahkna"):
        assert matrix.get((speaker, "Vladimir Putin")) == "negative", (speaker, matrix)
    # Putin accused European governments: Europe, with "European" folded in, is a collective actor
    assert matrix.get(("Vladimir Putin", "Europe")) == "negative", matrix
