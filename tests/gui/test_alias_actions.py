"""New, Add, Rename and Remove Alias: `NODEDIR/private/aliases` changes, `tahoe ls NAME:`
works right after, and the selector and the tree follow at once."""

from __future__ import annotations

import stat
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox

from tahoegui.app import build_main_window
from tahoegui.grid.aliases import read_aliases_file
from tahoegui.grid.caps import parse
from tahoegui.grid.localgrid import tahoe_executable
from tahoegui.ui.main_window import MainWindow
from tests.gui.scripted_prompts import ScriptedPrompts

pytestmark = pytest.mark.grid

ALIAS_ACTIONS = ("actionNewAlias", "actionAddAlias", "actionRenameAlias", "actionRemoveAlias")


@pytest.fixture
def answers(monkeypatch) -> ScriptedPrompts:
    return ScriptedPrompts().install(monkeypatch)


def alias_action(window: MainWindow, name: str) -> QAction:
    found = window.findChild(QAction, name)
    assert found is not None, name
    return found


def aliases_in(node_dir: Path) -> dict[str, str]:
    return read_aliases_file(node_dir / "private" / "aliases").aliases


def tahoe_ls(node_dir: Path, target: str) -> subprocess.CompletedProcess[str]:
    """The tahoe command line's own view of the aliases file."""
    return subprocess.run(
        [tahoe_executable(), "-d", str(node_dir), "ls", target], capture_output=True, text=True, timeout=120
    )


def selector_names(window: MainWindow) -> list[str]:
    selector = window.findChild(QComboBox, "aliasSelector")
    return [selector.itemText(i) for i in range(1, selector.count())]


def wait_for_message(qtbot, window: MainWindow, words: str) -> str:
    qtbot.waitUntil(lambda: words in window.statusBar().currentMessage(), timeout=30000)
    return window.statusBar().currentMessage()


def test_alias_actions_are_in_the_grid_menu_and_the_selector_menu(window):
    menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions()}
    grid_menu = [a.objectName() for a in menus["Grid"].actions()]
    assert grid_menu == list(ALIAS_ACTIONS)
    selector = window.findChild(QComboBox, "aliasSelector")
    assert selector.contextMenuPolicy() == Qt.ContextMenuPolicy.ActionsContextMenu
    assert [a.objectName() for a in selector.actions()] == list(ALIAS_ACTIONS)
    assert all(alias_action(window, n).isEnabled() for n in ALIAS_ACTIONS)  # `gui:` is shown


def test_new_alias_makes_a_directory_that_tahoe_ls_opens(qtbot, window, node_dir, client, answers):
    answers.texts = ["photos"]
    alias_action(window, "actionNewAlias").trigger()
    wait_for_message(qtbot, window, "Added alias 'photos:'")
    cap = aliases_in(node_dir)["photos"]
    assert parse(cap).is_directory and parse(cap).is_writable
    assert stat.S_IMODE((node_dir / "private" / "aliases").stat().st_mode) == 0o600
    assert client.list_dir(cap).children == {}
    listed = tahoe_ls(node_dir, "photos:")
    assert listed.returncode == 0, listed.stderr
    assert tahoe_ls(node_dir, "gui:").returncode == 0  # the other alias is still there
    assert selector_names(window) == ["gui", "photos"]
    assert window.grid_pane.nav.location.text() == "photos:"  # and it is shown


def test_new_alias_refuses_bad_and_taken_names(qtbot, window, node_dir, answers):
    before = (node_dir / "private" / "aliases").read_text()
    answers.texts = ["gui", "my photos", "a:b", "a/b", None]
    alias_action(window, "actionNewAlias").trigger()
    labels = [q.text for q in answers.asked]
    assert "already an alias named 'gui'" in labels[1]
    assert "spaces" in labels[2] and "':'" in labels[3] and "'/'" in labels[4]
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=10000)
    assert (node_dir / "private" / "aliases").read_text() == before


def test_add_alias_takes_an_existing_directory_cap(qtbot, window, node_dir, client, answers):
    cap = client.mkdir()
    client.upload_to(cap, "report.pdf", b"%PDF")
    answers.texts = ["shared", cap]
    alias_action(window, "actionAddAlias").trigger()
    wait_for_message(qtbot, window, "Added alias 'shared:'")
    assert aliases_in(node_dir)["shared"] == cap
    listed = tahoe_ls(node_dir, "shared:")
    assert listed.returncode == 0 and listed.stdout.split() == ["report.pdf"], listed.stderr
    assert "shared" in selector_names(window)
    assert window.grid_pane.nav.location.text() == "shared:"


def test_add_alias_refuses_a_cap_that_is_not_a_directory(qtbot, window, node_dir, client, answers):
    file_cap = client.upload(b"just a file")
    before = (node_dir / "private" / "aliases").read_text()
    answers.texts = ["file", file_cap]
    alias_action(window, "actionAddAlias").trigger()
    text = window.statusBar().currentMessage()
    assert "not one" in text and "URI:" not in text
    answers.texts = ["junk", "URI:DIR2:not-a-real-cap"]
    alias_action(window, "actionAddAlias").trigger()
    text = window.statusBar().currentMessage()
    assert "not a cap" in text and "URI:" not in text
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=10000)
    assert (node_dir / "private" / "aliases").read_text() == before


def test_rename_alias_renames_the_alias_shown(qtbot, window, node_dir, fresh_dir, answers):
    assert window.grid_pane.shown_alias() == "gui"
    answers.texts = ["work"]
    alias_action(window, "actionRenameAlias").trigger()
    assert answers.asked[0].default == "gui"  # the old name, ready to edit
    wait_for_message(qtbot, window, "Renamed alias 'gui:' to 'work:'")
    assert aliases_in(node_dir) == {"work": fresh_dir}
    assert tahoe_ls(node_dir, "work:").returncode == 0
    assert tahoe_ls(node_dir, "gui:").returncode != 0
    assert selector_names(window) == ["work"]
    assert window.grid_pane.nav.location.text() == "work:"


def test_remove_alias_says_the_directory_stays_and_leaves_it_on_the_grid(
    qtbot, window, node_dir, client, fresh_dir, answers
):
    client.upload_to(fresh_dir, "still.txt", b"still here")
    answers.confirms = [False]
    alias_action(window, "actionRemoveAlias").trigger()
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=10000)
    assert aliases_in(node_dir) == {"gui": fresh_dir}  # said no

    answers.confirms = [True]
    alias_action(window, "actionRemoveAlias").trigger()
    question = answers.asked[-1]
    assert "'gui:'" in question.text and "stays on the grid" in question.text and "URI:" not in question.text
    wait_for_message(qtbot, window, "Removed alias 'gui:'")
    assert aliases_in(node_dir) == {}
    assert tahoe_ls(node_dir, "gui:").returncode != 0
    assert client.read_bytes(fresh_dir, "still.txt") == b"still here"  # the directory stays
    assert selector_names(window) == []
    assert "URI:" not in window.grid_pane.nav.location.text()
    assert not alias_action(window, "actionRemoveAlias").isEnabled()  # no alias shown now


def test_without_a_node_directory_the_alias_actions_are_disabled_and_say_why(
    qtbot, grid, local_root, tmp_path, monkeypatch
):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # no ~/.tahoe
    win = build_main_window(["-u", grid.node_url, "--local-root", str(local_root)])
    qtbot.addWidget(win)
    for name in ALIAS_ACTIONS:
        action = alias_action(win, name)
        assert not action.isEnabled()
        assert "-u URL" in action.toolTip() and "node directory" in action.toolTip()
