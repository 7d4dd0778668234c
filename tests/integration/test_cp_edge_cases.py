"""`tahoe cp` rules beyond the upstream tables, on the real grid: grid-side targets for the
E-errors, missing sources, diamonds (not cycles), immutable directories, awkward names,
empty files, cancelled uploads, --jobs, and local targets that are symlinks.
"""

from __future__ import annotations

import os
import re

import pytest

from tahoegui.copier import CancelToken
from tahoegui.grid.redact import redact
from tests.integration.cp_fixtures import (
    E_TEXTS,
    assert_clean_error,
    error_code_of,
    grid_tree,
    local_tree,
    node_statistics,
    run_copy_api,
    upload_counters,
)

pytestmark = pytest.mark.grid

MiB = 1024 * 1024


# ---- errors about the arguments themselves ---------------------------------------------------


def test_missing_local_and_grid_sources_are_named_in_the_error(cp, client, work):
    run = cp(work / "nothing-here", "tahoe:")
    assert assert_clean_error(run) == f"No such file or directory '{work / 'nothing-here'}'"

    run = cp("tahoe:nothing-there", work)
    assert assert_clean_error(run) == "No such file or directory 'tahoe:nothing-there'"

    top = client.mkdir()
    run = cp(top + "/nothing-there", work)  # a bare cap: named in the error, redacted
    assert assert_clean_error(run) == f"No such file or directory '{redact(top)}/nothing-there'"


def test_local_file_with_trailing_slash_is_e8(cp, work):
    (work / "f").write_text("f")
    run = cp(str(work / "f") + "/", "tahoe:")
    assert_clean_error(run)
    assert error_code_of(run.err) == "E8-BADSLASH"


def test_special_file_as_a_source_is_refused(cp, work):
    os.mkfifo(work / "fifo")
    run = cp(work / "fifo", "tahoe:")
    assert_clean_error(run)
    assert "is neither a file nor a directory" in run.err


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("{f}", "{g}", "tahoe:existing"), "E6-MANYONE"),
        (("-r", "{d}", "tahoe:existing"), "E5-DIRTOFILE"),
        (("{f}", "tahoe:existing/"), "E7-BADSLASH"),
        (("{f}", "tahoe:missing/"), "E7-BADSLASH"),
        (("{d}", "tahoe:"), "E4-NEED-R"),
        (("{filecap}", "tahoe:"), "E2-DESTNAME"),
        (("-r", "{a}/dir", "{b}/dir", "tahoe:"), "E9-COLLIDING-TARGETS"),
    ],
    ids=["E6", "E5", "E7-existing", "E7-missing", "E4", "E2", "E9"],
)
def test_errors_with_a_grid_target_change_nothing(cp, client, tahoe_root, work, grid, args, code):
    existing = client.upload_to(tahoe_root, "existing", b"existing grid file")
    (work / "f").write_text("f")
    (work / "g").write_text("g")
    (work / "d").mkdir()
    (work / "d" / "x").write_text("x")
    for side in ("a", "b"):
        (work / side / "dir").mkdir(parents=True)
        (work / side / "dir" / "same").write_text(side)
    filecap = client.upload(b"unnamed " * 20)
    before = grid_tree(client, tahoe_root)

    run = cp(
        *[a.format(f=work / "f", g=work / "g", d=work / "d", a=work / "a", b=work / "b", filecap=filecap) for a in args]
    )

    assert_clean_error(run)
    assert error_code_of(run.err) == code, str(run)
    assert grid_tree(client, tahoe_root) == before
    assert client.read_bytes(existing) == b"existing grid file"


def test_e2_quotes_the_source_with_its_cap_redacted(cp, client, work):
    filecap = client.upload(b"a CHK file, not a LIT: " * 10)
    assert filecap.startswith("URI:CHK:")

    run = cp(filecap, work)

    assert_clean_error(run)
    assert E_TEXTS["E2-DESTNAME"] in run.err
    assert re.search(r"<CHK:[a-z0-9]+…>", run.err), str(run)


# ---- shapes of trees ------------------------------------------------------------------------


