"""The status bar's view of the node: its URL, connected servers against those needed, uploads."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QStatusBar

from tahoegui.grid.client import GridClient
from tahoegui.grid.redact import redact
from tahoegui.grid.types import NodeStatus
from tahoegui.jobs.background import BackgroundRunner

REFRESH_MS = 3000


def describe(status: NodeStatus) -> str:
    """`3/3 servers connected (3 needed to upload) · uploads OK`."""
    text = f"{status.connected_count}/{len(status.servers)} servers connected ({status.happy} needed to upload)"
    return text + (" · uploads OK" if status.can_upload else " · uploads will fail now")


class NodeStatusIndicator:
    """Polls the node every few seconds in the background; never more than one request at a time."""

    def __init__(self, bar: QStatusBar, runner: BackgroundRunner):
        self.bar = bar
        self.runner = runner
        self.client: GridClient | None = None
        self.node_label = QLabel("no node yet", bar)
        self.node_label.setObjectName("nodeLabel")
        self.servers_label = QLabel("", bar)
        self.servers_label.setObjectName("serversLabel")
        bar.addPermanentWidget(self.servers_label)
        bar.addPermanentWidget(self.node_label)
        self._asking = False
        self.timer = QTimer(bar)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.poll)

    def set_starting(self, text: str) -> None:
        """While no node is known yet (looking for one, starting the private grid)."""
        self.node_label.setText(text)
        self.servers_label.setText("")

    def set_client(self, client: GridClient, node_url: str) -> None:
        self.client = client
        self.node_label.setText(f"Node: {redact(node_url)}")
        self.node_label.setToolTip(redact(node_url))
        self.servers_label.setText("asking the node…")
        self.poll()
        self.timer.start()

    def poll(self) -> None:
        client = self.client
        if client is None or self._asking:
            return
        self._asking = True
        self.runner.submit(client.node_status, self._show, self._failed)

    def _show(self, status: NodeStatus) -> None:
        self._asking = False
        self.servers_label.setText(describe(status))
        self.servers_label.setStyleSheet("" if status.can_upload else "color: #b00020")

    def _failed(self, message: str) -> None:
        self._asking = False
        self.servers_label.setText(redact(message))
        self.servers_label.setStyleSheet("color: #b00020")
