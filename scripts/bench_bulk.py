#!/usr/bin/env python3
"""The bulk path into the store against one-by-one writes, per article, in one run; then a large bulk load.

    python scripts/bench_bulk.py --tables DIR [--compare 300] [--size 100000] [--chunk 500]

DIR is a ``python -m analysis batch ... --format parquet --out DIR`` folder (e.g. the 261 Wikinews
records: ``python -m analysis batch ../shared/data/wikinews/articles.jsonl --out DIR --workers 2
--format parquet``). Its analyses are stored again and again as distinct articles (a new id and an
invisible marker at the end of the text, so offsets stay valid), as ``bench_dashboard.py`` does.

1. ``--compare N`` articles into two fresh stores: one ``store_analysis`` per article (the Upload
   page's path), and ``store_analyses`` a chunk per transaction; prints ms per article and the ratio.
2. ``--size M`` articles in bulk into a fresh store: articles per second and the process's peak RSS.
"""
from __future__ import annotations

import argparse
import copy
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def copies(base, start: int, n: int):
    for k in range(start, start + n):
        r = copy.copy(base[k % len(base)])
        art = copy.copy(r.article)
        art.text = art.text + "\u200b" * (k // len(base) + 1)
        art.id = f"{art.id[:10]}-{k}"
        r.article = art
        yield r


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tables", type=Path, required=True)
    ap.add_argument("--compare", type=int, default=300)
    ap.add_argument("--size", type=int, default=10000)
    ap.add_argument("--chunk", type=int, default=500)
    args = ap.parse_args()
    from analysis.batch.tables import read_parquet_analyses
    from corpus import store_analyses, store_analysis
    from store import Store

    base = [a for ch in read_parquet_analyses(args.tables, chunk=1000) for a in ch]
    print(f"{len(base)} source analyses from {args.tables}")
    with tempfile.TemporaryDirectory() as tmp:
        one = Store(Path(tmp) / "one.sqlite3")
        items = list(copies(base, 0, args.compare))
        t0 = time.perf_counter()
        for r in items:
            store_analysis(one, r)
        t_one = (time.perf_counter() - t0) / len(items)
        bulk = Store(Path(tmp) / "bulk.sqlite3")
        t0 = time.perf_counter()
        for i in range(0, len(items), args.chunk):
            store_analyses(bulk, items[i:i + args.chunk])
        t_bulk = (time.perf_counter() - t0) / len(items)
        print(f"{len(items)} articles: one by one {t_one * 1000:.2f} ms each, bulk {t_bulk * 1000:.2f} ms each: "
              f"bulk is {t_one / t_bulk:.1f}× faster per article (bar 20)")
        big = Store(Path(tmp) / "big.sqlite3")
        t0 = time.perf_counter()
        done = 0
        while done < args.size:
            n = min(args.chunk, args.size - done)
            store_analyses(big, list(copies(base, done, n)))
            done += n
            if done % (args.chunk * 20) == 0:
                print(f"  {done:,} articles, {done / (time.perf_counter() - t0):.0f} articles/s", flush=True)
        secs = time.perf_counter() - t0
        size = (Path(tmp) / "big.sqlite3").stat().st_size / 1e9
        print(f"bulk load of {args.size:,} articles: {secs:.0f} s, {args.size / secs:.0f} articles/s, "
              f"store {size:.1f} GB")
    print(f"peak memory (max RSS of this process): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
