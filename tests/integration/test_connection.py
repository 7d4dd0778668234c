"""Which node the window talks to with no option (jobs/connection.find_default_node): the node
in ~/.tahoe if it answers, else the private grid, started if needed. HOME points at a
directory of the test's own."""

from __future__ import annotations

from pathlib import Path

import pytest

from tahoegui.grid.localgrid import LocalGrid, free_port
from tahoegui.grid.nodedir import NodeDirectory
from tahoegui.jobs.connection import find_default_node

pytestmark = pytest.mark.grid


@pytest.fixture
def home(tmp_path: Path, monkeypatch) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    return home


def test_a_tahoe_node_that_answers_is_used(home, grid, fresh_dir, tmp_path):
    dot_tahoe = grid.make_node_dir(home / ".tahoe", {"tahoe": fresh_dir, "other": fresh_dir})
    private = tmp_path / "private-grid"

    try:
        conn = find_default_node(private)
    finally:
        if private.exists():  # wrongly started: leave no process behind
            LocalGrid(private).stop()

    assert conn.node_url == grid.node_url
    assert conn.aliases == {"tahoe": fresh_dir, "other": fresh_dir}
    assert conn.encoding == grid.node_dir.encoding()
    assert conn.node_dir == NodeDirectory(dot_tahoe)
    assert not private.exists(), "the private grid was not needed"


def test_when_the_tahoe_node_does_not_answer_the_private_grid_is_started_and_used(home, tmp_path):
    silent = f"http://127.0.0.1:{free_port()}/"  # nothing listens there
    dot_tahoe = home / ".tahoe"
    (dot_tahoe / "private").mkdir(parents=True)
    (dot_tahoe / "node.url").write_text(silent + "\n")
    (dot_tahoe / "private" / "aliases").write_text("tahoe: URI:DIR2:aaaaaaaaaaaaaaaaaaaaaaaaaa:" + "b" * 52 + "\n")
    private = tmp_path / "private-grid"
    grid = LocalGrid(private)
    try:
        conn = find_default_node(private)

        assert conn.node_url == grid.node_url() != silent
        assert conn.node_dir == NodeDirectory(grid.client_dir)
        assert list(conn.aliases) == ["tahoe"]  # made for the new grid, not ~/.tahoe's
        cap = conn.aliases["tahoe"]
        assert cap.startswith("URI:DIR2:")
        assert NodeDirectory(grid.client_dir).read_aliases().aliases == {"tahoe": cap}  # kept for next time
        client = conn.new_client()
        try:
            client.upload_to(cap, "hello.txt", b"it works")
            assert client.read_bytes(cap, "hello.txt") == b"it works"
        finally:
            client.close()

        # the next start, with no ~/.tahoe at all, finds the same grid and the same alias
        (dot_tahoe / "node.url").unlink()
        (dot_tahoe / "private" / "aliases").unlink()
        again = find_default_node(private)
        assert (again.node_url, again.aliases) == (conn.node_url, {"tahoe": cap})
    finally:
        grid.stop()
