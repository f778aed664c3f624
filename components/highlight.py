"""Article text + stored spans -> escaped HTML, drawn from offsets (no re-parsing).

Every piece of article-derived text goes through ``html.escape`` here, text and
attribute values alike; the only markup is the one this module writes.
Overlapping spans are handled by cutting the text at every span boundary and
wrapping each piece in the spans active over it, layered by kind.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Iterable, Sequence

# Entity colours by type (colour-blind-safe pastel palette), quotes and dates apart from them.
ENTITY_COLORS = {
    "PERSON": "#a6cee3", "ORG": "#b2df8a", "GPE": "#fdbf6f", "NORP": "#cab2d6", "LOC": "#ffff99",
    "FAC": "#fb9a99", "EVENT": "#e5d8bd", "OTHER": "#dddddd",
}
QUOTE_COLOR = "#d94801"  # quotes: an orange underline and tint, unlike any entity fill
DATE_COLOR = "#238b45"  # dates: a green dotted border
LAYER_ORDER = {"sentiment": 0, "focus": 1, "quote": 2, "entity": 3, "date": 4}


@dataclass
class Span:
    start: int
    end: int
    kind: str  # entity | quote | date | sentiment | focus
    label: str = ""  # entity type, quote kind, ...
    title: str = ""  # hover text (plain; escaped here)
    tag: str = ""  # short text shown after the span (plain; escaped here), e.g. a speaker's name
    color: str | None = None
    selected: bool = False
    dimmed: bool = False
    data: dict[str, str] = field(default_factory=dict)  # data-* attributes (escaped here)


def _style(span: Span) -> str:
    if span.kind == "entity":
        c = span.color or ENTITY_COLORS.get(span.label, ENTITY_COLORS["OTHER"])
        s = f"background:{c};border-radius:3px;padding:0 2px;"
        if span.selected:
            s += "outline:2px solid #08306b;font-weight:600;"
        if span.dimmed:
            s += "opacity:.55;"
        return s
    if span.kind == "quote":
        s = f"border-bottom:2px solid {QUOTE_COLOR};background:rgba(253,141,60,.13);"
        if span.selected:
            s = f"border-bottom:3px solid {QUOTE_COLOR};background:rgba(253,141,60,.35);"
        if span.dimmed:
            s = f"border-bottom:1px dashed {QUOTE_COLOR};"
        return s
    if span.kind == "date":
        return f"border:1px dotted {DATE_COLOR};border-radius:3px;color:#00441b;"
    if span.kind == "sentiment":
        return f"background:{span.color or 'transparent'};"
    if span.kind == "focus":
        return "box-shadow:0 0 0 2px #6a51a3;background:rgba(106,81,163,.12);"
    return ""


def _open(span: Span) -> str:
    attrs = [f'class="nl-{html.escape(span.kind)}{" nl-selected" if span.selected else ""}"',
             f'style="{_style(span)}"']
    if span.title:
        attrs.append(f'title="{html.escape(span.title, quote=True)}"')
    if span.label:
        attrs.append(f'data-label="{html.escape(span.label, quote=True)}"')
    for k, v in span.data.items():
        attrs.append(f'data-{html.escape(k, quote=True)}="{html.escape(str(v), quote=True)}"')
    if span.kind == "focus":
        attrs.append('id="nl-focus"')  # the Reader's "jump to it" link points here
    return "<span " + " ".join(attrs) + ">"


def render_text(text: str, start: int, end: int, spans: Sequence[Span]) -> str:
    """HTML for text[start:end] with the spans that overlap it (offsets index ``text``)."""
    local = [s for s in spans if s.end > start and s.start < end and s.end > s.start]
    cuts = {start, end}
    for s in local:
        cuts.add(max(start, s.start))
        cuts.add(min(end, s.end))
    points = sorted(cuts)
    out: list[str] = []
    tags_at: dict[int, list[Span]] = {}
    for s in local:
        if s.tag:
            tags_at.setdefault(min(end, s.end), []).append(s)
    for a, b in zip(points, points[1:]):
        if a >= b:
            continue
        active = sorted((s for s in local if s.start <= a and s.end >= b),
                        key=lambda s: (LAYER_ORDER.get(s.kind, 9), s.start, -s.end))
        piece = html.escape(text[a:b])
        for s in reversed(active):
            piece = _open(s) + piece + "</span>"
        out.append(piece)
        for s in tags_at.get(b, []):
            out.append(f'<span class="nl-tag" style="font-size:.72em;color:#fff;background:{QUOTE_COLOR};'
                       f'border-radius:8px;padding:0 6px;margin-left:3px;white-space:nowrap">'
                       f'{html.escape(s.tag)}</span>')
    return "".join(out)


def render_article(text: str, blocks: Iterable[dict], spans: Sequence[Span]) -> str:
    """The article as a reader expects it: title, standfirst, headings and paragraphs."""
    parts = ['<div class="nl-article" style="font-family:Georgia,serif;font-size:1.05rem;line-height:1.75;'
             'max-width:48rem">']
    for b in blocks:
        kind, start, end = b["kind"], int(b["start"]), int(b["end"])
        inner = render_text(text, start, end, spans)
        anchor = f'id="nl-b{int(b.get("idx", 0))}"'
        if kind == "title":
            parts.append(f'<h2 {anchor} style="font-family:inherit;margin:.2em 0 .3em">{inner}</h2>')
        elif kind == "standfirst":
            parts.append(f'<p {anchor} style="font-size:1.12rem;color:#444;font-style:italic">{inner}</p>')
        elif kind == "heading":
            parts.append(f'<h4 {anchor} style="font-family:inherit;margin:1.1em 0 .2em">{inner}</h4>')
        else:
            parts.append(f'<p {anchor} style="margin:.2em 0 .9em">{inner}</p>')
    parts.append("</div>")
    return "".join(parts)


def legend_html(labels: Iterable[str], *, quotes: bool = True, dates: bool = True) -> str:
    """A colour legend for the Reader."""
    items = []
    for lab in labels:
        c = ENTITY_COLORS.get(lab, ENTITY_COLORS["OTHER"])
        items.append(f'<span style="background:{c};border-radius:3px;padding:1px 6px;margin-right:6px">'
                     f'{html.escape(lab)}</span>')
    if quotes:
        items.append(f'<span style="border-bottom:2px solid {QUOTE_COLOR};background:rgba(253,141,60,.13);'
                     f'padding:1px 6px;margin-right:6px">quote</span>')
    if dates:
        items.append(f'<span style="border:1px dotted {DATE_COLOR};padding:1px 6px;margin-right:6px">date</span>')
    return '<div style="font-size:.85rem;margin:.3em 0 .8em">' + "".join(items) + "</div>"


def polarity_color(score: float | None) -> str:
    """A red-to-green tint for a polarity in [-1, 1]."""
    if score is None:
        return "transparent"
    a = min(0.45, 0.12 + abs(score) * 0.4)
    return f"rgba(214,39,40,{a:.2f})" if score < -0.05 else f"rgba(44,160,44,{a:.2f})" if score > 0.05 \
        else "rgba(150,150,150,0.12)"


def snippet_html(snippet: str | None) -> str:
    """A search snippet from the store, escaped, with its hit markers (\\u0001 … \\u0002) turned into <mark>."""
    safe = html.escape(snippet or "")
    return safe.replace("\u0001", "<mark>").replace("\u0002", "</mark>")
