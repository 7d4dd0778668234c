"""Giving up on a private grid that is still starting (the app's window closed meanwhile):
the start stops waiting at once, and a later `stop` still leaves nothing behind."""

from __future__ import annotations

import threading
import time

import pytest

from tahoegui.grid.localgrid import PID_FILE, LocalGrid, LocalGridStartCancelled
from tests.integration.processes import processes_of

pytestmark = pytest.mark.grid


def test_a_cancelled_start_stops_waiting_and_says_it_was_cancelled(tmp_path):
    grid = LocalGrid(tmp_path / "grid", storage_nodes=1)
    cancel = threading.Event()
    outcome: list[BaseException | object] = []

    def start() -> None:
        try:
            outcome.append(grid.start(cancel=cancel))
        except BaseException as e:
            outcome.append(e)

    runner = threading.Thread(target=start)
    runner.start()
    try:
        deadline = time.monotonic() + 120
        launched = tmp_path / "grid" / "storage-1" / PID_FILE
        while not launched.exists():  # nodes made; the storage node is just launched
            assert time.monotonic() < deadline and runner.is_alive(), outcome
            time.sleep(0.02)
        cancel.set()
        # A guard against hanging only (benchmarks/cancel_latency.py measures how soon it
        # stops); a start that ignored the cancel would end ready, not cancelled.
        runner.join(timeout=60)
        assert not runner.is_alive()
        assert len(outcome) == 1 and isinstance(outcome[0], LocalGridStartCancelled), outcome
    finally:
        runner.join(timeout=120)
        grid.stop()
    assert processes_of(tmp_path / "grid") == []
