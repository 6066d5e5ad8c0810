"""The layers of ../shared/STYLE.md, read from the source with ast: views → ui → analytics /
charts / reports → store, with effmon.domain (rules as data in, data out) beneath them all.

- only ui, views and app.py import streamlit;
- the store imports nothing of the packages above it;
- the domain imports only config, errors, labels, workdays and itself, and no database;
- views import no store module;
- nothing outside the store opens a connection or holds SQL;
- the packages of effmon import each other without a cycle.
"""

from __future__ import annotations

import ast
import itertools
import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "effmon"
SOURCES = sorted([*PACKAGE.rglob("*.py"), *(ROOT / "views").glob("*.py"), ROOT / "app.py"])
# The parts of effmon above the store (STYLE.md: pages → ui → analytics / charts / reports
# → store); the store reads and writes, it applies nobody's rules and formats nothing.
ABOVE_STORE = {
    "analytics",
    "charts",
    "city",
    "cli",
    "cli_lake",
    "cli_reports",
    "cli_text",
    "demo",
    "exports",
    "forecast",
    "ingest",
    "readable",
    "reports",
    "security",
    "text",
    "ui",
}
DOMAIN_MAY_IMPORT = {"config", "domain", "errors", "labels", "workdays"}
# SQL statements (upper-case keywords, as every query of the store writes them).
SQL = re.compile(
    r"\b(SELECT\s.+\sFROM|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|"
    r"CREATE\s+(OR\s+REPLACE\s+)?(TEMP\s+)?(TABLE|VIEW|INDEX)|ALTER\s+TABLE|DROP\s+(TABLE|VIEW))\b",
    re.S,
)
QUERY_METHODS = {"execute", "executemany", "sql", "query"}


def _name(path: Path) -> str:
    """The module's dotted name: effmon.store.queries, views.overview, app."""
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


@cache
def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def _imports(path: Path) -> list[tuple[str, int]]:
    """Every module the file imports (``from a import b`` counts as a and a.b), with the
    line; relative imports resolved."""
    found = []
    package = _name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package[: len(package) - node.level + 1], *filter(None, [base])])
            found.append((base, node.lineno))
            found += [(f"{base}.{alias.name}", node.lineno) for alias in node.names]
    return found


def _part(module: str) -> str | None:
    """The part of effmon a module belongs to: its subpackage or top-level module."""
    parts = module.split(".")
    return parts[1] if parts[0] == "effmon" and len(parts) > 1 else None


def _in(folder: str) -> list[Path]:
    return [p for p in SOURCES if _name(p).startswith(f"effmon.{folder}.")]


def _where(path: Path, line: int) -> str:
    return f"{path.relative_to(ROOT)}:{line}"


def _ids(path: Path) -> str:
    return str(path.relative_to(ROOT))


@pytest.mark.parametrize(
    "path",
    [p for p in SOURCES if _name(p).startswith("effmon.") and _part(_name(p)) != "ui"],
    ids=_ids,
)
def test_only_ui_and_views_import_streamlit(path):
    found = [_where(path, n) for m, n in _imports(path) if m.split(".")[0] == "streamlit"]
    assert not found, f"streamlit is imported outside effmon/ui, views/ and app.py at {found}"


def test_the_store_imports_nothing_above_it():
    found = [
        f"{_where(path, line)} imports {module}"
        for path in _in("store")
        for module, line in _imports(path)
        if _part(module) in ABOVE_STORE or module.split(".")[0] == "streamlit"
    ]
    assert not found, (
        "effmon/store reads and writes the database; it may not import the layers above it "
        "(pass their data in, or move pure definitions to effmon.domain):\n" + "\n".join(found)
    )


def test_the_domain_takes_and_returns_data():
    found = [
        f"{_where(path, line)} imports {module}"
        for path in _in("domain")
        for module, line in _imports(path)
        if (_part(module) or "config") not in DOMAIN_MAY_IMPORT
        or module.split(".")[0] in ("duckdb", "streamlit")
    ]
    assert not found, (
        f"effmon/domain may import only effmon.{{{', '.join(sorted(DOMAIN_MAY_IMPORT))}}} and "
        "no database or streamlit; a module that needs the store belongs in analytics:\n"
        + "\n".join(found)
    )


def test_views_import_no_store_module():
    found = [
        f"{_where(path, line)} imports {module}"
        for path in SOURCES
        if path.parts[-2] == "views" or path.name == "app.py"
        for module, line in _imports(path)
        if _part(module) == "store"
    ]
    assert not found, "views reach the store through effmon.ui:\n" + "\n".join(found)


def test_sql_and_connections_stay_in_the_store():
    found = []
    for path in SOURCES:
        if _part(_name(path)) == "store":
            continue
        if "duckdb.connect" in path.read_text(encoding="utf-8"):
            found.append(f"{path.relative_to(ROOT)} opens a connection (duckdb.connect)")
        for node in ast.walk(_tree(path)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if SQL.search(node.value):
                    sql = " ".join(node.value.split())[:60]
                    found.append(f"{_where(path, node.lineno)} holds SQL: {sql}")
            elif (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in QUERY_METHODS
            ):
                call = ast.unparse(node)[:60]
                found.append(f"{_where(path, node.lineno)} runs a query: {call}")
    assert not found, "SQL lives in effmon/store only:\n" + "\n".join(sorted(found))


def _package_graph() -> dict[str, dict[str, str]]:
    """For each part of effmon, the parts it imports, each with one place that does."""
    graph: dict[str, dict[str, str]] = {}
    for path in SOURCES:
        source = _part(_name(path))
        if source is None:
            continue
        edges = graph.setdefault(source, {})
        for module, line in _imports(path):
            target = _part(module)
            if (
                target
                and target != source
                and (PACKAGE / target).exists() | (PACKAGE / f"{target}.py").exists()
            ):
                edges.setdefault(target, f"{_where(path, line)} imports {module}")
    return graph


def _cycle(graph: dict[str, dict[str, str]]) -> list[str]:
    """One cycle of ``graph`` as the list of its nodes (the first repeated at the end), or []."""
    state: dict[str, str] = {}
    trail: list[str] = []

    def visit(node: str) -> list[str]:
        state[node] = "open"
        trail.append(node)
        for target in sorted(graph.get(node, {})):
            if state.get(target) == "open":
                return [*trail[trail.index(target) :], target]
            if target not in state and (found := visit(target)):
                return found
        state[node] = "done"
        trail.pop()
        return []

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return []


def test_the_packages_import_each_other_without_a_cycle():
    graph = _package_graph()
    cycle = _cycle(graph)
    steps = [graph[a][b] for a, b in itertools.pairwise(cycle)]
    assert not cycle, f"package cycle {' → '.join(cycle)}:\n" + "\n".join(steps)


def test_the_cycle_check_finds_a_cycle():
    graph = {"analytics": {"store": ""}, "store": {"ingest": ""}, "ingest": {"analytics": ""}}
    assert _cycle(graph) == ["analytics", "store", "ingest", "analytics"]
    assert _cycle({"ui": {"store": ""}, "store": {}}) == []
