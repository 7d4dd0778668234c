"""Help → About: the versions of tahoegui, Qt, PySide6, Python and the node the window talks to."""

from __future__ import annotations

import platform
from importlib import metadata

import PySide6
import requests
from PySide6.QtCore import qVersion
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QLabel

from tahoegui.app import build_main_window
from tahoegui.grid.localgrid import free_port
from tahoegui.ui.main_window import MainWindow
from tahoegui.version import PROJECT_URL


def open_about(window) -> QDialog:
    window.findChild(QAction, "actionAbout").trigger()
    dialog = window.findChild(QDialog, "aboutDialog")
    assert dialog is not None and dialog.isVisible()
    return dialog


def label(dialog: QDialog, name: str) -> str:
    return dialog.findChild(QLabel, name).text()


def all_text(dialog: QDialog) -> str:
    return "\n".join(w.text() for w in dialog.findChildren(QLabel))


def test_about_shows_the_versions_and_the_nodes_own_version(qtbot, window, grid, client):
    welcome = requests.get(grid.node_url, timeout=30).text  # what the grid says, asked directly
    expected_node = f"tahoe-lafs/{metadata.version('tahoe-lafs')}"
    assert expected_node in welcome
    assert client.node_version() == expected_node

    dialog = open_about(window)
    node = dialog.findChild(QLabel, "aboutNodeVersion")
    qtbot.waitUntil(lambda: "asking" not in node.text(), timeout=15000)
    assert node.text().startswith(expected_node)
    assert grid.node_url.rstrip("/") in node.text()
    assert label(dialog, "aboutTahoeguiVersion") == metadata.version("tahoegui")
    assert label(dialog, "aboutQtVersion") == qVersion()
    assert label(dialog, "aboutPySideVersion") == PySide6.__version__
    assert label(dialog, "aboutPythonVersion") == platform.python_version()
    text = all_text(dialog)
    assert "GPL-2.0-or-later" in text and f'href="{PROJECT_URL}"' in text

    window.findChild(QAction, "actionAbout").trigger()  # a second About brings back the first
    assert [d for d in window.findChildren(QDialog, "aboutDialog") if d.isVisible()] == [dialog]
    dialog.close()


def test_about_says_not_connected_before_the_window_has_a_node(qtbot, local_root):
    window = MainWindow(local_root)
    qtbot.addWidget(window)
    dialog = open_about(window)
    assert label(dialog, "aboutNodeVersion") == "not connected"
    assert label(dialog, "aboutQtVersion") == qVersion()
    dialog.close()


def test_about_says_not_connected_when_the_node_does_not_answer(qtbot, local_root):
    window = build_main_window(["-u", f"http://127.0.0.1:{free_port()}/", "--local-root", str(local_root)])
    qtbot.addWidget(window)
    dialog = open_about(window)
    node = dialog.findChild(QLabel, "aboutNodeVersion")
    qtbot.waitUntil(lambda: node.text().startswith("not connected:"), timeout=15000)
    dialog.close()
    window.close()
