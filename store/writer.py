"""The writer: one article's analysis in, an article out, its publication date changed; one transaction each.

An article is whole or absent. The analysis records are read by attribute (``result.actors``,
``a.name``, ...): the store never imports their classes. The rules that link a new article's
actors to the corpus's, and those that resolve events against a new date, come from the
layer above (``corpus``), so the store holds no analysis of its own.
"""
from __future__ import annotations

import datetime as _dt
import functools
import json
import sqlite3
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Sequence

from .articles import article_title, find_duplicate
from .database import Database, StoreError, bump, now
from .overrides import apply_overrides
from .schema import ARTICLE_TABLES
from .totals import actors_of_articles, refresh_actor_totals, refresh_article_counts


@dataclass(frozen=True)
class Linker:
    """How a new article's actors are linked to the corpus's (given by the layer above).

    ``keys(name, type)``: index keys such that any two actors ``match`` could link share one;
    ``match(known, actor)``: the id of the known actor, from ``(id, name, type)`` rows, that
    ``actor`` is, or ``None``.
    """

    keys: Callable[[str, str], Iterable[str]]
    match: Callable[[list[tuple[str, str, str]], Any], str | None]


@dataclass
class AddOutcome:
    added: bool
    article_id: str
    message: str
    duplicate_of: str | None = None
    links: list[tuple[str, str]] = field(default_factory=list)


# (stored event rows, new published date) -> the events resolved again, one per row
Reresolve = Callable[[list[dict[str, Any]], "str | None"], Sequence[Any]]


def day_bounds(value: str | None, precision: str | None, end_value: str | None) -> tuple[str | None, str | None]:
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
    except (ValueError, IndexError):  # a value that is not a date: the event has no band on the timeline
        return None, None


def add_analysis(db: Database, result: Any, *, linker: Linker) -> AddOutcome:
    """Store one article's analysis in a single transaction; duplicates are reported, not stored.

    The cross-article linking reads its candidates and writes its links inside that transaction
    (``add_analyses`` with one article: the one write path of the store).
    """
    return add_analyses(db, [result], linker=linker)[0]


def add_analyses(db: Database, results: Iterable[Any], *, linker: Linker,
                 prepare: Callable[[Any], Any] | None = None) -> list[AddOutcome]:
    """Store many analyses in one transaction (the bulk path): all of them, or none after a crash.

    The same rules as ``add_analysis``, in the same order: each article is checked for a duplicate
    (in the store and earlier in this call), given a free id, linked to the actors stored before it
    (those of this call included: the transaction sees its own rows) and indexed for search; the
    analysts' overrides are then applied to all of them at once. ``prepare`` (the corpus's type
    memory) is called on each analysis just before it is written, inside the transaction, so it
    sees the articles written before it in this call too.
    """
    outcomes: list[AddOutcome] = []
    # a name's index keys are asked for again and again across a chunk: worked out once each
    given = linker
    linker = Linker(keys=functools.lru_cache(maxsize=1 << 16)(lambda name, kind: tuple(given.keys(name, kind))),
                    match=given.match)
    try:
        _write_analyses(db, results, linker, prepare, outcomes)
    except sqlite3.Error as exc:  # the whole call is rolled back: said, for the caller's per-article guard
        raise StoreError(f"cannot store the article(s): {type(exc).__name__}: {exc}; nothing of this call "
                         f"was stored") from None
    return outcomes


