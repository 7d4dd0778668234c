"""Crashes met with a dialog: something went wrong, the log is there, here are the details.

`install_crash_handlers(window)` makes crash.py's handler the process's exception hooks
(the window's slots, its worker threads) and the qasync loop's exception handler (the
callbacks of background calls). Reports may come from any thread: a queued signal brings
them to the UI thread, where one non-modal dialog collects them. The window keeps running.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from tahoegui.crash import CrashHandler, CrashReport
from tahoegui.jobs.event_loop import qt_event_loop
from tahoegui.logs import log_file_path

MAX_KEPT = 20  # a burst of hundreds keeps its count, and the details of the first few


class CrashDialog(QDialog):
    """Says that something went wrong and where the log is, and copies the redacted details.
    Further crashes while it is open are added to it, not shown in dialogs of their own."""

    def __init__(self, log_path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle("tahoegui — something went wrong")
        self.setModal(False)
        self.resize(620, 380)
        self.log_path = log_path
        self.reports: list[CrashReport] = []
        self.count = 0

        self.summary = QLabel(self)
        self.summary.setObjectName("crashSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QPlainTextEdit(self)
        self.details.setObjectName("crashDetails")
        self.details.setReadOnly(True)
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = buttons.addButton("Copy details", QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setObjectName("copyCrashDetails")
        self.copy_button.setToolTip("Copy the details (with caps left out) to the clipboard, to report the problem")
        self.copy_button.clicked.connect(self.copy_details)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.details)
        layout.addWidget(buttons)
        self.finished.connect(self._forget)

    def add(self, report: CrashReport) -> None:
        """Show one more crash: the newest in the headline, all kept ones in the details."""
        self.count += 1
        if len(self.reports) < MAX_KEPT:
            self.reports.append(report)
            self.details.setPlainText(self.details_text())
        times = f" ({self.count} times)" if self.count > 1 else ""
        self.summary.setText(
            f"Something went wrong in {report.where}{times}: {report.summary}\n\n"
            "tahoegui keeps running, but what you were doing may not have finished.\n"
            f"The details are in the log: {self.log_path}"
        )

    def details_text(self) -> str:
        text = "\n".join(f"In {r.where}:\n{r.details}" for r in self.reports)
        if self.count > len(self.reports):
            text += f"\n… and {self.count - len(self.reports)} more (see the log)\n"
        return text

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details_text())

    def _forget(self) -> None:
        """Closed: the next crash starts a fresh list."""
        self.reports.clear()
        self.count = 0


class CrashRelay(QObject):
    """Carries reports from any thread to the UI thread (a queued signal), where it shows
    them in the one dialog."""

    reported = Signal(object)  # CrashReport

    def __init__(self, window: QWidget | None, log_path: Path):
        super().__init__(QCoreApplication.instance())  # outlives the window
        self.window = window
        self.log_path = log_path
        self.dialog: CrashDialog | None = None
        self.reported.connect(self._show, Qt.ConnectionType.QueuedConnection)

    @Slot(object)
    def _show(self, report: CrashReport) -> None:
        if self.dialog is None or not shiboken6.isValid(self.dialog):
            alive = self.window is not None and shiboken6.isValid(self.window)
            self.dialog = CrashDialog(self.log_path, self.window if alive else None)
        self.dialog.add(report)
        self.dialog.show()
        self.dialog.raise_()


@dataclass
class CrashHandlers:
    """What install_crash_handlers() put in place, so a test can take it away again."""

    handler: CrashHandler
    relay: CrashRelay
    loop: asyncio.AbstractEventLoop

    def uninstall(self) -> None:
        self.handler.uninstall()
        self.loop.set_exception_handler(None)
        self.relay.deleteLater()


def install_crash_handlers(window: QWidget | None = None) -> CrashHandlers:
    """From now on an uncaught exception anywhere is logged (redacted) and shown in the
    crash dialog over `window`. A QApplication must exist."""
    relay = CrashRelay(window, log_file_path("tahoegui"))
    handler = CrashHandler(relay.reported.emit)  # emit is safe from any thread
    handler.install()
    loop = qt_event_loop()

    def loop_exception(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        exc = context.get("exception")
        if isinstance(exc, BaseException):
            handler.handle(type(exc), exc, exc.__traceback__, "the window")
        else:
            loop.default_exception_handler(context)

    loop.set_exception_handler(loop_exception)
    return CrashHandlers(handler, relay, loop)
