#!/usr/bin/env python3
"""Server time of every dashboard page, cold and warm, with no selection and with one of each kind.

    python scripts/bench_dashboard.py [--sizes 1000 10000] [--source N] [--tables DIR] [--keep DIR [--reuse]]

The corpora come from real text: the Wikinews articles in
../shared/data/wikinews/articles.jsonl (CC BY 2.5) are analysed once (or read from
a ``batch --format parquet`` folder with ``--tables``), then their records are
stored again and again, in bulk, with shifted dates and new ids (the text gets an
invisible copy marker at its end, so offsets stay valid). Each pass over the
sources after the first makes its people and organisations new actors, so a
corpus of N articles holds about N × 10 distinct actors, as a real one would
(``--same-actors`` keeps the old corpus, whose few thousand actors hid the growth). The
stores live in a temporary folder unless ``--keep`` names one (then the app
can be opened on them: ``NEWSLENS_DATA_DIR=DIR/s1000 streamlit run app.py``).
For each size it prints each page's server time (Streamlit AppTest) for no
selection and for an actor, a speaker, a nation and a date range, cold (the
DataFrame caches just cleared) and warm (the same run again), then the slowest
page and the process's peak memory.
"""
from __future__ import annotations

import argparse
import copy
import dataclasses
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


PLACE_TYPES = ("GPE", "LOC", "FAC", "NORP")


def _tag(replica: int) -> str:
    """A replica's mark, glued to the name's last word ("Donald Trumpbc"): a word of its own ("Donald
    Trump 3") would be one surname key shared by every actor of the replica, and linking would
    compare each new actor with all of them."""
    out = ""
    while True:
        replica, r = divmod(replica, 26)
        out = "abcdefghijklmnopqrstuvwxyz"[r] + out
        if replica == 0:
            return out


def shifted(result, k: int, replica: int = 0):
    """A copy of an analysis as a distinct article: new id, date shifted by k weeks, marked text.

    With ``replica`` > 0 its people and organisations are new actors too (ids and names marked
    with the replica), so the corpus holds as many distinct actors as a real one of its size
    would, not the same few thousand again and again; places stay the world's places."""
    r = copy.copy(result)
    art = copy.copy(result.article)
    art.text = result.article.text + "\u200b" * (k + 1)  # zero-width marks: a new hash, same visible text
    art.id = f"{result.article.id[:10]}-{k}"
    if art.published:
        d = _dt.date.fromisoformat(art.published) + _dt.timedelta(weeks=k % 520)
        art.published = d.isoformat()
    r.article = art
    if replica:
        new = {a.id: f"{a.id}-r{replica}" for a in result.actors if a.type not in PLACE_TYPES}

        def m(aid):
            return new.get(aid, aid) if aid else aid

        r.actors = [dataclasses.replace(a, id=m(a.id), name=f"{a.name}{_tag(replica)}" if a.id in new else a.name)
                    for a in result.actors]
        r.mentions = [dataclasses.replace(x, actor_id=m(x.actor_id)) for x in result.mentions]
        r.sentiments = [dataclasses.replace(x, actor_id=m(x.actor_id)) for x in result.sentiments]
        r.quotes = [dataclasses.replace(q, speaker_id=m(q.speaker_id),
                                        targets=[dataclasses.replace(t, actor_id=m(t.actor_id)) for t in q.targets])
                    for q in result.quotes]
        r.events = [dataclasses.replace(e, speaker_id=m(e.speaker_id), actor_ids=[m(x) for x in e.actor_ids])
                    for e in result.events]
    return r


def build(store_dir: Path, analyses, size: int, *, distinct: bool = True, chunk: int = 500) -> float:
    """``size`` articles into a new store through the bulk path (``corpus.store_analyses``)."""
    from corpus import store_analyses
    from store import Store

    store = Store(store_dir / "newslens.sqlite3")
    t0 = time.perf_counter()
    pending = []
    for k in range(size):
        a = analyses[k % len(analyses)]
        replica = k // len(analyses) if distinct else 0
        pending.append(shifted(a, k, replica))
        if len(pending) >= chunk:
            store_analyses(store, pending)
            pending = []
    if pending:
        store_analyses(store, pending)
    store.close()
    return time.perf_counter() - t0


