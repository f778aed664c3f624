"""Analyses as plain data: what ``analysis_to_dict`` writes, ``analysis_from_dict`` gives back whole."""
from __future__ import annotations

import json

import pytest

from analysis.records import (RECORDS_FORMAT, Actor, ArticleAnalysis, Event, Mention, MentionSentiment, Problem,
                              Quote, QuoteTarget, Sentence, analysis_from_dict, analysis_to_dict)
from tests.conftest import make_article


def _small() -> ArticleAnalysis:
    art = make_article("Ann Roe said on Friday: “We will win, and Tom Berg knows it.”", published="2024-05-06")
    art.source = "The Example Times"
    q = Quote(start=22, end=61, text="We will win, and Tom Berg knows it.", kind="direct", cue="said",
              cue_start=8, cue_end=12, speaker_id="PERSON:ann-roe", speaker_name="Ann Roe", speaker_nation="GB",
              speaker_kind="named", speaker_start=0, speaker_end=7, sentence_index=0, block_index=0, tone=0.58,
              targets=[QuoteTarget("PERSON:tom-berg", "Tom Berg", 0.25, "positive")], pieces=((22, 40), (41, 61)))
    return ArticleAnalysis(
        article=art,
        sentences=[Sentence(0, 0, 0, len(art.text))],
        mentions=[Mention(0, 7, "Ann Roe", "PERSON", "PERSON:ann-roe", 0, 0)],
        actors=[Actor("PERSON:ann-roe", "Ann Roe", "PERSON", aliases=["Roe"], nation="GB", nation_basis="stated",
                      portrayal_counts={"positive": 1})],
        quotes=[q],
        events=[Event(13, 22, "on Friday", "2024-05-03", "day", "date", 0, 0, len(art.text), art.text,
                      actor_ids=["PERSON:ann-roe"], features={"weekday": 4})],
        sentiments=[MentionSentiment("PERSON:ann-roe", 0, 7, 0, "neutral", 0.01)],
        problems=[Problem("events", "ValueError: a test")],
    )


def test_an_analysis_comes_back_whole_through_json():
    result = _small()
    back = analysis_from_dict(json.loads(json.dumps(analysis_to_dict(result))))
    assert back == result
    assert back.quotes[0].pieces == ((22, 40), (41, 61))  # tuples again, not JSON lists
    assert back.article.id == result.article.id and back.article.source == "The Example Times"


def test_another_format_is_refused_with_its_number():
    data = analysis_to_dict(_small())
    data["format"] = RECORDS_FORMAT + 1
    with pytest.raises(ValueError, match=f"format {RECORDS_FORMAT + 1}"):
        analysis_from_dict(data)


def test_an_unknown_field_is_refused_by_name():
    data = analysis_to_dict(_small())
    data["actors"][0]["shoe_size"] = 44
    with pytest.raises(ValueError, match="Actor: unknown field.*shoe_size"):
        analysis_from_dict(data)
