"""A pane never looks broken without saying why: an empty folder, a node that can't be reached,
a node with no aliases, a filter that hides everything, no node yet."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from tahoegui.app import build_main_window
from tahoegui.grid.aliases import read_aliases_file
from tahoegui.grid.localgrid import free_port
from tahoegui.models.mime import local_paths_mime
from tahoegui.ui.main_window import MainWindow
from tests.gui.helpers import drop, make_node_dir, wait_for_copy
from tests.gui.scripted_prompts import ScriptedPrompts

EMPTY = "Empty folder: drag files here"


def message(window: MainWindow, pane: str) -> QWidget:
    found = window.findChild(QWidget, f"{pane}PaneState")
    assert found is not None
    return found


def text(window: MainWindow, pane: str) -> str:
    return window.findChild(QLabel, f"{pane}PaneStateText").text()


def shown(window: MainWindow, pane: str) -> bool:
    return message(window, pane).isVisible()


def button(window: MainWindow, name: str) -> QPushButton:
    found = message(window, "grid").findChild(QPushButton, name)
    assert found is not None, name
    return found


@pytest.mark.grid
def test_an_empty_grid_folder_says_so_and_still_takes_drops(qtbot, window, local_root, client, fresh_dir):
    qtbot.waitUntil(lambda: shown(window, "grid"), timeout=5000)
    assert window.grid_states.state.kind == "empty"
    assert text(window, "grid") == EMPTY
    assert not message(window, "grid").findChildren(QPushButton)

    viewport = window.grid_view.viewport()
    assert viewport.childAt(viewport.rect().center()) is None  # words let the mouse and drops through
    (local_root / "dropped.txt").write_text("dropped on the words")
    drop(window.grid_view, local_paths_mime([str(local_root / "dropped.txt")]))  # onto the message
    job = wait_for_copy(qtbot, window)
    assert job.result.ok
    assert client.read_bytes(fresh_dir, "dropped.txt") == b"dropped on the words"
    qtbot.waitUntil(lambda: not shown(window, "grid"), timeout=10000)  # the folder has a file now


@pytest.mark.grid
def test_an_empty_local_folder_says_so_until_a_file_appears(qtbot, window, local_root):
    qtbot.waitUntil(lambda: shown(window, "local"), timeout=10000)
    assert text(window, "local") == EMPTY
    (local_root / "new.txt").write_text("hello")
    qtbot.waitUntil(lambda: not shown(window, "local"), timeout=10000)
    (local_root / "new.txt").unlink()
    qtbot.waitUntil(lambda: shown(window, "local") and text(window, "local") == EMPTY, timeout=10000)


@pytest.mark.grid
def test_a_filter_that_hides_everything_says_so(qtbot, window, client, fresh_dir):
    client.upload_to(fresh_dir, "report.txt", b"r")
    window.grid_pane.refresh()
    qtbot.waitUntil(lambda: not shown(window, "grid"), timeout=10000)
    window.grid_filter.set_text("zzz")
    qtbot.waitUntil(lambda: shown(window, "grid"), timeout=5000)
    assert text(window, "grid") == "No names here contain 'zzz'"
    window.grid_filter.set_text("rep")
    qtbot.waitUntil(lambda: not shown(window, "grid"), timeout=5000)


def test_a_node_that_cannot_be_reached_says_so_in_the_grid_pane(qtbot, local_root, monkeypatch):
    url = f"http://127.0.0.1:{free_port()}/"  # nothing listens here
    window = build_main_window(["-u", url, "--local-root", str(local_root)])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.grid_states.state.kind == "unreachable", timeout=15000)
    assert shown(window, "grid")
    assert text(window, "grid") == f"Can't reach the node at {url}"
    detail = window.findChild(QLabel, "gridPaneStateDetail").text()
    assert detail.startswith("Is the node running?")
    assert "no aliases" not in window.statusBar().currentMessage()  # the old, wrong message
    assert button(window, "retryButton").isEnabled()

    answers = ScriptedPrompts().install(monkeypatch)  # Connect to Node… asks where
    qtbot.mouseClick(button(window, "connectButton"), Qt.MouseButton.LeftButton)
    assert [q.title for q in answers.asked] == ["Connect to Node"]

    polls = []
    window.status_poller.failed.connect(polls.append)
    qtbot.mouseClick(button(window, "retryButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(polls) == 1, timeout=15000)  # asked again, still nobody there
    assert window.grid_states.state.kind == "unreachable"
    window.close()


@pytest.mark.grid
def test_retry_finds_a_node_that_came_back_on_another_port(qtbot, tmp_path, grid, local_root, fresh_dir):
    node = make_node_dir(tmp_path / "node", grid, {"back": fresh_dir})
    (node / "node.url").write_text(f"http://127.0.0.1:{free_port()}/\n")  # stopped, it seems
    window = build_main_window(["-d", str(node), "--local-root", str(local_root)])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.grid_states.state.kind == "unreachable", timeout=15000)
    (node / "node.url").write_text(grid.node_url + "\n")  # started again, elsewhere
    qtbot.mouseClick(button(window, "retryButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.connection.node_url == grid.node_url, timeout=15000)
    qtbot.waitUntil(lambda: window.grid_states.state.kind == "empty", timeout=15000)  # `back:` is empty
    window.close()


@pytest.mark.grid
def test_a_node_with_no_aliases_offers_to_create_one(qtbot, tmp_path, grid, local_root, monkeypatch):
    node = make_node_dir(tmp_path / "bare-node", grid, {})
    window = build_main_window(["-d", str(node), "--local-root", str(local_root)])
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.grid_states.state.kind == "no-aliases", timeout=15000)
    assert text(window, "grid") == "This node has no aliases yet"
    create = button(window, "createAliasButton")
    assert create.text() == "Create an alias" and create.isEnabled()

    ScriptedPrompts(texts=["first"]).install(monkeypatch)
    qtbot.mouseClick(create, Qt.MouseButton.LeftButton)  # actionNewAlias
    qtbot.waitUntil(lambda: "first" in read_aliases_file(Path(node) / "private" / "aliases").aliases, timeout=30000)
    qtbot.waitUntil(lambda: window.grid_states.state.kind == "empty", timeout=15000)  # in `first:`, empty
    window.close()


def test_before_any_node_the_grid_pane_says_it_is_not_connected(qtbot, local_root):
    window = MainWindow(local_root)
    qtbot.addWidget(window)
    window.show()
    window.status.set_starting("starting private grid…")
    qtbot.waitUntil(lambda: window.grid_states.state.kind == "not-connected", timeout=5000)
    assert text(window, "grid") == "Not connected to a node"
    qtbot.waitUntil(
        lambda: window.findChild(QLabel, "gridPaneStateDetail").text() == "starting private grid…", timeout=5000
    )
    assert button(window, "connectButton").isEnabled()