def selections(store_dir: Path, nation: str) -> dict[str, dict]:
    """The selections to time: none, then one of each kind, taken from the store (its busiest values)."""
    from store import Store

    store = Store(store_dir / "newslens.sqlite3")
    try:
        actor = store.actor_options_df().iloc[0]["id"]
        speaker = store.speaker_options_df().iloc[0]["id"]
        arts = store.articles_df()
    finally:
        store.close()
    dated = sorted(d for d in arts["published"].dropna())
    mid = dated[len(dated) // 2] if dated else None
    out: dict[str, dict] = {"none": {}, "actor": {"sel_actors": [actor]}, "speaker": {"sel_speakers": [speaker]},
                            "nation": {"sel_nations": [nation]}}
    if mid:
        d = _dt.date.fromisoformat(mid)
        out["dates"] = {"sel_date_from": d - _dt.timedelta(days=180), "sel_date_to": d + _dt.timedelta(days=180)}
    return out


BARE_PAGE = """import pandas as pd, plotly.graph_objects as go, streamlit as st
st.title("Bare")
st.dataframe(pd.DataFrame({"a": range(50), "b": ["x"] * 50}))
st.plotly_chart(go.Figure(go.Bar(x=list(range(30)), y=list(range(30)))))
"""


def time_bare() -> float:
    """The baseline: a bare page (a title, a 50-row table, a 30-bar plotly chart) run by AppTest, warm."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_string(BARE_PAGE, default_timeout=60)
    at.run()
    t0 = time.perf_counter()
    for _ in range(5):
        at.run()
    return (time.perf_counter() - t0) / 5


def time_pages(store_dir: Path, sel: dict) -> dict[str, tuple[float, float]]:
    """Per page: (cold, warm) server time of one run under the selection ``sel``.

    Cold: the DataFrame caches are cleared just before the run (the store stays open and imports are warm,
    as on a server that has been up). Warm: the same run again, as when an analyst comes back to a page.
    """
    from streamlit.testing.v1 import AppTest
    from components.cache import invalidate

    os.environ["NEWSLENS_DATA_DIR"] = str(store_dir)
    out = {}
    for page in PAGES:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
        for k, v in sel.items():
            at.session_state[k] = v
        at.run()  # opens the store (cached resource), warms imports
        if page != "app.py":
            at.switch_page(page)
        invalidate()
        t0 = time.perf_counter()
        at.run()
        cold = time.perf_counter() - t0
        t0 = time.perf_counter()
        at.run()
        warm = time.perf_counter() - t0
        if at.exception:
            cold = warm = float("nan")
            print(f"  {page}: exception {at.exception[0].message[:200]}", file=sys.stderr)
        out[page] = (cold, warm)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000])
    ap.add_argument("--source", type=int, default=261, help="how many Wikinews articles to analyse")
    ap.add_argument("--tables", type=Path, help="take the source analyses from a `batch --format parquet` folder "
                                               "instead of analysing them here")
    ap.add_argument("--nation", default="US")
    ap.add_argument("--keep", type=Path, help="build the stores under this folder and keep them (s1000/ …)")
    ap.add_argument("--reuse", action="store_true", help="with --keep: time the stores already there")
    ap.add_argument("--same-actors", action="store_true",
                    help="repeat the source articles' actors (the old corpus: few distinct actors, hides growth)")
    args = ap.parse_args()
    os.chdir(ROOT)
    base = args.keep
    tmp = None
    if base is None:
        tmp = tempfile.TemporaryDirectory()
        base = Path(tmp.name)
    analyses = None
    for size in args.sizes:
        d = base / f"s{size}"
        if args.reuse and (d / "newslens.sqlite3").exists():
            continue
        if analyses is None and args.tables:
            from analysis.batch.tables import read_parquet_analyses

            analyses = [a for ch in read_parquet_analyses(args.tables) for a in ch][:args.source]
            print(f"read {len(analyses)} source analyses from {args.tables}")
        if analyses is None:
            t0 = time.perf_counter()
            analyses = source_analyses(args.source)
            print(f"analysed {len(analyses)} source articles in {time.perf_counter() - t0:.1f} s")
        d.mkdir(parents=True, exist_ok=True)
        secs = build(d, analyses, size, distinct=not args.same_actors)
        print(f"built {size:,} articles in {secs:.1f} s ({(d / 'newslens.sqlite3').stat().st_size / 1e6:.0f} MB)")
    import logging

    logging.disable(logging.WARNING)  # AppTest outside a server warns "missing ScriptRunContext" per cached call
    bare = time_bare()
    print(f"baseline: a bare page (title, 50-row table, 30-bar chart) runs in {bare:.3f} s")
    worst: dict[int, float] = {}
    for size in args.sizes:
        d = base / f"s{size}"
        sels = selections(d, args.nation)
        results = {name: time_pages(d, sel) for name, sel in sels.items()}
        print(f"\nserver time of a page run at {size:,} articles, seconds (cold / warm)")
        print("page".ljust(22) + "".join(f"{name:>14}" for name in sels))
        for page in PAGES:
            print(page.ljust(22) + "".join(f"{results[n][page][0]:7.2f}/{results[n][page][1]:<6.2f}" for n in sels))
        worst[size] = max(c for r in results.values() for c, _ in r.values())
        wwarm = max(w for r in results.values() for _, w in r.values())
        print(f"slowest page: {worst[size]:.2f} s cold ({worst[size] / bare:.0f}× the bare page), "
              f"{wwarm:.2f} s warm ({wwarm / bare:.0f}×) "
              f"(selections: {', '.join(f'{k}={v}' for k, v in sels.items() if v)})")
    if len(args.sizes) > 1:
        print(f"slowest cold page, {args.sizes[-1]:,} / {args.sizes[0]:,}: "
              f"{worst[args.sizes[-1]] / max(worst[args.sizes[0]], 1e-9):.2f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (max RSS of this process): {peak:.0f} MB")
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
