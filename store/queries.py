"""Selection queries: actors, quotes, sentiment, events and connections under the shared selection, as DataFrames.

Aggregations are done in SQL over indexed tables; each query applies the selection's
parts that concern it (see ``filters``) and reads actors through the analysts' edits.
"""
from __future__ import annotations

import json
from typing import Sequence

import pandas as pd

from .database import Database, batches
from .filters import Filters, article_filter, inferred, in_clause, narrow, selection_article_clause
from .overrides import effective_actor_sql


def _corpus_wide(f: Filters | None) -> bool:
    """Whether the selection keeps every article (no articles, dates, actors or speakers): then an
    actor's figures are its corpus totals, read from ``actor_totals``, and a nation only picks actors."""
    return f is None or not (f.articles or f.date_from or f.date_to or f.actors or f.speakers)


def _actor_field_filters(f: Filters | None, types: Sequence[str] | None, ids: Sequence[str] = ()) -> tuple[str, list]:
    sql, params = "", []
    if ids:
        s, p = in_clause("ea.id", ids)
        sql, params = f" AND {s}", p
    if types:
        s, p = in_clause("ea.type", types)
        sql, params = sql + f" AND {s}", params + p
    if f is not None and f.nations:
        s, p = in_clause("ea.nation", f.nations)
        sql, params = sql + f" AND {s}", params + p
    return sql, params


def _totals_actors_sql(f: Filters | None, types: Sequence[str] | None, ids: Sequence[str] = ()) -> tuple[str, list]:
    extra, params = _actor_field_filters(f, types, ids)
    return (f"WITH ea AS ({effective_actor_sql(inferred(f))}) "
            f"SELECT ea.id, ea.name, ea.type, ea.nation, ea.nation_basis, ea.nation_reason, ea.affiliation, "
            f"ea.role, ea.evidence, t.mentions, t.articles, t.n_neg, t.n_neu, t.n_pos, "
            f"t.score_sum / NULLIF(t.score_n, 0) AS portrayal "
            f"FROM actor_totals t JOIN ea ON ea.id=t.actor_id WHERE t.mentions > 0{extra}"), params


def _aliases_of(db: Database, ids: Sequence[str]) -> dict[str, list[str]]:
    """Every way each actor is written, over all its articles, in the order first written (``actor_aliases``)."""
    out: dict[str, list[str]] = {}
    for part in batches(ids):
        s, p = in_clause("actor_id", part)
        for aid, alias in db.conn().execute(f"SELECT actor_id, alias FROM actor_aliases WHERE {s} "
                                            f"ORDER BY actor_id, pos", p):
            out.setdefault(aid, []).append(alias)
    return out


def actors_df(db: Database, f: Filters | None = None, *, types: Sequence[str] | None = None,
              ids: Sequence[str] = (), limit: int | None = None, offset: int = 0) -> pd.DataFrame:
    """Corpus actors under the selection: mentions, articles, portrayal, with nation and evidence, the most
    mentioned first (``limit``/``offset``: one page of them; ``actors_count`` counts them all; ``ids``:
    only these actors' rows).

    With every article selected (``_corpus_wide``) the figures come from ``actor_totals``, which the
    writes keep up to date: the same numbers as grouping the rows, without reading them.
    """
    if _corpus_wide(f):
        sql, params = _totals_actors_sql(f, types, ids)
        df = db.df(sql + " ORDER BY t.mentions DESC, ea.name" + _limit_sql(limit, offset), params)
        if not df.empty:
            aliases = _aliases_of(db, df["id"])
            df["aliases"] = [aliases.get(i, []) for i in df["id"]]
        return df
    sql, params = _selected_actors_sql(f, types, ids)
    df = db.df(sql + " ORDER BY mentions DESC, ea.name" + _limit_sql(limit, offset), params)
    if not df.empty:
        df["aliases"] = df["aliases"].map(_merge_alias_lists)
    return df


def actors_count(db: Database, f: Filters | None = None, *, types: Sequence[str] | None = None) -> int:
    """How many rows ``actors_df(f, types=types)`` holds without a limit."""
    if _corpus_wide(f):
        if not types and (f is None or not f.nations):
            return actor_count(db)
        sql, params = _totals_actors_sql(f, types)
    else:
        sql, params = _selected_actors_sql(f, types)
    return _count(db, sql, params)


