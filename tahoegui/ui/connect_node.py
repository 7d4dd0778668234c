"""File → Connect to Node… (`actionConnectToNode`): talk to another node, given its node
directory (like ~/.tahoe) or its web-API URL. The choice is remembered (recent_nodes.py) and
offered first next time. The node is found off the UI thread, as at start."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from tahoegui.grid.nodedir import NodeDirectory
from tahoegui.grid.redact import redact
from tahoegui.jobs.connection import GridConnection, from_node_dir, from_url
from tahoegui.recent_nodes import load_recent, remember
from tahoegui.ui import prompts

if TYPE_CHECKING:
    from tahoegui.ui.main_window import MainWindow

TITLE = "Connect to Node"
LABEL = "A node directory (like ~/.tahoe) or the node's web-API URL (like http://127.0.0.1:3456/):"


def is_url(text: str) -> bool:
    parsed = urlparse(text)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc)


class ConnectToNode(QObject):
    """Owns `actionConnectToNode`, a window action."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.action = QAction("&Connect to Node…", window)
        self.action.setObjectName("actionConnectToNode")
        self.action.setToolTip("Use another Tahoe-LAFS node: its node directory or its web-API URL")
        self.action.triggered.connect(self.ask)

    def ask(self) -> None:
        recent = load_recent()
        label = LABEL
        if len(recent) > 1:
            label += "\n\nRecently: " + ", ".join(redact(r) for r in recent[1:])
        answer = prompts.ask_text(self.window, TITLE, label, recent[0] if recent else "")
        if answer is not None and answer.strip():
            self.connect_to(answer.strip())

    def connect_to(self, where: str) -> bool:
        """Start connecting to the node at `where` (a URL or a node directory); False (and a
        message) when it is neither."""
        find: Callable[[], GridConnection]
        if is_url(where):
            find, label = (lambda: from_url(where)), redact(where)
        elif "://" in where:
            self.window.say(f"Not a node's URL: {redact(where)} (it must start with http:// or https://)")
            return False
        else:
            node_dir = NodeDirectory(Path(where).expanduser())
            if not node_dir.exists():
                self.window.say(f"No Tahoe-LAFS node directory at {node_dir.path}: it has no tahoe.cfg or node.url")
                return False
            find, label = (lambda: from_node_dir(node_dir)), str(node_dir.path)

        def find_and_remember() -> GridConnection:
            connection = find()
            remember(where)
            return connection

        self.window.connect_in_background(find_and_remember, f"connecting to {label}…")
        return True
