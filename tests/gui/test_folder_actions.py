"""New Folder (F7), Rename (F2) and Delete (F8, Delete, Shift+Delete) in both panes.

Every test checks what happened through the grid client or the file system, not the widget.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QLineEdit

from tahoegui.grid.caps import diminish
from tahoegui.models.grid_item import LoadState
from tahoegui.ui.main_window import MainWindow
from tests.gui.helpers import grid_index, local_index, select
from tests.gui.scripted_prompts import ScriptedPrompts

pytestmark = pytest.mark.grid

WRITE_ACTIONS = ("actionNewFolder", "actionRename", "actionDelete")


@pytest.fixture
def answers(monkeypatch) -> ScriptedPrompts:
    return ScriptedPrompts().install(monkeypatch)


def action(view, name: str) -> QAction:
    found = [a for a in view.actions() if a.objectName() == name]
    assert len(found) == 1, f"{name} in {view.objectName()}"
    return found[0]


def children(client, cap: str, path: str = "") -> dict[str, str | None]:
    """name -> the strongest cap of each entry, straight from the grid."""
    return {name: e.best_cap for name, e in client.list_dir(cap, path).children.items()}


def wait_idle(qtbot, window: MainWindow) -> None:
    """Until nothing runs in the background and every answer has been delivered."""
    qtbot.waitUntil(lambda: not window.runner.busy, timeout=30000)
    qtbot.wait(0)


def wait_for_message(qtbot, window: MainWindow, words: str) -> str:
    qtbot.waitUntil(lambda: words in window.statusBar().currentMessage(), timeout=30000)
    return window.statusBar().currentMessage()


def edit_in_place(qtbot, view, index, text: str) -> None:
    """What a user does after F2: type the new name into the editor and press Enter."""
    qtbot.waitUntil(lambda: view.state() == QAbstractItemView.State.EditingState, timeout=5000)
    editor = view.indexWidget(index)
    assert isinstance(editor, QLineEdit)
    editor.setText(text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)


def shown(window: MainWindow):
    return window.grid_view.rootIndex()


# ---- the actions exist on both views -------------------------------------------------------


def test_both_views_carry_the_write_actions_with_their_keys(window):
    for view in (window.local_view, window.grid_view):
        assert action(view, "actionNewFolder").shortcut().toString() == "F7"
        assert action(view, "actionRename").shortcut().toString() == "F2"
        assert {k.toString() for k in action(view, "actionDelete").shortcuts()} == {"F8", "Del"}
    assert action(window.local_view, "actionDeletePermanently").shortcut().toString() == "Shift+Del"


# ---- grid: New Folder ----------------------------------------------------------------------


def test_new_folder_on_the_grid_is_made_in_the_folder_shown(qtbot, window, client, fresh_dir, answers):
    answers.texts = ["  Reports  "]
    action(window.grid_view, "actionNewFolder").trigger()
    model = window.grid_pane.model
    qtbot.waitUntil(lambda: model.child_index(shown(window), "Reports").isValid(), timeout=30000)
    listing = client.list_dir(fresh_dir).children
    assert set(listing) == {"Reports"} and listing["Reports"].is_dir and listing["Reports"].writable
    assert answers.asked[0].title == "New Folder"


def test_new_folder_in_a_subfolder_goes_there(qtbot, window, client, fresh_dir, answers):
    client.mkdir(fresh_dir, "outer")
    window.grid_pane.navigate(grid_index(qtbot, window, "outer"))
    answers.texts = ["inner"]
    action(window.grid_view, "actionNewFolder").trigger()
    qtbot.waitUntil(lambda: window.grid_pane.model.child_index(shown(window), "inner").isValid(), timeout=30000)
    assert set(children(client, fresh_dir, "outer")) == {"inner"}
    assert set(children(client, fresh_dir)) == {"outer"}


def test_new_folder_refuses_names_that_cant_exist_and_asks_again(qtbot, window, client, fresh_dir, answers):
    answers.texts = ["", "a/b", ".", "..", None]
    action(window.grid_view, "actionNewFolder").trigger()
    labels = [q.text for q in answers.asked]
    assert len(labels) == 5
    assert "can't be empty" in labels[1] and "'/'" in labels[2] and "'.'" in labels[3] and "'..'" in labels[4]
    wait_idle(qtbot, window)
    assert children(client, fresh_dir) == {}


def test_new_folder_refuses_an_existing_name_and_replaces_nothing(qtbot, window, client, fresh_dir, answers):
    client.upload_to(fresh_dir, "taken", b"a file, not a folder")
    grid_index(qtbot, window, "taken")
    before = children(client, fresh_dir)
    answers.texts = ["taken", "taken"]  # the same answer again: the user gives up
    action(window.grid_view, "actionNewFolder").trigger()
    assert "already something named 'taken'" in answers.asked[1].text
    assert "already something named 'taken'" in window.statusBar().currentMessage()
    wait_idle(qtbot, window)
    assert children(client, fresh_dir) == before
    assert client.read_bytes(fresh_dir, "taken") == b"a file, not a folder"


def test_new_folder_over_a_name_the_listing_did_not_know_is_refused_by_the_grid(
    qtbot, window, client, fresh_dir, answers
):
    late = client.mkdir(fresh_dir, "late")  # made behind the window's back: not in its listing
    client.upload_to(fresh_dir, "late/keep.txt", b"keep me")
    answers.texts = ["late"]
    action(window.grid_view, "actionNewFolder").trigger()
    text = wait_for_message(qtbot, window, "Could not create folder 'late'")
    assert "already something named 'late'" in text and "URI:" not in text
    assert children(client, fresh_dir) == {"late": late}
    assert client.read_bytes(fresh_dir, "late/keep.txt") == b"keep me"


# ---- grid: Rename --------------------------------------------------------------------------


def test_rename_on_the_grid_through_setdata(qtbot, window, client, fresh_dir):
    cap = client.upload_to(fresh_dir, "old.txt", b"contents")
    index = QPersistentModelIndex(grid_index(qtbot, window, "old.txt"))
    model = window.grid_pane.model
    assert model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(index, "new.txt", Qt.ItemDataRole.EditRole)
    qtbot.waitUntil(lambda: model.data(index) == "new.txt", timeout=30000)  # the row shows it when done
    assert children(client, fresh_dir) == {"new.txt": cap}


def test_rename_of_a_loaded_folder_keeps_its_rows_working(qtbot, window, client, fresh_dir):
    client.upload_to(fresh_dir, "box/inside.txt", b"in")
    box = QPersistentModelIndex(grid_index(qtbot, window, "box"))
    grid_index(qtbot, window, "inside.txt", box)
    model = window.grid_pane.model
    assert model.setData(box, "crate", Qt.ItemDataRole.EditRole)
    qtbot.waitUntil(lambda: model.data(box) == "crate", timeout=30000)
    inside = model.child_index(box, "inside.txt")
    assert model.item(inside).path == "crate/inside.txt"
    assert client.read_bytes(fresh_dir, "crate/inside.txt") == b"in"
    assert set(children(client, fresh_dir)) == {"crate"}


def test_f2_edits_the_name_in_place_and_renames_on_the_grid(qtbot, window, client, fresh_dir):
    cap = client.upload_to(fresh_dir, "draft.txt", b"draft")
    index = QPersistentModelIndex(grid_index(qtbot, window, "draft.txt"))
    view = window.grid_view
    select(view, [index])
    view.setFocus()
    qtbot.waitUntil(lambda: action(view, "actionRename").isEnabled(), timeout=5000)
    action(view, "actionRename").trigger()
    edit_in_place(qtbot, view, index, "final.txt")
    qtbot.waitUntil(lambda: window.grid_pane.model.data(index) == "final.txt", timeout=30000)
    assert children(client, fresh_dir) == {"final.txt": cap}


def test_rename_refuses_bad_and_existing_names_and_overwrites_nothing(qtbot, window, client, fresh_dir):
    client.upload_to(fresh_dir, "a.txt", b"a")
    client.upload_to(fresh_dir, "b.txt", b"b")
    index = grid_index(qtbot, window, "a.txt")
    grid_index(qtbot, window, "b.txt")
    before = children(client, fresh_dir)
    model = window.grid_pane.model
    for bad, words in (("b.txt", "already something named 'b.txt'"), ("x/y", "'/'"), ("..", "'..'"), ("  ", "empty")):
        assert not model.setData(index, bad, Qt.ItemDataRole.EditRole)
        assert words in window.statusBar().currentMessage()
    wait_idle(qtbot, window)
    assert children(client, fresh_dir) == before


def test_rename_onto_a_name_the_listing_did_not_know_is_refused_by_the_grid(qtbot, window, client, fresh_dir):
    client.upload_to(fresh_dir, "mine.txt", b"mine")
    index = grid_index(qtbot, window, "mine.txt")
    theirs = client.upload_to(fresh_dir, "theirs.txt", b"theirs")  # the listing does not know it
    before = children(client, fresh_dir)
    assert before["theirs.txt"] == theirs
    assert window.grid_pane.model.setData(index, "theirs.txt", Qt.ItemDataRole.EditRole)
    text = wait_for_message(qtbot, window, "Could not rename 'mine.txt' to 'theirs.txt'")
    assert "already" in text
    assert children(client, fresh_dir) == before
    assert client.read_bytes(fresh_dir, "theirs.txt") == b"theirs"


# ---- grid: Delete --------------------------------------------------------------------------


def test_delete_on_the_grid_unlinks_after_a_confirmation_and_the_cap_still_reads(
    qtbot, window, client, fresh_dir, answers
):
    cap = client.upload_to(fresh_dir, "gone.txt", b"still here " * 10)
    client.upload_to(fresh_dir, "stays.txt", b"stays")
    index = grid_index(qtbot, window, "gone.txt")
    select(window.grid_view, [index])
    answers.confirms = [False]
    action(window.grid_view, "actionDelete").trigger()
    wait_idle(qtbot, window)
    assert set(children(client, fresh_dir)) == {"gone.txt", "stays.txt"}  # said no: nothing went

    answers.confirms = [True]
    action(window.grid_view, "actionDelete").trigger()
    question = answers.asked[-1]
    assert question.kind == "confirm" and question.default is True  # destructive
    assert "gone.txt" in question.text and "stays.txt" not in question.text
    assert "not erasing" in question.text and "cap" in question.text
    wait_for_message(qtbot, window, "Unlinked 1 item")
    assert set(children(client, fresh_dir)) == {"stays.txt"}
    assert client.read_bytes(cap) == b"still here " * 10  # unlinking is not erasing


def test_delete_of_a_multiple_selection_on_the_grid(qtbot, window, client, fresh_dir, answers):
    folder = client.mkdir(fresh_dir, "album")
    client.upload_to(fresh_dir, "album/photo.jpg", b"jpeg")
    client.upload_to(fresh_dir, "one.txt", b"1")
    client.upload_to(fresh_dir, "two.txt", b"2")
    client.upload_to(fresh_dir, "keep.txt", b"k")
    rows = [grid_index(qtbot, window, n) for n in ("album", "one.txt", "two.txt")]
    grid_index(qtbot, window, "keep.txt")
    select(window.grid_view, rows)
    answers.confirms = [True]
    action(window.grid_view, "actionDelete").trigger()
    assert all(n in answers.asked[-1].text for n in ("album/", "one.txt", "two.txt"))
    wait_for_message(qtbot, window, "Unlinked 3 items")
    assert set(children(client, fresh_dir)) == {"keep.txt"}
    assert set(children(client, folder)) == {"photo.jpg"}  # the folder itself is untouched


def test_delete_key_triggers_delete_on_the_grid(qtbot, window, client, fresh_dir, answers):
    client.upload_to(fresh_dir, "key.txt", b"k")
    index = grid_index(qtbot, window, "key.txt")
    view = window.grid_view
    window.activateWindow()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus, timeout=5000)
    select(view, [index])
    answers.confirms = [True]
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    wait_for_message(qtbot, window, "Unlinked 1 item")
    assert children(client, fresh_dir) == {}


# ---- grid: read-only folders ---------------------------------------------------------------


def test_a_read_only_grid_folder_disables_the_write_actions(qtbot, window, client):
    cap = client.mkdir()
    client.upload_to(cap, "locked.txt", b"x")
    view, model = window.grid_view, window.grid_pane.model

    # first the same folder writable: the actions are there for it
    window.grid_pane.open_location(cap)
    select(view, [grid_index(qtbot, window, "locked.txt")])
    assert all(action(view, n).isEnabled() for n in WRITE_ACTIONS)

    window.grid_pane.open_location(diminish(cap))
    qtbot.waitUntil(lambda: model.item(shown(window)).state is LoadState.LOADED, timeout=10000)
    index = grid_index(qtbot, window, "locked.txt")
    select(view, [index])
    assert model.item(shown(window)).root_cap.startswith("URI:DIR2-RO:")
    assert not any(action(view, n).isEnabled() for n in WRITE_ACTIONS)
    assert not model.flags(index) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(index, "renamed.txt", Qt.ItemDataRole.EditRole)
    wait_idle(qtbot, window)
    assert set(children(client, cap)) == {"locked.txt"}


def test_write_actions_follow_the_selection(qtbot, window, client, fresh_dir):
    client.upload_to(fresh_dir, "a", b"a")
    client.upload_to(fresh_dir, "b", b"b")
    view = window.grid_view
    a, b = grid_index(qtbot, window, "a"), grid_index(qtbot, window, "b")
    select(view, [])
    assert action(view, "actionNewFolder").isEnabled()
    assert not action(view, "actionRename").isEnabled() and not action(view, "actionDelete").isEnabled()
    select(view, [a, b])
    assert not action(view, "actionRename").isEnabled() and action(view, "actionDelete").isEnabled()
    select(view, [a])
    assert action(view, "actionRename").isEnabled()
    window.grid_pane.navigate(window.grid_pane.model.index(0, 0).parent())  # the aliases: no folder
    assert not any(action(view, n).isEnabled() for n in WRITE_ACTIONS)


# ---- local: New Folder, Rename -------------------------------------------------------------


def test_new_folder_locally(qtbot, window, local_root, answers):
    answers.texts = ["Projects"]
    action(window.local_view, "actionNewFolder").trigger()
    assert (local_root / "Projects").is_dir()


def test_new_folder_locally_refuses_bad_and_existing_names(qtbot, window, local_root, answers):
    (local_root / "notes").write_text("keep")
    answers.texts = ["notes", "x/y", "..", None]
    action(window.local_view, "actionNewFolder").trigger()
    labels = [q.text for q in answers.asked]
    assert "already something named 'notes'" in labels[1] and "'/'" in labels[2] and "'..'" in labels[3]
    assert sorted(p.name for p in local_root.iterdir()) == ["notes"]
    assert (local_root / "notes").read_text() == "keep"


def test_rename_locally_through_setdata_and_in_place(qtbot, window, local_root):
    (local_root / "first.txt").write_text("1")
    (local_root / "other.txt").write_text("other")
    model, view = window.local_pane.model, window.local_view
    index = local_index(qtbot, window, local_root / "first.txt")
    assert model.setData(index, "second.txt", Qt.ItemDataRole.EditRole)
    assert (local_root / "second.txt").read_text() == "1" and not (local_root / "first.txt").exists()

    index = local_index(qtbot, window, local_root / "second.txt")
    select(view, [index])
    qtbot.waitUntil(lambda: action(view, "actionRename").isEnabled(), timeout=5000)
    action(view, "actionRename").trigger()
    edit_in_place(qtbot, view, index, "third.txt")
    qtbot.waitUntil(lambda: (local_root / "third.txt").exists(), timeout=5000)
    assert sorted(p.name for p in local_root.iterdir()) == ["other.txt", "third.txt"]


def test_rename_locally_refuses_bad_and_existing_names(qtbot, window, local_root):
    (local_root / "a.txt").write_text("a")
    (local_root / "b.txt").write_text("b")
    model = window.local_pane.model
    index = local_index(qtbot, window, local_root / "a.txt")
    local_index(qtbot, window, local_root / "b.txt")
    for bad, words in (("b.txt", "already something named 'b.txt'"), ("x/y", "'/'"), ("..", "'..'"), ("", "empty")):
        assert not model.setData(index, bad, Qt.ItemDataRole.EditRole)
        assert words in window.statusBar().currentMessage()
    assert (local_root / "a.txt").read_text() == "a" and (local_root / "b.txt").read_text() == "b"
    assert sorted(p.name for p in local_root.iterdir()) == ["a.txt", "b.txt"]


# ---- local: Delete, Shift+Delete -----------------------------------------------------------


@pytest.fixture
def trash(tmp_path, monkeypatch) -> Path:
    """The desktop's trash, in a temporary XDG data home."""
    home = tmp_path / "xdg-data"
    home.mkdir()
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home / "Trash"


