"""The grid layer: the node's web API, caps, aliases, node directories and the private grid.

Never imports Qt: `tahoegui-cp` uses it with no display at all.
"""

from tahoegui.grid.client import GridClient
from tahoegui.grid.errors import GridError, NodeUnreachableError
from tahoegui.grid.types import GridEntry, GridListing, NodeStatus

__all__ = ["GridClient", "GridError", "NodeUnreachableError", "GridEntry", "GridListing", "NodeStatus"]

from tahoegui.grid.redact import install_log_redaction as _install_log_redaction

_install_log_redaction()
