"""Opening files: Enter or a double-click on a grid file downloads its exact bytes to a private
temporary folder and hands that copy to the desktop; the copies go when the program ends."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from tahoegui.jobs.copy_job import JobState
from tahoegui.jobs.open_file import OpenedFiles, opened_files_base
from tahoegui.ui import open_files
from tahoegui.ui.main_window import MainWindow
from tahoegui.ui.progress_dialog import CopyProgressDialog
from tests.gui.helpers import grid_index, local_index, select
from tests.stalled_storage import StorageFreezer

pytestmark = pytest.mark.grid


@pytest.fixture
def opened(monkeypatch) -> list[Path]:
    """The desktop's handler, replaced: records what it was asked to open."""
    calls: list[Path] = []

    def fake_open(path: Path) -> bool:
        calls.append(Path(path))
        return True

    monkeypatch.setattr(open_files, "open_with_desktop", fake_open)
    return calls


def view_action(view, name: str) -> QAction:
    found = [a for a in view.actions() if a.objectName() == name]
    assert len(found) == 1, name
    return found[0]


def press_enter_on(qtbot, view, index) -> None:
    view.setFocus()
    view.setCurrentIndex(index)
    qtbot.keyClick(view, Qt.Key.Key_Return)


def assert_private_copy(path: Path, data: bytes) -> None:
    assert path.read_bytes() == data
    base = opened_files_base()
    assert base in path.parents  # under the user's cache directory (the tests' own XDG_CACHE_HOME)
    run_folder = path.parents[1]
    assert run_folder.parent == base and run_folder.name.startswith(f"{os.getpid()}-")
    for folder in (base, run_folder, path.parent):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    assert stat.S_IMODE(path.stat().st_mode) == 0o400  # edits would not reach the grid


def test_enter_on_a_grid_file_downloads_it_and_opens_the_copy(qtbot, window, client, fresh_dir, opened):
    data = os.urandom(70_000)
    client.upload_to(fresh_dir, "photo.jpg", data)
    press_enter_on(qtbot, window.grid_view, grid_index(qtbot, window, "photo.jpg"))
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=30000)
    assert opened[0].name == "photo.jpg"
    assert_private_copy(opened[0], data)
    assert window.grid_view.rootIndex() == window.grid_pane.model.alias_index("gui")  # still here


def test_a_double_click_opens_a_mutable_file_and_the_same_name_twice_gets_two_copies(
    qtbot, window, client, fresh_dir, opened
):
    client.upload_to(fresh_dir, "todo.txt", b"first version\n", fmt="MDMF")
    view = window.grid_view
    index = grid_index(qtbot, window, "todo.txt")
    where = view.visualRect(index).center()
    # a real double-click is a press and release, then the double-click (QTest sends only that)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=30000)
    assert_private_copy(opened[0], b"first version\n")

    client.upload_to(fresh_dir, "todo.txt", b"second version\n", fmt="MDMF")  # changed in place
    select(view, [index])
    view_action(view, "actionOpen").trigger()
    qtbot.waitUntil(lambda: len(opened) == 2, timeout=30000)
    assert opened[1] != opened[0] and opened[1].name == "todo.txt"
    assert opened[1].read_bytes() == b"second version\n"
    assert opened[0].read_bytes() == b"first version\n"


def test_enter_and_open_on_a_folder_still_open_the_folder(qtbot, window, client, fresh_dir, opened):
    client.mkdir(fresh_dir, "Albums")
    model = window.grid_pane.model
    albums = grid_index(qtbot, window, "Albums")
    press_enter_on(qtbot, window.grid_view, albums)
    qtbot.waitUntil(lambda: model.item(window.grid_view.rootIndex()).name == "Albums", timeout=10000)
    window.grid_pane.go_up()
    select(window.grid_view, [grid_index(qtbot, window, "Albums")])
    view_action(window.grid_view, "actionOpen").trigger()
    assert model.item(window.grid_view.rootIndex()).name == "Albums"
    assert opened == []


