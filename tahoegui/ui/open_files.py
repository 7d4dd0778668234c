"""Open (Enter, a double-click, `actionOpen`): a folder opens in its pane as before; a grid file
is downloaded to a private temporary folder (jobs/open_file.py) and handed to the desktop's
handler for its type; a local file is handed over directly.

A download shows the copy progress dialog (with Cancel) at once for a large file, and after
a moment for any other that is still running, so a quick open flashes nothing. The desktop
is asked through `open_with_desktop`, a module attribute that tests replace.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, QObject, QTimer, QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QWidget

from tahoegui.jobs.connection import GridConnection
from tahoegui.jobs.copy_job import CopyJob
from tahoegui.jobs.open_file import FileOpener, OpenedFiles
from tahoegui.models.grid_item import NAME, GridItem
from tahoegui.models.local_model import LOCAL_NAME
from tahoegui.ui.grid_pane import GridPane
from tahoegui.ui.local_pane import LocalPane
from tahoegui.ui.progress_dialog import CopyProgressDialog

LARGE_FILE = 2_000_000  # bytes: a download this big shows its progress at once
PROGRESS_AFTER_MS = 500  # any other download shows it if still running after this
MAX_OPEN_AT_ONCE = 10


def open_with_desktop(path: Path) -> bool:
    """Hand `path` to the desktop's handler for its type (tests replace this attribute)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _open_action(view: QWidget, slot: Callable[[], object]) -> QAction:
    action = QAction("Open\tEnter", view)  # Enter itself stays the view's: it also opens folders
    action.setObjectName("actionOpen")
    action.setToolTip("Open the selected folder, or open the selected file with its application")
    action.triggered.connect(slot)
    view.addAction(action)
    return action


class OpenActions(QObject):
    """`actionOpen` in both views, and Enter or a double-click on a file."""

    def __init__(
        self,
        window: QWidget,
        local: LocalPane,
        grid: GridPane,
        connection: Callable[[], GridConnection | None],
        say: Callable[[str], None],
    ):
        super().__init__(window)
        self.window, self.local, self.grid = window, local, grid
        self.connection, self.say = connection, say
        self.opener = FileOpener(OpenedFiles(), self)
        self.opener.ready.connect(self._downloaded)
        self.opener.failed.connect(self._failed)
        self.dialogs: dict[CopyJob, CopyProgressDialog] = {}
        self.grid_open = _open_action(grid.view, self.open_grid_selection)
        self.local_open = _open_action(local.view, self.open_local_selection)
        grid.view.activated.connect(self._grid_activated)
        local.view.activated.connect(self._local_activated)
        window.installEventFilter(self)  # closing the window stops downloads and removes copies

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.opener.close()
        return False

    # ---- the grid --------------------------------------------------------------------

    def _grid_activated(self, index: QModelIndex) -> None:
        item = self.grid.model.item(index)
        if index.isValid() and not item.is_folder and not item.is_note:
            self.open_grid_file(item)

    def open_grid_selection(self) -> None:
        """Open what is selected in the grid pane: a folder is shown, files are opened."""
        view, model = self.grid.view, self.grid.model
        current = view.currentIndex().siblingAtColumn(NAME)
        rows = view.selectionModel().selectedRows(NAME) if view.selectionModel().hasSelection() else []
        if current.isValid() and current in rows:
            rows.remove(current)
            rows.insert(0, current)
        items = [model.item(i) for i in rows if not model.item(i).is_note]
        folders = [i for i in items if i.is_folder]
        files = [i for i in items if not i.is_folder]
        if not items:
            self.say("Select a grid file or folder to open")
        elif folders and not files:
            self.grid.navigate(model.index_of(folders[0]))
        else:
            for item in files[:MAX_OPEN_AT_ONCE]:
                self.open_grid_file(item)
            if len(files) > MAX_OPEN_AT_ONCE:
                self.say(f"Opened the first {MAX_OPEN_AT_ONCE} files of the {len(files)} selected")

    def open_grid_file(self, item: GridItem) -> CopyJob | None:
        """Download `item` to the private folder, then open it (the job is returned)."""
        conn = self.connection()
        if conn is None:
            self.say("Not connected to a grid yet")
            return None
        job = self.opener.download(item.cp_argument, item.name, client_factory=conn.new_client, aliases=conn.aliases)
        self.say(f"Downloading '{item.name}' to open it…")
        size = item.entry.size if item.entry is not None else None
        if size is not None and size >= LARGE_FILE:
            self._show_progress(job)
        else:
            QTimer.singleShot(PROGRESS_AFTER_MS, lambda: self._show_progress(job) if job.is_active else None)
        return job

    def _show_progress(self, job: CopyJob) -> None:
        if job in self.dialogs:
            return
        dialog = CopyProgressDialog(job, self.window)
        dialog.setWindowTitle(f"Downloading {job.description}")
        self.dialogs[job] = dialog
        dialog.show()

    def _downloaded(self, job: CopyJob, path: Path) -> None:
        dialog = self.dialogs.pop(job, None)
        if dialog is not None:
            dialog.accept()
            dialog.deleteLater()
        if open_with_desktop(path):
            self.say(f"Opened a temporary copy of '{path.name}': changes to it are not saved to the grid")
        else:
            self.say(f"No application would open '{path.name}' (a temporary copy is at {path})")

    def _failed(self, job: CopyJob, message: str) -> None:
        self.dialogs.pop(job, None)  # the dialog, if shown, says what went wrong and stays
        self.say(f"Could not open {job.description.removesuffix(' to open it')}: {message}")

    # ---- the local pane --------------------------------------------------------------

    def _local_activated(self, index: QModelIndex) -> None:
        if index.isValid() and not self.local.model.isDir(index):
            self.open_local_file(self.local.model.filePath(index))

    def open_local_selection(self) -> None:
        view, model = self.local.view, self.local.model
        rows = view.selectionModel().selectedRows(LOCAL_NAME) if view.selectionModel().hasSelection() else []
        paths = [model.filePath(i) for i in rows]
        folders = [p for p in paths if os.path.isdir(p)]
        files = [p for p in paths if not os.path.isdir(p)]
        if not paths:
            self.say("Select a file or folder to open")
        elif folders and not files:
            self.local.navigate(folders[0])
        else:
            for path in files[:MAX_OPEN_AT_ONCE]:
                self.open_local_file(path)

    def open_local_file(self, path: str) -> None:
        if not open_with_desktop(Path(path)):
            self.say(f"No application would open '{os.path.basename(path)}'")
