"""The demo ships analysed: a new store is filled without the language model, and the file is never stale."""
from __future__ import annotations

import json
import math
import shutil

import pytest

import corpus.ingest as ingest
from analysis.pipeline import analyze_articles
from analysis.reading import read_article
from analysis.records import analysis_to_dict
from store import Store


def _close(a, b, path="") -> list[str]:
    """Where two plain-data trees differ (floats within 1e-3: the int8 sentiment model on another CPU)."""
    if isinstance(a, float) and isinstance(b, float):
        return [] if math.isclose(a, b, abs_tol=1e-3) else [f"{path}: {a} != {b}"]
    if isinstance(a, dict) and isinstance(b, dict):
        if a.keys() != b.keys():
            return [f"{path}: keys {sorted(a.keys() ^ b.keys())}"]
        return [d for k in a for d in _close(a[k], b[k], f"{path}.{k}")]
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return [f"{path}: {len(a)} items != {len(b)}"]
        return [d for i, (x, y) in enumerate(zip(a, b)) for d in _close(x, y, f"{path}[{i}]")]
    return [] if a == b else [f"{path}: {a!r} != {b!r}"]


def test_the_saved_demo_analysis_is_what_the_analysis_gives_today(nlp):
    manifest = json.loads(ingest.DEMO_MANIFEST.read_text(encoding="utf-8"))
    arts = [read_article(ingest.DEMO_DIR / e["path"], published=e.get("published")) for e in manifest]
    for entry, fresh in zip(manifest, analyze_articles(arts, nlp)):
        saved = json.loads(ingest.demo_analysis_path(entry).read_text(encoding="utf-8"))
        diffs = _close(json.loads(json.dumps(analysis_to_dict(fresh))), saved)
        assert not diffs, f"{entry['path']}: stale, run scripts/build_demo.py: {diffs[:5]}"


def test_a_new_store_gets_the_demo_without_analysing_it(tmp_path, monkeypatch):
    def _no_analysis(*a, **k):
        raise AssertionError("the demo was analysed although its saved analysis is current")

    monkeypatch.setattr(ingest, "analyze_each", _no_analysis)
    store = Store(tmp_path / "s.sqlite3")
    results = ingest.ensure_demo(store)
    assert [r.status for r in results] == ["stored"]
    assert store.article_count() == 1
    assert ingest.ensure_demo(store) == []  # a store with articles is left alone


def test_a_saved_analysis_of_another_text_is_not_used(tmp_path, monkeypatch, caplog):
    demo = tmp_path / "articles"
    shutil.copytree(ingest.DEMO_DIR, demo)
    manifest = json.loads((demo / "manifest.json").read_text(encoding="utf-8"))
    txt = demo / manifest[0]["path"]
    txt.write_text(txt.read_text(encoding="utf-8") + "\n\nA paragraph the saved analysis never saw.\n",
                   encoding="utf-8")
    monkeypatch.setattr(ingest, "DEMO_DIR", demo)
    monkeypatch.setattr(ingest, "DEMO_MANIFEST", demo / "manifest.json")
    analysed = []
    real = ingest.ingest_articles

    def _spy(store, articles, **kw):
        analysed.extend(a.text for a in articles)
        return real(store, articles, **kw)

    monkeypatch.setattr(ingest, "ingest_articles", _spy)
    store = Store(tmp_path / "s.sqlite3")
    results = ingest.ensure_demo(store)
    assert [r.status for r in results] == ["stored"]
    assert len(analysed) == 1 and "never saw." in analysed[0]
    assert "another text or date" in caplog.text


def test_an_unreadable_saved_analysis_is_reported_and_the_article_analysed(tmp_path, monkeypatch, caplog):
    demo = tmp_path / "articles"
    shutil.copytree(ingest.DEMO_DIR, demo)
    manifest = json.loads((demo / "manifest.json").read_text(encoding="utf-8"))
    (demo / (manifest[0]["path"].rsplit(".", 1)[0] + ".analysis.json")).write_text("{not json", encoding="utf-8")
    monkeypatch.setattr(ingest, "DEMO_DIR", demo)
    monkeypatch.setattr(ingest, "DEMO_MANIFEST", demo / "manifest.json")
    store = Store(tmp_path / "s.sqlite3")
    assert [r.status for r in ingest.ensure_demo(store)] == ["stored"]
    assert "saved analysis not used (JSONDecodeError" in caplog.text
