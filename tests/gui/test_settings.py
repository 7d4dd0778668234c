"""Remembered settings: the window comes back as it was left, on the real private grid."""

from __future__ import annotations

import json
import logging
import stat
from pathlib import Path

import platformdirs
import pytest
from PySide6.QtCore import QSize, Qt

from tahoegui import paths
from tahoegui.app import build_main_window
from tahoegui.models.grid_item import MODIFIED, SIZE
from tahoegui.models.local_model import LOCAL_MODIFIED, LOCAL_SIZE
from tahoegui.settings import Settings, save_settings
from tahoegui.ui.main_window import MainWindow

pytestmark = pytest.mark.grid


def open_window(qtbot, argv: list[str], location: str | None = "gui:") -> MainWindow:
    """The window for `argv`, shown; when `location` is given, once the grid pane shows it loaded."""
    window = build_main_window(argv)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    if location is not None:
        pane = window.grid_pane
        qtbot.waitUntil(
            lambda: (
                pane.nav.location.text() == location
                and pane.current_index().isValid()
                and not pane.model.is_loading(pane.current_index())
            ),
            timeout=20000,
        )
    return window


def close(qtbot, window: MainWindow) -> None:
    window.close()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=30000)


def test_the_window_comes_back_as_it_was_left(qtbot, node_dir, local_root, client, fresh_dir, config_home):
    client.mkdir(fresh_dir, "photos/2024")
    elsewhere = local_root / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / ".hidden-notes").write_text("shh")
    first = open_window(qtbot, ["-d", str(node_dir), "--local-root", str(local_root)])

    first.local_pane.navigate(str(elsewhere))
    first.grid_pane.open_location("gui:photos/2024")
    qtbot.waitUntil(lambda: first.grid_pane.nav.location.text() == "gui:photos/2024", timeout=20000)
    first.resize(760, 540)
    qtbot.waitUntil(lambda: first.size() == QSize(760, 540), timeout=5000)
    first.splitter.setSizes([300, 460])
    sizes = first.splitter.sizes()
    first.local_view.header().resizeSection(LOCAL_MODIFIED, 171)
    first.local_view.sortByColumn(LOCAL_SIZE, Qt.SortOrder.DescendingOrder)
    first.grid_view.header().resizeSection(SIZE, 123)
    first.grid_view.sortByColumn(MODIFIED, Qt.SortOrder.DescendingOrder)
    first.local_pane.hidden_toggle.setChecked(True)
    close(qtbot, first)

    # one file, where platformdirs says under XDG_CONFIG_HOME, and only its owner can read it
    saved = Path(platformdirs.user_config_dir("tahoegui")) / "settings.json"
    assert saved == config_home / "tahoegui" / "settings.json" == paths.settings_file()
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert json.loads(saved.read_text())["grid_location"] == "gui:photos/2024"

    second = open_window(qtbot, ["-d", str(node_dir)], location="gui:photos/2024")
    assert second.size() == QSize(760, 540)
    assert second.splitter.sizes() == sizes
    assert second.local_pane.current_path() == str(elsewhere)
    local_header, grid_header = second.local_view.header(), second.grid_view.header()
    assert local_header.sectionSize(LOCAL_MODIFIED) == 171
    assert (local_header.sortIndicatorSection(), local_header.sortIndicatorOrder()) == (
        LOCAL_SIZE,
        Qt.SortOrder.DescendingOrder,
    )
    assert grid_header.sectionSize(SIZE) == 123
    assert (grid_header.sortIndicatorSection(), grid_header.sortIndicatorOrder()) == (
        MODIFIED,
        Qt.SortOrder.DescendingOrder,
    )
    assert second.local_pane.hidden_toggle.isChecked()
    model = second.local_pane.model
    qtbot.waitUntil(lambda: model.index(str(elsewhere / ".hidden-notes")).isValid(), timeout=10000)


