"""The embedded store: schema, appends, overrides and every query. The only SQL in the project.

SQLite in WAL mode, chosen over DuckDB because (1) several processes may hold
the file at once (the app, and ``python -m analysis ingest`` run beside it),
which DuckDB forbids; (2) FTS5 full-text search ships inside Python's sqlite3
and works offline; (3) it is in the standard library. Aggregations are done in
SQL over indexed tables and come back as pandas DataFrames.

Writes of one article happen in one transaction: an article is whole or absent.
Analyst corrections (merge, split, rename, set a field) live in ``overrides``;
they are applied to the stored rows' effective actor ids and to the corpus
actor table, re-applied after every ingest, and can be undone, because every
row keeps the id the analysis gave it (``raw_actor_id``).
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import re
import sqlite3
import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import pandas as pd

SCHEMA_VERSION = 2
ENV_DATA_DIR = "NEWSLENS_DATA_DIR"
DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / ".newslens-data"
EDITABLE_FIELDS = ("name", "nation", "affiliation", "role", "type")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, content_hash TEXT NOT NULL UNIQUE, title TEXT, standfirst TEXT,
    text TEXT NOT NULL, published TEXT, published_source TEXT, source TEXT, fmt TEXT,
    words INTEGER, added_at TEXT NOT NULL, seq INTEGER);
CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
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
    tone REAL, PRIMARY KEY (article_id, raw_actor_id));
CREATE INDEX IF NOT EXISTS article_actors_actor ON article_actors(actor_id);
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
    evidence TEXT, evidence_article TEXT);
CREATE TABLE IF NOT EXISTS actor_keys (key TEXT NOT NULL, actor_id TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS actor_keys_key ON actor_keys(key);
CREATE TABLE IF NOT EXISTS actor_links (
    from_id TEXT NOT NULL, to_id TEXT NOT NULL, article_id TEXT, reason TEXT, created_at TEXT);
CREATE TABLE IF NOT EXISTS overrides (
    id INTEGER PRIMARY KEY AUTOINCREMENT, kind TEXT NOT NULL, actor_id TEXT NOT NULL, target_id TEXT,
    field TEXT, value TEXT, created_at TEXT NOT NULL, undone INTEGER NOT NULL DEFAULT 0);
CREATE VIRTUAL TABLE IF NOT EXISTS fts_articles USING fts5(article_id UNINDEXED, title, body);
CREATE VIRTUAL TABLE IF NOT EXISTS fts_quotes USING fts5(article_id UNINDEXED, quote_idx UNINDEXED, text);
"""

_ACTOR_ID_TABLES = ("article_actors", "mentions", "quote_targets", "event_actors", "mention_sentiment")


class StoreError(RuntimeError):
    """The store cannot be opened or written; the message is for the user."""


@dataclass
class Filters:
    """The shared selection, as the store understands it. Empty means no filter."""

    actors: Sequence[str] = ()
    speakers: Sequence[str] = ()
    nations: Sequence[str] = ()
    articles: Sequence[str] = ()
    date_from: str | None = None
    date_to: str | None = None

    def is_empty(self) -> bool:
        return not (self.actors or self.speakers or self.nations or self.articles or self.date_from
                    or self.date_to)


@dataclass
class AddOutcome:
    added: bool
    article_id: str
    message: str
    duplicate_of: str | None = None
    links: list[tuple[str, str]] = field(default_factory=list)


