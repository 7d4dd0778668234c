"""A copy job: runs the copier off the UI thread and reports progress as (throttled) Qt signals."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from enum import Enum

from PySide6.QtCore import QObject, QRunnable, Signal

from tahoegui.copier import CancelToken, CopyOptions, CopyResult, ProgressEvent
from tahoegui.copier import copy as copier_copy
from tahoegui.grid.client import GridClient
from tahoegui.grid.errors import internal_error
from tahoegui.grid.redact import redact
from tahoegui.jobs.throttle import ProgressThrottle

log = logging.getLogger(__name__)

CopyFunction = Callable[..., CopyResult]


class JobState(Enum):
    WAITING = "waiting"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    CANCELLED = "cancelled"


class CopyJob(QObject):
    """One `tahoe cp -r SOURCES TARGET`. Signals arrive on the UI thread; `run()` is for a worker."""

    progressed = Signal(object)  # ProgressEvent, at most ~10 a second
    stateChanged = Signal()
    finished = Signal(object)  # CopyResult

    def __init__(
        self,
        sources: Sequence[str],
        target: str,
        description: str,
        *,
        client_factory: Callable[[], GridClient],
        aliases: Mapping[str, str],
        copy_fn: CopyFunction = copier_copy,
        options: CopyOptions | None = None,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.options = options or CopyOptions(recursive=True)
        self.sources = list(sources)
        self.target = target
        self.description = redact(description)
        self.client_factory = client_factory
        self.aliases = dict(aliases)
        self.copy_fn = copy_fn
        self.cancel_token = CancelToken()
        self.state = JobState.WAITING
        self.last_event: ProgressEvent | None = None
        self.result: CopyResult | None = None
        self.progressed.connect(self._remember)
        self.finished.connect(self._finish)

    def cancel(self) -> None:
        """Ask the copier to stop; it leaves no partial files behind."""
        self.cancel_token.cancel()

    @property
    def is_active(self) -> bool:
        return self.state in (JobState.WAITING, JobState.RUNNING)

    def run(self) -> None:
        """The worker's part: never raises, always ends with `finished`."""
        if self.cancel_token.cancelled:
            self.finished.emit(CopyResult(cancelled=True))
            return
        self._set_state_from_worker()
        throttle = ProgressThrottle(self.progressed.emit)
        client = None
        try:
            client = self.client_factory()
            result = self.copy_fn(
                self.sources,
                self.target,
                client=client,
                aliases=self.aliases,
                options=self.options,
                progress=throttle,
                cancel=self.cancel_token,
            )
        except Exception as e:
            log.exception("copy job failed: %s", self.description)
            result = CopyResult(error=internal_error(e))
        finally:
            if client is not None:
                client.close()
        throttle.flush()
        # A cancel that came once the grid folder was being written does not undo it: the
        # copier's result says what happened, and the window shows that, not "cancelled".
        self.finished.emit(result)

    def _set_state_from_worker(self) -> None:
        # Only the UI thread touches `state`; tell it via a queued signal.
        self.progressed.emit(ProgressEvent(phase="examining", message="starting"))

    def _remember(self, event: ProgressEvent) -> None:
        self.last_event = event
        if self.state is JobState.WAITING:
            self.state = JobState.RUNNING
            self.stateChanged.emit()

    def _finish(self, result: CopyResult) -> None:
        self.result = result
        if result.cancelled:
            self.state = JobState.CANCELLED
        elif result.ok:
            self.state = JobState.DONE
        else:
            self.state = JobState.FAILED
        self.stateChanged.emit()


class CopyRunnable(QRunnable):
    """Runs one job on a pool thread."""

    def __init__(self, job: CopyJob):
        super().__init__()
        self.job = job

    def run(self) -> None:
        self.job.run()
