"""The grid side: aliases, opened caps and their folders, with location bar and alias selector."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QComboBox, QHeaderView, QVBoxLayout, QWidget

from tahoegui.grid.caps import CapError, CapInfo, diminish, is_cap, parse
from tahoegui.grid.client import GridClient
from tahoegui.grid.types import GridEntry
from tahoegui.jobs.background import BackgroundRunner
from tahoegui.models.grid_item import ACCESS, MODIFIED, NAME, SIZE, TYPE, LoadState
from tahoegui.models.grid_model import GridTreeModel, on_loaded_once
from tahoegui.models.mime import DraggedGridItem, grid_items_from, grid_items_mime, has_local_files
from tahoegui.ui.history import History
from tahoegui.ui.navigation_bar import NavigationBar
from tahoegui.ui.pane_view import PaneView

TOP_LABEL = "All aliases"


class GridPane(QWidget):
    """Browses the grid. Local files or grid items dropped here become copy requests."""

    copyRequested = Signal(QMimeData, str)  # payload, grid folder (as a `tahoe cp` target)
    moveRequested = Signal(QMimeData, QModelIndex)  # payload, grid folder: dropped with Shift held
    message = Signal(str)
    locationChanged = Signal()  # another folder (or the aliases) is shown

    def __init__(self, runner: BackgroundRunner, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = GridTreeModel(runner, self)
        self.view = PaneView("gridView", self)
        self.view.setModel(self.model)
        self.view.sortByColumn(NAME, Qt.SortOrder.AscendingOrder)
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column, width in ((SIZE, 80), (MODIFIED, 130), (TYPE, 150), (ACCESS, 80)):
            header.resizeSection(column, width)
        self.view.accepts = lambda mime: bool(grid_items_from(mime)) or has_local_files(mime)
        self.view.is_folder = lambda index: index.isValid() and self.model.item(index).is_folder
        self.view.drag_payload = self._drag_payload
        self.view.dropRequested.connect(self._dropped)
        self.view.moveDropRequested.connect(self._dropped_to_move)
        self.view.activated.connect(self._activated)
        self.view.upRequested.connect(self.go_up)
        self.model.folderFailed.connect(lambda _i, msg: self.message.emit(f"Could not load a folder: {msg}"))
        self.model.notice.connect(self.message)

        self.nav = NavigationBar("alias:path or a pasted cap", self)
        self.alias_selector = QComboBox(self)
        self.alias_selector.setObjectName("aliasSelector")
        self.alias_selector.setToolTip("Aliases")
        self.alias_selector.setMinimumContentsLength(8)
        self.alias_selector.activated.connect(self._alias_chosen)
        self.nav.insert_widget(3, self.alias_selector)
        self.nav.backRequested.connect(self.go_back)
        self.nav.upRequested.connect(self.go_up)
        self.nav.refreshRequested.connect(self.refresh)
        self.nav.locationEntered.connect(self.open_location)

        copy_link = QAction("Copy Read-only Link", self.view)
        copy_link.setObjectName("actionCopyReadOnlyLink")
        copy_link.setToolTip("Copy the read-only cap of the selected item to the clipboard")
        copy_link.triggered.connect(self.copy_read_only_link)
        self.copy_link_action = copy_link

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.nav)
        layout.addWidget(self.view)
        self.history: History[QPersistentModelIndex] = History()

    # ---- connection ----------------------------------------------------------------

    def set_connection(self, client: GridClient | None, node_url: str, aliases: dict[str, str]) -> None:
        self.model.set_connection(client, node_url, aliases)
        self.history = History()
        self.show_aliases()
        first = self.model.index(0, 0)
        self.navigate(first if first.isValid() else QModelIndex())

    # ---- where we are --------------------------------------------------------------

    def current_index(self) -> QModelIndex:
        return self.view.rootIndex()

    def current_target(self) -> str | None:
        """The folder shown, as a `tahoe cp` target; None at the top (no folder to copy into)."""
        index = self.current_index()
        return self.model.item(index).cp_argument if index.isValid() else None

    def selected_items(self) -> list[DraggedGridItem]:
        """The selected rows on view as copy sources."""
        return self.model.as_sources(self.model.items_in_ranges(self.view.selected_ranges()))

    def navigate(self, index: QModelIndex, remember: bool = True) -> None:
        """Show the folder at `index` (the aliases when invalid), loading it if needed."""
        index = index.siblingAtColumn(0) if index.isValid() else index
        self.view.setRootIndex(index)
        if index.isValid() and self.model.canFetchMore(index):
            self.model.fetchMore(index)
        if remember:
            self.history.visit(QPersistentModelIndex(index))
        item = self.model.item(index)
        self.nav.show_location(item.location() if index.isValid() else "")
        self.nav.back_button.setEnabled(self.history.can_go_back())
        self._select_shown_alias()
        self.locationChanged.emit()

    def show_aliases(self) -> None:
        """Fill the alias selector from the model's aliases (after they changed)."""
        self.alias_selector.clear()
        self.alias_selector.addItem(TOP_LABEL)
        self.alias_selector.addItems(self.model.aliases())
        self._select_shown_alias()

    def shown_alias(self) -> str | None:
        """The alias the selector shows, if any."""
        position = self.alias_selector.currentIndex()
        return self.alias_selector.itemText(position) if position > 0 else None

    def _select_shown_alias(self) -> None:
        index = self.current_index()
        root = self.model.item(index)
        while root.parent is not None and root.parent.parent is not None:
            root = root.parent
        position = self.alias_selector.findText(root.alias) if index.isValid() and root.alias else 0
        self.alias_selector.setCurrentIndex(max(0, position))

    def go_up(self) -> None:
        index = self.current_index()
        if index.isValid():
            self.navigate(index.parent())

    def go_back(self) -> None:
        place = self.history.back()
        while place is not None and not place.isValid() and self.history.can_go_back():
            place = self.history.back()  # skip places lost in a reset
        if place is not None:
            back = QModelIndex(place) if place.isValid() else QModelIndex()  # type: ignore[call-overload]  # stubs lack it
            self.navigate(back, remember=False)

    def refresh(self) -> None:
        index = self.current_index()
        if index.isValid():
            self.model.load(index)

    def open_location(self, text: str, missing: Callable[[str], None] | None = None) -> None:
        """Go to `alias:path`, `alias:` or a pasted cap (with an optional `/path`). When
        there is no such place, `missing` gets the message (default: it is shown)."""
        missing = missing or self.message.emit
        text = text.strip()
        if not text:
            self.navigate(QModelIndex())
            return
        if is_cap(text):
            cap, _, path = text.partition("/")
            try:
                info: CapInfo | None = parse(cap)
            except CapError:
                info = None  # a kind we don't know: the node may, so ask it
            if info is not None and info.is_verify:
                self.message.emit("A verify cap can check an object's health, but can't open it")
                return
            if info is not None and not info.is_directory:
                if path.strip("/"):
                    self.message.emit("That is a file's cap: there is nothing below a file")
                else:
                    self._open_file_cap(cap)
                return
            start = self.model.add_root(cap)
        else:
            alias, sep, path = text.partition(":")
            start = self.model.alias_index(alias) if sep else QModelIndex()
            if not start.isValid():
                missing(f"No alias named '{alias}'" if sep else "Type alias:path or paste a cap")
                return
        self._walk(start, [p for p in path.split("/") if p], missing)

    def restore_location(self, text: str) -> None:
        """Go back to a location remembered from the last run; if it is gone, show the first
        alias and say so."""

        def gone(why: str) -> None:
            first = self.model.index(0, 0)
            self.navigate(first if first.isValid() else QModelIndex())
            self.message.emit(f"The grid folder shown last time is gone ({why}): showing the first alias")

        self.open_location(text, gone)

    def location_to_remember(self) -> str | None:
        """Where to come back to next time: `alias:path`, or an opened cap and its path (a
        secret: settings.py keeps the file 0600); "" at the top; None before any connection."""
        if self.model.client is None:
            return None
        index = self.current_index()
        if not index.isValid():
            return ""
        item = self.model.item(index)
        root = item
        while root.parent is not None and root.parent.parent is not None:
            root = root.parent
        return f"{root.alias}:{item.path}" if root.alias else item.cp_argument

    def copy_read_only_link(self) -> None:
        """Put the read-only cap of the selected item on the clipboard (never the write cap)."""
        rows = self.view.selectionModel().selectedRows(NAME)
        item = self.model.item(rows[0]) if rows else None
        if item is None or item.is_note:  # a "Loading…" or error row links to nothing
            return
        cap = item.entry.best_cap if item.entry else item.root_cap
        if not cap:
            return
        try:
            QGuiApplication.clipboard().setText(diminish(cap))
            self.message.emit(f"Copied a read-only link to '{item.name}'")
        except CapError:
            self.message.emit("This item has no link that can be shared")

    # ---- events --------------------------------------------------------------------

    def _walk(
        self, index: QModelIndex, names: list[str], missing: Callable[[str], None], reloaded: bool = False
    ) -> None:
        """Show `index`, then go down `names` one folder at a time as each one loads."""
        self.navigate(index)
        if not names:
            return

        def step(loaded: QModelIndex) -> None:
            child = self.model.child_index(loaded, names[0])
            if child.isValid() and self.model.item(child).is_folder:
                self._walk(child, names[1:], missing)
            elif child.isValid() and len(names) == 1:  # a file: its folder, with it selected
                if self.current_index() == loaded:
                    self.select(child)
            elif not reloaded:  # the listing may be older than the folder: look again once
                self.model.load(loaded)
                on_loaded_once(self.model, loaded, lambda again: self._walk(again, names, missing, True))
            elif child.isValid():
                missing(f"'{names[0]}' is a file, not a folder")
            else:
                missing(f"No folder named '{names[0]}' here")

        on_loaded_once(self.model, index, step)

    def select(self, index: QModelIndex) -> None:
        """Make `index` the one selected row, in view and focused (ready for F5, Enter…)."""
        self.view.setCurrentIndex(index)
        self.view.scrollTo(index)
        self.view.setFocus()

    def _open_file_cap(self, cap: str) -> None:
        """A file opened by its cap has no folder around it: it gets a row of its own at the
        top (what it is comes from the node first, so the row shows its size and kind)."""
        client = self.model.client
        if client is None:
            self.message.emit("Not connected to a grid yet")
            return

        def opened(entry: GridEntry) -> None:
            if self.model.client is not client:
                return  # another node meanwhile
            if entry.is_dir:  # a kind of folder cap we don't parse: open it as a folder
                self.navigate(self.model.add_root(cap))
                return
            index = self.model.add_file_root(cap, entry)
            self.navigate(QModelIndex())
            self.select(index)
            self.message.emit("This file was opened by its cap: it is in no folder shown here")

        self.model.runner.submit(
            lambda: client.stat(cap), opened, lambda text: self.message.emit(f"Could not open that cap: {text}")
        )

    def _alias_chosen(self, position: int) -> None:
        if position <= 0:
            self.navigate(QModelIndex())
        else:
            self.navigate(self.model.alias_index(self.alias_selector.itemText(position)))

    def _activated(self, index: QModelIndex) -> None:
        item = self.model.item(index)
        if item.is_note:
            parent = index.parent()
            if self.model.item(parent).state is LoadState.FAILED:
                self.model.load(parent)  # retry
        elif item.is_folder:
            self.navigate(index)

    def _drag_payload(self) -> QMimeData | None:
        items = self.selected_items()
        return grid_items_mime(items) if items else None

    def _dropped(self, mime: QMimeData, folder: QModelIndex) -> None:
        if not folder.isValid():
            self.message.emit("Open a grid folder first: there is nowhere to copy to at the top")
            return
        self.copyRequested.emit(mime, self.model.item(folder).cp_argument)

    def _dropped_to_move(self, mime: QMimeData, folder: QModelIndex) -> None:
        if not folder.isValid():
            self.message.emit("Open a grid folder first: there is nowhere to move to at the top")
            return
        self.moveRequested.emit(mime, folder)
