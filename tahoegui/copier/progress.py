"""What the copier tells whoever listens: plain progress events, and a cancel token."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Literal

log = logging.getLogger(__name__)

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
    """Set from any thread; checked inside every transfer loop. Listeners added with
    `while_cancellable` also hear it at once, to break off requests that are blocked."""

    def __init__(self) -> None:
        self._event = threading.Event()
        # reentrant: Ctrl-C's handler cancels in the main thread, which may hold it already
        self._lock = threading.RLock()
        self._listeners: list[Callable[[], None]] = []

    def cancel(self) -> None:
        with self._lock:  # a listener being removed waits until this has run
            self._event.set()
            for listener in list(self._listeners):
                _call_quietly(listener)

    @contextmanager
    def while_cancellable(self, listener: Callable[[], None]) -> Iterator[None]:
        """Call `listener` on cancel while the block runs (at once if already cancelled).
        Once the block is left, it is not called and not running: what follows can
        count on nothing being broken off under it."""
        with self._lock:
            self._listeners.append(listener)
            if self._event.is_set():
                _call_quietly(listener)
        try:
            yield
        finally:
            with self._lock:
                self._listeners.remove(listener)

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise CopyCancelled("the copy was cancelled")


def _call_quietly(listener: Callable[[], None]) -> None:
    """Cancelling must not fail because a listener did (it runs in the canceller's thread)."""
    try:
        listener()
    except Exception:
        log.exception("a cancel listener failed")
