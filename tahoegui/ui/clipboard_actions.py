"""Cut, Copy and Paste (Ctrl+X, Ctrl+C, Ctrl+V) on both panes, within a pane and across.

What goes on the clipboard:
- grid items: only our own MIME type, `application/x-tahoegui-grid-items` (they carry
  caps); never `text/plain`, so no cap is pasted into a chat by accident;
- local files: `text/uri-list` and their paths as text, as desktop file managers put them,
  plus `x-special/gnome-copied-files` (GNOME) and, for a cut, `application/x-kde-cutselection`
  (KDE), so the desktop's own file manager can paste them too.
A cut is marked the KDE way (and GNOME's); files the desktop cut or copied are read the same way.

What a paste does, into the folder the pane shows:
- grid items into the grid: a cut moves them by relinking (no bytes move, the same cap under
  the same name, never over an existing name); a copy runs the copier (`tahoe cp -r`: immutable
  files are linked by cap);
- anything else crosses through the copier: a copy is a copy job, a cut a move job (the
  sources go only where their copy fully succeeded);
- local files (ours, or the desktop's `text/uri-list`) pasted into the local pane are copied
  (or moved) there too, as a desktop file manager does.
A cut is pasted once: the clipboard is emptied when its move starts. A name the folder
holds already is never replaced without asking (Replace or Skip).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QObject, QUrl
from PySide6.QtGui import QClipboard, QGuiApplication, QKeySequence

from tahoegui.copier import CopyOptions
from tahoegui.models.grid_item import GridItem, RowKind
from tahoegui.models.mime import DraggedGridItem, grid_items_from, grid_items_mime, local_paths_from
from tahoegui.ui.file_actions import _action
from tahoegui.ui.move_actions import MoveActions, ask_about_existing, folder_argument, grid_place
from tahoegui.ui.pane_changes import on_grid_pane_change, on_local_pane_change
from tahoegui.ui.selection import (
    grid_entries,
    grid_facts,
    grid_rows,
    in_writable_folders,
    local_facts,
    local_paths,
    writable_dir,
)

if TYPE_CHECKING:
    from tahoegui.ui.main_window import MainWindow

KDE_CUT = "application/x-kde-cutselection"
GNOME_FILES = "x-special/gnome-copied-files"


@dataclass
class Clipped:
    """What the clipboard holds that a pane can paste."""

    grid_items: list[DraggedGridItem] = field(default_factory=list)
    local_paths: list[str] = field(default_factory=list)
    cut: bool = False

    def __bool__(self) -> bool:
        return bool(self.grid_items or self.local_paths)


def read_clipboard(mime: QMimeData | None) -> Clipped:
    if mime is None:
        return Clipped()
    cut = bytes(mime.data(KDE_CUT).data()).strip() == b"1" or bytes(mime.data(GNOME_FILES).data()).startswith(b"cut")
    items = grid_items_from(mime)
    if items:
        return Clipped(grid_items=items, cut=cut)
    return Clipped(local_paths=local_paths_from(mime), cut=cut)


def grid_items_clip(items: list[DraggedGridItem], cut: bool) -> QMimeData:
    """Grid items in our own type only: no text/plain, no uri-list (they carry caps)."""
    mime = grid_items_mime(items)
    if cut:
        mime.setData(KDE_CUT, b"1")
    return mime


def local_files_clip(paths: list[str], cut: bool) -> QMimeData:
    mime = QMimeData()
    urls = [QUrl.fromLocalFile(p) for p in paths]
    mime.setUrls(urls)
    mime.setText("\n".join(paths))
    gnome = "\n".join(["cut" if cut else "copy"] + [bytes(u.toEncoded().data()).decode("ascii") for u in urls])
    mime.setData(GNOME_FILES, gnome.encode("ascii"))
    if cut:
        mime.setData(KDE_CUT, b"1")
    return mime


class ClipboardActions(QObject):
    """`actionCutItems`, `actionCopyItems` and `actionPasteItems` on both views."""

    def __init__(self, window: MainWindow, moves: MoveActions):
        super().__init__(window)
        self.window, self.moves = window, moves
        self.clipboard: QClipboard = QGuiApplication.clipboard()
        local, grid = window.local_view, window.grid_view
        # Not the platform's whole StandardKey lists: on X11 Cut is also Shift+Del, which is
        # Delete for Good in the local pane.
        cut_keys = [QKeySequence("Ctrl+X")]
        copy_keys = [QKeySequence("Ctrl+C"), QKeySequence("Ctrl+Ins")]
        paste_keys = [QKeySequence("Ctrl+V"), QKeySequence("Shift+Ins")]
        self.local_cut = _action(local, "actionCutItems", "Cut", cut_keys, lambda: self.cut_or_copy_local(True))
        self.local_copy = _action(local, "actionCopyItems", "Copy", copy_keys, lambda: self.cut_or_copy_local(False))
        self.local_paste = _action(local, "actionPasteItems", "Paste", paste_keys, self.paste_into_local)
        self.grid_cut = _action(grid, "actionCutItems", "Cut", cut_keys, lambda: self.cut_or_copy_grid(True))
        self.grid_copy = _action(grid, "actionCopyItems", "Copy", copy_keys, lambda: self.cut_or_copy_grid(False))
        self.grid_paste = _action(grid, "actionPasteItems", "Paste", paste_keys, self.paste_into_grid)
        self.grid_copy.setToolTip("Copy the selected items, to paste in a folder (their links never go into text)")

        self._can_paste = bool(self.clipped())
        self.clipboard.dataChanged.connect(self._clipboard_changed)
        on_local_pane_change(window.local_pane, self.update)
        on_grid_pane_change(window.grid_pane, self.update)
        self.update()

    # ---- enablement ----------------------------------------------------------------

    def clipped(self) -> Clipped:
        return read_clipboard(self.clipboard.mimeData())

    def _clipboard_changed(self) -> None:
        # read once per change, not on every selection or model change: reading another
        # program's clipboard asks the display server
        self._can_paste = bool(self.clipped())
        self.update()

    def update(self) -> None:
        clipped = self._can_paste
        count, local_writable = local_facts(self.window.local_pane)
        self.local_cut.setEnabled(local_writable)
        self.local_copy.setEnabled(count > 0)
        self.local_paste.setEnabled(clipped and writable_dir(self.window.local_pane.current_path()))
        facts = grid_facts(self.window.grid_pane)
        self.grid_cut.setEnabled(facts.leavable)
        self.grid_copy.setEnabled(facts.copyable)
        folder = self.moves.shown_grid_folder()
        self.grid_paste.setEnabled(clipped and folder is not None and folder.writable)

    def _grid_copyable(self) -> list[GridItem]:
        """Entries, and files opened by their caps (folder roots are not copy sources)."""
        return [i for i in grid_rows(self.window.grid_pane) if i.kind is RowKind.ENTRY or i.is_file_root]

    # ---- cut and copy --------------------------------------------------------------

    def cut_or_copy_grid(self, cut: bool) -> None:
        pane = self.window.grid_pane
        items = grid_entries(pane) if cut else self._grid_copyable()
        if not items:
            self.window.say("Select grid items first")
            return
        if cut and not in_writable_folders(items):
            self.window.say("Those items are in a read-only folder: they can be copied, not cut")
            return
        dragged = pane.model.dragged_items([pane.model.index_of(i) for i in items])
        self.clipboard.setMimeData(grid_items_clip(dragged, cut))
        verb = "Cut" if cut else "Copied"
        self.window.say(f"{verb} {self.window._names([i.name for i in items])}: paste them in a folder")

    def cut_or_copy_local(self, cut: bool) -> None:
        paths = local_paths(self.window.local_pane)
        if not paths:
            self.window.say("Select files or folders first")
            return
        if cut and not local_facts(self.window.local_pane)[1]:
            self.window.say("Those items are in a read-only folder: they can be copied, not cut")
            return
        self.clipboard.setMimeData(local_files_clip(paths, cut))
        verb = "Cut" if cut else "Copied"
        self.window.say(f"{verb} {self.window._names(paths)}: paste them in a folder")

    # ---- paste ---------------------------------------------------------------------

    def paste_into_grid(self) -> bool:
        clipped, folder = self.clipped(), self.moves.shown_grid_folder()
        if not clipped:
            self.window.say("The clipboard holds no files or grid items to paste")
            return False
        if folder is None or not folder.writable:
            self.window.say("Open a writable grid folder to paste into first")
            return False
        target = folder.cp_argument
        if clipped.grid_items:
            items = clipped.grid_items
            if self.window._foreign(items):
                return False
            if clipped.cut:
                moving = self.moves.move_within_grid(items, folder)
                if moving:
                    self._cut_pasted()
                return moving
            if self._already_in(items, target):
                return False
            options = self._ask(items, target, f"'{folder.location()}'")
            return options is not None and self._copy_grid(items, target, options)
        if clipped.cut:
            return self._moved(self.moves.move_local_paths(clipped.local_paths, target))
        options = self._ask_local(clipped.local_paths, target, f"'{folder.location()}'")
        if options is None:
            return False
        description = self.window._names(clipped.local_paths) + f" to '{folder.location()}'"
        return self.window.start_copy(clipped.local_paths, target, description, options) is not None

    def paste_into_local(self) -> bool:
        clipped, target = self.clipped(), self.window.local_pane.current_path()
        if not clipped:
            self.window.say("The clipboard holds no files or grid items to paste")
            return False
        if not writable_dir(target):
            self.window.say(f"Can't paste into {target}: it is read-only")
            return False
        if clipped.grid_items:
            items = clipped.grid_items
            if clipped.cut:
                return self._moved(self.moves.move_grid_items_to_local(items, target))
            if self.window._foreign(items):
                return False
            options = self._ask(items, target, target)
            return options is not None and self._copy_grid(items, target, options)
        paths = clipped.local_paths
        if clipped.cut:
            return self._moved(self.moves.move_local_paths(paths, target))
        real_target = os.path.realpath(target)
        if all(os.path.realpath(os.path.dirname(p.rstrip("/"))) == real_target for p in paths):
            self.window.say("Those items are already in this folder")
            return False
        options = self._ask_local(paths, target, target)
        if options is None:
            return False
        return self.window.start_copy(paths, target, self.window._names(paths) + f" to {target}", options) is not None

    def _copy_grid(self, items: list[DraggedGridItem], target: str, options: CopyOptions) -> bool:
        named = [i for i in items if "/" in i.source]
        if len(named) < len(items):  # files opened by their caps: each is asked a name
            return self.window.copy_grid_items(items, target) is not None
        description = (
            self.window._names([i.name for i in items])
            + " to "
            + (target if os.path.isabs(target) else "the grid folder")
        )
        return self.window.start_copy([i.source for i in items], target, description, options) is not None

    def _ask(self, items: list[DraggedGridItem], target: str, where: str) -> CopyOptions | None:
        existing = [i.name for i in items if "/" in i.source and self.window.holds_name(target, i.name)]
        return ask_about_existing(self.window, existing, where, "copy")

    def _ask_local(self, paths: list[str], target: str, where: str) -> CopyOptions | None:
        names = [os.path.basename(p.rstrip("/")) for p in paths]
        return ask_about_existing(self.window, [n for n in names if self.window.holds_name(target, n)], where, "copy")

    def _already_in(self, items: list[DraggedGridItem], target: str) -> bool:
        if all(folder_argument(grid_place(i.source)[0]).rstrip("/") == target.rstrip("/") for i in items):
            self.window.say("Those items are already in this folder")
            return True
        return False

    def _moved(self, job: object) -> bool:
        if job is None:
            return False
        self._cut_pasted()
        return True

    def _cut_pasted(self) -> None:
        """A cut is pasted once: what was cut has gone (or is going) to its new place."""
        if self.clipped().cut:
            self.clipboard.clear()