def test_delete_locally_moves_to_the_trash_after_a_confirmation(qtbot, window, local_root, answers, trash):
    (local_root / "old.txt").write_text("old")
    (local_root / "old-dir").mkdir()
    (local_root / "old-dir" / "in.txt").write_text("in")
    (local_root / "keep.txt").write_text("keep")
    rows = [local_index(qtbot, window, local_root / n) for n in ("old.txt", "old-dir")]
    local_index(qtbot, window, local_root / "keep.txt")
    select(window.local_view, rows)
    answers.confirms = [True]
    action(window.local_view, "actionDelete").trigger()
    assert "old.txt" in answers.asked[-1].text and "old-dir" in answers.asked[-1].text
    wait_for_message(qtbot, window, "Moved 2 items to the trash")
    assert sorted(p.name for p in local_root.iterdir()) == ["keep.txt"]
    assert sorted(p.name for p in (trash / "files").iterdir()) == ["old-dir", "old.txt"]
    assert (trash / "files" / "old-dir" / "in.txt").read_text() == "in"


def test_shift_delete_deletes_for_good_after_a_confirmation(qtbot, window, local_root, answers, trash):
    (local_root / "doomed").mkdir()
    (local_root / "doomed" / "deep.txt").write_text("deep")
    (local_root / "doomed.txt").write_text("x")
    (local_root / "keep.txt").write_text("keep")
    rows = [local_index(qtbot, window, local_root / n) for n in ("doomed", "doomed.txt")]
    local_index(qtbot, window, local_root / "keep.txt")
    view = window.local_view
    select(view, rows)
    answers.confirms = [False]
    action(view, "actionDeletePermanently").trigger()
    wait_idle(qtbot, window)
    assert (local_root / "doomed.txt").exists()  # said no

    window.activateWindow()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus, timeout=5000)
    answers.confirms = [True]
    qtbot.keyClick(view, Qt.Key.Key_Delete, Qt.KeyboardModifier.ShiftModifier)
    question = answers.asked[-1]
    assert question.kind == "confirm" and question.default is True and "can't be undone" in question.text
    wait_for_message(qtbot, window, "Deleted 2 items")
    assert sorted(p.name for p in local_root.iterdir()) == ["keep.txt"]
    assert not trash.exists() or not any((trash / "files").iterdir())


