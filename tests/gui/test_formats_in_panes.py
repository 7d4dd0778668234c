"""Both panes speak the same units: a local file and a grid file of the same size and time
read alike, folders show no size, and the local pane still sorts by the real size and time."""

from __future__ import annotations

import os
import time

import pytest
from PySide6.QtCore import Qt

from tahoegui.models.grid_item import MODIFIED, NAME, SIZE
from tahoegui.models.local_model import LOCAL_MODIFIED, LOCAL_NAME, LOCAL_SIZE
from tests.gui.helpers import grid_index, local_index

pytestmark = pytest.mark.grid

MTIME = time.mktime((2024, 6, 1, 12, 34, 56, 0, 0, -1))


def cell(index, column):
    return index.siblingAtColumn(column).data(Qt.ItemDataRole.DisplayRole)


def test_a_file_reads_alike_in_both_panes(qtbot, window, client, fresh_dir, local_root):
    data = os.urandom(46_880)  # Qt's own words for it would be "45.78 KiB"
    local_file = local_root / "same.bin"
    local_file.write_bytes(data)
    os.utime(local_file, (MTIME, MTIME))
    client.set_children(fresh_dir, {"same.bin": (client.upload(data), {"mtime": MTIME})})

    local = local_index(qtbot, window, local_file)
    grid = grid_index(qtbot, window, "same.bin")
    assert cell(local, LOCAL_SIZE) == cell(grid, SIZE) == "46.9 kB"
    assert cell(local, LOCAL_MODIFIED) == cell(grid, MODIFIED) == "2024-06-01 12:34"
    local_header = window.local_pane.model.headerData(LOCAL_MODIFIED, Qt.Orientation.Horizontal)
    grid_header = window.grid_pane.model.headerData(MODIFIED, Qt.Orientation.Horizontal)
    assert local_header == grid_header == "Modified"


def test_a_folder_shows_no_size_in_either_pane(qtbot, window, client, fresh_dir, local_root):
    (local_root / "folder").mkdir()
    client.mkdir(fresh_dir, "folder")
    local = local_index(qtbot, window, local_root / "folder")
    grid = grid_index(qtbot, window, "folder")
    assert cell(local, LOCAL_SIZE) == cell(grid, SIZE) == ""
    assert cell(local, LOCAL_MODIFIED) and cell(grid, MODIFIED)  # a folder still has a date


def test_the_local_pane_sorts_by_real_size_and_time_not_by_their_text(qtbot, window, local_root):
    # as text, "10.0 kB" < "2.0 kB" < "900 B"; and the newest file has the smallest name
    files = {"a-big": (10_000, MTIME + 3 * 86400), "b-small": (900, MTIME), "c-middle": (2_000, MTIME + 86400)}
    for name, (size, mtime) in files.items():
        (local_root / name).write_bytes(b"x" * size)
        os.utime(local_root / name, (mtime, mtime))
    for name in files:
        local_index(qtbot, window, local_root / name)
    view, model = window.local_view, window.local_pane.model
    root = view.rootIndex()

    def names_in_order() -> list[str]:
        return [model.index(r, LOCAL_NAME, root).data() for r in range(model.rowCount(root))]

    view.sortByColumn(LOCAL_SIZE, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: names_in_order() == ["b-small", "c-middle", "a-big"], timeout=5000)
    view.sortByColumn(LOCAL_MODIFIED, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: names_in_order() == ["a-big", "c-middle", "b-small"], timeout=5000)


def test_the_grid_pane_sorts_by_real_size_too(qtbot, window, client, fresh_dir):
    for name, size in (("a-big", 10_000), ("b-small", 900), ("c-middle", 2_000)):
        client.upload_to(fresh_dir, name, os.urandom(size))
    grid_index(qtbot, window, "c-middle")
    view, model = window.grid_view, window.grid_pane.model
    root = view.rootIndex()
    view.sortByColumn(SIZE, Qt.SortOrder.AscendingOrder)
    names = [model.index(r, NAME, root).data() for r in range(model.rowCount(root))]
    assert names == ["b-small", "c-middle", "a-big"]