def _selected_actors_sql(f: Filters | None, types: Sequence[str] | None, ids: Sequence[str] = ()) -> tuple[str, list]:
    """Actors grouped over the selected articles' rows (no order)."""
    where, params = article_filter(f)
    extra, eparams = selection_article_clause(
        Filters(speakers=f.speakers) if f is not None else None)
    fields_sql, fparams = _actor_field_filters(f, types, ids)
    only_sql, oparams = "", []
    if ids:  # only these actors' rows are grouped
        s, oparams = in_clause("aa.actor_id", ids)
        only_sql = f" AND {s}"
    actor_sql = ""
    aparams: list = []
    if f is not None and f.actors:
        # the selected actors and those who share an article with them
        s, aparams = in_clause("m2.actor_id", f.actors)
        # one uncorrelated set (by the actor index), not a probe of every article's mentions per row
        actor_sql = f" AND art.id IN (SELECT m2.article_id FROM mentions m2 WHERE {s})"
    sql = (f"WITH ea AS ({effective_actor_sql(inferred(f))}), "
           f"per AS (SELECT aa.actor_id, aa.article_id, SUM(aa.mentions) AS mentions, "
           f"SUM(aa.n_neg) AS n_neg, SUM(aa.n_neu) AS n_neu, SUM(aa.n_pos) AS n_pos, "
           f"GROUP_CONCAT(aa.aliases, '\u241e') AS aliases FROM article_actors aa "
           f"JOIN articles art ON art.id=aa.article_id WHERE {where}{extra}{actor_sql}{only_sql} "
           f"GROUP BY aa.actor_id, aa.article_id), "
           # portrayal over the same articles, grouped once (a subquery per actor took 0.6 s at 1,000 articles)
           f"pt AS (SELECT s.actor_id, AVG(s.score) AS portrayal FROM mention_sentiment s JOIN per "
           f"ON per.actor_id=s.actor_id AND per.article_id=s.article_id WHERE s.in_quote=0 GROUP BY s.actor_id) "
           f"SELECT ea.id, ea.name, ea.type, ea.nation, ea.nation_basis, ea.nation_reason, ea.affiliation, "
           f"ea.role, ea.evidence, SUM(per.mentions) AS mentions, COUNT(DISTINCT per.article_id) AS articles, "
           f"SUM(per.n_neg) AS n_neg, SUM(per.n_neu) AS n_neu, SUM(per.n_pos) AS n_pos, "
           f"pt.portrayal, GROUP_CONCAT(per.aliases, '\u241e') AS aliases "
           f"FROM per JOIN ea ON ea.id=per.actor_id LEFT JOIN pt ON pt.actor_id=ea.id WHERE 1=1{fields_sql} "
           f"GROUP BY ea.id")
    return sql, params + eparams + aparams + oparams + fparams


def actor_links_df(db: Database) -> pd.DataFrame:
    return db.df("SELECT l.from_id, l.to_id, a.name AS to_name, l.article_id, art.title, l.reason, "
                 "l.created_at FROM actor_links l LEFT JOIN actors a ON a.id=l.to_id "
                 "LEFT JOIN articles art ON art.id=l.article_id ORDER BY l.created_at DESC")


def speaker_nation_sql(alias: str, f: Filters | None) -> str:
    """A quote's speaker nation: the speaker actor's, else the quote's own (a group: "Russian officials").

    With inferred nations left out, a named speaker whose nation was only inferred has none: the quote
    row copied that nation when it was analysed, so it must not stand in for it.
    """
    if inferred(f):
        return f"COALESCE({alias}.nation, q.speaker_nation)"
    return f"(CASE WHEN {alias}.id IS NOT NULL THEN {alias}.nation ELSE q.speaker_nation END)"


