"""The ingest: parsed articles -> one batched analysis -> linked across articles -> the store.

One bad file never stops a batch: each article gets an ``IngestResult`` saying
what happened to it, with the steps of the analysis that failed on it. Each
article is stored in its own transaction, its actors linked to the corpus's by
the same rules as within an article (``ACTOR_LINKER``).
"""
from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Sequence

from analysis.actors import link_across, link_keys, persons_without_evidence, retype_by_corpus, slugify
from analysis.pipeline import analyze_each
from analysis.reading import read_article
from analysis.reading.limits import MAX_RUN_CHARS
from analysis.records import ArticleAnalysis, Problem, analysis_from_dict
from store import AddOutcome, Linker, Store, StoreError

log = logging.getLogger("newslens.corpus")

DEMO_DIR = Path(__file__).resolve().parent.parent / "data" / "articles"
DEMO_MANIFEST = DEMO_DIR / "manifest.json"

# the store reads its candidates and writes the links inside the article's transaction
ACTOR_LINKER = Linker(keys=link_keys, match=link_across)


@dataclass
class IngestResult:
    name: str
    status: str  # "stored" | "duplicate" | "error"
    message: str  # for the user: "stored", "stored, with 1 problem(s): quotes: ...", "already stored as ..."
    article_id: str | None = None
    problems: list[Problem] = field(default_factory=list)  # steps that failed on a stored article


def remember_types(store: Store, result: ArticleAnalysis) -> ArticleAnalysis:
    """The analysis again, with each person that has no person evidence of its own retyped an
    organisation when more stored articles type that name ORG than PERSON (corpus memory of types)."""
    people = persons_without_evidence(result)
    if not people:
        return result
    counts = store.name_type_counts([a.name for a in people])
    return retype_by_corpus(result, {slugify(n): c for n, c in counts.items()}, "in the store")


def store_analysis(store: Store, result: ArticleAnalysis) -> AddOutcome:
    """Store one analysis, its types checked against the corpus's and its actors linked to the
    corpus's (one transaction)."""
    return store.add_analysis(remember_types(store, result), linker=ACTOR_LINKER)


def store_analyses(store: Store, results: Sequence[ArticleAnalysis]) -> list[AddOutcome]:
    """Store many analyses in one transaction, with the same type memory, linking and overrides as
    ``store_analysis`` gives each (the bulk path of ``python -m corpus ingest --parquet``)."""
    return store.add_analyses(results, linker=ACTOR_LINKER, prepare=lambda r: remember_types(store, r))


def store_each(store: Store, results: Sequence[ArticleAnalysis], *,
               names: Sequence[str] | None = None) -> list[IngestResult]:
    """Store ready-made analyses one by one, each in its own transaction, with a per-article guard: an
    article the store refuses (``StoreError``) is an ``error`` result with the store's message, and the
    rest of the batch is still stored."""
    names = list(names or [r.article.source or r.article.title or r.article.id for r in results])
    return [_store_one(store, name, result) for name, result in zip(names, results)]


def _store_one(store: Store, name: str, result: ArticleAnalysis) -> IngestResult:
    try:
        return _stored(name, result, store_analysis(store, result))
    except StoreError as exc:
        log.error("%s: not stored: %s", name, exc)
        return IngestResult(name, "error", f"not stored: {exc}")


def problems_text(problems: Sequence[Any]) -> str:
    """``with N problem(s): step: message; ...`` (empty without problems)."""
    if not problems:
        return ""
    return f"with {len(problems)} problem(s): " + "; ".join(f"{p.step}: {p.message}" for p in problems)


def _stored(name: str, result: ArticleAnalysis, outcome: AddOutcome) -> IngestResult:
    if not outcome.added:
        return IngestResult(name, "duplicate", outcome.message, outcome.article_id)
    problems = list(result.problems)
    message = outcome.message + (", " + problems_text(problems) if problems else "")
    return IngestResult(name, "stored", message, outcome.article_id, problems)


