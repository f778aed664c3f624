"""Markdown injection from article text, in Debian chromium against a beacon on 127.0.0.1 (issue 16, item 4).

An article whose title, source, zip member name and (renamed) actor carry a Markdown image, a Markdown link
and a bare URL pointing at a tiny local HTTP server is stored through the Upload page; the pages where those
strings render (Upload results, the filter chips, the Reader's caption) are opened, and the beacon must
receive no request and the DOM must hold no <img> or <a href> pointing at it.
"""
from __future__ import annotations

import csv
import http.server
import io
import os
import threading
import zipfile

import pytest

from tests.browser.test_browser import (CHROMIUM, SHOTS, browser_context_args, browser_type_launch_args,  # noqa: F401
                                        no_exception, running_app, wait_ready)

pytestmark = [pytest.mark.browser, pytest.mark.skipif(not os.path.exists(CHROMIUM), reason="no Debian chromium")]


@pytest.fixture(scope="module")
def app_store(tmp_path_factory):
    """A server of its own, and the folder of its store (the test writes an analyst's rename into it)."""
    data = tmp_path_factory.mktemp("injection-store")
    with running_app(data) as url:
        yield url, data


class _Beacon(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def do_GET(self):  # noqa: N802 (http.server's name)
        _Beacon.hits.append(self.path)
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):  # quiet
        return


@pytest.fixture(scope="module")
def beacon():
    _Beacon.hits = []
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Beacon)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv.server_address[1], _Beacon.hits
    srv.shutdown()
    srv.server_close()


def payloads(port: int, tag: str) -> str:
    base = f"http://127.0.0.1:{port}"
    return f"![]({base}/{tag}.png) [link]({base}/{tag}-l) {base}/{tag}-bare"


def beacon_elements(page, port: int) -> int:
    """<img>, <a href>, <source> or <iframe> elements that point at the beacon or at the outside site."""
    return page.evaluate(
        """port => [...document.querySelectorAll('img, a[href], source, iframe, image, video, audio')]
             .filter(e => [e.src, e.href, e.getAttribute && e.getAttribute('href'), e.getAttribute && e.getAttribute('src')]
                          .some(v => v && (String(v.baseVal || v).includes('127.0.0.1:' + port)
                                           || String(v.baseVal || v).includes('example.org')))).length""", port)


def test_markdown_in_article_text_fetches_nothing_and_links_nowhere(app_store, page, tmp_path, beacon, monkeypatch):
    server, data = app_store
    port, hits = beacon
    title = "Beacon harbour story " + payloads(port, "title")
    source = payloads(port, "source") + " [outside](https://example.org/l) https://example.org/bare www.example.org"
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["title", "text", "published", "source"])
    w.writerow([title, "Mayor Ann Lee said on Monday that the harbour would reopen in spring.", "2025-03-04",
                source])
    csv_path = tmp_path / "beacon.csv"
    csv_path.write_text(buf.getvalue(), encoding="utf-8")
    zip_path = tmp_path / "members.zip"
    with zipfile.ZipFile(zip_path, "w") as zf:  # the member's name is shown in the Upload results
        zf.writestr(f"![](http://127.0.0.1:{port}/member.png) [m](http://127.0.0.1:{port}/ml).txt",
                    "Ferry fares rise\n\nCouncillor Bo Chen said on Friday that ferry fares would rise.\n")
    page.goto(server + "/upload")
    wait_ready(page)
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files([str(csv_path), str(zip_path)])
    page.get_by_role("button", name="Analyse and store").wait_for(timeout=60_000)
    page.get_by_role("button", name="Analyse and store").click()
    page.get_by_text("2 stored").first.wait_for(timeout=180_000)
    wait_ready(page)
    no_exception(page)
    page.wait_for_timeout(1000)
    page.screenshot(path=str(SHOTS / "injection-upload.png"), full_page=True)
    assert beacon_elements(page, port) == 0
    # the member name and the title read as written, as text
    assert page.get_by_text(f"127.0.0.1:{port}/member.png", exact=False).count() >= 1

    from store import Store

    monkeypatch.setenv("NEWSLENS_DATA_DIR", str(data))
    store = Store.open_default()
    arts = store.articles_df(None)
    art_id = arts.loc[arts["title"].str.startswith("Beacon harbour story"), "id"].iloc[0]
    actors = store.actors_df(None)
    actor_id = actors.loc[actors["name"].str.contains("Ann Lee"), "id"].iloc[0]
    store.add_override("set", actor_id, field_name="name",
                       value=f"[md](http://127.0.0.1:{port}/actor-l) **x** " + payloads(port, "actor"))
    store.close()

    # the filter chips (an article and a renamed actor) and the Reader's caption and picker
    page.goto(f"{server}/reader?article={art_id}&actor={actor_id}")
    wait_ready(page)
    no_exception(page)
    page.get_by_text("source:", exact=False).first.wait_for(timeout=60_000)
    page.get_by_text(f"127.0.0.1:{port}/actor-l", exact=False).first.wait_for(timeout=30_000)
    page.wait_for_timeout(1500)
    page.screenshot(path=str(SHOTS / "injection-reader.png"), full_page=True)
    assert beacon_elements(page, port) == 0
    page.locator('[data-testid="stSelectbox"]').first.click()  # the article picker's options, open
    page.get_by_role("option", name="Beacon harbour story", exact=False).first.wait_for(timeout=30_000)
    page.wait_for_timeout(800)
    assert beacon_elements(page, port) == 0
    page.keyboard.press("Escape")
    chip = page.locator('[data-testid="stButton"] button', has_text="Actor:").first.inner_text()
    assert "**x**" in chip and "[md](" in chip  # shown as typed, not as bold text and a link
    for name in ("", "actors", "speakers", "timeline"):
        page.goto(f"{server}/{name}?article={art_id}&actor={actor_id}")
        wait_ready(page)
        no_exception(page)
        page.wait_for_timeout(500)
        assert beacon_elements(page, port) == 0, name
    page.screenshot(path=str(SHOTS / "injection-corpus-chips.png"))
    assert hits == [], hits

