"""Plain text and Markdown -> blocks: title, standfirst, headings, paragraphs, and the dateline's date.

Offsets index the text exactly as decoded, so ``text[start:end]`` is each block.
"""
from __future__ import annotations

import datetime as _dt
import re

from ..lexicon.calendar import MONTH_ABBR, MONTHS
from ..records import Article, Block
from .limits import check_article_length, split_units
from .text import InputError, published_range

# Words that stay lower-case inside a title-case heading.
_SMALL_WORDS = {
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on",
    "or", "over", "per", "the", "to", "vs", "via", "with", "amid", "after", "before", "about",
    "against", "than", "up", "out", "off", "its", "is", "are", "be",
}
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z .'\-]{1,40}?)"  # WASHINGTON / NEW YORK / ST. LOUIS
    r"(?:,\s*(?P<date>[A-Z][a-z]{2,9}\.?\s+\d{1,2}(?:,\s*\d{4})?|\d{1,2}\s+[A-Z][a-z]{2,9}\.?(?:\s+\d{4})?))?"
    r"(?:,\s*(?P<region>[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}))?"  # PERTH, Scotland / KABUL, Afghanistan
    r"\s*(?:\((?P<agency>[A-Za-z .&]{2,30})\))?\s*[\u2014\u2013\-:]+\s")


def is_heading_like(line: str) -> bool:
    """Short, title-case, no final full stop: how headings look in plain text."""
    s = line.strip()
    if not s or len(s) > 120 or s[-1] in ".!?;,\"'\u201d\u2019:":
        return False
    words = re.findall(r"[^\s\u2014\u2013]+", s)
    if not 1 <= len(words) <= 16:
        return False
    alpha = [w for w in words if any(c.isalpha() for c in w)]
    if not alpha:
        return False
    capped = 0
    for i, w in enumerate(alpha):
        core = w.lstrip("\"'\u201c\u2018([")
        if not core:
            continue
        if core[0].isupper() or core[0].isdigit():
            capped += 1
        elif i > 0 and core.lower().rstrip(",:'\u2019s") in _SMALL_WORDS:
            capped += 1
    return capped >= max(1, len(alpha) - 0) and (alpha[0].lstrip("\"'\u201c\u2018([")[:1].isupper())


def _ends_sentence(line: str) -> bool:
    s = line.rstrip()
    return bool(s) and s[-1] in ".!?\"'\u201d\u2019)]:"


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _chunks(text: str) -> list[tuple[int, int]]:
    """Spans of text separated by blank lines."""
    spans = []
    pos = 0
    for m in re.finditer(r"\n[ \t]*\r?\n\s*", text):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [s for s in (_strip_span(text, a, b) for a, b in spans) if s[0] < s[1]]


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    pos = start
    for m in re.finditer(r"\r?\n", text[start:end]):
        out.append(_strip_span(text, pos, start + m.start()))
        pos = start + m.end()
    out.append(_strip_span(text, pos, end))
    return [s for s in out if s[0] < s[1]]


def _plain_units(text: str) -> tuple[list[tuple[int, int]], bool]:
    """Block spans of a plain text, and whether it is one-line-per-block (no blank lines)."""
    chunks = _chunks(text)
    units: list[tuple[int, int]] = []
    for a, b in chunks:
        lines = _lines(text, a, b)
        if len(lines) > 1 and all(_ends_sentence(text[x:y]) or is_heading_like(text[x:y]) for x, y in lines):
            units.extend(lines)  # every line is a block of its own
        elif len(lines) > 1 and is_heading_like(text[lines[0][0]:lines[0][1]]) and len(chunks) > 1 \
                and not is_heading_like(text[lines[1][0]:lines[1][1]]):
            units.append(lines[0])  # a heading line sitting on top of its paragraph
            units.append((lines[1][0], b))
        else:
            units.append((a, b))  # a hard-wrapped paragraph stays one block
    return units, len(chunks) == 1 and len(units) > 2


def _dateline_date(paragraph: str) -> str | None:
    """A full date in a wire dateline ("LONDON, March 3, 2024 (Reuters) —"), if any."""
    m = _DATELINE.match(paragraph)
    if not m or not m.group("date"):
        return None
    d = m.group("date").replace(".", "").replace(",", " ").split()
    try:
        if d[0].isdigit():
            day, month, year = int(d[0]), d[1].lower(), (int(d[2]) if len(d) > 2 else None)
        else:
            month, day, year = d[0].lower(), int(d[1]), (int(d[2]) if len(d) > 2 else None)
        mon = MONTHS.get(month) or MONTH_ABBR.get(month[:4] if month.startswith("sept") else month[:3])
        if not mon or year is None:
            return None
        found = _dt.date(year, mon, day)
    except (ValueError, IndexError):
        return None
    first, last = published_range()
    return found.isoformat() if first <= found <= last else None


def dateline_end(paragraph: str) -> int:
    """Where a wire dateline ends in the paragraph ("WASHINGTON (AP) — " is 19 characters), or 0."""
    return _DATELINE.match(paragraph).end() if has_dateline(paragraph) else 0


