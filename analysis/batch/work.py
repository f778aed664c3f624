"""One batch item -> its analysis or its error, in a worker that loads the models once.

``Analyser`` is what each Ray actor of the pool holds (``map_batches(Analyser, ...)``), and what
the in-process batch uses too, so both give the same result for an article. A worker analyses
its batch in one ``nlp.pipe`` stream (``analysis.pipeline.analyze_each``): an article over a bound
of ``reading.limits`` is refused before any work, and one that breaks the stream fails alone, so a
bad article never takes its neighbours down.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from ..reading import InputError, parse_bytes, record_article
from ..records import Article, ArticleAnalysis, analysis_from_dict, analysis_to_dict
from .inputs import BatchItem


@dataclass
class Outcome:
    """What a worker gives back for one item: the analysis as plain data (JSON), or the error."""

    id: str
    name: str
    analysis: str | None = None  # json.dumps(analysis_to_dict(...))
    error: str | None = None
    index: int = -1  # the item's place in its batch input

    def result(self) -> ArticleAnalysis | None:
        return analysis_from_dict(json.loads(self.analysis)) if self.analysis else None


def item_article(item: BatchItem) -> Article:
    """The parsed article of an item (``InputError`` when it cannot be read)."""
    if item.error:
        raise InputError(item.error)
    if item.data is not None:
        article = parse_bytes(item.data, item.name, published=item.published)
        if item.source:
            article.source = item.source
        return article
    rec = {"text": item.text, "title": item.title, "published": item.published, "source": item.source}
    return record_article(rec, item.name)


def _plain(v: Any) -> Any:
    """A value of a Ray batch as plain Python: numpy scalars unwrapped, and the NaN that stands for
    None in a column with no value (an all-None ``source`` arrives as float32 NaN) made None again."""
    if v is None:
        return None
    if isinstance(v, bytes):
        return bytes(v)
    if isinstance(v, str):
        return str(v)
    if hasattr(v, "item"):
        v = v.item()
    if isinstance(v, float) and v != v:
        return None
    return v


def _as_item(row: dict[str, Any]) -> BatchItem:
    def get(k: str) -> Any:
        return _plain(row.get(k))

    return BatchItem(id=str(get("id")), name=str(get("name")), data=get("data"), text=get("text"),
                     title=get("title"), published=get("published"), source=get("source"), error=get("error"))


class Analyser:
    """The models, loaded once; called with a batch of items, it returns their outcomes.

    ``threads`` caps the sentiment model's threads (1 in a Ray actor: the pool has one actor per
    core, and two threads each would fight over them)."""

    def __init__(self, threads: int | None = None) -> None:
        if threads is not None:
            os.environ["NEWSLENS_SENTIMENT_THREADS"] = str(threads)
        from ..nlp import get_nlp
        from ..sentiment.model import get_model

        self.nlp = get_nlp()
        get_model()

    def analyse(self, items: Sequence[BatchItem]) -> list[Outcome]:
        from ..pipeline import analyze_each

        out: list[Outcome | None] = [None] * len(items)
        todo: list[tuple[int, Article]] = []
        for i, item in enumerate(items):
            try:
                todo.append((i, item_article(item)))
            except InputError as exc:
                out[i] = Outcome(item.id, item.name, error=str(exc))
        # one stream; an article over a bound or one that breaks it fails alone (analyze_each)
        for (i, _), done in zip(todo, analyze_each([a for _, a in todo], self.nlp)):
            if done.error is not None:
                out[i] = Outcome(items[i].id, items[i].name, error=done.error)
            else:
                out[i] = Outcome(items[i].id, items[i].name,
                                 analysis=json.dumps(analysis_to_dict(done.result), ensure_ascii=False))
        return [o for o in out if o is not None]

    def __call__(self, batch: dict[str, Any]) -> dict[str, list]:
        """Ray Data's ``map_batches`` entry: a batch of item columns -> a batch of outcome columns."""
        keys = list(batch)
        n = len(batch[keys[0]]) if keys else 0
        rows = [{k: batch[k][j] for k in keys} for j in range(n)]
        outcomes = self.analyse([_as_item(r) for r in rows])
        assert len(outcomes) == n, "one outcome per item"
        index = batch.get("index")
        return {"id": [o.id for o in outcomes], "name": [o.name for o in outcomes],
                "analysis": [o.analysis for o in outcomes], "error": [o.error for o in outcomes],
                "index": [int(index[j]) if index is not None else j for j in range(len(outcomes))]}


def analyse_here(items: Iterable[BatchItem], batch_size: int = 16) -> Iterable[Outcome]:
    """The items analysed in this process, in order, a batch at a time (no Ray)."""
    worker = Analyser()
    chunk: list[BatchItem] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= batch_size:
            yield from worker.analyse(chunk)
            chunk = []
    if chunk:
        yield from worker.analyse(chunk)
