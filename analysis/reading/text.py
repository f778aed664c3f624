"""Bytes and dates from outside, checked: the limits, strict decoding, ``InputError``.

Bad input raises ``InputError`` with a message fit to show a person, never anything else.
"""
from __future__ import annotations

import datetime as _dt
import os

MAX_BYTES = int(os.environ.get("NEWSLENS_MAX_FILE_BYTES", str(5 * 1024 * 1024)))
TEXT_EXTS = {".txt", ".text", ""}
MD_EXTS = {".md", ".markdown"}
HTML_EXTS = {".html", ".htm", ".xhtml"}
SUPPORTED_EXTS = TEXT_EXTS | MD_EXTS | HTML_EXTS | {".docx", ".pdf"}


class InputError(ValueError):
    """Input that cannot be turned into an article; the message is for the user."""


#: The publication dates accepted at input (the command lines, the Upload page, CSV/JSONL rows, manifests):
#: from 1 January 1800 to one year after today. A date outside is refused with a message, never stored.
EARLIEST_PUBLISHED = _dt.date(1800, 1, 1)


def latest_published(today: _dt.date | None = None) -> _dt.date:
    """The last publication date accepted: one year after ``today`` (28 February for a 29 February)."""
    today = today or _dt.date.today()
    try:
        return today.replace(year=today.year + 1)
    except ValueError:
        return today.replace(year=today.year + 1, day=28)


def published_range() -> tuple[_dt.date, _dt.date]:
    """(first, last) publication date accepted at input."""
    return EARLIEST_PUBLISHED, latest_published()


def validate_date(value: str | None) -> str | None:
    """Return ``value`` as YYYY-MM-DD, or raise InputError for a bad date or one outside ``published_range()``."""
    if value is None or str(value).strip() == "":
        return None
    value = str(value).strip()
    try:
        day = _dt.date.fromisoformat(value[:10]) if len(value) >= 10 else _dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"bad date {value!r}: expected YYYY-MM-DD") from None
    first, last = published_range()
    if not first <= day <= last:
        raise InputError(f"bad date {value!r}: outside the accepted publication dates, "
                         f"{first.isoformat()} to {last.isoformat()} (one year after today)")
    return day.isoformat()


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
