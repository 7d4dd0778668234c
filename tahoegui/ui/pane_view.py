"""The tree view both panes use: drops become copy (or, with Shift, move) requests, and the
file-manager keys work.

A folder may hold 10,000 rows, and every call Qt makes into a Python model costs about a
microsecond: what scales with the selection (Select All, starting a drag, reading the
selection) works on the selection's ranges, never row by row or cell by cell.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import QCursor, QDrag, QDragEnterEvent, QDragLeaveEvent, QDragMoveEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

# A selection's rows: (first row, last row, parent).
RowRange = tuple[int, int, QModelIndex]
_MANY = (QAbstractItemView.SelectionMode.ExtendedSelection, QAbstractItemView.SelectionMode.MultiSelection)


class PaneView(QTreeView):
    """A sortable, multi-selection tree that never handles a drop itself: it asks the pane.

    `drop_target(index)` answers the folder a drop at `index` goes into (or an invalid index
    for "the folder shown"); `accepts(mime)` says whether the pane can take that payload.
    """

    dropRequested = Signal(QMimeData, QModelIndex)  # payload, folder to copy into
    moveDropRequested = Signal(QMimeData, QModelIndex)  # the same, dropped with Shift held: a move
    switchPaneRequested = Signal()
    upRequested = Signal()

    def __init__(self, object_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(object_name)
        self.accepts: Callable[[QMimeData], bool] = lambda mime: False
        self.is_folder: Callable[[QModelIndex], bool] = lambda index: False
        # What a drag of the selection carries (None: nothing to drag); by default the
        # model's mimeData() of one index per selected row.
        self.drag_payload: Callable[[], QMimeData | None] = self._model_payload
        self._drag: tuple[QMimeData, bool] | None = None  # the drag over us, and accepts() of it
        self._expanded: list[QPersistentModelIndex] = []  # for selectAll(): folders opened in place
        self.expanded.connect(self._remember_expanded)
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

    # ---- the selection ---------------------------------------------------------------

    def selected_ranges(self) -> list[RowRange]:
        """The selected rows on view (in the folder shown, or in folders expanded below it)
        as ranges, each row once: a selection left behind in a folder we went into or up
        from does not count. Read from the selection's ranges, never row by row."""
        root = self.rootIndex()
        by_parent: list[tuple[QModelIndex, list[tuple[int, int]]]] = []
        selection = self.selectionModel().selection()
        for k in range(selection.count()):
            selected = selection.at(k)
            parent = selected.parent()
            above = QModelIndex(parent)
            while above.isValid() and above != root and self.isExpanded(above):
                above = above.parent()
            if above != root:
                continue
            for known, spans in by_parent:
                if known == parent:
                    spans.append((selected.top(), selected.bottom()))
                    break
            else:
                by_parent.append((parent, [(selected.top(), selected.bottom())]))
        found: list[RowRange] = []
        for parent, spans in by_parent:
            spans.sort()
            first, last = spans[0]
            for top, bottom in spans[1:]:
                if top > last + 1:
                    found.append((first, last, parent))
                    first = top
                last = max(last, bottom)
            found.append((first, last, parent))
        return found

    def selected_rows(self) -> list[QModelIndex]:
        """One index (column 0) per selected row on view, in the selection's order."""
        model = self.model()
        rows: list[QModelIndex] = []
        for top, bottom, parent in self.selected_ranges():
            first = model.index(top, 0, parent)
            rows.append(first)  # its siblings come cheaper than model.index() with a parent
            rows.extend(first.siblingAtRow(row) for row in range(top + 1, bottom + 1))
        return rows

    def _shown_runs(self, parent: QModelIndex, rows: int) -> list[tuple[int, int]]:
        """The runs of rows not hidden (the quick filter hides rows): Select All takes only
        what is on view. One range for the whole folder when nothing is hidden."""
        hidden = self.isRowHidden
        runs: list[tuple[int, int]] = []
        start = None
        for row in range(rows):
            if hidden(row, parent):
                if start is not None:
                    runs.append((start, row - 1))
                    start = None
            elif start is None:
                start = row
        if start is not None:
            runs.append((start, rows - 1))
        return runs

    def selectAll(self) -> None:
        """Every row on view, one range per folder. Qt's own asks the model for the parent
        and siblings of each row, which a 10,000-row folder in a Python model feels.
        The selection is made as the "current" one, as a mouse drag makes it: a sort then
        keeps a whole-folder selection without saving every row of it."""
        model, selection_model = self.model(), self.selectionModel()
        if model is None or selection_model is None or self.selectionMode() not in _MANY:
            super().selectAll()
            return
        root = self.rootIndex()
        selection = QItemSelection()
        for parent in [root, *self._expanded_on_view(root)]:
            last_column = model.columnCount(parent) - 1
            for top, bottom in self._shown_runs(parent, model.rowCount(parent)):
                selection.select(model.index(top, 0, parent), model.index(bottom, last_column, parent))
        flags = (
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Current
            | QItemSelectionModel.SelectionFlag.Rows
        )
        selection_model.select(selection, flags)

    def _remember_expanded(self, index: QModelIndex) -> None:
        self._expanded = [p for p in self._expanded if p.isValid() and p != index]
        self._expanded.append(QPersistentModelIndex(index))

    def _expanded_on_view(self, root: QModelIndex) -> list[QModelIndex]:
        """Folders expanded in place below `root` whose rows are on view."""
        found = []
        for persistent in self._expanded:
            if not persistent.isValid():
                continue
            index = self.model().index(persistent.row(), 0, persistent.parent())
            above = QModelIndex(index)
            while above.isValid() and above != root and self.isExpanded(above):
                above = above.parent()
            if above == root and index != root:
                found.append(index)
        return found

    # ---- drag and drop ---------------------------------------------------------------

    def _model_payload(self) -> QMimeData | None:
        rows = self.selected_rows()
        return self.model().mimeData(rows) if rows else None

    def startDrag(self, supportedActions: Qt.DropAction) -> None:
        """Drag the selection: the pane's payload, made once from the selected rows (Qt's
        own asks the model about every cell of the selection, 50,000 of them for 10,000 rows
        of 5 columns), shown as a picture of the selected rows on view."""
        mime = self.drag_payload()
        if mime is None or not mime.formats():
            return
        drag = QDrag(self)
        drag.setMimeData(mime)
        picture = self._visible_selection_rect()
        if not picture.isEmpty():
            drag.setPixmap(self.viewport().grab(picture))
            drag.setHotSpot(self.viewport().mapFromGlobal(QCursor.pos()) - picture.topLeft())
        drag.exec(supportedActions, self.defaultDropAction())

    def _visible_selection_rect(self) -> QRect:
        """Where the selected rows on view are drawn (rows on screen only)."""
        rect = QRect()
        selection = self.selectionModel()
        index = self.indexAt(QPoint(1, 1))
        height = self.viewport().height()
        while index.isValid():
            row = self.visualRect(index)
            if row.top() > height:
                break
            if selection.isSelected(index):
                rect = rect.united(QRect(0, row.top(), self.viewport().width(), row.height()))
            index = self.indexBelow(index)
        return rect.intersected(self.viewport().rect())

    def _accepts(self, mime: QMimeData) -> bool:
        """accepts() asked once per drag: a drag moving over us asks at every mouse move,
        and a payload of 10,000 items is not cheap to look into."""
        if self._drag is None or self._drag[0] is not mime:
            self._drag = (mime, self.accepts(mime))
        return self._drag[1]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self._drag = None
        if self._accepts(event.mimeData()):
            event.setDropAction(Qt.DropAction.CopyAction)
            event.accept()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if not self._accepts(event.mimeData()):
            event.ignore()
            return
        # Let the base class draw the drop indicator and auto-scroll, then insist on "copy".
        super().dragMoveEvent(event)
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        self._drag = None
        super().dragLeaveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        mime = event.mimeData()
        accepted, self._drag = self._accepts(mime), None
        if not accepted:
            event.ignore()
            return
        target = self.folder_at(self.indexAt(event.position().toPoint()))
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        self.stopAutoScroll()
        self.setState(QAbstractItemView.State.NoState)
        self.viewport().update()
        # The drag's source is always told "copy", so no one deletes anything before our
        # copy has succeeded: a move removes its sources itself, after.
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.moveDropRequested.emit(mime, target)
        else:
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