# ---- local: read-only folders --------------------------------------------------------------


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """`folder` as nobody may write it, not even root (who ignores permission bits: then
    the folder is made immutable, where the file system allows it)."""
    folder.chmod(0o555)
    immutable = False
    try:
        if os.access(folder, os.W_OK):
            immutable = subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode == 0
            if not immutable or os.access(folder, os.W_OK):
                pytest.skip("can't make a folder read-only for this user here")
        yield
    finally:
        if immutable:
            subprocess.run(["chattr", "-i", str(folder)], capture_output=True)
        folder.chmod(0o755)


def test_a_read_only_local_folder_disables_the_write_actions(qtbot, window, local_root):
    locked = local_root / "locked"
    locked.mkdir()
    (locked / "file.txt").write_text("x")
    view = window.local_view
    with read_only(locked):
        window.local_pane.navigate(str(locked))
        index = local_index(qtbot, window, locked / "file.txt")
        select(view, [index])
        assert not any(action(view, n).isEnabled() for n in (*WRITE_ACTIONS, "actionDeletePermanently"))
        assert not window.local_pane.model.setData(index, "renamed.txt", Qt.ItemDataRole.EditRole)
        assert sorted(p.name for p in locked.iterdir()) == ["file.txt"]
    window.local_pane.navigate(str(local_root))
    select(view, [local_index(qtbot, window, locked)])
    assert all(action(view, n).isEnabled() for n in WRITE_ACTIONS)


def test_delete_while_editing_a_name_edits_the_text_and_deletes_nothing(qtbot, window, client, fresh_dir, answers):
    client.upload_to(fresh_dir, "draft.txt", b"draft")
    index = QPersistentModelIndex(grid_index(qtbot, window, "draft.txt"))
    view = window.grid_view
    window.activateWindow()
    view.setFocus()
    select(view, [index])
    action(view, "actionRename").trigger()
    qtbot.waitUntil(lambda: view.state() == QAbstractItemView.State.EditingState, timeout=5000)
    editor = view.indexWidget(index)
    editor.setFocus()
    editor.setCursorPosition(0)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)  # the editor's Delete, not the pane's
    assert editor.text() == "raft.txt"
    assert not [q for q in answers.asked if q.kind == "confirm"]
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.grid_pane.model.data(index) == "raft.txt", timeout=30000)
    assert set(children(client, fresh_dir)) == {"raft.txt"}
