"""Uploaded files -> parsed Articles, one item per article, each with its own error.

Single files (.txt, .md, .html, .docx, .pdf) give one item; batches (.zip of
such files, .jsonl or .csv with title/text/published/source) give many. One
bad entry never spoils the rest. Zip entries cannot escape their folder,
nested archives are refused, and so are archives that inflate past a limit.
"""
from __future__ import annotations

import csv
import io
import json
import os
import posixpath
import zipfile
from dataclasses import dataclass

from .formats import parse_bytes, parse_text
from .limits import MAX_ZIP_RATIO  # one bound for zips and .docx packages
from .text import MAX_BYTES, SUPPORTED_EXTS, InputError, decode_bytes, validate_date
from ..records import Article

MAX_BATCH_BYTES = int(os.environ.get("NEWSLENS_MAX_BATCH_BYTES", str(50 * 1024 * 1024)))
MAX_BATCH_ITEMS = int(os.environ.get("NEWSLENS_MAX_BATCH_ITEMS", "500"))
BATCH_EXTS = {".zip", ".jsonl", ".csv"}
ARCHIVE_EXTS = {".zip", ".gz", ".tgz", ".tar", ".bz2", ".xz", ".7z", ".rar"}
UPLOAD_EXTS = sorted(e.lstrip(".") for e in (SUPPORTED_EXTS | BATCH_EXTS) if e)


@dataclass
class UploadItem:
    name: str
    article: Article | None = None
    error: str | None = None


def _ext(name: str) -> str:
    return posixpath.splitext(name.lower())[1]


def _safe_member(name: str) -> bool:
    """A zip member name that stays inside the archive's folder (no zip slip)."""
    norm = name.replace("\\", "/")
    if norm.startswith("/") or (len(norm) > 1 and norm[1] == ":"):
        return False
    parts = [p for p in norm.split("/") if p not in ("", ".")]
    return ".." not in parts


def record_article(rec: dict, name: str) -> Article:
    """One record ``{title, text, published, source, format}`` -> Article (JSONL/CSV uploads, batches)."""
    if not isinstance(rec, dict):
        raise InputError(f"{name}: expected an object with a 'text' field")
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{name}: no 'text' (or it is empty)")
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise InputError(f"{name}: text is over the {MAX_BYTES / 1e6:.1f} MB limit")
    title = rec.get("title") or None
    fmt = "html" if str(rec.get("format", "")).lower() == "html" else "txt"
    body = text if not title or fmt == "html" or text.lstrip().startswith(str(title)) else f"{title}\n\n{text}"
    try:  # every error names the row or line it comes from
        return parse_text(body, fmt=fmt, title=str(title) if title else None,
                          published=validate_date(rec.get("published")), source=str(rec.get("source") or name))
    except InputError as exc:
        raise InputError(str(exc) if str(exc).startswith(f"{name}:") else f"{name}: {exc}") from None


def _expand_jsonl(data: bytes, name: str) -> list[UploadItem]:
    text = decode_bytes(data, name)
    items = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        label = f"{name} line {n}"
        try:
            rec = json.loads(line)
            items.append(UploadItem(label, article=record_article(rec, label)))
        except json.JSONDecodeError as exc:
            items.append(UploadItem(label, error=f"{label}: malformed JSON ({exc.msg})"))
        except InputError as exc:
            items.append(UploadItem(label, error=str(exc)))
        if len(items) >= MAX_BATCH_ITEMS:
            items.append(UploadItem(name, error=f"{name}: more than {MAX_BATCH_ITEMS} articles; the rest were skipped"))
            break
    if not items:
        raise InputError(f"{name}: no JSON lines found")
    return items


def _expand_csv(data: bytes, name: str) -> list[UploadItem]:
    text = decode_bytes(data, name)
    try:
        reader = csv.DictReader(io.StringIO(text))
        fields = [f.strip().lower() for f in (reader.fieldnames or [])]
    except csv.Error as exc:
        raise InputError(f"{name}: malformed CSV ({exc})") from None
    if "text" not in fields:
        raise InputError(f"{name}: a CSV batch needs a 'text' column (and optionally title, published, source)")
    items = []
    try:
        for n, row in enumerate(reader, start=2):
            label = f"{name} row {n}"
            rec = {str(k).strip().lower(): v for k, v in row.items() if k is not None}
            try:
                items.append(UploadItem(label, article=record_article(rec, label)))
            except InputError as exc:
                items.append(UploadItem(label, error=str(exc)))
            if len(items) >= MAX_BATCH_ITEMS:
                break
    except csv.Error as exc:
        items.append(UploadItem(name, error=f"{name}: malformed CSV ({exc})"))
    if not items:
        raise InputError(f"{name}: the CSV has no rows")
    return items


