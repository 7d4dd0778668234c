"""The 13 `Cp` tests of upstream's test_cp.py, as behaviour of `tahoegui-cp` on the real grid.

Same inputs and expectations as upstream; where we deliberately differ (cp-semantics.md,
"What we do instead") the test pins our behaviour and says so.
"""

from __future__ import annotations

import shutil

import pytest

from tahoegui.grid.client import GridClient
from tests.integration.cp_fixtures import E_TEXTS, assert_clean_error, assert_no_caps, local_tree

pytestmark = pytest.mark.grid

ARTONWALL = "\u00c4rtonwall"


def _names(client: GridClient, root: str, path: str = "") -> list[str]:
    return sorted(client.list_dir(root, path).children)


USAGE_ERROR = "usage: tahoegui-cp [options] FROM.. TO\ntahoegui-cp: error: need at least one source and a target\n"


# 1
def test_one_argument_is_a_usage_error(cp, cp_program):
    run = cp("onearg")
    assert (run.rc, run.out, run.err) == (2, "", USAGE_ERROR), str(run)

    program = cp_program("onearg")
    assert (program.rc, program.out, program.err) == (2, "", USAGE_ERROR), str(program)


def test_no_arguments_is_a_usage_error(cp):
    run = cp()
    assert (run.rc, run.out, run.err) == (2, "", USAGE_ERROR), str(run)


# 2
def test_unicode_file_name_copies_to_alias_root_and_to_explicit_unicode_name(cp, client, tahoe_root, work):
    fn1 = work / ARTONWALL
    fn1.write_text("unicode file content")
    fn2 = work / "Metallica"
    fn2.write_text("non-unicode file content")

    run = cp(fn1, "tahoe:")
    assert run.rc == 0, str(run)
    assert client.read_bytes(tahoe_root, ARTONWALL) == b"unicode file content"

    run = cp(fn1, f"tahoe:{ARTONWALL}-2")
    assert run.rc == 0, str(run)
    assert run.out == "Success: file copied\n", str(run)
    assert client.read_bytes(tahoe_root, f"{ARTONWALL}-2") == b"unicode file content"

    run = cp(fn2, "tahoe:")
    assert run.rc == 0, str(run)
    assert client.read_bytes(tahoe_root, "Metallica") == b"non-unicode file content"

    # upstream checks `tahoe ls` order: names sorted
    assert _names(client, tahoe_root) == ["Metallica", ARTONWALL, f"{ARTONWALL}-2"]


# 3
def test_dangling_symlink_in_recursive_copy_is_reported_as_skipped_not_a_crash(cp, client, tahoe_root, work):
    dn = work / "dir"
    dn.mkdir()
    (dn / "Fakebandica-link").symlink_to(dn / "Fakebandica")
    (dn / "real").write_text("real")

    run = cp("--recursive", dn, "tahoe:")

    assert "Traceback" not in run.err, str(run)
    assert_no_caps(run.out + run.err)
    # ours: the rest is copied, and the skip is reported (upstream dropped it silently)
    assert run.rc == 0, str(run)
    assert _names(client, tahoe_root, "dir") == ["real"]
    assert "Fakebandica-link" in run.err, f"the skipped symlink must be reported\n{run}"


# 4
def test_copy_using_filecap_and_dircap_paths(cp, client, tahoe_root, work):
    outdir = work / "outdir"
    outdir.mkdir()
    data = b"puppies" * 10000
    filecap = client.upload(data)

    run = cp(filecap, outdir / "Not Metallica")
    assert run.rc == 0, str(run)
    assert (outdir / "Not Metallica").read_bytes() == data

    # a bare filecap into a directory has no name (#761)
    run = cp(filecap, outdir)
    assert_clean_error(run)
    assert E_TEXTS["E2-DESTNAME"] in run.err

    dircap = client.mkdir(tahoe_root, "test")
    client.upload_to(tahoe_root, "test/test_file", data)

    run = cp(dircap + "/test_file", outdir)
    assert run.rc == 0, str(run)
    assert (outdir / "test_file").read_bytes() == data

    run = cp(dircap + "/test_file", outdir / "test2")
    assert run.rc == 0, str(run)
    assert (outdir / "test2").read_bytes() == data

    # --verbose prints correct indices (#1805)
    run = cp("--verbose", outdir / "test2", dircap)
    assert run.rc == 0, str(run)
    lines = run.err.split("\n")
    assert "examining 1 of 1" in lines, str(run)
    assert "starting copy, 1 files, 1 directories" in lines, str(run)
    assert "examining 0 of" not in run.err
    assert_no_caps(run.err)
    assert client.read_bytes(dircap, "test2") == data


