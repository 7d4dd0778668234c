"""What a pane says when it has nothing to list, so it never looks broken without saying why.

- An empty folder (either pane): "Empty folder: drag files here".
- A filter that hides every row: "No names here contain 'x'".
- The grid pane when the node can't be reached: "Can't reach the node at URL", the reason,
  and Retry and Connect to Node… buttons.
- The grid pane of a node with no aliases: "This node has no aliases yet", and a
  Create an alias button (actionNewAlias).
- The grid pane before any node is connected: "Not connected to a node", what is being
  done about it, and Connect to Node….
- A local folder that can't be read: "Can't read this folder".

The message is a widget over the view's viewport. A message without buttons lets the mouse
through (drops on an empty folder still land on the view); one with buttons covers the rows.
States are worked out again a moment after anything they depend on changes.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from tahoegui.colours import ERROR_STYLE
from tahoegui.grid.redact import redact
from tahoegui.jobs.connection import from_node_dir
from tahoegui.models.grid_item import LoadState

if TYPE_CHECKING:
    from tahoegui.ui.main_window import MainWindow
    from tahoegui.ui.quick_filter import QuickFilter

EMPTY = "Empty folder: drag files here"
EMPTY_READ_ONLY = "Empty folder (read-only)"
NO_ALIASES = "This node has no aliases yet"
NO_ALIASES_DETAIL = (
    "An alias names a directory on the grid, as `tahoe:` does for the tahoe command line. "
    "Create one, or paste a directory cap into the location bar above."
)
NOT_CONNECTED = "Not connected to a node"
UNREADABLE = "Can't read this folder"
NOT_CONNECTED_RECHECK_MS = 500


def unreachable_text(node_url: str) -> str:
    return f"Can't reach the node at {redact(node_url)}"


def _reason_beyond(reason: str) -> str:
    """The poll's reason, with a blank line after it, unless it only says what the title says."""
    if not reason or "cannot reach" in reason:
        return ""
    return redact(reason) + "\n\n"


def no_match_text(text: str) -> str:
    return f"No names here contain '{text}'"


@dataclass(frozen=True)
class Button:
    name: str  # object name
    text: str
    slot: Callable[[], object] = field(compare=False)
    enabled: bool = True
    tip: str = ""


@dataclass(frozen=True)
class State:
    kind: str  # "", "empty", "no-match", "unreachable", "no-aliases", "not-connected", "unreadable"
    text: str = ""
    detail: str = ""
    buttons: tuple[Button, ...] = field(default_factory=tuple)
    error: bool = False


NONE = State("")


class PaneMessage(QWidget):
    """The message over a view (`localPaneState`, `gridPaneState`), with `…Text`, `…Detail`."""

    def __init__(self, view: QAbstractItemView, name: str):
        super().__init__(view.viewport())
        self.setObjectName(name)
        self.view = view
        self.text = QLabel(self)
        self.text.setObjectName(f"{name}Text")
        self.text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.text.setWordWrap(True)
        font = QFont(self.text.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.text.setFont(font)
        self.detail = QLabel(self)
        self.detail.setObjectName(f"{name}Detail")
        self.detail.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.button_row = QHBoxLayout()
        self.button_row.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.addStretch(1)
        layout.addWidget(self.text)
        layout.addWidget(self.detail)
        layout.addLayout(self.button_row)
        layout.addStretch(2)
        self.text.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.buttons: dict[str, QPushButton] = {}
        self.state = NONE
        view.viewport().installEventFilter(self)
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self.setGeometry(self.view.viewport().rect())
        return False

    def show_state(self, state: State) -> None:
        if state == self.state:
            return
        self.state = state
        if not state.kind:
            self.hide()
            return
        self.text.setText(state.text)
        self.text.setStyleSheet(ERROR_STYLE if state.error else "")
        self.detail.setText(state.detail)
        self.detail.setVisible(bool(state.detail))
        for button in self.buttons.values():
            self.button_row.removeWidget(button)
            button.deleteLater()
        self.buttons = {}
        for spec in state.buttons:
            button = QPushButton(spec.text, self)
            button.setObjectName(spec.name)
            button.setEnabled(spec.enabled)
            button.setToolTip(spec.tip)
            button.clicked.connect(spec.slot)
            self.button_row.addWidget(button)
            self.buttons[spec.name] = button
        # words alone let the mouse (and drops) through to the view; buttons cover it
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, not state.buttons)
        self.setAutoFillBackground(bool(state.buttons))
        self.setGeometry(self.view.viewport().rect())
        self.show()
        self.raise_()


class _Recheck(QObject):
    """Works out a pane's state again a moment after anything changes (once per burst)."""

    def __init__(self, parent: QObject):
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self.update)

    def soon(self, *_args: object) -> None:
        self.timer.start(0)

    def update(self) -> None:
        raise NotImplementedError


