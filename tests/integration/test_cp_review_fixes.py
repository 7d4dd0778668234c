"""Regression tests for problems a code review found in the copier (each failed before its fix)."""

from __future__ import annotations

import json
import os
import time
import unicodedata

from tahoegui.copier import CopyOptions, copy
from tests.integration.cp_fixtures import assert_clean_error, assert_no_caps


def test_names_equal_after_nfc_collide_before_anything_is_uploaded(cp, client, tahoe_root, work):
    src = work / "nf"
    src.mkdir()
    (src / unicodedata.normalize("NFC", "é")).write_bytes(b"composed")
    (src / unicodedata.normalize("NFD", "é")).write_bytes(b"decomposed")
    run = cp("-r", src, "tahoe:")
    assert "same name" in assert_clean_error(run)
    assert client.list_dir(tahoe_root).children == {}


def test_json_and_messages_never_show_a_cap_given_as_source(cp, client, tahoe_root, work):
    client.upload_to(tahoe_root, "d/f", b"x")
    client.set_children(tahoe_root, {"d2": (client.mkdir_with_children({}), {})})
    source = f"{tahoe_root}/d"
    run = cp("-r", "--json", source, work / "out")
    assert run.rc == 0, str(run)
    assert_no_caps(run.out + run.err)
    assert json.loads(run.out)["counts"]["copied"] == 1


def test_skip_policy_on_a_single_existing_file_is_a_clean_no_op(cp, work):
    (work / "a.txt").write_bytes(b"new")
    (work / "exist.txt").write_bytes(b"old")
    run = cp("--conflict", "skip", work / "a.txt", work / "exist.txt")
    assert run.rc == 0 and "Traceback" not in run.err, str(run)
    assert (work / "exist.txt").read_bytes() == b"old"


def test_a_dangling_symlink_in_the_target_is_replaced_not_fatal(cp, work):
    (work / "a.txt").write_bytes(b"new")
    (work / "tgt").mkdir()
    os.symlink(work / "nowhere", work / "tgt" / "a.txt")
    run = cp(work / "a.txt", work / "tgt")
    assert run.rc == 0, str(run)
    assert (work / "tgt" / "a.txt").read_bytes() == b"new"


def test_a_single_target_that_is_a_symlink_is_written_through(cp, work):
    (work / "a.txt").write_bytes(b"new")
    (work / "real.txt").write_bytes(b"old")
    os.symlink("real.txt", work / "link.txt")
    assert cp(work / "a.txt", work / "link.txt").rc == 0
    assert os.path.islink(work / "link.txt")
    assert (work / "real.txt").read_bytes() == b"new"


def test_a_grid_name_of_250_bytes_downloads(cp, client, tahoe_root, work):
    name = "x" * 250
    client.upload_to(tahoe_root, name, b"long")
    run = cp("-r", "tahoe:", work / "out")
    assert run.rc == 0, str(run)
    assert (work / "out" / name).read_bytes() == b"long"


def test_a_grid_path_that_is_not_utf8_is_a_clean_error(cp, work):
    (work / "a.txt").write_bytes(b"x")
    bad = os.fsdecode(b"tahoe:bad\xff")
    assert "not valid UTF-8" in assert_clean_error(cp(work / "a.txt", bad))


def test_an_unreadable_aliases_file_is_a_warning_not_a_traceback(node_dir, work):
    from tests.integration.cp_fixtures import run_cp_in_process

    aliases = node_dir.path / "private" / "aliases"
    aliases.unlink()
    aliases.mkdir()
    (work / "a.txt").write_bytes(b"x")
    run = run_cp_in_process(["-d", str(node_dir.path), str(work / "a.txt"), str(work / "b.txt")])
    assert run.rc == 0 and "Traceback" not in run.err, str(run)
    assert "aliases file" in run.err


def test_a_failing_progress_listener_loses_no_file(client, tahoe_root, work):
    src = work / "many"
    src.mkdir()
    for i in range(8):
        (src / f"f{i}").write_bytes(b"%d" % i)

    def listener(event):
        if event.current and event.current.endswith("f3"):
            raise RuntimeError("listener bug")

    result = copy(
        [str(src)], tahoe_root, client=client, aliases={}, options=CopyOptions(recursive=True), progress=listener
    )
    assert result.ok, result.error
    assert len(client.list_dir(tahoe_root, "many").children) == 8


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
