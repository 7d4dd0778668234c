"""Sources named inside one parent (`PARENTCAP/a PARENTCAP/b …`, a selection in the window)
cost one listing of that parent, not one request per name, with `tahoe cp`'s answers kept."""

from __future__ import annotations

import io
from urllib.parse import unquote

import pytest

from tahoegui.cli import cp as cp_cli
from tahoegui.grid.client import GridClient
from tahoegui.grid.redact import redact
from tests.integration.cp_fixtures import run_copy_api

pytestmark = pytest.mark.grid


def _record_requests(client: GridClient) -> list[tuple[str, str]]:
    seen: list[tuple[str, str]] = []

    def record(response, *args, **kwargs):
        seen.append((response.request.method, unquote(response.request.url)))

    client.session.hooks["response"].append(record)
    return seen


def _json_reads(seen: list[tuple[str, str]], cap: str) -> list[str]:
    return [u for m, u in seen if m == "GET" and cap in u and "t=json" in u]


@pytest.fixture
def parent_of_50(client: GridClient) -> tuple[str, dict[str, bytes]]:
    """A folder of 60 files and a subfolder; 50 of the files are the ones copied."""
    contents = {f"file{i:02}.txt": f"contents {i}".encode() for i in range(60)}
    children = {name: (client.upload(data), {}) for name, data in contents.items()}
    sub = client.mkdir_with_children({"inner.txt": (client.upload(b"inner"), {})})
    children["sub"] = (sub, {})
    return client.mkdir_with_children(children), contents


def test_fifty_named_files_of_one_folder_cost_one_listing_of_it(client, parent_of_50, tmp_path):
    parent, contents = parent_of_50
    names = sorted(contents)[:50]
    seen = _record_requests(client)

    run = run_copy_api([f"{parent}/{n}" for n in names], str(tmp_path), client=client, aliases={})

    assert run.result.ok, run.result.error
    assert sorted(p.name for p in tmp_path.iterdir()) == names
    assert all((tmp_path / n).read_bytes() == contents[n] for n in names)
    reads = _json_reads(seen, parent)
    assert len(reads) == 1 and reads[0].split("?")[0].rstrip("/").endswith(parent), reads


def test_a_named_folder_among_named_files_is_still_copied_whole(client, parent_of_50, tmp_path):
    parent, contents = parent_of_50
    run = run_copy_api(
        [f"{parent}/file00.txt", f"{parent}/sub", f"{parent}/file01.txt"],
        str(tmp_path),
        client=client,
        aliases={},
        recursive=True,
    )
    assert run.result.ok, run.result.error
    assert (tmp_path / "sub" / "inner.txt").read_bytes() == b"inner"
    assert (tmp_path / "file01.txt").read_bytes() == contents["file01.txt"]


def test_a_missing_name_among_shared_names_is_still_no_such_file_and_nothing_is_written(client, parent_of_50, tmp_path):
    parent, _ = parent_of_50
    missing = f"{parent}/no-such-file.txt"
    run = run_copy_api(
        [f"{parent}/file00.txt", missing, f"{parent}/file01.txt"], str(tmp_path), client=client, aliases={}
    )
    assert run.result.error == redact(f"No such file or directory '{missing}'")  # the cap is a secret
    assert list(tmp_path.iterdir()) == []


def test_a_trailing_slash_on_a_shared_file_is_still_an_error(client, parent_of_50, tmp_path):
    parent, _ = parent_of_50
    slashed = f"{parent}/file01.txt/"
    run = run_copy_api([f"{parent}/file00.txt", slashed], str(tmp_path), client=client, aliases={})
    assert run.result.error == redact(f"source '{slashed}' is not a directory, but ends with a slash")
    assert list(tmp_path.iterdir()) == []


def test_examining_the_sources_counts_them_for_the_window(client, parent_of_50, tmp_path):
    parent, contents = parent_of_50
    names = sorted(contents)[:5]
    run = run_copy_api([f"{parent}/{n}" for n in names], str(tmp_path), client=client, aliases={})
    assert run.result.ok, run.result.error
    counted = [e.message for e in run.events if e.message.startswith("examining") and e.message.endswith(" of 5")]
    assert counted == [f"examining {i} of 5" for i in range(1, 6)]
    # not new lines: `tahoegui-cp -v` prints what upstream prints, and upstream prints none of these
    assert not any(e.new_message for e in run.events if e.message in counted)


def test_tahoegui_cp_with_300_names_lists_their_parent_once(grid, client, tmp_path, monkeypatch):
    contents = {f"n{i:03}": f"{i}".encode() for i in range(300)}
    parent = client.mkdir_with_children({n: (client.upload(d), {}) for n, d in contents.items()})
    asked: list[str] = []
    original = GridClient._request

    def counting(self, method, url, action, **kwargs):
        asked.append(f"{method} {unquote(url)} {kwargs.get('params', {}).get('t', '')}")
        return original(self, method, url, action, **kwargs)

    monkeypatch.setattr(GridClient, "_request", counting)
    out, err = io.StringIO(), io.StringIO()

    code = cp_cli.main(["-u", grid.node_url, *[f"{parent}/{n}" for n in contents], str(tmp_path)], out, err)

    assert code == 0, err.getvalue()
    assert out.getvalue().strip() == "Success: files copied"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(contents)
    json_reads = [a for a in asked if a.startswith("GET") and a.endswith(" json") and parent in a]
    assert len(json_reads) == 1, json_reads
