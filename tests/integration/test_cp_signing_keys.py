"""New grid directories are made with signing keys made here, ahead of need, when they
are ready — the node makes its own otherwise. Checked on the real grid by deriving each
new directory's write key from the keys handed out (tahoe: writekey = H(private key))."""

from __future__ import annotations

import base64
from pathlib import Path
from typing import ClassVar

import pytest
from allmydata.util import base32, hashutil

import tahoegui.copier.api as copier_api
from tahoegui.grid.client import GridClient
from tahoegui.grid.signing_keys import SigningKeyPool, new_signing_key
from tests.integration.cp_fixtures import grid_tree, run_copy_api

pytestmark = pytest.mark.grid


def writekey_of(key: str) -> str:
    """The write-key field of the cap a directory made with `key` gets."""
    return base32.b2a(hashutil.ssk_writekey_hash(base64.urlsafe_b64decode(key))).decode("ascii")


class RecordingPool(SigningKeyPool):
    """Waits for every key it ordered (so that each test is deterministic) and records them."""

    handed_out: ClassVar[list[str]] = []  # shared by every pool a test makes

    def take(self, wait: bool = False) -> str | None:
        key = super().take(wait=True)
        if key is not None:
            RecordingPool.handed_out.append(key)
        return key


@pytest.fixture
def recorded_keys(monkeypatch) -> list[str]:
    RecordingPool.handed_out = []
    monkeypatch.setattr(copier_api, "SigningKeyPool", RecordingPool)
    return RecordingPool.handed_out


def new_dir_writekeys(client: GridClient, root: str, path: str) -> list[str]:
    caps = [client.stat(root, path).rw_uri or ""]
    caps += [cap for name, cap in grid_tree(client, root, path).items() if name.endswith("/")]
    return [cap.split(":")[2] for cap in caps]


def test_a_directory_made_with_our_key_is_signed_by_it(client: GridClient, fresh_dir: str):
    key = new_signing_key()
    child = client.upload(b"signed by us" * 10)
    cap = client.mkdir_with_children({"f.txt": (child, {})}, signing_key=key)
    assert cap.startswith("URI:DIR2:") and cap.split(":")[2] == writekey_of(key)
    assert list(client.list_dir(cap).children) == ["f.txt"]
    with pytest.raises(ValueError):  # the node would ignore it on a linked mkdir
        client.mkdir_with_children({}, dircap=fresh_dir, name="x", signing_key=new_signing_key())


def test_an_upload_of_a_tree_signs_every_new_directory_with_a_key_made_here(
    client, fresh_dir, tmp_path: Path, recorded_keys
):
    src = tmp_path / "tree"
    for d in ("a", "a/deep", "b"):
        (src / d).mkdir(parents=True)
        (src / d / "f.txt").write_bytes(d.encode())
    run = run_copy_api([str(src)], "top:copy", client=client, aliases={"top": fresh_dir}, recursive=True)
    assert run.result.ok, run.result.error
    assert sorted(grid_tree(client, fresh_dir, "copy")) == [  # `tahoe cp`: a named source goes in by name
        "copy/tree/",
        "copy/tree/a/",
        "copy/tree/a/deep/",
        "copy/tree/a/deep/f.txt",
        "copy/tree/a/f.txt",
        "copy/tree/b/",
        "copy/tree/b/f.txt",
    ]
    made = new_dir_writekeys(client, fresh_dir, "copy")
    assert len(made) == 5 and len(recorded_keys) == 5
    assert sorted(made) == sorted(writekey_of(k) for k in recorded_keys)


def test_a_grid_copy_into_an_existing_tree_uses_keys_only_for_new_directories(client, fresh_dir, recorded_keys):
    aliases = {"top": fresh_dir}
    source = client.mkdir_with_children(
        {
            "old": (client.mkdir_with_children({"f": (client.upload(b"1" * 60), {})}), {}),
            "new": (client.mkdir_with_children({"g": (client.upload(b"2" * 60), {})}), {}),
        }
    )
    target = client.mkdir_with_children({"old": (client.mkdir(), {})})
    aliases.update(src=source, dst=target)
    run = run_copy_api(["src:"], "dst:", client=client, aliases=aliases, recursive=True)
    assert run.result.ok, run.result.error
    assert sorted(grid_tree(client, target)) == ["new/", "new/g", "old/", "old/f"]
    assert [writekey_of(k) for k in recorded_keys] == [client.stat(target, "new").rw_uri.split(":")[2]]


