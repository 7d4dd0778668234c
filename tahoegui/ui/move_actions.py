"""Move (F6) on both panes, drops with Shift held, and the moves a paste of cut items makes.

Between the panes (and between local folders) a move is a `MoveJob`: the copier copies,
then each source whose copy fully succeeded is removed (jobs/move_job.py). Within the
grid a move relinks (`t=relink`): no bytes move, the entry keeps its cap and metadata,
and nothing is ever linked over an existing name. A name that exists in the target folder
is never replaced without asking: the user chooses Replace or Skip first.
"""

from __future__ import annotations

import os
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QModelIndex, QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget

from tahoegui.copier import CopyOptions
from tahoegui.grid.caps import CapError, diminish
from tahoegui.jobs import grid_operations
from tahoegui.jobs.copy_job import CopyJob
from tahoegui.jobs.grid_operations import GridFolder, RelinkResult
from tahoegui.jobs.move_job import MoveJob, MoveResult, MoveSource
from tahoegui.models.grid_item import GridItem
from tahoegui.models.mime import DraggedGridItem, grid_items_from, local_paths_from
from tahoegui.names import same_name
from tahoegui.ui import prompts
from tahoegui.ui.file_actions import _action, counted, listed
from tahoegui.ui.pane_changes import on_grid_pane_change, on_local_pane_change
from tahoegui.ui.selection import grid_entries, grid_facts, in_writable_folders, local_facts, local_paths, writable_dir

if TYPE_CHECKING:
    from tahoegui.ui.main_window import MainWindow

REPLACE, SKIP = "Replace", "Skip"


def grid_place(source: str) -> tuple[GridFolder, str]:
    """A grid item's `tahoe cp` argument (`ROOTCAP/path/name`) as its folder and name."""
    root, _, path = source.partition("/")
    parent, _, name = path.strip("/").rpartition("/")
    return GridFolder(root, parent), name


def folder_argument(folder: GridFolder) -> str:
    return f"{folder.root_cap}/{folder.path}" if folder.path else folder.root_cap


def ask_about_existing(parent: QWidget | None, names: list[str], where: str, verb: str) -> CopyOptions | None:
    """Copy options for a copy or move into a folder where `names` exist already: the
    user chooses to replace them or to skip them; None is Cancel."""
    options = CopyOptions(recursive=True)
    if not names:
        return options
    what = f"'{names[0]}' already exists" if len(names) == 1 else f"These {len(names)} names already exist"
    kept = ", and what is to be moved under that name stays where it is" if verb == "move" else ""
    text = (
        f"{what} in {where}:\n\n{listed(names)}\n\n"
        "Replace: files of the same name are overwritten (folders are merged).\n"
        f"Skip: what is there stays as it is{kept}."
    )
    answer = prompts.choose(parent, verb.capitalize(), text, [REPLACE, SKIP])
    if answer is None:
        return None
    return CopyOptions(recursive=True, conflict="overwrite" if answer == REPLACE else "skip")


