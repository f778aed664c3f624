"""Overrides: the analysts' corrections (merge, split, set a field), applied to every stored article.

They are applied to the stored rows' effective actor ids and to the corpus actor
table, re-applied after every ingest, and can be undone, because every row keeps
the id the analysis gave it (``raw_actor_id``).
"""
from __future__ import annotations

import sqlite3
from typing import Sequence

import pandas as pd

from .database import Database, StoreError, bump, now
from .totals import actors_of_articles, refresh_actor_totals, refresh_all, refresh_article_counts

EDITABLE_FIELDS = ("name", "nation", "affiliation", "role", "type")
# the tables whose rows carry an actor id that the overrides remap
ACTOR_ID_TABLES = ("article_actors", "mentions", "quote_targets", "event_actors", "mention_sentiment")


class OverrideError(StoreError, ValueError):
    """A correction the store refuses (an unknown actor, a circular merge, an empty value, ...); the message is
    for the analyst. A ``ValueError`` too, as the refusals of a bad kind or field always were."""


# the actor types the analysis gives (the contract's list); a retyping must be one of them
ACTOR_TYPES = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")


def _exists(con: sqlite3.Connection, actor_id: str) -> bool:
    """An actor the corpus holds and at least one stored article names (a deleted article's actors are gone)."""
    return con.execute("SELECT 1 FROM actors a WHERE a.id=? AND EXISTS (SELECT 1 FROM article_actors aa "
                       "WHERE aa.raw_actor_id=a.id OR aa.actor_id=a.id)", (actor_id,)).fetchone() is not None


def _live_merges(con: sqlite3.Connection) -> dict[str, tuple[str, int]]:
    """actor id -> (the actor it is merged into, the correction's id), as ``apply_overrides`` reads them."""
    return {a: (t, i) for i, a, t in con.execute(
        "SELECT id, actor_id, target_id FROM overrides WHERE undone=0 AND kind='merge' AND target_id IS NOT NULL "
        "ORDER BY id")}


def _check(con: sqlite3.Connection, kind: str, actor_id: str, target_id: str | None, field_name: str | None,
           value: str | None) -> str | None:
    """Refuse a correction that makes no sense (``OverrideError``); returns the value to store."""
    if kind not in ("merge", "split", "set"):
        raise OverrideError(f"unknown correction {kind!r}: merge, split or set")
    if kind == "set" and field_name not in EDITABLE_FIELDS:
        raise OverrideError(f"field {field_name!r} cannot be edited (only {', '.join(EDITABLE_FIELDS)})")
    if not isinstance(actor_id, str) or not actor_id.strip():
        raise OverrideError("no actor given")
    if not _exists(con, actor_id):
        raise OverrideError(f"no stored article names the actor {actor_id!r}: it was deleted or never existed")
    if kind == "merge":
        if not target_id or target_id == actor_id:
            raise OverrideError("a merge needs a different target actor")
        if not _exists(con, target_id):
            raise OverrideError(f"cannot merge into {target_id!r}: no stored article names that actor "
                                f"(it was deleted or never existed)")
        merges = _live_merges(con)
        aid, seen = target_id, set()
        while aid in merges and aid not in seen:  # where the target ends up now
            seen.add(aid)
            aid, via = merges[aid]
            if aid == actor_id:
                raise OverrideError(f"cannot merge {actor_id!r} into {target_id!r}: {target_id!r} is already merged "
                                    f"into {actor_id!r} (correction {via}); undo that correction instead")
        if merges.get(actor_id, (None,))[0] == target_id:
            raise OverrideError(f"{actor_id!r} is already merged into {target_id!r} "
                                f"(correction {merges[actor_id][1]})")
        return value
    if value is None or not isinstance(value, str) or not value.strip():
        what = "alias to split out" if kind == "split" else f"new {field_name}"
        raise OverrideError(f"the {what} is empty")
    value = value.strip()
    if kind == "split" and target_id is not None and not target_id.startswith(f"{actor_id}~"):
        # the per-article rows of a split are recognised by the "~" that joins the two parts
        raise OverrideError(f"a split's new id must start with {actor_id!r} and '~'")
    if kind == "set" and field_name == "type" and value not in ACTOR_TYPES:
        raise OverrideError(f"{value!r} is not an actor type (one of {', '.join(ACTOR_TYPES)})")
    return value


