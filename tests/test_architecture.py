"""The modules of aidlod import each other without cycles, counting type-only imports too.

A cycle between modules is a layering mistake even when Python copes with it (an import under
``if TYPE_CHECKING:`` or inside a function never runs first): the two modules can be neither
understood nor changed apart. The graph is read from the source with ``ast``, so nothing is
imported: every ``import`` and ``from ... import`` anywhere in a module (at the top, under
``TYPE_CHECKING``, inside a function) is an edge to the aidlod module it names. A package is its
``__init__``; ``from pkg import sub`` names the submodule ``pkg.sub`` (and ``pkg`` only when a
name that is not a submodule is imported too), so ``pkg/__init__`` importing ``pkg.sub`` counts,
while a submodule's implicit dependency on its parent package does not.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src"
ROOT = "aidlod"


def module_files(src: Path = SRC, root: str = ROOT) -> dict[str, Path]:
    """Every module of the package as ``{dotted name: file}`` (``pkg/__init__.py`` is ``pkg``)."""
    modules: dict[str, Path] = {}
    for path in sorted((src / root).rglob("*.py")):
        parts = list(path.relative_to(src).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return modules


def _base(module: str, is_package: bool, level: int, target: str | None) -> str:
    """The absolute name ``from {'.' * level}{target} import ...`` means inside ``module``."""
    package = module.split(".") if is_package else module.split(".")[:-1]
    if level - 1 > len(package) - 1:
        raise ValueError(f"{module}: relative import beyond the top-level package")
    anchor = package[: len(package) - (level - 1)]
    return ".".join(anchor + ([target] if target else []))


def imports_of(module: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The aidlod modules ``module`` imports, wherever the import statement stands."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name in modules)
        elif isinstance(node, ast.ImportFrom):
            base = _base(module, is_package, node.level, node.module) if node.level else (node.module or "")
            if base not in modules:
                continue
            subs = {f"{base}.{alias.name}" for alias in node.names} & modules.keys()
            found.update(subs)
            if len(subs) < len(node.names):  # a name defined in ``base`` itself (or ``*``)
                found.add(base)
    found.discard(module)
    return found


def import_graph(src: Path = SRC, root: str = ROOT) -> dict[str, set[str]]:
    modules = module_files(src, root)
    return {name: imports_of(name, path, modules) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle per strongly connected component that has one (Tarjan), as ``[a, b, ..., a]``."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[set[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                components.append(component)

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return [_cycle_in(graph, component) for component in sorted(components, key=min)]


def _cycle_in(graph: dict[str, set[str]], component: set[str]) -> list[str]:
    """A shortest cycle through the component's first module (breadth-first inside the component)."""
    start = min(component)
    parent: dict[str, str] = {}
    queue = [start]
    for v in queue:
        for w in sorted(graph[v] & component):
            if w == start:
                path = [v]  # back from v to the start, then turned round
                while path[-1] != start:
                    path.append(parent[path[-1]])
                return [*reversed(path), start]
            if w not in parent:
                parent[w] = v
                queue.append(w)
    raise AssertionError(f"no cycle through {start}")  # unreachable for a strongly connected component


def test_graph_reads_relative_and_type_only_imports(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("from .sub import leaf\n")
    (pkg / "a.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .b import B\n")
    (pkg / "b.py").write_text("def f():\n    from . import a\n")
    (pkg / "sub" / "__init__.py").write_text("VALUE = 1\n")
    (pkg / "sub" / "leaf.py").write_text("from .. import a\nfrom . import VALUE\nimport pkg.b\n")
    graph = import_graph(tmp_path, "pkg")
    assert graph == {"pkg": {"pkg.sub.leaf"}, "pkg.a": {"pkg.b"}, "pkg.b": {"pkg.a"}, "pkg.sub": set(),
                     "pkg.sub.leaf": {"pkg.a", "pkg.sub", "pkg.b"}}
    assert cycles(graph) == [["pkg.a", "pkg.b", "pkg.a"]]


def test_no_import_cycles() -> None:
    graph = import_graph()
    assert len(graph) > 10 and f"{ROOT}.cli" in graph
    found = cycles(graph)
    if found:
        print("import cycles among aidlod's modules:")
        for cycle in found:
            print("  " + " -> ".join(cycle))
    assert not found, "import cycles: " + "; ".join(" -> ".join(c) for c in found)


def test_every_module_imports_first() -> None:
    """Each module can be the first of aidlod's a program imports (a plugin's ``from aidlod.writers.iati
    import ...``). Importing a submodule runs its parent packages' ``__init__`` first, which the graph
    above leaves out: a cycle through a package's ``__init__`` fails only here (``aidlod.build`` importing
    a writer that imports ``aidlod.build.atomic`` did)."""
    names = sorted(name for name in module_files() if not name.endswith("__main__"))  # __main__ runs the CLI
    script = (
        "import importlib, sys\n"
        "failed = []\n"
        f"for name in {names!r}:\n"
        "    for loaded in [m for m in sys.modules if m == 'aidlod' or m.startswith('aidlod.')]:\n"
        "        del sys.modules[loaded]\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except Exception as exc:\n"
        "        failed.append(f'{name}: {type(exc).__name__}: {exc}')\n"
        "print('\\n'.join(failed))\n")
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=600, env=env)
    assert run.returncode == 0, run.stderr[-2000:]
    assert len(names) > 50
    assert run.stdout.strip() == "", "modules that cannot be imported first:\n" + run.stdout
