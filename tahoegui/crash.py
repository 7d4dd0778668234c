"""Uncaught exceptions: logged with their traceback (redacted), then handed on to be shown.

`CrashHandler` becomes `sys.excepthook` (which PySide6 also calls for an exception in a
slot) and `threading.excepthook`. It logs first, so the log has the traceback even if
showing it fails, then calls `notify` with a `CrashReport`, from whatever thread the
exception happened in: the one who shows it must bring it to its own thread. No Qt.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType

from tahoegui.grid.redact import install_log_redaction, redact

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CrashReport:
    """One uncaught exception, with every cap in it redacted: fit to show and to copy."""

    where: str  # "the window", "thread 'tahoegui-io_0'"
    summary: str  # "ValueError: the message"
    details: str  # the whole traceback


def crash_report(
    exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None, where: str
) -> CrashReport:
    """The report of one exception, redacted."""
    summary = "".join(traceback.format_exception_only(exc_type, exc)).strip()
    details = "".join(traceback.format_exception(exc_type, exc, tb))
    return CrashReport(where, redact(summary), redact(details))


class CrashHandler:
    """Catches what nothing else caught, in any thread: logs it and calls `notify`.

    Ctrl-C (KeyboardInterrupt) and SystemExit are not crashes: they go to the hook that
    was there before. `notify` must be safe to call from any thread and must not block.
    """

    def __init__(self, notify: Callable[[CrashReport], None]) -> None:
        self.notify = notify
        self._previous_excepthook = sys.excepthook
        self._previous_threading_hook = threading.excepthook
        self._handling = threading.local()  # an exception while handling one must not loop

    def install(self) -> None:
        """Become `sys.excepthook` and `threading.excepthook` (uninstall() puts the old ones back)."""
        install_log_redaction()  # the traceback in the record is redacted as it is made
        self._previous_excepthook = sys.excepthook
        self._previous_threading_hook = threading.excepthook
        sys.excepthook = self.excepthook
        threading.excepthook = self.threading_excepthook

    def uninstall(self) -> None:
        if sys.excepthook == self.excepthook:
            sys.excepthook = self._previous_excepthook
        if threading.excepthook == self.threading_excepthook:
            threading.excepthook = self._previous_threading_hook

    def excepthook(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, (KeyboardInterrupt, SystemExit)):
            self._previous_excepthook(exc_type, exc, tb)
            return
        where = "the window" if threading.current_thread() is threading.main_thread() else _thread_name()
        self.handle(exc_type, exc, tb, where)

    def threading_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if issubclass(args.exc_type, (KeyboardInterrupt, SystemExit)):
            self._previous_threading_hook(args)
            return
        where = f"thread '{args.thread.name}'" if args.thread is not None else _thread_name()
        self.handle(args.exc_type, args.exc_value, args.exc_traceback, where)

    def handle(
        self, exc_type: type[BaseException], exc: BaseException | None, tb: TracebackType | None, where: str
    ) -> None:
        """Log one uncaught exception with its traceback, then pass its report to `notify`."""
        if exc is None:  # threading may pass a type alone; the traceback module needs a value
            exc = exc_type()
        if getattr(self._handling, "active", False):  # the handling itself failed: just log it
            log.error("uncaught exception while handling another in %s", where, exc_info=(exc_type, exc, tb))
            return
        self._handling.active = True
        try:
            log.error("uncaught exception in %s", where, exc_info=(exc_type, exc, tb))
            try:
                self.notify(crash_report(exc_type, exc, tb, where))
            except Exception:
                log.exception("could not show an uncaught exception")
        finally:
            self._handling.active = False


def _thread_name() -> str:
    return f"thread '{threading.current_thread().name}'"