def nation_conflicts_df(db: Database) -> pd.DataFrame:
    """Actors whose articles state different nations: one row per (actor, nation), with the words and the article.

    Corpus memory keeps the first stated nation for the corpus row; the disagreement stays visible here.
    """
    return db.df("WITH stated AS (SELECT aa.actor_id, aa.nation, aa.evidence, aa.article_id FROM article_actors aa "
                 "WHERE aa.nation_basis='stated' AND aa.nation IS NOT NULL), "
                 "torn AS (SELECT actor_id FROM stated GROUP BY actor_id HAVING COUNT(DISTINCT nation) > 1) "
                 "SELECT s.actor_id, a.name, a.nation AS corpus_nation, s.nation, s.evidence, s.article_id, "
                 "COALESCE(art.title, art.id) AS title FROM stated s JOIN torn t ON t.actor_id=s.actor_id "
                 "JOIN actors a ON a.id=s.actor_id JOIN articles art ON art.id=s.article_id "
                 "ORDER BY a.name, s.nation, art.published")


def name_type_counts(db: Database, names: Sequence[str]) -> dict[str, tuple[int, int]]:
    """Per name (as given), how many stored articles type it an organisation and how many a person.

    A name matches case-insensitively; the type is the corpus actor's, so an analyst's retyping
    counts for every article of that actor.
    """
    wanted = {n.lower(): n for n in names}
    if not wanted:
        return {}
    s, params = in_clause("lower(aa.name)", list(wanted))
    rows = db.conn().execute(
        f"WITH ea AS ({effective_actor_sql()}) "
        "SELECT lower(aa.name), COALESCE(ea.type, aa.type) AS t, COUNT(DISTINCT aa.article_id) "
        f"FROM article_actors aa LEFT JOIN ea ON ea.id=aa.actor_id WHERE {s} "
        "GROUP BY 1, 2", params).fetchall()
    out = {n: (0, 0) for n in wanted.values()}
    for low, typ, n in rows:
        orgs, persons = out[wanted[low]]
        out[wanted[low]] = (orgs + n, persons) if typ == "ORG" else (orgs, persons + n) if typ == "PERSON" \
            else (orgs, persons)
    return out


def _limit_sql(limit: int | None, offset: int = 0) -> str:
    return "" if limit is None else f" LIMIT {int(limit)} OFFSET {int(offset)}"


def _with_ids(db: Database, top: pd.DataFrame, sql_for_ids, include: Sequence[str]) -> pd.DataFrame:
    """``top`` and, after it, the rows ``sql_for_ids`` gives for the ``include`` ids it left out."""
    missing = [i for i in dict.fromkeys(include) if i not in set(top["id"])]
    if not missing:
        return top
    s, p = in_clause("t.actor_id", missing)
    more = db.df(sql_for_ids(s), p)
    return pd.concat([top, more], ignore_index=True) if not more.empty else top


def actor_options_df(db: Database, *, limit: int | None = None, include: Sequence[str] = ()) -> pd.DataFrame:
    """Corpus actors with mention counts, the most mentioned first, for pickers (read from ``actor_totals``).

    ``limit`` keeps the busiest; ``include`` adds these ids after them when they were left out.
    """
    def sql(where: str) -> str:
        return (f"WITH ea AS ({effective_actor_sql()}) SELECT ea.id, ea.name, ea.type, ea.nation, "
                f"t.mentions FROM actor_totals t JOIN ea ON ea.id=t.actor_id WHERE t.mentions > 0 AND {where} "
                f"ORDER BY t.mentions DESC, ea.name")
    return _with_ids(db, db.df(sql("1=1") + _limit_sql(limit)), sql, include)


def actor_count(db: Database) -> int:
    """How many corpus actors any stored article names."""
    return int(db.conn().execute("SELECT COUNT(*) FROM actor_totals WHERE mentions > 0").fetchone()[0])


def actor_types(db: Database) -> list[str]:
    """The actor types in use (the analysts' retyping included), sorted."""
    rows = db.conn().execute(
        f"SELECT DISTINCT ea.type FROM ({effective_actor_sql()}) ea WHERE ea.type IS NOT NULL AND ea.id IN "
        f"(SELECT actor_id FROM actor_totals WHERE mentions > 0) ORDER BY 1").fetchall()
    return [r[0] for r in rows]


