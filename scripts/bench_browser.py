#!/usr/bin/env python3
"""Browser-timed page changes: from a click to the page at rest, in Debian chromium.

    python scripts/bench_browser.py --data DIR [--runs 3]

DIR is a store folder (``scripts/bench_dashboard.py --keep DIR`` builds one of
1,000 articles under DIR/s1000). The app is started on it on a free local
port, and so is a bare Streamlit page (a title, a table and a button) as the
baseline, in the same run. Timed, as a user meets them:

- **first open** of the Corpus page in a new browser tab, then of a new,
  empty store (the demo, shipped analysed, is stored on first open);
- **each page change**: a click on a sidebar link until the page's title is
  drawn, its charts are drawn and Streamlit is idle;
- **a chart click**: the first bar on Actors, until the selection is applied.

Each figure is the median of ``--runs`` runs, printed with its ratio to the
bare page's own load or click (the same browser, the same machine, the same run).
"""
from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
NAV = [("Reader", "Reader"), ("Actors", "Actors"), ("Speakers", "Speakers"), ("Sentiment", "Sentiment"),
       ("Timeline", "Timeline"), ("Connections", "Connections"), ("Search", "Search"), ("Corpus", "Corpus")]
BARE_APP = '''import pandas as pd, streamlit as st
st.title("Bare")
st.dataframe(pd.DataFrame({"a": range(50)}))
st.button("Again")
'''
# the page is at rest: its title is drawn, no element is stale, Streamlit's status widget is gone,
# and every plotly chart on it has drawn its SVG
AT_REST = """title => {
  const h = document.querySelector('h1');
  if (!h || !h.textContent.includes(title)) return false;
  if (document.querySelector('[data-testid="stStatusWidget"]')) return false;
  if (document.querySelector('[data-stale="true"]')) return false;
  const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
  return charts.every(c => c.querySelector('.main-svg'));
}"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(script: str, data: Path, log: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = {**os.environ, "NEWSLENS_DATA_DIR": str(data)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.headless", "true", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false", "--server.fileWatcherType",
         "none"], cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit(f"bench_browser: {script} did not start; see {log}")


def at_rest(page, title: str, timeout: float = 120_000) -> None:
    page.wait_for_function(AT_REST, arg=title, timeout=timeout, polling=50)
    # at rest twice, 150 ms apart: a rerun that starts late is not missed
    page.wait_for_timeout(150)
    page.wait_for_function(AT_REST, arg=title, timeout=timeout, polling=50)


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t - 0.15  # the settle pause is not the app's time


def open_page(browser, url: str, title: str) -> float:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        return timed(lambda: (page.goto(url), at_rest(page, title)))
    finally:
        page.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True, help="a store folder (DIR/s1000 from bench_dashboard --keep)")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args(argv)
    if not (args.data / "newslens.sqlite3").exists():
        print(f"bench_browser: no store at {args.data}/newslens.sqlite3", file=sys.stderr)
        return 2
    if not Path(CHROMIUM).exists():
        print(f"bench_browser: {CHROMIUM} is missing (apt-get install chromium)", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    tmp = Path(tempfile.mkdtemp(prefix="nl-bench-browser-"))
    (tmp / "bare.py").write_text(BARE_APP, encoding="utf-8")
    procs = []
    rows: dict[str, list[float]] = {}
    try:
        app, app_url = serve("app.py", args.data, tmp / "app.log")
        bare, bare_url = serve(str(tmp / "bare.py"), tmp, tmp / "bare.log")
        procs += [app, bare]
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu",
                                                                         "--disable-dev-shm-usage"])
            open_page(browser, app_url, "Corpus")  # the server's first run: imports, store, caches
            for run in range(args.runs):
                rows.setdefault("bare page: open", []).append(open_page(browser, bare_url, "Bare"))
                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.goto(bare_url)
                at_rest(page, "Bare")
                rows.setdefault("bare page: button click", []).append(
                    timed(lambda: (page.get_by_role("button", name="Again").click(), page.wait_for_timeout(50),
                                   at_rest(page, "Bare"))))
                page.close()

                rows.setdefault("first open: Corpus", []).append(open_page(browser, app_url, "Corpus"))
                fresh = tmp / f"fresh{run}"
                fresh.mkdir()
                proc, fresh_url = serve("app.py", fresh, tmp / f"fresh{run}.log")
                procs.append(proc)
                rows.setdefault("first open: new store (demo)", []).append(open_page(browser, fresh_url, "Corpus"))
                proc.terminate()

                page = browser.new_page(viewport={"width": 1400, "height": 1000})
                page.goto(app_url)
                at_rest(page, "Corpus")
                for link, title in NAV:
                    sidebar = page.locator('[data-testid="stSidebarNav"], [data-testid="stSidebar"]').first
                    rows.setdefault(f"click to {title}", []).append(timed(lambda: (
                        sidebar.get_by_role("link", name=link).first.click(), at_rest(page, title))))
                sidebar.get_by_role("link", name="Actors").first.click()
                at_rest(page, "Actors")
                bar = page.locator('[data-testid="stPlotlyChart"]').first.locator("g.point path").first
                box = bar.bounding_box()

                def click_bar():
                    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
                    page.wait_for_url("**actor=**", timeout=60_000)
                    at_rest(page, "Actors")

                rows.setdefault("click an Actors bar", []).append(timed(click_bar))
                page.close()
            browser.close()
    finally:
        for p in procs:
            p.terminate()
    base_open = statistics.median(rows["bare page: open"])
    base_click = statistics.median(rows["bare page: button click"])
    print(f"\nbrowser time from click to rest, median of {args.runs}, store {args.data}")
    print(f"{'step':34s} {'seconds':>8s} {'× bare':>8s}")
    for name, vals in rows.items():
        med = statistics.median(vals)
        base = base_open if ("open" in name) else base_click
        print(f"{name:34s} {med:8.2f} {med / base:8.1f}")
    print(f"baselines: a bare Streamlit page opens in {base_open:.2f} s and reruns on a click in {base_click:.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
