"""Move (F6) on both panes and drops with Shift held, on the real grid.

A move is a copy, then the removal of each source whose copy fully succeeded; within the
grid it is a relink. Every test checks the result through the grid client or the file
system afterwards, not through the widget.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from tahoegui.app import build_main_window
from tahoegui.grid.caps import diminish
from tahoegui.jobs.copy_job import JobState
from tahoegui.jobs.move_job import MoveJob, MoveResult
from tahoegui.models.mime import local_paths_mime
from tahoegui.ui.main_window import MainWindow
from tahoegui.ui.progress_dialog import CopyProgressDialog
from tests.gui.helpers import (
    drop,
    grid_index,
    local_index,
    make_node_dir,
    read_grid_tree,
    read_local_tree,
    select,
    wait_for_copy,
)
from tests.gui.scripted_prompts import ScriptedPrompts

pytestmark = pytest.mark.grid

SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def answers(monkeypatch) -> ScriptedPrompts:
    return ScriptedPrompts().install(monkeypatch)


def action(view, name: str) -> QAction:
    found = [a for a in view.actions() if a.objectName() == name]
    assert len(found) == 1, f"{name} in {view.objectName()}"
    return found[0]


def wait_for_move(qtbot, window: MainWindow, count: int = 1) -> MoveResult:
    job = wait_for_copy(qtbot, window, count)
    assert isinstance(job, MoveJob)
    assert isinstance(job.result, MoveResult)
    return job.result


def wait_for_message(qtbot, window: MainWindow, words: str) -> str:
    qtbot.waitUntil(lambda: words in window.statusBar().currentMessage(), timeout=30000)
    return window.statusBar().currentMessage()


def test_both_views_carry_move_on_f6(window):
    for view in (window.local_view, window.grid_view):
        assert action(view, "actionMove").shortcut().toString() == "F6"


# ---- local -> grid -------------------------------------------------------------------------


def test_f6_moves_the_local_selection_into_the_grid_folder_shown(qtbot, window, local_root, client, fresh_dir):
    (local_root / "note.txt").write_bytes(b"note\n")
    (local_root / "tree" / "inner").mkdir(parents=True)
    (local_root / "tree" / "inner" / "deep.bin").write_bytes(os.urandom(20_000))
    (local_root / "tree" / "empty").mkdir()
    expected = read_local_tree(local_root)
    (local_root / "stays.txt").write_bytes(b"not selected")
    select(window.local_view, [local_index(qtbot, window, local_root / n) for n in ("note.txt", "tree")])
    window.activateWindow()
    window.local_view.setFocus()
    qtbot.waitUntil(window.local_view.hasFocus, timeout=5000)

    qtbot.keyClick(window.local_view, Qt.Key.Key_F6)

    result = wait_for_move(qtbot, window)
    assert result.ok and sorted(result.removed) == ["note.txt", "tree"]
    files, dirs = read_grid_tree(client, fresh_dir)
    assert files == expected
    assert "tree/empty" in dirs
    assert sorted(p.name for p in local_root.iterdir()) == ["stays.txt"]
    wait_for_message(qtbot, window, "Moved 2 items")


def test_a_move_where_one_item_fails_leaves_that_source_in_place(qtbot, window, local_root, client, fresh_dir):
    """The grid refuses a name that is not UTF-8: that file fails, so its folder stays
    whole where it was, while the other sources move."""
    (local_root / "good.txt").write_bytes(b"good")
    (local_root / "good-dir" / "inner").mkdir(parents=True)
    (local_root / "good-dir" / "inner" / "deep.txt").write_bytes(b"deep")
    bad = local_root / "bad-dir"
    bad.mkdir()
    (bad / "fine.txt").write_bytes(b"fine")
    with open(os.fsencode(bad) + b"/not-utf8-\xff", "wb") as f:
        f.write(b"a name the grid can't store")
    rows = [local_index(qtbot, window, local_root / n) for n in ("good.txt", "good-dir", "bad-dir")]
    select(window.local_view, rows)

    action(window.local_view, "actionMove").trigger()

    result = wait_for_move(qtbot, window)
    files, _ = read_grid_tree(client, fresh_dir)
    assert files["good.txt"] == b"good" and files["good-dir/inner/deep.txt"] == b"deep"
    assert not (local_root / "good.txt").exists() and not (local_root / "good-dir").exists()
    assert sorted(os.listdir(os.fsencode(bad))) == [b"fine.txt", b"not-utf8-\xff"]
    assert (bad / "fine.txt").read_bytes() == b"fine"
    assert [name for name, _ in result.kept] == ["bad-dir"] and "UTF-8" in result.kept[0][1]
    assert sorted(result.removed) == ["good-dir", "good.txt"]
    text = wait_for_message(qtbot, window, "stayed where it was")
    assert "'bad-dir'" in text and "URI:" not in text
    dialog = next(d for d in window.findChildren(CopyProgressDialog) if d.job is window.queue.jobs[-1])
    assert dialog.phase_label.text() == "Finished with problems"
    assert "Moved 2; 1 left where it was" in dialog.summary.toPlainText()
    assert "Not moved: bad-dir: 'not-utf8-" in dialog.summary.toPlainText()


def test_a_folder_holding_something_the_copy_skips_is_not_removed(qtbot, window, local_root, client, fresh_dir):
    """A named pipe can't be copied (it is skipped, not failed): its folder must stay, or
    the move would lose it."""
    (local_root / "with-pipe").mkdir()
    (local_root / "with-pipe" / "data.txt").write_bytes(b"data")
    os.mkfifo(local_root / "with-pipe" / "pipe")
    select(window.local_view, [local_index(qtbot, window, local_root / "with-pipe")])

    action(window.local_view, "actionMove").trigger()

    result = wait_for_move(qtbot, window)
    assert result.removed == [] and [n for n, _ in result.kept] == ["with-pipe"]
    assert sorted(p.name for p in (local_root / "with-pipe").iterdir()) == ["data.txt", "pipe"]
    assert client.read_bytes(fresh_dir, "with-pipe/data.txt") == b"data"


def test_a_move_asks_before_replacing_and_skip_leaves_both_sides_as_they_were(
    qtbot, window, local_root, client, fresh_dir, answers
):
    client.upload_to(fresh_dir, "same.txt", b"on the grid")
    grid_index(qtbot, window, "same.txt")
    (local_root / "same.txt").write_bytes(b"local")
    (local_root / "other.txt").write_bytes(b"other")
    select(window.local_view, [local_index(qtbot, window, local_root / n) for n in ("same.txt", "other.txt")])

    answers.choices = [None]  # Cancel: nothing happens
    action(window.local_view, "actionMove").trigger()
    assert answers.asked[-1].kind == "choose" and "'same.txt' already exists" in answers.asked[-1].text
    assert window.queue.jobs == []

    answers.choices = ["Skip"]
    action(window.local_view, "actionMove").trigger()

    result = wait_for_move(qtbot, window)
    assert client.read_bytes(fresh_dir, "same.txt") == b"on the grid"
    assert (local_root / "same.txt").read_bytes() == b"local"
    assert client.read_bytes(fresh_dir, "other.txt") == b"other"
    assert not (local_root / "other.txt").exists()
    assert result.removed == ["other.txt"] and [n for n, _ in result.kept] == ["same.txt"]


# ---- grid -> local -------------------------------------------------------------------------


def test_f6_moves_the_grid_selection_into_the_local_folder_shown(qtbot, window, local_root, client, fresh_dir):
    client.upload_to(fresh_dir, "report.txt", b"report")
    client.upload_to(fresh_dir, "photos/a.jpg", b"jpeg" * 1000)
    client.upload_to(fresh_dir, "keep.txt", b"not selected")
    select(window.grid_view, [grid_index(qtbot, window, n) for n in ("report.txt", "photos")])

    action(window.grid_view, "actionMove").trigger()

    result = wait_for_move(qtbot, window)
    assert result.ok
    assert read_local_tree(local_root) == {"report.txt": b"report", "photos/a.jpg": b"jpeg" * 1000}
    assert set(client.list_dir(fresh_dir).children) == {"keep.txt"}
    # the grid pane lists the folder again by itself
    model, shown = window.grid_pane.model, window.grid_view.rootIndex()
    qtbot.waitUntil(lambda: not model.child_index(shown, "report.txt").isValid(), timeout=10000)


def test_a_grid_folder_with_a_name_unsafe_on_disk_stays_on_the_grid(qtbot, window, local_root, client, fresh_dir):
    client.upload_to(fresh_dir, "plain.txt", b"plain")
    client.upload_to(fresh_dir, "odd/fine.txt", b"fine")
    client.upload_to(fresh_dir, "odd/back\\slash", b"a name no local file may have")
    odd_cap = client.list_dir(fresh_dir).children["odd"].rw_uri
    select(window.grid_view, [grid_index(qtbot, window, n) for n in ("plain.txt", "odd")])

    action(window.grid_view, "actionMove").trigger()

    result = wait_for_move(qtbot, window)
    assert (local_root / "plain.txt").read_bytes() == b"plain"
    listing = client.list_dir(fresh_dir).children
    assert set(listing) == {"odd"} and listing["odd"].rw_uri == odd_cap
    assert set(client.list_dir(fresh_dir, "odd").children) == {"fine.txt", "back\\slash"}
    assert result.removed == ["plain.txt"] and [n for n, _ in result.kept] == ["odd"]


# ---- drops with Shift held -----------------------------------------------------------------


def test_shift_drag_of_grid_items_onto_the_local_pane_moves_them(qtbot, window, local_root, client, fresh_dir):
    client.upload_to(fresh_dir, "dragged.txt", b"dragged")
    client.upload_to(fresh_dir, "left.txt", b"left")
    mime = window.grid_pane.model.mimeData([grid_index(qtbot, window, "dragged.txt")])

    drop(window.local_view, mime, modifiers=SHIFT)

    wait_for_move(qtbot, window)
    assert (local_root / "dragged.txt").read_bytes() == b"dragged"
    assert set(client.list_dir(fresh_dir).children) == {"left.txt"}


def test_shift_drag_from_the_desktop_onto_the_grid_moves_the_files(qtbot, window, tmp_path, client, fresh_dir):
    desktop = tmp_path / "desktop"
    (desktop / "album").mkdir(parents=True)
    (desktop / "album" / "song.ogg").write_bytes(b"ogg" * 500)
    (desktop / "one.txt").write_bytes(b"1")

    drop(window.grid_view, local_paths_mime([str(desktop / "album"), str(desktop / "one.txt")]), modifiers=SHIFT)

    result = wait_for_move(qtbot, window)
    assert result.ok
    files, _ = read_grid_tree(client, fresh_dir)
    assert files == {"album/song.ogg": b"ogg" * 500, "one.txt": b"1"}
    assert list(desktop.iterdir()) == []


def test_a_drag_without_shift_still_copies(qtbot, window, tmp_path, client, fresh_dir):
    source = tmp_path / "kept.txt"
    source.write_bytes(b"kept")

    drop(window.grid_view, local_paths_mime([str(source)]))

    job = wait_for_copy(qtbot, window)
    assert not isinstance(job, MoveJob) and job.state is JobState.DONE
    assert client.read_bytes(fresh_dir, "kept.txt") == b"kept" and source.read_bytes() == b"kept"


def test_shift_drag_within_the_grid_relinks_keeping_the_cap(qtbot, window, client, fresh_dir):
    client.mkdir(fresh_dir, "dest")
    client.upload_to(fresh_dir, "moved.bin", os.urandom(5000))
    before = client.list_dir(fresh_dir).children["moved.bin"]
    mime = window.grid_pane.model.mimeData([grid_index(qtbot, window, "moved.bin")])

    drop(window.grid_view, mime, on=grid_index(qtbot, window, "dest"), modifiers=SHIFT)

    qtbot.waitUntil(lambda: "moved.bin" not in client.list_dir(fresh_dir).children, timeout=30000)
    after = client.list_dir(fresh_dir, "dest").children["moved.bin"]
    assert after.ro_uri == before.ro_uri and after.metadata == before.metadata
    assert window.queue.jobs == []  # no copy: nothing was read or written


# ---- where a move can't apply --------------------------------------------------------------


def test_move_is_disabled_where_it_cant_apply(qtbot, tmp_path, grid, client, fresh_dir, local_root):
    client.upload_to(fresh_dir, "inside.txt", b"in a read-only folder")
    nd = make_node_dir(tmp_path / "ro-node", grid, {"readonly": diminish(fresh_dir)})
    win = build_main_window(["-d", str(nd), "--local-root", str(local_root)])
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.grid_view.rootIndex().isValid(), timeout=10000)
    (local_root / "f.txt").write_bytes(b"f")
    local_move, grid_move = action(win.local_view, "actionMove"), action(win.grid_view, "actionMove")

    select(win.local_view, [local_index(qtbot, win, local_root / "f.txt")])
    select(win.grid_view, [grid_index(qtbot, win, "inside.txt")])

    assert not local_move.isEnabled()  # into a read-only grid folder
    assert not grid_move.isEnabled()  # out of a read-only grid folder
    grid_move.trigger()  # even when triggered from elsewhere, nothing moves
    local_move.trigger()
    assert win.queue.jobs == []
    assert (local_root / "f.txt").exists() and set(client.list_dir(fresh_dir).children) == {"inside.txt"}


def test_move_from_the_grid_is_enabled_for_a_writable_folder_and_a_selection(qtbot, window, client, fresh_dir):
    client.upload_to(fresh_dir, "x.txt", b"x")
    grid_move = action(window.grid_view, "actionMove")
    select(window.grid_view, [])
    assert not grid_move.isEnabled()
    select(window.grid_view, [grid_index(qtbot, window, "x.txt")])
    assert grid_move.isEnabled()
    local_move = action(window.local_view, "actionMove")
    assert not local_move.isEnabled()  # nothing selected locally


def test_a_local_folder_can_not_be_moved_into_itself(qtbot, window, local_root):
    (local_root / "outer" / "inner").mkdir(parents=True)
    window.local_pane.navigate(str(local_root / "outer" / "inner"))
    moves = window.move_actions
    assert moves.move_local_paths([str(local_root / "outer")], str(local_root / "outer" / "inner")) is None
    assert "into itself" in window.statusBar().currentMessage()
    assert window.queue.jobs == [] and (local_root / "outer" / "inner").is_dir()


def test_moving_removes_only_what_was_copied(qtbot, window, local_root, client, fresh_dir, monkeypatch):
    """A file that appears in a folder while it is being moved was not copied: it stays,
    and so does its folder."""
    from tahoegui.copier import copy as real_copy

    (local_root / "busy").mkdir()
    (local_root / "busy" / "old.txt").write_bytes(b"old")

    def copy_then_a_file_appears(*args, **kwargs):
        result = real_copy(*args, **kwargs)
        (local_root / "busy" / "new.txt").write_bytes(b"arrived during the move")
        return result

    window.copy_fn = copy_then_a_file_appears
    select(window.local_view, [local_index(qtbot, window, local_root / "busy")])

    action(window.local_view, "actionMove").trigger()

    result = wait_for_move(qtbot, window)
    assert client.read_bytes(fresh_dir, "busy/old.txt") == b"old"
    assert sorted(p.name for p in (local_root / "busy").iterdir()) == ["new.txt"]
    assert [n for n, _ in result.kept] == ["busy"] and result.removed == []


def test_a_move_of_many_sources_that_cant_be_planned_removes_nothing(qtbot, window, local_root, client, fresh_dir):
    (local_root / "a.txt").write_bytes(b"a")
    (local_root / "b.txt").write_bytes(b"b")
    client.mkdir(fresh_dir, "a.txt")  # a folder where the file would go: the copy can't start
    grid_index(qtbot, window, "a.txt")
    select(window.local_view, [local_index(qtbot, window, local_root / n) for n in ("a.txt", "b.txt")])

    action(window.local_view, "actionMove").trigger()
    # the name is taken: the user is asked, and says Replace

    result = wait_for_move(qtbot, window)
    assert result.error and result.removed == []
    assert (local_root / "a.txt").exists() and (local_root / "b.txt").exists()


@pytest.fixture(autouse=True)
def _replace_when_asked(monkeypatch, request):
    """Tests that don't script the prompts answer Replace to "names exist"."""
    if "answers" not in request.fixturenames:
        ScriptedPrompts(choices=["Replace"] * 5).install(monkeypatch)