def test_grid_directory_linked_twice_is_a_diamond_not_a_cycle(cp, client, tahoe_root, work):
    shared = client.mkdir_with_children({"f": (client.upload(b"shared file"), {})})
    client.mkdir(tahoe_root, "d")
    client.set_children(tahoe_root, {"x": (shared, {}), "y": (shared, {})}, path="d")
    out = work / "out"

    run = cp("-r", "tahoe:d", out)

    assert run.rc == 0, str(run)
    assert local_tree(out) == {"d/": None, "d/x/": None, "d/x/f": b"shared file", "d/y/": None, "d/y/f": b"shared file"}


def test_symlink_to_a_directory_outside_the_tree_is_followed(cp, client, tahoe_root, work):
    (work / "elsewhere").mkdir()
    (work / "elsewhere" / "f").write_text("reached through a link")
    (work / "src").mkdir()
    (work / "src" / "link").symlink_to(work / "elsewhere")

    run = cp("-r", work / "src", "tahoe:")

    assert run.rc == 0, str(run)
    assert client.read_bytes(tahoe_root, "src/link/f") == b"reached through a link"


def test_immutable_directory_copied_grid_to_grid_is_linked(cp, client, tahoe_root):
    inner = client.mkdir_with_children({"f": (client.upload(b"frozen " * 20), {})}, immutable=True)
    client.attach(tahoe_root, "frozen", inner)
    ro = client.stat(tahoe_root, "frozen").ro_uri

    run = cp("-r", "tahoe:frozen", "tahoe:copy")

    assert run.rc == 0, str(run)
    linked = client.stat(tahoe_root, "copy/frozen")
    assert linked.is_dir and linked.ro_uri == ro and not linked.mutable
    assert client.read_bytes(tahoe_root, "copy/frozen/f") == b"frozen " * 20


def test_missing_intermediate_grid_directories_are_created(cp, client, tahoe_root, work):
    (work / "f").write_text("deep file")
    (work / "d").mkdir()
    (work / "d" / "g").write_text("deep tree")

    assert cp(work / "f", "tahoe:a/b/c").rc == 0
    assert cp("-r", work / "d", "tahoe:x/y/").rc == 0

    assert client.read_bytes(tahoe_root, "a/b/c") == b"deep file"
    assert client.read_bytes(tahoe_root, "x/y/d/g") == b"deep tree"


def test_local_to_local_recursive_copy(cp, work):
    src = work / "src"
    (src / "sub").mkdir(parents=True)
    (src / "a").write_bytes(b"a")
    (src / "sub" / "b").write_bytes(b"b" * 100_000)
    (src / "empty").mkdir()

    run = cp("-r", src, work / "dst")

    assert run.rc == 0, str(run)
    assert local_tree(work / "dst") == {f"src/{k}": v for k, v in local_tree(src).items()} | {"src/": None}


def test_empty_files_copy_both_ways(cp, client, tahoe_root, work):
    (work / "empty").write_bytes(b"")
    (work / "tree").mkdir()
    (work / "tree" / "empty2").write_bytes(b"")

    assert cp(work / "empty", "tahoe:empty").rc == 0
    assert cp("-r", work / "tree", "tahoe:").rc == 0
    assert client.read_bytes(tahoe_root, "empty") == b""

    out = work / "out"
    out.mkdir()
    run = cp("tahoe:empty", out / "e")
    assert run.rc == 0, str(run)
    run = cp("-r", "tahoe:tree", out)
    assert run.rc == 0, str(run)
    assert local_tree(out) == {"e": b"", "tree/": None, "tree/empty2": b""}


AWKWARD = ["a b", "q?x", "h#y", "p%20q", "semi;colon", "\u00fcml\u00e4ut", "plus+sign", "amp&er"]


def test_names_needing_url_quoting_copy_both_ways(cp, client, tahoe_root, work):
    src = work / "src"
    src.mkdir()
    for name in AWKWARD:
        (src / name).write_text(f"contents of {name}")

    run = cp("-r", src, "tahoe:")
    assert run.rc == 0, str(run)
    assert sorted(client.list_dir(tahoe_root, "src").children) == sorted(AWKWARD)
    for name in AWKWARD:
        assert client.read_bytes(tahoe_root, f"src/{name}") == f"contents of {name}".encode()

    single = work / "single"
    single.mkdir()
    run = cp("tahoe:src/h#y", single)
    assert run.rc == 0, str(run)
    run = cp("tahoe:src/q?x", single / "renamed")
    assert run.rc == 0, str(run)
    assert local_tree(single) == {"h#y": b"contents of h#y", "renamed": b"contents of q?x"}

    out = work / "out"
    run = cp("-r", "tahoe:src", out)
    assert run.rc == 0, str(run)
    assert local_tree(out / "src") == local_tree(src)