def _write_analyses(db: Database, results: Iterable[Any], linker: Linker, prepare: Callable[[Any], Any] | None,
                    outcomes: list[AddOutcome]) -> None:
    with db.write_lock:
        with db.transaction() as con:
            seq = con.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM articles").fetchone()[0]
            here: dict[str, str] = {}  # content hash -> id, for the articles of this call
            stored: list[str] = []
            for result in results:
                art = result.article
                h = art.content_hash
                dup = here.get(h) or find_duplicate(db, h)
                if dup is not None:
                    outcomes.append(AddOutcome(False, dup, f"already stored as “{article_title(db, dup)}”",
                                               duplicate_of=dup))
                    continue
                if prepare is not None:
                    result = prepare(result)
                    art = result.article
                article_id, n = art.id, 1
                while con.execute("SELECT 1 FROM articles WHERE id=?", (article_id,)).fetchone():
                    article_id, n = f"{art.id}-{n}", n + 1
                links: list[tuple[str, str]] = []
                con.execute("INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                            (article_id, h, art.title, art.standfirst, art.text, art.published,
                             art.published_source, art.source, art.fmt, art.word_count(), now(), seq))
                seq += 1
                _insert_records(con, article_id, result, linker, links)
                con.execute("INSERT INTO fts_articles VALUES (?,?,?)", (article_id, art.title or "", art.text))
                con.executemany("INSERT INTO fts_quotes VALUES (?,?,?)",
                                [(article_id, i, art.text[q.start:q.end]) for i, q in enumerate(result.quotes)])
                here[h] = article_id
                stored.append(article_id)
                msg = "stored" + (" (merged " + ", ".join(f"{a} → {b}" for a, b in links) + ")" if links else "")
                outcomes.append(AddOutcome(True, article_id, msg, links=links))
            if stored:  # nothing new (every article a duplicate): the caches stay valid
                apply_overrides(con, stored)
                bump(con)


def _link(con: sqlite3.Connection, article_id: str, actors: Sequence[Any], linker: Linker,
          links: list[tuple[str, str]]) -> dict[str, str]:
    """Cross-article merge: new actors that the corpus already holds under another id -> that id.

    Only the candidates sharing an index key with an actor are compared (the corpus may hold 100,000).
    """
    known_ids = {r[0] for r in con.execute(
        f"SELECT id FROM actors WHERE id IN ({','.join('?' * len(actors))})",
        [a.id for a in actors]).fetchall()} if actors else set()
    remap: dict[str, str] = {}
    for a in actors:
        if a.id in known_ids:
            continue
        keys = sorted(linker.keys(a.name, a.type))
        if not keys:
            continue
        known = [tuple(r) for r in con.execute(
            f"SELECT DISTINCT ac.id, ac.name, ac.type FROM actor_keys k JOIN actors ac ON ac.id=k.actor_id "
            f"WHERE k.key IN ({','.join('?' * len(keys))})", keys).fetchall()]
        target = linker.match(known, a) if known else None
        if target and target != a.id:
            remap[a.id] = target
            links.append((a.name, dict((k[0], k[1]) for k in known).get(target, target)))
            con.execute("INSERT INTO actor_links VALUES (?,?,?,?,?)",
                        (a.id, target, article_id, "same rules as within an article", now()))
    return remap


def _insert_records(con: sqlite3.Connection, article_id: str, result: Any, linker: Linker,
                    links: list[tuple[str, str]]) -> None:
    text = result.article.text
    remap = _link(con, article_id, result.actors, linker, links)

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
                     c.get("positive", 0), a.tone, a.nation_basis, a.nation_reason))
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
    con.executemany("INSERT INTO article_actors VALUES (" + ",".join("?" * 25) + ")", dedup)
    for a in result.actors:
        aid = eff(a.id)
        reason = a.nation_reason
        cur = con.execute("INSERT OR IGNORE INTO actors VALUES (?,?,?,?,?,?,?,?,?,?)",
                          (aid, a.name, a.type, a.nation, a.affiliation, a.role, a.evidence, article_id,
                           a.nation_basis, reason))
        if cur.rowcount:
            con.executemany("INSERT INTO actor_keys VALUES (?,?)", [(k, aid) for k in linker.keys(a.name, a.type)])
            continue
        # Corpus memory: what this article states about the actor fills what the corpus row lacks, and a
        # stated nation replaces one that was only inferred. Two stated nations that differ stay as stated
        # first; the disagreement is in article_actors for nation_conflicts_df to show.
        if a.nation and a.nation_basis == "stated":
            con.execute("UPDATE actors SET nation=?, nation_basis='stated', nation_reason=?, evidence=?, "
                        "evidence_article=? WHERE id=? AND (nation IS NULL OR nation_basis IS NULL "
                        "OR nation_basis='inferred')", (a.nation, reason, a.evidence, article_id, aid))
        elif a.nation:
            con.execute("UPDATE actors SET nation=?, nation_basis=?, nation_reason=? WHERE id=? AND nation IS NULL",
                        (a.nation, a.nation_basis, reason, aid))
        if a.affiliation or a.role or a.evidence:
            con.execute("UPDATE actors SET affiliation=COALESCE(affiliation, ?), role=COALESCE(role, ?), "
                        "evidence=COALESCE(evidence, ?), evidence_article=COALESCE(evidence_article, ?) WHERE id=?",
                        (a.affiliation, a.role, a.evidence, article_id if a.evidence else None, aid))
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
        lo, hi = day_bounds(e.value, e.precision, e.end_value)
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
    con.executemany("INSERT INTO problems VALUES (?,?,?,?)",
                    [(article_id, i, p.step, p.message) for i, p in enumerate(result.problems)])


