"""Ctrl-C in tahoegui-cp: the first one cancels the copy, without running the cancel in
the signal handler itself (which could deadlock on a lock its own thread holds)."""

from __future__ import annotations

import signal
import threading

from tahoegui.cli.cp import _cancel_on_interrupt
from tahoegui.copier import CancelToken


def test_the_first_ctrl_c_cancels_even_while_the_main_thread_holds_a_listeners_lock():
    cancel = CancelToken()
    held_by_main = threading.Lock()
    heard = threading.Event()

    def listener() -> None:  # like GridClient.interrupt: needs a lock the main thread may hold
        with held_by_main:
            heard.set()

    previous = _cancel_on_interrupt(cancel)
    try:
        with cancel.while_cancellable(listener):
            with held_by_main:
                signal.raise_signal(signal.SIGINT)  # the handler returns: nothing waits on the lock
                assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
            assert heard.wait(5), "the cancel never reached its listener"
        assert cancel.cancelled
    finally:
        signal.signal(signal.SIGINT, previous)
