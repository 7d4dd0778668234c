"""Copies driven through the window on the real grid: drops, context-menu actions, F5, errors."""

from __future__ import annotations

import os
import threading

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tahoegui.copier.transfer import CountingReader
from tahoegui.grid.caps import diminish
from tahoegui.grid.redact import redact
from tahoegui.jobs.copy_job import JobState
from tahoegui.models.mime import GRID_ITEMS_MIME, local_paths_mime
from tahoegui.ui.progress_dialog import CopyProgressDialog
from tests.gui.helpers import (
    drop,
    grid_index,
    local_index,
    make_local_tree,
    make_node_dir,
    read_grid_tree,
    read_local_tree,
    select,
    strip_prefix,
    wait_for_copy,
)


def test_local_folder_dropped_on_grid_arrives_complete(qtbot, window, local_root, client, fresh_dir):
    expected = make_local_tree(local_root / "tree")
    index = local_index(qtbot, window, local_root / "tree")
    mime = window.local_pane.model.mimeData([index])

    drop(window.grid_view, mime)  # empty space: into the folder shown (the gui: alias)

    job = wait_for_copy(qtbot, window)
    assert job.state is JobState.DONE, job.result
    files, dirs = read_grid_tree(client, fresh_dir)
    assert strip_prefix(files, "tree") == expected
    assert {"tree/empty-dir", "tree/a/b/c"} <= dirs
    # The pane shows what arrived without the user pressing refresh.
    grid_index(qtbot, window, "tree")


def test_grid_folder_dropped_on_local_arrives_byte_for_byte(qtbot, window, local_root, client, fresh_dir):
    payload = {"remote/x.bin": os.urandom(300_000), "remote/sub/y.txt": b"why\n", "remote/sub/z": b""}
    for path, data in payload.items():
        client.upload_to(fresh_dir, path, data)
    index = grid_index(qtbot, window, "remote")
    mime = window.grid_pane.model.mimeData([index])
    assert mime.formats() == [GRID_ITEMS_MIME]  # never text/plain: the payload holds caps

    drop(window.local_view, mime)

    job = wait_for_copy(qtbot, window)
    assert job.state is JobState.DONE, job.result
    assert read_local_tree(local_root / "remote") == strip_prefix(payload, "remote")


def test_grid_folder_dropped_on_grid_folder_is_copied_into_it(qtbot, window, client, fresh_dir):
    client.upload_to(fresh_dir, "src/inner/file.txt", b"grid to grid\n")
    client.mkdir(fresh_dir, "dest")
    source = grid_index(qtbot, window, "src")
    dest = grid_index(qtbot, window, "dest")
    mime = window.grid_pane.model.mimeData([source])

    drop(window.grid_view, mime, on=dest)

    job = wait_for_copy(qtbot, window)
    assert job.state is JobState.DONE, job.result
    assert client.read_bytes(fresh_dir, "dest/src/inner/file.txt") == b"grid to grid\n"


def test_files_dragged_from_the_desktop_are_copied_to_the_grid(qtbot, window, tmp_path, client, fresh_dir):
    desktop = tmp_path / "desktop"
    desktop.mkdir()
    (desktop / "one.txt").write_bytes(b"1")
    (desktop / "two.txt").write_bytes(b"22")

    drop(window.grid_view, local_paths_mime([str(desktop / "one.txt"), str(desktop / "two.txt")]))

    wait_for_copy(qtbot, window)
    files, _ = read_grid_tree(client, fresh_dir)
    assert files == {"one.txt": b"1", "two.txt": b"22"}


def test_copy_to_grid_then_copy_to_local_actions(qtbot, window, local_root, client, fresh_dir):
    (local_root / "note.txt").write_bytes(b"round trip\n")
    (local_root / "back").mkdir()
    index = local_index(qtbot, window, local_root / "note.txt")
    select(window.local_view, [index])
    copy_to_grid = next(a for a in window.local_view.actions() if a.objectName() == "actionCopyToGrid")

    copy_to_grid.trigger()

    wait_for_copy(qtbot, window, count=1)
    assert client.read_bytes(fresh_dir, "note.txt") == b"round trip\n"

    window.local_pane.navigate(str(local_root / "back"))
    select(window.grid_view, [grid_index(qtbot, window, "note.txt")])
    copy_to_local = next(a for a in window.grid_view.actions() if a.objectName() == "actionCopyToLocal")

    copy_to_local.trigger()

    wait_for_copy(qtbot, window, count=2)
    assert (local_root / "back" / "note.txt").read_bytes() == b"round trip\n"


