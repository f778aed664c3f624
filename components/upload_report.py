"""The Upload page's report of a run: one row per file, with what the analysis found in it."""
from __future__ import annotations

import pandas as pd


def table(results: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Per file: status, title, published date, entity / actor / quote / dated-event counts, and a note.

    ``results`` holds the run's ``IngestResult`` rows (name, status, message, article_id); ``articles`` is
    the store's article table (``Store.articles_df``), where the counts come from. A duplicate points at
    the stored copy, so its counts are that copy's. The note is the message only when it says more than
    the status ("stored | stored" is said once).
    """
    res = results.copy()
    if "article_id" not in res:
        res["article_id"] = None
    res["article_id"] = res["article_id"].astype(object).where(res["article_id"].notna(), None)
    arts = articles.set_index("id") if not articles.empty else pd.DataFrame()

    def col(name: str, default):
        if arts.empty or name not in arts:
            return [default] * len(res)
        return [arts[name].get(a, default) if a is not None else default for a in res["article_id"]]

    out = pd.DataFrame({
        "file": res["name"],
        "status": res["status"],
        "title": [t if isinstance(t, str) else "" for t in col("title", "")],
        "published": [p if isinstance(p, str) else "" for p in col("published", "")],
        "entities": col("entities", None),
        "actors": col("actors", None),
        "quotes": col("quotes", None),
        "events": col("events", None),
        "note": [m if isinstance(m, str) and m.strip().lower() != str(s).lower() else ""
                 for m, s in zip(res["message"], res["status"])],
        "article_id": res["article_id"],
    })
    return out