def delete_article(db: Database, article_id: str) -> None:
    """Remove an article and every row of it; corpus actors no article names any more go too."""
    with db.transaction() as con:
        named = actors_of_articles(con, [article_id])
        for t in ARTICLE_TABLES:
            con.execute(f"DELETE FROM {t} WHERE article_id=?", (article_id,))
        con.execute("DELETE FROM articles WHERE id=?", (article_id,))
        # an actor others are merged into stays while their rows point at it (it would vanish with them)
        con.execute("DELETE FROM actors WHERE id NOT IN (SELECT DISTINCT raw_actor_id FROM article_actors) "
                    "AND id NOT IN (SELECT DISTINCT actor_id FROM article_actors)")
        con.execute("DELETE FROM actor_keys WHERE actor_id NOT IN (SELECT id FROM actors)")
        refresh_actor_totals(con, named)
        bump(con)


def _event_rows(con: sqlite3.Connection, article_id: str) -> list[dict[str, Any]]:
    """An article's stored events, in order, as the analysis wrote them (raw actor ids, features decoded)."""
    cur = con.execute('SELECT idx, start, "end", expression, value, precision, kind, sentence_idx, '
                      'sentence_start, sentence_end, sentence, raw_speaker_id, end_value, anchor, features '
                      'FROM events WHERE article_id=? ORDER BY idx', (article_id,))
    cols = [d[0] for d in cur.description]
    rows = [dict(zip(cols, r)) for r in cur.fetchall()]
    for r in rows:
        r["features"] = json.loads(r["features"] or "{}")
        r["actor_ids"] = [x[0] for x in con.execute(
            "SELECT raw_actor_id FROM event_actors WHERE article_id=? AND event_idx=?", (article_id, r["idx"]))]
    return rows


def set_published(db: Database, article_id: str, published: str | None, reresolve: Reresolve) -> int:
    """Change an article's publication date and resolve its events again, in one transaction.

    ``reresolve(rows, published)`` gets the stored event rows (see ``_event_rows``) and returns the
    events resolved against the new date, one per row and in the same order (read by attribute:
    ``value``, ``precision``, ``kind``, ``end_value``, ``anchor``, ``features``).
    """
    with db.transaction() as con:
        rows = _event_rows(con, article_id)
        new = list(reresolve(rows, published))
        if len(new) != len(rows):
            raise ValueError(f"re-resolving {len(rows)} events gave {len(new)}")
        con.execute("UPDATE articles SET published=?, published_source=? WHERE id=?",
                    (published, "metadata" if published else None, article_id))
        for i, e in zip((r["idx"] for r in rows), new):
            lo, hi = day_bounds(e.value, e.precision, e.end_value)
            con.execute("UPDATE events SET value=?, precision=?, kind=?, end_value=?, anchor=?, features=?, "
                        "day_from=?, day_to=? WHERE article_id=? AND idx=?",
                        (e.value, e.precision, e.kind, e.end_value, e.anchor,
                         json.dumps(e.features, ensure_ascii=False, default=str), lo, hi, article_id, i))
        refresh_article_counts(con, [article_id])  # a re-resolved event may be dated now, or no more
        bump(con)
    return len(new)
