"""Logging for tahoegui's programs: one line per problem on stderr, details in a file.

Tracebacks never reach the terminal; they go, redacted, to the program's log file
(`tahoegui.log` for the window, `tahoegui-cli.log` for the command-line tools), which
the one-line messages and the window's error texts point to.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TextIO

from tahoegui import paths
from tahoegui.grid.redact import install_log_redaction, redact

_MARK = "_tahoegui_cli_handler"
LOG_MAX_BYTES = 1024 * 1024  # past this a program starts a fresh log, keeping two older ones
LOG_BACKUPS = 2
# `log.warning(..., extra=FILE_ONLY)`: for the log file, not the terminal (Qt's own messages)
FILE_ONLY = {"tahoegui_file_only": True}


def log_file_path(program: str = "tahoegui-cli") -> Path:
    """The program's log file, under the user's log directory (see paths.py)."""
    return paths.log_file(program)


class _OneLine(logging.Formatter):
    """`warning: message`, with no traceback."""

    def __init__(self, log_file: Path):
        super().__init__()
        self.log_file = log_file

    def format(self, record: logging.LogRecord) -> str:
        text = f"{record.levelname.lower()}: {record.getMessage()}"
        if record.exc_info:
            text += f" (details in {self.log_file})"
        return text


class _Redacting(logging.Formatter):
    """The full record, traceback included, with every cap in it redacted."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def configure_logging(stderr: TextIO, program: str = "tahoegui-cli") -> None:
    """Send tahoegui's warnings to `stderr` as one-liners and, with tracebacks, to the
    program's log file. Idempotent: a second call replaces the handlers of the first."""
    install_log_redaction()
    path = log_file_path(program)
    logger = logging.getLogger("tahoegui")
    for handler in [h for h in logger.handlers if getattr(h, _MARK, False)]:
        logger.removeHandler(handler)
        handler.close()
    console = logging.StreamHandler(stderr)
    console.setLevel(logging.WARNING)
    console.setFormatter(_OneLine(path))
    console.addFilter(lambda record: not getattr(record, "tahoegui_file_only", False))
    handlers: list[logging.Handler] = [console]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _rotate_if_large(path)
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


def _rotate_if_large(path: Path) -> None:
    """Start a fresh log when the last one is over LOG_MAX_BYTES, keeping LOG_BACKUPS older
    ones. Done once, as a program starts: several programs (windows, tahoegui-cp runs)
    append to the same file, and rotating while another holds it open would lose lines."""
    try:
        if path.stat().st_size <= LOG_MAX_BYTES:
            return
        for n in range(LOG_BACKUPS, 0, -1):
            older = path.with_name(f"{path.name}.{n}")
            newer = path.with_name(f"{path.name}.{n - 1}") if n > 1 else path
            if newer.exists():
                os.replace(newer, older)
    except OSError:
        pass  # no log yet, or another program rotated it a moment ago
