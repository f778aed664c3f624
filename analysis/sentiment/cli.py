"""The ``target-sentiment`` command: JSONL (text, start, end) in, the model's (label, score) out."""
from __future__ import annotations

import json
import sys
from typing import TextIO

from .model import ModelNotAvailableError, get_model


def _parse_cli_line(line: str, lineno: int) -> tuple[str, int, int]:
    try:
        obj = json.loads(line)
    except ValueError as exc:
        raise ValueError(f"line {lineno}: not valid JSON ({exc.msg})") from None
    if not isinstance(obj, dict):
        raise ValueError(f"line {lineno}: expected a JSON object with text, start, end")
    text, start, end = obj.get("text"), obj.get("start"), obj.get("end")
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"line {lineno}: 'text' must be a non-empty string")
    for name, v in (("start", start), ("end", end)):
        if isinstance(v, bool) or not isinstance(v, int):
            raise ValueError(f"line {lineno}: '{name}' must be an integer")
    if not 0 <= start < end <= len(text):
        raise ValueError(f"line {lineno}: need 0 <= start < end <= len(text) (got {start}, {end}, {len(text)})")
    return text, start, end


def run_target_sentiment_cli(stdin: TextIO, stdout: TextIO, stderr: TextIO | None = None) -> int:
    """``python -m analysis target-sentiment``: JSONL (text, start, end) in, (label, score) out.

    All lines are read and checked first, then scored in one batched call, and
    written in input order. A malformed line: one clear line on stderr, exit 2,
    nothing on stdout. No model: one line on stderr, exit 1.
    """
    err = stderr if stderr is not None else sys.stderr
    items: list[tuple[str, int, int]] = []
    try:
        for lineno, line in enumerate(stdin, 1):
            if not line.strip():
                continue
            items.append(_parse_cli_line(line, lineno))
    except ValueError as exc:
        print(f"target-sentiment: {exc}", file=err)
        return 2
    except UnicodeDecodeError as exc:
        print(f"target-sentiment: input is not valid UTF-8 ({exc.reason})", file=err)
        return 2
    try:
        preds = get_model().predict(items)
    except ModelNotAvailableError as exc:
        print(f"target-sentiment: {exc}", file=err)
        return 1
    for label, score in preds:
        stdout.write(json.dumps({"label": label, "score": round(score, 4)}) + "\n")
    stdout.flush()
    return 0
