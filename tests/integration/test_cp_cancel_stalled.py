"""Cancelling a copy whose node has stalled: the request blocked on it is broken off.

The grid's storage nodes are frozen (SIGSTOP) so the client node cannot answer: a
download waits for its first share, an upload for its servers. Without breaking the
request off, the copy would sit until the read timeout, minutes away.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable

import pytest

from tahoegui.copier import CancelToken
from tahoegui.copier.result import MAYBE_REPLACED
from tahoegui.grid.errors import GridError
from tahoegui.grid.testing import RunningGrid
from tests.integration.cp_fixtures import local_tree, run_copy_api
from tests.stalled_storage import (
    Operation,
    StorageFreezer,
    active_operations,
    on_storage_index,
    storage_index,
)

MiB = 1024 * 1024


def transfer_started(event) -> bool:
    """The plan is made and the first file's transfer begins (no request for it sent yet)."""
    return event.phase == "copying" and bool(event.current)


def copy_then_cancel_once_stalled(
    grid: RunningGrid,
    sources: list[str],
    target: str,
    waiting_on: Callable[[Operation], bool],
    freeze_when=transfer_started,
    node_drops_it=False,
    **kwargs,
):
    """Run a copy; at the first event `freeze_when` picks, freeze the storage nodes; once
    the node has begun an operation `waiting_on` picks (the copy's request is with the
    node, which waits on its frozen servers), cancel. Answers the copy's run.

    Unless `node_drops_it` (the node ends the operation when its client goes, as it does a
    download), the operation must still be going on once the copy has stopped: the copy
    broke its request off rather than waiting for the node to give up."""
    freezer, cancel = StorageFreezer(grid), CancelToken()
    already_active = active_keys(grid.node_url)

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
        waiting = freezer.wait_until_the_node_waits(lambda op: waiting_on(op) and key(op) not in already_active)
        assert thread.is_alive(), "the copy finished without the servers"
        cancel.cancel()
        # A guard against hanging only: how soon the copy stops is measured by
        # benchmarks/cancel_latency.py.
        thread.join(timeout=60)
        assert not thread.is_alive(), "the copy kept waiting for the stalled node"
        if not node_drops_it:  # (the node's upload gives up on frozen servers after about 30 s)
            assert key(waiting) in active_keys(grid.node_url), "the copy waited until the node's operation ended"
    finally:
        freezer.thaw()
        thread.join(timeout=120)
    return out[0]


def key(op: Operation) -> tuple[str, str | None]:
    return op["type"], op.get("storage-index-string")


def active_keys(node_url: str) -> set[tuple[str, str | None]]:
    return {key(op) for op in active_operations(node_url)}


def an_upload(op: Operation) -> bool:
    return op["type"] == "upload"


def test_cancelling_a_download_stalled_on_the_grid_breaks_it_off(grid, client, session_client, work):
    dircap = client.mkdir()
    client.upload_to(dircap, "file", os.urandom(2 * MiB))
    listing = client.list_dir(dircap)
    on_dir_or_file = on_storage_index(
        storage_index(listing.node.verify_uri), storage_index(listing.children["file"].verify_uri)
    )

    run = copy_then_cancel_once_stalled(
        grid,
        ["d:file"],
        str(work / "file"),
        on_dir_or_file,
        node_drops_it=True,  # and would wait minutes for it, failing the hang guard
        client=session_client,
        aliases={"d": dircap},
    )

    assert run.result.cancelled and run.result.exit_code == 1 and not run.result.failed, run.result
    assert local_tree(work) == {}, "no partial or temporary file may remain"


def test_cancelling_an_upload_stalled_on_the_grid_links_nothing(grid, client, session_client, tahoe_root, work):
    source = work / "up.bin"
    source.write_bytes(os.urandom(2 * MiB))
    before = set(client.list_dir(tahoe_root).children)

    run = copy_then_cancel_once_stalled(
        grid, [str(source)], "tahoe:", an_upload, client=session_client, aliases={"tahoe": tahoe_root}
    )

    assert run.result.cancelled and not run.result.failed, run.result
    assert set(client.list_dir(tahoe_root).children) == before


def test_a_mutable_file_cut_off_while_replaced_in_place_is_reported_as_uncertain(
    grid, client, session_client, tahoe_root, work
):
    client.upload_to(tahoe_root, "notes", b"old contents", fmt="MDMF")
    source = work / "notes"
    source.write_bytes(b"new contents")
    on_notes = on_storage_index(storage_index(client.stat(tahoe_root, "notes").verify_uri))

    run = copy_then_cancel_once_stalled(
        grid, [str(source)], "tahoe:notes", on_notes, client=session_client, aliases={"tahoe": tahoe_root}
    )

    assert run.result.cancelled, run.result
    assert [(i.outcome, i.reason) for i in run.result.items] == [("skipped", MAYBE_REPLACED)]
    assert run.result.changed_in_place
    assert client.read_bytes(tahoe_root, "notes") in (b"old contents", b"new contents")


def test_cancelling_a_scan_stalled_on_the_grid_breaks_it_off(grid, client, session_client, work):
    # More subdirectories than the scan fetches at once: listings queued behind the broken
    # ones must not start new waits on the stalled node.
    top = client.mkdir()
    for i in range(10):
        client.mkdir(top, f"sub{i}")
    subdirs = client.list_dir(top).children.values()
    on_a_subdir = on_storage_index(*(storage_index(d.verify_uri) for d in subdirs))

    run = copy_then_cancel_once_stalled(
        grid,
        ["d:"],
        str(work / "out"),
        on_a_subdir,
        client=session_client,
        aliases={"d": top},
        recursive=True,
        # the scan's first line about top's 10 subdirectories (not the count over the sources)
        freeze_when=lambda event: event.new_message and event.message == "examining 1 of 10",
    )

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
