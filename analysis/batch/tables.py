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
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

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


def _rows(folder: Path) -> Iterator[dict[str, Any]]:
    import pyarrow.parquet as pq

    for f in sorted(folder.glob("*.parquet")) if folder.is_dir() else ():
        for batch in pq.ParquetFile(f).iter_batches(batch_size=4096):
            yield from batch.to_pylist()


def read_parquet_analyses(folder: str | Path, *, chunk: int = 500) -> Iterator[list[ArticleAnalysis]]:
    """The analyses of a ``--format parquet`` folder, ``chunk`` at a time, in the ``articles`` order.

    The tables are read as streams side by side: ``write_parquet`` writes every table in the order
    of ``articles``, so each article's rows come together, and memory holds one chunk. A table out
    of that order is refused (``ValueError``), never half-read."""
    folder = Path(folder)
    if not (folder / "articles").is_dir():
        raise FileNotFoundError(f"{folder}: no articles/ table (not a --format parquet folder)")
    streams = {t: _rows(folder / t) for t in TABLES if t not in ("articles", "errors")}
    ahead: dict[str, dict | None] = {t: next(it, None) for t, it in streams.items()}
    seen: set[str] = set()
    batch: dict[str, list[dict]] = {t: [] for t in TABLES}
    for art in _rows(folder / "articles"):
        aid = art["article_id"]
        seen.add(aid)
        batch["articles"].append(art)
        for t, it in streams.items():
            while ahead[t] is not None and ahead[t]["article_id"] == aid:
                batch[t].append(ahead[t])
                ahead[t] = next(it, None)
            if ahead[t] is not None and ahead[t]["article_id"] in seen:
                raise ValueError(f"{folder / t}: rows of {ahead[t]['article_id']} out of the articles' order")
        if len(batch["articles"]) >= chunk:
            yield analyses_from_tables(batch)
            batch = {t: [] for t in TABLES}
    if batch["articles"]:
        yield analyses_from_tables(batch)
    left = [t for t, row in ahead.items() if row is not None]
    if left:
        raise ValueError(f"{folder}: rows in {', '.join(left)} for articles the articles table does not hold")
