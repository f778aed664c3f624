"""The schema: the tables' DDL, the schema version, and the in-place migrations of older stores.

Version history: v1 the first release; v2 adds ``quotes.polarity`` (TextBlob, the lexicon
view); v3 adds ``problems`` (the steps of the analysis that failed on an article) and keeps
each split's new actor id in its override row (``overrides.target_id``); v4 where each nation came
from (``nation_basis``, ``nation_reason``); v5 the aggregates kept at write time (``totals``).
"""
from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

from .database import ENV_DATA_DIR, Database, StoreError, damaged, quick_check
from .overrides import apply_overrides
from .totals import TOTALS_DDL, refresh_all

SCHEMA_VERSION = 5
# a store up to this size is checked page by page on every open (1.2 s at 0.7 GB); a larger one would make
# every open wait seconds, so it is not: a damaged page found by a read is still refused
# (``StoreDamaged``), and ``python -m corpus store check`` checks it all
QUICK_CHECK_MAX_BYTES = 512 * 1024 * 1024

_PROBLEMS_TABLE = ("CREATE TABLE IF NOT EXISTS problems (article_id TEXT NOT NULL, idx INTEGER NOT NULL, "
                   "step TEXT NOT NULL, message TEXT NOT NULL, PRIMARY KEY (article_id, idx))")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, content_hash TEXT NOT NULL UNIQUE, title TEXT, standfirst TEXT,
    text TEXT NOT NULL, published TEXT, published_source TEXT, source TEXT, fmt TEXT,
    words INTEGER, added_at TEXT NOT NULL, seq INTEGER);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
-- the article list, newest first, without reading the texts stored in the same rows
CREATE INDEX IF NOT EXISTS articles_list ON articles(published DESC, seq DESC, id, title, source, published_source,
    fmt, words, added_at);
CREATE TABLE IF NOT EXISTS blocks (
    article_id TEXT NOT NULL, idx INTEGER NOT NULL, kind TEXT NOT NULL, start INTEGER, "end" INTEGER,
    PRIMARY KEY (article_id, idx));
CREATE TABLE IF NOT EXISTS sentences (
    article_id TEXT NOT NULL, idx INTEGER NOT NULL, block_idx INTEGER, start INTEGER, "end" INTEGER,
    PRIMARY KEY (article_id, idx));
CREATE TABLE IF NOT EXISTS article_actors (
    article_id TEXT NOT NULL, raw_actor_id TEXT NOT NULL, actor_id TEXT NOT NULL, name TEXT, type TEXT,
    nation TEXT, affiliation TEXT, role TEXT, evidence TEXT, evidence_start INTEGER, evidence_end INTEGER,
    mentions INTEGER, first_start INTEGER, first_end INTEGER, gender TEXT, ambiguous INTEGER,
    aliases TEXT, portrayal REAL, portrayal_label TEXT, n_neg INTEGER, n_neu INTEGER, n_pos INTEGER,
    tone REAL, nation_basis TEXT, nation_reason TEXT, PRIMARY KEY (article_id, raw_actor_id));
CREATE INDEX IF NOT EXISTS article_actors_actor ON article_actors(actor_id);
-- the corpus's type memory looks names up case-blind on every write (a scan of 780,000 rows at 10,000 articles)
CREATE INDEX IF NOT EXISTS article_actors_lname ON article_actors(lower(name));
CREATE TABLE IF NOT EXISTS mentions (
    article_id TEXT NOT NULL, start INTEGER, "end" INTEGER, text TEXT, label TEXT,
    raw_actor_id TEXT, actor_id TEXT, sentence_idx INTEGER, block_idx INTEGER, in_quote INTEGER);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article_id);
CREATE INDEX IF NOT EXISTS mentions_actor ON mentions(actor_id);
CREATE TABLE IF NOT EXISTS quotes (
    article_id TEXT NOT NULL, idx INTEGER NOT NULL, start INTEGER, "end" INTEGER, text TEXT, kind TEXT,
    cue TEXT, cue_start INTEGER, cue_end INTEGER, raw_speaker_id TEXT, speaker_id TEXT, speaker_name TEXT,
    speaker_nation TEXT, speaker_kind TEXT, speaker_start INTEGER, speaker_end INTEGER,
    sentence_idx INTEGER, block_idx INTEGER, tone REAL, subjectivity REAL, words INTEGER, polarity REAL,
    PRIMARY KEY (article_id, idx));
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker_id);
CREATE TABLE IF NOT EXISTS quote_targets (
    article_id TEXT NOT NULL, quote_idx INTEGER NOT NULL, raw_actor_id TEXT, actor_id TEXT, actor TEXT,
    polarity REAL, label TEXT);
