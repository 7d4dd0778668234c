"""The window's node probe and the private grid's server count go through GridClient: they
ignore proxy settings from the environment (a proxy would see every cap), as copies do."""

from __future__ import annotations

import pytest

from tahoegui.grid.client import GridClient
from tahoegui.grid.localgrid import free_port
from tahoegui.jobs.connection import node_answers

pytestmark = pytest.mark.grid


@pytest.fixture
def dead_proxy_in_environment(monkeypatch):
    """Every proxy variable points at a port where nothing listens, with no exceptions."""
    proxy = f"http://127.0.0.1:{free_port()}"
    for name in ("http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.setenv(name, proxy)
        monkeypatch.setenv(name.upper(), proxy)
    for name in ("no_proxy", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
    return proxy


def test_the_node_probe_reaches_the_node_past_a_proxy_setting(grid, dead_proxy_in_environment):
    assert node_answers(grid.node_url)


def test_the_private_grid_counts_its_servers_past_a_proxy_setting(grid, dead_proxy_in_environment):
    status = grid.grid.status()
    assert status.running and status.connected == status.happy == 3


def test_the_node_probe_says_no_where_no_node_listens():
    assert not node_answers(f"http://127.0.0.1:{free_port()}/", timeout=2.0)


def test_the_welcome_page_lists_the_storage_servers(grid):
    client = GridClient(grid.node_url)
    try:
        page = client.welcome()
    finally:
        client.close()
    assert len(page["servers"]) == 3
