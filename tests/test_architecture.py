"""The house: four packages whose imports run one way, and no module that imports itself back.

``indicators`` <- ``evaluator`` <- ``reports`` <- ``lcity``. Every import statement counts, also
those inside functions and under ``TYPE_CHECKING``: a lazy import that runs uphill is still a
dependency, only a later one.
"""

from __future__ import annotations

import ast
import importlib.util
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

LAYERS = ["indicators", "evaluator", "reports", "lcity"]


def _package_modules(package: str) -> dict[str, Path]:
    spec = importlib.util.find_spec(package)
    assert spec is not None and spec.submodule_search_locations, f"{package} is not installed"
    root = Path(next(iter(spec.submodule_search_locations)))
    modules = {}
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).with_suffix("").parts
        name = ".".join((package, *parts))
        modules[name.removesuffix(".__init__")] = path
    return modules


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The project modules that ``name`` imports, with relative imports resolved."""
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".")[: len(name.split(".")) - node.level + (1 if is_package else 0)]
                base = ".".join(anchor + ([base] if base else []))
            targets = [base] + [f"{base}.{a.name}" for a in node.names]
        for t in targets:
            while t and t not in known:  # `from pkg import name` names a module or something in one
                t = t.rpartition(".")[0]
            if t and t != name:
                found.add(t)
    return found


def _graph() -> dict[str, set[str]]:
    modules: dict[str, Path] = {}
    for package in LAYERS:
        modules.update(_package_modules(package))
    known = set(modules)
    return {name: _imports(name, path, known) for name, path in modules.items()}


def _layer(module: str) -> int:
    return LAYERS.index(module.split(".")[0])


def test_every_layer_is_found():
    graph = _graph()
    assert {m.split(".")[0] for m in graph} == set(LAYERS)
    assert "lcity.cli" in graph and "evaluator.engine" in graph


def test_no_import_runs_uphill():
    uphill = sorted(f"{m} imports {t}" for m, ts in _graph().items() for t in ts if _layer(t) > _layer(m))
    assert uphill == []


def test_no_import_cycle():
    graph = {m: {t for t in ts if not m.startswith(t + ".")} for m, ts in _graph().items()}
    try:
        TopologicalSorter(graph).prepare()
    except CycleError as exc:
        raise AssertionError(f"import cycle: {' -> '.join(exc.args[1])}") from None


def test_engine_layers_hold_no_cli():
    """The engine and the renderers never reach for the terminal or the command line."""
    for module, targets in _graph().items():
        if _layer(module) < LAYERS.index("lcity"):
            source = Path(importlib.util.find_spec(module).origin).read_text(encoding="utf-8")
            assert "import typer" not in source and "from rich" not in source, module
