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
from concurrent.futures import ThreadPoolExecutor

log = logging.getLogger(__name__)

KEY_BITS = 2048  # what the node's web API accepts, and what it makes itself
PUBLIC_EXPONENT = 65537


def new_signing_key() -> str:
    """One fresh key as the web API takes it: DER, in URL-safe base64."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=PUBLIC_EXPONENT, key_size=KEY_BITS)
    der = key.private_bytes(serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
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

    `expect_more(n)` says that work just found will want `n` more keys, `want(n)` that
    exactly `n` more will be taken; `take()` answers a key that is ready, or None. At most
    `threads` keys are being made at a time, and none beyond those wanted, so a long scan
    neither queues work without bound nor makes keys nobody will take (past the cap of
    MAX_AHEAD before a plan says how many). Key generation releases the GIL.
    """

    MAX_AHEAD = 64  # keys wanted on a scan's word alone, before the plan counts them

    def __init__(self, threads: int | None = None, make_key: Callable[[], str] = new_signing_key):
        self._threads = threads or default_key_threads()
        self._pool = ThreadPoolExecutor(max_workers=self._threads, thread_name_prefix="tahoegui-keys")
        self._make_key = make_key
        self._changed = threading.Condition()
        self._ready: deque[str] = deque()  # made, not handed out
        self._making = 0
        self._wanted = 0  # keys still to be taken (ready ones included)
        self._closed = False
        self._broken = False  # making a key failed: the node makes them all

    def expect_more(self, count: int = 1) -> None:
        """Work just found will probably want `count` more keys."""
        with self._changed:
            self._wanted = min(self._wanted + count, max(self._wanted, self.MAX_AHEAD))
            self._fill()

    def want(self, count: int) -> None:
        """Exactly `count` more keys will be taken (the plan has counted them)."""
        with self._changed:
            self._wanted = count
            self._fill()

    def take(self, wait: bool = False) -> str | None:
        """A key never handed out before, or None when none is ready (or, with `wait`,
        none is being made). Not waiting is the point: the node then makes its own key, so
        its cores and ours both work instead of one waiting for the other."""
        with self._changed:
            while wait and not self._ready and self._making and not self._closed:
                self._changed.wait()
            self._wanted = max(0, self._wanted - 1)
            return self._ready.popleft() if self._ready else None

    def close(self) -> None:
        """Stop making keys; those not taken are dropped."""
        with self._changed:
            self._closed = True
            self._ready.clear()
            self._changed.notify_all()
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _fill(self) -> None:
        """Start making keys while more are wanted than made or being made (lock held)."""
        while (
            not self._closed
            and not self._broken
            and self._making < self._threads
            and len(self._ready) + self._making < self._wanted
        ):
            self._making += 1
            self._pool.submit(self._make_one)

    def _make_one(self) -> None:
        try:
            key: str | None = self._make_key()
        except Exception:
            log.warning("cannot make signing keys here; the node will make them", exc_info=True)
            key = None
        with self._changed:
            self._making -= 1
            if key is None:
                self._broken = True
            elif not self._closed:
                self._ready.append(key)
            self._fill()
            self._changed.notify_all()
