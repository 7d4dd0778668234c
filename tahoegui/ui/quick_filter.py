"""Quick filter: a box above each pane's list (Ctrl+F goes there) that narrows the rows of the
folder shown to the names containing its text, ignoring case.

Rows are hidden in the view (`QTreeView.setRowHidden`), not filtered through a proxy model:
a QSortFilterProxyModel would change every index the panes, actions, drags and tests use,
while hidden rows leave the model and its indexes as they are. Only the rows whose state
changes are touched (a set of the hidden names, which are unique within a folder, remembers
which), typing is let settle for a moment before the folder is filtered, and new rows
(a folder still loading, a refresh) are filtered as they arrive; so a 10,000-row folder
stays quick. A hidden row is never selected, so an action never acts on rows out of sight.
Going to another folder clears the filter.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QWidget

from tahoegui.ui.grid_pane import GridPane
from tahoegui.ui.local_pane import LocalPane
from tahoegui.ui.pane_view import PaneView

SETTLE_MS = 120  # typing pauses this long before the folder is filtered

# The shown folder's rows as names, in row order; None for a row that is never hidden
# (the grid's "Loading…" and error notes).
RowNames = Callable[[QModelIndex], list[str | None]]


class QuickFilter(QObject):
    """The filter box of one pane and the rows it hides. `changed` follows each filtering."""

    changed = Signal()

    def __init__(self, pane: QWidget, view: PaneView, row_names: RowNames, location_changed: SignalInstance):
        super().__init__(pane)
        self.pane, self.view, self.row_names = pane, view, row_names
        self.box = QLineEdit(pane)
        self.box.setObjectName(f"{view.objectName()}Filter")
        self.box.setPlaceholderText("Filter by name (Ctrl+F)")
        self.box.setClearButtonEnabled(True)
        self.box.setToolTip("Show only the names in this folder that contain this text. Escape clears it")
        self.box.installEventFilter(self)
        layout = pane.layout()
        if layout is not None:  # between the navigation bar and the list
            layout.insertWidget(1, self.box)  # type: ignore[attr-defined]  # a QVBoxLayout
        self.folder = QPersistentModelIndex()  # the folder whose rows are hidden
        self.hidden: set[str] = set()
        self.settle = QTimer(self)
        self.settle.setSingleShot(True)
        self.settle.setInterval(SETTLE_MS)
        self.settle.timeout.connect(self.apply)
        self.box.textChanged.connect(lambda _text: self.settle.start())
        self.box.returnPressed.connect(self._enter)
        location_changed.connect(self.clear)
        model = view.model()
        model.rowsInserted.connect(self._inserted)
        model.dataChanged.connect(self._data_changed)
        model.modelReset.connect(self._reset)

        self.action = QAction("Filter…", view)
        self.action.setObjectName("actionFilter")
        self.action.setShortcut(QKeySequence("Ctrl+F"))
        self.action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.action.setToolTip("Show only the names that contain some text")
        self.action.triggered.connect(self.focus)
        view.addAction(self.action)

    # ---- what the user does --------------------------------------------------------

    def text(self) -> str:
        return self.box.text()

    def focus(self) -> None:
        self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.box.selectAll()

    def set_text(self, text: str) -> None:
        """Filter by `text` now (what typing it does, without the pause)."""
        self.box.setText(text)
        self.apply()

    def clear(self) -> None:
        if self.box.text():
            self.box.clear()
        self.apply()

    def _enter(self) -> None:
        self.apply()
        self.view.setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.box and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() == Qt.Key.Key_Escape:
                self.clear()
                self.view.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
            if event.key() == Qt.Key.Key_Down:
                self.view.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return False

    # ---- hiding rows ---------------------------------------------------------------

    def _hides(self, name: str | None) -> bool:
        needle = self.box.text().strip().casefold()
        return bool(needle) and name is not None and needle not in name.casefold()

    def apply(self) -> None:
        """Hide the shown folder's rows whose names don't match; show the others again."""
        self.settle.stop()
        root = self.view.rootIndex()
        if QPersistentModelIndex(root) != self.folder:
            self._unhide_previous()
            self.folder = QPersistentModelIndex(root)
        names = self.row_names(root)
        for row, name in enumerate(names):
            hide = self._hides(name)
            if name is not None and hide != (name in self.hidden):
                self.view.setRowHidden(row, root, hide)
                if hide:
                    self.hidden.add(name)
                else:
                    self.hidden.discard(name)
        if self.hidden:
            self._deselect_hidden(root, names)
        self.changed.emit()

    def _unhide_previous(self) -> None:
        """Rows of the folder filtered before stay hidden in the view: show them again."""
        if self.folder.isValid() and self.hidden:
            old = QModelIndex(self.folder)  # type: ignore[call-overload]  # stubs lack it
            for row, name in enumerate(self.row_names(old)):
                if name in self.hidden:
                    self.view.setRowHidden(row, old, False)
        self.hidden.clear()

    def _check_rows(self, parent: QModelIndex, first: int, last: int) -> None:
        """Filter rows one by one, taking the view's own word for whether each is hidden."""
        if QPersistentModelIndex(parent) != self.folder or parent != self.view.rootIndex():
            return
        names = self.row_names(parent)
        for row in range(first, min(last, len(names) - 1) + 1):
            name = names[row]
            hide = self._hides(name)
            if self.view.isRowHidden(row, parent) != hide:
                self.view.setRowHidden(row, parent, hide)
            if name is not None:
                if hide:
                    self.hidden.add(name)
                else:
                    self.hidden.discard(name)

    def _inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        if self.box.text().strip():
            self._check_rows(parent, first, last)
            self.changed.emit()

    def _data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex, _roles: object = None) -> None:
        if self.box.text().strip():  # a rename may move a row in or out of the filter
            self._check_rows(top_left.parent(), top_left.row(), bottom_right.row())

    def _reset(self) -> None:
        self.hidden.clear()  # the view forgets its hidden rows on a reset
        self.folder = QPersistentModelIndex()

    def _deselect_hidden(self, root: QModelIndex, names: list[str | None]) -> None:
        selection = self.view.selectionModel()
        if not selection.hasSelection():
            return
        model = self.view.model()
        last_column = model.columnCount(root) - 1
        drop = QItemSelection()
        ranges = selection.selection()
        for k in range(ranges.count()):
            selected = ranges.at(k)
            if selected.parent() != root:
                continue
            for row in range(selected.top(), selected.bottom() + 1):
                if row < len(names) and names[row] in self.hidden:
                    drop.select(model.index(row, 0, root), model.index(row, last_column, root))
        if not drop.isEmpty():
            selection.select(drop, QItemSelectionModel.SelectionFlag.Deselect)

    def shown_count(self) -> int:
        """How many rows of the folder shown are on view (not hidden by the filter)."""
        names = self.row_names(self.view.rootIndex())
        return sum(1 for n in names if n is None or n not in self.hidden)


def grid_filter(pane: GridPane) -> QuickFilter:
    """The grid pane's filter (`gridViewFilter`): names straight from the tree's items."""
    model = pane.model

    def names(root: QModelIndex) -> list[str | None]:
        return [None if child.is_note else child.name for child in model.item(root).children]

    return QuickFilter(pane, pane.view, names, pane.locationChanged)


def local_filter(pane: LocalPane) -> QuickFilter:
    """The local pane's filter (`localViewFilter`)."""
    model = pane.model

    def names(root: QModelIndex) -> list[str | None]:
        return [model.fileName(model.index(row, 0, root)) for row in range(model.rowCount(root))]

    return QuickFilter(pane, pane.view, names, pane.locationChanged)
