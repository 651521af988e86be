"""Imports run one way: core (remissvar) <- search_api <- ingest; web reads through search_api;
only the CLI (remissvar_cli) imports every layer. Within ingest, the parse stage (ingest.parse)
reads the crawl stage (ingest.crawl) through one door, ingest.parse.from_crawl. No import cycles
between modules.

Every import statement counts, including those inside functions: a deferred import is still a
dependency.
"""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("remissvar", "search_api", "ingest", "web", "remissvar_cli")
ALLOWED: dict[str, set[str]] = {
    "remissvar": {"remissvar"},
    "search_api": {"remissvar", "search_api"},
    "ingest": {"remissvar", "search_api", "ingest"},
    "web": {"remissvar", "search_api", "web"},
    "remissvar_cli": set(PACKAGES),
}
# ingest writes the index; it does not use search (query) code: the index package is the only
# part of search_api it may import, and that package imports only the core
INGEST_MAY_USE = "search_api.index"
INDEX_PACKAGE = "search_api.index"
# within ingest, the parse stage reads what the crawl stored through its door only
PARSE_DOOR = "ingest.parse.from_crawl"


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _module_name(path: Path, root: Path = ROOT) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, root: Path = ROOT) -> set[str]:
    """Our modules imported by ``path`` (absolute and relative imports, at any depth)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    me = _module_name(path, root)
    pkg = me if path.name == "__init__.py" else me.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = pkg.split(".")[: len(pkg.split(".")) - (node.level - 1)]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            out.add(mod)
            out.update(f"{mod}.{a.name}" for a in node.names)  # "from pkg import module"
    return {m for m in out if m.split(".")[0] in PACKAGES}


def _graph(root: Path = ROOT) -> dict[str, set[str]]:
    files = [p for pkg in PACKAGES for p in (root / pkg).rglob("*.py")]
    modules = {_module_name(p, root): p for p in files}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        graph[name] = {m for m in _imports(path, root) if m in modules and m != name}
    return graph


def _wrong_imports(graph: dict[str, set[str]]) -> list[str]:
    wrong = []
    for mod, deps in graph.items():
        layer = mod.split(".")[0]
        for dep in deps:
            target = dep.split(".")[0]
            if target not in ALLOWED[layer]:
                wrong.append(f"{mod} -> {dep}")
            elif layer == "ingest" and target == "search_api" and not _within(dep, INGEST_MAY_USE):
                wrong.append(f"{mod} -> {dep} (ingest may only write the index)")
            elif _within(mod, INDEX_PACKAGE) and target != "remissvar" and not _within(dep, INDEX_PACKAGE):
                wrong.append(f"{mod} -> {dep} (the index package reads only the core)")
            elif mod.startswith("ingest.parse") and dep.startswith("ingest.crawl") and mod != PARSE_DOOR:
                wrong.append(f"{mod} -> {dep} (the parse stage reads the crawl through {PARSE_DOOR})")
    return sorted(wrong)


def test_imports_follow_the_layers() -> None:
    wrong = _wrong_imports(_graph())
    assert not wrong, "imports against the layers:\n  " + "\n  ".join(wrong)


def test_no_import_cycles() -> None:
    graph = _graph()
    # a package's __init__ importing its own submodules is not a cycle worth reporting
    for mod in graph:
        graph[mod] = {d for d in graph[mod] if not (d.startswith(mod + ".") or mod.startswith(d + "."))}
    state: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for d in sorted(graph[m]):
            if state.get(d) == 1:
                cycles.append(stack[stack.index(d):] + [d])
            elif d not in state:
                visit(d)
        stack.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)
    assert not cycles, "import cycles:\n  " + "\n  ".join(" -> ".join(c) for c in cycles)


def test_the_checker_sees_a_wrong_import(tmp_path: Path) -> None:
    """The rule itself works: a core module importing search_api is reported."""
    for pkg in ("remissvar", "search_api"):
        (tmp_path / pkg).mkdir()
        (tmp_path / pkg / "__init__.py").write_text("")
    (tmp_path / "search_api" / "index.py").write_text("")
    (tmp_path / "remissvar" / "probe.py").write_text("def f() -> None:\n    from search_api import index\n")
    assert "search_api.index" in _graph(tmp_path)["remissvar.probe"]


def test_the_index_rules_are_checked() -> None:
    """Ingest may import the index package but no search code; the index package reads only the core."""
    graph = {"ingest.indexing": {"search_api.index.writer", "search_api.search.service"},
             "search_api.index.writer": {"search_api.index.schema", "remissvar.records", "search_api.search.builders"}}
    assert _wrong_imports(graph) == [
        "ingest.indexing -> search_api.search.service (ingest may only write the index)",
        "search_api.index.writer -> search_api.search.builders (the index package reads only the core)",
    ]
