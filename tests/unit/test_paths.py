"""One module owns every path the programs use, and the platform's variables move them."""

from __future__ import annotations

from pathlib import Path

from tahoegui import logs, paths
from tahoegui.grid import localgrid, nodedir


def test_the_settings_file_is_under_xdg_config_home(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert paths.config_dir() == tmp_path / "config" / "tahoegui"
    assert paths.settings_file() == tmp_path / "config" / "tahoegui" / "settings.json"


def test_the_data_and_private_grid_directories_are_under_xdg_data_home(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert paths.data_dir() == tmp_path / "data" / "tahoegui"
    assert paths.default_grid_dir() == tmp_path / "data" / "tahoegui" / "local-grid"
    assert localgrid.default_grid_dir() == paths.default_grid_dir()


def test_log_files_are_under_xdg_state_home(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert paths.log_file("tahoegui") == tmp_path / "state" / "tahoegui" / "log" / "tahoegui.log"
    assert logs.log_file_path("tahoegui") == paths.log_file("tahoegui")


def test_the_node_directory_is_tahoes_own_dot_tahoe_in_home(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    assert paths.default_node_dir() == tmp_path / ".tahoe"
    assert nodedir.default_node_dir() == paths.default_node_dir()
    assert paths.home_dir() == Path(tmp_path)
