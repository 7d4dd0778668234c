"""One test per upstream `tahoe cp` bug we fix (cp-semantics.md, "What we do instead"),
each on the real grid and each written so that upstream's behaviour would fail it.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from tahoegui.copier import CancelToken
from tahoegui.grid.caps import diminish
from tahoegui.grid.client import GridClient
from tahoegui.grid.testing import RunningGrid, running_grid
from tests.integration.cp_fixtures import (
    E_TEXTS,
    CopyOutTree,
    NodeDir,
    assert_clean_error,
    assert_no_caps,
    grid_tree,
    immutable_upload_counters,
    local_tree,
    run_copy_api,
    run_cp_in_process,
    upload_counters,
)

pytestmark = pytest.mark.grid

MiB = 1024 * 1024
NODE_CLOSED = "the node closed the connection without a proper answer"


def _result_texts(result) -> str:
    return "\n".join([result.error or ""] + [f"{i.source} {i.target} {i.reason}" for i in result.items])


# ---- local trees that upstream follows or crashes on ------------------------------------------


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


# ---- targets that cannot take the copy, found before anything is uploaded -----------------------


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


# ---- names from the grid that are unsafe on disk ------------------------------------------------

UNSAFE_NAMES = ["..", ".", "a/b", "x\\y", ""]


@pytest.fixture
def unsafe_dir(client: GridClient, tahoe_root: str) -> str:
    """tahoe:unsafe with `ok` and one entry for each unsafe name. The node accepts all of them
    through set_children; `..` is a directory holding `escaped`, the classic way out."""
    escaped = client.mkdir_with_children({"escaped": (client.upload(b"escaped!"), {})})
    children = {"ok": (client.upload(b"fine"), {}), "..": (escaped, {})}
    for name in UNSAFE_NAMES:
        if name != "..":
            children[name] = (client.upload(f"evil {name!r}".encode()), {})
    unsafe = client.mkdir_with_children({"ok": children.pop("ok")})
    client.set_children(unsafe, children)
    assert set(client.list_dir(unsafe).children) == {"ok", *UNSAFE_NAMES}, "the node refused a name"
    client.attach(tahoe_root, "unsafe", unsafe)
    return unsafe


def test_unsafe_grid_names_are_refused_and_nothing_is_written_outside_the_target(cp, work, unsafe_dir):
    to = work / "to"
    to.mkdir()
    outside_before = local_tree(work.parent)

    run = cp("-r", "tahoe:unsafe", to)

    assert run.rc == 1, str(run)
    assert "Traceback" not in run.err and "URI:" not in run.out + run.err, str(run)
    assert local_tree(to) == {"unsafe/": None, "unsafe/ok": b"fine"}
    after = local_tree(work.parent)
    new = {k for k in after if k not in outside_before}
    assert new == {"work/to/unsafe/", "work/to/unsafe/ok"}, f"written outside the target: {sorted(new)}"


def test_unsafe_grid_names_are_each_reported(client, tahoe_root, work, unsafe_dir):
    to = work / "to"
    to.mkdir()

    result = run_copy_api(
        ["tahoe:unsafe"], str(to), client=client, aliases={"tahoe": tahoe_root}, recursive=True
    ).result

    refused = {(i.outcome, i.source, i.target, i.reason) for i in result.items if i.outcome != "copied"}
    # each is named by where it would have gone
    unsafe = "unsafe name for a local file; not copied"
    assert refused == {("failed", f"{to}/unsafe/{name}", "", unsafe) for name in UNSAFE_NAMES}, result.items
    assert [(i.source, i.target) for i in result.copied] == [("tahoe:unsafe/ok", f"{to}/unsafe/ok")]
    assert result.exit_code == 1
    assert_no_caps(_result_texts(result))


# ---- interrupted transfers leave no partial file ------------------------------------------------


@pytest.fixture(scope="module")
def big_file(grid: RunningGrid) -> tuple[str, bytes]:
    """A 16 MiB immutable file in a directory: (dircap, contents)."""
    c = grid.client()
    data = os.urandom(16 * MiB)
    cap = c.upload(data)
    d = c.mkdir_with_children({"big": (cap, {})})
    c.close()
    return d, data


@pytest.mark.parametrize("existing", [None, b"the old contents\n"], ids=["new-file", "existing-file"])
def test_cancelled_download_leaves_no_partial_file(session_client, work, big_file, existing):
    dircap, _ = big_file
    target = work / "big"
    if existing is not None:
        target.write_bytes(existing)
    cancel = CancelToken()

    def on_event(event) -> None:
        if event.bytes_done > 0:
            cancel.cancel()

    run = run_copy_api(
        ["d:big"], str(target), client=session_client, aliases={"d": dircap}, cancel=cancel, on_event=on_event
    )

    # (how soon a cancel stops a download is measured by benchmarks/cancel_latency.py)
    assert cancel.cancelled, "no progress event reported bytes moving"
    assert run.result.cancelled, run.result
    assert run.result.exit_code == 1
    if existing is None:
        assert local_tree(work) == {}, "no partial or temporary file may remain"
    else:
        assert local_tree(work) == {"big": existing}, "the old file stays whole, no temporary file remains"


def test_failed_download_leaves_no_partial_file_and_others_are_copied(cp, client, tahoe_root, work):
    good = client.upload(b"good " * 100)
    real = client.upload(os.urandom(5000))
    parts = real.split(":")  # URI:CHK:key:ueb-hash:k:N:size
    assert parts[1] == "CHK"
    # the same cap with another key: a well-formed CHK cap whose shares exist nowhere
    parts[2] = ("a" if parts[2][0] != "a" else "b") + parts[2][1:]
    bogus = ":".join(parts)
    client.mkdir(tahoe_root, "d")
    client.set_children(tahoe_root, {"good": (good, {}), "bad": (bogus, {})}, path="d")
    out = work / "out"
    (out / "d").mkdir(parents=True)
    (out / "d" / "bad").write_bytes(b"previous bad\n")

    run = cp("-r", "tahoe:d", out)

    assert run.rc == 1, str(run)
    assert "Traceback" not in run.err and "URI:" not in run.out + run.err, str(run)
    assert "bad" in run.err
    assert local_tree(out) == {"d/": None, "d/good": b"good " * 100, "d/bad": b"previous bad\n"}


def test_node_killed_mid_copy_gives_a_clear_error_naming_no_cap(tmp_path: Path):
    with running_grid(storage_nodes=1) as g:
        c = g.client()
        cap = c.upload(os.urandom(48 * MiB))
        root = c.mkdir_with_children({"big": (cap, {})})
        target = tmp_path / "out" / "big"
        target.parent.mkdir()
        killed = threading.Event()

        def kill_when_bytes_flow(event) -> None:
            # Blocking here stalls the transfer until the node is gone: the kill is mid-copy.
            if event.bytes_done > 0 and not killed.is_set():
                killed.set()
                g.grid.stop_node(g.grid.client_dir)

        run = run_copy_api(["g:big"], str(target), client=c, aliases={"g": root}, on_event=kill_when_bytes_flow)
        result = run.result
        assert killed.is_set(), "the copy never reported bytes moving"
        assert result.exit_code == 1, result
        assert result.error is None, result  # the file failed; nothing else was to be done
        assert [(i.outcome, i.source, i.target, i.reason) for i in result.items] == [
            ("failed", "g:big", str(target), f"downloading the object: {NODE_CLOSED}")
        ], result.items
        texts = _result_texts(result)
        assert_no_caps(texts)
        assert "URI%3A" not in texts
        assert local_tree(target.parent) == {}, "no partial file"

        # and the command line, against the node now gone
        node_dir = NodeDir(tmp_path / "nodedir", g.node_url, {"g": root})
        cli = run_cp_in_process(["-d", str(node_dir.path), "g:big", str(target)])
        assert_clean_error(cli)
        assert local_tree(target.parent) == {}
        c.close()

        # the same for an upload: the node restarted, then killed while bytes go up
        g.grid.start()
        c = g.node_dir.client()
        upload = tmp_path / "up"
        upload.mkdir()
        (upload / "big").write_bytes(os.urandom(48 * MiB))
        killed.clear()
        run = run_copy_api(
            [str(upload)], "g:", client=c, aliases={"g": root}, recursive=True, on_event=kill_when_bytes_flow
        )
        assert killed.is_set(), "the upload never reported bytes moving"
        assert run.result.exit_code == 1, run.result
        # the file failed; then linking its folder found no node
        assert run.result.error == f"cannot reach the Tahoe-LAFS node at {g.node_url}", run.result
        assert [(i.outcome, i.target, i.reason) for i in run.result.items] == [
            ("failed", "g:/up/big", f"uploading a file: {NODE_CLOSED}")
        ], run.result.items
        assert_no_caps(_result_texts(run.result))
        c.close()


# ---- grid -> grid: mutables stay mutable, immutables are linked --------------------------------


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


# ---- unknown nodes, dangling symlinks, special files --------------------------------------------


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


# ---- mtime travels both ways ------------------------------------------------------------------


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
