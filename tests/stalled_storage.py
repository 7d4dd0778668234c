"""Freezing a test grid's storage nodes (SIGSTOP) so its client node stalls, as on a grid
whose servers stopped answering; and thawing them again (SIGCONT)."""

from __future__ import annotations

import os
import signal
import threading

from tahoegui.grid.testing import RunningGrid


class StorageFreezer:
    """Freezes the grid's storage nodes and thaws them; also a context manager that
    freezes on entry and always thaws on exit."""

    def __init__(self, grid: RunningGrid):
        self.pids = [pid for node, pid in grid.grid.node_pids().items() if node != grid.grid.client_dir]
        assert self.pids, "no storage node is running"
        self.frozen = threading.Event()

    def freeze(self) -> None:
        if not self.frozen.is_set():
            for pid in self.pids:
                os.kill(pid, signal.SIGSTOP)
            self.frozen.set()

    def thaw(self) -> None:
        for pid in self.pids:
            os.kill(pid, signal.SIGCONT)

    def __enter__(self) -> StorageFreezer:
        self.freeze()
        return self

    def __exit__(self, *exc: object) -> None:
        self.thaw()
