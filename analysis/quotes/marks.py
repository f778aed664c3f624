"""Quote marks: pairing straight, curly, low and single marks into top-level ``QuoteSpan``s.

Marks are paired per paragraph; nested quotes stay inside their outer quote.
An opening mark left open at the end of a paragraph carries on when the next
paragraph opens with a mark, as news style writes long quotes. Odd marks never
raise: an unmatched closer is ignored, an unmatched opener runs to the end of
its paragraph. No parser is needed here.
"""
from __future__ import annotations

import re

from dataclasses import dataclass
from typing import Sequence

from ..records import Block

DOUBLE_OPEN = "\u201c\u201e\u00ab\u201f"  # “ „ « ‟
DOUBLE_CLOSE = "\u201d\u00bb"  # ” »
DOUBLE_STRAIGHT = "\"\uff02"
SINGLE_OPEN = "\u2018\u201a\u2039"  # ‘ ‚ ‹
SINGLE_CLOSE = "\u2019\u203a"  # ’ ›
SINGLE_STRAIGHT = "'"
ALL_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_STRAIGHT + SINGLE_OPEN + SINGLE_CLOSE + SINGLE_STRAIGHT
_OPEN_BEFORE = set("([{\u2014\u2013-/:;" + DOUBLE_OPEN + SINGLE_OPEN + DOUBLE_STRAIGHT + SINGLE_STRAIGHT)
_CLOSE_AFTER = set(".,;:!?)]}\u2014\u2013-\u2026/" + DOUBLE_CLOSE + SINGLE_CLOSE + DOUBLE_STRAIGHT + SINGLE_STRAIGHT)
MAX_SINGLE_QUOTE = 400  # a "single-quoted" stretch longer than this is apostrophes, not a quote


@dataclass
class QuoteSpan:
    """A top-level stretch between quote marks, in article offsets.

    ``open``/``close`` include the marks; ``start``/``end`` are the words
    inside them. ``continues`` marks a paragraph that carries on a quote
    left open at the end of the paragraph before.
    """

    open: int
    close: int
    start: int
    end: int
    block: int
    double: bool = True
    continues: bool = False
    unclosed: bool = False
    used: bool = False


