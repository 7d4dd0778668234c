"""Run blocking calls (grid listings, node status) off the UI thread; deliver answers on it.

Each call runs in a thread-pool executor and is wrapped as a future of the app's qasync
loop (what `loop.run_in_executor` does, keeping hold of the executor's own future so
`wait()` can wait for it); the future's callback runs on the UI thread, where the answer
is handed to the caller's callback.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject

from tahoegui.grid.errors import GridError, internal_error
from tahoegui.grid.redact import redact
from tahoegui.jobs.event_loop import qt_event_loop

log = logging.getLogger(__name__)


def friendly_error(exc: BaseException) -> str:
    """A message fit to show for any exception: the grid's own text, or a plain sentence."""
    if isinstance(exc, GridError):
        return str(exc)
    if isinstance(exc, OSError):
        return redact(f"{exc.strerror or type(exc).__name__}" + (f": {exc.filename}" if exc.filename else ""))
    return internal_error(exc)


class BackgroundRunner(QObject):
    """Submits blocking calls to its own executor; each answer or error comes back as a
    callback on the UI thread. Callbacks bound to a deleted QObject are silently dropped."""

    def __init__(self, max_threads: int = 4, parent: QObject | None = None):
        super().__init__(parent)
        self.loop = qt_event_loop()
        self.executor = concurrent.futures.ThreadPoolExecutor(max_threads, thread_name_prefix="tahoegui-io")
        self._pending: set[concurrent.futures.Future[Any]] = set()
        self._shut_down = False
        executor = self.executor  # not self: the lambda must not keep this object alive
        self.destroyed.connect(lambda *_: executor.shutdown(wait=False, cancel_futures=True))

    def submit(
        self, fn: Callable[[], Any], on_done: Callable[[Any], None], on_error: Callable[[str], None] | None = None
    ) -> None:
        if self._shut_down:  # the window is closing: a late refresh or poll has nobody to show to
            log.debug("a background call after shutdown was dropped")
            return
        work = self.executor.submit(fn)
        self._pending.add(work)
        future = asyncio.wrap_future(work, loop=self.loop)
        future.add_done_callback(lambda f: self._deliver(work, f, on_done, on_error))

    def _deliver(
        self,
        work: concurrent.futures.Future[Any],
        future: asyncio.Future[Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[str], None] | None,
    ) -> None:
        self._pending.discard(work)
        if future.cancelled():
            return
        exc = future.exception()
        if exc is None:
            _call_safely(on_done, future.result())
            return
        if not isinstance(exc, GridError):  # tracebacks go to the log only, never to the user
            log.error("background call failed", exc_info=exc)
        if on_error is not None:
            _call_safely(on_error, friendly_error(exc))
        else:
            log.warning("%s", friendly_error(exc))

    def shutdown(self) -> None:
        """Drop queued calls and refuse new ones; running ones finish on their own
        (nobody waits for them)."""
        self._shut_down = True
        self.executor.shutdown(wait=False, cancel_futures=True)

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def wait(self, msecs: int = 30000) -> bool:
        """Wait for the calls running now (used when closing, and by tests and benchmarks).
        Their callbacks are delivered the next time Qt processes events."""
        _, not_done = concurrent.futures.wait(list(self._pending), timeout=msecs / 1000)
        return not not_done


def _call_safely(callback: Callable[[Any], None], value: Any) -> None:
    try:
        callback(value)
    except RuntimeError as e:
        # The receiver's C++ object is gone (its window was closed): nobody is listening.
        if "already deleted" not in str(e):
            raise
