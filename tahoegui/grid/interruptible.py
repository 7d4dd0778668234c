"""An HTTP adapter whose requests in flight can be broken off from another thread.

A read blocked on a node that has stopped sending (a slow or stalled grid) ends only at
the read timeout, minutes away. Cancelling a copy must not wait for that, so the adapter
keeps its sockets and `interrupt()` shuts them down: every blocked read or write in any
thread fails at once. Until `resume()`, every socket opened later is shut down as soon
as it connects, so work queued behind the broken requests cannot start new waits.
Afterwards the session is usable again: urllib3 notices a dropped pooled connection
before reusing it and opens a new one.
"""

from __future__ import annotations

import socket
import threading
import weakref
from typing import Any

import requests
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool


class InterruptibleAdapter(requests.adapters.HTTPAdapter):
    """An adapter (HTTP and HTTPS) that remembers its sockets. Not through a proxy: the
    GridClient's session ignores proxy settings, as `tahoe` itself does."""

    def __init__(self, **kwargs: Any):
        self._sockets: weakref.WeakSet[socket.socket] = weakref.WeakSet()
        self._lock = threading.Lock()
        self._interrupted = False
        super().__init__(**kwargs)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        remember = self._remember

        class TrackedConnection(HTTPConnection):
            def _new_conn(self) -> socket.socket:
                return remember(super()._new_conn())

        class TrackedHTTPSConnection(HTTPSConnection):
            def _new_conn(self) -> socket.socket:
                return remember(super()._new_conn())

        class TrackedPool(HTTPConnectionPool):
            ConnectionCls = TrackedConnection

        class TrackedHTTPSPool(HTTPSConnectionPool):
            ConnectionCls = TrackedHTTPSConnection

        self.poolmanager.pool_classes_by_scheme = {"http": TrackedPool, "https": TrackedHTTPSPool}

    @property
    def interrupted(self) -> bool:
        return self._interrupted

    def _remember(self, sock: socket.socket) -> socket.socket:
        with self._lock:
            self._sockets.add(sock)
            if self._interrupted:
                _shut(sock)
        return sock

    def interrupt(self) -> None:
        """Break every connection this adapter has open, and each new one until resume()."""
        with self._lock:
            self._interrupted = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shut(sock)

    def resume(self) -> None:
        """New connections work again (the broken ones are replaced as they are reused)."""
        with self._lock:
            self._interrupted = False


def _shut(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:  # already closed, or never connected
        pass