# ---- when no key is ready, the node makes its own -------------------------------------------


class NoKeyReadyPool(SigningKeyPool):
    """A pool whose keys are never ready when a directory is made (as on a slow computer):
    `take()` answers None. With `first_ready`, the first key asked for is ready."""

    asked: ClassVar[int] = 0
    first_ready: ClassVar[str | None] = None

    def take(self, wait: bool = False) -> str | None:
        NoKeyReadyPool.asked += 1
        key, NoKeyReadyPool.first_ready = NoKeyReadyPool.first_ready, None
        return key


@pytest.fixture
def no_key_ready(monkeypatch) -> type[NoKeyReadyPool]:
    NoKeyReadyPool.asked, NoKeyReadyPool.first_ready = 0, None
    monkeypatch.setattr(copier_api, "SigningKeyPool", NoKeyReadyPool)
    return NoKeyReadyPool


NEW_DIRS = ["copy", "copy/tree", "copy/tree/a", "copy/tree/a/deep", "copy/tree/b"]


@pytest.fixture
def mkdir_requests(client) -> list[bool]:
    """For every mkdir-with-children the client sends: whether it brought our key (the
    key itself is not kept: a failing assertion would print it)."""
    seen: list[bool] = []

    def record(response, *args, **kwargs):
        url = response.request.url or ""
        if "t=mkdir-with-children" in url:
            seen.append("private-key=" in url)

    client.session.hooks["response"].append(record)
    return seen


def three_folder_tree(base: Path) -> Path:
    src = base / "tree"
    for d in ("a", "a/deep", "b"):
        (src / d).mkdir(parents=True)
        (src / d / "f.txt").write_bytes(d.encode())
    return src


def test_when_no_key_is_ready_the_node_makes_each_new_directory(
    client, fresh_dir, tmp_path: Path, no_key_ready, mkdir_requests
):
    src = three_folder_tree(tmp_path)

    run = run_copy_api([str(src)], "top:copy", client=client, aliases={"top": fresh_dir}, recursive=True)

    assert run.result.ok, run.result.error
    assert no_key_ready.asked == len(NEW_DIRS)  # each new directory asked for a key...
    assert mkdir_requests == [False] * len(NEW_DIRS)  # ...and each request left the key to the node
    assert sorted(grid_tree(client, fresh_dir, "copy")) == [
        "copy/tree/",
        "copy/tree/a/",
        "copy/tree/a/deep/",
        "copy/tree/a/deep/f.txt",
        "copy/tree/a/f.txt",
        "copy/tree/b/",
        "copy/tree/b/f.txt",
    ]
    for d in NEW_DIRS:  # each was made, writable: a directory the node signed with a key of its own
        entry = client.stat(fresh_dir, d)
        assert entry.is_dir and entry.rw_uri and entry.rw_uri.startswith("URI:DIR2:"), (d, entry)
    assert client.read_bytes(fresh_dir, "copy/tree/a/deep/f.txt") == b"a/deep"
    client.upload_to(fresh_dir, "copy/tree/a/deep/added.txt", b"the directory works")  # its key signs this
    assert client.read_bytes(fresh_dir, "copy/tree/a/deep/added.txt") == b"the directory works"


def test_a_copy_uses_the_keys_that_are_ready_and_lets_the_node_make_the_rest(
    client, fresh_dir, tmp_path: Path, no_key_ready, mkdir_requests
):
    ready = new_signing_key()
    no_key_ready.first_ready = ready
    src = three_folder_tree(tmp_path)

    run = run_copy_api([str(src)], "top:copy", client=client, aliases={"top": fresh_dir}, recursive=True)

    assert run.result.ok, run.result.error
    assert no_key_ready.asked == len(NEW_DIRS)
    assert sorted(mkdir_requests) == [False] * (len(NEW_DIRS) - 1) + [True]
    made = new_dir_writekeys(client, fresh_dir, "copy")
    assert len(made) == len(set(made)) == len(NEW_DIRS)
    assert made.count(writekey_of(ready)) == 1  # one directory is ours; the node signed the other four
    assert client.read_bytes(fresh_dir, "copy/tree/b/f.txt") == b"b"
