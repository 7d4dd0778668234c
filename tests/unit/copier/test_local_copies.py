"""Local-to-local copies exercise the whole planner and executor without a grid."""

import io
import os

from tahoegui.cli.cp import main as cp_main
from tahoegui.copier import CancelToken, CopyOptions, copy


def run_cp(*argv):
    out, err = io.StringIO(), io.StringIO()
    rc = cp_main(["-d", "/nonexistent-node-dir", *argv], out, err)
    return rc, out.getvalue(), err.getvalue()


def make_tree(root):
    (root / "src" / "sub").mkdir(parents=True)
    (root / "src" / "a.txt").write_bytes(b"alpha")
    (root / "src" / "sub" / "b.txt").write_bytes(b"beta")
    os.utime(root / "src" / "a.txt", (1_000_000_000, 1_000_000_000))
    return root / "src"


def test_recursive_copy_recreates_the_tree_and_keeps_mtimes(tmp_path):
    src = make_tree(tmp_path)
    rc, out, err = run_cp("-r", str(src), str(tmp_path / "dst"))
    assert (rc, out) == (0, "Success: files copied\n"), err
    assert (tmp_path / "dst" / "src" / "a.txt").read_bytes() == b"alpha"
    assert (tmp_path / "dst" / "src" / "sub" / "b.txt").read_bytes() == b"beta"
    assert os.stat(tmp_path / "dst" / "src" / "a.txt").st_mtime == 1_000_000_000


def test_directory_without_recursive_is_e4_and_writes_nothing(tmp_path):
    src = make_tree(tmp_path)
    rc, out, err = run_cp(str(src), str(tmp_path / "dst"))
    assert (rc, out) == (1, "")
    assert "cannot copy directories without --recursive" in err
    assert not (tmp_path / "dst").exists()


def test_verbose_lines_match_tahoe_cp(tmp_path):
    (tmp_path / "t1").write_bytes(b"test1")
    (tmp_path / "t2").write_bytes(b"test2")
    (tmp_path / "to").mkdir()
    rc, _out, err = run_cp("--verbose", str(tmp_path / "t1"), str(tmp_path / "t2"), str(tmp_path / "to"))
    assert rc == 0
    assert err == (
        "attaching sources to targets, 2 files / 0 dirs in root\n"
        "targets assigned, 1 dirs, 2 files\n"
        "starting copy, 2 files, 1 directories\n"
        "1/2 files, 0/1 directories\n"
        "2/2 files, 0/1 directories\n"
        "1/1 directories\n"
    )


def test_conflict_rename_writes_a_numbered_copy(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"new")
    (tmp_path / "to").mkdir()
    (tmp_path / "to" / "a.txt").write_bytes(b"old")
    rc, _, err = run_cp("--conflict", "rename", str(tmp_path / "a.txt"), str(tmp_path / "to"))
    assert rc == 0, err
    assert (tmp_path / "to" / "a.txt").read_bytes() == b"old"
    assert (tmp_path / "to" / "a (1).txt").read_bytes() == b"new"


def test_conflict_skip_and_error_leave_the_target_alone(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"new")
    (tmp_path / "to").mkdir()
    (tmp_path / "to" / "a.txt").write_bytes(b"old")
    assert run_cp("--conflict", "skip", str(tmp_path / "a.txt"), str(tmp_path / "to"))[0] == 0
    rc, _, err = run_cp("--conflict", "error", str(tmp_path / "a.txt"), str(tmp_path / "to"))
    assert rc == 1 and "already exists" in err
    assert (tmp_path / "to" / "a.txt").read_bytes() == b"old"


def test_symlink_loop_is_a_clear_error_before_anything_is_written(tmp_path):
    src = make_tree(tmp_path)
    os.symlink(src, src / "sub" / "loop")
    rc, _out, err = run_cp("-r", str(src), str(tmp_path / "dst"))
    assert rc == 1 and "symlink loop" in err and "Traceback" not in err
    assert not (tmp_path / "dst").exists()


def test_dangling_symlink_is_reported_as_skipped(tmp_path):
    src = make_tree(tmp_path)
    os.symlink(tmp_path / "missing", src / "dangling")
    rc, _out, err = run_cp("-r", str(src), str(tmp_path / "dst"))
    assert rc == 0 and "dangling" in err
    assert (tmp_path / "dst" / "src" / "a.txt").exists()


def test_cancelled_copy_leaves_no_partial_file(tmp_path):
    big = tmp_path / "big.bin"
    big.write_bytes(os.urandom(8 * 1024 * 1024))
    (tmp_path / "to").mkdir()
    cancel = CancelToken()

    def progress(event):
        if event.bytes_done > 0:
            cancel.cancel()

    result = copy(
        [str(big)],
        str(tmp_path / "to"),
        client=None,
        aliases={},
        options=CopyOptions(),
        progress=progress,
        cancel=cancel,
    )
    assert result.cancelled and not result.ok
    assert os.listdir(tmp_path / "to") == []


def test_usage_error_exits_2(tmp_path):
    rc, out, err = run_cp("onlyone")
    assert (rc, out) == (2, "")
    assert err == "usage: tahoegui-cp [options] FROM.. TO\ntahoegui-cp: error: need at least one source and a target\n"


def test_unwritable_target_is_a_clear_error_not_a_traceback(tmp_path):
    if os.geteuid() == 0:
        # root ignores directory permissions; use a path below a regular file instead
        (tmp_path / "blocker").write_bytes(b"")
        target, reason = tmp_path / "blocker" / "to", "Not a directory"
    else:
        (tmp_path / "locked").mkdir(mode=0o500)
        target, reason = tmp_path / "locked" / "to", "Permission denied"
    src = make_tree(tmp_path)
    rc, out, err = run_cp("-r", str(src), str(target))
    assert (rc, out) == (1, "")
    assert err == f"cannot create directory '{target}': {reason}\n"
