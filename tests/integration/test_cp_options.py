"""Our additions to `tahoe cp`'s command line, and its contract: --conflict policies, --json,
-u/-d (and an unreadable aliases file), -q, exit codes, and which streams it writes to (in-process and as the installed program).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tests.integration.cp_fixtures import (
    E_TEXTS,
    NodeDir,
    assert_clean_error,
    assert_no_caps,
    immutable_upload_counters,
    local_tree,
    run_copy_api,
    run_cp_in_process,
)

pytestmark = pytest.mark.grid

OLD, NEW = b"old local contents\n", b"new contents from the grid\n"


@pytest.fixture
def conflict_setup(client, tahoe_root, work):
    """tahoe:notes (NEW, link mtime 1.5e9) and a local `to/notes` (OLD) in its way."""
    cap = client.upload(NEW)
    client.set_children(tahoe_root, {"notes": (cap, {"mtime": 1_500_000_000.0})})
    to = work / "to"
    to.mkdir()
    (to / "notes").write_bytes(OLD)
    return to


def test_conflict_overwrite_is_the_default(cp, conflict_setup):
    run = cp("tahoe:notes", conflict_setup)
    assert run.rc == 0, str(run)
    assert local_tree(conflict_setup) == {"notes": NEW}

    (conflict_setup / "notes").write_bytes(OLD)
    run = cp("--conflict", "overwrite", "tahoe:notes", conflict_setup)
    assert run.rc == 0, str(run)
    assert local_tree(conflict_setup) == {"notes": NEW}


def test_conflict_skip_leaves_the_existing_file(cp, client, tahoe_root, conflict_setup):
    run = cp("--conflict", "skip", "tahoe:notes", conflict_setup)
    assert run.rc == 0, str(run)
    assert local_tree(conflict_setup) == {"notes": OLD}

    result = run_copy_api(
        ["tahoe:notes"], str(conflict_setup), client=client, aliases={"tahoe": tahoe_root}, conflict="skip"
    ).result
    assert [i.outcome for i in result.items] == ["skipped"] and result.items[0].reason
    assert local_tree(conflict_setup) == {"notes": OLD}


def test_conflict_rename_writes_name_with_a_number(cp, conflict_setup):
    run = cp("--conflict", "rename", "tahoe:notes", conflict_setup)
    assert run.rc == 0, str(run)
    assert local_tree(conflict_setup) == {"notes": OLD, "notes (1)": NEW}

    run = cp("--conflict", "rename", "tahoe:notes", conflict_setup)
    assert run.rc == 0, str(run)
    assert local_tree(conflict_setup) == {"notes": OLD, "notes (1)": NEW, "notes (2)": NEW}


def test_conflict_newer_copies_only_when_the_source_is_newer(cp, conflict_setup):
    target = conflict_setup / "notes"
    os.utime(target, (1_600_000_000, 1_600_000_000))  # the local file is newer than the grid's 1.5e9
    run = cp("--conflict", "newer", "tahoe:notes", conflict_setup)
    assert run.rc == 0, str(run)
    assert target.read_bytes() == OLD

    os.utime(target, (1_400_000_000, 1_400_000_000))  # now older
    run = cp("--conflict", "newer", "tahoe:notes", conflict_setup)
    assert run.rc == 0, str(run)
    assert target.read_bytes() == NEW


def test_conflict_error_refuses_and_leaves_the_existing_file(cp, conflict_setup):
    run = cp("--conflict", "error", "tahoe:notes", conflict_setup)

    assert run.rc == 1, str(run)
    assert "notes" in run.err and "Traceback" not in run.err and "URI:" not in run.err, str(run)
    assert local_tree(conflict_setup) == {"notes": OLD}


def test_conflict_policies_apply_to_grid_targets_too(cp, client, tahoe_root, work, grid):
    existing = client.upload_to(tahoe_root, "notes", os.urandom(5000))
    local = work / "notes"
    local.write_bytes(os.urandom(5000))
    before = immutable_upload_counters(grid.node_url)

    run = cp("--conflict", "skip", local, "tahoe:")
    assert run.rc == 0, str(run)
    assert client.list_dir(tahoe_root).children["notes"].ro_uri == existing
    assert immutable_upload_counters(grid.node_url) == before, "a skipped file is not uploaded"

    run = cp("--conflict", "rename", local, "tahoe:")
    assert run.rc == 0, str(run)
    children = client.list_dir(tahoe_root).children
    assert sorted(children) == ["notes", "notes (1)"]
    assert children["notes"].ro_uri == existing
    assert client.read_bytes(tahoe_root, "notes (1)") == local.read_bytes()


def test_unknown_conflict_policy_is_a_usage_error(cp, work):
    (work / "f").write_text("f")
    run = cp("--conflict", "sometimes", work / "f", work / "g")
    assert run.rc == 2, str(run)
    assert not (work / "g").exists()


# ---- --json ---------------------------------------------------------------------------------


def test_json_summary_replaces_the_success_line(cp, client, tahoe_root, work):
    (work / "a").write_text("a")
    (work / "b").write_text("b")

    run = cp("--json", work / "a", work / "b", "tahoe:")

    assert run.rc == 0, str(run)
    summary = json.loads(run.out)
    assert "Success:" not in run.out
    assert summary["ok"] is True and summary["error"] is None and summary["cancelled"] is False
    assert summary["counts"] == {"copied": 2, "linked": 0, "skipped": 0, "failed": 0}
    assert sorted(Path(i["source"]).name for i in summary["items"]) == ["a", "b"]
    assert all(i["outcome"] == "copied" for i in summary["items"])
    assert "URI:" not in run.out


def test_json_summary_of_a_failed_copy(cp, client, tahoe_root, work):
    (work / "d").mkdir()

    run = cp("--json", work / "d", "tahoe:")

    assert run.rc == 1, str(run)
    summary = json.loads(run.out)
    assert summary["ok"] is False
    assert E_TEXTS["E4-NEED-R"] in summary["error"]


def test_json_summary_counts_links_for_grid_to_grid(cp, client, tahoe_root):
    client.upload_to(tahoe_root, "src/f", os.urandom(5000))

    run = cp("--json", "-r", "tahoe:src", "tahoe:dst")

    assert run.rc == 0, str(run)
    summary = json.loads(run.out)
    assert summary["counts"]["linked"] == 1 and summary["counts"]["copied"] == 0
    assert "URI:" not in run.out, "items must name paths, not caps"


# ---- node selection, quiet, streams -----------------------------------------------------------


def test_node_url_option_overrides_node_url_file(tmp_path, grid, fresh_dir, client, work):
    node = NodeDir(tmp_path / "elsewhere", "http://127.0.0.1:9/", {"tahoe": fresh_dir})  # nothing listens there
    (work / "f").write_text("via -u")

    run = run_cp_in_process(["-d", str(node.path), "-u", grid.node_url, str(work / "f"), "tahoe:f"])

    assert run.rc == 0, str(run)
    assert client.read_bytes(fresh_dir, "f") == b"via -u"


def test_unreachable_node_is_a_clean_error(tmp_path, fresh_dir, work):
    node = NodeDir(tmp_path / "elsewhere", "http://127.0.0.1:9/", {"tahoe": fresh_dir})
    (work / "f").write_text("f")

    run = run_cp_in_process(["-d", str(node.path), str(work / "f"), "tahoe:f"])

    assert_clean_error(run)


def test_quiet_prints_no_success_line(cp, work):
    (work / "f").write_text("f")
    run = cp("-q", work / "f", "tahoe:f")
    assert run.rc == 0, str(run)
    assert run.out == ""


def test_main_returns_codes_and_writes_only_to_the_given_streams(cp, work):
    (work / "f").write_text("f")
    (work / "d").mkdir()
    for args, rc in ((("onearg",), 2), ((work / "f", "tahoe:f"), 0), ((work / "d", "tahoe:"), 1)):
        run = cp(*args)
        assert run.rc == rc, str(run)
        assert not run.raised_system_exit, "main() must return its exit code, not raise SystemExit"
        assert run.stray_out == "" and run.stray_err == "", f"wrote to sys.stdout/sys.stderr: {run!r}"


def test_installed_program_copies_and_reports_errors(cp_program, client, tahoe_root, work):
    (work / "f").write_text("through the program")
    (work / "d").mkdir()

    run = cp_program(work / "f", "tahoe:f")
    assert run.rc == 0, str(run)
    assert run.out == "Success: file copied\n"
    assert client.read_bytes(tahoe_root, "f") == b"through the program"

    run = cp_program(work / "d", "tahoe:")
    assert_clean_error(run)
    assert E_TEXTS["E4-NEED-R"] in run.err

    out = work / "out"
    run = cp_program("-r", "tahoe:", out)
    assert run.rc == 0, str(run)
    assert local_tree(out) == {"f": b"through the program"}


def test_skip_policy_on_a_single_existing_file_is_a_clean_no_op(cp, work):
    (work / "a.txt").write_bytes(b"new")
    (work / "exist.txt").write_bytes(b"old")
    run = cp("--conflict", "skip", work / "a.txt", work / "exist.txt")
    assert run.rc == 0 and "Traceback" not in run.err, str(run)
    assert (work / "exist.txt").read_bytes() == b"old"


def test_json_and_messages_never_show_a_cap_given_as_source(cp, client, tahoe_root, work):
    client.upload_to(tahoe_root, "d/f", b"x")
    client.set_children(tahoe_root, {"d2": (client.mkdir_with_children({}), {})})
    source = f"{tahoe_root}/d"
    run = cp("-r", "--json", source, work / "out")
    assert run.rc == 0, str(run)
    assert_no_caps(run.out + run.err)
    assert json.loads(run.out)["counts"]["copied"] == 1


def test_an_unreadable_aliases_file_is_a_warning_not_a_traceback(node_dir, work):
    aliases = node_dir.path / "private" / "aliases"
    aliases.unlink()
    aliases.mkdir()
    (work / "a.txt").write_bytes(b"x")
    run = run_cp_in_process(["-d", str(node_dir.path), str(work / "a.txt"), str(work / "b.txt")])
    assert run.rc == 0 and "Traceback" not in run.err, str(run)
    assert "aliases file" in run.err
