"""Batch uploads: zip, jsonl and csv, and the hostile ones."""
from __future__ import annotations

import io
import json
import zipfile

import pytest

from analysis.reading import expand_upload

ARTICLE = "Port reopens after storm\n\nThe port reopened on Monday, officials said.\n"


def make_zip(entries: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_zip_of_articles_one_bad_entry_does_not_spoil_the_rest():
    data = make_zip({"a.txt": ARTICLE.encode(), "b.md": b"# T\n\nBody text.", "c.txt": b"\x00\x01bin",
                     "notes.exe": b"x"})
    items = expand_upload("batch.zip", data)
    ok = [i for i in items if i.article]
    bad = [i for i in items if i.error]
    assert len(ok) == 2 and len(bad) == 2
    assert any("binary" in i.error for i in bad) and any("unsupported" in i.error for i in bad)


@pytest.mark.parametrize("name", ["../evil.txt", "/etc/passwd.txt", "a/../../evil.txt", "..\\evil.txt"])
def test_zip_slip_is_refused(name):
    items = expand_upload("slip.zip", make_zip({name: ARTICLE.encode()}))
    assert items[0].error and "outside" in items[0].error


def test_nested_archive_is_refused():
    inner = make_zip({"a.txt": ARTICLE.encode()})
    items = expand_upload("outer.zip", make_zip({"inner.zip": inner}))
    assert "nested" in items[0].error


def test_decompression_bomb_is_refused():
    bomb = make_zip({"bomb.txt": b"a" * 20_000_000})
    items = expand_upload("bomb.zip", bomb)
    assert items[0].error and ("bomb" in items[0].error or "limit" in items[0].error)


def test_not_a_zip():
    items = expand_upload("fake.zip", b"this is not a zip")
    assert "zip" in items[0].error


def test_jsonl_batch_with_malformed_line():
    lines = [json.dumps({"title": "One", "text": "The mayor spoke on Monday.", "published": "2024-01-02"}),
             "{not json",
             json.dumps({"title": "Empty", "text": ""}),
             json.dumps({"title": "Bad date", "text": "Body.", "published": "yesterday"})]
    items = expand_upload("b.jsonl", "\n".join(lines).encode())
    assert items[0].article and items[0].article.published == "2024-01-02" and items[0].article.title == "One"
    assert "malformed JSON" in items[1].error
    assert "text" in items[2].error
    assert "bad date" in items[3].error


def test_csv_batch_and_missing_column():
    csv_ok = "title,text,published,source\nOne,The mayor spoke.,2024-01-02,Gazette\nTwo,Another text.,,\n"
    items = expand_upload("b.csv", csv_ok.encode())
    assert [i.article.title for i in items] == ["One", "Two"]
    assert items[0].article.source == "Gazette"
    items = expand_upload("b.csv", b"headline,body\nx,y\n")
    assert "text" in items[0].error


def test_single_files_and_empty():
    assert expand_upload("a.txt", ARTICLE.encode())[0].article is not None
    assert "empty" in expand_upload("a.txt", b"")[0].error
    assert "only .zip" in expand_upload("a.tar", b"x")[0].error
