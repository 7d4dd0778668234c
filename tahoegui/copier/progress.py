"""What the copier tells whoever listens: plain progress events, and a cancel token."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

Phase = Literal["examining", "planning", "copying", "finishing", "done"]


@dataclass(frozen=True)
class ProgressEvent:
    """A snapshot of a copy's progress. `message` is in the origin's words
    (`examining 3 of 40`, `12/40 files, 2/5 directories`)."""

    phase: Phase
    message: str
    files_done: int = 0
    files_total: int = 0
    dirs_done: int = 0
    dirs_total: int = 0
    bytes_done: int = 0
    bytes_total: int = 0
    current: str | None = None
    new_message: bool = True  # False for byte-count updates that repeat the last message
    sizes_pending: int = 0  # files whose size is not known yet: bytes_total is short by theirs


ProgressCallback = Callable[[ProgressEvent], None]


class CopyCancelled(Exception):
    """Raised inside a transfer when the user cancelled the copy."""


class CancelToken:
    """Set from any thread; checked inside every transfer loop."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise CopyCancelled("the copy was cancelled")
