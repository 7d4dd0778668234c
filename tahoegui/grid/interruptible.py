"""An HTTP adapter whose requests in flight can be broken off from another thread.

A read blocked on a node that has stopped sending (a slow or stalled grid) ends only at
the read timeout, minutes away. Cancelling a copy must not wait for that, so the adapter
keeps its sockets and `interrupt()` shuts them down: every blocked read or write in any
thread fails at once. Connections in the pool die too; urllib3 notices a dropped
connection before reusing it and opens a new one, so the session stays usable.
"""

from __future__ import annotations

import socket
import threading
import weakref
from typing import Any

import requests
from urllib3.connection import HTTPConnection
from urllib3.connectionpool import HTTPConnectionPool


class InterruptibleAdapter(requests.adapters.HTTPAdapter):
    """A plain-HTTP adapter that remembers its sockets (the node's web API is plain HTTP)."""

    def __init__(self, **kwargs: Any):
        self._sockets: weakref.WeakSet[socket.socket] = weakref.WeakSet()
        self._lock = threading.Lock()
        super().__init__(**kwargs)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        adapter = self

        class TrackedConnection(HTTPConnection):
            def _new_conn(self) -> socket.socket:
                sock = super()._new_conn()
                adapter._remember(sock)
                return sock

        class TrackedPool(HTTPConnectionPool):
            ConnectionCls = TrackedConnection

        self.poolmanager.pool_classes_by_scheme = {**self.poolmanager.pool_classes_by_scheme,
                                                   "http": TrackedPool}

    def _remember(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.add(sock)

    def interrupt(self) -> None:
        """Break every connection this adapter has open, from any thread."""
        with self._lock:
            sockets = list(self._sockets)
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:  # already closed or never connected
                pass
