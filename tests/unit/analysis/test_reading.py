"""Article parsing: every layout, the offsets round-trip, and bad input."""
from __future__ import annotations

import io

import pytest

from analysis.reading import InputError, is_heading_like, parse_bytes, parse_text, read_article, validate_date

SAMPLE_LAYOUT = (
    "Officials warn that the harbour plan is running late, raising doubts about its cost.\n"
    "Harbour Plan Falls Behind Schedule\n"
    "Delays Mount After Council Vote\n"
    "The city council voted on Monday to delay the harbour plan. Mayor Jane Doe said the delay was regrettable.\n"
    "Budget Questions Remain Open\n"
    "Auditors said the budget had grown by a third since 2021.\n"
)

WIRE_LAYOUT = (
    "Storm closes ports along the coast\n"
    "\n"
    "LISBON, March 3, 2024 (Reuters) \u2014 A storm closed ports along the coast on Sunday, officials said.\n"
    "\n"
    "Fishing crews stayed ashore as waves reached eight metres.\n"
)


def roundtrip(article) -> None:
    for b in article.blocks:
        assert article.text[b.start:b.end] == b.text
        assert b.text == b.text.strip() and b.text


def test_sample_layout_standfirst_title_headings_paragraphs():
    a = parse_text(SAMPLE_LAYOUT)
    roundtrip(a)
    kinds = [b.kind for b in a.blocks]
    assert kinds == ["standfirst", "title", "heading", "paragraph", "heading", "paragraph"]
    assert a.title == "Harbour Plan Falls Behind Schedule"
    assert a.standfirst.startswith("Officials warn")


def test_wire_layout_title_dateline_and_published_from_dateline():
    a = parse_text(WIRE_LAYOUT)
    roundtrip(a)
    assert [b.kind for b in a.blocks] == ["title", "paragraph", "paragraph"]
    assert a.title == "Storm closes ports along the coast"
    assert a.published == "2024-03-03" and a.published_source == "dateline"


def test_metadata_date_beats_dateline():
    a = parse_text(WIRE_LAYOUT, published="2024-03-04")
    assert a.published == "2024-03-04" and a.published_source == "metadata"


def test_dateline_without_year_leaves_date_unknown():
    a = parse_text("Title of the piece\n\nWASHINGTON (AP) \u2014 The senate met on Tuesday.\n\nMore.")
    assert a.published is None


def test_hard_wrapped_paragraphs_stay_whole():
    text = "A title for it\n\nThis paragraph is wrapped\nacross two lines by an editor.\n\nSecond one."
    a = parse_text(text)
    roundtrip(a)
    assert [b.kind for b in a.blocks] == ["title", "paragraph", "paragraph"]
    assert "\n" in a.blocks[1].text


def test_markdown_headings():
    md = "# Main Title\n\nFirst paragraph here.\n\n## A Section\n\nSecond paragraph,\nwrapped.\n"
    a = parse_bytes(md.encode(), "x.md")
    roundtrip(a)
    assert [b.kind for b in a.blocks] == ["title", "paragraph", "heading", "paragraph"]
    assert a.title == "Main Title" and a.blocks[2].text == "A Section"


def test_html_drops_scripts_keeps_headings_and_escaped_text():
    html = ("<html><head><title>T</title><script>alert(1)</script><style>p{color:red}</style></head><body>"
            "<nav>Home | About</nav><h1>Leaders Meet</h1><p>The president <b>said</b> on Monday it went well.</p>"
            "<h2>Next Steps</h2><p>&lt;script&gt;alert('x')&lt;/script&gt; stays text.</p><footer>(c)</footer>"
            "</body></html>")
    a = parse_bytes(html.encode(), "page.html")
    roundtrip(a)
    assert [b.kind for b in a.blocks] == ["title", "paragraph", "heading", "paragraph"]
    assert "alert(1)" not in a.text and "Home | About" not in a.text and "color:red" not in a.text
    assert "<script>alert('x')</script> stays text." in a.text
    assert a.blocks[1].text == "The president said on Monday it went well."


def test_malformed_html_degrades_to_text():
    a = parse_bytes(b"<p>Unclosed <b>bold <i>mess</p><p>Second para", "bad.html")
    assert "Second para" in a.text


def test_docx_styles_become_title_and_headings():
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_heading("Report Title", level=0)
    d.add_paragraph("First paragraph of the report.")
    d.add_heading("A Heading", level=1)
    d.add_paragraph("Second paragraph.")
    buf = io.BytesIO()
    d.save(buf)
    a = parse_bytes(buf.getvalue(), "r.docx")
    roundtrip(a)
    assert [b.kind for b in a.blocks] == ["title", "paragraph", "heading", "paragraph"]


def test_pdf_text_layer():
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.multi_cell(0, 8, "Council Delays Harbour Plan\n\nThe council voted on Monday to delay the plan.")
    a = parse_bytes(bytes(pdf.output()), "p.pdf")
    roundtrip(a)
    assert "council voted" in a.text


@pytest.mark.parametrize("data,name,fragment", [
    (b"", "e.txt", "empty"),
    (b"   \n\n ", "e.txt", "empty"),
    (b"\x00\x01\x02binary\x00", "b.txt", "binary"),
    (b"caf\xe9 au lait", "latin.txt", "UTF-8"),
    (b"hello", "x.exe", "unsupported"),
    (b"not a zip", "x.docx", ".docx"),
    (b"%PDF-garbage", "x.pdf", "PDF"),
])
def test_bad_input_raises_input_error(data, name, fragment):
    with pytest.raises(InputError, match=fragment):
        parse_bytes(data, name)


def test_huge_file_is_refused(monkeypatch):
    import analysis.reading.formats as art

    monkeypatch.setattr(art, "MAX_BYTES", 100)
    with pytest.raises(InputError, match="limit"):
        art.parse_bytes(b"x" * 101, "big.txt")


def test_missing_file_and_bad_date(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_article(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="bad date"):
        validate_date("2025-02-30")


@pytest.mark.parametrize("line,expected", [
    ("Tensions Surge After Talks in the Capital", True),
    ("European Ministers Challenge the Plan", True),
    ("The council voted on Monday.", False),
    ("Storm closes ports along the coast", False),
    ("", False),
])
def test_heading_detection(line, expected):
    assert is_heading_like(line) is expected


def test_sample_article_structure(sample_text):
    a = parse_text(sample_text, published="2025-12-03")
    roundtrip(a)
    kinds = [b.kind for b in a.blocks]
    assert kinds[:2] == ["standfirst", "title"]
    assert kinds.count("heading") == 7 and kinds.count("paragraph") == 7


def test_a_dateline_keeps_the_region_that_says_which_town():
    from analysis.reading.layout import dateline_end, dateline_place

    assert dateline_place("PERTH, Scotland (Reuters) - Floods closed roads.") == "PERTH, Scotland"
    assert dateline_place("KABUL, Afghanistan (CNN) -- A blast hit.") == "KABUL, Afghanistan"
    assert dateline_place("JERUSALEM, March 3 (AP) — Talks began.") == "JERUSALEM"
    assert dateline_end("PERTH, Scotland (Reuters) - Floods") == len("PERTH, Scotland (Reuters) - ")
