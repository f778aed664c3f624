"""Article reads: the article list, one article's rows (blocks, sentences, mentions, problems), duplicates."""
from __future__ import annotations

from typing import Sequence

import pandas as pd

from .database import Database, batches
from .filters import Filters, article_filter, selection_article_clause
from .overrides import effective_actor_sql


def find_duplicate(db: Database, content_hash: str) -> str | None:
    row = db.conn().execute("SELECT id FROM articles WHERE content_hash=?", (content_hash,)).fetchone()
    return row[0] if row else None


def article_count(db: Database) -> int:
    return int(db.conn().execute("SELECT COUNT(*) FROM articles").fetchone()[0])


def article_title(db: Database, article_id: str) -> str | None:
    row = db.conn().execute("SELECT COALESCE(title, source, id) FROM articles WHERE id=?",
                            (article_id,)).fetchone()
    return row[0] if row else None


def articles_df(db: Database, f: Filters | None = None, *, limit: int | None = None, offset: int = 0) -> pd.DataFrame:
    """One row per article, newest first: title, date, words, entity, actor, quote and event counts.

    The counts are kept at write time (``article_counts``) and the list is read from a covering index
    (``articles_list``), so the articles' texts are not read to list them.
    """
    where, params = article_filter(f)
    extra = selection_article_clause(f)
    sql = (f"SELECT art.id, COALESCE(art.title, art.source, art.id) AS title, art.published, "
           f"art.published_source, art.source, art.fmt, art.words, c.entities, c.actors, c.quotes, c.events, "
           f"art.added_at FROM articles art LEFT JOIN article_counts c ON c.article_id=art.id "
           f"WHERE {where}{extra[0]} ORDER BY art.published DESC NULLS LAST, art.seq DESC")
    if limit is not None:
        sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
    return db.df(sql, params + extra[1])


def article_summary(db: Database, f: Filters | None = None) -> tuple[int, int]:
    """(articles, words) under the selection, counted in SQL."""
    where, params = article_filter(f)
    extra = selection_article_clause(f)
    n, words = db.conn().execute(f"SELECT COUNT(*), COALESCE(SUM(art.words), 0) FROM articles art "
                                 f"WHERE {where}{extra[0]}", params + extra[1]).fetchone()
    return int(n), int(words)


def article_titles(db: Database, ids: Sequence[str]) -> dict[str, str]:
    """Each stored article's title (else its source, else its id), by id."""
    out: dict[str, str] = {}
    for part in batches(ids):
        out.update(db.conn().execute(f"SELECT id, COALESCE(title, source, id) FROM articles WHERE id IN "
                                     f"({','.join('?' * len(part))})", part).fetchall())
    return out


def article(db: Database, article_id: str) -> dict | None:
    row = db.df("SELECT * FROM articles WHERE id=?", (article_id,))
    return None if row.empty else row.iloc[0].to_dict()


def blocks_df(db: Database, article_id: str) -> pd.DataFrame:
    return db.df('SELECT idx, kind, start, "end" FROM blocks WHERE article_id=? ORDER BY idx', (article_id,))


def sentences_df(db: Database, article_id: str) -> pd.DataFrame:
    return db.df('SELECT idx, block_idx, start, "end" FROM sentences WHERE article_id=? ORDER BY idx',
                 (article_id,))


def mentions_df(db: Database, article_id: str) -> pd.DataFrame:
    """Every entity mention of one article, with its effective actor's fields."""
    return db.df(
        f'SELECT m.start, m."end", m.text, m.label, m.actor_id, m.sentence_idx, m.block_idx, m.in_quote, '
        f'ea.name AS actor_name, ea.type AS actor_type, ea.nation, ea.nation_basis, ea.nation_reason, '
        f'ea.affiliation, ea.role '
        f'FROM mentions m LEFT JOIN ({effective_actor_sql()}) ea ON ea.id=m.actor_id '
        f'WHERE m.article_id=? ORDER BY m.start', (article_id,))


def problems_df(db: Database, article_id: str | None = None) -> pd.DataFrame:
    """The steps of the analysis that failed, per article (all articles, or one), in the order they failed."""
    sql = ("SELECT p.article_id, COALESCE(art.title, art.source, art.id) AS article_title, p.step, p.message "
           "FROM problems p JOIN articles art ON art.id=p.article_id")
    params: list = []
    if article_id is not None:
        sql += " WHERE p.article_id=?"
        params.append(article_id)
    return db.df(sql + " ORDER BY art.seq, p.idx", params)
