"""The analysis pipeline: articles -> one batched ``nlp.pipe`` -> records.

Every block of every article goes through the single process-wide pipeline in
one stream; the project's steps (actors, quotes, events, sentiment) then run on
the Docs of one article at a time and return plain records. Nothing here keeps
a Doc once an article's records are made.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Sequence, TypeVar

from .nlp import get_nlp, nlp_lock
from .parsed import ParsedArticle, assemble
from .records import Article, ArticleAnalysis, Problem

log = logging.getLogger("newslens.analysis")
T = TypeVar("T")

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language


def run_step(name: str, problems: list[Problem], article_id: str, fn: Callable[..., T], *args,
             empty: T) -> T:
    """Run one step; when it raises, say so (log to stderr, record a Problem) and go on with ``empty``.

    This is the one place a step's failure is caught: the article is still stored, with the
    problem beside it, so the Upload result, the CLI and the store all show what went wrong.
    """
    try:
        return fn(*args)
    except Exception as exc:  # noqa: BLE001 - recorded and shown, never hidden
        message = f"{type(exc).__name__}: {exc}"
        log.error("%s: step %s failed: %s", article_id, name, message)
        log.debug("%s: step %s traceback", article_id, name, exc_info=True)
        problems.append(Problem(name, message))
        return empty


def analyze_parsed(parsed: ParsedArticle, *, sentiment: bool = True) -> ArticleAnalysis:
    """Run the project's steps over one parsed article."""
    from .actors import bare_entity_actors, infer_nations, nations_from_nominals, resolve_actors, roles_from_nominals
    from .quotes import extract_quotes, mark_in_quote
    from .timeline import extract_events

    problems: list[Problem] = list(parsed.problems)
    aid = parsed.article.source or parsed.article.title or parsed.article.id
    resolved = run_step("actors", problems, aid, resolve_actors, parsed, empty=None)
    if resolved is None:  # the failure is recorded as a Problem; the later steps still get the bare entities
        resolved = run_step("actors", problems, aid, bare_entity_actors, parsed, empty=([], []))
    actors, mentions = resolved
    actors = run_step("nominals", problems, aid, roles_from_nominals, parsed, actors, mentions, empty=actors)
    actors = run_step("nominals", problems, aid, nations_from_nominals, parsed, actors, mentions, empty=actors)
    actors = run_step("setting", problems, aid, infer_nations, parsed, actors, mentions, empty=actors)
    quotes = run_step("quotes", problems, aid, extract_quotes, parsed, actors, mentions, empty=[])
    mentions = mark_in_quote(mentions, quotes)  # new mentions: the actor step's stay as they were
    events = run_step("events", problems, aid, extract_events, parsed, actors, mentions, quotes,
                      parsed.article.published, empty=[])
    result = ArticleAnalysis(article=parsed.article, sentences=list(parsed.sentences), mentions=mentions,
                             actors=actors, quotes=quotes, events=events, problems=problems)
    if sentiment:
        from .sentiment import SentimentResult, score_article

        scored = run_step("sentiment", problems, aid, score_article, parsed, actors, mentions, quotes,
                          empty=SentimentResult(actors=actors, quotes=quotes))
        result.actors, result.quotes, result.sentiments = scored.actors, scored.quotes, scored.sentiments
        problems.extend(scored.problems)
    return result


def iter_parsed(articles: Iterable[Article], nlp: "Language | None" = None,
                batch_size: int = 64) -> Iterator[ParsedArticle]:
    """Parse articles through one ``nlp.pipe`` stream, yielding each as soon as it is whole."""
    nlp = nlp or get_nlp()
    pending: dict[int, tuple[Article, list]] = {}
    order: list[int] = []

    def blocks() -> Iterator[tuple[str, tuple[int, int]]]:
        for ai, art in enumerate(articles):
            pending[ai] = (art, [None] * len(art.blocks))
            order.append(ai)
            for bi, block in enumerate(art.blocks):
                yield block.text, (ai, bi)

    with nlp_lock():
        for doc, (ai, bi) in nlp.pipe(blocks(), as_tuples=True, batch_size=batch_size):
            art, docs = pending[ai]
            docs[bi] = doc
            while order and all(d is not None for d in pending[order[0]][1]):
                first = order.pop(0)
                art0, docs0 = pending.pop(first)
                yield assemble(art0, docs0)
    for ai in order:  # articles with no blocks at all
        art, docs = pending.pop(ai)
        yield assemble(art, docs)


def analyze_articles(articles: Iterable[Article], nlp: "Language | None" = None, *,
                     sentiment: bool = True, batch_size: int = 64) -> Iterator[ArticleAnalysis]:
    """Analyse articles in one batched stream, yielding one ``ArticleAnalysis`` each."""
    for parsed in iter_parsed(articles, nlp, batch_size=batch_size):
        yield analyze_parsed(parsed, sentiment=sentiment)


@dataclass
class Analysed:
    """One article's outcome of ``analyze_each``: its analysis, or why it has none."""

    article: Article
    result: ArticleAnalysis | None = None
    error: str | None = None


def analyze_each(articles: Sequence[Article], nlp: "Language | None" = None, *, sentiment: bool = True,
                 batch_size: int = 64) -> Iterator[Analysed]:
    """Analyse articles in one batched stream, each failure kept to its own article, in order.

    An article over the bounds of ``reading.limits`` is refused before any work, with a message
    naming the bound. When the shared stream breaks (spaCy refuses a Doc, a component raises), the
    articles it had not given back are analysed one at a time until the one that fails alone is
    found; it alone gets the error, and the stream goes on after it. So every other article is
    analysed as if the bad one were not there.
    """
    from .reading.limits import over_bounds

    todo: list[Article] = []
    refused: dict[int, str] = {}
    for art in articles:
        why = over_bounds(art)
        if why is not None:
            refused[len(todo)] = why
        todo.append(art)
    ok = [a for i, a in enumerate(todo) if i not in refused]
    results = _isolated(ok, nlp, sentiment, batch_size)
    for i, art in enumerate(todo):
        yield Analysed(art, error=refused[i]) if i in refused else next(results)


def _isolated(todo: list[Article], nlp, sentiment: bool, batch_size: int) -> Iterator[Analysed]:
    while todo:
        done = 0
        try:
            for result in analyze_articles(todo, nlp, sentiment=sentiment, batch_size=batch_size):
                done += 1
                yield Analysed(todo[done - 1], result)
            return
        except Exception as exc:  # noqa: BLE001 - which article broke the stream is found below; only it fails
            log.info("the shared stream broke (%s: %s); analysing one article at a time", type(exc).__name__, exc)
        rest, todo = todo[done:], []
        for k, art in enumerate(rest):
            try:
                result = analyze_article(art, nlp, sentiment=sentiment)
            except Exception as exc:  # noqa: BLE001 - this article's error, in its outcome; the rest go on
                yield Analysed(art, error=f"analysis failed: {type(exc).__name__}: {exc}")
                todo = rest[k + 1:]  # the stream again, after the one that fails alone
                break
            yield Analysed(art, result)


def analyze_article(article: Article, nlp: "Language | None" = None, *, sentiment: bool = True) -> ArticleAnalysis:
    """Analyse one article."""
    return next(iter(analyze_articles([article], nlp, sentiment=sentiment)))

