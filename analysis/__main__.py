"""Command line of ../shared/CONTRACT.md: ``python -m analysis analyze|batch|target-sentiment``.

Bad input gets one clear line on stderr and a non-zero exit, never a traceback.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2
        sys.stderr.write(f"analysis: {message}\n")
        raise SystemExit(2)


def _build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m analysis", description="News article analysis (article-analysis/1).")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    a = sub.add_parser("analyze", help="analyse one article file and print its JSON")
    a.add_argument("article")
    a.add_argument("--published", default=None, help="publication date, YYYY-MM-DD")
    a.add_argument("--source", default=None, help="the outlet, as a host or URL (bbc.co.uk): it can set the story")
    b = sub.add_parser("batch", help="analyse every article of a JSONL manifest into a folder")
    b.add_argument("manifest")
    b.add_argument("--out", required=True)
    sub.add_parser("target-sentiment", help="JSONL {text,start,end} on stdin -> {label,score} on stdout")
    return p


def _fail(message: str, code: int = 1) -> int:
    sys.stderr.write(f"analysis: {' '.join(str(message).split())}\n")
    return code


def _cmd_analyze(args: argparse.Namespace) -> int:
    from .reading import InputError, read_article, validate_date
    from .contract import to_contract
    from .pipeline import analyze_article

    try:
        published = validate_date(args.published)
        article = read_article(args.article, published=published, source=args.source)
    except InputError as exc:
        return _fail(str(exc))
    result = analyze_article(article)
    json.dump(to_contract(result), sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


def _read_manifest(path: str) -> list[dict]:
    entries = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            entry = json.loads(line)
            if not isinstance(entry, dict) or "path" not in entry:
                raise ValueError(f"line {n}: expected an object with a 'path'")
            entries.append(entry)
    return entries


def _cmd_batch(args: argparse.Namespace) -> int:
    from .reading import InputError, read_article, validate_date
    from .contract import to_contract
    from .actors import share_nations
    from .pipeline import analyze_articles

    try:
        entries = _read_manifest(args.manifest)
    except (OSError, UnicodeDecodeError) as exc:
        return _fail(f"cannot read manifest {args.manifest}: {exc}")
    except ValueError as exc:
        return _fail(f"malformed manifest {args.manifest}: {exc}")
    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return _fail(f"cannot create {out}: {exc.strerror}")
    base = Path(args.manifest).resolve().parent
    articles, ids = [], []
    for n, entry in enumerate(entries):
        art_id = str(entry.get("id") or Path(entry["path"]).stem or n)
        path = Path(entry["path"])
        if not path.is_absolute() and not path.exists():
            path = base / path
        try:
            article = read_article(path, published=validate_date(entry.get("published")), source=entry.get("source"))
        except InputError as exc:
            (out / f"{art_id}.error.json").write_text(json.dumps({"error": str(exc)}), encoding="utf-8")
            sys.stderr.write(f"analysis: {art_id}: {exc}\n")
            continue
        articles.append(article)
        ids.append(art_id)
    # Corpus memory runs over the whole manifest: what one article states completes the others.
    results = share_nations(list(analyze_articles(articles)))
    for art_id, result in zip(ids, results):
        (out / f"{art_id}.json").write_text(json.dumps(to_contract(result), ensure_ascii=False), encoding="utf-8")
    return 0


def _cmd_target_sentiment(args: argparse.Namespace) -> int:
    from .sentiment import run_target_sentiment_cli

    return run_target_sentiment_cli(sys.stdin, sys.stdout)


def main(argv: list[str] | None = None) -> int:
    """Entry point; returns the exit code."""
    args = _build_parser().parse_args(argv)
    handlers = {"analyze": _cmd_analyze, "batch": _cmd_batch, "target-sentiment": _cmd_target_sentiment}
    try:
        return handlers[args.command](args)
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except BrokenPipeError:
        return 1
    except Exception as exc:  # a bug, not bad input: still one line, with where to look
        if os.environ.get("NEWSLENS_DEBUG"):
            raise
        return _fail(f"internal error: {type(exc).__name__}: {exc} (set NEWSLENS_DEBUG=1 for details)")


if __name__ == "__main__":
    sys.exit(main())
