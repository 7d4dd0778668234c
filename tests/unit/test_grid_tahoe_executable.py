"""Which `tahoe` the private grid runs: the one beside Python, or the standalone app's own."""

from __future__ import annotations

import sys

import pytest

from tahoegui.grid.localgrid import LocalGridError, tahoe_executable


def test_standalone_app_runs_the_tahoe_bundled_beside_it(monkeypatch, tmp_path):
    (tmp_path / "tahoegui").write_bytes(b"")
    (tmp_path / "tahoe").write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "tahoegui"))

    assert tahoe_executable() == str(tmp_path / "tahoe")


def test_standalone_app_without_its_tahoe_says_so_rather_than_using_another(monkeypatch, tmp_path):
    (tmp_path / "tahoegui").write_bytes(b"")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(tmp_path / "tahoegui"))
    monkeypatch.setenv("PATH", str(tmp_path / "elsewhere"))

    with pytest.raises(LocalGridError, match="bundled 'tahoe'"):
        tahoe_executable()
