"""Crashes are caught: a slot, a worker thread or a background callback that raises shows one
dialog, the window keeps working, and the log has the traceback with no cap in it.

pytest-qt turns exceptions in slots into test failures; these tests switch that off
(`qt_no_exception_capture`) so that the exceptions reach the handlers the app installs.
"""

from __future__ import annotations

import io
import logging
import threading

import pytest
from PySide6.QtCore import QObject, QTimer, Signal, qInstallMessageHandler, qWarning
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QPushButton

from tahoegui import logs, paths
from tahoegui.ui.crash_dialog import CrashDialog, install_crash_handlers
from tahoegui.ui.qt_messages import install_qt_message_handler
from tests.gui.helpers import grid_index

pytestmark = [pytest.mark.grid, pytest.mark.qt_no_exception_capture]

CAP = "URI:DIR2:" + "e" * 26 + ":" + "f" * 52


@pytest.fixture
def terminal(monkeypatch, tmp_path):
    """The app's logging, as main() sets it up, into a log directory of this test's own;
    yields what reached the terminal."""
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    stderr = io.StringIO()
    logs.configure_logging(stderr, program="tahoegui")
    yield stderr
    owner = logging.getLogger("tahoegui")
    for handler in [h for h in owner.handlers if getattr(h, logs._MARK, False)]:
        owner.removeHandler(handler)
        handler.close()


@pytest.fixture
def crashes(window, terminal):
    """The window with the crash handlers main() installs."""
    installed = install_crash_handlers(window)
    yield window
    installed.uninstall()


def log_text() -> str:
    path = paths.log_file("tahoegui")
    return path.read_text(encoding="utf-8") if path.exists() else ""


def crash_dialogs(window) -> list[CrashDialog]:
    return [d for d in window.findChildren(QDialog, "crashDialog") if d.isVisible()]


class Button(QObject):
    clicked = Signal()


def raise_with_cap() -> None:
    raise ValueError(f"the listing of {CAP}/photos made no sense")


def test_an_exception_in_a_slot_shows_the_dialog_and_the_window_keeps_working(
    qtbot, crashes, terminal, client, fresh_dir, local_root
):
    window = crashes
    button = Button()
    button.clicked.connect(raise_with_cap)
    button.clicked.emit()

    qtbot.waitUntil(lambda: len(crash_dialogs(window)) == 1, timeout=5000)
    [dialog] = crash_dialogs(window)
    assert not dialog.isModal()
    summary = dialog.findChild(QLabel, "crashSummary").text()
    assert "Something went wrong" in summary and "ValueError" in summary
    assert str(paths.log_file("tahoegui")) in summary
    assert "URI:" not in summary + dialog.details.toPlainText()

    dialog.findChild(QPushButton, "copyCrashDetails").click()
    copied = QGuiApplication.clipboard().text()
    assert "raise_with_cap" in copied and "<DIR2:eeee…>/photos" in copied and "URI:" not in copied

    text = log_text()
    assert "uncaught exception in the window" in text and "Traceback" in text and "raise_with_cap" in text
    assert "<DIR2:eeee…>" in text and "URI:" not in text
    assert terminal.getvalue() == f"error: uncaught exception in the window (details in {paths.log_file('tahoegui')})\n"

    # the window still works: the grid pane lists a new folder, the local pane navigates
    client.mkdir(fresh_dir, "after-the-crash")
    window.grid_pane.refresh()
    grid_index(qtbot, window, "after-the-crash")
    (local_root / "still-here").mkdir()
    window.local_pane.nav.locationEntered.emit(str(local_root / "still-here"))
    assert window.local_pane.current_path() == str(local_root / "still-here")


def test_an_exception_in_a_worker_thread_reaches_the_dialog_through_the_ui_thread(qtbot, crashes):
    window = crashes
    worker = threading.Thread(target=raise_with_cap, name="tahoegui-worker")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: len(crash_dialogs(window)) == 1, timeout=5000)
    [dialog] = crash_dialogs(window)
    assert dialog.thread() is QApplication.instance().thread()
    assert "thread 'tahoegui-worker'" in dialog.findChild(QLabel, "crashSummary").text()
    assert "uncaught exception in thread 'tahoegui-worker'" in log_text()


def test_an_exception_in_a_background_calls_callback_shows_the_dialog(qtbot, crashes):
    window = crashes

    def answer_handled_badly(answer: int) -> None:
        raise KeyError(f"no such answer {answer} under {CAP}")

    window.runner.submit(lambda: 42, answer_handled_badly)
    qtbot.waitUntil(lambda: len(crash_dialogs(window)) == 1, timeout=10000)
    assert "KeyError" in crash_dialogs(window)[0].findChild(QLabel, "crashSummary").text()
    assert "answer_handled_badly" in log_text() and "URI:" not in log_text()


def test_a_burst_of_exceptions_fills_one_dialog_not_a_pile(qtbot, crashes):
    window = crashes
    for _ in range(5):
        QTimer.singleShot(0, raise_with_cap)
    qtbot.waitUntil(lambda: bool(crash_dialogs(window)) and crash_dialogs(window)[0].count == 5, timeout=5000)
    assert len(window.findChildren(QDialog, "crashDialog")) == 1
    [dialog] = crash_dialogs(window)
    assert "(5 times)" in dialog.findChild(QLabel, "crashSummary").text()
    assert dialog.details.toPlainText().count("Traceback") == 5

    dialog.close()  # the next crash after closing starts a fresh list, in the same dialog
    QTimer.singleShot(0, raise_with_cap)
    qtbot.waitUntil(lambda: len(crash_dialogs(window)) == 1, timeout=5000)
    assert crash_dialogs(window)[0].count == 1
    assert len(window.findChildren(QDialog, "crashDialog")) == 1


@pytest.mark.no_qt_log  # pytest-qt would capture Qt's messages itself
def test_qt_warnings_go_to_the_log_file_not_the_terminal(terminal):
    previous = install_qt_message_handler()
    try:
        qWarning(f"QFont: a warning from Qt about {CAP}")
    finally:
        qInstallMessageHandler(previous)
    text = log_text()
    assert "WARNING tahoegui.qt: Qt: QFont: a warning from Qt about <DIR2:eeee…>" in text
    assert "URI:" not in text
    assert terminal.getvalue() == ""