def test_a_large_file_shows_its_progress_and_then_opens(qtbot, window, client, fresh_dir, opened):
    data = os.urandom(open_files.LARGE_FILE + 500_000)
    client.upload_to(fresh_dir, "video.mp4", data)
    item = window.grid_pane.model.item(grid_index(qtbot, window, "video.mp4"))
    job = window.open_actions.open_grid_file(item)
    dialogs = [d for d in window.findChildren(CopyProgressDialog, "copyProgressDialog") if d.job is job]
    assert len(dialogs) == 1 and dialogs[0].isVisible()  # at once, for a large file
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=60000)
    assert_private_copy(opened[0], data)
    # done: the dialog goes, the file opens
    assert not [
        d for d in window.findChildren(CopyProgressDialog, "copyProgressDialog") if d.job is job and d.isVisible()
    ]


def test_cancelling_a_download_opens_nothing_and_leaves_nothing(qtbot, window, grid, client, fresh_dir, opened):
    client.upload_to(fresh_dir, "stuck.bin", os.urandom(200_000))
    item = window.grid_pane.model.item(grid_index(qtbot, window, "stuck.bin"))
    with StorageFreezer(grid):  # the node can't read the folder or the file: the download waits
        job = window.open_actions.open_grid_file(item)
        place = Path(job.target)
        # a small file shows its progress once it has taken longer than a moment
        qtbot.waitUntil(
            lambda: any(d.job is job and d.isVisible() for d in window.findChildren(CopyProgressDialog)),
            timeout=10000,
        )
        dialog = next(d for d in window.findChildren(CopyProgressDialog) if d.job is job)
        qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not job.is_active, timeout=30000)
    assert job.state is JobState.CANCELLED
    qtbot.waitUntil(lambda: not place.parent.exists(), timeout=5000)  # no half-written copy
    assert opened == []


def test_copies_are_removed_by_the_cleanup_hook_and_when_the_window_closes(qtbot, window, client, fresh_dir, opened):
    client.upload_to(fresh_dir, "a.txt", b"some text to open" * 10)
    press_enter_on(qtbot, window.grid_view, grid_index(qtbot, window, "a.txt"))
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=30000)
    run_folder = opened[0].parents[1]
    files = window.open_actions.opener.files
    files.cleanup()  # what runs at exit (registered with atexit)
    assert not run_folder.exists()

    press_enter_on(qtbot, window.grid_view, grid_index(qtbot, window, "a.txt"))
    qtbot.waitUntil(lambda: len(opened) == 2, timeout=30000)
    assert opened[1].read_bytes() == b"some text to open" * 10
    window.close()
    assert not opened[1].parents[1].exists()


def test_enter_on_a_local_file_opens_it(qtbot, window: MainWindow, local_root, opened):
    notes = local_root / "notes.txt"
    notes.write_text("local notes\n")
    press_enter_on(qtbot, window.local_view, local_index(qtbot, window, notes))
    assert opened == [notes]
    (local_root / "sub").mkdir()
    press_enter_on(qtbot, window.local_view, local_index(qtbot, window, local_root / "sub"))
    assert window.local_pane.current_path() == str(local_root / "sub")
    assert opened == [notes]


def test_folders_of_runs_that_ended_are_removed(tmp_path):
    base = tmp_path / "opened"
    base.mkdir()
    (base / "999999999-abcd").mkdir()  # no such process
    (base / "999999999-abcd" / "left.txt").write_text("left behind by a crash")
    mine = base / f"{os.getppid()}-alive"  # a process that is running
    mine.mkdir()
    files = OpenedFiles(base)
    place = files.new_place("../../escape")
    assert place.name == "file"  # a name that can't be a local file name is not used
    assert not (base / "999999999-abcd").exists()
    assert mine.exists()
    files.cleanup()
    assert sorted(p.name for p in base.iterdir()) == [mine.name]
