"""The bounds on what one article, one block and one run may hold, counted on the EXTRACTED text.

The file limit (``MAX_BYTES``) says nothing about the work: a 960 KB file of one line, or a 85 KB
.docx whose XML inflates to 20 million characters, passes it. So the text itself is bounded:

- ``MAX_ARTICLE_CHARS`` characters per article: a longer one is refused with a message naming it;
- ``MAX_BLOCK_CHARS`` characters per block (paragraph): a longer block is split at the last
  sentence end ("." "!" "?" and closing quotes, then a space) inside the bound, else at the last
  space, else at the bound, into blocks of the same kind, so spaCy never sees a Doc over it;
- ``MAX_RUN_CHARS`` characters per run (one Upload, one ``python -m corpus ingest``): the articles
  past it are refused, each with a message, and can be added in another run;
- a .docx's XML parts may inflate to ``MAX_DOCX_XML_BYTES`` in all, and no part more than
  ``MAX_ZIP_RATIO`` times (over 1 MB), checked on the declared sizes before reading and on the
  bytes while reading.

Each can be set through the environment variable of the same name with ``NEWSLENS_`` in front.
README.md ("Limits") gives the time the largest accepted article takes on a 2-core machine.
"""
from __future__ import annotations

import os
import re

from ..records import Article
from .text import InputError


def _env(name: str, default: int) -> int:
    return int(os.environ.get(f"NEWSLENS_{name}", str(default)))


MAX_ARTICLE_CHARS = _env("MAX_ARTICLE_CHARS", 100_000)
MAX_BLOCK_CHARS = _env("MAX_BLOCK_CHARS", 10_000)
MAX_RUN_CHARS = _env("MAX_RUN_CHARS", 2_000_000)
MAX_DOCX_XML_BYTES = _env("MAX_DOCX_XML_BYTES", 10 * 1024 * 1024)
MAX_ZIP_RATIO = 100  # a member inflating more than this many times (and past 1 MB) is a bomb
RATIO_FLOOR_BYTES = 1_000_000

_SENTENCE_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*\s+")


def article_too_long(length: int, name: str | None) -> InputError:
    return InputError(f"{name or 'input'}: the text is {length:,} characters, over the limit of "
                      f"{MAX_ARTICLE_CHARS:,} characters per article")


def check_article_length(text: str, name: str | None) -> None:
    """Raise ``InputError`` naming the bound when ``text`` is over ``MAX_ARTICLE_CHARS``."""
    if len(text) > MAX_ARTICLE_CHARS:
        raise article_too_long(len(text), name)


def _strip(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def split_span(text: str, start: int, end: int, limit: int | None = None) -> list[tuple[int, int]]:
    """``text[start:end]`` as spans of at most ``limit`` characters, cut at sentence ends where it can.

    The cut is the last sentence end in the first ``limit`` characters (when it leaves a quarter of
    the bound or more), else the last space, else the bound itself. Offsets index ``text``; every
    span is stripped of surrounding whitespace and none is empty.
    """
    limit = limit or MAX_BLOCK_CHARS
    out: list[tuple[int, int]] = []
    a, end = _strip(text, start, end)
    while end - a > limit:
        window = text[a:a + limit]
        cut = None
        for m in _SENTENCE_END.finditer(window):
            cut = m.end()
        if cut is None or cut < limit // 4:
            space = max(window.rfind(" "), window.rfind("\n"), window.rfind("\t"))
            cut = space + 1 if space >= limit // 4 else limit
        x, y = _strip(text, a, a + cut)
        if x < y:
            out.append((x, y))
        a, _ = _strip(text, a + cut, end)
    if a < end:
        out.append((a, end))
    return out


def split_units(text: str, units: list[tuple[str, int, int]], limit: int | None = None) -> list[tuple[str, int, int]]:
    """Block units with each one over ``MAX_BLOCK_CHARS`` split (``split_span``); the pieces of a title
    or standfirst after its first are paragraphs."""
    limit = limit or MAX_BLOCK_CHARS
    out: list[tuple[str, int, int]] = []
    for kind, a, b in units:
        if b - a <= limit:
            out.append((kind, a, b))
            continue
        for j, (x, y) in enumerate(split_span(text, a, b, limit)):
            out.append((kind if j == 0 or kind in ("heading", "paragraph") else "paragraph", x, y))
    return out


def over_bounds(article: Article) -> str | None:
    """Why an Article (however it was made) may not be analysed, naming the bound; None when it may."""
    name = article.source or article.title or article.id
    if len(article.text) > MAX_ARTICLE_CHARS:
        return str(article_too_long(len(article.text), name))
    for b in article.blocks:
        if len(b.text) > MAX_BLOCK_CHARS:
            return (f"{name}: block {b.index} is {len(b.text):,} characters, over the limit of "
                    f"{MAX_BLOCK_CHARS:,} characters per block")
    return None
