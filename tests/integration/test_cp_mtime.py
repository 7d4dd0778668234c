"""mtime travels both ways, on the real grid: stored as link metadata on upload, applied
to local files on download, refreshed when a mutable file is updated in place.
"""

from __future__ import annotations

import os
import time

import pytest

pytestmark = pytest.mark.grid


def test_upload_stores_the_local_mtime_as_link_metadata(cp, client, tahoe_root, work):
    f = work / "old"
    f.write_text("old file")
    os.utime(f, (1_000_000_000, 1_000_000_000))
    tree = work / "tree"
    tree.mkdir()
    (tree / "g").write_text("in a tree")
    os.utime(tree / "g", (1_100_000_000, 1_100_000_000))

    assert cp(f, "tahoe:old").rc == 0
    assert cp("-r", tree, "tahoe:").rc == 0

    assert client.list_dir(tahoe_root).children["old"].metadata.get("mtime") == pytest.approx(1_000_000_000, abs=1)
    g = client.list_dir(tahoe_root, "tree").children["g"]
    assert g.metadata.get("mtime") == pytest.approx(1_100_000_000, abs=1)


def test_download_applies_the_grid_mtime_to_the_local_file(cp, client, tahoe_root, work):
    cap = client.upload(b"from the grid")
    client.set_children(tahoe_root, {"f": (cap, {"mtime": 1_234_000_000.0})})
    client.mkdir(tahoe_root, "d")
    client.set_children(tahoe_root, {"g": (cap, {"mtime": 1_200_000_000.0})}, path="d")

    assert cp("tahoe:f", work / "f").rc == 0
    assert cp("-r", "tahoe:d", work).rc == 0

    assert os.stat(work / "f").st_mtime == pytest.approx(1_234_000_000, abs=1)
    assert os.stat(work / "d" / "g").st_mtime == pytest.approx(1_200_000_000, abs=1)


def test_updating_a_mutable_file_in_place_refreshes_its_mtime(cp, client, tahoe_root, work):
    client.upload_to(tahoe_root, "m.txt", b"old", fmt="SDMF")
    before = client.stat(tahoe_root, "m.txt")
    (work / "m.txt").write_bytes(b"new")
    os.utime(work / "m.txt", (time.time() + 100, time.time() + 100))
    run = cp(work / "m.txt", "tahoe:")
    assert run.rc == 0, str(run)
    after = client.stat(tahoe_root, "m.txt")
    assert after.rw_uri == before.rw_uri  # updated in place
    assert client.read_bytes(tahoe_root, "m.txt") == b"new"
    assert after.metadata.get("mtime") == os.stat(work / "m.txt").st_mtime
