"""Text from an article is inert wherever Streamlit renders Markdown (issue 16, item 4).

``md`` is checked against a model of what a GitHub-flavoured Markdown renderer does: backslash escapes
are resolved first, then bare URLs, "www." hosts and e-mail addresses in the text are autolinked.
"""
from __future__ import annotations

import re

import pytest

from components.pagekit import md
from components.reader import meta_caption

WORD_JOINER = "\u2060"  # what md puts in a URL so that it is not autolinked

BEACON = "http://127.0.0.1:9/"
PAYLOADS = [
    f"![]({BEACON}t.png)",
    f"[link]({BEACON}l)",
    f"see {BEACON}bare now",
    "visit www.example.org today",
    "write to press@example.org",
    "[md](https://example.org) **x**",
    ":red[coloured] :material/home: $x^2$ <img src=x> ~~gone~~ `code`",
    "# not a heading\n- not a list",
]
# GFM's literal autolinks, found in text after escapes are resolved (mdast-util-gfm-autolink-literal)
AUTOLINK = re.compile(r"(?i)(?:https?|ftp|mailto|xmpp)://|www\.|[\w.+-]@[\w-]+\.\w")
ESCAPABLE = r"!\"#$%&'()*+,\-./:;<=>?@\[\\\]^_`{|}~"


def resolved(markdown: str) -> str:
    """The text a Markdown renderer keeps once backslash escapes are resolved."""
    return re.sub(r"\\([" + ESCAPABLE + "])", r"\1", markdown)


def unescaped_special(markdown: str) -> list[str]:
    """Markdown syntax characters left without a backslash."""
    return re.findall(r"(?<!\\)[\[\]()!*_`<>#~|$:]", markdown)


@pytest.mark.parametrize("payload", PAYLOADS)
def test_md_leaves_no_markdown_syntax_and_no_autolink(payload):
    out = md(payload)
    assert unescaped_special(out) == []
    assert AUTOLINK.search(resolved(out)) is None, resolved(out)
    # and it reads the same: only the invisible word joiner is added (and new lines become spaces)
    assert resolved(out).replace(WORD_JOINER, "") == payload.replace("\n", " ")


def test_md_breaks_a_bare_url_where_the_old_escapes_did_not():
    # a backslash before ":" is resolved before GFM looks for autolinks, so it never stopped one
    assert AUTOLINK.search(resolved(r"http\://127\.0\.0\.1\:9/bare"))
    out = resolved(md("http://127.0.0.1:9/bare and WWW.Example.org"))
    assert "://" not in out and "WWW." not in out
    assert out.replace(WORD_JOINER, "") == "http://127.0.0.1:9/bare and WWW.Example.org"


def test_the_reader_caption_makes_source_and_date_inert():
    art = {"published": "2025-01-02", "words": 12, "published_source": None,
           "source": f"![]({BEACON}s.png) [site](https://example.org) {BEACON}bare"}
    caption = meta_caption(art)
    assert caption.startswith("Published **2025\\-01\\-02** · 12 words · source: ")
    source = caption.split("source: ", 1)[1]
    assert unescaped_special(source) == []
    assert AUTOLINK.search(resolved(source)) is None
