"""Let through at most one progress event per interval, but never drop a phase change or the end."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Protocol

from tahoegui.copier.progress import ProgressEvent


class Timer(Protocol):
    def cancel(self) -> None: ...


def start_thread_timer(delay: float, action: Callable[[], None]) -> Timer:
    """Run `action` once, `delay` seconds from now, on a daemon thread."""
    timer = threading.Timer(delay, action)
    timer.daemon = True
    timer.start()
    return timer


class ProgressThrottle:
    """Wraps a sink so a copier's flood of callbacks becomes ~10 updates a second.

    The newest event always wins, and it is sent at most one interval late even when
    nothing follows it: a transfer that stalls after a burst must not leave the window
    showing where the burst began. An event whose phase differs from the last one sent
    is passed at once, so "finishing" and "done" are never late. The sink is called
    under the throttle's lock, so events reach it in order; it must be cheap (a queued
    Qt signal is).
    """

    def __init__(
        self,
        sink: Callable[[ProgressEvent], None],
        interval: float = 0.1,
        clock: Callable[[], float] = time.monotonic,
        start_timer: Callable[[float, Callable[[], None]], Timer] = start_thread_timer,
    ):
        self.sink = sink
        self.interval = interval
        self.clock = clock
        self.start_timer = start_timer
        self._last_sent = float("-inf")
        self._last_phase: str | None = None
        self._held: ProgressEvent | None = None
        self._timer: Timer | None = None
        self._lock = threading.Lock()

    def __call__(self, event: ProgressEvent) -> None:
        with self._lock:
            now = self.clock()
            since = now - self._last_sent
            if event.phase == self._last_phase and since < self.interval:
                self._held = event
                if self._timer is None:
                    self._timer = self.start_timer(self.interval - since, self._send_held)
                return
            self._held = None
            self._send(event, now)

    def flush(self) -> None:
        """Send the newest held event, if any (called when the copy returns)."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._send_held_locked()

    def _send_held(self) -> None:
        with self._lock:
            self._send_held_locked()

    def _send_held_locked(self) -> None:
        self._timer = None
        event, self._held = self._held, None
        if event is not None:
            self._send(event, self.clock())

    def _send(self, event: ProgressEvent, now: float) -> None:
        self._last_sent, self._last_phase = now, event.phase
        self.sink(event)
