"""Uploads that cannot reach happiness: one storage node of three is stopped for real, so the
node can place shares on two servers where three are wanted (`happy = 3`).

The upload fails with the node's own reason, and the executor then links nothing: files
already uploaded are reported as not linked, and the target folder stays as it was, a new
one is not made. These tests run on a grid of this module's own, so that stopping a node
does not take a server away from the session grid; each test restarts it afterwards.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tahoegui.grid.client import GridClient
from tahoegui.grid.testing import RunningGrid, running_grid
from tests.integration.cp_fixtures import NodeDir, assert_clean_error, grid_tree, run_copy_api, run_cp_in_process

pytestmark = pytest.mark.grid

UNHAPPY = "uploading a file (500): UploadUnhappinessError: server selection failed for "
NOT_LINKED = "not linked: the copy stopped before its folder was written"
SERVERS = (  # what follows the node's description of its server selector
    ": shares could be placed on only 2 server(s) such that any 2 of them have enough shares to recover the "
    "file, but we were asked to place shares on at least 3 such servers."
)


@pytest.fixture(scope="module")
def own_grid() -> Iterator[RunningGrid]:
    with running_grid(storage_nodes=3) as grid:
        yield grid


def connected_servers(client: GridClient) -> int:
    return sum(1 for server in client.node_status().servers if server.connected)


@pytest.fixture
def one_server_down(own_grid: RunningGrid) -> Iterator[GridClient]:
    """The module's grid with its first storage node stopped (and the client node knowing
    it); a client of it. The node is started again afterwards."""
    client = own_grid.client()
    deadline = time.monotonic() + 60  # a guard against hanging only
    while connected_servers(client) < 3:  # back from the test before?
        assert time.monotonic() < deadline, "the grid's three servers never connected"
        time.sleep(0.1)
    own_grid.grid.stop_node(own_grid.grid.storage_dirs()[0])
    while connected_servers(client) != 2:
        assert time.monotonic() < deadline, "the client node never noticed the stopped server"
        time.sleep(0.1)
    try:
        yield client
    finally:
        client.close()
        own_grid.grid.start()  # starts the stopped node; waits until uploads work again


@pytest.fixture
def root(one_server_down: GridClient) -> str:
    """A folder that already holds one file (made while the grid can still do mkdir and
    LIT uploads: neither needs happiness)."""
    return one_server_down.mkdir_with_children({"already-here": (one_server_down.upload(b"tiny"), {})})


def local_tree_with_one_real_upload(base: Path) -> Path:
    """`tree/` with small files (stored in their caps: no servers needed) and one file
    big enough to need the grid's servers."""
    tree = base / "tree"
    (tree / "sub").mkdir(parents=True)
    (tree / "small-1").write_bytes(b"one")
    (tree / "sub" / "small-2").write_bytes(b"two")
    (tree / "sub" / "big").write_bytes(os.urandom(200_000))
    return tree


def test_a_tree_whose_upload_is_unhappy_fails_and_links_nothing(one_server_down, root, tmp_path):
    client = one_server_down
    before = grid_tree(client, root)
    tree = local_tree_with_one_real_upload(tmp_path)

    run = run_copy_api([str(tree)], "top:", client=client, aliases={"top": root}, recursive=True)

    result = run.result
    assert result.error is not None and result.error.startswith(UNHAPPY), result
    assert SERVERS in result.error, result.error
    assert result.exit_code == 1 and not result.cancelled
    # the big file failed for that reason; the small ones went up but were not linked
    outcomes = {(Path(i.source).name, i.outcome): i.reason for i in result.items}
    assert outcomes == {
        ("big", "failed"): result.error,
        ("small-1", "skipped"): NOT_LINKED,
        ("small-2", "skipped"): NOT_LINKED,
    }, result.items
    assert grid_tree(client, root) == before  # no `tree/`, and the old file as it was


def test_a_single_file_whose_upload_is_unhappy_is_not_linked(one_server_down, root, tmp_path):
    client = one_server_down
    before = grid_tree(client, root)
    source = tmp_path / "report.pdf"
    source.write_bytes(os.urandom(100_000))

    run = run_copy_api([str(source)], "top:sub/report.pdf", client=client, aliases={"top": root})

    assert run.result.error is not None and run.result.error.startswith(UNHAPPY), run.result
    assert [(i.outcome, i.reason) for i in run.result.items] == [("failed", run.result.error)]
    assert grid_tree(client, root) == before  # not even the missing `sub/` was made


def test_the_command_line_says_why_and_links_nothing(one_server_down, own_grid, root, tmp_path):
    client = one_server_down
    before = grid_tree(client, root)
    tree = local_tree_with_one_real_upload(tmp_path)
    node_dir = NodeDir(tmp_path / "nodedir", own_grid.node_url, {"top": root})
    (node_dir.path / "tahoe.cfg").write_text("[client]\nshares.needed = 2\nshares.happy = 3\nshares.total = 3\n")

    run = run_cp_in_process(["-d", str(node_dir.path), "-r", str(tree), "top:new"])

    lines = assert_clean_error(run, one_line=False).splitlines()
    error = lines[-1]  # the copy's error, after what happened to each file
    assert error.startswith(UNHAPPY) and SERVERS in error, error
    assert lines[0] == f"error: top:new/tree/sub/big: {error}"
    assert sorted(lines[1:-1]) == [f"skipped {tree}/small-1: {NOT_LINKED}", f"skipped {tree}/sub/small-2: {NOT_LINKED}"]
    assert grid_tree(client, root) == before  # no `new/`
