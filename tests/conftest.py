"""Shared fixtures: one spaCy pipeline per test session, and small article builders.

tests/unit/ mirrors the packages and is fast (`pytest -m "not slow"`); tests/integration/ (store,
command line, AppTest pages) and tests/browser/ (Debian chromium) are marked slow here by folder.
"""
from __future__ import annotations

import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SLOW_FOLDERS = ("integration", "browser")


def pytest_collection_modifyitems(config, items):
    for item in items:
        parts = pathlib.Path(str(item.fspath)).relative_to(ROOT / "tests").parts
        if parts and parts[0] in SLOW_FOLDERS:
            item.add_marker(pytest.mark.slow)


SAMPLE_PATH = ROOT / "data" / "articles" / "000_d54cff22283c4915.txt"
SAMPLE_PUBLISHED = "2025-12-03"


@pytest.fixture(scope="session")
def nlp():
    from analysis.nlp import get_nlp

    return get_nlp()


def make_article(*paragraphs: str, published: str | None = None, headings: tuple[int, ...] = ()):
    """An Article whose blocks are the given paragraphs, joined by blank lines.

    ``headings`` lists the indexes of paragraphs that are headings.
    """
    from analysis.records import Article, Block

    text = ""
    blocks = []
    for i, p in enumerate(paragraphs):
        if text:
            text += "\n\n"
        start = len(text)
        text += p
        blocks.append(Block(index=i, kind="heading" if i in headings else "paragraph",
                            start=start, end=len(text), text=p))
    return Article(text=text, blocks=blocks, published=published)


@pytest.fixture(scope="session")
def parse(nlp):
    """parse(*paragraphs, published=None, headings=()) -> ParsedArticle."""
    from analysis.parsed import parse_article

    def _parse(*paragraphs: str, published: str | None = None, headings: tuple[int, ...] = ()):
        return parse_article(nlp, make_article(*paragraphs, published=published, headings=headings))

    return _parse


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE_PATH.read_text(encoding="utf-8")


@pytest.fixture(autouse=True)
def _fresh_nation_colours():
    """Every test starts with no corpus colour order: a page run in an earlier test sets one for the process."""
    yield
    try:
        from components.charts import set_nation_order
    except ImportError:  # a test environment without the app's dependencies
        return
    set_nation_order([])
