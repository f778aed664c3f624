"""A damaged store (issue 16, item 6): refused on open with a message and left as it was; every page says so;
``python -m corpus store check|backup|restore`` find it and put a backup in its place."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from corpus import store_analysis
from store import SCHEMA_VERSION, Store, StoreDamaged
from tests.conftest import ROOT
from tests.integration.test_pages_core import shown
from tests.integration.damage import KINDS, damage
from tests.integration.test_bulk_ingest import copies

N = 20
PAGES = ["app.py"] + sorted(f"pages/{p.name}" for p in (ROOT / "pages").glob("*.py"))


@pytest.fixture(scope="module")
def good(tmp_path_factory):
    """A closed store of N articles (its WAL checkpointed into the file)."""
    path = tmp_path_factory.mktemp("good") / "newslens.sqlite3"
    s = Store(path)
    for r in copies(N):
        store_analysis(s, r)
    s.close()
    return path


def damaged_copy(good, tmp_path, kind: str):
    d = tmp_path / kind
    d.mkdir()
    path = d / "newslens.sqlite3"
    shutil.copy(good, path)
    damage(path, kind)
    return path


def corpus_cli(data_dir, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NEWSLENS_DATA_DIR": str(data_dir)}
    return subprocess.run([sys.executable, "-m", "corpus", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=120)


@pytest.mark.parametrize("kind", KINDS)
def test_a_damaged_store_is_refused_on_open_and_left_as_it_was(good, tmp_path, kind):
    path = damaged_copy(good, tmp_path, kind)
    before = path.read_bytes()
    for _ in range(2):  # and again: the first refusal wrote nothing that makes the second one pass
        with pytest.raises(StoreDamaged, match="To recover.*python -m corpus store restore BACKUP"):
            Store(path)
    assert path.read_bytes() == before
    assert not os.path.exists(f"{path}-wal") or os.path.getsize(f"{path}-wal") == 0


def test_an_empty_file_is_never_taken_for_a_new_store(good, tmp_path):
    path = damaged_copy(good, tmp_path, "empty")
    with pytest.raises(StoreDamaged, match=r"is empty \(0 bytes\)"):
        Store(path)
    assert path.stat().st_size == 0  # not filled with a new schema and the demo


@pytest.mark.parametrize("kind", KINDS)
def test_the_ingest_says_so_in_one_line(good, tmp_path, kind):
    path = damaged_copy(good, tmp_path, kind)
    before = path.read_bytes()
    out = corpus_cli(path.parent, "ingest", "--parquet", str(tmp_path / "nothing"))
    assert out.returncode == 1
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr and "store restore" in out.stderr, out.stderr
    assert path.read_bytes() == before


@pytest.mark.parametrize("kind", KINDS)
def test_store_check_finds_each_damage(good, tmp_path, kind):
    path = damaged_copy(good, tmp_path, kind)
    out = corpus_cli(path.parent, "store", "check")
    assert out.returncode == 1 and out.stdout == ""
    assert out.stderr.startswith("corpus: ") and out.stderr.count("\n") == 1 and "Traceback" not in out.stderr
    assert "damaged" in out.stderr


def test_store_check_of_a_good_store(good):
    out = corpus_cli(good.parent, "store", "check")
    assert out.returncode == 0, out.stderr
    assert f"ok (integrity_check), schema version {SCHEMA_VERSION}, {N} article(s)" in out.stdout


def test_backup_and_restore_bring_the_articles_back(good, tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    path = data / "newslens.sqlite3"
    shutil.copy(good, path)
    backup = tmp_path / "backup.sqlite3"
    out = corpus_cli(data, "store", "backup", str(backup))
    assert out.returncode == 0 and f"{N} article(s)" in out.stdout, out.stderr
    # a backup never writes over a file
    again = corpus_cli(data, "store", "backup", str(backup))
    assert again.returncode == 1 and "exists" in again.stderr and "Traceback" not in again.stderr
    # restore refuses to replace a store that reads well, unless forced
    refused = corpus_cli(data, "store", "restore", str(backup))
    assert refused.returncode == 1 and "--force" in refused.stderr and refused.stderr.count("\n") == 1
    damage(path, "garbage-pages")
    broken = path.read_bytes()
    out = corpus_cli(data, "store", "restore", str(backup))
    assert out.returncode == 0, out.stderr
    s = Store(path)
    assert s.article_count() == N
    s.close()
    kept = [p for p in data.iterdir() if ".damaged-" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == broken  # the damaged file is kept, not deleted
    forced = corpus_cli(data, "store", "restore", str(backup), "--force")
    assert forced.returncode == 0 and ".replaced-" in forced.stdout, forced.stderr
    assert Store(path).article_count() == N


def test_a_damaged_backup_is_not_restored(good, tmp_path):
    bad = damaged_copy(good, tmp_path, "truncated")
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(good, data / "newslens.sqlite3")
    before = (data / "newslens.sqlite3").read_bytes()
    out = corpus_cli(data, "store", "restore", str(bad), "--force")
    assert out.returncode == 1 and "not a good store" in out.stderr and "Traceback" not in out.stderr
    assert (data / "newslens.sqlite3").read_bytes() == before


@pytest.fixture()
def no_cached_store():
    import streamlit as st

    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.mark.parametrize("kind", KINDS)
def test_every_page_says_the_store_cannot_be_opened(good, tmp_path, kind, monkeypatch, no_cached_store):
    from streamlit.testing.v1 import AppTest

    path = damaged_copy(good, tmp_path, kind)
    before = path.read_bytes()
    monkeypatch.setenv("NEWSLENS_DATA_DIR", str(path.parent))
    monkeypatch.chdir(ROOT)
    for page in PAGES:
        at = AppTest.from_file(str(ROOT / page), default_timeout=60).run()
        assert not at.exception, (page, at.exception)
        errors = [shown(e.value) for e in at.error]  # the message is escaped Markdown (the path is untrusted)
        assert errors and "The store cannot be opened" in errors[0], (page, errors)
        assert "store restore" in errors[0] and str(path) in errors[0]
    assert path.read_bytes() == before  # no page wrote the demo over it


@pytest.mark.parametrize("kind", ["truncated", "garbage-pages"])
def test_a_store_damaged_while_the_app_runs_gives_the_message_not_a_traceback(good, tmp_path, kind, monkeypatch,
                                                                               no_cached_store):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    d = tmp_path / "live"
    d.mkdir()
    path = d / "newslens.sqlite3"
    shutil.copy(good, path)
    monkeypatch.setenv("NEWSLENS_DATA_DIR", str(d))
    monkeypatch.chdir(ROOT)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception and not at.error  # the store opened, and is kept open by the process
    damage(path, kind)
    st.cache_data.clear()  # the pages read the file again, not their cached DataFrames
    said = 0
    for page in PAGES:
        at = AppTest.from_file(str(ROOT / page), default_timeout=60).run()
        assert not at.exception, (page, [e.value for e in at.exception])
        said += any("The store cannot be opened" in e.value for e in at.error)
    assert said == len(PAGES)