def strip(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` less the white space at its edges."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _scan_block(text: str, lo: int, hi: int) -> tuple[list[tuple[int, int, bool]], int | None, list[int]]:
    """Pair the marks of one paragraph.

    Returns (closed top-level spans as (open, close_excl, is_double), the
    offset of a top-level opener left unclosed or None, offsets of stray
    double closers met at depth 0).
    """
    spans: list[tuple[int, int, bool]] = []
    strays: list[int] = []
    stack: list[tuple[str, int]] = []  # ("d"|"s", offset)
    for i in range(lo, hi):
        c = text[i]
        if c not in ALL_MARKS:
            continue
        prev = text[i - 1] if i > lo else " "
        nxt = text[i + 1] if i + 1 < hi else " "
        open_ctx = prev.isspace() or prev in _OPEN_BEFORE
        close_ctx = (not prev.isspace()) and (nxt.isspace() or nxt in _CLOSE_AFTER)
        has_double = any(k == "d" for k, _ in stack)
        if c in DOUBLE_OPEN or c in DOUBLE_CLOSE or c in DOUBLE_STRAIGHT:
            if c in DOUBLE_OPEN:
                action = "open"
            elif c in DOUBLE_CLOSE:
                # Some texts write ” for both marks: at depth 0 in an opening position it opens.
                action = "close" if has_double or not (open_ctx and not close_ctx) else "open"
            else:
                if has_double:
                    action = "open" if (open_ctx and not close_ctx and not nxt.isspace()) else "close"
                else:
                    action = "open" if (open_ctx or not close_ctx) else "close"
            if action == "open":
                outer = next((at for kind, at in reversed(stack) if kind == "d"), None)
                before = text[lo:i].rstrip()
                if outer is not None and before[-1:] in (".", "!", "?"):
                    # A double mark that opens after a full stop inside a double quote: the outer quote was
                    # never closed (quotes within quotes take single marks). It held only its first
                    # sentence; what follows it is narrative.
                    end = re.search(r"[.!?](?=\s)", text[outer + 1:i])
                    stop = outer + 1 + end.end() if end else i
                    while stack:
                        kind, at = stack.pop()
                        if kind == "d" and at == outer:
                            break
                    if not stack:
                        spans.append((outer, stop + 1, True))
                stack.append(("d", i))
            elif has_double:
                # Close the innermost double; singles opened inside it and never closed were apostrophes.
                while stack:
                    kind, at = stack.pop()
                    if kind == "d":
                        break
                if not stack:
                    spans.append((at, i + 1, True))
            else:
                strays.append(i)
            continue
        # Single marks: only clear pairs count, since ' and ’ are mostly apostrophes.
        is_open = c in SINGLE_OPEN or c in SINGLE_STRAIGHT
        is_close = c in SINGLE_CLOSE or c in SINGLE_STRAIGHT
        if is_close and stack and stack[-1][0] == "s" and close_ctx and not (prev.isalpha() and nxt.isalpha()):
            kind, at = stack.pop()
            if not stack and i + 1 - at <= MAX_SINGLE_QUOTE:
                spans.append((at, i + 1, False))
            continue
        if is_open and open_ctx and (nxt.isalnum() or nxt in "[(\u2026."):
            stack.append(("s", i))
    unclosed = None
    for kind, at in stack:  # the outermost double still open
        if kind == "d":
            unclosed = at
            break
    return spans, unclosed, strays


def find_quote_spans(text: str, blocks: Sequence[Block]) -> list[QuoteSpan]:
    """Top-level quoted stretches of an article, paragraph by paragraph, in text order.

    Never raises: unbalanced marks degrade to shorter or fewer spans.
    """
    out: list[QuoteSpan] = []
    carry = False  # the previous paragraph ended inside an open quote
    ordered = sorted(blocks, key=lambda b: b.start)
    for bi, block in enumerate(ordered):
        lo, hi = max(0, block.start), min(len(text), block.end)
        if hi <= lo:
            carry = False
            continue
        spans, unclosed, strays = _scan_block(text, lo, hi)
        first_char = strip(text, lo, hi)[0]
        starts_with_mark = first_char < hi and text[first_char] in DOUBLE_OPEN + DOUBLE_STRAIGHT
        new: list[QuoteSpan] = []
        if carry and strays and not starts_with_mark:
            # A continued quote whose opening mark was left out: it runs to the first stray closer.
            s, e = strip(text, lo, strays[0])
            if e > s:
                new.append(QuoteSpan(lo, strays[0] + 1, s, e, block.index, continues=True))
            spans = [sp for sp in spans if sp[0] > strays[0]]
        for o, c, dbl in spans:
            s, e = strip(text, o + 1, c - 1)
            if e > s:
                new.append(QuoteSpan(o, c, s, e, block.index, double=dbl))
        next_block = ordered[bi + 1] if bi + 1 < len(ordered) else None
        next_opens = False
        if next_block is not None:
            ns = strip(text, next_block.start, min(len(text), next_block.end))[0]
            next_opens = ns < len(text) and text[ns] in DOUBLE_OPEN + DOUBLE_STRAIGHT
        carry_now = False
        if unclosed is not None:
            s, e = strip(text, unclosed + 1, hi)
            if e > s and not any(sp.open <= unclosed < sp.close for sp in new):
                # An opener left open runs to the end of its paragraph; it carries on only when
                # the next paragraph opens with a mark, as news style writes long quotes.
                new.append(QuoteSpan(unclosed, hi, s, e, block.index, unclosed=True))
                carry_now = next_opens
        new.sort(key=lambda sp: sp.open)
        if carry and new and new[0].open == first_char:
            new[0].continues = True
        out.extend(new)
        carry = carry_now
    return out
