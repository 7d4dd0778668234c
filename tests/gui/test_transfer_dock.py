"""The Transfers dock on the real grid: each copy is a row with its state, and its Cancel
stops a running copy, leaving no partial file and no half-linked folder."""

from __future__ import annotations

import os

import pytest
from PySide6.QtGui import QAction

from tahoegui.jobs.copy_job import CopyJob, JobState
from tests.gui.helpers import (
    grid_index,
    hold_transfers,
    local_index,
    read_local_tree,
    select,
    wait_for_copy,
)

pytestmark = pytest.mark.grid

MiB = 1 << 20
STATUS = 1  # the dock's Status column


def cancel_copy_action(window) -> QAction:
    return next(a for a in window.transfer_dock.table.actions() if a.objectName() == "actionCancelCopy")


def running_with_small_files_done(qtbot, job: CopyJob, small_files: int) -> None:
    """Wait until the small files are done and the big one is moving (and held)."""
    qtbot.waitUntil(
        lambda: (
            job.last_event is not None
            and job.last_event.files_done == small_files
            and job.last_event.bytes_done > job.last_event.bytes_total - 8 * MiB
        ),
        timeout=60000,
    )


def cancel_from_the_dock(qtbot, window, job: CopyJob) -> None:
    dock = window.transfer_dock
    row = window.queue.jobs.index(job)
    assert dock.model.job_at(row) is job
    assert dock.model.index(row, STATUS).data() == "copying"
    dock.table.selectRow(row)
    cancel_copy_action(window).trigger()
    wait_for_copy(qtbot, window)  # a guard against hanging; a cancel that fails lets the copy finish
    assert job.state is JobState.CANCELLED, job.result
    assert dock.model.index(row, STATUS).data() == "cancelled"


def test_cancel_in_the_dock_stops_an_upload_and_links_nothing(
    qtbot, monkeypatch, window, local_root, client, fresh_dir
):
    hold_transfers(monkeypatch, until=lambda: any(j.cancel_token.cancelled for j in window.queue.jobs))
    album = local_root / "album"
    album.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (album / name).write_bytes(name.encode() * 100)
    (album / "big.bin").write_bytes(os.urandom(8 * MiB))
    select(window.local_view, [local_index(qtbot, window, album)])
    job = window.copy_selection_to_grid()
    assert job is not None
    running_with_small_files_done(qtbot, job, small_files=3)  # three files are on the grid, not linked

    cancel_from_the_dock(qtbot, window, job)

    assert client.list_dir(fresh_dir).children == {}  # no `album`, not even without big.bin


def test_cancel_in_the_dock_stops_a_download_and_leaves_no_partial_file(
    qtbot, monkeypatch, window, local_root, client, fresh_dir
):
    hold_transfers(monkeypatch, until=lambda: any(j.cancel_token.cancelled for j in window.queue.jobs))
    small = {"remote/a.txt": b"a" * 100, "remote/b.txt": b"b" * 100}
    for path, data in small.items():
        client.upload_to(fresh_dir, path, data)
    client.upload_to(fresh_dir, "remote/big.bin", os.urandom(8 * MiB))
    select(window.grid_view, [grid_index(qtbot, window, "remote")])
    job = window.copy_selection_to_local()
    assert job is not None
    running_with_small_files_done(qtbot, job, small_files=2)
    assert {p.name for p in (local_root / "remote").iterdir()} - {"a.txt", "b.txt"}  # big.bin's temporary file

    cancel_from_the_dock(qtbot, window, job)

    # the finished files are kept, whole; nothing of big.bin, not even its temporary file
    assert read_local_tree(local_root) == small
    assert sorted(p.name for p in (local_root / "remote").iterdir()) == ["a.txt", "b.txt"]
