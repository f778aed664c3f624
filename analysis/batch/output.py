"""What a batch writes: the contract's ``DIR/<id>.json`` (and ``<id>.error.json``), or Parquet tables."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

from ..contract import to_contract
from ..records import ArticleAnalysis
from .tables import TABLES, table_rows
from .work import Outcome


def write_json(out: Path, done: Sequence[tuple[str, ArticleAnalysis]], errors: Sequence[Outcome]) -> None:
    for art_id, result in done:
        (out / f"{art_id}.json").write_text(json.dumps(to_contract(result), ensure_ascii=False), encoding="utf-8")
        (out / f"{art_id}.error.json").unlink(missing_ok=True)  # an earlier run's error is no longer true
    for o in errors:
        (out / f"{o.id}.error.json").write_text(json.dumps({"error": o.error}, ensure_ascii=False),
                                                encoding="utf-8")
        (out / f"{o.id}.json").unlink(missing_ok=True)


def write_parquet(out: Path, done: Sequence[tuple[str, ArticleAnalysis]], errors: Sequence[Outcome]) -> None:
    """One Parquet dataset per table: ``DIR/<table>/part-00000.parquet`` (an empty table keeps its schema
    out: its folder is made, with no file, so a reader sees the table and no rows)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows: dict[str, list[dict]] = {t: [] for t in TABLES}
    for art_id, result in done:
        for t, rs in table_rows(result).items():
            if t == "articles":
                for r in rs:
                    r["batch_id"] = art_id  # the manifest's id beside the article's own
            rows[t].extend(rs)
    rows["errors"] = [{"batch_id": o.id, "name": o.name, "error": o.error} for o in errors]
    for t in TABLES:
        folder = out / t
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("part-*.parquet"):
            old.unlink()
        if rows[t]:
            pq.write_table(pa.Table.from_pylist(rows[t]), folder / "part-00000.parquet")
