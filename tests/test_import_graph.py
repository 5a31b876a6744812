"""No import cycle among commitguard's modules, not even through an import inside a function.

A function-level import only postpones a cycle: the configuration once imported the
rules, whose migration rules imported the migration settings, which imported the
configuration. The graph is read from the source with `ast`, so an import that runs
only on a rare path counts as much as one at the top of a module. An import under
`if TYPE_CHECKING:` never runs and does not count.

Every edge counts. The rule registry names no rule module: `rules.catalogue()` finds
them in its folder when first asked, so the rule modules import the registry and
nothing imports them back.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "commitguard"

Graph = Mapping[str, frozenset[str]]


def module_files(src: Path, package: str) -> dict[str, Path]:
    """Every module of `package` under `src` by dotted name; a package is its `__init__`."""
    found: dict[str, Path] = {}
    for path in sorted((src / package).rglob("*.py")):
        parts = path.relative_to(src).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def imported_modules(name: str, path: Path, known: frozenset[str]) -> dict[str, bool]:
    """The modules of `known` that `name` imports outside `if TYPE_CHECKING:`, each with
    whether one of those imports runs at the top of the module (not inside a function)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    is_package = path.name == "__init__.py"
    found: dict[str, bool] = {}
    for node, in_function in _runtime_nodes(tree, in_function=False):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets.extend(_within(alias.name, known) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(name, is_package, node.module, node.level)
            for alias in node.names:
                # `from pkg import mod` imports the module; `from pkg import name`, the package.
                submodule = f"{base}.{alias.name}"
                targets.append(submodule if submodule in known else _within(base, known))
        for target in targets:
            if target and target != name:
                found[target] = found.get(target, False) or not in_function
    return found


def _runtime_nodes(tree: ast.AST, *, in_function: bool) -> Iterator[tuple[ast.AST, bool]]:
    """Every node that may run, and whether it runs inside a function."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for branch in node.orelse:
                yield branch, in_function
                yield from _runtime_nodes(branch, in_function=in_function)
            continue
        yield node, in_function
        inner = in_function or isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda)
        yield from _runtime_nodes(node, in_function=inner)


def _is_type_checking(test: ast.expr) -> bool:
    if isinstance(test, ast.Name):
        return test.id == "TYPE_CHECKING"
    return isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"


def _absolute(name: str, is_package: bool, module: str | None, level: int) -> str:
    if level == 0:
        return module or ""
    parts = name.split(".")
    # `.` in a package's __init__ is the package itself; in a module, its package.
    anchor = parts if is_package else parts[:-1]
    anchor = anchor[: len(anchor) - (level - 1)]
    return ".".join([*anchor, *([module] if module else [])])


def _within(dotted: str, known: frozenset[str]) -> str:
    """The longest prefix of `dotted` that is one of our modules, or "" for another library."""
    parts = dotted.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in known:
            return candidate
    return ""


def import_graph(src: Path, package: str) -> dict[str, frozenset[str]]:
    files = module_files(src, package)
    known = frozenset(files)
    imports = {name: imported_modules(name, path, known) for name, path in files.items()}
    return {name: frozenset(targets) for name, targets in imports.items()}


def find_cycle(graph: Graph) -> list[str] | None:
    """One cycle of `graph` as the path that walks it (first module repeated), or None."""
    state: dict[str, str] = {}  # absent: unseen; "open": on the current path; "done"
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = "open"
        path.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == "open":
                return [*path[path.index(target) :], target]
            if target not in state:
                cycle = visit(target)
                if cycle is not None:
                    return cycle
        path.pop()
        state[node] = "done"
        return None

    for start in sorted(graph):
        if start not in state:
            cycle = visit(start)
            if cycle is not None:
                return cycle
    return None


# --- the project's own graph --------------------------------------------------------------


def test_commitguard_has_no_import_cycle() -> None:
    graph = import_graph(SRC, PACKAGE)
    assert len(graph) > 40, "the modules were not found"
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or ())


def test_the_configuration_types_import_nothing_but_the_model() -> None:
    # What lets rules, migrations, security and report import Config and its sections
    # at run time without a cycle.
    graph = import_graph(SRC, PACKAGE)
    assert graph["commitguard.config.settings"] <= {"commitguard.model"}


# --- the checker itself, on small packages written for the purpose -----------------------


def _package(root: Path, files: Mapping[str, str]) -> Path:
    for relative, text in files.items():
        target = root / "pkg" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
    return root


@pytest.mark.parametrize(
    ("files", "cycle"),
    [
        pytest.param(
            {"__init__.py": "", "a.py": "import pkg.b\n", "b.py": "from pkg import a\n"},
            ["pkg.a", "pkg.b", "pkg.a"],
            id="module-level",
        ),
        pytest.param(
            {
                "__init__.py": "",
                "a.py": "from pkg.b import thing\n",
                "b.py": "def thing():\n    from pkg.a import other\n",
            },
            ["pkg.a", "pkg.b", "pkg.a"],
            id="inside-a-function",
        ),
        pytest.param(
            {
                "__init__.py": "from pkg.sub import helper\n",
                "sub/__init__.py": "",
                "sub/helper.py": "from pkg import name\n",
            },
            ["pkg", "pkg.sub.helper", "pkg"],
            id="through-a-package-init",
        ),
        pytest.param(
            {
                "__init__.py": "",
                "sub/__init__.py": "",
                "sub/a.py": "from . import b\n",
                "sub/b.py": "from .. import sub\nfrom .a import x\n",
            },
            ["pkg.sub.a", "pkg.sub.b", "pkg.sub.a"],
            id="relative",
        ),
        pytest.param(
            {
                "__init__.py": "",
                "a.py": "import pkg.b\n",
                "b.py": "TYPE_CHECKING = False\nif TYPE_CHECKING:\n    import pkg.a\n",
            },
            None,
            id="type-checking-only",
        ),
        pytest.param(
            {
                "__init__.py": "",
                "a.py": "import os.path\nimport pkg.b\n",
                "b.py": "import typing\nif typing.TYPE_CHECKING:\n    from pkg import a\n"
                "else:\n    import json\n",
            },
            None,
            id="other-libraries-and-typing-attribute",
        ),
        pytest.param(
            {"__init__.py": "", "a.py": "from pkg import b\n", "b.py": "from pkg import c\n"},
            None,
            id="a-chain",
        ),
        pytest.param(
            {
                "__init__.py": "def load():\n    from pkg import part\n",
                "part.py": "from pkg import load\n",
            },
            ["pkg", "pkg.part", "pkg"],
            id="a-registry-loading-its-parts-in-a-function",
        ),
        pytest.param(
            {"__init__.py": "from pkg import part\n", "part.py": "from pkg import load\n"},
            ["pkg", "pkg.part", "pkg"],
            id="a-package-importing-its-parts-at-the-top",
        ),
        pytest.param(
            {
                "__init__.py": "",
                "sub/__init__.py": "def load():\n    from pkg import other\n",
                "other.py": "from pkg.sub import load\n",
            },
            ["pkg.other", "pkg.sub", "pkg.other"],
            id="a-package-function-importing-a-stranger",
        ),
    ],
)
def test_find_cycle(tmp_path: Path, files: Mapping[str, str], cycle: list[str] | None) -> None:
    graph = import_graph(_package(tmp_path, files), "pkg")
    assert find_cycle(graph) == cycle
