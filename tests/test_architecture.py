"""Ground rules that a test can check: layering and where SQL and caching live."""
from __future__ import annotations

import ast
import re

from tests.conftest import ROOT


def imports_of(path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    mods = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            mods |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            mods.add(node.module.split(".")[0])
    return mods


def test_analysis_never_imports_streamlit():
    for p in (ROOT / "analysis").rglob("*.py"):
        assert "streamlit" not in imports_of(p), p


def test_only_the_store_speaks_sql():
    sql = re.compile(r"\b(SELECT|INSERT INTO|UPDATE \w+ SET|DELETE FROM|CREATE TABLE)\b")
    for folder in ("analysis", "components", "pages"):
        for p in (ROOT / folder).rglob("*.py"):
            assert not sql.search(p.read_text(encoding="utf-8")), p
    assert "sqlite3" not in imports_of(ROOT / "app.py")


def test_every_cache_lives_in_components_cache():
    for p in list((ROOT / "pages").rglob("*.py")) + list((ROOT / "components").rglob("*.py")) + [ROOT / "app.py"]:
        if p.name == "cache.py":
            continue
        assert "st.cache_" not in p.read_text(encoding="utf-8"), p


def test_cache_data_is_bounded():
    text = (ROOT / "components" / "cache.py").read_text(encoding="utf-8")
    for m in re.finditer(r"@st\.cache_data\(([^)]*)\)", text):
        assert "max_entries" in m.group(1) or "ttl" in m.group(1)
