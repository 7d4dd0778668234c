"""Freezing a test grid's storage nodes (SIGSTOP) so its client node stalls, as on a grid
whose servers stopped answering; and thawing them again (SIGCONT)."""

from __future__ import annotations

import os
import signal
import threading
import time
import warnings
from collections.abc import Callable
from typing import Any

import requests

with warnings.catch_warnings():  # pyutil, which tahoe-lafs imports, warns about itself
    warnings.simplefilter("ignore", DeprecationWarning)
    from allmydata import uri
    from allmydata.util import base32

from tahoegui.grid.testing import RunningGrid

Operation = dict[str, Any]  # one entry of the node's `GET /status/?t=json` "active" list


def storage_index(cap: str) -> str:
    """The storage index of the object a cap names, as the node's status page spells it."""
    return base32.b2a(uri.from_string(cap).get_storage_index()).decode("ascii")


def on_storage_index(*indexes: str) -> Callable[[Operation], bool]:
    """Matches the node's operations on any of these objects."""
    return lambda op: op.get("storage-index-string") in indexes


def active_operations(node_url: str) -> list[Operation]:
    """What the client node is working on now (it answers this while its servers are frozen)."""
    return list(requests.get(node_url.rstrip("/") + "/status/", params={"t": "json"}, timeout=10).json()["active"])


class StorageFreezer:
    """Freezes the grid's storage nodes and thaws them; also a context manager that
    freezes on entry and always thaws on exit."""

    def __init__(self, grid: RunningGrid):
        self.pids = [pid for node, pid in grid.grid.node_pids().items() if node != grid.grid.client_dir]
        assert self.pids, "no storage node is running"
        self.node_url = grid.node_url
        self.frozen = threading.Event()

    def node_waits(self, matches: Callable[[Operation], bool]) -> Operation | None:
        """Once frozen: the client node's operation that `matches` picks, if it has begun
        one (a request for it has reached the node, which now waits on its servers)."""
        if not self.frozen.is_set():
            return None
        return next((op for op in active_operations(self.node_url) if matches(op)), None)

    def wait_until_the_node_waits(self, matches: Callable[[Operation], bool], timeout: float = 60) -> Operation:
        """Block until `node_waits(matches)` finds the operation (not on a Qt event loop's
        thread: use qtbot.waitUntil with node_waits there)."""
        deadline = time.monotonic() + timeout  # a guard against hanging, not a limit under test
        while (found := self.node_waits(matches)) is None:
            assert time.monotonic() < deadline, "the node never began the operation"
            time.sleep(0.05)
        return found

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
