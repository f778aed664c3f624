"""Command line of the corpus: ``python -m corpus ingest FILE... [--published YYYY-MM-DD]``, into the app's store,
or ``python -m corpus ingest --parquet DIR`` for the tables of a batch run on Ray (bulk, no analysis).

Bad input (missing, binary, undecodable or empty file, bad date) gets one line on
stderr and a non-zero exit, never a traceback; the good files are still stored.
Each problem of a stored article (a step of the analysis that failed) is one line
on stderr; the article is stored without that step's records.
"""
from __future__ import annotations

import argparse
import os
import sys
import time

from analysis.reading import InputError, read_article, validate_date
from store import Store, StoreError

from .ingest import ingest_articles, store_analyses, store_each


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2
        sys.stderr.write(f"corpus: {message}\n")
        raise SystemExit(2)


def _build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m corpus", description="The app's corpus: analyse articles into its store.")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    i = sub.add_parser("ingest", help="analyse article files into the app's store ($NEWSLENS_DATA_DIR)")
    i.add_argument("files", nargs="*")
    i.add_argument("--published", default=None, help="publication date, YYYY-MM-DD")
    i.add_argument("--parquet", default=None, metavar="DIR",
                   help="store the analyses of `python -m analysis batch ... --format parquet --out DIR` in bulk: "
                        "one transaction per chunk, no analysis run")
    i.add_argument("--chunk", type=int, default=500, help="articles per transaction with --parquet")
    st = sub.add_parser("store", help="check, back up or restore the app's store ($NEWSLENS_DATA_DIR)")
    ss = st.add_subparsers(dest="action", required=True, parser_class=_Parser)
    ss.add_parser("check", help="read the whole store: SQLite's integrity_check, its version and articles")
    b = ss.add_parser("backup", help="copy the store to a new file (SQLite's backup API; the app may run)")
    b.add_argument("dest")
    r = ss.add_parser("restore", help="put a backup in the store's place (stop the app first); the file "
                                      "that was there is kept beside it")
    r.add_argument("backup")
    r.add_argument("--force", action="store_true", help="replace a store that reads well, too")
    return p


def _cmd_store(args: argparse.Namespace) -> int:
    """``store check|backup DEST|restore BACKUP [--force]``: one line on stdout, or one on stderr and exit 1."""
    from store import maintenance

    path = Store.default_path()
    if args.action == "check":
        if not path.exists():
            _say(f"there is no store at {path}")
            return 1
        report = maintenance.check(path)
        if not report.ok:
            _say(f"{path}: damaged: {'; '.join(report.problems)}. To recover: python -m corpus store restore BACKUP")
            return 1
        print(f"{path}: ok (integrity_check), schema version {report.schema_version}, {report.articles:,} article(s)")
        return 0
    if args.action == "backup":
        report = maintenance.backup(path, args.dest)
        print(f"backed up {path} to {args.dest}: {report.articles:,} article(s), integrity_check ok")
        return 0
    report, aside = maintenance.restore(args.backup, path, force=args.force)
    kept = f"; the file that was there is kept as {aside}" if aside else ""
    print(f"restored {args.backup} to {path}: {report.articles:,} article(s), integrity_check ok{kept}")
    return 0


def _say(message: str) -> None:
    """One line on stderr, whatever the message holds."""
    sys.stderr.write(f"corpus: {' '.join(str(message).split())}\n")


def _cmd_bulk(args: argparse.Namespace) -> int:
    """``ingest --parquet DIR``: the batch's tables into the store, a chunk per transaction."""
    from analysis.batch.tables import read_parquet_analyses

    if args.files:
        _say("give either files or --parquet DIR, not both")
        return 2
    if args.chunk < 1:
        _say("--chunk must be 1 or more")
        return 2
    store = Store.open_default()
    stored = dups = bad = 0
    t0 = time.perf_counter()
    try:
        for chunk in read_parquet_analyses(args.parquet, chunk=args.chunk):
            try:
                outcomes = [(o.added, None) for o in store_analyses(store, chunk)]
            except StoreError as exc:  # the chunk was rolled back: its articles one by one, each guarded
                _say(f"a chunk of {len(chunk)} article(s) was not stored ({exc}); storing them one by one")
                ids = [a.article.id for a in chunk]
                outcomes = [(r.status == "stored", r) for r in store_each(store, chunk, names=ids)]
            for added, r in outcomes:
                if r is not None and r.status == "error":
                    _say(f"{r.name}: {r.message}")
                    bad += 1
                    continue
                stored += added
                dups += not added
            rate = (stored + dups) / max(time.perf_counter() - t0, 1e-9)
            sys.stderr.write(f"corpus: {stored:,} stored, {dups:,} duplicate(s), {rate:.0f} articles/s\n")
    except (OSError, ValueError) as exc:  # a missing folder, a table out of order, an unreadable file
        _say(f"{args.parquet}: {exc}; {stored:,} article(s) stored before it, each whole")
        return 1
    print(f"{stored:,} stored, {dups:,} duplicate(s)" + (f", {bad:,} not stored" if bad else "")
          + f" in {time.perf_counter() - t0:.1f} s")
    return 1 if bad else 0


def _cmd_ingest(args: argparse.Namespace) -> int:
    if args.parquet:
        return _cmd_bulk(args)
    if not args.files:
        _say("give article files, or --parquet DIR")
        return 2
    try:
        published = validate_date(args.published)
    except InputError as exc:
        _say(str(exc))
        return 1
    store = Store.open_default()
    articles, bad = [], 0
    for f in args.files:
        try:
            articles.append(read_article(f, published=published))
        except InputError as exc:
            _say(str(exc))
            bad += 1
    for r in ingest_articles(store, articles):
        if r.status == "error":
            _say(f"{r.name}: {r.message}")
            bad += 1
            continue
        print(f"{r.name}: {r.message}")
        for p in r.problems:
            _say(f"{r.name}: {p.step}: {p.message}")
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    args = _build_parser().parse_args(argv)
    try:
        return {"ingest": _cmd_ingest, "store": _cmd_store}[args.command](args)
    except StoreError as exc:
        _say(str(exc))
        return 1
    except KeyboardInterrupt:
        _say("interrupted")
        return 130
    except BrokenPipeError:
        return 1
    except Exception as exc:  # a bug, not bad input: still one line, with where to look
        if os.environ.get("NEWSLENS_DEBUG"):
            raise
        _say(f"internal error: {type(exc).__name__}: {exc} (set NEWSLENS_DEBUG=1 for details)")
        return 1


if __name__ == "__main__":
    sys.exit(main())
