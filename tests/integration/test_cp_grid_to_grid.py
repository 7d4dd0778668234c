"""Grid → grid copies, on the real grid: a mutable file stays mutable in its format (SDMF,
MDMF; upstream #835 makes it immutable), immutable files are linked by cap and move no bytes
(upstream #3719 re-uploads them), and an immutable and a mutable directory of one name merge.
"""

from __future__ import annotations

import os

import pytest

from tests.integration.cp_fixtures import grid_tree, immutable_upload_counters, run_copy_api

pytestmark = pytest.mark.grid

MiB = 1024 * 1024


@pytest.mark.parametrize("fmt", ["SDMF", "MDMF"])
def test_mutable_file_copied_to_new_name_stays_mutable_in_its_format(cp, client, tahoe_root, fmt):
    source = client.upload_to(tahoe_root, "m", b"mutable contents " * 10, fmt=fmt)

    run = cp("tahoe:m", "tahoe:m-copy")

    assert run.rc == 0, str(run)
    copy = client.stat(tahoe_root, "m-copy")
    assert copy.mutable and copy.format == fmt, copy
    assert copy.rw_uri and copy.rw_uri != source, "a new, independent mutable file"
    assert client.read_bytes(tahoe_root, "m-copy") == b"mutable contents " * 10
    client.upload_to(tahoe_root, "m", b"changed")
    assert client.read_bytes(tahoe_root, "m-copy") == b"mutable contents " * 10


def test_mutable_file_in_recursive_grid_copy_stays_mutable(cp, client, tahoe_root):
    sdmf = client.upload_to(tahoe_root, "d/s", b"sdmf", fmt="SDMF")
    mdmf = client.upload_to(tahoe_root, "d/m", b"mdmf", fmt="MDMF")

    run = cp("-r", "tahoe:d", "tahoe:d2")

    assert run.rc == 0, str(run)
    children = client.list_dir(tahoe_root, "d2/d").children
    assert children["s"].mutable and children["s"].format == "SDMF" and children["s"].rw_uri != sdmf
    assert children["m"].mutable and children["m"].format == "MDMF" and children["m"].rw_uri != mdmf
    assert client.read_bytes(tahoe_root, "d2/d/m") == b"mdmf"


def test_immutable_grid_to_grid_copy_moves_no_bytes(cp, client, tahoe_root, grid):
    big = client.upload_to(tahoe_root, "big", os.urandom(2 * MiB))
    for i in range(3):
        client.upload_to(tahoe_root, f"tree/sub/f{i}", os.urandom(20_000))
    source_tree = grid_tree(client, tahoe_root, "tree")
    before = immutable_upload_counters(grid.node_url)

    run = cp("tahoe:big", "tahoe:big-copy")
    assert run.rc == 0, str(run)
    assert run.out == "Success: file linked\n", str(run)
    assert client.stat(tahoe_root, "big-copy").ro_uri == big

    run = cp("-r", "tahoe:tree", "tahoe:tree-copy")
    assert run.rc == 0, str(run)
    copied = grid_tree(client, tahoe_root, "tree-copy/tree")
    for rel, cap in source_tree.items():
        if not rel.endswith("/"):
            assert copied[f"tree-copy/tree/{rel.removeprefix('tree/')}"] == cap

    assert immutable_upload_counters(grid.node_url) == before, "no immutable upload may happen"


def test_immutable_grid_to_grid_copy_reports_links_through_the_api(client, tahoe_root):
    cap = client.upload_to(tahoe_root, "src/f", os.urandom(20_000))

    result = run_copy_api(
        ["tahoe:src"], "tahoe:dst", client=client, aliases={"tahoe": tahoe_root}, recursive=True
    ).result

    assert result.ok, result
    assert [i.outcome for i in result.items if i.source.endswith("f")] == ["linked"]
    assert client.stat(tahoe_root, "dst/src/f").ro_uri == cap


def test_an_immutable_and_a_mutable_directory_of_one_name_merge(cp, client, tahoe_root):
    lit = client.upload(b"i")
    frozen = client.mkdir_with_children({"from-immutable": (lit, {})}, immutable=True)
    client.set_children(tahoe_root, {"a": (client.mkdir_with_children({"dir": (frozen, {})}), {})})
    client.upload_to(tahoe_root, "b/dir/from-mutable", b"m")
    for order in (("tahoe:a/dir", "tahoe:b/dir"), ("tahoe:b/dir", "tahoe:a/dir")):
        target = f"tahoe:merged-{order[0][-5]}"
        run = cp("-r", *order, target)
        assert run.rc == 0, str(run)
        names = set(client.list_dir(tahoe_root, f"{target.split(':')[1]}/dir").children)
        assert names == {"from-immutable", "from-mutable"}
