"""Caps on the grid pane: Copy Write Cap, Copy Verify Cap, Add Cap Here…, and Open Location
(Ctrl+L, a window action that focuses the location bar of the pane in use).

Copy Read-only Link (`GridPane.copy_read_only_link`) stays the way to share. A write cap
reaches the clipboard only through its own explicit action, enabled only for an item we
can write (a writable folder, or a mutable file we hold the write cap of). These three are
the only ways a cap becomes clipboard text; Copy (Ctrl+C) never puts one there.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication

from tahoegui.grid.caps import CapError, parse, verify_cap
from tahoegui.jobs import grid_operations
from tahoegui.jobs.grid_operations import GridFolder
from tahoegui.models.grid_item import GridItem
from tahoegui.models.grid_model import on_loaded_once
from tahoegui.names import same_name
from tahoegui.ui.file_actions import _action, ask_name, ask_new_name
from tahoegui.ui.pane_changes import on_grid_pane_change
from tahoegui.ui.selection import grid_facts, grid_rows

if TYPE_CHECKING:
    from tahoegui.ui.main_window import MainWindow


def write_cap_of(item: GridItem) -> str | None:
    """The write cap of a row, if we hold one: a writable folder, or a mutable file."""
    if item.entry is not None:
        return item.entry.rw_uri
    return item.root_cap if item.writable else None


def verify_cap_of(item: GridItem) -> str | None:
    """The verify cap of a row: the listing's, else derived from the cap we hold; None for
    a literal file (nothing to verify) or a cap we can't parse."""
    if item.entry is not None and item.entry.verify_uri:
        return item.entry.verify_uri
    cap = item.entry.best_cap if item.entry is not None else item.root_cap
    if not cap:
        return None
    try:
        return verify_cap(cap)
    except CapError:
        return None


def cap_problem(text: str) -> str | None:
    """Why `text` can't be linked into a folder; None for a read or write cap."""
    try:
        info = parse(text)
    except CapError:
        return "That is not a cap (they start with URI:)"
    if info.is_verify:
        return "A verify cap reads nothing: link a read cap or a write cap"
    return None


class CapActions(QObject):
    """`actionCopyWriteCap`, `actionCopyVerifyCap`, `actionAddCapHere` (grid view) and
    `actionOpenLocation` (the window)."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        pane = window.grid_pane
        view = pane.view
        self.copy_write_cap = _action(view, "actionCopyWriteCap", "Copy Write Cap", [], self.copy_write)
        self.copy_write_cap.setToolTip(
            "Copy the write cap of the selected item: whoever has it can change or delete what it holds"
        )
        self.copy_verify_cap = _action(view, "actionCopyVerifyCap", "Copy Verify Cap", [], self.copy_verify)
        self.copy_verify_cap.setToolTip("Copy the verify cap: it checks the item's health and reads nothing")
        self.add_cap_here = _action(view, "actionAddCapHere", "Add Cap Here…", [], self.add_cap)
        self.add_cap_here.setToolTip("Link an existing file or folder, by its cap, into the folder shown")

        self.open_location = QAction("Open Location…", window)
        self.open_location.setObjectName("actionOpenLocation")
        self.open_location.setShortcut(QKeySequence("Ctrl+L"))
        self.open_location.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.open_location.setToolTip("Type a place: alias:path or a cap (a local path when the left pane is in use)")
        self.open_location.triggered.connect(self.focus_location)
        window.addAction(self.open_location)

        on_grid_pane_change(pane, self.update)
        self.update()

    # ---- enablement ----------------------------------------------------------------

    def selected_one(self) -> GridItem | None:
        if grid_facts(self.window.grid_pane).count != 1:  # cheap for any selection
            return None
        rows = grid_rows(self.window.grid_pane)
        return rows[0] if len(rows) == 1 else None

    def shown_folder(self) -> GridItem | None:
        pane = self.window.grid_pane
        index = pane.current_index()
        folder = pane.model.item(index) if index.isValid() else None
        return folder if folder is not None and folder.is_folder and pane.model.client is not None else None

    def update(self) -> None:
        one = self.selected_one()
        self.copy_write_cap.setEnabled(one is not None and write_cap_of(one) is not None)
        self.copy_verify_cap.setEnabled(one is not None and verify_cap_of(one) is not None)
        folder = self.shown_folder()
        self.add_cap_here.setEnabled(folder is not None and folder.writable)

    # ---- copying caps --------------------------------------------------------------

    def copy_write(self) -> None:
        one = self.selected_one()
        cap = write_cap_of(one) if one is not None else None
        if one is None or cap is None:
            self.window.say("Select one writable item: only those have a write cap")
            return
        QGuiApplication.clipboard().setText(cap)
        self.window.say(f"Copied the write cap of '{one.name}': whoever has it can change it")

    def copy_verify(self) -> None:
        one = self.selected_one()
        cap = verify_cap_of(one) if one is not None else None
        if one is None or cap is None:
            self.window.say("Select one item that has a verify cap (a tiny literal file has none)")
            return
        QGuiApplication.clipboard().setText(cap)
        self.window.say(f"Copied the verify cap of '{one.name}'")

    # ---- Add Cap Here --------------------------------------------------------------

    def add_cap(self) -> None:
        folder, client = self.shown_folder(), self.window.grid_pane.model.client
        if folder is None or client is None or not folder.writable:
            self.window.say("Open a writable grid folder first")
            return
        where = folder.location()
        cap, problem = ask_name(self.window, "Add Cap Here", f"Cap to link into '{where}':", cap_problem)
        if cap is None:
            if problem:
                self.window.say(f"Nothing linked: {problem}")
            return

        def taken(name: str) -> bool:
            return any(not c.is_note and same_name(c.name, name) for c in folder.children)

        name, problem = ask_new_name(self.window, "Add Cap Here", f"Name for it in '{where}':", taken)
        if name is None:
            if problem:
                self.window.say(f"Nothing linked: {problem}")
            return
        self.window.say(f"Linking '{name}'…")

        def done(_: None) -> None:
            self.window.say(f"Linked '{name}' into '{where}'")
            model = self.window.grid_pane.model
            model.folder_changed(folder.cp_argument)
            index = model.index_of(folder)
            if index.isValid():

                def select(loaded: object) -> None:
                    child = model.child_index(index, name)
                    if child.isValid() and self.window.grid_pane.current_index() == index:
                        self.window.grid_pane.select(child)

                on_loaded_once(model, index, select)

        grid_operations.attach(
            self.window.runner, client, GridFolder(folder.root_cap, folder.path), name, cap, done, self.window.say
        )

    # ---- Open Location -------------------------------------------------------------

    def focus_location(self) -> None:
        """Focus the location bar of the pane in use (the grid's, unless the local pane has
        the focus), with its text selected for typing over."""
        focused = QApplication.focusWidget()
        local = self.window.local_pane
        in_local = focused is not None and (focused is local or local.isAncestorOf(focused))
        line = (local if in_local else self.window.grid_pane).nav.location
        line.setFocus(Qt.FocusReason.ShortcutFocusReason)
        line.selectAll()
