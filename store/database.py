"""The database: one SQLite file, a connection per thread, serialised writes, one-transaction helpers.

SQLite in WAL mode, chosen over DuckDB because (1) several processes may hold
the file at once (the app, and ``python -m corpus ingest`` run beside it),
which DuckDB forbids; (2) FTS5 full-text search ships inside Python's sqlite3
and works offline; (3) it is in the standard library.
"""
from __future__ import annotations

import datetime as _dt
import os
import sqlite3
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Sequence

import pandas as pd

ENV_DATA_DIR = "NEWSLENS_DATA_DIR"
DEFAULT_DATA_DIR = Path(__file__).resolve().parent.parent / ".newslens-data"


class StoreError(RuntimeError):
    """The store cannot be opened or written; the message is for the user."""


class StoreDamaged(StoreError):
    """The file at the store's path is not a readable store (empty, not SQLite, or corrupt); it is left as it is."""


SQLITE_MAGIC = b"SQLite format 3\x00"
RECOVER = ("Nothing was written to it. To recover, stop the app and run `python -m corpus store restore BACKUP` "
           "(the damaged file is kept beside the restored one), or move the file away to start a new, empty store.")


def damaged(path: Path, what: str) -> StoreDamaged:
    return StoreDamaged(f"the store {path} {what}. {RECOVER}")


def check_file(path: Path) -> None:
    """Refuse a file at ``path`` that cannot be a store, before SQLite may write to it: an empty file (a store
    that was emptied, never one this code creates: a new store appears whole) or one without SQLite's header."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(100)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise StoreError(f"cannot read the store {path}: {exc.strerror}") from None
    if not head:
        raise damaged(path, "is empty (0 bytes): its articles are gone from this file")
    if len(head) < 100 or not head.startswith(SQLITE_MAGIC):
        raise damaged(path, "is not an SQLite database (its header is missing or overwritten)")


def quick_check(con: sqlite3.Connection, path: Path) -> None:
    """SQLite's quick_check over the whole file; a damaged page is a ``StoreDamaged``."""
    try:
        rows = [r[0] for r in con.execute("PRAGMA quick_check(5)").fetchall()]
    except sqlite3.OperationalError as exc:
        raise StoreError(f"cannot check the store {path}: {exc}") from None
    except sqlite3.DatabaseError as exc:
        raise damaged(path, f"is damaged ({exc})") from None
    if rows != ["ok"]:
        raise damaged(path, f"is damaged (quick_check: {'; '.join(rows)})")


def batches(values, size: int = 500) -> Iterator[list]:
    """``values`` in lists of at most ``size``: an ``IN (?, ...)`` stays within SQLite's parameter limit."""
    values = list(values)
    for i in range(0, len(values), size):
        yield values[i:i + size]


def now() -> str:
    """The current UTC time, as the store writes it."""
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def default_path() -> Path:
    return Path(os.environ.get(ENV_DATA_DIR) or DEFAULT_DATA_DIR) / "newslens.sqlite3"


class Database:
    """The SQLite file: a connection per thread; all writes serialised by one lock."""

    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the data directory {self.path.parent}: {exc.strerror}") from None
        self._local = threading.local()
        self.write_lock = threading.RLock()

    def conn(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            check_file(self.path)  # never let SQLite write into a file it could not read
            try:
                con = sqlite3.connect(self.path, timeout=30, check_same_thread=False, isolation_level=None)
                con.execute("PRAGMA busy_timeout=30000")
                # a store is created in WAL mode (schema.create_store); an older one is switched once
                if con.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                    con.execute("PRAGMA journal_mode=WAL")
                con.execute("PRAGMA synchronous=NORMAL")
                con.execute("PRAGMA foreign_keys=ON")
            except sqlite3.OperationalError as exc:  # locked, unreadable directory, out of memory: not damage
                raise StoreError(f"cannot open the store {self.path}: {exc}") from None
            except sqlite3.DatabaseError as exc:  # "file is not a database", "database disk image is malformed"
                raise damaged(self.path, f"cannot be read ({exc})") from None
            self._local.con = con
        return con

    def close(self) -> None:
        con = getattr(self._local, "con", None)
        if con is not None:
            con.close()
            self._local.con = None

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` .. ``COMMIT`` under the write lock; any error rolls back and propagates."""
        with self.write_lock:
            con = self.conn()
            con.execute("BEGIN IMMEDIATE")
            try:
                yield con
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise

    def df(self, sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
        """A read as a DataFrame; a page found damaged (after the store was opened) is a ``StoreDamaged``."""
        try:
            cur = self.conn().execute(sql, tuple(params))
            cols = [d[0] for d in cur.description]
            return pd.DataFrame.from_records(cur.fetchall(), columns=cols)
        except sqlite3.OperationalError:
            raise
        except sqlite3.DatabaseError as exc:
            raise damaged(self.path, f"is damaged ({exc})") from None

    def data_version(self) -> int:
        """A counter bumped by every write; UI caches key on it."""
        try:
            row = self.conn().execute("SELECT value FROM meta WHERE key='data_version'").fetchone()
        except sqlite3.OperationalError:
            raise
        except sqlite3.DatabaseError as exc:
            raise damaged(self.path, f"is damaged ({exc})") from None
        return int(row[0]) if row else 0


def bump(con: sqlite3.Connection) -> None:
    """Count one more write (inside the writer's transaction)."""
    con.execute("INSERT INTO meta VALUES ('data_version', '1') ON CONFLICT(key) DO UPDATE "
                "SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)")
