"""The `cp` steps S1–S13 of upstream's test_system.py (test_filesystem), on the real grid.

Upstream runs them as one long sequence; here each step is a test that sets up what it
needs (cheaply: the files are tiny). Our deliberate differences are pinned: a mutable
file copied to a new name stays mutable (S1), immutable grid -> grid copies are links (S12).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import tahoe_capabilities as tc

from tahoegui.grid.client import GridClient
from tests.integration.cp_fixtures import local_tree

pytestmark = pytest.mark.grid


def data(i: int) -> bytes:
    return b"data to be uploaded: file%d\n" % i


@pytest.fixture
def files(work: Path) -> list[Path]:
    paths = []
    for i in range(10):
        p = work / f"file{i}"
        p.write_bytes(data(i))
        paths.append(p)
    return paths


@pytest.fixture
def file3(client: GridClient, tahoe_root: str) -> str:
    """tahoe:file3, an SDMF mutable file (upstream: put --format=SDMF)."""
    return client.upload_to(tahoe_root, "file3", data(3), fmt="SDMF")


def _names(client: GridClient, root: str, path: str = "") -> list[str]:
    return sorted(client.list_dir(root, path).children)


def test_s1_mutable_file_copied_to_new_grid_name_stays_an_independent_sdmf_file(cp, client, tahoe_root, file3):
    run = cp("tahoe:file3", "tahoe:file3-copy")

    assert run.rc == 0, str(run)
    assert _names(client, tahoe_root) == ["file3", "file3-copy"]
    assert client.read_bytes(tahoe_root, "file3-copy") == data(3)
    # ours (upstream #835 made it immutable): mutable, same format, its own write cap
    copy = client.stat(tahoe_root, "file3-copy")
    assert copy.mutable and copy.format == "SDMF"
    assert copy.rw_uri and copy.rw_uri != file3
    client.upload_to(tahoe_root, "file3", b"changed original")
    assert client.read_bytes(tahoe_root, "file3-copy") == data(3)


def test_s2_local_file_to_grid(cp, client, tahoe_root, files):
    run = cp(files[4], "tahoe:file4")

    assert run.rc == 0, str(run)
    assert run.out == "Success: file copied\n"
    assert client.read_bytes(tahoe_root, "file4") == data(4)


def test_s3_grid_file_to_local_file(cp, client, tahoe_root, work):
    client.upload_to(tahoe_root, "file4", data(4))
    target = work / "file-out"

    run = cp("tahoe:file4", target)

    assert run.rc == 0, str(run)
    assert target.read_bytes() == data(4)


def test_s4_local_file_to_local_file(cp, work):
    source, target = work / "file-out", work / "file-out-copy"
    source.write_bytes(data(4))

    run = cp(source, target)

    assert run.rc == 0, str(run)
    assert target.read_bytes() == data(4)
    assert source.read_bytes() == data(4)


def test_s5_grid_file_overwrites_existing_local_file(cp, work, file3):
    target = work / "file-out"
    target.write_bytes(data(4))

    run = cp("tahoe:file3", target)

    assert run.rc == 0, str(run)
    assert target.read_bytes() == data(3)
    assert sorted(p.name for p in work.iterdir()) == ["file-out"], "no temporary file left behind"


def test_s6_local_file_replaces_existing_immutable_grid_file(cp, client, tahoe_root, files):
    client.upload_to(tahoe_root, "file4", data(4))

    run = cp(files[5], "tahoe:file4")

    assert run.rc == 0, str(run)
    assert _names(client, tahoe_root) == ["file4"]
    assert client.read_bytes(tahoe_root, "file4") == data(5)
    assert not client.stat(tahoe_root, "file4").mutable


def test_s7_local_file_gives_existing_mutable_grid_file_new_contents_in_place(cp, client, tahoe_root, files, file3):
    run = cp(files[5], "tahoe:file3")

    assert run.rc == 0, str(run)
    assert _names(client, tahoe_root) == ["file3"]
    assert client.read_bytes(tahoe_root, "file3") == data(5)
    entry = client.stat(tahoe_root, "file3")
    assert entry.mutable and entry.rw_uri == file3


@pytest.fixture
def dir1(work: Path) -> Path:
    """dir1/rfile1..3 and dir1/subdir2/rfile4..5, as upstream."""
    dn = work / "dir1"
    (dn / "subdir2").mkdir(parents=True)
    for i in (1, 2, 3):
        (dn / f"rfile{i}").write_bytes(b"rfile%d" % i)
    for i in (4, 5):
        (dn / "subdir2" / f"rfile{i}").write_bytes(b"rfile%d" % i)
    return dn


DIR1_TREE = {
    "rfile1": b"rfile1",
    "rfile2": b"rfile2",
    "rfile3": b"rfile3",
    "subdir2/": None,
    "subdir2/rfile4": b"rfile4",
    "subdir2/rfile5": b"rfile5",
}


@pytest.fixture
def grid_dir1(cp, dir1: Path) -> None:
    run = cp("-r", dir1, "tahoe:")
    assert run.rc == 0, str(run)


def test_s8_recursive_local_to_grid(cp, client, tahoe_root, grid_dir1):
    assert _names(client, tahoe_root) == ["dir1"]
    assert _names(client, tahoe_root, "dir1") == ["rfile1", "rfile2", "rfile3", "subdir2"]
    assert _names(client, tahoe_root, "dir1/subdir2") == ["rfile4", "rfile5"]
    assert client.read_bytes(tahoe_root, "dir1/subdir2/rfile4") == b"rfile4"


def test_s9_s10_recursive_grid_to_local_twice(cp, work, grid_dir1):
    dn_copy = work / "dir1-copy"

    run = cp("--verbose", "-r", "tahoe:dir1", dn_copy)
    assert run.rc == 0, str(run)
    lines = run.err.splitlines()
    assert "attaching sources to targets, 0 files / 1 dirs in root" in lines, str(run)
    assert "starting copy, 5 files, 2 directories" in lines, str(run)
    assert lines[-1] == "2/2 directories", str(run)
    assert local_tree(dn_copy) == {"dir1/": None, **{f"dir1/{k}": v for k, v in DIR1_TREE.items()}}

    # S10: a second time overwrites the same files
    (dn_copy / "dir1" / "rfile1").write_bytes(b"stale")
    run = cp("-r", "tahoe:dir1", dn_copy)
    assert run.rc == 0, str(run)
    assert local_tree(dn_copy) == {"dir1/": None, **{f"dir1/{k}": v for k, v in DIR1_TREE.items()}}


def test_s11_caps_only_writes_lit_caps_as_file_contents(cp, work, grid_dir1):
    dn_copy2 = work / "dir1-copy-capsonly"

    run = cp("-r", "--caps-only", "tahoe:dir1", dn_copy2)

    assert run.rc == 0, str(run)
    for rel, contents in DIR1_TREE.items():
        if contents is None:
            continue
        cap = (dn_copy2 / "dir1" / rel).read_text().strip()
        lit = tc.capability_from_string(cap)
        assert lit.data == contents


def test_s12_s13_recursive_grid_to_grid_twice_links_immutable_files(cp, client, tahoe_root, grid_dir1):
    source_caps = {k: client.stat(tahoe_root, f"dir1/{k}").ro_uri for k, v in DIR1_TREE.items() if v}

    for _ in range(2):  # S13: the second copy overwrites the same entries
        run = cp("-r", "tahoe:dir1", "tahoe:dir1-copy")
        assert run.rc == 0, str(run)
        assert _names(client, tahoe_root) == ["dir1", "dir1-copy"]
        assert _names(client, tahoe_root, "dir1-copy") == ["dir1"]
        assert _names(client, tahoe_root, "dir1-copy/dir1") == ["rfile1", "rfile2", "rfile3", "subdir2"]
        assert _names(client, tahoe_root, "dir1-copy/dir1/subdir2") == ["rfile4", "rfile5"]
        assert client.read_bytes(tahoe_root, "dir1-copy/dir1/subdir2/rfile4") == b"rfile4"
        # ours: immutable files are linked, so the copies carry the very same caps
        for rel, cap in source_caps.items():
            assert client.stat(tahoe_root, f"dir1-copy/dir1/{rel}").ro_uri == cap
    # the copy is a new directory tree, not a link to the source's directories
    assert client.stat(tahoe_root, "dir1-copy/dir1").rw_uri != client.stat(tahoe_root, "dir1").rw_uri
