"""British politics as the BBC writes it: the voice balance by speaker nation is not "(no nation)"."""
from __future__ import annotations

from collections import Counter

from analysis.pipeline import analyze_articles
from analysis.reading.batches import expand_upload
from tests.conftest import ROOT

UK_CSV = ROOT / "data" / "examples" / "bbc_like_uk.csv"


def test_named_speakers_of_british_stories_mostly_have_a_nation():
    items = expand_upload(UK_CSV.name, UK_CSV.read_bytes())
    articles = [it.article for it in items]
    assert len(articles) == 8
    by_nation: Counter[str | None] = Counter()
    for result in analyze_articles(articles, sentiment=False):
        assert result.problems == []
        for q in result.quotes:
            if q.speaker_id and q.speaker_id.startswith("PERSON:"):
                by_nation[q.speaker_nation] += 1
    total = sum(by_nation.values())
    assert total >= 20
    assert by_nation[None] / total < 0.25, by_nation  # "(no nation)" must not dominate
    assert by_nation["GB"] / total > 0.7, by_nation
    assert set(by_nation) <= {"GB", None}, by_nation  # never Westminster as the United States
