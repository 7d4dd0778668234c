"""`--version` of every program."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from tahoegui import app, version
from tahoegui.cli import cp, grid

ROOT = Path(__file__).resolve().parents[2]
INSTALLED = metadata.version("tahoegui")


@pytest.mark.parametrize(
    ("program", "main"), [("tahoegui", app.main), ("tahoegui-cp", cp.main), ("tahoegui-grid", grid.main)]
)
def test_version_option_prints_name_and_package_version_and_exits_0(program, main, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    captured = capsys.readouterr()
    assert captured.out == f"{program} {INSTALLED}\n"
    assert captured.err == ""


@pytest.mark.parametrize(
    ("program", "module"),
    [("tahoegui", "tahoegui.app"), ("tahoegui-cp", "tahoegui.cli.cp"), ("tahoegui-grid", "tahoegui.cli.grid")],
)
def test_each_program_answers_version_without_a_display(program, module):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run(
        [sys.executable, "-m", module, "--version"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, f"{program} {INSTALLED}\n", "")


def test_cp_version_wins_over_missing_paths(capsys):
    """`tahoegui-cp --version` alone is no usage error, though cp needs a source and a target."""
    with pytest.raises(SystemExit) as exit_:
        cp.main(["--version", "-r"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out == f"tahoegui-cp {INSTALLED}\n"


def test_version_is_unknown_for_a_copy_that_was_never_installed(monkeypatch):
    def missing(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(version.metadata, "version", missing)
    assert version.version() == "unknown"
    assert version.version_line("tahoegui-cp") == "tahoegui-cp unknown"