def nation_options_df(db: Database) -> pd.DataFrame:
    """Nations with how many actors and mentions carry them (over ``actor_totals``)."""
    # only actors with a nation of their own or an analyst's edit can carry one: no edited view of the rest
    return db.df(f"WITH ea AS ({effective_actor_sql()}) SELECT ea.nation, "
                 f"COUNT(*) AS actors, SUM(t.mentions) AS mentions FROM actor_totals t "
                 f"JOIN ea ON ea.id=t.actor_id WHERE t.mentions > 0 AND ea.nation IS NOT NULL "
                 f"AND t.actor_id IN (SELECT id FROM actors WHERE nation IS NOT NULL UNION "
                 f"SELECT actor_id FROM overrides WHERE undone=0 AND kind='set' AND field='nation') "
                 f"GROUP BY ea.nation ORDER BY mentions DESC")


def _quotes_sql(f: Filters | None) -> tuple[str, list]:
    """The quotes under the selection (no order): one query for the list and for its count."""
    where, params = article_filter(f)
    sql = (f"WITH ea AS ({effective_actor_sql(inferred(f))}) "
           f"SELECT q.article_id, q.idx, q.start, q.\"end\", q.text, q.kind, q.cue, q.speaker_id, "
           f"COALESCE(ea.name, q.speaker_name) AS speaker, q.speaker_kind, "
           f"{speaker_nation_sql('ea', f)} AS speaker_nation, ea.affiliation AS speaker_affiliation, "
           f"ea.role AS speaker_role, q.tone, q.subjectivity, q.polarity, q.words, q.sentence_idx, q.block_idx, "
           f"COALESCE(art.title, art.source, art.id) AS article_title, art.published "
           f"FROM quotes q JOIN articles art ON art.id=q.article_id LEFT JOIN ea ON ea.id=q.speaker_id "
           f"WHERE {where}")
    sql, params = narrow(sql, params, "q.speaker_id", f.speakers if f is not None else ())
    sql, params = narrow(sql, params, speaker_nation_sql("ea", f), f.nations if f is not None else ())
    if f is not None and f.actors:
        s, p = in_clause("qt.actor_id", f.actors)
        s2, p2 = in_clause("q.speaker_id", f.actors)
        # uncorrelated sets, driven by the actor indexes: a probe of every quote's mentions took 13 s at 1,000 articles
        sql += (f" AND ({s2} OR (q.article_id, q.idx) IN (SELECT qt.article_id, qt.quote_idx FROM quote_targets qt "
                f"WHERE {s}) OR (q.article_id, q.idx) IN (SELECT q2.article_id, q2.idx FROM mentions mq "
                f"JOIN quotes q2 ON q2.article_id=mq.article_id AND mq.start>=q2.start AND mq.\"end\"<=q2.\"end\" "
                f"WHERE {s.replace('qt.', 'mq.')}))")
        params += p2 + p + p
    return sql, params


def quotes_df(db: Database, f: Filters | None = None, *, limit: int | None = None, offset: int = 0) -> pd.DataFrame:
    """Quotes under the selection, with speaker, nation, cue and article, newest article first."""
    sql, params = _quotes_sql(f)
    sql += " ORDER BY art.published DESC NULLS LAST, art.seq DESC, q.start"
    if limit is not None:
        sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
    return db.df(sql, params)


def quotes_count(db: Database, f: Filters | None = None) -> int:
    """How many rows ``quotes_df(f)`` holds, counted in SQL."""
    if f is None or f.is_empty():
        return int(db.conn().execute("SELECT COALESCE(SUM(quotes), 0) FROM article_counts").fetchone()[0])
    sql, params = _quotes_sql(f)
    return _count(db, sql, params)


def _count(db: Database, sql: str, params: list) -> int:
    return int(db.conn().execute(f"SELECT COUNT(*) FROM ({sql})", params).fetchone()[0])


