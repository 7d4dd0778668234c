"""Counting a copy's progress and turning it into ProgressEvents, from any thread."""

from __future__ import annotations

import logging
import threading

from tahoegui.copier.progress import Phase, ProgressCallback, ProgressEvent

log = logging.getLogger(__name__)


class ProgressReporter:
    """Holds the running totals; every change becomes one ProgressEvent for the callback."""

    def __init__(self, callback: ProgressCallback | None):
        self._callback = callback
        self._lock = threading.Lock()
        self.phase: Phase = "examining"
        self.message = ""
        self.files_done = self.files_total = 0
        self.dirs_done = self.dirs_total = 0
        self.bytes_done = self.bytes_total = 0
        self.sizes_pending = 0
        self.current: str | None = None

    def say(self, message: str, phase: Phase | None = None) -> None:
        """A new line in the origin's words (`examining 3 of 40`)."""
        with self._lock:
            if phase:
                self.phase = phase
            self.message = message
            self._emit(True)

    def note(self, message: str) -> None:
        """Progress text for the window (`examining 3 of 500` over the sources) that is not
        one of the origin's lines: `tahoegui-cp -v` prints only what `say` says."""
        with self._lock:
            self.message = message
            self._emit(False)

    def set_totals(self, files: int, dirs: int, nbytes: int, sizes_pending: int = 0) -> None:
        """`sizes_pending` files are not counted in `nbytes` yet (see size_learned)."""
        with self._lock:
            self.files_total, self.dirs_total, self.bytes_total = files, dirs, nbytes
            self.sizes_pending = sizes_pending

    def size_learned(self, size: int | None) -> None:
        """A file of unknown size started to download and the node said how big it is
        (None: it did not say; the total stays short, but no longer waits for it)."""
        with self._lock:
            self.bytes_total += size or 0
            self.sizes_pending = max(0, self.sizes_pending - 1)
            self._emit(False)

    def set_phase(self, phase: Phase) -> None:
        with self._lock:
            self.phase = phase
            self._emit(False)

    def started(self, current: str) -> None:
        with self._lock:
            self.current = current
            self._emit(False)

    def add_bytes(self, n: int) -> None:
        with self._lock:
            self.bytes_done += n
            if (
                self.phase == "copying"
                and self.bytes_total
                and self.bytes_done >= self.bytes_total
                and self.files_done < self.files_total
                and not self.sizes_pending
            ):
                # every byte is sent; the node is still encoding and storing shares
                self.phase = "finishing"
            self._emit(False)

    def file_done(self, announce: bool = True) -> None:
        """One more file finished; `announce` adds the origin's `3/40 files, ...` line."""
        with self._lock:
            self.files_done += 1
            if announce:
                self.message = (
                    f"{self.files_done}/{self.files_total} files, {self.dirs_done}/{self.dirs_total} directories"
                )
            self._emit(announce)

    def dir_done(self) -> None:
        with self._lock:
            self.dirs_done += 1
            self.message = f"{self.dirs_done}/{self.dirs_total} directories"
            self._emit(True)

    def _emit(self, new_message: bool) -> None:
        if self._callback is None:
            return
        event = ProgressEvent(
            phase=self.phase,
            message=self.message,
            files_done=self.files_done,
            files_total=self.files_total,
            dirs_done=self.dirs_done,
            dirs_total=self.dirs_total,
            bytes_done=self.bytes_done,
            bytes_total=self.bytes_total,
            current=self.current,
            new_message=new_message,
            sizes_pending=self.sizes_pending,
        )
        try:
            self._callback(event)
        except Exception:  # a listener's bug must not break (or silently thin out) the copy
            log.exception("a progress listener failed")
