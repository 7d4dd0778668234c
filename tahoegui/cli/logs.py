"""Logging for the command-line tools: one line per problem on stderr, details in a file.

Tracebacks never reach the terminal; they go, redacted, to the log file that the
one-line messages point to.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TextIO

import platformdirs

from tahoegui.grid.redact import install_log_redaction, redact

_MARK = "_tahoegui_cli_handler"


def log_file_path() -> Path:
    return Path(platformdirs.user_log_dir("tahoegui")) / "tahoegui-cli.log"


class _OneLine(logging.Formatter):
    """`warning: message`, with no traceback."""

    def format(self, record: logging.LogRecord) -> str:
        text = f"{record.levelname.lower()}: {record.getMessage()}"
        if record.exc_info:
            text += f" (details in {log_file_path()})"
        return text


class _Redacting(logging.Formatter):
    """The full record, traceback included, with every cap in it redacted."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def configure_cli_logging(stderr: TextIO) -> None:
    """Send tahoegui's warnings to `stderr` as one-liners and everything to the log file.
    Idempotent: a second call replaces the handlers of the first."""
    install_log_redaction()
    logger = logging.getLogger("tahoegui")
    for handler in [h for h in logger.handlers if getattr(h, _MARK, False)]:
        logger.removeHandler(handler)
        handler.close()
    console = logging.StreamHandler(stderr)
    console.setLevel(logging.WARNING)
    console.setFormatter(_OneLine())
    handlers: list[logging.Handler] = [console]
    try:
        path = log_file_path()
        path.parent.mkdir(parents=True, exist_ok=True)
        file_handler = logging.FileHandler(path, encoding="utf-8", delay=True)
        file_handler.setLevel(logging.WARNING)
        file_handler.setFormatter(_Redacting("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        handlers.append(file_handler)
    except OSError:
        pass  # no writable log directory: the one-liners still reach the user
    for handler in handlers:
        setattr(handler, _MARK, True)
        logger.addHandler(handler)
    if logger.level == logging.NOTSET or logger.level > logging.WARNING:
        logger.setLevel(logging.WARNING)
