"""New Folder (F7), Rename (F2) and Delete (F8, Delete; Shift+Delete locally) for both panes.

Each pane gets its own QActions, added to its view (`actionNewFolder`, `actionRename`,
`actionDelete`), so their shortcuts act on the focused pane. A write action that can't
apply to the folder shown or to the selection is disabled, and is updated whenever either
changes. Questions go through `prompts`; the grid's writes run in `jobs.grid_operations`,
the local deletes in `jobs.local_operations`, both off the UI thread.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from functools import partial

from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QWidget

from tahoegui.jobs import grid_operations, local_operations
from tahoegui.jobs.background import BackgroundRunner
from tahoegui.jobs.grid_operations import GridFolder, UnlinkResult
from tahoegui.jobs.local_operations import DeleteResult
from tahoegui.models.grid_item import NAME, GridItem, RowKind
from tahoegui.models.grid_model import on_loaded_once
from tahoegui.models.local_model import LOCAL_NAME
from tahoegui.names import clean_name, name_problem, same_name
from tahoegui.ui import prompts
from tahoegui.ui.grid_pane import GridPane
from tahoegui.ui.local_pane import LocalPane
from tahoegui.ui.pane_changes import on_grid_pane_change, on_local_pane_change
from tahoegui.ui.pane_view import PaneView

LISTED_NAMES = 12  # a confirmation lists this many names, then says how many more
MAX_ASKS = 10  # asking again for a better name ends after this many tries


def _action(view: PaneView, name: str, text: str, keys: Sequence[QKeySequence], slot: Callable[[], object]) -> QAction:
    action = QAction(text, view)
    action.setObjectName(name)
    action.setShortcuts(list(keys))
    action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    action.triggered.connect(slot)
    view.addAction(action)
    return action


def _visible_ranges(view: PaneView) -> list[tuple[int, int, QModelIndex]]:
    """The selection as (first row, last row, parent), keeping only rows on view: in the
    folder shown, or in folders expanded below it."""
    root = view.rootIndex()
    found: list[tuple[int, int, QModelIndex]] = []
    selection = view.selectionModel().selection()
    for k in range(selection.count()):
        selected = selection.at(k)
        parent = selected.parent()
        above = QModelIndex(parent)
        while above.isValid() and above != root and view.isExpanded(above):
            above = above.parent()
        if above == root:
            found.append((selected.top(), selected.bottom(), parent))
    return found


def _edit(view: PaneView, index: QModelIndex) -> bool:
    """Open the in-place editor on `index`; False if the row can't be edited."""
    view.edit(index)
    return view.state() == QAbstractItemView.State.EditingState


def ask_name(
    parent: QWidget, title: str, label: str, check: Callable[[str], str | None], text: str = ""
) -> tuple[str | None, str | None]:
    """Ask for a name until `check` finds no problem with it (the problem shown above the
    question each time). Answers (name, None), or (None, the last problem) when the user
    cancels or gives the same refused answer again."""
    prompt, previous, problem = label, None, None
    for _ in range(MAX_ASKS):
        answer = prompts.ask_text(parent, title, prompt, text)
        if answer is None or answer == previous:
            return None, problem
        name = clean_name(answer)
        problem = check(name)
        if problem is None:
            return name, None
        prompt, previous, text = f"{problem}.\n\n{label}", answer, answer
    return None, problem


def ask_new_name(
    parent: QWidget, title: str, label: str, taken: Callable[[str], bool], text: str = ""
) -> tuple[str | None, str | None]:
    """A file or folder name that can exist and that `taken` says is free (see ask_name)."""

    def check(name: str) -> str | None:
        return name_problem(name) or (f"There is already something named '{name}' here" if taken(name) else None)

    return ask_name(parent, title, label, check, text)


def listed(names: list[str]) -> str:
    """Names as lines of a confirmation, at most LISTED_NAMES of them."""
    lines = [f"• {n}" for n in names[:LISTED_NAMES]]
    if len(names) > LISTED_NAMES:
        lines.append(f"… and {len(names) - LISTED_NAMES} more")
    return "\n".join(lines)


