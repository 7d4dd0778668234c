"""The local file tree: QFileSystemModel, whose names can be edited in place (a rename).

Drops never reach the model (the pane turns them into copy jobs), so making it writable
lets a rename through and nothing else: no drop ever moves files behind our back.
"""

from __future__ import annotations

import os
from typing import Any

from PySide6.QtCore import QDir, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QFileIconProvider, QFileSystemModel

from tahoegui.formats import format_size, format_time
from tahoegui.names import clean_name, name_problem

# QFileSystemModel's columns; the pane shows name, size and modified (not "Type").
LOCAL_NAME, LOCAL_SIZE, LOCAL_TYPE, LOCAL_MODIFIED = range(4)

_BASE_FILTER = QDir.Filter.AllEntries | QDir.Filter.NoDotAndDotDot | QDir.Filter.AllDirs
_DISPLAY = Qt.ItemDataRole.DisplayRole


class LocalFileModel(QFileSystemModel):
    """Local files and folders. Drops are handled by the pane (as copy jobs), never here.

    Sizes and dates read as in the grid pane (tahoegui/formats.py), not in Qt's own words;
    sorting is untouched, as QFileSystemModel sorts by the file's real size and time."""

    notice = Signal(str)  # a rename refused or failed, in the user's words

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.setReadOnly(False)  # for renames in place; see the module's docstring
        # Qt 6's default provider draws no icons; this one draws the style's file and folder icons.
        self._icons = QFileIconProvider()
        self.setIconProvider(self._icons)
        self.setFilter(_BASE_FILTER)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> Any:
        if role == _DISPLAY and index.isValid():
            column = index.column()
            if column == LOCAL_SIZE:
                return "" if self.isDir(index) else format_size(self.size(index))
            if column == LOCAL_MODIFIED:
                modified = self.lastModified(index)
                return format_time(modified.toMSecsSinceEpoch() / 1000) if modified.isValid() else ""
        return super().data(index, role)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == _DISPLAY and section == LOCAL_MODIFIED:
            return "Modified"  # as the grid pane says, not Qt's "Date Modified"
        return super().headerData(section, orientation, role)

    def set_show_hidden(self, show: bool) -> None:
        self.setFilter(_BASE_FILTER | QDir.Filter.Hidden if show else _BASE_FILTER)

    @property
    def shows_hidden(self) -> bool:
        return bool(self.filter() & QDir.Filter.Hidden)

    def setData(
        self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        """A rename in place, with the same name rules as the grid, and never over an
        existing file (refusals are said through `notice`)."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != LOCAL_NAME:
            return super().setData(index, value, role)
        old = self.fileName(index)
        new = clean_name(str(value))
        if new == old:
            return True
        problem = name_problem(new)
        folder = os.path.dirname(self.filePath(index))
        if problem is None and os.path.lexists(os.path.join(folder, new)):
            problem = f"there is already something named '{new}' here"
        if problem is None and not os.access(folder, os.W_OK | os.X_OK):
            problem = "the folder is read-only"
        if problem is not None:
            self.notice.emit(f"Can't rename '{old}': {problem}")
            return False
        if not super().setData(index, new, role):
            self.notice.emit(f"Could not rename '{old}' to '{new}'")
            return False
        return True
