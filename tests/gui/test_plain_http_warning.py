"""The status bar warns when caps would cross the network unencrypted (plain http, not loopback)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from tahoegui.app import build_main_window
from tahoegui.colours import ERROR_COLOUR


def open_window(qtbot, argv):
    win = build_main_window(argv)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_a_plain_http_node_elsewhere_is_warned_about_in_the_error_colour(qtbot, local_root):
    # TEST-NET-1: nothing listens there, and nothing needs to for the warning
    win = open_window(qtbot, ["-u", "http://192.0.2.1:3456/", "--local-root", str(local_root)])
    warning = win.findChild(QLabel, "plainHttpWarning")
    assert warning.isVisible()
    assert warning.text() == "caps travel unencrypted to 192.0.2.1:3456"
    assert "https" in warning.toolTip()
    assert ERROR_COLOUR in warning.styleSheet()


@pytest.mark.grid
def test_the_private_grid_on_loopback_gets_no_warning(qtbot, grid, local_root):
    assert grid.node_url.startswith("http://127.0.0.1:")
    win = open_window(qtbot, ["-u", grid.node_url, "--local-root", str(local_root)])
    servers = win.findChild(QLabel, "serversLabel")
    qtbot.waitUntil(lambda: "servers connected" in servers.text(), timeout=10000)
    assert not win.findChild(QLabel, "plainHttpWarning").isVisible()
