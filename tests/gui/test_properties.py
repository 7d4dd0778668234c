"""Properties (Alt+Enter): what a grid item is, its times, storage index and caps, as the node
reports them; caps masked until Reveal, each with Copy."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QPushButton

from tahoegui.formats import format_size, format_time
from tahoegui.grid.caps import diminish
from tahoegui.grid.redact import redact
from tahoegui.ui.main_window import MainWindow
from tahoegui.ui.properties_dialog import PropertiesDialog
from tests.gui.helpers import grid_index, select

pytestmark = pytest.mark.grid

STORED_MTIME = 1_700_000_000.0


def grid_action(window: MainWindow, name: str) -> QAction:
    found = [a for a in window.grid_view.actions() if a.objectName() == name]
    assert len(found) == 1, name
    return found[0]


def open_properties(qtbot, window: MainWindow, name: str | None) -> PropertiesDialog:
    """Select `name` in the folder shown (nothing: the folder itself) and ask for its properties."""
    if name is None:
        window.grid_view.selectionModel().clearSelection()
    else:
        select(window.grid_view, [grid_index(qtbot, window, name)])
    before = set(window.findChildren(QDialog, "propertiesDialog"))
    grid_action(window, "actionProperties").trigger()
    new = [d for d in window.findChildren(QDialog, "propertiesDialog") if d not in before]
    assert len(new) == 1
    dialog = new[0]
    qtbot.waitUntil(lambda: not dialog.asking, timeout=30000)
    assert dialog.findChild(QLabel, "propertiesStatus").text() == ""  # the node answered
    return dialog


def cap_field(dialog: QDialog, stem: str) -> QLineEdit:
    return dialog.findChild(QLineEdit, f"field{stem}")


def button(dialog: QDialog, name: str) -> QPushButton:
    return dialog.findChild(QPushButton, name)


def storage_index_of(verify_cap: str) -> str:
    """The first field after the verify cap's prefix is the storage index (webapi reference §5)."""
    return verify_cap.split(":")[2]


def assert_no_cap_shown(dialog: QDialog) -> None:
    texts = [dialog.windowTitle()] + [label.text() for label in dialog.findChildren(QLabel)]
    texts += [field.text() for field in dialog.findChildren(QLineEdit)]
    assert not [t for t in texts if "URI:" in t]


