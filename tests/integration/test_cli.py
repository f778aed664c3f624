"""The command line of CONTRACT.md: schema and errors."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SAMPLE_PATH, SAMPLE_PUBLISHED


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "analysis", *args], cwd=ROOT, capture_output=True, text=True,
                          input=stdin, timeout=300)


@pytest.fixture(scope="module")
def sample_json() -> dict:
    out = run("analyze", str(SAMPLE_PATH), "--published", SAMPLE_PUBLISHED)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def test_analyze_prints_contract_json(sample_json):
    d = sample_json
    assert d["schema"] == "article-analysis/1"
    assert d["published"] == SAMPLE_PUBLISHED
    assert d["title"] == "Europe Accuses Putin of Faking Commitment to Peace"
    for key in ("text", "actors", "quotes", "events"):
        assert key in d
    text = d["text"]
    assert text == SAMPLE_PATH.read_text(encoding="utf-8")
    for a in d["actors"]:
        assert set(a) >= {"name", "aliases", "type", "nation", "affiliation", "role", "evidence", "mentions",
                          "portrayal", "portrayal_label", "tone"}
        assert isinstance(a["aliases"], list) and isinstance(a["mentions"], int)
        assert a["nation"] is None or (len(a["nation"]) == 2 and a["nation"].isupper())
    for q in d["quotes"]:
        assert set(q) >= {"speaker", "speaker_nation", "kind", "cue", "text", "start", "end", "tone", "targets"}
        assert q["kind"] in ("direct", "indirect", "mixed")
        assert text[q["start"]:q["end"]] == q["text"]
    for e in d["events"]:
        assert set(e) >= {"date", "precision", "expression", "start", "end", "sentence", "actors"}
        assert text[e["start"]:e["end"]] == e["expression"]
        assert e["precision"] in ("year", "month", "day")
        assert len(e["date"]) == {"year": 4, "month": 7, "day": 10}[e["precision"]]


def test_headings_yield_no_person(sample_json):
    persons = [a for a in sample_json["actors"] if a["type"] == "PERSON"]
    names = {a["name"] for a in persons} | {x for a in persons for x in a["aliases"]}
    assert "Tensions Surge" not in names


@pytest.mark.parametrize("args,fragment", [
    (("analyze", "/nonexistent/article.txt"), "no such file"),
    (("analyze", str(SAMPLE_PATH), "--published", "2025-13-01"), "bad date"),
    (("analyze", str(SAMPLE_PATH), "--published", "9999-12-31"), "outside the accepted publication dates"),
    (("analyze", str(SAMPLE_PATH), "--published", "0001-01-01"), "outside the accepted publication dates"),
    (("analyze",), "argument"),
    (("nonsense",), "invalid choice"),
])
def test_errors_are_one_line_on_stderr(args, fragment):
    out = run(*args)
    assert out.returncode != 0
    assert fragment in out.stderr
    assert "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("content,fragment", [(b"", "empty"), (b"\x00\x01\x02\x03", "binary"),
                                              (b"\xff\xfe\xfa\xfb broken", "UTF")])
def test_bad_files(tmp_path, content, fragment):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    out = run("analyze", str(f))
    assert out.returncode != 0 and "Traceback" not in out.stderr
    assert fragment.lower() in out.stderr.lower()


def test_batch_goes_on_after_a_bad_file(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Storm closes port\n\nThe port closed on Monday, officials said.\n", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    manifest = tmp_path / "m.jsonl"
    manifest.write_text("\n".join(json.dumps(x) for x in [
        {"id": "good", "path": str(good), "published": "2024-03-05"},
        {"id": "bad", "path": str(bad), "published": None},
        {"id": "missing", "path": str(tmp_path / "missing.txt"), "published": None}]), encoding="utf-8")
    out = run("batch", str(manifest), "--out", str(tmp_path / "out"))
    assert out.returncode == 0, out.stderr
    assert json.loads((tmp_path / "out" / "good.json").read_text())["schema"] == "article-analysis/1"
    assert "error" in json.loads((tmp_path / "out" / "bad.error.json").read_text())
    assert (tmp_path / "out" / "missing.error.json").exists()


def test_batch_with_unreadable_manifest(tmp_path):
    m = tmp_path / "m.jsonl"
    m.write_text("{broken\n", encoding="utf-8")
    out = run("batch", str(m), "--out", str(tmp_path / "o"))
    assert out.returncode != 0 and "manifest" in out.stderr and "Traceback" not in out.stderr


# ---------------------------------------------------------------- python -m corpus ingest (into the app's store)
BREAK_QUOTES = """
import sys
import analysis.pipeline
import analysis.quotes