def add_override(db: Database, kind: str, actor_id: str, *, target_id: str | None = None,
                 field_name: str | None = None, value: str | None = None) -> int:
    """Record an analyst's correction and apply it to every stored article.

    kinds: ``merge`` (actor_id into target_id), ``split`` (the alias ``value`` out of actor_id into an actor
    of its own, whose id is ``target_id`` when given, else ``<actor_id>~<override id>``), ``set``
    (field_name := value; field ``name`` renames). A correction that makes no sense is refused with an
    ``OverrideError`` saying why (checked inside the write transaction, against the store as it is then).
    """
    with db.transaction() as con:
        value = _check(con, kind, actor_id, target_id, field_name, value)
        cur = con.execute("INSERT INTO overrides (kind, actor_id, target_id, field, value, created_at) "
                          "VALUES (?,?,?,?,?,?)", (kind, actor_id, target_id, field_name, value, now()))
        override_id = int(cur.lastrowid)
        if kind == "split":
            new_id = target_id or f"{actor_id}~{override_id}"
            con.execute("UPDATE overrides SET target_id=? WHERE id=?", (new_id, override_id))
            con.execute("INSERT OR IGNORE INTO actors (id, name, type, nation, affiliation, role) "
                        "SELECT ?, ?, type, NULL, NULL, NULL FROM actors WHERE id=?", (new_id, value, actor_id))
        apply_overrides(con)
        bump(con)
    return override_id


def undo_override(db: Database, override_id: int) -> None:
    """Undo one correction; one that does not exist or is already undone is refused (``OverrideError``)."""
    with db.transaction() as con:
        row = con.execute("SELECT undone FROM overrides WHERE id=?", (override_id,)).fetchone()
        if row is None:
            raise OverrideError(f"there is no correction {override_id}")
        if row[0]:
            raise OverrideError(f"correction {override_id} is already undone")
        con.execute("UPDATE overrides SET undone=1 WHERE id=?", (override_id,))
        apply_overrides(con)
        bump(con)


def overrides_df(db: Database) -> pd.DataFrame:
    return db.df("SELECT o.*, a.name AS actor_name, t.name AS target_name FROM overrides o "
                 "LEFT JOIN actors a ON a.id=o.actor_id LEFT JOIN actors t ON t.id=o.target_id "
                 "ORDER BY o.id DESC")


