"""The status bar's view of the node: its URL, connected servers against those needed, uploads."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar

from tahoegui.colours import ERROR_STYLE
from tahoegui.grid.redact import redact
from tahoegui.grid.types import NodeStatus


def describe(status: NodeStatus) -> str:
    """`3/3 servers connected (3 needed to upload) · uploads OK`."""
    text = f"{status.connected_count}/{len(status.servers)} servers connected ({status.happy} needed to upload)"
    return text + (" · uploads OK" if status.can_upload else " · uploads will fail now")


class NodeStatusIndicator:
    """Two labels in the status bar; shows what the NodeStatusPoller reports."""

    def __init__(self, bar: QStatusBar):
        self.node_label = QLabel("no node yet", bar)
        self.node_label.setObjectName("nodeLabel")
        self.servers_label = QLabel("", bar)
        self.servers_label.setObjectName("serversLabel")
        bar.addPermanentWidget(self.servers_label)
        bar.addPermanentWidget(self.node_label)

    def set_starting(self, text: str) -> None:
        """While no node is known yet (looking for one, starting the private grid)."""
        self.node_label.setText(text)
        self.servers_label.setText("")

    def set_node(self, node_url: str) -> None:
        self.node_label.setText(f"Node: {redact(node_url)}")
        self.node_label.setToolTip(redact(node_url))
        self.servers_label.setText("asking the node…")

    def show_status(self, status: NodeStatus) -> None:
        self.servers_label.setText(describe(status))
        self.servers_label.setStyleSheet("" if status.can_upload else ERROR_STYLE)

    def show_error(self, message: str) -> None:
        self.servers_label.setText(redact(message))
        self.servers_label.setStyleSheet(ERROR_STYLE)
