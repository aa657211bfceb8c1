"""The package's shape: no import cycles, the layers of studysite.LAYERS, the probe kept apart
from the runtime, short functions, and the two registries as the one source of the steps and
the rules (the hook, the command line and the checker read them)."""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

from conftest import PROJECT_DIR
from studysite import LAYERS
from studysite.check.rules import RULES_IN_ORDER, Scope
from studysite.cli import _parser
from studysite.steps.registry import STEPS, When, after_build

PACKAGE = PROJECT_DIR / "scripts" / "studysite"
MAX_FUNCTION_LINES = 60


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imported(module: str, node: ast.Import | ast.ImportFrom) -> list[str]:
    """The project modules an import statement names (anywhere in the module: lazy imports
    inside functions count too)."""
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        base = module.split(".")
        if MODULES[module].name != "__init__.py":
            base = base[:-1]
        if node.level:
            base = base[: len(base) - node.level + 1]
            target = ".".join([*base, *([node.module] if node.module else [])])
        else:
            target = node.module or ""
        names = [
            f"{target}.{a.name}" if f"{target}.{a.name}" in MODULES else target for a in node.names
        ]
    found = []
    for name in names:
        while name and name not in MODULES:
            name = name.rpartition(".")[0]
        if name and name != module:
            found.append(name)
    return found


def import_graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = defaultdict(set)
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import | ast.ImportFrom):
                graph[module].update(imported(module, node))
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one node (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def unit(module: str) -> str:
    """A module's part of the package: its subpackage, or itself for a top-level module."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def test_the_graph_is_read_whole() -> None:
    graph = import_graph()
    assert "studysite.steps.svgfont" in graph["studysite.steps.site_font"]  # a plain import
    assert "studysite.model" in graph["studysite.cli"]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycle_between_modules() -> None:
    assert cycles(import_graph()) == []


def test_no_import_cycle_between_subpackages() -> None:
    units: dict[str, set[str]] = defaultdict(set)
    for module, targets in import_graph().items():
        units[unit(module)].update(unit(t) for t in targets if unit(t) != unit(module))
    assert cycles(units) == []


def test_the_layers_hold() -> None:
    layer = {
        name.removeprefix("studysite."): level
        for level, (_, names) in enumerate(LAYERS)
        for name in names
    }
    assert set(layer) == {unit(module) for module in MODULES}, "every part is in a layer"
    wrong = [
        f"{module} -> {target}"
        for module, targets in import_graph().items()
        for target in sorted(targets)
        if unit(target) != unit(module) and layer[unit(target)] >= layer[unit(module)]
    ]
    assert wrong == []


def test_the_probe_stays_apart_from_the_runtime() -> None:
    """probe/ needs the test extra (Playwright): nothing the build runs imports it."""
    users = [m for m, targets in import_graph().items() for t in targets if unit(t) == "probe"]
    assert [m for m in users if unit(m) != "probe"] == []
    for module, path in MODULES.items():
        if unit(module) != "probe":
            assert "playwright" not in path.read_text(encoding="utf-8"), module


def long_functions(root: Path) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    found.append(
                        f"{path.relative_to(PROJECT_DIR)}:{node.lineno} {node.name} {length}"
                    )
    return found


def test_no_function_is_longer_than_60_lines() -> None:
    assert long_functions(PROJECT_DIR / "scripts") == []


def test_every_step_is_a_command_with_one_signature() -> None:
    subcommands = _parser()._subparsers._group_actions[0].choices
    assert [s.name for s in STEPS] == [n for n in subcommands if n in {s.name for s in STEPS}]
    assert {"check", "post-build", "pages"} | {s.name for s in STEPS} == set(subcommands)
    for step in STEPS:
        module = MODULES[f"studysite.steps.{step.module}"]
        tree = ast.parse(module.read_text(encoding="utf-8"))
        [run] = [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "run"]
        assert [a.arg for a in run.args.args] == ["job"], step.name
        assert ast.unparse(run.args.args[0].annotation) == "Job", step.name
        for option in step.options:
            assert option.dest in {"languages", "main_site"}, option  # a Job field
    assert [s.when for s in after_build(pdf_books=True)][-1] is When.PDF
    assert When.OFFLINE not in {s.when for s in after_build(pdf_books=True)}


@pytest.mark.parametrize("rule", RULES_IN_ORDER, ids=lambda rule: rule.code)
def test_every_rule_names_its_function(rule) -> None:
    arguments = rule.check.__code__.co_varnames[: rule.check.__code__.co_argcount]
    assert arguments == (("page", "tree") if rule.scope is Scope.PAGE else ("tree",))
    assert rule.summary.en and rule.summary.ko and rule.summary.en != rule.summary.ko