def test_local_name_that_is_not_utf8_is_refused_by_name(cp, client, tahoe_root, work, grid):
    """A grid name must be UTF-8. Either the planner refuses the copy before anything is
    uploaded, or it refuses that one entry and copies the rest; both name the file."""
    src = work / "src"
    src.mkdir()
    (src / "fine").write_text("fine" * 100)
    with open(os.path.join(os.fsencode(src), b"bad\xff"), "wb") as f:
        f.write(b"undecodable name" * 10)
    before = upload_counters(grid.node_url)

    run = cp("-r", src, "tahoe:")

    assert "Traceback" not in run.err and "(500)" not in run.err, str(run)
    assert run.rc == 1, str(run)
    assert "bad" in run.err, f"the refused file must be named\n{run}"
    tree = grid_tree(client, tahoe_root)
    if tree:  # the entry was refused, the rest copied
        assert tree == {"src/": tree["src/"], "src/fine": tree["src/fine"]}
        assert client.read_bytes(tahoe_root, "src/fine") == b"fine" * 100
    else:  # refused while planning: nothing may have been uploaded
        assert upload_counters(grid.node_url) == before


def test_grid_file_onto_a_local_directory_of_that_name_is_a_clean_error(cp, client, tahoe_root, work):
    client.upload_to(tahoe_root, "notes", b"notes")
    to = work / "to"
    (to / "notes").mkdir(parents=True)

    run = cp("tahoe:notes", to)

    assert run.rc == 1, str(run)
    assert "Traceback" not in run.err and "URI:" not in run.err, str(run)
    assert local_tree(to) == {"notes/": None}


# ---- concurrency and cancelling uploads ------------------------------------------------------


@pytest.mark.parametrize("jobs", ["1", "8"])
def test_jobs_setting_copies_every_file_exactly(cp, client, tahoe_root, work, jobs):
    src = work / "many"
    for d in range(3):
        (src / f"d{d}").mkdir(parents=True)
        for i in range(8):
            (src / f"d{d}" / f"f{i}").write_bytes(os.urandom(100 + 500 * i))

    run = cp("--jobs", jobs, "-r", src, "tahoe:")
    assert run.rc == 0, str(run)

    back = work / "back"
    run = cp("--jobs", jobs, "-r", "tahoe:many", back)
    assert run.rc == 0, str(run)
    assert local_tree(back / "many") == local_tree(src)


def test_jobs_must_be_positive(cp, work):
    (work / "f").write_text("f")
    assert cp("--jobs", "0", work / "f", work / "g").rc == 2
    assert not (work / "g").exists()


def test_cancelled_upload_links_only_whole_files(client, tahoe_root, work):
    src = work / "up"
    src.mkdir()
    contents = {f"f{i}": os.urandom(3 * MiB) for i in range(4)}
    for name, data in contents.items():
        (src / name).write_bytes(data)
    cancel = CancelToken()

    def on_event(event) -> None:
        if event.bytes_done > 0:
            cancel.cancel()

    run = run_copy_api(
        [str(src)],
        "tahoe:",
        client=client,
        aliases={"tahoe": tahoe_root},
        recursive=True,
        jobs=1,
        cancel=cancel,
        on_event=on_event,
    )

    assert run.result.cancelled and run.result.exit_code == 1, run.result
    linked = grid_tree(client, tahoe_root)
    files = {k: v for k, v in linked.items() if not k.endswith("/")}
    assert len(files) < len(contents), "cancelling stopped nothing"
    for path in files:
        assert client.read_bytes(tahoe_root, path) == contents[path.split("/")[-1]]


# ---- onto what is already there --------------------------------------------------------------


