"""Asking the node for its status every few seconds, off the UI thread; answers as signals."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from tahoegui.grid.client import GridClient
from tahoegui.jobs.background import BackgroundRunner

REFRESH_MS = 3000


class NodeStatusPoller(QObject):
    """Polls `client.node_status()` through the background runner; never more than one
    request at a time, so a slow node is not flooded."""

    updated = Signal(object)  # NodeStatus
    failed = Signal(str)  # a message fit to show (no caps)

    def __init__(self, runner: BackgroundRunner, parent: QObject | None = None):
        super().__init__(parent)
        self.runner = runner
        self.client: GridClient | None = None
        self._asking = False
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.poll)

    def start(self, client: GridClient) -> None:
        self.client = client
        self._asking = False  # an answer still due from an earlier client is ignored
        self.poll()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def poll(self) -> None:
        client = self.client
        if client is None or self._asking:
            return
        self._asking = True
        self.runner.submit(
            client.node_status,
            lambda status: self._answered(client, status),
            lambda message: self._failed(client, message),
        )

    def _answered(self, client: GridClient, status: object) -> None:
        if client is self.client:  # not a node the window has left
            self._asking = False
            self.updated.emit(status)

    def _failed(self, client: GridClient, message: str) -> None:
        if client is self.client:
            self._asking = False
            self.failed.emit(message)