class MoveActions(QObject):
    """`actionMove` (F6) on both views, Shift-drops, and moves for the clipboard's pastes."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        local, grid = window.local_pane, window.grid_pane
        f6 = [QKeySequence(Qt.Key.Key_F6)]
        self.local_move = _action(window.local_view, "actionMove", "Move to Grid", f6, self.move_local_selection)
        self.local_move.setToolTip("Move the selection into the grid folder shown on the right")
        self.grid_move = _action(window.grid_view, "actionMove", "Move to Local", f6, self.move_grid_selection)
        self.grid_move.setToolTip("Move the selection into the local folder shown on the left")
        local.moveRequested.connect(self.dropped_on_local)
        grid.moveRequested.connect(self.dropped_on_grid)
        window.queue.jobFinished.connect(self._job_finished)

        on_local_pane_change(local, self.update)
        on_grid_pane_change(grid, self.update)
        self.update()

    # ---- enablement ----------------------------------------------------------------

    def shown_grid_folder(self) -> GridItem | None:
        pane = self.window.grid_pane
        index = pane.current_index()
        if not index.isValid() or pane.model.client is None:
            return None
        folder = pane.model.item(index)
        return folder if folder.is_folder else None

    def update(self) -> None:
        folder = self.shown_grid_folder()
        _count, local_writable = local_facts(self.window.local_pane)
        self.local_move.setEnabled(local_writable and folder is not None and folder.writable)
        into_local = writable_dir(self.window.local_pane.current_path())
        self.grid_move.setEnabled(into_local and grid_facts(self.window.grid_pane).leavable)

    # ---- F6 ------------------------------------------------------------------------

    def move_local_selection(self) -> MoveJob | None:
        """The local selection into the grid folder shown on the right."""
        paths = local_paths(self.window.local_pane)
        folder = self.shown_grid_folder()
        if not paths:
            self.window.say("Select local files or folders to move first")
            return None
        if folder is None or not folder.writable:
            self.window.say("Open a writable grid folder to move into first")
            return None
        return self.move_local_paths(paths, folder.cp_argument)

    def move_grid_selection(self) -> MoveJob | None:
        """The grid selection into the local folder shown on the left."""
        items = grid_entries(self.window.grid_pane)
        if not items:
            self.window.say("Select grid files or folders to move first")
            return None
        if not in_writable_folders(items):
            self.window.say("Those items are in a read-only folder: they can be copied, not moved")
            return None
        dragged = self.window.grid_pane.model.dragged_items([self.window.grid_pane.model.index_of(i) for i in items])
        return self.move_grid_items_to_local(dragged, self.window.local_pane.current_path())

    # ---- the moves -----------------------------------------------------------------

    def move_local_paths(self, paths: list[str], target: str) -> MoveJob | None:
        """Local files and folders into a folder: a grid folder (`tahoe cp` target) or a local one."""
        if os.path.isabs(target):
            problem = self._local_onto_itself(paths, target) or self._read_only(target)
            if problem:
                self.window.say(problem)
                return None
        sources = [MoveSource(p, os.path.basename(p.rstrip("/")) or p) for p in paths]
        return self.start_move(sources, target)

    def move_grid_items_to_local(self, items: list[DraggedGridItem], target: str) -> MoveJob | None:
        if any("/" not in i.source for i in items):
            self.window.say("A file opened by its cap is in no folder: it can be copied, not moved")
            return None
        if self.window._foreign(items):
            return None
        problem = self._read_only(target)
        if problem:
            self.window.say(problem)
            return None
        for item in items:
            folder = self.window.grid_pane.model.folder_item(folder_argument(grid_place(item.source)[0]))
            if folder is not None and not folder.writable:
                self.window.say(f"'{item.name}' is in a read-only folder: it can be copied, not moved")
                return None
        return self.start_move([MoveSource(i.source, i.name) for i in items], target)

    def start_move(self, sources: list[MoveSource], target: str) -> MoveJob | None:
        """Queue a move job into the folder `target`, after asking about names it holds."""
        conn = self.window.connection
        if conn is None:
            self.window.say("Not connected to a grid yet")
            return None
        local = os.path.isabs(target)
        where = target if local else f"'{self._grid_location(target)}'"
        existing = [s.name for s in sources if self.window.holds_name(target, s.name)]
        options = ask_about_existing(self.window, existing, where, "move")
        if options is None:
            return None
        names = self.window._names([s.name for s in sources])
        job = MoveJob(
            sources,
            target,
            f"Move {names} to {where}",
            client_factory=conn.new_client,
            aliases=conn.aliases,
            copy_fn=self.window.copy_fn,
            options=options,
        )
        self.window.run_job(job)
        return job

    def _grid_location(self, target: str) -> str:
        folder = self.window.grid_pane.model.folder_item(target)
        return folder.location() if folder is not None else "the grid folder"

    @staticmethod
    def _read_only(folder: str) -> str | None:
        return None if writable_dir(folder) else f"Can't move into {folder}: it is read-only"

    @staticmethod
    def _local_onto_itself(paths: list[str], target: str) -> str | None:
        real_target = os.path.realpath(target)
        for path in paths:
            real = os.path.realpath(path)
            if real_target == real or real_target.startswith(real.rstrip("/") + "/"):
                return "A folder can't be moved into itself"
        if all(os.path.realpath(os.path.dirname(p.rstrip("/"))) == real_target for p in paths):
            return "Those items are already in this folder"
        return None

    def _job_finished(self, job: CopyJob) -> None:
        if not isinstance(job, MoveJob):
            return
        model = self.window.grid_pane.model
        for parent in {m.grid_parent for m in job.moves if not m.is_local}:
            model.folder_changed(parent)
        result = job.result
        if not isinstance(result, MoveResult) or result.cancelled or result.error:
            return
        moved = f"Moved {counted(len(result.removed))}"
        if result.kept:
            name, reason = result.kept[0]
            more = f" (and {len(result.kept) - 1} more)" if len(result.kept) > 1 else ""
            self.window.say(f"{moved}; '{name}'{more} stayed where it was: {reason}")
        else:
            self.window.say(moved)

    # ---- within the grid: relink ---------------------------------------------------

    def move_within_grid(self, items: list[DraggedGridItem], folder: GridItem) -> bool:
        """Relink grid items into `folder`: same caps, same metadata, no bytes moved, and
        no entry left under the old name. Refuses what can't work before asking the grid."""
        model, say = self.window.grid_pane.model, self.window.say
        client = model.client
        if client is None or self.window._foreign(items):
            return False
        if not folder.writable:
            say("This folder is read-only: nothing can be moved into it")
            return False
        if any("/" not in i.source for i in items):
            say("A file opened by its cap is in no folder: it can be copied, not moved")
            return False
        target = GridFolder(folder.root_cap, folder.path)
        moves: list[tuple[GridFolder, str]] = []
        for item in items:
            source_folder, name = grid_place(item.source)
            if self._contains(item, folder):
                say("A folder can't be moved into itself")
                return False
            if folder_argument(source_folder).rstrip("/") == folder.cp_argument.rstrip("/"):
                continue  # already here
            known = model.folder_item(folder_argument(source_folder))
            if known is not None and not known.writable:
                say(f"'{name}' is in a read-only folder: it can be copied, not moved")
                return False
            moves.append((source_folder, name))
        if not moves:
            say("Those items are already in this folder")
            return False
        taken = [n for _, n in moves if any(not c.is_note and same_name(c.name, n) for c in folder.children)]
        if taken:
            say(f"Nothing moved: there is already something named '{taken[0]}' in {folder.location()}")
            return False
        say(f"Moving {counted(len(moves))}…")
        grid_operations.relink(self.window.runner, client, moves, target, partial(self._relinked, moves), say)
        return True

    def _contains(self, item: DraggedGridItem, folder: GridItem) -> bool:
        """Would `folder` be `item` or lie inside it? By path, and by cap up the tree (the
        same folder may be reached from two roots)."""
        target = folder.cp_argument.rstrip("/")
        source = item.source.rstrip("/")
        if target == source or target.startswith(source + "/"):
            return True
        moved = self.window.grid_pane.model.folder_item(source)
        moved_cap = moved.entry.ro_uri if moved is not None and moved.entry is not None else None
        if not item.is_dir or moved_cap is None:
            return False
        above: GridItem | None = folder
        while above is not None and above.parent is not None:
            cap = above.entry.ro_uri if above.entry is not None else _read_cap(above.root_cap)
            if cap == moved_cap:
                return True
            above = above.parent
        return False

    def _relinked(self, moves: list[tuple[GridFolder, str]], result: RelinkResult) -> None:
        model = self.window.grid_pane.model
        model.folder_changed(folder_argument(result.target))
        for source_folder in {folder_argument(f) for f, _ in moves}:
            model.folder_changed(source_folder)
        if result.failed:
            name, reason = result.failed[0]
            more = f" (and {len(result.failed) - 1} more)" if len(result.failed) > 1 else ""
            self.window.say(f"Could not move '{name}'{more}: {reason}")
        else:
            self.window.say(f"Moved {counted(len(result.moved))}")

    # ---- drops with Shift held -----------------------------------------------------

    def dropped_on_grid(self, mime: QMimeData, folder_index: QModelIndex) -> None:
        folder = self.window.grid_pane.model.item(folder_index)
        items = grid_items_from(mime)
        if items:
            self.move_within_grid(items, folder)
            return
        paths = local_paths_from(mime)
        if paths:
            if not folder.writable:
                self.window.say("This folder is read-only: nothing can be moved into it")
                return
            self.move_local_paths(paths, folder.cp_argument)

    def dropped_on_local(self, mime: QMimeData, target: str) -> None:
        items = grid_items_from(mime)
        if items:
            self.move_grid_items_to_local(items, target)


def _read_cap(cap: str) -> str | None:
    try:
        return diminish(cap)
    except CapError:
        return None