# 5
def test_nonexistent_alias_is_an_error_for_target_and_for_source(cp):
    for args in (("fake:file1", "fake:file2"), ("fake:file1", "tahoe:file2")):
        run = cp(*args)
        assert run.rc == 1, str(run)
        assert "error:" in run.err, str(run)
        assert "Unknown alias 'fake'" in run.err, str(run)
        assert "Traceback" not in run.err


# 6
def test_unicode_directory_names_are_copied_grid_to_grid(cp, client, tahoe_root):
    client.mkdir(tahoe_root, f"test/{ARTONWALL}")

    run = cp("-r", "tahoe:test", "tahoe:test2")

    assert run.rc == 0, str(run)
    assert _names(client, tahoe_root, "test2/test") == [ARTONWALL]
    assert client.stat(tahoe_root, f"test2/test/{ARTONWALL}").is_dir


# 7
def test_duplicate_directories_on_both_sides(cp, client, tahoe_root, work):
    data = b"abc\xff\x00\xee"
    filename = work / "file"
    filename.write_bytes(data)
    dircap = client.mkdir(tahoe_root, "test1")

    assert cp(filename, "tahoe:test1/file").rc == 0
    # the same directory copied twice on the target side
    for target in ("tahoe:test2/", "tahoe:test3/"):
        run = cp("--recursive", dircap, target)
        assert run.rc == 0, str(run)

    out = work / "out"
    out.mkdir()
    run = cp("--recursive", "tahoe:", out)
    assert run.rc == 0, str(run)
    for i in range(1, 4):
        assert (out / f"test{i}" / "file").read_bytes() == data


# 8
def test_immutable_file_copied_grid_to_grid_is_linked_to_the_same_cap(cp, client, tahoe_root, work):
    data = b"abc\xff\x00\xee"
    filecap = client.upload_to(tahoe_root, "file1", data)

    run = cp("tahoe:file1", "tahoe:file2")
    assert run.rc == 0, str(run)
    # ours: linked by cap, no bytes moved (upstream re-uploads, #3719, and says "file copied")
    assert run.out == "Success: file linked\n", str(run)

    out = work / "out"
    out.mkdir()
    run = cp("--recursive", "--caps-only", "tahoe:", out)
    assert run.rc == 0, str(run)
    assert (out / "file2").read_text().strip() == filecap
    assert (out / "file1").read_text().strip() == filecap


# 9
def test_copy_replaces_mutable_file_contents_in_place(cp, client, tahoe_root, work):
    test_txt = work / "test.txt"
    old = "foo bar baz"
    test_txt.write_text(old)
    client.mkdir(tahoe_root, "test")
    client.upload_to(tahoe_root, "test/test.txt", old.encode(), fmt="SDMF")
    entry = client.stat(tahoe_root, "test/test.txt")
    assert entry.mutable and entry.rw_uri and entry.ro_uri
    rw_uri, ro_uri = entry.rw_uri, entry.ro_uri

    new_txt = work / "new.txt"
    new = "baz bar foo" * 100000
    new_txt.write_text(new)

    # onto the file itself
    run = cp(new_txt, "tahoe:test/test.txt")
    assert run.rc == 0, str(run)
    assert client.read_bytes(tahoe_root, "test/test.txt") == new.encode()
    after = client.stat(tahoe_root, "test/test.txt")
    assert after.mutable and (after.rw_uri, after.ro_uri) == (rw_uri, ro_uri)
    assert client.read_bytes(rw_uri) == new.encode()

    # into its directory: matched by name, overwritten in place
    run = cp(test_txt, "tahoe:test")
    assert run.rc == 0, str(run)
    assert client.read_bytes(tahoe_root, "test/test.txt") == old.encode()
    after = client.stat(tahoe_root, "test/test.txt")
    assert after.mutable and (after.rw_uri, after.ro_uri) == (rw_uri, ro_uri)
    assert client.read_bytes(rw_uri) == old.encode()

    # a tree: mutable1/2 updated in place, imm1 replaced, imm3 created, imm2 untouched
    imm2_contents = (old * 10000).encode()
    client.mkdir(tahoe_root, "test2")
    client.upload_to(tahoe_root, "test2/mutable1", new.encode(), fmt="SDMF")
    client.upload_to(tahoe_root, "test2/mutable2", new.encode(), fmt="SDMF")
    client.upload_to(tahoe_root, "test2/imm1", new.encode())
    client.upload_to(tahoe_root, "test2/imm2", imm2_contents)
    children = client.list_dir(tahoe_root, "test2").children
    caps = {n: children[n].best_cap for n in ("mutable1", "mutable2", "imm1", "imm2")}
    assert children["mutable1"].mutable and not children["imm1"].mutable

    local2 = work / "test2"
    local2.mkdir()
    for fn in ("mutable1", "mutable2", "imm1", "imm3"):
        (local2 / fn).write_text(fn * 1000)
    run = cp("-r", local2, "tahoe:")
    assert run.rc == 0, str(run)

    children = client.list_dir(tahoe_root, "test2").children
    for fn in ("mutable1", "mutable2"):
        assert client.read_bytes(tahoe_root, f"test2/{fn}") == (fn * 1000).encode()
        assert children[fn].mutable and children[fn].rw_uri == caps[fn]
    assert client.read_bytes(tahoe_root, "test2/imm1") == b"imm1" * 1000
    assert not children["imm1"].mutable and children["imm1"].ro_uri != caps["imm1"]
    assert client.read_bytes(tahoe_root, "test2/imm3") == b"imm3" * 1000
    assert client.read_bytes(tahoe_root, "test2/imm2") == imm2_contents
    assert not children["imm2"].mutable and children["imm2"].ro_uri == caps["imm2"]


