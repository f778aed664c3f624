"""Tone: the lexicon view of a text (TextBlob polarity and subjectivity, VADER compound).

These score the words' overall mood, not the stance toward any actor: "X said
Putin is 'pushing more aggressively on the battlefield', showing no interest
in compromise" reads positive to TextBlob and is plainly negative toward
Putin, which is why portrayal and stance come from the target model. The
lexicon scores are shown beside the model as the "lexicon view", and give
each quote its tone and each speaker the mean tone of their quotes.
"""
from __future__ import annotations

import threading
from typing import Any, Iterable

from ..records import Quote

# A cache of the analyser (its lexicon takes a moment to read), not data passed between functions.
_VADER = None
_VADER_LOCK = threading.Lock()


def _vader() -> Any:
    global _VADER
    if _VADER is None:
        with _VADER_LOCK:
            if _VADER is None:
                from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

                _VADER = SentimentIntensityAnalyzer()
    return _VADER


def lexicon_scores(text: str) -> dict[str, float]:
    """Sentence-level lexicon scores: TextBlob polarity and subjectivity, VADER compound.

    Anything but a non-blank string scores 0 on all three; an error inside
    TextBlob or VADER propagates (the pipeline records it as a Problem).
    """
    if not isinstance(text, str) or not text.strip():
        return {"polarity": 0.0, "subjectivity": 0.0, "vader": 0.0}
    from textblob import TextBlob

    s = TextBlob(text).sentiment
    vader = float(_vader().polarity_scores(text)["compound"])
    return {"polarity": float(s.polarity), "subjectivity": float(s.subjectivity), "vader": vader}


def quote_tone(q: Quote, text: str) -> dict[str, float]:
    """A quote's ``tone`` (VADER compound), ``subjectivity`` and ``polarity`` (TextBlob), rounded.

    Lexicon-only on purpose: the mood of the speaker's own words, not a stance
    toward anyone. ``text`` is the article's, used when the quote has none.
    """
    content = q.text if isinstance(q.text, str) and q.text else text[q.start:q.end]
    lex = lexicon_scores(content)
    return {"tone": round(lex["vader"], 4), "subjectivity": round(lex["subjectivity"], 4),
            "polarity": round(lex["polarity"], 4)}


def speaker_tones(quotes: Iterable[Quote]) -> dict[str, float]:
    """actor id -> mean tone of the quotes that actor speaks (attributed, toned quotes only)."""
    tones: dict[str, list[float]] = {}
    for q in quotes:
        if q.speaker_id and q.tone is not None:
            tones.setdefault(q.speaker_id, []).append(q.tone)
    return {aid: round(sum(ts) / len(ts), 4) for aid, ts in tones.items()}
