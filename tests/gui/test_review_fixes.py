"""Regression tests for problems a review of the window found (each failed before its fix)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tahoegui.jobs.copy_job import JobState
from tests.gui.helpers import drop, grid_index, local_index, select, wait_for_copy


def test_f5_key_copies_the_local_selection_and_the_empty_grid_folder_shows_it(qtbot, window, local_root):
    (local_root / "a.txt").write_bytes(b"f5")
    select(window.local_view, [local_index(qtbot, window, local_root / "a.txt")])
    window.local_view.setFocus()
    qtbot.keyClick(window.local_view, Qt.Key.Key_F5)

    job = wait_for_copy(qtbot, window)
    assert job.state is JobState.DONE, job.result
    # the gui: folder was empty (loaded with no rows): it must refresh by itself
    model, shown = window.grid_pane.model, window.grid_view.rootIndex()
    qtbot.waitUntil(lambda: model.child_index(shown, "a.txt").isValid(), timeout=10000)


def test_alias_rows_cannot_be_dragged_or_copied(qtbot, window):
    model = window.grid_pane.model
    alias_row = window.grid_view.rootIndex()
    assert alias_row.parent().isValid() is False  # it is a root
    assert not model.flags(alias_row) & Qt.ItemFlag.ItemIsDragEnabled
    assert model.dragged_items([alias_row]) == []


def test_dropping_a_grid_folder_onto_itself_starts_no_copy(qtbot, window, client, fresh_dir):
    client.mkdir(fresh_dir, "sub")
    sub = grid_index(qtbot, window, "sub")
    mime = window.grid_pane.model.mimeData([sub])

    drop(window.grid_view, mime, on=sub)
    drop(window.grid_view, mime)  # onto the folder it is already in

    assert window.queue.jobs == []  # a drop queues its copy at once, or never
    assert set(client.list_dir(fresh_dir, "sub").children) == set()
