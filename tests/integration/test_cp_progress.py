"""Progress events from the copier API: phases in order, file/directory/byte counts that add
up, and messages in the origin's words (`examining 1 of 1`, `1/2 files, 0/1 directories`); a listener that fails loses no file."""

from __future__ import annotations

import os
import re

import pytest

from tahoegui.copier import CopyOptions, copy
from tests.integration.cp_fixtures import run_copy_api

pytestmark = pytest.mark.grid

PHASES = ["examining", "planning", "copying", "finishing", "done"]


def _messages(events) -> list[str]:
    return [e.message for e in events if getattr(e, "new_message", True) and e.message]


def _assert_phases_in_order(events) -> None:
    seen = [PHASES.index(e.phase) for e in events]
    assert seen == sorted(seen), [e.phase for e in events]
    assert events[-1].phase == "done"


def test_upload_of_two_files_reports_phases_counts_and_upstream_messages(client, tahoe_root, work):
    (work / "test1").write_bytes(b"test1")
    (work / "test2").write_bytes(b"second")

    run = run_copy_api(
        [str(work / "test1"), str(work / "test2")], "tahoe:", client=client, aliases={"tahoe": tahoe_root}
    )

    assert run.result.ok, run.result
    events = run.events
    _assert_phases_in_order(events)
    assert {"copying", "done"} <= {e.phase for e in events}
    messages = _messages(events)
    expected = [
        "attaching sources to targets, 2 files / 0 dirs in root",
        "targets assigned, 1 dirs, 2 files",
        "starting copy, 2 files, 1 directories",
        "1/2 files, 0/1 directories",
        "2/2 files, 0/1 directories",
        "1/1 directories",
    ]
    positions = [messages.index(m) for m in expected]  # each present...
    assert positions == sorted(positions), messages  # ...and in upstream's order
    last = events[-1]
    assert (last.files_done, last.files_total) == (2, 2)
    assert (last.dirs_done, last.dirs_total) == (1, 1)
    assert last.bytes_total == len(b"test1") + len(b"second") == last.bytes_done
    assert any(e.current and e.current.endswith("test1") for e in events if e.phase == "copying")


def test_examining_the_target_directory_counts_from_one(client, tahoe_root, work):
    client.upload_to(tahoe_root, "test/test_file", b"there already")
    (work / "test2").write_bytes(b"new")

    run = run_copy_api([str(work / "test2")], "tahoe:test", client=client, aliases={"tahoe": tahoe_root})

    assert run.result.ok, run.result
    messages = _messages(run.events)
    assert "examining 1 of 1" in messages
    assert "starting copy, 1 files, 1 directories" in messages
    assert not any(m.startswith("examining 0 of") for m in messages)
    assert all(
        e.phase == "examining"
        for e in run.events
        if e.message.startswith("examining ") and getattr(e, "new_message", True)
    )


def test_download_reports_bytes_as_they_flow(session_client, work, client, tahoe_root):
    data = os.urandom(3 * 1024 * 1024 + 17)
    client.upload_to(tahoe_root, "d/big", data)
    client.upload_to(tahoe_root, "d/small", b"small")

    run = run_copy_api(
        ["tahoe:d"], str(work / "out"), client=session_client, aliases={"tahoe": tahoe_root}, recursive=True
    )

    assert run.result.ok, run.result
    assert (work / "out" / "d" / "big").read_bytes() == data
    copying = [e for e in run.events if e.phase == "copying"]
    done = [e.bytes_done for e in run.events]
    assert done == sorted(done), "bytes done never goes back"
    assert any(0 < e.bytes_done < len(data) for e in copying), "progress within the big file is reported"
    assert all(e.bytes_total == len(data) + 5 for e in copying)
    last = run.events[-1]
    assert last.bytes_done == last.bytes_total == len(data) + 5
    assert (last.files_done, last.files_total) == (2, 2)
    assert any(re.fullmatch(r"2/2 files, \d+/\d+ directories", m) for m in _messages(run.events))


def test_mutable_file_sizes_join_the_total_when_their_download_starts(session_client, work, client, tahoe_root):
    # Listings give no size for mutable files. The CHK file goes first (jobs=1, name
    # order); once its bytes are in, the copy must not call itself "finishing" while the
    # MDMF file still has all of its bytes to come.
    chk, mdmf = os.urandom(200_000), os.urandom(300_000)
    client.upload_to(tahoe_root, "m/a-immutable", chk)
    client.upload_to(tahoe_root, "m/b-mutable", mdmf, fmt="MDMF")

    run = run_copy_api(
        ["tahoe:m"], str(work / "out"), client=session_client, aliases={"tahoe": tahoe_root}, recursive=True, jobs=1
    )

    assert run.result.ok, run.result
    assert (work / "out" / "m" / "b-mutable").read_bytes() == mdmf
    copying = [e for e in run.events if e.phase == "copying"]
    assert copying[0].bytes_total == len(chk) and copying[0].sizes_pending == 1
    finishing = [e for e in run.events if e.phase == "finishing"]
    assert finishing and all(e.bytes_done == len(chk) + len(mdmf) for e in finishing), [
        (e.bytes_done, e.bytes_total) for e in finishing[:3]
    ]
    last = run.events[-1]
    assert last.bytes_done == last.bytes_total == len(chk) + len(mdmf) and last.sizes_pending == 0


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