def test_cancelling_a_copy_stops_it_and_leaves_no_partial_file(
    qtbot, monkeypatch, window, local_root, client, fresh_dir
):
    # On a local grid 96 MiB can be uploaded and linked before a click lands. Hold the body
    # after its first MiBs until the user has clicked, as a slow network would; the real
    # copier, job and grid do the rest.
    clicked = threading.Event()
    real_read = CountingReader.read
    sent = [0]

    def read_like_a_slow_network(reader: CountingReader, size: int = -1) -> bytes:
        data = real_read(reader, size)
        sent[0] += len(data)
        if sent[0] >= 4 << 20:
            clicked.wait(timeout=30)
        return data

    monkeypatch.setattr(CountingReader, "read", read_like_a_slow_network)
    big = local_root / "big.bin"
    with open(big, "wb") as f:
        for _ in range(96):
            f.write(os.urandom(1 << 20))
    select(window.local_view, [local_index(qtbot, window, big)])
    job = window.copy_selection_to_grid()
    assert job is not None
    dialogs = [d for d in window.findChildren(CopyProgressDialog, "copyProgressDialog") if d.job is job]
    assert len(dialogs) == 1
    dialog = dialogs[0]
    assert dialog.isVisible()
    # the byte bar moves (the dialog is updated through the ~10/s throttle, so wait for it)
    qtbot.waitUntil(lambda: dialog.bar.maximum() > 0 and dialog.bar.value() > 0, timeout=30000)
    assert job.is_active

    dialog.cancel_button.click()
    clicked.set()

    wait_for_copy(qtbot, window)  # how soon it stops is measured by benchmarks/cancel_latency.py
    assert job.state is JobState.CANCELLED
    assert dialog.phase_label.text() == "Cancelled"
    assert "big.bin" not in client.list_dir(fresh_dir).children


def test_copy_into_a_read_only_folder_shows_a_clear_error(qtbot, tmp_path, grid, client, fresh_dir, local_root):
    from tahoegui.app import build_main_window

    nd = make_node_dir(tmp_path / "ro-node", grid, {"readonly": diminish(fresh_dir)})
    win = build_main_window(["-d", str(nd), "--local-root", str(local_root)])
    qtbot.addWidget(win)
    win.show()
    (local_root / "f.txt").write_bytes(b"nope")
    qtbot.waitUntil(lambda: win.grid_view.rootIndex().isValid(), timeout=10000)

    drop(win.grid_view, local_paths_mime([str(local_root / "f.txt")]))

    job = wait_for_copy(qtbot, win)
    assert job.state is JobState.FAILED
    box = win.findChild(QMessageBox, "copyErrorMessage")
    assert box is not None and box.isVisible()
    text = box.text()
    assert text == f"cannot write into '{redact(diminish(fresh_dir))}': the target directory is read-only"
    assert "URI:" not in text
    assert client.list_dir(fresh_dir).children == {}


def test_a_closed_progress_dialog_comes_back_from_the_transfer_queue(qtbot, window, local_root, fresh_dir):
    (local_root / "small.txt").write_bytes(b"hello")
    select(window.local_view, [local_index(qtbot, window, local_root / "small.txt")])
    job = window.copy_selection_to_grid()
    wait_for_copy(qtbot, window)
    dialog = next(d for d in window.findChildren(CopyProgressDialog, "copyProgressDialog") if d.job is job)
    dialog.close_button.click()
    assert not dialog.isVisible()

    table = window.transfer_dock.table
    row = window.transfer_dock.model.index(len(window.queue.jobs) - 1, 1)
    table.doubleClicked.emit(row)  # a double-click on any cell of the row
    assert dialog.isVisible() and dialog.phase_label.text() == "Done"

    dialog.close_button.click()
    table.selectRow(row.row())
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Return)  # or Enter on the selected row
    assert dialog.isVisible()


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


def test_dropping_a_grid_folder_onto_itself_starts_no_copy(qtbot, window, client, fresh_dir):
    client.mkdir(fresh_dir, "sub")
    sub = grid_index(qtbot, window, "sub")
    mime = window.grid_pane.model.mimeData([sub])

    drop(window.grid_view, mime, on=sub)
    drop(window.grid_view, mime)  # onto the folder it is already in

    assert window.queue.jobs == []  # a drop queues its copy at once, or never
    assert set(client.list_dir(fresh_dir, "sub").children) == set()
