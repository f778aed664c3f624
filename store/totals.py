"""Aggregate tables kept up to date at write time: each corpus actor's totals, each article's counts.

The dashboard's corpus-wide views (the busiest actors, the pickers, the nations, the article list)
would otherwise group every stored row on every cold page: at 100,000 articles that is millions of
rows per query. These tables are written in the same transaction as the rows they sum (an article's
write, its deletion, an analyst's correction), so they are never stale and a kill leaves both or
neither. They hold only numbers keyed by ids; names, types and nations are read live through the
analysts' edits (``overrides.effective_actor_sql``).

- ``actor_totals``: per effective actor id, its mentions, articles and tone counts over every stored
  article, the portrayal (the model's scores of its mentions outside quotes: their sum, how many, and
  how many of each label), and how many quotes it speaks.
- ``actor_aliases``: per effective actor id, every way its articles write it, in the order first written.
- ``article_counts``: per article, the entity mentions, distinct actors, quotes and dated events.
"""
from __future__ import annotations

import sqlite3
from typing import Iterable, Sequence

from .database import batches

TOTALS_DDL = """
CREATE TABLE IF NOT EXISTS actor_totals (
    actor_id TEXT PRIMARY KEY, mentions INTEGER NOT NULL, articles INTEGER NOT NULL, n_neg INTEGER NOT NULL,
    n_neu INTEGER NOT NULL, n_pos INTEGER NOT NULL, score_sum REAL, score_n INTEGER NOT NULL,
    scored INTEGER NOT NULL, s_neg INTEGER NOT NULL, s_neu INTEGER NOT NULL, s_pos INTEGER NOT NULL,
    quotes INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS actor_totals_mentions ON actor_totals(mentions DESC);
CREATE INDEX IF NOT EXISTS actor_totals_quotes ON actor_totals(quotes DESC);
CREATE INDEX IF NOT EXISTS actor_totals_scored ON actor_totals(scored DESC);
CREATE TABLE IF NOT EXISTS actor_aliases (
    actor_id TEXT NOT NULL, alias TEXT NOT NULL, pos INTEGER NOT NULL, PRIMARY KEY (actor_id, alias));
CREATE TABLE IF NOT EXISTS article_counts (
    article_id TEXT PRIMARY KEY, entities INTEGER NOT NULL, actors INTEGER NOT NULL, quotes INTEGER NOT NULL,
    events INTEGER NOT NULL);
"""

# the ids of a refresh, in a temp table (a list of thousands of ids is no IN (...) of parameters)
_IDS = "temp.totals_ids"


def _fill_ids(con: sqlite3.Connection, ids: Iterable[str]) -> None:
    con.execute(f"DROP TABLE IF EXISTS {_IDS}")
    con.execute("CREATE TEMP TABLE totals_ids (id TEXT PRIMARY KEY)")
    con.executemany(f"INSERT OR IGNORE INTO {_IDS} VALUES (?)", ((i,) for i in ids if i is not None))


def _actor_totals_sql(where_aa: str, where_ms: str, where_q: str) -> str:
    return (
        "INSERT INTO actor_totals (actor_id, mentions, articles, n_neg, n_neu, n_pos, score_sum, score_n, scored, "
        "s_neg, s_neu, s_pos, quotes) "
        "SELECT ids.id, COALESCE(p.mentions, 0), COALESCE(p.articles, 0), COALESCE(p.n_neg, 0), "
        "COALESCE(p.n_neu, 0), COALESCE(p.n_pos, 0), s.score_sum, COALESCE(s.score_n, 0), COALESCE(s.scored, 0), "
        "COALESCE(s.s_neg, 0), COALESCE(s.s_neu, 0), COALESCE(s.s_pos, 0), COALESCE(q.quotes, 0) "
        "FROM (SELECT actor_id AS id FROM article_actors aa WHERE 1=1" + where_aa +
        " UNION SELECT speaker_id FROM quotes q WHERE speaker_id IS NOT NULL" + where_q + ") ids "
        "LEFT JOIN (SELECT actor_id, SUM(mentions) AS mentions, COUNT(DISTINCT article_id) AS articles, "
        "SUM(n_neg) AS n_neg, SUM(n_neu) AS n_neu, SUM(n_pos) AS n_pos FROM article_actors aa WHERE 1=1" + where_aa +
        " GROUP BY actor_id) p ON p.actor_id=ids.id "
        "LEFT JOIN (SELECT actor_id, SUM(score) AS score_sum, COUNT(score) AS score_n, COUNT(*) AS scored, "
        "SUM(label='negative') AS s_neg, SUM(label='neutral') AS s_neu, SUM(label='positive') AS s_pos "
        "FROM mention_sentiment ms "
        "WHERE in_quote=0" + where_ms + " GROUP BY actor_id) s ON s.actor_id=ids.id "
        "LEFT JOIN (SELECT speaker_id, COUNT(*) AS quotes FROM quotes q WHERE speaker_id IS NOT NULL" + where_q +
        " GROUP BY speaker_id) q ON q.speaker_id=ids.id")


