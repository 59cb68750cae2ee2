"""The import graph of the ``dashboard`` package, read from every module's source (AST), so
lazy (function-level) and ``TYPE_CHECKING`` imports count like any other.

    .venv/bin/python scripts/import_graph.py            # one line per module: what it imports
    .venv/bin/python scripts/import_graph.py --packages # the same, folded to subpackages

tests/test_architecture.py checks this graph (no cycles, no upward import, Dash only in
dashboard/web, no module over 400 lines); docs/ARCHITECTURE.md is drawn from its output.
"""

from __future__ import annotations

import argparse
import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "dashboard"

# The layers, bottom first: a module may import its own layer and the ones below.
# config.py sits just above the curated data (it reads YAML with the loader's line numbers).
LAYERS = {
    "dashboard": 0,  # the package root: PROJECT_ROOT only
    "dashboard.curated": 1,
    "dashboard.words": 2,  # the catalogue of words and the locale-aware formatter
    "dashboard.config": 2,
    "dashboard.analysis": 3,
    "dashboard.views": 4,
    "dashboard.outputs": 5,
    "dashboard.web": 6,
    "dashboard.cli": 7,
    "dashboard.wsgi": 7,
}


@dataclass(frozen=True)
class Import:
    source: str  # the importing module, e.g. dashboard.outputs.deck
    target: str  # the imported dashboard module, e.g. dashboard.views.charts
    line: int
    lazy: bool  # inside a function or an ``if TYPE_CHECKING:`` block
    path: str  # the importing file, relative to the project root

    def where(self) -> str:
        return f"{self.path}:{self.line}"


def modules(root: Path = ROOT) -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its ``__init__``)."""
    found = {}
    for path in sorted((root / PACKAGE).rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports(root: Path = ROOT) -> list[Import]:
    """Every import of a dashboard module by a dashboard module, wherever it is written."""
    known = modules(root)
    found: list[Import] = []
    for name, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node, lazy in _walk(tree):
            for target in _targets(node, package, known):
                if target != name:
                    found.append(
                        Import(name, target, node.lineno, lazy, str(path.relative_to(root)))
                    )
    return found


def _walk(tree: ast.AST):
    """``(import node, lazy)`` for every import; lazy when inside a function or TYPE_CHECKING."""
    stack = [(tree, False)]
    while stack:
        node, lazy = stack.pop()
        for child in ast.iter_child_nodes(node):
            inner = (
                lazy
                or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
                or _type_checking(child)
            )
            if isinstance(child, ast.Import | ast.ImportFrom):
                yield child, lazy
            stack.append((child, inner))


def _type_checking(node: ast.AST) -> bool:
    if not isinstance(node, ast.If):
        return False
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _targets(node: ast.Import | ast.ImportFrom, package: str, known: dict[str, Path]) -> list[str]:
    if isinstance(node, ast.Import):
        return [_closest(alias.name, known) for alias in node.names if _ours(alias.name)]
    base = node.module or ""
    if node.level:  # relative: from . import x, from ..views import y
        parent = package.split(".")
        parent = parent[: len(parent) - (node.level - 1)]
        base = ".".join([*parent, *([base] if base else [])])
    if not _ours(base):
        return []
    # "from dashboard.views import charts" imports the module dashboard.views.charts
    return [
        f"{base}.{a.name}" if f"{base}.{a.name}" in known else _closest(base, known)
        for a in node.names
    ]


def _ours(name: str) -> bool:
    return name == PACKAGE or name.startswith(PACKAGE + ".")


def _closest(name: str, known: dict[str, Path]) -> str:
    while name not in known and "." in name:
        name = name.rpartition(".")[0]
    return name


def layer(name: str) -> int:
    """The layer of module ``name``: that of its longest prefix in ``LAYERS``."""
    while name not in LAYERS:
        name = name.rpartition(".")[0]
    return LAYERS[name]


def subpackage(name: str) -> str:
    """``dashboard.views.charts.bars`` → ``dashboard.views``; top-level modules stay as they are."""
    parts = name.split(".")
    return ".".join(parts[:2])


def cycles(edges: list[tuple[str, str]]) -> list[list[str]]:
    """Every strongly connected set of two or more modules (Tarjan), each sorted."""
    graph: dict[str, set[str]] = {}
    for a, b in edges:
        graph.setdefault(a, set()).add(b)
        graph.setdefault(b, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(found)


def package_graph(root: Path = ROOT) -> str:
    """The subpackage graph as docs/ARCHITECTURE.md shows it, bottom layer first."""
    edges: dict[str, set[str]] = {}
    for imp in imports(root):
        a, b = subpackage(imp.source), subpackage(imp.target)
        if a != b:
            edges.setdefault(a, set()).add(b)
    names = sorted({subpackage(m) for m in modules(root)} - {PACKAGE}, key=lambda n: (layer(n), n))
    width = max(len(n) for n in names)

    def short(name: str) -> str:
        return "dashboard (PROJECT_ROOT)" if name == PACKAGE else name.removeprefix(PACKAGE + ".")

    lines = []
    for name in names:
        targets = sorted(edges.get(name, ()), key=lambda n: (-layer(n), n))
        lines.append(f"{name:<{width}} → {', '.join(short(t) for t in targets) or '(nothing)'}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--packages", action="store_true", help="fold modules into their subpackages"
    )
    args = parser.parse_args()
    if args.packages:
        print(package_graph())
        return
    edges: dict[str, set[str]] = {}
    for imp in imports():
        edges.setdefault(imp.source, set()).add(imp.target + (" (lazy)" if imp.lazy else ""))
    for name in sorted(modules()):
        print(f"{name} → {', '.join(sorted(edges.get(name, ()))) or '(nothing)'}")


if __name__ == "__main__":
    main()
