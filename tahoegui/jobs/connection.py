"""Which node the window talks to: from `-u`, `-d`, the node in ~/.tahoe, or the private grid.

Finding a node can block (probing a URL, starting a grid), so the functions here are
plain blocking calls that the window runs in the background. No Qt here.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

from tahoegui.grid.client import DEFAULT_TIMEOUT, GridClient
from tahoegui.grid.errors import GridError
from tahoegui.grid.nodedir import DEFAULT_ALIAS, NodeDirectory, default_node_dir
from tahoegui.grid.redact import redact, redacting_repr

# Browsing (listings, node status) waits a minute at most for the node to answer; a copy
# waits longer (the client's default), since encoding a big file takes a while.
BROWSE_TIMEOUT = (5.0, 60.0)


@redacting_repr
@dataclass
class GridConnection:
    """A node's web-API URL, its aliases and its share encoding: enough to make clients."""

    node_url: str
    aliases: dict[str, str] = field(default_factory=dict)
    encoding: tuple[int, int, int] = (3, 7, 10)  # needed, happy, total
    node_dir: NodeDirectory | None = None
    problems: list[str] = field(default_factory=list)  # alias lines that could not be used

    @property
    def label(self) -> str:
        """The node URL as it may be shown (caps redacted, should a URL ever carry one)."""
        return redact(self.node_url)

    def new_client(self, timeout: tuple[float, float] = DEFAULT_TIMEOUT) -> GridClient:
        """A client of its own for one job or pane (clients are cheap; sessions pool sockets)."""
        needed, happy, total = self.encoding
        return GridClient(self.node_url, timeout=timeout, happy=happy, needed=needed, total=total)

    def new_browsing_client(self) -> GridClient:
        """A client for the grid pane and the status bar: a node that has stalled shows up
        as an error with a retry within BROWSE_TIMEOUT, not as "Loading…" for minutes."""
        return self.new_client(timeout=BROWSE_TIMEOUT)


def from_node_dir(node_dir: NodeDirectory, url: str | None = None) -> GridConnection:
    """The node in `node_dir` (its node.url unless `url` is given), with its aliases."""
    node_url = url or node_dir.node_url()
    if not node_url:
        raise GridError(f"finding the node in {node_dir.path}", "it has no node.url: is it running?")
    aliases = node_dir.read_aliases()
    return GridConnection(
        node_url, dict(aliases.aliases), node_dir.encoding(), node_dir, [str(p) for p in aliases.problems]
    )


def from_url(url: str) -> GridConnection:
    """A node given by URL; aliases come from ~/.tahoe, as `tahoe -u` does."""
    node_dir = default_node_dir()
    nd = NodeDirectory(node_dir)
    if nd.exists():
        conn = from_node_dir(nd, url)
        conn.node_url = url
        return conn
    return GridConnection(url)


def node_answers(url: str, timeout: float = 2.0) -> bool:
    """True if a Tahoe-LAFS node answers its welcome page at `url` within `timeout` seconds."""
    client = GridClient(url, timeout=(timeout, timeout))
    try:
        client.welcome()
    except GridError:
        return False
    finally:
        client.close()
    return True


def start_private_grid(base_dir: Path, cancel: threading.Event | None = None) -> GridConnection:
    """Start (or reuse) the private grid in `base_dir`; give it a `tahoe:` alias if it has none,
    so the grid pane has somewhere to put files. Setting `cancel` gives up waiting for it."""
    from tahoegui.grid.localgrid import LocalGrid, LocalGridError

    grid = LocalGrid(base_dir)
    try:
        status = grid.start(cancel=cancel)
    except LocalGridError as e:
        raise GridError("starting the private grid", str(e)) from None
    node_dir = NodeDirectory(grid.client_dir)
    conn = from_node_dir(node_dir, status.node_url)
    if not conn.aliases:
        client = conn.new_client()
        try:
            cap = client.mkdir()
        finally:
            client.close()
        node_dir.add_alias(DEFAULT_ALIAS, cap)
        conn.aliases = {DEFAULT_ALIAS: cap}
    return conn


def find_default_node(private_grid_dir: Path, cancel: threading.Event | None = None) -> GridConnection:
    """The node in ~/.tahoe if it answers, else the private grid (started if needed)."""
    nd = NodeDirectory(default_node_dir())
    url = nd.node_url() if nd.exists() else None
    if url and node_answers(url):
        return from_node_dir(nd, url)
    return start_private_grid(private_grid_dir, cancel)
