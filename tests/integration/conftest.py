"""Fixtures for the copier's acceptance tests on the real private grid."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tahoegui.grid.client import GridClient
from tahoegui.grid.testing import RunningGrid
from tests.integration.cp_fixtures import (
    CopyOutTree,
    CpRun,
    NodeDir,
    build_copyout_tree,
    run_cp_in_process,
    run_cp_program,
)


@pytest.fixture
def node_dir(tmp_path: Path, grid: RunningGrid, fresh_dir: str) -> NodeDir:
    """A node directory for `-d`: the session grid's URL, and a fresh `tahoe:` alias."""
    return NodeDir(tmp_path / "nodedir", grid.node_url, {"tahoe": fresh_dir})


@pytest.fixture
def tahoe_root(node_dir: NodeDir) -> str:
    """The write cap behind `tahoe:` for this test."""
    return node_dir.aliases["tahoe"]


@pytest.fixture
def work(tmp_path: Path) -> Path:
    """A local scratch directory (the upstream tests' basedir)."""
    d = tmp_path / "work"
    d.mkdir()
    return d


@pytest.fixture
def cp(node_dir: NodeDir) -> Callable[..., CpRun]:
    """`cp("-r", src, dst)` runs `tahoegui-cp -d NODEDIR -r src dst` in-process."""

    def run(*args: str) -> CpRun:
        return run_cp_in_process(["-d", str(node_dir.path), *map(str, args)])

    return run


@pytest.fixture
def cp_program(node_dir: NodeDir) -> Callable[..., CpRun]:
    """The same as `cp`, through the installed `tahoegui-cp` program."""

    def run(*args: str) -> CpRun:
        return run_cp_program(["-d", str(node_dir.path), *map(str, args)])

    return run


@pytest.fixture(scope="session")
def copyout_tree(grid: RunningGrid) -> CopyOutTree:
    """The CopyOut setup, built once: the cases only read it."""
    client = grid.client()
    try:
        return build_copyout_tree(client)
    finally:
        client.close()


@pytest.fixture
def copyout_node_dir(tmp_path: Path, grid: RunningGrid, copyout_tree: CopyOutTree) -> NodeDir:
    """A node directory whose `ALIAS:` is $DIRCAP."""
    return NodeDir(tmp_path / "nodedir", grid.node_url, {copyout_tree.alias: copyout_tree.dircap})


@pytest.fixture(scope="session")
def session_client(grid: RunningGrid) -> GridClient:
    c = grid.client()
    yield c
    c.close()
