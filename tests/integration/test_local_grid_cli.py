"""`tahoegui-grid start|status|stop` against real tahoe processes (DESIGN.md's contract).

Each grid start costs seconds on a small machine, so one module shares two grids
of one storage node each. No test relies on an earlier one: each that needs grid one
running asks for `grid_one`, which starts it (at once when it already runs, since
`start` is idempotent), and a test that stops a grid leaves it stopped for the next.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.integration.processes import processes_of

BIN = Path(sys.executable).parent
pytestmark = pytest.mark.grid


def grid_cli(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run([str(BIN / "tahoegui-grid"), *args], capture_output=True, text=True, timeout=180)
    if check:
        assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    return proc


@pytest.fixture(scope="module")
def grids(tmp_path_factory):
    """Two grid directories; whatever happens, both are stopped at the end."""
    base = tmp_path_factory.mktemp("cli-grids")
    dirs = base / "one", base / "two"
    yield dirs
    for d in dirs:
        grid_cli("stop", "--dir", str(d), check=False)


@pytest.fixture
def grid_one(grids) -> dict[str, str]:
    """Grid one, running: what `start --json` printed for it."""
    return json.loads(grid_cli("start", "--dir", str(grids[0]), "--storage-nodes", "1", "--json").stdout)


def test_start_json_gives_a_grid_that_tahoe_put_can_upload_to(grids, grid_one, tmp_path):
    one = grids[0]
    started = grid_one
    assert set(started) == {"node_dir", "node_url"}
    assert Path(started["node_dir"]) == one / "client"
    assert started["node_url"].startswith("http://127.0.0.1:")

    source = tmp_path / "hello.txt"
    source.write_bytes(b"hello from tahoe put\n" * 10)
    put = subprocess.run(
        [str(BIN / "tahoe"), "-d", started["node_dir"], "put", str(source)], capture_output=True, text=True, timeout=60
    )
    assert put.returncode == 0, put.stderr
    cap = put.stdout.strip()
    assert cap.startswith("URI:CHK:")
    get = subprocess.run([str(BIN / "tahoe"), "-d", started["node_dir"], "get", cap], capture_output=True, timeout=60)
    assert get.stdout == source.read_bytes()


def test_start_again_is_idempotent(grids, grid_one):
    one = grids[0]
    first = json.loads(grid_cli("status", "--dir", str(one), "--json").stdout)
    pids = {p.pid for p in processes_of(one)}
    again = json.loads(grid_cli("start", "--dir", str(one), "--json").stdout)
    assert again["node_url"] == first["node_url"]
    assert {p.pid for p in processes_of(one)} == pids  # nothing new launched


def test_status_reports_running_and_connected_servers(grids, grid_one):
    status = json.loads(grid_cli("status", "--dir", str(grids[0]), "--json").stdout)
    assert status["running"] is True and status["connected_servers"] == 1 and status["shares_happy"] == 1
    text = grid_cli("status", "--dir", str(grids[0])).stdout
    assert text.startswith("running; 1 of 1 storage servers connected")


def test_two_grids_run_side_by_side_and_stop_leaves_nothing(grids, grid_one):
    one, two = grids
    url_one = json.loads(grid_cli("status", "--dir", str(one), "--json").stdout)["node_url"]
    url_two = json.loads(grid_cli("start", "--dir", str(two), "--storage-nodes", "1", "--json").stdout)["node_url"]
    assert url_one != url_two
    for d in (one, two):
        assert json.loads(grid_cli("status", "--dir", str(d), "--json").stdout)["running"]

    assert grid_cli("stop", "--dir", str(two)).stdout.strip() == "stopped"
    assert processes_of(two) == []
    stopped = grid_cli("status", "--dir", str(two), "--json", check=False)
    assert stopped.returncode == 3
    assert json.loads(stopped.stdout) | {"node_dir": None} == {
        "running": False,
        "node_dir": None,
        "node_url": None,
        "connected_servers": 0,
        "shares_happy": 1,
    }
    assert grid_cli("status", "--dir", str(two), check=False).stdout.startswith("stopped")
    # the other grid did not notice
    assert json.loads(grid_cli("status", "--dir", str(one), "--json").stdout)["connected_servers"] == 1


def test_stale_pid_files_do_not_block_start(grids, grid_one):
    one = grids[0]
    grid_cli("stop", "--dir", str(one))
    assert processes_of(one) == []

    dead = subprocess.Popen(["true"])
    dead.wait()
    (one / "storage-1" / "running.process").write_text(f"{dead.pid} 1.0\n")
    # After a reboot a pid file may name a live process that is not tahoe at all.
    stranger = subprocess.Popen(["sleep", "60"])
    try:
        (one / "client" / "running.process").write_text(f"{stranger.pid} 1.0\n")
        status = json.loads(grid_cli("start", "--dir", str(one), "--json").stdout)
        assert stranger.poll() is None  # left alone
    finally:
        stranger.kill()
        stranger.wait()
    assert json.loads(grid_cli("status", "--dir", str(one), "--json").stdout)["running"]
    assert status["node_url"]
    grid_cli("stop", "--dir", str(one))
    assert processes_of(one) == []


def test_bad_arguments_are_usage_errors(tmp_path):
    assert grid_cli("start", "--dir", str(tmp_path), "--storage-nodes", "0", check=False).returncode == 2
    assert grid_cli("frobnicate", check=False).returncode == 2
    assert not (tmp_path / "client").exists()
