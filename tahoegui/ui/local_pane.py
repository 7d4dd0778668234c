"""The local side: a file tree with its navigation bar and a hidden-files toggle."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QMimeData, QModelIndex, Qt, Signal
from PySide6.QtWidgets import QFileSystemModel, QHeaderView, QToolButton, QVBoxLayout, QWidget

from tahoegui.models.local_model import (
    LOCAL_MODIFIED,
    LOCAL_NAME,
    LOCAL_SIZE,
    LOCAL_TYPE,
    LocalFileModel,
)
from tahoegui.models.mime import grid_items_from
from tahoegui.ui.history import History
from tahoegui.ui.navigation_bar import NavigationBar
from tahoegui.ui.pane_view import PaneView


class LocalPane(QWidget):
    """Browses local folders; grid items dropped here become copy requests."""

    copyRequested = Signal(QMimeData, str)  # payload, local folder to copy into
    moveRequested = Signal(QMimeData, str)  # the same, dropped with Shift held
    message = Signal(str)  # something to say in the status bar
    locationChanged = Signal()  # another folder is shown

    def __init__(self, start: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = LocalFileModel(self)
        self.view = PaneView("localView", self)
        self.view.setModel(self.model)
        self.view.hideColumn(LOCAL_TYPE)
        self.view.sortByColumn(LOCAL_NAME, Qt.SortOrder.AscendingOrder)
        header = self.view.header()
        header.setSectionResizeMode(LOCAL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        header.resizeSection(LOCAL_SIZE, 90)
        header.resizeSection(LOCAL_MODIFIED, 140)
        self.view.accepts = lambda mime: bool(grid_items_from(mime))
        self.view.is_folder = lambda index: self.model.isDir(index)
        self.view.dropRequested.connect(self._dropped)
        self.view.moveDropRequested.connect(
            lambda mime, folder: self.moveRequested.emit(mime, self.model.filePath(folder) or self.current_path())
        )
        self.view.activated.connect(self._activated)
        self.view.upRequested.connect(self.go_up)
        self.model.notice.connect(self.message)

        self.nav = NavigationBar("a local folder", self)
        self.hidden_toggle = QToolButton(self)
        self.hidden_toggle.setText("Hidden")
        self.hidden_toggle.setToolTip("Show hidden files")
        self.hidden_toggle.setCheckable(True)
        self.hidden_toggle.toggled.connect(self.model.set_show_hidden)
        self.nav.add_widget(self.hidden_toggle)
        self.nav.backRequested.connect(self.go_back)
        self.nav.upRequested.connect(self.go_up)
        self.nav.refreshRequested.connect(self.refresh)
        self.nav.locationEntered.connect(self._typed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.view)
        self.history: History[str] = History()
        self.navigate(str(start))

    # ---- where we are --------------------------------------------------------------

    def current_path(self) -> str:
        return self.model.filePath(self.view.rootIndex()) or "/"

    def selected_paths(self) -> list[str]:
        """The selected rows on view, as paths."""
        file_path = self.model.filePath
        return [file_path(i) for i in self.view.selected_rows()]

    def navigate(self, path: str, remember: bool = True) -> bool:
        """Show the folder at `path`; False (and a message) if it is not one."""
        path = os.path.abspath(os.path.expanduser(path))
        if not os.path.isdir(path):
            self.message.emit(f"Not a folder: {path}")
            return False
        self.model.setRootPath(path)
        self.view.setRootIndex(self.model.index(path))
        if remember:
            self.history.visit(path)
        self.nav.show_location(path)
        self.nav.back_button.setEnabled(self.history.can_go_back())
        self.locationChanged.emit()
        return True

    def go_up(self) -> None:
        parent = os.path.dirname(self.current_path())
        if parent and parent != self.current_path():
            self.navigate(parent)

    def go_back(self) -> None:
        place = self.history.back()
        if place is not None:
            self.navigate(place, remember=False)

    def follow_disk(self, follow: bool) -> None:
        """Follow changes on disk (as by default), or stop while copies write into the
        folder shown: each batch of new files makes the model read the folder again and sort
        it again (a copy of 10,000 files took the UI thread ~10 s, and the copy half as long
        again). Following again reads the folder shown afresh; one left meanwhile is read
        afresh when shown again (QFileSystemModel forgets a root's listing when it leaves)."""
        self.model.setOption(QFileSystemModel.Option.DontWatchForChanges, not follow)
        if follow:
            self.refresh()

    def refresh(self) -> None:
        """QFileSystemModel watches folders itself; re-rooting makes it re-read the one shown."""
        path = self.current_path()
        self.model.setRootPath("")
        self.navigate(path, remember=False)

    # ---- events --------------------------------------------------------------------

    def _typed(self, text: str) -> None:
        if not self.navigate(text):
            self.nav.show_location(self.current_path())

    def _activated(self, index: QModelIndex) -> None:
        if self.model.isDir(index):
            self.navigate(self.model.filePath(index))

    def _dropped(self, mime: QMimeData, folder: QModelIndex) -> None:
        self.copyRequested.emit(mime, self.model.filePath(folder) or self.current_path())
