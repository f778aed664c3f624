#!/usr/bin/env python3
"""Server time of dashboard pages at 1,000 and 10,000 articles, and the ratio between them.

    python scripts/bench_dashboard.py [--sizes 1000 10000] [--source N]

The corpora come from real text: the Wikinews articles in
../shared/data/wikinews/articles.jsonl (CC BY 2.5) are analysed once, then
their records are stored again and again with shifted dates and new ids (the
text gets an invisible copy marker at its end, so offsets stay valid). Nothing
is committed: the stores live in a temporary folder. For each size it prints
the server time of each page run (Streamlit AppTest, a cold cache, a nation
filter applied), the ratio 10k/1k, and the process's peak memory.
"""
from __future__ import annotations

import argparse
import copy
import datetime as _dt
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PAGES = ["app.py", "pages/reader.py", "pages/actors.py", "pages/speakers.py", "pages/sentiment.py",
         "pages/timeline.py", "pages/network.py", "pages/search.py"]


def source_analyses(n: int):
    from analysis.reading import parse_text
    from analysis.pipeline import analyze_articles

    wiki = ROOT.parent / "shared/data/wikinews/articles.jsonl"
    recs = [json.loads(x) for x in wiki.read_text(encoding="utf-8").splitlines()][:n]
    arts = [parse_text(f"{r['title']}\n\n{r['text']}", published=r.get("published"), source="wikinews")
            for r in recs]
    return list(analyze_articles(arts))


def shifted(result, k: int):
    """A copy of an analysis as a distinct article: new id, date shifted by k weeks, marked text."""
    r = copy.copy(result)
    art = copy.copy(result.article)
    art.text = result.article.text + "\u200b" * (k + 1)  # zero-width marks: a new hash, same visible text
    art.id = f"{result.article.id[:10]}-{k}"
    if art.published:
        d = _dt.date.fromisoformat(art.published) + _dt.timedelta(weeks=k % 520)
        art.published = d.isoformat()
    r.article = art
    return r


def build(store_dir: Path, analyses, size: int) -> float:
    from corpus import store_analysis
    from store import Store

    store = Store(store_dir / "newslens.sqlite3")
    t0 = time.perf_counter()
    k = 0
    while store.article_count() < size:
        for a in analyses:
            if store.article_count() >= size:
                break
            store_analysis(store, shifted(a, k))
        k += 1
    store.close()
    return time.perf_counter() - t0


def time_pages(store_dir: Path, nation: str) -> dict[str, float]:
    from streamlit.testing.v1 import AppTest

    os.environ["NEWSLENS_DATA_DIR"] = str(store_dir)
    out = {}
    for page in PAGES:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
        at.session_state["sel_nations"] = [nation]
        at.run()  # opens the store (cached resource), warms imports
        from components.cache import invalidate

        invalidate()  # measure a cold DataFrame cache
        if page != "app.py":
            at.switch_page(page)
        t0 = time.perf_counter()
        at.run()
        out[page] = time.perf_counter() - t0
        if at.exception:
            out[page] = float("nan")
            print(f"  {page}: exception {at.exception[0].message[:200]}")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    ap.add_argument("--source", type=int, default=261, help="how many Wikinews articles to analyse")
    ap.add_argument("--nation", default="US")
    args = ap.parse_args()
    os.chdir(ROOT)
    t0 = time.perf_counter()
    analyses = source_analyses(args.source)
    print(f"analysed {len(analyses)} source articles in {time.perf_counter() - t0:.1f} s")
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            d = Path(tmp) / f"s{size}"
            d.mkdir()
            secs = build(d, analyses, size)
            print(f"built {size:,} articles in {secs:.1f} s ({(d / 'newslens.sqlite3').stat().st_size / 1e6:.0f} MB)")
            results[size] = time_pages(d, args.nation)
    sizes = args.sizes
    print(f"\nserver time of a page run, nation filter {args.nation!r}, cold cache (seconds)")
    print("page".ljust(22) + "".join(f"{s:>10,}" for s in sizes) + ("     ratio" if len(sizes) > 1 else ""))
    for page in PAGES:
        row = page.ljust(22) + "".join(f"{results[s][page]:10.2f}" for s in sizes)
        if len(sizes) > 1:
            row += f"{results[sizes[-1]][page] / max(results[sizes[0]][page], 1e-9):10.2f}"
        print(row)
    tot = {s: sum(results[s].values()) for s in sizes}
    print("all pages".ljust(22) + "".join(f"{tot[s]:10.2f}" for s in sizes)
          + (f"{tot[sizes[-1]] / tot[sizes[0]]:10.2f}" if len(sizes) > 1 else ""))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS of this process): {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
