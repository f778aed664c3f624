"""The Store: one SQLite file and every read and write of it, as methods (the pages' and the corpus's handle).

A thin facade: each method is one call into the module that owns it (``writer``,
``overrides``, ``articles``, ``queries``, ``search``), on the store's ``Database``.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Sequence

import pandas as pd

from . import articles, overrides, queries, search, writer
from .database import Database, default_path
from .filters import Filters
from .schema import init_schema
from .writer import AddOutcome, Linker, Reresolve


class Store:
    """One SQLite file; a connection per thread; all writes serialised by a lock."""

    def __init__(self, path: str | os.PathLike):
        self._db = Database(path)
        self.path = self._db.path
        init_schema(self._db)

    @classmethod
    def default_path(cls) -> Path:
        return default_path()

    @classmethod
    def open_default(cls) -> "Store":
        return cls(cls.default_path())

    def close(self) -> None:
        self._db.close()

    def data_version(self) -> int:
        """A counter bumped by every write; UI caches key on it."""
        return self._db.data_version()

    def schema_version(self) -> int:
        return int(self._db.conn().execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0])

    # ------------------------------------------------------------------ writes
    def add_analysis(self, result: Any, *, linker: Linker) -> AddOutcome:
        """Store one article's analysis in one transaction, its actors linked to the corpus by ``linker``."""
        return writer.add_analysis(self._db, result, linker=linker)

    def add_analyses(self, results: Any, *, linker: Linker, prepare: Any = None) -> list[AddOutcome]:
        """Store many analyses in one transaction (the bulk path; ``writer.add_analyses``)."""
        return writer.add_analyses(self._db, results, linker=linker, prepare=prepare)

    def delete_article(self, article_id: str) -> None:
        writer.delete_article(self._db, article_id)

    def set_published(self, article_id: str, published: str | None, reresolve: Reresolve) -> int:
        """Change an article's publication date; ``reresolve`` resolves its stored events against it."""
        return writer.set_published(self._db, article_id, published, reresolve)

    # ------------------------------------------------------------------ overrides
    def add_override(self, kind: str, actor_id: str, *, target_id: str | None = None, field_name: str | None = None,
                     value: str | None = None) -> int:
        return overrides.add_override(self._db, kind, actor_id, target_id=target_id, field_name=field_name,
                                      value=value)

    def undo_override(self, override_id: int) -> None:
        overrides.undo_override(self._db, override_id)

    def overrides_df(self) -> pd.DataFrame:
        return overrides.overrides_df(self._db)

    # ------------------------------------------------------------------ articles
    def find_duplicate(self, content_hash: str) -> str | None:
        return articles.find_duplicate(self._db, content_hash)

    def article_count(self) -> int:
        return articles.article_count(self._db)

    def article_title(self, article_id: str) -> str | None:
        return articles.article_title(self._db, article_id)

    def articles_df(self, f: Filters | None = None, *, limit: int | None = None, offset: int = 0) -> pd.DataFrame:
        return articles.articles_df(self._db, f, limit=limit, offset=offset)

    def article_summary(self, f: Filters | None = None) -> tuple[int, int]:
        """(articles, words) under the selection."""
        return articles.article_summary(self._db, f)

    def article_titles(self, ids: Sequence[str]) -> dict[str, str]:
        return articles.article_titles(self._db, ids)

    def article(self, article_id: str) -> dict | None:
        return articles.article(self._db, article_id)

    def blocks_df(self, article_id: str) -> pd.DataFrame:
        return articles.blocks_df(self._db, article_id)

    def sentences_df(self, article_id: str) -> pd.DataFrame:
        return articles.sentences_df(self._db, article_id)

    def mentions_df(self, article_id: str) -> pd.DataFrame:
        return articles.mentions_df(self._db, article_id)

    def problems_df(self, article_id: str | None = None) -> pd.DataFrame:
        return articles.problems_df(self._db, article_id)

    # ------------------------------------------------------------------ actors, quotes
    def actors_df(self, f: Filters | None = None, *, types: Sequence[str] | None = None, ids: Sequence[str] = (),
                  limit: int | None = None, offset: int = 0) -> pd.DataFrame:
        return queries.actors_df(self._db, f, types=types, ids=ids, limit=limit, offset=offset)

    def actors_count(self, f: Filters | None = None, *, types: Sequence[str] | None = None) -> int:
        return queries.actors_count(self._db, f, types=types)

    def actor_count(self) -> int:
        return queries.actor_count(self._db)

    def actor_types(self) -> list[str]:
        return queries.actor_types(self._db)

    def actor_links_df(self) -> pd.DataFrame:
        return queries.actor_links_df(self._db)

    def nation_conflicts_df(self) -> pd.DataFrame:
        return queries.nation_conflicts_df(self._db)

    def name_type_counts(self, names: Sequence[str]) -> dict[str, tuple[int, int]]:
        """Per name: (stored articles typing it ORG, stored articles typing it PERSON)."""
        return queries.name_type_counts(self._db, names)

    def actor_options_df(self, *, limit: int | None = None, include: Sequence[str] = ()) -> pd.DataFrame:
        return queries.actor_options_df(self._db, limit=limit, include=include)

    def nation_options_df(self) -> pd.DataFrame:
        return queries.nation_options_df(self._db)

    def quotes_df(self, f: Filters | None = None, *, limit: int | None = None, offset: int = 0) -> pd.DataFrame:
        return queries.quotes_df(self._db, f, limit=limit, offset=offset)

    def speaker_options_df(self, *, limit: int | None = None, include: Sequence[str] = ()) -> pd.DataFrame:
        return queries.speaker_options_df(self._db, limit=limit, include=include)

    def speaker_counts_df(self, f: Filters | None = None, *, top: int = 25) -> pd.DataFrame:
        return queries.speaker_counts_df(self._db, f, top=top)

    def voice_groups_df(self, f: Filters | None = None) -> pd.DataFrame:
        return queries.voice_groups_df(self._db, f)

    def speaker_count(self) -> int:
        return queries.speaker_count(self._db)

    def quotes_count(self, f: Filters | None = None) -> int:
        return queries.quotes_count(self._db, f)

    def events_count(self, f: Filters | None = None) -> int:
        return queries.events_count(self._db, f)

    def quote_targets_df(self, f: Filters | None = None, *, speaker_id: str | None = None,
                         target_id: str | None = None) -> pd.DataFrame:
        return queries.quote_targets_df(self._db, f, speaker_id=speaker_id, target_id=target_id)

    def stance_cells_df(self, f: Filters | None = None, *, top_speakers: int = 20, top_targets: int = 15) -> pd.DataFrame:
        return queries.stance_cells_df(self._db, f, top_speakers=top_speakers, top_targets=top_targets)

    def quote_nations_df(self, f: Filters | None = None) -> pd.DataFrame:
        return queries.quote_nations_df(self._db, f)

    # ------------------------------------------------------------------ sentiment, events, connections
    def portrayal_df(self, f: Filters | None = None, *, limit: int | None = None) -> pd.DataFrame:
        return queries.portrayal_df(self._db, f, limit=limit)

    def portrayal_sentences_df(self, actor_id: str, f: Filters | None = None, limit: int = 20) -> pd.DataFrame:
        return queries.portrayal_sentences_df(self._db, actor_id, f, limit=limit)

    def actor_sentences_df(self, f: Filters | None = None, *, actor_id: str = "", limit: int = 20) -> pd.DataFrame:
        """``portrayal_sentences_df`` with the selection first, so ``components.cache.query`` can call it."""
        return queries.portrayal_sentences_df(self._db, actor_id, f, limit=limit)

    def portrayal_over_time_df(self, f: Filters | None = None, *, ids: Sequence[str] = ()) -> pd.DataFrame:
        return queries.portrayal_over_time_df(self._db, f, ids=ids)

    def sentence_scores_df(self, article_id: str, actor_id: str) -> pd.DataFrame:
        return queries.sentence_scores_df(self._db, article_id, actor_id)

    def events_df(self, f: Filters | None = None, *, article_id: str | None = None,
                  include_unresolved: bool = False, unresolved_only: bool = False, limit: int | None = None,
                  offset: int = 0, sample: int | None = None) -> pd.DataFrame:
        return queries.events_df(self._db, f, article_id=article_id, include_unresolved=include_unresolved,
                                 unresolved_only=unresolved_only, limit=limit, offset=offset, sample=sample)

    def cooccurrence_df(self, f: Filters | None = None, *, min_count: int = 1, top: int = 60) -> pd.DataFrame:
        return queries.cooccurrence_df(self._db, f, min_count=min_count, top=top)

    # ------------------------------------------------------------------ search
    def search(self, query: str, f: Filters | None = None, *, limit: int = 50) -> pd.DataFrame:
        return search.search(self._db, query, f, limit=limit)

    def search_hits_df(self, f: Filters | None = None, *, text: str = "", limit: int = 50) -> pd.DataFrame:
        return search.search_hits_df(self._db, f, text=text, limit=limit)
