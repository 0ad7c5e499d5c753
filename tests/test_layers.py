"""The package's layers: each module imports only from its own layer and those below, with no
cycles, and the commands never import each other.

The import graph is read from the source with `ast`, every import counted: at the top,
inside functions and under TYPE_CHECKING alike.
"""

from __future__ import annotations

import ast
from pathlib import Path

import styrning

PACKAGE = Path(styrning.__file__).parent

# Bottom to top. A module may import from its own layer and the layers before it.
LAYERS = (
    "core",  # dates, periods, model, codes, problems, provenance, schema
    "read",  # files, YAML with positions, the parallel reader, the loader
    "state",  # the status rules
    "checks",  # validation
    "history",  # git, the semantic diff
    "views",  # timeline, report, brief, calendar: what each output says
    "render",  # how each output is written
    "write",  # atomic writes, templates
    "commands",  # one module per command, and their common plumbing
    "app",  # cli, launcher, __main__
)


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def layer(module: str) -> str:
    if module == "styrning":
        return "core"  # the package itself holds only its version
    parts = module.split(".")
    return parts[1] if len(parts) > 2 or (len(parts) == 2 and parts[1] in LAYERS) else "app"


def imports(module: str) -> set[str]:
    """The styrning modules `module` imports, anywhere in its source."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if not node.module.startswith("styrning"):
                continue
            for alias in node.names:
                sub = f"{node.module}.{alias.name}"
                found.add(sub if sub in MODULES else node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("styrning")}
    return {m for m in found if m in MODULES and m != module}


GRAPH = {m: imports(m) for m in MODULES}


def test_every_module_is_in_a_known_layer() -> None:
    for module in MODULES:
        assert layer(module) in LAYERS, module
    # the layers the design names exist as folders
    for name in LAYERS[:-1]:
        assert (PACKAGE / name / "__init__.py").is_file(), name


def test_a_module_imports_only_its_own_layer_and_those_below() -> None:
    wrong = [
        f"{m} ({layer(m)}) imports {d} ({layer(d)})"
        for m, deps in GRAPH.items()
        for d in sorted(deps)
        if LAYERS.index(layer(d)) > LAYERS.index(layer(m))
    ]
    assert wrong == []


def test_the_core_imports_nothing_above_it() -> None:
    for m, deps in GRAPH.items():
        if layer(m) == "core":
            assert {layer(d) for d in deps} <= {"core"}, m
    assert GRAPH["styrning.core.codes"] == set(), "the code table imports nothing"


def test_commands_never_import_each_other() -> None:
    shared = {"styrning.commands", "styrning.commands.common"}
    for m, deps in GRAPH.items():
        if layer(m) == "commands" and m not in shared:
            assert {d for d in deps if layer(d) == "commands"} <= shared, m


def test_views_import_no_renderer() -> None:
    for m, deps in GRAPH.items():
        if layer(m) in ("state", "views"):
            assert not any(layer(d) == "render" for d in deps), m


def cycles() -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(GRAPH[v]):
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

    for v in sorted(GRAPH):
        if v not in index:
            visit(v)
    return found


def test_no_import_cycles() -> None:
    assert cycles() == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    saved = dict(GRAPH)
    try:
        GRAPH["styrning.core.dates"] = {"styrning.core.model"}
        assert ["styrning.core.dates", "styrning.core.model"] in cycles()
    finally:
        GRAPH.clear()
        GRAPH.update(saved)
