"""What travels in a drag: grid items in our own MIME type, local files as `text/uri-list`.

Grid items carry caps, so they never go into `text/plain` where any program could read them.
Within this window a drag or the clipboard hands over the items themselves (`GridItemsMime`):
a selection of 10,000 rows is written out as JSON only if another program asks for it.
"""

from __future__ import annotations

import json
import re
from typing import Any, NamedTuple

from PySide6.QtCore import QByteArray, QMimeData, QUrl

from tahoegui.grid.redact import redacting_repr

GRID_ITEMS_MIME = "application/x-tahoegui-grid-items"
URI_LIST_MIME = "text/uri-list"
_FILE_URL = re.compile(rb"^file:", re.IGNORECASE | re.MULTILINE)


@redacting_repr
class DraggedGridItem(NamedTuple):
    """A grid item as a `tahoe cp` source (`PARENTCAP/path/name`, or a bare cap for a root).
    A tuple: a selection of 10,000 rows makes 10,000 of them at once."""

    source: str
    name: str
    is_dir: bool
    node_url: str  # which node's grid it belongs to


class GridItemsMime(QMimeData):
    """Grid items in our own MIME type, as `items`; their JSON is made when it is asked for
    (by another program, or by `data()`). Other formats may be added as to any QMimeData."""

    def __init__(self, items: list[DraggedGridItem]):
        super().__init__()
        self.items = items

    def formats(self) -> list[str]:
        return [GRID_ITEMS_MIME, *(f for f in super().formats() if f != GRID_ITEMS_MIME)]

    def hasFormat(self, mimetype: str) -> bool:
        return mimetype == GRID_ITEMS_MIME or super().hasFormat(mimetype)

    def retrieveData(self, mimetype: str, preferredType: Any) -> Any:
        if mimetype == GRID_ITEMS_MIME:
            return QByteArray(encode_grid_items(self.items))
        return super().retrieveData(mimetype, preferredType)


def encode_grid_items(items: list[DraggedGridItem]) -> bytes:
    rows = [{"source": i.source, "name": i.name, "is_dir": i.is_dir, "node_url": i.node_url} for i in items]
    return json.dumps(rows).encode("utf-8")


def grid_items_mime(items: list[DraggedGridItem]) -> QMimeData:
    return GridItemsMime(items)


def grid_items_from(mime: QMimeData) -> list[DraggedGridItem]:
    """The grid items in a drag, or [] if it carries none (or garbage)."""
    if isinstance(mime, GridItemsMime):  # from this window: the items themselves
        return list(mime.items)
    if not mime.hasFormat(GRID_ITEMS_MIME):
        return []
    try:
        raw = json.loads(bytes(mime.data(GRID_ITEMS_MIME).data()).decode("utf-8"))
        return [DraggedGridItem(str(i["source"]), str(i["name"]), bool(i["is_dir"]), str(i["node_url"])) for i in raw]
    except (ValueError, KeyError, TypeError):
        return []


def has_local_files(mime: QMimeData) -> bool:
    """Whether a drag carries local files: a look at its `text/uri-list` for a `file:` URL,
    cheap however many files it names (`local_paths_from` makes a path of each)."""
    return mime.hasUrls() and _FILE_URL.search(bytes(mime.data(URI_LIST_MIME).data())) is not None


def local_paths_from(mime: QMimeData) -> list[str]:
    """Absolute local paths of the files in a drag (from our local pane or the desktop)."""
    if not mime.hasUrls():
        return []
    paths = []
    for url in mime.urls():
        if url.isLocalFile():
            path = url.toLocalFile()
            if len(path) > 1:
                path = path.rstrip("/")
            paths.append(path)
    return paths


def local_paths_mime(paths: list[str]) -> QMimeData:
    """A `text/uri-list` drag of local files, as a desktop file manager makes it."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(p) for p in paths])
    return mime
