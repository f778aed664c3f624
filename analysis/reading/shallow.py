"""HTML too deep for libxml2, made shallow: the same blocks and text, with the nesting cut.

libxml2 stops building the tree at 256 levels ("Excessive depth in document") and lxml hands back what it
had, so a page of 5,000 nested ``<b>`` lost all its text. Python's own ``html.parser`` reads tags as a flat
stream with no depth limit; this module rewrites that stream keeping only the block elements the reader
looks at (title, headings, paragraphs, list items, block quotes, preformatted text), at most
``MAX_DEPTH`` of them open at once. Inline tags vanish (their text stays), other tags become a space, and
the elements the reader drops (scripts, styles, navigation …) are dropped here with their content.
"""
from __future__ import annotations

import html
from html.parser import HTMLParser

MAX_DEPTH = 64
BLOCKS = {"html", "head", "title", "body", "h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "pre"}
DROPPED = {"script", "style", "noscript", "template", "iframe", "svg", "nav", "footer", "form"}
INLINE = {"a", "abbr", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em", "font", "i", "ins",
          "kbd", "label", "mark", "q", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time",
          "tt", "u", "var", "wbr"}
_CLOSES_P = BLOCKS - {"html", "head", "title", "body"}  # a block start ends an open paragraph, as in HTML


class _Shallow(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str] = []
        self.dropping = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in DROPPED:
            self.dropping += 1
            return
        if self.dropping:
            return
        if tag in BLOCKS:
            if tag in _CLOSES_P and self.open and self.open[-1] == "p":
                self.out.append("</p>")
                self.open.pop()
            if len(self.open) < MAX_DEPTH:
                self.out.append(f"<{tag}>")
                self.open.append(tag)
                return
        if tag not in INLINE:
            self.out.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in DROPPED:
            self.dropping = max(0, self.dropping - 1)
            return
        if self.dropping:
            return
        if tag in self.open:
            while self.open:
                top = self.open.pop()
                self.out.append(f"</{top}>")
                if top == tag:
                    break
        elif tag not in INLINE:
            self.out.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.dropping:
            self.out.append(html.escape(data, quote=False))


def shallow_html(markup: str) -> str:
    """``markup`` rewritten with only the reader's block elements, nested at most ``MAX_DEPTH`` deep."""
    p = _Shallow()
    p.feed(markup)
    p.close()
    return "".join(p.out) + "".join(f"</{t}>" for t in reversed(p.open))
