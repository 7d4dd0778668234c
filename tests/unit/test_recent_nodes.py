"""The nodes chosen with Connect to Node…: newest first, each once, at most MAX_RECENT, 0600."""

from __future__ import annotations

import stat

from tahoegui.recent_nodes import MAX_RECENT, load_recent, remember


def test_newest_first_each_once_and_private(tmp_path):
    path = tmp_path / "config" / "recent-nodes.json"
    assert load_recent(path) == []
    remember("/home/alice/.tahoe", path)
    remember("http://127.0.0.1:3456/", path)
    remember("/home/alice/.tahoe", path)
    assert load_recent(path) == ["/home/alice/.tahoe", "http://127.0.0.1:3456/"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_at_most_max_recent(tmp_path):
    path = tmp_path / "recent.json"
    for i in range(MAX_RECENT + 3):
        remember(f"/nodes/{i}", path)
    assert load_recent(path) == [f"/nodes/{i}" for i in range(MAX_RECENT + 2, 2, -1)]


def test_a_damaged_list_is_ignored_with_a_warning(tmp_path, caplog):
    path = tmp_path / "recent.json"
    path.write_text("{not json")
    assert load_recent(path) == []
    assert "ignoring the list of recent nodes" in caplog.text
    path.write_text('{"a": 1}')
    assert load_recent(path) == []
    path.write_text('["/ok", 3, ""]')
    assert load_recent(path) == ["/ok"]
    remember("/new", path)  # a damaged list is replaced, not a reason to fail
    assert load_recent(path) == ["/new", "/ok"]
