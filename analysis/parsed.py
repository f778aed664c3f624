"""An article together with its spaCy Docs, one per block.

Each block (title, standfirst, heading, paragraph) is parsed on its own, so no
sentence or entity crosses a block boundary. ``BlockDoc`` maps a Doc's
block-relative offsets back to offsets in ``Article.text``. These objects live
only during analysis; nothing downstream of the analysis keeps a Doc.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterator, Union

from .records import Article, Block, Problem, Sentence

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

#: ``Doc.user_data`` key under which a spaCy component leaves the errors it could not mend.
PROBLEMS_KEY = "newslens_problems"


@dataclass
class BlockDoc:
    block: Block
    doc: "Doc"
    first_sentence: int  # article-wide index of the block's first sentence
    _sent_starts: dict[int, int] | None = field(default=None, init=False, repr=False, compare=False)

    def start_of(self, item: Union["Span", "Token"]) -> int:
        """Article offset where a token or span starts."""
        idx = item.idx if hasattr(item, "idx") else item.start_char
        return self.block.start + idx

    def end_of(self, item: Union["Span", "Token"]) -> int:
        """Article offset where a token or span ends (exclusive)."""
        if hasattr(item, "idx"):
            return self.block.start + item.idx + len(item.text)
        return self.block.start + item.end_char

    def offsets(self, item: Union["Span", "Token"]) -> tuple[int, int]:
        return self.start_of(item), self.end_of(item)

    def sentence_index(self, item: Union["Span", "Token"]) -> int:
        """Article-wide sentence index of a token or span."""
        if self._sent_starts is None:  # one pass over the Doc's sentences, not one per call
            self._sent_starts = {s.start: i for i, s in enumerate(self.doc.sents)}
        return self.first_sentence + self._sent_starts.get(item.sent.start, 0)


@dataclass
class ParsedArticle:
    article: Article
    block_docs: list[BlockDoc] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # what a spaCy component could not do

    @property
    def text(self) -> str:
        return self.article.text

    def iter_sents(self) -> Iterator[tuple[BlockDoc, "Span", int]]:
        """Every sentence as (block doc, spaCy span, article-wide index)."""
        for bd in self.block_docs:
            for i, s in enumerate(bd.doc.sents):
                yield bd, s, bd.first_sentence + i

    def sentence_at(self, offset: int) -> Sentence | None:
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return None


def assemble(article: Article, docs: list["Doc"]) -> ParsedArticle:
    """Pair an article's blocks with their Docs and number the sentences."""
    parsed = ParsedArticle(article=article)
    n = 0
    for block, doc in zip(article.blocks, docs):
        bd = BlockDoc(block=block, doc=doc, first_sentence=n)
        parsed.block_docs.append(bd)
        for message in doc.user_data.get(PROBLEMS_KEY, []):
            parsed.problems.append(Problem("entities", f"block {block.index}: {message}"))
        for s in doc.sents:
            text = s.text
            lead = len(text) - len(text.lstrip())
            trail = len(text) - len(text.rstrip())
            parsed.sentences.append(Sentence(index=n, block_index=block.index,
                                             start=block.start + s.start_char + lead,
                                             end=block.start + s.end_char - trail))
            n += 1
    return parsed


def parse_article(nlp: "Language", article: Article) -> ParsedArticle:
    """Parse one article with the given pipeline (tests and small jobs)."""
    docs = list(nlp.pipe(b.text for b in article.blocks))
    return assemble(article, docs)