def _within_run(todo: list, todo_idx: list[int], names: Sequence[str],
                results: list[IngestResult | None]) -> tuple[list, list[int]]:
    """The articles that fit in one run's ``MAX_RUN_CHARS``, in order; each one past it gets an error
    result that names the bound (it can be added in another run)."""
    kept, kept_idx, chars = [], [], 0
    for art, i in zip(todo, todo_idx):
        chars += len(art.text)
        if chars > MAX_RUN_CHARS:
            results[i] = IngestResult(names[i], "error", f"not analysed: this run is over the limit of "
                                                         f"{MAX_RUN_CHARS:,} characters; add it in another run")
            continue
        kept.append(art)
        kept_idx.append(i)
    return kept, kept_idx


def ingest_articles(store: Store, articles: Sequence, *, names: Sequence[str] | None = None,
                    progress: Callable[[int, int, IngestResult], None] | None = None) -> list[IngestResult]:
    """Analyse parsed Articles in one batched stream and store each; duplicates are skipped before analysis."""
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
    todo, todo_idx = _within_run(todo, todo_idx, names, results)
    done = 0
    total = len(articles)
    for i in range(total):
        if results[i] is not None and progress:
            done += 1
            progress(done, total, results[i])
    for i, outcome in zip(todo_idx, analyze_each(todo)):
        if outcome.error is not None:  # refused by a bound, or spaCy failed on this article alone
            log.info("%s: not stored: %s", names[i], outcome.error)
            results[i] = IngestResult(names[i], "error", outcome.error)
        else:
            try:
                results[i] = _stored(names[i], outcome.result, store_analysis(store, outcome.result))
            except Exception as exc:  # noqa: BLE001 - this article's write failed (rolled back): in its result
                message = f"{type(exc).__name__}: {exc}"
                log.info("%s: not stored: %s", names[i], message)
                log.debug("%s: traceback", names[i], exc_info=True)
                results[i] = IngestResult(names[i], "error", f"not stored: {message}")
        done += 1
        if progress:
            progress(done, total, results[i])
    return [r for r in results if r is not None]


def demo_analysis_path(entry: dict) -> Path:
    """Where the demo article's saved analysis lives (written by ``scripts/build_demo.py``)."""
    return DEMO_DIR / (Path(entry["path"]).stem + ".analysis.json")


def saved_demo_analysis(entry: dict, article) -> ArticleAnalysis | None:
    """The demo article's shipped analysis, when it is of this text, this date and this format; else None
    (and the article is analysed again). A file that cannot be read is logged, never silently used."""
    path = demo_analysis_path(entry)
    if not path.exists():
        return None
    try:
        saved = analysis_from_dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError, KeyError) as exc:
        log.warning("%s: saved analysis not used (%s: %s); analysing the article", path.name,
                    type(exc).__name__, exc)
        return None
    if saved.article.content_hash != article.content_hash or saved.article.published != article.published:
        log.warning("%s: saved analysis is of another text or date; analysing the article", path.name)
        return None
    return saved


def ensure_demo(store: Store) -> list[IngestResult]:
    """Fill an empty store with the demo corpus shipped in data/articles.

    The demo ships analysed (``*.analysis.json``), so a new analyst's first page needs no language
    model; an article whose saved analysis is missing or stale is analysed as on Upload."""
    if store.article_count() > 0:
        return []
    manifest = json.loads(DEMO_MANIFEST.read_text(encoding="utf-8"))
    results: list[IngestResult] = []
    todo, names = [], []
    for e in manifest:
        art = read_article(DEMO_DIR / e["path"], published=e.get("published"))
        saved = saved_demo_analysis(e, art)
        if saved is None:
            todo.append(art)
            names.append(e["path"])
        else:
            results.append(_stored(e["path"], saved, store_analysis(store, saved)))
    if todo:
        results += ingest_articles(store, todo, names=names)
    return results