def speaker_counts_df(db: Database, f: Filters | None = None, *, top: int = 25) -> pd.DataFrame:
    """The ``top`` resolved speakers under the selection: quotes by kind, quoted words, nation, mean tone.

    Grouped in SQL over the rows ``quotes_df(f)`` lists, so a large corpus ships 25 rows, not its quotes.
    """
    sql, params = _quotes_sql(f)
    return db.df(
        f"SELECT speaker_id, MAX(speaker) AS speaker, MAX(speaker_nation) AS speaker_nation, COUNT(*) AS quotes, "
        f"CAST(SUM(COALESCE(words, 0)) AS INTEGER) AS words, AVG(tone) AS tone, "
        f"SUM(COALESCE(kind, 'direct')='direct') AS direct, SUM(kind='indirect') AS indirect, "
        f"SUM(kind='mixed') AS mixed FROM ({sql}) WHERE speaker_id IS NOT NULL GROUP BY speaker_id "
        f"ORDER BY quotes DESC, speaker LIMIT {int(top)}", params)


def voice_groups_df(db: Database, f: Filters | None = None) -> pd.DataFrame:
    """The quotes under the selection grouped by what the voice-balance charts split them by: speaker
    nation, kind, whether the speaker is resolved, and the speaker's form; ``n`` quotes and their words."""
    sql, params = _quotes_sql(f)
    return db.df(
        f"SELECT speaker_nation, kind, CASE WHEN speaker_id IS NULL OR speaker_id='' THEN NULL ELSE 1 END "
        f"AS speaker_id, speaker_kind, COUNT(*) AS n, SUM(COALESCE(words, 0)) AS words FROM ({sql}) "
        f"GROUP BY 1, 2, 3, 4", params)


def speaker_options_df(db: Database, *, limit: int | None = None, include: Sequence[str] = ()) -> pd.DataFrame:
    """Speakers (resolved actors) with their quote counts, the most quoted first (over ``actor_totals``)."""
    def sql(where: str) -> str:
        return (f"WITH ea AS ({effective_actor_sql()}) SELECT t.actor_id AS id, ea.name, ea.nation, "
                f"t.quotes FROM actor_totals t JOIN ea ON ea.id=t.actor_id WHERE t.quotes > 0 AND {where} "
                f"ORDER BY t.quotes DESC, ea.name")
    return _with_ids(db, db.df(sql("1=1") + _limit_sql(limit)), sql, include)


def speaker_count(db: Database) -> int:
    return int(db.conn().execute("SELECT COUNT(*) FROM actor_totals WHERE quotes > 0").fetchone()[0])


def _quote_targets_sql(f: Filters | None) -> tuple[str, list]:
    """The stance rows under the selection (no order)."""
    where, params = article_filter(f)
    sql = (f"WITH ea AS ({effective_actor_sql(inferred(f))}) "
           f"SELECT q.article_id, q.idx AS quote_idx, q.speaker_id, sp.name AS speaker, "
           f"{speaker_nation_sql('sp', f)} AS speaker_nation, qt.actor_id AS target_id, "
           f"tg.name AS target, tg.nation AS target_nation, qt.polarity, qt.label, q.text, q.start, q.\"end\", "
           f"COALESCE(art.title, art.id) AS article_title FROM quote_targets qt "
           f"JOIN quotes q ON q.article_id=qt.article_id AND q.idx=qt.quote_idx "
           f"JOIN articles art ON art.id=q.article_id JOIN ea sp ON sp.id=q.speaker_id "
           f"LEFT JOIN ea tg ON tg.id=qt.actor_id WHERE {where} AND qt.actor_id<>q.speaker_id")
    sql, params = narrow(sql, params, "q.speaker_id", f.speakers if f is not None else ())
    sql, params = narrow(sql, params, speaker_nation_sql("sp", f),
                         f.nations if f is not None else (), "tg.nation")
    sql, params = narrow(sql, params, "qt.actor_id", f.actors if f is not None else (), "q.speaker_id")
    return sql, params


def quote_targets_df(db: Database, f: Filters | None = None, *, speaker_id: str | None = None,
                     target_id: str | None = None) -> pd.DataFrame:
    """Speaker -> target stance rows (the who-says-what-about-whom matrix), under the selection;
    ``speaker_id`` and ``target_id``: one cell's rows."""
    sql, params = _quote_targets_sql(f)
    if speaker_id is not None:
        sql, params = sql + " AND q.speaker_id=?", params + [speaker_id]
    if target_id is not None:
        sql, params = sql + " AND qt.actor_id=?", params + [target_id]
    return db.df(sql, params)


