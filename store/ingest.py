"""Upload -> parse -> nlp.pipe -> store, for the app and the command line.

One bad file never stops a batch: each article gets an ``IngestResult``
saying what happened to it. Each article is stored in its own transaction.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Sequence

from .db import Store

DEMO_DIR = Path(__file__).resolve().parent.parent / "data" / "articles"
DEMO_MANIFEST = DEMO_DIR / "manifest.json"


@dataclass
class IngestResult:
    name: str
    status: str  # "stored" | "duplicate" | "error"
    message: str
    article_id: str | None = None


def ingest_articles(store: Store, articles: Sequence, *, names: Sequence[str] | None = None,
                    progress: Callable[[int, int, IngestResult], None] | None = None) -> list[IngestResult]:
    """Analyse parsed Articles in one batched stream and store each; duplicates are skipped before analysis."""
    from analysis.pipeline import analyze_articles

    names = list(names or [a.source or a.title or a.id for a in articles])
    results: list[IngestResult | None] = [None] * len(articles)
    todo, todo_idx = [], []
    seen: dict[str, int] = {}
    for i, art in enumerate(articles):
        dup = store.find_duplicate(art.content_hash)
        if dup is not None:
            results[i] = IngestResult(names[i], "duplicate", f"already stored as “{store.article_title(dup)}”", dup)
        elif art.content_hash in seen:
            results[i] = IngestResult(names[i], "duplicate", f"same text as {names[seen[art.content_hash]]} in this batch")
        else:
            seen[art.content_hash] = i
            todo.append(art)
            todo_idx.append(i)
    done = 0
    total = len(articles)
    for i in range(total):
        if results[i] is not None and progress:
            done += 1
            progress(done, total, results[i])
    analyses = analyze_articles(todo)
    for i in todo_idx:
        try:
            result = next(analyses)
            outcome = store.add_analysis(result)
            results[i] = IngestResult(names[i], "stored" if outcome.added else "duplicate", outcome.message,
                                      outcome.article_id)
        except StopIteration:  # pragma: no cover - the stream yields one result per article
            results[i] = IngestResult(names[i], "error", "analysis produced no result")
        except Exception as exc:  # one article's failure is reported and the batch goes on
            results[i] = IngestResult(names[i], "error", f"analysis failed: {type(exc).__name__}: {exc}")
            analyses = analyze_articles(todo[todo_idx.index(i) + 1:])
        done += 1
        if progress:
            progress(done, total, results[i])
    return [r for r in results if r is not None]


def ensure_demo(store: Store) -> list[IngestResult]:
    """Fill an empty store with the demo corpus shipped in data/articles."""
    if store.article_count() > 0:
        return []
    import json

    from analysis.reading import read_article

    manifest = json.loads(DEMO_MANIFEST.read_text(encoding="utf-8"))
    articles = [read_article(DEMO_DIR / e["path"], published=e.get("published")) for e in manifest]
    return ingest_articles(store, articles, names=[e["path"] for e in manifest])
