"""Hypothesis against the parsers: no input raises anything but InputError, offsets always round-trip."""
from __future__ import annotations

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from analysis.reading import InputError, parse_bytes, parse_text  # noqa: E402
from analysis.reading import expand_upload  # noqa: E402

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
texty = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)
linesy = st.lists(st.one_of(st.just(""), st.just("# Heading"), st.just("Title Case Line Here"),
                            st.just("A sentence that ends."), st.just("\u201cA quote,\u201d she said."),
                            texty), max_size=12).map("\n".join)


def check(article) -> None:
    for b in article.blocks:
        assert article.text[b.start:b.end] == b.text


@FAST
@given(linesy, st.sampled_from(["txt", "md", "html", "paste"]))
def test_parse_text_never_crashes(text, fmt):
    try:
        check(parse_text(text, fmt=fmt))
    except InputError:
        pass


@FAST
@given(st.binary(max_size=600), st.sampled_from(["a.txt", "a.md", "a.html", "a.docx", "a.pdf"]))
def test_parse_bytes_never_crashes(data, name):
    try:
        check(parse_bytes(data, name))
    except InputError:
        pass


@FAST
@given(st.binary(max_size=600), st.sampled_from(["b.zip", "b.jsonl", "b.csv", "b.txt", "b.gz"]))
def test_expand_upload_never_raises(data, name):
    items = expand_upload(name, data)
    assert items and all((i.article is None) != (i.error is None) for i in items)
