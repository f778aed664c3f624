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
    b = sub.add_parser("batch", help="analyse every article of a manifest, a folder or a records file into a folder")
    b.add_argument("manifest", help="a JSONL manifest {id, path, published}, a folder of article files, "
                                    "or a JSONL/Parquet file of records {id, title, text, published, source}")
    b.add_argument("--out", required=True)
    b.add_argument("--workers", type=int, default=0,
                   help="analyse on Ray Data with this many actors (0: in this process, no Ray)")
    b.add_argument("--address", default=None,
                   help="join the Ray cluster at this address (auto, host:6379, ray://host:10001)")
    b.add_argument("--format", choices=("json", "parquet"), default="json",
                   help="json: DIR/<id>.json as the contract says; parquet: one dataset per table under DIR")
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


def _cmd_batch(args: argparse.Namespace) -> int:
    from .actors import share_nations
    from .batch import InputError, read_items
    from .batch.cluster import Progress, run_on_ray
    from .batch.output import write_json, write_parquet
    from .batch.work import analyse_here

    if args.workers < 0:
        return _fail("--workers must be 0 (this process) or more")
    out = Path(args.out)
    try:
        items = list(read_items(args.manifest))
        out.mkdir(parents=True, exist_ok=True)
    except (InputError, UnicodeDecodeError) as exc:
        return _fail(f"cannot read {args.manifest}: {exc}")
    except ValueError as exc:  # json.JSONDecodeError included
        return _fail(f"malformed manifest {args.manifest}: {exc}")
    except OSError as exc:
        return _fail(f"cannot create {out}: {exc.strerror or exc}")
    on_ray = args.workers > 0 or args.address
    progress = Progress(len(items))
    if on_ray:
        outcomes = run_on_ray(items, workers=max(args.workers, 1), address=args.address, progress=progress)
    else:
        outcomes = analyse_here(items)
    done_outcomes = []
    for o in outcomes:
        if not on_ray:
            progress.step()
        if o.error:
            progress.say(f"analysis: {o.id}: {o.error}")
        done_outcomes.append(o)
    progress.close()
    if on_ray:  # Ray gives them back as they are done: the input's order again
        done_outcomes.sort(key=lambda o: o.index)
    errors = [o for o in done_outcomes if o.error]
    results = [(o.id, o.result()) for o in done_outcomes if not o.error]
    # Corpus memory runs over the whole batch: what one article states completes the others.
    shared = share_nations([r for _, r in results])
    done = [(art_id, r) for (art_id, _), r in zip(results, shared)]
    if args.format == "parquet":
        write_parquet(out, done, errors)
    else:
        write_json(out, done, errors)
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
