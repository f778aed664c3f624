"""Analyses as rows of flat tables, one table per record kind: what ``--format parquet`` writes.

Every row names its article (``article_id``); offsets index ``articles.text`` as in the contract's
JSON. A list field stays a list (``aliases``, ``actor_ids``, ``pieces``); a free-form mapping
(``portrayal_counts``, ``features``) is a JSON string. ``articles`` has one row per article;
``errors`` one row per item that could not be analysed. ``analyses_from_tables`` reads them back.
"""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import asdict
from typing import Any, Iterable, Sequence

from ..records import RECORDS_FORMAT, ArticleAnalysis, analysis_from_dict

TABLES = ("articles", "blocks", "sentences", "actors", "mentions", "quotes", "quote_targets", "events",
          "sentiments", "problems", "errors")
_JSON_FIELDS = {"actors": ("portrayal_counts",), "events": ("features",)}


def table_rows(result: ArticleAnalysis) -> dict[str, list[dict[str, Any]]]:
    """One analysis -> its rows in each table (``errors`` stays empty)."""
    d = asdict(result)
    art = d["article"]
    aid = art["id"]
    rows: dict[str, list[dict[str, Any]]] = {t: [] for t in TABLES}
    rows["articles"].append({"article_id": aid, "title": art["title"], "standfirst": art["standfirst"],
                             "published": art["published"], "published_source": art["published_source"],
                             "source": art["source"], "fmt": art["fmt"], "text": art["text"],
                             "content_hash": result.article.content_hash, "words": result.article.word_count(),
                             "records_format": RECORDS_FORMAT})
    for b in art["blocks"]:
        rows["blocks"].append({"article_id": aid, **{k: v for k, v in b.items() if k != "text"}})
    for name in ("sentences", "actors", "mentions", "sentiments", "problems"):
        for r in d[name]:
            row = {"article_id": aid, **r}
            for f in _JSON_FIELDS.get(name, ()):
                row[f] = json.dumps(row[f], ensure_ascii=False, sort_keys=True)
            rows[name].append(row)
    for qi, q in enumerate(d["quotes"]):
        targets = q.pop("targets")
        q["pieces"] = [list(p) for p in q["pieces"]]
        rows["quotes"].append({"article_id": aid, "idx": qi, **q})
        for t in targets:
            rows["quote_targets"].append({"article_id": aid, "quote_idx": qi, **t})
    for ei, e in enumerate(d["events"]):
        rows["events"].append({"article_id": aid, "idx": ei, **e,
                               "features": json.dumps(e["features"], ensure_ascii=False, sort_keys=True)})
    return rows


def analyses_from_tables(tables: dict[str, Sequence[dict[str, Any]]]) -> list[ArticleAnalysis]:
    """The analyses whose rows ``table_rows`` made, in the order of the ``articles`` table."""
    by: dict[str, dict[str, list[dict]]] = {t: defaultdict(list) for t in TABLES if t not in ("articles", "errors")}
    for t, rows in tables.items():
        if t in by:
            for r in rows:
                by[t][r["article_id"]].append(dict(r))
    out = []
    for a in tables.get("articles", ()):
        aid = a["article_id"]
        text = a["text"]
        blocks = [{**{k: v for k, v in b.items() if k != "article_id"}, "text": text[b["start"]:b["end"]]}
                  for b in sorted(by["blocks"][aid], key=lambda b: b["index"])]

        def strip(rows: Iterable[dict], *drop: str) -> list[dict]:
            return [{k: v for k, v in r.items() if k not in ("article_id", *drop)} for r in rows]

        actors = strip(by["actors"][aid])
        for x in actors:
            x["portrayal_counts"] = json.loads(x["portrayal_counts"])
            x["aliases"], x["nation_conflicts"] = list(x["aliases"] or []), list(x["nation_conflicts"] or [])
        targets: dict[int, list[dict]] = defaultdict(list)
        for t in by["quote_targets"][aid]:
            targets[t["quote_idx"]].append({k: v for k, v in t.items() if k not in ("article_id", "quote_idx")})
        quotes = []
        for q in sorted(by["quotes"][aid], key=lambda q: q["idx"]):
            q = {k: v for k, v in q.items() if k not in ("article_id", "idx")} | {"targets": targets[q["idx"]]}
            q["pieces"] = [list(p) for p in q["pieces"] or []]
            quotes.append(q)
        events = strip(sorted(by["events"][aid], key=lambda e: e["idx"]), "idx")
        for e in events:
            e["features"] = json.loads(e["features"])
            e["actor_ids"] = list(e["actor_ids"] or [])
        out.append(analysis_from_dict({
            "format": a.get("records_format", RECORDS_FORMAT),
            "article": {"text": text, "blocks": blocks, "title": a["title"], "standfirst": a["standfirst"],
                        "published": a["published"], "published_source": a["published_source"],
                        "source": a["source"], "fmt": a["fmt"], "id": aid},
            "sentences": strip(sorted(by["sentences"][aid], key=lambda s: s["index"])),
            "mentions": strip(by["mentions"][aid]), "actors": actors, "quotes": quotes, "events": events,
            "sentiments": strip(by["sentiments"][aid]), "problems": strip(by["problems"][aid])}))
    return out
