"""The window itself: object names, status bar, navigation, keys, and no caps in what it shows."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QComboBox, QDockWidget, QLabel

from tahoegui.app import build_main_window
from tahoegui.grid.localgrid import PID_FILE, LocalGrid
from tahoegui.jobs import connection
from tahoegui.models import grid_model
from tahoegui.models.grid_item import LoadState
from tahoegui.ui.main_window import MainWindow
from tests.gui.helpers import grid_index, local_index, make_node_dir, select
from tests.stalled_storage import StorageFreezer, on_storage_index, storage_index


def test_window_has_both_panes_the_alias_selector_and_the_transfer_dock(window, local_root):
    assert window.findChild(QComboBox, "aliasSelector").findText("gui") >= 0
    assert window.findChild(QDockWidget, "transferQueue") is not None
    assert window.local_pane.current_path() == str(local_root)
    assert window.grid_pane.nav.location.text() == "gui:"
    names = {a.objectName() for a in window.local_view.actions()}
    assert "actionCopyToGrid" in names
    assert "actionCopyToLocal" in {a.objectName() for a in window.grid_view.actions()}


def test_status_bar_shows_node_and_connected_servers_without_caps(qtbot, window, grid):
    servers = window.findChild(QLabel, "serversLabel")
    qtbot.waitUntil(lambda: "servers connected" in servers.text(), timeout=10000)
    assert servers.text().startswith("3/3 servers connected (3 needed to upload)")
    assert "uploads OK" in servers.text()
    node = window.findChild(QLabel, "nodeLabel")
    assert grid.node_url.rstrip("/") in node.text()
    for text in (window.windowTitle(), servers.text(), node.text(), window.grid_pane.nav.location.text()):
        assert "URI:" not in text


def test_enter_opens_a_folder_backspace_goes_up_and_back_returns(qtbot, window, client, fresh_dir):
    client.mkdir(fresh_dir, "inner/deeper")
    view, pane = window.grid_view, window.grid_pane
    inner = grid_index(qtbot, window, "inner")
    view.setFocus()
    view.setCurrentIndex(inner)

    qtbot.keyClick(view, Qt.Key.Key_Return)
    assert pane.nav.location.text() == "gui:inner"
    grid_index(qtbot, window, "deeper")

    qtbot.keyClick(view, Qt.Key.Key_Backspace)
    assert pane.nav.location.text() == "gui:"
    pane.go_back()
    assert pane.nav.location.text() == "gui:inner"


def test_typing_alias_path_in_the_location_bar_walks_there(qtbot, window, client, fresh_dir):
    client.mkdir(fresh_dir, "a/b/c")
    window.grid_pane.open_location("gui:a/b")
    qtbot.waitUntil(lambda: window.grid_pane.nav.location.text() == "gui:a/b", timeout=10000)


def test_pasted_cap_opens_as_a_root_whose_name_hides_the_cap(qtbot, window, client):
    cap = client.mkdir()
    client.upload_to(cap, "hello.txt", b"hi")
    window.grid_pane.open_location(cap)
    grid_index(qtbot, window, "hello.txt")
    shown = window.grid_pane.nav.location.text()
    assert "URI:" not in shown and shown.startswith("<DIR2:")


def test_tab_switches_panes(qtbot, window):
    window.activateWindow()
    window.local_view.setFocus()
    qtbot.waitUntil(lambda: window.local_view.hasFocus(), timeout=3000)
    qtbot.keyClick(window.local_view, Qt.Key.Key_Tab)
    assert window.grid_view.hasFocus()
    qtbot.keyClick(window.grid_view, Qt.Key.Key_Tab)
    assert window.local_view.hasFocus()


def test_hidden_files_can_be_shown(qtbot, window, local_root):
    (local_root / ".secret").write_text("x")
    (local_root / "plain").write_text("x")
    local_index(qtbot, window, local_root / "plain")
    model = window.local_pane.model
    root = window.local_view.rootIndex()
    names = lambda: {model.index(r, 0, root).data() for r in range(model.rowCount(root))}  # noqa: E731
    assert ".secret" not in names()
    window.local_pane.hidden_toggle.setChecked(True)
    qtbot.waitUntil(lambda: ".secret" in names(), timeout=5000)


def test_grid_drags_carry_no_text_plain(qtbot, window, client, fresh_dir):
    client.upload_to(fresh_dir, "f.txt", b"f")
    index = grid_index(qtbot, window, "f.txt")
    select(window.grid_view, [index])
    mime = window.grid_pane.model.mimeData(window.grid_view.selectionModel().selectedIndexes())
    assert not mime.hasText() and not mime.hasUrls()
    assert len(window.grid_pane.selected_items()) == 1


def test_url_option_builds_a_window_on_that_node(qtbot, grid, local_root):
    win = build_main_window(["-u", grid.node_url, "--local-root", str(local_root)])
    qtbot.addWidget(win)
    assert grid.node_url.rstrip("/") in win.windowTitle()


@pytest.mark.grid  # starts a private grid of its own (tahoe processes), not the session's
def test_closing_the_window_while_the_private_grid_starts_does_not_wait_for_it(qtbot, tmp_path, local_root):
    grid_dir = tmp_path / "private-grid"
    win = build_main_window(["--local-grid", str(grid_dir), "--local-root", str(local_root)])
    qtbot.addWidget(win)
    try:
        launched = grid_dir / "storage-1" / PID_FILE
        qtbot.waitUntil(launched.exists, timeout=120000)  # nodes made, now being started
        win.close()
        # A guard against hanging only (benchmarks/cancel_latency.py measures how soon it
        # gives up): the start gave up instead of waiting for the grid...
        assert win.runner.wait(60000)
        qtbot.waitUntil(lambda: not win.runner.busy, timeout=5000)  # ...and said so
        assert win.statusBar().currentMessage() == "No grid: starting the private grid: cancelled"
        assert win.connection is None
    finally:
        LocalGrid(grid_dir).stop()


@contextmanager
def window_on_a_stalled_grid(
    qtbot, tmp_path, grid, client, local_root
) -> Iterator[tuple[MainWindow, StorageFreezer, str]]:
    """A window whose alias folder the client node cannot read: the storage nodes are
    frozen while the block runs (or until it thaws them). Also yields the folder's
    storage index."""
    home = client.mkdir()
    node_dir = make_node_dir(tmp_path / "node", grid, {"home": home})
    with StorageFreezer(grid) as freezer:
        win = build_main_window(["-d", str(node_dir), "--local-root", str(local_root)])
        qtbot.addWidget(win)
        win.show()
        yield win, freezer, storage_index(home)


def test_closing_the_window_breaks_off_a_listing_stalled_on_the_grid(
    qtbot, monkeypatch, tmp_path, grid, client, local_root
):
    monkeypatch.setattr(connection, "BROWSE_TIMEOUT", (5.0, 600.0))  # not broken off, it would wait 10 minutes
    with window_on_a_stalled_grid(qtbot, tmp_path, grid, client, local_root) as (win, freezer, home_index):
        listing_waits = on_storage_index(home_index)
        qtbot.waitUntil(lambda: freezer.node_waits(listing_waits) is not None, timeout=60000)  # with the node
        assert win.runner.busy
        win.close()
        # Python waits for these threads at exit: a blocked one would keep the process alive.
        assert win.runner.wait(60000), "the stalled listing was not broken off"
        qtbot.waitUntil(lambda: not win.runner.busy, timeout=5000)
        model = win.grid_pane.model  # the listing ended as broken off: not answered, not timed out
        note = model.index(0, 0, model.index(0, 0)).data()
        assert (
            note
            == "Could not load this folder: examining the object: the request was broken off (cancelled) — double-click to retry"
        )


def test_a_folder_stalled_on_the_grid_shows_an_error_instead_of_loading_for_minutes(
    qtbot, monkeypatch, tmp_path, grid, client, local_root
):
    monkeypatch.setattr(connection, "BROWSE_TIMEOUT", (5.0, 1.0))  # a minute in the app
    monkeypatch.setattr(grid_model, "DEFAULT_TIMEOUT", (5.0, 10.0))  # five minutes in the app
    with window_on_a_stalled_grid(qtbot, tmp_path, grid, client, local_root) as (win, freezer, _):
        model = win.grid_pane.model
        qtbot.waitUntil(lambda: model.rowCount() > 0, timeout=10000)
        root = model.index(0, 0)
        qtbot.waitUntil(lambda: model.item(root).state is LoadState.FAILED, timeout=15000)
        note = model.index(0, 0, root)
        assert "Could not load this folder" in note.data() and "did not answer in time" in note.data()

        # The retry is patient: the grid comes back after 2 s, longer than the first wait.
        QTimer.singleShot(2000, freezer.thaw)
        win.grid_pane._activated(note)  # what Enter or a double-click on the note does
        qtbot.waitUntil(lambda: model.item(root).state is not LoadState.LOADING, timeout=15000)
        assert model.item(root).state is LoadState.LOADED
        win.close()
