"""The asyncio event loop that runs inside Qt's own loop (qasync), shared by the whole app.

Coroutines and executor results are delivered on the UI thread by Qt's event dispatch,
so the same code works under `app.exec()`, under pytest-qt and in the benchmarks.
"""

from __future__ import annotations

import asyncio

import qasync
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

_loop: qasync.QEventLoop | None = None
_loop_app: QCoreApplication | None = None


def qt_event_loop() -> qasync.QEventLoop:
    """The app's qasync loop, made on first use for the running QApplication.

    `already_running=True`: Qt's loop (app.exec(), or pytest-qt's waiting) drives it;
    we never call run_forever ourselves.
    """
    global _loop, _loop_app
    app = QApplication.instance()
    if app is None:
        raise RuntimeError("a QApplication must exist before the event loop is used")
    if _loop is None or _loop.is_closed() or _loop_app is not app:
        _loop, _loop_app = qasync.QEventLoop(app, already_running=True), app
        asyncio.set_event_loop(_loop)
    return _loop