def _expand_zip(data: bytes, name: str) -> list[UploadItem]:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        members = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise InputError(f"{name}: not a readable zip archive ({exc})") from None
    items: list[UploadItem] = []
    total = 0
    for info in members:
        if info.is_dir():
            continue
        label = f"{name}/{info.filename}"
        base = posixpath.basename(info.filename.replace("\\", "/"))
        if base.startswith((".", "__MACOSX")) or "__MACOSX/" in info.filename:
            continue
        if not _safe_member(info.filename):
            items.append(UploadItem(label, error=f"{label}: refused, the name points outside the archive"))
            continue
        ext = _ext(base)
        if ext in ARCHIVE_EXTS:
            items.append(UploadItem(label, error=f"{label}: nested archives are not accepted"))
            continue
        if ext not in SUPPORTED_EXTS - {""}:
            items.append(UploadItem(label, error=f"{label}: unsupported file type {ext or '(none)'}"))
            continue
        if info.file_size > MAX_BYTES:
            items.append(UploadItem(label, error=f"{label}: {info.file_size / 1e6:.1f} MB unpacked, over the "
                                                 f"{MAX_BYTES / 1e6:.1f} MB limit"))
            continue
        if info.compress_size and info.file_size / max(info.compress_size, 1) > MAX_ZIP_RATIO \
                and info.file_size > 1_000_000:
            items.append(UploadItem(label, error=f"{label}: refused, it inflates {info.file_size // max(info.compress_size, 1)}"
                                                 f" times (a decompression bomb?)"))
            continue
        total += info.file_size
        if total > MAX_BATCH_BYTES:
            items.append(UploadItem(label, error=f"{name}: the archive unpacks to more than "
                                                 f"{MAX_BATCH_BYTES / 1e6:.0f} MB; the rest was skipped"))
            break
        if len(items) >= MAX_BATCH_ITEMS:
            items.append(UploadItem(name, error=f"{name}: more than {MAX_BATCH_ITEMS} files; the rest were skipped"))
            break
        try:
            with zf.open(info) as fh:
                content = fh.read(MAX_BYTES + 1)  # never trust the declared size alone
            if len(content) > MAX_BYTES:
                raise InputError(f"{label}: over the {MAX_BYTES / 1e6:.1f} MB limit")
            items.append(UploadItem(label, article=parse_bytes(content, base)))
        except InputError as exc:
            items.append(UploadItem(label, error=str(exc).replace(base + ":", label + ":", 1)))
        except (zipfile.BadZipFile, OSError, RuntimeError, EOFError) as exc:
            items.append(UploadItem(label, error=f"{label}: cannot be read from the archive ({exc})"))
    if not items:
        raise InputError(f"{name}: the archive holds no article files")
    return items


def expand_upload(name: str, data: bytes) -> list[UploadItem]:
    """One uploaded file -> the articles it holds, each parsed or with its error."""
    ext = _ext(name)
    limit = MAX_BATCH_BYTES if ext in BATCH_EXTS else MAX_BYTES
    try:
        if len(data) > limit:
            raise InputError(f"{name}: {len(data) / 1e6:.1f} MB, over the {limit / 1e6:.1f} MB limit")
        if not data:
            raise InputError(f"{name}: file is empty")
        if ext == ".zip":
            return _expand_zip(data, name)
        if ext == ".jsonl":
            return _expand_jsonl(data, name)
        if ext == ".csv":
            return _expand_csv(data, name)
        if ext in ARCHIVE_EXTS:
            raise InputError(f"{name}: only .zip archives are accepted")
        return [UploadItem(name, article=parse_bytes(data, name))]
    except InputError as exc:
        return [UploadItem(name, error=str(exc))]
