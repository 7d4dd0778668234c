"""The settings file: round trips, is private (0600), and a bad one is ignored with one log line."""

from __future__ import annotations

import json
import logging
import os
import stat

import pytest

from tahoegui import paths
from tahoegui.settings import SETTINGS_VERSION, Settings, ViewSettings, load_settings, save_settings

CAP = "URI:DIR2:" + "a" * 26 + ":" + "b" * 52

REMEMBERED = Settings(
    window_geometry="AdnQywADAAA=",
    window_state="AAAA/wAAAAE=",
    splitter_state="AAAA/wAAAAEAAAAC",
    local_view=ViewSettings((300, 90, 0, 140), sort_column=1, sort_descending=True),
    grid_view=ViewSettings((400, 80, 130, 150, 80), sort_column=2),
    local_folder="/home/someone/Pictures",
    grid_location=CAP + "/photos/2024",
    show_hidden=True,
)


@pytest.fixture
def config_home(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path / "config"


def test_saved_settings_load_back_the_same(config_home):
    assert save_settings(REMEMBERED)
    assert load_settings() == REMEMBERED


def test_the_file_is_under_xdg_config_home_with_a_version_and_only_its_owner_can_read_it(config_home):
    save_settings(REMEMBERED)
    path = config_home / "tahoegui" / "settings.json"
    assert paths.settings_file() == path
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text())["version"] == SETTINGS_VERSION


def test_an_existing_file_with_loose_permissions_becomes_0600_when_saved(config_home):
    path = paths.settings_file()
    path.parent.mkdir(parents=True)
    path.write_text("{}")
    os.chmod(path, 0o644)
    save_settings(Settings(grid_location=CAP))
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_no_file_yet_means_defaults_and_no_log_line(config_home, caplog):
    with caplog.at_level(logging.WARNING, logger="tahoegui"):
        assert load_settings() == Settings()
    assert caplog.records == []


def test_a_file_missing_some_keys_keeps_the_others(config_home):
    path = paths.settings_file()
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"version": SETTINGS_VERSION, "show_hidden": True, "future_key": [1, 2]}))
    assert load_settings() == Settings(show_hidden=True)


DAMAGED = {
    "invalid JSON": '{"version": 1, "show_hidden": tru',
    "not an object": "[1, 2, 3]",
    "no version": json.dumps({"show_hidden": True}),
    "an older version": json.dumps({"version": 0, "show_hidden": True}),
    "a newer version": json.dumps({"version": SETTINGS_VERSION + 1, "show_hidden": True}),
    "a version that is true": json.dumps({"version": True}),
    "a string where a bool goes": json.dumps({"version": SETTINGS_VERSION, "show_hidden": "yes"}),
    "a number where text goes": json.dumps({"version": SETTINGS_VERSION, "local_folder": 7}),
    "widths that are not numbers": json.dumps(
        {"version": SETTINGS_VERSION, "grid_view": {"column_widths": ["wide"], "sort_column": 0}}
    ),
    "a negative sort column": json.dumps({"version": SETTINGS_VERSION, "local_view": {"sort_column": -1}}),
    "geometry that is not base64": json.dumps({"version": SETTINGS_VERSION, "window_geometry": "not base64!"}),
    "bytes that are not UTF-8": b"\xff\xfe{}",
}


@pytest.mark.parametrize("damage", DAMAGED)
def test_a_damaged_or_other_version_file_is_ignored_with_exactly_one_log_line(config_home, caplog, damage):
    path = paths.settings_file()
    path.parent.mkdir(parents=True)
    content = DAMAGED[damage]
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    with caplog.at_level(logging.DEBUG, logger="tahoegui"):
        assert load_settings() == Settings()
    assert [(r.levelname, r.name) for r in caplog.records] == [("WARNING", "tahoegui.settings")]
    assert str(path) in caplog.records[0].getMessage()


def test_a_settings_file_that_cannot_be_written_is_a_log_line_not_an_exception(tmp_path, caplog):
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("")
    with caplog.at_level(logging.WARNING, logger="tahoegui"):
        assert not save_settings(Settings(), blocker / "settings.json")
    assert len(caplog.records) == 1
    assert list(tmp_path.iterdir()) == [blocker]  # no temporary file left behind