def apply_overrides(con: sqlite3.Connection, article_id: str | Sequence[str] | None = None) -> None:
    """Recompute effective actor ids from raw ids and the live overrides (inside a transaction): for
    one article, the articles of a list (a bulk write), or every article.

    The aggregates that sum those rows (``totals``) are brought up to date with them: for the
    articles' actors, or all of them.
    """
    rows = con.execute("SELECT kind, actor_id, target_id, value FROM overrides WHERE undone=0 "
                       "ORDER BY id").fetchall()
    merges: dict[str, str] = {}
    splits: list[tuple[str, str, str]] = []  # (actor id, alias, the split-off actor's id)
    for kind, actor_id, target_id, value in rows:
        if kind == "merge" and target_id:
            merges[actor_id] = target_id
        elif kind == "split" and value and target_id:
            splits.append((actor_id, value, target_id))

    def final(aid: str) -> str:
        seen = set()
        while aid in merges and aid not in seen:
            seen.add(aid)
            aid = merges[aid]
        return aid

    ids: tuple = (article_id,) if isinstance(article_id, str) else tuple(article_id or ())
    if article_id is not None and not ids:
        return  # an empty list: no article to touch
    where = f" WHERE article_id IN ({','.join('?' * len(ids))})" if ids else ""
    params: tuple = ids
    con.execute("DROP TABLE IF EXISTS temp.actor_map")
    con.execute("CREATE TEMP TABLE actor_map (raw TEXT PRIMARY KEY, eff TEXT)")
    con.executemany("INSERT INTO temp.actor_map VALUES (?,?)", [(a, final(a)) for a in merges])
    mapped = "COALESCE((SELECT eff FROM temp.actor_map WHERE raw={col}), {col})"
    for t in ACTOR_ID_TABLES:
        con.execute(f"UPDATE {t} SET actor_id={mapped.format(col='raw_actor_id')}{where}", params)
    for t in ("quotes", "events"):
        con.execute(f"UPDATE {t} SET speaker_id={mapped.format(col='raw_speaker_id')}{where}", params)
    # a split moves the mentions written as that alias (and its possessive) to an actor of its own;
    # its per-article rows are rebuilt from those mentions (and dropped again when the split is undone)
    extra = f" AND article_id IN ({','.join('?' * len(ids))})" if ids else ""
    con.execute(f"DELETE FROM article_actors WHERE raw_actor_id LIKE '%~%'{extra}", params)
    for actor_id, alias, split_id in splits:
        new_id = final(split_id)
        forms = (alias, alias + "'s", alias + "\u2019s")
        con.execute(f"UPDATE mentions SET actor_id=? WHERE raw_actor_id=? AND text IN (?,?,?){extra}",
                    (new_id, actor_id, *forms, *params))
        con.execute(f"UPDATE quotes SET speaker_id=? WHERE raw_speaker_id=? AND EXISTS (SELECT 1 FROM mentions m "
                    f"WHERE m.article_id=quotes.article_id AND m.start=quotes.speaker_start AND m.text IN (?,?,?)){extra}",
                    (new_id, actor_id, *forms, *params))
        con.execute(f"INSERT OR IGNORE INTO article_actors (article_id, raw_actor_id, actor_id, name, type, nation, "
                    f"affiliation, role, mentions, first_start, first_end, aliases, n_neg, n_neu, n_pos) "
                    f"SELECT m.article_id, ?, ?, ?, MIN(m.label), NULL, NULL, NULL, COUNT(*), MIN(m.start), "
                    f"MIN(m.\"end\"), '[]', 0, 0, 0 FROM mentions m WHERE m.actor_id=? AND m.raw_actor_id=?{extra} "
                    f"GROUP BY m.article_id", (split_id, new_id, alias, new_id, actor_id, *params))
    con.execute("DROP TABLE temp.actor_map")
    if ids:
        refresh_actor_totals(con, actors_of_articles(con, ids))
        refresh_article_counts(con, ids)
    else:
        refresh_all(con)


def effective_actor_sql(inferred: bool = True) -> str:
    """Corpus actors with the analysts' field edits laid over them.

    ``inferred=False`` blanks the nations the analysis only inferred (the selection's toggle).
    """
    def edit(f: str) -> str:
        return (f"(SELECT o.value FROM overrides o WHERE o.undone=0 AND o.kind='set' AND o.field='{f}' "
                f"AND o.actor_id=a.id ORDER BY o.id DESC LIMIT 1)")
    def base(f: str) -> str:
        if f == "nation" and not inferred:
            return "(CASE WHEN a.nation_basis='inferred' THEN NULL ELSE a.nation END)"
        return f"a.{f}"
    cols = ", ".join(f"COALESCE({edit(f)}, {base(f)}) AS {f}" for f in EDITABLE_FIELDS)
    basis = (f"CASE WHEN {edit('nation')} IS NOT NULL THEN 'analyst' ELSE a.nation_basis END AS nation_basis, "
             f"CASE WHEN {edit('nation')} IS NOT NULL THEN 'set by an analyst' ELSE a.nation_reason END "
             f"AS nation_reason")
    return f"SELECT a.id, {cols}, {basis}, a.evidence, a.evidence_article FROM actors a"