# 10
def test_read_only_mutable_file_is_not_overwritten(cp, client, tahoe_root, work):
    contents = b"This is a test file."
    test_file = work / "test_file.txt"
    test_file.write_bytes(contents)
    replacement = work / "replacement.txt"
    replacement.write_text("These are new contents.")

    write_uri = client.upload(contents, fmt="SDMF")
    read_uri = client.stat(write_uri).ro_uri
    client.attach(tahoe_root, "test_file.txt", read_uri)
    linked = client.list_dir(tahoe_root).children["test_file.txt"]
    assert linked.mutable and linked.ro_uri == read_uri and linked.rw_uri is None

    def check_error_and_unchanged(run):
        assert run.rc == 1, str(run)
        assert "replace or update requested with read-only cap" in run.err, str(run)
        assert_no_caps(run.out + run.err)
        assert client.read_bytes(tahoe_root, "test_file.txt") == contents
        assert client.read_bytes(read_uri) == contents

    check_error_and_unchanged(cp(replacement, "tahoe:test_file.txt"))
    # without an explicit destination name
    check_error_and_unchanged(cp(test_file, "tahoe:"))

    # a read-only file in a subdirectory, reached by a recursive copy
    client.mkdir(tahoe_root, "testdir")
    client.mkdir(tahoe_root, "test")
    client.attach(tahoe_root, "test/file2.txt", read_uri)
    test_dir = work / "test"
    test_dir.mkdir()
    for f in ("file1.txt", "file2.txt"):
        (test_dir / f).write_text(f * 10000)
    run = cp("-r", test_dir, "tahoe:")
    check_error_and_unchanged(run)
    file2 = client.list_dir(tahoe_root, "test").children["file2.txt"]
    assert file2.mutable and file2.ro_uri == read_uri and file2.rw_uri is None
    assert client.read_bytes(tahoe_root, "test/file2.txt") == contents


VERBOSE_TWO_FILES = """\
attaching sources to targets, 2 files / 0 dirs in root
targets assigned, 1 dirs, 2 files
starting copy, 2 files, 1 directories
1/2 files, 0/1 directories
2/2 files, 0/1 directories
1/1 directories
"""


# 11
def test_verbose_progress_lines_are_exactly_upstreams(cp, client, tahoe_root, work):
    (work / "test1").write_text("test1")
    (work / "test2").write_text("test2")

    run = cp("--verbose", work / "test1", work / "test2", "tahoe:")

    assert run.rc == 0, str(run)
    assert "Success: files copied" in run.out, str(run)
    assert run.err == VERBOSE_TWO_FILES, str(run)
    assert client.read_bytes(tahoe_root, "test2") == b"test2"


def test_verbose_progress_lines_through_the_installed_program(cp_program, work):
    (work / "test1").write_text("test1")
    (work / "test2").write_text("test2")

    run = cp_program("-v", work / "test1", work / "test2", "tahoe:")

    assert run.rc == 0, str(run)
    assert run.out == "Success: files copied\n", str(run)
    assert run.err == VERBOSE_TWO_FILES, str(run)


# 12
def test_recursive_copy_makes_the_named_directory_both_ways(cp, client, tahoe_root, work):
    subdir = work / "foo"
    subdir.mkdir()
    (subdir / "test1").write_text("test1")

    run = cp("-r", subdir, "tahoe:")
    assert run.rc == 0, str(run)
    assert "foo" in _names(client, tahoe_root)
    assert _names(client, tahoe_root, "foo") == ["test1"]

    shutil.rmtree(subdir)
    run = cp("-r", "tahoe:foo", work)
    assert run.rc == 0, str(run)
    assert (subdir / "test1").read_text() == "test1"


# 13
def test_grid_file_into_existing_local_directory_without_a_name(cp, client, tahoe_root, work):
    (work / "test1").write_text("test1")
    assert cp(work / "test1", "tahoe:").rc == 0

    run = cp("tahoe:test1", work)

    assert run.rc == 0, str(run)
    # upstream announces any copy into a directory as "files copied"
    assert run.out == "Success: files copied\n", str(run)
    assert local_tree(work) == {"test1": b"test1"}