def slug(text: str) -> str:
    """Accent-folded lowercase slug, for ids made from names."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-") or "x"


def _day_bounds(value: str | None, precision: str | None, end_value: str | None) -> tuple[str | None, str | None]:
    """First and last calendar day an event value covers (year/month values cover a band)."""
    def bounds(v: str) -> tuple[str, str]:
        if len(v) == 4:
            return f"{v}-01-01", f"{v}-12-31"
        if len(v) == 7:
            y, m = int(v[:4]), int(v[5:7])
            nxt = _dt.date(y + (m == 12), m % 12 + 1, 1)
            return f"{v}-01", (nxt - _dt.timedelta(days=1)).isoformat()
        return v[:10], v[:10]

    if not value:
        return None, None
    try:
        lo, hi = bounds(value)
        if end_value:
            hi = bounds(end_value)[1]
        return lo, hi
    except (ValueError, IndexError):
        return None, None


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


class Store:
    """One SQLite file; a connection per thread; all writes serialised by a lock."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the data directory {self.path.parent}: {exc.strerror}") from None
        self._local = threading.local()
        self._write_lock = threading.RLock()
        self._init_schema()

    # ------------------------------------------------------------------ connection & schema
    @classmethod
    def default_path(cls) -> Path:
        return Path(os.environ.get(ENV_DATA_DIR) or DEFAULT_DATA_DIR) / "newslens.sqlite3"

    @classmethod
    def open_default(cls) -> "Store":
        return cls(cls.default_path())

    def _conn(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            try:
                con = sqlite3.connect(self.path, timeout=30, check_same_thread=False, isolation_level=None)
            except sqlite3.Error as exc:
                raise StoreError(f"cannot open the store {self.path}: {exc}") from None
            con.execute("PRAGMA journal_mode=WAL")
            con.execute("PRAGMA synchronous=NORMAL")
            con.execute("PRAGMA foreign_keys=ON")
            con.execute("PRAGMA busy_timeout=30000")
            self._local.con = con
        return con

    def close(self) -> None:
        con = getattr(self._local, "con", None)
        if con is not None:
            con.close()
            self._local.con = None

    def _init_schema(self) -> None:
        con = self._conn()
        with self._write_lock:
            con.executescript(_SCHEMA)
            row = con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            if row is None:
                con.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))
            elif int(row[0]) > SCHEMA_VERSION:
                raise StoreError(f"the store {self.path} has schema version {row[0]}, newer than this "
                                 f"app's {SCHEMA_VERSION}; upgrade the app or move {ENV_DATA_DIR}")
            elif int(row[0]) < SCHEMA_VERSION:
                self._migrate(con, int(row[0]))

    @staticmethod
    def _migrate(con: sqlite3.Connection, version: int) -> None:
        """Upgrade an older store in place, in one transaction; nothing stored is lost."""
        con.execute("BEGIN IMMEDIATE")
        try:
            if version < 2:  # v2: TextBlob polarity per quote (the lexicon view); older quotes keep NULL
                cols = {r[1] for r in con.execute("PRAGMA table_info(quotes)")}
                if "polarity" not in cols:
                    con.execute("ALTER TABLE quotes ADD COLUMN polarity REAL")
            con.execute("UPDATE meta SET value=? WHERE key='schema_version'", (str(SCHEMA_VERSION),))
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    def data_version(self) -> int:
        """A counter bumped by every write; UI caches key on it."""
        row = self._conn().execute("SELECT value FROM meta WHERE key='data_version'").fetchone()
        return int(row[0]) if row else 0

    @staticmethod
    def _bump(con: sqlite3.Connection) -> None:
        con.execute("INSERT INTO meta VALUES ('data_version', '1') ON CONFLICT(key) DO UPDATE "
                    "SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)")

    def schema_version(self) -> int:
        return int(self._conn().execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()[0])

    def _df(self, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        cur = self._conn().execute(sql, tuple(params))
        cols = [d[0] for d in cur.description]
        return pd.DataFrame.from_records(cur.fetchall(), columns=cols)

    # ------------------------------------------------------------------ writes
    def find_duplicate(self, content_hash: str) -> str | None:
        row = self._conn().execute("SELECT id FROM articles WHERE content_hash=?", (content_hash,)).fetchone()
        return row[0] if row else None

    def add_analysis(self, result: Any, *, fail_after: str | None = None) -> AddOutcome:
        """Store one ``ArticleAnalysis`` in a single transaction; duplicates are reported, not stored.

        ``fail_after`` names a table after which to raise, so tests can prove the rollback.
        """
        art = result.article
        h = art.content_hash
        with self._write_lock:
            con = self._conn()
            dup = self.find_duplicate(h)
            if dup is not None:
                title = self.article_title(dup)
                return AddOutcome(False, dup, f"already stored as “{title}”", duplicate_of=dup)
            article_id = art.id
            n = 1
            while con.execute("SELECT 1 FROM articles WHERE id=?", (article_id,)).fetchone():
                article_id = f"{art.id}-{n}"
                n += 1
            links: list[tuple[str, str]] = []
            try:
                con.execute("BEGIN IMMEDIATE")
                seq = con.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM articles").fetchone()[0]
                con.execute("INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                            (article_id, h, art.title, art.standfirst, art.text, art.published,
                             art.published_source, art.source, art.fmt, art.word_count(), _now(), seq))
                self._insert_records(con, article_id, result, links)
                if fail_after == "articles+records":
                    raise RuntimeError("injected failure")
                con.execute("INSERT INTO fts_articles VALUES (?,?,?)", (article_id, art.title or "", art.text))
                con.executemany("INSERT INTO fts_quotes VALUES (?,?,?)",
                                [(article_id, i, art.text[q.start:q.end]) for i, q in enumerate(result.quotes)])
                self._apply_overrides(con, article_id)
                self._bump(con)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        msg = "stored"
        if links:
            msg += " (merged " + ", ".join(f"{a} → {b}" for a, b in links) + ")"
        return AddOutcome(True, article_id, msg, links=links)

    def _insert_records(self, con: sqlite3.Connection, article_id: str, result: Any,
                        links: list[tuple[str, str]]) -> None:
        from analysis.actors import link_across, link_keys  # same rules across articles as within one

        text = result.article.text

        # cross-article merge: a new actor that the corpus already holds under another id. Only the
        # candidates sharing an index key with it are compared (the corpus may hold 100,000 actors).
        known_ids = {r[0] for r in con.execute(
            f"SELECT id FROM actors WHERE id IN ({','.join('?' * len(result.actors))})",
            [a.id for a in result.actors]).fetchall()} if result.actors else set()
        remap: dict[str, str] = {}
        for a in result.actors:
            if a.id in known_ids:
                continue
            keys = sorted(link_keys(a.name, a.type))
            if not keys:
                continue
            known = [tuple(r) for r in con.execute(
                f"SELECT DISTINCT ac.id, ac.name, ac.type FROM actor_keys k JOIN actors ac ON ac.id=k.actor_id "
                f"WHERE k.key IN ({','.join('?' * len(keys))})", keys).fetchall()]
            target = link_across(known, a) if known else None
            if target and target != a.id:
                remap[a.id] = target
                links.append((a.name, dict((k[0], k[1]) for k in known).get(target, target)))
                con.execute("INSERT INTO actor_links VALUES (?,?,?,?,?)",
                            (a.id, target, article_id, "same rules as within an article", _now()))

        def eff(aid: str | None) -> str | None:
            return remap.get(aid, aid) if aid else aid

        con.executemany("INSERT INTO blocks VALUES (?,?,?,?,?)",
                        [(article_id, b.index, b.kind, b.start, b.end) for b in result.article.blocks])
        con.executemany("INSERT INTO sentences VALUES (?,?,?,?,?)",
                        [(article_id, s.index, s.block_index, s.start, s.end) for s in result.sentences])
        rows = []
        for a in result.actors:
            c = a.portrayal_counts or {}
            rows.append((article_id, eff(a.id), eff(a.id), a.name, a.type, a.nation, a.affiliation, a.role,
                         a.evidence, a.evidence_start, a.evidence_end, a.mentions, a.first_start, a.first_end,
                         a.gender, int(bool(a.ambiguous)), json.dumps(a.aliases, ensure_ascii=False),
                         a.portrayal, a.portrayal_label, c.get("negative", 0), c.get("neutral", 0),
                         c.get("positive", 0), a.tone))
        # two raw actors remapped onto one id would collide on the key: keep the first, add mentions
        seen: dict[str, int] = {}
        dedup = []
        for r in rows:
            if r[1] in seen:
                prev = list(dedup[seen[r[1]]])
                prev[11] = (prev[11] or 0) + (r[11] or 0)
                dedup[seen[r[1]]] = tuple(prev)
                continue
            seen[r[1]] = len(dedup)
            dedup.append(r)
        con.executemany("INSERT INTO article_actors VALUES (" + ",".join("?" * 23) + ")", dedup)
        for a in result.actors:
            aid = eff(a.id)
            cur = con.execute("INSERT OR IGNORE INTO actors VALUES (?,?,?,?,?,?,?,?)",
                              (aid, a.name, a.type, a.nation, a.affiliation, a.role, a.evidence, article_id))
            if cur.rowcount:
                con.executemany("INSERT INTO actor_keys VALUES (?,?)", [(k, aid) for k in link_keys(a.name, a.type)])
            if a.nation or a.affiliation or a.role:
                # fill what the corpus row lacks from this article's evidence
                con.execute("UPDATE actors SET nation=COALESCE(nation, ?), affiliation=COALESCE(affiliation, ?), "
                            "role=COALESCE(role, ?), evidence=COALESCE(evidence, ?), "
                            "evidence_article=COALESCE(evidence_article, ?) WHERE id=?",
                            (a.nation, a.affiliation, a.role, a.evidence, article_id if a.evidence else None, aid))
        con.executemany("INSERT INTO mentions VALUES (?,?,?,?,?,?,?,?,?,?)",
                        [(article_id, m.start, m.end, m.text, m.label, eff(m.actor_id), eff(m.actor_id),
                          m.sentence_index, m.block_index, int(bool(m.in_quote))) for m in result.mentions])
        con.executemany("INSERT INTO quotes VALUES (" + ",".join("?" * 22) + ")",
                        [(article_id, i, q.start, q.end, text[q.start:q.end], q.kind, q.cue, q.cue_start,
                          q.cue_end, eff(q.speaker_id), eff(q.speaker_id), q.speaker_name, q.speaker_nation,
                          q.speaker_kind, q.speaker_start, q.speaker_end, q.sentence_index, q.block_index,
                          q.tone, q.subjectivity, len(text[q.start:q.end].split()), q.polarity)
                         for i, q in enumerate(result.quotes)])
        con.executemany("INSERT INTO quote_targets VALUES (?,?,?,?,?,?,?)",
                        [(article_id, i, eff(t.actor_id), eff(t.actor_id), t.actor, t.polarity, t.label)
                         for i, q in enumerate(result.quotes) for t in q.targets])
        ev_rows, ev_actor_rows = [], []
        for i, e in enumerate(result.events):
            lo, hi = _day_bounds(e.value, e.precision, e.end_value)
            ev_rows.append((article_id, i, e.start, e.end, e.expression, e.value, e.precision, e.kind,
                            e.end_value, e.sentence_index, e.sentence_start, e.sentence_end, e.sentence,
                            eff(e.speaker_id), eff(e.speaker_id), e.anchor,
                            json.dumps(e.features, ensure_ascii=False, default=str), lo, hi))
            ev_actor_rows.extend((article_id, i, eff(a), eff(a)) for a in dict.fromkeys(e.actor_ids))
        con.executemany("INSERT INTO events VALUES (" + ",".join("?" * 19) + ")", ev_rows)
        con.executemany("INSERT INTO event_actors VALUES (?,?,?,?)", ev_actor_rows)
        con.executemany("INSERT INTO mention_sentiment VALUES (?,?,?,?,?,?,?,?,?)",
                        [(article_id, eff(s.actor_id), eff(s.actor_id), s.start, s.end, s.sentence_index,
                          s.label, s.score, int(bool(s.in_quote))) for s in result.sentiments])

    def delete_article(self, article_id: str) -> None:
        with self._write_lock:
            con = self._conn()
            con.execute("BEGIN IMMEDIATE")
            try:
                for t in ("blocks", "sentences", "article_actors", "mentions", "quotes", "quote_targets",
                          "events", "event_actors", "mention_sentiment", "fts_articles", "fts_quotes"):
                    con.execute(f"DELETE FROM {t} WHERE article_id=?", (article_id,))
                con.execute("DELETE FROM articles WHERE id=?", (article_id,))
                con.execute("DELETE FROM actors WHERE id NOT IN (SELECT DISTINCT raw_actor_id FROM article_actors)")
                con.execute("DELETE FROM actor_keys WHERE actor_id NOT IN (SELECT id FROM actors)")
                self._bump(con)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise

    def set_published(self, article_id: str, published: str | None) -> int:
        """Change an article's publication date and resolve its events again (no spaCy)."""
        from analysis.records import Event
        from analysis.timeline import reresolve_events

        with self._write_lock:
            con = self._conn()
            rows = self._df('SELECT * FROM events WHERE article_id=? ORDER BY idx', (article_id,))
            events = []
            for r in rows.itertuples():
                actor_ids = [x[0] for x in con.execute(
                    "SELECT raw_actor_id FROM event_actors WHERE article_id=? AND event_idx=?", (article_id, r.idx))]
                events.append(Event(start=r.start, end=r.end, expression=r.expression, value=r.value,
                                    precision=r.precision, kind=r.kind, sentence_index=r.sentence_idx,
                                    sentence_start=r.sentence_start, sentence_end=r.sentence_end,
                                    sentence=r.sentence, actor_ids=actor_ids, speaker_id=r.raw_speaker_id,
                                    end_value=r.end_value, anchor=r.anchor,
                                    features=json.loads(r.features or "{}")))
            new = reresolve_events(events, published)
            con.execute("BEGIN IMMEDIATE")
            try:
                con.execute("UPDATE articles SET published=?, published_source=? WHERE id=?",
                            (published, "metadata" if published else None, article_id))
                for i, e in enumerate(new):
                    lo, hi = _day_bounds(e.value, e.precision, e.end_value)
                    con.execute("UPDATE events SET value=?, precision=?, kind=?, end_value=?, anchor=?, features=?, "
                                "day_from=?, day_to=? WHERE article_id=? AND idx=?",
                                (e.value, e.precision, e.kind, e.end_value, e.anchor,
                                 json.dumps(e.features, ensure_ascii=False, default=str), lo, hi, article_id, i))
                self._bump(con)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        return len(new)

    # ------------------------------------------------------------------ overrides
    def add_override(self, kind: str, actor_id: str, *, target_id: str | None = None, field_name: str | None = None,
                     value: str | None = None) -> int:
        """Record an analyst's correction and apply it to every stored article.

        kinds: ``merge`` (actor_id into target_id), ``split`` (the alias ``value`` out of actor_id into an actor
        of its own), ``set`` (field_name := value; field ``name`` renames).
        """
        if kind not in ("merge", "split", "set"):
            raise ValueError(f"unknown override kind {kind!r}")
        if kind == "set" and field_name not in EDITABLE_FIELDS:
            raise ValueError(f"field {field_name!r} cannot be edited")
        if kind == "merge" and (not target_id or target_id == actor_id):
            raise ValueError("a merge needs a different target actor")
        with self._write_lock:
            con = self._conn()
            con.execute("BEGIN IMMEDIATE")
            try:
                cur = con.execute("INSERT INTO overrides (kind, actor_id, target_id, field, value, created_at) "
                                  "VALUES (?,?,?,?,?,?)", (kind, actor_id, target_id, field_name, value, _now()))
                if kind == "split":
                    new_id = self._split_id(actor_id, value or "")
                    con.execute("INSERT OR IGNORE INTO actors (id, name, type, nation, affiliation, role) "
                                "SELECT ?, ?, type, NULL, NULL, NULL FROM actors WHERE id=?", (new_id, value, actor_id))
                self._apply_overrides(con)
                self._bump(con)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
            return int(cur.lastrowid)

    def undo_override(self, override_id: int) -> None:
        with self._write_lock:
            con = self._conn()
            con.execute("BEGIN IMMEDIATE")
            try:
                con.execute("UPDATE overrides SET undone=1 WHERE id=?", (override_id,))
                self._apply_overrides(con)
                self._bump(con)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise

    def overrides_df(self) -> pd.DataFrame:
        return self._df("SELECT o.*, a.name AS actor_name, t.name AS target_name FROM overrides o "
                        "LEFT JOIN actors a ON a.id=o.actor_id LEFT JOIN actors t ON t.id=o.target_id "
                        "ORDER BY o.id DESC")

    @staticmethod
    def _split_id(actor_id: str, alias: str) -> str:
        return f"{actor_id}~{slug(alias)}"

    def _apply_overrides(self, con: sqlite3.Connection, article_id: str | None = None) -> None:
        """Recompute effective actor ids from raw ids and the live overrides (inside a transaction)."""
        rows = con.execute("SELECT kind, actor_id, target_id, field, value FROM overrides WHERE undone=0 "
                           "ORDER BY id").fetchall()
        merges: dict[str, str] = {}
        splits: list[tuple[str, str]] = []
        for kind, actor_id, target_id, _f, value in rows:
            if kind == "merge" and target_id:
                merges[actor_id] = target_id
            elif kind == "split" and value:
                splits.append((actor_id, value))

        def final(aid: str) -> str:
            seen = set()
            while aid in merges and aid not in seen:
                seen.add(aid)
                aid = merges[aid]
            return aid

        where = " WHERE article_id=?" if article_id else ""
        params: tuple = (article_id,) if article_id else ()
        con.execute("DROP TABLE IF EXISTS temp.actor_map")
        con.execute("CREATE TEMP TABLE actor_map (raw TEXT PRIMARY KEY, eff TEXT)")
        con.executemany("INSERT INTO temp.actor_map VALUES (?,?)", [(a, final(a)) for a in merges])
        mapped = "COALESCE((SELECT eff FROM temp.actor_map WHERE raw={col}), {col})"
        for t in _ACTOR_ID_TABLES:
            con.execute(f"UPDATE {t} SET actor_id={mapped.format(col='raw_actor_id')}{where}", params)
        for t in ("quotes", "events"):
            con.execute(f"UPDATE {t} SET speaker_id={mapped.format(col='raw_speaker_id')}{where}", params)
        # a split moves the mentions written as that alias (and its possessive) to an actor of its own;
        # its per-article rows are rebuilt from those mentions (and dropped again when the split is undone)
        extra_all = " AND article_id=?" if article_id else ""
        con.execute(f"DELETE FROM article_actors WHERE raw_actor_id LIKE '%~%'{extra_all}", params)
        for actor_id, alias in splits:
            new_id = final(self._split_id(actor_id, alias))
            forms = (alias, alias + "'s", alias + "\u2019s")
            extra = " AND article_id=?" if article_id else ""
            con.execute(f"UPDATE mentions SET actor_id=? WHERE raw_actor_id=? AND text IN (?,?,?){extra}",
                        (new_id, actor_id, *forms, *params))
            con.execute(f"UPDATE quotes SET speaker_id=? WHERE raw_speaker_id=? AND EXISTS (SELECT 1 FROM mentions m "
                        f"WHERE m.article_id=quotes.article_id AND m.start=quotes.speaker_start AND m.text IN (?,?,?)){extra}",
                        (new_id, actor_id, *forms, *params))
            con.execute(f"INSERT OR IGNORE INTO article_actors (article_id, raw_actor_id, actor_id, name, type, nation, "
                        f"affiliation, role, mentions, first_start, first_end, aliases, n_neg, n_neu, n_pos) "
                        f"SELECT m.article_id, ?, ?, ?, MIN(m.label), NULL, NULL, NULL, COUNT(*), MIN(m.start), "
                        f"MIN(m.\"end\"), '[]', 0, 0, 0 FROM mentions m WHERE m.actor_id=? AND m.raw_actor_id=?{extra} "
                        f"GROUP BY m.article_id", (self._split_id(actor_id, alias), new_id, alias, new_id, actor_id,
                                                   *params))
        con.execute("DROP TABLE temp.actor_map")

    def _effective_actor_sql(self) -> str:
        """Corpus actors with the analysts' field edits laid over them."""
        def edit(f: str) -> str:
            return (f"(SELECT o.value FROM overrides o WHERE o.undone=0 AND o.kind='set' AND o.field='{f}' "
                    f"AND o.actor_id=a.id ORDER BY o.id DESC LIMIT 1)")
        cols = ", ".join(f"COALESCE({edit(f)}, a.{f}) AS {f}" for f in EDITABLE_FIELDS)
        return f"SELECT a.id, {cols}, a.evidence, a.evidence_article FROM actors a"

    # ------------------------------------------------------------------ filter helpers
    @staticmethod
    def _in(col: str, values: Sequence[str]) -> tuple[str, list]:
        return f"{col} IN ({','.join('?' * len(values))})", list(values)

    def _narrow(self, sql: str, params: list, col: str, values: Sequence[str], *either: str) -> tuple[str, list]:
        """Add ``AND col IN (values)`` to a query when the selection has values for it.

        With more columns in ``either``, a row passes when any of them is in ``values``.
        """
        if not values:
            return sql, params
        parts = [self._in(c, values) for c in (col, *either)]
        clause = " OR ".join(s for s, _ in parts)
        return f"{sql} AND ({clause})", params + [v for _, p in parts for v in p]

    def _article_filter(self, f: Filters | None, alias: str = "art") -> tuple[str, list]:
        """SQL over ``articles AS alias`` for the article and date parts of the selection."""
        if f is None:
            return "1=1", []
        parts, params = [], []
        if f.articles:
            s, p = self._in(f"{alias}.id", f.articles)
            parts.append(s)
            params += p
        if f.date_from:
            parts.append(f"{alias}.published >= ?")
            params.append(f.date_from)
        if f.date_to:
            parts.append(f"{alias}.published <= ?")
            params.append(f.date_to)
        return (" AND ".join(parts) or "1=1"), params

    # ------------------------------------------------------------------ queries: articles
    def article_count(self) -> int:
        return int(self._conn().execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def article_title(self, article_id: str) -> str | None:
        row = self._conn().execute("SELECT COALESCE(title, source, id) FROM articles WHERE id=?",
                                   (article_id,)).fetchone()
        return row[0] if row else None

    def articles_df(self, f: Filters | None = None, *, limit: int | None = None, offset: int = 0) -> pd.DataFrame:
        """One row per article: title, date, words, entity, quote and event counts."""
        where, params = self._article_filter(f)
        extra = self._selection_article_clause(f)
        sql = (f"SELECT art.id, COALESCE(art.title, art.source, art.id) AS title, art.published, "
               f"art.published_source, art.source, art.fmt, art.words, "
               f"(SELECT COUNT(*) FROM mentions m WHERE m.article_id=art.id) AS entities, "
               f"(SELECT COUNT(*) FROM quotes q WHERE q.article_id=art.id) AS quotes, "
               f"(SELECT COUNT(*) FROM events e WHERE e.article_id=art.id AND e.value IS NOT NULL) AS events, "
               f"art.added_at FROM articles art WHERE {where}{extra[0]} "
               f"ORDER BY art.published DESC NULLS LAST, art.seq DESC")
        if limit is not None:
            sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
        return self._df(sql, params + extra[1])

    def _selection_article_clause(self, f: Filters | None) -> tuple[str, list]:
        """Articles that hold the selected actors / speakers / nations."""
        if f is None:
            return "", []
        sql, params = "", []
        if f.actors:
            s, p = self._in("m.actor_id", f.actors)
            sql += f" AND art.id IN (SELECT m.article_id FROM mentions m WHERE {s})"
            params += p
        if f.speakers:
            s, p = self._in("q.speaker_id", f.speakers)
            sql += f" AND art.id IN (SELECT q.article_id FROM quotes q WHERE {s})"
            params += p
        if f.nations:
            s, p = self._in("COALESCE(ea.nation, aa.nation)", f.nations)
            sql += (f" AND EXISTS (SELECT 1 FROM article_actors aa LEFT JOIN ({self._effective_actor_sql()}) ea "
                    f"ON ea.id=aa.actor_id WHERE aa.article_id=art.id AND {s})")
            params += p
        return sql, params

    def article(self, article_id: str) -> dict | None:
        row = self._df("SELECT * FROM articles WHERE id=?", (article_id,))
        return None if row.empty else row.iloc[0].to_dict()

    def blocks_df(self, article_id: str) -> pd.DataFrame:
        return self._df('SELECT idx, kind, start, "end" FROM blocks WHERE article_id=? ORDER BY idx', (article_id,))

    def sentences_df(self, article_id: str) -> pd.DataFrame:
        return self._df('SELECT idx, block_idx, start, "end" FROM sentences WHERE article_id=? ORDER BY idx',
                        (article_id,))

    def mentions_df(self, article_id: str) -> pd.DataFrame:
        """Every entity mention of one article, with its effective actor's fields."""
        return self._df(
            f'SELECT m.start, m."end", m.text, m.label, m.actor_id, m.sentence_idx, m.block_idx, m.in_quote, '
            f'ea.name AS actor_name, ea.type AS actor_type, ea.nation, ea.affiliation, ea.role '
            f'FROM mentions m LEFT JOIN ({self._effective_actor_sql()}) ea ON ea.id=m.actor_id '
            f'WHERE m.article_id=? ORDER BY m.start', (article_id,))

    # ------------------------------------------------------------------ queries: actors
    def actors_df(self, f: Filters | None = None, *, types: Sequence[str] | None = None) -> pd.DataFrame:
        """Corpus actors under the selection: mentions, articles, portrayal, with nation and evidence."""
        where, params = self._article_filter(f)
        extra, eparams = self._selection_article_clause(
            Filters(speakers=f.speakers) if f is not None else None)
        type_sql = ""
        if types:
            s, p = self._in("ea.type", types)
            type_sql, tparams = f" AND {s}", p
        else:
            tparams = []
        nation_sql = ""
        nparams: list = []
        if f is not None and f.nations:
            s, nparams = self._in("ea.nation", f.nations)
            nation_sql = f" AND {s}"
        actor_sql = ""
        aparams: list = []
        if f is not None and f.actors:
            # the selected actors and those who share an article with them
            s, aparams = self._in("m2.actor_id", f.actors)
            # one uncorrelated set (by the actor index), not a probe of every article's mentions per row
            actor_sql = f" AND art.id IN (SELECT m2.article_id FROM mentions m2 WHERE {s})"
        sql = (f"WITH ea AS ({self._effective_actor_sql()}), "
               f"per AS (SELECT aa.actor_id, aa.article_id, SUM(aa.mentions) AS mentions, "
               f"SUM(aa.n_neg) AS n_neg, SUM(aa.n_neu) AS n_neu, SUM(aa.n_pos) AS n_pos, "
               f"GROUP_CONCAT(aa.aliases, '\u241e') AS aliases FROM article_actors aa "
               f"JOIN articles art ON art.id=aa.article_id WHERE {where}{extra}{actor_sql} "
               f"GROUP BY aa.actor_id, aa.article_id) "
               f"SELECT ea.id, ea.name, ea.type, ea.nation, ea.affiliation, ea.role, ea.evidence, "
               f"SUM(per.mentions) AS mentions, COUNT(DISTINCT per.article_id) AS articles, "
               f"SUM(per.n_neg) AS n_neg, SUM(per.n_neu) AS n_neu, SUM(per.n_pos) AS n_pos, "
               f"(SELECT AVG(s.score) FROM mention_sentiment s WHERE s.actor_id=ea.id AND s.in_quote=0 "
               f" AND s.article_id IN (SELECT article_id FROM per p2 WHERE p2.actor_id=ea.id)) AS portrayal, "
               f"GROUP_CONCAT(per.aliases, '\u241e') AS aliases "
               f"FROM per JOIN ea ON ea.id=per.actor_id WHERE 1=1{type_sql}{nation_sql} "
               f"GROUP BY ea.id ORDER BY mentions DESC, ea.name")
        df = self._df(sql, params + eparams + aparams + tparams + nparams)
        if not df.empty:
            df["aliases"] = df["aliases"].map(_merge_alias_lists)
        return df

    def actor_links_df(self) -> pd.DataFrame:
        return self._df("SELECT l.from_id, l.to_id, a.name AS to_name, l.article_id, art.title, l.reason, "
                        "l.created_at FROM actor_links l LEFT JOIN actors a ON a.id=l.to_id "
                        "LEFT JOIN articles art ON art.id=l.article_id ORDER BY l.created_at DESC")

    def actor_options_df(self) -> pd.DataFrame:
        """All corpus actors with mention counts, for pickers."""
        return self._df(f"WITH ea AS ({self._effective_actor_sql()}) SELECT ea.id, ea.name, ea.type, ea.nation, "
                        f"COALESCE(SUM(aa.mentions), 0) AS mentions FROM ea JOIN article_actors aa "
                        f"ON aa.actor_id=ea.id GROUP BY ea.id ORDER BY mentions DESC, ea.name")

    def nation_options_df(self) -> pd.DataFrame:
        """Nations with how many actors and mentions carry them."""
        return self._df(f"WITH ea AS ({self._effective_actor_sql()}) SELECT ea.nation, "
                        f"COUNT(DISTINCT ea.id) AS actors, SUM(aa.mentions) AS mentions FROM ea "
                        f"JOIN article_actors aa ON aa.actor_id=ea.id WHERE ea.nation IS NOT NULL "
                        f"GROUP BY ea.nation ORDER BY mentions DESC")

    # ------------------------------------------------------------------ queries: quotes
    def quotes_df(self, f: Filters | None = None, *, limit: int | None = None, offset: int = 0) -> pd.DataFrame:
        """Quotes under the selection, with speaker, nation, cue and article."""
        where, params = self._article_filter(f)
        sql = (f"WITH ea AS ({self._effective_actor_sql()}) "
               f"SELECT q.article_id, q.idx, q.start, q.\"end\", q.text, q.kind, q.cue, q.speaker_id, "
               f"COALESCE(ea.name, q.speaker_name) AS speaker, q.speaker_kind, "
               f"COALESCE(ea.nation, q.speaker_nation) AS speaker_nation, ea.affiliation AS speaker_affiliation, "
               f"ea.role AS speaker_role, q.tone, q.subjectivity, q.polarity, q.words, q.sentence_idx, q.block_idx, "
               f"COALESCE(art.title, art.source, art.id) AS article_title, art.published "
               f"FROM quotes q JOIN articles art ON art.id=q.article_id LEFT JOIN ea ON ea.id=q.speaker_id "
               f"WHERE {where}")
        sql, params = self._narrow(sql, params, "q.speaker_id", f.speakers if f is not None else ())
        sql, params = self._narrow(sql, params, "COALESCE(ea.nation, q.speaker_nation)", f.nations if f is not None else ())
        if f is not None and f.actors:
            s, p = self._in("qt.actor_id", f.actors)
            s2, p2 = self._in("q.speaker_id", f.actors)
            sql += (f" AND ({s2} OR EXISTS (SELECT 1 FROM quote_targets qt WHERE qt.article_id=q.article_id "
                    f"AND qt.quote_idx=q.idx AND {s}) OR EXISTS (SELECT 1 FROM mentions mq WHERE "
                    f"mq.article_id=q.article_id AND mq.start>=q.start AND mq.\"end\"<=q.\"end\" AND "
                    f"{s.replace('qt.', 'mq.')}))")
            params += p2 + p + p
        sql += " ORDER BY art.published DESC NULLS LAST, art.seq DESC, q.start"
        if limit is not None:
            sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
        return self._df(sql, params)

    def speaker_options_df(self) -> pd.DataFrame:
        """Speakers (resolved actors) with their quote counts."""
        return self._df(f"WITH ea AS ({self._effective_actor_sql()}) SELECT q.speaker_id AS id, ea.name, "
                        f"ea.nation, COUNT(*) AS quotes FROM quotes q JOIN ea ON ea.id=q.speaker_id "
                        f"GROUP BY q.speaker_id ORDER BY quotes DESC, ea.name")

    def quote_targets_df(self, f: Filters | None = None) -> pd.DataFrame:
        """Speaker -> target stance rows (the who-says-what-about-whom matrix), under the selection."""
        where, params = self._article_filter(f)
        sql = (f"WITH ea AS ({self._effective_actor_sql()}) "
               f"SELECT q.article_id, q.idx AS quote_idx, q.speaker_id, sp.name AS speaker, "
               f"COALESCE(sp.nation, q.speaker_nation) AS speaker_nation, qt.actor_id AS target_id, "
               f"tg.name AS target, tg.nation AS target_nation, qt.polarity, qt.label, q.text, q.start, q.\"end\", "
               f"COALESCE(art.title, art.id) AS article_title FROM quote_targets qt "
               f"JOIN quotes q ON q.article_id=qt.article_id AND q.idx=qt.quote_idx "
               f"JOIN articles art ON art.id=q.article_id JOIN ea sp ON sp.id=q.speaker_id "
               f"LEFT JOIN ea tg ON tg.id=qt.actor_id WHERE {where} AND qt.actor_id<>q.speaker_id")
        sql, params = self._narrow(sql, params, "q.speaker_id", f.speakers if f is not None else ())
        sql, params = self._narrow(sql, params, "COALESCE(sp.nation, q.speaker_nation)",
                                   f.nations if f is not None else (), "tg.nation")
        sql, params = self._narrow(sql, params, "qt.actor_id", f.actors if f is not None else (), "q.speaker_id")
        return self._df(sql, params)

    # ------------------------------------------------------------------ queries: sentiment
    def portrayal_df(self, f: Filters | None = None) -> pd.DataFrame:
        """Per actor: mean model score of mentions outside quotes, and label counts."""
        where, params = self._article_filter(f)
        sql = (f"WITH ea AS ({self._effective_actor_sql()}) "
               f"SELECT s.actor_id AS id, ea.name, ea.type, ea.nation, AVG(s.score) AS portrayal, "
               f"SUM(s.label='negative') AS n_neg, SUM(s.label='neutral') AS n_neu, "
               f"SUM(s.label='positive') AS n_pos, COUNT(*) AS n "
               f"FROM mention_sentiment s JOIN articles art ON art.id=s.article_id JOIN ea ON ea.id=s.actor_id "
               f"WHERE s.in_quote=0 AND {where}")
        sql, params = self._narrow(sql, params, "ea.nation", f.nations if f is not None else ())
        sql, params = self._narrow(sql, params, "s.actor_id", f.actors if f is not None else ())
        sql += " GROUP BY s.actor_id ORDER BY n DESC"
        return self._df(sql, params)

    def portrayal_sentences_df(self, actor_id: str, f: Filters | None = None, limit: int = 20) -> pd.DataFrame:
        """The strongest sentences behind an actor's portrayal."""
        where, params = self._article_filter(f)
        return self._df(
            f'SELECT s.article_id, s.sentence_idx, s.label, s.score, s.start, s."end", se.start AS sent_start, '
            f'se."end" AS sent_end, SUBSTR(art.text, se.start + 1, se."end" - se.start) AS sentence, '
            f'COALESCE(art.title, art.id) AS article_title FROM mention_sentiment s '
            f'JOIN articles art ON art.id=s.article_id JOIN sentences se ON se.article_id=s.article_id '
            f'AND se.idx=s.sentence_idx WHERE s.actor_id=? AND s.in_quote=0 AND {where} '
            f'ORDER BY ABS(s.score) DESC LIMIT {int(limit)}', [actor_id] + params)

    def portrayal_over_time_df(self, f: Filters | None = None) -> pd.DataFrame:
        where, params = self._article_filter(f)
        sql = (f"WITH ea AS ({self._effective_actor_sql()}) SELECT art.published, s.actor_id AS id, ea.name, "
               f"AVG(s.score) AS portrayal, COUNT(*) AS n FROM mention_sentiment s JOIN articles art "
               f"ON art.id=s.article_id JOIN ea ON ea.id=s.actor_id WHERE s.in_quote=0 AND art.published IS NOT NULL "
               f"AND {where}")
        sql, params = self._narrow(sql, params, "s.actor_id", f.actors if f is not None else ())
        sql, params = self._narrow(sql, params, "ea.nation", f.nations if f is not None else ())
        sql += " GROUP BY art.published, s.actor_id ORDER BY art.published"
        return self._df(sql, params)

    def sentence_scores_df(self, article_id: str, actor_id: str) -> pd.DataFrame:
        """Per sentence of one article, the model's polarity toward one actor (for the Reader's shading)."""
        return self._df('SELECT s.sentence_idx, AVG(s.score) AS score, se.start, se."end" FROM mention_sentiment s '
                        'JOIN sentences se ON se.article_id=s.article_id AND se.idx=s.sentence_idx '
                        'WHERE s.article_id=? AND s.actor_id=? GROUP BY s.sentence_idx', (article_id, actor_id))

    # ------------------------------------------------------------------ queries: events
    def events_df(self, f: Filters | None = None, *, article_id: str | None = None,
                  include_unresolved: bool = False) -> pd.DataFrame:
        """Time expressions under the selection, with the names of the actors in their sentence."""
        where, params = self._article_filter(f)
        sql = (f"WITH ea AS ({self._effective_actor_sql()}) "
               f"SELECT e.article_id, e.idx, e.start, e.\"end\", e.expression, e.value, e.precision, e.kind, "
               f"e.end_value, e.day_from, e.day_to, e.sentence, e.sentence_start, e.sentence_end, e.sentence_idx, "
               f"e.anchor, e.speaker_id, sp.name AS speaker, COALESCE(art.title, art.id) AS article_title, "
               f"art.published, "
               f"(SELECT GROUP_CONCAT(x.name, '; ') FROM (SELECT DISTINCT a2.name FROM event_actors ev "
               f" JOIN ea a2 ON a2.id=ev.actor_id WHERE ev.article_id=e.article_id AND ev.event_idx=e.idx) x) "
               f"AS actors, "
               f"(SELECT GROUP_CONCAT(x.nation, '; ') FROM (SELECT DISTINCT a2.nation FROM event_actors ev "
               f" JOIN ea a2 ON a2.id=ev.actor_id WHERE ev.article_id=e.article_id AND ev.event_idx=e.idx "
               f" AND a2.nation IS NOT NULL) x) AS nations "
               f"FROM events e JOIN articles art ON art.id=e.article_id LEFT JOIN ea sp ON sp.id=e.speaker_id "
               f"WHERE {where}")
        if article_id:
            sql += " AND e.article_id=?"
            params.append(article_id)
        if not include_unresolved:
            sql += " AND e.value IS NOT NULL"
        if f is not None and (f.date_from or f.date_to):
            # the event's own date, not only the article's, falls in the range
            if f.date_from:
                sql += " AND (e.day_to IS NULL OR e.day_to >= ?)"
                params.append(f.date_from)
            if f.date_to:
                sql += " AND (e.day_from IS NULL OR e.day_from <= ?)"
                params.append(f.date_to)
        if f is not None and f.actors:
            s, p = self._in("ev.actor_id", f.actors)
            sql += f" AND EXISTS (SELECT 1 FROM event_actors ev WHERE ev.article_id=e.article_id AND ev.event_idx=e.idx AND {s})"
            params += p
        sql, params = self._narrow(sql, params, "e.speaker_id", f.speakers if f is not None else ())
        if f is not None and f.nations:
            s, p = self._in("a3.nation", f.nations)
            sql += (f" AND EXISTS (SELECT 1 FROM event_actors ev JOIN ea a3 ON a3.id=ev.actor_id "
                    f"WHERE ev.article_id=e.article_id AND ev.event_idx=e.idx AND {s})")
            params += p
        sql += " ORDER BY e.day_from, e.article_id, e.start"
        return self._df(sql, params)

    # ------------------------------------------------------------------ queries: connections, search
    def cooccurrence_df(self, f: Filters | None = None, *, min_count: int = 1, top: int = 60) -> pd.DataFrame:
        """Pairs of actors named in the same sentence, with how often."""
        where, params = self._article_filter(f)
        extra, eparams = self._selection_article_clause(f)
        sql = (f"WITH top_actors AS (SELECT m.actor_id FROM mentions m JOIN articles art ON art.id=m.article_id "
               f"WHERE m.label IN ('PERSON','ORG','GPE','NORP') AND {where}{extra} GROUP BY m.actor_id "
               f"ORDER BY COUNT(*) DESC LIMIT {int(top)}), "
               f"ms AS (SELECT DISTINCT m.article_id, m.sentence_idx, m.actor_id FROM mentions m "
               f"JOIN articles art ON art.id=m.article_id WHERE m.actor_id IN (SELECT actor_id FROM top_actors) "
               f"AND {where}{extra}) "
               f"SELECT a.actor_id AS source, b.actor_id AS target, COUNT(*) AS weight FROM ms a JOIN ms b "
               f"ON a.article_id=b.article_id AND a.sentence_idx=b.sentence_idx AND a.actor_id<b.actor_id "
               f"GROUP BY a.actor_id, b.actor_id HAVING COUNT(*) >= ?")
        return self._df(sql, params + eparams + params + eparams + [min_count])

    def search(self, query: str, f: Filters | None = None, *, limit: int = 50) -> pd.DataFrame:
        """Full-text search over article text and quotes, with highlighted snippets (FTS5)."""
        terms = re.findall(r"\w+", query, flags=re.UNICODE)
        if not terms:
            return pd.DataFrame(columns=["kind", "article_id", "quote_idx", "title", "snippet", "offset"])
        match = " ".join(f'"{t}"' for t in terms)
        where, params = self._article_filter(f)
        extra, eparams = self._selection_article_clause(f)
        arts = self._df(
            f"SELECT 'article' AS kind, fa.article_id, NULL AS quote_idx, COALESCE(art.title, art.id) AS title, "
            f"snippet(fts_articles, 2, '\u0001', '\u0002', ' … ', 16) AS snippet, bm25(fts_articles) AS rank "
            f"FROM fts_articles fa JOIN articles art ON art.id=fa.article_id WHERE fts_articles MATCH ? "
            f"AND {where}{extra} ORDER BY rank LIMIT {int(limit)}", [match] + params + eparams)
        quotes = self._df(
            f"SELECT 'quote' AS kind, fq.article_id, fq.quote_idx, COALESCE(art.title, art.id) AS title, "
            f"snippet(fts_quotes, 2, '\u0001', '\u0002', ' … ', 16) AS snippet, bm25(fts_quotes) AS rank "
            f"FROM fts_quotes fq JOIN articles art ON art.id=fq.article_id WHERE fts_quotes MATCH ? "
            f"AND {where}{extra} ORDER BY rank LIMIT {int(limit)}", [match] + params + eparams)
        out = pd.concat([arts, quotes], ignore_index=True) if not quotes.empty else arts
        if out.empty:
            return out
        # where the first hit sits in the article text, to open the Reader there
        offsets = []
        for r in out.itertuples():
            if r.kind == "quote":
                row = self._conn().execute("SELECT start FROM quotes WHERE article_id=? AND idx=?",
                                           (r.article_id, int(r.quote_idx))).fetchone()
                offsets.append(row[0] if row else 0)
            else:
                txt = self._conn().execute("SELECT text FROM articles WHERE id=?", (r.article_id,)).fetchone()[0]
                m = re.search(r"\b" + re.escape(terms[0]), txt, flags=re.IGNORECASE)
                offsets.append(m.start() if m else 0)
        out["offset"] = offsets
        return out.sort_values("rank").reset_index(drop=True)


    def search_hits_df(self, f: Filters | None = None, *, text: str = "", limit: int = 50) -> pd.DataFrame:
        """``search`` with the selection first (so ``components.cache.query`` can call it), plus an ``end``.

        For an article hit, ``offset``..``end`` is the first highlighted word of the snippet, found where
        the snippet sits in the text (so the Reader opens at the passage shown); for a quote hit, the quote.
        """
        out = self.search(text, f, limit=limit)
        if out.empty:
            return out.assign(end=pd.Series(dtype="int64"))
        starts, ends = [], []
        con = self._conn()
        word = re.compile(r"\w+", flags=re.UNICODE)
        for r in out.itertuples():
            start = int(r.offset or 0)
            if r.kind == "quote":
                row = con.execute('SELECT start, "end" FROM quotes WHERE article_id=? AND idx=?',
                                  (r.article_id, int(r.quote_idx))).fetchone()
                starts.append(int(row[0]) if row and row[0] is not None else start)
                ends.append(int(row[1]) if row and row[1] is not None else start)
                continue
            row = con.execute("SELECT text FROM articles WHERE id=?", (r.article_id,)).fetchone()
            body = row[0] if row else ""
            snippet = str(r.snippet or "")
            if snippet.startswith(" … "):
                snippet = snippet[3:]
            if snippet.endswith(" … "):
                snippet = snippet[:-3]
            mark = snippet.find("\u0001")
            plain = snippet.replace("\u0001", "").replace("\u0002", "")
            at = body.find(plain) if plain and mark >= 0 else -1
            if at >= 0:
                start = at + len(snippet[:mark].replace("\u0002", ""))
            m = word.match(body, start)
            starts.append(start)
            ends.append(m.end() if m else start)
        out["offset"] = starts
        out["end"] = ends
        return out

    def actor_sentences_df(self, f: Filters | None = None, *, actor_id: str = "", limit: int = 20) -> pd.DataFrame:
        """``portrayal_sentences_df`` with the selection first, so ``components.cache.query`` can call it."""
        return self.portrayal_sentences_df(actor_id, f, limit=limit)


def _merge_alias_lists(value: str | None) -> list[str]:
    if not value:
        return []
    out: list[str] = []
    for chunk in str(value).split("\u241e"):
        try:
            for a in json.loads(chunk):
                if a not in out:
                    out.append(a)
        except ValueError:
            continue
    return out