def test_an_immutable_file_shows_its_facts_and_masked_caps(qtbot, window, client, fresh_dir):
    data = b"properties " * 500
    file_cap = client.upload(data)
    client.set_children(fresh_dir, {"report.txt": (file_cap, {"mtime": STORED_MTIME})})
    entry = client.stat(fresh_dir, "report.txt")  # what the node says, link times included
    assert entry.link_created is not None and entry.verify_uri is not None

    dialog = open_properties(qtbot, window, "report.txt")
    assert dialog.value("Name") == "report.txt"
    assert dialog.value("Location") == "gui:report.txt"
    assert dialog.value("Kind") == "immutable file"
    assert dialog.value("Format") == "CHK"
    assert dialog.value("Size") == f"{format_size(len(data))} ({len(data):,} bytes)"
    assert dialog.value("Mutable") == "no (immutable)"
    assert dialog.value("Writable") == "no: read-only"
    assert dialog.value("LinkCreated") == format_time(entry.link_created)
    assert dialog.value("LinkModified") == format_time(entry.link_modified)
    assert dialog.value("Mtime") == format_time(STORED_MTIME)
    assert dialog.value("StorageIndex") == storage_index_of(entry.verify_uri)
    assert "report.txt" in dialog.windowTitle()

    # masked until Reveal: the redacted form, never the cap
    read, verify, write = cap_field(dialog, "ReadCap"), cap_field(dialog, "VerifyCap"), cap_field(dialog, "WriteCap")
    assert read.text() == redact(entry.ro_uri) and read.text() != entry.ro_uri
    assert verify.text() == redact(entry.verify_uri)
    assert not button(dialog, "revealWriteCap").isEnabled() and not button(dialog, "copyWriteCap").isEnabled()
    assert write.text().startswith("none")
    assert_no_cap_shown(dialog)

    qtbot.mouseClick(button(dialog, "revealReadCap"), Qt.MouseButton.LeftButton)
    assert read.text() == entry.ro_uri == file_cap
    assert verify.text() == redact(entry.verify_uri)  # each cap has its own Reveal
    qtbot.mouseClick(button(dialog, "revealReadCap"), Qt.MouseButton.LeftButton)  # now "Hide"
    assert read.text() == redact(entry.ro_uri)

    qtbot.mouseClick(button(dialog, "copyVerifyCap"), Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == entry.verify_uri
    assert verify.text() == redact(entry.verify_uri)  # copying does not reveal it
    assert "copied" in dialog.findChild(QLabel, "propertiesStatus").text()
    assert_no_cap_shown(dialog)


def test_a_mutable_file_gets_its_size_and_write_cap_from_the_node(qtbot, window, client, fresh_dir):
    data = b"mutable and writable\n" * 40
    client.upload_to(fresh_dir, "notes.md", data, fmt="MDMF")
    entry = client.stat(fresh_dir, "notes.md")
    assert client.list_dir(fresh_dir).children["notes.md"].size is None  # the listing has no size

    dialog = open_properties(qtbot, window, "notes.md")
    assert dialog.value("Kind") == "mutable file"
    assert dialog.value("Format") == "MDMF"
    assert dialog.value("Size") == f"{format_size(len(data))} ({len(data):,} bytes)"
    assert dialog.value("Mutable") == "yes"
    assert dialog.value("Writable") == "yes: you hold its write cap"
    assert dialog.value("Mtime") == "not stored"
    assert dialog.value("StorageIndex") == storage_index_of(entry.verify_uri)
    write = cap_field(dialog, "WriteCap")
    assert write.text() == redact(entry.rw_uri) and entry.rw_uri.startswith("URI:MDMF:")
    qtbot.mouseClick(button(dialog, "revealWriteCap"), Qt.MouseButton.LeftButton)
    assert write.text() == entry.rw_uri
    qtbot.mouseClick(button(dialog, "copyWriteCap"), Qt.MouseButton.LeftButton)
    assert QGuiApplication.clipboard().text() == entry.rw_uri


def test_the_folder_shown_when_nothing_is_selected_and_a_subfolder(qtbot, window, client, fresh_dir):
    client.mkdir(fresh_dir, "sub")
    client.upload_to(fresh_dir, "sub/a.txt", b"a")
    client.upload_to(fresh_dir, "sub/b.txt", b"b")
    node = client.stat(fresh_dir)

    dialog = open_properties(qtbot, window, None)  # the alias `gui:` itself
    assert dialog.value("Name") == "gui"
    assert dialog.value("Kind") == "directory"
    assert dialog.value("Format") == "SDMF"
    assert dialog.value("Size") == "1 entry"
    assert dialog.value("Writable") == "yes: you hold its write cap"
    assert dialog.value("LinkCreated") == "not recorded"  # an alias is in no folder
    assert dialog.value("StorageIndex") == storage_index_of(node.verify_uri)
    for stem, cap in (("WriteCap", fresh_dir), ("ReadCap", diminish(fresh_dir)), ("VerifyCap", node.verify_uri)):
        assert cap_field(dialog, stem).text() == redact(cap)
        qtbot.mouseClick(button(dialog, f"reveal{stem}"), Qt.MouseButton.LeftButton)
        assert cap_field(dialog, stem).text() == cap

    sub = open_properties(qtbot, window, "sub")
    entry = client.list_dir(fresh_dir).children["sub"]  # a folder's link times are in its parent's listing
    assert entry.link_created is not None
    assert sub.value("Kind") == "directory"
    assert sub.value("Size") == "2 entries"
    assert sub.value("LinkCreated") == format_time(entry.link_created)
    qtbot.mouseClick(button(sub, "revealWriteCap"), Qt.MouseButton.LeftButton)
    assert cap_field(sub, "WriteCap").text() == entry.rw_uri


def test_a_literal_file_has_no_storage_index_and_no_verify_cap(qtbot, window, client, fresh_dir):
    client.upload_to(fresh_dir, "tiny.txt", b"tiny")
    dialog = open_properties(qtbot, window, "tiny.txt")
    assert dialog.value("Format") == "LIT"
    assert dialog.value("StorageIndex") == "none: the data is inside the cap"
    assert cap_field(dialog, "VerifyCap").text().startswith("none")
    assert not button(dialog, "revealVerifyCap").isEnabled()
    assert cap_field(dialog, "ReadCap").text() == redact(client.stat(fresh_dir, "tiny.txt").ro_uri)


def test_alt_enter_opens_properties_of_the_selected_row(qtbot, window, client, fresh_dir):
    client.upload_to(fresh_dir, "keys.txt", b"alt and enter" * 10)
    select(window.grid_view, [grid_index(qtbot, window, "keys.txt")])
    window.grid_view.setFocus()
    qtbot.keyClick(window.grid_view, Qt.Key.Key_Return, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: bool(window.findChildren(QDialog, "propertiesDialog")), timeout=5000)
    dialog = window.findChildren(QDialog, "propertiesDialog")[-1]
    assert dialog.value("Name") == "keys.txt"
