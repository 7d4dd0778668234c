"""Every planning error is found before anything is written, on the real grid: symlink
loops, grid directories that contain themselves, read-only targets, a file where a directory
is needed, name collisions. Upstream creates directories first, follows the loop or crashes;
each test is written so that upstream's behaviour would fail it.
"""

from __future__ import annotations

import os
import unicodedata

import pytest

from tahoegui.grid.caps import diminish
from tests.integration.cp_fixtures import (
    E_TEXTS,
    CopyOutTree,
    NodeDir,
    assert_clean_error,
    grid_tree,
    local_tree,
    upload_counters,
)

pytestmark = pytest.mark.grid


def test_symlink_loop_is_a_clean_error_and_nothing_is_uploaded(cp, client, tahoe_root, work, grid):
    top = work / "top"
    (top / "sub").mkdir(parents=True)
    (top / "file").write_text("x" * 100)
    (top / "sub" / "loop").symlink_to("..")  # top/sub/loop -> top: upstream follows it 80-odd levels deep
    before = upload_counters(grid.node_url)

    run = cp("-r", top, "tahoe:")

    assert_clean_error(run)
    assert grid_tree(client, tahoe_root) == {}, "a planning error creates nothing"
    assert upload_counters(grid.node_url) == before


def test_grid_directory_that_contains_itself_is_a_clean_error(cp, client, tahoe_root, work):
    loopy = client.mkdir(tahoe_root, "loopy")
    client.upload_to(loopy, "file", b"in the loop")
    client.attach(loopy, "again", loopy)  # loopy/again is loopy: upstream recurses until ENAMETOOLONG

    out = work / "out"
    run = cp("-r", "tahoe:loopy", out)
    assert_clean_error(run)
    assert not out.exists(), "a planning error creates nothing"

    run = cp("-r", "tahoe:loopy", "tahoe:copy")
    assert_clean_error(run)
    assert sorted(client.list_dir(tahoe_root).children) == ["loopy"]


def test_copying_into_read_only_target_directory_fails_before_upload(cp, client, node_dir: NodeDir, work, grid):
    writable = client.mkdir()
    node_dir.add_alias("ro", diminish(writable))
    single = work / "single"
    single.write_bytes(os.urandom(10_000))  # big enough not to be a LIT: a real upload
    tree = work / "tree"
    (tree / "sub").mkdir(parents=True)
    (tree / "a").write_bytes(os.urandom(10_000))
    (tree / "sub" / "b").write_bytes(os.urandom(10_000))
    before = upload_counters(grid.node_url)

    for args in ((single, "ro:"), (single, "ro:newname"), ("-r", tree, "ro:"), ("-r", tree, "ro:sub/")):
        run = cp(*args)
        assert assert_clean_error(run) == f"cannot write into '{args[-1]}': the target directory is read-only"

    assert client.list_dir(writable).children == {}, "no child may appear"
    assert upload_counters(grid.node_url) == before, "nothing may be uploaded or published"


def test_read_only_subdirectory_of_target_is_found_before_upload(cp, client, tahoe_root, work, grid):
    box = client.mkdir()
    client.attach(tahoe_root, "box", diminish(box))  # tahoe:box is read-only
    local = work / "box"
    local.mkdir()
    (local / "f1").write_bytes(os.urandom(10_000))
    (work / "top-file").write_bytes(os.urandom(10_000))
    before = upload_counters(grid.node_url)

    run = cp("-r", work / "top-file", local, "tahoe:")

    assert_clean_error(run)
    assert sorted(client.list_dir(tahoe_root).children) == ["box"], "top-file must not be linked either"
    assert client.list_dir(box).children == {}
    assert upload_counters(grid.node_url) == before


def test_grid_file_where_a_directory_is_needed_is_a_clean_error(cp, client, tahoe_root, work, grid):
    in_the_way = client.upload_to(tahoe_root, "dir1", b"I am a file, not a directory" * 10)
    local = work / "dir1"
    local.mkdir()
    (local / "f").write_bytes(os.urandom(10_000))
    before = upload_counters(grid.node_url)

    run = cp("-r", local, "tahoe:")  # upstream: AssertionError

    assert_clean_error(run)
    assert client.list_dir(tahoe_root).children["dir1"].ro_uri == in_the_way
    assert upload_counters(grid.node_url) == before


def test_local_file_where_a_directory_is_needed_is_a_clean_error(cp, client, tahoe_root, work):
    client.upload_to(tahoe_root, "dir1/f", b"grid file")
    client.upload_to(tahoe_root, "dir1/sub/g", b"grid file g")
    out = work / "out"
    out.mkdir()
    (out / "dir1").write_text("local file in the way")

    run = cp("-r", "tahoe:dir1", out)  # upstream: AssertionError

    assert_clean_error(run)
    assert local_tree(out) == {"dir1": b"local file in the way"}


def test_name_collision_is_found_before_anything_is_created(
    cp, client, tahoe_root, work, grid, copyout_tree: CopyOutTree
):
    p = copyout_tree.parentcap
    missing = work / "missing"

    run = cp("-r", f"{p}/dir6/dir", f"{p}/dir5/dir", missing)
    assert_clean_error(run)
    assert E_TEXTS["E9-COLLIDING-TARGETS"] in run.err
    assert not missing.exists(), "upstream made the target directory before finding E9"

    # local sources into the grid: no directory made, nothing uploaded
    for side in ("a", "b"):
        (work / side / "dir").mkdir(parents=True)
        (work / side / "dir" / "collide").write_bytes(os.urandom(1000) + side.encode())
    before = upload_counters(grid.node_url)
    run = cp("-r", work / "a" / "dir", work / "b" / "dir", "tahoe:new")
    assert_clean_error(run)
    assert E_TEXTS["E9-COLLIDING-TARGETS"] in run.err
    assert client.list_dir(tahoe_root).children == {}
    assert upload_counters(grid.node_url) == before


def test_names_equal_after_nfc_collide_before_anything_is_uploaded(cp, client, tahoe_root, work):
    src = work / "nf"
    src.mkdir()
    (src / unicodedata.normalize("NFC", "é")).write_bytes(b"composed")
    (src / unicodedata.normalize("NFD", "é")).write_bytes(b"decomposed")
    run = cp("-r", src, "tahoe:")
    assert "same name" in assert_clean_error(run)
    assert client.list_dir(tahoe_root).children == {}