def stance_cells_df(db: Database, f: Filters | None = None, *, top_speakers: int = 20,
                    top_targets: int = 15) -> pd.DataFrame:
    """The matrix's cells grouped in SQL: the ``top_speakers`` speakers and ``top_targets`` targets with
    the most stance rows, and per pair the mean polarity and how many (``charts.stance_cells``' columns)."""
    sql, params = _quote_targets_sql(f)
    return db.df(
        f"WITH t AS ({sql}), "
        f"ts AS (SELECT speaker_id FROM t WHERE speaker_id IS NOT NULL AND target_id IS NOT NULL "
        f"GROUP BY speaker_id ORDER BY COUNT(*) DESC, speaker_id LIMIT {int(top_speakers)}), "
        f"tt AS (SELECT target_id FROM t WHERE speaker_id IS NOT NULL AND target_id IS NOT NULL "
        f"GROUP BY target_id ORDER BY COUNT(*) DESC, target_id LIMIT {int(top_targets)}) "
        f"SELECT speaker_id, COALESCE(MAX(speaker), speaker_id) AS speaker, target_id, "
        f"COALESCE(MAX(target), target_id) AS target, AVG(polarity) AS polarity, COUNT(*) AS n FROM t "
        f"WHERE speaker_id IN ts AND target_id IN tt GROUP BY speaker_id, target_id", params)


def quote_nations_df(db: Database, f: Filters | None = None) -> pd.DataFrame:
    """Per speaker nation of the quotes under the selection: quotes, mean TextBlob polarity and subjectivity,
    mean VADER tone (``charts.nation_summary``'s figures, grouped in SQL)."""
    sql, params = _quotes_sql(f)
    return db.df(f"SELECT speaker_nation, COUNT(*) AS quotes, AVG(polarity) AS polarity, "
                 f"AVG(subjectivity) AS subjectivity, AVG(tone) AS tone FROM ({sql}) GROUP BY speaker_nation "
                 f"ORDER BY quotes DESC", params)


def _where_they_speak(f: Filters | None) -> tuple[str, list]:
    """``AND art.id IN (...)``: the articles where a selected speaker is quoted (the reporting around them)."""
    return selection_article_clause(Filters(speakers=f.speakers)) if f is not None and f.speakers else ("", [])


def portrayal_df(db: Database, f: Filters | None = None, *, limit: int | None = None) -> pd.DataFrame:
    """Per actor: mean model score of mentions outside quotes, and label counts (a selected speaker:
    in the articles where they speak), the most scored first (``limit``: the first of them).

    With every article selected (``_corpus_wide``) it is read from ``actor_totals``."""
    if _corpus_wide(f):
        extra, params = _actor_field_filters(f, None, f.actors if f is not None else ())
        return db.df(f"WITH ea AS ({effective_actor_sql(inferred(f))}) "
                     f"SELECT ea.id, ea.name, ea.type, ea.nation, t.score_sum / NULLIF(t.score_n, 0) AS portrayal, "
                     f"t.s_neg AS n_neg, t.s_neu AS n_neu, t.s_pos AS n_pos, t.scored AS n FROM actor_totals t "
                     f"JOIN ea ON ea.id=t.actor_id WHERE t.scored > 0{extra} ORDER BY t.scored DESC, ea.name"
                     + _limit_sql(limit), params)
    where, params = article_filter(f)
    spoke, sparams = _where_they_speak(f)
    sql = (f"WITH ea AS ({effective_actor_sql(inferred(f))}) "
           f"SELECT s.actor_id AS id, ea.name, ea.type, ea.nation, AVG(s.score) AS portrayal, "
           f"SUM(s.label='negative') AS n_neg, SUM(s.label='neutral') AS n_neu, "
           f"SUM(s.label='positive') AS n_pos, COUNT(*) AS n "
           f"FROM mention_sentiment s JOIN articles art ON art.id=s.article_id JOIN ea ON ea.id=s.actor_id "
           f"WHERE s.in_quote=0 AND {where}{spoke}")
    params += sparams
    sql, params = narrow(sql, params, "ea.nation", f.nations if f is not None else ())
    sql, params = narrow(sql, params, "s.actor_id", f.actors if f is not None else ())
    sql += " GROUP BY s.actor_id ORDER BY n DESC, ea.name" + _limit_sql(limit)
    return db.df(sql, params)


