"""Fixtures for window tests: a node directory of our own on the session grid, and the window."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QGuiApplication

from tahoegui.app import build_main_window
from tahoegui.ui.main_window import MainWindow
from tests.gui.helpers import make_node_dir


@pytest.fixture(autouse=True)
def config_home(monkeypatch, tmp_path_factory) -> Path:
    """Each window test starts with no remembered settings, and leaves none for the next
    (a window saves its settings when it closes)."""
    config = tmp_path_factory.mktemp("config-home")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(config))
    return config


@pytest.fixture
def local_root(tmp_path: Path) -> Path:
    root = tmp_path / "local"
    root.mkdir()
    return root


@pytest.fixture
def node_dir(tmp_path: Path, grid, fresh_dir: str) -> Path:
    """A node directory whose only alias, `gui:`, is a fresh empty grid directory."""
    return make_node_dir(tmp_path / "node", grid, {"gui": fresh_dir})


@pytest.fixture
def window(qtbot, node_dir: Path, local_root: Path) -> MainWindow:
    """The window on the `gui:` alias and the local root, shown and loaded."""
    win = build_main_window(["-d", str(node_dir), "--local-root", str(local_root)])
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    grid_view = win.grid_view
    qtbot.waitUntil(
        lambda: grid_view.rootIndex().isValid() and not win.grid_pane.model.is_loading(grid_view.rootIndex()),
        timeout=10000,
    )
    yield win
    win.queue.cancel_all()
    win.queue.wait(30000)


@pytest.fixture(autouse=True)
def clipboard_emptied_after(qapp):
    """Each window test leaves the clipboard empty, so the next starts with nothing to paste.
    Also, on the offscreen platform a QMimeData made in Python that is still on the
    clipboard when the process ends crashes it (the platform deletes it after Python has
    gone): pytest would end with a segmentation fault after every test passed."""
    yield
    QGuiApplication.clipboard().clear()
