"""The tree view both panes use: drops become copy requests, and the file-manager keys work."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QItemSelectionModel, QMimeData, QModelIndex, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget


class PaneView(QTreeView):
    """A sortable, multi-selection tree that never handles a drop itself: it asks the pane.

    `drop_target(index)` answers the folder a drop at `index` goes into (or an invalid index
    for "the folder shown"); `accepts(mime)` says whether the pane can take that payload.
    """

    dropRequested = Signal(QMimeData, QModelIndex)  # payload, folder to copy into
    switchPaneRequested = Signal()
    upRequested = Signal()

    def __init__(self, object_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(object_name)
        self.accepts: Callable[[QMimeData], bool] = lambda mime: False
        self.is_folder: Callable[[QModelIndex], bool] = lambda index: False
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.setUniformRowHeights(True)  # keeps 10,000-row folders cheap to lay out
        self.setSortingEnabled(True)
        self.setAllColumnsShowFocus(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

    def setSelectionModel(self, selectionModel: QItemSelectionModel) -> None:
        """The header gets a selection of its own, always empty: painting a section asks its
        selection whether the whole column is selected, row by row (50,000 calls into the
        model for 10,000 selected rows of 5 columns, whenever the window loses focus or a
        dialog opens). Rows are what is selected here, never columns."""
        super().setSelectionModel(selectionModel)
        self._header_selection = QItemSelectionModel(selectionModel.model(), self)
        self.header().setSelectionModel(self._header_selection)

    def folder_at(self, index: QModelIndex) -> QModelIndex:
        """Where a drop on `index` goes: that folder, else the folder being shown."""
        if index.isValid():
            index = index.siblingAtColumn(0)
            if self.is_folder(index):
                return index
        return self.rootIndex()

    # ---- drag and drop ---------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.accepts(event.mimeData()):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if not self.accepts(event.mimeData()):
            event.ignore()
            return
        # Let the base class draw the drop indicator and auto-scroll, then insist on "copy".
        super().dragMoveEvent(event)
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()

    def dropEvent(self, event: QDropEvent) -> None:
        mime = event.mimeData()
        if not self.accepts(mime):
            event.ignore()
            return
        target = self.folder_at(self.indexAt(event.position().toPoint()))
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.stopAutoScroll()
        self.setState(QAbstractItemView.State.NoState)
        self.viewport().update()
        self.dropRequested.emit(mime, target)

    # ---- keys ------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        # Tab switches panes (QWidget would move focus to the next widget instead).
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Tab
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
        ):
            self.switchPaneRequested.emit()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Backspace:
            self.upRequested.emit()
            return
        super().keyPressEvent(event)
