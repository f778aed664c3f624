"""Reading articles: bytes -> ``Article``.

- ``text``: limits, strict decoding and date checks (``InputError`` for the user);
- ``layout``: plain text and Markdown into title, standfirst, headings and paragraphs;
- ``formats``: HTML, DOCX and PDF, and the choice by file extension;
- ``batches``: uploads that hold many articles (.zip, .jsonl, .csv), each with its own error.
"""
from .batches import UPLOAD_EXTS, UploadItem, expand_upload, record_article
from .formats import parse_bytes, parse_docx, parse_html, parse_pdf, parse_text, read_article
from .layout import has_dateline, is_heading_like, parse_markdown, parse_plain
from .text import (EARLIEST_PUBLISHED, MAX_BYTES, SUPPORTED_EXTS, InputError, decode_bytes, published_range,
                   validate_date)

__all__ = ["EARLIEST_PUBLISHED", "MAX_BYTES", "SUPPORTED_EXTS", "UPLOAD_EXTS", "InputError", "UploadItem", "decode_bytes",
           "expand_upload", "has_dateline", "is_heading_like", "parse_bytes", "parse_docx", "parse_html",
           "parse_markdown", "parse_pdf", "parse_plain", "published_range", "parse_text", "read_article", "record_article",
           "validate_date"]
