"""The status poller: answers about a node the window has left are not shown."""

from __future__ import annotations

import threading

from tahoegui.grid.errors import GridError
from tahoegui.jobs.background import BackgroundRunner
from tahoegui.jobs.node_status_poller import NodeStatusPoller


class SlowClient:
    """node_status waits for `release`, then fails (as an interrupted request does)."""

    def __init__(self) -> None:
        self.release = threading.Event()

    def node_status(self) -> object:
        self.release.wait(10)
        raise GridError("asking the node for its status", "the request was broken off")


class QuickClient:
    def node_status(self) -> object:
        return "new node's status"


def test_an_answer_about_the_previous_node_is_dropped(qtbot):
    runner = BackgroundRunner()
    poller = NodeStatusPoller(runner)
    updates: list[object] = []
    errors: list[str] = []
    poller.updated.connect(updates.append)
    poller.failed.connect(errors.append)
    old = SlowClient()
    poller.start(old)  # type: ignore[arg-type]

    poller.start(QuickClient())  # the window moved to another node while the old one is asked
    qtbot.waitUntil(lambda: updates == ["new node's status"], timeout=5000)
    old.release.set()  # the old node's request now fails
    assert runner.wait(5000)
    qtbot.waitUntil(lambda: not runner.busy, timeout=5000)  # the failure was delivered on the UI thread

    poller.stop()
    assert errors == [] and updates == ["new node's status"]
    runner.shutdown()
