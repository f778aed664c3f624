"""The bounds on the extracted text (analysis/reading/limits.py), the .docx expansion cap, one bad
article kept from its neighbours (analysis.pipeline.analyze_each), and the steps that were quadratic."""
from __future__ import annotations

import io
import time
import zipfile

import pytest

from analysis.reading import InputError, parse_bytes, parse_text
from analysis.reading.limits import MAX_ARTICLE_CHARS, MAX_BLOCK_CHARS, MAX_DOCX_XML_BYTES, split_span
from tests.conftest import make_article

SENTENCE = "The council met on Monday and the mayor said the plan would go ahead. "


def test_a_text_over_the_article_bound_is_refused_naming_the_bound():
    text = "Long report\n\n" + "word " * (MAX_ARTICLE_CHARS // 5 + 10)
    t0 = time.perf_counter()
    with pytest.raises(InputError) as err:
        parse_text(text, source="long.txt")
    assert time.perf_counter() - t0 < 1.0  # before the layout's work, and no spaCy
    assert str(err.value) == (f"long.txt: the text is {len(text):,} characters, over the limit of "
                              f"{MAX_ARTICLE_CHARS:,} characters per article")


def test_a_file_over_the_article_bound_is_refused_through_parse_bytes():
    with pytest.raises(InputError, match="characters per article"):
        parse_bytes(("x " * MAX_ARTICLE_CHARS).encode(), "big.txt")


def test_html_is_bounded_on_its_extracted_text_not_its_markup():
    markup = "<div class='x'></div>" * 6000  # 132,000 characters of markup, a few of text
    a = parse_text(f"<html><body>{markup}<p>The mayor spoke on Monday.</p></body></html>", fmt="html")
    assert a.text == "The mayor spoke on Monday."
    with pytest.raises(InputError, match="characters per article"):
        parse_text("<html><body>" + "<p>A short line of text.</p>" * 5000 + "</body></html>", fmt="html")


def test_a_single_huge_block_is_split_at_sentence_ends_within_the_bound():
    body = SENTENCE * (3 * MAX_BLOCK_CHARS // len(SENTENCE))  # one paragraph, about 30,000 characters
    a = parse_text("Huge paragraph\n\n" + body)
    paragraphs = [b for b in a.blocks if b.kind == "paragraph"]
    assert len(paragraphs) == 4  # 29,962 characters in pieces of whole sentences of 71
    for b in a.blocks:
        assert len(b.text) <= MAX_BLOCK_CHARS
        assert a.text[b.start:b.end] == b.text
    assert [b.index for b in a.blocks] == list(range(len(a.blocks)))
    assert all(b.text.endswith("ahead.") for b in paragraphs[:-1])  # cut after a full stop, never mid-sentence
    assert " ".join(b.text for b in paragraphs).split() == body.split()  # no word lost or doubled
    assert a.title == "Huge paragraph"


def test_a_block_with_no_sentence_end_is_split_at_a_space_then_at_the_bound():
    text = "word " * 5000  # 25,000 characters, no full stop
    spans = split_span(text, 0, len(text), 10_000)
    assert all(y - x <= 10_000 and not text[x:y].startswith(" ") for x, y in spans)
    assert " ".join(text[x:y] for x, y in spans).split() == text.split()
    solid = "x" * 25_000
    assert split_span(solid, 0, len(solid), 10_000) == [(0, 10_000), (10_000, 20_000), (20_000, 25_000)]


def test_a_huge_title_keeps_its_first_piece_and_the_rest_are_paragraphs():
    from analysis.reading.limits import split_units

    text = SENTENCE * 300  # 21,300 characters
    units = split_units(text, [("title", 0, len(text.rstrip()))], 10_000)
    assert [k for k, _, _ in units] == ["title", "paragraph", "paragraph"]


def _docx_bytes(document_xml_tail: bytes = b"", repeat: int = 0) -> bytes:
    """A real .docx (python-docx), its document.xml padded with ``repeat`` copies of a paragraph."""
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_heading("Port closes", 0)
    d.add_paragraph("The mayor said the port would close on Monday.")
    buf = io.BytesIO()
    d.save(buf)
    if not repeat:
        return buf.getvalue()
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for m in src.infolist():
            data = src.read(m)
            if m.filename == "word/document.xml":
                at = data.index(b"</w:body>")
                data = data[:at] + document_xml_tail * repeat + data[at:]
            z.writestr(m, data)
    return out.getvalue()


PARA_XML = b"<w:p><w:r><w:t>The mayor said the port would close again on Monday.</w:t></w:r></w:p>"


def test_a_docx_bomb_is_refused_quickly_before_python_docx_reads_it():
    bomb = _docx_bytes(PARA_XML, repeat=400_000)  # about 35 MB of XML in a file of about 0.15 MB
    assert len(bomb) < 500_000
    t0 = time.perf_counter()
    with pytest.raises(InputError) as err:
        parse_bytes(bomb, "bomb.docx")
    assert time.perf_counter() - t0 < 1.0
    assert "bomb.docx: its XML inflates to" in str(err.value)
    assert f"over the limit of {MAX_DOCX_XML_BYTES / 1e6:.1f} MB of XML" in str(err.value)


def test_a_docx_part_that_inflates_too_many_times_is_refused_under_the_xml_cap(monkeypatch):
    import analysis.reading.formats as formats

    monkeypatch.setattr(formats, "MAX_DOCX_XML_BYTES", 100 * 1024 * 1024)  # only the ratio can refuse it
    bomb = _docx_bytes(PARA_XML, repeat=100_000)  # about 8.7 MB that deflate over 100 times
    with pytest.raises(InputError, match=r"word/document.xml inflates \d+ times, over the limit of 100"):
        parse_bytes(bomb, "ratio.docx")


def test_a_docx_within_the_caps_is_read():
    a = parse_bytes(_docx_bytes(PARA_XML, repeat=50), "ok.docx")
    assert a.title == "Port closes" and len(a.blocks) == 52


# ------------------------------------------------------------------ one bad article, not its neighbours
def test_an_article_over_a_bound_is_refused_before_any_work(monkeypatch):
    """An Article made by hand (not through the readers) with a block over the bound: refused, and
    spaCy is never loaded for it."""
    import analysis.pipeline as pipeline
    from analysis.pipeline import analyze_each

    monkeypatch.setattr(pipeline, "get_nlp", lambda: pytest.fail("spaCy was loaded"))
    monkeypatch.setattr(pipeline, "analyze_articles", lambda *a, **k: pytest.fail("the stream was started"))
    big = make_article("x" * (MAX_BLOCK_CHARS + 1))
    big.source = "big.txt"
    [out] = list(analyze_each([big]))
    assert out.result is None
    assert out.error == (f"big.txt: block 0 is {MAX_BLOCK_CHARS + 1:,} characters, over the limit of "
                         f"{MAX_BLOCK_CHARS:,} characters per block")


def test_an_article_spacy_refuses_takes_only_itself_down(nlp, monkeypatch):
    """All three share one nlp.pipe stream; the middle one breaks it (E088 under a lowered max_length),
    and only it fails: its neighbours are analysed as if it were not there."""
    from analysis.pipeline import analyze_article, analyze_each

    first = make_article("The mayor of Lisbon, Ana Silva, said on Monday that the port would close.")
    last = make_article("Officials in Porto said the river rose on Tuesday.")
    alone = [analyze_article(first, nlp, sentiment=False), analyze_article(last, nlp, sentiment=False)]
    bad = make_article("Word " * 200)
    monkeypatch.setattr(nlp, "max_length", 500)
    out = list(analyze_each([first, bad, last], nlp, sentiment=False))
    assert [o.article for o in out] == [first, bad, last]
    assert out[1].result is None and "E088" in out[1].error and out[1].error.startswith("analysis failed: ")
    for o, ref in zip((out[0], out[2]), alone):
        assert o.error is None
        assert [(a.name, a.type) for a in o.result.actors] == [(a.name, a.type) for a in ref.actors]
        assert [(e.start, e.value) for e in o.result.events] == [(e.start, e.value) for e in ref.events]


# ------------------------------------------------------------------ the steps that were quadratic
def test_mark_in_quote_is_one_bisect_a_mention():
    from analysis.quotes import mark_in_quote
    from analysis.records import Mention, Quote

    def quote(s: int, e: int) -> Quote:
        return Quote(start=s, end=e, text="", kind="direct", cue="said", cue_start=0, cue_end=0, speaker_id=None,
                     speaker_name=None, speaker_nation=None, speaker_kind="none", speaker_start=None, speaker_end=None,
                     sentence_index=0, block_index=0, pieces=((s, e),))

    small = [quote(10, 20), quote(15, 40)]
    ms = [Mention(start=s, end=e, text="", label="PERSON", actor_id=None, sentence_index=0,
                  block_index=0) for s, e in
          [(5, 12), (10, 20), (18, 30), (39, 41), (40, 41), (12, 12)]]
    assert [m.in_quote for m in mark_in_quote(ms, small)] == [False, True, True, False, False, True]
    many = [quote(100 * i, 100 * i + 50) for i in range(8000)]
    mentions = [Mention(start=50 * i, end=50 * i + 5, text="", label="PERSON", actor_id=None, sentence_index=0,
                  block_index=0) for i in range(16000)]
    t0 = time.perf_counter()
    marked = mark_in_quote(mentions, many)
    assert time.perf_counter() - t0 < 2.0  # a scan of every piece per mention took minutes here
    assert [m.in_quote for m in marked[:4]] == [True, False, True, False]


def test_sentence_index_walks_the_sentences_once_not_once_a_call():
    from types import SimpleNamespace

    from analysis.parsed import BlockDoc
    from analysis.records import Block

    class Doc:
        walks = 0

        @property
        def sents(self):
            Doc.walks += 1
            return iter([SimpleNamespace(start=i * 10) for i in range(500)])

    bd = BlockDoc(block=Block(0, "paragraph", 0, 1, "x"), doc=Doc(), first_sentence=7)
    got = [bd.sentence_index(SimpleNamespace(sent=SimpleNamespace(start=i * 10))) for i in range(500)]
    assert got == [7 + i for i in range(500)] and Doc.walks == 1


def test_the_batch_worker_keeps_a_stream_failure_to_its_article(nlp, monkeypatch):
    """``python -m analysis batch`` goes through the same ``analyze_each``: one error, two analyses."""
    from analysis.batch.inputs import BatchItem
    from analysis.batch.work import Analyser

    monkeypatch.setattr(nlp, "max_length", 500)
    good = "Mayor Jane Doe said on Monday the vote would wait."
    items = [BatchItem("a", "row 1", text=good, title="One"),
             BatchItem("bad", "row 2", text="Word " * 200, title="Bad"),
             BatchItem("b", "row 3", text=good.replace("Monday", "Friday"), title="Two")]
    out = Analyser().analyse(items)
    assert [o.id for o in out] == ["a", "bad", "b"]
    assert out[1].error.startswith("analysis failed: ValueError: [E088]") and out[1].analysis is None
    assert out[0].error is None and out[2].error is None
    assert "Jane Doe" in {a.name for a in out[2].result().actors}