def boom(*args, **kwargs):
    raise RuntimeError("injected failure")

analysis.quotes.extract_quotes = boom
if hasattr(analysis.pipeline, "extract_quotes"):
    analysis.pipeline.extract_quotes = boom
from corpus.__main__ import main
sys.exit(main(sys.argv[1:]))
"""


def run_corpus(data_dir, *args: str, code: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    """``python -m corpus ARGS`` on a store in ``data_dir`` (or ``python -c code ARGS``)."""
    import os

    env = {**os.environ, "NEWSLENS_DATA_DIR": str(data_dir), **(env or {})}
    cmd = [sys.executable, "-c", code, *args] if code else [sys.executable, "-m", "corpus", *args]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env, timeout=300)


@pytest.fixture()
def good_file(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Storm closes port\n\nThe port of Lisbon closed on Monday, officials said. \"We had no choice,\" "
                    "Mayor Ana Silva said.\n", encoding="utf-8")
    return good


def test_analysis_no_longer_ingests():
    import ast

    out = run("ingest", str(SAMPLE_PATH))
    assert out.returncode != 0 and "invalid choice" in out.stderr
    tree = ast.parse((ROOT / "analysis" / "__main__.py").read_text(encoding="utf-8"))
    mods = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    mods |= {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module and not n.level}
    assert mods and not {m.split(".")[0] for m in mods} & {"store", "corpus"}


def test_corpus_ingest_stores_then_reports_duplicates_and_bad_files(tmp_path, good_file):
    from store import Store

    out = run_corpus(tmp_path / "data", "ingest", str(good_file), "--published", "2024-03-05")
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "good.txt: stored"
    out = run_corpus(tmp_path / "data", "ingest", str(good_file), str(tmp_path / "missing.txt"))
    assert out.returncode == 1
    assert out.stdout.startswith("good.txt: already stored as “Storm closes port”")
    assert out.stderr.strip().splitlines() == [f"corpus: {tmp_path / 'missing.txt'}: no such file"]
    s = Store(tmp_path / "data" / "newslens.sqlite3")
    assert s.article_count() == 1 and s.article(s.articles_df().iloc[0]["id"])["published"] == "2024-03-05"
    assert s.problems_df().empty
    s.close()


@pytest.mark.parametrize("content,args,fragment", [
    (b"", (), "empty"), (b"\x00\x01\x02\x03", (), "binary"), (b"Title\n\nText.", ("--published", "2025-13-01"), "bad date"),
    (b"Title\n\nText.", ("--published", "9999-12-31"), "outside"), (b"Title\n\nText.", ("--published", "0001-01-01"), "outside")])
def test_corpus_ingest_bad_input_is_one_line(tmp_path, content, args, fragment):
    f = tmp_path / "bad.txt"
    f.write_bytes(content)
    out = run_corpus(tmp_path / "data", "ingest", str(f), *args)
    assert out.returncode != 0 and "Traceback" not in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1 and fragment in out.stderr.lower()
    assert out.stderr.startswith("corpus: ")


def test_corpus_ingest_prints_a_failed_step_on_stderr(tmp_path, good_file):
    from store import Store

    out = run_corpus(tmp_path / "data", "ingest", str(good_file), code=BREAK_QUOTES)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "good.txt: stored, with 1 problem(s): quotes: RuntimeError: injected failure"
    assert "corpus: good.txt: quotes: RuntimeError: injected failure" in out.stderr.splitlines()
    assert "Traceback" not in out.stderr
    s = Store(tmp_path / "data" / "newslens.sqlite3")
    p = s.problems_df()
    assert list(zip(p["step"], p["message"])) == [("quotes", "RuntimeError: injected failure")]
    s.close()


def test_analyze_reports_a_failed_step_on_stderr_and_in_the_json(tmp_path, good_file):
    code = BREAK_QUOTES.replace("from corpus.__main__ import main", "from analysis.__main__ import main")
    out = run_corpus(tmp_path / "data", "analyze", str(good_file), "--published", "2024-03-04", code=code)
    assert out.returncode == 0, out.stderr
    assert "step quotes failed: RuntimeError: injected failure" in out.stderr
    assert "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) == 1
    data = json.loads(out.stdout)
    assert data["problems"] == [{"step": "quotes", "message": "RuntimeError: injected failure"}]
    assert data["quotes"] == [] and any(a["name"] == "Ana Silva" for a in data["actors"])


# ---------------------------------------------------------------- issue 16: bounds, isolation, exit codes
GOOD_A = "Storm closes port\n\nThe port of Lisbon closed on Monday, officials said. Mayor Ana Silva said it would reopen.\n"
GOOD_C = "Floods hit Porto\n\nRiver waters rose in Porto on Tuesday, the council said. Residents were moved.\n"
BIG = "Huge report\n\n" + "The minister said the plan was good and the council agreed with him on it. " * 16000


def stored_count(data_dir) -> int:
    from store import Store

    if not (data_dir / "newslens.sqlite3").exists():
        return 0
    s = Store(data_dir / "newslens.sqlite3")
    try:
        return s.article_count()
    finally:
        s.close()


def test_corpus_ingest_a_huge_file_takes_only_itself_down(tmp_path):
    """Issue 16 (2): the same three files stored nothing and exited 1; now the two good ones are stored,
    the big one is one line on stderr naming the bound, and the exit is 1."""
    files = []
    for name, text in (("a_good.txt", GOOD_A), ("b_big.txt", BIG), ("c_good.txt", GOOD_C)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        files.append(str(tmp_path / name))
    out = run_corpus(tmp_path / "data", "ingest", *files)
    assert out.returncode == 1
    assert out.stdout.splitlines() == ["a_good.txt: stored", "c_good.txt: stored"]
    assert out.stderr.splitlines() == [f"corpus: b_big.txt: the text is {len(BIG):,} characters, over the limit "
                                       "of 100,000 characters per article"]
    assert stored_count(tmp_path / "data") == 2


def test_corpus_ingest_refuses_what_is_past_the_run_bound(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD_A, encoding="utf-8")
    (tmp_path / "c.txt").write_text(GOOD_C, encoding="utf-8")
    out = run_corpus(tmp_path / "data", "ingest", str(tmp_path / "a.txt"), str(tmp_path / "c.txt"),
                     env={"NEWSLENS_MAX_RUN_CHARS": str(len(GOOD_A) + 10)})
    assert out.returncode == 1
    assert out.stdout.splitlines() == ["a.txt: stored"]
    assert out.stderr.splitlines() == [f"corpus: c.txt: not analysed: this run is over the limit of "
                                       f"{len(GOOD_A) + 10:,} characters; add it in another run"]
    assert stored_count(tmp_path / "data") == 1


def _bad_input(tmp_path, kind: str) -> tuple[str, str]:
    if kind == "missing":
        return "/missing.txt", "/missing.txt: no such file"
    if kind == "dir":
        (tmp_path / "folder").mkdir()
        (tmp_path / "folder" / "inside.txt").write_text(GOOD_A, encoding="utf-8")
        return str(tmp_path / "folder"), "is a directory, not an article file"
    f = tmp_path / "badutf8.txt"
    f.write_bytes(b"Title\n\nSome text \xff\xfe here.\n")
    return str(f), "badutf8.txt: not valid UTF-8 text (byte 17)"


@pytest.mark.parametrize("kind", ["missing", "dir", "badutf8"])
def test_ingest_of_input_that_cannot_be_stored_exits_non_zero(tmp_path, kind):
    """Issue 16 (7): one line on stderr, exit 1, nothing stored; a good file beside it is still stored."""
    path, fragment = _bad_input(tmp_path, kind)
    out = run_corpus(tmp_path / "data", "ingest", path)
    assert out.returncode == 1 and out.stdout == ""
    assert len(out.stderr.splitlines()) == 1 and out.stderr.startswith("corpus: ") and fragment in out.stderr
    assert stored_count(tmp_path / "data") == 0
    (tmp_path / "good.txt").write_text(GOOD_C, encoding="utf-8")
    out = run_corpus(tmp_path / "data", "ingest", path, str(tmp_path / "good.txt"))
    assert out.returncode == 1 and out.stdout.splitlines() == ["good.txt: stored"]
    assert len(out.stderr.splitlines()) == 1 and fragment in out.stderr
    assert stored_count(tmp_path / "data") == 1


@pytest.mark.parametrize("kind", ["missing", "dir", "badutf8", "too_long"])
def test_analyze_of_input_that_cannot_be_analysed_exits_non_zero(tmp_path, kind):
    if kind == "too_long":
        f = tmp_path / "big.txt"
        f.write_text(BIG, encoding="utf-8")
        path, fragment = str(f), "big.txt: the text is 1,200,013 characters, over the limit of 100,000 characters"
    else:
        path, fragment = _bad_input(tmp_path, kind)
    out = run("analyze", path)
    assert out.returncode == 1 and out.stdout == ""
    assert out.stderr.splitlines() == [out.stderr.strip()] and out.stderr.startswith("analysis: ")
    assert fragment in out.stderr and "Traceback" not in out.stderr
