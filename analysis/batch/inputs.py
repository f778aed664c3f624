"""What a batch reads: a manifest, a folder, or a file of records, as ``BatchItem``s.

- a **manifest** (JSONL, each line ``{"id", "path", "published", "source"}``; the contract's);
- a **folder**: every article file in it (``.txt .md .html .docx .pdf``), in name order, its id
  the file's stem and no publication date unless the text has one;
- a **records file**, JSONL or Parquet, each row ``{id, title, text, published, source}``.

An item carries the article's bytes or text, not a path, so a worker on another machine of a
Ray cluster needs no shared disk. A line or row that cannot be read becomes an item with its
``error``, and the batch goes on.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

from ..reading.text import MAX_BYTES, SUPPORTED_EXTS, InputError, validate_date


@dataclass
class BatchItem:
    """One article of a batch, as a worker needs it (plain data, so Ray can ship it)."""

    id: str
    name: str  # where it came from, for messages: "manifest line 3", "a.txt", "records.parquet row 7"
    data: bytes | None = None  # a file's bytes (parsed by its extension in ``name``) ...
    text: str | None = None  # ... or a record's text
    title: str | None = None
    published: str | None = None
    source: str | None = None
    error: str | None = None  # could not be read: the worker passes it on
    extra: dict[str, Any] = field(default_factory=dict)

    def as_row(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "data": self.data, "text": self.text, "title": self.title,
                "published": self.published, "source": self.source, "error": self.error}


def _file_item(art_id: str, path: Path, name: str, published: Any = None, source: Any = None) -> BatchItem:
    try:
        published = validate_date(published)
    except InputError as exc:  # the manifest's line, not the file, holds the date
        return BatchItem(art_id, name, error=f"{name}: {exc}")
    try:
        if path.suffix.lower() not in SUPPORTED_EXTS:
            raise InputError(f"{path.name}: unsupported file type {path.suffix or '(none)'}")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(f"{path.name}: {size / 1e6:.1f} MB is over the {MAX_BYTES / 1e6:.1f} MB limit")
        data = path.read_bytes()
    except InputError as exc:
        return BatchItem(art_id, name, error=str(exc))
    except OSError as exc:
        return BatchItem(art_id, name, error=f"{path}: cannot read ({exc.strerror or exc})")
    return BatchItem(art_id, path.name, data=data, published=published,
                     source=str(source).strip() if source and str(source).strip() else None)


def _manifest_items(path: Path) -> Iterator[BatchItem]:
    base = path.resolve().parent
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            entry = json.loads(line)  # a malformed manifest is refused whole, as the contract says
            if not isinstance(entry, dict) or "path" not in entry:
                raise ValueError(f"line {n}: expected an object with a 'path'")
            p = Path(entry["path"])
            if not p.is_absolute() and not p.exists():
                p = base / p
            art_id = str(entry.get("id") or p.stem or n)
            yield _file_item(art_id, p, f"{path.name} line {n}", entry.get("published"), entry.get("source"))


def _record_item(rec: Any, n: int, name: str) -> BatchItem:
    label = f"{name} row {n}"
    if not isinstance(rec, dict):
        return BatchItem(str(n), label, error=f"{label}: expected an object with a 'text' field")
    art_id = str(rec.get("id") or n)
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        return BatchItem(art_id, label, error=f"{label}: no 'text' (or it is empty)")
    try:
        published = validate_date(rec.get("published"))
    except InputError as exc:
        return BatchItem(art_id, label, error=f"{label}: {exc}")
    title = rec.get("title")
    source = rec.get("source")
    return BatchItem(art_id, label, text=text, title=str(title) if title else None, published=published,
                     source=str(source) if source else None)


def _jsonl_records(path: Path) -> Iterator[BatchItem]:
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                yield BatchItem(str(n), f"{path.name} line {n}", error=f"{path.name} line {n}: malformed JSON "
                                                                        f"({exc.msg})")
                continue
            yield _record_item(rec, n, path.name)


def _parquet_records(path: Path) -> Iterator[BatchItem]:
    import pyarrow.parquet as pq

    n = 0
    for batch in pq.ParquetFile(path).iter_batches(batch_size=1024):
        for rec in batch.to_pylist():
            n += 1
            yield _record_item(rec, n, path.name)


def _first_object(path: Path) -> dict | None:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError:
                    return None
                return obj if isinstance(obj, dict) else None
    return None


def read_items(path: str | Path) -> Iterator[BatchItem]:
    """The articles of a manifest, a folder or a records file (JSONL or Parquet), one item each.

    Raises ``InputError`` when the input itself cannot be read (missing, not a batch), and
    ``ValueError`` for a malformed manifest; a bad line of a good input is an error item."""
    p = Path(path)
    if p.is_dir():
        files = sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in SUPPORTED_EXTS)
        if not files:
            raise InputError(f"{p}: no article files ({', '.join(sorted(e for e in SUPPORTED_EXTS if e))})")
        return (_file_item(f.stem, f, f.name) for f in files)
    if not p.exists():
        raise InputError(f"{p}: no such file or folder")
    if p.suffix.lower() == ".parquet":
        return _parquet_records(p)
    try:
        first = _first_object(p)
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {p}: {exc}") from exc
    if first is not None and "path" in first:
        return _manifest_items(p)
    if first is not None and "text" in first:
        return _jsonl_records(p)
    raise InputError(f"{p}: neither a manifest (lines with 'path') nor records (lines with 'text')")