def counted(count: int, one: str = "item") -> str:
    return f"1 {one}" if count == 1 else f"{count} {one}s"


# ---- the grid pane -------------------------------------------------------------------------


class GridFileActions(QObject):
    """New Folder, Rename and Delete (unlink) on the grid pane."""

    def __init__(self, pane: GridPane, runner: BackgroundRunner, window: QWidget):
        super().__init__(pane)
        self.pane, self.runner, self.window = pane, runner, window
        view = pane.view
        self.new_folder = _action(
            view, "actionNewFolder", "New Folder…", [QKeySequence(Qt.Key.Key_F7)], self.make_folder
        )
        self.rename = _action(view, "actionRename", "Rename", [QKeySequence(Qt.Key.Key_F2)], self.start_rename)
        self.delete = _action(
            view,
            "actionDelete",
            "Delete (Unlink)…",
            [QKeySequence(Qt.Key.Key_F8), QKeySequence(Qt.Key.Key_Delete)],
            self.delete_selected,
        )
        on_grid_pane_change(pane, self.update)
        self.update()

    # ---- what the actions apply to -------------------------------------------------

    def shown_folder(self) -> GridItem | None:
        index = self.pane.current_index()
        return self.pane.model.item(index) if index.isValid() else None

    def selected(self) -> list[GridItem]:
        """Selected entries among the rows on view (in the folder shown, or in a folder
        expanded below it): a selection left behind in a folder we went into or up from
        does not count. Read from the selection's ranges, not row by row, so a select-all
        in a folder of 10,000 entries costs next to nothing."""
        model = self.pane.model
        items: list[GridItem] = []
        seen: set[int] = set()
        for top, bottom, parent in _visible_ranges(self.pane.view):
            for item in model.item(parent).children[top : bottom + 1]:
                if item.kind is RowKind.ENTRY and id(item) not in seen:
                    seen.add(id(item))
                    items.append(item)
        return items

    def update(self) -> None:
        folder = self.shown_folder()
        connected = self.pane.model.client is not None
        self.new_folder.setEnabled(connected and folder is not None and folder.writable)
        items = self.selected()
        writable = connected and bool(items) and all(i.parent is not None and i.parent.writable for i in items)
        self.rename.setEnabled(writable and len(items) == 1)
        self.delete.setEnabled(writable)

    # ---- New Folder ----------------------------------------------------------------

    def make_folder(self) -> None:
        folder, client = self.shown_folder(), self.pane.model.client
        if folder is None or client is None or not folder.writable:
            self.pane.message.emit("Open a writable grid folder first")
            return

        def taken(name: str) -> bool:
            return any(not c.is_note and same_name(c.name, name) for c in folder.children)

        name, problem = ask_new_name(self.window, "New Folder", "Name of the new folder:", taken)
        if name is None:
            if problem:
                self.pane.message.emit(f"No folder made: {problem}")
            return
        self.pane.message.emit(f"Creating folder '{name}'…")

        def done(_cap: str) -> None:
            self.pane.message.emit(f"Created folder '{name}'")
            self._refresh_and_select(folder, name)

        grid_operations.make_folder(
            self.runner, client, GridFolder(folder.root_cap, folder.path), name, done, self.pane.message.emit
        )

    def _refresh_and_select(self, folder: GridItem, name: str) -> None:
        model = self.pane.model
        model.folder_changed(folder.cp_argument)
        index = model.index_of(folder)
        if not index.isValid():
            return

        def select(loaded: QModelIndex) -> None:
            child = model.child_index(loaded, name)
            if child.isValid() and self.pane.current_index() == loaded:
                self.pane.view.setCurrentIndex(child)

        on_loaded_once(model, index, select)

    # ---- Rename --------------------------------------------------------------------

    def start_rename(self) -> None:
        """Edit the name in place; the model's setData does the rename on the grid."""
        items = self.selected()
        if len(items) != 1:
            self.pane.message.emit("Select one item to rename")
            return
        index = self.pane.model.index_of(items[0], NAME)
        self.pane.view.setCurrentIndex(index)
        self.pane.view.scrollTo(index)
        if not _edit(self.pane.view, index):
            self.pane.message.emit(f"'{items[0].name}' can't be renamed here: its folder is read-only")

    # ---- Delete --------------------------------------------------------------------

    def delete_selected(self) -> None:
        items, client = self.selected(), self.pane.model.client
        if not items or client is None:
            self.pane.message.emit("Select grid items to delete first")
            return
        if any(i.parent is None or not i.parent.writable for i in items):
            self.pane.message.emit("Those items are in a read-only folder: they can't be unlinked")
            return
        names = [i.name + ("/" if i.is_folder else "") for i in items]
        folders = {i.parent.location() for i in items if i.parent is not None}
        where = f"'{folders.pop()}'" if len(folders) == 1 else "their folders"
        what = f"'{items[0].name}'" if len(items) == 1 else f"these {len(items)} items"
        text = (
            f"Unlink {what} from {where}?\n\n{listed(names)}\n\n"
            "Unlinking is not erasing: the data stays on the grid, and anyone who holds a cap "
            "to it can still read it."
        )
        if not prompts.confirm(self.window, "Delete from the Grid", text, destructive=True):
            return
        by_folder: dict[int, tuple[GridItem, list[str]]] = {}
        for item in items:
            assert item.parent is not None
            by_folder.setdefault(id(item.parent), (item.parent, []))[1].append(item.name)
        for folder, folder_names in by_folder.values():
            grid_operations.unlink(
                self.runner,
                client,
                GridFolder(folder.root_cap, folder.path),
                folder_names,
                partial(self._unlinked, folder),
                self.pane.message.emit,
            )

    def _unlinked(self, folder: GridItem, result: UnlinkResult) -> None:
        self.pane.model.folder_changed(folder.cp_argument)
        if result.failed:
            name, reason = result.failed[0]
            more = f" (and {len(result.failed) - 1} more)" if len(result.failed) > 1 else ""
            self.pane.message.emit(f"Could not delete '{name}'{more}: {reason}")
        else:
            self.pane.message.emit(f"Unlinked {counted(len(result.unlinked))}")


