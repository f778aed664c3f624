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


def run_corpus(data_dir, *args: str, code: str | None = None) -> subprocess.CompletedProcess:
    """``python -m corpus ARGS`` on a store in ``data_dir`` (or ``python -c code ARGS``)."""
    import os

    env = {**os.environ, "NEWSLENS_DATA_DIR": str(data_dir)}
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