def dateline_place(paragraph: str) -> str | None:
    """The place of a wire dateline ("WASHINGTON (AP) —" -> "WASHINGTON"), if the paragraph opens with one.

    A region or country after the place is kept: "PERTH, Scotland (Reuters) -" -> "PERTH, Scotland".
    """
    if not has_dateline(paragraph):
        return None
    m = _DATELINE.match(paragraph)
    place = m.group("place").strip()
    return f"{place}, {m.group('region')}" if m.group("region") else place


def has_dateline(paragraph: str) -> bool:
    """Whether a paragraph opens with a wire dateline such as "WASHINGTON (AP) —"."""
    m = _DATELINE.match(paragraph)
    return bool(m and (m.group("agency") or m.group("date") or len(m.group("place")) > 2))


def make_article(text: str, units: list[tuple[str, int, int]], *, title: str | None, published: str | None,
                  source: str | None, fmt: str, article_id: str = "") -> Article:
    """The Article of a text and its block units, within the bounds of ``limits``: a text over
    ``MAX_ARTICLE_CHARS`` is refused, a block over ``MAX_BLOCK_CHARS`` split at sentence ends."""
    check_article_length(text, source)
    units = split_units(text, units)
    blocks = [Block(index=i, kind=k, start=a, end=b, text=text[a:b]) for i, (k, a, b) in enumerate(units)]
    if not blocks:
        raise InputError(f"{source or 'input'}: no text found")
    standfirst = next((b.text for b in blocks if b.kind == "standfirst"), None)
    found_title = next((b.text for b in blocks if b.kind == "title"), None)
    pub_source = "metadata" if published else None
    if not published:
        first_para = next((b for b in blocks if b.kind == "paragraph"), None)
        if first_para is not None:
            published = _dateline_date(first_para.text)
            pub_source = "dateline" if published else None
    return Article(text=text, blocks=blocks, title=title or found_title, standfirst=standfirst,
                   published=published, published_source=pub_source, source=source, fmt=fmt, id=article_id)


def parse_plain(text: str, *, title: str | None = None, published: str | None = None,
                source: str | None = None, fmt: str = "txt", article_id: str = "") -> Article:
    """Plain text in the sample's layout, the wire layout, or loose paragraphs."""
    if not text.strip():
        raise InputError(f"{source or 'input'}: the text is empty")
    spans, one_line_per_block = _plain_units(text)
    kinds: list[str] = []
    for i, (a, b) in enumerate(spans):
        line = text[a:b]
        heading = is_heading_like(line) and "\n" not in line
        if i == 0 and one_line_per_block and not heading and len(spans) > 1 \
                and is_heading_like(text[spans[1][0]:spans[1][1]]):
            kinds.append("standfirst")  # the sample's layout: standfirst, then title
        elif heading and "title" not in kinds and (i == 0 or (i == 1 and kinds[0] == "standfirst")):
            kinds.append("title")
        elif heading and i > 0:
            kinds.append("heading")
        elif i == 0 and len(spans) > 1 and len(line) < 200 and "\n" not in line and not _ends_sentence(line):
            kinds.append("title")  # a title that is not title-case ("Cairo summit denounces ...")
        else:
            kinds.append("paragraph")
    units = [(k, a, b) for k, (a, b) in zip(kinds, spans)]
    return make_article(text, units, title=title, published=published, source=source, fmt=fmt,
                         article_id=article_id)


MD_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")


def parse_markdown(text: str, *, title: str | None = None, published: str | None = None,
                   source: str | None = None, fmt: str = "md", article_id: str = "") -> Article:
    """Markdown: ``#`` lines are headings (the first level-1 heading is the title)."""
    if not text.strip():
        raise InputError(f"{source or 'input'}: the text is empty")
    units: list[tuple[str, int, int]] = []
    para_start: int | None = None
    para_end = 0
    pos = 0

    def flush() -> None:
        nonlocal para_start
        if para_start is not None:
            a, b = _strip_span(text, para_start, para_end)
            if a < b:
                units.append(("paragraph", a, b))
        para_start = None

    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        m = MD_HEADING.match(body)
        if m:
            flush()
            a = pos + m.start(2)
            b = a + len(m.group(2))
            if a < b:
                kind = "title" if len(m.group(1)) == 1 and not any(k == "title" for k, _, _ in units) \
                    and not any(k == "paragraph" for k, _, _ in units) else "heading"
                units.append((kind, a, b))
        elif not body.strip():
            flush()
        else:
            if para_start is None:
                para_start = pos
            para_end = pos + len(body)
        pos += len(line)
    flush()
    if units and not any(k == "title" for k, _, _ in units) and units[0][0] == "paragraph":
        a, b = units[0][1], units[0][2]
        if "\n" not in text[a:b] and not _ends_sentence(text[a:b]) and len(units) > 1:
            units[0] = ("title", a, b)
    return make_article(text, units, title=title, published=published, source=source, fmt=fmt,
                         article_id=article_id)


def join_blocks(parts: list[tuple[str, str]]) -> tuple[str, list[tuple[str, int, int]]]:
    """Join (kind, text) parts with blank lines, returning the text and block spans."""
    text = ""
    units = []
    for kind, part in parts:
        part = " ".join(part.split())
        if not part:
            continue
        if text:
            text += "\n\n"
        units.append((kind, len(text), len(text) + len(part)))
        text += part
    return text, units
