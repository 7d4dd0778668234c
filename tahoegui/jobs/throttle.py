"""Let through at most one progress event per interval, but never drop a phase change or the end."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from tahoegui.copier.progress import ProgressEvent


class ProgressThrottle:
    """Wraps a sink so a copier's flood of callbacks becomes ~10 updates a second.

    The newest event always wins; an event whose phase differs from the last one sent
    is passed at once, so "finishing" and "done" are never late.
    """

    def __init__(self, sink: Callable[[ProgressEvent], None], interval: float = 0.1,
                 clock: Callable[[], float] = time.monotonic):
        self.sink = sink
        self.interval = interval
        self.clock = clock
        self._last_sent = float("-inf")
        self._last_phase: str | None = None
        self._held: ProgressEvent | None = None
        self._lock = threading.Lock()

    def __call__(self, event: ProgressEvent) -> None:
        with self._lock:
            now = self.clock()
            if event.phase == self._last_phase and now - self._last_sent < self.interval:
                self._held = event
                return
            self._held = None
            self._last_sent, self._last_phase = now, event.phase
        self.sink(event)

    def flush(self) -> None:
        """Send the newest held event, if any (called when the copy returns)."""
        with self._lock:
            event, self._held = self._held, None
        if event is not None:
            self.sink(event)
