"""The local file tree: QFileSystemModel, read-only, so a drop never moves files behind our back."""

from __future__ import annotations

from PySide6.QtCore import QDir, QObject
from PySide6.QtWidgets import QFileIconProvider, QFileSystemModel

# QFileSystemModel's columns; the pane shows name, size and modified (not "Type").
LOCAL_NAME, LOCAL_SIZE, LOCAL_TYPE, LOCAL_MODIFIED = range(4)

_BASE_FILTER = QDir.Filter.AllEntries | QDir.Filter.NoDotAndDotDot | QDir.Filter.AllDirs


class LocalFileModel(QFileSystemModel):
    """Local files and folders. Drops are handled by the pane (as copy jobs), never here."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.setReadOnly(True)
        # Qt 6's default provider draws no icons; this one draws the style's file and folder icons.
        self._icons = QFileIconProvider()
        self.setIconProvider(self._icons)
        self.setFilter(_BASE_FILTER)

    def set_show_hidden(self, show: bool) -> None:
        self.setFilter(_BASE_FILTER | QDir.Filter.Hidden if show else _BASE_FILTER)

    @property
    def shows_hidden(self) -> bool:
        return bool(self.filter() & QDir.Filter.Hidden)
