"""Deleting local files off the UI thread: to the desktop's trash, or for good.

A big folder takes a while either way (the trash may have to copy it across file
systems), so it runs on the `BackgroundRunner`; `on_done` hears, on the UI thread, what
went and what did not. No widgets: confirm with the user first, then call.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QFile

from tahoegui.jobs.background import BackgroundRunner


@dataclass
class DeleteResult:
    """Each path is in one of the two lists."""

    deleted: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # path, reason


def _trash(path: str) -> None:
    answer = QFile.moveToTrash(path)  # PySide6 answers a bool, though its stub says (bool, path)
    if not (answer[0] if isinstance(answer, tuple) else answer):
        raise OSError("the desktop's trash did not take it")


def _remove(path: str) -> None:
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path)
    else:
        os.unlink(path)


def _each(paths: list[str], fn: Callable[[str], None]) -> DeleteResult:
    result = DeleteResult()
    for path in paths:
        try:
            fn(path)
        except OSError as e:
            result.failed.append((path, e.strerror or str(e)))
        else:
            result.deleted.append(path)
    return result


def move_to_trash(
    runner: BackgroundRunner, paths: list[str], on_done: Callable[[DeleteResult], None], on_error: Callable[[str], None]
) -> None:
    """Move each path to the desktop's trash (`QFile.moveToTrash`), where it can be restored."""
    runner.submit(lambda: _each(paths, _trash), on_done, on_error)


def delete_for_good(
    runner: BackgroundRunner, paths: list[str], on_done: Callable[[DeleteResult], None], on_error: Callable[[str], None]
) -> None:
    """Delete each path (a folder with all it holds; a symlink itself, never its target)."""
    runner.submit(lambda: _each(paths, _remove), on_done, on_error)