def test_immutable_grid_file_onto_writable_mutable_file_updates_it_in_place(cp, client, tahoe_root):
    client.upload_to(tahoe_root, "imm", b"immutable contents " * 10)
    mut = client.upload_to(tahoe_root, "mut", b"old mutable contents", fmt="SDMF")
    client.upload_to(tahoe_root, "src/x", b"x immutable " * 10)
    mut_x = client.upload_to(tahoe_root, "dst/src/x", b"old x", fmt="MDMF")

    run = cp("tahoe:imm", "tahoe:mut")  # linking would throw the mutable file away
    assert run.rc == 0, str(run)
    entry = client.stat(tahoe_root, "mut")
    assert entry.mutable and entry.rw_uri == mut, "the mutable file must be updated, not replaced"
    assert client.read_bytes(mut) == b"immutable contents " * 10

    run = cp("-r", "tahoe:src", "tahoe:dst")
    assert run.rc == 0, str(run)
    entry = client.stat(tahoe_root, "dst/src/x")
    assert entry.mutable and entry.rw_uri == mut_x
    assert client.read_bytes(mut_x) == b"x immutable " * 10


def test_mutable_grid_file_onto_writable_mutable_file_updates_it_in_place(cp, client, tahoe_root):
    client.upload_to(tahoe_root, "a", b"contents of a", fmt="MDMF")
    b = client.upload_to(tahoe_root, "b", b"contents of b", fmt="SDMF")

    run = cp("tahoe:a", "tahoe:b")

    assert run.rc == 0, str(run)
    assert client.stat(tahoe_root, "b").rw_uri == b
    assert client.read_bytes(b) == b"contents of a"


def test_local_file_copied_onto_itself_keeps_its_contents(cp, work):
    f = work / "f"
    f.write_bytes(b"precious " * 1000)

    run = cp(f, f)

    assert "Traceback" not in run.err, str(run)
    assert f.read_bytes() == b"precious " * 1000
    assert local_tree(work) == {"f": b"precious " * 1000}


def test_empty_directories_are_copied_to_the_grid_and_within_it(cp, client, tahoe_root, work):
    src = work / "src"
    (src / "empty").mkdir(parents=True)
    (src / "full").mkdir()
    (src / "full" / "f").write_text("f")

    run = cp("-r", src, "tahoe:")
    assert run.rc == 0, str(run)
    assert client.list_dir(tahoe_root, "src/empty").children == {}

    run = cp("-r", "tahoe:src", "tahoe:copy")
    assert run.rc == 0, str(run)
    assert sorted(client.list_dir(tahoe_root, "copy/src").children) == ["empty", "full"]
    assert client.stat(tahoe_root, "copy/src/empty").is_dir


def test_copy_cancelled_before_it_starts_writes_nothing(client, tahoe_root, work):
    (work / "f").write_bytes(os.urandom(5000))
    cancel = CancelToken()
    cancel.cancel()

    result = run_copy_api(
        [str(work / "f")], "tahoe:f", client=client, aliases={"tahoe": tahoe_root}, cancel=cancel
    ).result

    assert result.cancelled and result.exit_code == 1
    assert client.list_dir(tahoe_root).children == {}


def _published(node_url: str) -> int:
    return node_statistics(node_url).get("counters", {}).get("mutable.files_published", 0)


def test_each_new_grid_directory_is_written_once(cp, client, tahoe_root, work, grid):
    """mkdir-with-children (or one set_children) per directory, never a mkdir plus a link
    per file: the node publishes each directory once, plus once for the existing root."""
    src = work / "src"
    for sub in ("a", "b", "a/c"):
        (src / sub).mkdir(parents=True)
    for rel in ("f1", "f2", "a/f3", "a/f4", "b/f5", "a/c/f6", "a/c/f7", "a/c/f8"):
        (src / rel).write_bytes(os.urandom(2000))
    before = _published(grid.node_url)

    run = cp("-r", src, "tahoe:")

    assert run.rc == 0, str(run)
    new_dirs = 4  # src, src/a, src/b, src/a/c
    assert _published(grid.node_url) - before == new_dirs + 1

    before = _published(grid.node_url)
    run = cp("-r", "tahoe:src", "tahoe:copy")
    assert run.rc == 0, str(run)
    assert _published(grid.node_url) - before == 1 + new_dirs + 1  # copy/ is new too


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
