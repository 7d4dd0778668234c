"""Copy Read-only Link on the real grid: the clipboard gets the read-only cap of the item,
the safe thing to share, and never its write cap."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication

from tahoegui.grid.caps import diminish
from tests.gui.helpers import grid_index, select

pytestmark = pytest.mark.grid


def copy_read_only_link(window) -> QAction:
    return next(a for a in window.grid_view.actions() if a.objectName() == "actionCopyReadOnlyLink")


def clipboard_after_copying_the_link_of(qtbot, window, index) -> str:
    """Select the row, trigger the action; answers the clipboard's text, checking that its
    text is all it holds."""
    clipboard = QApplication.clipboard()
    clipboard.setText("what was there before")
    select(window.grid_view, [index])
    copy_read_only_link(window).trigger()
    mime = clipboard.mimeData()
    assert mime.formats() == ["text/plain"], mime.formats()
    return clipboard.text()


def assert_only_the_read_only_cap(text: str, write_cap: str, read_cap: str) -> None:
    assert text == read_cap
    assert text != write_cap and write_cap not in text
    clipboard = QApplication.clipboard().mimeData()
    for fmt in clipboard.formats():  # in no form at all
        assert write_cap.encode() not in bytes(clipboard.data(fmt)), fmt


def test_the_link_of_a_writable_folder_is_its_read_only_cap(qtbot, window, client, fresh_dir):
    write_cap = client.mkdir(fresh_dir, "shared folder")
    read_cap = client.stat(fresh_dir, "shared folder").ro_uri
    assert read_cap and read_cap.startswith("URI:DIR2-RO:") and write_cap.startswith("URI:DIR2:")

    text = clipboard_after_copying_the_link_of(qtbot, window, grid_index(qtbot, window, "shared folder"))

    assert_only_the_read_only_cap(text, write_cap, read_cap)
    assert window.statusBar().currentMessage() == "Copied a read-only link to 'shared folder'"


@pytest.mark.parametrize("fmt, read_prefix", [("SDMF", "URI:SSK-RO:"), ("MDMF", "URI:MDMF-RO:")])
def test_the_link_of_a_writable_mutable_file_is_its_read_only_cap(qtbot, window, client, fresh_dir, fmt, read_prefix):
    write_cap = client.upload_to(fresh_dir, "notes.txt", b"my notes", fmt=fmt)
    read_cap = client.stat(fresh_dir, "notes.txt").ro_uri
    assert read_cap and read_cap.startswith(read_prefix) and read_cap == diminish(write_cap)

    text = clipboard_after_copying_the_link_of(qtbot, window, grid_index(qtbot, window, "notes.txt"))

    assert_only_the_read_only_cap(text, write_cap, read_cap)


def test_the_link_of_an_alias_is_the_read_only_cap_of_its_folder(qtbot, window, fresh_dir):
    window.grid_pane.go_up()  # to the list of aliases, where `gui` is a row
    model = window.grid_pane.model
    alias_row = model.alias_index("gui")
    assert alias_row.isValid()

    text = clipboard_after_copying_the_link_of(qtbot, window, alias_row)

    assert_only_the_read_only_cap(text, fresh_dir, diminish(fresh_dir))


def test_the_link_of_an_immutable_file_is_its_cap(qtbot, window, client, fresh_dir):
    cap = client.upload_to(fresh_dir, "photo.jpg", b"\xff\xd8" + bytes(5000))
    assert cap.startswith("URI:CHK:")  # read-only by nature

    text = clipboard_after_copying_the_link_of(qtbot, window, grid_index(qtbot, window, "photo.jpg"))

    assert text == cap
