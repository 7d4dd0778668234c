"""Quick filter: a box above each pane's list (Ctrl+F goes there) that narrows the rows of the
folder shown to the names containing its text, ignoring case.

Rows are hidden in the view (`QTreeView.setRowHidden`), not filtered through a proxy model:
a QSortFilterProxyModel would change every index the panes, actions, drags and tests use,
while hidden rows leave the model and its indexes as they are. Only the rows whose state
changes are touched (a set of the hidden names, which are unique within a folder, remembers
which), at most BATCH_ROWS per turn of the event loop, typing is let settle for a moment
before the folder is filtered, and new rows (a folder still loading, a refresh) are
filtered as they arrive; so a 10,000-row folder never stalls the window. A hidden row is
never selected, so an action never acts on rows out of sight. Going to another folder
clears the filter; a folder left filtered has its rows shown again when it is shown again.
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
BATCH_ROWS = 2000  # rows hidden or shown per turn of the event loop (the view lays out between)

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
        self.folder = QPersistentModelIndex()  # the folder shown when last filtered
        self.hidden: set[str] = set()  # the names hidden in it
        self._folders: list[tuple[QPersistentModelIndex, set[str]]] = []
        self._top_hidden: set[str] = set()
        self._token = 0  # bumps on each filtering: batches of an older one stop
        self._start = 0  # the row the next batch starts at (0: nothing pending)
        self._dirty = False
        self.settle = QTimer(self)
        self.settle.setSingleShot(True)
        self.settle.setInterval(SETTLE_MS)
        self.settle.timeout.connect(self.apply)
        self.box.textChanged.connect(lambda _text: self.settle.start())
        self.box.returnPressed.connect(self._enter)
        location_changed.connect(self.clear)
        model = view.model()
        model.rowsInserted.connect(self._inserted)
        model.rowsRemoved.connect(self._moved)
        model.layoutChanged.connect(self._moved)
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
        """Hide the shown folder's rows whose names don't match; show the others again.
        At most BATCH_ROWS rows change per turn of the event loop; the rest follow."""
        self.settle.stop()
        root = self.view.rootIndex()
        self.folder = QPersistentModelIndex(root)
        self.hidden = self._hidden_in(self.folder)
        self._token += 1
        self._start, self._dirty = 0, False
        self._run(self._token)

    def _hidden_in(self, folder: QPersistentModelIndex) -> set[str]:
        """The names hidden in `folder` (a folder left filtered keeps its hidden rows until
        it is shown again, and cleared then). The top (no folder: the grid's aliases) too."""
        if not folder.isValid():
            return self._top_hidden
        self._folders = [(f, names) for f, names in self._folders if f.isValid() and names]
        for known, names in self._folders:
            if known == folder:
                return names
        names = set()
        self._folders.append((folder, names))
        return names

    def _run(self, token: int) -> None:
        if token != self._token:
            return  # a newer filtering took over
        root = self.view.rootIndex()
        if QPersistentModelIndex(root) != self.folder:
            return
        if self._dirty:  # rows came, went or moved since the last batch: look at all again
            self._start, self._dirty = 0, False
        names = self.row_names(root)
        hidden, changes = self.hidden, 0
        for row in range(self._start, len(names)):
            name = names[row]
            if name is None:
                continue
            hide = self._hides(name)
            if hide != (name in hidden):
                if changes == BATCH_ROWS:
                    self._start = row
                    QTimer.singleShot(0, lambda: self._run(token))
                    return
                self.view.setRowHidden(row, root, hide)
                if hide:
                    hidden.add(name)
                else:
                    hidden.discard(name)
                changes += 1
        self._start = 0
        self._token += 1  # done: nothing pending
        if hidden:
            self._deselect_hidden(root, names)
        self.changed.emit()

    @property
    def busy(self) -> bool:
        """Rows are still being hidden or shown (a large folder takes several turns)."""
        return self._start > 0

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

    def _moved(self, *_args: object) -> None:
        self._dirty = True

    def _inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        self._dirty = True
        if self.box.text().strip():
            self._check_rows(parent, first, last)
            self.changed.emit()

    def _data_changed(self, top_left: QModelIndex, bottom_right: QModelIndex, _roles: object = None) -> None:
        if self.box.text().strip():  # a rename may move a row in or out of the filter
            self._check_rows(top_left.parent(), top_left.row(), bottom_right.row())

    def _reset(self) -> None:
        self._folders = []  # the view forgets its hidden rows on a reset
        self._top_hidden = set()
        self.hidden = set()
        self.folder = QPersistentModelIndex()
        self._token += 1

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
