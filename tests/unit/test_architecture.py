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


def _py(*folders: str):
    for folder in folders:
        yield from (ROOT / folder).rglob("*.py")


def test_analysis_never_imports_streamlit_store_or_the_layers_above():
    # function-local imports count too (ast.walk sees them): they used to hide a cycle
    for p in _py("analysis"):
        assert not imports_of(p) & {"streamlit", "store", "corpus", "components", "pages"}, p


def test_store_never_imports_analysis():
    # data flows one way: the store only stores; the corpus layer drives analyse -> link -> store
    for p in _py("store"):
        assert not imports_of(p) & {"analysis", "corpus", "components", "streamlit"}, p


def full_imports_of(path) -> set[str]:
    mods = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            mods |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            mods.add(node.module)
    return mods


def test_pages_reach_the_analysis_only_through_the_corpus_layer():
    # nothing re-runs spaCy to draw a page: the pipeline is driven by corpus/ (upload -> analyse -> store)
    for p in [*_py("pages", "components"), ROOT / "app.py"]:
        assert not {m for m in full_imports_of(p) if m.startswith("analysis.pipeline")}, p
    assert not any("streamlit" in imports_of(p) for p in _py("corpus"))


def test_no_module_is_over_600_lines():
    big = {str(p.relative_to(ROOT)): n for p in _py("analysis", "store", "components", "pages", "corpus")
           if (n := len(p.read_text(encoding="utf-8").splitlines())) > 600}
    assert big == {}


def _swallows(handler: ast.ExceptHandler) -> bool:
    broad = handler.type is None or getattr(handler.type, "id", "") in ("Exception", "BaseException")
    quiet = all(isinstance(s, (ast.Pass, ast.Continue))
                or (isinstance(s, ast.Return) and (s.value is None or isinstance(s.value, ast.Constant)))
                for s in handler.body)
    return broad and quiet


def test_no_broad_except_swallows_an_error():
    hidden = [f"{p.relative_to(ROOT)}:{n.lineno}" for p in [*_py("analysis", "store", "components", "pages", "corpus"),
                                                            ROOT / "app.py"]
              for n in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
              if isinstance(n, ast.ExceptHandler) and _swallows(n)]
    assert hidden == []


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
