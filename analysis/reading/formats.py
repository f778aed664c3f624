"""A file's bytes -> ``Article``: HTML (lxml), DOCX, PDF, plain text and Markdown by extension.

Offsets always index ``Article.text``: for plain text and Markdown that is the
file exactly as decoded; for HTML, DOCX and PDF it is the text extracted from
it, with blocks joined by blank lines. Bad input raises ``InputError`` with a
message fit to show a person, never anything else.
"""
from __future__ import annotations

import io
import os
import re
from pathlib import Path

from ..records import Article
from .limits import MAX_DOCX_XML_BYTES, MAX_ZIP_RATIO, RATIO_FLOOR_BYTES, check_article_length
from .layout import MD_HEADING, join_blocks, make_article, parse_markdown, parse_plain
from .shallow import shallow_html
from .text import HTML_EXTS, MAX_BYTES, MD_EXTS, SUPPORTED_EXTS, InputError, decode_bytes, validate_date


def parse_html(html: str, *, title: str | None = None, published: str | None = None,
               source: str | None = None, article_id: str = "") -> Article:
    """HTML through a real parser (lxml): scripts and styles dropped, headings and paragraphs kept."""
    import lxml.html
    from lxml import etree

    try:
        parser = lxml.html.HTMLParser()
        root = lxml.html.fromstring(html, parser=parser)
        if any("depth" in e.message.lower() for e in parser.error_log):
            # libxml2 gave up past 256 levels and kept none of the deeper text: read it flattened
            root = lxml.html.fromstring(shallow_html(html))
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
    text, units = join_blocks(parts)
    return make_article(text, units, title=title, published=published, source=source, fmt="html",
                         article_id=article_id)


def parse_docx(data: bytes, *, title: str | None = None, published: str | None = None,
               source: str | None = None, article_id: str = "") -> Article:
    """A Word document: "Title"/"Heading N" paragraph styles become title and headings.

    The package is checked before python-docx reads it (``docx_within_limits``): a small file whose
    XML inflates past ``MAX_DOCX_XML_BYTES`` or ``MAX_ZIP_RATIO`` times is refused, quickly."""
    docx_within_limits(data, source or "input")
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
    text, units = join_blocks(parts)
    return make_article(text, units, title=title, published=published, source=source, fmt="docx",
                         article_id=article_id)


def docx_within_limits(data: bytes, name: str) -> None:
    """Refuse a .docx whose parts inflate past the bounds of ``limits``: on the sizes the archive
    declares, before anything is inflated, then on the bytes of each XML part as it is read (a part
    that lies about its size stops at the cap, not at the end of the bomb)."""
    import zipfile

    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        members = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(f"{name}: not a readable .docx file ({type(exc).__name__})") from None
    cap = f"the limit of {MAX_DOCX_XML_BYTES / 1e6:.1f} MB of XML a .docx may inflate to"
    xml = [m for m in members if m.filename.lower().endswith((".xml", ".rels"))]
    declared = sum(m.file_size for m in xml)
    if declared > MAX_DOCX_XML_BYTES:
        raise InputError(f"{name}: its XML inflates to {declared / 1e6:.1f} MB, over {cap}")
    for m in members:
        if m.file_size > RATIO_FLOOR_BYTES and m.file_size > MAX_ZIP_RATIO * max(m.compress_size, 1):
            raise InputError(f"{name}: refused, {m.filename} inflates {m.file_size // max(m.compress_size, 1)} "
                             f"times, over the limit of {MAX_ZIP_RATIO} (a decompression bomb?)")
    read = 0
    try:
        for m in xml:
            with zf.open(m) as fh:
                while chunk := fh.read(1 << 16):
                    read += len(chunk)
                    if read > MAX_DOCX_XML_BYTES:
                        raise InputError(f"{name}: its XML inflates past {cap}")
    except (zipfile.BadZipFile, OSError, EOFError, RuntimeError) as exc:  # a damaged or encrypted part
        raise InputError(f"{name}: not a readable .docx file ({type(exc).__name__})") from None


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
    if fmt != "html":  # before the layout's work; HTML's bound is on the text extracted from it
        check_article_length(text, source)
    if fmt == "html":
        return parse_html(text, title=title, published=published, source=source, article_id=article_id)
    if fmt == "md" or (fmt == "paste" and MD_HEADING.match(text.lstrip().splitlines()[0])):
        return parse_markdown(text, title=title, published=published, source=source, fmt=fmt,
                              article_id=article_id)
    return parse_plain(text, title=title, published=published, source=source, fmt=fmt, article_id=article_id)


def read_article(path: str | os.PathLike, *, published: str | None = None, source: str | None = None) -> Article:
    """Read an article file from disk (the command line's entry point).

    ``source`` names the outlet ("bbc.co.uk", a URL) in place of the file name; its
    country-code host can set the story (analysis.actors.setting).
    """
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
    article = parse_bytes(data, p.name, published=published)
    if source and str(source).strip():
        article.source = str(source).strip()
    return article