CREATE INDEX IF NOT EXISTS quote_targets_article ON quote_targets(article_id, quote_idx);
CREATE TABLE IF NOT EXISTS events (
    article_id TEXT NOT NULL, idx INTEGER NOT NULL, start INTEGER, "end" INTEGER, expression TEXT,
    value TEXT, precision TEXT, kind TEXT, end_value TEXT, sentence_idx INTEGER, sentence_start INTEGER,
    sentence_end INTEGER, sentence TEXT, raw_speaker_id TEXT, speaker_id TEXT, anchor TEXT, features TEXT,
    day_from TEXT, day_to TEXT, PRIMARY KEY (article_id, idx));
CREATE INDEX IF NOT EXISTS events_day ON events(day_from);
CREATE TABLE IF NOT EXISTS event_actors (
    article_id TEXT NOT NULL, event_idx INTEGER NOT NULL, raw_actor_id TEXT, actor_id TEXT);
CREATE INDEX IF NOT EXISTS event_actors_article ON event_actors(article_id, event_idx);
CREATE TABLE IF NOT EXISTS mention_sentiment (
    article_id TEXT NOT NULL, raw_actor_id TEXT, actor_id TEXT, start INTEGER, "end" INTEGER,
    sentence_idx INTEGER, label TEXT, score REAL, in_quote INTEGER);
CREATE INDEX IF NOT EXISTS mention_sentiment_actor ON mention_sentiment(actor_id);
CREATE TABLE IF NOT EXISTS actors (
    id TEXT PRIMARY KEY, name TEXT, type TEXT, nation TEXT, affiliation TEXT, role TEXT,
    evidence TEXT, evidence_article TEXT, nation_basis TEXT, nation_reason TEXT);
