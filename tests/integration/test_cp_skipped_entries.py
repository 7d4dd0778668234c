"""Entries that cannot be copied are reported and the rest is copied, on the real grid:
grid objects of unknown kind (upstream #839 aborts the whole copy), special files and
dangling symlinks (upstream drops them silently).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.integration.cp_fixtures import local_tree, run_copy_api

pytestmark = pytest.mark.grid


def test_unknown_grid_node_is_reported_and_skipped_and_the_rest_copied(cp, client, tahoe_root, work):
    client.upload_to(tahoe_root, "d/ok", b"fine")
    client.set_children(tahoe_root, {"future": ("x-tahoe-crazy://from-the-future", {})}, path="d")
    assert client.list_dir(tahoe_root, "d").children["future"].kind == "unknown"
    out = work / "out"

    run = cp("-r", "tahoe:d", out)  # upstream: the whole copy aborts (#839)

    assert run.rc == 1, str(run)
    assert "future" in run.err and "Traceback" not in run.err, str(run)
    assert local_tree(out) == {"d/": None, "d/ok": b"fine"}


def test_special_files_and_dangling_symlinks_are_reported_as_skipped(client, tahoe_root, work):
    src = work / "src"
    src.mkdir()
    (src / "real").write_text("real")
    os.mkfifo(src / "fifo")
    (src / "dangling").symlink_to(src / "nowhere")

    result = run_copy_api([str(src)], "tahoe:", client=client, aliases={"tahoe": tahoe_root}, recursive=True).result

    skipped = sorted(Path(i.source).name for i in result.skipped)
    assert skipped == ["dangling", "fifo"], result.items
    assert all(i.reason for i in result.skipped)
    assert sorted(client.list_dir(tahoe_root, "src").children) == ["real"]