def portrayal_sentences_df(db: Database, actor_id: str, f: Filters | None = None, limit: int = 20) -> pd.DataFrame:
    """The strongest sentences behind an actor's portrayal."""
    where, params = article_filter(f)
    spoke, sparams = _where_they_speak(f)
    where, params = where + spoke, params + sparams
    return db.df(
        f'SELECT s.article_id, s.sentence_idx, s.label, s.score, s.start, s."end", se.start AS sent_start, '
        f'se."end" AS sent_end, SUBSTR(art.text, se.start + 1, se."end" - se.start) AS sentence, '
        f'COALESCE(art.title, art.id) AS article_title FROM mention_sentiment s '
        f'JOIN articles art ON art.id=s.article_id JOIN sentences se ON se.article_id=s.article_id '
        f'AND se.idx=s.sentence_idx WHERE s.actor_id=? AND s.in_quote=0 AND {where} '
        f'ORDER BY ABS(s.score) DESC LIMIT {int(limit)}', [actor_id] + params)


def portrayal_over_time_df(db: Database, f: Filters | None = None, *, ids: Sequence[str] = ()) -> pd.DataFrame:
    """Per publication day and actor: the mean portrayal score (a selected speaker: where they speak);
    ``ids``: only these actors (a chart draws a few lines, not every actor's)."""
    where, params = article_filter(f)
    spoke, sparams = _where_they_speak(f)
    where, params = where + spoke, params + sparams
    if ids:
        s, p = in_clause("s.actor_id", ids)
        where, params = f"{where} AND {s}", params + p
    sql = (f"WITH ea AS ({effective_actor_sql(inferred(f))}) SELECT art.published, s.actor_id AS id, ea.name, "
           f"AVG(s.score) AS portrayal, COUNT(*) AS n FROM mention_sentiment s JOIN articles art "
           f"ON art.id=s.article_id JOIN ea ON ea.id=s.actor_id WHERE s.in_quote=0 AND art.published IS NOT NULL "
           f"AND {where}")
    sql, params = narrow(sql, params, "s.actor_id", f.actors if f is not None else ())
    sql, params = narrow(sql, params, "ea.nation", f.nations if f is not None else ())
    sql += " GROUP BY art.published, s.actor_id ORDER BY art.published"
    return db.df(sql, params)


def sentence_scores_df(db: Database, article_id: str, actor_id: str) -> pd.DataFrame:
    """Per sentence of one article, the model's polarity toward one actor (for the Reader's shading)."""
    return db.df('SELECT s.sentence_idx, AVG(s.score) AS score, se.start, se."end" FROM mention_sentiment s '
                 'JOIN sentences se ON se.article_id=s.article_id AND se.idx=s.sentence_idx '
                 'WHERE s.article_id=? AND s.actor_id=? GROUP BY s.sentence_idx', (article_id, actor_id))


