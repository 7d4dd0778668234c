"""A large immutable file comes down as parallel byte ranges; a mutable one in one stream
(its ranges could come from different versions). On the real grid."""

from __future__ import annotations

import os

import pytest

import tahoegui.copier.ranged as ranged
from tests.integration.cp_fixtures import run_copy_api

pytestmark = pytest.mark.grid

MiB = 1024 * 1024


@pytest.fixture
def range_requests(client, monkeypatch) -> list[str]:
    """The Range header of every GET the client sends; large means more than 1 MiB here."""
    monkeypatch.setattr(ranged, "RANGED_MIN_SIZE", 1 * MiB)
    seen: list[str] = []

    def record(response, *args, **kwargs):
        if response.request.method == "GET" and "t=" not in (response.request.url or ""):
            seen.append(response.request.headers.get("Range", ""))

    client.session.hooks["response"].append(record)
    return seen


@pytest.mark.parametrize("fmt", ["CHK", "SDMF"])
def test_a_large_file_downloads_whole(client, fresh_dir, tmp_path, range_requests, fmt):
    data = os.urandom(3 * MiB + 12345)
    cap = client.upload(data, fmt=fmt)
    client.set_children(fresh_dir, {"big.bin": (cap, {"mtime": 1_234_567_890.0})})
    target = tmp_path / "big.bin"

    run = run_copy_api(["top:big.bin"], str(target), client=client, aliases={"top": fresh_dir})
    assert run.result.ok, run.result.error
    assert target.read_bytes() == data
    assert target.stat().st_mtime == 1_234_567_890.0
    assert os.listdir(tmp_path) == ["big.bin"]
    if fmt == "CHK":
        half = -(-len(data) // 2)
        assert sorted(range_requests) == sorted([f"bytes=0-{half - 1}", f"bytes={half}-{len(data) - 1}"])
    else:
        assert range_requests == [""]
