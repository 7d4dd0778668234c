"""CancelToken: listeners hear a cancel at once, and only while their block runs."""

from __future__ import annotations

import threading

from tahoegui.copier.progress import CancelToken


def test_a_listener_hears_a_cancel_only_inside_its_block():
    token, heard = CancelToken(), []
    with token.while_cancellable(lambda: heard.append("inside")):
        assert heard == []
        token.cancel()
        assert heard == ["inside"] and token.cancelled
    token.cancel()
    assert heard == ["inside"]


def test_a_listener_added_after_the_cancel_is_called_at_once():
    token, heard = CancelToken(), []
    token.cancel()
    with token.while_cancellable(lambda: heard.append(1)):
        assert heard == [1]


def test_a_failing_listener_does_not_stop_the_cancel_or_the_others(caplog):
    token, heard = CancelToken(), []

    def broken() -> None:
        raise RuntimeError("listener bug")

    with token.while_cancellable(broken), token.while_cancellable(lambda: heard.append(1)):
        token.cancel()
    assert token.cancelled and heard == [1]
    assert "a cancel listener failed" in caplog.text


def test_leaving_the_block_waits_for_a_listener_that_is_running():
    token = CancelToken()
    running, release, order = threading.Event(), threading.Event(), []

    def slow_listener() -> None:
        running.set()
        release.wait(5)
        order.append("listener done")

    canceller = threading.Thread(target=token.cancel)
    with token.while_cancellable(slow_listener):
        canceller.start()
        assert running.wait(5)
        threading.Timer(0.2, release.set).start()
    # the block is left while the listener runs: leaving waits for it
    order.append("block left")
    canceller.join(5)
    assert order == ["listener done", "block left"]


def test_cancelling_from_within_the_thread_that_holds_the_token_does_not_deadlock():
    # Ctrl-C's handler runs in the main thread, maybe while it is entering a block.
    token, heard = CancelToken(), []

    def listener() -> None:
        heard.append(1)
        if len(heard) == 1:
            token.cancel()  # re-entered from inside the token's own lock

    with token.while_cancellable(listener):
        token.cancel()
    assert token.cancelled and len(heard) == 2
