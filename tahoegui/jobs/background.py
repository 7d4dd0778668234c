"""Run blocking calls (grid listings, node status) on a thread pool; deliver answers on the UI thread.

Why a QThreadPool rather than an asyncio loop: it needs no special event loop, so the
window behaves the same under `app.exec()`, under pytest-qt and in the benchmarks.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from tahoegui.grid.errors import GridError
from tahoegui.grid.redact import redact

log = logging.getLogger(__name__)


def friendly_error(exc: BaseException) -> str:
    """A message fit to show for any exception: the grid's own text, or a plain sentence."""
    if isinstance(exc, GridError):
        return str(exc)
    if isinstance(exc, OSError):
        return redact(f"{exc.strerror or type(exc).__name__}" + (f": {exc.filename}" if exc.filename else ""))
    return f"an internal error occurred ({type(exc).__name__}); details are in the log"


class _Reply(QObject):
    """Lives on the UI thread, so signals emitted from the worker arrive there (queued)."""

    done = Signal(object)
    failed = Signal(str)


class _Call(QRunnable):
    def __init__(self, fn: Callable[[], Any], reply: _Reply):
        super().__init__()
        self.setAutoDelete(True)
        self.fn = fn
        self.reply = reply

    def run(self) -> None:
        try:
            result = self.fn()
        except Exception as e:  # every failure becomes a message; tracebacks go to the log only
            if not isinstance(e, GridError):
                log.exception("background call failed")
            self.reply.failed.emit(friendly_error(e))
        else:
            self.reply.done.emit(result)


class BackgroundRunner(QObject):
    """Submits blocking calls to its own pool; each answer or error comes back as a callback
    on the UI thread. Callbacks bound to a deleted QObject are silently dropped."""

    def __init__(self, max_threads: int = 4, parent: QObject | None = None):
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._pending: set[_Reply] = set()

    def submit(self, fn: Callable[[], Any], on_done: Callable[[Any], None],
               on_error: Callable[[str], None] | None = None) -> None:
        reply = _Reply()
        self._pending.add(reply)

        def finish_ok(value: Any) -> None:
            self._pending.discard(reply)
            _call_safely(on_done, value)

        def finish_error(message: str) -> None:
            self._pending.discard(reply)
            if on_error is not None:
                _call_safely(on_error, message)
            else:
                log.warning("%s", message)

        reply.done.connect(finish_ok)
        reply.failed.connect(finish_error)
        self.pool.start(_Call(fn, reply))

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def wait(self, msecs: int = 30000) -> bool:
        """Wait for running calls (used when closing, and by benchmarks)."""
        return self.pool.waitForDone(msecs)


def _call_safely(callback: Callable[[Any], None], value: Any) -> None:
    try:
        callback(value)
    except RuntimeError as e:
        # The receiver's C++ object is gone (its window was closed): nobody is listening.
        if "already deleted" not in str(e):
            raise
