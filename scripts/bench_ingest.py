#!/usr/bin/env python3
"""Throughput of a full ingest (parse, analyse, store) against bare ``nlp.pipe``, in one run.

    python scripts/bench_ingest.py [--articles N] [--repeat R]

Texts: the shipped demo article plus, when present, the Wikinews articles in
../shared/data/wikinews/articles.jsonl (CC BY 2.5). Both sides see the same
texts; the baseline is the bare English pipeline's ``nlp.pipe`` over whole
article texts. Prints the throughputs and their ratio (ingest / baseline):
1.0 means ingest costs no more than spaCy alone.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def load_texts(n: int) -> list[tuple[str, str | None]]:
    texts = [((ROOT / "data/articles/000_d54cff22283c4915.txt").read_text(encoding="utf-8"), "2025-12-03")]
    wiki = ROOT.parent / "shared/data/wikinews/articles.jsonl"
    if wiki.exists():
        for line in wiki.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            texts.append((f"{rec['title']}\n\n{rec['text']}", rec.get("published")))
    return texts[:n]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=60)
    ap.add_argument("--no-sentiment", action="store_true", help="leave the sentiment model out of the ingest")
    ap.add_argument("--repeat", type=int, default=2, help="alternate runs of each side; the fastest counts")
    args = ap.parse_args()

    from analysis.reading import parse_text
    from analysis.nlp import get_nlp, load_base_model
    from analysis.pipeline import analyze_articles
    from corpus import store_analysis
    from store import Store

    texts = load_texts(args.articles)
    words = sum(len(t.split()) for t, _ in texts)
    base = load_base_model()
    nlp = get_nlp()
    # warm both (model loading and first-call costs are not throughput)
    list(base.pipe([texts[0][0]]))
    warm = [parse_text(texts[0][0], published=texts[0][1])]
    list(analyze_articles(warm, nlp, sentiment=not args.no_sentiment))

    def baseline() -> float:
        t0 = time.perf_counter()
        for _ in base.pipe([t for t, _ in texts], batch_size=64):
            pass
        return time.perf_counter() - t0

    def ingest() -> float:
        with tempfile.TemporaryDirectory() as tmp:
            store = Store(Path(tmp) / "bench.sqlite3")
            t0 = time.perf_counter()
            articles = [parse_text(t, published=p, source=f"bench-{i}") for i, (t, p) in enumerate(texts)]
            for result in analyze_articles(articles, nlp, sentiment=not args.no_sentiment):
                store_analysis(store, result)
            secs = time.perf_counter() - t0
            store.close()
        return secs

    # alternate the two sides so that a burst of load elsewhere does not favour one of them
    t_base, t_ingest = float("inf"), float("inf")
    tracemalloc.start()
    for _ in range(max(1, args.repeat)):
        t_base = min(t_base, baseline())
        t_ingest = min(t_ingest, ingest())
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    print(f"articles: {len(texts)}  words: {words:,}")
    print(f"baseline nlp.pipe:  {t_base:7.2f} s  {words / t_base:9.0f} words/s")
    print(f"full ingest:        {t_ingest:7.2f} s  {words / t_ingest:9.0f} words/s"
          f"{'  (no sentiment)' if args.no_sentiment else ''}")
    print(f"ratio ingest/baseline throughput: {t_base / t_ingest:.2f}  (aim >= 0.8)")
    print(f"time ratio ingest/baseline:       {t_ingest / t_base:.2f}  (whole analysis aim <= 4)")
    print(f"peak Python memory during ingest: {peak / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
