"""The running app in a real browser: Debian chromium driven by Playwright.

A Streamlit server is started on a free local port with a fresh store, once
for the module. Screenshots land in test-results/ for a person to look at.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium is not installed")]
playwright = pytest.importorskip("playwright.sync_api")
SHOTS = ROOT / "screenshots"
PAGES = ["", "reader", "actors", "speakers", "sentiment", "timeline", "network", "search", "upload"]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM,
            "args": ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                     "--no-first-run", "--disable-background-networking", "--disable-component-update",
                     "--disable-sync"]}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1400, "height": 1000}}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def running_app(data: Path):
    """A Streamlit server of the app on a free local port, with its store in ``data``; yields its URL."""
    port = _free_port()
    env = {**os.environ, "NEWSLENS_DATA_DIR": str(data)}
    log = open(data / "server.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true", "--server.port", str(port),
         "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    break
        except OSError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("the app did not start: " + (data / "server.log").read_text()[-2000:])
    SHOTS.mkdir(exist_ok=True)
    try:
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with running_app(tmp_path_factory.mktemp("browser-store")) as url:
        yield url


def wait_ready(page, timeout: int = 120_000) -> None:
    """Wait until Streamlit has finished running the script."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=timeout)
    page.wait_for_timeout(800)


def no_exception(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0, page.locator(
        '[data-testid="stException"]').first.inner_text()


def test_reader_shows_the_sample_title_and_highlights(server, page):
    page.goto(server + "/reader")
    wait_ready(page)
    no_exception(page)
    title = page.locator(".nl-article h2").first
    title.wait_for(timeout=60_000)
    assert "Faking Commitment" in title.inner_text()
    assert page.locator(".nl-entity").count() > 10
    assert page.locator(".nl-quote").count() > 3
    page.screenshot(path=str(SHOTS / "reader.png"), full_page=True)


@pytest.mark.parametrize("name", PAGES)
def test_every_page_renders_without_an_exception(server, page, name):
    page.goto(f"{server}/{name}")
    wait_ready(page)
    no_exception(page)
    page.screenshot(path=str(SHOTS / f"page-{name or 'corpus'}.png"), full_page=True)


def test_clicking_a_bar_filters_the_other_views_and_the_text(server, page):
    page.goto(server + "/actors")
    wait_ready(page)
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    chart.wait_for(timeout=60_000)
    bars = chart.locator("g.point path")
    assert bars.count() > 1
    box = bars.nth(0).bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_timeout(1500)
    wait_ready(page)
    no_exception(page)
    assert "actor=" in page.url  # the selection is in the URL
    page.screenshot(path=str(SHOTS / "actors-selected.png"), full_page=True)
    # the Reader follows: the selected actor is outlined, the rest dimmed
    page.get_by_role("link", name="Reader").first.click()
    wait_ready(page)
    assert page.locator(".nl-entity.nl-selected").count() >= 1
    assert "/reader" in page.url and "actor=" in page.url  # the sidebar link carries the selection
    page.screenshot(path=str(SHOTS / "reader-selected.png"), full_page=True)


def test_upload_makes_the_article_appear_in_the_corpus(server, page, tmp_path):
    f = tmp_path / "lighthouse.txt"
    f.write_text("Lighthouse keeper retires after forty years\n\nThe keeper said on Friday he would miss the sea.\n",
                 encoding="utf-8")
    page.goto(server + "/upload")
    wait_ready(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(f))
    page.get_by_role("button", name="Analyse and store").wait_for(timeout=60_000)
    page.get_by_role("button", name="Analyse and store").click()
    page.get_by_text("1 stored").first.wait_for(timeout=120_000)
    page.goto(server + "/")
    wait_ready(page)
    # the grid draws on a canvas; its cells are mirrored in an accessible table
    page.locator("td", has_text="Lighthouse keeper retires after forty years").first.wait_for(
        state="attached", timeout=60_000)


def test_hostile_html_shows_as_text_and_runs_no_script(server, page, tmp_path):
    f = tmp_path / "hostile.html"
    f.write_text("<html><head><title>Hostile</title><script>window.pwned=1</script></head><body>"
                 "<h1>Hostile Page Title</h1><p>Mayor Jane Doe said &lt;script&gt;window.pwned=2&lt;/script&gt; "
                 "and &lt;img src=x onerror=\"window.pwned=3\"&gt; on Monday.</p></body></html>", encoding="utf-8")
    page.goto(server + "/upload")
    wait_ready(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(f))
    page.get_by_role("button", name="Analyse and store").click()
    page.get_by_text("1 stored").first.wait_for(timeout=120_000)
    page.goto(server + "/reader")
    wait_ready(page)
    page.locator('[data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name="Hostile Page Title").click()
    wait_ready(page)
    page.get_by_text("<script>window.pwned=2</script>", exact=False).first.wait_for(timeout=30_000)
    assert page.evaluate("() => window.pwned === undefined")
    page.screenshot(path=str(SHOTS / "reader-hostile.png"), full_page=True)


def test_a_shared_url_restores_its_filters(server, page):
    page.goto(server + "/speakers?nation=RU")
    wait_ready(page)
    no_exception(page)
    page.get_by_text("Nation: Russia", exact=False).first.wait_for(timeout=30_000)
    page.screenshot(path=str(SHOTS / "speakers-shared-url.png"), full_page=True)


def test_sentiment_heatmap_cell_shows_its_quotes_and_the_reader_shades(server, page):
    # The speaker x target matrix under an actor selection: each row is someone speaking about that actor.
    page.goto(server + "/sentiment?actor=PERSON:vladimir-putin")
    wait_ready(page)
    no_exception(page)
    page.get_by_role("tab", name="Speakers: tone and stance").click()
    page.wait_for_timeout(1500)
    heatmap = page.locator('[data-testid="stPlotlyChart"]:visible').first
    heatmap.wait_for(timeout=60_000)
    box = heatmap.locator(".nsewdrag").first.bounding_box()
    # distinct tick labels of the axes (not the colour bar's; plotly may draw a layer twice)
    labels = "els => els.map(e => e.textContent)"
    rows = len(set(heatmap.locator(".yaxislayer-above .ytick").evaluate_all(labels)))
    cols = len(set(heatmap.locator(".xaxislayer-above .xtick").evaluate_all(labels)))
    assert rows >= 3 and cols >= 1
    # the bottom-left cell: the last speaker's stance toward the first target (the selected actor)
    page.mouse.click(box["x"] + box["width"] / cols / 2, box["y"] + box["height"] - box["height"] / rows / 2)
    page.wait_for_timeout(1500)
    wait_ready(page)
    no_exception(page)
    assert "speaker=" in page.url
    assert page.get_by_text("said about Vladimir Putin").count() == 1
    page.screenshot(path=str(SHOTS / "sentiment-cell.png"), full_page=True)
    page.get_by_role("button", name="Open the first quote in the Reader").click()
    wait_ready(page)
    no_exception(page)
    # the address bar follows the page switch and keeps the selection, so a reload or a shared link restores it
    assert "/reader" in page.url and "actor=" in page.url and "speaker=" in page.url
    page.reload()
    wait_ready(page)
    page.locator(".nl-entity.nl-selected").first.wait_for(timeout=60_000)  # a new session, restored from the URL
    # the Reader shades each sentence by its tone toward the selected actor
    page.goto(server + "/reader?actor=PERSON:vladimir-putin")
    wait_ready(page)
    page.get_by_text("Tone toward selected actor").click()
    wait_ready(page)
    assert page.locator(".nl-sentiment").count() >= 3
    page.screenshot(path=str(SHOTS / "reader-shaded.png"))


SELECTIONS = {
    # kind: (query string, the filter chip the selection shows on every page)
    "actor": ("actor=PERSON:vladimir-putin", "Actor: Vladimir Putin"),
    "speaker": ("speaker=PERSON:dmitry-peskov", "Speaker: Dmitry Peskov"),
    "nation": ("nation=RU", "Nation: Russia"),
    "dates": ("from=2025-11-01&to=2025-12-31", "2025-11-01"),
}


@pytest.mark.parametrize("kind", list(SELECTIONS))
def test_every_page_shows_the_selection(server, page, kind):
    """Each kind of selection, opened by URL: every page runs, says what is selected, and shows data under it."""
    query, chip = SELECTIONS[kind]
    for name in PAGES[:-1]:  # not Upload: it has no filters
        page.goto(f"{server}/{name}?{query}")
        wait_ready(page)
        no_exception(page)
        page.get_by_text(chip, exact=False).first.wait_for(timeout=30_000)
        assert query.split("&")[0] in page.url  # the URL keeps the selection
        if name == "reader":
            if kind == "actor":  # the Reader opens an article holding the actor, its mentions outlined
                page.locator(".nl-entity.nl-selected").first.wait_for(timeout=30_000)
            if kind == "speaker":  # and the speaker's quotes stand out
                page.locator(".nl-quote.nl-selected").first.wait_for(timeout=30_000)
            if kind in ("actor", "speaker"):  # stepping through the selection's places
                page.get_by_role("button", name="Next mention ▶").first.wait_for(timeout=10_000)
        page.screenshot(path=str(SHOTS / f"selection-{kind}-{name or 'corpus'}.png"))


def test_the_merge_tab_starts_empty_and_asks_for_confirmation(server, page):
    page.goto(server + "/actors")
    wait_ready(page)
    no_exception(page)
    for hint in ("Pick the actor to merge away", "Pick the actor to keep"):  # nothing is picked
        page.get_by_placeholder(hint).or_(page.get_by_text(hint)).first.wait_for(timeout=30_000)
    assert page.get_by_role("button", name="Merge", exact=True).is_disabled()
