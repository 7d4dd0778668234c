"""Drag and clipboard payloads: grid items handed over in-process, JSON for other programs."""

from __future__ import annotations

import json

from PySide6.QtCore import QMimeData, QUrl

from tahoegui.models.mime import (
    GRID_ITEMS_MIME,
    DraggedGridItem,
    grid_items_from,
    grid_items_mime,
    has_local_files,
    local_paths_from,
)

CAP = "URI:DIR2:aaaaaaaaaaaaaaaaaaaaaaaaaa:" + "b" * 52
ITEMS = [
    DraggedGridItem(f"{CAP}/photos/a.jpg", "a.jpg", False, "http://127.0.0.1:3456/"),
    DraggedGridItem(f"{CAP}/photos/trip", "trip", True, "http://127.0.0.1:3456/"),
]


def test_grid_items_come_back_as_they_went_in():
    mime = grid_items_mime(ITEMS)
    assert grid_items_from(mime) == ITEMS
    assert mime.formats() == [GRID_ITEMS_MIME]
    assert not mime.hasText() and not mime.hasUrls()  # caps never go where any program reads them


def test_another_program_gets_the_items_as_json_and_we_read_theirs():
    raw = bytes(grid_items_mime(ITEMS).data(GRID_ITEMS_MIME).data())
    assert json.loads(raw) == [
        {"source": f"{CAP}/photos/a.jpg", "name": "a.jpg", "is_dir": False, "node_url": "http://127.0.0.1:3456/"},
        {"source": f"{CAP}/photos/trip", "name": "trip", "is_dir": True, "node_url": "http://127.0.0.1:3456/"},
    ]
    theirs = QMimeData()  # what a drop from another tahoegui window brings
    theirs.setData(GRID_ITEMS_MIME, raw)
    assert grid_items_from(theirs) == ITEMS


def test_more_formats_can_join_the_grid_items():
    mime = grid_items_mime(ITEMS)
    mime.setData("application/x-kde-cutselection", b"1")
    assert mime.formats() == [GRID_ITEMS_MIME, "application/x-kde-cutselection"]
    assert bytes(mime.data("application/x-kde-cutselection").data()) == b"1"
    assert grid_items_from(mime) == ITEMS


def test_garbage_or_other_payloads_carry_no_grid_items():
    garbage = QMimeData()
    garbage.setData(GRID_ITEMS_MIME, b"[{not json")
    assert grid_items_from(garbage) == []
    text = QMimeData()
    text.setText("hello")
    assert grid_items_from(text) == []


def test_local_files_are_found_by_their_file_urls():
    files = QMimeData()
    files.setUrls([QUrl("https://example.org/x"), QUrl.fromLocalFile("/tmp/ä b.txt")])
    assert has_local_files(files)
    assert local_paths_from(files) == ["/tmp/ä b.txt"]
    web = QMimeData()
    web.setUrls([QUrl("https://example.org/x")])
    assert not has_local_files(web)
    assert not has_local_files(grid_items_mime(ITEMS))