def _aliases_sql(where: str) -> str:
    # an alias list that is not valid JSON (none is written so) adds no alias rather than failing the write
    return ("INSERT INTO actor_aliases (actor_id, alias, pos) SELECT aa.actor_id, j.value, MIN(aa.rowid * 1000 + j.key) "
            "FROM article_actors aa, json_each(CASE WHEN json_valid(aa.aliases) THEN aa.aliases ELSE '[]' END) j "
            "WHERE j.type='text'" + where + " GROUP BY aa.actor_id, j.value")


def refresh_actor_totals(con: sqlite3.Connection, actor_ids: Iterable[str] | None = None) -> None:
    """Recompute the totals and aliases of these actor ids (every actor when None), inside the caller's
    transaction. An id no stored row carries any more loses its rows.
    """
    if actor_ids is None:
        con.execute("DELETE FROM actor_totals")
        con.execute(_actor_totals_sql("", "", ""))
        con.execute("DELETE FROM actor_aliases")
        con.execute(_aliases_sql(""))
        return
    _fill_ids(con, actor_ids)
    con.execute(f"DELETE FROM actor_totals WHERE actor_id IN {_IDS}")
    con.execute(_actor_totals_sql(f" AND aa.actor_id IN {_IDS}", f" AND ms.actor_id IN {_IDS}",
                                  f" AND q.speaker_id IN {_IDS}"))
    con.execute(f"DELETE FROM actor_aliases WHERE actor_id IN {_IDS}")
    con.execute(_aliases_sql(f" AND aa.actor_id IN {_IDS}"))
    con.execute(f"DROP TABLE {_IDS}")


def actors_of_articles(con: sqlite3.Connection, article_ids: Sequence[str]) -> set[str]:
    """The effective actor ids (named or speaking) that these articles' rows carry now."""
    out: set[str] = set()
    for part in batches(article_ids):
        marks = ",".join("?" * len(part))
        out.update(r[0] for r in con.execute(
            f"SELECT actor_id FROM article_actors WHERE article_id IN ({marks}) UNION "
            f"SELECT speaker_id FROM quotes WHERE article_id IN ({marks}) AND speaker_id IS NOT NULL", part + part))
    return out


def refresh_article_counts(con: sqlite3.Connection, article_ids: Sequence[str] | None = None) -> None:
    """Recompute these articles' counts (every article's when None); a deleted article loses its row."""
    sql = ("INSERT OR REPLACE INTO article_counts (article_id, entities, actors, quotes, events) "
           "SELECT art.id, (SELECT COUNT(*) FROM mentions m WHERE m.article_id=art.id), "
           "(SELECT COUNT(DISTINCT aa.actor_id) FROM article_actors aa WHERE aa.article_id=art.id), "
           "(SELECT COUNT(*) FROM quotes q WHERE q.article_id=art.id), "
           "(SELECT COUNT(*) FROM events e WHERE e.article_id=art.id AND e.value IS NOT NULL) FROM articles art")
    if article_ids is None:
        con.execute("DELETE FROM article_counts")
        con.execute(sql)
        return
    for part in batches(article_ids):
        marks = ",".join("?" * len(part))
        con.execute(f"DELETE FROM article_counts WHERE article_id IN ({marks})", part)
        con.execute(f"{sql} WHERE art.id IN ({marks})", part)


def refresh_all(con: sqlite3.Connection) -> None:
    """Every aggregate from the stored rows (a new or upgraded store, a correction applied to every article)."""
    refresh_actor_totals(con)
    refresh_article_counts(con)
