"""Caps on the grid pane: Copy Read-only Link, Copy Write Cap, Copy Verify Cap, Add Cap Here,
Open Location (Ctrl+L), and file caps or `alias:path`s naming a file in the location bar.

Every test checks what it can through the grid client or the file system afterwards.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication

from tahoegui.app import build_main_window
from tahoegui.grid.caps import diminish, parse
from tahoegui.ui.main_window import MainWindow
from tests.gui.helpers import grid_index, make_node_dir, select, wait_for_copy
from tests.gui.scripted_prompts import ScriptedPrompts

pytestmark = pytest.mark.grid

UNTOUCHED = "the clipboard as it was"


@pytest.fixture
def answers(monkeypatch) -> ScriptedPrompts:
    return ScriptedPrompts().install(monkeypatch)


@pytest.fixture(autouse=True)
def clipboard(qapp):
    QGuiApplication.clipboard().setText(UNTOUCHED)
    yield QGuiApplication.clipboard()
    QGuiApplication.clipboard().clear()


def action(view, name: str) -> QAction:
    found = [a for a in view.actions() if a.objectName() == name]
    assert len(found) == 1, f"{name} in {view.objectName()}"
    return found[0]


def entries(client, cap: str, path: str = ""):
    return client.list_dir(cap, path).children


def go_to(qtbot, window: MainWindow, text: str) -> None:
    """Type `text` into the grid pane's location bar and press Enter."""
    line = window.grid_pane.nav.location
    line.setText(text)
    qtbot.keyClick(line, Qt.Key.Key_Return)


def wait_for_message(qtbot, window: MainWindow, words: str) -> str:
    qtbot.waitUntil(lambda: words in window.statusBar().currentMessage(), timeout=30000)
    return window.statusBar().currentMessage()


# ---- Copy Read-only Link, Copy Write Cap ---------------------------------------------------


def test_copy_read_only_link_puts_the_read_only_cap_never_the_write_cap(qtbot, window, client, fresh_dir, clipboard):
    client.mkdir(fresh_dir, "folder")
    client.attach(fresh_dir, "notes", client.upload(b"mutable notes", fmt="SDMF"))
    listing = entries(client, fresh_dir)
    for name in ("folder", "notes"):
        select(window.grid_view, [grid_index(qtbot, window, name)])
        action(window.grid_view, "actionCopyReadOnlyLink").trigger()
        text = clipboard.text()
        assert text == listing[name].ro_uri and text != listing[name].rw_uri
        assert not parse(text).is_writable


def test_copy_write_cap_copies_the_write_cap_of_a_writable_item(qtbot, window, client, fresh_dir, clipboard):
    client.mkdir(fresh_dir, "folder")
    client.attach(fresh_dir, "notes", client.upload(b"mutable notes", fmt="MDMF"))
    listing = entries(client, fresh_dir)
    copy_write_cap = action(window.grid_view, "actionCopyWriteCap")
    for name in ("folder", "notes"):
        select(window.grid_view, [grid_index(qtbot, window, name)])
        assert copy_write_cap.isEnabled()
        copy_write_cap.trigger()
        assert clipboard.text() == listing[name].rw_uri
    text = window.statusBar().currentMessage()
    assert "write cap" in text and "URI:" not in text


def test_copy_write_cap_is_disabled_for_read_only_items(qtbot, window, client, fresh_dir, clipboard):
    client.upload_to(fresh_dir, "immutable.txt", b"no write cap exists")
    ro_folder = client.mkdir()
    client.attach(fresh_dir, "linked read-only", diminish(ro_folder))
    client.mkdir(fresh_dir, "writable")
    copy_write_cap = action(window.grid_view, "actionCopyWriteCap")
    for name in ("immutable.txt", "linked read-only"):
        select(window.grid_view, [grid_index(qtbot, window, name)])
        assert not copy_write_cap.isEnabled(), name
        copy_write_cap.trigger()
        assert clipboard.text() == UNTOUCHED
    select(window.grid_view, [grid_index(qtbot, window, n) for n in ("writable", "immutable.txt")])
    assert not copy_write_cap.isEnabled()  # one item at a time
    select(window.grid_view, [])
    assert not copy_write_cap.isEnabled()


