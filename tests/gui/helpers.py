"""Driving the window the way a user would: drops, selections, waiting for copies."""

from __future__ import annotations

import os
import threading
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, QMimeData, QModelIndex, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QTreeView

from tahoegui.copier import executor
from tahoegui.copier.transfer import CountingReader
from tahoegui.grid.client import GridClient
from tahoegui.jobs.copy_job import CopyJob
from tahoegui.ui.main_window import MainWindow


def make_node_dir(path: Path, grid, aliases: dict[str, str]) -> Path:
    """A node directory that points at the running grid: node.url, tahoe.cfg, private/aliases."""
    return grid.make_node_dir(path, aliases)


def drop(
    view: QTreeView,
    mime: QMimeData,
    on: QModelIndex | None = None,
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """Drop `mime` onto `on` (a row), or onto empty space below the rows, with `modifiers`
    held (Shift: a move)."""
    pos = QPoint(5, view.viewport().height() - 3) if on is None else view.visualRect(on).center()
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, modifiers)
    # Qt delivers a drop only to the widget that accepted the drag's enter and move.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(pos, *args)
        QApplication.sendEvent(view.viewport(), enter)
        assert enter.isAccepted()
        move = QDragMoveEvent(pos, *args)
        QApplication.sendEvent(view.viewport(), move)
        assert move.isAccepted()
    event = QDropEvent(QPointF(pos), *args)
    QApplication.sendEvent(view.viewport(), event)
    assert event.isAccepted()


def select(view: QTreeView, indexes: list[QModelIndex]) -> None:
    selection = view.selectionModel()
    selection.clearSelection()
    for index in indexes:
        selection.select(index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)


def wait_for_copy(qtbot, window: MainWindow, count: int = 1, timeout: int = 60000) -> CopyJob:
    """Wait until `count` jobs exist and none is running; answer the newest."""
    qtbot.waitUntil(lambda: len(window.queue.jobs) >= count and not window.queue.active_jobs, timeout=timeout)
    return window.queue.jobs[-1]


def local_index(qtbot, window: MainWindow, path: Path) -> QModelIndex:
    """The local model's index for `path`, once its folder has been read."""
    model = window.local_pane.model
    parent = model.index(str(path.parent))
    if model.canFetchMore(parent):
        model.fetchMore(parent)
    qtbot.waitUntil(
        lambda: model.index(str(path)).isValid() and model.index(str(path)).row() >= 0 and model.rowCount(parent) > 0,
        timeout=10000,
    )
    return model.index(str(path))


def grid_index(qtbot, window: MainWindow, name: str, parent: QModelIndex | None = None) -> QModelIndex:
    """The grid row called `name` in `parent` (default: the folder shown), after refreshing it."""
    model = window.grid_pane.model
    parent = window.grid_view.rootIndex() if parent is None else parent
    if not model.child_index(parent, name).isValid():
        model.load(parent)
    qtbot.waitUntil(lambda: model.child_index(parent, name).isValid(), timeout=10000)
    return model.child_index(parent, name)


def make_local_tree(root: Path) -> dict[str, bytes]:
    """A small folder tree with nested and empty folders; answers {relative path: bytes}."""
    files = {
        "top.txt": b"top level\n",
        "a/one.bin": os.urandom(70_000),
        "a/b/two.txt": "ünïcode names ✓\n".encode(),
        "a/b/c/three.bin": os.urandom(3000),
        "empty-file": b"",
    }
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (root / "empty-dir").mkdir()
    return files


def read_grid_tree(client: GridClient, cap: str, path: str = "") -> tuple[dict[str, bytes], set[str]]:
    """Every file (with its bytes) and every folder below `cap/path`, by relative path."""
    files: dict[str, bytes] = {}
    dirs: set[str] = set()
    listing = client.list_dir(cap, path)
    for name, entry in listing.children.items():
        sub = f"{path}/{name}" if path else name
        if entry.is_dir:
            dirs.add(sub)
            more_files, more_dirs = read_grid_tree(client, cap, sub)
            files.update(more_files)
            dirs |= more_dirs
        else:
            files[sub] = client.read_bytes(cap, sub)
    return files, dirs


def strip_prefix(tree: dict[str, bytes], prefix: str) -> dict[str, bytes]:
    return {k[len(prefix) + 1 :]: v for k, v in tree.items() if k.startswith(prefix + "/")}


def read_local_tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def hold_transfers(monkeypatch, until: Callable[[], bool], after: int = 1 << 20, timeout: float = 60) -> None:
    """A slow network on which a click always lands mid-copy: each upload and download moves
    its first `after` bytes, then waits until `until()` (checked from the copy's threads; at
    most `timeout` seconds, a guard against hanging). The real copier, job and grid do the
    rest. Smaller files are not held."""
    lock = threading.Lock()

    def wait_for_release() -> None:
        deadline = time.monotonic() + timeout
        while not until() and time.monotonic() < deadline:
            time.sleep(0.01)

    real_read = CountingReader.read
    sent: dict[int, int] = {}  # bytes sent by each upload body

    def read(reader: CountingReader, size: int = -1) -> bytes:
        data = real_read(reader, size)
        with lock:
            sent[id(reader)] = sent.get(id(reader), 0) + len(data)
            held = sent[id(reader)] >= after
        if held:
            wait_for_release()
        return data

    real_counted = executor.counted

    def counted(chunks: Iterable[bytes], *args, **kwargs) -> Iterator[bytes]:
        moved = 0
        for chunk in real_counted(chunks, *args, **kwargs):
            yield chunk
            moved += len(chunk)
            if moved >= after:
                wait_for_release()

    monkeypatch.setattr(CountingReader, "read", read)
    monkeypatch.setattr(executor, "counted", counted)
