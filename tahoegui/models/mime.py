"""What travels in a drag: grid items in our own MIME type, local files as `text/uri-list`.

Grid items carry caps, so they never go into `text/plain` where any program could read them.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from PySide6.QtCore import QMimeData, QUrl

from tahoegui.grid.redact import redacting_repr

GRID_ITEMS_MIME = "application/x-tahoegui-grid-items"
URI_LIST_MIME = "text/uri-list"


@redacting_repr
@dataclass(frozen=True)
class DraggedGridItem:
    """A grid item as a `tahoe cp` source (`PARENTCAP/path/name`, or a bare cap for a root)."""

    source: str
    name: str
    is_dir: bool
    node_url: str  # which node's grid it belongs to


def grid_items_mime(items: list[DraggedGridItem]) -> QMimeData:
    mime = QMimeData()
    mime.setData(GRID_ITEMS_MIME, json.dumps([asdict(i) for i in items]).encode("utf-8"))
    return mime


def grid_items_from(mime: QMimeData) -> list[DraggedGridItem]:
    """The grid items in a drag, or [] if it carries none (or garbage)."""
    if not mime.hasFormat(GRID_ITEMS_MIME):
        return []
    try:
        raw = json.loads(bytes(mime.data(GRID_ITEMS_MIME).data()).decode("utf-8"))
        return [DraggedGridItem(str(i["source"]), str(i["name"]), bool(i["is_dir"]), str(i["node_url"])) for i in raw]
    except (ValueError, KeyError, TypeError):
        return []


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
