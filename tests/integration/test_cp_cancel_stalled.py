"""Cancelling a copy whose node has stalled: the request blocked on it is broken off.

The grid's storage nodes are frozen (SIGSTOP) so the client node cannot answer: a
download waits for its first share, an upload for its servers. Without breaking the
request off, the copy would sit until the read timeout, minutes away.
"""

from __future__ import annotations

import os
import threading
import time

import pytest

from tahoegui.copier import CancelToken
from tahoegui.copier.result import MAYBE_REPLACED
from tahoegui.grid.errors import GridError
from tahoegui.grid.testing import RunningGrid
from tests.integration.cp_fixtures import local_tree, run_copy_api
from tests.stalled_storage import StorageFreezer

MiB = 1024 * 1024


def transfer_started(event) -> bool:
    """The plan is made and the first file's transfer begins (no request for it sent yet)."""
    return event.phase == "copying" and bool(event.current)


def copy_then_cancel_once_stalled(
    grid: RunningGrid, sources: list[str], target: str, freeze_when=transfer_started, **kwargs
) -> tuple:
    """Run a copy; at the first event `freeze_when` picks, freeze the storage nodes; a
    second later, cancel. Answers the copy's run and how long it took to stop after the
    cancel."""
    freezer, cancel = StorageFreezer(grid), CancelToken()

    def on_event(event) -> None:
        if freeze_when(event):
            freezer.freeze()

    out: list = []
    thread = threading.Thread(
        target=lambda: out.append(run_copy_api(sources, target, cancel=cancel, on_event=on_event, **kwargs)),
        daemon=True,
    )
    try:
        thread.start()
        assert freezer.frozen.wait(30), "the transfer never started"
        time.sleep(1.0)  # the node is now waiting on its frozen servers
        assert thread.is_alive(), "the copy finished without the servers"
        cancelled_at = time.monotonic()
        cancel.cancel()
        thread.join(timeout=30)
        stopped_after = time.monotonic() - cancelled_at
        assert not thread.is_alive(), "the copy kept waiting for the stalled node"
    finally:
        freezer.thaw()
        thread.join(timeout=120)
    return out[0], stopped_after


def test_cancelling_a_download_stalled_on_the_grid_stops_at_once(grid, client, session_client, work):
    dircap = client.mkdir()
    client.upload_to(dircap, "file", os.urandom(2 * MiB))

    run, stopped_after = copy_then_cancel_once_stalled(
        grid, ["d:file"], str(work / "file"), client=session_client, aliases={"d": dircap}
    )

    assert stopped_after < 3, stopped_after
    assert run.result.cancelled and run.result.exit_code == 1 and not run.result.failed, run.result
    assert local_tree(work) == {}, "no partial or temporary file may remain"


def test_cancelling_an_upload_stalled_on_the_grid_links_nothing(grid, client, session_client, tahoe_root, work):
    source = work / "up.bin"
    source.write_bytes(os.urandom(2 * MiB))
    before = set(client.list_dir(tahoe_root).children)

    run, stopped_after = copy_then_cancel_once_stalled(
        grid, [str(source)], "tahoe:", client=session_client, aliases={"tahoe": tahoe_root}
    )

    assert stopped_after < 3, stopped_after
    assert run.result.cancelled and not run.result.failed, run.result
    assert set(client.list_dir(tahoe_root).children) == before


def test_a_mutable_file_cut_off_while_replaced_in_place_is_reported_as_uncertain(
    grid, client, session_client, tahoe_root, work
):
    client.upload_to(tahoe_root, "notes", b"old contents", fmt="MDMF")
    source = work / "notes"
    source.write_bytes(b"new contents")

    run, stopped_after = copy_then_cancel_once_stalled(
        grid, [str(source)], "tahoe:notes", client=session_client, aliases={"tahoe": tahoe_root}
    )

    assert stopped_after < 3, stopped_after
    assert run.result.cancelled, run.result
    assert [(i.outcome, i.reason) for i in run.result.items] == [("skipped", MAYBE_REPLACED)]
    assert run.result.changed_in_place
    assert client.read_bytes(tahoe_root, "notes") in (b"old contents", b"new contents")


def test_cancelling_a_scan_stalled_on_the_grid_stops_at_once(grid, client, session_client, work):
    # More subdirectories than the scan fetches at once: listings queued behind the broken
    # ones must not start new waits on the stalled node.
    top = client.mkdir()
    for i in range(10):
        client.mkdir(top, f"sub{i}")

    run, stopped_after = copy_then_cancel_once_stalled(
        grid,
        ["d:"],
        str(work / "out"),
        client=session_client,
        aliases={"d": top},
        recursive=True,
        freeze_when=lambda event: event.phase == "examining" and event.message.startswith("examining 1 of"),
    )

    assert stopped_after < 3, stopped_after
    assert run.result.cancelled and run.result.error is None, run.result
    assert local_tree(work) == {}


def test_an_interrupted_client_refuses_requests_until_it_resumes(client, fresh_dir):
    client.upload_to(fresh_dir, "f", b"before")
    client.interrupt()  # every pooled connection is broken now, and new requests refused
    with pytest.raises(GridError) as err:
        client.read_bytes(fresh_dir, "f")
    assert "broken off" in str(err.value) and "URI" not in str(err.value)
    client.resume()
    assert client.read_bytes(fresh_dir, "f") == b"before"
    client.upload_to(fresh_dir, "g", b"after")
    assert set(client.list_dir(fresh_dir).children) == {"f", "g"}
