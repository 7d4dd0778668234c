"""What a copy asks of the node: each source directory read once, each new directory
made by one request, nothing linked one file at a time (issue: "faster than tahoe cp")."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from tests.integration.cp_fixtures import grid_tree, run_copy_api

pytestmark = pytest.mark.grid


@pytest.fixture
def requests_seen(client) -> list[tuple[str, str]]:
    """(method, unquoted URL) of every request the test's client makes from now on."""
    seen: list[tuple[str, str]] = []

    def record(response, *args, **kwargs):
        seen.append((response.request.method, unquote(response.request.url)))

    client.session.hooks["response"].append(record)
    return seen


def test_each_source_directory_is_read_once_and_each_new_directory_made_by_one_request(
    client, fresh_dir, requests_seen
):
    files = {f"f{i}": (client.upload(f"{i}".encode() * 70), {}) for i in range(5)}
    sub = client.mkdir_with_children(dict(files))
    src = client.mkdir_with_children({**files, "sub": (sub, {})})
    client.set_children(fresh_dir, {"src": (src, {})})
    requests_seen.clear()

    run = run_copy_api(["top:src"], "top:copy", client=client, aliases={"top": fresh_dir}, recursive=True)
    asked = list(requests_seen)
    assert run.result.ok, run.result.error
    assert len(grid_tree(client, fresh_dir, "copy")) == 12  # src/, src/sub/ and 5 + 5 files, all linked

    def reads_of(cap: str, path: str = "") -> list[str]:
        caps = (cap, client.stat(cap).ro_uri or "")
        return [
            u
            for m, u in asked
            if m == "GET" and (any(c in u for c in caps) or (path and u.split("?")[0].endswith(path)))
        ]

    reads_of_src, reads_of_sub = reads_of(src, "/src"), reads_of(sub)
    assert not [u for m, u in asked if m == "GET" and sub in u]  # read by its read cap, not its write cap
    assert len(reads_of_src) == 1 and len(reads_of_sub) == 1
    creations = [u for m, u in asked if m == "POST" and "t=mkdir" in u]
    assert len(creations) == 3  # copy, copy/src and copy/src/sub, each with all its children
    assert not [u for m, u in asked if m == "PUT" and "t=uri" not in u]  # files linked, not uploaded
    links = [u for m, u in asked if "t=set_children" in u or "t=uri" in u]
    assert len(links) <= 1  # at most the one link of the new top directory into top:


def test_a_file_copied_into_a_grid_directory_costs_one_read_one_upload_one_link(
    client, fresh_dir, requests_seen, tmp_path
):
    client.upload_to(fresh_dir, "already-there", b"x")
    source = tmp_path / "new.bin"
    source.write_bytes(b"new bytes")
    requests_seen.clear()

    run = run_copy_api([str(source)], "top:", client=client, aliases={"top": fresh_dir})

    methods = [(m, u.split("?")[1] if "?" in u else "") for m, u in requests_seen]
    assert run.result.ok, run.result.error
    assert client.read_bytes(fresh_dir, "new.bin") == b"new bytes"
    # the target is examined once: the same answer says it is a directory and what is in it
    assert methods == [("GET", "t=json"), ("PUT", "format=CHK"), ("POST", "t=set_children")], methods
