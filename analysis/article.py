"""Turning a file into an ``Article``: decoding, layout detection, blocks.

Offsets always index ``Article.text``: for plain text and Markdown that is the
file exactly as decoded; for HTML, DOCX and PDF it is the text extracted from
it, with blocks joined by blank lines. Bad input raises ``InputError`` with a
message fit to show a person, never anything else.
"""
from __future__ import annotations

import datetime as _dt
import io
import os
import re
from pathlib import Path

from .records import Article, Block

MAX_BYTES = int(os.environ.get("NEWSLENS_MAX_FILE_BYTES", str(5 * 1024 * 1024)))
TEXT_EXTS = {".txt", ".text", ""}
MD_EXTS = {".md", ".markdown"}
HTML_EXTS = {".html", ".htm", ".xhtml"}
SUPPORTED_EXTS = TEXT_EXTS | MD_EXTS | HTML_EXTS | {".docx", ".pdf"}

# Words that stay lower-case inside a title-case heading.
_SMALL_WORDS = {
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "nor", "of", "on",
    "or", "over", "per", "the", "to", "vs", "via", "with", "amid", "after", "before", "about",
    "against", "than", "up", "out", "off", "its", "is", "are", "be",
}
_MONTHS = {m.lower(): i for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"], start=1)}
_MONTH_ABBR = {k[:3]: v for k, v in _MONTHS.items()} | {"sept": 9}
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z .'\-]{1,40}?)"  # WASHINGTON / NEW YORK / ST. LOUIS
    r"(?:,\s*(?P<date>[A-Z][a-z]{2,9}\.?\s+\d{1,2}(?:,\s*\d{4})?|\d{1,2}\s+[A-Z][a-z]{2,9}\.?(?:\s+\d{4})?))?"
    r"\s*(?:\((?P<agency>[A-Za-z .&]{2,30})\))?\s*[\u2014\u2013\-:]+\s")


class InputError(ValueError):
    """Input that cannot be turned into an article; the message is for the user."""


def validate_date(value: str | None) -> str | None:
    """Return ``value`` as YYYY-MM-DD, or raise InputError for a bad date."""
    if value is None or str(value).strip() == "":
        return None
    value = str(value).strip()
    try:
        return _dt.date.fromisoformat(value[:10]).isoformat() if len(value) >= 10 else \
            _dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise InputError(f"bad date {value!r}: expected YYYY-MM-DD") from None


def decode_bytes(data: bytes, name: str = "input") -> str:
    """Decode text bytes strictly (UTF-8, or UTF-16 with a BOM); refuse binary."""
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: file is {len(data) / 1e6:.1f} MB, over the "
                         f"{MAX_BYTES / 1e6:.1f} MB limit")
    if not data.strip():
        raise InputError(f"{name}: file is empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{name}: cannot decode UTF-16 text") from None
    if b"\x00" in data[:8192]:
        raise InputError(f"{name}: looks like a binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not valid UTF-8 text (byte {exc.start}); "
                         "save the file as UTF-8 and try again") from None
    controls = sum(1 for c in text[:8192] if ord(c) < 32 and c not in "\r\n\t\f")
    if controls > 0.02 * min(len(text), 8192):
        raise InputError(f"{name}: looks like a binary file, not text")
    return text


# --------------------------------------------------------------------------- layout helpers

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
        mon = _MONTHS.get(month) or _MONTH_ABBR.get(month[:4] if month.startswith("sept") else month[:3])
        if not mon or year is None:
            return None
        return _dt.date(year, mon, day).isoformat()
    except (ValueError, IndexError):
        return None


def has_dateline(paragraph: str) -> bool:
    """Whether a paragraph opens with a wire dateline such as "WASHINGTON (AP) —"."""
    m = _DATELINE.match(paragraph)
    return bool(m and (m.group("agency") or m.group("date") or len(m.group("place")) > 2))


def _make_article(text: str, units: list[tuple[str, int, int]], *, title: str | None, published: str | None,
                  source: str | None, fmt: str, article_id: str = "") -> Article:
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
    return _make_article(text, units, title=title, published=published, source=source, fmt=fmt,
                         article_id=article_id)


_MD_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")


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
        m = _MD_HEADING.match(body)
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
    return _make_article(text, units, title=title, published=published, source=source, fmt=fmt,
                         article_id=article_id)


def _join_blocks(parts: list[tuple[str, str]]) -> tuple[str, list[tuple[str, int, int]]]:
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