def test_copy_write_cap_is_disabled_below_a_read_only_alias(qtbot, tmp_path, grid, client, fresh_dir, local_root):
    client.mkdir(fresh_dir, "sub")
    nd = make_node_dir(tmp_path / "ro-node", grid, {"readonly": diminish(fresh_dir)})
    win = build_main_window(["-d", str(nd), "--local-root", str(local_root)])
    qtbot.addWidget(win)
    win.show()
    qtbot.waitUntil(lambda: win.grid_view.rootIndex().isValid(), timeout=10000)
    select(win.grid_view, [grid_index(qtbot, win, "sub")])
    assert not action(win.grid_view, "actionCopyWriteCap").isEnabled()
    assert not action(win.grid_view, "actionAddCapHere").isEnabled()
    assert action(win.grid_view, "actionCopyVerifyCap").isEnabled()


# ---- Copy Verify Cap -----------------------------------------------------------------------


def test_copy_verify_cap(qtbot, window, client, fresh_dir, clipboard):
    client.upload_to(fresh_dir, "big.bin", b"b" * 5000)
    client.upload_to(fresh_dir, "tiny.txt", b"t")  # literal: the bytes are in the cap
    listing = entries(client, fresh_dir)
    copy_verify_cap = action(window.grid_view, "actionCopyVerifyCap")

    select(window.grid_view, [grid_index(qtbot, window, "big.bin")])
    copy_verify_cap.trigger()
    assert clipboard.text() == listing["big.bin"].verify_uri and parse(clipboard.text()).is_verify

    select(window.grid_view, [grid_index(qtbot, window, "tiny.txt")])
    assert not copy_verify_cap.isEnabled()

    window.grid_pane.navigate(window.grid_view.rootIndex().parent())  # the aliases
    select(window.grid_view, [window.grid_pane.model.alias_index("gui")])
    copy_verify_cap.trigger()  # derived from the alias's cap: no listing gives it here
    assert clipboard.text() == client.list_dir(fresh_dir).node.verify_uri


# ---- Add Cap Here --------------------------------------------------------------------------


def test_add_cap_here_links_an_existing_cap_under_a_name(qtbot, window, client, fresh_dir, answers):
    elsewhere = client.mkdir()
    client.upload_to(elsewhere, "shared.pdf", b"%PDF" * 100)
    cap = entries(client, elsewhere)["shared.pdf"].ro_uri
    answers.texts = [cap, "from a friend.pdf"]

    action(window.grid_view, "actionAddCapHere").trigger()

    qtbot.waitUntil(lambda: "from a friend.pdf" in entries(client, fresh_dir), timeout=30000)
    assert entries(client, fresh_dir)["from a friend.pdf"].ro_uri == cap
    assert [q.title for q in answers.asked] == ["Add Cap Here", "Add Cap Here"]
    text = wait_for_message(qtbot, window, "Linked 'from a friend.pdf'")
    assert "URI:" not in text


def test_add_cap_here_refuses_a_name_that_exists_and_what_is_not_a_cap(qtbot, window, client, fresh_dir, answers):
    client.upload_to(fresh_dir, "taken", b"keep me")
    grid_index(qtbot, window, "taken")
    other = client.mkdir()
    answers.texts = ["not a cap", diminish(other), "taken", "taken"]  # then the user gives up

    action(window.grid_view, "actionAddCapHere").trigger()

    labels = [q.text for q in answers.asked]
    assert "not a cap" in labels[1]
    assert "already something named 'taken'" in labels[3]
    assert "Nothing linked" in window.statusBar().currentMessage()
    qtbot.wait(100)
    assert not window.runner.busy
    assert client.read_bytes(fresh_dir, "taken") == b"keep me" and set(entries(client, fresh_dir)) == {"taken"}


def test_add_cap_here_over_a_name_made_meanwhile_is_refused_by_the_grid(qtbot, window, client, fresh_dir, answers):
    other = client.mkdir()
    answers.texts = [other, "late"]
    client.upload_to(fresh_dir, "late", b"made behind the window's back")

    action(window.grid_view, "actionAddCapHere").trigger()

    text = wait_for_message(qtbot, window, "Could not link 'late'")
    assert "already something named" in text and "URI:" not in text
    assert client.read_bytes(fresh_dir, "late") == b"made behind the window's back"


# ---- Open Location -------------------------------------------------------------------------