# ---- the local pane ------------------------------------------------------------------------


def _writable_dir(path: str) -> bool:
    return os.path.isdir(path) and os.access(path, os.W_OK | os.X_OK)


class LocalFileActions(QObject):
    """New Folder, Rename, Delete (to the trash) and Shift+Delete (for good) on the local pane."""

    def __init__(self, pane: LocalPane, runner: BackgroundRunner, window: QWidget):
        super().__init__(pane)
        self.pane, self.runner, self.window = pane, runner, window
        view = pane.view
        self.new_folder = _action(
            view, "actionNewFolder", "New Folder…", [QKeySequence(Qt.Key.Key_F7)], self.make_folder
        )
        self.rename = _action(view, "actionRename", "Rename", [QKeySequence(Qt.Key.Key_F2)], self.start_rename)
        self.delete = _action(
            view,
            "actionDelete",
            "Move to Trash…",
            [QKeySequence(Qt.Key.Key_F8), QKeySequence(Qt.Key.Key_Delete)],
            self.move_to_trash,
        )
        self.delete_for_good = _action(
            view,
            "actionDeletePermanently",
            "Delete for Good…",
            [QKeySequence("Shift+Del")],
            self.delete_permanently,
        )
        on_local_pane_change(pane, self.update)
        self.update()

    def selected(self) -> list[QModelIndex]:
        """Selected rows among those on view (in the folder shown, or in a folder expanded
        below it), one index per row."""
        model = self.pane.model
        rows: dict[tuple[str, int], QModelIndex] = {}
        for top, bottom, parent in _visible_ranges(self.pane.view):
            folder = model.filePath(parent)
            for row in range(top, bottom + 1):
                rows.setdefault((folder, row), model.index(row, LOCAL_NAME, parent))
        return list(rows.values())

    def update(self) -> None:
        self.new_folder.setEnabled(_writable_dir(self.pane.current_path()))
        model = self.pane.model
        # from the ranges alone (a select-all of a big folder must not stall): which folders
        # the rows are in, and the one row when there is one
        ranges = _visible_ranges(self.pane.view)
        count = sum(bottom - top + 1 for top, bottom, _ in ranges)
        folders = {model.filePath(parent) for _, _, parent in ranges}
        writable = count > 0 and all(_writable_dir(f) for f in folders)
        one = model.index(ranges[0][0], LOCAL_NAME, ranges[0][2]) if len(ranges) == 1 and count == 1 else None
        self.rename.setEnabled(writable and one is not None and bool(model.flags(one) & Qt.ItemFlag.ItemIsEditable))
        self.delete.setEnabled(writable)
        self.delete_for_good.setEnabled(writable)

    # ---- New Folder ----------------------------------------------------------------

    def make_folder(self) -> None:
        folder = self.pane.current_path()
        if not _writable_dir(folder):
            self.pane.message.emit(f"Can't make a folder in {folder}: it is read-only")
            return
        name, problem = ask_new_name(
            self.window, "New Folder", "Name of the new folder:", lambda n: os.path.lexists(os.path.join(folder, n))
        )
        if name is None:
            if problem:
                self.pane.message.emit(f"No folder made: {problem}")
            return
        model = self.pane.model
        index = model.mkdir(model.index(folder), name)
        if not index.isValid():
            self.pane.message.emit(f"Could not create folder '{name}' in {folder}")
            return
        self.pane.view.setCurrentIndex(index)
        self.pane.message.emit(f"Created folder '{name}'")

    # ---- Rename --------------------------------------------------------------------

    def start_rename(self) -> None:
        rows = self.selected()
        if len(rows) != 1:
            self.pane.message.emit("Select one item to rename")
            return
        index = rows[0].siblingAtColumn(LOCAL_NAME)
        self.pane.view.setCurrentIndex(index)
        self.pane.view.scrollTo(index)
        if not _edit(self.pane.view, index):
            self.pane.message.emit(f"'{self.pane.model.fileName(index)}' can't be renamed here")

    # ---- Delete --------------------------------------------------------------------

    def _paths(self) -> list[str]:
        return [self.pane.model.filePath(i) for i in self.selected()]

    def move_to_trash(self) -> None:
        paths = self._paths()
        if not paths:
            self.pane.message.emit("Select files or folders to delete first")
            return
        names = [os.path.basename(p) for p in paths]
        what = f"'{names[0]}'" if len(names) == 1 else f"these {len(names)} items"
        text = f"Move {what} to the trash?\n\n{listed(names)}\n\nYou can restore them from the trash."
        if prompts.confirm(self.window, "Move to Trash", text):
            local_operations.move_to_trash(
                self.runner, paths, lambda r: self._deleted(r, "Moved {} to the trash"), self.pane.message.emit
            )

    def delete_permanently(self) -> None:
        paths = self._paths()
        if not paths:
            self.pane.message.emit("Select files or folders to delete first")
            return
        names = [os.path.basename(p) for p in paths]
        what = f"'{names[0]}'" if len(names) == 1 else f"these {len(names)} items"
        text = (
            f"Delete {what} for good?\n\n{listed(names)}\n\n"
            "They will not go to the trash: this can't be undone. Folders go with everything in them."
        )
        if prompts.confirm(self.window, "Delete for Good", text, destructive=True):
            local_operations.delete_for_good(
                self.runner, paths, lambda r: self._deleted(r, "Deleted {}"), self.pane.message.emit
            )

    def _deleted(self, result: DeleteResult, done_text: str) -> None:
        if result.failed:
            path, reason = result.failed[0]
            more = f" (and {len(result.failed) - 1} more)" if len(result.failed) > 1 else ""
            self.pane.message.emit(f"Could not delete '{os.path.basename(path)}'{more}: {reason}")
        else:
            self.pane.message.emit(done_text.format(counted(len(result.deleted))))
        self.update()
