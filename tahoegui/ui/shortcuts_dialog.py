"""Help → Keyboard Shortcuts (F1, `actionKeyboardShortcuts`): every key of the window in one list.

Keys that belong to an action are read from the action itself when the dialog opens, so the
list can't drift from what the keys do; an action that does not exist is left out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from tahoegui.ui.main_window import MainWindow

# (what it does, the action names whose keys these are, or the keys themselves when no action has them)
KEYS: tuple[tuple[str, str], ...] = (
    ("Switch to the other pane", "key:Tab"),
    ("Open the folder, or open the file with its application (also a double-click)", "key:Enter"),
    ("Go up one folder", "key:Backspace"),
    ("Back", "actionBack"),
    ("Up", "actionUp"),
    ("Refresh the folder shown", "actionRefreshLocal|actionRefreshGrid"),
    ("Type a location: alias:path, or paste a cap", "actionOpenLocation"),
    ("Filter the names shown", "actionFilter"),
    ("Clear the filter (in the filter box)", "key:Escape"),
    ("Rename in place", "actionRename"),
    ("Copy to the folder in the other pane", "actionCopyToGrid|actionCopyToLocal"),
    ("Move to the folder in the other pane", "actionMove"),
    ("New folder", "actionNewFolder"),
    ("Delete: on the grid unlink, locally to the trash", "actionDelete"),
    ("Delete for good (local pane)", "actionDeletePermanently"),
    ("Cut", "actionCutItems"),
    ("Copy", "actionCopyItems"),
    ("Paste", "actionPasteItems"),
    ("Select all", "actionSelectAll"),
    ("Properties of a grid item", "actionProperties"),
    ("Keyboard shortcuts (this list)", "actionKeyboardShortcuts"),
    ("Quit", "actionQuit"),
)


def _find(window: QWidget, name: str) -> QAction | None:
    for view in (getattr(window, "local_view", None), getattr(window, "grid_view", None)):
        if view is not None:
            for action in view.actions():
                if action.objectName() == name:
                    found_in_view: QAction = action
                    return found_in_view
    found = window.findChild(QAction, name)
    return found if isinstance(found, QAction) else None


def shortcut_rows(window: QWidget) -> list[tuple[str, str]]:
    """(keys, what they do) for every key of the window, in KEYS order."""
    rows = []
    for what, names in KEYS:
        if names.startswith("key:"):
            rows.append((names.removeprefix("key:"), what))
            continue
        keys: list[str] = []
        for name in names.split("|"):
            action = _find(window, name)
            if action is not None:
                for shortcut in action.shortcuts():
                    text = shortcut.toString(QKeySequence.SequenceFormat.NativeText)
                    if text and text not in keys:
                        keys.append(text)
        if keys:
            rows.append((", ".join(keys), what))
    return rows


class ShortcutsDialog(QDialog):
    """`keyboardShortcutsDialog`, with the table `shortcutsTable` (Key, What it does)."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.setObjectName("keyboardShortcutsDialog")
        self.setWindowTitle("Keyboard Shortcuts")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        rows = shortcut_rows(window)
        table = QTableWidget(len(rows), 2, self)
        table.setObjectName("shortcutsTable")
        table.setHorizontalHeaderLabels(["Key", "What it does"])
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        for row, (keys, what) in enumerate(rows):
            table.setItem(row, 0, QTableWidgetItem(keys))
            table.setItem(row, 1, QTableWidgetItem(what))
        self.table = table
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        layout.addWidget(buttons)
        self.resize(560, 600)


class ShortcutsAction(QObject):
    """Owns `actionKeyboardShortcuts` (F1), a window action."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.action = QAction("&Keyboard Shortcuts", window)
        self.action.setObjectName("actionKeyboardShortcuts")
        self.action.setShortcut(QKeySequence("F1"))
        self.action.triggered.connect(self.show)
        window.addAction(self.action)

    def show(self) -> ShortcutsDialog:
        for dialog in self.window.findChildren(ShortcutsDialog, "keyboardShortcutsDialog"):
            if dialog.isVisible():
                dialog.raise_()
                return dialog
        dialog = ShortcutsDialog(self.window)
        dialog.show()
        return dialog
