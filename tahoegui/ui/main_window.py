"""The main window: local pane and grid pane side by side, copy actions, transfers, node status."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QMainWindow, QSplitter, QWidget

from tahoegui.copier import CopyOptions
from tahoegui.copier import copy as copier_copy
from tahoegui.grid.redact import redact
from tahoegui.jobs.background import BackgroundRunner
from tahoegui.jobs.connection import GridConnection
from tahoegui.jobs.copy_job import CopyFunction, CopyJob
from tahoegui.jobs.node_status_poller import NodeStatusPoller
from tahoegui.jobs.transfer_queue import TransferQueue
from tahoegui.models.mime import DraggedGridItem, grid_items_from, local_paths_from
from tahoegui.settings import Settings, save_settings
from tahoegui.ui.about_dialog import add_help_menu
from tahoegui.ui.alias_actions import AliasActions
from tahoegui.ui.alias_follow import AliasFollower
from tahoegui.ui.cap_actions import CapActions
from tahoegui.ui.clipboard_actions import ClipboardActions
from tahoegui.ui.connect_node import ConnectToNode
from tahoegui.ui.file_actions import GridFileActions, LocalFileActions, ask_new_name
from tahoegui.ui.grid_pane import GridPane
from tahoegui.ui.key_bar import KeyBar
from tahoegui.ui.local_pane import LocalPane
from tahoegui.ui.menus import Menus
from tahoegui.ui.move_actions import MoveActions
from tahoegui.ui.node_status import NodeStatusIndicator
from tahoegui.ui.open_files import OpenActions
from tahoegui.ui.pane_states import GridPaneStates, LocalPaneStates
from tahoegui.ui.pane_view import PaneView
from tahoegui.ui.progress_dialog import CopyProgressDialog
from tahoegui.ui.properties_dialog import PropertiesAction
from tahoegui.ui.quick_filter import grid_filter, local_filter
from tahoegui.ui.shortcuts_dialog import ShortcutsAction
from tahoegui.ui.transfer_dock import TransferDock
from tahoegui.ui.window_state import remembered_settings, restore_settings

if TYPE_CHECKING:
    from tahoegui.grid.client import GridClient

STATUS_MESSAGE_MS = 8000
UNNAMED_FILE = "unnamed file"  # offered for a file opened by its cap, which has no name


class MainWindow(QMainWindow):
    """Wires the panes to copy jobs; owns the background runner and the transfer queue."""

    def __init__(self, local_root: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("tahoegui")
        self.resize(1200, 720)
        self.connection: GridConnection | None = None
        self.browse_client: GridClient | None = None  # the grid pane's and the status bar's
        self.closing = threading.Event()  # set when the window closes: background starts give up
        self.copy_fn: CopyFunction = copier_copy  # tests may substitute a scripted copier
        self.runner = BackgroundRunner(max_threads=4, parent=self)
        self.queue = TransferQueue(self)
        self.remembered = Settings()  # what the last run left (restore()); saved again on close
        self._grid_location_to_restore: str | None = None

        self.local_pane = LocalPane(local_root, self)
        self.grid_pane = GridPane(self.runner, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.local_pane)
        self.splitter.addWidget(self.grid_pane)
        self.splitter.setSizes([560, 640])
        self.setCentralWidget(self.splitter)
        self.transfer_dock = TransferDock(self.queue, self)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.transfer_dock)
        self.transfer_dock.progressRequested.connect(self.show_progress_of)
        self.resizeDocks([self.transfer_dock], [130], Qt.Orientation.Vertical)
        self.status = NodeStatusIndicator(self.statusBar())
        self.status_poller = NodeStatusPoller(self.runner, self)
        self.status_poller.updated.connect(self.status.show_status)
        self.status_poller.failed.connect(self.status.show_error)

        self.local_pane.copyRequested.connect(self._dropped_on_local)
        self.grid_pane.copyRequested.connect(self._dropped_on_grid)
        for pane in (self.local_pane, self.grid_pane):
            pane.message.connect(self.say)
        self.local_pane.view.switchPaneRequested.connect(lambda: self.grid_pane.view.setFocus())
        self.grid_pane.view.switchPaneRequested.connect(lambda: self.local_pane.view.setFocus())
        self.queue.jobFinished.connect(self._copy_finished)
        self._copies_into_shown: set[CopyJob] = set()  # into the local folder shown, queued or running
        self._make_actions()

    @property
    def local_view(self) -> PaneView:
        return self.local_pane.view

    @property
    def grid_view(self) -> PaneView:
        return self.grid_pane.view

    # ---- actions -------------------------------------------------------------------

    def _make_actions(self) -> None:
        self.copy_to_grid = self._view_action(
            self.local_view,
            "actionCopyToGrid",
            "Copy to Grid",
            self.copy_selection_to_grid,
            QKeySequence(Qt.Key.Key_F5),
        )
        # Refresh is Ctrl+R: QKeySequence.Refresh is F5 on X11, which would make F5 ambiguous
        self._view_action(
            self.local_view, "actionRefreshLocal", "Refresh", self.local_pane.refresh, QKeySequence("Ctrl+R")
        )
        self.copy_to_local = self._view_action(
            self.grid_view,
            "actionCopyToLocal",
            "Copy to Local",
            self.copy_selection_to_local,
            QKeySequence(Qt.Key.Key_F5),
        )
        self._view_action(
            self.grid_view, "actionRefreshGrid", "Refresh", self.grid_pane.refresh, QKeySequence("Ctrl+R")
        )
        self.grid_view.addAction(self.grid_pane.copy_link_action)
        self.local_file_actions = LocalFileActions(self.local_pane, self.runner, self)
        self.grid_file_actions = GridFileActions(self.grid_pane, self.runner, self)
        self.move_actions = MoveActions(self)  # F6 and Shift-drops
        self.clipboard_actions = ClipboardActions(self, self.move_actions)  # Ctrl+X, Ctrl+C, Ctrl+V
        self.cap_actions = CapActions(self)  # write and verify caps, Add Cap Here, Open Location
        view_menu = self.menuBar().addMenu("&View")
        view_menu.addAction(self.transfer_dock.toggleViewAction())
        hidden = QAction("Show Hidden Files", self)
        hidden.setCheckable(True)
        hidden.setObjectName("actionShowHidden")
        hidden.toggled.connect(self.local_pane.hidden_toggle.setChecked)
        self.local_pane.hidden_toggle.toggled.connect(hidden.setChecked)
        view_menu.addAction(hidden)
        self.alias_actions = AliasActions(self, self.grid_pane, self.runner)  # the Grid menu
        self.alias_follower = AliasFollower(self.grid_pane, self.runner, self.say, self.alias_actions.update, self)
        add_help_menu(self, self.runner, lambda: self.browse_client)
        self.properties = PropertiesAction(self.grid_pane, self.runner, self)  # Alt+Enter
        self.open_actions = OpenActions(self, self.local_pane, self.grid_pane, lambda: self.connection, self.say)
        self.local_filter, self.grid_filter = local_filter(self.local_pane), grid_filter(self.grid_pane)  # Ctrl+F
        self.connect_to_node = ConnectToNode(self)  # File → Connect to Node…
        self.shortcuts = ShortcutsAction(self)  # Help → Keyboard Shortcuts (F1)
        self.menus = Menus(self)  # the menu bar and the toolbar, from all the actions above
        self.key_bar = KeyBar(self, self.menus)  # F2 Rename … F8 Delete along the bottom
        # an empty folder, a node that can't be reached, no aliases: the pane says so
        self.local_states = LocalPaneStates(self, self.local_filter)
        self.grid_states = GridPaneStates(self, self.grid_filter)

    def _view_action(
        self, view: PaneView, name: str, text: str, slot: Callable[[], object], shortcut: QKeySequence
    ) -> QAction:
        action = QAction(text, view)
        action.setObjectName(name)
        action.setShortcut(shortcut)
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        view.addAction(action)
        return action

    def restore(self, settings: Settings) -> None:
        """Put back what the last run remembered; its grid location once a node is connected."""
        self.remembered = settings
        self._grid_location_to_restore = settings.grid_location
        restore_settings(self, settings)

    def say(self, text: str) -> None:
        self.statusBar().showMessage(redact(text), STATUS_MESSAGE_MS)

    # ---- the grid connection -------------------------------------------------------

    def set_connection(self, connection: GridConnection) -> None:
        """Talk to this node from now on (unless the window has closed meanwhile)."""
        if self.closing.is_set():
            return
        self.connection = connection
        self.setWindowTitle(f"tahoegui — {connection.label}")
        client = connection.new_browsing_client()
        if self.browse_client is not None:  # a new node: what the old one still waits for goes
            self.browse_client.interrupt()
        self.browse_client = client
        self.grid_pane.set_connection(client, connection.node_url, connection.aliases)
        self.status.set_node(connection.node_url)
        self.status_poller.start(client)
        self.alias_actions.set_connection(connection)
        location, self._grid_location_to_restore = self._grid_location_to_restore, None
        if location is not None:
            self.grid_pane.restore_location(location)
        self.alias_follower.follow(connection)  # aliases made or removed by `tahoe` show up
        if connection.problems:
            self.say("; ".join(connection.problems))

    def connect_in_background(self, find: Callable[[], GridConnection], waiting_text: str) -> None:
        """Find (or start) a node without freezing the window."""
        self.status.set_starting(waiting_text)
        self.runner.submit(find, self.set_connection, self._connection_failed)

    def _connection_failed(self, message: str) -> None:
        self.status.set_starting("not connected")
        self.say(f"No grid: {message}")

    # ---- copies ----------------------------------------------------------------------

    def copy_selection_to_grid(self) -> CopyJob | None:
        """ "Copy to Grid": the local selection into the folder shown in the grid pane."""
        target = self.grid_pane.current_target()
        paths = self.local_pane.selected_paths()
        if not paths:
            self.say("Select local files or folders to copy first")
            return None
        if target is None:
            self.say("Open a grid folder to copy into first")
            return None
        shown = self.grid_pane.model.item(self.grid_pane.current_index()).location()
        return self.start_copy(paths, target, self._names(paths) + f" to {shown}")

    def copy_selection_to_local(self) -> CopyJob | None:
        """ "Copy to Local": the grid selection into the folder shown in the local pane."""
        items = self.grid_pane.selected_items()
        if not items:
            self.say("Select grid files or folders to copy first")
            return None
        return self.copy_grid_items(items, self.local_pane.current_path())

    def _dropped_on_grid(self, mime: QMimeData, target: str) -> None:
        items = grid_items_from(mime)
        if items:
            if self._foreign(items) or self._onto_itself(items, target):
                return
            self.copy_grid_items(items, target)
            return
        paths = local_paths_from(mime)
        if paths:
            self.start_copy(paths, target, self._names(paths) + " to the grid")

    def _dropped_on_local(self, mime: QMimeData, target: str) -> None:
        items = grid_items_from(mime)
        if items and not self._foreign(items):
            self.copy_grid_items(items, target)

    def _onto_itself(self, items: list[DraggedGridItem], target: str) -> bool:
        """A drop that would copy a folder into itself, or items onto where they already are
        (easy to do by accident: releasing a drag on its own row)."""
        target = target.rstrip("/")
        for item in items:
            source = item.source.rstrip("/")
            if target == source or target.startswith(source + "/"):
                self.say("A folder can't be copied into itself")
                return True
        if all(i.source.rstrip("/").rsplit("/", 1)[0] == target for i in items):
            self.say("Those items are already in this folder")
            return True
        return False

    def _foreign(self, items: list[DraggedGridItem]) -> bool:
        if self.connection and any(i.node_url != self.connection.node_url for i in items):
            self.say("Those items come from another node's window; copy them there")
            return True
        return False

    def copy_grid_items(self, items: list[DraggedGridItem], target: str) -> CopyJob | None:
        """Copy grid items into the folder `target` (a local path, or a grid folder as a
        `tahoe cp` target). A file opened by its cap has no name on the grid: the user is
        asked what to call it there (never a name that is taken)."""
        local = os.path.isabs(target)
        where = target if local else "the grid folder"
        named = [i for i in items if "/" in i.source]
        job = None
        for item in items:
            if "/" in item.source:
                continue
            name, problem = ask_new_name(
                self,
                "Name the File",
                f"This file has no name on the grid (it was opened by its cap).\nName for it in {where}:",
                lambda n: self.holds_name(target, n),
                UNNAMED_FILE,
            )
            if name is None:
                if problem:
                    self.say(f"Not copied: {problem}")
                continue
            destination = os.path.join(target, name) if local else f"{target.rstrip('/')}/{name}"
            job = self.start_copy([item.source], destination, f"'{name}' to {where}")
        if named:
            job = self.start_copy(
                [i.source for i in named], target, self._names([i.name for i in named]) + f" to {where}"
            )
        return job

    def holds_name(self, folder: str, name: str) -> bool:
        """Does the folder hold `name` (as far as we know: a grid folder by its listing)?"""
        if os.path.isabs(folder):
            return os.path.lexists(os.path.join(folder, name))
        return self.grid_pane.model.has_child(folder, name)

    def start_copy(
        self, sources: list[str], target: str, description: str, options: CopyOptions | None = None
    ) -> CopyJob | None:
        """Queue a `tahoe cp -r` job and show its progress dialog. Nothing is copied here."""
        conn = self.connection
        if conn is None:
            self.say("Not connected to a grid yet")
            return None
        job = CopyJob(
            sources,
            target,
            description,
            client_factory=conn.new_client,
            aliases=conn.aliases,
            copy_fn=self.copy_fn,
            options=options,
        )
        return self.run_job(job)

    def run_job(self, job: CopyJob) -> CopyJob:
        """Show a job's progress dialog and queue it (a copy, or a move)."""
        dialog = CopyProgressDialog(job, self)
        dialog.show()
        if os.path.isabs(job.target) and os.path.realpath(job.target) == os.path.realpath(
            self.local_pane.current_path()
        ):
            # into the folder shown: it is read again when the copies into it end
            self._copies_into_shown.add(job)
            self.local_pane.follow_disk(False)
        self.queue.submit(job)
        return job

    def show_progress_of(self, job: CopyJob) -> None:
        """Bring back a copy's progress dialog (closed with Escape or its title bar)."""
        for dialog in self.findChildren(CopyProgressDialog, "copyProgressDialog"):
            if dialog.job is job:
                dialog.show()
                dialog.raise_()
                dialog.activateWindow()
                return

    def _copy_finished(self, job: CopyJob) -> None:
        if not os.path.isabs(job.target):
            self.grid_pane.model.refresh_location(job.target)
            return
        if job in self._copies_into_shown:
            self._copies_into_shown.discard(job)
            if not self._copies_into_shown:
                self.local_pane.follow_disk(True)

    @staticmethod
    def _names(paths_or_names: list[str]) -> str:
        if len(paths_or_names) == 1:
            path = paths_or_names[0]
            return f"'{os.path.basename(path.rstrip('/')) or path}'"
        return f"{len(paths_or_names)} items"

    def closeEvent(self, event: QCloseEvent) -> None:
        """Stop running copies (they clean up after themselves) before the window goes.
        The window hides first, so waiting for a copy to wind down never looks like a hang.
        What the window shows is remembered for the next start (settings.py)."""
        save_settings(remembered_settings(self, self.remembered))
        self.closing.set()  # a private grid still starting is no longer waited for
        self.status_poller.stop()
        self.queue.cancel_all()
        self.hide()
        self.queue.wait(30000)
        self.runner.shutdown()
        if self.browse_client is not None:
            # A listing blocked on a stalled node would keep the process alive after the
            # window is gone (Python waits for pool threads at exit): break it off.
            self.browse_client.interrupt()
        super().closeEvent(event)
