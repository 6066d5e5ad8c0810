"""Imports point one way: views → ui → analytics / charts / store. Only ui and views use streamlit."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "effmon"
STREAMLIT_FREE = [p for p in PACKAGE.rglob("*.py") if "ui" not in p.relative_to(PACKAGE).parts]


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", STREAMLIT_FREE, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_only_ui_imports_streamlit(path):
    assert not any(name.split(".")[0] == "streamlit" for name in _imports(path))


def test_sql_stays_in_the_store():
    for path in PACKAGE.rglob("*.py"):
        if "store" in path.relative_to(PACKAGE).parts:
            continue
        assert "duckdb.connect" not in path.read_text(encoding="utf-8"), path