@contextlib.contextmanager
def immutable(folder: Path) -> Iterator[None]:
    """Nothing in `folder` can be added or removed, not even by root (`chattr +i`)."""
    if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
        pytest.skip("this file system can't make a folder immutable")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(folder)], capture_output=True)


def test_a_source_that_cant_be_removed_after_its_copy_stays_and_says_why(qtbot, window, local_root, client, fresh_dir):
    locked = local_root / "locked"
    locked.mkdir()
    (locked / "in.txt").write_bytes(b"in")
    (local_root / "free.txt").write_bytes(b"free")
    select(window.local_view, [local_index(qtbot, window, local_root / n) for n in ("locked", "free.txt")])
    with immutable(locked):
        action(window.local_view, "actionMove").trigger()

        result = wait_for_move(qtbot, window)
        assert (locked / "in.txt").read_bytes() == b"in"
    assert client.read_bytes(fresh_dir, "locked/in.txt") == b"in"
    assert client.read_bytes(fresh_dir, "free.txt") == b"free" and not (local_root / "free.txt").exists()
    assert result.removed == ["free.txt"] and [n for n, _ in result.kept] == ["locked"]
    assert "could not be removed: Operation not permitted" in result.kept[0][1]


def test_in_a_read_only_local_folder_move_cut_and_paste_are_disabled(qtbot, window, local_root):
    (local_root / "ro").mkdir()
    (local_root / "ro" / "f.txt").write_bytes(b"f")
    window.local_pane.navigate(str(local_root / "ro"))
    with immutable(local_root / "ro"):
        window.local_pane.refresh()
        select(window.local_view, [local_index(qtbot, window, local_root / "ro" / "f.txt")])
        view = window.local_view
        assert not action(view, "actionMove").isEnabled()
        assert not action(view, "actionCutItems").isEnabled()
        assert action(view, "actionCopyItems").isEnabled()
        action(view, "actionCopyItems").trigger()  # something to paste, but not here
        assert not action(view, "actionPasteItems").isEnabled()
        action(view, "actionMove").trigger()
        assert window.queue.jobs == [] and (local_root / "ro" / "f.txt").exists()
