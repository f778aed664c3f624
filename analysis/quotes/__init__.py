"""Quotes and their speakers: direct, partial (mixed) and indirect speech.

The step works in four passes over one parsed article:

1. **Quote marks** (``marks``). ``find_quote_spans`` pairs straight, curly, low
   and single quote marks per paragraph (nested quotes stay inside their outer
   quote; an opening mark left open at the end of a paragraph carries on when
   the next paragraph opens with a mark). Odd marks never raise.
2. **Cues** (``cues``, ``content``). Every reporting verb outside quote marks
   (``say``, ``urge``, ``accuse``, ``reject`` ... from the reporting lexicon,
   ``analysis.lexicon.words.reporting``) and every "according to X" gives a
   cue: its speaker and its content, read from the parse.
3. **Direct quotes** (``attribution``, ``continuation``). Quote spans inside a
   cue's content make it mixed (or direct when the content is the quote); the
   others attach to the cue right before or after them, to the subject of a
   clause that introduces them with a colon or comma, to a headline's
   "Speaker: quote", or, when a whole sentence is quoted with no cue of its
   own, to the speaker of the sentence before. Quotes with no attribution at
   all (scare quotes, titles) are not quotes.
4. **Speakers** (``speakers``, ``sources``, ``antecedents``). Names resolve to
   the actor of their mention; "he"/"she" to the nearest earlier person of
   compatible gender; "the minister" to the nearest earlier person with that
   title; plural or collective sources ("Brazilian officials", "the embassy")
   are groups in their own words with the nation their demonym gives; "a senior
   diplomat" is unnamed. "I" and "we" outside quote marks are the reporter's
   own voice and give no quote.

``index`` is the per-article index the passes share and ``assembly`` turns
cues into records. Public API: ``extract_quotes(parsed, actors, mentions) ->
list[Quote]`` (text order; inputs untouched), ``mark_in_quote(mentions,
quotes) -> list[Mention]`` (new mentions with ``in_quote`` set) and
``find_quote_spans(text, blocks)``.
"""
from __future__ import annotations

from ..lexicon.words import reporting as lexicon
from .extraction import extract_quotes, mark_in_quote
from .marks import QuoteSpan, find_quote_spans

__all__ = ["QuoteSpan", "extract_quotes", "find_quote_spans", "lexicon", "mark_in_quote"]
