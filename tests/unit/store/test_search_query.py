"""The search query's caps (issue 16, item 9): a query is cut to MAX_QUERY_CHARS characters and
MAX_QUERY_TERMS distinct words before it reaches FTS5, and the cut is described for the page."""
from __future__ import annotations

import pytest

from store.search import MAX_QUERY_CHARS, MAX_QUERY_TERMS, query_terms


def test_the_caps_are_small_enough_to_keep_a_search_fast():
    assert 100 <= MAX_QUERY_CHARS <= 500 and 5 <= MAX_QUERY_TERMS <= 20


def test_an_ordinary_query_is_searched_whole_with_no_note():
    assert query_terms("ceasefire talks in Cairo") == (["ceasefire", "talks", "in", "Cairo"], None)
    assert query_terms("  ") == ([], None)


def test_a_word_repeated_1500_times_is_searched_once_and_the_cut_is_said():
    terms, note = query_terms(" ".join(["said"] * 1500))
    assert terms == ["said"]
    assert note and f"first {MAX_QUERY_CHARS} characters" in note and "7,499" in note


def test_repeats_differing_in_case_count_once():
    assert query_terms("Said said SAID talks")[0] == ["Said", "talks"]


def test_too_many_distinct_words_keep_the_first_ones():
    words = [f"w{i}" for i in range(40)]
    terms, note = query_terms(" ".join(words))
    assert terms == words[:MAX_QUERY_TERMS]
    assert note and f"first {MAX_QUERY_TERMS} distinct words" in note


@pytest.mark.parametrize("query", ["a" * 10_000, "é" * 5000 + " x"])
def test_one_enormous_word_is_cut_to_the_character_cap(query):
    terms, note = query_terms(query)
    assert sum(len(t) for t in terms) <= MAX_QUERY_CHARS and note
