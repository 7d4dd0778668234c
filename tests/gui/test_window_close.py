"""Closing the window while a copy runs on the real grid: the copy stops, leaves no partial
local file and no half-linked grid folder, and nothing is left running that would keep
the process from exiting."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from tahoegui.app import build_main_window
from tahoegui.jobs.copy_job import CopyJob, JobState
from tahoegui.ui.main_window import MainWindow
from tests.gui.helpers import grid_index, hold_transfers, local_index, read_local_tree, select

pytestmark = pytest.mark.grid

MiB = 1 << 20


def open_window(qtbot, node_dir: Path, local_root: Path) -> MainWindow:
    win = build_main_window(["-d", str(node_dir), "--local-root", str(local_root)])
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(
        lambda: win.grid_view.rootIndex().isValid() and not win.grid_pane.model.is_loading(win.grid_view.rootIndex()),
        timeout=10000,
    )
    return win


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


def tahoegui_threads() -> set[threading.Thread]:
    """The threads the window and its copies run (the copier's, the key maker's, the
    background runner's): Python waits for each of them before the process can exit."""
    return {t for t in threading.enumerate() if t.name.startswith("tahoegui-") and t.is_alive()}


def close_during_the_copy(qtbot, win: MainWindow, job: CopyJob, threads_before: set[threading.Thread]) -> None:
    win.close()  # cancels the copy and waits (at most 30 s) for it to wind down

    assert not win.isVisible()
    assert win.queue.pool.activeThreadCount() == 0, "close returned while the copy still ran"
    qtbot.waitUntil(lambda: job.state is not JobState.RUNNING, timeout=5000)  # its end comes as a queued signal
    assert job.state is JobState.CANCELLED, job.result
    # A guard against hanging: every thread started for the window and its copy ends.
    qtbot.waitUntil(lambda: not tahoegui_threads() - threads_before, timeout=30000)


def test_closing_the_window_during_an_upload_stops_it_and_links_nothing(
    qtbot, monkeypatch, node_dir, local_root, client, fresh_dir
):
    threads_before = tahoegui_threads()
    win = open_window(qtbot, node_dir, local_root)
    hold_transfers(monkeypatch, until=lambda: any(j.cancel_token.cancelled for j in win.queue.jobs))
    album = local_root / "album"
    album.mkdir()
    for name in ("a.txt", "b.txt", "c.txt"):
        (album / name).write_bytes(name.encode() * 100)
    (album / "big.bin").write_bytes(os.urandom(8 * MiB))
    select(win.local_view, [local_index(qtbot, win, album)])
    job = win.copy_selection_to_grid()
    assert job is not None
    running_with_small_files_done(qtbot, job, small_files=3)  # three files are on the grid, not linked

    close_during_the_copy(qtbot, win, job, threads_before)

    assert client.list_dir(fresh_dir).children == {}  # no `album`, not even without big.bin


def test_closing_the_window_during_a_download_leaves_no_partial_file(
    qtbot, monkeypatch, node_dir, local_root, client, fresh_dir
):
    small = {"remote/a.txt": b"a" * 100, "remote/b.txt": b"b" * 100}
    for path, data in small.items():
        client.upload_to(fresh_dir, path, data)
    client.upload_to(fresh_dir, "remote/big.bin", os.urandom(8 * MiB))
    threads_before = tahoegui_threads()
    win = open_window(qtbot, node_dir, local_root)
    hold_transfers(monkeypatch, until=lambda: any(j.cancel_token.cancelled for j in win.queue.jobs))
    select(win.grid_view, [grid_index(qtbot, win, "remote")])
    job = win.copy_selection_to_local()
    assert job is not None
    running_with_small_files_done(qtbot, job, small_files=2)
    assert len(list((local_root / "remote").iterdir())) == 3  # with big.bin's temporary file

    close_during_the_copy(qtbot, win, job, threads_before)

    # the finished files are kept, whole; nothing of big.bin, not even its temporary file
    assert read_local_tree(local_root) == small
    assert sorted(p.name for p in (local_root / "remote").iterdir()) == ["a.txt", "b.txt"]


# The window as its own program: closed mid-copy, the process must end by itself.
PROGRAM = textwrap.dedent(
    """
    import sys, time
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from tahoegui.app import build_main_window
    from tahoegui.copier.transfer import CountingReader

    node_dir, source = sys.argv[1:3]
    app = QApplication(sys.argv[:1])
    win = build_main_window(["-d", node_dir, "--local-root", source])
    win.show()
    real_read = CountingReader.read

    def slow_network(reader, size=-1):  # after the first MiB, wait until the copy is cancelled
        data = real_read(reader, size)
        while reader._sent >= 1 << 20 and not win.queue.jobs[0].cancel_token.cancelled:
            time.sleep(0.01)
        return data

    CountingReader.read = slow_network

    def start():
        if win.connection is None:
            QTimer.singleShot(50, start)
            return
        job = win.start_copy([source], win.connection.aliases["gui"], "the test's copy")
        def close_once_bytes_flow(event):
            if event.bytes_done > 0 and win.isVisible():
                win.close()

        job.progressed.connect(close_once_bytes_flow)
        job.finished.connect(lambda result: print("finished: cancelled" if result.cancelled else "finished", flush=True))

    start()
    app.setQuitOnLastWindowClosed(True)
    app.exec()
    app.processEvents()
    print("the event loop ended", flush=True)
    """
)


def test_the_program_ends_by_itself_when_its_window_is_closed_during_a_copy(node_dir, tmp_path, client, fresh_dir):
    source = tmp_path / "outbox"
    source.mkdir()
    (source / "big.bin").write_bytes(os.urandom(8 * MiB))

    program = subprocess.run(
        [sys.executable, "-c", PROGRAM, str(node_dir), str(source)],
        capture_output=True,
        text=True,
        timeout=120,  # a guard against hanging: a thread left waiting would keep it alive
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )

    assert program.returncode == 0, program.stderr
    assert program.stdout.splitlines() == ["finished: cancelled", "the event loop ended"], program
    assert client.list_dir(fresh_dir).children == {}
