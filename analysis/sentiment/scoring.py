"""The sentiment step: one article's mentions scored by the target model in one batched call.

``score_article`` returns a ``SentimentResult``: the mention sentiments and
NEW actor and quote records carrying portrayal, tone and stance. The records
it is given (another step's output) are never edited.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Sequence

from ..records import Actor, Mention, MentionSentiment, Problem, Quote
from .model import ModelNotAvailableError, TargetSentimentModel, get_model
from .portrayal import actor_portrayals
from .stance import quote_targets, stance_mentions
from .tone import quote_tone, speaker_tones

if TYPE_CHECKING:  # pragma: no cover
    from ..parsed import ParsedArticle

# Actor types whose portrayal is meaningful; dates, places as LOC and numbers are not "actors".
SENTIMENT_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})


@dataclass(frozen=True)
class SentimentResult:
    """What the sentiment step makes of one article: new records only."""

    sentiments: list[MentionSentiment] = field(default_factory=list)  # one per scored mention
    actors: list[Actor] = field(default_factory=list)  # the given actors, with portrayal and tone
    quotes: list[Quote] = field(default_factory=list)  # the given quotes, with tone, lexicon view and targets
    problems: list[Problem] = field(default_factory=list)  # e.g. the model unavailable


def _sentence_span(parsed: "ParsedArticle", m: Mention) -> tuple[int, int]:
    """Article offsets of the sentence holding a mention (the mention itself at worst)."""
    sents = parsed.sentences
    s = None
    if 0 <= m.sentence_index < len(sents) and sents[m.sentence_index].start <= m.start < sents[m.sentence_index].end:
        s = sents[m.sentence_index]
    if s is None:
        s = parsed.sentence_at(m.start)
    if s is None:
        return m.start, m.end
    return s.start, max(s.end, m.end)


def _no_portrayal() -> dict[str, Any]:
    return {"portrayal": None, "portrayal_label": None, "portrayal_counts": {}}


def score_article(parsed: "ParsedArticle", actors: Sequence[Actor], mentions: Sequence[Mention],
                  quotes: Sequence[Quote], *, model: TargetSentimentModel | None = None) -> SentimentResult:
    """Target sentiment for one article, with a single batched model call.

    - Every mention of a PERSON/ORG/GPE/NORP actor is scored in its own
      sentence. Those outside quote content (``in_quote`` False) are the
      reporter's portrayal: ``Actor.portrayal`` (mean score),
      ``portrayal_label`` and ``portrayal_counts`` are filled from them.
    - ``Quote.tone`` is VADER's compound score of the quote's content,
      ``Quote.subjectivity`` and ``Quote.polarity`` TextBlob's (the lexicon
      view); ``Actor.tone`` is the mean tone of the actor's quotes.
    - ``Quote.targets``: the speaker -> target stance (see ``stance``).

    Returns one MentionSentiment per scored mention (in-quote ones flagged)
    and new Actor and Quote records, in the order given. Odd records (offsets
    beyond the text, unknown actors) are skipped. When the model is not
    available, portrayal and stance stay empty, the lexicon view is kept and
    the result carries a Problem saying so; any other error propagates.
    """
    text = parsed.article.text if parsed is not None and parsed.article is not None else ""
    actors, mentions, quotes = list(actors or []), list(mentions or []), list(quotes or [])
    by_id = {a.id: a for a in actors}

    # A place that is also named as people ("European officials", "African leaders" folded into
    # Europe, Africa) acts as a collective actor: its portrayal and stance count like a nation's.
    collective = {m.actor_id for m in mentions if m.actor_id and m.label in SENTIMENT_TYPES}

    def wanted(m: Mention) -> bool:
        if not m.actor_id or m.actor_id not in by_id:
            return False
        typ = by_id[m.actor_id].type or m.label
        return (typ in SENTIMENT_TYPES or m.actor_id in collective) and 0 <= m.start < m.end <= len(text)

    # Mentions whose stance a quote carries: inside the content or in the quote's sentence.
    quote_mentions = stance_mentions(parsed, quotes, mentions, wanted)

    # Each mention is scored once, in its own sentence, whatever uses it.
    needed: dict[tuple[int, int], Mention] = {}
    for m in mentions:
        if wanted(m) and not m.in_quote:
            needed.setdefault((m.start, m.end), m)
    for group in quote_mentions:
        for m in group:
            needed.setdefault((m.start, m.end), m)
    keys = list(needed)
    items = []
    for k in keys:
        m = needed[k]
        s0, s1 = _sentence_span(parsed, m)
        items.append((text[s0:s1], m.start - s0, m.end - s0))
    preds: dict[tuple[int, int], tuple[str, float]] = {}
    problems: list[Problem] = []
    if items:
        try:
            mdl = model or get_model()
        except ModelNotAvailableError as exc:  # files missing: the lexicon view still stands, and the user is told
            problems.append(Problem("sentiment", f"target-sentiment model unavailable: {exc}"))
        else:
            preds = dict(zip(keys, mdl.predict(items)))

    results: list[MentionSentiment] = []
    for m in mentions:
        key = (m.start, m.end)
        if key in preds and needed.get(key) is m:
            label, score = preds[key]
            results.append(MentionSentiment(actor_id=m.actor_id or "", start=m.start, end=m.end,
                                            sentence_index=m.sentence_index, label=label,
                                            score=round(score, 4), in_quote=bool(m.in_quote)))

    names = {aid: a.name for aid, a in by_id.items()}
    new_quotes = [replace(q, **quote_tone(q, text), targets=quote_targets(group, preds, names))
                  for q, group in zip(quotes, quote_mentions)]
    portrayals = actor_portrayals(results)  # the reporter's own sentences only
    tones = speaker_tones(new_quotes)
    new_actors = [replace(a, **portrayals.get(a.id, _no_portrayal()), tone=tones.get(a.id)) for a in actors]
    return SentimentResult(sentiments=results, actors=new_actors, quotes=new_quotes, problems=problems)