def parse_html(html: str, *, title: str | None = None, published: str | None = None,
               source: str | None = None, article_id: str = "") -> Article:
    """HTML through a real parser (lxml): scripts and styles dropped, headings and paragraphs kept."""
    import lxml.html
    from lxml import etree

    try:
        root = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"{source or 'input'}: cannot parse HTML ({exc})") from None
    for bad in root.xpath("//script|//style|//noscript|//template|//iframe|//svg|//nav|//footer|//form"):
        bad.drop_tree()
    page_title = None
    t = root.find(".//title")
    if t is not None and t.text_content().strip():
        page_title = " ".join(t.text_content().split())
    parts: list[tuple[str, str]] = []
    body = root.find(".//body")
    scope = body if body is not None else root
    for el in scope.iter("h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "blockquote", "pre"):
        # a <p> inside a <blockquote> or <li> is read once, through its innermost element
        if el.tag in ("blockquote", "li") and el.find(".//p") is not None:
            continue
        txt = el.text_content()
        if not txt.strip():
            continue
        kind = "heading" if el.tag.startswith("h") else "paragraph"
        if el.tag == "h1" and not any(k == "title" for k, _ in parts) and not any(k == "paragraph" for k, _ in parts):
            kind = "title"
        parts.append((kind, txt))
    if not parts:
        # no block elements: fall back to the document's text, split by blank lines
        txt = scope.text_content() if scope is not None else ""
        parts = [("paragraph", p) for p in re.split(r"\n\s*\n", txt) if p.strip()]
    if not parts and page_title:
        parts = [("paragraph", page_title)]
    if not parts:
        raise InputError(f"{source or 'input'}: the HTML holds no readable text")
    if page_title and not any(k == "title" for k, _ in parts):
        parts.insert(0, ("title", page_title))
    text, units = _join_blocks(parts)
    return _make_article(text, units, title=title, published=published, source=source, fmt="html",
                         article_id=article_id)


def parse_docx(data: bytes, *, title: str | None = None, published: str | None = None,
               source: str | None = None, article_id: str = "") -> Article:
    """A Word document: "Title"/"Heading N" paragraph styles become title and headings."""
    try:
        import docx  # python-docx

        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on a corrupt zip
        raise InputError(f"{source or 'input'}: not a readable .docx file ({type(exc).__name__})") from None
    parts = []
    for p in document.paragraphs:
        style = (p.style.name if p.style is not None else "") or ""
        kind = "title" if style == "Title" else "heading" if style.startswith("Heading") else "paragraph"
        parts.append((kind, p.text))
    if not any(t.strip() for _, t in parts):
        raise InputError(f"{source or 'input'}: the document holds no text")
    text, units = _join_blocks(parts)
    return _make_article(text, units, title=title, published=published, source=source, fmt="docx",
                         article_id=article_id)


def parse_pdf(data: bytes, *, title: str | None = None, published: str | None = None,
              source: str | None = None, article_id: str = "") -> Article:
    """A PDF's text layer, read with pypdf, then laid out as plain text."""
    try:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:  # pypdf raises many kinds on a damaged file
        raise InputError(f"{source or 'input'}: not a readable PDF ({type(exc).__name__})") from None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text.strip():
        raise InputError(f"{source or 'input'}: the PDF has no text layer (scanned images are not supported)")
    return parse_plain(text, title=title, published=published, source=source, fmt="pdf", article_id=article_id)


def parse_bytes(data: bytes, name: str, *, title: str | None = None, published: str | None = None,
                article_id: str = "") -> Article:
    """Any supported file's bytes -> Article, chosen by the file name's extension."""
    published = validate_date(published)
    ext = Path(name).suffix.lower()
    if ext not in SUPPORTED_EXTS:
        raise InputError(f"{name}: unsupported file type {ext!r} "
                         f"(use .txt, .md, .html, .docx or .pdf)")
    if len(data) > MAX_BYTES:
        raise InputError(f"{name}: file is {len(data) / 1e6:.1f} MB, over the {MAX_BYTES / 1e6:.1f} MB limit")
    if ext == ".docx":
        return parse_docx(data, title=title, published=published, source=name, article_id=article_id)
    if ext == ".pdf":
        return parse_pdf(data, title=title, published=published, source=name, article_id=article_id)
    text = decode_bytes(data, name)
    return parse_text(text, fmt="html" if ext in HTML_EXTS else "md" if ext in MD_EXTS else "txt",
                      title=title, published=published, source=name, article_id=article_id)


def parse_text(text: str, *, fmt: str = "txt", title: str | None = None, published: str | None = None,
               source: str | None = None, article_id: str = "") -> Article:
    """Decoded text -> Article; ``fmt`` is txt, md, html or paste."""
    published = validate_date(published)
    if not text or not text.strip():
        raise InputError(f"{source or 'input'}: the text is empty")
    if fmt == "html":
        return parse_html(text, title=title, published=published, source=source, article_id=article_id)
    if fmt == "md" or (fmt == "paste" and _MD_HEADING.match(text.lstrip().splitlines()[0])):
        return parse_markdown(text, title=title, published=published, source=source, fmt=fmt,
                              article_id=article_id)
    return parse_plain(text, title=title, published=published, source=source, fmt=fmt, article_id=article_id)


def read_article(path: str | os.PathLike, *, published: str | None = None) -> Article:
    """Read an article file from disk (the command line's entry point)."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"{p}: no such file")
    if p.is_dir():
        raise InputError(f"{p}: is a directory, not an article file")
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{p.name}: file is {size / 1e6:.1f} MB, over the {MAX_BYTES / 1e6:.1f} MB limit")
        data = p.read_bytes()
    except OSError as exc:
        raise InputError(f"{p}: cannot read ({exc.strerror})") from None
    return parse_bytes(data, p.name, published=published)
