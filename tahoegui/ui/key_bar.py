"""The key bar along the bottom, as two-pane commanders have it: F2 Rename · F5 Copy · F6 Move ·
F7 New Folder · F8 Delete. Each button does what its key does in the focused pane (the pane
last focused), and is disabled when that pane can't do it now."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QToolBar, QToolButton

from tahoegui.ui.menus import Menus, PaneProxy

# (key, label, action names in the panes: `A|B` when each pane names its action differently)
KEY_BAR_LAYOUT: tuple[tuple[str, str, str], ...] = (
    ("F2", "Rename", "actionRename"),
    ("F5", "Copy", "actionCopyToGrid|actionCopyToLocal"),
    ("F6", "Move", "actionMove"),
    ("F7", "New Folder", "actionNewFolder"),
    ("F8", "Delete", "actionDelete"),
)


class KeyBar(QToolBar):
    """`keyBar`: one flat button per key (`keyBarF2` … `keyBarF8`), never taking the focus."""

    def __init__(self, window: QMainWindow, menus: Menus):
        super().__init__("Function keys", window)
        self.setObjectName("keyBar")
        self.setMovable(False)
        self.setFloatable(False)
        self.menus = menus
        self.buttons: dict[str, QToolButton] = {}
        for key, label, names in KEY_BAR_LAYOUT:
            proxy = PaneProxy(menus.focus, tuple(names.split("|")), self)
            button = QToolButton(self)
            button.setObjectName(f"keyBar{key}")
            button.setText(f"{key} {label}")
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # a click leaves the pane focused
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setSizePolicy(button.sizePolicy().Policy.Expanding, button.sizePolicy().Policy.Fixed)
            button.clicked.connect(proxy.trigger)
            proxy.changed.connect(lambda b=button, p=proxy: self._follow(b, p))
            self._follow(button, proxy)
            self.addWidget(button)
            self.buttons[key] = button
        window.addToolBar(Qt.ToolBarArea.BottomToolBarArea, self)

    @staticmethod
    def _follow(button: QToolButton, proxy: PaneProxy) -> None:
        button.setEnabled(proxy.isEnabled())
        button.setToolTip(proxy.toolTip() or proxy.text().split("\t")[0])
