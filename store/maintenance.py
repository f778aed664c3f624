"""Store maintenance: check a store file, back it up (SQLite's online backup API), restore a backup.

Nothing here writes over a file it could not read: a store that is replaced (a damaged one, or a good
one with ``force``) is renamed aside with its WAL, never deleted, and a backup is written to a new file
beside its destination and linked into place only once it is whole and checked.
"""
from __future__ import annotations

import datetime as _dt
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from .database import StoreDamaged, StoreError, check_file

SIDE_FILES = ("-wal", "-shm")


@dataclass
class CheckReport:
    path: Path
    problems: list[str] = field(default_factory=list)
    schema_version: int | None = None
    articles: int | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def _connect(path: Path) -> sqlite3.Connection:
    check_file(path)
    return sqlite3.connect(path, timeout=30, isolation_level=None)


def check(path: str | os.PathLike, *, full: bool = True) -> CheckReport:
    """Read the whole file: SQLite's header, ``integrity_check`` (``quick_check`` when not ``full``) and the
    store's version and article count. Never writes; a missing file is a problem too."""
    path = Path(path)
    report = CheckReport(path)
    if not path.exists():
        report.problems.append(f"there is no store at {path}")
        return report
    try:
        con = _connect(path)
    except StoreDamaged as exc:
        report.problems.append(str(exc).split(". Nothing was written")[0])
        return report
    try:
        rows = [r[0] for r in con.execute(f"PRAGMA {'integrity_check' if full else 'quick_check'}(20)")]
        if rows != ["ok"]:
            report.problems.extend(rows)
            return report
        if con.execute("SELECT 1 FROM sqlite_master WHERE name='meta'").fetchone() is None:
            report.problems.append("an SQLite database, but not a newslens store (no meta table)")
            return report
        row = con.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
        report.schema_version = int(row[0]) if row else None
        report.articles = con.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    except sqlite3.OperationalError as exc:
        raise StoreError(f"cannot check the store {path}: {exc}") from None
    except sqlite3.DatabaseError as exc:
        report.problems.append(str(exc))
    finally:
        con.close()
    return report


def _copy(src_path: Path, dest: Path) -> None:
    """SQLite's backup API, ``src_path`` -> a new file beside ``dest``, checked, then linked to ``dest``
    (which must not exist)."""
    tmp = dest.with_name(f".{dest.name}.part-{os.getpid()}")
    try:
        src = _connect(src_path)
        try:
            dst = sqlite3.connect(tmp, isolation_level=None)
            try:
                src.backup(dst)
                rows = [r[0] for r in dst.execute("PRAGMA quick_check(5)")]
                if rows != ["ok"]:
                    raise StoreError(f"the copy of {src_path} does not check: {'; '.join(rows)}")
                dst.execute("PRAGMA journal_mode=WAL")  # as a store is kept
            finally:
                dst.close()
        finally:
            src.close()
        os.link(tmp, dest)
    except FileExistsError:
        raise StoreError(f"{dest} exists: nothing was written over it; choose another name") from None
    except sqlite3.OperationalError as exc:
        raise StoreError(f"cannot copy {src_path} to {dest}: {exc}") from None
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot copy {src_path}: it is damaged ({exc})") from None
    except OSError as exc:
        raise StoreError(f"cannot write {dest}: {exc.strerror or exc}") from None
    finally:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{tmp}{suffix}").unlink(missing_ok=True)


def backup(path: str | os.PathLike, dest: str | os.PathLike) -> CheckReport:
    """Copy the store (online: the app may keep running) to ``dest``, a new file; returns the copy's check."""
    path, dest = Path(path), Path(dest)
    if not path.exists():
        raise StoreError(f"there is no store at {path} to back up")
    if dest.exists():
        raise StoreError(f"{dest} exists: nothing was written over it; choose another name")
    _copy(path, dest)
    return check(dest)


def restore(backup_path: str | os.PathLike, path: str | os.PathLike, *,
            force: bool = False) -> tuple[CheckReport, Path | None]:
    """Put a checked backup at the store's path. A store there that reads well is replaced only with
    ``force``; whatever was there is renamed aside (returned), never deleted. Stop the app first."""
    backup_path, path = Path(backup_path), Path(path)
    got = check(backup_path)
    if not got.ok:
        raise StoreError(f"the backup {backup_path} is not a good store: {'; '.join(got.problems)}; "
                         f"nothing was changed")
    aside = None
    if path.exists():
        here = check(path)
        if here.ok and not force:
            raise StoreError(f"the store {path} reads well ({here.articles} article(s)); restoring would replace it. "
                             f"Add --force to replace it (it is kept as {path.name}.replaced-…); nothing was changed")
        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        aside = path.with_name(f"{path.name}.{'replaced' if here.ok else 'damaged'}-{stamp}")
        try:
            os.rename(path, aside)
            for suffix in SIDE_FILES:  # the WAL goes with its file, or SQLite would read it into the restored one
                if Path(f"{path}{suffix}").exists():
                    os.rename(f"{path}{suffix}", f"{aside}{suffix}")
        except OSError as exc:
            raise StoreError(f"cannot move {path} aside: {exc.strerror or exc}") from None
    _copy(backup_path, path)
    return check(path), aside
