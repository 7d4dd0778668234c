"""The status bar's view of the node: its URL, connected servers against those needed, uploads,
and a warning when caps would cross the network unencrypted."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar

from tahoegui.colours import ERROR_STYLE
from tahoegui.grid.node_url import host_of, sends_caps_in_clear
from tahoegui.grid.redact import redact
from tahoegui.grid.types import NodeStatus


def describe(status: NodeStatus) -> str:
    """`3/3 servers connected (3 needed to upload) · uploads OK`."""
    text = f"{status.connected_count}/{len(status.servers)} servers connected ({status.happy} needed to upload)"
    return text + (" · uploads OK" if status.can_upload else " · uploads will fail now")


def plain_http_warning(node_url: str) -> tuple[str, str]:
    """The warning's text and its tooltip, for a node whose URL `sends_caps_in_clear`."""
    where = redact(host_of(node_url))
    return (
        f"caps travel unencrypted to {where}",
        f"The node's URL is plain http and the node is not on this computer: every request "
        f"names a cap, and anyone on the network between here and {where} can read it and use "
        f"your files. Use an https URL, or a node on this computer.",
    )


class NodeStatusIndicator:
    """Labels in the status bar; shows what the NodeStatusPoller reports."""

    def __init__(self, bar: QStatusBar):
        self.node_label = QLabel("no node yet", bar)
        self.node_label.setObjectName("nodeLabel")
        self.servers_label = QLabel("", bar)
        self.servers_label.setObjectName("serversLabel")
        self.plain_http_label = QLabel("", bar)
        self.plain_http_label.setObjectName("plainHttpWarning")
        self.plain_http_label.setStyleSheet(ERROR_STYLE)
        bar.addPermanentWidget(self.servers_label)
        bar.addPermanentWidget(self.plain_http_label)
        bar.addPermanentWidget(self.node_label)
        self.plain_http_label.hide()  # after addPermanentWidget, which shows it

    def set_starting(self, text: str) -> None:
        """While no node is known yet (looking for one, starting the private grid)."""
        self.node_label.setText(text)
        self.servers_label.setText("")
        self.plain_http_label.hide()

    def set_node(self, node_url: str) -> None:
        self.node_label.setText(f"Node: {redact(node_url)}")
        self.node_label.setToolTip(redact(node_url))
        self.servers_label.setText("asking the node…")
        in_clear = sends_caps_in_clear(node_url)
        text, tip = plain_http_warning(node_url) if in_clear else ("", "")
        self.plain_http_label.setText(text)
        self.plain_http_label.setToolTip(tip)
        self.plain_http_label.setVisible(in_clear)

    def show_status(self, status: NodeStatus) -> None:
        self.servers_label.setText(describe(status))
        self.servers_label.setStyleSheet("" if status.can_upload else ERROR_STYLE)

    def show_error(self, message: str) -> None:
        self.servers_label.setText(redact(message))
        self.servers_label.setStyleSheet(ERROR_STYLE)
