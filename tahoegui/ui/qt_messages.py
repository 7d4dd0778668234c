"""Qt's own messages (its warnings about widgets, fonts, the platform) go into the log file,
not onto the terminal: the terminal gets only tahoegui's own one-line messages."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QMessageLogContext, QtMsgType, qInstallMessageHandler

from tahoegui.logs import FILE_ONLY

log = logging.getLogger("tahoegui.qt")

_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}

MessageHandler = Callable[[QtMsgType, QMessageLogContext, str], Any]


def log_qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's message handler: one log record per message (Qt may call it from any thread)."""
    level = _LEVELS.get(kind, logging.WARNING)
    category = context.category if context is not None and context.category not in (None, "default") else None
    log.log(level, "Qt%s: %s", f" ({category})" if category else "", message, extra=FILE_ONLY)


def install_qt_message_handler() -> MessageHandler | None:
    """Send Qt's messages to the log from now on; answers the handler that was there before."""
    previous: MessageHandler | None = qInstallMessageHandler(log_qt_message)
    return previous