class GridPaneStates(_Recheck):
    """The grid pane's states; `state` is the one shown."""

    def __init__(self, window: MainWindow, quick_filter: QuickFilter):
        super().__init__(window)
        self.window, self.pane, self.filter = window, window.grid_pane, quick_filter
        self.message = PaneMessage(self.pane.view, "gridPaneState")
        self.reachable: bool | None = None  # unknown until the node's status is first asked
        self.reason = ""
        model = self.pane.model
        model.modelReset.connect(self._new_node)
        for signal in (
            model.rowsInserted,
            model.rowsRemoved,
            model.layoutChanged,
            model.folderLoaded,
            model.folderFailed,
            model.dataChanged,
            self.pane.locationChanged,
            quick_filter.changed,
        ):
            signal.connect(self.soon)
        window.status_poller.updated.connect(self._answered)
        window.status_poller.failed.connect(self._failed)
        self.update()

    @property
    def state(self) -> State:
        return self.message.state

    def _new_node(self) -> None:
        self.reachable, self.reason = None, ""
        self.soon()

    def _answered(self, _status: object) -> None:
        self.reachable, self.reason = True, ""
        self.soon()

    def _failed(self, message: str) -> None:
        self.reachable, self.reason = False, message
        self.soon()

    def _action(self, name: str) -> QAction | None:
        found = self.window.findChild(QAction, name)
        return found if isinstance(found, QAction) else None

    def _connect_button(self) -> Button:
        action = self._action("actionConnectToNode")
        return Button(
            "connectButton", "Connect to Node…", action.trigger if action else lambda: None, action is not None
        )

    def update(self) -> None:
        state = self._work_out()
        self.message.show_state(state)
        # what is being done to find a node shows in the status bar's label: follow it
        if state.kind == "not-connected":
            self.timer.start(NOT_CONNECTED_RECHECK_MS)

    def _work_out(self) -> State:
        conn = self.window.connection
        if conn is None or self.pane.model.client is None:
            doing = self.window.status.node_label.text()
            return State("not-connected", NOT_CONNECTED, doing, (self._connect_button(),))
        if self.reachable is False:
            return State(
                "unreachable",
                unreachable_text(conn.node_url),
                _reason_beyond(self.reason) + "Is the node running? Start it with `tahoe run`, or connect to another.",
                (Button("retryButton", "Retry", self.retry), self._connect_button()),
                error=True,
            )
        model, root = self.pane.model, self.pane.current_index()
        folder = model.item(root)
        if not root.isValid():  # the aliases
            if not folder.children:
                if self.reachable is None:
                    return NONE  # until the node has answered: it may not be reachable at all
                new_alias = self._action("actionNewAlias")
                button = Button(
                    "createAliasButton",
                    "Create an alias",
                    new_alias.trigger if new_alias else lambda: None,
                    new_alias is not None and new_alias.isEnabled(),
                    new_alias.toolTip() if new_alias else "",
                )
                return State("no-aliases", NO_ALIASES, NO_ALIASES_DETAIL, (button,))
            return self._filtered(len(folder.children))
        if folder.state is not LoadState.LOADED:
            return NONE  # loading (its row says so), or failed (its row says why, with a retry)
        entries = sum(1 for c in folder.children if not c.is_note)
        if entries == 0:
            return State("empty", EMPTY if folder.writable else EMPTY_READ_ONLY)
        return self._filtered(entries)

    def _filtered(self, rows: int) -> State:
        text = self.filter.text().strip()
        if text and rows and self.filter.shown_count() == 0:
            return State("no-match", no_match_text(text))
        return NONE

    def retry(self) -> None:
        """Ask the node again; reconnect when its node directory now names another URL
        (a node restarted on another port); list the folder shown again."""
        conn = self.window.connection
        if conn is not None and conn.node_dir is not None:
            node_url = conn.node_dir.node_url()
            if node_url and node_url.rstrip("/") != conn.node_url.rstrip("/"):
                node_dir = conn.node_dir
                self.window.connect_in_background(lambda: from_node_dir(node_dir), "connecting again…")
                return
        self.window.status_poller.poll()
        index = self.pane.current_index()
        if index.isValid():
            self.pane.model.load(index)
        self.window.say("Asking the node again…")


class LocalPaneStates(_Recheck):
    """The local pane's states: an empty folder, a folder that can't be read, no match."""

    def __init__(self, window: MainWindow, quick_filter: QuickFilter):
        super().__init__(window)
        self.pane, self.filter = window.local_pane, quick_filter
        self.message = PaneMessage(self.pane.view, "localPaneState")
        self.loaded: set[str] = set()
        model = self.pane.model
        model.directoryLoaded.connect(self._loaded)
        for signal in (model.rowsInserted, model.rowsRemoved, self.pane.locationChanged, quick_filter.changed):
            signal.connect(self.soon)
        self.update()

    @property
    def state(self) -> State:
        return self.message.state

    def _loaded(self, path: str) -> None:
        self.loaded.add(os.path.normpath(path))
        self.soon()

    def update(self) -> None:
        self.message.show_state(self._work_out())

    def _work_out(self) -> State:
        path = os.path.normpath(self.pane.current_path())
        if not os.access(path, os.R_OK | os.X_OK):
            return State("unreadable", UNREADABLE, "You have no permission to list it.", error=True)
        rows = self.pane.model.rowCount(self.pane.view.rootIndex())
        if rows == 0:
            if path not in self.loaded:
                return NONE  # still being read
            return State("empty", EMPTY if os.access(path, os.W_OK) else EMPTY_READ_ONLY)
        text = self.filter.text().strip()
        if text and self.filter.shown_count() == 0:
            return State("no-match", no_match_text(text))
        return NONE
