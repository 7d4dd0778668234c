"""Help → About: the versions of tahoegui, Qt, PySide6, Python and the connected node,
the license and the project's address. The node is asked off the UI thread."""

from __future__ import annotations

import platform
from collections.abc import Callable

import PySide6
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from tahoegui.grid.client import GridClient
from tahoegui.grid.redact import redact
from tahoegui.jobs.background import BackgroundRunner
from tahoegui.ui.app_icon import app_icon
from tahoegui.version import LICENSE, PROJECT_URL, version

NOT_CONNECTED = "not connected"


class AboutDialog(QDialog):
    """What runs here, in labels a user can select and copy into a bug report."""

    def __init__(self, runner: BackgroundRunner, client: GridClient | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle("About tahoegui")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        icon = QLabel(self)
        icon.setPixmap(app_icon().pixmap(64, 64))
        title = QLabel(f"<h2>tahoegui {version()}</h2>A dual-pane file manager for Tahoe-LAFS grids.", self)
        header = QHBoxLayout()
        header.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(title, 1)

        versions = QFormLayout()
        self.tahoegui_version = self._value("aboutTahoeguiVersion", version())
        self.qt_version = self._value("aboutQtVersion", qVersion())
        self.pyside_version = self._value("aboutPySideVersion", PySide6.__version__)
        self.python_version = self._value("aboutPythonVersion", platform.python_version())
        self.node_version = self._value("aboutNodeVersion", NOT_CONNECTED if client is None else "asking the node…")
        for label, value in (
            ("tahoegui:", self.tahoegui_version),
            ("Qt:", self.qt_version),
            ("PySide6:", self.pyside_version),
            ("Python:", self.python_version),
            ("Node:", self.node_version),
        ):
            versions.addRow(label, value)

        notice = QLabel(
            f"Free software under the GNU General Public License, version 2 or later ({LICENSE}).<br>"
            f'<a href="{PROJECT_URL}">{PROJECT_URL}</a>',
            self,
        )
        notice.setObjectName("aboutNotice")
        notice.setOpenExternalLinks(True)
        notice.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addLayout(versions)
        layout.addSpacing(8)
        layout.addWidget(notice)
        layout.addWidget(buttons)

        if client is not None:
            node = redact(client.node_url)
            runner.submit(client.node_version, lambda v: self._node_answered(v, node), self._node_failed)

    def _value(self, name: str, text: str) -> QLabel:
        label = QLabel(text, self)
        label.setObjectName(name)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def _node_answered(self, node_version: str | None, node_url: str) -> None:
        self.node_version.setText(f"{node_version or 'version unknown'} at {node_url}")

    def _node_failed(self, message: str) -> None:
        self.node_version.setText(f"{NOT_CONNECTED}: {redact(message)}")


def show_about(parent: QWidget, runner: BackgroundRunner, client: GridClient | None) -> AboutDialog:
    """Open the About box (or bring back the one already open)."""
    for dialog in parent.findChildren(AboutDialog, "aboutDialog"):
        if dialog.isVisible():
            dialog.raise_()
            dialog.activateWindow()
            return dialog
    dialog = AboutDialog(runner, client, parent)
    dialog.show()
    return dialog


def add_help_menu(window: QMainWindow, runner: BackgroundRunner, client: Callable[[], GridClient | None]) -> None:
    """The window's Help menu: About tahoegui (`actionAbout`) and About Qt. `client` answers the
    node the window talks to when About is chosen (None before it has one)."""
    menu = window.menuBar().addMenu("&Help")
    about = QAction("&About tahoegui", window)
    about.setObjectName("actionAbout")
    about.setMenuRole(QAction.MenuRole.AboutRole)
    about.triggered.connect(lambda: show_about(window, runner, client()))
    menu.addAction(about)
    about_qt = QAction("About &Qt", window)
    about_qt.setObjectName("actionAboutQt")
    about_qt.setMenuRole(QAction.MenuRole.AboutQtRole)
    about_qt.triggered.connect(QApplication.aboutQt)
    menu.addAction(about_qt)
