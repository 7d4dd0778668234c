"""Signing keys for new mutable directories, made ahead of need.

Creating a mutable directory costs the node an RSA-2048 key generation: about 75 ms of
CPU, several times the cost of publishing the directory itself. Since tahoe-lafs 1.20 the
web API accepts the key with the request (`private-key=`), so a copy can make its keys
in background threads while it is still examining its sources, when this computer's
other cores would otherwise wait for the node. Keys are made exactly as the node makes
them (RSA-2048, e=65537, from the OS's entropy), live only in memory, and are used once.
"""

from __future__ import annotations

import base64
import logging
import os
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

log = logging.getLogger(__name__)

KEY_BITS = 2048  # what the node's web API accepts, and what it makes itself
PUBLIC_EXPONENT = 65537


def new_signing_key() -> str:
    """One fresh key as the web API takes it: DER, in URL-safe base64."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=PUBLIC_EXPONENT, key_size=KEY_BITS)
    der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    return base64.urlsafe_b64encode(der).decode("ascii")


def load_key_library() -> None:
    """Import the RSA library now rather than with a copy's first key. Importing it holds
    the GIL for tens of milliseconds, which a window would show as a stall; the command
    line imports it lazily, as most of its copies need no key."""
    from cryptography.hazmat.primitives import serialization  # noqa: F401
    from cryptography.hazmat.primitives.asymmetric import rsa  # noqa: F401


def default_key_threads() -> int:
    """Leave a core to the node (usually on this computer) when there is more than one."""
    return max(1, (os.cpu_count() or 1) - 1)


class SigningKeyPool:
    """Keys made in background threads, handed out once each.

    `expect_more(n)` orders keys for work just discovered, so that they are made ahead;
    `take()` answers one that is ready. `keep_only(n)` and `close()` cancel orders not yet
    started. Key generation releases the GIL, so the threads run beside the caller.
    """

    def __init__(self, threads: int | None = None, make_key: Callable[[], str] = new_signing_key):
        self._pool = ThreadPoolExecutor(max_workers=threads or default_key_threads(),
                                        thread_name_prefix="tahoegui-keys")
        self._make_key = make_key
        self._orders: deque[Future[str]] = deque()  # oldest first; none handed out yet
        self._lock = threading.Lock()
        self._closed = False

    def expect_more(self, count: int = 1) -> None:
        """Order `count` more keys."""
        with self._lock:
            for _ in range(0 if self._closed else count):
                self._orders.append(self._pool.submit(self._make_key))

    def take(self, wait: bool = False) -> str | None:
        """A key never handed out before, or None when none is ready (or, with `wait`,
        none is on order). Not waiting is the point: the node then makes its own key, so
        the node's cores and ours both work instead of one waiting for the other; and
        one order is cancelled, as the node has covered it."""
        with self._lock:
            future = next((f for f in self._orders if f.done()), None)
            if future is None and wait and self._orders:
                future = self._orders[0]
            if future is None:
                self._cancel_orders(keep=len(self._orders) - 1)
                return None
            self._orders.remove(future)
        try:
            return future.result()
        except Exception:
            log.warning("cannot make a signing key here; the node will make it", exc_info=True)
            return None

    def keep_only(self, count: int) -> None:
        """No more than `count` keys will be taken: cancel extra orders not yet started."""
        with self._lock:
            self._cancel_orders(keep=count)

    def close(self) -> None:
        """Stop making keys; those not taken are dropped."""
        with self._lock:
            self._closed = True
            self._cancel_orders(keep=0)
            self._orders.clear()
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _cancel_orders(self, keep: int) -> None:
        """Cancel the newest orders not yet started until at most `keep` remain."""
        for future in reversed(list(self._orders)):
            if len(self._orders) <= max(0, keep):
                return
            if future.cancel():
                self._orders.remove(future)
