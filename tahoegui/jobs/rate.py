"""Transfer speed as a rolling average, and the time left (unknown when it can't be told).
tahoegui/formats.py puts them into words."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable


class RateEstimator:
    """Bytes per second over the last `window` seconds of samples."""

    def __init__(self, window: float = 5.0, clock: Callable[[], float] = time.monotonic):
        self.window = window
        self.clock = clock
        self._samples: deque[tuple[float, int]] = deque()

    def add(self, bytes_done: int) -> None:
        now = self.clock()
        if self._samples and bytes_done < self._samples[-1][1]:
            self._samples.clear()  # a new phase restarted the count
        self._samples.append((now, bytes_done))
        while len(self._samples) > 2 and now - self._samples[0][0] > self.window:
            self._samples.popleft()

    @property
    def rate(self) -> float | None:
        """Bytes per second, or None before two samples a moment apart."""
        if len(self._samples) < 2:
            return None
        (t0, b0), (t1, b1) = self._samples[0], self._samples[-1]
        if t1 - t0 < 0.2:
            return None
        return (b1 - b0) / (t1 - t0)

    def seconds_left(self, bytes_total: int) -> float | None:
        rate = self.rate
        if not rate or rate <= 0 or not self._samples:
            return None
        return max(0.0, (bytes_total - self._samples[-1][1]) / rate)
