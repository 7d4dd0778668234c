"""The local file tree: QFileSystemModel, read-only, so a drop never moves files behind our back."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDir, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QFileIconProvider, QFileSystemModel

from tahoegui.formats import format_size, format_time

# QFileSystemModel's columns; the pane shows name, size and modified (not "Type").
LOCAL_NAME, LOCAL_SIZE, LOCAL_TYPE, LOCAL_MODIFIED = range(4)

_BASE_FILTER = QDir.Filter.AllEntries | QDir.Filter.NoDotAndDotDot | QDir.Filter.AllDirs
_DISPLAY = Qt.ItemDataRole.DisplayRole


class LocalFileModel(QFileSystemModel):
    """Local files and folders. Drops are handled by the pane (as copy jobs), never here.

    Sizes and dates read as in the grid pane (tahoegui/formats.py), not in Qt's own words;
    sorting is untouched, as QFileSystemModel sorts by the file's real size and time."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.setReadOnly(True)
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
