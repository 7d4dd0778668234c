"""Interrupted and failed transfers leave no partial file, on the real grid: a cancelled
download, a download whose shares exist nowhere, a node killed mid-copy (whose error names
no cap).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from tahoegui.copier import CancelToken
from tahoegui.grid.testing import RunningGrid, running_grid
from tests.integration.cp_fixtures import (
    NodeDir,
    assert_clean_error,
    assert_no_caps,
    local_tree,
    result_texts,
    run_copy_api,
    run_cp_in_process,
)

pytestmark = pytest.mark.grid

MiB = 1024 * 1024
NODE_CLOSED = "the node closed the connection without a proper answer"


@pytest.fixture(scope="module")
def big_file(grid: RunningGrid) -> tuple[str, bytes]:
    """A 16 MiB immutable file in a directory: (dircap, contents)."""
    c = grid.client()
    data = os.urandom(16 * MiB)
    cap = c.upload(data)
    d = c.mkdir_with_children({"big": (cap, {})})
    c.close()
    return d, data


@pytest.mark.parametrize("existing", [None, b"the old contents\n"], ids=["new-file", "existing-file"])
def test_cancelled_download_leaves_no_partial_file(session_client, work, big_file, existing):
    dircap, _ = big_file
    target = work / "big"
    if existing is not None:
        target.write_bytes(existing)
    cancel = CancelToken()

    def on_event(event) -> None:
        if event.bytes_done > 0:
            cancel.cancel()

    run = run_copy_api(
        ["d:big"], str(target), client=session_client, aliases={"d": dircap}, cancel=cancel, on_event=on_event
    )

    # (how soon a cancel stops a download is measured by benchmarks/cancel_latency.py)
    assert cancel.cancelled, "no progress event reported bytes moving"
    assert run.result.cancelled, run.result
    assert run.result.exit_code == 1
    if existing is None:
        assert local_tree(work) == {}, "no partial or temporary file may remain"
    else:
        assert local_tree(work) == {"big": existing}, "the old file stays whole, no temporary file remains"


def test_failed_download_leaves_no_partial_file_and_others_are_copied(cp, client, tahoe_root, work):
    good = client.upload(b"good " * 100)
    real = client.upload(os.urandom(5000))
    parts = real.split(":")  # URI:CHK:key:ueb-hash:k:N:size
    assert parts[1] == "CHK"
    # the same cap with another key: a well-formed CHK cap whose shares exist nowhere
    parts[2] = ("a" if parts[2][0] != "a" else "b") + parts[2][1:]
    bogus = ":".join(parts)
    client.mkdir(tahoe_root, "d")
    client.set_children(tahoe_root, {"good": (good, {}), "bad": (bogus, {})}, path="d")
    out = work / "out"
    (out / "d").mkdir(parents=True)
    (out / "d" / "bad").write_bytes(b"previous bad\n")

    run = cp("-r", "tahoe:d", out)

    assert run.rc == 1, str(run)
    assert "Traceback" not in run.err and "URI:" not in run.out + run.err, str(run)
    assert "bad" in run.err
    assert local_tree(out) == {"d/": None, "d/good": b"good " * 100, "d/bad": b"previous bad\n"}


def test_node_killed_mid_copy_gives_a_clear_error_naming_no_cap(tmp_path: Path):
    with running_grid(storage_nodes=1) as g:
        c = g.client()
        cap = c.upload(os.urandom(48 * MiB))
        root = c.mkdir_with_children({"big": (cap, {})})
        target = tmp_path / "out" / "big"
        target.parent.mkdir()
        killed = threading.Event()

        def kill_when_bytes_flow(event) -> None:
            # Blocking here stalls the transfer until the node is gone: the kill is mid-copy.
            if event.bytes_done > 0 and not killed.is_set():
                killed.set()
                g.grid.stop_node(g.grid.client_dir)

        run = run_copy_api(["g:big"], str(target), client=c, aliases={"g": root}, on_event=kill_when_bytes_flow)
        result = run.result
        assert killed.is_set(), "the copy never reported bytes moving"
        assert result.exit_code == 1, result
        assert result.error is None, result  # the file failed; nothing else was to be done
        assert [(i.outcome, i.source, i.target, i.reason) for i in result.items] == [
            ("failed", "g:big", str(target), f"downloading the object: {NODE_CLOSED}")
        ], result.items
        texts = result_texts(result)
        assert_no_caps(texts)
        assert "URI%3A" not in texts
        assert local_tree(target.parent) == {}, "no partial file"

        # and the command line, against the node now gone
        node_dir = NodeDir(tmp_path / "nodedir", g.node_url, {"g": root})
        cli = run_cp_in_process(["-d", str(node_dir.path), "g:big", str(target)])
        assert_clean_error(cli)
        assert local_tree(target.parent) == {}
        c.close()

        # the same for an upload: the node restarted, then killed while bytes go up
        g.grid.start()
        c = g.node_dir.client()
        upload = tmp_path / "up"
        upload.mkdir()
        (upload / "big").write_bytes(os.urandom(48 * MiB))
        killed.clear()
        run = run_copy_api(
            [str(upload)], "g:", client=c, aliases={"g": root}, recursive=True, on_event=kill_when_bytes_flow
        )
        assert killed.is_set(), "the upload never reported bytes moving"
        assert run.result.exit_code == 1, run.result
        # the file failed; then linking its folder found no node
        assert run.result.error == f"cannot reach the Tahoe-LAFS node at {g.node_url}", run.result
        assert [(i.outcome, i.target, i.reason) for i in run.result.items] == [
            ("failed", "g:/up/big", f"uploading a file: {NODE_CLOSED}")
        ], run.result.items
        assert_no_caps(result_texts(run.result))
        c.close()