CREATE TABLE IF NOT EXISTS actor_keys (key TEXT NOT NULL, actor_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS actor_keys_key ON actor_keys(key);
CREATE TABLE IF NOT EXISTS actor_links (
    from_id TEXT NOT NULL, to_id TEXT NOT NULL, article_id TEXT, reason TEXT, created_at TEXT);
CREATE TABLE IF NOT EXISTS overrides (
    id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, actor_id TEXT NOT NULL, target_id TEXT,
    field TEXT, value TEXT, created_at TEXT NOT NULL, undone INTEGER NOT NULL DEFAULT 0);
-- every actor row of every query looks up its live field edits here (an index probe, not a scan)
CREATE INDEX IF NOT EXISTS overrides_actor ON overrides(actor_id, kind, field);
CREATE VIRTUAL TABLE IF NOT EXISTS fts_articles USING fts5(article_id UNINDEXED, title, body);
CREATE VIRTUAL TABLE IF NOT EXISTS fts_quotes USING fts5(article_id UNINDEXED, quote_idx UNINDEXED, text);
""" + _PROBLEMS_TABLE + ";\n" + TOTALS_DDL

# the tables that hold an article's rows, deleted with it
ARTICLE_TABLES = ("blocks", "sentences", "article_actors", "mentions", "quotes", "quote_targets", "events",
                  "event_actors", "mention_sentiment", "problems", "fts_articles", "fts_quotes", "article_counts")


_STATEMENTS = tuple(x.strip() for x in _SCHEMA.split(";") if x.strip())
# every table and index a current store holds (an older one gets the missing ones on open)
_OBJECTS = frozenset(x.split(" IF NOT EXISTS ")[1].split()[0].split("(")[0] for x in _STATEMENTS
                     if " IF NOT EXISTS " in x)


def _stored_version(con: sqlite3.Connection) -> int | None:
    """The version written in the file, or None for a new (empty) file."""
    if con.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone() is None:
        return None
    row = con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
    return int(row[0]) if row else None


def _write_schema(con: sqlite3.Connection) -> None:
    """Every table and index (``IF NOT EXISTS``) and the version, inside the caller's transaction."""
    for stmt in _STATEMENTS:
        con.execute(stmt)
    con.execute("INSERT INTO meta VALUES ('schema_version', ?) ON CONFLICT(key) DO UPDATE SET value=excluded.value",
                (str(SCHEMA_VERSION),))


def create_store(path: Path) -> None:
    """A new store appears at ``path`` whole or not at all: built in a file of its own beside it and
    linked into place, so two processes creating it at once get one store (the second uses the first's),
    and a file found at the path is never one this code left half-made (an empty one is damage)."""
    tmp = path.with_name(f".{path.name}.new-{os.getpid()}-{threading.get_ident()}")
    try:
        con = sqlite3.connect(tmp, isolation_level=None)
        try:
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("BEGIN IMMEDIATE")
            _write_schema(con)
            con.execute("COMMIT")
        finally:
            con.close()
        try:
            os.link(tmp, path)  # atomic, and fails when the path exists: never over another file
        except FileExistsError:
            pass  # another process created the store a moment ago: that one is used
    except (OSError, sqlite3.Error) as exc:
        raise StoreError(f"cannot create the store {path}: {exc}") from None
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{tmp}{suffix}").unlink(missing_ok=True)


def init_schema(db: Database) -> None:
    """Open the store: create a new one, check an existing file, upgrade an older one in place; refuse a newer one.

    The version is read, and any creation or upgrade done, inside one ``BEGIN IMMEDIATE`` transaction
    (read again once the lock is held), so processes opening the store at once do it once between them."""
    with db.write_lock:
        if not db.path.exists():
            create_store(db.path)
        con = db.conn()  # refuses an empty file or one without SQLite's header
        if db.path.stat().st_size <= QUICK_CHECK_MAX_BYTES:
            quick_check(con, db.path)
        try:
            names = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
            if _stored_version(con) == SCHEMA_VERSION and _OBJECTS <= names:
                return  # the usual open: nothing to write
            with db.transaction() as con:
                names = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
                version = _stored_version(con)
                if version is None and names - {"meta"} and "articles" not in names:
                    raise StoreError(f"{db.path} is an SQLite database but not a newslens store; "
                                     f"move it or point {ENV_DATA_DIR} elsewhere")
                if version is not None and version > SCHEMA_VERSION:
                    raise StoreError(f"the store {db.path} has schema version {version}, newer than this "
                                     f"app's {SCHEMA_VERSION}; upgrade the app or move {ENV_DATA_DIR}")
                if version is not None and version < SCHEMA_VERSION:
                    _upgrade(con, version)
                _write_schema(con)
        except sqlite3.OperationalError as exc:
            raise StoreError(f"cannot open the store {db.path}: {exc}") from None
        except sqlite3.DatabaseError as exc:
            raise damaged(db.path, f"is damaged ({exc})") from None


def migrate(db: Database) -> None:
    """Upgrade an older store in place, in one transaction; nothing stored is lost."""
    with db.transaction() as con:
        version = _stored_version(con)  # again, under the lock: another process may have upgraded it
        if version is None or version >= SCHEMA_VERSION:
            return
        _upgrade(con, version)
        _write_schema(con)


def _upgrade(con: sqlite3.Connection, version: int) -> None:
    """The in-place migrations from ``version``, inside the caller's transaction."""
    if version < 5:  # the aggregates' tables first: a rebuild of the rows below keeps them up to date
        for stmt in TOTALS_DDL.split(";"):
            if stmt.strip():
                con.execute(stmt)
    if version < 2:  # v2: TextBlob polarity per quote (the lexicon view); older quotes keep NULL
        cols = {r[1] for r in con.execute("PRAGMA table_info(quotes)")}
        if "polarity" not in cols:
            con.execute("ALTER TABLE quotes ADD COLUMN polarity REAL")
    if version < 3:
        # v3: per-article problems; older articles have none recorded
        con.execute(_PROBLEMS_TABLE)
        # v3: a split's new id is kept in its override row. Older splits keep the id they were given
        # (the split-off actor's corpus row, named as the alias); one whose row is gone gets a new one.
        con.execute("UPDATE overrides SET target_id=(SELECT a.id FROM actors a WHERE a.name=overrides.value "
                    "AND substr(a.id, 1, length(overrides.actor_id) + 1)=overrides.actor_id || '~' "
                    "ORDER BY a.id LIMIT 1) WHERE kind='split' AND target_id IS NULL")
        con.execute("UPDATE overrides SET target_id=actor_id || '~' || id WHERE kind='split' "
                    "AND target_id IS NULL")
        con.execute("INSERT OR IGNORE INTO actors (id, name, type) SELECT o.target_id, o.value, a.type "
                    "FROM overrides o JOIN actors a ON a.id=o.actor_id WHERE o.kind='split'")
        apply_overrides(con)  # rebuild the split rows under the ids now stored
    if version < 4:
        # v4: where each nation came from (stated / inferred / corpus / analyst) and why, per article
        # and for the corpus actor. Older rows held only nations their article stated.
        for table in ("article_actors", "actors"):
            cols = {r[1] for r in con.execute(f"PRAGMA table_info({table})")}
            for col in ("nation_basis", "nation_reason"):
                if col not in cols:
                    con.execute(f"ALTER TABLE {table} ADD COLUMN {col} TEXT")
            con.execute(f"UPDATE {table} SET nation_basis='stated' WHERE nation IS NOT NULL AND nation_basis IS NULL")
    if version < 5:
        refresh_all(con)  # v5: the aggregates kept at write time (``totals``), summed from the stored rows
