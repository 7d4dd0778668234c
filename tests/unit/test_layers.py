"""The layer rules of DESIGN.md, kept true by tests rather than by memory.

- `grid/` and `copier/` never import Qt: with PySide6 unimportable, every module of theirs
  loads in a fresh interpreter, and so do `tahoegui.cli` and the Qt-free helpers
  (`logs`, `atomic`, `paths`, `settings`, `crash`); `tahoegui-cp` even copies a file there.
- From the source (every import statement, also inside functions and `if TYPE_CHECKING:`
  blocks, absolute or relative): `models/` and `jobs/` never import `ui/` (or the app);
  `grid/` and `copier/` never import PySide6, shiboken6, qasync or the Qt layers above them;
  `grid/` never imports `copier/`.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "tahoegui"

QT = ("PySide6", "shiboken6", "qasync")
QT_LAYERS = ("tahoegui.app", "tahoegui.ui", "tahoegui.models", "tahoegui.jobs")

# package directory -> the modules (and their submodules) it must never import
RULES: dict[str, tuple[str, ...]] = {
    "models": ("tahoegui.ui", "tahoegui.app"),
    "jobs": ("tahoegui.ui", "tahoegui.app"),
    "copier": (*QT, *QT_LAYERS, "tahoegui.cli"),
    "grid": (*QT, *QT_LAYERS, "tahoegui.cli", "tahoegui.copier"),
}

# ---- in a fresh interpreter where Qt cannot be imported -----------------------------------------

# Runs first in the child: it refuses PySide6 (and shiboken6) as if it were not installed,
# remembering who asked, then imports every module given and runs `tahoegui-cp` once.
NO_QT_CHILD = textwrap.dedent(
    """
    import importlib, io, os, sys, tempfile, traceback

    ROOT, MODULES = sys.argv[1], sys.argv[2:]
    sys.path.insert(0, ROOT)  # this checkout's tahoegui, not whatever is installed
    refused = []

    class NoQt:
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in ("PySide6", "shiboken6"):
                refused.append("".join(traceback.format_stack(limit=12)))
                raise ImportError(f"{name} is not available (test_layers: no Qt here)")
            return None

    sys.meta_path.insert(0, NoQt())
    try:
        import PySide6  # noqa: F401
    except ImportError:
        refused.clear()
    else:
        sys.exit("PySide6 imported although it was refused: the check would pass vacuously")

    import tahoegui
    assert os.path.dirname(tahoegui.__file__) == os.path.join(ROOT, "tahoegui"), tahoegui.__file__

    failures = []
    for name in MODULES:
        try:
            importlib.import_module(name)
        except BaseException:
            failures.append(f"--- import {name}:\\n{traceback.format_exc()}")

    # tahoegui-cp with no display and no Qt: its imports inside main() run too.
    try:
        from tahoegui.cli.cp import main
        with tempfile.TemporaryDirectory() as tmp:
            src, dst = os.path.join(tmp, "a.txt"), os.path.join(tmp, "b.txt")
            with open(src, "wb") as f:
                f.write(b"no Qt needed")
            out, err = io.StringIO(), io.StringIO()
            rc = main(["-d", os.path.join(tmp, "no-node"), src, dst], out, err)
            if rc != 0 or open(dst, "rb").read() != b"no Qt needed":
                failures.append(f"--- tahoegui-cp a.txt b.txt: exit {rc}\\n{out.getvalue()}{err.getvalue()}")
    except BaseException:
        failures.append(f"--- tahoegui-cp a.txt b.txt:\\n{traceback.format_exc()}")

    qt = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6"))
    if qt:
        failures.append(f"--- Qt modules loaded anyway: {qt}")
    for stack in refused:
        failures.append(f"--- refused an import of Qt, asked from:\\n{stack}")
    if failures:
        sys.exit("\\n".join(failures))
    print(f"loaded {len(MODULES)} modules without Qt")
    """
)


def modules_under(package_dir: str) -> list[str]:
    """Every module of tahoegui/<package_dir>, by its import name."""
    names = []
    for path in sorted((PACKAGE / package_dir).rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def without_qt_modules() -> list[str]:
    return [
        *modules_under("grid"),
        *modules_under("copier"),
        *modules_under("cli"),
        "tahoegui.logs",
        "tahoegui.atomic",
        "tahoegui.paths",
        "tahoegui.settings",
        "tahoegui.crash",
    ]


def run_without_qt(modules: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONSTARTUP")}
    env["HOME"] = str(tmp_path)  # the child's log file, if any, goes nowhere that matters
    return subprocess.run(
        [sys.executable, "-c", NO_QT_CHILD, str(ROOT), *modules],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
        env=env,
    )


def test_grid_copier_and_cli_load_and_copy_where_qt_cannot_be_imported(tmp_path):
    modules = without_qt_modules()
    assert "tahoegui.grid.client" in modules and "tahoegui.copier.api" in modules and "tahoegui.cli.cp" in modules

    child = run_without_qt(modules, tmp_path)

    assert child.returncode == 0, f"{child.stdout}\n{child.stderr}"
    assert child.stdout.strip() == f"loaded {len(modules)} modules without Qt"


def test_the_child_does_fail_when_a_module_needs_qt(tmp_path):
    # The same child, asked for one module that needs Qt: the refusal must show.
    child = run_without_qt([*modules_under("grid"), "tahoegui.models.grid_model"], tmp_path)

    assert child.returncode != 0
    assert "--- import tahoegui.models.grid_model" in child.stderr
    assert "PySide6 is not available" in child.stderr


# ---- from the source -----------------------------------------------------------------------


def imported_names(tree: ast.AST, module: str, is_package: bool) -> Iterator[tuple[int, str]]:
    """(line, module name) for every import anywhere in `tree` (functions and TYPE_CHECKING
    blocks too), relative imports resolved against `module`. `from X import y` yields X and
    X.y, since y may be a submodule; importlib.import_module("X") and __import__("X") yield X."""
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                source = f"{base}.{node.module}" if node.module else base
            else:
                source = node.module or ""
            yield node.lineno, source
            for alias in node.names:
                yield node.lineno, f"{source}.{alias.name}"
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called in ("import_module", "__import__") and isinstance(node.args[0].value, str):
                yield node.lineno, node.args[0].value


def forbidden_imports(source: str, module: str, is_package: bool, forbidden: tuple[str, ...]) -> list[str]:
    found = []
    for line, name in imported_names(ast.parse(source), module, is_package):
        if any(name == f or name.startswith(f + ".") for f in forbidden):
            found.append(f"{line}: {name}")
    return found


def layer_violations(package_dir: str) -> list[str]:
    violations = []
    files = sorted((PACKAGE / package_dir).rglob("*.py"))
    assert files, f"no source found under tahoegui/{package_dir}"
    for path in files:
        parts = path.relative_to(ROOT).with_suffix("").parts
        is_package = parts[-1] == "__init__"
        module = ".".join(parts[:-1] if is_package else parts)
        source = path.read_text(encoding="utf-8")
        for found in forbidden_imports(source, module, is_package, RULES[package_dir]):
            violations.append(f"{path.relative_to(ROOT)}:{found}")
    return violations


@pytest.mark.parametrize("package_dir", sorted(RULES))
def test_no_import_crosses_a_layer_rule(package_dir):
    assert layer_violations(package_dir) == [], f"tahoegui/{package_dir} must never import {RULES[package_dir]}"


FORMS_OF_IMPORT = {
    "import": "import tahoegui.ui",
    "import-submodule-as": "import tahoegui.ui.main_window as mw",
    "from-submodule": "from tahoegui.ui.copy_summary import details",
    "from-package": "from tahoegui import ui",
    "relative-from-package": "from ..ui import main_window",
    "relative-bare": "from .. import ui",
    "relative-submodule": "from ..ui.main_window import MainWindow",
    "in-a-function": "def f():\n    from tahoegui.ui import prompts\n",
    "type-checking": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from tahoegui.ui.main_window import MainWindow\n",
    "in-a-method": "class A:\n    def m(self):\n        import tahoegui.ui.prompts\n",
    "import-module-call": "import importlib\nimportlib.import_module('tahoegui.ui.prompts')\n",
}


@pytest.mark.parametrize("source", FORMS_OF_IMPORT.values(), ids=FORMS_OF_IMPORT.keys())
def test_the_source_check_sees_every_form_of_import(source):
    assert forbidden_imports(source, "tahoegui.models.grid_model", False, RULES["models"]), source


@pytest.mark.parametrize(
    ("source", "module", "is_package"),
    [
        ("from . import grid_item", "tahoegui.models", True),
        ("from .grid_item import GridItem", "tahoegui.models.grid_model", False),
        ("from ..grid.types import GridEntry", "tahoegui.models.grid_model", False),
        ("from tahoegui.jobs.copy_job import CopyJob", "tahoegui.models.transfers", False),
        ("import tahoegui.uix", "tahoegui.models.grid_model", False),  # a prefix is not a package
    ],
)
def test_the_source_check_lets_allowed_imports_pass(source, module, is_package):
    assert forbidden_imports(source, module, is_package, RULES["models"]) == []


@pytest.mark.parametrize(
    "source",
    [
        "import PySide6",
        "from PySide6.QtCore import QObject",
        "import shiboken6",
        "import qasync",
        "from .. import jobs",
    ],
)
def test_the_source_check_sees_qt_in_the_copier(source):
    assert forbidden_imports(source, "tahoegui.copier.executor", False, RULES["copier"]), source
