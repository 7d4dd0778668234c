"""GridClient's reading of a node's answers, from real answers saved in data/ (recorded from
a private test grid by data/record.py) and served by a fake transport: listings, a file's
`?t=json`, the welcome page as NodeStatus, and a check's JSON as a HealthReport. No grid."""

from __future__ import annotations

import json

import pytest

from tahoegui.grid.errors import GridError
from tahoegui.grid.types import GridEntry
from tests.unit.grid.saved_answers import client_of_saved_node, directory_caps, saved

CAPS = directory_caps()


@pytest.fixture
def client_and_node():
    client, node = client_of_saved_node(happy=3, needed=2, total=3)
    yield client, node
    client.close()


def test_a_listing_gives_the_directory_and_each_child_by_name(client_and_node):
    client, node = client_and_node

    listing = client.list_dir(CAPS["root"])

    assert node.asked == ["directory.json"]
    raw = saved("directory.json")
    assert listing.node == GridEntry.from_json("", raw)
    assert listing.children == {name: GridEntry.from_json(name, v) for name, v in raw[1]["children"].items()}
    assert listing.children["café.txt"].name == "café.txt"
    assert listing.children["sub"].is_dir and listing.children["mdmf.txt"].format == "MDMF"


def test_a_listing_through_a_read_cap(client_and_node):
    client, _ = client_and_node

    listing = client.list_dir(CAPS["root_ro"])

    assert not listing.node.writable
    assert listing.children and not any(child.writable for child in listing.children.values())


def test_stat_of_a_file_by_path_names_it_by_its_last_segment(client_and_node):
    client, _ = client_and_node

    entry = client.stat(CAPS["root"], "big.bin")

    assert (entry.name, entry.kind, entry.size, entry.format) == ("big.bin", "file", 4300, "CHK")


def test_examining_a_file_gives_no_children_and_listing_it_is_refused(client_and_node):
    client, _ = client_and_node

    examined = client.examine(CAPS["mdmf"])
    assert examined.node.is_file and examined.children == {}
    assert examined.node.size == 21 and examined.node.writable

    with pytest.raises(GridError, match="not a directory"):
        client.list_dir(CAPS["mdmf"])


def test_the_welcome_page_gives_each_storage_server_and_whether_uploads_can_work(client_and_node):
    client, node = client_and_node

    status = client.node_status()

    assert node.asked == ["welcome.json"]
    assert sorted(s.nickname for s in status.servers) == ["storage-1", "storage-2", "storage-3"]
    assert all(s.connected for s in status.servers)
    assert all(s.nodeid.startswith("v0-") for s in status.servers)
    assert all(isinstance(s.available_space, int) and s.available_space > 0 for s in status.servers)
    assert (status.happy, status.needed, status.total) == (3, 2, 3)
    assert status.connected_count == 3 and status.can_upload


def test_a_server_the_node_is_not_connected_to_does_not_count(client_and_node):
    client, node = client_and_node
    welcome = saved("welcome.json")  # the real answer, with two servers' states changed
    welcome["servers"][0]["connection_status"] = "Trying to connect"
    welcome["servers"][1]["connection_status"] = "Disconnected"
    node.replaced["welcome.json"] = json.dumps(welcome).encode()

    status = client.node_status()

    assert [s.connected for s in status.servers] == [False, False, True]
    assert status.connected_count == 1 and not status.can_upload


def test_a_check_answer_becomes_a_health_report(client_and_node):
    client, node = client_and_node

    report = client.check(CAPS["root"], "big.bin")

    assert node.asked == ["check.json"]
    assert report.healthy and report.recoverable and report.summary == "Healthy"
    assert (report.shares_good, report.shares_needed, report.shares_expected, report.corrupt_shares) == (3, 2, 3, 0)
    assert not report.repair_attempted and report.raw == saved("check.json")
