"""Search: full-text search (SQLite FTS5) over article text and quotes, with where each hit sits."""
from __future__ import annotations

import re

import pandas as pd

from .database import Database
from .filters import Filters, article_filter, selection_article_clause
from .overrides import effective_actor_sql


#: A query is read up to MAX_QUERY_CHARS characters, and its first MAX_QUERY_TERMS distinct words are searched
#: (every one must occur). FTS5's time grows with the number of terms: "said" typed 1,500 times took 31 s.
MAX_QUERY_CHARS = 200
MAX_QUERY_TERMS = 12


def query_terms(query: str) -> tuple[list[str], str | None]:
    """The words searched for ``query`` (each once, case-blind, within the caps), and a sentence saying what
    was cut, or None when the query is searched whole."""
    text = str(query or "")
    notes = []
    if len(text) > MAX_QUERY_CHARS:
        notes.append(f"only its first {MAX_QUERY_CHARS} characters were read (it has {len(text):,})")
        text = text[:MAX_QUERY_CHARS]
    words = re.findall(r"\w+", text, flags=re.UNICODE)
    firsts: dict[str, str] = {}
    for w in words:  # each word once, in its first spelling (FTS5 matches case-blind)
        firsts.setdefault(w.casefold(), w)
    terms = list(firsts.values())
    if len(words) > len(terms):
        notes.append(f"{len(words) - len(terms):,} repeated word(s) were searched once")
    if len(terms) > MAX_QUERY_TERMS:
        notes.append(f"only its first {MAX_QUERY_TERMS} distinct words were searched (it has {len(terms):,})")
        terms = terms[:MAX_QUERY_TERMS]
    cut = [n for n in notes if not n.endswith("searched once")]  # dropping a repeat changes no result
    return terms, ("The query was cut: " + "; ".join(notes) + ".") if cut else None


def search(db: Database, query: str, f: Filters | None = None, *, limit: int = 50) -> pd.DataFrame:
    """Full-text search over article text and quotes, with highlighted snippets (FTS5), within the query caps
    (``query_terms``)."""
    terms, _cut = query_terms(query)
    if not terms:
        return pd.DataFrame(columns=["kind", "article_id", "quote_idx", "title", "snippet", "offset"])
    match = " ".join(f'"{t}"' for t in terms)
    where, params = article_filter(f)
    extra, eparams = selection_article_clause(f)
    arts = db.df(
        f"SELECT 'article' AS kind, fa.article_id, NULL AS quote_idx, COALESCE(art.title, art.id) AS title, "
        f"snippet(fts_articles, 2, '\u0001', '\u0002', ' … ', 16) AS snippet, bm25(fts_articles) AS rank "
        f"FROM fts_articles fa JOIN articles art ON art.id=fa.article_id WHERE fts_articles MATCH ? "
        f"AND {where}{extra} ORDER BY rank LIMIT {int(limit)}", [match] + params + eparams)
    quotes = db.df(
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
            row = db.conn().execute("SELECT start FROM quotes WHERE article_id=? AND idx=?",
                                    (r.article_id, int(r.quote_idx))).fetchone()
            offsets.append(row[0] if row else 0)
        else:
            txt = db.conn().execute("SELECT text FROM articles WHERE id=?", (r.article_id,)).fetchone()[0]
            m = re.search(r"\b" + re.escape(terms[0]), txt, flags=re.IGNORECASE)
            offsets.append(m.start() if m else 0)
    out["offset"] = offsets
    return out.sort_values("rank").reset_index(drop=True)


def search_hits_df(db: Database, f: Filters | None = None, *, text: str = "", limit: int = 50) -> pd.DataFrame:
    """``search`` with the selection first (so ``components.cache.query`` can call it), plus an ``end``.

    For an article hit, ``offset``..``end`` is the first highlighted word of the snippet, found where
    the snippet sits in the text (so the Reader opens at the passage shown); for a quote hit, the quote.
    """
    out = search(db, text, f, limit=limit)
    if out.empty:
        return out.assign(end=pd.Series(dtype="int64"), speaker=pd.Series(dtype=object))
    starts, ends, speakers = [], [], []
    con = db.conn()
    word = re.compile(r"\w+", flags=re.UNICODE)
    for r in out.itertuples():
        start = int(r.offset or 0)
        if r.kind == "quote":
            # who spoke: the speaker actor's name (with the analysts' edits), else the quote's own words
            row = con.execute(f'WITH ea AS ({effective_actor_sql()}) SELECT q.start, q."end", '
                              'COALESCE(ea.name, q.speaker_name) FROM quotes q LEFT JOIN ea ON ea.id=q.speaker_id '
                              'WHERE q.article_id=? AND q.idx=?', (r.article_id, int(r.quote_idx))).fetchone()
            starts.append(int(row[0]) if row and row[0] is not None else start)
            ends.append(int(row[1]) if row and row[1] is not None else start)
            speakers.append(row[2] if row else None)
            continue
        speakers.append(None)
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
    out["speaker"] = speakers
    return out
