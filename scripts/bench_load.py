#!/usr/bin/env python3
"""Readers and writers at once: N dashboard sessions reading pages while two ingests write the same store.

    python scripts/bench_load.py [--sessions 6] [--seconds 60] [--articles 150] [--base 200]

A fresh store gets ``--base`` articles (copies of the demo's saved analysis, each a distinct article).
Then, started together: ``--sessions`` reader processes, each a Streamlit AppTest session that runs
the app's pages in turn (Corpus, Reader, Actors, Speakers, Sentiment, Timeline, Connections, Search)
for ``--seconds``, and two ``python -m corpus ingest --parquet`` processes, each writing
``--articles`` new articles in chunks of 25. A baseline in the same run: the same pages, one
session, with nobody writing. It prints the sessions that held to the end (no exception, no
error on a page), page time p50 / p95 under load against the baseline's, and the articles expected
against those stored (none may be lost), and exits 1 if a session failed or an article was lost.
No page's analysis is re-run: the readers never load spaCy.
"""
from __future__ import annotations

import argparse
import copy
import json
import multiprocessing as mp
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEMO = ROOT / "data" / "articles" / "000_d54cff22283c4915.analysis.json"
PAGES = ["app.py", "pages/reader.py", "pages/actors.py", "pages/speakers.py", "pages/sentiment.py",
         "pages/timeline.py", "pages/network.py", "pages/search.py"]


def copies(start: int, n: int, tag: str):
    from analysis.records import analysis_from_dict

    base = analysis_from_dict(json.loads(DEMO.read_text(encoding="utf-8")))
    for k in range(start, start + n):
        r = copy.deepcopy(base)
        r.article.text += "\u200b" * (k + 1)
        r.article.id = f"{tag}-{k}"
        yield r


def reader(data: str, seconds: float, start_at: float, out: "mp.Queue") -> None:
    """One dashboard session: the pages in turn until the time is up; page times and failures."""
    import logging

    logging.disable(logging.WARNING)  # AppTest outside a server warns about a missing ScriptRunContext
    os.environ["NEWSLENS_DATA_DIR"] = data
    os.chdir(ROOT)
    from streamlit.testing.v1 import AppTest

    times: list[float] = []
    failures: list[str] = []
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    while time.time() < start_at:
        time.sleep(0.01)
    end = time.time() + seconds
    i = 0
    while time.time() < end:
        page = PAGES[i % len(PAGES)]
        i += 1
        try:
            if page != "app.py":
                at.switch_page(page)
            t0 = time.perf_counter()
            at.run()
            times.append(time.perf_counter() - t0)
            if at.exception:
                failures.append(f"{page}: {at.exception[0].message[:200]}")
            errors = [e.value for e in at.error]
            if errors:
                failures.append(f"{page}: {str(errors[0])[:200]}")
        except Exception as exc:  # a session that dies is the finding: reported, not hidden
            failures.append(f"{page}: {type(exc).__name__}: {exc}")
            break
    out.put({"times": times, "failures": failures})


def run_readers(data: str, n: int, seconds: float, start_at: float) -> list[dict]:
    q: "mp.Queue" = mp.Queue()
    procs = [mp.Process(target=reader, args=(data, seconds, start_at, q)) for _ in range(n)]
    for p in procs:
        p.start()
    results = [q.get(timeout=seconds + 600) for _ in procs]
    for p in procs:
        p.join()
    return results


def pct(xs: list[float], q: float) -> float:
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sessions", type=int, default=6)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--articles", type=int, default=150, help="articles each of the two ingests writes")
    ap.add_argument("--base", type=int, default=200, help="articles in the store before the run")
    args = ap.parse_args()

    from analysis.batch.output import write_parquet
    from corpus import store_analyses
    from store import Store

    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        store = Store(data / "newslens.sqlite3")
        store_analyses(store, list(copies(0, args.base, "base")))
        before = store.article_count()
        store.close()
        tables = []
        for w in range(2):
            d = Path(tmp) / f"tables{w}"
            write_parquet(d, [(r.article.id, r) for r in copies(100_000 * (w + 1), args.articles, f"w{w}")], [])
            tables.append(d)

        base_runs = run_readers(str(data), 1, min(args.seconds, 30.0), time.time() + 5)
        baseline = base_runs[0]["times"]

        env = {**os.environ, "NEWSLENS_DATA_DIR": str(data)}
        start_at = time.time() + 8  # the readers' first run (imports, the store) is done by then
        q: "mp.Queue" = mp.Queue()
        procs = [mp.Process(target=reader, args=(str(data), args.seconds, start_at, q)) for _ in range(args.sessions)]
        for p in procs:
            p.start()
        while time.time() < start_at:
            time.sleep(0.01)
        t0 = time.perf_counter()
        writers = [subprocess.Popen([sys.executable, "-m", "corpus", "ingest", "--parquet", str(d), "--chunk", "25"],
                                    cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                   for d in tables]
        outs = [w.communicate(timeout=args.seconds + 900) for w in writers]
        write_secs = time.perf_counter() - t0
        results = [q.get(timeout=args.seconds + 900) for _ in procs]
        for p in procs:
            p.join()

        store = Store(data / "newslens.sqlite3")
        after = store.article_count()
        integrity = store._db.conn().execute("PRAGMA integrity_check").fetchone()[0]
        store.close()

    expected = before + 2 * args.articles
    held = sum(1 for r in results if not r["failures"])
    loaded = [t for r in results for t in r["times"]]
    print(f"store: {before} articles before; two ingests of {args.articles} each, {write_secs:.1f} s, exit codes "
          f"{[w.returncode for w in writers]}")
    for w, (so, se) in zip(writers, outs):
        if w.returncode:
            print(f"  ingest failed: {se.strip()[-300:]}", file=sys.stderr)
    print(f"sessions held: {held} of {args.sessions} ({len(loaded):,} page runs under load)")
    for r in results:
        for f in r["failures"][:3]:
            print(f"  failure: {f}", file=sys.stderr)
    print(f"page time, one session alone (baseline): p50 {pct(baseline, .5):.3f} s, p95 {pct(baseline, .95):.3f} s "
          f"({len(baseline)} runs)")
    print(f"page time under load ({args.sessions} sessions, 2 writers, 2 cores): p50 {pct(loaded, .5):.3f} s "
          f"({pct(loaded, .5) / pct(baseline, .5):.1f}x the baseline), p95 {pct(loaded, .95):.3f} s "
          f"({pct(loaded, .95) / pct(baseline, .95):.1f}x)")
    if loaded:
        print(f"mean page time under load: {statistics.mean(loaded):.3f} s")
    print(f"articles: expected {expected}, stored {after}, lost {expected - after}; integrity_check: {integrity}")
    ok = held == args.sessions and after == expected and integrity == "ok" and all(w.returncode == 0 for w in writers)
    return 0 if ok else 1


if __name__ == "__main__":
    mp.set_start_method("spawn")
    sys.exit(main())