def _events_sql(f: Filters | None, article_id: str | None, include_unresolved: bool) -> tuple[str, list]:
    """The events under the selection (no order): one query for the list and for its count."""
    where, params = article_filter(f)
    # NOT MATERIALIZED: used three times, the edited actors were otherwise built whole (400,000 rows at
    # 53,000 articles, 5 s) to read one article's events
    sql = (f"WITH ea AS NOT MATERIALIZED ({effective_actor_sql(inferred(f))}) "
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
    if f is not None and f.articles:  # by the events' own key: through the articles it scanned every event
        s, p = in_clause("e.article_id", f.articles)
        sql, params = f"{sql} AND {s}", params + p
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
        s, p = in_clause("ev.actor_id", f.actors)
        sql += f" AND EXISTS (SELECT 1 FROM event_actors ev WHERE ev.article_id=e.article_id AND ev.event_idx=e.idx AND {s})"
        params += p
    sql, params = narrow(sql, params, "e.speaker_id", f.speakers if f is not None else ())
    if f is not None and f.nations:
        # the nation's actors as one set, computed once (a join to the edited actors per event took 4 s)
        s, p = in_clause("a3.nation", f.nations)
        sql += (f" AND EXISTS (SELECT 1 FROM event_actors ev WHERE ev.article_id=e.article_id AND ev.event_idx=e.idx "
                f"AND ev.actor_id IN (SELECT a3.id FROM ea a3 WHERE {s}))")
        params += p
    return sql, params


def events_df(db: Database, f: Filters | None = None, *, article_id: str | None = None,
              include_unresolved: bool = False, unresolved_only: bool = False, limit: int | None = None,
              offset: int = 0, sample: int | None = None) -> pd.DataFrame:
    """Time expressions under the selection, with the names of the actors in their sentence, by date.

    ``limit``/``offset``: one page. ``sample``: at most about that many, evenly spread over the
    stored events (every k-th by storage order), for a chart of a large corpus; ``unresolved_only``:
    the expressions no date was found for."""
    sql, params = _events_sql(f, article_id, include_unresolved or unresolved_only)
    if unresolved_only:
        sql += " AND e.value IS NULL"
    if sample is not None:
        n = _count(db, sql, params)
        step = -(-n // max(int(sample), 1))
        if step > 1:
            sql += f" AND e.rowid % {int(step)} = 0"
    return db.df(sql + " ORDER BY e.day_from, e.article_id, e.start" + _limit_sql(limit, offset), params)


def events_count(db: Database, f: Filters | None = None) -> int:
    """How many rows ``events_df(f)`` holds (dated events), counted in SQL."""
    if f is None or f.is_empty():
        return int(db.conn().execute("SELECT COALESCE(SUM(events), 0) FROM article_counts").fetchone()[0])
    sql, params = _events_sql(f, None, False)
    return _count(db, sql, params)


def cooccurrence_df(db: Database, f: Filters | None = None, *, min_count: int = 1, top: int = 60) -> pd.DataFrame:
    """Pairs of the ``top`` most-mentioned actors (people, organisations, places, peoples) named in the
    same sentence, with how often. With every article selected, the top actors come from ``actor_totals``."""
    where, params = article_filter(f)
    extra, eparams = selection_article_clause(f)
    if _corpus_wide(f) and not (f is not None and f.nations):
        top_sql = (f"SELECT t.actor_id FROM actor_totals t JOIN ({effective_actor_sql()}) ea ON ea.id=t.actor_id "
                   f"WHERE ea.type IN ('PERSON','ORG','GPE','NORP') ORDER BY t.mentions DESC LIMIT {int(top)}")
        top_params: list = []
    else:
        top_sql = (f"SELECT m.actor_id FROM mentions m JOIN articles art ON art.id=m.article_id "
                   f"WHERE m.label IN ('PERSON','ORG','GPE','NORP') AND {where}{extra} GROUP BY m.actor_id "
                   f"ORDER BY COUNT(*) DESC LIMIT {int(top)}")
        top_params = params + eparams
    sql = (f"WITH top_actors AS ({top_sql}), "
           f"ms AS (SELECT DISTINCT m.article_id, m.sentence_idx, m.actor_id FROM mentions m "
           f"JOIN articles art ON art.id=m.article_id WHERE m.actor_id IN (SELECT actor_id FROM top_actors) "
           f"AND {where}{extra}) "
           f"SELECT a.actor_id AS source, b.actor_id AS target, COUNT(*) AS weight FROM ms a JOIN ms b "
           f"ON a.article_id=b.article_id AND a.sentence_idx=b.sentence_idx AND a.actor_id<b.actor_id "
           f"GROUP BY a.actor_id, b.actor_id HAVING COUNT(*) >= ?")
    return db.df(sql, top_params + params + eparams + [min_count])


def _merge_alias_lists(value: str | None) -> list[str]:
    """The aliases of an actor's articles (JSON lists joined by U+241E), merged in order without repeats."""
    if not value:
        return []
    out: list[str] = []
    for chunk in str(value).split("\u241e"):
        try:
            for a in json.loads(chunk):
                if a not in out:
                    out.append(a)
        except ValueError:  # not a JSON list (an alias that holds the separator): its aliases are left out
            continue
    return out
