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
