"""Cut, Copy and Paste (Ctrl+X, Ctrl+C, Ctrl+V) within and across the panes, on the real grid.

Every test checks the result through the grid client or the file system afterwards.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, Qt, QUrl
from PySide6.QtGui import QAction, QGuiApplication

from tahoegui.app import build_main_window
from tahoegui.grid.caps import diminish
from tahoegui.jobs.copy_job import JobState
from tahoegui.jobs.move_job import MoveJob
from tahoegui.models.mime import GRID_ITEMS_MIME, local_paths_mime
from tahoegui.ui.main_window import MainWindow
from tests.gui.helpers import (
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

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def answers(monkeypatch) -> ScriptedPrompts:
    return ScriptedPrompts().install(monkeypatch)


@pytest.fixture(autouse=True)
def empty_clipboard(qapp):
    QGuiApplication.clipboard().clear()
    yield
    QGuiApplication.clipboard().clear()


def action(view, name: str) -> QAction:
    found = [a for a in view.actions() if a.objectName() == name]
    assert len(found) == 1, f"{name} in {view.objectName()}"
    return found[0]


def press(qtbot, window: MainWindow, view, key: Qt.Key) -> None:
    """Ctrl+key on `view`, as the user presses it."""
    window.activateWindow()
    view.setFocus()
    qtbot.waitUntil(view.hasFocus, timeout=5000)
    qtbot.keyClick(view, key, CTRL)


def clipboard_holds_grid_items() -> bool:
    mime = QGuiApplication.clipboard().mimeData()
    return mime is not None and mime.hasFormat(GRID_ITEMS_MIME)


def clipboard_text() -> str:
    return QGuiApplication.clipboard().text()


def entries(client, cap: str, path: str = ""):
    return client.list_dir(cap, path).children


def wait_for_message(qtbot, window: MainWindow, words: str) -> str:
    qtbot.waitUntil(lambda: words in window.statusBar().currentMessage(), timeout=30000)
    return window.statusBar().currentMessage()


def test_both_views_carry_cut_copy_paste_with_their_keys(window):
    for view in (window.local_view, window.grid_view):
        assert action(view, "actionCutItems").shortcut().toString() == "Ctrl+X"
        assert action(view, "actionCopyItems").shortcut().toString() == "Ctrl+C"
        assert action(view, "actionPasteItems").shortcut().toString() == "Ctrl+V"


# ---- what goes on the clipboard ------------------------------------------------------------


def test_ctrl_c_of_grid_items_never_puts_a_cap_in_text(qtbot, window, client, fresh_dir):
    client.upload_to(fresh_dir, "secret.txt", b"s")
    client.mkdir(fresh_dir, "folder")
    QGuiApplication.clipboard().setText(fresh_dir)  # a cap copied earlier, on purpose
    select(window.grid_view, [grid_index(qtbot, window, n) for n in ("secret.txt", "folder")])

    press(qtbot, window, window.grid_view, Qt.Key.Key_C)

    mime = QGuiApplication.clipboard().mimeData()
    assert mime.hasFormat(GRID_ITEMS_MIME)
    assert not mime.hasText() and not mime.hasUrls()
    assert "URI:" not in clipboard_text()
    assert all("text" not in f and "uri" not in f for f in mime.formats()), mime.formats()


def test_ctrl_c_of_local_files_puts_them_as_a_uri_list(qtbot, window, local_root):
    (local_root / "a.txt").write_bytes(b"a")
    select(window.local_view, [local_index(qtbot, window, local_root / "a.txt")])

    press(qtbot, window, window.local_view, Qt.Key.Key_C)

    mime = QGuiApplication.clipboard().mimeData()
    assert [u.toLocalFile() for u in mime.urls()] == [str(local_root / "a.txt")]
    assert bytes(mime.data("x-special/gnome-copied-files").data()).startswith(b"copy\n")


# ---- within the grid -----------------------------------------------------------------------


def test_cut_and_paste_within_the_grid_relinks_the_same_cap(qtbot, window, client, fresh_dir):
    client.mkdir(fresh_dir, "dest")
    client.upload_to(fresh_dir, "file.bin", b"bytes that do not move" * 100)
    client.upload_to(fresh_dir, "folder/inside.txt", b"inside")
    mutable = client.upload(b"mutable", fmt="MDMF")
    client.attach(fresh_dir, "mutable", mutable)
    before = entries(client, fresh_dir)
    names = ("file.bin", "folder", "mutable")
    select(window.grid_view, [grid_index(qtbot, window, n) for n in names])
    press(qtbot, window, window.grid_view, Qt.Key.Key_X)
    assert "URI:" not in clipboard_text()

    window.grid_pane.navigate(grid_index(qtbot, window, "dest"))
    qtbot.waitUntil(lambda: action(window.grid_view, "actionPasteItems").isEnabled(), timeout=10000)
    press(qtbot, window, window.grid_view, Qt.Key.Key_V)

    qtbot.waitUntil(lambda: set(entries(client, fresh_dir)) == {"dest"}, timeout=30000)
    after = entries(client, fresh_dir, "dest")
    assert set(after) == set(names)
    for name in names:
        assert after[name].rw_uri == before[name].rw_uri and after[name].ro_uri == before[name].ro_uri
        assert after[name].metadata == before[name].metadata
    assert client.read_bytes(fresh_dir, "dest/folder/inside.txt") == b"inside"
    assert window.queue.jobs == []  # relinked: no copy ran
    assert not clipboard_holds_grid_items()  # a cut is pasted once


def test_cut_and_paste_within_the_grid_never_replaces_an_existing_name(qtbot, window, client, fresh_dir):
    client.upload_to(fresh_dir, "dest/clash.txt", b"already there")
    client.upload_to(fresh_dir, "clash.txt", b"cut")
    before = entries(client, fresh_dir)["clash.txt"].ro_uri
    select(window.grid_view, [grid_index(qtbot, window, "clash.txt")])
    action(window.grid_view, "actionCutItems").trigger()
    window.grid_pane.navigate(grid_index(qtbot, window, "dest"))
    grid_index(qtbot, window, "clash.txt")  # the folder shown has loaded

    action(window.grid_view, "actionPasteItems").trigger()

    wait_for_message(qtbot, window, "already something named 'clash.txt'")
    assert client.read_bytes(fresh_dir, "dest/clash.txt") == b"already there"
    assert entries(client, fresh_dir)["clash.txt"].ro_uri == before


def test_cut_and_paste_refused_by_the_grid_itself_leaves_the_source(qtbot, window, client, fresh_dir):
    """The name was taken behind the window's back: the node's 409 (replace=false) stops it."""
    client.mkdir(fresh_dir, "dest")
    client.upload_to(fresh_dir, "late.txt", b"cut")
    select(window.grid_view, [grid_index(qtbot, window, "late.txt")])
    action(window.grid_view, "actionCutItems").trigger()
    window.grid_pane.navigate(grid_index(qtbot, window, "dest"))
    qtbot.waitUntil(lambda: action(window.grid_view, "actionPasteItems").isEnabled(), timeout=10000)
    client.upload_to(fresh_dir, "dest/late.txt", b"made meanwhile")

    action(window.grid_view, "actionPasteItems").trigger()

    text = wait_for_message(qtbot, window, "Could not move 'late.txt'")
    assert "already something named" in text and "URI:" not in text
    assert client.read_bytes(fresh_dir, "dest/late.txt") == b"made meanwhile"
    assert client.read_bytes(fresh_dir, "late.txt") == b"cut"


def test_copy_and_paste_within_the_grid_links_immutable_files_by_cap(qtbot, window, client, fresh_dir):
    client.mkdir(fresh_dir, "dest")
    client.upload_to(fresh_dir, "photo.jpg", b"jpeg" * 2000)
    source_cap = entries(client, fresh_dir)["photo.jpg"].ro_uri
    select(window.grid_view, [grid_index(qtbot, window, "photo.jpg")])
    action(window.grid_view, "actionCopyItems").trigger()
    window.grid_pane.navigate(grid_index(qtbot, window, "dest"))
    qtbot.waitUntil(lambda: action(window.grid_view, "actionPasteItems").isEnabled(), timeout=10000)

    action(window.grid_view, "actionPasteItems").trigger()

    job = wait_for_copy(qtbot, window)
    assert job.state is JobState.DONE and not isinstance(job, MoveJob)
    assert entries(client, fresh_dir, "dest")["photo.jpg"].ro_uri == source_cap
    assert entries(client, fresh_dir)["photo.jpg"].ro_uri == source_cap  # still there


def test_pasting_a_copy_into_the_folder_it_came_from_does_nothing(qtbot, window, client, fresh_dir):
    client.upload_to(fresh_dir, "here.txt", b"here")
    select(window.grid_view, [grid_index(qtbot, window, "here.txt")])
    action(window.grid_view, "actionCopyItems").trigger()

    action(window.grid_view, "actionPasteItems").trigger()

    assert "already in this folder" in window.statusBar().currentMessage()
    assert window.queue.jobs == [] and set(entries(client, fresh_dir)) == {"here.txt"}


# ---- across the panes ----------------------------------------------------------------------


def test_grid_copy_pasted_into_the_local_pane_downloads(qtbot, window, local_root, client, fresh_dir):
    client.upload_to(fresh_dir, "docs/a.txt", b"a")
    client.upload_to(fresh_dir, "b.txt", b"b")
    select(window.grid_view, [grid_index(qtbot, window, n) for n in ("docs", "b.txt")])
    press(qtbot, window, window.grid_view, Qt.Key.Key_C)

    press(qtbot, window, window.local_view, Qt.Key.Key_V)

    wait_for_copy(qtbot, window)
    assert read_local_tree(local_root) == {"docs/a.txt": b"a", "b.txt": b"b"}
    assert set(entries(client, fresh_dir)) == {"docs", "b.txt"}


def test_grid_cut_pasted_into_the_local_pane_moves(qtbot, window, local_root, client, fresh_dir):
    client.upload_to(fresh_dir, "going.txt", b"going")
    client.upload_to(fresh_dir, "staying.txt", b"staying")
    select(window.grid_view, [grid_index(qtbot, window, "going.txt")])
    action(window.grid_view, "actionCutItems").trigger()

    action(window.local_view, "actionPasteItems").trigger()

    job = wait_for_copy(qtbot, window)
    assert isinstance(job, MoveJob) and job.state is JobState.DONE
    assert (local_root / "going.txt").read_bytes() == b"going"
    assert set(entries(client, fresh_dir)) == {"staying.txt"}


def test_local_copy_pasted_into_the_grid_uploads(qtbot, window, local_root, client, fresh_dir):
    (local_root / "up.txt").write_bytes(b"up")
    select(window.local_view, [local_index(qtbot, window, local_root / "up.txt")])
    action(window.local_view, "actionCopyItems").trigger()

    action(window.grid_view, "actionPasteItems").trigger()

    wait_for_copy(qtbot, window)
    assert client.read_bytes(fresh_dir, "up.txt") == b"up"
    assert (local_root / "up.txt").exists()


def test_local_cut_pasted_into_the_grid_moves(qtbot, window, local_root, client, fresh_dir):
    (local_root / "cut.txt").write_bytes(b"cut")
    select(window.local_view, [local_index(qtbot, window, local_root / "cut.txt")])
    press(qtbot, window, window.local_view, Qt.Key.Key_X)
    assert bytes(QGuiApplication.clipboard().mimeData().data("application/x-kde-cutselection").data()) == b"1"

    press(qtbot, window, window.grid_view, Qt.Key.Key_V)

    wait_for_copy(qtbot, window)
    assert client.read_bytes(fresh_dir, "cut.txt") == b"cut"
    assert not (local_root / "cut.txt").exists()


def test_a_desktop_uri_list_pasted_into_the_grid_uploads_the_files(qtbot, window, tmp_path, client, fresh_dir):
    desktop = tmp_path / "desktop"
    (desktop / "holiday").mkdir(parents=True)
    (desktop / "holiday" / "beach.jpg").write_bytes(b"beach" * 300)
    (desktop / "list.txt").write_bytes(b"milk")
    mime = QMimeData()  # as a desktop file manager puts copied files: text/uri-list
    mime.setData(
        "text/uri-list",
        b"".join(
            QUrl.fromLocalFile(str(p)).toEncoded().data() + b"\r\n" for p in (desktop / "holiday", desktop / "list.txt")
        ),
    )
    QGuiApplication.clipboard().setMimeData(mime)
    qtbot.waitUntil(lambda: action(window.grid_view, "actionPasteItems").isEnabled(), timeout=5000)

    press(qtbot, window, window.grid_view, Qt.Key.Key_V)

    job = wait_for_copy(qtbot, window)
    assert job.state is JobState.DONE
    files, _ = read_grid_tree(client, fresh_dir)
    assert files == {"holiday/beach.jpg": b"beach" * 300, "list.txt": b"milk"}
    assert (desktop / "list.txt").exists()  # copied, not moved


def test_a_desktop_cut_pasted_into_the_grid_moves_the_files(qtbot, window, tmp_path, client, fresh_dir):
    desktop = tmp_path / "desktop"
    desktop.mkdir()
    (desktop / "moved.txt").write_bytes(b"moved")
    mime = local_paths_mime([str(desktop / "moved.txt")])
    url = QUrl.fromLocalFile(str(desktop / "moved.txt")).toEncoded().data()
    mime.setData("x-special/gnome-copied-files", b"cut\n" + url)  # GNOME Files' cut
    QGuiApplication.clipboard().setMimeData(mime)

    action(window.grid_view, "actionPasteItems").trigger()

    wait_for_copy(qtbot, window)
    assert client.read_bytes(fresh_dir, "moved.txt") == b"moved"
    assert not (desktop / "moved.txt").exists()


def test_local_copy_and_cut_pasted_into_another_local_folder(qtbot, window, local_root):
    (local_root / "src").mkdir()
    (local_root / "dst").mkdir()
    (local_root / "src" / "copied.txt").write_bytes(b"copied")
    (local_root / "src" / "cut.txt").write_bytes(b"cut")
    window.local_pane.navigate(str(local_root / "src"))
    select(window.local_view, [local_index(qtbot, window, local_root / "src" / "copied.txt")])
    action(window.local_view, "actionCopyItems").trigger()
    window.local_pane.navigate(str(local_root / "dst"))
    action(window.local_view, "actionPasteItems").trigger()
    wait_for_copy(qtbot, window)

    window.local_pane.navigate(str(local_root / "src"))
    select(window.local_view, [local_index(qtbot, window, local_root / "src" / "cut.txt")])
    action(window.local_view, "actionCutItems").trigger()
    window.local_pane.navigate(str(local_root / "dst"))
    action(window.local_view, "actionPasteItems").trigger()
    wait_for_copy(qtbot, window, count=2)

    assert read_local_tree(local_root) == {
        "src/copied.txt": b"copied",
        "dst/copied.txt": b"copied",
        "dst/cut.txt": b"cut",
    }


def test_a_paste_over_existing_names_asks_first(qtbot, window, local_root, client, fresh_dir, answers):
    client.upload_to(fresh_dir, "same.txt", b"grid")
    (local_root / "same.txt").write_bytes(b"local")
    grid_index(qtbot, window, "same.txt")
    select(window.local_view, [local_index(qtbot, window, local_root / "same.txt")])
    action(window.local_view, "actionCopyItems").trigger()

    answers.choices = [None]
    action(window.grid_view, "actionPasteItems").trigger()
    assert answers.asked[-1].kind == "choose" and window.queue.jobs == []

    answers.choices = ["Replace"]
    action(window.grid_view, "actionPasteItems").trigger()
    wait_for_copy(qtbot, window)
    assert client.read_bytes(fresh_dir, "same.txt") == b"local"


# ---- where they can't apply ----------------------------------------------------------------


def test_in_a_read_only_folder_cut_and_paste_are_disabled_and_copy_is_not(
    qtbot, tmp_path, grid, client, fresh_dir, local_root
):
    client.upload_to(fresh_dir, "ro.txt", b"read-only")
    nd = make_node_dir(tmp_path / "ro-node", grid, {"readonly": diminish(fresh_dir)})
    win = build_main_window(["-d", str(nd), "--local-root", str(local_root)])
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.grid_view.rootIndex().isValid(), timeout=10000)
    (local_root / "x.txt").write_bytes(b"x")
    select(win.local_view, [local_index(qtbot, win, local_root / "x.txt")])
    action(win.local_view, "actionCopyItems").trigger()  # something to paste
    select(win.grid_view, [grid_index(qtbot, win, "ro.txt")])

    assert not action(win.grid_view, "actionCutItems").isEnabled()
    assert not action(win.grid_view, "actionPasteItems").isEnabled()
    assert action(win.grid_view, "actionCopyItems").isEnabled()
    assert action(win.local_view, "actionPasteItems").isEnabled()

    action(win.grid_view, "actionPasteItems").trigger()  # even when triggered, nothing is written
    action(win.grid_view, "actionCutItems").trigger()
    assert win.queue.jobs == [] and set(entries(client, fresh_dir)) == {"ro.txt"}
    assert not clipboard_holds_grid_items()


def test_paste_is_disabled_while_the_clipboard_holds_nothing_to_paste(qtbot, window):
    paste = action(window.grid_view, "actionPasteItems")
    QGuiApplication.clipboard().setText("just some words")
    qtbot.waitUntil(lambda: not paste.isEnabled(), timeout=5000)
    assert not action(window.local_view, "actionPasteItems").isEnabled()
    assert not action(window.grid_view, "actionCutItems").isEnabled()  # nothing selected
