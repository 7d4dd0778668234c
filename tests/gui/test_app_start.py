"""Starting the window (app.build_main_window) with `--local-grid DIR`, and with no option at
all, on real nodes: it reaches a node, shows its aliases and lists the first one."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QComboBox, QLabel

from tahoegui.app import build_main_window
from tahoegui.grid.localgrid import LocalGrid, default_grid_dir
from tahoegui.grid.nodedir import NodeDirectory
from tahoegui.models.grid_item import LoadState
from tahoegui.ui.main_window import MainWindow

pytestmark = pytest.mark.grid


def wait_until_connected_and_listed(qtbot, win: MainWindow, alias: str, timeout: int) -> None:
    """A guard against hanging only: until the window has a node and shows `alias:` loaded."""
    qtbot.waitUntil(lambda: win.connection is not None, timeout=timeout)
    view, model = win.grid_view, win.grid_pane.model
    qtbot.waitUntil(
        lambda: view.rootIndex().isValid() and model.item(view.rootIndex()).state is LoadState.LOADED, timeout=30000
    )
    assert win.grid_pane.nav.location.text() == f"{alias}:"
    assert win.findChild(QComboBox, "aliasSelector").currentText() == alias


def test_local_grid_option_starts_a_private_grid_and_shows_its_tahoe_alias(qtbot, tmp_path, local_root):
    grid_dir = tmp_path / "private-grid"
    win = build_main_window(["--local-grid", str(grid_dir), "--local-root", str(local_root)])
    qtbot.addWidget(win)
    try:
        win.show()
        assert win.findChild(QLabel, "nodeLabel").text() == "starting private grid…"

        wait_until_connected_and_listed(qtbot, win, "tahoe", timeout=240000)  # creating four nodes takes a while

        grid = LocalGrid(grid_dir)
        assert grid.status().running
        assert win.connection.node_url == grid.node_url()
        assert win.windowTitle() == f"tahoegui — {grid.node_url()}"
        cap = win.connection.aliases["tahoe"]
        assert list(win.connection.aliases) == ["tahoe"] and cap.startswith("URI:DIR2:")
        assert NodeDirectory(grid.client_dir).read_aliases().aliases == {"tahoe": cap}
        assert win.grid_pane.model.rowCount(win.grid_view.rootIndex()) == 0  # a new, empty folder
        servers = win.findChild(QLabel, "serversLabel")
        qtbot.waitUntil(lambda: "servers connected" in servers.text(), timeout=10000)
        assert servers.text() == "3/3 servers connected (3 needed to upload) · uploads OK"
    finally:
        win.close()
        LocalGrid(grid_dir).stop()


def test_with_no_option_the_node_in_dot_tahoe_is_used(qtbot, monkeypatch, tmp_path, grid, fresh_dir, local_root):
    home = tmp_path / "home"
    grid.make_node_dir(home / ".tahoe", {"mine": fresh_dir})
    monkeypatch.setenv("HOME", str(home))
    private_grid_existed = default_grid_dir().exists()

    win = build_main_window(["--local-root", str(local_root)])
    qtbot.addWidget(win)
    win.show()
    try:
        wait_until_connected_and_listed(qtbot, win, "mine", timeout=30000)
    finally:
        if not private_grid_existed and default_grid_dir().exists():  # wrongly started: stop it
            win.close()
            LocalGrid(default_grid_dir()).stop()
    assert win.connection.node_url == grid.node_url
    assert win.connection.node_dir == NodeDirectory(home / ".tahoe")
    assert win.connection.aliases == {"mine": fresh_dir}
    assert default_grid_dir().exists() == private_grid_existed  # the private grid was not needed
