"""The signing-key pool: keys made ahead in threads, each handed out once, none waited for."""

from __future__ import annotations

import base64
import itertools
import threading
import time

from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import load_der_private_key

from tahoegui.grid.signing_keys import SigningKeyPool, new_signing_key


class GatedKeys:
    """A key maker that makes nothing until the test opens the gate; counts its calls."""

    def __init__(self) -> None:
        self.gate = threading.Event()
        self.started = 0
        self._numbers = itertools.count(1)
        self._lock = threading.Lock()

    def __call__(self) -> str:
        with self._lock:
            self.started += 1
        self.gate.wait(10)
        return f"key-{next(self._numbers)}"


def wait_until(condition, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def one_thread_pool_busy_with_first_of(orders: int) -> tuple[GatedKeys, SigningKeyPool]:
    """A one-thread pool with `orders` keys on order: the first being made, the rest waiting."""
    keys = GatedKeys()
    pool = SigningKeyPool(threads=1, make_key=keys)
    pool.expect_more(orders)
    wait_until(lambda: keys.started == 1)
    return keys, pool


def test_a_new_key_is_what_the_node_accepts():
    # DER in URL-safe base64, RSA-2048 with e=65537, as the web API's private-key= expects
    key = load_der_private_key(base64.urlsafe_b64decode(new_signing_key()), password=None)
    assert isinstance(key, rsa.RSAPrivateKey)
    assert key.key_size == 2048 and key.public_key().public_numbers().e == 65537
    assert new_signing_key() != new_signing_key()


def test_keys_made_ahead_are_handed_out_once_each():
    keys = GatedKeys()
    pool = SigningKeyPool(threads=2, make_key=keys)
    pool.expect_more(3)
    keys.gate.set()
    taken = [pool.take(wait=True) for _ in range(3)]
    assert sorted(taken) == ["key-1", "key-2", "key-3"]
    assert pool.take(wait=True) is None  # nothing more was ordered
    pool.close()


def test_a_key_not_ready_is_not_waited_for_and_its_order_is_dropped():
    keys, pool = one_thread_pool_busy_with_first_of(4)
    assert pool.take() is None  # the node will make this directory's key
    keys.gate.set()
    handed = [pool.take(wait=True) for _ in range(4)]
    assert [k for k in handed if k] == ["key-1", "key-2", "key-3"]  # one order was cancelled
    assert keys.started == 3
    pool.close()


def test_the_plans_count_cancels_the_extra_orders():
    keys, pool = one_thread_pool_busy_with_first_of(6)
    pool.want(2)
    keys.gate.set()
    assert [pool.take(wait=True) for _ in range(3)] == ["key-1", "key-2", None]
    assert keys.started == 2
    pool.close()


def test_closing_drops_what_was_not_taken():
    keys, pool = one_thread_pool_busy_with_first_of(5)
    pool.close()
    keys.gate.set()
    pool.expect_more(2)  # too late: nothing is ordered any more
    assert pool.take(wait=True) is None
    pool._pool.shutdown(wait=True)  # its threads have ended: no key can be started any more
    assert keys.started == 1


def test_a_failing_key_maker_means_the_node_makes_the_key():
    def broken() -> str:
        raise RuntimeError("no entropy today")

    pool = SigningKeyPool(threads=1, make_key=broken)
    pool.expect_more(1)
    assert pool.take(wait=True) is None
    pool.close()


def test_a_long_scan_orders_a_bounded_number_and_a_plan_may_want_more():
    keys, pool = one_thread_pool_busy_with_first_of(100_000)  # a scan that found 100,000 folders
    keys.gate.set()

    def take_all() -> list[str]:
        taken = []
        while (key := pool.take(wait=True)) is not None:
            taken.append(key)
        return taken

    assert len(take_all()) == SigningKeyPool.MAX_AHEAD  # not 100,000, and one at a time
    pool.want(6)  # the plan counted six more
    assert len(take_all()) == 6 and keys.started == SigningKeyPool.MAX_AHEAD + 6
    pool.close()
