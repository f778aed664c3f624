#!/usr/bin/env python3
"""Batch analysis on Ray Data with 1 and 2 workers against bare ``nlp.pipe`` in one process, in one run.

    python scripts/bench_scale.py [--articles 240]

Texts: the first N Wikinews records of ../shared/data/wikinews/articles.jsonl (CC BY 2.5), as the
records input of ``python -m analysis batch``. The baseline is the bare English pipeline's
``nlp.pipe`` over the same whole texts in this process (model loaded, warmed). Each batch run
goes through ``analysis.batch.cluster.run_on_ray`` on a local Ray cluster of 2 CPUs started once
beforehand; its time runs from the first item submitted to the last outcome back, so it includes
the actors loading spaCy and the sentiment model (about 5 s each, in parallel). Prints articles
per second and the ratios the issue sets bars on: 2 workers / 1 worker (>= 1.7 on 2 cores) and
2 workers / bare nlp.pipe (>= 0.55).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=240)
    args = ap.parse_args()
    wiki = ROOT.parent / "shared/data/wikinews/articles.jsonl"
    if not wiki.exists():
        print(f"bench_scale: {wiki} is missing", file=sys.stderr)
        return 2
    from analysis.batch.cluster import run_on_ray, start_ray
    from analysis.batch.inputs import BatchItem
    from analysis.nlp import load_base_model

    recs = [json.loads(x) for x in wiki.read_text(encoding="utf-8").splitlines()][:args.articles]
    texts = [f"{r['title']}\n\n{r['text']}" for r in recs]
    items = [BatchItem(id=str(i), name=f"record {i}", text=r["text"], title=r["title"], published=r.get("published"),
                       source="wikinews") for i, r in enumerate(recs)]
    words = sum(len(t.split()) for t in texts)
    print(f"{len(texts)} articles, {words:,} words")

    base = load_base_model()
    list(base.pipe(texts[:2]))
    t0 = time.perf_counter()
    for _ in base.pipe(texts, batch_size=64):
        pass
    t_base = time.perf_counter() - t0
    del base

    start_ray(2, None)
    times = {}
    for workers in (1, 2):
        t0 = time.perf_counter()
        outcomes = list(run_on_ray(items, workers=workers))
        times[workers] = time.perf_counter() - t0
        bad = sum(1 for o in outcomes if o.error)
        print(f"batch, {workers} worker(s): {times[workers]:.1f} s, {len(items) / times[workers]:.2f} articles/s"
              + (f" ({bad} errors)" if bad else ""))
    print(f"bare nlp.pipe, one process: {t_base:.1f} s, {len(texts) / t_base:.2f} articles/s")
    print(f"2 workers / 1 worker: {times[1] / times[2]:.2f}× (bar 1.7)")
    print(f"2 workers / bare nlp.pipe: {t_base / times[2]:.2f} of its throughput (bar 0.55)")
    print(f"1 worker / bare nlp.pipe: {t_base / times[1]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
