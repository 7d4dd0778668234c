"""Menus, toolbar and key bar: each menu holds the actions the issue lists (those that exist),
and every entry acts on the focused pane. Help → Keyboard Shortcuts lists the real keys;
File → Connect to Node… switches nodes and remembers the choice."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QComboBox, QDialog, QTableWidget, QToolBar, QToolButton

from tahoegui.recent_nodes import load_recent
from tahoegui.ui.main_window import MainWindow
from tahoegui.ui.menus import menu_entry_names
from tests.gui.helpers import grid_index, local_index, make_node_dir, select
from tests.gui.scripted_prompts import ScriptedPrompts

pytestmark = pytest.mark.grid

# What the issue asks of each menu, by action name (`A|B`: each pane's action of that kind).
# Actions another branch adds (cut/copy/paste, caps, move, open location) show once they exist.
EXPECTED_MENUS = {
    "File": [
        "actionConnectToNode",
        "actionOpenLocation",
        "actionOpen",
        "actionNewFolder",
        "actionAddCapHere",
        "actionQuit",
    ],
    "Edit": [
        "actionCutItems",
        "actionCopyItems",
        "actionPasteItems",
        "actionRename",
        "actionDelete",
        "actionDeletePermanently",
        "actionCopyToGrid|actionCopyToLocal",
        "actionMove",
        "actionSelectAll",
        "actionCopyReadOnlyLink",
        "actionCopyWriteCap",
        "actionCopyVerifyCap",
        "actionProperties",
    ],
    "Go": ["actionBack", "actionUp", "actionRefreshLocal|actionRefreshGrid"],
    "View": ["actionShowTransfers", "actionShowHidden", "actionFilter"],
    "Grid": ["actionNewAlias", "actionAddAlias", "actionRenameAlias", "actionRemoveAlias"],
    "Help": ["actionKeyboardShortcuts", "actionAbout", "actionAboutQt"],
}
ON_THIS_BRANCH = {  # these must be there whatever else is merged
    "actionConnectToNode",
    "actionOpen",
    "actionNewFolder",
    "actionQuit",
    "actionRename",
    "actionDelete",
    "actionSelectAll",
    "actionCopyReadOnlyLink",
    "actionProperties",
    "actionBack",
    "actionUp",
    "actionShowTransfers",
    "actionShowHidden",
    "actionFilter",
    "actionKeyboardShortcuts",
    "actionAbout",
}


def exists(window: MainWindow, spec: str) -> bool:
    for name in spec.split("|"):
        if any(a.objectName() == name for v in (window.local_view, window.grid_view) for a in v.actions()):
            return True
        if window.findChild(QAction, name) is not None:
            return True
    return False


def menu(window: MainWindow, title: str):
    menus = {a.text().replace("&", ""): a.menu() for a in window.menuBar().actions()}
    return menus[title]


def entry(window: MainWindow, title: str, spec: str) -> QAction:
    found = [a for a in menu(window, title).actions() if menu_entry_names_of(a) == spec]
    assert len(found) == 1, (title, spec)
    return found[0]


def menu_entry_names_of(action: QAction) -> str:
    targets = action.property("paneActions")
    return "|".join(targets) if targets else action.objectName()


def focus(qtbot, window: MainWindow, view) -> None:
    view.setFocus()
    window.menus.focus.refresh()
    assert window.menus.focus.current is view


@pytest.fixture
def answers(monkeypatch) -> ScriptedPrompts:
    return ScriptedPrompts().install(monkeypatch)


def test_each_menu_holds_the_actions_the_issue_lists(window):
    titles = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert titles == ["File", "Edit", "Go", "View", "Grid", "Help"]
    for title, names in EXPECTED_MENUS.items():
        present = [n for n in names if exists(window, n)]
        assert menu_entry_names(menu(window, title)) == present, title
        assert {n for n in names if n in ON_THIS_BRANCH} <= set(present), title
    about = window.findChild(QAction, "actionAbout")
    assert about is not None and about in menu(window, "Help").actions()


def test_edit_and_file_entries_act_on_the_focused_pane(qtbot, window, local_root, client, fresh_dir, answers):
    new_folder = entry(window, "File", "actionNewFolder")
    focus(qtbot, window, window.local_view)
    answers.texts = ["made-from-the-menu"]
    new_folder.trigger()
    assert (local_root / "made-from-the-menu").is_dir()
    assert "made-from-the-menu" not in client.list_dir(fresh_dir).children

    focus(qtbot, window, window.grid_view)
    answers.texts = ["made-on-the-grid"]
    new_folder.trigger()
    qtbot.waitUntil(lambda: "made-on-the-grid" in client.list_dir(fresh_dir).children, timeout=30000)
    assert not (local_root / "made-on-the-grid").exists()

    # the entry follows the focused pane's words and state
    delete = entry(window, "Edit", "actionDelete")
    assert delete.text().startswith("Delete (Unlink)")
    share = entry(window, "Edit", "actionCopyReadOnlyLink")
    assert share.isEnabled()
    focus(qtbot, window, window.local_view)
    assert delete.text().startswith("Move to Trash")
    assert not share.isEnabled()  # the local pane has no caps


def test_entries_show_their_keys_without_taking_them_from_the_views(qtbot, window, local_root, answers):
    rename = entry(window, "Edit", "actionRename")
    assert rename.shortcut().toString() == "F2"
    answers.texts = ["by-f7"]
    focus(qtbot, window, window.local_view)
    qtbot.keyClick(window.local_view, Qt.Key.Key_F7)  # the view's own key still works: not ambiguous
    assert (local_root / "by-f7").is_dir()


def test_go_back_up_and_the_aliases(qtbot, window, client, fresh_dir):
    client.mkdir(fresh_dir, "deeper")
    model = window.grid_pane.model
    window.grid_pane.navigate(grid_index(qtbot, window, "deeper"))
    focus(qtbot, window, window.grid_view)
    entry(window, "Go", "actionUp").trigger()
    assert window.grid_view.rootIndex() == model.alias_index("gui")
    entry(window, "Go", "actionBack").trigger()
    assert model.item(window.grid_view.rootIndex()).name == "deeper"
    qtbot.keyClick(window.grid_view, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert window.grid_view.rootIndex() == model.alias_index("gui")

    go = menu(window, "Go")
    go.aboutToShow.emit()  # what opening it does
    aliases = [a for a in go.actions() if a.property("goAlias")]
    assert [a.text() for a in aliases] == ["gui:"]
    window.grid_pane.navigate(model.index(0, 0).parent())  # the top
    aliases[0].trigger()
    assert window.grid_view.rootIndex() == model.alias_index("gui")


def test_key_bar_f7_and_f6_act_on_the_focused_pane(qtbot, window, local_root, client, fresh_dir, answers):
    bar = window.findChild(QToolBar, "keyBar")
    assert window.toolBarArea(bar) == Qt.ToolBarArea.BottomToolBarArea
    buttons = {b.objectName(): b for b in bar.findChildren(QToolButton) if b.objectName().startswith("keyBarF")}
    assert [buttons[f"keyBar{k}"].text() for k in ("F2", "F5", "F6", "F7", "F8")] == [
        "F2 Rename",
        "F5 Copy",
        "F6 Move",
        "F7 New Folder",
        "F8 Delete",
    ]

    focus(qtbot, window, window.grid_view)
    answers.texts = ["from-f7-button"]
    qtbot.mouseClick(buttons["keyBarF7"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "from-f7-button" in client.list_dir(fresh_dir).children, timeout=30000)
    assert not (local_root / "from-f7-button").exists()
    focus(qtbot, window, window.local_view)
    answers.texts = ["from-f7-button"]
    qtbot.mouseClick(buttons["keyBarF7"], Qt.MouseButton.LeftButton)
    assert (local_root / "from-f7-button").is_dir()

    # F6 is each pane's actionMove (added by another branch; a stand-in where it is missing)
    moved: list[str] = []
    for view in (window.local_view, window.grid_view):
        move = next((a for a in view.actions() if a.objectName() == "actionMove"), None)
        if move is None:
            move = QAction("Move", view)
            move.setObjectName("actionMove")
            view.addAction(move)
        move.setEnabled(True)
        move.triggered.connect(lambda _checked=False, v=view: moved.append(v.objectName()))
    (local_root / "to-move.txt").write_text("x")
    select(window.local_view, [local_index(qtbot, window, local_root / "to-move.txt")])
    focus(qtbot, window, window.local_view)
    window.menus.focus.changed.emit()  # the key bar looks again (as any focus change makes it)
    assert buttons["keyBarF6"].isEnabled()
    qtbot.mouseClick(buttons["keyBarF6"], Qt.MouseButton.LeftButton)
    # the real Move is enabled only for a selection: give the grid pane one
    select(window.grid_view, [grid_index(qtbot, window, "from-f7-button")])
    focus(qtbot, window, window.grid_view)
    window.menus.focus.changed.emit()
    qtbot.waitUntil(buttons["keyBarF6"].isEnabled, timeout=5000)
    qtbot.mouseClick(buttons["keyBarF6"], Qt.MouseButton.LeftButton)
    assert moved[:2] == ["localView", "gridView"]


def test_key_bar_buttons_follow_the_focused_panes_state(qtbot, window):
    bar = window.findChild(QToolBar, "keyBar")
    f2 = bar.findChild(QToolButton, "keyBarF2")
    focus(qtbot, window, window.grid_view)
    window.grid_view.selectionModel().clearSelection()
    assert not f2.isEnabled()  # nothing selected: nothing to rename
    assert bar.findChild(QToolButton, "keyBarF7").isEnabled()  # `gui:` is writable


def test_the_toolbar_has_icons_and_acts_on_the_focused_pane(qtbot, window, local_root, answers):
    toolbar = window.findChild(QToolBar, "mainToolBar")
    assert window.toolBarArea(toolbar) == Qt.ToolBarArea.TopToolBarArea
    names = [menu_entry_names_of(a) for a in toolbar.actions() if not a.isSeparator()]
    for name in ("actionBack", "actionUp", "actionNewFolder", "actionDelete", "actionProperties"):
        assert name in names
    assert all(not a.icon().isNull() for a in toolbar.actions() if not a.isSeparator())
    new_folder = next(a for a in toolbar.actions() if menu_entry_names_of(a) == "actionNewFolder")
    focus(qtbot, window, window.local_view)
    answers.texts = ["from-the-toolbar"]
    qtbot.mouseClick(toolbar.widgetForAction(new_folder), Qt.MouseButton.LeftButton)
    assert (local_root / "from-the-toolbar").is_dir()


def test_keyboard_shortcuts_lists_the_real_keys(qtbot, window):
    window.local_view.setFocus()
    qtbot.keyClick(window.local_view, Qt.Key.Key_F1)
    dialog = window.findChild(QDialog, "keyboardShortcutsDialog")
    assert dialog is not None and dialog.isVisible()
    table = dialog.findChild(QTableWidget, "shortcutsTable")
    rows = {table.item(r, 1).text(): table.item(r, 0).text() for r in range(table.rowCount())}
    assert rows["Rename in place"] == "F2"
    assert rows["Copy to the folder in the other pane"] == "F5"
    assert rows["New folder"] == "F7"
    assert rows["Delete: on the grid unlink, locally to the trash"] == "F8, Del"
    assert rows["Properties of a grid item"] == "Alt+Return, Alt+Enter"
    assert rows["Filter the names shown"] == "Ctrl+F"
    assert rows["Switch to the other pane"] == "Tab"
    assert rows["Quit"] == "Ctrl+Q"
    assert entry(window, "Help", "actionKeyboardShortcuts").isEnabled()


def test_connect_to_node_switches_nodes_and_remembers(qtbot, window, tmp_path, grid, client, answers):
    other_cap = client.mkdir()
    other = make_node_dir(tmp_path / "other-node", grid, {"elsewhere": other_cap})
    connect = entry(window, "File", "actionConnectToNode")
    answers.texts = [str(other)]
    connect.trigger()
    selector = window.findChild(QComboBox, "aliasSelector")
    qtbot.waitUntil(lambda: [selector.itemText(i) for i in range(selector.count())][1:] == ["elsewhere"], timeout=15000)
    assert window.connection.node_dir.path == Path(other)
    assert load_recent()[0] == str(other)

    # next time the last choice is offered first; a URL works too
    by_dir = window.connection
    answers.texts = [grid.node_url]
    connect.trigger()
    assert answers.asked[-1].default == str(other)
    qtbot.waitUntil(lambda: window.connection is not by_dir, timeout=15000)
    assert window.connection.node_url == grid.node_url
    assert load_recent()[:2] == [grid.node_url, str(other)]

    answers.texts = [str(tmp_path / "not-a-node")]
    connect.trigger()
    assert "No Tahoe-LAFS node directory" in window.statusBar().currentMessage()
    assert load_recent()[:2] == [grid.node_url, str(other)]


def test_quit_closes_the_window(qtbot, window):
    entry(window, "File", "actionQuit").trigger()
    assert not window.isVisible()
