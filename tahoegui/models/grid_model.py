"""The grid tree: aliases and opened caps at the top, folders listed lazily off the UI thread.

Listings arrive whole from the node but enter the model in batches, one batch per turn of
the event loop, so a folder of 10,000 entries never freezes the window.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QFileIconProvider

from tahoegui.colours import ERROR_COLOUR, QUIET_COLOUR
from tahoegui.grid.client import DEFAULT_TIMEOUT, GridClient
from tahoegui.grid.redact import redact
from tahoegui.grid.types import GridEntry
from tahoegui.jobs import grid_operations
from tahoegui.jobs.background import BackgroundRunner
from tahoegui.models.grid_item import (
    COLUMNS,
    NAME,
    SIZE,
    GridItem,
    LoadState,
    RowKind,
    display,
    make_child,
    sort_items,
)
from tahoegui.models.mime import GRID_ITEMS_MIME, DraggedGridItem, grid_items_mime
from tahoegui.names import clean_name, name_problem, same_name

ModelIndex = QModelIndex | QPersistentModelIndex
_VERTICAL_SORT = QAbstractItemModel.LayoutChangeHint.VerticalSortHint
# PySide emits a layout signal's arguments only through its full signature
_LAYOUT_SIGNATURE = ("QList<QPersistentModelIndex>", "QAbstractItemModel::LayoutChangeHint")
# Every batch inserted makes the view lay out the whole folder again (~5 µs a row through
# the Python model), so a folder of 10,000 goes in at once: one layout, no waiting, and
# no longer a stall than one layout. Bigger folders go in 10,000 rows a turn of the loop.
BATCH_SIZE = 10_000
BATCH_PAUSE_MS = 0
LOADING_NOTE = "Loading…"
_COLUMN_COUNT = len(COLUMNS)
# Combined once: building flags with `|` on every call costs more than the rest of flags().
_NOTE_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_FILE_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled
    | Qt.ItemFlag.ItemIsSelectable
    | Qt.ItemFlag.ItemIsDragEnabled
    | Qt.ItemFlag.ItemNeverHasChildren
)
_FOLDER_FLAGS = (
    Qt.ItemFlag.ItemIsEnabled
    | Qt.ItemFlag.ItemIsSelectable
    | Qt.ItemFlag.ItemIsDragEnabled
    | Qt.ItemFlag.ItemIsDropEnabled
)
_TOP_FLAGS = Qt.ItemFlag.ItemIsDropEnabled
# An alias or opened cap is a root: it can be opened and dropped on, not dragged. Its
# argument is a bare cap, which `tahoe cp -r` would empty *into* the target.
_ROOT_FLAGS = _FOLDER_FLAGS & ~Qt.ItemFlag.ItemIsDragEnabled
# The name of an entry in a writable folder can be edited in place (a rename on the grid).
_EDITABLE_FILE_FLAGS = _FILE_FLAGS | Qt.ItemFlag.ItemIsEditable
_EDITABLE_FOLDER_FLAGS = _FOLDER_FLAGS | Qt.ItemFlag.ItemIsEditable


class GridTreeModel(QAbstractItemModel):
    """Roots (aliases, opened caps) and their folders. Rows hold `GridItem`s."""

    folderLoaded = Signal(QModelIndex)  # all of a folder's children are in
    folderFailed = Signal(QModelIndex, str)  # a listing failed; the message is safe to show
    notice = Signal(str)  # a rename refused or failed, in the user's words; safe to show

    def __init__(self, runner: BackgroundRunner, parent: Any = None):
        super().__init__(parent)
        self.runner = runner
        self.client: GridClient | None = None
        self.node_url = ""
        self._top = GridItem(RowKind.ROOT, "", "", state=LoadState.LOADED)
        self._generation = 0  # bumps on reset: answers for an older tree are dropped
        self._sort_column, self._sort_order = NAME, Qt.SortOrder.AscendingOrder
        self._icons: QFileIconProvider | None = None

    # ---- roots -------------------------------------------------------------------

    def set_connection(self, client: GridClient | None, node_url: str, aliases: dict[str, str]) -> None:
        """Start over with a node and its aliases as the top-level rows."""
        self.beginResetModel()
        self._generation += 1
        self.client, self.node_url = client, node_url
        self._top = GridItem(RowKind.ROOT, "", "", state=LoadState.LOADED)
        for name, cap in aliases.items():
            self._top.children.append(GridItem(RowKind.ROOT, name, cap, parent=self._top, alias=name))
        self._top.renumber()
        self.endResetModel()

    def add_root(self, cap: str) -> QModelIndex:
        """A root for a cap pasted into the location bar (an existing one is reused)."""
        for item in self._top.children:
            if item.root_cap == cap:
                return self.index_of(item)
        row = len(self._top.children)
        self.beginInsertRows(QModelIndex(), row, row)
        self._top.children.append(GridItem(RowKind.ROOT, redact(cap), cap, parent=self._top, row=row))
        self.endInsertRows()
        return self.index(row, 0)

    def add_file_root(self, cap: str, entry: GridEntry) -> QModelIndex:
        """A row of its own for a file opened by its cap (it is in no folder we know of);
        shown by its redacted cap, like an opened folder cap. An existing one is reused."""
        for item in self._top.children:
            if item.root_cap == cap:
                return self.index_of(item)
        row = len(self._top.children)
        self.beginInsertRows(QModelIndex(), row, row)
        name = redact(cap)
        entry = dataclasses.replace(entry, name=name)
        self._top.children.append(GridItem(RowKind.ROOT, name, cap, parent=self._top, row=row, entry=entry))
        self.endInsertRows()
        return self.index(row, 0)

    def alias_index(self, alias: str) -> QModelIndex:
        for item in self._top.children:
            if item.alias == alias:
                return self.index_of(item)
        return QModelIndex()

    def aliases(self) -> list[str]:
        return [n.alias for n in self._top.children if n.alias]

    def add_alias(self, alias: str, cap: str) -> QModelIndex:
        """A new alias root, after the other aliases (opened caps stay below them). An alias
        that is already there with this cap is answered as it is (the window and the watched
        aliases file may both report the same new alias)."""
        existing = self.alias_index(alias)
        if existing.isValid() and self.item(existing).root_cap == cap:
            return existing
        row = sum(1 for n in self._top.children if n.alias)
        self.beginInsertRows(QModelIndex(), row, row)
        self._top.children.insert(row, GridItem(RowKind.ROOT, alias, cap, parent=self._top, alias=alias))
        self._top.renumber()
        self.endInsertRows()
        return self.index(row, 0)

    def rename_alias(self, old: str, new: str) -> None:
        """The alias root `old` is called `new` from now on (its folders stay as they are)."""
        index = self.alias_index(old)
        if index.isValid():
            item = self.item(index)
            item.alias = item.name = new
            self.dataChanged.emit(index, self.index_of(item, len(COLUMNS) - 1), [Qt.ItemDataRole.DisplayRole])

    def remove_alias(self, alias: str, keep_open: bool = False) -> None:
        """The alias root goes; with `keep_open` it stays as an opened cap instead (shown
        by its redacted cap), so a folder being shown below it is not lost."""
        index = self.alias_index(alias)
        if not index.isValid():
            return
        item = self.item(index)
        if keep_open:
            item.alias, item.name = None, redact(item.root_cap)
            self.dataChanged.emit(index, self.index_of(item, len(COLUMNS) - 1), [Qt.ItemDataRole.DisplayRole])
            return
        self.beginRemoveRows(QModelIndex(), item.row, item.row)
        del self._top.children[item.row]
        self._top.renumber()
        self.endRemoveRows()

    # ---- items and indexes -------------------------------------------------------

    def item(self, index: ModelIndex) -> GridItem:
        """The item of `index`; the invisible top for an invalid index."""
        if not index.isValid():
            return self._top
        item: GridItem = index.internalPointer()  # every valid index is made by index_of()
        return item

    def index_of(self, item: GridItem, column: int = 0) -> QModelIndex:
        if item is self._top or item.parent is None:
            return QModelIndex()
        return self.createIndex(item.row, column, item)

    def child_index(self, parent: ModelIndex, name: str) -> QModelIndex:
        for child in self.item(parent).children:
            if child.kind is not RowKind.NOTE and child.name == name:
                return self.index_of(child)
        return QModelIndex()

    def folder_item(self, cp_argument: str) -> GridItem | None:
        """A folder of the tree that is `cp_argument` (its listing loaded, if one is)."""
        wanted, found = cp_argument.rstrip("/"), None
        stack = [self._top]
        while stack:
            item = stack.pop()
            stack.extend(c for c in item.children if c.is_folder)
            if item is not self._top and item.is_folder and item.cp_argument.rstrip("/") == wanted:
                if item.state is LoadState.LOADED:
                    return item
                found = found or item
        return found

    def has_child(self, cp_argument: str, name: str) -> bool:
        """Does the loaded listing of folder `cp_argument` hold `name`? (False when unknown.)"""
        folder = self.folder_item(cp_argument)
        return folder is not None and any(not c.is_note and same_name(c.name, name) for c in folder.children)

    # ---- QAbstractItemModel --------------------------------------------------------

    # The next five are called for every row on every layout of the view: keep them lean.

    def index(self, row: int, column: int, parent: ModelIndex = QModelIndex()) -> QModelIndex:
        item = parent.internalPointer() if parent.isValid() else self._top
        children = item.children
        if 0 <= row < len(children) and 0 <= column < _COLUMN_COUNT:
            return self.createIndex(row, column, children[row])
        return QModelIndex()

    def parent(self, index: ModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # QObject.parent()
        if not index.isValid():
            return QModelIndex()
        parent = index.internalPointer().parent
        if parent is None or parent is self._top:
            return QModelIndex()
        return self.createIndex(parent.row, 0, parent)

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._top.children)
        if parent.column() != 0:
            return 0
        return len(parent.internalPointer().children)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return _COLUMN_COUNT

    def hasChildren(self, parent: ModelIndex = QModelIndex()) -> bool:
        if not parent.isValid():
            return bool(self._top.children)
        if parent.column() != 0:
            return False
        item = parent.internalPointer()
        if item.children:
            return True
        return item.is_folder and item.state is not LoadState.LOADED and item.state is not LoadState.FAILED

    def canFetchMore(self, parent: ModelIndex) -> bool:
        if parent.isValid() and parent.column() != 0:
            return False
        item = self.item(parent)
        return item is not self._top and item.is_folder and item.state is LoadState.UNLOADED

    def fetchMore(self, parent: ModelIndex) -> None:
        if self.canFetchMore(parent):
            self.load(parent)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(COLUMNS)
        ):
            return COLUMNS[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item, column = self.item(index), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return display(item, column)
        if role == Qt.ItemDataRole.EditRole and column == NAME and not item.is_note:
            return item.name
        if role == Qt.ItemDataRole.DecorationRole and column == NAME:
            return self._icon(item)
        if role == Qt.ItemDataRole.ToolTipRole and item.is_note:
            return item.note
        if role == Qt.ItemDataRole.TextAlignmentRole and column == SIZE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if item.is_note and role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(True)
            return font
        if item.is_note and role == Qt.ItemDataRole.ForegroundRole:
            failed = item.parent is not None and item.parent.state is LoadState.FAILED
            return QBrush(QColor(ERROR_COLOUR if failed else QUIET_COLOUR))
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        item = index.internalPointer()  # None for the invalid (top) index
        if item is None:
            return _TOP_FLAGS
        if item.is_folder:
            if item.parent is self._top:
                return _ROOT_FLAGS
            editable = index.column() == NAME and item.parent.writable
            return _EDITABLE_FOLDER_FLAGS if editable else _FOLDER_FLAGS
        if item.is_note:
            return _NOTE_FLAGS
        return _EDITABLE_FILE_FLAGS if index.column() == NAME and item.parent.writable else _FILE_FLAGS

    def setData(self, index: ModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Renaming a row: the name is checked here, the rename runs on the grid in the
        background (never over an existing name), and the row shows the new name when it is
        done. Refusals and failures are said through `notice`."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() != NAME:
            return False
        item = self.item(index)
        parent, client = item.parent, self.client
        if item.kind is not RowKind.ENTRY or parent is None or client is None:
            return False
        new = clean_name(str(value))
        if new == item.name:
            return True
        problem = self.rename_problem(item, new)
        if problem is not None:
            self.notice.emit(f"Can't rename '{item.name}': {problem}")
            return False
        old, generation = item.name, self._generation
        grid_operations.rename(
            self.runner,
            client,
            grid_operations.GridFolder(parent.root_cap, parent.path),
            old,
            new,
            lambda _: self._renamed(item, old, new, generation),
            self.notice.emit,
        )
        return True

    def rename_problem(self, item: GridItem, new: str) -> str | None:
        """Why `item` can't be called `new`, as far as the loaded listing tells; None if it can."""
        problem = name_problem(new)
        if problem is not None:
            return problem
        parent = item.parent
        if parent is None or not parent.writable:
            return "the folder is read-only"
        if any(c is not item and not c.is_note and same_name(c.name, new) for c in parent.children):
            return f"there is already something named '{new}' here"
        return None

    def _renamed(self, item: GridItem, old: str, new: str, generation: int) -> None:
        """The grid has renamed `old`: show the row under its new name, then list the folder
        again (the listing puts it in its sorted place)."""
        parent = item.parent
        if generation != self._generation or parent is None:
            return
        if item.name == old and item in parent.children:
            item.name = new
            if item.entry is not None:
                item.entry = dataclasses.replace(item.entry, name=new)
            stack = [item]
            while stack:  # every row below a loaded folder knows its path
                current = stack.pop()
                if current.parent is not None:
                    above = current.parent
                    current.path = above.path if current.is_note else above.child_path(current.name)
                stack.extend(current.children)
            self.dataChanged.emit(
                self.index_of(item), self.index_of(item, len(COLUMNS) - 1), [Qt.ItemDataRole.DisplayRole]
            )
        self.folder_changed(parent.cp_argument)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort_column, self._sort_order = column, order
        # The hint lets the selection keep one index per selected row, not one per cell.
        self.layoutAboutToBeChanged[_LAYOUT_SIGNATURE].emit([], _VERTICAL_SORT)  # type: ignore[index]  # stubs lack overloads
        before = self.persistentIndexList()
        moved = [(i.internalPointer(), i.column()) for i in before]
        for item in self._loaded_folders():
            sort_items(item.children, column, self._descending)
            item.renumber()
        self.changePersistentIndexList(before, [self.createIndex(n.row, c, n) for n, c in moved])
        self.layoutChanged[_LAYOUT_SIGNATURE].emit([], _VERTICAL_SORT)  # type: ignore[index]  # stubs lack overloads

    # ---- drag ----------------------------------------------------------------------

    def mimeTypes(self) -> list[str]:
        return [GRID_ITEMS_MIME]

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        return grid_items_mime(self.dragged_items(indexes))

    def dragged_items(self, indexes: Sequence[QModelIndex]) -> list[DraggedGridItem]:
        """The selection as copy sources: each item once; notes and roots left out."""
        return self.as_sources([index.internalPointer() for index in indexes if index.isValid()])

    def items_in_ranges(self, ranges: Iterable[tuple[int, int, ModelIndex]]) -> list[GridItem]:
        """The rows of (first row, last row, parent) ranges, as a view's selection gives
        them: one slice per range, not one call per row."""
        items: list[GridItem] = []
        for top, bottom, parent in ranges:
            items.extend(self.item(parent).children[top : bottom + 1])
        return items

    def as_sources(self, items: Iterable[GridItem]) -> list[DraggedGridItem]:
        """Items as copy sources (`tahoe cp` arguments), in order, each once; notes and
        roots left out: a bare folder cap would be emptied into the target, but a file
        opened by its cap is a source (a bare file cap is one)."""
        top, node_url = self._top, self.node_url
        seen: set[int] = set()
        sources = []
        for item in items:
            root = item.parent is top and not item.is_file_root
            if not item.is_note and not root and id(item) not in seen:
                seen.add(id(item))
                sources.append(DraggedGridItem(item.cp_argument, item.name, item.is_folder, node_url))
        return sources

    # ---- loading -------------------------------------------------------------------

    def load(self, index: ModelIndex) -> None:
        """List a folder (again) in the background; ignored while it is already loading."""
        item = self.item(index)
        client = self.client
        if item is self._top or not item.is_folder or item.state is LoadState.LOADING or client is None:
            return
        first = item.state is LoadState.UNLOADED or not any(not c.is_note for c in item.children)
        # A retry after a failure (maybe a timeout on a slow grid) waits as long as a copy would.
        patient = item.state is LoadState.FAILED
        item.state = LoadState.LOADING
        item.load_token += 1
        token, generation = item.load_token, self._generation
        # Views and testers call fetchMore() while they react to other changes; the model
        # must not change under them, so the "Loading…" row and the request come a moment later.
        QTimer.singleShot(0, lambda: self._start_load(item, token, generation, first, client, patient))

    def _start_load(
        self, item: GridItem, token: int, generation: int, first: bool, client: GridClient, patient: bool = False
    ) -> None:
        if not self._current(item, token, generation):
            return
        if first:
            self._set_note(item, LOADING_NOTE)
        column, descending = self._sort_column, self._descending

        read_timeout = DEFAULT_TIMEOUT[1] if patient else None

        def work() -> list[GridItem]:
            listing = client.list_dir(item.root_cap, item.path, read_timeout=read_timeout)
            children = [make_child(item, entry) for entry in listing.children.values()]
            sort_items(children, column, descending)
            return children

        def done(children: list[GridItem]) -> None:
            if self._current(item, token, generation):
                if first:
                    self._set_note(item, None)
                    self._insert_batches(item, token, generation, children, 0)
                else:
                    self._merge(item, token, generation, children)

        def failed(message: str) -> None:
            if self._current(item, token, generation):
                item.state = LoadState.FAILED
                self._set_note(item, f"Could not load this folder: {message} — double-click to retry")
                self.folderFailed.emit(self.index_of(item), message)

        self.runner.submit(work, done, failed)

    def refresh_location(self, cp_argument: str) -> None:
        """Reload every loaded folder that is `cp_argument` (after a copy into it), empty
        ones included."""
        stack = [self._top]
        while stack:
            item = stack.pop()
            stack.extend(c for c in item.children if c.is_folder)
            if (
                item is not self._top
                and item.state is LoadState.LOADED
                and item.cp_argument.rstrip("/") == cp_argument.rstrip("/")
            ):
                self.load(self.index_of(item))

    def folder_changed(self, cp_argument: str) -> None:
        """The folder `cp_argument` changed on the grid (we wrote to it): list again every
        copy of it that is loaded or loading, since a listing already on its way may have
        been made before the change."""
        stack = [self._top]
        while stack:
            item = stack.pop()
            stack.extend(c for c in item.children if c.is_folder)
            if item is self._top or item.cp_argument.rstrip("/") != cp_argument.rstrip("/"):
                continue
            if item.state is LoadState.LOADING:
                item.state = LoadState.LOADED  # load() bumps the token: the older answer is dropped
            if item.state is LoadState.LOADED:
                self.load(self.index_of(item))

    def is_loading(self, index: ModelIndex) -> bool:
        return self.item(index).state is LoadState.LOADING

    @property
    def _descending(self) -> bool:
        return self._sort_order == Qt.SortOrder.DescendingOrder

    def _current(self, item: GridItem, token: int, generation: int) -> bool:
        return generation == self._generation and token == item.load_token

    def _insert_batches(
        self, item: GridItem, token: int, generation: int, children: list[GridItem], start: int
    ) -> None:
        if not self._current(item, token, generation):
            return
        batch = children[start : start + BATCH_SIZE]
        if batch:
            first_row = len(item.children)
            self.beginInsertRows(self.index_of(item), first_row, first_row + len(batch) - 1)
            item.children.extend(batch)
            item.renumber(first_row)
            self.endInsertRows()
        if start + BATCH_SIZE < len(children):
            QTimer.singleShot(
                BATCH_PAUSE_MS, lambda: self._insert_batches(item, token, generation, children, start + BATCH_SIZE)
            )
            return
        item.state = LoadState.LOADED
        self.folderLoaded.emit(self.index_of(item))

    def _merge(self, item: GridItem, token: int, generation: int, fresh: list[GridItem]) -> None:
        """Apply a refreshed listing, keeping the rows (and expanded subfolders) that stayed.
        Gone rows leave in contiguous ranges and new rows arrive in batches, so refreshing a
        big folder stalls the window no more than opening it does."""
        by_name = {c.name: c for c in fresh}
        parent = self.index_of(item)

        def gone(child: GridItem) -> bool:
            fresh_child = by_name.get(child.name)
            return child.is_note or fresh_child is None or fresh_child.is_folder != child.is_folder

        row = len(item.children) - 1
        while row >= 0:
            if not gone(item.children[row]):
                row -= 1
                continue
            last = row
            while row - 1 >= 0 and gone(item.children[row - 1]):
                row -= 1
            self.beginRemoveRows(parent, row, last)
            del item.children[row : last + 1]
            item.renumber(row)
            self.endRemoveRows()
            row -= 1
        kept = {c.name for c in item.children}
        changed: list[GridItem] = []
        for child in item.children:
            entry = by_name[child.name].entry
            if entry != child.entry:
                child.entry = entry
                changed.append(child)
        if item.children:
            resorted = list(item.children)
            sort_items(resorted, self._sort_column, self._descending)
            # a relayout costs: only if needed
            if any(a is not b for a, b in zip(resorted, item.children, strict=True)):
                self.layoutAboutToBeChanged.emit()
                before = [i for i in self.persistentIndexList() if i.parent() == parent]
                moved = [(self.item(i), i.column()) for i in before]
                item.children[:] = resorted
                item.renumber()
                self.changePersistentIndexList(before, [self.index_of(n, c) for n, c in moved])
                self.layoutChanged.emit()
            # only rows whose entry changed, and only their text: a dataChanged over every row
            # (or for every role) makes the view re-measure and re-lay out the whole folder
            for child in changed:
                self.dataChanged.emit(
                    self.index_of(child), self.index_of(child, len(COLUMNS) - 1), [Qt.ItemDataRole.DisplayRole]
                )
        added = [c for c in fresh if c.name not in kept]
        # new rows go below the kept ones, in order; a later refresh or sort puts them in place
        self._insert_batches(item, token, generation, added, 0)

    def _set_note(self, item: GridItem, text: str | None) -> None:
        """Show `text` as the folder's first row (replacing any note), or remove the note."""
        parent = self.index_of(item)
        if item.children and item.children[0].is_note:
            if text is not None:
                item.children[0].note = text
                self.dataChanged.emit(
                    self.index_of(item.children[0]), self.index_of(item.children[0], len(COLUMNS) - 1)
                )
                return
            self.beginRemoveRows(parent, 0, 0)
            del item.children[0]
            item.renumber()
            self.endRemoveRows()
            return
        if text is None:
            return
        self.beginInsertRows(parent, 0, 0)
        item.children.insert(0, GridItem(RowKind.NOTE, "", item.root_cap, item.path, parent=item, note=text))
        item.renumber()
        self.endInsertRows()

    def _loaded_folders(self) -> Iterator[GridItem]:
        stack = [self._top]
        while stack:
            item = stack.pop()
            if item.children:
                yield item
                stack.extend(c for c in item.children if c.children)

    def _icon(self, item: GridItem) -> Any:
        if self._icons is None:
            self._icons = QFileIconProvider()
        if item.is_note:
            return None
        kind = QFileIconProvider.IconType.Folder if item.is_folder else QFileIconProvider.IconType.File
        return self._icons.icon(kind)


def on_loaded_once(model: GridTreeModel, index: QModelIndex, callback: Callable[[QModelIndex], None]) -> None:
    """Call `callback(index)` when the folder at `index` has finished loading (now, if it has)."""
    item = model.item(index)
    if item.state is LoadState.LOADED:
        callback(index)
        return
    target = QPersistentModelIndex(index)

    def check(loaded: QModelIndex) -> None:
        if target == loaded:
            model.folderLoaded.disconnect(check)
            callback(loaded)

    model.folderLoaded.connect(check)
    model.fetchMore(index)
