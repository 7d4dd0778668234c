"""`--version` of every program, and reading the node's version off its welcome page."""

from __future__ import annotations

import os
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from tahoegui import app, version
from tahoegui.cli import cp, grid
from tahoegui.grid.welcome import node_version_from_welcome

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


WELCOME_FOOTER = """
      <footer>
        <p>&#169; <a href="https://tahoe-lafs.org/">Tahoe-LAFS Software Foundation 2013-2020</a></p>
        <p class="minutia">Page rendered at <span>2026-12-04 10:28:33</span></p>
        <p class="minutia">tahoe-lafs/1.20.0</p>
        <p class="minutia">Tahoe-LAFS code imported from: <span>&lt;module 'allmydata'&gt;</span></p>
      </footer>
"""


def test_node_version_is_read_from_the_welcome_page_footer():
    assert node_version_from_welcome(WELCOME_FOOTER) == "tahoe-lafs/1.20.0"


def test_a_welcome_page_without_a_version_line_gives_none():
    assert node_version_from_welcome("<html><p class='minutia'>Page rendered at now</p></html>") is None
    assert node_version_from_welcome('<p class="minutia">Page rendered at <span>x</span></p>') is None
