"""What the user has selected in each pane, as the move, clipboard and cap actions need it.

Only rows on view count (in the folder shown, or in a folder expanded below it), read from
the selection's ranges as `file_actions` does, so checking a select-all of 10,000 rows on
every selection change costs next to nothing.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from tahoegui.models.grid_item import GridItem, RowKind
from tahoegui.models.local_model import LOCAL_NAME
from tahoegui.ui.file_actions import _visible_ranges
from tahoegui.ui.grid_pane import GridPane
from tahoegui.ui.local_pane import LocalPane


def writable_dir(path: str) -> bool:
    return os.path.isdir(path) and os.access(path, os.W_OK | os.X_OK)


@dataclass(frozen=True)
class GridFacts:
    """What enablement needs to know about the grid selection, from its ranges alone."""

    count: int  # rows selected (notes included)
    leavable: bool  # some are, and all are entries of writable folders (they can be cut or moved)
    copyable: bool  # some are entries, or files opened by their caps


def grid_facts(pane: GridPane) -> GridFacts:
    """Cheap whatever the selection's size: each range lies in one folder, so its folder
    answers for all its rows; only rows at the top (few) are looked at one by one."""
    model = pane.model
    count, leavable, copyable = 0, True, False
    for top, bottom, parent in _visible_ranges(pane.view):
        count += bottom - top + 1
        if parent.isValid():
            copyable = True
            leavable = leavable and model.item(parent).writable and model.client is not None
        else:
            leavable = False
            copyable = copyable or any(i.is_file_root for i in model.item(parent).children[top : bottom + 1])
    return GridFacts(count, leavable and count > 0, copyable)


def grid_rows(pane: GridPane) -> list[GridItem]:
    """Selected entries and roots (aliases, opened caps), each once; no notes."""
    model = pane.model
    items: list[GridItem] = []
    seen: set[int] = set()
    for top, bottom, parent in _visible_ranges(pane.view):
        for item in model.item(parent).children[top : bottom + 1]:
            if item.kind is not RowKind.NOTE and id(item) not in seen:
                seen.add(id(item))
                items.append(item)
    return items


def grid_entries(pane: GridPane) -> list[GridItem]:
    """Selected entries of folders (what can be moved, cut or unlinked)."""
    return [i for i in grid_rows(pane) if i.kind is RowKind.ENTRY]


def in_writable_folders(items: list[GridItem]) -> bool:
    """The items can leave their folders: there are some, and each folder is writable."""
    return bool(items) and all(i.parent is not None and i.parent.writable for i in items)


def local_facts(pane: LocalPane) -> tuple[int, bool]:
    """How many local rows are selected, and whether all their folders are writable."""
    ranges = _visible_ranges(pane.view)
    count = sum(bottom - top + 1 for top, bottom, _ in ranges)
    folders = {pane.model.filePath(parent) for _, _, parent in ranges}
    return count, count > 0 and all(writable_dir(f) for f in folders)


def local_paths(pane: LocalPane) -> list[str]:
    """The selected local paths, each once."""
    model = pane.model
    paths: dict[str, None] = {}
    for top, bottom, parent in _visible_ranges(pane.view):
        for row in range(top, bottom + 1):
            paths.setdefault(model.filePath(model.index(row, LOCAL_NAME, parent)), None)
    return list(paths)