def test_ctrl_l_focuses_the_location_bar_of_the_pane_in_use(qtbot, window):
    found = window.findChild(QAction, "actionOpenLocation")
    assert found is not None and found.shortcut().toString() == "Ctrl+L"
    window.activateWindow()
    for pane in (window.grid_pane, window.local_pane):
        pane.view.setFocus()
        qtbot.waitUntil(pane.view.hasFocus, timeout=5000)
        qtbot.keyClick(pane.view, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(pane.nav.location.hasFocus, timeout=5000)
        assert pane.nav.location.selectedText() == pane.nav.location.text()


# ---- a file named in the location bar ------------------------------------------------------


def test_an_alias_path_naming_a_file_opens_its_folder_with_the_file_selected(
    qtbot, window, local_root, client, fresh_dir
):
    client.upload_to(fresh_dir, "docs/readme.txt", b"read me")
    client.upload_to(fresh_dir, "docs/other.txt", b"other")

    go_to(qtbot, window, "gui:docs/readme.txt")

    model = window.grid_pane.model
    qtbot.waitUntil(lambda: model.item(window.grid_view.currentIndex()).name == "readme.txt", timeout=10000)
    assert model.item(window.grid_view.rootIndex()).name == "docs"
    action(window.grid_view, "actionCopyToLocal").trigger()  # the file is ready for F5
    wait_for_copy(qtbot, window)
    assert sorted(p.name for p in local_root.iterdir()) == ["readme.txt"]
    assert (local_root / "readme.txt").read_bytes() == b"read me"


def test_a_folder_cap_with_a_path_naming_a_file_selects_it(qtbot, window, client, fresh_dir):
    other = client.mkdir()
    client.upload_to(other, "inner/target.bin", b"x" * 3000)

    go_to(qtbot, window, f"{other}/inner/target.bin")

    model = window.grid_pane.model
    qtbot.waitUntil(lambda: model.item(window.grid_view.currentIndex()).name == "target.bin", timeout=10000)
    assert model.item(window.grid_view.rootIndex()).name == "inner"
    assert "URI:" not in window.grid_pane.nav.location.text()


def test_a_bare_file_cap_shows_on_a_row_of_its_own_ready_to_copy(qtbot, window, local_root, client, answers):
    scratch = client.mkdir()
    client.upload_to(scratch, "x", b"just a file, in no folder" * 100)
    cap = entries(client, scratch)["x"].ro_uri

    go_to(qtbot, window, cap)

    model, view = window.grid_pane.model, window.grid_view
    qtbot.waitUntil(
        lambda: view.currentIndex().isValid() and model.item(view.currentIndex()).is_file_root, timeout=10000
    )
    row = model.item(view.currentIndex())
    assert row.root_cap == cap and not view.rootIndex().isValid()
    assert not any(c.is_note for c in row.children) and not model.hasChildren(view.currentIndex())
    assert "URI:" not in row.name and "URI:" not in window.statusBar().currentMessage()

    answers.texts = ["saved.txt"]  # it has no name on the grid: Copy to Local asks for one
    action(view, "actionCopyToLocal").trigger()

    wait_for_copy(qtbot, window)
    assert (local_root / "saved.txt").read_bytes() == b"just a file, in no folder" * 100


def test_a_mutable_file_write_cap_opens_and_its_write_cap_can_be_copied(qtbot, window, client, clipboard):
    cap = client.upload(b"mutable", fmt="MDMF")

    go_to(qtbot, window, cap)

    view = window.grid_view
    qtbot.waitUntil(lambda: view.currentIndex().isValid(), timeout=10000)
    copy_write_cap = action(view, "actionCopyWriteCap")
    qtbot.waitUntil(copy_write_cap.isEnabled, timeout=5000)
    copy_write_cap.trigger()
    assert clipboard.text() == cap
    action(view, "actionCopyReadOnlyLink").trigger()
    assert clipboard.text() == diminish(cap)


def test_a_verify_cap_in_the_location_bar_is_refused_in_words(qtbot, window, client, fresh_dir):
    go_to(qtbot, window, client.list_dir(fresh_dir).node.verify_uri)
    assert "can't open it" in window.statusBar().currentMessage()
    assert window.grid_pane.model.rowCount() == 1  # no new root