def test_an_opened_cap_is_remembered_in_a_private_file_and_shown_redacted(qtbot, node_dir, local_root, client):
    cap = client.mkdir()
    client.mkdir(cap, "inside")
    first = open_window(qtbot, ["-d", str(node_dir), "--local-root", str(local_root)])
    first.grid_pane.open_location(cap + "/inside")
    qtbot.waitUntil(lambda: first.grid_pane.nav.location.text().endswith("/inside"), timeout=20000)
    shown = first.grid_pane.nav.location.text()
    assert "URI:" not in shown
    close(qtbot, first)
    assert stat.S_IMODE(paths.settings_file().stat().st_mode) == 0o600
    assert json.loads(paths.settings_file().read_text())["grid_location"] == cap + "/inside"

    second = open_window(qtbot, ["-d", str(node_dir), "--local-root", str(local_root)], location=shown)
    assert "URI:" not in second.windowTitle() + second.statusBar().currentMessage()


def test_a_grid_folder_gone_since_last_time_falls_back_to_the_first_alias_with_a_message(qtbot, node_dir, local_root):
    save_settings(Settings(grid_location="gui:deleted-meanwhile/deeper"))
    window = open_window(qtbot, ["-d", str(node_dir), "--local-root", str(local_root)], location=None)
    bar = window.statusBar()
    qtbot.waitUntil(lambda: "gone" in bar.currentMessage(), timeout=20000)
    assert "No folder named 'deleted-meanwhile'" in bar.currentMessage()
    assert window.grid_pane.nav.location.text() == "gui:"


def test_an_alias_gone_since_last_time_falls_back_to_the_first_alias(qtbot, node_dir, local_root):
    save_settings(Settings(grid_location="renamed:photos"))
    window = open_window(qtbot, ["-d", str(node_dir), "--local-root", str(local_root)])
    message = window.statusBar().currentMessage()
    assert "gone" in message and "No alias named 'renamed'" in message


def test_an_explicit_local_root_wins_over_the_remembered_folder(qtbot, node_dir, tmp_path):
    remembered, explicit = tmp_path / "remembered", tmp_path / "explicit"
    remembered.mkdir()
    explicit.mkdir()
    save_settings(Settings(local_folder=str(remembered)))
    window = open_window(qtbot, ["-d", str(node_dir), "--local-root", str(explicit)])
    assert window.local_pane.current_path() == str(explicit)
    close(qtbot, window)
    save_settings(Settings(local_folder=str(remembered)))
    window = open_window(qtbot, ["-d", str(node_dir)])
    assert window.local_pane.current_path() == str(remembered)


def test_a_remembered_folder_that_is_gone_means_the_home_folder(qtbot, node_dir, tmp_path):
    save_settings(Settings(local_folder=str(tmp_path / "removed")))
    window = open_window(qtbot, ["-d", str(node_dir)])
    assert window.local_pane.current_path() == str(Path.home())


def test_a_damaged_settings_file_opens_the_window_with_defaults_and_one_log_line(qtbot, node_dir, local_root, caplog):
    path = paths.settings_file()
    path.parent.mkdir(parents=True)
    path.write_text('{"version": 1, "show_hidden": "very", "window_geometry": 12')
    with caplog.at_level(logging.INFO, logger="tahoegui"):
        window = open_window(qtbot, ["-d", str(node_dir), "--local-root", str(local_root)])
    ours = [r for r in caplog.records if r.name.startswith("tahoegui")]
    assert [(r.name, r.levelname) for r in ours] == [("tahoegui.settings", "WARNING")]
    assert str(path) in ours[0].getMessage()
    assert window.size() == QSize(1200, 720)
    assert not window.local_pane.hidden_toggle.isChecked()
    assert window.local_pane.current_path() == str(local_root)
    header = window.grid_view.header()
    assert (header.sortIndicatorSection(), header.sortIndicatorOrder()) == (0, Qt.SortOrder.AscendingOrder)
    # its close writes a good file over the damaged one
    close(qtbot, window)
    assert json.loads(path.read_text())["version"] == 1
