"""The highlighter: spans drawn from offsets, and every piece of text escaped."""
from __future__ import annotations

import re

from components.highlight import Span, legend_html, render_article, render_text, snippet_html

HOSTILE = "Hi <script>alert(1)</script> and <img src=x onerror=alert(2)> \"quoted\" & done"


def strip_tags(html: str) -> str:
    import html as h

    return h.unescape(re.sub(r"<[^>]+>", "", html))


def test_text_is_escaped():
    out = render_text(HOSTILE, 0, len(HOSTILE), [])
    assert "<script>" not in out and "<img" not in out
    assert "&lt;script&gt;" in out
    assert strip_tags(out) == HOSTILE


def test_hover_and_tags_are_escaped():
    spans = [Span(0, 2, "entity", label="PERSON", title='"><script>x</script>', tag="<b>evil</b>",
                  data={"actor": '"onmouseover="x'})]
    out = render_text(HOSTILE, 0, len(HOSTILE), spans)
    assert "<script>x" not in out and "<b>evil" not in out and '"onmouseover="' not in out


def test_overlapping_spans_keep_the_text_whole():
    text = "Mayor Jane Doe said \"the harbour will open\" on Monday."
    spans = [Span(6, 14, "entity", label="PERSON"), Span(21, 42, "quote", tag="Jane Doe"),
             Span(26, 33, "entity", label="FAC"), Span(47, 53, "date"), Span(0, len(text), "sentiment")]
    out = render_text(text, 0, len(text), spans)
    assert strip_tags(out).replace("Jane Doe", "", 1) == text.replace("Jane Doe", "", 1) or \
        strip_tags(out).count("Jane Doe") == 2
    assert out.count('class="nl-quote') >= 2  # the quote is cut where the entity inside it starts and ends


def test_article_blocks_render_with_their_kinds():
    text = "Title Here\n\nA paragraph."
    blocks = [{"idx": 0, "kind": "title", "start": 0, "end": 10}, {"idx": 1, "kind": "paragraph", "start": 12,
                                                                   "end": 24}]
    out = render_article(text, blocks, [])
    assert out.count("<h2") == 1 and out.count("<p") == 1
    assert "<span" in legend_html(["PERSON", "<x>"]) and "<x>" not in legend_html(["<x>"])


def test_search_snippet_marks_hits_and_escapes_the_rest():
    out = snippet_html("a <b>x</b> \u0001hit\u0002 & more")
    assert out == "a &lt;b&gt;x&lt;/b&gt; <mark>hit</mark> &amp; more"


def test_reader_spans_carry_hovers_and_the_selection():
    import pandas as pd

    from components import reader

    mentions = pd.DataFrame({"start": [0, 10], "end": [4, 14], "text": ["Jane", "Oslo"], "label": ["PERSON", "GPE"],
                             "actor_id": ["PERSON:jane", None], "actor_name": ["Jane Doe", None],
                             "actor_type": ["PERSON", None], "nation": ["NO", None], "affiliation": [None, None],
                             "role": ["mayor", None], "nation_basis": ["inferred", None],
                             "nation_reason": ["mayor: a public office in a story set in Norway", None]})
    spans = reader.entity_spans(mentions, {"PERSON:jane"})
    assert spans[0].title == ("Jane Doe (PERSON) · nation: Norway (inferred: mayor: a public office in a story set "
                              "in Norway) · role: mayor") and spans[0].selected
    assert spans[1].title == "Oslo (GPE)" and spans[1].dimmed and spans[1].data == {"actor": ""}
    events = pd.DataFrame({"start": [20, 30], "end": [26, 34], "expression": ["Monday", "soon"],
                           "value": pd.Series(["2025-01-06", None], dtype=object), "precision": ["day", None],
                           "end_value": [None, None], "kind": ["date", "date"]})
    assert [s.title for s in reader.date_spans(events)] == ["Monday → 2025-01-06 (day)", "soon: unresolved"]
    people = reader.people_table(mentions)
    assert people.set_index("name").loc["Jane Doe", "nation"] == "Norway"
    assert reader.legend_labels(mentions) == ["GPE", "PERSON"]


def test_a_spokespersons_quote_is_tagged_under_the_principal_and_marked():
    import pandas as pd

    from components.reader import quote_spans

    quotes = pd.DataFrame([{"start": 0, "end": 5, "kind": "indirect", "cue": "said", "speaker": "Tony Blair",
                            "speaker_id": "PERSON:tony-blair", "speaker_kind": "spokesperson"}])
    (span,) = quote_spans(quotes, speakers={"PERSON:tony-blair"}, actors=set())
    assert span.tag == "Tony Blair (spokesperson)" and span.selected
