"""The quote step: ``extract_quotes`` runs the passes in order; ``mark_in_quote`` tells the other steps.

The step reads the actor step's records and returns quote records only; it
never edits its inputs. ``mark_in_quote`` makes the new mentions, flagged when
inside a quote's content, that the pipeline hands to the later steps.
"""
from __future__ import annotations

import bisect
import dataclasses
from typing import TYPE_CHECKING, Sequence

from ..records import Actor, Mention, Quote
from .assembly import assemble
from .attribution import attach_adjacent, attach_headlines, attach_introduced, attach_surface, snap
from .continuation import attach_floating, continue_speakers
from .cues import CueFinder
from .index import ArticleIndex

if TYPE_CHECKING:  # pragma: no cover
    from ..parsed import ParsedArticle


def extract_quotes(parsed: "ParsedArticle", actors: Sequence[Actor],
                   mentions: Sequence[Mention]) -> list[Quote]:
    """Every attributed quote of an article, in text order.

    Direct, partial (``mixed``) and indirect quotes with their speaker, cue
    and content offsets (``Quote.text == article.text[start:end]``), and the
    pieces of their content (``Quote.pieces``). Odd quote marks
    degrade to fewer quotes; an error in a pass propagates to the pipeline,
    which records it as the article's problem.
    """
    index = ArticleIndex(parsed, actors, mentions)
    finder = CueFinder(index)
    # a headline reports in its own shorthand ("Europe Accuses Putin of …"): it is a quote only in the
    # "Speaker: '…'" form, which ``attach_headlines`` reads
    cues = [c for c in finder.find() if c.bd.block.kind not in ("title", "heading")]
    for cue in cues:
        snap(index, cue)
    attach_adjacent(index, cues)
    attach_surface(index, cues)
    attach_introduced(index, finder, cues)
    attach_headlines(index, cues)
    attach_floating(index, finder, cues)
    continue_speakers(index, cues)
    return assemble(index, cues)


def mark_in_quote(mentions: Sequence[Mention], quotes: Sequence[Quote]) -> list[Mention]:
    """New mentions, in the same order, with ``in_quote`` set for those inside a quote's content.

    A mention is inside when it starts in one of a quote's ``pieces`` and ends
    by that piece's end; the cue and the speaker of a split quote are no pieces.
    """
    # pieces by start, with the furthest end reached so far: a mention is inside when the pieces that
    # start at or before it reach its end (one bisect a mention, not a scan of every piece)
    pieces = sorted((s, e) for q in quotes for s, e in q.pieces)
    starts = [s for s, _ in pieces]
    reach: list[int] = []
    for _, e in pieces:
        reach.append(max(e, reach[-1]) if reach else e)

    def inside(m: Mention) -> bool:
        k = bisect.bisect_right(starts, m.start)
        return k > 0 and reach[k - 1] >= max(m.end, m.start + 1)

    return [dataclasses.replace(m, in_quote=inside(m)) for m in mentions]
